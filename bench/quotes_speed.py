"""How much quote finding adds to the spaCy parse of the same text.

Usage: ``.venv/bin/python -m bench.quotes_speed [FOLDER]`` — FOLDER is a PolNeAR
split with a ``text/`` folder of articles (default:
``../shared/dev-data/quotes/polnear/dev``); without it, the demo corpus is used.
Parses every text once with ``nlp.pipe`` (timed), then runs ``find_quotes`` on
the parsed docs (timed), and prints words, seconds and the ratio. Best of three
runs of each, so a busy machine shows less.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from detente.nlp import clean_text, load_model
from detente.quotes import find_quotes

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-data" / "quotes" / "polnear" / "dev"
DEMO = Path(__file__).resolve().parents[1] / "detente" / "data" / "demo" / "articles.jsonl"
RUNS = 3


def _texts(folder: Path) -> list[str]:
    """The article texts of a PolNeAR split, or of the demo corpus."""
    if (folder / "text").is_dir():
        return [path.read_text(encoding="utf-8") for path in sorted((folder / "text").glob("*.txt"))]
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["text"] for row in rows]


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else DEFAULT
    texts = _texts(folder)
    nlp = load_model()
    find_quotes(nlp("“Yes,” she said."), "warm-up")  # reads the outlet list once, outside timing
    cleaned = [clean_text(t) for t in texts]
    parse_best = float("inf")
    docs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        docs = list(nlp.pipe(cleaned, batch_size=32))
        parse_best = min(parse_best, time.perf_counter() - start)
    quote_best = float("inf")
    found = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        found = sum(len(find_quotes(doc, "bench")) for doc in docs)
        quote_best = min(quote_best, time.perf_counter() - start)
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)
    print(json.dumps({
        "corpus": str(folder if (folder / "text").is_dir() else DEMO),
        "documents": len(docs),
        "words": words,
        "quotes": found,
        "parse_seconds": round(parse_best, 2),
        "parse_words_per_second": round(words / parse_best),
        "quote_finding_seconds": round(quote_best, 3),
        "quote_finding_share_of_parse": round(quote_best / parse_best, 4),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
