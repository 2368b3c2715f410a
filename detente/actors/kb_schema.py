"""The knowledge-base tables' columns and the checks every row must pass.

Users extend the shipped base with their own files (``--actors FILE``), and a
half-loaded base would code events silently wrong. So a file is checked whole
before any of it is used: the first bad cell stops it with one line naming the
file, the line and the field. The same rules are documented in
``docs/knowledge-base.md``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

OFFICES = frozenset({
    "president", "vice_president", "prime_minister", "chancellor", "supreme_leader", "monarch",
    "general_secretary", "foreign_minister", "defence_minister", "secretary_general",
    "commission_president", "council_president", "director_general",
})  # fmt: skip
"""The office vocabulary role nominals are answered from."""

_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_ID = re.compile(r"^[A-Z][A-Za-z0-9]{1,11}$")
_PERSON_ID = re.compile(r"^(Q[1-9][0-9]*|[a-z0-9]+(-[a-z0-9]+)*)$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_SECTOR = re.compile(r"^[A-Z]{3}$")


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that cannot be used, with where and why."""


Check = Callable[[str], str | None]
"""A cell check: None when the value is fine, else what is wrong with it."""


def _required(value: str) -> str | None:
    return None if value else "is empty but required"


def _pattern(regex: re.Pattern[str], what: str) -> Check:
    return lambda value: None if regex.match(value) else f"{value!r} is not {what}"


def _iso_day(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    return None if len(value) == 10 else f"{value!r} is not a date (YYYY-MM-DD)"


def _number(low: float, high: float) -> Check:
    def check(value: str) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return f"{value!r} is not a number"
        return None if low <= number <= high else f"{value} is outside {low:g}..{high:g}"

    return check


def _one_of(values: frozenset[str] | set[str]) -> Check:
    return lambda value: None if value in values else f"{value!r} is not one of {', '.join(sorted(values))}"


def _multi(value: str) -> str | None:
    parts = value.split("|")
    if any(not part.strip() for part in parts):
        return "has an empty part between '|'"
    if len({part.strip() for part in parts}) != len(parts):
        return "repeats a value"
    return None


@dataclass(frozen=True)
class Table:
    """One knowledge-base table: its file name, columns, key and cell checks."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    required: tuple[str, ...]
    checks: dict[str, Check]


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("states.csv", ("iso3", "name", "aliases", "demonyms", "metonyms", "capital", "lat", "lon"),
              key=("iso3",), required=("iso3", "name"),
              checks={"iso3": _pattern(_ISO3, "an ISO 3166 alpha-3 code"), "aliases": _multi, "demonyms": _multi,
                      "metonyms": _multi, "lat": _number(-90, 90), "lon": _number(-180, 180)}),
        Table("orgs.csv", ("id", "name", "aliases", "country", "sector"),
              key=("id",), required=("id", "name"),
              checks={"id": _pattern(_ORG_ID, "an organisation id (letters and digits, capital first)"),
                      "aliases": _multi, "sector": _pattern(_SECTOR, "a three-letter sector code")}),
        Table("people.csv", ("id", "name", "aliases", "gender", "country", "wikidata"),
              key=("id",), required=("id", "name"),
              checks={"id": _pattern(_PERSON_ID, "a Wikidata id or a lowercase slug"), "aliases": _multi,
                      "gender": _one_of({"m", "f"}), "wikidata": _pattern(_WIKIDATA, "a Wikidata id")}),
        Table("offices.csv", ("person_id", "country", "office", "title", "sector", "start", "end", "leader"),
              key=("person_id", "country", "office", "start"), required=("person_id", "country", "office", "start"),
              checks={"office": _one_of(OFFICES), "sector": _pattern(_SECTOR, "a three-letter sector code"),
                      "start": _iso_day, "end": _iso_day, "leader": _one_of({"0", "1"})}),
        Table("places.csv", ("name", "aliases", "country", "lat", "lon", "kind"),
              key=("name",), required=("name",),
              checks={"aliases": _multi, "lat": _number(-90, 90), "lon": _number(-180, 180)}),
        Table("outlets.csv", ("name", "aliases", "country"), key=("name",), required=("name",),
              checks={"aliases": _multi}),
    )
}  # fmt: skip
"""Tables in load order: a later table may refer to rows of an earlier one."""

REFERENCES = {"country": ("states.csv", "orgs.csv"), "person_id": ("people.csv",)}
"""Columns whose value must be the key of a row of these tables (shipped or the user's)."""


Rows = list[tuple[int, dict[str, str]]]
"""A file's rows, each with its line number for error messages."""


def read_table(path: Path) -> tuple[Table, Rows]:
    """Read and check one CSV file; its header says which table it is.

    Lines starting with ``#`` are comments (attribution headers). Raises
    :class:`KnowledgeBaseError` at the first problem, so nothing of a bad
    file is used.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeBaseError(f"{path}: cannot read ({err})") from err
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = next(reader, None)
    table = next((t for t in TABLES.values() if header is not None and tuple(header) == t.columns), None)
    if table is None:
        expected = "; ".join(f"{t.name}: {','.join(t.columns)}" for t in TABLES.values())
        raise KnowledgeBaseError(f"{path}: header {','.join(header or [])!r} is not one of the tables ({expected})")
    rows = []
    for (number, _), cells in zip(numbered[1:], reader, strict=False):
        rows.append((number, _checked_row(path, number, table, cells)))
    return table, rows


def _checked_row(path: Path, number: int, table: Table, cells: list[str]) -> dict[str, str]:
    where = f"{path}:{number}"
    if len(cells) != len(table.columns):
        raise KnowledgeBaseError(f"{where}: {len(cells)} fields, the {table.name} table has {len(table.columns)}")
    row = dict(zip(table.columns, (cell.strip() for cell in cells), strict=True))
    for column in table.columns:
        value = row[column]
        problem = _required(value) if column in table.required else None
        if problem is None and value and column in table.checks:
            problem = table.checks[column](value)
        if problem:
            raise KnowledgeBaseError(f"{where}: field '{column}': {problem}")
    if table.name == "offices.csv" and row["end"] and row["end"] < row["start"]:
        raise KnowledgeBaseError(f"{where}: field 'end': {row['end']} is before start {row['start']}")
    return row


def check_references(path: Path, rows: Rows, keys: dict[str, set[str]]) -> None:
    """Every country and person a file's rows name exists in the base it is merged into."""
    for number, row in rows:
        for column, targets in REFERENCES.items():
            value = row.get(column)
            if value and not any(value in keys.get(target, set()) for target in targets):
                what = "person id" if column == "person_id" else "state or organisation id"
                raise KnowledgeBaseError(f"{path}:{number}: field '{column}': {value!r} is not a known {what}")
