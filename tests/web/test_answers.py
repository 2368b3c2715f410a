"""Answers kept while the store is unchanged: given again without a read, dropped when a writer commits."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.web import create_app
from detente.web.access import READS, StoreAccess
from detente.web.answers import AnswerCache
from tests.helpers import holding

TIMELINE = "/api/timeline?a=Trump&b=Putin"
VERSION = ((1, 2, 3, 4), None)
"""The store's version in the tests of the middleware alone."""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time a request reads the store (opens a cursor of the server's connection)."""
    seen: list[str] = []
    enter = StoreAccess._enter

    def counted(self: StoreAccess) -> duckdb.DuckDBPyConnection:
        seen.append("read")
        return enter(self)

    monkeypatch.setattr(StoreAccess, "_enter", counted)
    return seen


@pytest.fixture
def client(copy: Path) -> Iterator[TestClient]:
    with TestClient(create_app(copy, linger=0), raise_server_exceptions=False) as client:
        yield client


def test_the_same_request_again_gets_the_same_answer_without_a_read(client: TestClient, reads: list[str]) -> None:
    for url in (TIMELINE, "/dyad?a=Trump&b=Putin", "/api/events?q=met", "/"):
        first = client.get(url)
        again = client.get(url)
        assert first.status_code == again.status_code == 200
        assert again.content == first.content and again.headers == first.headers
    assert len(reads) == 4, "each URL read the store once"
    client.get(TIMELINE + "&type=CONSULT")
    assert len(reads) == 5, "another query string is another answer"


def test_a_commit_to_the_store_drops_the_kept_answers(client: TestClient, copy: Path, reads: list[str]) -> None:
    assert client.get("/api/events").json()["total"] == 6
    with duckdb.connect(str(copy)) as writer:
        writer.execute("DELETE FROM events WHERE id = 'ev-accuse'")
    assert client.get("/api/events").json()["total"] == 5
    assert len(reads) == 2


def test_kept_answers_are_given_while_a_writer_holds_the_store(client: TestClient, copy: Path) -> None:
    kept = client.get(TIMELINE)
    with holding(copy):
        client.app.state.detente.access.wait = 0.2  # type: ignore[attr-defined]
        during = client.get(TIMELINE)
        assert during.status_code == 200 and during.content == kept.content
        assert client.get("/api/events").status_code == 503, "an answer not kept still needs the file"


def test_only_whole_ok_answers_to_plain_requests_are_kept(client: TestClient, reads: list[str]) -> None:
    for _ in range(2):
        assert client.get("/api/events/no-such-event").status_code == 404
    assert len(reads) == 2, "an error is answered afresh"
    assert client.get(TIMELINE).status_code == 200
    assert client.get(TIMELINE, headers={"x-padding": "x" * 40_000}).status_code == 431, (
        "a request past the size limits is refused, even for an answer kept"
    )
    assert len(reads) == 3
    for _ in range(2):
        assert client.get("/static/style.css").status_code == 200
    assert len(reads) == 3


def test_without_memory_for_answers_every_request_reads(copy: Path, reads: list[str]) -> None:
    with TestClient(create_app(copy, linger=0, cache_bytes=0)) as client:
        for _ in range(3):
            assert client.get(TIMELINE).status_code == 200
    assert len(reads) == 3


def _app(calls: list[str], bodies: dict[str, bytes], failing: frozenset[str] = frozenset(), pause: float = 0.0) -> ASGIApp:
    """An app answering each path with the body given (500 for ``failing`` ones) after ``pause`` seconds, noting a
    read of the store as ``access`` does."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await asyncio.sleep(pause)
        found = READS.get()
        if found is not None:
            found.append(VERSION)
        await send({"type": "http.response.start", "status": 500 if scope["path"] in failing else 200, "headers": []})
        await send({"type": "http.response.body", "body": bodies[scope["path"]]})

    return app


async def _asked(cache: AnswerCache, path: str) -> bytes:
    """The body the middleware sends for a GET of ``path``."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
    await cache(scope, receive, send)
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_the_least_recently_used_answers_go_when_memory_runs_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.web.answers.file_version", lambda path: VERSION)
    calls: list[str] = []
    bodies = {"/a": b"x" * 40, "/b": b"x" * 40, "/c": b"x" * 40, "/big": b"x" * 120}
    cache = AnswerCache(_app(calls, bodies), SimpleNamespace(path=tmp_path / "store.duckdb"), max_bytes=100)  # type: ignore[arg-type]
    for path in ("/a", "/b", "/a", "/c", "/a", "/b", "/big", "/big"):
        assert asyncio.run(_asked(cache, path)) == bodies[path]
    assert calls == ["/a", "/b", "/c", "/b", "/big", "/big"], "/b went first, being the least recently used"


def test_requests_for_an_answer_being_read_wait_for_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.web.answers.file_version", lambda path: VERSION)
    calls: list[str] = []
    app = _app(calls, {"/a": b"/a", "/broken": b"/broken"}, failing=frozenset({"/broken"}), pause=0.05)
    cache = AnswerCache(app, SimpleNamespace(path=tmp_path / "store.duckdb"))  # type: ignore[arg-type]

    async def together() -> list[bytes]:
        return await asyncio.gather(*(_asked(cache, path) for path in ["/a"] * 5 + ["/broken"] * 3))

    assert asyncio.run(together()) == [b"/a"] * 5 + [b"/broken"] * 3
    assert calls.count("/a") == 1, "four requests were given the answer the first one read"
    assert calls.count("/broken") == 3, "an answer that is not kept is read again for each request"
