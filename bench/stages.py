"""What the stage benchmarks share: best-of-three timing, the parse they compare against, the report.

Each ``bench/*_speed.py`` times one stage of the analysis on documents parsed
once, and compares it with the ``nlp.pipe`` parse of the same texts: the
project's speed targets are shares of the parse time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from detente.nlp import clean_text, load_model

DEMO = Path(__file__).resolve().parents[1] / "detente" / "data" / "demo" / "articles.jsonl"
RUNS = 3
T = TypeVar("T")


def best_of(work: Callable[[], T], runs: int = RUNS) -> tuple[float, T]:
    """Seconds of the fastest of ``runs`` runs (a busy machine slows some of them), and its result."""
    best: tuple[float, T] | None = None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best[0]:
            best = (elapsed, result)
    assert best is not None
    return best


def timed_parse(texts: list[str]) -> tuple[float, list[Doc]]:
    """The texts cleaned and parsed as the pipeline does (``nlp.pipe``), best of three."""
    nlp = load_model()
    cleaned = [clean_text(t) for t in texts]
    return best_of(lambda: list(nlp.pipe(cleaned, batch_size=32)))


def demo_rows(path: Path = DEMO) -> list[dict[str, Any]]:
    """Articles of a JSONL file (the demo corpus by default)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def report(corpus: Path, docs: list[Doc], parse_seconds: float, stage: str, seconds: float, **extra: Any) -> None:
    """Print the figures as JSON: words, parse time and the stage's time and share of it."""
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)
    print(json.dumps({
        "corpus": str(corpus),
        "documents": len(docs),
        "words": words,
        **extra,
        "parse_seconds": round(parse_seconds, 2),
        "parse_words_per_second": round(words / parse_seconds),
        f"{stage}_seconds": round(seconds, 3),
        f"{stage}_share_of_parse": round(seconds / parse_seconds, 4),
    }, indent=2))  # fmt: skip
