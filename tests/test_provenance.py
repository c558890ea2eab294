"""Provenance: distance to a primary source and claim weights move the expected way."""

from __future__ import annotations

import pandas as pd
import pytest

from scorer.config import ProvenanceConfig
from scorer.errors import ConfigError
from scorer.provenance import chain_distance, load_outlet_priors, score_provenance


def claims(*rows):
    return pd.DataFrame.from_records(
        [
            {
                "outlet": o,
                "chain_kinds": k,
                "origin": g,
                "origin_kind": k.split(" > ")[-1],
                "hedged": h,
            }
            for o, k, g, h in rows
        ]
    )


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["primary"], 0.0),  # a think tank publishing its own assessment
        (["publisher", "primary"], 1.0),  # an outlet quoting the agency directly
        (
            ["publisher", "outlet", "primary"],
            2.0,
        ),  # retelling CNN's report of intelligence
        (
            ["publisher", "wire", "official", "primary"],
            2.0,
        ),  # stops at the first primary
        (["publisher"], 2.0),  # no source at all: 0 hops + the penalty of 2
        (["publisher", "outlet", "expert"], 4.0),  # never reaches a primary: 2 + 2
    ],
)
def test_distance_counts_hops_to_the_first_primary_link(kinds, expected):
    assert chain_distance(kinds, ProvenanceConfig()) == expected


def test_weight_is_the_product_of_decay_reliability_prior_and_hedge():
    config = ProvenanceConfig(hop_decay=0.5, hedge_factor=0.5, default_outlet_prior=0.8)
    out = score_provenance(
        claims(("a.com", "publisher > outlet > primary", "NIS", True)), config
    )
    assert out.loc[0, "distance"] == 2
    assert out.loc[0, "weight"] == pytest.approx(0.25 * 0.9 * 0.8 * 0.5)


def test_raising_hop_decay_raises_distant_claims_more_than_close_ones():
    rows = claims(
        ("a.com", "publisher > primary", "NIS", False),
        ("b.com", "publisher > outlet > outlet > primary", "NIS", False),
    )
    low = score_provenance(rows, ProvenanceConfig(hop_decay=0.5))["weight"]
    high = score_provenance(rows, ProvenanceConfig(hop_decay=0.9))["weight"]
    assert high[0] > low[0] and high[1] > low[1]
    assert high[1] / high[0] > low[1] / low[0]


def test_origin_reliability_and_outlet_prior_override_the_defaults():
    rows = claims(
        ("a.com", "publisher > primary", "Agency A", False),
        ("b.com", "publisher > primary", "Agency B", False),
    )
    config = ProvenanceConfig(
        origin_reliability={"Agency B": 0.2}, outlet_priors={"a.com": 1.0}
    )
    out = score_provenance(rows, config)
    assert out.loc[0, "weight"] > out.loc[1, "weight"]
    assert out.loc[1, "reliability"] == 0.2
    assert out.loc[0, "prior"] == 1.0


def test_priors_csv_supplies_outlet_priors(tmp_path):
    path = tmp_path / "priors.csv"
    path.write_text("domain,prior\nGood.example,0.95\nbad.example,0.1\n")
    priors = load_outlet_priors(ProvenanceConfig(priors_csv=str(path)))
    assert priors == {"good.example": 0.95, "bad.example": 0.1}


def test_bad_priors_csv_row_names_file_and_line(tmp_path):
    path = tmp_path / "priors.csv"
    path.write_text("domain,prior\nok.example,0.5\nbad.example,7\nworse.example\n")
    with pytest.raises(ConfigError) as info:
        load_outlet_priors(ProvenanceConfig(priors_csv=str(path)))
    assert info.value.problems == [
        f"{path}:3: prior must be between 0 and 1, got 7.0",
        f"{path}:4: expected domain,prior, got ['worse.example']",
    ]
