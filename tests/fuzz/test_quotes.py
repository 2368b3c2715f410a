"""The quote finder on quote marks that never close, nest or mix: no crash, spans that point into the text.

spaCy parses every example, so the ci profile runs few; ``make fuzz`` runs thousands.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from detente.nlp import clean_text
from detente.quotes import find_quotes
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import nasty_text

MARKS = ['"', "“", "”", "‘", "’", "'", "''", "``", "«", "»", "‹", "›", "„", "‚", "「", "」", '""', "“‘", "’”"]
WORDS = [
    "Putin", "said", "told reporters", "the Kremlin", "he added", "according to", "Trump", "we will not",
    "back down", "it's", "rock 'n' roll", "the '90s", ":", ",", ".", "—", "-", "\n", "\n\n", "Reuters reported",
    "she asked", "ever", "Xi", "warned that", "the talks", "were", "very productive",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), nasty_text(6)), min_size=1, max_size=25).map(
    lambda parts: " ".join(parts)
) | st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS)), min_size=1, max_size=25).map("".join)


@budget(ci=30, long=5000)
@given(text=TEXT)
def test_quotes_and_their_cues_and_speakers_point_into_the_text(nlp: Language, text: str) -> None:
    doc = nlp(clean_text(text))
    quotes = find_quotes(doc, "doc")
    assert [(q.start, q.end) for q in quotes] == sorted((q.start, q.end) for q in quotes)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert doc.text[quote.start : quote.end] == quote.text and quote.text.strip()
        if quote.cue is not None:
            assert doc.text[quote.cue.start : quote.cue.end] == quote.cue.text
        for person in (quote.speaker, quote.addressee):
            if person is not None and person.start is not None:
                assert person.end is not None and doc.text[person.start : person.end] == person.text
