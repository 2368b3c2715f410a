"""Actor names in URLs: resolved as the command line resolves them, searched, and explained.

A name resolves exactly as ``detente timeline`` resolves it (``actor_query``),
after two exact forms the pages link with: a knowledge-base id (``Q7747``,
``RUS``) and an id only the store knows (``unknown:…`` actors the base
lacks). A name that resolves to nothing is a 404 naming the closest known
names. Resolutions from the knowledge base are cached (it does not change
while the server runs); role phrases need the spaCy parser, which is loaded
on first use and run under a lock because its pipeline is not made for
concurrent calls.
"""

from __future__ import annotations

import difflib
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from detente.actors.kb import KnowledgeBase
from detente.actors.lookup import UnknownActor, actor_query
from detente.store import ActorQuery
from detente.web.params import Problem
from detente.web.reads import Reader

SEARCH_LIMIT = 20
CACHE_SIZE = 10_000
"""Names remembered; past that the cache starts again (any name that parses can be asked for)."""


@dataclass(frozen=True)
class Term:
    """A term of office of a person, as the knowledge base has it."""

    title: str
    country: str
    start: str
    end: str | None


@dataclass(frozen=True)
class Entry:
    """A knowledge-base entry (or an actor only the store knows) as the API shows it."""

    id: str
    name: str
    kind: str
    """``person``, ``state``, ``org`` or ``stored`` (known to the store only)."""
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    offices: list[Term] = field(default_factory=list)


class Actors:
    """Name resolution and search over one knowledge base, for the lifetime of the app."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._resolved: dict[str, ActorQuery] = {}
        self._parser = threading.Lock()
        self._aliases: dict[str, set[str]] = defaultdict(set)
        for alias, ids in kb.person_names.items():
            for actor_id in ids:
                self._aliases[actor_id].add(alias)
        for table in (kb.state_names, kb.org_names):
            for alias, actor_id in table.items():
                self._aliases[actor_id].add(alias)
        self._names = sorted({*kb.person_names, *kb.state_names, *kb.org_names})
        self._lowered = [(name.lower(), name) for name in self._names]

    # -- resolving ------------------------------------------------------------

    def query(self, name: str, reader: Reader, role: str = "actor") -> ActorQuery:
        """What stored actors ``name`` stands for; a 404 ``Problem`` with the closest names if nothing."""
        found = self.resolve(name, reader)
        if found is None:
            closest = self.closest(name)
            hint = f"; closest: {', '.join(closest)}" if closest else ""
            raise Problem(404, f"{role}: no actor called {name!r} in the knowledge base or the store{hint}",
                          closest=closest, param=role)  # fmt: skip
        return found

    def resolve(self, name: str, reader: Reader) -> ActorQuery | None:
        """A knowledge-base id, an id only the store knows, or a name as ``actor_query`` reads it; None if none."""
        if name in self._resolved:
            return self._resolved[name]
        by_id = self._by_id(name)
        if by_id is not None:
            self._remember(name, by_id)
            return by_id
        stored = reader.stored_actor(name)
        if stored is not None:
            return ActorQuery(ids=frozenset({stored.id}), names=(stored.name,), label=stored.name)
        try:
            with self._parser:
                found = actor_query(name, self.kb)
        except UnknownActor:
            return None
        self._remember(name, found)
        return found

    def _remember(self, name: str, query: ActorQuery) -> None:
        if len(self._resolved) >= CACHE_SIZE:
            self._resolved.clear()
        self._resolved[name] = query

    def _by_id(self, actor_id: str) -> ActorQuery | None:
        """The exact actor a knowledge-base id names (a state id also covers everyone acting for it)."""
        kb = self.kb
        if actor_id in kb.people:
            person = kb.people[actor_id]
            return ActorQuery(ids=frozenset({actor_id}), names=(person.name,), label=person.name)
        if actor_id in kb.states:
            state = kb.states[actor_id]
            return ActorQuery(ids=frozenset({actor_id}), countries=frozenset({actor_id}), names=(state.name,), label=state.name)
        if actor_id in kb.orgs:
            org = kb.orgs[actor_id]
            return ActorQuery(ids=frozenset({actor_id}), names=(org.name,), label=org.name)
        return None

    def closest(self, name: str, n: int = 5) -> list[str]:
        """Known names nearest to ``name``, as the command line suggests them."""
        closest = difflib.get_close_matches(name.strip(), self._names, n=n, cutoff=0.6)
        if not closest:
            lowered = dict(self._lowered)
            closest = [lowered[k] for k in difflib.get_close_matches(name.strip().lower(), list(lowered), n=n, cutoff=0.6)]
        return closest

    # -- searching and describing ----------------------------------------------

    def search(self, text: str, reader: Reader, limit: int = SEARCH_LIMIT) -> list[Entry]:
        """Entries whose names match ``text``: what it resolves to first, then exact, prefix and inner matches."""
        wanted = text.strip().lower()
        ranked: list[tuple[int, str, str]] = []
        for lowered, name in self._lowered:
            if lowered == wanted:
                rank = 0
            elif lowered.startswith(wanted):
                rank = 1
            elif any(word.startswith(wanted) for word in lowered.split()):
                rank = 2
            elif wanted in lowered:
                rank = 3
            else:
                continue
            ranked.append((rank, name, lowered))
        resolved = self.resolve(text, reader)
        ids: list[str] = sorted(resolved.ids) if resolved else []
        for _, name, _ in sorted(ranked):
            ids.extend(sorted(self._ids_of(name)))
        entries: list[Entry] = []
        for actor_id in dict.fromkeys(ids):
            entry = self.entry(actor_id, reader)
            if entry is not None:
                entries.append(entry)
            if len(entries) == limit:
                break
        return entries

    def entries(self, query: ActorQuery, reader: Reader) -> list[Entry]:
        """The entries a resolved query stands for."""
        return [e for actor_id in sorted(query.ids) if (e := self.entry(actor_id, reader)) is not None]

    def entry(self, actor_id: str, reader: Reader | None = None) -> Entry | None:
        """What the knowledge base (or, for other ids, the store) says about one actor."""
        kb = self.kb
        aliases = sorted(self._aliases.get(actor_id, ()))
        if actor_id in kb.people:
            person = kb.people[actor_id]
            terms = [Term(o.title or o.office, o.country, o.start, o.end) for o in person.offices]
            sector = person.offices[-1].sector if person.offices else None
            return Entry(actor_id, person.name, "person", person.country, sector, _others(aliases, person.name), terms)
        if actor_id in kb.states:
            state = kb.states[actor_id]
            return Entry(actor_id, state.name, "state", state.iso3, None, _others(aliases, state.name))
        if actor_id in kb.orgs:
            org = kb.orgs[actor_id]
            return Entry(actor_id, org.name, "org", org.country, org.sector, _others(aliases, org.name))
        stored = reader.stored_actor(actor_id) if reader is not None else None
        if stored is None:
            return None
        return Entry(stored.id, stored.name, "stored", stored.country, stored.sector)

    def _ids_of(self, name: str) -> set[str]:
        kb = self.kb
        found = set(kb.person_names.get(name, ()))
        for table in (kb.state_names, kb.org_names):
            if name in table:
                found.add(table[name])
        return found


def _others(aliases: list[str], name: str) -> list[str]:
    return [a for a in aliases if a != name]
