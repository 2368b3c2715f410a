"""How much faster ``detente ingest`` runs over a corpus the store already holds.

Usage: ``.venv/bin/python -m bench.reingest [--articles 240]``

Writes ``--articles`` distinct articles (the demo corpus, each copy given a
closing sentence of its own, so that no two texts are equal and content-hash
identity cannot fold them) to a JSONL file, then runs ``detente ingest`` on it
twice into one new store, each time as a user would: a new process, wall
clock from start to exit. The first run parses and stores everything; the
second finds every article stored (by id or text) and parses nothing. Prints
both times, the ratio and the store's article count after each run (equal, or
the second run stored a double). The project's target: the second run at
least 20 times faster. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
CLI = "import sys; from detente.cli import main; sys.exit(main(sys.argv[1:]))"


def write_corpus(path: Path, articles: int) -> int:
    """``articles`` distinct articles built from the demo corpus; returns their number of words."""
    base = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            record = dict(base[n % len(base)])
            record["id"] = f"{record['id']}-copy{n}"
            record["text"] = f"{record['text']}\nThis is copy number {n} of the story."
            words += len(record["text"].split())
            out.write(json.dumps(record) + "\n")
    return words


def timed_ingest(corpus: Path, db: Path) -> float:
    """Wall seconds of one ``detente ingest`` process, which must exit 0."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CLI, "ingest", str(corpus), "--db", str(db)], check=True,
                   capture_output=True, cwd=ROOT)  # fmt: skip
    return time.perf_counter() - start


def stored_articles(db: Path) -> int:
    """How many articles the store holds: the same after both runs, or the second stored a double."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reingest", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=240)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "news.jsonl", Path(tmp) / "store.duckdb"
        words = write_corpus(corpus, args.articles)
        load = os.getloadavg()[0]
        first = timed_ingest(corpus, db)
        after_first = stored_articles(db)
        second = timed_ingest(corpus, db)
        after_second = stored_articles(db)
    report = {
        "articles": args.articles, "words": words, "load_average_at_start": round(load, 2),
        "first_ingest_seconds": round(first, 2), "second_ingest_seconds": round(second, 2),
        "speed_up": round(first / second, 1), "stored_after_first": after_first, "stored_after_second": after_second,
    }  # fmt: skip
    print(json.dumps(report, indent=2))
    return 0 if after_first == after_second == args.articles else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
