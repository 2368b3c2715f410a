"""Given a sentence and two spans in it, which event links them (``detente relate``).

The same lexicon and trigger matching as ``extract``: the trigger is sought
first on the dependency path between the two spans (the predicate that
governs the target, nearest first), then anywhere in the sentence, nearest
to the target. When nothing in the lexicon links them, the answer says so
with a low confidence rather than pretending.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from detente import ontology
from detente.events.arguments import LIGHT_VERBS
from detente.events.code import (
    REQUEST_SPEECH_LEMMAS,
    about_mode,
    asks_to_act,
    by_force,
    match_trigger,
    object_lemmas,
    recipient_on_object,
)
from detente.events.lexicon import Trigger, best_trigger

FALLBACK_TYPE = "CONSULT"


@dataclass
class Relation:
    """The coded link between a source and a target span."""

    type: str
    mode: str | None
    cameo: str
    confidence: float
    trigger: str | None


def relate(doc: Doc, source: str, target: str) -> Relation:
    """Code the relation between two spans (given as text) of a parsed sentence."""
    spans = [_span(doc, source), _span(doc, target)]
    src, tgt = (span.root if span is not None else None for span in spans)
    inside = {t.i for span in spans if span is not None for t in span}
    parties = [t for t in (src, tgt) if t is not None]
    demanded = next((t for t in ([tgt, *tgt.ancestors] if tgt is not None else []) if must_clause(t)), None)
    if demanded is not None:
        return Relation("REQUEST", None, "100", 0.7, demanded.text)
    if tgt is not None and (verb := blame_clause(tgt)) is not None:
        return Relation("ACCUSE", "disapprove", "112", 0.7, verb.text)
    for confidence, token in _candidates(doc, src, tgt):
        found = _trigger_at(token) if token.i not in inside else None  # the parties' own words name no act
        if found is None and token.i not in inside and (carried := carried_act(token)) is not None:
            found, token = carried  # 'filed a complaint to the council': the complaint is the act
        if found is not None:
            if (verb := verb_naming(token)) is not None:
                found, token = verb  # 'provided support to': the verb's own row for this object
            if (main := main_act(token, parties)) is not None:
                found, token = main  # 'called off the strike after reaching agreement with X': the calling off
            if (ordered := ordered_act(token)) is not None:
                found, token = ordered  # 'ordered the paper to suspend publication': the suspension
            if (done := foreground_act(token)) is not None:
                found, token = done  # 'lifted sanctions imposed on India': the lifting, not the imposing
            act, act_token = found, token
            for _ in range(4):  # 'refused to lift the ban': refuse governs lift, which governs ban
                governing = governing_act(token, found)
                if governing is None:
                    break
                mode = governing[0].mode or ontology.about_act_mode(governing[0].type, found.type)
                found, token = replace(governing[0], mode=mode), governing[1]  # 'refused to meet': REJECT, meet
            if found.type == "REQUEST" and demanded_against(act, act_token, tgt):
                return Relation("ACCUSE", "disapprove", "111", confidence, token.text)
            if found.mode is None and (mode := about_mode(found, token)) is not None:
                found = replace(found, mode=mode)  # 'asked Chile to resume talks': the request is about meeting
            if (material := material_act(token)) is not None:
                found, token = material  # 'gave 350 million euros to promote investment': the gift is the act
            sent_for = found.type == "CONSULT" or token.lemma_.lower() in SENDING_LEMMAS
            if sent_for and (purpose := purpose_act(token)) is not None:
                found, token = purpose  # 'called Erdogan to apologise', 'sent a team to investigate'
            if must_clause(token):
                return Relation("REQUEST", None, "100", confidence, token.text)
            if (condition := conditioned_on(token)) is not None:
                kind, cameo, verb = condition
                return Relation(kind, None, cameo, confidence, verb.text)
            if (found.type == "MOBILIZE" and peacekeeping(token, inside)) or peacekeepers_arrive(token):
                return Relation("AID", None, "074", confidence, token.text)
            intended = intent_code(token, found)
            if intended is not None:
                return Relation(intended[0], found.mode, intended[1], confidence, token.text)
            cameo = ontology.refined_cameo(found.type, found.mode, found.cameo)  # 'refused to meet': 125
            return Relation(found.type, found.mode, cameo, confidence, token.text)
    return Relation(FALLBACK_TYPE, None, "040", 0.05, None)


REPORTING_LEMMAS = frozenset({"say", "announce", "tell", "state", "confirm", "declare", "insist", "add"})
INTENT_LEMMAS = frozenset({"willing", "ready", "prepared", "plan", "intend", "promise", "pledge", "vow", "offer", "commit"})
"""Words that make the act below them an announced intention ('is willing to withdraw', 'pledged to send')."""
AS_INTENT = {"CONCEDE": ("AGREE", "035"), "RETREAT": ("AGREE", "035"), "YIELD": ("AGREE", "035"), "AID": ("AGREE", "033"),
             "COOPERATE": ("AGREE", "031"), "CONSULT": ("AGREE", "036"), "ASSAULT": ("THREATEN", "138"),
             "COERCE": ("THREATEN", "130"), "SANCTION": ("THREATEN", "131"), "MOBILIZE": ("THREATEN", "138"),
             "PROTEST": ("THREATEN", "133")}  # fmt: skip
"""PLOVER codes an announced act as its intention: to cooperate is AGREE (CAMEO 03), to coerce, attack or
protest THREATEN (13; 133 is 'threaten with political dissent, protest')."""


def intent_code(token: Token, found: Trigger) -> tuple[str, str] | None:
    """(type, CAMEO) of an act announced rather than done: 'will release', 'is willing to withdraw'."""
    governed = intended(token)
    token = _announcing_verb(token)
    if token is None:
        return AS_INTENT.get(found.type) if governed else None
    reported = token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_LEMMAS
    future_aux = {"will", "'ll", "shall"} | ({"would"} if reported else set())  # 'said it would free'
    future = any(c.dep_ == "aux" and c.lower_ in future_aux for c in token.children)
    refused = any(c.dep_ == "neg" for c in token.children)
    withheld = refused and found.type in YIELDING_TYPES  # 'did not give permission': a refusal
    if not (future or governed or withheld):
        return None
    if refused and (found.type == "AGREE" or AS_INTENT.get(found.type, ("",))[0] == "AGREE"):
        return "REJECT", "120"  # 'will not release', 'will not accept': refusing to yield or cooperate
    return AS_INTENT.get(found.type)


PURPOSE_CHAIN_DEPS = frozenset({"xcomp", "advcl", "dobj", "pobj", "prep"})
"""Links by which an act hangs from the verb that does it for a purpose: 'to send troops to help'."""


def intended(token: Token) -> bool:
    """Whether the act sits under a word of intention, through the clauses and objects that carry it.

    'offered to send troops to help the army', 'is willing to provide assistance
    to Turkey': the help and the assistance are offered, not given.
    """
    node = token
    for _ in range(5):
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in INTENT_LEMMAS:
            return True
        if node.dep_ not in PURPOSE_CHAIN_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return False


YIELDING_TYPES = frozenset({"CONCEDE", "RETREAT", "YIELD"})
"""Acts that are the source's to grant: not doing one ('did not allow', 'never released') refuses it."""


def _announcing_verb(token: Token) -> Token | None:
    """The verb whose tense and negation say whether an act is announced or refused.

    The trigger's own verb; for an event noun, the light verb it is the object of
    ('will not begin talks'); for a purpose clause, the verb it serves ('will not
    go to Moscow to meet him').
    """
    if token.pos_ in {"NOUN", "PROPN"}:
        light = token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.head.lemma_.lower() in LIGHT_VERBS
        return token.head if light else None
    if token.pos_ != "VERB":
        return None
    purpose = token.dep_ in {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if purpose and token.head.pos_ == "VERB" and not any(c.dep_ == "aux" for c in token.children if c.lower_ != "to"):
        served = token.head
        if any(c.dep_ in {"aux", "neg"} and c.lower_ in {"will", "'ll", "shall", "not", "n't", "never"} for c in served.children):
            return served
    return token


GOVERNING_TYPES = frozenset({"REJECT", "AGREE", "REQUEST", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE", "RETREAT", "SANCTION"})
"""Acts about another act: 'refused to meet' is a rejection, 'agreed to withdraw' an agreement.

Wider than ``code.ABOUT_ACTS``: relate answers with one act per pair, so 'lifted the sanctions'
is the lifting, where ``extract`` codes the verb's act and keeps the noun's own event apart."""
EXECUTIVE_LEMMAS = frozenset({"order", "issue", "direct", "instruct", "authorize", "authorise", "decide"})
"""Verbs by which an authority performs what it orders or decides: the ordered act is the event."""
DOCUMENT_NOUNS = frozenset({"statement", "resolution", "report", "letter", "declaration", "communique", "decree", "motion"})
"""Texts whose content is the act: issuing, passing or signing one only carries it."""
COMPLEMENT_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "acl", "amod", "compound", "nsubjpass", "ccomp"})


def governing_act(token: Token, governed: Trigger) -> tuple[Trigger, Token] | None:
    """The act a trigger is the object of, walking up complements: 'refused a request' → refuse."""
    node = token
    while node.dep_ in COMPLEMENT_DEPS and node.head.i != node.i:
        head = node.head
        if head.lemma_.lower() in EXECUTIVE_LEMMAS:
            return None  # 'ordered the arrest of': an authority's order is the act it orders
        if head.lemma_.lower() in DOCUMENT_NOUNS and node.dep_ == "acl":
            return None  # 'passed a resolution criticising X': what the text says is the act
        if node.dep_ == "prep" and node.lower_ in BACKGROUND_PREPS:
            return None  # an 'after' phrase is no complement (see main_act)
        found = _trigger_at(head)
        if found is not None:
            agreeing_to = governed.type in AS_INTENT or governed.type == "REQUEST"  # 'accepted the request'
            boycott = found.type == "PROTEST" and found.mode == "boycott"  # 'will boycott the talks with X'
            if (found.type not in GOVERNING_TYPES and not boycott) or (found.type == "AGREE" and not agreeing_to):
                return None  # 'pledged support' is support
            return found, head
        node = head
    return None


def verb_naming(noun: Token) -> tuple[Trigger, Token] | None:
    """The verb whose reviewed lexicon row names this object noun: 'provided support' is aid, 'went on strike' a protest.

    Such a row says what the verb does with that very object, so it is more
    specific than the noun's own reading.
    """
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if noun.dep_ == "dobj":
        verb, preposition = noun.head, ""
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # 'went on strike'
        verb, preposition = noun.head.head, noun.head.lower_
    else:
        return None
    found = _trigger_at(verb)
    names = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}
    named = found is not None and found.reviewed and found.object in names  # 'the ceasefire agreement'
    return (found, verb) if named and found.preposition == preposition else None


BACKGROUND_PREPS = frozenset({"after", "following"})


def main_act(token: Token, parties: list[Token]) -> tuple[Trigger, Token] | None:
    """The main clause's act when the trigger sits in an 'after' phrase, which only says what came before.

    Not when both parties are inside that phrase: then it is their act ('after
    protests against Morsi, the army ...').
    """
    for node in [token, *token.ancestors]:
        if node.dep_ in {"prep", "advcl"} and (
            node.lower_ in BACKGROUND_PREPS
            or any(c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS for c in node.children)
        ):
            if parties and all(node.left_edge.i <= p.i <= node.right_edge.i for p in parties):
                return None
            head = node.head
            found = _trigger_at(head) if head.pos_ == "VERB" else None
            return (found, head) if found is not None else None
    return None


def ordered_act(verb: Token) -> tuple[Trigger, Token] | None:
    """The act an authority orders or decides, given as its clause: 'ordered the paper to close', 'ordered them jailed'."""
    if verb.lemma_.lower() not in EXECUTIVE_LEMMAS:
        return None
    for clause in verb.children:
        if clause.dep_ in {"xcomp", "ccomp", "oprd"} and clause.pos_ == "VERB":
            found = _trigger_at(clause)
            if found is not None:
                return found, clause
    return None


def foreground_act(token: Token) -> tuple[Trigger, Token] | None:
    """The act done to a thing that a past participle only describes ('eased the curfew imposed in Sinai').

    A participle or a relative clause after a noun ('the embargo it has imposed')
    recalls an earlier act; when the verb the noun is the object of is itself an
    act, that verb is what the sentence reports.
    """
    described = (token.dep_ == "acl" and token.tag_ == "VBN") or token.dep_ == "relcl"  # 'the embargo it imposed'
    if not described or token.head.dep_ != "dobj":
        return None
    verb = token.head.head
    found = _trigger_at(verb)
    return (found, verb) if found is not None else None


def conditioned_on(token: Token) -> tuple[str, str, Token] | None:
    """(type, CAMEO, verb) when the act is the other party's condition: what the source does to it is that verb.

    The act in an 'until' or 'unless' clause is what the other party has not
    done. Under a negated verb the source refuses ('will not end the strike
    until the company meets their demands'); an act promised 'unless' the
    other acts is a threat ('would let the refugees go unless the EU paid').
    """
    for node in [token, *token.ancestors]:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"} if node.dep_ == "advcl" else set()
        if marks & {"until", "unless"}:
            if any(c.dep_ == "neg" for c in node.head.children):
                return "REJECT", "120", node.head
            return ("THREATEN", "130", node.head) if "unless" in marks else None
    return None


PEACEKEEPING_LEMMAS = frozenset({"peacekeeping", "peacekeeper"})


def peacekeeping(token: Token, inside: set[int]) -> bool:
    """'sent troops to serve as a peacekeeping force': troops sent to keep the peace are protection given (074).

    Read from the deployment's own clause, outside the two parties' words.
    """
    return any(t.lemma_.lower() in PEACEKEEPING_LEMMAS for t in token.subtree if t.i not in inside)


ARRIVAL_LEMMAS = frozenset({"arrive", "land"})


def peacekeepers_arrive(token: Token) -> bool:
    """'peacekeeping troops arrived in Monrovia': peacekeepers coming bring protection (074); they visit no one."""
    return token.lemma_.lower() in ARRIVAL_LEMMAS and any(
        t.lemma_.lower() in PEACEKEEPING_LEMMAS for s in token.children if s.dep_ == "nsubj" for t in s.subtree
    )


HOSTILE_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "ACCUSE", "THREATEN"})


def demanded_against(act: Trigger, token: Token, target: Token | None) -> bool:
    """'called for sanctions against Moscow': a demand that others punish the target denounces it.

    The target is not asked to do anything (the demand goes to third parties);
    what it gets from the source is disapproval, CAMEO 111, as PLOVER codes it.
    Only for a demanded act named by a noun whose phrase holds the target; 'urged
    Moscow to stop the attacks' asks the target itself and stays a request.
    """
    return (
        act.type in HOSTILE_TYPES
        and token.pos_ in {"NOUN", "PROPN"}
        and target is not None
        and target.i != token.i
        and token.left_edge.i <= target.i <= token.right_edge.i
    )


def _span(doc: Doc, text: str) -> Span | None:
    """The tokens of the sentence that the given text covers (its first occurrence), if any."""
    start = doc.text.find(text) if text else -1
    span = doc.char_span(start, start + len(text), alignment_mode="expand") if start >= 0 else None
    return span if span is not None and len(span) else None


def _candidates(doc: Doc, src: Token | None, tgt: Token | None) -> list[tuple[float, Token]]:
    """Tokens to try, with the confidence a trigger found there deserves."""
    ordered: list[tuple[float, Token]] = []
    if tgt is not None:
        src_line = {t.i for t in [src, *src.ancestors]} if src is not None else set()
        for token in [tgt, *tgt.ancestors]:
            ordered.append((0.8 if token.i in src_line or src is None else 0.7, token))
    if src is not None:
        ordered.extend((0.6, t) for t in [src, *src.ancestors])
    anchor = tgt or src
    rest = sorted(doc, key=lambda t: abs(t.i - anchor.i) if anchor is not None else t.i)
    ordered.extend((0.35, t) for t in rest)
    return ordered


CATCH_ALL_CODES = frozenset({"060", "050"})
"""Phoenix files dozens of plain verbs under 'engage in material cooperation' ('give', 'grant', 'serve',
'establish') and 'engage in diplomatic cooperation' ('affect', 'reveal', 'promote', 'admit') with no
construction; by the lemma alone such a row says nothing about the act."""


STANCE_VERBS = frozenset({"reject", "decline", "accept", "agree", "welcome", "cancel", "postpone", "scrap", "seek", "propose", "offer"})
"""Light verbs that also take a stance on the act they carry: 'rejected any cooperation' is a rejection."""


def _trigger_at(token: Token) -> Trigger | None:
    """The lexicon row for a token, in its construction or, failing that, by its lemma alone.

    Never a word of a date or time ('on March 4' is no protest march) nor an adjective; a verb
    the entity recogniser swept into a time ('eased curfew hours') is still a verb.
    """
    if (token.ent_type_ in {"DATE", "TIME"} and token.pos_ != "VERB") or token.dep_ == "amod":
        return None  # nor a modifier: 'Tunisia-inspired protests' report no inspiring
    match = match_trigger(token)
    if match is not None:
        return match[0]
    if token.pos_ in {"VERB", "NOUN"}:
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        if token.pos_ == "NOUN":
            constraints = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
            if token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS:
                preps |= {c.lower_ for c in token.head.children if c.dep_ == "prep"}  # 'carried out strikes against X'
        else:
            lemma = token.lemma_.lower()
            if lemma in REQUEST_SPEECH_LEMMAS and not asks_to_act(token):
                return None  # 'a representative told the organisers': saying is no demand
            if lemma in LIGHT_VERBS - STANCE_VERBS and any(
                c.dep_ == "dobj" and match_trigger(c) is not None for c in token.children
            ):
                return None  # 'announced a suspension of aid': the light verb carries its noun's act
            constraints = object_lemmas(token)
            preps |= recipient_on_object(token)
        found = best_trigger(token.lemma_.lower(), token.pos_, set(), preps, constraints)
        if found is None or (not found.reviewed and found.cameo in CATCH_ALL_CODES):
            return None
        return by_force(found, token)
    return None


def carried_act(verb: Token) -> tuple[Trigger, Token] | None:
    """The act a light verb on the path carries as its object ('filed a complaint', 'lodged a protest').

    Such a verb names no act of its own; found on the way between the two
    parties, its object noun is what the source does to the target, however
    near another event noun stands.
    """
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    for noun in verb.children:
        if noun.dep_ == "dobj" and (match := match_trigger(noun)) is not None:
            return match
    return None


SENDING_LEMMAS = frozenset({"send", "dispatch"})
"""Sending people somewhere is done for what they are sent to do: 'sent experts to investigate the crash'."""


def purpose_act(token: Token) -> tuple[Trigger, Token] | None:
    """The act a meeting, call or arrival was for: its 'to'-clause ('called X to congratulate him'), or the
    '-ing' clause of what the visitors do there ('arrived in Kyrgyzstan seeking refuge')."""
    for clause in token.children:
        purpose = clause.dep_ in {"xcomp", "advcl"} and any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children)
        if purpose or (clause.dep_ == "advcl" and clause.tag_ == "VBG"):
            objects = [c for c in clause.children if c.dep_ == "dobj"]
            for act in [clause, *objects]:  # 'to convey his support': the object names the act
                found = _trigger_at(act)
                if found is not None and found.type != "CONSULT":
                    return found, act
    return None


BLAME_ADJECTIVES = frozenset({"responsible", "guilty", "culpable", "liable"})


def blame_clause(target: Token) -> Token | None:
    """'the government said Taliban militants were responsible': saying the target is to blame accuses it (112).

    The target is the subject of a clause that calls it responsible or guilty,
    and that clause is what the source says; the reporting verb is returned.
    """
    clause = target.head
    if target.dep_ != "nsubj" or clause.lemma_ != "be":
        return None
    if not any(c.dep_ == "acomp" and c.lower_ in BLAME_ADJECTIVES for c in clause.children):
        return None
    said = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_LEMMAS
    return clause.head if said else None


def must_clause(token: Token) -> bool:
    """'said the government must ensure security': what another is told it must do is demanded of it."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_LEMMAS and any(
        c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children
    )


MATERIAL_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE"})


def material_act(token: Token) -> tuple[Trigger, Token] | None:
    """The material act a purpose clause serves ('provided $1 billion to support refugees' is aid)."""
    purpose = token.dep_ in {"advcl", "xcomp"} and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
    if not purpose:
        return None
    found = _trigger_at(token.head)
    return (found, token.head) if found is not None and found.type in MATERIAL_TYPES else None
