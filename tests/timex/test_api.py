"""The analysis object: order, spans, lookup by span and speed."""

from __future__ import annotations

import time

from spacy.language import Language

from detente.nlp import clean_text
from detente.timex import analyse_time

from .conftest import Analyse

PARAGRAPH = (
    "MOSCOW, June 14 (Example Wire) - Russia and the United States will hold talks next week, "
    "officials said on Monday. In March 2018, the two sides met in Vienna. A few months later in July, "
    "the presidents met for nearly two hours. Two days later, envoys spoke again. Since 2019 the talks "
    "have been held every year, most recently in spring 2020.\n"
)


def test_timexes_are_in_text_order_with_exact_spans(analyse: Analyse) -> None:
    analysis = analyse(PARAGRAPH)
    starts = [t.start for t in analysis.timexes]
    assert starts == sorted(starts) and len(starts) >= 8
    for timex in analysis.timexes:
        assert PARAGRAPH[timex.start : timex.end] == timex.text
        assert timex.doc_id == "doc" and timex.reason


def test_at_returns_overlapping_timexes(analyse: Analyse) -> None:
    analysis = analyse(PARAGRAPH)
    clause_start = PARAGRAPH.index("In March")
    clause_end = PARAGRAPH.index("the two sides")
    assert [t.text for t in analysis.at(clause_start, clause_end)] == ["March 2018"]
    assert analysis.at(0, 3) == []


def test_whole_article_is_fast(nlp: Language) -> None:
    text = PARAGRAPH * 16
    doc = nlp(clean_text(text))
    began = time.perf_counter()
    analysis = analyse_time(doc, "doc", "2021-06-15")
    elapsed = time.perf_counter() - began
    assert len(text.split()) > 900 and len(analysis.timexes) > 100
    assert elapsed < 0.05
