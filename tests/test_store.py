"""The store: schema, idempotent ingest, merging by event id, and the queries over it.

Events are built by hand; nothing here parses text or loads spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from detente.model import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    Speaker,
    TimeValue,
    to_dict,
)
from detente.store import SCHEMA_VERSION, ActorQuery, Store, StoreError, combined_confidence, to_dataframe

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
LAVROV = Actor("Q83372", "Sergei Lavrov", "RUS", "GOV", "person")
XI = Actor("Q15031", "Xi Jinping", "CHN", "GOV", "person")

Q_TRUMP = ActorQuery(ids=frozenset({TRUMP.id}), names=("Trump", "Donald Trump"), label="Trump")
Q_PUTIN = ActorQuery(ids=frozenset({PUTIN.id}), names=("Putin", "Vladimir Putin"), label="Putin")
Q_RUSSIA = ActorQuery(countries=frozenset({"RUS"}), names=("Russia",), label="Russia")
Q_XI = ActorQuery(ids=frozenset({XI.id}), names=("Xi",), label="Xi")


def mention(
    doc_id: str, start: int, sentence: str = "Trump met Putin.", published: str = "2018-07-17"
) -> Mention:
    return Mention(
        doc_id=doc_id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        url=f"https://news.example/{doc_id}",
        outlet="Example News",
        published=published,
        trigger=Span("met", start + 6, start + 9),
    )


def make_event(
    event_id: str = "ev-helsinki",
    *,
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
    type_: str = "CONSULT",
    date: TimeValue | None = None,
    location: Place | None = None,
    mentions: list[Mention] | None = None,
    quotes: list[Quote] | None = None,
    confidence: float = 0.6,
) -> Event:
    return Event(
        id=event_id,
        type=type_,
        mode="third-party",
        cameo="044",
        quad_class=1,
        goldstein=1.0,
        status="occurred",
        source=[TRUMP] if source is None else source,
        target=[PUTIN] if target is None else target,
        date=date or TimeValue("2018-07-16", "day", "text", "'on Monday' relative to publication"),
        location=location,
        quotes=quotes or [],
        mentions=mentions if mentions is not None else [mention("a1", 0)],
        confidence=confidence,
    )


def result(
    doc_id: str, events: list[Event], text: str | None = None, quotes: list[Quote] | None = None
) -> ArticleResult:
    article = Article(
        id=doc_id,
        text=text or f"Body of {doc_id}.",
        title=f"Title {doc_id}",
        url=f"https://news.example/{doc_id}",
        published="2018-07-17",
        outlet="Example News",
        meta={"section": "world"},
    )
    return ArticleResult(article=article, events=events, quotes=quotes or [])


def quote(doc_id: str, start: int, text: str, speaker: Actor | None, addressee: Actor | None = None) -> Quote:
    return Quote(
        doc_id=doc_id,
        start=start,
        end=start + len(text),
        text=text,
        cue=Span("said", start + len(text) + 2, start + len(text) + 6),
        speaker=None if speaker is None else Speaker(speaker.name, actor=speaker),
        addressee=None if addressee is None else Speaker(addressee.name, actor=addressee),
        reported_by="AFP",
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_schema_is_created_on_first_open(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path), read_only=True)
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    version = con.execute("SELECT version FROM schema_version").fetchall()
    con.close()
    assert {"schema_version", "articles", "events", "event_actors", "mentions", "quotes"} <= tables
    assert version == [(SCHEMA_VERSION,)]
    with Store(path, read_only=True) as again:
        assert again.stats() == {"articles": 0, "events": 0, "mentions": 0, "quotes": 0}


def test_read_only_open_of_an_empty_file_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a detente store"):
        Store(path, read_only=True)


def test_same_article_twice_adds_nothing(store: Store) -> None:
    first = result("a1", [make_event()])
    assert store.add(first) is True
    before = [to_dict(e) for e in store.events()]
    assert store.add(first) is False
    same_text_new_id = result(
        "a1-copy", [make_event(mentions=[mention("a1-copy", 0)])], text=first.article.text
    )
    assert store.add(same_text_new_id) is False
    assert store.stats()["articles"] == 1
    assert [to_dict(e) for e in store.events()] == before


@pytest.mark.parametrize("batch_size", [1, 2, 200])
def test_add_many_counts(store: Store, batch_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.store.BATCH_SIZE", batch_size)
    summary = store.add_many(
        [
            result("a1", [make_event()]),
            result("a1", [make_event()]),
            result("a2", [make_event(mentions=[mention("a2", 5)]), make_event("ev-other", date=TimeValue("2019-06-28", "day", "text", "x"))]),
        ]
    )
    assert (summary.added, summary.duplicates, summary.events_new, summary.events_merged) == (2, 1, 2, 1)
    [merged, other] = store.events()
    assert (len(merged.mentions), len(other.mentions)) == (2, 1)


def test_a_failing_article_leaves_nothing_behind(store: Store) -> None:
    broken = make_event(mentions=[Mention("a1", "no offsets", None, None)])  # type: ignore[arg-type]
    with pytest.raises(duckdb.ConstraintException):
        store.add(result("a1", [broken], quotes=[quote("a1", 0, "Hello", TRUMP)]))
    assert store.stats() == {"articles": 0, "events": 0, "mentions": 0, "quotes": 0}
    assert store.add(result("a1", [make_event()])) is True


def test_merge_by_id_across_articles(store: Store) -> None:
    store.add(result("a1", [make_event(mentions=[mention("a1", 0), mention("a1", 40)], confidence=0.6)]))
    # a2 repeats one a1 mention (same offsets) and adds one of its own
    store.add(result("a2", [make_event(mentions=[mention("a1", 0), mention("a2", 7)], confidence=0.5)]))
    [event] = store.events()
    assert sorted((m.doc_id, m.start) for m in event.mentions) == [("a1", 0), ("a1", 40), ("a2", 7)]
    assert event.confidence == pytest.approx(1 - 0.4 * 0.5)
    con = store._con
    assert con.execute("SELECT n_articles, confidence FROM events").fetchone() == (2, pytest.approx(0.8))


def test_an_event_told_twice_in_one_article_counts_once(store: Store) -> None:
    twice = [
        make_event(mentions=[mention("a1", 0)], confidence=0.7),
        make_event(mentions=[mention("a1", 90)], confidence=0.3),
    ]
    summary = store.add_many([result("a1", twice)])
    assert (summary.events_new, summary.events_merged) == (1, 0)
    [event] = store.events()
    assert event.confidence == pytest.approx(0.7)  # the article's best, not 1 - 0.7 * 0.3
    assert len(event.mentions) == 2
    assert store._con.execute("SELECT n_articles FROM events").fetchone() == (1,)


def test_same_id_other_text_in_one_batch_is_a_duplicate(store: Store) -> None:
    summary = store.add_many([result("a1", [], text="First text."), result("a1", [], text="Second text.")])
    assert (summary.added, summary.duplicates) == (1, 1)


def test_confidence_counts_articles_not_sentences_and_is_capped() -> None:
    assert combined_confidence([0.9, 0.9, 0.9]) == 0.99
    assert combined_confidence([0.5]) == 0.5


def test_the_more_specific_date_and_location_win(store: Store) -> None:
    vague = make_event(
        date=TimeValue("2018-07", "month", "text", "'in July'"),
        location=Place("Helsinki"),
        mentions=[mention("a1", 0)],
    )
    fallback = make_event(
        date=TimeValue("2018-07-17", "day", "publication", "no date in text"),
        location=Place("Helsinki", "FIN", 60.17, 24.94),
        mentions=[mention("a2", 0)],
    )
    precise = make_event(
        date=TimeValue("2018-07-16", "day", "narrative", "carried from 'Monday'"),
        location=Place("Finland", "FIN"),
        mentions=[mention("a3", 0)],
    )
    store.add(result("a1", [vague]))
    store.add(result("a2", [fallback]))
    [event] = store.events()
    assert event.date.value == "2018-07"  # a publication fallback never beats a date read in text
    assert event.location == Place("Helsinki", "FIN", 60.17, 24.94)
    store.add(result("a3", [precise]))
    [event] = store.events()
    assert (event.date.value, event.date.basis) == ("2018-07-16", "narrative")
    assert event.location.name == "Helsinki"  # coordinates beat a bare country


def test_finer_granularity_then_better_basis(store: Store) -> None:
    store.add(result("a1", [make_event(date=TimeValue("2018", "year", "text", "'in 2018'"))]))
    store.add(
        result(
            "a2",
            [
                make_event(
                    date=TimeValue("2018-07", "month", "knowledge", "term"), mentions=[mention("a2", 0)]
                )
            ],
        )
    )
    assert store.events()[0].date.value == "2018-07"
    store.add(
        result(
            "a3",
            [make_event(date=TimeValue("2018-08", "month", "text", "'August'"), mentions=[mention("a3", 0)])],
        )
    )
    assert (store.events()[0].date.value, store.events()[0].date.basis) == ("2018-08", "text")


def test_timeline_either_direction_and_both_in_source(store: Store) -> None:
    forward = make_event("ev-1", source=[TRUMP], target=[PUTIN])
    backward = make_event(
        "ev-2", source=[PUTIN], target=[TRUMP], date=TimeValue("2018-08-01", "day", "text", "x")
    )
    together = make_event(
        "ev-3", source=[TRUMP, PUTIN], target=[], date=TimeValue("2019", "year", "text", "x")
    )
    unrelated = make_event("ev-4", source=[TRUMP], target=[XI])
    alone = make_event("ev-5", source=[PUTIN], target=[LAVROV])
    store.add(result("a1", [forward, backward, together, unrelated, alone]))
    assert [e.id for e in store.timeline(Q_TRUMP, Q_PUTIN)] == ["ev-1", "ev-2", "ev-3"]
    assert [e.id for e in store.timeline(Q_PUTIN, Q_TRUMP)] == ["ev-1", "ev-2", "ev-3"]
    # Putin alone matches both "Putin" and "Russia": a distinct second participant is needed
    assert [e.id for e in store.timeline(Q_PUTIN, Q_RUSSIA)] == ["ev-5"]


def test_actor_query_by_country(store: Store) -> None:
    store.add(
        result(
            "a1",
            [
                make_event("ev-lavrov", source=[TRUMP], target=[LAVROV]),
                make_event("ev-xi", source=[TRUMP], target=[XI]),
            ],
        )
    )
    assert [e.id for e in store.events(actor=Q_RUSSIA)] == ["ev-lavrov"]
    assert [e.id for e in store.timeline(Q_TRUMP, Q_RUSSIA)] == ["ev-lavrov"]
    assert [e.id for e in store.events(actor=Q_TRUMP)] == ["ev-lavrov", "ev-xi"]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2018-06-01", None, ["ev-2018", "ev-2018-07", "ev-2018-07-16", "ev-2019-03"]),
        ("2018-08-01", None, ["ev-2018", "ev-2019-03"]),
        (None, "2018-07-15", ["ev-2017", "ev-2018", "ev-2018-07"]),
        ("2018-07", "2018", ["ev-2018", "ev-2018-07", "ev-2018-07-16"]),
        ("2019", "2019", ["ev-2019-03"]),
    ],
)
def test_since_until_include_overlapping_periods(
    store: Store, since: str | None, until: str | None, expected: list[str]
) -> None:
    dates = {"2017": "year", "2018": "year", "2018-07": "month", "2018-07-16": "day", "2019-03": "month"}
    events = [make_event(f"ev-{v}", date=TimeValue(v, g, "text", "x")) for v, g in dates.items()]
    events.append(make_event("ev-undated", date=TimeValue(None, None, "text", "no date found")))
    store.add(result("a1", events))
    assert [e.id for e in store.events(since=since, until=until)] == expected


def test_events_sorted_by_date_then_id_and_filtered_by_type(store: Store) -> None:
    day = TimeValue("2018-07-16", "day", "text", "x")
    store.add(
        result(
            "a1",
            [
                make_event("b", date=day),
                make_event("a", date=day, type_="ACCUSE"),
                make_event("c", date=TimeValue("2017", "year", "text", "x")),
            ],
        )
    )
    assert [e.id for e in store.events()] == ["c", "a", "b"]
    assert [e.id for e in store.events(types=["ACCUSE"])] == ["a"]


def test_quotes_by_speaker_and_about(store: Store) -> None:
    praise = quote("a1", 10, "He is a good competitor", TRUMP, addressee=PUTIN)
    named = quote("a1", 80, "Putin knows what he is doing", LAVROV)
    other = quote("a1", 200, "Trade must be fair", XI)
    event = make_event(quotes=[praise])
    store.add(result("a1", [event], quotes=[named, other]))
    assert store.stats()["quotes"] == 3
    assert [q.text for q in store.quotes(speaker=Q_TRUMP)] == [praise.text]
    assert [q.text for q in store.quotes(about=Q_PUTIN)] == [praise.text, named.text]
    assert [q.text for q in store.quotes(speaker=Q_RUSSIA, about=Q_PUTIN)] == [named.text]
    assert store.quotes(speaker=Q_XI, about=Q_PUTIN) == []
    [stored] = store.events()
    assert stored.quotes == [praise]


def test_event_json_round_trip(store: Store) -> None:
    said = quote("a1", 10, "We had a good talk", TRUMP, addressee=PUTIN)
    original = make_event(
        location=Place("Helsinki", "FIN", 60.17, 24.94),
        mentions=[mention("a1", 0), mention("a1", 50, "They spoke for two hours.")],
        quotes=[said],
        confidence=0.7,
    )
    store.add(result("a1", [original]))
    [back] = store.events()
    assert back.sources == 1  # one article: one independent source
    back.sources = None
    assert to_dict(back) == to_dict(original)


def test_to_dataframe_columns(store: Store) -> None:
    store.add(result("a1", [make_event(source=[TRUMP, XI], location=Place("Helsinki"))]))
    frame = to_dataframe(store.events())
    assert list(frame.columns) == [
        "id", "date", "type", "mode", "cameo", "quad_class", "goldstein", "status",
        "source", "target", "location", "n_mentions", "confidence",
    ]  # fmt: skip
    row = frame.iloc[0]
    assert (row["source"], row["target"], row["location"], row["n_mentions"]) == (
        "Donald Trump; Xi Jinping",
        "Vladimir Putin",
        "Helsinki",
        1,
    )
    assert to_dataframe([]).empty


def test_a_coarser_report_of_one_meeting_joins_it_across_articles(store: Store) -> None:
    day = make_event("ev-osaka-day", date=TimeValue("2019-06-28", "day", "text", "x"), location=Place("Osaka", "JPN"))
    month = make_event("ev-osaka-month", date=TimeValue("2019-06", "month", "text", "y"), mentions=[mention("a2", 3)])
    store.add(result("a1", [day]))
    store.add(result("a2", [month]))
    [event] = store.events()
    assert event.id == "ev-osaka-day"
    assert len(event.mentions) == 2
    assert event.date.value == "2019-06-28"


def test_statements_and_ambiguous_fits_keep_their_own_ids(store: Store) -> None:
    june = TimeValue("2019-06", "month", "text", "y")
    store.add(result("a1", [make_event("ev-s1", type_="SUPPORT", date=june)]))
    store.add(result("a2", [make_event("ev-s2", type_="SUPPORT", date=TimeValue("2019-06-02", "day", "text", "z"),
                                       mentions=[mention("a2", 1)])]))  # fmt: skip
    store.add(result("a3", [make_event("ev-c1", date=TimeValue("2019-02-27", "day", "text", "z"), mentions=[mention("a3", 1)]),
                            make_event("ev-c2", date=TimeValue("2019-06-30", "day", "text", "z"), mentions=[mention("a3", 9)])]))  # fmt: skip
    store.add(result("a4", [make_event("ev-c3", date=TimeValue("2019", "year", "text", "z"), mentions=[mention("a4", 1)])]))
    assert sorted(e.id for e in store.events()) == ["ev-c1", "ev-c2", "ev-c3", "ev-s1", "ev-s2"]


def test_of_several_fitting_meetings_the_one_at_the_same_place_is_chosen(store: Store) -> None:
    hamburg, berlin = Place("Hamburg", "DEU"), Place("Berlin", "DEU")
    store.add(result("a1", [make_event("ev-h", date=TimeValue("2017-07-07", "day", "text", "x"), location=hamburg),
                            make_event("ev-b", date=TimeValue("2017-07-14", "day", "text", "x"), location=berlin,
                                       mentions=[mention("a1", 50)])]))  # fmt: skip
    store.add(result("a2", [make_event("ev-month", date=TimeValue("2017-07", "month", "text", "y"), location=hamburg,
                                       mentions=[mention("a2", 1)])]))  # fmt: skip
    assert sorted(e.id for e in store.events()) == ["ev-b", "ev-h"]
    assert len(next(e for e in store.events() if e.id == "ev-h").mentions) == 2


# -- syndicated copies ---------------------------------------------------------

WIRE = (
    "HELSINKI, July 16 (Example Wire) - U.S. President Donald Trump and Russian President Vladimir Putin met "
    "for more than two hours in the Finnish capital on Monday, their first formal summit, and both leaders "
    "described the talks as frank and useful. The meeting at the presidential palace covered Syria, arms "
    "control and the conflict in Ukraine, officials said, while protesters gathered outside the palace and "
    "reporters waited for a joint news conference that ran longer than planned in the afternoon. Trump said "
    "he had raised election interference directly and that Putin had denied it strongly, while Putin said "
    "Russia had never interfered and offered to let U.S. investigators question suspects in Moscow. Critics "
    "in Washington, including senior Republicans, called the performance shameful and demanded a briefing "
    "from the administration on what had been agreed in the private session with only interpreters present."
)


@pytest.mark.parametrize("batch_size", [1, 200])
def test_syndicated_copies_are_one_source(store: Store, batch_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.store.BATCH_SIZE", batch_size)
    copy = WIRE.replace("Example Wire", "Other Daily") + " (Reporting by Example Wire staff.)"
    other = "Moscow, July 17 - Analysts in Moscow said the Helsinki meeting changed little between the two capitals."
    store.add_many(
        [
            result("a1", [make_event(mentions=[mention("a1", 0)])], text=WIRE),
            result("a2", [make_event(mentions=[mention("a2", 0)])], text=copy),
            result("a3", [make_event(mentions=[mention("a3", 0)])], text=other),
        ]
    )
    groups = dict(store._con.execute("SELECT id, syndication FROM articles").fetchall())
    assert groups == {"a1": "a1", "a2": "a1", "a3": "a3"}
    assert store._con.execute("SELECT n_articles, n_sources, confidence FROM events").fetchone() == (
        3, 2, pytest.approx(1 - 0.4 * 0.4),
    )  # fmt: skip
    [event] = store.events()
    assert event.confidence == pytest.approx(0.84)
    assert len(event.mentions) == 3  # every copy's sentence stays evidence


def test_the_band_index_holds_one_row_per_article_and_band(store: Store) -> None:
    store.add(result("a1", [], text=WIRE))
    assert store._con.execute("SELECT count(*), count(DISTINCT doc_id) FROM article_bands").fetchone() == (20, 1)


# -- ids independent of ingest order --------------------------------------------

def _reports() -> list[ArticleResult]:
    day1 = make_event("ev-d1", date=TimeValue("2019-06-28", "day", "text", "x"), location=Place("Osaka", "JPN"),
                      mentions=[mention("d1", 0)])  # fmt: skip
    day2 = make_event("ev-d2", date=TimeValue("2019-06-10", "day", "text", "x"), mentions=[mention("d2", 0)])
    month = make_event("ev-m", date=TimeValue("2019-06", "month", "text", "y"), mentions=[mention("m", 0)])
    year = make_event("ev-y", date=TimeValue("2018", "year", "text", "y"), mentions=[mention("y", 0)])
    july = make_event("ev-j", date=TimeValue("2018-07-16", "day", "text", "y"), mentions=[mention("j", 0)])
    return [result("d1", [day1]), result("d2", [day2]), result("m", [month]), result("y", [year]), result("j", [july])]


def _snapshot(store: Store) -> list[tuple[str, list[str], str | None]]:
    return sorted((e.id, sorted(m.doc_id for m in e.mentions), e.date.value) for e in store.events())


def test_event_ids_do_not_depend_on_ingest_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    expected = None
    for n, order in enumerate(itertools.permutations(range(5))):
        if n % 7:
            continue  # 18 of the 120 orders
        monkeypatch.setattr("detente.store.BATCH_SIZE", 1 + n % 3)
        with Store(tmp_path / f"{n}.duckdb") as s:
            reports = _reports()
            s.add_many([reports[i] for i in order])
            snapshot = _snapshot(s)
            counts = s._con.execute("SELECT count(*) FROM events").fetchone()
        expected = expected or (snapshot, counts)
        assert (snapshot, counts) == expected, order
    # the month fits two days, so it stays apart; the year fits only the July meeting and joins it
    assert expected[0] == [
        ("ev-d1", ["d1"], "2019-06-28"), ("ev-d2", ["d2"], "2019-06-10"), ("ev-j", ["j", "y"], "2018-07-16"),
        ("ev-m", ["m"], "2019-06"),
    ]  # fmt: skip


def test_a_finer_report_re_keys_the_stored_event_and_a_second_one_splits_it(store: Store) -> None:
    reports = _reports()
    store.add(reports[2])  # the month alone
    assert [e.id for e in store.events()] == ["ev-m"]
    store.add(reports[0])  # the Osaka day: the month joins it, under the finer id
    assert _snapshot(store) == [("ev-d1", ["d1", "m"], "2019-06-28")]
    assert store._con.execute("SELECT count(*) FROM mentions WHERE event_id = 'ev-m'").fetchone() == (0,)
    store.add(reports[1])  # another day of that month: the month no longer says which
    assert [e.id for e in store.events()] == ["ev-m", "ev-d2", "ev-d1"]
    assert sorted(store._con.execute("SELECT id, n_articles FROM events").fetchall()) == [
        ("ev-d1", 1), ("ev-d2", 1), ("ev-m", 1),
    ]  # fmt: skip


def test_demo_corpus_in_two_orders_gives_the_same_events(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    import detente

    results = list(detente.analyse_many(detente.read([str(Path(detente.__file__).parent / "data" / "demo")])))
    snapshots = []
    for name, ordered in (("forward", results), ("backward", results[::-1])):
        with Store(tmp_path / f"{name}.duckdb") as s:
            s.add_many(ordered)
            snapshots.append((_snapshot(s), s.stats()))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][1]["events"] > 50


# -- schema upgrade -------------------------------------------------------------

def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    from detente.merge import participants_key
    from detente.store import _SCHEMA

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    for statement in _SCHEMA:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1)")
    record = to_dict(make_event("ev-old", date=TimeValue("2019-06-28", "day", "text", "x"), mentions=[]))
    import json

    con.execute(
        "INSERT INTO events (id, type, status, date_value, confidence, n_articles, dyad, record)"
        " VALUES ('ev-old', 'CONSULT', 'occurred', '2019-06-28', 0.6, 1, ?, ?)",
        [participants_key("CONSULT", [TRUMP], [PUTIN]), json.dumps(record)],
    )
    con.execute("INSERT INTO event_actors VALUES ('ev-old', 'source', 'Q22686', 'Donald Trump', 'USA', 'GOV'),"
                " ('ev-old', 'target', 'Q7747', 'Vladimir Putin', 'RUS', 'GOV')")  # fmt: skip
    con.execute("INSERT INTO event_articles VALUES ('ev-old', 'old', 0.6, '2019-06-29')")
    con.execute("""INSERT INTO mentions (event_id, doc_id, "start", "end", sentence) VALUES ('ev-old', 'old', 0, 9, 'x')""")
    con.close()
    with Store(path, read_only=True) as old:  # a read-only open upgrades once
        [event] = old.timeline(Q_TRUMP, Q_PUTIN)
        assert (event.id, len(event.mentions)) == ("ev-old", 1)
    with Store(path) as s:
        assert s._con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        s.add(result("new", [make_event("ev-new", date=TimeValue("2019-06", "month", "text", "y"))]))
        [event] = s.timeline(Q_TRUMP, Q_PUTIN)
        assert (event.id, sorted(m.doc_id for m in event.mentions)) == ("ev-old", ["a1", "old"])
        assert s._con.execute("SELECT n_articles, n_sources FROM events").fetchone() == (2, 2)


# -- unknown actors ---------------------------------------------------------------

def test_an_unknown_actor_names_the_closest_known_names() -> None:
    from detente.actors.lookup import UnknownActor, actor_query

    with pytest.raises(UnknownActor, match=r"no actor called 'Putn' in the knowledge base; closest: Putin"):
        actor_query("Putn")


# -- known articles, errors, batches ------------------------------------------------

def test_known_tells_stored_articles_by_id_or_text_in_one_call(store: Store) -> None:
    store.add(result("a1", [make_event()], text="The stored text."))
    articles = [
        Article("a1", "Another text under a stored id."),
        Article("copy", "The stored text."),
        Article("new", "A text nobody stored."),
    ]
    assert store.known(articles) == [True, True, False]
    assert store.known([]) == []


def test_errors_are_recorded_once_per_record_and_reason(store: Store) -> None:
    from datetime import datetime

    from detente.store import IngestError

    early, late = datetime(2024, 5, 1, 12, 0, 0), datetime(2024, 5, 2, 8, 30, 0)
    assert store.errors() == []
    store.add_errors([
        IngestError("news.jsonl", 2, None, "malformed JSON (Expecting value at column 1)", early),
        IngestError("news.jsonl", 5, "x9", "article x9: analysis failed (ValueError: boom); please report it", early),
    ])  # fmt: skip
    store.add_errors([IngestError("news.jsonl", 2, None, "malformed JSON (Expecting value at column 1)", late)])
    assert store.errors() == [
        {"source": "news.jsonl", "record": 5, "article_id": "x9",
         "message": "article x9: analysis failed (ValueError: boom); please report it", "time": "2024-05-01T12:00:00Z"},
        {"source": "news.jsonl", "record": 2, "article_id": None,
         "message": "malformed JSON (Expecting value at column 1)", "time": "2024-05-02T08:30:00Z"},
    ]  # fmt: skip


def test_a_batch_writes_its_errors_in_its_transaction(store: Store) -> None:
    from detente.store import IngestError

    pending = [IngestError("a.txt", None, None, "cannot read: Permission denied")]
    broken = make_event(mentions=[Mention("a1", "no offsets", None, None)])  # type: ignore[arg-type]
    with pytest.raises(duckdb.ConstraintException):
        store.add_many([result("a1", [broken])], errors=pending)
    assert store.errors() == [] and len(pending) == 1  # rolled back with the batch, still pending
    summary = store.add_many([result("a1", [make_event()]), result("a2", [])], errors=pending, batch_size=1)
    assert (summary.added, pending) == (2, [])
    assert [e["source"] for e in store.errors()] == ["a.txt"]
    pending.append(IngestError("b.txt", None, None, "article has no text"))
    store.add_many([], errors=pending)  # errors after the last batch get a transaction of their own
    assert [e["source"] for e in store.errors()] == ["a.txt", "b.txt"]


def test_a_store_written_before_the_errors_table_reads_none(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE errors")
    con.close()
    with Store(path, read_only=True) as old:
        assert old.errors() == []
    with Store(path) as s:  # opened for writing, it gets the table
        s.add_errors([])
        assert s.errors() == []
        assert s._con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_contexts_of_every_report_are_kept(store: Store) -> None:
    trade = make_event(mentions=[mention("a1", 0)])
    trade.contexts = ["economic"]
    arms = make_event(mentions=[mention("a2", 0)])
    arms.contexts = ["cbrn", "economic"]
    store.add(result("a1", [trade]))
    store.add(result("a2", [arms]))
    [event] = store.events()
    assert event.contexts == ["cbrn", "economic"]


# -- dyad order -------------------------------------------------------------------

def test_events_and_mentions_are_kept_in_dyad_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [(XI, PUTIN), (TRUMP, XI), (TRUMP, PUTIN), (LAVROV, XI), (TRUMP, LAVROV)]
    reports = [
        result(f"d{n}", [make_event(f"ev-{n}", source=[a], target=[b], date=TimeValue(f"2019-0{1 + n % 9}-1{n % 10}", "day", "text", "x"),
                                    mentions=[mention(f"d{n}", 0)])])
        for n, (a, b) in enumerate(pairs * 4)
    ]  # fmt: skip
    snapshots = []
    for min_rows in (10**9, 1):  # never sorted, then sorted after every batch that adds a fifth
        monkeypatch.setattr("detente.store.SORT_MIN_ROWS", min_rows)
        with Store(tmp_path / f"{min_rows}.duckdb") as s:
            s.add_many(reports[:15], batch_size=5)
            s.add(reports[15])  # one more article: under a fifth of the rows, no rewrite
            sorted_rows = dict(s._con.execute("SELECT name, sorted_rows FROM sorted_tables").fetchall())
            physical = [row[0] for row in s._con.execute("SELECT dyad FROM events").fetchall()]
            snapshots.append([to_dict(e) for e in s.timeline(Q_TRUMP, Q_XI)] + [to_dict(e) for e in s.events()])
            with pytest.raises(duckdb.ConstraintException):  # the rewritten tables keep their keys
                s._con.execute("INSERT INTO mentions SELECT * FROM mentions LIMIT 1")
    assert snapshots[0] == snapshots[1]
    assert sorted_rows == {"events": 15, "mentions": 15}
    assert physical[:15] == sorted(physical[:15]) and len(physical) == 16


def test_sort_rewrites_when_asked_and_says_which_tables(store: Store) -> None:
    store.add(result("a1", [make_event()]))
    assert store.sort() == []  # a small store is never rewritten on its own
    assert store.sort(force=True) == ["events", "mentions"]
    [event] = store.timeline(Q_TRUMP, Q_PUTIN)
    assert (event.id, len(event.mentions)) == ("ev-helsinki", 1)


@pytest.mark.parametrize(("ranges", "params"), [(100, 500), (1, 500), (0, 1)])
def test_a_timeline_of_many_dyads_is_the_same_however_they_are_filtered(
    store: Store, monkeypatch: pytest.MonkeyPatch, ranges: int, params: int
) -> None:
    """Several dyads are read by ranges in the scan, by an IN list or by a joined list (``_dyad_clause``);
    each form, ANDed with the other filters, keeps exactly the same events and evidence."""
    monkeypatch.setattr("detente.store.MAX_DYAD_RANGES", ranges)
    monkeypatch.setattr("detente.store.MAX_DYAD_PARAMS", params)
    medvedev = Actor("Q23530", "Dmitry Medvedev", "RUS", "GOV", "person")
    biden = Actor("Q6279", "Joe Biden", "USA", "GOV", "person")
    dated = {"ev-old": "2017-03-01", "ev-a": "2018-07-16", "ev-b": "2019-02", "ev-c": "2020", "ev-d": "2021-06-16"}
    parties = {"ev-old": (TRUMP, PUTIN), "ev-a": (TRUMP, LAVROV), "ev-b": (biden, medvedev), "ev-c": (PUTIN, biden),
               "ev-d": (biden, PUTIN)}  # fmt: skip
    events = [make_event(i, source=[a], target=[b], date=TimeValue(dated[i], None, "text", "x"),
                         mentions=[mention(f"d-{i}", 0)]) for i, (a, b) in parties.items()]  # fmt: skip
    events.append(make_event("ev-xi", source=[TRUMP], target=[XI], mentions=[mention("d-xi", 0)]))
    events.append(make_event("ev-accuse", type_="ACCUSE", source=[biden], target=[LAVROV],
                             date=TimeValue("2022", "year", "text", "x"), mentions=[mention("d-acc", 0)]))  # fmt: skip
    store.add(result("a1", events))
    q_usa = ActorQuery(countries=frozenset({"USA"}), label="USA")
    every = store.timeline(q_usa, Q_RUSSIA)
    assert [e.id for e in every] == ["ev-old", "ev-a", "ev-b", "ev-c", "ev-d", "ev-accuse"]
    assert [[m.doc_id for m in e.mentions] for e in every] == [[f"d-{e.id}"] for e in every[:5]] + [["d-acc"]]
    since = store.timeline(q_usa, Q_RUSSIA, since="2019-01-01", types=["CONSULT"])
    assert [(e.id, [m.doc_id for m in e.mentions]) for e in since] == [
        ("ev-b", ["d-ev-b"]), ("ev-c", ["d-ev-c"]), ("ev-d", ["d-ev-d"])
    ]  # fmt: skip


def test_a_few_dyads_are_filtered_inside_the_scan_not_by_a_join(store: Store) -> None:
    """Why ``_dyad_clause`` writes ranges: of ``dyad IN (...)`` with two or more dyads DuckDB pushes into the scan
    only an optional filter (to skip row groups) and keeps the rows by a filter or join above it, after every
    column of every row group kept was decoded; the ranges are a filter of the scan itself."""
    from detente.store import _dyad_clause

    pairs = [(TRUMP, PUTIN), (TRUMP, XI), (PUTIN, LAVROV), (XI, LAVROV), (TRUMP, LAVROV)]
    store.add(result("a1", [make_event(f"ev-{n}", source=[a], target=[b]) for n, (a, b) in enumerate(pairs)]))
    dyads = [row[0] for row in store._con.execute("SELECT dyad FROM events ORDER BY dyad LIMIT 3").fetchall()]

    def plan(clause: str, params: dict[str, object]) -> str:
        return store._con.execute(f"EXPLAIN SELECT id FROM events WHERE {clause}", params).fetchall()[0][1]

    params: dict[str, object] = {}
    ranges = plan(_dyad_clause(dyads, params), params)
    assert "Filters:" in ranges and "optional" not in ranges and "JOIN" not in ranges and "Filter " not in ranges
    assert "optional: (dyad IN" in plan("dyad IN ($dyad0, $dyad1, $dyad2)", params)  # only prunes row groups
