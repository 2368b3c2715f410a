"""Expressions whose value would leave the calendar (years 1 to 9999) have no value and say why, never an error.

Found by the fuzz tests (tests/fuzz/test_timex.py): a publication date of
0001-01-01 or 9999-12-31 (a Parquet ``infinity`` date reads as the latter) made
"the day before yesterday" raise OverflowError, and counting in years gave
values such as ``-199`` and ``10000-05``.
"""

from __future__ import annotations

import pytest

from detente.timex.dates import parse_value
from detente.timex.normalise import OUT_OF_CALENDAR
from tests.timex.conftest import Analyse, find


@pytest.mark.parametrize(
    ("text", "expression", "published"),
    [
        ("It happened the day before yesterday.", "the day before yesterday", "0001-01-01"),
        ("It was founded 200 years ago.", "200 years ago", "0001-01-01"),
        ("They will meet in May.", "May", "9999-12-31"),
        ("They met the next day.", "the next day", "9999-12-31"),
    ],
)
def test_values_beyond_the_calendar_are_none_with_a_reason(analyse: Analyse, text: str, expression: str,
                                                           published: str) -> None:  # fmt: skip
    timex = find(analyse(text, published=published), expression)
    assert timex.value is None
    assert OUT_OF_CALENDAR in timex.reason


def test_the_same_expressions_keep_their_values_inside_the_calendar(analyse: Analyse) -> None:
    analysis = analyse("It was founded 200 years ago. It happened the day before yesterday.", published="2021-06-15")
    assert find(analysis, "200 years ago").value == "1821"
    assert find(analysis, "the day before yesterday").value == "2021-06-13"


def test_values_with_no_calendar_date_are_not_parsed() -> None:
    assert parse_value("0000") is None
    assert parse_value("2021-W54") is None
    assert parse_value("2021-W24") is not None
