"""``detente relate``: the act that links two spans, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from detente.events.relate import relate


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Chile refused a request from Peru to extradite the banker.", "Chile", "Peru", "REJECT"),
        ("Ghana refused to meet with the Togolese envoy.", "Ghana", "the Togolese envoy", "REJECT"),
        ("Norway agreed to withdraw its troops from Mali.", "Norway", "Mali", "AGREE"),
        ("Norway is willing to withdraw its troops from Mali.", "Norway", "Mali", "AGREE"),
        ("Norway withdrew its troops from Mali.", "Norway", "Mali", "RETREAT"),
        ("The rebels will release the Kenyan hostages.", "The rebels", "the Kenyan hostages", "AGREE"),
        ("A Lima court ordered the arrest of the former minister.", "A Lima court", "the former minister", "COERCE"),
        ("Poland pledged its full support for the Ukrainian plan.", "Poland", "the Ukrainian plan", "SUPPORT"),
        ("Fiji lifted its ban on Tongan imports.", "Fiji", "Tongan imports", "CONCEDE"),
        ("Kenya suspended aid to Somalia.", "Kenya", "Somalia", "SANCTION"),
        ("Fiji refuses to lift its ban on Tongan ships.", "Fiji", "Tongan ships", "REJECT"),
        ("Fiji agreed to lift its ban on Tongan ships.", "Fiji", "Tongan ships", "AGREE"),
        ("Chad said it would free the Sudanese prisoners.", "Chad", "the Sudanese prisoners", "AGREE"),
        ("Chad will not free the Sudanese prisoners.", "Chad", "the Sudanese prisoners", "REJECT"),
        ("Chad accepted the demands of the Sudanese protesters.", "Chad", "the Sudanese protesters", "CONCEDE"),
        ("Ghana's president called Macky Sall to congratulate him.", "Ghana's president", "Macky Sall", "SUPPORT"),
        ("Peru said Chile must return the stolen statues.", "Peru", "Chile", "REQUEST"),
        ("A Lima court ordered the release of the Chilean ship.", "A Lima court", "the Chilean ship", "RETREAT"),
        ("Norway provided 50 million euros to promote farming in Ghana.", "Norway", "Ghana", "AID"),
        ("Fiji lifted the state of emergency in Tonga.", "Fiji", "Tonga", "CONCEDE"),
        ("The Chadian air force carried out strikes against rebel camps.", "The Chadian air force", "rebel camps", "ASSAULT"),
        ("The Chilean miners said they will not end the strike against Codelco.", "The Chilean miners", "Codelco", "REJECT"),
        ("The navies of Chile and Peru began joint military exercises.", "The navies of Chile", "Peru", "COOPERATE"),
    ],
)
def test_the_governing_act_and_announced_acts(nlp: Language, text: str, source: str, target: str, expected: str) -> None:
    assert relate(nlp(text), source, target).type == expected


def test_no_trigger_says_so_with_a_low_confidence(nlp: Language) -> None:
    found = relate(nlp("Chile and Peru are neighbours."), "Chile", "Peru")
    assert found.trigger is None and found.confidence < 0.1


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Chile and Peru reached a trade agreement in Lima.", "Chile", "Peru", "SUPPORT"),
        ("Chile and Peru agreed on a fisheries deal.", "Chile", "Peru", "SUPPORT"),
        ("Chile agreed to withdraw its troops from Peru.", "Chile", "Peru", "AGREE"),
    ],
)
def test_a_concluded_agreement_is_support_and_agreeing_to_act_is_intent(
    nlp: Language, text: str, source: str, target: str, expected: str
) -> None:
    assert relate(nlp(text), source, target).type == expected


def test_words_inside_the_parties_name_no_act(nlp: Language) -> None:
    doc = nlp("Norway is shipping vaccines to villagers attacked by militias in Mali.")
    assert relate(doc, "Norway", "villagers attacked by militias in Mali").trigger != "attacked"


@pytest.mark.parametrize(
    ("text", "source", "target", "mode"),
    [
        ("Iran refused to meet the Saudi envoy.", "Iran", "the Saudi envoy", "meet"),
        ("Chad demanded that Sudan release the prisoners.", "Chad", "Sudan", "yield"),
    ],
)
def test_a_demand_or_refusal_takes_the_mode_of_the_act_it_is_about(
    nlp: Language, text: str, source: str, target: str, mode: str
) -> None:
    relation = relate(nlp(text), source, target)
    assert (relation.type, relation.mode) in {("REJECT", mode), ("REQUEST", mode)}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Kenya served Somalia for a decade.", "Kenya", "Somalia"),
        ("The new tariffs affected Malawian farmers.", "The new tariffs", "Malawian farmers"),
    ],
)
def test_a_plain_verb_phoenix_files_as_cooperation_names_no_act(nlp: Language, text: str, source: str, target: str) -> None:
    found = relate(nlp(text), source, target)
    assert found.trigger is None and found.confidence < 0.1


def test_a_call_to_a_leader_with_a_long_title_is_a_call_not_name_calling(nlp: Language) -> None:
    text = "The Polish premier called Lithuania President Gitanas Nauseda on Friday to convey his support."
    assert relate(nlp(text), "The Polish premier", "Lithuania President Gitanas Nauseda").type == "SUPPORT"


def test_a_month_name_is_no_protest_march(nlp: Language) -> None:
    found = relate(nlp("Italy handed the Greek envoy a letter on March 4."), "Italy", "the Greek envoy")
    assert found.type != "PROTEST" and found.trigger != "March"


def test_a_recipient_country_hung_inside_the_object_and_adjectives_name_no_act(nlp: Language) -> None:
    text = "Customs officers returned 12 skulls that date back to the ninth century to Peru."
    assert relate(nlp(text), "Customs officers", "Peru").type == "RETREAT"
    found = relate(nlp("Yemen freed Tunisia-inspired activists."), "Yemen", "Tunisia-inspired activists")
    assert found.type == "RETREAT"


CODED = [
    # a demand or refusal of a known mode takes its finer code
    ("Iran refused to meet the Saudi envoy.", "Iran", "the Saudi envoy", "REJECT", "125"),
    ("Chile demanded a meeting with Peru.", "Chile", "Peru", "REQUEST", "106"),
    # verdicts assaults expulsions and violations
    ("A court in Oslo convicted the Latvian smuggler of fraud.", "A court in Oslo", "the Latvian smuggler", "ACCUSE", "116"),
    ("A jury in Lyon found the former minister guilty of bribery.", "A jury in Lyon", "the former minister", "ACCUSE", "116"),
    ("Rebel fighters stormed the army barracks near Goma.", "Rebel fighters", "the army barracks near Goma", "ASSAULT", "190"),
    ("Sudan expelled the UN weapons inspectors.", "Sudan", "the UN weapons inspectors", "SANCTION", "1662"),
    ("The militia violated the truce with the army.", "The militia", "the army", "ASSAULT", "196"),
    # strikes refuge announced protests sieges and shields
    ("Dock workers in Antwerp went on strike against the port authority.", "Dock workers in Antwerp", "the port authority", "PROTEST", "143"),
    ("Thousands of Eritreans sought refuge in Ethiopia.", "Thousands of Eritreans", "Ethiopia", "REQUEST", "1033"),
    ("The union will hold a protest outside the Chilean embassy.", "The union", "the Chilean embassy", "THREATEN", "133"),
    ("Uganda accepted the Congolese refugees.", "Uganda", "the Congolese refugees", "AID", "073"),
    ("The junta declared a state of siege in the northern province.", "The junta", "the northern province", "COERCE", "1724"),
    ("The militants held the villagers as human shields.", "The militants", "the villagers", "ASSAULT", "184"),
    ("The president announced a cease-fire with the rebels.", "The president", "the rebels", "RETREAT", "0871"),
    ("The army closed the roads into the rebel town.", "The army", "the rebel town", "COERCE", "191"),
    # halted mediation and what an authority orders
    ("The Norwegian envoy ended mediation efforts between the two Sudanese factions.", "The Norwegian envoy", "the two Sudanese factions", "SANCTION", "165"),
    ("The junta ordered the Catholic radio station to suspend publication.", "The junta", "the Catholic radio station", "COERCE", "1721"),
    ("The junta ordered the Catholic radio station to explain its coverage.", "The junta", "the Catholic radio station", "REQUEST", "100"),
    # a seizure by armed men or of a place is force; an authority's confiscation stays coercion
    ("Rebel fighters seized the cargo ship off Aden.", "Rebel fighters", "the cargo ship", "ASSAULT", "190"),
    ("The federal government captured two towns east of the river.", "The federal government", "two towns east of the river", "ASSAULT", "190"),
    ("Customs officers in Lagos seized the cargo ship.", "Customs officers in Lagos", "the cargo ship", "COERCE", "171"),
    # people taken in, experts sent, peacekeepers arriving
    ("Portugal opened its borders to families fleeing the fighting.", "Portugal", "families fleeing the fighting", "AID", "073"),
    ("Austria says it will not accept asylum seekers from Italy.", "Austria", "Italy", "REJECT", "120"),
    ("Chile accepted migrants fleeing the crisis in Haiti.", "Chile", "Haiti", "AID", "073"),
    ("Norway sent a team of water engineers to the flooded province.", "Norway", "the flooded province", "AID", "070"),
    ("Ghanaian peacekeepers arrived in Bangui on Friday.", "Ghanaian peacekeepers", "Bangui", "AID", "074"),
    ("The junta let free the jailed students.", "The junta", "the jailed students", "RETREAT", "0841"),
    ("The observers sent by the African Union will audit the vote count in Malawi.", "the African Union", "Malawi", "ACCUSE", "090"),
    # killings, a light verb's object on the path, curfew hours
    ("The militia was responsible for the killings of villagers in Ituri.", "The militia", "villagers in Ituri", "ASSAULT", "1823"),
    ("Peru lodged a complaint with the OAS about the border attack.", "Peru", "the OAS", "ACCUSE", "114"),
    ("The governor eased curfew hours in the eastern districts.", "The governor", "the eastern districts", "CONCEDE", "081"),
    # offered through the clauses that carry it; material support; charges; boycotts announced and done
    ("Norway has offered to send engineers to help the Malian army.", "Norway", "the Malian army", "AGREE", "033"),
    ("The rebels received financial support from the Gulf states.", "the Gulf states", "The rebels", "AID", "071"),
    ("A court in Minsk charged the blogger with treason.", "A court in Minsk", "the blogger", "ACCUSE", "115"),
    ("Prosecutors filed charges against the former mayor of Lima.", "Prosecutors", "the former mayor of Lima", "ACCUSE", "115"),
    ("The opposition said it will boycott the national dialogue in Bamako.", "The opposition", "the national dialogue in Bamako", "THREATEN", "133"),
    ("The opposition boycotted the parliamentary vote on the budget.", "The opposition", "the parliamentary vote on the budget", "PROTEST", "143"),
    ("The opposition boycotted the talks with the junta.", "The opposition", "the junta", "PROTEST", "143"),
    ("The opposition said it will boycott the talks with the junta.", "The opposition", "the junta", "THREATEN", "133"),
    ("Hundreds of Eritreans arrived in Sudan seeking asylum.", "Hundreds of Eritreans", "Sudan", "REQUEST", "1033"),
]  # fmt: skip
"""(sentence, source, target, PLOVER type, CAMEO code): constructions whose code is the point."""


@pytest.mark.parametrize(("text", "source", "target", "expected", "cameo"), CODED)
def test_constructions_get_their_type_and_code(
    nlp: Language, text: str, source: str, target: str, expected: str, cameo: str
) -> None:
    found = relate(nlp(text), source, target)
    assert (found.type, found.cameo) == (expected, cameo)


TYPED = [
    # a demand that others punish the target denounces it
    ("Two senators called for sanctions against Belarus.", "Two senators", "Belarus", "ACCUSE"),
    ("Amnesty called for an inquiry into the Zambian police.", "Amnesty", "the Zambian police", "ACCUSE"),
    ("Two senators called on Belarus to free the prisoners.", "Two senators", "Belarus", "REQUEST"),
    # refusals through light verbs decisions and material acts
    ("The rebels said they will not begin talks with the Malian government.", "The rebels", "the Malian government", "REJECT"),
    ("The premier said he will not travel to Seoul to meet the Korean president.", "The premier", "the Korean president", "REJECT"),
    ("Chile has decided to lift the sanctions imposed on Bolivia.", "Chile", "Bolivia", "RETREAT"),
    ("Sweden returned the stolen paintings of the old masters to Poland.", "Sweden", "Poland", "RETREAT"),
    ("Canada provided logistical support to the Haitian police.", "Canada", "the Haitian police", "AID"),
    ("Canada expressed support for the Haitian police.", "Canada", "the Haitian police", "SUPPORT"),
    ("Japan sent food and medicine to the Nepalese villages.", "Japan", "the Nepalese villages", "AID"),
    # documents carry their content names denounce and withheld permission refuses
    ("The senate passed a resolution condemning the Nicaraguan president.", "The senate", "the Nicaraguan president", "ACCUSE"),
    ("The mayor called the Danish consul a coward.", "The mayor", "the Danish consul", "ACCUSE"),
    ("The ministry did not give permission for the Kurdish rally.", "The ministry", "the Kurdish rally", "REJECT"),
    # permission and release
    ("The junta let the Chilean journalist free.", "The junta", "the Chilean journalist", "RETREAT"),
    ("The court granted the Kenyan activists permission to march.", "The court", "the Kenyan activists", "CONCEDE"),
    ("The governor denied permission to the Sikh procession.", "The governor", "the Sikh procession", "REJECT"),
    # troops sent to keep the peace are protection given
    ("Ghana deployed 300 soldiers in Mali to serve as peacekeepers.", "Ghana", "Mali", "AID"),
    ("Ghana deployed 300 soldiers in Mali to fight the rebels.", "Ghana", "Mali", "MOBILIZE"),
    # strikes called off recalled impositions accepted requests and returns
    ("Miners in Potosi called off their strike against the Bolivian government.", "Miners in Potosi", "the Bolivian government", "CONCEDE"),
    ("Chile will not lift the embargo it has imposed on Bolivia.", "Chile", "Bolivia", "REJECT"),
    ("The tribunal refused to accept a request from Serbia.", "The tribunal", "Serbia", "REJECT"),
    ("The rebels spurned the offers of the Malian government.", "The rebels", "the Malian government", "REJECT"),
    ("Italy returned a bronze statue that dates back to 300 BC to the Greek culture ministry.", "Italy", "the Greek culture ministry", "RETREAT"),
    # not until the other acts is a refusal
    ("The dockers will not end their strike until the port authority meets their demands.", "The dockers", "the port authority", "REJECT"),
    ("The dockers ended their strike after the port authority met their demands.", "The dockers", "the port authority", "CONCEDE"),
    # an after phrase is background to the main act
    ("The Latvian dockers called off their strike after reaching a deal with the port authority.", "The Latvian dockers", "the port authority", "CONCEDE"),
    ("After protests by the Latvian dockers against the port authority, the mayor resigned.", "the Latvian dockers", "the port authority", "PROTEST"),
    # violated agreements named by their kind and stepped up attacks
    ("The militia violated the ceasefire agreement with the Malian army.", "The militia", "the Malian army", "ASSAULT"),
    ("The insurgents stepped up attacks on Somali army bases.", "The insurgents", "Somali army bases", "ASSAULT"),
    # rejected cooperation and training
    ("Burma's junta rejected any cooperation with the UN envoy.", "Burma's junta", "the UN envoy", "REJECT"),
    ("French officers train Malian soldiers at a base near Bamako.", "French officers", "Malian soldiers", "COOPERATE"),
    # pressure is a demand and telling alone is not
    ("The governor is pressuring the Kenyan teachers to end their strike.", "The governor", "the Kenyan teachers", "REQUEST"),
    ("A spokesman for Uganda told the Kenyan reporters about the new tariffs.", "A spokesman for Uganda", "the Kenyan reporters", "CONSULT"),
    # acts promised unless the other acts and announced operations are threats
    ("The Libyan coast guard would let the migrants sail unless Italy paid for the patrols.", "The Libyan coast guard", "Italy", "THREATEN"),
    ("The general said the army will begin a military operation against the Tuareg rebels.", "the army", "the Tuareg rebels", "THREATEN"),
    # saying the target is to blame accuses it
    ("The Malian army said the Tuareg rebels were responsible for the ambush.", "The Malian army", "the Tuareg rebels", "ACCUSE"),
    ("The Malian army said the Tuareg rebels were ready for talks.", "The Malian army", "the Tuareg rebels", "CONSULT"),
    # an announced suspension is the suspension
    ("Norway announced a suspension of aid to Malawi.", "Norway", "Malawi", "SANCTION"),
    # people sent somewhere are sent for what they do there
    ("Canada will send a team of experts to Haiti to investigate the prison fire.", "Canada", "Haiti", "ACCUSE"),
]  # fmt: skip
"""(sentence, source, target, PLOVER type): one general construction per group, with its contrast where one matters."""


@pytest.mark.parametrize(("text", "source", "target", "expected"), TYPED)
def test_constructions_get_their_type(nlp: Language, text: str, source: str, target: str, expected: str) -> None:
    assert relate(nlp(text), source, target).type == expected
