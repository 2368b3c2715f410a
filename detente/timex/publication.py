"""The publication date: parsing the one we are given, and finding one when we are not.

Deictic expressions ("yesterday", "last week") mean nothing without it, so an
article that arrives without ``published`` is searched for one: a date in the
URL, a dateline with a year, or a "Published ..." line.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import TimeValue
from .dates import Point, day_point
from .lexicon import DAY_RE, MONTH_RE, month_number

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_published(published: str | None) -> date | None:
    """The calendar date of a ``published`` string (ISO 8601 first, dateparser for other spellings)."""
    if not published:
        return None
    match = _ISO.match(published)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    found = _date_in(published)
    if found is not None:
        return found
    import dateparser  # slow to import; only needed for unusual spellings

    parsed = dateparser.parse(published, settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


_URL_DAY = [
    re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[^\d])"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
]
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")

_TEXT_DATE = re.compile(
    rf"(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d\d)-(?P<d3>\d\d)",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:published|updated|posted|last\s+updated|first\s+published)(?:\s+on)?\b[ \t:]*(?P<rest>[^\n]{6,80})",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z.'’ -]+(?:,[ \t]*[A-Z][\w.'’ -]*)?,[ \t]+(?P<rest>{MONTH_RE}[ \t]+{DAY_RE},[ \t]*\d{{4}})",
    re.MULTILINE,
)
_HEAD = 3000
"""Only the top of an article is searched: a date deep in the text is about the story, not the page."""


def _date_in(text: str) -> date | None:
    """The first full date spelled in ``text`` ('Jun 28, 2019', '28 June 2019', '2019-06-28')."""
    match = _TEXT_DATE.search(text)
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), month_number(g["m1"]), int(re.sub(r"\D", "", g["d1"])))
        if g["y2"]:
            return date(int(g["y2"]), month_number(g["m2"]), int(re.sub(r"\D", "", g["d2"])))
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except ValueError:
        return None


def _url_signals(url: str) -> list[tuple[Point, str]]:
    for pattern in _URL_DAY:
        match = pattern.search(url)
        if match:
            try:
                return [
                    (day_point(date(int(match[1]), int(match[2]), int(match[3]))), f"URL '{match.group()}'")
                ]
            except ValueError:
                continue
    match = _URL_MONTH.search(url)
    if match:
        return [(Point(int(match[1]), int(match[2]), 1, "month"), f"URL '{match.group()}'")]
    return []


def _text_signals(text: str) -> list[tuple[Point, str]]:
    head = text[:_HEAD]
    found: list[tuple[Point, str]] = []
    for pattern, what in ((_PUBLISHED_LINE, "line"), (_DATELINE, "dateline")):
        match = pattern.search(head)
        if match:
            day = _date_in(match["rest"])
            if day is not None:
                found.append((day_point(day), f"{what} '{' '.join(match.group().split())}'"))
    return found


_RANK = {"day": 0, "month": 1, "year": 2}


def infer_publication(text: str, url: str | None) -> TimeValue | None:
    """A publication date found in the article's URL or top lines; None if there is none.

    Signals are ranked by how specific they are; among equally specific ones the
    "Published" line beats the dateline, which beats the URL. Disagreements are
    named in the reason.
    """
    signals = _text_signals(text) + (_url_signals(url) if url else [])
    if not signals:
        return None
    best, source = min(signals, key=lambda s: _RANK[s[0].granularity])
    reason = f"publication date from {source}"
    others = [f"{s} says {p.value}" for p, s in signals if not best.value.startswith(p.value)]
    if others:
        reason += "; preferred as the most specific over " + ", ".join(others)
    return TimeValue(best.value, best.granularity, "text", reason)
