"""Turn a time expression into the date form events carry.

Events are dated ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and nothing else, so
that dates from different articles compare and sort; finer or odder TIMEX3
values (weeks, seasons, quarters, times of day) become the month or year they
lie in, and the reason says what was given up.

An expression read against the publication date ("on Monday", "last year")
is still a date the text gives: its event basis is ``text``, and ``publication``
is kept for events that had no time expression at all (the fallback).
"""

from __future__ import annotations

from ..model import TimeValue, Timex
from .dates import parse_value


def to_time_value(timex: Timex) -> TimeValue | None:
    """The event-date form of a DATE (or dated TIME) timex; None for durations, sets, refs and decades."""
    if timex.type not in ("DATE", "TIME") or timex.value is None:
        return None
    parsed = parse_value(timex.value)
    if parsed is None:
        return None
    point, own = parsed
    reason = timex.reason
    if own == "time":
        reason += f"; the time of day in {timex.value} is dropped"
    elif own != point.granularity:
        reason += f"; the {own} {timex.value} is given as the {point.granularity} it lies in, {point.value}"
    basis = "text" if timex.basis == "publication" else timex.basis
    return TimeValue(point.value, point.granularity, basis, reason)
