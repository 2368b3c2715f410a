"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), beside the Hypothesis tests.

Hypothesis draws inputs from strategies written by hand; libFuzzer instead
keeps every input that reached a branch no earlier input reached, and
mutates those. That pays where the code that parses is deep: feedparser's
dialects, trafilatura's HTML extraction, warcio's record framing, and the
time normaliser's patterns, where a strategy only reaches what its author
thought of. That code is instrumented; the properties are the Hypothesis
tests': reading any bytes raises nothing, every article has text, and every
skipped record is one line that names the file (the readers); every time
expression points into the text and names a value that exists (``timex``,
one spaCy parse an input, so about a hundred inputs a second). Each run
starts from small good inputs (``seeds``).

Run one reader, ``all`` readers (the first byte of each input picks one), or
``timex``; a crash is written to ``crash-*`` in the working folder and the
exit status is not 0::

    .venv/bin/python -m tests.fuzz.guided feeds -runs=100000 -max_len=8192
    .venv/bin/python -m tests.fuzz.guided feeds crash-0123abcd   # run one input again

Options after the reader's name go to libFuzzer (``-help=1`` lists them); a
folder given there is the corpus, read at the start and added to as it goes.
Parquet files are read by DuckDB's own reader (C++), which this
instrumentation cannot see; its Hypothesis tests cover it.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["detente", "feedparser", "trafilatura", "htmldate", "warcio"]):
    # The readers import their parsers when first used; imported here, they are instrumented too.
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from detente.nlp import load_model
    from detente.sources import Problems, read_paths
    from detente.timex import analyse_time  # noqa: F401  (for tests.fuzz.test_timex, below)

# Imported after the block: the detente modules it uses are the instrumented ones.
from tests.fuzz.test_timex import check_time_expressions

SUFFIXES = {"jsonl": ".jsonl", "text": ".txt", "csv": ".csv", "html": ".html", "feeds": ".xml", "warc": ".warc"}
"""The readers fuzzed here, by the suffix that picks each."""
TARGETS = [*SUFFIXES, "all", "timex"]

STORY = "Putin met Xi in Beijing on Tuesday. The two leaders signed an agreement on gas supplies."
PAGE = (f"<html><head><title>Putin and Xi meet</title><meta name='date' content='2019-06-05'></head>"
        f"<body><nav>Home</nav><article><h1>Putin and Xi meet</h1><p>{STORY}</p></article></body></html>")  # fmt: skip

PUBLISHED = "2019-06-05"
"""The publication date of a ``timex`` input whose first byte is odd (an even one has none)."""


def seeds(reader: str) -> list[bytes]:
    """Small good inputs of one reader's format (or of ``timex``), for libFuzzer to start from."""
    if reader == "timex":
        return [b"\x01" + STORY.encode(), b"\x00Two days later, on June 7, 2019, the ministers met again; in May 2018 they had not.",
                b"\x01The talks, held last week and again on Monday at 3 p.m., ended in the first quarter of 2020."]
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
    """``guided TARGET [libFuzzer options]``: fuzz one reader, ``all`` readers or ``timex`` until libFuzzer stops."""
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: python -m tests.fuzz.guided {{{','.join(TARGETS)}}} [libFuzzer options]")
    if argv[1] == "timex":
        fuzz(argv, seeds("timex"), timex_input())
        return
    readers = list(SUFFIXES) if argv[1] == "all" else [argv[1]]
    with tempfile.TemporaryDirectory(prefix="detente-guided-") as scratch:
        paths = [Path(scratch) / f"input{SUFFIXES[reader]}" for reader in readers]
        if len(readers) == 1:
            fuzz(argv, seeds(readers[0]), lambda data: check(paths[0], data))
            return
        starts = [bytes([index]) + seed for index, reader in enumerate(readers) for seed in seeds(reader)]
        fuzz(argv, starts, lambda data: data and check(paths[data[0] % len(paths)], data[1:]))


def timex_input() -> Callable[[bytes], None]:
    """One input of the time normaliser: the first byte says whether it has a publication date, the rest is text."""
    nlp = load_model()

    def one(data: bytes) -> None:
        if data:
            check_time_expressions(nlp, data[1:].decode("utf-8", "replace"), PUBLISHED if data[0] % 2 else None)

    return one


def fuzz(argv: list[str], starts: list[bytes], one_input: Callable[[bytes], object]) -> None:
    """Run libFuzzer with ``argv``'s options, from ``starts`` (written to a folder it reads after any given).

    Given files (``crash-*``), libFuzzer runs just those, once each: how a crash is reproduced.
    """
    if any(Path(arg).is_file() for arg in argv[2:] if not arg.startswith("-")):
        atheris.Setup([argv[0], *argv[2:]], one_input)
        atheris.Fuzz()
        return
    with tempfile.TemporaryDirectory(prefix="detente-seeds-") as folder:
        for number, start in enumerate(starts):
            (Path(folder) / f"seed-{number}").write_bytes(start)
        atheris.Setup([argv[0], *argv[2:], folder], one_input)
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
