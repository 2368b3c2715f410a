"""A run-on 'sentence' of hundreds of clauses is coded in time that grows about with its length.

Found by the fuzz tests' 1 MB sentence: each event weighed every time
expression, every place and every cue word of its sentence, and walked the
whole chain of coordinated clauses for each; a 20,000-character sentence took
over six minutes.
"""

from __future__ import annotations

import time

from spacy.language import Language

from detente.events.code import EVIDENCE_CHARS
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


def test_the_evidence_of_an_event_in_a_run_on_sentence_is_the_text_around_its_trigger(nlp: Language) -> None:
    text = ", and ".join(f"Macron visited Berlin in week {n}" for n in range(300)) + ", and then Merkel welcomed Macron."
    assert len(list(nlp(text).sents)) == 1 and len(text) > 5 * 2 * EVIDENCE_CHARS
    [result] = analyse_many([Article("list", text, published="2019-06-28")])
    mentions = [m for e in result.events for m in e.mentions]
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.sentence == mention.sentence.strip()
        assert len(mention.sentence) <= 2 * EVIDENCE_CHARS + len(mention.trigger.text) < len(text) / 5
        assert mention.start <= mention.trigger.start and mention.trigger.end <= mention.end


def test_a_news_sentence_is_its_whole_evidence(nlp: Language) -> None:
    text = "  Putin met Xi in Beijing on Friday.\n\nThe two leaders signed a pact on gas supplies.  "
    [result] = analyse_many([Article("short", text, published="2019-06-28")])
    sentences = {m.sentence for e in result.events for m in e.mentions}
    assert "Putin met Xi in Beijing on Friday." in sentences
