"""The per-article analysis: ``Article -> ArticleResult``, a pure function over one parse.

The CLI, worker processes and (later) Dask all call :func:`analyse` or
:func:`analyse_many`; the spaCy model and the knowledge base are loaded once
per process. Stages, in order, all reading the same ``Doc``: time expressions,
actors (dated by the time analysis), quotes (speakers resolved through the
actors), events, quotes attached to events, and the merge inside the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from detente.actors.kb import KnowledgeBase, load_kb
from detente.actors.resolve import ActorIndex, DateAt, resolve_actors
from detente.events.arguments import subject_actors
from detente.events.code import ArticleContext, code_events
from detente.events.speech import attach_quotes, bind_first_person, quote_requests
from detente.merge import merge_in_article
from detente.model import Article, ArticleResult, Quote, Speaker
from detente.nlp import load_model, map_parsed
from detente.quotes import find_quotes
from detente.timex import TimeAnalysis, analyse_time, infer_publication, to_time_value


class ArticleTooLong(ValueError):
    """An article longer than the parser takes (spaCy's ``max_length``): reported, never parsed."""


def failure_reason(err: Exception) -> str:
    """The line a user reads when one article's analysis fails: a too-long article is bad input, anything else a bug."""
    return str(err) if isinstance(err, ArticleTooLong) else f"analysis failed ({type(err).__name__}: {err}); please report it"


def analyse_many(
    articles: Iterable[Article],
    on_error: Callable[[Article, Exception], None] | None = None,
    kb: KnowledgeBase | None = None,
) -> Iterator[ArticleResult]:
    """Analyse articles in order, parsing them in batches through ``nlp.pipe``.

    With ``on_error``, an article whose analysis fails is reported there and
    the run goes on (a command over a million articles must not stop at one);
    without it, the error propagates. ``kb`` defaults to the shipped knowledge
    base (``load_kb(files)`` merges a user's files over it).

    Each batch is parsed and analysed in a spaCy memory zone
    (:func:`detente.nlp.map_parsed`), so memory does not grow with the words
    the articles bring; the results are plain records, valid after it.
    """
    kb = kb if kb is not None else load_kb()
    build_matchers(kb)

    def parseable() -> Iterator[Article]:
        limit = load_model().max_length
        for article in articles:
            if len(article.text) <= limit:
                yield article
                continue
            too_long = ArticleTooLong(f"article of {len(article.text):,} characters; the parser takes at most {limit:,}")
            if on_error is None:
                raise too_long
            on_error(article, too_long)

    def analysed(article: Article, doc: Doc) -> ArticleResult | None:
        try:
            return analyse_doc(article, doc, kb)
        except Exception as err:
            if on_error is None:
                raise
            on_error(article, err)
            return None

    for result in map_parsed(parseable(), lambda a: a.text, analysed):
        if result is not None:
            yield result


def build_matchers(kb: KnowledgeBase) -> None:
    """Build the actor resolver's phrase matchers for ``kb`` now, outside any memory zone.

    Why: they are built on first use, and one built inside a zone registers
    its keys ('STATE', 'METONYM') as words of that zone; spaCy forgets them
    when the zone closes, and the next batch's matching fails (spaCy error
    E018). Resolving actors in an empty document builds them (once per
    knowledge base, and once per process for the Phoenix names) and costs
    nothing once they exist.
    """
    nlp = load_model()
    resolve_actors(nlp(""), lambda _token: None, kb)


def analyse(article: Article, kb: KnowledgeBase | None = None) -> ArticleResult:
    """Analyse one article."""
    return next(analyse_many([article], kb=kb))


def analyse_doc(article: Article, doc: Doc, kb: KnowledgeBase | None = None) -> ArticleResult:
    """Every stage on one parsed article."""
    kb = kb or load_kb()
    article = with_publication(article)
    time = analyse_time(doc, article.id, article.published)
    actors = resolve_actors(doc, date_at(doc, time, article.published), kb, now=article.published)
    quotes = find_quotes(doc, article.id)
    _resolve_quote_people(doc, quotes, actors, kb)
    bind_first_person(doc, quotes, actors)
    ctx = ArticleContext(doc=doc, actors=actors, time=time, kb=kb, published=article.published)
    mentions = code_events(ctx) + quote_requests(ctx, quotes)
    mentions.sort(key=lambda m: m.trigger.start)
    attach_quotes(mentions, quotes, doc)
    events = merge_in_article(mentions, article)
    return ArticleResult(article=article, events=events, quotes=quotes, timexes=time.timexes)


def actor_index(article: Article, doc: Doc, kb: KnowledgeBase | None = None) -> ActorIndex:
    """The actor mentions of a parsed article, each dated as the full analysis dates it.

    For measuring and explaining actor resolution alone (``detente eval actors``);
    ``article`` must already have its publication date (see :func:`with_publication`).
    """
    time = analyse_time(doc, article.id, article.published)
    return resolve_actors(doc, date_at(doc, time, article.published), kb or load_kb(), now=article.published)


def with_publication(article: Article) -> Article:
    """The article with its publication date given, or inferred from its URL and top lines.

    The inferred day drives "yesterday" and "on Friday" as a given one would;
    a month-only signal ("/2019/07/") is recorded but not used as a day.
    """
    if article.published:
        return replace(article, published_basis=article.published_basis or "given")
    found = infer_publication(article.text, article.url)
    if found is None or found.value is None:
        return replace(article, published_basis="none", published_reason="no publication date given or found")
    if found.granularity != "day":
        return replace(article, published_basis="none",
                       published_reason=f"only {found.value} found ({found.reason}): not a day to count from")  # fmt: skip
    return replace(article, published=found.value, published_basis="inferred", published_reason=found.reason)


def date_at(doc: Doc, time: TimeAnalysis, published: str | None) -> DateAt:
    """Token index → the date its sentence speaks of (for 'the Russian president' on that day)."""
    cache: dict[int, str | None] = {}

    def dated(i: int) -> str | None:
        sent = doc[i].sent
        if sent.start not in cache:
            cache[sent.start] = _sentence_date(sent.start_char, sent.end_char, time, published)
        return cache[sent.start]

    return dated


def _sentence_date(start: int, end: int, time: TimeAnalysis, published: str | None) -> str | None:
    for timex in time.at(start, end):
        value = to_time_value(timex) if timex.type == "DATE" else None
        if value is not None and value.value:
            return value.value
    narrative = time.narrative_at(start)
    if narrative is not None and narrative.value:
        return narrative.value
    return published


def _resolve_quote_people(doc: Doc, quotes: list[Quote], actors: ActorIndex, kb: KnowledgeBase) -> None:
    """Speakers and addressees are the actors mentioned by their words; outlets get their usual name.

    When the words found as the speaker name no actor (a misparsed subject such
    as "joking told Putin"), the cue's subject is sought as events seek theirs,
    through coordination and control. The speaker then keeps the words of the
    article that name it: the actor's mention nearest the cue in its sentence,
    else the words found before, so its offsets still point into the text.
    """
    for quote in quotes:
        for person in (quote.speaker, quote.addressee):
            _resolve_speaker(person, actors)
        if quote.cue is not None and (quote.speaker is None or quote.speaker.actor is None):
            cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
            found = subject_actors(cue.root, actors) if cue is not None and len(cue) else []
            if found and cue is not None:
                verb, actor = cue.root, found[0]
                sent = verb.sent
                named = [m for m in actors.in_span(sent.start_char, sent.end_char) if actor in m.actors]
                words = quote.speaker
                if named:
                    mention = min(named, key=lambda m: abs(m.head - verb.i))
                    text, start, end = doc.text[mention.start_char : mention.end_char], mention.start_char, mention.end_char
                elif words is not None:
                    text, start, end = words.text, words.start, words.end
                else:
                    text = start = end = None
                quote.speaker = Speaker(name=actor.name, text=text, start=start, end=end, actor=actor)
        if quote.reported_by:
            quote.reported_by = kb.outlets.get(quote.reported_by, quote.reported_by)


def _resolve_speaker(speaker: Speaker | None, actors: ActorIndex) -> None:
    if speaker is None or speaker.start is None or speaker.end is None:
        return
    mentions = actors.in_span(speaker.start, speaker.end)
    if mentions and mentions[-1].actors:
        speaker.actor = mentions[-1].actors[0]
        speaker.name = speaker.actor.name
