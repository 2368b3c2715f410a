"""Mentions become events: one event per thing that happened, every report of it a mention.

Inside an article, two mentions are one event when they agree on type, status
and participants (unordered for joint acts such as meetings), their dates fit
(a year fits any day of it), their places and modes do not conflict, and —
for statements, which recur — they share what was said. The event id is a
stable hash of what identifies the event, so the store merges the same event
reported by other articles.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from detente import ontology
from detente.events.code import EventMention
from detente.model import Actor, Article, Event, Mention, Place, Quote, TimeValue

BASIS_RANK = {"text": 3, "narrative": 2, "knowledge": 1, "publication": 0}
GRANULARITY_RANK = {"day": 3, "month": 2, "year": 1}
MIN_SHARED_CONTENT = 2
NEAR_DAYS = 7


def participants_key(type_: str, source: Sequence[Actor], target: Sequence[Actor]) -> str:
    """Who took part, ordered for directed acts and unordered for joint ones."""
    if type_ in ontology.SYMMETRIC_TYPES or not target:
        return "~".join(sorted({a.id for a in [*source, *target]}))
    return ">".join(["+".join(sorted({a.id for a in source})), "+".join(sorted({a.id for a in target}))])


def event_id(event: Event, reported: str | None = None) -> str:
    """A stable id: the same event reported anywhere gets the same id.

    An undated event (a plan with no date) is told apart by the month it was
    reported in, so plans of different years never collapse into one.
    """
    when = event.date.value or f"undated@{(reported or '')[:7]}"
    key = "|".join([event.type, event.status, participants_key(event.type, event.source, event.target), when])
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def dates_fit(a: TimeValue, b: TimeValue) -> bool:
    """A coarse date fits a finer one inside it; unknown dates only fit each other."""
    if a.value is None or b.value is None:
        return a.value is None and b.value is None
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _places_fit(a: Place | None, b: Place | None) -> bool:
    """Either place unknown, or of unknown country (a name the gazetteer lacks), or the same place or country."""
    return a is None or b is None or a.country is None or b.country is None or a.name == b.name or a.country == b.country


def same_event(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions in one article report the same event."""
    if a.type != b.type or a.status != b.status:
        return False
    if participants_key(a.type, a.source, a.target) != participants_key(b.type, b.source, b.target):
        return False
    if not (dates_fit(a.date, b.date) or _borrowed_date_near(a, b)) or not _places_fit(a.location, b.location):
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.type in ontology.VERBAL_TYPES:
        shared = (a.content & b.content) - {a.lemma}
        return a.lemma == b.lemma and len(shared) >= MIN_SHARED_CONTENT
    return True


def _borrowed_date_near(a: EventMention, b: EventMention, days: int = NEAR_DAYS) -> bool:
    """A deed whose date was only borrowed from the narrative ("Putin said he was glad to meet Trump",
    told after "on Sunday") is the one of the same parties days before, not a new one; "again" says otherwise."""
    if a.type in ontology.VERBAL_TYPES or "again" in a.content | b.content:
        return False
    borrowed = [m for m in (a, b) if m.date.basis in {"narrative", "publication"}]
    if not borrowed or a.date.granularity != "day" or b.date.granularity != "day" or not a.date.value or not b.date.value:
        return False
    gap = abs((date.fromisoformat(a.date.value) - date.fromisoformat(b.date.value)).days)
    return gap <= days


def better_date(a: TimeValue, b: TimeValue) -> TimeValue:
    """Of two fitting dates, the finer ("2018-07" refines "2018"), unless it is only the publication fallback."""
    def rank(v: TimeValue) -> tuple[bool, int, int]:
        return v.basis != "publication", GRANULARITY_RANK.get(v.granularity or "", 0), BASIS_RANK.get(v.basis, 0)

    return a if rank(a) >= rank(b) else b


def merge_in_article(mentions: Sequence[EventMention], article: Article) -> list[Event]:
    """Group an article's mentions into events (deterministic for a given order).

    A passing reference ("after the 2018 summit, where they met") may fit
    several events of that year; it joins the one whose reports share most
    of its words (the summit, not the March phone call).
    """
    groups: list[list[EventMention]] = []
    for mention in mentions:
        fitting = [g for g in groups if any(same_event(mention, other) for other in g)]
        if not fitting:
            groups.append([mention])
            continue
        best = max(fitting, key=lambda g: (len(mention.content & frozenset().union(*(m.content for m in g))), -groups.index(g)))
        best.append(mention)
    return [_event(group, article) for group in groups]


def _event(group: list[EventMention], article: Article) -> Event:
    first = group[0]
    date = first.date
    location = first.location
    mode = first.mode
    for mention in group[1:]:
        date = better_date(date, mention.date)
        location = location or mention.location
        mode = mode or mention.mode
    source, target = first.source, first.target
    if first.reciprocal:
        directed = next((m for m in group if not m.reciprocal), None)
        if directed is not None:
            source, target = directed.source, directed.target
    code = ontology.lookup(first.cameo)
    cameo = ontology.refined_cameo(first.type, mode, first.cameo)
    quotes = _unique_quotes(q for m in group for q in m.quotes)
    confidence = 1.0
    for mention in group:
        confidence *= 1 - mention.confidence
    event = Event(
        id="",
        type=first.type,
        mode=mode,
        cameo=cameo,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        status=first.status,
        source=source,
        target=target,
        date=date,
        location=location,
        quotes=quotes,
        mentions=[_mention(m, article) for m in group],
        confidence=round(min(0.99, 1 - confidence), 2),
        status_reason=first.status_reason,
        contexts=sorted({c for m in group for c in m.contexts}),
    )
    event.id = event_id(event, article.published)
    return event


def _mention(m: EventMention, article: Article) -> Mention:
    return Mention(doc_id=article.id, sentence=m.sentence.text, start=m.sentence.start, end=m.sentence.end,
                   url=article.url, outlet=article.outlet, published=article.published, trigger=m.trigger)  # fmt: skip


def _unique_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Quote] = []
    for quote in quotes:
        key = (quote.doc_id, quote.start, quote.end)
        if key not in seen:
            seen.add(key)
            out.append(quote)
    return out


# -- across articles: syndicated copies -----------------------------------------

SHINGLE_WORDS = 5
"""Word 5-grams: long enough that two different stories on one topic share few, short enough to survive edits."""
MINHASH_BANDS = 20
MINHASH_ROWS = 5
"""20 bands of 5 rows (100 hashes): a pair with Jaccard 0.8 shares a band with probability 0.9996,
a pair with Jaccard 0.3 with probability 0.05, and only candidates sharing a band are compared."""
SYNDICATION_THRESHOLD = 0.8
_MASK = (1 << 63) - 1
_WORD = re.compile(r"\w+")
_OFFSET = 0x9E3779B97F4A7C15


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """The text's lower-cased word n-grams, each hashed to 64 bits; a text shorter than n words is one shingle."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))] if words else []
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


def minhash(text: str) -> list[int]:
    """A one-permutation MinHash signature (100 values < 2**63) of the text's shingles; an empty text gives [].

    Each shingle hash falls in one of 100 bins and each bin keeps its least
    value (one pass over the shingles, not one per hash function); an empty bin
    borrows from the next filled one, shifted by how far it looked (rotation
    densification), so short texts still compare position by position.
    """
    size = MINHASH_BANDS * MINHASH_ROWS
    bins: list[int | None] = [None] * size
    for x in shingles(text):
        slot, value = x % size, (x // size) & _MASK
        current = bins[slot]
        if current is None or value < current:
            bins[slot] = value
    if all(v is None for v in bins):
        return []
    signature = []
    for i in range(size):
        step = 0
        while bins[(i + step) % size] is None:
            step += 1
        signature.append((bins[(i + step) % size] + step * _OFFSET) & _MASK)  # type: ignore[operator]
    return signature


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit bucket key per band: two signatures equal on a whole band share that key."""
    keys = []
    for band in range(MINHASH_BANDS if signature else 0):
        rows = signature[band * MINHASH_ROWS : (band + 1) * MINHASH_ROWS]
        digest = hashlib.blake2b(repr((band, rows)).encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal signature positions, an unbiased estimate of the shingle sets' Jaccard similarity."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


# -- across articles: one event whatever the order of reports -------------------


class Report(NamedTuple):
    """One reported event (a member) as the fitting-date rule sees it."""

    id: str
    date: str
    place: Place | None = None
    mode: str | None = None
    articles: frozenset[str] = frozenset()
    published_only: bool = False
    """Whether the date is only the article's publication date (nothing in the text dated the event)."""


PUBLICATION_LAG_DAYS = 3
"""How long before an article's publication a held meeting or call it reports without a date may have taken
place: the next day's paper, a weekend, the time zones between the event and the newsroom."""


def _lag_fits(head: Report, report: Report) -> bool:
    """Whether a report dated only by its publication day can be an event held up to a few days earlier."""
    if not report.published_only or head.published_only or len(head.date) != 10 or len(report.date) != 10:
        return False
    gap = (date.fromisoformat(report.date) - date.fromisoformat(head.date)).days
    return 0 < gap <= PUBLICATION_LAG_DAYS


def fitting_clusters(members: Sequence[Report]) -> dict[str, str]:
    """Which reported event each one is, among events of one act, status, dyad and year: raw id -> canonical id.

    Going from the finest date to the coarsest, a report joins the one finer
    event (a "head") whose date it fits (or, when its date is only the day its
    article was published, held up to ``PUBLICATION_LAG_DAYS`` before), whose
    place and mode agree and that
    no article reporting it tells apart from it (an article that kept two
    events apart knew better); when several fit, the one held at the same
    named place. Otherwise it heads its own event. The canonical id is the
    head's: the id of the finest-dated report. The answer depends only on the
    set of members, never on the order in which they were stored.
    """
    canonical: dict[str, str] = {}
    heads: list[Report] = []
    told: dict[str, set[str]] = {}
    for m in sorted(members, key=lambda r: (-len(r.date), r.date, r.id)):
        fits = [
            h for h in heads
            if ((len(h.date) > len(m.date) and h.date.startswith(m.date)) or _lag_fits(h, m)) and _places_fit(m.place, h.place)
            and not (m.mode and h.mode and m.mode != h.mode) and not (m.articles & told[h.id])
        ]  # fmt: skip
        if len(fits) > 1 and m.place is not None:
            fits = [h for h in fits if h.place is not None and h.place.name == m.place.name]
        if len(fits) == 1:
            canonical[m.id] = fits[0].id
            told[fits[0].id] |= m.articles
        else:
            heads.append(m)
            canonical[m.id] = m.id
            told[m.id] = set(m.articles)
    return canonical


# -- across articles: a plan and the meeting held ---------------------------------

PLAN_STATUSES = ("planned", "cancelled")
LINK_WINDOW_DAYS = 60
"""How long after an undated plan was first reported, or after a meeting was called off, a meeting of the
same parties still counts as that plan held. A leaders' meeting is usually held weeks after it is announced
(Helsinki 2018: announced 28 June, held 16 July; Geneva 2021: 25 May and 16 June; Alaska 2025: 8 and 15
August) and a called-off one, when it is rescheduled, soon after (Singapore 2018: called off 24 May, held
12 June); a longer window would take the next, unrelated meeting for the plan held."""


class Planned(NamedTuple):
    """One stored event as the plan-to-held rule sees it (events of one act and one set of parties)."""

    id: str
    status: str
    date: str | None
    reported: str | None
    """When a report of it was first published (``YYYY-MM-DD``, longer values cut to the day)."""
    place: Place | None = None
    mode: str | None = None


def plan_links(events: Sequence[Planned]) -> dict[str, str]:
    """Which held event each plan became, among events of one act and one set of parties: plan id -> held id.

    A plan (``planned`` or ``cancelled``) is held as an ``occurred`` event
    whose place and mode do not conflict with its own and that is not dated
    before the plan was first reported. A dated plan is held as such an event
    whose date fits its own ("July 2018" fits 2018-07-16). An undated plan, and
    a cancelled one whatever its date, is held as such an event dated (to a
    month or a day) within ``LINK_WINDOW_DAYS`` after the plan was first
    reported, or after the day it was called off: a cancelled meeting stays
    cancelled, and is linked only to the rescheduled meeting. When several fit,
    the earliest held is the one. The answer depends only on the set of
    events, never on the order in which they were stored.
    """
    held = sorted(
        ((span, e) for e in events if e.status == "occurred" and (span := _days(e.date)) is not None),
        key=lambda pair: (pair[0][0], pair[1].date or "", pair[1].id),
    )
    found: dict[str, str] = {}
    for plan in sorted((e for e in events if e.status in PLAN_STATUSES), key=lambda e: e.id):
        reported = _days((plan.reported or "")[:10])
        own = _days(plan.date)
        if plan.status == "cancelled" and own is not None:
            window: tuple[date, date] | None = (own[1] + timedelta(days=1), own[1] + timedelta(days=LINK_WINDOW_DAYS))
        elif own is None and reported is not None:
            window = (reported[0], reported[0] + timedelta(days=LINK_WINDOW_DAYS))
        else:
            window = None
        for (first, last), event in held:
            if not _places_fit(plan.place, event.place) or (plan.mode and event.mode and plan.mode != event.mode):
                continue
            if reported is not None and last < reported[0]:
                continue
            if window is None:
                fits = own is not None and _prefix_fit(plan.date or "", event.date or "")
            else:
                fits = len(event.date or "") >= len("YYYY-MM") and first <= window[1] and last >= window[0]
            if fits:
                found[plan.id] = event.id
                break
    return found


def _prefix_fit(a: str, b: str) -> bool:
    """Two date values fit when one is a coarser form of the other ("2018-07" and "2018-07-16")."""
    return a.startswith(b) or b.startswith(a)


def _days(value: str | None) -> tuple[date, date] | None:
    """The first and last day a date value covers ("2018-07" -> 1 and 31 July 2018); None when it is no date."""
    parts = (value or "").split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return day, day
        if len(parts) == 2:
            first = date(int(parts[0]), int(parts[1]), 1)
            return first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), date(int(parts[0]), 12, 31)
    except ValueError:
        return None
    return None
