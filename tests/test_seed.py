"""End to end on the founding article (skipped where ../shared is absent).

The acceptance of the foundation: the Trump–Putin interactions the 2021
explainer tells, each dated from the text, the repeated statement merged, and
nothing from its "Also Read" links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.model import Article, Event
from detente.pipeline import analyse

TRUMP, PUTIN = "Q22686", "Q7747"


@pytest.fixture(scope="module")
def seed(shared_dir: Path, nlp):  # type: ignore[no-untyped-def]
    text = (shared_dir / "seed" / "000_5c03953c84bb1692.txt").read_text(encoding="utf-8")
    result = analyse(Article(id="seed", text=text, published="2021-06-15"))
    return text, result


def _dyad(event: Event) -> bool:
    ids = {a.id for a in event.source + event.target}
    return ids == {TRUMP, PUTIN}


def _find(events: list[Event], type_: str, date: str, status: str = "occurred") -> list[Event]:
    return [e for e in events if e.type == type_ and e.status == status and (e.date.value or "").startswith(date) and _dyad(e)]


def test_the_calls_and_meetings_are_dated_from_the_text(seed) -> None:  # type: ignore[no-untyped-def]
    _, result = seed
    events = result.events
    assert _find(events, "CONSULT", "2017"), "the 2017 call about START"
    assert _find(events, "CONSULT", "2018-03"), "the March 2018 call"
    assert _find(events, "SUPPORT", "2018-03"), "the March 2018 congratulations"
    helsinki = _find(events, "CONSULT", "2018-07")
    assert len(helsinki) == 1 and helsinki[0].location is not None and helsinki[0].location.name == "Helsinki"
    assert len({m.start for m in helsinki[0].mentions}) == 3, "the meeting, 'they spoke', and 'the 2018 summit, where they met'"
    osaka = _find(events, "CONSULT", "2019-06")
    assert len(osaka) == 1 and osaka[0].location is not None and osaka[0].location.name == "Osaka"


def test_requests_and_support(seed) -> None:  # type: ignore[no-untyped-def]
    _, result = seed
    request = _find(result.events, "REQUEST", "2019-06")
    assert request and request[0].source[0].id == TRUMP
    liking = _find(result.events, "SUPPORT", "2020")
    assert liking and liking[0].source[0].id == TRUMP and liking[0].target[0].id == PUTIN


def test_the_fbi_statement_is_one_event_with_two_mentions(seed) -> None:  # type: ignore[no-untyped-def]
    _, result = seed
    believe = [e for e in _find(result.events, "SUPPORT", "2018") if e.date.value == "2018"]
    assert len(believe) == 1
    assert len(believe[0].mentions) == 2


def test_the_white_house_visit_never_happened(seed) -> None:  # type: ignore[no-untyped-def]
    _, result = seed
    visits = [e for e in result.events if e.mode == "visit"]
    assert visits and all(e.status in {"planned", "hypothetical"} for e in visits)


def test_nothing_comes_from_the_also_read_lines(seed) -> None:  # type: ignore[no-untyped-def]
    text, result = seed
    also_read = [i for i in range(len(text)) if text.startswith("Also Read", i)]
    for event in result.events:
        for mention in event.mentions:
            assert not any(mention.start <= i < mention.end for i in also_read)
            assert text[mention.start : mention.end] == mention.sentence


def test_three_quotes_have_trump_as_speaker(seed) -> None:  # type: ignore[no-untyped-def]
    _, result = seed
    trump_quotes = [q for q in result.quotes if q.direct and q.speaker and q.speaker.actor and q.speaker.actor.id == TRUMP]
    texts = " | ".join(q.text for q in trump_quotes)
    for words in ("Don’t meddle in the election", "I like Putin, he likes me", "President Putin says it’s not Russia"):
        assert words in texts
    by_afp = [q for q in trump_quotes if q.reported_by == "AFP"]
    assert len(by_afp) >= 2
