"""A plan and the meeting held, linked on the pages and in the API, over a store of plans written by hand.

The store (``conftest.plans_results``) holds a visit planned for June 2019,
reported by two articles (20 and 21 June), and the visit held on 29 June;
and a visit reported cancelled on 24 May 2018 (no date of its own) and the
one held instead on 12 June.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from detente.cli import main
from detente.web.plans import chains, link_note
from tests.web.conftest import plans_results


def _text(html: str) -> str:
    """The page's text with tags dropped and spaces collapsed, for reading what a line says."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_api_timeline_carries_the_links_as_the_cli_prints_them(plans: TestClient, plans_db: Path) -> None:
    cli = CliRunner().invoke(main, ["timeline", "Trump", "Putin", "--db", str(plans_db), "--format", "jsonl"])
    assert cli.exit_code == 0, cli.output
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert {e["id"]: e["links"] for e in expected} == {
        "ev-off": [{"kind": "cancelled_plan_of", "event_id": "ev-instead", "date": "2018-06-12"}],
        "ev-instead": [{"kind": "rescheduled_from", "event_id": "ev-off", "date": None}],
        "ev-plan": [{"kind": "plan_of", "event_id": "ev-held", "date": "2019-06-29"}],
        "ev-held": [{"kind": "held_as", "event_id": "ev-plan", "date": "2019-06"}],
    }
    assert plans.get("/api/timeline", params={"a": "Trump", "b": "Putin"}).json()["events"] == expected
    lines = plans.get("/api/timeline", params={"a": "Putin", "b": "Trump", "format": "jsonl"}).text
    assert [json.loads(line) for line in lines.splitlines()] == expected


def test_api_event_detail_and_search_give_the_records_of_the_timeline(plans: TestClient) -> None:
    timeline = {e["id"]: e for e in plans.get("/api/timeline", params={"a": "Trump", "b": "Putin"}).json()["events"]}
    for event_id, record in timeline.items():
        assert plans.get(f"/api/events/{event_id}").json() == record
    found = plans.get("/api/events", params={"status": "planned,cancelled"}).json()["events"]
    assert [(e["id"], e["links"]) for e in found] == [(i, timeline[i]["links"]) for i in ("ev-plan", "ev-off")]  # undated last


def test_event_page_of_a_meeting_held_links_its_plan(plans: TestClient) -> None:
    page = plans.get("/events/ev-held").text
    [chain] = re.findall(r'<ul class="plans">(.*?)</ul>', page, re.S)
    assert _text(chain) == "Planned on 20 June 2019 (2 reports) for June 2019 → held on 29 June 2019"
    assert re.findall(r'href="([^"]+)"', chain) == ["/events/ev-plan"]  # the plan is a link, this event is not


def test_event_page_of_a_plan_links_the_meeting_held(plans: TestClient) -> None:
    [chain] = re.findall(r'<ul class="plans">(.*?)</ul>', plans.get("/events/ev-plan").text, re.S)
    assert _text(chain) == "Planned on 20 June 2019 (2 reports) for June 2019 → held on 29 June 2019"
    assert re.findall(r'href="([^"]+)"', chain) == ["/events/ev-held"]


def test_event_pages_of_a_cancelled_meeting_and_the_one_held_instead(plans: TestClient) -> None:
    told = "Cancelled on 24 May 2018 (1 report) → rescheduled and held on 12 June 2018"
    for event_id, other in (("ev-off", "/events/ev-instead"), ("ev-instead", "/events/ev-off")):
        [chain] = re.findall(r'<ul class="plans">(.*?)</ul>', plans.get(f"/events/{event_id}").text, re.S)
        assert _text(chain) == told
        assert re.findall(r'href="([^"]+)"', chain) == [other]


def test_an_event_without_links_shows_no_chain(tiny: TestClient) -> None:
    assert '<ul class="plans">' not in tiny.get("/events/ev-helsinki").text
    assert '<span class="links">' not in tiny.get("/dyad", params={"a": "Trump", "b": "Putin"}).text


def test_dyad_list_rows_tell_each_link_and_open_the_other_event(plans: TestClient) -> None:
    page = plans.get("/dyad", params={"a": "Trump", "b": "Putin"}).text
    rows = dict(re.findall(r'<li class="event" id="([^"]+)">(.*?)</li>', page, re.S))
    notes = {
        event_id: re.findall(r'<a href="(/events/[^"]+)">([^<]+)</a>', re.search(r'<span class="links">(.*?)</span>', row).group(1))
        for event_id, row in rows.items()
    }  # fmt: skip
    assert notes == {
        "ev-off": [("/events/ev-instead", "rescheduled, held on 12 June 2018")],
        "ev-instead": [("/events/ev-off", "after a cancelled plan")],
        "ev-held": [("/events/ev-plan", "planned for June 2019")],
        "ev-plan": [("/events/ev-held", "held on 29 June 2019")],
    }


@pytest.mark.parametrize(
    ("kind", "date", "note"),
    [
        ("plan_of", "2019-06-29", "held on 29 June 2019"),
        ("plan_of", None, "held, date unknown"),
        ("cancelled_plan_of", "2018-06", "rescheduled, held in June 2018"),
        ("held_as", "2019", "planned for 2019"),
        ("held_as", None, "planned, undated"),
        ("rescheduled_from", "2018-05-24", "after a cancelled plan for 24 May 2018"),
    ],
)
def test_a_link_note_tells_the_kind_and_date_as_precisely_as_given(kind: str, date: str | None, note: str) -> None:
    assert link_note({"kind": kind, "event_id": "ev-x", "date": date}) == note


def test_a_chain_whose_other_event_is_gone_is_told_from_the_link() -> None:
    held = plans_results()[2].events[0]
    held.links = [{"kind": "held_as", "event_id": "ev-gone", "date": "2019-06"}]
    [chain] = chains(held, {})
    assert (chain.plan.text, chain.plan.href) == ("Planned for June 2019", "/events/ev-gone")
    assert (chain.held.text, chain.held.href) == ("held on 29 June 2019", None)
