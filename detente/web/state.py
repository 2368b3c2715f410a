"""What the app keeps between requests: where the store is, the actor resolver, the templates.

Nothing here holds the store open (see ``access``); the knowledge base and
the templates are loaded once, when the app is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from detente.web.access import StoreAccess
from detente.web.actors import Actors
from detente.web.respond import Pages


@dataclass(frozen=True)
class AppState:
    access: StoreAccess
    actors: Actors
    pages: Pages


def state(request: Request) -> AppState:
    """The app's state, as ``create_app`` set it."""
    return request.app.state.detente
