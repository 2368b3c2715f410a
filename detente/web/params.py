"""Checking what a request asks for, so a bad parameter is a 400 that says what is wrong.

The same rules as the command line: dates are ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; types are PLOVER types; lists are comma-separated. A value
that breaks a rule raises ``Problem``, which the app turns into a JSON error
or an error page; nothing here reaches the store unchecked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.ontology import PLOVER_TYPES, STATUSES
from detente.report.relation import QUAD_CLASSES
from detente.web.reads import EventFilters

MAX_TEXT = 200
"""Longest name or search text accepted: longer input is a mistake (or an attack), not a query."""


class Problem(Exception):
    """A request that cannot be answered as asked: an HTTP status, a message, and extra JSON fields."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def text(value: str | None, name: str) -> str | None:
    """A free-text parameter, trimmed; empty means not given."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise Problem(400, f"{name}: at most {MAX_TEXT} characters")
    if any(ord(c) < 32 for c in value):
        raise Problem(400, f"{name}: control characters are not allowed")
    return value


def day(value: str | None, name: str) -> str | None:
    """A date bound as the command line takes it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    value = text(value, name)
    if value is None:
        return None
    wrong = Problem(400, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(value) not in {4, 7, 10}:
        raise wrong
    try:
        date.fromisoformat(value + "-01-01"[len(value) - 4 :])
    except ValueError:
        raise wrong from None
    return value


def window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Both date bounds, checked, and in order."""
    start, end = day(since, "since"), day(until, "until")
    if start and end:
        width = min(len(start), len(end))
        if start[:width] > end[:width]:
            raise Problem(400, f"since ({start}) is after until ({end})")
    return start, end


def types(value: str | None) -> tuple[str, ...]:
    """PLOVER types, comma-separated, any case."""
    wanted = _items(value, "type")
    found = tuple(t.upper() for t in wanted)
    unknown = [t for t in found if t not in PLOVER_TYPES]
    if unknown:
        raise Problem(400, f"type: unknown PLOVER type(s) {', '.join(unknown)}; known: {', '.join(PLOVER_TYPES)}")
    return found


def quad_classes(value: str | None) -> tuple[int, ...]:
    """Quad classes 1-4, comma-separated (1 verbal cooperation … 4 material conflict)."""
    found = []
    for item in _items(value, "quad_class"):
        if not item.isdigit() or int(item) not in QUAD_CLASSES:
            known = "; ".join(f"{n} {name}" for n, name in QUAD_CLASSES.items())
            raise Problem(400, f"quad_class: {item!r} is not a quad class ({known})")
        found.append(int(item))
    return tuple(found)


def statuses(value: str | None) -> tuple[str, ...]:
    """Event statuses, comma-separated."""
    found = tuple(s.lower() for s in _items(value, "status"))
    unknown = [s for s in found if s not in STATUSES]
    if unknown:
        raise Problem(400, f"status: unknown status(es) {', '.join(unknown)}; known: {', '.join(STATUSES)}")
    return found


def _items(value: str | None, name: str) -> list[str]:
    value = text(value, name)
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def name(value: str | None, param: str) -> str:
    """An actor parameter that must be given."""
    found = text(value, param)
    if found is None:
        raise Problem(400, f"{param}: give an actor's name")
    return found


def event_filters(**given: str | None) -> EventFilters:
    """The checked filters of an event search, all but the actor (which needs the store to resolve)."""
    since, until = window(given["since"], given["until"])
    return EventFilters(
        types=types(given["type"]), quad_classes=quad_classes(given["quad_class"]), statuses=statuses(given["status"]),
        since=since, until=until, place=text(given["place"], "place"), text=text(given["q"], "q"),
    )  # fmt: skip
