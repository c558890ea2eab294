"""HTML renderer: content, self-containment, escaping, determinism, a real browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from scorer.render.html import _MAX_BARS, render_html

FIXTURE = Path(__file__).parent / "fixtures" / "report_small.json"
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def load() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return load()


@pytest.fixture(scope="module")
def page(report: dict[str, Any]) -> str:
    return render_html(report)


def plots(page: str) -> list[str]:
    return re.findall(r"<svg\b[^>]*>.*?</svg>", page, flags=re.S)


def subject_plots(page: str) -> list[str]:
    return [p for p in plots(page) if 'aria-label="Claimed values for' in p[:600]]


def section(page: str, anchor: str) -> str:
    match = re.search(
        rf'<section class="subject" id="{anchor}">.*?</section>', page, re.S
    )
    assert match, anchor
    return match.group(0)


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [
        "".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")
    ]


# ------------------------------------------------------------------------- content


def test_summary_and_config_are_shown(page: str) -> None:
    summary = re.search(r'<section id="summary">.*?</section>', page, re.S).group(0)
    for number, name in (
        (9, "documents read"),
        (1, "skipped"),
        (11, "claims"),
        (4, "subjects"),
        (3, "contested"),
    ):
        assert f"<b>{number}</b><span>{name}</span>" in summary
    assert "corpus/feed.jsonl:13: record has no &quot;text&quot; field" in summary
    assert "<details><summary>Configuration of this run</summary>" in summary
    assert "[provenance]" in summary
    assert "hop_decay = 0.7" in summary


def test_subjects_table_ranks_every_subject(report: dict[str, Any], page: str) -> None:
    table = re.search(r'<table class="subjects">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr>.*?</tr>", table, re.S)[1:]
    assert len(rows) == 4
    for row, subject in zip(rows, report["subjects"], strict=True):
        assert subject["label"].replace("'", "&#x27;") in row
    assert "10,000–30,000 troops" in rows[0]
    assert "0.52" in rows[0] and "0.41" in rows[0]  # window score and all-time
    # the three top subjects link to their detail; the fourth has none
    linked = [bool(re.search(r'href="#subject-\d"', r)) for r in rows]
    assert linked == [True, True, True, False]


def test_one_plot_per_top_subject(report: dict[str, Any], page: str) -> None:
    assert report["top"] == 3
    found = subject_plots(page)
    assert len(found) == 3
    assert len(plots(page)) == 4  # and the outlet credibility chart
    for svg, subject in zip(found, report["subjects"][:3], strict=True):
        assert subject["label"] in svg[:600]
    assert report["subjects"][3]["label"].replace("'", "&#x27;") not in "".join(found)


def test_plots_are_valid_svg_with_unique_ids(page: str) -> None:
    ids: list[str] = []
    for svg in plots(page):
        ET.fromstring(svg)
        ids += re.findall(r'\bid="([^"]+)"', svg)
        assert "<?xml" not in svg and "DOCTYPE" not in svg and "<metadata>" not in svg
    assert len(ids) == len(set(ids))
    # every clip-path or <use> reference points at an id of the page
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', page):
        assert ref in ids or ref.startswith("subject-"), ref


def test_dated_subject_bars_follow_publication_order(page: str) -> None:
    labels = [t for t in svg_texts(subject_plots(page)[0]) if t[:4] == "2025"]
    assert labels == [
        "2025-06-24  Kyiv Independent → … → Ukrainian intelligence",
        "2025-06-26  Yonhap → National Intelligence Service",
        "2025-06-26  News.bg → … → Ukrainian intelligence",
        "2025-06-27  Korea Herald → … → National Intelligence Service",
    ]
    texts = svg_texts(subject_plots(page)[0])
    assert texts.count("10,000–20,000") == 2 and texts.count("25,000–30,000") == 2
    assert "weighted centre" in texts
    table = section(page, "subject-1")
    assert table.index("2025-06-24") < table.index("2025-06-27")


def test_open_bounds_and_log_scale(page: str) -> None:
    shells, casualties = subject_plots(page)[1], subject_plots(page)[2]
    assert "≥ 20 million" in svg_texts(shells)
    assert "shells (log scale)" in svg_texts(shells)  # 300,000 to 20,000,000
    assert {"≥ 4,000", "≤ 6,000", "4,700"} <= set(svg_texts(casualties))
    assert "people" in svg_texts(casualties)  # 4,000-6,000: linear
    assert "troops" in svg_texts(subject_plots(page)[0])


def test_chains_are_chips_from_publisher_to_origin(page: str) -> None:
    chains = re.findall(
        r'<span class="chain">.*?</span></span>', section(page, "subject-1")
    )
    chips = [
        re.findall(r'<span class="chip ?([a-z]*)"[^>]*>([^<]*)</span>', c)
        for c in chains
    ]
    assert [
        ("publisher", "News.bg"),
        ("", "Reuters"),
        ("", "CNN"),
        ("primary", "Ukrainian intelligence"),
    ] in chips
    assert '<span class="arrow" aria-label="citing">→</span>' in chains[0]
    assert "sources</span>" in section(page, "subject-2")  # the anonymous origin's chip
    assert 'class="chip anonymous"' in section(page, "subject-2")


def test_claim_tables_show_quote_value_distance_weight(page: str) -> None:
    shells = section(page, "subject-2")
    row = re.search(r"<tr><td>Daily NK.*?</tr>", shells, re.S).group(0)
    assert "300,000 shells" in row
    assert "“a first shipment of 300,000 shells, sources said”" in row
    assert '<td class="num">3</td><td class="num">0.09</td>' in row
    assert '<span class="badge hedged">hedged</span>' in section(page, "subject-1")


def test_outlets_chart_and_table(report: dict[str, Any], page: str) -> None:
    outlets = re.search(r'<section id="outlets">.*?</section>', page, re.S).group(0)
    chart = plots(outlets)[0]
    texts = svg_texts(chart)
    assert {
        "credibility",
        "proximity",
        "sourcing",
        "fidelity",
        "independence",
        "agreement",
    } <= set(texts)
    assert {o["outlet"] for o in report["outlets"]} <= set(texts)
    assert "– not measurable" in texts  # fidelity of outlets nobody checks
    rows = re.findall(r"<tr><td>Daily NK</td>.*?</tr>", outlets, re.S)
    assert len(rows) == 1 and rows[0].count('title="not measurable">–</span>') == 2


def test_page_fetches_nothing(report: dict[str, Any], page: str) -> None:
    lowered = page.lower()
    for marker in (
        'src="http',
        'href="http',
        "url(http",
        "@import",
        "<link",
        "<script",
        "src='http",
        "href='http",
        "//fonts.",
        "<iframe",
    ):
        assert marker not in lowered, marker
    shown = {d["url"] for d in report["documents"]}  # listed as text, never as links
    for url in re.findall(r"https?://[^\s\"'<>)]+", page):
        assert url in NAMESPACES or url in shown, url


def test_same_report_same_bytes(report: dict[str, Any], page: str) -> None:
    assert render_html(report) == page
    # and in a fresh interpreter (another hash seed, no matplotlib state)
    code = (
        "import json, sys; from scorer.render.html import render_html; "
        f"report = json.load(open({str(FIXTURE)!r}, encoding='utf-8')); "
        "sys.stdout.write(render_html(report))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=120,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert other.stdout.decode("utf-8") == page


def test_empty_report_renders() -> None:
    report = load()
    report.update(subjects=[], outlets=[], documents=[])
    page = render_html(report)
    assert "No numeric claims were found in 9 documents." in page
    assert "<svg" not in page


def test_degenerate_values_render() -> None:
    report = load()
    base = report["subjects"][0]["claims"][0]
    values = [
        (-5.0, -5.0),
        (0.0, 0.0),
        (3.5, 3.5),
        (None, None),
        (None, 2.0),
        (1.0, None),
    ]
    claims = [
        dict(base, low=lo, high=hi, unit="percent", published="") for lo, hi in values
    ]
    report["subjects"] = [
        dict(
            report["subjects"][0],
            claims=claims,
            unit="percent",
            centre=None,
            low=-5.0,
            high=3.5,
        )
    ]
    report["subjects"].append(
        dict(
            report["subjects"][0],
            claims=[dict(base)],
            centre=25000.0,
            dispersion=0.0,
            label="one claim",
        )
    )
    report["subjects"].append(
        dict(report["subjects"][0], claims=[dict(base)] * 45, label="many claims")
    )
    page = render_html(report)
    found = subject_plots(page)
    assert len(found) == 3
    assert "percent" in svg_texts(found[0])  # negative values: linear axis
    assert "1 claim without a value left out" in page
    assert f"the {_MAX_BARS} heaviest of 45 claims shown" in page


def test_dollar_signs_are_text_not_mathtext() -> None:
    report = load()
    claim = report["subjects"][0]["claims"][0]
    claim.update(
        outlet="$20bn-$30bn Weekly",
        origin="$x^2$ Institute",
        chain="$20bn-$30bn Weekly > CNN$ > $x^2$ Institute",
    )
    page = render_html(report)
    texts = svg_texts(subject_plots(page)[0])
    assert "2025-06-24  $20bn-$30bn Weekly → … → $x^2$ Institute" in texts
    assert "$20bn-$30bn Weekly</span>" in page and "CNN$</span>" in page


# ------------------------------------------------------------------------ escaping


def poison(value: Any, payload: str, key: str = "") -> Any:
    """Every string of a report with the payload in it; chains get it in every link."""
    if isinstance(value, dict):
        return {k: poison(v, payload, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, payload, key) for v in value]
    if isinstance(value, str):
        if key == "chain":
            return " > ".join(f"{link}{payload}" for link in value.split(" > "))
        return f"{payload}{value}{payload}"
    return value


@pytest.fixture(scope="module")
def poisoned_page() -> str:
    report = poison(load(), f"{SCRIPT}{IMG}\"'&")
    # config keys can be corpus names too (origin_reliability, outlet_priors)
    report["config"]["provenance"]["origin_reliability"] = {f"NIS{SCRIPT}{IMG}": 0.9}
    report["config"]["provenance"]["outlet_priors"] = {f"{IMG}": 0.5}
    report["top"] = 3
    return render_html(report)


def test_payloads_never_land_unescaped(poisoned_page: str) -> None:
    assert "<script>alert(1)" not in poisoned_page
    assert "<img src=x" not in poisoned_page
    assert "<script" not in poisoned_page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in poisoned_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in poisoned_page


def test_payloads_are_escaped_in_every_part(poisoned_page: str) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    parts = {
        "summary": r'<section id="summary">.*?</section>',
        "subjects table": r'<table class="subjects">.*?</table>',
        "claims tables": r'<table class="claims">.*?</table>',
        "outlets": r'<section id="outlets">.*?</section>',
        "documents": r'<section id="documents">.*?</section>',
    }
    for name, pattern in parts.items():
        found = re.search(pattern, poisoned_page, re.S)
        assert found and escaped in found.group(0), name
    found = plots(poisoned_page)
    assert len(found) == 4
    for svg in found:
        ET.fromstring(svg)  # still well-formed XML
        assert "&lt;script&gt;alert(1)" in svg
    assert f'aria-label="Claimed values for {escaped}&lt;img' in poisoned_page
    # nothing breaks out of an attribute: every tag's quotes still pair up
    for tag in re.findall(r"<[a-z][^<>]*>", poisoned_page.split("<body>", 1)[1]):
        assert tag.count('"') % 2 == 0, tag


def test_payloads_reach_every_field() -> None:
    """The poisoned fixture really holds the payload in the fields that matter."""
    report = poison(load(), SCRIPT)
    claim = report["subjects"][0]["claims"][0]
    for field in ("outlet", "quote", "origin", "doc_id", "voice"):
        assert SCRIPT in claim[field]
    assert claim["chain"].count(SCRIPT) == 3
    assert SCRIPT in report["subjects"][0]["label"]
    assert (
        SCRIPT in report["documents"][0]["url"]
        and SCRIPT in report["documents"][0]["title"]
    )
    assert SCRIPT in report["summary"]["warnings"][0]
    assert SCRIPT in report["config"]["ingest"]["boilerplate_file"]


# ------------------------------------------------------------------------- browser


def chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def run_browser(page: Path, tmp: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    if binary is None:
        pytest.skip("chromium not installed: apt-get install chromium")
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    profile.mkdir()
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # never reach the network
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2000",
            *mode,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def console_lines(stderr: str) -> list[str]:
    return [
        line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line
    ]


def test_browser_renders_without_console_errors(page: str, tmp_path: Path) -> None:
    # A control page first: it proves console errors would show up in stderr.
    control = tmp_path / "control.html"
    control.write_text(
        "<!DOCTYPE html><p>x</p><script>console.error('boom');nope()</script>"
    )
    result = run_browser(control, tmp_path, f"--screenshot={tmp_path / 'control.png'}")
    assert any("Uncaught" in line for line in console_lines(result.stderr)), (
        result.stderr
    )

    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = run_browser(target, tmp_path, f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 50_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert console_lines(result.stderr) == []

    dom = run_browser(target, tmp_path, "--dump-dom")
    assert dom.returncode == 0
    assert len(re.findall(r'<svg\b[^>]*class="plot"', dom.stdout)) == 4
    assert "troops North Korea sends to Russia, additional, 2025" in dom.stdout


def test_a_large_subject_lists_its_heaviest_claims_and_says_so() -> None:
    report = load()
    base = report["subjects"][0]["claims"][0]
    claims = [dict(base, weight=i / 1000, quote=f"claim {i}") for i in range(250)]
    report["subjects"] = [dict(report["subjects"][0], claims=claims)]
    page = render_html(report)
    assert "The table lists the 200 heaviest of 250 claims" in page
    assert "“claim 249”" in page and "“claim 10”" not in page
