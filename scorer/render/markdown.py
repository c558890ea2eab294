"""Markdown renderer: tables that read well on a code-hosting site."""

from __future__ import annotations

from typing import Any

from scorer.render.report import format_value


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Only "<" can open markup; ">" stays readable in chains ("outlet > AP").
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _score(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def render_markdown(report: dict[str, Any]) -> str:
    """The ranked report as Markdown."""
    summary = report["summary"]
    lines = [
        "# Disagreement report",
        "",
        f"{summary['documents_read']} documents read, "
        f"{summary['documents_skipped']} skipped; "
        f"{summary['claims']} claims in {summary['subjects']} subjects, "
        f"{summary['contested']} contested; {summary['outlets']} outlets.",
        "",
        "## Subjects",
        "",
    ]
    lines += _table(
        ["rank", "subject", "score", "all-time", "values", "voices", "claims"],
        [
            [
                s["rank"],
                s["label"],
                _score(s["window_disagreement"]),
                _score(s["disagreement"]),
                format_value(s["low"], s["high"], s["unit"]),
                s["n_origins"],
                s["n_claims"],
            ]
            for s in report["subjects"]
        ],
    )
    for subject in report["subjects"][: report["top"]]:
        lines += [
            "",
            f"### {subject['rank']}. {_cell(subject['label'])}",
            "",
            f"`{subject['subject']}` · score {_score(subject['window_disagreement'])} "
            f"(dispersion {_score(subject['dispersion_part'])}, gap "
            f"{_score(subject['gap_part'])}, "
            f"voices {_score(subject['voices_part'])}) · "
            "centre "
            f"{format_value(subject['centre'], subject['centre'], subject['unit'])} · "
            f"{subject['n_origins']} voices, {subject['n_claims']} claims"
            + _out_of_scale(subject),
            "",
        ]
        lines += _table(
            ["outlet", "value", "chain", "distance", "weight", "quote"],
            [
                [
                    c["outlet"],
                    format_value(c["low"], c["high"]),
                    c["chain"],
                    c["distance"],
                    _score(c["weight"]),
                    c["quote"],
                ]
                for c in subject["claims"]
            ],
        )
    lines += ["", "## Outlets", ""]
    components = ["proximity", "sourcing", "fidelity", "independence", "agreement"]
    lines += _table(
        ["outlet", "credibility", *components, "claims"],
        [
            [
                o["outlet"],
                _score(o["credibility"]),
                *(_score(o[c]) for c in components),
                o["n_claims"],
            ]
            for o in report["outlets"]
        ],
    )
    return "\n".join(lines) + "\n"


def _out_of_scale(subject: dict) -> str:
    if subject.get("status") == "incomparable":
        return " · incomparable: two voices too far apart to be one quantity"
    if subject.get("status") == "part":
        return " · its figures add up to a figure of another subject, left out as parts"
    n = subject.get("n_out_of_scale") or 0
    vague = subject.get("n_vague") or 0
    return (f" · {n} out of scale, left out" if n else "") + (
        f" · {vague} vague, left out" if vague else ""
    )
