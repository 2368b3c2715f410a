"""Checks for the Phoenix-derived fallback tables ``phoenix_actors.csv`` and ``phoenix_agents.csv``.

The files are read from the installed package, as the resolver reads them. The last test
re-runs ``scripts/derive_actors.py`` into a temporary directory and compares byte for byte; it
skips where ``../shared/reference/phoenix`` is not present.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import detente

KB = Path(detente.__file__).parent / "data" / "kb"
ACTORS = KB / "phoenix_actors.csv"
AGENTS = KB / "phoenix_agents.csv"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "derive_actors.py"

ACTOR_COLUMNS = ["name", "code", "country", "sector", "start", "end", "kind"]
AGENT_COLUMNS = ["term", "sector"]
KINDS = {"person", "country", "group"}

# Country values that are not ISO 3166-1 alpha-3 codes of today, on purpose (see the script):
# former ISO codes of dissolved states, and XKX (Kosovo, user-assigned; ISO has no code).
NON_CURRENT_COUNTRIES = {"SUN", "YUG", "SCG", "CSK", "DDR", "XKX"}
# CAMEO spellings that must never reach the `country` column (they are mapped).
LEGACY_CODES = {"ROM", "ZAR", "TMP", "SER", "ANG", "USR", "FRY", "KSV", "KNT"}
# The one documented country correction: Mauritanian leaders coded MUS (Mauritius).
FIXED = {("MUS", "MRT")}


@cache
def read(path: Path) -> tuple[tuple[str, ...], tuple[str, ...], tuple[dict[str, str], ...]]:
    """(comment lines, header columns, rows) of a data file; ``#`` lines are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    comments = tuple(line for line in lines if line.startswith("#"))
    reader = csv.DictReader(line for line in lines if not line.startswith("#"))
    rows = tuple(reader)
    return comments, tuple(reader.fieldnames or ()), rows


@cache
def script() -> ModuleType:
    """scripts/derive_actors.py as a module (stdlib only; for its code tables)."""
    spec = importlib.util.spec_from_file_location("derive_actors", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("derive_actors", module)
    spec.loader.exec_module(module)
    return module


def states() -> set[str]:
    """iso3 codes of the team-written states.csv."""
    with (KB / "states.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso3"] for row in csv.DictReader(handle)}


# ----------------------------------------------------------------------------- schema


@pytest.mark.parametrize(("path", "columns"), [(ACTORS, ACTOR_COLUMNS), (AGENTS, AGENT_COLUMNS)])
def test_header_and_comment_block(path: Path, columns: list[str]) -> None:
    """Comment lines come first, then the CSV header; no blank lines, UTF-8, ``\\n`` ends."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and all(lines[:-1]), "no blank lines, final newline"
    first_data = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    assert first_data > 0 and lines[first_data] == ",".join(columns)
    assert not any(line.startswith("#") for line in lines[first_data:])
    assert read(path)[1] == tuple(columns)


@pytest.mark.parametrize("path", [ACTORS, AGENTS])
def test_attribution_header(path: Path) -> None:
    """What the file is, how it is derived and from where, the MIT notice, 2014, fallback."""
    text = "\n".join(line[2:] for line in read(path)[0])
    assert "Derived by scripts/derive_actors.py from the Phoenix dictionaries (MIT, Open Event Data)" in text
    assert re.search(r"openeventdata/petrarch2 @ [0-9a-f]{40}", text)
    assert "The MIT License (MIT)" in text
    assert "Copyright (c) 2014 Open Event Data Alliance" in text
    assert "Permission is hereby granted, free of charge" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
    assert "as of 2014" in text and "fallback" in text
    sources = ["Phoenix.agents.txt"] if path == AGENTS else [
        "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
    ]  # fmt: skip
    for source in sources:
        assert source in text


def test_actor_names_are_clean() -> None:
    """Names: lowercase words separated by single spaces, no underscores, never blank."""
    for row in read(ACTORS)[2]:
        name = row["name"]
        assert name and name == " ".join(name.split()), row
        assert name == name.lower() and "_" not in name and "\ufffd" not in name, row
        assert any(ch.isalpha() for ch in name), row


def test_actor_fields() -> None:
    """Codes are CAMEO-like, kinds known, sectors three capitals (or empty)."""
    for row in read(ACTORS)[2]:
        assert re.fullmatch(r"[A-Z0-9]{3,}", row["code"]), row
        assert row["kind"] in KINDS, row
        assert re.fullmatch(r"([A-Z]{3})?", row["sector"]), row


def test_rows_sorted_and_unique() -> None:
    """Rows are sorted by all columns in order and none repeats."""
    keys = [tuple(row[c] for c in ACTOR_COLUMNS) for row in read(ACTORS)[2]]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    terms = [row["term"] for row in read(AGENTS)[2]]
    assert terms == sorted(terms) and len(terms) == len(set(terms))


def test_dates_iso_and_ordered() -> None:
    """start/end are ISO dates or empty; start <= end; nothing after the 2014 files' horizon."""
    for row in read(ACTORS)[2]:
        days = {}
        for column in ("start", "end"):
            value = row[column]
            if value:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), row
                days[column] = date.fromisoformat(value)
                assert date(1800, 1, 1) <= days[column] <= date(2016, 12, 31), row
        if len(days) == 2:
            assert days["start"] <= days["end"], row


# ----------------------------------------------------------------------------- countries


def test_script_iso_table_agrees_with_states_csv() -> None:
    """Every state of the team-written states.csv is in the script's ISO 3166-1 table (or is XKX)."""
    iso3 = script().ISO3
    assert len(iso3) == 249
    assert states() - iso3 <= {"XKX"}


def test_every_country_is_a_known_iso3() -> None:
    """Each country is in states.csv, else a current ISO3 code, else one of the listed exceptions."""
    known, iso3 = states(), script().ISO3
    used: set[str] = set()
    for row in read(ACTORS)[2]:
        country = row["country"]
        used.add(country)
        if not country or country in known:
            continue
        assert re.fullmatch(r"[A-Z]{3}", country), row
        assert country not in LEGACY_CODES, row
        assert country in iso3 or country in NON_CURRENT_COUNTRIES, row
    assert used >= NON_CURRENT_COUNTRIES, "each documented exception is still used"


def test_country_follows_code() -> None:
    """`country` is the script's mapping of the code's first three letters (one documented fix)."""
    module = script()
    for row in read(ACTORS)[2]:
        expected = module.country_of(row["code"])
        if row["country"] != expected:
            assert (row["code"][:3], row["country"]) in FIXED and " ould " in f" {row['name']} ", row


def test_sector_rules() -> None:
    """IGO/NGO/IMG/MNC codes carry their family as sector; state codes their first role."""
    for row in read(ACTORS)[2]:
        family = row["code"][:3]
        if family in {"IGO", "NGO", "IMG", "MNC"}:
            assert row["sector"] == family and row["country"] == "", row
    rows = {(r["name"], r["code"]): r for r in read(ACTORS)[2]}
    assert rows[("afghanistan", "AFG")]["sector"] == ""
    assert rows[("vladimir putin", "RUSGOV")]["sector"] == "GOV"


def test_spot_checks() -> None:
    """Well-known entries keep the dictionary's codes."""
    rows = read(ACTORS)[2]

    def find(name: str, code: str) -> list[dict[str, str]]:
        return [r for r in rows if r["name"] == name and r["code"] == code]

    assert find("u.s.", "USA")[0]["kind"] == "country"
    assert find("mazar-i-sharif", "AFG")[0]["country"] == "AFG"
    assert find("united nations", "IGOUNO") or find("the united nations", "IGOUNO")
    putin = find("vladimir putin", "RUSGOV")
    assert putin and all(r["kind"] == "person" and r["country"] == "RUS" for r in putin)
    assert ("1999-12-31", "2008-05-07") in {(r["start"], r["end"]) for r in putin}
    armenia = {(r["code"], r["country"], r["start"], r["end"]) for r in rows if r["name"] == "armenia"}
    assert ("USRARM", "SUN", "", "1990-08-23") in armenia and ("ARM", "ARM", "1991-12-21", "") in armenia
    assert {r["country"] for r in rows if r["name"] == "moktar ould daddah"} == {"MRT"}
    assert not [r for r in rows if r["code"].startswith("KNT")], "the fictional Kinakuta is skipped"


# ----------------------------------------------------------------------------- agents


def test_agents() -> None:
    """Terms are lowercase singular phrases, macros expanded; codes have no '~'."""
    rows = {row["term"]: row["sector"] for row in read(AGENTS)[2]}
    for term, code in rows.items():
        assert term and term == " ".join(term.split()) and term == term.lower(), term
        assert "!" not in term and "_" not in term, term
        assert re.fullmatch(r"[A-Z]{3,}", code), (term, code)
    assert rows["farmer"] == "AGR"
    assert rows["rebel"] == "REB"
    assert rows["police"] == "COP"
    assert rows["congressman"] == rows["congresswoman"] == "LEG"
    assert "congressmen" not in rows and "rebels" not in rows
    assert rows["minister"] == "GOV" and "ministries" not in rows
    assert len(rows) > 2000


# ----------------------------------------------------------------------------- regeneration


def test_regenerating_gives_the_shipped_files(shared_dir: Path, tmp_path: Path) -> None:
    """Re-running the script on ../shared/reference reproduces both files byte for byte."""
    reference = shared_dir / "reference"
    if not (reference / "phoenix").is_dir():
        pytest.skip("../shared/reference/phoenix is not present on this machine")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(reference), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for shipped in (ACTORS, AGENTS):
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name
