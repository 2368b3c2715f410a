"""Helpers for the time tests: analyse a hand-written text with the session model."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from detente.model import Timex
from detente.nlp import clean_text
from detente.timex import TimeAnalysis, analyse_time

Analyse = Callable[..., TimeAnalysis]


@pytest.fixture
def analyse(nlp: Language) -> Analyse:
    """Parse ``text`` as the pipeline does and analyse its time expressions."""

    def run(text: str, published: str | None = "2021-06-15") -> TimeAnalysis:
        return analyse_time(nlp(clean_text(text)), "doc", published)

    return run


def find(analysis: TimeAnalysis, text: str, nth: int = 0) -> Timex:
    """The ``nth`` timex whose text is exactly ``text`` (fails the test if absent)."""
    matches = [t for t in analysis.timexes if t.text == text]
    assert len(matches) > nth, f"{text!r} not found in {[t.text for t in analysis.timexes]}"
    return matches[nth]


def value_of(analysis: TimeAnalysis, text: str, nth: int = 0) -> str | None:
    """The TIMEX3 value of the ``nth`` timex spelled ``text``."""
    return find(analysis, text, nth).value
