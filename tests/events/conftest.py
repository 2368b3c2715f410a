"""Code one small article by hand-written text and look at its events."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from detente.model import Article, Event
from detente.nlp import clean_text
from detente.pipeline import analyse_doc


@pytest.fixture(scope="session")
def code(nlp: Language) -> Callable[..., list[Event]]:
    """``code(text, published)`` → the article's events (one parse, the whole pipeline)."""

    def run(text: str, published: str | None = "2021-06-15") -> list[Event]:
        article = Article(id="t", text=text, published=published, outlet="Example Wire")
        return analyse_doc(article, nlp(clean_text(text))).events

    return run


def names(actors: list) -> set[str]:  # type: ignore[type-arg]
    """Actor names, for short assertions."""
    return {a.name for a in actors}
