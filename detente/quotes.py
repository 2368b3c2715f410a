"""Find quotes in a parsed article: what was said, by whom, to whom, relayed by which outlet.

Direct quotes are found from the quote marks in the raw text, not from the parse:
the parser splits long quotes into several sentences and misreads curly marks, while
the marks themselves are reliable once apostrophes are told apart. The parse is used
only to attribute each quoted stretch: the speech verb near it (the *cue*), that verb's
subject (the *speaker*), its object (the *addressee*) and any outlet that relayed it.
A second pass adds indirect attributions ("X said that ...", "according to X, ...")
with ``direct=False``.

Speakers are left as the words of the text ("He", "the Kremlin"); resolving them to
actors is the caller's job, so ``Speaker.actor`` stays ``None``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from detente.model import Quote, Span, Speaker


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one readable block."""
    return frozenset(words.split())


OUTLETS_CSV = Path(__file__).resolve().parent / "data" / "kb" / "outlets.csv"
"""Known news outlets (``name,aliases,country``); optional, see ``_outlet_names``."""

SPEECH_LEMMAS = _word_set(
    """say tell insist deny warn add ask declare write tweet stress note joke claim state
    announce argue assert explain acknowledge admit confirm reply respond answer remark
    recall urge caution complain suggest predict promise vow pledge observe comment
    continue quip shout repeat reiterate report describe call dub term label post
    speak concede contend maintain emphasise emphasize charge accuse demand exclaim
    wonder plead boast yell scream whisper mutter retort counter interject recount
    lament scold proclaim read testify"""
)
"""Verbs whose subject is the source of a nearby quote (``call``/``describe`` cover
partial quotes like 'called the talks “very productive”')."""

INDIRECT_LEMMAS = _word_set(
    """say tell insist deny warn add declare write tweet stress note claim state announce
    argue assert explain acknowledge admit confirm reply respond predict promise vow
    pledge suggest remark report concede contend maintain emphasise emphasize"""
)
"""Speech verbs that introduce reported speech in a clause ("X said that ...")."""

BELIEF_LEMMAS = _word_set(
    """believe think show find agree estimate indicate reveal disclose feel expect fear hope
    conclude worry allege signal mention recall hint doubt acknowledge suspect learn
    project forecast guess imply"""
)
"""Verbs of thinking and finding whose clause is an attribution ("polls show that ...")."""

ACTION_LEMMAS = _word_set("tell urge ask agree promise pledge vow call demand")
"""Verbs whose infinitive (or "call for") is the act asked for or promised."""

NAMING_LEMMAS = _word_set("cite call describe label dub brand")
"""Verbs whose object is what the source cites or names ("called the plan a disaster")."""

ADDRESSEE_LEMMAS = frozenset({"tell", "ask", "assure", "inform", "warn", "urge", "remind", "promise"})
"""Verbs whose direct object is the person spoken to."""

WIRE_OUTLETS = frozenset(
    """AFP|AP|Reuters|Associated Press|Agence France-Presse|Bloomberg|CNN|BBC|Xinhua|TASS|
    Interfax|RIA Novosti|Al Jazeera|NPR|Fox News|NBC|CBS|ABC|Axios|Politico|dpa|ANSA|
    Kyodo|Yonhap|Anadolu""".replace("\n", "").replace("    ", "").split("|")
)
"""Outlets recognised even when the outlet list is absent: the wires quoted everywhere."""

MEDIA_WORDS = re.compile(
    r"\b(?:Times|Post|News|Agency|Journal|Press|Radio|TV|Television|Broadcasting|Gazette|Herald|"
    r"Tribune|Telegraph|Guardian|Daily|Network|Channel|Magazine|Wire|Newspaper|Izvestia|Kommersant|"
    r"Monitor|Chronicle|Observer|Economist|Independent|Mail|Express|Sun|Standard|Review|Week|"
    r"Weekly|Today|Bulletin|Dispatch|Inquirer)\b"
)
"""Words that make a proper name an outlet's ("the Washington Post", "Fox News")."""

NP_LEFT_DEPS = _word_set("det amod compound poss nmod nummod quantmod advmod npadvmod")
"""Dependents kept on the left of a noun-phrase head: "the former US President"."""

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "dep", "appos", "oprd"})
"""Labels the parser gives a post-verbal subject in "..., reported AFP" or "said Putin"."""

CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "relcl", "pcomp"})
"""How a subjectless cue ("telling ...", "and said") hangs off the verb that has the subject."""

NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})

CLOSERS_OF = {"“": ("”", '"'), '"': ('"', "”"), "‘": ("’",), "«": ("»",), "''": ("''",)}
"""Which marks close an opening mark: mixed straight/curly double pairs occur in scraped text,
and two apostrophes stand for double quotes in wire and archive text (''Yes,'' she said)."""

SHORT_QUOTE_WORDS = 2
"""Quoted phrases this short are scare quotes or titles unless a speech verb governs them."""

_MARKS = re.compile(r"''|[“”\"‘’«»]")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_LINE = re.compile(r"[^\n]+")
_TRAIL = " \t\r,;:—–-"


@dataclass
class _Segment:
    """One stretch between quote marks inside one paragraph."""

    open_at: int
    start: int
    end: int
    close_end: int
    paragraph: int
    opener: str
    closed: bool
    reopens_previous: bool = False
    continued: bool = False


@dataclass
class _Attribution:
    """What the words around a quote say about it."""

    cue: Token | None = None
    cue_span: tuple[int, int] | None = None
    """Token range of the cue words."""
    governed: bool = False
    speaker: Speaker | None = None
    addressee: Speaker | None = None
    reported_by: str | None = None
    used: set[int] = field(default_factory=set)


def find_quotes(doc: Doc, doc_id: str) -> list[Quote]:
    """Every direct quote, then every indirect attribution not covering one, in text order."""
    text = doc.text
    if not text.strip():
        return []
    segments = _segments(text)
    in_quote = _quoted_tokens(doc, segments)
    direct, used_cues = _direct_quotes(doc, text, doc_id, segments, in_quote)
    indirect = _indirect_quotes(doc, doc_id, in_quote, used_cues)
    return sorted(direct + indirect, key=lambda q: (q.start, q.end))


# --- quote marks -----------------------------------------------------------------


def _segments(text: str) -> list[_Segment]:
    """The quoted stretches of every paragraph, with newspaper continuations flagged.

    Why per paragraph: a missing closing mark must never swallow the rest of the article.
    A paragraph left open is continued only when the next paragraph re-opens the quote.
    """
    out: list[_Segment] = []
    previous_open: str | None = None
    for index, line in enumerate(_LINE.finditer(text)):
        if not line.group().strip():
            continue
        found = _scan_paragraph(text, line.start(), line.end(), index)
        if found and previous_open is not None:
            first = found[0]
            if first.opener == previous_open and not text[line.start() : first.open_at].strip():
                first.reopens_previous = True
                out[-1].continued = True
        previous_open = found[-1].opener if found and not found[-1].closed else None
        out.extend(found)
    return out


def _scan_paragraph(text: str, start: int, end: int, paragraph: int) -> list[_Segment]:
    """Pair the quote marks of one paragraph, ignoring apostrophes and nested quotes."""
    found: list[_Segment] = []
    opener: str | None = None
    open_at = 0
    for match in _MARKS.finditer(text, start, end):
        i, mark = match.start(), match.group()
        before = text[i - 1] if i > start else " "
        after = text[i + len(mark)] if i + len(mark) < end else " "
        if opener is None:
            if mark == "”" and i == start and after.isalnum():
                mark = "“"  # a paragraph opened with the wrong curly mark
            if _opens(mark, before, after):
                opener, open_at = mark, i
        elif mark in CLOSERS_OF[opener] and _closes(mark, before, after):
            found.append(_segment(text, open_at, i, paragraph, opener, closed=True, close_len=len(mark)))
            opener = None
    if opener is not None:
        found.append(_segment(text, open_at, end, paragraph, opener, closed=False))
    return [s for s in found if s.end > s.start]


def _opens(mark: str, before: str, after: str) -> bool:
    """Whether a mark opens a quote: curly openers always, others only before a word."""
    if mark == "“" or mark == "«":
        return not after.isspace()
    if mark == '"' or mark == "''":
        return not after.isspace() and not before.isalnum()
    if mark == "‘":
        return (after.isalnum() or after in "“\"") and not before.isalnum()
    return False


def _closes(mark: str, before: str, after: str) -> bool:
    """Whether a mark closes the open quote; ’ between letters is an apostrophe (it’s)."""
    if mark == "’":
        return not after.isalnum() and not before.isspace()
    if mark == '"' or mark == "''":
        return not after.isalnum()
    return True


def _segment(
    text: str, open_at: int, close_at: int, paragraph: int, opener: str, closed: bool, close_len: int = 1
) -> _Segment:
    """A segment whose content is trimmed of spaces and of the comma before a cue."""
    start, end = open_at + len(opener), close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    close_end = close_at + close_len if closed else close_at
    return _Segment(open_at, start, end, close_end, paragraph, opener, closed)


def _quoted_tokens(doc: Doc, segments: list[_Segment]) -> list[bool]:
    """Per token: whether it lies inside quote marks (mark included), for cue search."""
    flags = [False] * len(doc)
    for seg in segments:
        for token in _tokens_between(doc, seg.open_at, max(seg.close_end, seg.end)):
            flags[token.i] = True
    return flags


def _tokens_between(doc: Doc, start: int, end: int) -> SpacySpan:
    """The tokens touching ``[start, end)``, empty when none do."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


# --- direct quotes ---------------------------------------------------------------


def _direct_quotes(
    doc: Doc, text: str, doc_id: str, segments: list[_Segment], in_quote: list[bool]
) -> tuple[list[Quote], set[int]]:
    """Attribute each segment, drop scare quotes and titles, carry speakers forward."""
    quotes: list[Quote] = []
    used_cues: set[int] = set()
    last: tuple[int, Quote] | None = None
    for seg in segments:
        content = _tokens_between(doc, seg.start, seg.end)
        if not len(content) or not _WORD.search(text[seg.start : seg.end]):
            continue
        found = _attribute(doc, text, seg, content, in_quote)
        if not _is_real_quote(text, seg, found):
            continue
        quote = _quote(doc, text, doc_id, seg, found)
        transcript = _transcript_speaker(doc, text, seg)
        if transcript is not None:
            quote = replace(quote, speaker=_speaker(transcript))
        if quote.speaker is None and last is not None and _continues(seg, last[0], text):
            quote = replace(quote, speaker=last[1].speaker, reported_by=last[1].reported_by)
        if quote.speaker is None and quote.reported_by is None:
            before = _speaker_before(doc, text, seg, in_quote)
            if before is not None:
                quote = replace(quote, speaker=_speaker(before))
        quotes.append(quote)
        used_cues |= found.used
        if quote.speaker is not None:
            last = (seg.paragraph, quote)
    return quotes, used_cues


_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’ -]*[A-Z]):\s")
"""A transcript turn: the speaker in capitals, then a colon ("ROE: Well, ...")."""


def _transcript_speaker(doc: Doc, text: str, seg: _Segment) -> SpacySpan | None:
    """The capitalised name opening a quoted transcript turn."""
    turn = _TRANSCRIPT.match(text, seg.start, seg.end)
    if turn is None or len(turn.group(1)) < 2:
        return None
    name = _tokens_between(doc, turn.start(1), turn.end(1))
    return name if len(name) else None


def _speaker_before(doc: Doc, text: str, seg: _Segment, in_quote: list[bool]) -> SpacySpan | None:
    """Who speaks in the sentence just before an unattributed quote, in the same paragraph.

    Covers 'Roe said the talks failed. “We tried.”' (the speech verb's subject) and
    'Roe had a message: “We tried.”' (the subject of a sentence introducing the quote).
    """
    first = _tokens_between(doc, seg.open_at, seg.open_at + 1)
    if not len(first):
        return None
    sent = first[0].sent
    lead = text[sent.start_char : seg.open_at].rstrip()
    if lead.endswith(":"):
        root = sent.root
        subject = None if in_quote[root.i] else _subject(root, in_quote)
        if subject is not None and subject.pos_ in NOUN_POS:
            return _np_span(subject)
    if lead or sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    if "\n" in text[previous.end_char - 1 if previous.end_char else 0 : seg.open_at]:
        return None
    for token in reversed(previous):
        if in_quote[token.i] or not _is_cue(token):
            continue
        subject = _subject(token, in_quote)
        if subject is not None and not _is_outlet_token(subject):
            return _np_span(subject)
    return None


def _continues(seg: _Segment, paragraph: int, text: str) -> bool:
    """Whether an unattributed quote goes on from the last attributed one.

    Same paragraph, a re-opened quote, or a paragraph that is nothing but a quote
    right after the attributed one: the newspaper habit of naming the speaker once.
    """
    if seg.paragraph == paragraph or seg.reopens_previous:
        return True
    if seg.paragraph != paragraph + 1:
        return False
    line_start = text.rfind("\n", 0, seg.open_at) + 1
    return not text[line_start : seg.open_at].strip()


def _quote(doc: Doc, text: str, doc_id: str, seg: _Segment, found: _Attribution) -> Quote:
    """The record for one segment."""
    return Quote(
        doc_id=doc_id,
        start=seg.start,
        end=seg.end,
        text=text[seg.start : seg.end],
        cue=_cue_span(doc, found),
        speaker=found.speaker,
        addressee=found.addressee,
        reported_by=found.reported_by,
        direct=True,
    )


def _cue_span(doc: Doc, found: _Attribution) -> Span | None:
    """The cue words as a record span."""
    if found.cue_span is None:
        return None
    words = doc[found.cue_span[0] : found.cue_span[1]]
    return Span(words.text, words.start_char, words.end_char)


def _is_real_quote(text: str, seg: _Segment, found: _Attribution) -> bool:
    """Tell quotes from scare quotes, titles and nicknames.

    A short phrase counts only when a speech verb governs it or sits right beside it;
    a title-cased phrase with no sentence punctuation is a name ("Top Gun") unless
    it is attributed right beside its cue.
    """
    if seg.reopens_previous:
        return True
    if not seg.closed and not seg.continued and found.cue is None:
        return False
    content = text[seg.start : seg.end]
    words = _WORD.findall(content)
    if seg.opener == "‘" and len(words) < 2:
        return False
    adjacent = found.cue is not None and not found.governed
    if _looks_like_title(words, content) and not (adjacent and found.speaker is not None):
        return False
    if len(words) <= SHORT_QUOTE_WORDS:
        return found.cue is not None
    return True


def _looks_like_title(words: list[str], content: str) -> bool:
    """Every word capitalised (small words aside) and no sentence punctuation."""
    if not words or content.rstrip()[-1:] in ".?!" or len(words) > 6:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _frame(doc: Doc, text: str, seg: _Segment, in_quote: list[bool]) -> list[Token]:
    """The unquoted tokens of the sentences a quote touches, within its paragraph.

    Why several sentences: the parser ends sentences inside quotes, so the cue of
    'He said, “A. B”, reported X.' is in the first sentence and the outlet in the last.
    """
    first = _tokens_between(doc, seg.open_at, seg.open_at + 1)
    last = _tokens_between(doc, max(seg.close_end - 1, seg.start), max(seg.close_end, seg.start + 1))
    if not len(first) or not len(last):
        return []
    begin, stop = first[0].sent.start, last[-1].sent.end
    if not text[doc[begin].idx : seg.open_at].strip() and begin > 0:
        previous = doc[begin - 1].sent
        if previous.text.rstrip().endswith(":"):
            begin = previous.start
    following = _tail_sentence(doc, text, seg, stop, in_quote)
    if following is not None:
        stop = following.end
    return [t for t in doc[begin:stop] if not in_quote[t.i] and not t.is_space]


TAIL_CUE_WINDOW = 12
"""How far into the next sentence a trailing cue may sit ('“...?” asked the senator from Ohio.')."""


def _tail_sentence(doc: Doc, text: str, seg: _Segment, stop: int, in_quote: list[bool]) -> SpacySpan | None:
    """The sentence right after a quote when it is only its attribution: '“...?” Roe asked.'

    Why: the parser ends the sentence at the quote's own '?' or '.', cutting the cue off.
    Taken only when nothing but a name (or nothing) stands between the quote and the cue.
    """
    if not seg.closed or stop >= len(doc):
        return None
    after = next((t for t in doc[stop:] if not t.is_space), None)
    if after is None or in_quote[after.i] or "\n" in text[seg.close_end : after.idx]:
        return None
    if after.idx < seg.close_end or text[seg.close_end : after.idx].strip():
        return None
    sent = after.sent
    for token in doc[after.i : min(sent.end, after.i + TAIL_CUE_WINDOW)]:
        if in_quote[token.i]:
            return None
        if _is_cue(token):
            return sent
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _attribute(doc: Doc, text: str, seg: _Segment, content: SpacySpan, in_quote: list[bool]) -> _Attribution:
    """Cue, speaker, addressee and outlet for one quoted segment."""
    frame = _frame(doc, text, seg, in_quote)
    framed = {t.i for t in frame}
    found = _Attribution()
    found.reported_by = _outlet_in(frame)
    cue, governed = _pick_cue(content, frame, framed)
    if cue is not None:
        found.cue, found.governed = cue, governed
        found.cue_span = (cue.i, cue.i + 1)
        found.used.add(cue.i)
        _fill_from_cue(found, cue, in_quote)
        return found
    according = _according_to(frame)
    if according is not None:
        marker, source = according
        found.cue = marker
        found.cue_span = (marker.i, marker.i + 2)
        _fill_from_source(found, source)
        return found
    signed = _dash_signature(doc, text, seg, in_quote)
    if signed is not None:
        found.speaker = _speaker(signed)
        return found
    verb = _governing_verb(content, framed)
    if verb is not None:
        subject = _subject(verb, in_quote)
        if subject is not None and _names_someone(subject):
            _fill_from_source(found, subject)
    return found


def _governing_verb(content: SpacySpan, framed: set[int]) -> Token | None:
    """The main verb of the sentence the quoted words hang from: 'Roe branded it “a farce”'.

    The top verb rather than the nearest: in 'A report found that the money came from
    “crime”' the source is the report, not the money.
    """
    for token in content:
        found = None
        for ancestor in _ancestors_outside(token, content):
            if ancestor.i not in framed:
                break
            if ancestor.pos_ in ("VERB", "AUX"):
                found = ancestor
        if found is not None:
            return found
    return None


def _names_someone(token: Token) -> bool:
    """A subject that can be a source: a name, a personal pronoun, or a noun for people or bodies."""
    if token.ent_type_ in NAME_ENTITIES:
        return True
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "we", "i", "you")
    return token.pos_ in ("PROPN", "NOUN")


_DASH_AFTER = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*")


def _dash_signature(doc: Doc, text: str, seg: _Segment, in_quote: list[bool]) -> SpacySpan | None:
    """The name signing a quote after a dash: '“...” — Jane Roe' (reader comments, epigraphs)."""
    if not seg.closed:
        return None
    dash = _DASH_AFTER.match(text, seg.close_end)
    if dash is None or dash.end() == seg.close_end:
        return None
    line_end = text.find("\n", dash.end())
    words = []
    for token in _tokens_between(doc, dash.end(), len(text) if line_end < 0 else line_end):
        if in_quote[token.i] or not _name_word(token):
            break
        words.append(token)
    if not words or not any(t.pos_ == "PROPN" for t in words):
        return None
    return _trim_name(doc[words[0].i : words[-1].i + 1])


def _pick_cue(content: SpacySpan, frame: list[Token], framed: set[int]) -> tuple[Token | None, bool]:
    """The speech verb of a quote: one that governs it in the tree, else the nearest.

    Returns the cue and whether it governs the quote (a partial quote inside a clause).
    Verbs of reporting whose subject is an outlet are left to ``_outlet_in``.
    """
    cues = [t for t in frame if _is_cue(t)]
    if not cues:
        return None, False
    for token in content:
        for ancestor in _ancestors_outside(token, content):
            if ancestor.i in framed and _is_cue(ancestor):
                return ancestor, not _adjacent(ancestor, content)
    nearest = min(cues, key=lambda t: _distance(t, content))
    return nearest, False


def _ancestors_outside(token: Token, content: SpacySpan) -> Iterable[Token]:
    """The heads above a quoted token once the path leaves the quote."""
    for ancestor in token.ancestors:
        if not content.start <= ancestor.i < content.end:
            yield ancestor


def _adjacent(cue: Token, content: SpacySpan) -> bool:
    """Whether only punctuation and the speaker separate cue and quote ("“...,” Macron said")."""
    subject = _subject(cue)
    speaker = {t.i for t in subject.subtree} if subject is not None else set()
    lo, hi = (cue.i + 1, content.start) if cue.i < content.start else (content.end, cue.i)
    doc = cue.doc
    return all(doc[i].is_punct or doc[i].is_space or doc[i].i in speaker for i in range(lo, hi))


def _distance(token: Token, content: SpacySpan) -> int:
    """Token distance between a word and a quoted stretch."""
    if token.i < content.start:
        return content.start - token.i
    return token.i - content.end + 1


def _is_cue(token: Token) -> bool:
    """A speech verb that can introduce a quote (not "so-called", not an outlet's "reported")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lemma_.lower() not in SPEECH_LEMMAS:
        return _is_phrasal_cue(token)
    if token.lemma_.lower() == "call" and token.i > 0 and token.nbor(-1).text in ("-", "so"):
        return False
    return not (token.lemma_.lower() == "report" and _is_outlet_token(_subject(token)))


def _is_phrasal_cue(token: Token) -> bool:
    """Speech said in two words: "as Roe put it", "Roe pointed out"."""
    lemma = token.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return False


def _fill_from_cue(found: _Attribution, cue: Token, in_quote: list[bool]) -> None:
    """Speaker from the cue's subject, addressee from its object, outlets told.

    When the parse gives the cue no subject outside the quote (long quotes bend the
    tree), the name written right beside the cue is taken: '“...,” Press Secretary
    Jane Roe said.', 'Said Roe: “...”'.
    """
    subject = _subject(cue, in_quote)
    if subject is not None:
        _fill_from_source(found, subject)
    else:
        beside = _name_beside(cue, in_quote)
        if beside is not None:
            found.speaker = _speaker(beside)
    addressee = _addressee(cue)
    if addressee is None:
        return
    if _is_outlet_token(addressee):
        found.reported_by = found.reported_by or _outlet_name(addressee)
    else:
        found.addressee = _speaker(_name_span(addressee))


def _fill_from_source(found: _Attribution, source: Token) -> None:
    """A source that is an outlet relays the quote; any other source said it."""
    if _is_outlet_token(source) and source.pos_ == "PROPN":
        found.reported_by = found.reported_by or _outlet_name(source)
    else:
        found.speaker = _speaker(_np_span(source))


def _subject(cue: Token | None, in_quote: list[bool] | None = None) -> Token | None:
    """The grammatical source of a cue, climbing from participles and relative clauses.

    With ``in_quote``, words inside quote marks are never the source: the parser
    often hangs a quoted sentence's subject on the cue, and climbing into a quote
    leads to the quoted clause's own subject.
    """
    verb = cue
    for _ in range(4):
        if verb is None:
            return None
        if in_quote is not None and verb is not cue and in_quote[verb.i]:
            return None
        for child in verb.children:
            if in_quote is not None and in_quote[child.i]:
                continue
            if child.dep_ in SUBJECT_DEPS and child.pos_ in NOUN_POS | {"DET", "NUM", "X"}:
                if not any(c.isalnum() for c in child.text):
                    continue  # a dash or stray mark the parser made a subject
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    return verb.head
                return child
        inverted = _inverted_subject(verb, in_quote)
        if inverted is not None:
            return inverted
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "... before asking her": the subject of what the clause modifies
            continue
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        if verb.dep_ in ("acl", "relcl"):
            return verb.head if verb.head.pos_ in NOUN_POS else None
        verb = verb.head
    return None


def _inverted_subject(verb: Token, in_quote: list[bool] | None = None) -> Token | None:
    """The noun right after a cue that has no subject: "..., said Putin", "reported AFP".

    Only a cue opening its clause inverts ("“...,” said Roe"); after other words the
    noun is an object ("before asking her").
    """
    if verb.lemma_.lower() in ADDRESSEE_LEMMAS:
        return None
    if verb.i > 0 and not (verb.is_sent_start or verb.nbor(-1).is_punct):
        return None
    for child in verb.rights:
        if in_quote is not None and in_quote[child.i]:
            return None
        if child.ent_type_ in ("DATE", "TIME"):
            continue
        if child.dep_ in INVERTED_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
        if not child.is_punct:
            return None
    return None


NAME_POS = frozenset({"PROPN", "NOUN", "PRON", "ADJ", "DET", "NUM"})
"""Parts of speech of the words in a plain name or title ("the White House press secretary")."""


NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity types whose words belong to a name even when mis-tagged ("Tulsa" as a verb)."""


def _name_beside(cue: Token, in_quote: list[bool]) -> SpacySpan | None:
    """The words naming someone right before a cue ("..., Jane Roe said") or right after it
    ("said Jane Roe", "Said Roe:"), outside quote marks; None when there are none."""
    doc = cue.doc
    left = cue.i
    while left > 0 and not in_quote[left - 1] and (_name_word(doc[left - 1]) or _inside_name(doc[left - 1])):
        left -= 1
    while left < cue.i and not _name_word(doc[left]):
        left += 1
    if left < cue.i and (left == 0 or doc[left - 1].is_punct or doc[left].is_sent_start):
        words = _trim_name(doc[left : cue.i])
        if words is not None:
            return words
    if cue.i > 0 and not (cue.is_sent_start or doc[cue.i - 1].is_punct):
        return None  # only a cue opening its clause has its speaker after it
    right = cue.i + 1
    while right < len(doc) and not in_quote[right] and _name_word(doc[right]):
        right += 1
    if right > cue.i + 1 and (right == len(doc) or doc[right].is_punct):
        return _trim_name(doc[cue.i + 1 : right])
    return None


def _name_word(token: Token) -> bool:
    """A word that can be part of a name or title, not a date ("said Monday")."""
    if token.is_space or token.ent_type_ in ("DATE", "TIME"):
        return False
    return token.pos_ in NAME_POS or token.ent_type_ in NAME_ENTITIES


def _inside_name(token: Token) -> bool:
    """A comma or "of" that can sit inside a name with its title ("Roe, a senator of Ohio,")."""
    return token.text == "," or token.lower_ == "of"


def _trim_name(words: SpacySpan) -> SpacySpan | None:
    """A run of name words with a noun in it, without edge commas; None when it names nobody."""
    kept = [t for t in words]
    while kept and not _name_word(kept[-1]):
        kept.pop()
    if not any(t.pos_ in NOUN_POS or t.ent_type_ in NAME_ENTITIES for t in kept):
        return None
    return words.doc[kept[0].i : kept[-1].i + 1]


def _addressee(cue: Token) -> Token | None:
    """Who was spoken to: "told Putin", "said to reporters"."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_.lower() in ADDRESSEE_LEMMAS:
            return _proper_appos(child)
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_.lower() in ("say", "speak", "write"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _proper_appos(objects[0])
    return None


def _proper_appos(token: Token) -> Token:
    """The named person behind a description: "the journalist Bob Woodward" → Woodward."""
    for child in token.rights:
        if child.dep_ in ("appos", "compound") and child.pos_ == "PROPN":
            return child
    return token


def _according_to(frame: list[Token]) -> tuple[Token, Token] | None:
    """The "according" token and its object in "according to X"."""
    for token in frame:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
    return None


def _outlet_in(frame: list[Token]) -> str | None:
    """An outlet that relayed what the sentence quotes: "reported AFP", "told the BBC", ...

    Why syntactic as well as listed: outlets are many and the list is never complete,
    but the subject of "reported" or the object of "an interview with" rarely is anything else.
    """
    for token in frame:
        lemma = token.lemma_.lower()
        if lemma == "report" and token.pos_ == "VERB":
            source = _subject(token)
            if source is not None and source.pos_ == "PROPN":
                return _outlet_name(source)
        if lemma == "interview" and token.pos_ == "NOUN":
            source = _interviewer(token)
            if source is not None:
                return _outlet_name(source)
        if lemma == "tell" and token.pos_ == "VERB":
            told = _addressee(token)
            if told is not None and _is_outlet_token(told):
                return _outlet_name(told)
    according = _according_to(frame)
    if according is not None and _is_outlet_token(according[1]):
        return _outlet_name(according[1])
    return None


def _interviewer(interview: Token) -> Token | None:
    """X in "an interview with X" / "X's interview", when X is an outlet rather than a person."""
    for child in interview.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "on", "to"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ != "PERSON" and obj.pos_ == "PROPN":
                    return obj
        if child.dep_ == "poss" and _is_outlet_token(child):
            return child
    return None


# --- spans and outlets -----------------------------------------------------------


def _np_span(head: Token) -> SpacySpan:
    """The noun phrase a head names, without relative clauses or appositions."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT_DEPS or child.dep_ == "case":
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "case") and child.i == right + 1:
            right = child.i
        elif child.dep_ == "conj" and child.pos_ in NOUN_POS:
            right = max(right, _np_span(child).end - 1)
    return head.doc[left : right + 1]


def _name_span(head: Token) -> SpacySpan:
    """A proper name alone ("Bob Woodward"), or the noun phrase of a common noun."""
    if head.pos_ != "PROPN":
        return _np_span(head)
    left = head.i
    while left > 0 and head.doc[left - 1].pos_ == "PROPN" and head.doc[left - 1].head.i in (head.i, left):
        left -= 1
    return head.doc[left : head.i + 1]


def _speaker(span: SpacySpan) -> Speaker:
    """The speaker record for the words naming them."""
    start = span.start_char
    end = span.end_char
    return Speaker(name=span.text, text=span.text, start=start, end=end)


def _outlet_name(token: Token) -> str:
    """An outlet as written, without a leading "the"."""
    span = _name_span(token) if token.pos_ == "PROPN" else _np_span(token)
    words = [t for t in span if t.lower_ != "the" and t.dep_ != "case"]
    return span.doc[words[0].i : words[-1].i + 1].text if words else token.text


def _is_outlet_token(token: Token | None) -> bool:
    """Whether the noun phrase headed by ``token`` names a news outlet."""
    if token is None or token.pos_ != "PROPN":
        return False
    name = _outlet_name(token)
    if token.ent_type_ == "PERSON" and _normalise(name) not in _outlet_names():
        return False
    return _is_outlet_name(name)


def _is_outlet_name(name: str) -> bool:
    """A listed outlet, a wire service, or a proper name ending in a media word."""
    key = _normalise(name)
    return key in _outlet_names() or bool(MEDIA_WORDS.search(name))


def _normalise(name: str) -> str:
    """Case- and article-insensitive key for outlet names."""
    key = name.strip().lower()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    """Outlet names and aliases from the knowledge base, plus the wires; read once."""
    names = {_normalise(n) for n in WIRE_OUTLETS}
    if OUTLETS_CSV.is_file():
        with OUTLETS_CSV.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for name in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
                    if name.strip():
                        names.add(_normalise(name))
    return frozenset(names)


# --- indirect attributions --------------------------------------------------------


def _indirect_quotes(doc: Doc, doc_id: str, in_quote: list[bool], used_cues: set[int]) -> list[Quote]:
    """Reported speech outside quote marks: "X said (that) ...", "according to X, ..."."""
    out: list[Quote] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not in_quote[t.i]]
        if not tokens:
            continue
        for token in tokens:
            if token.i in used_cues:
                continue
            quote = _indirect_from_verb(doc, doc_id, token, in_quote)
            if quote is not None:
                out.append(quote)
        according = _according_to(tokens)
        if according is not None and according[0].i not in used_cues:
            quote = _indirect_according(doc, doc_id, sent, according, in_quote)
            if quote is not None:
                out.append(quote)
    return out


def _indirect_from_verb(doc: Doc, doc_id: str, cue: Token, in_quote: list[bool]) -> Quote | None:
    """What a verb of saying or thinking reports, attributed to the verb's subject."""
    if cue.pos_ != "VERB":
        return None
    tokens = _reported_words(cue)
    if not tokens:
        return None
    content = _trimmed(doc, tokens)
    if content is None or any(in_quote[t.i] for t in content):
        return None
    found = _Attribution(cue=cue, cue_span=(cue.i, cue.i + 1))
    sent = list(cue.sent)
    found.reported_by = None if cue.lemma_.lower() == "report" else _outlet_in(sent)
    _fill_from_cue(found, cue, in_quote)
    if found.speaker is None and found.reported_by is None:
        return None
    return _indirect(doc, doc_id, content, found)


def _reported_words(cue: Token) -> list[Token] | None:
    """The words a cue reports, by construction:

    - a clause: "said (that) ...", "believes ...", "polls show ...";
    - a parenthetical cue: "The plan, Roe said, will fail." (the clause it interrupts);
    - a call or promise to act: "told aides to ...", "agreed to ...", "called for ...";
    - what is named or cited: "cited the figures", "called the charges false".
    """
    lemma = cue.lemma_.lower()
    if lemma in INDIRECT_LEMMAS or lemma in BELIEF_LEMMAS or _is_phrasal_cue(cue):
        clause = _reported_clause(cue)
        if clause is not None:
            return [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        if cue.dep_ == "parataxis" and lemma in INDIRECT_LEMMAS and cue.head.pos_ in ("VERB", "AUX"):
            return _interrupted_clause(cue)
    if lemma in ACTION_LEMMAS:
        words = _called_action(cue)
        if words:
            return words
    if lemma in NAMING_LEMMAS:
        return _named_object(cue)
    return None


def _interrupted_clause(cue: Token) -> list[Token] | None:
    """The longer side of the clause a parenthetical cue interrupts, without the cue's words."""
    inside = {t.i for t in cue.subtree}
    pieces: list[list[Token]] = [[]]
    for token in cue.head.subtree:
        if token.i in inside:
            pieces.append([])
        else:
            pieces[-1].append(token)
    longest = max(pieces, key=len)
    return longest if sum(1 for t in longest if not t.is_punct) >= 3 else None


def _called_action(cue: Token) -> list[Token] | None:
    """The act asked for or promised: "told aides to leave", "agreed to pay", "called for a vote"."""
    for child in cue.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            objects = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < child.i]
            start = objects[0].left_edge.i if objects else child.left_edge.i
            return list(cue.doc[start : child.right_edge.i + 1])
        if child.dep_ == "prep" and child.lower_ in ("for", "on") and cue.lemma_.lower() == "call" and child.i == cue.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return list(cue.doc[objects[0].left_edge.i : child.right_edge.i + 1])
    return None


def _named_object(cue: Token) -> list[Token] | None:
    """What a cue cites or names, with the name given: "called the charges baseless"."""
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.ent_type_ not in ("DATE", "TIME")]
    if not objects:
        return None
    named = [c for c in cue.children if c.dep_ in ("oprd", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")]
    if not named and cue.lemma_.lower() != "cite":
        return None  # "called Roe on Monday" is a phone call, not a naming
    last = max([objects[0], *named], key=lambda t: t.right_edge.i)
    words = list(cue.doc[objects[0].left_edge.i : last.right_edge.i + 1])
    return words if sum(1 for t in words if not t.is_punct) >= 2 else None


def _reported_clause(cue: Token) -> Token | None:
    """The clause a cue reports: its ccomp, or the that-clause of "told CNN in an interview that"."""
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    for prep in cue.children:
        for obj in prep.children if prep.dep_ == "prep" else ():
            for clause in obj.children:
                if clause.dep_ == "acl" and any(m.dep_ == "mark" for m in clause.children):
                    return clause
    return None


def _indirect_according(
    doc: Doc, doc_id: str, sent: SpacySpan, according: tuple[Token, Token], in_quote: list[bool]
) -> Quote | None:
    """The rest of a sentence that says "according to X"."""
    marker, source = according
    phrase = {t.i for t in marker.subtree}
    pieces: list[list[Token]] = [[]]
    for token in sent:
        if token.i in phrase:
            pieces.append([])
        else:
            pieces[-1].append(token)
    content = _trimmed(doc, max(pieces, key=len))
    if content is None or any(in_quote[t.i] for t in content):
        return None
    found = _Attribution(cue=marker, cue_span=(marker.i, marker.i + 2))
    _fill_from_source(found, source)
    return _indirect(doc, doc_id, content, found)


def _trimmed(doc: Doc, tokens: list[Token]) -> SpacySpan | None:
    """The contiguous span of ``tokens`` without edge punctuation, or None when empty."""
    words = [t for t in tokens if not t.is_space]
    while words and words[0].is_punct:
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not words:
        return None
    return doc[words[0].i : words[-1].i + 1]


def _indirect(doc: Doc, doc_id: str, content: SpacySpan, found: _Attribution) -> Quote:
    """The record for one indirect attribution."""
    return Quote(
        doc_id=doc_id,
        start=content.start_char,
        end=content.end_char,
        text=content.text,
        cue=_cue_span(doc, found),
        speaker=found.speaker,
        addressee=found.addressee,
        reported_by=found.reported_by,
        direct=False,
    )
