"""detente: who did what to whom, when and where, between political actors — from news.

The library behind the ``detente`` command, for notebooks and scripts::

    import detente
    events = detente.extract(["article.txt"], published="2021-06-15")
    detente.to_dataframe(events)

    with detente.Store("detente.duckdb") as store:
        store.add_many(detente.analyse_many(detente.read(["news/"])))
        trump_putin = store.timeline(detente.actor_query("Trump"), detente.actor_query("Putin"))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from detente.model import Actor, Article, ArticleResult, Event, Mention, Place, Quote, TimeValue, Timex

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "Event",
    "Mention",
    "Place",
    "Quote",
    "Store",
    "TimeValue",
    "Timex",
    "actor_query",
    "analyse",
    "analyse_many",
    "extract",
    "read",
    "to_dataframe",
]


def __getattr__(name: str) -> object:
    """Import the heavy parts (spaCy, DuckDB) only when first used."""
    if name in {"analyse", "analyse_many"}:
        from detente import pipeline

        return getattr(pipeline, name)
    if name in {"Store", "to_dataframe"}:
        from detente import store

        return getattr(store, name)
    if name == "actor_query":
        from detente.actors.lookup import actor_query

        return actor_query
    raise AttributeError(f"module 'detente' has no attribute {name!r}")


def read(paths: Iterable[str], published: str | None = None) -> Iterator[Article]:
    """Articles from files, directories or ``-`` (bad records are reported on stderr and skipped)."""
    from detente.sources import Problems, read_paths

    yield from read_paths(paths, Problems(), published)


def extract(items: Iterable[str | Article], published: str | None = None) -> list[Event]:
    """Events of articles (paths or Article objects), merged as ``detente extract`` does."""
    from detente.pipeline import analyse_many
    from detente.store import Store

    articles: list[Article] = []
    paths: list[str] = []
    for item in items:
        (articles if isinstance(item, Article) else paths).append(item)  # type: ignore[arg-type]
    with Store(":memory:") as store:
        store.add_many(analyse_many([*articles, *read(paths, published)]))
        return store.events()
