"""Expressions counted from the publication date."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of

PUBLISHED = "2021-06-15"  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("The foreign minister spoke today in Ankara.", "today", "2021-06-15", "day"),
        ("Rebels shelled the town yesterday.", "yesterday", "2021-06-14", "day"),
        ("The envoy flies to Doha tomorrow.", "tomorrow", "2021-06-16", "day"),
        ("Last year, the talks failed.", "Last year", "2020", "year"),
        ("Trade grew this year.", "this year", "2021", "year"),
        ("Elections are planned for next year.", "next year", "2022", "year"),
        ("Earlier this year the border was closed.", "Earlier this year", "2021", "year"),
        ("Prices rose last month.", "last month", "2021-05", "month"),
        ("Parliament sits this month.", "this month", "2021-06", "month"),
        ("The summit is next month.", "next month", "2021-07", "month"),
        ("The envoy visited last week.", "last week", "2021-W23", "week"),
        ("Inspectors arrive this week.", "this week", "2021-W24", "week"),
        ("Talks resume next week.", "next week", "2021-W25", "week"),
        ("The accord lapsed three years ago.", "three years ago", "2018", "year"),
        ("The blockade began two days ago.", "two days ago", "2021-06-13", "day"),
        ("The embassy closed six months ago.", "six months ago", "2020-12", "month"),
        ("Three years ago this July, the treaty lapsed.", "Three years ago this July", "2018-07", "month"),
        ("The coup happened last July.", "last July", "2020-07", "month"),
        ("The drills end next quarter.", "next quarter", "2021-Q3", "quarter"),
        ("Farmers protested last summer.", "last summer", "2020-SU", "season"),
    ],
)
def test_relative_to_publication(
    analyse: Analyse, text: str, expression: str, value: str, granularity: str
) -> None:
    timex = find(analyse(text, published=PUBLISHED), expression)
    assert (timex.value, timex.granularity, timex.basis) == (value, granularity, "publication")
    assert PUBLISHED in timex.reason


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Ties have improved recently.", "recently", "PAST_REF"),
        ("The two sides are now talking.", "now", "PRESENT_REF"),
        ("The army currently holds the pass.", "currently", "PRESENT_REF"),
        ("More sanctions may follow in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        ("Such raids were common in recent years.", "in recent years", "PAST_REF"),
    ],
)
def test_reference_points(analyse: Analyse, text: str, expression: str, value: str) -> None:
    timex = find(analyse(text), expression)
    assert (timex.type, timex.value, timex.granularity) == ("DATE", value, None)


def test_no_publication_keeps_type_but_no_value(analyse: Analyse) -> None:
    analysis = analyse(
        "Yesterday the envoy left; last year he stayed. The siege began in 2014.", published=None
    )
    yesterday = find(analysis, "Yesterday")
    assert (yesterday.type, yesterday.value) == ("DATE", None)
    assert "no publication date" in yesterday.reason
    assert find(analysis, "last year").value is None
    assert value_of(analysis, "2014") == "2014"


def test_publication_with_time_of_day(analyse: Analyse) -> None:
    analysis = analyse("The convoy left yesterday.", published="2021-06-15T23:10:00Z")
    assert value_of(analysis, "yesterday") == "2021-06-14"


def test_last_month_name_just_past_is_last_years(analyse: Analyse) -> None:
    timex = find(analyse("The pact was signed last May.", published=PUBLISHED), "last May")
    assert timex.value == "2020-05"
    assert "last month" in timex.reason


def test_last_month_name_well_past_is_this_years(analyse: Analyse) -> None:
    analysis = analyse("The pact was signed last February.", published=PUBLISHED)
    assert value_of(analysis, "last February") == "2021-02"
