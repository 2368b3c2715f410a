"""Schema and consistency checks for the actor knowledge base (``detente/data/kb``).

The CSV files are read directly with the ``csv`` module, so these tests check the
data itself, independent of the loader. Schema: ``docs/knowledge-base.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import detente

KB = Path(detente.__file__).parent / "data" / "kb"

COLUMNS = {
    "states.csv": ["iso3", "name", "aliases", "demonyms", "metonyms", "capital", "lat", "lon"],
    "people.csv": ["id", "name", "aliases", "gender", "country", "wikidata"],
    "offices.csv": ["person_id", "country", "office", "title", "sector", "start", "end", "leader"],
    "orgs.csv": ["id", "name", "aliases", "country", "sector"],
    "places.csv": ["name", "aliases", "country", "lat", "lon", "kind"],
    "outlets.csv": ["name", "aliases", "country"],
}

REQUIRED = {
    "states.csv": ["iso3", "name", "demonyms", "capital", "lat", "lon"],
    "people.csv": ["id", "name", "gender", "country"],
    "offices.csv": ["person_id", "country", "office", "title", "sector", "start", "leader"],
    "orgs.csv": ["id", "name", "country", "sector"],
    "places.csv": ["name", "country", "lat", "lon", "kind"],
    "outlets.csv": ["name", "country"],
}

MULTI = {
    "states.csv": ["aliases", "demonyms", "metonyms"],
    "people.csv": ["aliases"],
    "orgs.csv": ["aliases"],
    "places.csv": ["aliases"],
    "outlets.csv": ["aliases"],
}

OFFICES = {
    "president",
    "vice_president",
    "prime_minister",
    "chancellor",
    "supreme_leader",
    "monarch",
    "general_secretary",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
    "commission_president",
    "council_president",
    "director_general",
}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "NGO", "MED", "BUS", "OPP", "REB", "PTY", "IMG"}
PLACE_KINDS = {"city", "venue", "region"}

# Bare names that news use for more than one person in people.csv (casefolded).
# The resolver picks by date and context; docs/knowledge-base.md lists the same sets.
AMBIGUOUS = {
    "clinton": {"Q1124", "Q6294"},
    "fernandez": {"alberto-fernandez", "cristina-fernandez-de-kirchner"},
    "fernández": {"alberto-fernandez", "cristina-fernandez-de-kirchner"},
    "ivanov": {"igor-ivanov", "sergei-ivanov"},
    "kaczynski": {"lech-kaczynski", "jaroslaw-kaczynski"},
    "kaczyński": {"lech-kaczynski", "jaroslaw-kaczynski"},
    "kim": {"kim-jong-il", "Q56226", "kim-dae-jung"},
    "kirchner": {"nestor-kirchner", "cristina-fernandez-de-kirchner"},
    "lee": {"lee-myung-bak", "lee-jae-myung", "lee-teng-hui"},
    "li": {"li-keqiang", "li-qiang", "li-zhaoxing"},
    "sharif": {"nawaz-sharif", "shehbaz-sharif"},
}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COORD = re.compile(r"^-?\d{1,3}\.\d{2}$")
QID = re.compile(r"^Q[1-9]\d*$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAR_FUTURE = dt.date(9999, 12, 31)


@cache
def read(name: str) -> tuple[dict[str, str], ...]:
    with (KB / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def split(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def interval(row: dict[str, str]) -> tuple[dt.date, dt.date]:
    return day(row["start"]), day(row["end"]) if row["end"] else FAR_FUTURE


def known_countries() -> set[str]:
    return {r["iso3"] for r in read("states.csv")} | {r["id"] for r in read("orgs.csv")}


def leader_on(country: str, when: str) -> list[str]:
    on = day(when)
    return [
        r["person_id"]
        for r in read("offices.csv")
        if r["country"] == country and r["leader"] == "1" and interval(r)[0] <= on <= interval(r)[1]
    ]


def holders_on(country: str, office: str, when: str) -> list[str]:
    on = day(when)
    return [
        r["person_id"]
        for r in read("offices.csv")
        if r["country"] == country and r["office"] == office and interval(r)[0] <= on <= interval(r)[1]
    ]


# --- every file --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_is_utf8_with_exact_header_and_no_blank_lines(name: str) -> None:
    raw = (KB / name).read_bytes()
    text = raw.decode("utf-8")
    assert not text.startswith("\ufeff"), "no byte-order mark"
    assert text.endswith("\n") and "\r" not in text
    lines = text.split("\n")[:-1]
    assert lines[0] == ",".join(COLUMNS[name])
    assert all(line.strip() for line in lines), "no empty lines"
    assert len(lines) > 1


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_rows_have_exactly_the_schema_columns(name: str) -> None:
    rows = read(name)
    assert rows
    for number, row in enumerate(rows, start=2):
        assert list(row) == COLUMNS[name], f"{name} line {number}: extra or missing fields"
        assert None not in row.values(), f"{name} line {number}: too few fields"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_required_cells_are_filled_and_cells_are_trimmed(name: str) -> None:
    for row in read(name):
        for column in REQUIRED[name]:
            assert row[column], f"{name}: empty {column} in {row}"
        for column, cell in row.items():
            assert cell == cell.strip(), f"{name}: untrimmed {column} in {row}"


@pytest.mark.parametrize("name", sorted(MULTI))
def test_multi_value_cells_have_no_empty_or_repeated_parts(name: str) -> None:
    for row in read(name):
        for column in MULTI[name]:
            parts = split(row[column])
            assert all(p and p == p.strip() for p in parts), f"{name}: bad '|' list in {row}"
            folded = [p.casefold() for p in parts]
            assert len(folded) == len(set(folded)), f"{name}: repeated value in {column} of {row}"


@pytest.mark.parametrize(("name", "column"), [("people.csv", "country"), ("orgs.csv", "country"),
                                              ("offices.csv", "country"), ("places.csv", "country"),
                                              ("outlets.csv", "country")])  # fmt: skip
def test_country_codes_are_known_states_or_orgs(name: str, column: str) -> None:
    known = known_countries()
    unknown = {r[column] for r in read(name)} - known
    assert not unknown, f"{name}: {column} not in states.csv or orgs.csv: {sorted(unknown)}"


# --- states ------------------------------------------------------------------------------


def test_states_iso3_unique_sorted_and_coordinates_valid() -> None:
    rows = read("states.csv")
    codes = [r["iso3"] for r in rows]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    for r in rows:
        assert COORD.match(r["lat"]) and COORD.match(r["lon"]), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r


def test_states_cover_the_required_countries() -> None:
    codes = {r["iso3"] for r in read("states.csv")}
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
           "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF"}  # fmt: skip
    eu = {"AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV",
          "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN",
          "SWE"}  # fmt: skip
    others = {"UKR", "ISR", "PSE", "IRN", "PRK", "PAK", "EGY", "SYR", "BLR", "VEN", "QAT", "ARE",
              "TWN", "AFG", "IRQ", "NGA", "ETH", "VNM", "SGP", "CHE"}  # fmt: skip
    assert not (g20 | eu | others) - codes
    assert len(codes) >= 80


def test_state_names_demonyms_and_metonyms_point_to_one_state() -> None:
    for column in ("names", "demonyms", "metonyms"):
        owner: dict[str, str] = {}
        for r in read("states.csv"):
            values = [r["name"], *split(r["aliases"])] if column == "names" else split(r[column])
            for value in values:
                key = value.casefold().removeprefix("the ")
                assert owner.setdefault(key, r["iso3"]) == r["iso3"], f"{column}: {value!r} in two states"


def test_state_metonyms_spot_check() -> None:
    states = {r["iso3"]: r for r in read("states.csv")}
    assert "Kremlin" in split(states["RUS"]["metonyms"])
    assert "White House" in split(states["USA"]["metonyms"])
    assert "Downing Street" in split(states["GBR"]["metonyms"])
    assert {"Kyiv", "Kiev"} <= set(split(states["UKR"]["metonyms"]))
    assert "Emirati" in split(states["ARE"]["demonyms"])
    assert "Ivorian" in split(states["CIV"]["demonyms"])


# --- people ------------------------------------------------------------------------------


def test_people_ids_unique_and_well_formed() -> None:
    rows = read("people.csv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        if QID.match(r["id"]):
            assert r["wikidata"] == r["id"], r
        else:
            assert SLUG.match(r["id"]), r
            assert r["wikidata"] == "", r
        assert r["gender"] in {"m", "f"}, r


def test_people_sorted_by_country_then_name() -> None:
    keys = [(r["country"], r["name"]) for r in read("people.csv")]
    assert keys == sorted(keys)


def test_known_wikidata_ids() -> None:
    names = {r["id"]: r["name"] for r in read("people.csv")}
    expected = {"Q22686": "Donald Trump", "Q7747": "Vladimir Putin", "Q6279": "Joe Biden",
                "Q76": "Barack Obama", "Q15031": "Xi Jinping", "Q567": "Angela Merkel",
                "Q3052772": "Emmanuel Macron", "Q1058": "Narendra Modi", "Q61053": "Olaf Scholz",
                "Q23530": "Dmitry Medvedev", "Q56226": "Kim Jong Un"}  # fmt: skip
    for qid, name in expected.items():
        assert names.get(qid) == name


def test_no_alias_maps_to_two_people_outside_the_documented_ambiguities() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for r in read("people.csv"):
        for alias in [r["name"], *split(r["aliases"])]:
            owners[alias.casefold()].add(r["id"])
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert shared == AMBIGUOUS


def test_person_names_do_not_clash_with_state_or_org_names() -> None:
    taken: set[str] = set()
    for r in read("states.csv"):
        for value in [r["name"], *split(r["aliases"]), *split(r["demonyms"]), *split(r["metonyms"])]:
            taken.add(value.casefold().removeprefix("the "))
    for r in read("orgs.csv"):
        for value in [r["id"], r["name"], *split(r["aliases"])]:
            taken.add(value.casefold().removeprefix("the "))
    for r in read("people.csv"):
        for alias in [r["name"], *split(r["aliases"])]:
            assert alias.casefold() not in taken, f"{alias!r} of {r['id']} is also a state or org name"


# --- offices -----------------------------------------------------------------------------


def test_offices_reference_people_and_use_the_vocabularies() -> None:
    people = {r["id"] for r in read("people.csv")}
    for r in read("offices.csv"):
        assert r["person_id"] in people, r
        assert r["office"] in OFFICES, r
        assert r["sector"] in SECTORS, r
        assert r["leader"] in {"0", "1"}, r


def test_office_dates_are_iso_and_ordered() -> None:
    for r in read("offices.csv"):
        for column in ("start", "end"):
            if r[column]:
                assert ISO_DATE.match(r[column]), r
                day(r[column])  # raises on 2021-02-30
        if r["end"]:
            assert day(r["start"]) <= day(r["end"]), r
        assert day(r["start"]) <= dt.date(2026, 11, 28), r


def test_offices_sorted_and_without_duplicates() -> None:
    rows = read("offices.csv")
    keys = [(r["country"], r["office"], r["start"]) for r in rows]
    assert keys == sorted(keys)
    full = [tuple(r.values()) for r in rows]
    assert len(full) == len(set(full))


def test_one_person_at_a_time_in_each_single_holder_office() -> None:
    """Terms in one office of one country may share the handover day, never more.

    The one exception is an acting holder standing in for a suspended one (Brazil, 2016).
    """
    by_office: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in read("offices.csv"):
        by_office[(r["country"], r["office"])].append(r)
    for key, terms in by_office.items():
        if key[1] == "monarch" and key[0] in {"CAN", "AUS"}:
            continue
        terms = sorted(terms, key=lambda r: r["start"])
        for before, after in itertools.pairwise(terms):
            if before["person_id"] == after["person_id"] and before["end"] == after["start"]:
                continue  # one term split in two rows (e.g. the leader flag changes)
            if after["title"].startswith("Acting") and before["end"] and after["end"] <= before["end"]:
                continue
            assert before["end"], f"{key}: open term of {before['person_id']} followed by another"
            assert day(before["end"]) <= day(after["start"]), f"{key}: {before} overlaps {after}"


def test_leader_terms_of_a_country_do_not_overlap() -> None:
    by_country: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in read("offices.csv"):
        if r["leader"] == "1":
            by_country[r["country"]].append(r)
    for country, terms in by_country.items():
        for i, a in enumerate(terms):
            for b in terms[i + 1 :]:
                (a0, a1), (b0, b1) = interval(a), interval(b)
                # touching on the handover day is allowed; any longer overlap is not
                assert not (a0 < b1 and b0 < a1), f"{country}: leader rows overlap: {a} / {b}"


def test_igo_offices_are_not_leaders_and_use_org_ids() -> None:
    orgs = {r["id"] for r in read("orgs.csv")}
    for r in read("offices.csv"):
        if r["office"] in {
            "secretary_general",
            "commission_president",
            "council_president",
            "director_general",
        }:
            assert r["country"] in orgs and r["leader"] == "0", r


@pytest.mark.parametrize("country", ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "JPN", "IND", "ITA", "CAN",
                                     "AUS", "BRA", "MEX", "IDN", "TUR", "ISR", "IRN", "PRK", "BLR", "TWN",
                                     "HUN", "POL", "QAT", "ARE", "SAU"])  # fmt: skip
def test_major_countries_have_a_leader_every_half_year_since_2001(country: str) -> None:
    for year in range(2001, 2026):
        for month in (1, 7):
            when = f"{year}-{month:02d}-15"
            assert len(leader_on(country, when)) == 1, f"{country} on {when}: {leader_on(country, when)}"


# --- hand-checked facts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "when", "person"),
    [
        ("RUS", "2009-06-01", "Q23530"),  # Medvedev president, Putin prime minister
        ("RUS", "2021-06-15", "Q7747"),
        ("RUS", "2004-01-01", "Q7747"),
        ("USA", "2021-06-15", "Q6279"),
        ("USA", "2025-08-15", "Q22686"),
        ("USA", "2018-06-12", "Q22686"),
        ("USA", "2005-03-01", "Q207"),
        ("CHN", "2019-06-29", "Q15031"),
        ("CHN", "2008-08-08", "hu-jintao"),
        ("GBR", "2024-07-10", "keir-starmer"),
        ("GBR", "2022-10-01", "liz-truss"),
        ("DEU", "2025-06-01", "friedrich-merz"),
        ("DEU", "2010-01-01", "Q567"),
        ("FRA", "2010-01-01", "Q329"),
        ("JPN", "2025-11-01", "sanae-takaichi"),
        ("JPN", "2019-06-28", "Q132345"),
        ("IND", "2020-01-01", "Q1058"),
        ("TUR", "2010-01-01", "Q39259"),  # prime minister then
        ("TUR", "2020-01-01", "Q39259"),  # president since 2014
        ("UKR", "2022-03-01", "Q3874799"),
        ("KOR", "2018-04-27", "moon-jae-in"),
        ("PRK", "2018-06-12", "Q56226"),
        ("PRK", "2000-06-13", "kim-jong-il"),
        ("IRN", "2015-07-14", "ali-khamenei"),
        ("SYR", "2015-09-30", "bashar-al-assad"),
        ("ISR", "2023-10-07", "Q43723"),
        ("ISR", "2021-07-01", "naftali-bennett"),
        ("SAU", "2019-01-01", "king-salman"),
        ("SAU", "2023-01-01", "mohammed-bin-salman"),
        ("PAK", "2005-01-01", "pervez-musharraf"),
        ("PAK", "2019-01-01", "imran-khan"),
        ("EGY", "2020-01-01", "abdel-fattah-el-sisi"),
        ("VNM", "2019-01-01", "nguyen-phu-trong"),
        ("AFG", "2022-01-01", "hibatullah-akhundzada"),
    ],
)
def test_leader_on_date(country: str, when: str, person: str) -> None:
    assert leader_on(country, when) == [person]


@pytest.mark.parametrize(
    ("country", "office", "when", "person"),
    [
        ("RUS", "prime_minister", "2009-06-01", "Q7747"),
        ("RUS", "foreign_minister", "2015-01-01", "sergey-lavrov"),
        ("USA", "foreign_minister", "2014-01-01", "john-kerry"),
        ("USA", "foreign_minister", "2025-08-15", "marco-rubio"),
        ("USA", "vice_president", "2010-01-01", "Q6279"),
        ("GBR", "foreign_minister", "2017-01-01", "Q180589"),
        ("GBR", "monarch", "2023-05-06", "charles-iii"),
        ("CHN", "president", "2019-06-29", "Q15031"),
        ("CHN", "prime_minister", "2020-01-01", "li-keqiang"),
        ("CHN", "foreign_minister", "2023-05-01", "qin-gang"),
        ("DEU", "foreign_minister", "2022-06-01", "annalena-baerbock"),
        ("FRA", "foreign_minister", "2003-02-14", "dominique-de-villepin"),
        ("UN", "secretary_general", "2020-01-01", "antonio-guterres"),
        ("NATO", "secretary_general", "2022-06-29", "jens-stoltenberg"),
        ("EU", "commission_president", "2016-01-01", "jean-claude-juncker"),
        ("EU", "council_president", "2016-01-01", "Q946"),
        ("IAEA", "director_general", "2015-07-14", "yukiya-amano"),
        ("WHO", "director_general", "2020-03-11", "tedros-adhanom-ghebreyesus"),
    ],
)
def test_office_holder_on_date(country: str, office: str, when: str, person: str) -> None:
    assert holders_on(country, office, when) == [person]


def test_known_gaps_and_ends() -> None:
    assert leader_on("SYR", "2025-01-01") == []  # between Assad's fall and al-Sharaa's presidency
    assert leader_on("RUS", "2008-05-07") == ["Q7747", "Q23530"]  # handover day is shared
    assert holders_on("USA", "president", "2025-01-20") == ["Q6279", "Q22686"]
    assert leader_on("PAK", "2008-06-01") == ["yousaf-raza-gilani"]


# --- orgs, places, outlets ----------------------------------------------------------------


def test_orgs_ids_unique_and_aliases_unambiguous() -> None:
    rows = read("orgs.csv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    owner: dict[str, str] = {}
    for r in rows:
        assert r["sector"] in SECTORS, r
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)?", r["id"]), r
        if r["sector"] == "IGO":
            assert r["country"] == r["id"], r
        for value in [r["name"], *split(r["aliases"])]:
            key = value.casefold().removeprefix("the ")
            assert owner.setdefault(key, r["id"]) == r["id"], f"{value!r} names two orgs"
    for metonym in ("Kremlin", "the Kremlin", "White House", "the White House"):
        assert metonym.casefold() not in owner


def test_orgs_include_the_core_bodies() -> None:
    orgs = {r["id"]: r for r in read("orgs.csv")}
    for igo in (
        "UN",
        "NATO",
        "EU",
        "G7",
        "G20",
        "BRICS",
        "ASEAN",
        "AU",
        "OPEC",
        "IAEA",
        "WHO",
        "WTO",
        "IMF",
        "UNSC",
    ):
        assert orgs[igo]["sector"] == "IGO"
    assert (orgs["USA-FBI"]["country"], orgs["USA-FBI"]["sector"]) == ("USA", "COP")
    assert (orgs["USA-CIA"]["country"], orgs["USA-CIA"]["sector"]) == ("USA", "SPY")
    assert (orgs["RUS-DUMA"]["country"], orgs["RUS-DUMA"]["sector"]) == ("RUS", "LEG")


def test_places_kinds_coordinates_and_no_capitals() -> None:
    capitals = {r["capital"].casefold() for r in read("states.csv")}
    names: set[str] = set()
    for r in read("places.csv"):
        assert r["kind"] in PLACE_KINDS, r
        assert COORD.match(r["lat"]) and COORD.match(r["lon"]), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert r["name"].casefold() not in capitals, f"{r['name']} is a capital: it comes from states.csv"
        for value in [r["name"], *split(r["aliases"])]:
            assert value.casefold() not in names, f"place name {value!r} repeated"
            names.add(value.casefold())


def test_outlets_unique() -> None:
    rows = read("outlets.csv")
    seen: set[str] = set()
    for r in rows:
        for value in [r["name"], *split(r["aliases"])]:
            assert value.casefold() not in seen, f"outlet name {value!r} repeated"
            seen.add(value.casefold())
    assert {"AFP", "Reuters", "Associated Press", "TASS", "Xinhua", "KCNA"} <= {r["name"] for r in rows}
    assert len(rows) >= 40
