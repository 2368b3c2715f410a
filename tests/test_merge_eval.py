"""The merge evaluation: its counting rules, a tiny corpus end to end, and the shipped corpus's consistency."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

import detente
from detente import ontology
from detente.actors.kb import load_kb
from detente.merge_eval import check_corpus, evaluate_merge, format_report, read_jsonl, score
from detente.model import Actor, Event, Mention, TimeValue

MULTI = Path(detente.__file__).parent / "data" / "multi_outlet"
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
ERDOGAN = Actor("Q39259", "Recep Tayyip Erdoğan", "TUR", "GOV", "person")
PAIR = ["Vladimir Putin", "Recep Tayyip Erdoğan"]


# -- the shipped corpus ---------------------------------------------------------


def test_shipped_corpus_and_answers_are_consistent() -> None:
    assert check_corpus(MULTI) == []
    articles = {a["id"]: a for a in read_jsonl(MULTI / "articles.jsonl")}
    answers = read_jsonl(MULTI / "answers.key.json")
    assert 30 <= len(articles) <= 40 and 10 <= len(answers) <= 15
    listed = {ref["id"] for answer in answers for ref in answer["articles"]}
    assert listed == set(articles), "every article reports or mentions an event of the key"
    for article in articles.values():
        assert set(article) <= {"id", "title", "text", "url", "published", "outlet"}
        assert article["outlet"] and urlparse(article["url"]).hostname.endswith(".test")
        assert article.get("published") or "/20" in article["url"]


def test_answers_follow_the_schema_and_name_knowledge_base_people() -> None:
    names = {person.name for person in load_kb().people.values()}
    articles = {a["id"]: a for a in read_jsonl(MULTI / "articles.jsonl")}
    for answer in read_jsonl(MULTI / "answers.key.json"):
        assert set(answer) <= {"id", "label", "participants", "type", "mode", "status", "date", "planned_for",
                               "place", "articles"}  # fmt: skip
        assert answer["type"] in ontology.PLOVER_TYPES and answer["status"] in ontology.STATUSES
        assert answer["mode"] in ontology.CONSULT_MODE_CAMEO
        assert len(answer["date"]) == 10 and answer["place"]
        assert set(answer["participants"]) <= names
        for ref in answer["articles"]:
            if ref.get("copy_of"):
                original, copy = articles[ref["copy_of"]], articles[ref["id"]]
                assert original["outlet"] != copy["outlet"] and original["url"] != copy["url"]
                assert original["text"] != copy["text"], "a copy carries a small edit"
            published = articles[ref["id"]].get("published")
            if ref["role"] == "report" and published:
                gap = (_day(published) - _day(answer["date"])).days
                assert 0 <= gap <= 3, (answer["id"], ref["id"])


def _day(value: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(value)


def test_check_corpus_names_the_problems(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    bad = {"id": "e", "participants": PAIR, "type": "CONSULT", "status": "held", "date": "2021-9-29",
           "place": "Sochi", "articles": [{"id": "b", "role": "report"}]}  # fmt: skip
    (tmp_path / "answers.key.json").write_text(json.dumps(bad) + "\n")
    problems = check_corpus(tmp_path)
    assert any("status 'held'" in p for p in problems)
    assert any("2021-9-29" in p for p in problems)
    assert any("'b' is not in articles.jsonl" in p for p in problems)
    with pytest.raises(ValueError):
        evaluate_merge(tmp_path)


# -- counting rules on hand-made events ----------------------------------------------


def _event(id_: str, date: str | None, docs: list[str], status: str = "occurred", type_: str = "CONSULT",
           actors: tuple[Actor, ...] = (PUTIN, ERDOGAN)) -> Event:  # fmt: skip
    granularity = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    return Event(
        id=id_, type=type_, mode=None, cameo="040", quad_class=1, goldstein=1.0, status=status,
        source=list(actors), target=[], date=TimeValue(date, granularity, "text", "test"),
        mentions=[Mention(doc, "s", 0, 1) for doc in docs],
    )  # fmt: skip


def _answer(id_: str, date: str, refs: list[tuple[str, str]], status: str = "occurred") -> dict:  # type: ignore[type-arg]
    return {"id": id_, "participants": PAIR, "type": "CONSULT", "status": status, "date": date, "place": "Sochi",
            "articles": [{"id": d, "role": r} for d, r in refs]}  # fmt: skip


def test_score_counts_duplicates_coarse_dates_spurious_and_plans() -> None:
    answers = [
        _answer("held", "2021-09-29", [("a1", "report"), ("a2", "report"), ("a3", "passing"), ("p1", "planned")]),
        _answer("called-off", "2022-03-01", [("c1", "report")], status="cancelled"),
    ]
    events = [
        _event("e1", "2021-09-29", ["a1"]),  # the meeting
        _event("e2", "2021-09-29", ["a2"]),  # the same meeting, not merged
        _event("e3", "2021-09", ["a3"]),  # a passing reference, month only
        _event("e4", "2021-09-29", ["p1"], status="planned"),  # the plan, told before
        _event("e5", None, ["c1"], status="cancelled"),  # the called-off meeting, undated
        _event("e6", "2021-09-30", ["a2"]),  # a wrong day: spurious
        _event("e7", None, ["a1"], status="hypothetical"),  # a proposal the key does not list
        _event("e8", "2021-09-29", ["a1"], type_="AGREE"),  # another type: not counted
        _event("e9", "2021-09-29", ["a1"], actors=(PUTIN,)),  # one participant only: not counted
    ]
    result = score(events, answers)
    assert result["real_events"] == 2 and result["real_events_found"] == 2
    assert result["matched_stored_events"] == 5
    assert result["events_per_real_event"] == 2.5 and result["events_per_found_event"] == 2.5
    assert result["spurious_events"] == 1 and result["spurious"][0]["id"] == "e6"
    assert result["unmatched_other_status"] == 1
    # day-dated CONSULT: e1, e2, e4 right, e6 wrong; e3 (month) and e5 (undated) are not day predictions
    assert result["date"] == {"precision": 0.75, "recall": 0.5, "f1": 0.6, "predicted": 4, "correct": 3, "real": 2}
    assert result["status_accuracy"] == 1.0  # e4 is planned, as its only article was written before the meeting
    assert result["article_recall"]["all"] == 1.0
    held = result["events"][0]
    assert [row["id"] for row in held["stored"]] == ["e3", "e1", "e2", "e4"]
    assert held["missing_articles"] == []


def test_plans_count_as_linked_only_to_the_meeting_held_and_cancelled_ones_never() -> None:
    answers = [
        _answer("held", "2021-09-29", [("a1", "report"), ("p1", "planned"), ("p2", "planned")]),
        _answer("called-off", "2022-03-01", [("c1", "report")], status="cancelled"),
    ]
    held, plan, unlinked, called_off = (
        _event("e1", "2021-09-29", ["a1"]),
        _event("e2", "2021-09-29", ["p1"], status="planned"),
        _event("e3", "2021-09-29", ["p2"], status="hypothetical"),  # told before the meeting, coded otherwise
        _event("e4", None, ["c1"], status="cancelled"),
    )
    plan.links = [{"kind": "plan_of", "event_id": "e1", "date": "2021-09-29"}]
    result = score([held, plan, unlinked, called_off], answers)
    assert (result["plans_linked"], result["cancelled_linked"]) == ("1/2", "0/1")
    called_off.links = [{"kind": "cancelled_plan_of", "event_id": "e1", "date": "2021-09-29"}]
    assert score([held, plan, unlinked, called_off], answers)["cancelled_linked"] == "1/1"
    assert "plans linked to their held event 1/2" in format_report(result)


def test_an_ambiguous_coarse_date_goes_to_the_event_its_articles_report() -> None:
    answers = [_answer("first", "2021-12-07", [("x", "report")]), _answer("second", "2021-12-30", [("y", "report")])]
    result = score([_event("m", "2021-12", ["y"]), _event("n", "2021-12-07", ["y"])], answers)
    assert [[s["id"] for s in row["stored"]] for row in result["events"]] == [["n"], ["m"]]
    assert result["status_accuracy"] == 1.0
    assert result["events"][0]["missing_articles"] == ["x"]
    assert "articles not linked: x" in format_report(result, misses=True)


# -- a tiny corpus, end to end ------------------------------------------------------------

TINY_ARTICLES = [
    {"id": "t-1", "published": "2021-09-29", "outlet": "Wire A", "url": "https://wire-a.test/1",
     "text": "SOCHI, Russia – Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi "
             "on Wednesday.\nThe two leaders discussed Syria."},
    {"id": "t-2", "published": "2021-09-30", "outlet": "Paper B", "url": "https://paper-b.test/2",
     "text": "SOCHI, Russia – Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi "
             "on Wednesday.\nThe leaders discussed Syria."},
    {"id": "t-3", "published": "2022-08-06", "outlet": "Paper B", "url": "https://paper-b.test/3",
     "text": "ANKARA – Recep Tayyip Erdogan and Vladimir Putin held talks in Sochi on Friday."},
    {"id": "t-4", "published": "2022-08-03", "outlet": "Wire A", "url": "https://wire-a.test/4",
     "text": "Vladimir Putin will meet Recep Tayyip Erdogan in Sochi on Friday, the Kremlin said."},
]  # fmt: skip
TINY_ANSWERS = [
    {"id": "t-ev1", "participants": PAIR, "type": "CONSULT", "mode": "visit", "status": "occurred",
     "date": "2021-09-29", "place": "Sochi",
     "articles": [{"id": "t-1", "role": "report"}, {"id": "t-2", "role": "report", "copy_of": "t-1"}]},
    {"id": "t-ev2", "participants": PAIR, "type": "CONSULT", "mode": "visit", "status": "occurred",
     "date": "2022-08-05", "place": "Sochi",
     "articles": [{"id": "t-3", "role": "report"}, {"id": "t-4", "role": "planned"}]},
]  # fmt: skip


def test_evaluate_merge_on_a_tiny_corpus(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in TINY_ARTICLES))
    (tmp_path / "answers.key.json").write_text("".join(json.dumps(a) + "\n" for a in TINY_ANSWERS))
    result = evaluate_merge(tmp_path)
    assert result["articles_ingested"] == 4
    assert result["real_events"] == 2 and result["real_events_found"] == 2
    # the copy merges with its original; the plan told on Wednesday stays a second record of the Friday talks
    assert result["matched_stored_events"] == 3 and result["events_per_real_event"] == 1.5
    assert result["spurious_events"] == 0
    assert result["date"]["precision"] == 1.0 and result["date"]["recall"] == 1.0
    assert result["status_accuracy"] == 1.0
    assert result["syndicated_together"] == "1/1"
    first, second = result["events"]
    assert len(first["stored"]) == 1 and first["stored"][0]["articles"] == ["t-1", "t-2"]
    assert sorted(s["status"] for s in second["stored"]) == ["occurred", "planned"]
    assert "events per real event 1.500" in format_report(result, details=True)
