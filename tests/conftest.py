"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The detente pipeline (model + line-break sentence rule), loaded once."""
    from detente.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED.resolve()


@pytest.fixture
def failing_article(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make the analysis of the article with this id raise, as a bug in one stage would."""
    import detente.pipeline as pipeline

    real = pipeline.analyse_doc

    def fragile(article, doc, kb=None):  # type: ignore[no-untyped-def]
        if article.id == "bad":
            raise ValueError("boom")
        return real(article, doc, kb)

    monkeypatch.setattr(pipeline, "analyse_doc", fragile)
    return "bad"
