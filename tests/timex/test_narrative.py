"""Expressions counted from an earlier date in the article, and the running date."""

from __future__ import annotations

from .conftest import Analyse, find, value_of


def test_bare_month_takes_narrative_year(analyse: Analyse) -> None:
    text = "In March 2018, the two leaders spoke by phone. A few months later in July, they met in Helsinki."
    timex = find(analyse(text, published="2021-06-15"), "July")
    assert (timex.value, timex.basis) == ("2018-07", "narrative")
    assert "'March 2018'" in timex.reason


def test_month_day_takes_narrative_year(analyse: Analyse) -> None:
    text = "The crisis began in 2014. On Feb. 22, the president fled the capital."
    timex = find(analyse(text, published="2021-06-15"), "Feb. 22")
    assert (timex.value, timex.basis) == ("2014-02-22", "narrative")


def test_year_as_modifier_does_not_set_the_story(analyse: Analyse) -> None:
    text = "The 2014 agreement is still cited. In May, diplomats met again."
    assert value_of(analyse(text, published="2021-06-15"), "May") == "2021-05"


def test_days_later_from_a_day(analyse: Analyse) -> None:
    text = "The summit opened on July 16, 2018. Two days later, the envoys left."
    timex = find(analyse(text), "Two days later")
    assert (timex.value, timex.granularity, timex.basis) == ("2018-07-18", "day", "narrative")


def test_days_later_from_a_month_keeps_the_month(analyse: Analyse) -> None:
    text = "Fighting flared in March 2018. Two days later, a truce was called."
    timex = find(analyse(text), "Two days later")
    assert (timex.value, timex.granularity) == ("2018-03", "month")
    assert "only known to the month" in timex.reason


def test_year_after(analyse: Analyse) -> None:
    text = "The accord was signed on 4 April 2016. Nearly a year after, it collapsed."
    timex = find(analyse(text), "Nearly a year after")
    assert (timex.value, timex.granularity) == ("2017", "year")


def test_next_day_and_following_week(analyse: Analyse) -> None:
    text = "The envoy landed in Kabul on 12 August 2021. The next day, he met elders. The following week, he left."
    analysis = analyse(text)
    assert value_of(analysis, "The next day") == "2021-08-13"
    assert value_of(analysis, "The following week") == "2021-W33"


def test_that_month_and_same_day(analyse: Analyse) -> None:
    text = "Protests began on 3 October 2019. Police fired on crowds the same day. Dozens died that month."
    analysis = analyse(text)
    assert value_of(analysis, "the same day") == "2019-10-03"
    assert value_of(analysis, "that month") == "2019-10"


def test_anaphor_without_anchor_counts_from_publication(analyse: Analyse) -> None:
    timex = find(analyse("Two days later, the ministers met.", published="2021-06-15"), "Two days later")
    assert (timex.value, timex.basis) == ("2021-06-17", "publication")


def test_backward_offset_does_not_move_the_story(analyse: Analyse) -> None:
    text = "Output rose in May 2020, up from a low a year earlier. Three days later, the plant closed."
    analysis = analyse(text)
    assert value_of(analysis, "a year earlier") == "2019"
    assert value_of(analysis, "Three days later") == "2020-05"


def test_narrative_at_returns_latest_date_before_offset(analyse: Analyse) -> None:
    text = "In March 2018, the two leaders spoke. Later they met. On 16 July 2018, they met in Helsinki. Then"
    analysis = analyse(text)
    assert analysis.narrative_at(0) is None
    middle = analysis.narrative_at(text.index("Later"))
    assert middle is not None and (middle.value, middle.granularity, middle.basis) == (
        "2018-03",
        "month",
        "narrative",
    )
    assert "'March 2018'" in middle.reason
    end = analysis.narrative_at(text.index("Then"))
    assert end is not None and end.value == "2018-07-16"


def test_narrative_ignores_durations_and_refs(analyse: Analyse) -> None:
    text = "In 2015 the mission began. It lasted three years and is now over."
    analysis = analyse(text)
    value = analysis.narrative_at(len(text))
    assert value is not None and value.value == "2015"


def test_narrative_gives_event_date_form(analyse: Analyse) -> None:
    text = "Exports fell in the third quarter of 2012. Then"
    value = analyse(text).narrative_at(text.index("Then"))
    assert value is not None and (value.value, value.granularity) == ("2012", "year")


def test_story_time_from_distant_paragraph_does_not_give_year(analyse: Analyse) -> None:
    text = (
        "The alliance was founded in 1949.\nIts members meet often.\nThey trade a lot.\n"
        "Ministers met in March to discuss the budget."
    )
    timex = find(analyse(text, published="2021-06-15"), "March")
    assert (timex.value, timex.basis) == ("2021-03", "publication")


def test_story_time_from_previous_paragraph_gives_year(analyse: Analyse) -> None:
    text = "The war began in 2014.\nIn August, the separatists took the airport."
    timex = find(analyse(text, published="2021-06-15"), "August")
    assert (timex.value, timex.basis) == ("2014-08", "narrative")


def test_past_tense_deadline_near_publication_stays_in_its_year(analyse: Analyse) -> None:
    timex = find(analyse("The bid was extended to Nov. 20.", published="2021-11-02"), "Nov. 20")
    assert timex.value == "2021-11-20"


def test_past_tense_date_far_after_publication_is_last_year(analyse: Analyse) -> None:
    timex = find(analyse("The sailors were rescued in November.", published="2021-07-15"), "November")
    assert timex.value == "2020-11"


def test_guessed_year_is_not_lent_to_the_next_date(analyse: Analyse) -> None:
    text = "The dividend is payable Jan. 5 to holders of record Dec. 15."
    analysis = analyse(text, published="2021-11-02")
    assert value_of(analysis, "Jan. 5") == "2022-01-05"
    assert value_of(analysis, "Dec. 15") == "2021-12-15"


def test_counted_year_in_a_comparison_does_not_set_the_story(analyse: Analyse) -> None:
    text = "Profit rose to $5 million from $4 million last year. In March, the firm hired 200 people."
    assert value_of(analyse(text, published="2021-06-15"), "March") == "2021-03"


def test_counted_year_opening_a_sentence_sets_the_story(analyse: Analyse) -> None:
    text = "Last year, the talks collapsed. In March, the envoys walked out."
    assert value_of(analyse(text, published="2021-06-15"), "March") == "2020-03"


def test_date_modifying_a_noun_is_past(analyse: Analyse) -> None:
    """'the Sept. 2 flood' names what happened, even in a clause about now or later."""
    text = "Farmers are still counting losses from the Sept. 2 flood."
    assert value_of(analyse(text, published="2021-04-10"), "Sept. 2") == "2020-09-02"


def test_date_modifying_a_noun_may_be_just_ahead(analyse: Analyse) -> None:
    text = "Candidates are preparing for the May 9 runoff."
    assert value_of(analyse(text, published="2021-04-10"), "May 9") == "2021-05-09"


def test_comparison_period_does_not_set_the_story(analyse: Analyse) -> None:
    text = (
        "The insurer earned $9 million in the third quarter, against $7 million in the year-earlier quarter. "
        "It signed a reinsurance deal in August."
    )
    assert value_of(analyse(text, published="2021-10-20"), "August") == "2021-08"


def test_the_day_before_a_date_counts_from_that_date(analyse: Analyse) -> None:
    """'the day before' a date written right after it is counted from that date, not the narrative's."""
    text = "The fund was founded in 1994. The day before last Friday's auction, bidders toured the site."
    analysis = analyse(text, published="2021-06-15")
    timex = find(analysis, "The day before")
    assert timex.value == "2021-06-10"
    assert "right after it" in timex.reason
    assert value_of(analysis, "last Friday") == "2021-06-11"


def test_the_week_after_a_holiday(analyse: Analyse) -> None:
    text = "The strike began in 2019. The week after Easter, the miners went back."
    analysis = analyse(text, published="2021-06-15")
    assert value_of(analysis, "Easter") == "2019-04-21"
    assert value_of(analysis, "The week after") == "2019-W17"


def test_year_modifying_an_adjective_does_not_set_the_story(analyse: Analyse) -> None:
    """'notes due 2027' describes the notes: a later bare month is still dated from publication."""
    text = "The utility will swap its notes due 2027 for shares. The offer expires in August."
    assert value_of(analyse(text, published="2021-06-15"), "August") == "2021-08"


def test_participle_clause_takes_the_tense_of_its_verb(analyse: Analyse) -> None:
    """'dropping to $3 in October' tells of the past, as 'fell' does: last October, not the next."""
    text = "Copper prices fell for months, dropping to $3 a pound in October."
    assert value_of(analyse(text, published="2021-06-15"), "October") == "2020-10"


def test_the_date_of_a_saying_does_not_move_the_story(analyse: Analyse) -> None:
    text = ("Kim invited Putin to Pyongyang during Wednesday's summit, state media said on Thursday. "
            "The talks at the space centre lasted five hours.")  # fmt: skip
    analysis = analyse(text, published="2023-09-14")
    running = analysis.narrative_at(text.index("The talks"))
    assert running is not None and running.value == "2023-09-13" and "Wednesday" in running.reason


def test_the_date_of_the_last_time_does_not_move_the_story(analyse: Analyse) -> None:
    text = ("When the two ministers last spoke, in Ankara in May 2016, trade was the only topic. "
            "At their October 2 talks in Baku, they discussed the pipeline.")  # fmt: skip
    analysis = analyse(text, published="2024-10-04")
    assert value_of(analysis, "October 2") == "2024-10-02"
