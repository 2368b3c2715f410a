"""How the whole analysis grows with a run-on "sentence": a list, a table read as text, a page without full stops.

Usage: ``.venv/bin/python -m bench.run_on [CHARACTERS ...]`` (default 20,000 80,000 250,000).

Each text is one sentence of coordinated clauses ("Russian President
Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday, and
..."), each clause an event, as the fuzz tests' 1 MB sentence is built.
Every text goes through ``analyse_many`` (parse and analysis, as ``detente
extract`` runs them) in a process of its own, so that one text's memory does
not weigh on the next; prints one JSON line per text: characters, seconds,
mentions, the longest evidence kept, and the process's peak memory. Time that
grows with the length, not its square, is what a user feeding scraped pages
needs. Not part of ``make test``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from detente.model import Article
from detente.pipeline import analyse_many

CLAUSE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday"
DEFAULT = (20_000, 80_000, 250_000)


def run_on_text(characters: int) -> str:
    """A sentence of about ``characters`` characters: the clause again and again, joined by ', and'."""
    return (CLAUSE + ", and ") * (characters // (len(CLAUSE) + 6)) + "they agreed."


def measure(characters: int) -> dict[str, float | int]:
    """Analyse one run-on text in this process and say how long it took."""
    text = run_on_text(characters)
    started = time.perf_counter()
    [result] = analyse_many([Article("run-on", text, published="2019-06-28")])
    seconds = time.perf_counter() - started
    mentions = [m for event in result.events for m in event.mentions]
    return {"characters": len(text), "seconds": round(seconds, 1), "mentions": len(mentions),
            "longest_evidence": max((len(m.sentence) for m in mentions), default=0),
            "peak_memory_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2)}  # fmt: skip


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))), flush=True)
        return
    for characters in [int(a) for a in argv] or DEFAULT:
        subprocess.run([sys.executable, "-m", "bench.run_on", "--one", str(characters)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
