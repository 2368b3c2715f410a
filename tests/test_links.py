"""A planned meeting and the meeting held: linked, both ways, whatever the order the reports arrive in.

Events are built by hand (no parsing): plans, cancellations and meetings of
Trump and Putin, each reported by an article of its own publication date.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from detente.export import csv_row, plover_record
from detente.formats import event_row
from detente.merge import LINK_WINDOW_DAYS, Planned, plan_links
from detente.model import Actor, Article, ArticleResult, Event, Mention, Place, Span, TimeValue
from detente.report.brief import write_brief
from detente.store import ActorQuery, Store

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
Q_TRUMP = ActorQuery(ids=frozenset({TRUMP.id}), label="Trump")
Q_PUTIN = ActorQuery(ids=frozenset({PUTIN.id}), label="Putin")
HELSINKI = Place("Helsinki", "FIN", 60.17, 24.94)


def event(
    event_id: str,
    status: str,
    date: str | None,
    doc_id: str,
    published: str,
    *,
    mode: str | None = "third-party",
    place: Place | None = None,
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
) -> ArticleResult:
    """One article (``doc_id``, published on ``published``) reporting one CONSULT event."""
    granularity = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    sentence = f"Trump and Putin: a meeting, {status} ({doc_id})."
    article = Article(id=doc_id, text=sentence, url=f"https://news.example/{doc_id}", published=published,
                      outlet="Example News")  # fmt: skip
    record = Event(
        id=event_id, type="CONSULT", mode=mode, cameo="044", quad_class=1, goldstein=1.0, status=status,
        source=[TRUMP] if source is None else source, target=[PUTIN] if target is None else target,
        date=TimeValue(date, granularity, "text" if date else "publication", "given"), location=place,
        mentions=[Mention(doc_id, sentence, 0, len(sentence), article.url, "Example News", published,
                          Span("meeting", 0, 7))],
        confidence=0.6,
    )  # fmt: skip
    return ArticleResult(article=article, events=[record])


def links(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Event id -> its links as (kind, linked id), for every stored event."""
    return {e.id: [(link["kind"], link["event_id"]) for link in e.links] for e in store.events()}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "links.duckdb") as s:
        yield s


def test_a_plan_and_the_meeting_held_are_linked_both_ways(store: Store) -> None:
    store.add(event("ev-plan", "planned", "2018-07", "announced", "2018-06-28", place=HELSINKI))
    store.add(event("ev-held", "occurred", "2018-07-16", "report", "2018-07-16", place=HELSINKI))
    [plan] = [e for e in store.timeline(Q_TRUMP, Q_PUTIN) if e.id == "ev-plan"]
    [held] = [e for e in store.timeline(Q_PUTIN, Q_TRUMP) if e.id == "ev-held"]
    assert plan.links == [{"kind": "plan_of", "event_id": "ev-held", "date": "2018-07-16"}]
    assert held.links == [{"kind": "held_as", "event_id": "ev-plan", "date": "2018-07"}]
    assert (plan.status, held.status) == ("planned", "occurred")  # linked, still two events


def test_either_direction_of_a_joint_act_is_the_same_meeting(store: Store) -> None:
    store.add(event("ev-plan", "planned", None, "announced", "2018-06-28", source=[PUTIN], target=[TRUMP]))
    store.add(event("ev-held", "occurred", "2018-07-16", "report", "2018-07-16", source=[TRUMP, PUTIN], target=[]))
    assert links(store)["ev-plan"] == [("plan_of", "ev-held")]


def test_of_two_meetings_three_weeks_apart_each_plan_joins_the_right_one(store: Store) -> None:
    store.add(event("ev-dec7", "occurred", "2021-12-07", "r1", "2021-12-07", mode="phone"))
    store.add(event("ev-dec30", "occurred", "2021-12-30", "r2", "2021-12-30", mode="phone"))
    store.add(event("ev-for-dec7", "planned", "2021-12-07", "p1", "2021-12-03", mode="phone"))
    store.add(event("ev-undated", "planned", None, "p2", "2021-12-20", mode="phone"))
    store.add(event("ev-december", "planned", "2021-12", "p3", "2021-11-25", mode="phone"))
    found = links(store)
    assert found["ev-for-dec7"] == [("plan_of", "ev-dec7")]  # its own day
    assert found["ev-undated"] == [("plan_of", "ev-dec30")]  # the first held after it was reported
    assert found["ev-december"] == [("plan_of", "ev-dec7")]  # both fit "December": the first held
    assert found["ev-dec7"] == [("held_as", "ev-december"), ("held_as", "ev-for-dec7")]
    assert found["ev-dec30"] == [("held_as", "ev-undated")]


def test_a_cancelled_meeting_stays_cancelled(store: Store) -> None:
    store.add(event("ev-helsinki", "occurred", "2018-07-16", "r1", "2018-07-16"))
    store.add(event("ev-called-off", "cancelled", "2018-11-29", "c1", "2018-11-29"))
    store.add(event("ev-osaka", "occurred", "2019-06-28", "r2", "2019-06-28"))  # seven months later
    stored = {e.id: e for e in store.events()}
    assert stored["ev-called-off"].status == "cancelled"
    assert all(not e.links for e in stored.values())


def test_a_cancelled_meeting_held_soon_after_is_linked_as_rescheduled(store: Store) -> None:
    store.add(event("ev-called-off", "cancelled", "2018-05-24", "c1", "2018-05-24"))
    store.add(event("ev-singapore", "occurred", "2018-06-12", "r1", "2018-06-12"))
    found = links(store)
    assert found["ev-called-off"] == [("cancelled_plan_of", "ev-singapore")]
    assert found["ev-singapore"] == [("rescheduled_from", "ev-called-off")]


def test_an_undated_plan_links_only_within_the_window(store: Store) -> None:
    store.add(event("ev-plan", "planned", None, "p1", "2017-01-29"))
    store.add(event("ev-hamburg", "occurred", "2017-07-07", "r1", "2017-07-07"))
    assert links(store)["ev-plan"] == []
    assert (date(2017, 7, 7) - date(2017, 1, 29)).days > LINK_WINDOW_DAYS


def test_a_plan_does_not_join_a_meeting_of_another_place_or_mode_or_held_before_it(store: Store) -> None:
    store.add(event("ev-plan", "planned", "2018-07", "p1", "2018-07-10", mode="visit", place=Place("Moscow", "RUS")))
    store.add(event("ev-call", "occurred", "2018-07-20", "r1", "2018-07-20", mode="phone"))
    store.add(event("ev-abroad", "occurred", "2018-07-25", "r2", "2018-07-25", mode="visit", place=HELSINKI))
    store.add(event("ev-before", "occurred", "2018-07-02", "r3", "2018-07-02", mode="visit"))
    assert links(store)["ev-plan"] == []


def test_links_and_ids_do_not_depend_on_ingest_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [
        event("ev-dec7", "occurred", "2021-12-07", "r1", "2021-12-07", mode="phone"),
        event("ev-jan3", "occurred", "2022-01-03", "r2", "2022-01-03", mode="phone"),
        event("ev-jan", "occurred", "2022-01", "r3", "2022-01-05", mode="phone"),  # a coarser report of Jan 3
        event("ev-plan", "planned", None, "p1", "2021-12-20", mode="phone"),
        event("ev-off", "cancelled", None, "c1", "2021-12-01", mode="phone"),
    ]
    expected = None
    for n, order in enumerate(itertools.permutations(range(len(reports)))):
        if n % 11:
            continue  # 11 of the 120 orders
        monkeypatch.setattr("detente.store.BATCH_SIZE", 1 + n % 3)
        with Store(tmp_path / f"{n}.duckdb") as s:
            s.add_many([reports[i] for i in order])
            snapshot = sorted((e.id, e.status, e.date.value, str(e.links)) for e in s.events())
        expected = expected or snapshot
        assert snapshot == expected, order
    assert [(i, found) for i, _, _, found in expected] == [
        ("ev-dec7", str([{"kind": "rescheduled_from", "event_id": "ev-off", "date": None}])),
        ("ev-jan3", str([{"kind": "held_as", "event_id": "ev-plan", "date": None}])),
        ("ev-off", str([{"kind": "cancelled_plan_of", "event_id": "ev-dec7", "date": "2021-12-07"}])),
        ("ev-plan", str([{"kind": "plan_of", "event_id": "ev-jan3", "date": "2022-01-03"}])),
    ]  # fmt: skip


def test_the_rule_answers_the_same_for_any_order_of_events() -> None:
    events = [
        Planned("h1", "occurred", "2021-12-07", "2021-12-07"),
        Planned("h2", "occurred", "2021-12-30", "2021-12-30"),
        Planned("p1", "planned", "2021-12", "2021-11-25"),
        Planned("p2", "planned", None, "2021-12-20T09:30:00Z"),
        Planned("c1", "cancelled", "2021-12-01", "2021-12-01"),
        Planned("x", "hypothetical", "2021-12-07", "2021-12-01"),
    ]
    answers = {str(sorted(plan_links(list(order)).items())) for order in itertools.permutations(events)}
    assert answers == {str([("c1", "h1"), ("p1", "h1"), ("p2", "h2")])}


def test_links_show_in_tables_briefs_and_exports(store: Store) -> None:
    store.add(event("ev-plan", "planned", "2025-08-15", "announced", "2025-08-09", mode="visit"))
    store.add(event("ev-held", "occurred", "2025-08-15", "report", "2025-08-16", mode="visit"))
    plan, held = sorted(store.timeline(Q_TRUMP, Q_PUTIN), key=lambda e: e.status != "planned")
    assert event_row(plan)["links"] == "held 2025-08-15 (ev-held)"
    assert event_row(held)["links"] == "planned for 2025-08-15 (ev-plan)"
    assert csv_row(held)["links"] == "planned for 2025-08-15 (ev-plan)"
    assert plover_record(plan)["links"] == [{"kind": "plan_of", "event_id": "ev-held", "date": "2025-08-15"}]
    brief = write_brief([plan, held], "Trump", "Putin")
    assert "Donald Trump was due to visit Vladimir Putin (planned). It took place on 15 August 2025." in brief
    assert "It had been announced on 9 August 2025." in brief


def test_a_version_2_store_gets_its_links_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with Store(path) as s:
        s.add(event("ev-plan", "planned", "2018-07", "announced", "2018-06-28"))
        s.add(event("ev-held", "occurred", "2018-07-16", "report", "2018-07-16"))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_links")
    con.execute("DROP TABLE sorted_tables")
    con.execute("UPDATE schema_version SET version = 2")
    con.close()
    with Store(path, read_only=True) as old:  # a read-only open upgrades once
        assert links(old)["ev-plan"] == [("plan_of", "ev-held")]
    with Store(path) as s:
        assert s._con.execute("SELECT version FROM schema_version").fetchall() == [(3,)]


def test_a_brief_tells_a_cancelled_meeting_held_later(store: Store) -> None:
    store.add(event("ev-called-off", "cancelled", "2018-05-24", "c1", "2018-05-24"))
    store.add(event("ev-singapore", "occurred", "2018-06-12", "r1", "2018-06-12"))
    brief = write_brief(store.timeline(Q_TRUMP, Q_PUTIN), "Trump", "Putin")
    assert "was cancelled. It was rescheduled and took place on 12 June 2018." in brief
    assert "Donald Trump met Vladimir Putin. It was held after a planned meeting was called off on 24 May 2018." in brief
