"""The brief: title, year sections, one footnote per mention, honest dates and statuses."""

from __future__ import annotations

import re

from detente.model import Actor, Event, Mention, Place, Quote, Speaker, TimeValue
from detente.report import write_brief

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV")


def mention(doc_id: str, start: int, *, url: str | None = "https://news.example/x") -> Mention:
    return Mention(
        doc_id=doc_id,
        sentence="The two leaders\nmet in Helsinki.",
        start=start,
        end=start + 30,
        url=url,
        outlet="Reuters",
        published="2018-07-17T09:00:00Z",
    )


def event(
    event_id: str,
    value: str | None,
    granularity: str | None,
    *,
    type_: str = "CONSULT",
    mode: str | None = "third-party",
    cameo: str = "044",
    quad_class: int = 1,
    status: str = "occurred",
    basis: str = "text",
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
    location: Place | None = None,
    mentions: list[Mention] | None = None,
    quotes: list[Quote] | None = None,
) -> Event:
    return Event(
        id=event_id,
        type=type_,
        mode=mode,
        cameo=cameo,
        quad_class=quad_class,
        goldstein=1.0,
        status=status,
        source=[TRUMP] if source is None else source,
        target=[PUTIN] if target is None else target,
        date=TimeValue(value, granularity, basis, "test"),
        location=location,
        quotes=quotes or [],
        mentions=mentions if mentions is not None else [mention(event_id, 0)],
    )


def story() -> list[Event]:
    return [
        event("e3", "2019-03", "month", type_="ACCUSE", mode=None, cameo="112", quad_class=3),
        event(
            "e1",
            "2018-07-16",
            "day",
            source=[TRUMP, PUTIN],
            target=[],
            location=Place("Helsinki", "FIN"),
            mentions=[mention("a1", 0), mention("a2", 100, url=None)],
            quotes=[
                Quote(
                    "a1",
                    40,
                    60,
                    "We had a direct dialogue",
                    speaker=Speaker("Trump", actor=TRUMP),
                    reported_by="AFP",
                )
            ],
        ),
        event("e2", "2018-11-30", "day", status="cancelled", location=Place("Buenos Aires")),
        event("e0", "2018-07-16", "day", type_="SUPPORT", mode="phone", cameo="051", quad_class=1),
    ]


def test_title_and_year_sections_in_date_order() -> None:
    text = write_brief(story(), "Trump", "Putin")
    assert text.startswith("# Trump and Putin: the relationship in 4 events\n")
    assert re.findall(r"^## (\d{4}|\w+)$", text, flags=re.M) == ["2018", "2019", "Sources"]
    lines = [line for line in text.splitlines() if line.startswith("**")]
    # same date: sorted by id (e0 before e1)
    assert lines[0].startswith("**16 July 2018** — Donald Trump praised Vladimir Putin (by phone).")
    assert lines[1].startswith("**16 July 2018** — Donald Trump and Vladimir Putin met in Helsinki.")
    assert "“We had a direct dialogue”, said Donald Trump, as reported by AFP." in lines[1]


def test_overview_counts_cooperation_and_conflict() -> None:
    overview = write_brief(story(), "Trump", "Putin").split("\n\n")[1]
    assert "4 events between Trump and Putin, from 16 July 2018 to March 2019" in overview
    assert "3 are cooperation (3 verbal, 0 material) and 1 conflict (1 verbal, 0 material)" in overview
    assert "The latest (March 2019): Donald Trump accused Vladimir Putin." in overview


def test_one_footnote_per_mention() -> None:
    events = story()
    text = write_brief(events, "Trump", "Putin")
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", text, flags=re.M)
    assert len(definitions) == sum(len(e.mentions) for e in events)
    markers = re.findall(r"\[\^(\d+)\](?!:)", text)
    assert sorted(set(markers), key=int) == [n for n, _ in definitions]
    assert "Reuters, published 2018-07-17, https://news.example/x: “The two leaders met in Helsinki.”" in text
    assert "Reuters, published 2018-07-17, no URL: " in text


def test_dates_no_more_precise_than_their_granularity() -> None:
    events = [
        event("m", "2018-07-16", "month"),
        event("y", "2018", "year"),
        event("p", "2018-07-17", "day", basis="publication"),
        event("u", None, None),
    ]
    text = write_brief(events, "Trump", "Putin")
    assert "**July 2018** — " in text
    assert "**2018** — " in text
    assert "16 July" not in text
    assert "**17 July 2018** (date from publication) — " in text
    assert "## Undated\n\n**Date unknown** — " in text


def test_planned_cancelled_hypothetical_and_negated_are_marked() -> None:
    events = [
        event("a", "2018-11-30", "day", status="cancelled", location=Place("Buenos Aires")),
        event("b", "2018-12", "month", status="planned", mode="visit", cameo="042"),
        event(
            "c", "2019", "year", status="hypothetical", mode="visit", cameo="042", location=Place("Moscow")
        ),
        event(
            "d", "2019-02", "month", status="negated", type_="SANCTION", mode=None, cameo="163", quad_class=4
        ),
    ]
    text = write_brief(events, "Trump", "Putin")
    assert "A planned meeting between Donald Trump and Vladimir Putin in Buenos Aires was cancelled." in text
    assert "Donald Trump was due to visit Vladimir Putin (planned, not yet held)." in text
    floated = "The idea that Donald Trump could visit Vladimir Putin in Moscow was floated"
    assert f"{floated} (hypothetical, not held)." in text
    assert "Donald Trump did not impose sanctions on Vladimir Putin." in text
    assert "4 events did not, or not yet, take place as described." in text


def test_every_plover_type_reads_as_a_sentence() -> None:
    types = "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST"
    types += " SANCTION MOBILIZE COERCE ASSAULT"
    events = [event(t, "2018", "year", type_=t, mode=None, cameo="") for t in types.split()]
    lines = [
        line for line in write_brief(events, "Trump", "Putin").splitlines() if line.startswith("**2018**")
    ]
    assert len(lines) == 16
    for line in lines:
        assert re.match(r"\*\*2018\*\* — Donald Trump [a-z].* Vladimir Putin\.\[\^\d+\]$", line), line


def test_empty_brief() -> None:
    assert (
        write_brief([], "Trump", "Putin")
        == "# Trump and Putin\n\nNo events between Trump and Putin in the store.\n"
    )


def test_a_group_without_target_acts_on_each_other_unless_the_verb_is_mutual() -> None:
    both = [TRUMP, PUTIN]
    events = [
        event("a", "2018", "year", source=both, target=[], type_="SUPPORT", mode=None, cameo="051"),
        event("b", "2018", "year", source=both, target=[], type_="AGREE", mode=None, cameo="030"),
    ]
    text = write_brief(events, "Trump", "Putin")
    assert "Donald Trump and Vladimir Putin praised each other." in text
    assert "Donald Trump and Vladimir Putin agreed to cooperate." in text


def test_reported_speech_is_not_put_in_quotation_marks() -> None:
    indirect = Quote(
        "a1", 0, 30, "he was glad to meet Trump.", speaker=Speaker("Putin", actor=PUTIN), direct=False
    )
    text = write_brief([event("a", "2017-07-07", "day", quotes=[indirect])], "Trump", "Putin")
    assert "met Vladimir Putin. Vladimir Putin said he was glad to meet Trump.[^1]" in text
    assert "“he was glad" not in text


def test_overview_of_a_single_date_names_it_once() -> None:
    text = write_brief([event("a", "2017-03-31", "day")], "Trump", "Putin")
    assert "1 event between Trump and Putin, all dated 31 March 2017." in text
    assert "The only dated event (31 March 2017): Donald Trump met Vladimir Putin." in text


# -- the overview: meetings and calls, tone and trend, the chart ---------------


def toned(event_id: str, value: str, goldstein: float, quad_class: int, **kwargs) -> Event:  # type: ignore[no-untyped-def]
    granularity = {4: "year", 7: "month", 10: "day"}[len(value)]
    made = event(event_id, value, granularity, quad_class=quad_class, **kwargs)
    made.goldstein = goldstein
    return made


def overview_of(events: list[Event], **kwargs) -> str:  # type: ignore[no-untyped-def]
    return write_brief(events, "Trump", "Putin", **kwargs).split("\n\n")[1]


def test_overview_counts_meetings_and_calls_that_took_place() -> None:
    events = [
        event("m1", "2018-07-16", "day", mode="third-party"),
        event("m2", "2019-06-28", "day", mode="multilateral"),
        event("m3", "2017-07", "month", mode="visit", cameo="042"),
        event("c1", "2018-03-20", "day", mode="phone", cameo="041"),
        event("t1", "2018-04", "month", mode=None, cameo="040"),
        event("x1", "2018-11-30", "day", status="cancelled"),
        event("x2", "2019-02", "month", status="planned", mode="visit", cameo="042"),
        event("s1", "2018-07-16", "day", type_="SUPPORT", mode="phone", cameo="051"),
    ]
    text = overview_of(events)
    assert (
        "The record shows 3 meetings and 1 phone call between Trump and Putin, and 1 other contact"
        " (talks or discussions) whose form the report does not state; 2 more meetings or calls did not,"
        " or not yet, take place (1 cancelled, 1 planned)." in text
    )


def test_overview_without_contacts_says_so_from_the_record() -> None:
    text = overview_of([event("a", "2019-03", "month", type_="ACCUSE", mode=None, cameo="112", quad_class=3)])
    assert "The record shows no meeting and no phone call between Trump and Putin." in text
    only_planned = overview_of([event("p", "2019-03", "month", status="planned")])
    assert "no phone call between Trump and Putin; 1 meeting or call did not, or not yet" in only_planned
    assert "None of the events took place as described, so the record gives no tone." in only_planned


def test_overview_tone_counts_only_events_that_took_place() -> None:
    events = [
        toned("a", "2018-01-10", 4.0, 1),
        toned("b", "2018-02", 7.0, 2),
        toned("c", "2018-03-01", -2.0, 3, type_="ACCUSE", mode=None, cameo="112"),
        toned("d", "2018-04", -10.0, 4, type_="ASSAULT", mode=None, cameo="190", status="negated"),
    ]
    text = overview_of(events)
    assert "Of the 3 events that took place, 2 (67%) were cooperative and 1 (33%) conflictual;" in text
    assert "their mean Goldstein score is +3.0 (on a scale from -10, most conflictual, to +10" in text


def test_overview_trend_compares_the_halves_of_the_span() -> None:
    events = [
        toned("a", "2018-01-10", 4.0, 1),
        toned("b", "2018-03", 2.0, 1),
        toned("c", "2018-12-20", -4.0, 3, type_="ACCUSE", mode=None, cameo="112"),
        toned("d", "2019-01", -6.0, 4, type_="SANCTION", mode=None, cameo="163"),
        toned("y", "2018", 7.0, 2),
        # did not happen: no weight in the trend, and not stretching the span of it
        toned("p", "2021-05", 7.0, 2, status="planned"),
    ]
    text = overview_of(events)
    assert (
        "Over the span, the tone turned more conflictual: the mean Goldstein score went from +3.0"
        " in the first half (2 events, 10 January 2018 to March 2018) to -5.0 in the second"
        " (2 events, 20 December 2018 to January 2019)." in text
    )
    assert "1 event dated only to a year is left out of this comparison." in text
    warmer = [toned("a", "2018-01", -4.0, 3), toned("b", "2018-02", -2.0, 3), toned("c", "2018-12", 3.0, 1)]
    assert "the tone turned more cooperative: the mean Goldstein score went from -3.0" in overview_of(warmer)
    steady = [toned("a", "2018-01", 1.0, 1), toned("b", "2018-12", 1.5, 1)]
    assert "Over the span, the tone changed little: the mean Goldstein score went from +1.0" in overview_of(
        steady
    )


def test_no_trend_without_two_dates() -> None:
    same_day = [toned("a", "2018-01-10", 4.0, 1), toned("b", "2018-01-10", 1.0, 1)]
    assert "Over the span" not in overview_of(same_day)
    assert "Over the span" not in overview_of([toned("a", "2018", 4.0, 1), toned("b", "2019", 1.0, 1)])


def test_chart_is_linked_below_the_overview_when_given() -> None:
    text = write_brief(story(), "Trump", "Putin", chart="charts/trump-putin.svg")
    blocks = text.split("\n\n")
    assert (
        blocks[2] == "![Events per month and their Goldstein score, Trump and Putin](charts/trump-putin.svg)"
    )
    assert "![" not in write_brief(story(), "Trump", "Putin")
    assert write_brief([], "Trump", "Putin", chart="x.png") == write_brief([], "Trump", "Putin")


def test_text_from_articles_is_inert_markdown() -> None:
    hostile = Mention(
        doc_id="x",
        sentence="Putin <script>alert(1)</script> met [Trump](javascript:alert(1)).",
        start=0,
        end=60,
        url="javascript:alert(1)",
        outlet="<b>Daily</b>",
        published="2018-07-17",
    )
    said = Quote("x", 0, 20, "<img src=x onerror=alert(1)>", speaker=Speaker("<i>Putin</i>"), reported_by="[AFP](http://x)")
    text = write_brief([event("h", "2018-07-16", "day", mentions=[hostile], quotes=[said])], "Trump", "Putin")
    assert "<" not in text and not re.search(r"(?<!\\)\]\(", text)  # no tag, no unescaped link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "\\[Trump\\]" in text
    assert "&lt;b&gt;Daily&lt;/b&gt;" in text and "said &lt;i&gt;Putin&lt;/i&gt;" in text
