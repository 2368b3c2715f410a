"""The DuckDB store: articles in, one merged record per event out.

Events and their mentions live in separate tables (as in GDELT 2.0), so every
coded fact keeps pointing at the sentences that report it, and an event told
by five outlets is one row with five mentions. Event ids are computed upstream
from what identifies an event, so the store merges by id and never guesses.

A plan and the meeting held stay two events (a cancelled meeting never
becomes a held one) but are linked, both ways, in ``event_links``: the rule
is ``detente.merge.plan_links``, applied again to every act-and-parties group
an ingest touches, so links, like ids, do not depend on the ingest order.
Events and mentions are kept in dyad order (``Store.sort``) so that a
timeline reads the part of the store holding its dyads.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from detente.model import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    Speaker,
    TimeValue,
    from_dict,
    to_dict,
)
from detente.ontology import VERBAL_TYPES

if TYPE_CHECKING:
    import pandas as pd

# detente.merge (and through it spaCy) and pandas are imported where they are used, not here: commands
# that only read the store, and a re-ingest that finds every article stored, then start in a fraction
# of the time.

FITTING_EXCLUDED = VERBAL_TYPES
"""Statements recur (two calls for a ceasefire in one month are two events): they merge by id only."""
DEFAULT_PATH = "./detente.duckdb"
BATCH_SIZE = 200
"""Articles per transaction in ``add_many``: DuckDB writes rows quickly only in bulk."""
SCHEMA_VERSION = 3
"""1: first release; 2: event members (order-independent ids), syndication groups, timeline indexes;
3: links from plans to the events held, and events and mentions kept in dyad order."""
MAX_CONFIDENCE = 0.99
"""Corroboration raises confidence, but no number of reports makes a coded event certain."""

MAX_DYAD_PARAMS = 500
"""Up to this many dyads a query lists them as parameters; beyond, it joins a list."""
MAX_DYAD_RANGES = 100
"""Up to this many dyads a query filters them inside the scan (see ``_dyad_clause``); beyond, by a join."""

SORT_SHARE = 0.1
"""A table is rewritten in dyad order once this share of its rows arrived after it was last sorted.

Why: DuckDB decompresses a string column whole, vector by vector, even where
a filter keeps a few rows of each vector, so a dyad whose events are spread
over the table costs a decode of every id, record and sentence in it;
sorted by dyad, the row groups holding other dyads are skipped on their
min/max statistics. Rows added since the last sort sit unsorted at the end
and are read whole, so their share is kept under this bound. Sorting again
only when that share is reached rewrites about 1 / SORT_SHARE (ten) times
the rows ever stored, over the life of a store."""
SORT_MIN_ROWS = 100_000
"""Tables smaller than this are never rewritten: read whole, they take a few milliseconds."""
_SORT_ORDER = {
    "events": 'dyad NULLS LAST, date_value NULLS LAST, id',
    "mentions": 'dyad NULLS LAST, event_id, doc_id, "start", "end"',
}
"""The tables a timeline reads by dyad, and the order they are rewritten in."""
LINKED_STATUSES = ("planned", "cancelled", "occurred")
"""The statuses of events that links join: a plan (or a cancelled one) and the event held."""

T = TypeVar("T")

_GRANULARITY_RANK = {"year": 1, "month": 2, "day": 3}
_BASIS_RANK = {"publication": 0, "knowledge": 1, "narrative": 2, "text": 3}

_SCHEMA = [
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, url VARCHAR, outlet VARCHAR,
        published VARCHAR, published_basis VARCHAR, published_reason VARCHAR, title VARCHAR, language VARCHAR,
        n_chars INTEGER,
        ingested_at TIMESTAMP DEFAULT current_timestamp, meta JSON)""",
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, cameo VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, status VARCHAR, date_value VARCHAR, date_granularity VARCHAR,
        date_basis VARCHAR, date_reason VARCHAR, location JSON, confidence DOUBLE,
        n_articles INTEGER, first_published VARCHAR, dyad VARCHAR, record JSON)""",
    """CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, actor_id VARCHAR, name VARCHAR,
        country VARCHAR, sector VARCHAR)""",
    """CREATE TABLE event_articles (
        event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, confidence DOUBLE, published VARCHAR,
        PRIMARY KEY (event_id, doc_id))""",
    """CREATE TABLE mentions (
        event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL, sentence VARCHAR, url VARCHAR, outlet VARCHAR, published VARCHAR,
        trigger JSON, PRIMARY KEY (event_id, doc_id, "start", "end"))""",
    """CREATE TABLE quotes (
        doc_id VARCHAR NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
        speaker_id VARCHAR, speaker_name VARCHAR, addressee_id VARCHAR, addressee_name VARCHAR,
        reported_by VARCHAR, record JSON, PRIMARY KEY (doc_id, "start", "end"))""",
    """CREATE TABLE event_quotes (
        event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL, PRIMARY KEY (event_id, doc_id, "start", "end"))""",
]

_ERRORS_TABLE = """CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR, record INTEGER, article_id VARCHAR, message VARCHAR NOT NULL, "time" TIMESTAMP NOT NULL)"""
"""Records an ingest skipped, and why. Added beside the schema (any store opened for writing gets it) rather
than by a version step: it is a log no query depends on, and stores without it still read the same."""
_ERROR_COLUMNS = ("source", "record", "article_id", "message", "time")

_RECORD_SHAPE = json.dumps({
    "type": "VARCHAR", "mode": "VARCHAR", "cameo": "VARCHAR", "quad_class": "BIGINT", "goldstein": "DOUBLE",
    "status": "VARCHAR", "source": "JSON", "target": "JSON",
    "date": {"value": "VARCHAR", "granularity": "VARCHAR", "basis": "VARCHAR", "reason": "VARCHAR"},
    "location": "JSON", "confidence": "DOUBLE", "status_reason": "VARCHAR", "contexts": "JSON",
})  # fmt: skip
"""The fields of an event's stored record that reads rebuild it from, typed for DuckDB's ``json_transform``."""
_EVENT_FIELDS = (
    "id, n_sources, type, mode, cameo, quad_class, goldstein, status, source, target, date_value, date_granularity,"
    " date_basis, date_reason, location, confidence, status_reason, contexts"
)
"""The events columns reads rebuild an Event from, so that no record is parsed: scalars as they are, the
parts that repeat from event to event (actor lists, places, contexts) as JSON text."""

_UNIT = (
    "CASE WHEN status = 'occurred' AND date_value IS NOT NULL AND NOT list_contains(CAST(? AS VARCHAR[]), type)"
    " THEN concat_ws('|', type, status, dyad, left(date_value, 4)) END"
)
_MIGRATIONS: dict[int, list[str]] = {
    2: [
        # Syndicated copies: each article's near-duplicate group and its MinHash signature;
        # article_bands is the LSH index (one row per article and band) that finds candidates.
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS syndication VARCHAR",
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS minhash BIGINT[]",
        "UPDATE articles SET syndication = id WHERE syndication IS NULL",
        "CREATE TABLE IF NOT EXISTS article_bands (bucket BIGINT NOT NULL, doc_id VARCHAR NOT NULL)",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS n_sources INTEGER",
        "UPDATE events SET n_sources = n_articles WHERE n_sources IS NULL",
        # Every event id the pipeline gave (a member) and the event it belongs to;
        # stores of version 1 keep their events as they were merged, one member each.
        """CREATE TABLE IF NOT EXISTS event_members (
            raw_id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, unit VARCHAR, record JSON)""",
        f"INSERT OR IGNORE INTO event_members SELECT id, id, {_UNIT}, record FROM events",
        """CREATE TABLE IF NOT EXISTS member_articles (
            raw_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, confidence DOUBLE, published VARCHAR,
            PRIMARY KEY (raw_id, doc_id))""",
        "INSERT OR IGNORE INTO member_articles SELECT event_id, doc_id, confidence, published FROM event_articles",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS raw_id VARCHAR",
        "UPDATE mentions SET raw_id = event_id WHERE raw_id IS NULL",
        "ALTER TABLE event_quotes ADD COLUMN IF NOT EXISTS raw_id VARCHAR",
        "UPDATE event_quotes SET raw_id = event_id WHERE raw_id IS NULL",
        "CREATE INDEX IF NOT EXISTS event_members_unit ON event_members (unit)",
        # Timelines: which actors each dyad key holds (a small table), and the dyad on every
        # mention, so a query filters events and mentions by dyad in one scan each, with no join.
        "CREATE TABLE IF NOT EXISTS dyad_actors (dyad VARCHAR NOT NULL, actor_id VARCHAR, country VARCHAR)",
        """INSERT INTO dyad_actors SELECT DISTINCT e.dyad, a.actor_id, a.country
            FROM events e JOIN event_actors a ON a.event_id = e.id EXCEPT SELECT * FROM dyad_actors""",
        "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS dyad VARCHAR",
        "UPDATE mentions SET dyad = e.dyad FROM events e WHERE e.id = mentions.event_id AND mentions.dyad IS NULL",
    ],
    3: [
        # Every field reads need as a column of its own, filled from the records, so that a timeline reads
        # typed columns instead of parsing JSON (the record stays the whole event, as other readers use it).
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS source JSON",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS target JSON",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS status_reason VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS contexts JSON",
        """UPDATE events SET type = r.type, mode = r.mode, cameo = r.cameo, quad_class = r.quad_class,
            goldstein = r.goldstein, status = r.status, source = r.source, target = r.target,
            date_value = r.date.value, date_granularity = r.date.granularity, date_basis = r.date.basis,
            date_reason = r.date.reason, location = r.location, confidence = r.confidence,
            status_reason = r.status_reason, contexts = r.contexts
            FROM (SELECT id AS record_id, json_transform(record, '"""
        + _RECORD_SHAPE
        + """') AS r FROM events) WHERE record_id = events.id""",
        # A plan (or cancelled plan) and the event held as it, both ways; ``unit`` (type|dyad) is the
        # group the links are recomputed for, and ``linked_date`` the linked event's date, shown beside it.
        """CREATE TABLE IF NOT EXISTS event_links (
            event_id VARCHAR NOT NULL, linked_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, linked_date VARCHAR,
            unit VARCHAR NOT NULL, PRIMARY KEY (event_id, linked_id, kind))""",
        # How many rows each table sorted by dyad held after its last sort (none yet: sorted on first write).
        "CREATE TABLE IF NOT EXISTS sorted_tables (name VARCHAR PRIMARY KEY, sorted_rows BIGINT NOT NULL)",
    ],
}
"""Statements that bring a store of the version before the key up to it (all idempotent)."""


class StoreError(RuntimeError):
    """The file cannot be opened as a detente store this version can read; the message names it and says why."""


class StoreBusy(StoreError):
    """Another process held the file for longer than the caller would wait."""


@dataclass(frozen=True)
class ActorQuery:
    """Who the user asked about, resolved to what the stored actors can be matched on.

    ``countries`` lets "Russia" mean the state and everyone acting for it;
    ``names`` are only for searching free text (quotes), never for matching actors.
    """

    ids: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    label: str = ""

    def matches(self, actor: Actor) -> bool:
        """True when the actor is one of ``ids`` or belongs to one of ``countries``."""
        return actor.id in self.ids or (actor.country is not None and actor.country in self.countries)

    def named_in(self, text: str | None) -> bool:
        """True when any of ``names`` occurs in ``text`` (case-insensitive)."""
        if not text:
            return False
        lowered = text.lower()
        return any(name.lower() in lowered for name in self.names if name)


@dataclass
class AddSummary:
    """What an ingest did, for the one-line summary the CLI prints."""

    added: int = 0
    duplicates: int = 0
    events_new: int = 0
    events_merged: int = 0


@dataclass(frozen=True)
class IngestError:
    """One record an ingest skipped: where it came from, which article (when known) and why."""

    source: str | None
    """The file (``<stdin>`` for standard input) or, failing that, the article's origin."""
    record: int | None
    """The line of a JSONL file (1-based); None for a whole file."""
    article_id: str | None
    message: str
    time: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
    """When it was skipped, in UTC."""


@dataclass
class _Merge:
    """What one article did to the events table."""

    new: int = 0
    merged: int = 0


@dataclass
class _Batch:
    """Rows staged from a batch of articles, then written table by table in bulk.

    Why: DuckDB inserts a DataFrame of thousands of rows in the time a handful
    of single-row INSERTs take, so merging happens here in Python and each
    table gets one statement per batch. Events are staged per member (the id
    the pipeline gave); which event each member belongs to is settled once
    the whole batch is staged.
    """

    articles: list[tuple[Any, ...]] = field(default_factory=list)
    bands: list[tuple[int, str]] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    """Article id -> syndication group, for the batch's articles and the stored ones its events touch."""
    quotes: dict[tuple[str, int, int], tuple[Any, ...]] = field(default_factory=dict)
    mentions: dict[tuple[str, str, int, int], tuple[Any, ...]] = field(default_factory=dict)
    """(member id, doc, start, end) -> mention row without its event id."""
    event_quotes: set[tuple[str, str, int, int]] = field(default_factory=set)
    members: dict[str, Event] = field(default_factory=dict)
    """Member id -> its record merged over every article reporting it (stored and staged)."""
    stored: dict[str, str] = field(default_factory=dict)
    """Member id -> the event it belonged to before this batch (members loaded from the store)."""
    touched: set[str] = field(default_factory=set)
    """Members the batch's articles report."""
    first_seen: dict[str, int] = field(default_factory=dict)
    views: dict[str, dict[str, tuple[float, str | None]]] = field(default_factory=dict)
    """Member id -> article id -> (best confidence, published): what corroboration is computed from."""
    staged_views: set[tuple[str, str]] = field(default_factory=set)


def content_hash(text: str) -> str:
    """The identity of an article: the same text under another id is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, trying for up to ``wait`` seconds while another process holds the file."""
    if "\x00" in path:  # DuckDB would cut the path at the NUL and open another file
        raise StoreError(f"{path!r}: a path cannot hold a NUL byte")
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise StoreError(f"cannot open the store {path}: {_reason(err)}") from err
            if time.monotonic() >= deadline:
                if wait:
                    raise StoreBusy(f"{path} is in use by another process (waited {wait:.0f} s): "
                                    f"{str(err).splitlines()[0]}") from err  # fmt: skip
                raise
            time.sleep(0.05)
        except duckdb.Error as err:  # a JSON file opened read-only: "Cannot launch in-memory database"
            raise StoreError(f"cannot open the store {path}: {_reason(err)}") from err
    if path != ":memory:" and connection.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0] is None:  # DuckDB opens an existing JSON file as an empty in-memory database
        connection.close()
        raise StoreError(f"{path} is not a DuckDB file: a store opened there would keep nothing")
    # DuckDB draws a progress bar on the terminal for statements over 2 s (an upgrade, a sort):
    # the caller's output is not the store's to change.
    connection.execute("SET enable_progress_bar = false")
    return connection


def _reason(err: duckdb.Error) -> str:
    """DuckDB's first line without its class prefix ("IO Error: "), for a one-line message."""
    line = str(err).splitlines()[0] if str(err) else type(err).__name__
    return re.sub(r"^[A-Za-z ]+ Error: ", "", line)


class Store:
    """A DuckDB file holding articles, merged events, their mentions and quotes."""

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        read_only: bool = False,
        wait: float = 0.0,
        share: bool = False,
        connection: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        """Open (or create) the store at ``path``.

        DuckDB lets one process write a file or several read it, never both. ``wait``
        is how many seconds to keep trying while another process holds the file (0:
        fail at once with DuckDB's error); ``share`` lets go of the file after every
        committed batch, so that readers such as ``detente serve`` get in between, and
        takes it again (waiting as ``wait`` says) when next needed.

        ``connection``: a connection already open on this store, whose schema was
        checked when it was opened (a :meth:`cursor` of another ``Store``), used as
        it is. A server gives each request one, instead of a new open that checks
        the schema again: that check costs a request more than most of its reads.
        """
        self.path = str(path)
        self.read_only, self.wait, self.share = read_only, wait, share
        self._connection = connection
        if connection is not None:
            return
        try:
            self._prepare_schema(read_only)
        except BaseException:
            self.release()
            raise
        if share:
            self.release()

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened on first use (again after :meth:`release`)."""
        if self._connection is None:
            self._connection = _connect(self.path, self.read_only, self.wait)
        return self._connection

    @_con.setter
    def _con(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Another connection to the same open database, for use in another thread (DuckDB's ``cursor``)."""
        return self._con.cursor()

    def release(self) -> None:
        """Let go of the file until the store is next used."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB allows one writer per file, so close promptly)."""
        self.release()

    # -- schema ---------------------------------------------------------------

    def _prepare_schema(self, read_only: bool) -> None:
        """Create the tables on first open, upgrade an older store in place, refuse a newer one."""
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            if read_only:
                raise StoreError(f"{self.path} is not a detente store (no schema); ingest into it first")
            self._con.begin()
            for statement in _SCHEMA:
                self._con.execute(statement)
            self._con.execute("INSERT INTO schema_version VALUES (1)")
            self._con.commit()
        version = self._con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            if not read_only:
                self._con.execute(_ERRORS_TABLE)
            return
        if version is None or version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this detente reads version {SCHEMA_VERSION}"
            )
        if read_only:
            self.release()
            try:
                Store(self.path, wait=self.wait).close()  # upgrade once, for writing
            except duckdb.IOException as err:
                raise StoreError(f"{self.path} has schema version {version} and cannot be upgraded: {err}") from err
            return  # the next use opens the upgraded file read-only
        self._con.begin()
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[step]:
                params = [sorted(FITTING_EXCLUDED)] if "?" in statement else []
                self._con.execute(statement, params)
        if version < 3:
            self._relink(self._plan_units())
        self._con.execute("UPDATE schema_version SET version = ?", [SCHEMA_VERSION])
        self._con.execute(_ERRORS_TABLE)
        self._con.commit()
        self.sort()

    # -- writes ---------------------------------------------------------------

    def add(self, result: ArticleResult) -> bool:
        """Store one analysed article and merge its events, in one transaction.

        Returns False (and changes nothing) when the article is already stored,
        under the same id or with the same text.
        """
        return self._add_batch([result])[0] is not None

    def add_many(
        self,
        results: Iterable[ArticleResult],
        errors: list[IngestError] | None = None,
        batch_size: int | None = None,
    ) -> AddSummary:
        """Add many articles, ``BATCH_SIZE`` per transaction, and count what happened.

        An error rolls back only the batch in progress; earlier batches stay stored.
        Each batch is one transaction (its articles, events, mentions and quotes
        commit together or not at all), so a run killed at any moment and run
        again stores every article exactly once. ``errors``, a list the caller
        keeps appending to while ``results`` is consumed, is drained into the
        ``errors`` table by the same transactions (and a last one at the end).
        """
        summary = AddSummary()
        for batch in _chunks(results, batch_size or BATCH_SIZE):
            for merge in self._add_batch(batch, errors):
                if merge is None:
                    summary.duplicates += 1
                    continue
                summary.added += 1
                summary.events_new += merge.new
                summary.events_merged += merge.merged
        if errors:
            self._add_batch([], errors)
        return summary

    def _add_batch(self, results: list[ArticleResult], errors: list[IngestError] | None = None) -> list[_Merge | None]:
        """Stage and write a batch (and the errors pending) in ONE transaction; None marks an article already stored."""
        pending = len(errors or ())
        self._con.begin()
        try:
            outcomes = self._stage(results, _Batch()) if results else []
            if pending:
                self._write_errors(errors[:pending])  # type: ignore[index]
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise
        if pending:
            del errors[:pending]  # type: ignore[index]
        if results:
            self.sort()
        if self.share:
            self.release()
        return outcomes

    def sort(self, force: bool = False) -> list[str]:
        """Rewrite events and mentions in dyad order where ``SORT_SHARE`` of their rows came after the last sort.

        Ingest calls this after every batch and an upgrade after the schema
        steps, so a store stays sorted without anyone asking; ``force``
        rewrites both tables whatever their size. Each table is copied in order
        into a new table declared as the old one was (its primary key
        included), which then takes the old one's place, in one transaction.
        Returns the tables rewritten.

        Why the whole table and not only the rows added since: DuckDB offers no
        merge of a sorted table with sorted new rows (any order is a rewrite of
        every row, whose decoding, compression and writing is most of the
        cost), and the new rows cannot be told apart to sort them as a run of
        their own: row ids change when a checkpoint compacts row groups with
        deleted rows (DuckDB 2.0 documentation, VACUUM), and ingest deletes and
        rewrites the events a batch changes; a column marking them would be a
        new schema version.
        """
        rewritten = []
        for table, order in _SORT_ORDER.items():
            rows = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            found = self._con.execute("SELECT sorted_rows FROM sorted_tables WHERE name = ?", [table]).fetchone()
            unsorted = rows - (found[0] if found else 0)
            if not force and (rows < SORT_MIN_ROWS or unsorted < SORT_SHARE * rows):
                continue
            ddl = self._con.execute(
                "SELECT sql FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'"
                " AND database_name = current_database()",
                [table],
            ).fetchone()[0]
            self._con.begin()
            try:
                self._con.execute(re.sub(rf'^CREATE TABLE "?{table}"?', f"CREATE TABLE {table}_sorted", ddl))
                self._con.execute(f"INSERT INTO {table}_sorted SELECT * FROM {table} ORDER BY {order}")
                self._con.execute(f"DROP TABLE {table}")
                self._con.execute(f"ALTER TABLE {table}_sorted RENAME TO {table}")
                self._con.execute("INSERT OR REPLACE INTO sorted_tables VALUES (?, ?)", [table, rows])
                self._con.commit()
            except BaseException:
                self._con.rollback()
                raise
            rewritten.append(table)
        return rewritten

    def known(self, articles: Sequence[Article]) -> list[bool]:
        """For each article, whether the store already holds it, under its id or with its text.

        One query for the whole sequence: an ingest checks its input in batches
        with this and parses only the articles that are new.
        """
        if not articles:
            return []
        digests = [content_hash(a.text) for a in articles]
        ids, hashes = self._known_articles([a.id for a in articles], digests)
        if self.share:
            self.release()  # the batch is parsed next, with the file free for readers
        return [a.id in ids or d in hashes for a, d in zip(articles, digests, strict=True)]

    def add_errors(self, errors: Iterable[IngestError]) -> int:
        """Record skipped records in one transaction; returns how many were given.

        The same record skipped for the same reason again (a re-run) is kept
        once, with the time it was last seen.
        """
        rows = list(errors)
        if rows:
            self._con.begin()
            try:
                self._write_errors(rows)
                self._con.commit()
            except BaseException:
                self._con.rollback()
                raise
        return len(rows)

    def errors(self) -> list[dict[str, Any]]:
        """Every recorded skip, oldest first: ``{"source", "record", "article_id", "message", "time"}``.

        ``time`` is ISO 8601 in UTC to the second. A store no ingest has written
        to since errors were first recorded has none.
        """
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'errors'"
        ).fetchone()[0]
        if not exists:
            return []
        rows = self._con.execute(
            'SELECT source, record, article_id, message, "time" FROM errors'
            ' ORDER BY "time", source NULLS FIRST, record NULLS FIRST, article_id, message'
        ).fetchall()
        return [
            {"source": source, "record": record, "article_id": article_id, "message": message,
             "time": time.replace(microsecond=0).isoformat() + "Z"}
            for source, record, article_id, message, time in rows
        ]  # fmt: skip

    def _write_errors(self, errors: list[IngestError]) -> None:
        """Replace earlier rows of the same (source, record, article, message), then insert: inside the caller's transaction."""
        latest: dict[tuple[Any, ...], IngestError] = {}
        for e in errors:
            latest[(e.source, e.record, e.article_id, e.message)] = e
        rows = [(e.source, e.record, e.article_id, e.message, e.time) for e in latest.values()]
        import pandas as pd

        frame = pd.DataFrame(rows, columns=list(_ERROR_COLUMNS), dtype=object)
        frame["record"] = frame["record"].astype("Int64")
        frame["time"] = pd.to_datetime(frame["time"])
        self._con.register("_errors", frame)
        self._con.execute(
            "DELETE FROM errors e USING _errors s WHERE e.source IS NOT DISTINCT FROM s.source"
            " AND e.record IS NOT DISTINCT FROM s.record AND e.article_id IS NOT DISTINCT FROM s.article_id"
            " AND e.message = s.message"
        )
        names = ", ".join(f'"{c}"' for c in _ERROR_COLUMNS)
        self._con.execute(f"INSERT INTO errors ({names}) SELECT {names} FROM _errors")
        self._con.unregister("_errors")

    def _stage(self, results: list[ArticleResult], batch: _Batch) -> list[_Merge | None]:
        """Skip stored articles (and repeats inside the batch), then stage the rest member by member."""
        digests = [content_hash(r.article.text) for r in results]
        known_ids, known_hashes = self._known_articles([r.article.id for r in results], digests)
        fresh: list[int] = []
        for n, (result, digest) in enumerate(zip(results, digests, strict=True)):
            if result.article.id not in known_ids and digest not in known_hashes:
                known_ids.add(result.article.id)
                known_hashes.add(digest)
                fresh.append(n)
        signatures = self._assign_syndication([results[n].article for n in fresh], batch)
        raw_ids = sorted({e.id for n in fresh for e in results[n].events})
        self._load_members(raw_ids, "raw_id", batch)
        for n in fresh:
            _stage_article(results[n], digests[n], signatures[results[n].article.id], batch, n)
        canonical = self._settle_ids(batch)
        outcomes: list[_Merge | None] = [None] * len(results)
        clusters: dict[str, list[str]] = defaultdict(list)
        for raw, event_id in canonical.items():
            clusters[event_id].append(raw)
        for n in fresh:
            merge = outcomes[n] = _Merge()
            for raw in dict.fromkeys(e.id for e in results[n].events):
                known = any(m in batch.stored or batch.first_seen[m] < n for m in clusters[canonical[raw]])
                merge.merged += int(known)
                merge.new += int(not known)
        self._flush(batch, canonical)
        return outcomes

    def _assign_syndication(self, articles: list[Article], batch: _Batch) -> dict[str, list[int]]:
        """Put each article in the syndication group of its nearest stored or earlier copy, or a group of its own.

        Candidates come from the MinHash band index (article_bands): one join
        of the batch's 20 bucket keys per article against the index, so the
        cost grows with the copies found, not with the articles stored.
        """
        from detente.merge import SYNDICATION_THRESHOLD, band_keys, estimated_jaccard, minhash

        signatures = {a.id: minhash(a.text) for a in articles}
        keys = {a.id: band_keys(signatures[a.id]) for a in articles}
        wanted = sorted({k for ks in keys.values() for k in ks})
        bands = self._con.execute(
            "SELECT bucket, doc_id FROM article_bands WHERE bucket IN (SELECT unnest(CAST(? AS BIGINT[])))",
            [wanted],
        ).fetchall()
        index: dict[int, set[str]] = defaultdict(set)
        for bucket, doc_id in bands:
            index[bucket].add(doc_id)
        copies = sorted({doc_id for _, doc_id in bands})
        rows = self._con.execute(  # each stored copy's signature once, not once for every band it shares
            "SELECT id, coalesce(syndication, id), minhash FROM articles WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [copies],
        ).fetchall()
        known: dict[str, tuple[str, list[int]]] = {doc_id: (group, signature or []) for doc_id, group, signature in rows}
        for article in articles:
            candidates = {doc for k in keys[article.id] for doc in index[k] if doc in known}
            scored = [(estimated_jaccard(signatures[article.id], known[d][1]), known[d][0]) for d in candidates]
            near = [(-score, group) for score, group in scored if score >= SYNDICATION_THRESHOLD]
            batch.groups[article.id] = min(near)[1] if near else article.id
            known[article.id] = (batch.groups[article.id], signatures[article.id])
            for k in keys[article.id]:
                index[k].add(article.id)
                batch.bands.append((k, article.id))
        return signatures

    def _load_members(self, values: list[str], column: str, batch: _Batch) -> None:
        """Stored members (by raw id or by unit) not yet in the batch: their record and current event."""
        rows = self._con.execute(
            f"SELECT raw_id, event_id, record FROM event_members WHERE {column} IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [values],
        ).fetchall()
        for raw, event_id, record in rows:
            if raw not in batch.members:
                batch.members[raw] = from_dict(Event, json.loads(record))
                batch.stored[raw] = event_id

    def _settle_ids(self, batch: _Batch) -> dict[str, str]:
        """Member id -> event id for every member the batch touches and the members it may regroup.

        Occurred non-statement events of one act, status, dyad and year (a
        unit) are grouped by ``fitting_clusters`` over ALL the unit's members,
        stored or staged, so the grouping and the ids are those any other
        ingest order would give; other members are their own event.
        """
        from detente.merge import Report, fitting_clusters

        units = sorted({u for raw in batch.touched if (u := _unit(batch.members[raw]))})
        self._load_members(units, "unit", batch)
        unit_of = {raw: _unit(member) for raw, member in batch.members.items()}
        in_units = sorted(raw for raw, unit in unit_of.items() if unit in units)
        self._stored_views(in_units, batch)
        by_unit: dict[str, list[Report]] = defaultdict(list)
        canonical = {raw: raw for raw, unit in unit_of.items() if unit not in units}
        for raw in in_units:
            member = batch.members[raw]
            articles = frozenset(batch.views.get(raw, {}))
            published_only = member.date.basis == "publication"
            by_unit[unit_of[raw]].append(
                Report(raw, member.date.value or "", member.location, member.mode, articles, published_only)
            )
        for members in by_unit.values():
            canonical.update(fitting_clusters(members))
        return canonical

    def _known_articles(self, ids: list[str], digests: list[str]) -> tuple[set[str], set[str]]:
        rows = self._con.execute(
            "SELECT id, content_hash FROM articles"
            " WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
            " OR content_hash IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [ids, digests],
        ).fetchall()
        return {row[0] for row in rows}, {row[1] for row in rows}

    def _stored_views(self, raw_ids: list[str], batch: _Batch) -> None:
        """Add the stored per-article confidences of members, and the syndication groups of their articles."""
        rows = self._con.execute(
            "SELECT m.raw_id, m.doc_id, m.confidence, m.published, coalesce(a.syndication, m.doc_id)"
            " FROM member_articles m LEFT JOIN articles a ON a.id = m.doc_id"
            " WHERE m.raw_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [raw_ids],
        ).fetchall()
        for raw, doc_id, confidence, published, group in rows:
            batch.views.setdefault(raw, {}).setdefault(doc_id, (confidence, published))
            batch.groups.setdefault(doc_id, group)

    def _flush(self, batch: _Batch, canonical: dict[str, str]) -> None:
        """Write every staged row, move regrouped members' evidence, and rewrite every event they change."""
        moved = {raw: event_id for raw, event_id in canonical.items() if batch.stored.get(raw, event_id) != event_id}
        affected = {canonical[raw] for raw in batch.touched} | set(moved.values())
        affected |= {batch.stored[raw] for raw in moved}
        removed = sorted(e for e in affected if canonical.get(e) != e)
        events = sorted(e for e in affected if canonical.get(e) == e)
        members = sorted(raw for raw in canonical if canonical[raw] in affected)
        self._stored_views(members, batch)

        self._bulk("INSERT", "articles", _ARTICLE_COLUMNS, batch.articles)
        self._bulk("INSERT", "article_bands", ("bucket", "doc_id"), batch.bands)
        self._bulk("INSERT OR IGNORE", "quotes", _QUOTE_COLUMNS, list(batch.quotes.values()))
        rows = [(raw, canonical[raw], _unit(batch.members[raw]), _event_json(batch.members[raw]))
                for raw in sorted(batch.touched | moved.keys())]  # fmt: skip
        self._bulk("INSERT OR REPLACE", "event_members", ("raw_id", "event_id", "unit", "record"), rows)
        views = [(raw, doc, *batch.views[raw][doc]) for raw, doc in sorted(batch.staged_views)]
        self._bulk("INSERT OR REPLACE", "member_articles", ("raw_id", "doc_id", "confidence", "published"), views)
        if moved:
            self._move_evidence(moved)
        mention_rows = [(canonical[row[0]], *row, _dyad(batch.members[row[0]])) for row in batch.mentions.values()]
        self._bulk("INSERT OR IGNORE", "mentions", _MENTION_COLUMNS, mention_rows)
        quote_links = [(canonical[raw], raw, doc, start, end) for raw, doc, start, end in sorted(batch.event_quotes)]
        self._bulk("INSERT OR IGNORE", "event_quotes", _EVENT_QUOTE_COLUMNS, quote_links)

        for table, column in (("events", "id"), ("event_articles", "event_id"), ("event_actors", "event_id")):
            doomed = removed if table == "events" else removed + events
            if doomed:
                self._con.execute(
                    f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(CAST(? AS VARCHAR[])))", [doomed]
                )
        cluster: dict[str, list[str]] = defaultdict(list)
        for raw in members:
            cluster[canonical[raw]].append(raw)
        event_rows, article_rows, actor_rows = [], [], []
        dyads: set[tuple[str, str, str | None]] = set()
        units: set[str] = set()
        for event_id in events:
            record = _cluster_record(event_id, [batch.members[raw] for raw in cluster[event_id]])
            units.add(f"{record.type}|{_dyad(record)}")
            view: dict[str, tuple[float, str | None]] = {}
            for raw in cluster[event_id]:
                for doc, (confidence, published) in batch.views.get(raw, {}).items():
                    best = max(confidence, view[doc][0]) if doc in view else confidence
                    view[doc] = (best, published or (view[doc][1] if doc in view else None))
            event_rows.append(_event_row(record, view, batch.groups))
            article_rows.extend((event_id, doc, *view[doc]) for doc in sorted(view))
            actor_rows.extend(_actor_rows(record))
            dyads.update((_dyad(record), a.id, a.country) for a in [*record.source, *record.target])
        self._bulk("INSERT", "event_articles", _VIEW_COLUMNS, article_rows)
        self._bulk("INSERT", "event_actors", _ACTOR_COLUMNS, actor_rows)
        self._bulk("INSERT OR REPLACE", "events", _EVENT_COLUMNS, event_rows)
        self._bulk("INSERT", "dyad_actors", ("dyad", "actor_id", "country"), sorted(dyads, key=str), "EXCEPT SELECT * FROM dyad_actors")
        self._relink(sorted(units))  # an event removed by a regrouping was in the unit of the one it joined

    def _move_evidence(self, moved: dict[str, str]) -> None:
        """Re-key the mentions and quote links of members that now belong to another event."""
        import pandas as pd

        self._con.register("_moved", pd.DataFrame(sorted(moved.items()), columns=["raw_id", "event_id"], dtype=object))
        for table in ("mentions", "event_quotes"):
            columns = ", ".join(f'"{c}"' for c in (_MENTION_COLUMNS if table == "mentions" else _EVENT_QUOTE_COLUMNS)[1:])
            self._con.execute(
                f"INSERT OR IGNORE INTO {table} (event_id, {columns})"
                f" SELECT m.event_id, {', '.join('t.' + c for c in columns.split(', '))}"
                f" FROM {table} t JOIN _moved m ON t.raw_id = m.raw_id WHERE t.event_id <> m.event_id"
            )
            self._con.execute(
                f"DELETE FROM {table} t USING _moved m WHERE t.raw_id = m.raw_id AND t.event_id <> m.event_id"
            )
        self._con.unregister("_moved")

    def _plan_units(self) -> list[str]:
        """The act-and-parties groups (``type|dyad``) holding a plan or a cancelled plan: those that can have links."""
        from detente.merge import PLAN_STATUSES

        rows = self._con.execute(
            "SELECT DISTINCT concat_ws('|', type, dyad) FROM events WHERE list_contains(CAST(? AS VARCHAR[]), status)"
            " AND NOT list_contains(CAST(? AS VARCHAR[]), type) AND dyad IS NOT NULL",
            [list(PLAN_STATUSES), sorted(FITTING_EXCLUDED)],
        ).fetchall()
        return sorted(row[0] for row in rows)

    def _relink(self, units: list[str]) -> None:
        """Recompute the links of plans and held events in these ``type|dyad`` groups, inside the caller's transaction.

        Links are a function of the group's stored events alone (``plan_links``),
        so recomputing every group an ingest touched gives the links any other
        ingest order would. Statements are left out: they recur, and a
        "planned" statement is not a meeting someone holds.
        """
        units = [u for u in units if u.split("|", 1)[0] not in FITTING_EXCLUDED]
        if not units:
            return
        from detente.merge import Planned, plan_links

        params: dict[str, Any] = {"units": units, "statuses": list(LINKED_STATUSES)}
        by_dyad = _dyad_clause(sorted({u.split("|", 1)[1] for u in units}), params)  # skips the other dyads' rows
        rows = self._con.execute(
            "SELECT id, concat_ws('|', type, dyad), status, date_value, mode, location, first_published FROM events"
            f" WHERE {by_dyad} AND concat_ws('|', type, dyad) IN (SELECT unnest(CAST($units AS VARCHAR[])))"
            " AND list_contains(CAST($statuses AS VARCHAR[]), status)",
            params,
        ).fetchall()
        groups: dict[str, list[Planned]] = defaultdict(list)
        for event_id, unit, status, value, mode, location, reported in rows:
            place = from_dict(Place, json.loads(location)) if location else None
            groups[unit].append(Planned(event_id, status, value, reported, place, mode))
        links = []
        for unit, events in groups.items():
            by_id = {e.id: e for e in events}
            for plan_id, held_id in sorted(plan_links(events).items()):
                plan, held = by_id[plan_id], by_id[held_id]
                kinds = ("plan_of", "held_as") if plan.status == "planned" else ("cancelled_plan_of", "rescheduled_from")
                links.append((plan_id, held_id, kinds[0], held.date, unit))
                links.append((held_id, plan_id, kinds[1], plan.date, unit))
        self._con.execute("DELETE FROM event_links WHERE unit IN (SELECT unnest(CAST(? AS VARCHAR[])))", [units])
        self._bulk("INSERT", "event_links", ("event_id", "linked_id", "kind", "linked_date", "unit"), links)

    def _bulk(
        self, verb: str, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]], tail: str = ""
    ) -> None:
        """One INSERT of many rows through a registered DataFrame (values never enter the SQL text)."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        # A failed INSERT aborts the transaction, after which DuckDB refuses even to
        # unregister; the stale view is harmless and replaced by the next batch.
        import pandas as pd

        self._con.register("_staged", pd.DataFrame(rows, columns=list(columns), dtype=object))
        self._con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM _staged {tail}")
        self._con.unregister("_staged")

    # -- reads ----------------------------------------------------------------

    def events(
        self,
        actor: ActorQuery | None = None,
        types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Event]:
        """Events involving ``actor`` (as source or target), of ``types``, overlapping [since, until]."""
        actors = [actor] if actor is not None else []
        return self._select(actors, types, since, until)

    def timeline(
        self,
        a: ActorQuery,
        b: ActorQuery,
        since: str | None = None,
        until: str | None = None,
        types: list[str] | None = None,
    ) -> list[Event]:
        """Events between A and B in either direction, including "the two leaders met" (both as source).

        Source and target together are the participants; an event counts when
        one participant matches A and a different one matches B.
        """
        return self._select([a, b], types, since, until, pair=(a, b))

    def quotes(self, speaker: ActorQuery | None = None, about: ActorQuery | None = None) -> list[Quote]:
        """Quotes said by ``speaker`` and addressed to, or naming, ``about``."""
        rows = self._con.execute('SELECT record FROM quotes ORDER BY doc_id, "start", "end"').fetchall()
        found = [from_dict(Quote, json.loads(row[0])) for row in rows]
        if speaker is not None:
            found = [q for q in found if _speaker_matches(q.speaker, speaker)]
        if about is not None:
            found = [q for q in found if _speaker_matches(q.addressee, about) or about.named_in(q.text)]
        return found

    def links(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The links of the events ``ids``, as ``Event.links`` holds them (events without links are left out).

        For readers that build events by id (the web's event page and search)
        rather than through ``timeline``/``events``: the stored record has no
        links, so they would otherwise show none.
        """
        return dict(self._links_by_event("SELECT unnest(CAST($ids AS VARCHAR[]))", {"ids": list(ids)}))

    def stats(self) -> dict[str, int]:
        """How much the store holds."""
        return {
            table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "mentions", "quotes")
        }

    def _select(
        self,
        actors: list[ActorQuery],
        types: list[str] | None,
        since: str | None,
        until: str | None,
        pair: tuple[ActorQuery, ActorQuery] | None = None,
    ) -> list[Event]:
        """Events passing every filter (and between ``pair``, when given), with their mentions and quotes.

        Actors narrow the search to the dyads holding them (dyad_actors, one row
        per dyad and participant), so events and mentions are each read by one
        filtered scan of their dyad column rather than joined. Which events the
        actors keep is decided before any mention is read.
        """
        clauses: list[str] = []
        params: dict[str, Any] = {}
        dyads: set[str] | None = None
        for query in actors:
            rows = self._con.execute(
                "SELECT DISTINCT dyad FROM dyad_actors WHERE list_contains(CAST(? AS VARCHAR[]), actor_id)"
                " OR list_contains(CAST(? AS VARCHAR[]), country)",
                [sorted(query.ids), sorted(query.countries)],
            ).fetchall()
            found = {row[0] for row in rows}
            dyads = found if dyads is None else dyads & found
        dyad_clause = ""
        if dyads is not None:
            if not dyads:
                return []
            dyad_clause = _dyad_clause(sorted(dyads), params)
            clauses.append(dyad_clause)
        if types:
            clauses.append("list_contains(CAST($types AS VARCHAR[]), type)")
            params["types"] = list(types)
        for name, bound, op in (("since", since, ">="), ("until", until, "<=")):
            if bound:
                clauses.append(_overlap_clause(name, op))
                params[name] = bound
        where = " AND ".join(clauses) or "true"
        # Evidence is read for the events the same filters select (one more scan of the sorted events):
        # no list of thousands of ids goes from Python to DuckDB. Mentions carry their event's dyad, so
        # when the dyads are the only filter they alone select the mentions.
        selected = f"SELECT id FROM events WHERE {where}"
        evidence = [dyad_clause] if dyad_clause else []
        if where != dyad_clause:
            evidence.append(f"event_id IN ({selected})")
        with _collector_paused():
            rows = self._con.execute(
                f"SELECT {_EVENT_FIELDS} FROM events WHERE {where} ORDER BY date_value NULLS LAST, id", params
            ).fetchall()
            events = _Records(actors, pair).events(rows)
            mentions = self._mentions_by_event(" AND ".join(evidence), params)
            quotes = self._quotes_by_event(selected, params)
            links = self._links_by_event(selected, params)
            for event in events:
                event.mentions = mentions.get(event.id, [])
                event.quotes = quotes.get(event.id, [])
                event.links = links.get(event.id, [])
        return events

    def _mentions_by_event(self, where: str, params: dict[str, Any]) -> dict[str, list[Mention]]:
        """Each event's mentions in the store's order (earliest published first); the trigger's fields come
        out of its JSON in DuckDB, so no mention costs a JSON parse in Python."""
        rows = self._con.execute(
            'SELECT event_id, doc_id, sentence, "start", "end", url, outlet, published, trigger->>\'$.text\','
            " CAST(trigger->>'$.start' AS BIGINT), CAST(trigger->>'$.end' AS BIGINT)"
            f' FROM mentions WHERE {where} ORDER BY published NULLS LAST, doc_id, "start", "end"',
            params,
        ).fetchall()
        found: dict[str, list[Mention]] = defaultdict(list)
        for event_id, doc_id, sentence, start, end, url, outlet, published, text, t_start, t_end in rows:
            span = None if text is None else Span(text, t_start, t_end)
            found[event_id].append(Mention(doc_id, sentence, start, end, url, outlet, published, span))
        return found

    def _links_by_event(self, selected: str, params: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The links of the events ``selected`` (a query of their ids), by kind, then linked date and id."""
        rows = self._con.execute(
            "SELECT event_id, kind, linked_id, linked_date FROM event_links"
            f" WHERE event_id IN ({selected}) ORDER BY event_id, kind, linked_date, linked_id",
            params,
        ).fetchall()
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event_id, kind, linked_id, linked_date in rows:
            found[event_id].append({"kind": kind, "event_id": linked_id, "date": linked_date})
        return found

    def _quotes_by_event(self, selected: str, params: dict[str, Any]) -> dict[str, list[Quote]]:
        """The quotes of the events ``selected`` (a query of their ids), in the order of their articles."""
        rows = self._con.execute(
            "SELECT eq.event_id, q.record FROM event_quotes eq JOIN quotes q"
            ' ON q.doc_id = eq.doc_id AND q."start" = eq."start" AND q."end" = eq."end"'
            f' WHERE eq.event_id IN ({selected}) ORDER BY q.doc_id, q."start", q."end"',
            params,
        ).fetchall()
        found: dict[str, list[Quote]] = defaultdict(list)
        for event_id, record in rows:
            found[event_id].append(from_dict(Quote, json.loads(record)))
        return found


class _Records:
    """Events rebuilt from rows of ``_EVENT_FIELDS``, keeping those whose participants the queries accept.

    A timeline of thousands of events names a handful of actor lists and
    places, so each distinct JSON text is parsed (into the fields of its
    records), and each pair of actor lists checked against the queries, once
    per read. Every event still gets objects of its own, as ``from_dict``
    would build them.
    """

    def __init__(self, actors: list[ActorQuery], pair: tuple[ActorQuery, ActorQuery] | None) -> None:
        self.actors = actors
        self.pair = pair
        self._actors: dict[str, list[tuple[Any, ...]]] = {}
        self._places: dict[str, tuple[Any, ...]] = {}
        self._contexts: dict[str, list[str]] = {}
        self._kept: dict[tuple[str, str], bool] = {}

    def events(self, rows: list[tuple[Any, ...]]) -> list[Event]:
        found = []
        for (event_id, sources, type_, mode, cameo, quad_class, goldstein, status, source, target,
             value, granularity, basis, reason, location, confidence, status_reason, contexts) in rows:  # fmt: skip
            kept = self._kept.get((source, target))
            if kept is None:
                kept = self._kept[(source, target)] = self._accepts(source, target)
            if not kept:
                continue
            if location is not None and location not in self._places:
                self._places[location] = dataclasses.astuple(Place(**json.loads(location)))
            if contexts is not None and contexts not in self._contexts:
                self._contexts[contexts] = json.loads(contexts)
            found.append(Event(
                event_id, type_, mode, cameo, quad_class, goldstein, status,
                [Actor(*fields) for fields in self._actors[source]], [Actor(*fields) for fields in self._actors[target]],
                TimeValue(value, granularity, basis, reason),
                None if location is None else Place(*self._places[location]), [], [],
                0.5 if confidence is None else confidence, "" if status_reason is None else status_reason, sources,
                [] if contexts is None else list(self._contexts[contexts]),
            ))  # fmt: skip
        return found

    def _accepts(self, source: str, target: str) -> bool:
        """Every query matches a participant, and with a pair, one participant matches A and a different one B."""
        for text in (source, target):
            if text not in self._actors:
                self._actors[text] = [dataclasses.astuple(Actor(**actor)) for actor in json.loads(text)]
        participants = [Actor(*fields) for fields in self._actors[source] + self._actors[target]]
        if not all(any(q.matches(p) for p in participants) for q in self.actors):
            return False
        if self.pair is None:
            return True
        a, b = self.pair
        return any(a.matches(p) and b.matches(q) and p.id != q.id for p in participants for q in participants)


# -- staging -----------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "id", "content_hash", "url", "outlet", "published", "published_basis", "published_reason", "title",
    "language", "n_chars", "meta", "syndication", "minhash",
)  # fmt: skip
_QUOTE_COLUMNS = (
    "doc_id", "start", "end", "text", "speaker_id", "speaker_name",
    "addressee_id", "addressee_name", "reported_by", "record",
)  # fmt: skip
_MENTION_COLUMNS = (
    "event_id", "raw_id", "doc_id", "start", "end", "sentence", "url", "outlet", "published", "trigger", "dyad",
)  # fmt: skip
_EVENT_QUOTE_COLUMNS = ("event_id", "raw_id", "doc_id", "start", "end")
_ACTOR_COLUMNS = ("event_id", "role", "actor_id", "name", "country", "sector")
_VIEW_COLUMNS = ("event_id", "doc_id", "confidence", "published")
_EVENT_COLUMNS = (
    "id", "type", "mode", "cameo", "quad_class", "goldstein", "status", "date_value", "date_granularity",
    "date_basis", "date_reason", "location", "confidence", "n_articles", "first_published", "dyad", "record", "n_sources",
    "source", "target", "status_reason", "contexts",
)  # fmt: skip


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _json(record: Any) -> str | None:
    return None if record is None else json.dumps(to_dict(record), ensure_ascii=False)


def _event_json(event: Event) -> str:
    """An event's stored record, without its links: they live in event_links, where a later report can change
    them without rewriting the record."""
    data = to_dict(event)
    data.pop("links")
    return json.dumps(data, ensure_ascii=False)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a read builds its records.

    A timeline allocates tens of thousands of records that hold no cycles;
    the collections their allocation triggers walk every live object again
    and again: with them, a 5,057-event timeline took twice as long (175
    against 90 ms, ``bench/timeline_speed.py`` store, 2026-11-28).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stage_article(result: ArticleResult, digest: str, signature: list[int], batch: _Batch, n: int) -> None:
    """Stage one new article, its quotes, and its events merged into the members already known."""
    article = result.article
    batch.articles.append(
        (
            article.id, digest, article.url, article.outlet, article.published, article.published_basis,
            article.published_reason, article.title,
            article.language, len(article.text), json.dumps(article.meta, ensure_ascii=False),
            batch.groups[article.id], signature or None,
        )
    )  # fmt: skip
    for quote in _all_quotes(result):
        batch.quotes.setdefault((quote.doc_id, quote.start, quote.end), _quote_row(quote))
    for event in result.events:
        stored = batch.members.get(event.id)
        if stored is None:
            batch.members[event.id] = replace(event, mentions=[], quotes=[])
        else:
            batch.members[event.id] = _merge_records(stored, event)
        batch.touched.add(event.id)
        batch.first_seen.setdefault(event.id, n)
        _stage_evidence(event, article, batch)


def _stage_evidence(event: Event, article: Article, batch: _Batch) -> None:
    """Mentions, quote links and this article's best confidence for one member."""
    for m in event.mentions:
        batch.mentions.setdefault(
            (event.id, m.doc_id, m.start, m.end),
            (event.id, m.doc_id, m.start, m.end, m.sentence, m.url, m.outlet, m.published, _json(m.trigger)),
        )
    for q in event.quotes:
        batch.event_quotes.add((event.id, q.doc_id, q.start, q.end))
    view = batch.views.setdefault(event.id, {})
    best = max(event.confidence, view[article.id][0]) if article.id in view else event.confidence
    published = article.published or min((m.published for m in event.mentions if m.published), default=None)
    view[article.id] = (best, published)
    batch.staged_views.add((event.id, article.id))


def _unit(event: Event) -> str | None:
    """The act, status, dyad and year inside which reports with fitting dates are one event (None: merge by id only)."""
    if event.type in FITTING_EXCLUDED or event.status != "occurred" or not event.date.value:
        return None
    from detente.merge import participants_key

    dyad = participants_key(event.type, event.source, event.target)
    return "|".join([event.type, event.status, dyad, event.date.value[:4]])


def _dyad(event: Event) -> str:
    from detente.merge import participants_key

    return participants_key(event.type, event.source, event.target)


def _cluster_record(event_id: str, members: list[Event]) -> Event:
    """One event's record from its members: the head's (the finest-dated report), with the best date and place."""
    head = next(m for m in members if m.id == event_id) if any(m.id == event_id for m in members) else members[0]
    record = replace(head, id=event_id, mentions=[], quotes=[])
    for member in sorted(members, key=lambda m: m.id):
        if member is not head:
            record = _merge_records(record, member)
    return record


def _quote_row(quote: Quote) -> tuple[Any, ...]:
    speaker_id, speaker_name = _speaker_columns(quote.speaker)
    addressee_id, addressee_name = _speaker_columns(quote.addressee)
    return (
        quote.doc_id, quote.start, quote.end, quote.text, speaker_id, speaker_name,
        addressee_id, addressee_name, quote.reported_by, _json(quote),
    )  # fmt: skip


def _actor_rows(event: Event) -> Iterator[tuple[Any, ...]]:
    for role, actors in (("source", event.source), ("target", event.target)):
        for actor in actors:
            yield (event.id, role, actor.id, actor.name, actor.country, actor.sector)


def _event_row(event: Event, view: dict[str, tuple[float, str | None]], groups: dict[str, str]) -> tuple[Any, ...]:
    """The events row, with confidence and counts recomputed over every source that reports it.

    Syndicated copies of one story are one source: each group counts once,
    with the best confidence of its articles.
    """
    by_group: dict[str, float] = {}
    for doc, (confidence, _) in view.items():
        group = groups.get(doc, doc)
        by_group[group] = max(confidence, by_group.get(group, confidence))
    event.confidence = combined_confidence(by_group.values())
    first_published = min((p for _, p in view.values() if p), default=None)
    date = event.date
    return (
        event.id, event.type, event.mode, event.cameo, event.quad_class, event.goldstein, event.status,
        date.value, date.granularity, date.basis, date.reason, _json(event.location), event.confidence,
        len(view), first_published, _dyad(event), _event_json(event),
        len(by_group), _actors_json(event.source), _actors_json(event.target), event.status_reason,
        json.dumps(event.contexts),
    )  # fmt: skip


def _actors_json(actors: list[Actor]) -> str:
    return json.dumps([to_dict(actor) for actor in actors], ensure_ascii=False)


# -- merge rules -------------------------------------------------------------


def combined_confidence(confidences: Iterable[float]) -> float:
    """``1 - prod(1 - c)`` over independent articles, capped: each new outlet adds evidence."""
    values = [c for c in confidences if c is not None]
    if not values:
        return 0.0
    return min(MAX_CONFIDENCE, 1.0 - math.prod(1.0 - c for c in values))


def date_rank(date: TimeValue) -> tuple[int, int, int]:
    """How specific and well-founded a date is; higher wins a merge.

    A publication date is a fallback, not evidence of when the event happened,
    so it loses to any date found in text, narrative or knowledge, whatever
    its granularity. Among the rest, finer granularity wins, then basis.
    """
    if date.value is None:
        return (0, 0, 0)
    founded = int(date.basis != "publication")
    return (1 + founded, _GRANULARITY_RANK.get(date.granularity or "", 0), _BASIS_RANK.get(date.basis, 0))


def place_rank(place: Place | None) -> int:
    """How specific a place is: a named place with coordinates beats a bare name."""
    if place is None:
        return 0
    return 1 + int(place.country is not None) + int(place.lat is not None and place.lon is not None)


def _places_agree(place: Place | None, stored: str | None) -> bool:
    """Two places can be one event's: either is unknown, or they are in the same country."""
    other = from_dict(Place, json.loads(stored)) if stored else None
    if place is None or other is None or place.country is None or other.country is None:
        return True  # a place of unknown country (a name the gazetteer lacks) may be anywhere
    return place.name == other.name or place.country == other.country


def _merge_records(stored: Event, incoming: Event) -> Event:
    """The stored event with the more specific date and location of the two, and the contexts of both.

    Ties go to the one whose JSON sorts last, not to the first stored, so the
    record is the same whatever order its reports arrived in.
    """
    date = max(stored.date, incoming.date, key=lambda d: (date_rank(d), _sort_key(d)))
    location = max(stored.location, incoming.location, key=lambda p: (place_rank(p), _sort_key(p)))
    contexts = sorted({*stored.contexts, *incoming.contexts})
    return replace(stored, date=date, location=location, contexts=contexts, mentions=[], quotes=[])


def _sort_key(record: Any) -> str:
    return json.dumps(to_dict(record), sort_keys=True) if record is not None else ""


def _all_quotes(result: ArticleResult) -> Iterator[Quote]:
    """The article's quotes plus any attached only to events, each once."""
    seen: set[tuple[str, int, int]] = set()
    for quote in [*result.quotes, *(q for event in result.events for q in event.quotes)]:
        key = (quote.doc_id, quote.start, quote.end)
        if key not in seen:
            seen.add(key)
            yield quote


def _speaker_columns(speaker: Speaker | None) -> tuple[str | None, str | None]:
    if speaker is None:
        return None, None
    if speaker.actor is not None:
        return speaker.actor.id, speaker.actor.name
    return None, speaker.name


def _speaker_matches(speaker: Speaker | None, query: ActorQuery) -> bool:
    """A resolved speaker matches by actor; an unresolved one only by the words that name it."""
    if speaker is None:
        return False
    if speaker.actor is not None:
        return query.matches(speaker.actor)
    return query.named_in(speaker.name)


def _dyad_clause(dyads: list[str], params: dict[str, Any]) -> str:
    """A filter on the dyad column that keeps ``dyads``, in the form DuckDB answers fastest for their number.

    One dyad is an equality; up to ``MAX_DYAD_RANGES`` dyads, one range per
    dyad (``dyad BETWEEN $d AND $d``, OR-ed). DuckDB 2.0 evaluates either
    inside the scan, which then decodes the other columns only for the rows
    kept. Of ``dyad IN (...)`` with two or more dyads (and of OR-ed
    equalities, which it turns into IN) it pushes into the scan only an
    optional filter that skips row groups, and keeps the rows by a filter or
    a join above it, after every column of every row group kept was decoded:
    614,400 rows for a two-country timeline of 6,221 events, whose events
    took 84 ms that way against 23 ms with ranges (``bench/timeline_speed.py``
    store, 2026-11-28, load average 3.5). The ranges are tested one after
    another for each row, so for many dyads the join wins again (even near
    200 random dyads on that store).
    """
    if len(dyads) > MAX_DYAD_PARAMS:
        params["dyads"] = dyads
        return "dyad IN (SELECT unnest(CAST($dyads AS VARCHAR[])))"
    params.update({f"dyad{n}": dyad for n, dyad in enumerate(dyads)})
    if len(dyads) > MAX_DYAD_RANGES:
        return "dyad IN (" + ", ".join(f"$dyad{n}" for n in range(len(dyads))) + ")"
    if len(dyads) == 1:
        return "dyad = $dyad0"
    return "(" + " OR ".join(f"dyad BETWEEN $dyad{n} AND $dyad{n}" for n in range(len(dyads))) + ")"


def _overlap_clause(name: str, op: str) -> str:
    """Compare a date and a bound on their common prefix, so "2018" overlaps since=2018-06-01."""
    width = f"least(length(date_value), length(${name}))"
    return f"date_value IS NOT NULL AND left(date_value, {width}) {op} left(${name}, {width})"


def to_dataframe(events: list[Event]) -> pd.DataFrame:
    """One flat row per event, for CSV export and notebooks."""
    import pandas as pd

    columns = [
        "id", "date", "type", "mode", "cameo", "quad_class", "goldstein", "status",
        "source", "target", "location", "n_mentions", "confidence",
    ]  # fmt: skip
    rows = [
        {
            "id": e.id,
            "date": e.date.value,
            "type": e.type,
            "mode": e.mode,
            "cameo": e.cameo,
            "quad_class": e.quad_class,
            "goldstein": e.goldstein,
            "status": e.status,
            "source": "; ".join(a.name for a in e.source),
            "target": "; ".join(a.name for a in e.target),
            "location": None if e.location is None else e.location.name,
            "n_mentions": len(e.mentions),
            "confidence": e.confidence,
        }
        for e in events
    ]
    return pd.DataFrame(rows, columns=columns)
