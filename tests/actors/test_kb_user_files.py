"""A user's knowledge-base files (``--actors``): merged over the shipped base, or rejected whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from detente.actors.kb import load_kb
from detente.actors.kb_schema import KnowledgeBaseError
from detente.actors.lookup import resolve

STATES = "iso3,name,aliases,demonyms,metonyms,capital,lat,lon\nXFD,Freedonia,,Freedonian,,Fredville,10.00,20.00\n"
PEOPLE = "id,name,aliases,gender,country,wikidata\nrufus-firefly,Rufus T. Firefly,Firefly,m,XFD,\n"
OFFICES = "person_id,country,office,title,sector,start,end,leader\nrufus-firefly,XFD,president,President,GOV,2020-01-01,,1\n"


def _write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_user_files_add_states_people_and_offices(tmp_path: Path, nlp: Language) -> None:
    folder = _write(tmp_path / "kb", states=STATES, people=PEOPLE, offices=OFFICES)
    kb = load_kb((str(folder),))
    answers = resolve("the Freedonian president", "2021-05-01", kb)
    assert [a.actor.name for a in answers] == ["Rufus T. Firefly"]
    named = resolve("Firefly", "2021-05-01", kb)
    assert [(a.actor.id, a.actor.country) for a in named] == [("rufus-firefly", "XFD")]
    assert "rufus-firefly" not in load_kb().people


def test_a_user_row_replaces_the_shipped_row_with_the_same_key(tmp_path: Path) -> None:
    shipped = load_kb()
    putin_term = next(o for o in shipped.people["Q7747"].offices if o.office == "president" and o.end is None)
    row = (f"person_id,country,office,title,sector,start,end,leader\n"
           f"Q7747,RUS,president,President,GOV,{putin_term.start},2030-01-01,1\n")  # fmt: skip
    kb = load_kb((str(_write(tmp_path, offices=row) / "offices.csv"),))
    terms = [o for o in kb.people["Q7747"].offices if o.office == "president" and o.start == putin_term.start]
    assert [t.end for t in terms] == ["2030-01-01"]


@pytest.mark.parametrize(
    ("files", "where", "field"),
    [
        ({"offices": OFFICES.replace("2020-01-01", "2020-13-01")}, "offices.csv:2", "start"),
        ({"offices": OFFICES.replace(",1\n", ",yes\n")}, "offices.csv:2", "leader"),
        ({"offices": OFFICES.replace(",GOV,2020-01-01,,", ",GOV,2020-01-01,2019-01-01,")}, "offices.csv:2", "end"),
        ({"people": PEOPLE.replace(",m,", ",x,")}, "people.csv:2", "gender"),
        ({"people": PEOPLE.replace("rufus-firefly,Rufus", "Rufus Firefly,Rufus")}, "people.csv:2", "id"),
        ({"states": STATES.replace("XFD,", "xf,", 1)}, "states.csv:2", "iso3"),
        ({"states": STATES.replace(",10.00,", ",100.00,")}, "states.csv:2", "lat"),
        ({"people": PEOPLE.replace(",XFD,", ",ZZZ,")}, "people.csv:2", "country"),
        ({"people": PEOPLE.replace("rufus-firefly", "groucho"), "offices": OFFICES}, "offices.csv:2", "person_id"),
    ],
)
def test_a_bad_row_names_file_line_and_field_and_nothing_is_loaded(
    tmp_path: Path, files: dict[str, str], where: str, field: str
) -> None:
    folder = _write(tmp_path / "kb", **{"states": STATES, "people": PEOPLE, **files})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_kb((str(folder),))
    message = str(caught.value)
    assert where in message and f"field '{field}'" in message, message


def test_a_file_of_no_known_table_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("who,what\nme,this\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"mine\.csv: header"):
        load_kb((str(path),))


def test_a_missing_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="no such actors file"):
        load_kb((str(tmp_path / "absent.csv"),))
