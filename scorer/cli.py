"""The command line: a thin typer layer over the library.

Exit codes: 0 success; 1 an internal failure (``--debug`` shows the traceback); 2 bad
usage, a bad config or an unusable input file.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from scorer.errors import ConfigError, ScorerError

app = typer.Typer(
    help="Find numeric claims in news, follow who said them, and rank where sources "
    "disagree.\n\nExample: scorer run seeds/ -o out",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="Check or show configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")

_state = {"debug": False, "quiet": False}


class Format(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


ConfigOption = Annotated[
    Path | None,
    typer.Option("-c", "--config", help="TOML config file.", show_default=False),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override a knob: section.key=value (repeatable)."),
]
CorpusArg = Annotated[list[Path], typer.Argument(help="Folders and files to read.")]


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars or warnings.")
    ] = False,
) -> None:
    _state["debug"] = debug
    _state["quiet"] = quiet


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _guard(function: Any) -> Any:
    """Turn library errors into one line on stderr and an exit code."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ConfigError as exc:
            _fail("\n".join(f"error: {p}" for p in exc.problems))
        except ScorerError as exc:
            _fail(f"error: {exc}")
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader went away ("scorer eval ... | head"): stop without a word,
            # with status 1 as rich's console does. Point stdout at nothing so that
            # Python's exit flush cannot fail too.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            raise typer.Exit(1) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if _state["debug"]:
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for a "
                "traceback)",
                1,
            )

    return wrapper


def _config(path: Path | None, overrides: list[str] | None) -> Any:
    from scorer.config import load_config

    return load_config(path, overrides or [])


def _warn(message: str) -> None:
    if not _state["quiet"]:
        typer.echo(f"warning: {message}", err=True)


class _Progress:
    """A rich progress bar on stderr, only when it is a terminal and not --quiet."""

    def __init__(self, label: str):
        self.bar = None
        if not _state["quiet"] and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            # Redrawn on each update, with no thread of its own: the pipeline forks
            # workers, and a fork must not copy a lock a drawing thread holds.
            self.bar = Progress(
                console=Console(stderr=True), transient=True, auto_refresh=False
            )
            self.task = self.bar.add_task(label, total=None)

    def __enter__(self) -> _Progress:
        if self.bar:
            self.bar.start()
        return self

    def update(self, done: int) -> None:
        if self.bar:
            self.bar.update(self.task, completed=done, description=f"{done} documents")
            self.bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()


def _summary_line(result: Any) -> str:
    stats = result.stats
    n_contested = (
        int((result.subjects["disagreement"] > 0).sum()) if len(result.subjects) else 0
    )
    return (
        f"{stats.n_read} documents read, {stats.n_skipped} skipped; "
        f"{len(result.claims)} claims in {len(result.subjects)} subjects, "
        f"{n_contested} contested"
    )


def _emit(
    result: Any,
    fmt: Format,
    top: int | None,
    report: dict | None = None,
    out: Path | None = None,
) -> None:
    from scorer.render.report import build_report
    from scorer.render.tables import REPORT_FILES

    if out is not None and fmt.value in REPORT_FILES:
        # Just written with -o: print that file rather than render it again.
        sys.stdout.write((out / REPORT_FILES[fmt.value]).read_text(encoding="utf-8"))
        return
    if report is None and fmt is not Format.csv:
        report = build_report(result, top)
    if fmt is Format.json:
        from scorer.render.json import render_json

        sys.stdout.write(render_json(report))
    elif fmt is Format.markdown:
        from scorer.render.markdown import render_markdown

        sys.stdout.write(render_markdown(report))
    elif fmt is Format.csv:
        from scorer.render.tables import subjects_frame

        sys.stdout.write(subjects_frame(result).to_csv(index=False))
    elif fmt is Format.html:
        from scorer.render.html import render_html

        sys.stdout.write(render_html(report))
    else:
        from rich.console import Console

        from scorer.render.terminal import render_terminal

        render_terminal(report, Console())


@app.command()
@_guard
def run(
    corpus: CorpusArg,
    config: ConfigOption = None,
    set_: SetOption = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="Write every table and report here."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="What to print.")
    ] = Format.table,
    top: Annotated[int | None, typer.Option(help="Subjects to detail.", min=1)] = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes.", min=1)] = None,
) -> None:
    """Score a corpus and print the ranked disagreement report.

    Example: scorer run seeds/ -o out --format markdown
    """
    from scorer.pipeline import run as run_pipeline

    cfg = _config(config, set_)
    with _Progress("reading") as progress:
        result = run_pipeline(corpus, cfg, _warn, progress.update, jobs)
    report = None
    if out is not None:
        from scorer.render.tables import write_outputs

        report = write_outputs(result, out, top)
    _emit(result, fmt, top, report, out)
    if not _state["quiet"]:
        typer.echo(
            _summary_line(result) + (f"; written to {out}" if out else ""), err=True
        )


@app.command()
@_guard
def ingest(
    corpus: CorpusArg,
    config: ConfigOption = None,
    set_: SetOption = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="How to list them.")
    ] = ListFormat.table,
) -> None:
    """List the documents as read and cleaned.

    Example: scorer ingest seeds/ --format csv
    """
    from scorer.ingest import read_documents

    cfg = _config(config, set_)
    stream = read_documents(corpus, cfg.ingest, on_warning=_warn)
    rows = [
        {
            "id": d.id,
            "outlet": d.outlet,
            "url": d.url,
            "published": d.published.isoformat() if d.published else "",
            "chars": len(d.text),
            "lines_removed": len(d.removed),
            "segments": len(d.segments),
            "encoding": d.encoding,
        }
        for d in stream
    ]
    _print_rows(rows, fmt, "Documents")
    if not _state["quiet"]:
        s = stream.stats
        typer.echo(
            f"{s.n_read} documents read, {s.n_skipped} skipped, "
            f"{s.lines_removed} lines removed",
            err=True,
        )


def _print_rows(rows: list[dict[str, Any]], fmt: ListFormat, title: str) -> None:
    if fmt is ListFormat.json:
        import json

        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt is ListFormat.csv:
        import csv

        columns = list(rows[0]) if rows else []
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for column in rows[0] if rows else ["id"]:
            table.add_column(column)
        for row in rows:
            table.add_row(*(escape(str(v)) for v in row.values()))
        Console().print(table)


@app.command()
@_guard
def extract(
    corpus: CorpusArg,
    out: Annotated[
        Path, typer.Option("-o", "--out", help="claims file: .csv or .parquet")
    ],
    config: ConfigOption = None,
    set_: SetOption = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes.", min=1)] = None,
) -> None:
    """Extract claims only, to a CSV or Parquet file.

    Example: scorer extract seeds/ -o claims.parquet
    """
    from scorer.pipeline import extract as extract_claims
    from scorer.render.tables import write_claims

    if out.suffix not in (".csv", ".parquet"):
        _fail(f"error: --out must end in .csv or .parquet, got {out.name!r}")
    cfg = _config(config, set_)
    with _Progress("extracting") as progress:
        extraction = extract_claims(corpus, cfg, _warn, progress.update, jobs)
    write_claims(extraction.claims, out)
    if not _state["quiet"]:
        s = extraction.stats
        typer.echo(
            f"{s.n_read} documents read, {s.n_skipped} skipped; "
            f"{len(extraction.claims)} claims written to {out}",
            err=True,
        )


@app.command()
@_guard
def score(
    claims: Annotated[Path, typer.Argument(help="claims.parquet or claims.csv")],
    config: ConfigOption = None,
    set_: SetOption = None,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Output folder.")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="What to print.")
    ] = Format.table,
    top: Annotated[int | None, typer.Option(help="Subjects to detail.", min=1)] = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes.", min=1)] = None,
) -> None:
    """Re-score saved claims with other weights, without re-extracting.

    Example: scorer score out/claims.parquet -c configs/primary_only.toml -o out2
    """
    from scorer.pipeline import load_claims
    from scorer.pipeline import score as score_claims

    cfg = _config(config, set_)
    result = score_claims(load_claims(claims), cfg, jobs)
    report = None
    if out is not None:
        from scorer.render.tables import write_outputs

        report = write_outputs(result, out, top)
    _emit(result, fmt, top, report, out)


@app.command()
@_guard
def explain(
    subject: Annotated[str, typer.Argument(help="Subject id, or its rank.")],
    run_dir: Annotated[Path, typer.Option("--run", help="Folder written by run -o.")],
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="How to print it.")
    ] = ListFormat.table,
) -> None:
    """Show one subject's claims, chains and the parts of its score.

    Example: scorer explain 1 --run out
    """
    from scorer.render.explain import explain_subject

    explain_subject(subject, run_dir, fmt.value)


@app.command("eval")
@_guard
def eval_(
    corpus: CorpusArg,
    gold: Annotated[Path, typer.Option("--gold", help="Gold claims CSV.")],
    config: ConfigOption = None,
    set_: SetOption = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="How to print it.")
    ] = ListFormat.table,
) -> None:
    """Precision, recall, attribution and grouping quality against gold annotations.

    Example: scorer eval seeds/ --gold data/gold/gold_claims.csv
    """
    import json

    from scorer.evaluate import evaluate

    cfg = _config(config, set_)
    evaluation = evaluate(list(corpus), gold, cfg)
    scores = evaluation.as_dict()
    if fmt is ListFormat.json:
        payload = {**scores, "misses": evaluation.misses, "ranking": evaluation.ranking}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    if fmt is ListFormat.csv:
        _print_rows([scores], fmt, "Evaluation")
        return
    for key, value in scores.items():
        typer.echo(f"{key:>18}: {value}")
    if evaluation.misses:
        typer.echo(f"\nmisses ({len(evaluation.misses)}):")
        for miss in evaluation.misses:
            typer.echo(f"  {miss}")
    if evaluation.ranking:
        typer.echo("\ngold subjects in the ranking:")
        for note in evaluation.ranking:
            typer.echo(f"  {note}")


@config_app.command("check")
@_guard
def config_check(
    file: Annotated[Path, typer.Argument(help="TOML config file.")],
    set_: SetOption = None,
) -> None:
    """Validate a config file; every problem is listed with its line.

    Example: scorer config check configs/primary_only.toml
    """
    _config(file, set_)
    typer.echo(f"{file}: ok")


@config_app.command("show")
@_guard
def config_show(
    config: ConfigOption = None,
    set_: SetOption = None,
) -> None:
    """Print the effective config as TOML (the defaults, with -c and --set applied).

    Example: scorer config show --set provenance.hop_decay=0.5
    """
    from scorer.config import config_toml

    sys.stdout.write(config_toml(_config(config, set_)))
