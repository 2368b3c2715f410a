"""The ``detente`` command line: one thin function per command over the library.

Shared options (``--format``, ``--db``, ``--published``, date filters) are
defined once below. Bad input is reported one line per record and never
stops a run; the exit status is 0 when everything was processed, 1 when
something was skipped, 2 for usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from tqdm import tqdm

from detente import __version__
from detente.formats import FORMATS, events_output, quote_record, quote_row, render, timex_record
from detente.model import Article, ArticleResult

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from detente.actors.kb import KnowledgeBase
from detente.sources import Problems, read_paths
from detente.store import DEFAULT_PATH, ActorQuery, Store, StoreBusy, StoreError

LOCK_WAIT = 30.0
"""Seconds a command waits for the store while another process (an ingest, a busy server) holds it."""


class PathType(click.Path):
    """``click.Path`` that names the path problems click lets through or misnames.

    A NUL byte makes ``os.stat`` raise ValueError (click passes it on as a
    traceback); a path the process may not look at (``/proc/1/cwd``) is
    reported by click as one that "does not exist"; an empty path passes, and
    DuckDB opens it as an in-memory store that keeps nothing.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problem = _path_problem(os.fsdecode(value))
        if problem:
            self.fail(problem, param, ctx)
        return super().convert(value, param, ctx)


def _path_problem(path: str) -> str | None:
    """What makes a path unusable before any file is opened (a NUL byte, a refused look), or None."""
    if not path:
        return "'': an empty path names no file"
    if "\x00" in path:
        return f"{path!r}: a path cannot hold a NUL byte"
    try:
        os.stat(path)
    except PermissionError as err:
        return f"{path}: cannot be looked at ({err.strerror})"
    except OSError:
        pass  # missing: click says so where the path must exist, the command where it must not
    return None


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="Output format: a table to read, JSON Lines (the interface's records) or CSV.")  # fmt: skip
db_option = click.option("--db", type=PathType(dir_okay=False), default=str(DEFAULT_PATH), show_default=True,
                         help="The DuckDB store file.")  # fmt: skip
published_option = click.option("--published", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _check_date(v),
                                help="Publication date for plain-text inputs (JSONL lines carry their own).")  # fmt: skip
since_option = click.option("--since", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _check_date(v),
                            help="Only events on or after this date.")  # fmt: skip
until_option = click.option("--until", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _check_date(v),
                            help="Only events on or before this date.")  # fmt: skip
types_option = click.option("--types", "types", metavar="T1,T2", help="Only these PLOVER types (comma-separated).")
paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


def _columns(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dict[str, str] | None:
    """CSV and Parquet column mapping, 'field=column,...' (text=body,published=date)."""
    if not value:
        return None
    from detente.sources import parse_columns

    try:
        return parse_columns(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from err


columns_option = click.option("--columns", callback=_columns, metavar="FIELD=COLUMN,...",
                              help="For CSV and Parquet inputs: which column holds each field, e.g. text=body,published=date.")  # fmt: skip


def _knowledge_base(_ctx: click.Context, _param: click.Parameter, files: tuple[str, ...]) -> KnowledgeBase:
    """The shipped knowledge base with the user's files merged over it; a bad file stops the command."""
    from detente.actors.kb import load_kb
    from detente.actors.kb_schema import KnowledgeBaseError

    for given in files:
        problem = _path_problem(given)  # resolve() raises on these
        if problem:
            raise click.BadParameter(problem, param_hint="--actors")
    try:
        return load_kb(tuple(str(Path(f).resolve()) for f in files))
    except KnowledgeBaseError as err:
        raise click.BadParameter(f"{err} (nothing of this file was used)", param_hint="--actors") from err


actors_option = click.option("--actors", "kb", multiple=True, metavar="FILE", callback=_knowledge_base,
                             help="Extra knowledge-base CSV file or folder (schema in docs/knowledge-base.md), "
                                  "merged over the shipped one; repeatable.")  # fmt: skip


def _check_date(value: str | None) -> str | None:
    """Dates on the command line are YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    from datetime import date

    padded = value + "-01-01"[len(value) - 4 :] if len(value) in {4, 7} else value
    try:
        date.fromisoformat(padded)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main() -> None:
    """detente: a dated, sourced, deduplicated record of who did what to whom, from news."""


def _results(
    paths: tuple[str, ...],
    published: str | None,
    problems: Problems,
    kb: KnowledgeBase | None,
    columns: dict[str, str] | None = None,
) -> Iterator[ArticleResult]:
    """Analyse every readable article of the paths, counting what went through."""
    from detente.pipeline import analyse_many

    def counted() -> Iterator[Article]:
        for article in read_paths(paths, problems, published, columns=columns):
            problems.ok()
            yield article

    def failed(article: Article, err: Exception) -> None:
        from detente.pipeline import failure_reason

        problems.processed -= 1
        problems.skip(article.origin or article.id, None, f"article {article.id}: {failure_reason(err)}")

    yield from analyse_many(counted(), on_error=failed, kb=kb)


def _counted(results: Iterable[ArticleResult], problems: Problems) -> Iterator[ArticleResult]:
    """The results, each counted as processed."""
    for result in results:
        problems.ok()
        yield result


def _finish(problems: Problems) -> None:
    click.echo(problems.summary(), err=True)
    sys.exit(problems.exit_code)


def _query(name: str, kb: KnowledgeBase) -> ActorQuery:
    from detente.actors.lookup import UnknownActor, actor_query

    try:
        return actor_query(name, kb)
    except UnknownActor as err:
        raise click.BadParameter(str(err)) from err


def _types(value: str | None) -> list[str] | None:
    from detente.ontology import PLOVER_TYPES

    if not value:
        return None
    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise click.BadParameter(f"unknown PLOVER type(s): {', '.join(unknown)}", param_hint="--types")
    return types


@contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened, as one line: exit 1 when another process kept it busy, else 2 (a bad --db)."""
    try:
        yield
    except StoreBusy as err:
        raise click.ClickException(str(err)) from err
    except StoreError as err:
        raise click.BadParameter(str(err), param_hint="'--db'") from err


def _open_store(db: str) -> Store:
    if not Path(db).exists():
        raise click.UsageError(f"no store at {db}: create one with 'detente ingest PATH... --db {db}'")
    with _store_errors():
        return Store(db, read_only=True, wait=LOCK_WAIT)


@contextmanager
def _gold_data(path: str, kind: str, hint: str) -> Iterator[None]:
    """A gold file or folder of another kind, as one line and exit 2 rather than a traceback.

    The evaluators read published sets as they are and do not check them; here
    the first error they meet on other data (no such file in the folder, a line
    that is not JSON, a record without a field) is put in the user's terms.
    """
    import zipfile

    try:
        yield
    except (OSError, ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile) as err:
        raise click.BadParameter(f"{path} is not {kind} ({type(err).__name__}: {err})", param_hint=hint) from err


def _shard_dir(path: str) -> bool:
    """Whether ``path`` holds the shards of 'detente run'; a path that cannot be looked at is left to the readers."""
    from detente.distributed import is_shard_dir

    try:
        return Path(path).is_dir() and is_shard_dir(path)
    except OSError:
        return False


@main.command()
@actors_option
@paths_argument
@published_option
@columns_option
@format_option
def extract(kb: KnowledgeBase, paths: tuple[str, ...], published: str | None, columns: dict[str, str] | None, fmt: str) -> None:
    """Run the pipeline on articles and print their events, merged; stores nothing.

    Example: detente extract article.txt --published 2021-06-15 --format jsonl
    """
    problems = Problems()
    with Store(":memory:") as store:
        store.add_many(_results(paths, published, problems, kb, columns))
        click.echo(events_output(store.events(), fmt), nl=False)
    _finish(problems)


@main.command()
@actors_option
@paths_argument
@published_option
@columns_option
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes parsing in parallel (each loads the model once); 1 parses in this process.")  # fmt: skip
def ingest(kb: KnowledgeBase, paths: tuple[str, ...], published: str | None, columns: dict[str, str] | None,
           db: str, workers: int) -> None:  # fmt: skip
    """Add articles (or the Parquet shards of 'detente run') to the store; the same article twice adds nothing.

    Articles already stored are recognised before parsing, so a re-run after a crash or on a
    grown folder only analyses what is new. Skipped records are kept: see 'detente errors'.

    Example: detente ingest news/ --db detente.duckdb --workers 2
    """
    from detente.distributed import ShardError, load_shards
    from detente.parallel import IngestProblems, count_articles
    from detente.parallel import ingest as ingest_articles

    problems = IngestProblems()
    shards = [p for p in paths if _shard_dir(p)]
    sources = tuple(p for p in paths if p not in shards)
    with _store_errors(), Store(db, wait=LOCK_WAIT, share=True) as store:  # 'detente serve' reads between batches
        for folder in shards:
            try:
                summary = store.add_many(_counted(load_shards(folder), problems))
            except ShardError as err:
                raise click.UsageError(str(err)) from err
            click.echo(f"{folder}: added {summary.added} articles ({summary.duplicates} already stored)", err=True)
        if sources:
            with tqdm(total=count_articles(sources), desc="articles", unit=" art", disable=None, file=sys.stderr) as bar:
                articles = read_paths(sources, problems, published, columns=columns, languages=None)
                summary = ingest_articles(store, articles, problems=problems, kb=kb, workers=workers,
                                          progress=bar.update, languages=("en",))  # fmt: skip
            click.echo(f"added {summary.added} articles ({summary.duplicates} already stored); "
                       f"events: {summary.events_new} new, {summary.events_merged} merged into existing", err=True)  # fmt: skip
    _finish(problems)


@main.command()
@db_option
@format_option
def errors(db: str, fmt: str) -> None:
    """Records that ingests skipped, and why: file, line, article, message and when.

    Example: detente errors --db detente.duckdb --format csv
    """
    with _open_store(db) as store:
        found = store.errors()
    if not found:
        click.echo(f"no errors recorded in {db}", err=True)
        return
    click.echo(render(found, fmt), nl=False)


@main.command()
@actors_option
@paths_argument
@published_option
@click.option("--out", required=True, type=PathType(file_okay=False), help="Folder for the Parquet shards.")
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with --scheduler).")  # fmt: skip
@click.option("--overwrite", is_flag=True, help="Replace shards already in --out.")
def run(kb: KnowledgeBase, paths: tuple[str, ...], published: str | None, out: str, scheduler: str | None,
        workers: int, overwrite: bool) -> None:  # fmt: skip
    """Analyse articles on a Dask cluster into Parquet shards; load them with 'detente ingest OUT'.

    Example: detente run news/ --out shards/ --scheduler tcp://host:8786
    """
    from detente.distributed import run_dask

    problems = Problems()
    with tqdm(desc="articles", unit=" art", disable=None, file=sys.stderr) as bar:
        try:
            summary = run_dask(paths, Path(out), scheduler, workers, published=published, kb=kb,
                               problems=problems, overwrite=overwrite, progress=bar.update)  # fmt: skip
        except FileExistsError as err:
            raise click.UsageError(f"{err} (use --overwrite to replace them)") from err
    click.echo(f"wrote {summary.articles} articles, {summary.events} events in {len(summary.shards)} shards to {out}",
               err=True)  # fmt: skip
    _finish(problems)


@main.command()
@actors_option
@click.argument("a")
@click.argument("b")
@db_option
@since_option
@until_option
@types_option
@format_option
def timeline(kb: KnowledgeBase, a: str, b: str, db: str, since: str | None, until: str | None, types: str | None, fmt: str) -> None:
    """Events between actors A and B, either direction, by date.

    Example: detente timeline Trump Putin --since 2018-01-01
    """
    qa, qb, wanted = _query(a, kb), _query(b, kb), _types(types)
    with _open_store(db) as store:
        found = store.timeline(qa, qb, since=since, until=until, types=wanted)
    if not found:
        filters = " with these filters" if since or until or wanted else ""
        click.echo(f"no events between {qa.label} and {qb.label} in {db}{filters}", err=True)
        return
    click.echo(events_output(found, fmt), nl=False)


@main.command()
@actors_option
@click.option("--actor", help="Only events with this actor on either side.")
@click.option("--type", "type_", metavar="T1,T2", help="Only these PLOVER types.")
@since_option
@until_option
@db_option
@format_option
def events(kb: KnowledgeBase, actor: str | None, type_: str | None, since: str | None, until: str | None, db: str, fmt: str) -> None:
    """Events matching filters.

    Example: detente events --actor Russia --type SANCTION,ACCUSE --since 2022
    """
    query = _query(actor, kb) if actor else None
    with _open_store(db) as store:
        found = store.events(actor=query, types=_types(type_), since=since, until=until)
        click.echo(events_output(found, fmt), nl=False)


@main.command()
@actors_option
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--out", type=PathType(dir_okay=False),
              help="Write the Markdown here (with its chart beside it, as NAME-relation.svg) instead of printing it.")  # fmt: skip
def brief(kb: KnowledgeBase, a: str, b: str, db: str, out: str | None) -> None:
    """A dated, cited story of the relationship between A and B, in Markdown.

    Example: detente brief Trump Putin --out trump-putin.md
    """
    from detente.report.brief import write_brief
    from detente.report.relation import relation_index, write_chart

    qa, qb = _query(a, kb), _query(b, kb)
    with _open_store(db) as store:
        events = store.timeline(qa, qb)
    if not out:
        click.echo(write_brief(events, qa.label, qb.label), nl=False)
        return
    chart = None
    rows = relation_index(events)
    try:
        if rows:
            chart_path = Path(out).with_name(f"{Path(out).stem}-relation.svg")
            write_chart(rows, chart_path, title=f"{qa.label} and {qb.label}")
            chart = chart_path.name
        Path(out).write_text(write_brief(events, qa.label, qb.label, chart=chart), encoding="utf-8")
    except OSError as err:
        raise click.UsageError(f"cannot write {out}: {err}") from err
    click.echo(f"wrote {out}" + (f" and {chart}" if chart else ""), err=True)


@main.command()
@actors_option
@click.argument("a")
@click.argument("b")
@db_option
@since_option
@until_option
@click.option("--chart", "chart_path", type=PathType(dir_okay=False), metavar="FILE.png|FILE.svg",
              help="Also draw the chart to a PNG or SVG file.")  # fmt: skip
@click.option("--collapse", type=int, default=3, show_default=True, metavar="N",
              help="Fold runs of more than N empty months into one line of the terminal chart.")  # fmt: skip
def relation(kb: KnowledgeBase, a: str, b: str, db: str, since: str | None, until: str | None,
             chart_path: str | None, collapse: int) -> None:  # fmt: skip
    """The cooperation-conflict index of A and B: events per month by quad class and a Goldstein score.

    Example: detente relation Trump Putin --db demo.duckdb --chart trump-putin.svg
    """
    from detente.report.relation import left_out, relation_index, terminal_chart, write_chart

    qa, qb = _query(a, kb), _query(b, kb)
    with _open_store(db) as store:
        events = store.timeline(qa, qb, since=since, until=until)
    rows = relation_index(events, since, until)
    if not rows:
        click.echo(f"no dated events that took place between {qa.label} and {qb.label} in the store")
        return
    click.echo(terminal_chart(rows, left_out(events, since, until), collapse=collapse))
    if chart_path:
        try:
            write_chart(rows, Path(chart_path), title=f"{qa.label} and {qb.label}")
        except ValueError as err:
            raise click.BadParameter(str(err), param_hint="--chart") from err
        except OSError as err:
            raise click.UsageError(f"cannot write {chart_path}: {err}") from err
        click.echo(f"wrote {chart_path}", err=True)


@main.command()
@actors_option
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address serves the store to other machines (with a warning).")  # fmt: skip
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--cache-mb", type=click.IntRange(0, 1 << 20), default=64, show_default=True,
              help="Memory for answers kept while the store is unchanged (a repeated request costs a lookup); 0 keeps none.")  # fmt: skip
def serve(kb: KnowledgeBase, db: str, host: str, port: int, cache_mb: int) -> None:
    """Web pages and a JSON API (docs at /docs) over the store, read-only; the store may be ingested into meanwhile.

    Example: detente serve --db demo.duckdb --port 8000
    """
    from detente.web.serve import serve as run_server

    run_server(db, host, port, kb, note=lambda line: click.echo(line, err=True), cache_bytes=cache_mb * 1024 * 1024)


@main.command(name="export")
@actors_option
@db_option
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "csv", "parquet"]), required=True,
              help="GDELT 2.0 event table (TSV), PLOVER JSON lines, CSV, or a folder of Parquet files.")  # fmt: skip
@click.option("--out", required=True, metavar="PATH", help="Output file ('-' for standard output), or folder for parquet.")
@click.option("--actor", help="Only events with this actor on either side.")
@click.option("--type", "type_", metavar="T1,T2", help="Only these PLOVER types.")
@since_option
@until_option
@click.option("--all-statuses", is_flag=True,
              help="GDELT only: also write planned, hypothetical, negated and cancelled events (GDELT has no status column).")  # fmt: skip
def export(kb: KnowledgeBase, db: str, fmt: str, out: str, actor: str | None, type_: str | None,
           since: str | None, until: str | None, all_statuses: bool) -> None:  # fmt: skip
    """Write stored events for other tools: GDELT 2.0 columns, PLOVER records, CSV or Parquet (see docs/exports.md).

    Example: detente export --db demo.duckdb --format gdelt --out events.tsv
    """
    from collections import Counter

    from detente.export import export_events, gdelt_skip_reason, write_text

    query = _query(actor, kb) if actor else None
    with _open_store(db) as store:
        found = store.events(actor=query, types=_types(type_), since=since, until=until)
    try:
        if out == "-":
            if fmt == "parquet":
                raise click.UsageError("parquet needs a folder for --out, not standard output")
            written = write_text(found, fmt, sys.stdout, all_statuses=all_statuses)
        else:
            written = export_events(found, fmt, Path(out), all_statuses=all_statuses)
    except OSError as err:
        raise click.UsageError(f"cannot write {out}: {err}") from err
    click.echo(f"wrote {written} of {len(found)} events", err=True)
    if fmt == "gdelt" and written < len(found):
        skipped = Counter(r for e in found if (r := gdelt_skip_reason(e, all_statuses=all_statuses)))
        click.echo("skipped for GDELT: " + ", ".join(f"{n} {why}" for why, n in skipped.most_common()), err=True)


@main.command()
@actors_option
@click.argument("name")
@click.option("--on", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _check_date(v),
              help="The date to answer for (default: today).")  # fmt: skip
@format_option
def actors(kb: KnowledgeBase, name: str, on: str | None, fmt: str) -> None:
    """Who a name or role refers to on a date.

    Example: detente actors "the Russian president" --on 2009-06-01
    """
    from datetime import date

    from detente.actors.lookup import resolve

    found = resolve(name, on or date.today().isoformat(), kb)
    records = [{"id": r.actor.id, "name": r.actor.name, "country": r.actor.country, "sector": r.actor.sector,
                "office": r.office, "reason": r.reason} for r in found]  # fmt: skip
    click.echo(render(records, fmt), nl=False)
    if not found:
        sys.exit(1)


@main.command()
@paths_argument
@published_option
@columns_option
@format_option
def timex(paths: tuple[str, ...], published: str | None, columns: dict[str, str] | None, fmt: str) -> None:
    """Time expressions with TIMEX3 types and values.

    Example: detente timex article.txt --published 2021-06-15 --format jsonl
    """
    problems = Problems()
    _stream(paths, published, problems, None, fmt, lambda r: [timex_record(t) for t in r.timexes], columns=columns)
    _finish(problems)


@main.command()
@actors_option
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@published_option
@columns_option
@db_option
@click.option("--speaker", help="With --db and no PATH: quotes by this actor.")
@click.option("--about", help="With --db and no PATH: quotes to or about this actor.")
@format_option
def quotes(kb: KnowledgeBase, paths: tuple[str, ...], published: str | None, columns: dict[str, str] | None, db: str, speaker: str | None, about: str | None, fmt: str) -> None:
    """Quotes and attributions, with speaker, addressee and the outlet that relayed them.

    Examples: detente quotes article.txt --format jsonl;  detente quotes --db detente.duckdb --speaker Trump
    """
    if not paths:
        with _open_store(db) as store:
            found = store.quotes(speaker=_query(speaker, kb) if speaker else None, about=_query(about, kb) if about else None)
        click.echo(render([quote_record(q) for q in found], fmt, [quote_row(q) for q in found]), nl=False)
        return
    problems = Problems()
    _stream(paths, published, problems, kb, fmt, lambda r: [quote_record(q) for q in r.quotes],
            lambda r: [quote_row(q) for q in r.quotes], columns=columns)  # fmt: skip
    _finish(problems)


def _stream(
    paths: tuple[str, ...],
    published: str | None,
    problems: Problems,
    kb: KnowledgeBase | None,
    fmt: str,
    records: Callable[[ArticleResult], list[dict[str, Any]]],
    rows: Callable[[ArticleResult], list[dict[str, Any]]] | None = None,
    columns: dict[str, str] | None = None,
) -> None:
    """Print per-article records as they come (JSONL streams; tables and CSV collect first)."""
    collected: list[dict[str, Any]] = []
    flat: list[dict[str, Any]] = []
    for result in _results(paths, published, problems, kb, columns):
        if fmt == "jsonl":
            click.echo(render(records(result), fmt), nl=False)
        else:
            collected.extend(records(result))
            flat.extend(rows(result) if rows else records(result))
    if fmt != "jsonl":
        click.echo(render(collected, fmt, flat), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True, help="Output format.")
def relate(fmt: str) -> None:
    """Code the event linking two spans of a sentence: JSON lines in on stdin, one answer per line out.

    Input lines: {"id"?, "text", "source", "target"}. Output: {"id", "type", "mode", "cameo", "confidence"}.
    """
    from detente.events.relate import relate as code_relation
    from detente.nlp import map_parsed

    problems = Problems()

    def requests() -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError("needs a JSON object with 'text'")
            except ValueError as err:
                yield number, None, str(err)
                continue
            yield number, record, ""

    def answer(request: tuple[int, dict[str, Any] | None, str], doc: Doc) -> tuple[int, dict[str, Any] | None, str]:
        number, record, error = request
        if record is None:
            return number, None, error
        found = code_relation(doc, str(record.get("source") or ""), str(record.get("target") or ""))
        return number, {"id": record.get("id"), "type": found.type, "mode": found.mode, "cameo": found.cameo,
                        "confidence": found.confidence}, ""  # fmt: skip

    # map_parsed: each batch in a spaCy memory zone, so a long stream of sentences does not grow the vocabulary
    for number, coded, error in map_parsed(requests(), lambda r: r[1]["text"] if r[1] else "", answer):
        if coded is None:
            problems.skip("<stdin>", number, error)
            click.echo(json.dumps({"id": None, "error": error}))
            continue
        problems.ok()
        click.echo(json.dumps(coded))
    _finish(problems)


@main.group(name="eval")
def evaluate() -> None:
    """Measure detente on outside gold data (figures for docs/accuracy.md)."""


@evaluate.command(name="relate")
@click.argument("path", type=PathType(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N sentences.")
def eval_relate(path: str, limit: int | None) -> None:
    """Relation type accuracy and macro-F1 on JSONL with text, source, target, type (e.g. PLV)."""
    from detente.events.evaluate import evaluate_relate

    with _gold_data(path, "relation gold: JSON lines with text, source, target and type", "'PATH'"):
        figures = evaluate_relate(Path(path), limit)
    click.echo(json.dumps(figures, indent=2))


def _print_gold_figures(results: dict[str, dict[str, Any]], path: str, misses: bool) -> None:
    """Figures per gold file (PLOVER GSR, PETR2 GSR) as JSON, their lists of misses only when asked for."""
    if not results:
        raise click.UsageError(f"no PLOVER GSR (*.json) or PETR2 GSR (*.xml) file under {path}")
    if not misses:
        for figures in results.values():
            figures.pop("misses", None)
    click.echo(json.dumps(results, indent=2, ensure_ascii=False))


@evaluate.command(name="actors")
@actors_option
@click.argument("path", type=PathType(exists=True))
@click.option("--misses", is_flag=True, help="Also list every gold actor whose country was not given.")
def eval_actors(kb: KnowledgeBase, path: str, misses: bool) -> None:
    """Share of gold actors whose country (and sector) detente gives, on PLOVER GSR and PETR2 GSR files or a folder of them."""
    from detente.actors.evaluate import evaluate_actors

    _print_gold_figures(evaluate_actors(Path(path), kb), path, misses)


@evaluate.command(name="events")
@actors_option
@click.argument("path", type=PathType(exists=True))
@click.option("--misses", is_flag=True, help="Also list every gold event detente did not code as gold.")
def eval_events(kb: KnowledgeBase, path: str, misses: bool) -> None:
    """Event type recall and precision (and with actors) on PLOVER GSR and PETR2 GSR files or a folder of them."""
    from detente.events.gold_eval import evaluate_events

    _print_gold_figures(evaluate_events(Path(path), kb), path, misses)


@evaluate.command(name="locations")
@actors_option
@click.argument("path", type=PathType(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N records.")
@click.option("--misses", is_flag=True, help="Also list every record whose place detente got wrong.")
@click.option("--split", type=click.Choice(["heldout", "train", "all"]),
              help="Records to score (default: heldout when the shipped ranker was trained on this set, else all).")
@click.option("--rules", is_flag=True, help="Score the clause rules alone, without the ranker.")
def eval_locations(kb: KnowledgeBase, path: str, limit: int | None, misses: bool, split: str | None, rules: bool) -> None:
    """Where events happened: accuracy on the Halterman event_location set (labeled_text.jsonl.zip)."""
    from detente.events.locations_eval import evaluate_locations

    with _gold_data(path, "the event_location set (a zip or a JSON array of records)", "'PATH'"):
        results = evaluate_locations(Path(path), limit, kb, split, rules)
    click.echo(f"scored split: {results['split']} ({results['scored']} records, {results['locator']})", err=True)
    if not misses:
        results.pop("misses", None)
    click.echo(json.dumps(results, indent=2, ensure_ascii=False))


@evaluate.command(name="merge")
@click.argument("folder", type=PathType(exists=True, file_okay=False))
@click.option("--details", is_flag=True, help="List every real event with the stored events matched to it.")
@click.option("--misses", is_flag=True, help="List only the imperfect real events and the spurious stored ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_merge(folder: str, details: bool, misses: bool, as_json: bool) -> None:
    """Events per real event, date F1 and status on a multi-outlet corpus with an answer key (detente/data/multi_outlet)."""
    from detente.merge_eval import evaluate_merge, format_report

    with _gold_data(folder, "a multi-outlet corpus (articles.jsonl and answers.key.json)", "'FOLDER'"):
        result = evaluate_merge(Path(folder))
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else format_report(result, details, misses))


@evaluate.command(name="quotes")
@click.argument("folder", type=PathType(exists=True, file_okay=False))
def eval_quotes(folder: str) -> None:
    """Quote F1 (overlap, exact, direct only) and speaker accuracy on PolNeAR brat standoff."""
    from detente.quotes_eval import evaluate_polnear

    click.echo(json.dumps(evaluate_polnear(Path(folder)), indent=2))


@evaluate.command(name="timex")
@click.argument("folder", type=PathType(exists=True, file_okay=False))
def eval_timex(folder: str) -> None:
    """TIMEX3 span F1 (strict, relaxed) and value figures on TimeML files (e.g. TempEval-3 TBAQ)."""
    from detente.timex.evaluate import evaluate_timeml

    click.echo(json.dumps(evaluate_timeml(Path(folder)), indent=2))
