"""Evaluation: extraction, attribution, grouping and ranking against gold annotations.

The gold format is the one of ``seeds/README.md``: one row a claim with ``doc_id``,
``subject``, ``low``, ``high``, ``quote``, ``chain`` and ``origin`` (``@`` standing for
the document's publisher), and optionally ``hedged`` (1 or 0). A gold row is *found*
when a claim's span overlaps the quote's span in the cleaned text; *exact* when that
claim also has the gold's low and high (an empty cell is an open bound). Precision is
the share of claims that overlap some gold quote; where the gold annotates only key
subjects (as the dev set does) it is a floor. Hedge accuracy is the share of found gold
rows with a ``hedged`` cell whose claim is hedged the same way.
Grouping is scored with B-cubed precision, recall and F1 over the found claims.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.config import Config
from scorer.errors import InputError

_GOLD_COLUMNS = ("doc_id", "subject", "low", "high", "quote", "chain", "origin")


@dataclass(slots=True)
class GoldClaim:
    line: int
    doc_id: str
    subject: str
    low: float | None
    high: float | None
    quote: str
    chain: list[str]
    origin: str
    hedged: bool | None = None


@dataclass(slots=True)
class Evaluation:
    """Scores and the list of misses."""

    n_gold: int = 0
    found: int = 0
    exact: int = 0
    n_claims: int = 0
    claims_on_gold: int = 0
    origin_right: int = 0
    chain_right: int = 0
    hedges_scored: int = 0
    hedge_right: int = 0
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    bcubed_f1: float = 0.0
    misses: list[str] = field(default_factory=list)
    ranking: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def share(n: int, d: int) -> float:
            return round(n / d, 4) if d else 0.0

        return {
            "gold_claims": self.n_gold,
            "recall_found": share(self.found, self.n_gold),
            "recall_exact": share(self.exact, self.n_gold),
            "precision": share(self.claims_on_gold, self.n_claims),
            "origin_accuracy": share(self.origin_right, self.n_gold),
            "chain_accuracy": share(self.chain_right, self.n_gold),
            "hedge_accuracy": share(self.hedge_right, self.hedges_scored),
            "bcubed_precision": round(self.bcubed_precision, 4),
            "bcubed_recall": round(self.bcubed_recall, 4),
            "bcubed_f1": round(self.bcubed_f1, 4),
        }


def _number(text: str, where: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"{where}: expected a number or an empty cell, got {text!r}"
        ) from None


def read_gold(path: str | Path) -> list[GoldClaim]:
    """Read a gold claims CSV, naming the file and line of any bad row."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")  # spreadsheets add a BOM
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read gold file: {exc.strerror or exc}"
        ) from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}:1: gold file lacks columns {', '.join(missing)}")
        gold = []
        for row in reader:
            number = reader.line_num
            where = f"{path}:{number}"
            gold.append(
                GoldClaim(
                    line=number,
                    doc_id=row["doc_id"].strip(),
                    subject=row["subject"].strip(),
                    low=_number(row["low"], f"{where}: low"),
                    high=_number(row["high"], f"{where}: high"),
                    quote=row["quote"],
                    chain=[p.strip() for p in row["chain"].split(">")],
                    origin=row["origin"].strip(),
                    hedged=_flag(row.get("hedged"), f"{where}: hedged"),
                )
            )
    return gold


def _flag(text: str | None, where: str) -> bool | None:
    text = (text or "").strip().lower()
    if not text:
        return None
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    raise InputError(f"{where}: expected 1, 0 or an empty cell, got {text!r}")


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def evaluate(
    paths: list[str | Path], gold_path: str | Path, config: Config | None = None
) -> Evaluation:
    """Run the pipeline on a corpus and compare it with gold annotations."""
    from scorer.extract.attribution import same_source
    from scorer.extract.claims import load_resources
    from scorer.pipeline import extract, score

    config = config or Config()
    gold = read_gold(gold_path)
    resources = load_resources(config.extract)
    extraction = extract(paths, config, keep_texts=True)
    texts = extraction.texts
    result = score(extraction, config)
    claims = result.claims
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in claims.to_dict("records"):
        by_doc[row["doc_id"]].append(row)

    evaluation = Evaluation(n_gold=len(gold), n_claims=len(claims))
    gold_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    pairs: list[tuple[str, str]] = []  # (gold subject, our subject) of found claims
    for item in gold:
        text = texts.get(item.doc_id)
        label = f"line {item.line} {item.doc_id} {item.quote[:60]!r}"
        if text is None:
            evaluation.misses.append(f"{label}: document not in corpus")
            continue
        start = text.find(item.quote)
        if start < 0:
            evaluation.misses.append(f"{label}: quote not in cleaned text")
            continue
        end = start + len(item.quote)
        gold_spans[item.doc_id].append((start, end))
        overlapping = [
            c for c in by_doc[item.doc_id] if c["start"] < end and c["end"] > start
        ]
        if not overlapping:
            evaluation.misses.append(f"{label}: no claim found")
            continue
        evaluation.found += 1
        exact = [
            c
            for c in overlapping
            if _same(_nan(c["low"]), item.low) and _same(_nan(c["high"]), item.high)
        ]
        claim = exact[0] if exact else overlapping[0]
        if exact:
            evaluation.exact += 1
        else:
            got = ", ".join(f"{_nan(c['low'])}-{_nan(c['high'])}" for c in overlapping)
            evaluation.misses.append(
                f"{label}: range {item.low}-{item.high} expected, got {got}"
            )
        ours = str(claim["chain"]).split(" > ")
        expected = [ours[0] if i == 0 else name for i, name in enumerate(item.chain)]
        expected = [ours[0] if name == "@" else name for name in expected]
        gold_origin = ours[0] if item.origin == "@" else item.origin
        if item.origin == item.chain[0] and len(item.chain) == 1:
            gold_origin = ours[0]
        if same_source(ours[-1], gold_origin, resources.registry) or (
            len(ours) == 1 and len(item.chain) == 1
        ):
            evaluation.origin_right += 1
        else:
            evaluation.misses.append(
                f"{label}: origin {item.origin!r} expected, got {ours[-1]!r}"
            )
        if len(ours) == len(expected) and all(
            i == 0 or same_source(a, b, resources.registry)
            for i, (a, b) in enumerate(zip(ours, expected, strict=True))
        ):
            evaluation.chain_right += 1
        if item.hedged is not None:
            evaluation.hedges_scored += 1
            hedged = bool(claim["hedged"])
            if hedged == item.hedged:
                evaluation.hedge_right += 1
            else:
                cue = f" ({claim['hedge_cue']!r})" if claim.get("hedge_cue") else ""
                evaluation.misses.append(
                    f"{label}: hedged {int(item.hedged)} expected, got "
                    f"{int(hedged)}{cue}"
                )
        pairs.append((item.subject, str(claim["subject"])))

    for row in claims.itertuples(index=False):
        if any(
            row.start < e and row.end > s for s, e in gold_spans.get(row.doc_id, [])
        ):
            evaluation.claims_on_gold += 1
    (
        evaluation.bcubed_precision,
        evaluation.bcubed_recall,
        evaluation.bcubed_f1,
    ) = bcubed(pairs)
    evaluation.ranking = _ranking_notes(gold_path, pairs, result.subjects)
    return evaluation


def _nan(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def bcubed(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of (gold cluster, predicted cluster) pairs."""
    if not pairs:
        return 0.0, 0.0, 0.0
    gold_size = Counter(g for g, _ in pairs)
    ours_size = Counter(o for _, o in pairs)
    both = Counter(pairs)
    precision = sum(both[(g, o)] / ours_size[o] for g, o in pairs) / len(pairs)
    recall = sum(both[(g, o)] / gold_size[g] for g, o in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _ranking_notes(
    gold_path: str | Path, pairs: list[tuple[str, str]], subjects
) -> list[str]:  # noqa: ANN001
    """Where each gold subject's claims landed, with the expected disagreement level."""
    path = Path(gold_path).with_name(Path(gold_path).name.replace("claims", "subjects"))
    if not path.is_file() or path == Path(gold_path):
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        expected = {
            r["subject"]: r.get("expected_disagreement", "")
            for r in csv.DictReader(handle)
        }
    ours_of: dict[str, Counter] = defaultdict(Counter)
    for gold_subject, ours in pairs:
        ours_of[gold_subject][ours] += 1
    table = subjects.set_index("subject") if not subjects.empty else None
    notes = []
    for gold_subject, level in expected.items():
        if not ours_of.get(gold_subject) or table is None:
            notes.append(f"{gold_subject} [{level}]: no claim found")
            continue
        ours = ours_of[gold_subject].most_common(1)[0][0]
        if ours not in table.index:
            continue
        row = table.loc[ours]
        notes.append(
            f"{gold_subject} [{level}]: rank {int(row['rank'])}, score "
            f"{row['window_disagreement']:.3f} (all-time {row['disagreement']:.3f}), "
            f"{int(row['n_origins'])} voices, {int(row['n_claims'])} claims -> {ours}"
        )
    return notes
