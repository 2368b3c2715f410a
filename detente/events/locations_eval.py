"""Score where detente places an event on the Halterman event-location gold set.

Why this exists: the coder's place rule (:func:`detente.events.code.event_location`)
is tuned on a handful of summit sentences; Halterman (2019, "Geolocating Political
Events in Text") annotated 10,182 news sentences, each with one event VERB and the
LOCATION span(s) where that event happened (none when the sentence does not say).

The gold file (``labeled_text.jsonl.zip``) is a zip holding ONE JSON array of
Prodigy records (despite the ``.jsonl`` name) plus a ``__MACOSX`` entry; it is read
in place, never extracted. Records are kept as follows:

- ``answer == "accept"``: scored.
- ``answer`` absent: the research assistants' first-pass annotations, which were
  never reviewed in Prodigy (they carry an ``annotator`` key instead). They are
  not scored; their number is reported as ``unanswered``.
- any other answer (``reject``, ``ignore``): not scored, reported as ``rejected``.
- an accepted record without spans, without exactly one VERB span, or with spans
  outside its tokens: not scored, reported as ``malformed``.

Spans are placed through their token indices (``token_start``/``token_end`` into
``tokens``), not their character offsets, which are wrong in some records.

For each record the text is parsed once (:func:`detente.nlp.parse_many`), the
token at the VERB span is taken as the event's word, and detente is asked where
that event happened through the coder's own function, with the lexicon row the
token triggers when it is one. The records are single sentences without a
publication date, so a dateline never applies (as for an undated article).

The coder's place choice is a ranker trained on this set (:mod:`detente.events.location_model`),
so by default only the records it was not trained on are scored: the held-out split, a
fifth of the sentences chosen by a hash of their text. ``rules=True`` asks the clause
rules alone (:func:`detente.events.code.rule_location`), to compare on the same records.

A record is right when detente's location overlaps a gold LOCATION span, or when
gold has no LOCATION and detente gives none. Precision is the share of detente's
locations that overlap a gold span; recall the share of records with a gold
location whose location detente found (``span_recall``: the share of gold spans
overlapped, lower where gold lists several places for one event).
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from detente.actors.kb import KnowledgeBase, load_kb
from detente.events.code import event_location, match_trigger, rule_location
from detente.events.location_model import TRAINED_ON, is_heldout, load_location_model
from detente.nlp import parse_many


@dataclass
class LocationRecord:
    """One gold record: the sentence, its event verb and where the event happened (character ranges)."""

    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""


@dataclass
class ReadResult:
    """The accepted records of a gold file and how many of each other kind were left out."""

    records: list[LocationRecord]
    total: int = 0
    accepted: int = 0
    unanswered: int = 0
    rejected: int = 0
    malformed: int = 0

    def counts(self) -> dict[str, int]:
        return {"total": self.total, "accepted": self.accepted, "unanswered": self.unanswered,
                "rejected": self.rejected, "malformed": self.malformed}  # fmt: skip


def read_records(path: Path) -> ReadResult:
    """The accepted records of a Halterman zip (or of a plain JSON array file)."""
    rows = _load(path)
    result = ReadResult(records=[], total=len(rows))
    for row in rows:
        answer = row.get("answer")
        if answer is None:
            result.unanswered += 1
            continue
        if answer != "accept":
            result.rejected += 1
            continue
        result.accepted += 1
        record = _record(row)
        if record is None:
            result.malformed += 1
        else:
            result.records.append(record)
    return result


def _load(path: Path) -> list[dict[str, Any]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.startswith("__MACOSX") and not n.endswith("/")]
            if len(names) != 1:
                raise ValueError(f"{path}: expected one data file in the zip, found {names}")
            raw = archive.read(names[0]).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        return [row for row in json.loads(raw) if isinstance(row, dict)]
    return [json.loads(line) for line in raw.splitlines() if line.strip()]  # true JSON Lines, should one come


def _record(row: dict[str, Any]) -> LocationRecord | None:
    text, tokens, spans = row.get("text"), row.get("tokens") or [], row.get("spans")
    if not isinstance(text, str) or not spans:
        return None
    verbs: list[tuple[int, int]] = []
    places: list[tuple[int, int]] = []
    for span in spans:
        found = _chars(span, tokens)
        if found is None:
            return None
        (verbs if span.get("label") == "VERB" else places if span.get("label") == "LOCATION" else []).append(found)
    if len(verbs) != 1:
        return None
    return LocationRecord(text=text, verb=verbs[0], locations=sorted(places), source=str(row.get("source") or "?"))


def _chars(span: dict[str, Any], tokens: list[dict[str, Any]]) -> tuple[int, int] | None:
    first, last = span.get("token_start"), span.get("token_end")
    if isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens):
        return tokens[first]["start"], tokens[last]["end"]
    if isinstance(span.get("start"), int) and isinstance(span.get("end"), int) and span["start"] < span["end"]:
        return span["start"], span["end"]
    return None


SPLITS = ("heldout", "train", "all")


def predict(record: LocationRecord, doc: Doc, kb: KnowledgeBase, rules: bool = False) -> tuple[int, int] | None:
    """Where detente says the event of the record's verb happened (character range), or None.

    With ``rules``, what the clause rules alone say (the coder without its ranker).
    """
    head = verb_token(doc, record.verb)
    if head is None:
        return None
    match = match_trigger(head)
    locate = rule_location if rules else event_location
    located = locate(head, kb, match[0] if match else None)
    return (located.start, located.end) if located is not None else None


def default_split() -> str:
    """'heldout' when the loaded ranker was trained on this set (its training records would flatter it), else 'all'."""
    model = load_location_model()
    return "heldout" if model is not None and model.meta.get("trained_on") == TRAINED_ON else "all"


def in_split(record: LocationRecord, split: str) -> bool:
    """Whether a record belongs to a split: the same hash of its sentence the training script uses."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}, expected one of {SPLITS}")
    return split == "all" or is_heldout(record.text) == (split == "heldout")


def verb_token(doc: Doc, verb: tuple[int, int]) -> Token | None:
    """The token of a VERB span: its syntactic head when the span covers several tokens."""
    span = doc.char_span(*verb, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def evaluate_locations(
    path: Path, limit: int | None = None, kb: KnowledgeBase | None = None, split: str | None = None, rules: bool = False
) -> dict[str, Any]:
    """Figures of the coder's place choice on the accepted records of ``path`` in ``split`` (the first ``limit``).

    ``split`` is 'heldout', 'train' or 'all'; None takes :func:`default_split`. With ``rules``,
    the clause rules alone are scored. The result holds ``records`` (the reading counts),
    ``split``, ``locator`` ('ranker' or 'rules'), the scores of :func:`score` and ``misses``:
    every record scored wrong as ``{text, verb, gold, predicted, source}``.
    """
    kb = kb or load_kb()
    split = split or default_split()
    read = read_records(path)
    records = [record for record in read.records if in_split(record, split)]
    records = records[:limit] if limit else records
    pairs = [(record, predict(record, doc, kb, rules)) for record, doc in parse_many(records, lambda r: r.text)]
    locator = "rules" if rules or load_location_model() is None else "ranker"
    return {"records": read.counts(), "split": split, "locator": locator} | score(pairs)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def is_right(record: LocationRecord, predicted: tuple[int, int] | None) -> bool:
    """Right: the location overlaps a gold LOCATION, or neither gold nor detente has one."""
    if predicted is None:
        return not record.locations
    return any(overlaps(predicted, gold) for gold in record.locations)


def score(pairs: Iterable[tuple[LocationRecord, tuple[int, int] | None]]) -> dict[str, Any]:
    """Accuracy, location precision/recall, the gold-none/predicted-none table, per-source accuracy, misses."""
    pairs = list(pairs)
    table: Counter[str] = Counter()
    by_source: dict[str, list[int]] = {}
    misses: list[dict[str, Any]] = []
    gold_spans = hit_spans = 0
    for record, predicted in pairs:
        right = is_right(record, predicted)
        gold_key = "gold_location" if record.locations else "gold_none"
        pred_key = "predicted_none" if predicted is None else "predicted_right" if right else "predicted_wrong"
        table[f"{gold_key}/{pred_key}"] += 1
        tally = by_source.setdefault(record.source, [0, 0])
        tally[0] += right
        tally[1] += 1
        gold_spans += len(record.locations)
        hit_spans += sum(predicted is not None and overlaps(predicted, gold) for gold in record.locations)
        if not right:
            misses.append({
                "text": record.text,
                "verb": record.text[slice(*record.verb)],
                "gold": [record.text[slice(*g)] for g in record.locations],
                "predicted": record.text[slice(*predicted)] if predicted else None,
                "source": record.source,
            })  # fmt: skip
    predicted_n = sum(n for key, n in table.items() if not key.endswith("predicted_none"))
    correct = table["gold_location/predicted_right"]
    with_gold = sum(n for key, n in table.items() if key.startswith("gold_location"))
    precision = correct / predicted_n if predicted_n else 0.0
    recall = correct / with_gold if with_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cells = ["gold_location/predicted_right", "gold_location/predicted_wrong", "gold_location/predicted_none",
             "gold_none/predicted_wrong", "gold_none/predicted_none"]  # fmt: skip
    return {
        "scored": len(pairs),
        "accuracy": round(sum(t[0] for t in by_source.values()) / len(pairs), 4) if pairs else 0.0,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "span_recall": round(hit_spans / gold_spans, 4) if gold_spans else 0.0,
        "predicted": predicted_n,
        "gold": with_gold,
        "table": {cell: table[cell] for cell in cells},
        "per_source": {src: {"accuracy": round(r / n, 4), "n": n} for src, (r, n) in sorted(by_source.items())},
        "misses": misses,
    }
