"""A run-on 'sentence' of hundreds of clauses is coded in time that grows about with its length.

Found by the fuzz tests' 1 MB sentence: each event weighed every time
expression, every place and every cue word of its sentence, and walked the
whole chain of coordinated clauses for each; a 20,000-character sentence took
over six minutes.
"""

from __future__ import annotations

import time

from spacy.language import Language

from detente.model import Article
from detente.pipeline import analyse_many

CLAUSE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday"


def test_a_10000_character_sentence_is_coded_in_seconds(nlp: Language) -> None:
    text = (CLAUSE + ", and ") * (10_000 // (len(CLAUSE) + 6)) + "they agreed."
    started = time.perf_counter()
    [result] = analyse_many([Article("long", text, published="2019-06-28")])
    seconds = time.perf_counter() - started
    assert result.events and all(text[m.trigger.start : m.trigger.end] == m.trigger.text for e in result.events for m in e.mentions)
    assert seconds < 30, f"{seconds:.1f} s (about 5 s expected; over a minute before the fix)"
