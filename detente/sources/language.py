"""Which articles are in English: the pipeline's models read English only.

An article whose input gives its language is judged by that (its primary
subtag: ``en-GB`` is English). Only when none is given is the text judged, by
py3langid (offline, a small bundled model), and only when it has at least
``MIN_WORDS`` words: a headline is too short to judge, and is kept. A text is
set aside only when the model is confident it is another language.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import Any

from detente.model import Article
from detente.sources.problems import Problems

MIN_WORDS = 20
"""Shorter texts are not judged (and are kept)."""

MIN_CONFIDENCE = 0.8
"""A text is taken for another language only at this probability or more."""

SAMPLE_CHARS = 5000
"""The opening of the text that is judged (enough, and fast on very long articles)."""

_identifier: Any = None
_lock = threading.Lock()


def detect_language(text: str) -> tuple[str, float] | None:
    """``(ISO 639-1 code, probability)`` of a text, or None when it is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    lang, probability = _get_identifier().classify(sample)
    return str(lang), float(probability)


def primary(language: str | None) -> str | None:
    """``en`` of ``en-GB``/``EN_us``; None for nothing."""
    if not language or not language.strip():
        return None
    return language.strip().replace("_", "-").split("-")[0].lower()


def keep_language(article: Article, problems: Problems, languages: Collection[str] = ("en",)) -> bool:
    """Whether to keep the article; one not in ``languages`` is reported to ``problems`` as excluded.

    A detected language (when the article gave none) is written to ``article.language``,
    with ``meta["language_basis"] = "detected"``.
    """
    wanted = {primary(x) for x in languages}
    where = article.origin or article.id
    given = primary(article.language)
    if given is not None:
        if given in wanted:
            return True
        problems.exclude(where, None, f"article {article.id}: language {article.language!r} is not {_names(wanted)}")
        return False
    found = detect_language(article.text)
    if found is None:
        return True
    lang, probability = found
    if lang in wanted:
        article.language = lang
        article.meta["language_basis"] = "detected"
        return True
    if probability < MIN_CONFIDENCE:
        return True
    problems.exclude(where, None, f"article {article.id}: text detected as {lang!r} (p={probability:.2f}), "
                     f"not {_names(wanted)}")
    return False


def _names(wanted: set[str | None]) -> str:
    return "/".join(sorted(x for x in wanted if x))


def _get_identifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
