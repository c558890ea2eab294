"""Tests for the ingest stage: readers, metadata, cleaning, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.config import IngestConfig
from scorer.errors import ConfigError
from scorer.ingest import SUPPORTED_SUFFIXES, parse_date, read_documents

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DEVSET = ROOT / "data" / "devset"
GOLD_FILES = [ROOT / "data" / "gold" / "gold_claims.csv", DEVSET / "gold_claims.csv"]

SEED_003 = "003_d886f5a2d17a20ad"


def read(*paths, **config):
    warnings: list[str] = []
    stream = read_documents(list(paths), IngestConfig(**config), warnings.append)
    docs = {doc.id: doc for doc in stream}
    assert warnings == stream.stats.warnings
    return docs, stream.stats


# ----------------------------------------------------------------------- readers


def test_markdown_front_matter_gives_metadata_and_is_not_text():
    docs, stats = read(FIXTURES / "brief.md")
    doc = docs["brief"]
    assert doc.title == "Reservoir levels fall to 38 percent"
    assert doc.outlet == "Valley Water Monitor"
    assert doc.url == "https://www.valleywatermonitor.org/briefs/reservoir-levels"
    assert doc.published == dt.date(2024, 8, 14)
    assert "outlet:" not in doc.text and not doc.text.startswith("---")
    assert "held 38 percent of capacity, down from 52 percent" in doc.text
    assert doc.path == str(FIXTURES / "brief.md")
    assert stats.warnings == [] and stats.n_read == 1


def test_html_keeps_the_article_and_drops_navigation_and_footer():
    docs, _ = read(FIXTURES / "page.html")
    doc = docs["page"]
    assert "About 4,500 passengers were stranded on Tuesday" in doc.text
    assert "The operator put its losses at 90,000 euros a day." in doc.text
    for furniture in (
        "Sport",
        "Weather",
        "Subscribe today",
        "Privacy policy",
        "All rights reserved",
        "Contact the newsroom",
    ):
        assert furniture not in doc.text
    assert doc.title == "Ferry strike halts crossings for a second day"
    assert doc.published == dt.date(2024, 5, 21)
    assert doc.outlet == "harbourcourier.com"  # the canonical url's registered domain


def test_json_list_records_get_ids_paths_and_metadata():
    docs, stats = read(FIXTURES / "records.json")
    assert set(docs) == {"quake-01", "records-2"}
    quake = docs["quake-01"]
    assert quake.path == f"{FIXTURES / 'records.json'}#1"
    assert quake.published == dt.date(2024, 1, 2)
    assert quake.outlet == "example-news.co.jp"
    assert docs["records-2"].outlet == "Coastal Radio"
    assert docs["records-2"].path.endswith("records.json#2")
    assert stats.n_skipped == 0


def test_jsonl_records_carry_their_line_and_outlet_from_url():
    docs, _ = read(FIXTURES / "feed.jsonl")
    assert docs["r1"].path == f"{FIXTURES / 'feed.jsonl'}:1"
    assert docs["r1"].outlet == "bbc.co.uk"  # www.bbc.co.uk -> registered domain
    assert docs["r1"].published == dt.date(2024, 3, 9)
    assert docs["r2"].outlet == "Metro Wire"  # given outlet beats the url


def test_csv_records_start_lines_survive_multiline_fields():
    docs, _ = read(FIXTURES / "table.csv")
    assert docs["c1"].path.endswith("table.csv:2")
    assert docs["c2"].path.endswith("table.csv:4")  # c1's text spans lines 2-3
    assert docs["c1"].text.endswith("Prices fell 4 percent over the week.")
    assert docs["c1"].published == dt.date(2024, 4, 15)
    assert docs["c1"].outlet == "Plains Ledger"
    assert docs["c2"].outlet == "unknown"


def test_manifest_fills_what_files_lack_and_is_never_a_document():
    docs, stats = read(FIXTURES / "with_manifest")
    assert set(docs) == {"vote", "turnout"}
    vote = docs["vote"]
    assert vote.outlet == "Northern Herald"
    assert vote.published == dt.date(2024, 11, 5)
    assert vote.title == "Council approves budget after late-night vote"  # headline
    turnout = docs["turnout"]
    assert turnout.outlet == "Own Outlet"  # the file's own front matter wins
    assert turnout.title == "Turnout tops forecasts"
    assert stats.warnings == []


def test_outlet_from_registered_domain_without_other_metadata(tmp_path):
    record = {"id": "x", "url": "https://news.northernherald.net/a", "text": "Up 3%."}
    (tmp_path / "one.jsonl").write_text(json.dumps(record), encoding="utf-8")
    docs, _ = read(tmp_path)
    assert docs["x"].outlet == "northernherald.net"


def test_id_collisions_get_a_suffix_and_a_warning():
    docs, stats = read(FIXTURES / "collide")
    assert set(docs) == {"report", "report-2"}
    assert docs["report-2"].path.endswith(str(Path("west") / "report.txt"))
    assert len(stats.warnings) == 1
    assert "west" in stats.warnings[0] and '"report-2"' in stats.warnings[0]
    assert stats.n_skipped == 0


def test_ids_stay_unique_in_a_large_feed(tmp_path):
    lines = [
        json.dumps(
            {"id": f"story{i % 400}", "text": f"Item {i}: prices rose 2 percent."}
        )
        for i in range(1200)
    ]
    (tmp_path / "big.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, stats = read(tmp_path)
    assert len(docs) == 1200  # every id unique, else the dict would have lost some
    assert "story7-3" in docs and docs["story7-3"].text.startswith("Item 807:")
    assert len(stats.warnings) == 800 and stats.n_skipped == 0


def test_a_file_named_twice_is_read_once():
    docs, stats = read(FIXTURES / "brief.md", FIXTURES / "brief.md")
    assert list(docs) == ["brief"] and stats.n_read == 1 and stats.warnings == []


# --------------------------------------------------------------------- the seeds


def test_seed_manifest_gives_outlets_and_dates():
    docs, stats = read(SEEDS)
    assert stats.n_read == 5 and stats.warnings == []
    assert docs["001_8548220a5a2350b2"].outlet == "ISW"
    assert docs[SEED_003].outlet == "Times of Senapati"
    assert docs["000_1281ba26957e6b4f"].outlet == "unknown"
    assert docs["001_8548220a5a2350b2"].published == dt.date(2025, 6, 26)


def test_seed_003_loses_ads_comments_and_ad_blocker_but_not_the_article():
    docs, stats = read(SEEDS)
    doc = docs[SEED_003]
    raw_lines = [line.strip() for line in doc.raw_text.split("\n") if line.strip()]
    removed = [line.strip() for line in doc.removed]
    assert removed.count("- Advertisement -") == 5
    assert removed.count("-Advertisment-") == 2
    for widget in (
        "0 Comments",
        "7 Recent Comments",
        "View all comments",
        "Notify of",
        "Newest Most Voted",
        "Inline Feedbacks",
        "0 0 votes",
        "Article Rating",
        "AD BLOCKER DETECTED",
        "RELATED ARTICLES",
        "Most Popular",
    ):
        assert widget in removed
        assert widget not in doc.text.split("\n")
    assert any(
        line.startswith("We have noticed that you have an adblocker")
        for line in removed
    )
    assert len(doc.removed) == 25
    assert (
        stats.lines_removed == 25 + 1 + 2
    )  # 001 loses "Share the Post:", 004 two lines
    # The article is untouched: every paragraph and the headline are kept verbatim.
    for line in raw_lines:
        if len(line) > 100:
            assert line in doc.text
    headline = (
        "Seoul: North Korea May Deploy More Troops to Russia for Ukraine War "
        "by July or August"
    )
    assert doc.text.startswith(headline)
    kept = [line for line in doc.text.split("\n") if line.strip()]
    assert len(kept) + len(doc.removed) == len(raw_lines)


def test_seed_004_blog_comment_lines_are_removed():
    docs, _ = read(SEEDS)
    doc = docs["004_09d4e8aa03720ade"]
    assert [line.split(" ")[0] for line in doc.removed] == ["Posting", "Posting"]
    assert doc.text.endswith("safeguard South Korean nationals in the region.")


def test_seed_001_marks_the_glued_wilson_center_piece_and_keeps_it():
    docs, _ = read(SEEDS)
    doc = docs["001_8548220a5a2350b2"]
    assert len(doc.segments) == 1
    offset, name = doc.segments[0]
    assert name == "Wilson Center"
    assert doc.text[offset:].startswith("Wilson Center\n")
    assert (
        "Forced displacement represents one of the most pressing" in doc.text[offset:]
    )
    assert "Share the Post:" not in doc.text
    assert all(not d.segments for key, d in docs.items() if key != doc.id)


def test_outlet_from_text_names_the_publisher_only_with_masthead_evidence(tmp_path):
    shutil.copy(SEEDS / f"{SEED_003}.txt", tmp_path)
    shutil.copy(SEEDS / "001_8548220a5a2350b2.txt", tmp_path)
    shutil.copy(SEEDS / "000_1281ba26957e6b4f.txt", tmp_path)
    docs, _ = read(tmp_path)  # no manifest here
    assert docs[SEED_003].outlet == "Times of Senapati"
    assert docs["001_8548220a5a2350b2"].outlet == "Institute for the Study of War"
    assert docs["000_1281ba26957e6b4f"].outlet == "unknown"  # "News.bg reports" alone
    docs, _ = read(tmp_path, outlet_from_text=False)
    assert docs[SEED_003].outlet == "unknown"


def test_gold_quotes_survive_cleaning():
    docs, _ = read(SEEDS, DEVSET / "docs.jsonl")
    missing = []
    for gold in GOLD_FILES:
        with gold.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["quote"] not in docs[row["doc_id"]].text:
                    missing.append((row["doc_id"], row["quote"]))
    assert missing == []


def test_devset_boilerplate_is_removed():
    docs, _ = read(DEVSET / "docs.jsonl")
    assert "Post Comments (Atom)" in [line.strip() for line in docs["d033"].removed]
    assert "Keep Factually independent" in docs["d030"].removed
    assert "Ashlee Rezin/Sun-Times" in docs["d028"].removed
    assert "donation" not in docs["d030"].text


def test_timestamps_reading_times_and_page_counters_are_furniture(tmp_path):
    furniture = [
        "Posted: Apr 17, 2026 / 08:12 AM CST",
        "Updated 20 April 2026, 14:05 GMT",
        "By Jane Roe | April 16, 2026 | 5 min read",
        "26/03/2026 | Economy | Reading time: 4 min",
        "Page 2 of 2",
        "Comments (4)",
        "By Jane Roe",
        "By Réka Somogyi, 25 March 2026",
    ]
    (tmp_path / "a.txt").write_text(
        "Harbour floods\n\n"
        + "\n".join(furniture)
        + "\n\nUpdated figures show 40 homes flooded, officials said.\n"
        + "By Tuesday, 40 people had died.\n",
        encoding="utf-8",
    )
    docs, _ = read(tmp_path)
    doc = docs["a"]
    assert [line.strip() for line in doc.removed] == furniture
    assert "Updated figures show 40 homes flooded" in doc.text
    assert "By Tuesday, 40 people had died." in doc.text


# ---------------------------------------------------------------------- cleaning


def _write_corpus(folder: Path, n: int, extra_lines: int = 0) -> None:
    for i in range(n):
        filler = "\n".join(
            f"Distinct note {i}-{k} on the harbour." for k in range(extra_lines)
        )
        (folder / f"doc{i:02d}.txt").write_text(
            f"Harbour works resume in district {i}\n"
            "June 3, 2024\n"
            f"Crews repaired {i + 10} metres of the sea wall this week, the port said, "
            "and expect to finish the remaining stretch before the autumn storms.\n"
            "Officials said 12 people were evacuated.\n"
            f"{filler}\n"
            "Riverside Gazette newsroom\n"
            "Tap here for alerts\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("capacity", [50_000, 100])
def test_lines_repeated_across_the_corpus_are_removed_unless_claims(tmp_path, capacity):
    # capacity 100 forces the Misra-Gries counter to evict, then re-count exactly
    _write_corpus(tmp_path, 6, extra_lines=30)
    docs, stats = read(tmp_path, line_tracker_capacity=capacity)
    for doc in docs.values():
        assert "Riverside Gazette newsroom" in doc.removed
        assert "Tap here for alerts" in doc.removed
        assert "Officials said 12 people were evacuated." in doc.text  # a claim
        assert "June 3, 2024" in doc.text  # a dateline
    assert stats.lines_removed == 12


def test_repetition_needs_enough_documents(tmp_path):
    _write_corpus(tmp_path, 2)
    docs, stats = read(tmp_path)
    assert stats.lines_removed == 0
    docs, stats = read(tmp_path, repeated_line_min_share=1.0, repeated_line_min_docs=2)
    assert stats.lines_removed == 4


def test_user_boilerplate_file_adds_patterns_but_claims_stay(tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text(
        "[[rule]]\nname = 'promo'\npatterns = ['.*\\bsponsor\\w*\\b.*']\n",
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Talks stall again\n"
        "This update is brought to you by our sponsor\n"
        "The club said its main sponsor paid 2 million euros for the naming rights.\n",
        encoding="utf-8",
    )
    docs, _ = read(corpus, boilerplate_file=str(rules))
    assert docs["a"].removed == ("This update is brought to you by our sponsor",)
    assert "paid 2 million euros" in docs["a"].text


def test_bad_boilerplate_file_fails_before_reading(tmp_path):
    rules = tmp_path / "bad.toml"
    rules.write_text("[[rule]]\npatterns = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml.*invalid regular expression"):
        read_documents(
            [tmp_path / "nowhere"], IngestConfig(boilerplate_file=str(rules))
        )
    rules.write_text("[[rule]]\npattern = ['x']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rule.0.pattern"):
        read_documents([], IngestConfig(boilerplate_file=str(rules)))


# --------------------------------------------------------------------- bad input


def test_bad_items_are_each_named_once_and_the_rest_is_read(tmp_path):
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "latin.txt").write_bytes(
        "Le ministère a recensé 42 blessés à Besançon, a précisé la préfecture.".encode(
            "latin-1"
        )
    )
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "good", "text": "Police counted 3,000 marchers."}\n'
        '{"id": "broken", "text": \n'
        '{"id": "hollow", "title": "No body here"}\n',
        encoding="utf-8",
    )
    docs, stats = read(tmp_path)

    assert set(docs) == {p.stem for p in SEEDS.glob("*.txt")} | {"latin", "good"}
    assert stats.n_read == 7
    assert stats.n_skipped == 4  # empty, binary, malformed line, record without text
    named = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "latin.txt": "cp1252",
        "feed.jsonl:2": "malformed JSON",
        "feed.jsonl:3": '"text"',
    }
    for where, what in named.items():
        hits = [w for w in stats.warnings if f"{where}:" in w or w.endswith(where)]
        assert len(hits) == 1, (where, stats.warnings)
        assert what in hits[0]
    assert len(stats.warnings) == len(named)
    latin = docs["latin"]
    assert latin.encoding == "cp1252"
    assert "ministère a recensé 42 blessés à Besançon" in latin.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"text": "ok"}, 7, {"id": "z"}]', None),
        ("42", "expected a JSON object"),
        ("{not json", "malformed JSON"),
    ],
)
def test_json_problems_are_warned_per_record_or_file(tmp_path, content, message):
    path = tmp_path / "items.json"
    path.write_text(content, encoding="utf-8")
    docs, stats = read(path)
    if message is None:
        assert list(docs) == ["items-1"]
        assert stats.n_skipped == 2
        assert any("items.json#2: not a JSON object" in w for w in stats.warnings)
        assert any('items.json#3: record has no "text"' in w for w in stats.warnings)
    else:
        assert docs == {} and stats.n_skipped == 1
        assert len(stats.warnings) == 1 and message in stats.warnings[0]


def test_csv_without_text_column_is_one_warning(tmp_path):
    (tmp_path / "t.csv").write_text("id,body\n1,hello\n2,there\n", encoding="utf-8")
    docs, stats = read(tmp_path)
    assert docs == {} and stats.n_skipped == 1
    assert stats.warnings == [
        f'{tmp_path / "t.csv"}: CSV has no "text" column, skipped'
    ]


def test_paths_that_cannot_be_used_are_warned_not_raised(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    docs, stats = read(
        tmp_path / "missing.txt",
        tmp_path / "notes.pdf",
        tmp_path / "empty_dir",
        tmp_path / "dangling.txt",
    )
    assert docs == {}
    assert stats.n_skipped == 4
    assert "no such file" in stats.warnings[0]
    assert "unsupported file type '.pdf'" in stats.warnings[1]
    assert "no supported files" in stats.warnings[2]
    assert "broken link" in stats.warnings[3]


def test_unsupported_files_inside_a_folder_are_ignored_silently(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_bytes(b"\x00\x01")
    (tmp_path / "a.txt").write_text("Prices rose 3 percent.", encoding="utf-8")
    docs, stats = read(tmp_path)
    assert list(docs) == ["a"] and stats.warnings == []


def test_a_folders_readme_is_not_an_article_unless_named(tmp_path):
    (tmp_path / "README.md").write_text(
        "# Corpus\n\nTwelve articles; 240 claims were annotated.", encoding="utf-8"
    )
    (tmp_path / "LICENSE.txt").write_text("Licensed to 3 parties.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Prices rose 3 percent.", encoding="utf-8")
    docs, stats = read(tmp_path)
    assert list(docs) == ["a"] and stats.n_skipped == 2
    assert [w.split("/")[-1] for w in stats.warnings] == [
        f"{name}: documentation beside the articles (ingest.skip_names), not read"
        for name in ("LICENSE.txt", "README.md")
    ]
    docs, stats = read(tmp_path / "README.md")
    assert list(docs) == ["README"] and stats.warnings == []
    docs, stats = read(tmp_path, skip_names=[])
    assert sorted(docs) == ["LICENSE", "README", "a"]


def test_an_article_whose_name_starts_like_a_readme_is_read(tmp_path):
    (tmp_path / "license-plate-readers.txt").write_text(
        "Police installed 40 plate readers.", encoding="utf-8"
    )
    (tmp_path / "notice.txt").write_text("A notice: 3 roads closed.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet\nnotice.txt,Town Crier\n", encoding="utf-8"
    )
    docs, stats = read(tmp_path)
    assert sorted(docs) == ["license-plate-readers", "notice"]
    assert stats.warnings == []


def test_a_readme_in_another_language_is_documentation_too(tmp_path):
    (tmp_path / "README.en.md").write_text("# About\n\n12 files.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Prices rose 3 percent.", encoding="utf-8")
    docs, stats = read(tmp_path)
    assert list(docs) == ["a"] and stats.n_skipped == 1


def test_no_paths_is_a_warning(tmp_path):
    docs, stats = read()
    assert docs == {} and stats.warnings == ["<input>: no input paths given"]


def test_declared_charset_and_bom_are_honoured(tmp_path):
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Neige</title></head><body>'
        "<article><p>Plus de 30 centimètres de neige sont tombés sur les Alpes, "
        "a indiqué Météo-France, et 12 routes restaient fermées dimanche soir dans "
        "les départements de Savoie et de Haute-Savoie.</p></article></body></html>"
    )
    (tmp_path / "neige.html").write_bytes(html.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Über 20 Züge fielen aus.".encode("utf-16"))
    docs, stats = read(tmp_path)
    assert stats.warnings == []
    assert docs["neige"].encoding == "iso8859-1"
    assert "30 centimètres de neige" in docs["neige"].text
    assert docs["utf16"].encoding == "utf-16"
    assert docs["utf16"].text == "Über 20 Züge fielen aus."


def test_utf8_page_with_a_stale_legacy_charset_is_read_as_utf8(tmp_path):
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Grève</title></head><body>'
        "<article><p>La grève a touché 45 lignes de bus à Genève lundi, selon les "
        "transports publics, qui prévoient un service réduit de moitié mardi sur "
        "l'ensemble du réseau urbain et régional.</p></article></body></html>"
    )
    (tmp_path / "greve.html").write_text(html, encoding="utf-8")
    docs, stats = read(tmp_path)
    assert docs["greve"].encoding == "utf-8" and stats.warnings == []
    assert "La grève a touché 45 lignes de bus à Genève" in docs["greve"].text


def test_stream_is_lazy_and_can_be_read_again():
    stream = read_documents([SEEDS])
    assert stream.stats.n_read == 0  # nothing read yet
    first = [doc.id for doc in stream]
    second = [doc.id for doc in stream]
    assert first == second == sorted(first)
    assert stream.stats.n_read == 5
    assert [doc.id for doc in read_documents(str(SEEDS))] == first  # one path as str


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-26", dt.date(2025, 6, 26)),
        ("2025-06-26T21:05:00Z", dt.date(2025, 6, 26)),
        ("June 26, 2025", dt.date(2025, 6, 26)),
        ("26 June 2025", dt.date(2025, 6, 26)),
        ("Thu, 26 Jun 2025 10:00:00 GMT", dt.date(2025, 6, 26)),
        ("2025-13-45", None),
        ("June 2025", None),  # no day: no made-up date
        ("yesterday", None),
        ("26", None),
        ("", None),
        (None, None),
        (20250626, None),
        (dt.datetime(2025, 6, 26, 9), dt.date(2025, 6, 26)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# ------------------------------------------------------------------- hypothesis


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_any_bytes_give_documents_or_a_named_warning(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    warnings: list[str] = []
    stream = read_documents([path], on_warning=warnings.append)
    docs = list(stream)
    assert stream.stats.n_read == len(docs)
    if not docs:
        assert warnings and all(w.startswith(str(path)) for w in warnings)
    for doc in docs:
        assert doc.text.strip()
        for offset, _ in doc.segments:
            assert 0 <= offset < len(doc.text)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400
    ),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_kept_lines_are_raw_lines_unchanged(tmp_path, text, suffix):
    path = tmp_path / f"t{suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    for doc in read_documents([path]):
        raw_lines = doc.raw_text.split("\n")
        for line in doc.text.split("\n"):
            assert line in raw_lines


def test_a_counter_beside_the_start_of_the_headline_is_dropped(tmp_path) -> None:
    record = {
        "id": "c1",
        "title": "Port strike halts shipments for a third week",
        "text": "Port strike halts shipments for a third week\n\n"
        "2 Port strike halts shipments\n\n"
        "12 Port workers walked out on Monday, the union said.\n\n"
        "About 4,000 containers are stuck, officials said.",
    }
    (tmp_path / "docs.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs, _ = read(tmp_path / "docs.jsonl")
    text = docs["c1"].text
    assert "2 Port strike halts shipments\n" not in text + "\n"
    assert "12 Port workers walked out" in text  # not the title's start: kept
    assert "4,000 containers" in text
