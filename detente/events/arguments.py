"""Who did it and to whom: an event trigger's source and target from the dependency tree.

The rules follow the constructions of news prose, not single sentences:
subjects are found through control and coordination ("Trump contacted Putin
to congratulate him" → Trump congratulated), passives swap roles ("Putin was
congratulated by Trump"), targets come from objects and from "with", "to",
"on", "against" phrases, coordination widens either side ("Putin and Trump
met"), and nouns take their participants from "between X and Y", "with X",
possessives, and the light verb they are the object of ("the two leaders held
talks").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from detente.actors.resolve import ActorIndex, ActorMention
from detente.model import Actor

PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "dative", "iobj", "oprd"}
TARGET_PREPS = {"with", "to", "on", "against", "toward", "towards", "upon", "into"}
NOUN_TARGET_PREPS = {"with", "to", "on", "against", "toward", "towards", "for"}
LEAVING_VERBS = {"withdraw", "pull", "retreat", "evacuate", "expel", "remove", "leave"}
"""Verbs whose 'from' names the other party ('withdraw its troops from Lebanon')."""
CLIMB_DEPS = {"xcomp", "conj", "advcl", "acomp", "pcomp", "acl"}
JOINT_PREPS = {"at", "during", "in", "on"}
"""Prepositions that set an act within an event ("agreed at the summit", "spoke during talks")."""
ATTEND_VERBS = {"attend", "join"}
"""'Both leaders attended the summit': each attended a gathering; with no one named to meet, no meeting between them."""
TOPIC_VERBS = {"discuss", "debate", "address", "raise", "review", "examine", "negotiate", "consider", "mention"}
"""Verbs whose object is what was talked about ("discussed Syria and Iran"), not who was talked to."""
OBJECT_CONTROL = {
    "invite", "ask", "urge", "tell", "persuade", "encourage", "press", "pressure", "allow", "permit",
    "force", "order", "help", "want", "expect", "call", "push", "warn", "advise", "request", "require",
}  # fmt: skip
"""Verbs whose object is the subject of the infinitive below them ("urged Putin to withdraw")."""
LIGHT_VERBS = {
    "hold", "have", "conduct", "materialise", "materialize", "complete", "attend", "make", "pay",
    "place", "join", "host", "arrange", "resume", "begin", "start", "launch", "open", "stage",
    "convene", "wrap", "end", "conclude", "take", "give", "offer", "extend", "send", "express",
    "issue", "impose", "level", "file", "lodge", "deliver", "announce", "plan", "schedule", "cancel",
    "postpone", "scrap", "seek", "propose", "agree", "accept", "reject", "decline", "welcome", "carry", "mount",
    "intensify", "escalate", "step",
}  # fmt: skip
"""Verbs whose object noun carries the event ("held talks", "paid a visit", "imposed sanctions")."""


@dataclass
class Arguments:
    """The actors of one event mention and how they were found."""

    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    other_party: bool = False
    """An object is there but names no actor ("spoke to reporters"): the act was not between the subjects."""


def actors_of(token: Token, index: ActorIndex) -> list[Actor]:
    """Actors named by a phrase headed by ``token``, its conjuncts included.

    A coordination the parser attached oddly ("U.S. President Donald Trump and
    Russian President Vladimir Putin" with Trump as a modifier of Putin) still
    names everyone in it: with an "and" inside the phrase (outside its
    prepositional phrases), every name in it counts.
    """
    found: list[Actor] = []
    heads = [token, *token.conjuncts]
    if any(t.dep_ == "cc" and t.lower_ == "and" for t in _core(token)):
        heads += [t for t in _core(token) if t.dep_ in {"nmod", "compound", "conj", "appos", "amod"}]
    heads = [_through_partitive(h) for h in heads]
    for head in heads:
        mention = index.at(head) or _inner_mention(head, index)
        if mention is not None:
            found.extend(a for a in mention.actors if all(a.id != b.id for b in found))
    return found


def _core(token: Token) -> list[Token]:
    """The tokens of a noun phrase outside its prepositional phrases and clauses."""
    core = [token]
    for child in token.children:
        if child.dep_ not in {"prep", "relcl", "acl", "advcl", "punct"}:
            core.extend(_core(child))
    return core


PARTITIVES = {
    "thousand", "hundred", "dozen", "score", "million", "group", "member", "number", "some", "many", "most", "all",
    "crowd", "chief", "head", "leader", "commander", "deputy", "official", "spokesman", "spokeswoman",
    "representative", "supporter", "envoy", "delegation", "mayor", "governor",
}  # fmt: skip
"""Heads of 'thousands of farmers', 'a group of rebels', 'the deputy chief of Hamas': the actor is after 'of'."""


def _through_partitive(token: Token) -> Token:
    if token.lemma_.lower() not in PARTITIVES:
        return token
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return token


def _owner_of_object(verb: Token, index: ActorIndex) -> list[Actor]:
    """'denounced Serbia's suppression of ...': the one whose act or policy is the object is the target.

    A possessive pronoun ('called off his meeting') names no other party.
    """
    for obj in verb.children:
        if obj.dep_ == "dobj":
            for owner in obj.children:
                if owner.dep_ == "poss" and owner.pos_ != "PRON" and index.at(owner) is not None:
                    return actors_of(owner, index)
    return []


def _inner_mention(token: Token, index: ActorIndex) -> ActorMention | None:
    """'Finland's Helsinki', 'the journalist Bob Woodward': the named part of a phrase."""
    for child in token.children:
        if child.dep_ in {"appos", "compound", "nmod"} and (m := index.at(child)) is not None:
            return m  # 'the Taliban religious faction'
    return None


def verb_arguments(verb: Token, index: ActorIndex, own_object: str = "") -> Arguments:
    """Source and target of a verbal trigger.

    ``own_object`` is the object that belongs to the trigger itself ("shook
    hands", "held talks"): it names no other party.
    """
    args = Arguments()
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children)
    if passive:
        subject = next(c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
        args.target = actors_of(subject, index)
        args.source = _agent(verb, index)
    else:
        args.source = subject_actors(verb, index)
        args.target = _object_actors(verb, index) or _through_event_noun(verb, index) or _owner_of_object(verb, index)
        args.other_party = not args.target and _has_object(verb, own_object)
    _drop_overlap(args)
    return args


def _agent(verb: Token, index: ActorIndex) -> list[Actor]:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return actors_of(obj, index)
    return []


def subject_actors(verb: Token, index: ActorIndex) -> list[Actor]:
    """The subject's actors, climbing through control, coordination and adjuncts when needed.

    Verbs of asking and inviting pass their object down ("Xi invited Trump to
    visit" → Trump visits); other verbs pass their subject ("Trump called
    Putin to congratulate him" → Trump congratulates).
    """
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and current.i != verb.i):
                actors = actors_of(child, index)
                if actors:
                    return actors
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return []
        if current.dep_ in {"xcomp", "ccomp"} and current.head.lemma_.lower() in OBJECT_CONTROL:
            for child in current.head.children:
                if child.dep_ in OBJECT_DEPS and (actors := actors_of(child, index)):
                    return actors
        current = current.head
    return []


def _object_actors(verb: Token, index: ActorIndex) -> list[Actor]:
    topic = verb.lemma_.lower() in TOPIC_VERBS
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and not topic and (actors := actors_of(child, index)):
            return actors
    for child in verb.children:
        if child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (child.lower_ == "from" and verb.lemma_.lower() in LEAVING_VERBS)):
            for obj in child.children:
                if obj.dep_ in {"pobj", "pcomp"} and (actors := actors_of(obj, index)):
                    return actors
    return _nested_target(verb, index)


def _nested_target(verb: Token, index: ActorIndex) -> list[Actor]:
    """'spoke by telephone with Putin': the 'with' phrase hangs off the means, not the verb."""
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        for obj in child.children:
            for inner in obj.children:
                if inner.dep_ == "prep" and inner.lower_ in {"with", "to"}:
                    for target in inner.children:
                        if target.dep_ == "pobj" and (actors := actors_of(target, index)):
                            return actors
    return []


def _through_event_noun(verb: Token, index: ActorIndex) -> list[Actor]:
    """'called off the meeting with Kim': the verb acts on an event, whose other party is the target."""
    from detente.events.lexicon import triggers

    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and (child.lemma_.lower(), "NOUN") in triggers():
            inner = noun_arguments(child, index)
            if inner.target or inner.source:
                return inner.target or inner.source
    return []


def _has_object(verb: Token, own_object: str) -> bool:
    """Whether the verb has an object or addressee that is not one of the subjects (resolved or not).

    The object of a verb of discussing is the topic ("they discussed Syria"), not another party.
    """
    topic = verb.lemma_.lower() in TOPIC_VERBS
    if not topic and any(c.dep_ in OBJECT_DEPS and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() != own_object
                         for c in verb.children):  # fmt: skip
        return True
    return any(c.dep_ == "prep" and c.lower_ in TARGET_PREPS - {"on", "into"} and any(g.dep_ == "pobj" for g in c.children)
               for c in verb.children)  # fmt: skip


def noun_arguments(noun: Token, index: ActorIndex) -> Arguments:
    """Participants of a nominal trigger ('a meeting between X and Y', 'talks with X')."""
    args = Arguments()
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    args.source = actors_of(obj, index)
                    args.reciprocal = True
        elif child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS and not args.target:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    args.target = actors_of(obj, index)
        elif child.dep_ == "poss" and not args.source:
            args.source = actors_of(child, index)
    if not args.source and noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in LIGHT_VERBS:
        light = noun.head
        args.source = subject_actors(light, index) if noun.dep_ == "dobj" else _agent(light, index)
        if not args.target:
            args.target = _object_actors_except(light, noun, index)
    if not args.source and not args.target:
        args.source = joint_subject(noun, index)
    if not args.target and noun.head.lemma_.lower() in ATTEND_VERBS and noun.dep_ == "dobj":
        args.source = []
    _drop_overlap(args)
    return args


def joint_subject(noun: Token, index: ActorIndex) -> list[Actor]:
    """'Biden and Putin agreed ... at a summit in Geneva': a joint subject took part in the event named beside it."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in JOINT_PREPS:
        return []
    verb = noun.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    actors = subject_actors(verb, index)
    return actors if len(actors) > 1 else []


def _object_actors_except(verb: Token, skip: Token, index: ActorIndex) -> list[Actor]:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i != skip.i and (actors := actors_of(obj, index)):
                    return actors
    return []


def _drop_overlap(args: Arguments) -> None:
    """An actor is not its own target; several actors with no target act together."""
    ids = {(a.id, a.sector) for a in args.source}
    args.target = [a for a in args.target if (a.id, a.sector) not in ids]  # a government may accuse its rebels
    args.reciprocal = len(args.source) > 1 and not args.target and (args.reciprocal or not args.other_party)
