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

import sys
from pathlib import Path

from bench.stages import DEMO, best_of, demo_rows, report, timed_parse
from detente.actors.kb import load_kb
from detente.actors.resolve import resolve_actors
from detente.model import Article
from detente.nlp import parse
from detente.pipeline import date_at, with_publication
from detente.timex import analyse_time


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEMO
    rows = demo_rows(path)
    articles = [with_publication(Article(id=str(r.get("id")), text=r["text"], published=r.get("published"))) for r in rows]
    kb = load_kb()
    resolve_actors(parse("Putin met Xi."), lambda _i: None, kb)
    parse_seconds, docs = timed_parse([a.text for a in articles])
    dated = [date_at(doc, analyse_time(doc, a.id, a.published), a.published) for doc, a in zip(docs, articles, strict=True)]

    def resolve() -> None:
        for doc, article, dates in zip(docs, articles, dated, strict=True):
            resolve_actors(doc, dates, kb, now=article.published)

    seconds, _ = best_of(resolve)
    report(path, docs, parse_seconds, "actor_resolution", seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
