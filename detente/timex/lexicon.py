"""Words that name times, and the regex fragments built from them.

Kept apart from the patterns so that recognition and normalisation read the
same tables: a month matched by a pattern is looked up here by its spelling.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

HOLIDAY_RE = (
    r"Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Election\s+Day"
    r"|Halloween|Valentine['’]s\s+Day|Easter(?:\s+Sunday)?"
)
"""Holidays that fall on a day a calendar rule gives (US ones where news uses the US date)."""

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
"""TimeML season codes."""

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
}  # fmt: skip

NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5,
    "a half": 0.5,
}  # fmt: skip

VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of")

ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "weekend": "WE",
}  # fmt: skip

TIME_UNITS = ("second", "minute", "hour")
"""Units written after the ``T`` of an ISO 8601 duration."""

ZONES = (
    "GMT", "UTC", "EST", "EDT", "CET", "CEST", "BST", "PST", "PDT", "CST", "CDT", "MSK", "IST", "JST",
    "ET", "PT",
)  # fmt: skip


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation that tries longer spellings first, so 'June' beats 'Jun'."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec")
MONTH_RE = (
    "(?:"
    + alternation(MONTH_NAMES)
    + "|"
    + "|".join(a.capitalize() + r"\.?" for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + ")"
)
"""A capitalised month name or abbreviation (news always capitalises months)."""

FULL_MONTH_RE = "(?:" + alternation(MONTH_NAMES) + ")"
WEEKDAY_RE = "(?:" + alternation([d.capitalize() for d in WEEKDAYS]) + ")"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?<![\w$£€.,/])(?<!(?-i:[A-Z])-)(?:1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)"
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER_RE = (
    r"(?:\d+(?:\.\d+|\s+1/2|½)?|(?:"
    + alternation(_TENS)
    + r")[\s-]+(?:"
    + alternation(_DIGIT_WORDS)
    + ")|"
    + alternation(list(NUMBERS))
    + ")"
)
"""A count in digits or words; 'twenty-four' and '2 1/2' are one number, 'a two' is not."""
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
SPELLED_YEAR_RE = (
    r"(?P<century>nineteen|eighteen)\s+(?P<rest>(?:"
    + alternation(_TENS)
    + r")(?:[\s-]+(?:"
    + alternation(_DIGIT_WORDS)
    + r"))?|(?:"
    + alternation(_TEENS)
    + r")|oh[\s-]+(?:"
    + alternation(_DIGIT_WORDS)
    + "))"
    + r"|the\s+year\s+(?P<millennium>two\s+thousand)(?:\s+(?:and\s+)?(?P<after>"
    + alternation(_TEENS + _DIGIT_WORDS)
    + "))?"
)
"""A year as it is read aloud in broadcast transcripts: 'nineteen ninety-six', 'the year two thousand'.
Only 'the year two thousand' is taken after 1999: a bare 'two thousand' is mostly a count."""

VAGUE_RE = "(?:" + alternation(VAGUE_NUMBERS) + ")"
SEASON_RE = "(?:" + alternation(list(SEASONS)) + ")"
ORDINAL_RE = "(?:" + alternation(list(ORDINALS)) + ")"
ZONE_RE = "(?:" + "|".join(ZONES) + r"|local\s+time|(?:[A-Z][a-z]+\s+)time)"


def month_number(word: str) -> int:
    """The month number of a (possibly abbreviated, possibly dotted) month name."""
    return MONTHS[word.rstrip(".").lower()]


def spelled_year(century: str, rest: str) -> int:
    """The year of 'nineteen' + 'ninety-six' (or 'oh five', 'twelve'); ``century`` may be 'two thousand'."""
    base = {"eighteen": 1800, "nineteen": 1900}.get(century.lower(), 2000)
    words = rest.lower().replace("-", " ").split()
    if words and words[0] == "oh":
        words = words[1:]
    return base + int(sum(NUMBERS[w] for w in words))


def number_value(words: str) -> float | None:
    """The value of a number written in digits or words ('three', 'twenty-four'); None if vague."""
    text = " ".join(words.lower().replace("-", " ").replace("½", " 1/2").split())
    if text.endswith(" 1/2"):
        whole = number_value(text[: -len(" 1/2")])
        return None if whole is None else whole + 0.5
    if text in NUMBERS:
        return NUMBERS[text]
    try:
        return float(text)
    except ValueError:
        pass
    parts = text.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None
