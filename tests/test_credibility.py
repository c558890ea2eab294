"""Outlet credibility: proximity, fidelity and outlets with nothing to judge."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.config import CredibilityConfig
from scorer.credibility import _Intervals, _overlaps, score_outlets

CORPUS = Path(__file__).parent / "fixtures" / "credibility"
# A claimed bound: a number, or None for an open end.
_bound = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


def frames(*rows, silent: tuple[str, ...] = ()):
    """Claims, subjects and documents tables from (outlet, chain, distance, low, high).

    Every claim is about one subject; each outlet has one document; ``silent`` names
    outlets with a document but no claim.
    """
    claims = pd.DataFrame.from_records(
        [
            {
                "claim_id": i,
                "doc_id": outlet.lower().replace(" ", "_"),
                "outlet": outlet,
                "chain": chain,
                "origin": chain.split(" > ")[-1],
                "distance": float(distance),
                "low": low,
                "high": high,
                "subject": "containers-lost",
            }
            for i, (outlet, chain, distance, low, high) in enumerate(rows)
        ]
    )
    subjects = pd.DataFrame.from_records(
        [{"subject": "containers-lost", "n_origins": 1, "centre": 1200.0}]
    )
    outlets = sorted({r[0] for r in rows} | set(silent))
    documents = pd.DataFrame.from_records(
        [{"doc_id": o.lower().replace(" ", "_"), "outlet": o} for o in outlets]
    )
    near = {d: () for d in documents["doc_id"]}
    return claims, subjects, documents, near


def outlet_table(*rows, silent: tuple[str, ...] = ()) -> pd.DataFrame:
    outlets, _ = score_outlets(*frames(*rows, silent=silent))
    return outlets.set_index("outlet")


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# ------------------------------------------------------------------------ proximity


def test_citing_the_primary_directly_beats_retelling_retellings() -> None:
    table = outlet_table(
        ("Harbour Gazette", "Harbour Gazette > Port Authority", 1, 1200.0, 1200.0),
        (
            "Echo Blog",
            "Echo Blog > Coast Daily > Harbour Gazette > Port Authority",
            3,
            1200.0,
            1200.0,
        ),
    )
    assert table.loc["Harbour Gazette", "proximity"] == pytest.approx(0.7)
    assert table.loc["Echo Blog", "proximity"] == pytest.approx(0.7**3)
    assert (
        table.loc["Harbour Gazette", "credibility"]
        > table.loc["Echo Blog", "credibility"]
    )
    assert list(table.index) == ["Harbour Gazette", "Echo Blog"]  # best first


# ------------------------------------------------------------------------- fidelity


def test_reporting_another_figure_than_the_cited_outlet_is_unfaithful() -> None:
    table = outlet_table(
        ("Harbour Gazette", "Harbour Gazette > Port Authority", 1, 1200.0, 1200.0),
        ("Coast Daily", "Coast Daily > Harbour Gazette", 3, 2000.0, 2000.0),
        (
            "Bay Times",
            "Bay Times > Harbour Gazette > Port Authority",
            2,
            1200.0,
            1200.0,
        ),
    )
    assert table.loc["Coast Daily", "fidelity"] == 0.0
    assert table.loc["Bay Times", "fidelity"] == 1.0
    # Nothing closer to check the Gazette against.
    assert missing(table.loc["Harbour Gazette", "fidelity"])
    assert (
        table.loc["Coast Daily", "credibility"] < table.loc["Bay Times", "credibility"]
    )


@pytest.mark.parametrize(
    ("cited", "retold", "faithful"),
    [
        ((25_000.0, 30_000.0), (30_000.0, 30_000.0), True),  # inside the range
        ((1e7, None), (1.2e7, 1.2e7), True),  # "more than 10 million": open above
        ((None, 40.0), (50.0, 50.0), False),  # "fewer than 40"
        ((1200.0, 1200.0), (2000.0, 2000.0), False),
    ],
)
def test_fidelity_compares_intervals(cited, retold, faithful) -> None:
    table = outlet_table(
        ("Harbour Gazette", "Harbour Gazette > Port Authority", 1, *cited),
        ("Coast Daily", "Coast Daily > Harbour Gazette", 3, *retold),
    )
    assert table.loc["Coast Daily", "fidelity"] == (1.0 if faithful else 0.0)


# ------------------------------------------------------------- nothing to judge


def test_an_outlet_without_claims_has_no_credibility() -> None:
    claims, subjects, documents, near = frames(
        ("Harbour Gazette", "Harbour Gazette > Port Authority", 1, 1200.0, 1200.0),
        silent=("Quiet Tribune",),
    )
    outlets, docs = score_outlets(claims, subjects, documents, near)
    table = outlets.set_index("outlet")
    assert table.loc["Quiet Tribune", "n_claims"] == 0
    assert missing(table.loc["Quiet Tribune", "credibility"])
    assert missing(table.loc["Quiet Tribune", "proximity"])
    assert outlets["outlet"].iloc[-1] == "Quiet Tribune"  # listed last, not first
    quiet_doc = docs.set_index("doc_id").loc["quiet_tribune"]
    assert missing(quiet_doc["credibility"])


def test_credibility_is_the_weighted_mean_of_the_defined_components() -> None:
    config = CredibilityConfig(
        proximity_weight=1.0,
        sourcing_weight=0.0,
        fidelity_weight=0.0,
        independence_weight=0.0,
        agreement_weight=0.0,
    )
    claims, subjects, documents, near = frames(
        ("Echo Blog", "Echo Blog > Coast Daily > Port Authority", 2, 1200.0, 1200.0)
    )
    outlets, _ = score_outlets(claims, subjects, documents, near, config)
    row = outlets.set_index("outlet").loc["Echo Blog"]
    assert row["credibility"] == pytest.approx(row["proximity"]) == pytest.approx(0.49)


# ----------------------------------------------------------------- on a corpus


@pytest.fixture(scope="module")
def corpus_outlets() -> pd.DataFrame:
    from scorer import run

    result = run([CORPUS])
    assert result.stats.n_read == 4
    return result.outlets.set_index("outlet")


def test_corpus_outlet_closer_to_the_port_authority_has_higher_proximity(
    corpus_outlets: pd.DataFrame,
) -> None:
    proximity = corpus_outlets["proximity"]
    assert proximity["Harbour Gazette"] > proximity["Bay Times"]
    assert proximity["Bay Times"] > proximity["Coast Daily"]


def test_corpus_outlet_misquoting_the_gazette_is_unfaithful(
    corpus_outlets: pd.DataFrame,
) -> None:
    # Coast Daily says 2,000 "according to the Harbour Gazette", which said 1,200.
    assert corpus_outlets.loc["Coast Daily", "fidelity"] == 0.0
    assert corpus_outlets.loc["Bay Times", "fidelity"] == 1.0
    assert (
        corpus_outlets.loc["Coast Daily", "credibility"]
        == corpus_outlets["credibility"].min()
    )


def test_corpus_opinion_piece_without_figures_has_no_credibility(
    corpus_outlets: pd.DataFrame,
) -> None:
    assert corpus_outlets.loc["Quiet Tribune", "n_claims"] == 0
    assert missing(corpus_outlets.loc["Quiet Tribune", "credibility"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_bound, _bound), min_size=1, max_size=8),
    st.tuples(_bound, _bound),
)
def test_interval_index_agrees_with_pairwise_overlap(intervals, claim):
    index = _Intervals(intervals)
    expected = any(_overlaps(claim, other) for other in intervals)
    assert index.overlap(*claim) == expected


def test_documents_of_unknown_publishers_get_a_row_each_and_copies_count():
    claims = pd.DataFrame.from_records(
        [
            {
                "claim_id": i,
                "doc_id": doc_id,
                "outlet": "unknown",
                "chain": "unknown > Port Authority",
                "origin": "Port Authority",
                "distance": 1.0,
                "low": 1200.0,
                "high": 1200.0,
                "subject": "containers-lost",
            }
            for i, doc_id in enumerate(["p1", "p2"])
        ]
    )
    subjects = pd.DataFrame.from_records(
        [{"subject": "containers-lost", "n_origins": 1, "centre": 1200.0}]
    )
    documents = pd.DataFrame.from_records(
        [{"doc_id": d, "outlet": "unknown"} for d in ("p1", "p2")]
    )
    near = {"p1": ("p2",), "p2": ("p1",)}
    outlets, _ = score_outlets(claims, subjects, documents, near)
    table = outlets.set_index("outlet")
    assert set(table.index) == {"unknown (p1)", "unknown (p2)"}
    # Two unknown publishers copying each other are not independent of each other.
    assert (table["independence"] == 0.0).all()


def test_equal_negative_figures_overlap():
    assert _overlaps((-3.0, -3.0), (-3.0, -3.0))
    assert _Intervals([(-3.0, -3.0)]).overlap(-3.0, -3.0)


@pytest.mark.parametrize(
    ("status", "judged"), [("contested", True), ("incomparable", False)]
)
def test_agreement_is_judged_only_where_the_voices_are_comparable(status, judged):
    claims, subjects, documents, near = frames(
        ("Harbour Post", "Harbour Post > port authority", 1, 1200.0, 1200.0),
        ("Coast Daily", "Coast Daily > shipping registry", 1, 3.0, 3.0),
    )
    subjects = subjects.assign(n_origins=2, status=status)
    outlets, _ = score_outlets(claims, subjects, documents, near)
    agreement = outlets.set_index("outlet").loc["Coast Daily", "agreement"]
    assert missing(agreement) is not judged
