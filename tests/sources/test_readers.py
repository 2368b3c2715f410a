"""Readers: every good record read, every bad one reported by file and line, never a crash."""

from __future__ import annotations

import io
import json
from pathlib import Path

from detente.sources import Problems, read_paths


def _read(paths: list[str], published: str | None = None) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths(paths, problems, published)), problems


def test_jsonl_reads_fields_and_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"id": "x1", "text": "Putin met Xi.", "published": "2019-06-28T10:00:00Z", "section": "world"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["x1"]
    assert articles[0].published == "2019-06-28"
    assert articles[0].meta == {"section": "world"}
    assert problems.exit_code == 0


def test_bad_jsonl_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "One."}),
        "{not json",
        json.dumps({"id": "notext"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "baddate", "text": "Two.", "published": "2019-02-30"}),
        json.dumps({"id": "ok2", "text": "Three."}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "latin", "text": "caf\xe9"}\n')
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["ok1", "baddate", "ok2"]
    assert len(problems.skipped) == 4
    assert f"{path}:2: malformed JSON" in problems.skipped[0]
    assert f"{path}:3: article has no text" in problems.skipped[1]
    assert f"{path}:7: invalid UTF-8" in problems.skipped[3]
    assert problems.exit_code == 1


def test_an_unparseable_published_date_is_a_warning_not_a_loss(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({"id": "x9", "text": "Putin met Xi.", "published": "last Tuesday"}) + "\n", encoding="utf-8")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["x9"]
    assert articles[0].published is None
    assert articles[0].meta["published_unparsed"] == "last Tuesday"
    assert problems.skipped == [] and problems.exit_code == 0
    assert "article x9" in problems.warnings[0] and f"{path}:1" in problems.warnings[0]


def test_text_files_take_the_published_option(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Trump called Putin.\n", encoding="utf-8")
    articles, _ = _read([str(tmp_path / "story.txt")], published="2018-03-20")
    assert articles[0].id == "story.txt"
    assert articles[0].published == "2018-03-20"
    assert articles[0].text == "Trump called Putin.\n"


def test_directories_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "one.jsonl").write_text(json.dumps({"id": "first", "text": "First."}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    articles, problems = _read([str(tmp_path)])
    assert [a.id for a in articles] == ["two.txt", "first"]
    assert problems.exit_code == 0


def test_missing_empty_and_undecodable_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    articles, problems = _read([str(tmp_path / "nope.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "bad.txt")])
    assert articles == []
    assert len(problems.skipped) == 3
    assert "no such file" in problems.skipped[0]
    assert problems.summary() == "processed 0, skipped 3"


def test_byte_order_marks_and_nul_bytes_do_not_lose_records(tmp_path: Path) -> None:
    path = tmp_path / "joined.jsonl"
    first = json.dumps({"id": "a", "text": "One\u0000 two."}).encode()
    second = b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": "Three."}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + first + b"\n" + second + b"\n")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].text == "One\u0000 two."
    assert articles[1].origin == f"{path}:2"
    assert problems.exit_code == 0
