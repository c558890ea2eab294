"""The pipeline from Python: the importable API, and weights that follow the config."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd
import pytest

from scorer.errors import ConfigError
from scorer.ingest import read_documents
from scorer.pipeline import Extraction, RunResult, extract, score

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
SEED_003 = "003_d886f5a2d17a20ad"


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract([SEEDS])


def rescore(extraction: Extraction, *overrides: str) -> RunResult:
    """Score the seeds' claims again under ``--set``-style overrides."""
    from scorer import load_config

    fresh = dataclasses.replace(extraction, claims=extraction.claims.copy())
    return score(fresh, load_config(None, list(overrides)))


@pytest.fixture(scope="module")
def baseline(extraction: Extraction) -> RunResult:
    return rescore(extraction)


def weights(result: RunResult) -> pd.Series:
    return result.claims.set_index("claim_id")["weight"].sort_index()


def assert_ranks_follow_scores(result: RunResult) -> None:
    subjects = result.subjects.sort_values("rank")
    assert list(subjects["rank"]) == list(range(1, len(subjects) + 1))
    scores = list(subjects["window_disagreement"])
    assert scores == sorted(scores, reverse=True)
    rank_of = dict(zip(subjects["subject"], subjects["rank"], strict=True))
    for row in result.claims.itertuples(index=False):
        assert row.subject_rank == rank_of[row.subject]


# ------------------------------------------------------------------------------ API


def test_run_and_load_config_are_importable_from_the_package(capsys) -> None:
    from scorer import load_config, run

    result = run([SEEDS], load_config(ROOT / "configs" / "primary_only.toml"))
    assert isinstance(result, RunResult)
    assert result.config.provenance.hop_decay == 0.5  # the profile, not the default
    assert {"subject", "rank", "label", "disagreement"} <= set(result.subjects.columns)
    assert len(result.subjects) > 0 and len(result.claims) > 0
    assert result.stats.n_read == 5
    # A notebook user gets a result, not output: no stage prints.
    assert capsys.readouterr() == ("", "")


def test_run_accepts_a_config_path_and_raises_config_errors(tmp_path) -> None:
    from scorer import run

    bad = tmp_path / "bad.toml"
    bad.write_text("[provenance]\nhop_decay = 7\n")
    # A library error, never SystemExit: a notebook must survive it.
    with pytest.raises(ConfigError, match=r"bad\.toml:2: provenance\.hop_decay"):
        run([tmp_path / "no-such-corpus"], bad)


def test_run_is_extract_then_score(extraction: Extraction, baseline: RunResult) -> None:
    from scorer import run

    result = run([SEEDS])
    pd.testing.assert_frame_equal(result.subjects, baseline.subjects)
    pd.testing.assert_frame_equal(result.claims, baseline.claims)


def test_subjects_do_not_depend_on_the_order_of_the_claims(
    extraction: Extraction, baseline: RunResult
) -> None:
    # Claims saved by `run -o` come back sorted by rank, not in text order.
    reversed_claims = extraction.claims.iloc[::-1].reset_index(drop=True)
    result = score(dataclasses.replace(extraction, claims=reversed_claims))
    columns = ["subject", "rank", "label", "unit", "low", "high", "n_claims"]
    columns += ["n_origins", "disagreement"]
    pd.testing.assert_frame_equal(result.subjects[columns], baseline.subjects[columns])


# ---------------------------------------------------------------------- weights


def test_raising_hop_decay_raises_the_weight_of_distant_claims(
    extraction: Extraction, baseline: RunResult
) -> None:
    before = baseline.claims.set_index("claim_id").sort_index()
    after = weights(rescore(extraction, "provenance.hop_decay=0.9"))
    distant = before["distance"] > 0
    assert distant.any() and (~distant).any()
    assert (after[distant] > before.loc[distant, "weight"]).all()
    assert after[~distant].to_numpy() == pytest.approx(
        before.loc[~distant, "weight"].to_numpy()
    )
    # exactly the decay's factor per hop
    ratio = after[distant] / before.loc[distant, "weight"]
    expected = (0.9 / 0.7) ** before.loc[distant, "distance"]
    assert ratio.to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-3)


def test_raising_an_origins_reliability_raises_its_weights_and_reranks(
    extraction: Extraction, baseline: RunResult
) -> None:
    claims = baseline.claims
    # The least trusted origin of the most disputed subject.
    top = claims[claims["subject_rank"] == 1]
    target = top.sort_values(["weight", "claim_id"]).iloc[0]
    origin = target["origin"]
    mine = claims["origin"] == origin
    assert (claims.loc[mine, "reliability"] < 1).all()

    result = rescore(extraction, f'provenance.origin_reliability={{"{origin}" = 1.0}}')
    before = weights(baseline)
    after = weights(result)
    ids = claims.loc[mine, "claim_id"]
    assert (after[ids] > before[ids]).all()
    others = claims.loc[~mine, "claim_id"]
    assert after[others].to_numpy() == pytest.approx(before[others].to_numpy())

    # The subject's centre moves towards (never away from) the trusted origin's figure.
    value = math.log10((target["low"] + target["high"]) / 2)
    subject = target["subject"]

    def distance_to_centre(run: RunResult) -> float:
        row = run.subjects.set_index("subject").loc[subject]
        return abs(math.log10(row["centre"]) - value)

    assert distance_to_centre(result) <= distance_to_centre(baseline) + 1e-9
    assert_ranks_follow_scores(result)


def test_an_outlet_prior_moves_that_outlets_weights_only(
    extraction: Extraction, baseline: RunResult
) -> None:
    claims = baseline.claims.set_index("claim_id").sort_index()
    isw = claims["outlet"] == "ISW"
    assert isw.any() and (~isw).any()
    after = weights(rescore(extraction, 'provenance.outlet_priors={"ISW" = 1.0}'))
    default_prior = baseline.config.provenance.default_outlet_prior
    assert after[isw].to_numpy() == pytest.approx(
        (claims.loc[isw, "weight"] / default_prior).to_numpy(), rel=1e-3
    )
    assert after[~isw].to_numpy() == pytest.approx(
        claims.loc[~isw, "weight"].to_numpy()
    )


def test_baseline_ranks_follow_scores(baseline: RunResult) -> None:
    assert_ranks_follow_scores(baseline)


# ------------------------------------------------------------------------ cleaning


def test_times_of_senapati_loses_its_page_furniture_but_keeps_the_article() -> None:
    doc = next(d for d in read_documents([SEEDS]) if d.id == SEED_003)
    lines = doc.text.splitlines()
    assert not any("AD BLOCKER" in line for line in lines)
    assert not any("comments" in line.lower() for line in lines)
    assert not any("Advertisement" in line for line in lines)
    for paragraph in (
        "SEOUL, June 26: North Korea may send additional troops to Russia",
        "South Korean lawmaker Lee Seong-kweun, who attended the briefing, said",
        "“The timing of the additional deployment is that it could be as early",
        "The NIS also believes that North Korea continues to supply Russia",
        "Their ongoing cooperation is grounded in a treaty signed in June 2024",
        "Both countries have dismissed the criticisms",
    ):
        assert paragraph in doc.text, paragraph
    assert "AD BLOCKER DETECTED" in doc.removed


@pytest.mark.parametrize("child_fails", [False, True])
def test_a_large_runs_html_report_drawn_aside_is_the_same_report(
    baseline: RunResult, tmp_path, monkeypatch, child_fails: bool
) -> None:
    import os

    from scorer.render import tables

    tables.write_outputs(baseline, tmp_path / "inline")
    monkeypatch.setattr(tables, "_ASIDE_FROM", 0)  # as for a large run: forked
    if child_fails:
        monkeypatch.setattr(tables, "_write_rendered", lambda *_: os._exit(1))
    children = []
    aside = tables._aside
    monkeypatch.setattr(
        tables, "_aside", lambda *a: children.append(aside(*a)) or children[-1]
    )
    tables.write_outputs(baseline, tmp_path / "aside")
    assert [child.exitcode for child in children] == [1 if child_fails else 0]
    inline = (tmp_path / "inline" / "report.html").read_bytes()
    assert (tmp_path / "aside" / "report.html").read_bytes() == inline


def test_scoring_on_every_core_gives_what_one_core_gives(
    extraction: Extraction, baseline: RunResult, monkeypatch
) -> None:
    from scorer import disagreement, group, parallel

    # As for a large corpus: blocks clustered and subjects scored on forked workers.
    monkeypatch.setattr(group, "_PARALLEL_PAIRS", 0)
    monkeypatch.setattr(disagreement, "_PARALLEL_FROM", 0)
    forked = set()
    spread = parallel.fork_map

    def on_two_cores(step):  # noqa: ANN001, ANN202
        def run(task, items, cost=None, jobs=None):  # noqa: ANN001, ANN202
            if jobs is None and len(items) > 1:
                forked.add(step)
            return spread(task, items, cost, jobs=2 if jobs is None else jobs)

        return run

    monkeypatch.setattr(group, "fork_map", on_two_cores("group"))
    monkeypatch.setattr(disagreement, "fork_map", on_two_cores("disagreement"))
    result = rescore(extraction)
    assert forked == {"group", "disagreement"}
    # Asked for one job, as with `--jobs 1`, nothing is forked.
    forked.clear()
    fresh = dataclasses.replace(extraction, claims=extraction.claims.copy())
    pd.testing.assert_frame_equal(score(fresh, jobs=1).subjects, baseline.subjects)
    assert not forked
    pd.testing.assert_frame_equal(result.subjects, baseline.subjects)
    pd.testing.assert_frame_equal(result.claims, baseline.claims)
    pd.testing.assert_frame_equal(result.outlets, baseline.outlets)


def test_claims_tabled_chunk_by_chunk_keep_their_columns_types(tmp_path) -> None:
    import scorer.pipeline as pipeline

    # Claims are tabled per chunk of documents: a chunk where no figure has a lower
    # bound, then one where none has an upper bound, must still give number columns.
    n = pipeline._CHUNK + 3
    for i in range(n):
        bound = "Up to" if i < pipeline._CHUNK else "At least"
        (tmp_path / f"a{i:03d}.txt").write_text(
            f"{bound} {100 + i} homes were destroyed by the flood, officials said.\n",
            encoding="utf-8",
        )
    claims = extract([tmp_path], jobs=1).claims
    assert len(claims) == n
    assert claims["low"].dtype == claims["high"].dtype == "float64"
    assert claims["low"].isna().sum() == pipeline._CHUNK
    assert claims["high"].isna().sum() == 3
    assert claims["claim_id"].tolist() == list(range(n))


def test_the_sample_corpus_ranks_the_additional_troops_first_and_flags_no_parts(
    baseline: RunResult,
) -> None:
    # The Quickstart's `scorer run seeds/` (with the folder's manifest of dates).
    claims = baseline.claims
    first = claims[claims["subject_rank"] == 1]
    assert {(row.low, row.high, row.origin) for row in first.itertuples()} == {
        (25000, 30000, "Ukrainian intelligence"),
        (30000, 30000, "Ukrainian intelligence"),
        (10000, 20000, "Jenny Town"),
    }
    assert set(first["chain"].str.split(" > ").str[1]) == {"CNN"}
    scores = baseline.subjects.set_index("subject")["window_disagreement"]

    def score_of(value: float) -> set[float]:
        return {scores[s] for s in claims.loc[claims["low"] == value, "subject"]}

    # The first deployment, told three times, and the parts of a total score 0.
    assert (claims["low"] == 11000).sum() == 3
    assert score_of(11000) == score_of(1000) == score_of(6000) == {0.0}
