"""How much quote finding adds to the spaCy parse of the same text.

Usage: ``.venv/bin/python -m bench.quotes_speed [FOLDER]`` — FOLDER is a PolNeAR
split with a ``text/`` folder of articles (default:
``../shared/dev-data/quotes/polnear/dev``); without it, the demo corpus is used.
Parses every text once with ``nlp.pipe`` (timed), then runs ``find_quotes`` on
the parsed docs (timed), and prints words, seconds and the ratio. Best of three
runs of each, so a busy machine shows less.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.stages import DEMO, best_of, demo_rows, report, timed_parse
from detente.nlp import load_model
from detente.quotes import find_quotes

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-data" / "quotes" / "polnear" / "dev"


def _texts(folder: Path) -> list[str]:
    """The article texts of a PolNeAR split, or of the demo corpus."""
    if (folder / "text").is_dir():
        return [path.read_text(encoding="utf-8") for path in sorted((folder / "text").glob("*.txt"))]
    return [row["text"] for row in demo_rows()]


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else DEFAULT
    texts = _texts(folder)
    find_quotes(load_model()("“Yes,” she said."), "warm-up")  # reads the outlet list once, outside timing
    parse_seconds, docs = timed_parse(texts)
    seconds, found = best_of(lambda: sum(len(find_quotes(doc, "bench")) for doc in docs))
    report(folder if (folder / "text").is_dir() else DEMO, docs, parse_seconds, "quote_finding", seconds, quotes=found)


if __name__ == "__main__":
    main(sys.argv[1:])
