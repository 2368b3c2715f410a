"""Articles from plain-text files: the whole file is the text, the file name its id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from detente.model import Article
from detente.sources.problems import Problems


def read_text(path: Path, problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Read one text file; ``published`` (from ``--published``) dates it."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
        return
    if looks_binary(raw):
        problems.skip(str(path), None, "binary file, not text")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.skip(str(path), None, f"invalid UTF-8 at byte {err.start}")
        return
    if not text.strip():
        problems.skip(str(path), None, "article has no text")
        return
    yield Article(id=path.name, text=text, published=published, origin=str(path))


def looks_binary(raw: bytes) -> bool:
    """A NUL byte in the first 8 KiB, or mostly control bytes: an image or archive, not text."""
    head = raw[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.1
