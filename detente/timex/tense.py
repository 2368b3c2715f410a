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
    gets no tense, so it is read as past; a date written right after a past
    verb takes that verb's tense (see ``_verb_before``).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None
    before = _verb_before(span)
    if before is not None and before.tag_ in ("VBD", "VBN"):
        return verb_tense(before)
    verb = governing_verb(span.root)
    if verb is None:
        return None
    if verb.lemma_ in REPORTING and _reports_a_future(verb):
        return "future"
    return verb_tense(verb)


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
    an infinitive takes the tense of the verb it complements, or future after a
    verb of planning ("is expected to meet").
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
    if verb.tag_ in ("VBZ", "VBP"):
        return "past" if verb.lemma_ in REPORTING else "future"
    return "present"
