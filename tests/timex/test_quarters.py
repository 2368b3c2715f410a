"""Quarters and the other reporting periods of business news."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of

OCTOBER = "2021-10-20"


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("Third-quarter profit will fall sharply, the miner said.", OCTOBER, "Third-quarter", "2021-Q3"),
        ("The brewer expects a fourth-quarter charge.", OCTOBER, "fourth-quarter", "2021-Q4"),
        (
            "Sales slowed in the fourth quarter, the retailer said.",
            "2022-01-12",
            "the fourth quarter",
            "2021-Q4",
        ),
        ("Exports rose in the first quarter, officials said.", OCTOBER, "the first quarter", "2021-Q1"),
    ],
)
def test_numbered_quarter_is_the_latest_begun(
    analyse: Analyse, text: str, published: str, expression: str, value: str
) -> None:
    assert value_of(analyse(text, published=published), expression) == value


def test_numbered_quarter_ignores_an_older_year_in_the_story(analyse: Analyse) -> None:
    text = "The mill last lost money in the second quarter of 2009. Second-quarter output rose 4%."
    assert value_of(analyse(text, published=OCTOBER), "Second-quarter") == "2021-Q2"


def test_year_ago_comparisons_count_from_the_reported_quarter(analyse: Analyse) -> None:
    text = (
        "The shipper earned $8 million in the third quarter, up from $6 million a year earlier. "
        "In the quarter, freight volume grew; in the year-ago quarter it shrank. "
        "Revenue was flat compared with a year ago."
    )
    analysis = analyse(text, published=OCTOBER)
    assert value_of(analysis, "a year earlier") == "2020-Q3"
    assert value_of(analysis, "the quarter") == "2021-Q3"
    assert value_of(analysis, "the year-ago quarter") == "2020-Q3"
    assert value_of(analysis, "a year ago") == "2020-Q3"


def test_comparison_quarter_does_not_become_the_reported_one(analyse: Analyse) -> None:
    text = "Net fell in the second quarter. In the year-earlier period it rose. The latest period was weak."
    analysis = analyse(text, published=OCTOBER)
    assert value_of(analysis, "the year-earlier period") == "2020-Q2"
    assert value_of(analysis, "The latest period") == "2021-Q2"


def test_year_ago_without_a_quarter_is_counted_from_publication(analyse: Analyse) -> None:
    analysis = analyse("The ferry line carried 4,000 cars, up from 3,000 a year ago.", published=OCTOBER)
    timex = find(analysis, "a year ago")
    assert (timex.value, timex.basis) == ("2020", "publication")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The bakery earned $2 million in the quarter ended June 30.", "the quarter", "2021-Q2"),
        ("Losses in the 2019 third quarter were large.", "the 2019 third quarter", "2019-Q3"),
        ("Growth should return in next year's first quarter.", "next year's first quarter", "2022-Q1"),
        ("Orders in the current quarter are strong.", "the current quarter", "2021-Q4"),
        ("Year-earlier profit was $3 million.", "Year-earlier", "2020"),
    ],
)
def test_named_reporting_periods(analyse: Analyse, text: str, expression: str, value: str) -> None:
    assert value_of(analyse(text, published=OCTOBER), expression) == value


def test_the_year_is_publication_year_or_a_fiscal_period(analyse: Analyse) -> None:
    text = "For the year ended March 31, the utility earned $9 million. Sales for the full year rose."
    analysis = analyse(text, published=OCTOBER)
    period = find(analysis, "the year")
    assert (period.type, period.value) == ("DURATION", "P1Y")
    assert value_of(analysis, "the full year") == "2021"


def test_year_end(analyse: Analyse) -> None:
    analysis = analyse("The merger should close by year-end.", published=OCTOBER)
    assert value_of(analysis, "year-end") == "2021"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The chain has lost money in the past two quarters.", "the past two quarters", "P2Q"),
        ("Margins were thin for several quarters.", "several quarters", "PXQ"),
        ("Dividends are paid every quarter.", "every quarter", "P1Q"),
    ],
)
def test_quarter_as_a_unit(analyse: Analyse, text: str, expression: str, value: str) -> None:
    assert value_of(analyse(text, published=OCTOBER), expression) == value


def test_a_quarter_as_a_fraction_is_no_time(analyse: Analyse) -> None:
    analysis = analyse("The party won a quarter of the vote; a quarter century ago it won half.")
    assert not [t for t in analysis.timexes if "quarter" in t.text]


def test_quarter_named_with_another_year_is_a_comparison(analyse: Analyse) -> None:
    text = "Net rose in the third quarter from a loss in the 2019 period. The year-ago results were weak."
    analysis = analyse(text, published=OCTOBER)
    assert value_of(analysis, "the 2019 period") == "2019-Q3"
    assert value_of(analysis, "year-ago") == "2020-Q3"


def test_forecast_quarter_is_not_the_reported_one(analyse: Analyse) -> None:
    """A quarter still running at publication is a forecast: comparisons count from the last finished one."""
    text = (
        "The carmaker expects fourth-quarter sales to slip. "
        "In the latest quarter it sold 9,000 cars, against 8,000 in the year-ago period."
    )
    analysis = analyse(text, published=OCTOBER)
    assert value_of(analysis, "the latest quarter") == "2021-Q3"
    assert value_of(analysis, "the year-ago period") == "2020-Q3"


def test_this_quarter_in_a_report_on_the_quarter_just_ended(analyse: Analyse) -> None:
    text = "The lender lost money in the third quarter. This quarter's loss reflects bad loans."
    assert value_of(analyse(text, published=OCTOBER), "This quarter") == "2021-Q3"


def test_this_quarter_looking_ahead_is_the_current_one(analyse: Analyse) -> None:
    text = "The lender lost money in the third quarter. It will return to profit this quarter."
    assert value_of(analyse(text, published=OCTOBER), "this quarter") == "2021-Q4"


def test_year_ago_comparison_read_as_a_quarter_does_not_set_the_story(analyse: Analyse) -> None:
    text = (
        "The miner earned $5 million in the third quarter, up from $3 million a year ago. "
        "Its shares were listed in Toronto in August."
    )
    analysis = analyse(text, published=OCTOBER)
    assert value_of(analysis, "a year ago") == "2020-Q3"
    assert value_of(analysis, "August") == "2021-08"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Demand should recover in the first half of 2022.", "the first half of 2022", "2022-H1"),
        ("Margins narrowed in the last half of 2020.", "the last half of 2020", "2020-H2"),
        ("Costs rose in the latter half of 2019.", "the latter half of 2019", "2019-H2"),
    ],
)
def test_halves_of_a_year(analyse: Analyse, text: str, expression: str, value: str) -> None:
    assert value_of(analyse(text, published=OCTOBER), expression) == value
