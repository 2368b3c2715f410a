"""The per-article analysis: publication dates given or inferred, what they drive, and batches in memory zones."""

from __future__ import annotations

import subprocess
import sys

from spacy.language import Language

from detente.model import Article
from detente.nlp import BATCH_SIZE, clean_text
from detente.pipeline import analyse_doc, with_publication


def _analyse(nlp: Language, article: Article):  # type: ignore[no-untyped-def]
    return analyse_doc(article, nlp(clean_text(article.text)))


def test_a_day_in_the_url_drives_relative_dates(nlp: Language) -> None:
    article = Article("u1", "Modi met Xi on Friday in Osaka.", url="https://news.example.com/2019/06/28/modi-xi")
    result = _analyse(nlp, article)
    assert result.article.published == "2019-06-28"
    assert result.article.published_basis == "inferred"
    assert "URL" in (result.article.published_reason or "")
    [event] = [e for e in result.events if e.type == "CONSULT"]
    assert event.date.value == "2019-06-28"
    assert event.mentions[0].published == "2019-06-28"


def test_a_published_line_beats_a_coarser_url(nlp: Language) -> None:
    text = "Published Jun 27, 2019\nErdogan called Putin yesterday."
    article = with_publication(Article("p1", text, url="https://example.org/2019/05/world"))
    assert article.published == "2019-06-27"
    assert "most specific" in (article.published_reason or "")


def test_a_month_only_signal_is_not_a_day_and_a_given_date_is_kept(nlp: Language) -> None:
    monthly = with_publication(Article("m1", "Talks went on.", url="https://example.org/2019/07/talks"))
    assert monthly.published is None and monthly.published_basis == "none"
    assert "2019-07" in (monthly.published_reason or "")
    given = with_publication(Article("g1", "Talks went on.", published="2020-01-02", url="https://example.org/2019/07/08/x"))
    assert (given.published, given.published_basis) == ("2020-01-02", "given")


def test_a_failing_article_is_reported_and_the_run_goes_on(nlp: Language, failing_article: str) -> None:
    import detente.pipeline as pipeline

    failures: list[str] = []
    articles = [Article("bad", "Putin met Xi."), Article("good", "Putin met Xi in Beijing.", published="2019-06-05")]
    results = list(pipeline.analyse_many(articles, on_error=lambda a, e: failures.append(f"{a.id}: {e}")))
    assert [r.article.id for r in results] == ["good"]
    assert failures == ["bad: boom"]


FRESH_PROCESS = """
from detente.model import Article
from detente.nlp import BATCH_SIZE
from detente.pipeline import analyse_many

text = "Russia and China signed a trade deal on Monday, officials said in report {}."
articles = [Article(id=str(n), text=text.format(n), published="2019-06-05") for n in range(BATCH_SIZE + 1)]
for result in analyse_many(articles):
    print(" ".join(a.name for e in result.events for a in [*e.source, *e.target]))
"""


def test_actor_names_still_resolve_after_the_first_batch_of_a_fresh_process() -> None:
    """The resolver's matcher must be built before the first memory zone, not in it.

    Built inside a zone, its keys ('STATE') are forgotten with that batch and
    every later article fails with spaCy's E018. Only a fresh process shows
    it: in a test session the matcher was built long before.
    """
    done = subprocess.run([sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["Russia China"] * (BATCH_SIZE + 1)
