"""Where an event happened: a small learned ranker over the places its sentence names.

Why: the clause rule (:func:`detente.places.clause_place`) is precise, but it reads
only the event's own clause, and about 40% of the places it misses sit in another
one ("were killed when a bomb went off in X"). Which clause's place is the event's
depends on many weak signals at once (the path between them, the preposition, the
kind of clause, how far apart they are), which a ranker weighs better than a
longer chain of rules.

The ranker scores every place mention of the trigger's sentence (each place entity
and unknown proper name, and the clause rules' pick) against a NONE option, and the
best wins. Features are linguistic and general: dependency
path shapes, governing prepositions, clause relations, token distances, entity
labels, the verb's lexicon class and whether the clause rule chose the candidate;
never the words of a place or a sentence. The weights are trained by
``scripts/train_location.py`` on Halterman (2019), see the README beside them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from detente.actors.kb import KnowledgeBase
from detente.events.lexicon import Trigger
from detente.model import Place
from detente.nlp import MAX_HEADS, heads
from detente.ontology import VERBAL_TYPES
from detente.places import (
    AREA_PREPS,
    COMPASS,
    NAMED_PLACES,
    OTHER_TIMES,
    PLACE_KINDS,
    PLACE_PARTS,
    PLACE_PREPS,
    SEIZING_LEMMAS,
    Located,
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "location"
MODEL_FILE = MODEL_DIR / "weights.json"
FORMAT = 1
TRAINED_ON = "halterman-2019-event_location"
"""The name a model trained on the Halterman set carries, so that its evaluation defaults to the held-out split."""
HELDOUT_PERCENT = 20

PREPOSITIONS = PLACE_PREPS | AREA_PREPS | {
    "of", "from", "to", "toward", "towards", "against", "for", "with", "by", "between", "over", "onto", "under",
    "via", "beyond", "behind", "during", "after", "before", "since", "among", "across", "inside", "like", "as",
}  # fmt: skip
"""Prepositions named in features (a closed class of function words); any other is 'other'."""
CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"}
"""Dependencies that open a new clause; 'conj' does too between verbs."""
VERBAL_POS = {"VERB", "AUX"}
MARKERS = {"when", "while", "as", "after", "before", "since", "until", "where", "because", "if", "though",
           "although", "once", "that", "whether", "to", "by", "in", "with", "without"}  # fmt: skip
"""Words that open a clause ('killed when a bomb went off'), named in features; any other is 'other'."""


@dataclass(frozen=True)
class Candidate:
    """A place the sentence names, the token its phrase hangs from, and how it was found."""

    located: Located
    words: Span
    anchor: Token
    rule: bool
    """The clause rules chose this place."""
    kind: str
    """'state' (a country named as such), 'gazetteer' (a listed place) or 'name' (a name alone)."""
    label: str
    """The parser's entity label of the words: a place type when any word has one."""
    up: list[Token]
    """The path from the anchor up to (not including) its lowest common head with the trigger."""
    down: list[Token]
    """The path from the trigger up to (not including) that head."""


@dataclass(frozen=True)
class Choice:
    """What the ranker chooses among for one trigger: the trigger, what its sentence is like, the candidates."""

    head: Token
    length: int
    """Of the trigger's sentence, in tokens."""
    commas: list[int]
    """Where the sentence's commas are (token indices)."""
    candidates: list[Candidate]


def is_heldout(text: str) -> bool:
    """Whether a Halterman record belongs to the held-out split: by a hash of its sentence.

    Why the sentence and not the record id: a third of the records share their sentence
    with another (a second verb, a re-annotation); hashing the text keeps them together.
    """
    digest = hashlib.sha1(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELDOUT_PERCENT


@dataclass
class LocationModel:
    """Feature weights of the ranker, and what the model says about itself (source, split, figures)."""

    weights: dict[str, float]
    meta: dict[str, Any]

    def score(self, features: list[str]) -> float:
        """An option's score: the sum of its features' weights (a feature never seen in training weighs 0)."""
        weights = self.weights
        return sum(weights.get(f, 0.0) for f in features)

    def choose(self, head: Token, kb: KnowledgeBase, trigger: Trigger | None, rule: Located | None) -> Located | None:
        """The best of the sentence's places for the event of ``head``, or None when NONE scores highest."""
        choice = options(head, kb, rule)
        if not choice.candidates:
            return None
        scores = [self.score(f) for f in features(choice, trigger)]
        best = max(range(len(scores)), key=scores.__getitem__)  # the first of equals: NONE before any place
        return choice.candidates[best - 1].located if best else None


@lru_cache(maxsize=1)
def load_location_model(path: Path = MODEL_FILE) -> LocationModel | None:
    """The shipped ranker, read once per process; None when its file is absent (the clause rule alone then)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: location model format {data.get('format')!r}, expected {FORMAT}")
    return LocationModel(weights={k: float(v) for k, v in data["weights"].items()}, meta=data.get("meta", {}))


PLACE_WINDOW = 150
"""Places more than this many tokens from the trigger are not weighed. News sentences are far
shorter; a run-on 'sentence' of thousands of tokens (a list, a table read as text) would
otherwise weigh every place for every event, which grows with the square of its length."""


def options(head: Token, kb: KnowledgeBase, rule: Located | None) -> Choice:
    """Every place the trigger's sentence names, once each, and the clause rules' pick.

    A place is a parser entity of a place type (GPE, LOC, FAC), or a proper name the
    parser reads otherwise (it takes 'Deir Ezzor' for a person, 'Oued Aissi' for an
    organisation) that the knowledge base does not know as an organisation or a person.
    Why not :func:`detente.places.phrase_place` for every noun: it scans the article's
    entities at each call, which for every noun of every event's sentence would cost more
    than the rest of the coding; the clause rules' pick, which it does read, is a candidate.
    """
    sentence, doc = head.sent, head.doc
    found: dict[tuple[int, int], tuple[Span, Token]] = {}
    names: list[Token] = []
    commas: list[int] = []
    for token in doc[max(head.i - PLACE_WINDOW, sentence.start) : min(head.i + PLACE_WINDOW, sentence.end)]:
        if token.ent_type_ in NAMED_PLACES and (token.ent_iob_ == "B" or token.i == sentence.start):
            end = token.i + 1
            while end < sentence.end and doc[end].ent_iob_ == "I":
                end += 1
            words = _trimmed(doc[token.i : end])
            if len(words):
                found[(words.start_char, words.end_char)] = (words, words.root)
        elif token.pos_ == "PROPN" and token.ent_type_ not in NAMED_PLACES and not _inside_name(token):
            names.append(token)
        elif token.text == ",":
            commas.append(token.i)
    for token in names:
        words = _trimmed(doc[_name_start(token) : token.i + 1])
        if len(words) and not _known_actor(words, kb) and not any(t.like_num for t in words):
            found.setdefault((words.start_char, words.end_char), (words, token))
    chosen = (rule.start, rule.end) if rule is not None else None
    if chosen is not None and chosen not in found:
        words = doc.char_span(*chosen, alignment_mode="expand")
        if words is not None and len(words):
            found[chosen] = (words, words.root)
    chain = _chain(head)
    on_chain = {t.i for t in chain}
    candidates = [_candidate(words, anchor, (chain, on_chain), kb, rule if key == chosen else None)
                  for key, (words, anchor) in sorted(found.items())
                  if key == chosen or not _where_speakers_are(anchor, head)]  # fmt: skip
    return Choice(head, len(sentence), commas, [c for c in candidates if c.rule or not _other_event(c.up)])


REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "confirm", "state", "add", "insist", "note", "warn"})


def _where_speakers_are(anchor: Token, head: Token) -> bool:
    """'officials in Washington said ... what Trump and Putin had agreed in their talks': a place
    on the subject of a reporting verb says where the speakers are, not where the event they
    speak of happened (unless that verb is the event)."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"in", "at"}:
        return False
    speakers = prep.head
    verb = speakers.head
    return speakers.dep_ == "nsubj" and verb.lemma_.lower() in REPORTING_LEMMAS and verb.i != head.i


def _other_event(up: list[Token]) -> bool:
    """Whether the place is set in an event before or after this one: its branch hangs from the trigger's
    side by 'after', 'since'... ('resigned after the floods that hit Dhaka', 'talks since their summit in
    Helsinki'). The clause rules never read such places, and the ranker does not either."""
    for token in reversed(up):
        if token.dep_ == "prep" and token.lower_ in OTHER_TIMES:
            return True
        if token.dep_ in CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in VERBAL_POS):
            return _marker([token]) in OTHER_TIMES
    return False


def _trimmed(words: Span) -> Span:
    """A name without 'the' before it and a possessive ending after it."""
    first, last = words.start, words.end
    while first < last and words.doc[first].lower_ == "the":
        first += 1
    while last > first and words.doc[last - 1].tag_ == "POS":
        last -= 1
    return words.doc[first:last]


def _inside_name(token: Token) -> bool:
    """A word of a longer name ('Deir' of 'Deir Ezzor'), read with the name's last word."""
    return token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i


def _name_start(token: Token) -> int:
    """Where the name ending at ``token`` starts: the proper nouns before it that hang from the name."""
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head.i in range(start, token.i + 1):
        start -= 1
    return start


def _known_actor(words: Span, kb: KnowledgeBase) -> bool:
    """'Hamas', 'Putin': a name the knowledge base has as an organisation or a person is no place."""
    return words.text in kb.org_names or words.text in kb.person_names or words[-1].text in kb.person_names


def _candidate(words: Span, anchor: Token, chain: tuple[list[Token], set[int]], kb: KnowledgeBase,
               rule: Located | None) -> Candidate:
    """A candidate with its place: the clause rules' own reading, the gazetteer's, a state's, or the name alone."""
    text = words.text
    place = kb.place(text)
    kind = "state" if text in kb.state_names else "gazetteer" if place is not None else "name"
    labels = [t.ent_type_ for t in words]
    places = [label for label in labels if label in NAMED_PLACES]
    label = places[-1] if places else labels[-1] or "-"
    up, down = _path(anchor, *chain)
    if rule is not None:
        return Candidate(rule, words, anchor, True, kind, label, up, down)
    if place is None and kind == "state":
        state = kb.states[kb.state_names[text]]
        place = Place(state.name, state.iso3, None, None)
    located = Located(place or Place(text, None, None, None), words.start_char, words.end_char)
    return Candidate(located, words, anchor, False, kind, label, up, down)


def _chain(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root (at most ``MAX_HEADS`` of them)."""
    return [token, *heads(token)]


def _path(anchor: Token, down: list[Token], above: set[int]) -> tuple[list[Token], list[Token]]:
    """The tokens from ``anchor`` up to (not including) its lowest common head with the trigger, and
    those from the trigger up to it; ``down`` is the trigger's :func:`_chain` and ``above`` its token
    indices (computed once for all the candidates of one trigger)."""
    up = [anchor]
    while up[-1].i not in above and up[-1].head.i != up[-1].i and len(up) <= MAX_HEADS:  # no further than the common head
        up.append(up[-1].head)
    meet = next((i for i, t in enumerate(up) if t.i in above), len(up))
    top = up[meet].i if meet < len(up) else None
    cut = next((i for i, t in enumerate(down) if t.i == top), len(down))
    return up[:meet], down[:cut]


def _clause_deps(tokens: list[Token]) -> list[str]:
    """The clause boundaries on a path: clausal dependencies, and 'conj' between verbs."""
    return [t.dep_ for t in tokens if t.dep_ in CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ in VERBAL_POS)]


def _marker(tokens: list[Token]) -> str:
    """The word that opens the first clause on a path ('when', 'after', 'where'), '-' for none."""
    for token in tokens:
        if token.dep_ in CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in VERBAL_POS):
            words = [c.lower_ for c in token.lefts if c.dep_ in {"mark", "advmod", "aux"}]
            words += [token.head.lower_] if token.dep_ == "pcomp" else []
            found = [w for w in words if w in MARKERS]
            return found[0] if found else "other"
    return "-"


def _preposition(anchor: Token) -> tuple[str, Token | None]:
    """The preposition that governs the place phrase, through 'the town of X' to the phrase of 'town'."""
    token = anchor
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head.head
    if token.dep_ == "pobj":
        prep = token.head
        return (prep.lower_ if prep.lower_ in PREPOSITIONS else "other"), prep
    if token.dep_ in {"dobj", "nsubj", "nsubjpass", "compound", "poss", "appos", "conj", "npadvmod", "ROOT"}:
        return f"-{token.dep_}", None
    return "-other", None


def verb_class(head: Token, trigger: Trigger | None) -> str:
    """The trigger's lexicon type, or a class of the word: a seizing act, another verb, a noun."""
    if trigger is not None:
        return trigger.type
    if head.lemma_.lower() in SEIZING_LEMMAS:
        return "seize"
    return "verb" if head.pos_ in VERBAL_POS else "other"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _noun_class(anchor: Token) -> str:
    """What the name belongs to: a kind of place ('the town of X', 'the X district'), a part of one
    ('the outskirts of X'), a direction ('west of X'), another noun ('a X hotel'), or nothing."""
    host = anchor
    if anchor.dep_ in {"compound", "appos"} or (anchor.dep_ == "pobj" and anchor.head.lower_ == "of"):
        host = anchor.head if anchor.dep_ != "pobj" else anchor.head.head
    lemma = host.lemma_.lower()
    if lemma in PLACE_KINDS:
        return "kind"
    if lemma in PLACE_PARTS:
        return "part"
    if lemma in COMPASS:
        return "compass"
    return "self" if host == anchor else host.pos_


def _passive(head: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in head.children)


def features(choice: Choice, trigger: Trigger | None) -> list[list[str]]:
    """The features of each option: NONE first (what the trigger and its sentence are like), then each
    candidate (relative to the trigger and to the other candidates)."""
    head, found = choice.head, choice.candidates
    vclass = verb_class(head, trigger)
    verbal = "verbal" if trigger is not None and trigger.type in VERBAL_TYPES else "act"
    paths = [(c.up, c.down) for c in found]
    clauses = [("/".join(_clause_deps(up)[-2:]), "/".join(_clause_deps(down)[:2])) for up, down in paths]
    lengths = [len(up) + len(down) for up, down in paths]
    same = [i for i, cl in enumerate(clauses) if cl == ("", "")]
    nearest_same = min(same, key=lambda i: (lengths[i], abs(found[i].anchor.i - head.i))) if same else None
    order = sorted(range(len(found)), key=lambda i: (lengths[i], abs(found[i].anchor.i - head.i)))
    rank = {i: r for r, i in enumerate(order)}
    none = [
        "n:bias",
        f"n:class:{vclass}",
        f"n:vpos:{head.pos_}",
        f"n:vdep:{head.dep_}",
        f"n:tag:{head.tag_}",
        f"n:ncand:{min(len(found), 4)}",
        f"n:nsame:{min(len(same), 2)}",
        f"n:sentlen:{_bucket(choice.length, (10, 20, 35, 50))}",
    ]
    if any(c.rule for c in found):
        none += ["n:rule", f"n:rule|{vclass}"]
    if _passive(head):
        none.append("n:passive")
    if any(c.dep_ == "neg" for c in head.children):
        none.append("n:neg")
    out = [none]
    for i, (candidate, (up, down)) in enumerate(zip(found, paths, strict=True)):
        anchor = candidate.anchor
        prep, prep_token = _preposition(anchor)
        attach = "verb" if prep_token is not None and prep_token.head == head else (
            "verbside" if prep_token is not None and prep_token.head in down else
            "none" if prep_token is None else prep_token.head.pos_)  # fmt: skip
        clause = f"{clauses[i][0]}|{clauses[i][1]}"
        up_deps = [t.dep_ for t in up]
        down_deps = [t.dep_ for t in down]
        top = next((t.lower_ for t in reversed(up) if t.dep_ in {"prep", "agent"}), "-")
        top = top if top in PREPOSITIONS or top == "-" else "other"
        known, label, words = candidate.kind, candidate.label, len(candidate.words)
        noun = _noun_class(anchor)
        side = "before" if anchor.i < head.i else "after"
        distance = _bucket(abs(anchor.i - head.i), (2, 5, 10, 20))
        named = [
            "c:bias",
            f"c:prep:{prep}",
            f"c:prep:{prep}|{attach}",
            f"c:prep:{prep}|cl:{clause}",
            f"c:dep:{anchor.dep_}",
            f"c:up:{'/'.join(up_deps[:3])}",
            f"c:down:{'/'.join(down_deps[:2])}",
            f"c:path:{'/'.join(up_deps[:2])}|{'/'.join(down_deps[:2])}",
            f"c:ulen:{min(len(up), 6)}",
            f"c:dlen:{min(len(down), 4)}",
            f"c:cl:{clause}",
            f"c:cl:{clause}|{vclass}",
            f"c:cl:{clause}|vdep:{head.dep_}",
            f"c:mark:{_marker(list(reversed(up)))}|{_marker(down)}",
            f"c:top:{top}",
            f"c:top:{top}|cl:{clause}",
            f"c:top:{top}|prep:{prep}",
            f"c:dist:{distance}{side}",
            f"c:dist:{distance}|cl:{clause}",
            f"c:ent:{anchor.ent_type_ or '-'}",
            f"c:label:{label}",
            f"c:label:{label}|{known}",
            f"c:label:{label}|prep:{prep}",
            f"c:noun:{noun}",
            f"c:noun:{noun}|label:{label}",
            f"c:words:{_bucket(words, (1, 2, 3))}",
            f"c:known:{known}",
            f"c:known:{known}|dep:{anchor.dep_}",
            f"c:vpos:{head.pos_}|prep:{prep}",
            f"c:{verbal}|prep:{prep}",
            f"c:class:{vclass}|prep:{prep}",
            f"c:rank:{min(rank[i], 3)}",
            f"c:rank:{min(rank[i], 3)}|cl:{clause}",
        ]
        if candidate.rule:
            named += ["c:rule", f"c:rule|{vclass}", f"c:rule|prep:{prep}"]
        if i == nearest_same:
            named += ["c:nearest_same", f"c:nearest_same|prep:{prep}"]
        if any(min(anchor.i, head.i) < at < max(anchor.i, head.i) for at in choice.commas):
            named.append(f"c:comma|cl:{clause}")
        out.append(named)
    return out
