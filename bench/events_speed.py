"""How much the whole analysis after the parse (time, actors, quotes, events, merge) adds to the spaCy parse.

Usage: ``.venv/bin/python -m bench.events_speed [FILE.jsonl]`` — articles as JSON
lines (default: the demo corpus). Parses every text once with ``nlp.pipe``
(timed), then runs ``analyse_doc`` on the parsed docs (timed): everything
detente does to an article after spaCy, event coding included, so the ratio
is an upper bound for the coder alone. Knowledge base, lexicon and matchers
are built before timing (once per process). Best of three runs of each.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from detente.model import Article
from detente.nlp import clean_text, load_model
from detente.pipeline import analyse, analyse_doc

DEMO = Path(__file__).resolve().parents[1] / "detente" / "data" / "demo" / "articles.jsonl"
RUNS = 3


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEMO
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=str(r.get("id")), text=r["text"], published=r.get("published")) for r in rows]
    nlp = load_model()
    analyse(Article(id="warm-up", text="Putin met Xi in Beijing on Monday.", published="2019-06-05"))
    cleaned = [clean_text(a.text) for a in articles]
    parse_best = float("inf")
    docs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        docs = list(nlp.pipe(cleaned, batch_size=32))
        parse_best = min(parse_best, time.perf_counter() - start)
    analysis_best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        for doc, article in zip(docs, articles, strict=True):
            analyse_doc(article, doc)
        analysis_best = min(analysis_best, time.perf_counter() - start)
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)
    print(json.dumps({
        "corpus": str(path),
        "documents": len(docs),
        "words": words,
        "parse_seconds": round(parse_best, 2),
        "analysis_seconds": round(analysis_best, 3),
        "analysis_share_of_parse": round(analysis_best / parse_best, 4),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
