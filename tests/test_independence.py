"""Independence: near-copy documents, and which claims speak with one voice."""

from __future__ import annotations

import pytest

from scorer.independence import (
    copy_groups,
    document_signature,
    find_near_copies,
    voice_of,
)

THRESHOLD = 0.5  # the default credibility.near_copy_threshold

FLOOD = (
    "Flood waters rose overnight across the lower valley, forcing the evacuation of "
    "several villages along the river. Emergency crews worked through the night to "
    "reinforce levees near the old mill, while volunteers filled sandbags at the "
    "community hall. The regional authority said the river peaked just before dawn "
    "and was expected to recede slowly over the coming days. Schools in the district "
    "will remain closed until the roads are inspected and declared safe for buses."
)
# The same wire story lightly edited by another outlet: three words changed.
FLOOD_EDITED = (
    FLOOD.replace("overnight", "on Monday night")
    .replace("volunteers", "residents")
    .replace("slowly", "gradually")
)
RATES = (
    "The central bank left its main interest rate unchanged on Thursday, citing "
    "persistent inflation in services and a labour market that remains tight. Analysts "
    "had expected the decision, though several had predicted a softer tone in the "
    "accompanying statement. The governor told reporters that future moves would "
    "depend on incoming data and on how quickly wage growth cools this year."
)


def near_copies(**texts: str) -> dict[str, tuple[str, ...]]:
    signatures = {doc_id: document_signature(t) for doc_id, t in texts.items()}
    return find_near_copies(signatures, THRESHOLD)


# ---------------------------------------------------------------------- near-copies


def test_a_lightly_edited_copy_is_a_near_copy_and_unrelated_text_is_not() -> None:
    found = near_copies(wire=FLOOD, local=FLOOD_EDITED, bank=RATES)
    assert found == {"wire": ("local",), "local": ("wire",), "bank": ()}


def test_same_story_different_topic_words_is_not_a_near_copy() -> None:
    # Same event, written independently: shares words but not whole phrases.
    other = (
        "Villages along the river were evacuated as the flood rose in the lower "
        "valley. Crews and residents filled sandbags through the night and the "
        "authority expects the water to fall in the coming days, while district "
        "schools stay shut."
    )
    assert near_copies(wire=FLOOD, own=other) == {"wire": (), "own": ()}


def test_signatures_are_stable_across_calls() -> None:
    assert (document_signature(FLOOD) == document_signature(FLOOD)).all()


def test_short_and_empty_texts_have_signatures() -> None:
    found = near_copies(empty="", short="Two words", flood=FLOOD)
    assert found["flood"] == ()


def test_copy_groups_join_chains_of_copies_under_the_smallest_id() -> None:
    groups = copy_groups({"b": ("a", "c"), "a": ("b",), "c": ("b",), "d": ()})
    assert groups == {"a": "a", "b": "a", "c": "a"}


# --------------------------------------------------------------------------- voices


def test_a_named_origin_is_one_voice_however_it_is_carried() -> None:
    direct = voice_of(
        "Daily Ledger > NIS", "publisher > primary", "d1", "Daily Ledger", {}
    )
    retold = voice_of(
        "Coast Times > CNN > Reuters > NIS",
        "publisher > outlet > wire > primary",
        "d2",
        "Coast Times",
        {},
    )
    assert direct == retold


def test_different_named_origins_are_different_voices() -> None:
    nis = voice_of(
        "Daily Ledger > NIS", "publisher > primary", "d1", "Daily Ledger", {}
    )
    isw = voice_of(
        "Daily Ledger > ISW", "publisher > primary", "d1", "Daily Ledger", {}
    )
    assert nis != isw


def test_anonymous_sources_of_one_carrier_are_one_voice() -> None:
    # Two outlets repeating Reuters' unnamed diplomats: one voice, amplified.
    a = voice_of(
        "Daily Ledger > Reuters > diplomats",
        "publisher > wire > anonymous",
        "d1",
        "Daily Ledger",
        {},
    )
    b = voice_of(
        "Coast Times > Reuters > diplomats",
        "publisher > wire > anonymous",
        "d2",
        "Coast Times",
        {},
    )
    assert a == b


def test_anonymous_sources_of_different_carriers_are_different_voices() -> None:
    via_reuters = voice_of(
        "Daily Ledger > Reuters > diplomats",
        "publisher > wire > anonymous",
        "d1",
        "Daily Ledger",
        {},
    )
    via_afp = voice_of(
        "Daily Ledger > AFP > diplomats",
        "publisher > wire > anonymous",
        "d1",
        "Daily Ledger",
        {},
    )
    assert via_reuters != via_afp


def test_each_outlets_own_anonymous_sources_are_its_own_voice() -> None:
    # Two papers that each spoke to witnesses are two voices: a 100-against-400 death
    # toll between them is a disagreement, not one voice amplified.
    a = voice_of(
        "Lakeside Post > witnesses", "publisher > anonymous", "a", "Lakeside Post", {}
    )
    b = voice_of(
        "Valley Herald > witnesses", "publisher > anonymous", "b", "Valley Herald", {}
    )
    assert a != b


def test_anonymous_sources_of_near_copies_are_one_voice() -> None:
    groups = {"a": "a", "b": "a"}  # b is a near-copy of a
    a = voice_of(
        "Lakeside Post > witnesses",
        "publisher > anonymous",
        "a",
        "Lakeside Post",
        groups,
    )
    b = voice_of(
        "Valley Herald > witnesses",
        "publisher > anonymous",
        "b",
        "Valley Herald",
        groups,
    )
    assert a == b


def test_unattributed_claims_of_near_copies_share_a_voice() -> None:
    groups = copy_groups(near_copies(wire=FLOOD, local=FLOOD_EDITED, bank=RATES))
    wire = voice_of("Wire Service", "publisher", "wire", "Wire Service", groups)
    local = voice_of("Local Paper", "publisher", "local", "Local Paper", groups)
    bank = voice_of("Money Daily", "publisher", "bank", "Money Daily", groups)
    assert wire == local
    assert bank != wire


@pytest.mark.parametrize(
    ("outlets", "same"),
    [(("Wire Service", "Wire Service"), True), (("Local Paper", "Money Daily"), False)],
)
def test_unattributed_claims_of_independent_documents_are_their_outlets(
    outlets, same
) -> None:
    a = voice_of(outlets[0], "publisher", "d1", outlets[0], {})
    b = voice_of(outlets[1], "publisher", "d2", outlets[1], {})
    assert (a == b) is same


def test_unattributed_claims_of_unknown_outlets_are_not_merged() -> None:
    # "unknown" is the absence of an outlet, not one outlet.
    a = voice_of("unknown", "publisher", "d1", "unknown", {})
    b = voice_of("unknown", "publisher", "d2", "unknown", {})
    assert a != b


def test_an_unregistered_named_source_is_one_voice_across_outlets() -> None:
    a = voice_of(
        "Lakeside Post > Brightline Analytics",
        "publisher > unknown",
        "a",
        "Lakeside Post",
        {},
    )
    b = voice_of(
        "Valley Herald > Brightline Analytics",
        "publisher > unknown",
        "b",
        "Valley Herald",
        {},
    )
    assert a == b
    # An unregistered description is carried by its chain, like an anonymous one.
    c = voice_of(
        "Lakeside Post > a monthly update",
        "publisher > unknown",
        "a",
        "Lakeside Post",
        {},
    )
    d = voice_of(
        "Valley Herald > a monthly update",
        "publisher > unknown",
        "b",
        "Valley Herald",
        {},
    )
    assert c != d


def test_a_description_opening_a_sentence_is_no_named_source() -> None:
    # "Preliminary estimates put the toll at 500" in two outlets: two voices.
    a = voice_of(
        "Lakeside Post > Preliminary estimates",
        "publisher > unknown",
        "a",
        "Lakeside Post",
        {},
    )
    b = voice_of(
        "Valley Herald > Preliminary estimates",
        "publisher > unknown",
        "b",
        "Valley Herald",
        {},
    )
    assert a != b
