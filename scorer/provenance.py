"""Provenance stage: each claim's distance to a primary source and its weight.

``distance`` counts the hops from the publisher to the first primary link of the chain
(0 when the publisher is itself primary). A chain that never reaches a primary source
gets its number of hops plus ``unreached_penalty``. A claim's weight is::

    weight = hop_decay ** distance * reliability(origin) * prior(outlet) * hedge

where ``reliability`` comes from ``origin_reliability`` by name, else from
``reliability`` by the origin's kind; ``prior`` from ``outlet_priors`` or
``priors_csv`` by outlet name or domain, else ``default_outlet_prior``; ``hedge`` is
``hedge_factor`` for hedged claims and 1 otherwise.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.config import ProvenanceConfig
from scorer.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd


def load_outlet_priors(config: ProvenanceConfig) -> dict[str, float]:
    """Outlet priors from config, with ``priors_csv`` rows (``domain,prior``) under
    them.

    Raises
    ------
    ConfigError
        Naming the CSV file and line of a bad row.
    """
    priors: dict[str, float] = {}
    if config.priors_csv:
        path = Path(config.priors_csv)
        try:
            handle = path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise ConfigError(
                [
                    "provenance.priors_csv must name a readable file, "
                    f"got {str(path)!r}: {exc}"
                ]
            ) from None
        problems = []
        with handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if not row or row[0].startswith("#"):
                    continue
                if len(row) < 2:
                    problems.append(
                        f"{path}:{number}: expected domain,prior, got {row!r}"
                    )
                    continue
                try:
                    value = float(row[1])
                except ValueError:
                    if number == 1:
                        continue  # a header row
                    problems.append(
                        f"{path}:{number}: prior must be a number, got {row[1]!r}"
                    )
                    continue
                if not 0.0 <= value <= 1.0:
                    problems.append(
                        f"{path}:{number}: prior must be between 0 and 1, got {value}"
                    )
                    continue
                priors[row[0].strip().lower()] = value
        if problems:
            raise ConfigError(problems)
    priors.update({k.lower(): v for k, v in config.outlet_priors.items()})
    return priors


def chain_distance(kinds: list[str], config: ProvenanceConfig) -> float:
    """Hops from the publisher to the first primary link, or hops + penalty."""
    primary = set(config.primary_kinds)
    for hops, kind in enumerate(kinds):
        if kind in primary:
            return float(hops)
    return float(max(len(kinds) - 1, 0)) + config.unreached_penalty


def score_provenance(
    claims: pd.DataFrame,
    config: ProvenanceConfig,
    priors: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Add ``distance``, ``reliability``, ``prior`` and ``weight`` columns.

    Parameters
    ----------
    claims
        Rows with at least ``outlet``, ``chain_kinds``, ``origin``, ``origin_kind``,
        ``hedged``.
    config
        The provenance section.
    priors
        Outlet priors from :func:`load_outlet_priors` (loaded from config when omitted).
    """
    priors = load_outlet_priors(config) if priors is None else priors
    out = claims.copy()
    if out.empty:
        for column in ("distance", "reliability", "prior", "weight"):
            out[column] = []
        return out
    by_name = {k.lower(): v for k, v in config.origin_reliability.items()}
    default_kind = config.reliability.get("unknown", 0.4)
    kinds = [str(k) for k in out["chain_kinds"].tolist()]
    # Chains repeat (publisher > wire > ministry): each distinct one is measured once.
    distance_of = {k: chain_distance(k.split(" > "), config) for k in set(kinds)}
    out["distance"] = [distance_of[k] for k in kinds]
    out["reliability"] = [
        by_name.get(str(origin).lower(), config.reliability.get(kind, default_kind))
        for origin, kind in zip(
            out["origin"].tolist(), out["origin_kind"].tolist(), strict=True
        )
    ]
    out["prior"] = [
        priors.get(str(outlet).lower(), config.default_outlet_prior)
        for outlet in out["outlet"].tolist()
    ]
    hedge = out["hedged"].astype(bool).map({True: config.hedge_factor, False: 1.0})
    out["weight"] = (
        config.hop_decay ** out["distance"] * out["reliability"] * out["prior"] * hedge
    ).round(6)
    return out
