"""The command line: help everywhere, the interface's formats, and bad input handled."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from detente.cli import main

STORY = (
    "MOSCOW, March 20 (Example Wire) – US President Donald Trump called Russian President "
    "Vladimir Putin on Tuesday to congratulate him on his re-election, the Kremlin said.\n"
    "The two leaders also agreed to meet soon, officials said.\n"
)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(main))
def test_every_command_has_help_text(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    group = main
    for name in path:
        group = group.commands[name]  # type: ignore[attr-defined]
    assert group.help and len(group.help.strip()) > 20


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "s1", "text": STORY, "published": "2018-03-21", "outlet": "Example Wire"}) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


def test_extract_prints_interface_records(story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["extract", str(story), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    support = [r for r in records if r["type"] == "SUPPORT"]
    assert support and support[0]["source"][0]["name"] == "Donald Trump"
    assert support[0]["target"][0]["name"] == "Vladimir Putin"
    assert support[0]["date"]["value"] == "2018-03-20"
    assert support[0]["mentions"][0]["outlet"] == "Example Wire"


def test_extract_csv_and_table(story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    csv_out = CliRunner().invoke(main, ["extract", str(story), "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("date,type,cameo,status,source,target")
    table = CliRunner().invoke(main, ["extract", str(story)]).stdout
    assert "SUPPORT" in table and "Donald Trump" in table


def test_bad_input_is_reported_and_exit_status_is_one(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(bad), str(story), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{bad}:1: article has no text" in result.stderr
    assert f"{bad}:2: malformed JSON" in result.stderr
    assert "processed 1, skipped 2" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout.strip()


def test_usage_errors_exit_two(story: Path) -> None:
    assert CliRunner().invoke(main, ["extract", str(story), "--published", "yesterday"]).exit_code == 2
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2


def test_ingest_is_idempotent_and_timeline_and_brief_read_the_store(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.duckdb")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(story), "--db", db])
    assert first.exit_code == 0, first.output
    assert "added 1 articles" in first.stderr
    again = runner.invoke(main, ["ingest", str(story), "--db", db])
    assert "added 0 articles (1 already stored)" in again.stderr
    timeline = runner.invoke(main, ["timeline", "Putin", "Trump", "--db", db, "--format", "jsonl"])
    records = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert {r["type"] for r in records} >= {"SUPPORT"}
    assert all(len(r["mentions"]) == 1 for r in records)
    brief = runner.invoke(main, ["brief", "Trump", "Putin", "--db", db])
    assert brief.stdout.startswith("# ")
    assert "[^1]" in brief.stdout


def test_store_commands_explain_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["timeline", "Trump", "Putin", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no store at" in result.output


def test_unknown_actor_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["timeline", "Nobody Atall", "Putin", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "no actor called" in result.output


def test_actors_answers_roles_by_date(nlp) -> None:  # type: ignore[no-untyped-def]
    earlier = CliRunner().invoke(main, ["actors", "the Russian president", "--on", "2009-06-01", "--format", "jsonl"])
    later = CliRunner().invoke(main, ["actors", "the Russian president", "--on", "2021-06-15", "--format", "jsonl"])
    assert json.loads(earlier.stdout.splitlines()[0])["name"] == "Dmitry Medvedev"
    assert json.loads(later.stdout.splitlines()[0])["name"] == "Vladimir Putin"


def test_timex_and_quotes_print_interface_spans(story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    timexes = [json.loads(x) for x in CliRunner().invoke(main, ["timex", str(story), "--format", "jsonl"]).stdout.splitlines()]
    tuesday = next(t for t in timexes if t["text"] == "Tuesday")
    assert tuesday["value"] == "2018-03-20" and tuesday["type"] == "DATE"
    assert STORY[tuesday["start"] : tuesday["end"]] == "Tuesday"
    quoted = tmp_story = story.parent / "q.txt"
    tmp_story.write_text("“We will meet again,” Putin told reporters.\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["quotes", str(quoted), "--published", "2019-01-01", "--format", "jsonl"]).stdout
    quote = json.loads(out.splitlines()[0])
    assert quote["text"] == "We will meet again"
    assert quote["speaker"]["name"] == "Vladimir Putin"
    assert quote["cue"]["text"] == "told"


def test_relate_answers_each_line_in_order(nlp) -> None:  # type: ignore[no-untyped-def]
    lines = [
        {"id": "a", "text": "Germany accused Russia of poisoning the opposition leader.", "source": "Germany", "target": "Russia"},
        {"id": "b", "text": "The prime minister met the visiting king in Riyadh.", "source": "The prime minister", "target": "the visiting king"},
        "not json",
    ]
    stdin = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n"
    result = CliRunner().invoke(main, ["relate", "--format", "jsonl"], input=stdin)
    answers = [json.loads(x) for x in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", "b", None]
    by_id = {a["id"]: a for a in answers}
    assert by_id["a"]["type"] == "ACCUSE"
    assert by_id["b"]["type"] == "CONSULT"
    assert result.exit_code == 1


def test_an_article_too_long_to_parse_is_skipped_by_file_and_line(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.jsonl"
    lines = [{"id": "huge", "text": "word " * (nlp.max_length // 5 + 1)}, {"id": "fine", "text": "Putin met Xi in Beijing."}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2019-06-05", "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{path}:1: article huge: article of" in result.stderr
    assert "processed 1, skipped 1" in result.stderr
    assert "Traceback" not in result.output


def test_actors_file_extends_the_base_on_the_commands_that_resolve_actors(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    people = tmp_path / "people.csv"
    people.write_text("id,name,aliases,gender,country,wikidata\nivan-ivanovich-testov,Ivan Testov,Testov,m,RUS,\n",
                      encoding="utf-8")  # fmt: skip
    answer = CliRunner().invoke(main, ["actors", "Testov", "--actors", str(people), "--format", "jsonl"])
    assert answer.exit_code == 0, answer.output
    assert json.loads(answer.stdout.splitlines()[0])["country"] == "RUS"
    without = CliRunner().invoke(main, ["actors", "Testov", "--format", "jsonl"])
    assert "ivan-ivanovich-testov" not in without.stdout
    for command in ("extract", "ingest", "timeline", "events", "brief", "actors", "quotes"):
        assert any(p.name == "kb" for p in main.commands[command].params), command


def test_a_bad_actors_file_stops_the_command_naming_file_line_and_field(tmp_path: Path, story: Path) -> None:
    offices = tmp_path / "offices.csv"
    offices.write_text("person_id,country,office,title,sector,start,end,leader\nQ7747,RUS,tsar,Tsar,GOV,2030-01-01,,1\n",
                       encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(main, ["extract", str(story), "--actors", str(offices)])
    assert result.exit_code == 2
    assert f"{offices}:2: field 'office'" in result.output


def test_export_writes_each_format_from_the_store(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(story), "--db", db]).exit_code == 0
    for fmt in ("gdelt", "plover", "csv"):
        out = tmp_path / f"events.{fmt}"
        result = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").strip()
    gdelt_line = (tmp_path / "events.gdelt").read_text(encoding="utf-8").splitlines()[0]
    assert len(gdelt_line.split("\t")) == 61
    folder = tmp_path / "parquet"
    assert CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "--out", str(folder)]).exit_code == 0
    assert (folder / "events.parquet").exists() and (folder / "mentions.parquet").exists()


def test_relation_prints_a_chart_and_writes_svg(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(story), "--db", db]).exit_code == 0
    svg = tmp_path / "chart.svg"
    result = CliRunner().invoke(main, ["relation", "Trump", "Putin", "--db", db, "--chart", str(svg)])
    assert result.exit_code == 0, result.output
    assert "2018-03" in result.output and svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    bad = CliRunner().invoke(main, ["relation", "Trump", "Putin", "--db", db, "--chart", str(tmp_path / "c.gif")])
    assert bad.exit_code == 2


def test_brief_to_a_file_embeds_its_chart(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(story), "--db", db]).exit_code == 0
    out = tmp_path / "tp.md"
    assert CliRunner().invoke(main, ["brief", "Trump", "Putin", "--db", db, "--out", str(out)]).exit_code == 0
    assert "](tp-relation.svg)" in out.read_text(encoding="utf-8") and (tmp_path / "tp-relation.svg").exists()


def test_eval_merge_reports_events_per_real_event(nlp) -> None:  # type: ignore[no-untyped-def]
    import detente

    corpus = Path(detente.__file__).parent / "data" / "multi_outlet"
    result = CliRunner().invoke(main, ["eval", "merge", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["real_events"] == 14 and figures["events_per_real_event"] >= 1.0


def test_ingest_records_skipped_records_and_errors_lists_them(tmp_path: Path, story: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.duckdb")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    first = CliRunner().invoke(main, ["ingest", str(story), str(bad), "--db", db])
    assert first.exit_code == 1
    again = CliRunner().invoke(main, ["ingest", str(story), "--db", db])
    assert again.exit_code == 0 and "(1 already stored)" in again.output
    listed = CliRunner().invoke(main, ["errors", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["record"], r["message"].split(" (")[0]) for r in rows] == [(1, "article has no text"), (2, "malformed JSON")]


def test_a_store_kept_busy_past_the_wait_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process writing for longer than LOCK_WAIT is not a usage error: exit 1, the store named."""
    import subprocess
    import sys

    from detente.store import Store

    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('holding', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr("detente.cli.LOCK_WAIT", 1.0)
        result = CliRunner().invoke(main, ["errors", "--db", str(db)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {db} is in use by another process (waited 1 s): "), lines
