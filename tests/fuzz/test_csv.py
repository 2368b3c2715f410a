"""CSV: any bytes never crash; every good row is an article, every bad row reported at the line it starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import (
    good_text,
    nasty_bytes,
    nasty_text,
    physical_lines,
    repeated,
    sentences,
    skip_lines,
)

HEADER = ["id", "text", "title", "published"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=None)), problems


@budget(ci=60)
@given(data=st.lists(st.one_of(nasty_bytes(80), st.sampled_from([b",", b'"', b'""', b"\r\n", b"id,text\n", b"text"])),
                     max_size=25).map(b"".join))  # fmt: skip
def test_any_bytes_never_crash_and_name_file_and_line(folder: Path, data: bytes) -> None:
    path = folder / "any.csv"
    path.write_bytes(data)
    articles, problems = _read(path)
    lines = len(data.splitlines()) + 1
    for number in skip_lines(problems.skipped, str(path)):
        assert number is None or 1 <= number <= lines
    starts = [int(a.origin.rsplit(":", 1)[1]) for a in articles]
    assert starts == sorted(set(starts)) and all(2 <= n <= lines for n in starts)


@dataclass
class Row:
    """A generated row: its bytes (without the line end) and the text it must give (None: a reported skip)."""

    raw: bytes
    text: str | None = None
    blank: bool = False


def _written(cells: list[str], quote_all: bool) -> str:
    """One CSV row without its line end (the writer's own end, so that it quotes cells holding CR or LF)."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(cells)
    return out.getvalue().removesuffix("\r\n")


GOOD = st.builds(
    lambda text, title, published, quote_all: Row(_written(["?", text, title, published], quote_all).encode(), text),
    st.one_of(good_text(), repeated(sentences(), 100, 2000)).filter(lambda t: t.strip() != ""),
    nasty_text(15), st.one_of(st.dates().map(str), nasty_text(10)), st.booleans(),
)  # fmt: skip
BAD = st.one_of(
    st.builds(lambda cells: Row(_written(cells, False).encode()),
              st.lists(sentences(), min_size=1, max_size=3) | st.lists(sentences(), min_size=5, max_size=7)),  # cells
    st.builds(lambda t: Row(b"x," + t.encode() + b"\xff,t,2019-01-01"), sentences()),  # invalid UTF-8
    st.builds(lambda t: Row(_written(["x", t, "t", ""], False).encode()), st.sampled_from(["", " ", "\t", "\u3000"])),
    st.builds(lambda t: Row(b'x,"' + t.encode() + b'"junk,t,2019-01-01'), sentences()),  # text after a closing quote
)  # fmt: skip
BLANK = st.sampled_from([b"", b"   ", b",,,", b" , , , "]).map(lambda raw: Row(raw, blank=True))


@budget(ci=60)
@given(rows=st.lists(st.one_of(GOOD, BAD, BLANK), min_size=1, max_size=12), crlf=st.booleans(), bom=st.booleans(),
       unclosed=st.booleans())  # fmt: skip
def test_exactly_the_good_rows_come_out_in_order_and_each_bad_row_is_reported_at_its_line(
    folder: Path, rows: list[Row], crlf: bool, bom: bool, unclosed: bool
) -> None:
    if unclosed:  # a quote never closed: the rest of the file is its cell, and that one row is reported
        rows = [*rows, Row(b'x,"never closed,t,2019-01-01\nid,text,more')]
    path = folder / "mixed.csv"
    end = b"\r\n" if crlf else b"\n"
    starts: list[int] = []
    line = 2
    for n, row in enumerate(rows):
        starts.append(line)
        for placeholder, cell in ((b'"?"', f'"id-{n}"'), (b"?,", f"id-{n},")):  # the id: the row's first cell only
            if row.raw.startswith(placeholder):
                row.raw = cell.encode() + row.raw.removeprefix(placeholder)
                break
        line += physical_lines(row.raw.decode("utf-8", "replace")) + 1
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ",".join(HEADER).encode() + end
                     + b"".join(row.raw + end for row in rows))  # fmt: skip
    articles, problems = _read(path)

    good = [(n, row) for n, row in enumerate(rows) if row.text is not None]
    assert [a.text for a in articles] == [row.text for _, row in good]
    assert [a.id for a in articles] == [f"id-{n}" for n, _ in good]
    assert [a.origin for a in articles] == [f"{path}:{starts[n]}" for n, _ in good]
    bad = [starts[n] for n, row in enumerate(rows) if row.text is None and not row.blank]
    assert skip_lines(problems.skipped, str(path)) == bad
