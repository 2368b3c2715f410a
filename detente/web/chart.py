"""The dyad timeline chart as plain SVG geometry, computed here and drawn by a template.

Each dated event is a dot: across, its date (a day where known, the middle
of its month or year where that is all the text gives); up, its Goldstein
score (+10 most cooperative, -10 most conflictual); its colour, its quad
class; hollow when it did not (or not yet) happen. The line is the monthly
mean Goldstein of the events that took place (``relation_index``), broken
where a month has none. Dots that would cover each other are fanned out a
few pixels up and down. Computing the geometry in Python keeps the page
readable without JavaScript (each dot is a link with a title); the script
only adds the hover card, taking the evidence from the event's row in the
list below rather than repeating it in the chart.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from detente.model import Event
from detente.report.brief import MONTHS, describe, render_date
from detente.report.relation import date_precision, month_index, relation_index

WIDTH = 960
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 32
DOT = 4.5


@dataclass(frozen=True)
class Point:
    """One event's dot and what its hover card says."""

    id: str
    x: float
    y: float
    quad_class: int
    status: str
    precision: str
    """``day``, ``month`` or ``year``: how finely the event is dated."""
    date: str
    what: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything the template draws, in SVG user units (the viewBox is WIDTH x HEIGHT)."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    zero: float
    points: list[Point]
    lines: list[str]
    """SVG ``points`` attributes, one per unbroken run of months."""
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    undated: int


def position(event: Event) -> tuple[float, str] | None:
    """Where the event's date falls, in months since year 0, and how precise it is; None when undated."""
    place = date_precision(event.date)
    if place is None:
        return None
    kind, value = place
    if kind == "year":
        return int(value) * 12 + 6.0, "year"
    parts = (event.date.value or "").split("-")
    if event.date.granularity == "day" and len(parts) > 2 and parts[2].isdigit():
        days = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        day = min(max(int(parts[2]), 1), days)
        return month_index(value) + (day - 0.5) / days, "day"
    return month_index(value) + 0.5, "month"


def timeline_chart(events: list[Event]) -> Chart:
    """The chart of a dyad's events (as ``Store.timeline`` returns them)."""
    placed = [(pos, event) for event in events if (pos := position(event)) is not None]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if placed:
        low, high = min(p[0][0] for p in placed), max(p[0][0] for p in placed)
    else:
        low = high = 0.0
    pad = max(1.0, (high - low) * 0.03)
    low, high = low - pad, high + pad

    def x_of(months: float) -> float:
        return round(LEFT + (months - low) / (high - low) * plot_w, 1)

    def y_of(goldstein: float) -> float:
        return round(TOP + (10 - goldstein) / 20 * plot_h, 1)

    crowd: Counter[tuple[int, float]] = Counter()
    points = []
    for (months, precision), event in placed:
        x, y = x_of(months), y_of(event.goldstein)
        key = (round(x / (DOT * 2)), y)
        k = crowd[key]
        crowd[key] += 1
        y = min(max(y + (k + 1) // 2 * DOT * 1.6 * (-1 if k % 2 else 1), TOP), TOP + plot_h)
        points.append(Point(event.id, x, round(y, 1), event.quad_class, event.status, precision,
                            render_date(event.date), describe(event)))  # fmt: skip
    lines: list[str] = []
    run: list[str] = []
    for row in relation_index(events):
        if row.mean is None:
            if run:
                lines.append(" ".join(run))
            run = []
            continue
        centre, y = month_index(row.month) + 0.5, y_of(row.mean)
        run.append(f"{x_of(centre)},{y}")
    if run:
        lines.append(" ".join(run))
    lines = [line if " " in line else _stub(line) for line in lines]
    return Chart(
        width=WIDTH, height=HEIGHT, left=LEFT, right=WIDTH - RIGHT, top=TOP, bottom=TOP + plot_h, zero=y_of(0),
        points=points, lines=lines, x_ticks=_time_ticks(low, high, x_of) if placed else [],
        y_ticks=[Tick(y_of(v), f"{v:+d}" if v else "0") for v in (10, 5, 0, -5, -10)],
        undated=len(events) - len(placed),
    )  # fmt: skip


def _stub(point: str) -> str:
    """A lone month of the line as a short dash, so it shows."""
    x, y = (float(v) for v in point.split(","))
    return f"{x - 6},{y} {x + 6},{y}"


def _time_ticks(low: float, high: float, x_of: Callable[[float], float]) -> list[Tick]:
    """Year ticks for long spans, month ticks (every 1, 2, 3 or 6 months) for short ones; at most ~12."""
    span = high - low
    ticks = []
    if span > 30:
        step = next(s for s in (1, 2, 5, 10, 20, 50) if span / 12 / s <= 12)
        first = int(low // 12) + 1
        for year in range(first, int(high // 12) + 1):
            if year % step == 0:
                ticks.append(Tick(x_of(year * 12.0), str(year)))
        return ticks
    step = next(s for s in (1, 2, 3, 6) if span / s <= 12)
    for index in range(int(low) + 1, int(high) + 1):
        if index % step == 0:
            label = MONTHS[index % 12][:3] + (f" {index // 12}" if index % 12 == 0 or not ticks else "")
            ticks.append(Tick(x_of(float(index)), label))
    return ticks

