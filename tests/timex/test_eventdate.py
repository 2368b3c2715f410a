"""The event-date form: YYYY, YYYY-MM or YYYY-MM-DD only."""

from __future__ import annotations

import pytest

from detente.model import Timex
from detente.timex import to_time_value


def _timex(value: str | None, type_: str = "DATE", granularity: str | None = "day") -> Timex:
    return Timex("doc", 0, 4, "text", type_, value, granularity, "text", "given")


@pytest.mark.parametrize(
    ("value", "granularity", "expected", "expected_granularity"),
    [
        ("2018-07-16", "day", "2018-07-16", "day"),
        ("2018-07", "month", "2018-07", "month"),
        ("2018", "year", "2018", "year"),
        ("2019-SP", "season", "2019", "year"),
        ("2012-Q3", "quarter", "2012", "year"),
        ("2018-W28", "week", "2018-07", "month"),
        ("2018-W26", "week", "2018", "year"),
        ("2013-03-20T15:00", "time", "2013-03-20", "day"),
        ("2021-06-14TMO", "time", "2021-06-14", "day"),
        ("2019-H1", "half", "2019", "year"),
    ],
)
def test_converts_to_event_date(
    value: str, granularity: str, expected: str, expected_granularity: str
) -> None:
    converted = to_time_value(_timex(value, "TIME" if "T" in value else "DATE", granularity))
    assert converted is not None
    assert (converted.value, converted.granularity, converted.basis) == (
        expected,
        expected_granularity,
        "text",
    )
    assert converted.reason.startswith("given")


def test_reason_says_what_was_given_up() -> None:
    converted = to_time_value(_timex("2019-SP", granularity="season"))
    assert converted is not None and "season" in converted.reason and "2019" in converted.reason


@pytest.mark.parametrize(
    ("value", "type_"),
    [("P2W", "DURATION"), ("P1Y", "SET"), ("PAST_REF", "DATE"), ("199X", "DATE"), (None, "DATE")],
)
def test_no_event_date(value: str | None, type_: str) -> None:
    assert to_time_value(_timex(value, type_)) is None
