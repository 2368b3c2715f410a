"""Exactly-once under faults: ingest SIGKILLed at random points, a Dask worker killed mid-task (bench/kill_ingest.py).

``make test`` runs a short version (3 kills of the ingest on part of the demo
corpus, 1 worker kill); ``RELIABILITY_FULL=1`` (``make fuzz``) runs the full
one: at least 20 kills over the demo and multi-outlet corpora, 3 worker kills.
The one precise kill inside a transaction is tests/test_parallel.py's.
"""

from __future__ import annotations

import os

import pytest

from bench.kill_ingest import check

FULL = os.environ.get("RELIABILITY_FULL") == "1"


def test_killed_runs_store_every_article_once_and_equal_an_uninterrupted_run() -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    if FULL:
        summary = check(kills=20, dask_kills=3, seed=2026)
    else:
        summary = check(kills=3, dask_kills=1, seed=7, demo_articles=12)
    ingest = summary["ingest"]
    assert len(ingest["kills"]) >= (20 if FULL else 3)
    assert all(kill["commits_before"] >= 1 for kill in ingest["kills"])  # never during start-up
    assert (ingest["lost"], ingest["doubled"], ingest["errors_doubled"], ingest["differ"]) == (0, 0, 0, [])
    assert ingest["finished_exit"] == ingest["clean_exit"] == 1  # the bad records are reported, the run goes on
    assert ingest["errors"] >= 8
    dask = summary["dask"]
    assert dask["kills"] >= (3 if FULL else 1) and dask["lost_batches"] == 0
    assert dask["shards_equal"] and dask["skipped_equal"]
    assert summary["ok"]
