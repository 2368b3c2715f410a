"""Score event coding on coded gold sentences: PLOVER GSR and PETRARCH-2 GSR (``detente eval events``).

Each gold record is one sentence, analysed alone as an article by the full
pipeline (:func:`detente.pipeline.analyse_many`), published on the record's
date (PETR2's one malformed date, '121108', is unknown: the publication date
is then inferred as for any article). Every event detente codes in that
article is an event "in that sentence". Nothing else is given to detente.

The gold sets
-------------
- **PLOVER GSR** (322 sentences, one event each) codes PLOVER 0.5 types. Four
  names are older than today's PLOVER; they are mapped by the CAMEO section
  they coded, as the 2021 CAMEO→PLOVER table (``CAMEO2PLOVER-2021.txt``)
  files that section (:data:`PLOVER_05`)::

      DEMAND      → REQUEST   (CAMEO 10, "Demand", is REQUEST)
      DISAPPROVE  → ACCUSE    (CAMEO 11, "Disapprove", is ACCUSE, modes disapprove/allege)
      INVESTIGATE → ACCUSE    (CAMEO 09, "Investigate", is ACCUSE, mode investigate)
      FIGHT       → ASSAULT   (CAMEO 19, "Fight", is ASSAULT)

  CONCEDE and RETREAT, which SOURCE.txt also lists as pre-1.0, are still
  today's names (CAMEO 08 is split between them) and are kept.
  The other names (AGREE, CONSULT, SUPPORT, COOPERATE, AID, REQUEST, ACCUSE,
  REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT) are today's
  types. The map is by name, not by sentence: in 2021 easing a curfew or a
  state of emergency (CAMEO 0813/0814) moved from CONCEDE to RETREAT, so four
  CONCEDE sentences of the file (lifted curfews and emergencies) would be
  RETREAT today; they stay CONCEDE here, as the file codes them.
  The gold label compared is the PLOVER type.
- **PETR2 GSR** (78 sentences, 80 event codings, CAMEO codes) is scored twice:
  by **CAMEO root** (the code's first two digits against the first two digits
  of detente's ``cameo``) and by **PLOVER type** (the gold code's type in
  detente's conversion table, :func:`detente.ontology.lookup`, against
  detente's ``type``). The two differ where the table moves a code across
  roots (175 "violent repression" is ASSAULT, 163 "embargo" is COERCE).
  Codes of roots 01 (public statement) and 02 (appeal) have no PLOVER type
  and detente never codes them: they are counted as ``unscorable`` and left
  out of every other figure (in both schemes, so the two are on the same
  events).

What is counted (per set, per scheme)
-------------------------------------
A *gold event* is one coded event: one PLOVER GSR record, one PETR2
``<EventCoding>`` (a sentence with two codings is two gold events, each
scored against all of detente's events of that sentence).

(a) ``type_recall``: share of gold events for which detente coded at least
    one event of the gold label in the sentence (any status: a threat to act
    is coded THREATEN by both, a "planned" visit is still the visit).
(b) ``type_actor_recall``: the same, the event also having the gold actors'
    countries: every gold source's country among the event's sources, every
    gold target's among its targets (an international-organisation code such
    as "IGOUNO" is right for an organisation of that kind, as ``eval actors``
    scores it, via :func:`detente.actors.evaluate.parse_code`). For CONSULT and
    COOPERATE, where detente gives "A and B met" as two sources and no target,
    participants are unordered: every gold country must be among the event's
    sources and targets together. Gold actors without a country ("---GOV") and
    empty gold roles constrain nothing; ``with_actor_countries`` says how many
    gold events have at least one actor that is checked.
(c) ``type_precision``: of detente's events in the sentences that have a
    scored gold event, the share whose label is a gold label of that sentence.
    The gold sets code one (PLOVER GSR) or a few (PETR2) events per sentence
    and leave others unmentioned, so this is a lower bound on precision.
(d) ``confusions``: for each gold event missed under (a) in a sentence where
    detente did code something, one count per distinct label it coded there:
    ``[gold label, detente label, count]``, most frequent first (``top`` of
    them). Misses where it coded nothing are not confusions; they are
    ``uncoded_by_type`` (gold label → count).
(e) ``sentences_without_events``: sentences (with a scored gold event) where
    detente coded no event at all, and their share.

PETR2 also has sentences coded ``noevents="True"`` (12 of 78; PETRARCH
discards, as "France on Wednesday condemned ... allegations by Rwanda"):
they are in no figure above; ``gold_empty_sentences`` counts them and
``detente_events_in_gold_empty`` the events detente codes there.

(f) ``contexts`` (PLOVER GSR, whose records name contexts): for each gold
    event with a context and an event of the gold type coded in its sentence,
    the gold contexts against the contexts of those events: precision,
    recall and F1 over context labels. Context names of PLOVER 0.5 that
    today's manual renamed are mapped (:data:`CONTEXTS_05`); names today's
    manual lacks ("discrimination", "assets") are not scored.

``per_type`` gives (a) and (b) by gold label; ``misses`` lists every gold
event missed under (b), saying whether detente coded nothing, not the type,
or the type with other actors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.actors.evaluate import (
    INTERNATIONAL,
    Case,
    GoldActor,
    GoldEvent,
    _country_right,
    read_petr2_gsr,
    read_plover_gsr,
)
from detente.actors.kb import KnowledgeBase, load_kb
from detente.events.contexts import CONTEXTS
from detente.model import Actor, Article, ArticleResult, Event
from detente.ontology import PLOVER_TYPES, SYMMETRIC_TYPES, lookup

PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""PLOVER 0.5 type names of the PLOVER GSR that today's PLOVER renamed, to today's type."""

CONTEXTS_05 = {"refugee": "migration", "refugees": "migration", "resources": "resource", "rights": "rights_freedoms"}
"""PLOVER 0.5 context names of the PLOVER GSR that today's manual renamed, to today's name."""

Label = Callable[[GoldEvent], str | None]


@dataclass(frozen=True)
class Scheme:
    """How a gold event and a detente event are labelled for comparison."""

    name: str
    gold: Label
    event: Callable[[Event], str]


def plover_type(name: str) -> str | None:
    """Today's PLOVER type for a PLOVER GSR event name ('DEMAND' → 'REQUEST'); None when it is none."""
    name = name.strip().upper()
    name = PLOVER_05.get(name, name)
    return name if name in PLOVER_TYPES else None


def cameo_root(code: str) -> str | None:
    """The CAMEO root of a code ('0841' → '08'); None for what is not a code."""
    code = code.strip()
    return code[:2] if len(code) >= 3 and code.isdigit() else None


def cameo_plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO code in detente's table; None for roots 01 and 02, which have none."""
    if cameo_root(code) is None:
        return None
    try:
        return lookup(code.strip()).type
    except KeyError:
        return None


PLOVER_GSR = Scheme("plover_type", lambda g: plover_type(g.code), lambda e: e.type)
PETR2_ROOT = Scheme("cameo_root", lambda g: cameo_plover(g.code) and cameo_root(g.code), lambda e: e.cameo[:2])
PETR2_PLOVER = Scheme("plover_type", lambda g: cameo_plover(g.code), lambda e: e.type)


def evaluate_events(path: Path, kb: KnowledgeBase | None = None, top: int = 15) -> dict[str, dict[str, Any]]:
    """Figures for one gold file or a folder holding PLOVER GSR (*.json) and/or PETR2 GSR (*.xml) files.

    Keyed by file name. Each value has the figures of the module docstring and a
    ``misses`` list (drop it unless asked). A PETR2 file is scored by CAMEO root,
    with the PLOVER-type figures under ``by_plover_type``.
    """
    kb = kb or load_kb()
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    results: dict[str, dict[str, Any]] = {}
    for file in files:
        if file.suffix == ".json" and "PLOVER" in file.name.upper():
            results[file.name] = evaluate_event_cases(read_plover_gsr(file), "plover", kb, top)
        elif file.suffix == ".xml" and "PETR" in file.name.upper():
            results[file.name] = evaluate_event_cases(read_petr2_gsr(file), "petr2", kb, top)
    return results


def evaluate_event_cases(
    cases: list[Case], gold_set: str, kb: KnowledgeBase | None = None, top: int = 15
) -> dict[str, Any]:
    """Figures for cases read by ``read_plover_gsr`` (``gold_set="plover"``) or ``read_petr2_gsr`` ("petr2")."""
    kb = kb or load_kb()
    results, failed = analyse_cases(cases, kb)
    if gold_set == "plover":
        figures = score(cases, results, PLOVER_GSR, kb, top)
        figures["contexts"] = score_contexts(cases, results)
    elif gold_set == "petr2":
        figures = score(cases, results, PETR2_ROOT, kb, top)
        by_plover = score(cases, results, PETR2_PLOVER, kb, top)
        by_plover.pop("misses")
        figures["by_plover_type"] = by_plover
    else:
        raise ValueError(f"unknown gold set {gold_set!r}: 'plover' or 'petr2'")
    figures["analysis_errors"] = failed
    return figures


def analyse_cases(cases: list[Case], kb: KnowledgeBase) -> tuple[list[ArticleResult | None], int]:
    """Each case's analysis (None where it failed), in order, and how many failed."""
    from detente.pipeline import analyse_many

    articles = [Article(id=str(i), text=case.text, published=case.date) for i, case in enumerate(cases)]
    failures: list[str] = []
    by_id = {r.article.id: r for r in analyse_many(articles, on_error=lambda a, _e: failures.append(a.id), kb=kb)}
    return [by_id.get(str(i)) for i in range(len(cases))], len(failures)


def score(
    cases: list[Case], results: list[ArticleResult | None], scheme: Scheme, kb: KnowledgeBase, top: int = 15
) -> dict[str, Any]:
    """The figures (a)–(e) of the module docstring for analysed cases under one labelling."""
    counts: Counter[str] = Counter()
    unscorable: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    confusions: Counter[tuple[str, str]] = Counter()
    uncoded: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for case, result in zip(cases, results, strict=True):
        events = result.events if result is not None else []
        if not case.events:
            counts["gold_empty_sentences"] += 1
            counts["detente_events_in_gold_empty"] += len(events)
            continue
        golds = []
        for gold in case.events:
            label = scheme.gold(gold)
            if label is None:
                unscorable[gold.code] += 1
            else:
                golds.append((gold, label))
        if not golds:
            continue
        counts["sentences"] += 1
        counts["sentences_without_events"] += not events
        labels = {label for _, label in golds}
        counts["detente_events"] += len(events)
        counts["detente_events_of_gold_type"] += sum(scheme.event(e) in labels for e in events)
        for gold, label in golds:
            typed = [e for e in events if scheme.event(e) == label]
            right = any(_actors_right(gold, e, kb) for e in typed)
            checked = any(_checkable(a) for a in gold.source + gold.target)
            counts["gold_events"] += 1
            counts["with_actor_countries"] += checked
            counts["type_found"] += bool(typed)
            counts["type_actor_found"] += right
            tally = per_type[label]
            tally["n"] += 1
            tally["type_found"] += bool(typed)
            tally["type_actor_found"] += right
            if not events:
                uncoded[label] += 1
            elif not typed:
                confusions.update((label, given) for given in {scheme.event(e) for e in events})
            if not right:
                misses.append(_miss(case, gold, label, events, "no event" if not events else "type" if not typed else "actors"))
    n = counts["gold_events"]
    return {
        "scheme": scheme.name,
        "sentences": counts["sentences"],
        "gold_events": n,
        "unscorable": dict(sorted(unscorable.items())),
        "with_actor_countries": counts["with_actor_countries"],
        "type_recall": _share(counts["type_found"], n),
        "type_actor_recall": _share(counts["type_actor_found"], n),
        "detente_events": counts["detente_events"],
        "type_precision": _share(counts["detente_events_of_gold_type"], counts["detente_events"]),
        "sentences_without_events": counts["sentences_without_events"],
        "sentences_without_events_share": _share(counts["sentences_without_events"], counts["sentences"]),
        "confusions": [[gold, given, k] for (gold, given), k in _ranked(confusions)[:top]],
        "uncoded_by_type": dict(_ranked(uncoded)),
        "gold_empty_sentences": counts["gold_empty_sentences"],
        "detente_events_in_gold_empty": counts["detente_events_in_gold_empty"],
        "per_type": {
            label: {
                "n": t["n"],
                "type_recall": _share(t["type_found"], t["n"]),
                "type_actor_recall": _share(t["type_actor_found"], t["n"]),
            }
            for label, t in sorted(per_type.items())
        },
        "misses": misses,
    }


def score_contexts(cases: list[Case], results: list[ArticleResult | None]) -> dict[str, Any]:
    """Figure (f): gold contexts against those of detente's events of the gold type in the same sentence."""
    counts: Counter[str] = Counter()
    for case, result in zip(cases, results, strict=True):
        events = result.events if result is not None else []
        for gold in case.events:
            wanted = gold_contexts(gold.context)
            typed = [e for e in events if e.type == plover_type(gold.code)]
            if not wanted or not typed:
                continue
            given = {c for e in typed for c in e.contexts}
            counts["scored"] += 1
            counts["right"] += len(wanted & given)
            counts["gold"] += len(wanted)
            counts["given"] += len(given)
    precision, recall = _share(counts["right"], counts["given"]), _share(counts["right"], counts["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {"scored_events": counts["scored"], "gold_contexts": counts["gold"], "given_contexts": counts["given"],
            "precision": precision, "recall": recall, "f1": f1}  # fmt: skip


def gold_contexts(value: str | None) -> set[str]:
    """A gold record's contexts ("diplomatic, military") as today's names; unknown names dropped."""
    names = (CONTEXTS_05.get(n.strip().lower(), n.strip().lower()) for n in (value or "").split(","))
    return {n for n in names if n in CONTEXTS}


def _checkable(gold: GoldActor) -> bool:
    """A gold actor whose country (or kind of international organisation) can be checked."""
    return gold.country is not None or gold.sector in INTERNATIONAL


def _actors_right(gold: GoldEvent, event: Event, kb: KnowledgeBase) -> bool:
    """Every checkable gold source among the event's sources, every target among its targets.

    For symmetric types (CONSULT, COOPERATE) the roles are pooled: "A and B met" has no target.
    """
    def all_in(wanted: tuple[GoldActor, ...], actors: list[Actor]) -> bool:
        return all(_country_right(a, actors, kb) for a in wanted if _checkable(a))

    if event.type in SYMMETRIC_TYPES:
        return all_in(gold.source + gold.target, event.source + event.target)
    return all_in(gold.source, event.source) and all_in(gold.target, event.target)


def _codes(actors: list[Actor]) -> list[str]:
    return [f"{a.country or '-'}{a.sector or ''}" for a in actors]


def _miss(case: Case, gold: GoldEvent, label: str, events: list[Event], why: str) -> dict[str, Any]:
    return {
        "id": case.id,
        "text": case.text,
        "gold": label if label == gold.code else f"{label} ({gold.code})",
        "gold_source": [a.code for a in gold.source],
        "gold_target": [a.code for a in gold.target],
        "miss": why,
        "detente": [
            {
                "type": e.type,
                "cameo": e.cameo,
                "status": e.status,
                "source": _codes(e.source),
                "target": _codes(e.target),
                "trigger": e.mentions[0].trigger.text if e.mentions and e.mentions[0].trigger else None,
            }
            for e in events
        ],
    }


def _ranked(counts: Counter[Any]) -> list[tuple[Any, int]]:
    """Most frequent first, ties by key."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
