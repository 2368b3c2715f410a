"""How long ``Store.timeline`` takes for a hot dyad in a store of a million events.

Usage: ``.venv/bin/python -m bench.timeline_speed [EVENTS] [--hot-share 0.005] [--keep PATH]``
(default 1,000,000 events; ``--keep`` reuses or keeps the built store).
Builds a synthetic store through DuckDB directly (schema from ``Store``, rows by
``INSERT ... SELECT`` over ``range``): 200 actors in 40 countries; four hot
dyads take 0.5% of the events each (5,000 events), the rest are spread over
random pairs; one to three mentions per event. Then times
``Store.timeline`` (best of 5) for a hot dyad by person ids, the same by
country, and the syndication candidate lookup of a 200-article batch against
the MinHash band index of one article per event (20 bands each).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.stages import best_of
from detente.merge import band_keys, minhash
from detente.model import Actor, Event, Place, TimeValue, to_dict
from detente.store import ActorQuery, Store

RUNS = 5
ACTORS = 200
COUNTRIES = 40
HOT = [(0, 1), (2, 3), (4, 5), (6, 7)]
HOT_SHARE = 0.005


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


def build(path: Path, n: int, hot_share: float = HOT_SHARE) -> None:
    Store(path).close()
    con = duckdb.connect(str(path))
    hot_cases = " ".join(
        f"WHEN i % 1000 < {(k + 1) * int(hot_share * 1000)} THEN {a}" for k, (a, _) in enumerate(HOT)
    )
    hot_targets = " ".join(
        f"WHEN i % 1000 < {(k + 1) * int(hot_share * 1000)} THEN {b}" for k, (_, b) in enumerate(HOT)
    )
    con.execute(f"""
        CREATE TEMP TABLE g AS
        SELECT i, 'ev-' || lpad(CAST(i AS VARCHAR), 16, '0') AS id,
               CASE {hot_cases} ELSE CAST(hash(i, 1) % {ACTORS} AS INTEGER) END AS s,
               CASE {hot_targets} ELSE CAST((hash(i, 1) % {ACTORS} + 1 + hash(i, 2) % {ACTORS - 1}) % {ACTORS} AS INTEGER) END AS t,
               strftime(DATE '2000-01-01' + CAST(hash(i, 3) % 9000 AS INTEGER), '%Y-%m-%d') AS d,
               1 + CAST(hash(i, 4) % 3 AS INTEGER) AS n_mentions
        FROM range({n}) r(i)""")  # fmt: skip
    con.execute("CREATE TEMP TABLE a AS SELECT DISTINCT s AS k FROM g UNION SELECT DISTINCT t FROM g")
    actor = "'A' || lpad(CAST({0} AS VARCHAR), 3, '0')"
    country = "'C' || lpad(CAST({0} % " + str(COUNTRIES) + " AS VARCHAR), 2, '0')"
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"""
        INSERT INTO events (id, type, mode, cameo, quad_class, goldstein, status, date_value, date_granularity,
                            date_basis, date_reason, location, confidence, n_articles, n_sources, first_published, dyad, record)
        SELECT id, 'CONSULT', 'meet', '043', 1, 2.8, 'occurred', d, 'day', 'text', 'x',
               '{{"name": "Geneva", "country": "CHE", "lat": 46.2, "lon": 6.15}}', 0.8, n_mentions, n_mentions, d,
               {actor.format('least(s, t)')} || '~' || {actor.format('greatest(s, t)')},
               replace(replace(replace(replace(replace(replace(?, '@ID', id), '@DATE', d),
                       '@SC', {country.format('s')}), '@TC', {country.format('t')}), '@S', {actor.format('s')}), '@T', {actor.format('t')})
        FROM g""", [_template()])  # fmt: skip
    for role, col in (("source", "s"), ("target", "t")):
        con.execute(f"""INSERT INTO event_actors SELECT id, '{role}', {actor.format(col)}, 'Actor ' || {actor.format(col)},
                        {country.format(col)}, 'GOV' FROM g""")  # fmt: skip
    con.execute("""
        INSERT INTO mentions (event_id, raw_id, doc_id, "start", "end", sentence, url, outlet, published, trigger, dyad)
        SELECT id, id, 'doc-' || CAST((i * 7 + k) % (? + 1) AS VARCHAR), k * 200, k * 200 + 120,
               'Actor A met Actor B in Geneva on Monday, their first meeting since the summit last year.',
               'https://news.example/' || CAST(i AS VARCHAR), 'Example News', d,
               '{"text": "met", "start": 8, "end": 11}', dyad
        FROM g JOIN events e USING (id), range(3) r(k) WHERE k < n_mentions""", [n])  # fmt: skip
    con.execute("INSERT INTO event_members SELECT id, id, NULL, record FROM events")
    con.execute("INSERT INTO dyad_actors SELECT DISTINCT e.dyad, a.actor_id, a.country"
                " FROM events e JOIN event_actors a ON a.event_id = e.id")
    con.close()


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


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    hot_share = float(argv[argv.index("--hot-share") + 1]) if "--hot-share" in argv else HOT_SHARE
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        if not path.exists():
            build(path, n, hot_share)
            build_bands(path, n)
        keys = batch_keys()
        build_seconds = time.perf_counter() - start
        a, b = HOT[0]
        qa = ActorQuery(ids=frozenset({f"A{a:03d}"}), label="A")
        qb = ActorQuery(ids=frozenset({f"A{b:03d}"}), label="B")
        ca = ActorQuery(countries=frozenset({f"C{a % COUNTRIES:02d}"}), label="CA")
        cb = ActorQuery(countries=frozenset({f"C{b % COUNTRIES:02d}"}), label="CB")
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
        print(json.dumps({
            "events": sizes["events"],
            "mentions": sizes["mentions"],
            "build_seconds": round(build_seconds, 1),
            "timeline_hot_dyad_ms": round(timeline_s * 1000, 1),
            "timeline_hot_dyad_events": len(events),  # type: ignore[arg-type]
            "timeline_hot_dyad_since_2020_ms": round(since_s * 1000, 1),
            "timeline_hot_dyad_since_2020_events": len(recent),  # type: ignore[arg-type]
            "timeline_by_country_ms": round(country_s * 1000, 1),
            "timeline_by_country_events": len(by_country),  # type: ignore[arg-type]
            "syndication_lookup_200_articles_ms": round(lookup_s * 1000, 1),
        }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
