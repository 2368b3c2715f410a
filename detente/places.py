"""Where an event happened: the place in its clause, or the article's dateline.

Only a place attached to the event ("met in Finland's Helsinki", "talks at the
White House") counts, not every place named nearby. A dateline ("OSAKA, Japan
–") places the events of the article's own day, never a summit the article
recalls from years before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KnowledgeBase
from detente.model import Place, TimeValue
from detente.nlp import DATELINE, entities_within

PLACE_PREPS = {"in", "at", "near", "inside", "on"}
"""Prepositions whose object is where the act happened ("met in Helsinki", "talks at the White House")."""
AREA_PREPS = {"outside", "around", "across", "throughout", "along", "within", "into", "through", "off"}
"""More of them, for places only (never 'on Ukraine', a topic): 'patrolled along the border', 'marched through Barcelona'."""
DATELINE_DAYS = 3

NAMED_PLACES = {"GPE", "LOC", "FAC"}
"""Entity types of a place the gazetteer lacks, kept with its name and no coordinates."""
PLACE_KINDS = {
    "city", "town", "village", "hamlet", "province", "state", "county", "governorate", "municipality",
    "neighborhood", "neighbourhood", "suburb", "capital", "island", "port", "camp", "enclave", "territory", "valley",
    "mountain", "quarter", "stronghold", "settlement", "outpost", "base", "strip", "coast", "bastion",
}  # fmt: skip
"""Nouns that name a kind of place: 'the West Bank town of Ramallah' is Ramallah."""
PLACE_PARTS = {
    "region", "district", "area", "part", "sector", "zone", "countryside", "outskirts", "heart", "center", "centre",
    "edge", "street", "road", "lane", "bank", "shore", "embankment", "side", "vicinity", "environs", "fringe",
    "periphery", "half", "all", "much", "most", "rest", "interior",
}  # fmt: skip
"""Nouns of a part of a place: 'the East Ghouta region of Damascus' is East Ghouta, 'the outskirts of Homs' Homs."""
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
           "northeastern", "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern", "western"}  # fmt: skip
SEIZING_LEMMAS = {
    "capture", "recapture", "seize", "storm", "patrol", "shell", "bomb", "bombard", "invade", "raid", "occupy",
    "overrun", "besiege", "encircle", "surround", "retake", "liberate", "attack", "target", "hit", "strike",
    "rock", "control", "enter", "loot", "evacuate", "blockade", "infiltrate", "ambush", "reach",
}  # fmt: skip
"""Acts whose object is where they happen: 'captured Kabul', 'shelled the northern Gaza area'."""


@dataclass(frozen=True)
class Located:
    """A place and the words of the text that name it (character offsets into the parsed text)."""

    place: Place
    start: int
    end: int


def clause_place(trigger: Token, kb: KnowledgeBase, objects: bool = False) -> Located | None:
    """A place in a locative phrase of the trigger (or of the light verb it is the object of),
    or of the event it is set in ("met on the sidelines of the G20 summit in Hamburg").

    With ``objects`` (acts, not words), also the object itself for acts that take a place
    ("captured Kabul"), a locative phrase of the verb's object ("launched an attack in Deir Ezzor"),
    of its subject ("police in Bahrain raided") and of a verb it shares its subject with ("were
    killed and wounded in Hama"). In that order: the object of a seizing act, the phrases (a fronted
    "In the Midwest," after the others), the phrases inside them ("killed in a market in the town
    of Suwayra"), the subject's and partner verb's; a place named by its head beats one that only
    modifies another noun ("near the US embassy in Nairobi" is Nairobi). Never a place of another
    clause, nor of an event before or after this one ("talks since their summit in Helsinki").
    """
    heads = [trigger]
    if trigger.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        heads.append(trigger.head)
    heads += [obj for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in {"with", "between"}
              for obj in prep.children if obj.dep_ == "pobj"]  # fmt: skip
    heads += _settings(heads)
    acts = objects and trigger.pos_ == "VERB"
    verbal_objects = [c for c in trigger.children if c.dep_ == "dobj"] if acts else []
    heads += verbal_objects + _settings(verbal_objects)
    seized = verbal_objects if trigger.lemma_.lower() in SEIZING_LEMMAS else []
    direct = [obj for head in heads for obj in _locative_objects(head)]
    direct.sort(key=lambda obj: obj.head.head is trigger and obj.i < trigger.i)  # 'In the Midwest, … in the town of X
    nested = [inner for obj in direct for inner in _locative_objects(obj)]
    subjects = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}] if acts else []
    around = [obj for subject in subjects for obj in _locative_objects(subject)]
    partners = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB" and not _subject(c)] if acts else []
    if acts and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and not _subject(trigger):
        partners.append(trigger.head)
    around += [obj for verb in partners for obj in _locative_objects(verb)]
    for weak in (False, True):
        for group in (seized, direct, nested, around):
            for obj in group:
                strict = group is seized or obj.head.lower_ == "on"
                if (place := phrase_place(obj, kb, named=True, strict=strict, weak=weak)) is not None:
                    return place
    return None


def _subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _locative_objects(head: Token) -> list[Token]:
    """The objects of the place phrases of ``head``: 'in Helsinki', 'near the border', '20 km west of Mosul'."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | AREA_PREPS:
            found += [obj for obj in child.children if obj.dep_ == "pobj"]
        elif child.dep_ in {"advmod", "npadvmod", "prep"} and child.lower_ in COMPASS:
            found += [obj for prep in child.children if prep.lower_ == "of" for obj in prep.children if obj.dep_ == "pobj"]
    return found


SETTING_NOUNS = {"sideline", "margin", "summit", "meeting", "talk", "conference", "forum", "gathering", "session"}
OTHER_TIMES = {"since", "before", "after", "until", "ahead"}
"""'talks since their summit in Helsinki': an event before or after this one is not its setting."""


def _settings(heads: list[Token], depth: int = 3) -> list[Token]:
    """Events the act is set in, through 'on the sidelines of the Group of 20 summit', up to ``depth`` steps
    (event nouns, and the proper names of forums on the way)."""
    found: list[Token] = []
    frontier = heads
    for _ in range(depth):
        frontier = [obj for head in frontier for prep in head.children if prep.dep_ == "prep" and prep.lower_ not in OTHER_TIMES
                    for obj in prep.children if obj.dep_ == "pobj" and (obj.lemma_.lower() in SETTING_NOUNS or obj.pos_ == "PROPN")]  # fmt: skip
        found.extend(frontier)
    return found


def object_venue(trigger: Token, kb: KnowledgeBase) -> Located | None:
    """'visiting the White House': the object of a visit is where it happens."""
    for child in trigger.children:
        if child.dep_ == "dobj" and (place := phrase_place(child, kb)) is not None:
            return place
    return None


def phrase_place(
    token: Token, kb: KnowledgeBase, named: bool = False, strict: bool = False, weak: bool = True
) -> Located | None:
    """The place a noun phrase names: a gazetteer entry, a capital, or a state; through 'the town of X'
    to X; with ``named``, also a place the gazetteer lacks, by its name alone.

    A named place is an entity of a place type (GPE, LOC, FAC) that is the phrase's head or
    names the kind of place it heads ('the northern Gaza area'), an organisation ending in a kind
    of place ('the Aleppo Governorate') or a proper noun the small tagger reads otherwise (it
    takes 'Deir Ezzor' for a person, 'Oued Aissi' for an organisation) — never a person when
    ``strict`` (objects of verbs, 'on' phrases: 'called on Putin'), never a name the knowledge
    base has as an organisation or a person. With ``weak``, a place entity that only modifies
    another noun counts too ('a Mogadishu hotel'); callers try every phrase without it first,
    so that 'near the US embassy in Dar es Salaam' is in Dar es Salaam.
    """
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
    lemma = token.lemma_.lower()
    kind = token.pos_ in {"NOUN", "PRON", "DET"} and lemma in PLACE_KINDS | PLACE_PARTS | COMPASS
    names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and not _timely(c)] if kind else []
    if names and named and lemma in PLACE_PARTS:  # 'the Rim district of Riyom', 'the Bala Farms area'
        return _named(token.doc[names[-1].left_edge.i : names[-1].i + 1], token, kb)
    if kind:
        for child in token.children:
            of = child.dep_ == "prep" and child.lower_ == "of"
            for obj in [child] if child.dep_ == "appos" else [o for o in child.children if o.dep_ == "pobj"] if of else []:
                if (place := phrase_place(obj, kb, named, strict, weak)) is not None:
                    return place
    if names and named:  # 'the Kabal town'
        return _named(token.doc[names[-1].left_edge.i : names[-1].i + 1], token, kb)
    return _named_place(token, span, kb, strict, weak or kind) if named else None


def _named_place(token: Token, span: Span, kb: KnowledgeBase, strict: bool, weak: bool) -> Located | None:
    ents = entities_within(span)
    heads = [e for e in ents if e.end == token.i + 1]
    found = [e for e in heads if e.label_ in NAMED_PLACES]
    if weak:  # not 'US airstrikes': a state before a noun names whose act it is
        found += [e for e in ents if e.label_ in NAMED_PLACES and e.end != token.i + 1 and e.text not in kb.state_names]
    found += [e for e in heads if e.label_ == "ORG" and e[-1].lemma_.lower() in PLACE_KINDS | PLACE_PARTS]
    loose = LOOSE_NAMES - {"PERSON"} if strict else LOOSE_NAMES
    if token.pos_ == "PROPN" and token.ent_type_ in loose and not any(_timely(t) for t in span):
        found.append(token.doc[_name_start(token) : token.i + 1])
    found = [e for e in found if not _known_actor(e, kb)]
    if not found:
        return None
    return _named(max(found, key=lambda e: (e.end, -e.start)), token, kb)  # the entity nearest the head


def _named(words: Span, token: Token, kb: KnowledgeBase) -> Located:
    """A place by its words (without 'the' and a possessive ending), from the gazetteer when it has it."""
    first, last = words.start, words.end
    while first < last and words.doc[first].lower_ == "the":
        first += 1
    while last > first + 1 and words.doc[last - 1].tag_ == "POS":
        last -= 1
    span = words.doc[first:last]
    return Located(kb.place(span.text) or Place(span.text, _country(token, kb), None, None), span.start_char, span.end_char)


def _timely(token: Token) -> bool:
    """A number or a time word ('2.00 p.m.', 'Monday'): not part of a place name."""
    return token.like_num or token.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"} or (
        token.lower_.replace(".", "") in {"am", "pm", "gmt", "utc"}
    )


LOOSE_NAMES = {"", "PERSON", "ORG", "LANGUAGE", "PRODUCT"}
"""Entity types the small tagger gives foreign place names ('Deir Ezzor' PERSON, 'Oued Aissi' ORG)."""


def _known_actor(name: Span, kb: KnowledgeBase) -> bool:
    """'in Hamas', 'near Putin': a name the knowledge base has as an organisation or a person is no place."""
    text = name.text.removeprefix("the ")
    return text in kb.org_names or text in kb.person_names or name[-1].text in kb.person_names


def _name_start(token: Token) -> int:
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head == token:
        start -= 1
    return start


def _country(token: Token, kb: KnowledgeBase) -> str | None:
    """'Lurgan, Northern Ireland', 'Tegucigalpa, Honduras': a state in apposition gives the country."""
    for child in token.children:
        if child.dep_ in {"appos", "npadvmod", "conj"} and child.text in kb.state_names:
            return kb.state_names[child.text]
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
