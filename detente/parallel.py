"""Ingest at scale: skip what the store holds before parsing, parse in worker processes, show progress.

``ingest`` is what ``detente ingest`` runs: articles already stored (by id or
by text) are found in batches with one query each and never parsed, so a
re-run over the same input costs a read and a hash per article; the rest are
analysed, in this process or by ``workers`` processes (``analyse_parallel``),
and written ``BATCH_SIZE`` per transaction together with the records skipped
on the way (the store's ``errors`` table).

This module imports neither spaCy nor the pipeline until there is something
to parse: a re-ingest that finds everything stored never loads the model.
Workers are started with ``spawn`` (safe beside DuckDB's and spaCy's threads,
and the same on every platform); each loads the model and the knowledge base
and builds the actor matchers once, in its initializer, and analyses chunks of
articles with :func:`detente.pipeline.analyse_many`, the function a single
process uses.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.model import Article, ArticleResult
from detente.sources import Problems
from detente.sources.language import keep_language
from detente.store import AddSummary, IngestError, Store, content_hash

if TYPE_CHECKING:
    from detente.actors.kb import KnowledgeBase

CHUNK_SIZE = 8
"""Articles per task sent to a worker.

Small, because when the input runs out one worker still finishes its last
chunk while the others wait: with 16 articles (about 0.75 CPU-seconds) that
wait was 0.5-1.2 s of a 50,000-word run on two workers, with 8 it was
0.1-0.25 s. Smaller chunks cost no measurable CPU: pickling a chunk and its
results takes milliseconds, and ``analyse_many`` over 4, 8, 16 or 32 articles
took the same CPU per article.
"""
KNOWN_BATCH = 500
"""Articles checked against the store per query before parsing."""
IN_FLIGHT = 6
"""Chunks queued per worker (48 articles, about two CPU-seconds of work), so a worker never waits
for the next while the main process reads and writes."""

OnError = Callable[[Article, Exception], None]


# -- skipping stored articles -----------------------------------------------


def skip_known(
    store: Store,
    articles: Iterable[Article],
    on_known: Callable[[Article], None] | None = None,
    batch_size: int = KNOWN_BATCH,
) -> Iterator[Article]:
    """The articles the store does not hold yet (by id or content hash), in order, each once.

    The store is asked once per ``batch_size`` articles; an article repeating
    one passed on earlier in this run (same id or same text) is skipped too.
    ``on_known`` hears about every skipped article. Call it outside the store's
    write transactions, as ``Store.add_many`` pulls its input between batches.
    """
    seen_ids: set[str] = set()
    seen_hashes: set[bytes] = set()
    for chunk in _chunks(articles, batch_size):
        for article, known in zip(chunk, store.known(chunk), strict=True):
            digest = bytes.fromhex(content_hash(article.text))
            if known or article.id in seen_ids or digest in seen_hashes:
                if on_known is not None:
                    on_known(article)
                continue
            seen_ids.add(article.id)
            seen_hashes.add(digest)
            yield article


# -- parallel analysis --------------------------------------------------------

_worker_kb: KnowledgeBase | None = None


def _init_worker(kb_files: tuple[str, ...], kb: KnowledgeBase | None) -> None:
    """Load the spaCy model and the knowledge base once per worker process, and build the actor matchers.

    The matchers (about two CPU-seconds) would otherwise be built inside the
    worker's first chunk, by ``analyse_many``; built here, a worker is as ready
    as one process after its warm-up when the initializer returns, so every
    chunk costs only its articles and start-up is the same whichever worker
    gets the first chunk.
    """
    global _worker_kb
    from detente.actors.kb import load_kb
    from detente.pipeline import build_matchers

    _worker_kb = kb if kb is not None else load_kb(kb_files)
    build_matchers(_worker_kb)


def _analyse_chunk(articles: list[Article]) -> list[tuple[ArticleResult | None, Exception | None]]:
    """``analyse_many`` over one chunk, in a worker: a result or an error for each article, in order."""
    from detente.pipeline import analyse_many

    failed: dict[int, Exception] = {}

    def note(article: Article, err: Exception) -> None:
        failed[id(article)] = _picklable(err)

    results = iter(list(analyse_many(articles, on_error=note, kb=_worker_kb)))
    # analyse_many yields the articles that did not fail, in order; on_error got the original objects.
    return [(None, failed[id(a)]) if id(a) in failed else (next(results), None) for a in articles]


def _picklable(err: Exception) -> Exception:
    """The error itself when it can cross back to the main process, else one that says the same."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def analyse_parallel(
    articles: Iterable[Article],
    workers: int,
    kb_files: Sequence[str] = (),
    on_error: OnError | None = None,
    *,
    kb: KnowledgeBase | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ArticleResult]:
    """Analyse articles in ``workers`` processes, yielding their results in input order.

    The same per-article analysis as :func:`detente.pipeline.analyse_many`,
    and the same contract: with ``on_error`` a failing article is reported
    there (in the calling process, in input order) and the run goes on;
    without it the error is raised. The knowledge base is ``kb`` when given
    (sent to each worker once), else ``load_kb(kb_files)`` loaded by each
    worker. ``workers <= 1`` analyses in this process. The input is read
    lazily, a few chunks ahead of the workers, in the calling thread.
    """
    if workers <= 1:
        from detente.actors.kb import load_kb
        from detente.pipeline import analyse_many

        yield from analyse_many(articles, on_error=on_error, kb=kb if kb is not None else load_kb(tuple(kb_files)))
        return
    chunks = _chunks(articles, chunk_size)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(tuple(str(f) for f in kb_files), kb),
    )
    pending: deque[tuple[list[Article], Future[list[tuple[ArticleResult | None, Exception | None]]]]] = deque()
    try:
        for chunk in islice(chunks, workers * IN_FLIGHT):
            pending.append((chunk, pool.submit(_analyse_chunk, chunk)))
        while pending:
            chunk, future = pending.popleft()
            outcomes = future.result()
            for following in islice(chunks, 1):
                pending.append((following, pool.submit(_analyse_chunk, following)))
            for article, (result, err) in zip(chunk, outcomes, strict=True):
                if err is not None:
                    if on_error is None:
                        raise err
                    on_error(article, err)
                elif result is not None:
                    yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- ingest -----------------------------------------------------------------


@dataclass
class IngestProblems(Problems):
    """``Problems`` that also keeps each skipped record as an :class:`IngestError` for the store.

    Readers call ``skip(source, line, why)`` as before; :func:`ingest` drains
    ``errors`` into the store with its batches. ``progress`` (set by
    :func:`ingest`) advances a progress bar past records the readers skip or
    exclude, so the bar reaches the total :func:`count_articles` gave.
    """

    errors: list[IngestError] = field(default_factory=list)
    progress: Callable[[int], Any] | None = None

    def skip(self, source: str, line: int | None, why: str, article_id: str | None = None) -> None:
        """Print and count the skip (as ``Problems`` does) and keep it for the store."""
        super().skip(source, line, why)
        self.errors.append(IngestError(source, line, article_id, why))
        if article_id is None and self.progress is not None:
            self.progress(1)

    def exclude(self, source: str, line: int | None, why: str) -> None:
        """Print and count a record left out by a filter (not an error: not stored)."""
        super().exclude(source, line, why)
        if self.progress is not None:
            self.progress(1)


def ingest(
    store: Store,
    articles: Iterable[Article],
    *,
    problems: Problems | None = None,
    kb: KnowledgeBase | None = None,
    kb_files: Sequence[str] = (),
    workers: int = 1,
    progress: Callable[[int], Any] | None = None,
    batch_size: int | None = None,
    languages: Collection[str] | None = None,
) -> AddSummary:
    """Add articles to the store, parsing only those it does not hold yet.

    ``problems`` counts every article read as processed (stored ones too)
    and is told about articles whose analysis fails, with the same message
    ``detente ingest`` always printed; when it is an :class:`IngestProblems`,
    every skip (readers' and analysis failures) is written to the store's
    ``errors`` table in the transaction of the batch it happened in.
    ``progress(n)`` is called as articles are done (stored, skipped as known,
    or failed), for a progress bar. Articles found already stored count as
    ``duplicates`` in the summary, as the store itself would count them.

    ``languages`` keeps only articles in those languages, judged (as
    ``read_paths`` would) AFTER stored articles are set aside: give the
    articles from ``read_paths(..., languages=None)`` and the languages here,
    and a re-run never runs language detection on what is already stored.
    """
    known = 0
    if isinstance(problems, IngestProblems) and problems.progress is None:
        problems.progress = progress

    def counted(fresh: Iterable[Article]) -> Iterator[Article]:
        for article in fresh:
            if languages is None or keep_language(article, problems or Problems(), languages):
                if problems is not None:
                    problems.ok()
                yield article
            elif progress is not None and not isinstance(problems, IngestProblems):
                progress(1)  # IngestProblems.exclude advanced it

    def on_known(_article: Article) -> None:
        nonlocal known
        known += 1
        if problems is not None:
            problems.ok()
        if progress is not None:
            progress(1)

    def failed(article: Article, err: Exception) -> None:
        from detente.pipeline import failure_reason

        if progress is not None:
            progress(1)
        why = failure_reason(err)
        if problems is None:
            return
        problems.processed -= 1
        source, line = split_origin(article.origin or article.id)
        if isinstance(problems, IngestProblems):
            problems.skip(source, line, f"article {article.id}: {why}", article_id=article.id)
        else:
            problems.skip(source, line, f"article {article.id}: {why}")

    def done(results: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
        for result in results:
            if progress is not None:
                progress(1)
            yield result

    fresh = _nonempty(counted(skip_known(store, articles, on_known)))
    results: Iterable[ArticleResult] = ()
    if fresh is not None:
        results = done(analyse_parallel(fresh, workers, kb_files, failed, kb=kb))
    errors = problems.errors if isinstance(problems, IngestProblems) else None
    summary = store.add_many(results, errors=errors, batch_size=batch_size)
    summary.duplicates += known
    return summary


def split_origin(origin: str) -> tuple[str, int | None]:
    """``"news.jsonl:12"`` -> ``("news.jsonl", 12)``; an origin without a line number is all source."""
    source, sep, line = origin.rpartition(":")
    if sep and source and line.isdigit():
        return source, int(line)
    return origin, None


# -- progress -----------------------------------------------------------------

MULTI_RECORD_UNCOUNTED = frozenset({".warc", ".warc.gz", ".rss", ".atom", ".xml"})
"""Files holding an unknown number of articles that only reading them would tell (then no total)."""


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles the paths hold, cheaply, for a progress bar's total (None when unknowable).

    Mirrors ``read_paths``: a ``*.jsonl`` file counts its non-blank lines, a
    ``*.csv`` its non-blank lines after the header, a ``*.parquet`` the rows
    its footer gives, any other file one article, a directory the readable
    files below it. Standard input (``-``), URLs, feeds and WARC archives
    cannot be counted without reading them: then the total is None (a bar
    with a rate but no ETA). Records that turn out bad or not in English are
    counted too: the total is an upper bound.
    """
    from detente.sources import files_below, reader_for

    total = 0
    for raw in paths:
        if raw == "-" or raw.lower().startswith(("http://", "https://")):
            return None
        path = Path(raw)
        try:
            if path.is_dir():
                files = [p for p in files_below(path) if reader_for(p) is not None]
            elif path.exists():
                files = [path]
            else:
                continue
        except OSError:
            continue  # unreadable: the reader will say so
        for file in files:
            found = _articles_in(file)
            if found is None:
                return None
            total += found
    return total


def _articles_in(path: Path) -> int | None:
    name = path.name.lower()
    if any(name.endswith(suffix) for suffix in MULTI_RECORD_UNCOUNTED):
        return None
    try:
        if name.endswith(".parquet"):
            import duckdb

            with duckdb.connect() as con:
                return int(con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0])
        if name.endswith((".jsonl", ".csv")):
            with path.open("rb") as lines:
                count = sum(1 for line in lines if not line.isspace())
            return max(0, count - 1) if name.endswith(".csv") else count
    except (OSError, RuntimeError, ValueError):
        return 0  # unreadable: the reader will say so
    return 1


# -- helpers ------------------------------------------------------------------


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _nonempty(items: Iterator[Article]) -> Iterator[Article] | None:
    """The same stream, or None when it is empty (then nothing loads the model)."""
    first = next(items, None)
    return None if first is None else _prepend(first, items)


def _prepend(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
