"""Event dating: the clause's own expression, then the narrative, then knowledge, then publication.

Each test is one rule family, with sentences written for it.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Event

Code = Callable[..., list[Event]]


def _consult(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "CONSULT"]


def test_the_expression_in_the_clause_wins_over_the_narrative(code: Code) -> None:
    text = "In March 2015 the dispute flared.\nMerkel met Hollande in Minsk on 11 February 2015."
    [event] = _consult(code(text, "2016-01-01"))
    assert (event.date.value, event.date.basis) == ("2015-02-11", "text")


def test_without_its_own_expression_an_event_takes_the_running_date(code: Code) -> None:
    text = "In May 2016 Abe travelled to Sochi.\nAbe met Putin there and discussed the islands."
    events = _consult(code(text, "2020-01-01"))
    visit = next(e for e in events if e.mode == "visit")
    assert [a.name for a in visit.target] == ["Russia"] and visit.location is not None and visit.location.name == "Sochi"
    [event] = [e for e in events if any(a.name == "Vladimir Putin" for a in e.target)]
    assert (event.date.value, event.date.basis) == ("2016-05", "narrative")
    assert "May 2016" in event.date.reason


def test_relative_expressions_count_from_publication_and_say_so(code: Code) -> None:
    [event] = _consult(code("Modi met Sharif in Lahore last month.", "2016-01-10"))
    assert (event.date.value, event.date.granularity, event.date.basis) == ("2015-12", "month", "text")
    assert "publication 2016-01-10" in event.date.reason


def test_publication_is_the_last_fallback_and_says_it_is_one(code: Code) -> None:
    [event] = _consult(code("Erdogan met Aliyev in Baku.", "2020-10-05"))
    assert (event.date.value, event.date.basis) == ("2020-10-05", "publication")
    assert "publication" in event.date.reason


def test_a_year_naming_something_else_does_not_date_the_event(code: Code) -> None:
    events = code("In 2019 Zelensky met Macron to discuss the 2014 annexation.", "2020-01-01")
    [event] = _consult(events)
    assert event.date.value == "2019"


def test_a_bound_is_not_a_date(code: Code) -> None:
    events = code("Kishida met Yoon in Tokyo, the first such visit since 2011.", "2023-03-17")
    [event] = _consult(events)
    assert event.date.value != "2011"


def test_a_plan_takes_its_own_date_not_the_date_it_was_announced(code: Code) -> None:
    events = code("On Monday the two offices said Biden will meet Xi in Bali on November 14.", "2022-11-08")
    [event] = _consult(events)
    assert event.status == "planned"
    assert event.date.value == "2022-11-14"
    unplanned = _consult(code("On Monday officials said Biden would like to meet Xi at some point.", "2022-11-08"))
    assert unplanned and all(e.date.value is None and "no date of its own" in e.date.reason for e in unplanned)
    assert all(e.status == "hypothetical" for e in unplanned)
