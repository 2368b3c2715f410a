"""JSONL: any bytes read without a crash; every good line an article, every bad one reported by line."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import good_text, nasty_bytes, nasty_text, repeated, sentences, skip_lines


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jsonl")


def _read(path: Path, languages: tuple[str, ...] | None = ("en",)) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=languages)), problems


@budget(ci=60)
@given(data=st.lists(st.one_of(nasty_bytes(), st.sampled_from([b"{", b"}", b'"text": ', b'"id": 1, ', b"\n"])),
                     max_size=12).map(b"".join))  # fmt: skip
def test_any_bytes_every_non_blank_line_is_an_article_or_one_reported_skip(folder: Path, data: bytes) -> None:
    path = folder / "any.jsonl"
    path.write_bytes(data)
    articles, problems = _read(path, languages=None)
    lines = data.split(b"\n")
    expected = []
    for number, raw in enumerate(lines, start=1):
        try:
            blank = not raw.decode("utf-8").lstrip("\ufeff").strip()
        except UnicodeDecodeError:
            blank = False
        if not blank:
            expected.append(number)
    read = [int(a.origin.rsplit(":", 1)[1]) for a in articles]
    skipped = skip_lines(problems.skipped, str(path))
    assert None not in skipped  # a JSONL problem always has its line
    assert sorted(read + skipped) == expected  # each non-blank line once: read or reported
    assert read == sorted(read)
    for article in articles:
        assert article.text.strip() and article.text.encode("utf-8")


@dataclass
class Line:
    """One generated JSONL line: a good record (encoded once numbered), a bad line, or a blank one."""

    raw: bytes = b""
    record: dict | None = None
    with_id: bool = False
    ascii_only: bool = True
    bom: bool = False
    crlf: bool = False
    blank: bool = False

    def encode(self, number: int) -> bytes:
        """The line's bytes; a good record gets the id ``good-NUMBER`` when it has one."""
        if self.record is None:
            return self.raw
        if self.with_id:
            self.record["id"] = f"good-{number}"
        raw = json.dumps(self.record, ensure_ascii=self.ascii_only).encode("utf-8")
        return (b"\xef\xbb\xbf" if self.bom else b"") + raw + (b"\r" if self.crlf else b"")


def _nested(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


META = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), nasty_text(10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(nasty_text(5), inner, max_size=3)),
    max_leaves=8,
)
PUBLISHED = st.one_of(st.none(), st.dates().map(str), st.sampled_from(["2019-02-30", "31/31/2020", "the 45th of Smarch",
                      "2019-06-28T10:00:00Z", "", "9999-12-31T23:59:59+14:00"]), nasty_text(12))  # fmt: skip

GOOD = st.builds(
    Line,
    record=st.fixed_dictionaries(
        {"text": st.one_of(good_text(), repeated(sentences(), 100, 3000))},
        optional={"title": nasty_text(20), "url": nasty_text(20), "published": PUBLISHED, "outlet": nasty_text(10),
                  "section": META, "tags": st.lists(nasty_text(8), max_size=3)},
    ),
    with_id=st.booleans(), ascii_only=st.booleans(), bom=st.booleans(), crlf=st.booleans(),
)
BAD = st.one_of(
    st.builds(lambda r, cut: Line(json.dumps(r).encode()[: max(1, cut % len(json.dumps(r)))]),
              st.fixed_dictionaries({"text": good_text()}), st.integers(1, 10_000)),  # cut short: malformed
    st.builds(lambda t: Line(b'{"id": "x", "text": "' + t.encode() + b'\xe9"}'), sentences()),  # a Latin-1 byte
    st.builds(lambda v: Line(json.dumps(v).encode()),
              st.one_of(st.lists(st.integers(), max_size=3), st.integers(), st.text(max_size=5), st.none())),
    st.builds(lambda t: Line(json.dumps({"id": "t", "text": t}).encode()),
              st.one_of(st.sampled_from(["", " ", "\n\t", "\u3000"]), st.integers(), st.lists(st.text(max_size=3)))),
    st.just(Line(b'{"id": "s", "text": "half a pair \\ud800 here"}')),
    st.just(Line(b'{"\\udfff": 1, "text": "a key that is half a pair"}')),
    st.just(Line(b'{"id": "nul", "text": "raw \x00 byte"}')),
    st.just(Line(b'{"id": ' + b"9" * 5000 + b', "text": "a number too long"}')),
    st.just(Line(b"[" * 100_000)),
    st.just(Line(json.dumps({"text": "deep", "meta": _nested(150)}).encode())),
)  # fmt: skip
BLANK = st.sampled_from([b"", b"   ", b"\t\r", b"\xef\xbb\xbf", "\u00a0\u2028".encode()]).map(
    lambda raw: Line(raw, blank=True)
)


@budget(ci=60)
@given(lines=st.lists(st.one_of(GOOD, BAD, BLANK), min_size=1, max_size=15))
def test_exactly_the_good_lines_come_out_in_order_and_each_bad_line_is_reported(folder: Path, lines: list[Line]) -> None:
    path = folder / "mixed.jsonl"
    path.write_bytes(b"\n".join(line.encode(n) for n, line in enumerate(lines, start=1)))
    articles, problems = _read(path, languages=None)

    good = [(n, line.record) for n, line in enumerate(lines, start=1) if line.record is not None]
    assert [a.text for a in articles] == [record["text"] for _, record in good]
    assert [a.origin for a in articles] == [f"{path}:{n}" for n, _ in good]
    assert [a.id for a in articles] == [record.get("id", f"mixed.jsonl:{n}") for n, record in good]
    bad = [n for n, line in enumerate(lines, start=1) if line.record is None and not line.blank]
    assert skip_lines(problems.skipped, str(path)) == bad
    assert problems.exit_code == (1 if bad else 0)
