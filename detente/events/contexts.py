"""PLOVER contexts: the "why" of an event, where its own clause makes it clear.

PLOVER codes what happened (type), how (mode) and in what context
("economic", "election", "cbrn", ...). A context is read from two places
only, so that it is evidence and not a guess about the article:

- the CAMEO code the trigger gave, when it is finer than its type's default
  and the CAMEO→PLOVER table files it under a PLOVER context ("impose
  embargo" is economic);
- cue words of ``contexts.csv`` inside the trigger's own clause and the
  clauses that are its content ("demanded that X drop its nuclear
  programme"), leaving out names ("the Defence Ministry" says who acted,
  not why) and adverbial or relative clauses (another event's business);
- the parties: an act by or on armed forces is military; a meeting, call or
  visit between two states' governments is diplomacy.

The PLOVER manual warns that document-level contexts mislead (violence in an
article about an election is not electoral violence): hence the clause.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Token

from detente import ontology
from detente.datafiles import read_rows
from detente.events.lexicon import LEXICON
from detente.model import Actor

CONTEXTS = (
    "political", "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource", "culture",
    "disease", "enviro_disaster", "migration", "humanitarian", "legal", "human_rights", "rights_freedoms",
    "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity", "government", "election",
    "legislative", "cbrn", "cyber", "political_institutions", "corruption", "crime",
)  # fmt: skip
"""The general contexts of the PLOVER manual (its future/historical/hypothetical are detente's status)."""

NESTED_CLAUSES = {"advcl", "relcl", "parataxis", "csubj"}
"""Dependencies that open another clause whose words speak of another act (complements are the act's content)."""
GOVERNMENT_SECTORS = {"GOV", "MIL"}

NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT"}


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, ...], frozenset[str]]:
    """Cue (as a tuple of lowercase words) → the contexts it signals."""
    table: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in read_rows(LEXICON / "contexts.csv"):
        table[tuple(row["cue"].split())].add(row["context"])
    return {cue: frozenset(found) for cue, found in table.items()}


@lru_cache(maxsize=1)
def _cue_lengths() -> dict[str, tuple[int, ...]]:
    """First word of a cue → the lengths of the cues it opens: most words open none, and are passed at once."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for cue in cues():
        lengths[cue[0]].add(len(cue))
    return {word: tuple(sorted(n)) for word, n in lengths.items()}


def event_contexts(head: Token, cameo: str, event_type: str, parties: list[Actor]) -> list[str]:
    """The PLOVER contexts of one report of an event (``head``: its trigger word), sorted."""
    found = _party_contexts(event_type, parties)
    code = ontology.lookup(cameo)
    if cameo != ontology.DEFAULT_CAMEO.get(event_type) and code.context:
        found |= {c for c in code.context.split(";") if c in CONTEXTS}
    words = [t for t in _clause(head) if not t.ent_type_ or t.ent_type_ not in NAME_ENTITIES]
    table, lengths = cues(), _cue_lengths()
    forms = [(t.lower_, t.lemma_.lower()) for t in words]
    for i, (lower, lemma) in enumerate(forms):
        for first, pick in ((lower, 0), (lemma, 1)):
            for n in lengths.get(first, ()):
                key = tuple(f[pick] for f in forms[i : i + n])
                found |= table.get(key, frozenset())
    return sorted(found)


def _party_contexts(event_type: str, parties: list[Actor]) -> set[str]:
    found = set()
    if any(a.sector == "MIL" for a in parties):
        found.add("military")
    states = {a.country for a in parties if a.country and a.sector in GOVERNMENT_SECTORS}
    if event_type == "CONSULT" and len(states) > 1:
        found.add("diplomatic")
    return found


def _clause(token: Token) -> list[Token]:
    """The words of the token's clause, in text order, without the clauses nested in it."""
    head = token
    while head.pos_ not in {"VERB", "AUX"} and head.dep_ not in NESTED_CLAUSES and head.head.i != head.i:
        head = head.head
    words: list[Token] = []
    stack = [head]
    low, high = token.i - CLAUSE_WINDOW, token.i + CLAUSE_WINDOW
    while stack:
        word = stack.pop()
        if low <= word.i <= high:
            words.append(word)
        stack.extend(c for c in word.children if (c.dep_ not in NESTED_CLAUSES or c.i == token.i)
                     and c.left_edge.i <= high and c.right_edge.i >= low)  # fmt: skip
    return sorted(words, key=lambda t: t.i)


CLAUSE_WINDOW = 150
"""Cue words more than this many tokens from the trigger do not count: a run-on 'sentence' of
thousands of coordinated clauses would otherwise be read whole for each of its events. A
word's subtree spans its edges, so a subtree wholly outside the window is not walked."""
