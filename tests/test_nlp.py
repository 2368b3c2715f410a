"""Cleaning keeps offsets; sentences never cross a line break; a stream of parses forgets the words it meets."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from detente.nlp import clean_text, entities_within, map_parsed

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


def _words(_text: str, doc: Doc) -> list[str]:
    return [token.text for token in doc]


def test_words_a_batch_learns_are_forgotten_after_it(nlp: Language) -> None:
    texts = [f"Zorvexa{n} met Quillamar{n} in Brastovik{n}." for n in range(6)]
    before = len(nlp.vocab.strings)
    results = list(map_parsed(texts, str, _words, batch_size=2))
    assert results[5] == ["Zorvexa5", "met", "Quillamar5", "in", "Brastovik5", "."]
    assert len(nlp.vocab.strings) == before
    assert "Quillamar0" not in nlp.vocab.strings


def test_a_call_from_inside_a_batch_parses_in_the_zone_already_open(nlp: Language) -> None:
    def nested(text: str, doc: Doc) -> list[list[str]]:
        inner = list(map_parsed([text.upper()], str, _words))
        return [_words(text, doc), *inner]  # the outer doc, read after the inner call

    before = len(nlp.vocab.strings)
    [[outer, inner]] = list(map_parsed(["Velmoradin spoke."], str, nested))
    assert (outer, inner) == (["Velmoradin", "spoke", "."], ["VELMORADIN", "SPOKE", "."])
    assert len(nlp.vocab.strings) == before


def test_entities_within_a_span_are_those_wholly_inside_it(nlp: Language) -> None:
    doc = Doc(nlp.vocab, words=["Talks", "in", "New", "York", "and", "Oslo", "ended", "."],
              ents=["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "O"])  # fmt: skip
    assert [(e.text, e.label_) for e in entities_within(doc[0:8])] == [("New York", "GPE"), ("Oslo", "GPE")]
    assert [e.text for e in entities_within(doc[3:6])] == ["Oslo"]  # 'New York' starts before the span
    assert [e.text for e in entities_within(doc[0:3])] == []  # and ends after this one


def test_every_token_and_span_finds_its_parsed_sentence(nlp: Language) -> None:
    doc = nlp("Putin met Xi in Beijing. They signed a pact.\nMOSCOW – Lavrov called Blinken on Friday, and they agreed.")
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sentence in sentences:
        for token in sentence:
            assert (token.sent.start, token.sent.end) == (sentence.start, sentence.end)
        assert (doc[sentence.start : sentence.end].sent.start, doc[sentence.end - 1 : sentence.end].sent.end) == (
            sentence.start, sentence.end)  # fmt: skip
    assert "sent" in doc.user_token_hooks and "sent" in doc.user_span_hooks
    assert len(nlp("")) == 0, "a text without sentences passes through"
