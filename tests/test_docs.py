"""The README's Quickstart is what a new user types, and what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"


def quickstart_lines() -> list[str]:
    """The command lines of the first code block of the README's Quickstart."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Quickstart\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "README.md has no '## Quickstart' section"
    block = re.search(r"^```[^\n]*\n(.*?)^```", section.group(1), re.S | re.M)
    assert block, "the Quickstart has no code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_quickstart_is_two_lines_run_the_seeds_and_run_the_tests() -> None:
    lines = quickstart_lines()
    assert len(lines) == 2, lines
    run_line, test_line = lines
    assert "scorer run seeds/" in run_line
    assert "pytest" in test_line


def test_ci_runs_the_readmes_test_line() -> None:
    test_line = next(line for line in quickstart_lines() if "pytest" in line)
    ci_lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    assert test_line in ci_lines, (
        f".ci/run must run the README's test line verbatim: {test_line!r}"
    )
