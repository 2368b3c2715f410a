"""Score ``analyse_time`` against TimeML files with TIMEX3 gold tags.

Each file's document creation time (DCT) is passed as the publication date:
the TIMEX3 marked ``functionInDocument="CREATION_TIME"`` when there is one
(TimeML says that is the DCT wherever it sits), else the first TIMEX3 inside
``<DCT>``. Spans are scored strictly (same characters) and relaxed (any
overlap); values are scored on the relaxed matches (accuracy) and end to end
(F1: a prediction counts only if it overlaps a gold tag and has its value).

The same figures are given per TIMEX3 type, because the types fail in
different ways (a DURATION read as a DATE, a weekday on the wrong side of the
DCT): recall counts the gold tags of the type, precision the predictions of
the type, so a type error costs the gold type recall and the predicted type
precision.

    python -m detente.timex.evaluate /path/to/TBAQ-cleaned
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import Timex
from . import analyse_time

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TIMEX_TAG = re.compile(r"<TIMEX3\b[^>]*>")
_DCT_TIMEX = re.compile(r"<DCT>\s*(<TIMEX3\b[^>]*>)")

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class Gold:
    """One gold TIMEX3: its span in the tag-free text, type and value."""

    start: int
    end: int
    type: str
    value: str


def document_creation_time(raw: str) -> str | None:
    """The value of the CREATION_TIME timex, else of the first timex in ``<DCT>``; None without either."""
    for tag in _TIMEX_TAG.findall(raw):
        attributes = dict(_ATTR.findall(tag))
        if attributes.get("functionInDocument") == "CREATION_TIME" and attributes.get("value"):
            return attributes["value"]
    match = _DCT_TIMEX.search(raw)
    return dict(_ATTR.findall(match[1])).get("value") if match else None


def read_timeml(path: Path) -> tuple[str, str | None, list[Gold]]:
    """The plain text of a TimeML file's TEXT element, its DCT value and its TIMEX3 tags."""
    raw = path.read_text(encoding="utf-8")
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
    return "".join(out), document_creation_time(raw), golds


def _f1(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return _scores(precision, recall)


def _scores(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _overlaps(a: Timex | Gold, b: Timex | Gold) -> bool:
    return a.start < b.end and b.start < a.end


def _count_file(counts: Counter[str], golds: list[Gold], predicted: list[Timex]) -> None:
    """Add one file's matches to ``counts``: overall keys bare, per-type keys as ``TYPE:key``."""
    counts["gold"] += len(golds)
    counts["predicted"] += len(predicted)
    counts["files"] += 1
    spans = {(g.start, g.end) for g in golds}
    counts["strict"] += sum((t.start, t.end) in spans for t in predicted)
    for gold in golds:
        counts[f"{gold.type}:gold"] += 1
        overlapping = [t for t in predicted if _overlaps(t, gold)]
        if not overlapping:
            continue
        best = overlapping[0]
        counts["relaxed_gold"] += 1
        counts[f"{gold.type}:relaxed_gold"] += 1
        counts["type_correct"] += best.type == gold.type
        counts["value_correct"] += best.value == gold.value
        counts[f"{gold.type}:value_gold"] += best.value == gold.value
    for timex in predicted:
        counts[f"{timex.type}:predicted"] += 1
        overlapping = [g for g in golds if _overlaps(timex, g)]
        if overlapping:
            counts["relaxed_predicted"] += 1
            counts[f"{timex.type}:relaxed_predicted"] += 1
            counts[f"{timex.type}:value_predicted"] += overlapping[0].value == timex.value


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _per_type(counts: Counter[str], type_: str) -> dict:
    """Gold and predicted counts, relaxed span F1 and value F1 of one TIMEX3 type."""
    gold, predicted = counts[f"{type_}:gold"], counts[f"{type_}:predicted"]
    relaxed = _scores(
        _ratio(counts[f"{type_}:relaxed_predicted"], predicted), _ratio(counts[f"{type_}:relaxed_gold"], gold)
    )
    value = _scores(
        _ratio(counts[f"{type_}:value_predicted"], predicted), _ratio(counts[f"{type_}:value_gold"], gold)
    )
    return {"gold": gold, "predicted": predicted, "relaxed": relaxed, "value": value}


def evaluate_timeml(folder: Path) -> dict:
    """Span and value scores of ``analyse_time`` over every ``*.tml`` file under ``folder``, overall and per type."""
    from ..nlp import parse

    counts: Counter[str] = Counter()
    for path in sorted(Path(folder).rglob("*.tml")):
        text, dct, golds = read_timeml(path)
        _count_file(counts, golds, analyse_time(parse(text), path.stem, dct).timexes)
    matched = counts["relaxed_gold"]
    return {
        "files": counts["files"],
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "strict": _f1(counts["strict"], counts["predicted"], counts["gold"]),
        "relaxed": _scores(
            _ratio(counts["relaxed_predicted"], counts["predicted"]), _ratio(matched, counts["gold"])
        ),
        "type_accuracy": round(_ratio(counts["type_correct"], matched), 4),
        "value_accuracy": round(_ratio(counts["value_correct"], matched), 4),
        "value": _f1(counts["value_correct"], counts["predicted"], counts["gold"]),
        "per_type": {type_: _per_type(counts, type_) for type_ in TYPES},
    }


def _table(scores: dict) -> str:
    """The per-type figures as a small text table, for reading at a terminal."""
    lines = [f"{'type':<9}{'gold':>6}{'pred':>6}{'span F1':>9}{'value F1':>10}"]
    for type_, row in scores["per_type"].items():
        lines.append(
            f"{type_:<9}{row['gold']:>6}{row['predicted']:>6}{row['relaxed']['f1']:>9.3f}{row['value']['f1']:>10.3f}"
        )
    lines.append(
        f"{'all':<9}{scores['gold']:>6}{scores['predicted']:>6}"
        f"{scores['relaxed']['f1']:>9.3f}{scores['value']['f1']:>10.3f}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import json

    result = evaluate_timeml(Path(sys.argv[1]))
    print(json.dumps(result, indent=2))
    print(_table(result), file=sys.stderr)
