"""How long ``Store.timeline`` takes for a hot dyad in a store of a million events.

Usage: ``.venv/bin/python -m bench.timeline_speed [EVENTS] [--hot-share 0.005] [--keep PATH]``
(default 1,000,000 events; ``--keep`` reuses or keeps the built store).
Builds a synthetic store through DuckDB directly (schema from ``Store``, rows by
``INSERT ... SELECT`` over ``range``): 200 actors in 40 countries; four hot
dyads take 0.5% of the events each (5,000 events), the rest are spread over
random pairs; one to three mentions per event. All but the last tenth of the
events are sorted by dyad as ``Store.sort`` does after an ingest batch; the
last tenth stay unsorted at the end, the most ``SORT_SHARE`` lets pile up
before the next sort. Times ``Store.timeline`` (best of 5) for a hot dyad by person
ids, the same since 2020, the same by country, and the syndication candidate
lookup of a 200-article batch against the MinHash band index of one article
per event (20 bands each); then sorts the store (timed) and times them again.
Each set of timings gives the 1, 5 and 15-minute load averages when it began.
Without ``--keep`` the store is built in a temporary folder and deleted at the end.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.stages import best_of
from detente.merge import band_keys, minhash
from detente.model import Actor, Event, Place, TimeValue, to_dict
from detente.store import SORT_SHARE, ActorQuery, Store

RUNS = 5
ACTORS = 200
COUNTRIES = 40
HOT = [(0, 1), (2, 3), (4, 5), (6, 7)]
HOT_SHARE = 0.005
TAIL = SORT_SHARE


def _template() -> str:
    """An event record as the store keeps it, with placeholders SQL fills in."""
    event = Event(
        id="@ID", type="CONSULT", mode="meet", cameo="043", quad_class=1, goldstein=2.8, status="occurred",
        source=[Actor("@S", "Actor @S", "@SC", "GOV", "person")], target=[Actor("@T", "Actor @T", "@TC", "GOV", "person")],
        date=TimeValue("@DATE", "day", "text", "'on Monday' relative to publication"),
        location=Place("Geneva", "CHE", 46.2, 6.15), quotes=[], mentions=[], confidence=0.8,
        status_reason="no marker of plan, condition or negation",
    )  # fmt: skip
    return json.dumps(to_dict(event))


def build(path: Path, n: int, hot_share: float = HOT_SHARE, tail: float = TAIL) -> None:
    """The store as ingest leaves it at its worst: sorted by dyad, then ``tail`` of the events added since.

    Events come in random dyad order, as news does. The first ``1 - tail`` of
    them are sorted as ``Store.sort`` sorts after an ingest batch; the rest stay
    unsorted at the end, the largest share ``SORT_SHARE`` lets pile up.
    """
    Store(path).close()
    con = _connect(path)
    hot_cases = " ".join(
        f"WHEN i % 1000 < {(k + 1) * int(hot_share * 1000)} THEN {a}" for k, (a, _) in enumerate(HOT)
    )
    hot_targets = " ".join(
        f"WHEN i % 1000 < {(k + 1) * int(hot_share * 1000)} THEN {b}" for k, (_, b) in enumerate(HOT)
    )
    con.execute(f"""
        CREATE TABLE bench_rows AS
        SELECT i, 'ev-' || lpad(CAST(i AS VARCHAR), 16, '0') AS id,
               CASE {hot_cases} ELSE CAST(hash(i, 1) % {ACTORS} AS INTEGER) END AS s,
               CASE {hot_targets} ELSE CAST((hash(i, 1) % {ACTORS} + 1 + hash(i, 2) % {ACTORS - 1}) % {ACTORS} AS INTEGER) END AS t,
               strftime(DATE '2000-01-01' + CAST(hash(i, 3) % 9000 AS INTEGER), '%Y-%m-%d') AS d,
               1 + CAST(hash(i, 4) % 3 AS INTEGER) AS n_mentions
        FROM range({n}) r(i)""")  # fmt: skip
    con.execute("SET preserve_insertion_order = false")
    cut = int(n * (1 - tail))
    _insert(con, n, f"i < {cut}")
    con.close()
    with Store(path) as store:
        store.sort(force=True)
    con = _connect(path)
    _insert(con, n, f"i >= {cut}")
    con.execute("DROP TABLE bench_rows")
    con.close()


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A plain connection for the bulk inserts, without DuckDB's progress bar (it would fill a log)."""
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    return con


def _insert(con: duckdb.DuckDBPyConnection, n: int, which: str) -> None:
    """Events, actors, mentions, members and dyads of the bench rows ``which`` selects, straight into the tables."""
    actor = "'A' || lpad(CAST({0} AS VARCHAR), 3, '0')"
    country = "'C' || lpad(CAST({0} % " + str(COUNTRIES) + " AS VARCHAR), 2, '0')"
    con.execute(f"""
        INSERT INTO events (id, type, mode, cameo, quad_class, goldstein, status, date_value, date_granularity,
                            date_basis, date_reason, location, confidence, n_articles, n_sources, first_published, dyad,
                            record, source, target, status_reason, contexts)
        SELECT id, rec->>'$.type', rec->>'$.mode', rec->>'$.cameo', CAST(rec->'$.quad_class' AS INTEGER),
               CAST(rec->'$.goldstein' AS DOUBLE), rec->>'$.status', d, 'day', rec->>'$.date.basis', rec->>'$.date.reason',
               rec->'$.location', CAST(rec->'$.confidence' AS DOUBLE), n_mentions, n_mentions, d,
               {actor.format('least(s, t)')} || '~' || {actor.format('greatest(s, t)')},
               rec, rec->'$.source', rec->'$.target', rec->>'$.status_reason', rec->'$.contexts'
        FROM (SELECT *, CAST(replace(replace(replace(replace(replace(replace(?, '@ID', id), '@DATE', d),
                       '@SC', {country.format('s')}), '@TC', {country.format('t')}), '@S', {actor.format('s')}),
                       '@T', {actor.format('t')}) AS JSON) AS rec
              FROM bench_rows WHERE {which})""", [_template()])  # fmt: skip
    for role, col in (("source", "s"), ("target", "t")):
        con.execute(f"""INSERT INTO event_actors SELECT id, '{role}', {actor.format(col)}, 'Actor ' || {actor.format(col)},
                        {country.format(col)}, 'GOV' FROM bench_rows WHERE {which}""")  # fmt: skip
    con.execute(f"""
        INSERT INTO mentions (event_id, raw_id, doc_id, "start", "end", sentence, url, outlet, published, trigger, dyad)
        SELECT id, id, 'doc-' || CAST((i * 7 + k) % (? + 1) AS VARCHAR), k * 200, k * 200 + 120,
               'Actor A met Actor B in Geneva on Monday, their first meeting since the summit last year.',
               'https://news.example/' || CAST(i AS VARCHAR), 'Example News', d,
               '{{"text": "met", "start": 8, "end": 11}}', dyad
        FROM bench_rows JOIN events e USING (id), range(3) r(k) WHERE k < n_mentions AND {which}""", [n])  # fmt: skip
    con.execute(f"INSERT INTO event_members SELECT id, id, NULL, record FROM events JOIN bench_rows USING (id) WHERE {which}")
    con.execute("INSERT INTO dyad_actors SELECT DISTINCT e.dyad, a.actor_id, a.country"
                " FROM events e JOIN event_actors a ON a.event_id = e.id EXCEPT SELECT * FROM dyad_actors")


def build_bands(path: Path, n: int) -> None:
    """The band index of n stored articles (random keys, 20 per article)."""
    con = duckdb.connect(str(path))
    con.execute(f"INSERT INTO article_bands SELECT CAST(hash(i, b) >> 1 AS BIGINT), 'doc-' || CAST(i AS VARCHAR)"
                f" FROM range({n}) r(i), range(20) s(b)")  # fmt: skip
    con.close()


def batch_keys() -> list[int]:
    """The band keys of a 200-article batch of 600-word articles."""
    rng = random.Random(1)
    words = [f"w{rng.randrange(5000)}" for _ in range(200 * 600)]
    return [k for j in range(200) for k in band_keys(minhash(" ".join(words[j * 600 : (j + 1) * 600])))]


def timings(path: Path, keys: list[int]) -> dict[str, float | int]:
    """Best-of-``RUNS`` times of the timelines and of the band lookup, on the store as it is (opened read-only)."""
    a, b = HOT[0]
    qa = ActorQuery(ids=frozenset({f"A{a:03d}"}), label="A")
    qb = ActorQuery(ids=frozenset({f"A{b:03d}"}), label="B")
    ca = ActorQuery(countries=frozenset({f"C{a % COUNTRIES:02d}"}), label="CA")
    cb = ActorQuery(countries=frozenset({f"C{b % COUNTRIES:02d}"}), label="CB")
    load = [round(x, 2) for x in os.getloadavg()]
    with Store(path, read_only=True) as store:
        store.timeline(qa, qb)  # warm the file cache
        timeline_s, events = best_of(lambda: store.timeline(qa, qb), RUNS)
        since_s, recent = best_of(lambda: store.timeline(qa, qb, since="2020-01-01"), RUNS)
        country_s, by_country = best_of(lambda: store.timeline(ca, cb), RUNS)
        con = store._con
        lookup_s, _ = best_of(lambda: con.execute(
            "SELECT b.bucket, b.doc_id FROM article_bands b WHERE b.bucket IN (SELECT unnest(CAST(? AS BIGINT[])))",
            [keys]).fetchall(), RUNS)  # fmt: skip
        sizes = store.stats()
    return {
        "load_average_at_start": load,
        "events": sizes["events"],
        "mentions": sizes["mentions"],
        "timeline_hot_dyad_ms": round(timeline_s * 1000, 1),
        "timeline_hot_dyad_events": len(events),
        "timeline_hot_dyad_since_2020_ms": round(since_s * 1000, 1),
        "timeline_hot_dyad_since_2020_events": len(recent),
        "timeline_by_country_ms": round(country_s * 1000, 1),
        "timeline_by_country_events": len(by_country),
        "syndication_lookup_200_articles_ms": round(lookup_s * 1000, 1),
    }


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    hot_share = float(argv[argv.index("--hot-share") + 1]) if "--hot-share" in argv else HOT_SHARE
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.duckdb"
        keys = batch_keys()
        report: dict[str, object] = {}
        if not path.exists():
            start = time.perf_counter()
            build(path, n, hot_share)
            build_bands(path, n)
            report["build_seconds"] = round(time.perf_counter() - start, 1)
            tail = timings(path, keys)
            report["load_average_at_sort"] = [round(x, 2) for x in os.getloadavg()]
            start = time.perf_counter()
            with Store(path) as store:
                store.sort(force=True)
            report["sort_seconds"] = round(time.perf_counter() - start, 1)
        else:
            Store(path).close()  # a kept store is upgraded and sorted as any write would
            tail = None
        report.update(timings(path, keys))
        if tail is not None:
            report[f"before_the_next_sort ({TAIL:.0%} of events unsorted at the end)"] = {
                k: v for k, v in tail.items() if k.startswith(("timeline", "load"))
            }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
