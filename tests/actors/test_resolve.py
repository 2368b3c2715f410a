"""Actor resolution on sentences written for these tests: names, roles on a date, groups, pronouns."""

from __future__ import annotations

from spacy.language import Language

from detente.actors.kb import load_kb
from detente.actors.resolve import ActorIndex, resolve_actors


def _resolve(nlp: Language, text: str, day: str) -> tuple[ActorIndex, object]:
    doc = nlp(text)
    return resolve_actors(doc, lambda _i: day, load_kb()), doc


def _who(index: ActorIndex, doc, words: str, nth: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    start = [i for i in range(len(doc.text)) if doc.text.startswith(words, i)][nth]
    found = index.in_span(start, start + len(words))
    assert found, f"no actor for {words!r}"
    return [a.name for a in found[-1].actors]


def test_full_names_surnames_and_titles(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Russian President Vladimir Putin spoke with Xi. Later Putin left.", "2019-06-01")
    assert _who(index, doc, "Vladimir Putin") == ["Vladimir Putin"]
    assert _who(index, doc, "Xi") == ["Xi Jinping"]
    assert _who(index, doc, "Putin", 1) == ["Vladimir Putin"]


def test_role_nominals_depend_on_the_date(nlp: Language) -> None:
    text = "The Russian president arrived in Paris."
    index, doc = _resolve(nlp, text, "2009-06-01")
    assert _who(index, doc, "The Russian president") == ["Dmitry Medvedev"]
    index, doc = _resolve(nlp, text, "2021-06-15")
    assert _who(index, doc, "The Russian president") == ["Vladimir Putin"]


def test_leader_means_the_head_of_the_executive(nlp: Language) -> None:
    index, doc = _resolve(nlp, "The German leader flew to Kyiv.", "2019-03-01")
    assert _who(index, doc, "The German leader") == ["Angela Merkel"]


def test_former_holder_is_not_the_one_in_office(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Biden met Putin. The former US President criticised the talks.", "2021-06-15")
    assert _who(index, doc, "The former US President") == ["Donald Trump"]


def test_counterpart_is_the_same_office_in_the_other_country(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Scholz called his French counterpart on Monday.", "2022-03-01")
    assert _who(index, doc, "his French counterpart") == ["Emmanuel Macron"]


def test_the_two_leaders_are_the_last_two_named(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Modi welcomed Albanese in Delhi. The two leaders signed a pact.", "2023-03-10")
    assert set(_who(index, doc, "The two leaders")) == {"Narendra Modi", "Anthony Albanese"}


def test_object_pronoun_is_not_the_subject_of_its_clause(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Erdogan phoned Putin and thanked him.", "2020-01-10")
    assert _who(index, doc, "him") == ["Vladimir Putin"]


def test_subject_pronoun_in_reported_speech_is_the_speaker(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Putin met Macron. Macron said he was hopeful.", "2019-08-19")
    assert _who(index, doc, "he") == ["Emmanuel Macron"]


def test_seats_of_government_and_demonym_agents(nlp: Language) -> None:
    index, doc = _resolve(nlp, "The Kremlin denied it. Chinese officials said nothing.", "2020-01-01")
    kremlin = index.in_span(4, 11)[0].actors[0]
    assert (kremlin.id, kremlin.sector) == ("RUS", "GOV")
    officials = index.in_span(doc.text.index("Chinese"), doc.text.index("officials") + 9)[0].actors[0]
    assert (officials.country, officials.sector) == ("CHN", "GOV")


def test_indefinite_roles_and_unknown_people(nlp: Language) -> None:
    index, doc = _resolve(nlp, "A Russian president had never visited. Jane Roe, a lawyer, wrote.", "2020-01-01")
    assert not index.in_span(0, len("A Russian president"))
    assert _who(index, doc, "Jane Roe") == ["Jane Roe"]
    assert index.in_span(doc.text.index("Jane"), doc.text.index("Jane") + 8)[0].actors[0].id == "unknown:Jane Roe"


def test_pronoun_in_a_fronted_clause_refers_ahead(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Macron met Scholz. When asked whether she would visit, Merkel smiled.", "2021-01-10")
    assert _who(index, doc, "she") == ["Angela Merkel"]


def test_the_two_countries_are_those_of_the_two_leaders(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Modi hosted Albanese. The two countries signed a trade pact.", "2023-03-10")
    assert set(_who(index, doc, "The two countries")) == {"India", "Australia"}


def _actor(index: ActorIndex, doc, words: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    start = doc.text.index(words)
    found = index.in_span(start, start + len(words))
    assert found, f"no actor for {words!r}"
    actor = found[-1].actors[0]
    return actor.country, actor.sector


def test_unknown_people_take_country_and_sector_from_their_title(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Zambian Foreign Minister Joe Mbanda met reporters.", "2020-01-01")
    mention = index.in_span(doc.text.index("Joe"), doc.text.index("Joe") + 3)[0]
    assert mention.actors[0].id == "unknown:Joe Mbanda"
    assert (mention.actors[0].country, mention.actors[0].sector) == ("ZMB", "GOV")
    assert "not in the knowledge base" in mention.reason


def test_unknown_people_take_country_from_an_apposition(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Mary Poewel, the Chilean ambassador, protested.", "2020-01-01")
    assert _actor(index, doc, "Mary Poewel") == ("CHL", "GOV")


def test_unknown_people_without_a_clue_have_no_country(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Mary Poewel protested on Sunday.", "2020-01-01")
    assert _actor(index, doc, "Mary Poewel") == (None, None)


def test_nationality_on_any_noun_is_that_state_with_the_agents_sector(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Egyptian and French warships sailed while Peruvian farmers marched.", "2020-01-01")
    assert _actor(index, doc, "Egyptian") == ("EGY", "MIL")
    assert _actor(index, doc, "French warships") == ("FRA", "MIL")
    assert _actor(index, doc, "Peruvian farmers") == ("PER", "AGR")


def test_plural_nationality_nouns_are_the_state(nlp: Language) -> None:
    index, doc = _resolve(nlp, "The Zambians and the Peruvians protested.", "2020-01-01")
    assert _actor(index, doc, "Zambians") == ("ZMB", None)
    assert _actor(index, doc, "Peruvians") == ("PER", None)


def test_a_state_name_before_an_agent_noun_gives_the_sector(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Kenya's government denied it and Peru troops withdrew.", "2020-01-01")
    assert _actor(index, doc, "Kenya's government") == ("KEN", "GOV")
    assert _actor(index, doc, "Peru troops") == ("PER", "MIL")


def test_a_role_with_no_known_holder_is_the_states_government(nlp: Language) -> None:
    assert not load_kb().holders("ISL", "2020-01-01", "prime_minister")
    index, doc = _resolve(nlp, "The Icelandic prime minister arrived.", "2020-01-01")
    assert _actor(index, doc, "The Icelandic prime minister") == ("ISL", "GOV")
    assert "no holder" in index.in_span(0, 5)[0].reason


def test_names_only_the_phoenix_dictionaries_know_are_resolved_and_say_so(nlp: Language) -> None:
    index, doc = _resolve(nlp, "The Shining Path attacked a village. Kandahar militants fled.", "2005-01-01")
    assert _actor(index, doc, "Shining Path") == ("PER", "REB")
    assert "Phoenix" in index.in_span(4, 16)[0].reason
    assert _actor(index, doc, "Kandahar militants") == ("AFG", "REB")


def test_a_place_after_in_is_where_not_who(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Fighting continued in Kandahar on Monday.", "2005-01-01")
    start = doc.text.index("Kandahar")
    assert not index.in_span(start, start + len("Kandahar"))


def test_a_titled_surname_takes_the_country_of_the_office_holders_of_that_name(nlp: Language) -> None:
    index, doc = _resolve(nlp, "President Museveni arrived on Monday.", "2005-01-01")
    assert _actor(index, doc, "Museveni") == ("UGA", "GOV")
    index, doc = _resolve(nlp, "President Mitterand arrived on Monday.", "1990-01-01")
    assert _actor(index, doc, "Mitterand") == ("FRA", "GOV")


def test_lowercase_words_are_not_phoenix_names(nlp: Language) -> None:
    index, _doc = _resolve(nlp, "They told us about chad and turkey.", "2005-01-01")
    assert not index.mentions or all(m.kind != "fallback" for m in index.mentions)


def test_an_ethnic_group_belongs_to_the_state_it_lives_in(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Ethnic Hungarians in Romania protested on Monday.", "2005-01-01")
    assert _actor(index, doc, "Hungarians") == ("ROU", None)
    index, doc = _resolve(nlp, "Ethnic Hungarians protested on Monday.", "2005-01-01")
    start = doc.text.index("Hungarians")
    assert not index.in_span(start, start + len("Hungarians"))


def test_the_two_leaders_are_the_pair_named_together_in_an_interaction(nlp: Language) -> None:
    text = ("Macron's summit with Scholz ended early. Meloni said she would visit Paris. "
            "Meloni also spoke to reporters. Scholz called the talks useful. The two leaders met for three hours.")  # fmt: skip
    index, doc = _resolve(nlp, text, "2023-05-10")
    assert set(_who(index, doc, "The two leaders")) == {"Emmanuel Macron", "Olaf Scholz"}


def _mention(index: ActorIndex, doc, words: str):  # type: ignore[no-untyped-def]
    start = doc.text.index(words)
    found = index.in_span(start, start + len(words))
    return found[-1] if found else None


def test_groups_of_no_stated_country_are_domestic_to_the_only_state_named(nlp: Language) -> None:
    index, doc = _resolve(nlp, "The Chadian government rejected demands from the rebels on Monday.", "2005-03-01")
    rebels = _mention(index, doc, "rebels")
    assert rebels is not None
    assert [(a.country, a.sector) for a in rebels.actors] == [("TCD", "REB")]
    assert "only state its sentence names" in rebels.reason


def test_unknown_officials_take_the_only_state_named(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Judge Maria Alvarado opened an inquiry into 12 Peruvian officials.", "2004-05-01")
    judge = _mention(index, doc, "Maria Alvarado")
    assert [(a.country, a.sector) for a in judge.actors] == [("PER", "JUD")]


def test_no_country_is_guessed_when_two_states_or_none_are_named(nlp: Language) -> None:
    index, doc = _resolve(nlp, "France and Chad condemned the rebels.", "2005-03-01")
    assert _mention(index, doc, "rebels") is None
    index, doc = _resolve(nlp, "The rebels rejected the offer.", "2005-03-01")
    assert _mention(index, doc, "rebels") is None


def test_organisations_acting_across_states_keep_no_country(nlp: Language) -> None:
    index, doc = _resolve(nlp, "Oxfam criticised the Egyptian police.", "2011-02-01")
    oxfam = _mention(index, doc, "Oxfam")
    assert [(a.country, a.sector) for a in oxfam.actors] == [(None, "NGO")]


def test_a_subordinate_clause_subject_pronoun_continues_the_main_subject(nlp: Language) -> None:
    text = "Macron called Scholz on Monday, two days before he hosted Meloni in Paris."
    index, doc = _resolve(nlp, text, "2023-05-01")
    assert _who(index, doc, "he") == ["Emmanuel Macron"]
