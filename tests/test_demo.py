"""The demo corpus, end to end: the events its README lists are found, dated, placed and merged.

The corpus was written by the team for the demo, not for these rules; this
test keeps the pipeline honest on articles the seed rules were not written for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import detente
from detente.model import Event
from detente.store import Store

DEMO = Path(detente.__file__).parent / "data" / "demo"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, nlp) -> Store:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as fresh:
        summary = fresh.add_many(detente.analyse_many(detente.read([str(DEMO)])))
        assert summary.added == 36
    opened = Store(path, read_only=True)
    yield opened
    opened.close()


def _between(store: Store, a: str, b: str) -> list[Event]:
    return store.timeline(detente.actor_query(a), detente.actor_query(b))


def _on(events: list[Event], date: str, type_: str = "CONSULT", status: str = "occurred") -> list[Event]:
    return [e for e in events if e.date.value == date and e.type == type_ and e.status == status]


def test_trump_putin_calls_and_meetings(store: Store) -> None:
    events = _between(store, "Trump", "Putin")
    first_call = _on(events, "2017-01-28")
    assert first_call and first_call[0].mode == "phone"
    hamburg = _on(events, "2017-07-07")
    assert hamburg and hamburg[0].location is not None and hamburg[0].location.name == "Hamburg"
    assert _on(events, "2018-03-20") and _on(events, "2018-03-20", "SUPPORT")
    helsinki = _on(events, "2018-07-16")
    assert helsinki and helsinki[0].location is not None and helsinki[0].location.name == "Helsinki"


def test_one_meeting_reported_by_several_articles_is_one_event(store: Store) -> None:
    osaka = _on(_between(store, "Trump", "Putin"), "2019-06-28")
    assert len(osaka) == 1
    assert len({m.doc_id for m in osaka[0].mentions}) >= 3
    singapore = _on(_between(store, "Trump", "Kim Jong Un"), "2018-06-12")
    assert len(singapore) == 1 and len({m.doc_id for m in singapore[0].mentions}) >= 2


def test_other_leaders_meetings_are_placed(store: Store) -> None:
    bali = _on(_between(store, "Biden", "Xi"), "2022-11-14")
    assert bali and bali[0].location is not None and bali[0].location.name == "Bali"
    geneva = _on(_between(store, "Biden", "Putin"), "2021-06-16")
    assert any(e.location is not None and e.location.name == "Geneva" for e in geneva)


def test_meetings_that_did_not_happen_are_not_told_as_held(store: Store) -> None:
    events = _between(store, "Trump", "Putin")
    assert any(e.status == "cancelled" and e.type == "CONSULT" for e in events)
    assert any(e.type == "REJECT" and e.mode == "meet" and (e.date.value or "").startswith("2025-10") for e in events)
    planned_alaska = [e for e in events if e.status == "planned" and e.date.value == "2025-08-15"]
    assert planned_alaska


def test_evidence_never_comes_from_page_furniture(store: Store) -> None:
    for event in store.events():
        for mention in event.mentions:
            assert not mention.sentence.startswith(("Also Read", "Photo"))


def test_the_python_api_extracts_and_tabulates(nlp) -> None:  # type: ignore[no-untyped-def]
    article = detente.Article(id="x", text="Putin met Erdogan in Sochi on Tuesday.", published="2021-09-30")
    events = detente.extract([article])
    frame = detente.to_dataframe(events)
    assert list(frame["type"]) == ["CONSULT"]
    assert frame.iloc[0]["date"] == "2021-09-28"


def test_every_event_speaks_the_interface_vocabulary(store: Store) -> None:
    from detente import ontology

    for event in store.events():
        assert event.type in ontology.PLOVER_TYPES
        assert event.status in ontology.STATUSES
        assert ontology.lookup(event.cameo).type == event.type
        assert event.date.reason
        assert (event.date.value is None) == (event.date.granularity is None)
