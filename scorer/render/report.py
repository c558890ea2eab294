"""The report as plain data: what every renderer shows, built once from a run."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from scorer.model import SCORE_PART_COLUMNS, SUBJECT_COLUMNS

if TYPE_CHECKING:
    from scorer.pipeline import RunResult

_CLAIM_FIELDS = (
    "doc_id",
    "outlet",
    "quote",
    "low",
    "high",
    "unit",
    "qualifier",
    "hedged",
    "chain",
    "origin",
    "origin_kind",
    "distance",
    "weight",
    "voice",
    "published",
    "start",
    "end",
)
_SUBJECT_FIELDS = SUBJECT_COLUMNS + SCORE_PART_COLUMNS


def clean(value: Any) -> Any:
    """JSON-safe scalars: NaN becomes None, numpy numbers become Python numbers."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        return _clean_float(value)
    return value


def _clean_float(value: Any) -> float | None:
    """A float rounded to six places; NaN, infinities and pandas' NA become None."""
    if not isinstance(value, float) or math.isnan(value) or math.isinf(value):
        return None
    return round(value, 6)


def _records(frame, fields: tuple[str, ...]) -> list[dict[str, Any]]:  # noqa: ANN001
    """Rows of ``frame`` as JSON-safe dicts, column by column (``tolist`` gives
    Python scalars at C speed; only float columns need a pass of their own)."""
    present = [f for f in fields if f in frame.columns]
    columns = []
    for name in present:
        series = frame[name]
        values = series.tolist()
        if series.dtype.kind in "iub" or (
            series.dtype == "string" and not series.isna().any()
        ):
            columns.append(values)  # Python ints, bools and strings already
            continue
        clean_one = _clean_float if series.dtype.kind == "f" else clean
        columns.append([clean_one(v) for v in values])
    if not columns:
        return [{} for _ in range(len(frame))]
    rows = zip(*columns, strict=True)
    return [dict(zip(present, row, strict=True)) for row in rows]


def build_report(result: RunResult, top: int | None = None) -> dict[str, Any]:
    """The whole report as a dict: summary, ranked subjects with their claims, outlets,
    documents. Deterministic for the same input and config."""
    top = top if top is not None else result.config.report.top
    claims = result.claims
    # Every claim's record is made in one pass over the columns, then dealt to its
    # subject in table order (a pass per subject cost a frame slice each).
    by_subject: dict[Any, list[dict[str, Any]]] = {}
    if not claims.empty:
        for subject, record in zip(
            claims["subject"].tolist(), _records(claims, _CLAIM_FIELDS), strict=True
        ):
            by_subject.setdefault(subject, []).append(record)
    subjects = []
    for record in _records(result.subjects, _SUBJECT_FIELDS):
        record["claims"] = by_subject.get(record["subject"], [])
        record["voices"] = sorted(
            {c["voice"] for c in record["claims"] if c.get("voice")}
        )
        subjects.append(record)
    stats = result.stats
    return {
        "summary": {
            "documents_read": stats.n_read,
            "documents_skipped": stats.n_skipped,
            "lines_removed": stats.lines_removed,
            "claims": int(len(claims)),
            "subjects": int(len(result.subjects)),
            "contested": int((result.subjects["disagreement"] > 0).sum())
            if not result.subjects.empty
            else 0,
            "outlets": int(len(result.outlets)),
            "warnings": list(stats.warnings),
        },
        "config": result.config.model_dump(mode="json"),
        "top": top,
        "subjects": subjects,
        "outlets": _records(result.outlets, tuple(result.outlets.columns)),
        "documents": _records(result.documents, tuple(result.documents.columns)),
    }


def format_value(low: Any, high: Any, unit: str = "") -> str:
    """A claim's interval as a person writes it: "40,000–45,000", "≥ 4 million"."""
    low, high = clean(low), clean(high)
    bounds = [abs(v) for v in (low, high) if v is not None]
    # Millions and billions read better as words; the scale is shared by both ends.
    scale, word = next(
        (
            (s, w)
            for s, w in ((1e9, " billion"), (1e6, " million"))
            if bounds and min(bounds) >= s
        ),
        (1.0, ""),
    )

    def number(v: float) -> str:
        v = v / scale
        if float(v).is_integer():
            return f"{v:,.0f}"
        return f"{v:,.2f}".rstrip("0").rstrip(".")

    if low is None and high is None:
        text = "?"
    elif low is None:
        text = f"≤ {number(high)}{word}"
    elif high is None:
        text = f"≥ {number(low)}{word}"
    elif low == high:
        text = f"{number(low)}{word}"
    else:
        text = f"{number(low)}–{number(high)}{word}"
    return f"{text} {unit}".strip()
