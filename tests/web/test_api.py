"""The JSON API: the CLI's records, every filter, the evidence of one event, and errors that say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from detente.cli import main
from detente.web import create_app


def test_timeline_gives_the_records_of_the_cli(demo: TestClient, demo_db: Path) -> None:
    cli = CliRunner().invoke(main, ["timeline", "Trump", "Putin", "--db", str(demo_db), "--format", "jsonl"])
    assert cli.exit_code == 0, cli.output
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    answer = demo.get("/api/timeline", params={"a": "Trump", "b": "Putin"}).json()
    assert answer["a"] == "Donald Trump" and answer["b"] == "Vladimir Putin"
    assert answer["count"] == len(expected) > 20
    assert answer["events"] == expected
    lines = demo.get("/api/timeline", params={"a": "Trump", "b": "Putin", "format": "jsonl"})
    assert lines.headers["content-type"] == "application/x-ndjson"
    assert [json.loads(line) for line in lines.text.splitlines()] == expected


def test_timeline_filters_as_the_cli_does(tiny: TestClient) -> None:
    events = tiny.get("/api/timeline", params={"a": "Putin", "b": "Trump", "since": "2018-08", "type": "accuse,sanction"}).json()
    assert [e["id"] for e in events["events"]] == ["ev-accuse", "ev-sanction"]


def test_actor_search_gives_knowledge_base_entries(tiny: TestClient) -> None:
    found = tiny.get("/api/actors", params={"q": "Putin"}).json()["actors"]
    putin = found[0]
    assert putin["id"] == "Q7747" and putin["kind"] == "person" and putin["country"] == "RUS"
    assert "Putin" in putin["aliases"]
    assert any(term["title"] and term["country"] == "RUS" for term in putin["offices"])
    states = tiny.get("/api/actors", params={"q": "Russia"}).json()["actors"]
    assert states[0]["id"] == "RUS" and states[0]["kind"] == "state"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ({}, ["ev-helsinki", "ev-hostile", "ev-accuse", "ev-aid", "ev-sanction", "ev-undated"]),
        ({"type": "CONSULT"}, ["ev-helsinki", "ev-hostile", "ev-undated"]),
        ({"quad_class": "3,4"}, ["ev-accuse", "ev-sanction"]),
        ({"status": "planned,hypothetical"}, ["ev-sanction", "ev-undated"]),
        ({"since": "2018-08", "until": "2018-12-31"}, ["ev-accuse", "ev-aid"]),
        ({"place": "helsin"}, ["ev-helsinki"]),
        ({"place": "fin"}, ["ev-helsinki"]),
        ({"q": "MEDDLING"}, ["ev-accuse", "ev-sanction"]),
        ({"actor": "Joe Mbanda"}, ["ev-aid"]),
        ({"actor": "unknown:Joe Mbanda"}, ["ev-aid"]),
        ({"actor": "Zambia"}, ["ev-aid"]),
        ({"actor": "Trump", "type": "CONSULT", "status": "occurred"}, ["ev-helsinki", "ev-hostile"]),
        ({"order": "latest", "limit": "2"}, ["ev-sanction", "ev-aid"]),
    ],
)
def test_event_search_filters(tiny: TestClient, query: dict[str, str], ids: list[str]) -> None:
    answer = tiny.get("/api/events", params=query)
    assert answer.status_code == 200, answer.text
    assert [e["id"] for e in answer.json()["events"]] == ids


def test_event_search_pages(tiny: TestClient) -> None:
    page = tiny.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 6 and page["limit"] == 2 and page["offset"] == 2
    assert [e["id"] for e in page["events"]] == ["ev-accuse", "ev-aid"]


def test_event_detail_has_evidence_offsets_quotes_and_sources(tiny: TestClient) -> None:
    event = tiny.get("/api/events/ev-helsinki").json()
    mention = event["mentions"][0]
    assert mention["sentence"] == "Trump met Putin in Helsinki on Monday."
    assert (mention["start"], mention["end"]) == (0, 38)
    assert mention["trigger"] == {"text": "met", "start": 6, "end": 9}
    assert mention["url"] == "https://news.example/a1"
    assert event["quotes"][0]["text"] == "We had a good dialogue"
    assert event["sources"] == 1
    assert tiny.get("/api/events/ev-nothing").status_code == 404


def test_relation_index(tiny: TestClient) -> None:
    answer = tiny.get("/api/relation", params={"a": "Trump", "b": "Putin"}).json()
    months = {m["month"]: m for m in answer["months"]}
    assert list(months) == ["2018-07", "2018-08"]
    assert months["2018-07"]["verbal_cooperation"] == 2 and months["2018-07"]["mean"] == 1.0
    assert months["2018-08"]["verbal_conflict"] == 1 and months["2018-08"]["score"] == -2.0
    assert answer["left_out"]["not_occurred"] == {"hypothetical": 1, "planned": 1}


def test_brief_is_markdown(tiny: TestClient) -> None:
    answer = tiny.get("/api/brief", params={"a": "Trump", "b": "Putin"})
    assert answer.headers["content-type"].startswith("text/markdown")
    assert answer.text.startswith("# Donald Trump and Vladimir Putin")
    assert "Trump met Putin in Helsinki on Monday." in answer.text


def test_pairs_count_what_their_timeline_shows(tiny: TestClient) -> None:
    pairs = tiny.get("/api/pairs").json()
    top = pairs[0]
    assert {a["name"] for a in top["actors"]} == {"Donald Trump", "Vladimir Putin"}
    timeline = tiny.get("/api/timeline", params={"a": top["actors"][0]["id"], "b": top["actors"][1]["id"]}).json()
    assert top["events"] == timeline["count"] == 5


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?offset=100000000000000000000", "offset"),
        ("/api/events?since=2018-13-01", "since"),
        ("/api/events?since=20180716", "since"),
        ("/api/events?since=2019&until=2018", "after"),
        ("/api/events?type=MEET", "MEET"),
        ("/api/events?quad_class=5", "quad_class"),
        ("/api/events?status=maybe", "status"),
        ("/api/events?order=random", "order"),
        ("/api/events?q=" + "x" * 300, "q"),
        ("/api/events?q=a%00b", "q"),
        ("/api/timeline?a=Trump", "b"),
        ("/api/timeline?a=Trump&b=%20", "b"),
        ("/api/timeline?a=Trump&b=Putin&format=xml", "format"),
        ("/api/actors?q=", "q"),
    ],
)
def test_bad_parameters_are_400_with_a_message(tiny: TestClient, url: str, says: str) -> None:
    answer = tiny.get(url)
    assert answer.status_code == 400, answer.text
    assert says in answer.json()["error"]
    assert "Traceback" not in answer.text


def test_unknown_actor_is_404_with_the_closest_names(tiny: TestClient) -> None:
    answer = tiny.get("/api/timeline", params={"a": "Trump", "b": "Putn"})
    assert answer.status_code == 404
    assert "Putin" in answer.json()["closest"]
    assert answer.json()["error"].startswith("b: no actor called 'Putn'")


def test_injection_attempts_are_only_text(tiny: TestClient) -> None:
    for value in ("' OR 1=1 --", "x'); DROP TABLE events; --"):
        assert tiny.get("/api/events", params={"q": value}).json()["total"] == 0
        assert tiny.get("/api/events", params={"place": value}).json()["total"] == 0
    assert tiny.get("/api/events").json()["total"] == 6


def test_openapi_docs_are_served_without_network(tiny: TestClient) -> None:
    docs = tiny.get("/docs")
    assert docs.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text and "cdn." not in docs.text
    assert tiny.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = tiny.get("/openapi.json").json()["paths"]
    assert {"/api/actors", "/api/timeline", "/api/events", "/api/events/{event_id}", "/api/relation", "/api/brief"} <= set(paths)
    assert "/dyad" not in paths


def test_an_unexpected_error_is_a_plain_500(tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from detente.web.reads import Reader

    def broken(self: Reader, limit: int) -> None:
        raise RuntimeError("a bug with a secret path /etc/passwd")

    monkeypatch.setattr(Reader, "pairs", broken)
    client = TestClient(create_app(tiny_db), raise_server_exceptions=False)
    answer = client.get("/api/pairs")
    assert answer.status_code == 500
    assert answer.json() == {"error": "an internal error occurred; it has been logged on the server"}
    page = client.get("/")
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text
