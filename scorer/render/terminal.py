"""Terminal renderer: the ranked report as rich tables."""

from __future__ import annotations

from typing import Any

from scorer.render.report import format_value

# Rows of the subjects table at least (more with --top).
_MIN_ROWS = 20
# Claims a subject's detail shows, and outlets the outlet table shows: a terminal is
# read, not searched; the files hold them all.
_CLAIM_ROWS = 15
_OUTLET_ROWS = 20


def _shown_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims a subject's detail shows, heaviest first: the claim speaking for
    each voice, then its echoes, up to ``_CLAIM_ROWS``."""
    seen: set[Any] = set()
    speaking, echoes = [], []
    for claim in claims:  # already heaviest first
        voice = claim.get("voice")
        (echoes if voice in seen else speaking).append(claim)
        seen.add(voice)
    return (speaking + echoes)[:_CLAIM_ROWS]


def render_terminal(report: dict[str, Any], console: Any) -> None:
    """Print the report to a rich console."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title="Subjects, most disputed first", title_justify="left", expand=False
    )
    for name, justify in (
        ("rank", "right"),
        ("subject", "left"),
        ("score", "right"),
        ("values", "left"),
        ("voices", "right"),
        ("claims", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    # A terminal shows the head of the ranking; the files hold every subject.
    shown = report["subjects"][: max(report["top"], _MIN_ROWS)]
    hidden = len(report["subjects"]) - len(shown)
    if hidden:
        table.caption = (
            f"{hidden:,} more subject{'' if hidden == 1 else 's'}, less disputed: "
            "all are in subjects.csv and report.md (-o), or show more with --top"
        )
    for s in shown:
        table.add_row(
            str(s["rank"]),
            escape(s["label"]),
            f"{s['window_disagreement']:.2f}",
            escape(format_value(s["low"], s["high"], s["unit"])),
            str(s["n_origins"]),
            str(s["n_claims"]),
        )
    console.print(table)
    for s in report["subjects"][: report["top"]]:
        if s["n_origins"] < 2:
            continue
        detail = Table(
            title=f"{s['rank']}. {escape(s['label'])}  "
            f"score {s['window_disagreement']:.2f}",
            title_justify="left",
        )
        for name in ("outlet", "value", "chain", "distance", "weight"):
            detail.add_column(name)
        shown_claims = _shown_claims(s["claims"])
        more = len(s["claims"]) - len(shown_claims)
        if more:
            detail.caption = (
                f"{more:,} more claim{'' if more == 1 else 's'}: all are in "
                f"claims.csv (-o), or `scorer explain {s['rank']} --run OUTDIR`"
            )
        for c in shown_claims:
            detail.add_row(
                escape(str(c["outlet"])),
                escape(format_value(c["low"], c["high"], "")),
                escape(str(c["chain"])),
                f"{c['distance']:g}",
                f"{c['weight']:.2f}",
            )
        console.print(detail)
    outlets = Table(title="Outlets", title_justify="left")
    components = ("proximity", "sourcing", "fidelity", "independence", "agreement")
    for name in ("outlet", "credibility", *components, "claims"):
        outlets.add_column(name)
    hidden_outlets = len(report["outlets"]) - _OUTLET_ROWS
    if hidden_outlets > 0:
        outlets.caption = (
            f"{hidden_outlets:,} more outlet{'' if hidden_outlets == 1 else 's'}: "
            "all are in outlets.csv (-o)"
        )
    for o in report["outlets"][:_OUTLET_ROWS]:
        outlets.add_row(
            escape(str(o["outlet"])),
            "–" if o["credibility"] is None else f"{o['credibility']:.2f}",
            *("–" if o[c] is None else f"{o[c]:.2f}" for c in components),
            str(o["n_claims"]),
        )
    console.print(outlets)
