"""What the app keeps between requests: where the store is, the actor resolver, the templates.

Nothing here holds the store open (see ``access``); the knowledge base and
the templates are loaded once, when the app is made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import Request

from detente.model import Event
from detente.web.access import StoreAccess
from detente.web.actors import Actors
from detente.web.reads import EventFilters
from detente.web.respond import Pages


@dataclass(frozen=True)
class AppState:
    access: StoreAccess
    actors: Actors
    pages: Pages


def state(request: Request) -> AppState:
    """The app's state, as ``create_app`` set it."""
    return request.app.state.detente


def find_events(
    request: Request, filters: EventFilters, actor: str | None, limit: int, offset: int, order: str = "date"
) -> tuple[list[Event], int]:
    """One page of events for the API and the search page alike: the actor named is resolved as the command line does."""
    app = state(request)
    with app.access.reading() as reader:
        if actor:
            filters = replace(filters, actor=app.actors.query(actor, reader, "actor"))
        return reader.search(filters, limit, offset, order)
