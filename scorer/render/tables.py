"""Table outputs: the CSV and Parquet files of ``run -o`` and ``extract -o``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.errors import InputError
from scorer.model import SCORED_CLAIM_COLUMNS, SUBJECT_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from scorer.pipeline import RunResult


# The report files of ``run -o``, by the --format that prints the same text.
REPORT_FILES = {"json": "report.json", "markdown": "report.md", "html": "report.html"}


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


def write_csv(frame: pd.DataFrame, target: Any) -> None:
    """Write a large table (the claims) as CSV to a path or a pyarrow stream: strings
    quoted, an empty cell for a missing value, a column of whole numbers as integers;
    in a column that mixes them with fractions pyarrow writes large whole numbers as
    3e+10. pyarrow's writer rather than pandas': it is written in C++ and takes a
    twentieth of the time on the claims of a large corpus. The small tables are
    written by pandas."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    whole = {name: frame[name].astype("Int64") for name in _whole_float_columns(frame)}
    try:
        table = pa.Table.from_pandas(frame.assign(**whole), preserve_index=False)
        options = pcsv.WriteOptions(quoting_header="none")  # column names need none
        pcsv.write_csv(table, target, write_options=options)
    except pa.ArrowException:
        # A column pyarrow cannot type (mixed values): pandas writes anything.
        text = frame.to_csv(index=False)
        if isinstance(target, str):
            Path(target).write_text(text, encoding="utf-8")
        else:
            target.write(text.encode("utf-8"))


def _whole_float_columns(frame: pd.DataFrame) -> list[str]:
    """Float columns whose values are all whole numbers an integer holds exactly."""
    import numpy as np

    names = []
    for name in frame.columns:
        if frame[name].dtype.kind != "f":
            continue
        values = frame[name].to_numpy(dtype=float, na_value=np.nan)
        finite = values[np.isfinite(values)]
        if (
            len(finite)
            and np.all(finite == np.floor(finite))
            and np.all(np.abs(finite) < 2**53)
        ):
            names.append(name)
    return names


def write_claims(claims: pd.DataFrame, path: Path) -> None:
    """Write claims as CSV or Parquet, by the file's suffix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            claims.to_parquet(path, index=False)
        else:
            write_csv(claims, str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def write_outputs(
    result: RunResult, out: Path, top: int | None = None
) -> dict[str, Any]:
    """Write every table and report of a run into ``out``; return the report, so
    that printing it does not build it again."""
    from scorer.render.html import render_html
    from scorer.render.json import json_bytes
    from scorer.render.markdown import render_markdown
    from scorer.render.report import build_report

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"{out}: cannot create output folder: {exc.strerror or exc}"
        ) from None
    report = build_report(result, top)
    html_path = out / REPORT_FILES["html"]
    # The HTML report (its plots take seconds) is drawn by a forked child while this
    # process writes the tables: the two cores are both at work.
    aside = (
        _aside(render_html, report, html_path)
        if len(result.claims) >= _ASIDE_FROM
        else None
    )
    claims = claims_frame(result)
    write_claims(claims, out / "claims.csv")
    write_claims(claims, out / "claims.parquet")
    subjects_frame(result).to_csv(out / "subjects.csv", index=False)
    result.outlets.to_csv(out / "outlets.csv", index=False)
    result.documents.to_csv(out / "documents.csv", index=False)
    (out / REPORT_FILES["json"]).write_bytes(json_bytes(report))
    (out / REPORT_FILES["markdown"]).write_text(
        render_markdown(report), encoding="utf-8"
    )
    if aside is None or not _done(aside):
        # No fork here, or the child failed: draw it in this process, so that any
        # error is reported as usual.
        html_path.write_text(render_html(report), encoding="utf-8")
    return report


# From how many claims the HTML report is drawn aside (below, a fork costs more than
# it saves).
_ASIDE_FROM = 5_000


def _aside(render: Any, report: dict[str, Any], path: Path) -> Any:
    """A forked process writing ``render(report)`` to ``path``; None where processes
    cannot be forked."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    child = multiprocessing.get_context("fork").Process(
        target=_write_rendered, args=(render, report, path), daemon=True
    )
    child.start()
    return child


def _write_rendered(render: Any, report: dict[str, Any], path: Path) -> None:
    """The child's work. Any failure only sets its exit code: the parent then draws
    the report itself and reports the error (no traceback from the child)."""
    import os

    try:
        path.write_text(render(report), encoding="utf-8")
    except BaseException:  # noqa: BLE001 - the parent redoes the work and reports
        os._exit(1)


def _done(child: Any) -> bool:
    """Wait for a forked writer; whether it wrote its file."""
    child.join()
    return child.exitcode == 0
