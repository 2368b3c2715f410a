"""Readers: every input kind becomes a stream of Articles, with bad input reported, never fatal.

``read_paths`` dispatches on what each PATH is: ``-`` for stdin, an
``http://``/``https://`` URL (a feed), a directory (every readable article file
below it), or a file, by suffix (:data:`READERS`; an unknown suffix is read as
plain text). Each reader yields :class:`~detente.model.Article` and reports
every skipped record to a :class:`Problems` collector, so a command can print
one clear line per bad record, carry on, and exit 1 at the end. Articles not
in English are then set aside (``Problems.exclude``), see
:mod:`detente.sources.language`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from detente.model import Article
from detente.sources.feeds import read_feed, read_feed_url
from detente.sources.html import read_html
from detente.sources.jsonl import read_jsonl
from detente.sources.language import keep_language
from detente.sources.problems import Problems
from detente.sources.tables import check_columns, parse_columns, read_csv, read_parquet
from detente.sources.text import read_text
from detente.sources.warc import read_warc

Reader = Callable[[Path, Problems, "str | None"], Iterator[Article]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
"""File suffix (the longest that matches, lower case) -> reader."""

TABLE_READERS = frozenset({read_csv, read_parquet})
"""Readers that take the ``columns`` mapping."""

__all__ = ["READERS", "Problems", "check_columns", "files_below", "parse_columns", "read_paths", "reader_for"]


def reader_for(path: Path) -> Reader | None:
    """The reader for a file name, by its longest known suffix (``x.warc.gz`` -> WARC)."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return READERS[suffix]
    return None


def read_paths(paths: Iterable[str], problems: Problems, published: str | None = None,
               columns: Mapping[str, str] | None = None,
               languages: Collection[str] | None = ("en",)) -> Iterator[Article]:
    """Yield the articles of every PATH in order.

    ``published`` dates plain-text inputs (and HTML pages that give no date);
    ``columns`` maps Article fields to CSV/Parquet column names (ValueError, at
    once, for an unknown field); ``languages`` are the languages kept (None: all).
    """
    if columns is not None:
        check_columns(columns)
    for article in _read_all(paths, problems, published, columns):
        if languages is None or keep_language(article, problems, languages):
            yield article


def _read_all(paths: Iterable[str], problems: Problems, published: str | None,
              columns: Mapping[str, str] | None) -> Iterator[Article]:
    for raw in paths:
        if raw == "-":
            yield from read_jsonl_or_text_stream(problems, published)
            continue
        if raw.lower().startswith(("http://", "https://")):
            yield from read_feed_url(raw, problems, published)
            continue
        path = Path(raw)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as err:  # e.g. a path through a folder we may not enter
            problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
            continue
        if is_dir:
            for child in files_below(path, problems):
                reader = reader_for(child)
                if reader is not None:
                    yield from _call(reader, child, problems, published, columns)
        elif not exists:
            problems.skip(str(path), None, "no such file or directory")
        else:
            yield from _call(reader_for(path) or read_text, path, problems, published, columns)


def files_below(folder: Path, problems: Problems | None = None) -> list[Path]:
    """Every file below ``folder``, recursively, sorted; symbolic links to folders are not followed.

    A folder that cannot be listed, or an input file that cannot be looked at
    (``Path.is_file`` raises on a link we may not follow), is one skipped line
    in ``problems`` and the walk goes on: one locked entry must not stop a run
    over a folder. Entries no reader would take are passed over silently.
    """
    found: list[Path] = []

    def unreadable(err: OSError) -> None:
        if problems is not None:
            problems.skip(str(err.filename or folder), None, f"cannot read: {err.strerror or err}")

    for root, _folders, names in os.walk(folder, onerror=unreadable):
        for name in names:
            child = Path(root, name)
            try:
                if child.is_file():
                    found.append(child)
            except OSError as err:
                if reader_for(child) is not None:
                    unreadable(err)
    return sorted(found)


def _call(reader: Reader, path: Path, problems: Problems, published: str | None,
          columns: Mapping[str, str] | None) -> Iterator[Article]:
    if columns is not None and reader in TABLE_READERS:
        reader = partial(reader, columns=columns)
    return reader(path, problems, published)


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
