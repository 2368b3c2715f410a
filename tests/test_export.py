"""Exports: GDELT 2.0 lines, PLOVER JSON, CSV and Parquet from hand-built events."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from detente.export import (
    CSV_BASE_COLUMNS,
    CSV_COLUMNS,
    EXPORT_FORMATS,
    GDELT_COLUMNS,
    PARQUET_EVENT_COLUMNS,
    PARQUET_MENTION_COLUMNS,
    export_events,
    gdelt_row,
    gdelt_skip_reason,
    global_event_id,
    plover_record,
)
from detente.formats import event_row
from detente.model import Actor, Event, Mention, Place, Span, TimeValue, from_json, to_json
from detente.store import Store

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
NATO = Actor("NATO", "North Atlantic Treaty Organization", "NATO", "IGO", "org")
HELSINKI = Place("Helsinki", "FIN", 60.17, 24.94)


def mention(doc_id: str, start: int = 0, *, outlet: str | None = "Example News", url: bool = True,
            published: str | None = "2018-07-17") -> Mention:  # fmt: skip
    sentence = "Trump met Putin in Helsinki."
    return Mention(
        doc_id=doc_id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        url=f"https://news.example/{doc_id}" if url else None,
        outlet=outlet,
        published=published,
        trigger=Span("met", start + 6, start + 9),
    )


def make_event(
    event_id: str = "ev-4a20feb784d624ed",
    *,
    date: TimeValue | None = None,
    location: Place | None = HELSINKI,
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
    status: str = "occurred",
    mentions: list[Mention] | None = None,
) -> Event:
    return Event(
        id=event_id,
        type="CONSULT",
        mode="third-party",
        cameo="044",
        quad_class=1,
        goldstein=1.0,
        status=status,
        source=[TRUMP] if source is None else source,
        target=[PUTIN] if target is None else target,
        date=date or TimeValue("2018-07-16", "day", "text", "'on Monday' relative to publication"),
        location=location,
        mentions=[
            mention("a1"),
            mention("a2", 40, outlet="Other Wire"),
            mention("a2", 90, outlet="Other Wire"),
        ]
        if mentions is None
        else mentions,
        confidence=0.9,
        status_reason="no marker of plan, condition or negation",
    )


def cells(event: Event) -> dict[str, str]:
    row = gdelt_row(event)
    assert row is not None
    return dict(zip(GDELT_COLUMNS, row, strict=True))


# ---------------------------------------------------------------- gdelt


def test_gdelt_has_61_columns_in_gdelt_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")  # fmt: skip
    assert GDELT_COLUMNS[51:61] == ("ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                                    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long",
                                    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")  # fmt: skip
    assert len(set(GDELT_COLUMNS)) == 61


def test_gdelt_file_is_61_tab_separated_cells_without_header(tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    events = [make_event(), make_event("ev-0000000000000001", location=None)]
    assert export_events(events, "gdelt", out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert not lines[0].startswith("GlobalEventID")


def test_gdelt_fills_what_detente_knows() -> None:
    row = cells(make_event())
    assert row["GlobalEventID"] == str(int("4a20feb784d624e", 16))
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20180716", "201807", "2018")
    assert row["FractionDate"] == "%.4f" % (2018 + (6 * 30 + 16) / 365)
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "USAGOV", "Donald Trump", "USA", "GOV")  # fmt: skip
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("RUSGOV", "RUS")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("044", "044", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "1.0")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "2", "2")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (
        "4", "Helsinki, Finland", "FIN")  # fmt: skip
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("60.17", "24.94")
    assert row["DATEADDED"] == "20180717000000"
    assert row["SOURCEURL"] == "https://news.example/a1"


def test_gdelt_leaves_empty_what_detente_does_not_have() -> None:
    row = cells(make_event())
    for column in ("AvgTone", "IsRootEvent", "Actor1EthnicCode", "Actor1Religion1Code", "Actor2Type2Code",
                   "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_FeatureID"):  # fmt: skip
        assert row[column] == "", column
    assert all(value == "" for key, value in row.items() if key.startswith(("Actor1Geo_", "Actor2Geo_")))


def test_gdelt_partial_dates_take_the_first_day() -> None:
    month = cells(make_event(date=TimeValue("2018-07", "month", "narrative", "'July'")))
    year = cells(make_event(date=TimeValue("2018", "year", "text", "'in 2018'")))
    assert (month["Day"], month["MonthYear"]) == ("20180701", "201807")
    assert (year["Day"], year["MonthYear"], year["Year"]) == ("20180101", "201801", "2018")
    assert year["FractionDate"] == "%.4f" % (2018 + 1 / 365)


def test_gdelt_skips_undated_and_not_occurred_events(tmp_path: Path) -> None:
    undated = make_event("ev-1", date=TimeValue(None, None, "publication", "planned, no date of its own"))
    planned = make_event("ev-2", status="planned")
    assert gdelt_skip_reason(undated) == "no date"
    assert gdelt_skip_reason(planned) == "status planned"
    assert gdelt_skip_reason(planned, all_statuses=True) is None
    out = tmp_path / "events.tsv"
    assert export_events([undated, planned, make_event()], "gdelt", out) == 1
    assert export_events([undated, planned], "gdelt", out, all_statuses=True) == 1


def test_gdelt_event_without_place_or_url() -> None:
    bare = make_event(location=None, mentions=[mention("a1", outlet=None, url=False, published=None)])
    row = cells(bare)
    assert all(row[c] == "" for c in GDELT_COLUMNS if c.startswith("ActionGeo_"))
    assert (row["SOURCEURL"], row["DATEADDED"], row["NumSources"]) == ("", "", "1")


def test_gdelt_country_place_and_us_city() -> None:
    country = cells(make_event(location=Place("Finland", "FIN", None, None)))
    assert (country["ActionGeo_Type"], country["ActionGeo_FullName"], country["ActionGeo_Lat"]) == (
        "1",
        "Finland",
        "",
    )
    city = cells(make_event(location=Place("Chicago", "USA", 41.88, -87.63)))
    assert city["ActionGeo_Type"] == "3"
    assert cells(make_event(location=Place("Alaska", "USA", 64.0, -150.0)))["ActionGeo_Type"] == "2"
    assert cells(make_event(location=Place("Crimea", "UKR", 45.3, 34.4)))["ActionGeo_Type"] == "5"
    unknown = cells(make_event(location=Place("Somewhere", None, None, None)))
    assert (unknown["ActionGeo_Type"], unknown["ActionGeo_FullName"]) == ("", "Somewhere")


def test_gdelt_reciprocal_source_and_organisations() -> None:
    met = cells(make_event(source=[TRUMP, PUTIN], target=[]))
    assert (met["Actor1Name"], met["Actor2Name"]) == ("Donald Trump", "Vladimir Putin")
    org = cells(make_event(source=[NATO], target=[]))
    assert (org["Actor1Code"], org["Actor1CountryCode"], org["Actor1KnownGroupCode"], org["Actor1Type1Code"]) == (
        "IGONATO", "", "NATO", "IGO")  # fmt: skip
    assert org["Actor2Code"] == "" and org["Actor2Name"] == ""


def test_gdelt_cells_never_hold_tabs_or_line_breaks() -> None:
    odd = make_event(location=Place("Tab\tTown\nNorth", "FIN", None, None))
    row = gdelt_row(odd)
    assert row is not None and len(row) == 61
    assert all("\t" not in c and "\n" not in c for c in row)


def test_global_event_id_is_stable_and_fits_int64() -> None:
    assert global_event_id("ev-4a20feb784d624ed") == int("4a20feb784d624e", 16)
    assert global_event_id("ev-helsinki") == global_event_id("ev-helsinki")
    assert global_event_id("ev-helsinki") != global_event_id("ev-hanoi")
    assert 0 <= global_event_id("ev-helsinki") < 2**63


# ---------------------------------------------------------------- plover


def test_plover_is_one_json_object_per_line(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    undated = make_event("ev-2", date=TimeValue(None, None, "publication", "no date"), location=None)
    assert export_events([make_event(), undated], "plover", out) == 2
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    first = records[0]
    for key in ("id", "date", "source", "target", "event", "mode", "eventText", "text", "eventLoc", "cameo",
                "url", "urls", "sources", "mentions"):  # fmt: skip
        assert key in first, key
    assert first["event"] == "CONSULT" and first["mode"] == "third-party" and first["cameo"] == "044"
    assert first["source"][0] | {} == {"actorText": "Donald Trump", "code": "USA", "sector": "GOV",
                                       "name": "Donald Trump", "country": "USA", "id": "Q22686", "kind": "person"}  # fmt: skip
    assert first["text"] == "Trump met Putin in Helsinki." and first["eventText"] == "met"
    assert first["urls"] == ["https://news.example/a1", "https://news.example/a2"]
    assert first["sources"] == ["Example News", "Other Wire"]
    assert first["eventLoc"] == {"name": "Helsinki", "country": "FIN", "lat": 60.17, "lon": 24.94}
    assert first["context"] is None  # make_event codes no context
    assert records[1]["date"] is None and records[1]["eventLoc"] is None
    assert records[1]["dateInfo"]["reason"] == "no date"


def test_plover_keeps_partial_dates_and_organisations() -> None:
    record = plover_record(
        make_event(date=TimeValue("2018-07", "month", "narrative", "'July'"), source=[NATO])
    )
    assert record["date"] == "2018-07" and record["dateInfo"]["granularity"] == "month"
    assert record["source"][0]["code"] == "NATO" and record["source"][0]["country"] is None


# ---------------------------------------------------------------- csv


def test_csv_starts_with_the_events_csv_columns(tmp_path: Path) -> None:
    assert tuple(event_row(make_event())) == CSV_BASE_COLUMNS
    out = tmp_path / "events.csv"
    undated = make_event("ev-2", date=TimeValue(None, None, "publication", "no date"), location=None)
    assert export_events([make_event(), undated], "csv", out) == 2
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["date"] == "2018-07-16" and rows[0]["place"] == "Helsinki" and rows[0]["lat"] == "60.17"
    assert rows[0]["source_countries"] == "USA" and rows[0]["articles"] == "2"
    assert rows[1]["date"] == "" and rows[1]["place"] == "" and rows[1]["lat"] == ""


# ---------------------------------------------------------------- parquet


def test_parquet_writes_events_and_mentions_readable_by_duckdb(tmp_path: Path) -> None:
    out = tmp_path / "export"
    month = make_event("ev-2", date=TimeValue("2018-07", "month", "narrative", "'July'"), location=None)
    assert export_events([make_event(), month], "parquet", out) == 2
    con = duckdb.connect()
    events = con.execute(
        f"SELECT * FROM read_parquet('{out / 'events.parquet'}') ORDER BY id DESC"
    ).fetchall()
    names = [d[0] for d in con.description]
    mentions = con.execute(f"SELECT * FROM read_parquet('{out / 'mentions.parquet'}')").fetchall()
    con.close()
    assert names == [name for name, _ in PARQUET_EVENT_COLUMNS]
    first = dict(zip(names, events[0], strict=True))
    assert first["source"] == [{"id": "Q22686", "name": "Donald Trump", "country": "USA", "sector": "GOV",
                                "kind": "person"}]  # fmt: skip
    assert str(first["day"]) == "2018-07-16" and first["place_lat"] == 60.17 and first["n_articles"] == 2
    second = dict(zip(names, events[1], strict=True))
    assert str(second["day"]) == "2018-07-01" and second["place_name"] is None
    assert len(mentions) == 6 and len(mentions[0]) == len(PARQUET_MENTION_COLUMNS)


def test_parquet_refuses_a_file_as_folder(tmp_path: Path) -> None:
    out = tmp_path / "file.parquet"
    out.write_text("x")
    with pytest.raises(NotADirectoryError):
        export_events([make_event()], "parquet", out)


# ---------------------------------------------------------------- all formats


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_empty_input_writes_an_empty_but_valid_export(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"empty.{fmt}"
    assert export_events([], fmt, out) == 0
    if fmt == "parquet":
        con = duckdb.connect()
        assert con.execute(f"SELECT count(*) FROM read_parquet('{out / 'events.parquet'}')").fetchone() == (
            0,
        )
        assert con.execute(f"SELECT count(*) FROM read_parquet('{out / 'mentions.parquet'}')").fetchone() == (
            0,
        )
        con.close()
    elif fmt == "csv":
        assert out.read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]
    else:
        assert out.read_text(encoding="utf-8") == ""


def test_unknown_format_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_events([], "xml", tmp_path / "x")


def test_events_read_back_from_the_store_export(tmp_path: Path) -> None:
    from detente.model import Article, ArticleResult

    event = from_json(Event, to_json(make_event()))
    article = Article("a1", "Trump met Putin in Helsinki.", url="https://news.example/a1", published="2018-07-17",
                      outlet="Example News")  # fmt: skip
    with Store(tmp_path / "s.duckdb") as store:
        store.add(ArticleResult(article=article, events=[event]))
        stored = store.events()
    assert export_events(stored, "gdelt", tmp_path / "e.tsv") == 1
    assert export_events(stored, "parquet", tmp_path / "pq") == 1


def test_contexts_reach_every_format(tmp_path: Path) -> None:
    event = make_event()
    event.contexts = ["economic", "military"]
    assert plover_record(event)["context"] == "economic, military"
    export_events([event], "csv", tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["contexts"] == "economic|military"
    export_events([event], "parquet", tmp_path / "export")
    con = duckdb.connect()
    stored = con.execute(f"SELECT contexts FROM read_parquet('{tmp_path / 'export' / 'events.parquet'}')").fetchone()
    con.close()
    assert stored == (["economic", "military"],)


def test_parquet_links_are_those_of_plover_and_csv(tmp_path: Path) -> None:
    plan = make_event("ev-plan", status="planned", date=TimeValue("2018-07", "month", "text", "'in July'"))
    plan.links = [{"kind": "plan_of", "event_id": "ev-held", "date": "2018-07-16"}]
    held = make_event("ev-held")
    held.links = [{"kind": "held_as", "event_id": "ev-plan", "date": "2018-07"},
                  {"kind": "rescheduled_from", "event_id": "ev-off", "date": None}]  # fmt: skip
    alone = make_event("ev-alone")
    export_events([plan, held, alone], "parquet", tmp_path / "export")
    export_events([plan, held, alone], "csv", tmp_path / "events.csv")
    con = duckdb.connect()
    rows = con.execute(f"SELECT id, links FROM read_parquet('{tmp_path / 'export' / 'events.parquet'}')").fetchall()
    kind = con.execute(f"SELECT typeof(links) FROM read_parquet('{tmp_path / 'export' / 'events.parquet'}') LIMIT 1")
    assert kind.fetchone() == ("STRUCT(kind VARCHAR, event_id VARCHAR, date VARCHAR)[]",)
    con.close()
    assert {i: links for i, links in rows} == {e.id: plover_record(e)["links"] for e in (plan, held, alone)}
    assert dict(rows)["ev-held"][1] == {"kind": "rescheduled_from", "event_id": "ev-off", "date": None}
    assert dict(rows)["ev-alone"] == []
    with (tmp_path / "events.csv").open(encoding="utf-8") as handle:
        by_id = {row["id"]: row["links"] for row in csv.DictReader(handle)}
    assert by_id["ev-held"] == "planned for 2018-07 (ev-plan); rescheduled after a plan cancelled undated (ev-off)"
    assert by_id["ev-plan"] == "held 2018-07-16 (ev-held)" and by_id["ev-alone"] == ""


def test_parquet_links_of_a_stored_plan_and_the_meeting_held(tmp_path: Path) -> None:
    from detente.model import Article, ArticleResult

    def report(event: Event, doc_id: str, published: str) -> ArticleResult:
        article = Article(doc_id, f"Trump met Putin in Helsinki ({doc_id}).", url=f"https://news.example/{doc_id}",
                          published=published)  # fmt: skip
        event.mentions = [mention(doc_id, published=published)]
        return ArticleResult(article=article, events=[event])

    plan = make_event("ev-plan", status="planned", date=TimeValue("2018-07", "month", "text", "'in July'"))
    with Store(tmp_path / "s.duckdb") as store:
        store.add_many([report(plan, "p1", "2018-06-28"), report(make_event("ev-held"), "r1", "2018-07-16")])
        stored = store.events()
    export_events(stored, "parquet", tmp_path / "export")
    con = duckdb.connect()
    rows = dict(con.execute(f"SELECT id, links FROM read_parquet('{tmp_path / 'export' / 'events.parquet'}')").fetchall())
    con.close()
    assert rows == {
        "ev-plan": [{"kind": "plan_of", "event_id": "ev-held", "date": "2018-07-16"}],
        "ev-held": [{"kind": "held_as", "event_id": "ev-plan", "date": "2018-07"}],
    }
