"""The command line on random argument lists: real option names, garbage values, exit status 0, 1 or 2, never a traceback.

Every command is run through click's CliRunner in a fresh folder holding a few
inputs (good and bad articles, a small store, a broken knowledge-base file).
Two commands would outlive a test: ``serve`` (a web server, fuzzed elsewhere)
and ``run`` (a Dask cluster); for them the backend is replaced by a stub and
only the argument handling is fuzzed, up to the call (``run``'s stub still
prepares the output folder, where bad ``--out`` values fail). ``--workers``
never gets a valid value above 1 for ``ingest``: each worker process loads
the spaCy model, seconds per example.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from detente.cli import main
from detente.distributed import RunSummary, _prepare
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import nasty_text

GOOD = [
    {"id": "a1", "published": "2019-06-28", "text": "Vladimir Putin met Xi Jinping in Osaka on Friday. \"The talks were useful,\" Putin said."},
    {"id": "a2", "published": "2019-05-08", "text": "Donald Trump called Vladimir Putin on Tuesday to discuss arms control."},
]  # fmt: skip
FILES = {
    "good.jsonl": "\n".join(json.dumps(a) for a in GOOD) + "\n",
    "bad.jsonl": '{"id": "x", "text": \n[1, 2]\n{"id": "y"}\n',
    "story.txt": "Russia and China signed a trade agreement in Moscow on Wednesday.",
    "empty.txt": "",
    "table.csv": "id,body,date\nc1,Emmanuel Macron met Angela Merkel in Berlin on Monday.,2019-06-25\nc2,\"unclosed\n",
    "people.csv": "id,name,aliases,gender,country,wikidata\nivan,Ivan Petrov,,m,RUS,\n",
    "offices.csv": "person,country,office,start,end\nivan,RUS,mayor,2021-13-01,\n",
    "feed.rss": "<rss><channel><item><title>x</title></item></channel></rss>",
    "news/inner.jsonl": json.dumps(GOOD[1]) + "\n",
    "gold/notes.txt": "not gold data",
    "gold.jsonl": '{"text": "Putin met Xi.", "source": "Putin", "target": "Xi", "type": "CONSULT"}\n{broken\n',
}  # fmt: skip


def _locked() -> str | None:
    """A path even root may not look at (``/proc/1/cwd`` where the kernel restricts it), or None.

    Where it can be looked at it is the root of the filesystem, which no test should walk.
    """
    try:
        os.stat("/proc/1/cwd")
    except PermissionError:
        return "/proc/1/cwd"
    except OSError:
        return None
    return None


LOCKED = _locked() or "missing/folder"
PATHS = [*FILES, "news", "gold", "-", "missing.jsonl", "store.duckdb", "fresh.duckdb", "out", ".", "/dev/null", LOCKED,
         "missing/x.duckdb", "a\x00b"]  # fmt: skip
VALUES = {
    "date": ["2021-06-15", "2021", "2021-06", "2019-02-30", "31/31/2020", "the 45th of Smarch", "", "0000-00-00", "9999-12-31"],
    "name": ["Putin", "Trump", "Vladimir Putin", "the Russian president", "Russia", "Smarch", "", "Ivan Petrov"],
    "number": ["0", "1", "-1", "3", "99999999999999999999", "nan", "1e3", "", "x"],
    "columns": ["text=body,published=date", "text=body", "=", "a=b,c", "text=", "id=id,,text=body", "nonsense"],
    "types": ["CONSULT", "consult,AGREE", "NOPE", ",", ""],
    "host": ["127.0.0.1", "0.0.0.0", "::1", "not a host", ""],
}  # fmt: skip
INGEST_WORKERS = ["0", "-1", "1", "x", "", "1.5"]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


COMMANDS = dict(_commands(main))
DB_VALUES = ["store.duckdb", "store.duckdb", "fresh.duckdb", ".", "out", "news", "good.jsonl", "bad.jsonl", "empty.txt",
             "story.txt", "missing/x.duckdb", "/dev/null", LOCKED, f"{LOCKED}/x.duckdb", "a\x00b", ""]  # fmt: skip
"""``--db`` values: the store (twice as often), a new file, and every kind of path that is no store."""


SENSIBLE = {
    "date": ["2021-06-15", "2019", "2019-06"], "name": ["Putin", "Trump", "Russia", "Vladimir Putin", "Xi Jinping"],
    "number": ["1", "2", "3"], "columns": ["text=body,published=date", "text=body"], "types": ["CONSULT", "consult,AGREE"],
    "host": ["127.0.0.1"], "paths": ["good.jsonl", "story.txt", "news", "table.csv", "bad.jsonl", "-"],
    "db": ["store.duckdb"], "out": ["out.md", "shards", "chart.svg", "events.tsv"], "actors": ["people.csv"],
    "gold": ["gold.jsonl", "gold"],
}  # fmt: skip
"""Values each option takes when the invocation is meant to succeed."""

KINDS = {
    "published": "date", "since": "date", "until": "date", "on": "date", "actor": "name", "speaker": "name",
    "about": "name", "a": "name", "b": "name", "name": "name", "columns": "columns", "types": "types", "type_": "types",
    "host": "host", "paths": "paths", "db": "db", "out": "out", "chart_path": "out", "kb": "actors", "path": "gold",
    "folder": "gold", "limit": "number", "collapse": "number", "port": "number", "workers": "number",
}  # fmt: skip


def _value(draw: Any, command: tuple[str, ...], param: click.Parameter, sensible: bool) -> str:
    """A value for an option or argument: one of its own kind, or (unless ``sensible``) anything."""
    name = param.name or ""
    if command == ("ingest",) and name == "workers":
        return draw(st.sampled_from(["1"] if sensible else INGEST_WORKERS))
    if isinstance(param.type, click.Choice):
        return draw(st.sampled_from([str(c) for c in param.type.choices]))
    kind = KINDS.get(name, "name")
    if sensible:
        return draw(st.sampled_from(SENSIBLE[kind]))
    if kind == "db":
        return draw(st.sampled_from(DB_VALUES))
    pool = PATHS if kind in ("paths", "out", "actors", "gold") else VALUES.get(kind, VALUES["name"])
    return draw(st.one_of(st.sampled_from(pool), nasty_text(12)))


@st.composite
def invocations(draw: Any) -> list[str]:
    """A command with its arguments and some of its real options: sensible values, or anything at all.

    Half the invocations are sensible (they should run the command through,
    exit 0 or 1), half take any value anywhere, miss arguments and add stray
    words (exit 2 mostly): both halves must end in a clean exit status.
    """
    sensible = draw(st.booleans())
    command = draw(st.sampled_from(sorted(COMMANDS)))
    args: list[str] = list(command)
    for param in COMMANDS[command].params:
        if isinstance(param, click.Argument) and (sensible or draw(st.integers(0, 9))):  # messy: one may be missing
            for _ in range(draw(st.integers(1, 3)) if param.nargs == -1 else 1):
                args.append(_value(draw, command, param, sensible))
    options = [p for p in COMMANDS[command].params if isinstance(p, click.Option)]
    for option in draw(st.lists(st.sampled_from(options), max_size=4, unique=sensible)) if options else []:
        at = draw(st.integers(0, len(args) - len(command))) + len(command)  # options go anywhere after the command
        missing = not sensible and not draw(st.integers(0, 19))
        value = [] if option.is_flag or missing else [_value(draw, command, option, sensible)]
        args[at:at] = [draw(st.sampled_from(option.opts)), *value]
    if not sensible and draw(st.booleans()):
        stray = draw(st.one_of(nasty_text(8), st.sampled_from(["--", "-", "--help", "--version", "-h", "--nope"])))
        args.insert(draw(st.integers(0, len(args))), stray)
    return args


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:  # nlp: the model loads once, before examples
    """The inputs every example starts from, with a store made by a real ingest."""
    folder = tmp_path_factory.mktemp("cli")
    for name, content in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(folder / "good.jsonl"), "--db", str(folder / "store.duckdb")])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def stubbed_backends() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """``run_dask`` and the web server replaced for the module; the calls they got, for the tests to see."""
    calls: list[tuple[str, tuple[Any, ...]]] = []

    def run_dask(paths: Any, out: Any, *args: Any, overwrite: bool = False, **kwargs: Any) -> RunSummary:
        _prepare(Path(out), overwrite)
        calls.append(("run", (paths, out)))
        return RunSummary(out_dir=Path(out))

    def serve(db: Any, host: str, port: int, *args: Any, **kwargs: Any) -> None:
        calls.append(("serve", (db, host, port)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("detente.distributed.run_dask", run_dask)
        patch.setattr(importlib.import_module("detente.web.serve"), "serve", serve)  # the package re-exports the name
        yield calls


@contextlib.contextmanager
def _fresh_copy(workdir: Path) -> Iterator[None]:
    """Run in a new folder holding a copy of the inputs (commands write stores, briefs and charts)."""
    with tempfile.TemporaryDirectory(dir=workdir.parent) as here, contextlib.chdir(here):
        shutil.copytree(workdir, here, dirs_exist_ok=True)
        yield


@budget(ci=40, long=3000)
@given(args=invocations(), stdin=st.one_of(nasty_text(40), st.sampled_from([json.dumps(GOOD[0]), '{"text": 1}\n[', ""])))
def test_random_arguments_end_in_0_1_or_2_never_a_traceback(workdir: Path, stubbed_backends: list, args: list[str],
                                                           stdin: str) -> None:  # fmt: skip
    with _fresh_copy(workdir):
        result = CliRunner().invoke(main, args, input=stdin)
    event(f"exit {result.exit_code}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert "Traceback" not in result.output


def test_the_stubs_are_reached_so_the_arguments_before_them_were_fuzzed(workdir: Path, stubbed_backends: list) -> None:
    runner = CliRunner()
    with _fresh_copy(workdir):
        assert runner.invoke(main, ["run", "good.jsonl", "--out", "shards"]).exit_code == 0
        assert runner.invoke(main, ["serve", "--db", "store.duckdb", "--port", "8123"]).exit_code == 0
    assert [name for name, _ in stubbed_backends[-2:]] == ["run", "serve"]


FORMER_CRASHES = [
    (["eval", "merge", "gold"], 2, "Invalid value for 'FOLDER': gold is not a multi-outlet corpus",
     "FileNotFoundError"),
    (["eval", "locations", "gold.jsonl"], 2, "Invalid value for 'PATH': gold.jsonl is not the event_location set",
     "JSONDecodeError"),
    (["eval", "relate", "gold.jsonl"], 2, "Invalid value for 'PATH': gold.jsonl is not relation gold", "JSONDecodeError"),
    (["eval", "relate", "good.jsonl"], 2, "Invalid value for 'PATH': good.jsonl is not relation gold", "KeyError: 'type'"),
    (["errors", "--db", "good.jsonl"], 2, "Invalid value for '--db': cannot open the store good.jsonl", ""),
    (["errors", "--db", "story.txt"], 2, "Invalid value for '--db': cannot open the store story.txt",
     "not a valid DuckDB database file"),
    (["ingest", "good.jsonl", "--db", "good.jsonl"], 2, "Invalid value for '--db': good.jsonl is not a DuckDB file", ""),
    (["ingest", "good.jsonl", "--db", "missing/x.duckdb"], 2, "Invalid value for '--db': cannot open the store "
     "missing/x.duckdb", "No such file or directory"),
    (["ingest", "good.jsonl", "--db", "a\x00b"], 2, "Invalid value for '--db': 'a\\x00b': a path cannot hold a NUL byte", ""),
    (["ingest", "good.jsonl", "--db", ""], 2, "Invalid value for '--db': '': an empty path names no file", ""),
    (["eval", "timex", "a\x00b"], 2, "Invalid value for 'FOLDER': 'a\\x00b': a path cannot hold a NUL byte", ""),
    (["extract", "good.jsonl", "--actors", "a\x00b"], 2, "Invalid value for --actors: 'a\\x00b': a path cannot hold "
     "a NUL byte", ""),
    (["ingest", LOCKED, "--db", "new.duckdb"], 1, f"detente: skipped {LOCKED}: cannot read: Permission denied", ""),
    (["extract", "good.jsonl", "--actors", LOCKED], 2, f"Invalid value for --actors: {LOCKED}: cannot be looked at "
     "(Permission denied)", ""),
    (["timeline", "Trump", "Putin", "--db", f"{LOCKED}/x.duckdb"], 2, f"Invalid value for '--db': {LOCKED}/x.duckdb: "
     "cannot be looked at (Permission denied)", ""),
    (["eval", "timex", LOCKED], 2, f"Invalid value for 'FOLDER': {LOCKED}: cannot be looked at (Permission denied)", ""),
    (["brief", "Trump", "Putin", "--db", "store.duckdb", "--out", "missing/x.md"], 2, "Error: cannot write missing/x.md",
     "No such file or directory"),
    (["relation", "Putin", "Xi Jinping", "--db", "store.duckdb", "--chart", "missing/x.svg"], 2,
     "Error: cannot write missing/x.svg", "No such file or directory"),
]  # fmt: skip
"""Bad input that once crashed a command (found by the test above): the exit status, and the line
that now names the path and the problem (and, for gold data, the error met)."""


@pytest.mark.parametrize(("args", "status", "line", "cause"), FORMER_CRASHES,
                         ids=[" ".join(args).replace("\x00", "NUL") for args, *_ in FORMER_CRASHES])
def test_former_crashes_end_in_one_line_naming_the_path(workdir: Path, args: list[str], status: int, line: str,
                                                        cause: str) -> None:  # fmt: skip
    if any(LOCKED in a for a in args) and _locked() is None:
        pytest.skip("no path here that stat() refuses")
    with _fresh_copy(workdir):
        result = CliRunner().invoke(main, args)
        assert not Path("a").exists()  # a NUL byte cut the path once
    assert result.exit_code == status, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    said = [text for text in result.stderr.splitlines() if line in text]
    assert len(said) == 1 and cause in said[0], result.stderr
