"""The JSON API under /api: actors, timelines, event search and detail, the relation index, the brief.

Records are the interface's event records, exactly as ``detente timeline
--format jsonl`` prints them; every parameter is checked (``params``) before
the store is opened, and the store is closed before the answer is encoded.
OpenAPI docs are at /docs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from detente.model import Actor, Event
from detente.report.brief import write_brief
from detente.report.relation import left_out, relation_index
from detente.web import params
from detente.web.actors import SEARCH_LIMIT, Entry
from detente.web.respond import json_response
from detente.web.state import find_events, state

router = APIRouter(prefix="/api", tags=["api"])

MAX_PAGE = 500
MAX_OFFSET = 1_000_000_000

ActorName = Annotated[str, Query(description="An actor as people write it ('Putin', 'Russia', 'the Kremlin') or an actor id.",
                                 max_length=params.MAX_TEXT)]  # fmt: skip
Since = Annotated[str | None, Query(description="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only events on or before this date.")]
Types = Annotated[str | None, Query(alias="type", description="PLOVER types, comma-separated (CONSULT,AGREE).")]


@dataclass
class Timeline:
    """Events between two actors, either direction, by date."""

    a: str
    b: str
    count: int
    events: list[Event]


@dataclass
class EventPage:
    """One page of an event search: ``total`` events match, ``events`` holds those from ``offset``."""

    total: int
    limit: int
    offset: int
    events: list[Event]


@dataclass
class ActorMatches:
    """The entries an actor search found, best first."""

    query: str
    actors: list[Entry]


@dataclass
class PairCount:
    """Two actors and the number of events both take part in (their timeline's length)."""

    actors: list[Actor]
    events: int


@dataclass
class Month:
    """One month of the relation index (see ``detente.report.relation``)."""

    month: str
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    other: int
    events: int
    score: float
    mean: float | None


@dataclass
class LeftOutCounts:
    """Events the monthly series does not count: dated only to a year (by year), undated, not occurred (by status)."""

    year_only: dict[str, int]
    undated: int
    not_occurred: dict[str, int]


@dataclass
class Relation:
    """Monthly counts by quad class and the Goldstein score of the events that took place."""

    a: str
    b: str
    months: list[Month]
    left_out: LeftOutCounts


@dataclass
class ErrorAnswer:
    """Every error answer: what went wrong, and (unknown actors) the closest known names."""

    error: str
    closest: list[str] | None = None


ERRORS = {status: {"model": ErrorAnswer} for status in (400, 404, 413, 414, 431, 503)}
"""The error answers of every operation: a bad parameter, an unknown actor or event, a request past a size limit
(``limits``: a body, the query string's length, the headers), and a store that is missing or busy."""


@router.get("/actors", responses={200: {"model": ActorMatches}, **ERRORS}, summary="Search actors by name")
def search_actors(
    request: Request,
    q: Annotated[str, Query(description="A name or part of one.", max_length=params.MAX_TEXT)],
    limit: Annotated[int, Query(ge=1, le=100)] = SEARCH_LIMIT,
) -> Response:
    """Knowledge-base entries whose names match: what ``q`` resolves to first, then exact, prefix and inner matches."""
    text = params.text(q, "q")
    if text is None:
        raise params.Problem(400, "q: give a name or part of one")
    app = state(request)
    with app.access.reading() as reader:
        found = app.actors.search(text, reader, limit)
    return json_response(ActorMatches(text, found))


TIMELINE_ANSWER = {"model": Timeline, "content": {"application/x-ndjson": {}},
                   "description": "A Timeline; with format=jsonl, one event record per line (application/x-ndjson)."}  # fmt: skip


@router.get("/timeline", responses={200: TIMELINE_ANSWER, **ERRORS}, summary="Events between two actors")
def timeline(
    request: Request, a: ActorName, b: ActorName, since: Since = None, until: Until = None, type: Types = None,
    format: Annotated[Literal["json", "jsonl"], Query(description="json: one object; jsonl: one event record per line, as the CLI prints.")] = "json",
) -> Response:  # fmt: skip
    """Events between A and B in either direction, by date: the records of ``detente timeline A B --format jsonl``."""
    start, end = params.window(since, until)
    wanted = params.types(type)
    app = state(request)
    with app.access.reading() as reader:
        qa, qb = app.actors.query(params.name(a, "a"), reader, "a"), app.actors.query(params.name(b, "b"), reader, "b")
        events = reader.store.timeline(qa, qb, since=start, until=end, types=list(wanted) or None)
    if format == "jsonl":
        body = b"".join(orjson.dumps(e) + b"\n" for e in events)
        return Response(body, media_type="application/x-ndjson")
    return json_response(Timeline(qa.label, qb.label, len(events), events))


@router.get("/events", responses={200: {"model": EventPage}, **ERRORS}, summary="Search events")
def search_events(
    request: Request,
    actor: Annotated[str | None, Query(description="Only events with this actor on either side.", max_length=params.MAX_TEXT)] = None,
    type: Types = None,
    quad_class: Annotated[str | None, Query(description="Quad classes 1-4, comma-separated (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).")] = None,
    status: Annotated[str | None, Query(description="Statuses, comma-separated (occurred, planned, cancelled, hypothetical, negated).")] = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[str | None, Query(description="Part of a place name, or an ISO3 country code.", max_length=params.MAX_TEXT)] = None,
    q: Annotated[str | None, Query(description="Words an evidence sentence contains.", max_length=params.MAX_TEXT)] = None,
    order: Annotated[Literal["date", "latest"], Query(description="date: oldest first (undated last); latest: newest first.")] = "date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:  # fmt: skip
    """Events passing every filter given, one page at a time, with the total that match."""
    filters = params.event_filters(type=type, quad_class=quad_class, status=status, since=since, until=until, place=place, q=q)
    events, total = find_events(request, filters, params.text(actor, "actor"), limit, offset, order)
    return json_response(EventPage(total, limit, offset, events))


@router.get("/events/{event_id}", responses={200: {"model": Event}, **ERRORS}, summary="One event with its evidence")
def event_detail(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> Response:
    """The event record: every mention with its sentence and offsets, its quotes and its independent sources."""
    app = state(request)
    with app.access.reading() as reader:
        event = reader.event(event_id)
    if event is None:
        raise params.Problem(404, f"no event {event_id!r} in the store")
    return json_response(event)


@router.get("/relation", responses={200: {"model": Relation}, **ERRORS}, summary="The relation index of two actors")
def relation(request: Request, a: ActorName, b: ActorName, since: Since = None, until: Until = None) -> Response:
    """Every month from the first to the last event that took place: counts by quad class, Goldstein sum and mean."""
    start, end = params.window(since, until)
    app = state(request)
    with app.access.reading() as reader:
        qa, qb = app.actors.query(params.name(a, "a"), reader, "a"), app.actors.query(params.name(b, "b"), reader, "b")
        events = reader.store.timeline(qa, qb, since=start, until=end)
    months = [Month(**asdict(row), events=row.events, mean=row.mean) for row in relation_index(events, start, end)]
    out = left_out(events, start, end)
    return json_response(Relation(qa.label, qb.label, months, LeftOutCounts(out.year_only, out.undated, out.not_occurred)))


@router.get("/brief", responses={200: {"content": {"text/markdown": {}}}, **ERRORS}, summary="The brief of two actors")
def brief(request: Request, a: ActorName, b: ActorName) -> Response:
    """The dated, cited Markdown story of the relationship, as ``detente brief A B`` prints it."""
    app = state(request)
    with app.access.reading() as reader:
        qa, qb = app.actors.query(params.name(a, "a"), reader, "a"), app.actors.query(params.name(b, "b"), reader, "b")
        events = reader.store.timeline(qa, qb)
    return Response(write_brief(events, qa.label, qb.label), media_type="text/markdown; charset=utf-8")


@router.get("/pairs", responses={200: {"model": list[PairCount]}, **ERRORS}, summary="The most active pairs of actors")
def pairs(request: Request, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> Response:
    """Pairs of actors who take part together in the most events, in either direction."""
    app = state(request)
    with app.access.reading() as reader:
        found = reader.pairs(limit)
    return json_response([PairCount(list(p.actors), p.events) for p in found])
