"""Answers kept while the store is unchanged: a page many people have open, or a script's loop, costs a lookup.

Every GET answer of the API and the pages is a function of its URL and of
what the store holds (the knowledge base and the templates are loaded once,
when the app is made; no answer reads a request header). So while the store's
file and its write-ahead log are as they were (``access.file_version``), the
same URL gets the same bytes, and a 200 answer is kept and given again
without opening the store. That also holds while an ingest has the file
open but has not committed yet: readers then do not wait for a writer that
has changed nothing they could see.

An answer is kept only when every read that made it saw the version the
request found when it came in; the first request that finds another version
drops everything kept. Static files and the API docs are not kept (they are
not the store's), nor is any answer but a 200, one over ``max_answer`` bytes,
or a request that breaks the size limits (``limits``), which the app refuses
as before. The least recently used answers go once the total passes
``max_bytes``.

Right after a commit, every client asks again for the answers it had: the
same request arriving while its answer is being read waits for that read and
is given its answer, rather than reading it again beside it (on a store of a
million events a busy dyad's timeline is megabytes). A request whose answer
could not be kept (an error, a commit in between) is read afresh.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.web import limits
from detente.web.access import READS, FileVersion, StoreAccess, file_version

MAX_BYTES = 64 * 1024 * 1024
"""All kept answers together: a few hundred timelines of a busy store."""
MAX_ANSWER = 8 * 1024 * 1024
"""The largest answer kept: a timeline of several thousand events."""
NOT_KEPT = ("/static/", "/docs", "/openapi.json")
"""Paths whose answers are not the store's."""


@dataclass(frozen=True)
class Kept:
    """An answer as the app sent it: its start (status and headers) and its body."""

    start: Message
    body: bytes


class AnswerCache:
    """ASGI middleware keeping the app's 200 answers to GET requests while the store's version holds."""

    def __init__(self, app: ASGIApp, access: StoreAccess, max_bytes: int = MAX_BYTES,
                 max_answer: int = MAX_ANSWER) -> None:  # fmt: skip
        self.app = app
        self.access = access
        self.max_bytes = max_bytes
        self.max_answer = min(max_answer, max_bytes)
        self.version: FileVersion = ()
        self._kept: OrderedDict[tuple[str, bytes], Kept] = OrderedDict()
        self._bytes = 0
        self._making: dict[tuple[tuple[str, bytes], FileVersion], asyncio.Event] = {}
        """Answers being read now: the same request meanwhile waits for that answer instead of reading it again."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        version = file_version(self.access.path)
        if version != self.version:
            self._kept.clear()
            self._bytes = 0
            self.version = version
        key = (scope["path"], scope["query_string"])
        making = self._making.get((key, version))
        if making is not None:
            await making.wait()
        kept = self._kept.get(key) if self.version == version else None
        if kept is not None:
            self._kept.move_to_end(key)
            await send(kept.start)
            await send({"type": "http.response.body", "body": kept.body})
            return
        mine = (key, version) not in self._making
        if mine:
            self._making[(key, version)] = asyncio.Event()
        try:
            await self._answer(scope, receive, send, key, version)
        finally:
            if mine:
                self._making.pop((key, version)).set()

    def _applies(self, scope: Scope) -> bool:
        return (self.max_bytes > 0 and scope["type"] == "http" and scope["method"] == "GET"
                and not scope["path"].startswith(NOT_KEPT) and limits.problem(scope) is None)  # fmt: skip

    async def _answer(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes],
                      version: FileVersion) -> None:  # fmt: skip
        """Let the app answer, and keep the answer if it may be given again."""
        reads: list[FileVersion] = []
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        complete = False

        async def watched(message: Message) -> None:
            nonlocal start, size, complete
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                size += len(body)
                if size <= self.max_answer:
                    parts.append(body)
                complete = not message.get("more_body", False)
            await send(message)

        token = READS.set(reads)
        try:
            await self.app(scope, receive, watched)
        finally:
            READS.reset(token)
        if (start is None or start["status"] != 200 or not complete or size > self.max_answer or not reads
                or any(read != version for read in reads) or version != self.version):  # fmt: skip
            return
        self._keep(key, Kept(start, b"".join(parts)))

    def _keep(self, key: tuple[str, bytes], kept: Kept) -> None:
        old = self._kept.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._kept[key] = kept
        self._bytes += len(kept.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._kept.popitem(last=False)
            self._bytes -= len(dropped.body)
