"""Two ``detente ingest`` processes on one store at once, on overlapping inputs.

DuckDB lets one process write a file at a time. An ingest takes the store
only to check which articles it holds and to commit a batch, and waits up
to ``LOCK_WAIT`` (30 s) for it, so two ingests started together take turns:
what a user expects is that both succeed, and that the store ends as one
ingest of all their articles would have left it: every article once (the
second to commit finds the shared ones stored), the same events, mentions
and scores.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from click.testing import CliRunner

from detente.cli import main
from detente.store import Store
from tests.helpers import start_ingest, store_contents, write_corpus

ARTICLES = [
    ("c1", "2019-06-28", "Vladimir Putin met Xi Jinping in Osaka on Friday."),
    ("c2", "2019-06-25", "Emmanuel Macron met Angela Merkel in Berlin on Monday."),
    ("c3", "2019-06-06", "Russia and China signed a trade agreement in Moscow on Wednesday."),
    ("c4", "2019-05-09", "Donald Trump spoke with Vladimir Putin by phone on Tuesday."),
    ("c5", "2019-05-06", "Japan criticised North Korea after a missile test on Sunday."),
    ("c6", "2019-04-25", "Kim Jong Un met Vladimir Putin in Vladivostok on Thursday."),
    ("c7", "2019-04-26", "Vladimir Putin and Kim Jong Un held talks in Vladivostok on Thursday, the Kremlin said."),
    ("c8", "2019-03-01", "The United States accused Russia of violating the arms treaty on Friday."),
]
FIRST, SECOND = ARTICLES[:6], ARTICLES[2:]
"""Overlapping halves: c3-c6 are in both (c7 reports c6's meeting again, so events merge across the halves)."""
SUMMARY = re.compile(r"added (\d+) articles \((\d+) already stored\)")




def _together(sources: list[Path], db: Path) -> list[str]:
    """Start one ingest per source at the same moment, wait for all; their standard error, each exit 0."""
    runs = [start_ingest(source, db) for source in sources]
    errs = []
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert "Traceback" not in err
        errs.append(err)
    return errs


def test_two_ingests_at_once_both_succeed_and_store_each_article_once(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    first, second = write_corpus(tmp_path / "first.jsonl", FIRST), write_corpus(tmp_path / "second.jsonl", SECOND)
    db = tmp_path / "shared.duckdb"
    started = time.monotonic()
    errs = _together([first, second], db)
    took = time.monotonic() - started
    counts = [tuple(int(n) for n in SUMMARY.search(err).groups()) for err in errs]  # type: ignore[union-attr]
    assert sum(added for added, _ in counts) == len(ARTICLES), counts  # nothing stored twice, nothing lost
    assert sum(known for _, known in counts) == len(FIRST) + len(SECOND) - len(ARTICLES), counts

    union = write_corpus(tmp_path / "union.jsonl", ARTICLES)
    alone = tmp_path / "alone.duckdb"
    assert CliRunner().invoke(main, ["ingest", str(union), "--db", str(alone)]).exit_code == 0
    with Store(db, read_only=True) as shared, Store(alone, read_only=True) as reference:
        together, single = store_contents(shared), store_contents(reference)
    assert [row[0] for row in together["articles"]] == sorted(i for i, _, _ in ARTICLES)
    assert together == single
    assert took < 60, f"two small ingests took {took:.0f} s: one waited for the other far longer than a batch"

    for err in _together([first, second], db):  # both find everything stored, at the same time
        assert "added 0 articles" in err, err
    with Store(db, read_only=True) as shared:
        assert store_contents(shared) == single
