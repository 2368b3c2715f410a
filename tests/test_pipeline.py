"""The per-article analysis: publication dates given or inferred, and what they drive."""

from __future__ import annotations

from spacy.language import Language

from detente.model import Article
from detente.nlp import clean_text
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
