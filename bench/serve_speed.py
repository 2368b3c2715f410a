"""How fast ``detente serve`` answers on a store of a million events: the timeline API and the dyad page.

Usage: ``.venv/bin/python -m bench.serve_speed [EVENTS] [--hot-share 0.001] [--requests 200] [--keep PATH]``
(default 1,000,000 events; ``--keep`` reuses or keeps the built store).

The store is built by ``bench.timeline_speed.build`` (synthetic events through
DuckDB directly); with ``--hot-share 0.001`` each of its four hot dyads holds
about 1,000 events. The server runs in its own process (as ``detente serve``
does), and a client process times, over HTTP on the loopback address:

- ``/api/timeline`` for the hot dyads (about 1,000 events each), ``--requests``
  requests round-robin, and for as many random ordinary dyads: p50, p95, max;
- the dyad page of a hot dyad in headless Chromium (when /usr/bin/chromium
  exists): from navigation to the chart marked ready by its script, and to the
  load event; five runs, median and worst.

Both with the server's default linger (the store stays open 0.5 s after a
request, so a burst opens it once) and with none (opened and closed for every
request, what an ingest running beside the server would need). Every request
is timed whole (open, query, encode, send); the server keeps no answer
(``cache_bytes=0``), so every request reads the store: the requests repeat
the same four hot dyads, which a server keeping answers would give from
memory after the first (``bench.serve_load`` measures that).
Not part of ``make test``.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.timeline_speed import ACTORS, HOT, build

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
PAGE_RUNS = 5
SERVER = """
import sys
from detente.web import serve
serve(sys.argv[1], "127.0.0.1", int(sys.argv[2]), note=lambda _: None, linger=float(sys.argv[3]), cache_bytes=0)
"""
LINGERS = (0.5, 0.0)
"""The default (the store stays open 0.5 s after a request), and the store opened and closed for every request."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(path: Path, port: int, linger: float) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(path), str(port), str(linger)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def _timed(con: http.client.HTTPConnection, url: str) -> tuple[float, int, int]:
    """Seconds for one request, its status and its body size."""
    start = time.perf_counter()
    con.request("GET", url)
    answer = con.getresponse()
    body = answer.read()
    return time.perf_counter() - start, answer.status, len(body)


def _percentiles(seconds: list[float]) -> dict[str, float]:
    p95 = statistics.quantiles(seconds, n=20, method="inclusive")[18]
    return {"p50_ms": round(statistics.median(seconds) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(max(seconds) * 1000, 1)}  # fmt: skip


def timeline_api(port: int, requests: int) -> dict[str, Any]:
    """p50/p95/max of /api/timeline for the hot dyads and for random ordinary ones."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    rng = random.Random(7)
    hot = [(f"A{a:03d}", f"A{b:03d}") for a, b in HOT]
    ordinary = []
    while len(ordinary) < requests:
        a, b = rng.sample(range(len(HOT) * 2, ACTORS), 2)
        ordinary.append((f"A{a:03d}", f"A{b:03d}"))
    found: dict[str, Any] = {}
    for name, pairs in (("hot_dyads", [hot[i % len(hot)] for i in range(requests)]), ("ordinary_dyads", ordinary)):
        for a, b in pairs[:3]:
            _timed(con, f"/api/timeline?a={a}&b={b}")  # warm the server's caches and the OS file cache
        seconds, sizes, counts = [], [], []
        for a, b in pairs:
            elapsed, status, size = _timed(con, f"/api/timeline?a={a}&b={b}")
            assert status == 200, (a, b, status)
            seconds.append(elapsed)
            sizes.append(size)
        for a, b in pairs[:4]:
            con.request("GET", f"/api/timeline?a={a}&b={b}")
            counts.append(json.loads(con.getresponse().read())["count"])
        found[name] = {"requests": len(seconds), **_percentiles(seconds), "events_per_answer": counts,
                       "mean_body_kb": round(statistics.mean(sizes) / 1024, 1)}  # fmt: skip
    con.close()
    return found


def dyad_page(port: int) -> dict[str, Any] | None:
    """Chromium's time from navigation to the chart ready, and to the load event, for a hot dyad's page."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    a, b = (f"A{n:03d}" for n in HOT[0])
    url = f"http://127.0.0.1:{port}/dyad?a={a}&b={b}"
    ready, loaded = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(url)  # warm-up
        for _ in range(PAGE_RUNS):
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("#timeline[data-ready]")
            ready.append(time.perf_counter() - start)
            timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
            loaded.append(json.loads(timing)["loadEventEnd"] / 1000)
        dots = page.locator("#timeline .pt").count()
        rows = page.locator("li.event").count()
        browser.close()
    return {"events_in_list": rows, "dots": dots, "runs": PAGE_RUNS,
            "chart_ready_median_ms": round(statistics.median(ready) * 1000), "chart_ready_max_ms": round(max(ready) * 1000),
            "load_event_median_ms": round(statistics.median(loaded) * 1000), "load_event_max_ms": round(max(loaded) * 1000)}  # fmt: skip


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    hot_share = float(argv[argv.index("--hot-share") + 1]) if "--hot-share" in argv else 0.001
    requests = int(argv[argv.index("--requests") + 1]) if "--requests" in argv else 200
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "serve.duckdb"
        if not path.exists():
            build(path, n, hot_share)
        runs = {}
        for linger in LINGERS:
            port = _free_port()
            server = _start(path, port, linger)
            try:
                load = round(os.getloadavg()[0], 2)
                runs[f"linger_{linger}s"] = {"load_average_1min_at_start": load, "timeline_api": timeline_api(port, requests),
                                             "dyad_page": dyad_page(port)}  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=30)
    print(json.dumps({
        "date": date.today().isoformat(), "events": n, "hot_share": hot_share, "cpus": os.cpu_count(),
        "python": platform.python_version(), **runs,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
