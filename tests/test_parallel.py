"""Ingest at scale: stored articles are never parsed, workers give what one process gives, a killed run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from detente.model import Article, ArticleResult, to_dict
from detente.parallel import (
    IngestProblems,
    analyse_parallel,
    count_articles,
    ingest,
    skip_known,
    split_origin,
)
from detente.sources import read_paths
from detente.store import Store
from tests.helpers import store_contents as _contents

HAND_WRITTEN = [
    Article("p1", "Vladimir Putin met Xi Jinping in Osaka on Friday. Putin said the talks were useful.",
            published="2019-06-28", outlet="Example Wire"),
    Article("p2", "Donald Trump called Vladimir Putin on Tuesday to discuss arms control.", published="2019-05-08"),
    Article("p3", "Russia and China signed a trade agreement in Moscow on Wednesday.", published="2019-06-06"),
    Article("p4", "Emmanuel Macron met Angela Merkel in Berlin on Monday, the Elysee said.", published="2019-06-25"),
    Article("p5", "Japan criticised North Korea after a missile test on Sunday.", published="2019-05-06"),
]  # fmt: skip

KILL_CORPUS = [
    {"id": "k1", "published": "2019-06-28", "outlet": "Example Wire",
     "text": "Vladimir Putin met Xi Jinping in Osaka on Friday. Putin said the talks were useful."},
    None,  # a malformed line: recorded as an error, once, however often the run is started
    {"id": "k2", "published": "2019-05-08", "text": "Donald Trump called Vladimir Putin on Tuesday to discuss arms control."},
    {"id": "k3", "published": "2019-06-29", "outlet": "Demo Daily",
     "text": "Xi Jinping and Vladimir Putin held talks in Osaka on Friday, state media reported."},
    {"id": "k4", "published": "2019-06-25", "text": "Emmanuel Macron met Angela Merkel in Berlin on Monday."},
    {"id": "k5", "published": "2019-06-06", "text": "Russia and China signed a trade agreement in Moscow on Wednesday."},
    {"id": "k6", "published": "2019-05-09", "text": "Trump told reporters he had spoken with Putin by phone on Tuesday."},
    {"id": "k7", "published": "2019-05-06", "text": "Japan criticised North Korea after a missile test on Sunday."},
    {"id": "k1-copy", "published": "2019-06-28",
     "text": "Vladimir Putin met Xi Jinping in Osaka on Friday. Putin said the talks were useful."},
]  # fmt: skip

# The ingest that is killed: batches of two articles; it reports each commit, and inside the
# second batch's transaction (every row written, nothing committed) it says so and waits to be killed.
CHILD = """
import sys, time
from detente import store as store_module
from detente.parallel import IngestProblems, ingest
from detente.sources import read_paths

db, source = sys.argv[1], sys.argv[2]
add_batch, flush = store_module.Store._add_batch, store_module.Store._flush
committed = 0

def counting_add_batch(self, results, errors=None):
    global committed
    outcome = add_batch(self, results, errors)
    committed += 1
    print("committed", committed, flush=True)
    return outcome

def stalling_flush(self, batch, canonical):
    flush(self, batch, canonical)
    if committed == 1:
        print("in transaction", flush=True)
        time.sleep(120)

store_module.Store._add_batch = counting_add_batch
store_module.Store._flush = stalling_flush
problems = IngestProblems()
with store_module.Store(db) as store:
    ingest(store, read_paths([source], problems), problems=problems, batch_size=2)
"""


def _write_corpus(path: Path) -> Path:
    lines = ['{"id": "broken", "text": ' if record is None else json.dumps(record) for record in KILL_CORPUS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(db: Path, source: Path) -> tuple[object, IngestProblems]:
    problems = IngestProblems()
    with Store(db) as store:
        summary = ingest(store, read_paths([str(source)], problems), problems=problems, batch_size=2)
    return summary, problems


def test_a_run_killed_mid_batch_and_started_again_stores_every_article_once(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    source = _write_corpus(tmp_path / "news.jsonl")
    killed = tmp_path / "killed.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(killed), str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    said = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            said.append(line.strip())
            if line.startswith("in transaction"):
                break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert said == ["committed 1", "in transaction"], said

    with Store(killed, read_only=True) as store:  # the first batch only: the second never committed
        after_kill = _contents(store)
    assert [row[0] for row in after_kill["articles"]] == ["k1", "k2"]  # type: ignore[index]
    assert after_kill["errors"] == [(str(source), 2, None, "malformed JSON (Expecting value at column 26)")]

    summary, problems = _ingest(killed, source)
    assert (summary.added, summary.duplicates) == (5, 3)  # k1, k2 stored; k1-copy is k1's text
    assert problems.summary() == "processed 8, skipped 1"
    clean = tmp_path / "clean.duckdb"
    _ingest(clean, source)
    with Store(killed, read_only=True) as resumed, Store(clean, read_only=True) as single:
        assert _contents(resumed) == _contents(single)
        assert resumed.stats()["articles"] == 7
        assert resumed.stats()["events"] >= 5


def test_results_from_two_workers_equal_one_process(nlp) -> None:  # type: ignore[no-untyped-def]
    from detente.pipeline import ArticleTooLong, analyse_many

    too_long = Article("huge", "Putin met Xi. " * 80_000)
    articles = [*HAND_WRITTEN[:3], too_long, *HAND_WRITTEN[3:]]
    single_errors: list[tuple[str, str]] = []
    single = [to_dict(r) for r in analyse_many(articles, on_error=lambda a, e: single_errors.append((a.id, type(e).__name__)))]
    errors: list[tuple[str, Exception]] = []
    parallel = [to_dict(r) for r in analyse_parallel(articles, 2, on_error=lambda a, e: errors.append((a.id, e)), chunk_size=2)]
    assert parallel == single
    assert [r["article"]["id"] for r in parallel] == ["p1", "p2", "p3", "p4", "p5"]
    assert any(r["events"] for r in parallel)
    assert [(a, type(e).__name__) for a, e in errors] == single_errors == [("huge", "ArticleTooLong")]
    assert isinstance(errors[0][1], ArticleTooLong)


def test_stored_articles_are_skipped_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add_many([ArticleResult(article=a) for a in HAND_WRITTEN[:3]])
        incoming = [*HAND_WRITTEN, Article("p1-again", HAND_WRITTEN[0].text), Article("p4", "Other text, same id.")]
        skipped: list[str] = []
        fresh = list(skip_known(store, incoming, on_known=lambda a: skipped.append(a.id), batch_size=2))
        assert [a.id for a in fresh] == ["p4", "p5"]
        assert skipped == ["p1", "p2", "p3", "p1-again", "p4"]  # stored, or repeating one passed on

        def parse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise AssertionError("a stored article was sent to the parser")

        monkeypatch.setattr("detente.parallel.analyse_parallel", parse)
        done: list[int] = []
        problems = IngestProblems()
        summary = ingest(store, HAND_WRITTEN[:3], problems=problems, progress=done.append)
        assert (summary.added, summary.duplicates, sum(done), problems.processed) == (0, 3, 3, 3)


def test_failures_and_bad_lines_are_recorded_in_the_store(tmp_path: Path, failing_article: str, nlp) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps({"id": "good", "text": "Putin met Xi in Beijing.", "published": "2019-06-05"}) + "\n"
        + "not json\n\n"
        + json.dumps({"id": "bad", "text": "Putin met Xi."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    problems, done = IngestProblems(stream=open(os.devnull, "w")), []  # noqa: SIM115
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest(store, read_paths([str(source)], problems), problems=problems, progress=done.append)
        rows = [(e["source"], e["record"], e["article_id"], e["message"]) for e in store.errors()]
    problems.stream.close()  # type: ignore[union-attr]
    assert summary.added == 1
    assert problems.summary() == "processed 1, skipped 2"
    assert sorted(rows, key=lambda r: r[1]) == [
        (str(source), 2, None, "malformed JSON (Expecting value at column 1)"),
        (str(source), 4, "bad", "article bad: analysis failed (ValueError: boom); please report it"),
    ]
    assert sum(done) == count_articles([str(source)]) == 3


def test_count_articles_reads_lines_not_articles(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n{"id": 3}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,text\n1,x\n2,y\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    assert count_articles([str(tmp_path)]) == 3 + 1 + 2
    assert count_articles([str(tmp_path / "a.jsonl"), str(tmp_path / "missing.jsonl")]) == 3
    assert count_articles([str(tmp_path / "notes.md")]) == 1  # read as plain text
    assert count_articles(["-"]) is None
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert count_articles([str(tmp_path)]) is None  # an archive's count is known only by reading it


def test_split_origin() -> None:
    assert split_origin("data/news.jsonl:12") == ("data/news.jsonl", 12)
    assert split_origin("data/article.txt") == ("data/article.txt", None)
    assert split_origin("stdin") == ("stdin", None)


def test_languages_are_judged_after_stored_articles_are_set_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import detente.parallel as parallel

    french = Article("fr", "Le président russe a rencontré hier à Pékin son homologue chinois pour discuter du commerce, "
                           "de l'énergie et de la sécurité régionale, selon un communiqué publié par le Kremlin.")  # fmt: skip
    judged: list[str] = []
    real = parallel.keep_language

    def spy(article: Article, problems, languages):  # type: ignore[no-untyped-def]
        judged.append(article.id)
        return real(article, problems, languages)

    monkeypatch.setattr(parallel, "keep_language", spy)
    monkeypatch.setattr(parallel, "analyse_parallel", lambda *a, **k: pytest.fail("nothing here needs parsing"))
    problems, done = IngestProblems(stream=open(os.devnull, "w")), []  # noqa: SIM115
    with Store(tmp_path / "s.duckdb") as store:
        store.add(ArticleResult(article=HAND_WRITTEN[0]))
        summary = ingest(store, [HAND_WRITTEN[0], french], problems=problems, progress=done.append, languages=("en",))
        assert store.errors() == []  # a filtered article is not an error
    problems.stream.close()  # type: ignore[union-attr]
    assert judged == ["fr"]  # the stored article was never judged
    assert (summary.duplicates, problems.processed, len(problems.excluded), sum(done)) == (1, 1, 1, 2)


def test_chunks_go_out_a_few_per_worker_ahead_and_come_back_in_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import detente.parallel as parallel

    sizes: list[int] = []
    outstanding = most = 0

    class Collected(Future):  # type: ignore[type-arg]
        """A finished task; the main process has it back when it asks for the result."""

        def result(self, timeout: float | None = None) -> Any:
            nonlocal outstanding
            outstanding -= 1
            return super().result(timeout)

    class InProcess:
        """Stands for the pool: runs each chunk as it is submitted and counts chunks not yet collected."""

        def __init__(self, workers: int, **_options: Any) -> None:
            assert workers == 2

        def submit(self, work: Any, chunk: list[Article]) -> Future:  # type: ignore[type-arg]
            nonlocal outstanding, most
            sizes.append(len(chunk))
            outstanding += 1
            most = max(most, outstanding)
            done = Collected()
            done.set_result(work(chunk))
            return done

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            pass

    def analyse_chunk(chunk: list[Article]) -> list[tuple[ArticleResult | None, Exception | None]]:
        return [(None, ValueError(a.id)) if a.id.endswith("7") else (ArticleResult(article=a), None) for a in chunk]

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", InProcess)
    monkeypatch.setattr(parallel, "_analyse_chunk", analyse_chunk)
    articles = [Article(f"a{i}", f"Text {i}.") for i in range(100)]
    failed: list[tuple[str, str]] = []
    done = [r.article.id for r in analyse_parallel(articles, 2, on_error=lambda a, e: failed.append((a.id, str(e))))]
    assert done == [a.id for a in articles if not a.id.endswith("7")]
    assert failed == [(f"a{i}", f"a{i}") for i in range(7, 100, 10)]
    full, rest = divmod(len(articles), parallel.CHUNK_SIZE)
    assert sizes == [parallel.CHUNK_SIZE] * full + ([rest] if rest else [])
    assert most == 2 * parallel.IN_FLIGHT  # never more queued than that, and the queue was kept full


def test_a_worker_builds_the_actor_matchers_before_its_first_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    import detente.parallel as parallel
    import detente.pipeline as pipeline

    built: list[object] = []
    kb = object()
    monkeypatch.setattr(pipeline, "build_matchers", built.append)
    monkeypatch.setattr(parallel, "_worker_kb", None)
    parallel._init_worker((), kb)  # type: ignore[arg-type]
    assert parallel._worker_kb is kb
    assert built == [kb]
