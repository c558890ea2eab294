"""Evaluation against gold annotations: B-cubed grouping scores and gold-file errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.evaluate import bcubed, evaluate, read_gold

HEADER = "doc_id,subject,low,high,quote,chain,origin\n"
VALLEY = (
    "---\noutlet: Valley Post\n---\n"
    "Heavy rain hit the valley on Monday.\n\n"
    "Officials said 300 people were evacuated from the valley.\n\n"
    "The river rose by more than 2 metres, the weather service said.\n"
)


def gold_file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "gold.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- bcubed


def test_bcubed_of_a_perfect_grouping_is_one() -> None:
    pairs = [("troops", "s1"), ("troops", "s1"), ("shells", "s2"), ("toll", "s3")]
    assert bcubed(pairs) == (1.0, 1.0, 1.0)


def test_bcubed_ignores_the_names_of_the_clusters() -> None:
    pairs = [("troops", "x"), ("troops", "x"), ("shells", "troops")]
    assert bcubed(pairs) == (1.0, 1.0, 1.0)


def test_bcubed_of_everything_in_one_subject_has_low_precision() -> None:
    pairs = [("troops", "all"), ("troops", "all"), ("shells", "all")]
    precision, recall, f1 = bcubed(pairs)
    # each troops claim shares its subject with 2 of 3 right, the shells claim 1 of 3
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert precision < 1
    assert recall == 1.0
    assert f1 == pytest.approx(2 * precision / (precision + 1))


def test_bcubed_of_every_claim_alone_has_low_recall() -> None:
    pairs = [("troops", "a"), ("troops", "b"), ("shells", "c")]
    precision, recall, _ = bcubed(pairs)
    assert precision == 1.0
    assert recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def test_bcubed_of_nothing_is_zero() -> None:
    assert bcubed([]) == (0.0, 0.0, 0.0)


# ------------------------------------------------------------------------ read_gold


def test_read_gold_reads_open_bounds_and_chains(tmp_path: Path) -> None:
    path = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people,@ > Officials,Officials\n",
        "valley,rise,2,,more than 2 metres,@ > weather service,weather service\n",
    )
    first, second = read_gold(path)
    assert (first.line, first.low, first.high) == (2, 300.0, 300.0)
    assert first.chain == ["@", "Officials"]
    assert (second.line, second.low, second.high) == (3, 2.0, None)


def test_a_bad_number_names_file_line_and_column(tmp_path: Path) -> None:
    path = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people,@ > Officials,Officials\n",
        "valley,rise,two,,more than 2 metres,@ > weather service,weather service\n",
    )
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert str(info.value) == (
        f"{path}:3: low: expected a number or an empty cell, got 'two'"
    )


def test_a_bad_number_after_a_blank_line_names_its_own_line(tmp_path: Path) -> None:
    path = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people,@ > Officials,Officials\n",
        "\n",
        "valley,rise,two,,more than 2 metres,@ > weather service,weather service\n",
    )
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}:4: low: "):
        read_gold(path)


def test_missing_columns_are_named_on_line_one(tmp_path: Path) -> None:
    path = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people\n",
        header="doc_id,subject,low,high,quote\n",
    )
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert str(info.value) == f"{path}:1: gold file lacks columns chain, origin"


def test_a_missing_gold_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(
        InputError, match=rf"^{re.escape(str(path))}: cannot read gold file"
    ):
        read_gold(path)


def test_a_gold_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Spreadsheet programs save "CSV UTF-8" with a BOM before the first column name.
    path = tmp_path / "gold.csv"
    path.write_text(
        HEADER + "valley,evac,300,300,300 people,@ > Officials,Officials\n",
        encoding="utf-8-sig",
    )
    (claim,) = read_gold(path)
    assert claim.doc_id == "valley"


# ------------------------------------------------------------------------- evaluate


def test_evaluate_counts_found_and_exact_claims_and_names_misses(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "valley.md").write_text(VALLEY, encoding="utf-8")
    gold = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people,@ > Officials,Officials\n",
        "valley,rise,3,,more than 2 metres,@ > weather service,weather service\n",
        "valley,toll,12,12,12 people died,@,@\n",
        "hills,evac,40,40,40 people,@,@\n",
    )
    evaluation = evaluate([corpus], gold)
    scores = evaluation.as_dict()
    assert scores["gold_claims"] == 4
    assert scores["recall_found"] == 0.5  # the two claims in the text
    assert scores["recall_exact"] == 0.25  # "more than 2 metres" is not 3 or more
    assert scores["origin_accuracy"] == 0.5
    assert scores["precision"] == 1.0  # both claims found are annotated
    misses = "\n".join(evaluation.misses)
    assert "line 3 valley 'more than 2 metres': range 3.0-None expected" in misses
    assert "line 4 valley '12 people died': quote not in cleaned text" in misses
    assert "line 5 hills '40 people': document not in corpus" in misses


def test_evaluate_scores_hedges_where_the_gold_has_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "valley.md").write_text(
        "---\noutlet: Valley Post\n---\n"
        "Officials said about 300 people were evacuated.\n\n"
        "The storm may have destroyed 40 homes, officials said.\n\n"
        "Police said 12 people were hurt.\n",
        encoding="utf-8",
    )
    gold = gold_file(
        tmp_path,
        "valley,evac,300,300,about 300 people,@ > Officials,Officials,1\n",
        "valley,homes,40,40,40 homes,@ > officials,officials,0\n",
        "valley,hurt,12,12,12 people,@ > Police,Police,\n",
        header="doc_id,subject,low,high,quote,chain,origin,hedged\n",
    )
    evaluation = evaluate([corpus], gold)
    assert evaluation.as_dict()["hedge_accuracy"] == 0.5  # the third has no cell
    misses = "\n".join(evaluation.misses)
    assert "line 3 valley '40 homes': hedged 0 expected, got 1 ('may')" in misses


def test_a_bad_hedged_cell_names_file_and_line(tmp_path: Path) -> None:
    gold = gold_file(
        tmp_path,
        "valley,evac,300,300,300 people,@,@,maybe\n",
        header="doc_id,subject,low,high,quote,chain,origin,hedged\n",
    )
    with pytest.raises(InputError, match=r"gold\.csv:2: hedged: expected 1, 0"):
        read_gold(gold)
