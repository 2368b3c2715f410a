"""``detente eval locations``: the Halterman zip read right, the scoring rule, the coder's place function."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from spacy.language import Language

from detente.actors.kb import load_kb
from detente.events.code import event_location, match_trigger
from detente.events.locations_eval import LocationRecord, evaluate_locations, read_records, score
from detente.nlp import clean_text


def _tokens(text: str) -> list[dict]:
    out, at = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, at)
        out.append({"text": word, "start": start, "end": start + len(word), "id": i})
        at = start + len(word)
    return out


def _row(text: str, verb: int, places: list[tuple[int, int]], answer: str | None = "accept", source: str = "S") -> dict:
    tokens = _tokens(text)
    spans = [{"token_start": verb, "token_end": verb, "label": "VERB", "start": 0, "end": 0}]
    spans += [{"token_start": a, "token_end": b, "label": "LOCATION", "start": 0, "end": 0} for a, b in places]
    row = {"text": text, "tokens": tokens, "spans": spans, "source": source}
    if answer is not None:
        row["answer"] = answer
    return row


ROWS = [
    _row("Rebels shelled the old market in Tarnovo on Monday.", 1, [(6, 6)], source="A"),
    _row("The mayor said the storm closed every school.", 5, [], source="B"),
    _row("Troops patrolled the streets of Lindau.", 1, [(5, 5)], answer=None),
    _row("Police arrested two men in Kellerberg.", 1, [(5, 5)], answer="reject"),
    {"text": "No spans here.", "tokens": [], "answer": "accept", "source": "A"},
]


@pytest.fixture()
def gold_zip(tmp_path: Path) -> Path:
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("labeled_text.jsonl", json.dumps(ROWS))
        archive.writestr("__MACOSX/._labeled_text.jsonl", b"\x00\x05junk")
    return path


def test_reader_keeps_accepted_records_and_counts_the_others(gold_zip: Path) -> None:
    read = read_records(gold_zip)
    assert read.counts() == {"total": 5, "accepted": 3, "unanswered": 1, "rejected": 1, "malformed": 1}
    first, second = read.records
    assert first.text[slice(*first.verb)] == "shelled"
    assert [first.text[slice(*g)] for g in first.locations] == ["Tarnovo"]  # from the token offsets, not start/end
    assert second.locations == [] and second.source == "B"


def _record(text: str, verb: str, places: list[str], source: str = "S") -> LocationRecord:
    at = text.index(verb)
    spans = [(text.index(p), text.index(p) + len(p)) for p in places]
    return LocationRecord(text=text, verb=(at, at + len(verb)), locations=spans, source=source)


def test_scoring_rule_overlap_or_both_none() -> None:
    hit = _record("Gunmen attacked a bus near western Plovdiv.", "attacked", ["Plovdiv"], "X")
    wrong = _record("Rebels seized the bridge at Ostrava, near Brno.", "seized", ["Ostrava"], "X")
    missed = _record("Rebels seized the bridge at Ostrava.", "seized", ["Ostrava"], "Y")
    both_none = _record("The council voted against the plan.", "voted", [], "Y")
    invented = _record("The council voted against the plan.", "voted", [], "Y")
    western = hit.text.index("western Plovdiv")
    brno = wrong.text.index("Brno")
    result = score([(hit, (western, western + 15)), (wrong, (brno, brno + 4)), (missed, None),
                    (both_none, None), (invented, (4, 11))])  # fmt: skip
    assert result["scored"] == 5 and result["accuracy"] == 0.4
    assert result["precision"] == round(1 / 3, 4) and result["recall"] == round(1 / 3, 4)
    assert result["table"] == {"gold_location/predicted_right": 1, "gold_location/predicted_wrong": 1,
                               "gold_location/predicted_none": 1, "gold_none/predicted_wrong": 1,
                               "gold_none/predicted_none": 1}  # fmt: skip
    assert result["per_source"] == {"X": {"accuracy": 0.5, "n": 2}, "Y": {"accuracy": round(1 / 3, 4), "n": 3}}
    assert {m["predicted"] for m in result["misses"]} == {"Brno", None, "council"}
    assert result["misses"][0] == {"text": wrong.text, "verb": "seized", "gold": ["Ostrava"], "predicted": "Brno",
                                   "source": "X"}  # fmt: skip


def _where(nlp: Language, text: str, word: str) -> str | None:
    doc = nlp(clean_text(text))
    token = next(t for t in doc if t.text == word)
    match = match_trigger(token)
    found = event_location(token, load_kb(), match[0] if match else None)
    return None if found is None else doc.text[found.start : found.end]


def test_the_coder_place_rule_for_any_verb(nlp: Language) -> None:
    assert _where(nlp, "Gunmen killed four people in western Baghdad on Sunday.", "killed") == "Baghdad"
    assert _where(nlp, "Troops captured the hill town of Velmora after a long siege.", "captured") == "Velmora"
    assert _where(nlp, "Rebels launched an offensive in the northern province of Kandor.", "launched") == "Kandor"
    assert _where(nlp, "A bomb exploded near the US embassy in Nairobi.", "exploded") == "Nairobi"
    assert _where(nlp, "The minister resigned after the floods that hit Dhaka.", "resigned") is None
    assert _where(nlp, "Putin spoke with Merkel by phone about the talks in Minsk.", "spoke") is None


def test_the_halterman_set_when_present(shared_dir: Path) -> None:
    path = shared_dir / "dev-data" / "events" / "event_location" / "labeled_text.jsonl.zip"
    if not path.exists():
        pytest.skip("the Halterman event_location set is not in ../shared")
    result = evaluate_locations(path, limit=40)
    assert result["records"]["accepted"] > 5000 and result["records"]["unanswered"] > 5000
    assert result["scored"] == 40 and 0.0 <= result["accuracy"] <= 1.0
    assert len(result["misses"]) == round(40 * (1 - result["accuracy"]))
