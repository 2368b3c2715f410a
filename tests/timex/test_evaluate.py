"""Scoring against a TimeML file written by hand."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from detente.timex.evaluate import evaluate_timeml, read_timeml

PER_TYPE = Path(__file__).parent / "data" / "per_type.tml"

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-06-15" functionInDocument="CREATION_TIME">20210615</TIMEX3></DCT>
<TEXT>
Envoys met <TIMEX3 tid="t1" type="DATE" value="2021-06-14">yesterday</TIMEX3> for
<TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3> &amp; agreed to meet
<TIMEX3 tid="t3" type="DATE" value="2021-W25">next week</TIMEX3> in <TIMEX3 tid="t4" type="DATE" value="XXXX">Oslo</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.tml"
    path.write_text(TIMEML, encoding="utf-8")
    text, dct, golds = read_timeml(path)
    assert dct == "2021-06-15"
    assert [text[g.start : g.end] for g in golds] == ["yesterday", "three hours", "next week", "Oslo"]
    assert "&" in text and "<" not in text


def test_scores(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "a.tml").write_text(TIMEML, encoding="utf-8")
    scores = evaluate_timeml(tmp_path)
    assert (scores["files"], scores["gold"], scores["predicted"]) == (1, 4, 3)
    assert scores["strict"]["precision"] == 1.0 and scores["strict"]["recall"] == 0.75
    assert scores["value_accuracy"] == 1.0


def test_creation_time_timex_is_the_dct_wherever_it_sits() -> None:
    _, dct, _ = read_timeml(PER_TYPE)
    assert dct == "2021-06-15"


def test_scores_per_type(nlp: Language) -> None:
    scores = evaluate_timeml(PER_TYPE.parent)
    per_type = scores["per_type"]
    assert [(t, row["gold"], row["predicted"]) for t, row in per_type.items()] == [
        ("DATE", 1, 1),
        ("TIME", 1, 1),
        ("DURATION", 2, 1),
        ("SET", 1, 1),
    ]
    assert per_type["DATE"]["value"]["f1"] == 1.0 and per_type["SET"]["value"]["f1"] == 1.0
    duration = per_type["DURATION"]
    assert duration["relaxed"]["precision"] == 1.0 and duration["relaxed"]["recall"] == 0.5
    assert duration["value"]["f1"] == round(2 * 1.0 * 0.5 / 1.5, 4)
    assert per_type["TIME"]["value"]["f1"] == 1.0
    assert scores["gold"] == 5 and scores["value"]["recall"] == 0.8
