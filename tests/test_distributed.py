"""The Dask runner gives exactly the single-process analysis, through Parquet shards and back.

One LocalCluster (2 worker processes) serves the whole module; where the
environment cannot start worker processes, the tests skip and say why.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from detente.distributed import MANIFEST, ShardError, is_shard_dir, load_shards, run_dask
from detente.model import Article, to_dict
from detente.pipeline import analyse_many
from detente.sources import Problems, read_paths

ARTICLES = [
    {
        "id": "helsinki",
        "published": "2018-07-17",
        "outlet": "Example Wire",
        "text": "HELSINKI, July 16 (Example Wire) – President Donald Trump met Russian President Vladimir Putin "
        "in Helsinki on Monday. The two leaders spoke for two hours behind closed doors.\n"
        '"We had a very good conversation," Trump told reporters after the summit.',
    },
    {
        "id": "sanctions",
        "published": "2022-02-23",
        "text": "The European Union imposed sanctions on Russia on Wednesday after Moscow recognised two "
        "breakaway regions of Ukraine. German Chancellor Olaf Scholz said Berlin had halted the "
        "Nord Stream 2 pipeline.",
    },
    {
        "id": "call",
        "published": "2021-06-18",
        "url": "https://news.example/2021/06/18/call",
        "text": "Chinese President Xi Jinping held a phone call with French President Emmanuel Macron on "
        "Thursday, and the two agreed to strengthen cooperation on climate.\n"
        "Macron urged Beijing to allow a visit by United Nations investigators.",
    },
    {
        "id": "undated",
        "text": "Indian Prime Minister Narendra Modi will visit Washington next month, the White House said. "
        "Officials in New Delhi denied that the trip had been cancelled.",
    },
]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    try:
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    except Exception as err:  # sandboxes without process spawning or sockets
        pytest.skip(
            f"a Dask LocalCluster with 2 worker processes cannot start here ({type(err).__name__}: {err})"
        )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("news") / "news.jsonl"
    lines = [json.dumps(a) for a in ARTICLES]
    lines.insert(2, "{not json")  # a bad record: reported on the client, the others go on
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _single_process(paths: list[str]) -> list[dict]:
    return [to_dict(r) for r in analyse_many(read_paths(paths, Problems(stream=_Null())))]


class _Null:
    def write(self, _text: str) -> None:
        pass


def test_shards_equal_single_process(client, corpus: Path, tmp_path: Path) -> None:
    problems = Problems(stream=_Null())
    out = tmp_path / "shards"
    summary = run_dask([str(corpus)], out, client=client, problems=problems, batch_size=2, shard_size=3)
    expected = _single_process([str(corpus)])
    got = [to_dict(r) for r in load_shards(out)]
    assert [r["article"]["id"] for r in got] == ["helsinki", "sanctions", "call", "undated"]
    assert got == expected
    assert sum(len(r["events"]) for r in got) > 0
    assert summary.articles == 4 and summary.shards == ["part-000000.parquet", "part-000001.parquet"]
    assert problems.processed == 4 and len(problems.skipped) == 1 and "news.jsonl:3" in problems.skipped[0]
    assert is_shard_dir(out)


def test_articles_in_memory_and_existing_output(client, tmp_path: Path) -> None:
    articles = [Article(**a) for a in ARTICLES[:2]]
    out = tmp_path / "shards"
    run_dask(articles, out, client=client, batch_size=1, max_in_flight=1)
    assert [to_dict(r) for r in load_shards(out)] == [to_dict(r) for r in analyse_many(articles)]
    with pytest.raises(FileExistsError):
        run_dask(articles, out, client=client)
    run_dask(articles[:1], out, client=client, overwrite=True)
    assert [r.article.id for r in load_shards(out)] == ["helsinki"]


def test_unreadable_shard_dirs(tmp_path: Path) -> None:
    assert not is_shard_dir(tmp_path)
    with pytest.raises(ShardError, match=r"no detente-shards\.json"):
        list(load_shards(tmp_path))
    (tmp_path / MANIFEST).write_text(
        json.dumps(
            {
                "format": "detente-shards",
                "version": 1,
                "shards": [{"file": "part-000000.parquet", "articles": 1, "first_seq": 0, "events": 0}],
            }
        )
    )
    with pytest.raises(ShardError, match="missing"):
        list(load_shards(tmp_path))
