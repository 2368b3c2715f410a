"""The pages in a real browser: Debian's headless Chromium driven by Playwright, over the demo store.

The browser is /usr/bin/chromium (``make setup`` installs it; never
``playwright install``). Where it is missing the tests skip, except under CI,
where its absence is a failure: CI's set-up installs it, so a skip there
would hide a broken set-up. ``DETENTE_SCREENSHOTS=docs/screenshots`` saves
the screenshots shown in the README.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from detente.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found (make setup installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run the browser tests")
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    """The app over the demo store."""
    with _serve(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def plans_server(plans_db: Path) -> Iterator[str]:
    """The app over the store of plans and meetings held (``conftest.plans_results``)."""
    with _serve(plans_db) as url:
        yield url


@contextmanager
def _serve(db: Path) -> Iterator[str]:
    """The app under uvicorn in a thread, on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    with _open(browser, server) as opened:
        yield opened


@pytest.fixture
def plans_page(browser: Any, plans_server: str) -> Iterator[Any]:
    with _open(browser, plans_server) as opened:
        yield opened


@contextmanager
def _open(browser: Any, server: str) -> Iterator[Any]:
    """A page of a fresh context that fails the test if it fetched from elsewhere or met a script error."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    opened.on("request", lambda request: None if request.url.startswith(server) else outside.append(request.url))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not outside, f"the page fetched from elsewhere: {outside}"
    assert not errors, f"errors in the browser (a script error, a blocked resource): {errors}"


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("DETENTE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_dyad_chart_draws_every_dated_event_and_opens_one(page: Any, server: str) -> None:
    query = "a=Trump&b=Putin"
    events = page.request.get(f"{server}/api/timeline?{query}").json()["events"]
    dated = [e for e in events if e["date"]["value"]]
    page.goto(f"{server}/dyad?{query}")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.locator("#timeline .pt").count() == len(dated) > 20
    assert page.get_attribute("#timeline", "data-ready") == str(len(dated))
    assert page.locator("li.event").count() == len(events)

    target = max((e for e in dated if e["status"] == "occurred"), key=lambda e: (len(e["mentions"]), e["id"]))
    point = page.locator(f'#timeline .pt[data-id="{target["id"]}"]')
    point.hover()
    card = page.locator("#timeline .card")
    assert card.is_visible()
    assert target["mentions"][0]["sentence"][:40] in " ".join(card.inner_text().split())
    _shot(page, "dyad")

    point.click()
    page.wait_for_url(f"**/events/{target['id']}")
    sentences = page.locator("blockquote.sentence")
    assert sentences.count() == len(target["mentions"]) > 1
    for n, mention in enumerate(target["mentions"]):
        assert " ".join(sentences.nth(n).inner_text().split()) == " ".join(mention["sentence"].split())
        if mention["trigger"]:
            assert sentences.nth(n).locator("mark").inner_text() == mention["trigger"]["text"]
    _shot(page, "event")


def test_hover_card_tells_the_plan_and_the_meeting_held(plans_page: Any, plans_server: str) -> None:
    page = plans_page
    page.goto(f"{plans_server}/dyad?a=Trump&b=Putin")
    page.wait_for_selector("#timeline[data-ready]")
    card = page.locator("#timeline .card")
    page.locator('#timeline .pt[data-id="ev-plan"]').hover()
    assert card.locator(".links").inner_text() == "held on 29 June 2019"
    page.locator('#timeline .pt[data-id="ev-held"]').hover()
    assert card.locator(".links").inner_text() == "planned for June 2019"
    page.click('li.event#ev-held .links a')
    page.wait_for_url("**/events/ev-plan")
    assert " ".join(page.locator("ul.plans").inner_text().split()) == (
        "Planned on 20 June 2019 (2 reports) for June 2019 → held on 29 June 2019"
    )
    page.click("ul.plans a")
    page.wait_for_url("**/events/ev-held")


def test_home_page_searches_and_links(page: Any, server: str) -> None:
    page.goto(server)
    _shot(page, "home")
    page.fill("form.dyad-form input[name=a]", "Biden")
    page.fill("form.dyad-form input[name=b]", "Xi Jinping")
    page.click("form.dyad-form button")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.locator("h1").inner_text() == "Joe Biden and Xi Jinping"


def test_pages_fit_a_phone_screen(browser: Any, server: str, demo_db: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    event_id = phone.request.get(f"{server}/api/events?limit=1").json()["events"][0]["id"]
    for path in ("/", "/dyad?a=Trump&b=Putin", f"/events/{event_id}", "/actor?name=Putin", "/events"):
        phone.goto(server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"
    context.close()


def test_api_docs_work_offline(page: Any, server: str) -> None:
    page.goto(f"{server}/docs")
    page.wait_for_selector('.opblock-summary-path[data-path="/api/timeline"]')
    assert page.locator(".opblock").count() >= 6
