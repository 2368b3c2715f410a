"""How much time tagging adds to the spaCy parse of the same text.

Usage: ``.venv/bin/python -m bench.timex_speed [FOLDER]`` — FOLDER holds TimeML
files (default: ``../shared/dev-data/time/TBAQ-cleaned``); without it, the demo
corpus is used. Parses every text once with ``nlp.pipe`` (timed), then runs
``analyse_time`` on the parsed docs (timed), and prints words, seconds and the
ratio. Best of three runs of each, so a busy machine shows less.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.stages import DEMO, best_of, demo_rows, report, timed_parse
from detente.timex import analyse_time

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-data" / "time" / "TBAQ-cleaned"


def _texts(folder: Path) -> list[tuple[str, str | None]]:
    """(text, publication date) pairs from TimeML files, or from the demo corpus."""
    if folder.is_dir():
        from detente.timex.evaluate import read_timeml

        out = []
        for path in sorted(folder.rglob("*.tml")):
            text, dct, _gold = read_timeml(path)
            out.append((text, dct[:10] if dct else None))
        return out
    return [(row["text"], row.get("published")) for row in demo_rows()]


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else DEFAULT
    texts = _texts(folder)
    parse_seconds, docs = timed_parse([t for t, _ in texts])

    def tag() -> None:
        for doc, (_text, published) in zip(docs, texts, strict=True):
            analyse_time(doc, "bench", published)

    seconds, _ = best_of(tag)
    report(folder if folder.is_dir() else DEMO, docs, parse_seconds, "time_tagging", seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
