"""``detente eval events``: gold events read right, old PLOVER names mapped, and scoring counts what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.actors.evaluate import Case, GoldEvent, parse_code, read_petr2_gsr, read_plover_gsr
from detente.actors.kb import load_kb
from detente.events.gold_eval import (
    PETR2_PLOVER,
    PETR2_ROOT,
    PLOVER_GSR,
    cameo_plover,
    cameo_root,
    evaluate_event_cases,
    evaluate_events,
    plover_type,
    score,
)
from detente.model import Actor, Article, ArticleResult, Event, TimeValue

PLOVER = [
    {"id": "DOC", "event": "DOCUMENT", "text": ""},
    {"id": "g1", "event": "DISAPPROVE", "date": "2003-02-01", "mode": None,
     "text": "Chile accused Peru of smuggling arms.",
     "source": [{"actorText": "Chile", "code": "CHL"}], "target": [{"actorText": "Peru", "code": "PER"}]},
    {"id": "g2", "event": "CONSULT", "date": "2003-02-01", "mode": "visit",
     "text": "The Kenyan president visited Uganda.",
     "source": [{"actorText": "Kenyan president", "code": "KEN", "sector": "GOV"}],
     "target": [{"actorText": "Uganda", "code": "UGA"}]},
    {"id": "g3", "event": "DEMAND", "date": "2003-02-01", "text": "Farmers in the valley wanted more rain.",
     "source": [], "target": []},
]  # fmt: skip

PETR2 = """<Validation><Sentences>
<Sentence category="TEST" date="20100302" id="p1" evaluate="true"/>
<EventCoding eventcode="111" sourcecode="CHLGOV" targetcode="PER" />
<EventCoding eventcode="015" sourcecode="CHL" targetcode="PER" />
<Text>
Chilean officials criticised
Peru.
</Text>
<Sentence category="TEST" date="1003" id="p2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
Nothing happened in the hills.
</Text>
</Sentences></Validation>
"""


def _event(type_: str, cameo: str, source: list[str], target: list[str]) -> Event:
    def actors(codes: list[str]) -> list[Actor]:
        return [Actor(id=c, name=c, country=c) for c in codes]

    return Event(id="e", type=type_, mode=None, cameo=cameo, quad_class=0, goldstein=0.0, status="occurred",
                 source=actors(source), target=actors(target), date=TimeValue(None, None, "publication", ""))  # fmt: skip


def _result(*events: Event) -> ArticleResult:
    return ArticleResult(article=Article(id="a", text=""), events=list(events))


def _case(code: str, source: str, target: str) -> Case:
    gold = GoldEvent(code, (parse_code(source),), (parse_code(target),))
    return Case("c", "", None, actors=[*gold.source, *gold.target], events=[gold])


def test_old_plover_names_map_to_todays_types() -> None:
    assert plover_type("DEMAND") == "REQUEST"
    assert plover_type("disapprove") == "ACCUSE"
    assert plover_type("INVESTIGATE") == "ACCUSE"
    assert plover_type("FIGHT") == "ASSAULT"
    assert plover_type("CONCEDE") == "CONCEDE" and plover_type("RETREAT") == "RETREAT"
    assert plover_type("DOCUMENT") is None


def test_cameo_codes_give_root_and_plover_type() -> None:
    assert cameo_root("0841") == "08" and cameo_root("") is None
    assert cameo_plover("0841") == "RETREAT"
    assert cameo_plover("175") == "ASSAULT"  # filed under ASSAULT though its root is 17
    assert cameo_plover("015") is None and cameo_plover("023") is None  # statements and appeals: no PLOVER type


def test_gold_events_are_read_with_their_roles(tmp_path: Path) -> None:
    plover = tmp_path / "PLOVER_GSR_test.json"
    plover.write_text(json.dumps(PLOVER), encoding="utf-8")
    cases = read_plover_gsr(plover)
    assert [c.id for c in cases] == ["g1", "g2", "g3"]
    [gold] = cases[1].events
    assert (gold.code, gold.mode) == ("CONSULT", "visit")
    assert [a.country for a in gold.source] == ["KEN"] and [a.country for a in gold.target] == ["UGA"]
    assert cases[2].events[0].source == () and cases[2].events[0].target == ()
    petr = tmp_path / "PETR2_test.xml"
    petr.write_text(PETR2, encoding="utf-8")
    first, second = read_petr2_gsr(petr)
    assert [(g.code, g.source[0].code, g.target[0].country) for g in first.events] == [
        ("111", "CHLGOV", "PER"), ("015", "CHL", "PER")]  # fmt: skip
    assert [a.code for a in first.actors] == ["CHLGOV", "PER", "CHL"]  # actor scoring reads what it read before
    assert (second.date, second.events) == (None, [])  # malformed date unknown; noevents gives no gold event


def test_scores_count_type_actors_precision_confusions_and_silence() -> None:
    kb = load_kb()
    cases = [_case("ACCUSE", "CHL", "PER"), _case("REJECT", "KEN", "UGA"), _case("ASSAULT", "SYR", "TUR"),
             _case("CONSULT", "FRA", "DEU")]  # fmt: skip
    results = [
        _result(_event("ACCUSE", "112", ["CHL"], ["PER"]), _event("CONSULT", "040", ["CHL"], ["PER"])),
        _result(_event("REJECT", "120", ["UGA"], ["KEN"]), _event("ACCUSE", "111", ["KEN"], ["UGA"])),
        _result(),
        _result(_event("CONSULT", "040", ["DEU", "FRA"], [])),  # a joint meeting: roles pooled
    ]
    figures = score(cases, results, PLOVER_GSR, kb)
    assert figures["gold_events"] == 4 and figures["sentences"] == 4
    assert figures["type_recall"] == 0.75  # ACCUSE, REJECT, CONSULT found; ASSAULT not
    assert figures["type_actor_recall"] == 0.5  # the REJECT runs the wrong way
    assert figures["detente_events"] == 5 and figures["type_precision"] == 0.6
    assert figures["sentences_without_events"] == 1 and figures["sentences_without_events_share"] == 0.25
    assert figures["confusions"] == []
    assert figures["uncoded_by_type"] == {"ASSAULT": 1}
    assert [(m["gold"], m["miss"]) for m in figures["misses"]] == [("REJECT", "actors"), ("ASSAULT", "no event")]
    assert figures["per_type"]["REJECT"] == {"n": 1, "type_recall": 1.0, "type_actor_recall": 0.0}


def test_confusions_and_petr2_schemes() -> None:
    kb = load_kb()
    cases = [_case("175", "SYR", "EGY"), _case("015", "USA", "IRQ"), _case("112", "FRA", "RWA")]
    results = [_result(_event("ASSAULT", "180", ["SYR"], ["EGY"])), _result(), _result(_event("REJECT", "120", ["FRA"], ["RWA"]))]
    by_root = score(cases, results, PETR2_ROOT, kb)
    by_type = score(cases, results, PETR2_PLOVER, kb)
    assert by_root["unscorable"] == {"015": 1} == by_type["unscorable"]
    assert by_root["gold_events"] == by_type["gold_events"] == 2
    assert by_root["type_recall"] == 0.0 and by_type["type_recall"] == 0.5  # 175 is root 17 but PLOVER ASSAULT
    assert by_root["confusions"] == [["11", "12", 1], ["17", "18", 1]]
    assert by_type["confusions"] == [["ACCUSE", "REJECT", 1]]
    assert by_root["sentences_without_events"] == 0  # the 015-only sentence is out of every figure


def test_whole_files_through_the_pipeline(tmp_path: Path) -> None:
    (tmp_path / "PLOVER_GSR_test.json").write_text(json.dumps(PLOVER), encoding="utf-8")
    (tmp_path / "PETR2_test.xml").write_text(PETR2, encoding="utf-8")
    results = evaluate_events(tmp_path)
    assert set(results) == {"PLOVER_GSR_test.json", "PETR2_test.xml"}
    plover = results["PLOVER_GSR_test.json"]
    assert plover["gold_events"] == 3 and plover["analysis_errors"] == 0
    assert 0.0 <= plover["type_recall"] <= 1.0 and isinstance(plover["misses"], list)
    petr = results["PETR2_test.xml"]
    assert petr["scheme"] == "cameo_root" and petr["by_plover_type"]["scheme"] == "plover_type"
    assert petr["gold_events"] == 1 and petr["unscorable"] == {"015": 1} and petr["gold_empty_sentences"] == 1
    with pytest.raises(ValueError):
        evaluate_event_cases([], "icews")


def test_the_real_gold_sets_are_scored(shared_dir: Path) -> None:
    events = shared_dir / "dev-data" / "events"
    plover_file = events / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    petr_file = events / "petr2_gsr" / "PETR2_GSR_validation.xml"
    if not (plover_file.exists() and petr_file.exists()):
        pytest.skip("PLOVER GSR or PETR2 GSR not here")
    plover = read_plover_gsr(plover_file)
    assert len(plover) == 322 and all(len(c.events) == 1 for c in plover)
    assert all(plover_type(c.events[0].code) for c in plover)  # every gold name maps to a PLOVER type
    petr = read_petr2_gsr(petr_file)
    assert len(petr) == 78 and sum(len(c.events) for c in petr) == 80
    results = evaluate_events(events)
    assert results["PLOVER_GSR_CAMEO.json"]["gold_events"] == 322
    assert results["PETR2_GSR_validation.xml"]["gold_events"] == 72  # 8 codings of roots 01/02 are unscorable
