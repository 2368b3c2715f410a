"""The JSON API against its own OpenAPI schema, with requests Schemathesis makes from that schema.

Every operation of ``/openapi.json`` is called with generated parameters, on
a store holding markup, an unknown actor and every event status: requests
the schema allows (positive) and requests that break it (negative: wrong
types, lengths past the bounds, numbers out of range, missing parameters).
Every answer must be no 5xx, have a status and content type the schema
declares for it, and a body valid against the declared model; an invalid
request must get a 4xx. So a client generated from the published schema can
read every answer, errors included.

Schemathesis's check that every request the schema allows is accepted is
left out on purpose: some rules cannot be said in JSON Schema (a real
calendar day, ``since`` not after ``until``, a name that is not only
spaces), and the API refuses a request that breaks one with a 400 naming
the rule (``tests/web/test_params.py``).

Generated names seldom resolve to stored actors, so the last test calls the
requests that do reach stored events, and checks their answers the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import given
from schemathesis import BaseSchema, GenerationMode, checks
from schemathesis.config import SchemathesisConfig

from detente.web import create_app
from tests.fuzz.profiles import budget
from tests.helpers import stored
from tests.web.conftest import tiny_results

NOT_STATEABLE = [checks.positive_data_acceptance]
"""Checks left out (see the module's docstring)."""
REFUSALS = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": [400, 404, 414]}}})
"""How the API refuses a request that breaks the schema: a bad parameter, an unknown name, a query string past its limit."""


OPERATIONS = ["/api/actors", "/api/timeline", "/api/events", "/api/events/{event_id}", "/api/relation", "/api/brief",
              "/api/pairs"]  # fmt: skip


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseSchema]:
    """The schema of an app over the tiny store, which Schemathesis calls in process (ASGI).

    Schemathesis does not run the app's lifespan, so the store is closed here, as the server's shutdown does.
    """
    app = create_app(stored(tmp_path_factory.mktemp("api"), tiny_results()), cache_bytes=0)
    yield schemathesis.openapi.from_asgi("/openapi.json", app, config=REFUSALS)
    app.state.detente.access.close()


def test_every_operation_is_fuzzed(api: BaseSchema) -> None:
    assert sorted(api.raw_schema["paths"]) == sorted(OPERATIONS)


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
@pytest.mark.parametrize("path", OPERATIONS)
def test_every_answer_to_a_generated_request_matches_the_schema(api: BaseSchema, path: str, mode: GenerationMode) -> None:
    """Valid requests (positive) and requests that break the schema (negative): the latter must get a 4xx."""

    @budget(ci=30, long=5_000)
    @given(case=api[path]["GET"].as_strategy(generation_mode=mode))
    def answer_matches(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=NOT_STATEABLE)

    answer_matches()


STORED = [
    ("/api/timeline", {"a": "Trump", "b": "Putin"}),
    ("/api/timeline", {"a": "Putin", "b": "Joe Mbanda", "format": "jsonl"}),
    ("/api/events", {}),
    ("/api/events", {"actor": "Trump", "status": "planned,hypothetical", "order": "latest", "limit": "2"}),
    ("/api/relation", {"a": "Trump", "b": "Putin", "since": "2018"}),
    ("/api/brief", {"a": "Trump", "b": "Putin"}),
    ("/api/pairs", {}),
    ("/api/actors", {"q": "Putin"}),
]


def test_answers_about_stored_events_match_the_schema(api: BaseSchema) -> None:
    for path, query in STORED:
        answer = api[path]["GET"].Case(query=query).call_and_validate(excluded_checks=NOT_STATEABLE)
        assert answer.status_code == 200, (path, query, answer.text)
    detail = api["/api/events/{event_id}"]["GET"]
    for result in tiny_results():
        for event in result.events:
            answer = detail.Case(path_parameters={"event_id": event.id}).call_and_validate()
            assert answer.json()["id"] == event.id
