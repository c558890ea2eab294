"""Extraction throughput: `scorer extract` over N synthetic 2.5 KB articles as a whole
process on one core, against quantulum3 on the same texts.

    python benchmarks/bench_extract.py [N]        (default 3000)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402


def main(n: int = 3000) -> None:
    from bench_pipeline import machine_speed

    print(f"machine: a 20-million-step Python loop takes {machine_speed():.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        megabytes = sum(len(t.encode()) for t in texts) / 1e6
        out = Path(tmp) / "claims.parquet"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "scorer",
                "--quiet",
                "extract",
                str(folder),
                "-o",
                str(out),
                "--jobs",
                "1",
            ],
            check=True,
        )
        elapsed = time.perf_counter() - started
        import pandas as pd

        n_claims = len(pd.read_parquet(out))
        print(
            f"scorer extract, one core: {n} docs, {megabytes:.1f} MB, "
            f"{n_claims} claims in {elapsed:.2f} s = {n / elapsed:,.0f} docs/s, "
            f"{megabytes / elapsed:.2f} MB/s"
        )
        try:
            from quantulum3 import classifier, parser

            # Its bundled classifier does not load with current scikit-learn; without
            # it quantulum3 is faster, so the ratio below flatters it.
            classifier.USE_CLF = False
        except ImportError:
            print("quantulum3 not installed (pip install quantulum3): no comparison")
            return
        sample = texts[: min(100, n)]
        parser.parse(sample[0])  # its first call loads its classifier: not counted
        started = time.perf_counter()
        for text in sample:
            parser.parse(text)
        q_elapsed = time.perf_counter() - started
        q_rate = len(sample) / q_elapsed
        print(
            f"quantulum3 parse (quantities only, no attribution): {q_rate:,.1f} docs/s "
            f"on {len(sample)} docs; scorer is {n / elapsed / q_rate:,.0f}x faster"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
