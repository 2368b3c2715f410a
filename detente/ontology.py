"""PLOVER event types and modes, their CAMEO codes, quad classes and Goldstein values.

The table lives in ``data/ontology/cameo_plover.csv`` (derived from the PLOVER
project's CAMEO→PLOVER conversion table, CC BY-SA 4.0); this module only reads
it, so a code's type, quad class and Goldstein value have one home.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from detente.datafiles import read_rows

DATA = Path(__file__).parent / "data"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
"""Types where "A and B met" and "A met B" are the same event: participants are unordered."""

STATUSES = ("occurred", "planned", "cancelled", "hypothetical", "negated")
VERBAL_TYPES = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
"""Statements rather than deeds: they recur, and they happen where the speaker is, not where the report is filed."""
UNREALISED = frozenset({"planned", "hypothetical", "cancelled"})
"""Events that did not (yet) happen: the date of their report is not their date."""

DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}  # fmt: skip
"""The CAMEO code a PLOVER type falls back to when no finer code is known."""

ABOUT_ACT_MODES = {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "change", "AID": "assist", "COOPERATE": "assist"}
"""The PLOVER mode of a demand or refusal by the act it is about (manual, REJECT/DEMAND modes): meetings and
negotiations 'meet'; releases, ceasefires, eased sanctions 'yield'; changes of policy or government 'change';
exchange or assistance 'assist'."""


def about_act_mode(event_type: str, governed_type: str) -> str | None:
    """The mode of a REQUEST or REJECT whose object is an act of ``governed_type``; None for other types."""
    return ABOUT_ACT_MODES.get(governed_type) if event_type in {"REQUEST", "REJECT"} else None


CONSULT_MODE_CAMEO = {"phone": "041", "visit": "042", "third-party": "044", "multilateral": "040"}


@dataclass(frozen=True)
class Code:
    """One CAMEO code with its PLOVER reading."""

    cameo: str
    type: str
    mode: str | None
    quad_class: int
    goldstein: float
    description: str
    context: str = ""
    """The PLOVER context(s) the conversion table files the code under, ';'-separated ('' when none)."""


@lru_cache(maxsize=1)
def codes() -> dict[str, Code]:
    """All CAMEO codes of the conversion table, keyed by code."""
    table: dict[str, Code] = {}
    for row in read_rows(DATA / "ontology" / "cameo_plover.csv"):
        table[row["cameo"]] = Code(
            cameo=row["cameo"],
            type=row["plover_type"],
            mode=row["mode"] or None,
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            description=row["description"],
            context=row["context"],
        )
    return table


def lookup(cameo: str) -> Code:
    """The code's reading; unknown codes fall back to their root (e.g. ``0411`` → ``041`` → ``04``)."""
    table = codes()
    probe = cameo
    while probe:
        if probe in table:
            return table[probe]
        probe = probe[:-1]
    raise KeyError(f"unknown CAMEO code {cameo!r}")


def cameo_for(plover_type: str, mode: str | None) -> str:
    """The closest CAMEO code for a PLOVER type and mode."""
    if plover_type == "CONSULT" and mode in CONSULT_MODE_CAMEO:
        return CONSULT_MODE_CAMEO[mode]
    return ABOUT_ACT_CAMEO.get((plover_type, mode or ""), DEFAULT_CAMEO[plover_type])


ABOUT_ACT_CAMEO = {
    ("REQUEST", "assist"): "101", ("REQUEST", "change"): "104", ("REQUEST", "yield"): "105", ("REQUEST", "meet"): "106",
    ("REJECT", "assist"): "121", ("REJECT", "change"): "123", ("REJECT", "yield"): "124", ("REJECT", "meet"): "125",
}  # fmt: skip
"""The CAMEO code whose description fits a demand or refusal of each mode ('refused to meet': 125, 'reject
proposal to meet'; yield: 105 'demand that target yields' and 124 'decline to yield', whose finer codes
name what is yielded)."""


def refined_cameo(plover_type: str, mode: str | None, cameo: str) -> str:
    """A code finer than its type's default when the mode says more ('refused to meet': 125, not 120).

    A consultation always takes its mode's code; other types only replace
    their type's bare default, never a code a lexicon row chose.
    """
    if plover_type == "CONSULT":
        return cameo_for(plover_type, mode) if mode else cameo
    return cameo_for(plover_type, mode) if mode and cameo == DEFAULT_CAMEO.get(plover_type) else cameo
