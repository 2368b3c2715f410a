"""Plain-text files: any bytes give one article with the text exactly as written, or one reported skip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import good_text, nasty_bytes, skip_lines


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("text")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, "2021-06-15", languages=None)), problems


@budget(ci=60)
@given(data=nasty_bytes(2000))
def test_any_bytes_are_one_article_or_one_skip_naming_the_file(folder: Path, data: bytes) -> None:
    path = folder / "any.txt"
    path.write_bytes(data)
    articles, problems = _read(path)
    assert len(articles) + len(problems.skipped) == 1
    assert skip_lines(problems.skipped, str(path)) in ([], [None])
    if articles:
        [article] = articles
        assert article.text == data.decode("utf-8-sig")  # offsets are into the text exactly as written
        assert (article.id, article.origin, article.published) == ("any.txt", str(path), "2021-06-15")


@budget(ci=60)
@given(text=good_text(), bom=st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_readable_text_is_always_read_whole(folder: Path, text: str, bom: bytes) -> None:
    printable = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r\x0c")  # NULs and controls make it binary
    if not bom:
        printable = printable.removeprefix("\ufeff")  # written first in UTF-8, U+FEFF is the byte-order mark
    if not printable.strip():
        printable = "Putin met Xi."
    path = folder / "story.txt"
    path.write_bytes(bom + printable.encode("utf-8"))
    articles, problems = _read(path)
    assert problems.skipped == []
    assert [a.text for a in articles] == [printable]
