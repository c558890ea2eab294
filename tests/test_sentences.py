"""Tests for scorer.extract.sentences: sentence and paragraph spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scorer.extract.sentences import split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def paragraphs(text: str) -> list[str]:
    return [text[start:end] for start, end in split_paragraphs(text)]


def test_splits_on_full_stops_questions_and_exclamations():
    assert sentences("It rained. Was it cold? Very!") == [
        "It rained.",
        "Was it cold?",
        "Very!",
    ]


def test_keeps_titles_and_abbreviations_inside_a_sentence():
    text = (
        "Gen. Ortiz met Mr. Lamb on St. Mark's Square in Sept. last year. They talked."
    )
    assert sentences(text) == [
        "Gen. Ortiz met Mr. Lamb on St. Mark's Square in Sept. last year.",
        "They talked.",
    ]


def test_dotted_abbreviation_ends_a_sentence_only_before_an_opener():
    text = "Aid came from the U.S. President Diaz thanked donors in the U.S. The end."
    assert sentences(text) == [
        "Aid came from the U.S. President Diaz thanked donors in the U.S.",
        "The end.",
    ]


def test_decimals_and_initials_do_not_end_sentences():
    text = "Prices rose 3.5 percent, said J. R. Okoye. Markets fell."
    assert sentences(text) == [
        "Prices rose 3.5 percent, said J. R. Okoye.",
        "Markets fell.",
    ]


def test_quote_closing_after_the_full_stop_stays_in_the_sentence():
    text = '"We are done." She left.'
    assert sentences(text) == ['"We are done."', "She left."]


def test_footnote_marker_after_the_full_stop_stays_in_the_sentence():
    text = "Troops moved east.[3] The front held.[4][5]"
    assert sentences(text) == ["Troops moved east.[3]", "The front held.[4][5]"]


def test_a_headline_without_punctuation_is_a_sentence():
    text = "Floods hit the north\nRivers rose overnight. Roads closed."
    assert sentences(text) == [
        "Floods hit the north",
        "Rivers rose overnight.",
        "Roads closed.",
    ]


def test_lower_case_after_a_full_stop_does_not_start_a_sentence():
    assert sentences("The approx. total is nine. Done.") == [
        "The approx. total is nine.",
        "Done.",
    ]


def test_paragraphs_are_blocks_of_lines():
    text = "First line.\n\nSecond block.\nThird block."
    assert paragraphs(text) == ["First line.", "Second block.", "Third block."]


def test_a_wrapped_sentence_stays_one_paragraph():
    text = "The talks went on and\nended late. Next day.\nNew paragraph."
    assert paragraphs(text) == [
        "The talks went on and\nended late. Next day.",
        "New paragraph.",
    ]
    assert sentences(text)[0] == "The talks went on and\nended late."


def test_spans_are_trimmed_of_whitespace():
    text = "  One.   Two.  \n"
    assert split_sentences(text) == [(2, 6), (9, 13)]
    assert split_paragraphs(text) == [(2, 13)]


def test_spans_are_the_same_on_every_call_and_safe_to_change():
    text = "One. Two.\n\nThree."
    first = split_sentences(text)
    first.clear()
    assert split_sentences(text) == [(0, 4), (5, 9), (11, 17)]
    assert split_sentences(text, split_paragraphs(text)) == split_sentences(text)
    paragraphs = split_paragraphs(text)
    paragraphs.append((0, 0))
    assert split_paragraphs(text) == [(0, 9), (11, 17)]


def test_empty_text_has_no_spans():
    assert split_sentences("") == []
    assert split_paragraphs(" \n\n ") == []


@given(st.text(alphabet=st.sampled_from(list('ab .?!\n"”[]3U.S')), max_size=200))
def test_sentence_spans_are_ordered_disjoint_and_inside_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(st.text(max_size=300))
def test_paragraph_spans_are_ordered_and_inside_any_text(text):
    spans = split_paragraphs(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end
