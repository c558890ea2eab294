"""Disagreement stage: how far the independent voices of a subject disagree.

Per subject, claims are first reduced to **voices** (one per independent origin, see
:mod:`scorer.independence`): a voice states the interval of its heaviest claim (the
latest, on ties) and carries the sum of its claims' weights, capped at 1, as its weight.
Claims of one sentence that add up to another voice's value (800 welders + 400 crane
operators against 1,200 workers) stand for their sum: parts of a total,
not rivals of it, even when grouping put the parts in the total's subject one by one.
A vague count ("thousands of hectares", "dozens": an order of magnitude, not an
estimate) speaks only where no claim of the subject is more precise; else it is left
out and counted in ``n_vague``.

Values are compared on a log10 scale when every value is positive (counts, money,
areas), else on a linear scale divided by the largest magnitude. With ``t`` that
transform, ``w_i`` the voice weights and ``x_i`` the transformed midpoints:

* centre ``c`` = the weighted median of ``x_i`` (reported back in the claim's unit);
* dispersion ``D`` = ``sqrt(sum w_i (x_i - c)^2 / sum w_i)``;
* gap ``G`` = how far the highest lower bound lies above the lowest upper bound, when
  it does (the two voices' intervals do not overlap), scaled by
  ``(1 + min(w_i, w_j) / max(w)) / 2`` for those two voices (open bounds never cause
  a gap on their open side: "more than 7,500" does not contradict 9,500);
* voices ``V`` = ``min(1, (n - 1) / (voices_saturation - 1))``.

Before these, a voice more than ``out_of_scale`` orders of magnitude from the weighted
median (log scale only) is left out and counted in ``n_out_of_scale``, provided there
are three voices or more and those within that scale hold most of the weight; the
centre is then taken again without it. Two voices alone, neither of which can be
called the stray, score 0 when they are more than ``incomparable`` orders apart (1.5:
a factor of about 30; status ``incomparable``). 13 against 1,000 is far more often two
quantities the frame could not tell apart, or a stray number, than two sources
disagreeing; real disputes in the news mostly sit within a factor of ten (20,000
against 90,000 marchers, $15bn against $60bn of damage).

The score is::

    base  = (a * (1 - exp(-D / dispersion_scale))
             + b * (1 - exp(-G / gap_scale))) / (a + b)
    score = base * ((1 - v) + v * V)

with ``a, b, v`` = ``dispersion_weight, gap_weight, voices_weight``. One voice scores 0.

**Time**: where claims carry publication dates, the score is also computed over every
window of ``window_days`` days (undated claims belong to every window, and the voices
the whole subject left out as out of scale stay out); the largest of those is
``window_disagreement``, the spread among sources speaking at the same time,
which is what subjects are ranked by. Change over time alone (a toll rising day by day)
then ranks low while still shown in ``disagreement``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from scorer.config import DisagreementConfig
from scorer.model import VAGUE_CUE
from scorer.parallel import fork_map

# From how many claims a corpus's subjects are scored on every core (below, forking
# the workers costs more than it saves).
_PARALLEL_FROM = 50_000

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd


@dataclass(frozen=True, slots=True)
class Voice:
    """An independent origin's position in a subject."""

    key: str
    low: float | None
    high: float | None
    weight: float
    n_claims: int
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Score:
    """The parts of a subject's disagreement score."""

    disagreement: float
    centre: float | None
    dispersion: float
    gap: float
    n_voices: int
    dispersion_part: float
    gap_part: float
    voices_part: float
    strays: tuple[str, ...] = ()  # keys of the voices left out as out of scale
    incomparable: bool = False  # two voices too far apart to be one quantity

    @property
    def out_of_scale(self) -> int:
        return len(self.strays)


def _point(low: float | None, high: float | None) -> float | None:
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _num(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


class _VoiceTable:
    """A subject's claims arranged so that the voices of any subset of them (a time
    window) come from a few array operations instead of a pass in Python."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        names, codes = np.unique(
            np.array([r["voice"] for r in rows], dtype=object), return_inverse=True
        )
        self.names = names.tolist()
        self.codes = codes.ravel()
        # Heaviest (then latest) first; equal ranks keep the subject's order, so the
        # first claim of a voice in this order is the one that speaks for it.
        self.order = np.array(
            sorted(range(len(rows)), key=lambda i: rows[i]["rank"], reverse=True),
            dtype=np.int64,
        )
        self.weights = np.array([r["weight"] for r in rows], dtype=float)

    def voices(self, mask: np.ndarray | None = None) -> list[Voice]:
        """One voice per origin among the claims where ``mask`` is true (all by
        default): its heaviest claim's interval (the latest on ties), the sum of its
        claims' weights capped at 1. By voice key."""
        if mask is None:
            mask = np.ones(len(self.rows), dtype=bool)
        ranked = self.order[mask[self.order]]
        if ranked.size == 0:
            return []
        present, first = np.unique(self.codes[ranked], return_index=True)
        n = len(self.names)
        weight = np.bincount(self.codes[mask], weights=self.weights[mask], minlength=n)
        count = np.bincount(self.codes[mask], minlength=n)
        result = []
        for code, position in zip(
            present.tolist(), ranked[first].tolist(), strict=True
        ):
            best = self.rows[position]
            result.append(
                Voice(
                    key=self.names[code],
                    low=best["low"],
                    high=best["high"],
                    weight=min(1.0, float(weight[code])),
                    n_claims=int(count[code]),
                    published=best["published"],
                )
            )
        return result


class _Values:
    """Exact values with the (document, sentence, unit) key each was stated under,
    sorted, so that "is any value within this tolerance, from another sentence?"
    costs a binary search instead of a scan."""

    def __init__(self, pairs: list[tuple[float, tuple[str, str, str]]]) -> None:
        pairs = sorted(pairs)
        self.values = [value for value, _ in pairs]
        self.keys = [key for _, key in pairs]

    def near(self, target: float, tolerance: float, other_than: object) -> bool:
        """Whether a value within ``tolerance`` of ``target`` has another key."""
        left = bisect.bisect_left(self.values, target - tolerance)
        right = bisect.bisect_right(self.values, target + tolerance)
        return any(key != other_than for key in self.keys[left:right])


def sentence_siblings(claims: pd.DataFrame) -> dict[tuple[str, ...], object]:
    """Exact values stated in each sentence, by (document, sentence, unit), and every
    exact value of each unit with its sentence, as :class:`_Values` under
    ``("#unit", unit)``."""
    siblings: dict[tuple[str, ...], list] = {}
    for doc_id, sentence, unit, low, high in zip(
        claims["doc_id"].tolist(),
        claims["sentence"].tolist(),
        claims["unit"].tolist(),
        claims["low"].tolist(),
        claims["high"].tolist(),
        strict=True,
    ):
        low, high = _num(low), _num(high)
        if low is not None and low == high:
            key = (str(doc_id), str(sentence), str(unit))
            siblings.setdefault(key, []).append(low)
            siblings.setdefault(("#unit", str(unit)), []).append((low, key))
    return {
        key: _Values(value) if key[0] == "#unit" else value
        for key, value in siblings.items()
    }


def _columns(claims: pd.DataFrame) -> dict[str, list]:
    """The columns scoring reads, as plain lists (taken once for the whole corpus)."""
    columns = {
        c: claims[c].tolist()
        for c in ("voice", "low", "high", "weight", "published", "start")
        + ("doc_id", "sentence", "unit")
    }
    columns["vague"] = (
        (claims["hedge_cue"] == VAGUE_CUE).tolist()
        if "hedge_cue" in claims
        else [False] * len(claims)
    )
    # A figure whose words name an earlier time than its story's counts at that time.
    columns["as_of"] = (
        claims["as_of"].tolist() if "as_of" in claims else [""] * len(claims)
    )
    return columns


def _rows(columns: dict[str, list], positions: Sequence[int]) -> list[dict]:
    """The fields scoring needs of the claims at ``positions``, as plain rows."""
    rows = []
    dates: dict[str, dt.date] = {}  # a document's claims share its date
    voice, low, high, weight, published, start, doc_id, sentence, unit, vague, as_of = (
        columns[c]
        for c in (
            "voice",
            "low",
            "high",
            "weight",
            "published",
            "start",
            "doc_id",
            "sentence",
            "unit",
            "vague",
            "as_of",
        )
    )
    for i in positions:
        then, day = as_of[i], published[i]
        if isinstance(then, str) and then:
            day = then
        if isinstance(day, str) and day:
            date = dates.get(day)
            if date is None:
                date = dates[day] = dt.date.fromisoformat(day[:10])
            day = date
        elif not isinstance(day, dt.date):
            day = None
        rows.append(
            {
                "voice": voice[i],
                "low": _num(low[i]),
                "high": _num(high[i]),
                "weight": float(weight[i]),
                "published": day,
                "start": int(start[i]),
                "key": (str(doc_id[i]), str(sentence[i]), str(unit[i])),
                "vague": bool(vague[i]),
                # Which claim speaks for its voice: the heaviest, then the latest.
                "rank": (float(weight[i]), day or dt.date.min, -int(start[i])),
            }
        )
    return rows


def _merge_parts(
    members: list[dict], config: DisagreementConfig, siblings: dict
) -> list[dict]:
    """The subject's rows; a figure stated in one sentence with others of its unit
    ("800 welders and 400 crane operators") whose sum matches a figure of another
    sentence of the subject (1,200 workers) stands for that sum: it is
    a part of the total, not a rival of it. One whose sum matches a figure of another
    subject is a part of that total and is left out here."""
    exact = _Values(
        [
            (r["low"], r["key"])
            for r in members
            if r["low"] is not None and r["low"] == r["high"]
        ]
    )
    rows = []
    for row in members:
        values = siblings.get(row["key"], [])
        if row["low"] is None or row["low"] != row["high"] or len(values) < 2:
            rows.append(row)
            continue
        total = sum(values)
        if exact.near(row["low"], config.parts_tolerance * row["low"], row["key"]):
            rows.append(row)  # the figure itself is confirmed: it is no part
        elif exact.near(total, config.parts_tolerance * total, row["key"]):
            rows.append({**row, "low": total, "high": total})
        elif not siblings[("#unit", row["key"][2])].near(
            total, config.parts_tolerance * total, row["key"]
        ):
            rows.append(row)
        # else: a part of a total another subject holds, left out here
    return rows


def _without_vague(rows: list[dict]) -> tuple[list[dict], int]:
    """The rows that speak for the subject, and how many vague counts were left out:
    a vague count ("thousands of hectares", "dozens") gives an order of magnitude, not
    an estimate, and speaks only where no figure of the subject is more precise."""
    precise = [r for r in rows if not r["vague"]]
    if not precise or len(precise) == len(rows):
        return rows, 0
    return precise, len(rows) - len(precise)


def _transform(values: list[float]) -> tuple[callable, callable]:  # type: ignore[valid-type]
    if values and min(values) > 0:
        return math.log10, lambda x: 10**x
    scale = max((abs(v) for v in values), default=1.0) or 1.0
    return (lambda x: x / scale), (lambda x: x * scale)


def _weighted_median(x: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(w[order])
    return float(x[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def score_voices(voices: list[Voice], config: DisagreementConfig) -> Score:
    """Combine voices into a disagreement score (formula in the module docstring)."""
    valued = [v for v in voices if _point(v.low, v.high) is not None]
    bounds = [b for v in valued for b in (v.low, v.high) if b is not None]
    if not valued:
        return Score(0.0, None, 0.0, 0.0, len(voices), 0.0, 0.0, 0.0)
    forward, backward = _transform(bounds)
    x = np.array([forward(_point(v.low, v.high)) for v in valued])
    w = np.array([max(v.weight, 1e-9) for v in valued])
    centre_t = _weighted_median(x, w)
    strays: tuple[str, ...] = ()
    if config.out_of_scale > 0 and forward is math.log10:
        within = np.abs(x - centre_t) <= config.out_of_scale
        # Only most of the weight, around the median of three voices or more, can
        # call a voice out of scale: of two voices far apart, neither is the stray.
        if not within.all() and len(valued) >= 3 and w[within].sum() > 0.5 * w.sum():
            strays = tuple(
                v.key for v, keep in zip(valued, within, strict=True) if not keep
            )
            valued = [v for v, keep in zip(valued, within, strict=True) if keep]
            x, w = x[within], w[within]
            centre_t = _weighted_median(x, w)  # the strays have no say in it either
    centre = float(backward(centre_t))
    n = len(valued)
    if (
        n == 2
        and config.incomparable > 0
        and forward is math.log10
        and abs(x[0] - x[1]) > config.incomparable
    ):
        # Neither of two voices can be called the stray, but thirty times apart they
        # are two quantities the frame could not tell apart, not a dispute.
        return Score(0.0, centre, 0.0, 0.0, n, 0.0, 0.0, 0.0, strays, True)
    if n < 2:
        return Score(0.0, centre, 0.0, 0.0, n, 0.0, 0.0, 0.0, strays)
    dispersion = float(math.sqrt(np.sum(w * (x - centre_t) ** 2) / np.sum(w)))
    gap = _largest_gap(valued, w, forward)
    a, b, v = config.dispersion_weight, config.gap_weight, config.voices_weight
    dispersion_part = 1 - math.exp(-dispersion / config.dispersion_scale)
    gap_part = 1 - math.exp(-gap / config.gap_scale)
    voices_part = min(1.0, (n - 1) / (config.voices_saturation - 1))
    base = (a * dispersion_part + b * gap_part) / (a + b) if a + b > 0 else 0.0
    score = base * ((1 - min(v, 1.0)) + min(v, 1.0) * voices_part)
    return Score(
        disagreement=round(float(min(1.0, max(0.0, score))), 6),
        centre=centre,
        dispersion=round(dispersion, 6),
        gap=round(gap, 6),
        n_voices=n,
        dispersion_part=round(dispersion_part, 6),
        gap_part=round(gap_part, 6),
        voices_part=round(voices_part, 6),
        strays=strays,
    )


def _status(score: Score, all_parts: bool = False) -> str:
    if score.disagreement > 0:
        return "contested"
    if score.incomparable:
        return "incomparable"
    if all_parts:
        return "part"  # every figure is a part of a total another subject holds
    return "uncontested" if score.n_voices <= 1 else "agreed"


def _largest_gap(voices: list[Voice], w: np.ndarray, forward) -> float:  # noqa: ANN001
    """The gap between the highest lower bound and the lowest upper bound, when they
    do not overlap, scaled by the weaker of the two voices (linear in the voices)."""
    lows = [(v.low, i) for i, v in enumerate(voices) if v.low is not None]
    highs = [(v.high, i) for i, v in enumerate(voices) if v.high is not None]
    if not lows or not highs:
        return 0.0
    (top, i), (bottom, j) = max(lows), min(highs)
    if top <= bottom or i == j:
        return 0.0
    # A weak voice against a strong one is still a contradiction, only a less certain
    # one: its weight halves the gap at the most.
    factor = 0.5 + 0.5 * min(w[i], w[j]) / float(w.max())
    return (forward(top) - forward(bottom)) * factor


def _window_score(
    rows: list[dict],
    table: _VoiceTable,
    config: DisagreementConfig,
    strays: tuple[str, ...] = (),
) -> float:
    """The largest score among claims published within ``window_days`` of each other
    (undated claims belong to every window); -1 when fewer than two dates. ``rows``
    have had their parts merged over the whole subject; ``table`` holds their voices.
    The voices the whole subject left out as out of scale (``strays``) stay out of
    every window: a window too small to tell a stray must not bring it back."""
    days = np.array(
        [-1 if r["published"] is None else r["published"].toordinal() for r in rows],
        dtype=np.int64,
    )
    starts = np.unique(days[days >= 0])
    if len(starts) < 2:
        return -1.0
    undated = days < 0
    stray_codes = [code for code, name in enumerate(table.names) if name in strays]
    kept = ~np.isin(table.codes, stray_codes)
    best = 0.0
    scored: set[bytes] = set()
    for start in starts.tolist():
        inside = kept & (
            undated | ((days >= start) & (days <= start + config.window_days))
        )
        # Windows holding the same claims (a day whose claims are all strays) score
        # the same: each set of claims is scored once.
        claims_inside = np.packbits(inside).tobytes()
        if claims_inside in scored:
            continue
        scored.add(claims_inside)
        best = max(best, score_voices(table.voices(inside), config).disagreement)
    return best


def _score_subject(
    columns: dict[str, list],
    labels: list[str],
    siblings: dict,
    config: DisagreementConfig,
    subject: tuple[str, np.ndarray],
) -> dict:
    """One subject's row of :func:`measure_disagreement`, from its claims'
    ``positions`` in ``columns``."""
    name, positions = subject
    rows = _rows(columns, positions.tolist())
    merged, n_vague = _without_vague(_merge_parts(rows, config, siblings))
    table = _VoiceTable(merged)
    score = score_voices(table.voices(), config)
    # A window holds some of these voices (never the strays): with at most one of
    # them, every window scores 0 like the whole. (Two incomparable voices may still
    # compare inside a window, where each is read from its own claims.)
    window = (
        -1.0
        if score.n_voices <= 1
        else _window_score(merged, table, config, score.strays)
    )
    lows = [r["low"] for r in rows if r["low"] is not None]
    highs = [r["high"] for r in rows if r["high"] is not None]
    n_claims = len(rows)
    units = Counter(r["key"][2] for r in rows)
    return {
        "subject": name,
        "label": labels[positions[0]],
        "unit": max(sorted(units), key=units.__getitem__),
        "disagreement": score.disagreement,
        "window_disagreement": score.disagreement if window < 0 else window,
        "n_claims": n_claims,
        "n_origins": score.n_voices,
        "n_docs": len({r["key"][0] for r in rows}),
        "n_out_of_scale": score.out_of_scale,
        "n_vague": n_vague,
        "low": min(lows + highs) if lows or highs else None,
        "high": max(highs + lows) if lows or highs else None,
        "centre": score.centre,
        "dispersion": score.dispersion,
        "gap": score.gap,
        "dispersion_part": score.dispersion_part,
        "gap_part": score.gap_part,
        "voices_part": score.voices_part,
        "amplification": round(n_claims / max(score.n_voices, 1), 3),
        "status": _status(score, bool(rows) and not merged),
    }


def measure_disagreement(
    claims: pd.DataFrame,
    config: DisagreementConfig | None = None,
    jobs: int | None = None,
) -> pd.DataFrame:
    """Score every subject.

    Parameters
    ----------
    claims
        Scored claims with ``subject``, ``subject_label``, ``voice``, ``weight``,
        ``low``, ``high``, ``unit``, ``published``, ``doc_id``, ``start``.
    config
        The disagreement section.
    jobs
        Worker processes for a large corpus's subjects (default: the cores).

    Returns
    -------
    DataFrame
        One row a subject with the columns of :data:`scorer.model.SUBJECT_COLUMNS`
        and the parts of the score, ranked by ``window_disagreement`` (then
        ``disagreement``, voices and claims).
    """
    import pandas as pd

    from scorer.model import SCORE_PART_COLUMNS, SUBJECT_COLUMNS

    config = config or DisagreementConfig()
    labels = claims["subject_label"].tolist() if not claims.empty else []
    siblings = sentence_siblings(claims) if not claims.empty else {}
    columns = _columns(claims) if not claims.empty else {}
    subjects = sorted(claims.groupby("subject", sort=True).indices.items())
    # A large corpus's subjects are scored on every core, the largest first.
    records = fork_map(
        partial(_score_subject, columns, labels, siblings, config),
        subjects,
        cost=lambda subject: len(subject[1]),
        jobs=jobs if len(claims) >= _PARALLEL_FROM else 1,
    )
    table = pd.DataFrame.from_records(
        records,
        columns=[*SUBJECT_COLUMNS, *SCORE_PART_COLUMNS],
    )
    if table.empty:
        return table
    table = table.sort_values(
        ["window_disagreement", "disagreement", "n_origins", "n_claims", "subject"],
        ascending=[False, False, False, False, True],
        kind="stable",
    ).reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table
