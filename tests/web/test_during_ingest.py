"""The server keeps answering while 'detente ingest' writes to the same store (DuckDB: one writer or many readers)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from detente.web import create_app
from tests.helpers import start_ingest, write_corpus

ARTICLES = [
    ("w1", "2019-06-28", "Vladimir Putin met Xi Jinping in Osaka on Friday."),
    ("w2", "2019-06-25", "Emmanuel Macron met Angela Merkel in Berlin on Monday."),
    ("w3", "2019-06-06", "Russia and China signed a trade agreement in Moscow on Wednesday."),
    ("w4", "2019-05-09", "Donald Trump spoke with Vladimir Putin by phone on Tuesday."),
    ("w5", "2019-05-06", "Japan criticised North Korea after a missile test on Sunday."),
    ("w6", "2019-04-25", "Kim Jong Un met Vladimir Putin in Vladivostok on Thursday."),
]




def test_the_api_answers_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = start_ingest(write_corpus(tmp_path / "first.jsonl", ARTICLES[:2]), db)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    # the server's default wait: an ingest that held the file while parsing would make it answer 503
    client = TestClient(create_app(db, wait=3.0, linger=0.0))
    before = client.get("/api/events").json()["total"]

    writer = start_ingest(write_corpus(tmp_path / "rest.jsonl", ARTICLES), db)
    statuses = []
    while writer.poll() is None:
        statuses.append(client.get("/api/events").status_code)
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert statuses and set(statuses) == {200}, statuses
    assert client.get("/api/events").json()["total"] > before
