"""CSV and Parquet tables with a column mapping, and the English-only filter."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest

from detente.sources import Problems, parse_columns, read_paths
from detente.sources.language import MIN_WORDS, detect_language
from detente.sources.tables import read_csv

ENGLISH = (
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Osaka on Friday, "
    "the Kremlin said in a statement after the talks on trade and security ended."
)
FRENCH = (
    "Le président russe Vladimir Poutine a rencontré vendredi à Osaka le président chinois "
    "Xi Jinping, a indiqué le Kremlin dans un communiqué publié après les entretiens."
)


def _read(paths: list[str], **options) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths(paths, problems, **options)), problems


# --- CSV --------------------------------------------------------------------------------------


def test_csv_default_columns_and_extra_columns_as_meta(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "id,text,title,url,published,outlet,section\n"
        'a1,"Putin met Xi.\nThey talked.",Summit,https://x.example/a1,2019-06-28T10:00:00Z,Reuters,world\n'
        "a2,Trump called Macron.,,,,,\n",
        encoding="utf-8",
    )
    articles, problems = _read([str(path)])
    assert problems.skipped == []
    first, second = articles
    assert (first.id, first.text, first.title, first.url) == ("a1", "Putin met Xi.\nThey talked.", "Summit",
                                                              "https://x.example/a1")
    assert (first.published, first.outlet, first.meta) == ("2019-06-28", "Reuters", {"section": "world"})
    assert first.origin == f"{path}:2"
    assert (second.title, second.url, second.published, second.outlet) == (None, None, None, None)
    assert second.origin == f"{path}:4"  # the first record spans lines 2-3


def test_csv_column_mapping_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        b"\xef\xbb\xbfuid,body,date,source\n"
        b"1,Putin met Xi.,2019-06-28,TASS\n"
        b"2,,2019-06-29,TASS\n"
        b"3,too,many,cells,here\n"
        b"4,caf\xe9 au lait,2019-06-30,Le Monde\n"
        b"5,Xi met Kim.,next week,KCNA\n"
    )
    columns = {"id": "uid", "text": "body", "published": "date", "outlet": "source"}
    problems = Problems(stream=io.StringIO())
    articles = list(read_csv(path, problems, columns=columns))
    assert [(a.id, a.text, a.published, a.outlet) for a in articles] == [
        ("1", "Putin met Xi.", "2019-06-28", "TASS"),
        ("5", "Xi met Kim.", None, "KCNA"),
    ]
    assert problems.skipped == [
        f"detente: skipped {path}:3: article has no text",
        f"detente: skipped {path}:4: 5 cells in a row of 4 columns",
        f"detente: skipped {path}:5: invalid UTF-8",
    ]
    assert "next week" in problems.warnings[0]
    same, _ = _read([str(path)], columns=columns)
    assert [a.id for a in same] == ["1", "5"]


def test_csv_without_the_text_column_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("headline,date\nPutin met Xi,2019-06-28\n", encoding="utf-8")
    articles, problems = _read([str(path)])
    assert articles == []
    assert problems.skipped == [f"detente: skipped {path}: no column 'text' for the article text (columns: headline, date)"]


def test_column_mapping_parsing() -> None:
    assert parse_columns("text=body, published=date") == {
        "id": "id", "text": "body", "title": "title", "url": "url", "published": "date", "outlet": "outlet",
        "language": "language",
    }
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_columns("text")
    with pytest.raises(ValueError, match="unknown article field"):
        parse_columns("body=text")
    with pytest.raises(ValueError, match="unknown article field"):
        list(read_paths([], Problems(stream=io.StringIO()), columns={"headline": "title"}))


# --- Parquet ----------------------------------------------------------------------------------


def test_parquet_through_duckdb_with_mapping_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    con = duckdb.connect()
    con.execute(f"""
        COPY (SELECT * FROM (VALUES
            (10, 'Putin met Xi.', DATE '2019-06-28', 'TASS', 3.5),
            (11, NULL, DATE '2019-06-29', 'TASS', 1.0),
            (12, 'Xi met Kim.', NULL, NULL, NULL)
        ) AS t(doc, body, day, outlet, score)) TO '{path}' (FORMAT parquet)
    """)
    con.close()
    articles, problems = _read([str(path)], columns={"id": "doc", "text": "body", "published": "day"})
    assert [(a.id, a.text, a.published, a.outlet) for a in articles] == [
        ("10", "Putin met Xi.", "2019-06-28", "TASS"),
        ("12", "Xi met Kim.", None, None),
    ]
    assert articles[0].meta == {"score": 3.5}
    json.dumps(articles[0].meta)
    assert problems.skipped == [f"detente: skipped {path}:2: article has no text"]


def test_a_file_that_is_not_parquet_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    articles, problems = _read([str(path)])
    assert articles == []
    assert len(problems.skipped) == 1
    assert problems.skipped[0].startswith(f"detente: skipped {path}: cannot read Parquet: ")


# --- language ---------------------------------------------------------------------------------


def test_detection_needs_enough_words() -> None:
    assert detect_language("Putin met Xi.") is None
    assert len(ENGLISH.split()) >= MIN_WORDS and len(FRENCH.split()) >= MIN_WORDS
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language(FRENCH)[0] == "fr"


def test_non_english_articles_are_excluded_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    records = [
        {"id": "en", "text": ENGLISH},
        {"id": "fr", "text": FRENCH},
        {"id": "fr-given", "text": ENGLISH, "language": "fr"},
        {"id": "en-gb", "text": FRENCH, "language": "en-GB"},
        {"id": "short", "text": "Poutine a rencontré Xi."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["en", "en-gb", "short"]
    assert articles[0].language == "en" and articles[0].meta == {"language_basis": "detected"}
    assert articles[2].language is None  # too short to judge
    assert len(problems.excluded) == 2
    assert problems.excluded[0].startswith(f"detente: skipped {path}:2: article fr: text detected as 'fr'")
    assert problems.excluded[1] == f"detente: skipped {path}:3: article fr-given: language 'fr' is not en"
    assert problems.skipped == [] and problems.exit_code == 0
    assert problems.summary() == "processed 0, skipped 0, excluded 2"
    everything, problems = _read([str(path)], languages=None)
    assert len(everything) == 5 and problems.excluded == []
