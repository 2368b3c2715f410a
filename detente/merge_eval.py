"""Measure cross-article merging on a corpus with an answer key of real events.

A corpus folder holds ``articles.jsonl`` (the articles, as ``detente ingest``
reads them) and ``answers.key.json`` (one real event a line; the shipped example
is ``detente/data/multi_outlet``, whose README gives the schema). The articles
are ingested into an in-memory store and every stored event is compared with
the key. What is counted, exactly:

* **Participants of a stored event** are the names of its source and target
  actors. A stored event is *between* the participants of a real event when
  all of the real event's participants are among them (aides or states named
  beside them are allowed).
* **A stored event matches a real event** when it is between its participants,
  has its PLOVER type, and its date fits: the stored date is the real event's
  day or a coarser date containing it ("2018-07" and "2018" fit 2018-07-16);
  for a cancelled or planned real event the optional ``planned_for`` date fits
  too. A stored event with no date matches only when its status is not
  ``occurred`` and one of its mentions comes from an article the key lists for
  that real event with a non-occurred expected status (a cancelled event's
  articles, or an article of role ``planned``). Status is not used to match.
  When several real events fit, the stored event goes to the one whose listed
  articles hold most of its mentions, then to the one whose day it has exactly,
  then to the first in the key; each stored event matches at most one.
* ``events_per_real_event`` = matched stored events / real events in the key
  (1.0 is ideal; above 1 means reports of one event were not merged; below 1
  means events were missed). ``events_per_found_event`` divides by the real
  events found instead, so misses do not hide duplicates.
* ``real_events_found``: real events with at least one matched stored event.
* ``spurious_events``: stored events that match no real event, have status
  ``occurred``, are between the participants of some real event and have a
  type the key uses for that pair — held meetings or calls the key does not
  have (wrong dates, invented events). Unmatched plans, proposals and negated
  events between the same participants are counted apart, as
  ``unmatched_other_status``: the key does not list plans and offers.
* ``date`` (CONSULT only, meetings and calls, day level): predicted = matched
  or spurious CONSULT stored events dated to a day; a prediction is correct
  when it matches a real event and has exactly its day (or ``planned_for``).
  Precision = correct / predicted; recall = CONSULT real events with at least
  one correct prediction / CONSULT real events; F1 their harmonic mean.
* ``status_accuracy``: share of matched stored events whose status equals the
  expected status: ``planned`` when every mention from the event's listed
  articles comes from an article of role ``planned`` (a report written before
  the meeting), else the real event's status.
* ``article_recall``: (real event, listed article) pairs for which some matched
  stored event has a mention from that article, over all listed pairs; also by
  role (``report``, ``passing``, ``planned``).
* ``syndicated_together``: listed syndicated copies (``copy_of``) whose real
  event has one matched stored event holding mentions of both the copy and its
  original, over the copies whose original is listed for the same event.
* ``plans_linked``: matched stored events that should be ``planned`` (as for
  ``status_accuracy``: told only by articles written before the event) of a
  real event that took place, which the store links (``plan_of``) to a stored
  event of status ``occurred`` matched to the same real event, over all of
  them (a plan coded with another status cannot be linked, and counts).
  ``cancelled_linked``: matched stored events of a real event that was
  cancelled (never held) which the store links to a held event, over all of
  them; the ideal is none.

``events`` lists every real event with its matched stored events (id, date,
status, mentions, articles, outlets) and the listed articles no matched event
cites; ``spurious`` lists the spurious stored events.

Run: ``python -m detente.merge_eval detente/data/multi_outlet [--details]``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from detente import ontology
from detente.model import Event

ROLES = ("report", "passing", "planned")
NON_OCCURRED = {"planned", "cancelled", "hypothetical", "negated"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REQUIRED = {
    "id": str, "participants": list, "type": str, "status": str, "date": str, "place": str, "articles": list,
}  # fmt: skip


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_corpus(folder: Path) -> list[str]:
    """Problems with a corpus folder's articles and answer key; an empty list when consistent."""
    articles = read_jsonl(folder / "articles.jsonl")
    answers = read_jsonl(folder / "answers.key.json")
    problems: list[str] = []
    ids = [a.get("id") for a in articles]
    problems += [f"article id {i!r} is repeated" for i, n in Counter(ids).items() if n > 1]
    for n, article in enumerate(articles, 1):
        if not isinstance(article.get("id"), str) or not isinstance(article.get("text"), str) or not article["text"]:
            problems.append(f"articles.jsonl:{n}: needs a string id and a non-empty text")
    known = set(ids)
    seen: set[str] = set()
    for n, answer in enumerate(answers, 1):
        where = f"answers.key.json:{n}"
        for key, kind in _REQUIRED.items():
            if not isinstance(answer.get(key), kind):
                problems.append(f"{where}: field {key!r} must be a {kind.__name__}")
        if problems and problems[-1].startswith(where):
            continue
        if answer["id"] in seen:
            problems.append(f"{where}: answer id {answer['id']!r} is repeated")
        seen.add(answer["id"])
        if answer["type"] not in ontology.PLOVER_TYPES:
            problems.append(f"{where}: type {answer['type']!r} is not a PLOVER type")
        if answer["status"] not in ontology.STATUSES:
            problems.append(f"{where}: status {answer['status']!r} is not a status")
        for key in ("date", "planned_for"):
            if key in answer and not (isinstance(answer[key], str) and _DATE.match(answer[key])):
                problems.append(f"{where}: {key} {answer[key]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if len(answer["participants"]) < 2 or not all(isinstance(p, str) and p for p in answer["participants"]):
            problems.append(f"{where}: participants must be at least two names")
        listed = {ref.get("id") for ref in answer["articles"] if isinstance(ref, dict)}
        for ref in answer["articles"]:
            if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
                problems.append(f"{where}: each article is an object with an id")
                continue
            if ref["id"] not in known:
                problems.append(f"{where}: article {ref['id']!r} is not in articles.jsonl")
            if ref.get("role") not in ROLES:
                problems.append(f"{where}: article {ref['id']!r} has role {ref.get('role')!r}, not one of {ROLES}")
            copy_of = ref.get("copy_of")
            if copy_of is not None and (copy_of not in known or copy_of == ref["id"]):
                problems.append(f"{where}: article {ref['id']!r} is a copy of unknown article {copy_of!r}")
        if not listed:
            problems.append(f"{where}: no articles listed")
    return problems


def evaluate_merge(folder: Path) -> dict[str, Any]:
    """Ingest ``folder/articles.jsonl`` into an in-memory store and score its events against ``answers.key.json``."""
    import detente
    from detente.pipeline import analyse_many
    from detente.store import Store

    folder = Path(folder)
    problems = check_corpus(folder)
    if problems:
        raise ValueError(f"{folder}: " + "; ".join(problems))
    answers = read_jsonl(folder / "answers.key.json")
    with Store(":memory:") as store:
        summary = store.add_many(analyse_many(detente.read([str(folder / "articles.jsonl")])))
        events = store.events()
    result = score(events, answers)
    result["articles_ingested"] = summary.added
    return result


# -- scoring ----------------------------------------------------------------


def _names(event: Event) -> set[str]:
    return {actor.name for actor in [*event.source, *event.target]}


def _between(event: Event, answer: dict[str, Any]) -> bool:
    return set(answer["participants"]) <= _names(event)


def _fits(value: str | None, answer: dict[str, Any]) -> bool:
    targets = [answer["date"], *([answer["planned_for"]] if answer.get("planned_for") else [])]
    return value is not None and any(target.startswith(value) for target in targets)


def _exact(value: str | None, answer: dict[str, Any]) -> bool:
    return value is not None and value in {answer["date"], answer.get("planned_for")}


def _expected_status(ref: dict[str, Any], answer: dict[str, Any]) -> str:
    return "planned" if ref["role"] == "planned" else answer["status"]


def _docs(event: Event) -> set[str]:
    return {m.doc_id for m in event.mentions}


def _candidate(event: Event, answer: dict[str, Any]) -> bool:
    if event.type != answer["type"] or not _between(event, answer):
        return False
    if event.date.value is not None:
        return _fits(event.date.value, answer)
    if event.status not in NON_OCCURRED:
        return False
    return any(
        ref["id"] in _docs(event) and _expected_status(ref, answer) in NON_OCCURRED for ref in answer["articles"]
    )


def match(events: list[Event], answers: list[dict[str, Any]]) -> dict[str, int]:
    """Stored event id -> index of the real event it matches (see the module docstring for the rule)."""
    out: dict[str, int] = {}
    for event in events:
        fitting = [i for i, answer in enumerate(answers) if _candidate(event, answer)]
        if fitting:
            docs = _docs(event)
            ranks = {
                i: (len(docs & {ref["id"] for ref in answers[i]["articles"]}), _exact(event.date.value, answers[i]), -i)
                for i in fitting
            }
            out[event.id] = max(fitting, key=ranks.__getitem__)
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "date": event.date.value,
        "granularity": event.date.granularity,
        "date_reason": event.date.reason,
        "location": event.location.name if event.location else None,
        "participants": sorted(_names(event)),
        "mentions": len(event.mentions),
        "articles": sorted(_docs(event)),
        "outlets": sorted({m.outlet for m in event.mentions if m.outlet}),
        "links": [f"{link['kind']} {link['event_id']}" for link in event.links],
    }


def _expected(event: Event, answer: dict[str, Any]) -> str:
    """The status a stored event matched to ``answer`` should have: ``planned`` when every mention from the
    answer's listed articles comes from an article written before the event (role ``planned``)."""
    refs = {ref["id"]: ref for ref in answer["articles"]}
    own = [refs[d] for d in _docs(event) if d in refs]
    return "planned" if own and all(r["role"] == "planned" for r in own) else answer["status"]


def score(events: list[Event], answers: list[dict[str, Any]]) -> dict[str, Any]:
    """Score stored events against the real events of an answer key (pure; no store, no parsing)."""
    matched = match(events, answers)
    by_answer: dict[int, list[Event]] = {i: [] for i in range(len(answers))}
    for event in events:
        if event.id in matched:
            by_answer[matched[event.id]].append(event)

    pair_types = [(set(a["participants"]), a["type"]) for a in answers]
    spurious: list[Event] = []
    other_status = 0
    for event in events:
        if event.id in matched:
            continue
        if not any(event.type == t and names <= _names(event) for names, t in pair_types):
            continue
        if event.status == "occurred":
            spurious.append(event)
        else:
            other_status += 1

    # status
    status_right = sum(event.status == _expected(event, answers[i]) for i, stored in by_answer.items() for event in stored)

    # day-level dates of meetings and calls
    consult = [i for i, a in enumerate(answers) if a["type"] == "CONSULT"]
    predicted = [e for i in consult for e in by_answer[i] if e.date.granularity == "day"]
    predicted += [e for e in spurious if e.type == "CONSULT" and e.date.granularity == "day"]
    correct = [e for e in predicted if e.id in matched and _exact(e.date.value, answers[matched[e.id]])]
    recalled = [i for i in consult if any(_exact(e.date.value, answers[i]) for e in by_answer[i])]
    precision, recall = _ratio(len(correct), len(predicted)), _ratio(len(recalled), len(consult))
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0

    # articles linked, by role, and syndicated copies kept together
    linked: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    copies = copies_together = 0
    rows = []
    for i, answer in enumerate(answers):
        cited = set().union(*(_docs(e) for e in by_answer[i])) if by_answer[i] else set()
        ids = {ref["id"] for ref in answer["articles"]}
        for ref in answer["articles"]:
            listed[ref["role"]] += 1
            linked[ref["role"]] += ref["id"] in cited
            if ref.get("copy_of") in ids:
                copies += 1
                copies_together += any({ref["id"], ref["copy_of"]} <= _docs(e) for e in by_answer[i])
        rows.append({
            "id": answer["id"],
            "label": answer.get("label", ""),
            "participants": answer["participants"],
            "date": answer["date"],
            "status": answer["status"],
            "stored": [_event_row(e) for e in sorted(by_answer[i], key=lambda e: (e.date.value or "", e.id))],
            "missing_articles": sorted(ids - cited),
        })  # fmt: skip

    # plans and the meetings held
    held = {e.id: e.status == "occurred" for e in events}
    plans = [
        (i, e) for i, v in by_answer.items() for e in v
        if answers[i]["status"] == "occurred" and _expected(e, answers[i]) == "planned"
    ]  # fmt: skip
    plans_linked = sum(
        any(link["kind"] == "plan_of" and matched.get(link["event_id"]) == i and held.get(link["event_id"])
            for link in e.links)
        for i, e in plans
    )  # fmt: skip
    cancelled = [e for i, v in by_answer.items() for e in v if answers[i]["status"] == "cancelled"]
    cancelled_linked = sum(any(link["kind"] == "cancelled_plan_of" for link in e.links) for e in cancelled)

    n_matched = sum(len(v) for v in by_answer.values())
    found = sum(1 for v in by_answer.values() if v)
    return {
        "real_events": len(answers),
        "real_events_found": found,
        "stored_events": len(events),
        "matched_stored_events": n_matched,
        "events_per_real_event": _ratio(n_matched, len(answers)),
        "events_per_found_event": _ratio(n_matched, found),
        "spurious_events": len(spurious),
        "unmatched_other_status": other_status,
        "date": {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "predicted": len(predicted),
            "correct": len(correct),
            "real": len(consult),
        },
        "status_accuracy": _ratio(status_right, n_matched),
        "article_recall": {
            "all": _ratio(sum(linked.values()), sum(listed.values())),
            **{role: f"{linked[role]}/{listed[role]}" for role in ROLES if listed[role]},
        },
        "syndicated_together": f"{copies_together}/{copies}",
        "plans_linked": f"{plans_linked}/{len(plans)}",
        "cancelled_linked": f"{cancelled_linked}/{len(cancelled)}",
        "events": rows,
        "spurious": [_event_row(e) for e in spurious],
    }


# -- printing ---------------------------------------------------------------


def format_report(result: dict[str, Any], details: bool = False, misses: bool = False) -> str:
    """The figures as text; ``details`` adds every real event, ``misses`` only the imperfect ones and spurious events."""
    d = result["date"]
    lines = [
        f"real events {result['real_events']}, found {result['real_events_found']}; "
        f"stored events {result['stored_events']}, matched {result['matched_stored_events']}",
        f"events per real event {result['events_per_real_event']:.3f} "
        f"(per found event {result['events_per_found_event']:.3f}; ideal 1.000)",
        f"spurious events {result['spurious_events']} "
        f"(unmatched plans/proposals/negated {result['unmatched_other_status']})",
        f"CONSULT day dates: precision {d['precision']:.3f}, recall {d['recall']:.3f}, F1 {d['f1']:.3f} "
        f"({d['correct']} correct of {d['predicted']} predicted; {d['real']} real)",
        f"status accuracy {result['status_accuracy']:.3f}",
        "article recall " + ", ".join(f"{k} {v}" for k, v in result["article_recall"].items())
        + f"; syndicated copies with their original {result['syndicated_together']}",
        f"plans linked to their held event {result['plans_linked']}; "
        f"cancelled meetings linked to a held one {result['cancelled_linked']} (ideal 0)",
    ]
    if details or misses:
        for row in result["events"]:
            perfect = len(row["stored"]) == 1 and not row["missing_articles"] and row["stored"][0]["date"] == row["date"]
            if misses and not details and perfect:
                continue
            who = " – ".join(row["participants"])
            lines.append(f"\n{row['id']} {row['date']} {row['status']}: {who} — {row['label']}")
            if not row["stored"]:
                lines.append("  (no stored event)")
            for ev in row["stored"]:
                lines.append(
                    f"  {ev['id']} {ev['date'] or 'undated'} {ev['status']} {ev['mode'] or ''} "
                    f"mentions {ev['mentions']}, articles {len(ev['articles'])}: {', '.join(ev['articles'])}"
                )
            if row["missing_articles"]:
                lines.append(f"  articles not linked: {', '.join(row['missing_articles'])}")
        if result["spurious"]:
            lines.append("\nspurious:")
            for ev in result["spurious"]:
                lines.append(
                    f"  {ev['id']} {ev['type']} {ev['date'] or 'undated'} {' – '.join(ev['participants'])}: "
                    f"{', '.join(ev['articles'])} ({ev['date_reason']})"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m detente.merge_eval FOLDER [--details|--misses] [--json]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    flags = {a for a in args if a.startswith("--")}
    paths = [a for a in args if not a.startswith("--")]
    if len(paths) != 1:
        print("usage: python -m detente.merge_eval FOLDER [--details|--misses] [--json]", file=sys.stderr)
        return 2
    result = evaluate_merge(Path(paths[0]))
    if "--json" in flags:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result, details="--details" in flags, misses="--misses" in flags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
