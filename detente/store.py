"""The DuckDB store: articles in, one merged record per event out.

Events and their mentions live in separate tables (as in GDELT 2.0), so every
coded fact keeps pointing at the sentences that report it, and an event told
by five outlets is one row with five mentions. Event ids are computed upstream
from what identifies an event, so the store merges by id and never guesses.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import duckdb
import pandas as pd

from detente.merge import dates_fit, participants_key
from detente.model import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Place,
    Quote,
    Speaker,
    TimeValue,
    from_dict,
    to_dict,
)
from detente.ontology import VERBAL_TYPES

FITTING_EXCLUDED = VERBAL_TYPES
"""Statements recur (two calls for a ceasefire in one month are two events): they merge by id only."""
DEFAULT_PATH = "./detente.duckdb"
BATCH_SIZE = 200
"""Articles per transaction in ``add_many``: DuckDB writes rows quickly only in bulk."""
SCHEMA_VERSION = 1
MAX_CONFIDENCE = 0.99
"""Corroboration raises confidence, but no number of reports makes a coded event certain."""

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


class StoreError(RuntimeError):
    """The file is not a detente store this version can read."""


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
    table gets one statement per batch.
    """

    articles: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: dict[tuple[str, int, int], tuple[Any, ...]] = field(default_factory=dict)
    mentions: dict[tuple[str, str, int, int], tuple[Any, ...]] = field(default_factory=dict)
    event_quotes: set[tuple[str, str, int, int]] = field(default_factory=set)
    events: dict[str, Event] = field(default_factory=dict)
    """Merged records (without mentions or quotes) of every event the batch touches."""
    views: dict[str, dict[str, tuple[float, str | None]]] = field(default_factory=dict)
    """Event id -> article id -> (best confidence, published): what corroboration is computed from."""
    touched_views: set[tuple[str, str]] = field(default_factory=set)
    actors: list[tuple[Any, ...]] = field(default_factory=list)


def content_hash(text: str) -> str:
    """The identity of an article: the same text under another id is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    """A DuckDB file holding articles, merged events, their mentions and quotes."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        self.path = str(path)
        self._con = duckdb.connect(self.path, read_only=read_only)
        try:
            self._prepare_schema(read_only)
        except BaseException:
            self._con.close()
            raise

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
        self._con.close()

    # -- schema ---------------------------------------------------------------

    def _prepare_schema(self, read_only: bool) -> None:
        """Create the tables on first open; refuse a store written by another schema version."""
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            if read_only:
                raise StoreError(f"{self.path} is not a detente store (no schema); ingest into it first")
            self._con.begin()
            for statement in _SCHEMA:
                self._con.execute(statement)
            self._con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
            self._con.commit()
            return
        version = self._con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this detente reads version {SCHEMA_VERSION}"
            )

    # -- writes ---------------------------------------------------------------

    def add(self, result: ArticleResult) -> bool:
        """Store one analysed article and merge its events, in one transaction.

        Returns False (and changes nothing) when the article is already stored,
        under the same id or with the same text.
        """
        return self._add_batch([result])[0] is not None

    def add_many(self, results: Iterable[ArticleResult]) -> AddSummary:
        """Add many articles, ``BATCH_SIZE`` per transaction, and count what happened.

        An error rolls back only the batch in progress; earlier batches stay stored.
        """
        summary = AddSummary()
        for batch in _chunks(results, BATCH_SIZE):
            for merge in self._add_batch(batch):
                if merge is None:
                    summary.duplicates += 1
                    continue
                summary.added += 1
                summary.events_new += merge.new
                summary.events_merged += merge.merged
        return summary

    def _add_batch(self, results: list[ArticleResult]) -> list[_Merge | None]:
        """Stage and write a batch in ONE transaction; None marks an article already stored."""
        self._con.begin()
        try:
            batch = _Batch()
            outcomes = self._stage(results, batch)
            self._flush(batch)
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise
        return outcomes

    def _stage(self, results: list[ArticleResult], batch: _Batch) -> list[_Merge | None]:
        """Skip stored articles (and repeats inside the batch), then merge the rest into ``batch``."""
        digests = [content_hash(r.article.text) for r in results]
        known_ids, known_hashes = self._known_articles([r.article.id for r in results], digests)
        fresh: list[int] = []
        for n, (result, digest) in enumerate(zip(results, digests, strict=True)):
            if result.article.id not in known_ids and digest not in known_hashes:
                known_ids.add(result.article.id)
                known_hashes.add(digest)
                fresh.append(n)
        outcomes: list[_Merge | None] = [None] * len(results)
        for n in fresh:
            self._adopt_fitting_ids(results[n].events, batch)
            unseen = sorted({e.id for e in results[n].events} - batch.events.keys())
            batch.events.update(self._stored_events(unseen))
            batch.views.update(self._stored_views(unseen))
            outcomes[n] = _stage_article(results[n], digests[n], batch)
        return outcomes

    def _adopt_fitting_ids(self, events: list[Event], batch: _Batch) -> None:
        """Give an event the id of the one stored event it must be: same act, same parties, a date that fits.

        "Met in Osaka on 28 June 2019" and "met in Osaka in June 2019" are one
        meeting. Only acts that happened and are not statements are matched this
        way (two statements of one month may differ), and only when exactly one
        stored event fits, or exactly one of those that fit was held at the same
        named place; otherwise the event keeps its own id.
        """
        for event in events:
            if event.type in FITTING_EXCLUDED or event.status != "occurred" or event.date.value is None:
                continue
            if event.id in batch.events or self._con.execute("SELECT 1 FROM events WHERE id = ?", [event.id]).fetchone():
                continue
            dyad = participants_key(event.type, event.source, event.target)
            rows = self._con.execute(
                "SELECT id, location FROM events WHERE type = ? AND status = ? AND dyad = ? AND date_value IS NOT NULL"
                " AND (starts_with(date_value, ?) OR starts_with(?, date_value))",
                [event.type, event.status, dyad, event.date.value, event.date.value],
            ).fetchall()
            places = {row[0]: row[1] for row in rows if _places_agree(event.location, row[1])}
            places |= {
                staged.id: _json(staged.location) for staged in batch.events.values()
                if staged.type == event.type and staged.status == event.status
                and participants_key(staged.type, staged.source, staged.target) == dyad
                and dates_fit(staged.date, event.date) and _places_agree(event.location, _json(staged.location))
            }  # fmt: skip
            if len(places) > 1 and event.location is not None:
                places = {i: p for i, p in places.items() if p and json.loads(p)["name"] == event.location.name}
            if len(places) == 1:
                event.id = next(iter(places))

    def _known_articles(self, ids: list[str], digests: list[str]) -> tuple[set[str], set[str]]:
        rows = self._con.execute(
            "SELECT id, content_hash FROM articles"
            " WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
            " OR content_hash IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [ids, digests],
        ).fetchall()
        return {row[0] for row in rows}, {row[1] for row in rows}

    def _stored_events(self, ids: list[str]) -> dict[str, Event]:
        rows = self._con.execute(
            "SELECT id, record FROM events WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [ids]
        ).fetchall()
        return {event_id: from_dict(Event, json.loads(record)) for event_id, record in rows}

    def _stored_views(self, ids: list[str]) -> dict[str, dict[str, tuple[float, str | None]]]:
        rows = self._con.execute(
            "SELECT event_id, doc_id, confidence, published FROM event_articles"
            " WHERE event_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [ids],
        ).fetchall()
        views: dict[str, dict[str, tuple[float, str | None]]] = defaultdict(dict)
        for event_id, doc_id, confidence, published in rows:
            views[event_id][doc_id] = (confidence, published)
        return views

    def _flush(self, batch: _Batch) -> None:
        """Write every staged row: new rows are inserted, merged events and article views replaced."""
        self._bulk("INSERT", "articles", _ARTICLE_COLUMNS, batch.articles)
        self._bulk("INSERT OR IGNORE", "quotes", _QUOTE_COLUMNS, list(batch.quotes.values()))
        self._bulk("INSERT OR IGNORE", "mentions", _MENTION_COLUMNS, list(batch.mentions.values()))
        self._bulk("INSERT OR IGNORE", "event_quotes", _EVENT_QUOTE_COLUMNS, sorted(batch.event_quotes))
        self._bulk("INSERT", "event_actors", _ACTOR_COLUMNS, batch.actors)
        views = [(e, d, *batch.views[e][d]) for e, d in sorted(batch.touched_views)]
        self._bulk("INSERT OR REPLACE", "event_articles", _VIEW_COLUMNS, views)
        rows = [_event_row(event, batch.views[event_id]) for event_id, event in batch.events.items()]
        self._bulk("INSERT OR REPLACE", "events", _EVENT_COLUMNS, rows)

    def _bulk(self, verb: str, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """One INSERT of many rows through a registered DataFrame (values never enter the SQL text)."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        # A failed INSERT aborts the transaction, after which DuckDB refuses even to
        # unregister; the stale view is harmless and replaced by the next batch.
        self._con.register("_staged", pd.DataFrame(rows, columns=list(columns), dtype=object))
        self._con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM _staged")
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
        candidates = self._select([a, b], types, since, until)
        return [event for event in candidates if _between(event, a, b)]

    def quotes(self, speaker: ActorQuery | None = None, about: ActorQuery | None = None) -> list[Quote]:
        """Quotes said by ``speaker`` and addressed to, or naming, ``about``."""
        rows = self._con.execute('SELECT record FROM quotes ORDER BY doc_id, "start", "end"').fetchall()
        found = [from_dict(Quote, json.loads(row[0])) for row in rows]
        if speaker is not None:
            found = [q for q in found if _speaker_matches(q.speaker, speaker)]
        if about is not None:
            found = [q for q in found if _speaker_matches(q.addressee, about) or about.named_in(q.text)]
        return found

    def stats(self) -> dict[str, int]:
        """How much the store holds."""
        return {
            table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "mentions", "quotes")
        }

    def _select(
        self, actors: list[ActorQuery], types: list[str] | None, since: str | None, until: str | None
    ) -> list[Event]:
        """Events passing every filter, rebuilt with their current mentions and quotes."""
        clauses: list[str] = []
        params: dict[str, Any] = {}
        for n, query in enumerate(actors):
            clauses.append(
                "id IN (SELECT event_id FROM event_actors"
                f" WHERE list_contains(CAST($ids{n} AS VARCHAR[]), actor_id)"
                f" OR list_contains(CAST($countries{n} AS VARCHAR[]), country))"
            )
            params[f"ids{n}"] = sorted(query.ids)
            params[f"countries{n}"] = sorted(query.countries)
        if types:
            clauses.append("list_contains(CAST($types AS VARCHAR[]), type)")
            params["types"] = list(types)
        for name, bound, op in (("since", since, ">="), ("until", until, "<=")):
            if bound:
                clauses.append(_overlap_clause(name, op))
                params[name] = bound
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._con.execute(
            f"SELECT id, record FROM events{where} ORDER BY date_value NULLS LAST, id", params
        ).fetchall()
        return self._rebuild(rows)

    def _rebuild(self, rows: list[tuple[str, str]]) -> list[Event]:
        """Events from their stored JSON plus the mentions and quotes stored beside them."""
        ids = [row[0] for row in rows]
        mentions = self._mentions_by_event(ids)
        quotes = self._quotes_by_event(ids)
        events = []
        for event_id, record in rows:
            data = json.loads(record)
            data["mentions"] = mentions.get(event_id, [])
            data["quotes"] = quotes.get(event_id, [])
            events.append(from_dict(Event, data))
        return events

    def _mentions_by_event(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        rows = self._con.execute(
            'SELECT event_id, doc_id, sentence, "start", "end", url, outlet, published, trigger'
            " FROM mentions WHERE event_id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
            ' ORDER BY published NULLS LAST, doc_id, "start", "end"',
            [ids],
        ).fetchall()
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event_id, doc_id, sentence, start, end, url, outlet, published, trigger in rows:
            found[event_id].append(
                {
                    "doc_id": doc_id,
                    "sentence": sentence,
                    "start": start,
                    "end": end,
                    "url": url,
                    "outlet": outlet,
                    "published": published,
                    "trigger": None if trigger is None else json.loads(trigger),
                }
            )
        return found

    def _quotes_by_event(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        rows = self._con.execute(
            "SELECT eq.event_id, q.record FROM event_quotes eq JOIN quotes q"
            ' ON q.doc_id = eq.doc_id AND q."start" = eq."start" AND q."end" = eq."end"'
            " WHERE eq.event_id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
            ' ORDER BY q.doc_id, q."start", q."end"',
            [ids],
        ).fetchall()
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event_id, record in rows:
            found[event_id].append(json.loads(record))
        return found


# -- staging -----------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "id", "content_hash", "url", "outlet", "published", "published_basis", "published_reason", "title",
    "language", "n_chars", "meta",
)  # fmt: skip
_QUOTE_COLUMNS = (
    "doc_id", "start", "end", "text", "speaker_id", "speaker_name",
    "addressee_id", "addressee_name", "reported_by", "record",
)  # fmt: skip
_MENTION_COLUMNS = ("event_id", "doc_id", "start", "end", "sentence", "url", "outlet", "published", "trigger")
_EVENT_QUOTE_COLUMNS = ("event_id", "doc_id", "start", "end")
_ACTOR_COLUMNS = ("event_id", "role", "actor_id", "name", "country", "sector")
_VIEW_COLUMNS = ("event_id", "doc_id", "confidence", "published")
_EVENT_COLUMNS = (
    "id", "type", "mode", "cameo", "quad_class", "goldstein", "status", "date_value", "date_granularity",
    "date_basis", "date_reason", "location", "confidence", "n_articles", "first_published", "dyad", "record",
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


def _stage_article(result: ArticleResult, digest: str, batch: _Batch) -> _Merge:
    """Stage one new article, its quotes, and its events merged into what is already known."""
    article = result.article
    batch.articles.append(
        (
            article.id, digest, article.url, article.outlet, article.published, article.published_basis,
            article.published_reason, article.title,
            article.language, len(article.text), json.dumps(article.meta, ensure_ascii=False),
        )
    )  # fmt: skip
    for quote in _all_quotes(result):
        batch.quotes.setdefault((quote.doc_id, quote.start, quote.end), _quote_row(quote))
    merge = _Merge()
    seen: set[str] = set()
    for event in result.events:
        stored = batch.events.get(event.id)
        if stored is None:
            batch.events[event.id] = replace(event, mentions=[], quotes=[])
            batch.actors.extend(_actor_rows(event))
            merge.new += 1
        else:
            batch.events[event.id] = _merge_records(stored, event)
            merge.merged += int(event.id not in seen)
        seen.add(event.id)
        _stage_evidence(event, article, batch)
    return merge


def _stage_evidence(event: Event, article: Article, batch: _Batch) -> None:
    """Mentions, quote links and this article's best confidence for one event."""
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
    batch.touched_views.add((event.id, article.id))


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


def _event_row(event: Event, view: dict[str, tuple[float, str | None]]) -> tuple[Any, ...]:
    """The events row, with confidence and counts recomputed over every article that reports it."""
    event.confidence = combined_confidence(confidence for confidence, _ in view.values())
    first_published = min((p for _, p in view.values() if p), default=None)
    date = event.date
    return (
        event.id, event.type, event.mode, event.cameo, event.quad_class, event.goldstein, event.status,
        date.value, date.granularity, date.basis, date.reason, _json(event.location), event.confidence,
        len(view), first_published, participants_key(event.type, event.source, event.target), _json(event),
    )  # fmt: skip


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
    """The stored event with the more specific date and location of the two (ties keep the first)."""
    date = incoming.date if date_rank(incoming.date) > date_rank(stored.date) else stored.date
    location = (
        incoming.location if place_rank(incoming.location) > place_rank(stored.location) else stored.location
    )
    return replace(stored, date=date, location=location, mentions=[], quotes=[])


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


def _between(event: Event, a: ActorQuery, b: ActorQuery) -> bool:
    """One participant matches A and a different participant matches B."""
    participants = [*event.source, *event.target]
    return any(a.matches(p) and b.matches(q) and p.id != q.id for p in participants for q in participants)


def _overlap_clause(name: str, op: str) -> str:
    """Compare a date and a bound on their common prefix, so "2018" overlaps since=2018-06-01."""
    width = f"least(length(date_value), length(${name}))"
    return f"date_value IS NOT NULL AND left(date_value, {width}) {op} left(${name}, {width})"


def to_dataframe(events: list[Event]) -> pd.DataFrame:
    """One flat row per event, for CSV export and notebooks."""
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
