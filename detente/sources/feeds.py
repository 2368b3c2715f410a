"""Articles from RSS and Atom feeds (files or URLs): one Article per entry, through feedparser.

An entry's text is its full content when the feed carries it, else its summary,
stripped of HTML. Its publication day is the day *as the outlet wrote it*
(``Fri, 28 Jun 2019 23:30 -0400`` is the 28th, not the 29th in UTC).
"""

from __future__ import annotations

import email.utils
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from detente.model import Article
from detente.sources.html import html_to_text
from detente.sources.problems import Problems

FETCH_TIMEOUT = 30.0
"""Seconds to wait for a feed URL."""

MAX_FETCH_BYTES = 50_000_000


def read_feed(path: Path, problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Read a feed file (``.rss``, ``.atom``, ``.xml``); ``published`` is ignored (entries carry their own)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
        return
    yield from parse_feed(raw, str(path), problems)


def read_feed_url(url: str, problems: Problems, published: str | None = None,
                  timeout: float = FETCH_TIMEOUT) -> Iterator[Article]:
    """Fetch a feed over HTTP(S) and read it; any fetch failure is one skipped line naming the URL."""
    request = urllib.request.Request(url, headers={"User-Agent": "detente (news feed reader)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_FETCH_BYTES + 1)
    except urllib.error.HTTPError as err:
        problems.skip(url, None, f"cannot fetch: HTTP {err.code} {err.reason}")
        return
    except urllib.error.URLError as err:
        problems.skip(url, None, f"cannot fetch: {err.reason}")
        return
    except (OSError, ValueError) as err:  # timeouts, resets, malformed URLs
        problems.skip(url, None, f"cannot fetch: {err}")
        return
    if len(raw) > MAX_FETCH_BYTES:
        problems.skip(url, None, f"cannot fetch: larger than {MAX_FETCH_BYTES} bytes")
        return
    yield from parse_feed(raw, url, problems)


def parse_feed(raw: bytes, source: str, problems: Problems) -> Iterator[Article]:
    """The Articles of a feed document; not a feed (or no entries) is one skipped line.

    Always bytes: given a ``str``, feedparser would take it for a URL or a file name.
    """
    import feedparser

    try:
        parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    except Exception as err:  # feedparser is lenient, but a hostile document may still break it
        problems.skip(source, None, f"not an RSS/Atom feed ({type(err).__name__}: {err})")
        return
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        problems.skip(source, None, "not an RSS/Atom feed" + (f" ({_short(why)})" if why else ""))
        return
    if parsed.get("bozo") and parsed.entries and _is_xml_error(parsed.get("bozo_exception")):
        problems.warn(source, None, f"feed is not well-formed XML ({_short(parsed.bozo_exception)}); "
                      "entries read with the lenient parser")
    if not parsed.entries:
        problems.skip(source, None, "feed has no entries")
        return
    feed = parsed.feed
    outlet = feed.get("title") or None
    language = feed.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        article = _article(entry, number, source, outlet, language, problems)
        if article is not None:
            yield article


def _article(entry: Any, number: int, source: str, outlet: str | None, language: str | None,
             problems: Problems) -> Article | None:
    text = _entry_text(entry)
    title = html_to_text(entry.get("title", "")) or None
    if not text:
        problems.skip(source, number, "feed entry has no text")
        return None
    link = entry.get("link") or None
    published = _entry_day(entry, "published") or _entry_day(entry, "updated")
    meta: dict[str, Any] = {"feed_entry": number}
    if entry.get("author"):
        meta["author"] = entry.get("author")
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        meta["tags"] = tags
    if not published and (entry.get("published") or entry.get("updated")):
        meta["published_unparsed"] = entry.get("published") or entry.get("updated")
    return Article(
        id=str(entry.get("id") or link or f"{Path(source).name}:{number}"),
        text=text,
        title=title,
        url=link,
        published=published,
        outlet=outlet,
        language=(entry.get("language") or language),
        meta=meta,
        origin=f"{source}:{number}",
    )


def _entry_text(entry: Any) -> str:
    """The longest of the full content and the summary, as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len, default="")


def _entry_day(entry: Any, key: str) -> str | None:
    """``YYYY-MM-DD`` of ``published``/``updated`` in the writer's own time zone.

    Read with ``dict.get``: feedparser's own lookup gives ``published`` when asked for a missing
    ``updated`` (with a DeprecationWarning), so an entry's one date would be tried twice.
    """
    raw = (dict.get(entry, key) or "").strip()
    if raw:
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    parsed = dict.get(entry, f"{key}_parsed")
    if isinstance(parsed, time.struct_time):
        return time.strftime("%Y-%m-%d", parsed)
    return None


def _is_xml_error(err: object) -> bool:
    return err is not None and "CharacterEncoding" not in type(err).__name__


def _short(err: object) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= 120 else text[:117] + "..."
