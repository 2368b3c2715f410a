"""Derive detente's fallback actor and agent tables from the Phoenix actor dictionaries.

Usage (from the project root)::

    .venv/bin/python scripts/derive_actors.py ../shared/reference [--out DIR]

Reads ``phoenix/Phoenix.Countries.actors.txt``, ``phoenix/Phoenix.International.actors.txt``,
``phoenix/Phoenix.MilNonState.actors.txt`` and ``phoenix/Phoenix.agents.txt`` (MIT, (c) 2014
Open Event Data Alliance; the PETRARCH-2 dictionaries) plus ``SOURCE.txt`` (the petrarch2
commit), and writes

* ``detente/data/kb/phoenix_actors.csv``: one row per surface form and code period;
* ``detente/data/kb/phoenix_agents.csv``: generic agent nouns ("farmer", "rebel") and their
  CAMEO agent code.

Why a derived table and not the dictionaries themselves: the resolver wants plain lowercase
surface forms with ISO countries and ISO dates, not TABARI records with two-digit years and
CAMEO's own country codes. The facts are as of 2014 (the Countries file was generated on
2014-01-30 from CountryInfo.140130.txt), so detente uses these tables only as a fallback after
the team-written tables (states, people, offices, orgs). The output is deterministic and
sorted; running the script twice gives byte-identical files, and the generated files are
committed so the package never needs ``../shared`` at run time.

How the actor dictionaries are read (the PETRARCH-2 reader's rules, ``PETRreader.py``):

* A record is a primary phrase, ``+`` synonym lines, and tab-indented ``[CODE restriction]``
  lines; codes may also follow the primary phrase on its own line. As in PETRARCH, a primary
  phrase with no code joins the record that follows it until a record has a code: ``U.N._``
  followed by ``UN_SECRETARY_GENERAL ... [IGOUNO]`` gives both names IGOUNO.
* Restrictions: ``[CODE]`` (the record's default: empty ``start`` and ``end``), ``[CODE <D]``
  (up to and including D: empty ``start``), ``[CODE >D]`` (from D on: empty ``end``) and
  ``[CODE D1-D2]`` (both inclusive). A record gives one row per name and restriction.
* Dates are ``YYYYMMDD`` or ``YYMMDD``. Two-digit years pivot at 2014, the year the Countries
  file was generated: ``00``-``14`` are 2000-2014, ``15``-``99`` are 1915-1999 (no office in a
  2014 file can start in 2015 or later; in these files no two-digit year lies between 15 and
  30, so PETRARCH's own pivot of 30 reads every date the same way). Dates of another length
  (``9008223``, ``2004017``) or impossible calendar dates are typing errors: that restriction
  is skipped and counted, as PETRARCH skips it with a warning; so are intervals that end before
  they start.

What is skipped, and why:

* comment lines (``#``, ``<!``) and the ``#``/``;`` comment at the end of a line: not names;
* null codes (``[---]``) and records without any code: PETRARCH codes them as nothing;
* the Kinakuta section (code ``KNT``): a fictional test country of the TABARI validation suite;
* names with no letter left after cleaning, and three names of the Countries file that hold
  a U+FFFD replacement character (a byte lost before 2014: "COTE_D\ufffdIVOIRE_", also
  Nigeria's and a Tongan airport's; Côte d'Ivoire and Nigeria have the right spelling too);
* parenthesised glosses inside names
  (``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` -> "aden abyan islamic army"): news never write the gloss
  in that place, so the name would never match;
* in the agents file: the ``!MACRO! = ...`` definition lines (they are expanded, not terms),
  plural forms (``{...}`` and the plural members of a macro, e.g. MEN, MINISTRIES: terms are
  singular, the resolver lemmatises), terms that are the plural of another listed term, and
  lines without a code.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from detente.datafiles import write_rows

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "detente" / "data" / "kb"
ACTORS_CSV = KB / "phoenix_actors.csv"
AGENTS_CSV = KB / "phoenix_agents.csv"

ACTOR_COLUMNS = ["name", "code", "country", "sector", "start", "end", "kind"]
AGENT_COLUMNS = ["term", "sector"]

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
MILNONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENTS_FILE = "Phoenix.agents.txt"
ACTOR_FILES = (COUNTRIES_FILE, INTERNATIONAL_FILE, MILNONSTATE_FILE)

# Two-digit years up to this one are 20YY, later ones 19YY (see the module docstring).
PIVOT_YEAR = 14

# ISO 3166-1 alpha-3, all 249 officially assigned codes (2014 list plus BES/CUW/SXM/SSD, which
# are older than the dictionaries). Kept here: states.csv lists only the states detente resolves.
_ISO3_TEXT = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
"""
ISO3 = frozenset(_ISO3_TEXT.split())

# Former ISO 3166-1 alpha-3 codes of states that no longer exist (now in ISO 3166-3). They are
# kept as they are, not mapped to a successor: "Soviet" in 1985 is not Russia, and the Armenian
# SSR (USRARM) or the Slovak half of Czechoslovakia would be given the wrong state.
FORMER_ISO3 = {
    "SUN": "Soviet Union (until 1991-12-25)",
    "YUG": "Yugoslavia (SFRY until 1992; ISO also used it for the FR Yugoslavia until 2003)",
    "SCG": "Serbia and Montenegro (2003-2006)",
    "CSK": "Czechoslovakia (until 1992-12-31)",
    "DDR": "German Democratic Republic (until 1990-10-03)",
}

# Phoenix/CAMEO state codes that differ from ISO 3166-1 alpha-3 -> the ISO code used here.
# Codes marked "(absent)" do not occur in the 2014 files; they are listed because CAMEO used
# them and a later copy of the dictionaries might.
LEGACY_COUNTRY = {
    "ROM": "ROU",  # Romania: ISO alpha-3 was ROM until 2002 (absent; the files use ROU)
    "ZAR": "COD",  # Zaire, now DR Congo: ISO ZAR until 1997 (absent; the files use COD)
    "TMP": "TLS",  # East Timor: ISO TMP until 2002, then TLS (Timor-Leste)
    "SER": "SRB",  # Serbia: a non-ISO spelling, mapped in case a later copy uses it (absent; the files use SCGSRB / SRB)
    "ANG": "AGO",  # Angola: a non-ISO spelling, used once (UNITA [ANGREB] in MilNonState)
    "USR": "SUN",  # Soviet Union: CAMEO's code (USRARM = Armenian SSR) -> former ISO SUN
    "FRY": "YUG",  # FR Yugoslavia 1992-2003 (FRYKSV = Kosovo then) -> ISO's YUG of that time
    "KSV": "XKX",  # Kosovo: World Bank code; ISO has none, XKX is the user-assigned code
}  # fmt: skip

# Not states: no country. Regions (AFR Africa, ASA Asia, CAS Central Asia, CFR Central Africa,
# EAF East Africa, EEU Eastern Europe, EIN East Indies, EUR Europe, LAM Latin America, MEA
# Middle East, NAF North Africa, NMR North America (regional), SAF Southern Africa, SAM South
# America, SAS South Asia, SEA Southeast Asia, WAF West Africa, WEU Western Europe), religions
# (BAH Baha'i, BUD Buddhist, HIN Hindu, MOS Muslim), INT transnational, KKL (an editor's
# placeholder in MilNonState), unrecognised entities (KRJ Serbian Krajina, SRP Republika
# Srpska before Dayton), and bare role codes (ELI, MED) used as a record's after-office code.
# These roots are never read as a state even where the three letters are also an ISO code.
NON_STATE_ROOTS = frozenset({
    "AFR", "ASA", "CAS", "CFR", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "NAF", "NMR", "SAF", "SAM",
    "SAS", "SEA", "WAF", "WEU", "BAH", "BUD", "HIN", "MOS", "INT", "KKL", "KRJ", "SRP",
})  # fmt: skip

# Code families of international actors: the family itself is the sector (IGO intergovernmental
# organisation, NGO non-governmental organisation, IMG international militarised group, MNC
# multinational corporation). The state code that may follow (MNCUSA, NGOUSAHRI) names a home
# or focus, not the state the actor acts for, so such rows have no country; it stays in `code`.
FAMILIES = frozenset({"IGO", "NGO", "IMG", "MNC"})

# CAMEO role codes. `sector` is the first of these after the state code (USAGOVBUS -> GOV,
# GBRVGBGOV -> GOV: British Virgin Islands government) or after a region or religion root
# (CFRREB -> REB, BUDREB -> REB); a code with none (AFG, USRARM, KSVUNO) has no sector. A bare
# role code (the after-office default [ELI]) is its own sector. Why the first role: CAMEO
# writes the primary role first and specialisations after it (GOVBUS, GOVMIL), and the
# resolver needs the primary one; the full code stays in `code`.
ROLES = frozenset({
    "GOV", "MIL", "REB", "OPP", "ELI", "COP", "JUD", "LEG", "PTY", "SPY", "UAF", "INS", "SEP", "BUS",
    "MED", "EDU", "HLH", "HRI", "LAB", "AGR", "DEV", "ENV", "REF", "CVL", "CRM", "RAD", "MOD", "REL",
})  # fmt: skip

# Known errors of the source that change the country. (file, code root, name pattern, country).
# The Mauritanian heads of state and government (Moktar Ould Daddah ... Yahya Ould Ahmed El
# Waghef) sit in the Mauritius section with Mauritius' code MUS; every "Ould" name there is
# Mauritanian. The raw code is kept as written; only `country` is corrected.
COUNTRY_FIXES: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    (COUNTRIES_FILE, "MUS", re.compile(r"\bould\b"), "MRT"),
)

# Words that mark a dated record as an organisation, not a person: the Countries file dates
# some bodies (SOVIET_OF_NATIONALITIES [SUNGOVLEG 19171109-19911225], PALESTINIAN_AUTHORITY,
# SYRIAN_NATIONAL_COUNCIL_) and so does the International file (WARSAW_TREATY_ORGANIZATION_).
# Only the record's first name is looked at; "ASSEMBLY_LEADER_JAKUP_KRASNIQI" is a synonym.
ORG_WORDS = frozenset({
    "ASSEMBLY", "AUTHORITY", "ARMY", "COALITION", "COMMITTEE", "COUNCIL", "FORCE", "FORCES", "FRONT",
    "GOVERNMENT", "MOVEMENT", "ORGANIZATION", "ORGANISATION", "PARLIAMENT", "PARTY", "POLITBURO", "SOVIET",
    "STATE", "TREATY", "UNION", "BRIGADE", "BRIGADES", "GROUP", "LEAGUE", "ALLIANCE", "CONGRESS",
})  # fmt: skip

# Roots whose records are skipped entirely (see the module docstring).
SKIPPED_ROOTS = frozenset({"KNT"})

_BRACKET = re.compile(r"\[([^\]]*)\]")
_RESTRICTION = re.compile(
    r"^(?P<code>[A-Z0-9]+)\s*(?:(?P<op>[<>])\s*(?P<single>\d+)|(?P<d1>\d+)\s*-\s*(?P<d2>\d+))?\s*$"
)
_SYNONYM_SPLIT = re.compile(r"(?:^|(?<=\s))\+|\+(?=_)")
_PAREN = re.compile(r"\([^)]*\)")
_MACRO_DEF = re.compile(r"^(?P<name>![A-Z]+!)\s*=\s*(?P<members>.+)$")
_AGENT_LINE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")


# ----------------------------------------------------------------------------- helpers


def read_source_commit(reference: Path) -> str:
    """The petrarch2 commit the phoenix/ copies come from, as SOURCE.txt records it."""
    text = (reference / "SOURCE.txt").read_text(encoding="utf-8")
    match = re.search(r"openeventdata/petrarch2 @ ([0-9a-f]{40})", text)
    if not match:
        raise ValueError("SOURCE.txt: petrarch2 commit not found")
    return match.group(1)


def mit_notice(lines: list[str]) -> list[str]:
    """The MIT licence block of a dictionary header, verbatim, without its ``#`` marks."""
    notice: list[str] = []
    for raw in lines:
        text = raw.lstrip("#").strip()
        if not notice and text.startswith("The MIT License"):
            notice.append(text)
        elif notice:
            notice.append(text)
            if text.endswith("THE SOFTWARE."):
                return notice
    raise ValueError("MIT licence notice not found")


def clean_name(raw: str) -> str:
    """Lowercase words separated by single spaces; ``_`` -> space, glosses in ``(...)`` dropped.

    Periods, hyphens and apostrophes stay ("u.s.", "mazar-i-sharif", "lord's resistance army").
    Double quotes around nicknames go (BINYAMIN_"FUAD"_BEN_ELIEZER -> "binyamin fuad ben
    eliezer"), and the Turkish dotted capital I is lowered to a plain "i" (Python would give
    "i" plus a combining dot, which no news text contains).
    """
    text = _PAREN.sub(" ", raw.replace("_", " ").replace('"', " ").replace("İ", "I"))
    return " ".join(text.lower().split())


def parse_date(text: str) -> date | None:
    """An ISO date from ``YYYYMMDD`` or ``YYMMDD`` (pivot 2014), or None when malformed."""
    if len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    elif len(text) == 6:
        short = int(text[:2])
        year, rest = (2000 + short if short <= PIVOT_YEAR else 1900 + short), text[2:]
    else:
        return None
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def chunks(code: str) -> list[str]:
    """A CAMEO code split into its three-character parts (IMGMUSISI -> IMG, MUS, ISI)."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def country_of(code: str) -> str:
    """ISO3 (or former ISO3 / XKX) of the state a code starts with; empty for other roots."""
    root = code[:3]
    if root in NON_STATE_ROOTS or root in FAMILIES:
        return ""
    if root in LEGACY_COUNTRY:
        return LEGACY_COUNTRY[root]
    if root in ISO3 or root in FORMER_ISO3:
        return root
    return ""


def sector_of(code: str) -> str:
    """The family for IGO/NGO/IMG/MNC codes, else the first CAMEO role after the root."""
    parts = chunks(code)
    if parts[0] in FAMILIES:
        return parts[0]
    if parts[0] in ROLES:  # a bare after-office code such as [ELI]
        return parts[0]
    return next((p for p in parts[1:] if p in ROLES), "")


def has_role(code: str) -> bool:
    """Whether a code names a role (GOV, MIL, ELI, ...) rather than only a state or territory."""
    return bool(sector_of(code))


# ----------------------------------------------------------------------------- actors


@dataclass
class Restriction:
    """One code with its validity period (ISO dates; empty when open)."""

    code: str
    start: str = ""
    end: str = ""


@dataclass
class Record:
    """One dictionary record: its names and code restrictions, in file order."""

    source: str
    line: int
    names: list[str] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    countryinfo: bool = False
    """A primary line is marked ``# CountryInfo.txt``: the person lists of CountryInfo."""


@dataclass
class ActorStats:
    """Counts reported by the actor derivation."""

    records: Counter[str] = field(default_factory=Counter)
    no_code: int = 0
    null_codes: int = 0
    bad_dates: list[str] = field(default_factory=list)
    skipped_roots: int = 0
    blank_names: int = 0
    fixed_country: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def parse_restriction(text: str, stats: ActorStats, where: str) -> Restriction | None:
    """A ``CODE [<D | >D | D1-D2]`` restriction, or None for null codes and malformed dates."""
    text = text.strip()
    match = _RESTRICTION.match(text)
    if not match:
        if text.startswith("-") or not text:
            stats.null_codes += 1
        else:
            stats.bad_dates.append(f"{where}: [{text}]")
        return None
    code = match["code"]
    if match["op"]:
        day = parse_date(match["single"])
        if day is None:
            stats.bad_dates.append(f"{where}: [{text}]")
            return None
        iso = day.isoformat()
        return Restriction(code, end=iso) if match["op"] == "<" else Restriction(code, start=iso)
    if match["d1"]:
        first, last = parse_date(match["d1"]), parse_date(match["d2"])
        if first is None or last is None or last < first:
            stats.bad_dates.append(f"{where}: [{text}]")
            return None
        return Restriction(code, first.isoformat(), last.isoformat())
    return Restriction(code)


def split_synonyms(text: str) -> list[str]:
    """Phrases on a ``+`` line; a second ``+`` after a blank or before ``_`` starts another.

    ``+TAIOAN_ +TAWIAN_`` and ``+..._ISLAMI+_ISLAMIC_ADEN_ARMY_`` are two synonyms each;
    ``B+H_OCEAN_CARRIERS_`` keeps its ``+``.
    """
    return [part for part in _SYNONYM_SPLIT.split(text) if part.strip()]


def read_records(path: Path, stats: ActorStats) -> list[Record]:
    """The records of one actor dictionary (PETRARCH's grouping; see the module docstring)."""
    records: list[Record] = []
    current: Record | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith(("#", "<!")):
            continue
        body, _, comment = raw.partition("#")
        body = body.partition(";")[0]
        text = body.strip()
        if not text:
            continue
        where = f"{path.name}:{number}"
        if raw[0].isspace() and text.startswith("["):
            if current is None:
                continue
            for inner in _BRACKET.findall(text):
                restriction = parse_restriction(inner, stats, where)
                if restriction:
                    current.restrictions.append(restriction)
            continue
        if text.startswith("+"):
            if current is not None:
                current.names.extend(split_synonyms(_BRACKET.sub(" ", text)))
            continue
        # a primary phrase: it closes the current record only when that one has codes
        if current is None or current.restrictions:
            current = Record(path.name, number)
            records.append(current)
        phrase, bracket, rest = text.partition("[")
        current.names.append(phrase)
        current.countryinfo |= "CountryInfo" in comment
        for inner in _BRACKET.findall(bracket + rest):
            restriction = parse_restriction(inner, stats, where)
            if restriction:
                current.restrictions.append(restriction)
    stats.records[path.name] = len(records)
    return records


def record_kind(record: Record) -> str:
    """``country``, ``person`` or ``group`` for a record (see `derive_actors`)."""
    codes = [r.code for r in record.restrictions]
    if record.source == COUNTRIES_FILE:
        territorial = any(country_of(c) or c[:3] in {"KRJ", "SRP"} for c in codes)
        if territorial and not any(has_role(c) for c in codes):
            return "country"
        if record.countryinfo:
            return "person"
    first = set(re.split(r"[\s_]+", record.names[0].upper()))
    if any(r.start or r.end for r in record.restrictions) and not first & ORG_WORDS:
        return "person"
    return "group"


def fixed_country(record: Record, name: str, code: str) -> str | None:
    """The corrected country for a known source error, or None."""
    for source, root, pattern, country in COUNTRY_FIXES:
        if record.source == source and code.startswith(root) and pattern.search(name):
            return country
    return None


def actor_rows(records: Iterable[Record], stats: ActorStats) -> Iterator[dict[str, str]]:
    """One row per (clean name, restriction) of every coded record."""
    for record in records:
        if not record.restrictions:
            stats.no_code += 1
            continue
        if any(r.code[:3] in SKIPPED_ROOTS for r in record.restrictions):
            stats.skipped_roots += 1
            continue
        kind = record_kind(record)
        stats.kinds[kind] += 1
        for raw in record.names:
            name = clean_name(raw)
            if not any(ch.isalpha() for ch in name) or "\ufffd" in name:
                stats.blank_names += 1
                continue
            for restriction in record.restrictions:
                code = restriction.code
                country = country_of(code)
                fix = fixed_country(record, name, code)
                if fix:
                    stats.fixed_country += 1
                    country = fix
                yield {
                    "name": name, "code": code, "country": country, "sector": sector_of(code),
                    "start": restriction.start, "end": restriction.end, "kind": kind,
                }  # fmt: skip


def derive_actors(reference: Path, commit: str, out: Path) -> tuple[int, ActorStats]:
    """Write phoenix_actors.csv; return the row count and statistics.

    `kind`: in the Countries file, a record whose codes name only states or territories (AFG,
    USRARM <900823, CSK 19181001-19930101, KSVUNO) is the country-name block (`country`: names,
    demonyms, capitals, provinces and cities Phoenix codes as the state); a record marked
    ``# CountryInfo.txt`` or with a dated code is a `person` (unless its first name has one of
    `ORG_WORDS`: "SOVIET_OF_NATIONALITIES" is dated but a body); anything else (national
    institutions such as AFGHAN_NATIONAL_SECURITY_FORCES [AFGMIL]) is a `group`. In the
    International and MilNonState files a record with a dated code is a `person` (UN
    secretaries-general, Hamas leaders; same `ORG_WORDS` exception), every other one a `group`.
    Undated named people (``HOSSEIN_SHARIATMADARI [IRNELI]`` in Countries without the CountryInfo
    mark, ``FUMIHIRO_JOYU__ [BUDREB]`` in MilNonState) stay `group`: nothing in the record
    tells them from an organisation. Duplicate rows (the same
    name, code, period and kind from two records) are written once.
    """
    stats = ActorStats()
    phoenix = reference / "phoenix"
    rows: set[tuple[str, ...]] = set()
    for name in ACTOR_FILES:
        for row in actor_rows(read_records(phoenix / name, stats), stats):
            rows.add(tuple(row[c] for c in ACTOR_COLUMNS))
    ordered = [dict(zip(ACTOR_COLUMNS, values, strict=True)) for values in sorted(rows)]
    lines = (phoenix / COUNTRIES_FILE).read_text(encoding="utf-8").splitlines()
    header = [
        "Phoenix actors: surface form (lowercase) -> CAMEO actor code, ISO3 country, sector, validity period.",
        "One row per surface form and code period; empty start/end = open (both empty: the record's default).",
        "kind: country (country-name block: names, demonyms, capitals, provinces), person, group.",
        "Derived by scripts/derive_actors.py from the Phoenix dictionaries (MIT, Open Event Data):",
        f"{COUNTRIES_FILE}, {INTERNATIONAL_FILE}, {MILNONSTATE_FILE},",
        f"from openeventdata/petrarch2 @ {commit} (petrarch2/data/dictionaries/).",
        "Country codes are ISO 3166-1 alpha-3; CAMEO codes that differ are mapped (TMP->TLS, ANG->AGO,",
        "USR->SUN, FRY->YUG, KSV->XKX); former codes SUN, YUG, SCG, CSK, DDR are kept; regions,",
        "religions and IGO/NGO/IMG/MNC codes have no country. Two-digit years: 00-14 = 20xx, 15-99 = 19xx.",
        "The facts are as of 2014 (CountryInfo.140130.txt) and are not checked: detente uses this file",
        "only as a fallback after the team-written tables (states, people, offices, orgs).",
        "Generated; do not edit by hand. The dictionaries' licence notice follows.",
        "",
        *mit_notice(lines),
    ]
    return write_rows(out / ACTORS_CSV.name, header, ACTOR_COLUMNS, ordered), stats


# ----------------------------------------------------------------------------- agents


@dataclass
class AgentStats:
    """Counts reported by the agent derivation."""

    entries: int = 0
    plurals: int = 0
    no_code: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def singulars(term: str) -> list[str]:
    """Candidate singulars of a lowercase term's last word (militiamen -> militiaman).

    A term whose singular is also listed is dropped: the file gives some plurals as their own
    entries ("rebel armies" beside "rebel army"); the resolver lemmatises before the look-up.
    """
    head, _, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = []
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        forms.append(last[:-1])
    return [prefix + f for f in forms if f]


def singular_members(members: list[str]) -> list[str]:
    """The members of a substitution set that are not the plural of another member.

    MAN, MEN, WOMAN, WOMEN, PERSON -> MAN, WOMAN, PERSON; MINISTER, MINISTERS, MINISTRY,
    MINISTRIES -> MINISTER, MINISTRY.
    """
    pool = set(members)

    def plural(word: str) -> bool:
        return (
            (word.endswith("S") and word[:-1] in pool)
            or (word.endswith("IES") and word[:-3] + "Y" in pool)
            or (word.endswith("MEN") and word[:-3] + "MAN" in pool)
        )

    return [m for m in members if not plural(m)]


def expand_macros(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """Every singular spelling of a phrase with ``!MACRO!`` markers substituted."""
    forms = [phrase]
    for marker, members in macros.items():
        forms = [f.replace(marker, m) for f in forms for m in (members if marker in f else [""])]
    return forms


def derive_agents(reference: Path, commit: str, out: Path) -> tuple[int, AgentStats]:
    """Write phoenix_agents.csv; return the row count and statistics.

    The code is written without ``~`` (``[~AGR]`` -> AGR, ``[~GOVMED]`` -> GOVMED, ``[IGO~]`` ->
    IGO). Where one term has several codes, the first in file order is kept: the choice is
    arbitrary but stable, and the script prints each such term. In the 2014 file these are
    "minister/ministry of (the) environment" (ENV kept, GOVENV dropped), "security force" (COP,
    not MIL), "civil society" (CVL, not NGO), "assailant" (CRM, not UAF) and "muslim militant"
    (MUSUAF, not UAFMUS).
    """
    stats = AgentStats()
    path = reference / "phoenix" / AGENTS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    macros: dict[str, list[str]] = {}
    chosen: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.partition("#")[0].strip()
        if not text or raw.startswith("<!"):
            continue
        definition = _MACRO_DEF.match(text)
        if definition:
            members = [m.strip() for m in definition["members"].split(",") if m.strip()]
            macros[definition["name"]] = singular_members(members)
            continue
        match = _AGENT_LINE.match(text)
        if not match:
            stats.no_code.append(f"{AGENTS_FILE}:{number}: {text}")
            continue
        stats.entries += 1
        code = match["code"].strip().replace("~", "")
        for form in expand_macros(match["phrase"], macros):
            term = clean_name(form)
            if not any(ch.isalpha() for ch in term):
                continue
            if term in chosen:
                if chosen[term] != code:
                    stats.conflicts.append(f"{term}: {chosen[term]} kept, {code} dropped")
                continue
            chosen[term] = code
    plurals = {t for t in chosen if any(s in chosen for s in singulars(t))}
    stats.plurals = len(plurals)
    rows = [{"term": t, "sector": chosen[t]} for t in sorted(chosen) if t not in plurals]
    header = [
        "Phoenix agents: generic agent noun (singular, lowercase) -> CAMEO agent code (without '~').",
        "Derived by scripts/derive_actors.py from the Phoenix dictionaries (MIT, Open Event Data):",
        f"{AGENTS_FILE}, from openeventdata/petrarch2 @ {commit} (petrarch2/data/dictionaries/).",
        "Substitution sets (!PERSON!, !MINIST!) are expanded to their singular members; plural forms are",
        "left out (the resolver lemmatises). A term listed with several codes keeps the first one.",
        "The facts are as of 2014 and are not checked: detente uses this file only as a fallback after",
        "the team-written tables.",
        "Generated; do not edit by hand. The dictionary's licence notice follows.",
        "",
        *mit_notice(lines),
    ]
    return write_rows(out / AGENTS_CSV.name, header, AGENT_COLUMNS, rows), stats


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Regenerate phoenix_actors.csv and phoenix_agents.csv from a reference directory."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("reference", type=Path, help="the shared reference directory (../shared/reference)")
    parser.add_argument(
        "--out",
        type=Path,
        default=KB,
        help="output directory (default detente/data/kb; the tests use a temporary one)",
    )
    args = parser.parse_args(argv)
    reference: Path = args.reference
    out: Path = args.out
    missing = [n for n in (*ACTOR_FILES, AGENTS_FILE) if not (reference / "phoenix" / n).is_file()]
    if missing:
        parser.error(f"{reference}/phoenix lacks {', '.join(missing)}")
    commit = read_source_commit(reference)
    n_actors, stats = derive_actors(reference, commit, out)
    actors_csv, agents_csv = out / ACTORS_CSV.name, out / AGENTS_CSV.name
    print(f"{actors_csv}: {n_actors} rows, {actors_csv.stat().st_size} bytes")
    print(f"  records: {dict(stats.records)}; kinds: {dict(stats.kinds)}")
    print(
        f"  skipped: {stats.no_code} records without a code, {stats.null_codes} null codes, "
        f"{stats.skipped_roots} Kinakuta records, {stats.blank_names} names without letters or with U+FFFD, "
        f"{len(stats.bad_dates)} malformed restrictions"
    )
    for item in stats.bad_dates:
        print(f"    {item}")
    print(f"  country corrected on {stats.fixed_country} rows (Mauritanian 'Ould' names coded MUS)")
    n_agents, agent_stats = derive_agents(reference, commit, out)
    print(f"{agents_csv}: {n_agents} rows, {agents_csv.stat().st_size} bytes")
    print(
        f"  {agent_stats.entries} entries; {agent_stats.plurals} plurals of listed terms dropped; "
        f"{len(agent_stats.conflicts)} terms with several codes (first kept)"
    )
    for item in agent_stats.conflicts:
        print(f"    {item}")
    for item in agent_stats.no_code:
        print(f"    skipped, no code: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
