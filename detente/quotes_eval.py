"""Score ``find_quotes`` against PolNeAR attribution annotations (brat standoff).

Why this exists: quote finding is tuned on hand-written sentences; PolNeAR gives
the honest figure on real political news. Each attribution ties a Content span to
a Cue and (usually) a Source span. We report overlap F1 over all attributions and
over direct quotes only, exact-span F1, and how often the speaker we pick overlaps
the annotated source.

Run: ``python -m detente.quotes_eval /path/to/polnear/dev``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from detente.model import Quote
from detente.nlp import clean_text, load_model
from detente.quotes import find_quotes

_QUOTE_MARKS = "“”\"‘’«»"
_DOUBLE_OR_SINGLE = re.compile(r"[“”\"«»]|''|(?<!\w)‘(?=\w)")
_STRIP = " \t\r\n,.;:'" + _QUOTE_MARKS


@dataclass
class Gold:
    """One annotated attribution: content and source as character ranges."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


@dataclass
class _Counts:
    """Matched, predicted and gold totals for one F1."""

    matched_pred: int = 0
    matched_gold: int = 0
    pred: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float | int]:
        """Precision, recall and F1 with the counts behind them."""
        precision = self.matched_pred / self.pred if self.pred else 0.0
        recall = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "pred": self.pred,
            "gold": self.gold,
        }


def read_annotations(ann: Path, text: str) -> list[Gold]:
    """The attributions of one brat file; discontinuous spans keep all their pieces."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [_pair(piece) for piece in offsets.split(";") if piece.strip()]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            relations.append({re.sub(r"\d+$", "", k): v for k, v in roles.items()})
    out: list[Gold] = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), [])
        out.append(Gold(content=content, source=source, direct=_is_direct(text, content)))
    return out


def _pair(piece: str) -> tuple[int, int]:
    """A brat ``start end`` pair."""
    start, end = piece.split()
    return int(start), int(end)


def _is_direct(text: str, content: list[tuple[int, int]]) -> bool:
    """Gold content counts as direct when it holds quoted words (whole or partial quotes).

    Marks just outside the span count too, since annotators differ on including them.
    """
    start, end = content[0][0], content[-1][1]
    return bool(_DOUBLE_OR_SINGLE.search(text, max(0, start - 2), min(len(text), end + 1)))


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    """Characters shared by two sets of ranges."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """A range without surrounding marks, spaces and closing punctuation, for exact matching."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _match(preds: list[Quote], golds: list[Gold]) -> list[tuple[Quote, Gold]]:
    """Greedy one-to-one pairing by largest character overlap (for speaker accuracy)."""
    pairs = []
    for p_index, pred in enumerate(preds):
        for g_index, gold in enumerate(golds):
            shared = _overlap([(pred.start, pred.end)], gold.content)
            if shared > 0:
                pairs.append((shared, p_index, g_index))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, p_index, g_index in sorted(pairs, reverse=True):
        if p_index not in used_p and g_index not in used_g:
            used_p.add(p_index)
            used_g.add(g_index)
            out.append((preds[p_index], golds[g_index]))
    return out


def _articles(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; an article annotated twice is scored on its first annotator."""
    out = []
    for text in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            out.append((text, anns[0]))
    return out


def evaluate_polnear(folder: Path, docs: Iterable[Doc] | None = None) -> dict:
    """Overlap F1 (all and direct), exact-span F1 and speaker accuracy over a PolNeAR split.

    ``docs`` are the parses of the split's texts in article order, when already made.
    """
    overlap_all, overlap_direct, exact = _Counts(), _Counts(), _Counts()
    speaker = _SpeakerCounts()
    speaker_direct = _SpeakerCounts()
    articles = _articles(folder)
    texts = [path.read_text(encoding="utf-8") for path, _ in articles]
    if docs is None:
        docs = load_model().pipe(clean_text(t) for t in texts)
    for (_, ann), text, doc in zip(articles, texts, docs, strict=True):
        golds = read_annotations(ann, text)
        preds = find_quotes(doc, ann.stem)
        _count(overlap_all, preds, golds)
        _count(overlap_direct, [p for p in preds if p.direct], [g for g in golds if g.direct])
        gold_cores = {_core(text, g.content[0][0], g.content[-1][1]) for g in golds}
        pred_cores = {_core(text, p.start, p.end) for p in preds}
        hits = len(gold_cores & pred_cores)
        exact.matched_pred += hits
        exact.matched_gold += hits
        exact.pred += len(pred_cores)
        exact.gold += len(gold_cores)
        for pred, gold in _match(preds, golds):
            if not gold.source:
                continue
            speaker.add(pred, gold)
            if gold.direct:
                speaker_direct.add(pred, gold)
    return {
        "articles": len(articles),
        "overlap_all": overlap_all.scores(),
        "overlap_direct": overlap_direct.scores(),
        "exact_all": exact.scores(),
        "speaker_accuracy": speaker.accuracy(),
        "speaker_accuracy_when_given": speaker.accuracy_when_given(),
        "speaker_pairs": speaker.total,
        "speaker_accuracy_direct": speaker_direct.accuracy(),
        "speaker_accuracy_direct_when_given": speaker_direct.accuracy_when_given(),
        "speaker_pairs_direct": speaker_direct.total,
    }


@dataclass
class _SpeakerCounts:
    """Speaker overlap over matched pairs whose gold attribution names a source."""

    right: int = 0
    given: int = 0
    total: int = 0

    def add(self, pred: Quote, gold: Gold) -> None:
        """Count one matched pair: right when the speaker's words overlap the gold source."""
        self.total += 1
        found = pred.speaker
        if found is None or found.start is None or found.end is None:
            return
        self.given += 1
        if _overlap([(found.start, found.end)], gold.source) > 0:
            self.right += 1

    def accuracy(self) -> float:
        """Right over all pairs (a missing speaker counts as wrong)."""
        return round(self.right / self.total, 4) if self.total else 0.0

    def accuracy_when_given(self) -> float:
        """Right over the pairs where a speaker with offsets was given."""
        return round(self.right / self.given, 4) if self.given else 0.0


def _count(counts: _Counts, preds: list[Quote], golds: list[Gold]) -> None:
    """Add one article's overlap matches to a running F1.

    A prediction is right when it overlaps some attribution, and an attribution is
    found when some prediction overlaps it: a quote split around its cue ("A," she
    said, "B.") is two right predictions of one annotated attribution.
    """
    counts.matched_pred += sum(any(_overlap([(p.start, p.end)], g.content) for g in golds) for p in preds)
    counts.matched_gold += sum(any(_overlap([(p.start, p.end)], g.content) for p in preds) for g in golds)
    counts.pred += len(preds)
    counts.gold += len(golds)


if __name__ == "__main__":
    print(json.dumps(evaluate_polnear(Path(sys.argv[1])), indent=2))
