"""The HTML pages: what each shows, escaping of article text, and nothing fetched from elsewhere."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import HOSTILE

PAGES = ["/", "/search?q=Putin", "/dyad?a=Trump&b=Putin", "/events", "/events/ev-helsinki", "/actor?name=Putin",
         "/events/ev-hostile", "/search?q=script"]  # fmt: skip


def test_home_shows_the_busiest_pair_and_the_latest_events(tiny: TestClient) -> None:
    page = tiny.get("/").text
    assert 'action="/search"' in page and 'action="/dyad"' in page
    assert re.search(r"Donald Trump</a> and <a [^>]+>Vladimir Putin</a></td>\s*<td class=\"n\">5</td>", page)
    latest = re.findall(r'<a class="what" href="/events/([^"]+)"', page)
    assert latest[:2] == ["ev-sanction", "ev-aid"]


def test_dyad_page_draws_one_dot_per_dated_event(tiny: TestClient) -> None:
    page = tiny.get("/dyad", params={"a": "Trump", "b": "Putin"}).text
    events = tiny.get("/api/timeline", params={"a": "Trump", "b": "Putin"}).json()["events"]
    dated = [e["id"] for e in events if e["date"]["value"]]
    assert re.findall(r'<a href="/events/[^"]+" class="pt [^"]*" data-id="([^"]+)"', page) == dated
    assert "1 undated event is not drawn" in page
    assert page.count('<li class="event"') == len(events)
    assert '<polyline class="mean"' in page
    assert '<script src="/static/timeline.js' in page


def test_dyad_page_keeps_its_filters(tiny: TestClient) -> None:
    page = tiny.get("/dyad", params={"a": "Trump", "b": "Putin", "type": "accuse"}).text
    assert page.count('<li class="event"') == 1 and 'value="ACCUSE"' in page


def test_event_page_highlights_the_trigger_and_links_the_article(tiny: TestClient) -> None:
    page = tiny.get("/events/ev-helsinki").text
    assert "Trump <mark>met</mark> Putin in Helsinki on Monday." in page
    assert '<a href="https://news.example/a1" rel="noopener noreferrer nofollow">Trump and Putin meet in Helsinki</a>' in page
    assert "characters 0–38" in page
    assert "We had a good dialogue" in page and "as reported by AFP" in page


def test_article_text_is_escaped_and_unsafe_links_are_not_links(tiny: TestClient) -> None:
    page = tiny.get("/events/ev-hostile").text
    assert "<script>alert" not in page and "<b>Trump</b>" not in page and "<i>Evil</i>" not in page
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt; <mark>met</mark> &lt;b&gt;Trump&lt;/b&gt;" in page
    assert "javascript:" not in page
    assert "<img" not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    dyad = tiny.get("/dyad", params={"a": "Trump", "b": "Putin"}).text
    assert HOSTILE not in dyad and "&lt;script&gt;" in dyad


def test_actor_page_shows_the_entry_counterparts_and_events(tiny: TestClient) -> None:
    page = tiny.get("/actor", params={"name": "Putin"}).text
    assert "<h1>Vladimir Putin</h1>" in page and "President" in page
    assert re.search(r">Donald Trump</a>.*?<td class=\"n\">5</td>", page, re.S)
    assert ">Joe Mbanda</a>" in page
    stored_only = tiny.get("/actor", params={"name": "unknown:Joe Mbanda"})
    assert stored_only.status_code == 200 and "<h1>Joe Mbanda</h1>" in stored_only.text


def test_event_search_page_filters_and_pages(tiny: TestClient) -> None:
    page = tiny.get("/events", params={"quad_class": "3", "place": ""}).text
    assert page.count('<li class="event"') == 1 and '<option value="3" selected>' in page


def test_search_finds_actors_and_words(tiny: TestClient) -> None:
    page = tiny.get("/search", params={"q": "meddling"}).text
    assert "2 events" in page
    page = tiny.get("/search", params={"q": "Putin"}).text
    assert 'href="/actor?name=Q7747">Vladimir Putin</a>' in page


def test_an_unknown_actor_page_offers_the_closest_names(tiny: TestClient) -> None:
    page = tiny.get("/dyad", params={"a": "Trump", "b": "Putn"})
    assert page.status_code == 404
    assert 'href="http://testserver/dyad?a=Trump&amp;b=Putin">Putin</a>' in page.text


@pytest.mark.parametrize("url", ["/dyad?a=Trump", "/dyad?a=Trump&b=Putin&since=yesterday", "/events?page=0",
                                 "/events?quad_class=9", "/actor"])  # fmt: skip
def test_bad_page_parameters_are_400_pages(tiny: TestClient, url: str) -> None:
    page = tiny.get(url)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "Check the request" in page.text and "Traceback" not in page.text


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_nothing_from_elsewhere(tiny: TestClient, url: str) -> None:
    page = tiny.get(url)
    assert page.status_code == 200, url
    assert not re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', page.text)
    assert '<meta name="viewport"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_static_files_are_served(tiny: TestClient) -> None:
    assert "getBoundingClientRect" in tiny.get("/static/timeline.js").text
    assert "@media" in tiny.get("/static/style.css").text
