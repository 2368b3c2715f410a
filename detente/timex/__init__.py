"""Time expressions in news: recognition, TIMEX3 values and the article's running date.

The classic failure of event data is dating: an article of 2021 recalling the
2018 Helsinki summit must date that summit 2018-07, not 2021. ``analyse_time``
finds every time expression, resolves absolute ones from the text, deictic
ones from the publication date and anaphoric ones from the narrative, and
keeps for every value the basis and reason it was reached by.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from ..model import TimeValue, Timex
from .dates import add_months, day_point, parse_value
from .eventdate import to_time_value
from .narrative import QUARTER as QUARTER_VALUE
from .narrative import Narrative
from .normalise import Anchor, Context, Reading, resolve
from .publication import infer_publication, parse_published
from .recognise import Mention, recognise
from .tense import tense_at

__all__ = ["TimeAnalysis", "analyse_time", "infer_publication", "to_time_value"]

TENSED = {"md", "dm", "month", "season", "weekday", "weekend", "holiday", "year_end", "quarter"}
"""Kinds whose value depends on the tense of their clause."""


@dataclass
class TimeAnalysis:
    """Every time expression of one article and its running reference time."""

    doc_id: str
    published: date | None
    timexes: list[Timex]
    narrative: Narrative = field(repr=False)

    def narrative_at(self, offset: int) -> TimeValue | None:
        """The latest resolved date (year or finer) starting before ``offset``, as a narrative TimeValue."""
        return self.narrative.value_at(offset)

    _starts: list[int] = field(init=False, repr=False, compare=False)
    _reach: list[int] = field(init=False, repr=False, compare=False)
    """The furthest end of the timexes up to each one: the first that reaches past an offset is found by bisection."""

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.timexes]
        self._reach = list(accumulate((t.end for t in self.timexes), max))

    def at(self, start: int, end: int) -> list[Timex]:
        """The timexes overlapping the character span [start, end), in text order.

        By bisection over the timexes (sorted by start): each event asks for
        its sentence's, and a run-on "sentence" has thousands of both.
        """
        first, stop = bisect_right(self._reach, start), bisect_left(self._starts, end)
        return [t for t in self.timexes[first:stop] if start < t.end]


def analyse_time(doc: Doc, doc_id: str, published: str | None) -> TimeAnalysis:
    """Find and resolve the time expressions of a parsed article.

    Clock times are resolved last, so that "at 3 p.m. on Monday" can take its
    day from a date later in the same sentence.
    """
    pub = parse_published(published)
    text = doc.text
    narrative = Narrative()
    timexes: list[Timex] = []
    clocks: list[Mention] = []
    background: dict[int, bool] = {}
    mentions = recognise(doc)
    for index, mention in enumerate(mentions):
        if mention.kind == "clock":
            clocks.append(mention)
            continue
        context = _context(doc, text, mention, narrative, pub)
        following = _date_counted_from(doc, text, mentions, index, narrative, pub)
        if following is not None:
            context.anchor = following
        reading = resolve(mention, context)
        if reading is None:
            continue
        timex = _timex(doc_id, mention, reading)
        timexes.append(timex)
        if _moves_story(mention) and following is None:
            narrative.add(
                timex,
                _sets_story(doc, mention, reading, background),
                _guessed(mention, reading),
                _reported(mention) and _completed_by(reading, pub),
            )
    for mention in clocks:
        day = _day_of(doc, mention, timexes, narrative, pub)
        reading = resolve(mention, Context(pub, None, None, day=day))
        if reading is not None:
            timexes.append(_timex(doc_id, mention, reading))
    timexes.sort(key=lambda t: t.start)
    return TimeAnalysis(doc_id, pub, timexes, narrative)


def _context(doc: Doc, text: str, mention: Mention, narrative: Narrative, pub: date | None) -> Context:
    """What ``mention`` is resolved against: publication, the narrative before it and its clause's tense."""
    tense = tense_at(doc, mention.start, mention.end) if mention.kind in TENSED else None
    anchor, story = narrative.anchor_before(mention.start), _story_before(text, narrative, mention.start)
    return Context(pub, anchor, tense, story, quarter=narrative.quarter_before(mention.start))


def _date_counted_from(
    doc: Doc, text: str, mentions: list[Mention], index: int, narrative: Narrative, pub: date | None
) -> Anchor | None:
    """The date "the day before" or "the week after" is counted from when one is written right after it.

    "the day before last Tuesday's hearing" is a day before that Tuesday, not
    before whatever date the article gave last. It does not move the story
    itself: the date after it does, right away.
    """
    mention = mentions[index]
    if mention.kind != "the_next" or "dir" not in mention.groups or index + 1 >= len(mentions):
        return None
    after = mentions[index + 1]
    if after.kind == "clock" or text[mention.end : after.start].strip():
        return None
    reading = resolve(after, _context(doc, text, after, narrative, pub))
    point = parse_value(reading.value) if reading is not None and reading.value else None
    if point is None:
        return None
    return Anchor(point[0], after.text, reading.value or "", where="right after it")


STORY_PREPOSITIONS = {"in", "during", "throughout"}


STORY_PARAGRAPHS = 2
"""A bare month takes its year from a story time in its own paragraph or the one before, no further:
older dates in a news article are background ("founded in 1982"), not the time being narrated."""


def _story_before(text: str, narrative: Narrative, offset: int) -> Anchor | None:
    """The story time that gives a bare month its year, if it is recent enough to still be the story's."""
    timex = narrative.timex_before(offset, story=True)
    if timex is None or _paragraph_breaks(text, timex.start, offset) >= STORY_PARAGRAPHS:
        return None
    return narrative.anchor_before(offset, story=True)


def _paragraph_breaks(text: str, start: int, end: int) -> int:
    """How many paragraph breaks (non-empty lines starting) lie between two offsets."""
    return sum(1 for line in text[start:end].split("\n")[1:] if line.strip())


def _moves_story(mention: Mention) -> bool:
    """Whether the expression moves the narrative on.

    Backward offsets ("a year earlier") are mostly comparisons ("up from $2bn a
    year earlier"), not flashbacks, so later expressions do not count from them.
    """
    if mention.kind != "offset":
        return True
    return mention.groups["dir"].lower() not in ("earlier", "before", "prior")


BARE_YEARS = {"year", "spelled_year"}
YEARS = BARE_YEARS | {"year_mod"}
"""Kinds that name a calendar year ('2018', 'nineteen ninety-six', 'early 2018')."""

YEARLESS = {"md", "dm", "month", "season", "quarter", "holiday"}
"""Kinds written without a year, which is guessed from publication when the story gives none."""


def _guessed(mention: Mention, reading: Reading) -> bool:
    """Whether the reading's year was guessed from publication rather than read or counted."""
    return mention.kind in YEARLESS and reading.basis == "publication" and not mention.dateline


def _reported(mention: Mention) -> bool:
    """Whether the expression names a quarter being reported on ("the third quarter", "the quarter"),
    rather than one it is compared with ("the year-ago quarter", "the 1988 period", "last year's quarter")."""
    if mention.kind in ("quarter", "quarter_y"):
        return True
    groups = mention.groups
    if mention.kind != "period" or "back" in groups or "year" in groups:
        return False
    return groups.get("rel", "").lower() != "last"


def _completed_by(reading: Reading, pub: date | None) -> bool:
    """Whether a quarter had ended by publication, as a quarter reported on must have.

    "expects fourth-quarter profit to fall" in an October paper names a quarter
    still running: what the story reports ("the latest quarter", "the year-ago
    period") is the last finished one, not that forecast.
    """
    value = reading.value or ""
    if pub is None or not QUARTER_VALUE.match(value):
        return True
    end_year, end_month = add_months(int(value[:4]), int(value[-1]) * 3, 1)
    return date(end_year, end_month, 1) <= pub


def _sets_story(doc: Doc, mention: Mention, reading: Reading, background: dict[int, bool]) -> bool:
    """Whether a date sets the time the story is told in.

    Any date finer than a year does, a bare year only as a time adverbial ("in
    2018", "2018 was"), not as a modifier ("the 2018 budget", "notes due
    2027"); and no date does from inside a relative clause or a bound ("since
    Trump took office eight days ago", "which would have been the first time
    since 2005"): those
    describe something else than the events being told. A counted year ("a
    year ago", "last year") sets it only when it opens its sentence ("Last
    year, the talks ..."): elsewhere it is mostly a comparison ("up from $2bn a
    year ago"). A comparison period ("the year-earlier quarter", "the 1988
    period") never does: the story stays in the period it reports on.
    ``background`` memoises :func:`_in_background` over the article.
    """
    if mention.kind == "period" and not _reported(mention):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.kind not in BARE_YEARS
    token = span.root
    if _in_background(token, background) or _dates_a_report(token) or _recalls_the_last_time(token):
        return False
    if mention.kind not in YEARS and (reading.granularity == "year" or _counted_quarter(mention, reading)):
        return _opens_sentence(span)
    if mention.kind not in BARE_YEARS:
        return True
    if token.dep_ == "pobj":
        return token.head.lower_ in STORY_PREPOSITIONS
    if token.dep_ == "npadvmod" and token.head.pos_ == "ADJ":
        return False
    return token.dep_ in ("nsubj", "npadvmod", "ROOT") or token.i == token.sent.start


REPORTING_LEMMAS = frozenset({"say", "announce", "report", "tell", "state", "add", "confirm", "write", "declare"})


def _dates_a_report(token: Token) -> bool:
    """'state media said on Thursday', 'the Kremlin announced Tuesday': the date of the saying, not of the story.

    A report comes after what it tells ("invited Putin during Wednesday's
    summit, state media said on Thursday"): the events told in the next
    sentences still happened at the story's own time.
    """
    head = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    return token.dep_ in {"pobj", "npadvmod", "tmod"} and head.lemma_.lower() in REPORTING_LEMMAS


RECALLING_ADVERBS = frozenset({"last", "previously"})


def _recalls_the_last_time(token: Token) -> bool:
    """'When Kim and Putin last met, in Vladivostok in April 2019, ...': a date of the previous time is a look back.

    The clause says when something happened before the story's own events;
    the story does not move there ("At their September 13 talks" after it is
    this year's, not 2019's).
    """
    clause = next((t for t in [token, *token.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    if clause is not None and _recalling(clause):
        return True
    root = token.sent.root  # the parser often hangs the date, set off after the clause, on the main verb
    return token.i < root.i and any(c.dep_ == "advcl" and c.i < token.i and _recalling(c) for c in root.children)


def _recalling(clause: Token) -> bool:
    """Whether a clause looks back to the previous time ('last met', 'had previously met')."""
    return any(c.dep_ == "advmod" and c.lower_ in RECALLING_ADVERBS for c in clause.children)


def _counted_quarter(mention: Mention, reading: Reading) -> bool:
    """Whether a counted year was read as a quarter ("up from $2bn a year ago" in a quarterly report):
    it is the same comparison as a counted year, and sets the story no more than one does."""
    return reading.granularity == "quarter" and mention.kind in ("ago", "offset")


def _opens_sentence(span: Span) -> bool:
    """Whether a span starts its sentence, allowing one preposition before it ("In the past year")."""
    first = span.sent.start
    return span.start == first or (span.start == first + 1 and span.doc[first].dep_ == "prep")


BACKGROUND_DEPS = {"relcl", "acl"}
BOUND_WORDS = {"since", "until", "till", "before"}


def _in_background(token: Token, memo: dict[int, bool]) -> bool:
    """Whether a token sits in a relative clause or under a bounding 'since'/'until'/'before'."""
    if token.dep_ in BACKGROUND_DEPS or (token.lower_ in BOUND_WORDS and token.dep_ in {"prep", "mark"}):
        return True
    return token.head.i != token.i and _under_background(token.head, memo)


def _under_background(node: Token, memo: dict[int, bool]) -> bool:
    """Whether ``node`` or one of its ancestors is a relative clause, a bounding word, or a clause it marks.

    Memoised per token (``memo``, one per article): a long run of "A, and B,
    and C ..." nests thousands of tokens deep, and walking every chain anew
    for each time expression made a 100,000-character sentence take minutes.
    """
    path: list[int] = []
    found = False
    while node.i not in memo:
        path.append(node.i)
        if (
            node.dep_ in BACKGROUND_DEPS
            or (node.lower_ in BOUND_WORDS and node.dep_ in {"prep", "mark"})
            or any(c.dep_ == "mark" and c.lower_ in BOUND_WORDS for c in node.children)
        ):
            found = True
            break
        if node.head.i == node.i:
            break
        node = node.head
    else:
        found = memo[node.i]
    for i in path:
        memo[i] = found
    return found


def _timex(doc_id: str, mention: Mention, reading: Reading) -> Timex:
    return Timex(
        doc_id=doc_id,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        type=reading.type,
        value=reading.value,
        granularity=reading.granularity,
        basis=reading.basis,
        reason=reading.reason,
    )


def _day_of(doc: Doc, clock: Mention, timexes: list[Timex], narrative: Narrative, pub: date | None):
    """The day a clock time falls on: a dated day in its sentence, else the narrative's, else publication."""
    span = doc.char_span(clock.start, clock.end, alignment_mode="expand")
    if span is not None:
        sentence = span.sent
        same = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char and _is_day(t)]
        if same:
            nearest = min(same, key=lambda t: (not _follows(clock, t), abs(t.start - clock.start)))
            point = parse_value(nearest.value or "")
            if point is not None:
                return point[0], nearest.basis, f"'{nearest.text}' in the same sentence"
    before = narrative.timex_before(clock.start)
    if before is not None and _is_day(before):
        point = parse_value(before.value or "")
        if point is not None:
            return point[0], "narrative", f"'{before.text}' earlier in the article"
    if pub is not None:
        return day_point(pub), "publication", f"publication {pub.isoformat()}"
    return None


def _follows(clock: Mention, timex: Timex) -> bool:
    """Whether a day is written right after a clock time ("5 p.m. EST, Nov. 9", "noon on Friday"):
    that day is the clock's, whatever other day is nearer."""
    return 0 <= timex.start - clock.end <= len(", on ")


def _is_day(timex: Timex) -> bool:
    """Whether a timex names a single calendar day."""
    return timex.type in ("DATE", "TIME") and timex.granularity in ("day", "time") and timex.value is not None
