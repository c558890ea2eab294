"""End to end: `scorer run` over N synthetic articles on all cores, and grouping time
at growing corpus sizes.

    python benchmarks/bench_pipeline.py [N]       (default 20000)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: the same code measured on days the machine
    runs fast and slow differs by this ratio too (shared 2-core machines vary)."""
    started = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - started


def main(n: int = 20000) -> None:
    from scorer.config import Config
    from scorer.group import group_claims
    from scorer.pipeline import extract

    print(f"machine: a 20-million-step Python loop takes {machine_speed():.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "scorer",
                "--quiet",
                "run",
                str(folder),
                "-o",
                str(Path(tmp) / "out"),
                "--format",
                "json",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"scorer run, all cores: {n} docs in {elapsed:.1f} s "
            f"({n / elapsed:,.0f} docs/s), peak memory {peak:,.0f} MB"
        )

        claims = extract([folder], Config()).claims
        for size in sorted({n // 4, n // 2, n}):
            keep = {f"a{i:06d}" for i in range(size)}
            subset = claims[claims["doc_id"].isin(keep)]
            started = time.perf_counter()
            grouped = group_claims(subset)
            seconds = time.perf_counter() - started
            print(
                f"grouping {size:>6} docs ({len(subset):>7} claims): {seconds:6.2f} s, "
                f"{grouped['subject'].nunique()} subjects"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
