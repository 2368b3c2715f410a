"""The server reads the store only briefly: a missing store, a writer holding it, and a writer between requests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.web import create_app
from tests.helpers import holding

WRITE = "import sys; from detente.store import Store; Store(sys.argv[1]).close(); print('wrote')"


@pytest.fixture
def writer(copy: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (as an ingest would) holding the store open for writing."""
    with holding(copy) as process:
        yield process


def test_a_missing_store_gives_a_page_saying_how_to_create_it(tmp_path: Path) -> None:
    path = tmp_path / "later.duckdb"
    client = TestClient(create_app(path), raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 503
    assert "No store yet" in page.text and f"detente ingest PATH... --db {path}" in page.text
    api = client.get("/api/events")
    assert api.status_code == 503 and "detente ingest" in api.json()["error"]
    assert not path.exists(), "the server must never create the store"


def test_a_store_created_after_start_is_shown(tmp_path: Path, tiny_db: Path) -> None:
    path = tmp_path / "later.duckdb"
    client = TestClient(create_app(path), raise_server_exceptions=False)
    assert client.get("/api/events").status_code == 503
    shutil.copy(tiny_db, path)
    assert client.get("/api/events").json()["total"] == 6


def test_a_file_that_is_not_a_store_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database", encoding="utf-8")
    answer = TestClient(create_app(path), raise_server_exceptions=False).get("/api/events")
    assert answer.status_code == 503 and answer.json()["error"]


def test_a_busy_store_answers_503_with_retry_after(copy: Path, writer: subprocess.Popen[str]) -> None:
    client = TestClient(create_app(copy, wait=0.3), raise_server_exceptions=False)
    answer = client.get("/api/events")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "2"
    assert "writing" in answer.json()["error"]
    page = client.get("/")
    assert page.status_code == 503 and "busy" in page.text
    writer.communicate("\n", timeout=30)
    assert client.get("/api/events").json()["total"] == 6


def test_the_server_lets_go_of_the_store_when_idle(copy: Path) -> None:
    app = create_app(copy, linger=0.2)
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/api/events").status_code == 200
    assert client.get("/dyad", params={"a": "Trump", "b": "Putin"}).status_code == 200
    access = app.state.detente.access
    assert access.holding, "between requests of a burst the store stays open"
    deadline = time.monotonic() + 5
    while access.holding and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not access.holding
    done = subprocess.run([sys.executable, "-c", WRITE, str(copy)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert client.get("/api/events").json()["total"] == 6


def test_continuous_use_still_lets_go_of_the_store_now_and_then(copy: Path) -> None:
    app = create_app(copy, linger=60)
    access = app.state.detente.access
    access.hold, access.gap = 0.3, 0.05
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/api/events").status_code == 200
    first = access._keeper
    time.sleep(0.4)
    assert client.get("/api/events", params={"limit": 2}).status_code == 200  # not a kept answer: it reads
    assert access._keeper is not first, "after `hold` seconds the file was released and opened again"


def test_without_linger_the_store_is_closed_after_each_request(copy: Path) -> None:
    app = create_app(copy, linger=0)
    assert TestClient(app).get("/api/events").status_code == 200
    assert not app.state.detente.access.holding


ENDING = """
import atexit, sys
from fastapi.testclient import TestClient
from detente.web import create_app
app = create_app(sys.argv[1], linger=0.2)
access = app.state.detente.access
atexit.register(lambda: print("holding" if access.holding else "closed", flush=True))
TestClient(app).get("/api/pairs").raise_for_status()
"""


def test_a_process_ending_while_the_store_lingers_closes_it_first(tiny_db: Path) -> None:
    """The linger timer is started from a request's worker thread, a daemon; were the timer one too, the
    interpreter's shutdown could find DuckDB closing the keeper, and DuckDB aborts the process then.
    Threads that are not daemons end before ``atexit`` handlers run, so the store must be closed by then."""
    ended = subprocess.run([sys.executable, "-c", ENDING, str(tiny_db)], capture_output=True, text=True, timeout=120)
    assert ended.returncode == 0, ended.stderr
    assert ended.stdout.split() == ["closed"]
