"""Resolve every actor mention of an article to knowledge-base entries, on the right date.

Mentions come in five shapes, tried in this order on one parsed ``Doc``:

1. names from the knowledge base (people, states, seats of government,
   organisations), longest match first; spaCy's entity label is only a hint,
   since "Trump" is often tagged ORG;
2. role nominals ("the Russian leader", "his Russian counterpart", "the former
   US President"), answered by who held that office on the sentence's date;
3. groups ("the two leaders", "both men") → the last two people named;
4. pronouns (he/she/his/they) → the salient person, skipping the subject of the
   same clause for objects ("Trump called Putin to congratulate him");
5. people the knowledge base does not know, kept as ``unknown:`` actors.

Every mention carries a ``reason`` so a wrong actor can be traced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.fallback import Entry, load_fallback
from detente.actors.kb import KnowledgeBase, Person, load_kb
from detente.model import Actor
from detente.nlp import entities_within

ROLE_WORDS = {
    "president": "president",
    "leader": None,
    "premier": "prime_minister",
    "chancellor": "chancellor",
    "king": "monarch",
    "counterpart": "counterpart",
}
"""Head nouns of role nominals → office (None: the country's leader, whatever the title)."""

TWO_WORD_ROLES = {
    ("prime", "minister"): "prime_minister",
    ("foreign", "minister"): "foreign_minister",
    ("foreign", "secretary"): "foreign_minister",
    ("defence", "minister"): "defence_minister",
    ("defense", "minister"): "defence_minister",
    ("defense", "secretary"): "defence_minister",
    ("supreme", "leader"): "supreme_leader",
}

GROUP_NOUNS = {"leader", "man", "president", "side", "head", "counterpart", "statesman", "rival", "politician"}
STATE_GROUP_NOUNS = {"country", "nation", "state", "power", "government", "capital"}
AGENT_SECTORS = {
    "official": "GOV", "government": "GOV", "diplomat": "GOV", "administration": "GOV", "negotiator": "GOV",
    "minister": "GOV", "cabinet": "GOV", "ruler": "GOV", "advisor": "GOV", "adviser": "GOV", "tank": "MIL", "warplane": "MIL", "jet": "MIL", "helicopter": "MIL", "rebel": "REB", "guerrilla": "REB", "insurgent": "REB",
    "militant": "REB", "militia": "REB", "refugee": "REF", "civilian": "CVL", "warship": "MIL", "aircraft": "MIL",
    "servicemen": "MIL", "serviceman": "MIL", "farmer": "AGR", "worker": "LAB", "student": "EDU",
    "doctor": "MED", "judge": "JUD", "businessman": "BUS", "journalist": "JRN", "opposition": "OPP",
    "authority": "GOV", "leadership": "GOV", "force": "MIL", "troop": "MIL", "military": "MIL",
    "army": "MIL", "soldier": "MIL", "navy": "MIL", "police": "COP", "lawmaker": "LEG",
    "parliament": "LEG", "court": "JUD", "intelligence": "SPY",
}  # fmt: skip

TITLE_SECTORS = {
    "president": "GOV", "premier": "GOV", "prime": "GOV", "minister": "GOV", "secretary": "GOV",
    "chancellor": "GOV", "king": "GOV", "queen": "GOV", "emir": "GOV", "sheikh": "GOV", "governor": "GOV",
    "ambassador": "GOV", "envoy": "GOV", "spokesman": "GOV", "spokeswoman": "GOV", "mayor": "GOV",
    "general": "MIL", "gen": "MIL", "lt": "MIL", "colonel": "MIL", "col": "MIL", "commander": "MIL",
    "admiral": "MIL", "adm": "MIL", "brigadier": "MIL", "major": "MIL", "marshal": "MIL",
    "judge": "JUD", "justice": "JUD", "prosecutor": "JUD", "senator": "LEG", "sen": "LEG",
    "lawmaker": "LEG", "congressman": "LEG", "congresswoman": "LEG", "deputy": "LEG", "mp": "LEG",
    "archbishop": "REL", "bishop": "REL", "cardinal": "REL", "imam": "REL", "rabbi": "REL", "cleric": "REL",
    "rebel": "REB", "opposition": "OPP", "dissident": "OPP", "activist": "ACT", "journalist": "JRN",
}  # fmt: skip
"""Title words before a person's name → the sector of whom they act for."""

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "themselves"}
NEUTER = {"it", "its", "itself"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj", "attr"}
SUBORDINATORS = {"before", "after", "when", "while", "as", "because", "since", "until", "once", "although", "though"}
"""Words opening a subordinate clause whose subject pronoun usually continues the main clause's subject."""
SPEECH_LEMMAS = {"say", "tell", "insist", "add", "claim", "state", "declare", "argue", "write", "tweet", "note"}


@dataclass
class ActorMention:
    """Words of the article that refer to one or more actors."""

    start: int
    end: int
    head: int
    actors: list[Actor]
    kind: str
    reason: str
    start_char: int = 0
    end_char: int = 0


@dataclass
class ActorIndex:
    """All actor mentions of a doc, findable by token."""

    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)

    def add(self, mention: ActorMention) -> None:
        """Register a mention (earlier registrations of a token win)."""
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token.setdefault(i, mention)

    def at(self, token: Token) -> ActorMention | None:
        """The mention a token belongs to, if any."""
        return self.by_token.get(token.i)

    def in_span(self, start_char: int, end_char: int) -> list[ActorMention]:
        """Mentions overlapping a character span, in text order."""
        return [m for m in self.mentions if m.start_char < end_char and start_char < m.end_char]


Keep = Callable[[Actor], bool]
"""Which people a group noun can be ('the two presidents': people who were presidents that day)."""
DateAt = Callable[[int], str | None]
"""Token index → the ISO date (or prefix) the sentence speaks of, for dated look-ups."""


def _matcher(kb: KnowledgeBase) -> PhraseMatcher:
    """Every name of this knowledge base as a phrase pattern, built once per base."""
    if "names" in kb.derived:
        return kb.derived["names"]
    from detente.nlp import load_model

    nlp = load_model()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for label, table in tables_by_label(kb).items():
        names = {name for name in table if name.strip()}
        names |= {name[0].upper() + name[1:] for name in names if name[0].islower()}  # 'al-Qaeda' opening a sentence
        matcher.add(label, [nlp.make_doc(name) for name in sorted(names)])
    kb.derived["names"] = matcher
    return matcher


def resolve_actors(doc: Doc, date_at: DateAt, kb: KnowledgeBase | None = None, now: str | None = None) -> ActorIndex:
    """Find and resolve every actor mention of ``doc``.

    ``date_at`` dates each sentence (who was "the Russian president" then);
    ``now`` is the article's own day, against which "the former US President"
    is former.
    """
    kb = kb or load_kb()
    index = ActorIndex()
    _names(doc, kb, date_at, index)
    _demonym_agents(doc, kb, index)
    _fallback_names(doc, kb, date_at, index)
    _Salience(doc, kb, date_at, index, now).run()
    _unknown_people(doc, kb, date_at, index)
    _domestic_actors(doc, kb, index)
    for mention in index.mentions:
        mention.start_char = doc[mention.start].idx
        last = doc[mention.end - 1]
        mention.end_char = last.idx + len(last.text)
    index.mentions.sort(key=lambda m: m.start)
    return index


def _names(doc: Doc, kb: KnowledgeBase, date_at: DateAt, index: ActorIndex) -> None:
    """Knowledge-base names, longest match first."""
    matcher = _matcher(kb)
    spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
    seen_people: set[str] = set()
    for span in filter_spans(spans):
        label = span.label_
        text = span.text
        if text not in tables_by_label(kb)[label]:
            text = text[0].lower() + text[1:]  # the capitalised form of a name spelt in lower case
        if label == "PERSON":
            person = _pick_person(kb, kb.person_names[text], seen_people, date_at(span.start))
            seen_people.add(person.id)
            actor, reason = person.actor(date_at(span.start)), f"name '{text}'"
        elif label == "STATE":
            if _is_demonym_use(span):
                continue
            state = kb.states[kb.state_names[text]]
            agent = _agent_head(span)
            if agent is not None:
                sector = agent_sector(agent)
                why = f"'{doc[span.start : agent.i + 1].text}': {state.name}, sector {sector}"
                shared = any(c.dep_ == "conj" for c in span.root.children)
                end = span.end if shared else agent.i + 1  # 'US and British forces': one mention each
                index.add(ActorMention(span.start, end, agent.i if not shared else span.root.i, [state.actor(sector)], "agent", why))
                continue
            actor, reason = state.actor(), f"state name '{text}'"
        elif label == "METONYM":
            state = kb.states[kb.metonyms[text]]
            actor, reason = state.actor("GOV"), f"'{text}' stands for the government of {state.name}"
        else:
            actor, reason = kb.orgs[kb.org_names[text]], f"organisation '{text}'"
        index.add(ActorMention(span.start, span.end, span.root.i, [actor], label.lower(), reason))


def _agent_head(span: Span) -> Token | None:
    """The agent noun a state name modifies ('US forces', "Sudan's government"), if any."""
    root = span.root
    head = root.head
    if root.dep_ in {"compound", "poss", "nmod", "amod"} and head.i > root.i and agent_sector(head):
        return head
    return None


@lru_cache(maxsize=1)
def _fallback_matcher() -> PhraseMatcher:
    """Every Phoenix name as a lowercase phrase pattern, built once per process."""
    from detente.nlp import load_model

    nlp = load_model()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PHOENIX", list(nlp.tokenizer.pipe(load_fallback().names)))
    return matcher


LOCATIVE = {"in", "at", "near", "across", "around", "outside", "inside", "throughout", "within", "into", "to"}
"""Prepositions whose object is where something happened, not who did it."""


def _fallback_names(doc: Doc, kb: KnowledgeBase, date_at: DateAt, index: ActorIndex) -> None:
    """Names only the Phoenix dictionaries know: capitalised in the text, not claimed by a team table.

    A place name after 'in', 'at', 'near' is where something happened and
    stays a place; 'us' or 'chad' in lowercase is not a name.
    """
    fallback = load_fallback()
    spans = [Span(doc, s, e) for _m, s, e in _fallback_matcher()(doc)]
    for span in filter_spans(spans):
        if any(i in index.by_token for i in range(span.start, span.end)):
            continue
        if not (span[0].is_title or span[0].is_upper) or not (span[-1].is_title or span[-1].is_upper):
            continue
        if span.text in kb.outlets or any(_is_role_noun(t) or t.lemma_.lower() == "minister" for t in span):
            continue  # outlets relay, and 'US President' is answered by who held the office that day
        entry = fallback.entry(span.text.lower(), date_at(span.start))
        if entry is None:
            continue
        root = span.root
        if entry.kind == "country" and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            continue
        if entry.kind == "country" and root.dep_ in {"amod", "compound", "nmod"} and root.head.i > root.i:
            head = root.head
            sector = agent_sector(head) if head.i not in index.by_token and not _is_role_noun(head) else None
            if sector and entry.country in kb.states:  # 'Darfur rebels'
                index.add(ActorMention(span.start, head.i + 1, head.i, [kb.states[entry.country].actor(sector)], "fallback",
                                       f"'{span.text}' is {entry.code} in the Phoenix dictionaries (2014); sector {sector}"))  # fmt: skip
            continue  # other nationality words modifying a noun are resolved from the team tables
        index.add(ActorMention(span.start, span.end, root.i, [_fallback_actor(kb, span.text, entry)], "fallback",
                               f"'{span.text}' is {entry.code} in the Phoenix dictionaries (2014)"))  # fmt: skip


def _fallback_actor(kb: KnowledgeBase, text: str, entry: Entry) -> Actor:
    if entry.kind == "country" and entry.country in kb.states:
        return kb.states[entry.country].actor(entry.sector)
    if entry.kind == "person":
        return Actor(id=f"phoenix:{text.lower()}", name=text, country=entry.country, sector=entry.sector, kind="person")
    kind = "state" if entry.kind == "country" else "org"
    return Actor(id=f"phoenix:{entry.code}", name=text, country=entry.country, sector=entry.sector, kind=kind)


def tables_by_label(kb: KnowledgeBase) -> dict[str, dict]:
    """The name table behind each label of the phrase matcher."""
    return {"PERSON": kb.person_names, "STATE": kb.state_names, "METONYM": kb.metonyms, "ORG": kb.org_names}


def _is_demonym_use(span: Span) -> bool:
    """'US' in 'the US president' modifies a role noun: the role, not the state, is the actor."""
    root = span.root
    return root.dep_ in {"compound", "amod", "nmod"} and root.head.lemma_.lower() in {*ROLE_WORDS, "minister"}


def _pick_person(kb: KnowledgeBase, ids: set[str], seen: set[str], day: str | None) -> Person:
    """Several people share a surname: prefer one named earlier, then one in office that day."""
    people = sorted((kb.people[i] for i in ids), key=lambda p: p.id)
    for person in people:
        if person.id in seen:
            return person
    if day:
        in_office = [p for p in people if p.office_on(day)]
        if in_office:
            return in_office[0]
    return people[0]


def _demonym_agents(doc: Doc, kb: KnowledgeBase, index: ActorIndex) -> None:
    """'Russian forces', 'Egyptian warships', 'the Palestinians' → that state, with the agent's sector.

    Event coders code a nationality adjective on any noun as that country
    (CAMEO does); the sector comes from the head noun when it names an agent
    ('officials' GOV, 'rebels' REB). Role nouns ('the Russian president') are
    left to the role resolution, which knows who held the office.
    """
    for token in doc:
        if token.i in index.by_token:
            continue
        first = token.i
        iso3 = kb.demonyms.get(token.text)
        if iso3 is None and token.i > 0 and doc[token.i - 1].i not in index.by_token:
            iso3 = kb.demonyms.get(f"{doc[token.i - 1].text} {token.text}")  # 'South Korean', 'Sri Lankan'
            first = token.i - 1 if iso3 else first
        if iso3 is None and token.tag_ in {"NNS", "NNPS"}:
            iso3 = kb.demonyms.get(token.lemma_) or kb.demonyms.get(token.text.removesuffix("s"))
        if iso3 is None:
            continue
        if any(t.lower_ == "ethnic" for t in doc[max(first - 2, token.sent.start) : first]):
            iso3 = _home_state(token, kb, index)  # 'ethnic Albanians in Serbia' are Serbia's
            if iso3 is None:
                continue
        state = kb.states[iso3]
        head, dep = token.head, token.dep_
        while dep == "conj" and head.dep_ in {"amod", "compound", "nmod"}:
            head, dep = head.head, head.dep_  # 'U.S. and Russian negotiators': Russian modifies negotiators
        if dep in {"amod", "compound", "nmod"} and head.pos_ in {"NOUN", "PROPN"} and head.i > token.i:
            if _is_role_noun(head) or (head.i in index.by_token and index.by_token[head.i].kind != "agent"):
                continue
            sector = agent_sector(head)
            why = f"'{token.text} {head.text}': {state.name}" + (f", sector {sector}" if sector else "")
            shared = head.i in index.by_token or any(c.dep_ == "conj" for c in token.children)
            end = token.i + 1 if shared else head.i + 1  # 'French and Egyptian warships': one mention each
            index.add(ActorMention(first, end, head.i, [state.actor(sector)], "agent", why))
        elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"amod", "compound"}:
            index.add(ActorMention(first, token.i + 1, token.i, [state.actor()], "agent", f"'{token.text}': people of {state.name}"))


def _home_state(token: Token, kb: KnowledgeBase, index: ActorIndex) -> str | None:
    """The state an ethnic group is said to be in: the first state or known place after 'in' in its sentence."""
    for word in token.sent:
        if word.dep_ != "pobj" or word.head.lower_ not in {"in", "across", "throughout"}:
            continue
        mention = index.at(word)
        if mention is not None and mention.kind == "state":
            return mention.actors[0].country
        place = kb.place(word.text)
        if place is not None and place.country in kb.states:
            return place.country
    return None


def agent_sector(token: Token) -> str | None:
    """The sector an agent noun names ('officials' GOV, 'riot police' COP), None for other nouns.

    The team's list first, then the Phoenix agent dictionary, the two-word
    term ('riot police') before the head noun alone.
    """
    lemma = token.lemma_.lower()
    if lemma in AGENT_SECTORS:
        return AGENT_SECTORS[lemma]
    agents = load_fallback().agents
    previous = token.nbor(-1) if token.i > 0 else None
    if previous is not None and previous.dep_ in {"compound", "amod"}:
        sector = agents.get(f"{previous.lower_} {lemma}")
        if sector:
            return sector
    return agents.get(lemma)


def _is_role_noun(token: Token) -> bool:
    """Head nouns the role resolution answers from the offices ('president', 'foreign minister')."""
    if token.tag_ in {"NNS", "NNPS"}:
        return False  # 'Afghan rebel leaders' are agents, not the holder of an office
    lemma = token.lemma_.lower()
    prev = token.nbor(-1).lower_ if token.i > 0 else ""
    return lemma in ROLE_WORDS or (prev, lemma) in TWO_WORD_ROLES


def _unknown_people(doc: Doc, kb: KnowledgeBase, date_at: DateAt, index: ActorIndex) -> None:
    """People the knowledge base lacks stay actors, marked as unknown, with the country and sector the text gives.

    'British Defence Secretary Tom King', 'Nigerian President Olusegun
    Obasanjo', 'Mahmoud Abbas, the Palestinian president': the words before
    the name (or an apposition) say whose official the person is and in what
    role; nothing is guessed where the text says nothing.
    """
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in index.by_token for i in range(ent.start, ent.end)):
            continue
        if kb.place(ent.text) is not None:
            continue
        name = ent.text.removesuffix("’s").removesuffix("'s")
        start, country, sector, clue = _person_context(doc, ent, kb)
        if country is None and sector == "GOV":
            known = _fallback_surname(name, date_at(ent.start))
            if known is not None:
                full, entry = known
                country = entry.country
                clue += f"; government posts held by a '{name}' in the Phoenix dictionaries (2014) are {entry.country}'s ({full}, {entry.code})"
        actor = Actor(id=f"unknown:{name}", name=name, country=country, sector=sector, kind="person")
        why = f"'{name}' is not in the knowledge base" + (f"; {clue}" if clue else "")
        index.add(ActorMention(start, ent.end, ent.root.i, [actor], "unknown", why))


TRANSNATIONAL_SECTORS = {"IGO", "NGO", "MNC", "IMG"}
"""Sectors of actors that act across states: the place of their sentence does not make them its own."""


def _domestic_actors(doc: Doc, kb: KnowledgeBase, index: ActorIndex) -> None:
    """Actors the text gives no country take the only state their sentence names (CAMEO's domestic actors).

    'The Mozambique government accepted demands from Shona rebels', 'opposition
    leader Maulana Fazl-ur-Rehman' beside a Pakistani minister: event coders
    code a group, party or unknown official of no stated country as a
    domestic actor of the one state the sentence is about. Bare agent nouns
    ('rebels', 'Islamic fundamentalists', 'students at X University') become
    actors only then; with two states named, or none, nothing is guessed.
    The reason says the country is inferred.
    """
    by_sentence: dict[int, list[ActorMention]] = {}
    for mention in index.mentions:
        by_sentence.setdefault(doc[mention.start].sent.start, []).append(mention)
    for sent in doc.sents:
        mentions = by_sentence.get(sent.start, [])
        iso3 = _only_state(sent, mentions, kb)
        if iso3 is None:
            continue
        state = kb.states[iso3]
        why = f"; no country in the text, so that of {state.name}, the only state its sentence names"
        for mention in mentions:
            actors = [_domestic(actor, iso3) for actor in mention.actors]
            if actors != mention.actors:
                mention.actors, mention.reason = actors, mention.reason + why
        for token in sent:
            if token.i in index.by_token or token.pos_ != "NOUN" or token.dep_ in {"compound", "amod", "nmod", "poss"}:
                continue
            sector = agent_sector(token)
            if sector is None or sector in TRANSNATIONAL_SECTORS or _is_role_noun(token):
                continue
            start = min([token.i, *(c.i for c in token.lefts if c.dep_ in {"compound", "amod"})])
            if any(i in index.by_token for i in range(start, token.i)):
                continue
            words = doc[start : token.i + 1].text
            index.add(ActorMention(start, token.i + 1, token.i, [state.actor(sector)], "agent", f"'{words}': sector {sector}{why}"))


def _only_state(sent: Span, mentions: list[ActorMention], kb: KnowledgeBase) -> str | None:
    """The one state a sentence names through its actors and places, or None."""
    states = {a.country for m in mentions for a in m.actors if a.country in kb.states}
    for ent in entities_within(sent):
        place = kb.place(ent.text) if ent.label_ in {"GPE", "LOC", "FAC"} else None
        if place is not None and place.country in kb.states:
            states.add(place.country)
    return states.pop() if len(states) == 1 else None


def _domestic(actor: Actor, iso3: str) -> Actor:
    """``actor`` as a domestic actor of ``iso3`` when it has no country and acts within states."""
    if actor.country is not None or actor.sector in TRANSNATIONAL_SECTORS or actor.kind == "state":
        return actor
    return replace(actor, country=iso3)


def _fallback_surname(name: str, day: str | None) -> tuple[str, Entry] | None:
    """'President Mugabe': the Phoenix people of that surname in a government post, if all of one country.

    Those in post on the day are asked first; a surname whose holders served
    different states (or none) gives nothing. A long surname one letter off
    ('Mitterand', 'Bouteflicka') is read as the known spelling.
    """
    fallback = load_fallback()
    holders = [(full, e) for full in fallback.similar_surnames(name.split()[-1].lower())
               for e in fallback.names[full] if e.sector == "GOV" and (e.start or e.end)]  # fmt: skip
    on_the_day = [(full, e) for full, e in holders if day and e.covers(day)]
    found = on_the_day or holders
    return found[0] if len({entry.country for _, entry in found}) == 1 else None


def _person_context(doc: Doc, ent: Span, kb: KnowledgeBase) -> tuple[int, str | None, str | None, str]:
    """Country and sector from the title words before a name or an apposition after it."""
    start = ent.start
    while start > 0:
        word = doc[start - 1]
        if word.dep_ not in {"compound", "amod", "nmod", "poss", "case"} or not word.i < word.head.i < ent.end:
            break
        start -= 1
    words = list(doc[start : ent.start])
    words += [t for c in ent.root.children if c.dep_ == "appos" for t in c.subtree]
    country = sector = None
    for word in words:
        text = word.text.removesuffix("’s").removesuffix("'s")
        country = country or kb.demonyms.get(text) or kb.state_names.get(text)
        sector = sector or TITLE_SECTORS.get(word.lower_.rstrip(".")) or agent_sector(word)
    clue = f"'{' '.join(w.text for w in words)}' gives" if country or sector else ""
    if clue:
        clue += " " + ", ".join(f"{k} {v}" for k, v in (("country", country), ("sector", sector)) if v)
    return start, country, sector, clue


class _Salience:
    """Walks the doc in order, resolving roles, groups and pronouns against who was named before."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, date_at: DateAt, index: ActorIndex, now: str | None) -> None:
        self.doc, self.kb, self.date_at, self.index, self.now = doc, kb, date_at, index, now
        self.people: list[tuple[int, Actor, bool]] = []
        self.groups: list[list[Actor]] = []
        self.links: Counter[frozenset[str]] = Counter()
        """How often two people were named as the parties of one interaction so far."""

    def run(self) -> None:
        for token in self.doc:
            mention = self.index.at(token)
            if mention is not None:
                if token.i == mention.head:
                    self._remember(mention, token)
                continue
            resolved = self._resolve(token)
            if resolved is not None:
                self.index.add(resolved)
                self._remember(resolved, self.doc[resolved.head])

    def _remember(self, mention: ActorMention, head: Token) -> None:
        people = [a for a in mention.actors if a.kind == "person"]
        subject = head.dep_ in SUBJECT_DEPS
        for actor in people:
            self.people.append((head.i, actor, subject))
        if len(people) > 1:
            self.groups.append(people)
        conj_people = [a for c in head.conjuncts if (m := self.index.at(c)) for a in m.actors if a.kind == "person"]
        if people and conj_people and head.i < min(c.i for c in head.conjuncts):
            self.groups.append(_unique(people + conj_people))
        for other in self._linked_people(head):
            for actor in people:
                if actor.id != other.id:
                    self.links[frozenset({actor.id, other.id})] += 1

    def _linked_people(self, head: Token) -> list[Actor]:
        """People this mention is paired with in one interaction: "Trump's summit with Putin",
        "Trump and Putin", "Trump called Putin"."""
        partners: list[Token] = list(head.conjuncts)
        if head.dep_ == "poss":
            partners += [g for p in head.head.children if p.dep_ == "prep" and p.lower_ in {"with", "between"}
                         for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        if head.dep_ in SUBJECT_DEPS:
            partners += [c for c in head.head.children if c.dep_ in {"dobj", "dative"}]
            partners += [g for p in head.head.children if p.dep_ == "prep" and p.lower_ == "with"
                         for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        return [a for t in partners if (m := self.index.at(t)) for a in m.actors if a.kind == "person"]

    def _resolve(self, token: Token) -> ActorMention | None:
        lower = token.lower_
        if lower in MALE or lower in FEMALE:
            return self._pronoun(token, "m" if lower in MALE else "f")
        if lower in NEUTER:
            return self._collective(token, plural=False)
        if lower in PLURAL:
            return self._plural(token) or self._collective(token, plural=True)
        if token.pos_ in {"NOUN", "PROPN", "NUM"}:
            return self._group(token) or self._role(token)
        return None

    def _pronoun(self, token: Token, gender: str) -> ActorMention | None:
        """he/she/his: the speaker for reported speech, else the salient person."""
        banned = self._co_arguments(token)
        speaker = self._reported_speaker(token)
        if speaker is not None and speaker.id not in banned and _gender_ok(self.kb, speaker, gender):
            return self._single(token, speaker, "pronoun", "speaker of the reported speech")
        ahead = self._main_subject_ahead(token)
        if ahead is not None and ahead.id not in banned and _gender_ok(self.kb, ahead, gender):
            return self._single(token, ahead, "pronoun", "subject of the main clause after the fronted clause")
        host = self._host_subject(token)
        if host is not None and host.id not in banned and _gender_ok(self.kb, host, gender):
            return self._single(token, host, "pronoun", "subject of the clause the subordinate clause hangs from")
        candidates = [(i, a, subj) for i, a, subj in self.people
                      if a.id not in banned and _gender_ok(self.kb, a, gender)]  # fmt: skip
        if not candidates:
            return None
        sent_start = token.sent.start
        if token.dep_ == "poss":
            subject = self._clause_subject(token)
            if subject is not None and subject.id not in banned and _gender_ok(self.kb, subject, gender):
                return self._single(token, subject, "pronoun", "possessive bound to the clause subject")
        in_sentence_subjects = [c for c in candidates if c[0] >= sent_start and c[2]]
        previous_subjects = [c for c in candidates if c[2]]
        pick = (in_sentence_subjects or previous_subjects or candidates)[-1]
        if candidates[-1][0] > pick[0] and candidates[-1][0] >= sent_start:
            pick = candidates[-1]
        return self._single(token, pick[1], "pronoun", f"salient person '{self.doc[pick[0]].text}'")

    def _plural(self, token: Token) -> ActorMention | None:
        """they/their: the last group named, or the joint subject of the clause for 'their'."""
        if token.dep_ == "poss":
            from detente.events.arguments import subject_actors

            verb = token.head.head if token.head.dep_ in {"dobj", "pobj", "nsubjpass"} else token.head
            joint = subject_actors(verb, self.index) if verb.i != token.head.i else []
            if len(joint) > 1:
                return ActorMention(token.i, token.i + 1, token.i, joint, "pronoun", "'their': the joint subject of the clause")
        if not self.groups:
            return None
        group = self.groups[-1]
        return ActorMention(token.i, token.i + 1, token.i, list(group), "pronoun",
                            "plural pronoun: the last group named")  # fmt: skip

    def _group(self, token: Token) -> ActorMention | None:
        """'the two leaders', 'both men', 'the two' → the last two people named."""
        lemma = token.lemma_.lower()
        if token.lower_ == "two" and token.pos_ == "NUM" and token.dep_ in SUBJECT_DEPS:
            numeral, lemma = token, "leader"
        elif lemma in GROUP_NOUNS or lemma in STATE_GROUP_NOUNS:
            numeral = next((c for c in token.lefts if c.lower_ in {"two", "both"}), None)
        else:
            return None
        if numeral is None:
            return None
        pair = self._salient_two(token, self._office_filter(lemma, self.date_at(token.i)))
        if pair is not None and lemma in STATE_GROUP_NOUNS:
            pair = self._their_states(pair)
        if pair is None:
            return None
        start = min([numeral.i, *(c.i for c in token.lefts)])
        return ActorMention(start, token.i + 1, token.i, pair, "group", "'the two': the two people most named so far, recent ones first")

    def _their_states(self, people: list[Actor]) -> list[Actor] | None:
        """'the two countries' of two leaders: their states, when they serve different ones."""
        countries = [p.country for p in people if p.country in self.kb.states]
        if len(set(countries)) != 2:
            return None
        return [self.kb.states[c].actor() for c in countries]

    def _office_filter(self, lemma: str, day: str | None) -> Keep:
        """'the two presidents' are the last two people who were presidents that day (leaders: any leader)."""
        if day is None or lemma not in {"president", "leader", "head"}:
            return lambda _actor: True

        def holds(actor: Actor) -> bool:
            person = self.kb.people.get(actor.id)
            terms = [o for o in person.offices if o.held_on(day)] if person else []
            return any(o.office == "president" if lemma == "president" else o.leader for o in terms)

        return holds

    def _salient_two(self, token: Token, keep: Keep) -> list[Actor] | None:
        """The two people the article is about at this point (those ``keep`` accepts, if two of them are named).

        Salience is how often a person was named so far, with a bonus for being
        named in this or the previous sentence: a third person mentioned once
        in passing ("the strike on Assad's forces") does not become one of "the
        two presidents".
        """
        for wanted in (keep, lambda _actor: True):
            pair = self._top_two(token, wanted)
            if pair is not None:
                return pair
        return None

    def _top_two(self, token: Token, keep: Keep) -> list[Actor] | None:
        recent_start = _previous_sentence_start(token)
        score: dict[str, float] = {}
        actors: dict[str, Actor] = {}
        last_seen: dict[str, int] = {}
        for position, actor, _subj in self.people:
            if not keep(actor):
                continue
            actors[actor.id] = actor
            score[actor.id] = score.get(actor.id, 0) + (3 if position >= recent_start else 1)
            last_seen[actor.id] = position
        ranked = sorted(score, key=lambda i: (-score[i], -last_seen[i]))
        if len(ranked) < 2:
            return None
        pairs = [(a, b) for n, a in enumerate(ranked[:3]) for b in ranked[n + 1 : 3]]
        linked = max(pairs, key=lambda p: (self.links[frozenset(p)], score[p[0]] + score[p[1]]))
        best = linked if self.links[frozenset(linked)] > self.links[frozenset(ranked[:2])] else tuple(ranked[:2])
        return [actors[i] for i in sorted(best, key=lambda i: last_seen[i])]

    def _role(self, token: Token) -> ActorMention | None:
        """'the Russian president', 'his Russian counterpart', 'the former US President'."""
        office, start = self._office_words(token)
        if office is False or _names_a_person(token, self.index):
            return None
        if any(c.dep_ == "det" and c.lower_ in {"a", "an", "any", "every", "each", "no"} for c in token.children):
            return None
        day = self.date_at(token.i)
        if day is None:
            return None
        former = any(c.lower_ in {"former", "ex", "ex-"} for c in token.children)
        country = self._role_country(token)
        if office == "counterpart":
            return self._counterpart(token, country, day, start)
        if country is None:
            return self._anaphoric_role(token, office, former, start)
        if former:
            today = self.now or day
            people = self.kb.former_holders(country, today, office, leader=office is None)
            named = [p for p in people if any(a.id == p.id for _, a, _s in self.people)]
            people = named or people
            why = f"former holder of that office in {country} as of {today}"
        else:
            people = self.kb.holders(country, day, office, leader=office is None)
            why = f"held that office in {country} on {day}"
        if not people and not former and country in self.kb.states:
            state = self.kb.states[country]
            why = f"no holder of that office in {country} on {day} in the knowledge base: the government of {state.name}"
            return ActorMention(start, token.i + 1, token.i, [state.actor("GOV")], "role", f"'{_span_text(token, start)}': {why}")
        if not people:
            return None
        actor = people[0].actor(day)
        return ActorMention(start, token.i + 1, token.i, [actor], "role", f"'{_span_text(token, start)}': {why}")

    def _office_words(self, token: Token) -> tuple[str | bool | None, int]:
        lemma = token.lemma_.lower()
        prev = token.nbor(-1) if token.i > 0 else None
        if prev is not None and (prev.lower_, lemma) in TWO_WORD_ROLES:
            return TWO_WORD_ROLES[(prev.lower_, lemma)], _np_start(token)
        if token.tag_ in {"NNS", "NNPS"}:
            return False, token.i
        if lemma in ROLE_WORDS and token.pos_ == "NOUN":
            return ROLE_WORDS[lemma], _np_start(token)
        if lemma == "president" and token.pos_ == "PROPN" and token.dep_ != "compound":
            return "president", _np_start(token)
        return False, token.i

    def _role_country(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"}:
                mention = self.index.at(child)
                if mention and mention.actors and mention.actors[0].kind == "state":
                    return mention.actors[0].country
                text = " ".join(t.text for t in child.subtree if t.dep_ != "case").removesuffix("’s").removesuffix("'s")
                if text in self.kb.demonyms:
                    return self.kb.demonyms[text]
                if text in self.kb.state_names:
                    return self.kb.state_names[text]
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.text in self.kb.state_names:
                        return self.kb.state_names[obj.text]
        return None

    def _counterpart(self, token: Token, country: str | None, day: str, start: int) -> ActorMention | None:
        owner_token = next((c for c in token.children if c.dep_ == "poss"), None)
        owner = None
        if owner_token is not None:
            mention = self.index.at(owner_token) or self._pronoun(owner_token, "m" if owner_token.lower_ in MALE else "f")
            owner = mention.actors[0] if mention and mention.actors else None
        if owner is None or country is None or owner.id not in self.kb.people:
            return None
        term = self.kb.people[owner.id].office_on(day)
        if term is None:
            return None
        people = self.kb.holders(country, day, None if term.leader else term.office, leader=term.leader)
        if not people:
            return None
        why = f"the {country} counterpart of {owner.name} on {day}"
        return ActorMention(start, token.i + 1, token.i, [people[0].actor(day)], "role", why)

    def _anaphoric_role(self, token: Token, office: str | None, former: bool, start: int) -> ActorMention | None:
        """'the president' with no country: the last person named who held (or had held) that office."""
        day = self.date_at(token.i) or ""
        for _, actor, _subj in reversed(self.people):
            person = self.kb.people.get(actor.id)
            if person is None:
                continue
            for term in person.offices:
                fits = term.leader if office is None else term.office == office
                if fits and (term.held_on(day) or (former and term.end is not None and term.end <= day)):
                    why = f"'{_span_text(token, start)}': last person named who held that office"
                    return ActorMention(start, token.i + 1, token.i, [actor], "role", why)
        return None

    def _co_arguments(self, token: Token) -> set[str]:
        """Actors an object pronoun cannot be: the subject of its own clause (and of the clause it is controlled by)."""
        if token.dep_ not in OBJECT_DEPS:
            return set()
        banned: set[str] = set()
        verb = token.head
        while verb.dep_ == "prep" or verb.pos_ == "ADP":
            verb = verb.head
        subject = self._subject_of(verb)
        if subject is not None:
            banned.add(subject.id)
        return banned

    def _subject_of(self, verb: Token) -> Actor | None:
        """The subject actor of a verb, climbing through controlled and coordinated verbs."""
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS and (m := self.index.at(child)) and m.actors:
                    return m.actors[0]
            if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None

    def _clause_subject(self, token: Token) -> Actor | None:
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subject = self._subject_of(verb)
        return subject if subject is not None and subject.kind == "person" else None

    def _main_subject_ahead(self, token: Token) -> Actor | None:
        """'When asked if he would warn Putin, Trump ...': a pronoun in a clause fronted before
        the main clause refers ahead to that clause's named subject."""
        if token.dep_ not in SUBJECT_DEPS:
            return None
        clause = token.head
        while clause.dep_ in {"advcl", "ccomp", "xcomp"} and clause.head.i != clause.i:
            clause = clause.head
            if clause.i > token.i and clause.dep_ in {"ROOT", "conj"}:
                break
        if clause.i < token.i or clause.i == token.head.i:
            return None
        for child in clause.children:
            if child.dep_ == "nsubj" and child.i > token.i and (m := self.index.at(child)) and m.kind == "person":
                return m.actors[0]
        return None

    def _host_subject(self, token: Token) -> Actor | None:
        """'Trump announced the summit a day before he hosted Zelensky': the subject pronoun of a
        subordinate clause ('before', 'after', 'when' ...) is the subject of the clause it hangs from,
        not the person named last."""
        if token.dep_ not in SUBJECT_DEPS:
            return None
        clause = token.head
        if not any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in clause.children):
            return None
        node = clause.head
        while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
            node = node.head
        if node.i == clause.i or node.pos_ not in {"VERB", "AUX"}:
            return None
        for child in node.children:
            if child.dep_ == "nsubj" and child.i < token.i and (m := self.index.at(child)) and m.kind == "person":
                return m.actors[0]
        return None

    def _reported_speaker(self, token: Token) -> Actor | None:
        """'X said that he ...': a subject pronoun inside reported speech is the speaker."""
        if token.dep_ not in SUBJECT_DEPS:
            return None
        clause = token.head
        if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_LEMMAS:
            return None
        return self._subject_of(clause.head)

    def _collective(self, token: Token, plural: bool) -> ActorMention | None:
        """it/its/they for a state, an organisation or a group ('Syria says it is willing to withdraw its troops').

        The speaker of the reported speech first, then the subject of the
        clause (for a possessive), then the last such subject in this or the
        previous sentence; 'they' only takes a plural group ('the rebels').
        """
        def fits(mention: ActorMention | None) -> bool:
            if mention is None or not mention.actors or any(a.kind == "person" for a in mention.actors):
                return False
            return self.doc[mention.head].tag_ in {"NNS", "NNPS"} if plural else self.doc[mention.head].tag_ not in {"NNS", "NNPS"}

        clause = token.head
        if token.dep_ in SUBJECT_DEPS and clause.dep_ == "ccomp" and clause.head.lemma_ in SPEECH_LEMMAS | {"announce", "confirm"}:
            speaker = self._subject_mention(clause.head)
            if fits(speaker):
                return ActorMention(token.i, token.i + 1, token.i, list(speaker.actors), "pronoun", "speaker of the reported speech")
        if token.dep_ == "poss":
            verb = token.head
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            subject = self._subject_mention(verb)
            if fits(subject) and subject.start != token.i:
                return ActorMention(token.i, token.i + 1, token.i, list(subject.actors), "pronoun", "possessive bound to the clause subject")
        start = _previous_sentence_start(token)
        earlier = [m for m in self.index.mentions if start <= m.start < token.i and fits(m) and self.doc[m.head].dep_ in SUBJECT_DEPS]
        if not earlier:
            return None
        last = max(earlier, key=lambda m: m.start)
        return ActorMention(token.i, token.i + 1, token.i, list(last.actors), "pronoun", f"last subject '{self.doc[last.head].text}'")

    def _subject_mention(self, verb: Token) -> ActorMention | None:
        """The mention of a verb's subject, climbing through controlled and coordinated verbs."""
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS and (m := self.index.at(child)) and m.actors:
                    return m
            if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None

    def _single(self, token: Token, actor: Actor, kind: str, reason: str) -> ActorMention:
        return ActorMention(token.i, token.i + 1, token.i, [actor], kind, reason)


def _previous_sentence_start(token: Token) -> int:
    """Token index where the sentence before ``token``'s sentence starts."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else 0


def _gender_ok(kb: KnowledgeBase, actor: Actor, gender: str) -> bool:
    person = kb.people.get(actor.id)
    return person is None or person.gender in {None, gender}


def _names_a_person(token: Token, index: ActorIndex) -> bool:
    """'President Putin', 'Russian President Vladimir Putin': the title belongs to the name."""
    if token.dep_ == "compound" and (m := index.at(token.head)) and m.kind == "person":
        return True
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and (m := index.at(nxt)) is not None and m.kind == "person":
        return True
    return any(c.dep_ == "appos" and (m := index.at(c)) and m.kind == "person" for c in token.children)


def _np_start(token: Token) -> int:
    return min([token.i, *(c.i for c in token.lefts if c.dep_ in {"det", "poss", "amod", "compound", "nmod"})])


def _span_text(token: Token, start: int) -> str:
    return token.doc[start : token.i + 1].text


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    return [a for a in actors if not (a.id in seen or seen.add(a.id))]
