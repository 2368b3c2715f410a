"""How much time tagging adds to the spaCy parse of the same text.

Usage: ``.venv/bin/python -m bench.timex_speed [FOLDER]`` — FOLDER holds TimeML
files (default: ``../shared/dev-data/time/TBAQ-cleaned``); without it, the demo
corpus is used. Parses every text once with ``nlp.pipe`` (timed), then runs
``analyse_time`` on the parsed docs (timed), and prints words, seconds and the
ratio. Best of three runs of each, so a busy machine shows less.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from detente.nlp import clean_text, load_model
from detente.timex import analyse_time

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-data" / "time" / "TBAQ-cleaned"
DEMO = Path(__file__).resolve().parents[1] / "detente" / "data" / "demo" / "articles.jsonl"
RUNS = 3


def _texts(folder: Path) -> list[tuple[str, str | None]]:
    """(text, publication date) pairs from TimeML files, or from the demo corpus."""
    if folder.is_dir():
        from detente.timex.evaluate import read_timeml

        out = []
        for path in sorted(folder.rglob("*.tml")):
            text, dct, _gold = read_timeml(path)
            out.append((text, dct[:10] if dct else None))
        return out
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["text"], row.get("published")) for row in rows]


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else DEFAULT
    texts = _texts(folder)
    nlp = load_model()
    cleaned = [clean_text(t) for t, _ in texts]
    parse_best = float("inf")
    docs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        docs = list(nlp.pipe(cleaned, batch_size=32))
        parse_best = min(parse_best, time.perf_counter() - start)
    tag_best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        for doc, (_text, published) in zip(docs, texts, strict=True):
            analyse_time(doc, "bench", published)
        tag_best = min(tag_best, time.perf_counter() - start)
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)
    print(json.dumps({
        "corpus": str(folder if folder.is_dir() else DEMO),
        "documents": len(docs),
        "words": words,
        "parse_seconds": round(parse_best, 2),
        "parse_words_per_second": round(words / parse_best),
        "time_tagging_seconds": round(tag_best, 3),
        "time_tagging_share_of_parse": round(tag_best / parse_best, 4),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
