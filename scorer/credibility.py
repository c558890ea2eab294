"""Credibility stage: how far each outlet, and each document, can be trusted.

Components, each in [0, 1] and shown beside the combined score:

* **proximity**: the mean of ``hop_decay ** distance`` over the outlet's claims;
* **sourcing**: the share of its claims that name a source beyond the outlet itself;
* **fidelity**: among its claims whose cited source (or a closer outlet citing the same
  origin) is also in the corpus with a figure for the same subject, the share whose
  interval overlaps that closer figure; empty where nothing can be checked;
* **independence**: the share of its documents that are not near-copies of another
  outlet's document;
* **agreement**: over its claims in subjects with two or more voices (not two voices
  too far apart to compare, status ``incomparable``),
  ``mean(exp(-|t(value) - t(centre)| / dispersion_scale))`` with ``t`` the subject's
  scale (log10 for positive values).

``credibility`` is the weighted mean of the components that are defined, with the
weights of the ``credibility`` config section. Documents get the same treatment:
``deviation`` is the mean distance of their figures from their subjects' centres (log10
units for positive values), ``near_copies`` lists the documents they nearly copy, and
``credibility`` combines proximity, agreement and independence.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from scorer.config import CredibilityConfig, DisagreementConfig, ProvenanceConfig
from scorer.model import UNKNOWN_OUTLET

if TYPE_CHECKING:
    import pandas as pd


def _isnan(value: object) -> bool:
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _slack(bound: float) -> float:
    """An upper bound raised by 0.01% of its size, so that rounding never parts two
    equal figures (negative ones included)."""
    return bound + abs(bound) * 1e-4


def _overlaps(a: tuple[object, object], b: tuple[object, object]) -> bool:
    """Whether two claimed intervals meet (with 0.01% slack; an open end meets
    everything on its side): the definition :class:`_Intervals` answers in bulk."""
    a_low, a_high = (None if _isnan(v) else float(v) for v in a)  # type: ignore[arg-type]
    b_low, b_high = (None if _isnan(v) else float(v) for v in b)  # type: ignore[arg-type]
    if a_high is not None and b_low is not None and b_low > _slack(a_high):
        return False
    return not (b_high is not None and a_low is not None and a_low > _slack(b_high))


def _claim_deviations(claims: pd.DataFrame, subjects: pd.DataFrame) -> np.ndarray:
    """Per claim (in row order), how far its figure lies from its subject's consensus:
    in orders of magnitude where both are positive, else as a share of the larger;
    NaN where the subject has no consensus."""
    # A subject needs two voices to have a consensus, and two voices a hundred times
    # apart (status "incomparable") have none: neither side deviates from it.
    comparable = subjects["status"] != "incomparable" if "status" in subjects else True
    chosen = subjects[(subjects["n_origins"] >= 2) & comparable]
    contested = dict(
        zip(chosen["subject"].tolist(), chosen["centre"].tolist(), strict=True)
    )
    centre = np.array(
        [contested.get(s, math.nan) for s in claims["subject"].tolist()], dtype=float
    )
    low = claims["low"].to_numpy(dtype=float, na_value=math.nan)
    high = claims["high"].to_numpy(dtype=float, na_value=math.nan)
    value = np.where(
        np.isnan(low), high, np.where(np.isnan(high), low, (low + high) / 2)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.abs(np.log10(value) - np.log10(centre))
        scale = np.maximum(np.abs(value), np.abs(centre))
        linear = np.abs(value - centre) / np.where(scale > 0, scale, 1.0)
    return np.where((value > 0) & (centre > 0), logged, linear)


def _bound(value: object) -> float | None:
    return None if _isnan(value) else float(value)  # type: ignore[arg-type]


class _Intervals:
    """Claimed intervals, indexed so that "does any of them overlap this one?" costs
    a binary search: sorted by lower bound, with the running largest upper bound."""

    def __init__(self, intervals: list[tuple[float | None, float | None]]) -> None:
        inf = math.inf
        pairs = sorted(
            (-inf if low is None else low, inf if high is None else _slack(high))
            for low, high in intervals
        )
        self.lows = [low for low, _ in pairs]
        self.reach = list(itertools.accumulate((h for _, h in pairs), max))

    def overlap(self, low: float | None, high: float | None) -> bool:
        """The same test as :func:`_overlaps` against every interval held."""
        top = math.inf if high is None else _slack(high)
        count = bisect.bisect_right(self.lows, top)
        if count == 0:
            return False
        return low is None or self.reach[count - 1] >= low


def _index(built: dict, key: object, members: list[tuple]) -> _Intervals:
    """The interval index of a group of claims, built when first asked for: most
    groups are never any claim's closer source."""
    if key not in built:
        built[key] = _Intervals([row[5:] for row in members])
    return built[key]


def _fidelity(claims: pd.DataFrame) -> dict[int, bool]:
    """Per claim that can be checked: does it repeat the figure of a closer source
    (an outlet its chain cites, or a claim of the same origin at a shorter distance)?
    """
    fields = zip(
        claims["subject"].tolist(),
        claims["claim_id"].tolist(),
        claims["chain"].astype(str).tolist(),
        claims["outlet"].astype(str).str.lower().tolist(),
        claims["origin"].astype(str).str.lower().tolist(),
        claims["distance"].tolist(),
        [_bound(v) for v in claims["low"].tolist()],
        [_bound(v) for v in claims["high"].tolist()],
        strict=True,
    )
    by_subject: dict[str, list[tuple]] = defaultdict(list)
    for subject, *row in fields:
        by_subject[subject].append(tuple(row))
    result: dict[int, bool] = {}
    for rows in by_subject.values():
        if len(rows) < 2:
            continue
        by_outlet: dict[str, list[tuple]] = defaultdict(list)
        by_origin: dict[tuple[str, object], list[tuple]] = defaultdict(list)
        for row in rows:
            by_outlet[row[2]].append(row)
            by_origin[(row[3], row[4])].append(row)
        built: dict[object, _Intervals] = {}
        distances_of: dict[str, list] = defaultdict(list)
        for origin, distance in by_origin:
            distances_of[origin].append(distance)
        for claim_id, chain, outlet, origin, distance, low, high in rows:
            links = chain.split(" > ")
            if len(links) < 2:
                continue
            indexes = [
                _index(built, name, by_outlet[name])
                for name in {n.lower() for n in links[1:]}
                if name in by_outlet and name != outlet
            ]
            indexes += [
                _index(built, (origin, d), by_origin[(origin, d)])
                for d in distances_of[origin]
                if d < distance
            ]
            if outlet in {n.lower() for n in links[1:]}:
                # The chain cites its own outlet: every claim of it but this one.
                others = [r[5:] for r in by_outlet[outlet] if r[0] != claim_id]
                if others:
                    indexes.append(_Intervals(others))
            if indexes:
                result[claim_id] = any(i.overlap(low, high) for i in indexes)
    return result


class _Tally:
    """Claims counted by the row they belong to (an outlet, a document): per row,
    the mean of any per-claim values in one pass (a claim of no listed row goes to a
    last row of its own, left out)."""

    def __init__(self, rows: list[str], of_claims: list[str]) -> None:
        row_of = {name: k for k, name in enumerate(rows)}
        self.n = len(rows)
        self.codes = np.array(
            [row_of.get(name, self.n) for name in of_claims], dtype=np.int64
        )

    def means(
        self, values: np.ndarray, where: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per row, the mean of ``values`` over its claims (those where ``where``)
        and how many they are; NaN where none."""
        codes = self.codes if where is None else self.codes[where]
        values = values if where is None else values[where]
        count = np.bincount(codes, minlength=self.n + 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            total = np.bincount(codes, weights=values, minlength=self.n + 1)
            return total / count, count


def _outlet_keys(outlets: list, doc_ids: list) -> list[str]:
    """The outlets table's row of each document or claim: its outlet, or, when the
    publisher is unknown, a row of its own named after the document."""
    return [
        f"{UNKNOWN_OUTLET} ({doc_id})" if outlet == UNKNOWN_OUTLET else str(outlet)
        for outlet, doc_id in zip(outlets, doc_ids, strict=True)
    ]


def _combine(parts: dict[str, float | None], weights: dict[str, float]) -> float:
    total = sum(weights[k] for k, v in parts.items() if v is not None)
    if total <= 0:
        return 0.0
    return sum(weights[k] * v for k, v in parts.items() if v is not None) / total


def score_outlets(
    claims: pd.DataFrame,
    subjects: pd.DataFrame,
    documents: pd.DataFrame,
    near_copies: dict[str, tuple[str, ...]],
    config: CredibilityConfig | None = None,
    provenance: ProvenanceConfig | None = None,
    disagreement: DisagreementConfig | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score outlets and documents.

    Parameters
    ----------
    claims
        Scored, grouped claims (``distance``, ``subject``, ``chain``, ``origin``...).
    subjects
        The subject table from :func:`scorer.disagreement.measure_disagreement`.
    documents
        One row a document with at least ``doc_id`` and ``outlet``.
    near_copies
        Each document's near-copies (:func:`scorer.independence.find_near_copies`).

    Returns
    -------
    (outlets, documents)
        DataFrames with the columns of ``OUTLET_COLUMNS`` and ``DOCUMENT_COLUMNS``.
    """
    import pandas as pd

    from scorer.model import DOCUMENT_COLUMNS, OUTLET_COLUMNS

    config = config or CredibilityConfig()
    provenance = provenance or ProvenanceConfig()
    disagreement = disagreement or DisagreementConfig()
    weights = {
        "proximity": config.proximity_weight,
        "sourcing": config.sourcing_weight,
        "fidelity": config.fidelity_weight,
        "independence": config.independence_weight,
        "agreement": config.agreement_weight,
    }
    deviations = (
        _claim_deviations(claims, subjects) if not claims.empty else np.array([])
    )
    fidelity = _fidelity(claims) if not claims.empty else {}
    doc_ids = documents["doc_id"].tolist()
    outlet_of = dict(
        zip(doc_ids, _outlet_keys(documents["outlet"].tolist(), doc_ids), strict=True)
    )
    copied = {
        doc_id: any(outlet_of.get(other) != outlet_of.get(doc_id) for other in others)
        for doc_id, others in near_copies.items()
    }

    decay = (
        provenance.hop_decay ** claims["distance"].to_numpy(dtype=float)
        if not claims.empty
        else np.array([])
    )
    distances = claims["distance"].to_numpy(dtype=float) if not claims.empty else decay
    sourced = (
        (claims["chain"].astype(str).str.count(" > ") > 0).to_numpy(dtype=float)
        if not claims.empty
        else decay
    )
    counted = ~np.isnan(deviations)
    agreeing = np.exp(-deviations / disagreement.dispersion_scale)

    # Documents whose publisher is unknown are not one outlet: each is its own row.
    documents_by_key = documents.assign(
        _key=_outlet_keys(documents["outlet"].tolist(), documents["doc_id"].tolist())
    )
    outlet_groups = documents_by_key.groupby("_key", sort=True)
    claim_outlets = (
        _outlet_keys(claims["outlet"].tolist(), claims["doc_id"].tolist())
        if not claims.empty
        else []
    )
    per_outlet = _Tally([name for name, _ in outlet_groups], claim_outlets)
    claim_ids = claims["claim_id"].tolist() if not claims.empty else []
    checked = np.array([i in fidelity for i in claim_ids], dtype=bool)
    faithful = np.array([fidelity.get(i, False) for i in claim_ids], dtype=float)
    proximity, n_claims = per_outlet.means(decay)
    sourcing, _ = per_outlet.means(sourced)
    faith, n_checked = per_outlet.means(faithful, checked)
    agreement, n_counted = per_outlet.means(agreeing, counted)
    outlet_rows = []
    for k, (outlet, docs) in enumerate(outlet_groups):
        stated = n_claims[k] > 0
        parts: dict[str, float | None] = {
            "proximity": float(proximity[k]) if stated else None,
            "sourcing": float(sourcing[k]) if stated else None,
            "fidelity": float(faith[k]) if n_checked[k] else None,
            "independence": 1.0
            - sum(copied.get(d, False) for d in docs["doc_id"].tolist()) / len(docs),
            "agreement": float(agreement[k]) if n_counted[k] else None,
        }
        outlet_rows.append(
            {
                "outlet": outlet,
                "n_docs": len(docs),
                "n_claims": int(n_claims[k]),
                **{k: None if v is None else round(v, 4) for k, v in parts.items()},
                # Independence alone says nothing of an outlet that states no figure.
                "credibility": round(_combine(parts, weights), 4) if stated else None,
            }
        )
    outlets = pd.DataFrame.from_records(outlet_rows, columns=list(OUTLET_COLUMNS))
    outlets = outlets.sort_values(
        ["credibility", "outlet"],
        ascending=[False, True],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)

    per_doc = _Tally(doc_ids, claims["doc_id"].tolist() if not claims.empty else [])
    proximity, n_claims = per_doc.means(decay)
    mean_distance, _ = per_doc.means(distances)
    deviation, n_counted = per_doc.means(deviations, counted)
    agreement, _ = per_doc.means(agreeing, counted)
    document_rows = []
    for k, (doc_id, outlet) in enumerate(
        zip(doc_ids, documents["outlet"].tolist(), strict=True)
    ):
        has_claims, has_deviation = n_claims[k] > 0, n_counted[k] > 0
        parts = {
            "proximity": float(proximity[k]) if has_claims else None,
            "agreement": float(agreement[k]) if has_deviation else None,
            "independence": 0.0 if copied.get(doc_id) else 1.0,
        }
        document_rows.append(
            {
                "doc_id": doc_id,
                "outlet": outlet,
                "n_claims": int(n_claims[k]),
                "distance": round(float(mean_distance[k]), 4) if has_claims else None,
                "deviation": round(float(deviation[k]), 4) if has_deviation else None,
                "near_copies": "; ".join(near_copies.get(doc_id, ())),
                "credibility": round(_combine(parts, {k: weights[k] for k in parts}), 4)
                if has_claims
                else None,
            }
        )
    docs_table = pd.DataFrame.from_records(
        document_rows, columns=list(DOCUMENT_COLUMNS)
    )
    return outlets, docs_table
