"""Words per second of spaCy alone, of detente in one process and on two workers, on the same text.

Usage: ``.venv/bin/python -m bench.throughput [--words 50000] [--no-write]``

The demo corpus is repeated (each copy with its own ids) to about ``--words``
whitespace-separated words; every configuration reads that same text:

- ``spacy``: bare ``nlp.pipe`` with detente's model and components
  (:func:`detente.nlp.load_model`), no cleaning and no analysis;
- ``analyse_many``: detente's whole per-article analysis in one process;
- ``analyse_parallel``: :func:`detente.parallel.analyse_parallel` with 2 worker
  processes, when that module exists (its pool lives for one call, so its
  start-up is estimated by a call on one article per worker and subtracted);
- ``dask``: :func:`detente.distributed.run_dask` on a LocalCluster of 2 worker
  processes, Parquet shards written (cluster start and model loading timed
  apart, as ``startup``).

Each configuration runs in a fresh Python process, so its peak memory
(``resource.getrusage`` maxrss) is its own: for worker configurations the
parent's peak and the largest worker's are given. Models and knowledge base
are loaded (and a warm-up article analysed) before timing. The table goes to
stdout and into docs/performance.md between the ``bench:throughput`` markers.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:throughput -->", "<!-- /bench:throughput -->"
WORKERS = 2
STAGES = ("spacy", "analyse_many", "analyse_parallel", "dask")


def corpus(words: int) -> list:
    """The demo articles repeated to about ``words`` words, ids made unique per copy."""
    from detente.sources import Problems, read_paths

    base = list(read_paths([str(DEMO)], Problems()))
    out = []
    total = copy = 0
    while total < words:
        for article in base:
            out.append(replace(article, id=f"{article.id}#{copy}"))
            total += len(article.text.split())
            if total >= words:
                break
        copy += 1
    return out


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _worker_peak() -> float:
    return _peak_mib()


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _warm_up() -> None:
    from detente.model import Article
    from detente.pipeline import analyse

    # Builds every cache the analysis fills once per process: the model, the knowledge base and its
    # phrase matcher, the Phoenix matcher, and (through the misspelt titled surname) the surname index.
    analyse(Article(id="warm-up", text="President Mitterand met Putin in Beijing on Monday.", published="2019-06-05"))


def _best_of_two(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, result) of the faster of two runs: the first run of a process
    still pays for memory it has not allocated yet, and a shared machine slows one run or the other."""
    runs = []
    for _ in range(2):
        start, cpu = time.perf_counter(), _cpu()
        result = work()
        runs.append((time.perf_counter() - start, _cpu() - cpu, result))
    return min(runs, key=lambda run: run[0])


def run_stage(stage: str, words: int) -> dict | None:
    """One configuration, in this process: seconds, events found and peak memory."""
    articles = corpus(words)
    n_words = sum(len(a.text.split()) for a in articles)
    row: dict = {"stage": stage, "articles": len(articles), "words": n_words, "load": os.getloadavg()[0]}
    if stage == "spacy":
        from detente.nlp import BATCH_SIZE, load_model

        nlp = load_model()
        list(nlp.pipe(["Putin met Xi in Beijing on Monday."]))

        def parse() -> None:
            for _ in nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE):
                pass

        row["seconds"], row["cpu"], _ = _best_of_two(parse)
    elif stage == "analyse_many":
        from detente.pipeline import analyse_many

        _warm_up()
        row["seconds"], row["cpu"], row["events"] = _best_of_two(
            lambda: sum(len(r.events) for r in analyse_many(articles))
        )
    elif stage == "analyse_parallel":
        try:
            from detente.parallel import analyse_parallel
        except ImportError:
            return None
        params = inspect.signature(analyse_parallel).parameters
        key = next((k for k in ("workers", "processes", "n_workers", "jobs") if k in params), None)
        kwargs = {key: WORKERS} if key else {}
        _warm_up()
        start = time.perf_counter()
        # Its pool lives for one call: start-up is measured apart, by a call on one article per worker.
        # Workers are spawned as tasks arrive, so that call sends one-article chunks: a single article
        # (one chunk) would start one worker, and the next call's second start-up would count as work.
        list(analyse_parallel(articles[:WORKERS], chunk_size=1, **kwargs))
        startup = time.perf_counter() - start
        # CPU: not the start-up call's workers, nor (as much again) the start-up of the next call's.
        cpu = _cpu() + _cpu(resource.RUSAGE_CHILDREN) * 2
        start = time.perf_counter()
        row["events"] = sum(len(r.events) for r in analyse_parallel(articles, **kwargs))
        row["seconds"] = time.perf_counter() - start - startup
        row["cpu"] = _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu
        row["startup"] = startup
        row["startup_included"] = True
        row["worker_peak_mib"] = _peak_mib(resource.RUSAGE_CHILDREN)
    elif stage == "dask":
        import logging

        from distributed import Client, LocalCluster

        from detente.distributed import run_dask

        start = time.perf_counter()
        cluster = LocalCluster(
            n_workers=WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        with tempfile.TemporaryDirectory() as tmp:
            run_dask(articles[:1], Path(tmp) / "warm", client=client)  # registers the plugin: models load
            row["startup"] = time.perf_counter() - start
            start, cpu = time.perf_counter(), _cpu() + sum(client.run(_cpu).values())
            summary = run_dask(articles, Path(tmp) / "shards", client=client)
            row["seconds"] = time.perf_counter() - start
            row["cpu"] = _cpu() + sum(client.run(_cpu).values()) - cpu
            row["events"] = summary.events
            row["worker_peak_mib"] = max(client.run(_worker_peak).values())
        client.close()
        cluster.close()
    row["peak_mib"] = _peak_mib()
    return row


LABELS = {
    "spacy": "bare spaCy `nlp.pipe` (same model and components)",
    "analyse_many": "detente `analyse_many`, 1 process",
    "analyse_parallel": f"detente `analyse_parallel`, {WORKERS} worker processes",
    "dask": f"detente `run_dask`, LocalCluster of {WORKERS} worker processes, shards written",
}


def table(rows: list[dict], words: int, command: str) -> str:
    cpu = _cpu_name()
    lines = [
        f"Measured {date.today().isoformat()} with `{command}` on {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}: the demo corpus repeated to {rows[0]['words']:,} words "
        f"({rows[0]['articles']} articles).",
        "",
        "Seconds and words/s are after start-up (model and knowledge base loaded, worker processes "
        "running); start-up is given apart.",
        "",
        "| configuration | seconds | words/s | vs spaCy | CPU seconds | words per CPU second | events | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    spacy = next((r for r in rows if r["stage"] == "spacy"), None)
    for r in rows:
        wps = r["words"] / r["seconds"]
        ratio = f"{wps / (spacy['words'] / spacy['seconds']):.2f}×" if spacy else ""
        memory = f"{r['peak_mib']:.0f} MiB"
        if "worker_peak_mib" in r:
            memory = f"parent {r['peak_mib']:.0f} MiB, largest worker {r['worker_peak_mib']:.0f} MiB"
        seconds = f"{r['seconds']:.1f}"
        if r.get("startup_included"):
            seconds += f" (+{r['startup']:.1f} start-up, estimated by a call on 1 article per worker)"
        elif "startup" in r:
            seconds += f" (+{r['startup']:.1f} start-up)"
        lines.append(
            f"| {LABELS[r['stage']]} | {seconds} | {wps:,.0f} | {ratio} | {r['cpu']:.1f} | "
            f"{r['words'] / r['cpu']:,.0f} | {r.get('events', '')} | {memory} |"
        )
    loads = ", ".join(f"{r['stage']} {r['load']:.1f}" for r in rows)
    lines += [
        "",
        f"Load average (1 min) when each configuration started: {loads}. CPU seconds add up the parent's "
        "and the workers' user and system time during the timed run; they vary less than wall-clock time "
        "when other work shares the machine.",
    ]
    if not any(r["stage"] == "analyse_parallel" for r in rows):
        lines += ["", "(`detente.parallel.analyse_parallel` was not present in this run.)"]
    return "\n".join(lines) + "\n"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in doc or END not in doc:
        doc += f"\n{BEGIN}\n{END}\n"
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print the table only, leave docs/ alone")
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words)))
        return
    rows = []
    for stage in STAGES:
        done = subprocess.run(
            [sys.executable, "-m", "bench.throughput", "--stage", stage, "--words", str(args.words)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"bench.throughput: stage {stage} failed")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        if row is not None:
            rows.append(row)
            print(f"{stage}: {row['words'] / row['seconds']:,.0f} words/s", file=sys.stderr)
    command = ".venv/bin/python -m bench.throughput" + (
        f" --words {args.words}" if args.words != 50_000 else ""
    )
    text = table(rows, args.words, command)
    print(text)
    if not args.no_write:
        write_doc(text)


if __name__ == "__main__":
    main(sys.argv[1:])
