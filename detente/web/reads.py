"""The reads the pages need: Store's public queries, plus a few it does not offer yet.

``Store`` answers timelines and filtered event lists in full. A web page also
needs one event by id, a page of search results with a total, the busiest
pairs of actors and an actor's counterparts, none of which ``Store`` has, and
none of which may load a million events to throw most away. Those are here,
as parameterised SQL over the store's documented tables (events, mentions,
event_actors, quotes), on a second connection to the same read-only DuckDB
database (a cursor of the store's). Events come back as the same ``Event``
records, mentions and quotes in the store's order, so the event page and the
timeline agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from detente.model import Actor, Event, Mention, Quote, Span, from_dict
from detente.store import ActorQuery, Store


@dataclass(frozen=True)
class EventFilters:
    """What an event search asks for; every field narrows it, empty ones do not."""

    actor: ActorQuery | None = None
    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    place: str | None = None
    """A place name (any part of it, any case) or an ISO3 country code."""
    text: str | None = None
    """Words that an evidence sentence contains (any case)."""


@dataclass(frozen=True)
class Pair:
    """Two actors and how many stored events both take part in."""

    actors: tuple[Actor, Actor]
    events: int


@dataclass(frozen=True)
class Counterpart:
    """An actor who shares events with the one asked about."""

    actor: Actor
    events: int


@dataclass(frozen=True)
class ArticleInfo:
    """What the store keeps of an article (its text is not stored)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


class Reader:
    """Everything a request reads, over one open read-only store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A second connection to the store's database, made on first use and closed with the reader."""
        if self._con is None:
            self._con = self.store.cursor()
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    # -- events ---------------------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        """One stored event by id, with its mentions, quotes and independent sources."""
        found = self.events_by_id([event_id])
        return found[0] if found else None

    def events_by_id(self, ids: list[str]) -> list[Event]:
        """Stored events in the order of ``ids`` (unknown ids are left out), with their links as a timeline gives them."""
        if not ids:
            return []
        rows = self.con.execute(
            "SELECT id, record, n_sources, dyad FROM events WHERE id IN (SELECT unnest(CAST($ids AS VARCHAR[])))",
            {"ids": ids},
        ).fetchall()
        dyads = None if any(row[3] is None for row in rows) else sorted({row[3] for row in rows})
        mentions = self._mentions(ids, dyads)
        quotes = self._quotes(ids)
        links = self.store.links(ids)
        by_id = {}
        for event_id, record, sources, _ in rows:
            event = from_dict(Event, json.loads(record))
            event.mentions, event.quotes, event.sources = mentions.get(event_id, []), quotes.get(event_id, []), sources
            event.links = links.get(event_id, [])
            by_id[event_id] = event
        return [by_id[i] for i in ids if i in by_id]

    def search(self, filters: EventFilters, limit: int, offset: int = 0, order: str = "date") -> tuple[list[Event], int]:
        """One page of the events passing every filter, and how many pass in all.

        ``order`` is ``date`` (by event date, undated last) or ``latest`` (most recent date first).
        """
        where, params = _where(filters)
        total = self.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
        direction = "date_value DESC NULLS LAST, id" if order == "latest" else "date_value NULLS LAST, id"
        rows = self.con.execute(
            f"SELECT id FROM events{where} ORDER BY {direction} LIMIT $limit OFFSET $offset",
            {**params, "limit": limit, "offset": offset},
        ).fetchall()
        return self.events_by_id([row[0] for row in rows]), total

    def articles(self, doc_ids: list[str]) -> dict[str, ArticleInfo]:
        """Title, URL, outlet and date of stored articles, by id."""
        rows = self.con.execute(
            "SELECT id, title, url, outlet, published FROM articles WHERE id IN (SELECT unnest(CAST($ids AS VARCHAR[])))",
            {"ids": sorted(set(doc_ids))},
        ).fetchall()
        return {row[0]: ArticleInfo(*row) for row in rows}

    # -- actors ---------------------------------------------------------------

    def stored_actor(self, actor_id: str) -> Actor | None:
        """An actor as the store names it (for ids the knowledge base lacks, such as ``unknown:…``)."""
        row = self.con.execute(
            "SELECT actor_id, name, country, sector FROM event_actors WHERE actor_id = $id LIMIT 1", {"id": actor_id}
        ).fetchone()
        return None if row is None else Actor(*row)

    def pairs(self, limit: int) -> list[Pair]:
        """The pairs of actors who take part together in the most events, whoever else takes part.

        Counted per dyad key first (one row per set of participants), then spread over the key's
        pairs, so a pair's count is the length of its timeline by actor ids.
        """
        rows = self.con.execute(
            "WITH d AS (SELECT dyad, count(*) AS n FROM events WHERE dyad IS NOT NULL GROUP BY dyad),"
            " p AS (SELECT list_distinct(string_split_regex(dyad, '[~>+]')) AS ids, n FROM d),"
            " x AS (SELECT unnest(ids) AS a, ids, n FROM p)"
            " SELECT a, b, sum(n) AS n FROM x, unnest(x.ids) AS u(b) WHERE a < b"
            " GROUP BY a, b ORDER BY n DESC, a, b LIMIT $limit",
            {"limit": limit},
        ).fetchall()
        actors = self._actors(sorted({actor_id for a, b, _ in rows for actor_id in (a, b)}))
        return [Pair((actors[a], actors[b]), int(n)) for a, b, n in rows if a in actors and b in actors]

    def counterparts(self, query: ActorQuery, limit: int) -> list[Counterpart]:
        """The other participants of the actor's events, the most frequent first."""
        params = {"ids": sorted(query.ids), "countries": sorted(query.countries), "limit": limit}
        rows = self.con.execute(
            "WITH mine AS (SELECT DISTINCT event_id FROM event_actors"
            f" WHERE {_ACTOR_MATCH})"
            " SELECT a.actor_id, min(a.name), min(a.country), min(a.sector), count(DISTINCT a.event_id) AS n"
            " FROM event_actors a JOIN mine m ON m.event_id = a.event_id"
            " WHERE NOT (coalesce(list_contains(CAST($ids AS VARCHAR[]), a.actor_id), false)"
            " OR coalesce(list_contains(CAST($countries AS VARCHAR[]), a.country), false))"
            " GROUP BY a.actor_id ORDER BY n DESC, a.actor_id LIMIT $limit",
            params,
        ).fetchall()
        return [Counterpart(Actor(actor_id, name, country, sector), n) for actor_id, name, country, sector, n in rows]

    def _actors(self, ids: list[str]) -> dict[str, Actor]:
        rows = self.con.execute(
            "SELECT actor_id, min(name), min(country), min(sector) FROM event_actors"
            " WHERE actor_id IN (SELECT unnest(CAST($ids AS VARCHAR[]))) GROUP BY actor_id",
            {"ids": ids},
        ).fetchall()
        return {row[0]: Actor(*row) for row in rows}

    # -- evidence -------------------------------------------------------------

    def _mentions(self, ids: list[str], dyads: list[str] | None) -> dict[str, list[Mention]]:
        """Mentions in the store's order; the dyad filter lets DuckDB skip most of a large table."""
        params: dict[str, Any] = {"ids": ids}
        where = "event_id IN (SELECT unnest(CAST($ids AS VARCHAR[])))"
        if dyads is not None:
            where = "dyad IN (SELECT unnest(CAST($dyads AS VARCHAR[]))) AND " + where
            params["dyads"] = dyads
        rows = self.con.execute(
            'SELECT event_id, doc_id, sentence, "start", "end", url, outlet, published, trigger FROM mentions'
            f' WHERE {where} ORDER BY published NULLS LAST, doc_id, "start", "end"',
            params,
        ).fetchall()
        found: dict[str, list[Mention]] = {}
        for event_id, doc_id, sentence, start, end, url, outlet, published, trigger in rows:
            span = Span(**json.loads(trigger)) if trigger else None
            found.setdefault(event_id, []).append(Mention(doc_id, sentence, start, end, url, outlet, published, span))
        return found

    def _quotes(self, ids: list[str]) -> dict[str, list[Quote]]:
        rows = self.con.execute(
            "SELECT eq.event_id, q.record FROM event_quotes eq JOIN quotes q"
            ' ON q.doc_id = eq.doc_id AND q."start" = eq."start" AND q."end" = eq."end"'
            " WHERE eq.event_id IN (SELECT unnest(CAST($ids AS VARCHAR[])))"
            ' ORDER BY q.doc_id, q."start", q."end"',
            {"ids": ids},
        ).fetchall()
        found: dict[str, list[Quote]] = {}
        for event_id, record in rows:
            found.setdefault(event_id, []).append(from_dict(Quote, json.loads(record)))
        return found


_ACTOR_MATCH = (
    "list_contains(CAST($ids AS VARCHAR[]), actor_id) OR list_contains(CAST($countries AS VARCHAR[]), country)"
)


def _where(filters: EventFilters) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of a search and its parameters (values never enter the SQL text)."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if filters.actor is not None:
        clauses.append(f"id IN (SELECT event_id FROM event_actors WHERE {_ACTOR_MATCH})")
        params.update(ids=sorted(filters.actor.ids), countries=sorted(filters.actor.countries))
    for column, values, kind in (
        ("type", filters.types, "VARCHAR"),
        ("quad_class", filters.quad_classes, "INTEGER"),
        ("status", filters.statuses, "VARCHAR"),
    ):
        if values:
            clauses.append(f"list_contains(CAST(${column}s AS {kind}[]), {column})")
            params[f"{column}s"] = list(values)
    for name, op in (("since", ">="), ("until", "<=")):
        bound = getattr(filters, name)
        if bound:
            width = f"least(length(date_value), length(${name}))"
            clauses.append(f"date_value IS NOT NULL AND left(date_value, {width}) {op} left(${name}, {width})")
            params[name] = bound
    if filters.place:
        clauses.append(
            "(contains(lower(json_extract_string(location, '$.name')), lower($place))"
            " OR json_extract_string(location, '$.country') = upper($place))"
        )
        params["place"] = filters.place
    if filters.text:
        clauses.append("id IN (SELECT event_id FROM mentions WHERE contains(lower(sentence), lower($text)))")
        params["text"] = filters.text
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
