"""Extraction helpers: sentence and paragraph spans, found with regular expressions.

Both functions return ``(start, end)`` character spans into the text they are given,
in text order, trimmed of surrounding whitespace. A paragraph is a block of lines; a
line break ends a paragraph unless it only wraps a sentence (the line ends without
terminal punctuation and the next one starts in lower case). Every paragraph holds
at least one sentence, so a headline without a final full stop is a sentence.

The abbreviation lists are data, read from ``scorer/data/cues.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_LINE = re.compile(r"[^\n]*\S[^\n]*")
# Terminal punctuation (a run of ".!?", or one "…"), then closing quotes or brackets,
# then footnote markers ("[3]"). The pattern opens with a character class, so that the
# search skips to those characters in C.
_END = re.compile(
    r"[.!?…](?:(?<=…)|(?<=[.!?])[.!?]*)['\"’”»)\]]*(?:\[\d{1,3}\])*(?=\s|$)"
)
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_NEXT_WORD = re.compile(r"\s*['\"‘“(\[]*([\w'’.-]*)")
# "U.S", "e.g", "a.m": dotted abbreviations, the final dot cut off.
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){1,}[A-Za-z]$")
# Both are matched at one position of the text: the last character of a paragraph and
# the first one of the next line (spans are trimmed, so no whitespace is in between).
_WRAP_END = re.compile(r"[\w,;’'-]")
_WRAP_START = re.compile(r"[a-z]")
# Characters of the word before a full stop (what _WORD_BEFORE matches).
_WORD_CHARS = frozenset(".'’-_")
# Extraction asks for the spans of the same text more than once (attribution, then
# claims); a few recent texts are remembered.
_CACHE_SIZE = 4


@dataclass(frozen=True, slots=True)
class _Abbreviations:
    """Words whose full stop does not end a sentence (lower-cased, without the dot)."""

    never_final: frozenset[str]  # titles: "Mr.", "Gen.", "Capt." never end a sentence
    maybe_final: frozenset[str]  # "Inc.", "etc.", "U.S.": end one before an opener word
    openers: frozenset[str]  # words that start a sentence after such an abbreviation


@lru_cache(maxsize=1)
def _abbreviations() -> _Abbreviations:
    text = (
        resources.files("scorer.data").joinpath("cues.toml").read_text(encoding="utf-8")
    )
    data = tomllib.loads(text).get("sentences", {})
    return _Abbreviations(
        never_final=frozenset(w.lower().rstrip(".") for w in data.get("titles", [])),
        maybe_final=frozenset(
            w.lower().rstrip(".") for w in data.get("abbreviations", [])
        ),
        openers=frozenset(w.lower() for w in data.get("openers", [])),
    )


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: blocks of lines separated by line breaks.

    A line break that only wraps a sentence (the line ends in a word or comma and the
    next line starts with a lower-case letter) does not end the paragraph.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    list of (int, int)
        Ordered, non-overlapping spans, each trimmed of surrounding whitespace.
    """
    return list(_paragraphs(text))


@lru_cache(maxsize=_CACHE_SIZE)
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    previous_end = -1
    for match in _LINE.finditer(text):
        start, end = match.span()
        line = match.group()
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        if (
            spans
            and _WRAP_START.match(text, start)
            and _WRAP_END.match(text, previous_end - 1)
            and text.count("\n", previous_end, start) == 1
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        previous_end = end
    return tuple(spans)


def split_sentences(
    text: str, paragraphs: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, in order.

    Handles abbreviations ("U.S.", "Gen.", "Sept.", "Mr.", "St."), initials ("J. Mason
    Kerr"), decimals ("3.5"), quotes and brackets closing after the full stop,
    footnote markers after it ("...harbour.[1] The"), and lines without final
    punctuation (each paragraph holds at least one sentence).

    Parameters
    ----------
    text
        Any text.
    paragraphs
        The text's paragraphs, when :func:`split_paragraphs` has already found them.

    Returns
    -------
    list of (int, int)
        Ordered, non-overlapping spans inside the text, each trimmed of whitespace.
    """
    if paragraphs is None:
        return list(_sentences(text))
    return _split(text, paragraphs)


@lru_cache(maxsize=_CACHE_SIZE)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_split(text, _paragraphs(text)))


def _split(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    abbreviations = _abbreviations()
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        block = text[p_start:p_end]
        start = 0
        for match in _END.finditer(block):
            if not _is_boundary(block, match, abbreviations):
                continue
            _append(spans, block, p_start, start, match.end())
            start = match.end()
        _append(spans, block, p_start, start, len(block))
    return spans


def _append(
    spans: list[tuple[int, int]], block: str, offset: int, start: int, end: int
) -> None:
    piece = block[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def _is_boundary(
    block: str, match: re.Match[str], abbreviations: _Abbreviations
) -> bool:
    """Whether the punctuation ``match`` ends a sentence inside ``block``."""
    nxt = _NEXT_WORD.match(block, match.end())
    if nxt is None or nxt.end(0) >= len(block) and not nxt.group(1):
        return True
    first = block[match.end() : match.end() + 40].lstrip()[:1]
    if not first:
        return True
    if first.islower():
        return False
    next_word = nxt.group(1)
    punctuation = match.group().rstrip("'\"’”»)]0123456789[")
    if punctuation != ".":
        return True
    before = _word_before(block, match.start())
    if not before:
        return True
    word = before.lstrip("'\"‘“(").lower()
    bare = word.rstrip(".")
    if bare in abbreviations.never_final:
        return False
    if len(bare) == 1 and bare.isalpha() and before[-1:].isupper():
        return False  # an initial: "J. Mason Kerr"
    if bare in abbreviations.maybe_final or _ACRONYM.match(bare):
        return next_word.lower() in abbreviations.openers
    return True


def _word_before(block: str, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens ending at ``end``
    (at most 40 characters back), or ``""``."""
    floor = max(0, end - 40)
    start = end
    while start > floor and (
        block[start - 1] in _WORD_CHARS or block[start - 1].isalnum()
    ):
        start -= 1
    if start == end and end > floor and block[end - 1] == "\n":
        found = _WORD_BEFORE.search(block, floor, end)  # the word before a line break
        return found.group(1) if found else ""
    return block[start:end]
