"""Extraction stage: attribution chains, who said each claim, publisher first.

A chain starts with the document's publisher and follows the cues of the text outward
to the origin: "Reuters, quoting a Chilean senator who was briefed by the National
Emergency Office, reported ..." gives
``publisher > Reuters > Chilean senator > National Emergency Office``.

How a claim gets its chain:

1. Its own sentence: the attribution whose scope covers the claim ("X said that ..."
   covers what follows the verb, "..., X said." what precedes it, "a count of 73
   provided by X" the phrase around it). Clause-level attributions nest, outlets
   outermost; phrase-level ones ("X's estimate", "a DPA tally") win over them.
2. Otherwise the nearest attribution earlier in the same paragraph.
3. Otherwise the document's lead: an attribution in the first body paragraph whose
   source the text names again later ("The Harbour Gazette reported this, citing ...").
4. Otherwise the publisher alone.

A dateline or source credit ("LISBON (KLTV, KRBT) —", "Source: DPA") puts that
outlet after the publisher in every later chain. Sources are resolved in text order:
pronouns and generic phrases ("the agency", "the minister", "police
estimates") take the source named before that shares their head word, surnames
take the full name written elsewhere, and an outlet a source spoke to anywhere in the
text ("two envoys told DPA") is put before that source in every chain.

Cue words and the function words the reader relies on live in
``scorer/data/cues.toml``; source names, aliases, kinds and generic kind patterns in
``scorer/data/sources.toml``. No source vocabulary is written in this module.
"""

from __future__ import annotations

import bisect
import difflib
import operator
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress
from pathlib import Path
from typing import Any, NamedTuple

from scorer.config import SourceEntry
from scorer.errors import ConfigError
from scorer.extract.sentences import split_paragraphs, split_sentences
from scorer.model import Attribution, Document, Link

_INTERMEDIARY = frozenset({"publisher", "outlet", "wire"})
_FIRST = operator.itemgetter(0)
_PERSONS = frozenset({"person", "official", "expert", "anonymous", "unknown"})
_PEOPLE = frozenset({"person", "official", "expert"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_TOKEN = re.compile(
    r"[A-Za-z0-9$€£][\w’'&$%-]*(?:(?:\.|,(?=\d{3}))[\w’'&$%-]+)*|[,;:()\[\]\"“”—–]|(?<!\w)[-‘’'](?!\w)"
)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_WORD = re.compile(r"[a-z0-9][a-z0-9&'-]*")
_SQUASH = re.compile(r"[^a-z0-9]+")
_PAREN = re.compile(r"\s*\(([^()]{1,60})\)\s*")
_DOMAIN_TAIL = re.compile(
    r"\.(?:com|org|net|gov|edu|int|info|news|co|ac|[a-z]{2})(?:\.[a-z]{2})?$"
)
_CLAUSE_PUNCT = frozenset({";", ":", "—", "–", "(", ")", "[", "]"})
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|ing)$")
_POSSESSIVE = re.compile(r"\w(?:['’]s|s['’])$")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_BRACKETED_CAPITAL = re.compile(r"\s\([A-Z]")
_CONTENT_MARK = re.compile(r"[\d:\"“”‘]")
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
_APOSTROPHE = re.compile("['’]")


@lru_cache(maxsize=4)
def _packaged(name: str) -> dict[str, Any]:
    text = resources.files("scorer.data").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _grammar(key: str) -> frozenset[str]:
    """A list of English function words from the [grammar] table of cues.toml."""
    return frozenset(w.lower() for w in _packaged("cues.toml")["grammar"][key])


_PARTICLES = _grammar("name_particles")  # "bin", "al", "van": inside a person's name
_TRAILING_MARKERS = _grammar("trailing_markers")  # "who", "with": a clause follows
_REDUCED = _grammar("reduced_clause")  # "when asked ...": an adverbial clause
_LINKING = _grammar("linking")  # words that carry no content in a name
_QUALIFIERS = _grammar("qualifiers")  # "up to", "more than" before a figure
_ADJECTIVES = _grammar("document_adjectives")  # "a new DPA tally"
_CLOSERS = _grammar("closers")  # determiners that open a noun phrase


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the registry and the generic patterns say about one source phrase."""

    name: str
    kind: str
    institution: str = ""
    reliability: float | None = None
    known: bool = False  # listed in the registry (not only matched by a pattern)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Cue words and name patterns, compiled once per registry."""

    dateline_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    acronym_re: re.Pattern[str]
    name_re: re.Pattern[str]
    kind_res: tuple[tuple[str, re.Pattern[str]], ...]
    role_re: re.Pattern[str]
    nested_re: re.Pattern[str]
    trailing_re: re.Pattern[str]
    # The last two words of a trailing clause that ties a source to what it knows
    # ("familiar with", "knowledge of"): "people familiar with the matter"; each maps
    # to the words that may come before them in such a clause ("with", "with direct").
    knowledge_links: Mapping[str, tuple[tuple[str, ...], ...]]
    suffix_re: re.Pattern[str]
    determiner_re: re.Pattern[str]
    pattern_reliability: tuple[tuple[re.Pattern[str], float], ...]
    institutions: Mapping[str, str]
    forward_kinds: Mapping[str, str]
    object_verbs: frozenset[str]
    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    org_nouns: frozenset[str]
    media_nouns: frozenset[str]  # org nouns that may stand for an outlet
    between: frozenset[str]
    stop: frozenset[str]
    inner: frozenset[str]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    # Participles that go on with what a speaker said: ", adding that ...".
    continuing: frozenset[str]
    # What "told" may be followed by that is an occasion, not an outlet.
    audiences: frozenset[str]
    first_person: frozenset[str]
    own_possessives: frozenset[str]
    # The same as written in a text: "its", "Its".
    own_possessive_forms: frozenset[str]
    second_person: frozenset[str]
    not_speaker_labels: frozenset[str]
    documents: frozenset[str]
    not_sources: frozenset[str]
    number_words: frozenset[str]
    time_words: frozenset[str]
    places: Mapping[str, str]  # country, demonym or capital (lower) -> country
    demonym_stems: Mapping[str, str]  # country (lower) -> stem shared with its demonym
    passive_words: frozenset[str]
    verbs: frozenset[str]
    inverting: frozenset[str]
    spoken: frozenset[str]
    not_speakers: frozenset[str]
    verb_particles: frozenset[str]  # "up" in "showed up": another verb, not a cue
    content_re: re.Pattern[str]
    from_nouns: frozenset[str]
    cue_words: frozenset[str]
    forward_index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    cue_roles: Mapping[str, _CueRole]
    forward_by_first: Mapping[str, tuple[str, ...]]  # first word -> cues, as listed
    headline_re: re.Pattern[str]
    # A sentence opening with an organisation as its subject ("The Flood Observatory
    # has ..."), whose first-person words after it speak for it.
    author_re: re.Pattern[str] | None = None
    memo: dict[tuple[str, str], Any] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass(frozen=True, slots=True)
class SourceRegistry:
    """Known sources with their aliases, plus generic patterns for unknown ones.

    Build it with :func:`load_registry`. ``resolve`` maps any source phrase to a
    :class:`~scorer.model.Link`: registry names and aliases (exactly, or above
    ``fuzzy_threshold`` similarity) give the canonical name and kind; other phrases
    keep a cleaned version of their own wording, with a kind guessed from the generic
    patterns of ``sources.toml``.
    """

    entries: Mapping[str, SourceInfo]
    acronyms: Mapping[str, SourceInfo]
    aliases_of: Mapping[str, tuple[str, ...]]
    lexicon: _Lexicon
    fuzzy_threshold: float = 0.88
    _fuzzy_index: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False
    )
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def resolve(self, name: str) -> Link:
        """The link for a source phrase: canonical name and kind.

        Parameters
        ----------
        name
            A source phrase as written ("the NEO", "Peruvian Interior Minister Ana
            Duarte", "three Baltic envoys").

        Returns
        -------
        Link
            ``Link(name, kind)``; ``cue`` is left empty.
        """
        info = self.describe(name)
        return Link(info.name, info.kind)

    def describe(self, name: str) -> SourceInfo:
        """Everything known about a source phrase: name, kind, institution, reliability.

        An official named with a title maps to the institution the title names:
        "Peruvian Interior Minister Ana Duarte" is the official "Ana Duarte" of
        the "Peruvian Interior Ministry".
        """
        cached = self._cache.get(name)
        if cached is None:
            cached = _describe(name, self)
            if len(self._cache) < 50_000:
                self._cache[name] = cached
        return cached

    def lookup(self, name: str) -> SourceInfo | None:
        """The registry entry a name or alias denotes (exactly or nearly), if any."""
        key = "\0" + name
        if key in self._cache:
            return self._cache[key]
        found = _lookup(name, self)
        if len(self._cache) < 50_000:
            self._cache[key] = found
        return found

    def institution(self, name: str) -> str:
        """The institution an official or person speaks for, where known."""
        return self.describe(name).institution

    def reliability(self, name: str) -> float | None:
        """The reliability the registry or a pattern gives a source, if any."""
        return self.describe(name).reliability


# --------------------------------------------------------------------------- loading


def load_registry(
    extra_file: str | Path | None = None,
    entries: Sequence[SourceEntry] = (),
    fuzzy_threshold: float = 0.88,
) -> SourceRegistry:
    """Build the source registry: packaged defaults plus the user's sources.

    Parameters
    ----------
    extra_file
        A TOML file of the same shape as the packaged ``scorer/data/sources.toml``
        (``[[source]]`` tables, optionally ``[patterns]`` lists), added to the defaults.
        Later entries override earlier ones with the same alias.
    entries
        Sources added inline (``extract.sources`` in the config).
    fuzzy_threshold
        Similarity (difflib ratio) above which a name matches an alias.

    Returns
    -------
    SourceRegistry

    Raises
    ------
    ConfigError
        When ``extra_file`` cannot be read or a source in it is malformed.
    """
    if not 0.0 <= fuzzy_threshold <= 1.0:
        raise ConfigError(
            [
                "extract.fuzzy_threshold must be between 0 and 1, "
                f"got {fuzzy_threshold!r}"
            ]
        )
    base = _packaged("sources.toml")
    cues = _packaged("cues.toml")
    layers: list[tuple[str, dict[str, Any]]] = [("scorer/data/sources.toml", base)]
    if extra_file is not None:
        where = str(extra_file)
        try:
            layers.append(
                (where, tomllib.loads(Path(extra_file).read_text(encoding="utf-8")))
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                [f"{where}: cannot read source registry: {exc}"]
            ) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{where}: not valid TOML: {exc}"]) from None

    patterns: dict[str, list[str]] = {}
    for _, data in layers:
        for kind, words in data.get("patterns", {}).items():
            patterns.setdefault(kind, []).extend(words)
    reliabilities: dict[str, float] = {}
    institutions: dict[str, str] = {}
    places: list[str] = []
    for _, data in layers:
        reliabilities.update(data.get("pattern_reliability", {}))
        institutions.update(data.get("institutions", {}))
        places.extend(data.get("places", {}).get("countries", []))
    lexicon = _compile_lexicon(cues, patterns, reliabilities, institutions, places)

    table: dict[str, SourceInfo] = {}
    acronyms: dict[str, SourceInfo] = {}
    aliases_of: dict[str, list[str]] = {}
    problems: list[str] = []
    for where, data in layers:
        for number, raw in enumerate(data.get("source", []), start=1):
            try:
                entry = SourceEntry.model_validate(raw)
            except Exception as exc:  # pydantic's ValidationError, reported as config
                first = str(exc).splitlines()
                problems.append(f"{where}: [[source]] #{number}: {' '.join(first[:3])}")
                continue
            _add_entry(entry, table, acronyms, aliases_of)
    for entry in entries:
        _add_entry(entry, table, acronyms, aliases_of)
    if problems:
        raise ConfigError(problems)

    index: dict[str, list[str]] = {}
    for key in table:
        if len(key) >= 6:
            index.setdefault(key[0], []).append(key)
    return SourceRegistry(
        entries=table,
        acronyms=acronyms,
        aliases_of={k: tuple(v) for k, v in aliases_of.items()},
        lexicon=lexicon,
        fuzzy_threshold=fuzzy_threshold,
        _fuzzy_index={k: tuple(v) for k, v in index.items()},
    )


def _add_entry(
    entry: SourceEntry,
    table: dict[str, SourceInfo],
    acronyms: dict[str, SourceInfo],
    aliases_of: dict[str, list[str]],
) -> None:
    info = SourceInfo(
        name=entry.name,
        kind=entry.kind,
        institution=entry.institution,
        reliability=entry.reliability,
        known=True,
    )
    aliases_of[entry.name.casefold()] = [entry.name, *entry.aliases]
    for alias in (entry.name, *entry.aliases):
        stripped = alias.strip()
        # Upper-case acronyms match only as written: "WHO" is not "who".
        if re.fullmatch(r"[A-Z][A-Z0-9&./-]{0,5}", stripped):
            acronyms[stripped.replace(".", "")] = info
            continue
        table[_key(stripped)] = info


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _alternation(words: Iterable[str], escape: bool = True) -> str:
    items = sorted({w for w in words if w}, key=len, reverse=True)
    parts = [re.escape(w).replace(r"\ ", r"\s+") if escape else w for w in items]
    return "|".join(parts) or r"(?!x)x"


def _compile_lexicon(
    cues: dict[str, Any],
    patterns: dict[str, list[str]],
    reliabilities: dict[str, float],
    institutions: dict[str, str],
    places: list[str],
) -> _Lexicon:
    att = cues.get("attribution", {})
    forward = att.get("forward", {})
    words = att.get("words", {})
    nouns = att.get("nouns", {})
    documents = _words(nouns.get("documents", []))
    forward_kinds = {}
    for kind in ("according", "citing", "weak", "quoted"):
        for cue in forward.get(kind, []):
            forward_kinds[" ".join(cue.lower().split())] = kind
    verbs = att.get("speech_verbs", [])
    participles = att.get("passive", {}).get("participles", [])
    place_map: dict[str, str] = {}
    stems: dict[str, str] = {}
    for row in places:
        parts = [p.strip() for p in row.split("|") if p.strip()]
        if not parts:
            continue
        country = parts[0]
        for part in parts:
            place_map.setdefault(part.lower(), country)
        if len(parts) > 1:
            stems[country.lower()] = _common_stem(country.lower(), parts[1].lower())
    kind_res = tuple(
        (
            kind,
            re.compile(
                rf"(?<![\w-])(?:{_alternation(patterns[kind], escape=False)})(?![\w-])",
                re.I,
            ),
        )
        for kind in ("wire", "outlet", "primary", "official", "expert", "anonymous")
        if patterns.get(kind)
    )
    role_words = patterns.get("official", []) + patterns.get("expert", [])
    cue_words = frozenset(
        form
        for word in (
            {c.split()[0] for c in forward_kinds}
            | set(verbs)
            | _words(participles)
            | _words(nouns.get("from", []))
            | {"a", "an", "the"}
        )
        for form in (word, word[:1].upper() + word[1:], word.upper())
    )
    forward_index = _forward_index(forward_kinds)
    return _Lexicon(
        dateline_re=re.compile(
            # "LISBON (KLTV) —", "MEXICO CITY, April 14 (Wire) -", "May 12 (Wire):".
            r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}"
            r"(?:\.?\s+\d{1,2}(?:,?\s+\d{4})?)?\s*"
            r"|[A-Z][a-z]+\.?\s+\d{1,2}\s*)?"
            r"\(([^()\n]{2,40})\)\s*(?:[-–—]{1,2}|:)\s"
        ),
        credit_re=re.compile(
            rf"^(?:{_alternation(words.get('credit_labels', []))})"
            r"\s*:\s*(.{2,60}?)\s*$",
            re.I,
        ),
        acronym_re=re.compile(
            r"\b((?:[A-Z][\w’'&.-]*|of|for|and|the|on|de)(?:\s+(?:[A-Z][\w’'&.-]*|of|for|and|the|on|de)){1,8})"
            r"\s+\(([A-Z][A-Za-z&. ]{1,14})\)"
        ),
        name_re=re.compile(
            r"[A-Z](?<!\w[A-Z])(?:[a-z][\w’'-]*|\.)(?:\s+(?:(?:bin|bint|al|el|de|van|von|der|da|di|abu|ibn)\s+)?"
            r"(?:[A-Z][a-z][\w’'-]*|[A-Z]\.|[a-z]{1,3}-[A-Z][\w’'-]+)){1,5}\b"
        ),
        kind_res=kind_res,
        role_re=re.compile(rf"(?:{_alternation(role_words, escape=False)})\.?", re.I),
        nested_re=re.compile(
            rf"\b(?:{_alternation(words.get('nested', []))})\s+", re.I
        ),
        trailing_re=re.compile(
            # Not an acronym spelled like one of the words: "the WHO" is a name.
            rf"(?:,|\s)\s*(?-i:(?![A-Z]{{2,}}\b))"
            rf"(?:{_alternation(words.get('trailing', []))})\b",
            re.I,
        ),
        knowledge_links=_knowledge_links(
            words.get("trailing", []), words.get("prepositions", [])
        ),
        suffix_re=re.compile(
            rf"(?:\s+|^)(?:{_alternation(nouns.get('suffixes', []))})$", re.I
        ),
        determiner_re=re.compile(
            rf"^(?:(?:{_alternation(_cased(words.get('determiners', [])))}"
            rf"|{_alternation(words.get('modifiers', []))})\s+)+"
        ),
        pattern_reliability=tuple(
            (re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), float(v))
            for p, v in reliabilities.items()
        ),
        institutions={k.lower(): v for k, v in institutions.items()},
        forward_kinds=forward_kinds,
        object_verbs=_words(att.get("object_verbs", [])),
        conjunctions=_words(words.get("conjunctions", [])),
        prepositions=_words(words.get("prepositions", [])),
        org_nouns=_words(words.get("org_nouns", [])),
        media_nouns=_words(words.get("media_nouns", [])),
        between=_words(att.get("between", [])),
        stop=_words(words.get("stop", [])),
        inner=_words(words.get("inner", [])),
        pronouns=_words(words.get("pronouns", [])),
        person_pronouns=_words(words.get("person_pronouns", [])),
        continuing=_words(att.get("continuing_verbs", [])),
        audiences=_words(att.get("audiences", [])),
        first_person=_words(words.get("first_person", [])),
        own_possessives=_words(words.get("own_possessives", [])),
        own_possessive_forms=frozenset(
            form
            for w in _words(words.get("own_possessives", []))
            for form in (w, w.capitalize())
        ),
        second_person=_words(words.get("second_person", [])),
        not_speaker_labels=_words(words.get("not_speaker_labels", [])),
        documents=documents,
        not_sources=_words(nouns.get("not_sources", [])),
        number_words=_words(words.get("number_words", [])),
        time_words=_words(words.get("time_words", [])),
        places=place_map,
        demonym_stems=stems,
        passive_words=_words(participles),
        verbs=frozenset(verbs),
        inverting=_words(att.get("inverting_verbs", [])),
        spoken=_words(att.get("spoken_verbs", [])),
        not_speakers=_words(att.get("not_speakers", [])),
        verb_particles=_words(att.get("verb_particles", [])),
        from_nouns=_words(nouns.get("from", [])),
        cue_words=cue_words,
        forward_index=forward_index,
        forward_by_first=_by_first_word(forward_kinds),
        cue_roles=_cue_roles(
            cue_words,
            forward_index,
            frozenset(verbs),
            _words(participles),
            _words(nouns.get("from", [])),
        ),
        author_re=_author_pattern(words.get("author_verbs", [])),
        headline_re=re.compile(
            r"^((?:[A-Z][\w&.’'-]*)(?:[ \t]+[A-Z][\w&.’'-]*){0,3}):"
            r"[ \t]+(?=[A-Z]\S*(?:[ \t]+\S+){2})",
            re.M,
        ),
        content_re=re.compile(
            rf"\b(?:that|{_alternation(words.get('number_words', []))})\b|\d|[:\"“”‘]",
            re.I,
        ),
    )


def _knowledge_links(
    trailing: Iterable[str], prepositions: Iterable[str]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Trailing clauses ending in a preposition, by their last two words, each with
    the words before those (longest first): "with direct knowledge of" gives
    ``"knowledge of" -> (("with", "direct"), ("with",), ())``."""
    ends = set(prepositions)
    links: dict[str, set[tuple[str, ...]]] = {}
    for phrase in trailing:
        words = phrase.lower().split()
        if len(words) >= 2 and words[-1] in ends:
            links.setdefault(" ".join(words[-2:]), set()).add(tuple(words[:-2]))
    return {
        pair: tuple(sorted(leads, key=len, reverse=True))
        for pair, leads in links.items()
    }


def _author_pattern(verbs: Iterable[str]) -> re.Pattern[str] | None:
    """ "The" and a run of capitalised words opening a sentence or paragraph, then one
    of ``verbs`` (cues.toml ``author_verbs``): the run is the sentence's subject."""
    verbs = list(verbs)
    if not verbs:
        return None
    return re.compile(
        r"(?:^|(?<=[.!?]\s)|(?<=\n))The\s+"
        r"((?:[A-Z][\w’'&-]*\s+(?:(?:of|for|on|and)\s+)?){0,5}[A-Z][\w’'&-]*)\s+"
        rf"(?:{_alternation(verbs)})\b",
        re.M,
    )


def _by_first_word(cues: Iterable[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for cue in cues:
        index.setdefault(cue.partition(" ")[0], []).append(cue)
    return {k: tuple(v) for k, v in index.items()}


class _CueRole(NamedTuple):
    """What a token that may open a cue can open, worked out once per spelling."""

    low: str
    forward: tuple[tuple[tuple[str, ...], str], ...]  # "according to", ...
    verb: bool  # "said", "estimates"
    passive: bool  # "reported" (by ...), written in lower case
    from_noun: bool  # "estimates" (from ...)
    article: bool  # "a", "an", "the": a "DPA tally" may follow


def _cue_roles(
    cue_words: frozenset[str],
    forward_index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]],
    verbs: frozenset[str],
    passive_words: frozenset[str],
    from_nouns: frozenset[str],
) -> dict[str, _CueRole]:
    roles = {}
    for tok in cue_words:
        low = tok.lower()
        roles[tok] = _CueRole(
            low=low,
            forward=forward_index.get(low, ()),
            verb=tok in verbs,
            passive=low in passive_words and tok[:1].islower(),
            from_noun=low in from_nouns,
            article=low in ("a", "an", "the"),
        )
    return roles


def _forward_index(
    cues: Mapping[str, str],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cue in sorted(cues, key=len, reverse=True):
        words = tuple(cue.split())
        index.setdefault(words[0], []).append((words, cue))
    return {k: tuple(v) for k, v in index.items()}


def _cased(words: Iterable[str]) -> list[str]:
    """Each word as listed and capitalised ("the", "The")."""
    return [form for w in words for form in (w, w[:1].upper() + w[1:])]


def _common_stem(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n] if n >= 4 else a


# ------------------------------------------------------------------------ resolution


def _key(name: str) -> str:
    """Lookup key of a name: lower case, straight apostrophes, no leading article."""
    text = name.translate(_APOSTROPHES).casefold().strip().strip("\"'.,;: ")
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def _lookup(name: str, registry: SourceRegistry) -> SourceInfo | None:
    stripped = name.strip().strip("\"'“”‘’.,;: ")
    stripped = re.sub(r"^(?:[Tt]he)\s+", "", stripped)
    if not stripped:
        return None
    acronym = registry.acronyms.get(stripped.replace(".", ""))
    if acronym is not None:
        return acronym
    key = _key(stripped)
    info = registry.entries.get(key)
    if info is not None:
        # A single-word alias matches only a capitalised word ("Economist", "Time").
        if " " in key or "." in key or stripped[:1].isupper():
            return info
        return None
    if len(key) < 6 or not stripped[:1].isupper():
        return None
    if " " not in key and _classify(key, registry.lexicon):
        return None  # a kind of source, capitalised: "Economists" is no "Economist"
    # Only aliases of about the same length can pass the threshold.
    slack = len(key) * (1 - registry.fuzzy_threshold) * 2 + 1
    candidates = [
        c
        for c in registry._fuzzy_index.get(key[0], ())
        if abs(len(c) - len(key)) <= slack
    ]
    close = difflib.get_close_matches(
        key, candidates, n=1, cutoff=registry.fuzzy_threshold
    )
    return registry.entries[close[0]] if close else None


def _classify(text: str, lex: _Lexicon) -> str:
    """The kind the generic patterns give a phrase ("" when none matches).

    The leftmost match wins, the longest on ties: "a spokesperson for the transport
    ministry" is an official, "the director of the Andes program" an expert.
    """
    known = lex.memo.get(("kind", text))
    if known is not None:
        return known
    best: tuple[int, int, str] | None = None
    for kind, pattern in lex.kind_res:
        match = pattern.search(text)
        if match and (best is None or (match.start(), -len(match.group())) < best[:2]):
            best = (match.start(), -len(match.group()), kind)
    return _memo(lex, "kind", text, best[2] if best is not None else "")


def _pattern_reliability(text: str, lex: _Lexicon) -> float | None:
    for pattern, value in lex.pattern_reliability:
        if pattern.search(text):
            return value
    return None


def _is_role(lex: _Lexicon, word: str) -> bool:
    """Whether a word is a title or role ("minister", "Capt.", "analyst")."""
    known = lex.memo.get(("role", word))
    if known is None:
        known = _memo(lex, "role", word, lex.role_re.fullmatch(word) is not None)
    return known


def _memo(lex: _Lexicon, tag: str, key: str, value: Any) -> Any:
    if len(lex.memo) < 100_000:
        lex.memo[(tag, key)] = value
    return value


def _clean(phrase: str, lex: _Lexicon) -> str:
    """A source phrase as a name: no leading articles, quotes or trailing clauses."""
    known = lex.memo.get(("clean", phrase))
    if known is not None:
        return known
    return _memo(lex, "clean", phrase, _clean_uncached(phrase, lex))


def _clean_uncached(phrase: str, lex: _Lexicon) -> str:
    text = " ".join(phrase.split()).strip(" \t,;:.\"'“”‘’-—–")
    # A bracket is stripped only where it has no partner: "Council (NDRRMC)" keeps its
    # acronym, which _describe reads.
    if text[:1] == "(" and text[-1:] == ")" and text.count("(") == 1:
        text = text[1:-1].strip()
    while text[:1] in ("(", ")") and text.count("(") != text.count(")"):
        text = text[1:].lstrip(" \t,;:.")
    while text[-1:] in ("(", ")") and text.count("(") != text.count(")"):
        text = text[:-1].rstrip(" \t,;:.")
    text = re.sub(r"^[\"“”‘’']+|[\"“”‘’']+$", "", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    match = lex.trailing_re.search(text)
    while match and match.start() > 0:
        cut = text[: match.start()].rstrip(" ,")
        if _needs_its_clause(text, cut, lex):
            break
        text = cut
        match = lex.trailing_re.search(text)
    text = lex.determiner_re.sub("", text)
    # "the Pentagon's own assessment", "the agency's latest figures": the owner.
    owned = _OWNED_DOCUMENT.fullmatch(text)
    if owned and owned.group(2).lower().split()[-1] in lex.documents:
        text = owned.group(1)
    text = re.sub(r"(?:['’]s|(?<=s)['’])$", "", text)
    return text.strip(" ,;:.")


def _needs_its_clause(whole: str, cut: str, lex: _Lexicon) -> bool:
    """Whether an anonymous source loses what makes it one when its trailing clause
    is cut: "people familiar with the matter" is a source, "people" alone names no
    one ("officials familiar with the talks" are still "officials")."""
    return _classify(whole, lex) == "anonymous" and not _classify(cut, lex)


# A possessive owner, then up to four words: "X's own latest estimate", "X's World
# Disasters Report".
_OWNED_DOCUMENT = re.compile(
    r"(.+?)(?:['’]s|(?<=s)['’])\s+((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)"
)


def _split_title(name: str, lex: _Lexicon) -> tuple[str, str]:
    """Split "Peruvian Interior Minister Ana Duarte" into (title, person name).

    Returns ``("", name)`` when the phrase has no title followed by a proper name.
    """
    known = lex.memo.get(("title", name))
    if known is None:
        known = _memo(lex, "title", name, _split_title_uncached(name, lex))
    return known


def _split_title_uncached(name: str, lex: _Lexicon) -> tuple[str, str]:
    tokens = name.split()
    last_role = -1
    for i, token in enumerate(tokens):
        if _is_role(lex, token.strip(",")):
            last_role = i
    if last_role < 0:
        tail = _capitalised_tail(tokens, lex)
        if 0 < tail < len(tokens) and any(t[:1].islower() for t in tokens[:tail]):
            return " ".join(tokens[:tail]), " ".join(tokens[tail:])
        return "", name
    rest = tokens[last_role + 1 :]
    if len(rest) >= 3 and rest[0].lower() in ("of", "for") and rest[1][:1].isupper():
        rest = rest[2:]
    if (
        rest
        and len(rest) <= 6
        and all(_name_token(t) for t in rest)
        and rest[0][:1].isupper()
    ):
        return " ".join(tokens[: len(tokens) - len(rest)]), " ".join(rest)
    return "", name


def _capitalised_tail(tokens: list[str], lex: _Lexicon) -> int:
    """Index where a run of capitalised tokens closing the phrase begins."""
    i = len(tokens)
    while i > 0 and _name_token(tokens[i - 1]):
        i -= 1
    while i < len(tokens) and not tokens[i][:1].isupper():
        i += 1
    if i > 0 and tokens[i - 1].lower() in lex.inner:
        return len(tokens)
    return i


def _name_token(token: str) -> bool:
    return bool(
        token[:1].isupper()
        or token.lower() in _PARTICLES
        or re.match(r"[a-z]{1,3}-[A-Z]", token)
    )


def _describe(phrase: str, registry: SourceRegistry) -> SourceInfo:
    lex = registry.lexicon
    name = _clean(phrase, lex)
    if not name:
        return SourceInfo(phrase.strip() or "unknown", "unknown")
    paren = _PAREN.search(name)
    if paren:
        inner = paren.group(1).strip()
        outer = (name[: paren.start()] + " " + name[paren.end() :]).strip()
        for candidate in (outer, inner):
            info = registry.lookup(candidate)
            if info is not None:
                return info
        name = outer or inner
    info = registry.lookup(name)
    if info is None:
        stripped = lex.suffix_re.sub("", name).strip()
        if stripped and stripped != name:
            info = registry.lookup(stripped)
    if info is not None:
        return info
    title, person = _split_title(name, lex)
    if title and person:
        kind = _classify(title, lex) or "person"
        has_role = any(_is_role(lex, w) for w in title.split())
        if kind in ("primary", "outlet", "wire") and not has_role:
            # "seismic monitoring firm QuakeWatch": an organisation of that kind.
            return SourceInfo(person, _classify(person, lex) or kind)
        if kind not in ("official", "expert"):
            kind = "official" if has_role else "person"
        return SourceInfo(
            person,
            kind,
            institution=_institution(title, lex) if kind == "official" else "",
            reliability=_pattern_reliability(title, lex),
        )
    kind = _classify(name, lex)
    if not kind:
        country = lex.places.get(name.lower())
        if country is not None:
            return SourceInfo(name, "primary", institution=country)
        kind = "person" if _looks_like_person(name, lex) else "unknown"
    institution = _institution(name, lex) if kind == "official" else ""
    return SourceInfo(name, kind, institution, _pattern_reliability(name, lex))


def _looks_like_person(name: str, lex: _Lexicon) -> bool:
    known = lex.memo.get(("person", name))
    if known is None:
        known = _memo(lex, "person", name, _looks_like_person_uncached(name, lex))
    return known


def _looks_like_person_uncached(name: str, lex: _Lexicon) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or not all(_name_token(t) for t in tokens):
        return False
    if any(t.lower().strip(".,") in lex.places for t in tokens):
        return False
    return not any(ch.isdigit() for ch in name)


def _institution(title: str, lex: _Lexicon) -> str:
    """The institution a title names ("Peruvian Interior Minister" -> a ministry)."""
    words = title.split()
    for marker in (" for ", " of ", " at "):
        if marker in f" {title} ":
            tail = title.split(marker.strip(), 1)[1].strip()
            tail = lex.determiner_re.sub("", tail)
            if tail and _classify(tail, lex) in ("primary", "wire", "outlet", ""):
                return tail
    for i in range(len(words) - 1, -1, -1):
        for size in (2, 1):
            role = " ".join(words[max(0, i - size + 1) : i + 1]).lower().rstrip(".")
            if role in lex.institutions:
                qualifiers = [
                    w for w in words[: max(0, i - size + 1)] if w[:1].isupper()
                ]
                noun = lex.institutions[role]
                if not qualifiers:
                    return ""
                return " ".join([*qualifiers, noun]) if noun else " ".join(qualifiers)
    return ""


# ---------------------------------------------------------------------- same_source


def _content_words(name: str, registry: SourceRegistry) -> frozenset[str]:
    """Lower-cased words of a name without articles, numbers, titles or possessives."""
    lex = registry.lexicon
    known = lex.memo.get(("words", name))
    if known is not None:
        return known
    return _memo(lex, "words", name, _content_words_uncached(name, lex))


def _content_words_uncached(name: str, lex: _Lexicon) -> frozenset[str]:
    text = _DOMAIN_TAIL.sub("", name.translate(_APOSTROPHES).strip())
    text = re.sub(r"(?<=\w)'s?\b", "", text)
    tokens = text.split()
    kept = []
    for i, token in enumerate(tokens):
        word = token.lower().strip(".,;:'\"()-")
        if not word or word in _LINKING or word in lex.number_words or word.isdigit():
            continue
        title = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        if title and _is_role(lex, word):
            continue  # a title before a name: "Commissioner Vale" ~ "Ruth Vale"
        kept.extend(w for w in _WORD.findall(word) if w not in _LINKING)
    return frozenset(kept)


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return "".join(w[0].upper() for w in words if w[0].isupper())


def same_source(a: str, b: str, registry: SourceRegistry) -> bool:
    """Whether two source names denote the same source.

    True when they resolve to the same registry name, are equal once lower-cased and
    stripped of articles, number words and punctuation, when one's content words
    contain the other's ("three Baltic envoys" ~ "Baltic envoys"), when one is the
    acronym of the other ("MFD" ~ "Mapleton Fire Department"), or when one is a
    domain spelling of the other ("harbourgazette.com" ~ "Harbour Gazette").

    Parameters
    ----------
    a, b
        Source names, as written or as resolved.
    registry
        The source registry, for aliases ("NEO" ~ "Chile's emergency office").
    """
    if not a.strip() or not b.strip():
        return a.strip().lower() == b.strip().lower()
    if registry.resolve(a).name.casefold() == registry.resolve(b).name.casefold():
        return True
    words_a, words_b = _content_words(a, registry), _content_words(b, registry)
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    squash_a = _SQUASH.sub("", _DOMAIN_TAIL.sub("", a.lower().strip()))
    squash_b = _SQUASH.sub("", _DOMAIN_TAIL.sub("", b.lower().strip()))
    if squash_a and squash_a == squash_b:
        return True
    for short, long in ((a.strip(), b), (b.strip(), a)):
        acronym = re.fullmatch(r"[A-Z][A-Z&.]{1,9}", short)
        if acronym and short.replace(".", "") == _initials(long):
            return True
    return False


def _is_publisher(name: str, publisher: str, registry: SourceRegistry) -> bool:
    if not publisher or publisher == "unknown":
        return False
    squash, canonical = _publisher_key(name, registry)
    squash_pub, canonical_pub = _publisher_key(publisher, registry)
    if squash and squash == squash_pub:
        return True
    short = squash[3:] if squash.startswith("the") else ""
    if len(short) >= _SHORT_NAME and squash_pub.endswith(short) and "." in publisher:
        return True  # "the Herald" in harbourherald.co.uk, "the Times" in nytimes.com
    return canonical == canonical_pub


# The fewest letters of a short name ("the Herald") a publisher's domain may end in.
_SHORT_NAME = 4


def _publisher_key(name: str, registry: SourceRegistry) -> tuple[str, str]:
    """What two spellings of one publisher share: the name squashed to its letters
    and digits (no domain ending), or the canonical name. Memoised per name, not per
    pair: each document has its own publisher, so pairs seldom repeat."""
    lex = registry.lexicon
    known = lex.memo.get(("publisher key", name))
    if known is None:
        squash = _SQUASH.sub("", _DOMAIN_TAIL.sub("", name.lower().strip()))
        canonical = registry.describe(name).name.casefold()
        known = _memo(lex, "publisher key", name, (squash, canonical))
    return known


# ------------------------------------------------------------------------ the pass


@dataclass(slots=True)
class _Source:
    """A source phrase found in the text and what it resolved to."""

    surface: str
    start: int
    link: Link | None = None
    prefix: tuple[Link, ...] = ()  # intermediaries inherited from an antecedent
    words: frozenset[str] = frozenset()
    descriptor: str = ""  # a title or apposition written around the name
    document: str = ""  # the document it was named with: "a report from X" -> report


@dataclass(slots=True)
class _Hit:
    """One attribution cue in a sentence, with the sources it names."""

    start: int
    end: int
    scope: tuple[int, int]
    sources: list[_Source]  # outward: the outlet first, the origin last
    cue: str
    clause: bool
    trailing: bool = False
    links: tuple[Link, ...] = ()
    # Whether it states a content (a clause, quote or figure), unlike "X visited".
    reports: bool = True


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    hits: list[_Hit] = field(default_factory=list)
    governs: tuple[Link, ...] | None = None
    trailing: bool = False  # its governing attribution closes it: "..., X said."
    # "X confirmed the closures": an attribution of what came before.
    backref: tuple[Link, ...] | None = None
    quoted: bool = False  # opens with a quotation mark or continues an open quote
    # What it reports is a quotation closed within it: 'X said “...”', nothing after.
    quotation: bool = False
    speaker: tuple[Link, ...] = ()  # the speaker of its transcript turn, if any
    # It opens with an article: a subject of its own ("The forint traded at ..."),
    # not a continuation ("Four of them", "They ...", "Over 30 more ...").
    own_subject: bool = False


# How far before first-person words the sentence introducing the organisation they
# speak for may open.
_AUTHOR_REACH = 1500


@dataclass(slots=True)
class _Context:
    """What one segment of a document has said so far: mentions, names, acronyms."""

    text: str
    start: int
    end: int
    publisher: str
    registry: SourceRegistry
    mentions: list[_Source] = field(default_factory=list)
    # Transcript turns ("Name: ..." paragraphs): (start, end, the speaker's link).
    turns: list[tuple[int, int, Link]] = field(default_factory=list)
    _names: dict[str, str] | None = None
    _people: list[tuple[int, str]] = field(default_factory=list)
    _acronyms: dict[str, str] | None = None

    def speaker_at(self, pos: int) -> Link | None:
        """The speaker of the transcript turn holding ``pos``, if any."""
        for start, end, link in self.turns:
            if start <= pos < end:
                return link
        return None

    def author_at(self, pos: int) -> Link | None:
        """The organisation the text speaks for at ``pos``, where first-person words
        ("we published", "our estimates") follow soon after a sentence opening with
        that organisation as its subject ("The Flood Observatory has been collecting
        data ... we estimate"): a name the registry lists, or whose words make it an
        organisation (not a person, an outlet or the publisher). None if no such
        sentence opens within ``_AUTHOR_REACH`` characters before."""
        lex = self.registry.lexicon
        if lex.author_re is None:
            return None
        found = None
        low = max(self.start, pos - _AUTHOR_REACH)
        for match in lex.author_re.finditer(self.text, low, pos):
            found = match.group(1)
        if found is None:
            return None
        info = self.registry.describe(found)
        # An organisation: listed as a primary source, or named like one (a person's
        # title, "The Minister has ...", is not the text's author).
        if info.kind != "primary" or _is_publisher(
            info.name, self.publisher, self.registry
        ):
            return None
        return Link(info.name, info.kind)

    def person_before(self, pos: int) -> tuple[int, str] | None:
        """The last full person name written before ``pos``."""
        self.names()
        index = bisect.bisect_left(self._people, (pos, "")) - 1
        return self._people[index] if index >= 0 else None

    def names(self) -> dict[str, str]:
        """Full person names written in the segment, by their first and last word."""
        if self._names is None:
            lex = self.registry.lexicon
            found: dict[str, str] = {}
            self._people = []
            for match in lex.name_re.finditer(self.text, self.start, self.end):
                full = match.group()
                name = _person_in(full, lex)
                if not name:
                    continue
                self._people.append((match.start() + full.find(name), name))
                parts = name.split()
                for token in (parts[-1], parts[0]):
                    if len(token) > 2 and not token.endswith("."):
                        found.setdefault(token.lower(), name)
            self._names = found
        return self._names

    def acronym(self, name: str) -> str | None:
        """The full name of an acronym the segment gives in brackets ("Conafor"
        after "National Forestry Commission (Conafor)"), or None."""
        if " " in name or f"({name})" not in self.text:
            return None  # found in text without reading every acronym of it
        return self.acronyms().get(name)

    def acronyms(self) -> dict[str, str]:
        if self._acronyms is None:
            found: dict[str, str] = {}
            text, start, end = self.text, self.start, self.end
            # Every acronym is written in brackets after its full name: "... (NEO)".
            if _BRACKETED_CAPITAL.search(text, start, end):
                acronym_re = self.registry.lexicon.acronym_re
                for match in acronym_re.finditer(text, start, end):
                    full, short = match.group(1), match.group(2).strip()
                    full = re.sub(r"^(?:[Tt]he)\s+", "", full)
                    if full and short:
                        found[short] = full
            self._acronyms = found
        return self._acronyms


def _person_in(phrase: str, lex: _Lexicon) -> str:
    """The person a run of capitalised words names ("Interior Minister Ana Duarte"
    names "Ana Duarte"), or ``""``."""
    known = lex.memo.get(("person in", phrase))
    if known is None:
        known = _memo(lex, "person in", phrase, _person_in_uncached(phrase, lex))
    return known


def _person_in_uncached(phrase: str, lex: _Lexicon) -> str:
    if any(
        t.lower() in lex.places or t.lower() in lex.time_words for t in phrase.split()
    ):
        return ""
    title, person = _split_title(phrase, lex)
    name = person if title else phrase
    if _classify(name, lex) or not _looks_like_person(name, lex):
        return ""
    return name


def attribute(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    registry: SourceRegistry,
    units: Sequence[str] | None = None,
) -> list[Attribution | None]:
    """The attribution chain of each claim span of a document.

    Parameters
    ----------
    doc
        The document; ``doc.outlet`` is the publisher, and ``doc.segments`` marks
        unrelated texts glued after the article (each with its own publisher when
        its name is given).
    spans
        ``(start, end)`` character offsets into ``doc.text``, one per claim.
    registry
        From :func:`load_registry`.
    units
        The unit of each span's figure, when known. An attributed sentence that
        states figures of its own governs later unattributed figures of those units
        only: a report's estimate of the damage does not make the report the source
        of the death toll in the next sentence, or further down after a lead.

    Returns
    -------
    list of Attribution or None
        One per span, in the same order; every chain starts with the publisher
        (``Link(publisher, "publisher")``), and a claim the text does not attribute
        has the publisher alone. None where the span is part of a source's own
        name ("two officials told reporters"): a count of sources, not a claim.
    """
    if not spans:
        return []
    analysis = _analyse(doc, registry)
    claims = [not analysis.names_source(start, end) for start, end in spans]
    units = units if units is not None else [""] * len(spans)
    # The units of the figures each sentence states itself (its real claims only).
    stated: dict[int, set[str]] = {}
    for (start, _), unit, claim in zip(spans, units, claims, strict=True):
        if claim and unit:
            index = bisect.bisect_right(analysis.starts, start) - 1
            stated.setdefault(index, set()).add(unit)
    return [
        analysis.chain(start, end, units[i], stated) if claims[i] else None
        for i, (start, end) in enumerate(spans)
    ]


@dataclass(frozen=True, slots=True)
class _Lead:
    """The attribution of a document's first body paragraph, governing later
    unattributed sentences: where the paragraph ends, the chain, and the span of the
    sentence that states it."""

    end: int
    chain: tuple[Link, ...]
    sentence: tuple[int, int]


@dataclass(slots=True)
class _Analysis:
    sentences: list[_Sentence]
    starts: list[int]
    segments: list[tuple[int, int, str]]
    leads: dict[int, _Lead]  # by segment
    credits: dict[int, tuple[int, Link]]  # segment -> (from offset, credit link)
    heads: list[Link]  # by segment: its publisher, the head of every chain
    # Paragraphs (by index) that name again the outlet a lead credits ("This was
    # reported by the BBC ..."): what their sources say, they said to that outlet.
    relayed: dict[int, Link] = field(default_factory=dict)

    def names_source(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside a source phrase of its sentence."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0:
            return False
        return any(
            source.start <= start and end <= source.start + len(source.surface)
            for hit in self.sentences[index].hits
            for source in hit.sources
        )

    def chain(
        self,
        start: int,
        end: int,
        unit: str = "",
        stated: Mapping[int, set[str]] | None = None,
    ) -> Attribution:
        """The chain of the claim at ``start:end``, whose figure has ``unit``;
        ``stated`` gives the units of the figures each sentence (by index) states."""
        segment = (
            max(0, bisect.bisect_right(self.segments, start, key=_FIRST) - 1)
            if len(self.segments) > 1
            else 0
        )
        seg_start = self.segments[segment][0]
        head = self.heads[segment]
        links: tuple[Link, ...] = ()
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0 and self.sentences[index].start < seg_start:
            index = -1
        if index >= 0:
            sentence = self.sentences[index]
            own = _select(sentence.hits, start, end) if sentence.hits else None
            if own is not None:
                links = own
            else:
                links = self._inherited(index, seg_start, segment, unit, stated or {})
        if index >= 0 and links and links[0].kind not in _INTERMEDIARY:
            outlet = self.relayed.get(self.sentences[index].paragraph)
            if outlet is not None:
                links = (outlet, *links)
        credit = self.credits.get(segment)
        if (
            credit is not None
            and start >= credit[0]
            and (not links or links[0] != credit[1])
        ):
            links = (credit[1], *links)
        return Attribution(_tidy((head, *links)))

    def _inherited(
        self,
        index: int,
        seg_start: int,
        segment: int,
        unit: str,
        stated: Mapping[int, set[str]],
    ) -> tuple[Link, ...]:
        sentence = self.sentences[index]

        def speaks_for(j: int) -> bool:
            # A sentence stating figures of its own speaks for no other kind.
            own = stated.get(j)
            return not (own and unit and unit not in own)

        for j in range(index - 1, -1, -1):
            other = self.sentences[j]
            if other.paragraph != sentence.paragraph or other.start < seg_start:
                break
            if other.governs is not None:
                # "..., X said." covers what precedes it, and 'X said “...”' the
                # quotation: neither speaks for the next sentence.
                if (other.trailing or other.quotation) and not sentence.quoted:
                    break
                if not speaks_for(j):
                    break
                return other.governs
        if sentence.speaker:
            return sentence.speaker  # its turn's speaker, in a transcript
        # "The port handled 310 ships in May. Most carried grain, the harbour master
        # said." A trailing attribution of the next sentence covers both.
        if index + 1 < len(self.sentences):
            following = self.sentences[index + 1]
            if following.paragraph == sentence.paragraph and speaks_for(index + 1):
                if following.trailing and following.governs:
                    return following.governs
                if following.backref:
                    return following.backref
        # A one-sentence paragraph right after an attributed one continues it
        # ("The league told reporters 18 clubs were fined. / Four of them twice, ...").
        previous = self.sentences[index - 1] if index > 0 else None
        following = (
            self.sentences[index + 1] if index + 1 < len(self.sentences) else None
        )
        if (
            previous is not None
            and previous.start >= seg_start
            and previous.paragraph == sentence.paragraph - 1
            and previous.governs
            and not previous.trailing
            and not previous.quotation
            # One with a subject of its own continues only an attribution that
            # states no figures itself ("This was reported by the BBC, ...").
            and not (sentence.own_subject and stated.get(index - 1))
            and (following is None or following.paragraph != sentence.paragraph)
            and speaks_for(index - 1)
        ):
            return previous.governs
        lead = self.leads.get(segment)
        if (
            lead is not None
            and sentence.start >= lead.end
            and speaks_for(bisect.bisect_right(self.starts, lead.sentence[0]) - 1)
        ):
            return lead.chain
        return ()


def _tidy(links: tuple[Link, ...]) -> tuple[Link, ...]:
    """Drop repeated links and the publisher named again inside its own chain."""
    out: list[Link] = [links[0]]
    for link in links[1:]:
        if any(link.name.casefold() == seen.name.casefold() for seen in out):
            continue
        out.append(link)
    return tuple(out)


def _select(hits: list[_Hit], start: int, end: int) -> tuple[Link, ...] | None:
    """The chain a claim at ``start:end`` gets from the attributions of its sentence."""
    middle = (start + end) // 2
    covering = [h for h in hits if h.scope[0] <= middle < h.scope[1] and h.links]
    if not covering:
        return None
    local = [h for h in covering if not h.clause]
    if local:
        best = min(
            local, key=lambda h: (h.scope[1] - h.scope[0], _distance(h, start, end))
        )
        return best.links
    ordered = sorted(
        covering,
        key=lambda h: (h.links[0].kind not in _INTERMEDIARY, not h.trailing, h.start),
    )
    links: list[Link] = []
    for hit in ordered:
        links.extend(hit.links)
    return tuple(links)


def _distance(hit: _Hit, start: int, end: int) -> int:
    if end <= hit.start:
        return hit.start - end
    if start >= hit.end:
        return start - hit.end
    return 0


def _segments(doc: Document) -> list[tuple[int, int, str]]:
    publisher = doc.outlet or "unknown"
    bounds = [(0, publisher)]
    for offset, name in sorted(doc.segments):
        if 0 < offset <= len(doc.text):
            bounds.append((offset, name or publisher))
    out = []
    for i, (start, name) in enumerate(bounds):
        stop = bounds[i + 1][0] if i + 1 < len(bounds) else len(doc.text)
        out.append((start, stop, name))
    return out


_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ARTICLES = frozenset({"The", "A", "An"})


def _analyse(doc: Document, registry: SourceRegistry) -> _Analysis:
    text = doc.text
    lex = registry.lexicon
    paragraphs = split_paragraphs(text)
    para_starts = [p[0] for p in paragraphs]
    sentences = [
        _Sentence(s, e, max(0, bisect.bisect_right(para_starts, s) - 1))
        for s, e in split_sentences(text)
    ]
    curly = "“" in text  # without an opening curly quote, none is left open
    for i, sentence in enumerate(sentences):
        opening = text[sentence.start : sentence.start + 1] in ('"', "“", "‘", "'")
        previous = sentences[i - 1] if i else None
        still_open = (
            curly
            and previous is not None
            and previous.paragraph == sentence.paragraph
            and (
                text.count("“", previous.start, previous.end)
                > text.count("”", previous.start, previous.end)
            )
        )
        sentence.quoted = opening or still_open
        first = _FIRST_WORD.match(text, sentence.start)
        sentence.own_subject = first is not None and first.group() in _ARTICLES
    starts = [s.start for s in sentences]
    segments = _segments(doc)
    doc_tokens = _tokens(text)
    token_starts = [t[1] for t in doc_tokens]
    matches = _find_cues(text, doc_tokens, lex)
    cue_starts = [c.start for c in matches]
    leads: dict[int, _Lead] = {}
    credits: dict[int, tuple[int, Link]] = {}
    relayed: dict[int, Link] = {}
    for number, (seg_start, seg_end, publisher) in enumerate(segments):
        context = _Context(text, seg_start, seg_end, publisher, registry)
        context.turns = _turns(text, paragraphs, seg_start, seg_end, registry)
        members = [s for s in sentences if seg_start <= s.start < seg_end]
        for sentence in members:
            first = bisect.bisect_left(cue_starts, sentence.start)
            last = bisect.bisect_left(cue_starts, sentence.end, first)
            if first < last:
                lo = bisect.bisect_left(token_starts, sentence.start)
                hi = bisect.bisect_left(token_starts, sentence.end, lo)
                sentence.hits = _sentence_hits(
                    sentence, matches[first:last], doc_tokens[lo:hi], context
                )
            boxed = _fact_box_hits(sentence, paragraphs, context)
            if boxed:
                # In place of what a bracket says itself ("(X estimate)"), unless
                # the line has an attribution of its own ("Police said 4 died (AP)").
                inside = [
                    h
                    for h in sentence.hits
                    if any(b.start - 1 <= h.start < b.scope[1] for b in boxed)
                ]
                if all(h in inside or not h.clause for h in sentence.hits):
                    sentence.hits = boxed + [
                        h for h in sentence.hits if h not in inside
                    ]
            if not sentence.hits:
                # No attribution; an organisation the sentence opens with is still
                # what "it" and "its" may refer to in the next one.
                _note_subject(sentence, context)
        _learn_intermediaries(members, registry)
        for sentence in members:
            speaker = context.speaker_at(sentence.start)
            if speaker is not None:
                sentence.speaker = (speaker,)
            for hit in sentence.hits:
                hit.links = _hit_links(hit)
            clause = [h for h in sentence.hits if h.clause and h.links and h.reports]
            if clause:
                sentence.governs = _select(clause, *clause[-1].scope)
                sentence.trailing = len(clause) == 1 and clause[0].trailing
                sentence.quotation = _closed_quotation(text, clause[-1].scope)
            elif sentence.hits and all(
                h.clause and not h.reports for h in sentence.hits
            ):
                first = sentence.hits[0]
                if first.links and first.start <= sentence.start + 2:
                    sentence.backref = first.links
        credit = _credit(text, paragraphs, seg_start, seg_end, publisher, registry)
        if credit is not None:
            credits[number] = credit
        lead = _lead(text, paragraphs, members, seg_start, seg_end, doc.title, registry)
        if lead is not None:
            leads[number] = lead
            relayed.update(_relayed(text, paragraphs, lead, seg_end, registry))
    heads = [Link(publisher, "publisher") for _, _, publisher in segments]
    return _Analysis(sentences, starts, segments, leads, credits, heads, relayed)


# The fewest words a closing quotation holds to be one (not a name or a scare quote).
_QUOTED_WORDS = 3
# Marks that open and close a quotation; a straight quote does both.
_OPENING_QUOTES = ("“", "‘", "«", '"')
_CLOSING_QUOTES = ("”", "’", "»", '"')


def _closed_quotation(text: str, scope: tuple[int, int]) -> bool:
    """Whether what a verb reports ends in a direct quotation closed within its
    sentence ('said the plan “cannot work in time.”', '... “cannot work”.'): the
    writer's own voice resumes after it, so the attribution does not carry on to the
    next sentence. A quoted name or scare quote of a word or two ('during “Operation
    Dawn”') is no quotation."""
    body = text[scope[0] : scope[1]].rstrip().rstrip(".,;:!?")
    if not body.endswith(_CLOSING_QUOTES):
        return False
    opening = max(body.rfind(mark, 0, len(body) - 1) for mark in _OPENING_QUOTES)
    return opening >= 0 and len(body[opening + 1 : -1].split()) >= _QUOTED_WORDS


# ----------------------------------------------------------------------- cue finding


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str  # forward, passive, verb, possessive, compound
    start: int
    end: int
    word: str


def _find_cues(text: str, tokens: _Tokens, lex: _Lexicon) -> list[_Cue]:
    """Every cue of the text, found in one pass over its tokens."""
    cues: list[_Cue] = []
    n = len(tokens)
    roles = lex.cue_roles
    # Most tokens open no cue: only those with a role and those holding an apostrophe
    # (possessives) are read, picked out in C rather than one by one.
    words = list(map(_FIRST, tokens))
    owning = lex.own_possessive_forms
    candidates = {
        *compress(range(n), map(roles.__contains__, words)),
        *compress(range(n), map(_APOSTROPHE.search, words)),
        *compress(range(n), map(owning.__contains__, words)),
    }
    for i in sorted(candidates):
        tok, s, e = tokens[i]
        if i + 1 < n and (
            (tok[-1] in "s'’" and ("'" in tok or "’" in tok)) or tok in owning
        ):
            cue = _possessive_cue(text, tokens, i, lex)
            if cue is not None:
                cues.append(cue)
        role = roles.get(tok)
        if role is None:
            continue
        for words, cue in role.forward:
            k = len(words)
            if i + k < n and all(
                tokens[i + j][0].lower() == words[j] for j in range(1, k)
            ):
                cues.append(_Cue("forward", s, tokens[i + k][1], cue))
        if role.verb:
            cues.append(_Cue("verb", s, e, tok))
        if role.passive:
            for j in range(i + 1, min(n - 1, i + 5)):
                if tokens[j][0] == "by":
                    cues.append(_Cue("passive", s, tokens[j + 1][1], role.low))
                    break
                if not tokens[j][0][:1].isalnum():
                    break
        if role.from_noun and i + 2 < n and tokens[i + 1][0] in ("from", "by"):
            cues.append(_Cue("from", s, tokens[i + 2][1], role.low))
        if (
            role.article
            and i + 2 < n
            and (tokens[i + 1][0][:1].isupper() or tokens[i + 2][0][:1].isupper())
        ):
            cue = _compound_cue(text, tokens, i, lex)
            if cue is not None:
                cues.append(cue)
    if ":" in text:
        for match in lex.headline_re.finditer(text):
            cues.append(_Cue("headline", match.start(1), match.end(1), match.group(1)))
    cues.sort(key=_cue_order)
    return cues


_PHASES = ("forward", "passive", "verb", "possessive", "compound", "from", "headline")
_PHASE_ORDER = {kind: number for number, kind in enumerate(_PHASES)}


def _cue_order(cue: _Cue) -> tuple[int, int]:
    return cue.start, _PHASE_ORDER[cue.kind]


def _possessive_cue(text: str, tokens: _Tokens, i: int, lex: _Lexicon) -> _Cue | None:
    """ "Chile's estimate", "MFD's 6,800", "the unions' 45,000 figure"."""
    tok, start, e = tokens[i]
    own = tok.lower() in lex.own_possessives
    if own:
        mark = start  # "its estimate": the owner is the sentence's subject
    elif tok.endswith(("'s", "’s", "'S", "’S")):
        mark = e - 2
    elif tok.endswith(("s'", "s’")):
        mark = e - 1
    else:
        return None
    j = i + 1
    while j < len(tokens) and j - i <= 3:
        nxt = tokens[j][0]
        if (nxt[:1].isdigit() or nxt[:1] in "$€£") and not own:
            if re.fullmatch(r"\d+(?:st|nd|rd|th)", nxt):
                return None
            return _Cue("possessive", mark, tokens[j][2], text[mark : tokens[j][2]])
        if nxt.lower() in lex.documents:
            return _Cue("possessive", mark, tokens[j][2], text[mark : tokens[j][2]])
        if not (nxt[:1].islower() and nxt.isalpha()) and nxt.lower() not in _QUALIFIERS:
            return None
        j += 1
    return None


def _compound_cue(text: str, tokens: _Tokens, i: int, lex: _Lexicon) -> _Cue | None:
    """ "a DPA tally", "a recent Halden report", "the Peruvian cabinet statement"."""
    j = i + 1
    if tokens[j][0].lower() in _ADJECTIVES:
        j += 1
    first = j
    while j < len(tokens) and j - first < 3 and tokens[j][0][:1].isupper():
        j += 1
    if j == first or j >= len(tokens):
        return None
    last = j - 1
    if (
        tokens[j][0].lower() not in lex.documents
        and j + 1 < len(tokens)
        and tokens[j][0][:1].islower()
        and tokens[j + 1][0].lower() in lex.documents
    ):
        j += 1
    if tokens[j][0].lower() not in lex.documents:
        return None
    start, end = tokens[first][1], tokens[last][2]
    return _Cue("compound", start, tokens[j][2], text[start:end])


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """The tokens of a text with their spans. Splitting on the token pattern gives
    gaps and tokens in turn; their running lengths are the spans, so no match object
    is made per token."""
    parts = _TOKEN_SPLIT.split(text)
    bounds = list(accumulate(map(len, parts), initial=0))
    return list(zip(parts[1::2], bounds[1::2], bounds[2::2], strict=False))


def _sentence_hits(
    sentence: _Sentence, mine: list[_Cue], tokens: _Tokens, ctx: _Context
) -> list[_Hit]:
    """The attributions of one sentence, from the cues that start inside it."""
    lex = ctx.registry.lexicon
    text = ctx.text
    hits: list[_Hit] = []
    claimed: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= c0 or a >= c1 for c0, c1 in claimed)

    pending_citing: list[_Hit] = []
    by_kind: dict[str, list[_Cue]] = {}
    for cue in mine:
        by_kind.setdefault(cue.kind, []).append(cue)
    for phase in _PHASES:
        # Verbs right to left, so that "a notice published on 9 March reads" gives
        # "reads" its whole subject before "published" is tried.
        found = by_kind.get(phase, [])
        for cue in reversed(found) if phase == "verb" else found:
            if not free(cue.start, cue.end):
                continue
            hit = None
            if phase == "forward":
                hit = _forward_hit(cue, sentence, tokens, ctx)
                if hit is not None and lex.forward_kinds.get(cue.word) == "citing":
                    pending_citing.append(hit)
                    claimed.append((hit.start, hit.end))
                    continue
            elif phase == "passive":
                hit = _passive_hit(cue, sentence, tokens, ctx)
            elif phase == "verb":
                hit = _verb_hit(cue, sentence, tokens, ctx, claimed)
            elif phase == "from":
                hit = _from_hit(cue, sentence, tokens, ctx)
            elif phase == "headline":
                hit = _headline_hit(cue, sentence, ctx)
            else:
                hit = _local_hit(cue, sentence, tokens, ctx)
            if hit is not None:
                hits.append(hit)
                claimed.extend(_claimed_by(hit, cue, phase, text))
    for citing in pending_citing:
        if any(h.start <= citing.start and citing.end <= h.end for h in hits):
            continue  # read already as part of a subject: "Reuters, citing X, said"
        host = _citing_host(citing, hits, text)
        if host is None:
            hits.append(citing)
        elif not _own_sources(citing):
            host.sources.extend(citing.sources)
        # else "X said ..., based on reports from its volunteers": X's own figure
    hits.sort(key=lambda h: h.start)
    _split_scopes(hits, tokens, lex)
    for hit in hits:
        document = hit.cue.lower() if hit.cue.lower() in lex.documents else ""
        for source in hit.sources:
            source.document = document
            _resolve(source, ctx)
            if source.link is not None:
                ctx.mentions.append(source)
    return hits


def _claimed_by(hit: _Hit, cue: _Cue, phase: str, text: str) -> list[tuple[int, int]]:
    """The spans a hit takes from the other cues of its sentence: all of it, or for a
    verb reached from its subject across another clause only the subject and the
    verb ("X estimated A ..., and said B": the first verb shares X)."""
    if phase == "verb":
        subject_end = max(
            (s.start + len(s.surface) for s in hit.sources if s.start < cue.start),
            default=hit.start,
        )
        if _ELIDED.search(text, subject_end, cue.start):
            return [(hit.start, subject_end), (cue.start, hit.end)]
    return [(hit.start, hit.end)]


# A clause between a subject and a later verb of its own: "X estimated A, and said".
_ELIDED = re.compile(r",\s*(?:and|but)\s+$|\s(?:and|but)\s+$")


def _split_scopes(hits: list[_Hit], tokens: _Tokens, lex: _Lexicon) -> None:
    """Keep each clause-level attribution to its own clause when a sentence joins two:
    "Kestrel Re estimated $12bn, while brokers put losses at $7bn"."""
    clause = [h for h in hits if h.clause]
    for first, second in zip(clause, clause[1:], strict=False):
        joint = None
        for i, (tok, s, _) in enumerate(tokens):
            if s < first.end or s >= second.start:
                continue
            nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            if tok == ";" or (tok == "," and nxt in lex.conjunctions):
                joint = s
        if joint is None:
            continue
        if first.scope[1] > joint and first.scope[0] < joint:
            first.scope = (first.scope[0], joint)
        if second.scope[0] < joint < second.scope[1]:
            second.scope = (joint, second.scope[1])


def _citing_host(citing: _Hit, hits: list[_Hit], text: str) -> _Hit | None:
    """The hit a "citing Y" clause belongs to: the source right before or after it."""
    for hit in hits:
        if hit.end <= citing.start and re.fullmatch(
            r"[\s,\"”’]*", text[hit.end : citing.start]
        ):
            return hit
    for hit in hits:
        if hit.start >= citing.end and re.fullmatch(
            r"[\s,\"“”]*", text[citing.end : hit.start]
        ):
            return hit
    for hit in hits:
        if hit.clause and hit.start <= citing.start <= hit.end:
            return hit
    for hit in hits:  # "X said ..., based on Y": a citing clause inside what X said
        if hit.clause and hit.scope[0] < citing.start <= hit.scope[1]:
            return hit
    return None


def _own_sources(citing: _Hit) -> bool:
    """Whether what a citing clause names belongs to its host: "based on reports from
    its volunteers", "citing their own data"."""
    return all(
        _OWN.search(source.surface) is not None for source in citing.sources
    ) and bool(citing.sources)


_OWN = re.compile(r"\b(?:its|their|our|own)\b", re.IGNORECASE)


# ------------------------------------------------------------------ phrase reading

_Tokens = list[tuple[str, int, int]]
_START = operator.itemgetter(1)


def _token_at(tokens: _Tokens, pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return bisect.bisect_left(tokens, pos, key=_START)


def _phrase_after(
    text: str, tokens: _Tokens, pos: int, lex: _Lexicon, limit: int = 14
) -> tuple[int, int] | None:
    """The span of the source phrase starting at ``pos`` (read forwards).

    Stops at punctuation and clause words; keeps a parenthesised acronym ("(NEO)")
    and nested cues ("with access to information from ...").
    """
    i = _token_at(tokens, pos)
    first = last = None
    count = 0
    while i < len(tokens) and count < limit:
        tok, s, e = tokens[i]
        low = tok.lower()
        if first is not None:
            nested = lex.nested_re.match(text, s)
            if nested is not None:
                j = _token_at(tokens, nested.end())
                if j < len(tokens) and tokens[j][0][0].isalnum():
                    i = j
                    continue
        if tok == "(" and last is not None:
            j = i + 1
            while j < len(tokens) and tokens[j][0] != ")" and j - i < 5:
                j += 1
            if j < len(tokens) and tokens[j][0] == ")":
                last = tokens[j][2]
                i = j + 1
                continue
            break
        if tok in _QUOTES:
            if (
                first is None
                or tokens[i - 1][0][:1].isupper()
                or (i + 1 < len(tokens) and tokens[i + 1][0][:1].isupper())
            ):
                i += 1
                continue
            break
        if not tok[0].isalnum() and tok[0] not in "$€£":
            break
        inside = low in _CLOSERS and tokens[i - 1][0].lower() in lex.inner
        stop = (
            low in lex.stop
            and low not in lex.inner
            and tok[:1].islower()
            and not _knowledge_link(tokens, i, lex)
        )
        verb = tok in lex.verbs and low not in lex.documents
        if first is not None and (stop or verb or tok[:1].isdigit()) and not inside:
            break
        if first is not None and low in ("and", "&"):
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if not (nxt[:1].isupper() and tokens[i - 1][0][:1].isupper()):
                break
        if first is None:
            first = s
        last = e
        count += 1
        i += 1
    if first is None or last is None:
        return None
    j = _token_at(tokens, last) - 1
    while (
        j > 0 and tokens[j][1] > first and tokens[j][0].lower() in lex.inner | _CLOSERS
    ):
        last = tokens[j - 1][2]
        j -= 1
    return first, last


def _knowledge_link(tokens: _Tokens, i: int, lex: _Lexicon) -> bool:
    """Whether token ``i`` belongs to a link between a source and what it knows:
    "familiar with", "with knowledge of" ("a person with knowledge of the talks")."""
    pairs = (
        tokens[i - 1][0] + " " + tokens[i][0] if i > 0 else "",
        tokens[i + 1][0] + " " + tokens[i + 2][0] if i + 2 < len(tokens) else "",
    )
    return any(pair.lower() in lex.knowledge_links for pair in pairs)


def _name_goes_on(tokens: _Tokens, i: int, floor: int, lex: _Lexicon) -> bool:
    """Whether a capitalised name read backwards to a "the" goes on before it, the
    "the" being inside it ("Save the Children", "Friends of the Earth"): token ``i``
    (or the one before a connecting "of") is a capitalised word that starts no
    sentence or clause."""
    if i < floor or not tokens[i + 2][0][:1].isupper():
        return False
    if tokens[i][0] == "of" and i - 1 >= floor:
        i -= 1
    word = tokens[i][0]
    low = word.lower()
    before = tokens[i - 1][0].lower() if i > floor else ""
    return (
        word[:1].isupper()
        and word.isalpha()
        and low not in lex.stop
        and low not in lex.between
        and low not in lex.time_words
        and low not in _CLOSERS
        and before not in lex.prepositions  # "In Geneva the council said"
    )


def _phrase_before(
    tokens: _Tokens,
    end_index: int,
    lex: _Lexicon,
    floor: int = 0,
    limit: int = 10,
    absolute: bool = False,
) -> tuple[int, int] | None:
    """The span of the source phrase ending just before token ``end_index``.

    Reads backwards over capitalised words, source words and modifiers; stops at
    punctuation, clause words and verb forms, and after a determiner.
    """
    i = end_index - 1
    first = last = None
    count = 0
    governed = ""  # the word before the phrase, when it ends the reading
    while i >= floor and count < limit:
        tok, s, e = tokens[i]
        low = tok.lower()
        if tok == ")":
            j = i - 1
            while j >= floor and tokens[j][0] != "(" and i - j < 8:
                j -= 1
            if j >= floor and tokens[j][0] == "(" and last is None:
                last = e
                i = j - 1
                continue
            break
        if (
            tok in _QUOTES
            and first is not None
            and i > floor
            and tokens[i - 1][0][:1].isalnum()
        ):
            i -= 1
            continue
        if not tok[0].isalnum() and tok[0] not in "$€£":
            break
        if low in lex.inner and low not in _CLOSERS:
            prev = tokens[i - 1][0] if i > floor else ""
            if first is None or not (
                prev[:1].isupper()
                or _is_role(lex, prev)
                or _classify(prev, lex)
                or (low in ("from", "by") and prev.lower() in lex.documents)
            ):
                governed = low
                break
        elif low in lex.stop and low not in _CLOSERS and (tok[:1].islower() or i == 0):
            governed = low
            break
        if tok[:1].islower() and low.endswith("ed") and not _classify(low, lex):
            break
        if tok[:1].islower() and low in lex.verbs and low not in lex.documents:
            break
        if last is None:
            last = e
        first = s
        count += 1
        i -= 1
        if low in _CLOSERS or low in lex.number_words or tok[:1].isdigit():
            # "A spokesperson for the ministry": read on through "for the".
            if i - 1 >= floor and tokens[i][0].lower() in lex.inner and i > floor:
                prev = tokens[i - 1][0]
                if _is_role(lex, prev) or _classify(prev, lex):
                    continue
            leads = (
                lex.knowledge_links.get(f"{tokens[i - 1][0]} {tokens[i][0]}".lower())
                if i - 1 >= floor
                else None
            )
            if leads is not None:
                # "people familiar with the matter", "people with knowledge of the
                # matter": read on to "people".
                i -= 2
                count += 2
                for lead in leads:
                    n = len(lead)
                    if i - n + 1 >= floor and all(
                        tokens[i - n + 1 + k][0].lower() == word
                        for k, word in enumerate(lead)
                    ):
                        i -= n
                        count += n
                        break
                continue
            if low == "the" and _name_goes_on(tokens, i, floor, lex):
                continue  # "Save the Children", "Friends of the Earth"
            break
    if first is None or last is None:
        return None
    if governed == "with" and absolute:
        governed = ""  # "with figures indicating that ...": an absolute clause
    if governed in lex.prepositions:
        # The object of a preposition is no subject, except a name after "of": "a
        # project of J Mason Kerr, a statistician, calculated ...".
        phrase = " ".join(t[0] for t in tokens[i + 1 : end_index])
        if governed != "of" or not _looks_like_person(phrase, lex):
            return None
    return first, last


def _is_sourcey(
    phrase: str, lex: _Lexicon, registry: SourceRegistry, strict: bool = False
) -> bool:
    """Whether a phrase can name a source (and is not "photos", "the toll", "2024")."""
    tag = "strict" if strict else "sourcey"
    known = lex.memo.get((tag, phrase))
    if known is None:
        known = _memo(
            lex, tag, phrase, _is_sourcey_uncached(phrase, lex, registry, strict)
        )
    return known


def _is_sourcey_uncached(
    phrase: str, lex: _Lexicon, registry: SourceRegistry, strict: bool
) -> bool:
    name = _clean(phrase, lex)
    if not name:
        return False
    low = name.lower()
    words = [w.strip(".,'’") for w in name.split()]
    if low in lex.pronouns or (words[0].lower() in lex.pronouns and len(words) <= 2):
        return True
    if all(w.lower() in lex.time_words or w.isdigit() for w in words):
        return False
    head = re.split(r"\s+(?:of|for|at|in|from|with)\s+", name, maxsplit=1)[0].split()
    if not head:
        return False
    head_word = head[-1].lower().strip(".,'’")
    if head_word in lex.not_sources:
        return False
    if registry.lookup(name) is not None or _classify(name, lex):
        return True
    if head_word in lex.documents:
        return not strict or any(w[:1].isupper() for w in words[:-1])
    if lex.places.get(low) is not None:
        return True
    return any(w[:1].isupper() for w in words) and _name_token(head[-1])


def _reduce(phrase: str, lex: _Lexicon) -> tuple[str, ...]:
    """Split a source phrase into its chain: "a senator with access to information
    from the NEO" -> ("a senator", "the NEO"); "data from X" -> ("X",)."""
    known = lex.memo.get(("reduce", phrase))
    if known is None:
        known = _memo(lex, "reduce", phrase, _reduce_uncached(phrase, lex))
    return known


def _reduce_uncached(phrase: str, lex: _Lexicon) -> tuple[str, ...]:
    match = lex.nested_re.search(phrase)
    if match is None:
        return (phrase,)
    left, right = phrase[: match.start()].strip(" ,"), phrase[match.end() :].strip(" ,")
    if not right:
        return (left,)
    left_name = _clean(left, lex)
    left_head = left_name.split()[-1].lower() if left_name else ""
    cue = match.group().strip().lower()
    if not left_name or left_head in lex.documents or cue.split()[0] in lex.documents:
        return _reduce(right, lex)
    return (left, *_reduce(right, lex))


def _sources(
    phrase: str, start: int, lex: _Lexicon, descriptor: str = ""
) -> list[_Source]:
    out = []
    parts = _reduce(phrase, lex)
    for part in parts:
        found = phrase.find(part)
        out.append(_Source(part, start + max(found, 0)))
    if out and descriptor:
        out[-1].descriptor = descriptor
    elif len(parts) == 1 and parts[0] != phrase:
        out[0].descriptor = phrase  # "a new study from X": X is "the study" later
    return out


def _clause_bounds(
    tokens: _Tokens, pos: int, sentence: _Sentence, lex: _Lexicon
) -> tuple[int, int]:
    """The comma- or dash-delimited stretch of the sentence around ``pos``."""
    lo, hi = sentence.start, sentence.end
    for k, (tok, s, e) in enumerate(tokens):
        if tok in (",", ";", "—", "–", "(", ")", ":"):
            if e <= pos:
                lo = e
            elif s >= pos:
                if tok == "," and _list_goes_on(tokens, k, lex):
                    continue  # "..., and more than 30,000 since 2014"
                hi = s
                break
    return lo, hi


def _clause_start(tokens: _Tokens, pos: int, sentence: _Sentence, lex: _Lexicon) -> int:
    """Start of the clause holding ``pos``: after the last ", but"/";" before it."""
    start = sentence.start
    for i, (tok, s, e) in enumerate(tokens):
        if s >= pos:
            break
        if tok == ";" or (
            tok == "," and i + 1 < len(tokens) and tokens[i + 1][0] in lex.conjunctions
        ):
            start = e
    return start


_FIGURE = re.compile(r"\d")


def _forward_hit(
    cue: _Cue, sentence: _Sentence, tokens: _Tokens, ctx: _Context
) -> _Hit | None:
    lex = ctx.registry.lexicon
    kind = lex.forward_kinds.get(cue.word, "according")
    span = _phrase_after(ctx.text, tokens, cue.end, lex)
    if span is None:
        return None
    phrase = ctx.text[span[0] : span[1]]
    if not _is_sourcey(phrase, lex, ctx.registry, strict=kind in ("weak", "citing")):
        return None
    sources = _sources(phrase, span[0], lex)
    if kind == "quoted":
        lo, _ = _clause_bounds(tokens, cue.start, sentence, lex)
        if (
            _FIGURE.search(ctx.text, lo, cue.start)
            and ctx.text[lo : cue.start].rstrip()[-1:].isalpha()
        ):
            # "far below the $45 million figure cited by the chamber": the cue
            # qualifies the figure right before it, not the sentence.
            return _Hit(cue.start, span[1], (lo, cue.start), sources, cue.word, False)
        commas = [t for t in tokens if t[2] <= cue.start and t[0] == ","]
        if lo > sentence.start and commas:
            spoken = _phrase_before(tokens, _token_at(tokens, commas[-1][1]), lex)
            if spoken is not None and _is_sourcey(
                ctx.text[spoken[0] : spoken[1]], lex, ctx.registry
            ):
                said = _sources(ctx.text[spoken[0] : spoken[1]], spoken[0], lex)
                scope = (sentence.start, sentence.end)
                return _Hit(spoken[0], span[1], scope, sources + said, cue.word, True)
    before = ctx.text[sentence.start : cue.start].strip(' ,"“”')
    after = ctx.text[span[1] : sentence.end].strip(" .,!?\"“”'’")
    if not before:
        scope, trailing = (span[1], sentence.end), False
    elif not after:
        scope, trailing = (sentence.start, cue.start), True
    else:
        scope, trailing = (sentence.start, sentence.end), False
    return _Hit(cue.start, span[1], scope, sources, cue.word, True, trailing)


def _passive_hit(
    cue: _Cue, sentence: _Sentence, tokens: _Tokens, ctx: _Context
) -> _Hit | None:
    lex = ctx.registry.lexicon
    span = _phrase_after(ctx.text, tokens, cue.end, lex)
    if span is None:
        return None
    phrase = ctx.text[span[0] : span[1]]
    if not _is_sourcey(phrase, lex, ctx.registry):
        return None
    sources = _sources(phrase, span[0], lex)
    gap = ctx.text[cue.start : cue.end]
    to_outlet = re.search(r"\bto\s+((?:[A-Z][\w.&-]*\s*)+)", gap)
    if to_outlet:
        info = ctx.registry.describe(to_outlet.group(1))
        if info.kind in ("outlet", "wire"):
            sources = [_Source(to_outlet.group(1).strip(), cue.start), *sources]
    preceding = ctx.text[max(sentence.start, cue.start - 24) : cue.start].lower()
    finite = re.search(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+\s+)?$", preceding)
    word = cue.word + " by"
    if finite is not None:
        lo = _clause_bounds(tokens, cue.start, sentence, lex)[0]
        if not ctx.text[lo : cue.start].strip(" ,").lower().startswith("it "):
            lo = min(lo, _clause_start(tokens, cue.start, sentence, lex))
        return _Hit(cue.start, span[1], (lo, sentence.end), sources, word, True)
    lo, hi = _clause_bounds(tokens, cue.start, sentence, lex)
    if ctx.text[sentence.start : cue.start].rstrip().endswith(","):
        # "X sent 3,200 engineers, confirmed by Y": the participle closes what precedes.
        lo = _clause_bounds(tokens, lo - 2, sentence, lex)[0]
    return _Hit(cue.start, span[1], (lo, hi), sources, word, False)


def _verb_hit(
    cue: _Cue,
    sentence: _Sentence,
    tokens: _Tokens,
    ctx: _Context,
    claimed: list[tuple[int, int]],
) -> _Hit | None:
    lex = ctx.registry.lexicon
    text = ctx.text
    vi = _token_at(tokens, cue.start)
    k = vi - 1
    while (
        cue.word.lower() in lex.documents  # a verb that is also a noun: "forecast"
        and k > 0
        and vi - k < 3
        and tokens[k][0].isalpha()
        and tokens[k][0].islower()
        and tokens[k][0] not in _CLOSERS
        and tokens[k][0] not in lex.own_possessives
    ):
        k -= 1  # words between a determiner and its noun: "its inflation forecast"
    if k >= 0 and (
        _is_possessive(tokens[k][0])
        or tokens[k][0].lower() in _CLOSERS
        or tokens[k][0].lower() in lex.own_possessives
    ):
        return None  # a noun: "Chile's estimate", "the report", "its growth forecast"
    if vi + 1 < len(tokens) and tokens[vi + 1][0] in ("from", "of", "by", "for"):
        return None  # a noun: "estimates from regional transit authorities"
    if (
        vi + 1 < len(tokens)
        and tokens[vi + 1][0].lower() in lex.verb_particles
        and not (vi + 2 < len(tokens) and tokens[vi + 2][0].lower() == "to")
    ):
        return None  # another verb: "5 million people showed up" ("said up to": a cue)
    j = vi
    while j > 0:  # words between the source and its verb: "The NEO also believes"
        tok = tokens[j - 1][0]
        low = tok.lower()
        if (
            (low in lex.between and tok[:1].islower())
            or low in lex.time_words
            or tok.isdigit()
            or (low.endswith("ly") and tok[:1].islower() and len(low) > 4)
            or (low in lex.passive_words and j < vi and j > 1)
        ):
            j -= 1
            continue
        if tok == ")":
            k = j - 1
            while k > 0 and tokens[k][0] != "(" and j - k < 8:
                k -= 1
            if tokens[k][0] == "(":
                j = k
                continue
        break
    speech = cue.word.lower() in lex.spoken
    found = _subject(tokens, j, ctx, absolute=cue.word.endswith("ing"), speech=speech)
    if found is None:
        return _inverted_hit(cue, vi, sentence, tokens, ctx)
    span, prefix, suffix, first_piece, descriptor = found
    phrase = text[span[0] : span[1]]
    if not _names_speaker(phrase, lex, ctx.registry, speech):
        return None
    before = _token_at(tokens, span[0]) - 1
    if before >= 0 and tokens[before][0].lower() == "than":
        return None  # "a bigger move than analysts had expected": a comparison
    if phrase.split()[0].lower() in lex.first_person and _inside_quotation(
        text, sentence.start, span[0]
    ):
        return None  # '"We have put the cost at $22m," Raman said': Raman's "we"
    if not all(
        span[1] <= c0 or span[0] >= c1 or span == (c0, c1) for c0, c1 in claimed
    ):
        return None
    sources = prefix + _sources(phrase, span[0], lex, descriptor) + suffix
    after_index = vi + 1
    if cue.word in lex.object_verbs:  # the outlet a source spoke to: "told DPA"
        obj = _phrase_after(text, tokens, cue.end, lex, limit=5)
        if obj is not None:
            obj = _before_determiner(tokens, obj)  # "told Reuters the company would"
            obj_text = text[obj[0] : obj[1]]
            kind = ctx.registry.describe(obj_text).kind
            if (
                kind in ("outlet", "wire")
                and obj_text.split()[-1].lower() not in lex.audiences
                and not _is_publisher(obj_text, ctx.publisher, ctx.registry)
            ):
                # The outlet the source told, unless it is the publisher itself
                # ("told the Herald" in the Herald), or an occasion ("told a news
                # conference").
                sources = [_Source(obj_text, obj[0]), *sources]
            after_index = _token_at(tokens, obj[1])
    rest = _first_tokens(tokens, after_index, 2, lex.between)
    ends_here = (
        not rest
        or (
            rest[0][0] in (",", "”", '"')
            and not _opens_quotation(text, rest[0][1])
            and (len(rest) == 1 or rest[1][0][:1].islower())
        )
        or _closing_circumstance(
            text,
            tokens[after_index][1] if after_index < len(tokens) else sentence.end,
            sentence.end,
            lex,
        )
    )
    start = min(first_piece, span[0])
    if ends_here and span[0] > sentence.start + 2:
        scope_end = span[0]
        if (
            len(rest) > 1
            and rest[0][0] == ","
            and (
                rest[1][0].lower() in lex.continuing
                or _list_goes_on(tokens, _token_at(tokens, rest[0][1]), lex)
            )
        ):
            # "..., X told reporters, adding that 60 were missing" (or "..., beating
            # the record of 56,300"): what X said, on both sides of the verb.
            scope_end = sentence.end
        return _Hit(
            start, cue.end, (sentence.start, scope_end), sources, cue.word, True, True
        )
    # The clause ends at the first ";" after the verb (always a token of its own),
    # or where a clause with a named subject of its own begins.
    semicolon = text.find(";", cue.end, sentence.end)
    clause_end = semicolon if semicolon >= 0 else sentence.end
    if "," in text[cue.end : clause_end]:
        clause_end = _next_subject_clause(tokens, after_index, clause_end, lex)
    if " that" in text[cue.end : clause_end] and any(
        t[0].lower() in lex.verbs for t in tokens[: _token_at(tokens, span[0])]
    ):
        # A verb inside what another one reports ("He said the volunteers counted
        # three children and that 75 were missing") reports up to the next "and
        # that", which the outer verb goes on with.
        clause_end = _and_that(tokens, after_index, clause_end)
    hit = _Hit(start, cue.end, (cue.end, clause_end), sources, cue.word, True)
    hit.reports = _reports(text, cue.end, clause_end, lex)
    return hit


def _before_determiner(tokens: _Tokens, span: tuple[int, int]) -> tuple[int, int]:
    """A phrase cut before a lower-case determiner past its first word: the object
    of "told" runs into the reported clause where no "that" comes between them."""
    first = _token_at(tokens, span[0])
    for tok, s, _ in tokens[first + 1 :]:
        if s >= span[1]:
            break
        if tok in _CLOSERS:
            end = tokens[_token_at(tokens, s) - 1][2]
            return span[0], end
    return span


def _and_that(tokens: _Tokens, i: int, end: int) -> int:
    """Where "and that" (or "but that") starts after token ``i``, before ``end``."""
    for k in range(i, len(tokens) - 1):
        tok, s, _ = tokens[k]
        if s >= end:
            break
        if tok.lower() in ("and", "but") and tokens[k + 1][0].lower() == "that":
            return s
    return end


def _next_subject_clause(tokens: _Tokens, i: int, end: int, lex: _Lexicon) -> int:
    """Where ", and" (or ", but", ", while") opens a clause with a capitalised subject
    of its own and its verb ("Germany announced $500 million, and Britain pledged
    $300 million"): what the first verb reports stops there. ``end`` if none, and
    where the verb reports a "that" clause, which may go on so ("calculates that
    there were ..., and the plaza is ...")."""
    if any(tok.lower() == "that" for tok, _, _ in tokens[i : i + 2]):
        return end
    for k in range(i, len(tokens) - 3):
        tok, s, _ = tokens[k]
        if s >= end:
            break
        if tok != "," or tokens[k + 1][0].lower() not in lex.conjunctions:
            continue
        j = k + 2
        while j < len(tokens) and _name_token(tokens[j][0]):
            j += 1
        if j == k + 2 or j >= len(tokens) or tokens[k + 2][0].lower() in lex.stop:
            continue
        verb = tokens[j][0]
        low = verb.lower()
        if (
            verb.isalpha()
            and verb.islower()
            and low not in lex.prepositions
            and low not in lex.conjunctions
            and low not in _CLOSERS
        ):
            return s
    return end


_REPORTED_CONTENT = re.compile(r"[\d\"“:;]|\bthat\b")


def _inside_quotation(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation opened after ``start`` and not closed."""
    before = text[start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _closing_circumstance(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether what follows a verb of saying to its sentence's end only says where
    or how it was said ("..., the council said in its 8 a.m. situation report."): a
    prepositional phrase that reports nothing, so the verb closes its sentence."""
    tail = text[start:end]
    word = tail.split(None, 1)[0].lower() if tail.strip() else ""
    if word not in lex.prepositions:
        return False
    tail = _CLOCK_TIME.sub("", tail)
    # A date says when it was said: "on March 10", "on 10 March 2026".
    for pattern in _DATES:
        tail = pattern.sub(
            lambda m: "" if m.group(1).lower() in lex.time_words else m.group(0), tail
        )
    return _REPORTED_CONTENT.search(tail) is None


# A day and year beside a word (a month, if lex.time_words has it): "10 March 2026",
# "March 10, 2026".
_DATES = (
    re.compile(r"\b\d{1,2}\s+([A-Za-z]+)(?:\s+\d{4})?\b"),
    re.compile(r"\b([A-Za-z]+)\.?\s+\d{1,2}(?:,?\s+\d{4})?\b"),
)
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)")


def _opens_quotation(text: str, at: int) -> bool:
    """Whether the straight quote at ``at`` opens a quotation (space before it, a word
    right after it: 'said "the ...') rather than closes one."""
    return (
        text[at : at + 1] == '"'
        and (at == 0 or text[at - 1].isspace())
        and at + 1 < len(text)
        and not text[at + 1].isspace()
    )


def _names_speaker(
    phrase: str, lex: _Lexicon, registry: SourceRegistry, speech: bool
) -> bool:
    """Whether a verb's subject names its source: anything source-like, and before a
    verb of speaking also a body the registry does not know ("the coastguard")."""
    return _is_sourcey(phrase, lex, registry) or (
        speech and _definite_common_noun(phrase, lex)
    )


def _definite_common_noun(phrase: str, lex: _Lexicon) -> bool:
    """ "The coastguard", "the port authority": one or two lower-case words after
    "the". As the subject of a speech verb ("said", "told") such a phrase names a
    speaker the registry need not know; it is kept in the chain as it stands."""
    words = phrase.split()
    return (
        2 <= len(words) <= 3
        and words[0].lower() == "the"
        and all(w.isalpha() and w.islower() for w in words[1:])
        and words[-1] not in lex.not_sources
        and words[-1] not in lex.time_words
        and " ".join(words[1:]) not in lex.not_speakers
        and words[1] not in lex.not_speakers
    )


def _is_possessive(token: str) -> bool:
    """ "Chile's", "unions'": a word ending in a possessive."""
    return token.endswith(_POSSESSIVE_ENDS) and _POSSESSIVE.search(token) is not None


def _first_tokens(
    tokens: _Tokens, start: int, count: int, skipped: frozenset[str]
) -> _Tokens:
    """The first ``count`` tokens from index ``start`` on that are not ``skipped``."""
    found: _Tokens = []
    for token in tokens[start:]:
        if token[0].lower() not in skipped:
            found.append(token)
            if len(found) == count:
                break
    return found


def _reports(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether a verb's complement ``text[start:end]`` states a content: "said
    that", "estimated 6,800"."""
    # A digit, a colon or a quotation mark decides at once, without the word search
    # (or a copy of the complement: the mark pattern has no anchor or word boundary).
    return _CONTENT_MARK.search(text, start, end) is not None or bool(
        lex.content_re.search(text[start:end])
    )


def _inverted_hit(
    cue: _Cue, vi: int, sentence: _Sentence, tokens: _Tokens, ctx: _Context
) -> _Hit | None:
    """'"...," said a Treasury official': the source follows its verb."""
    lex = ctx.registry.lexicon
    if (
        vi == 0
        or tokens[vi - 1][0] not in (",", "”", '"', "’")
        or cue.word not in lex.inverting
    ):
        return None
    span = _phrase_after(ctx.text, tokens, cue.end, lex, limit=10)
    if span is None:
        return None
    phrase = ctx.text[span[0] : span[1]]
    if phrase.split()[0].lower() == "that" or not _is_sourcey(
        phrase, lex, ctx.registry
    ):
        return None
    sources = _sources(phrase, span[0], lex)
    return _Hit(
        cue.start, span[1], (sentence.start, cue.start), sources, cue.word, True, True
    )


_RELATIVE_WORDS = frozenset({"who", "which", "whose", "that", "where", "whom"})


def _subject(
    tokens: _Tokens,
    end_index: int,
    ctx: _Context,
    absolute: bool = False,
    speech: bool = False,
) -> tuple[tuple[int, int], list[_Source], list[_Source], int, str] | None:
    """The subject of a verb whose tokens end before ``end_index``.

    Reads comma-separated pieces backwards, skipping relative clauses ("who attended
    the briefing"), appositions ("director of ..."), and "citing Y" / "quoted by X"
    clauses, which become the end / the start of the chain. With ``speech`` (the verb
    is "said", "told", ...), a definite common noun ("the coastguard") is a subject
    too. Returns the subject's span, the sources before and after it in the chain,
    where the first piece read starts, and a descriptor of the subject (its
    apposition or title).
    """
    lex = ctx.registry.lexicon
    text = ctx.text
    prefix: list[_Source] = []
    suffix: list[_Source] = []
    by_source: list[_Source] = []
    descriptor = ""
    right = end_index
    first_piece = tokens[end_index][1] if end_index < len(tokens) else len(text)
    while right > 0:
        left, depth = right, 0
        while left > 0:
            tok = tokens[left - 1][0]
            if tok == ")":
                depth += 1
            elif tok == "(":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (tok == "," or tok in _CLAUSE_PUNCT):
                break
            left -= 1
        separator = tokens[left - 1][0] if left > 0 else ""
        # A piece opening with a closing quote starts a clause: '"...," he said'.
        boundary = separator != "," or (
            left < right and tokens[left][0] in ("”", '"', "’")
        )
        words = [t for t in tokens[left:right] if t[0] not in _QUOTES]
        if not words:
            if not boundary:
                right = left - 1
                continue
            return None
        piece = text[words[0][1] : words[-1][2]]
        low = piece.lower()
        first = words[0][0]
        cue = _leading_forward_cue(low, lex)
        kind = lex.forward_kinds.get(cue) if cue else None
        skip = True
        if kind in ("citing", "weak"):
            body = piece[len(cue) :].lstrip()
            if _is_sourcey(body, lex, ctx.registry, strict=True):
                at = words[0][1] + len(piece) - len(body)
                suffix = _sources(body, at, lex) + suffix
        elif kind in ("quoted", "according"):
            body = piece[len(cue) :].lstrip()
            prefix = _sources(body, words[0][1] + len(piece) - len(body), lex) + prefix
        elif not first.isupper() and first.lower() in _RELATIVE_WORDS:
            pass
        elif (
            first.lower() in _REDUCED
            and len(words) > 1
            and _PARTICIPLE.match(words[1][0])
        ):
            pass  # "when asked whether ...": a reduced clause
        elif first[:1].islower() and first.endswith(("ing", "ed")) and not boundary:
            by = re.search(r"\bby\s+(.+)$", piece)
            if by and first.lower() in lex.passive_words:
                by_source = _sources(by.group(1), words[0][1] + by.start(1), lex)
        elif (
            not boundary
            and _appositive(piece, lex)
            and _name_token(tokens[left - 2][0])
            # "on Wednesday, the council said", "in Manila, the agency said": a date
            # or the object of a preposition is described by no apposition.
            and not _governed_name(tokens, left - 2, lex)
            and not (left == 2 and tokens[0][0].lower() in lex.stop)  # "However, a ..."
            # "According to Reuters, the minister said": not an apposition of Reuters.
            and not _opens_with_forward_cue(ctx.text, tokens, left - 2, lex)
        ):
            descriptor = piece
        elif all(w[0].lower() in lex.time_words or w[0][:1].isdigit() for w in words):
            pass
        elif (
            not boundary
            and first.lower() in lex.prepositions
            and right < len(tokens)
            and tokens[right][0] == ","
        ):
            pass  # "The company, in a statement, said": where or how it was said
        else:
            skip = False
        if skip:
            if boundary:
                return None
            first_piece = tokens[left][1]
            right = left - 1
            continue
        cut = _cut_trailing(tokens, left, right, lex)
        span = _phrase_before(tokens, cut, lex, floor=left, absolute=absolute)
        if span is None or not _names_speaker(
            text[span[0] : span[1]], lex, ctx.registry, speech
        ):
            verbal = any(t[0] in lex.verbs and t[0] not in lex.documents for t in words)
            if (
                boundary
                or verbal
                or not (first[:1].islower() or first.lower() in _CLOSERS)
            ):
                return None
            descriptor = piece  # "Greenpeace, a member of the network, said"
            first_piece = tokens[left][1]
            right = left - 1
            continue
        name = _clean(text[span[0] : span[1]], lex)
        if by_source and (not name or name.split()[-1].lower() in lex.documents):
            source = by_source[0]
            span = (source.start, source.start + len(source.surface))
        if not descriptor and not boundary and left > 1:
            title = _phrase_before(tokens, left - 1, lex)
            if title is not None and _looks_like_person(name, lex):
                descriptor = text[title[0] : title[1]]
        return span, prefix, suffix, min(first_piece, span[0]), descriptor
    return None


def _opens_with_forward_cue(
    text: str, tokens: _Tokens, index: int, lex: _Lexicon
) -> bool:
    """Whether the comma-separated piece ending at token ``index`` opens with a forward
    cue ("according to", "quoted by"): its name is that cue's source."""
    first = index
    while (
        first > 0
        and tokens[first - 1][0] != ","
        and tokens[first - 1][0] not in _CLAUSE_PUNCT
    ):
        first -= 1
    piece = text[tokens[first][1] : tokens[index][2]].lower()
    return _leading_forward_cue(piece, lex) is not None


def _leading_forward_cue(low: str, lex: _Lexicon) -> str | None:
    """The forward cue ("according to", "citing") a lower-cased piece opens with."""
    return next(
        (
            cue
            for cue in lex.forward_by_first.get(low.partition(" ")[0], ())
            if low.startswith(cue + " ")
        ),
        None,
    )


def _cut_trailing(tokens: _Tokens, left: int, right: int, lex: _Lexicon) -> int:
    """End of a subject piece before a trailing participle or "with access to" clause
    ("three Baltic envoys tracking their nationals' cases")."""
    for i in range(right - 1, left, -1):
        tok = tokens[i][0]
        marker = (tok.lower() in _TRAILING_MARKERS and not tok.isupper()) or (
            tok[:1].islower()
            and len(tok) > 4
            and tok.endswith("ing")
            and not any(t[0][:1].isupper() for t in tokens[i + 1 : right])
        )
        if not marker:
            continue
        prev = tokens[i - 1][0]
        if prev.lower() in _CLOSERS:
            continue
        if prev[:1].isupper() or _is_role(lex, prev) or _classify(prev, lex):
            whole = " ".join(t[0] for t in tokens[left:right])
            cut = " ".join(t[0] for t in tokens[left:i])
            return right if _needs_its_clause(whole, cut, lex) else i
    return right


def _governed_name(tokens: _Tokens, index: int, lex: _Lexicon) -> bool:
    """Whether the name ending at token ``index`` is a date ("Wednesday") or the
    object of a preposition ("in Davao City"): no subject, so nothing after it is
    its apposition."""
    if tokens[index][0].lower() in lex.time_words:
        return True
    i = index
    while i > 0 and _name_token(tokens[i - 1][0]):
        i -= 1
    # A name after "of" may still be the subject: "a project of J Mason Kerr, a
    # statistician, calculated".
    return i > 0 and tokens[i - 1][0] in lex.prepositions and tokens[i - 1][0] != "of"


def _appositive(piece: str, lex: _Lexicon) -> bool:
    """Whether a comma piece describes the source before it ("director of ...")."""
    words = piece.split()
    if not words:
        return False
    first = words[0].lower()
    if first in ("a", "an") and len(words) > 1:
        return True  # "a Lisbon-based insurer", "a UN official": a description
    if first in lex.own_possessives and len(words) > 1:
        return True  # "Mira Kallas, its general secretary, said"
    if first == "one" and len(words) > 2 and words[1].lower() == "of":
        return True  # "X, one of the largest logistics groups, said"
    if _is_possessive(words[0]) and len(words) > 1 and _is_role(lex, words[1]):
        return True  # "Lena Varga, Brightwater's head of research, said"
    if first == "the" and len(words) > 1:
        return not words[1][:1].isupper() or bool(_is_role(lex, words[1]))
    if first.endswith("s") and _is_role(lex, first[:-1]):
        # "in the Corran Hills, officials said": a role in the plural with no article
        # is the subject itself; an apposition describes one person.
        return False
    return bool(_is_role(lex, first)) or first.startswith(("co-", "former"))


def _possessor(tokens: _Tokens, index: int, lex: _Lexicon) -> int:
    """Where the owner of a possessive token ("Chile's", "the unions'") starts."""
    start = tokens[index][1]
    i = index - 1
    while i >= 0:
        tok = tokens[i][0]
        low = tok.lower()
        if low in ("the", "a", "an"):
            return tokens[i][1]
        capital = tok[:1].isupper() and tok[0].isalpha()
        joins = (
            low in ("of", "for", "and", "&", "de")
            and i > 0
            and tokens[i - 1][0][:1].isupper()
        )
        if not (capital or joins):
            break
        start = tokens[i][1]
        i -= 1
    return start


def _from_hit(
    cue: _Cue, sentence: _Sentence, tokens: _Tokens, ctx: _Context
) -> _Hit | None:
    """ "Early estimates from regional transit authorities ranged from ..." """
    lex = ctx.registry.lexicon
    span = _phrase_after(ctx.text, tokens, cue.end, lex)
    if span is None:
        return None
    phrase = ctx.text[span[0] : span[1]]
    if not _is_sourcey(phrase, lex, ctx.registry, strict=True):
        return None
    lo, hi = _clause_bounds(tokens, cue.start, sentence, lex)
    return _Hit(
        cue.start, span[1], (lo, hi), _sources(phrase, span[0], lex), cue.word, False
    )


def _headline_hit(cue: _Cue, sentence: _Sentence, ctx: _Context) -> _Hit | None:
    """ "Oxfam: Coastal Floods Displace 90,000": a headline naming its source first."""
    if (
        cue.start != sentence.start
        or ctx.text[sentence.end - 1 : sentence.end] in ".!?"
    ):
        return None
    if not _is_sourcey(cue.word, ctx.registry.lexicon, ctx.registry):
        return None
    scope = (sentence.start, sentence.end)
    return _Hit(
        cue.start, cue.end, scope, [_Source(cue.word, cue.start)], "headline", True
    )


def _local_hit(
    cue: _Cue, sentence: _Sentence, tokens: _Tokens, ctx: _Context
) -> _Hit | None:
    """A phrase-level attribution: "X's estimate", "X's 6,800", "a DPA tally"."""
    lex = ctx.registry.lexicon
    text = ctx.text
    own = (
        cue.kind == "possessive" and cue.word.split()[0].lower() in lex.own_possessives
    )
    opening = False
    if own:
        owner = _sentence_subject(text, sentence.start, cue.start, ctx)
        opening = owner is None and not text[sentence.start : cue.start].strip(
            _QUOTES_AND
        )
        if opening:
            # "Its latest report, dated May 2, lists ...": the sentence opens with
            # the possessive, a pronoun for a body named before, and its subject.
            owner = cue.start, cue.word.split()[0]
        if owner is None:
            return None
        lo, phrase = owner
        name = phrase
    elif cue.kind == "possessive":
        index = bisect.bisect_right(tokens, cue.start, key=_START) - 1
        if index < 0:
            return None
        lo = _possessor(tokens, index, lex)
        phrase = text[lo : cue.start]
        if ctx.registry.lookup(text[lo : tokens[index][2]]) is not None:
            phrase = text[lo : tokens[index][2]]  # a name ending in 's: "Sotheby's"
        name = _clean(phrase, lex)
        if not name or not (
            _is_sourcey(phrase, lex, ctx.registry) or ctx.acronym(name) is not None
        ):
            return None
        if re.search(r"\d", cue.word) and not (
            _names_source(name, ctx)
            or name.lower() in lex.pronouns
            or name.lower() in lex.places
            or name.isupper()
        ):
            return None
    else:
        phrase = cue.word
        if phrase.split()[0].lower() in lex.time_words or not _is_sourcey(
            phrase, lex, ctx.registry
        ):
            return None
        known = ctx.registry.lookup(phrase) is not None or _classify(phrase, lex)
        if not (known or phrase.isupper() or lex.places.get(phrase.lower())):
            return None
        lo = cue.start
    if own and opening:
        scope = (lo, sentence.end)
    elif own or (
        cue.kind == "possessive"
        and _CLAUSE_OPENING.search(text[sentence.start : lo]) is not None
        and not re.search(r"\d", cue.word)
    ):
        # The subject's own estimate is what its clause goes on to state, and so is
        # a sentence's subject's document: "Conafor's count stands at 17".
        scope = (lo, _clause_end(tokens, cue.end, sentence, lex))
    else:
        scope = (lo, _phrase_end(tokens, cue.end, sentence, lex))
    return _Hit(lo, cue.end, scope, [_Source(phrase, lo)], "estimate", False)


_QUOTES_AND = "\"'“”‘’( "
# What may stand before a possessor that is its clause's subject: nothing, or a comma
# (or semicolon) with a contrasting conjunction: ", while Adeyemi's estimate is 50%".
_CLAUSE_OPENING = re.compile(
    r"(?:^[\"'“‘(\s]*|[,;]\s*(?:while|whereas|but|although|though|yet)\s+)$"
)


def _names_source(name: str, ctx: _Context) -> bool:
    """Whether a name is a source by what is known of it: the registry lists it, the
    words of sources or of people make it one, or the document names it so."""
    lex = ctx.registry.lexicon
    return (
        ctx.registry.lookup(name) is not None
        or bool(_classify(name, lex))
        or _looks_like_person(name, lex)
        or name.lower() in ctx.names()
        or ctx.acronym(name) is not None
    )


# A capitalised name: words that open with a capital, joined by "of", "for", "and"
# ("Bank of Spain"), not opening a quotation.
_CAPITALISED_NAME = re.compile(
    r"(?<![\w\"“])[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|and)\s+)?[A-Z][\w.&'’-]*)*"
)


# The acronym a name is given in brackets right after it: "The Harbour Bank (HB)".
_BRACKETED_ACRONYM = re.compile(r"^\s*\([A-Z][A-Za-z]{1,9}\)")


def _sentence_subject(
    text: str, start: int, pos: int, ctx: _Context
) -> tuple[int, str] | None:
    """The named subject a possessive at ``pos`` refers to ("Kestrel Re raised its
    estimate"): the first capitalised name of the sentence that names a source,
    when a verb stands between them and nothing that could own the possessive
    instead: no other capitalised name ("Kestrel Re told Reuters its ..."), no comma
    ("Unlike Kestrel Re, the ministry raised its ..."); and no verb of speech in
    the sentence before it, whose speaker the sentence reports. None otherwise."""
    lex = ctx.registry.lexicon
    for match in _CAPITALISED_NAME.finditer(text, start, pos):
        name = match.group(0)
        # Not a capitalised word opening the sentence ("Meanwhile").
        if not _is_sourcey(name, lex, ctx.registry) or not (
            _names_source(name, ctx) or (name.isupper() and len(name) > 1)
        ):
            continue
        before = text[start : match.start()].lower().split()
        between = _BRACKETED_ACRONYM.sub("", text[match.end() : pos], count=1)
        words = between.lower().split()
        if (
            not words  # a subject and its possessive have a verb between them
            or _CAPITALISED_NAME.search(between)
            or "," in between
            or any(w.strip(";:,") in lex.verbs for w in words + before)
        ):
            return None
        return match.start(), name
    return None


def _phrase_end(tokens: _Tokens, pos: int, sentence: _Sentence, lex: _Lexicon) -> int:
    """End of the noun phrase going on at ``pos`` ("estimate of 8,000 people" ends
    before "as far too low"): the next punctuation or clause word."""
    for tok, s, _ in tokens[_token_at(tokens, pos) :]:
        low = tok.lower()
        if not tok[0].isalnum() and tok[0] not in "$€£":
            return s
        if tok[:1].islower() and low in lex.stop and low not in _QUALIFIERS:
            return s
    return sentence.end


def _list_goes_on(tail: _Tokens, k: int, lex: _Lexicon) -> bool:
    """Whether the comma at ``tail[k]`` joins one more figure with no verb of its
    own (", and more than 30,000 since 2014", ", up from 41,000 on Wednesday"), not
    another clause."""
    if k + 2 < len(tail) and tail[k + 1][0].lower() in ("and", "or"):
        nxt = tail[k + 2][0]
        return nxt[:1].isdigit() or nxt.lower() in _FIGURE_OPENERS
    words = [t[0] for t in tail[k + 1 : k + 7]]
    if not words or words[0].lower() not in _COMPARED:
        return False
    for n, word in enumerate(words):
        if word[:1].isdigit() or word[:1] in "$€£":
            # "up from 41,000", "beating the previous record of 56,300"
            return n > 0 and all(
                w.isalpha() and w.islower() and w not in lex.verbs for w in words[1:n]
            )
    return False


# Words between a comma and the figure a clause compares its own with: ", up from
# 41,000", ", compared with 35,000", ", beating the previous record of ...".
_COMPARED = frozenset(
    {
        "up",
        "down",
        "from",
        "compared",
        "with",
        "to",
        "against",
        "versus",
        "than",
        "beating",
        "topping",
        "after",
        "before",
    }
)
# Words that open a figure after "and": "and more than 30,000", "and about 40".
_FIGURE_OPENERS = frozenset(
    {
        "more",
        "over",
        "at",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "up",
        "another",
    }
)


def _clause_end(tokens: _Tokens, pos: int, sentence: _Sentence, lex: _Lexicon) -> int:
    """End of the clause going on at ``pos``: the next comma, semicolon or colon, or
    the next conjunction opening another clause ("... to $25bn while insurers paid
    $3bn"), but not the "and" of a range ("between $20bn and $30bn")."""
    tail = tokens[_token_at(tokens, pos) :]
    for k, (tok, s, _) in enumerate(tail):
        if s >= sentence.end:
            break
        low = tok.lower()
        if tok == "," and _list_goes_on(tail, k, lex):
            continue  # "show 1,240 deaths this year, and more than 30,000 since 2014"
        if tok in (",", ";", ":"):
            return s
        if low in lex.conjunctions and not (
            low == "and" and any(t.lower() == "between" for t, _, _ in tail[:k])
        ):
            return s
    return sentence.end


# ------------------------------------------------------------------- coreference


def _resolve(source: _Source, ctx: _Context) -> None:
    """Resolve a source phrase to a link, using what the segment said before it."""
    registry = ctx.registry
    lex = registry.lexicon
    listed = registry.lookup(source.surface)
    if listed is not None and not _is_publisher(listed.name, ctx.publisher, registry):
        # Before cleaning, which would drop the "'s" of "Sotheby's".
        source.link = Link(listed.name, listed.kind)
        source.words = _content_words(listed.name, registry)
        return
    name = _clean(source.surface, lex)
    if not name:
        return
    low = name.lower()
    first = low.split()[0]
    if first in lex.first_person and len(low.split()) <= 2:
        # "our estimates": the text speaks for itself, or the speaker of its turn.
        speaker = ctx.speaker_at(source.start) or ctx.author_at(source.start)
        source.link = speaker or Link(ctx.publisher, "publisher")
        return
    if first in lex.second_person and len(low.split()) <= 2:
        return  # "you said": the person addressed, not named
    if low in lex.pronouns or (first in lex.pronouns and len(low.split()) <= 2):
        antecedent = _antecedent_pronoun(first, ctx)
        person = (
            ctx.person_before(source.start) if first in lex.person_pronouns else None
        )
        if person is not None and any(
            m.link is not None
            and m.link.name == person[1]
            and m.link.kind not in _PERSONS
            for m in ctx.mentions
        ):
            person = None  # a name read as a body's: "the daily El Financiero Hoy"
        if person is not None and (antecedent is None or person[0] > antecedent.start):
            info = registry.describe(person[1])
            source.link = Link(
                info.name, info.kind if info.kind != "unknown" else "person"
            )
            source.words = _content_words(info.name, registry)
        elif antecedent is not None:
            _copy(source, antecedent)
        return
    if _is_publisher(name, ctx.publisher, registry):
        source.link = Link(ctx.publisher, "publisher")
        source.words = _content_words(name, registry)
        return
    # An acronym the text gave in brackets, also one written like a word ("Conafor").
    acronym = ctx.acronym(name)
    if acronym is not None and registry.lookup(name) is None:
        name = acronym
    info = registry.describe(name)
    if info.known:
        source.link = Link(info.name, info.kind)
        source.words = _content_words(name, registry) | _content_words(
            info.name, registry
        )
        return
    tokens = info.name.split()
    capitalised = [t for t in tokens if t[:1].isupper()]
    if len(tokens) == 1 and capitalised:
        full = ctx.names().get(tokens[0].lower())
        if full and full != info.name:
            info = registry.describe(full)
        elif lex.places.get(low) is not None:
            antecedent = _antecedent_place(low, ctx)
            if antecedent is not None:
                _copy(source, antecedent)
                return
    generic = not capitalised or (
        len(capitalised) == 1
        and tokens[0] == capitalised[0]
        and tokens[0].lower() in lex.documents
    )
    if generic:
        antecedent = _antecedent_generic(name, ctx)
        if antecedent is not None:
            _copy(source, antecedent)
            return
        if all(w in lex.documents for w in _WORD.findall(low)):
            # "The report predicts": the report named before ("a report from X").
            antecedent = _antecedent_document(source.surface, low, ctx)
            if antecedent is not None:
                _copy(source, antecedent)
            return  # else "study says", "a statement": nobody named

    kind = info.kind
    if source.descriptor and kind in ("person", "unknown"):
        described = _classify(source.descriptor, lex)
        if described in ("official", "expert"):
            kind = described
        elif described == "primary":
            kind = "official"
    source.link = Link(info.name, kind)
    source.words = _content_words(info.name, registry)


# A fact box line: "Rescued: 41 (coast guard) / 44 (Mare Aperto)", "17: deaths
# (Conafor)". Each bracket after a figure, before the next separator, credits it.
_FACT_BOX_MAX = 120
_CREDIT_BRACKET = re.compile(r"\(([^()\d]{2,50})\)\s*(?=$|[/;|,•·]|\s+[/;|•·])")
_FACT_SEPARATORS = re.compile(r"[/;|•·]|^")


def _fact_box_hits(
    sentence: _Sentence, paragraphs: list[tuple[int, int]], ctx: _Context
) -> list[_Hit]:
    """Credits in brackets after the figures of a short line of its own, a fact box
    or a key-figures list ("1,600: homes destroyed (state government)")."""
    p_start, p_end = paragraphs[sentence.paragraph]
    if p_end - p_start > _FACT_BOX_MAX or (sentence.start, sentence.end) != (
        p_start,
        p_end,
    ):
        return []
    line = ctx.text[p_start:p_end]
    if "(" not in line:
        return []
    lex = ctx.registry.lexicon
    hits = []
    floor = 0
    for match in _CREDIT_BRACKET.finditer(line):
        piece = line[floor : match.start()]
        cut = max(m.end() for m in _FACT_SEPARATORS.finditer(piece))
        if not _FIGURE.search(piece, cut):
            floor = match.end()
            continue
        words = match.group(1).split()
        while len(words) > 1 and words[-1].lower() in lex.documents:
            words.pop()  # "(Mare Aperto estimate)"
        name = " ".join(words)
        common = [w for w in words if w.islower() and w not in lex.inner]
        if (
            len(words) > 3
            and common  # a clause, not a name: "(rescue teams include locals)"
            or not _is_sourcey(name, lex, ctx.registry)
            or len(ctx.registry.describe(name).name.split()) < len(words)
        ):
            floor = match.end()
            continue
        at = p_start + match.start(1)
        source = _Source(name, at)
        _resolve(source, ctx)
        if source.link is not None:
            ctx.mentions.append(source)
            hit = _Hit(
                at,
                at + len(name),
                (p_start + floor + cut, p_start + match.end()),
                [source],
                "(",
                False,
            )
            hits.append(hit)
        floor = match.end()
    return hits


_OPENING_NAME = re.compile(
    r"(?:The\s+)?((?-i:[A-Z][\w'’&.-]*)(?:\s+(?:of|for|on|and|the|(?-i:[A-Z][\w'’&.-]*)))"
    r"{0,6})\s+(?-i:[a-z]+)\b"
)


_TRAILING_CONNECTORS = re.compile(r"(?:\s+(?:of|for|on|and|the))+$")


def _note_subject(sentence: _Sentence, ctx: _Context) -> None:
    """Note the organisation a sentence without attribution opens with ("The
    National Forestry Commission gives lower numbers."), as a mention for later
    pronouns and phrases to refer to ("Its latest report ... lists 96,200")."""
    match = _OPENING_NAME.match(ctx.text, sentence.start, sentence.end)
    if match is None:
        return
    name = _TRAILING_CONNECTORS.sub("", match.group(1).rstrip("."))
    registry = ctx.registry
    info = registry.describe(name)
    if info.kind != "primary" or len(name.split()) < 2 and not info.known:
        return
    source = _Source(name, match.start(1))
    source.link = Link(info.name, info.kind)
    source.words = _content_words(info.name, registry)
    ctx.mentions.append(source)


def _copy(source: _Source, antecedent: _Source) -> None:
    source.link = antecedent.link
    source.prefix = antecedent.prefix
    source.words = antecedent.words


def _antecedent_pronoun(pronoun: str, ctx: _Context) -> _Source | None:
    lex = ctx.registry.lexicon
    person = pronoun in lex.person_pronouns
    for mention in reversed(ctx.mentions):
        if mention.link is None or mention.link.kind == "publisher":
            continue
        if person and (
            mention.link.kind not in _PERSONS or not _one_person(mention.link, lex)
        ):
            continue  # "she" is not "the governor's office" or a daily paper
        if not person and pronoun in ("it", "its") and mention.link.kind in _PEOPLE:
            continue
        return mention
    return None


def _one_person(link: Link, lex: _Lexicon) -> bool:
    """Whether "he" or "she" can refer to a source: a person's name, or a role
    ("a coast guard spokesman"), not a body or a title ("the governor's office")."""
    if link.kind == "person" or _looks_like_person(link.name, lex):
        return True
    return _is_role(lex, _head_word(link.name))


def _antecedent_generic(name: str, ctx: _Context) -> _Source | None:
    """The source named before that a generic phrase ("the agency") refers to."""
    lex = ctx.registry.lexicon
    words = _WORD.findall(name.lower())
    while len(words) > 1 and words[-1] in lex.documents:
        words.pop()
    if len(words) != 1:
        return None  # "regional water authorities" describes itself
    head = words[0]
    stem = head[:-1] if head.endswith("s") and len(head) > 3 else head
    pattern = re.compile(rf"\b{re.escape(stem)}(?:s|es)?\b")
    # Of the sources it may refer to, the one the text has named most often, and of
    # those the latest: "the commission" is the forestry commission named throughout,
    # not a water commission cited once in between.
    best: _Source | None = None
    best_count = 0
    named = Counter(m.link for m in ctx.mentions)
    for mention in reversed(ctx.mentions):
        if mention.link is None or mention.link.kind == "publisher":
            continue
        if _head_word(mention.surface) in lex.documents:
            continue  # "officials" are not the "Official figures" named before
        if pattern.search(f"{mention.descriptor} {mention.surface}".lower()):
            count = named[mention.link]
            if count > best_count:
                best, best_count = mention, count
    if best is not None:
        return best
    if head in lex.org_nouns:  # "the company": the organisation named last
        media = head in lex.media_nouns  # only these may mean an outlet or a wire
        for mention in reversed(ctx.mentions):
            link = mention.link
            if (
                link is not None
                and link.kind not in _PEOPLE
                and link.kind != "publisher"
                and (media or link.kind not in _INTERMEDIARY)
                and link.name[:1].isupper()
            ):
                return mention
    return None


def _antecedent_document(surface: str, name: str, ctx: _Context) -> _Source | None:
    """The source of the document a definite phrase names again: "the report" after
    "a report from the Harbour Institute"."""
    if surface.lower().split()[:1] not in (["the"], ["this"], ["that"]):
        return None
    head = name.split()[-1]
    if head.endswith("ies"):
        stem = head[:-3] + "y"  # "the studies" after "a study by X"
    elif head.endswith("s") and len(head) > 3:
        stem = head[:-1]
    else:
        stem = head
    for mention in reversed(ctx.mentions):
        if mention.link is not None and mention.document.startswith(stem):
            return mention
    return None


def _antecedent_place(place: str, ctx: _Context) -> _Source | None:
    """A source named before whose name starts with this country's demonym."""
    lex = ctx.registry.lexicon
    country = lex.places.get(place, "").lower()
    stem = lex.demonym_stems.get(country)
    if not stem:
        return None
    for mention in reversed(ctx.mentions):
        if mention.link is None or mention.link.kind not in ("primary", "official"):
            continue
        first = mention.surface.lower().split()[0] if mention.surface.split() else ""
        if (
            first.startswith(stem)
            and first != place
            and len(mention.surface.split()) > 1
        ):
            return mention
    return None


def _hit_links(hit: _Hit) -> tuple[Link, ...]:
    links: list[Link] = []
    for source in hit.sources:
        if source.link is None:
            continue
        for link in (*source.prefix, source.link):
            links.append(Link(link.name, link.kind, hit.cue))
    return tuple(links)


def _head_word(name: str) -> str:
    """The head noun of a name, singular: "three Baltic envoys" -> "envoy"."""
    head = re.split(r"\s+(?:of|for|at|in|from|with)\s+", name.lower(), maxsplit=1)[0]
    words = _WORD.findall(head)
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _learn_intermediaries(sentences: list[_Sentence], registry: SourceRegistry) -> None:
    """Put the outlet a source spoke to anywhere in the text before it everywhere."""
    learned: list[tuple[frozenset[str], str, tuple[Link, ...]]] = []
    for sentence in sentences:
        for hit in sentence.hits:
            resolved = [s for s in hit.sources if s.link is not None]
            for i in range(1, len(resolved)):
                before = [s.link for s in resolved[:i]]
                origin = resolved[i]
                if (
                    all(link.kind in _INTERMEDIARY for link in before)
                    and origin.link.kind not in _INTERMEDIARY
                    and origin.words
                ):
                    head = _head_word(origin.link.name)
                    learned.append((origin.words, head, tuple(before)))
    if not learned:
        return
    for sentence in sentences:
        for hit in sentence.hits:
            resolved = [s for s in hit.sources if s.link is not None]
            if (
                not resolved
                or resolved[0].link.kind in _INTERMEDIARY
                or resolved[0].prefix
            ):
                continue
            words = resolved[0].words
            head = _head_word(resolved[0].link.name)
            for key, key_head, prefix in learned:
                if words and (words <= key or key <= words) and head == key_head:
                    resolved[0].prefix = prefix
                    break


# ------------------------------------------------------------------ credit and lead


def _credit(
    text: str,
    paragraphs: list[tuple[int, int]],
    seg_start: int,
    seg_end: int,
    publisher: str,
    registry: SourceRegistry,
) -> tuple[int, Link] | None:
    """A dateline or source credit near the top: "LISBON (KLTV, KRBT) —"."""
    lex = registry.lexicon
    seen = 0
    for start, end in paragraphs:
        if start < seg_start:
            continue
        if start >= seg_end or seen >= 6:
            break
        seen += 1
        para = text[start:end]
        match = lex.credit_re.match(para) or lex.dateline_re.match(para)
        if match is None:
            continue
        name = match.group(1).strip()
        if _is_publisher(name, publisher, registry) or not name[:1].isupper():
            continue
        if any(w.lower() in lex.time_words for w in name.split()):
            continue
        info = registry.describe(name)
        kind = info.kind if info.kind in ("outlet", "wire") else "outlet"
        return start, Link(info.name if info.known else name, kind, "credit")
    return None


# A quotation within a paragraph: its words are someone else's.
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_LABEL = re.compile(r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+\S")


def _turns(
    text: str,
    paragraphs: list[tuple[int, int]],
    seg_start: int,
    seg_end: int,
    registry: SourceRegistry,
) -> list[tuple[int, int, Link]]:
    """The turns of a transcript: each paragraph opening with a speaker's label
    ("Name: ..."), with the unlabelled paragraphs that follow it up to the next
    labelled one, and the speaker's link. A text is a transcript when two speakers
    take turns, each speaking twice or more (a fact box's "Deaths:", "Injured:" do not
    alternate so); a label is a speaker's unless it is written in capitals (a
    dateline, "KYIV:"), names a place, or is a listed non-speaker ("Note:"). The
    last turn is its own paragraph only: the article may go on after it."""
    lex = registry.lexicon
    labelled: list[tuple[int, str]] = []  # (paragraph start, speaker or "")
    for start, _ in paragraphs:
        if not seg_start <= start < seg_end:
            continue
        match = _LABEL.match(text, start)
        if match:
            label = match.group(1)
            labelled.append((start, label if _speaker_label(label, lex) else ""))
    counts = Counter(label for _, label in labelled if label)
    if sum(n >= 2 for n in counts.values()) < 2:
        return []  # no two speakers taking turns: no transcript
    turns = []

    def link(label: str) -> Link:
        info = registry.describe(label)
        kind = info.kind if info.kind != "unknown" else "person"
        return Link(info.name, kind, "transcript")

    for i, (start, label) in enumerate(labelled):
        if not label:
            continue
        if i + 1 < len(labelled):
            end = labelled[i + 1][0]
        else:  # the last turn: its own paragraph only, the article may go on after
            end = next((e for s, e in paragraphs if s == start), start)
        turns.append((start, end, link(label)))
    opening = _opening_turn(text, paragraphs, seg_start, labelled[0][0], lex, counts)
    others = [name for name in counts if name != labelled[0][1]]
    if opening is not None and len(counts) == 2 and labelled[0][1] and others:
        # A transcript taken up mid-conversation: its first-person opening is the
        # turn of the speaker other than the one who speaks first by name.
        turns.insert(0, (opening, labelled[0][0], link(others[0])))
    return turns


def _opening_turn(
    text: str,
    paragraphs: list[tuple[int, int]],
    seg_start: int,
    first_label: int,
    lex: _Lexicon,
    speakers: Iterable[str],
) -> int | None:
    """Where the paragraphs before a transcript's first labelled turn begin, when
    every one of them speaks in the first person outside quotes ("Our estimate is
    around seven million."), as a speaker does; None when there are none, or when
    they name a speaker, as the article's own introduction does ("we spoke to
    Dana Lee")."""
    before = [(s, e) for s, e in paragraphs if seg_start <= s < first_label]
    if not before:
        return None
    names = {w.lower() for name in speakers for w in name.split() if len(w) > 2}
    for start, end in before:
        words = re.findall(r"[\w’']+", _QUOTED.sub(" ", text[start:end]))
        if any(w.lower() in names for w in words):
            return None
        # "I", "we", "Our"; not "US", the country.
        if not any(
            w.lower() in lex.first_person and (w == "I" or not w.isupper())
            for w in words
        ):
            return None
    return before[0][0]


def _speaker_label(label: str, lex: _Lexicon) -> bool:
    """Whether a paragraph's "Label:" can name a speaker: a name or a role, not a
    dateline in capitals, a place, or a listed non-speaker ("Note", "Update")."""
    low = label.lower()
    return (
        low not in lex.not_speaker_labels
        and not label.isupper()
        and low not in lex.places
    )


def _lead(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[_Sentence],
    seg_start: int,
    seg_end: int,
    title: str,
    registry: SourceRegistry,
) -> _Lead | None:
    """The attribution of the first body paragraph, when the text keeps coming back to
    its source (it then governs unattributed sentences in later paragraphs)."""
    body = None
    for number, (start, end) in enumerate(paragraphs):
        if start < seg_start:
            continue
        if start >= seg_end:
            break
        para = text[start:end].strip()
        if title and para == title.strip():
            continue
        if len(para) >= 80 and re.search(r"[.!?][\"”’')\]]*(?:\[\d+\])*$", para):
            body = number
            break
    if body is None:
        return None
    members = [s for s in sentences if s.paragraph == body]
    governing = [s for s in members if s.governs]
    if not governing:
        return None
    chain = governing[-1].governs
    assert chain is not None
    later = text[paragraphs[body][1] : seg_end]
    folded = _Folded(later)
    for link in chain:
        names = {link.name, *registry.aliases_of.get(link.name.casefold(), ())}
        if link.kind in ("person", "official", "expert") and len(link.name.split()) > 1:
            names.add(link.name.split()[-1])
        for hit in governing[-1].hits:
            names.update(s.surface.strip() for s in hit.sources)
        for name in names:
            cleaned = _clean(name, registry.lexicon)
            if (
                len(cleaned) >= 2
                and folded.may_contain(cleaned)
                and re.search(rf"\b{re.escape(cleaned)}\b", later, re.I)
            ):
                sentence = (governing[-1].start, governing[-1].end)
                return _Lead(paragraphs[body][1], chain, sentence)
    return None


def _relayed(
    text: str,
    paragraphs: list[tuple[int, int]],
    lead: _Lead,
    seg_end: int,
    registry: SourceRegistry,
) -> dict[int, Link]:
    """The paragraphs after a lead crediting an outlet ("This was reported by the
    BBC, relying on ...") that name that outlet again: a source quoted there spoke to
    it ("Footage provided to the BBC ... an analyst considers 25 more realistic" is
    the analyst via the BBC). Paragraphs that do not name it may be the text's own."""
    outlet = lead.chain[0]
    if outlet.kind not in _INTERMEDIARY:
        return {}
    names = {outlet.name, *registry.aliases_of.get(outlet.name.casefold(), ())}
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in names if len(n) >= 2) + r")\b"
    )
    return {
        number: outlet
        for number, (start, end) in enumerate(paragraphs)
        if lead.end <= start < seg_end and pattern.search(text, start, end)
    }


class _Folded:
    """A text lower-cased once, to rule out case-insensitive searches cheaply."""

    # Outside ASCII, these alone match an ASCII letter when case is ignored.
    _ODD = re.compile("[\u0130\u0131\u017f\u212a]")

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self.exact = text.isascii() or self._ODD.search(text) is None

    def may_contain(self, phrase: str) -> bool:
        """False only when ``phrase`` cannot occur in the text, case ignored."""
        if not self.exact or not phrase.isascii():
            return True
        return phrase.lower() in self.lower


__all__ = [
    "SourceInfo",
    "SourceRegistry",
    "attribute",
    "load_registry",
    "same_source",
]
