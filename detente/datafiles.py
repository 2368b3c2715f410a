"""Reading the package's CSV data files (knowledge base, lexicons, ontology).

They share one layout: an optional block of ``#`` lines first (attribution of
derived files), then a header row. A missing optional file reads as no rows,
so a trimmed installation still runs.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a data file as dicts by header, ``#`` lines skipped; [] when the file is absent."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def write_rows(path: Path, header: Iterable[str], columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    """Write a data file the way ``read_rows`` reads it: ``#`` lines, a header row, the rows; return the row count.

    The derivation scripts (``scripts/derive_*.py``) write the shipped derived tables with it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header:
            handle.write(f"# {line}".rstrip() + "\n")
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
