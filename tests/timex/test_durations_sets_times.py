"""Durations, recurring sets and clock times."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The leaders talked for nearly two hours.", "nearly two hours", "PT2H"),
        ("The inspectors stayed two weeks.", "two weeks", "P2W"),
        ("The truce held for three years.", "three years", "P3Y"),
        ("The conflict lasted a decade.", "a decade", "P10Y"),
        ("Negotiations dragged on for twenty-four hours.", "twenty-four hours", "PT24H"),
        ("They signed a five-year plan.", "five-year", "P5Y"),
        ("Output has doubled over the past three years.", "the past three years", "P3Y"),
        ("Rents have risen steadily over the past decade.", "the past decade", "P10Y"),
        ("Few ferries have sailed in the last month.", "the last month", "P1M"),
        ("Storms have battered the coast in the past years.", "the past years", "PXY"),
        ("The ban lasted a year and a half.", "a year and a half", "P1Y6M"),
        ("The blockade has gone on for months.", "months", "PXM"),
    ],
)
def test_durations(analyse: Analyse, text: str, expression: str, value: str) -> None:
    timex = find(analyse(text), expression)
    assert (timex.type, timex.value, timex.granularity) == ("DURATION", value, "duration")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The forum meets every year in Davos.", "every year", "P1Y"),
        ("The report is published annually.", "annually", "P1Y"),
        ("Protesters gather every Monday.", "every Monday", "XXXX-WXX-1"),
        ("Pilgrims fill the town each October.", "each October", "XXXX-10"),
        ("Patrols pass twice a week.", "twice a week", "P1W"),
        ("Elections are held every four years.", "every four years", "P4Y"),
        ("Families visit the graves on Sundays.", "Sundays", "XXXX-WXX-7"),
    ],
)
def test_sets(analyse: Analyse, text: str, expression: str, value: str) -> None:
    timex = find(analyse(text), expression)
    assert (timex.type, timex.value, timex.granularity) == ("SET", value, "set")


def test_clock_time_takes_date_from_sentence(analyse: Analyse) -> None:
    text = "The vote on March 20, 2013 opened at 3 p.m. and closed at 10:30 GMT."
    analysis = analyse(text)
    three = find(analysis, "3 p.m.")
    assert (three.type, three.value, three.granularity) == ("TIME", "2013-03-20T15:00", "time")
    gmt = find(analysis, "10:30 GMT")
    assert gmt.value == "2013-03-20T10:30" and "GMT" in gmt.reason


def test_clock_time_takes_date_from_later_weekday(analyse: Analyse) -> None:
    analysis = analyse("Talks will start at 9 a.m. on Monday.", published="2021-06-15")
    assert find(analysis, "9 a.m.").value == "2021-06-21T09:00"


def test_clock_time_falls_back_to_publication(analyse: Analyse) -> None:
    timex = find(analyse("Sirens sounded at 11 pm.", published="2021-06-15"), "11 pm")
    assert (timex.value, timex.basis) == ("2021-06-15T23:00", "publication")


def test_parts_of_day(analyse: Analyse) -> None:
    analysis = analyse("The minister speaks tonight after a briefing this morning.", published="2021-06-15")
    assert find(analysis, "tonight").value == "2021-06-15TNI"
    assert find(analysis, "this morning").value == "2021-06-15TMO"


def test_amount_after_a_clause_is_a_duration(analyse: Analyse) -> None:
    timex = find(analyse("The treaty was signed two years after the war ended."), "two years")
    assert (timex.type, timex.value) == ("DURATION", "P2Y")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Refugees lived in the camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The talks lasted 3½ hours.", "3½ hours", "PT3H30M"),
        ("Troops will arrive within weeks.", "weeks", "PXW"),
        ("The deal ended months of talks.", "months", "PXM"),
        ("The city has traded glass for centuries.", "centuries", "PXY"),
        ("The rocks formed in 2500000 years.", "2500000 years", "P2500000Y"),
        ("The pulse lasted 0.0000002 seconds.", "0.0000002 seconds", "PT0.0000002S"),
        ("The levy ran for 1.5 weeks.", "1.5 weeks", "P1.5W"),
    ],
)
def test_fractions_and_bare_plural_units(analyse: Analyse, text: str, expression: str, value: str) -> None:
    assert value_of(analyse(text), expression) == value


def test_midnight_closes_its_day(analyse: Analyse) -> None:
    """'midnight Saturday' is the end of Saturday, TimeML's T24:00."""
    analysis = analyse("The ceasefire will expire at midnight Saturday.", published="2021-06-15")
    assert value_of(analysis, "midnight") == "2021-06-19T24:00"
