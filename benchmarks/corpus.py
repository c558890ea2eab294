"""A synthetic corpus for the benchmarks: sentences of the repo's own sample texts,
shuffled into articles of about 2.5 KB with their numbers varied, so that extraction
sees realistic wording at any scale without fetching anything."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d[\d,]*")


def _sentences() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    with (ROOT / "data" / "devset" / "docs.jsonl").open(encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for line in handle if line.strip()]
    out = []
    for text in texts:
        for paragraph in text.split("\n"):
            out += [
                s.strip() for s in _SENTENCE.split(paragraph) if len(s.strip()) > 40
            ]
    return out


def _vary(sentence: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = match.group(0).replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return match.group(0)  # keep years as years
        value = max(1, int(int(digits) * rng.uniform(0.7, 1.3)))
        return f"{value:,}" if "," in match.group(0) else str(value)

    return _NUMBER.sub(replace, sentence)


def make_articles(n: int, size: int = 2500, seed: int = 7) -> list[str]:
    """``n`` articles of about ``size`` characters each."""
    rng = random.Random(seed)
    pool = _sentences()
    articles = []
    for _ in range(n):
        parts: list[str] = []
        length = 0
        while length < size:
            sentence = _vary(rng.choice(pool), rng)
            parts.append(sentence)
            length += len(sentence) + 1
        # Paragraphs of three sentences, as news pages have.
        articles.append(
            "\n".join(" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))
        )
    return articles


def write_corpus(folder: Path, n: int, size: int = 2500) -> Path:
    """Write ``n`` articles as .txt files with a manifest giving each an outlet."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    lines = ["file,outlet,url,published,title"]
    for i, text in enumerate(make_articles(n, size)):
        name = f"a{i:06d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        outlet = f"outlet{rng.randrange(max(1, n // 20))}.example"
        lines.append(f"{name},{outlet},,2025-06-{1 + rng.randrange(28):02d},")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
