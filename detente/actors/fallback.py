"""The Phoenix dictionaries (2014) as a fallback after the team-written tables.

``data/kb/phoenix_actors.csv`` and ``phoenix_agents.csv`` are derived by
``scripts/derive_actors.py`` from the Phoenix actor and agent dictionaries
(MIT, Open Event Data Alliance). They know tens of thousands of names the
team tables do not (leaders of small states before 2014, rebel groups,
NGOs, provinces) but are older and less checked, so the resolver asks them
only for words no team table claimed, and every actor they give says so in
its reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from detente.actors.kb import KB_DIR
from detente.datafiles import read_rows


@dataclass(frozen=True)
class Entry:
    """One coded period of a Phoenix name: CAMEO code, country, sector, dates (None: open)."""

    code: str
    country: str | None
    sector: str | None
    start: str | None
    end: str | None
    kind: str

    def covers(self, day: str | None) -> bool:
        """Whether the period includes ``day`` (an ISO date or prefix); undated periods cover any day."""
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start[: len(day)] <= day) and (self.end is None or day <= self.end[: len(day)])


@dataclass(frozen=True)
class Fallback:
    """Phoenix names (lowercase) → their coded periods; surnames of people → full names; agent nouns → sector."""

    names: dict[str, tuple[Entry, ...]]
    surnames: dict[str, tuple[str, ...]]
    agents: dict[str, str]

    def similar_surnames(self, surname: str) -> tuple[str, ...]:
        """Full names with this surname, else (for surnames of six letters or more) with one a single edit away."""
        if surname in self.surnames or len(surname) < 6:
            return self.surnames.get(surname, ())
        keys = {surname, *_deletions(surname)}
        near = {known for key in keys for known in self._by_deletion.get(key, ()) if _one_edit(known, surname)}
        return tuple(full for known in sorted(near) for full in self.surnames[known])

    @cached_property
    def _by_deletion(self) -> dict[str, list[str]]:
        """Each surname and its one-letter deletions → the surnames (two strings one edit apart share a key)."""
        index: dict[str, list[str]] = defaultdict(list)
        for known in self.surnames:
            for key in {known, *_deletions(known)}:
                index[key].append(known)
        return index

    def entry(self, name: str, day: str | None) -> Entry | None:
        """The period of ``name`` that covers ``day``: a dated one first, else the undated one, else the latest."""
        entries = self.names.get(name, ())
        dated = [e for e in entries if (e.start or e.end) and day and e.covers(day)]
        if dated:
            return dated[-1]
        undated = [e for e in entries if not (e.start or e.end)]
        if undated:
            return undated[0]
        return max(entries, key=lambda e: e.end or "9999", default=None)


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion or deletion."""
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _rows(name: str) -> list[dict[str, str]]:
    return read_rows(KB_DIR / name)


@lru_cache(maxsize=1)
def load_fallback() -> Fallback:
    """Read the derived Phoenix tables once per process."""
    names: dict[str, list[Entry]] = defaultdict(list)
    surnames: dict[str, set[str]] = defaultdict(set)
    for row in _rows("phoenix_actors.csv"):
        entry = Entry(row["code"], row["country"] or None, row["sector"] or None, row["start"] or None,
                      row["end"] or None, row["kind"])  # fmt: skip
        names[row["name"]].append(entry)
        words = row["name"].split()
        if row["kind"] == "person" and len(words) > 1 and len(words[-1]) > 3:
            surnames[words[-1]].add(row["name"])
    agents = {row["term"]: row["sector"] for row in _rows("phoenix_agents.csv")}
    return Fallback(
        names={name: tuple(sorted(entries, key=lambda e: e.start or "")) for name, entries in names.items()},
        surnames={surname: tuple(sorted(full)) for surname, full in surnames.items()},
        agents=agents,
    )
