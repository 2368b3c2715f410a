"""Inputs too big to draw at random: a 100,000-article file, 1 MB lines and sentences, HTML nested 100,000 deep.

Each is built once, deterministically. A 1 MB sentence takes about five
minutes and 3 GB through the whole analysis (parse, time, actors, quotes,
events; ``bench/run_on.py``), so only the long profile (``make fuzz``) runs
one. ``make test`` checks that every reader takes such a line whole and that
the analysis refuses, as one reported record, an article past the parser's
limit.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from spacy.language import Language

from detente.events.code import EVIDENCE_CHARS
from detente.model import Article
from detente.pipeline import ArticleTooLong, analyse_many
from detente.sources import Problems, read_paths
from tests.fuzz.profiles import is_long

SENTENCE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday"
ARTICLES = 100_000
BAD_EVERY = 997


def _read(paths: list[Path]) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(p) for p in paths], problems, languages=None)), problems


def test_a_file_of_100000_articles_reads_every_good_one_and_reports_every_bad_line(tmp_path: Path) -> None:
    jsonl, table = tmp_path / "many.jsonl", tmp_path / "many.csv"
    lines, rows = [], ["id,text"]
    for n in range(1, ARTICLES + 1):
        good = n % BAD_EVERY
        lines.append(json.dumps({"id": f"a{n}", "text": f"{SENTENCE} ({n})."}) if good else '{"id": "bad", "text": ')
        rows.append(f"c{n},{SENTENCE} ({n})." if good else f'c{n},"{SENTENCE}"junk')
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    articles, problems = _read([jsonl, table])
    seconds = time.perf_counter() - started
    bad = [n for n in range(1, ARTICLES + 1) if n % BAD_EVERY == 0]
    assert [a.id for a in articles] == [f"{kind}{n}" for kind in "ac" for n in range(1, ARTICLES + 1) if n % BAD_EVERY]
    assert problems.skipped == [f"detente: skipped {jsonl}:{n}: malformed JSON (Expecting value at column 23)" for n in bad] + [
        f"detente: skipped {table}:{n + 1}: malformed CSV (',' expected after '\"')" for n in bad
    ]  # fmt: skip
    assert seconds < 60, f"{2 * ARTICLES} records took {seconds:.0f} s"


def test_one_megabyte_lines_are_read_whole_in_every_format(tmp_path: Path) -> None:
    text = (SENTENCE + " and ") * (1_000_000 // (len(SENTENCE) + 5)) + "they agreed."
    assert len(text) > 999_000
    (tmp_path / "big.jsonl").write_text(json.dumps({"id": "j", "text": text}) + "\n", encoding="utf-8")
    (tmp_path / "big.csv").write_text(f"id,text\nc,{text}\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big.html").write_text(f"<html><body><article><p>{text}</p></article></body></html>", encoding="utf-8")
    articles, problems = _read(sorted(tmp_path.iterdir()))
    assert problems.skipped == []
    csv_, html, jsonl, txt = articles  # in name order
    assert csv_.text == jsonl.text == txt.text == text
    assert " ".join(html.text.split()) == text  # the page's text, its spaces as trafilatura writes them


def test_an_article_past_the_parsers_limit_is_one_reported_failure(nlp: object) -> None:
    too_long = Article("huge", SENTENCE + " and " + "x" * 1_000_000)
    failures: list[tuple[str, Exception]] = []
    results = list(analyse_many([too_long, Article("ok", SENTENCE + ".")], on_error=lambda a, e: failures.append((a.id, e))))
    assert [r.article.id for r in results] == ["ok"]
    assert [(a, type(e)) for a, e in failures] == [("huge", ArticleTooLong)]


def test_html_nested_100000_deep_is_one_article_or_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + f"<p>{SENTENCE}.</p>" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")  # fmt: skip
    started = time.perf_counter()
    articles, problems = _read([path])
    assert len(articles) + len(problems.skipped) == 1
    assert time.perf_counter() - started < 60


@pytest.mark.skipif(not is_long(), reason="five minutes and 3 GB: the long profile (make fuzz) only")
def test_a_one_megabyte_sentence_goes_through_the_whole_analysis(nlp: Language) -> None:
    text = (SENTENCE + ", and ") * (990_000 // (len(SENTENCE) + 6)) + "they agreed."
    started = time.perf_counter()
    [result] = analyse_many([Article("long", text, published="2019-06-28")])
    assert time.perf_counter() - started < 900
    assert len(result.timexes) == text.count("Friday")
    assert all(text[t.start : t.end] == t.text for t in result.timexes)
    assert result.quotes == []
    mentions = [m for e in result.events for m in e.mentions]
    assert len(mentions) >= text.count(" met ") // 2
    assert all(text[m.start : m.end] == m.sentence and len(m.sentence) <= 2 * EVIDENCE_CHARS + len(m.trigger.text)
               for m in mentions)  # fmt: skip
