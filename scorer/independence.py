"""Independence: near-copy documents and the voices claims speak with.

Claims that trace back to the same origin are one voice, however many outlets repeat
them; so are the unattributed claims of documents that are near-copies of each other.
Near-copies are found with MinHash signatures of word 5-shingles and locality-sensitive
hashing, so the cost grows linearly with the corpus, not with its square.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

_N_BANDS = 21
_ROWS = 3
_N_PERM = _N_BANDS * _ROWS
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(
    20240617
)  # fixed: signatures must be comparable across runs
_A = _rng.integers(1, 1 << 31, size=_N_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=_N_PERM, dtype=np.uint64)
_WORD_RE = re.compile(r"\w+")
_SHINGLE = 5
_WORD_HASHES: dict[str | bytes, int] = {}
# Characters outside ASCII that are no word characters and common in news text.
_NON_WORD_MARKS = "’‘“”—–\u00a0…•"
_NON_WORD_TO_SPACE = (
    bytes(b if chr(b).isalnum() or chr(b) == "_" else ord(" ") for b in range(128))
    + b" " * 128
)
_MAX_KNOWN_WORDS = 200_000
# Candidate pairs of near-copies compared at once (memory: this x signature length x
# 16 bytes).
_PAIR_CHUNK = 8192
# Candidate pairs held before repeats across bands are dropped (8 bytes each).
_MAX_HELD_PAIRS = 4_000_000


def document_signature(text: str) -> np.ndarray:
    """A MinHash signature of a text's word 5-shingles (``uint64`` array)."""
    words = _words(text)
    if len(words) < _SHINGLE:
        words = words + [""] * (_SHINGLE - len(words))
    # Each word hashed once (crc32: stable across processes, unlike hash()); a
    # shingle's hash combines its words' hashes, all in numpy. A corpus repeats its
    # vocabulary, so word hashes are remembered.
    known = _WORD_HASHES
    try:
        word_hashes = np.fromiter(map(known.__getitem__, words), np.uint64, len(words))
    except KeyError:  # a word not seen before
        if len(known) > _MAX_KNOWN_WORDS:
            known.clear()
        for word in set(words).difference(known):
            known[word] = zlib.crc32(word if isinstance(word, bytes) else word.encode())
        word_hashes = np.fromiter(map(known.__getitem__, words), np.uint64, len(words))
    n = len(words) - _SHINGLE + 1
    shingles = word_hashes[:n].copy()
    for offset in range(1, _SHINGLE):
        shingles *= np.uint64(1_000_003)
        shingles += word_hashes[offset : offset + n]
    # Repeated shingles change no minimum, so they are not removed.
    hashes = shingles % _PRIME
    # (a * h + b) mod p for every permutation, then the minimum over the shingles;
    # a * h + b wraps around 2**64 as numpy's uint64 does. Since p = 2**61 - 1,
    # x mod p is (x & p) + (x >> 61), less p once if that reaches p: cheaper than %.
    products = np.multiply.outer(_A, hashes)
    products += _B[:, None]
    reduced = products & _PRIME
    products >>= np.uint64(61)
    reduced += products
    np.subtract(reduced, _PRIME, out=reduced, where=reduced >= _PRIME)
    return reduced.min(axis=1)


def _words(text: str) -> list[str] | list[bytes]:
    """The words (``\\w+``) of the text, lower-cased. A text that is ASCII but for
    common punctuation is split in C: its punctuation becomes spaces, and the words
    come as the equal ASCII bytes, which crc32 reads as they are."""
    lowered = text.lower()
    for mark in _NON_WORD_MARKS:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    if lowered.isascii():
        return lowered.encode("ascii").translate(_NON_WORD_TO_SPACE).split()
    return _WORD_RE.findall(text.lower())


def find_near_copies(
    signatures: dict[str, np.ndarray], threshold: float
) -> dict[str, tuple[str, ...]]:
    """Each document's near-copies: other documents whose estimated shingle overlap
    (Jaccard) is at least ``threshold``. Documents that agree on every row of some
    band of their signatures are candidates (locality-sensitive hashing); each
    candidate pair is compared once, all in numpy."""
    ids = list(signatures)
    copies: dict[str, set[str]] = defaultdict(set)
    if len(ids) > 1:
        matrix = np.stack([signatures[doc_id] for doc_id in ids])
        candidates = _candidate_pairs(matrix)
        for start in range(0, len(candidates), _PAIR_CHUNK):
            chunk = candidates[start : start + _PAIR_CHUNK]
            agree = (matrix[chunk[:, 0]] == matrix[chunk[:, 1]]).mean(axis=1)
            for a, b in chunk[agree >= threshold].tolist():
                copies[ids[a]].add(ids[b])
                copies[ids[b]].add(ids[a])
    return {doc_id: tuple(sorted(copies.get(doc_id, ()))) for doc_id in signatures}


def _candidate_pairs(matrix: np.ndarray) -> np.ndarray:
    """The pairs of rows (``a < b``, sorted, unique) of a signature matrix that agree
    on all rows of at least one band."""
    n = len(matrix)
    found = [np.empty(0, dtype=np.int64)]  # pair (a, b) as a * n + b
    held = 0
    for band in range(_N_BANDS):
        keys = np.ascontiguousarray(matrix[:, band * _ROWS : (band + 1) * _ROWS])
        _, group = np.unique(
            keys.view(np.dtype((np.void, keys.dtype.itemsize * _ROWS))).ravel(),
            return_inverse=True,
        )
        group = group.ravel()
        # Rows of one key, in increasing order (a stable sort keeps it).
        order = np.argsort(group, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(group[order]) != 0])
        sizes = np.diff(np.r_[starts, n])
        for start, size in zip(
            starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True
        ):
            members = order[start : start + size]
            first, second = np.triu_indices(size, k=1)
            found.append(members[first] * n + members[second])
            held += len(first)
        if held > _MAX_HELD_PAIRS:  # many copies: keep only the distinct pairs
            found = [_distinct(np.concatenate(found))]
            held = len(found[0])
    codes = _distinct(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


def _distinct(codes: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (by sorting: faster than ``np.unique``'s hashing
    on millions of pair codes)."""
    codes = np.sort(codes)
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


def copy_groups(near_copies: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Map each document that has near-copies to the smallest id of its
    connected group.
    """
    group: dict[str, str] = {}
    for start in sorted(near_copies):
        if start in group or not near_copies[start]:
            continue
        stack, members = [start], []
        while stack:
            doc_id = stack.pop()
            if doc_id in group:
                continue
            group[doc_id] = start
            members.append(doc_id)
            stack.extend(near_copies.get(doc_id, ()))
    return group


def _is_proper_name(name: str) -> bool:
    """Whether an unregistered source's name is a proper name ("WeatherDesk",
    "Verisk", "Gallagher Re", "UCLA report") rather than a description that opened a
    sentence ("Preliminary estimates", "Local reports"): one word, or a capital beyond
    the first letter of the first word."""
    words = name.split()
    if not words or not words[0][:1].isupper():
        return False
    return len(words) == 1 or any(c.isupper() for c in name[1:])


def voice_of(
    chain: str, chain_kinds: str, doc_id: str, outlet: str, groups: dict[str, str]
) -> str:
    """The independent voice a claim speaks with.

    A named origin is its own voice, registered or not ("WeatherDesk" quoted by two
    outlets is one firm). An anonymous origin ("diplomats", or an unregistered
    description such as "a monthly update") is only as independent as the chain that
    carries it, so the chain's named links stay in the key. An unattributed claim is
    the publisher's own voice, shared by near-copies.
    """
    names = chain.split(" > ")
    kinds = chain_kinds.split(" > ")
    if len(names) == 1 or kinds[-1] == "publisher":
        if doc_id in groups:
            return "copy:" + groups[doc_id]
        return "outlet:" + outlet.lower() if outlet != "unknown" else "doc:" + doc_id
    named = kinds[-1] == "unknown" and _is_proper_name(names[-1])
    if kinds[-1] in ("anonymous", "unknown") and not named:
        if len(names) == 2:
            # "Witnesses" quoted by the publisher itself are its own reporting.
            carrier = (
                "copy:" + groups[doc_id]
                if doc_id in groups
                else (
                    "outlet:" + outlet.lower()
                    if outlet != "unknown"
                    else "doc:" + doc_id
                )
            )
            return f"via:{carrier} > {names[-1].lower()}"
        return "via:" + " > ".join(n.lower() for n in names[1:])
    return "origin:" + names[-1].lower()
