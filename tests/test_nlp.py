"""Cleaning keeps offsets; sentences never cross a line break."""

from __future__ import annotations

from spacy.language import Language

from detente.nlp import clean_text

TEXT = (
    "Putin and Xi met in Beijing.\n"
    "Also Read: Five things to know about the summit\n"
    "Photo: Example Agency\n"
    "They signed a statement on trade.\n"
    "Subscribe\n"
)


def test_boilerplate_lines_are_blanked_without_moving_offsets() -> None:
    cleaned = clean_text(TEXT)
    assert len(cleaned) == len(TEXT)
    assert "Also Read" not in cleaned and "Photo" not in cleaned and "Subscribe" not in cleaned
    assert cleaned.index("They signed") == TEXT.index("They signed")


def test_story_lines_that_only_mention_reading_are_kept() -> None:
    text = "Officials read the statement aloud.\nRelated talks will follow next week.\n"
    assert clean_text(text) == text


def test_sentences_break_at_line_ends(nlp: Language) -> None:
    doc = nlp("The two leaders met\nOfficials said nothing more")
    assert [s.text.strip() for s in doc.sents] == ["The two leaders met", "Officials said nothing more"]
