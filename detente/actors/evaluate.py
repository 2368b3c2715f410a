"""Score actor resolution on coded gold sentences: PLOVER GSR and PETRARCH-2 GSR.

Both sets code actors as CAMEO codes ("USAGOV", "RUS", "IGO"): a country and
an optional sector. They code countries, not people, so the figure is the
share of gold actors whose country detente gives, and the share of sectors
where the gold names one.

- **PLOVER GSR** names the words of each actor (``actorText``). A gold actor
  counts as found when a resolved mention overlapping those words has the gold
  country (any actor of a group mention).
- **PETR2 GSR** gives only the codes of each event's source and target. A gold
  actor counts as found when some mention of the sentence has its country.

Codes without a country ("---GOV") count only for the sector. International
organisations ("IGO", "IGOUNO") are right when the mention is an
organisation with the IGO sector. A few legacy or mistyped codes of the gold
files are mapped to ISO 3166 (``LEGACY``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detente.actors.kb import KnowledgeBase, load_kb
from detente.actors.resolve import ActorMention
from detente.model import Actor, Article

LEGACY = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "SER": "SRB"}
"""Gold codes that are not ISO 3166 alpha-3, to the ISO code they mean."""

SECTORS = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LAB",
    "LEG", "HLH", "REF", "ELI", "HRI", "UAF", "AGR", "ENV", "IGO", "NGO", "IMG", "MNC", "JRN",
})  # fmt: skip
"""Role codes scored as sectors; other three-letter parts (regions, religions, ethnic groups) are not."""

INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")
"""Code families that name a kind of organisation rather than a country."""


@dataclass(frozen=True)
class GoldActor:
    """One gold actor: its country (None for '---' and organisations), sector and words if given."""

    code: str
    country: str | None
    sector: str | None
    text: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """One gold event of a sentence, for ``detente eval events`` (actor scoring does not read it).

    ``code`` is the event as the file writes it: a PLOVER 0.5 type name
    ("DEMAND") in PLOVER GSR, a CAMEO code ("042") in PETR2 GSR.
    """

    code: str
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    mode: str | None = None
    context: str | None = None


@dataclass
class Case:
    """One gold sentence, its actors and (for event scoring) its gold events."""

    id: str
    text: str
    date: str | None
    actors: list[GoldActor] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


def parse_code(code: str, sector: str | None = None, text: str | None = None) -> GoldActor:
    """Split a CAMEO actor code into country and sector ('USAGOV' → USA, GOV; 'IGOUNO' → None, IGO)."""
    code = code.strip().upper()
    if code.startswith(INTERNATIONAL):
        return GoldActor(code, None, code[:3], text)
    country = None if code.startswith("---") or len(code) < 3 else LEGACY.get(code[:3], code[:3])
    role = (sector or code[3:6] or "").strip().upper()[:3]
    return GoldActor(code, country, role if role in SECTORS else None, text)


def read_plover_gsr(path: Path) -> list[Case]:
    """PLOVER GSR records (a JSON list) as cases; the DOCUMENT header record is skipped."""
    cases = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        case = Case(record["id"], record["text"], record.get("date"))
        roles: dict[str, list[GoldActor]] = {"source": [], "target": []}
        for role, found in roles.items():
            for actor in record.get(role) or []:
                if isinstance(actor, dict) and actor.get("code"):
                    found.append(parse_code(actor["code"], actor.get("sector"), actor.get("actorText")))
            case.actors.extend(found)
        if record.get("event"):
            case.events.append(GoldEvent(str(record["event"]).strip().upper(), tuple(roles["source"]),
                                         tuple(roles["target"]), record.get("mode") or None,
                                         record.get("context") or None))  # fmt: skip
        cases.append(case)
    return cases


_SENTENCE = re.compile(r'<Sentence\b[^>]*\bdate="([^"]*)"[^>]*\bid="([^"]+)"[^>]*/?>(.*?)(?=<Sentence\b|</Sentences>)', re.S)
_CODING = re.compile(r'<EventCoding\b[^>]*\bsourcecode="([^"]*)"[^>]*\btargetcode="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_EVENT = re.compile(r"<EventCoding\b[^>]*>")
_ATTRIBUTE = re.compile(r'\b(eventcode|sourcecode|targetcode)="([^"]*)"')


def read_petr2_gsr(path: Path) -> list[Case]:
    """PETRARCH-2 validation sentences with their event codings' source and target codes."""
    cases = []
    for date, ident, body in _SENTENCE.findall(path.read_text(encoding="utf-8")):
        text = _TEXT.search(body)
        if text is None:
            continue
        day = f"{date[:4]}-{date[4:6]}-{date[6:]}" if re.fullmatch(r"\d{8}", date) else None  # one record has '121108'
        case = Case(ident, " ".join(text[1].split()), day)
        codes = dict.fromkeys(code for pair in _CODING.findall(body) for code in pair if code.strip())
        case.actors = [parse_code(code) for code in codes]
        for tag in _EVENT.findall(body):
            coding = dict(_ATTRIBUTE.findall(tag))
            if coding.get("eventcode", "").strip():
                source, target = (coding.get(key, "").strip() for key in ("sourcecode", "targetcode"))
                case.events.append(GoldEvent(coding["eventcode"].strip(), (parse_code(source),) if source else (),
                                             (parse_code(target),) if target else ()))  # fmt: skip
        cases.append(case)
    return cases


def _country_right(gold: GoldActor, actors: list[Actor], kb: KnowledgeBase) -> bool:
    """The gold country is given; for an organisation code, an organisation (or its official) of that kind."""
    if gold.country is None:
        return gold.sector in INTERNATIONAL and any(_family(a, kb) == gold.sector for a in actors)
    return any(a.country == gold.country for a in actors)


def _family(actor: Actor, kb: KnowledgeBase) -> str | None:
    """IGO or NGO for an organisation or someone acting for one ('Kofi Annan' → the UN → IGO)."""
    if actor.kind == "org":
        return actor.sector
    org = kb.orgs.get(actor.country or "")
    return org.sector if org is not None else None


def _sector_right(gold: GoldActor, actors: list[Actor]) -> bool:
    return any(a.sector == gold.sector and (gold.country is None or a.country == gold.country) for a in actors)


def _span(text: str, words: str) -> tuple[int, int] | None:
    """Where the gold words are in the sentence (their first part when elided with '...')."""
    words = words.split("...")[0].strip()
    start = text.find(words)
    if start < 0:
        start = text.lower().find(words.lower())
    return (start, start + len(words)) if start >= 0 and words else None


def _candidates(gold: GoldActor, case: Case, mentions: list[ActorMention]) -> list[Actor]:
    """The actors detente gives for a gold actor: those over its words, else those of the sentence."""
    span = _span(case.text, gold.text) if gold.text else None
    if gold.text and span is not None:
        return [a for m in mentions if m.start_char < span[1] and span[0] < m.end_char for a in m.actors]
    return [a for m in mentions for a in m.actors]


def evaluate_cases(cases: list[Case], kb: KnowledgeBase | None = None) -> dict:
    """Country and sector figures for resolved actors against gold cases, with the misses listed."""
    kb = kb or load_kb()
    counts: Counter[str] = Counter()
    misses = []
    for case, mentions in _resolved(cases, kb):
        counts["sentences"] += 1
        for gold in case.actors:
            found = _candidates(gold, case, mentions)
            if gold.country is not None or gold.sector in INTERNATIONAL:
                counts["country_gold"] += 1
                right = _country_right(gold, found, kb)
                counts["country_right"] += right
                if not right:
                    misses.append({"id": case.id, "gold": gold.code, "words": gold.text,
                                   "given": sorted({f"{a.country or '-'}{a.sector or ''}" for a in found})})  # fmt: skip
            if gold.sector is not None and gold.sector not in INTERNATIONAL:
                counts["sector_gold"] += 1
                counts["sector_right"] += _sector_right(gold, found)
    return {
        "sentences": counts["sentences"],
        "actors_with_country": counts["country_gold"],
        "country_accuracy": round(counts["country_right"] / counts["country_gold"], 4) if counts["country_gold"] else 0.0,
        "actors_with_sector": counts["sector_gold"],
        "sector_accuracy": round(counts["sector_right"] / counts["sector_gold"], 4) if counts["sector_gold"] else 0.0,
        "misses": misses,
    }


def _resolved(cases: list[Case], kb: KnowledgeBase) -> Iterator[tuple[Case, list[ActorMention]]]:
    """Each case with its actor mentions, from one parse per sentence."""
    from detente.nlp import parse_many
    from detente.pipeline import actor_index, with_publication

    for case, doc in parse_many(cases, lambda c: c.text):
        article = with_publication(Article(id=case.id, text=case.text, published=case.date))
        yield case, actor_index(article, doc, kb).mentions


def evaluate_actors(path: Path, kb: KnowledgeBase | None = None) -> dict:
    """Figures for one gold file or a folder holding PLOVER GSR and/or PETR2 GSR files."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    results = {}
    for file in files:
        if file.suffix == ".json" and "PLOVER" in file.name.upper():
            results[file.name] = evaluate_cases(read_plover_gsr(file), kb)
        elif file.suffix == ".xml" and "PETR" in file.name.upper():
            results[file.name] = evaluate_cases(read_petr2_gsr(file), kb)
    return results
