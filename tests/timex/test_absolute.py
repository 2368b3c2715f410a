"""Absolute dates in the spellings news uses."""

from __future__ import annotations

import pytest

from .conftest import Analyse, find, value_of


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        (
            "The ministers signed the accord on July 16, 2018, in a palace.",
            "July 16, 2018",
            "2018-07-16",
            "day",
        ),
        ("Talks opened on 3 February 2020 in Geneva.", "3 February 2020", "2020-02-03", "day"),
        ("The treaty was ratified on Sept. 9, 2015.", "Sept. 9, 2015", "2015-09-09", "day"),
        ("The ceasefire began on the 5th of March, 2019.", "the 5th of March, 2019", "2019-03-05", "day"),
        ("On Tuesday, March 20, 2013, the envoy arrived.", "Tuesday, March 20, 2013", "2013-03-20", "day"),
        ("The filing is dated 2017-11-30 in the registry.", "2017-11-30", "2017-11-30", "day"),
        ("A letter dated 23/04/2016 was leaked.", "23/04/2016", "2016-04-23", "day"),
        ("The US memo dated 04/23/2016 was leaked.", "04/23/2016", "2016-04-23", "day"),
        ("Sanctions were imposed in March 2018 by the council.", "March 2018", "2018-03", "month"),
        ("The embassy reopened in October of 2011.", "October of 2011", "2011-10", "month"),
        ("Relations soured in 2017 after the vote.", "2017", "2017", "year"),
        ("Both leaders praised the 2018 summit.", "2018", "2018", "year"),
        ("Elections are due by mid-2018, officials said.", "mid-2018", "2018", "year"),
        ("The pipeline opens in late 2019.", "late 2019", "2019", "year"),
        ("Troops left in early 2020.", "early 2020", "2020", "year"),
        ("The talks collapsed in spring 2019.", "spring 2019", "2019-SP", "season"),
        ("Exports fell in the third quarter of 2012.", "the third quarter of 2012", "2012-Q3", "quarter"),
        ("Imports rose in Q3 2012 as well.", "Q3 2012", "2012-Q3", "quarter"),
        ("The region was at war in the 1990s.", "the 1990s", "199X", "decade"),
        ("Tensions ran high in the '80s.", "the '80s", "198X", "decade"),
        ("The 2018-19 budget cut aid.", "2018", "2018", "year"),
    ],
)
def test_absolute_dates(analyse: Analyse, text: str, expression: str, value: str, granularity: str) -> None:
    timex = find(analyse(text), expression)
    assert (timex.type, timex.value, timex.granularity, timex.basis) == ("DATE", value, granularity, "text")


def test_ambiguous_slash_date_is_not_guessed(analyse: Analyse) -> None:
    analysis = analyse("The memo dated 04/05/2016 was leaked.")
    assert [t.text for t in analysis.timexes if "/" in t.text] == []


def test_absolute_dates_resolve_without_publication(analyse: Analyse) -> None:
    analysis = analyse("The accord was signed on 9 May 2014 in Minsk.", published=None)
    assert value_of(analysis, "9 May 2014") == "2014-05-09"


def test_modifier_is_named_in_reason(analyse: Analyse) -> None:
    timex = find(analyse("Exports recovered by late 2019."), "late 2019")
    assert "late" in timex.reason and "2019" in timex.reason


def test_month_and_day_take_publication_year(analyse: Analyse) -> None:
    analysis = analyse("The delegation arrived on Jun. 2 and left on 4 June.", published="2021-06-15")
    assert value_of(analysis, "Jun. 2") == "2021-06-02"
    assert value_of(analysis, "4 June") == "2021-06-04"


def test_past_month_after_publication_is_last_year(analyse: Analyse) -> None:
    timex = find(analyse("The minister resigned in November.", published="2021-06-15"), "November")
    assert (timex.value, timex.basis) == ("2020-11", "publication")
    assert "past tense" in timex.reason


def test_future_month_before_publication_is_next_year(analyse: Analyse) -> None:
    timex = find(analyse("The minister will visit Kyiv in February.", published="2021-06-15"), "February")
    assert timex.value == "2022-02"


def test_month_with_relative_year(analyse: Analyse) -> None:
    analysis = analyse("The alliance will admit them in April next year.", published="2021-06-15")
    assert value_of(analysis, "April next year") == "2022-04"


def test_month_with_spelled_year(analyse: Analyse) -> None:
    """Broadcast transcripts write the year out: the month keeps it rather than taking publication's."""
    analysis = analyse("October nineteen eighty-seven. The markets crashed.", published="2021-06-15")
    assert value_of(analysis, "October nineteen eighty-seven") == "1987-10"
