"""Tests for scorer.extract.quantities: numbers, ranges, bounds, units, non-claims."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.errors import ConfigError
from scorer.extract.quantities import (
    QuantityMention,
    UnitLexicon,
    _scan,
    find_quantities,
    load_unit_lexicon,
)


def only(text: str) -> QuantityMention:
    """The single mention found in ``text``."""
    found = find_quantities(text)
    assert len(found) == 1, [m.quantity.surface for m in found]
    return found[0]


def bounds(text: str) -> tuple[float | None, float | None]:
    q = only(text).quantity
    return q.low, q.high


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministry counted 8,400 troops at the border.", 8_400),
        ("Rainfall reached 3.5 millimetres.", 3.5),
        ("The index stood at 4.250 on Friday.", 4.25),
        ("Officials reported 12,345,678 votes.", 12_345_678),
        ("Eleven thousand soldiers crossed the river.", 11_000),
        ("Rescuers pulled a dozen survivors from the rubble.", 12),
        ("Two dozen people were evacuated.", 24),
        ("Half a million people lost power.", 500_000),
        ("A quarter of a million homes lost power.", 250_000),
        ("Officials said 1,2 million people voted.", 1_200_000),  # a decimal comma
        ("Three quarters of a million people voted.", 750_000),
        ("The fund holds five million dollars.", 5_000_000),
        ("Twenty-five thousand residents fled.", 25_000),
        ("The deal is worth $2.7bn.", 2.7e9),
        ("Organisers expect 40k runners.", 40_000),
        ("Some 1.2m people voted early.", 1.2e6),
        ("Wages fell by $412 million.", 412e6),
        ("The EU pledged €7bn in aid.", 7e9),
        ("The club paid £1.2m for him.", 1.2e6),
        ("Damage may reach US$80 billion.", 80e9),
        ("It costs $ 40 million.", 40e6),
        ("The bill is USD 5 million.", 5e6),
        ("Losses hit 30 billion USD.", 30e9),
        ("Exports rose to 1.5 trillion yen.", 1.5e12),
    ],
)
def test_reads_digits_words_and_magnitudes(text: str, value: float) -> None:
    q = only(text).quantity
    assert q.low == pytest.approx(value)
    assert q.high == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Sales fell to £4.1bn.", 4_100_000_000), ("It cost $0.3 million.", 300_000)],
)
def test_magnitudes_give_the_written_value_exactly(text: str, value: int) -> None:
    # 4.1 * 1e9 is 4,099,999,999.9999995 in binary floating point.
    assert only(text).quantity.low == value


def test_spelled_share_followed_by_of_is_a_percentage() -> None:
    q = only("Two-thirds of the respondents agreed.").quantity
    assert (q.low, q.unit) == (pytest.approx(200 / 3), "percent")
    q = only("Nearly half of the patients recovered.").quantity
    assert (q.low, q.high, q.qualifier) == (None, pytest.approx(50), "at_most")


def test_a_fraction_without_of_is_no_claim() -> None:
    assert find_quantities("The match turned in the second half.") == []
    assert find_quantities("They cut the budget in half.") == []


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The rebels could field 15-18 thousand fighters.", 15_000, 18_000),
        ("Analysts expect 12,000 to 14,000 troops.", 12_000, 14_000),
        ("Between 3,000 and 4,500 people marched.", 3_000, 4_500),
        ("Police saw 7,000-9,000 protesters.", 7_000, 9_000),
        ("Crowds of 40–60k filled the stadium.", 40_000, 60_000),
        ("Insurers expect $8bn-11bn in claims.", 8e9, 11e9),
        ("Repairs could run from $12 billion to $19 billion.", 12e9, 19e9),
        ("The ministry plans to spend 40 to 70 billion on roads.", 40e9, 70e9),
        ("Unemployment may reach 4.2-4.9% of adults.", 4.2, 4.9),
        ("Between 850,000 and 1.3 million people joined.", 850_000, 1.3e6),
        ("As many as 300 to 350 migrants drowned.", 300, 350),
        ("The bill may cost between $60 and $75 billion.", 60e9, 75e9),
        ("Estimates ranged from 700,000 to 1.1 million.", 700_000, 1.1e6),
        ("Between two million and three million people voted.", 2e6, 3e6),
        ("About three to four people per square metre stood there.", 3, 4),
        ("The cabinet approved US$40-45 billion in spending.", 40e9, 45e9),
    ],
)
def test_ranges_share_magnitude_currency_and_unit(
    text: str, low: float, high: float
) -> None:
    q = only(text).quantity
    assert q.qualifier == "range"
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


def test_range_end_magnitude_applies_to_the_first_end_with_its_unit() -> None:
    m = only("The general wants an additional 15-18 thousand soldiers.")
    assert m.quantity.surface == "an additional 15-18 thousand soldiers"
    assert (m.quantity.unit, m.noun, m.noun_surface) == ("people", "troops", "soldiers")


def test_a_change_from_one_figure_to_another_is_two_values() -> None:
    found = find_quantities("The count was revised up from 31 to 37 on Sunday.")
    assert [(m.quantity.low, m.quantity.qualifier) for m in found] == [
        (31, "exact"),
        (37, "exact"),
    ]
    found = find_quantities("Forecasts rose from US$90 billion to US$110-120 billion.")
    assert [(m.quantity.low, m.quantity.high) for m in found] == [
        (90e9, 90e9),
        (110e9, 120e9),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Support fell 10-5 percent.",
        "Police counted 40-35 people.",
        "Between 120-30 people died.",
    ],
)
def test_a_descending_pair_with_a_unit_or_between_is_no_score(text: str) -> None:
    assert len(find_quantities(text)) == 2


def test_a_verb_that_bounds_a_bare_figure_takes_a_counted_object_as_it_is() -> None:
    q = only("Parliament passed 12 laws this session.").quantity
    assert (q.low, q.high, q.qualifier) == (12, 12, "exact")


def test_a_descending_pair_is_not_a_range() -> None:
    found = find_quantities("The motion passed 52 to 48 in the senate.")
    assert [m.quantity.qualifier for m in found] == ["exact", "exact"]


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,400 migrants arrived.",
        "Over 2,400 migrants arrived.",
        "At least 2,400 migrants arrived.",
        "Temperatures exceeding 2,400 degrees were recorded.",
        "Upwards of 2,400 migrants arrived.",
        "In excess of 2,400 migrants arrived.",
        "The global toll crossed 2,400 on Thursday.",
        "Officials counted 2,400+ deaths.",
        "Officials counted 2,400 or more deaths.",
        "The toll passed 2,400 on Tuesday.",
        "The toll climbed past 2,400 overnight.",
    ],
)
def test_lower_bounds_leave_high_open(text: str) -> None:
    m = only(text)
    assert (m.quantity.low, m.quantity.high, m.quantity.qualifier) == (
        2400,
        None,
        "at_least",
    )


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Up to 900 refugees returned.", "up to"),
        ("As many as 900 refugees returned.", "as many as"),
        ("Fewer than 900 refugees returned.", ""),
        ("Less than 900 refugees returned.", ""),
        ("Under 900 refugees returned.", ""),
        ("Nearly 900 refugees returned.", "nearly"),
        ("Almost 900 refugees returned.", "almost"),
        ("The toll is heading for 900.", "heading for"),
        ("The toll could be as high as 900.", "as high as"),
    ],
)
def test_upper_bounds_leave_low_open(text: str, cue: str) -> None:
    m = only(text)
    assert (m.quantity.low, m.quantity.high, m.quantity.qualifier) == (
        None,
        900,
        "at_most",
    )
    assert m.hedge_cue == cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("About 7,500 soldiers were captured.", "about"),
        ("Around 7,500 soldiers were captured.", "around"),
        ("Some 7,500 soldiers were captured.", "some"),
        ("Roughly 7,500 soldiers were captured.", "roughly"),
        ("Approximately 7,500 soldiers were captured.", "approximately"),
        ("An estimated 7,500 soldiers were captured.", "an estimated"),
        ("Officials estimated 7,500 soldiers were captured.", "estimated"),
        ("Reports put it at ~7,500 soldiers.", "~"),
    ],
)
def test_approximations_keep_the_value_and_report_the_hedge(
    text: str, cue: str
) -> None:
    m = only(text)
    assert (m.quantity.low, m.quantity.high, m.quantity.qualifier) == (
        7500,
        7500,
        "approx",
    )
    assert m.hedge_cue == cue
    assert m.quantity.surface.lower().startswith(cue)


def test_a_measured_peak_is_a_value_not_a_bound() -> None:
    q = only("The mercury soared as high as 47.3C on Monday.").quantity
    assert (q.low, q.high, q.qualifier, q.unit) == (47.3, 47.3, "exact", "celsius")


def test_a_bound_before_a_list_applies_to_each_item() -> None:
    found = find_quantities(
        "At least 12 Kenyans, 40 Nigerians, 7 Ghanaians and 3 Britons have died."
    )
    assert [(m.quantity.low, m.quantity.high) for m in found] == [
        (12, None),
        (40, None),
        (7, None),
        (3, None),
    ]
    found = find_quantities("More than 90 Kenyans, along with 40 Nigerians, have died.")
    assert [(m.quantity.low, m.quantity.high) for m in found] == [(90, None), (40, 40)]


# ------------------------------------------------------------------------ vague counts


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Dozens were hurt in the crush.", 24, 99),
        ("Hundreds of homes burned overnight.", 200, 999),
        ("Thousands of residents fled.", 2_000, 9_999),
        ("Tens of thousands of people marched.", 20_000, 99_999),
        ("Hundreds of thousands of customers lost power.", 200_000, 999_999),
        ("Millions of people watched.", 2e6, 9_999_999),
        ("A few thousand fans waited outside.", 2_000, 5_999),
        ("Several hundred workers walked out.", 300, 999),
    ],
)
def test_vague_counts_follow_the_documented_convention(
    text: str, low: float, high: float
) -> None:
    m = only(text)
    assert (m.quantity.low, m.quantity.high) == (low, high)
    assert (m.quantity.qualifier, m.hedge_cue) == ("range", "vague")


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The army controls 64 percent of the province.", 64, "percent"),
        ("Support fell to 38% in May.", 38, "percent"),
        ("The economy shrank 0.37% last year.", 0.37, "percent"),
        ("Unemployment hit 12.5 per cent.", 12.5, "percent"),
        ("The fund lost $18 million.", 18e6, "usd"),
        ("The city owes 3 billion euros.", 3e9, "eur"),
        ("Sales reached £2bn.", 2e9, "gbp"),
        ("It was 44.6 degrees Celsius at noon.", 44.6, "celsius"),
        ("It was 45C at noon.", 45, "celsius"),
        ("It was 113F at noon.", 113, "fahrenheit"),
        ("It was 40°C at noon.", 40, "celsius"),
        ("The blaze burned 9,812 acres.", 9_812, "acres"),
        ("The blaze burned 31 square miles.", 31, "square_miles"),
        ("The plaza covers 8,500 square meters.", 8_500, "sq_m"),
        ("The convoy was 45 km from the port.", 45, "km"),
        ("Overnight it was -5C in the hills.", -5, "celsius"),
        ("A magnitude 6.9 earthquake shook the coast.", 6.9, "magnitude"),
        ("The survey put it at magnitude 6.4.", 6.4, "magnitude"),
        ("Relief cost P4.1 billion so far.", 4.1e9, "php"),
        ("The budget set aside ₱750 million.", 750e6, "php"),
        ("Farmers lost KSh3 billion.", 3e9, "kes"),
        ("The province lost R1.8bn in revenue.", 1.8e9, "zar"),
        ("Exports earned Rs900 crore.", 9e9, "inr"),
        ("It paid 80 million Mexican pesos.", 80e6, "mxn"),
        ("It paid 80 million pesos.", 80e6, "pesos"),
    ],
)
def test_measurement_units_are_canonical(text: str, value: float, unit: str) -> None:
    q = only(text).quantity
    assert q.low == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "noun", "unit", "surface"),
    [
        ("They sent 800 Russian sappers.", "engineers", "people", "sappers"),
        ("The ministry deployed 900 servicemen.", "troops", "people", "servicemen"),
        ("Some 450 pilgrims fainted.", "pilgrims", "people", "pilgrims"),
        (
            "Police counted 4,000 demonstrators.",
            "protesters",
            "people",
            "demonstrators",
        ),
        ("The quake left 212 dead.", "deaths", "people", "dead"),
        ("The blast left 57 injured.", "injured", "people", "injured"),
        ("The fire razed 240 buildings.", "structures", "structures", "buildings"),
        ("Troops fired 5,000 rounds.", "shells", "shells", "rounds"),
        ("Officials said 212 Moroccans died.", "moroccans", "people", "Moroccans"),
        ("The navy asked for 12 radar systems.", "systems", "systems", "systems"),
        (
            "It ran two large-scale naval operations.",
            "operations",
            "operations",
            "operations",
        ),
    ],
)
def test_counted_nouns_give_the_unit(
    text: str, noun: str, unit: str, surface: str
) -> None:
    m = only(text)
    assert (m.noun, m.quantity.unit, m.noun_surface) == (noun, unit, surface)
    assert m.quantity.surface.endswith(surface)


def test_a_number_with_no_noun_has_no_unit() -> None:
    m = only("The total reported so far rose to 418, officials said.")
    assert (m.quantity.low, m.quantity.unit, m.noun) == (418, "", "")


def test_the_span_covers_qualifier_number_magnitude_and_noun() -> None:
    text = (
        "Officials say the plant shipped more than 2 million artillery shells abroad."
    )
    m = only(text)
    assert text[m.start : m.end] == "more than 2 million artillery shells"
    assert m.quantity.surface == text[m.start : m.end]


def test_a_rate_joins_the_count_and_the_area() -> None:
    q = only("There were about 2 people per square meter.").quantity
    assert (q.low, q.unit) == (2, "people_per_sq_m")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The rate was 12.4 per 100,000 people.", 12.4, "per_100000"),
        ("There were 3 deaths per 1,000 live births.", 3, "people_per_1000"),
        ("It recorded 40 cases per million.", 40, "cases_per_1000000"),
        ("About 7 in every 1,000 residents fell ill.", 7, "per_1000"),
    ],
)
def test_a_rate_over_a_number_of_people_is_one_figure(
    text: str, value: float, unit: str
) -> None:
    q = only(text).quantity
    assert (q.low, q.unit) == (value, unit)


def test_the_step_of_a_change_to_a_new_level_is_relative() -> None:
    found = find_quantities(
        "Deaths rose by 40 to 310 people; sales rose 5% to $3 billion."
    )
    assert [(m.quantity.low, m.quantity.unit, m.quantity.relative) for m in found] == [
        (40, "people", True),
        (310, "people", False),
        (5, "percent", False),
        (3e9, "usd", False),
    ]


def test_children_and_survivors_are_counted_apart_from_people() -> None:
    found = find_quantities("Three children and 41 survivors among 120 people.")
    assert [m.noun for m in found] == ["children", "rescued", "people"]


def test_a_range_before_a_month_word_that_is_no_date_stays_a_range() -> None:
    q = only("Some 300 to 400 May Day marchers came.").quantity
    assert (q.low, q.high) == (300, 400)


def test_a_counted_noun_used_as_a_modifier_gives_way_to_its_head() -> None:
    found = find_quantities(
        "Hackers stole 1.3 million patient records from 460 patients."
    )
    assert [(m.noun, m.quantity.unit) for m in found] == [
        ("records", "records"),
        ("patients", "people"),
    ]


def test_bitcoin_is_a_currency() -> None:
    q = only("The gang demanded 140 bitcoin.").quantity
    assert (q.low, q.unit) == (140, "btc")


def test_families_and_households_are_not_people() -> None:
    found = find_quantities("About 1,500 families and 300 households fled.")
    assert [m.quantity.unit for m in found] == ["households", "households"]


def test_a_conversion_in_brackets_is_not_a_second_claim() -> None:
    found = find_quantities(
        "Heat reached 46.1 degrees Celsius (115 Fahrenheit) and 45C (113F); the fire "
        "covered 31 square miles (80 square kilometers)."
    )
    assert [m.quantity.unit for m in found] == ["celsius", "celsius", "square_miles"]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("One in three adults is obese.", 100 / 3),
        ("Eight out of 10 doctors agree.", 80),
        ("About 1 in 250 babies is affected.", 0.4),
    ],
)
def test_one_in_n_is_a_percentage(text: str, share: float) -> None:
    q = only(text).quantity
    assert (q.low, q.unit) == (pytest.approx(share), "percent")


def test_a_count_in_a_year_is_not_a_ratio() -> None:
    found = find_quantities("Prices rose 9 in 2022.")
    assert [m.quantity.low for m in found] == [9]


def test_stacked_magnitudes_multiply() -> None:
    q = only("The plan costs Rs 1.5 lakh crore.").quantity
    assert (q.low, q.unit) == (pytest.approx(1.5e12), "inr")


def test_a_bound_after_and_is_not_swallowed_by_the_first_count() -> None:
    found = find_quantities("Russia fired 40 missiles and more than 100 drones.")
    assert [(m.quantity.surface, m.quantity.low, m.quantity.high) for m in found] == [
        ("40 missiles", 40, 40),
        ("more than 100 drones", 100, None),
    ]


# --------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("The chain plans to triple the number of its stores.", 3),
        ("Applications doubled after the storm.", 2),
        ("Twice as many people came this year.", 2),
        ("The camp is three times the size of the town.", 3),
        ("Prices saw a fivefold rise.", 5),
    ],
)
def test_relative_claims_are_factors(text: str, factor: float) -> None:
    q = only(text).quantity
    assert q.relative
    assert (q.low, q.high, q.unit) == (factor, factor, "factor")


# --------------------------------------------------------------------------- not claims


@pytest.mark.parametrize(
    "text",
    [
        "The summit opened on June 26.",
        "The summit opened on 26 June.",
        "The summit opened on June 26, 2025.",
        "Elections are due in 2025.",
        "The treaty was signed in 2024 in Moscow.",
        "A new wave may come in May or June 2026.",
        "The file is dated 2023-11-04.",
        "The law took effect on Feb. 3.",
        "Voting closes at 10 a.m. on Sunday.",
        "The meeting starts at 14:00.",
        "It was the seventh round of talks.",
        "She finished 2nd in the race.",
        "This was his second visit.",
        "It was the first time.",
        "The claim is disputed.[12]",
        "Analysts disagree.[3] Others concur.",
        "A 41-year-old man was arrested.",
        "The victim, aged 65, was a farmer.",
        "Maria Lopez, 58, said she saw the flames.",
        "The farmer, 61, told reporters he lost everything.",
        "Call 555-0142 or +44 20 7946 0958 for help.",
        "Send it to PO Box 90210.",
        "0 Comments",
        "9 Recent Comments",
        "0 0 votes",
        "Article Rating",
        "The truce came 9 days after the raid.",
        "Talks lasted two weeks.",
        "After a two-month pause the talks resumed.",
        "The results are due within 48 hours.",
        "Crews flew An-124 and F-35 aircraft.",
        "Covid-19 spread before the G7 met.",
        "He sold MP3 players.",
        "See https://example.org/2025/06/report-123 for details.",
        "It is the fourth deadliest flood on record.",
        "Only one of the two sides agreed.",
        "Channel 4 reported the news.",
        "The S&P 500 closed higher.",
        "The Category 5 storm made landfall.",
        "Officials listed the top three causes.",
        "The home side won 3-2 on Sunday.",
        "The bill passed 52-48 in the senate.",
        "Residents of Block P2 and Route R5 fled; N95 masks ran out.",
        "For inquiries call (086) 211-3456.",
        "Call 01632 960 718 for help.",
        "Deaths were recorded between 9 and 20 July.",
        "The port shut from 9 to 12 June.",
        "The embassy is at 221B Elm Street and the office at 10 Harbour Road.",
        "The 2025-26 budget allocates more; the 2024/25 one had lapsed.",
        "The rule is set out in Section 12(3) and clause 4(b)(ii).",
        "($1 = 84.2000 Indian rupees)",
        "Children under 5 and adults over 65 were the most exposed.",
    ],
)
def test_dates_times_ordinals_ages_ids_durations_and_furniture_are_not_claims(
    text: str,
) -> None:
    assert find_quantities(text) == []


def test_a_confidence_level_and_its_interval_are_not_claims() -> None:
    found = find_quantities(
        "Infections fell by 60% (95% confidence interval 48-70%); another trial "
        "found 55% (95% CI: 41% to 66%)."
    )
    assert [m.quantity.low for m in found] == [60, 55]


def test_an_age_limit_does_not_hide_the_count_it_qualifies() -> None:
    found = find_quantities("More than 300 children under 5 died.")
    assert [(m.quantity.low, m.quantity.high) for m in found] == [(300, None)]


def test_a_year_next_to_a_count_is_skipped_but_the_count_kept() -> None:
    found = find_quantities(
        "In 2023, 500 people died; by 2030 the city will host 2,000."
    )
    assert [m.quantity.low for m in found] == [500, 2000]


@pytest.mark.parametrize(
    "text",
    [
        "A storm in 1987 killed more than 300 people.",
        "The 1999 cyclone killed more than 300 people.",
        "Floods since 2015 killed more than 300 people.",
    ],
)
def test_a_year_before_a_casualty_verb_is_no_count(text: str) -> None:
    assert [m.quantity.low for m in find_quantities(text)] == [300]


def test_a_four_digit_count_right_before_its_noun_is_kept() -> None:
    found = find_quantities("Police said 1500 or more marchers met 1200 soldiers.")
    assert [(m.quantity.low, m.quantity.unit) for m in found] == [
        (1500, "people"),
        (1200, "people"),
    ]


# --------------------------------------------------------------------------- lexicon


def test_packaged_lexicon_is_cached() -> None:
    assert load_unit_lexicon() is load_unit_lexicon()
    assert isinstance(load_unit_lexicon(), UnitLexicon)


def test_a_user_lexicon_adds_nouns(tmp_path) -> None:
    extra = tmp_path / "units.toml"
    extra.write_text(
        '[nouns.warheads]\nunit = "warheads"\nsynonyms = ["nukes"]\n', encoding="utf-8"
    )
    lexicon = load_unit_lexicon(extra)
    found = find_quantities("The state holds 50 nukes.", lexicon)
    assert (found[0].noun, found[0].quantity.unit) == ("warheads", "warheads")
    # The packaged vocabulary is still there.
    assert find_quantities("It holds 50 tanks.", lexicon)[0].quantity.unit == "vehicles"


def test_a_broken_user_lexicon_is_a_config_error(tmp_path) -> None:
    bad = tmp_path / "units.toml"
    bad.write_text("[nouns\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="units.toml"):
        load_unit_lexicon(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_unit_lexicon(tmp_path / "missing.toml")


# --------------------------------------------------------------------------- robustness


_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        ",",
        ".",
        "-",
        "–",
        "(",
        ")",
        "$",
        "€",
        "%",
        "~",
        "[1]",
        "1",
        "25",
        "3.5",
        "1,420",
        "0",
        "2024",
        "between",
        "and",
        "to",
        "from",
        "more than",
        "at least",
        "up to",
        "nearly",
        "about",
        "some",
        "a",
        "half",
        "dozen",
        "dozens",
        "tens of",
        "thousands",
        "million",
        "bn",
        "k",
        "C",
        "F",
        "percent",
        "people",
        "soldiers",
        "Syrian",
        "June",
        "years",
        "-year-old",
        "times",
        "the",
        "twice",
        "three",
        "minus",
        "acres",
        "(99 Fahrenheit)",
    ]
)


def _check_mentions(text: str) -> None:
    found = find_quantities(text)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end
        assert text[m.start : m.end] == m.quantity.surface
        assert m.quantity.qualifier in (
            "exact",
            "approx",
            "at_least",
            "at_most",
            "range",
        )
        last_end = m.end


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_mix_of_number_grammar_gives_ordered_spans(text: str) -> None:
    _check_mentions(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_ordered_spans(text: str) -> None:
    _check_mentions(text)


def _spans_both_ways(text: str) -> None:
    grammar = load_unit_lexicon()._derived.grammar
    expected = [m.span() for m in grammar.master.finditer(text)]
    assert [m.span() for m in _scan(text, grammar)] == expected


# Characters that change length or word status when lower-cased, next to number words.
_ODD_PIECES = st.sampled_from(["\u0130", "\u212a", "K", "A", "a ", "an ", "[", "\n  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _ODD_PIECES), max_size=30).map("".join))
def test_the_fast_scan_finds_what_the_full_pattern_finds(text: str) -> None:
    _spans_both_ways(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_the_fast_scan_finds_what_the_full_pattern_finds_in_any_text(text: str) -> None:
    _spans_both_ways(text)
