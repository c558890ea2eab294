"""Extraction stage: numbers, their frames and their attribution chains, as claims."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from scorer.config import ExtractConfig
from scorer.errors import ConfigError
from scorer.extract.attribution import SourceRegistry, attribute, load_registry
from scorer.extract.quantities import (
    QuantityMention,
    UnitLexicon,
    find_quantities,
    load_unit_lexicon,
)
from scorer.extract.sentences import split_sentences
from scorer.model import Attribution, Claim, Document, Link

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|"
    "fall|winter"
)
_TIME_RE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PROPER_RE = re.compile(
    r"\b[A-Z][\w'’\-]+(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’\-]+)*"
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
# Scope words near the number say what it covers; further away they describe another one.
_SCOPE_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Frames:
    """Hedge cues, predicate forms, scope words and stopwords (scorer/data/frames.toml)."""

    hedge_re: re.Pattern[str]
    predicate_re: re.Pattern[str]
    predicate_of: dict[str, str]
    scope_re: re.Pattern[str]
    stopwords: frozenset[str]
    predicate_units: dict[str, str]
    noun_predicates: dict[str, str]


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything extraction reads from data files, loaded once per run."""

    units: UnitLexicon
    registry: SourceRegistry
    frames: Frames


def load_resources(config: ExtractConfig | None = None) -> Resources:
    """Load the lexicons and the source registry, with the user's additions."""
    config = config or ExtractConfig()
    for key in ("units_file", "cues_file", "sources_file"):
        value = getattr(config, key)
        if value and not Path(value).is_file():
            raise ConfigError(
                [f"extract.{key} must name an existing file, got {value!r}"]
            )
    units = load_unit_lexicon(config.units_file or None)
    registry = load_registry(
        config.sources_file or None, config.sources, config.fuzzy_threshold
    )
    frames = _load_frames(config.cues_file or None)
    return Resources(units=units, registry=registry, frames=frames)


def _words_re(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def _load_frames(extra_file: str | None) -> Frames:
    data = tomllib.loads(
        resources.files("scorer.data")
        .joinpath("frames.toml")
        .read_text(encoding="utf-8")
    )
    if extra_file:
        extra = tomllib.loads(Path(extra_file).read_text(encoding="utf-8"))
        for section, values in extra.items():
            if not isinstance(values, dict):
                continue
            target = data.setdefault(section, {})
            for key, words in values.items():
                target[key] = list(target.get(key, [])) + list(words)
    predicate_of = {
        form.lower(): lemma
        for lemma, forms in data.get("predicate", {}).items()
        for form in forms
    }
    return Frames(
        hedge_re=_words_re(data["hedge"]["cues"]),
        predicate_re=_words_re(list(predicate_of)),
        predicate_of=predicate_of,
        scope_re=_words_re(data["scope"]["words"]),
        stopwords=frozenset(w.lower() for w in data["stopwords"]["words"]),
        predicate_units=dict(data.get("predicate_units", {})),
        noun_predicates=dict(data.get("noun_predicates", {})),
    )


def extract_claims(
    doc: Document, res: Resources, keep_unitless: bool = True
) -> list[Claim]:
    """Find every numeric claim in a document.

    Parameters
    ----------
    doc
        A cleaned document.
    res
        Lexicons and registry from :func:`load_resources`.
    keep_unitless
        Keep numbers whose counted noun is not recognised.

    Returns
    -------
    list of Claim
        In text order; ``text[claim.start:claim.end] == claim.quote``.
    """
    mentions = [
        m
        for m in find_quantities(doc.text, res.units)
        if keep_unitless or m.quantity.unit
    ]
    if not mentions:
        return []
    attributions = attribute(doc, [(m.start, m.end) for m in mentions], res.registry)
    sentences = split_sentences(doc.text) or [(0, len(doc.text))]
    starts = [s for s, _ in sentences]
    publisher = _publisher_link(doc, res.registry)
    keywords = _keywords(doc.text, res.frames)
    sentence_of = [max(0, bisect.bisect_right(starts, m.start) - 1) for m in mentions]
    predicates = []
    for mention, index in zip(mentions, sentence_of, strict=True):
        s_start, s_end = sentences[index]
        sentence = doc.text[s_start : max(s_end, mention.end)]
        predicates.append(
            _predicate(
                sentence, mention.start - s_start, mention.end - s_start, res.frames
            )
        )
    mentions = _inherit_units(doc.text, mentions, sentence_of, predicates, res.frames)
    claims = []
    for mention, attribution, index, predicate in zip(
        mentions, attributions, sentence_of, predicates, strict=True
    ):
        s_start, s_end = sentences[index]
        s_end = max(s_end, mention.end)
        sentence = doc.text[s_start:s_end]
        local_start = mention.start - s_start
        local_end = mention.end - s_start
        hedge_cue = mention.hedge_cue or _hedge_cue(sentence, res.frames)
        source_words = {
            word for link in attribution.links for word in link.name.lower().split()
        }
        actors = _actors(sentence, local_start, local_end, source_words, res.frames)
        noun = mention.noun
        if noun in res.frames.noun_predicates:
            predicate = predicate or res.frames.noun_predicates[noun]
            noun = "people"
        elif (
            noun
            and mention.quantity.unit == "people"
            and noun not in res.units.noun_units
        ):
            # A demonym ("323 Egyptians") says who, not what: people, and an actor.
            actors = (noun, *(a for a in actors if a != noun))
            noun = "people"
        claims.append(
            Claim(
                doc_id=doc.id,
                outlet=doc.outlet,
                start=mention.start,
                end=mention.end,
                quote=doc.text[mention.start : mention.end],
                sentence=sentence.strip(),
                quantity=mention.quantity,
                attribution=_with_publisher(attribution, publisher),
                noun=noun,
                noun_surface=mention.noun_surface.lower(),
                predicate=predicate,
                actors=actors,
                scope=_scope(sentence, local_start, local_end, res.frames),
                hedged=bool(hedge_cue),
                hedge_cue=hedge_cue.lower(),
                published=doc.published,
                context=" ".join(_content_words(sentence, res.frames)),
                keywords=keywords,
            )
        )
    return claims


# A bare number borrows what it counts from a claim this close before it in the
# paragraph ("Police counted 15,000 people. Organisers said 75,000.").
_INHERIT_WINDOW = 600


def _inherit_units(
    text: str,
    mentions: list[QuantityMention],
    sentence_of: list[int],
    predicates: list[str],
    frames: Frames,
) -> list[QuantityMention]:
    """Give numbers with no unit the unit their predicate or a neighbour implies."""
    out = list(mentions)
    for i, mention in enumerate(mentions):
        if mention.quantity.unit or mention.quantity.relative:
            continue
        donor = None
        same_sentence = [
            j
            for j, m in enumerate(mentions)
            if j != i and sentence_of[j] == sentence_of[i] and m.quantity.unit
        ]
        if same_sentence:
            donor = mentions[
                min(same_sentence, key=lambda j: abs(mentions[j].start - mention.start))
            ]
        else:
            for j in range(i - 1, -1, -1):
                previous = mentions[j]
                if mention.start - previous.end > _INHERIT_WINDOW:
                    break
                if previous.quantity.unit:
                    donor = previous
                    break
        implied = frames.predicate_units.get(predicates[i], "")
        if donor is not None and (not implied or donor.quantity.unit == implied):
            out[i] = replace(
                mention,
                quantity=replace(mention.quantity, unit=donor.quantity.unit),
                noun=donor.noun,
                noun_surface=donor.noun_surface,
            )
        elif implied:
            out[i] = replace(mention, quantity=replace(mention.quantity, unit=implied))
    return out


def _keywords(text: str, frames: Frames, k: int = 12) -> tuple[str, ...]:
    """The document's most frequent content words: what event it is about."""
    counts: dict[str, int] = {}
    for word in _content_words(text, frames):
        if len(word) > 3:
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(word for word, n in ranked[:k] if n > 1)


def _publisher_link(doc: Document, registry: SourceRegistry) -> Link:
    """The publisher as a link, of kind primary when the registry knows it as one."""
    if doc.outlet and doc.outlet != "unknown":
        known = registry.resolve(doc.outlet)
        if known.kind in ("primary", "official"):
            return Link(doc.outlet, known.kind, "publisher")
    return Link(doc.outlet, "publisher", "publisher")


def _with_publisher(attribution: Attribution, publisher: Link) -> Attribution:
    first = attribution.links[0]
    if first.name != publisher.name or first.kind == publisher.kind:
        return attribution
    return Attribution((publisher, *attribution.links[1:]))


def _hedge_cue(sentence: str, frames: Frames) -> str:
    match = frames.hedge_re.search(sentence)
    return match.group(0) if match else ""


def _predicate(sentence: str, start: int, end: int, frames: Frames) -> str:
    best, best_distance = "", 10**9
    for match in frames.predicate_re.finditer(sentence):
        distance = start - match.end() if match.end() <= start else match.start() - end
        distance = abs(distance)
        if distance < best_distance:
            best_distance = distance
            best = frames.predicate_of.get(
                re.sub(r"\s+", " ", match.group(0).lower()), ""
            )
    return best


def _scope(sentence: str, start: int, end: int, frames: Frames) -> tuple[str, ...]:
    window = sentence[max(0, start - _SCOPE_WINDOW) : end + _SCOPE_WINDOW]
    found = [
        re.sub(r"\s+", " ", m.group(0).lower())
        for m in frames.scope_re.finditer(window)
    ]
    found += [
        re.sub(r"\s+", " ", m.group(0).lower()) for m in _TIME_RE.finditer(sentence)
    ]
    return tuple(dict.fromkeys(found))


def _actors(
    sentence: str, start: int, end: int, sources: set[str], frames: Frames
) -> tuple[str, ...]:
    """Proper names of the sentence that are not its sources, nearest to the number first."""
    actors = []
    for match in _PROPER_RE.finditer(sentence):
        name = re.sub(r"['’]s$", "", match.group(0)).strip()
        lowered = name.lower()
        if " " not in name and not sentence[: match.start()].strip(" \"“‘'(-—"):
            continue  # a capital at the start of a sentence says nothing
        words = lowered.split()
        if lowered in frames.stopwords or len(name) < 3:
            continue
        if sum(w in sources for w in words) * 2 >= len(words):
            continue  # the source itself, not what the figure is about
        if _TIME_RE.fullmatch(name) or lowered.split()[0] in _MONTHS.split("|"):
            continue
        distance = max(match.start() - end, start - match.end(), 0)
        actors.append((distance, lowered))
    return tuple(dict.fromkeys(name for _, name in sorted(actors)))


def _content_words(sentence: str, frames: Frames) -> list[str]:
    return [
        w
        for w in (m.group(0).lower() for m in _WORD_RE.finditer(sentence))
        if w not in frames.stopwords and len(w) > 2
    ]


def claims_to_rows(claims: list[Claim], first_id: int = 0) -> list[dict[str, Any]]:
    """Flatten claims into rows with the columns of :data:`scorer.model.CLAIM_COLUMNS`."""
    rows = []
    for offset, c in enumerate(claims):
        q = c.quantity
        rows.append(
            {
                "claim_id": first_id + offset,
                "doc_id": c.doc_id,
                "outlet": c.outlet,
                "start": c.start,
                "end": c.end,
                "quote": c.quote,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "qualifier": q.qualifier,
                "relative": q.relative,
                "noun": c.noun,
                "noun_surface": c.noun_surface,
                "predicate": c.predicate,
                "actors": "; ".join(c.actors),
                "scope": "; ".join(c.scope),
                "hedged": c.hedged,
                "hedge_cue": c.hedge_cue,
                "chain": c.attribution.chain,
                "chain_kinds": " > ".join(link.kind for link in c.attribution.links),
                "origin": c.attribution.origin.name,
                "origin_kind": c.attribution.origin.kind,
                "published": c.published.isoformat() if c.published else "",
                "sentence": c.sentence,
                "context": c.context,
                "keywords": "; ".join(c.keywords),
            }
        )
    return rows
