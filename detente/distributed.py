"""The per-article analysis on a Dask cluster, written as Parquet shards the store can ingest.

``run_dask`` reads articles on the client (``read_paths``, bad input reported
as everywhere else), sends them to the workers in batches with a bounded number
in flight (a corpus is never held in memory whole), and writes what comes back
as Parquet shards in ``out_dir``. Each worker process loads the spaCy model and
the knowledge base once (:class:`DetenteWorkerPlugin`); the analysis is the
same pure function as in one process (:func:`detente.pipeline.analyse_many`),
so the shards hold exactly the ``ArticleResult`` records a single process gives.

Layout of ``out_dir``::

    detente-shards.json          the manifest, written last: a directory with it is complete
    part-000000.parquet          articles 0 .. shard_size-1 of the run, in input order
    part-000001.parquet          ...

One row per article: ``seq`` (its position in the run), ``id``, ``origin``,
``published``, ``outlet``, ``url``, counts of ``events``/``quotes``/``timexes``
(for querying the shards directly), and ``result``, the JSON of
``detente.model.to_dict(ArticleResult)`` — the record that round-trips exactly.
:func:`load_shards` yields those records back, in input order, for
``Store.add_many`` (cross-article merging happens there, as for any ingest).

Workers return results to the client, which writes the shards: the workers need
no shared filesystem, only detente installed at the same version.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.model import Article, ArticleResult, from_dict, to_dict
from detente.sources import Problems, read_paths

if TYPE_CHECKING:
    from distributed import Client, Future

    from detente.actors.kb import KnowledgeBase

MANIFEST = "detente-shards.json"
"""The manifest's file name: its presence marks a directory of shards."""

FORMAT = "detente-shards"
FORMAT_VERSION = 1
BATCH_SIZE = 64
"""Articles per task sent to a worker."""
SHARD_SIZE = 1024
"""Articles per Parquet file."""

_COLUMNS = ("seq", "id", "origin", "published", "outlet", "url", "events", "quotes", "timexes", "result")


class ShardError(ValueError):
    """A shard directory that cannot be read: no manifest, a missing or short shard."""


@dataclass
class RunSummary:
    """What a run wrote: articles analysed, skipped ones (messages as printed), shard files."""

    out_dir: Path
    articles: int = 0
    events: int = 0
    shards: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --- worker side -------------------------------------------------------------------------------------------


def _warm_up() -> None:
    """Load the spaCy model and the shipped knowledge base in this process, once (both loaders are cached)."""
    from detente.actors.kb import load_kb
    from detente.pipeline import analyse

    load_kb()
    analyse(Article(id="warm-up", text="Putin met Xi in Beijing on Monday.", published="2019-06-05"))


def _plugin_class() -> type:
    """``DetenteWorkerPlugin``, built on first use so that importing this module does not import dask."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class DetenteWorkerPlugin(WorkerPlugin):
        """Load the spaCy model and the knowledge base when a worker starts, once per process.

        Every later batch on the worker reuses them (``load_model`` and
        ``load_kb`` are cached per process); a short warm-up article builds
        the matchers too, so the first batch is no slower than the others.
        Workers that join the cluster later run it as they start.
        """

        name = "detente"
        idempotent = True

        def setup(self, worker: Any) -> None:
            _warm_up()

    DetenteWorkerPlugin.__module__ = __name__
    DetenteWorkerPlugin.__qualname__ = "DetenteWorkerPlugin"
    return DetenteWorkerPlugin


def __getattr__(name: str) -> Any:
    if name == "DetenteWorkerPlugin":  # pickled by reference: workers rebuild it through here
        if name not in globals():
            globals()[name] = _plugin_class()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _worker_version() -> str:
    from detente import __version__

    return __version__


def analyse_batch(
    articles: list[Article], kb: KnowledgeBase | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Analyse one batch on a worker: its shard rows, and a message per article whose analysis failed.

    The same :func:`~detente.pipeline.analyse_many` as one process, with the
    same error handling as the CLI (an article that fails is reported, the
    others go on).
    """
    from detente.pipeline import analyse_many, failure_reason

    failures: list[str] = []

    def failed(article: Article, err: Exception) -> None:
        failures.append(_skip_line(article, failure_reason(err)))

    rows = [_row(result) for result in analyse_many(articles, on_error=failed, kb=kb)]
    return rows, failures


def _skip_line(article: Article, why: str) -> str:
    """``where\\tmessage`` for :meth:`Problems.skip` on the client."""
    return f"{article.origin or article.id}\tarticle {article.id}: {why}"


def _row(result: ArticleResult) -> dict[str, Any]:
    article = result.article
    return {
        "id": article.id,
        "origin": article.origin,
        "published": article.published,
        "outlet": article.outlet,
        "url": article.url,
        "events": len(result.events),
        "quotes": len(result.quotes),
        "timexes": len(result.timexes),
        "result": _json(to_dict(result)),
    }


def _json(record: dict[str, Any]) -> str:
    text = json.dumps(record, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape: keep it escaped
        text = json.dumps(record, ensure_ascii=True)
    return text


# --- client side -------------------------------------------------------------------------------------------


def run_dask(
    articles_or_paths: Iterable[Article | str | os.PathLike[str]],
    out_dir: Path | str,
    scheduler: str | None = None,
    workers: int = 2,
    *,
    published: str | None = None,
    kb: KnowledgeBase | None = None,
    problems: Problems | None = None,
    batch_size: int = BATCH_SIZE,
    shard_size: int = SHARD_SIZE,
    max_in_flight: int | None = None,
    overwrite: bool = False,
    client: Client | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Analyse articles on a Dask cluster and write Parquet shards of their results to ``out_dir``.

    ``articles_or_paths``: :class:`Article` objects, or paths read on the client
    with :func:`detente.sources.read_paths` (files, directories, ``-``; bad
    records go to ``problems`` as one line each). ``published`` dates
    plain-text inputs. ``scheduler`` is a scheduler address
    (``tcp://host:8786``); without it (and without ``client``) a
    ``LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)``
    is started and closed. ``kb`` (a knowledge base with the user's files
    merged) is sent to every worker once; None is the shipped one, loaded by
    each worker. At most ``max_in_flight`` batches of ``batch_size`` articles
    (default: twice the cluster's threads) are sent or waiting to be written.
    ``progress`` is called with the number of articles each finished batch held.

    ``out_dir`` must not already hold shards unless ``overwrite``. The manifest
    is written last. Returns a :class:`RunSummary`; ``problems`` counts
    processed and skipped articles as the other commands do.
    """
    from distributed import Client, LocalCluster

    out = Path(out_dir)
    _prepare(out, overwrite)
    problems = problems if problems is not None else Problems()
    started = time.perf_counter()
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)  # fmt: skip
            client = Client(cluster)
        else:
            client = Client(scheduler)
    try:
        _check_workers(client)
        plugin = __getattr__("DetenteWorkerPlugin")()
        client.register_plugin(plugin, name=plugin.name)
        kb_arg: Any = None
        if kb is not None and not _is_shipped(kb):
            kb_arg = client.scatter(kb, broadcast=True)
        threads = sum(client.nthreads().values()) or 1
        summary = _run(
            client, _articles(articles_or_paths, problems, published), out, problems, kb_arg,
            batch_size=batch_size, shard_size=shard_size, max_in_flight=max_in_flight or 2 * threads,
            progress=progress,
        )  # fmt: skip
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _prepare(out: Path, overwrite: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    old = [out / MANIFEST, *out.glob("part-*.parquet")]
    old = [p for p in old if p.exists()]
    if old and not overwrite:
        raise FileExistsError(
            f"{out} already holds shards ({old[0].name}); choose an empty directory or overwrite"
        )
    for path in old:
        path.unlink()


def _is_shipped(kb: KnowledgeBase) -> bool:
    from detente.actors.kb import load_kb

    return kb is load_kb()


def _check_workers(client: Client) -> None:
    """Every worker must run the detente the client runs (records and the KB are pickled between them)."""
    from detente import __version__

    versions = client.run(_worker_version)
    wrong = {addr: v for addr, v in versions.items() if v != __version__}
    if wrong:
        addr, version = next(iter(wrong.items()))
        raise RuntimeError(
            f"worker {addr} runs detente {version}, the client {__version__}: install the same on both"
        )


def _articles(
    items: Iterable[Article | str | os.PathLike[str]], problems: Problems, published: str | None
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_paths([os.fspath(item)], problems, published)


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(
    client: Client,
    articles: Iterator[Article],
    out: Path,
    problems: Problems,
    kb_arg: Any,
    *,
    batch_size: int,
    shard_size: int,
    max_in_flight: int,
    progress: Callable[[int], None] | None,
) -> RunSummary:
    """Submit batches, keep at most ``max_in_flight`` unwritten, write shards in input order."""
    from distributed import wait

    summary = RunSummary(out_dir=out)
    writer = _ShardWriter(out, shard_size, summary)
    batches = _batches(articles, batch_size)
    pending: dict[Future, int] = {}  # future -> batch number
    sent: dict[int, list[Article]] = {}  # batch number -> its articles' ids and origins, for a lost batch
    done: dict[int, tuple[list[dict[str, Any]], list[str]]] = {}
    next_batch = 0
    next_write = 0
    exhausted = False
    while True:
        while not exhausted and next_batch - next_write < max_in_flight:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            problems.ok(len(batch))
            future = client.submit(analyse_batch, batch, kb_arg, pure=False, retries=1)
            pending[future] = next_batch
            sent[next_batch] = [Article(id=a.id, text="", origin=a.origin) for a in batch]
            next_batch += 1
        if not pending:
            break
        finished = wait(list(pending), return_when="FIRST_COMPLETED").done
        for future in finished:
            number = pending.pop(future)
            try:
                done[number] = future.result()
            except Exception as err:  # a lost worker, not bad data: every article of the batch is skipped
                why = f"batch lost on the cluster ({type(err).__name__}: {err})"
                done[number] = ([], [_skip_line(a, why) for a in sent[number]])
            future.release()
        while next_write in done:
            rows, failures = done.pop(next_write)
            n = len(sent.pop(next_write))
            for line in failures:
                where, why = line.split("\t", 1)
                problems.processed -= 1
                problems.skip(where, None, why)
            writer.add(rows)
            if progress is not None:
                progress(n)
            next_write += 1
    writer.close()
    summary.skipped = list(problems.skipped)
    return summary


class _ShardWriter:
    """Accumulates rows in order and writes ``part-NNNNNN.parquet`` every ``shard_size`` articles."""

    def __init__(self, out: Path, shard_size: int, summary: RunSummary) -> None:
        self.out = out
        self.shard_size = max(1, shard_size)
        self.summary = summary
        self.rows: list[dict[str, Any]] = []
        self.seq = 0
        self.entries: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.rows.append({"seq": self.seq, **row})
            self.seq += 1
            if len(self.rows) >= self.shard_size:
                self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        name = f"part-{len(self.entries):06d}.parquet"
        _write_parquet(self.out / name, self.rows)
        events = sum(r["events"] for r in self.rows)
        self.entries.append(
            {"file": name, "articles": len(self.rows), "first_seq": self.rows[0]["seq"], "events": events}
        )
        self.summary.shards.append(name)
        self.summary.articles += len(self.rows)
        self.summary.events += events
        self.rows = []

    def close(self) -> None:
        from detente import __version__

        self._flush()
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "detente": __version__,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "articles": self.summary.articles,
            "events": self.summary.events,
            "columns": list(_COLUMNS),
            "shards": self.entries,
        }
        fd, tmp = tempfile.mkstemp(dir=self.out, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1)
        os.replace(tmp, self.out / MANIFEST)


def _write_parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    """One shard through DuckDB (already detente's store engine: no Arrow needed)."""
    import duckdb
    import pandas as pd

    frame = pd.DataFrame({name: [row[name] for row in rows] for name in _COLUMNS})
    tmp = path.with_name("." + path.name + ".tmp")
    con = duckdb.connect()
    try:
        con.register("shard", frame)
        con.execute(
            "COPY (SELECT seq::BIGINT AS seq, id::VARCHAR AS id, origin::VARCHAR AS origin, "
            "published::VARCHAR AS published, outlet::VARCHAR AS outlet, url::VARCHAR AS url, "
            "events::INTEGER AS events, quotes::INTEGER AS quotes, timexes::INTEGER AS timexes, "
            "result::VARCHAR AS result FROM shard ORDER BY seq) "
            f"TO '{_sql_path(tmp)}' (FORMAT parquet, COMPRESSION zstd)"
        )
    finally:
        con.close()
    os.replace(tmp, path)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# --- reading shards back -----------------------------------------------------------------------------------


def is_shard_dir(path: Path | str) -> bool:
    """Whether ``path`` is a directory written by :func:`run_dask` (it holds the manifest)."""
    return (Path(path) / MANIFEST).is_file()


def read_manifest(out_dir: Path | str) -> dict[str, Any]:
    """The manifest of a shard directory; :class:`ShardError` when absent or of another format."""
    path = Path(out_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ShardError(f"{out_dir}: no {MANIFEST} (not a finished 'detente run' output)") from err
    except (OSError, ValueError) as err:
        raise ShardError(f"{path}: unreadable manifest ({err})") from err
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise ShardError(f"{path}: not a {FORMAT} v{FORMAT_VERSION} manifest")
    return manifest


def load_shards(out_dir: Path | str, chunk: int = 256) -> Iterator[ArticleResult]:
    """Yield the ``ArticleResult`` records of a shard directory, in the order the run read the articles.

    Streams ``chunk`` rows at a time (never a whole shard of JSON in memory
    twice). Raises :class:`ShardError` for a missing manifest, a missing shard
    or a shard with fewer rows than the manifest says.
    """
    import duckdb

    out = Path(out_dir)
    manifest = read_manifest(out)
    con = duckdb.connect()
    try:
        for entry in manifest["shards"]:
            path = out / entry["file"]
            if not path.is_file():
                raise ShardError(f"{path}: shard listed in the manifest is missing")
            cursor = con.execute(f"SELECT result FROM read_parquet('{_sql_path(path)}') ORDER BY seq")
            count = 0
            while rows := cursor.fetchmany(chunk):
                for (text,) in rows:
                    count += 1
                    yield from_dict(ArticleResult, json.loads(text))
            if count != entry["articles"]:
                raise ShardError(f"{path}: {count} articles, the manifest says {entry['articles']}")
    finally:
        con.close()
