"""A plan and the event held, as the pages show them: "Planned on 20 June 2019 (2 reports) → held on 29 June 2019".

The store links a planned (or cancelled) event to the event held as it, both
ways (``Event.links``, see ``detente.store``). A link carries only the other
event's id and date; the event page also says when the plan was first
reported and by how many articles, so it reads the linked events themselves
(a handful, by id). A list row has no room for that and no reason to read
more: it tells the link from its own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.model import Event, TimeValue
from detente.report.brief import render_date

PLAN_KINDS = ("plan_of", "cancelled_plan_of")
"""Kinds of link held by the plan; the other two (``held_as``, ``rescheduled_from``) by the event held."""


@dataclass(frozen=True)
class Step:
    """One end of a link: what it says, and the event page it opens (None for the event the page shows)."""

    text: str
    href: str | None


@dataclass(frozen=True)
class Chain:
    """A plan (or a cancelled plan) and the event held, in that order."""

    plan: Step
    held: Step


def chains(event: Event, linked: dict[str, Event]) -> list[Chain]:
    """The plan-to-held chains ``event`` is part of, one per link, told from ``linked`` (the other events, by id).

    A linked event missing from ``linked`` (removed since the link was read)
    is told from the link's own date, so the page never shows less than the
    link says.
    """
    found = []
    for link in event.links:
        other = linked.get(link["event_id"])
        cancelled = link["kind"] in ("cancelled_plan_of", "rescheduled_from")
        if link["kind"] in PLAN_KINDS:
            plan = Step(_plan_text(event, None, cancelled), None)
            held = Step(_held_text(other, link["date"], cancelled), _href(link))
        else:
            plan = Step(_plan_text(other, link["date"], cancelled), _href(link))
            held = Step(_held_text(event, None, cancelled), None)
        found.append(Chain(plan, held))
    return found


def link_note(link: dict[str, Any]) -> str:
    """One link as a list row tells it, from the link alone: "held on 16 July 2018", "planned for July 2018"."""
    kind, date = link["kind"], link.get("date")
    if kind in PLAN_KINDS:
        held = "rescheduled, held" if kind == "cancelled_plan_of" else "held"
        return f"{held} {_when(date)}" if date else f"{held}, date unknown"
    if kind == "rescheduled_from":
        return f"after a cancelled plan for {render_date(_time_value(date))}" if date else "after a cancelled plan"
    return f"planned for {render_date(_time_value(date))}" if date else "planned, undated"


def _plan_text(plan: Event | None, date: str | None, cancelled: bool) -> str:
    """ "Planned on <first report> (<n> reports) for <date>" ("Cancelled ..." for a cancelled plan); from the link's
    date alone when the plan itself is not at hand."""
    text = "Cancelled" if cancelled else "Planned"
    if plan is None:
        return f"{text} for {render_date(_time_value(date))}" if date else text
    reported = min((m.published[:10] for m in plan.mentions if m.published), default=None)
    articles = len({m.doc_id for m in plan.mentions})
    if reported:
        text += f" {_when(reported)}"
    if articles:
        text += f" ({articles} report{'' if articles == 1 else 's'})"
    if plan.date.value:
        text += f" for {render_date(plan.date)}"
    return text


def _held_text(held: Event | None, date: str | None, rescheduled: bool) -> str:
    """ "held on <date>" ("rescheduled and held on <date>" after a cancelled plan)."""
    text = "rescheduled and held" if rescheduled else "held"
    when = _on(held.date) if held is not None else _when(date)
    return f"{text} {when}" if when else f"{text}, date unknown"


def _href(link: dict[str, Any]) -> str:
    return f"/events/{link['event_id']}"


def _when(value: str | None) -> str:
    """A bare date with its preposition ("on 16 July 2018", "in July 2018"), or "" for none."""
    return _on(_time_value(value))


def _on(date: TimeValue) -> str:
    """The date with its preposition, as precisely as its granularity says, or "" for none."""
    if not date.value:
        return ""
    return ("on " if date.granularity == "day" else "in ") + render_date(date)


def _time_value(value: str | None) -> TimeValue:
    """A bare date value as a TimeValue, its granularity read from its length."""
    return TimeValue(value, {4: "year", 7: "month", 10: "day"}.get(len(value or "")), "text", "")
