"""The records survive a JSON round trip unchanged, nested records included."""

from __future__ import annotations

import json

from detente.model import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    Speaker,
    TimeValue,
    Timex,
    from_dict,
    from_json,
    to_dict,
    to_json,
)


def _event() -> Event:
    trump = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
    putin = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
    quote = Quote(
        doc_id="d1", start=10, end=20, text="We talked", cue=Span("said", 22, 26),
        speaker=Speaker("Donald Trump", "Trump", 0, 5, trump), addressee=None, reported_by="Example Wire",
    )  # fmt: skip
    return Event(
        id="ev-1", type="CONSULT", mode="third-party", cameo="044", quad_class=1, goldstein=1.0,
        status="occurred", source=[trump], target=[putin],
        date=TimeValue("2018-07-16", "day", "text", "'July 16, 2018' in the text"),
        location=Place("Helsinki", "FIN", 60.17, 24.94), quotes=[quote],
        mentions=[Mention("d1", "They met.", 0, 9, "https://example.com/a", "Example Wire", "2018-07-16", Span("met", 5, 8))],
        confidence=0.8,
    )  # fmt: skip


def test_event_round_trip_keeps_every_nested_record() -> None:
    event = _event()
    again = from_json(Event, to_json(event))
    assert again == event
    assert isinstance(again.source[0], Actor)
    assert isinstance(again.quotes[0].speaker.actor, Actor)
    assert isinstance(again.mentions[0].trigger, Span)


def test_event_json_has_the_interface_fields() -> None:
    record = json.loads(to_json(_event()))
    for key in ("id", "type", "mode", "cameo", "quad_class", "goldstein", "status", "source", "target",
                "date", "location", "quotes", "mentions", "confidence"):  # fmt: skip
        assert key in record
    assert record["date"] == {"value": "2018-07-16", "granularity": "day", "basis": "text",
                              "reason": "'July 16, 2018' in the text"}  # fmt: skip
    assert record["location"]["lat"] == 60.17


def test_article_and_timex_round_trip() -> None:
    article = Article("a1", "Text.", title="T", url=None, published="2021-06-15", meta={"section": "world"})
    timex = Timex("a1", 0, 4, "2018", "DATE", "2018", "year", "text", "absolute")
    assert from_dict(Article, to_dict(article)) == article
    assert from_dict(Timex, to_dict(timex)) == timex


def test_null_location_and_date_survive() -> None:
    event = _event()
    event.location = None
    event.date = TimeValue(None, None, "publication", "no date")
    assert from_json(Event, to_json(event)) == event
