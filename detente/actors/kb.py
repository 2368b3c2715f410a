"""The knowledge base: people and their offices over time, states, organisations, places.

Plain CSV files in ``data/kb`` (schema in ``docs/knowledge-base.md``) are read
once per process into lookup tables. Every question the resolver asks is
dated: "who was Russia's leader on 2009-06-01?" has a different answer from
the same question on 2021-06-15.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.actors.kb_schema import TABLES, KnowledgeBaseError, check_references, read_table
from detente.datafiles import read_rows
from detente.model import Actor, Place

KB_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"


@dataclass(frozen=True)
class Office:
    """A term in an office: who, where, what, from when to when (``end`` None: still in office)."""

    person_id: str
    country: str
    office: str
    title: str
    sector: str
    start: str
    end: str | None
    leader: bool

    def held_on(self, day: str) -> bool:
        """Whether the term covers ``day`` (an ISO date; shorter prefixes compare by their start)."""
        return self.start[: len(day)] <= day and (self.end is None or day <= self.end[: len(day)])


@dataclass
class Person:
    """A person of the knowledge base."""

    id: str
    name: str
    gender: str | None
    country: str | None
    offices: list[Office] = field(default_factory=list)

    def actor(self, day: str | None = None) -> Actor:
        """The person as an event actor; the sector is that of the office held on ``day``."""
        office = self.office_on(day) if day else None
        sector = office.sector if office else (self.offices[-1].sector if self.offices else None)
        return Actor(id=self.id, name=self.name, country=self.country, sector=sector, kind="person")

    def office_on(self, day: str) -> Office | None:
        """The person's office on ``day``, preferring a leader's office."""
        held = [o for o in self.offices if o.held_on(day)]
        held.sort(key=lambda o: (not o.leader, o.start))
        return held[0] if held else None

    def latest_start(self, before: str | None) -> str | None:
        """When the person last took office (before ``before`` when given)."""
        starts = [o.start for o in self.offices if before is None or o.start <= before]
        return max(starts) if starts else None


@dataclass
class State:
    """A state: its names, demonyms, and seats of government used as metonyms."""

    iso3: str
    name: str
    capital: str | None
    lat: float | None
    lon: float | None

    def actor(self, sector: str | None = None) -> Actor:
        """The state (or, with ``sector='GOV'``, its government) as an actor."""
        return Actor(id=self.iso3, name=self.name, country=self.iso3, sector=sector, kind="state")


@dataclass
class KnowledgeBase:
    """All lookup tables, keyed by the surface forms news use."""

    people: dict[str, Person] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    orgs: dict[str, Actor] = field(default_factory=dict)
    person_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    state_names: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Structures built from the tables once per base (the resolver's phrase matcher)."""

    def holders(self, country: str, day: str, office: str | None = None, leader: bool = False) -> list[Person]:
        """Who held ``office`` (or the leader's office) in ``country`` on ``day``."""
        found = []
        for person in self.people.values():
            for term in person.offices:
                if term.country != country or not term.held_on(day):
                    continue
                if (leader and term.leader) or (office is not None and term.office == office):
                    found.append(person)
                    break
        return found

    def former_holders(self, country: str, day: str, office: str | None, leader: bool) -> list[Person]:
        """People whose term in that office had ended by ``day``, most recent first."""
        ended: list[tuple[str, Person]] = []
        for person in self.people.values():
            for term in person.offices:
                if term.country != country or term.end is None or term.end[: len(day)] > day or term.held_on(day):
                    continue
                if (leader and term.leader) or (office is not None and term.office == office):
                    ended.append((term.end, person))
        ended.sort(key=lambda pair: pair[0], reverse=True)
        seen: set[str] = set()
        return [p for _, p in ended if not (p.id in seen or seen.add(p.id))]

    def place(self, name: str) -> Place | None:
        """A city, venue or capital by name."""
        return self.places.get(name) or self.places.get(name.removeprefix("the "))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _shipped(name: str) -> list[dict[str, str]]:
    return read_rows(KB_DIR / name)


def _float(cell: str | None) -> float | None:
    return float(cell) if cell else None


def user_files(paths: tuple[str, ...]) -> list[Path]:
    """The CSV files named by ``--actors`` (a directory stands for the ``*.csv`` in it)."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():  # iterdir, not glob: glob takes a folder it may not list for an empty one
                files.extend(sorted(child for child in path.iterdir() if child.match("*.csv")))
            elif path.is_file():
                files.append(path)
            else:
                raise KnowledgeBaseError(f"{path}: no such actors file or directory")
        except OSError as err:
            raise KnowledgeBaseError(f"{path}: cannot be looked at ({err.strerror or err})") from err
    return files


def merged_tables(extra: tuple[str, ...] = ()) -> dict[str, list[dict[str, str]]]:
    """The shipped rows of every table with the user's files merged over them.

    A user row replaces the shipped row with the same key (a state's ``iso3``,
    a person's ``id``, an office's person, country, office and start) and is
    added otherwise. Every user file is checked whole first: one bad cell or
    unknown reference and :class:`KnowledgeBaseError` is raised, naming the
    file, line and field, so no half-loaded base is ever used.
    """
    tables = {name: {tuple(row[k] for k in table.key): row for row in _shipped(name)} for name, table in TABLES.items()}
    staged = [(*read_table(path), path) for path in user_files(extra)]
    order = list(TABLES)
    staged.sort(key=lambda item: order.index(item[0].name))
    for table, rows, path in staged:
        keys = {name: {key[0] for key in tables[name]} for name in ("states.csv", "orgs.csv", "people.csv")}
        if table.name in keys:
            keys[table.name] |= {row[table.key[0]] for _, row in rows}
        check_references(path, rows, keys)
        for _, row in rows:
            tables[table.name][tuple(row[k] for k in table.key)] = row
    return {name: list(rows.values()) for name, rows in tables.items()}


@lru_cache(maxsize=4)
def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """Read every KB table once per process, with the user's ``--actors`` files merged over them."""
    tables = merged_tables(extra)
    kb = KnowledgeBase()
    _load_states(kb, tables["states.csv"])
    _load_people(kb, tables["people.csv"], tables["offices.csv"])
    _load_orgs(kb, tables["orgs.csv"])
    _load_places(kb, tables["places.csv"])
    for row in tables["outlets.csv"]:
        for alias in [row["name"], *_split(row.get("aliases"))]:
            kb.outlets[alias] = row["name"]
    return kb


def _load_states(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        state = State(row["iso3"], row["name"], row.get("capital") or None, _float(row.get("lat")), _float(row.get("lon")))
        kb.states[state.iso3] = state
        for alias in [row["name"], *_split(row.get("aliases"))]:
            kb.state_names[alias] = state.iso3
        for demonym in _split(row.get("demonyms")):
            kb.demonyms[demonym] = state.iso3
        for metonym in _split(row.get("metonyms")):
            kb.metonyms[metonym.removeprefix("the ")] = state.iso3
        if state.capital and state.lat is not None:
            kb.places.setdefault(state.capital, Place(state.capital, state.iso3, state.lat, state.lon))


def _load_people(kb: KnowledgeBase, rows: list[dict[str, str]], offices: list[dict[str, str]]) -> None:
    for row in rows:
        person = Person(row["id"], row["name"], row.get("gender") or None, row.get("country") or None)
        kb.people[person.id] = person
        for alias in [row["name"], *_split(row.get("aliases"))]:
            kb.person_names[alias].add(person.id)
    for row in offices:
        person = kb.people.get(row["person_id"])
        if person is None:
            continue
        person.offices.append(
            Office(
                person_id=row["person_id"],
                country=row["country"],
                office=row["office"],
                title=row.get("title", ""),
                sector=row.get("sector") or "GOV",
                start=row["start"],
                end=row.get("end") or None,
                leader=row.get("leader", "0").strip() == "1",
            )
        )
    for person in kb.people.values():
        person.offices.sort(key=lambda o: o.start)


def _load_orgs(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        actor = Actor(id=row["id"], name=row["name"], country=row.get("country") or None,
                      sector=row.get("sector") or None, kind="org")  # fmt: skip
        kb.orgs[actor.id] = actor
        for alias in [row["name"], *_split(row.get("aliases"))]:
            kb.org_names[alias.removeprefix("the ")] = actor.id


def _load_places(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        place = Place(row["name"], row.get("country") or None, _float(row.get("lat")), _float(row.get("lon")))
        for alias in [row["name"], *_split(row.get("aliases"))]:
            kb.places[alias] = place
