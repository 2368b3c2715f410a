"""Given a sentence and two spans in it, which event links them (``detente relate``).

The same lexicon and trigger matching as ``extract``: the trigger is sought
first on the dependency path between the two spans (the predicate that
governs the target, nearest first), then anywhere in the sentence, nearest
to the target. When nothing in the lexicon links them, the answer says so
with a low confidence rather than pretending.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from detente.events.code import match_trigger
from detente.events.lexicon import Trigger, best_trigger

FALLBACK_TYPE = "CONSULT"


@dataclass
class Relation:
    """The coded link between a source and a target span."""

    type: str
    mode: str | None
    cameo: str
    confidence: float
    trigger: str | None


def relate(doc: Doc, source: str, target: str) -> Relation:
    """Code the relation between two spans (given as text) of a parsed sentence."""
    src = _span_root(doc, source)
    tgt = _span_root(doc, target)
    for confidence, token in _candidates(doc, src, tgt):
        found = _trigger_at(token)
        if found is not None:
            return Relation(found.type, found.mode, found.cameo, confidence, token.text)
    return Relation(FALLBACK_TYPE, None, "040", 0.05, None)


def _span_root(doc: Doc, text: str) -> Token | None:
    start = doc.text.find(text) if text else -1
    if start < 0:
        return None
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _candidates(doc: Doc, src: Token | None, tgt: Token | None) -> list[tuple[float, Token]]:
    """Tokens to try, with the confidence a trigger found there deserves."""
    ordered: list[tuple[float, Token]] = []
    if tgt is not None:
        src_line = {t.i for t in [src, *src.ancestors]} if src is not None else set()
        for token in [tgt, *tgt.ancestors]:
            ordered.append((0.8 if token.i in src_line or src is None else 0.7, token))
    if src is not None:
        ordered.extend((0.6, t) for t in [src, *src.ancestors])
    anchor = tgt or src
    rest = sorted(doc, key=lambda t: abs(t.i - anchor.i) if anchor is not None else t.i)
    ordered.extend((0.35, t) for t in rest)
    return ordered


def _trigger_at(token: Token) -> Trigger | None:
    """The lexicon row for a token, in its construction or, failing that, by its lemma alone."""
    match = match_trigger(token)
    if match is not None:
        return match[0]
    if token.pos_ in {"VERB", "NOUN"}:
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        return best_trigger(token.lemma_.lower(), token.pos_, set(), preps, set())
    return None
