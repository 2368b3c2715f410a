"""Where an event happened: the place in its clause, or the article's dateline.

Only a place attached to the event ("met in Finland's Helsinki", "talks at the
White House") counts, not every place named nearby. A dateline ("OSAKA, Japan
–") places the events of the article's own day, never a summit the article
recalls from years before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from detente.actors.kb import KnowledgeBase
from detente.model import Place, TimeValue
from detente.nlp import DATELINE

PLACE_PREPS = {"in", "at", "near", "inside", "on"}
DATELINE_DAYS = 3


@dataclass(frozen=True)
class Located:
    """A place and the words of the text that name it (character offsets into the parsed text)."""

    place: Place
    start: int
    end: int


def clause_place(trigger: Token, kb: KnowledgeBase) -> Located | None:
    """A place in a locative phrase of the trigger (or of the light verb it is the object of),
    or of the event it is set in ("met on the sidelines of the G20 summit in Hamburg")."""
    heads = [trigger]
    if trigger.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        heads.append(trigger.head)
    heads += [obj for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in {"with", "between"}
              for obj in prep.children if obj.dep_ == "pobj"]  # fmt: skip
    heads += _settings(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (place := phrase_place(obj, kb)) is not None:
                        return place
    return None


SETTING_NOUNS = {"sideline", "margin", "summit", "meeting", "talk", "conference", "forum", "gathering", "session"}


def _settings(heads: list[Token], depth: int = 3) -> list[Token]:
    """Events the act is set in, through 'on the sidelines of the Group of 20 summit', up to ``depth`` steps
    (event nouns, and the proper names of forums on the way)."""
    found: list[Token] = []
    frontier = heads
    for _ in range(depth):
        frontier = [obj for head in frontier for prep in head.children if prep.dep_ == "prep"
                    for obj in prep.children if obj.dep_ == "pobj" and (obj.lemma_.lower() in SETTING_NOUNS or obj.pos_ == "PROPN")]  # fmt: skip
        found.extend(frontier)
    return found


def object_venue(trigger: Token, kb: KnowledgeBase) -> Located | None:
    """'visiting the White House': the object of a visit is where it happens."""
    for child in trigger.children:
        if child.dep_ == "dobj" and (place := phrase_place(child, kb)) is not None:
            return place
    return None


def phrase_place(token: Token, kb: KnowledgeBase) -> Located | None:
    """The place a noun phrase names: a gazetteer entry, a capital, or a state."""
    span = token.doc[token.left_edge.i : token.i + 1]
    head = (token.idx, token.idx + len(token.text))
    candidates = [(token.text, head), (span.text, (span.start_char, span.end_char)),
                  (" ".join(t.text for t in span if t.dep_ not in {"poss", "case", "det"}), (span.start_char, span.end_char))]  # fmt: skip
    for name, (start, end) in candidates:
        place = kb.place(name)
        if place is not None:
            return Located(place, start, end)
    iso3 = kb.state_names.get(token.text)
    if iso3 is not None:
        state = kb.states[iso3]
        return Located(Place(state.name, iso3, None, None), *head)
    return None


def dateline_place(doc: Doc, kb: KnowledgeBase) -> Located | None:
    """The city of an 'OSAKA, Japan (Wire) –' dateline at the start of the article."""
    match = DATELINE.match(doc.text)
    if match is None:
        return None
    raw = match.group("city")
    city = raw.strip().title()
    place = kb.place(city)
    if place is None:
        return None
    start = match.start("city") + len(raw) - len(raw.lstrip())
    return Located(place, start, start + len(city))


def near_publication(value: TimeValue, published: str | None) -> bool:
    """Whether an event date lies within a few days of publication (so a dateline applies)."""
    if not published or not value.value or value.granularity != "day":
        return False
    gap = date.fromisoformat(published) - date.fromisoformat(value.value)
    return 0 <= gap.days <= DATELINE_DAYS
