"""Bad input the fuzz tests (tests/fuzz/) found crashing a reader, or losing records without a word.

Each case is one skipped line naming the file and the line or record, and the
records around it are still read.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.sources import Problems, read_paths
from detente.sources.warc import _next_record_start

STORY = "<html><body><article><p>" + "Putin met Xi in Beijing on Friday and the two leaders discussed trade. " * 4 + "</p></article></body></html>"


def _read(paths: list[str]) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths(paths, problems, languages=None)), problems


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "malformed JSON (Exceeds the limit (4300 digits) for integer string conversion)"),
        (b"[" * 100_000, "malformed JSON (nested too deeply to read)"),
        (json.dumps({"text": "x", "meta": json.loads("[" * 150 + "]" * 150)}).encode(), "field 'meta' is nested more than 100 levels deep"),
        (b'{"id": "s", "text": "half a pair \\ud800"}', "field 'text' is not valid Unicode (an unpaired surrogate such as \\ud800)"),
        (b'{"\\udfff": 1, "text": "x"}', "a field name is not valid Unicode (an unpaired surrogate such as \\ud800)"),
    ],
)  # fmt: skip
def test_jsonl_lines_that_crashed_or_poisoned_the_store_are_one_skip_each(tmp_path: Path, line: bytes, why: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(line + b"\n" + json.dumps({"id": "ok", "text": "Putin met Xi."}).encode() + b"\n")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["ok"]
    assert problems.skipped == [f"detente: skipped {path}:1: {why}"]


def _warc_record(url: str) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(STORY.encode()), http_headers=headers))
    return buf.getvalue()


def test_a_warc_header_without_a_length_no_longer_swallows_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    path.write_bytes(_warc_record("https://example.com/1") + b"WARC/1.0\r\nnot a header\r\n\r\n" + _warc_record("https://example.com/3"))
    articles, problems = _read([str(path)])
    assert [a.meta["warc_target_uri"] for a in articles] == ["https://example.com/1", "https://example.com/3"]
    assert len(problems.skipped) == 1 and problems.skipped[0].startswith(f"detente: skipped {path}:2: record 2 at byte ")


def test_a_file_that_is_no_archive_is_reported_not_read_as_an_empty_arc_record(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"    \x01")  # five fields for warcio's ARC parser
    articles, problems = _read([str(path)])
    assert articles == [] and len(problems.skipped) == 1 and f"{path}:1: record 1 at byte 0 is corrupt" in problems.skipped[0]


def test_warcio_never_writes_to_stderr_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _warc_record("https://example.com/1")
    short = re.sub(rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m[1]) - 20), record, count=1)
    path = tmp_path / "news.warc"
    path.write_bytes(short + _warc_record("https://example.com/2"))
    _, problems = _read([str(path)])
    assert capsys.readouterr().err == ""  # warcio's "WARNING: Record not followed by newline" stays out
    assert problems.warnings == [f"detente: warning {path}:1: record 1: its Content-Length does not match its content"]


def test_csv_text_after_a_closing_quote_and_a_quote_never_closed_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('id,text\na,"Putin met Xi."junk\nb,Trump called Macron.\nc,"never closed\nd,lost in the cell\n',
                    encoding="utf-8")  # fmt: skip
    articles, problems = _read([str(path)])
    assert [(a.id, a.text) for a in articles] == [("b", "Trump called Macron.")]
    assert [m.split(": ")[1] for m in problems.skipped] == [f"skipped {path}:2", f"skipped {path}:4"]


def test_an_entry_of_a_folder_that_cannot_be_looked_at_is_one_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": "Putin met Xi."}) + "\n", encoding="utf-8")
    (tmp_path / "locked.jsonl").write_text("", encoding="utf-8")
    real = Path.is_file

    def is_file(self: Path) -> bool:
        if self.name == "locked.jsonl":  # as a link into /proc/1 is, even for root
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    articles, problems = _read([str(tmp_path)])
    assert [a.id for a in articles] == ["a"]
    assert problems.skipped == [f"detente: skipped {tmp_path / 'locked.jsonl'}: cannot read: Permission denied"]


@pytest.mark.parametrize("content", [b"\x0b", b" " * 5000, b"\r\n\t\x0c"])
def test_a_warc_of_white_space_only_is_reported(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.warc"
    path.write_bytes(content)
    articles, problems = _read([str(path)])
    assert articles == [] and problems.skipped == [f"detente: skipped {path}: no records, only white space"]


def test_the_search_for_the_next_record_never_starts_before_the_file() -> None:
    """Found by the long fuzz profile: in a damaged gzip warcio's offset of a record can be negative."""
    stream = io.BytesIO(b"junk" + b"\x1f\x8b\x08" + b"rest")
    assert _next_record_start(stream, -527, gzipped=True) == 4


def test_a_csv_header_with_a_line_break_is_reported_on_one_line(tmp_path: Path) -> None:
    """Found by the long fuzz profile: the header's names were echoed into the report as they were."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b'"head\x00\nline",date\n"Putin met Xi.",2021-06-15\n')
    articles, problems = _read([str(path)])
    assert articles == []
    assert problems.skipped == [
        f"detente: skipped {path}: no column 'text' for the article text (columns: head\\x00\\nline, date)"
    ]


def test_a_file_name_with_a_line_break_is_reported_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"\x00\x01binary")
    articles, problems = _read([str(path)])
    assert articles == []
    assert problems.skipped == [f"detente: skipped {tmp_path}/two\\nlines.txt: binary file, not text"]


def test_a_feed_entry_with_control_characters_after_a_block_is_read(tmp_path: Path) -> None:
    """lxml parsed "<p>…</p>\\x0b…" but refused the line break the reader then set after the paragraph (found by
    the coverage-guided fuzzer, ``tests/fuzz/guided.py``): such characters are now read as spaces."""
    path = tmp_path / "news.xml"
    summary = "<p>Putin met Xi in Beijing.</p>\x0bThe two\x00leaders<br>\ufffesigned a gas deal."
    path.write_text(f'<rss version="2.0"><channel><title>Wire</title><item><title><![CDATA[<p>Summit</p>\x01Beijing]]>'
                    f"</title><description><![CDATA[{summary}]]></description></item></channel></rss>", encoding="utf-8")  # fmt: skip
    articles, problems = _read([str(path)])
    assert not problems.skipped
    assert [(a.title, a.text) for a in articles] == [
        ("Summit\nBeijing", "Putin met Xi in Beijing.\nThe two leaders\nsigned a gas deal.")
    ]
