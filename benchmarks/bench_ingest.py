"""Benchmark the ingest stage: documents per second and peak memory as the corpus grows.

Generates N synthetic plain-text articles of about 2.5 KB (headline, dateline, varied
sentences with numbers, a few furniture lines, a footer repeated across part of the
corpus) into a temporary folder, then reads them with ``read_documents`` in a fresh
subprocess per corpus size, twice: once timed, once under tracemalloc. Memory should
stay flat from N to 2N: documents stream and the repeated-line counter is bounded
(it grows until its ``line_tracker_capacity`` slots are full, then stays there; what
still grows is about 60 bytes a document for the set of ids already used).

    python benchmarks/bench_ingest.py            # N = 10,000 and 2N
    python benchmarks/bench_ingest.py -n 2000 --sizes 1 2 4 --capacity 1000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SUBJECTS = [
    "The ministry",
    "Regional officials",
    "The port authority",
    "Rescue teams",
    "The central bank",
    "Organisers",
    "The health agency",
    "Local police",
    "The statistics office",
    "Analysts at the institute",
    "The coast guard",
    "Union leaders",
    "The weather service",
    "Hospital staff",
    "The city council",
]
VERBS = [
    "said",
    "reported",
    "estimated",
    "confirmed",
    "warned",
    "announced",
    "told reporters",
    "wrote in a statement",
    "projected",
    "counted",
]
NOUNS = [
    "people",
    "homes",
    "vehicles",
    "tonnes of grain",
    "hectares",
    "passengers",
    "jobs",
    "households",
    "schools",
    "kilometres of road",
    "patients",
    "flights",
]
PLACES = [
    "in the northern districts",
    "along the coast",
    "across the capital",
    "in three provinces",
    "near the border",
    "in the river valley",
    "on the islands",
    "around the old harbour",
    "in the industrial zone",
    "in rural areas",
]
TIMES = [
    "on Monday",
    "last week",
    "since January",
    "over the weekend",
    "in the past month",
    "by Friday evening",
    "earlier this year",
    "overnight",
    "during the storm",
]
HEDGES = ["about", "at least", "more than", "nearly", "up to", "roughly", ""]
CLAUSES = [
    "adding that the figure could change as reports come in",
    "although independent observers gave a lower number",
    "a rise on the same period last year",
    "the highest count since records began",
    "and said more details would follow",
    "citing preliminary data from field offices",
]
OUTLETS = [
    f"{w} {k}"
    for w in ("Northern", "Coastal", "Valley", "Metro")
    for k in ("Herald", "Courier", "Ledger", "Observer", "Gazette")
]
FURNITURE = ["- Advertisement -", "Share this:", "0 Comments", "Related articles"]


def sentence(rng: random.Random) -> str:
    hedge = rng.choice(HEDGES)
    number = f"{rng.randint(2, 95_000):,}"
    amount = f"{hedge} {number}".strip()
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {amount} {rng.choice(NOUNS)} "
        f"were affected {rng.choice(PLACES)} {rng.choice(TIMES)}"
    )
    if rng.random() < 0.5:
        text += f", {rng.choice(CLAUSES)}"
    return text + "."


def article(rng: random.Random, i: int) -> str:
    outlet = rng.choice(OUTLETS)
    lines = [
        f"{rng.choice(SUBJECTS)} counts {rng.randint(2, 900)} {rng.choice(NOUNS)} "
        f"{rng.choice(PLACES)} (story {i})",
        f"June {rng.randint(1, 28)}, 2025",
        "",
    ]
    size = sum(len(line) for line in lines)
    while size < 2300:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        lines += [paragraph, ""]
        size += len(paragraph)
        if rng.random() < 0.25:
            lines += [rng.choice(FURNITURE), ""]
        if rng.random() < 0.15:
            lines += [f"Update {i}.{size}: figures revised", ""]  # a unique short line
    lines.append(outlet)
    if rng.random() < 0.3:
        lines.append("Copyright Example Media Group")  # repeated in ~30% of the corpus
    return "\n".join(lines) + "\n"


def generate(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        text = article(rng, i)
        sub = folder / f"part{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def measure(folder: str, capacity: int | None) -> dict[str, float]:
    """Run in a fresh process: read the corpus twice, timed then traced."""
    from scorer.config import IngestConfig
    from scorer.ingest import read_documents

    config = (
        IngestConfig()
        if capacity is None
        else IngestConfig(line_tracker_capacity=capacity)
    )
    stream = read_documents([folder], config)
    start = time.perf_counter()
    n = chars = 0
    for doc in stream:
        n += 1
        chars += len(doc.text)
    seconds = time.perf_counter() - start
    removed = stream.stats.lines_removed

    tracemalloc.start()
    for _ in read_documents([folder], config):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "docs": n,
        "seconds": seconds,
        "docs_per_s": n / seconds,
        "mb_per_s": chars / seconds / 1e6,
        "lines_removed": removed,
        "traced_peak_mb": peak / 1e6,
        "max_rss_mb": maxrss_kb / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="base corpus size")
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[1, 2], help="multiples of N to run"
    )
    parser.add_argument(
        "--capacity",
        type=int,
        help="ingest.line_tracker_capacity (default 50,000): the counter's memory cap",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker, args.capacity)))
        return

    print(
        f"{'docs':>8} {'KB/doc':>7} {'docs/s':>8} {'MB/s':>6} {'removed':>8} "
        f"{'traced peak':>12} {'max RSS':>9}"
    )
    for multiple in args.sizes:
        n = int(args.n * multiple)
        with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
            size = generate(Path(tmp), n)
            command = [sys.executable, __file__, "--worker", tmp]
            if args.capacity is not None:
                command += ["--capacity", str(args.capacity)]
            out = subprocess.run(
                command,
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(out.stdout)
        print(
            f"{r['docs']:>8,} {size / n / 1000:>7.2f} {r['docs_per_s']:>8,.0f} "
            f"{r['mb_per_s']:>6.2f} {r['lines_removed']:>8,} "
            f"{r['traced_peak_mb']:>9.1f} MB {r['max_rss_mb']:>6.0f} MB"
        )


if __name__ == "__main__":
    main()
