"""Disagreement: disjoint ranges score high, agreement and single voices score zero."""

from __future__ import annotations

import pandas as pd
import pytest

from scorer.config import DisagreementConfig
from scorer.disagreement import Voice, measure_disagreement, score_voices

CONFIG = DisagreementConfig()


def voice(key, low, high, weight=0.5):
    return Voice(key, low, high, weight, 1, None)


def test_one_voice_scores_zero():
    assert score_voices([voice("a", 10_000, 20_000)], CONFIG).disagreement == 0


def test_same_value_from_several_voices_scores_zero():
    voices = [
        voice("a", 11_000, 11_000),
        voice("b", 11_000, 11_000),
        voice("c", 11_000, 11_000),
    ]
    assert score_voices(voices, CONFIG).disagreement == 0


def test_disjoint_ranges_score_higher_than_overlapping_ones():
    disjoint = score_voices(
        [voice("a", 10_000, 20_000), voice("b", 25_000, 30_000)], CONFIG
    )
    overlapping = score_voices(
        [voice("a", 10_000, 20_000), voice("b", 15_000, 25_000)], CONFIG
    )
    assert disjoint.gap > 0 and overlapping.gap == 0
    assert disjoint.disagreement > overlapping.disagreement > 0


def test_an_open_bound_does_not_contradict_a_value_beyond_it():
    score = score_voices([voice("a", 10_000, None), voice("b", 12_000, 12_000)], CONFIG)
    assert score.gap == 0
    contradicted = score_voices(
        [voice("a", 10_000, None), voice("b", 5_000, 5_000)], CONFIG
    )
    assert contradicted.gap > 0


def test_score_stays_in_unit_interval_for_wild_values():
    score = score_voices(
        [voice("a", 1, 1), voice("b", 1e12, 1e12, 1.0)],
        DisagreementConfig(out_of_scale=0, incomparable=0),
    )
    assert 0 < score.disagreement <= 1


def frame(rows):
    base = {"unit": "troops", "published": "", "sentence": "", "start": 0}
    return pd.DataFrame.from_records(
        [
            {**base, "subject_label": "troops sent", "claim_id": i, **r}
            for i, r in enumerate(rows)
        ]
    )


def test_amplified_echoes_are_one_voice():
    rows = [
        {
            "subject": "s",
            "voice": "origin:cnn",
            "doc_id": f"d{i}",
            "low": 30_000.0,
            "high": 30_000.0,
            "weight": 0.4,
        }
        for i in range(5)
    ]
    table = measure_disagreement(frame(rows), CONFIG)
    assert table.loc[0, "n_origins"] == 1
    assert table.loc[0, "amplification"] == 5
    assert table.loc[0, "disagreement"] == 0
    assert table.loc[0, "status"] == "uncontested"


def test_parts_of_a_total_are_not_a_disagreement():
    sentence = "He announced 1,000 sappers and 5,000 builders."
    rows = [
        {
            "subject": "s",
            "voice": "origin:a",
            "doc_id": "d1",
            "low": 1000.0,
            "high": 1000.0,
            "weight": 0.5,
            "sentence": sentence,
            "start": 10,
        },
        {
            "subject": "s",
            "voice": "origin:a",
            "doc_id": "d1",
            "low": 5000.0,
            "high": 5000.0,
            "weight": 0.5,
            "sentence": sentence,
            "start": 30,
        },
        {
            "subject": "s",
            "voice": "origin:b",
            "doc_id": "d2",
            "low": 6000.0,
            "high": 6000.0,
            "weight": 0.5,
            "sentence": "They agreed to send 6,000 engineers and builders.",
        },
    ]
    table = measure_disagreement(frame(rows), CONFIG)
    assert table.loc[0, "disagreement"] == 0


def test_running_tally_ranks_below_simultaneous_disagreement():
    tally = [
        {
            "subject": "toll",
            "voice": f"origin:v{i}",
            "doc_id": f"t{i}",
            "low": v,
            "high": v,
            "weight": 0.5,
            "published": d,
        }
        for i, (v, d) in enumerate(
            [
                (10.0, "2025-01-01"),
                (16.0, "2025-01-05"),
                (24.0, "2025-01-10"),
                (29.0, "2025-01-20"),
            ]
        )
    ]
    rival = [
        {
            "subject": "crowd",
            "voice": "origin:police",
            "doc_id": "c1",
            "low": 15_000.0,
            "high": 15_000.0,
            "weight": 0.5,
            "published": "2025-06-15",
        },
        {
            "subject": "crowd",
            "voice": "origin:organisers",
            "doc_id": "c2",
            "low": 75_000.0,
            "high": 75_000.0,
            "weight": 0.5,
            "published": "2025-06-15",
        },
    ]
    table = measure_disagreement(frame(tally + rival), CONFIG).set_index("subject")
    assert table.loc["crowd", "rank"] == 1
    assert table.loc["toll", "window_disagreement"] < table.loc["toll", "disagreement"]


def test_figures_of_an_earlier_time_compare_at_that_time_not_when_published():
    rows = [
        {
            "subject": "april",
            "voice": f"origin:{source}",
            "doc_id": doc_id,
            "low": value,
            "high": value,
            "weight": 0.5,
            "published": published,
            "as_of": "2025-04-01",
        }
        for source, doc_id, value, published in [
            ("organisers", "d1", 5_000_000.0, "2025-04-05"),
            ("researchers", "d2", 1_000_000.0, "2025-08-20"),
        ]
    ]
    row = measure_disagreement(frame(rows), CONFIG).iloc[0]
    assert row["window_disagreement"] == row["disagreement"] > 0.3
    # Without the as-of date the two are months apart, and no window holds both.
    undated = [{k: v for k, v in r.items() if k != "as_of"} for r in rows]
    assert (
        measure_disagreement(frame(undated), CONFIG).iloc[0]["window_disagreement"] == 0
    )


@pytest.mark.parametrize("weight", [0.1, 0.9])
def test_heavier_dissenter_raises_the_score(weight):
    light = score_voices([voice("a", 100, 100, 0.9), voice("b", 300, 300, 0.1)], CONFIG)
    heavy = score_voices(
        [voice("a", 100, 100, 0.9), voice("b", 300, 300, weight)], CONFIG
    )
    assert heavy.disagreement >= light.disagreement


def test_a_stray_figure_far_off_the_majority_is_left_out_and_counted():
    voices = [voice(key, 1_300, 1_300) for key in "abcd"] + [voice("stray", 11, 11)]
    score = score_voices(voices, CONFIG)
    assert score.out_of_scale == 1
    assert score.n_voices == 4
    assert score.disagreement == 0
    kept = score_voices(voices, DisagreementConfig(out_of_scale=0))
    assert kept.out_of_scale == 0 and kept.disagreement > 0.3


def test_two_voices_far_apart_are_both_kept():
    # No majority says which of the two is the stray one.
    score = score_voices(
        [voice("a", 15_000, 15_000), voice("b", 300_000, 300_000)], CONFIG
    )
    assert score.out_of_scale == 0
    assert score.disagreement > 0.3


def test_a_dispute_within_a_factor_of_ten_is_not_out_of_scale():
    voices = [voice("police", 15_000, 15_000), voice("organisers", 75_000, 75_000)]
    voices += [voice("experts", 10_000, 15_000)]
    score = score_voices(voices, CONFIG)
    assert score.out_of_scale == 0
    assert score.disagreement > 0.3


def test_of_two_voices_far_apart_the_heavier_does_not_silence_the_other():
    score = score_voices(
        [voice("a", 15_000, 15_000, 0.5), voice("b", 300_000, 300_000, 0.6)], CONFIG
    )
    assert score.out_of_scale == 0
    assert score.n_voices == 2 and score.disagreement > 0.3


def test_a_voice_left_out_does_not_move_the_centre():
    voices = [voice("a", 100, 100, 0.4), voice("b", 300, 300, 0.6)]
    voices.append(voice("stray", 1, 1, 0.4))
    score = score_voices(voices, CONFIG)
    assert score.out_of_scale == 1
    # With the stray the weighted median would be 100; without it, 300.
    assert score.centre == pytest.approx(300)


def test_a_voice_out_of_scale_stays_out_of_every_time_window():
    # Three voices agree on 10,000; a stray of 300 (33 times less: out of scale, yet
    # not so far off that two voices would be incomparable) was published on a day
    # only one of them spoke. The subject leaves it out; that day's window must too.
    rows = [
        {
            "subject": "visitors",
            "voice": f"origin:{key}",
            "doc_id": f"d{i}",
            "low": value,
            "high": value,
            "weight": 0.5,
            "published": day,
        }
        for i, (key, value, day) in enumerate(
            [
                ("ministry", 10_000.0, "2025-03-01"),
                ("stray", 300.0, "2025-03-01"),
                ("agency", 10_000.0, "2025-03-20"),
                ("airport", 10_000.0, "2025-03-20"),
            ]
        )
    ]
    row = measure_disagreement(frame(rows), CONFIG).iloc[0]
    assert row["n_out_of_scale"] == 1
    assert row["disagreement"] == 0
    assert row["window_disagreement"] == 0


def test_two_voices_a_hundred_times_apart_are_incomparable_not_a_dispute():
    score = score_voices(
        [voice("a", 200, 200), voice("b", 1_800_000, 1_800_000)], CONFIG
    )
    assert score.disagreement == 0 and score.incomparable
    rows = [
        {
            "subject": "visitors",
            "voice": f"origin:{key}",
            "doc_id": key,
            "low": value,
            "high": value,
            "weight": 0.5,
            "published": "2025-03-01",
        }
        for key, value in (("ministry", 1_800_000.0), ("agency", 200.0))
    ]
    row = measure_disagreement(frame(rows), CONFIG).iloc[0]
    assert row["status"] == "incomparable"
    assert row["disagreement"] == 0 and row["window_disagreement"] == 0


def test_two_voices_ten_times_apart_are_still_a_dispute_and_the_knob_moves_it():
    pair = [voice("police", 3_000, 3_000), voice("organisers", 30_000, 30_000)]
    score = score_voices(pair, CONFIG)
    assert score.disagreement > 0.5 and not score.incomparable
    strict = CONFIG.model_copy(update={"incomparable": 0.5})
    assert score_voices(pair, strict).incomparable


def test_two_incomparable_voices_may_still_disagree_inside_a_window():
    # Over the whole subject voice a speaks through its heavier 10, a hundred
    # thousand times below b; on day 20 it says 5,000 against b's 100,000.
    rows = [
        {
            "subject": "s",
            "voice": "origin:a",
            "doc_id": "a1",
            "low": 10.0,
            "high": 10.0,
            "weight": 0.9,
            "published": "2025-03-01",
        },
        {
            "subject": "s",
            "voice": "origin:a",
            "doc_id": "a2",
            "low": 5_000.0,
            "high": 5_000.0,
            "weight": 0.5,
            "published": "2025-03-20",
        },
        {
            "subject": "s",
            "voice": "origin:b",
            "doc_id": "b1",
            "low": 100_000.0,
            "high": 100_000.0,
            "weight": 0.5,
            "published": "2025-03-20",
        },
    ]
    row = measure_disagreement(frame(rows), CONFIG).iloc[0]
    assert row["status"] == "incomparable"
    assert row["window_disagreement"] > 0.3


def test_a_subject_made_only_of_parts_of_another_subjects_total_says_so():
    rows = [
        # "300 welders and 500 drivers" in one sentence; "800 workers" elsewhere.
        {
            "subject": "welders",
            "voice": "origin:ministry",
            "doc_id": "a",
            "low": 300.0,
            "high": 300.0,
            "weight": 0.5,
            "sentence": "s1",
            "start": 0,
        },
        {
            "subject": "drivers",
            "voice": "origin:ministry",
            "doc_id": "a",
            "low": 500.0,
            "high": 500.0,
            "weight": 0.5,
            "sentence": "s1",
            "start": 10,
        },
        {
            "subject": "workers",
            "voice": "origin:agency",
            "doc_id": "b",
            "low": 800.0,
            "high": 800.0,
            "weight": 0.5,
            "sentence": "s2",
            "start": 0,
        },
    ]
    table = measure_disagreement(frame(rows), CONFIG).set_index("subject")
    assert table.loc["welders", "status"] == "part"
    assert table.loc["drivers", "status"] == "part"
    assert table.loc["workers", "status"] == "uncontested"


def test_a_vague_count_gives_way_to_precise_figures():
    def claim(voice, low, high, cue=""):
        return {
            "subject": "s",
            "voice": voice,
            "doc_id": voice,
            "low": low,
            "high": high,
            "weight": 0.5,
            "hedge_cue": cue,
        }

    # "thousands of acres" (2,000-9,999 by convention) is no rival of 40,000 acres.
    precise = [claim("a", 40_000.0, 40_000.0), claim("b", 41_000.0, 41_000.0)]
    table = measure_disagreement(
        frame([*precise, claim("c", 2_000.0, 9_999.0, "vague")]), CONFIG
    )
    alone = measure_disagreement(frame(precise), CONFIG)
    assert table.loc[0, "disagreement"] == alone.loc[0, "disagreement"] < 0.2
    assert table.loc[0, "n_vague"] == 1
    assert table.loc[0, "n_origins"] == 2
    # Where nothing is more precise, vague counts still speak.
    only_vague = measure_disagreement(
        frame(
            [
                claim("a", 2_000.0, 9_999.0, "vague"),
                claim("b", 20_000.0, 99_999.0, "vague"),
            ]
        ),
        CONFIG,
    )
    assert only_vague.loc[0, "disagreement"] > 0.3
    assert only_vague.loc[0, "n_vague"] == 0
