"""The time normaliser on arbitrary short texts: no crash, spans that point into the text, values that exist.

spaCy parses every example (about 10 ms for a short text), so the ci profile
runs few; ``make fuzz`` runs thousands.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from detente.model import Article
from detente.nlp import clean_text
from detente.pipeline import with_publication
from detente.sources.published import normalise_published
from detente.timex import analyse_time, infer_publication
from detente.timex.publication import parse_published
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import nasty_text

DATE_LIKE = [
    "2019-02-30", "31/31/2020", "the 45th of Smarch", "on Friday", "last week", "June 31", "Feb. 29, 2019",
    "Feb. 29, 2020", "Q5 2019", "the 1990s", "3 p.m.", "25:61", "nineteen ninety-nine", "twenty-four hours ago",
    "midnight", "the day before yesterday", "fiscal 2020", "spring", "2021-W54", "0000-00-00", "99/99/9999",
    "Smarch 45", "200 years ago", "10000 years later", "the year 10000", "Jan 0", "31 February", "a decade earlier",
    "the fourth quarter of 1999", "9999-12-31", "0001-01-01", "next year", "the next day", "two days later",
    "that month", "the previous year", "1 million years ago", "99999999999 days later", "every Monday",
    "since 1776", "in the 21st century", "Christmas", "Easter 9999", "the 31st", "Monday, Feb. 30", "12/25",
    "the first half of 2019", "mid-2018", "late 1990s", "tomorrow", "tonight", "a year earlier", "last Tuesday's",
    "1 B.C.", "year 0", "the 0th of May", "May 2019-2020", "2019/13/01", "20190631", "the 1900s", "the 10000s",
    "two quarters", "several quarters",
]  # fmt: skip
FILLER = ["Putin met Xi", "the talks were held", "he said", ",", ".", "\n", "\n\n", "and", "in", "on", "by", "—"]
PUBLISHED = st.one_of(st.none(), st.dates().map(str), st.sampled_from(["0001-01-01", "9999-12-31", "2020-02-29"]))
TEXT = st.lists(st.one_of(st.sampled_from(DATE_LIKE), st.sampled_from(FILLER), nasty_text(8)), min_size=1,
                max_size=12).map(" ".join)  # fmt: skip
# TimeML values; durations in TimeML's units, quarters (Q) included: "two quarters" is P2Q, as in TimeBank.
TIMEX_VALUE = re.compile(
    r"(?:\d{4}|\d{3}X|\d{2}XX)(?:-(?:\d\d|W\d\d|Q\d|H\d|SP|SU|FA|WI|Q\d)(?:-\d\d(?:T[\d:]+|T(?:MO|AF|EV|NI))?|-WE)?)?"
    r"(?:T[\d:]+|T(?:MO|AF|EV|NI))?"
    r"|P(?:\d+(?:\.\d+)?[YMWDHSQ]|T\d+(?:\.\d+)?[HMS]|[YMWD]|X[YMWDQ])+|PT\d+[HMS]|PX[YMWDHSQ]?"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF|T\d\d:\d\d|TMO|TAF|TEV|TNI|XXXX-.*"
)


def check_time_expressions(nlp: Language, text: str, published: str | None) -> None:
    """The property of the time normaliser, shared with the coverage-guided harness (``tests/fuzz/guided.py``)."""
    doc = nlp(clean_text(text))
    analysis = analyse_time(doc, "doc", published)
    starts = [t.start for t in analysis.timexes]
    assert starts == sorted(starts)
    for timex in analysis.timexes:
        assert 0 <= timex.start < timex.end <= len(text) and doc.text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.reason
        if timex.value is not None:
            assert TIMEX_VALUE.fullmatch(timex.value), timex.value
            day = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", timex.value)
            if day:
                date(int(day[1]), int(day[2]), int(day[3]))  # a day that exists: never 2019-02-30


@budget(ci=30, long=5000)
@given(text=TEXT, published=PUBLISHED)
def test_time_expressions_point_into_the_text_and_name_dates_that_exist(nlp: Language, text: str,
                                                                        published: str | None) -> None:  # fmt: skip
    check_time_expressions(nlp, text, published)


@budget(ci=200, long=20_000)
@given(value=st.one_of(st.sampled_from(DATE_LIKE), nasty_text(20), st.dates().map(str)))
def test_given_publication_dates_are_a_real_day_or_nothing(value: str) -> None:
    found = parse_published(value)
    assert found is None or isinstance(found, date)
    day, why = normalise_published(value)
    assert (day is None) != (why is None) or (day is None and why is None and not value)
    if day is not None:
        assert date.fromisoformat(day)


@budget(ci=200, long=20_000)
@given(text=TEXT, url=st.one_of(st.none(), nasty_text(30), st.sampled_from(
    ["https://x.example/2019/02/30/story", "https://x.example/2019/13/", "https://x.example/99999999/", "/0000/00/00/"])))
def test_inferred_publication_dates_are_real_days(text: str, url: str | None) -> None:
    found = infer_publication(text, url)
    if found is not None:
        assert found.reason and found.value and found.granularity in ("day", "month", "year")
        date.fromisoformat(found.value + "-01-01"[len(found.value) - 4 :] if len(found.value) < 10 else found.value)
    article = with_publication(Article(id="a", text=text, url=url))
    assert article.published_basis in ("given", "inferred", "none") and article.published_reason
