"""Score ``analyse_time`` against TimeML files with TIMEX3 gold tags.

Each file's document creation time (DCT) is passed as the publication date.
Spans are scored strictly (same characters) and relaxed (any overlap); values
are scored on the relaxed matches (accuracy) and end to end (F1: a prediction
counts only if it overlaps a gold tag and has its value).

    python -m detente.timex.evaluate /path/to/TBAQ-cleaned
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import analyse_time

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    """One gold TIMEX3: its span in the tag-free text, type and value."""

    start: int
    end: int
    type: str
    value: str


def read_timeml(path: Path) -> tuple[str, str | None, list[Gold]]:
    """The plain text of a TimeML file's TEXT element, its DCT value and its TIMEX3 tags."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]*)"', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    golds: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for match in _TAG.finditer(body):
        piece = html.unescape(body[position : match.start()])
        out.append(piece)
        length += len(piece)
        position = match.end()
        closing, name, attrs = match.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            golds.append(Gold(start, length, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[position:]))
    return "".join(out), dct_match[1] if dct_match else None, golds


def _f1(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate_timeml(folder: Path) -> dict:
    """Span and value scores of ``analyse_time`` over every ``*.tml`` file under ``folder``."""
    from ..nlp import parse

    counts: Counter[str] = Counter()
    for path in sorted(Path(folder).rglob("*.tml")):
        text, dct, golds = read_timeml(path)
        analysis = analyse_time(parse(text), path.stem, dct)
        predicted = analysis.timexes
        counts["gold"] += len(golds)
        counts["predicted"] += len(predicted)
        counts["files"] += 1
        spans = {(g.start, g.end) for g in golds}
        counts["strict"] += sum((t.start, t.end) in spans for t in predicted)
        for gold in golds:
            overlapping = [t for t in predicted if t.start < gold.end and gold.start < t.end]
            if not overlapping:
                continue
            counts["relaxed_gold"] += 1
            best = overlapping[0]
            counts["type_correct"] += best.type == gold.type
            counts["value_correct"] += best.value == gold.value
        counts["relaxed_predicted"] += sum(
            any(t.start < g.end and g.start < t.end for g in golds) for t in predicted
        )
    relaxed = _f1(counts["relaxed_predicted"], counts["predicted"], counts["gold"])
    relaxed["recall"] = round(counts["relaxed_gold"] / counts["gold"], 4) if counts["gold"] else 0.0
    p, r = relaxed["precision"], relaxed["recall"]
    relaxed["f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    matched = counts["relaxed_gold"]
    return {
        "files": counts["files"],
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "strict": _f1(counts["strict"], counts["predicted"], counts["gold"]),
        "relaxed": relaxed,
        "type_accuracy": round(counts["type_correct"] / matched, 4) if matched else 0.0,
        "value_accuracy": round(counts["value_correct"] / matched, 4) if matched else 0.0,
        "value": _f1(counts["value_correct"], counts["predicted"], counts["gold"]),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(evaluate_timeml(Path(sys.argv[1])), indent=2))
