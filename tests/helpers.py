"""Helpers shared by tests that run whole ingests.

``store_contents``: what a store holds, for comparing a run that was
interrupted with one that was not (tests/test_parallel.py, bench/kill_ingest.py).
``write_corpus`` and ``start_ingest``: a JSONL corpus and ``detente ingest`` in
another process (tests/test_concurrent_ingest.py, tests/web/test_during_ingest.py).
``stored``: a new store holding given results (the web tests' stores).
``holding``: another process holding a store open for writing, as an ingest does
(tests/web/test_access.py, tests/web/test_answers.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from detente.model import ArticleResult
from detente.store import Store

INGEST = "import sys; from detente.cli import main; sys.exit(main(sys.argv[1:]))"
HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
con.close()
"""


def write_corpus(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A JSONL corpus of (id, published, text) rows at ``path``."""
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in rows), encoding="utf-8")
    return path


def stored(folder: Path, results: Iterable[ArticleResult]) -> Path:
    """A new store at ``folder/store.duckdb`` holding ``results``, closed and ready to be served."""
    path = folder / "store.duckdb"
    with Store(path) as store:
        store.add_many(results)
    return path


def start_ingest(source: Path, db: Path) -> subprocess.Popen[str]:
    """``detente ingest SOURCE --db DB`` in its own process (standard error kept, output dropped)."""
    return subprocess.Popen([sys.executable, "-c", INGEST, "ingest", str(source), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip


@contextmanager
def holding(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with ``db`` open for writing until the block ends (or a line is written to its input)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)  # fmt: skip
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "holding"
        yield process
    finally:
        if process.poll() is None:
            process.communicate("\n", timeout=30)


def store_contents(store: Store) -> dict[str, object]:
    """Everything a run leaves: articles, events with their evidence and scores, quotes, errors."""
    con = store._con
    return {
        "articles": con.execute("SELECT id, content_hash, syndication FROM articles ORDER BY id").fetchall(),
        "events": con.execute(
            "SELECT id, type, date_value, n_articles, n_sources, round(confidence, 9), dyad FROM events ORDER BY id"
        ).fetchall(),
        "members": con.execute("SELECT raw_id, event_id FROM event_members ORDER BY raw_id").fetchall(),
        "mentions": con.execute(
            'SELECT event_id, raw_id, doc_id, "start", "end" FROM mentions ORDER BY ALL'
        ).fetchall(),
        "quotes": con.execute('SELECT doc_id, "start", "end" FROM quotes ORDER BY ALL').fetchall(),
        "errors": [(e["source"], e["record"], e["article_id"], e["message"]) for e in store.errors()],
        "stats": store.stats(),
    }
