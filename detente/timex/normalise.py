"""Give each recognised expression its TIMEX3 type and value.

Absolute expressions are read from the text alone. Deictic ones ("last year",
"on Friday") are counted from the publication date, anaphoric ones ("two days
later", "that month") from the article's running date (its *anchor*), and
every value carries its basis and a reason a reader can check.

Business news reports on quarters, and its comparisons count from the quarter
being reported: after "profit rose in the third quarter", "a year earlier",
"the year-ago period" and "the quarter" are quarters too (the year they lie in
is what an event date keeps).

Conventions, measured against TempEval-3's TimeBank/AQUAINT and chosen for
dating news events where the two differ:

- a past-tense weekday may be the publication day itself ("said Friday" in
  Friday's paper); TimeBank agrees most of the time;
- "last week", "this week" are ISO weeks (``2021-W24``) where annotators
  often wrote a month or ``WXX``; decades are ``199X``;
- "two days later", "a year earlier" are dates counted from the story, not
  the DURATION TimeBank often tags them as, since the date is what dates an
  event; "two years after the war" *is* a duration (``P2Y``): its anchor is
  an event, not a date we know;
- "Friday night" is a TIME with its part of day (``2021-06-18TNI``);
- fractions take the next smaller unit, as TimeML does (``P2Y6M``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .dates import (
    SEASON_MONTHS_START,
    Point,
    add_months,
    day_point,
    finer,
    holiday_date,
    quarter_of,
    season_of,
    shift,
    week_value,
    weekend_value,
)
from .lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
    month_number,
    number_value,
    spelled_year,
)
from .recognise import Mention

NO_PUBLICATION = "no publication date"


@dataclass
class Anchor:
    """The article's running date: the most recent resolved date before an expression."""

    point: Point
    text: str
    value: str
    guessed: bool = False
    """Whether the anchor's own year was guessed from publication (a year-less 'Nov. 20'):
    such a year is no evidence for the next year-less date, which is better guessed afresh."""
    where: str = "earlier in the article"
    """Where the anchor is written, for reasons: before the expression, or right after it."""


@dataclass
class Context:
    """What an expression may be resolved against."""

    published: date | None
    anchor: Anchor | None
    tense: str | None
    story: Anchor | None = None
    """The latest anchor that sets the story's time (not a year used as a modifier): gives bare months a year."""
    day: tuple[Point, str, str] | None = None
    """For clock times: the day they fall on, its basis and where it came from."""
    quarter: Anchor | None = None
    """The latest quarter named before the expression: the period a business story reports on."""


@dataclass
class Reading:
    """A TIMEX3 type and value with how it was reached."""

    type: str
    value: str | None
    granularity: str | None
    basis: str
    reason: str


Resolver = Callable[[Mention, Context], "Reading | None"]


OUT_OF_CALENDAR = "counting from there leaves the calendar (years 1 to 9999)"
_YEAR_OUT_OF_RANGE = re.compile(r"year -?\d+ is out of range")
_BEYOND_CALENDAR = re.compile(r"-\d|\d{5}|0000")
"""The start of a value whose year is not 1 to 9999 (``-199``, ``10000-05``, ``0000``)."""


def resolve(mention: Mention, ctx: Context) -> Reading | None:
    """The reading of ``mention``; None when the candidate turns out not to be a time expression.

    An expression whose value would lie outside years 1 to 9999 ("a million
    years ago", "the next day" after a publication date of 9999-12-31) has no
    value, and says so: Python's dates and TIMEX3's four-digit years end
    there, and no news event lies beyond.
    """
    try:
        reading = RESOLVERS[mention.kind](mention, ctx)
    except (OverflowError, ValueError) as err:
        if isinstance(err, ValueError) and not _YEAR_OUT_OF_RANGE.fullmatch(str(err)):
            raise
        return _beyond_calendar(mention, "TIME" if mention.kind == "clock" else "DATE", "text")
    if reading is not None and reading.value and _BEYOND_CALENDAR.match(reading.value):
        return _beyond_calendar(mention, reading.type, reading.basis)
    return reading


def _beyond_calendar(mention: Mention, type_: str, basis: str) -> Reading:
    return Reading(type_, None, None, basis, f"{_quote(mention)}: {OUT_OF_CALENDAR}")


def _quote(mention: Mention) -> str:
    return f"'{mention.text}'"


def _absolute(mention: Mention, value: str, granularity: str, note: str = "") -> Reading:
    reason = f"{_quote(mention)} is absolute in the text" + (f"; {note}" if note else "")
    return Reading("DATE", value, granularity, "text", reason)


def _no_publication(mention: Mention, type_: str = "DATE", granularity: str | None = None) -> Reading:
    return Reading(type_, None, granularity, "publication", f"{_quote(mention)}: {NO_PUBLICATION}")


def _modifier_note(mention: Mention, value: str) -> str:
    mod = mention.groups.get("mod") or mention.groups.get("turn")
    return f"'{' '.join(mod.split())}' lies within {value}" if mod else ""


def _year_of(mention: Mention, month: int, day: int | None, ctx: Context) -> tuple[int, str, str] | None:
    """The year of a month (or month and day) written without one, with basis and reason.

    A dateline is always the publication year (the previous one if that would be
    after publication). Otherwise the story's time earlier in the article supplies
    the year, unless the tense contradicts it; failing that, publication does: a
    past-tense date is the latest one not after publication, a future-tense one the
    earliest not before it, and with no clear tense the nearest one.
    """
    pub, anchor = ctx.published, ctx.story
    what = _quote(mention)
    narrative = None
    if anchor is not None and not mention.dateline and not anchor.guessed:
        narrative = (
            anchor.point.year,
            "narrative",
            (f"{what} takes year {anchor.point.year} from '{anchor.text}' earlier in the article"),
        )
    if pub is None:
        return narrative
    stamp = pub.isoformat()
    if mention.dateline:
        year = pub.year - 1 if (month, day or 0) > (pub.month, pub.day) else pub.year
        return year, "publication", f"dateline {what} takes year {year} from publication {stamp}"
    if narrative is not None and _tense_allows(narrative[0], month, day, pub, ctx.tense):
        return narrative
    year = _year_near(month, day, pub, ctx.tense)
    if year == pub.year:
        return year, "publication", f"{what} takes year {year} from publication {stamp}"
    side = "after" if year < pub.year else "before"
    why = f"the {ctx.tense} tense" if ctx.tense in ("past", "future") else "it is the nearest"
    return (
        year,
        "publication",
        f"{what} would be {side} publication {stamp} in {pub.year}, so {why} makes it {year}",
    )


TENSE_SLACK_DAYS = 60
"""How far on the wrong side of publication a date may lie before its tense moves it a year.

A year-less date near publication is the near one whatever the tense: "the offer
was extended to Nov. 20" in a paper of Nov. 2 is this November (deadlines,
record dates and schedules take past-tense verbs), while "was rescued in
November" in a paper of July is last November.
"""


def _tense_allows(year: int, month: int, day: int | None, pub: date, tense: str | None) -> bool:
    """Whether a past (future) tense allows the date to lie after (before) publication.

    Dates within ``TENSE_SLACK_DAYS`` of publication are allowed on either side.
    """
    if tense not in ("past", "future"):
        return True
    first, last = _month_span(year, month)
    if day:
        first = last = first.replace(day=min(day, last.day))
    if tense == "past":
        return (first - pub).days <= TENSE_SLACK_DAYS
    return (pub - last).days <= TENSE_SLACK_DAYS


def _month_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    next_year, next_month = add_months(year, month, 1)
    return date(year, month, 1), date(next_year, next_month, 1) - timedelta(days=1)


def _year_near(month: int, day: int | None, pub: date, tense: str | None) -> int:
    """The year that puts month/day where the tense says, relative to publication."""
    candidates = [
        y for y in (pub.year, pub.year - 1, pub.year + 1) if _tense_allows(y, month, day, pub, tense)
    ]

    def distance(year: int) -> int:
        return abs((year * 12 + month) - (pub.year * 12 + pub.month)) * 31 + abs((day or pub.day) - pub.day)

    return min(candidates, key=distance)


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _day_number(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _full_date(mention: Mention, ctx: Context) -> Reading | None:
    """'July 16, 2018', '16 July 2018', 'Monday, July 16, 2018'."""
    g = mention.groups
    year, month, day = int(g["year"]), month_number(g["month"]), _day_number(g["day"])
    if not _valid_day(year, month, day):
        return None
    return _absolute(mention, f"{year:04d}-{month:02d}-{day:02d}", "day")


def _iso(mention: Mention, ctx: Context) -> Reading | None:
    g = mention.groups
    year, month, day = int(g["year"]), int(g["month"]), int(g["day"])
    if not _valid_day(year, month, day):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if "hour" in g:
        return Reading(
            "TIME", f"{value}T{g['hour']}:{g['minute']}", "time", "text", f"{_quote(mention)} is ISO 8601"
        )
    return _absolute(mention, value, "day", "ISO 8601")


def _slash(mention: Mention, ctx: Context) -> Reading | None:
    """Day and month separated by slashes, kept only when the order cannot be mistaken."""
    a, b, year = int(mention.groups["a"]), int(mention.groups["b"]), int(mention.groups["year"])
    if a > 12 >= b or a == b:
        day, month, order = a, b, "day/month"
    elif b > 12 >= a:
        day, month, order = b, a, "month/day"
    else:
        return None
    if not _valid_day(year, month, day):
        return None
    return _absolute(
        mention, f"{year:04d}-{month:02d}-{day:02d}", "day", f"read as {order}, the only valid order"
    )


def _month_day(mention: Mention, ctx: Context) -> Reading | None:
    """'July 16', 'Jul. 16', '16 July': the year comes from the dateline, the narrative or publication."""
    month, day = month_number(mention.groups["month"]), _day_number(mention.groups["day"])
    found = _year_of(mention, month, day, ctx)
    if found is None:
        return _no_publication(mention, granularity="day")
    year, basis, reason = found
    if not _valid_day(year, month, day):
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", basis, reason)


def _month_year(mention: Mention, ctx: Context) -> Reading:
    """'July 2018', 'early March of 2019', 'January nineteen ninety-seven' (as broadcast transcripts spell it)."""
    g = mention.groups
    year = int(g["year"]) if "year" in g else _spelled_year_number(g)
    value = f"{year:04d}-{month_number(g['month']):02d}"
    return _absolute(mention, value, "month", _modifier_note(mention, value))


def _month(mention: Mention, ctx: Context) -> Reading:
    """A bare month name ('in July', 'early March')."""
    month = month_number(mention.groups["month"])
    found = _year_of(mention, month, None, ctx)
    if found is None:
        return _no_publication(mention, granularity="month")
    year, basis, reason = found
    value = f"{year:04d}-{month:02d}"
    note = _modifier_note(mention, value)
    return Reading("DATE", value, "month", basis, reason + (f"; {note}" if note else ""))


def _month_rel_year(mention: Mention, ctx: Context) -> Reading:
    """'April next year', 'March of last year'."""
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="month")
    year = pub.year + {"last": -1, "next": 1}.get(mention.groups["rel"].lower(), 0)
    value = f"{year:04d}-{month_number(mention.groups['month']):02d}"
    reason = f"{_quote(mention)} relative to publication {pub.isoformat()}"
    note = _modifier_note(mention, value)
    return Reading("DATE", value, "month", "publication", reason + (f"; {note}" if note else ""))


def _ago_month(mention: Mention, ctx: Context) -> Reading:
    """'three years ago this July': that month, the given number of years before publication."""
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="month")
    years = int(number_value(mention.groups["num"]) or 0)
    month = month_number(mention.groups["month"])
    year = pub.year - years
    reason = f"{_quote(mention)} is {month:02d} of {years} years before publication {pub.isoformat()}"
    return Reading("DATE", f"{year:04d}-{month:02d}", "month", "publication", reason)


def _relative_cycle(rel: str, position: int, current: int, year: int) -> int:
    """The year of a month/season/quarter at ``position`` named with 'last', 'next' or 'this'.

    ``current`` is the position of the reference date in the same cycle.
    """
    if rel in ("last", "this past", "previous", "the previous"):
        return year if position < current else year - 1
    if rel in ("next", "this coming", "following", "the following"):
        return year if position > current else year + 1
    return year


def _relative_to(mention: Mention, ctx: Context) -> tuple[Point, str, str] | None:
    """The reference date for a 'this/last/next X': publication, or the anchor for 'the following X'."""
    rel = " ".join(mention.groups["rel"].lower().split())
    if rel in ("following", "the following", "previous", "the previous", "that"):
        if ctx.anchor is not None:
            anchor = ctx.anchor
            return anchor.point, "narrative", f"'{anchor.text}' earlier in the article"
        if ctx.published is None:
            return None
    if ctx.published is None:
        return None
    return day_point(ctx.published), "publication", f"publication {ctx.published.isoformat()}"


def _rel_month(mention: Mention, ctx: Context) -> Reading:
    """'last July', 'this March', 'the following May'."""
    reference = _relative_to(mention, ctx)
    if reference is None:
        return _no_publication(mention, granularity="month")
    point, basis, source = reference
    rel = " ".join(mention.groups["rel"].lower().split())
    month = month_number(mention.groups["month"])
    if rel == "last" and basis == "publication" and month >= point.month - 1:
        value = f"{point.year - 1:04d}-{month:02d}"
        reason = (
            f"{_quote(mention)} is in the year before {source} (the month just past would be 'last month')"
        )
        return Reading("DATE", value, "month", basis, reason)
    current = point.month if point.granularity != "year" else (13 if "following" in rel else 0)
    year = _relative_cycle(rel, month, current, point.year)
    value = f"{year:04d}-{month:02d}"
    return Reading("DATE", value, "month", basis, f"{_quote(mention)} counted from {source}")


def _season_year(mention: Mention, ctx: Context) -> Reading:
    code = SEASONS[mention.groups["season"].lower()]
    value = f"{int(mention.groups['year']):04d}-{code}"
    return Reading("DATE", value, "season", "text", f"{_quote(mention)} is absolute in the text")


def _rel_season(mention: Mention, ctx: Context) -> Reading:
    """'last summer', 'this spring', 'the following winter'."""
    reference = _relative_to(mention, ctx)
    if reference is None:
        return _no_publication(mention, granularity="season")
    point, basis, source = reference
    rel = " ".join(mention.groups["rel"].lower().split())
    code = SEASONS[mention.groups["season"].lower()]
    start = SEASON_MONTHS_START[code]
    now = point.month if point.granularity != "year" else (13 if "following" in rel else 0)
    if rel in ("last", "this past", "previous", "the previous") and season_of(now) == code:
        year = point.year - 1
    else:
        year = _relative_cycle(rel, start, now, point.year)
    return Reading("DATE", f"{year:04d}-{code}", "season", basis, f"{_quote(mention)} counted from {source}")


def _season(mention: Mention, ctx: Context) -> Reading:
    """'in the spring': the year is found as for a bare month, from the season's first month."""
    code = SEASONS[mention.groups["season"].lower()]
    found = _year_of(mention, SEASON_MONTHS_START[code], None, ctx)
    if found is None:
        return _no_publication(mention, granularity="season")
    year, basis, reason = found
    return Reading("DATE", f"{year:04d}-{code}", "season", basis, reason)


def _quarter_year(mention: Mention, ctx: Context) -> Reading:
    g = mention.groups
    number = int(g["q"]) if "q" in g else ORDINALS[g["ord"].lower()]
    return _absolute(mention, f"{int(g['year']):04d}-Q{number}", "quarter")


def _half_year(mention: Mention, ctx: Context) -> Reading:
    """'the first half of 2019', 'the second (last, latter) half of fiscal 2020'."""
    half = 1 if mention.groups["ord"].lower() == "first" else 2
    return _absolute(mention, f"{int(mention.groups['year']):04d}-H{half}", "half")


def _quarter(mention: Mention, ctx: Context) -> Reading:
    """'last quarter', 'the third quarter' (of the publication year, or the previous one if still to come).

    "This quarter" is publication's quarter, except in a story reporting on the
    quarter just ended: early in October, "this quarter's loss" is the
    September quarter's, unless the clause looks ahead ("will lose money this
    quarter").

    A numbered quarter without a year is a reporting period, and companies
    report on quarters that have begun: "third-quarter profit" in an October
    paper is this year's, "the fourth quarter" in a January paper last year's,
    whatever the tense ("will report third-quarter results") or an older year
    mentioned before ("the third quarter of 1984").
    """
    g = mention.groups
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="quarter")
    if "ord" in g:
        number = ORDINALS[g["ord"].lower()]
        year = pub.year if quarter_of(pub.month) >= number else pub.year - 1
        reason = f"{_quote(mention)} is the latest such quarter begun by publication {pub.isoformat()}"
        return Reading("DATE", f"{year:04d}-Q{number}", "quarter", "publication", reason)
    step = {"last": -1, "previous": -1, "next": 1}.get(g["rel"].lower(), 0)
    year, month = add_months(pub.year, quarter_of(pub.month) * 3 - 2, 3 * step)
    reported = ctx.quarter
    if step == 0 and ctx.tense != "future" and reported is not None:
        last_year, last_month = add_months(year, month, -3)
        if reported.value == f"{last_year:04d}-Q{quarter_of(last_month)}":
            reason = (
                f"{_quote(mention)} is the quarter the story reports on, '{reported.text}' ({reported.value})"
            )
            return Reading("DATE", reported.value, "quarter", "narrative", reason)
    reason = f"{_quote(mention)} relative to publication {pub.isoformat()}"
    return Reading("DATE", f"{year:04d}-Q{quarter_of(month)}", "quarter", "publication", reason)


def _period(mention: Mention, ctx: Context) -> Reading:
    """A reporting period: 'the quarter', 'the latest period', 'the year-ago quarter', 'the 1988 quarter',
    "next year's first quarter".

    A quarter without its number is the one the story reports on (the latest
    quarter named before it), else the last quarter completed by publication; a
    quarter "ended Sept. 30" is the one holding that month; a year-ago one is
    the same quarter a year before ("year-earlier profit" too, or the year
    before publication when no quarter is being reported on).
    """
    g, pub = mention.groups, ctx.published
    if pub is None and ctx.quarter is None:
        return _no_publication(mention, granularity="quarter")
    if not {"what", "bare"} & g.keys() and ctx.quarter is None and pub is not None:
        reason = f"{_quote(mention)} is the year before publication {pub.isoformat()}"
        return Reading("DATE", f"{pub.year - 1:04d}", "year", "publication", reason)
    year, number, basis, source = _reported_quarter(mention, ctx)
    if "ord" in g:
        number = ORDINALS[g["ord"].lower()]
    if "year" in g:
        year, basis = int(g["year"]), "text"
        if g["what"].lower() == "period" and ctx.quarter is None:
            return _absolute(mention, f"{year:04d}", "year")
    elif "rel" in g and pub is not None:
        year, basis = pub.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0), "publication"
        source = f"publication {pub.isoformat()}"
    if "back" in g:
        year -= 1
    reason = f"{_quote(mention)} is quarter {number} of {year}, from {source}"
    return Reading("DATE", f"{year:04d}-Q{number}", "quarter", basis, reason)


def _reported_quarter(mention: Mention, ctx: Context) -> tuple[int, int, str, str]:
    """The year and number of the quarter a period expression starts from, with basis and source."""
    pub, running = ctx.published, ctx.quarter
    if "end" in mention.groups and pub is not None:
        month = month_number(mention.groups["end"])
        source = f"its end in {mention.groups['end']} nearest publication {pub.isoformat()}"
        return _year_near(month, None, pub, None), quarter_of(month), "publication", source
    if running is not None:
        source = f"'{running.text}' ({running.value}) earlier in the article"
        return int(running.value[:4]), int(running.value[-1]), "narrative", source
    assert pub is not None
    year, month = add_months(pub.year, quarter_of(pub.month) * 3 - 2, -3)
    source = f"the last quarter completed by publication {pub.isoformat()}"
    return year, quarter_of(month), "publication", source


_DECADE_WORDS = {"sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(mention: Mention, ctx: Context) -> Reading:
    """'the 1990s', "the '90s", 'the nineties' → 199X."""
    g = mention.groups
    if "decade" in g:
        value = g["decade"][:3] + "X"
    else:
        tens = int(g["short"][0]) if "short" in g else _DECADE_WORDS[g["word"].lower()]
        value = ("20" if tens <= 1 else "19") + f"{tens}X"
    return _absolute(mention, value, "decade", _modifier_note(mention, value))


def _year(mention: Mention, ctx: Context) -> Reading:
    value = f"{int(mention.groups['year']):04d}"
    return _absolute(mention, value, "year", _modifier_note(mention, value))


def _spelled_year(mention: Mention, ctx: Context) -> Reading:
    """'nineteen ninety-six', 'the year two thousand'."""
    return _absolute(mention, f"{_spelled_year_number(mention.groups):04d}", "year")


def _spelled_year_number(g: dict[str, str]) -> int:
    """The year written out in words by the groups of ``SPELLED_YEAR_RE``."""
    return spelled_year(g.get("century") or g["millennium"], g.get("rest") or g.get("after") or "")


_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "before yesterday": -2,
    "after tomorrow": 2,
}


def _deictic_day(mention: Mention, ctx: Context) -> Reading:
    """'today', 'yesterday morning', 'tonight', 'the day before yesterday'."""
    word = " ".join(mention.groups["word"].lower().split())
    part = mention.groups.get("part")
    timed = part is not None or word == "tonight"
    if ctx.published is None:
        return _no_publication(mention, "TIME" if timed else "DATE", "time" if timed else "day")
    day = ctx.published + timedelta(days=_DAY_OFFSETS[word])
    reason = f"{_quote(mention)} relative to publication {ctx.published.isoformat()}"
    if timed:
        code = PARTS_OF_DAY[part.lower()] if part else "NI"
        return Reading("TIME", f"{day.isoformat()}T{code}", "time", "publication", reason)
    return Reading("DATE", day.isoformat(), "day", "publication", reason)


def _deictic_part(mention: Mention, ctx: Context) -> Reading:
    """'this morning', 'last night'."""
    if ctx.published is None:
        return _no_publication(mention, "TIME", "time")
    back = mention.groups["rel"].lower() == "last"
    day = ctx.published - timedelta(days=1 if back else 0)
    code = PARTS_OF_DAY[mention.groups["part"].lower()]
    reason = f"{_quote(mention)} relative to publication {ctx.published.isoformat()}"
    return Reading("TIME", f"{day.isoformat()}T{code}", "time", "publication", reason)


def _weekday(mention: Mention, ctx: Context) -> Reading:
    """'on Friday', 'last Monday', 'next Tuesday morning', 'the following Monday'.

    Bare weekdays follow the tense: past (or unknown) is the most recent such day
    on or before publication, future the next one on or after it. Wire copy
    says "said on Friday" in Friday's paper: the day of publication itself is
    the commonest reading (about two in five weekday tags of TimeBank).
    """
    g = mention.groups
    weekday = WEEKDAYS[g["weekday"].lower()]
    part = g.get("part")
    type_, granularity = ("TIME", "time") if part else ("DATE", "day")
    rel = " ".join(g.get("rel", "").lower().split())
    if rel in ("following", "the following", "previous", "the previous", "that") and ctx.anchor is not None:
        if ctx.anchor.point.granularity == "day":
            reference, basis = ctx.anchor.point.as_date(), "narrative"
            source = f"'{ctx.anchor.text}' earlier in the article"
        else:
            reference, basis, source = None, "narrative", ""
    elif ctx.published is not None:
        reference, basis, source = ctx.published, "publication", f"publication {ctx.published.isoformat()}"
    else:
        return _no_publication(mention, type_, granularity)
    if reference is None:
        return Reading(
            type_, None, granularity, "narrative", f"{_quote(mention)}: '{ctx.anchor.text}' is not a day"
        )
    forward = rel in ("next", "this coming", "following", "the following") or (
        rel in ("", "this") and ctx.tense in ("future",)
    )
    strict = rel not in ("", "this", "this coming")
    day = _nearest_weekday(reference, weekday, forward, strict)
    direction = "next" if forward else "previous"
    tense = f" ({ctx.tense} tense)" if not rel and ctx.tense else ""
    reason = f"{_quote(mention)} is the {direction} {g['weekday']} from {source}{tense}"
    value = day.isoformat() + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    return Reading(type_, value, granularity, basis, reason)


def _weekend(mention: Mention, ctx: Context) -> Reading:
    """'the weekend', 'over the weekend': the one just past, or the next one in a future-tense clause."""
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="week")
    forward = ctx.tense == "future"
    saturday = _nearest_weekday(pub, 6, forward, strict=False)
    reason = f"{_quote(mention)} is the {'next' if forward else 'latest'} weekend from publication {pub.isoformat()}"
    return Reading("DATE", weekend_value(saturday), "week", "publication", reason)


def _holiday(mention: Mention, ctx: Context) -> Reading | None:
    """'Christmas', 'last Thanksgiving', 'Election Day': the holiday's day in the year the tense or 'last'
    and 'next' point to, found as for a month and day written without a year."""
    g = mention.groups
    name, rel = g["holiday"], g.get("rel", "").lower()
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="day")
    if rel in ("last", "next"):
        step = -1 if rel == "last" else 1
        year = pub.year
        while (holiday_date(name, year) - pub).days * step <= 0:
            year += step
        day = holiday_date(name, year)
        return Reading(
            "DATE", day.isoformat(), "day", "publication", f"{_quote(mention)} counted from publication"
        )
    approximate = holiday_date(name, pub.year)
    found = _year_of(mention, approximate.month, approximate.day, ctx)
    if found is None:
        return _no_publication(mention, granularity="day")
    year, basis, reason = found
    return Reading("DATE", holiday_date(name, year).isoformat(), "day", basis, reason)


def _nearest_weekday(reference: date, weekday: int, forward: bool, strict: bool) -> date:
    """The closest ``weekday`` after (or before) ``reference``; ``strict`` excludes the reference day."""
    step = 1 if forward else -1
    day = reference + timedelta(days=step) if strict else reference
    while day.isoweekday() != weekday:
        day += timedelta(days=step)
    return day


def _rel_unit(mention: Mention, ctx: Context) -> Reading:
    """'last year', 'this month', 'next week', 'earlier this year', 'this weekend', 'last decade'."""
    g = mention.groups
    unit = g["unit"].lower()
    granularity = {"weekend": "week", "century": "century"}.get(unit, unit)
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity=granularity)
    rel = " ".join(g["rel"].lower().split())
    step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    if unit == "weekend" and rel == "this past":
        step = -1 if pub.isoweekday() < 6 else 0
    value = _unit_value(pub, unit, step)
    mod = g.get("mod")
    reason = f"{_quote(mention)} relative to publication {pub.isoformat()}"
    if mod:
        reason += f"; '{mod}' lies within {value}"
    return Reading("DATE", value, granularity, "publication", reason)


def _unit_value(day: date, unit: str, step: int) -> str:
    """The value of the year/month/week/... ``step`` units from the one holding ``day``."""
    if unit == "year":
        return f"{day.year + step:04d}"
    if unit == "month":
        year, month = add_months(day.year, day.month, step)
        return f"{year:04d}-{month:02d}"
    if unit == "week":
        return week_value(day + timedelta(weeks=step))
    if unit == "weekend":
        return weekend_value(day + timedelta(weeks=step))
    if unit == "quarter":
        year, month = add_months(day.year, day.month, 3 * step)
        return f"{year:04d}-Q{quarter_of(month)}"
    if unit == "decade":
        return f"{(day.year // 10 + step):03d}X"
    return f"{day.year // 100 + step:02d}"


def _the_year(mention: Mention, ctx: Context) -> Reading:
    """'the year', 'the full year', 'the fiscal year': the publication year, or a length of a year when it
    "ended Sept. 30" (a fiscal year is reported on as a period, not named as a date)."""
    if "ended" in mention.groups:
        return Reading("DURATION", "P1Y", "duration", "text", f"{_quote(mention)} is a year-long period")
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="year")
    reason = f"{_quote(mention)} is the year of publication {pub.isoformat()}"
    return Reading("DATE", f"{pub.year:04d}", "year", "publication", reason)


def _year_end(mention: Mention, ctx: Context) -> Reading:
    """'by year-end', "by year's end", 'the end of the year': this year's end, last year's in a past clause."""
    pub = ctx.published
    if pub is None:
        return _no_publication(mention, granularity="year")
    year = pub.year - 1 if ctx.tense == "past" and pub.month < 12 else pub.year
    reason = f"{_quote(mention)} is the end of {year}, from publication {pub.isoformat()}"
    if ctx.tense == "past":
        reason += " and the past tense"
    return Reading("DATE", f"{year:04d}", "year", "publication", reason)


def _count(mention: Mention) -> float | None:
    """The number of units in the expression; None when vague ('a few', 'several')."""
    if "num" not in mention.groups:
        return None
    value = number_value(mention.groups["num"])
    if value is not None and "half" in mention.text.lower() and "half a" not in mention.text.lower():
        value += 0.5
    return value


def _ago(mention: Mention, ctx: Context) -> Reading:
    """'three years ago', 'two days ago'; vague ones ('years ago') are PAST_REF."""
    unit = mention.groups["unit"].lower()
    count = _count(mention)
    pub = ctx.published
    if count is None or count != int(count):
        return Reading("DATE", "PAST_REF", None, "publication", f"{_quote(mention)} is an unspecified past")
    if pub is None:
        return _no_publication(mention)
    n = int(count)
    if unit == "year" and ctx.quarter is not None:
        return _quarter_years_off(mention, ctx.quarter, -n)
    reason = f"{_quote(mention)} counted back from publication {pub.isoformat()}"
    if unit in ("year", "decade", "century"):
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        return Reading("DATE", f"{pub.year - years:04d}", "year", "publication", reason)
    if unit == "month":
        year, month = add_months(pub.year, pub.month, -n)
        return Reading("DATE", f"{year:04d}-{month:02d}", "month", "publication", reason)
    if unit == "week":
        return Reading("DATE", week_value(pub - timedelta(weeks=n)), "week", "publication", reason)
    if unit == "quarter":
        year, month = add_months(pub.year, pub.month, -3 * n)
        return Reading("DATE", f"{year:04d}-Q{quarter_of(month)}", "quarter", "publication", reason)
    days = n if unit == "day" else 0
    return Reading("DATE", (pub - timedelta(days=days)).isoformat(), "day", "publication", reason)


_UNIT_GRANULARITY = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "year",
    "century": "year",
}


def _anchor_or_publication(mention: Mention, ctx: Context) -> tuple[Point, str, str] | None:
    """The date an anaphoric expression counts from: the anchor, else publication."""
    if ctx.anchor is not None:
        return (
            ctx.anchor.point,
            "narrative",
            f"'{ctx.anchor.text}' ({ctx.anchor.value}) {ctx.anchor.where}",
        )
    if ctx.published is not None:
        pub = ctx.published
        return (
            day_point(pub),
            "publication",
            f"publication {pub.isoformat()} (no earlier date in the article)",
        )
    return None


def _moved(point: Point, amount: int, unit: str) -> tuple[str, str] | None:
    """The value and granularity of ``point`` moved by ``amount`` units; None if too coarse to move."""
    granularity = _UNIT_GRANULARITY.get(unit)
    if granularity is None or finer(granularity, point.granularity):
        return None
    if unit == "quarter":
        moved = shift(point, 3 * amount, "M")
        return f"{moved.year:04d}-Q{quarter_of(moved.month)}", "quarter"
    if unit in ("decade", "century"):
        amount, unit = amount * (10 if unit == "decade" else 100), "year"
    moved = shift(point, amount, UNITS[unit])
    if granularity == "week":
        return week_value(moved.as_date()), "week"
    return moved.value, granularity


def _shifted(mention: Mention, ctx: Context, amount: int | None, unit: str) -> Reading:
    """An anchor-relative date; keeps the anchor when the unit is finer than what the anchor knows."""
    found = _anchor_or_publication(mention, ctx)
    if found is None:
        return _no_publication(mention)
    point, basis, source = found
    if amount is None:
        reason = f"{_quote(mention)} is a vague offset from {source}; not resolved"
        return Reading("DATE", None, None, basis, reason)
    moved = _moved(point, amount, unit) if unit not in TIME_UNITS else None
    if moved is None:
        reason = f"{_quote(mention)} keeps {point.value} of {source}: the anchor is only known to the {point.granularity}"
        return Reading("DATE", point.value, point.granularity, basis, reason)
    value, granularity = moved
    return Reading("DATE", value, granularity, basis, f"{_quote(mention)} counted from {source}")


def _offset(mention: Mention, ctx: Context) -> Reading:
    """'two days later', 'nearly a year after', 'three weeks earlier'."""
    count = _count(mention)
    backwards = mention.groups["dir"].lower() in ("earlier", "before", "prior")
    amount = None if count is None or count != int(count) else int(count) * (-1 if backwards else 1)
    unit = mention.groups["unit"].lower()
    if amount is not None and unit == "year" and ctx.quarter is not None:
        return _quarter_years_off(mention, ctx.quarter, amount)
    return _shifted(mention, ctx, amount, unit)


def _quarter_years_off(mention: Mention, quarter: Anchor, years: int) -> Reading:
    """'a year earlier' in a story about a quarter: the same quarter that many years off.

    Business news compares a quarter with the one a year before ("profit rose
    to $5m from $4m a year earlier"); the year it lies in is the same either way.
    """
    value = f"{int(quarter.value[:4]) + years:04d}{quarter.value[4:]}"
    reason = f"{_quote(mention)} counted from the quarter '{quarter.text}' ({quarter.value}) earlier in the article"
    return Reading("DATE", value, "quarter", "narrative", reason)


def _the_next(mention: Mention, ctx: Context) -> Reading:
    """'the next day', 'the following week', 'the year before'."""
    g = mention.groups
    word = (g.get("rel") or g.get("dir") or "").lower()
    amount = -1 if word in ("previous", "preceding", "prior", "before") else 1
    unit = g["unit"].lower()
    if unit == "weekend":
        found = _anchor_or_publication(mention, ctx)
        if found is None or found[0].granularity != "day":
            return _shifted(mention, ctx, amount, "week")
        point, basis, source = found
        value = weekend_value(point.as_date() + timedelta(weeks=amount))
        return Reading("DATE", value, "week", basis, f"{_quote(mention)} counted from {source}")
    return _shifted(mention, ctx, amount, unit)


def _that_unit(mention: Mention, ctx: Context) -> Reading:
    """'that month', 'the same day', 'later that year', 'later in the day': the anchor at that unit."""
    unit = mention.groups["unit"].lower()
    found = _anchor_or_publication(mention, ctx)
    if found is None:
        return _no_publication(mention)
    point, basis, source = found
    if unit in PARTS_OF_DAY:
        if point.granularity != "day":
            reason = f"{_quote(mention)}: {source} is not a day"
            return Reading("TIME", None, "time", basis, reason)
        value = f"{point.value}T{PARTS_OF_DAY[unit]}"
        return Reading("TIME", value, "time", basis, f"{_quote(mention)} is the day of {source}")
    granularity = "week" if unit == "weekend" else unit
    if finer(granularity, point.granularity):
        reason = (
            f"{_quote(mention)} keeps {point.value} of {source}: it is only known to the {point.granularity}"
        )
        return Reading("DATE", point.value, point.granularity, basis, reason)
    if unit in ("week", "weekend"):
        value = (week_value if unit == "week" else weekend_value)(point.as_date())
    else:
        value = Point(point.year, point.month, point.day, unit).value
    return Reading("DATE", value, granularity, basis, f"{_quote(mention)} is the {unit} of {source}")


def _ref(mention: Mention, ctx: Context) -> Reading:
    """'now', 'recently', 'in the coming weeks': TIMEX3 reference points, not dates."""
    for group, value, what in (
        ("present", "PRESENT_REF", "the present"),
        ("past", "PAST_REF", "an unspecified past"),
        ("future", "FUTURE_REF", "an unspecified future"),
    ):
        if group in mention.groups:
            return Reading("DATE", value, None, "publication", f"{_quote(mention)} is {what}")
    raise ValueError(mention.text)


_SMALLER = {"year": (12, "M"), "day": (24, "H"), "hour": (60, "M"), "minute": (60, "S")}
"""For a fractional count: how many of which smaller unit make one unit."""


def _amount(count: float) -> str:
    """A count as TimeML writes it: digits and at most one point, never an exponent ("2018018", not "2.01802e+06")."""
    if count == int(count):
        return str(int(count))
    return format(Decimal(repr(count)), "f")


def _duration_value(count: float | None, unit: str) -> str:
    """The ISO 8601 duration of ``count`` units (``X`` when vague).

    A fraction is written with the next smaller unit, as TimeML does: two and a
    half years is ``P2Y6M``, a minute and a half ``PT1M30S``.
    """
    if unit in ("decade", "century"):
        count, unit = (None if count is None else count * (10 if unit == "decade" else 100)), "year"
    code = UNITS[unit]
    timed = unit in TIME_UNITS
    if count is None:
        return ("PT" if timed else "P") + f"X{code}"
    if count == int(count) or unit not in _SMALLER:
        return ("PT" if timed else "P") + f"{_amount(count)}{code}"
    factor, smaller = _SMALLER[unit]
    whole, rest = int(count), round((count - int(count)) * factor)
    head = f"{whole}{code}" if whole else ""
    if unit == "day":
        return f"P{head}T{rest}{smaller}"
    return ("PT" if timed else "P") + f"{head}{rest}{smaller}"


def _duration(mention: Mention, ctx: Context) -> Reading:
    """'two weeks', 'nearly two hours', 'a decade', 'the past three years', 'for years', 'months of talks'.

    "The past decade" is one decade (``P10Y``), "the past years" an unknown number of them.
    """
    g = mention.groups
    unit = g.get("unit", "century").lower()
    count = _count(mention)
    if "rel" in g and not {"num", "vague"} & g.keys() and mention.text.lower().endswith(unit):
        count = 1
    value = _duration_value(count, unit)
    return Reading("DURATION", value, "duration", "text", f"{_quote(mention)} is a length of time")


_ADVERB_SETS = {
    "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
    "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "quarterly": "P3M",
}  # fmt: skip


def _set(mention: Mention, ctx: Context) -> Reading:
    """'every year', 'annually', 'every Monday', 'each March', 'twice a week', 'on Fridays'."""
    g = mention.groups
    weekday = g.get("weekday") or g.get("weekdays")
    if weekday:
        value = f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}"
        if "part" in g:
            value = f"XXXX-XX-XXT{PARTS_OF_DAY[g['part'].lower()]}"
    elif "month" in g:
        value = f"XXXX-{month_number(g['month']):02d}"
    elif "adverb" in g:
        value = _ADVERB_SETS[g["adverb"].lower()]
    elif "unit" in g:
        count = (
            2.0 if g.get("num", "").lower() == "other" else (number_value(g["num"]) if "num" in g else 1.0)
        )
        value = _duration_value(count, g["unit"].lower())
    else:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[g['part'].lower()]}"
    return Reading("SET", value, "set", "text", f"{_quote(mention)} recurs")


_CLOCK_WORDS = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}
"""Midnight is ``T24:00``, the end of its day, as TimeML writes it: "midnight Friday" is a deadline
at the close of Friday, not the start of it."""


def _clock(mention: Mention, ctx: Context) -> Reading:
    """'at 3 p.m.', '10:30 GMT', 'noon': on the day given by the sentence, the narrative or publication."""
    g = mention.groups
    if "word" in g:
        hour, minute = _CLOCK_WORDS[g["word"].lower()]
    else:
        hour, minute = int(g["hour"]), int(g.get("minute", 0))
        ampm = g.get("ampm", "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    zone = f" ({' '.join(g['zone'].split())} as written, not converted)" if "zone" in g else ""
    if ctx.day is None:
        return Reading("TIME", f"XXXX-XX-XX{clock}", "time", "text", f"{_quote(mention)}: no day known{zone}")
    point, basis, source = ctx.day
    reason = f"{_quote(mention)} on {point.value} from {source}{zone}"
    return Reading("TIME", f"{point.value}{clock}", "time", basis, reason)


RESOLVERS: dict[str, Resolver] = {
    "md_y": _full_date,
    "dm_y": _full_date,
    "iso": _iso,
    "slash": _slash,
    "md": _month_day,
    "dm": _month_day,
    "my": _month_year,
    "month_rel_year": _month_rel_year,
    "ago_month": _ago_month,
    "rel_month": _rel_month,
    "month": _month,
    "season_y": _season_year,
    "rel_season": _rel_season,
    "season": _season,
    "quarter_y": _quarter_year,
    "half_y": _half_year,
    "quarter": _quarter,
    "period": _period,
    "decade": _decade,
    "year_mod": _year,
    "year": _year,
    "spelled_year": _spelled_year,
    "deictic_day": _deictic_day,
    "deictic_part": _deictic_part,
    "weekday": _weekday,
    "weekend": _weekend,
    "holiday": _holiday,
    "rel_unit": _rel_unit,
    "ago": _ago,
    "the_year": _the_year,
    "year_end": _year_end,
    "offset": _offset,
    "the_next": _the_next,
    "that_unit": _that_unit,
    "later_in": _that_unit,
    "ref": _ref,
    "duration": _duration,
    "set": _set,
    "clock": _clock,
}
