"""WARC archives: any damage is one line per record, and every readable article around it is still read."""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import BAD_BYTES, nasty_bytes, sentences, skip_lines


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("warc")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=None)), problems


@dataclass
class Record:
    """One generated archive record. ``kind``: an article page, a page without text, a record that is
    no article (request, image, redirect), or a corrupt one; ``story`` is the article's sentences."""

    kind: str
    story: list[str]


def _page(story: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{s}</p>" for s in story)
    return f"<html><head><title>News</title></head><body><article>{paragraphs}</article></body></html>".encode()


def _record(record: Record, number: int, gz: bool) -> bytes:
    """The bytes of one record (one gzip member when ``gz``); its URL carries its number."""
    url = f"https://example.com/story/{number}"
    if record.kind == "corrupt":
        # A gzip member whose deflate data has a reserved block type, or a WARC header that is no header.
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 24 if gz else b"WARC/1.0\r\nnot a header\r\n\r\n"
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    if record.kind == "request":
        headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        made = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
    else:
        status, content_type, body = {
            "article": ("200 OK", "text/html; charset=utf-8", _page(record.story)),
            "empty": ("200 OK", "text/html", b"<html><body><script>x()</script></body></html>"),
            "image": ("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
            "redirect": ("301 Moved", "text/html", _page(record.story)),
        }[record.kind]  # fmt: skip
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        made = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(made)
    return buf.getvalue()


RECORD = st.builds(
    Record,
    st.sampled_from(["article", "article", "empty", "request", "image", "redirect", "corrupt"]),
    st.lists(sentences(8, 14), min_size=3, max_size=5),
)


@budget(ci=40)
@given(records=st.lists(RECORD, min_size=1, max_size=8), gz=st.booleans())
def test_every_article_is_read_in_order_and_every_bad_record_reported_by_number(folder: Path, records: list[Record],
                                                                                gz: bool) -> None:  # fmt: skip
    path = folder / ("news.warc.gz" if gz else "news.warc")
    path.write_bytes(b"".join(_record(r, n, gz) for n, r in enumerate(records, start=1)))
    articles, problems = _read(path)
    numbers = _numbers(records)
    good = [i for i, r in enumerate(records) if r.kind == "article"]
    assert [a.meta["warc_target_uri"] for a in articles] == [f"https://example.com/story/{i + 1}" for i in good]
    assert [a.origin for a in articles] == [f"{path}:{numbers[i]}" for i in good]
    for article, i in zip(articles, good, strict=True):
        assert all(s in " ".join(article.text.split()) for s in records[i].story)
    bad = [i for i, r in enumerate(records) if r.kind == "empty" or (r.kind == "corrupt" and not _continues_damage(records, i))]
    assert skip_lines(problems.skipped, str(path)) == [numbers[i] for i in bad]
    for message, i in zip(problems.skipped, bad, strict=True):
        assert re.search(rf": record {numbers[i]}[ :]", message)
    assert problems.warnings == []


def _continues_damage(records: list[Record], i: int) -> bool:
    """A corrupt record right after another: the reader cannot tell where the first one ended."""
    return records[i].kind == "corrupt" and i > 0 and records[i - 1].kind == "corrupt"


def _numbers(records: list[Record]) -> list[int]:
    """The number the reader gives each record: a run of corrupt records is one stretch of damage,
    reported once at its start and counted as one record (see ``detente.sources.warc.iter_warc``)."""
    numbers, number = [], 0
    for i in range(len(records)):
        number += 0 if _continues_damage(records, i) else 1
        numbers.append(number)
    return numbers


@budget(ci=40)
@given(records=st.lists(RECORD, min_size=1, max_size=5), gz=st.booleans(),
       cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 64), st.sampled_from(BAD_BYTES)), max_size=4),
       truncate=st.integers(0, 10**6))  # fmt: skip
def test_a_damaged_archive_never_crashes_and_names_each_record(folder: Path, records: list[Record], gz: bool,
                                                               cuts: list[tuple[int, int, bytes]], truncate: int) -> None:  # fmt: skip
    data = bytearray(b"".join(_record(r, n, gz) for n, r in enumerate(records, start=1)))
    for at, length, junk in cuts:
        at %= len(data)
        data[at : at + length] = junk * max(1, length // len(junk))
    path = folder / ("damaged.warc.gz" if gz else "damaged.warc")
    path.write_bytes(bytes(data[: max(1, truncate % (len(data) + 1))]))
    articles, problems = _read(path)
    numbers = [int(a.origin.rsplit(":", 1)[1]) for a in articles]
    skipped = skip_lines(problems.skipped, str(path))
    assert numbers == sorted(set(numbers)) and not set(numbers) & set(skipped)
    assert all(n is None or n >= 1 for n in skipped)


@budget(ci=40)
@given(data=st.one_of(nasty_bytes(), nasty_bytes().map(gzip.compress), st.lists(nasty_bytes(60).map(gzip.compress)).map(b"".join)),
       gz=st.booleans())  # fmt: skip
def test_any_bytes_named_warc_never_crash(folder: Path, data: bytes, gz: bool) -> None:
    path = folder / ("any.warc.gz" if gz else "any.warc")
    path.write_bytes(data)
    articles, problems = _read(path)
    skip_lines(problems.skipped, str(path))
    assert articles == [] and problems.skipped  # nothing here is an archive, and each file says why
