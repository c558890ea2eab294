"""Table outputs: the CSV and Parquet files of ``run -o`` and ``extract -o``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.errors import InputError
from scorer.model import SCORED_CLAIM_COLUMNS, SUBJECT_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from scorer.pipeline import RunResult


def _ordered(frame: pd.DataFrame, first: tuple[str, ...]) -> pd.DataFrame:
    head = [c for c in first if c in frame.columns]
    return frame[head + [c for c in frame.columns if c not in head]]


def claims_frame(result: RunResult) -> pd.DataFrame:
    """Scored claims, the documented columns first."""
    claims = result.claims.rename(columns={"subject_label": "label"})
    return _ordered(claims, SCORED_CLAIM_COLUMNS)


def subjects_frame(result: RunResult) -> pd.DataFrame:
    """Ranked subjects, the documented columns first."""
    return _ordered(result.subjects, SUBJECT_COLUMNS)


def write_claims(claims: pd.DataFrame, path: Path) -> None:
    """Write claims as CSV or Parquet, by the file's suffix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            claims.to_parquet(path, index=False)
        else:
            claims.to_csv(path, index=False)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def write_outputs(
    result: RunResult, out: Path, top: int | None = None
) -> dict[str, Any]:
    """Write every table and report of a run into ``out``; return the report, so
    that printing it does not build it again."""
    from scorer.render.html import render_html
    from scorer.render.json import render_json
    from scorer.render.markdown import render_markdown
    from scorer.render.report import build_report

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"{out}: cannot create output folder: {exc.strerror or exc}"
        ) from None
    claims = claims_frame(result)
    write_claims(claims, out / "claims.csv")
    write_claims(claims, out / "claims.parquet")
    subjects_frame(result).to_csv(out / "subjects.csv", index=False)
    result.outlets.to_csv(out / "outlets.csv", index=False)
    result.documents.to_csv(out / "documents.csv", index=False)
    report = build_report(result, top)
    (out / "report.json").write_text(render_json(report), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(report), encoding="utf-8")
    (out / "report.html").write_text(render_html(report), encoding="utf-8")
    return report
