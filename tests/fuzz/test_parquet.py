"""Parquet: any file never crashes; every row with text is an article, every row without reported by number."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import BAD_BYTES, good_text, nasty_bytes, nasty_text, skip_lines

EXTRA_COLUMNS = [
    "[1, 2, NULL]::INTEGER[]", "{'a': 1, 'b': [{'c': 'd'}]}", "'\\x00\\xff'::BLOB", "'infinity'::DATE",
    "'-infinity'::TIMESTAMP", "170141183460469231731687303715884105727::HUGEINT", "'nan'::DOUBLE", "'-inf'::DOUBLE",
    "INTERVAL 1 DAY", "gen_random_uuid()", "MAP {1: 'x'}", "1.5::DECIMAL(38, 10)", "'2019-06-28 10:00:00+05'::TIMESTAMPTZ",
    "'12:00'::TIME", "NULL", "18446744073709551615::UBIGINT", "[[[[1]]]]", "'a'::VARCHAR",
]  # fmt: skip
PUBLISHED = [
    "published", "TRY_CAST(published AS DATE)", "TRY_CAST(published AS TIMESTAMP)", "length(published)",
    "'infinity'::DATE", "'294247-01-10'::DATE",
]  # fmt: skip
NO_TEXT = st.sampled_from([None, "", " ", "\n\t", "\u3000"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("parquet")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=None)), problems


def _write(path: Path, texts: list[str | None], published: list[str], published_sql: str, extras: list[str]) -> None:
    frame = pd.DataFrame({"n": range(len(texts)), "text": pd.Series(texts, dtype=object),
                          "published": pd.Series(published, dtype=object)})  # fmt: skip
    columns = ", ".join(f"{sql} AS extra_{i}" for i, sql in enumerate(extras))
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        con.execute(
            f"COPY (SELECT 'row-' || n AS id, text, {published_sql} AS published{', ' + columns if columns else ''} "
            f"FROM frame ORDER BY n) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 100)"
        )
    finally:
        con.close()


@budget(ci=40)
@given(texts=st.lists(st.one_of(good_text(), NO_TEXT), min_size=1, max_size=10),
       published=st.lists(st.one_of(st.dates().map(str), nasty_text(12)), min_size=10, max_size=10),
       published_sql=st.sampled_from(PUBLISHED), extras=st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=4),
       filler=st.sampled_from([0, 0, 0, 1500]))  # fmt: skip
def test_exactly_the_rows_with_text_come_out_in_order_and_each_other_is_reported(
    folder: Path, texts: list[str | None], published: list[str], published_sql: str, extras: list[str], filler: int
) -> None:
    texts = ["Putin met Xi in Beijing."] * filler + texts  # past the reader's batch of 1,000 rows
    path = folder / "rows.parquet"
    _write(path, texts, (published * (len(texts) // 10 + 1))[: len(texts)], published_sql, extras)
    articles, problems = _read(path)
    good = [n for n, t in enumerate(texts) if t is not None and t.strip()]
    assert [a.id for a in articles] == [f"row-{n}" for n in good]
    assert [a.text for a in articles] == [texts[n] for n in good]
    assert [a.origin for a in articles] == [f"{path}:{n + 1}" for n in good]
    assert skip_lines(problems.skipped, str(path)) == [n + 1 for n, t in enumerate(texts) if n not in set(good)]


@pytest.fixture(scope="module")
def sample(folder: Path) -> bytes:
    path = folder / "sample.parquet"
    _write(path, ["Putin met Xi.", None, "Trump called Macron."] * 50, ["2019-06-28"] * 150, "published", EXTRA_COLUMNS[:6])
    return path.read_bytes()


@budget(ci=40)
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.sampled_from(BAD_BYTES)), max_size=4),
       truncate=st.integers(0, 10**6), data=nasty_bytes())  # fmt: skip
def test_a_damaged_or_foreign_file_never_crashes(folder: Path, sample: bytes, cuts: list[tuple[int, int, bytes]],
                                                 truncate: int, data: bytes) -> None:  # fmt: skip
    damaged = bytearray(sample)
    for at, length, junk in cuts:
        at %= len(damaged)
        damaged[at : at + length] = junk * max(1, length // len(junk))
    for content in (bytes(damaged[: max(1, truncate % (len(damaged) + 1))]), data):
        path = folder / "damaged.parquet"
        path.write_bytes(content)
        articles, problems = _read(path)
        rows = skip_lines(problems.skipped, str(path))
        numbers = [int(a.origin.rsplit(":", 1)[1]) for a in articles]
        assert numbers == sorted(set(numbers)) and not set(numbers) & set(rows)
        assert articles or problems.skipped
