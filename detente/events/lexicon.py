"""The trigger lexicon: which words, in which constructions, code which event.

Two files, most specific row first: ``triggers.csv`` (reviewed by this team,
verbs and nouns, always wins) and ``cameo_verbs.csv`` (derived from the
Phoenix CAMEO verb dictionary, MIT). A row may constrain the particle
("call off"), the preposition ("meet with") and the object ("impose
sanctions"); an empty constraint matches anything, and a row whose
constraint is not met does not apply.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from detente import ontology
from detente.datafiles import read_rows

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: the construction and what it codes."""

    lemma: str
    pos: str
    particle: str
    preposition: str
    object: str
    type: str
    mode: str | None
    cameo: str
    reviewed: bool

    def specificity(self, particles: set[str], preps: set[str], objects: set[str]) -> int | None:
        """How many constraints the construction meets; None when one is not met."""
        score = 0
        for wanted, present in ((self.particle, particles), (self.preposition, preps), (self.object, objects)):
            if not wanted:
                continue
            if wanted not in present:
                return None
            score += 1
        return score


def _read(name: str) -> list[dict[str, str]]:
    return read_rows(LEXICON / name)


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """Lexicon rows keyed by (lemma, pos), reviewed rows first."""
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for row in _read("triggers.csv"):
        trigger = Trigger(row["lemma"], row["pos"], row.get("particle", ""), row.get("preposition", ""),
                          row.get("object", ""), row["plover_type"], row.get("mode") or None, row["cameo"], True)  # fmt: skip
        table[(trigger.lemma, trigger.pos)].append(trigger)
    for row in _read("cameo_verbs.csv"):
        try:
            code = ontology.lookup(row["cameo"])
        except KeyError:
            continue
        trigger = Trigger(row["lemma"], "VERB", row.get("particle", ""), row.get("preposition", ""),
                          row.get("object", ""), code.type, code.mode, row["cameo"], False)  # fmt: skip
        table[(trigger.lemma, "VERB")].append(trigger)
    return dict(table)


def best_trigger(lemma: str, pos: str, particles: set[str], preps: set[str], objects: set[str]) -> Trigger | None:
    """The applicable row for a word in its construction: reviewed rows first, then the most specific."""
    best: tuple[bool, int, int, Trigger] | None = None
    for rank, trigger in enumerate(triggers().get((lemma, pos), [])):
        score = trigger.specificity(particles, preps, objects)
        if score is None:
            continue
        key = (trigger.reviewed, score, -rank)
        if best is None or key > best[:3]:
            best = (*key, trigger)
    return best[3] if best else None
