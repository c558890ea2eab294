"""Grouping stage: claims about the same quantity become one subject.

Each claim is described by its frame, never by its value: the counted noun, the
predicate, the actors and places, the time scope and the words of its sentence. Frames
become weighted sparse vectors (scikit-learn's DictVectorizer and TfidfVectorizer, rows
scaled to unit length) and claims are clustered by average-linkage agglomerative
clustering on cosine distance, cut at ``group.threshold``. Claims are blocked by unit
first (troops never join usd), and a block larger than ``max_block`` is split further
by counted noun, so that cost stays far below quadratic in the corpus.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from scorer.config import GroupConfig

if TYPE_CHECKING:
    import pandas as pd

_MAX_BLOCK = 2500
_MAX_ACTORS = 3
_HALF = 0.5


def _split(value: object) -> list[str]:
    if not isinstance(value, str) or not value:
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def _fields(claims: pd.DataFrame, config: GroupConfig) -> list[tuple[list[str], float]]:
    """The frame, field by field: one string of space-free tokens per claim, and the
    field's weight."""
    nouns = claims["noun"].fillna("").astype(str)
    return [
        ([n.replace(" ", "_") for n in nouns], config.noun_weight),
        (list(claims["predicate"].fillna("").astype(str)), config.predicate_weight),
        # Only the names nearest the number: further ones describe other figures.
        (
            [
                " ".join(a.replace(" ", "_") for a in _split(v)[:_MAX_ACTORS])
                for v in claims["actors"]
            ],
            config.actor_weight,
        ),
        (
            [" ".join(a.replace(" ", "_") for a in _split(v)) for v in claims["scope"]],
            config.scope_weight,
        ),
        ([" ".join(_split(v)) for v in claims["keywords"]], config.keyword_weight),
        (list(claims["context"].fillna("").astype(str)), config.context_weight),
    ]


def _field_vectors(tokens: list[str]):  # noqa: ANN202 - sparse matrix
    """Unit-length TF-IDF rows of one field (rows with no token stay zero)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(tokens):
        return None
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, token_pattern=r"\S+", lowercase=False
    )
    return vectorizer.fit_transform(tokens)


def _distances(fields: list[tuple[object, float]], rows: np.ndarray) -> np.ndarray:
    """Pairwise distances of the claims at ``rows``: one minus the weighted mean of the
    per-field cosine similarities. A field both claims lack does not count; a field
    only one has counts as half similar, so missing words neither join nor split."""
    n = len(rows)
    numerator = np.zeros((n, n), dtype=np.float32)
    denominator = np.zeros((n, n), dtype=np.float32)
    for vectors, weight in fields:
        if vectors is None or weight <= 0:
            continue
        block = vectors[rows]
        present = (block.getnnz(axis=1) > 0).astype(np.float32)
        both = np.outer(present, present)
        either = np.maximum(present[:, None], present[None, :])
        similarity = (block @ block.T).toarray().astype(np.float32)
        numerator += weight * (both * similarity + (either - both) * _HALF)
        denominator += weight * either
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(denominator > 0, numerator / denominator, 0.0)
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    return distance


def _cluster(distance: np.ndarray, threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if distance.shape[0] == 1:
        return np.zeros(1, dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=threshold,
    )
    return model.fit_predict(distance)


def _blocks(claims: pd.DataFrame) -> list[np.ndarray]:
    """Row positions of each block: by unit, then by noun where a unit block is large."""
    blocks = []
    units = claims["unit"].fillna("").astype(str).to_numpy()
    nouns = claims["noun"].fillna("").astype(str).to_numpy()
    for unit in sorted(set(units)):
        rows = np.flatnonzero(units == unit)
        if len(rows) <= _MAX_BLOCK:
            blocks.append(rows)
            continue
        for noun in sorted(set(nouns[rows])):
            sub = rows[nouns[rows] == noun]
            blocks.extend(np.array_split(sub, int(np.ceil(len(sub) / _MAX_BLOCK))))
    return blocks


def group_claims(
    claims: pd.DataFrame, config: GroupConfig | None = None
) -> pd.DataFrame:
    """Assign each claim a ``subject`` id and each subject a ``subject_label``.

    Parameters
    ----------
    claims
        Rows with the claim columns (``unit``, ``noun``, ``predicate``, ``actors``,
        ``scope``, ``context``, ``claim_id``).
    config
        The group section.

    Returns
    -------
    DataFrame
        A copy with ``subject`` and ``subject_label`` columns.
    """
    config = config or GroupConfig()
    out = claims.copy()
    if out.empty:
        out["subject"] = []
        out["subject_label"] = []
        return out
    out = out.reset_index(drop=True)
    fields = [
        (_field_vectors(tokens), weight) for tokens, weight in _fields(out, config)
    ]
    labels = np.empty(len(out), dtype=object)
    for rows in _blocks(out):
        assignment = _cluster(_distances(fields, rows), config.threshold)
        for cluster in np.unique(assignment):
            members = rows[assignment == cluster]
            labels[members] = _subject_id(out.iloc[members])
    out["subject"] = labels
    out["subject_label"] = out.groupby("subject")["claim_id"].transform(
        lambda ids: _label(out.loc[ids.index])
    )
    return out


def _subject_id(members: pd.DataFrame) -> str:
    """A readable, stable id: the label's first words and a digest of the members."""
    slug = (
        re.sub(r"[^a-z0-9]+", "-", _label(members).lower()).strip("-")[:40].strip("-")
    )
    keys = sorted(
        f"{d}:{s}" for d, s in zip(members["doc_id"], members["start"], strict=True)
    )
    digest = hashlib.sha1("|".join(keys).encode()).hexdigest()[:6]
    return f"{slug or 'subject'}-{digest}"


def _label(members: pd.DataFrame) -> str:
    """What a person would call the subject: noun, predicate, actors, scope."""

    def top(values: list[str], k: int) -> list[str]:
        return [v for v, _ in Counter(v for v in values if v).most_common(k)]

    noun = top(list(members["noun"].astype(str)), 1) or top(list(members["unit"]), 1)
    predicate = top(list(members["predicate"].astype(str)), 1)
    actors = top([a for value in members["actors"] for a in _split(value)], 3)
    scope = top([s for value in members["scope"] for s in _split(value)], 2)
    parts = [" ".join(noun + predicate) or "quantity"]
    if actors:
        parts.append(", ".join(actors))
    if scope:
        parts.append(", ".join(scope))
    return " · ".join(parts)
