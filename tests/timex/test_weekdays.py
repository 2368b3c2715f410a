"""Weekdays resolved against publication and the tense of their verb."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of

THURSDAY = "2019-06-27"


def test_past_tense_weekday_is_the_last_one_before(analyse: Analyse) -> None:
    timex = find(analyse("The envoys met on Friday in Vienna.", published=THURSDAY), "Friday")
    assert (timex.value, timex.basis) == ("2019-06-21", "publication")
    assert "previous" in timex.reason


def test_past_tense_weekday_of_publication_is_that_day(analyse: Analyse) -> None:
    timex = find(analyse("The envoys met on Thursday in Vienna.", published=THURSDAY), "Thursday")
    assert timex.value == "2019-06-27"


def test_past_tense_recent_weekday(analyse: Analyse) -> None:
    analysis = analyse("Protesters gathered on Monday outside the embassy.", published=THURSDAY)
    assert value_of(analysis, "Monday") == "2019-06-24"


def test_perfect_tense_counts_as_past(analyse: Analyse) -> None:
    analysis = analyse("The rebels have attacked the base on Tuesday.", published=THURSDAY)
    assert value_of(analysis, "Tuesday") == "2019-06-25"


def test_future_weekday_is_on_or_after(analyse: Analyse) -> None:
    analysis = analyse("The presidents will meet on Friday in Osaka.", published=THURSDAY)
    assert value_of(analysis, "Friday") == "2019-06-28"


def test_future_same_weekday_is_publication_day(analyse: Analyse) -> None:
    analysis = analyse("The council will vote on Thursday.", published=THURSDAY)
    assert value_of(analysis, "Thursday") == "2019-06-27"


def test_planned_weekday_is_future(analyse: Analyse) -> None:
    analysis = analyse("The ministers are expected to sign the deal on Monday.", published=THURSDAY)
    assert value_of(analysis, "Monday") == "2019-07-01"


def test_last_and_next_weekday(analyse: Analyse) -> None:
    analysis = analyse(
        "Last Saturday the talks stalled, and next Wednesday they restart.", published=THURSDAY
    )
    assert value_of(analysis, "Last Saturday") == "2019-06-22"
    assert value_of(analysis, "next Wednesday") == "2019-07-03"


def test_weekday_with_part_of_day_is_a_time(analyse: Analyse) -> None:
    timex = find(analyse("Shelling resumed on Monday morning.", published=THURSDAY), "Monday morning")
    assert (timex.type, timex.value, timex.granularity) == ("TIME", "2019-06-24TMO", "time")


def test_weekday_without_publication(analyse: Analyse) -> None:
    timex = find(analyse("The envoys met on Friday.", published=None), "Friday")
    assert timex.value is None and timex.type == "DATE"


def test_a_date_hung_on_a_verb_of_reporting_takes_the_reported_future(analyse: Analyse) -> None:
    analysis = analyse("The two ministers will hold talks in Vienna on July 2, their offices announced on Monday.",
                       published="2019-06-24")  # fmt: skip
    assert value_of(analysis, "July 2") == "2019-07-02"


def test_weekday_right_after_a_past_verb_is_past(analyse: Analyse) -> None:
    text = "The ruling was announced Wednesday, and the lawyers will appeal it."
    assert value_of(analyse(text, published="2021-06-18"), "Wednesday") == "2021-06-16"


def test_possessive_weekday_is_past(analyse: Analyse) -> None:
    text = "The unions will fight Wednesday's ruling in a higher court."
    assert value_of(analyse(text, published="2021-06-18"), "Wednesday") == "2021-06-16"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The mayor has scheduled a town meeting Monday to discuss the budget.", "Monday", "2019-07-01"),
        ("The final hearing is set for Tuesday.", "Tuesday", "2019-07-02"),
        ("Students planned a sit-in at the library on Saturday.", "Saturday", "2019-06-29"),
        ("The judge postponed the sentencing until Friday afternoon.", "Friday afternoon", "2019-06-28TAF"),
        ("The council gave the firm until 5 p.m. Wednesday to reply.", "Wednesday", "2019-07-03"),
    ],
)
def test_planned_time_is_still_to_come(analyse: Analyse, text: str, expression: str, value: str) -> None:
    """The planning is past, the day it names is ahead of publication."""
    assert value_of(analyse(text, published=THURSDAY), expression) == value


def test_act_of_postponing_keeps_its_own_day(analyse: Analyse) -> None:
    analysis = analyse("The board postponed Monday the vote on the merger.", published=THURSDAY)
    assert value_of(analysis, "Monday") == "2019-06-24"


def test_overtaken_plan_is_past(analyse: Analyse) -> None:
    analysis = analyse("The strike had been scheduled to begin on Monday.", published=THURSDAY)
    assert value_of(analysis, "Monday") == "2019-06-24"


def test_weekday_before_month_and_day_takes_the_date(analyse: Analyse) -> None:
    analysis = analyse(
        "The paper wrote in its leader on Friday, June 28: the vote matters.", published=THURSDAY
    )
    assert value_of(analysis, "Friday, June 28") == "2019-06-28"


def test_plain_verb_with_singular_subject_is_past(analyse: Analyse) -> None:
    """'hurt' after a singular subject cannot be present ('hurts'): the tagger's present is a past."""
    analysis = analyse("Weakness in energy shares hurt the broader market on Friday.", published=THURSDAY)
    assert value_of(analysis, "Friday") == "2019-06-21"
