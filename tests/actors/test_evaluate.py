"""``detente eval actors``: the two gold formats read right, and scoring counts what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from detente.actors.evaluate import (
    evaluate_actors,
    evaluate_cases,
    parse_code,
    read_petr2_gsr,
    read_plover_gsr,
)

PLOVER = [
    {"id": "DOC", "event": "DOCUMENT", "text": ""},
    {"id": "r1", "event": "ACCUSE", "date": "2019-05-01",
     "text": "Peruvian officials accused the Zambian government of lying.",
     "source": [{"actorText": "Peruvian officials", "code": "PER", "sector": "GOV"}],
     "target": [{"actorText": "Zambian government", "code": "ZMB", "sector": "GOV"}]},
    {"id": "r2", "event": "CONSULT", "date": "2019-05-01", "text": "NATO met Fiji.",
     "source": [{"actorText": "NATO", "code": "IGO"}], "target": [{"actorText": "Fiji", "code": "ITL"}]},
]  # fmt: skip

PETR2 = """<Validation><Sentences>
<Sentence category="AFP" date="20080804" id="s1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="PERGOV" targetcode="ZMB" />
<Text>
Peruvian officials visited
Zambia.
</Text>
</Sentences></Validation>
"""


def test_codes_split_into_country_and_scored_sector() -> None:
    assert (parse_code("USA", "GOV").country, parse_code("USA", "GOV").sector) == ("USA", "GOV")
    assert (parse_code("USAGOV").country, parse_code("USAGOV").sector) == ("USA", "GOV")
    assert (parse_code("IGOUNO").country, parse_code("IGOUNO").sector) == (None, "IGO")
    assert (parse_code("---LEG").country, parse_code("---LEG").sector) == (None, "LEG")
    assert (parse_code("PSEGZA").country, parse_code("PSEGZA").sector) == ("PSE", None)
    assert parse_code("JAP").country == "JPN"


def test_both_gold_formats_are_read(tmp_path: Path) -> None:
    plover = tmp_path / "PLOVER_GSR_test.json"
    plover.write_text(json.dumps(PLOVER), encoding="utf-8")
    cases = read_plover_gsr(plover)
    assert [c.id for c in cases] == ["r1", "r2"]
    assert [(a.country, a.sector, a.text) for a in cases[0].actors] == [
        ("PER", "GOV", "Peruvian officials"), ("ZMB", "GOV", "Zambian government")]  # fmt: skip
    petr = tmp_path / "PETR2_test.xml"
    petr.write_text(PETR2, encoding="utf-8")
    [case] = read_petr2_gsr(petr)
    assert (case.id, case.date, case.text) == ("s1", "2008-08-04", "Peruvian officials visited Zambia.")
    assert [a.code for a in case.actors] == ["PERGOV", "ZMB"]


def test_scores_count_countries_and_sectors(tmp_path: Path, nlp: Language) -> None:
    plover = tmp_path / "PLOVER_GSR_test.json"
    plover.write_text(json.dumps(PLOVER), encoding="utf-8")
    scores = evaluate_cases(read_plover_gsr(plover))
    assert scores["actors_with_country"] == 4
    missed = [m["gold"] for m in scores["misses"]]
    assert "ITL" in missed  # Fiji is not Italy: the mistyped gold code is read as ITA and counted wrong
    assert scores["country_accuracy"] == 0.75
    assert scores["actors_with_sector"] == 2 and scores["sector_accuracy"] == 1.0
    (tmp_path / "PETR2_test.xml").write_text(PETR2, encoding="utf-8")
    both = evaluate_actors(tmp_path)
    assert set(both) == {"PLOVER_GSR_test.json", "PETR2_test.xml"}
    assert both["PETR2_test.xml"]["country_accuracy"] == 1.0


def test_the_real_gold_sets_are_read_whole(shared_dir: Path) -> None:
    events = shared_dir / "dev-data" / "events"
    if not (events / "plover_gsr").exists():
        pytest.skip("PLOVER GSR not here")
    plover = read_plover_gsr(events / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    assert len(plover) == 322 and sum(len(c.actors) for c in plover) == 650
    petr = read_petr2_gsr(events / "petr2_gsr" / "PETR2_GSR_validation.xml")
    assert len(petr) == 78
