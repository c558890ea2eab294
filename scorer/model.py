"""Data model for every stage: documents, quantities, attributions, claims, subjects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Kinds of source a link in an attribution chain can be.
SOURCE_KINDS = (
    "publisher",  # the document's own publisher
    "outlet",  # another news outlet
    "wire",  # a news agency (Reuters, AP, AFP, ...)
    "primary",  # an institution that produces the figure: agency, ministry, think tank
    "official",  # a named or unnamed official speaking for an institution
    "person",  # a named person with no known institution
    "expert",  # an analyst or researcher speaking for themselves
    "anonymous",  # "sources", "diplomats", "officials" with no institution
    "unknown",
)

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")

# The outlet of a document whose publisher neither the data, the url nor the text names.
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True, slots=True)
class Document:
    """One article, as read and cleaned.

    ``text`` is what every later stage indexes into; ``raw_text`` is the file as
    decoded. ``removed`` lists the lines cleaning dropped, ``segments`` the character
    offsets in ``text`` where an unrelated text glued after the article begins (with the
    name the segment gives itself, or ``""``).
    """

    id: str
    text: str
    raw_text: str = ""
    outlet: str = UNKNOWN_OUTLET
    url: str = ""
    published: dt.date | None = None
    title: str = ""
    path: str = ""
    removed: tuple[str, ...] = ()
    segments: tuple[tuple[int, str], ...] = ()
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a claim states it: an interval with possibly open ends.

    ``low``/``high`` are ``None`` where the bound is open ("more than 4 million" has
    no ``high``). A single value has ``low == high``. ``relative`` marks claims such
    as "quadruple the number", whose value is a factor, not a count.
    """

    low: float | None
    high: float | None
    unit: str = ""
    qualifier: str = "exact"
    surface: str = ""
    relative: bool = False

    @property
    def point(self) -> float | None:
        """A single representative value: the midpoint, or the one known bound."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True, slots=True)
class Link:
    """One link of an attribution chain: a normalised source name and its kind."""

    name: str
    kind: str = "unknown"
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """The chain from the publisher outward; the last link is the origin."""

    links: tuple[Link, ...]

    @property
    def chain(self) -> str:
        return " > ".join(link.name for link in self.links)

    @property
    def origin(self) -> Link:
        return self.links[-1]


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim found in a document."""

    doc_id: str
    outlet: str
    start: int
    end: int
    quote: str
    sentence: str
    quantity: Quantity
    attribution: Attribution
    noun: str = ""
    noun_surface: str = ""
    predicate: str = ""
    actors: tuple[str, ...] = ()
    # The name the figure's own phrase leads to where its sentence has other figures
    # ("eight from the Ridge Fire"): a figure of another such name is another
    # quantity.
    own_actor: str = ""
    scope: tuple[str, ...] = ()
    hedged: bool = False
    hedge_cue: str = ""
    published: dt.date | None = None
    context: str = ""
    keywords: tuple[str, ...] = ()
    # The city the figure's article reports from, where it names one ("" if none).
    place: str = ""
    # What the figure's clause says it came from, after a cause phrase ("40 died due
    # to gas poisoning": "gas poisoning"); "" if none.
    cause: str = ""


@dataclass(frozen=True, slots=True)
class Subject:
    """Claims about one quantity, across documents."""

    id: str
    label: str
    unit: str
    claim_ids: tuple[int, ...] = field(default=())


# The unit of a share ("83% of the deaths"): its counted noun is what it is a share of.
SHARE_UNIT = "percent"

# The hedge cue of a vague count ("dozens", "tens of thousands"): an order of
# magnitude by convention, not an estimate.
VAGUE_CUE = "vague"

# Column names shared by the pipeline, the renderers and the tests.
CLAIM_COLUMNS = (
    "claim_id",
    "doc_id",
    "outlet",
    "start",
    "end",
    "quote",
    "low",
    "high",
    "unit",
    "qualifier",
    "relative",
    "noun",
    "noun_surface",
    "predicate",
    "actors",
    "own_actor",
    "scope",
    "hedged",
    "hedge_cue",
    "chain",
    "chain_kinds",
    "origin",
    "origin_kind",
    "published",
    "sentence",
    "context",
    "keywords",
    "place",
    "cause",
)
SCORED_CLAIM_COLUMNS = CLAIM_COLUMNS + (
    "distance",
    "weight",
    "voice",
    "subject",
)
SUBJECT_COLUMNS = (
    "subject",
    "rank",
    "label",
    "unit",
    "disagreement",
    "n_claims",
    "n_origins",
    "n_docs",
    "n_out_of_scale",
    "n_vague",
    "low",
    "high",
    "centre",
    "dispersion",
    "gap",
    "amplification",
    "window_disagreement",
    "status",
)
# The parts a subject's score combines, reported beside it.
SCORE_PART_COLUMNS = ("dispersion_part", "gap_part", "voices_part")
OUTLET_COLUMNS = (
    "outlet",
    "n_docs",
    "n_claims",
    "proximity",
    "sourcing",
    "fidelity",
    "independence",
    "agreement",
    "credibility",
)
DOCUMENT_COLUMNS = (
    "doc_id",
    "outlet",
    "n_claims",
    "distance",
    "deviation",
    "near_copies",
    "credibility",
)
