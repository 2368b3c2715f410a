"""Words and numbers that look like dates but are not."""

from __future__ import annotations

import pytest

from .conftest import Analyse


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May told lawmakers the plan may change.",
        "Trump said May was a tough negotiator.",
        "May I add one point, the ambassador asked.",
        "Thousands of protesters march through the capital.",
        "The alliance sent 2,000 troops to the border.",
        "The rebels fielded 2000 fighters and 1500 trucks.",
        "Leaders of the G20 discussed COVID-19 vaccines.",
        "Members invoked Article 5 and Resolution 2231.",
        "Spring water and the fall of the regime were discussed.",
        "The 52-year-old diplomat resigned.",
    ],
)
def test_no_time_expression(analyse: Analyse, text: str) -> None:
    assert [t.text for t in analyse(text).timexes] == []


def test_month_next_to_name_is_kept_when_it_is_a_date(analyse: Analyse) -> None:
    analysis = analyse("Theresa May resigned in May after a vote in March.", published="2019-06-27")
    assert [(t.text, t.value) for t in analysis.timexes] == [("May", "2019-05"), ("March", "2019-03")]


def test_year_as_modifier_of_plural_is_kept_with_determiner(analyse: Analyse) -> None:
    analysis = analyse("The 2018 elections were disputed.")
    assert [(t.text, t.value) for t in analysis.timexes] == [("2018", "2018")]
