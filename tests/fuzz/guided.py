"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), beside the Hypothesis tests.

Hypothesis draws inputs from strategies written by hand; libFuzzer instead
keeps every input that reached a branch no earlier input reached, and
mutates those. That pays where the code that parses is deep and not ours:
feedparser's dialects, trafilatura's HTML extraction, warcio's record
framing, where a strategy only reaches what its author thought of. The
readers and the parsers under them are instrumented; the property is the
Hypothesis tests': reading any bytes raises nothing, every article has
text, and every skipped record is one line that names the file. Each run
starts from one small good file per reader (``seeds``).

Run one reader, or ``all`` (the first byte of each input picks the reader);
a crash is written to ``crash-*`` in the working folder and the exit status
is not 0::

    .venv/bin/python -m tests.fuzz.guided feeds -runs=100000 -max_len=8192

Options after the reader's name go to libFuzzer (``-help=1`` lists them); a
folder given there is the corpus, read at the start and added to as it goes.
Parquet files are read by DuckDB's own reader (C++), which this
instrumentation cannot see; its Hypothesis tests cover it.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["detente", "feedparser", "trafilatura", "htmldate", "warcio"]):
    # The readers import their parsers when first used; imported here, they are instrumented too.
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from detente.sources import Problems, read_paths

SUFFIXES = {"jsonl": ".jsonl", "text": ".txt", "csv": ".csv", "html": ".html", "feeds": ".xml", "warc": ".warc"}
"""The readers fuzzed here, by the suffix that picks each."""

STORY = "Putin met Xi in Beijing on Tuesday. The two leaders signed an agreement on gas supplies."
PAGE = (f"<html><head><title>Putin and Xi meet</title><meta name='date' content='2019-06-05'></head>"
        f"<body><nav>Home</nav><article><h1>Putin and Xi meet</h1><p>{STORY}</p></article></body></html>")  # fmt: skip


def seeds(reader: str) -> list[bytes]:
    """Small good files of one reader's format, for libFuzzer to start from."""
    if reader == "jsonl":
        return [f'{{"id": "a1", "text": "{STORY}", "published": "2019-06-05"}}\n{{"id": 2}}\n'.encode()]
    if reader == "text":
        return [f"{STORY}\n\nMoscow welcomed the deal.\n".encode()]
    if reader == "csv":
        return [f'id,text,published\na1,"{STORY}",2019-06-05\n'.encode()]
    if reader == "html":
        return [PAGE.encode()]
    if reader == "feeds":
        item = f"<title>Putin and Xi meet</title><link>https://news.example/a1</link><description>{STORY}</description>"
        return [
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>{item}'
            f"<pubDate>Wed, 05 Jun 2019 10:00:00 GMT</pubDate></item></channel></rss>".encode(),
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><title>Putin and Xi meet</title>'
            f"<updated>2019-06-05T10:00:00Z</updated><content>{STORY}</content></entry></feed>".encode(),
        ]
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example/a1", "response",
                                                  payload=io.BytesIO(PAGE.encode()), http_headers=headers))  # fmt: skip
    return [buffer.getvalue()]


def check(path: Path, data: bytes) -> None:
    """Read ``data`` as the file ``path``: no exception, articles with text, one line per skipped record."""
    path.write_bytes(data)
    problems = Problems(stream=io.StringIO())
    for article in read_paths([str(path)], problems, languages=None):
        assert article.text.strip(), article
    for report in problems.skipped:
        assert "\n" not in report and report.startswith(f"detente: skipped {path}"), report


def main(argv: list[str]) -> None:
    """``guided READER [libFuzzer options]``: fuzz one reader (or ``all``) until libFuzzer stops."""
    if len(argv) < 2 or (argv[1] not in SUFFIXES and argv[1] != "all"):
        sys.exit(f"usage: python -m tests.fuzz.guided {{{','.join([*SUFFIXES, 'all'])}}} [libFuzzer options]")
    readers = list(SUFFIXES) if argv[1] == "all" else [argv[1]]
    with tempfile.TemporaryDirectory(prefix="detente-guided-") as scratch:
        folder = Path(scratch)
        paths = [folder / f"input{SUFFIXES[reader]}" for reader in readers]
        start = folder / "seeds"
        start.mkdir()
        for index, reader in enumerate(readers):
            for number, seed in enumerate(seeds(reader)):
                (start / f"{reader}-{number}").write_bytes(bytes([index]) + seed if len(readers) > 1 else seed)

        def one_input(data: bytes) -> None:
            if len(paths) == 1:
                check(paths[0], data)
            elif data:
                check(paths[data[0] % len(paths)], data[1:])

        atheris.Setup([argv[0], *argv[2:], str(start)], one_input)
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
