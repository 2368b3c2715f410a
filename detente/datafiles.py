"""Reading the package's CSV data files (knowledge base, lexicons, ontology).

They share one layout: an optional block of ``#`` lines first (attribution of
derived files), then a header row. A missing optional file reads as no rows,
so a trimmed installation still runs.
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a data file as dicts by header, ``#`` lines skipped; [] when the file is absent."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))
