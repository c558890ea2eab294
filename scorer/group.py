"""Grouping stage: claims about the same quantity become one subject.

Each claim is described by its frame, never by its value: the counted noun, the
predicate, the actors and places, the time scope and the words of its sentence. Frames
become weighted sparse vectors (scikit-learn's DictVectorizer and TfidfVectorizer, rows
scaled to unit length) and claims are clustered by average-linkage agglomerative
clustering on cosine distance, cut at ``group.threshold``. Claims are blocked by unit
first (troops never join usd), and a block larger than ``max_block`` is split further by
counted noun, so that cost stays far below quadratic in the corpus. Pairs that say
different things happened (died, attended), count people of different countries ("130
Peruvians", "38 Chileans", "412 of the dead were Peruvians"), belong to different names
of one breakdown ("eight from the Ridge Fire and 16 from the Creek Fire", and the 24
they add up to: ``own_actor``) or cover different extents ("county-level" against
"statewide", from the ``extent`` table of frames.toml; one city's figure against another
city's or the nation's, cities from data/cities.txt) or count an earlier time than their
story's own ("the 2017 march drew 4 million", "the rallies in April": :func:`_periods`)
or name causes sharing no word ("due to gas poisoning") never share a subject, nor a
figure introduced as a part of another ("including 300 without permits", "80 for the
three deadliest days": :func:`_subsets`) and the figures of its sentence; where a block
holds several parts (peoples, names of a breakdown), a part and a figure naming none are
``part_penalty`` further apart, and figures in different places (the city a figure's
clause names, or else the city its article reports from: :func:`_figure_places`)
``place_penalty``. Within one document, a figure equal to another whose frame it does
not contradict (no other counted noun or predicate) is that figure restated and joins
it, unless a rule above keeps them apart; the rule looks inside one document only, so
values never decide what different documents share.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

import numpy as np

from scorer.config import GroupConfig
from scorer.model import SHARE_UNIT
from scorer.parallel import fork_map

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from scorer.extract.claims import Frames

_MAX_BLOCK = 2500
# From how many pairs to compare an event's blocks are clustered on every core (about
# half a second of work: below, forking the workers costs more than it saves).
_PARALLEL_PAIRS = 2_000_000
_MAX_ACTORS = 3
_HALF = 0.5
_ACTOR_FIELD = 3  # position of the actors in _fields()

_STEM = 5
_MIN_DOCS_FOR_COMMON = 5
_EVENT_CHUNK = 1000
_MAX_EVENT_DOCS = 5000
_COMMON_SHARE = 0.3
# The distance of a pair that must never share a subject. Average linkage averages
# it into every merge that would join the pair, so no mix of other pairs outweighs it.
_NEVER = 1e12


def _texts(column: pd.Series) -> list[str]:
    """A text column as a list of str, missing values as "" (a list, because
    iterating a pyarrow-backed column costs a conversion per value)."""
    return [
        v if isinstance(v, str) else "" if _missing(v) else str(v)
        for v in column.tolist()
    ]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _split(value: object) -> tuple[str, ...]:
    """The parts of a "; "-joined field ("peruvians; chileans")."""
    if not isinstance(value, str) or not value:
        return ()
    return _split_text(value)


@lru_cache(maxsize=65536)
def _split_text(value: str) -> tuple[str, ...]:
    # Cached: a document's keywords, and most actors and scopes, repeat claim after
    # claim.
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _fields(
    claims: pd.DataFrame,
    config: GroupConfig,
    places: list[str],
    named: list[tuple[str, ...]],
    status_words: frozenset[str] = frozenset(),
    compatible: frozenset[tuple[str, str]] = frozenset(),
) -> list[tuple[list[str], float, float]]:
    """The frame, field by field: one string of space-free tokens per claim, the
    field's weight, and how similar a claim that has the field is to one that lacks
    it. ``places``: the country each claim's own words name (:func:`_quote_places`);
    ``named``: each claim's actors, less its document's sources (:func:`_actors`);
    ``status_words``: scope words that do not tell figures apart ("so far");
    ``compatible``: pairs of predicates that may describe one quantity (lost, cost),
    which share a token so that they are half alike rather than unlike."""
    nouns = _texts(claims["noun"])
    units = _texts(claims["unit"])
    actors = _event_pruned_actors(claims, named)
    # A figure whose own words name whom it counts ("32 Peruvians") has that country
    # as its actor, not the names listed beside it for other figures.
    actors = [
        place.lower().replace(" ", "_") if place else names
        for place, names in zip(places, actors, strict=True)
    ]
    return [
        (units, config.noun_weight, _HALF),
        (
            [_noun_tokens(n, u) for n, u in zip(nouns, units, strict=True)],
            config.noun_weight,
            _HALF,
        ),
        (
            [_predicate_tokens(p, compatible) for p in _texts(claims["predicate"])],
            config.predicate_weight,
            _HALF,
        ),
        # A figure about the Peruvians is not one about everybody: a named actor on
        # one side only counts against joining.
        (actors, config.actor_weight, config.absent_actor_similarity),
        (
            # Word by word, so that "October 2023" still meets "October"; with the
            # figure's cause ("due to lung disease"), stemmed so that "disease"
            # meets "diseases".
            [
                " ".join(
                    [p for p in _split(v) if p not in status_words]
                    + [f"cause_{stem}" for stem in _cause_stems(cause)]
                )
                for v, cause in zip(
                    _texts(claims["scope"]),
                    _texts(claims["cause"])
                    if "cause" in claims
                    else [""] * len(claims),
                    strict=True,
                )
            ],
            config.scope_weight,
            config.absent_actor_similarity,
        ),
        (
            [" ".join(_split(v)) for v in _texts(claims["keywords"])],
            config.keyword_weight,
            _HALF,
        ),
        (_texts(claims["context"]), config.context_weight, _HALF),
    ]


def _predicate_tokens(predicate: str, compatible: frozenset[tuple[str, str]]) -> str:
    """The predicate, and a token for each predicate compatible with it ("lose" and
    "cost" share "cost~lose")."""
    if not predicate:
        return ""
    pairs = sorted("~".join(sorted((a, b))) for a, b in compatible if a == predicate)
    return " ".join([predicate, *pairs])


def _noun_tokens(noun: str, unit: str) -> str:
    """The counted noun as tokens: a kind of person ("pilgrims", "participants") is
    also its unit ("people"), so that it is half like a figure counting just people
    and unlike one counting another kind; a measure of money with kinds ("insured
    losses") is also the plain measure ("losses"), so that it is partly like plain
    losses, less like wage losses and unlike a home's value."""
    token = noun.replace(" ", "_")
    if noun and unit and noun != unit and unit not in _measure_units():
        return f"{unit} {token}"
    if " " in noun:  # a measure with its kinds: "insured losses", "home value"
        *kinds, measure = noun.split(" ")
        return " ".join([measure, *(f"{kind}_{measure}" for kind in kinds)])
    return token


def _event_wide(names: list[list[str]], doc_ids: list[str]) -> set[str]:
    """The names (``names``: each claim's) named around more than ``_COMMON_SHARE`` of
    the documents, when there are enough documents to tell: the event's own country,
    city or name, which tells no figure apart."""
    n_docs = len(set(doc_ids))
    if n_docs < _MIN_DOCS_FOR_COMMON:
        return set()
    seen: dict[str, set[str]] = {}
    for doc_id, claim_names in zip(doc_ids, names, strict=True):
        for name in claim_names:
            seen.setdefault(name, set()).add(doc_id)
    return {name for name, docs in seen.items() if len(docs) > _COMMON_SHARE * n_docs}


def _event_pruned_actors(
    claims: pd.DataFrame, named: list[tuple[str, ...]]
) -> list[str]:
    """Each claim's nearest actors (``named``: already less its document's sources),
    less those named around most of the corpus's documents (the event itself: its
    country, city or name tells no figure apart)."""
    per_claim = [[a.replace(" ", "_") for a in names] for names in named]
    common = _event_wide(per_claim, _texts(claims["doc_id"]))
    return [
        " ".join([a for a in names if a not in common][:_MAX_ACTORS])
        for names in per_claim
    ]


_POSSESSIVE = re.compile(r"['’]s\b")


def _actors(claims: pd.DataFrame) -> list[tuple[str, ...]]:
    """Each claim's actors, less the sources its document cites: who gave a figure is
    no part of what it counts (rival estimates of one crowd come from different
    sources), nor of the subject's label. A name is a source when most of its words
    are words of a link past the publisher in one of the document's chains."""
    doc_ids = _texts(claims["doc_id"])
    cited: dict[str, set[str]] = {}
    for doc_id, chain in zip(doc_ids, _texts(claims["chain"]), strict=True):
        words = cited.setdefault(doc_id, set())
        for link in chain.split(" > ")[1:]:
            words.update(_POSSESSIVE.sub("", link.lower()).split())

    def is_source(name: str, words: set[str]) -> bool:
        parts = name.split()
        return bool(parts) and sum(w in words for w in parts) * 2 >= len(parts)

    return [
        tuple(a for a in _split(v) if not is_source(a, cited[doc_id]))
        for v, doc_id in zip(_texts(claims["actors"]), doc_ids, strict=True)
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


def _distances(
    fields: list[tuple[object, float, float]],
    rows: np.ndarray,
    actor_conflict: bool = False,
) -> np.ndarray:
    """Pairwise distances of the claims at ``rows``: one minus the weighted mean of the
    per-field cosine similarities. A field both claims lack does not count; a field
    only one has counts with the field's absent-similarity (one half for most, so
    that missing words neither join nor split)."""
    n = len(rows)
    numerator = np.zeros((n, n), dtype=np.float32)
    denominator = np.zeros((n, n), dtype=np.float32)
    conflict = np.zeros((n, n), dtype=bool)
    for index, (vectors, weight, absent) in enumerate(fields):
        if vectors is None or weight <= 0:
            continue
        block = vectors[rows]
        present = (block.getnnz(axis=1) > 0).astype(np.float32)
        both = np.outer(present, present)
        either = np.maximum(present[:, None], present[None, :])
        similarity = (block @ block.T).toarray().astype(np.float32)
        numerator += weight * (both * similarity + (either - both) * absent)
        denominator += weight * either
        if index == _ACTOR_FIELD and actor_conflict:
            # Figures about different named actors (Peruvians, Chileans) are about
            # different quantities, however alike the rest of their frames.
            conflict |= (both > 0) & (similarity <= 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(denominator > 0, numerator / denominator, 0.0)
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    distance[conflict] = _NEVER
    np.fill_diagonal(distance, 0.0)
    return distance


def _predicate_conflicts(predicates: np.ndarray, frames: Frames) -> np.ndarray:
    """Pairs whose predicates say different things happened (died, attended): never
    one quantity, unless frames.toml lists them as compatible or one is weak."""
    return _clashing_pairs(
        predicates,
        lambda a, b: (
            bool(a and b and a != b)
            and (a, b) not in frames.compatible
            and a not in frames.weak_predicates
            and b not in frames.weak_predicates
        ),
    )


def _measure_conflicts(nouns: np.ndarray, frames: Frames) -> np.ndarray:
    """Pairs of sums of money, or of shares, that measure different things (losses,
    the value of a home, wages; inflation, growth: the last word of the noun, from
    frames.toml ``[money]`` and ``[share]``), unless listed
    as compatible, or one measure of different kinds (insured losses, economic losses:
    the words before it, through ``kind_synonyms``): never one quantity. A sum with no
    measure clashes with none, one with no kind with none of its measure."""
    measures = {*frames.money_measure_of.values(), *frames.share_measure_of.values()}
    synonyms = frames.money_kind_synonyms

    def read(noun: str) -> tuple[str, frozenset[str]]:
        *kinds, head = noun.split(" ")
        if head not in measures:
            return "", frozenset()
        return head, frozenset(synonyms.get(k, k) for k in kinds)

    def clash(a: str, b: str) -> bool:
        (first, first_kinds), (second, second_kinds) = read(a), read(b)
        if not (first and second):
            return False
        if first != second:
            return (first, second) not in frames.money_compatible
        return bool(first_kinds and second_kinds and not first_kinds & second_kinds)

    return _clashing_pairs(nouns, clash)


def _clashing_pairs(
    values: np.ndarray, clash: Callable[[str, str], bool]
) -> np.ndarray:
    """The pairs of rows whose values clash, ``clash`` asked once per pair of
    distinct values rather than per pair of rows."""
    names, codes = np.unique(values.astype(str), return_inverse=True)
    table = np.array([[clash(a, b) for b in names] for a in names], dtype=bool).reshape(
        len(names), len(names)
    )
    codes = codes.ravel()
    return table[codes[:, None], codes[None, :]]


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Country, demonym and capital names (lower-cased) -> country, from the source
    registry's data."""
    from scorer.extract.attribution import load_registry

    return dict(load_registry().lexicon.places)


def _quote_places(quotes: list[str]) -> list[str]:
    """The country a claim's own words name, when they name one ("120 Peruvians",
    "45 Chilean miners", "300 South Koreans"): who the figure counts, stated with the
    figure. Two-word names are tried first; abbreviations ("UK", "U.S.") are not
    read, since the registry spells their countries differently."""
    places = _places()

    def country(word: str) -> str | None:
        return places.get(word) or (
            places.get(word[:-1]) if word.endswith("s") else None
        )

    out = []
    for quote in quotes:
        words = [m.group(0).lower().rstrip(".") for m in _WORD.finditer(quote)]
        found = ""
        for i, word in enumerate(words):
            pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
            named = (country(pair) if pair else None) or (
                country(word) if len(word) > 3 else None
            )
            if named:
                found = named
                break
        out.append(found)
    return out


# What ends a clause: a comma (not one inside a figure, "1,050"), a semicolon, a colon,
# a dash or a bracket.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,(?!\d)|(?<!\d),")


def _find_whole(sentence: str, quote: str) -> int:
    """Where the quote first stands in the sentence as a whole figure: not right
    after a word character, a full stop or a comma ("5,000" is not the end of
    "15,000"), nor right before a word character; -1 if nowhere. (A plain search:
    a pattern compiled per quote cost more than the grouping it served.)"""
    if not quote:
        return -1
    at = sentence.find(quote)
    while at >= 0:
        before = sentence[at - 1] if at else ""
        after = sentence[at + len(quote) : at + len(quote) + 1]
        if not (before and (before.isalnum() or before in "_.,")) and not (
            after and (after.isalnum() or after == "_")
        ):
            return at
        at = sentence.find(quote, at + 1)
    return -1


@lru_cache(maxsize=4096)
def _clause_breaks(sentence: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the sentence's clause breaks start and end (found once per sentence:
    one long sentence may hold hundreds of figures)."""
    found = list(_CLAUSE_BREAK.finditer(sentence))
    return tuple(m.start() for m in found), tuple(m.end() for m in found)


def _clause(sentence: str, quote: str) -> str:
    """The stretch of the sentence around the figure between clause breaks: its own
    clause ("" if the quote is not in the sentence). The quote is found as a whole
    figure: "5,000" is not the end of "15,000"."""
    at = _find_whole(sentence, quote)
    if at < 0:
        return ""
    starts, ends = _clause_breaks(sentence)
    before = bisect.bisect_right(ends, at)
    after = bisect.bisect_left(starts, at + len(quote))
    start = ends[before - 1] if before else 0
    end = starts[after] if after < len(starts) else len(sentence)
    return sentence[start:end]


def _per_clause(
    sentences: list[str], quotes: list[str], read: Callable[[str], str]
) -> list[str]:
    """``read`` applied to each figure's clause, once per distinct clause (the
    figures of one sentence often share a clause)."""
    cache: dict[str, str] = {}
    out = []
    for sentence, quote in zip(sentences, quotes, strict=True):
        clause = _clause(sentence, quote)
        if clause not in cache:
            cache[clause] = read(clause)
        out.append(cache[clause])
    return out


def _clause_peoples(sentences: list[str], quotes: list[str]) -> list[str]:
    """The country of a people named in the plural in the figure's own clause
    ("412 of the dead were Peruvians", "Peruvians accounted for 412 deaths", "the
    toll among Peruvians stands at 27"): whom the figure counts. "" where the clause
    names no people, or two."""
    places = _places()

    def people_in(clause: str) -> str:
        words = (m.group(0).rstrip(".") for m in _WORD.finditer(clause))
        peoples = {
            places[w[:-1].lower()]
            for w in words
            # "Peruvians", not "turkeys": a people's name is capitalised.
            if w[:1].isupper()
            and w.endswith("s")
            and len(w) > 4
            and w[:-1].lower() in places
        }
        return peoples.pop() if len(peoples) == 1 else ""

    return _per_clause(sentences, quotes, people_in)


# How far before a figure its hosting city and verb may stand ("Leeds had an estimated
# 8,000").
_HOSTING_LOOK_BACK = 80


def _clause_cities(
    sentences: list[str], quotes: list[str], frames: Frames
) -> list[str]:
    """The city the figure's own clause places it in, from the gazetteer: a city
    after a preposition of place ("marched in Denver") or before a local body
    ("Denver police put the crowd at 12,000"), or else one hosting the figure ("New
    York City had an estimated 50,000 participants"); "" where it names none, or
    two."""
    from scorer.extract.claims import hosting_city, placed_cities

    def city_in(clause: str) -> str:
        found = set(placed_cities(clause, frames))
        return found.pop() if len(found) == 1 else ""

    out = _per_clause(sentences, quotes, city_in)
    for i, (sentence, quote) in enumerate(zip(sentences, quotes, strict=True)):
        if not out[i]:
            # The words right before the figure: the hosting pattern spans no clause
            # break, so the figure's clause need not be cut out.
            at = _find_whole(sentence, quote)
            if at > 0:
                before = sentence[max(0, at - _HOSTING_LOOK_BACK) : at]
                out[i] = hosting_city(before, frames)
    return out


def _with_cities(
    extents: list[str], cities: list[str], doc_ids: list[str]
) -> list[str]:
    """Extents with each city as an extent of its own ("city:chicago"), where the
    figure names no wider extent. A city named around more than ``_COMMON_SHARE`` of
    the event's documents (of five or more) is the event's own place and tells no
    figure apart."""
    common = _event_wide([[city] if city else [] for city in cities], doc_ids)
    return [
        f"city:{city}"
        if city and city not in common and extent in ("", "city")
        else extent
        for extent, city in zip(extents, cities, strict=True)
    ]


def _figure_places(
    doc_ids: list[str],
    sentences: list[str],
    article_cities: list[str],
    extents: list[str],
    cities: list[str],
) -> list[str]:
    """Where each figure is: the city its own clause places it in (``cities``), else,
    for a figure naming no wider extent (``extents``), the city its article reports
    from (``article_cities``, the claims' ``place``: a report on one city's rally,
    whose figures do not each name the city). A city that the figures' sentences of
    more than ``_COMMON_SHARE`` of the event's documents name is the event's own
    place (the city a disaster struck) and tells no figure apart; "" where none is
    known."""
    # An article's city counts where one of its figures is placed there too: an
    # article whose figures are all elsewhere only passes through the city.
    placed = {(d, city) for d, city in zip(doc_ids, cities, strict=True) if city}
    out = [
        city
        or (article if extent in ("", "city") and (doc_id, article) in placed else "")
        for doc_id, article, extent, city in zip(
            doc_ids, article_cities, extents, cities, strict=True
        )
    ]
    n_docs = len(set(doc_ids))
    if n_docs >= _MIN_DOCS_FOR_COMMON:
        naming: dict[str, set[str]] = {place: set() for place in out if place}
        for doc_id, sentence in set(zip(doc_ids, sentences, strict=True)):
            lowered = sentence.lower()
            for place, docs in naming.items():
                if place in lowered:
                    docs.add(doc_id)
        common = {p for p, docs in naming.items() if len(docs) > _COMMON_SHARE * n_docs}
        out = [p if p not in common else "" for p in out]
    return out


def _differ(labels: np.ndarray) -> np.ndarray:
    """Pairs whose labels differ, an empty label included."""
    return labels[:, None] != labels[None, :]


# How far from its figure an extent phrase may stand ("a 3% rise in county-level
# rents", "nationwide, 40,000 teachers").
_EXTENT_WINDOW = 60


def _extents(sentences: list[str], quotes: list[str], frames: Frames) -> list[str]:
    """The extent a claim's figure covers (country, state, county, city, world), from
    the extent phrase of frames.toml nearest its quote in its sentence; "" if none."""
    from scorer.extract.claims import phrase_key

    out = []
    for sentence, quote in zip(sentences, quotes, strict=True):
        # The quote as a whole figure: "5%" is not the end of "15%".
        at = _find_whole(sentence, quote)
        if at < 0:
            out.append("")
            continue
        end = at + len(quote)
        offset = max(0, at - _EXTENT_WINDOW)
        best = ""
        best_distance = _EXTENT_WINDOW + 1
        for match in frames.extent_re.finditer(sentence, offset):
            if match.start() >= end + _EXTENT_WINDOW:
                break
            extent = frames.extents.get(phrase_key(match.group(0)))
            if extent is None:
                continue  # case folding matched what lower-casing does not give
            s, e = match.span()
            distance = at - e if e <= at else max(0, s - end)
            if distance < best_distance:
                best, best_distance = extent, distance
        out.append(best)
    return out


# A year as a word: not inside a figure ("$2020", "12,020", "2020s", "2020%").
_YEAR = re.compile(r"(?<![\w$£€.,])(?:19|20)\d\d(?![\w%])")


def _story_year(
    doc_year: dict[str, int], doc_ids: list[str], sentences: list[str]
) -> int:
    """The year a story is about: the year most of its documents were published in
    (``doc_year``), or where none is dated, the year the most documents name in their
    figures' sentences; 0 when neither tells."""
    if doc_year:
        return Counter(doc_year.values()).most_common(1)[0][0]
    named = {
        (d, m.group(0))
        for d, sentence in zip(doc_ids, sentences, strict=True)
        for m in _YEAR.finditer(sentence)
    }
    years = Counter(int(year) for _, year in named)
    return years.most_common(1)[0][0] if years else 0


def _story_month(published: list[str], doc_ids: list[str], story: int) -> int:
    """The month of ``story``'s year most of its dated documents were published in; 0
    when none was published that year."""
    months = Counter(
        int(p[5:7])
        for p in {d: p for d, p in zip(doc_ids, published, strict=True)}.values()
        if len(p) >= 7 and p[:4] == str(story) and p[5:7].isdigit()
    )
    return months.most_common(1)[0][0] if months else 0


def _periods(
    sentences: list[str],
    quotes: list[str],
    doc_ids: list[str],
    published: list[str],
    frames: Frames,
    scopes: list[str] | None = None,
) -> list[str]:
    """The earlier time each figure counts, from the time phrase nearest it in its
    sentence: an earlier year ("the 2017 march drew 4 million": "2017"; a year, or a
    phrase of frames.toml ``[period]`` such as "last year"), or a month of the story's
    year before the month its documents were published in ("the April rallies drew 3
    million", in a story of June: "2025-04"), or a later month named without its
    year and told as past (:func:`_told_as_past`: "the soldiers sent in November", in
    a story of June: last year's). Where its sentence names no time, a
    year of its ``scopes`` that its sentence does not hold (a time it takes from the
    sentence it refers back to: "Together, those storms cost $9bn"). "" for a figure
    of the story's own time or later, or with no time phrase. A time after an anchor
    word ("since 2015", "since April") is a point of comparison and is not read."""
    from scorer.extract.claims import MONTH_NUMBER, after_anchor, phrase_key

    doc_year = {
        d: int(p[:4]) for d, p in zip(doc_ids, published, strict=True) if _YEAR.match(p)
    }
    story = _story_year(doc_year, doc_ids, sentences)
    if not story:
        return [""] * len(quotes)
    story_month = _story_month(published, doc_ids, story)
    scopes = scopes or [""] * len(quotes)
    out = []
    for sentence, quote, doc_id, scope in zip(
        sentences, quotes, doc_ids, scopes, strict=True
    ):
        at = _find_whole(sentence, quote)
        if at < 0:
            out.append("")
            continue
        end = at + len(quote)
        base = doc_year.get(doc_id, story)
        # (start, end, year, month): month 0 where the phrase names a year only.
        found = [
            (m.start(), m.end(), int(m.group(0)), 0)
            for m in _YEAR.finditer(sentence)
            if not (m.start() < end and m.end() > at)
        ]
        if frames.period_re is not None:
            for m in frames.period_re.finditer(sentence):
                offset = frames.periods.get(phrase_key(m.group(0)))
                if offset is not None:
                    found.append((m.start(), m.end(), base + offset, 0))
        if story_month and frames.month_re is not None:
            for m in frames.month_re.finditer(sentence):
                if m.start() < end and m.end() > at:
                    continue
                # Where the month starts: an opening "since" stays before it, for
                # the anchor check.
                begins = m.start("month") if m.group("month") else m.start()
                number = MONTH_NUMBER[m.group("month") or m.group("dated")]
                named = m.group("year") or m.group("dated_year")
                if named:
                    found.append((begins, m.end(), int(named), number))
                elif number > story_month and _told_as_past(
                    sentence, begins, m.end(), frames
                ):
                    # Later in the year than the story, told as past: last year's.
                    found.append((begins, m.end(), story - 1, number))
                else:
                    found.append((begins, m.end(), story, number))
        year, month, distance = 0, 0, len(sentence) + 1
        month_distance = len(sentence) + 1
        nearest_month = (0, 0)
        for start, stop, named, named_month in found:
            if after_anchor(sentence, start, frames):
                continue
            gap = at - stop if stop <= at else max(0, start - end)
            # On a tie (a month and its own year), the month tells more.
            if gap < distance or (gap == distance and named_month):
                year, month, distance = named, named_month, gap
            if named_month and gap < month_distance:
                nearest_month, month_distance = (named, named_month), gap
        # A month of the year named nearest tells more than the year ("over the last
        # year, 3 million marched in April").
        if year and not month and nearest_month[0] == year:
            month = nearest_month[1]
        if not found and scope:
            taken = [int(y) for y in _YEAR.findall(scope) if y not in sentence]
            year = max(taken, default=0)
        if year and year < story:
            out.append(str(year))
        elif month and year == story and month < story_month:
            out.append(f"{year}-{month:02d}")
        else:
            out.append("")
    return out


# How many words on either side of a month name tell its tense.
_TENSE_WORDS = 4
# Words, not numbers: "could send 4,000 more by October" looks ahead.
_WORDS = re.compile(r"[^\W\d][\w']*")


def _told_as_past(sentence: str, begins: int, stops: int, frames: Frames) -> bool:
    """Whether the few words around the month phrase at ``begins:stops`` tell it as
    past (frames.toml ``[period] past``, or a verb ending in "-ed": "sent in
    November", "deployed in October") and none looks ahead to it (``[period] ahead``:
    "could", "will", "expected")."""
    before = _WORDS.findall(sentence[max(0, begins - 80) : begins].lower())
    after = _WORDS.findall(sentence[stops : stops + 80].lower())
    words = before[-_TENSE_WORDS - 1 :] + after[:_TENSE_WORDS]
    if any(w in frames.ahead for w in words):
        return False
    return any(w in frames.past or (len(w) > 4 and w.endswith("ed")) for w in words)


def _subsets(sentences: list[str], quotes: list[str], frames: Frames) -> np.ndarray:
    """Which figures are a part of a larger figure: introduced so by a subset word
    ("including 300 without permits": frames.toml ``[subset]``), said of one of
    several things ("one of them flooded 2,000 homes": ``[subset] one_of``), or
    limited to a stretch of time near them ("80 deaths for the three deadliest days":
    ``[span]``)."""
    out = []
    for sentence, quote in zip(sentences, quotes, strict=True):
        at = _find_whole(sentence, quote)
        part = at > 0 and (
            (
                frames.subset_re is not None
                and frames.subset_re.search(sentence, 0, at) is not None
            )
            or _said_of_one(sentence, at, frames)
        )
        if not part and at >= 0 and frames.span_re is not None:
            low = max(0, at - _SPAN_WINDOW)
            high = at + len(quote) + _SPAN_WINDOW
            part = frames.span_re.search(sentence, low, high) is not None
        out.append(part)
    return np.array(out, dtype=bool)


def _said_of_one(sentence: str, at: int, frames: Frames) -> bool:
    """Whether words singling out one of several things stand shortly before the
    figure at ``at`` ("this one flooded 2,000 homes"), with no verb of speech between
    ("one of them said 300 died" names who spoke, not what was counted)."""
    if frames.one_of_re is None:
        return False
    match = frames.one_of_re.search(sentence, max(0, at - _ONE_OF_WINDOW), at)
    if match is None:
        return False
    between = _WORD.findall(sentence[match.end() : at].lower())
    return _speech_verbs().isdisjoint(between)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """The verbs of speech of the source registry's cues ("said", "told")."""
    from scorer.extract.attribution import load_registry

    return frozenset(load_registry().lexicon.verbs)


# How far from a figure a stretch of time limiting it may stand.
_SPAN_WINDOW = 60
# How far before a figure the words singling out one of several things may stand.
_ONE_OF_WINDOW = 30


def _subset_pairs(
    subsets: np.ndarray, sentence_keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of a subset figure and one not introduced so: those of one sentence (the
    part and the figure it is part of), and all of them."""
    differ = _differ(subsets)
    return differ & ~_differ(sentence_keys), differ


# The smallest figure that, stated twice in one document, is taken to be one quantity
# restated ("two" and "three" recur in one article for unrelated things).
_RESTATED_FROM = 10


def _restatements(
    frame: pd.DataFrame, compatible: frozenset[tuple[str, str]] = frozenset()
) -> np.ndarray:
    """Pairs of claims of one document stating the same figure (the same low and high,
    at least ``_RESTATED_FROM``; or an open bound equal to the same bound of a range,
    "up to $8bn" after "between $5bn and $8bn") whose frames do not contradict
    (no two different counted nouns, bar a measure and the same measure of a kind, nor
    predicates, bar ``compatible`` ones): the later restates the earlier ("the
    council's 4,000 estimate" after "the council said 4,000 homes were flooded") and
    joins it. Equal figures framed apart ("unemployment rose 12%", "exports fell 12%")
    are left to their frames."""
    docs = np.array(_texts(frame["doc_id"]), dtype=object)
    low = frame["low"].to_numpy(dtype=float, na_value=np.nan)
    high = frame["high"].to_numpy(dtype=float, na_value=np.nan)
    size = np.fmax(np.abs(low), np.abs(high))
    big = size >= _RESTATED_FROM  # nan (no bound at all) compares false
    same_doc = (docs[:, None] == docs[None, :]) & big[:, None] & big[None, :]

    def equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return (a[:, None] == b[None, :]) | (
            np.isnan(a)[:, None] & np.isnan(b)[None, :]
        )

    exact = equal(low, low) & equal(high, high)
    # "up to X" against a range ending at X; "more than X" against one starting at X.
    open_low = np.isnan(low)[:, None] & (high[:, None] == high[None, :])
    open_high = np.isnan(high)[:, None] & (low[:, None] == low[None, :])
    bound = open_low | open_high
    same = same_doc & (exact | bound | bound.T)
    nouns = _agree(frame["noun"], _same_measure)
    predicates = _agree(frame["predicate"], lambda a, b: (a, b) in compatible)
    return same & nouns & predicates


def _same_measure(a: str, b: str) -> bool:
    """A measure and the same measure of a kind ("losses", "property losses")."""
    return a.endswith(" " + b) or b.endswith(" " + a)


def _agree(
    column: pd.Series, also: Callable[[str, str], bool] | None = None
) -> np.ndarray:
    """Pairs whose values in a frame field do not contradict: equal, one empty, or
    ``also`` true of them."""
    values = np.array(_texts(column), dtype=object)
    empty = values == ""
    agree = (values[:, None] == values[None, :]) | empty[:, None] | empty[None, :]
    if also is not None:
        agree |= _clashing_pairs(values, also)
    return agree


def _label_conflicts(labels: np.ndarray) -> np.ndarray:
    """Pairs that both carry a label (a country, an extent) and differ in it: figures
    counting people of two countries, or covering a county and a whole state, are
    never one quantity, however alike the rest of their frames. (Average and
    complete linkage keep such a pair apart; single linkage may still chain it
    through a third.)"""
    named = labels != ""
    return named[:, None] & named[None, :] & (labels[:, None] != labels[None, :])


def _cause_stems(cause: str) -> list[str]:
    """A cause's words cut to their stems ("illness" and "illnesses" meet)."""
    return [word[:_STEM] for word in cause.split()]


def _cause_conflicts(causes: list[str]) -> np.ndarray:
    """Pairs whose figures both name a cause and share no word of it (stemmed): deaths
    due to heart failure are never the deaths due to gas poisoning, while "extreme
    heat" and "the heat" may be one cause."""

    def clash(a: str, b: str) -> bool:
        first, second = set(_cause_stems(a)), set(_cause_stems(b))
        return bool(first and second) and first.isdisjoint(second)

    return _clashing_pairs(np.array(causes, dtype=object), clash)


def _name_conflicts(names: np.ndarray) -> np.ndarray:
    """Pairs whose own names (``own_actor``: the Ridge Fire, the Creek Fire)
    differ, unless the words of one are all words of the other ("ridge" is
    "ridge fire" said shorter)."""

    from scorer.extract.claims import same_name

    def clash(a: str, b: str) -> bool:
        first, second = a.split(), b.split()
        return bool(first and second) and not same_name(first, second)

    return _clashing_pairs(names, clash)


def _part_and_whole(labels: np.ndarray) -> np.ndarray:
    """Pairs of which one is a part (the people of one country, a name of a
    breakdown) and the other names none, where the block holds two parts or more."""
    named = labels != ""
    if len(set(labels[named].tolist())) < 2:
        return np.zeros((len(labels), len(labels)), dtype=np.float32)
    return (named[:, None] != named[None, :]).astype(np.float32)


def _cluster(
    distance: np.ndarray, threshold: float, linkage: str = "average"
) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if distance.shape[0] == 1:
        return np.zeros(1, dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage=linkage,
        distance_threshold=threshold,
    )
    return model.fit_predict(distance)


def _events(claims: pd.DataFrame, similarity: float) -> np.ndarray:
    """Which event each claim's document covers: documents are linked when the words
    of their claims' sentences are this similar (TF-IDF cosine), and an event is a
    connected group of linked documents. Similarity 0 puts everything in one event."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Comparing every pair of documents costs their number squared: a corpus larger
    # than this is taken to be about one story, as the analyst assembled it.
    n_docs = claims["doc_id"].nunique()
    if similarity <= 0 or n_docs < 2 or n_docs > _MAX_EVENT_DOCS:
        return np.zeros(len(claims), dtype=int)
    doc_ids = _texts(claims["doc_id"])
    words: dict[str, list[str]] = {}
    for doc_id, context in zip(doc_ids, _texts(claims["context"]), strict=True):
        words.setdefault(doc_id, []).append(context)
    names = sorted(words)
    texts = [" ".join(words[name]) for name in names]
    try:
        vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no words at all
        return np.zeros(len(claims), dtype=int)
    rows, cols = [], []
    for start in range(0, vectors.shape[0], _EVENT_CHUNK):
        chunk = (vectors[start : start + _EVENT_CHUNK] @ vectors.T).tocoo()
        keep = chunk.data >= similarity
        rows.append(chunk.row[keep] + start)
        cols.append(chunk.col[keep])
    n = vectors.shape[0]
    graph = coo_matrix(
        (
            np.ones(sum(len(r) for r in rows)),
            (np.concatenate(rows), np.concatenate(cols)),
        ),
        shape=(n, n),
    )
    _, component = connected_components(graph, directed=False)
    event_of = dict(zip(names, component.tolist(), strict=True))
    return np.array([event_of[doc_id] for doc_id in doc_ids], dtype=int)


@lru_cache(maxsize=1)
def _measure_units() -> frozenset[str]:
    """Units that measure (money, shares, areas, temperatures) rather than count."""
    from scorer.extract.quantities import load_unit_lexicon

    lexicon = load_unit_lexicon()
    return frozenset(
        [
            *lexicon.units.values(),
            *lexicon.attached_units.values(),
            *lexicon.currency_symbols.values(),
            *lexicon.currency_codes.values(),
            *lexicon.currency_words.values(),
        ]
    )


def _block_key(unit: str) -> str:
    """Measures block by their unit; counts, and numbers that name no unit, share one
    block where the unit is a feature, so "45,000" can join "9,000 people"."""
    if unit in _measure_units() or "_per_" in unit:
        return unit
    return "#count"


def _blocks(claims: pd.DataFrame) -> list[np.ndarray]:
    """Row positions of each block: by kind of unit, then by noun where a block is
    large."""
    blocks = []
    keys = np.array([_block_key(u) for u in _texts(claims["unit"])])
    nouns = np.array(_texts(claims["noun"]), dtype=object)
    for key in sorted(set(keys)):
        rows = np.flatnonzero(keys == key)
        if len(rows) <= _MAX_BLOCK:
            blocks.append(rows)
            continue
        for noun in sorted(set(nouns[rows])):
            sub = rows[nouns[rows] == noun]
            blocks.extend(np.array_split(sub, int(np.ceil(len(sub) / _MAX_BLOCK))))
    return blocks


def group_claims(
    claims: pd.DataFrame,
    config: GroupConfig | None = None,
    lexicon: Frames | None = None,
    jobs: int | None = None,
) -> pd.DataFrame:
    """Assign each claim a ``subject`` id and each subject a ``subject_label``.

    Parameters
    ----------
    claims
        Rows with the claim columns of :data:`scorer.model.CLAIM_COLUMNS` (``unit``,
        ``noun``, ``predicate``, ``actors``, ``scope``, ``quote``, ``sentence``,
        ``chain``, ``context``, ...); ``own_actor`` may be missing (claims saved
        before it existed: no breakdowns are then known).
    config
        The group section.
    lexicon
        Predicates and extent phrases (:func:`scorer.extract.claims.load_frames`,
        with the user's cues file); the defaults when omitted.
    jobs
        Worker processes for a large event's blocks (default: the cores).

    Returns
    -------
    DataFrame
        A copy with ``subject`` and ``subject_label`` columns, and ``as_of``: the
        first day of the earlier time a figure's own words say it counts ("the 2017
        march", "the April rallies"), "" where they name none.
    """
    from scorer.extract.claims import TOTAL_OF_PARTS, load_frames

    config = config or GroupConfig()
    lexicon = lexicon or load_frames()
    out = claims.copy()
    if out.empty:
        out["subject"] = []
        out["subject_label"] = []
        return out
    # Subjects must not depend on the order the claims come in (a saved claims file
    # is sorted by rank).
    out = out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(
        drop=True
    )
    frames = _Frames.of(out)
    subjects = np.empty(len(out), dtype=object)
    labels = np.empty(len(out), dtype=object)
    as_of = np.full(len(out), "", dtype=object)
    events = _events(out, config.event_similarity)
    signatures = np.array(
        [
            "\x1f".join(parts)
            for parts in zip(
                frames.units,
                frames.nouns,
                frames.predicates,
                _texts(out["actors"]),
                _texts(out["scope"]),
                strict=True,
            )
        ],
        dtype=object,
    )
    for event in np.unique(events):
        in_event = np.flatnonzero(events == event)
        # In a large event, claims with the same frame (syndicated copies, repeated
        # figures) are clustered once, through their first occurrence: the cost
        # then grows with the number of distinct frames, not of claims.
        if len(in_event) > _MAX_BLOCK:
            _, first, inverse = np.unique(
                signatures[in_event], return_index=True, return_inverse=True
            )
        else:  # small enough to compare every claim, sentence words included
            first, inverse = np.arange(len(in_event)), np.arange(len(in_event))
        members = in_event[first]
        frame = out.iloc[members]
        quotes = _texts(frame["quote"])
        sentences = _texts(frame["sentence"])
        places = [
            place or people
            for place, people in zip(
                _quote_places(quotes),
                _clause_peoples(sentences, quotes),
                strict=True,
            )
        ]
        fields = [
            (_field_vectors(tokens), weight, absent)
            for tokens, weight, absent in _fields(
                frame,
                config,
                places,
                [frames.actors[i] for i in members],
                lexicon.status_words,
                lexicon.compatible,
            )
        ]
        cluster_of = np.empty(len(members), dtype=np.int64)
        n_clusters = 0
        countries = np.array(places, dtype=object)
        owners = np.array(
            _texts(frame["own_actor"]) if "own_actor" in frame else [""] * len(frame),
            dtype=object,
        )
        # The name of a breakdown a figure is a part of (not its total).
        names = np.where(owners == TOTAL_OF_PARTS, "", owners)
        # What a figure is a part of: a people, or a name of a breakdown.
        parts = np.array(
            [
                place or (own if own != TOTAL_OF_PARTS else "")
                for place, own in zip(places, owners.tolist(), strict=True)
            ],
            dtype=object,
        )
        doc_ids = _texts(frame["doc_id"])
        own_extents = _extents(sentences, quotes, lexicon)
        own_cities = _clause_cities(sentences, quotes, lexicon)
        extents = np.array(_with_cities(own_extents, own_cities, doc_ids), dtype=object)
        where = np.array(
            _figure_places(
                doc_ids,
                sentences,
                _texts(frame["place"]) if "place" in frame else [""] * len(frame),
                own_extents,
                own_cities,
            ),
            dtype=object,
        )
        published = (
            _texts(frame["published"]) if "published" in frame else [""] * len(frame)
        )
        periods = np.array(
            _periods(
                sentences, quotes, doc_ids, published, lexicon, _texts(frame["scope"])
            ),
            dtype=object,
        )
        as_of[in_event] = np.array([_period_start(p) for p in periods], dtype=object)[
            inverse.ravel()
        ]
        subsets = _subsets(sentences, quotes, lexicon)
        causes = np.array(
            _texts(frame["cause"]) if "cause" in frame else [""] * len(frame),
            dtype=object,
        )
        sentence_keys = np.array(
            [f"{d}\x1f{s}" for d, s in zip(doc_ids, sentences, strict=True)],
            dtype=object,
        )

        event_frames = _EventFrames(
            frame=frame,
            fields=fields,
            countries=countries,
            parts=parts,
            names=names,
            owners=owners,
            causes=causes,
            subsets=subsets,
            sentence_keys=sentence_keys,
            extents=extents,
            where=where,
            periods=periods,
        )

        blocks = _blocks(frame)
        # A large event's blocks are clustered on every core (each costs its size
        # squared); their results come back in order, as if clustered here.
        pairs = sum(len(rows) ** 2 for rows in blocks)
        assignments = fork_map(
            partial(_cluster_block, event_frames, config, lexicon),
            blocks,
            cost=len,
            jobs=jobs if pairs >= _PARALLEL_PAIRS else 1,
        )
        for rows, assignment in zip(blocks, assignments, strict=True):
            cluster_of[rows] = assignment + n_clusters
            n_clusters += int(assignment.max()) + 1
        claim_cluster = cluster_of[inverse.ravel()]
        for cluster in np.unique(claim_cluster):
            chosen = in_event[claim_cluster == cluster]
            label = frames.label(chosen)
            subjects[chosen] = frames.subject_id(chosen, label)
            labels[chosen] = label
    out["subject"] = subjects
    out["subject_label"] = labels
    out["as_of"] = as_of
    return out


@dataclass(frozen=True, slots=True)
class _EventFrames:
    """What the distances within a block read: one event's distinct frames, their
    field vectors, and per frame what must keep it apart from others."""

    frame: pd.DataFrame
    fields: list
    countries: np.ndarray
    parts: np.ndarray
    names: np.ndarray
    owners: np.ndarray
    causes: np.ndarray
    subsets: np.ndarray
    sentence_keys: np.ndarray
    extents: np.ndarray
    where: np.ndarray
    periods: np.ndarray


def _cluster_block(
    event: _EventFrames, config: GroupConfig, lexicon: Frames, rows: np.ndarray
) -> np.ndarray:
    """The cluster of each of a block's frames (``rows`` of ``event``)."""
    distance = _distances(event.fields, rows, config.actor_conflict)
    distance[_restatements(event.frame.iloc[rows], lexicon.compatible)] = 0.0
    distance[
        _predicate_conflicts(event.frame["predicate"].to_numpy()[rows], lexicon)
    ] = _NEVER
    distance[_measure_conflicts(event.frame["noun"].to_numpy()[rows], lexicon)] = _NEVER
    distance[_label_conflicts(event.countries[rows])] = _NEVER
    distance += config.part_penalty * _part_and_whole(event.parts[rows])
    distance += config.breakdown_penalty * _part_and_whole(event.names[rows])
    distance[_name_conflicts(event.owners[rows])] = _NEVER
    distance[_cause_conflicts(event.causes[rows].tolist())] = _NEVER
    same_sentence, subset_apart = _subset_pairs(
        event.subsets[rows], event.sentence_keys[rows]
    )
    distance += config.subset_penalty * subset_apart
    distance[same_sentence] = _NEVER
    distance[_label_conflicts(event.extents[rows])] = _NEVER
    distance += config.place_penalty * _differ(event.where[rows])
    # Another year's figure never joins this year's, nor another year's.
    distance[_differ(event.periods[rows])] = _NEVER
    return _cluster(distance, config.threshold, config.linkage)


def _period_start(period: str) -> str:
    """The first day of a period of :func:`_periods` ("2017", "2025-04") as an ISO
    date; "" for none."""
    if not period:
        return ""
    return f"{period}-01" if len(period) == 7 else f"{period}-01-01"


@dataclass(frozen=True, slots=True)
class _Frames:
    """The claims' frame fields as plain lists, for labelling many subjects fast."""

    nouns: list[str]
    units: list[str]
    predicates: list[str]
    actors: list[tuple[str, ...]]
    scopes: list[tuple[str, ...]]
    keys: list[str]

    @classmethod
    def of(cls, claims: pd.DataFrame) -> _Frames:
        return cls(
            nouns=_texts(claims["noun"]),
            units=_texts(claims["unit"]),
            predicates=_texts(claims["predicate"]),
            actors=_actors(claims),
            scopes=[_split(v) for v in _texts(claims["scope"])],
            keys=[
                f"{d}:{s}"
                for d, s in zip(
                    claims["doc_id"].tolist(), claims["start"].tolist(), strict=True
                )
            ],
        )

    def label(self, rows: np.ndarray) -> str:
        """What a person would call the subject: noun, predicate, actors, scope."""

        def top(values: list[str], k: int) -> list[str]:
            return [v for v, _ in Counter(v for v in values if v).most_common(k)]

        unit = top([self.units[i] for i in rows], 1)
        noun = top([self.nouns[i] for i in rows], 1)
        if noun and unit == [SHARE_UNIT]:  # a share of something
            noun = [f"{unit[0]} of {noun[0]}"]  # "percent of people"
        noun = noun or unit
        predicate = top([self.predicates[i] for i in rows], 1)
        actors = top([a for i in rows for a in self.actors[i]], 3)
        scope = top([w for i in rows for w in self.scopes[i]], 2)
        parts = [" ".join(noun + predicate) or "quantity"]
        if actors:
            parts.append(", ".join(actors))
        if scope:
            parts.append(", ".join(scope))
        return " · ".join(parts)

    def subject_id(self, rows: np.ndarray, label: str) -> str:
        """A readable, stable id: the label's first words, a digest of the members."""
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40].strip("-")
        keys = sorted(self.keys[i] for i in rows)
        digest = hashlib.sha1("|".join(keys).encode()).hexdigest()[:6]
        return f"{slug or 'subject'}-{digest}"
