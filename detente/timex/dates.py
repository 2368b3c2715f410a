"""Calendar arithmetic on partial dates and their TIMEX3 spellings.

A ``Point`` is a date known only to some granularity (``2018``, ``2018-07``,
``2018-07-16``); shifting it by a unit coarser than what is known would invent
precision, so every operation keeps or coarsens the granularity, never refines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTHS_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
"""The month each TimeML season starts in (northern hemisphere, as news writes them)."""

GRANULARITY_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade")
"""From finest to coarsest."""


@dataclass(frozen=True)
class Point:
    """A calendar date known to ``granularity`` (``year``, ``month`` or ``day``)."""

    year: int
    month: int = 1
    day: int = 1
    granularity: str = "year"

    def __post_init__(self) -> None:
        """Refuse years a TIMEX3 value (four digits) and Python's dates cannot hold.

        Why here: "200 years ago" in an article dated 0001-01-01, or "a million
        years ago" in any, is counted in plain integers and would otherwise
        come out as the value ``-199``; the error (the one ``date`` raises)
        lets :func:`detente.timex.normalise.resolve` give no value instead.
        """
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")

    @property
    def value(self) -> str:
        """The TIMEX3 value: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.granularity == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.granularity == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> date:
        """The first day the point can denote (for arithmetic)."""
        return date(self.year, self.month, self.day)


def day_point(d: date) -> Point:
    """A day-granular point for a calendar date."""
    return Point(d.year, d.month, d.day, "day")


def finer(a: str, b: str) -> bool:
    """Whether granularity ``a`` is strictly finer than ``b``."""
    return GRANULARITY_ORDER.index(a) < GRANULARITY_ORDER.index(b)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` (negative moves back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift(point: Point, amount: int, unit: str) -> Point:
    """``point`` moved by ``amount`` units; the result is as granular as the unit.

    Why the unit sets the granularity: "a year later" after "July 16, 2018" says
    2019, not 2019-07-16; the writer measured in years.
    """
    if unit == "Y":
        return Point(point.year + amount)
    if unit == "M":
        year, month = add_months(point.year, point.month, amount)
        return Point(year, month, 1, "month")
    days = amount * (7 if unit == "W" else 1)
    return day_point(point.as_date() + timedelta(days=days))


def week_value(d: date) -> str:
    """The ISO week TIMEX3 value (``2021-W24``) of a date."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekend_value(d: date) -> str:
    """The TIMEX3 value of the weekend of the ISO week holding ``d``."""
    return week_value(d) + "-WE"


def season_of(month: int) -> str:
    """The season code of a month (December counts with the following winter's year)."""
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def quarter_of(month: int) -> int:
    """The calendar quarter of a month."""
    return (month - 1) // 3 + 1


_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?|W(?P<week>\d\d)(?:-\w+)?|(?P<season>SP|SU|FA|WI)"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])))?(?:T.*)?$"
)


def parse_value(value: str) -> tuple[Point, str] | None:
    """A TIMEX3 DATE value as the (year, month or day) Point it lies in, and its own granularity.

    Weeks, seasons, quarters and halves come back as the month they start in when they
    lie within one month's reach, else as their year, so that callers can take
    ``Point.value`` as an event date.
    """
    match = _VALUE.match(value)
    if not match:
        return None
    try:
        return _point_of(match, value)
    except ValueError:  # a year or ISO week no calendar date has (year 0, week 54)
        return None


def _point_of(match: re.Match[str], value: str) -> tuple[Point, str]:
    year = int(match["year"])
    if match["day"]:
        own = "time" if "T" in value else "day"
        return Point(year, int(match["month"]), int(match["day"]), "day"), own
    if match["month"]:
        return Point(year, int(match["month"]), 1, "month"), "month"
    if match["week"]:
        monday = date.fromisocalendar(year, int(match["week"]), 1)
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return Point(monday.year, monday.month, 1, "month"), "week"
        return Point(monday.year) if monday.year == sunday.year else Point(year), "week"
    if match["season"]:
        return Point(year), "season"
    if match["quarter"]:
        return Point(year), "quarter"
    if match["half"]:
        return Point(year), "half"
    return Point(year), "year"


def holiday_date(name: str, year: int) -> date:
    """The day of a holiday named as in ``lexicon.HOLIDAY_RE`` in ``year``.

    Thanksgiving is the US one (fourth Thursday of November), Election Day the
    US one (the Tuesday after the first Monday of November), Easter the Western
    (Gregorian) one.
    """
    key = " ".join(name.lower().replace("’", "'").split())
    if key.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key.startswith("election"):
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    if key.startswith("easter"):
        return _easter(year)
    fixed = {"christmas eve": (12, 24), "new year's eve": (12, 31), "halloween": (10, 31),
             "valentine's day": (2, 14)}  # fmt: skip
    if key in fixed:
        return date(year, *fixed[key])
    return date(year, 1, 1) if key.startswith("new year") else date(year, 12, 25)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)
