"""When did it happen: the date of one event mention, and how it was reached.

In order: a time expression attached to the event's clause in the dependency
tree ("met on Monday", "said after the 2018 summit"); a knowledge anchor in the
clause ("soon after taking office" → when the newest office holder among the
participants took office); the article's running narrative time ("In March
2018 ... A few months later in July"); and last, the publication date, said to
be a fallback. A time expression that modifies an ordinary noun ("the 2016
election" inside "interference in the 2016 election") dates that noun, not the
event, so the path from trigger to expression may only pass through event
nouns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from detente.actors.kb import KnowledgeBase
from detente.events.arguments import LIGHT_VERBS
from detente.model import Actor, TimeValue, Timex
from detente.nlp import heads
from detente.ontology import UNREALISED
from detente.timex import TimeAnalysis, to_time_value

EVENT_NOUNS = {
    "summit", "meeting", "talk", "call", "visit", "trip", "statement", "interview", "remark",
    "speech", "conference", "briefing", "election", "vote", "referendum", "war", "attack",
    "invasion", "session", "ceremony", "inauguration", "agreement", "deal", "treaty", "signing",
    "encounter", "negotiation", "conversation", "exchange", "tour", "forum", "gathering", "sideline", "margin",
}  # fmt: skip
"""Nouns whose own date is the date of an event (so a path may pass through them)."""

BOUND_PREPOSITIONS = {"since", "until", "till", "before"}
DOWN_DEPS = {"prep", "pobj", "pcomp", "npadvmod", "tmod", "nummod", "compound", "amod", "advmod", "nmod", "appos", "det", "quantmod", "acl"}
OFFICE_ANCHOR = re.compile(
    r"\b(?:(?:soon|shortly|just|right|days|weeks|months)\s+)?after\s+"
    r"(?:taking office|(?:he|she) took office|assuming office|(?:his|her) inauguration|being sworn in|coming to power)"
    r"|\bin (?:his|her) first (?:days|weeks|months|year) in office",
    re.IGNORECASE,
)
"""Phrases that date an event by a participant's start in office ("soon after taking office")."""


def date_event(
    trigger: Token,
    time: TimeAnalysis,
    participants: Sequence[Actor],
    kb: KnowledgeBase,
    published: str | None,
    status: str = "occurred",
) -> TimeValue:
    """The date of the event a trigger reports.

    For an event that did not happen (planned, hypothetical, cancelled) only a
    date in its own phrase counts ("will meet on Friday", "the summit on July
    16"): a date on the verb that plans or reports it ("agreed on Wednesday to
    start talks", "said on Thursday he had cancelled the meeting") is the date
    of the plan or the report.
    """
    attached = _attached_timex(trigger, time, through_report=status not in UNREALISED)
    if attached is not None:
        return attached
    if status == "planned" and (ahead := _only_future_date(trigger, time, published)) is not None:
        return ahead
    knowledge = _office_anchor(trigger, participants, kb, published)
    if knowledge is not None:
        return knowledge
    if status in UNREALISED:
        return TimeValue(None, None, "publication", f"{status} event with no date of its own in the text (reported {published or 'undated'})")
    narrative = time.narrative_at(trigger.sent.start_char)
    if narrative is not None:
        return narrative
    if published:
        return TimeValue(published, "day", "publication",
                         "no time expression for this event; the article's publication date")  # fmt: skip
    return TimeValue(None, None, "publication", "no time expression and no publication date")


DATE_WINDOW = 150
"""Time expressions more than this many tokens from the trigger are not weighed: news sentences are
far shorter, and in a run-on 'sentence' of thousands of tokens weighing every expression for every
event grows with the square of its length."""


def _attached_timex(trigger: Token, time: TimeAnalysis, through_report: bool = True) -> TimeValue | None:
    """The nearest dated expression reachable from the trigger through the clause and event nouns.

    Expressions without a calendar value ("a few months later" left vague,
    "recently") are passed over for the next one ("... later in July").
    """
    sentence = trigger.sent
    doc = trigger.doc
    start = doc[max(trigger.i - DATE_WINDOW, sentence.start)].idx
    end = doc[min(trigger.i + DATE_WINDOW, sentence.end - 1)].idx + 1
    candidates = [t for t in time.at(start, end) if t.type in {"DATE", "TIME"}]
    best: tuple[int, TimeValue] | None = None
    depth = _climb(trigger, through_report)
    for timex in candidates:
        value = to_time_value(timex)
        if value is None or _bounds_only(timex, sentence):
            continue
        tokens = _timex_tokens(timex, sentence)
        if not tokens:
            continue
        distance = _path_length(depth, tokens)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


def _only_future_date(trigger: Token, time: TimeAnalysis, published: str | None) -> TimeValue | None:
    """A planned event's sentence naming exactly one date after publication: that is when it is planned for."""
    if not published:
        return None
    sentence = trigger.sent
    values = [v for t in time.at(sentence.start_char, sentence.end_char) if (v := to_time_value(t)) and v.value]
    ahead = [v for v in values if v.value > published[: len(v.value)]]
    if len(ahead) != 1:
        return None
    value = ahead[0]
    return TimeValue(value.value, value.granularity, value.basis, value.reason + "; the one date ahead of publication in the sentence of this plan")


def _timex_tokens(timex: Timex, sentence: Span) -> list[Token]:
    """The sentence's tokens that start inside the expression, found by offset, not by scanning the sentence.

    A scan per expression and event made a sentence with hundreds of dated
    clauses take minutes; the tokens a character span covers are found directly.
    """
    span = sentence.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if timex.start <= t.idx < timex.end and sentence.start <= t.i < sentence.end]


def _bounds_only(timex: Timex, sentence: Span) -> bool:
    """'since 2015', 'until 2020': a bound of a period, not the time of the event."""
    tokens = _timex_tokens(timex, sentence)
    head = tokens[0].head if tokens else None
    return head is not None and head.lower_ in BOUND_PREPOSITIONS and head.i < tokens[0].i


def _climb(trigger: Token, through_report: bool) -> dict[int, int]:
    """The heads a date may attach to above the trigger (by token index), with their distance from it."""
    up = [trigger]
    for node in heads(trigger):
        if not through_report and not (up[-1].dep_ in {"dobj", "nsubjpass"} and node.lemma_.lower() in LIGHT_VERBS):
            break
        if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() not in EVENT_NOUNS:
            break
        up.append(node)
    return {tok.i: n for n, tok in enumerate(up)}


def _path_length(depth: dict[int, int], tokens: list[Token]) -> int | None:
    """Tree distance from the trigger (whose :func:`_climb` is ``depth``) to a time expression, or None when
    the path is not allowed."""
    inside = {tok.i for tok in tokens}
    best: int | None = None
    for tok in tokens:
        steps = 0
        node = tok
        while node.i not in depth and node.head.i != node.i and _may_descend(node, inside):
            steps += 1  # stop at the first step the date may not take: in 'A, and B, and C ...' the way up is long
            node = node.head
        if node.i not in depth:
            continue
        length = depth[node.i] + steps
        best = length if best is None else min(best, length)
    return best


def _may_descend(step: Token, inside: set[int]) -> bool:
    """A step down the tree toward the expression keeps the date with the event."""
    if step.i in inside:
        return True
    if step.dep_ not in DOWN_DEPS:
        return False
    if step.pos_ in {"NOUN", "PROPN"}:
        return step.lemma_.lower() in EVENT_NOUNS
    return step.dep_ != "acl" or step.head.lemma_.lower() in EVENT_NOUNS


def _office_anchor(trigger: Token, participants: Sequence[Actor], kb: KnowledgeBase, published: str | None) -> TimeValue | None:
    """'Soon after taking office' → the year the newest office holder among the participants took office."""
    match = OFFICE_ANCHOR.search(trigger.sent.text)
    if match is None:
        return None
    phrase = match.group(0)
    starts = []
    for actor in participants:
        person = kb.people.get(actor.id)
        start = person.latest_start(published) if person else None
        if start:
            starts.append((start, actor.name))
    if not starts:
        return None
    start, name = max(starts)
    return TimeValue(start[:4], "year", "knowledge",
                     f"'{phrase}': {name}, the participant who took office most recently, did so on {start}")  # fmt: skip
