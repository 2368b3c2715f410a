"""Derive detente's Phoenix/PLOVER-based data files from the shared reference copies.

Usage (from the project root)::

    .venv/bin/python scripts/derive_lexicon.py ../shared/reference

Reads

* ``CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0, Open Event Data Alliance) and ``SOURCE.txt``
  (commits, Goldstein values per CAMEO root) and writes
  ``detente/data/ontology/cameo_plover.csv``;
* ``phoenix/CAMEO.2.0.txt`` (MIT, (c) 2014 Open Event Data; the PETRARCH-2 verb dictionary)
  and writes ``detente/data/lexicon/cameo_verbs.csv``.

The output is deterministic: running the script twice gives byte-identical files. The
generated files are committed, so the package never needs ``../shared`` at run time.
``detente/data/lexicon/triggers.csv`` is hand-written and is not touched here.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from detente.datafiles import write_rows

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "detente" / "data"
ONTOLOGY_CSV = DATA / "ontology" / "cameo_plover.csv"
VERBS_CSV = DATA / "lexicon" / "cameo_verbs.csv"

ONTOLOGY_COLUMNS = [
    "cameo", "plover_type", "mode", "context", "description", "root", "quad_class", "goldstein",
]  # fmt: skip
VERB_COLUMNS = ["lemma", "particle", "object", "preposition", "cameo"]

# Words that, after a verb, are adverbial particles ("call off", "set up", "pull back").
PARTICLES = frozenset({
    "off", "up", "down", "out", "away", "back", "aside", "forward", "apart", "together", "along", "ahead",
    "forth", "behind",
})  # fmt: skip
# Words that, after a verb, introduce a prepositional object ("meet with", "ask for").
PREPOSITIONS = frozenset({
    "with", "to", "for", "against", "into", "at", "from", "upon", "of", "onto", "toward", "towards", "on",
    "in", "over", "by", "through", "about", "around", "across", "after", "under", "among", "between",
    "without",
})  # fmt: skip
# Plural-looking nouns that are their own singular.
INVARIANT_NOUNS = frozenset({
    "news", "series", "species", "means", "headquarters", "whereabouts", "politics", "economics", "aircraft",
})  # fmt: skip
IRREGULAR_PLURALS = frozenset({
    "men", "women", "children", "people", "feet", "teeth", "mice", "geese", "crises", "analyses",
})  # fmt: skip

_WORD = r"[A-Z0-9][A-Z0-9'./\-]*"
_SIMPLE_OBJECT = re.compile(rf"^\*\s+(?P<word>&?{_WORD})$")
_PREP_OBJECT = re.compile(rf"^\*\s+\((?P<prep>[A-Z]+)\s+(?P<word>&?{_WORD})\)$")
_CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
_VERB_LINE = re.compile(r"^(?P<verb>[^\s{\[#]+)\s*(?P<forms>\{[^}]*\})?\s*(?:\[(?P<code>[^\]]*)\])?")
_BLOCK = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]\s*---")
_PLOVER_LINE = re.compile(r"^(?P<code>\d{3,4}):\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<desc>.*))?$")


# ----------------------------------------------------------------------------- helpers


def normalise_code(raw: str) -> str | None:
    """Turn a Phoenix code field into one CAMEO code, or None for the null code.

    ``[a:b]`` gives ``a`` when it is non-empty, else ``b``; ``---`` (no event) and empty
    fields give None; stray characters (``080!``) are dropped.
    """
    first, _, second = raw.strip().partition(":")
    chosen = first.strip() or second.strip()
    if not chosen or chosen.startswith("-"):
        return None
    digits = re.sub(r"\D", "", chosen)
    return digits or None


def strip_comment(line: str) -> str:
    """Drop a ``#`` comment and surrounding whitespace."""
    return line.split("#", 1)[0].strip()


@lru_cache(maxsize=1)
def _lemmatizer() -> tuple[object, object]:
    """The spaCy vocab and rule lemmatizer of the model detente parses with."""
    import spacy

    from detente.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME, exclude=["ner", "parser", "tok2vec", "tagger"])
    return nlp.vocab, nlp.get_pipe("lemmatizer")


def looks_plural(word: str) -> bool:
    """Whether a lowercase noun is (probably) a plural form."""
    if word in IRREGULAR_PLURALS:
        return True
    if word in INVARIANT_NOUNS or not word.endswith("s") or len(word) < 4:
        return False
    return not word.endswith(("ss", "us", "is", "ous"))


@cache
def noun_lemma(word: str) -> str:
    """Lowercase singular of a noun, as spaCy's English lemmatizer gives it at run time.

    Words that do not look plural are only lowercased (an isolated word has no tag, and the
    rule lemmatizer would otherwise strip the ``s`` of "crisis" or "news").
    """
    word = word.lower()
    if not looks_plural(word):
        return word
    from spacy.tokens import Doc

    vocab, lemmatizer = _lemmatizer()
    doc = Doc(vocab, words=[word], pos=["NOUN"], tags=["NNS"], morphs=["Number=Plur"])
    return lemmatizer(doc)[0].lemma_.lower() or word  # type: ignore[operator]


# ----------------------------------------------------------------------------- ontology


def read_source_notes(reference: Path) -> tuple[dict[str, float], str, str]:
    """Goldstein value per CAMEO root, the PLOVER commit and the petrarch2 commit from SOURCE.txt."""
    text = (reference / "SOURCE.txt").read_text(encoding="utf-8")
    goldstein = {
        m["root"]: float(m["value"])
        for m in re.finditer(r"(?<![\d.])(?P<root>\d{2}) [A-Za-z][A-Za-z ]*? (?P<value>-?\d+\.\d+)", text)
    }
    if sorted(goldstein) != [f"{i:02d}" for i in range(1, 21)]:
        raise ValueError(f"SOURCE.txt: expected Goldstein values for roots 01-20, got {sorted(goldstein)}")
    plover = re.search(r"openeventdata/PLOVER @ ([0-9a-f]{40})", text)
    petrarch = re.search(r"openeventdata/petrarch2 @ ([0-9a-f]{40})", text)
    if not plover or not petrarch:
        raise ValueError("SOURCE.txt: source commits not found")
    return goldstein, plover.group(1), petrarch.group(1)


def quad_class(root: str) -> int:
    """CAMEO quad class of a two-digit root (0 statement .. 4 material conflict)."""
    number = int(root)
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13 or number == 16:
        return 3
    return 4


def parse_cameo_plover(path: Path) -> list[dict[str, str]]:
    """Rows of the CAMEO -> PLOVER table, one per CAMEO code (first line wins on repeats).

    Two-digit section lines ("03: AGREE") are headings, not codes, and are skipped; the
    type, mode and context of every code line are kept as the table gives them, even where
    a code is listed under another root's section (163, 175, 191, 192, 201, 1712).
    """
    rows: dict[str, dict[str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        match = _PLOVER_LINE.match(raw.strip())
        if not match:
            continue
        code = match["code"]
        parts = [p.strip() for p in match["body"].split(",")]
        parts += [""] * (3 - len(parts))
        if code in rows:
            continue
        rows[code] = {
            "cameo": code,
            "plover_type": parts[0].upper(),
            "mode": parts[1],
            "context": parts[2],
            "description": " ".join((match["desc"] or "").split()),
            "root": code[:2],
        }
    return list(rows.values())


def derive_ontology(reference: Path) -> int:
    """Write cameo_plover.csv; return the number of rows."""
    goldstein, plover_commit, _ = read_source_notes(reference)
    rows = parse_cameo_plover(reference / "CAMEO2PLOVER-2021.txt")
    for row in rows:
        row["quad_class"] = str(quad_class(row["root"]))
        row["goldstein"] = f"{goldstein[row['root']]:.1f}"
    rows.sort(key=lambda r: (r["root"], r["cameo"]))
    header = [
        "CAMEO -> PLOVER conversion table, one row per CAMEO code.",
        "Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 17 September 2021, ed. P. Schrodt),",
        f"openeventdata/PLOVER @ {plover_commit}.",
        "Licence: CC BY-SA 4.0, (c) Open Event Data Alliance.",
        "This derived table is shared under the same licence (CC BY-SA 4.0).",
        "Generated by scripts/derive_lexicon.py; do not edit by hand.",
        "root = first two digits of the code; quad_class from the root (01-02 0, 03-05 1, 06-08 2,",
        "09-13 and 16 3, 14-15 and 17-20 4); goldstein = the Goldstein value of the ROOT code",
        "(CAMEO.SCALE via phoenix_pipeline), not of the individual code.",
        "Codes the table files under another root's section (163, 175, 191, 192, 201, 1712) keep the table's",
        "PLOVER type; their root is still their own first two digits.",
    ]
    return write_rows(ONTOLOGY_CSV, header, ONTOLOGY_COLUMNS, rows)


# ----------------------------------------------------------------------------- verbs


@dataclass
class Verb:
    """One verb of a synonym block: lemma plus an optional particle or preposition."""

    lemma: str
    particle: str = ""
    preposition: str = ""
    code: str | None = None


@dataclass
class Block:
    """A verb synonym block with its default code, verbs and patterns."""

    name: str
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    """(pattern text, code, the verbs named in the pattern's comment)."""


@dataclass
class VerbStats:
    """Counts reported by the verb derivation."""

    blocks: int = 0
    verbs: int = 0
    verbs_skipped: int = 0
    patterns: int = 0
    patterns_used: int = 0
    candidates: int = 0
    dropped_codes: Counter[str] = field(default_factory=Counter)


def parse_verb(token_text: str, code: str | None) -> Verb | None:
    """Parse a verb-list entry (``MEET``, ``+MEET_WITH``, ``+CALL_OFF``) or None if unrepresentable.

    Multi-word entries are kept only when they are ``+VERB_WORD`` with WORD a particle or a
    preposition; pre-verb compounds (``WIRE_+TAP``), verb+noun or verb+adjective phrases
    (``+WAGE_WAR``, ``+SEEM_CONFIDENT``) and longer phrases are skipped.
    """
    text = token_text.strip()
    if "_" not in text and "+" not in text:
        return Verb(text.lower(), code=code) if re.fullmatch(r"[A-Za-z][A-Za-z\-]*", text) else None
    if not text.startswith("+") or text.count("+") != 1:
        return None
    words = text[1:].lower().split("_")
    if len(words) != 2 or not all(words):
        return None
    verb, extra = words
    if extra in PARTICLES:
        return Verb(verb, particle=extra, code=code)
    if extra in PREPOSITIONS:
        return Verb(verb, preposition=extra, code=code)
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """Synonym sets (``&NAME`` followed by ``+WORD`` lines) from the top of the verb file.

    Only single-word members are kept (a lexicon object is one token's lemma); ``_`` marks
    (no plural) are dropped.
    """
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = strip_comment(raw)
        if line.startswith("####### VERB PATTERNS") or raw.startswith("####### VERB PATTERNS"):
            break
        if not line:
            continue
        if line.startswith("&"):
            current = line.split()[0]
            synsets[current] = []
        elif line.startswith("+") and current:
            member = line[1:].strip().rstrip("_")
            if member and "_" not in member and " " not in member:
                synsets[current].append(member)
    return synsets


def read_blocks(lines: list[str], stats: VerbStats) -> list[Block]:
    """Verb synonym blocks with their verbs and pattern lines (text before the code, code)."""
    blocks: list[Block] = []
    started = False
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        header = _BLOCK.match(raw.strip())
        if header:
            blocks.append(Block(header["name"], normalise_code(header["code"])))
            continue
        line = raw.strip()
        if not line or line.startswith("#") or not blocks or line.startswith("~"):
            continue
        if line.startswith("-"):
            stats.patterns += 1
            body = strip_comment(line)[1:]
            code_match = _CODE.search(body)
            if not code_match:
                continue
            pattern = body[: code_match.start()].strip()
            named = line.split("#", 1)[1] if "#" in line else ""
            words = [w.lower() for w in re.findall(r"[A-Za-z_+\-]+", named) if w.isupper() or "_" in w]
            blocks[-1].patterns.append((pattern, normalise_code(code_match["code"]), words))
            continue
        match = _VERB_LINE.match(strip_comment(line))
        if not match:
            continue
        stats.verbs += 1
        verb = parse_verb(match["verb"], normalise_code(match["code"]) if match["code"] else None)
        if verb is None:
            stats.verbs_skipped += 1
            continue
        if match["code"] is not None and verb.code is None:
            verb.code = "---"  # explicit null code on the verb: no default row
        blocks[-1].verbs.append(verb)
    stats.blocks = len(blocks)
    return blocks


def expand(word: str, synsets: dict[str, list[str]]) -> list[str]:
    """Noun lemmas for a pattern word: a synset's members, or the word itself."""
    if word.startswith("&"):
        return [noun_lemma(w) for w in synsets.get(word, [])]
    return [noun_lemma(word)]


def _named_verbs(verbs: list[Verb], named: list[str]) -> list[Verb]:
    """The verbs a pattern's comment names ("# END", "# CALLED_OFF"); all verbs when it names none.

    A pattern was written for one verb of its block: "end the meeting" is a
    meeting (040), "call off the meeting" is not, though both verbs share a block.
    """
    if not named:
        return verbs
    wanted = {stem for word in named for stem in _stems(word.strip("+"))}
    return [v for v in verbs if "_".join(filter(None, [v.lemma, v.particle or v.preposition])) in wanted]


def _stems(word: str) -> set[str]:
    """Candidate base forms of an inflected verb written in a comment (CALLED_OFF → call_off)."""
    head, _, rest = word.partition("_")
    bases = {head}
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if head.endswith(suffix) and len(head) > len(suffix) + 2:
            bases.add(head[: -len(suffix)] + replacement)
    bases |= {b[:-1] for b in bases if len(b) > 3 and b[-1] == b[-2]}
    return {f"{b}_{rest}" if rest else b for b in bases}


def block_candidates(
    block: Block, synsets: dict[str, list[str]], stats: VerbStats
) -> Iterator[tuple[tuple[str, str, str, str], str]]:
    """(lemma, particle, object, preposition), code pairs for one block, in file order."""
    for verb in block.verbs:
        code = block.code if verb.code is None else (None if verb.code == "---" else verb.code)
        if code:
            yield (verb.lemma, verb.particle, "", verb.preposition), code
    for text, code, named in block.patterns:
        if code is None:
            continue
        verbs = _named_verbs(block.verbs, named)
        simple = _SIMPLE_OBJECT.match(text)
        prep_match = _PREP_OBJECT.match(text)
        if not simple and not prep_match:
            continue
        used = False
        for verb in verbs:
            if simple:
                word = simple["word"]
                if word.lower() in PARTICLES:
                    if verb.particle:
                        continue
                    used = True
                    yield (verb.lemma, word.lower(), "", verb.preposition), code
                    continue
                for obj in expand(word, synsets):
                    used = True
                    yield (verb.lemma, verb.particle, obj, verb.preposition), code
            else:
                assert prep_match is not None
                prep = prep_match["prep"].lower()
                as_particle = prep in PARTICLES
                if (as_particle and verb.particle) or (not as_particle and verb.preposition):
                    continue
                for obj in expand(prep_match["word"], synsets):
                    used = True
                    if as_particle:
                        yield (verb.lemma, prep, obj, verb.preposition), code
                    else:
                        yield (verb.lemma, verb.particle, obj, prep), code
        stats.patterns_used += used


def mit_notice(lines: list[str]) -> list[str]:
    """The MIT licence notice of CAMEO.2.0.txt, verbatim, without its comment marks."""
    notice: list[str] = []
    for raw in lines:
        text = raw.lstrip("#").strip()
        if not notice and text.startswith("The MIT License"):
            notice.append(text)
        elif notice:
            notice.append(text)
            if text.endswith("DEALINGS IN THE SOFTWARE."):
                return notice
    raise ValueError("CAMEO.2.0.txt: MIT licence notice not found")


def derive_verbs(reference: Path, known_codes: set[str]) -> tuple[int, VerbStats]:
    """Write cameo_verbs.csv; return the row count and statistics.

    Every (lemma, particle, object, preposition) key keeps its most frequent code over the
    whole file (ties: the first seen). Keys whose winning code has no PLOVER mapping in
    cameo_plover.csv (CAMEO 01 statements, 02 appeals, and a few codes the 2021 table
    lacks) are dropped and counted.
    """
    _, _, petrarch_commit = read_source_notes(reference)
    source = reference / "phoenix" / "CAMEO.2.0.txt"
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    stats = VerbStats()
    synsets = read_synsets(lines)
    blocks = read_blocks(lines, stats)
    votes: dict[tuple[str, str, str, str], Counter[str]] = {}
    first_seen: dict[tuple[str, str, str, str], dict[str, int]] = {}
    for block in blocks:
        for key, code in block_candidates(block, synsets, stats):
            stats.candidates += 1
            votes.setdefault(key, Counter())[code] += 1
            first_seen.setdefault(key, {}).setdefault(code, stats.candidates)
    rows: list[dict[str, str]] = []
    for key, counter in votes.items():
        order = first_seen[key]
        code = max(counter, key=lambda c: (counter[c], -order[c]))
        if code not in known_codes:
            stats.dropped_codes[code] += 1
            continue
        lemma, particle, obj, prep = key
        rows.append({"lemma": lemma, "particle": particle, "object": obj, "preposition": prep, "cameo": code})
    rows.sort(key=lambda r: (r["lemma"], r["particle"], r["preposition"], r["object"]))
    header = [
        "CAMEO verb lexicon: verb lemma (+ particle, object noun lemma, preposition) -> CAMEO code.",
        "derived from the Phoenix dictionaries (MIT, Open Event Data): CAMEO.2.0.txt, the PETRARCH-2 verb",
        f"dictionary, openeventdata/petrarch2 @ {petrarch_commit}. Copyright (c) 2014-2015 Open Event Data",
        "(Alliance), MIT License; the source file's licence notice follows.",
        "Generated by scripts/derive_lexicon.py; do not edit by hand.",
        "triggers.csv (hand-written, reviewed) takes priority over this file.",
        "Rows: each block verb with its own or the block's code; each '- * NOUN [code]' and",
        "'- * (PREP NOUN) [code]' pattern for every verb of its block. Other pattern shapes, '---' codes",
        "and codes without a PLOVER mapping (CAMEO 01x/02x etc.) are left out.",
        "",
        *mit_notice(lines),
    ]
    count = write_rows(VERBS_CSV, header, VERB_COLUMNS, rows)
    return count, stats


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Regenerate cameo_plover.csv and cameo_verbs.csv from a reference directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="the shared reference directory (../shared/reference)")
    args = parser.parse_args(argv)
    reference: Path = args.reference
    if not (reference / "CAMEO2PLOVER-2021.txt").is_file():
        parser.error(f"{reference} has no CAMEO2PLOVER-2021.txt")
    sys.path.insert(0, str(ROOT))
    n_ontology = derive_ontology(reference)
    with ONTOLOGY_CSV.open(encoding="utf-8") as handle:
        known = {row["cameo"] for row in csv.DictReader(line for line in handle if not line.startswith("#"))}
    n_verbs, stats = derive_verbs(reference, known)
    print(f"{ONTOLOGY_CSV.relative_to(ROOT)}: {n_ontology} rows")
    print(f"{VERBS_CSV.relative_to(ROOT)}: {n_verbs} rows")
    print(
        f"  {stats.blocks} blocks, {stats.verbs} verb entries ({stats.verbs_skipped} multi-word skipped), "
        f"{stats.patterns} patterns ({stats.patterns_used} simple ones used), {stats.candidates} candidates"
    )
    dropped = sum(stats.dropped_codes.values())
    top = ", ".join(f"{c}x{n}" for c, n in stats.dropped_codes.most_common(8))
    print(f"  {dropped} keys dropped: winning code not in cameo_plover.csv ({top}, ...)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
