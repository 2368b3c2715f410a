"""Articles from WARC archives (``.warc``, ``.warc.gz``; the CC-NEWS layout) through warcio.

Only HTTP ``response`` records with a 2xx status and an HTML body are articles;
requests, metadata, redirects and images are passed over without a word. The
archive is streamed record by record, never read whole. ``WARC-Date`` is when
the page was *crawled*, not published: it is kept in ``meta["warc_date"]`` and
the publication date comes from the page itself (see :mod:`detente.sources.html`).

A corrupt or truncated record is one skipped line naming the file and record
number; reading goes on at the next record that can be found (the next gzip
member, or the next ``WARC/1.`` line of an uncompressed archive).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from detente.model import Article
from detente.sources.html import article_from_page, extract_page
from detente.sources.problems import Problems

MAX_PAGE_BYTES = 20_000_000
"""A response body larger than this is skipped (no news page is that large)."""

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_SCAN_CHUNK = 1 << 20


def read_warc(path: Path, problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Stream the articles of a WARC file; ``published`` is ignored (pages carry their own dates)."""
    try:
        stream = path.open("rb")
    except OSError as err:
        problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
        return
    with stream:
        yield from iter_warc(stream, str(path), problems)


def iter_warc(stream: BinaryIO, source: str, problems: Problems) -> Iterator[Article]:
    """The articles of a seekable binary WARC stream, in order, one record at a time."""
    from warcio.archiveiterator import ArchiveIterator

    size = stream.seek(0, 2)
    stream.seek(0)
    if size == 0 or _only_blank(stream, 0):
        problems.skip(source, None, "empty file" if size == 0 else "no records, only white space")
        return
    stream.seek(0)
    gzipped = stream.read(3) == _GZIP_MAGIC
    number = 0  # records seen, the corrupt ones included
    position = 0  # where the next record starts
    resyncing = False  # after an error: further failures before a good record are the same damage
    while position < size:
        stream.seek(position)
        records = ArchiveIterator(stream)
        in_record = False
        try:
            while True:
                with _warcio_quiet():
                    record = next(records, None)
                if records.err_count:  # warcio found more than the last record's length said
                    problems.warn(source, number, f"record {number}: its Content-Length does not match its content")
                    records.err_count = 0
                if record is None:
                    break
                _check_header(record)  # before counting it, as a header warcio itself rejects
                number += 1
                in_record = True
                with _warcio_quiet():
                    article, why = _article(record, number, source)
                    records.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0) or 0
                position = max(records.offset, position)  # warcio's offset can go back, even below 0, in a damaged gzip
                in_record = False
                resyncing = False
                if missing > 0:
                    problems.skip(source, number, f"record {number} is truncated ({missing} bytes missing)")
                elif why:
                    problems.skip(source, number, f"record {number}: {why}")
                elif article is not None:
                    yield article
        except Exception as err:  # warcio/zlib errors of every kind: this record is lost, the rest is not
            damage, counted = f"is corrupt ({_short(err)})", in_record
        else:
            if position >= size or _only_blank(stream, position):
                return
            damage, counted = "is truncated or unreadable", False
        if not resyncing:
            number += 0 if counted else 1
            problems.skip(source, number, f"record {number} at byte {position} {damage}")
        resyncing = True
        found = _next_record_start(stream, position + 1, gzipped)
        if found is None:
            return
        position = found


class CorruptRecord(ValueError):
    """A record warcio reads without complaint but that cannot be one (no type, no length)."""


def _check_header(record: Any) -> None:
    """Raise :class:`CorruptRecord` for a header without a type or a numeric length.

    Why: warcio reads a WARC record with no ``Content-Length`` to the end of the
    file, and takes any line of five words for an old ARC record header, so
    one damaged header (or a file that is no archive at all) would silently
    swallow every record after it.
    """
    headers = record.rec_headers
    if record.format.startswith("warc"):
        valid = bool(headers.get_header("WARC-Type")) and _digits(headers.get_header("Content-Length"))
    else:  # ARC, which warcio reads too: a URL line ending in the record's length
        valid = _digits(headers.get_header("length"))
    if not valid:
        raise CorruptRecord("record header without a type or a valid length")


def _digits(value: str | None) -> bool:
    return bool(value) and value.strip().isascii() and value.strip().isdigit()


@contextmanager
def _warcio_quiet() -> Iterator[None]:
    """Keep warcio from writing its own warnings to stderr, while it reads.

    Why: warcio prints several lines to ``sys.stderr`` on a bad ``Content-Length``
    or a gzip member that stops decompressing, which would break the one line
    per problem that detente promises; what those warnings mean is reported
    here instead (a truncated record, a length warning). ``sys.stderr`` is
    swapped only while warcio's own calls run, never while detente reports.
    """
    saved = sys.stderr
    sys.stderr = io.StringIO()
    try:
        yield
    finally:
        sys.stderr = saved


def _article(record: Any, number: int, source: str) -> tuple[Article | None, str | None]:
    """(article, None), (None, why it is skipped), or (None, None) for a record that is no article."""
    if record.rec_type != "response" or record.http_headers is None:
        return None, None
    http = record.http_headers
    if not (http.get_statuscode() or "").startswith("2"):
        return None, None
    content_type = (http.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None, None
    try:
        body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as err:  # a bad chunked or gzip content encoding: this record only
        return None, f"cannot decode the HTTP body ({_short(err)})"
    if len(body) > MAX_PAGE_BYTES:
        return None, f"HTML page larger than {MAX_PAGE_BYTES} bytes"
    content: bytes | str = body
    charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type)
    if charset:
        try:
            content = body.decode(charset.group(1))
        except (LookupError, UnicodeDecodeError):
            content = body
    target = record.rec_headers.get_header("WARC-Target-URI")
    page = extract_page(content, url=target)
    if page is None:
        return None, "no article text found in the HTML page"
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or None
    meta = {"warc_date": record.rec_headers.get_header("WARC-Date"), "warc_record_id": record_id,
            "warc_target_uri": target}
    article = article_from_page(page, record_id or f"{Path(source).name}:{number}", f"{source}:{number}",
                                {k: v for k, v in meta.items() if v})
    return article, None


def _next_record_start(stream: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Offset of the next gzip member (or ``WARC/1.`` line) at or after ``start``, reading in chunks."""
    offset = max(start, 0)
    tail = b""
    while True:
        stream.seek(offset)
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        base = offset - len(tail)
        if gzipped:
            at = data.find(_GZIP_MAGIC)
            if at >= 0:
                return base + at
        else:
            found = _WARC_START.search(data)
            if found:
                return base + found.start(1)
        tail = data[-16:]
        offset += len(chunk)


def _only_blank(stream: BinaryIO, position: int) -> bool:
    """Whether nothing but white space follows ``position`` (read in chunks: it may be long)."""
    stream.seek(position)
    while chunk := stream.read(1 << 16):
        if chunk.strip():
            return False
    return True


def _short(err: object) -> str:
    """One short ASCII line: warcio quotes the bad bytes ("first line: ...") which are noise here."""
    message = re.split(r",? first line:", str(err), maxsplit=1)[0].strip()
    text = "".join(ch if ch.isascii() and ch.isprintable() else " " for ch in f"{type(err).__name__}: {message}")
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:97] + "..."
