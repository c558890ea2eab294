"""Grouping: claims about one quantity join, whatever their values; others don't."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from scorer.config import GroupConfig
from scorer.extract.claims import claims_to_rows, extract_claims, load_resources
from scorer.group import group_claims
from scorer.model import Document

TEXTS = {
    "a": "Police said about 15,000 people attended the rally in Lyon on Saturday. "
    "At least 12 people were injured in clashes, the fire service said.",
    "b": "Organisers said 75,000 people attended the rally in Lyon on Saturday. "
    "Two people died in the clashes, according to the prefecture.",
    "c": "The union estimated that 60,000 people attended the rally in Lyon. "
    "The city council said the march cost the city $2 million in overtime.",
}


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    resources = load_resources()
    rows = []
    for doc_id, text in TEXTS.items():
        doc = Document(
            id=doc_id,
            text=text,
            outlet=f"{doc_id}.example",
            published=dt.date(2025, 6, 15),
        )
        rows += claims_to_rows(extract_claims(doc, resources), first_id=len(rows))
    return pd.DataFrame.from_records(rows)


def grouped_texts(
    texts: dict[str, str], published: dict[str, dt.date] | None = None
) -> pd.DataFrame:
    """The claims of one short document per text (published on the day
    ``published`` gives it, if any), grouped."""
    resources = load_resources()
    rows = []
    for doc_id, text in texts.items():
        doc = Document(
            id=doc_id,
            text=text,
            outlet=f"{doc_id}.example",
            published=(published or {}).get(doc_id),
        )
        rows += claims_to_rows(extract_claims(doc, resources), first_id=len(rows))
    return group_claims(pd.DataFrame.from_records(rows))


def subject_of(grouped: pd.DataFrame, fragment: str) -> str:
    matches = grouped[grouped["quote"].str.contains(fragment, regex=False)]
    assert len(matches) == 1, (fragment, list(grouped["quote"]))
    return matches["subject"].iloc[0]


def subjects_apart(grouped: pd.DataFrame, *groups: tuple[str, ...]) -> None:
    """Each group of quotes shares one subject, and no two groups share one."""
    subjects = [{subject_of(grouped, q) for q in quotes} for quotes in groups]
    assert all(len(s) == 1 for s in subjects), subjects
    assert len(set().union(*subjects)) == len(groups), subjects


def test_disagreeing_figures_about_one_quantity_land_together(claims):
    grouped = group_claims(claims)
    crowd = {subject_of(grouped, q) for q in ("15,000", "75,000", "60,000")}
    assert len(crowd) == 1


def test_different_quantities_stay_apart(claims):
    grouped = group_claims(claims)
    crowd = subject_of(grouped, "75,000")
    injured = subject_of(grouped, "12 people")
    money = subject_of(grouped, "$2 million")
    assert len({crowd, injured, money}) == 3


def test_subjects_have_readable_labels(claims):
    grouped = group_claims(claims)
    label = grouped.loc[grouped["quote"].str.contains("75,000"), "subject_label"].iloc[
        0
    ]
    assert "attend" in label


def test_grouping_does_not_depend_on_claim_order(claims):
    forward = group_claims(claims).set_index("claim_id")["subject"]
    backward = group_claims(claims.iloc[::-1]).set_index("claim_id")["subject"]
    assert forward.sort_index().equals(backward.sort_index())


def test_no_claims_gives_no_subjects():
    empty = pd.DataFrame(columns=["claim_id", "doc_id", "unit", "noun"])
    assert group_claims(empty).empty


def test_figures_counting_people_of_different_countries_stay_apart():
    texts = {
        "x": "Officials said 120 Peruvians died in the flooding this week.",
        "y": "Officials said 45 Chileans died in the flooding this week.",
        "z": "Diplomats said 150 Peruvians died in the flooding this week.",
    }
    grouped = grouped_texts(texts)
    peru = {subject_of(grouped, q) for q in ("120 Peruvians", "150 Peruvians")}
    assert len(peru) == 1
    assert subject_of(grouped, "45 Chileans") not in peru


def test_a_figure_in_a_list_joins_the_same_country_elsewhere():
    texts = {
        "x": "Casualties among the climbers included 40 Peruvians, 12 Chileans, "
        "9 Bolivians and 7 Ecuadorians, diplomats said.",
        "y": "The dead included 15 Chileans, 55 Peruvians, 3 Ecuadorians and "
        "11 Bolivians, according to officials.",
    }
    grouped = grouped_texts(texts)
    assert subject_of(grouped, "40 Peruvians") == subject_of(grouped, "55 Peruvians")
    assert subject_of(grouped, "12 Chileans") == subject_of(grouped, "15 Chileans")
    assert subject_of(grouped, "9 Bolivians") == subject_of(grouped, "11 Bolivians")
    assert subject_of(grouped, "40 Peruvians") != subject_of(grouped, "12 Chileans")


def test_a_figure_restated_in_one_article_stays_with_its_first_statement():
    texts = {
        "x": "Police said 15,000 people joined the march in Lyon on Sunday. "
        "Union leaders called the police's 15,000 a gross undercount.",
        "y": "Union leaders said 60,000 people joined the march in Lyon on Sunday.",
        "z": "The prefecture said 4,000 officers were deployed for the day.",
    }
    grouped = grouped_texts(texts).set_index("quote")
    assert grouped.loc["15,000", "subject"] == grouped.loc["15,000 people", "subject"]
    assert (
        grouped.loc["15,000 people", "subject"]
        == grouped.loc["60,000 people", "subject"]
    )


def test_equal_figures_framed_apart_in_one_article_stay_apart():
    texts = {
        "x": "Unemployment rose 12% in the region, the agency said. "
        "Exports fell 12% over the same period.",
        "y": "Unemployment rose 14% in the region, the agency said.",
        "z": "Exports fell 30% over the period, traders said.",
    }
    grouped = grouped_texts(texts)
    x = grouped[grouped["doc_id"] == "x"].sort_values("start")["subject"].tolist()
    assert x[0] != x[1]
    assert x[0] == subject_of(grouped, "14%")
    assert x[1] == subject_of(grouped, "30%")


def test_figures_for_a_county_and_for_the_whole_state_stay_apart():
    texts = {
        "x": "Analysts said the storm cut county-level output by 0.6% this year.",
        "y": "Economists said the storm cut county-level output by 0.9% this year.",
        "z": "Analysts said the storm cut statewide output by 3% this year.",
    }
    grouped = grouped_texts(texts)
    county = {subject_of(grouped, q) for q in ("0.6%", "0.9%")}
    assert len(county) == 1
    assert subject_of(grouped, "3%") not in county


def test_numeric_document_ids_group_as_their_text_does(claims):
    numbered = claims.assign(doc_id=claims["doc_id"].map({"a": 1, "b": 2, "c": 3}))
    as_text = group_claims(claims)
    as_numbers = group_claims(numbered)
    assert as_numbers["subject"].nunique() == as_text["subject"].nunique()
    crowd = {subject_of(as_numbers, q) for q in ("15,000", "75,000", "60,000")}
    assert len(crowd) == 1


def test_extent_reading_takes_each_figure_whole_and_survives_odd_capitals():
    from scorer.extract.claims import load_frames
    from scorer.group import _extents

    frames = load_frames()
    sentence = "Statewide output fell 15% last year."
    # "5%" is not a figure of this sentence, only the end of "15%".
    assert _extents([sentence, sentence], ["15%", "5%"], frames) == ["state", ""]
    # "İ" matches "i" when case is ignored but lower-cases to two characters.
    assert _extents(["CİTYWIDE, 20 people died."], ["20 people"], frames) == [""]


def test_the_sources_a_document_cites_are_not_what_its_figures_count():
    grouped = grouped_texts(
        {
            "a": "Police chief Dana Wells estimated 12,000 people joined the climate "
            "march in Dunmore on Sunday.",
            "b": "Organisers of the climate march in Dunmore said 60,000 people joined "
            "on Sunday, while police chief Dana Wells put the crowd in Dunmore at "
            "12,000.",
        }
    )
    assert grouped["subject"].nunique() == 1
    # Who gave a figure is no part of the label of what it counts.
    assert "wells" not in grouped["subject_label"].iloc[0]


def test_official_and_so_far_tolls_join_the_plain_toll():
    # "official" and "so far" say how final a figure is, not what it counts; and the
    # villages of "the toll in the hill villages" are where, not what is counted.
    grouped = grouped_texts(
        {
            "a": "The official death toll from the landslide in the hill villages has "
            "risen to 140, the interior ministry said on Monday.",
            "b": "At least 210 people died in the landslide in the hill villages, the "
            "Red Crescent said on Monday.",
            "c": "The death toll so far from the landslide in the hill villages stands "
            "at 95, local officials said on Monday.",
        }
    )
    assert {subject_of(grouped, q) for q in ("140", "210", "95")} == {
        grouped["subject"].iloc[0]
    }


def test_the_parts_of_a_breakdown_stay_apart_and_from_their_total():
    texts = {
        "x": "The storms killed 30 people, with 18 in the Arden Valley and 12 in "
        "the Corran Hills, officials said.",
        "y": "Rescuers said 21 had died in the Arden Valley and 14 in the Corran "
        "Hills, bringing the toll to 35.",
        "z": "The storms have killed at least 33 people, the governor said.",
    }
    grouped = grouped_texts(texts)
    valley = {subject_of(grouped, q) for q in ("18", "21")}
    hills = {subject_of(grouped, q) for q in ("12", "14")}
    assert len(valley) == 1 and len(hills) == 1 and valley != hills
    total = subject_of(grouped, "30 people")
    assert total not in valley | hills
    assert subject_of(grouped, "at least 33 people") == total
    row = grouped[grouped["quote"] == "18"].iloc[0]
    assert row["own_actor"] == "arden valley" and row["actors"] == "arden valley"
    assert grouped[grouped["quote"] == "30 people"].iloc[0]["own_actor"] == "(total)"


def test_one_name_after_one_figure_is_no_breakdown():
    # Where the workers went is not a part of anything.
    grouped = grouped_texts(
        {"x": "The ministry sent 300 engineers and 5,000 workers to Norvania."}
    )
    assert set(grouped["own_actor"]) == {""}


def test_a_people_named_in_the_figures_clause_is_whom_it_counts():
    texts = {
        "x": "At least 900 pilgrims died in the heat. Of the dead, 310 were "
        "Kenyans, diplomats said.",
        "y": "Officials put the death toll at 1,050 pilgrims. Kenyans accounted "
        "for 380 deaths, and 95 of the dead were Ghanaians.",
        "z": "The heat killed more than 1,000 pilgrims, officials said.",
    }
    resources = load_resources()
    rows = []
    for doc_id, text in texts.items():
        doc = Document(id=doc_id, text=text, outlet=f"{doc_id}.example")
        rows += claims_to_rows(extract_claims(doc, resources), first_id=len(rows))
    claims = pd.DataFrame.from_records(rows)
    for penalty in (0.1, 0.5):
        grouped = group_claims(claims, GroupConfig(part_penalty=penalty))
        kenyans = {subject_of(grouped, q) for q in ("310", "380")}
        assert len(kenyans) == 1
        assert subject_of(grouped, "95") not in kenyans
    # Where the corpus counts several peoples, a stronger part penalty keeps the
    # totals apart from the figures of one people.
    total = {subject_of(grouped, q) for q in ("900", "1,050", "more than 1,000")}
    assert len(total) == 1 and total != kenyans


def test_one_citys_crowd_stays_apart_from_another_citys_and_the_nations():
    texts = {
        "x": "Police in Denver put the crowd at 12,000 people. Nationwide, organisers "
        "said 900,000 people marched.",
        "y": "Organisers said 40,000 people marched in Denver. About 18,000 people "
        "marched in Portland, police said.",
        "z": "Across the country, more than 1 million people marched, organisers "
        "said. In Portland, police counted 15,000 people.",
    }
    grouped = grouped_texts(texts)
    subjects_apart(
        grouped, ("12,000", "40,000"), ("18,000", "15,000"), ("900,000", "1 million")
    )


@pytest.mark.parametrize(("penalty", "n_subjects"), [(0.0, 1), (0.5, 2)])
def test_an_article_on_one_citys_rally_places_its_unplaced_figures_there(
    penalty, n_subjects
):
    # Articles from Denver whose later figures do not name the city, against
    # national articles whose figures name no place either: the article's city
    # sets them group.place_penalty apart.
    texts = {
        "p": "Thousands rallied in Denver on Saturday. Police in Denver put the crowd "
        "at 12,000 people. Organisers said 40,000 people took part.",
        "q": "Protesters gathered in Denver at noon. Police in Denver said 15,000 "
        "people marched. Organisers said 30,000 people took part.",
        "r": "Organisers said 2 million people took part in the protests on "
        "Saturday. Experts said 1.5 million people took part.",
        "s": "An estimated 3 million people took part in the protests on Saturday, "
        "a data journalist said.",
    }
    resources = load_resources()
    rows = []
    for doc_id, text in texts.items():
        doc = Document(id=doc_id, text=text, outlet=f"{doc_id}.example")
        rows += claims_to_rows(extract_claims(doc, resources), first_id=len(rows))
    claims = pd.DataFrame.from_records(rows)
    assert dict(zip(claims["doc_id"], claims["place"], strict=True)) == {
        "p": "denver",
        "q": "denver",
        "r": "",
        "s": "",
    }
    grouped = group_claims(claims, GroupConfig(place_penalty=penalty))
    city = {subject_of(grouped, q) for q in ("12,000", "40,000", "15,000", "30,000")}
    nation = {subject_of(grouped, q) for q in ("2 million", "1.5 million", "3 m")}
    assert len(city) == len(nation) == 1
    assert len(city | nation) == n_subjects


def test_compatible_predicates_are_half_alike():
    # "cost" and "lost" may describe one loss (frames.toml predicate_compatible).
    grouped = grouped_texts(
        {
            "a": "The floods could cost the region $9bn, economists said.",
            "b": "The region lost $14bn to the floods, the treasury said.",
        }
    )
    assert subject_of(grouped, "$9bn") == subject_of(grouped, "$14bn")


@pytest.mark.parametrize(
    ("texts", "groups"),
    [
        pytest.param(
            {
                "x": "Nationwide, organisers said 900,000 people marched. Portland "
                "drew 18,000 people, police said.",
                "y": "Across the country, more than 1 million people marched. Police "
                "counted 15,000 people in Portland.",
            },
            [("18,000", "15,000"), ("900,000", "1 million")],
            id="a city hosting a figure places it there",
        ),
        pytest.param(
            # Losses and the value of a home are different quantities, however
            # alike the rest of their frames (frames.toml [money]).
            {
                "a": "Insurers put insured losses from the fires at $28bn, Verisk "
                "said. The median home value in the area is over $1.5 million.",
                "b": "Insured losses from the fires will reach $40bn, Moody's said. "
                "The average home value in the area is $1.8 million.",
            },
            [("$28bn", "$40bn"), ("$1.5 million", "$1.8 million")],
            id="sums measuring different things",
        ),
        pytest.param(
            # Insured losses are not economic losses; industry losses are insured
            # losses (frames.toml [money] kind_synonyms).
            {
                "a": "Insured losses from the fires could reach $30bn, Verisk said. "
                "Economic losses from the fires could reach $180bn, WeatherDesk "
                "said.",
                "b": "Industry losses from the fires could reach $40bn, Moody's "
                "said. Economic losses from the fires could reach $150bn, analysts "
                "said.",
            },
            [("$30bn", "$40bn"), ("$180bn", "$150bn")],
            id="sums of one measure but different kinds",
        ),
        pytest.param(
            {
                "a": "The central bank expects inflation of 5.5% in 2026, the "
                "governor said. It expects growth of 1.8% in 2026.",
                "b": "The finance ministry expects inflation of 4.8% in 2026 and "
                "growth of 3.1% in 2026, an official said.",
            },
            [("5.5%", "4.8%"), ("1.8%", "3.1%")],
            id="shares measuring different things",
        ),
        pytest.param(
            {
                "a": "At least 900 miners died due to gas poisoning, officials said.",
                "b": "Rescuers said 1,200 miners died as a result of gas poisoning.",
                "c": "The company said 40 miners died due to heart failure.",
                "d": "Doctors said 35 miners died as a result of heart failure.",
            },
            [("900", "1,200"), ("40", "35")],
            id="deaths of different causes",
        ),
        pytest.param(
            {
                "a": "At least 1,100 people died during the pilgrimage, officials "
                "said.",
                "b": "Rescuers said 1,300 people died during the pilgrimage.",
                "c": "A senior official said 570 people died during the two busiest "
                "days.",
                "d": "Officials said 560 people died during the two busiest days.",
            },
            [("1,100", "1,300"), ("570", "560")],
            id="a toll for a few days and the whole toll",
        ),
    ],
)
def test_figures_of_different_places_or_measures_stay_apart(texts, groups):
    subjects_apart(grouped_texts(texts), *groups)


def test_an_earlier_years_figure_stays_apart_from_this_years():
    grouped = grouped_texts(
        {
            "a": "About 5 million people marched on Saturday in June 2025, organisers "
            "said. The 2017 march drew 4 million people, researchers said.",
            "b": "Police said 3 million people marched on Saturday in June 2025.",
            "c": "Researchers put the turnout in June 2025 at 6 million people. Last "
            "year, 2 million people marched.",
        }
    )
    this_year = {subject_of(grouped, q) for q in ("5 million", "3", "6 million")}
    assert len(this_year) == 1
    assert subject_of(grouped, "4 million") not in this_year
    assert subject_of(grouped, "2 million") not in this_year


def test_an_earlier_months_figure_stays_apart_and_counts_at_that_time():
    grouped = grouped_texts(
        {
            "a": "About 5 million people marched on Saturday, organisers said. The "
            "rallies in April drew 3 million people, researchers said.",
            "b": "Police said 4 million people joined the Freedom March on Saturday.",
            "c": "Looking back, researchers said 2 million people marched on April 5.",
            # The month tells more than the year of "the last year" nearer the figure.
            "d": "Over the last year, about 2.5 million people marched in April.",
        },
        {
            "a": dt.date(2025, 6, 15),
            "b": dt.date(2025, 6, 16),
            "c": dt.date(2025, 8, 20),
            "d": dt.date(2025, 6, 18),
        },
    )
    subjects_apart(
        grouped, ("About 5 million",), ("3 million", "2 million", "2.5 million")
    )
    as_of = dict(zip(grouped["quote"], grouped["as_of"], strict=True))
    assert as_of["3 million people"] == as_of["2 million people"] == "2025-04-01"
    assert as_of["about 2.5 million people"] == "2025-04-01"
    # "the Freedom March" names no month: its figure is of the story's own time.
    assert as_of["About 5 million people"] == as_of["4 million people"] == ""


def test_a_later_month_told_as_past_is_last_years_and_one_looked_ahead_to_is_not():
    grouped = grouped_texts(
        {
            "a": "The 9,000 volunteers who arrived in October 2024 are still there, "
            "the agency said.",
            # In a story of June, "in October" told as past is last October ...
            "b": "They will join the 9,000 volunteers sent in October, officials said.",
            # ... and one looked ahead to is this year's.
            "c": "The agency could send 4,000 more volunteers by October, it said.",
            "d": "Officials said 5,000 more volunteers may arrive in October.",
            # A passive "by" tells no future; a future told after the month does.
            "e": "Officials said 6,000 volunteers were sent by the agency in October.",
            "f": "The fair in October will draw 2,000 volunteers, organisers said.",
        },
        {
            "a": dt.date(2025, 6, 10),
            "b": dt.date(2025, 6, 11),
            "c": dt.date(2025, 6, 12),
            "d": dt.date(2025, 6, 12),
            "e": dt.date(2025, 6, 13),
            "f": dt.date(2025, 6, 13),
        },
    )
    by_doc = grouped.set_index("doc_id")
    assert len(by_doc) == 6
    assert by_doc.loc["b", "as_of"] == by_doc.loc["a", "as_of"] == "2024-01-01"
    assert by_doc.loc["e", "as_of"] == "2024-01-01"
    assert by_doc.loc["f", "as_of"] == ""
    assert by_doc.loc["b", "subject"] == by_doc.loc["a", "subject"]
    assert by_doc.loc["c", "as_of"] == by_doc.loc["d", "as_of"] == ""
    assert by_doc.loc["c", "subject"] != by_doc.loc["a", "subject"]


def test_a_figure_referring_back_to_an_earlier_years_events_takes_that_year():
    grouped = grouped_texts(
        {
            "a": "The fires of January 2025 could cost $180 billion, analysts said. "
            "The costliest fires until now were those in California in 2018. "
            "Combined, those fires cost an estimated $30 billion.",
            "b": "Analysts in January 2025 said the fires could cost $140 billion.",
        }
    )
    this_year = {subject_of(grouped, q) for q in ("$180 billion", "$140 billion")}
    assert len(this_year) == 1
    assert subject_of(grouped, "$30 billion") not in this_year
    row = grouped[grouped["quote"].str.contains("$30 billion", regex=False)].iloc[0]
    assert "2018" in row["scope"]


def test_a_figure_introduced_as_part_of_another_is_not_that_figure():
    grouped = grouped_texts(
        {
            "a": "Nearly 380,000 pilgrims received medical treatment, including over "
            "120,000 without permits, the ministry said.",
            "b": "The ministry said 350,000 pilgrims received medical treatment.",
            "c": "Some 121,000 pilgrims without permits received medical treatment, "
            "including 20,000 who were flown to hospitals.",
        }
    )
    assert subject_of(grouped, "380,000") != subject_of(grouped, "120,000")
    assert subject_of(grouped, "380,000") == subject_of(grouped, "350,000")


@pytest.mark.parametrize(
    ("texts", "first", "second", "together"),
    [
        pytest.param(
            {
                "a": "In the deadliest heat since 2015, at least 1,420 pilgrims died, "
                "officials said.",
                "b": "Officials said 1,260 pilgrims died in the heat in June 2024.",
                "c": "The toll rose to 1,330 pilgrims dead in June 2024, officials "
                "said.",
            },
            "1,420",
            "1,260",
            True,
            id="a year named for comparison does not date the figure",
        ),
        pytest.param(
            # "Up to $120bn" is the top of "between $70bn and $120bn" said again.
            {
                "a": "The report said property capital losses could reach between "
                "$70bn and $120bn. The institute: wildfires could cost up to $120bn, "
                "economists say.",
                "b": "Wildfires could cost more than $180bn, WeatherDesk economists "
                "say.",
                "c": "Wildfires could cost $200bn, Moody's economists say.",
            },
            "up to $120bn",
            "$70bn",
            True,
            id="an open bound restating a range's end joins it",
        ),
        pytest.param(
            {
                "a": "The economic loss from the fires could reach nearly 4 percent "
                "of the annual GDP of the state of Ohio.",
                "b": "The economic loss from the fires could reach 0.5 percent of "
                "county-level GDP.",
            },
            "4 percent",
            "0.5 percent",
            False,
            id="a state's share stays apart from a county's",
        ),
    ],
)
def test_two_figures_join_or_stay_apart(texts, first, second, together):
    grouped = grouped_texts(texts)
    assert (subject_of(grouped, first) == subject_of(grouped, second)) is together


@pytest.mark.parametrize(
    ("part", "totals", "quotes"),
    [
        pytest.param(
            "The floods killed 30 people, with 18 in the Arden Valley and 12 in the "
            "Corran Hills, officials said. The Arden Valley floods destroyed 2,100 "
            "homes, officials said.",
            (
                "The floods destroyed 3,400 homes, officials said.",
                "Officials said the floods destroyed at least 3,600 homes.",
            ),
            ("2,100 homes", "3,400 homes", "at least 3,600 homes"),
            id="a name its article breaks a figure down by",
        ),
        pytest.param(
            "Several storms hit the region, but this one flooded 2,000 homes before "
            "it weakened.",
            (
                "The storms flooded 6,500 homes across the region, officials said.",
                "Officials said 6,800 homes were flooded across the region.",
            ),
            ("2,000 homes", "6,500 homes", "6,800 homes"),
            id="one of several things",
        ),
    ],
)
def test_a_part_stays_apart_from_the_totals(part, totals, quotes):
    grouped = grouped_texts({"x": part, "y": totals[0], "z": totals[1]})
    total = subject_of(grouped, quotes[1])
    assert subject_of(grouped, quotes[2]) == total
    assert subject_of(grouped, quotes[0]) != total


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Several storms hit, but this one flooded 2,000 homes.", True),
        # "One of them" who spoke gave the whole figure.
        ("Officials toured, and one of them said 2,000 homes flooded.", False),
    ],
)
def test_only_one_of_several_things_counted_makes_a_part(sentence, part):
    from scorer.extract.claims import load_frames
    from scorer.group import _subsets

    assert _subsets([sentence], ["2,000 homes"], load_frames()).tolist() == [part]
