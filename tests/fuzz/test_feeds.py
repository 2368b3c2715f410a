"""RSS and Atom: any bytes never crash; every entry with text is an article, every one without is reported by number."""

from __future__ import annotations

import email.utils
import html
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import nasty_bytes, nasty_text, sentences, skip_lines

FEED_PIECES = [
    b'<?xml version="1.0" encoding="utf-8"?>', b'<?xml version="1.0" encoding="no-such"?>', b"<rss version='2.0'>",
    b"<channel>", b"<item>", b"</item>", b"<title>", b"</title>", b"<description>", b"</description>", b"<![CDATA[",
    b"]]>", b'<feed xmlns="http://www.w3.org/2005/Atom">', b"<entry>", b"</entry>", b'<content type="html">',
    b"</content>", b"<pubDate>Fri, 31 Feb 2019 99:99:99 +9999</pubDate>", b"<published>2019-02-30T25:00:00Z</published>",
    b"<!DOCTYPE x [<!ENTITY a '&a;&a;'>]>", b"&a;", b"&#0;", b"<guid>", b"</guid>", b"</channel></rss>", b"</feed>",
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("feeds")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=None)), problems


@budget(ci=60)
@given(data=st.lists(st.one_of(st.sampled_from(FEED_PIECES), nasty_bytes(60)), max_size=25).map(b"".join),
       suffix=st.sampled_from([".rss", ".atom", ".xml"]))  # fmt: skip
def test_any_bytes_named_a_feed_never_crash_and_name_the_entry(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"any{suffix}"
    path.write_bytes(data)
    articles, problems = _read(path)
    skipped = skip_lines(problems.skipped, str(path))
    entries = [int(a.origin.rsplit(":", 1)[1]) for a in articles]
    assert entries == sorted(set(entries))
    assert not set(entries) & set(skipped)
    assert articles or problems.skipped  # a file that gives nothing says why
    for article in articles:
        assert article.text.strip()
        assert article.published is None or date.fromisoformat(article.published)


@dataclass
class Entry:
    """One generated feed entry: its text (None: an entry with no text, to be reported) and its date."""

    sentences: list[str] | None
    when: datetime | None
    markup: str
    title: str


ZONES = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
WHEN = st.one_of(st.none(), st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES))
ENTRY = st.builds(
    Entry,
    st.one_of(st.none(), st.lists(sentences(), min_size=1, max_size=4)),
    WHEN,
    st.sampled_from(["escaped", "cdata", "plain"]),
    nasty_text(15).map(lambda t: "".join(ch for ch in t if ch.isprintable())),
)
EMPTY = ["", "   ", "<img src='x.png'>", "<script>var a = 1;</script>", "<p> </p>", "<style>p {}</style>"]


def _body(entry: Entry, n: int) -> str:
    if entry.sentences is None:
        return html.escape(EMPTY[n % len(EMPTY)])
    inner = "".join(f"<p>{s}</p>" for s in entry.sentences)
    if entry.markup == "cdata":
        return f"<![CDATA[{inner}]]>"
    return html.escape(inner) if entry.markup == "escaped" else html.escape(" ".join(entry.sentences))


def _rss(entries: list[Entry]) -> str:
    items = []
    for n, entry in enumerate(entries, start=1):
        when = f"<pubDate>{email.utils.format_datetime(entry.when)}</pubDate>" if entry.when else ""
        items.append(f"<item><title>{html.escape(entry.title)}</title><guid>urn:entry:{n}</guid>"
                     f"<description>{_body(entry, n)}</description>{when}</item>")  # fmt: skip
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>{"".join(items)}</channel></rss>'


def _atom(entries: list[Entry]) -> str:
    items = []
    for n, entry in enumerate(entries, start=1):
        when = f"<published>{entry.when.isoformat()}</published>" if entry.when else ""
        items.append(f"<entry><id>urn:entry:{n}</id><title>{html.escape(entry.title)}</title>{when}"
                     f'<content type="html">{_body(entry, n)}</content></entry>')  # fmt: skip
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{"".join(items)}</feed>'


@budget(ci=50)
@given(entries=st.lists(ENTRY, min_size=1, max_size=8), atom=st.booleans())
def test_every_entry_with_text_is_read_in_order_and_every_other_reported(folder: Path, entries: list[Entry],
                                                                         atom: bool) -> None:  # fmt: skip
    path = folder / ("feed.atom" if atom else "feed.rss")
    path.write_text(_atom(entries) if atom else _rss(entries), encoding="utf-8")
    articles, problems = _read(path)
    good = [(n, e) for n, e in enumerate(entries, start=1) if e.sentences is not None]
    assert [a.id for a in articles] == [f"urn:entry:{n}" for n, _ in good]
    for article, (_, entry) in zip(articles, good, strict=True):
        found = " ".join(article.text.split())
        assert all(sentence in found for sentence in entry.sentences or [])
        assert article.published == (entry.when.date().isoformat() if entry.when else None)  # the day as written
    bad = [n for n, e in enumerate(entries, start=1) if e.sentences is None]
    assert skip_lines(problems.skipped, str(path)) == bad
