"""Readers: every input kind becomes a stream of Articles, with bad input reported, never fatal.

``read_paths`` dispatches on what each PATH is (``-`` for stdin, a directory,
``*.jsonl``, ``*.txt``); each reader yields :class:`~detente.model.Article` and
reports every skipped record to a :class:`Problems` collector, so a command can
print one clear line per bad record, carry on, and exit 1 at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from detente.model import Article
from detente.sources.jsonl import read_jsonl
from detente.sources.problems import Problems
from detente.sources.text import read_text

READERS = {".jsonl": read_jsonl, ".txt": read_text}
"""File suffix -> reader. Later input kinds (HTML, feeds, WARC) register here."""

__all__ = ["READERS", "Problems", "read_paths"]


def read_paths(paths: Iterable[str], problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Yield the articles of every PATH in order; ``published`` dates plain-text inputs."""
    for raw in paths:
        if raw == "-":
            yield from read_jsonl_or_text_stream(problems, published)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in READERS:
                    yield from READERS[child.suffix.lower()](child, problems, published)
        elif not path.exists():
            problems.skip(str(path), None, "no such file or directory")
        elif path.suffix.lower() in READERS:
            yield from READERS[path.suffix.lower()](path, problems, published)
        else:
            yield from read_text(path, problems, published)


def read_jsonl_or_text_stream(problems: Problems, published: str | None) -> Iterator[Article]:
    """Standard input: JSONL when the first non-blank character is ``{``, else one plain-text article."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.skip("<stdin>", None, f"invalid UTF-8 at byte {err.start}")
        return
    if text.lstrip().startswith("{"):
        from detente.sources.jsonl import parse_jsonl_lines

        yield from parse_jsonl_lines(text.splitlines(keepends=True), "<stdin>", problems)
    elif text.strip():
        yield Article(id="stdin", text=text, published=published)
    else:
        problems.skip("<stdin>", None, "no text")
