"""Extraction stage: numbers, their frames and their attribution chains, as claims."""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, count
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
from scorer.model import SHARE_UNIT, Attribution, Claim, Document, Link, Quantity

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A month's name -> its number in the year.
MONTH_NUMBER = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
# Month names as a bare month is read ("hired in October"): "May" is left out, since it
# is also a modal verb at the start of a sentence.
_NAMED_MONTHS = "|".join(name for name in MONTH_NAMES if name != "May")
_MONTHS = (
    f"{_NAMED_MONTHS.lower()}|may|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "spring|summer|autumn|fall|winter"
)
# A date or year starts with a month's first letter or with "19" or "20"; the leading
# lookahead says so, which spares the search trying every month at every position.
_TIME_FIRSTS = "".join(sorted({month[0] for month in _MONTHS.split("|")}))
_TIME_RE = re.compile(
    rf"(?=[{_TIME_FIRSTS}12])"
    rf"\b(?:(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A bare month, not followed by a year (those are _TIME_RE's).
_MONTH_RE = re.compile(
    rf"\b(?:{_NAMED_MONTHS})\b(?!\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d)"
)
# A capitalised word not inside a word ("\b[A-Z]" written so that the pattern opens
# with the capital, which lets the search skip to capitals), then more of them.
_PROPER_RE = re.compile(
    r"[A-Z](?<!\w[A-Z])[\w'’\-]+(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’\-]+)*"
)
# Any of the month names _MONTH_RE finds, to rule it out for a sentence at once.
_MONTH_NAME_RE = re.compile(_NAMED_MONTHS)
_MONTH_WORDS = frozenset(_MONTHS.split("|"))
_POSSESSIVE_RE = re.compile(r"['’]s$")
_SPACES_RE = re.compile(r"\s+")
# Words: a letter, then letters, apostrophes and hyphens. Keywords are longer than
# three characters, context words longer than two; the patterns skip shorter words.
_LONG_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]{3,}")
_CONTENT_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]{2,}")
_CASE_SHIFTS = re.compile("[\u0130\u212a]")
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
# Scope words near the number say what it covers; further off, they describe another.
_SCOPE_WINDOW = 60
_ACTOR_WINDOW = 80
_MAX_NAME_WORDS = 4  # longer capitalised runs are headlines, not names
# How many words may lead from a figure to a name that is its own ("eight from the
# Ridge Fire"), with none of these breaks between them.
_OWN_NAME_WORDS = 5
# How far after a title its holder's name may start ("Supt. Larry Snelling").
_TITLE_GAP = 3
_MAX_SOURCE_CHARS = 120
# The own_actor of the figure a breakdown's parts add up to, and how near the sum
# must come to it (a share of the total).
TOTAL_OF_PARTS = "(total)"
_TOTAL_TOLERANCE = 0.005
# Words that lead from a figure to whoever gave it rather than to a part.
_SOURCE_LEAD_RE = re.compile(
    r"\b(?:according to|as reported by|per|citing|quoting|said|says|told)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "15,000 by Metro Transit's count": "by" leads to a source only before such a noun
# ("eight by the Ridge Fire" names a part).
_BY_RE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_COUNTED_BY_RE = re.compile(
    r"(?:['’]s?)?\s+(?:count|counts|estimate|estimates|tally|figure|figures|numbers)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(r"[,;:.()\[\]—–]|\s-\s")
# What ends the clause of a figure for its predicate: a semicolon, colon, bracket or
# dash, or a comma opening a new clause.
_PREDICATE_BREAK_RE = re.compile(
    r"[;:()\[\]—–]|,\s+(?:with|while|and|but|as|whereas)\b", re.IGNORECASE
)
# What may come before the first word of a sentence.
_SENTENCE_OPENING = " \"“‘'(-—"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Phrases to find in sentences, indexed by first word (with the most words any
    phrase starting with it has)."""

    phrases: frozenset[str]
    firsts: dict[str, int]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Lexicon:
        normal = {_normal(p) for p in phrases} - {""}
        firsts: dict[str, int] = {}
        for phrase in normal:
            words = phrase.split(" ")
            firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        return cls(frozenset(normal), firsts)


@dataclass(frozen=True, slots=True)
class Frames:
    """Hedge cues, predicates, scope words and stopwords (scorer/data/frames.toml)."""

    hedges: Lexicon
    predicates: Lexicon
    predicate_of: dict[str, str]
    scopes: Lexicon
    stopwords: frozenset[str]
    predicate_units: dict[str, str]
    noun_predicates: dict[str, str]
    weak_predicates: frozenset[str]
    reference_re: re.Pattern[str]
    compatible: frozenset[tuple[str, str]]
    noun_links: frozenset[str]  # words between a counted noun and its figure
    nouns_before: dict[str, str]  # nouns read only before a figure: "toll" -> deaths
    place_prepositions: frozenset[str]  # that open a place phrase: "in", "across"
    determiners: frozenset[str]  # that open a noun phrase: "the", "its"
    extents: dict[str, str]  # phrase (lower case) -> the extent it names
    extent_re: re.Pattern[str]  # any of those phrases
    local_bodies: frozenset[str] = frozenset()  # "police" in "Denver police"
    # That open a phrase naming who acted, not what is counted: "by" in "the total
    # reported by several regions rose to 90".
    agent_prepositions: frozenset[str] = frozenset()
    city_modifiers: frozenset[str] = frozenset()  # "downtown" in "in downtown Denver"
    # A city right before a hosting verb, at the end of the text before a figure
    # ("Leeds had an estimated 8,000 ...").
    hosting_re: re.Pattern[str] | None = None
    first_words: frozenset[str] = frozenset()  # that start a hedge, predicate or scope
    # Scope words that say how sure or how final a figure is, not what it covers ("so
    # far", "official", "overall"): grouping ignores them.
    status_words: frozenset[str] = frozenset()
    # A stretch of time a figure is limited to ("for the three deadliest days", "in the
    # past 24 hours"): frames.toml [span].
    span_re: re.Pattern[str] | None = None
    # A phrase that says what the figure before it came from ("due to", "as a result
    # of"), and what follows it.
    cause_re: re.Pattern[str] | None = None
    # Words that make the scope word after them say what most of a figure is made of,
    # not what it covers ("900 were laid off, mostly uninsured contractors").
    composition_words: frozenset[str] = frozenset()
    # What sums of money measure ([money] of frames.toml): noun phrase -> measure.
    money_measure_of: dict[str, str] = field(default_factory=dict)
    money_compatible: frozenset[tuple[str, str]] = frozenset()
    money_verb_markers: frozenset[str] = frozenset()
    money_plain_modifiers: frozenset[str] = frozenset()
    money_window: int = 0
    money_kind_synonyms: dict[str, str] = field(default_factory=dict)
    # What shares and rates measure ([share] of frames.toml): noun phrase -> measure.
    share_measure_of: dict[str, str] = field(default_factory=dict)
    # A word pointing back to a figure as already told, right before it ([reference]
    # definite: "the 12 brokers").
    definite_re: re.Pattern[str] | None = None
    # Any reference word ([reference]) on its own.
    reference_word_re: re.Pattern[str] = re.compile(r"(?!)")
    # Words right before a figure that make it a part of a larger one ([subset]).
    subset_re: re.Pattern[str] | None = None
    # Words shortly before a figure that single out one of several things ([subset]
    # one_of: "one of them flooded 2,000 homes").
    one_of_re: re.Pattern[str] | None = None
    # Words opening a sentence that refer back to the sentence before's subject
    # ([breakdown] back_subjects: "This blaze killed 12").
    back_subject_re: re.Pattern[str] | None = None
    # Phrases placing a figure in a year relative to its document's ([period]):
    # phrase (lower case) -> years from the document's year.
    periods: dict[str, int] = field(default_factory=dict)
    period_re: re.Pattern[str] | None = None
    period_anchors: frozenset[str] = frozenset()  # "since" in "since 2015"
    # A month as a date names it (:func:`_month_pattern`): "in April", "April 5".
    month_re: re.Pattern[str] | None = None
    # Words looking ahead to a month named without its year, and verbs in the past
    # telling it as past ([period] ahead, past).
    ahead: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    # Words by which a sentence refers back to what the sentence before told ("those
    # fires"): a figure of a sentence naming no time takes that sentence's.
    back_reference_re: re.Pattern[str] | None = None


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


def _normal(phrase: str) -> str:
    """A lexicon phrase as _phrases() spells it: its words, lower-cased, one space."""
    return " ".join(m.group(0).lower() for m in _TOKEN_RE.finditer(phrase))


def load_frames(extra_file: str | None = None) -> Frames:
    """Hedge cues, predicates, scope words: scorer/data/frames.toml and a user file."""
    return _load_frames(extra_file)


def _merge_cues(data: dict, extra_file: str) -> None:
    """Add a user's cues file to the packaged frames (``data``): lists are extended,
    tables merged, single phrases set. A value of another shape than the packaged
    one (a list given as a string, a number) is a ConfigError naming the file, line
    and key, what was expected and what was found."""
    from scorer.config import find_line

    text = Path(extra_file).read_text(encoding="utf-8")
    try:
        extra = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{extra_file}: not valid TOML: {exc}"]) from None
    problems = []

    def problem(loc: tuple[str, ...], expected: str, found: object) -> None:
        line = find_line(text, loc)
        where = f"{extra_file}:{line}" if line else extra_file
        problems.append(
            f"{where}: [{loc[0]}] {'.'.join(loc[1:]) or '(the section)'}: expected "
            f"{expected}, found {found!r}"
        )

    def is_words(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(w, str) for w in value)

    for section, values in extra.items():
        if not isinstance(values, dict):
            problem((section,), "a table of cue lists", values)
            continue
        target = data.setdefault(section, {})
        for key, words in values.items():
            packaged = target.get(key)
            if isinstance(words, str) and not isinstance(packaged, list | dict):
                target[key] = words  # a table of phrase = name ([extent])
            elif isinstance(words, dict) and not isinstance(packaged, list | str):
                target[key] = {**(packaged or {}), **words}  # word = name
            elif is_words(words) and not isinstance(packaged, dict | str):
                target[key] = list(packaged or []) + list(words)
            else:
                expected = (
                    "a list of words"
                    if isinstance(packaged, list) or packaged is None
                    else "a table"
                    if isinstance(packaged, dict)
                    else "a phrase"
                )
                problem((section, key), expected, words)
    if problems:
        raise ConfigError(problems)


@lru_cache(maxsize=8)
def _load_frames(extra_file: str | None) -> Frames:
    data = tomllib.loads(
        resources.files("scorer.data")
        .joinpath("frames.toml")
        .read_text(encoding="utf-8")
    )
    if extra_file:
        _merge_cues(data, extra_file)
    where = "frames.toml" + (f" + {extra_file}" if extra_file else "")
    predicate_of: dict[str, str] = {}
    clashes = []
    for lemma, forms in data.get("predicate", {}).items():
        for form in forms:
            earlier = predicate_of.setdefault(form.lower(), lemma)
            if earlier != lemma:
                clashes.append(
                    f"[predicate] {form!r} is a form of both {earlier!r} and {lemma!r} "
                    f"({where}): expected each form under one lemma"
                )
    periods: dict[str, int] = {}
    for phrase, years in data.get("period", {}).get("relative", {}).items():
        if isinstance(years, bool) or not isinstance(years, int):
            clashes.append(
                f"[period] relative {phrase!r} ({where}): expected a whole number "
                f"of years, found {years!r}"
            )
            continue
        periods[phrase_key(phrase)] = years
    if clashes:
        raise ConfigError(clashes)
    money = data.get("money", {})
    hedges = Lexicon.of(data["hedge"]["cues"])
    predicates = Lexicon.of(predicate_of)
    scopes = Lexicon.of(data["scope"]["words"])
    extents = {phrase_key(k): v for k, v in data.get("extent", {}).items()}
    return Frames(
        hedges=hedges,
        predicates=predicates,
        predicate_of={_normal(k): v for k, v in predicate_of.items()},
        scopes=scopes,
        first_words=frozenset(hedges.firsts)
        | predicates.firsts.keys()
        | scopes.firsts.keys(),
        stopwords=frozenset(w.lower() for w in data["stopwords"]["words"]),
        predicate_units=dict(data.get("predicate_units", {})),
        noun_predicates=dict(data.get("noun_predicates", {})),
        weak_predicates=frozenset(data.get("weak_predicates", {}).get("lemmas", [])),
        compatible=_both_ways(data.get("predicate_compatible", {})),
        reference_re=re.compile(
            r"\b(?:"
            + "|".join(map(re.escape, data["reference"]["words"]))
            + r")\s+of\s*$",
            re.IGNORECASE,
        ),
        definite_re=_ending_pattern(data["reference"].get("definite", [])),
        reference_word_re=re.compile(
            r"\b(?:" + "|".join(map(re.escape, data["reference"]["words"])) + r")\b",
            re.IGNORECASE,
        ),
        noun_links=frozenset(
            w.lower() for w in data.get("noun_before", {}).get("links", [])
        ),
        agent_prepositions=frozenset(
            w.lower() for w in data.get("noun_before", {}).get("agent_prepositions", [])
        ),
        place_prepositions=frozenset(
            w.lower() for w in data.get("noun_before", {}).get("place_prepositions", [])
        ),
        determiners=frozenset(
            w.lower() for w in data.get("noun_before", {}).get("determiners", [])
        ),
        nouns_before={
            k.lower(): v
            for k, v in data.get("noun_before", {}).get("nouns", {}).items()
        },
        extents=extents,
        extent_re=_phrase_pattern(extents),
        local_bodies=frozenset(
            w.lower() for w in data.get("city", {}).get("local_bodies", [])
        ),
        hosting_re=_hosting_pattern(data.get("city", {}).get("host_verbs", [])),
        city_modifiers=frozenset(
            w.lower() for w in data.get("city", {}).get("modifiers", [])
        ),
        status_words=frozenset(w.lower() for w in data["scope"].get("status", [])),
        composition_words=frozenset(
            w.lower() for w in data["scope"].get("composition", [])
        ),
        cause_re=_cause_pattern(data.get("cause", {}).get("openers", [])),
        span_re=_span_pattern(data.get("span", {})),
        money_measure_of={
            _normal(form): measure
            for measure, forms in money.get("measures", {}).items()
            for form in forms
        },
        money_compatible=_both_ways(money.get("compatible", {})),
        money_verb_markers=frozenset(w.lower() for w in money.get("verb_markers", [])),
        money_plain_modifiers=frozenset(
            w.lower() for w in money.get("plain_modifiers", [])
        ),
        money_window=int(money.get("window", 0)),
        money_kind_synonyms={
            k.lower(): v.lower() for k, v in money.get("kind_synonyms", {}).items()
        },
        share_measure_of={
            _normal(form): measure
            for measure, forms in data.get("share", {}).get("measures", {}).items()
            for form in forms
        },
        periods=periods,
        subset_re=_ending_pattern(data.get("subset", {}).get("before", [])),
        one_of_re=_phrase_pattern(data.get("subset", {}).get("one_of", [])),
        back_subject_re=_opening_pattern(
            data.get("breakdown", {}).get("back_subjects", [])
        ),
        period_re=_phrase_pattern(periods),
        period_anchors=frozenset(
            w.lower() for w in data.get("period", {}).get("anchors", [])
        ),
        month_re=_month_pattern(data.get("period", {}).get("month_openers", [])),
        ahead=frozenset(w.lower() for w in data.get("period", {}).get("ahead", [])),
        past=frozenset(w.lower() for w in data.get("period", {}).get("past", [])),
        back_reference_re=_phrase_pattern(
            data.get("period", {}).get("back_references", [])
        ),
    )


def _alternation(phrases: list[str]) -> str:
    """The phrases as one regex alternation, longest first, a space matching any run
    of spaces."""
    return "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len)[::-1]
    )


def _ending_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Any of the phrases as whole words at the end of a text, spaces after them
    ignored; None for no phrases."""
    if not phrases:
        return None
    return re.compile(rf"(?<![\w-])(?:{_alternation(phrases)})\s*$", re.IGNORECASE)


def _both_ways(table: dict[str, list[str]]) -> frozenset[tuple[str, str]]:
    """The pairs a table of ``name = [others]`` lists as compatible, in both orders."""
    return frozenset(
        pair
        for name, others in table.items()
        for other in others
        for pair in ((name, other), (other, name))
    )


def phrase_key(text: str) -> str:
    """How a phrase found by a :func:`_phrase_pattern` is looked up: lower case, one
    space between words, plain hyphens."""
    return " ".join(text.lower().split()).replace("\u2010", "-").replace("\u2011", "-")


def _opening_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Any of the phrases as whole words at the start of a text, after any opening
    quotes or spaces; None for no phrases."""
    if not phrases:
        return None
    return re.compile(
        rf"[{re.escape(_SENTENCE_OPENING)}]*(?:{_alternation(phrases)})(?![\w-])",
        re.IGNORECASE,
    )


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, longest first, case ignored; a hyphen in a
    phrase matches any hyphen and a space any run of spaces."""
    alternatives = [
        re.escape(p).replace(r"\-", "[-\u2010\u2011]").replace(r"\ ", r"\s+")
        for p in sorted(phrases, key=len, reverse=True)
    ]
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE
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
    sentences = split_sentences(doc.text) or [(0, len(doc.text))]
    starts = [s for s, _ in sentences]
    publisher = _publisher_link(doc, res.registry)
    keywords = _keywords(doc.text, res.frames)
    place = _article_city(doc.text, keywords, res.frames)
    sentence_of = [max(0, bisect.bisect_right(starts, m.start) - 1) for m in mentions]
    # Every claim of a sentence reads the same phrases, names and dates from it: each
    # sentence is read once (a claim running past its sentence's end reads the longer
    # text, as its own entry).
    frames: dict[tuple[int, int], _SentenceFrame] = {}
    claim_frames = []
    for mention, index in zip(mentions, sentence_of, strict=True):
        s_start, s_end = sentences[index]
        key = (s_start, max(s_end, mention.end))
        frame = frames.get(key)
        if frame is None:
            frame = frames[key] = _read_sentence(doc.text[key[0] : key[1]], res.frames)
        claim_frames.append(frame)
    predicates = [
        _predicate(
            frame,
            mention.start - sentences[index][0],
            mention.end - sentences[index][0],
            res.frames,
            res.registry.lexicon.verbs,
        )
        for mention, index, frame in zip(
            mentions, sentence_of, claim_frames, strict=True
        )
    ]
    mentions = [
        _noun_before(m, doc.text, sentences[i][0], res) if not m.quantity.unit else m
        for m, i in zip(mentions, sentence_of, strict=True)
    ]
    mentions = [
        _share_of(m, doc.text, res)
        if m.quantity.unit == SHARE_UNIT and not m.noun
        else m
        for m in mentions
    ]
    money, shares = res.frames.money_measure_of, res.frames.share_measure_of
    verbs = res.registry.lexicon.verbs
    mentions = [
        _money_measure(m, doc.text, sentences[i], res.frames, money, verbs)
        if not m.noun and res.units.dimensions.get(m.quantity.unit) == "money"
        else _money_measure(
            m, doc.text, sentences[i], res.frames, shares, verbs, of_is_base=True
        )
        if not m.noun and m.quantity.unit == SHARE_UNIT and shares
        else m
        for m, i in zip(mentions, sentence_of, strict=True)
    ]
    mentions = _inherit_units(
        mentions, sentence_of, predicates, res.frames, _count_units(res.units)
    )
    # A predicate that counts people ("died") is not what a measure does: in "300
    # died in temperatures exceeding 50C" the 50C measures the heat, not the dead.
    predicates = [
        "" if _measure_of_other_thing(m.quantity.unit, p, res.frames, res.units) else p
        for m, p in zip(mentions, predicates, strict=True)
    ]
    found = attribute(
        doc,
        [(m.start, m.end) for m in mentions],
        res.registry,
        [m.quantity.unit for m in mentions],  # as inherited: "15 died" counts people
    )
    # A figure inside a source's name ("two officials told reporters") counts the
    # sources, not what they report.
    kept = [i for i, a in enumerate(found) if a is not None]
    if not kept:
        return []
    mentions = [mentions[i] for i in kept]
    attributions = [found[i] for i in kept]
    sentence_of = [sentence_of[i] for i in kept]
    predicates = [predicates[i] for i in kept]
    claim_frames = [claim_frames[i] for i in kept]
    # Where the next figure of the same sentence starts, in the sentence's text.
    # (the last figure of a sentence of several: the sentence's end).
    next_figure: dict[int, int] = {}
    for i in range(len(mentions)):
        if i + 1 < len(mentions) and sentence_of[i + 1] == sentence_of[i]:
            next_figure[i] = mentions[i + 1].start - sentences[sentence_of[i]][0]
        elif i and sentence_of[i - 1] == sentence_of[i]:
            next_figure[i] = len(claim_frames[i].text)
    claims = []
    owns: list[str] = []
    contexts: dict[int, str] = {}
    for position, (mention, attribution, index, predicate, frame) in enumerate(
        zip(mentions, attributions, sentence_of, predicates, claim_frames, strict=True)
    ):
        s_start = sentences[index][0]
        sentence = frame.text
        local_start = mention.start - s_start
        local_end = mention.end - s_start
        hedge_cue = mention.hedge_cue or _sentence_hedge(
            frame, mentions, sentence_of, position, s_start
        )
        source_words = {
            word for link in attribution.links for word in link.name.lower().split()
        }
        actors = _actors(
            frame,
            local_start,
            local_end,
            source_words,
            tuple(link.name for link in attribution.links[1:] if link.name),
        )
        following = next_figure.get(position)
        owns.append(
            ""
            if following is None
            else _own_name(frame, local_end, following, source_words)
            or _parallel_name(frame, local_start, local_end, source_words)
        )
        noun = mention.noun
        if noun in res.frames.noun_predicates:
            predicate = predicate or res.frames.noun_predicates[noun]
            noun = "people"
        elif (
            noun
            and mention.quantity.unit == "people"
            and noun not in res.units.noun_units
        ):
            # A demonym ("130 Peruvians") says who, not what: people, and an actor.
            actors = (noun, *(a for a in actors if a != noun))
            noun = "people"
        attribution = _with_publisher(attribution, publisher)
        claims.append(
            Claim(
                doc_id=doc.id,
                # A text glued after the article has its own publisher.
                outlet=attribution.links[0].name,
                start=mention.start,
                end=mention.end,
                quote=doc.text[mention.start : mention.end],
                sentence=frame.stripped,
                quantity=mention.quantity,
                attribution=attribution,
                noun=noun,
                noun_surface=mention.noun_surface.lower(),
                predicate=predicate,
                actors=actors,
                scope=_scope(
                    frame,
                    local_start,
                    local_end,
                    _scope_until(mentions, position, sentence_of, doc.text, s_start),
                )
                + _times_referred_to(
                    frame, local_start, doc.text, sentences, index, res.frames
                ),
                hedged=bool(hedge_cue),
                hedge_cue=hedge_cue.lower(),
                published=doc.published,
                context=_context(contexts, index, sentence, res.frames),
                keywords=keywords,
                place=place,
                cause=_cause(sentence, local_end, following, res.frames),
            )
        )
    claims = _breakdowns(claims, owns, sentence_of)
    claims = _resolve_references(
        doc.text,
        _subject_parts(claims, claim_frames, sentence_of, res.frames),
        res.frames,
    )
    return _told_again(doc.text, claims, res.frames)


def _times_referred_to(
    frame: _SentenceFrame,
    local_start: int,
    text: str,
    sentences: list[tuple[int, int]],
    index: int,
    frames: Frames,
) -> tuple[str, ...]:
    """The dates and years of the sentence before, for a figure whose own sentence
    names none and refers back to what that sentence told with a back-reference word
    before the figure (frames.toml ``[period] back_references``: "the costliest were
    those of 2011. Together, those storms cost $9bn"). A year after an anchor word
    ("since 2015") is a point of comparison and is not taken."""
    if frame.times or not index or frames.back_reference_re is None:
        return ()
    if frames.back_reference_re.search(frame.text, 0, local_start) is None:
        return ()
    start, end = sentences[index - 1]
    before = text[start:end]
    return tuple(
        _SPACES_RE.sub(" ", m.group(0).lower())
        for m in _TIME_RE.finditer(before)
        if not after_anchor(before, m.start(), frames)
    )


def after_anchor(text: str, start: int, frames: Frames) -> bool:
    """Whether the word right before ``start`` is a period anchor ("since" in "since
    2015"): the year there is a point of comparison, not the figure's own time."""
    return word_before(text, start) in frames.period_anchors


def _month_pattern(openers: list[str]) -> re.Pattern[str] | None:
    """A month after one of ``openers`` ("in April", "since March", "early June") or
    before a day or year ("April 5", "June 2024"), which keeps out the nouns spelled
    like months ("the Freedom March", "May" the modal verb); a year right after it
    is its year (groups ``month``/``year``, or ``dated``/``dated_year``)."""
    if not openers:
        return None
    months = "|".join(MONTH_NAMES)
    day = r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?"
    return re.compile(
        rf"\b(?:{'|'.join(re.escape(o) for o in openers)})\s+(?:mid-)?"
        rf"(?P<month>{months})\b{day}(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        rf"|\b(?P<dated>{months})(?=\.?\s+(?:\d{{1,2}}\b|(?:19|20)\d\d\b))"
        rf"(?:\.?{day})(?:,?\s+(?P<dated_year>(?:19|20)\d\d)\b)?"
    )


def _span_pattern(spec: dict[str, list[str]]) -> re.Pattern[str] | None:
    """An opener, a count (digits or a number word) with a modifier before or after
    it, and a unit of time, from frames.toml ``[span]``: "for the three deadliest days",
    "in the past 24 hours", "in a single day" ("in five days" is how long something
    took, and limits nothing)."""
    if not spec.get("units") or not spec.get("modifiers"):
        return None

    def words(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(spec.get(key, []), key=len)[::-1])

    modifier = rf"(?:{words('modifiers')})\s+"
    count = rf"(?P<count>\d+|{words('numbers')})\s+"
    count2 = rf"(?P<count2>\d+|{words('numbers')})\s+"
    return re.compile(
        rf"\b(?:{words('openers')})\s+(?:the\s+)?"
        rf"(?:(?:{modifier})+{count}(?:{modifier})*|{count2}(?:{modifier})+)"
        rf"(?P<unit>{words('units')})\b",
        re.IGNORECASE,
    )


def _spans(sentence: str, frames: Frames) -> list[tuple[int, int, str]]:
    """The stretches of time the sentence limits figures to, as scope phrases of one
    token ("for the three deadliest days": "three-days")."""
    if frames.span_re is None:
        return []
    return [
        (
            m.start(),
            m.end(),
            f"{(m.group('count') or m.group('count2')).lower()}-"
            f"{m.group('unit').lower()}",
        )
        for m in frames.span_re.finditer(sentence)
    ]


def _cause_pattern(openers: list[str]) -> re.Pattern[str] | None:
    """A cause opener of frames.toml ``[cause]``, then up to three words (what the
    cause is), an opening quote mark allowed between."""
    if not openers:
        return None
    alternation = _alternation([" ".join(o.split()) for o in openers])
    return re.compile(
        rf"\b(?:{alternation})\s+[\"“‘']?((?:[a-z][a-z'’-]*\s*){{1,3}})",
        re.IGNORECASE,
    )


# What ends the stretch after a figure in which its cause may stand.
_CAUSE_BREAK_RE = re.compile(r"[;:.()\[\]—–]|,\s")
_MAX_CAUSE_WORDS = 2


def _cause(sentence: str, end: int, following: int | None, frames: Frames) -> str:
    """What the figure ending at ``end`` came from, where a cause phrase follows it in
    its own clause, before any other figure ("40 dying due to gas poisoning":
    "gas poisoning"): its first content words, lower-cased; "" if none."""
    if frames.cause_re is None:
        return ""
    stop = len(sentence) if following is None else following
    brk = _CAUSE_BREAK_RE.search(sentence, end, stop)
    if brk is not None:
        stop = brk.start()
    match = frames.cause_re.search(sentence, end, stop)
    if match is None:
        return ""
    words = [w for w in match.group(1).lower().split() if w not in frames.stopwords][
        :_MAX_CAUSE_WORDS
    ]
    return " ".join(words)


# The last word of a text, and how far back it is looked for (a short look back: a
# long sentence must not cost a scan from its start per lookup).
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\W*$")
_ANCHOR_LOOK_BACK = 24


def word_before(text: str, at: int) -> str:
    """The word right before position ``at`` of the text, lower-cased ("" if none)."""
    match = _LAST_WORD_RE.search(text, max(0, at - _ANCHOR_LOOK_BACK), at)
    return match.group(1).lower() if match else ""


# How far before a number its reference word may stand ("an estimate of 8,000").
_REFERENCE_WINDOW = 40


def _resolve_references(text: str, claims: list[Claim], frames: Frames) -> list[Claim]:
    """A figure introduced as "an estimate of N" or "a figure of N", or one naming
    nothing it counts after a reference word ("estimates ranged from 40,000 to
    60,000"), with no predicate of its own, is about a figure stated earlier: it takes
    that figure's noun, predicate and scope, and its unit if it names none. The
    antecedent is a referring figure of the same sentence when there is one (itself
    resolved first), else the earlier figure of the same unit (of any, for a figure
    naming none) whose value is nearest on a log scale, since such a sentence weighs
    its number against that one."""
    out = list(claims)
    for i, claim in enumerate(claims):
        before = text[max(0, claim.start - _REFERENCE_WINDOW) : claim.start]
        if claim.predicate or not (
            frames.reference_re.search(before) or _bare_reference(claim, frames)
        ):
            continue
        unit = claim.quantity.unit
        earlier = [
            c
            for c in out[:i]
            if (c.predicate or (not unit and c.noun))
            and (not unit or c.quantity.unit in (unit, ""))
        ]
        same_sentence = [c for c in earlier if c.sentence == claim.sentence]
        if not earlier:
            continue
        antecedent = (
            same_sentence[-1]
            if same_sentence
            else min(earlier, key=lambda c: _log_gap(c.quantity, claim.quantity))
        )
        out[i] = replace(
            claim,
            # A figure naming no unit counts what its antecedent counts.
            quantity=claim.quantity
            if unit
            else replace(claim.quantity, unit=antecedent.quantity.unit),
            noun=antecedent.noun or claim.noun,
            predicate=antecedent.predicate,
            scope=tuple(dict.fromkeys(antecedent.scope + claim.scope)),
            actors=tuple(dict.fromkeys(antecedent.actors + claim.actors)),
        )
    return out


# How far before a figure the word pointing back to it may start ("those 300").
_DEFINITE_LOOK_BACK = 8


def _told_again(text: str, claims: list[Claim], frames: Frames) -> list[Claim]:
    """A figure pointed back to as already told ("the 12 brokers": ``[reference]
    definite``), equal to an earlier figure of the document that counts the same noun,
    is that figure again: it takes the earlier one's predicate, whatever its own
    sentence says of it ("the 12 brokers had supplied forged papers" after
    "regulators revoked the licences of 12 brokers")."""
    if frames.definite_re is None:
        return claims
    out = list(claims)
    for i, claim in enumerate(claims):
        q = claim.quantity
        if not claim.noun or q.low is None or q.low != q.high:
            continue
        before = max(0, claim.start - _DEFINITE_LOOK_BACK)
        if not frames.definite_re.search(text, before, claim.start):
            continue
        for j in range(i - 1, -1, -1):
            earlier = out[j]
            e = earlier.quantity
            if (
                earlier.noun == claim.noun
                and e.unit == q.unit
                and (e.low, e.high) == (q.low, q.high)
                and earlier.sentence != claim.sentence
            ):
                if earlier.predicate != claim.predicate:
                    out[i] = replace(claim, predicate=earlier.predicate)
                break
    return out


def _bare_reference(claim: Claim, frames: Frames) -> bool:
    """Whether a figure that names nothing it counts (no noun, no unit) follows a
    reference word in its sentence ("Estimates from local police ranged from 40,000
    to 60,000"): it weighs in on a figure stated before."""
    if claim.noun or claim.quantity.unit:
        return False
    at = claim.sentence.find(claim.quote)
    return at > 0 and frames.reference_word_re.search(claim.sentence, 0, at) is not None


def _log_gap(a: Quantity, b: Quantity) -> float:
    x, y = a.point, b.point
    if not x or not y or x <= 0 or y <= 0:
        return float("inf")
    return abs(math.log10(x) - math.log10(y))


def _measure_of_other_thing(
    unit: str, predicate: str, frames: Frames, units: UnitLexicon
) -> bool:
    """Whether a figure of ``unit`` is a measure (a temperature, an area, a sum: a
    unit with a dimension other than a share) whose ``predicate`` counts something
    else (frames.toml ``[predicate_units]``: "died" counts people)."""
    implied = frames.predicate_units.get(predicate)
    dimension = units.dimensions.get(unit)
    return bool(implied) and implied != unit and dimension not in (None, "share")


@lru_cache(maxsize=8)
def _count_units(units: UnitLexicon) -> frozenset[str]:
    """Units that count things (people, structures, ...), as opposed to measures."""
    return frozenset(units.noun_units.values())


# How many words before a bare figure its counted noun may stand ("the crowd was
# put at some 8,000", "the death toll has risen to 480").
_NOUN_BEFORE_WORDS = 5
_WORD_OR_MARK_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z]")


def _noun_before(
    mention: QuantityMention, text: str, sentence_start: int, res: Resources
) -> QuantityMention:
    """A bare figure whose counted noun stands just before it, joined to it only by
    linking words (frames.toml ``[noun_before] links``: "was", "reached", "to", "at",
    "around", ...): "the crowd was put at some 8,000", "the death toll has risen to
    480" give that noun and its unit. Any other word in between ("soldiers rescued
    300", "the ministry said 480") leaves the figure as it is."""
    before = _WORD_OR_MARK_RE.findall(text[sentence_start : mention.start])
    words = [w.lower().replace("’", "'") for w in reversed(before)]
    links = res.frames.noun_links
    for i, word in enumerate(words[:_NOUN_BEFORE_WORDS]):
        if word in links:
            continue
        pair = f"{words[i + 1]} {word}" if i + 1 < len(words) else ""
        noun = (
            res.units.nouns.get(pair)
            or res.units.nouns.get(word)
            or res.frames.nouns_before.get(word)
        )
        if noun and not _in_place_phrase(words, i, res.frames):
            return replace(
                mention,
                quantity=replace(mention.quantity, unit=res.units.noun_units[noun]),
                noun=noun,
            )
        break
    return mention


# A share's "of" phrase: "64% of the 2,100 deaths", "40 percent of policy holders".
_SHARE_OF_RE = re.compile(r"\s+of\s+((?:[\w'’.,-]+\s+){0,4}[\w'’-]+)")
_SHARE_WORDS = 4


def _share_of(mention: QuantityMention, text: str, res: Resources) -> QuantityMention:
    """A share with no counted noun takes the noun of what it is a share of, where the
    first words of its "of" phrase name a noun of the synonym table ("64% of the 2,100
    deaths" -> deaths, "45 percent of the events" -> events). The unit stays a
    percentage; a phrase the table does not know leaves the share without a noun."""
    found = _SHARE_OF_RE.match(text, mention.end)
    if found is None:
        return mention
    words = [w.lower().strip(".,") for w in found.group(1).split()[:_SHARE_WORDS]]
    for word in words:
        noun = res.units.nouns.get(word)
        if noun:
            return replace(mention, noun=noun)
        if word in res.frames.stopwords and word not in res.frames.determiners:
            break
    return mention


# Marks and words that end the clause a sum's measure noun is read from.
_MONEY_BREAKS = frozenset({";", ":", "(", ")", "—", "–", "while", "whereas", "but"})
# Words that may join a sum to the measure noun after it ("$35bn of insured losses",
# "$164B in losses", "$2bn worth of aid").
_MONEY_AFTER = frozenset({"of", "in", "worth"})
_MONEY_MODIFIERS = 3


def _money_measure(
    mention: QuantityMention,
    text: str,
    sentence: tuple[int, int],
    frames: Frames,
    measures: Mapping[str, str],
    verbs: frozenset[str] = frozenset(),
    of_is_base: bool = False,
) -> QuantityMention:
    """A sum of money with no counted noun takes the measure its clause names, with
    the kind-words before it ([money] of frames.toml): "insured losses of $20bn" ->
    "insured losses", "the median home value is over $2 million" -> "home value",
    "$35bn of insured losses" -> "insured losses". A measure noun right after a verb
    marker ("the fires could cost $250bn") is a verb, and passed over. A share reads
    its measure the same way from ``measures`` ([share]): "core inflation rose to
    5.9%" -> "core inflation", "raised the base rate to 7.25%" -> "rate". ``verbs``
    (of saying) are no kind-words: "economists see inflation at 6%". With
    ``of_is_base`` (shares), an "of" right after the figure names its base, not its
    measure: "a deficit of 4.1% of GDP"."""
    ahead = _WORD_OR_MARK_RE.findall(text[mention.end : sentence[1]])[:6]
    if of_is_base and ahead and ahead[0].lower() == "of":
        ahead = []
    if ahead and ahead[0].lower() in _MONEY_AFTER:
        ahead = ahead[1:]
        if ahead and ahead[0].lower() == "of":
            ahead = ahead[1:]
    for at in range(min(_MONEY_MODIFIERS, len(ahead)) + 1):
        # The words before ``at`` are kind-words: the loop stops at any other.
        found = _measure_at(ahead, at, measures, forward=True)
        if found:
            kinds = [w.lower() for w in ahead[:at]]
            return replace(mention, noun=" ".join([*kinds, found[0]]))
        if at < len(ahead) and not _is_kind_word(ahead[at], frames, measures=measures):
            break
    before = _WORD_OR_MARK_RE.findall(text[sentence[0] : mention.start])
    words = list(reversed(before))
    seen = 0
    for i, word in enumerate(words):
        if word.lower() in _MONEY_BREAKS or seen > frames.money_window:
            break
        seen += word[:1].isalpha()
        found = _measure_at(words, i, measures, forward=False)
        if not found:
            continue
        measure, size = found
        rest = words[i + size :]
        if rest and rest[0].lower() in frames.money_verb_markers:
            continue  # "could cost": a verb
        kinds = _kinds_before(rest, frames, measures, verbs)
        if not kinds and len(rest) > 1 and rest[0].lower() in ("and", "or"):
            # "property losses and damage costs of $8bn": the first noun's kinds
            other = _measure_at(rest, 1, measures, forward=False)
            if other:
                kinds = _kinds_before(rest[1 + other[1] :], frames, measures, verbs)
        return replace(mention, noun=" ".join([*kinds, measure]))
    return mention


def _measure_at(
    words: list[str], at: int, measures: Mapping[str, str], forward: bool
) -> tuple[str, int] | None:
    """The measure a noun phrase of ``words`` starting at ``at`` names (read forwards
    or, for the words before a figure, backwards), with its length in words."""
    if at >= len(words):
        return None
    for size in range(2, 0, -1):
        part = words[at : at + size]
        if len(part) < size:
            continue
        phrase = " ".join(part if forward else reversed(part)).lower()
        measure = measures.get(phrase)
        if measure:
            return measure, size
    return None


def _is_kind_word(
    word: str,
    frames: Frames,
    opens: bool = False,
    measures: Mapping[str, str] | None = None,
) -> bool:
    """A lower-case word before a measure noun that says what kind of money it is:
    a noun used as an adjective ("wage", "home") or an adjective ("economic"); the
    word that opens the sentence (``opens``) may be capitalised ("Insured losses
    could reach $30bn"). A plural or a verb ("the fires cost", "brokers pegged
    losses") is the clause's subject or verb; an adjective in -ed counts only as a
    scope word ("insured")."""
    low = word.lower()
    return (
        (word[:1].islower() or opens)
        and word.replace("-", "").isalpha()
        and not (low.endswith("s") and not low.endswith(("ss", "us", "ics")))
        and (not low.endswith("ed") or low in frames.scopes.phrases)
        and not low.endswith("ly")
        and low not in frames.stopwords
        and low not in frames.money_plain_modifiers
        and low not in (frames.money_measure_of if measures is None else measures)
    )


def _kinds_before(
    words: list[str],
    frames: Frames,
    measures: Mapping[str, str] | None = None,
    verbs: frozenset[str] = frozenset(),
) -> list[str]:
    """The kind-words before a measure noun (``words`` read backwards from it to the
    start of its sentence), in text order: "total property and capital losses" ->
    property, capital."""
    kinds: list[str] = []
    last = len(words) - 1  # the sentence's first word
    for i, word in enumerate(words):
        if len(kinds) == _MONEY_MODIFIERS:
            break
        if (
            word.lower() in ("and", "or")
            and kinds
            and i + 1 < len(words)
            and _is_kind_word(words[i + 1], frames, i + 1 == last, measures)
        ):
            continue
        if not _is_kind_word(word, frames, i == last, measures) or word in verbs:
            break
        kinds.append(word.lower())
    return kinds[::-1]


# How many words a place phrase may hold before its noun ("in the three hill villages").
_PLACE_PHRASE_WORDS = 4


def _in_place_phrase(words: list[str], at: int, frames: Frames) -> bool:
    """Whether the noun at ``at`` (of ``words``, read backwards from the figure) closes
    a phrase of place, time or agent ("the toll in the hill villages rose to 140",
    "deaths across the provinces reached 90", "the total reported by several regions
    rose to 90"): a preposition of frames.toml ``[noun_before] place_prepositions`` or
    ``agent_prepositions`` opens it within a few words, with no punctuation between.
    Such a noun says where or who, not what is counted. A determiner not right after
    such a preposition starts the noun's own phrase ("in the capital the death toll
    rose to 26": the toll is counted)."""
    window = words[at + 1 : at + 1 + _PLACE_PHRASE_WORDS]
    for i, word in enumerate(window):
        if word in frames.place_prepositions or word in frames.agent_prepositions:
            return True
        if not word[0].isalpha():
            return False
        if word in frames.determiners and not (
            i + 1 < len(window) and window[i + 1] in frames.place_prepositions
        ):
            return False
    return False


def _inherit_units(
    mentions: list[QuantityMention],
    sentence_of: list[int],
    predicates: list[str],
    frames: Frames,
    count_units: frozenset[str],
) -> list[QuantityMention]:
    """Give numbers with no unit the unit their predicate implies, or the count unit
    of the nearest figure of their sentence ("9,000 people, organisers said
    45,000")."""
    out = list(mentions)
    for i, mention in enumerate(mentions):
        if mention.quantity.unit or mention.quantity.relative:
            continue
        donors = [
            j
            for j, m in enumerate(mentions)
            if j != i
            and sentence_of[j] == sentence_of[i]
            and m.quantity.unit in count_units
        ]
        implied = frames.predicate_units.get(predicates[i], "")
        donor = (
            mentions[min(donors, key=lambda j: abs(mentions[j].start - mention.start))]
            if donors
            else None
        )
        if donor is not None and not implied:
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
    counts = Counter(_LONG_WORD_RE.findall(text.lower()))
    ranked = sorted(
        (
            (word, n)
            for word, n in counts.items()
            if n > 1 and word not in frames.stopwords
        ),
        key=lambda item: (-item[1], item[0]),
    )
    return tuple(word for word, _ in ranked[:k])


@lru_cache(maxsize=1)
def load_cities() -> frozenset[str]:
    """Names of the cities of scorer/data/cities.txt (GeoNames), lower-cased and
    without full stops ("st louis")."""
    text = (
        resources.files("scorer.data")
        .joinpath("cities.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower().replace(".", "")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


_MAX_CITY_WORDS = 3


@lru_cache(maxsize=1)
def _city_first_words() -> frozenset[str]:
    """The first word of each city's name: a run of capitals holding none names no
    city."""
    return frozenset(name.split()[0] for name in load_cities())


_PLACE_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_PLACE_POSSESSIVE_RE = re.compile(r"['’]s\b")
# A run of capitalised words: where a city's name may stand.
_CAPITAL_RUN_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
# How far back the words before a run are read (a preposition, "downtown").
_PLACE_LOOK_BACK = 40


def placed_cities(text: str, frames: Frames) -> list[str]:
    """The cities of the gazetteer that the text places something in, in order: a
    city after a preposition of place ("marched in Denver", "in downtown Denver") or
    before a local body ("Denver police"). A capital named as a government ("Paris
    objected") places nothing. Only runs of capitalised words are read, so a long
    text costs little."""
    cities = load_cities()
    firsts = _city_first_words()
    found = []
    for run in _CAPITAL_RUN_RE.finditer(text):
        words = _PLACE_POSSESSIVE_RE.sub("", run.group(0)).replace(".", "")
        lowered = words.lower().split()
        if len(lowered) == 1 and lowered[0] not in cities:
            continue  # most runs: one word, and no city
        if firsts.isdisjoint(lowered):
            continue
        before_run: list[str] | None = None
        after_run: str | None = None
        k = 0
        while k < len(lowered):
            n = next(
                (
                    n
                    for n in range(min(_MAX_CITY_WORDS, len(lowered) - k), 0, -1)
                    if " ".join(lowered[k : k + n]) in cities
                ),
                0,
            )
            if not n:
                k += 1
                continue
            # The words before the name, less modifiers ("downtown"): inside the run
            # first, then before it.
            back = k - 1
            while back >= 0 and lowered[back] in frames.city_modifiers:
                back -= 1
            if back >= 0:
                before = lowered[back]
            else:
                if before_run is None:
                    window = text[max(0, run.start() - _PLACE_LOOK_BACK) : run.start()]
                    before_run = [w.lower() for w in _PLACE_WORD_RE.findall(window)]
                rest = list(before_run)
                while rest and rest[-1] in frames.city_modifiers:
                    rest.pop()
                before = rest[-1] if rest else ""
            if k + n < len(lowered):
                after = lowered[k + n]
            else:
                if after_run is None:
                    following = _PLACE_WORD_RE.match(
                        text, len(text) - len(text[run.end() :].lstrip())
                    )
                    after_run = following.group(0).lower() if following else ""
                after = after_run
            if before in frames.place_prepositions or after in frames.local_bodies:
                found.append(" ".join(lowered[k : k + n]))
            k += n
    return found


def _hosting_pattern(verbs: list[str]) -> re.Pattern[str] | None:
    """A run of capitalised words, one of ``verbs`` and at most two more words, at the
    end of a text; None for no verbs."""
    if not verbs:
        return None
    alternatives = "|".join(re.escape(v.lower()) for v in verbs)
    return re.compile(
        r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+"
        rf"(?:{alternatives})\s+(?:[\w'’.-]+\s+){{0,2}}$"
    )


def hosting_city(before: str, frames: Frames) -> str:
    """The city hosting a figure ("Leeds had an estimated 8,000 marchers", "Leeds
    drew 6,000"): a city right before one of frames.toml's
    ``[city] host_verbs``, with at most two words between the verb and the figure
    (``before``: the text before the figure); "" otherwise."""
    if frames.hosting_re is None:
        return ""
    match = frames.hosting_re.search(before)
    if match is None:
        return ""
    words = _PLACE_POSSESSIVE_RE.sub("", match.group(1)).replace(".", "").lower()
    names = words.split()
    cities = load_cities()
    # The longest name ending right before the verb: "Salt Lake City", not "City".
    return next(
        (
            " ".join(names[k:])
            for k in range(len(names))
            if " ".join(names[k:]) in cities
        ),
        "",
    )


def _article_city(text: str, keywords: tuple[str, ...], frames: Frames) -> str:
    """The city an article reports from: the one it places things in most often, at
    least twice and more often than any other ("rallied in Denver", "Denver police
    said"), and whose name is among its ``keywords`` (its most frequent words); ""
    otherwise, as for a national story that names each city once."""
    if _city_key_words().isdisjoint(keywords):
        return ""  # no city among its most frequent words: no need to read it
    ranked = Counter(placed_cities(text, frames)).most_common(2)
    if not ranked or ranked[0][1] < 2:
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    city = ranked[0][0]
    return city if _key_word(city) in keywords else ""


def _key_word(city: str) -> str:
    """The word of a city's name that stands for it among an article's keywords: its
    longest ("angeles")."""
    return max(city.split(), key=len)


@lru_cache(maxsize=1)
def _city_key_words() -> frozenset[str]:
    return frozenset(_key_word(name) for name in load_cities())


def _publisher_link(doc: Document, registry: SourceRegistry) -> Link:
    """The publisher as a link, of kind primary when the registry knows it as one."""
    if doc.outlet and doc.outlet != "unknown":
        known = registry.resolve(doc.outlet)
        if known.kind in ("primary", "official"):
            return Link(doc.outlet, known.kind, "publisher")
    return Link(doc.outlet, "publisher", "publisher")


def _sentence_hedge(
    frame: _SentenceFrame,
    mentions: list[QuantityMention],
    sentence_of: list[int],
    position: int,
    s_start: int,
) -> str:
    """The first hedge cue of the claim's sentence that belongs to no other figure:
    "could" and "reportedly" hedge every figure of their sentence, but the "about"
    of "about 1,500 families" hedges that figure only."""
    index = sentence_of[position]
    others = [
        (m.start - s_start, m.end - s_start)
        for i, m in enumerate(mentions)
        if i != position and sentence_of[i] == index
    ]
    for start, end, _ in frame.hedges:
        if not any(a <= start and end <= b for a, b in others):
            return frame.text[start:end]
    return ""


def _with_publisher(attribution: Attribution, publisher: Link) -> Attribution:
    first = attribution.links[0]
    if first.name != publisher.name or first.kind == publisher.kind:
        return attribution
    return Attribution((publisher, *attribution.links[1:]))


@dataclass(frozen=True, slots=True)
class _SentenceFrame:
    """What the claims of one sentence read from it, found once per sentence: its
    hedge cue, predicate and scope phrases, dates, and the names that may be actors
    (before the filters that depend on the claim: distance and sources)."""

    text: str
    stripped: str
    hedges: list[tuple[int, int, str]]
    predicates: list[tuple[int, int, str]]
    scopes: list[tuple[int, int, str]]
    times: list[str]
    has_month: bool
    names: list[tuple[int, int, str, list[str]]]


def _read_sentence(sentence: str, frames: Frames) -> _SentenceFrame:
    words = _SentenceWords.of(sentence)
    # Where a phrase of any of the three lexicons may start: the indices of the words
    # in first_words (compress keeps the indices whose word is one).
    is_opener = map(frames.first_words.__contains__, words.words)
    openers = list(compress(count(), is_opener))
    hedges = _phrases(words, openers, frames.hedges)
    return _SentenceFrame(
        text=sentence,
        stripped=sentence.strip(),
        hedges=hedges,
        predicates=_phrases(words, openers, frames.predicates),
        scopes=[
            phrase
            for phrase in _phrases(words, openers, frames.scopes)
            if word_before(sentence, phrase[0]) not in frames.composition_words
        ]
        + _spans(sentence, frames),
        times=_times(sentence),
        has_month=_MONTH_NAME_RE.search(sentence) is not None,
        names=_names(sentence, frames),
    )


@dataclass(frozen=True, slots=True)
class _SentenceWords:
    """A sentence's words (_TOKEN_RE), lower-cased, and where each starts and ends:
    three lists of the same length."""

    words: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, sentence: str) -> _SentenceWords:
        """Splitting the lower-cased sentence on the word pattern gives gaps and words
        in turn, and their running lengths the spans; lower-casing first finds the
        same words unless it moves or makes a letter (only "İ" and the Kelvin sign
        do)."""
        if _CASE_SHIFTS.search(sentence):
            found = list(_TOKEN_RE.finditer(sentence))
            return cls(
                [m.group(0).lower() for m in found],
                [m.start() for m in found],
                [m.end() for m in found],
            )
        parts = _TOKEN_SPLIT_RE.split(sentence.lower())
        bounds = list(accumulate(map(len, parts), initial=0))
        return cls(parts[1::2], bounds[1:-1:2], bounds[2::2])


def _times(sentence: str) -> list[str]:
    """The dates and years of a sentence, as _TIME_RE finds them (each ends in a year
    starting "19" or "20": a sentence without either has none)."""
    if "19" not in sentence and "20" not in sentence:
        return []
    return [
        _SPACES_RE.sub(" ", m.group(0).lower()) for m in _TIME_RE.finditer(sentence)
    ]


def _phrases(
    words: _SentenceWords, openers: list[int], lexicon: Lexicon
) -> list[tuple[int, int, str]]:
    """The runs of words of a sentence that are phrases of a lexicon, with spans,
    looked up by first word (``openers``: the indices of the words that start a
    phrase of some lexicon) instead of one large alternation per lexicon (much
    faster in Python's re)."""
    found = []
    firsts = lexicon.firsts
    lowered, ends = words.words, words.ends
    for i in openers:
        word = lowered[i]
        longest = firsts.get(word)
        if longest is None:
            continue
        start = words.starts[i]
        phrase = word
        for j in range(i, min(i + longest, len(lowered))):
            if j > i:
                phrase = phrase + " " + lowered[j]
            if phrase in lexicon.phrases:
                found.append((start, ends[j], phrase))
    return found


def _predicate(
    frame: _SentenceFrame,
    start: int,
    end: int,
    frames: Frames,
    speech_verbs: frozenset[str] = frozenset(),
) -> str:
    """The predicate nearest the number, one in the number's own clause before one
    past a clause break ("held in 300 towns, with organisers claiming 90,000
    marchers": "held" is the towns' verb); a verb of change only if nothing
    else; at one distance, the longer phrase. A predicate before a clause break is
    none of a figure whose own clause has a verb of its own, a verb of speech
    (``speech_verbs``: "claiming")."""
    best: tuple[bool, bool, int, int, str] | None = None
    for p_start, p_end, phrase in frame.predicates:
        lemma = frames.predicate_of[phrase]
        distance = abs(start - p_end if p_end <= start else p_start - end)
        between = frame.text[p_end:start] if p_end <= start else frame.text[end:p_start]
        breaks = list(_PREDICATE_BREAK_RE.finditer(between))
        if breaks and p_end <= start and speech_verbs:
            own_clause = between[breaks[-1].end() :].lower()
            if not speech_verbs.isdisjoint(_CLAUSE_WORD_RE.findall(own_clause)):
                continue
        # At one distance the longer phrase wins: "damaged or destroyed" over
        # "destroyed".
        candidate = (
            lemma in frames.weak_predicates,
            bool(breaks),
            distance,
            p_start - p_end,
            lemma,
        )
        if best is None or candidate < best:
            best = candidate
    return best[4] if best else ""


_CLAUSE_WORD_RE = re.compile(r"[a-z]+")


# What stands between a share and the figure it is a share of: "64% of the 2,100".
_SHARE_OF_NEXT_RE = re.compile(r"\s+of\s+(?:the\s+|all\s+)?", re.IGNORECASE)


def _share_of_next(share: QuantityMention, figure: QuantityMention, text: str) -> bool:
    """Whether ``figure`` is what the share right before it is a share of."""
    return (
        share.quantity.unit == SHARE_UNIT
        and _SHARE_OF_NEXT_RE.fullmatch(text, share.end, figure.start) is not None
    )


def _scope_until(
    mentions: list[QuantityMention],
    i: int,
    sentence_of: list[int],
    text: str,
    sentence_start: int,
) -> int | None:
    """Where, in its sentence, the scope words of figure ``i`` end when a share takes
    those after it: the figure's end if it is what the share before it is of ("64% of
    the 2,100 deaths were uninsured"), the share's start if a share of it follows
    ("2,100 died, with 64% uninsured"); None otherwise."""
    figure = mentions[i]
    if i > 0 and _share_of_next(mentions[i - 1], figure, text):
        return figure.end - sentence_start
    if (
        i + 1 < len(mentions)
        and sentence_of[i + 1] == sentence_of[i]
        and mentions[i + 1].quantity.unit == SHARE_UNIT
        and figure.quantity.unit != SHARE_UNIT
    ):
        return mentions[i + 1].start - sentence_start
    return None


def _scope(
    frame: _SentenceFrame, start: int, end: int, until: int | None = None
) -> tuple[str, ...]:
    """The scope words within ``_SCOPE_WINDOW`` characters of the figure (none past
    ``until``: those of a share, :func:`_scope_until`), its sentence's time words and,
    where the sentence names one, the months near it."""
    low, high = start - _SCOPE_WINDOW, end + _SCOPE_WINDOW
    if until is not None:
        high = min(high, until)
    found = [
        phrase
        for p_start, p_end, phrase in frame.scopes
        if p_start >= low and p_end <= high
    ]
    found += frame.times
    if frame.has_month:
        window = frame.text[max(0, low) : high]
        found += [m.group(0).lower() for m in _MONTH_RE.finditer(window)]
    return tuple(dict.fromkeys(found))


def _names(sentence: str, frames: Frames) -> list[tuple[int, int, str, list[str]]]:
    """Capitalised runs of the sentence that can name an actor, with their spans,
    their lower-cased form and its words."""
    names = []
    # A name starting at or before ``opening`` has only quotes and the like before it.
    opening = len(sentence) - len(sentence.lstrip(_SENTENCE_OPENING))
    for match in _PROPER_RE.finditer(sentence):
        name = _POSSESSIVE_RE.sub("", match.group(0)).strip()
        if " " not in name and match.start() <= opening:
            continue  # a capital at the start of a sentence says nothing
        words = name.lower().split()
        while words and words[0] in frames.stopwords:
            words = words[1:]  # "In October", "On Friday", "The Vatican"
        lowered = " ".join(words)
        if not words or lowered in frames.stopwords or len(lowered) < 3:
            continue
        if len(words) > _MAX_NAME_WORDS:
            continue
        if _TIME_RE.fullmatch(name) or words[0] in _MONTH_WORDS:
            continue
        names.append((match.start(), match.end(), lowered, words))
    return names


def _mostly(words: list[str], sources: set[str], strictly: bool = False) -> bool:
    """Whether half the name's words (``strictly``: more than half) are a source's:
    the name is that source. A breakdown's part asks for more than half, so that
    "Ridge Fire" is not the source "Cal Fire"."""
    shared = sum(w in sources for w in words) * 2
    return shared > len(words) if strictly else shared >= len(words)


def _actors(
    frame: _SentenceFrame,
    start: int,
    end: int,
    sources: set[str],
    source_names: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Names in the sentence that are not its sources, nearest the number first. A
    name right before a source's name is that source's title or body ("Chicago Police
    Supt. Larry Snelling"), not an actor either."""
    actors = []
    for n_start, n_end, lowered, words in frame.names:
        if _mostly(words, sources):
            continue  # the source itself, not what the figure is about
        if source_names:
            rest = frame.text[n_end : n_end + _TITLE_GAP + _MAX_SOURCE_CHARS]
            holder = rest.lstrip(" .")
            if len(rest) - len(holder) <= _TITLE_GAP and holder.startswith(
                source_names
            ):
                continue
        distance = max(n_start - end, start - n_end, 0)
        if distance > _ACTOR_WINDOW:
            continue  # names further away describe the sentence's other figures
        actors.append((distance, lowered))
    return tuple(dict.fromkeys(name for _, name in sorted(actors)))


def _own_name(
    frame: _SentenceFrame, end: int, next_figure: int, sources: set[str]
) -> str:
    """The name a figure's own phrase leads to before the sentence's next figure
    (which starts at ``next_figure``): "eight from the Ridge Fire", "2,140
    structures were destroyed in the Ridge Fire and more than 1,000 in ..."; ""
    if none is that close, or a clause break comes first."""
    for n_start, n_end, lowered, words in frame.names:
        if not end <= n_start < next_figure:
            continue
        if _mostly(words, sources, strictly=True):
            continue
        gap = frame.text[end:n_start]
        if _SOURCE_LEAD_RE.search(gap) or (
            _BY_RE.search(gap) and _COUNTED_BY_RE.match(frame.text, n_end)
        ):
            return ""  # "15,000 according to the police": who said it, not a part
        if len(gap.split()) <= _OWN_NAME_WORDS and not _CLAUSE_BREAK_RE.search(gap):
            return lowered
        return ""
    return ""


# What parts the items of a list read as one name: "Ridge and Creek".
_NAME_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# What joins the items of a list: "A and B", "A, B and C", "A, B, and C", "A or B".
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")


def _parallel_name(
    frame: _SentenceFrame, start: int, end: int, sources: set[str]
) -> str:
    """The name a figure takes from a parallel list: "the Ridge and Creek fires were
    40% and 65% contained" (or "20% and 30%, respectively") gives the i-th
    figure of a list of figures the i-th name of the sentence's one list of as many
    names; "" if the figure is in no such list or the names are its sources."""
    figures = _list_around(_figure_lists(frame.text), start, end)
    if figures is None:
        return ""
    position, size = figures
    named = {
        (s, e): lowered
        for s, e, lowered, words in frame.names
        if not _mostly(words, sources, strictly=True)
    }
    # A list of names read as one name ("ridge and creek"), or names in a row.
    lists = [
        parts
        for lowered in named.values()
        if len(parts := _NAME_SPLIT_RE.split(lowered)) >= 2
    ]
    lists += [[named[span] for span in run] for run in _lists(frame.text, list(named))]
    matching = [items for items in lists if len(items) == size]
    if len(matching) != 1:
        return ""
    return matching[0][position]


@lru_cache(maxsize=256)
def _figure_lists(sentence: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The lists of figures of a sentence ("40% and 65%"), found once per sentence
    (every figure of a sentence asks)."""
    spans = [m.span() for m in _LIST_FIGURE_RE.finditer(sentence)]
    return tuple(tuple(run) for run in _lists(sentence, spans))


_LIST_FIGURE_RE = re.compile(r"(?<![\w.,])\$?\d[\d,.]*\s*(?:%|percent\b|per cent\b)?")


def _lists(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of spans joined as a list ("A and B", "A, B and C"), two or more long."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and _LIST_JOIN_RE.fullmatch(text[runs[-1][-1][1] : span[0]] + " "):
            runs[-1].append(span)
        else:
            runs.append([span])
    return [run for run in runs if len(run) >= 2]


def _list_around(
    runs: tuple[tuple[tuple[int, int], ...], ...], start: int, end: int
) -> tuple[int, int] | None:
    """Where the span inside ``start``-``end`` stands in its list (of ``runs``), and
    the list's length; None if it is in none."""
    for run in runs:
        for i, (s, _) in enumerate(run):
            if start <= s < end:
                return i, len(run)
    return None


def _breakdowns(
    claims: list[Claim], owns: list[str], sentence_of: list[int]
) -> list[Claim]:
    """A sentence that gives figures for two or more different names, each after
    its own figure ("eight from the Ridge Fire and 16 from the Creek Fire"), is
    a breakdown: each such figure is about its name first (``own_actor``; the other
    parts' names leave its actors), and a figure of the sentence that those parts add
    up to ("All 24 fatalities ..., with eight from ... and 16 from ...") is their
    total (``own_actor`` "(total)"), even when a name follows it too ("24 people in
    Los Angeles County, with eight from ..."). A name after one figure alone is no
    breakdown: it may be where the figure went ("5,000 workers to Russia") or the
    event itself. ``sentence_of``: each claim's sentence."""
    members_of: dict[int, list[int]] = {}
    for i, index in enumerate(sentence_of):
        members_of.setdefault(index, []).append(i)
    out = list(claims)
    for members in members_of.values():
        named = [i for i in members if owns[i]]
        if not named:
            continue
        total = _total_of(claims, named, members)
        parts = [i for i in named if i != total]
        names = {owns[i] for i in parts}
        if len(names) < 2:
            continue
        for i in parts:
            others = tuple(a for a in claims[i].actors if a not in names)
            out[i] = replace(claims[i], actors=(owns[i], *others), own_actor=owns[i])
        if total is not None:
            out[total] = replace(claims[total], own_actor=TOTAL_OF_PARTS)
    return out


def _subject_parts(
    claims: list[Claim],
    frames: list[_SentenceFrame],
    sentence_of: list[int],
    lexicon: Frames,
) -> list[Claim]:
    """Once a document has broken a figure down by names (:func:`_breakdowns`: "17 in
    the Ridge fire and 12 in the Creek fire"), a sentence that opens with one of those
    names as its subject is about that part: "The Ridge fire ... burned 9,000 acres"
    counts the Ridge fire's acres (``own_actor``), not the whole; so is the sentence
    right after it when it opens by referring back ("This blaze killed 12":
    ``[breakdown] back_subjects``). A sentence naming two of the parts speaks of more
    than one, and is left alone. ``frames`` and ``sentence_of``: each claim's
    sentence and its index."""
    parts = {
        c.own_actor for c in claims if c.own_actor and c.own_actor != TOTAL_OF_PARTS
    }
    if len(parts) < 2:
        return claims
    opening_part: dict[int, str] = {}  # sentence index -> the part it opens with
    for frame, index in zip(frames, sentence_of, strict=True):
        if index in opening_part:
            continue
        part = _opening_part(frame, parts)
        if (
            not part
            and lexicon.back_subject_re is not None
            and lexicon.back_subject_re.match(frame.text) is not None
        ):
            part = opening_part.get(index - 1, "")
        opening_part[index] = part
    out = list(claims)
    for i, claim in enumerate(claims):
        part = opening_part[sentence_of[i]]
        if part and not claim.own_actor:
            others = tuple(a for a in claim.actors if a != part)
            out[i] = replace(claim, actors=(part, *others), own_actor=part)
    return out


def _opening_part(frame: _SentenceFrame, parts: set[str]) -> str:
    """The part a sentence opens with as its subject, if it names no other part."""
    opening = len(frame.text) - len(frame.text.lstrip(_SENTENCE_OPENING))
    found = set()
    first = ""
    for n_start, _, _, words in frame.names:
        named = {p for p in parts if same_name(words, p.split())}
        if n_start <= opening and named:
            first = min(named)
        found |= named
    return first if len(found) == 1 else ""


def same_name(words: list[str], other: list[str]) -> bool:
    """Whether the words of one name are all words of the other ("Ridge" and "the
    Ridge Fire"): one name said shorter (grouping's name conflicts ask the same)."""
    mine, theirs = set(words), set(other)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _total_of(claims: list[Claim], named: list[int], members: list[int]) -> int | None:
    """Which figure of a sentence (``members``) the named figures other than itself
    add up to, in the same unit; None if none does."""
    unnamed = [i for i in members if i not in named]
    # A named figure is the total only when it comes before all the parts ("24 people
    # in Los Angeles County, with eight from ... and 16 from ..."): "eight from A,
    # eight from B and 16 from C" are three parts.
    leading = [i for i in named if all(i < j for j in named if j != i)]
    for candidate in unnamed + leading:
        q = claims[candidate].quantity
        parts = [i for i in named if i != candidate]
        if q.low is None or len(parts) < 2:
            continue
        lows = [claims[i].quantity.low for i in parts]
        if any(low is None for low in lows) or any(
            claims[i].quantity.unit != q.unit for i in parts
        ):
            continue
        whole = sum(lows)
        if abs(q.low - whole) <= _TOTAL_TOLERANCE * whole:
            return candidate
    return None


def _context(cache: dict[int, str], index: int, sentence: str, frames: Frames) -> str:
    """The sentence's content words, computed once per sentence of the document."""
    if index not in cache:
        cache[index] = " ".join(_content_words(sentence, frames))
    return cache[index]


def _content_words(sentence: str, frames: Frames) -> list[str]:
    # Lower-casing first finds the same words, unless it turns a character into an
    # ASCII letter or changes the text's length (only "İ" and the Kelvin sign do).
    if _CASE_SHIFTS.search(sentence):
        words = [m.group(0).lower() for m in _CONTENT_WORD_RE.finditer(sentence)]
    else:
        words = _CONTENT_WORD_RE.findall(sentence.lower())
    stopwords = frames.stopwords
    return [w for w in words if w not in stopwords]


def claims_to_rows(claims: list[Claim], first_id: int = 0) -> list[dict[str, Any]]:
    """Flatten claims into rows with the columns of ``scorer.model.CLAIM_COLUMNS``."""
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
                "own_actor": c.own_actor,
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
                "place": c.place,
                "cause": c.cause,
            }
        )
    return rows
