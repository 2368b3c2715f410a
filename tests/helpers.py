"""What a store holds, for comparing a run that was interrupted with one that was not.

Shared by tests/test_parallel.py (one kill inside a transaction) and
bench/kill_ingest.py (many kills at random points, ``make fuzz``).
"""

from __future__ import annotations

from detente.store import Store


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
