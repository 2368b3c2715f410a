"""Score ``detente relate`` on sentences with a gold PLOVER type for a (source, target) pair.

The input is JSON Lines with ``text``, ``source``, ``target`` and ``type``
(the layout of the PLV set, Hu et al. 2024, where CONCEDE and RETREAT are one
class, YIELD). Reports accuracy, macro-F1 over the gold classes, per-class
figures and how often the coder found no trigger at all.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from detente.events.relate import relate
from detente.nlp import parse_many

MERGED = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def evaluate_relate(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Accuracy and macro-F1 of the relation coder on a gold file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    pairs: list[tuple[str, str]] = []
    fallback = 0
    for row, doc in parse_many(rows, lambda r: r["text"]):
        found = relate(doc, row.get("source") or "", row.get("target") or "")
        fallback += found.trigger is None
        pairs.append((MERGED.get(row["type"], row["type"]), MERGED.get(found.type, found.type)))
    return _scores(pairs) | {"no_trigger": fallback}


def _scores(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    per_class = {}
    for label in sorted(gold):
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        recall = hits[label] / gold[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "n": gold[label]}
    macro = sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0
    return {
        "n": len(pairs),
        "accuracy": round(sum(hits.values()) / len(pairs), 4) if pairs else 0.0,
        "macro_f1": round(macro, 4),
        "per_class": per_class,
    }
