"""Find time expressions in a parsed article.

Recognition is a table of regular expressions over the text (fast, and exact
about spans), followed by checks on the spaCy tokens where words are
ambiguous: "May" the modal or the Prime Minister, "march" the verb, "2000
troops". spaCy's DATE entities are used only as a hint for bare month names.
Overlapping candidates are settled by length, then by the order of the table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import (
    DAY_RE,
    FULL_MONTH_RE,
    HOLIDAY_RE,
    MONTH_RE,
    NUMBER_RE,
    ORDINAL_RE,
    SEASON_RE,
    SPELLED_YEAR_RE,
    VAGUE_RE,
    WEEKDAY_RE,
    YEAR_RE,
    ZONE_RE,
    ZONES,
)

UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|century)s?"
APPROX = (
    r"(?:(?P<approx>nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than|over|"
    r"under|just|only|barely|at\s+least|up\s+to)\s+)?"
)
MOD = r"(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[-\s]+)"
REL = r"(?P<rel>this\s+past|this\s+coming|this|last|next|(?:the\s+)?following|(?:the\s+)?previous|that)"
WEEKDAY_PREFIX = rf"(?:(?P<weekday>{WEEKDAY_RE}),?\s+)?"
PART = r"(?P<part>morning|afternoon|evening|night)"

PATTERNS: list[tuple[str, str, str]] = [
    (
        "md_y",
        "month",
        rf"{WEEKDAY_PREFIX}(?P<month>{MONTH_RE})\s+(?P<day>{DAY_RE})(?:\s*,\s*|\s+)(?P<year>{YEAR_RE})",
    ),
    (
        "dm_y",
        "month",
        rf"{WEEKDAY_PREFIX}(?:the\s+)?(?P<day>{DAY_RE})\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+(?P<year>{YEAR_RE})",
    ),
    (
        "iso",
        "digit",
        r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?(?![\d-])",
    ),
    ("slash", "digit", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])"),
    ("md", "month", rf"{WEEKDAY_PREFIX}(?P<month>{MONTH_RE})\s+(?P<day>{DAY_RE})(?!\d|:\d)\b"),
    ("dm", "month", rf"{WEEKDAY_PREFIX}(?:the\s+)?(?P<day>{DAY_RE})\s+(?:of\s+)?(?P<month>{MONTH_RE})(?!\w)"),
    ("my", "month", rf"{MOD}?(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?P<year>{YEAR_RE})"),
    ("my", "month", rf"{MOD}?(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?:{SPELLED_YEAR_RE})\b"),
    (
        "month_rel_year",
        "month",
        rf"{MOD}?(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
    ),
    (
        "ago_month",
        "month",
        rf"(?P<num>{NUMBER_RE})\s+years?\s+ago\s+(?:this|last)\s+(?P<month>{FULL_MONTH_RE})\b",
    ),
    ("rel_month", "month", rf"{MOD}?{REL}\s+(?P<month>{FULL_MONTH_RE})\b"),
    ("month", "month", rf"{MOD}?(?P<month>{FULL_MONTH_RE})\b"),
    ("season_y", "season", rf"{MOD}?(?:the\s+)?(?P<season>{SEASON_RE})\s+(?:of\s+)?(?P<year>{YEAR_RE})"),
    ("rel_season", "season", rf"{MOD}?{REL}\s+(?P<season>{SEASON_RE})\b"),
    ("season", "season", rf"(?:the\s+)?{MOD}?(?P<season>{SEASON_RE})\b(?!\s+of\b)"),
    (
        "quarter_y",
        "quarter",
        rf"(?:the\s+)?(?P<ord>{ORDINAL_RE})[-\s]+quarter\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{YEAR_RE})",
    ),
    ("quarter_y", "digit", rf"\bQ(?P<q>[1-4])\s*(?P<year>{YEAR_RE})"),
    (
        "half_y",
        "quarter",
        rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?:fiscal|the\s+year)\s+)?(?P<year>{YEAR_RE})",
    ),
    (
        "quarter",
        "quarter",
        rf"(?:the\s+)?(?:(?P<rel>this|last|next|previous)|(?P<ord>{ORDINAL_RE}))[-\s]+quarter\b",
    ),
    (
        "period",
        "quarter",
        rf"(?:the\s+)?(?:(?P<year>{YEAR_RE})|(?P<rel>this|last|next)\s+year['’]s)\s+(?:fiscal\s+)?"
        rf"(?:(?P<ord>{ORDINAL_RE})[-\s]+)?(?P<what>quarter|period)\b",
    ),
    (
        "period",
        "quarter",
        rf"(?:the\s+)?(?:comparable\s+|same\s+)?(?P<back>year[-\s](?:ago|earlier))\s+(?:fiscal\s+)?"
        rf"(?:(?P<ord>{ORDINAL_RE})[-\s]+)?(?P<what>quarter|period)\b",
    ),
    ("period", "unit", r"(?P<back>year-(?:ago|earlier))(?=\s+[a-z])"),
    (
        "period",
        "quarter",
        r"the\s+(?:(?:same|corresponding|comparable)\s+)?(?P<what>quarter|period)\s+"
        r"(?P<back>(?:of\s+)?last\s+year|a\s+year\s+(?:ago|earlier))\b",
    ),
    (
        "period",
        "quarter",
        r"(?:the\s+(?:latest|most\s+recent)\s+(?:fiscal\s+)?(?P<what>quarter|period)"
        rf"|(?:the|that)\s+(?P<bare>quarter))(?![-\w]|\s+of\b)(?=\s+end(?:ed|ing)\s+(?P<end>{MONTH_RE}))?",
    ),
    ("decade", "digit", rf"(?:the\s+)?{MOD}?(?P<decade>1[89]\d0|20\d0)['’]?s\b"),
    ("decade", "digit", rf"(?:the\s+)?{MOD}?['’](?P<short>\d0)s\b"),
    ("decade", "word", rf"the\s+{MOD}?(?P<word>sixties|seventies|eighties|nineties)\b"),
    ("year_mod", "digit", rf"(?:{MOD}|(?P<turn>the\s+turn\s+of)\s+)(?P<year>{YEAR_RE})"),
    ("year", "digit", rf"(?P<year>{YEAR_RE})"),
    ("spelled_year", "word", rf"\b(?:{SPELLED_YEAR_RE})\b"),
    ("deictic_day", "word", rf"\b(?P<word>today|yesterday|tomorrow|tonight)\b(?:\s+{PART})?"),
    ("deictic_day", "word", r"the\s+day\s+(?P<word>before\s+yesterday|after\s+tomorrow)\b"),
    ("deictic_part", "word", rf"\b(?P<rel>this|last)\s+{PART}\b"),
    ("weekday", "weekday", rf"(?:{REL}\s+)?(?P<weekday>{WEEKDAY_RE})(?:\s+{PART})?\b"),
    ("weekend", "unit", r"(?:over\s+)?the\s+weekend\b(?!\s+of\b)"),
    ("holiday", "holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<holiday>{HOLIDAY_RE}))\b"),
    (
        "rel_unit",
        "unit",
        r"(?:(?P<mod>earlier|later|early|late)\s+(?:in\s+)?)?(?<!the\s)(?P<rel>this\s+past|this\s+coming|this|last|next)"
        r"\s+(?P<unit>year|month|week|weekend|quarter|decade|century)\b",
    ),
    ("rel_unit", "word", r"the\s+(?P<rel>current)\s+(?:fiscal\s+)?(?P<unit>year|quarter|month|week)\b"),
    (
        "the_year",
        "unit",
        r"the\s+(?:full\s+|fiscal\s+)?year\b(?![-\s]+(?:\d|two\b|earlier|ago|before|after|end\b))"
        r"(?P<ended>(?=\s+end(?:ed|ing)\b))?",
    ),
    ("year_end", "unit", r"(?:year[-\s]end|year['’]s\s+end|the\s+end\s+of\s+the\s+year)\b"),
    ("ago", "unit", rf"{APPROX}(?:(?P<num>{NUMBER_RE})|(?P<vague>{VAGUE_RE}))?\s*{UNIT}\s+ago\b"),
    (
        "offset",
        "unit",
        rf"{APPROX}(?:(?P<num>{NUMBER_RE})|(?P<vague>{VAGUE_RE}))\s+{UNIT}\s+"
        r"(?P<dir>later|afterwards?|earlier|(?:after|before|prior|on)(?=\s*[,.;:!?)]))\b",
    ),
    (
        "the_next",
        "unit",
        r"the\s+(?P<rel>following|next|previous|preceding|prior)\s+(?P<unit>day|week|month|year|weekend)\b",
    ),
    (
        "the_next",
        "unit",
        r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)\b(?!\s+(?:yesterday|tomorrow))",
    ),
    (
        "that_unit",
        "unit",
        r"(?:(?P<mod>earlier|later)\s+(?:in\s+)?)?(?:that|the\s+same)\s+"
        r"(?P<unit>day|week|month|year|weekend|morning|afternoon|evening|night)\b",
    ),
    ("later_in", "unit", r"(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)\b"),
    (
        "ref",
        "word",
        r"\b(?P<present>now|currently|nowadays|presently|at\s+present|at\s+the\s+moment|these\s+days"
        r"|(?P<adjective>current)(?=\s+[a-z]))\b"
        r"|\b(?P<past>recently|lately|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)|the\s+past)\b"
        r"|\b(?P<future>the\s+future|the\s+(?:coming|next\s+few)\s+(?:days|weeks|months|years|decades)"
        r"|(?:days|weeks|months|years)\s+to\s+come|soon)\b",
    ),
    ("age", "unit", rf"(?P<num>{NUMBER_RE})[-\s]+(?:year|month|week|day)s?[-\s]+old\b"),
    ("duration", "unit", rf"{APPROX}(?P<num>{NUMBER_RE})[-\s]+{UNIT}(?:[-\s]+long)?\b"),
    ("duration", "unit", rf"{APPROX}(?P<num>{NUMBER_RE})\s+and\s+a\s+half\s+{UNIT}\b"),
    ("duration", "unit", rf"{APPROX}(?P<num>{NUMBER_RE})\s+{UNIT}\s+and\s+a\s+half\b"),
    ("duration", "unit", rf"(?P<vague>{VAGUE_RE})\s+{UNIT}\b"),
    (
        "duration",
        "unit",
        rf"the\s+(?P<rel>past|last|previous|next|coming|first|final)\s+"
        rf"(?:(?P<num>{NUMBER_RE})\s+|(?P<vague>{VAGUE_RE})\s+)?{UNIT}\b",
    ),
    (
        "duration",
        "unit",
        r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bin\s)|(?<=\bover\s))"
        r"(?:(?P<unit>second|minute|hour|day|week|month|year|decade)s|(?P<centuries>centuries))\b",
    ),
    (
        "duration",
        "unit",
        r"(?<!\bthe\s)(?:(?P<unit>hour|day|week|month|year|decade)s|(?P<centuries>centuries))(?=\s+of\b)",
    ),
    ("set", "unit", rf"(?:every|each)\s+(?:(?P<num>{NUMBER_RE}|other)\s+)?{UNIT}\b"),
    (
        "set",
        "unit",
        rf"(?:once|twice|thrice|(?P<times>{NUMBER_RE})\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}\b",
    ),
    ("set", "unit", rf"\bper\s+{UNIT}\b"),
    ("set", "weekday", rf"(?:every|each)\s+(?P<weekday>{WEEKDAY_RE})(?:\s+{PART})?\b"),
    ("set", "month", rf"(?:every|each)\s+(?P<month>{FULL_MONTH_RE})\b"),
    ("set", "weekday", rf"(?<=\bon\s)(?P<weekdays>{WEEKDAY_RE})s\b"),
    ("set", "word", rf"every\s+{PART}\b"),
    ("set", "word", r"\b(?P<adverb>annually|yearly|monthly|weekly|daily|hourly|nightly|quarterly)\b"),
    (
        "clock",
        "digit",
        rf"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)(?:\s+(?P<zone>{ZONE_RE}))?",
    ),
    (
        "clock",
        "digit",
        rf"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*(?:hours?\s+)?(?P<zone>{ZONE_RE})\b",
    ),
    (
        "clock",
        "digit",
        rf"(?<![\d:.,])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?:hours?\s+)?(?P<zone>{ZONE_RE})\b",
    ),
    ("clock", "digit", r"(?<=\bat\s)(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])"),
    ("clock", "word", r"\b(?P<word>noon|midnight|midday)\b"),
]
"""(kind, trigger, pattern) in order of preference when two candidates of equal length overlap.

A pattern is only tried near a word of its trigger class (see ``TRIGGERS``)."""

IGNORED = {"age"}
"""Kinds matched only so that they win over a shorter reading: an age ('a 52-year-old') is no duration."""

_COMPILED = [
    (kind, trigger, re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE))
    for kind, trigger, pattern in PATTERNS
]
"""Every pattern starts at a word start: the engine then gives up mid-word at once."""

TRIGGERS: dict[str, re.Pattern[str]] = {
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "weekday": re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "digit": re.compile(r"\d+"),
    "holiday": re.compile(r"\b(?:Christmas|New Year|Thanksgiving|Election Day|Halloween|Valentine|Easter)"),
    "season": re.compile(r"\b(?:spring|summer|autumn|fall|winter)", re.IGNORECASE),
    "quarter": re.compile(r"\b(?:quarter|half|period)", re.IGNORECASE),
    "unit": re.compile(r"\b(?:second|minute|hour|day|week|month|quarter|year|decade|centur)", re.IGNORECASE),
    "word": re.compile(
        r"\b(?:today|yesterday|tomorrow|tonight|morning|afternoon|evening|night|now\b|current|present|moment|"
        r"these|recent|lately|past|future|coming|come|soon|annually|yearly|monthly|weekly|daily|hourly|"
        r"nightly|quarterly|noon|midnight|midday|every|nineteen|eighteen|thousand)|ties\b",
        re.IGNORECASE,
    ),
}
"""Words one of which every match of a pattern contains: patterns are only run in windows around them.

Why: the table has some sixty patterns; running each over a whole article costs
tens of milliseconds, running them near their trigger words a few. Each word is
sought at a word start, as the patterns use it (a match starts at a word start,
and its trigger word follows a space or a hyphen), so the search skips the
inside of words; only the decades' 'ties' ('the nineties') ends a word instead.
"""

_BEFORE, _AFTER = 40, 40
"""How far a match may reach before and after its trigger word (characters)."""

_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z.'’ -]+(?:,[ \t]*[A-Z][\w.'’ -]*)?,[ \t]+(?P<date>{MONTH_RE}[ \t]+{DAY_RE})"
    r"(?:,[ \t]*\d{4})?[ \t]*(?:\([^)\n]*\)[ \t]*)?[-–—]",
    re.MULTILINE,
)
"""A wire-service dateline: ``HELSINKI, July 16 (Example Wire) -`` at the start of a line."""

MONTH_CONTEXT = {
    "in", "since", "until", "till", "by", "from", "through", "throughout", "during", "before", "after",
    "between", "and", "or", "to", "of", "last", "this", "next", "early", "late", "mid", "around", "on", "for", "that", "following", "previous", "-",
}  # fmt: skip
"""Words after which a bare month name is a month rather than a name or a verb."""

SEASON_CONTEXT = {
    "in", "during", "by", "until", "till", "over", "since", "through", "throughout", "into", "of", "for",
    "before", "after", "this", "last", "next",
}  # fmt: skip

NUMBER_NOUNS = {
    "article", "articles", "resolution", "section", "flight", "no", "no.", "number", "route", "chapter",
    "paragraph", "clause", "room", "page", "pages", "model", "boeing", "airbus", "rule", "highway",
    "interstate", "vol", "vol.", "issue", "unit", "code", "box", "suite", "platform", "gate", "bus",
    "nearly", "almost", "least", "than", "roughly", "approximately",
}  # fmt: skip
"""Words before which a four-digit number is a label or a count, not a year."""


@dataclass
class Mention:
    """A recognised time expression before it is given a value."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str] = field(default_factory=dict)
    dateline: bool = False


def recognise(doc: Doc) -> list[Mention]:
    """Every time expression in ``doc``, in text order, without overlaps."""
    text = doc.text
    windows = {name: _windows(text, trigger) for name, trigger in TRIGGERS.items()}
    candidates: list[tuple[int, int, Mention]] = []
    seen: set[tuple[int, int, int]] = set()
    for rank, (kind, trigger, pattern) in enumerate(_COMPILED):
        for low, high in windows[trigger]:
            for match in pattern.finditer(text, low, high):
                key = (rank, match.start(), match.end())
                if key in seen:
                    continue
                seen.add(key)
                mention = _mention(kind, match)
                if mention is not None and _plausible(doc, text, mention):
                    candidates.append((rank, match.start(), mention))
    chosen = [m for m in _without_overlaps(candidates) if m.kind not in IGNORED]
    datelines = {m.start("date") for m in _DATELINE.finditer(text)}
    for mention in chosen:
        mention.dateline = mention.start in datelines and mention.kind == "md"
    return chosen


def _windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged stretches of text around each trigger word, widened to whitespace on both sides."""
    merged: list[tuple[int, int]] = []
    for match in trigger.finditer(text):
        low = text.rfind(" ", 0, max(0, match.start() - _BEFORE)) + 1
        high = text.find(" ", match.end() + _AFTER)
        high = len(text) if high < 0 else high
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _mention(kind: str, match: re.Match[str]) -> Mention | None:
    """A Mention for a match, trimmed of surrounding spaces; None when empty."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    start, end = match.span()
    raw = match.group()
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    if end <= start:
        return None
    return Mention(start, end, match.string[start:end], kind, groups)


def _without_overlaps(candidates: list[tuple[int, int, Mention]]) -> list[Mention]:
    """Keep the longest candidates (ties: the earlier pattern), dropping any that overlap them."""
    ordered = sorted(candidates, key=lambda c: (-(c[2].end - c[2].start), c[0], c[1]))
    starts: list[int] = []
    taken: list[Mention] = []
    for _, _, mention in ordered:
        index = bisect_left(starts, mention.start)
        if index < len(taken) and taken[index].start < mention.end:
            continue
        if index > 0 and taken[index - 1].end > mention.start:
            continue
        starts.insert(index, mention.start)
        taken.insert(index, mention)
    return taken


def _token_at(doc: Doc, offset: int) -> Token | None:
    """The token that contains character ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _previous_word(text: str, offset: int) -> str:
    """The lower-cased word just before ``offset`` (empty at the start of the text)."""
    words = text[max(0, offset - 30) : offset].split()
    return words[-1].lower() if words else ""


def _plausible(doc: Doc, text: str, mention: Mention) -> bool:
    """Whether the tokens agree that the candidate is a time expression."""
    groups = mention.groups
    for name in ("month", "weekday", "weekdays"):
        if name in groups and groups[name][0].isalpha() and not groups[name][0].isupper():
            return False
    if "month" in groups and groups["month"][0].isalpha() and not _month_ok(doc, text, mention):
        return False
    if mention.kind in ("year", "year_mod") and not _year_ok(doc, mention):
        return False
    if "season" in groups and not _season_ok(doc, text, mention):
        return False
    if groups.get("unit", "").lower() == "quarter" and not _quarter_of_time(text, mention):
        return False
    if mention.kind == "duration" and groups.get("unit", "").lower() == "second":
        token = _token_at(doc, mention.end - 1)
        return token is not None and token.tag_.startswith("NN")
    if "adjective" in groups:
        token = _token_at(doc, mention.start)
        return token is not None and token.tag_ == "JJ" and token.head.tag_.startswith("NN")
    if mention.kind == "set" and "adverb" in groups:
        token = _token_at(doc, mention.start)
        return token is not None and token.tag_ == "RB"
    return True


def _quarter_of_time(text: str, mention: Mention) -> bool:
    """'a quarter' is mostly a fraction ("a quarter of the vote", "a quarter century"), not three months."""
    if mention.groups.get("num", "").lower() in ("a", "an"):
        return False
    return not re.match(r"\s+(?:of|century)\b", text[mention.end : mention.end + 9], re.IGNORECASE)


def _month_ok(doc: Doc, text: str, mention: Mention) -> bool:
    """A month word must not be a modal, a verb or part of a name ('Theresa May')."""
    start = mention.start + mention.text.find(mention.groups["month"])
    token = _token_at(doc, start)
    if token is None:
        return False
    if token.tag_ == "MD" or token.tag_.startswith("VB") or token.ent_type_ in ("PERSON", "ORG"):
        return False
    if mention.kind not in ("month", "md"):
        return True
    if token.i > 0:
        before = doc[token.i - 1]
        if (
            before.tag_ == "NNP"
            and before.text.lower() not in MONTH_CONTEXT
            and before.text not in ZONES
            and not before.is_sent_start
            and (mention.kind != "md" or token.lower_ == "may")
        ):
            return False
        if mention.kind == "md" and before.ent_type_ == "PERSON":
            return False
    if mention.kind == "md":
        return True
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS":
        return False
    previous = _previous_word(text, mention.start)
    return (
        previous in MONTH_CONTEXT
        or "mod" in mention.groups
        or (token.ent_type_ == "DATE" and token.tag_.startswith("NN") and token.dep_ != "nsubj")
    )


def _year_ok(doc: Doc, mention: Mention) -> bool:
    """A four-digit number is a year unless it labels something or counts a plural noun."""
    start = mention.start + mention.text.find(mention.groups["year"])
    token = _token_at(doc, start)
    if token is None:
        return False
    if token.i > 0 and doc[token.i - 1].lower_ in NUMBER_NOUNS:
        return False
    head = token.head
    if token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > token.i:
        previous = doc[token.i - 1] if token.i > 0 else None
        return previous is not None and (previous.tag_ in ("DT", "PRP$", "POS") or previous.lower_ == "'s")
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is None or following.lower_ not in ("percent", "per", "%")


def _season_ok(doc: Doc, text: str, mention: Mention) -> bool:
    """'fall' and 'spring' are also verbs and nouns; a bare season needs a time preposition before it."""
    word = mention.groups["season"]
    token = _token_at(doc, mention.start + mention.text.lower().find(word.lower()))
    if token is None or not token.tag_.startswith("NN"):
        return False
    if mention.kind != "season":
        return True
    return _previous_word(text, mention.start) in SEASON_CONTEXT
