"""Actor names as users type them ("Putin", "Xi Jinping", "Russia", "the Russian president").

Command-line actor arguments and ``detente actors`` both come here, so a name
means the same thing everywhere: people by any name variant, states by name,
demonym or seat of government (a state also matches everyone acting for it),
organisations by name, and role phrases answered on a date by the resolver.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from detente.actors.kb import KnowledgeBase, load_kb
from detente.actors.resolve import resolve_actors
from detente.model import Actor
from detente.store import ActorQuery


class UnknownActor(ValueError):
    """A name the knowledge base does not know."""


@dataclass
class Resolution:
    """One answer to 'who is NAME (on D)?'."""

    actor: Actor
    office: str | None
    reason: str


def actor_query(name: str, kb: KnowledgeBase | None = None) -> ActorQuery:
    """What stored actors a user's name for an actor matches."""
    kb = kb or load_kb()
    text = name.strip().removeprefix("the ")
    people = kb.person_names.get(text) or kb.person_names.get(text.title())
    if people:
        names = tuple(sorted({kb.people[p].name for p in people}))
        return ActorQuery(ids=frozenset(people), names=names, label=names[0])
    iso3 = kb.state_names.get(text) or kb.demonyms.get(text) or kb.metonyms.get(text)
    if iso3:
        state = kb.states[iso3]
        return ActorQuery(ids=frozenset({iso3}), countries=frozenset({iso3}), names=(state.name,), label=state.name)
    org = kb.org_names.get(text)
    if org:
        actor = kb.orgs[org]
        return ActorQuery(ids=frozenset({org}), names=(actor.name,), label=actor.name)
    found = resolve(name, None, kb)
    if found:
        actor = found[0].actor
        return ActorQuery(ids=frozenset({actor.id}), names=(actor.name,), label=actor.name)
    raise UnknownActor(_unknown_message(name, kb))


def _unknown_message(name: str, kb: KnowledgeBase) -> str:
    """"no actor called 'Putn' in the knowledge base; closest: Putin, ..." (the closest person, state and org names)."""
    known = sorted({*kb.person_names, *kb.state_names, *kb.org_names})
    closest = difflib.get_close_matches(name.strip(), known, n=5, cutoff=0.6)
    if not closest:
        lowered = {k.lower(): k for k in known}
        closest = [lowered[k] for k in difflib.get_close_matches(name.strip().lower(), list(lowered), n=5, cutoff=0.6)]
    hint = f"; closest: {', '.join(closest)}" if closest else ""
    return f"no actor called {name!r} in the knowledge base{hint}"


def resolve(name: str, on: str | None, kb: KnowledgeBase | None = None) -> list[Resolution]:
    """Who a name or role phrase refers to on a date (every candidate, best first)."""
    kb = kb or load_kb()
    from detente.nlp import parse

    doc = parse(name)
    index = resolve_actors(doc, lambda _i: on, kb, now=on)
    answers: list[Resolution] = []
    for mention in index.mentions:
        for actor in mention.actors:
            person = kb.people.get(actor.id)
            term = person.office_on(on) if person and on else None
            office = f"{term.title} ({term.country}, {term.start} to {term.end or 'now'})" if term else None
            answers.append(Resolution(actor, office, mention.reason))
    return answers
