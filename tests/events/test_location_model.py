"""The event-location ranker: sentences written for these tests, one construction each, and the shipped file."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from detente.actors.kb import load_kb
from detente.events.code import event_location, match_trigger, rule_location
from detente.events.location_model import MODEL_FILE, TRAINED_ON, is_heldout, load_location_model
from detente.events.locations_eval import evaluate_locations
from detente.model import Event
from detente.nlp import clean_text

Code = Callable[..., list[Event]]


def _where(nlp: Language, text: str, word: str, rules: bool = False) -> str | None:
    """Where the coder (or its clause rules alone) places the event of ``word``."""
    doc = nlp(clean_text(text))
    token = next(t for t in doc if t.text == word)
    match = match_trigger(token)
    locate = rule_location if rules else event_location
    found = locate(token, load_kb(), match[0] if match else None)
    return None if found is None else doc.text[found.start : found.end]


def test_a_place_in_the_events_own_clause(nlp: Language) -> None:
    assert _where(nlp, "Police arrested three protesters in Lyon on Saturday.", "arrested") == "Lyon"
    assert _where(nlp, "Troops shelled rebel positions near Aleppo overnight.", "shelled") == "Aleppo"


def test_a_place_in_an_adverbial_clause_of_the_event(nlp: Language) -> None:
    text = "Four soldiers were killed when a roadside bomb exploded near Kandahar on Sunday."
    assert _where(nlp, text, "killed", rules=True) is None  # the clause rules read only the event's clause
    assert _where(nlp, text, "killed") == "Kandahar"


def test_an_actors_origin_is_not_where_the_event_happened(nlp: Language) -> None:
    assert _where(nlp, "The Iranian ambassador in Paris met the Italian foreign minister in Rome on Monday.", "met") == "Rome"
    assert _where(nlp, "Turkey's foreign minister met his Greek counterpart on Monday.", "met") is None


def test_a_place_of_an_event_before_or_after_this_one_is_not_its_place(nlp: Language) -> None:
    assert _where(nlp, "The envoy met rebel leaders on Monday, a week after the bombing in Mosul.", "met") is None
    assert _where(nlp, "The minister resigned after floods hit Dhaka.", "resigned") is None


def test_an_event_without_a_place_has_none(nlp: Language) -> None:
    assert _where(nlp, "The finance minister resigned on Friday after weeks of criticism.", "resigned") is None


def test_the_dateline_places_the_ledes_event_when_the_sentence_names_none(code: Code) -> None:
    text = "GENEVA, June 15 (Example Wire) – Biden met Putin on Tuesday for talks on arms control."
    meetings = [e for e in code(text, "2021-06-16") if e.type == "CONSULT"]
    assert [e.location.name if e.location else None for e in meetings] == ["Geneva"]


def test_the_shipped_model_file() -> None:
    assert MODEL_FILE.exists() and MODEL_FILE.stat().st_size < 1_000_000
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["format"] == 1 and set(data) == {"format", "meta", "weights"}
    meta = data["meta"]
    assert meta["trained_on"] == TRAINED_ON and "MIT" in meta["licence"] and "ahalterman/event_location" in meta["source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"])
    heldout = meta["figures"]["heldout"]
    assert heldout["ranker"]["scored"] == heldout["rules"]["scored"] > 0
    weights = data["weights"]
    assert len(weights) > 100 and all(isinstance(w, float) and math.isfinite(w) for w in weights.values())
    assert all(name.startswith(("c:", "n:")) for name in weights)
    assert not [name for name in weights if re.search(r"[A-Z][a-z]", name)]  # no place or sentence words
    readme = (MODEL_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2019 Andy Halterman" in readme and "scripts/train_location.py" in readme
    model = load_location_model()
    assert model is not None and model.meta == meta


def test_without_a_model_file_the_rules_decide(tmp_path: Path) -> None:
    assert load_location_model(tmp_path / "absent.json") is None
    wrong = tmp_path / "weights.json"
    wrong.write_text(json.dumps({"format": 99, "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        load_location_model(wrong)


def test_the_split_is_by_sentence_and_about_a_fifth() -> None:
    sentences = [f"Sentence number {i} about an event." for i in range(2000)]
    share = sum(map(is_heldout, sentences)) / len(sentences)
    assert 0.17 < share < 0.23
    assert is_heldout(sentences[7]) == is_heldout(sentences[7])


def test_the_held_out_split_is_scored_by_default(shared_dir: Path) -> None:
    path = shared_dir / "dev-data" / "events" / "event_location" / "labeled_text.jsonl.zip"
    if not path.exists():
        pytest.skip("the Halterman event_location set is not in ../shared")
    ranker = evaluate_locations(path, limit=80)
    rules = evaluate_locations(path, limit=80, rules=True)
    assert (ranker["split"], ranker["locator"], rules["locator"]) == ("heldout", "ranker", "rules")
    assert [m["text"] for m in ranker["misses"]] != [m["text"] for m in rules["misses"]]
    assert ranker["scored"] == rules["scored"] == 80
    assert ranker["accuracy"] > rules["accuracy"]
