"""Merging inside an article: one event per thing that happened, apart what differs."""

from __future__ import annotations

from detente.events.code import EventMention
from detente.merge import dates_fit, event_id, merge_in_article, participants_key
from detente.model import Actor, Article, Place, Span, TimeValue

TRUMP = Actor("Q22686", "Donald Trump", "USA", "GOV", "person")
PUTIN = Actor("Q7747", "Vladimir Putin", "RUS", "GOV", "person")
ARTICLE = Article("a1", "text", url="https://example.com/a1", outlet="Example Wire", published="2021-06-15")


def _mention(type_: str = "CONSULT", date: str | None = "2018", start: int = 0, source=None, target=None,
             status: str = "occurred", lemma: str = "meet", content=("meet",), place: Place | None = None,
             mode: str | None = None) -> EventMention:  # fmt: skip
    granularity = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    return EventMention(
        type=type_, mode=mode, cameo="040" if type_ == "CONSULT" else "051", status=status, status_reason="",
        source=source if source is not None else [TRUMP], target=target if target is not None else [PUTIN],
        date=TimeValue(date, granularity, "text", "test"), location=place,
        sentence=Span(f"sentence {start}", start, start + 10), trigger=Span(lemma, start, start + 3),
        lemma=lemma, content=frozenset(content), confidence=0.6,
    )  # fmt: skip


def test_a_year_fits_a_month_of_it_but_not_another_year() -> None:
    assert dates_fit(TimeValue("2018", "year", "text", ""), TimeValue("2018-07", "month", "text", ""))
    assert not dates_fit(TimeValue("2018", "year", "text", ""), TimeValue("2019-07", "month", "text", ""))
    assert not dates_fit(TimeValue(None, None, "publication", ""), TimeValue("2019", "year", "text", ""))


def test_a_meeting_told_twice_is_one_event_with_two_mentions_and_the_finer_date() -> None:
    helsinki = Place("Helsinki", "FIN", 60.17, 24.94)
    events = merge_in_article([
        _mention(date="2018-07", start=0, place=helsinki, mode="third-party"),
        _mention(date="2018", start=100, source=[PUTIN, TRUMP], target=[]),
    ], ARTICLE)  # fmt: skip
    assert len(events) == 1
    event = events[0]
    assert [m.start for m in event.mentions] == [0, 100]
    assert event.date.value == "2018-07"
    assert event.location == helsinki
    assert event.mode == "third-party"
    assert event.mentions[0].outlet == "Example Wire"
    assert event.confidence > 0.6


def test_meetings_in_different_years_or_statuses_stay_apart() -> None:
    events = merge_in_article([
        _mention(date="2018-07"), _mention(date="2019-06", start=50), _mention(date="2018", start=90, status="planned"),
    ], ARTICLE)  # fmt: skip
    assert len(events) == 3


def test_statements_merge_only_when_they_say_the_same_thing() -> None:
    first = _mention("SUPPORT", "2018", 0, lemma="believe", content=("believe", "putin", "fbi", "interference"))
    again = _mention("SUPPORT", "2018", 50, lemma="believe", content=("believe", "putin", "fbi", "election"))
    other = _mention("SUPPORT", "2018", 90, lemma="praise", content=("praise", "putin", "leader"))
    events = merge_in_article([first, again, other], ARTICLE)
    assert [len(e.mentions) for e in events] == [2, 1]


def test_event_ids_are_stable_and_ignore_direction_for_meetings() -> None:
    a = merge_in_article([_mention(source=[TRUMP], target=[PUTIN])], ARTICLE)[0]
    b = merge_in_article([_mention(source=[PUTIN], target=[TRUMP])], ARTICLE)[0]
    assert a.id == b.id == event_id(a)
    assert participants_key("SUPPORT", [TRUMP], [PUTIN]) != participants_key("SUPPORT", [PUTIN], [TRUMP])


def test_a_deed_with_a_borrowed_date_joins_the_one_days_before_unless_again() -> None:
    held = _mention(date="2017-07-07", start=0, source=[TRUMP, PUTIN], target=[])
    recalled = _mention(date="2017-07-09", start=80, source=[PUTIN], target=[TRUMP], content=("glad", "meet"))
    recalled.date = TimeValue("2017-07-09", "day", "narrative", "running date")
    assert len(merge_in_article([held, recalled], ARTICLE)) == 1
    again = _mention(date="2017-07-09", start=80, content=("meet", "again"))
    again.date = TimeValue("2017-07-09", "day", "narrative", "running date")
    assert len(merge_in_article([held, again], ARTICLE)) == 2
    far = _mention(date="2017-08-30", start=80)
    far.date = TimeValue("2017-08-30", "day", "narrative", "running date")
    assert len(merge_in_article([held, far], ARTICLE)) == 2


def test_fitting_clusters_are_the_same_in_any_order() -> None:
    import itertools

    from detente.merge import Report, fitting_clusters

    osaka = Place("Osaka", "JPN")
    members = [
        Report("d1", "2019-06-28", osaka, "meet", frozenset({"a"})),
        Report("m", "2019-06", osaka, None, frozenset({"b"})),
        Report("y", "2019", None, None, frozenset({"c"})),
        Report("call", "2019-06-02", None, "phone", frozenset({"d"})),
        Report("apart", "2019", None, None, frozenset({"a"})),  # article a told it apart from d1: only the call fits
    ]
    answers = {tuple(sorted(fitting_clusters(list(p)).items())) for p in itertools.permutations(members)}
    assert len(answers) == 1
    assert dict(answers.pop()) == {"d1": "d1", "m": "d1", "call": "call", "y": "y", "apart": "call"}


def test_a_report_dated_only_by_its_publication_joins_the_event_held_days_before() -> None:
    from detente.merge import Report, fitting_clusters

    members = [
        Report("held", "2017-05-29", None, None, frozenset({"a"})),
        Report("next-day", "2017-05-30", None, None, frozenset({"b"}), published_only=True),
        Report("weeks-later", "2017-06-20", None, None, frozenset({"c"}), published_only=True),
        Report("dated-next-day", "2017-05-30", None, None, frozenset({"d"})),  # a date read in the text is a fact
    ]
    assert fitting_clusters(members) == {
        "held": "held", "next-day": "held", "weeks-later": "weeks-later", "dated-next-day": "dated-next-day",
    }  # fmt: skip


def test_minhash_finds_near_copies_and_not_other_stories() -> None:
    from detente.merge import band_keys, estimated_jaccard, minhash

    story = " ".join(f"word{i % 97} term{i % 13} item{i}" for i in range(120))
    copy = story.replace("item5 ", "piece5 ").replace("item60 ", "piece60 ")
    other = " ".join(f"other{i} words{i % 7}" for i in range(150))
    a, b, c = minhash(story), minhash(copy), minhash(other)
    assert len(a) == 100 and minhash(story) == a  # the same in every process
    assert estimated_jaccard(a, b) >= 0.8 > estimated_jaccard(a, c)
    assert set(band_keys(a)) & set(band_keys(b))
    assert not set(band_keys(a)) & set(band_keys(c))
    assert minhash("") == [] and band_keys([]) == []
