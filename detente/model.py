"""The records detente reads and writes, and their JSON form.

Every stage exchanges these plain dataclasses, so the CLI, worker processes and
the store agree on one shape. ``to_dict``/``from_dict`` give the JSON of
``interfaces.md``; fields that are ``None`` are kept (a null says "unknown"),
and every fallback carries a ``reason``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Article:
    """One news article as read from any source.

    ``text`` is kept exactly as read: all offsets elsewhere index into it.
    Unknown input keys survive in ``meta``. ``published_basis`` says where the
    publication date came from (``given`` by the input, ``inferred`` from the
    URL or the top lines, with ``published_reason``).
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    published_basis: str | None = None
    published_reason: str | None = None
    origin: str | None = None
    """Where the article was read from ("news.jsonl:12"), for messages about it."""


@dataclass
class Actor:
    """A resolved political actor: a knowledge-base entry (person, state or organisation)."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None


@dataclass
class TimeValue:
    """When an event happened, as precisely as the text allows and no more.

    ``basis`` is ``text``, ``narrative``, ``knowledge`` or ``publication``;
    ``reason`` always says how the value was reached (or why it is null).
    """

    value: str | None
    granularity: str | None
    basis: str
    reason: str


@dataclass
class Timex:
    """A time expression found in an article, normalised to a TIMEX3 value."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    granularity: str | None = None
    basis: str = "text"
    reason: str = ""


@dataclass
class Place:
    """Where an event happened."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Span:
    """A piece of an article: character offsets into the original text."""

    text: str
    start: int
    end: int


@dataclass
class Speaker:
    """Who said a quote: the words that name them and, when resolved, the actor."""

    name: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    actor: Actor | None = None


@dataclass
class Quote:
    """A direct quotation (or attribution) with its speaker and who relayed it."""

    doc_id: str
    start: int
    end: int
    text: str
    cue: Span | None = None
    speaker: Speaker | None = None
    addressee: Speaker | None = None
    reported_by: str | None = None
    direct: bool = True


@dataclass
class Mention:
    """One report of an event: the evidence sentence in one article."""

    doc_id: str
    sentence: str
    start: int
    end: int
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    trigger: Span | None = None


@dataclass
class Event:
    """Who did what to whom, when and where, with every report of it."""

    id: str
    type: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    status: str
    source: list[Actor]
    target: list[Actor]
    date: TimeValue
    location: Place | None = None
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.5
    status_reason: str = ""
    sources: int | None = None
    """Independent sources in the store (syndicated copies count once); None outside a store."""
    contexts: list[str] = field(default_factory=list)
    """PLOVER contexts the text makes clear ('economic', 'military', 'election', ...), sorted."""
    links: list[dict[str, Any]] = field(default_factory=list)
    """Other stored events this one is linked to: ``{"kind", "event_id", "date"}`` (a plan and the meeting
    held, see ``Store``); empty outside a store, as links join events reported by different articles."""


@dataclass
class ArticleResult:
    """Everything the per-article analysis finds in one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """The JSON-ready dict of any record above (nested records included)."""
    return dataclasses.asdict(record)


def to_json(record: Any) -> str:
    """One line of JSON for a record."""
    return json.dumps(to_dict(record), ensure_ascii=False)


_NESTED: dict[type, dict[str, type]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (and its nested records) from ``to_dict`` output."""
    nested = _nested_fields(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = data[f.name]
        inner = nested.get(f.name)
        if inner is not None and value is not None:
            if isinstance(value, list):
                value = [from_dict(inner, v) for v in value]
            else:
                value = from_dict(inner, value)
        kwargs[f.name] = value
    return cls(**kwargs)


def from_json(cls: type[T], line: str) -> T:
    """Rebuild a record from one line of JSON."""
    return from_dict(cls, json.loads(line))


def _nested_fields(cls: type) -> dict[str, type]:
    """Which fields of ``cls`` hold other records (or lists of them)."""
    if cls not in _NESTED:
        hints = {
            "Actor": Actor,
            "TimeValue": TimeValue,
            "Place": Place,
            "Span": Span,
            "Speaker": Speaker,
            "Quote": Quote,
            "Mention": Mention,
            "Event": Event,
            "Timex": Timex,
            "Article": Article,
        }
        found: dict[str, type] = {}
        for f in dataclasses.fields(cls):
            annotation = str(f.type)
            for name, record in hints.items():
                if name in annotation.replace("|", " ").replace("[", " ").replace("]", " ").split():
                    found[f.name] = record
        _NESTED[cls] = found
    return _NESTED[cls]
