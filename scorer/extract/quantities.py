"""Extraction stage, first step: find the numeric quantities a text states.

A quantity is an interval ``[low, high]`` whose ends may be open, with a canonical unit.
Every word the parser knows (number words, magnitudes, currencies, units, counted
nouns, qualifier cues, month names, ...) comes from ``scorer/data/units.toml``; the code
holds only number grammar: digits, separators, ranges and how the parts combine.

How a number is read:

- ``"4,250"`` is 4250 and ``"4.250"`` is 4.25 (English conventions; a dot separates
  thousands only in ``"1.234.567"``). Magnitudes multiply: ``"$2.7bn"``, ``"40k"``,
  ``"half a million"``. In a range the second end's magnitude, currency and unit also
  apply to a first end that has none and is smaller: ``"13-17 thousand"`` is
  13,000-17,000, ``"$8bn-11bn"`` and ``"between $60 and $75 billion"`` likewise,
  while ``"between 850,000 and 1.4 million"`` keeps 850,000.
- Qualifiers: ``"more than / over / at least X"`` and ``"X or more"`` give ``low = X``,
  ``high = None`` (``at_least``); ``"up to / fewer than / nearly / almost X"`` give
  ``high = X`` only (``at_most``); ``"about / around / some / an estimated X"`` give
  ``low = high = X`` (``approx``). ``"as high as X"`` after a verb of reaching
  ("the mercury soared as high as 47C") is a measured value, not a bound. A bound in
  front of a list of counts ("at least 12 Kenyans, 40 Nigerians and 3 Britons")
  applies to every item.
- Shares spelled as fractions count as percent when followed by "of":
  ``"two-thirds of the voters"`` is 66.7 percent.
- Vague counts (``qualifier="range"``, ``hedge_cue="vague"``): "dozens" 24-99,
  "hundreds" 200-999, "thousands" 2,000-9,999, "millions" 2,000,000-9,999,999: the
  plural of a scale is at least two of it and fewer than the next scale (a dozen is 12,
  so "dozens" starts at 24). "tens of thousands" 20,000-99,999 and "hundreds of
  thousands" 200,000-999,999: the multiple's range times the scale, up to just below
  the next multiple; "a few thousand" (2,000-5,999) and "several hundred" (300-999) the
  same way from the quantifier's range. The ranges are data (``[vague]``).
- Relative claims ("doubled", "quadruple the number", "three times as many") have the
  factor as value, unit ``"factor"`` and ``relative=True``.

Not returned: dates and years, clock times, ordinals, footnote markers, ages, phone
numbers and ids, page furniture ("0 Comments"), durations ("9 days", "six-week"),
ranks and labels ("top three", "Category 5", "Channel 4"), numbers inside words, model
names and URLs ("F-35", "Covid-19", "G7"), and unit conversions in brackets right after
a quantity ("45C (113F)").
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scorer.errors import ConfigError
from scorer.model import VAGUE_CUE, Quantity

_SP = r"[ \t\u00a0]"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_HYPHENS = "-\u2010\u2011"
_WORD_CHARS = r"[^\W\d_][\w'’\-\u2010\u2011]*"
# How far back a qualifier may start, and how many words may precede a counted noun.
_CUE_WINDOW = 48
_NOUN_WINDOW = 5
_LOOKAHEAD_WORDS = 8
# Canonical units the grammar itself produces: "64%", "two-thirds of", "three times".
_PERCENT = "percent"
_FACTOR = "factor"
# ASCII word boundaries are enough for English number grammar and make scanning faster.
_FLAGS = re.IGNORECASE | re.ASCII


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """One number expression in a text.

    ``text[start:end]`` covers the qualifier words, the number, its magnitude and unit,
    and the counted noun when it follows; it equals ``quantity.surface``.
    """

    start: int
    end: int
    quantity: Quantity
    noun: str = ""
    noun_surface: str = ""
    hedge_cue: str = ""


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The regular expressions built from a lexicon, compiled once."""

    master: re.Pattern[str]
    places: re.Pattern[str]
    value: re.Pattern[str]
    cue_before: re.Pattern[str]
    scope_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    attached: re.Pattern[str]
    unit_word: re.Pattern[str]
    rate: re.Pattern[str]
    rate_number: re.Pattern[str]
    compound_duration: re.Pattern[str]
    times: re.Pattern[str]
    ranking_after: re.Pattern[str]
    of_word: re.Pattern[str]
    fuzzy_word: re.Pattern[str]


@dataclass(frozen=True, slots=True, eq=False)
class UnitLexicon:
    """Vocabulary of quantities, from ``units.toml`` and the user's additions.

    Attributes
    ----------
    nouns
        Counted-noun synonym (lower case, words joined by one space) -> canonical noun.
    noun_units
        Canonical noun -> unit (``"troops"``, ``"people"``, ``"structures"``, ...).
    units
        Measurement unit word -> canonical unit (``"sq miles"`` -> ``square_miles``).
    attached_units
        Case-sensitive suffix written right after the digits -> unit (``"C"``, ``"%"``).
    dimensions
        Unit -> what it measures; currencies measure ``"money"``.
    currency_symbols, currency_codes, currency_words
        Marks before the number, ISO codes and words after it -> currency code.
    magnitude_symbols
        Letters that mark a currency before the number only where a magnitude follows
        (``"P2.3 billion"``, ``"R5bn"``); alone they are too often something else.
    magnitudes, magnitude_suffixes
        Magnitude words (``"million"``, ``"bn"``) and suffixes (``"k"``) -> factor.
    data
        The merged TOML tables, for the sections without an attribute of their own.
    """

    nouns: Mapping[str, str]
    noun_units: Mapping[str, str]
    units: Mapping[str, str]
    attached_units: Mapping[str, str]
    dimensions: Mapping[str, str]
    currency_symbols: Mapping[str, str]
    currency_codes: Mapping[str, str]
    currency_words: Mapping[str, str]
    magnitude_symbols: Mapping[str, str]
    magnitudes: Mapping[str, float]
    magnitude_suffixes: Mapping[str, float]
    data: Mapping[str, Any] = field(repr=False)
    _derived: _Derived = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class _Derived:
    """Lookup tables and patterns derived from a lexicon's data."""

    grammar: _Grammar
    number_values: Mapping[str, float]
    hundred: Mapping[str, float]
    scales: Mapping[str, float]
    multipliers: Mapping[str, float]
    fractions: Mapping[str, float]
    articles: frozenset[str]
    lone_minimum: float
    determiner_maximum: float
    nouns_by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    demonym_words: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    demonym_min: int
    not_counted: frozenset[str]
    skippable: frozenset[str]
    function_words: frozenset[str]
    durations: Mapping[str, str]
    furniture: frozenset[str]
    rank_before: frozenset[str]
    determiners: frozenset[str]
    age_before: frozenset[str]
    age_after: frozenset[str]
    age_nouns: frozenset[str]
    age_bounds: frozenset[str]
    scope_last_words: frozenset[str]
    cue_qualifier: Mapping[str, str]
    cue_last_words: frozenset[str]
    after_qualifier: Mapping[str, str]
    hedges: frozenset[str]
    peak_cues: frozenset[str]
    verb_cues: frozenset[str]
    peak_verbs: frozenset[str]
    change_words: frozenset[str]
    relative_factors: Mapping[str, float]
    vague_counts: Mapping[str, tuple[float, float]]
    vague_multiples: Mapping[str, tuple[float, float]]
    vague_quantifiers: Mapping[str, tuple[float, float]]
    need_magnitude: Mapping[str, str]
    ambiguous_suffixes: Mapping[str, str]
    signed_units: frozenset[str]
    minus_words: frozenset[str]
    year_range: tuple[int, int]
    year_before: frozenset[str]
    units_before: Mapping[str, str]
    id_min_digits: int
    demonym_unit: str
    rate_blockers: tuple[str, ...]
    plural_endings: tuple[str, ...]
    not_plural_endings: tuple[str, ...]
    not_noun_endings: tuple[str, ...]
    verb_endings: tuple[str, ...]
    fuzzy_min: int
    fuzzy_targets: tuple[tuple[str, float], ...]


# --------------------------------------------------------------------------- loading


def load_unit_lexicon(extra_file: str | Path | None = None) -> UnitLexicon:
    """Load the packaged unit lexicon, with a user file merged on top.

    Parameters
    ----------
    extra_file
        A TOML file of the same shape as ``scorer/data/units.toml``: its tables are
        merged key by key, its lists are added to the packaged ones, its scalars
        replace them.

    Returns
    -------
    UnitLexicon
        Cached: the same object for the same file name.

    Raises
    ------
    ConfigError
        When the file cannot be read or is not valid TOML.
    """
    return _load_cached(str(extra_file) if extra_file else None)


@lru_cache(maxsize=16)
def _load_cached(extra_file: str | None) -> UnitLexicon:
    data = _packaged_data()
    if extra_file:
        path = Path(extra_file)
        try:
            extra = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(
                [f"{path}: cannot read unit lexicon ({exc.strerror})"]
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{path}: invalid TOML ({exc})"]) from exc
        data = _merge(data, extra)
    try:
        return _build_lexicon(data)
    except (KeyError, TypeError, ValueError) as exc:
        where = extra_file or "scorer/data/units.toml"
        raise ConfigError([f"{where}: malformed unit lexicon ({exc!r})"]) from exc


@lru_cache(maxsize=1)
def _packaged_data() -> dict[str, Any]:
    text = (
        resources.files("scorer.data")
        .joinpath("units.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        else:
            merged[key] = value
    return merged


def _lower_map(table: Mapping[str, Any]) -> dict[str, Any]:
    return {_norm(k): v for k, v in table.items()}


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _floats(table: Mapping[str, Any]) -> Mapping[str, float]:
    return MappingProxyType({_norm(k): float(v) for k, v in table.items()})


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(_norm(w) for w in items)


def _pairs(table: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    return {_norm(k): (float(v[0]), float(v[1])) for k, v in table.items()}


def _build_lexicon(data: dict[str, Any]) -> UnitLexicon:
    numbers = data["numbers"]
    mags = data["magnitudes"]
    cur = data["currencies"]
    units = data["units"]
    nouns: dict[str, str] = {}
    noun_units: dict[str, str] = {}
    for canonical, spec in data["nouns"].items():
        noun_units[canonical] = spec["unit"]
        for synonym in spec["synonyms"]:
            nouns.setdefault(_norm(synonym), canonical)
    dimensions = dict(units.get("dimensions", {}))
    currency_codes = dict(cur["codes"])
    magnitude_symbols = dict(cur.get("magnitude_symbols", {}))
    for code in [
        *cur["symbols"].values(),
        *magnitude_symbols.values(),
        *currency_codes.values(),
        *cur["words"].values(),
    ]:
        dimensions.setdefault(code, "money")
    lexicon_parts = {
        "nouns": MappingProxyType(nouns),
        "noun_units": MappingProxyType(noun_units),
        "units": MappingProxyType(_lower_map(units["words"])),
        "attached_units": MappingProxyType(dict(units["attached"])),
        "dimensions": MappingProxyType(dimensions),
        "currency_symbols": MappingProxyType(dict(cur["symbols"])),
        "currency_codes": MappingProxyType(currency_codes),
        "currency_words": MappingProxyType(_lower_map(cur["words"])),
        "magnitude_symbols": MappingProxyType(magnitude_symbols),
        "magnitudes": _floats(mags["words"]),
        "magnitude_suffixes": _floats(mags["suffixes"]),
    }
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for synonym in nouns:
        words = tuple(synonym.split())
        by_first.setdefault(words[0], []).append(words)
    quals = data["qualifiers"]
    rel = data["relative"]
    vague = data["vague"]
    derived_tables = {
        "number_values": _floats({**numbers["units"], **numbers["tens"]}),
        "hundred": _floats(numbers["hundred"]),
        "scales": _floats(numbers["scales"]),
        "multipliers": _floats(numbers["multipliers"]),
        "fractions": _floats(numbers["fractions"]),
        "articles": _words(numbers["articles"]),
        "lone_minimum": float(numbers["lone_minimum"]),
        "determiner_maximum": float(numbers["determiner_maximum"]),
        "nouns_by_first": MappingProxyType(
            {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
        ),
        "demonym_words": frozenset(data["demonyms"]["words"]),
        "demonym_suffixes": tuple(data["demonyms"]["suffixes"]),
        "demonym_min": int(data["demonyms"]["minimum_length"]),
        "not_counted": _words(data["nouns_not_counted"]["words"]),
        "skippable": _words(data["nouns_not_counted"]["skippable"]),
        "function_words": _words(data["words"]["function"]),
        "durations": MappingProxyType(_lower_map(data["durations"]["words"])),
        "furniture": _words(data["furniture"]["nouns"]),
        "rank_before": _words(data["rankings"]["before"]),
        "determiners": _words(data["rankings"]["determiners"]),
        "age_before": _words(data["ages"]["before"]),
        "age_after": _words(data["ages"]["after"]),
        "age_nouns": _words(data["ages"].get("bounded_nouns", [])),
        "age_bounds": _words(data["ages"].get("bounds", [])),
        "scope_last_words": frozenset(_norm(c).split()[-1] for c in quals["scope"]),
        "cue_qualifier": MappingProxyType(_lower_map(quals["before"])),
        "cue_last_words": frozenset(_norm(c).split()[-1] for c in quals["before"]),
        "after_qualifier": MappingProxyType(_lower_map(quals["after"])),
        "hedges": _words(quals["hedges"]),
        "peak_cues": _words(quals["peak_cues"]),
        "verb_cues": _words(quals.get("verb_cues", [])),
        "peak_verbs": _words(quals["peak_verbs"]),
        "change_words": _words(quals["change_words"]),
        "relative_factors": _floats({**rel["verbs"], **rel["words"]}),
        "vague_counts": MappingProxyType(_pairs(vague["counts"])),
        "vague_multiples": MappingProxyType(_pairs(vague["multiples"])),
        "vague_quantifiers": MappingProxyType(_pairs(vague["quantifiers"])),
        "need_magnitude": MappingProxyType(_lower_map(cur["need_magnitude"])),
        "ambiguous_suffixes": MappingProxyType(_lower_map(mags["ambiguous_suffixes"])),
        "signed_units": frozenset(units["signed"]),
        "minus_words": _words(units["minus_words"]),
        "year_range": (
            int(data["dates"]["year_range"][0]),
            int(data["dates"]["year_range"][1]),
        ),
        "year_before": _words(data["dates"].get("year_before", [])),
        "units_before": MappingProxyType(_lower_map(units.get("before", {}))),
        "id_min_digits": int(data["dates"]["id_min_digits"]),
        "demonym_unit": str(data["demonyms"]["unit"]),
        "rate_blockers": tuple(units["rate_blockers"]),
        "plural_endings": tuple(data["words"]["plural_endings"]),
        "not_plural_endings": tuple(data["words"]["not_plural_endings"]),
        "not_noun_endings": tuple(data["words"]["not_noun_endings"]),
        "verb_endings": tuple(data["words"]["verb_endings"]),
        "fuzzy_min": int(mags["fuzzy_min_length"]),
        "fuzzy_targets": tuple(
            (_norm(w), float(f))
            for w, f in mags["words"].items()
            if len(w) >= int(mags["fuzzy_min_length"])
        ),
    }
    grammar = _build_grammar(data, lexicon_parts, derived_tables)
    derived = _Derived(grammar=grammar, **derived_tables)
    return UnitLexicon(**lexicon_parts, data=MappingProxyType(data), _derived=derived)


# --------------------------------------------------------------------------- grammar


def _alt(phrases: Iterable[str], word: bool = True, opening: bool = True) -> str:
    """A regex matching any of the phrases, longest first, built as a trie.

    A trie rejects a non-matching position after a character or two, where a flat
    alternation would try every phrase. Spaces match any run of spaces; with ``word``
    a phrase that starts or ends with a letter or digit must do so at a word boundary
    (except at its start with ``opening=False``, for a caller that has checked that:
    the regex engine rules out a branch that opens with a plain character without
    entering it, but enters every branch that opens with a boundary).
    """
    root: dict[str, Any] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"

    def emit(node: dict[str, Any], last: str) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = f"{_SP}+" if ch == " " else re.escape(ch)
            if not last and word and opening and ch.isalnum():
                piece = r"\b" + piece
            branches.append(piece + emit(node[ch], ch))
        if "" in node:
            branches.append(r"\b" if word and last.isalnum() else "")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return "(?:" + emit(root, "") + ")"


def _build_grammar(
    data: Mapping[str, Any], lex: Mapping[str, Any], der: Mapping[str, Any]
) -> _Grammar:
    numbers = data["numbers"]
    units_words = [*numbers["units"], *numbers["tens"]]
    hundred = list(numbers["hundred"])
    scales = list(numbers["scales"])
    mults = list(numbers["multipliers"])
    fracs = list(numbers["fractions"])
    articles = list(numbers["articles"])
    big = _alt([*hundred, *scales, *mults, *fracs])
    article = rf"{_alt(articles)}(?={_SP}+{big})"
    token = _alt([*units_words, *hundred, *scales, *mults, *fracs])
    head = _alt([*units_words, *[f for f in fracs if der["fractions"][f] == 2]])
    sep = rf"(?:{_SP}+|[{_HYPHENS}])"
    and_ = rf"{_SP}+and{_SP}+"
    half_words = _alt([f for f in fracs if der["fractions"][f] == 2])
    # "a quarter of a million", "three quarters of a billion": a fraction of a scale.
    of_scale = rf"{_SP}+of{_SP}+(?={_alt(articles)}{_SP}+{_alt(scales)})"
    after_fraction = "(?:" + "|".join(f"(?<={re.escape(f)})" for f in fracs) + ")"
    num_words = (
        rf"(?:{head}|{article})"
        rf"(?:(?:(?<={hundred[0] if hundred else 'hundred'}){and_}"
        rf"|{and_}(?={_alt(articles)}{_SP}+{half_words})"
        rf"|{after_fraction}{of_scale}|{sep})(?:{token}|{article}))*"
    )
    # Thousands separated by commas, by thin or no-break spaces, or (only with two
    # groups or more) by dots; otherwise a dot is a decimal point.
    # A decimal comma before a magnitude: "1,2 million" is 1.2 million, not 12 million.
    decimal_comma = (
        rf"\d{{1,3}},\d{{1,2}}(?={_SP}?{_alt(lex['magnitudes'], word=False)}\b)"
    )
    digits = (
        rf"(?>{decimal_comma}|"
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
        r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?!\d)"
        r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
        r"|\d+(?:\.\d+)?(?!\d)|\.\d+(?!\d))"
    )
    symbols = _alt(lex["currency_symbols"], word=False)
    codes = (
        "(?-i:" + "|".join(sorted(lex["currency_codes"], key=len, reverse=True)) + ")"
    )
    # No leading word boundary: "$3.5bn" writes the magnitude right after the digits.
    mag_words = _alt(lex["magnitudes"], word=False) + r"\b"
    mag_suffixes = (
        "(?:" + "|".join(re.escape(s) for s in lex["magnitude_suffixes"]) + ")"
    )
    currency = rf"(?:{symbols}|{codes}(?={_SP}?\d))"
    if lex["magnitude_symbols"]:
        letters = "|".join(
            re.escape(m) for m in sorted(lex["magnitude_symbols"], key=len)[::-1]
        )
        magnitude_follows = (
            rf"(?=\d[\d.,]*(?:{_SP}?{mag_words}|{mag_suffixes}(?![\w])))"
        )
        currency = (
            rf"(?:{symbols}|{codes}(?={_SP}?\d)|(?-i:{letters}){magnitude_follows})"
        )
    attached_alt = _alt(lex["attached_units"], word=False)
    end = rf"(?:(?![\w@])|(?=(?-i:{attached_alt})(?![A-Za-z0-9])))"

    # "1.5 lakh crore" stacks two magnitudes.
    stacked_mags = f"{mag_words}(?:{_SP}+{mag_words})?"

    def value(named: bool) -> str:
        def g(name: str, body: str) -> str:
            return f"(?P<{name}>{body})" if named else f"(?:{body})"

        return (
            rf"(?:{g('cur', currency)}{_SP}?)?"
            rf"(?:{g('digits', digits)}|{g('words', num_words)})"
            rf"(?:{_SP}?[{_HYPHENS}]?{_SP}?{g('magw', stacked_mags)}"
            rf"|{g('mags', mag_suffixes)}(?![\w]))?"
            rf"{g('pct', f'{_SP}?%')}?{end}"
        )

    marks = re.escape(
        "".join(
            sorted({s[0] for s in lex["currency_symbols"]} - set(string.ascii_letters))
        )
    )
    # A number does not start inside a word, a decimal, a URL or a code ("F-16").
    start = rf"(?<![\w.,/@#&=+{marks}])(?<!\w[-\u2010\u2011\u2013])"
    value_head = start + value(False)
    value_tail = value(False)
    dash = f"[{_DASHES}]"
    vague = data["vague"]
    rel = data["relative"]
    months = (
        "(?-i:" + "|".join(sorted(data["dates"]["months"], key=len, reverse=True)) + ")"
    )
    # A range runs on into no dash, and a range of days into no month: "between 9
    # and 20 July" is a date ("300 to 400 May Day marchers" is not).
    day_month = rf"{_SP}+{months}\b"
    range_cont = (
        rf"(?!{_SP}?{dash}{_SP}?(?:{currency})?\d)"
        rf"(?!(?<=[^\d.,]\d){day_month})(?!(?<=[^\d.,]\d\d){day_month})"
    )
    day = r"\d{1,2}(?:st|nd|rd|th)?(?!\d|,\d{3})"
    share = rf"[\d.,]+(?:{_SP}?%)?"
    interval = rf"{share}{_SP}*(?:[{_DASHES}]|to|and){_SP}*{share}"
    streets = data.get("addresses", {}).get("street_words", [])
    # A house number before a capitalised street name: "10 Downing Street".
    address = (
        [
            rf"\b\d{{1,5}}[A-Za-z]?(?=(?-i:(?:{_SP}+[A-Z][\w'’.-]*){{1,3}}"
            rf"{_SP}+{_alt(streets)}))"
        ]
        if streets
        else []
    )
    skip = "|".join(
        [
            r"https?://\S+|www\.\S+",
            # Phone numbers: three digit groups or more ("+44 20 7946 0958").
            r"(?:\+|\b)\d{1,5}(?:[ -]\d{2,4}){2,}\b|\+\d[\d -]{6,}\d",
            r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b",
            r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
            r"\b\d{1,2}/\d{1,2}\b(?!/)",
            rf"\b{months}\.?{_SP}+{day}\b(?:{_SP}*[{_DASHES}]{_SP}*{day}\b)?"
            rf"(?:,?{_SP}+\d{{4}}\b)?",
            rf"\b{day}(?:(?:{_SP}*[{_DASHES}]{_SP}*|{_SP}+(?:and|to){_SP}+){day})?"
            rf"{_SP}+(?:of{_SP}+)?{months}\b\.?"
            rf"(?:,?{_SP}+\d{{4}}\b)?",
            rf"\b{months}\.?,?{_SP}+\d{{4}}\b",
            rf"\b\d{{1,2}}(?::\d{{2}}){{1,2}}(?:{_SP}*(?:a\.m\.|p\.m\.|am\b|pm\b))?",
            rf"\b\d{{1,2}}{_SP}*(?:a\.m\.|p\.m\.|am\b|pm\b)",
            r"\b\d+(?:st|nd|rd|th)\b",
            r"\[\d+(?:[,\u2013-]\s?\d+)*\]",
            r"\b\d{4}s\b|['’]\d0s\b|\b\d0s\b",
            rf"(?m:^){_SP}*\d{{1,2}}[.)](?={_SP})",
            # A phone number with its area code in brackets: "(086) 211-3456".
            rf"(?<=\()\d{{2,5}}\){_SP}?\d{{2,4}}[{_HYPHENS} .]\d{{3,5}}\b",
            # Financial years: "2025-26", "2024/25".
            r"\b(?:1[5-9]|20)\d\d[-/\u2013]\d\d\b(?![-/.,]?\d)",
            # Subsections: "Section 12(3)", "rule 4(b)(ii)".
            r"\b\d+[a-z]?(?:\([0-9a-z]{1,4}\))+",
            # A confidence level and the interval it qualifies: "95% CI 48-70%".
            rf"\b\d\d(?:\.\d+)?{_SP}?(?:%|percent|per{_SP}cent){_SP}+"
            rf"(?:(?-i:CI\b|C\.I\.)|(?:confidence|credible|uncertainty)"
            rf"(?:{_SP}+(?:interval|level|range))?)"
            rf"(?:{_SP}*[:,]?{_SP}*(?:of|was|is|from)?{_SP}*{interval})?",
            # An exchange rate in brackets: "($1 = 84.2000 Indian rupees)".
            rf"(?<=\(){_SP}*(?:{currency}){_SP}?1(?:\.0+)?{_SP}*={_SP}*[^)\n]{{1,60}}",
            *address,
        ]
    )
    scale_plurals = [f"{s}s" for s in [*hundred, *scales, *mults]]
    vague_re = (
        rf"{_alt(vague['multiples'])}{_SP}+of{_SP}+{_alt(scale_plurals)}"
        rf"|{_alt(vague['quantifiers'])}{_SP}+{_alt([*hundred, *scales, *mults])}"
        rf"|{_alt(vague['counts'])}"
    )
    relative_re = (
        rf"{_alt(rel['verbs'])}"
        rf"|{_alt(rel['words'])}(?={_SP}+{_alt(rel['followers'])})"
        rf"|\b(?:{_alt(units_words, word=False)}|\d+){_SP}?[{_HYPHENS}]?"
        rf"{_alt(rel['fold'], word=False)}\b"
    )
    # Every alternative starts with a digit, a currency mark, a bracket or one of a few
    # hundred words; checking that first through a trie makes the scan much faster.
    starters = [
        "http",
        "www",
        "between",
        "from",
        *data["dates"]["months"],
        *lex["currency_codes"],
        *[s for s in lex["currency_symbols"] if s[0].isalpha()],
        *lex["magnitude_symbols"],
        *units_words,
        *articles,
        *fracs,
        *vague["multiples"],
        *vague["quantifiers"],
        *vague["counts"],
        *rel["verbs"],
        *rel["words"],
        *[f"{u}{f}" for u in units_words for f in rel["fold"]],
    ]
    first_words = {w.split()[0].lower() for w in starters}
    # Letters written onto the digits ("Rs500", "KSh2 billion") end no word before
    # them: found by what follows them, a digit.
    lettered = {
        s.lower()
        for s in (*lex["currency_symbols"], *lex["magnitude_symbols"])
        if s[0].isalpha()
    }
    lettered_alt = rf"{_alt(lettered, word=False)}{_SP}?\d" if lettered else "(?!)"
    fast = (
        rf"(?:(?<!\w)(?=\d|[{marks}]|{_alt(first_words)}|{lettered_alt})"
        rf"|(?=\[\d)|(?m:^)(?={_SP}*\d))"
    )
    # Where `fast` holds, found faster: a character that is no word character (which
    # the search skips to in C) and what follows it, matched case-sensitively in the
    # lower-cased text. An article alone starts no number: "a" is kept only before a
    # word that makes it one ("a hundred", "a few").
    article_words = {_norm(a) for a in articles}
    place_words = {w for w in first_words if w not in article_words}
    for phrase in starters:
        words = phrase.lower().split()
        if words[0] in article_words and len(words) > 1:
            place_words.add(" ".join(words[:2]))
    place_words.update(
        f"{a} {b.lower()}"
        for a in article_words
        for b in [*hundred, *scales, *mults, *fracs]
    )
    place_alt = _alt(place_words, opening=False)
    places = re.compile(
        rf"[^\w](?=\d|[{marks}]|{place_alt}|{lettered_alt}|{_SP}+\d)", re.ASCII
    )
    master = re.compile(
        rf"{fast}(?:(?P<skip>{skip})"
        rf"|(?P<between>\bbetween{_SP}+)(?P<b1>{value_tail})"
        rf"{_SP}*(?:and|to|{dash}){_SP}*(?P<b2>{value_tail}){range_cont}"
        rf"|(?P<from>\bfrom{_SP}+)?(?P<r1>{value_head})"
        rf"(?P<conn>{_SP}?{dash}{_SP}?(?=\d|[{marks}]|[A-Z]{{1,3}}\$)"
        rf"|{_SP}+(?:to|or){_SP}+)(?P<r2>{value_tail}){range_cont}"
        rf"|(?P<p1>{value_head}){_SP}+(?:in|out{_SP}+of){_SP}+(?P<p2>{value_tail})"
        rf"|(?P<vague>{vague_re})"
        rf"|(?P<rel>{relative_re})"
        rf"|(?P<v>{value_head}))",
        _FLAGS,
    )
    quals = data["qualifiers"]
    cue_before = re.compile(
        rf"(?<![\w])(?:(?P<pre>{_alt(quals['premodifiers'])}){_SP}+)?"
        rf"(?P<cue>{_alt(quals['before'])}){_SP}*$",
        _FLAGS,
    )
    scope_before = re.compile(
        rf"(?<![\w]){_alt(quals['scope'])}{_SP}*$",
        _FLAGS,
    )
    cue_after = re.compile(
        rf"(?:[{_HYPHENS}]|{_SP}*)(?P<cue>{_alt(quals['after'])})(?![\w])"
        rf"(?!{_SP}+than\b)",
        _FLAGS,
    )
    unit_phrases = [
        *lex["units"],
        *lex["currency_words"],
        *der["need_magnitude"],
    ]
    unit_word = re.compile(
        rf"(?:{_SP}*|[{_HYPHENS}])(?P<u>{_alt(unit_phrases)}|{codes}\b)(?![\w])",
        _FLAGS,
    )
    attached = re.compile(rf"(?P<u>{attached_alt})(?![A-Za-z0-9])")
    rate_targets = [*lex["units"], *der["durations"]]
    rate = re.compile(
        rf"{_SP}+{_alt(data['units']['rate_words'])}{_SP}+"
        rf"(?P<u>{_alt(rate_targets)})(?!{_SP}+{_alt(der['rate_blockers'])})",
        _FLAGS,
    )
    # A rate over a number of people: "12.4 per 100,000 people", "3 in every 1,000".
    rate_number = re.compile(
        rf"{_SP}+(?:per|in{_SP}+every|for{_SP}+every){_SP}+"
        r"(?:(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.])"
        rf"(?:{_SP}?(?P<m>{mag_words}))?|(?:(?:a|one){_SP}+)?(?P<w>{mag_words}))"
        rf"(?:{_SP}+{_alt(data['units'].get('rate_populations', []))})?",
        _FLAGS,
    )
    compound_duration = re.compile(
        rf"[{_HYPHENS}]{_SP}?{_alt(der['durations'])}", _FLAGS
    )
    times = re.compile(
        rf"{_SP}+{_alt(rel['times'])}(?={_SP}+{_alt(rel['times_followers'])})",
        _FLAGS,
    )
    # Misspelt magnitudes start like a real one and are long enough to tell apart.
    fuzzy_initials = "".join(sorted({w[0] for w, _ in der["fuzzy_targets"]})) or "?"
    fuzzy_rest = f"{max(1, der['fuzzy_min'] - 1)},"
    ranking_after = re.compile(rf"{_SP}+{_alt(data['rankings']['after'])}", _FLAGS)
    return _Grammar(
        master=master,
        places=places,
        value=re.compile(value(True), _FLAGS),
        cue_before=cue_before,
        scope_before=scope_before,
        cue_after=cue_after,
        attached=attached,
        unit_word=unit_word,
        rate=rate,
        rate_number=rate_number,
        compound_duration=compound_duration,
        times=times,
        ranking_after=ranking_after,
        of_word=re.compile(rf"{_SP}+of(?={_SP})", _FLAGS),
        fuzzy_word=re.compile(
            rf"{_SP}?[{_HYPHENS}]?{_SP}?(?P<w>[{fuzzy_initials}][a-z]{{{fuzzy_rest}}})\b",
            re.IGNORECASE,
        ),
    )


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Value:
    """One parsed number: where it is, its value and what was written with it."""

    start: int
    end: int
    number: float
    raw: float
    currency: str
    magnitude: float
    suffix: str
    percent: bool
    plain: bool
    digits: str
    word: bool
    fraction: bool


@dataclass(slots=True)
class _Reading:
    """A mention being built; turned into a QuantityMention at the end."""

    start: int
    end: int
    low: float | None
    high: float | None
    unit: str = ""
    qualifier: str = "exact"
    noun: str = ""
    noun_surface: str = ""
    hedge_cue: str = ""
    relative: bool = False
    cue: str = ""
    known_noun: bool = False
    dimension: str = ""


def find_quantities(
    text: str, lexicon: UnitLexicon | None = None
) -> list[QuantityMention]:
    """Find every numeric claim-like quantity in a text.

    Parameters
    ----------
    text
        Any text; cleaned article text gives the best results.
    lexicon
        Vocabulary to read with; the packaged one when omitted.

    Returns
    -------
    list of QuantityMention
        In text order, non-overlapping, each with ``text[start:end] ==
        quantity.surface``. Dates, times, ordinals, ages, durations, footnote markers,
        ids, ranks and page furniture are left out.
    """
    if not isinstance(text, str) or not text:
        return []
    lex = lexicon or load_unit_lexicon()
    der = lex._derived
    readings: list[_Reading] = []
    for match in _scan(text, der.grammar):
        if match.lastgroup == "skip":
            continue
        readings.extend(_read_match(text, match, lex))
    readings.sort(key=lambda r: (r.start, -r.end))
    readings = _drop_conversions(text, readings)
    _spread_list_bounds(text, readings, der)
    _mark_steps(text, readings, der)
    mentions = []
    last_end = 0
    for r in readings:
        if r.start < last_end or r.end <= r.start:
            continue
        surface = text[r.start : r.end]
        quantity = Quantity(
            low=r.low,
            high=r.high,
            unit=r.unit,
            qualifier=r.qualifier,
            surface=surface,
            relative=r.relative,
        )
        mentions.append(
            QuantityMention(
                start=r.start,
                end=r.end,
                quantity=quantity,
                noun=r.noun,
                noun_surface=r.noun_surface,
                hedge_cue=r.hedge_cue,
            )
        )
        last_end = r.end
    return mentions


def _scan(text: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """The matches of ``g.master`` in the text, as ``g.master.finditer`` gives them.

    The master pattern is tried only where it can start: at the start of the text, and
    at and after each place ``g.places`` finds.
    """
    if _CASE_SHIFTS.search(text):
        # Lower-casing would move or create word characters: scan the plain way.
        yield from g.master.finditer(text)
        return
    match = g.master.match
    found = match(text, 0)
    last = 0
    if found:
        yield found
        last = found.end()
    for place in g.places.finditer(text.lower()):
        at = place.start()
        if at >= last and text[at] == "[":  # "[3]" may follow a word: "cases[3]"
            found = match(text, at)
            if found:
                yield found
                last = found.end()
        if at + 1 >= last:
            found = match(text, at + 1)
            if found:
                yield found
                last = found.end()


# The only characters whose lower case is longer ("İ") or an ASCII word character.
_CASE_SHIFTS = re.compile("[\u0130\u212a]")


def _read_match(text: str, match: re.Match[str], lex: UnitLexicon) -> list[_Reading]:
    """The readings of one match of the master pattern: none, one, or two."""
    der = lex._derived
    # Each alternative of the master pattern closes with its own last group.
    last = match.lastgroup
    if last == "v":
        value = _parse_value(text, match.start("v"), match.end("v"), lex)
        reading = _single(text, value, lex) if value else None
        return [reading] if reading else []
    if last == "vague":
        reading = _vague(text, match.start(), match.end(), lex)
        return [reading] if reading else []
    if last == "rel":
        return [_relative(text, match.start(), match.end(), lex)]
    if last == "p2":
        return _ratio(text, match, lex)
    if last == "b2":
        a_span, b_span, lead = ("b1", "b2", match.start())
    else:
        a_span, b_span, lead = ("r1", "r2", match.start())
    previous = _previous_word(text, lead).lower()
    if previous in der.age_before or previous in der.rank_before:
        return []
    a = _parse_value(text, match.start(a_span), match.end(a_span), lex)
    b = _parse_value(text, match.start(b_span), match.end(b_span), lex)
    if a is None or b is None:
        return []
    # "rose from 31 to 36", "up by 5 to 36": a change between two values.
    worded = (match.group("conn") or "").strip().lower() in ("to", "or")
    change = (worded or bool(match.group("from"))) and previous in der.change_words
    reading = None if change else _range(text, lead, a, b, lex)
    if reading is not None:
        return [reading]
    if _is_score(text, a, b, previous, lex):
        return []
    out = []
    for v in (a, b):
        single = _single(text, v, lex)
        if single:
            out.append(single)
    return out


def _is_score(text: str, a: _Value, b: _Value, previous: str, lex: UnitLexicon) -> bool:
    """ "won 3-2", "passed 52-48": two bare whole numbers joined by a dash, the first
    the larger, with no unit or counted noun after them and no "between" or "from"
    before them, are a score or a tally, not a range nor two figures of substance."""
    return (
        text[a.end : b.start] in ("-", "–", "—")
        and a.plain
        and b.plain
        and a.raw > b.raw
        and previous not in ("between", "from")
        and not _unit_after(text, b.end, b, lex)[0]
        and _find_noun(text, b.end, lex).end < 0
    )


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
_NO_SEPARATORS = str.maketrans("", "", ",\u00a0\u2009\u202f")


def _parse_value(text: str, start: int, end: int, lex: UnitLexicon) -> _Value | None:
    """The number the master pattern found at ``text[start:end]``, or None."""
    read = _read_number(text[start:end], lex)
    return None if read is None else _Value(start, end, *read)


# What _read_number gives: the fields of a _Value after its start and end.
_NumberFields = tuple[float, float, str, float, str, bool, bool, str, bool, bool]


@lru_cache(maxsize=4096)
def _read_number(surface: str, lex: UnitLexicon) -> _NumberFields | None:
    """Read a number as written ("4,250", "$2.7bn", "two-thirds"), alone.

    Its reading depends on these characters only (the value pattern looks no further
    than the span the master pattern gave it), and the same numbers recur through a
    corpus ("one", "two", "2,000"): readings are cached.
    """
    der = lex._derived
    m = der.grammar.value.fullmatch(surface)
    if m is None:
        return None
    mark, digits, words, magw, mags, pct = m.group(
        "cur", "digits", "words", "magw", "mags", "pct"
    )
    currency = ""
    if mark:
        currency = (
            lex.currency_symbols.get(mark)
            or lex.magnitude_symbols.get(mark)
            or lex.currency_codes.get(mark, "")
        )
        if not currency:
            folded = {k.lower(): v for k, v in lex.currency_symbols.items()}
            currency = folded.get(mark.lower(), "")
    fraction = False
    if digits:
        if _DECIMAL_COMMA.fullmatch(digits):
            digits = digits.replace(",", ".")
        cleaned = digits.translate(_NO_SEPARATORS)
        if digits.count(".") >= 2:
            cleaned = cleaned.replace(".", "")
        raw = float(cleaned)
        word = False
    else:
        digits = ""
        parsed = _parse_number_words(words, der)
        if parsed is None:
            return None
        raw, fraction = parsed
        word = True
    magnitude = 1.0
    suffix = ""
    if magw:
        for mag in _norm(magw).split():
            magnitude *= lex.magnitudes.get(mag, 1.0)
    elif mags:
        suffix = mags.lower()
        magnitude = lex.magnitude_suffixes.get(suffix, 1.0)
    percent = bool(pct)
    plain = bool(digits) and digits.isdigit() and not currency and magnitude == 1.0
    plain = plain and not percent
    return (
        _scaled(raw, magnitude),  # number
        raw,
        currency,
        magnitude,
        suffix,
        percent,
        plain,
        digits,
        word,
        fraction,
    )


def _scaled(value: float, factor: float) -> float:
    """``value * factor`` without the binary noise of the product: "4.1bn" is
    4,100,000,000, not 4,099,999,999.9999995 (kept to 15 significant digits, all a
    float holds)."""
    return float(f"{value * factor:.15g}")


def _parse_number_words(phrase: str, der: _Derived) -> tuple[float, bool] | None:
    """The value of a spelled-out number, and whether it is a fraction."""
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    tokens: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if w == "and" and nxt in der.articles and der.fractions.get(after) == 2:
            tokens.append("+half")
            i += 3
            continue
        if w == "and":
            i += 1
            continue
        if w in der.articles and tokens and der.fractions.get(tokens[-1]) == 2:
            i += 1
            continue
        if (
            w == "of"
            and tokens
            and tokens[-1] in der.fractions
            and nxt in der.articles
            and after in der.scales
        ):
            i += 2  # "a quarter of a million": the fraction applies to the scale
            continue
        tokens.append(w)
        i += 1
    total = 0.0
    current = 0.0
    fraction = False
    for index, t in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else ""
        if t in der.number_values:
            current += der.number_values[t]
        elif t in der.articles:
            current += 1
        elif t == "+half":
            current += 0.5
        elif t in der.hundred:
            current = (current or 1) * der.hundred[t]
        elif t in der.scales:
            total += (current or 1) * der.scales[t]
            current = 0.0
            fraction = False  # "a quarter of a million" counts, it is no share
        elif t in der.multipliers:
            current = (current or 1) * der.multipliers[t]
        elif t in der.fractions:
            if (
                index == 0
                and der.fractions[t] == 2
                and (nxt in der.scales or nxt in der.hundred)
            ):
                current = 0.5
            else:
                current = (current or 1) / der.fractions[t]
                fraction = True
        else:
            return None
    return total + current, fraction


# --------------------------------------------------------------------------- readings


def _previous_word(text: str, pos: int) -> str:
    """The token right before ``pos`` (separated by spaces only), or ``""``."""
    chunk = text[max(0, pos - 40) : pos].rstrip(" \t\u00a0")
    if not chunk or chunk[-1].isspace():
        return ""
    return chunk.rsplit(None, 1)[-1].strip("\"'“”‘’(,;:")


def _lead_in(text: str, start: int, der: _Derived) -> tuple[int, str]:
    """Where the words before a number that belong to it start, and its cue."""
    word = _previous_word(text, start).lower()
    if word in der.scope_last_words:
        window_start = max(0, start - _CUE_WINDOW)
        m = der.grammar.scope_before.search(text, window_start, start)
        if m is not None:
            start = m.start()
            word = _previous_word(text, start).lower()
    if word not in der.cue_last_words:
        return start, ""
    window_start = max(0, start - _CUE_WINDOW)
    m = der.grammar.cue_before.search(text, window_start, start)
    if m is None:
        return start, ""
    return m.start(), _norm(m.group("cue"))


def _apply_cue(
    reading: _Reading, text: str, cue_start: int, cue: str, der: _Derived
) -> None:
    if not cue:
        return
    qualifier = der.cue_qualifier.get(cue, "exact")
    if (
        cue in der.peak_cues
        and _previous_word(text, cue_start).lower() in der.peak_verbs
    ):
        qualifier = "exact"
    elif cue in der.hedges:
        reading.hedge_cue = cue
    reading.cue = cue
    reading.start = cue_start
    _set_qualifier(reading, qualifier)


def _set_qualifier(reading: _Reading, qualifier: str) -> None:
    value = reading.low if reading.low is not None else reading.high
    if reading.qualifier == "range":
        return
    reading.qualifier = qualifier
    if qualifier == "at_least":
        reading.low, reading.high = value, None
    elif qualifier == "at_most":
        reading.low, reading.high = None, value


def _unit_after(
    text: str, pos: int, value: _Value, lex: UnitLexicon
) -> tuple[str, int]:
    """The measurement or currency unit written after a number, and where it ends."""
    der = lex._derived
    g = der.grammar
    if value.percent:
        return _PERCENT, pos
    m = g.attached.match(text, pos)
    if m:
        return lex.attached_units[m.group("u")], m.end()
    m = g.unit_word.match(text, pos)
    if m:
        word = _norm(m.group("u"))
        if word in der.need_magnitude:
            if (
                value.magnitude > 1
                and not value.currency
                and word in lex.currency_words
            ):
                return lex.currency_words[word], m.end()
            return der.need_magnitude[word], m.end()
        if word in lex.units:
            return lex.units[word], m.end()
        if word in lex.currency_words:
            return lex.currency_words[word], m.end()
        code = lex.currency_codes.get(m.group("u"))
        if code:
            return code, m.end()
    return "", pos


def _fuzzy_magnitude(text: str, pos: int, lex: UnitLexicon) -> tuple[float, int]:
    """A misspelt magnitude word right after a number ("$7 bilion"), if any."""
    der = lex._derived
    m = der.grammar.fuzzy_word.match(text, pos)
    if m is None:
        return 1.0, pos
    word = m.group("w").lower()
    if len(word) < der.fuzzy_min or word in lex.magnitudes or word in lex.nouns:
        return 1.0, pos
    for target, factor in der.fuzzy_targets:
        if target[0] == word[0] and _one_edit_apart(word, target):
            return factor, m.end()
    return 1.0, pos


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _words_after(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """The words right after ``pos``, separated by spaces only, at most ``limit``."""
    run = _WORD_RUN.match(text, pos)
    if run is None:
        return []
    found = _WORD.finditer(text, pos, run.end())
    return [(m[0], m.start(), m.end()) for m in found][:limit]


# A word after a count, or a dotted abbreviation ("over 300 U.S. towns").
_NOUN_WORD_CHARS = rf"(?:[^\W\d_]\.){{2,}}|{_WORD_CHARS}"
_WORD = re.compile(_NOUN_WORD_CHARS)
_WORD_RUN = re.compile(rf"(?:{_SP}+(?:{_NOUN_WORD_CHARS})){{1,{_LOOKAHEAD_WORDS}}}")


@dataclass(frozen=True, slots=True)
class _Noun:
    """What follows a count: a counted noun, or a reason the count is no claim."""

    noun: str = ""
    surface: str = ""
    unit: str = ""
    end: int = -1
    known: bool = False
    reject: str = ""


def _find_noun(text: str, pos: int, lex: UnitLexicon) -> _Noun:
    der = lex._derived
    words = _words_after(text, pos, _LOOKAHEAD_WORDS)
    lowered = [w.lower().replace("’", "'") for w, _, _ in words]
    run_end = 0
    demonym = None
    for i in range(min(len(words), _NOUN_WINDOW)):
        lw = lowered[i]
        for synonym in der.nouns_by_first.get(lw, ()):
            n = len(synonym)
            if tuple(lowered[i : i + n]) == synonym:
                head = _head_after_modifier(lowered, i + n, synonym, lex)
                if head:  # "1.3 million patient records": records, not patients
                    return _Noun(
                        noun=head,
                        surface=text[words[i][1] : words[i + n][2]],
                        unit=head,
                        end=words[i + n][2],
                    )
                canonical = lex.nouns[" ".join(synonym)]
                surface = text[words[i][1] : words[i + n - 1][2]]
                return _Noun(
                    noun=canonical,
                    surface=surface,
                    unit=lex.noun_units[canonical],
                    end=words[i + n - 1][2],
                    known=True,
                )
        if lw in der.durations:
            return _Noun(reject="duration")
        if lw in der.furniture:
            return _Noun(reject="furniture")
        if lw.endswith("'s") or lw in der.not_counted:
            break
        if lw in der.skippable:
            run_end = i + 1
            continue
        if lw in der.function_words:
            break
        if demonym is None and _is_demonym(words[i][0], der):
            demonym = words[i]
        run_end = i + 1
    if demonym is not None:
        word, _, end = demonym
        return _Noun(
            noun=word.lower(), surface=word, unit=der.demonym_unit, end=end, known=True
        )
    return _unknown_noun(text, words[:run_end], der)


def _head_after_modifier(
    lowered: list[str], j: int, synonym: tuple[str, ...], lex: UnitLexicon
) -> str:
    """The plural noun right after a counted noun used in the singular as its
    modifier ("patient records", "worker visas"), when the table does not know it;
    ``""`` otherwise."""
    der = lex._derived
    if j >= len(lowered) or _looks_plural(synonym[-1], der):
        return ""
    word = lowered[j]
    if (
        word.isalpha()
        and _looks_plural(word, der)
        and not word.endswith(der.not_noun_endings)
        and word not in der.function_words
        and word not in der.durations
        and not der.nouns_by_first.get(word)  # any synonym starting with the word
    ):
        return word
    return ""


def _is_demonym(word: str, der: _Derived) -> bool:
    if word in der.demonym_words:
        return True
    return (
        len(word) >= der.demonym_min
        and word[0].isupper()
        and word[1:].islower()
        and word.endswith(der.demonym_suffixes)
    )


def _unknown_noun(text: str, run: list[tuple[str, int, int]], der: _Derived) -> _Noun:
    """The head of an unlisted counted noun: the first plural in the run of words."""
    for word, _, end in run:
        lw = word.lower()
        if lw in der.skippable:
            continue
        if _looks_plural(lw, der) and not lw.endswith(der.not_noun_endings):
            return _Noun(noun=lw, surface=word, unit=lw, end=end)
    return _Noun()


def _looks_plural(word: str, der: _Derived) -> bool:
    return (
        len(word) > 3
        and word.endswith(der.plural_endings)
        and not word.endswith(der.not_plural_endings)
    )


def _single(text: str, v: _Value, lex: UnitLexicon) -> _Reading | None:
    """Read one number with what surrounds it; None when it is no claim."""
    der = lex._derived
    g = der.grammar
    end = v.end
    number = v.number
    if v.magnitude == 1.0 and not v.word:
        factor, fuzzy_end = _fuzzy_magnitude(text, end, lex)
        if factor != 1.0:
            number, end = _scaled(v.raw, factor), fuzzy_end
    if g.compound_duration.match(text, end):
        return None
    unit, end = _unit_after(text, end, v, lex)
    unit = unit or v.currency
    start = v.start
    if not unit and der.units_before:
        # A unit written before the number: "a magnitude 7.4 earthquake".
        word = _previous_word(text, v.start)
        unit = der.units_before.get(word.lower(), "")
        if unit:
            start = text.rindex(word, 0, v.start)
    cue_start, cue = _lead_in(text, start, der)
    if cue in der.verb_cues and _PAIR_NEXT.match(text, end):
        cue_start, cue = start, ""  # "the motion passed 52 to 48": a tally
    previous = _previous_word(text, cue_start).lower()
    if not cue and previous in der.age_before:
        return None
    if (
        cue in der.age_bounds
        and previous in der.age_nouns
        and v.raw < 130
        and not v.currency
        and not v.percent
    ):
        return None  # an age limit: "children under 5", "people over 65"
    if not cue and (previous in der.rank_before or g.ranking_after.match(text, end)):
        return None
    reading = _Reading(start=cue_start, end=end, low=number, high=number)
    if v.fraction:
        if not g.of_word.match(text, end) or previous in der.determiners:
            return None
        reading.low = reading.high = _scaled(number, 100)
        unit = _PERCENT
    relative = g.times.match(text, end)
    if relative and not unit:
        reading.end = relative.end()
        reading.unit = _FACTOR
        reading.relative = True
        _apply_cue(reading, text, cue_start, cue, der)
        return reading
    # A bound written between the number and its noun: "500 or more demonstrators".
    after = None if unit else g.cue_after.match(text, reading.end)
    if after:
        reading.end = after.end()
    if v.suffix in der.ambiguous_suffixes and not v.currency:
        noun_known = not unit and _find_noun(text, reading.end, lex).known
        if not noun_known:
            # "100m" with no currency and no counted noun is a length, not a million.
            unit = unit or der.ambiguous_suffixes[v.suffix]
            reading.low = reading.high = v.raw
    if unit:
        reading.unit = unit
        reading.dimension = lex.dimensions.get(unit, "")
        if unit in der.signed_units:
            _apply_sign(text, reading, der)
    else:
        noun = _find_noun(text, reading.end, lex)
        if noun.reject:
            return None
        if noun.end > 0:
            reading.end = noun.end
            reading.noun, reading.noun_surface = noun.noun, noun.surface
            reading.unit, reading.known_noun = noun.unit, noun.known
            if cue in der.verb_cues:
                cue, reading.start = "", start  # "passed 12 laws": a verb's object
        if not _is_claim(text, v, reading, cue, previous, der):
            return None
    _apply_rate(text, reading, lex)
    after = after or g.cue_after.match(text, reading.end)
    if after and reading.end <= after.start():
        reading.end = after.end()
    _apply_cue(reading, text, cue_start, cue, der)
    if after:
        cue_word = _norm(after.group("cue"))
        _set_qualifier(reading, der.after_qualifier.get(cue_word, "exact"))
        if cue_word in der.hedges and not reading.hedge_cue:
            reading.hedge_cue = cue_word
    return reading


_PAIR_NEXT = re.compile(rf"{_SP}*(?:to{_SP}+|[{_DASHES}]{_SP}*)\d")


def _apply_rate(text: str, reading: _Reading, lex: UnitLexicon) -> None:
    """Turn "3 people" + "per square meter" into the unit ``people_per_sq_m``, and
    "12.4 deaths" + "per 100,000 people" into ``people_per_100000``."""
    der = lex._derived
    rate = der.grammar.rate.match(text, reading.end)
    if rate and reading.unit:
        target = _norm(rate.group("u"))
        per = lex.units.get(target) or der.durations.get(target, target)
        reading.unit = f"{reading.unit}_per_{per}"
        reading.end = rate.end()
        return
    rate = der.grammar.rate_number.match(text, reading.end)
    if rate and not reading.unit.endswith(_PERCENT):
        base = int((rate.group("n") or "1").replace(",", ""))
        magnitude = rate.group("m") or rate.group("w")
        if magnitude:
            base *= int(lex.magnitudes.get(_norm(magnitude), 1))
        if base > 1:
            unit = f"per_{base}"
            reading.unit = f"{reading.unit}_{unit}" if reading.unit else unit
            reading.end = rate.end()


def _is_claim(
    text: str, v: _Value, r: _Reading, cue: str, previous: str, der: _Derived
) -> bool:
    """False for counts that are ids, years, ages, labels or references."""
    if v.plain:
        if v.raw == 0 or v.digits.startswith("0"):
            return False
        if len(v.digits) >= der.id_min_digits and not r.known_noun:
            return False
    low, high = der.year_range
    if v.plain and not cue and len(v.digits) == 4 and low <= v.raw <= high:
        # A year before the noun it dates ("the 2011 tsunami killed", "in 1990
        # killed"): a count of four digits with no separator stands right before its
        # noun, and never after "in" or "since".
        if not r.known_noun or previous in der.year_before:
            return False
        bound = der.grammar.cue_after.match(text, v.end)  # "1500 or more troops"
        if text[bound.end() if bound else v.end : r.end - len(r.noun_surface)].strip():
            return False
    if v.plain and not r.known_noun and not cue:
        if _is_age(text, v, der):
            return False
        if _is_label(text, v.start, der):
            return False
    if v.word and not cue:
        if v.raw <= der.determiner_maximum and previous in der.determiners:
            return False
        if v.raw < der.lone_minimum and not r.known_noun:
            return False
    return True


def _is_age(text: str, v: _Value, der: _Derived) -> bool:
    """ "Maria Lopez, 63, said": a small number set off by commas next to a name."""
    if v.raw >= 130 or text[v.end : v.end + 1] != ",":
        return False
    if text[max(0, v.start - 2) : v.start] != ", ":
        return False
    name = _previous_word(text, v.start - 1)
    after = _words_after(text, v.end + 1, 1)
    said = bool(after) and after[0][0].lower() in der.age_after
    return said or (name[:1].isupper() and name.isalpha())


def _is_label(text: str, start: int, der: _Derived) -> bool:
    """A capitalised name right before a bare number: "Channel 4", "Flight 370"."""
    if start < 2 or text[start - 1] not in " \u00a0":
        return False
    word = _previous_word(text, start)
    if not word or not word[0].isupper() or not word.replace("&", "").isalpha():
        return False
    lw = word.lower()
    if (
        lw in der.function_words
        or lw in der.cue_qualifier
        or lw.endswith(der.verb_endings)
    ):
        return False
    return lw not in der.change_words and lw not in der.peak_verbs


def _apply_sign(text: str, r: _Reading, der: _Derived) -> None:
    """Make a temperature negative when written "-5C" or "minus 5 degrees"."""
    before = text[max(0, r.start - 12) : r.start]
    m = _MINUS_SIGN.search(before)
    if m is None:
        word = _previous_word(text, r.start)
        if word.lower() not in der.minus_words:
            return
        r.start = text.rindex(word, 0, r.start)
    else:
        r.start -= 1
    r.low = -r.low if r.low is not None else None
    r.high = -r.high if r.high is not None else None


_MINUS_SIGN = re.compile(r"(?:^|[\s(])[-\u2212]$")


def _range(
    text: str, lead: int, a: _Value, b: _Value, lex: UnitLexicon
) -> _Reading | None:
    """Read "A-B", "A to B", "between A and B"; None when it is not a range."""
    der = lex._derived
    a_number = a.number
    if (
        a.magnitude == 1.0
        and b.magnitude != 1.0
        and "," not in a.digits
        and a.raw < b.raw
    ):
        a_number = _scaled(a.raw, b.magnitude)
    if a.fraction or b.fraction:
        return None
    low, high = a_number, b.number
    if not low < high:
        return None
    if a.plain and b.plain:
        y_low, y_high = der.year_range
        if all(len(x.digits) == 4 and y_low <= x.raw <= y_high for x in (a, b)):
            return None
    unit, end = _unit_after(text, b.end, b, lex)
    currency = a.currency or b.currency
    if a.percent or b.percent:
        unit = _PERCENT
    if currency and not unit:
        unit = currency
    reading = _Reading(start=lead, end=end, low=low, high=high, qualifier="range")
    if unit:
        reading.unit = unit
        reading.dimension = lex.dimensions.get(unit, "")
    else:
        if der.grammar.compound_duration.match(text, end):
            return None
        noun = _find_noun(text, end, lex)
        if noun.reject:
            return None
        if noun.end > 0:
            reading.end = noun.end
            reading.noun, reading.noun_surface, reading.unit = (
                noun.noun,
                noun.surface,
                noun.unit,
            )
            reading.known_noun = noun.known
    _apply_rate(text, reading, lex)
    cue_start, cue = _lead_in(text, lead, der)
    reading.start = cue_start
    if cue:
        reading.cue = cue
        if cue in der.hedges:
            reading.hedge_cue = cue
    return reading


def _ratio(text: str, match: re.Match[str], lex: UnitLexicon) -> list[_Reading]:
    """Read "one in three adults", "8 out of 10" as a percentage, else as two counts."""
    der = lex._derived
    a = _parse_value(text, match.start("p1"), match.end("p1"), lex)
    b = _parse_value(text, match.start("p2"), match.end("p2"), lex)
    if a is None or b is None:
        return []
    counts = all(
        x.magnitude == 1.0
        and not (x.currency or x.percent or x.fraction)
        and x.raw == int(x.raw)
        and (x.word or "," in x.digits or x.plain)
        for x in (a, b)
    )
    year_low, year_high = der.year_range
    is_year = b.plain and len(b.digits) == 4 and year_low <= b.raw <= year_high
    noun = _find_noun(text, b.end, lex) if counts and not is_year else _Noun()
    if not counts or is_year or noun.reject or not 0 < a.raw < b.raw:
        return [r for r in (_single(text, a, lex), _single(text, b, lex)) if r]
    share = 100 * a.raw / b.raw
    reading = _Reading(start=a.start, end=b.end, low=share, high=share, unit=_PERCENT)
    if noun.end > 0:
        reading.end = noun.end
        reading.noun, reading.noun_surface = noun.noun, noun.surface
        reading.known_noun = noun.known
    cue_start, cue = _lead_in(text, a.start, der)
    reading.start = cue_start
    _apply_cue(reading, text, cue_start, cue, der)
    return [reading]


def _vague(text: str, start: int, end: int, lex: UnitLexicon) -> _Reading | None:
    """Read "dozens", "tens of thousands", "a few hundred" as the module says."""
    der = lex._derived
    phrase = _norm(text[start:end])
    bounds = _vague_bounds(phrase, der)
    if bounds is None:
        return None
    reading = _Reading(
        start=start,
        end=end,
        low=bounds[0],
        high=bounds[1],
        qualifier="range",
        hedge_cue=VAGUE_CUE,
    )
    of = der.grammar.of_word.match(text, end)
    noun = _find_noun(text, of.end() if of else end, lex)
    if noun.reject:
        return None
    plural = _looks_plural(noun.surface.lower(), der)
    if noun.end > 0 and (of or (noun.known and plural)):
        reading.end = noun.end
        reading.noun, reading.noun_surface, reading.unit = (
            noun.noun,
            noun.surface,
            noun.unit,
        )
    elif not of:
        unit, unit_end = _unit_after(text, end, _NO_VALUE, lex)
        if unit:
            reading.unit, reading.end = unit, unit_end
    return reading


_NO_VALUE = _Value(0, 0, 0.0, 0.0, "", 1.0, "", False, False, "", False, False)


def _vague_bounds(phrase: str, der: _Derived) -> tuple[float, float] | None:
    words = phrase.split()
    if phrase in der.vague_counts:
        return der.vague_counts[phrase]
    if len(words) >= 3 and words[-2] == "of":
        multiple = " ".join(words[:-2])
        scale = _scale_of(words[-1].removesuffix("s"), der)
        if multiple in der.vague_multiples and scale:
            lo, hi = der.vague_multiples[multiple]
            return lo * scale, (hi + 1) * scale - 1
    scale = _scale_of(words[-1], der)
    quantifier = " ".join(words[:-1])
    if quantifier in der.vague_quantifiers and scale:
        lo, hi = der.vague_quantifiers[quantifier]
        return lo * scale, (hi + 1) * scale - 1
    return None


def _scale_of(word: str, der: _Derived) -> float:
    return (
        der.scales.get(word)
        or der.hundred.get(word)
        or der.multipliers.get(word)
        or 0.0
    )


def _relative(text: str, start: int, end: int, lex: UnitLexicon) -> _Reading:
    der = lex._derived
    phrase = _norm(text[start:end])
    factor = der.relative_factors.get(phrase)
    if factor is None:
        head = re.split(rf"[{_HYPHENS}\s]|(?=fold)", phrase)[0]
        factor = der.number_values.get(head) or float(head) if head else 1.0
    reading = _Reading(start=start, end=end, low=factor, high=factor, unit=_FACTOR)
    reading.relative = True
    cue_start, cue = _lead_in(text, start, der)
    reading.start = cue_start
    _apply_cue(reading, text, cue_start, cue, der)
    return reading


# ------------------------------------------------------------------------- post-passes


def _drop_conversions(text: str, readings: list[_Reading]) -> list[_Reading]:
    """Drop "(113 Fahrenheit)" after "45 degrees Celsius": one figure restated."""
    kept: list[_Reading] = []
    for r in readings:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and r.dimension
            and r.dimension == prev.dimension
            and r.unit != prev.unit
            and _CONVERSION_GAP.fullmatch(text, prev.end, r.start)
        ):
            continue
        kept.append(r)
    return kept


def _mark_steps(text: str, readings: list[_Reading], der: _Derived) -> None:
    """Mark the step of a change to a new level as relative: in "the toll rose by 40
    to 310" the 40 is how much it rose, not what it stands at."""
    for a, b in zip(readings, readings[1:], strict=False):
        if a.relative or b.relative or not _STEP_GAP.fullmatch(text, a.end, b.start):
            continue
        if a.unit and b.unit and a.unit != b.unit:
            continue  # "up 5% to $3 billion": no level of the same thing
        word = _previous_word(text, a.start).lower()
        if word == "by":
            word = _previous_word(text, text.rindex("by", 0, a.start)).lower()
        if word in der.change_words:
            a.relative = True
            a.unit = a.unit or b.unit


_STEP_GAP = re.compile(rf",?{_SP}+to{_SP}+")
_CONVERSION_GAP = re.compile(rf"{_SP}*[(/]{_SP}*")
_LIST_GAP = re.compile(rf"{_SP}*,{_SP}*(?:(?:and|or){_SP}+)?|{_SP}+(?:and|or){_SP}+")


def _spread_list_bounds(text: str, readings: list[_Reading], der: _Derived) -> None:
    """A bound before a list of counts applies to each item: "at least 12 X, 40 Y"."""
    i = 0
    while i < len(readings):
        head = readings[i]
        j = i + 1
        if head.cue and head.qualifier in ("at_least", "at_most") and head.known_noun:
            commas = 0
            while j < len(readings):
                item = readings[j]
                gap = _LIST_GAP.fullmatch(text, readings[j - 1].end, item.start)
                if (
                    gap is None
                    or item.cue
                    or not item.known_noun
                    or item.unit != head.unit
                ):
                    break
                commas += "," in gap.group(0)
                j += 1
            if commas:
                for item in readings[i + 1 : j]:
                    _set_qualifier(item, head.qualifier)
        i = j
