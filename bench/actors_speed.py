"""How much actor resolution adds to the spaCy parse of the same text.

Usage: ``.venv/bin/python -m bench.actors_speed [FILE.jsonl]`` — articles as
JSON lines (default: the demo corpus). Parses every text once with
``nlp.pipe`` (timed), tags time expressions (not timed: resolution needs the
sentence dates), then runs ``resolve_actors`` on the parsed docs (timed) and
prints words, seconds and the ratio. The knowledge base and its phrase matcher
are built before timing: that is once per process, not per article. Best of
three runs of each, so a busy machine shows less.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from detente.actors.kb import load_kb
from detente.actors.resolve import resolve_actors
from detente.model import Article
from detente.nlp import clean_text, load_model, parse
from detente.pipeline import date_at, with_publication
from detente.timex import analyse_time

DEMO = Path(__file__).resolve().parents[1] / "detente" / "data" / "demo" / "articles.jsonl"
RUNS = 3


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEMO
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [with_publication(Article(id=str(r.get("id")), text=r["text"], published=r.get("published"))) for r in rows]
    nlp, kb = load_model(), load_kb()
    resolve_actors(parse("Putin met Xi."), lambda _i: None, kb)
    cleaned = [clean_text(a.text) for a in articles]
    parse_best = float("inf")
    docs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        docs = list(nlp.pipe(cleaned, batch_size=32))
        parse_best = min(parse_best, time.perf_counter() - start)
    dated = [date_at(doc, analyse_time(doc, a.id, a.published), a.published) for doc, a in zip(docs, articles, strict=True)]
    resolve_best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        for doc, article, dates in zip(docs, articles, dated, strict=True):
            resolve_actors(doc, dates, kb, now=article.published)
        resolve_best = min(resolve_best, time.perf_counter() - start)
    words = sum(sum(1 for t in doc if not t.is_space and not t.is_punct) for doc in docs)
    print(json.dumps({
        "corpus": str(path),
        "documents": len(docs),
        "words": words,
        "parse_seconds": round(parse_best, 2),
        "actor_resolution_seconds": round(resolve_best, 3),
        "actor_resolution_share_of_parse": round(resolve_best / parse_best, 4),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
