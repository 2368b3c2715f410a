"""Event coding on sentences written for these tests: one construction per test."""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Event
from tests.events.conftest import names

Code = Callable[..., list[Event]]


def _one(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.status, [a.name for a in e.source]) for e in events]
    return found[0]


def test_coordinated_subjects_meet_in_a_third_country(code: Code) -> None:
    event = _one(code("In May 2019, Macron and Modi met in Japan's Osaka for talks on trade."), "CONSULT")
    assert names(event.source + event.target) == {"Emmanuel Macron", "Narendra Modi"}
    assert event.location is not None and event.location.name == "Osaka"
    assert event.mode == "third-party"
    assert event.date.value == "2019-05" and event.date.basis == "text"
    assert event.status == "occurred"


def test_phone_call_with_control_and_object_pronoun(code: Code) -> None:
    events = code("Erdogan telephoned Zelensky on 3 March 2022 to thank him for the grain talks.")
    call = _one(events, "CONSULT")
    assert call.mode == "phone" and call.cameo == "041"
    assert names(call.source) == {"Recep Tayyip Erdoğan"} and names(call.target) == {"Volodymyr Zelensky"}
    thanks = _one(events, "SUPPORT")
    assert names(thanks.source) == {"Recep Tayyip Erdoğan"} and names(thanks.target) == {"Volodymyr Zelensky"}
    assert thanks.date.value == "2022-03-03"


def test_passive_swaps_source_and_target(code: Code) -> None:
    event = _one(code("Scholz was congratulated by Macron in December 2021."), "SUPPORT")
    assert names(event.source) == {"Emmanuel Macron"} and names(event.target) == {"Olaf Scholz"}


def test_light_verb_nouns_and_groups(code: Code) -> None:
    events = code("Xi Jinping welcomed the news. In April 2018 Modi travelled to China.\n"
                  "The two leaders held informal talks in Wuhan.", published="2018-04-29")  # fmt: skip
    talks = _one(events, "CONSULT")
    assert names(talks.source + talks.target) == {"Xi Jinping", "Narendra Modi"}
    assert talks.location is not None and talks.location.name == "Wuhan"
    assert talks.date.value == "2018-04" and talks.date.basis == "narrative"


def test_statuses_planned_cancelled_hypothetical_negated(code: Code) -> None:
    planned = _one(code("Biden will meet Xi in San Francisco next week.", "2023-11-08"), "CONSULT")
    assert planned.status == "planned"
    cancelled = code("Trump called off his planned meeting with Kim Jong Un.", "2018-05-24")
    assert [e.status for e in cancelled if e.type == "CONSULT"] == ["cancelled"]
    assert any(e.type == "REJECT" for e in cancelled)
    hypothetical = _one(code("Putin floated the idea of Macron visiting Moscow.", "2019-08-20"), "CONSULT")
    assert hypothetical.status == "hypothetical"
    negated = _one(code("Merkel did not meet Trump during the trip.", "2017-05-27"), "CONSULT")
    assert negated.status == "negated"


def test_a_stance_under_would_rather_is_still_a_stance(code: Code) -> None:
    event = _one(code("In 2019, Orban said he would rather trust Putin than Brussels."), "SUPPORT")
    assert event.status == "occurred"
    assert names(event.source) == {"Viktor Orbán"} and names(event.target) == {"Vladimir Putin"}


def test_the_date_of_a_noun_in_the_clause_does_not_date_the_event(code: Code) -> None:
    event = _one(code("In 2019 Zelensky accused Putin of meddling in the 2014 vote."), "ACCUSE")
    assert event.date.value == "2019"


def test_speaking_to_reporters_is_not_a_meeting_of_the_subjects(code: Code) -> None:
    events = code("Macron and Scholz spoke to reporters in Paris on Monday.", "2022-10-26")
    assert [e for e in events if e.type == "CONSULT"] == []


def test_imperative_quote_to_a_leader_is_a_request(code: Code) -> None:
    events = code("Biden told Putin, “Stop the attacks on our networks.”", "2021-06-17")
    request = _one(events, "REQUEST")
    assert names(request.source) == {"Joe Biden"} and names(request.target) == {"Vladimir Putin"}
    assert request.quotes and request.quotes[0].text.startswith("Stop")


def test_first_person_inside_a_quote_is_the_speaker(code: Code) -> None:
    event = _one(code("“I trust Modi completely,” Netanyahu said last year.", "2019-05-01"), "SUPPORT")
    assert names(event.source) == {"Benjamin Netanyahu"} and names(event.target) == {"Narendra Modi"}
    assert event.date.value == "2018"


def test_one_event_told_twice_in_an_article_is_one_event(code: Code) -> None:
    text = ("In July 2018 Trump and Putin met in Helsinki.\n"
            "After the 2018 summit, where Putin and Trump met, both leaders claimed success.\n")  # fmt: skip
    meetings = [e for e in code(text) if e.type == "CONSULT"]
    assert len(meetings) == 1
    assert len(meetings[0].mentions) == 2
    assert meetings[0].date.value == "2018-07"


def test_an_announcement_for_a_meeting_is_a_plan(code: Code) -> None:
    events = code("No date has been announced for a meeting between Modi and Kishida.", "2023-05-01")
    meetings = [e for e in events if e.type == "CONSULT"]
    assert meetings and all(e.status == "planned" for e in meetings)
    assert meetings[0].date.value is None and "planned" in meetings[0].date.reason


def test_knowledge_dates_soon_after_taking_office_but_not_since(code: Code) -> None:
    soon = _one(code("Soon after taking office, Scholz phoned Macron.", "2023-01-10"), "CONSULT")
    assert (soon.date.value, soon.date.basis) == ("2021", "knowledge")
    assert "Olaf Scholz" in soon.date.reason
    since = _one(code("It was the first meeting between Scholz and Macron since Scholz took office.", "2023-01-10"), "CONSULT")
    assert since.date.basis != "knowledge"


def test_a_meeting_on_the_sidelines_of_a_summit_takes_the_summit_city(code: Code) -> None:
    events = code("Biden and Erdogan met again in Washington in 2024.\n"
                  "Their first meeting, on the sidelines of the NATO summit in Vilnius in July 2023, was short.", "2024-08-01")  # fmt: skip
    vilnius = [e for e in events if e.type == "CONSULT" and e.date.value == "2023-07"]
    assert len(vilnius) == 1
    assert vilnius[0].location is not None and vilnius[0].location.name == "Vilnius"


def test_talks_held_in_a_phone_call_are_by_phone(code: Code) -> None:
    event = _one(code("Macron discussed Ukraine with Modi in a phone call on Monday.", "2022-03-01"), "CONSULT")
    assert event.mode == "phone"
    assert event.location is None


def test_unspecified_past_occasions_and_attending_one_summit_are_not_meetings(code: Code) -> None:
    assert [e for e in code("Macron and Scholz have met before.", "2023-01-01") if e.type == "CONSULT"] == []
    assert [e for e in code("Both Modi and Xi attended the summit in Johannesburg.", "2023-08-23") if e.type == "CONSULT"] == []
    held = [e for e in code("Modi and Xi held talks in Johannesburg.", "2023-08-23") if e.type == "CONSULT"]
    assert len(held) == 1


def test_a_meeting_told_again_days_later_is_a_second_meeting(code: Code) -> None:
    text = ("Erdogan met Aliyev in Baku on Monday.\n"
            "On Wednesday, the ministers flew to Ganja.\nErdogan met Aliyev again.")  # fmt: skip
    meetings = [e for e in code(text, "2021-06-17") if e.type == "CONSULT"]
    assert len(meetings) == 2


def countries(actors: list) -> set[tuple[str | None, str | None]]:  # type: ignore[type-arg]
    return {(a.country, a.sector) for a in actors}


def test_a_demand_is_aimed_at_the_subject_of_its_clause(code: Code) -> None:
    event = _one(code("In March 2019 Kenya demanded that the Somali government stop the border raids."), "REQUEST")
    assert countries(event.source) == {("KEN", None)} and countries(event.target) == {("SOM", "GOV")}


def test_saying_another_must_act_is_a_demand(code: Code) -> None:
    event = _one(code("In 2019 Peru said on Monday that Chile must return the stolen statues."), "REQUEST")
    assert countries(event.source) == {("PER", None)} and countries(event.target) == {("CHL", None)}
    assert event.cameo == "100"


def test_it_and_they_refer_to_the_state_or_group_that_speaks(code: Code) -> None:
    events = code("In June 2019 Ghana said it is ready to withdraw its troops from Mali.")
    event = _one(events, "RETREAT")
    assert countries(event.source) == {("GHA", None)} and countries(event.target) == {("MLI", None)}
    assert event.status == "planned"


def test_a_government_and_rebels_of_one_state_are_two_parties(code: Code) -> None:
    event = _one(code("In 2019 the Malian government accused Malian rebels of breaking the truce."), "ACCUSE")
    assert countries(event.source) == {("MLI", "GOV")} and countries(event.target) == {("MLI", "REB")}


def test_the_owner_of_an_act_is_its_target(code: Code) -> None:
    event = _one(code("In 2019 Norway denounced Chile's treatment of the protesters."), "ACCUSE")
    assert countries(event.source) == {("NOR", None)} and countries(event.target) == {("CHL", None)}


def test_rejecting_an_appeal_is_a_rejection_of_its_author(code: Code) -> None:
    event = _one(code("In 2019 Chile rejected a Peruvian appeal for talks on the border."), "REJECT")
    assert countries(event.source) == {("CHL", None)} and countries(event.target) == {("PER", None)}


def test_rejecting_talks_keeps_the_talks_negated(code: Code) -> None:
    events = code("In 2019 Chile rejected talks with Peru.")
    assert [e.status for e in events if e.type == "CONSULT"] == ["negated"]


def test_an_act_done_in_a_state_is_done_to_it(code: Code) -> None:
    event = _one(code("In March 2019 Chile lifted the curfew in Peru."), "CONCEDE")
    assert countries(event.source) == {("CHL", None)} and countries(event.target) == {("PER", None)}


def test_coordinated_nationalities_act_together(code: Code) -> None:
    event = _one(code("In 2019 Chilean and Peruvian officials agreed to reopen the border."), "AGREE")
    assert countries(event.source) == {("CHL", "GOV"), ("PER", "GOV")} and event.target == []


def test_a_threat_is_an_event_and_what_is_threatened_stays_hypothetical(code: Code) -> None:
    events = code("In 2019 Chile threatened to impose sanctions on Peru.")
    threat = _one(events, "THREATEN")
    assert countries(threat.source) == {("CHL", None)} and countries(threat.target) == {("PER", None)}
    assert threat.status == "occurred"
    assert all(e.status == "hypothetical" for e in events if e.type != "THREATEN")


def test_refusing_to_meet_is_a_rejection_and_the_meeting_stays_negated(code: Code) -> None:
    events = code("In May 2019 Macron refused to meet Orban in Paris.")
    assert _one(events, "REJECT").status == "occurred"
    assert _one(events, "CONSULT").status == "negated"


def test_a_past_clause_under_a_future_keeps_its_own_time(code: Code) -> None:
    events = code("It will be the first summit since Macron met Orban in Paris in May 2019.", "2021-06-10")
    meeting = _one(events, "CONSULT")
    assert meeting.status == "occurred" and meeting.date.value == "2019-05"


def test_a_refusal_or_demand_takes_the_mode_of_the_act_it_is_about(code: Code) -> None:
    refusal = _one(code("Iran refused to meet the Saudi foreign minister on Monday."), "REJECT")
    assert refusal.mode == "meet"
    demand = _one(code("Chad demanded on Tuesday that Sudan release the prisoners."), "REQUEST")
    assert demand.mode == "yield"


def test_a_place_on_the_speakers_is_not_where_the_event_they_report_happened(code: Code) -> None:
    events = code("Officials in Brussels said on Monday that Macron and Scholz had agreed in their private talks.")
    talks = [e for e in events if e.type == "CONSULT"]
    assert talks and all(e.location is None or e.location.name != "Brussels" for e in talks)


def test_an_event_noun_s_own_place_wins(nlp) -> None:  # type: ignore[no-untyped-def]
    from detente.actors.kb import load_kb
    from detente.events.code import event_location

    doc = nlp("Two days after the summit in Lisbon, officials in Madrid said the talks had failed.")
    summit = next(t for t in doc if t.text == "summit")
    located = event_location(summit, load_kb())
    assert located is not None and located.place.name == "Lisbon"


def test_calling_someone_names_is_a_denunciation_not_a_phone_call(code: Code) -> None:
    events = code("On 3 May 2021, Erdogan called Macron a disgrace to France.")
    assert [e.type for e in events if e.type == "CONSULT"] == []
    insult = _one(events, "ACCUSE")
    assert insult.cameo == "111"
    assert names(insult.source) == {"Recep Tayyip Erdoğan"} and names(insult.target) == {"Emmanuel Macron"}


def test_would_after_a_past_saying_is_a_plan_unless_a_condition_hangs_on_it(code: Code) -> None:
    planned = _one(code("Macron said on Monday that he would meet Scholz in Berlin next Friday.", "2023-03-06"), "CONSULT")
    assert planned.status == "planned" and "would" in planned.status_reason
    conditional = _one(code("Macron said that he would meet Scholz if the talks in Brussels failed.", "2023-03-06"), "CONSULT")
    assert conditional.status == "hypothetical"


def test_a_refusal_to_meet_is_coded_125(code: Code) -> None:
    refusal = _one(code("On 4 May 2021, Macron refused to meet Erdogan in Paris."), "REJECT")
    assert (refusal.mode, refusal.cameo) == ("meet", "125")


def test_armed_men_seizing_a_place_use_force_and_police_confiscating_coerce(code: Code) -> None:
    capture = _one(code("On 2 June 2021, Russian troops seized the Ukrainian port of Berdiansk."), "ASSAULT")
    assert capture.cameo == "190" and names(capture.target) == {"Ukraine"}
    confiscation = _one(code("On 2 June 2021, French police seized the Russian tanker in Marseille."), "COERCE")
    assert confiscation.cameo == "171"
