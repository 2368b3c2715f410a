"""The analysis object: order, spans, lookup by span and speed."""

from __future__ import annotations

import time
from collections.abc import Callable

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


def _best_of_three(work: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def test_whole_article_is_fast_next_to_its_parse(nlp: Language) -> None:
    """Compared with the parse on the same machine, so a busy CI runner does not fail it by chance."""
    text = PARAGRAPH * 16
    doc = nlp(clean_text(text))
    analysis = analyse_time(doc, "doc", "2021-06-15")
    assert len(text.split()) > 900 and len(analysis.timexes) > 100
    parse = _best_of_three(lambda: nlp(clean_text(text)))
    tagging = _best_of_three(lambda: analyse_time(doc, "doc", "2021-06-15"))
    assert tagging < 0.5 * parse
