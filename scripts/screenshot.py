"""Screenshot of the HTML report for the docs: docs/report.png.

Runs ``scorer run seeds -o TMP`` and photographs ``TMP/report.html`` with headless
Chromium. When the pipeline fails (or with ``--fixture``) the page is rendered from
``tests/fixtures/report_small.json`` instead, and the script says so.

Usage, from the repository root::

    python scripts/screenshot.py [--fixture] [--out docs/report.png] [--height 1900]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "report_small.json"


def find_chromium() -> str:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    sys.exit("error: chromium not found (apt-get install chromium)")


def page_from_seeds(out: Path) -> Path | None:
    """report.html of a real run over seeds/, or None (with the reason) if it fails."""
    command = [
        sys.executable,
        "-m",
        "scorer",
        "--quiet",
        "run",
        "seeds",
        "-o",
        str(out),
    ]
    try:
        result = subprocess.run(
            [*command, "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        print("scorer run seeds timed out", file=sys.stderr)
        return None
    page = out / "report.html"
    if result.returncode != 0 or not page.exists():
        reason = (result.stderr.strip().splitlines() or ["no report.html"])[-1]
        print(f"scorer run seeds failed ({reason})", file=sys.stderr)
        return None
    return page


def page_from_fixture(out: Path) -> Path:
    from scorer.render.html import render_html

    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    page = out / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def screenshot(page: Path, png: Path, width: int, height: int, profile: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    command = [
        find_chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--screenshot={png.resolve()}",
        f"--window-size={width},{height}",
        page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or not png.exists():
        sys.exit(
            f"error: chromium failed ({result.returncode}):\n{result.stderr[-2000:]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1900)
    parser.add_argument(
        "--fixture", action="store_true", help="render the test fixture, not seeds/"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scorer-shot-") as tmp:
        tmp_path = Path(tmp)
        page = None if args.fixture else page_from_seeds(tmp_path / "run")
        source = "seeds/"
        if page is None:
            source = str(FIXTURE.relative_to(ROOT))
            page = page_from_fixture(tmp_path)
        profile = tmp_path / "profile"
        profile.mkdir()
        screenshot(page, args.out, args.width, args.height, profile)
    print(f"{args.out}: screenshot of the report rendered from {source}")


if __name__ == "__main__":
    main()
