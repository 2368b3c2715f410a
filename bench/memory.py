"""Peak memory as input grows: reading a WARC.gz, ingesting it into a store, parsing new words.

Usage: ``.venv/bin/python -m bench.memory [--sizes 60,240,960,1920] [--read-sizes 600,6000]
[--words-sizes 500,2000] [--corpus repeated|mixed] [--workers N] [--no-write]``

Writes synthetic CC-NEWS-like WARC.gz files (HTML responses padded with page
chrome as real pages are, each with its own number, so no two pages hash
alike), then measures, each in a fresh process so that its peak resident
memory (``ru_maxrss``, read by the process itself) is its own:

- ``read``: every article streamed out of the WARC by detente's reader
  (``detente.sources.read_paths``: record by record, trafilatura on each
  page), nothing kept, for each of ``--read-sizes`` pages (none: ``--read-sizes ""``);
- ``ingest``: ``detente ingest FILE --db STORE`` (parse, analysis, store)
  for each of ``--sizes`` pages, with ``--workers`` (then the largest worker's
  peak too, from ``RUSAGE_CHILDREN`` once the pool has been joined);
- ``words``: texts of made-up names, each bringing spaCy ``NEW_WORDS`` words
  it has never seen, parsed by ``detente.nlp.parse_many`` (no memory zone:
  spaCy keeps every word) and by ``detente.nlp.map_parsed`` (the memory zone
  per batch that ingest, ``--workers`` and Dask parse in), for each of
  ``--words-sizes`` texts: peak memory and the strings spaCy holds at the end.

``--corpus repeated`` (the default) makes page n the demo story n mod 36, so
every page is a syndicated copy of all earlier pages of its story: the store
compares each page with all of them. ``--corpus mixed`` makes each page of six
paragraphs drawn at random from all the demo stories, so pages are rarely
copies of each other, as in a day of news.

Memory that stays flat while the input grows is what streaming means here.
The table (with the load average when each run started) goes to stdout and
into docs/performance.md between the ``bench:memory`` markers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from string import ascii_lowercase

from bench.throughput import DOC, ROOT, _cpu_name

DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
BEGIN, END = "<!-- bench:memory -->", "<!-- /bench:memory -->"
CHROME = "<nav>" + "".join(f'<a href="/section/{i}">Section {i}</a>' for i in range(200)) + "</nav>"
"""Navigation links around each story, as news pages have: bytes the reader must skip, not keep."""
READ_SIZES = (600, 6_000)
INGEST_SIZES = (60, 240, 960, 1_920)
CORPORA = ("repeated", "mixed")
WORDS_SIZES = (500, 2_000)
NEW_WORDS = 100
"""Made-up names per ``words`` text: far more than an article brings, so that spaCy's growth shows in minutes."""
PARSERS = ("parse_many", "map_parsed")
MIXED_PARAGRAPHS = 6
"""Paragraphs of a ``mixed`` page: about a demo story's length."""


def write_warc(path: Path, records: int, corpus: str = "repeated") -> int:
    """A WARC.gz of ``records`` HTML responses made from the demo articles; its size in bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stories = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [p for story in stories for p in story["text"].split("\n") if p.strip()]
    draw = random.Random(records)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            story = stories[n % len(stories)]
            chosen = story["text"].split("\n") if corpus == "repeated" else draw.sample(pool, MIXED_PARAGRAPHS)
            paragraphs = "".join(f"<p>{p}</p>" for p in chosen if p.strip())
            body = (f"<html><head><title>{story.get('title') or 'News'} ({n})</title></head><body>{CHROME}"
                    f"<article><h1>{story.get('title') or 'News'}</h1>{paragraphs}<p>Report number {n}.</p>"
                    f"</article>{CHROME}</body></html>").encode()  # fmt: skip
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example/{n}", "response", payload=io.BytesIO(body),
                                               http_headers=headers)  # fmt: skip
            writer.write_record(record)
    return path.stat().st_size


def child(stage: str, warc: Path, db: Path, workers: int = 1) -> dict[str, float]:
    """One measured run, in this (fresh) process: its own peak resident memory in MiB, and its workers' largest."""
    start = time.perf_counter()
    if stage == "read":
        from detente.sources import Problems, read_paths

        for _article in read_paths([str(warc)], Problems()):
            pass
    else:
        from detente.cli import main as cli

        try:
            cli.main(["ingest", str(warc), "--db", str(db), "--workers", str(workers)], standalone_mode=False)
        except SystemExit as finished:  # the command ends with its exit status, as on the command line
            if finished.code not in (0, None):
                raise
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if workers > 1 else 0.0,
    }


def made_up_texts(count: int) -> Iterator[str]:
    """``count`` texts of ``NEW_WORDS`` made-up names each, the same for the same count."""
    draw = random.Random(count)
    for n in range(count):
        names = ("".join(draw.choices(ascii_lowercase, k=draw.randint(5, 10))).capitalize() for _ in range(NEW_WORDS))
        yield f"Officials named {', '.join(names)} in report {n}."


def words_child(parser: str, count: int) -> dict[str, float]:
    """Parse ``count`` made-up texts with ``parser``, in this (fresh) process: peak memory and strings kept."""
    from detente.nlp import load_model, map_parsed, parse_many

    nlp = load_model()
    start = time.perf_counter()
    if parser == "parse_many":
        for _text, _doc in parse_many(made_up_texts(count), str):
            pass
    else:
        for _tokens in map_parsed(made_up_texts(count), str, lambda _text, doc: len(doc)):
            pass
    return {
        "seconds": time.perf_counter() - start,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "strings": len(nlp.vocab.strings),
    }


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace("_", "").split(",") if part.strip())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=4, metavar=("STAGE", "WARC", "DB", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=_sizes, default=INGEST_SIZES, help="pages per ingest run, e.g. 60,480,1920")
    parser.add_argument("--read-sizes", type=_sizes, default=READ_SIZES, help='pages per read run ("" for none)')
    parser.add_argument("--words-child", nargs=2, metavar=("PARSER", "TEXTS"), help=argparse.SUPPRESS)
    parser.add_argument("--words-sizes", type=_sizes, default=WORDS_SIZES, help='texts per words run ("" for none)')
    parser.add_argument("--corpus", choices=CORPORA, default="repeated",
                        help="repeated: the 36 demo stories over and over; mixed: paragraphs drawn from all of them")
    parser.add_argument("--workers", type=int, default=1, help="detente ingest --workers")
    parser.add_argument("--no-write", action="store_true", help="print the table only, leave docs/ alone")
    args = parser.parse_args(argv)
    if args.child:
        stage, warc, db, workers = args.child
        print(json.dumps(child(stage, Path(warc), Path(db), int(workers))))
        return
    if args.words_child:
        print(json.dumps(words_child(args.words_child[0], int(args.words_child[1]))))
        return
    rows: list[tuple[str, int, int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for stage, sizes in (("read", args.read_sizes), ("ingest", args.sizes)):
            for records in sizes:
                warc = Path(tmp) / f"news-{records}.warc.gz"
                size = write_warc(warc, records, args.corpus)
                load = os.getloadavg()[0]
                command = [sys.executable, "-m", "bench.memory", "--child", stage, str(warc),
                           str(Path(tmp) / f"{stage}{records}.duckdb"), str(args.workers)]  # fmt: skip
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
                rows.append((stage, records, size, {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}))
                print(rows[-1], file=sys.stderr, flush=True)
                warc.unlink()
    words: list[tuple[str, int, dict[str, float]]] = []
    for count in args.words_sizes:
        for name in PARSERS:
            load = os.getloadavg()[0]
            command = [sys.executable, "-m", "bench.memory", "--words-child", name, str(count)]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            words.append((name, count, {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}))
            print(words[-1], file=sys.stderr, flush=True)
    invocation = shlex.join([".venv/bin/python", "-m", "bench.memory", *argv])
    parts = [table(rows, invocation, args.corpus, args.workers)] if rows else []
    text = "\n".join(parts + ([words_table(words)] if words else []))
    print(text)
    if not args.no_write:
        write_doc(text)


def table(rows: list[tuple[str, int, int, dict[str, float]]], command: str, corpus: str, workers: int) -> str:
    """The Markdown table of the runs, saying how it was measured."""
    lines = [
        f"Measured {date.today().isoformat()} with `{command}` on {os.cpu_count()} CPUs ({_cpu_name()}), "
        f"`{corpus}` pages; each row is a fresh process, its peak resident memory (`ru_maxrss`) its own; "
        "load is the 1-minute load average when the run started.",
        "",
        "| stage | pages in the WARC.gz | file size | seconds | load | peak memory |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for stage, records, size, run in rows:
        what = "read (stream every article, keep none)" if stage == "read" else "`detente ingest` into a new store"
        peak = f"{run['peak_mib']:,.0f} MiB"
        if stage == "ingest" and workers > 1:
            what += f", `--workers {workers}`"
            peak += f" (largest worker {run['worker_peak_mib']:,.0f} MiB)"
        lines.append(f"| {what} | {records:,} | {size / 2**20:,.1f} MiB | {run['seconds']:.1f} | {run['load']:.1f} | {peak} |")
    return "\n".join(lines) + "\n"


def words_table(rows: list[tuple[str, int, dict[str, float]]]) -> str:
    """The Markdown table of the ``words`` runs."""
    lines = [
        f"Texts of {NEW_WORDS} made-up names each, parsed (no analysis), each row a fresh process:",
        "",
        "| parsed by | texts | new words | seconds | load | strings spaCy holds after | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for parser, count, run in rows:
        how = "`parse_many` (no memory zone)" if parser == "parse_many" else "`map_parsed` (a memory zone per batch)"
        lines.append(f"| {how} | {count:,} | {count * NEW_WORDS:,} | {run['seconds']:.1f} | {run['load']:.1f} "
                     f"| {run['strings']:,.0f} | {run['peak_mib']:,.0f} MiB |")  # fmt: skip
    return "\n".join(lines) + "\n"


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        doc += f"\n## Memory\n\n{BEGIN}\n{END}\n"
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
