"""The brief: a dated, cited Markdown story of one relationship.

Written like a news explainer, but every sentence is built only from an
event's coded fields and every claim carries a footnote to the sentence that
reports it, so a reader can check each line against its source. Dates are
shown no more precisely than the evidence allows, and events that did not
(or not yet) happen are marked as such, never told as fact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from detente.model import Actor, Event, Mention, Quote, TimeValue
from detente.report.relation import date_precision, month_index, occurred

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

UNDATED = "Undated"

_OBJECT = "{obj}"
_OBJECT_SLOT = re.compile(r"\s*(?:\b(?:with|on|to|from|of|for|against|towards)\s+)?\{obj\}")


@dataclass(frozen=True)
class Verb:
    """How to tell one kind of event: past tense, base form (for planned/negated) and a noun.

    ``{obj}`` marks where the target goes; with no target the slot and its
    preposition are dropped ("met" rather than "met with"). ``mutual`` verbs
    read whole for a group ("A and B met"); the others need "each other"
    ("A and B praised each other", never "A and B praised").
    """

    past: str
    base: str
    noun: str
    mutual: bool = False


_BY_TYPE: dict[str, Verb] = {
    "AGREE": Verb(
        "agreed to cooperate with {obj}", "agree to cooperate with {obj}", "agreement", mutual=True
    ),
    "CONSULT": Verb("met {obj}", "meet {obj}", "meeting", mutual=True),
    "SUPPORT": Verb("backed {obj}", "back {obj}", "show of support"),
    "CONCEDE": Verb("made concessions to {obj}", "make concessions to {obj}", "concession"),
    "COOPERATE": Verb("cooperated with {obj}", "cooperate with {obj}", "cooperation", mutual=True),
    "AID": Verb("gave aid to {obj}", "give aid to {obj}", "aid delivery"),
    "RETREAT": Verb("eased pressure on {obj}", "ease pressure on {obj}", "de-escalation"),
    "REQUEST": Verb("made a request to {obj}", "make a request to {obj}", "request"),
    "ACCUSE": Verb("accused {obj}", "accuse {obj}", "accusation"),
    "REJECT": Verb("rejected a proposal from {obj}", "reject a proposal from {obj}", "rejection"),
    "THREATEN": Verb("threatened {obj}", "threaten {obj}", "threat"),
    "PROTEST": Verb("protested against {obj}", "protest against {obj}", "protest"),
    "SANCTION": Verb("imposed sanctions on {obj}", "impose sanctions on {obj}", "sanction"),
    "MOBILIZE": Verb("mobilised forces against {obj}", "mobilise forces against {obj}", "mobilisation"),
    "COERCE": Verb("took coercive action against {obj}", "take coercive action against {obj}", "crackdown"),
    "ASSAULT": Verb("attacked {obj}", "attack {obj}", "attack"),
}

_BY_MODE: dict[tuple[str, str], Verb] = {
    ("CONSULT", "phone"): Verb(
        "spoke by phone with {obj}", "speak by phone with {obj}", "phone call", mutual=True
    ),
    ("CONSULT", "visit"): Verb("visited {obj}", "visit {obj}", "visit"),
    ("CONSULT", "third-party"): Verb("met {obj}", "meet {obj}", "meeting", mutual=True),
    ("CONSULT", "multilateral"): Verb(
        "met {obj} at a multilateral gathering",
        "meet {obj} at a multilateral gathering",
        "meeting",
        mutual=True,
    ),
    ("REQUEST", "assist"): Verb("asked {obj} for help", "ask {obj} for help", "request for help"),
    ("REQUEST", "change"): Verb("urged {obj} to change course", "urge {obj} to change course", "demand"),
    ("REQUEST", "meet"): Verb("asked to meet {obj}", "ask to meet {obj}", "request for a meeting"),
    ("REQUEST", "yield"): Verb("urged {obj} to back down", "urge {obj} to back down", "demand"),
    ("REJECT", "meet"): Verb("refused to meet {obj}", "refuse to meet {obj}", "refusal to meet"),
    ("REJECT", "assist"): Verb("refused to help {obj}", "refuse to help {obj}", "refusal of help"),
    ("REJECT", "change"): Verb(
        "rejected demands for change from {obj}", "reject demands from {obj}", "rejection"
    ),
    ("REJECT", "yield"): Verb("refused to back down to {obj}", "refuse to back down to {obj}", "refusal"),
    ("ACCUSE", "disapprove"): Verb("criticised {obj}", "criticise {obj}", "criticism"),
    ("ACCUSE", "investigate"): Verb("investigated {obj}", "investigate {obj}", "investigation"),
    ("THREATEN", "violence"): Verb("threatened {obj} with force", "threaten {obj} with force", "threat"),
    ("THREATEN", "relations"): Verb(
        "threatened to cut ties with {obj}", "threaten to cut ties with {obj}", "threat"
    ),
    ("SANCTION", "expel"): Verb("expelled {obj}", "expel {obj}", "expulsion"),
    ("SANCTION", "withdraw"): Verb(
        "cut diplomatic ties with {obj}", "cut diplomatic ties with {obj}", "break"
    ),
    ("SANCTION", "discontinue"): Verb("cut aid to {obj}", "cut aid to {obj}", "aid cut"),
    ("COERCE", "arrest"): Verb("arrested {obj}", "arrest {obj}", "arrest"),
    ("COERCE", "deport"): Verb("deported {obj}", "deport {obj}", "deportation"),
}

_BY_CAMEO: dict[str, Verb] = {
    "043": Verb("hosted {obj}", "host {obj}", "visit"),
    "046": Verb("negotiated with {obj}", "negotiate with {obj}", "negotiation", mutual=True),
    "051": Verb("praised {obj}", "praise {obj}", "show of praise"),
    "052": Verb("defended {obj}", "defend {obj}", "defence"),
    "054": Verb("recognised {obj}", "recognise {obj}", "recognition"),
    "055": Verb("apologised to {obj}", "apologise to {obj}", "apology"),
    "057": Verb("signed an agreement with {obj}", "sign an agreement with {obj}", "signing", mutual=True),
}


def verb_for(event: Event) -> Verb:
    """The most specific phrase known: CAMEO code, then PLOVER type and mode, then type alone."""
    if event.cameo in _BY_CAMEO:
        return _BY_CAMEO[event.cameo]
    if (event.type, event.mode) in _BY_MODE:
        return _BY_MODE[(event.type, event.mode)]
    if event.type in _BY_TYPE:
        return _BY_TYPE[event.type]
    kind = event.type.lower()
    return Verb(f"had a {kind} interaction with {{obj}}", f"have a {kind} interaction with {{obj}}", kind)


# -- words ---------------------------------------------------------------------


def join_names(actors: list[Actor]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    names = [_one_line(actor.name) for actor in actors]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _fill(phrase: str, obj: str) -> str:
    """Put the target into its slot, or drop the slot (and its preposition) when there is none."""
    return phrase.replace(_OBJECT, obj) if obj else _OBJECT_SLOT.sub("", phrase)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _one_line(text: str) -> str:
    """Text from an article as inert Markdown on one line.

    Line breaks and runs of spaces collapse (a footnote or quote must stay on
    one line); HTML and link brackets are escaped, so that a page that carried
    ``<script>`` or ``[x](javascript:...)`` shows those characters and runs or
    links nothing in a Markdown viewer that renders raw HTML.
    """
    return " ".join(text.split()).translate(_INERT)


_INERT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]"})


def render_date(date: TimeValue) -> str:
    """The date as precisely as its granularity says and no more ("16 July 2018", "July 2018", "2018")."""
    if not date.value:
        return "Date unknown"
    parts = date.value.split("-")
    granularity = date.granularity or {1: "year", 2: "month", 3: "day"}.get(len(parts))
    try:
        if granularity == "day" and len(parts) >= 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if granularity in ("day", "month") and len(parts) >= 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return date.value
    return parts[0] if granularity in ("day", "month", "year") else date.value


def _date_label(date: TimeValue) -> str:
    """The bold date heading of an event line, flagged when it is only the publication date."""
    label = f"**{render_date(date)}**"
    return f"{label} (date from publication)" if date.value and date.basis == "publication" else label


def year_of(event: Event) -> str:
    """The section an event belongs to: its year, or "Undated"."""
    value = event.date.value or ""
    return value[:4] if value[:4].isdigit() else UNDATED


def _sort_key(event: Event) -> tuple[bool, str, str]:
    """Date order, undated last, ties broken by id so the same store gives the same brief."""
    return (event.date.value is None, event.date.value or "", event.id)


# -- sentences -----------------------------------------------------------------


def describe(event: Event) -> str:
    """One readable sentence from an event's fields, marked when it did not (or not yet) happen."""
    verb = verb_for(event)
    subject = join_names(event.source) or "An unnamed party"
    obj = join_names(event.target)
    if not obj and len(event.source) > 1 and not verb.mutual:
        obj = "each other"
    where = f" in {_one_line(event.location.name)}" if event.location is not None and event.location.name else ""
    how = " (by phone)" if event.mode == "phone" and event.type != "CONSULT" else ""
    past, base = _fill(verb.past, obj), _fill(verb.base, obj)
    plural = len(event.source) > 1
    if event.status == "planned":
        held = "" if any(link["kind"] == "plan_of" for link in event.links) else ", not yet held"
        return f"{subject} {'were' if plural else 'was'} due to {base}{where}{how} (planned{held})."
    if event.status == "hypothetical":
        return f"The idea that {subject} could {base}{where}{how} was floated (hypothetical, not held)."
    if event.status == "negated":
        return f"{subject} did not {base}{where}{how}."
    if event.status == "cancelled":
        return f"A planned {verb.noun} {_parties(event, subject)}{where} was cancelled."
    return f"{subject} {past}{where}{how}."


def _parties(event: Event, subject: str) -> str:
    """Who a cancelled event was between (mutual kinds) or by and towards (directed kinds)."""
    obj = join_names(event.target)
    if event.type == "CONSULT" or not obj:
        everyone = join_names([*event.source, *event.target])
        return f"between {everyone}" if len(event.source) + len(event.target) > 1 else f"by {everyone}"
    return f"by {subject} towards {obj}"


def describe_quote(quote: Quote) -> str:
    """“...”, said X, as reported by Y — or, for reported speech, X said ... (no quotation marks)."""
    speaker = quote.speaker
    name = None
    if speaker is not None:
        name = _one_line(speaker.actor.name if speaker.actor is not None else speaker.name)
    text = _one_line(quote.text)
    if quote.direct:
        parts = [f"“{text}”"] + ([f"said {name}"] if name else [])
    else:
        parts = [f"{name or 'It was reported'} said {text.rstrip('.,;: ')}"]
    if quote.reported_by:
        parts.append(f"as reported by {_one_line(quote.reported_by)}")
    return ", ".join(parts) + "."


# -- footnotes -----------------------------------------------------------------


@dataclass
class Footnotes:
    """Numbered citations, one per distinct mention (the same sentence cited twice keeps its number)."""

    numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def cite(self, mention: Mention) -> str:
        key = (mention.doc_id, mention.start, mention.end)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.lines.append(f"[^{self.numbers[key]}]: {_source_line(mention)}")
        return f"[^{self.numbers[key]}]"


def _source_line(mention: Mention) -> str:
    """Outlet, published YYYY-MM-DD, <url>: “evidence sentence”."""
    outlet = _one_line(mention.outlet or "Unknown outlet")
    published = _one_line(mention.published[:10]) if mention.published else "date unknown"
    url = _one_line(mention.url or "no URL")
    return f"{outlet}, published {published}, {url}: “{_one_line(mention.sentence)}”"


# -- the document --------------------------------------------------------------


def write_brief(
    events: list[Event], a_label: str, b_label: str, title: str | None = None, chart: str | None = None
) -> str:
    """The Markdown brief of the relationship between A and B, from the given events.

    ``chart``, when given, is the path or URL of a chart image (as written by
    ``detente.report.relation.write_chart``) linked below the overview; it is
    written as given, so pass it relative to where the brief will be read.
    """
    if not events:
        heading = title or f"{a_label} and {b_label}"
        return f"# {heading}\n\nNo events between {a_label} and {b_label} in the store.\n"
    ordered = sorted(events, key=_sort_key)
    heading = title or f"{a_label} and {b_label}: the relationship in {_plural(len(ordered), 'event')}"
    blocks = [f"# {heading}", overview(ordered, a_label, b_label)]
    if chart:
        blocks.append(f"![Events per month and their Goldstein score, {a_label} and {b_label}]({chart})")
    notes = Footnotes()
    year = None
    by_id = {event.id: event for event in ordered}
    for event in ordered:
        if year_of(event) != year:
            year = year_of(event)
            blocks.append(f"## {year}")
        blocks.append(_event_paragraph(event, notes, by_id))
    blocks.append(
        "## Sources\n\n" + "\n".join(notes.lines) if notes.lines else "## Sources\n\nNo reports cited."
    )
    return "\n\n".join(blocks) + "\n"


def _event_paragraph(event: Event, notes: Footnotes, by_id: dict[str, Event]) -> str:
    text = f"{_date_label(event.date)} — {describe(event)}"
    for sentence in dict.fromkeys(describe_link(event, link, by_id.get(link["event_id"])) for link in event.links):
        text += " " + sentence  # two plans announced in one report say it once
    if event.quotes:
        text += " " + describe_quote(event.quotes[0])
    return text + "".join(notes.cite(mention) for mention in event.mentions)


def describe_link(event: Event, link: dict[str, Any], linked: Event | None) -> str:
    """One sentence on what became of a plan, or which plan a meeting was, from a link of ``event``
    (``plan_of``, ``cancelled_plan_of``, ``held_as`` or ``rescheduled_from``) to ``linked``.

    A held event tells when its plan was announced (the plan's first report)
    when the plan is among the brief's events, else the date it was planned
    for; the dates come from the store's records, never from guesswork.
    """
    when = _when(link.get("date"))
    kind = link["kind"]
    if kind == "plan_of":
        return f"It took place {when}." if when else "It took place later."
    if kind == "cancelled_plan_of":
        return f"It was rescheduled and took place {when}." if when else "It was rescheduled and took place later."
    announced = _when(min((m.published[:10] for m in linked.mentions if m.published), default=None)) if linked else ""
    if kind == "held_as":
        if announced:
            return f"It had been announced {announced}."
        return f"It had been planned for {render_date(_time_value(link.get('date')))}." if when else "It had been planned."
    called_off = f"It was held after a planned {verb_for(event).noun} was called off"
    return f"{called_off} {when}." if when else f"{called_off}."


def _time_value(value: str | None) -> TimeValue:
    """A bare date value as a TimeValue, its granularity read from its length ("2018-07" is a month)."""
    granularity = {4: "year", 7: "month", 10: "day"}.get(len(value or ""))
    return TimeValue(value, granularity, "text", "")


def _when(value: str | None) -> str:
    """The date with its preposition ("on 16 July 2018", "in July 2018", "in 2018"), or "" for no date."""
    if not value:
        return ""
    date = _time_value(value)
    return ("on " if date.granularity == "day" else "in ") + render_date(date)


def overview(ordered: list[Event], a_label: str, b_label: str) -> str:
    """One paragraph, every figure counted from the events: span, meetings and calls, tone and trend.

    Then cooperation against conflict over all events, those that did not
    happen, the first and the latest event, and how many reports it rests on.
    """
    dated = [e for e in ordered if e.date.value]
    n = len(ordered)
    first, latest = (render_date(dated[0].date), render_date(dated[-1].date)) if dated else ("", "")
    if not dated:
        span = "none of them dated"
    elif first == latest:
        span = f"all dated {first}"
    else:
        span = f"from {first} to {latest}"
    sentences = [f"The store holds {_plural(n, 'event')} between {a_label} and {b_label}, {span}."]
    sentences.append(_balance(ordered))
    unreal = sum(1 for e in ordered if e.status not in ("occurred", None))
    if unreal:
        sentences.append(f"{_plural(unreal, 'event')} did not, or not yet, take place as described.")
    sentences.append(_contacts(ordered, a_label, b_label))
    sentences.append(_tone(ordered))
    sentences.extend(_trend(ordered))
    if len(dated) == 1:
        sentences.append(f"The only dated event ({first}): {describe(dated[0])}")
    elif dated:
        sentences.append(f"The first ({first}): {describe(dated[0])}")
        sentences.append(f"The latest ({latest}): {describe(dated[-1])}")
    outlets = {m.outlet for e in ordered for m in e.mentions if m.outlet}
    reports = {(m.doc_id, m.start, m.end) for e in ordered for m in e.mentions}
    sentences.append(
        f"They rest on {_plural(len(reports), 'report')} from {_plural(len(outlets), 'outlet')}."
    )
    return " ".join(sentences)


def _balance(events: list[Event]) -> str:
    """Cooperation against conflict by quad class (1-2 cooperation, 3-4 conflict, 0 statements)."""
    counts = Counter(e.quad_class for e in events)
    cooperation, conflict = counts[1] + counts[2], counts[3] + counts[4]
    text = (
        f"{cooperation} {'is' if cooperation == 1 else 'are'} cooperation"
        f" ({counts[1]} verbal, {counts[2]} material) and {conflict} conflict"
        f" ({counts[3]} verbal, {counts[4]} material)"
    )
    others = len(events) - cooperation - conflict
    if others:
        text += f"; {others} {'is a statement' if others == 1 else 'are statements'}"
    return text + "."


# -- tone, contacts and trend --------------------------------------------------

MEETING_MODES = ("visit", "third-party", "multilateral")
"""CONSULT modes that are meetings in person; ``phone`` is a call; no mode is a contact of unstated form."""

TREND_THRESHOLD = 1.0
"""How far (in Goldstein points) the mean of the second half must move from the first to call it a change."""


def _contact_kind(event: Event) -> str | None:
    """``meeting``, ``call``, ``contact`` (a CONSULT of unstated form) or None (not a CONSULT)."""
    if event.type != "CONSULT":
        return None
    if event.mode in MEETING_MODES:
        return "meeting"
    return "call" if event.mode == "phone" else "contact"


def _contacts(events: list[Event], a_label: str, b_label: str) -> str:
    """Meetings and phone calls that took place, and those that did not."""
    held = Counter(_contact_kind(e) for e in events if occurred(e))
    missed = Counter(e.status for e in events if _contact_kind(e) and not occurred(e))
    meetings, calls, others = held["meeting"], held["call"], held["contact"]
    text = (
        f"The record shows {_count(meetings, 'meeting')} and {_count(calls, 'phone call')}"
        f" between {a_label} and {b_label}"
    )
    if others:
        text += (
            f", and {_plural(others, 'other contact')} (talks or discussions) whose form the"
            f" {'report does' if others == 1 else 'reports do'} not state"
        )
    if missed:
        kinds = ", ".join(f"{n} {status}" for status, n in sorted(missed.items()))
        total = sum(missed.values())
        more = " more" if meetings + calls + others else ""
        text += (
            f"; {total}{more} {'meeting or call' if total == 1 else 'meetings or calls'}"
            f" did not, or not yet, take place ({kinds})"
        )
    return text + "."


def _count(n: int, word: str) -> str:
    return f"no {word}" if n == 0 else _plural(n, word)


def _signed(value: float) -> str:
    return f"{value:+.1f}" if round(value, 1) else "0.0"


def _tone(events: list[Event]) -> str:
    """Shares of cooperative and conflictual events among those that took place, and their mean Goldstein."""
    held = [e for e in events if occurred(e)]
    if not held:
        return "None of the events took place as described, so the record gives no tone."
    cooperative = sum(1 for e in held if e.quad_class in (1, 2))
    conflictual = sum(1 for e in held if e.quad_class in (3, 4))
    mean = sum(e.goldstein for e in held) / len(held)
    return (
        f"Of the {_plural(len(held), 'event')} that took place, {_percent(cooperative, len(held))}"
        f" {'was' if cooperative == 1 else 'were'} cooperative and {_percent(conflictual, len(held))}"
        f" conflictual; their mean Goldstein score is {_signed(mean)}"
        " (on a scale from -10, most conflictual, to +10, most cooperative)."
    )


def _percent(n: int, total: int) -> str:
    return f"{n} ({round(100 * n / total)}%)"


def _position(event: Event) -> float | None:
    """Where a dated event falls, in months: a day inside its month, a month-dated event at mid-month.

    Events dated only to a year (or not at all) have no place in a half of the span.
    """
    place = date_precision(event.date)
    if place is None or place[0] != "month":
        return None
    parts = (event.date.value or "").split("-")
    day = int(parts[2]) if event.date.granularity != "month" and len(parts) > 2 and parts[2].isdigit() else 15
    return month_index(place[1]) + (min(day, 31) - 1) / 31


def _trend(events: list[Event]) -> list[str]:
    """Mean Goldstein of the first half of the span against the second.

    The span runs from the first to the last event that took place and is
    dated to a month or a day; an event falls in the first half when it lies
    at or before the midpoint. Events dated only to a year are left out. A
    change of less than ``TREND_THRESHOLD`` points in the mean reads as
    "changed little". No sentence when the events do not cover two different dates.
    """
    placed = sorted(
        ((pos, e) for e in events if occurred(e) and (pos := _position(e)) is not None),
        key=lambda pair: (pair[0], pair[1].id),
    )
    if len(placed) < 2 or placed[0][0] == placed[-1][0]:
        return []
    middle = (placed[0][0] + placed[-1][0]) / 2
    first = [e for pos, e in placed if pos <= middle]
    second = [e for pos, e in placed if pos > middle]
    before, after = (sum(e.goldstein for e in half) / len(half) for half in (first, second))
    if after - before >= TREND_THRESHOLD:
        verdict = "turned more cooperative"
    elif before - after >= TREND_THRESHOLD:
        verdict = "turned more conflictual"
    else:
        verdict = "changed little"
    sentences = [
        f"Over the span, the tone {verdict}: the mean Goldstein score went from {_signed(before)}"
        f" in the first half ({_plural(len(first), 'event')}, {_range(first)}) to {_signed(after)}"
        f" in the second ({_plural(len(second), 'event')}, {_range(second)})."
    ]
    year_only = sum(1 for e in events if occurred(e) and e.date.value and _position(e) is None)
    if year_only:
        sentences.append(
            f"{_plural(year_only, 'event')} dated only to a year {'is' if year_only == 1 else 'are'}"
            " left out of this comparison."
        )
    return sentences


def _range(events: list[Event]) -> str:
    first, last = render_date(events[0].date), render_date(events[-1].date)
    return first if first == last else f"{first} to {last}"
