"""Ingest stage: read corpus files of many formats into cleaned ``Document`` objects."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import fnmatch
import functools
import io
import json
import math
import os
import pickle
import re
import stat
import struct
import tempfile
import tomllib
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorer.config import IngestConfig
from scorer.errors import ConfigError
from scorer.model import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DocumentStream",
    "IngestStats",
    "parse_date",
    "read_documents",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv")
MANIFEST_NAME = "manifest.csv"
RECORD_FIELDS = ("id", "url", "outlet", "published", "title")

# Lines longer than this are article text: patterns and the furniture rules skip them.
_MAX_FURNITURE_CHARS = 400
# A file of which more than this share of characters are control characters or
# undecodable bytes is binary, not text.
_MAX_GARBAGE_SHARE = 0.05
# How many per-record warnings one file may produce before they are summarised.
_MAX_WARNINGS_PER_FILE = 100
_SNIFF_BYTES = 1 << 16


# --------------------------------------------------------------------------- public API


@dataclass(slots=True)
class IngestStats:
    """What one pass over a corpus read, skipped and removed.

    ``warnings`` holds one line per problem: ``"path[:line]: what happened"``.
    """

    n_read: int = 0
    n_skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    lines_removed: int = 0


class DocumentStream:
    """An iterable of cleaned ``Document`` objects, read lazily from a corpus.

    Documents are streamed: at most one is held in memory at a time (plus a bounded
    line counter), the parsed corpus waits in a temporary file. Each iteration reads
    the corpus again and resets ``stats``; after an iteration ``stats`` describes it.
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        config: IngestConfig,
        on_warning: Callable[[str], None] | None = None,
    ):
        self.paths = [Path(p) for p in paths]
        self.config = config
        self.on_warning = on_warning
        self.stats = IngestStats()
        self._boilerplate = (
            _load_boilerplate(config.boilerplate_file)
            if config.boilerplate_file
            else _default_boilerplate()
        )

    def __repr__(self) -> str:
        shown = ", ".join(str(p) for p in self.paths[:3])
        more = ", ..." if len(self.paths) > 3 else ""
        return f"DocumentStream([{shown}{more}])"

    def __iter__(self) -> Iterator[Document]:
        _reset(self.stats)
        run = _Run(self)
        yield from run.documents()


def read_documents(
    paths: Sequence[str | Path],
    config: IngestConfig | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> DocumentStream:
    """Read a corpus into cleaned documents.

    Parameters
    ----------
    paths
        Files and folders, in any mix. Folders are read recursively in sorted order;
        files with an unsupported extension in them are ignored, hidden files too.
        ``manifest.csv`` is never a document: it gives metadata (columns ``file`` or
        ``id``, then ``outlet``, ``url``, ``published``, ``title``) to the files beside
        it that lack it.
    config
        The ``[ingest]`` section; ``None`` for the defaults.
    on_warning
        Called with each warning as it happens (they are also kept in
        ``stream.stats.warnings``).

    Returns
    -------
    DocumentStream
        Iterate it to read. Nothing is read before that.

    Raises
    ------
    ConfigError
        If ``config.boilerplate_file`` cannot be read or holds an invalid pattern;
        checked here, before any document is read. Bad documents never raise.

    Notes
    -----
    Iterating the stream makes two passes. The first reads, decodes and parses every
    file once, fills missing metadata (the file's own, then ``manifest.csv``, then
    the page's), counts the short lines of each document in a Misra-Gries counter of
    ``line_tracker_capacity`` slots and spools the parsed records to a temporary
    file. The second reads the records back one at a time, cleans and yields them.
    Memory is bounded by the counter, not by the corpus.

    Cleaning removes whole lines, and only page furniture: lines matching the
    patterns of ``scorer/data/boilerplate.toml`` (plus ``boilerplate_file``), short
    lines found in at least ``repeated_line_min_docs`` documents and
    ``repeated_line_min_share`` of the corpus, and short lines standing between
    removed furniture after the article's last paragraph. A line that reads like a
    claim (a number and a verb) is kept unless a pattern marked
    ``claim_guard = false`` matches it; the headline and short datelines are always
    kept, except a dateline such a pattern matches ("Posted: Apr 17, 2026").
    ``Document.text`` is the kept lines, unchanged, joined by ``"\n"`` with runs of
    blank lines collapsed, so a quote of the article found in ``raw_text``
    is found in ``text``. ``raw_text`` is the text before cleaning: the body of a
    text file (after its front matter), the main text trafilatura extracts from a
    page, the ``text`` field of a record.

    Decoding tries a byte-order mark, then the declared charset (``<meta charset>``,
    ``encoding:`` in front matter), then UTF-8, then cp1252 with replacement (with a
    warning). Outlet: the metadata's, else the url's registered domain (offline
    public-suffix list), else the page's site name, else a publisher the text names
    in a masthead-like way (``outlet_from_text``), else ``"unknown"``.
    """
    if config is None:
        config = IngestConfig()
    elif not isinstance(config, IngestConfig):
        raise TypeError(
            "The 'config' parameter of read_documents must be an IngestConfig or None. "
            f"Got {type(config).__name__} instead."
        )
    if isinstance(paths, str | Path):
        paths = [paths]
    return DocumentStream(list(paths), config, on_warning)


def parse_date(value: object) -> dt.date | None:
    """A date from ISO or common written formats; ``None`` when there is none.

    Accepts ``date``/``datetime`` objects and strings such as ``2023-03-14``,
    ``2023-03-14T09:00:00Z``, ``March 14, 2023``, ``14 March 2023``, ``Tue, 14 Mar 2023
    10:00:00 GMT`` or ``03/14/2023``. A string must name a year (1800-2199);
    anything unparseable gives ``None``, never an exception.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80 or not re.search(r"\b(?:1[89]|2[01])\d\d\b", text):
        return None  # a date needs its year
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None  # "2023-13-45"
    parsed = _parse_date_fallback(text)
    if parsed is None or not 1800 <= parsed.year < 2200:
        return None
    return parsed


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ]\d)")


def _parse_date_fallback(text: str) -> dt.date | None:
    try:
        from dateutil import parser as date_parser
    except ImportError:  # dateutil comes with pandas; the formats below are a fallback
        return _parse_date_formats(text)
    try:
        # Parsed with two defaults: when they differ the text lacks its day or month
        # ("March 2023"), and a made-up day is worse than no date.
        first, second = (
            date_parser.parse(text, default=default, ignoretz=True).date()
            for default in (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
        )
    except (ValueError, OverflowError, TypeError, LookupError, AttributeError):
        return _parse_date_formats(text)
    return first if first == second else None


_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
    "%a, %d %b %Y %H:%M:%S %Z",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
)


def _parse_date_formats(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _reset(stats: IngestStats) -> None:
    stats.n_read = 0
    stats.n_skipped = 0
    stats.warnings = []
    stats.lines_removed = 0


# ----------------------------------------------------------------- boilerplate patterns


class _RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    patterns: list[str] = Field(default_factory=list)
    claim_guard: bool = True


class _SegmentSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    break_patterns: list[str] = Field(default_factory=list)
    min_chars: int | None = Field(None, ge=0)
    max_topic_overlap: float | None = Field(None, ge=0.0, le=1.0)


class _OutletSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cues: list[str] = Field(default_factory=list)


class _BoilerplateSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: list[_RuleSpec] = Field(default_factory=list)
    segment: _SegmentSpec = Field(default_factory=_SegmentSpec)
    outlet: _OutletSpec = Field(default_factory=_OutletSpec)


# A publisher's name as pages print it: capitalised words, with a few lower-case
# joining words ("Daily Post of Lagos", "Centre for River Studies", "Site.net").
_NAME_WORD = r"[A-Z][\w&'’-]*(?:\.[\w-]+)*"
_NAME_RE = (
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:of|the|for|and|on|in|de|du|la|el|al|&|"
    rf"{_NAME_WORD})){{0,6}})"
)
_NAME_JOINERS = frozenset(
    ("of", "the", "for", "and", "on", "in", "de", "du", "la", "el", "al", "&")
)


@dataclass(frozen=True, slots=True)
class _Boilerplate:
    """Compiled patterns: furniture lines, segment breaks, outlet cues."""

    guarded: re.Pattern[str] | None
    unguarded: re.Pattern[str] | None
    breaks: re.Pattern[str] | None
    outlet_cues: tuple[re.Pattern[str], ...]
    segment_min_chars: int
    segment_max_overlap: float

    def always_furniture(self, line: str) -> bool:
        """Whether a stripped line matches a pattern marked ``claim_guard = false``
        ("Posted: Apr 17, 2026 / 08:12 AM"): furniture even where it gives a date."""
        return (
            len(line) <= _MAX_FURNITURE_CHARS
            and self.unguarded is not None
            and self.unguarded.fullmatch(line) is not None
        )

    def furniture(self, line: str) -> bool:
        """Whether a stripped line matches a furniture pattern, claim guard applied."""
        if len(line) > _MAX_FURNITURE_CHARS:
            return False
        if self.unguarded is not None and self.unguarded.fullmatch(line):
            return True
        return (
            self.guarded is not None
            and self.guarded.fullmatch(line) is not None
            and not _looks_like_claim(line)
        )


def _read_spec(text: str, where: str) -> _BoilerplateSpec:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{where}: not valid TOML: {exc}"]) from None
    try:
        return _BoilerplateSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            problems.append(f"{where}: {loc}: {err['msg']}, got {err.get('input')!r}")
        raise ConfigError(problems) from None


@functools.cache
def _packaged_spec() -> _BoilerplateSpec:
    source = resources.files("scorer") / "data" / "boilerplate.toml"
    return _read_spec(
        source.read_text(encoding="utf-8"), "scorer/data/boilerplate.toml"
    )


def _load_boilerplate(extra_file: str = "") -> _Boilerplate:
    """The packaged patterns plus those of ``extra_file``; ConfigError on a bad one."""
    specs = [(_packaged_spec(), "scorer/data/boilerplate.toml")]
    if extra_file:
        try:
            text = Path(extra_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                [f"{extra_file}: cannot read ingest.boilerplate_file: {exc}"]
            ) from None
        specs.append((_read_spec(text, extra_file), extra_file))
    return _compile_boilerplate(specs)


@functools.cache
def _default_boilerplate() -> _Boilerplate:
    return _load_boilerplate("")


def _compile_boilerplate(specs: list[tuple[_BoilerplateSpec, str]]) -> _Boilerplate:
    problems: list[str] = []
    guarded: list[str] = []
    unguarded: list[str] = []
    breaks: list[str] = []
    cues: list[re.Pattern[str]] = []
    min_chars, max_overlap = 400, 0.08

    def check(pattern: str, where: str, flags: int = re.IGNORECASE) -> bool:
        try:
            # Wrapped as it will be inside the alternation of all patterns, which
            # rejects a global flag such as "(?i)" that is fine at a pattern's start.
            re.compile(f"(?:{pattern})", flags)
        except re.error as exc:
            problems.append(f"{where}: invalid regular expression {pattern!r}: {exc}")
            return False
        return True

    for spec, source in specs:
        for number, rule in enumerate(spec.rule, start=1):
            label = rule.name or f"rule {number}"
            for pattern in rule.patterns:
                if check(pattern, f"{source}: [[rule]] {label!r}"):
                    (guarded if rule.claim_guard else unguarded).append(pattern)
        for pattern in spec.segment.break_patterns:
            if check(pattern, f"{source}: [segment] break_patterns"):
                breaks.append(pattern)
        for pattern in spec.outlet.cues:
            where = f"{source}: [outlet] cues"
            if "{name}" not in pattern:
                problems.append(f"{where}: pattern {pattern!r} has no {{name}}")
                continue
            full = pattern.replace("{name}", _NAME_RE)
            if check(full, where, 0):
                cues.append(re.compile(full))
        if spec.segment.min_chars is not None:
            min_chars = spec.segment.min_chars
        if spec.segment.max_topic_overlap is not None:
            max_overlap = spec.segment.max_topic_overlap
    if problems:
        raise ConfigError(problems)
    try:
        return _Boilerplate(
            guarded=_alternation(guarded),
            unguarded=_alternation(unguarded),
            breaks=_alternation(breaks),
            outlet_cues=tuple(cues),
            segment_min_chars=min_chars,
            segment_max_overlap=max_overlap,
        )
    except re.error as exc:
        sources = ", ".join(source for _, source in specs)
        raise ConfigError(
            [f"{sources}: patterns cannot be combined ({exc}); remove named groups"]
        ) from None


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# ------------------------------------------------------------------- line heuristics

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[89]|20)\d\d\b"
# Dates and clock times: their digits are not quantities.
_DATE_RE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|\b{_MONTH}\s+{_YEAR}"
    r"|\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?"
)
_NUMBER_RE = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|trillion|dozen)\b",
    re.IGNORECASE,
)
_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|"
    r"could|may|might|must|shall|should|says?|said|told|tells?|according|reports?|"
    r"estimates?|claims?|kills?|dies?|sends?|send|sent|rises?|rose|falls?|fell|"
    r"reach(?:es)?|hits?|tops?|exceeds?|stands?|stood|puts?|gives?|gave|takes?|took|"
    r"makes?|made|shows?|brings?|brought|loses?|lost|gets?|got|goes|went|comes?|came|"
    r"holds?|held|finds?|found|costs?|cross(?:es)?|climbs?|nears?|surpass(?:es)?|"
    r"passe[sd]|grows?|grew|doubles?|triples?|remains?|includes?)\b"
    r"|\b[A-Za-z]{3,}ed\b",
    re.IGNORECASE,
)


def _looks_like_claim(line: str) -> bool:
    """A number (not a date or time) with a verb, or in a sentence-long line."""
    undated = _DATE_RE.sub(" ", line)
    if not _NUMBER_RE.search(undated):
        return False
    return bool(_VERB_RE.search(undated)) or len(line.split()) >= 5


def _is_dateline(line: str) -> bool:
    """A short line giving a date ("March 14, 2023", "By X | 9 March 2023")."""
    return (
        len(line) <= 60
        and _DATE_RE.search(line) is not None
        and not _looks_like_claim(line)
    )


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())


# A count, then words: "2 Port strike halts shipments" (a share or comment counter
# beside a link to the article itself).
_COUNTED_LINE = re.compile(r"(\d{1,6})\s+(\S.*)")
_MIN_TITLE_WORDS = 3


def _drop_counted_headlines(
    stripped: list[str], keep: list[bool], protected: list[bool], title: str
) -> None:
    """Drop lines that are a number and then the start of the article's own title:
    a counter widget's link back to the page, whose number is no claim."""
    title_words = _norm(title).split() if title else []
    if not title_words:
        return
    for i, line in enumerate(stripped):
        if not keep[i] or protected[i]:
            continue
        match = _COUNTED_LINE.fullmatch(line)
        if not match:
            continue
        words = _norm(match.group(2)).split()
        if len(words) >= _MIN_TITLE_WORDS and title_words[: len(words)] == words:
            keep[i] = False


def _line_key(line: str) -> int:
    """The key a short line is counted under: case, spacing and digits ignored."""
    return hash(re.sub(r"\d", "0", _norm(line)))


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        3 <= len(words) <= 30
        and len(line) <= 200
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and not line.lstrip().startswith(("-", "•", "*", "–", "—"))
    )


def _is_name_line(line: str) -> bool:
    """A short line that is only a name: capitalised words, no digits, no verb."""
    if not 2 <= len(line) <= 60 or any(c.isdigit() for c in line):
        return False
    if line.endswith((".", ",", ";", ":", "!", "?")):
        return False
    words = line.split()
    if not 1 <= len(words) <= 6:
        return False
    for word in words:
        if word.lower() in _NAME_JOINERS:
            continue
        if not word[0].isupper():
            return False
    return _VERB_RE.search(line) is None


def _is_paragraph(line: str) -> bool:
    return len(line) >= 100 or len(line.split()) >= 15


_STOPWORD_TEXT = (
    "about above after again against along also among another because been before "
    "being below between both could does doing down during each either every from "
    "further have having here hers herself himself into itself just more most much "
    "must myself never only other over same should since some still such than that "
    "their theirs them themselves then there these they this those through under "
    "until very were what when where which while whom whose will with within "
    "without would your yours said says according"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _topic_words(text: str) -> Counter[str]:
    """Content words of four letters or more, crudely singular, with their counts."""
    words: Counter[str] = Counter()
    for word in re.findall(r"[^\W\d_]{4,}", text.casefold()):
        if word not in _STOPWORDS:
            words[word[:-1] if word.endswith("s") and len(word) > 4 else word] += 1
    return words


def _topic_similarity(a: str, b: str) -> float:
    """How much two texts share their topic, in [0, 1].

    The mean of two measures: the share of each text's ten most frequent content
    words found in the other (averaged both ways), and the overlap coefficient of
    their content-word sets. Halves of one article score about 0.1 or more, an
    article and an unrelated essay glued after it far less.
    """
    words_a, words_b = _topic_words(a), _topic_words(b)
    if not words_a or not words_b:
        return 0.0

    def top_share(x: Counter[str], y: Counter[str]) -> float:
        top = [word for word, _ in x.most_common(10)]
        return sum(word in y for word in top) / len(top)

    top = (top_share(words_a, words_b) + top_share(words_b, words_a)) / 2
    shared = len(words_a.keys() & words_b.keys())
    return (top + shared / min(len(words_a), len(words_b))) / 2


# ----------------------------------------------------------------------------- decoding


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


_GARBAGE_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _garbage_share(text: str) -> float:
    """The share of control characters and replacement characters in ``text``."""
    if not text:
        return 0.0
    return len(_GARBAGE_CHARS.findall(text)) / len(text)


class _BadFile(Exception):
    """A file that cannot be used at all; the message says why, ``where`` says where."""

    def __init__(self, what: str, where: str | None = None):
        super().__init__(what)
        self.where = where


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """Decode file bytes: BOM, then the declared charset, then UTF-8, then cp1252.

    Returns the text (newlines normalised to ``\\n``), the codec used and a note for
    the warning when the codec was a guess. Raises ``_BadFile`` for binary data.
    """
    text: str | None = None
    encoding = ""
    note: str | None = None
    bom = _bom_encoding(data)
    if bom is not None:
        try:
            text, encoding = data.decode(bom), bom.replace("-sig", "")
        except UnicodeDecodeError:
            text = None
    if text is None and b"\x00" in data:
        raise _BadFile("binary file (NUL bytes)")
    if text is None and declared:
        codec = _codec_name(declared)
        if codec is None:
            note = f"unknown declared charset {declared!r}"
        elif codec != "utf-8" and not _is_utf8_beyond_ascii(data):
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError:
                note = f"not valid {codec} as declared"
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
            replaced = text.count("\ufffd")
            why = f"{note}; " if note else ""
            note = f"{why}not UTF-8, decoded as cp1252" + (
                f" ({replaced} undecodable bytes replaced)" if replaced else ""
            )
        else:
            note = None
    if _garbage_share(text) > _MAX_GARBAGE_SHARE:
        raise _BadFile("binary or undecodable file (control characters)")
    return _normalise_newlines(text), encoding, note


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    """Valid UTF-8 with non-ASCII bytes: UTF-8 whatever a page declares.

    Scrapers often save pages as UTF-8 and keep their ``<meta charset=iso-8859-1>``;
    text really in a legacy charset is almost never valid UTF-8 by chance.
    """
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)


def _html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def _front_matter_charset(data: bytes) -> str | None:
    head = data[:4096]
    if not head.startswith(b"---"):
        return None
    match = re.search(rb"^encoding\s*:\s*[\"']?([A-Za-z0-9_.:-]{1,40})", head, re.M)
    return match.group(1).decode("ascii") if match else None


def _sniff_stream(fh: IO[bytes]) -> tuple[str, str | None]:
    """Choose the codec of a line-oriented file (jsonl, csv) without loading it.

    Reads the file once with an incremental UTF-8 decoder; ``fh`` is rewound.
    """
    head = fh.read(_SNIFF_BYTES)
    fh.seek(0)
    bom = _bom_encoding(head)
    if bom is not None:
        return bom, None
    if b"\x00" in head:
        raise _BadFile("binary file (NUL bytes)")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fh.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding, note = "utf-8", None
    except UnicodeDecodeError:
        encoding, note = "cp1252", "not UTF-8, decoded as cp1252"
    fh.seek(0)
    if _garbage_share(head.decode(encoding, errors="replace")) > _MAX_GARBAGE_SHARE:
        raise _BadFile("binary or undecodable file (control characters)")
    return encoding, note


# ------------------------------------------------------------------------ front matter

_FRONT_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
}


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading ``---`` block of ``key: value`` lines, and the text after it."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[number + 1 :])
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _FRONT_KEYS:
            meta[_FRONT_KEYS[key]] = _unquote(value.strip())
    return {}, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --------------------------------------------------------------------------- manifests


@dataclass(slots=True)
class _Manifest:
    """The rows of one folder's ``manifest.csv``, by file name and by id."""

    by_file: dict[str, dict[str, str]]
    by_id: dict[str, dict[str, str]]

    def lookup(self, file: Path, record_id: str | None) -> dict[str, str]:
        """The row for a record (by its id, else its file) or a file (name or stem)."""
        if record_id is not None:
            return self.by_id.get(record_id) or self.by_file.get(file.name, {})
        return self.by_file.get(file.name) or self.by_id.get(file.stem, {})


# ------------------------------------------------------------------------------ records


@dataclass(slots=True)
class _Record:
    """A document as read, before cleaning; what the spool file holds."""

    id: str
    raw: str
    path: str
    encoding: str = "utf-8"
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None
    title: str = ""
    sitename: str = ""
    note: str = ""  # how the file was decoded, when that was a guess

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.raw,
            self.path,
            self.encoding,
            self.url,
            self.outlet,
            self.published,
            self.title,
            self.sitename,
            self.note,
        )


def _text_field(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _record_from_mapping(
    data: dict[Any, Any], where: str, default_id: str, encoding: str
) -> tuple[_Record | None, str | None]:
    """A record from a JSON object or CSV row; or the reason it has none."""
    if "text" not in data or data["text"] is None:
        return None, 'record has no "text" field'
    text = data["text"]
    if not isinstance(text, str):
        return None, f'"text" is not a string (got {type(text).__name__})'
    if not text.strip():
        return None, '"text" is empty'
    record_id = _text_field(data.get("id")) or default_id
    return (
        _Record(
            id=record_id,
            raw=_normalise_newlines(text),
            path=where,
            encoding=encoding,
            url=_text_field(data.get("url")),
            outlet=_text_field(data.get("outlet")),
            published=parse_date(data.get("published")),
            title=_text_field(data.get("title")),
        ),
        None,
    )


# --------------------------------------------------------------------------- outlets


@functools.cache
def _domain_extractor() -> Any:
    import tldextract

    # No suffix-list URLs and no cache: the bundled snapshot, never the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _registered_domain(url: str) -> str:
    if not url or len(url) > 2048:
        return ""
    try:
        result = _domain_extractor()(url)
    except Exception:  # tldextract rejects odd urls in various ways; no domain then
        return ""
    domain = getattr(result, "top_domain_under_public_suffix", None)
    if domain is None:
        domain = result.registered_domain
    return str(domain or "").lower()


def _outlet_from_text(
    lines: list[str], title_index: int | None, boilerplate: _Boilerplate
) -> str:
    """A publisher the text names in a masthead-like way, or ``""``.

    A name counts when two cue lines name it ("© 2023 X", "continue reading X"), or
    when one cue names it and it also stands alone on a short line; a headline
    prefix "X: ..." counts as a cue only with X standing alone right below it.
    """
    stripped = [line.strip() for line in lines]
    standalone = {_norm(s) for s in stripped if s and _is_name_line(s)}
    evidence: dict[str, list[str]] = {}
    for s in stripped:
        if not s or len(s) > 200:  # mastheads and footers are short lines
            continue
        for cue in boilerplate.outlet_cues:
            match = cue.search(s)
            if match:
                name = _trim_name(match.group("name"))
                if name:
                    evidence.setdefault(_norm(name), []).append(name)
    scored: dict[str, tuple[int, str]] = {}
    for key, names in evidence.items():
        if len(names) >= 2 or key in standalone:
            scored[key] = (len(names) + (key in standalone), names[0])
    if title_index is not None:
        prefix = re.match(_NAME_RE + r":\s", stripped[title_index])
        below = next((s for s in stripped[title_index + 1 :] if s), "")
        if prefix:
            name = _trim_name(prefix.group("name"))
            if name and _norm(name) == _norm(below) and _is_name_line(below):
                count, _ = scored.get(_norm(name), (0, name))
                scored[_norm(name)] = (count + 2, name)
    if not scored:
        return ""
    ranked = sorted(scored.values(), reverse=True)
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return ""  # two names with equal evidence: say nothing rather than guess
    return ranked[0][1]


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in _NAME_JOINERS:
        words.pop()
    name = " ".join(words)
    return name if len(name) >= 2 else ""


# ------------------------------------------------------------------- the repeated lines


class _HeavyHitters:
    """Misra-Gries counter over line keys with at most ``capacity`` counters.

    Every key seen more than n/(capacity+1) times (n = keys added) is kept; its count
    may be low by at most that much, so candidates are re-counted exactly afterwards
    unless no counter was ever evicted.
    """

    __slots__ = ("capacity", "counts", "evicted")

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.counts: dict[int, int] = {}
        self.evicted = False

    def add(self, key: int) -> None:
        counts = self.counts
        if key in counts:
            counts[key] += 1
        elif len(counts) < self.capacity:
            counts[key] = 1
        else:
            self.evicted = True
            self.counts = {k: c - 1 for k, c in counts.items() if c > 1}


class _HashSet:
    """A set of strings kept as 64-bit hashes in an open-addressing table.

    Costs 16 to 32 bytes an entry where a Python set of ints costs about 140, so the
    ids seen in a corpus of a million documents take tens of megabytes, not hundreds.
    Two different strings share a 64-bit hash with negligible probability.
    """

    __slots__ = ("mask", "size", "table")

    def __init__(self) -> None:
        self.table = array("Q", [0]) * 1024
        self.mask = 1023
        self.size = 0

    @staticmethod
    def _key(text: str) -> int:
        return (hash(text) & 0xFFFF_FFFF_FFFF_FFFF) or 1  # 0 marks an empty slot

    def __contains__(self, text: str) -> bool:
        key = self._key(text)
        table, mask = self.table, self.mask
        i = key & mask
        while slot := table[i]:
            if slot == key:
                return True
            i = (i + 1) & mask
        return False

    def add(self, text: str) -> None:
        if 2 * (self.size + 1) > len(self.table):
            self._grow()
        if self._insert(self._key(text)):
            self.size += 1

    def _insert(self, key: int) -> bool:
        table, mask = self.table, self.mask
        i = key & mask
        while slot := table[i]:
            if slot == key:
                return False
            i = (i + 1) & mask
        table[i] = key
        return True

    def _grow(self) -> None:
        old = self.table
        self.table = array("Q", [0]) * (2 * len(old))
        self.mask = len(self.table) - 1
        for key in old:
            if key:
                self._insert(key)


# ---------------------------------------------------------------------------- one run


class _Run:
    """One iteration over the corpus: reading, counting, cleaning."""

    def __init__(self, stream: DocumentStream):
        self.stream = stream
        self.config = stream.config
        self.stats = stream.stats
        self.boilerplate = stream._boilerplate
        self.counter = _HeavyHitters(self.config.line_tracker_capacity)
        self.manifests: dict[Path, _Manifest | None] = {}
        self.seen_ids = _HashSet()
        self.seen_files = _HashSet()
        # One input cannot reach a file twice (folder links are not followed).
        self.check_files = len(stream.paths) > 1
        self.n_records = 0
        self.file_note = ""

    # -- warnings

    def warn(self, where: str | Path, what: str, skipped: bool = True) -> None:
        message = f"{where}: {what}"
        self.stats.warnings.append(message)
        if skipped:
            self.stats.n_skipped += 1
        if self.stream.on_warning is not None:
            self.stream.on_warning(message)

    # -- the two passes

    def documents(self) -> Iterator[Document]:
        with tempfile.TemporaryFile() as spool, tempfile.TemporaryFile() as keys:
            for record in self.records():
                self.count_lines(record, keys)
                pickle.dump(record.as_tuple(), spool, protocol=pickle.HIGHEST_PROTOCOL)
                self.n_records += 1
            repeated = self.repeated_keys(keys)
            spool.seek(0)
            for _ in range(self.n_records):
                record = _Record(*pickle.load(spool))
                document = self.clean(record, repeated)
                if document is not None:
                    self.stats.n_read += 1
                    yield document

    def count_lines(self, record: _Record, keys: IO[bytes]) -> None:
        limit = self.config.repeated_line_max_chars
        found = {
            _line_key(s)
            for s in (line.strip() for line in record.raw.split("\n"))
            if s and len(s) <= limit
        }
        for key in found:
            self.counter.add(key)
        packed = array("q", sorted(found))
        keys.write(struct.pack("<I", len(packed)))
        keys.write(packed.tobytes())

    def repeated_keys(self, keys: IO[bytes]) -> frozenset[int]:
        """Keys of lines found in enough documents to be page furniture."""
        config = self.config
        need = max(
            config.repeated_line_min_docs,
            math.ceil(config.repeated_line_min_share * self.n_records),
        )
        if self.n_records < need:
            return frozenset()
        counts = self.counter.counts
        if not self.counter.evicted:
            return frozenset(k for k, c in counts.items() if c >= need)
        # Misra-Gries counts can be low: count the surviving candidates exactly.
        exact = dict.fromkeys(counts, 0)
        keys.seek(0)
        for _ in range(self.n_records):
            (size,) = struct.unpack("<I", keys.read(4))
            found = array("q")
            found.frombytes(keys.read(8 * size))
            for key in found:
                if key in exact:
                    exact[key] += 1
        return frozenset(k for k, c in exact.items() if c >= need)

    # -- pass 1: reading

    def records(self) -> Iterator[_Record]:
        if not self.stream.paths:
            self.warn("<input>", "no input paths given", skipped=False)
        for path in self.stream.paths:
            yield from self.read_path(path)

    def read_path(self, path: Path) -> Iterator[_Record]:
        try:
            info = path.stat()
        except FileNotFoundError:
            kind = "broken link" if path.is_symlink() else "no such file or directory"
            self.warn(path, kind)
            return
        except OSError as exc:
            self.warn(path, f"cannot read ({exc.strerror or exc})")
            return
        if stat.S_ISDIR(info.st_mode):
            found = False
            for file in self.walk(path):
                found = True
                yield from self.read_file(file)
            if not found:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                self.warn(path, f"folder holds no supported files ({supported})")
            return
        if path.name.lower() == MANIFEST_NAME:
            return  # named along with its files (e.g. by a shell glob): metadata only
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            kind = repr(path.suffix) if path.suffix else "(no extension)"
            self.warn(path, f"unsupported file type {kind} (supported: {supported})")
            return
        yield from self.read_file(path)

    def walk(self, folder: Path) -> Iterator[Path]:
        """Supported files under ``folder``, recursively, in sorted path order."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            self.warn(folder, f"cannot list folder ({exc.strerror or exc})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.walk(Path(entry.path))
            elif (
                entry.name.lower() != MANIFEST_NAME
                and os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
            ):
                if self.not_an_article(Path(entry.path)):
                    self.warn(
                        entry.path,
                        "documentation beside the articles (ingest.skip_names), "
                        "not read",
                    )
                    continue
                yield Path(entry.path)

    def not_an_article(self, path: Path) -> bool:
        """Whether a file found in a folder is its documentation: its name less the
        extension ("README" of "README.md") matches ingest.skip_names, and the
        folder's manifest does not list it."""
        name = path.name.lower()
        forms = {name, path.stem.lower(), name.split(".")[0]}  # README.en.md: readme
        if not any(
            fnmatch.fnmatchcase(form, pattern.lower())
            for pattern in self.config.skip_names
            for form in forms
        ):
            return False
        manifest = self.manifest(path.parent)
        return manifest is None or not manifest.lookup(path, None)

    def read_file(self, path: Path) -> Iterator[_Record]:
        if self.check_files:
            try:
                key = str(path.resolve())
            except (OSError, RuntimeError):
                key = str(path.absolute())
            if key in self.seen_files:
                return  # named twice (as a file and inside a folder): read once
            self.seen_files.add(key)
        try:
            info = path.stat()
        except OSError as exc:
            self.warn(path, f"cannot read ({exc.strerror or exc})")
            return
        if not stat.S_ISREG(info.st_mode):
            self.warn(path, "not a regular file, skipped")
            return
        manifest = self.manifest(path.parent)
        suffix = path.suffix.lower()
        reader = {
            ".txt": self.read_text,
            ".md": self.read_text,
            ".html": self.read_html,
            ".htm": self.read_html,
            ".json": self.read_json,
            ".jsonl": self.read_jsonl,
            ".csv": self.read_csv,
        }[suffix]
        try:
            for record in reader(path):
                is_record = suffix in (".json", ".jsonl", ".csv")
                row = (
                    manifest.lookup(path, record.id if is_record else None)
                    if manifest
                    else {}
                )
                yield self.finish(record, row)
        except _BadFile as exc:
            note = f" ({self.take_note()})" if self.file_note else ""
            self.warn(exc.where or path, f"{exc}{note}, skipped")
        except OSError as exc:
            self.warn(path, f"cannot read ({exc.strerror or exc})")
        finally:
            self.file_note = ""

    def take_note(self) -> str:
        note, self.file_note = self.file_note, ""
        return note

    def finish(self, record: _Record, row: dict[str, str]) -> _Record:
        """Fill what the record lacks from its manifest row; make its id unique."""
        record.outlet = record.outlet or row.get("outlet", "")
        record.url = record.url or row.get("url", "")
        record.published = record.published or parse_date(row.get("published"))
        record.title = record.title or row.get("title", "")
        if record.id in self.seen_ids:
            base, n = record.id, 2
            while f"{base}-{n}" in self.seen_ids:
                n += 1
            record.id = f"{base}-{n}"
            self.warn(
                record.path,
                f'id "{base}" is already used by an earlier document; '
                f'renamed "{record.id}"',
                skipped=False,
            )
        self.seen_ids.add(record.id)
        return record

    def read_bytes(self, path: Path) -> bytes:
        data = path.read_bytes()
        if not data.strip():
            raise _BadFile("empty file")
        return data

    def decode(self, data: bytes, declared: str | None) -> tuple[str, str]:
        """Decode a whole file; a guessed codec is noted in ``file_note``."""
        text, encoding, note = _decode(data, declared)
        self.file_note = note or ""
        if not text.strip():
            raise _BadFile("empty file")
        return text, encoding

    def flush_note(self, path: Path) -> None:
        """Say how a file of many records was decoded, before its first record."""
        if self.file_note:
            self.warn(path, self.file_note, skipped=False)
            self.file_note = ""

    def read_text(self, path: Path) -> Iterator[_Record]:
        data = self.read_bytes(path)
        text, encoding = self.decode(data, _front_matter_charset(data))
        meta, body = _split_front_matter(text)
        if not body.strip():
            raise _BadFile("no text after the front matter")
        yield _Record(
            id=path.stem,
            raw=body,
            path=str(path),
            encoding=encoding,
            url=meta.get("url", ""),
            outlet=meta.get("outlet", ""),
            published=parse_date(meta.get("published")),
            title=meta.get("title", ""),
            note=self.take_note(),
        )

    def read_html(self, path: Path) -> Iterator[_Record]:
        data = self.read_bytes(path)
        html, encoding = self.decode(data, _html_charset(data))
        import trafilatura  # slow to import: only when a page is read

        try:
            page = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False
            )
        except Exception as exc:  # a third-party parser: any failure is this page's
            raise _BadFile(f"cannot extract text from HTML ({exc!r})") from None
        text = getattr(page, "text", None) if page is not None else None
        if not text or not text.strip():
            raise _BadFile("no article text found in HTML")
        yield _Record(
            id=path.stem,
            raw=_normalise_newlines(text),
            path=str(path),
            encoding=encoding,
            url=_text_field(getattr(page, "url", None)),
            published=parse_date(getattr(page, "date", None)),
            title=_text_field(getattr(page, "title", None)),
            sitename=_text_field(getattr(page, "sitename", None)),
            note=self.take_note(),
        )

    def read_json(self, path: Path) -> Iterator[_Record]:
        data = self.read_bytes(path)
        text, encoding = self.decode(data, None)
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _BadFile(
                f"malformed JSON ({exc.msg})", f"{path}:{exc.lineno}"
            ) from None
        except (ValueError, RecursionError) as exc:
            raise _BadFile(f"malformed JSON ({exc})") from None
        if isinstance(value, dict):
            items: list[Any] = [value]
            single = True
        elif isinstance(value, list):
            items, single = value, False
        else:
            raise _BadFile(
                "expected a JSON object or a list of objects, "
                f"got {type(value).__name__}"
            )
        if not items:
            raise _BadFile("empty JSON list")
        budget = _WarningBudget(self, path)
        single_note = self.take_note() if single else ""
        for number, item in enumerate(items, start=1):
            where = str(path) if single else f"{path}#{number}"
            default_id = path.stem if single else f"{path.stem}-{number}"
            if not isinstance(item, dict):
                budget.warn(where, f"not a JSON object (got {type(item).__name__})")
                continue
            record, problem = _record_from_mapping(item, where, default_id, encoding)
            if record is None:
                if single_note:
                    problem = f"{problem} ({single_note})"
                budget.warn(where, str(problem))
                continue
            record.note = single_note
            self.flush_note(path)
            yield record
        budget.close()

    def read_jsonl(self, path: Path) -> Iterator[_Record]:
        with path.open("rb") as fh:
            encoding, note = _sniff_stream(fh)
            self.file_note = note or ""
            # newline="\n": split on \n only, as JSON strings may hold U+2028 or \r.
            text = io.TextIOWrapper(
                fh, encoding=encoding, errors="replace", newline="\n"
            )
            budget = _WarningBudget(self, path)
            found_any = False
            for number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                found_any = True
                where = f"{path}:{number}"
                try:
                    item = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    message = exc.msg if isinstance(exc, json.JSONDecodeError) else exc
                    budget.warn(where, f"malformed JSON line ({message})")
                    continue
                if not isinstance(item, dict):
                    budget.warn(where, f"not a JSON object (got {type(item).__name__})")
                    continue
                record, problem = _record_from_mapping(
                    item, where, f"{path.stem}-{number}", encoding.replace("-sig", "")
                )
                if record is None:
                    budget.warn(where, str(problem))
                    continue
                self.flush_note(path)
                yield record
            budget.close()
            if not found_any:
                raise _BadFile("empty file")

    def read_csv(self, path: Path) -> Iterator[_Record]:
        with path.open("rb") as fh:
            encoding, note = _sniff_stream(fh)
            self.file_note = note or ""
            text = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
            reader = csv.reader(text)
            budget = _WarningBudget(self, path)
            old_limit = csv.field_size_limit()
            # Article texts are longer than csv's 128 KiB default field limit.
            csv.field_size_limit(1 << 27)
            try:
                try:
                    header = next(reader, None)
                except csv.Error as exc:
                    raise _BadFile(f"malformed CSV header ({exc})") from None
                if header is None or not any(h.strip() for h in header):
                    raise _BadFile("empty file")
                names = [h.strip().lower().lstrip("\ufeff") for h in header]
                if "text" not in names:
                    raise _BadFile('CSV has no "text" column')
                while True:
                    start = reader.line_num + 1
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as exc:
                        budget.warn(
                            f"{path}:{start}",
                            f"malformed CSV ({exc}); rest of file skipped",
                        )
                        break
                    if not any(cell.strip() for cell in row):
                        continue
                    item = dict(zip(names, row, strict=False))
                    where = f"{path}:{start}"
                    record, problem = _record_from_mapping(
                        item,
                        where,
                        f"{path.stem}-{start}",
                        encoding.replace("-sig", ""),
                    )
                    if record is None:
                        budget.warn(where, str(problem))
                        continue
                    self.flush_note(path)
                    yield record
            finally:
                csv.field_size_limit(old_limit)
            budget.close()

    def manifest(self, folder: Path) -> _Manifest | None:
        if folder in self.manifests:
            return self.manifests[folder]
        self.manifests[folder] = None
        path = folder / MANIFEST_NAME
        if not path.is_file():
            return None
        try:
            text, _, note = _decode(path.read_bytes())
        except (OSError, _BadFile) as exc:
            self.warn(path, f"cannot read manifest ({exc}); ignored", skipped=False)
            return None
        if note:
            self.warn(path, note, skipped=False)
        by_file: dict[str, dict[str, str]] = {}
        by_id: dict[str, dict[str, str]] = {}
        try:
            rows = csv.DictReader(io.StringIO(text))
            names = [(n or "").strip().lower() for n in rows.fieldnames or []]
            if "file" not in names and "id" not in names:
                self.warn(
                    path,
                    'manifest needs a "file" or "id" column; ignored',
                    skipped=False,
                )
                return None
            for row in rows:
                clean = {
                    (k or "").strip().lower(): (v or "").strip()
                    for k, v in row.items()
                    if isinstance(v, str)
                }
                meta = {k: clean[k] for k in RECORD_FIELDS if clean.get(k)}
                if clean.get("file"):
                    by_file[Path(clean["file"].replace("\\", "/")).name] = meta
                if clean.get("id"):
                    by_id[clean["id"]] = meta
        except csv.Error as exc:
            self.warn(path, f"malformed manifest ({exc}); ignored", skipped=False)
            return None
        self.manifests[folder] = _Manifest(by_file, by_id)
        return self.manifests[folder]

    # -- pass 2: cleaning

    def clean(self, record: _Record, repeated: frozenset[int]) -> Document | None:
        lines = record.raw.split("\n")
        stripped = [line.strip() for line in lines]
        keep = [True] * len(lines)
        protected = [False] * len(lines)
        boilerplate = self.boilerplate
        title_key = _norm(record.title) if record.title else ""

        for i, s in enumerate(stripped):
            if not s:
                continue
            if (title_key and _norm(s.lstrip("#")) == title_key) or (
                _is_dateline(s) and not boilerplate.always_furniture(s)
            ):
                protected[i] = True
            elif boilerplate.furniture(s):
                keep[i] = False

        # The headline: the given title, else the first kept line if it reads as one.
        title = record.title
        title_index = next(
            (
                i
                for i, s in enumerate(stripped)
                if s and title_key and _norm(s.lstrip("#")) == title_key
            ),
            None,
        )
        if title_index is None:
            first = next(
                (
                    i
                    for i, s in enumerate(stripped)
                    if s and keep[i] and not protected[i]
                ),
                None,
            )
            if first is not None and _is_headline(stripped[first].lstrip("#").strip()):
                title_index = first
                protected[first] = True
                if not title:
                    title = stripped[first].lstrip("#").strip()

        _drop_counted_headlines(stripped, keep, protected, title)

        if repeated:
            limit = self.config.repeated_line_max_chars
            for i, s in enumerate(stripped):
                if (
                    s
                    and keep[i]
                    and not protected[i]
                    and len(s) <= limit
                    and _line_key(s) in repeated
                    and not _looks_like_claim(s)
                ):
                    keep[i] = False

        _drop_trailing_furniture(stripped, keep, protected)
        segments_at = self.find_segments(stripped, keep)

        text_lines: list[str] = []
        offsets: dict[int, int] = {}
        removed: list[str] = []
        position = 0
        for i, line in enumerate(lines):
            if not keep[i]:
                removed.append(line)
                continue
            if not stripped[i] and (not text_lines or not text_lines[-1].strip()):
                continue  # no leading blank lines, no runs of them
            offsets[i] = position
            text_lines.append(line)
            position += len(line) + 1
        while text_lines and not text_lines[-1].strip():
            text_lines.pop()
        text = "\n".join(text_lines)
        self.stats.lines_removed += len(removed)
        if not text.strip():
            note = f" ({record.note})" if record.note else ""
            self.warn(
                record.path, f"no article text left after cleaning{note}, skipped"
            )
            return None
        if record.note:
            self.warn(record.path, record.note, skipped=False)

        segments = tuple((offsets[i], name) for i, name in segments_at if i in offsets)
        outlet = record.outlet or _registered_domain(record.url) or record.sitename
        if not outlet and self.config.outlet_from_text:
            # A glued text names its own publisher, not this document's.
            end = segments_at[0][0] if segments_at else len(lines)
            outlet = _outlet_from_text(lines[:end], title_index, boilerplate)
        return Document(
            id=record.id,
            text=text,
            raw_text=record.raw,
            outlet=outlet or "unknown",
            url=record.url,
            published=record.published,
            title=title,
            path=record.path,
            removed=tuple(removed),
            segments=segments,
            encoding=record.encoding,
        )

    def find_segments(
        self, stripped: list[str], keep: list[bool]
    ) -> list[tuple[int, str]]:
        """Lines where an unrelated text glued after the article starts.

        After a break line ("Share this story:", "Related posts"), a new piece must
        follow: an optional short heading, then at least ``min_chars`` of text with a
        paragraph in it, sharing few topic words with the article before the break.
        """
        breaks = self.boilerplate.breaks
        if breaks is None:
            return []
        found: list[tuple[int, str]] = []
        article_end = None
        for b, s in enumerate(stripped):
            if not s or len(s) > 80 or not breaks.fullmatch(s):
                continue
            before = "\n".join(
                x for i, x in enumerate(stripped[: article_end or b]) if keep[i]
            )
            if len(before) < 500:
                continue
            after = [i for i in range(b + 1, len(stripped)) if stripped[i] and keep[i]]
            after = _until_next_break(after, stripped, breaks)
            if not after:
                continue
            first = after[0]
            heading = stripped[first]
            body = (
                after[1:]
                if not _is_paragraph(heading) and len(heading) <= 80
                else after
            )
            body_text = "\n".join(stripped[i] for i in body)
            if len(body_text) < self.boilerplate.segment_min_chars:
                continue
            if not any(_is_paragraph(stripped[i]) for i in body):
                continue
            similarity = _topic_similarity(before, body_text)
            if similarity > self.boilerplate.segment_max_overlap:
                continue
            name = heading if body is not after and _is_name_line(heading) else ""
            found.append((first, name))
            article_end = article_end or b
        return found


def _until_next_break(
    indices: list[int], stripped: list[str], breaks: re.Pattern[str]
) -> list[int]:
    for n, i in enumerate(indices):
        if len(stripped[i]) <= 80 and breaks.fullmatch(stripped[i]):
            return indices[:n]
    return indices


def _drop_trailing_furniture(
    stripped: list[str], keep: list[bool], protected: list[bool]
) -> None:
    """Remove short lines standing between removed furniture after the last paragraph.

    A footer often carries the site's name or a widget label the patterns do not know
    (a site name between a comment counter and an ad-blocker notice).
    Runs of up to three short lines qualify, when the lines around them were removed.
    """
    last_paragraph = max(
        (i for i, s in enumerate(stripped) if s and keep[i] and _is_paragraph(s)),
        default=None,
    )
    if last_paragraph is None:
        return
    nonblank = [i for i in range(last_paragraph + 1, len(stripped)) if stripped[i]]
    n = 0
    while n < len(nonblank):
        if not keep[nonblank[n]]:
            n += 1
            continue
        run_end = n
        while run_end < len(nonblank) and keep[nonblank[run_end]]:
            run_end += 1
        run = nonblank[n:run_end]
        before_removed = n > 0 and not keep[nonblank[n - 1]]
        after_removed = run_end == len(nonblank) or not keep[nonblank[run_end]]
        if (
            before_removed
            and after_removed
            and len(run) <= 3
            and all(
                len(stripped[i]) <= 60
                and not protected[i]
                and not _looks_like_claim(stripped[i])
                for i in run
            )
        ):
            for i in run:
                keep[i] = False
        n = run_end


class _WarningBudget:
    """Per-record warnings of one file, summarised after ``_MAX_WARNINGS_PER_FILE``."""

    def __init__(self, run: _Run, path: Path):
        self.run = run
        self.path = path
        self.count = 0

    def warn(self, where: str, what: str) -> None:
        self.run.flush_note(self.path)
        self.count += 1
        if self.count <= _MAX_WARNINGS_PER_FILE:
            self.run.warn(where, what)
        else:
            self.run.stats.n_skipped += 1

    def close(self) -> None:
        hidden = self.count - _MAX_WARNINGS_PER_FILE
        if hidden > 0:
            self.run.warn(
                self.path,
                f"{hidden} more bad records not listed, skipped",
                skipped=False,
            )
