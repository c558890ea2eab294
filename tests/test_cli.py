"""The command line: exit codes, messages and the files a user gets, via CliRunner."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from scorer.cli import app
from scorer.config import Config, load_config
from scorer.ingest import read_documents

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "gold" / "gold_claims.csv"
SEED_003 = "003_d886f5a2d17a20ad"

OUTPUT_FILES = (
    "claims.csv",
    "claims.parquet",
    "subjects.csv",
    "outlets.csv",
    "documents.csv",
    "report.json",
    "report.md",
    "report.html",
)
CLAIMS_CSV_COLUMNS = (
    "doc_id",
    "outlet",
    "start",
    "end",
    "quote",
    "low",
    "high",
    "unit",
    "hedged",
    "chain",
    "origin",
    "distance",
    "weight",
    "subject",
)
SUBJECTS_CSV_COLUMNS = (
    "subject",
    "rank",
    "label",
    "disagreement",
    "n_claims",
    "n_origins",
    "low",
    "high",
)
DOCUMENTS_CSV_COLUMNS = ("doc_id", "outlet", "n_claims", "deviation", "credibility")
SUMMARY_RE = re.compile(
    r"^(\d+) documents read, (\d+) skipped; \d+ claims in \d+ subjects, \d+ contested"
)


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """``scorer run seeds/ -o OUT``, once for the module."""
    out = tmp_path_factory.mktemp("run") / "out"
    result = invoke("run", SEEDS, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def claims_file(tmp_path_factory) -> Path:
    """``scorer extract seeds/ -o x.parquet``, once for the module."""
    path = tmp_path_factory.mktemp("extract") / "x.parquet"
    result = invoke("extract", SEEDS, "-o", path)
    assert result.exit_code == 0, result.output
    assert f"claims written to {path}" in result.stderr
    return path


# ----------------------------------------------------------------------------- run


def test_run_writes_every_output_file(run_dir: Path) -> None:
    for name in OUTPUT_FILES:
        assert (run_dir / name).is_file(), name
        assert (run_dir / name).stat().st_size > 0, name


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("claims.csv", CLAIMS_CSV_COLUMNS),
        ("subjects.csv", SUBJECTS_CSV_COLUMNS),
        ("documents.csv", DOCUMENTS_CSV_COLUMNS),
    ],
)
def test_tables_have_the_documented_columns(run_dir: Path, name: str, columns) -> None:
    header = next(csv.reader(io.StringIO((run_dir / name).read_text("utf-8"))))
    assert set(columns) <= set(header), set(columns) - set(header)


def test_claims_csv_quotes_are_slices_of_the_cleaned_text(run_dir: Path) -> None:
    texts = {doc.id: doc.text for doc in read_documents([SEEDS])}
    claims = pd.read_csv(run_dir / "claims.csv", keep_default_na=False, dtype=str)
    assert len(claims) > 0
    for row in claims.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        assert texts[row.doc_id][start:end] == row.quote, row


def test_claims_csv_chain_runs_from_the_publisher_to_the_origin(run_dir: Path) -> None:
    docs = {doc.id: doc for doc in read_documents([SEEDS])}
    claims = read_csv(run_dir / "claims.csv")
    assert "ISW" in set(claims["outlet"])  # from seeds/manifest.csv
    for row in claims.itertuples(index=False):
        doc = docs[row.doc_id]
        # A text glued after the article (a named segment) is its own publisher.
        publisher = next(
            (name for start, name in reversed(doc.segments) if start <= row.start),
            "",
        )
        links = row.chain.split(" > ")
        assert links[0] == (publisher or doc.outlet), row
        assert links[-1] == row.origin, row


def test_subjects_csv_ranks_are_one_to_n(run_dir: Path) -> None:
    subjects = read_csv(run_dir / "subjects.csv")
    assert list(subjects["rank"]) == list(range(1, len(subjects) + 1))
    assert (subjects["disagreement"].between(0, 1)).all()


def test_run_twice_gives_byte_identical_report_json(run_dir: Path, tmp_path) -> None:
    # The second run is a fresh process with another hash seed, as a user's would be:
    # nothing may depend on set or dict order that varies between processes.
    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, "-m", "scorer", "-q", "run", SEEDS, "-o", again, "-f", "csv"],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    for name in ("report.json", "report.md"):
        assert (again / name).read_bytes() == (run_dir / name).read_bytes(), name


def test_run_prints_a_summary_line_on_stderr() -> None:
    result = invoke("run", SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    last = result.stderr.strip().splitlines()[-1]
    match = SUMMARY_RE.match(last)
    assert match, last
    assert match.groups() == ("5", "0")
    assert "documents read" not in result.stdout


def test_quiet_prints_no_summary_or_warnings(tmp_path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = invoke("--quiet", "run", SEEDS, tmp_path / "empty.txt", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("subject,rank,label")


# -------------------------------------------------------------------------- formats


def test_format_json_prints_the_report(run_dir: Path) -> None:
    result = invoke("-q", "run", SEEDS, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["documents_read"] == 5
    ranks = [s["rank"] for s in report["subjects"]]
    assert ranks == list(range(1, len(ranks) + 1)) and ranks
    assert result.stdout == (run_dir / "report.json").read_text("utf-8")


def test_format_markdown_prints_tables(run_dir: Path) -> None:
    result = invoke("-q", "run", SEEDS, "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# Disagreement report"
    header = "| rank | subject | score | all-time | values | voices | claims |"
    assert header in lines
    assert lines[lines.index(header) + 1].startswith("|---|")
    assert result.stdout == (run_dir / "report.md").read_text("utf-8")


def test_format_csv_prints_the_subjects_table(run_dir: Path) -> None:
    result = invoke("-q", "run", SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert set(SUBJECTS_CSV_COLUMNS) <= set(header)
    printed = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    written = pd.read_csv(run_dir / "subjects.csv", keep_default_na=False)
    assert list(printed["subject"]) == list(written["subject"])


def test_format_html_prints_a_page(run_dir: Path) -> None:
    result = invoke("-q", "run", SEEDS, "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert result.stdout.rstrip().endswith("</html>")
    top = read_csv(run_dir / "subjects.csv")["subject"].iloc[0]
    assert top in result.stdout


def test_format_table_prints_subjects_and_outlets(run_dir: Path) -> None:
    result = invoke("-q", "run", SEEDS, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Subjects" in result.stdout and "Outlets" in result.stdout
    assert "rank" in result.stdout and "ISW" in result.stdout


# --------------------------------------------------------------------------- config


def test_bad_config_file_fails_before_reading_the_corpus(tmp_path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        "# my weights\n[provenance]\nunreached_penalty = 1.0\nhop_decay = 7\n"
    )
    missing = tmp_path / "no-such-corpus"
    result = invoke("run", missing, "-c", config)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {config}:4: provenance.hop_decay ")
    assert "got 7" in lines[0]
    # The config error is the only thing said: the corpus was never looked at.
    assert "no-such-corpus" not in result.output
    assert "documents read" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("cues_text", "expected"),
    [
        # A form under two predicates.
        (
            '[predicate]\nvote = ["turnout"]\n',
            ["'turnout' is a form of both 'attend' and 'vote'"],
        ),
        # A relative year that is no number of years.
        (
            '[period]\nrelative = { "last season" = "one" }\n',
            [
                "[period] relative 'last season'",
                "expected a whole number of years, found 'one'",
            ],
        ),
        # A list given as one word, and a number where words belong.
        (
            '[span]\nunits = "days"\n\n[cause]\nopeners = 5\n',
            [
                "cues.toml:2: [span] units: expected a list of words, found 'days'",
                "cues.toml:5: [cause] openers: expected a list of words, found 5",
            ],
        ),
        ("[span\n", ["not valid TOML"]),
    ],
)
def test_a_bad_cues_file_fails_before_reading(tmp_path, cues_text, expected) -> None:
    cues = tmp_path / "cues.toml"
    cues.write_text(cues_text)
    result = invoke(
        "run", tmp_path / "no-such-corpus", "--set", f'extract.cues_file="{cues}"'
    )
    assert result.exit_code == 2
    for text in expected:
        assert text in result.stderr
    assert "no-such-corpus" not in result.output


def test_bad_set_override_is_named(tmp_path) -> None:
    result = invoke(
        "run", tmp_path / "no-such-corpus", "--set", "provenance.hop_decay=7"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --set provenance.hop_decay=7: provenance.hop_decay must be between "
        "0.0 and 1.0, got 7\n"
    )


def test_config_check_accepts_the_default_profile() -> None:
    result = invoke("config", "check", ROOT / "configs" / "default.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("default.toml: ok")


def test_config_check_lists_every_problem_with_its_line(tmp_path) -> None:
    config = tmp_path / "two.toml"
    config.write_text("[provenance]\nhop_decay = 1.5\n[group]\nthreshhold = 0.4\n")
    result = invoke("config", "check", config)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"error: {config}:2: provenance.hop_decay")
    assert lines[1].startswith(f"error: {config}:4: group.threshhold is not a known")


def test_config_show_prints_toml_that_loads_back(tmp_path) -> None:
    result = invoke("config", "show")
    assert result.exit_code == 0, result.output
    path = tmp_path / "shown.toml"
    path.write_text(result.stdout, encoding="utf-8")
    assert load_config(path) == Config()

    result = invoke("config", "show", "--set", "provenance.hop_decay=0.5")
    assert result.exit_code == 0, result.output
    path.write_text(result.stdout, encoding="utf-8")
    assert load_config(path).provenance.hop_decay == 0.5


# ------------------------------------------------------------------------ bad input


@pytest.fixture
def messy_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "blank.txt").write_text("")
    (corpus / "blob.txt").write_bytes(b"PK\x03\x04\x00\x00\x00\x00\x08\x00" * 40)
    (corpus / "legacy.txt").write_bytes(
        "Le ministère a compté 1 200 blessés à Genève, selon la police.\n".encode(
            "latin-1"
        )
    )
    (corpus / "feed.jsonl").write_text(
        '{"id": "wire-1", "outlet": "Valley Post", "text": "Officials said 300 '
        'people were evacuated from the valley on Monday."}\n'
        '{"id": "wire-2", "text": "cut off\n'
        '{"id": "wire-3", "outlet": "Valley Post"}\n',
        encoding="utf-8",
    )
    return corpus


def test_bad_documents_are_named_once_and_skipped(messy_corpus: Path) -> None:
    result = invoke("run", messy_corpus, "-o", messy_corpus.parent / "out")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    stderr = result.stderr
    for item in (
        "blank.txt",
        "blob.txt",
        "legacy.txt",
        "feed.jsonl:2",
        "feed.jsonl:3",
    ):
        assert stderr.count(item) == 1, (item, stderr)
    assert "feed.jsonl:1" not in stderr  # the good record is not complained about
    assert "warning:" not in result.stdout
    match = SUMMARY_RE.match(stderr.strip().splitlines()[-1])
    assert match, stderr
    # read: 5 seeds, the latin-1 file (decoded), the good record;
    # skipped: the empty file, the binary file, the malformed line, the record
    # without text.
    assert match.groups() == ("7", "4")
    documents = read_csv(messy_corpus.parent / "out" / "documents.csv")
    assert {"wire-1", "legacy"} <= set(documents["doc_id"])
    assert not {"blank", "blob", "wire-2", "wire-3"} & set(documents["doc_id"])


# --------------------------------------------------------------- extract and score


def test_score_of_extracted_claims_gives_the_same_subjects_as_run(
    run_dir: Path, claims_file: Path, tmp_path
) -> None:
    out = tmp_path / "rescored"
    result = invoke("score", claims_file, "-o", out, "--format", "csv")
    assert result.exit_code == 0, result.output
    expected = read_csv(run_dir / "subjects.csv")
    got = read_csv(out / "subjects.csv")
    pd.testing.assert_frame_equal(got, expected)


def test_rescoring_the_claims_a_run_wrote_gives_its_subjects(
    run_dir: Path, tmp_path
) -> None:
    # `scorer score out/claims.parquet -c other.toml -o out2` is the documented way to
    # try other weights; with the same config it must give the run's subjects back.
    out = tmp_path / "rescored"
    result = invoke("-q", "score", run_dir / "claims.parquet", "-o", out, "-f", "csv")
    assert result.exit_code == 0, result.output
    expected = read_csv(run_dir / "subjects.csv")
    pd.testing.assert_frame_equal(read_csv(out / "subjects.csv"), expected)


def test_score_with_another_hop_decay_changes_weights(
    claims_file: Path, tmp_path
) -> None:
    before = tmp_path / "before"
    after = tmp_path / "after"
    assert invoke("-q", "score", claims_file, "-o", before).exit_code == 0
    result = invoke(
        "-q", "score", claims_file, "-o", after, "--set", "provenance.hop_decay=0.3"
    )
    assert result.exit_code == 0, result.output
    old = read_csv(before / "claims.csv").set_index("claim_id")
    new = read_csv(after / "claims.csv").set_index("claim_id").loc[old.index]
    assert (old["distance"] > 0).any()
    ratio = new["weight"] / old["weight"]
    expected = (0.3 / 0.7) ** old["distance"]
    assert ratio.to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-3)


@pytest.mark.parametrize("name", ["claims.csv", "claims.parquet"])
def test_score_of_a_missing_claims_file_says_so(tmp_path, name: str) -> None:
    path = tmp_path / name
    result = invoke("score", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ")
    assert "no such file" in result.stderr.lower(), result.stderr
    assert result.stderr.count("\n") == 1


def test_extract_refuses_an_unknown_suffix(tmp_path) -> None:
    result = invoke("extract", SEEDS, "-o", tmp_path / "claims.xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --out must end in .csv or .parquet, got 'claims.xlsx'\n"
    )


# -------------------------------------------------------------------------- explain


def test_explain_shows_the_subjects_chains_and_score_parts(run_dir: Path) -> None:
    subjects = read_csv(run_dir / "subjects.csv")
    claims = read_csv(run_dir / "claims.csv")
    top = subjects.iloc[0]
    result = invoke("explain", "1", "--run", run_dir)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"1. {top['label']}  [{top['subject']}]")
    for part in ("dispersion", "gap", "voices"):
        assert re.search(rf"^  {part} +.*-> part \d\.\d{{3}}", out, re.M), part
    for chain in claims.loc[claims["subject"] == top["subject"], "chain"]:
        assert f"chain: {chain}" in out


def test_explain_unknown_subject_is_a_one_line_error(run_dir: Path) -> None:
    result = invoke("explain", "no-such-subject", "--run", run_dir)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: no subject 'no-such-subject' in this run")
    assert "Traceback" not in result.output


def test_explain_without_a_run_says_how_to_make_one(tmp_path) -> None:
    result = invoke("explain", "1", "--run", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'report.json'}: not found; write a run with "
        f"`scorer run CORPUS -o {tmp_path}`\n"
    )


# ----------------------------------------------------------------- eval and ingest


def test_eval_on_the_seeds_meets_the_quality_bar() -> None:
    result = invoke("eval", SEEDS, "--gold", GOLD, "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["gold_claims"] > 0
    assert scores["recall_exact"] >= 0.95, scores["misses"]
    assert scores["origin_accuracy"] >= 0.9, scores["misses"]


def test_ingest_lists_the_seeds_as_csv() -> None:
    result = invoke("ingest", SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["id"] for r in rows) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(rows) == 5
    senapati = next(r for r in rows if r["id"] == SEED_003)
    assert senapati["outlet"] == "Times of Senapati"
    assert int(senapati["lines_removed"]) > 0
    assert result.stderr.startswith("5 documents read, 0 skipped")


# ------------------------------------------------------------- errors and --debug


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_internal_error_is_one_line_without_traceback(monkeypatch) -> None:
    monkeypatch.setattr("scorer.pipeline.run", _boom)
    result = invoke("run", SEEDS)
    assert result.exit_code == 1
    assert result.stderr == (
        "internal error: RuntimeError: boom (run with --debug for a traceback)\n"
    )
    assert "Traceback" not in result.output


def test_debug_lets_the_internal_error_through(monkeypatch) -> None:
    monkeypatch.setattr("scorer.pipeline.run", _boom)
    result = invoke("--debug", "run", SEEDS)
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "boom"


# ---------------------------------------------------------------------------- help


def _commands(group, prefix: tuple[str, ...] = ()):
    """Paths of the leaf commands of a (typer) click group, sub-apps included."""
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(command, "commands"):  # a sub-app such as ``config``
            yield from _commands(command, path)
        else:
            yield path


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_every_command_is_registered() -> None:
    assert {" ".join(c) for c in COMMANDS} >= {
        "run",
        "ingest",
        "extract",
        "score",
        "explain",
        "eval",
        "config check",
        "config show",
    }


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "-")
def test_every_command_is_documented_with_an_example(command) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["run", "{dev}", "-f", "table"],
        ["eval", "{dev}", "--gold", "{gold}"],
    ],
)
def test_a_reader_that_stops_early_gets_no_error_message(args) -> None:
    # "scorer eval ... | head -2": the pipe closes while the command still writes.
    dev = ROOT / "data" / "devset"
    args = [
        a.format(dev=dev / "docs.jsonl", gold=dev / "gold_claims.csv") for a in args
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "scorer", "--quiet", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    error = process.stderr.read().decode()
    process.wait()
    assert error == ""  # no traceback, no "internal error"


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_printing_with_out_gives_the_file_written(tmp_path: Path, fmt) -> None:
    printed = invoke("--quiet", "run", SEEDS, "-o", tmp_path, "-f", fmt)
    alone = invoke("--quiet", "run", SEEDS, "-f", fmt)
    name = {"json": "report.json", "markdown": "report.md"}[fmt]
    assert printed.exit_code == 0
    assert printed.stdout == (tmp_path / name).read_text(encoding="utf-8")
    assert printed.stdout == alone.stdout


def test_the_terminal_shows_the_head_of_a_long_ranking() -> None:
    dev = ROOT / "data" / "devset" / "docs.jsonl"

    def ranks(output: str) -> list[int]:
        table = output.split("Subjects, most disputed first")[1].split("└")[0]
        return [int(m) for m in re.findall(r"^│\s+(\d+) │", table, re.MULTILINE)]

    result = invoke("--quiet", "run", dev, "-f", "table")
    assert result.exit_code == 0, result.output
    assert ranks(result.stdout) == list(range(1, 21))
    assert re.search(r"\d+ more subjects, less disputed", result.stdout)
    # A subject's detail and the outlet table show their head too, and say where the
    # rest is.
    assert re.search(r"\d+ more claims: all are in claims.csv", result.stdout)
    assert re.search(r"\d+ more outlets: all are in outlets.csv", result.stdout)
    result = invoke("--quiet", "run", dev, "-f", "table", "--top", "30")
    assert ranks(result.stdout) == list(range(1, 31))


def test_explain_names_a_part_of_another_subjects_total(run_dir: Path) -> None:
    # Seeds: 1,000 sappers and 5,000 builders in one sentence, 6,000 elsewhere.
    subjects = read_csv(run_dir / "subjects.csv")
    parts = subjects[subjects["status"] == "part"]
    assert len(parts) == 1
    result = invoke("explain", parts["subject"].iloc[0], "--run", run_dir)
    assert result.exit_code == 0, result.output
    assert "status part" in result.stdout
    assert "part of a total" in result.stdout
