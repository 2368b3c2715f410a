"""How much the whole analysis after the parse (time, actors, quotes, events, merge) adds to the spaCy parse.

Usage: ``.venv/bin/python -m bench.events_speed [FILE.jsonl]`` — articles as JSON
lines (default: the demo corpus). Parses every text once with ``nlp.pipe``
(timed), then runs ``analyse_doc`` on the parsed docs (timed): everything
detente does to an article after spaCy, event coding included, so the ratio
is an upper bound for the coder alone. Knowledge base, lexicon and matchers
are built before timing (once per process). Best of three runs of each.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.stages import DEMO, best_of, demo_rows, report, timed_parse
from detente.model import Article
from detente.pipeline import analyse, analyse_doc


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEMO
    articles = [Article(id=str(r.get("id")), text=r["text"], published=r.get("published")) for r in demo_rows(path)]
    analyse(Article(id="warm-up", text="Putin met Xi in Beijing on Monday.", published="2019-06-05"))
    parse_seconds, docs = timed_parse([a.text for a in articles])

    def analysis() -> None:
        for doc, article in zip(docs, articles, strict=True):
            analyse_doc(article, doc)

    seconds, _ = best_of(analysis)
    report(path, docs, parse_seconds, "analysis", seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
