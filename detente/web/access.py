"""Read-only access to the store that lets ``detente ingest`` write between reads.

DuckDB lets one process write a file, or any number of processes read it, but
not both at once: while the server has the file open, an ingest cannot open
it, and while an ingest has it open, the server cannot. So the server holds
the file only while it is reading, plus a short linger:

- Each request reads through a connection of its own (a DuckDB connection is
  not shared between threads): a cursor of a "keeper" connection, which
  opened the file and checked its schema once. The request reads what it
  needs into Python objects and closes its cursor before the answer is
  encoded or rendered.
- The keeper stays open while requests come in and for ``linger`` seconds
  after the last one ends: opening the DuckDB instance of a million-event
  store costs tens of milliseconds, and checking its schema a few more, which
  a burst of requests (a page and its API calls, a script's loop) should pay
  once.
- After ``hold`` seconds of continuous use the keeper lets go anyway: new
  requests wait for those in flight to finish, the file is released for
  ``gap`` seconds, then reopened. A writer that retries its open (see the
  store-side note in docs/performance.md, "Web") gets in there.
- When a writer holds the file, a request retries for ``wait`` seconds and
  then answers 503 with ``Retry-After``.

While the keeper is open no writer can change the file, so the file's version
(:func:`file_version`) taken when the keeper opens is the version every read
under it sees; each read notes it in :data:`READS`, which is how ``answers``
knows which answers it may keep.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import duckdb

from detente.store import Store, StoreError
from detente.web.reads import Reader

RETRY_AFTER_SECONDS = 2
"""What a busy answer tells clients to wait: about one ingest batch."""


FileVersion = tuple[tuple[int, int, int, int] | None, ...]
"""Inode, size, modification and change time (ns) of the store's file and of its write-ahead log (None: absent)."""

READS: ContextVar[list[FileVersion] | None] = ContextVar("detente_reads", default=None)
"""The file versions a request's reads saw, when whoever answers it (``answers``) asks, by setting a list here."""


def file_version(path: Path) -> FileVersion:
    """What changes whenever a writer commits to the store at ``path``.

    DuckDB writes a commit to the write-ahead log (``PATH.wal``) and, at a checkpoint, moves it into the file and
    removes the log: either way the size or the times of one of the two change.
    """
    found: list[tuple[int, int, int, int] | None] = []
    for name in (path, path.with_name(path.name + ".wal")):
        try:
            info = os.stat(name)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(found)


class StoreUnavailable(Exception):
    """The store cannot be read right now; ``message`` says why and what to do."""

    status = 503

    def __init__(self, title: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.title = title
        self.message = message
        self.retry_after = retry_after


class StoreAccess:
    """Where the store is, and when the server holds it open (see the module docstring)."""

    def __init__(self, path: Path, wait: float = 3.0, linger: float = 0.5, hold: float = 5.0, gap: float = 0.25) -> None:
        self.path = path
        self.wait = wait
        self.linger = linger
        self.hold = hold
        self.gap = gap
        self._state = threading.Condition()
        self._keeper: Store | None = None
        self._version: FileVersion = ()
        self._opened = 0.0
        self._users = 0
        self._draining = False
        self._idle: threading.Timer | None = None

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """A reader over a read-only connection of its own, closed when the block ends."""
        connection = self._enter()
        try:
            store = Store(self.path, read_only=True, connection=connection)
            reader = Reader(store)
            try:
                yield reader
            finally:
                reader.close()
                store.close()
        finally:
            self._leave()

    @property
    def holding(self) -> bool:
        """Whether the server has the file open right now."""
        return self._keeper is not None

    def close(self) -> None:
        """Let go of the file (the app's shutdown)."""
        with self._state:
            if self._idle is not None:
                self._idle.cancel()
            self._let_go()

    # -- the keeper -------------------------------------------------------------

    def _enter(self) -> duckdb.DuckDBPyConnection:
        """Count one more user of the keeper (opening it if need be) and give that user a cursor of it."""
        with self._state:
            while self._draining:
                self._state.wait()
            if self._keeper is not None and time.monotonic() - self._opened > self.hold:
                self._draining = True
                try:
                    while self._users:
                        self._state.wait()
                    self._let_go()
                    time.sleep(self.gap)
                finally:
                    self._draining = False
                    self._state.notify_all()
            if self._keeper is None:
                self._keeper = self._connect()
                self._version = file_version(self.path)
                self._opened = time.monotonic()
            connection = self._keeper.cursor()
            reads = READS.get()
            if reads is not None:
                reads.append(self._version)
            self._users += 1
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            return connection

    def _leave(self) -> None:
        with self._state:
            self._users -= 1
            self._state.notify_all()
            if self._users:
                return
            if self.linger <= 0:
                self._let_go()
                return
            # Not a daemon (as a thread started from the server's daemon worker threads would be):
            # a process that ends while the keeper lingers (an app used without its lifespan, a
            # script) waits at most ``linger`` seconds for the keeper to be closed here. A daemon
            # timer could still be closing it when the interpreter shuts down, and DuckDB aborts
            # the process when a thread is stopped inside ``close``.
            self._idle = threading.Timer(self.linger, self._let_go_if_idle)
            self._idle.daemon = False
            self._idle.start()

    def _let_go_if_idle(self) -> None:
        with self._state:
            if not self._users and not self._draining:
                self._let_go()

    def _let_go(self) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    def _connect(self) -> Store:
        """The keeper, retrying while a writer holds the file.

        The keeper is a ``Store`` so that opening it upgrades a store of an older schema (which
        ``Store`` does by reopening the file for writing) before this process has any other
        connection to the file; the requests' own connections then find it current.
        """
        if not self.path.exists():
            raise StoreUnavailable(
                "No store yet",
                f"There is no store at {self.path} yet. Create it with "
                f"'detente ingest PATH... --db {self.path}'; this page will show it as soon as it exists.",
            )
        deadline = time.monotonic() + self.wait
        pause = 0.02
        while True:
            try:
                return Store(self.path, read_only=True)
            except StoreError as err:
                raise StoreUnavailable("The store cannot be read", str(err)) from err
            except duckdb.IOException as err:
                if "lock" not in str(err).lower():
                    raise StoreUnavailable("The store cannot be read", _first_line(err)) from err
                if time.monotonic() + pause > deadline:
                    raise StoreUnavailable(
                        "The store is busy",
                        f"Another process (an ingest) is writing to {self.path}. Try again in a few seconds.",
                        retry_after=RETRY_AFTER_SECONDS,
                    ) from err
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
            except duckdb.Error as err:
                raise StoreUnavailable("The store cannot be read", _first_line(err)) from err


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__
