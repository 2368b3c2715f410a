"""The chart geometry: where each event goes, the mean line and its breaks, and the axis ticks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from detente.model import TimeValue
from detente.web.chart import HEIGHT, TOP, position, timeline_chart
from tests.web.conftest import tiny_results

EVENTS = sorted((e for r in tiny_results() for e in r.events), key=lambda e: (e.date.value or "9", e.id))


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (TimeValue("2018-07-16", "day", "text", ""), (2018 * 12 + 6 + 15.5 / 31, "day")),
        (TimeValue("2018-07", "month", "text", ""), (2018 * 12 + 6.5, "month")),
        (TimeValue("2018", "year", "text", ""), (2018 * 12 + 6.0, "year")),
        (TimeValue("2018-SU", "year", "text", ""), (2018 * 12 + 6.0, "year")),
        (TimeValue(None, None, "publication", ""), None),
    ],
)
def test_position_places_a_date_as_precisely_as_it_is(date: TimeValue, expected: tuple[float, str] | None) -> None:
    assert position(replace(EVENTS[0], date=date)) == expected


def test_one_dot_per_dated_event_in_date_order_and_score_height() -> None:
    chart = timeline_chart(EVENTS)
    assert [p.id for p in chart.points] == [e.id for e in EVENTS if e.date.value]
    assert chart.undated == 1
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and chart.left <= min(xs) and max(xs) <= chart.right
    by_id = {p.id: p for p in chart.points}
    assert by_id["ev-aid"].y < chart.zero < by_id["ev-accuse"].y  # +7 above the zero line, -2 below
    assert by_id["ev-sanction"].precision == "year" and by_id["ev-sanction"].status == "planned"
    assert min(p.y for p in chart.points) >= TOP and max(p.y for p in chart.points) <= HEIGHT


def test_dots_on_the_same_spot_are_fanned_out() -> None:
    twin = replace(next(e for e in EVENTS if e.id == "ev-helsinki"), id="ev-twin")
    pair = [p for p in timeline_chart([*EVENTS, twin]).points if p.id in {"ev-helsinki", "ev-twin"}]
    assert len(pair) == 2 and len({p.y for p in pair}) == 2 and len({p.x for p in pair}) == 1


def test_mean_line_breaks_at_months_without_events() -> None:
    chart = timeline_chart(EVENTS)
    # July 2018 (two events), August (one), September (one): three consecutive months, one unbroken line
    assert len(chart.lines) == 1 and len(chart.lines[0].split()) == 3
    apart = [e for e in EVENTS if e.id in {"ev-helsinki", "ev-aid"}]
    far = replace(apart[1], date=TimeValue("2019-03-01", "day", "text", ""))
    lines = timeline_chart([apart[0], far]).lines
    assert len(lines) == 2 and all(len(line.split()) == 2 for line in lines)  # lone months drawn as dashes


def test_ticks_are_months_for_a_short_span_and_years_for_a_long_one() -> None:
    short = timeline_chart(EVENTS)
    assert any(t.label.startswith("Jan 2019") or t.label == "2019" for t in short.x_ticks)
    assert all(len(t.label) <= 8 for t in short.x_ticks)
    long_ago = replace(EVENTS[0], id="ev-old", date=TimeValue("1995-01-01", "day", "text", ""))
    years = timeline_chart([*EVENTS, long_ago]).x_ticks
    assert all(t.label.isdigit() for t in years) and 3 <= len(years) <= 13


def test_no_events_no_dots() -> None:
    chart = timeline_chart([])
    assert chart.points == [] and chart.lines == [] and chart.x_ticks == [] and chart.undated == 0
