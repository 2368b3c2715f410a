"""Holidays, weekends, spelled-out years, 'current', and days joined to clock times."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("The ministers met on Christmas Eve.", "2021-06-15", "Christmas Eve", "2020-12-24"),
        ("The truce began last Thanksgiving.", "2021-06-15", "last Thanksgiving", "2020-11-26"),
        ("The pilgrims will gather at Easter.", "2021-01-10", "Easter", "2021-04-04"),
        ("Turnout was high on Election Day.", "2020-11-20", "Election Day", "2020-11-03"),
    ],
)
def test_holidays(analyse: Analyse, text: str, published: str, expression: str, value: str) -> None:
    assert value_of(analyse(text, published=published), expression) == value


def test_the_weekend_just_past(analyse: Analyse) -> None:
    analysis = analyse("Over the weekend, the rebels left the town.", published="2021-06-14")
    assert value_of(analysis, "Over the weekend") == "2021-W23-WE"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The dam was finished in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("Few expected to reach the year two thousand.", "the year two thousand", "2000"),
    ],
)
def test_spelled_out_years(analyse: Analyse, text: str, expression: str, value: str) -> None:
    assert value_of(analyse(text), expression) == value


def test_two_thousand_alone_is_a_count(analyse: Analyse) -> None:
    assert not analyse("Two thousand troops crossed the river.").timexes


def test_current_as_an_adjective_is_the_present(analyse: Analyse) -> None:
    timex = find(analyse("The current government resigned."), "current")
    assert (timex.type, timex.value) == ("DATE", "PRESENT_REF")


def test_electric_current_is_no_time(analyse: Analyse) -> None:
    assert not analyse("The current flows through the cable.").timexes


def test_clock_takes_the_day_written_after_it(analyse: Analyse) -> None:
    text = "On Tuesday the bank said the offer would run until 5 p.m. EST Nov. 9."
    assert value_of(analyse(text, published="2021-11-02"), "5 p.m. EST") == "2021-11-09T17:00"


def test_month_day_after_a_proper_noun(analyse: Analyse) -> None:
    text = "The envoy arrived in the United States April 2 and left a week later."
    assert value_of(analyse(text, published="2021-04-20"), "April 2") == "2021-04-02"


def test_season_after_into(analyse: Analyse) -> None:
    text = "Supply problems lasted well into the summer."
    assert value_of(analyse(text, published="2021-10-20"), "the summer") == "2021-SU"
