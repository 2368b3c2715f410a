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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.skip(str(path), None, f"invalid UTF-8 at byte {err.start}")
        return
    if not text.strip():
        problems.skip(str(path), None, "article has no text")
        return
    yield Article(id=path.name, text=text, published=published, origin=str(path))
