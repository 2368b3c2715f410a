"""Articles from tables: CSV files and Parquet files (through duckdb), one article per row.

Columns are named after the Article fields (``id,text,title,url,published,outlet``,
and ``language`` when present); ``columns`` maps a field to another column name
(``{"text": "body", "published": "date"}``, on the command line
``--columns text=body,published=date``). Every other column is kept in ``meta``.
Rows are streamed, never the whole table in memory.
"""

from __future__ import annotations

import csv
import decimal
import sys
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from detente.model import Article
from detente.sources.jsonl import article_from_record
from detente.sources.problems import Problems

DEFAULT_COLUMNS = {f: f for f in ("id", "text", "title", "url", "published", "outlet", "language")}
"""Article field -> column name."""

FIELDS = frozenset(DEFAULT_COLUMNS)
_BATCH = 1000


def parse_columns(spec: str) -> dict[str, str]:
    """``"text=body,published=date"`` -> ``{"text": "body", "published": "date"}``; ValueError when malformed."""
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ValueError(f"bad column mapping {part.strip()!r}: expected FIELD=COLUMN")
        mapping[field.strip()] = column.strip()
    return check_columns(mapping)


def check_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """The full field -> column mapping; ValueError naming an unknown field."""
    unknown = sorted(set(columns or {}) - FIELDS)
    if unknown:
        raise ValueError(f"unknown article field(s) {', '.join(unknown)} in the column mapping "
                         f"(fields: {', '.join(sorted(FIELDS))})")
    return {**DEFAULT_COLUMNS, **(columns or {})}


def read_csv(path: Path, problems: Problems, published: str | None = None,
             columns: Mapping[str, str] | None = None) -> Iterator[Article]:
    """Read a CSV file with a header row; ``published`` is ignored (a column gives it)."""
    mapping = check_columns(columns)
    source = str(path)
    try:
        # surrogateescape: one undecodable cell spoils its row, not the whole file
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as err:
        problems.skip(source, None, f"cannot read: {err.strerror or err}")
        return
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    with handle:
        # strict: text after a closing quote ('"a"b') or a quote never closed is a reported bad row,
        # not a cell silently glued together from the pieces
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as err:
            problems.skip(source, 1, f"malformed CSV header ({err})")
            return
        if header is None:
            problems.skip(source, None, "empty CSV file")
            return
        if _bad_text(header):
            problems.skip(source, 1, "invalid UTF-8 in the CSV header")
            return
        header = [h.strip() for h in header]
        if not _has_text_column(header, mapping, source, problems):
            return
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                problems.skip(source, line, f"malformed CSV ({err})")
                line = reader.line_num + 1
                continue
            number, line = line, reader.line_num + 1
            if not row or not any(cell.strip() for cell in row):
                continue
            if _bad_text(row):
                problems.skip(source, number, "invalid UTF-8")
                continue
            if len(row) != len(header):
                problems.skip(source, number, f"{len(row)} cells in a row of {len(header)} columns")
                continue
            article = _article(dict(zip(header, row, strict=True)), mapping, source, number, problems, empty_is_null=True)
            if article is not None:
                yield article


def read_parquet(path: Path, problems: Problems, published: str | None = None,
                 columns: Mapping[str, str] | None = None) -> Iterator[Article]:
    """Read a Parquet file in batches through duckdb; ``published`` is ignored (a column gives it)."""
    import duckdb

    mapping = check_columns(columns)
    source = str(path)
    connection = duckdb.connect()
    try:
        try:
            cursor = connection.execute("SELECT * FROM read_parquet(?)", [source])
            header = [d[0] for d in cursor.description]
        except duckdb.Error as err:
            problems.skip(source, None, f"cannot read Parquet: {_first_line(err)}")
            return
        if not _has_text_column(header, mapping, source, problems):
            return
        number = 0
        while True:
            try:
                rows = cursor.fetchmany(_BATCH)
            except duckdb.Error as err:
                problems.skip(source, number + 1, f"cannot read Parquet from row {number + 1} on: {_first_line(err)}")
                return
            if not rows:
                return
            for row in rows:
                number += 1
                record = {name: _plain(value) for name, value in zip(header, row, strict=True)}
                article = _article(record, mapping, source, number, problems, empty_is_null=False)
                if article is not None:
                    yield article
    finally:
        connection.close()


def _has_text_column(header: list[str], mapping: dict[str, str], source: str, problems: Problems) -> bool:
    if mapping["text"] in header:
        return True
    problems.skip(source, None, f"no column {mapping['text']!r} for the article text (columns: {', '.join(header)})")
    return False


def _article(row: dict[str, Any], mapping: dict[str, str], source: str, number: int, problems: Problems,
             empty_is_null: bool) -> Article | None:
    """Rename mapped columns to Article fields; the rest goes to meta (through ``article_from_record``)."""
    used = set()
    record: dict[str, Any] = {}
    for field, column in mapping.items():
        if column in row:
            value = row[column]
            record[field] = None if empty_is_null and value == "" else value
            used.add(column)
    for column, value in row.items():
        if column not in used and column not in record and column:
            record[column] = value
    if record.get("published") is not None and not isinstance(record["published"], str):
        record["published"] = str(record["published"])
    return article_from_record(record, source, number, problems)


def _plain(value: Any) -> Any:
    """A JSON-ready value from a Parquet cell (dates as ISO strings)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _bad_text(cells: list[str]) -> bool:
    """Whether a cell holds an undecodable byte (kept as a lone surrogate by ``surrogateescape``)."""
    try:
        for cell in cells:
            cell.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
