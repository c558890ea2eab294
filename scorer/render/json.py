"""JSON renderer: the report as stable sorted JSON (byte-identical for the same run)."""

from __future__ import annotations

from typing import Any


def render_json(report: dict[str, Any]) -> str:
    """Serialise a report built by :func:`scorer.render.report.build_report`."""
    return json_bytes(report).decode("utf-8")


def json_bytes(report: dict[str, Any]) -> bytes:
    """The report as UTF-8 JSON, ready to write (a large report is not decoded to
    text only to be encoded again).

    orjson rather than the standard library: with indentation the standard encoder
    falls back to pure Python, which took seconds on a report of 100,000 claims."""
    import orjson

    return (
        orjson.dumps(report, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    )
