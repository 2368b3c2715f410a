"""Exactly-once under faults: ``detente ingest`` killed with SIGKILL at random points, and a Dask worker killed mid-task.

Usage: ``.venv/bin/python -m bench.kill_ingest [--kills 20] [--dask-kills 3] [--seed 2026] [--json FILE]``

**Ingest.** The corpus (:func:`build_corpus`: the demo corpus, the
multi-outlet corpus, and hand-made bad records in JSONL, CSV and text) is
ingested once without interruption, then again into a second store by a
``detente ingest`` that is killed with SIGKILL and started again until it
finishes. The killed process is the real command line (``detente.cli.main``)
run by a small wrapper that only makes each transaction one article
(``store.BATCH_SIZE``) and prints a line as each one begins and commits, so
that kills land all through the ingest, inside transactions and between them.
Each kill comes at a random (seeded) delay after the first commit of its
attempt, never during start-up. The stores must then hold the same articles,
each once, the same errors, each once, and the same events, members,
mentions and quotes (:func:`tests.helpers.store_contents`).

**Dask.** The same corpus through :func:`detente.distributed.run_dask` on a
LocalCluster of two worker processes, once cleanly and once while workers are
killed (SIGKILL, by pid) whenever one is running a batch; the nanny restarts
each. The shards of both runs must hold the same records, and no batch may be
reported lost.

Prints a JSON summary (and writes it to ``--json``); exits 1 when anything was
lost, doubled or differs. ``tests/test_reliability.py`` runs a short version in
``make test``, and this full one with ``RELIABILITY_FULL=1`` (``make fuzz``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
MULTI_OUTLET = ROOT / "detente" / "data" / "multi_outlet" / "articles.jsonl"

CHILD = """
import sys
from detente import store as store_module
from detente.cli import main

store_module.BATCH_SIZE = int(sys.argv[1])
add_batch = store_module.Store._add_batch

def announced(self, results, errors=None):
    print("begin", len(results), flush=True)
    outcome = add_batch(self, results, errors)
    print("committed", len(results), flush=True)
    return outcome

store_module.Store._add_batch = announced
main(["ingest", *sys.argv[2:]], prog_name="detente")
"""
"""The killed process: ``detente ingest`` itself, with one-article transactions that say when they begin and commit."""

DASK_CHILD = """
import json, random, sys
from dataclasses import asdict
from pathlib import Path
from bench.kill_ingest import dask_with_worker_kills

paths = [Path(p) for p in json.loads(sys.argv[1])]
result = dask_with_worker_kills(paths, Path(sys.argv[2]), int(sys.argv[3]), random.Random(int(sys.argv[4])))
print(json.dumps(asdict(result)))
"""
"""The Dask experiment, run from the snapshot of the code like the ingests."""

GIVE_UP = 5
"""Rounds without a kill after which a run stops trying (and fails the check: too few kills)."""


# --- the code under test ---------------------------------------------------------------------------------------


def snapshot(folder: Path) -> Path:
    """A copy of the code under test (``detente/``, ``bench/``, ``tests/helpers.py``) to run every process from.

    Why: others may edit the working tree while a run takes minutes, and an
    ingest killed and started again under another version of the code would
    rightly differ from the clean run; every process of a check runs one version.
    """
    root = folder / "code"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("detente", "bench"):
        shutil.copytree(ROOT / package, root / package, ignore=skip)
    (root / "tests").mkdir()
    for name in ("__init__.py", "helpers.py"):
        shutil.copy(ROOT / "tests" / name, root / "tests" / name)
    return root


# --- the corpus ----------------------------------------------------------------------------------------------


def build_corpus(folder: Path, demo_articles: int | None = None) -> list[Path]:
    """The inputs: demo and multi-outlet articles (the first ``demo_articles`` of the demo only, when given)
    and bad records of every kind the readers and the analysis report, spread over three formats."""
    folder.mkdir(parents=True, exist_ok=True)
    demo = DEMO.read_text(encoding="utf-8").splitlines()
    good = demo[:demo_articles] if demo_articles is not None else demo
    first = json.loads(demo[0])
    bad_lines = [
        b'{"id": "broken", "text": ',  # malformed JSON
        json.dumps({"id": "empty", "text": "   "}).encode(),  # no text
        b'{"id": "latin", "text": "caf\xe9 au lait"}',  # invalid UTF-8
        b'{"id": "half", "text": "a lone surrogate \\ud800"}',  # not valid Unicode
        json.dumps({"id": "huge", "text": "Putin met Xi. " * 72_000}).encode(),  # longer than the parser takes
        json.dumps({**first, "id": "copy-of-" + first["id"]}).encode(),  # the same text under another id
    ]
    lines = [line.encode("utf-8") for line in good]
    for n, bad in enumerate(bad_lines):
        lines.insert(min(len(lines), 3 + n * max(1, len(lines) // len(bad_lines))), bad)
    news = folder / "news.jsonl"
    news.write_bytes(b"\n".join(lines) + b"\n")
    paths = [news]
    if demo_articles is None:
        shutil.copy(MULTI_OUTLET, folder / "multi_outlet.jsonl")
        paths.append(folder / "multi_outlet.jsonl")
    table = folder / "table.csv"
    table.write_text(
        "id,text,published\n"
        "csv-1,Emmanuel Macron met Angela Merkel in Berlin on Monday to discuss the budget.,2019-06-25\n"
        "csv-2,a row of too many cells,2019-06-25,extra\n"
        'csv-3,"Japan criticised North Korea after a missile test on Sunday."junk,2019-05-06\n'
        "csv-4,Russia and China signed a trade agreement in Moscow on Wednesday.,2019-06-06\n",
        encoding="utf-8",
    )
    story = folder / "story.txt"
    story.write_text("Donald Trump called Vladimir Putin on Tuesday to discuss arms control.\n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # binary, not text
    return [*paths, table, story, folder / "photo.txt"]


# --- ingest under SIGKILL ------------------------------------------------------------------------------------


@dataclass
class Kill:
    """One SIGKILL: transactions committed in its attempt and in the whole round before it, whether one was open."""

    commits_before: int
    stored_before: int
    inside_transaction: bool
    delay: float


@dataclass
class IngestRun:
    """What the killed ingest went through."""

    kills: list[Kill] = field(default_factory=list)
    attempts: int = 0
    rounds: int = 0
    finished_exit: int | None = None
    seconds: float = 0.0


def _start(code: Path, db: Path, paths: list[Path], batch: int,
           published: str) -> tuple[subprocess.Popen[str], queue.Queue[str]]:  # fmt: skip
    """Start the wrapped ``detente ingest`` from the code in ``code``; its stdout lines arrive on the queue ("" at its end)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(batch), *map(str, paths), "--db", str(db), "--published", published],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=code,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.strip())
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    return child, lines


def ingest_clean(code: Path, db: Path, paths: list[Path], batch: int = 1,
                 published: str = "2021-06-15") -> tuple[int, float, int]:  # fmt: skip
    """One uninterrupted wrapped ingest: its exit status, the mean seconds between its commits, and their number."""
    child, lines = _start(code, db, paths, batch, published)
    stamps = []
    while (line := lines.get()) != "":
        if line.startswith("committed") and line != "committed 0":
            stamps.append(time.perf_counter())
    status = child.wait()
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    return status, (sum(gaps) / len(gaps) if gaps else 0.1), len(stamps)


def ingest_with_kills(code: Path, db: Path, paths: list[Path], kills: int, rng: random.Random, commit_gap: float,
                      total_commits: int, run: IngestRun, batch: int = 1, published: str = "2021-06-15") -> None:  # fmt: skip
    """Ingest into ``db`` until it finishes, SIGKILLing the process at a random point after the first commit
    of each attempt and starting it again, as long as ``run`` holds fewer than ``kills`` kills.

    The delay after that first commit is drawn so that the kills left spread over the commits left
    (``total_commits`` is what an uninterrupted run makes): the whole ingest is hit, not its start.
    """
    committed = 0
    started = time.perf_counter()
    while True:
        child, lines = _start(code, db, paths, batch, published)
        run.attempts += 1
        commits, open_transaction, killed = 0, False, False
        deadline: float | None = None
        delay = 0.0
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.perf_counter())
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                if child.poll() is None:
                    child.send_signal(signal.SIGKILL)
                    run.kills.append(Kill(commits, committed, open_transaction, round(delay, 3)))
                    killed = True
                deadline = None
                continue
            if line == "":
                break
            open_transaction = line.startswith("begin")
            if line.startswith("committed") and line != "committed 0":  # "0": the errors of a run with nothing new
                commits += 1
                committed += 1
                left = kills - len(run.kills)
                if commits == 1 and left > 0:
                    share = max(1.0, (total_commits - committed) / (left + 1))
                    delay = rng.uniform(0, 2 * share * commit_gap)
                    deadline = time.perf_counter() + delay
        status = child.wait()
        if not killed:
            run.finished_exit = status
            break
    run.rounds += 1
    run.seconds = round(run.seconds + time.perf_counter() - started, 1)


# --- checks --------------------------------------------------------------------------------------------------


def compare_stores(killed: Path, clean: Path) -> dict[str, Any]:
    """Articles lost and doubled, errors doubled, and which parts of the two stores differ (none, if all is well)."""
    from detente.store import Store
    from tests.helpers import store_contents

    with Store(killed, read_only=True) as store:
        got = store_contents(store)
        doubled = store._con.execute(
            "SELECT count(*) - count(DISTINCT id) + count(*) - count(DISTINCT content_hash) FROM articles"
        ).fetchone()[0]
    with Store(clean, read_only=True) as store:
        want = store_contents(store)
    got_ids = {row[0] for row in got["articles"]}  # type: ignore[union-attr]
    want_ids = {row[0] for row in want["articles"]}  # type: ignore[union-attr]
    errors = got["errors"]
    return {
        "articles": len(got_ids),
        "lost": len(want_ids - got_ids),
        "doubled": int(doubled),
        "errors": len(errors),  # type: ignore[arg-type]
        "errors_doubled": len(errors) - len(set(errors)),  # type: ignore[arg-type]
        "events": got["stats"]["events"],  # type: ignore[index]
        "differ": sorted(key for key in want if got[key] != want[key]),
    }


# --- Dask with a worker killed mid-task ----------------------------------------------------------------------


@dataclass
class DaskRun:
    """What the Dask run with killed workers went through."""

    kills: int = 0
    rounds: int = 0
    articles: int = 0
    shards_equal: bool = False
    skipped_equal: bool = False
    lost_batches: int = 0
    seconds: float = 0.0


def dask_with_worker_kills(paths: list[Path], folder: Path, kills: int, rng: random.Random,
                           published: str = "2021-06-15") -> DaskRun:  # fmt: skip
    """A clean ``run_dask`` and one whose busy workers are SIGKILLed ``kills`` times; their shards compared."""
    from distributed import Client, LocalCluster

    from detente.distributed import load_shards, run_dask
    from detente.model import to_dict
    from detente.sources import Problems

    result = DaskRun()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.CRITICAL)  # fmt: skip
    client = Client(cluster)
    try:
        clean_problems = Problems(stream=open(os.devnull, "w"))  # noqa: SIM115
        run_dask([str(p) for p in paths], folder / "clean", client=client, problems=clean_problems,
                 published=published, batch_size=4)  # fmt: skip
        clean = [to_dict(r) for r in load_shards(folder / "clean")]
        result.shards_equal = result.skipped_equal = True
        started = time.perf_counter()
        barren = 0  # rounds in a row without a kill: the cluster was never caught busy
        while result.kills < kills and barren < GIVE_UP:  # a round that ends first: check it, run another
            out = folder / f"killed-{result.rounds}"
            problems = Problems(stream=open(os.devnull, "w"))  # noqa: SIM115
            made = _run_while_killing(client, paths, out, problems, published, kills - result.kills, rng)
            result.kills += made
            result.rounds += 1
            barren = 0 if made else barren + 1
            killed = [to_dict(r) for r in load_shards(out)]
            result.articles = len(killed)
            result.shards_equal = result.shards_equal and killed == clean
            # the same lines, not in the same order: readers report as the client reads ahead, analyses as
            # batches come back, and a killed worker makes its batch come back later
            result.skipped_equal = result.skipped_equal and sorted(problems.skipped) == sorted(clean_problems.skipped)
            result.lost_batches += sum("batch lost on the cluster" in line for line in problems.skipped)
            problems.stream.close()  # type: ignore[union-attr]
        result.seconds = round(time.perf_counter() - started, 1)
        clean_problems.stream.close()  # type: ignore[union-attr]
    finally:
        client.close()
        cluster.close()
    return result


def _run_while_killing(client: Any, paths: list[Path], out: Path, problems: Any, published: str, kills: int,
                       rng: random.Random) -> int:  # fmt: skip
    """One ``run_dask`` into ``out``, killing up to ``kills`` busy workers once the first batch is back; kills made."""
    from detente.distributed import run_dask

    batch_done = threading.Event()
    outcome: dict[str, BaseException] = {}

    def work() -> None:
        try:
            run_dask([str(p) for p in paths], out, client=client, problems=problems, published=published,
                     batch_size=4, progress=lambda _n: batch_done.set())  # fmt: skip
        except BaseException as err:  # raised again below, not lost in the thread
            outcome["error"] = err

    thread = threading.Thread(target=work)
    thread.start()
    batch_done.wait(timeout=600)
    made = 0
    while made < kills and thread.is_alive():
        if _kill_a_busy_worker(client, rng):
            made += 1
            client.wait_for_workers(2, timeout=120)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return made


def _kill_a_busy_worker(client: Any, rng: random.Random) -> bool:
    """SIGKILL a worker process that is running a batch right now (after a short random wait); False if none is."""
    time.sleep(rng.uniform(0.05, 0.5))
    busy = [address for address, keys in client.processing().items() if keys]
    if not busy:
        return False
    pids = client.run(os.getpid)
    address = rng.choice(busy)
    if address not in pids:
        return False
    os.kill(pids[address], signal.SIGKILL)
    return True


# --- the whole check -----------------------------------------------------------------------------------------


def check(kills: int, dask_kills: int, seed: int, demo_articles: int | None = None,
          note: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:  # fmt: skip
    """Run both experiments in a temporary folder; the summary, with ``ok`` False when anything differs."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="detente-kill-") as tmp:
        folder = Path(tmp)
        code = snapshot(folder)
        paths = build_corpus(folder / "corpus", demo_articles)
        clean_db, killed_db = folder / "clean.duckdb", folder / "killed.duckdb"
        clean_exit, gap, total = ingest_clean(code, clean_db, paths)
        note(f"clean ingest: exit {clean_exit}, {total} commits, {gap * 1000:.0f} ms apart")
        run, rounds = IngestRun(), []
        while len(run.kills) < kills and len(rounds) < GIVE_UP + kills:  # a round that ends first: check it, start afresh
            for old in (killed_db, killed_db.with_name(killed_db.name + ".wal")):
                old.unlink(missing_ok=True)
            ingest_with_kills(code, killed_db, paths, kills, rng, gap, total, run)
            rounds.append(compare_stores(killed_db, clean_db))
        note(f"killed ingest: {len(run.kills)} kills over {run.attempts} attempts in {run.rounds} rounds")
        stores = {
            **rounds[-1],
            **{key: sum(r[key] for r in rounds) for key in ("lost", "doubled", "errors_doubled")},
            "differ": sorted({key for r in rounds for key in r["differ"]}),
        }
        summary: dict[str, Any] = {
            "seed": seed,
            "ingest": {**asdict(run), "clean_exit": clean_exit, **stores,
                       "kills_inside_transaction": sum(k.inside_transaction for k in run.kills)},
        }
        ok = stores["lost"] == 0 and stores["doubled"] == 0 and stores["errors_doubled"] == 0 and not stores["differ"]
        ok = ok and run.finished_exit == clean_exit and len(run.kills) >= kills
        if dask_kills:
            done = subprocess.run(
                [sys.executable, "-c", DASK_CHILD, json.dumps([str(p) for p in paths]), str(folder), str(dask_kills),
                 str(rng.randrange(2**32))],
                capture_output=True, text=True, cwd=code, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"the Dask experiment failed:\n{done.stderr[-3000:]}")
            dask = json.loads(done.stdout.strip().splitlines()[-1])
            note(f"dask: {dask['kills']} worker kills, shards equal: {dask['shards_equal']}")
            summary["dask"] = dask
            ok = ok and dask["shards_equal"] and dask["skipped_equal"] and not dask["lost_batches"]
            ok = ok and dask["kills"] >= dask_kills
        summary["ok"] = ok
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs of the ingest (default 20)")
    parser.add_argument("--dask-kills", type=int, default=3, help="worker processes killed mid-task (0: no Dask run)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--demo-articles", type=int, help="only the first N demo articles (and no multi-outlet corpus)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    summary = check(args.kills, args.dask_kills, args.seed, args.demo_articles, note=lambda line: print(line, file=sys.stderr))
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
