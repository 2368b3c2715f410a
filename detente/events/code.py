"""Code the events of one parsed article: trigger → type, actors, status, date, place.

Each trigger (a verb in its construction, or an event noun with its light verb
or its "between"/"with" phrase) is looked up in the lexicon and becomes an
:class:`EventMention`. Mentions are merged into events afterwards
(:mod:`detente.merge`); this module never looks beyond one sentence except
through the time analysis and the resolved actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from detente import ontology
from detente.actors.fallback import load_fallback
from detente.actors.kb import KnowledgeBase
from detente.actors.resolve import ActorIndex
from detente.events.arguments import (
    JOINT_PREPS,
    LIGHT_VERBS,
    Arguments,
    actors_of,
    noun_arguments,
    subject_actors,
    verb_arguments,
)
from detente.events.contexts import event_contexts
from detente.events.dating import date_event
from detente.events.lexicon import Trigger, best_trigger, triggers
from detente.events.location_model import load_location_model
from detente.events.status import ATTITUDE_LEMMAS, event_status
from detente.model import Actor, Place, Quote, Span, TimeValue
from detente.ontology import VERBAL_TYPES
from detente.places import Located, clause_place, dateline_place, near_publication, object_venue, phrase_place
from detente.timex import TimeAnalysis

PRONOUN_SUBJECTS = {"i", "we", "you", "they", "he", "she"}
NOUN_TRIGGER_DEPS = {"dobj", "nsubjpass", "nsubj", "pobj", "conj", "appos", "ROOT", "attr"}
REQUEST_SPEECH_LEMMAS = {"tell", "ask", "insist", "say", "add", "write", "order", "instruct"}
"""Verbs of saying: an event only in the 'told X to do Y' construction, never by themselves."""
REPEAT_WORDS = {"again"}
VAGUE_OCCASIONS = {"before", "previously", "already", "often", "repeatedly", "frequently", "regularly", "several", "many"}
ADJUNCT_ENTITIES = {"DATE", "TIME", "GPE", "LOC", "FAC"}
TIME_ENTITIES = {"DATE", "TIME"}
DIRECTED_PREPS = {"at", "against", "upon", "on", "toward", "towards"}
REFERENCE_PREPS = {"for", "at", "during", "on", "after", "before", "since", "ahead"}
"""After these an event noun with no participants of its own only names an occasion ("for the G20 summit")."""


@dataclass
class EventMention:
    """One sentence's report of one event, before merging."""

    type: str
    mode: str | None
    cameo: str
    status: str
    status_reason: str
    source: list[Actor]
    target: list[Actor]
    date: TimeValue
    location: Place | None
    sentence: Span
    trigger: Span
    lemma: str
    content: frozenset[str]
    confidence: float
    quotes: list[Quote] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)

    @property
    def reciprocal(self) -> bool:
        """A joint act ("the two met"): participants without a separate target."""
        return not self.target and len(self.source) > 1


@dataclass
class ArticleContext:
    """What the coder needs to know about the article beyond the sentence."""

    doc: Doc
    actors: ActorIndex
    time: TimeAnalysis
    kb: KnowledgeBase
    published: str | None
    dateline: Located | None = None
    content: dict[int, frozenset[str]] = field(default_factory=dict)
    """:func:`content_lemmas` of each sentence (by its first token), computed once for all its events."""


def code_events(ctx: ArticleContext) -> list[EventMention]:
    """Every event mention of the article, in text order."""
    ctx.dateline = dateline_place(ctx.doc, ctx.kb)
    found: list[EventMention] = []
    for token in ctx.doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in DECLARE_LEMMAS:
            found.extend(_must_demand(ctx, token))
        match = match_trigger(token)
        if match is None:
            continue
        trigger, head = match
        args = verb_arguments(head, ctx.actors, trigger.object) if trigger.pos == "VERB" else noun_arguments(head, ctx.actors)
        if head.lemma_ == "like" and head.pos_ == "ADP":
            args = _tagged_like(head, ctx.actors)
        if not args.target and trigger.type in CLAUSE_TARGET_TYPES:
            args.target = clause_subject(head, ctx.actors)
        if not args.target and trigger.type in ABOUT_ACTS and trigger.pos == "VERB":
            args.target = complement_target(head, ctx.actors, args.source)
        if not args.target and trigger.type in TERRITORY_TYPES:
            args.target = territory(head, ctx.actors, [a.id for a in args.source])
        mention = build_mention(ctx, trigger, head, args)
        if mention is not None:
            found.append(mention)
    return found


ANSWERING_VERBS = frozenset({"reject", "decline", "accept", "welcome", "agree"})
"""Verbs that answer a request, offer or accusation: 'rejected a UN appeal' is a rejection, while
'rejected talks' stays the talks, negated (the appeal was made; the talks were not held)."""
ABOUT_ACTS = frozenset({"THREATEN", "REJECT", "AGREE", "REQUEST"})
"""Acts about another act: 'threatened to shell Iraqi towns' is a threat to Iraq (and the shelling stays hypothetical)."""
TERRITORY_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT", "SANCTION", "ASSAULT"})
"""Acts done to a place are done to its state: 'lifted a curfew in Montenegro', 'shelled villages in Syria'."""
ONE_SIDED_TYPES = frozenset({"PROTEST", "MOBILIZE"})
"""Acts that need no named other party: 'farmers protested in Lima', 'Chad put its troops on alert'."""
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "THREATEN"})
"""Acts aimed at whoever their clause is about: 'demanded that the government end curbs' → the government."""
DECLARE_LEMMAS = frozenset({"say", "declare", "insist", "state", "announce", "tell", "write", "add"})
DEMAND = Trigger(lemma="", pos="VERB", particle="", preposition="", object="", type="REQUEST", mode=None, cameo="100", reviewed=True)


def complement_target(verb: Token, index: ActorIndex, source: list[Actor]) -> list[Actor]:
    """The other party of the act a verb governs ('refused to meet Abdullah', 'threatened to ban X')."""
    own = {(a.id, a.sector) for a in source}
    for clause in verb.children:
        if clause.dep_ in {"xcomp", "ccomp"} and clause.pos_ == "VERB":
            target = verb_arguments(clause, index).target or territory(clause, index, [a.id for a in source])
            target = [a for a in target if (a.id, a.sector) not in own]
            if target:
                return target
    return []


def territory(head: Token, index: ActorIndex, exclude: list[str]) -> list[Actor]:
    """The state named by a place phrase of the act's object (or of the act noun itself): 'a curfew in Montenegro'."""
    phrases = [head, *(c for c in head.children if c.dep_ == "dobj")]
    for phrase in phrases:
        for prep in phrase.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "on", "over", "across", "throughout"}:
                for place in prep.children:
                    mention = index.at(place)
                    if place.dep_ == "pobj" and mention is not None and mention.kind == "state":
                        return [a for a in mention.actors if a.id not in exclude]
    return []


def clause_subject(verb: Token, index: ActorIndex) -> list[Actor]:
    """The actors a verb's 'that'-clause is about (its subject)."""
    for clause in verb.children:
        if clause.dep_ == "ccomp":
            for subject in clause.children:
                if subject.dep_ in {"nsubj", "nsubjpass"}:
                    return actors_of(subject, index)
    return []


def _must_demand(ctx: ArticleContext, verb: Token) -> list[EventMention]:
    """'Russia said Sudan must return the helicopter': saying another must act is demanding it (CAMEO 10)."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in {"must", "should"} for a in clause.children):
            args = Arguments(source=subject_actors(verb, ctx.actors), target=clause_subject(verb, ctx.actors))
            ids = {a.id for a in args.source}
            args.target = [a for a in args.target if a.id not in ids]
            mention = build_mention(ctx, DEMAND, verb, args)
            return [mention] if mention is not None else []
    return []


NAMING_LEMMAS = frozenset({"call", "label", "brand", "dub"})
NAME_CALLING = Trigger("call", "VERB", "", "", "", "ACCUSE", "disapprove", "111", reviewed=True)
"""'called the envoy a liar', 'branded it anti-people': naming someone with a predicate is denouncing
them (CAMEO 111), a construction rather than a word, so it is not a lexicon row."""


def _names_someone(verb: Token) -> bool:
    """'called the envoy a liar': an object and a common noun or adjective predicated of it.

    A proper name as the second part is the parser splitting one long name
    ('called Turkey President Erdogan'), a phone call, not an insult.
    """
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object and any(c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} for c in verb.children)


def match_trigger(token: Token) -> tuple[Trigger, Token] | None:
    """The lexicon row a token triggers in its construction, if any."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" or (lemma == "like" and _tagged_like_verb(token)):
        if lemma in REQUEST_SPEECH_LEMMAS and not asks_to_act(token):
            return None
        if lemma in NAMING_LEMMAS and _names_someone(token):
            return replace(NAME_CALLING, lemma=lemma), token
        if (lemma, "VERB") not in triggers():
            return None  # most verbs have no row: the construction need not be read
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "agent"} and not _adjunct(c)}
        preps |= recipient_on_object(token)
        objects = object_lemmas(token)
        objects |= {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
        found = best_trigger(lemma, "VERB", particles, preps, objects)
        own_row = found is not None and found.reviewed and bool(found.object)  # 'accept the demands' is a concession
        objects_events = [t for c in token.children if c.dep_ == "dobj" and (t := _noun_trigger(c)) is not None]
        answered = lemma in ANSWERING_VERBS and any(t.type in VERBAL_TYPES for t in objects_events)
        if lemma in LIGHT_VERBS and not own_row and not answered and objects_events:
            return None
        if found is not None and not found.reviewed and found.specificity(particles, preps, objects) == 0:
            return None
        return (by_force(found, token), token) if found else None
    if token.pos_ in {"NOUN", "PROPN"}:
        found = _noun_trigger(token)
        return (found, token) if found else None
    return None


SEIZING_CODES = frozenset({"171", "1711"})
TAKEN_PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "territory", "region", "province", "district", "area", "base", "airport",
    "airfield", "port", "stronghold", "bastion", "position", "outpost", "checkpoint", "headquarters", "field", "island",
})  # fmt: skip
"""Places an armed advance takes: a city, a base, an oil field."""
ARMED_SECTORS = ("MIL", "REB", "UAF")
"""Phoenix agent sectors of those who bear arms: military, rebels, unidentified armed forces."""


def by_force(found: Trigger, verb: Token) -> Trigger:
    """A seizure row read as the use of military force (190) when armed men seize or a place is taken.

    'troops seized the tanker', 'the government forces captured three cities':
    PLOVER's gold sets code such captures as fighting (ASSAULT; FIGHT in PLOVER
    0.5). The seizure rows (171: COERCE in the CAMEO-PLOVER table) stay for
    what an authority confiscates ('police confiscated weapons'), and the
    occupation rows (192) for holding a territory.
    """
    if found.cameo not in SEIZING_CODES or verb.pos_ != "VERB":
        return found
    return replace(found, type="ASSAULT", mode=None, cameo="190") if _taken_by_force(verb) else found


def _taken_by_force(verb: Token) -> bool:
    """Whether the seizer is an armed force or what is taken is a place."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    agents = load_fallback().agents
    if any(agents.get(w, "").startswith(ARMED_SECTORS) for s in subjects for w in (s.lower_, s.lemma_.lower())):
        return True
    taken = [c for c in verb.children if c.dep_ == "dobj"]
    return any(t.ent_type_ in {"GPE", "LOC"} or t.lemma_.lower() in TAKEN_PLACE_NOUNS for t in taken)


EFFORT_NOUNS = frozenset({"effort", "process", "shipment", "delivery", "program", "programme", "agreement", "hour"})
"""Nouns that take their meaning from their modifier: 'ended mediation efforts' ends mediation,
'violated the ceasefire agreement' violates the ceasefire, 'eased curfew hours' eases the curfew."""


def object_lemmas(verb: Token) -> set[str]:
    """The verb's object nouns, the noun after 'of' in 'a state of emergency', 'a ban of imports', the
    modifier of an effort noun ('mediation efforts'), and an adjective predicated of the object ('found
    him guilty', which the parser makes a clause).

    'accepted refugees fleeing the war' is often parsed as a clause 'refugees fleeing' under the
    verb; the subject of such an '-ing' clause is the object. In 'let free activists' the
    adjective right after the verb completes the verb ('let free'), though parsed as the
    object's modifier.
    """
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}}
    objects |= {s.lemma_.lower() for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG"
                for s in c.children if s.dep_ == "nsubj" and s.pos_ == "NOUN"}  # fmt: skip
    objects |= {a.lemma_.lower() for c in verb.children if c.dep_ == "dobj"
                for a in c.children if a.dep_ == "amod" and a.i == verb.i + 1}  # fmt: skip
    objects |= {c.lemma_.lower() for c in verb.children if c.dep_ in {"ccomp", "oprd"} and c.pos_ == "ADJ"}
    objects |= {m.lemma_.lower() for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in EFFORT_NOUNS
                for m in c.children if m.dep_ == "compound"}  # fmt: skip
    objects |= {g.lemma_.lower() for c in verb.children if c.dep_ == "dobj"
                for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"}  # fmt: skip
    return objects


def recipient_on_object(verb: Token) -> set[str]:
    """'to' when the parser hung the recipient on the verb's object ('returned the statue of X to Peru').

    A 'to' phrase after a long object names whom the act goes to; the small
    model often attaches it inside the object phrase instead of to the verb,
    which hid rows like 'return X to'. Only when the verb has no 'to' of its own;
    a country there is the recipient, not the place of the act.
    """
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return set()
    return {
        p.lower_
        for c in verb.children
        if c.dep_ == "dobj"
        for p in c.subtree
        if p.dep_ == "prep" and p.lower_ == "to" and p.i > c.i and not _counted(p)
    }


def _counted(prep: Token) -> bool:
    """'dating back to A.D. 640', 'up to 300': a 'to' of dates and numbers names no recipient."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY"} for c in prep.children)


def _adjunct(prep: Token) -> bool:
    """'on Tuesday', 'in Helsinki': a phrase of time or place is not the verb's complement ('call on X').

    A place after a preposition of direction ('fired at Russia', 'turned against Syria', 'called
    on Chile to') is the other party, not where the act happened.
    """
    place_adjunct = prep.lower_ not in DIRECTED_PREPS
    return any(
        c.dep_ == "pobj" and (c.ent_type_ in TIME_ENTITIES or (place_adjunct and c.ent_type_ in ADJUNCT_ENTITIES))
        for c in prep.children
    )


def asks_to_act(verb: Token) -> bool:
    """'told Putin to stop', 'asked him to visit': a verb of saying with an infinitive of action."""
    return any(c.dep_ in {"xcomp", "ccomp"} and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _noun_trigger(token: Token) -> Trigger | None:
    """An event noun counts when its phrase carries an event, not when it only names a venue."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ not in NOUN_TRIGGER_DEPS:
        return None
    joined = _hyphenated_lemma(token)
    if (token.lemma_.lower(), "NOUN") not in triggers() and (joined is None or (joined, "NOUN") not in triggers()):
        return None  # most nouns name no event: the phrase need not be read
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    light = token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in LIGHT_VERBS
    has_participants = bool(preps & {"between", "with"}) or any(c.dep_ == "poss" for c in token.children)
    joint = token.dep_ == "pobj" and token.head.lower_ in JOINT_PREPS
    if not (light or has_participants or joint):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS and not (has_participants or joint):
        return None
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
    found = best_trigger(joined, "NOUN", set(), preps, modifiers) if joined else None
    return found or best_trigger(token.lemma_.lower(), "NOUN", set(), preps, modifiers)


def _hyphenated_lemma(token: Token) -> str | None:
    """'cease-fire', which the tokenizer splits into 'cease', '-', 'fire': the whole word, for the lexicon."""
    if token.i < 2 or token.nbor(-1).text != "-" or token.nbor(-1).whitespace_:
        return None
    first = token.nbor(-2)
    if first.whitespace_ or first.head.i != token.i:
        return None
    return f"{first.lower_}-{token.lemma_.lower()}"


def _tagged_like_verb(token: Token) -> bool:
    """'I like Putin' is often tagged as the preposition 'like': a pronoun subject right before says it is a verb."""
    return token.pos_ == "ADP" and token.i > 0 and token.nbor(-1).lower_ in PRONOUN_SUBJECTS


def _tagged_like(token: Token, index: ActorIndex) -> Arguments:
    subject = token.nbor(-1)
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return Arguments(
        source=actors_of(subject, index),
        target=actors_of(objects[0], index) if objects else [],
    )


def build_mention(ctx: ArticleContext, trigger: Trigger, head: Token, args: Arguments) -> EventMention | None:
    """Complete one mention: status, date, place, mode, CAMEO code and confidence."""
    venue = _venue(head, ctx.kb) if trigger.mode == "visit" else None
    if venue is not None and args.source and not args.target and venue.place.country in ctx.kb.states:
        args.target = [ctx.kb.states[venue.place.country].actor()]
    if not args.source or (not args.target and not args.reciprocal and trigger.type not in ONE_SIDED_TYPES):
        return None
    status, why = event_status(head)
    participants = [*args.source, *args.target]
    date = date_event(head, ctx.time, participants, ctx.kb, ctx.published, status)
    if date.basis in {"narrative", "publication"} and _unspecified_occasions(head):
        return None
    dateline = ctx.dateline if _dateline_applies(ctx, trigger, head, date, status) else None
    located = event_location(head, ctx.kb, trigger, dateline)
    place = located.place if located is not None else None
    mode = trigger.mode or _setting_mode(trigger, head) or _consult_mode(trigger, place, participants) or about_mode(trigger, head)
    cameo = ontology.refined_cameo(trigger.type, mode, trigger.cameo)
    sent = head.sent
    if sent.start not in ctx.content:
        ctx.content[sent.start] = content_lemmas(head)
    return EventMention(
        type=trigger.type,
        mode=mode,
        cameo=cameo,
        status=status,
        status_reason=why,
        source=args.source,
        target=args.target,
        date=date,
        location=place,
        sentence=evidence(head, sent),
        trigger=Span(head.text, head.idx, head.idx + len(head.text)),
        lemma=head.lemma_.lower(),
        content=ctx.content[sent.start],
        confidence=_confidence(trigger, args, date),
        contexts=event_contexts(head, cameo, trigger.type, participants),
    )


def event_location(
    head: Token, kb: KnowledgeBase, trigger: Trigger | None = None, dateline: Located | None = None
) -> Located | None:
    """Where the event of ``head`` happened, and the words that say so; None when the text does not say.

    The one place decision of the coder, callable for any token (``detente eval locations``
    asks it about gold event verbs). The shipped ranker (:mod:`detente.events.location_model`)
    chooses among the places the sentence names, or none, with the clause rules' pick
    (:func:`clause_rule`) as one of its features, so that a place in another clause ("were
    killed when a bomb went off in X") can win; without the model file, the clause rules
    alone decide. When the sentence gives no place, the ``dateline``, when the caller has
    found that it applies. ``trigger`` is the lexicon row the token triggers
    (:func:`match_trigger`), if any: a telephone call has no place.
    """
    if by_phone(head, trigger):
        return None
    own = noun_place(head, kb)
    if own is not None:
        return own
    rule = clause_rule(head, kb, trigger)
    model = load_location_model()
    chosen = model.choose(head, kb, trigger, rule) if model is not None else rule
    return chosen or dateline


def noun_place(head: Token, kb: KnowledgeBase) -> Located | None:
    """'Two days after the July 16 summit in Helsinki, officials in Washington said ...': an event
    noun's own 'in'/'at' phrase names where it happened, whatever other places its sentence names."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                if (found := phrase_place(place, kb)) is not None:
                    return found
    return None


def rule_location(
    head: Token, kb: KnowledgeBase, trigger: Trigger | None = None, dateline: Located | None = None
) -> Located | None:
    """What :func:`event_location` says without the ranker: kept so that ``detente eval locations
    --rules`` measures the ranker against the rules on the same records."""
    if by_phone(head, trigger):
        return None
    return clause_rule(head, kb, trigger) or dateline


def clause_rule(head: Token, kb: KnowledgeBase, trigger: Trigger | None) -> Located | None:
    """The clause rules' place: a place in a locative phrase of the event's clause
    (:func:`detente.places.clause_place`), else, for a visit, where it goes."""
    venue = _venue(head, kb) if trigger is not None and trigger.mode == "visit" else None
    acts = trigger is None or trigger.type not in VERBAL_TYPES
    return clause_place(head, kb, objects=acts) or venue


def by_phone(head: Token, trigger: Trigger | None) -> bool:
    """A telephone call (or talks held in one) happens nowhere the text could name."""
    return trigger is not None and (trigger.mode or _setting_mode(trigger, head)) == "phone"


def _venue(head: Token, kb: KnowledgeBase) -> Located | None:
    """Where a visit goes: its object ("visiting the White House") or its destination ("travelled to
    Sochi"); a visit to a place with no host named is a visit to the state it is in."""
    venue = object_venue(head, kb)
    if venue is not None:
        return venue
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "in"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (place := phrase_place(obj, kb)) is not None:
                    return place
    return None


def _unspecified_occasions(head: Token) -> bool:
    """'The two have met before', 'they have often spoken': past occasions the text does not single out."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    vague = any(c.dep_ == "advmod" and c.lower_ in VAGUE_OCCASIONS for c in head.children)
    return perfect and vague


def _setting_mode(trigger: Trigger, head: Token) -> str | None:
    """'discussed oil in a telephone call': a consultation held within a call is by phone."""
    if trigger.type != "CONSULT":
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "during", "by", "over"}:
            for obj in prep.children:
                found = _noun_trigger(obj) if obj.dep_ == "pobj" else None
                if found is not None and found.mode == "phone":
                    return "phone"
    return None


def _dateline_applies(ctx: ArticleContext, trigger: Trigger, head: Token, date: TimeValue, status: str) -> bool:
    """The dateline city is where the lede's event happened: an in-person act, told in the first paragraph, of that day."""
    if ctx.dateline is None or trigger.type in VERBAL_TYPES or trigger.mode == "phone" or status != "occurred":
        return False
    main_clause = head.dep_ in {"ROOT", "conj"} or (head.dep_ in {"dobj", "nsubj"} and head.head.dep_ == "ROOT")
    return main_clause and "\n" not in ctx.doc.text[: head.idx].strip() and near_publication(date, ctx.published)


def _consult_mode(trigger: Trigger, place: Place | None, participants: list[Actor]) -> str | None:
    """A meeting's mode from where it was held: a participant's country → visit, elsewhere → third-party."""
    if trigger.type != "CONSULT" or place is None or place.country is None:
        return None
    countries = {a.country for a in participants if a.country}
    if not countries:
        return None
    return "visit" if place.country in countries else "third-party"


def about_mode(trigger: Trigger, head: Token) -> str | None:
    """'refused to meet', 'demanded the release of': a demand or refusal takes the mode of the act it is about."""
    if trigger.type not in {"REQUEST", "REJECT"}:
        return None
    for child in head.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ == "VERB" and (found := match_trigger(child)) is not None:
            return ontology.about_act_mode(trigger.type, found[0].type)
        if child.dep_ == "dobj" and (noun := _noun_trigger(child)) is not None:
            return ontology.about_act_mode(trigger.type, noun.type)
    return None


def content_lemmas(head: Token) -> frozenset[str]:
    """The content words of the trigger's sentence: what two reports of one event share.

    Names are left out: every report of a dyad's events names the dyad. Words
    that mark a repeat ("again") are kept: they tell two occasions apart.
    """
    clause = head.sent
    return frozenset(
        t.lemma_.lower() for t in clause
        if t.is_alpha and ((not t.is_stop and t.pos_ in {"NOUN", "VERB", "ADJ"}) or t.lower_ in REPEAT_WORDS)
    )  # fmt: skip


def _confidence(trigger: Trigger, args: Arguments, date: TimeValue) -> float:
    score = 0.45 + (0.2 if trigger.reviewed else 0.05)
    score += 0.1 if date.basis == "text" else 0.05 if date.basis in {"narrative", "knowledge"} else 0.0
    score += 0.1 if all(a.kind != "person" or not a.id.startswith("unknown:") for a in [*args.source, *args.target]) else 0
    if trigger.lemma in ATTITUDE_LEMMAS:
        score -= 0.05
    return round(min(score, 0.95), 2)


EVIDENCE_CHARS = 1000
"""Characters of a longer sentence kept on each side of the trigger as its evidence."""


def evidence(head: Token, sent: SpacySpan) -> Span:
    """The trigger's sentence, as text with its offsets, without the spaces around it.

    A run-on "sentence" (a list or a table read as text, a page without
    full stops) can run to a megabyte: each of its hundreds of events would
    keep a copy of it all. Beyond ``EVIDENCE_CHARS`` on either side of the
    trigger, the evidence is cut at the nearest whole word; news sentences are
    far shorter, and are kept whole.
    """
    doc = head.doc
    first, last = sent.start, sent.end - 1
    if sent.end_char - sent.start_char > 2 * EVIDENCE_CHARS + len(head.text):
        first = last = head.i
        while first > sent.start and doc[first - 1].idx >= head.idx - EVIDENCE_CHARS:
            first -= 1
        end = head.idx + len(head.text) + EVIDENCE_CHARS
        while last + 1 < sent.end and doc[last + 1].idx + len(doc[last + 1].text) <= end:
            last += 1
    text = doc[first : last + 1].text
    stripped = text.strip()
    start = doc[first].idx + len(text) - len(text.lstrip())
    return Span(stripped, start, start + len(stripped))
