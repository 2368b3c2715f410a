"""Did it happen? occurred, planned, cancelled, hypothetical or negated — with the reason.

The status comes from the trigger's own modifiers (negation, modal and future
auxiliaries) and from the words that govern it on the way up the tree: "called
off the meeting", "plans to visit", "floated the idea of Putin visiting",
"refused to meet", "if he would warn". The walk stops at a verb of saying, so
"Trump said Putin would visit" does not make the saying hypothetical, and the
first marker met decides.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.arguments import LIGHT_VERBS

FUTURE_AUX = {"will", "shall", "'ll", "’ll"}
MODAL_AUX = {"would", "could", "might", "may", "should", "can"}
ATTITUDE_LEMMAS = {"like", "believe", "trust", "admire", "respect", "love", "prefer", "praise", "support"}
"""Triggers that report a stance: a modal ("would rather believe") does not make a stance hypothetical."""

CANCEL_LEMMAS = {"cancel", "scrap", "scrub", "axe", "nix", "abandon", "postpone", "shelve", "drop"}
NEGATING_LEMMAS = {"refuse", "decline", "fail", "reject", "deny", "rule", "avoid", "skip", "snub"}
PLANNING_LEMMAS = {
    "plan", "prepare", "expect", "schedule", "set", "intend", "agree", "arrange", "aim", "due",
    "announce", "confirm", "promise", "pledge", "vow", "seek", "try", "invite", "willing", "ready", "commit",
}  # fmt: skip
HYPOTHETICAL_LEMMAS = {
    "float", "propose", "suggest", "consider", "mull", "weigh", "offer", "raise", "threaten", "want", "hope",
    "wish", "like",
}  # fmt: skip
"""Governing words that make what they govern a proposal or a wish ("would like to meet")."""
PLANNED_NOUNS = {"plan", "preparation", "schedule", "invitation", "agreement", "arrangement"}
HYPOTHETICAL_NOUNS = {"idea", "proposal", "possibility", "prospect", "suggestion", "offer", "option", "talk"}
PLANNED_MODIFIERS = {"planned", "upcoming", "scheduled", "expected", "forthcoming", "next", "future", "proposed"}
SETTING_PREPS = {"at", "during", "in", "on"}
"""Prepositions that make an event the setting of another act ("agreed ... at a summit")."""
CONDITIONAL_MARKS = {"if", "whether", "unless"}
SPEECH_LEMMAS = {"say", "tell", "report", "insist", "add", "claim", "state", "announce", "write", "tweet", "ask"}
STOP_DEPS = {"ROOT", "ccomp", "parataxis"}


def event_status(trigger: Token) -> tuple[str, str]:
    """``(status, reason)`` for the event a trigger reports.

    A noun carried by a light verb ("did not hold a meeting", "will hold
    talks") takes the verb's own markers; being called off or refused
    outranks being "planned" ("cancelled his planned summit").
    """
    governing = _walk_up(trigger)
    if governing is not None and governing[0] in {"cancelled", "negated"}:
        return governing
    own = _own_markers(trigger)
    if own is None and trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubjpass"} and trigger.head.lemma_.lower() in LIGHT_VERBS:
        own = _own_markers(trigger.head)
    if own is not None:
        return own
    return governing or ("occurred", "no marker of plan, condition or negation")


def _walk_up(trigger: Token) -> tuple[str, str] | None:
    """The first marker met on the way up from the trigger, stopping at a verb of saying.

    An event named as the setting of another act ("agreed to start talks at a
    summit") is not governed by that act: the summit is not planned because
    the talks are.
    """
    setting = trigger.dep_ == "pobj" and trigger.head.lower_ in SETTING_PREPS and trigger.head.head.pos_ in {"VERB", "AUX"}
    if trigger.pos_ in {"NOUN", "PROPN"} and setting:
        return None
    node = trigger
    for _ in range(8):
        if node.dep_ in STOP_DEPS and node.i != trigger.i:
            break
        if _own_past(node):
            break  # 'the first summit since Biden met Putin': a past-tense clause keeps its own time
        head = node.head
        if head.i == node.i:
            break
        found = _governing_marker(node, head)
        if found is not None:
            return found
        if head.lemma_.lower() in SPEECH_LEMMAS and node.dep_ in {"ccomp", "xcomp"} and head.lemma_ != "ask":
            break
        node = head
    return None


def _own_past(node: Token) -> bool:
    """A finite past-tense verb heading an adverbial or relative clause, not a conditional one."""
    return (
        node.tag_ == "VBD"
        and node.dep_ in {"advcl", "relcl"}
        and not any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children)
    )


def _own_markers(trigger: Token) -> tuple[str, str] | None:
    children = list(trigger.children)
    lower = {c.lower_ for c in children}
    if any(c.dep_ == "neg" or c.lower_ in {"never"} for c in children):
        return "negated", f"'{trigger.text}' is negated"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return "hypothetical", f"'{trigger.text}' is in a conditional clause"
    if lower & FUTURE_AUX or _going_to(trigger):
        return "planned", f"'{trigger.text}' is in the future tense"
    modal = lower & MODAL_AUX
    stance = trigger.lemma_.lower() in ATTITUDE_LEMMAS or "rather" in lower
    if modal == {"would"} and not stance and _reported_future(trigger):
        return "planned", f"'would {trigger.text}' reports a plan in the past tense of '{trigger.head.text}'"
    if modal and not stance:
        return "hypothetical", f"'{trigger.text}' is under the modal '{sorted(modal)[0]}'"
    modifiers = {c.lower_ for c in children if c.dep_ in {"amod", "compound"}}
    if trigger.pos_ == "NOUN" and modifiers & PLANNED_MODIFIERS:
        return "planned", f"'{sorted(modifiers & PLANNED_MODIFIERS)[0]} {trigger.text}'"
    return None


def _reported_future(trigger: Token) -> bool:
    """'said on Friday that he would meet Putin next week': 'would' as the future of a past saying.

    Not when a condition hangs on it ('would meet him if ...'): that stays hypothetical.
    """
    said = trigger.dep_ == "ccomp" and trigger.head.tag_ == "VBD" and trigger.head.lemma_.lower() in SPEECH_LEMMAS
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
        for c in trigger.children
    )
    return said and not conditional


def _going_to(trigger: Token) -> bool:
    """'is going to meet' / 'is to meet' / 'are due to meet'."""
    head = trigger.head
    return (
        trigger.dep_ == "xcomp"
        and any(c.lower_ == "to" for c in trigger.children)
        and (head.lower_ == "going" or (head.lemma_ == "be" and head.dep_ == "ROOT"))
    )


def _governing_marker(node: Token, head: Token) -> tuple[str, str] | None:
    """What a governing word says about the event below it."""
    lemma = head.lemma_.lower()
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children) and node.pos_ in {"VERB", "AUX"}:
        return "hypothetical", f"'{node.text}' is in a conditional clause"
    if head.pos_ in {"VERB", "AUX", "ADJ"}:
        negated = any(c.dep_ == "neg" for c in head.children)
        if lemma in CANCEL_LEMMAS or (lemma == "call" and any(c.lower_ == "off" for c in head.children)):
            return "cancelled", f"governed by '{head.text}'"
        if lemma in NEGATING_LEMMAS and node.dep_ in {"xcomp", "dobj"}:
            return "negated", f"governed by '{head.text}'"
        if lemma in HYPOTHETICAL_LEMMAS and node.dep_ in {"xcomp", "ccomp", "dobj", "pcomp"}:
            return "hypothetical", f"governed by '{head.text}'"
        if lemma in PLANNING_LEMMAS and (node.dep_ in {"xcomp", "dobj", "ccomp"} or (node.dep_ == "prep" and node.lower_ == "for")):
            return ("negated" if negated else "planned"), f"governed by '{head.text}'"
        if head.lower_ in FUTURE_AUX or any(c.lower_ in FUTURE_AUX for c in head.children):
            return "planned", f"governed by future '{head.text}'"
    if head.pos_ == "NOUN":
        if lemma in HYPOTHETICAL_NOUNS:
            return "hypothetical", f"'the {head.text} of ...'"
        if lemma in PLANNED_NOUNS:
            return "planned", f"'{head.text}'"
    return None
