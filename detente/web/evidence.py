"""Evidence as a page shows it: the sentence split around its trigger, and only safe links.

The store keeps each mention's sentence and offsets into the article text
(not the text itself), with the trigger's offsets in the same text; so the
trigger's place in the sentence is its offset minus the sentence's. Pieces
are plain strings the template escapes; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from detente.model import Mention


@dataclass(frozen=True)
class Piece:
    """A run of the sentence; ``trigger`` marks the words that name the event."""

    text: str
    trigger: bool = False


def sentence_pieces(mention: Mention) -> list[Piece]:
    """The sentence with its trigger marked, found by offsets or, failing that, by its words."""
    sentence, trigger = mention.sentence or "", mention.trigger
    if trigger is None or not trigger.text:
        return [Piece(sentence)]
    start = trigger.start - mention.start
    if sentence[start : start + len(trigger.text)] != trigger.text:
        start = sentence.find(trigger.text)
    if start < 0:
        return [Piece(sentence)]
    end = start + len(trigger.text)
    return [p for p in (Piece(sentence[:start]), Piece(sentence[start:end], True), Piece(sentence[end:])) if p.text]


def safe_url(url: str | None) -> str | None:
    """The article URL when it is an http(s) address; anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None
