"""Claim extraction: spans that index back into the text, ranges, chains, hedges, and
the numbers that are not claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.extract.claims import Resources, extract_claims, load_resources
from scorer.ingest import read_documents
from scorer.model import Claim, Document

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
RESOURCES: Resources = load_resources()
PUBLISHER = "Riverside Courier"


def claims_of(text: str, outlet: str = PUBLISHER) -> list[Claim]:
    return extract_claims(Document(id="t", text=text, outlet=outlet), RESOURCES)


def only_claim(text: str) -> Claim:
    claims = claims_of(text)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


# ----------------------------------------------------------------------- any text

FRAGMENTS = [
    "25-30 thousand",
    "25–30,000",
    "more than",
    "up to",
    "at least",
    "fewer than",
    "between 1,200 and 1,500",
    "about",
    "an estimated",
    "$3.5bn",
    "€2m",
    "1.5 million",
    "11,000",
    "1 000",
    "0",
    "½",
    "3rd",
    "[1]",
    "June 26",
    "2025",
    "percent",
    "%",
    "troops",
    "soldiers",
    "people",
    "homes",
    "according to",
    "said",
    "told",
    "citing",
    "Reuters",
    "the ministry",
    "sources",
    "triple",
    "dozens",
    "hundreds of",
    "“",
    "”",
    "'s",
    "(",
    ")",
    "-",
    "—",
    " ",
    ", ",
    ". ",
    "\n",
    "\n\n",
]
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
    ).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_claims_whose_spans_index_back_into_it(text: str) -> None:
    for claim in extract_claims(Document(id="x", text=text), RESOURCES):
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.quote == text[claim.start : claim.end]
        assert claim.attribution.links, claim


# -------------------------------------------------------------------- ranges, units


def test_a_range_with_its_chain_through_a_wire_to_a_ministry() -> None:
    claim = only_claim(
        "Reuters, citing the health ministry, said 40-50 people died in the floods."
    )
    assert (claim.quantity.low, claim.quantity.high) == (40, 50)
    assert claim.quantity.unit == "people"
    links = [link.name for link in claim.attribution.links]
    assert links[0] == PUBLISHER
    assert links[1] == "Reuters"
    assert "ministry" in links[-1].lower()
    assert claim.attribution.chain == " > ".join(links)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Organisers expect 25-30 thousand runners on Sunday.", 25_000, 30_000, None),
        ("The storm left more than 2 million homes without power.", 2e6, None, None),
        ("The harbour master said fewer than 40 boats left port.", None, 40, None),
        ("The charity estimates the repairs will cost $3.5bn.", 3.5e9, 3.5e9, "usd"),
        ("The reservoir held 38 percent of its capacity.", 38, 38, "percent"),
        (
            "Between 1,200 and 1,500 workers walked out, according to the union.",
            1200,
            1500,
            "people",
        ),
    ],
)
def test_values_and_open_bounds(text: str, low, high, unit) -> None:
    claim = only_claim(text)
    assert claim.quantity.low == low
    assert claim.quantity.high == high
    if unit is not None:
        assert claim.quantity.unit == unit


# ---------------------------------------------------------------------- attribution


def test_an_outlet_citing_an_agency_is_a_two_hop_chain() -> None:
    claim = only_claim(
        "The Daily Courier, citing police, reported that 12 people were detained."
    )
    assert claim.attribution.chain == f"{PUBLISHER} > Daily Courier > police"
    assert [link.kind for link in claim.attribution.links][1:] == ["outlet", "primary"]


def test_a_trailing_attribution_covers_the_figure_before_it() -> None:
    claim = only_claim("More than 600 homes were flooded, Mayor Jane Okafor said.")
    assert claim.attribution.origin.name == "Jane Okafor"


@pytest.mark.parametrize("role", ["officials", "diplomats", "lawmakers"])
def test_a_place_before_plural_speakers_is_not_who_spoke(role) -> None:
    claim = only_claim(f"Floods cut off 40 villages in the Arden Valley, {role} said.")
    assert claim.attribution.chain == f"{PUBLISHER} > {role}"


def test_a_speakers_title_is_not_what_the_figure_counts() -> None:
    claim = only_claim(
        "Denver Police Supt. Maria Olsen estimated 12,000 people joined the march."
    )
    assert claim.attribution.origin.name == "Maria Olsen"
    assert claim.actors == ()


@pytest.mark.parametrize("adverb", ["Overall", "Separately", "Altogether"])
def test_a_sentence_adverb_is_no_speaker(adverb) -> None:
    claims = claims_of(f"{adverb}, around 12 provinces have reported 930 deaths.")
    deaths = [c for c in claims if c.quote == "930 deaths"]
    assert len(deaths) == 1
    assert adverb not in deaths[0].attribution.chain


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        # Deaths are people who died, homes are structures (units.toml).
        ("Officials said 64% of the 2,140 deaths were among the elderly.", "people"),
        (
            "Nearly 40 percent of the homes were flooded, the council said.",
            "structures",
        ),
        ("About 12% of them were children, the agency said.", ""),
    ],
)
def test_a_share_takes_the_noun_of_what_it_is_a_share_of(text, noun) -> None:
    share = next(c for c in claims_of(text) if c.quantity.unit == "percent")
    assert share.noun == noun


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        # The measure noun before the sum, with the words saying what kind it is.
        (
            "Brokers pegged insured losses at $20bn-30bn, analysts said.",
            "insured losses",
        ),
        ("The median home value there is over $1.5 million.", "home value"),
        # The sentence's first word may be a capitalised kind-word.
        ("Insured losses could reach $30bn, Verisk said.", "insured losses"),
        # What caused the money is no kind of it.
        ("The report put wildfire losses at $120bn.", "losses"),
        ("Total wage losses are estimated to reach $210 million.", "wage losses"),
        (
            "Total property and capital losses could reach $70 billion.",
            "property capital losses",
        ),
        # After the sum, joined by "of" or "in".
        ("CoreLogic estimated $33bn-41bn of insured losses to date.", "insured losses"),
        ("The storm caused $3bn in damage, the insurer said.", "losses"),
        # A measure word used as a verb names no measure; nor does a clause without one.
        ("The fires could cost more than $180 billion, WeatherDesk said.", ""),
        ("The estimates were revised up from $140 billion on Monday.", ""),
    ],
)
def test_a_sum_of_money_takes_the_measure_its_clause_names(text, noun) -> None:
    money = [c for c in claims_of(text) if c.quantity.unit == "usd"]
    assert money and money[0].noun == noun


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Core inflation rose to 5.9% in February.", "core inflation"),
        ("The central bank raised the base rate to 7.25%.", "rate"),
        ("Harbour Bank forecasts growth of just 1.5%.", "growth"),
        ("Turnout was 64%, the commission said.", "turnout"),
        ("The fire was 100 percent contained on Friday.", "containment"),
        ("About 45% of the deaths were children.", "people"),  # who died
        ("Shares of the firm fell 12% on Monday.", ""),
        ("Economists see inflation staying above 6%.", "inflation"),
        ("The budget deficit will reach 4.8% of GDP.", "deficit"),
    ],
)
def test_a_share_takes_the_measure_its_clause_names(text, noun) -> None:
    shares = [c for c in claims_of(text) if c.quantity.unit == "percent"]
    assert shares and shares[0].noun == noun


def test_people_who_showed_up_are_not_a_source() -> None:
    claims = claims_of(
        "Organisers said that more than 2 million people across the United Kingdom "
        "showed up at more than 900 events nationwide, organisers said."
    )
    assert claims and all("United Kingdom" not in c.attribution.chain for c in claims)


def test_rival_estimates_named_by_their_sources_are_no_breakdown() -> None:
    claims = claims_of(
        "The crowd was 15,000 by Metro Transit's count and 75,000 by Rally Hub's count."
    )
    assert [c.own_actor for c in claims] == ["", ""]


def test_said_up_to_is_still_a_speech_cue() -> None:
    claim = only_claim("Police said up to 20,000 people marched.")
    assert claim.attribution.origin.name == "Police"


def test_parts_named_by_their_agents_are_a_breakdown() -> None:
    claims = claims_of(
        "The fires killed 24 people: eight by the Ridge Fire and 16 by the Creek Fire."
    )
    assert [c.own_actor for c in claims] == ["(total)", "ridge fire", "creek fire"]


@pytest.mark.parametrize(
    ("opening", "own"),
    [
        ("The Ridge fire, which started later, burned through 9,000 acres.", "ridge"),
        # A sentence about both parts is about neither alone.
        ("The Ridge and Creek fires burned through 20,000 acres.", ""),
        # A sentence that does not open with the part is not about it.
        ("Crews said 30,000 acres burned near the Ridge fire.", ""),
        # One that refers back to a sentence about a part is about that part.
        (
            "The Ridge fire began at dawn, with 30 homes lost. "
            "This blaze burned 9,000 acres.",
            "ridge",
        ),
        (
            "The Ridge fire began at dawn, with 30 homes lost. "
            "Crews say 9,000 acres burned.",
            "",
        ),
    ],
)
def test_a_sentence_opening_with_a_part_of_a_breakdown_is_about_that_part(
    opening: str, own: str
) -> None:
    claims = claims_of(
        "The fires killed 29 people, 17 in the Ridge fire and 12 in the Creek fire. "
        + opening
    )
    acres = next(c for c in claims if c.quantity.unit == "acres")
    assert acres.own_actor == own


def test_a_part_equal_to_the_others_sum_is_still_a_part() -> None:
    claims = claims_of(
        "Officials said eight came from the Ridge Fire, eight from the Creek "
        "Fire and 16 from the Hurst Fire."
    )
    assert [c.own_actor for c in claims] == [
        "ridge fire",
        "creek fire",
        "hurst fire",
    ]


def test_a_count_of_the_sources_themselves_is_not_a_claim() -> None:
    claims = claims_of(
        "At least 90 homes were destroyed, two senior officials told reporters."
    )
    assert [c.quote for c in claims] == ["At least 90 homes"]


@pytest.mark.parametrize(
    "quotation",
    [
        "“the repairs will take years.”",
        '"the repairs will take years."',
        "“the repairs will take years”.",
        "‘the repairs will take years.’",
    ],
)
def test_a_closed_quotation_does_not_speak_for_the_next_sentence(quotation) -> None:
    # (a quoted name is no quotation: see the test after this one)
    claims = claims_of(
        f"The mayor said she believes {quotation} "
        "More than 300 roads were closed on Monday."
    )
    (roads,) = claims
    assert roads.attribution.chain == PUBLISHER


def test_a_lead_with_its_own_estimate_governs_figures_of_that_kind_only() -> None:
    text = (
        "Analysts at Halvorsen Risk estimate the storm's damage at $12 billion, "
        "according to a report released by the firm on Monday.\n\n"
        "Crews worked through the night. "
        "About 40,000 homes lost power and 15 people died in the storm.\n\n"
        "The losses could climb to $15 billion as claims arrive, "
        "Halvorsen Risk added in its update."
    )
    claims = {c.quote: c for c in claims_of(text)}
    assert claims["15 people"].attribution.chain == PUBLISHER
    assert claims["$15 billion"].attribution.origin.name != PUBLISHER


@pytest.mark.parametrize(
    "lead",
    [
        "Three senior analysts at Halvorsen Risk estimate the storm's damage at "
        "$12 billion, according to a report released by the firm on Monday.",
        "Analysts at Halvorsen Risk estimate the storm's damage at $12 billion, "
        "according to a report released by the firm on Monday.",
    ],
)
def test_a_toll_without_a_noun_after_a_damage_lead_is_the_publishers(lead) -> None:
    text = (
        f"{lead}\n\nCrews worked through the night. At least 15 died.\n\n"
        "The losses could climb to $15 billion, Halvorsen Risk added."
    )
    (toll,) = [c for c in claims_of(text) if c.quote.startswith("At least 15")]
    assert toll.attribution.chain == PUBLISHER


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The death toll could rise to 500 by the weekend.", "people"),
        ("Police put the crowd at between 8,000 and 10,000.", "people"),
        ("Turnout was likely nearer 12,000.", "people"),
    ],
)
def test_a_counted_noun_before_a_bare_figure_gives_its_unit(text, unit) -> None:
    assert only_claim(text).quantity.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Three analysts said on Monday that 480 was too low.",
        "Rebels captured 12.",
        "Rescuers pulled 30 from the river.",
    ],
)
def test_a_noun_not_linked_to_a_bare_figure_is_not_what_it_counts(text) -> None:
    assert only_claim(text).noun == ""


@pytest.mark.parametrize(
    "text",
    ["At least 12 people are feared dead.", "Preliminary counts show 300 votes."],
)
def test_fear_and_preliminary_counts_are_hedges(text) -> None:
    assert all(c.hedged for c in claims_of(text))


def test_a_quoted_name_is_no_closed_quotation() -> None:
    claims = claims_of(
        "The ministry said 40 people died during “Operation Dawn”. "
        "Another 12 people were missing."
    )
    assert claims[1].attribution.origin.name == "ministry"


def test_a_report_stating_its_figures_does_not_speak_for_a_toll_after_it() -> None:
    claims = claims_of(
        "A report from the Harbour Institute puts the storm's losses at $9bn. "
        "The storm left 29 people dead."
    )
    toll = [c for c in claims if c.quote.startswith("29")][0]
    assert toll.attribution.chain == PUBLISHER


def test_the_report_named_again_is_the_report_named_before() -> None:
    claims = claims_of(
        "A new report from the Harbour Institute puts losses at $70bn.\n\n"
        "The mayor said 200 homes were lost.\n\n"
        "The report predicts a 0.5% fall in output this year."
    )
    share = [c for c in claims if c.quote == "0.5%"][0]
    assert share.attribution.origin.name == "Harbour Institute"


def test_a_transcript_gives_each_turn_to_its_speaker() -> None:
    text = (
        "Ortiz: You said 2,500 volunteers, is that right?\n\n"
        "Hale: 2,700. We counted 40 more this morning.\n\n"
        "They came from 18 towns.\n\n"
        "Ortiz: And how many buses?\n\n"
        "Hale: Nine.\n\n"
        "Note: 3 buses were cancelled."
    )
    chains = {c.quote: c.attribution.chain for c in claims_of(text)}
    assert chains["2,700"] == f"{PUBLISHER} > Hale"
    assert chains["40"] == f"{PUBLISHER} > Hale"  # "we" in a turn is the speaker
    assert chains["18 towns"] == f"{PUBLISHER} > Hale"  # the turn runs on
    assert chains["2,500 volunteers"] == f"{PUBLISHER} > Ortiz"  # "you" is nobody
    assert chains["3 buses"] == PUBLISHER  # a one-off label is no speaker


def test_a_transcript_taken_up_mid_conversation_opens_with_the_other_speaker() -> None:
    turns = (
        "Ortiz: You said 2,500 volunteers?\n\nHale: 2,700.\n\n"
        "Ortiz: And buses?\n\nHale: Nine, we think.\n\n"
    )
    # First-person paragraphs before the first named turn: the other speaker's.
    text = "Our count is about 3,100 volunteers. We expect more.\n\n" + turns
    (opening,) = [c for c in claims_of(text) if c.quote == "about 3,100 volunteers"]
    assert opening.attribution.chain == f"{PUBLISHER} > Hale"
    # An introduction in the article's own voice is nobody's turn.
    text = "Volunteers numbered about 3,100, the agency said.\n\n" + turns
    (opening,) = [c for c in claims_of(text) if c.quote == "about 3,100"]
    assert opening.attribution.chain == f"{PUBLISHER} > agency"
    # Nor one naming the speakers, or with "US" for the country, not "us".
    for intro in (
        "Our newsroom counted 3,100 volunteers. We spoke to Hale and Ortiz.",
        "US officials counted 3,100 volunteers on Friday.",
    ):
        (opening,) = [
            c for c in claims_of(intro + "\n\n" + turns) if "3,100" in c.quote
        ]
        assert "Hale" not in opening.attribution.chain, intro


@pytest.mark.parametrize(
    "text",
    [
        # datelines in capitals
        "KYIV: Officials met.\n\nMOSCOW: The talks stalled.\n\n"
        "KYIV: Rescuers pulled 6 survivors out.\n\nMOSCOW: Talks resume.",
        # a fact box does not alternate like two speakers
        "Deaths: 12.\n\nInjured: 40.\n\nDeaths: 6 survivors were found later.",
        # the article goes on after the last turn
        "Holt: Roads are shut.\n\nBell: All of them?\n\nHolt: Most.\n\n"
        "Bell: Thanks.\n\nThe storm moved east. Rescuers pulled 6 survivors out.",
    ],
)
def test_labels_that_are_no_speakers_take_no_figure(text) -> None:
    (survivors,) = [c for c in claims_of(text) if "6 survivors" in c.quote]
    assert survivors.attribution.chain == PUBLISHER


def test_a_speaker_quoted_where_the_text_names_the_credited_outlet_spoke_to_it():
    text = (
        "Ships are queueing outside the port for a third week. This was reported "
        "by the BBC, relying on port officials.\n\n"
        "Officials expect 40 more ships. Footage provided to the BBC shows the port "
        "full. Analyst Mara Voss considers a figure of 25 more realistic.\n\n"
        "The harbour master said 12 cranes were idle."
    )
    chains = {c.quote: c.attribution.chain for c in claims_of(text)}
    assert chains["25"] == f"{PUBLISHER} > BBC > Mara Voss"
    # A paragraph that does not name the BBC may be the text's own reporting.
    assert chains["12 cranes"] == f"{PUBLISHER} > harbour master"


def test_an_unattributed_figure_is_the_publishers_own() -> None:
    claim = only_claim("The new bridge is 1,400 metres long.")
    assert claim.attribution.chain == PUBLISHER


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The coastguard said 40 boats left port before the storm.", "coastguard"),
        ("The league told reporters that 12 clubs had missed payments.", "league"),
    ],
)
def test_an_unregistered_speaker_stays_in_the_chain(text, speaker) -> None:
    claim = only_claim(text)
    assert len(claim.attribution.links) == 2
    assert speaker in claim.attribution.origin.name.lower()


@pytest.mark.parametrize(
    "text",
    [
        "The storm claimed 14 lives across the region.",  # not a verb of speaking
        "The latter said 40 boats left port before the storm.",  # points back
    ],
)
def test_no_speaker_is_made_up(text) -> None:
    claim = only_claim(text)
    assert len(claim.attribution.links) == 1  # the publisher's own figure


# -------------------------------------------------------------------------- hedging


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Rescuers said roughly 300 people were trapped under the rubble.", "roughly"),
        ("Officials said an estimated 1,200 homes were destroyed.", "an estimated"),
        ("Up to 30,000 fans may attend the final on Saturday.", "up to"),
    ],
)
def test_hedged_figures_are_marked_with_their_cue(text: str, cue: str) -> None:
    claim = only_claim(text)
    assert claim.hedged
    assert claim.hedge_cue == cue


def test_a_figure_s_own_hedge_does_not_spread_to_the_next_figure() -> None:
    first, second = claims_of(
        "About 1,500 families fled and 300 homes burned, the agency said."
    )
    assert (first.hedged, first.hedge_cue) == (True, "about")
    assert (second.hedged, second.hedge_cue) == (False, "")


def test_a_clause_hedge_covers_every_figure_of_its_clause() -> None:
    claims = claims_of("The army could send 3,000 troops and 50 tanks.")
    assert [c.hedge_cue for c in claims] == ["could", "could"]


def test_a_number_counting_the_sources_is_no_claim() -> None:
    claims = claims_of(
        "Two people with knowledge of the matter said the firm would cut 400 jobs."
    )
    assert [c.quote for c in claims] == ["400 jobs"]


def test_a_paragraph_with_a_subject_of_its_own_does_not_continue_a_sourced_one():
    claims = claims_of(
        "Rates rose on Tuesday for the first time in a year.\n"
        "The ministry said it would keep its deficit target of 4.1%.\n"
        "The currency traded at 411.80 per euro on Wednesday.\n"
        "The group said 40 fighters died."
    )
    origins = {c.quote: c.attribution.origin.name for c in claims}
    assert origins["4.1%"] == "ministry"
    assert origins["411.80"] == PUBLISHER
    assert origins["40 fighters"] == "group"


def test_a_plain_figure_is_not_hedged() -> None:
    claim = only_claim(
        "The fire service said 300 people were trapped under the rubble."
    )
    assert not claim.hedged
    assert claim.hedge_cue == ""


# ---------------------------------------------------------- numbers that are not claims

# Dates, years, ordinals, footnote markers and comment-widget counts of seeds/*.txt.
NOT_CLAIMS = {
    "000_1281ba26957e6b4f": ["June 26", "June 25", "2025", "2024", "late 2023"],
    "001_8548220a5a2350b2": [
        "June 26, 2025",
        "June 25",
        "June 2",
        "April 2025",
        "seventh",
        "[1]",
        "[7]",
        "[12]",
    ],
    "002_88c46dc548cd37de": ["May 18", "June 4", "June 17", "fall of 2024", "second"],
    "003_d886f5a2d17a20ad": ["June 26", "June 2024"],
    "004_09d4e8aa03720ade": ["June 26", "June 17", "November 2024", "second known"],
}
# Lines of seeds/003 that cleaning drops; extraction must not see counts in them anyway.
WIDGET_LINES = ["0 Comments", "7 Recent Comments", "0 0 votes"]


@pytest.fixture(scope="module")
def seed_documents() -> dict[str, Document]:
    return {doc.id: doc for doc in read_documents([SEEDS])}


@pytest.mark.parametrize("doc_id", sorted(NOT_CLAIMS))
def test_seed_dates_ordinals_and_footnotes_are_not_claims(
    seed_documents: dict[str, Document], doc_id: str
) -> None:
    doc = seed_documents[doc_id]
    claims = extract_claims(doc, RESOURCES)
    for marker in NOT_CLAIMS[doc_id]:
        spans = [m.span() for m in re.finditer(re.escape(marker), doc.text)]
        assert spans, f"{marker!r} is not in {doc_id}"
        for start, end in spans:
            hits = [c.quote for c in claims if c.start < end and c.end > start]
            assert not hits, (marker, hits)


@pytest.mark.parametrize("line", WIDGET_LINES)
def test_comment_widget_counts_are_not_claims(line: str) -> None:
    raw = (SEEDS / "003_d886f5a2d17a20ad.txt").read_text(encoding="utf-8")
    assert line in raw.splitlines()
    assert claims_of(line) == []
    assert claims_of(f"Most Popular\n\n{line}\n\nTimes of Senapati") == []


@pytest.mark.parametrize(
    "text",
    [
        "The toll in the three hill villages has risen to 140.",
        "Deaths across the northern provinces reached 90.",
        # ... nor who reported it.
        "The new deaths bring the total reported so far by several provinces to 90.",
    ],
)
def test_a_place_before_a_bare_figure_is_not_what_it_counts(text) -> None:
    claim = only_claim(text)
    assert claim.noun != "places"
    assert claim.quantity.unit != "places"


def test_a_toll_after_a_place_phrase_still_counts_deaths() -> None:
    claim = only_claim("In the capital the death toll rose to 26.")
    assert (claim.noun, claim.predicate) == ("people", "die")


@pytest.mark.parametrize(
    ("first", "noun", "predicate"),
    [
        # (noun "": whatever the figure before counts; here, people)
        ("Over 2 million people marched on Saturday, organisers said.", "", "attend"),
        # The figure before may name only what it counts.
        ("Organisers counted 2 million protesters.", "protesters", ""),
    ],
)
def test_a_bare_figure_after_a_reference_word_counts_what_the_figure_before_counts(
    first, noun, predicate
):
    claims = claims_of(
        f"{first} Preliminary estimates from local police ranged from 800,000 to "
        "1.2 million."
    )
    bare = next(c for c in claims if c.quantity.low == 800_000)
    assert bare.quantity.unit == "people"
    assert bare.predicate == predicate
    assert not noun or bare.noun == noun


def test_a_verb_of_speech_in_the_figures_clause_keeps_an_earlier_verb_off():
    claims = claims_of(
        "The rallies were held in over 2,000 towns, with organisers claiming over 2 "
        "million protesters nationwide."
    )
    towns = next(c for c in claims if c.quantity.low == 2_000)
    crowd = next(c for c in claims if c.quantity.low == 2_000_000)
    assert towns.predicate == "host"
    assert crowd.predicate == ""


def test_participants_are_people_who_attended():
    claim = next(
        c for c in claims_of("Organisers said 5 million participants took to it.")
    )
    assert (claim.noun, claim.predicate) == ("people", "attend")


def test_a_figures_predicate_comes_from_its_own_clause_first() -> None:
    claims = claims_of(
        "Police arrested dozens; 5,000 people then slowly marched to the square."
    )
    marchers = next(c for c in claims if c.quantity.low == 5_000)
    assert marchers.predicate == "attend"


def test_a_figure_granted_something_is_not_the_toll_after_it() -> None:
    claims = claims_of(
        "The ministry said 20,000 applicants were granted visas, with 12 dying on "
        "the crossing."
    )
    applicants = next(c for c in claims if c.quantity.low == 20_000)
    dead = next(c for c in claims if c.quantity.low == 12)
    assert (applicants.predicate, dead.predicate) == ("grant", "die")


@pytest.mark.parametrize(
    ("text", "scoped"),
    [
        ("At least 900 workers were laid off, mostly uninsured contractors.", False),
        ("At least 900 uninsured contractors were laid off.", True),
    ],
)
def test_a_scope_word_after_mostly_describes_the_figure_rather_than_narrowing_it(
    text: str, scoped: bool
) -> None:
    assert ("uninsured" in only_claim(text).scope) is scoped


def test_a_measure_does_not_take_a_predicate_that_counts_people() -> None:
    claims = claims_of(
        "At least 300 hikers died on the trail, in temperatures exceeding 45C."
    )
    dead = next(c for c in claims if c.quantity.low == 300)
    heat = next(c for c in claims if c.quantity.unit == "celsius")
    assert (dead.predicate, heat.predicate) == ("die", "")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("The ministry said 40 miners died due to “gas poisoning”.", "gas poisoning"),
        ("There were 12 deaths as a result of the floods, officials said.", "floods"),
        ("At least 40 miners died, and rescuers blamed the gas.", ""),
    ],
)
def test_a_cause_phrase_after_a_figure_is_its_cause(text: str, cause: str) -> None:
    assert only_claim(text).cause == cause


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Officials said 120 people died in the past 24 hours.", "24-hours"),
        ("The toll was 80 deaths for the three deadliest days.", "three-days"),
        ("The fire burned 9,000 acres in five days.", None),
    ],
)
def test_a_limiting_stretch_of_time_is_part_of_the_scope(text, span) -> None:
    scope = only_claim(text).scope
    assert (span in scope) if span else not any(s.endswith("-days") for s in scope)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 64% of the 2,100 deaths were uninsured workers.",
        "Officials said deaths reached 2,100, with 64% being uninsured workers.",
    ],
)
def test_scope_words_after_a_shares_base_narrow_the_share_not_the_base(text) -> None:
    claims = claims_of(text)
    share = next(c for c in claims if c.quantity.low == 64)
    base = next(c for c in claims if c.quantity.low == 2_100)
    assert "uninsured" in share.scope and "uninsured" not in base.scope


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        # "ordered" commands rather than buys.
        ("The governor ordered 100,000 residents to evacuate on Tuesday.", "evacuate"),
        ("The regulator ordered 12 banks to be stripped of their licences.", "revoke"),
        # A value is what something is worth, not what it cost.
        ("In the valley the median home value is over $900,000.", ""),
        ("The damaged bridge was valued at $40 million.", "cost"),
        # A count of two outcomes together has its own predicate.
        ("The storm damaged or destroyed at least 4,000 homes.", "damage_or_destroy"),
        ("The storm destroyed at least 2,500 homes.", "destroy"),
        ("The storm damaged at least 1,500 homes.", "damage"),
        ("Officials said 40 people were killed or wounded.", "casualty"),
        # Plainer words for deaths and for a crowd.
        ("The number of mortalities reached 1,400, the ministry said.", "die"),
        ("Experts said between 8,000 and 12,000 filled the streets.", "attend"),
    ],
)
def test_a_figures_predicate_is_what_happened_to_what_it_counts(
    text: str, predicate: str
) -> None:
    assert only_claim(text).predicate == predicate


@pytest.mark.parametrize(
    ("second", "predicate"),
    [
        # "The 12 brokers" are the 12 already told of, whatever they did next.
        ("Officials said the 12 brokers had supplied forged papers.", "revoke"),
        # Twelve brokers not pointed back to may be others.
        ("Officials said 12 brokers had supplied forged papers.", "supply"),
    ],
)
def test_a_figure_pointed_back_to_keeps_the_predicate_it_was_told_with(
    second: str, predicate: str
) -> None:
    claims = claims_of(f"Regulators revoked the licences of 12 brokers. {second}")
    assert claims[0].predicate == "revoke"
    assert claims[-1].predicate == predicate


def test_a_dotted_abbreviation_before_the_counted_noun_is_read_past() -> None:
    claim = next(
        c
        for c in claims_of("Protests spread across over 2,000 U.S. cities.")
        if c.quantity.low == 2_000
    )
    assert claim.noun == "places"
    assert claim.quote == "over 2,000 U.S. cities"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Ridge and Creek fires were 56% and 81% contained on Monday.",
            ["ridge", "creek"],
        ),
        (
            "Containment of the Ridge and Creek fires stood at 11% and 15%, "
            "respectively.",
            ["ridge", "creek"],
        ),
        # Names that are the figures' sources make no breakdown.
        (
            "Insured losses will be $20bn and $25bn, according to Gallagher Re and "
            "BMS.",
            ["", ""],
        ),
    ],
)
def test_parallel_lists_of_figures_and_names_give_each_figure_its_name(
    text, expected
) -> None:
    assert [c.own_actor for c in claims_of(text)] == expected
