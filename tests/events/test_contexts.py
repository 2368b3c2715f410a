"""PLOVER contexts, read from an event's own clause, its CAMEO code and its parties (sentences written for these tests)."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Token

from detente.datafiles import read_rows
from detente.events.contexts import CONTEXTS, cues, event_contexts
from detente.events.lexicon import LEXICON
from detente.model import Actor, Article
from detente.pipeline import analyse

CHILE = Actor(id="CHL", name="Chile", country="CHL", sector="GOV", kind="state")
PERU = Actor(id="PER", name="Peru", country="PER", sector="GOV", kind="state")
PERU_ARMY = Actor(id="PER", name="Peru", country="PER", sector="MIL", kind="state")


def _word(nlp: Language, text: str, word: str) -> Token:
    return next(t for t in nlp(text) if t.text == word)


def test_cue_words_in_the_clause_give_the_context(nlp: Language) -> None:
    head = _word(nlp, "Chile and Peru signed a free trade agreement on Monday.", "signed")
    assert "economic" in event_contexts(head, "057", "SUPPORT", [CHILE, PERU])


def test_a_complement_clause_is_the_act_s_content(nlp: Language) -> None:
    head = _word(nlp, "Chile demanded that Peru halt its uranium enrichment.", "demanded")
    assert "cbrn" in event_contexts(head, "100", "REQUEST", [CHILE, PERU])


def test_adverbial_clauses_and_names_do_not_count(nlp: Language) -> None:
    head = _word(nlp, "The Trade Ministry of Chile criticised Peru while lawmakers debated an election law.", "criticised")
    assert event_contexts(head, "111", "ACCUSE", [CHILE, PERU]) == []


def test_a_fine_cameo_code_brings_its_table_context_and_a_default_code_none(nlp: Language) -> None:
    head = _word(nlp, "Chile punished Peru.", "punished")
    assert event_contexts(head, "163", "COERCE", [CHILE, PERU]) == ["diplomatic"]
    assert event_contexts(head, "030", "AGREE", [CHILE, PERU]) == []


def test_parties_make_military_and_diplomatic_contexts(nlp: Language) -> None:
    head = _word(nlp, "Chile met Peru.", "met")
    assert event_contexts(head, "040", "CONSULT", [CHILE, PERU]) == ["diplomatic"]
    assert "military" in event_contexts(head, "190", "ASSAULT", [PERU_ARMY, CHILE])


def test_events_of_an_article_carry_their_contexts(nlp: Language) -> None:
    text = "Chilean President Gabriel Boric and Peruvian President Dina Boluarte discussed trade in Lima on Monday."
    result = analyse(Article(id="t", text=text, published="2024-05-08"))
    consult = next(e for e in result.events if e.type == "CONSULT")
    assert consult.contexts == ["diplomatic", "economic"]


def test_context_lexicon_schema() -> None:
    rows = read_rows(LEXICON / "contexts.csv")
    assert rows and all(set(r) == {"context", "cue", "note"} for r in rows)
    assert {r["context"] for r in rows} <= set(CONTEXTS)
    assert all(r["cue"] == r["cue"].strip().lower() and r["cue"] for r in rows)
    duplicates = [k for k, n in Counter((r["context"], r["cue"]) for r in rows).items() if n > 1]
    assert duplicates == []
    assert cues()[("free", "trade")] == frozenset({"economic"})
