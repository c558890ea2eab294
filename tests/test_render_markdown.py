"""Markdown renderer: a golden file, and tables that survive awkward cell text.

The golden file ``tests/fixtures/report_small.md`` is the Markdown of
``tests/fixtures/report_small.json``. After an intended change to the renderer,
regenerate it, read the diff, and commit it with the change::

    UPDATE_GOLDEN=1 python -m pytest tests/test_render_markdown.py
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from scorer.render.markdown import render_markdown

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = FIXTURES / "report_small.json"
GOLDEN = FIXTURES / "report_small.md"


@pytest.fixture
def report() -> dict[str, Any]:
    return json.loads(REPORT.read_text(encoding="utf-8"))


def test_markdown_matches_the_golden_file(report: dict[str, Any]) -> None:
    rendered = render_markdown(report)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8"), (
        "Markdown output changed; if intended, regenerate with "
        "UPDATE_GOLDEN=1 python -m pytest tests/test_render_markdown.py"
    )


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row, honouring escaped pipes."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return re.split(r"(?<!\\)\|", line[1:-1])


def tables(markdown: str) -> list[list[str]]:
    """Each table of a Markdown text as its lines."""
    found, current = [], []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def test_only_the_top_subjects_are_detailed(report: dict[str, Any]) -> None:
    assert report["top"] == 3 and len(report["subjects"]) == 4
    rendered = render_markdown(report)
    details = re.findall(r"^### (\d+)\. ", rendered, re.M)
    assert details == ["1", "2", "3"]
    report["top"] = 1
    assert re.findall(r"^### (\d+)\. ", render_markdown(report), re.M) == ["1"]


def test_every_table_row_has_as_many_cells_as_its_header(
    report: dict[str, Any],
) -> None:
    awkward = copy.deepcopy(report)
    claim = awkward["subjects"][0]["claims"][0]
    claim["quote"] = "between 10 | 20\nthousand <b>troops</b>"
    claim["outlet"] = "Pipe|Line News"
    awkward["subjects"][0]["label"] = "troops | sent"
    rendered = render_markdown(awkward)
    found = tables(rendered)
    assert len(found) == 1 + awkward["top"] + 1  # subjects, details, outlets
    for table in found:
        width = len(cells(table[0]))
        assert table[1] == "|" + "|".join(["---"] * width) + "|"
        for row in table[2:]:
            assert len(cells(row)) == width, row
    assert "<b>" not in rendered


def test_open_bounds_and_missing_scores_read_as_a_person_writes_them(
    report: dict[str, Any],
) -> None:
    rendered = render_markdown(report)
    assert "| ≥ 20 million |" in rendered  # "more than 20 million rounds"
    assert "| ≤ 6,000 |" in rendered  # "up to 6,000"
    # An outlet whose fidelity cannot be checked shows an empty cell, not "None".
    assert not re.search(r"\b(None|nan|NaN)\b", rendered)
    assert "| Financial Times | 0.87 | 0.70 | 1.00 |  | 1.00 |  | 1 |" in rendered


def test_an_incomparable_subject_says_so(report: dict[str, Any]) -> None:
    report["subjects"][0]["status"] = "incomparable"
    first = render_markdown(report).split("### 2.")[0]
    assert "incomparable: two voices too far apart to be one quantity" in first
