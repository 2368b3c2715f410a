"""Stores for the web tests: a tiny one and one of plans written by hand (no parsing), and the demo corpus
once per session.

The tiny store holds a handful of Trump–Putin events of every quad class,
precision and status, an actor the knowledge base lacks, and an article whose
text, title, outlet and URL are hostile (markup, a ``javascript:`` link), so
that escaping is tested on what an attacker could put in a news feed. The
plans store holds a plan and the meeting held as it, and a cancelled meeting
and the one held instead, which the store links.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import detente
from detente.model import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    Speaker,
    TimeValue,
)
from detente.web import create_app
from tests.helpers import stored

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
MBANDA = Actor("unknown:Joe Mbanda", "Joe Mbanda", "ZMB", "GOV", None)
HOSTILE = 'Putin <script>alert("owned")</script> met <b>Trump</b> again.'
DEMO = Path(detente.__file__).parent / "data" / "demo"


def _mention(doc_id: str, sentence: str, start: int, trigger: str, url: str | None = None) -> Mention:
    at = sentence.index(trigger)
    return Mention(doc_id, sentence, start, start + len(sentence), url or f"https://news.example/{doc_id}",
                   "Example News", "2018-07-17", Span(trigger, start + at, start + at + len(trigger)))  # fmt: skip


def _event(event_id: str, type_: str, quad: int, goldstein: float, date: TimeValue, mentions: list[Mention],
           status: str = "occurred", source: list[Actor] | None = None, target: list[Actor] | None = None,
           location: Place | None = None, quotes: list[Quote] | None = None) -> Event:  # fmt: skip
    return Event(event_id, type_, None, "040", quad, goldstein, status, source or [TRUMP], [PUTIN] if target is None else target,
                 date, location, quotes or [], mentions, 0.7, status_reason="written by hand")  # fmt: skip


def tiny_results() -> list[ArticleResult]:
    """Two articles: one plain with five events of every kind, one hostile with one event."""
    met = _mention("a1", "Trump met Putin in Helsinki on Monday.", 0, "met")
    accused = _mention("a1", "Trump accused Putin of meddling in August.", 39, "accused")
    meddling = _mention("a1", "Trump accused Putin of meddling in August.", 39, "meddling")
    helsinki = _mention("a1", "Trump met Putin in Helsinki on Monday.", 0, "Helsinki")
    said = Quote("a1", 0, 22, "We had a good dialogue", speaker=Speaker("Donald Trump", actor=TRUMP), reported_by="AFP")
    events = [
        _event("ev-helsinki", "CONSULT", 1, 1.0, TimeValue("2018-07-16", "day", "text", "'on Monday'"), [met],
               location=Place("Helsinki", "FIN", 60.17, 24.94), quotes=[said]),
        _event("ev-accuse", "ACCUSE", 3, -2.0, TimeValue("2018-08", "month", "text", "'in August'"), [accused]),
        _event("ev-sanction", "SANCTION", 4, -4.0, TimeValue("2019", "year", "text", "'next year'"), [meddling],
               status="planned"),
        _event("ev-undated", "CONSULT", 1, 1.0, TimeValue(None, None, "publication", "no date in the text"), [met],
               status="hypothetical"),
        _event("ev-aid", "AID", 2, 7.0, TimeValue("2018-09-02", "day", "text", "'on 2 September'"), [helsinki],
               source=[PUTIN], target=[MBANDA]),
    ]  # fmt: skip
    text = "Trump met Putin in Helsinki on Monday. Trump accused Putin of meddling in August."
    article = Article("a1", text, "Trump and Putin meet in Helsinki", "https://news.example/a1", "2018-07-17", "Example News")
    at = 10 + HOSTILE.index("met")
    evil = Mention("a2", HOSTILE, 10, 10 + len(HOSTILE), "javascript:alert(1)", "<i>Evil</i> Times", "2018-07-18",
                   Span("met", at, at + 3))  # fmt: skip
    hostile = _event("ev-hostile", "CONSULT", 1, 1.0, TimeValue("2018-07-18", "day", "text", "'on Wednesday'"), [evil])
    evil_article = Article("a2", "x" * 10 + HOSTILE, '<img src=x onerror="alert(1)">', "javascript:alert(1)",
                           "2018-07-18", "<i>Evil</i> Times")  # fmt: skip
    return [ArticleResult(article, events, [said]), ArticleResult(evil_article, [hostile])]


def _report(event_id: str, status: str, date: str | None, doc_id: str, published: str) -> ArticleResult:
    """One article (published on ``published``) reporting one Trump–Putin meeting with the given status."""
    sentence = f"Trump and Putin: a meeting, {status} ({doc_id})."
    article = Article(doc_id, sentence, f"Meeting {status}", f"https://news.example/{doc_id}", published, "Example News")
    at = sentence.index("meeting")
    mention = Mention(doc_id, sentence, 0, len(sentence), article.url, "Example News", published, Span("meeting", at, at + 7))
    granularity = {7: "month", 10: "day"}.get(len(date or ""))
    record = Event(event_id, "CONSULT", "visit", "043", 1, 1.0, status, [TRUMP], [PUTIN],
                   TimeValue(date, granularity, "text" if date else "publication", "written by hand"),
                   Place("Osaka", "JPN", 34.69, 135.5), mentions=[mention], confidence=0.6,
                   status_reason="written by hand")  # fmt: skip
    return ArticleResult(article, [record])


def plans_results() -> list[ArticleResult]:
    """A plan reported twice and the meeting held as it; a meeting cancelled and the one held instead."""
    return [
        _report("ev-plan", "planned", "2019-06", "p1", "2019-06-20"),
        _report("ev-plan", "planned", "2019-06", "p2", "2019-06-21"),
        _report("ev-held", "occurred", "2019-06-29", "r1", "2019-06-29"),
        _report("ev-off", "cancelled", None, "c1", "2018-05-24"),
        _report("ev-instead", "occurred", "2018-06-12", "r2", "2018-06-12"),
    ]


@pytest.fixture(scope="session")
def plans_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stored(tmp_path_factory.mktemp("plans"), plans_results())


@pytest.fixture(scope="session")
def plans(plans_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(plans_db), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stored(tmp_path_factory.mktemp("tiny"), tiny_results())


@pytest.fixture
def copy(tiny_db: Path, tmp_path: Path) -> Path:
    """A copy of the tiny store that a test may write to."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(tiny_db, path)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:  # type: ignore[no-untyped-def]
    """The demo corpus ingested once per session, as ``make demo`` does."""
    return stored(tmp_path_factory.mktemp("demo"), detente.analyse_many(detente.read([str(DEMO)])))


@pytest.fixture(scope="session")
def tiny(tiny_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tiny_db), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def demo(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), raise_server_exceptions=False) as client:
        yield client
