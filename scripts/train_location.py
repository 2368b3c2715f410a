"""Train the event-location ranker on Halterman (2019) and write it to ``detente/data/models/location/``.

Usage (from the project root)::

    .venv/bin/python scripts/train_location.py [../shared/dev-data/events/event_location/labeled_text.jsonl.zip]

Reads the accepted records of the Halterman event_location set (MIT, (c) 2019 Andy
Halterman), parses each sentence once, and builds for each record's verb the options
the coder chooses among (:func:`detente.events.location_model.options` and NONE)
with their features. A conditional logit (softmax over each record's options, L2,
full-batch Adam; numpy only) is fitted on the training split: every record whose
sentence does not hash into the held-out fifth (:func:`~detente.events.location_model.is_heldout`).
Records whose gold place is none of the options teach nothing and are left out of
the fit (they are still scored).

Writes ``weights.json`` (the weights and what they were trained on) and ``README.md``
(source, licence, features, the held-out and full-set figures of the coder with and
without the ranker, as measured by the same code as ``detente eval locations``).
Training is deterministic: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from detente.actors.kb import KnowledgeBase, load_kb
from detente.events.code import by_phone, clause_rule, match_trigger
from detente.events.location_model import (
    FORMAT,
    HELDOUT_PERCENT,
    MODEL_FILE,
    TRAINED_ON,
    features,
    is_heldout,
    load_location_model,
    options,
)
from detente.events.locations_eval import LocationRecord, overlaps, predict, read_records, score, verb_token
from detente.nlp import parse_many

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "dev-data" / "events" / "event_location" / "labeled_text.jsonl.zip"
README = MODEL_FILE.parent / "README.md"

L2 = 1e-3
MIN_COUNT = 2
"""A feature seen on fewer training options than this gets no weight."""
ITERATIONS = 300
LEARNING_RATE = 0.1
DIGITS = 4
"""Weights are rounded: the file stays small and diffs stay readable."""


@dataclass
class Options:
    """One record's choice: the features of NONE and of each candidate, and which of them are right."""

    features: list[list[str]]
    right: list[bool]


def options_of(record: LocationRecord, doc: Doc, kb: KnowledgeBase) -> Options | None:
    """The options the coder weighs for the record's verb, as :meth:`LocationModel.choose` builds them;
    None when it weighs none (no verb token, a telephone call, no place in the sentence)."""
    head = verb_token(doc, record.verb)
    if head is None:
        return None
    match = match_trigger(head)
    trigger = match[0] if match else None
    if by_phone(head, trigger):
        return None
    choice = options(head, kb, clause_rule(head, kb, trigger))
    if not choice.candidates:
        return None
    right = [not record.locations]
    right += [any(overlaps((c.located.start, c.located.end), gold) for gold in record.locations) for c in choice.candidates]
    return Options(features(choice, trigger), right)


def fit(choices: list[Options]) -> dict[str, float]:
    """Weights maximising the probability of the right options (summed when several are), with L2."""
    usable = [c for c in choices if any(c.right)]
    counts = Counter(f for c in usable for named in c.features for f in set(named))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    flat: list[int] = []
    option_start: list[int] = []
    group_start: list[int] = []
    right: list[float] = []
    for choice in usable:
        group_start.append(len(option_start))
        for named, ok in zip(choice.features, choice.right, strict=True):
            option_start.append(len(flat))
            flat.extend(vocab[f] for f in named if f in vocab)
            right.append(float(ok))
    index, starts, groups, gold = np.array(flat), np.array(option_start), np.array(group_start), np.array(right)
    sizes = np.diff(np.append(starts, len(index)))
    group_of = np.repeat(np.arange(len(groups)), np.diff(np.append(groups, len(starts))))
    weights = np.zeros(len(vocab))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, ITERATIONS + 1):
        scores = np.add.reduceat(weights[index], starts)
        exp = np.exp(scores - np.maximum.reduceat(scores, groups)[group_of])
        prob = exp / np.add.reduceat(exp, groups)[group_of]
        right_prob = prob * gold
        target = right_prob / np.add.reduceat(right_prob, groups)[group_of]
        grad = np.bincount(index, weights=np.repeat(prob - target, sizes), minlength=len(weights)) / len(groups)
        grad += L2 * weights
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        weights -= LEARNING_RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return {f: round(float(weights[i]), DIGITS) for f, i in vocab.items() if round(float(weights[i]), DIGITS)}


def write_model(weights: dict[str, float], meta: dict[str, Any]) -> None:
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    body = {"format": FORMAT, "meta": meta, "weights": dict(sorted(weights.items()))}
    MODEL_FILE.write_text(json.dumps(body, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    load_location_model.cache_clear()


def figures(pairs: list[tuple[LocationRecord, Doc]], kb: KnowledgeBase, rules: bool) -> dict[str, Any]:
    """The scores ``detente eval locations`` gives on these records (same code, same rule of rightness)."""
    found = score((record, predict(record, doc, kb, rules)) for record, doc in pairs)
    keep = ("scored", "accuracy", "precision", "recall", "f1")
    return {key: found[key] for key in keep}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="labeled_text.jsonl.zip")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found", file=sys.stderr)
        return 1
    kb = load_kb()
    read = read_records(args.data)
    parsed = list(parse_many(read.records, lambda r: r.text))
    train = [(record, doc) for record, doc in parsed if not is_heldout(record.text)]
    heldout = [(record, doc) for record, doc in parsed if is_heldout(record.text)]
    choices = [c for record, doc in train if (c := options_of(record, doc, kb)) is not None]
    weights = fit(choices)
    meta: dict[str, Any] = {
        "trained_on": TRAINED_ON,
        "source": "https://github.com/ahalterman/event_location @ 444a2dfab7a82bc3ba4d42041a971ec1e6bb6b0c",
        "licence": "MIT, (c) 2019 Andy Halterman",
        "split": f"held out: sentences whose sha1 mod 100 < {HELDOUT_PERCENT}",
        "records": {
            "train": len(train),
            "heldout": len(heldout),
            "train_choices": len(choices),
            "train_choices_with_a_right_option": sum(any(c.right) for c in choices),
        },
        "training": {"l2": L2, "min_count": MIN_COUNT, "iterations": ITERATIONS, "learning_rate": LEARNING_RATE},
        "date": date.today().isoformat(),
    }
    write_model(weights, meta)
    meta["figures"] = {
        "heldout": {"ranker": figures(heldout, kb, False), "rules": figures(heldout, kb, True)},
        "all": {"ranker": figures(parsed, kb, False), "rules": figures(parsed, kb, True)},
    }
    write_model(weights, meta)
    README.write_text(readme(meta, len(weights)), encoding="utf-8")
    print(json.dumps(meta["figures"], indent=2))
    print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(weights)} weights, {MODEL_FILE.stat().st_size:,} bytes) and README.md")
    return 0


def _row(name: str, found: dict[str, Any]) -> str:
    return f"| {name} | {found['scored']:,} | {found['accuracy']:.3f} | {found['precision']:.3f} | {found['recall']:.3f} |"


def readme(meta: dict[str, Any], size: int) -> str:
    """The model folder's README: what the weights are, where they come from, how good, how to rebuild."""
    f = meta["figures"]
    return f"""# Event-location ranker

`weights.json` holds the {size:,} feature weights of the ranker that
`detente.events.code.event_location` uses to choose where an event happened among
the places its sentence names, or none (`detente/events/location_model.py`).
Trained {meta['date']} by `scripts/train_location.py`; nothing but these weights
ships from the training data.

## Source and licence

Trained on the event_location set of Andrew Halterman, "Geolocating Political Events
in Text" (2019, arXiv:1905.12713, <https://arxiv.org/abs/1905.12713>), from
<https://github.com/ahalterman/event_location> at commit
444a2dfab7a82bc3ba4d42041a971ec1e6bb6b0c (`labeled_text.jsonl.zip`): news sentences,
each with one event verb and the span(s) of the place where that event happened.
Only accepted records are used. The set is under the MIT licence:

```
MIT License

Copyright (c) 2019 Andy Halterman

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
```

## Model

A conditional logit: each option (NONE, or one place mention of the sentence) gets
the sum of the weights of its features, and the highest wins. Candidates are the
parser's GPE/LOC/FAC entities of the sentence, its other proper names that the
knowledge base does not know as an organisation or a person (the small parser tags
many foreign places as persons or organisations), and the clause rules' pick.
Features (all general, never the words of a place or sentence):

- the dependency path from the verb to the candidate: the labels going up from the
  candidate and from the verb to their common head, their lengths, the label that
  attaches the candidate;
- the governing preposition (a closed class of function words), what it attaches to
  (the verb, the verb's side of the path, another word class);
- clause relation: the clausal dependencies (advcl, ccomp, relcl, acl, xcomp, conj
  between verbs...) on each side of the path, and the word that opens the first of
  them ('when', 'after', 'where'...); whether the candidate is the nearest of those
  in the verb's own clause;
- distance in tokens (bucketed) and side; a comma between them; rank by path length;
- the parser's entity label of the candidate's words and of its head word, how it is
  known (a state, a gazetteer place, a name only), its length in words, what it
  belongs to (a kind of place: 'the town of X'; a part of one: 'the outskirts of X';
  a direction: 'west of X'; another noun: 'a X hotel');
- whether the clause rules (`detente.events.code.clause_rule`) chose it;
- for NONE: the verb's lexicon class (its PLOVER type, a seizing act, another verb,
  a noun), its part of speech, tag and dependency, passive or negated, sentence
  length, how many candidates there are and how many in the verb's clause, whether
  the clause rules found a place.

A telephone call still has no place, and when the ranker chooses NONE the article's
dateline is used where the coder has found that it applies (as before the ranker).

Training: L2 {meta['training']['l2']}, features seen on at least
{meta['training']['min_count']} training options, {meta['training']['iterations']}
full-batch Adam steps (learning rate {meta['training']['learning_rate']}), numpy only;
deterministic.

## Split and figures

{meta['split']} (the sentence, not the record id, so that records sharing a sentence
stay together): {meta['records']['train']:,} training records, {meta['records']['heldout']:,}
held out. Measured {meta['date']} by the training script with the code of
`detente eval locations` (right: the place overlaps a gold location, or both have none):

| records | scored | accuracy | precision | recall |
|---|---|---|---|---|
{_row("held out, ranker", f["heldout"]["ranker"])}
{_row("held out, clause rules alone", f["heldout"]["rules"])}
{_row("all, ranker (includes its training records)", f["all"]["ranker"])}
{_row("all, clause rules alone", f["all"]["rules"])}

## Rebuild

```
.venv/bin/python scripts/train_location.py ../shared/dev-data/events/event_location/labeled_text.jsonl.zip
```

Then check: `detente eval locations ../shared/dev-data/events/event_location/labeled_text.jsonl.zip`
(held-out split by default; `--split all`, `--rules` for the rules alone).
"""


if __name__ == "__main__":
    raise SystemExit(main())
