"""The tense of the clause a time expression sits in.

Why it matters: "on Friday" in "met on Friday" is the Friday before
publication, in "will meet on Friday" the one after; a bare "December" in a
past-tense sentence of a June article is last December.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}
"""Auxiliaries that point after the time of writing (any other modal does too)."""
PLANNING = {"expect", "schedule", "plan", "set", "due", "intend", "hope", "aim", "prepare", "agree", "want"}
REPORTING = {"say", "tell", "announce", "report", "claim", "warn", "insist", "deny", "confirm", "add", "note"}


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """``past``, ``present`` or ``future`` for the verb governing the span; None when there is none.

    A possessive date ("Wednesday's ruling") names something already done and
    gets no tense, so it is read as past; a date modifying a noun is past too; a date written right after a past
    verb takes that verb's tense (see ``_verb_before``).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None
    if _names_a_thing(span):
        return "past"
    before = _verb_before(span)
    if before is not None and before.tag_ in ("VBD", "VBN"):
        return verb_tense(before)
    verb = governing_verb(span.root)
    if verb is None:
        return None
    if verb.lemma_ in REPORTING and _reports_a_future(verb):
        return "future"
    if _names_a_planned_time(span, verb):
        return "future"
    return verb_tense(verb)


SCHEDULING = {
    "schedule",
    "reschedule",
    "set",
    "plan",
    "postpone",
    "delay",
    "defer",
    "extend",
    "adjourn",
    "give",
    "push",
}
"""Verbs that place something at a time still to come, even when the placing itself is past."""
TARGET_PREPOSITIONS = {"for", "until", "till"}


def _names_a_planned_time(span: Span, verb: Token) -> bool:
    """Whether a date is the time something was planned for: "has scheduled a briefing Thursday",
    "planned a march on Sunday", "was set for Monday", "postponed until Tuesday", "gave them until
    noon Friday".

    The act of planning is past, the date it names is (in news) still to come;
    a pluperfect ("had been set for Friday") tells of a plan already overtaken.
    A date written right after the verb is the act's own ("postponed Tuesday").
    """
    if verb.lemma_ not in SCHEDULING or verb.i >= span.start:
        return False
    if _pluperfect(verb):
        return False
    node = span.root
    for _ in range(3):
        if node.i == verb.i:
            break
        if node.dep_ == "prep" and node.lower_ in TARGET_PREPOSITIONS:
            return True
        node = node.head
    return verb.lemma_ in ("schedule", "reschedule", "plan") and span.start - verb.i > 1


def _names_a_thing(span: Span) -> bool:
    """Whether a date modifies the noun after it ("the Oct. 9 attack", "a June agreement").

    Such a date names something that has happened, whatever the clause does
    with it ("is still bound by a June agreement"), so it is read as past;
    the slack of ``TENSE_SLACK_DAYS`` still lets a near upcoming one be
    ahead ("the March 3 election" in a February paper).
    """
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def _verb_before(span: Span) -> Token | None:
    """The verb just before a time expression ('announced Wednesday', 'met on Friday'), if any.

    Why: the parser often hangs a bare date on a later clause ("said Thursday
    that the troops will remain"), but a date written right after a verb
    belongs to that verb.
    """
    index = span.start - 1
    if index >= 0 and span.doc[index].lower_ == "on":
        index -= 1
    if index < 0:
        return None
    token = span.doc[index]
    return token if token.pos_ in ("VERB", "AUX") else None


def _reports_a_future(verb: Token) -> bool:
    """'X will meet Y on July 16, the Kremlin announced': a date hung on the verb of reporting
    (often so by a parse error) belongs to the future act it reports."""
    return any(
        t.i != verb.i and t.lower_ in FUTURE_AUX - {"would"} and t.dep_ == "aux" and t.head.i != verb.i
        for t in verb.sent
    )


def _singular_subject(verb: Token) -> bool:
    """Whether a plain-form verb has a singular noun subject: then it is a past tense tagged as
    present ("the strike cut output", "weakness hurt shares"), since the present would be "cuts"."""
    return any(c.dep_ == "nsubj" and c.tag_ == "NN" for c in verb.children)


def _pluperfect(verb: Token) -> bool:
    """Whether a verb is in the pluperfect ("had been scheduled to expire Friday"): a plan told as overtaken."""
    return any(c.lower_ in ("had", "'d") and c.dep_ in ("aux", "auxpass") for c in verb.children)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or auxiliary used as main verb) above ``token`` in the dependency tree."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "aux":
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def verb_tense(verb: Token) -> str:
    """The tense of ``verb`` judged from its tag and its auxiliaries.

    Modals count as future ("must be returned by Jan. 14"), perfects as past;
    a bare participle clause ("prices fell, dropping to $3 in October") and an
    infinitive take the tense of the verb they hang on, an infinitive future after a
    verb of planning ("is expected to meet") unless the plan is pluperfect
    ("had been due to expire Friday", since overtaken).
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "'d"}:
        return "past"
    if words & FUTURE_AUX or any(a.tag_ == "MD" for a in auxes):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if "to" in words:
        head = verb.head
        if head.i == verb.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
            return "future"
        if head.lemma_ in PLANNING and _pluperfect(head):
            return "past"
        if head.lemma_ in PLANNING or head.lower_ in ("going", "due", "about"):
            return "future"
        return verb_tense(head) if head.pos_ != "ADJ" else "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future" if verb.lemma_ in PLANNING else "present"
        return "past"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "conj") and verb.head.pos_ == "VERB":
        return verb_tense(verb.head)
    if verb.tag_ == "VBP" and _singular_subject(verb):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "past" if verb.lemma_ in REPORTING else "future"
    return "present"
