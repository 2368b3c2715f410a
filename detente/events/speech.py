"""Events carried by quotations, and quotations attached to events.

Two rules: an imperative quoted to someone is a request ("told Putin, 'Don't
meddle in the election'" → REQUEST Trump → Putin); and a quote whose speaker
is an event's source, about or addressed to its target, in the same or the
next sentence, is evidence for that event. First-person words inside a quote
are its speaker ("'I like Putin,' Trump said" → Trump likes Putin).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.actors.resolve import ActorIndex, ActorMention
from detente.events.arguments import Arguments
from detente.events.code import ArticleContext, EventMention, build_mention
from detente.events.lexicon import Trigger
from detente.model import Quote

FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
IMPERATIVE_LEAD = {"do", "don't", "don’t", "n't", "n’t", "not", "please", "never", "just", "now"}
REQUEST = Trigger("quote", "VERB", "", "", "", "REQUEST", None, "100", True)


def bind_first_person(doc: Doc, quotes: list[Quote], index: ActorIndex) -> None:
    """Inside a quote, I/me/my is the speaker."""
    for quote in quotes:
        actor = quote.speaker.actor if quote.speaker else None
        if actor is None:
            continue
        for token in doc.char_span(quote.start, quote.end, alignment_mode="expand") or []:
            if token.lower_ in FIRST_PERSON and token.i not in index.by_token:
                index.add(ActorMention(token.i, token.i + 1, token.i, [actor], "pronoun", "first person inside a quote of the speaker",
                                       token.idx, token.idx + len(token.text)))  # fmt: skip


def quote_requests(ctx: ArticleContext, quotes: list[Quote]) -> list[EventMention]:
    """Direct quotes that are imperatives addressed to an actor become REQUEST events."""
    found = []
    for quote in quotes:
        speaker = quote.speaker.actor if quote.speaker else None
        addressee = quote.addressee.actor if quote.addressee else None
        if not quote.direct or speaker is None or addressee is None or quote.cue is None:
            continue
        content = ctx.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        cue = ctx.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if content is None or cue is None or not _imperative(list(content)):
            continue
        mention = build_mention(ctx, REQUEST, cue.root, Arguments(source=[speaker], target=[addressee]))
        if mention is not None:
            mention.quotes.append(quote)
            found.append(mention)
    return found


def _imperative(tokens: list[Token]) -> bool:
    """A quote opening with a bare verb ('Stop ...', 'Don't meddle ...') with no subject of its own."""
    for token in tokens[:4]:
        if token.is_punct or token.lower_ in IMPERATIVE_LEAD:
            continue
        return token.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    return False


def attach_quotes(mentions: list[EventMention], quotes: list[Quote], doc: Doc) -> None:
    """Give each event the direct quotes its source said about or to its target, nearby.

    Only words in quotation marks are attached: an indirect attribution's
    content is the reporter's paraphrase, kept with the article's quotes.
    """
    sentence_of = {s.start_char: n for n, s in enumerate(doc.sents)}
    starts = sorted(sentence_of)

    def sentence_index(offset: int) -> int:
        n = 0
        for position, start in enumerate(starts):
            if start <= offset:
                n = position
        return n

    for mention in mentions:
        where = sentence_index(mention.sentence.start)
        sources = {a.id for a in mention.source}
        targets = {a.id for a in mention.target} or sources
        names = {a.name.split()[-1].lower() for a in mention.target}
        for quote in quotes:
            if any(q is quote for q in mention.quotes):
                continue
            speaker = quote.speaker.actor if quote.speaker else None
            if not quote.direct or speaker is None or speaker.id not in sources:
                continue
            if sentence_index(quote.start) - where not in {0, 1}:
                continue
            addressee = quote.addressee.actor if quote.addressee else None
            inside = quote.start <= mention.trigger.start < quote.end
            about = (addressee is not None and addressee.id in targets) or any(n in quote.text.lower() for n in names)
            if inside or about:
                mention.quotes.append(quote)
