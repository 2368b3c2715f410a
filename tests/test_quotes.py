"""Quote finding on sentences written for these tests (none taken from any corpus)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from spacy.language import Language

from detente.model import Quote
from detente.quotes import find_quotes
from detente.quotes_eval import evaluate_polnear, read_annotations


def quotes_of(nlp: Language, text: str, direct: bool | None = True) -> list[Quote]:
    """The quotes found in ``text``; only direct (or only indirect) ones unless ``direct`` is None."""
    found = find_quotes(nlp(text), "doc")
    return [q for q in found if direct is None or q.direct is direct]


def only(nlp: Language, text: str, direct: bool = True) -> Quote:
    """The one quote of ``text``, failing when there are more or fewer."""
    found = quotes_of(nlp, text, direct)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def speaker_text(quote: Quote) -> str | None:
    """The words naming the speaker."""
    return quote.speaker.text if quote.speaker else None


# --- the brief's shape ------------------------------------------------------------


def test_quote_spanning_two_parser_sentences_with_outlet(nlp: Language) -> None:
    text = (
        "He said, “President Putin says it’s not Russia. I don’t see any reason why it would be”, "
        "reported AFP."
    )
    quote = only(nlp, text)
    assert quote.text == "President Putin says it’s not Russia. I don’t see any reason why it would be"
    assert text[quote.start : quote.end] == quote.text
    assert speaker_text(quote) == "He"
    assert quote.cue is not None and quote.cue.text == "said"
    assert text[quote.cue.start : quote.cue.end] == "said"
    assert quote.reported_by == "AFP"
    assert quote.direct is True
    assert quote.speaker is not None and quote.speaker.actor is None


def test_speaker_offsets_point_into_text(nlp: Language) -> None:
    text = "Late on Friday, “We had a long and frank exchange,” Macron said."
    quote = only(nlp, text)
    assert quote.speaker is not None
    assert text[quote.speaker.start : quote.speaker.end] == "Macron"
    assert quote.speaker.name == "Macron"


# --- position of the quote against its cue --------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("“We had a good talk,” Macron said.", "We had a good talk", "Macron", "said"),
        ('"The border stays closed," the Polish minister said.', "The border stays closed",
         "the Polish minister", "said"),
        ("“No,” Putin replied.", "No", "Putin", "replied"),
        ("“The deal is dead,” said Iranian Foreign Minister Abbas Araghchi.", "The deal is dead",
         "Iranian Foreign Minister Abbas Araghchi", "said"),
        ("“Our patience has limits,” says President Biden.", "Our patience has limits",
         "President Biden", "says"),
    ],
)
def test_quote_before_cue(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    quote = only(nlp, text)
    assert quote.text == content
    assert speaker_text(quote) == speaker
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("He said, “We will not negotiate under threats.”", "We will not negotiate under threats.",
         "He", "said"),
        ("The former US President wrote: \"China is cheating on trade.\"",
         "China is cheating on trade.", "The former US President", "wrote"),
        ("The Kremlin insisted: “Nothing has been agreed yet.”", "Nothing has been agreed yet.",
         "The Kremlin", "insisted"),
        ("Merkel warned, “Europe must act together or it will not act at all.”",
         "Europe must act together or it will not act at all.", "Merkel", "warned"),
    ],
)
def test_quote_after_cue(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    quote = only(nlp, text)
    assert quote.text == content
    assert speaker_text(quote) == speaker
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "“We talked,” she said, “about trade and about the pipeline.”",
        "“We talked,” said Putin, “about trade and about the pipeline.”",
        '"We talked," the chancellor added, "about trade and about the pipeline."',
    ],
)
def test_quote_split_around_cue(nlp: Language, text: str) -> None:
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == ["We talked", "about trade and about the pipeline."]
    speakers = {speaker_text(q) for q in found}
    assert len(speakers) == 1 and None not in speakers


def test_single_curly_quotes(nlp: Language) -> None:
    quote = only(nlp, "‘We are ready to talk,’ Lavrov told Blinken.")
    assert quote.text == "We are ready to talk"
    assert speaker_text(quote) == "Lavrov"
    assert quote.addressee is not None and quote.addressee.text == "Blinken"


def test_single_quoted_single_word_is_not_a_quote(nlp: Language) -> None:
    assert quotes_of(nlp, "The talks were described as ‘useful’ by diplomats in the corridor.") == []


def test_nested_single_quotes_and_apostrophes_stay_inside(nlp: Language) -> None:
    text = "“It’s the leaders’ choice and ‘they will decide’ soon,” he added."
    quote = only(nlp, text)
    assert quote.text == "It’s the leaders’ choice and ‘they will decide’ soon"
    assert speaker_text(quote) == "he"
    assert quote.cue is not None and quote.cue.text == "added"


# --- partial quotes ---------------------------------------------------------------


def test_partial_quotes_take_subject_of_governing_verb(nlp: Language) -> None:
    text = (
        "Trump called the talks “very productive” on Monday, telling the journalist Bob Woodward "
        "the “tougher and meaner” strongmen were, “the better I get along with them”."
    )
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == [
        "very productive",
        "tougher and meaner",
        "the better I get along with them",
    ]
    assert all(speaker_text(q) == "Trump" for q in found)
    assert found[2].addressee is not None and found[2].addressee.text == "Bob Woodward"


def test_partial_quote_in_clause(nlp: Language) -> None:
    quote = only(nlp, "The minister described the proposal as “a serious step backwards” for the region.")
    assert quote.text == "a serious step backwards"
    assert speaker_text(quote) == "The minister"


# --- speakers, addressees and outlets ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        ("Erdogan told Putin, “We need a ceasefire now.”", "Erdogan", "Putin"),
        ("“Nobody wants a war,” the envoy said to reporters.", "the envoy", "reporters"),
        ("“We stand with Kyiv,” Scholz told reporters in Berlin.", "Scholz", "reporters"),
    ],
)
def test_addressee(nlp: Language, text: str, speaker: str, addressee: str) -> None:
    quote = only(nlp, text)
    assert speaker_text(quote) == speaker
    assert quote.addressee is not None and quote.addressee.text == addressee


@pytest.mark.parametrize(
    ("text", "speaker", "outlet"),
    [
        ('"It is over," Dmitry Peskov, the Kremlin spokesman, told the BBC.', "Dmitry Peskov", "BBC"),
        ("Zelensky told Fox News: “We need more weapons and we need them now.”", "Zelensky", "Fox News"),
        ("“This is a test of our unity,” said Stoltenberg, according to Reuters.", "Stoltenberg", "Reuters"),
        ("“We will retaliate,” the spokesman said in an interview with CNN.", "the spokesman", "CNN"),
        ("“The sanctions will hurt Europe more,” Lavrov said, the Washington Post reported.", "Lavrov",
         "Washington Post"),
        ("“The sanctions will hurt Europe more,” Lavrov said, reported Washington Post.", "Lavrov",
         "Washington Post"),
        ("“We are not going anywhere,” Maduro told the Daily Planet Gazette.", "Maduro",
         "Daily Planet Gazette"),
    ],
)
def test_reported_by(nlp: Language, text: str, speaker: str, outlet: str) -> None:
    quote = only(nlp, text)
    assert speaker_text(quote) == speaker
    assert quote.reported_by == outlet
    assert quote.addressee is None


def test_outlet_alone_is_not_the_speaker(nlp: Language) -> None:
    quote = only(nlp, "“Talks will resume in May,” AFP reported.")
    assert quote.reported_by == "AFP"
    assert quote.speaker is None


def test_according_to_person_is_the_speaker(nlp: Language) -> None:
    quote = only(nlp, "“The army is ready for anything,” according to Defence Minister Shoigu.")
    assert speaker_text(quote) == "Defence Minister Shoigu"
    assert quote.cue is not None and quote.cue.text == "according to"


def test_pronoun_speaker_stays_pronoun(nlp: Language) -> None:
    quote = only(nlp, "“We are not afraid of anyone,” she declared.")
    assert speaker_text(quote) == "she"
    assert quote.cue is not None and quote.cue.text == "declared"


# --- continuation -------------------------------------------------------------------


def test_uncued_quote_continues_previous_speaker_in_paragraph(nlp: Language) -> None:
    text = "“We will not back down,” the US President said. “Sanctions stay. Nothing changes.”"
    first, second = quotes_of(nlp, text)
    assert speaker_text(first) == "the US President"
    assert second.text == "Sanctions stay. Nothing changes."
    assert speaker_text(second) == "the US President"
    assert second.cue is None


def test_quote_reopened_in_next_paragraph(nlp: Language) -> None:
    text = "The Kremlin said, “We reject this proposal.\n\n“And we will respond in kind.”\n"
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == ["We reject this proposal.", "And we will respond in kind."]
    assert [speaker_text(q) for q in found] == ["The Kremlin", "The Kremlin"]
    assert all("\n" not in q.text for q in found)


def test_unclosed_quote_stops_at_paragraph_end(nlp: Language) -> None:
    text = "Peskov said, “We have nothing to add to this\nThe meeting ended at noon.\n"
    quote = only(nlp, text)
    assert quote.text == "We have nothing to add to this"
    assert speaker_text(quote) == "Peskov"


def test_stray_unclosed_mark_is_not_a_quote(nlp: Language) -> None:
    text = "An unrelated “broken mark in the middle of a line\nNext paragraph here.\n"
    assert quotes_of(nlp, text) == []


def test_different_speakers_are_not_merged(nlp: Language) -> None:
    text = "“We want peace,” Putin said.\nBiden answered later. “We want results.”"
    first, second = quotes_of(nlp, text)
    assert speaker_text(first) == "Putin"
    assert speaker_text(second) != "Putin"


# --- false quotes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “reset” with Moscow failed within two years.",
        "They watched the film “Top Gun” together in Washington.",
        "Trump said he liked the film “Top Gun” a lot.",
        "The Kremlin’s “red lines” remain unclear to diplomats.",
        'Critics mocked the "peace plan" as unrealistic.',
        "It’s Russia’s view, and they don’t hide it.",
        "He’s the leaders’ favourite, isn’t he?",
    ],
)
def test_no_false_quotes(nlp: Language, text: str) -> None:
    assert quotes_of(nlp, text) == []


# --- indirect attributions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Peskov told reporters that the Kremlin had no plans to attack.",
         "the Kremlin had no plans to attack", "Peskov", "told"),
        ("The talks failed, he said.", "The talks failed", "he", "said"),
        ("Biden insisted the sanctions would stay in place.", "the sanctions would stay in place",
         "Biden", "insisted"),
        ("The Chinese foreign ministry denied that any troops had crossed the border.",
         "any troops had crossed the border", "The Chinese foreign ministry", "denied"),
        ("According to Ambassador Nebenzia, the vote was rigged.", "the vote was rigged",
         "Ambassador Nebenzia", "According to"),
    ],
)
def test_indirect(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    quote = only(nlp, text, direct=False)
    assert quote.text == content
    assert text[quote.start : quote.end] == content
    assert speaker_text(quote) == speaker
    assert quote.cue is not None and quote.cue.text == cue


def test_indirect_with_outlet(nlp: Language) -> None:
    quote = only(nlp, "According to the Washington Post, Biden met Putin in Geneva.", direct=False)
    assert quote.reported_by == "Washington Post"
    assert quote.speaker is None
    told = only(nlp, "Russian President Vladimir Putin told CNN in an interview that he was ready.", False)
    assert speaker_text(told) == "Russian President Vladimir Putin"
    assert told.reported_by == "CNN"


def test_direct_quote_is_not_repeated_as_indirect(nlp: Language) -> None:
    found = quotes_of(nlp, "He said, “We will win this war.”", direct=None)
    assert [q.direct for q in found] == [True]


def test_text_order(nlp: Language) -> None:
    text = "Biden said the talks were useful. “We made progress,” Putin said."
    found = quotes_of(nlp, text, direct=None)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert [q.direct for q in found] == [False, True]


# --- speakers the parse does not hand over ------------------------------------------------


def overlaps(quote: Quote, text: str, words: str) -> bool:
    """Whether the quote's speaker span overlaps ``words`` in ``text``."""
    assert quote.speaker is not None and quote.speaker.start is not None and quote.speaker.end is not None
    start = text.index(words)
    return quote.speaker.start < start + len(words) and start < quote.speaker.end


def test_quoted_words_are_never_the_speaker(nlp: Language) -> None:
    text = "“If this law passes, it will hurt every farmer in the valley,” Deputy Minister Lena Ortiz said."
    quote = only(nlp, text)
    assert overlaps(quote, text, "Lena Ortiz")
    assert quote.speaker is not None and quote.speaker.start > quote.end


def test_press_secretary_is_a_person_not_an_outlet(nlp: Language) -> None:
    text = "“The veto stands and we will not negotiate,” White House Press Secretary Dana Kirk said."
    quote = only(nlp, text)
    assert overlaps(quote, text, "Dana Kirk")
    assert quote.reported_by is None


def test_cue_before_name_with_colon(nlp: Language) -> None:
    text = "Said Mr. Alvarez: “I do not see any reason for hope in this budget.”"
    assert overlaps(only(nlp, text), text, "Alvarez")


def test_cue_in_the_sentence_after_the_quote(nlp: Language) -> None:
    text = "“Does anyone remember what the plan for the harbour was?” Senator Alvarez asked. “Nobody does, and nobody will.”"
    found = quotes_of(nlp, text)
    assert len(found) == 2
    assert all(overlaps(q, text, "Senator Alvarez") for q in found)


def test_speech_verb_in_the_sentence_before(nlp: Language) -> None:
    text = (
        "The ministry may wait until the harvest is over, Alvarez said. "
        "“The other problem is money, and nobody in the province has any.”"
    )
    assert overlaps(only(nlp, text), text, "Alvarez")


def test_colon_after_a_sentence_introducing_the_quote(nlp: Language) -> None:
    text = "The governor has a new message for farmers: “Plant early and plant often this year.”"
    assert overlaps(only(nlp, text), text, "The governor")


def test_name_signing_after_a_dash(nlp: Language) -> None:
    text = "“He has no plan for the border and no plan for the economy.” ― Maria Gomez\n"
    assert speaker_text(only(nlp, text)) == "Maria Gomez"


def test_transcript_turn(nlp: Language) -> None:
    text = "“HOST: Will you run again next year? Tell us now, please.”"
    assert speaker_text(only(nlp, text)) == "HOST"


def test_date_after_cue_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "“We will reach a fair result in this case,” Police Chief Tom Baker said Monday. "
        "“I promise that to every family here tonight.”"
    )
    found = quotes_of(nlp, text)
    assert len(found) == 2
    assert all(overlaps(q, text, "Tom Baker") for q in found)
    assert all(speaker_text(q) != "Monday" for q in found)


def test_object_of_a_cue_is_not_an_inverted_speaker(nlp: Language) -> None:
    text = "The singer smiled at the crowd before asking her sister, “Where do we go from here?”"
    quote = only(nlp, text)
    assert overlaps(quote, text, "The singer")


def test_partial_quote_under_a_verb_of_judging(nlp: Language) -> None:
    text = "In a speech on Friday, the senator branded the proposal “a disgrace to the whole nation.”"
    assert overlaps(only(nlp, text), text, "the senator")


def test_as_someone_put_it(nlp: Language) -> None:
    text = "As the governor put it in a statement, “the budget is balanced at last and will stay so.”"
    assert overlaps(only(nlp, text), text, "the governor")


def test_more_speech_verbs(nlp: Language) -> None:
    text = "“Why is this bank still open after all these years?” Senator Ruiz demanded."
    assert overlaps(only(nlp, text), text, "Senator Ruiz")


def test_two_apostrophes_as_quote_marks(nlp: Language) -> None:
    text = "''We will not back down from this fight,'' the mayor said on Tuesday."
    quote = only(nlp, text)
    assert quote.text == "We will not back down from this fight"
    assert overlaps(quote, text, "the mayor")


def test_paragraph_opened_with_closing_mark(nlp: Language) -> None:
    text = "”We are tired of waiting for the council to act,” said Ana Lopez.\n"
    quote = only(nlp, text)
    assert quote.text == "We are tired of waiting for the council to act"
    assert overlaps(quote, text, "Ana Lopez")


# --- more indirect attributions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("A new poll shows that the governor is losing support in rural areas.",
         "the governor is losing support in rural areas", "A new poll"),
        ("Most economists believe the new tariff will raise prices for months.",
         "the new tariff will raise prices for months", "Most economists"),
        ("The new tax, the minister said, would fall mostly on large companies.",
         "would fall mostly on large companies", "the minister"),
        ("The governor urged lawmakers to pass the budget before the holiday.",
         "lawmakers to pass the budget before the holiday", "The governor"),
        ("The union called for a national strike next month.", "a national strike next month", "The union"),
        ("The opposition called the election results a fraud.", "the election results a fraud", "The opposition"),
        ("The mayor cited the rising cost of housing.", "the rising cost of housing", "The mayor"),
    ],
)  # fmt: skip
def test_more_indirect_constructions(nlp: Language, text: str, content: str, speaker: str) -> None:
    quote = only(nlp, text, direct=False)
    assert content in quote.text
    assert text[quote.start : quote.end] == quote.text
    assert speaker_text(quote) == speaker


def test_a_phone_call_is_not_a_naming(nlp: Language) -> None:
    assert quotes_of(nlp, "The president called the prime minister on Monday.", direct=None) == []


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  ", "“", "”", '"', "“”", "He said “", "‘’’ ‘ “ ” \" «"])
def test_degenerate_input_never_crashes(nlp: Language, text: str) -> None:
    for quote in find_quotes(nlp(text), "doc"):
        assert 0 <= quote.start <= quote.end <= len(text)


def test_long_text_runs_in_linear_time(nlp: Language) -> None:
    paragraph = "“We will keep talking,” the minister said. The weather was “quite” cold, he noted.\n"
    small, large = paragraph * 20, paragraph * 200
    small_doc, large_doc = nlp(small), nlp(large)
    began = time.perf_counter()
    small_found = find_quotes(small_doc, "doc")
    small_time = time.perf_counter() - began
    began = time.perf_counter()
    large_found = find_quotes(large_doc, "doc")
    large_time = time.perf_counter() - began
    assert len(large_found) == 10 * len(small_found) > 0
    assert large_time < 30 * small_time + 0.5


# --- PolNeAR scorer, on a made-up article in brat standoff -----------------------------


def write_brat(folder: Path) -> str:
    """A two-sentence article with one direct and one indirect attribution."""
    text = "“We will talk again,” the envoy said.\nOfficials said the meeting was cancelled.\n"
    (folder / "text").mkdir()
    (folder / "attributions").mkdir()
    (folder / "text" / "wire_2024-01-01_envoy.txt").write_text(text, encoding="utf-8")
    ann = [
        "T1\tContent 0 21\t“We will talk again,”",
        "T2\tSource 22 31\tthe envoy",
        "T3\tCue 32 36\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        "T4\tSource 38 47\tOfficials",
        "T5\tCue 48 52\tsaid",
        "T6\tContent 53 70;70 79\tthe meeting was cancelled.",
        "E2\tAttribution-no-source:T5 Content:T6 Cue:T5 Source:T4",
    ]
    (folder / "attributions" / "wire_2024-01-01_envoy_ab12.ann").write_text("\n".join(ann), encoding="utf-8")
    return text


def test_read_annotations(tmp_path: Path) -> None:
    text = write_brat(tmp_path)
    golds = read_annotations(tmp_path / "attributions" / "wire_2024-01-01_envoy_ab12.ann", text)
    assert [g.direct for g in golds] == [True, False]
    assert golds[1].content == [(53, 70), (70, 79)]
    assert golds[0].source == [(22, 31)]


def test_evaluate_polnear(nlp: Language, tmp_path: Path) -> None:
    write_brat(tmp_path)
    scores = evaluate_polnear(tmp_path)
    assert scores["articles"] == 1
    assert scores["overlap_all"]["f1"] == 1.0
    assert scores["overlap_direct"]["gold"] == 1
    assert scores["speaker_accuracy"] == 1.0
    assert scores["speaker_accuracy_direct"] == 1.0
    assert scores["speaker_accuracy_direct_when_given"] == 1.0
    assert scores["speaker_pairs_direct"] == 1


def test_resolved_speakers_keep_their_words() -> None:
    from detente.model import Article
    from detente.pipeline import analyse

    text = (
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Monday.\n"
        "“Our partnership has no limits,” the Russian leader said after the talks, joking with reporters.\n"
        "Putin later told journalists: “We will sign more agreements next year.”\n"
    )
    result = analyse(Article(id="doc", text=text, published="2024-05-16"))
    assert result.quotes
    for quote in result.quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.start is not None and speaker.end is not None:
            assert text[speaker.start : speaker.end] == speaker.text
