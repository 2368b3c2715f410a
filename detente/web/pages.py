"""The HTML pages: home, search, a dyad's timeline, an event with its evidence, an actor, event search.

Each page reads what it shows inside one short read (``access``), then
renders a template; the parameters are the API's, checked by the same code,
so a page and its JSON twin always agree. Pages are left out of the OpenAPI
schema: /docs describes the JSON API only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from detente.report.relation import left_out
from detente.web import params
from detente.web.chart import timeline_chart
from detente.web.plans import chains
from detente.web.reads import EventFilters
from detente.web.respond import link
from detente.web.state import find_events, state

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 50
TOP = 10

Text = Annotated[str | None, Query(max_length=params.MAX_TEXT)]


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """A search box, the most active pairs of actors and the latest events."""
    app = state(request)
    with app.access.reading() as reader:
        counts = reader.store.stats()
        pairs = reader.pairs(TOP)
        latest, _ = reader.search(EventFilters(), TOP, order="latest")
    return app.pages.render(request, "home.html", counts=counts, pairs=pairs, latest=latest)


@router.get("/search")
def search(request: Request, q: Text = None) -> HTMLResponse:
    """Actors whose names match, and events whose evidence contains the words."""
    text = params.text(q, "q")
    app = state(request)
    if text is None:
        return app.pages.render(request, "search.html", q="", actors=[], events=[], total=0)
    with app.access.reading() as reader:
        actors = app.actors.search(text, reader, TOP)
        events, total = reader.search(EventFilters(text=text), PAGE, order="latest")
    return app.pages.render(request, "search.html", q=text, actors=actors, events=events, total=total)


@router.get("/dyad")
def dyad(request: Request, a: Text = None, b: Text = None, since: Text = None, until: Text = None,
         type: Text = None) -> HTMLResponse:  # fmt: skip
    """Two actors: the timeline chart with the monthly mean, what it leaves out, and every event."""
    name_a, name_b = params.text(a, "a"), params.text(b, "b")
    if not name_a or not name_b:
        raise params.Problem(400, "give two actors, a and b (for example a=Trump&b=Putin)")
    start, end = params.window(since, until)
    wanted = params.types(type)
    app = state(request)
    with app.access.reading() as reader:
        qa, qb = app.actors.query(name_a, reader, "a"), app.actors.query(name_b, reader, "b")
        events = reader.store.timeline(qa, qb, since=start, until=end, types=list(wanted) or None)
    query = {"a": name_a, "b": name_b, "since": start, "until": end, "type": ",".join(wanted)}
    return app.pages.render(
        request, "dyad.html", a=qa.label, b=qb.label, query=query, events=events, chart=timeline_chart(events),
        left=left_out(events, start, end).sentences(),
    )  # fmt: skip


@router.get("/events")
def events(request: Request, actor: Text = None, type: Text = None, quad_class: Text = None, status: Text = None,
           since: Text = None, until: Text = None, place: Text = None, q: Text = None,
           page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:  # fmt: skip
    """Event search with every filter of /api/events, a page of results at a time."""
    filters = params.event_filters(type=type, quad_class=quad_class, status=status, since=since, until=until, place=place, q=q)
    name = params.text(actor, "actor")
    found, total = find_events(request, filters, name, PAGE, (page - 1) * PAGE)
    app = state(request)
    query = {"actor": name, "type": type, "quad_class": quad_class, "status": status, "since": since, "until": until,
             "place": place, "q": q}  # fmt: skip
    pages = max(1, -(-total // PAGE))
    return app.pages.render(
        request, "events.html", query={k: (v or "").strip() for k, v in query.items()}, events=found, total=total,
        page=page, pages=pages, offset=(page - 1) * PAGE,
        previous=link("/events", **query, page=page - 1) if page > 1 else None,
        next=link("/events", **query, page=page + 1) if page < pages else None,
    )  # fmt: skip


@router.get("/events/{event_id}")
def event(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """One event: what, when (and why that date), who, where, the plan it was or the event held as it, and
    every sentence that reports it."""
    app = state(request)
    with app.access.reading() as reader:
        found = reader.event(event_id)
        articles = reader.articles([m.doc_id for m in found.mentions]) if found else {}
        linked = reader.events_by_id(sorted({link["event_id"] for link in found.links})) if found else []
    if found is None:
        raise params.Problem(404, f"no event {event_id!r} in the store")
    plans = chains(found, {e.id: e for e in linked})
    return app.pages.render(request, "event.html", event=found, articles=articles, plans=plans)


@router.get("/actor")
def actor(request: Request, name: Text = None) -> HTMLResponse:
    """An actor: what the knowledge base says, who they deal with most, and their latest events."""
    text = params.name(name, "name")
    app = state(request)
    with app.access.reading() as reader:
        query = app.actors.query(text, reader, "name")
        entries = app.actors.entries(query, reader)
        counterparts = reader.counterparts(query, 15)
        latest, total = reader.search(EventFilters(actor=query), 20, order="latest")
    return app.pages.render(request, "actor.html", name=text, label=query.label, entries=entries,
                            counterparts=counterparts, events=latest, total=total)  # fmt: skip
