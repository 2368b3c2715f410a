"""Schema and consistency checks for the shipped ontology and trigger lexicon files.

The files are read from the installed package (``detente/data``), exactly as the coder
reads them, so a missing or malformed file fails here rather than at run time.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

import detente

DATA = Path(detente.__file__).parent / "data"
ONTOLOGY = DATA / "ontology" / "cameo_plover.csv"
VERBS = DATA / "lexicon" / "cameo_verbs.csv"
TRIGGERS = DATA / "lexicon" / "triggers.csv"

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ONTOLOGY_COLUMNS = [
    "cameo", "plover_type", "mode", "context", "description", "root", "quad_class", "goldstein",
]  # fmt: skip
VERB_COLUMNS = ["lemma", "particle", "object", "preposition", "cameo"]
TRIGGER_COLUMNS = [
    "lemma", "pos", "particle", "preposition", "object", "plover_type", "mode", "cameo", "note",
]  # fmt: skip


@cache
def read(path: Path) -> tuple[tuple[str, ...], tuple[str, ...], tuple[dict[str, str], ...]]:
    """(comment lines, header columns, rows) of a data file; ``#`` lines are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    comments = tuple(line for line in lines if line.startswith("#"))
    body = [line for line in lines if not line.startswith("#")]
    reader = csv.DictReader(body)
    rows = tuple(reader)
    return comments, tuple(reader.fieldnames or ()), rows


def ontology() -> dict[str, dict[str, str]]:
    """cameo_plover.csv keyed by CAMEO code."""
    return {row["cameo"]: row for row in read(ONTOLOGY)[2]}


def trigger_key(row: dict[str, str]) -> tuple[str, ...]:
    """The identity of a trigger row."""
    return tuple(row[c] for c in ("lemma", "pos", "particle", "preposition", "object"))


def verb_key(row: dict[str, str]) -> tuple[str, ...]:
    """The identity of a derived verb row."""
    return tuple(row[c] for c in ("lemma", "particle", "object", "preposition"))


def find_trigger(
    lemma: str, pos: str, particle: str = "", preposition: str = "", obj: str = ""
) -> dict[str, str]:
    """The one trigger row with this key (fails when absent)."""
    matches = [r for r in read(TRIGGERS)[2] if trigger_key(r) == (lemma, pos, particle, preposition, obj)]
    assert len(matches) == 1, f"expected one trigger row for {(lemma, pos, particle, preposition, obj)}"
    return matches[0]


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("path", "columns"),
    [(ONTOLOGY, ONTOLOGY_COLUMNS), (VERBS, VERB_COLUMNS), (TRIGGERS, TRIGGER_COLUMNS)],
    ids=["cameo_plover", "cameo_verbs", "triggers"],
)
def test_file_parses_with_exact_columns(path: Path, columns: list[str]) -> None:
    """Each file exists, has the documented columns in order, and every row is complete."""
    assert path.is_file(), path
    _, header, rows = read(path)
    assert list(header) == columns
    assert rows, f"{path.name} has no rows"
    for number, row in enumerate(rows, start=1):
        assert None not in row, f"{path.name} row {number} has extra fields: {row}"
        assert all(row[c] is not None for c in columns), f"{path.name} row {number} is short: {row}"
        assert all(value == value.strip() for value in row.values()), f"{path.name} row {number}: untrimmed"


def test_headers_carry_provenance_and_licence() -> None:
    """Derived files keep their source's attribution and licence in ``#`` lines."""
    plover = " ".join(read(ONTOLOGY)[0])
    assert "CAMEO2PLOVER-2021.txt" in plover
    assert "CC BY-SA 4.0" in plover
    assert "Open Event Data Alliance" in plover
    assert "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f" in plover
    assert "per" in plover and "ROOT" in plover  # Goldstein values are per root code
    verbs = " ".join(read(VERBS)[0])
    assert "derived from the Phoenix dictionaries (MIT, Open Event Data)" in verbs
    assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in verbs
    assert "Permission is hereby granted" in verbs  # the MIT notice travels with the data
    assert "hand-written" in " ".join(read(TRIGGERS)[0]).lower()


# ----------------------------------------------------------------------------- ontology


def test_ontology_codes_unique_and_well_formed() -> None:
    """Codes are 3-4 digit strings (leading zeros kept), each listed once, with a PLOVER type."""
    rows = read(ONTOLOGY)[2]
    counts = Counter(row["cameo"] for row in rows)
    assert [c for c, n in counts.items() if n > 1] == []
    for row in rows:
        assert row["cameo"].isdigit() and len(row["cameo"]) in (3, 4), row
        assert row["plover_type"] in PLOVER_TYPES, row
        assert row["description"], row


def expected_quad_class(root: str) -> int:
    """The CAMEO quad class of a root, as SOURCE.txt defines it."""
    number = int(root)
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13 or number == 16:
        return 3
    return 4


def test_ontology_root_quad_class_and_goldstein() -> None:
    """root is the code's first two digits; quad class and Goldstein value follow the root."""
    goldstein_by_root: dict[str, set[str]] = {}
    for row in read(ONTOLOGY)[2]:
        assert row["root"] == row["cameo"][:2], row
        assert int(row["quad_class"]) == expected_quad_class(row["root"]), row
        assert -10.0 <= float(row["goldstein"]) <= 10.0, row
        goldstein_by_root.setdefault(row["root"], set()).add(row["goldstein"])
    assert all(len(values) == 1 for values in goldstein_by_root.values()), goldstein_by_root
    assert sorted(goldstein_by_root) == [f"{i:02d}" for i in range(3, 21)]
    table = ontology()
    assert table["040"]["goldstein"] == "1.0"
    assert table["190"]["goldstein"] == "-10.0"
    assert table["130"]["goldstein"] == "-6.0"


def test_ontology_keeps_the_table_mapping() -> None:
    """Spot checks against CAMEO2PLOVER-2021, including its cross-root and split-root codes."""
    table = ontology()
    assert (table["041"]["plover_type"], table["041"]["mode"]) == ("CONSULT", "phone")
    assert (table["042"]["plover_type"], table["042"]["mode"]) == ("CONSULT", "visit")
    sanctions = table["163"]
    assert (sanctions["plover_type"], sanctions["root"], sanctions["quad_class"]) == ("COERCE", "16", "3")
    assert (table["1712"]["plover_type"], table["1712"]["root"]) == ("ASSAULT", "17")
    assert (table["191"]["plover_type"], table["191"]["root"]) == ("COERCE", "19")
    assert (table["201"]["plover_type"], table["201"]["root"]) == ("ASSAULT", "20")
    assert table["080"]["plover_type"] == "CONCEDE"
    assert table["084"]["plover_type"] == "RETREAT"
    assert table["091"]["context"] == "crime; corruption"
    assert table["0861"]["mode"] == "access"  # trimmed ("access " in the source)
    assert table["030"]["mode"] == ""


# ----------------------------------------------------------------------------- lexicons


@pytest.mark.parametrize("path", [VERBS, TRIGGERS], ids=["cameo_verbs", "triggers"])
def test_every_lexicon_code_is_in_the_ontology(path: Path) -> None:
    """A lexicon code without a PLOVER mapping could never become an event."""
    known = set(ontology())
    unknown = sorted({row["cameo"] for row in read(path)[2]} - known)
    assert unknown == []


@pytest.mark.parametrize(
    ("path", "key"), [(VERBS, verb_key), (TRIGGERS, trigger_key)], ids=["cameo_verbs", "triggers"]
)
def test_no_duplicate_keys(path: Path, key: Callable[[dict[str, str]], tuple[str, ...]]) -> None:
    """Each (lemma, [pos,] particle, preposition, object) has exactly one coding."""
    counts = Counter(key(row) for row in read(path)[2])
    assert [k for k, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", [VERBS, TRIGGERS], ids=["cameo_verbs", "triggers"])
def test_lemmas_and_slots_lowercase(path: Path) -> None:
    """Lemmas, particles, prepositions and objects are lowercase, non-empty lemmas, no spaces."""
    for row in read(path)[2]:
        assert row["lemma"], row
        for column in ("lemma", "particle", "preposition", "object"):
            assert row[column] == row[column].lower(), row
            assert " " not in row[column], row
        assert not (row["particle"] and row["particle"] == row["preposition"]), row


def test_trigger_rows_valid() -> None:
    """pos, PLOVER type and mode of the hand-written triggers agree with the ontology.

    A type or mode differing from cameo_plover.csv is allowed only when the note says
    "type override" / "mode override" and why.
    """
    table = ontology()
    rows = read(TRIGGERS)[2]
    assert 250 <= len(rows) <= 700, len(rows)
    for row in rows:
        assert row["pos"] in {"VERB", "NOUN"}, row
        assert row["plover_type"] in PLOVER_TYPES, row
        entry = table[row["cameo"]]
        if row["plover_type"] != entry["plover_type"]:
            assert "type override" in row["note"], row
        if row["mode"] != entry["mode"]:
            assert "mode override" in row["note"], row
        if row["pos"] == "NOUN":
            assert not row["particle"], row


def test_triggers_cover_every_plover_type() -> None:
    """The reviewed core lexicon has triggers for each of the 16 types."""
    assert {row["plover_type"] for row in read(TRIGGERS)[2]} == PLOVER_TYPES


def test_trigger_spot_checks() -> None:
    """Codings the team relies on for leader-to-leader news."""
    meet = find_trigger("meet", "VERB")
    assert meet["plover_type"] == "CONSULT" and meet["cameo"].startswith("04")
    congratulate = find_trigger("congratulate", "VERB")
    assert (congratulate["plover_type"], congratulate["cameo"]) == ("SUPPORT", "051")
    assert find_trigger("call", "VERB", particle="off")["plover_type"] == "REJECT"
    phone = find_trigger("phone", "VERB")
    assert (phone["plover_type"], phone["mode"], phone["cameo"]) == ("CONSULT", "phone", "041")
    accuse = find_trigger("accuse", "VERB")
    assert (accuse["plover_type"], accuse["cameo"]) == ("ACCUSE", "112")
    assert find_trigger("visit", "VERB")["mode"] == "visit"
    assert find_trigger("host", "VERB")["cameo"] == "043"
    assert find_trigger("sanction", "NOUN")["plover_type"] == "COERCE"  # 163 per the 2021 table
    assert find_trigger("strike", "VERB", obj="deal")["plover_type"] == "SUPPORT"  # a deal concluded: 057
    assert find_trigger("agree", "VERB")["plover_type"] == "AGREE"  # agreeing to act is intent: 030
    assert find_trigger("warn", "VERB")["plover_type"] == "THREATEN"
    assert find_trigger("criticise", "VERB")["cameo"] == find_trigger("criticize", "VERB")["cameo"] == "111"


def test_derived_verbs_spot_checks() -> None:
    """The Phoenix-derived lexicon keeps the dictionary's codes for well-known verbs."""
    rows = {verb_key(row): row["cameo"] for row in read(VERBS)[2]}
    assert rows[("meet", "", "", "")] == "040"
    assert rows[("meet", "", "", "with")] == "040"  # +MEET_WITH
    assert rows[("call", "off", "", "")] == "160"  # +CALL_OFF [160]
    assert rows[("telephone", "", "", "")] == "041"
    assert rows[("visit", "", "", "")] == "042"  # [042:043] -> 042
    assert rows[("sign", "", "agreement", "")] == "057"
    assert rows[("impose", "", "curfew", "")] == "1723"
    for row in read(VERBS)[2]:
        assert row["cameo"].isdigit(), row
    assert len(rows) > 5_000
    assert ("call", "off", "meeting", "") not in rows  # "end the meeting" (040) is a pattern of END, not of CALL_OFF
