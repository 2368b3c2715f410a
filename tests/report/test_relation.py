"""The relation index: monthly counts and score, what is left out, the terminal chart and the image."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from detente.model import Event
from detente.report.relation import (
    LeftOut,
    MonthRow,
    left_out,
    relation_index,
    terminal_chart,
    write_chart,
)
from tests.report.test_brief import event


def ev(
    event_id: str,
    value: str | None,
    goldstein: float,
    quad_class: int,
    *,
    status: str = "occurred",
    granularity: str | None = None,
) -> Event:
    if granularity is None and value is not None:
        granularity = {4: "year", 7: "month", 10: "day"}[len(value)]
    made = event(event_id, value, granularity, quad_class=quad_class, status=status)
    return dataclasses.replace(made, goldstein=goldstein)


def dyad() -> list[Event]:
    return [
        ev("a", "2018-03-20", 1.0, 1),
        ev("b", "2018-03", 4.0, 1),
        ev("c", "2018-07-16", 1.0, 1),
        ev("d", "2018-07-17", -2.0, 3),
        ev("e", "2018-09-01", -5.0, 4),
        ev("f", "2018-11", -4.0, 3),
        ev("g", "2019", 1.0, 1),
        ev("h", "2019-02-02", 7.0, 2),
        ev("p", "2019-06", -2.0, 3, status="planned"),
        ev("n", "2018-05", -10.0, 4, status="negated"),
        ev("x", "2018-05", 3.0, 1, status="hypothetical"),
        ev("k", "2018-06", 1.0, 1, status="cancelled"),
        ev("u", None, 1.0, 1),
    ]


def test_every_month_from_first_to_last_with_zeros() -> None:
    rows = relation_index(dyad())
    assert [row.month for row in rows] == [
        "2018-03", "2018-04", "2018-05", "2018-06", "2018-07", "2018-08",
        "2018-09", "2018-10", "2018-11", "2018-12", "2019-01", "2019-02",
    ]  # fmt: skip
    by_month = {row.month: row for row in rows}
    assert by_month["2018-03"] == MonthRow("2018-03", verbal_cooperation=2, score=5.0)
    assert by_month["2018-07"] == MonthRow("2018-07", verbal_cooperation=1, verbal_conflict=1, score=-1.0)
    assert by_month["2018-09"].material_conflict == 1
    assert by_month["2019-02"].material_cooperation == 1
    for empty in ("2018-04", "2018-05", "2018-06", "2018-08", "2018-10", "2018-12", "2019-01"):
        assert by_month[empty] == MonthRow(empty)
        assert by_month[empty].events == 0
        assert by_month[empty].mean is None


def test_score_is_the_sum_and_mean_the_average_of_goldstein() -> None:
    [row] = relation_index([ev("a", "2020-01-05", 4.0, 1), ev("b", "2020-01", -10.0, 4)])
    assert row.score == pytest.approx(-6.0)
    assert row.mean == pytest.approx(-3.0)
    assert (row.events, row.cooperation, row.conflict) == (2, 1, 1)


def test_only_occurred_events_count() -> None:
    rows = relation_index(dyad())
    assert sum(row.events for row in rows) == 7  # a b c d e f h; g is year-only, u undated
    assert sum(row.score for row in rows) == pytest.approx(1 + 4 + 1 - 2 - 5 - 4 + 7)
    # the planned event in 2019-06 does not stretch the series
    assert rows[-1].month == "2019-02"
    assert relation_index([ev("p", "2019-06", -2.0, 3, status="planned")]) == []


def test_year_only_and_undated_events_are_reported_not_spread() -> None:
    rows = relation_index(dyad())
    assert all(row.month[:4] != "2019" or row.month == "2019-01" or row.month == "2019-02" for row in rows)
    assert sum(row.verbal_cooperation for row in rows if row.month.startswith("2019")) == 0
    out = left_out(dyad())
    assert out == LeftOut(
        year_only={"2019": 1},
        undated=1,
        not_occurred={"cancelled": 1, "hypothetical": 1, "negated": 1, "planned": 1},
    )
    # a day value with year granularity is year-only too
    assert relation_index([ev("y", "2018-07-16", 1.0, 1, granularity="year")]) == []
    assert left_out([ev("y", "2018-07-16", 1.0, 1, granularity="year")]).year_only == {"2018": 1}


def test_since_and_until_overlap_like_the_store() -> None:
    rows = relation_index(dyad(), since="2018-07-17", until="2018-11-30")
    # 2018-07 (month) overlaps since=2018-07-17 on the common prefix; 2018-07-16 (day) does not
    assert [row.month for row in rows] == ["2018-07", "2018-08", "2018-09", "2018-10", "2018-11"]
    assert rows[0] == MonthRow("2018-07", verbal_conflict=1, score=-2.0)
    out = left_out(dyad(), since="2019")
    assert out == LeftOut(year_only={"2019": 1}, undated=0, not_occurred={"planned": 1})


def test_an_empty_dyad_has_no_rows() -> None:
    assert relation_index([]) == []
    assert terminal_chart([]) == "No dated events that took place to chart.\n"
    assert not LeftOut()


def test_terminal_chart_fits_80_columns_and_shows_the_sign() -> None:
    rows = relation_index(dyad())
    text = terminal_chart(rows, left_out(dyad()))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith("month")
    assert lines[0].endswith("V+ M+ V- M-")
    month_lines = [line for line in lines if line[:4].isdigit()]
    assert len(month_lines) == len(rows)
    centre = lines[0].index("│")
    for line, row in zip(month_lines, rows, strict=True):
        assert line.startswith(row.month)
        assert line[centre] == "│"
        left, right = line[:centre].rstrip(), line[centre + 1 :]
        if row.score > 0:
            assert right.startswith("█") and not left.endswith("█")
        elif row.score < 0:
            assert left.endswith("█") and not right.startswith("█")
        else:
            assert "█" not in line
    # the largest absolute score gets the longest bar
    longest = max(month_lines, key=lambda line: line.count("█"))
    assert longest.startswith("2019-02")
    assert "2018-03  +5.0" in text
    assert "2019-02  +7.0" in text
    assert lines[month_lines.index(month_lines[0]) + 1].split()[-4:] == ["2", "0", "0", "0"]
    assert "Not charted: 1 event dated only to a year (2019: 1)." in text
    assert "Not charted: 1 event without a date." in text
    assert "Not counted: 4 events that did not happen" in text


def test_terminal_chart_stays_narrow_with_big_numbers_and_can_be_ascii() -> None:
    many = [ev(f"e{i}", "2021-01", -10.0, 4) for i in range(1234)] + [ev("c", "2021-03", 7.0, 2)]
    text = terminal_chart(relation_index(many), width=80, ascii_only=True)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "-12340.0" in text
    assert "1234" in text
    assert all(ord(ch) < 128 for ch in text)
    narrow = terminal_chart(relation_index(dyad()), width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60


def test_write_chart_png_and_svg(tmp_path: Path) -> None:
    rows = relation_index(dyad())
    png = write_chart(rows, tmp_path / "dyad.png", title="Trump and Putin")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 1000
    svg = write_chart(rows, tmp_path / "dyad.SVG")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and text.rstrip().endswith("</svg>")
    assert "2018-03" in text and "verbal conflict" in text
    # the same rows give the same SVG (no date, fixed ids)
    again = write_chart(rows, tmp_path / "again.svg").read_text(encoding="utf-8")
    assert again == text


def test_write_chart_of_nothing_and_bad_suffix(tmp_path: Path) -> None:
    empty = write_chart([], tmp_path / "empty.png")
    assert empty.read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        write_chart(relation_index(dyad()), tmp_path / "dyad.pdf")
    assert not (tmp_path / "dyad.pdf").exists()


def test_terminal_chart_can_fold_long_runs_of_empty_months() -> None:
    events = [ev("a", "2017-01", 1.0, 1), ev("b", "2017-03", 4.0, 1), ev("c", "2021-02", -4.0, 3)]
    rows = relation_index(events)
    assert len(rows) == 50
    full = terminal_chart(rows)
    assert len([line for line in full.splitlines() if line[:4].isdigit()]) == 50
    folded = terminal_chart(rows, collapse=3)
    month_lines = [line for line in folded.splitlines() if line[:4].isdigit()]
    # 2017-01, 2017-02 (a run of one is kept), 2017-03, the folded run 2017-04..2021-01, 2021-02
    assert [line[:7] for line in month_lines] == ["2017-01", "2017-02", "2017-03", "2017-04", "2021-02"]
    assert month_lines[3].endswith("┊ to 2021-01, no events")
    assert max(len(line) for line in folded.splitlines()) <= 80
