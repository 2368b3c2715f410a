"""Peak memory as input grows: reading a WARC.gz, and ingesting it into a store.

Usage: ``.venv/bin/python -m bench.memory [--no-write]``

Writes synthetic CC-NEWS-like WARC.gz files (HTML responses, each page a demo
article with its own number, so no two pages hash alike, padded with page
chrome as real pages are), then measures, each in a fresh process so that
its peak resident memory (``ru_maxrss``, read by the process itself) is its own:

- ``read``: every article streamed out of the WARC by detente's reader
  (``detente.sources.read_paths``: record by record, trafilatura on each
  page), nothing kept, for a small and a ten-times larger file;
- ``ingest``: ``detente ingest FILE --db STORE`` (parse, analysis, store),
  for files growing fourfold twice.

Memory that stays flat while the input grows tenfold is what streaming
means here. The table goes to stdout and into docs/performance.md between
the ``bench:memory`` markers.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.throughput import DOC, ROOT, _cpu_name

DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
BEGIN, END = "<!-- bench:memory -->", "<!-- /bench:memory -->"
CHROME = "<nav>" + "".join(f'<a href="/section/{i}">Section {i}</a>' for i in range(200)) + "</nav>"
"""Navigation links around each story, as news pages have: bytes the reader must skip, not keep."""
READ_SIZES = (600, 6_000)
INGEST_SIZES = (60, 240, 960)


def write_warc(path: Path, records: int) -> int:
    """A WARC.gz of ``records`` HTML responses made from the demo articles; its size in bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stories = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            story = stories[n % len(stories)]
            paragraphs = "".join(f"<p>{p}</p>" for p in story["text"].split("\n") if p.strip())
            body = (f"<html><head><title>{story.get('title') or 'News'} ({n})</title></head><body>{CHROME}"
                    f"<article><h1>{story.get('title') or 'News'}</h1>{paragraphs}<p>Report number {n}.</p>"
                    f"</article>{CHROME}</body></html>").encode()  # fmt: skip
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example/{n}", "response", payload=io.BytesIO(body),
                                               http_headers=headers)  # fmt: skip
            writer.write_record(record)
    return path.stat().st_size


def child(stage: str, warc: Path, db: Path) -> dict[str, float]:
    """One measured run, in this (fresh) process: its own peak resident memory in MiB."""
    start = time.perf_counter()
    if stage == "read":
        from detente.sources import Problems, read_paths

        for _article in read_paths([str(warc)], Problems()):
            pass
    else:
        from detente.cli import main as cli

        try:
            cli.main(["ingest", str(warc), "--db", str(db)], standalone_mode=False)
        except SystemExit as finished:  # the command ends with its exit status, as on the command line
            if finished.code not in (0, None):
                raise
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("STAGE", "WARC", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print the table only, leave docs/ alone")
    args = parser.parse_args(argv)
    if args.child:
        stage, warc, db = args.child
        print(json.dumps(child(stage, Path(warc), Path(db))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for stage, sizes in (("read", READ_SIZES), ("ingest", INGEST_SIZES)):
            for records in sizes:
                warc = Path(tmp) / f"news-{records}.warc.gz"
                size = write_warc(warc, records)
                command = [sys.executable, "-m", "bench.memory", "--child", stage, str(warc), str(Path(tmp) / f"{stage}{records}.duckdb")]
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
                rows.append((stage, records, size, json.loads(done.stdout.strip().splitlines()[-1])))
                warc.unlink()
    text = table(rows)
    print(text)
    if not args.no_write:
        write_doc(text)


def table(rows: list[tuple[str, int, int, dict[str, float]]]) -> str:
    lines = [
        f"Measured {date.today().isoformat()} with `.venv/bin/python -m bench.memory` on {_cpu_name()}; "
        "each row is a fresh process, its peak resident memory (`ru_maxrss`) its own.",
        "",
        "| stage | pages in the WARC.gz | file size | seconds | peak memory |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage, records, size, run in rows:
        what = "read (stream every article, keep none)" if stage == "read" else "`detente ingest` into a new store"
        lines.append(f"| {what} | {records:,} | {size / 2**20:,.1f} MiB | {run['seconds']:.1f} | {run['peak_mib']:,.0f} MiB |")
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
