"""The code passes the project's linter (ruff, line length 88), as STYLE.md asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


RUFF = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")


@pytest.mark.skipif(
    not Path(RUFF).exists(), reason="ruff not installed: pip install -e '.[test]'"
)
def test_ruff_finds_nothing():
    ruff = RUFF
    result = subprocess.run(
        [ruff, "check", "scorer", "tests", "benchmarks", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
