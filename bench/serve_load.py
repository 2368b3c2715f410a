"""Fifty clients against ``detente serve`` while ``detente ingest`` writes to the same store.

Usage: ``.venv/bin/python -m bench.serve_load [--clients 50] [--seconds 30] [--events N] [--keep PATH] [--cache-mb MB]
[--json FILE]``

The store is the demo corpus, ingested afresh (or, with ``--events N``, the
synthetic store of ``bench.timeline_speed.build`` with N events; ``--keep``
reuses or keeps it). ``detente serve`` runs in its own process, as a user
starts it (``--cache-mb`` passed on: 0 measures the server without kept
answers), and ``--clients`` threads of this process each keep one HTTP
connection to it and send requests back to back for ``--seconds``: the
timeline API of the busiest pairs, event search (``/api/events?q=``), event
detail, and the pages (home, dyad, event, search), in proportions a person
browsing and a script reading the API would make together. Meanwhile a
writer runs ``detente ingest`` again and again, each round on the demo
articles with a line of its own added (new articles whose events merge into
the stored ones), committing every ``--batch`` articles (4; an ingest's own
transactions hold 200 articles, too few commits for a short run), so the
server has to let the ingest in between its reads throughout. The clients
start at the ingest's first commit (its model loaded, its parsing under
way), and the commits that land inside the load window are counted.

Reports requests, the distinct URLs among them (a repeated URL may be
answered from what the server keeps), answers by status, dropped connections (a request that
raised instead of answering) by kind, latency p50/p95/p99/max overall and
per kind of request (timed in the client, so on a busy machine it includes
the client's own waiting for the CPU), and the ingest rounds with their exit
status. Exits 1 when any answer was a 5xx, any connection was dropped, any
ingest round failed or no commit landed inside the window.
The clients share the machine's CPUs with the server and the ingest: the
figures are those of one machine doing all three. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "detente" / "data" / "demo" / "articles.jsonl"
CLI = "import sys; from detente.cli import main; sys.exit(main(sys.argv[1:]))"
WRITER = """
import sys, time
from detente import store as store_module
from detente.cli import main

store_module.BATCH_SIZE = int(sys.argv[1])
add_batch = store_module.Store._add_batch

def announced(self, results, errors=None):
    outcome = add_batch(self, results, errors)
    print("committed", time.time(), flush=True)
    return outcome

store_module.Store._add_batch = announced
main(["ingest", *sys.argv[2:]], prog_name="detente")
"""
"""The writer: ``detente ingest`` itself, with small transactions that say when they commit (as bench.kill_ingest)."""
MIX = {"timeline_api": 3, "search_api": 2, "event_api": 2, "dyad_page": 1, "event_page": 1, "home_page": 0.5,
       "search_page": 0.5}  # fmt: skip
"""Relative frequency of each kind of request."""
WORDS = ["Putin", "summit", "talks", "sanctions", "Helsinki", "agreement", "called"]
"""Search words: found in the demo corpus, and a scan of every evidence sentence in any store."""


@dataclass
class Tally:
    """What the clients saw; each client keeps its own and they are added up at the end."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        for kind, seconds in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(seconds)
        self.statuses.update(other.statuses)
        self.dropped.update(other.dropped)
        self.server_errors.extend(other.server_errors)
        self.urls |= other.urls


@dataclass
class Targets:
    """What the requests ask for, read from the store through the API before the load starts."""

    pairs: list[tuple[str, str]]
    events: list[str]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cli(*args: str, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CLI, *args], text=True, **popen)


def _serve(db: Path, port: int, cache_mb: int) -> subprocess.Popen[str]:
    """``detente serve`` on the store, once it accepts connections."""
    server = _cli("serve", "--db", str(db), "--port", str(port), "--cache-mb", str(cache_mb), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("detente serve did not start")


def _get(port: int, url: str) -> Any:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    con.request("GET", url)
    answer = con.getresponse()
    body = answer.read()
    con.close()
    if answer.status != 200:
        raise RuntimeError(f"{url}: {answer.status} {body[:200]!r}")
    return json.loads(body)


def targets(port: int) -> Targets:
    """The ten busiest pairs (by actor id, as the pages link them) and up to 500 event ids."""
    pairs = [(p["actors"][0]["id"], p["actors"][1]["id"]) for p in _get(port, "/api/pairs?limit=10")]
    events = [e["id"] for e in _get(port, "/api/events?limit=500&order=latest")["events"]]
    if not pairs or not events:
        raise RuntimeError("the store has no events to ask for")
    return Targets(pairs, events)


def warm_up(port: int, found: Targets) -> None:
    """One request of each kind before the clock starts: the server loads the parser for role names
    ("the Russian president") on first use, seconds that a running server has behind it."""
    rng = random.Random(0)
    for kind in MIX:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        con.request("GET", _url(kind, rng, found))
        con.getresponse().read()
        con.close()


def _url(kind: str, rng: random.Random, found: Targets) -> str:
    a, b = (quote(name) for name in rng.choice(found.pairs))
    event = quote(rng.choice(found.events), safe="")
    word = quote(rng.choice(WORDS))
    return {
        "timeline_api": f"/api/timeline?a={a}&b={b}", "search_api": f"/api/events?q={word}&limit=50",
        "event_api": f"/api/events/{event}", "dyad_page": f"/dyad?a={a}&b={b}", "event_page": f"/events/{event}",
        "home_page": "/", "search_page": f"/search?q={word}",
    }[kind]  # fmt: skip


def client(port: int, found: Targets, until: float, seed: int, tally: Tally) -> None:
    """One client: one connection, requests back to back until ``until``; a dropped connection is reopened."""
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        url = _url(kind, rng, found)
        start = time.perf_counter()
        try:
            con.request("GET", url)
            answer = con.getresponse()
            body = answer.read()
        except (OSError, http.client.HTTPException) as err:
            tally.dropped[type(err).__name__] += 1
            con.close()
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            continue
        tally.latencies.setdefault(kind, []).append(time.perf_counter() - start)
        tally.statuses[answer.status] += 1
        tally.urls.add(url)
        if answer.status >= 500:
            tally.server_errors.append(f"{answer.status} {url}: {body[:160]!r}")
    con.close()


@dataclass
class Writing:
    """The writer's schedule and record: the load starts at its first commit and it stops after ``until``."""

    batch: int
    first_commit: threading.Event = field(default_factory=threading.Event)
    until: float = float("inf")
    """Wall-clock time the load ends (set when it starts)."""
    rounds: list[dict[str, Any]] = field(default_factory=list)


def writer(db: Path, folder: Path, writing: Writing) -> None:
    """``detente ingest`` round after round until the load ends, each on the demo articles with a line of its own,
    committing every ``writing.batch`` articles; each round's exit status and commit times."""
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    run = f"{os.getpid()}-{time.time_ns()}"  # a store kept from an earlier run (--keep) has that run's rounds already
    number = 0
    while time.time() < writing.until:
        number += 1
        source = folder / f"round-{number}.jsonl"
        source.write_text("".join(
            json.dumps({**a, "id": f"{a['id']}-r{number}-{run}", "text": f"{a['text']}\n(Load test {run}, round {number}.)"})
            + "\n" for a in articles), encoding="utf-8")  # fmt: skip
        start = time.time()
        ingest = subprocess.Popen([sys.executable, "-c", WRITER, str(writing.batch), str(source), "--db", str(db)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        commits = []
        for line in ingest.stdout or ():
            if line.startswith("committed "):
                commits.append(float(line.split()[1]))
                writing.first_commit.set()
        err = ingest.stderr.read() if ingest.stderr else ""
        ingest.wait()
        writing.first_commit.set()  # a round that failed before committing must not hold the load back
        added = re.search(r"added (\d+) articles", err)
        writing.rounds.append({"round": number, "exit": ingest.returncode, "seconds": round(time.time() - start, 1),
                               "added": int(added.group(1)) if added else None, "commits": len(commits),
                               "commits_during_load": sum(t < writing.until for t in commits),
                               "error": None if ingest.returncode == 0 else err.strip().splitlines()[-1:]})  # fmt: skip


def _percentiles(seconds: list[float]) -> dict[str, float | int]:
    if len(seconds) < 2:
        return {"requests": len(seconds)}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"requests": len(seconds), "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1), "max_ms": round(max(seconds) * 1000, 1)}  # fmt: skip


def _store(args: argparse.Namespace, folder: Path) -> Path:
    """The store to serve: kept, synthetic, or the demo corpus ingested now."""
    path = args.keep or folder / "load.duckdb"
    if path.exists():
        return path
    if args.events:
        from bench.timeline_speed import build

        build(path, args.events, 0.001)
        return path
    run = _cli("ingest", str(DEMO), "--db", str(path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = run.communicate()
    if run.returncode != 0:
        raise RuntimeError(f"ingest of the demo corpus failed: {err}")
    return path


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build or reuse the store, serve it, load it while ingesting, and sum up."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _store(args, folder)
        port = _free_port()
        server = _serve(db, port, args.cache_mb)
        try:
            found = targets(port)
            warm_up(port, found)
            load_before = os.getloadavg()
            writing = Writing(args.batch)
            ingest = threading.Thread(target=writer, args=(db, folder, writing))
            ingest.start()
            writing.first_commit.wait(timeout=300)
            writing.until = time.time() + args.seconds
            until = time.monotonic() + args.seconds
            tallies = [Tally() for _ in range(args.clients)]
            threads = [threading.Thread(target=client, args=(port, found, until, n, tallies[n]))
                       for n in range(args.clients)]  # fmt: skip
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            load_after = os.getloadavg()
            ingest.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = Tally()
    for tally in tallies:
        total.add(tally)
    every = [s for seconds in total.latencies.values() for s in seconds]
    return {
        "date": date.today().isoformat(), "clients": args.clients, "seconds": round(elapsed, 1),
        "cache_mb": args.cache_mb,
        "store": str(args.keep) if args.keep else (f"synthetic, {args.events:,} events" if args.events else "demo corpus"),
        "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "requests": len(every), "requests_per_second": round(len(every) / elapsed, 1), "distinct_urls": len(total.urls),
        "statuses": dict(sorted(total.statuses.items())), "dropped_connections": dict(total.dropped),
        "server_errors": total.server_errors[:20], "latency": _percentiles(every),
        "latency_by_kind": {kind: _percentiles(total.latencies.get(kind, [])) for kind in MIX},
        "ingest_batch": args.batch,
        "ingest_commits_during_load": sum(r["commits_during_load"] for r in writing.rounds),
        "ingest_rounds": writing.rounds,
    }  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--batch", type=int, default=4, help="articles per ingest transaction (detente's own: 200)")
    parser.add_argument("--events", type=int, help="a synthetic store of this many events instead of the demo corpus")
    parser.add_argument("--keep", type=Path, help="reuse the store at this path, or build it there and keep it")
    parser.add_argument("--cache-mb", type=int, default=64, help="detente serve's --cache-mb (0: no kept answers)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    summary = run(args)
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    failed = sum(n for status, n in summary["statuses"].items() if status >= 500) + sum(
        summary["dropped_connections"].values()
    )
    bad_rounds = [r for r in summary["ingest_rounds"] if r["exit"] != 0]
    return 1 if failed or bad_rounds or not summary["ingest_commits_during_load"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
