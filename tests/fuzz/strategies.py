"""Inputs that break readers: hostile bytes and text, and well-formed articles to mix them with.

Why hand-picked fragments beside Hypothesis' own bytes and text: random bytes
almost never form a BOM, a UTF-16 file, an overlong UTF-8 sequence or a lone
surrogate escape, and those are what real archives hold.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

BAD_BYTES = [
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80",
    b"caf\xe9", b"\xe2\x80", b"\r", b"\r\n", b"\n", b"\x1a", b"\x85", b"\xe2\x80\xa8", b"\t", b"\x0b",
]  # fmt: skip
"""NUL, BOMs (UTF-8, UTF-16 both ways), invalid and overlong UTF-8, an encoded surrogate, Latin-1,
a cut multi-byte sequence, line ends of every kind, Ctrl-Z, NEL, LINE SEPARATOR."""

NASTY_CHARS = "\x00\ufeff\u2028\u2029\x85\r\n\t\x0b\x0c\u200b\u202e\ufffd\U0001f600é\u0301\u00a0"
"""Characters that are valid text but trip line splitting, stripping or rendering."""

WORDS = [
    "Putin", "met", "Xi", "in", "Beijing", "on", "Friday", "the", "Kremlin", "said", "talks", "were",
    "useful", "Trump", "called", "Macron", "sanctions", "Russia", "China", "agreed", "to", "trade",
    "Ukraine", "Biden", "Merkel", "summit", "Helsinki", "visit", "and", "a", "of", "minister",
]  # fmt: skip

SAFE_WORD = st.sampled_from(WORDS)


def sentences(min_words: int = 3, max_words: int = 12) -> st.SearchStrategy[str]:
    """A plain English-looking sentence (what a good record's text is made of)."""
    return st.lists(SAFE_WORD, min_size=min_words, max_size=max_words).map(lambda w: " ".join(w).capitalize() + ".")


def nasty_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any valid Unicode text (no lone surrogates), weighted towards the awkward characters."""
    return st.text(
        alphabet=st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(NASTY_CHARS)),
        max_size=max_size,
    )


def good_text() -> st.SearchStrategy[str]:
    """An article text: sentences with awkward characters between them, never blank."""
    return st.lists(st.one_of(sentences(), nasty_text(20)), min_size=1, max_size=6).map(" ".join).filter(
        lambda t: bool(t.strip())
    )


def nasty_bytes(max_size: int = 400) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and pieces of hostile encodings glued to UTF-8 text."""
    piece = st.one_of(
        st.binary(max_size=40),
        st.sampled_from(BAD_BYTES),
        nasty_text(20).map(lambda t: t.encode("utf-8")),
        sentences().map(str.encode),
    )
    return st.one_of(st.binary(max_size=max_size), st.lists(piece, max_size=20).map(b"".join))


def repeated(unit: st.SearchStrategy[str], min_times: int, max_times: int) -> st.SearchStrategy[str]:
    """A huge string cheaply: a short unit written many times (Hypothesis would draw it byte by byte)."""
    return st.builds(lambda u, n: u * n, unit.filter(bool), st.integers(min_times, max_times))


LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""How a file opened with ``newline=""`` counts lines (the csv module's ``line_num``)."""


def physical_lines(text: str) -> int:
    """Line breaks in ``text`` as the csv module counts them."""
    return len(LINE_BREAK.findall(text))


def skip_lines(skipped: list[str], source: str) -> list[int | None]:
    """The line (or record) numbers of ``detente: skipped SOURCE[:N]: ...`` messages; fails on any other."""
    numbers: list[int | None] = []
    pattern = re.compile(re.escape(f"detente: skipped {source}") + r"(?::(\d+))?: \S")
    for message in skipped:
        found = pattern.match(message)
        assert found is not None, f"a skip message that does not name {source}: {message!r}"
        assert "\n" not in message, f"a skip message over several lines: {message!r}"
        numbers.append(int(found[1]) if found[1] else None)
    return numbers
