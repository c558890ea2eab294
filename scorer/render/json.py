"""JSON renderer: the report as stable sorted JSON (byte-identical for the same run)."""

from __future__ import annotations

import json
from typing import Any


def render_json(report: dict[str, Any]) -> str:
    """Serialise a report built by :func:`scorer.render.report.build_report`."""
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
