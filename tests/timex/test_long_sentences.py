"""A very long sentence takes time in proportion to its length, not to its square.

Found by the fuzz tests' 1 MB sentence (tests/fuzz/test_big_inputs.py): for
each time expression, deciding whether it sits in a relative clause walked all
its ancestors, and in "A, and B, and C ..." every token is an ancestor of the
next; a 100,000-character sentence took 11 s, a 1 MB one about 20 minutes.
"""

from __future__ import annotations

import time

from spacy.language import Language

from detente.nlp import clean_text
from detente.timex import analyse_time

SENTENCE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday"


def test_a_150000_character_sentence_is_dated_in_seconds(nlp: Language) -> None:
    text = (SENTENCE + ", and ") * (150_000 // (len(SENTENCE) + 6)) + "they agreed."
    doc = nlp(clean_text(text))
    started = time.perf_counter()
    analysis = analyse_time(doc, "long", "2019-06-28")
    seconds = time.perf_counter() - started
    assert len(analysis.timexes) == text.count("Friday")
    assert {t.value for t in analysis.timexes} == {"2019-06-28"}
    assert seconds < 5, f"{seconds:.1f} s (under half a second expected; 25 s before the fix)"
