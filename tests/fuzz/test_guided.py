"""The coverage-guided harness (``tests/fuzz/guided.py``) on the readers and on the time normaliser, each in its own process.

libFuzzer owns the process it runs in (it exits when done), hence the
subprocess. The ci profile runs a few hundred inputs from a fixed seed, so
that the harness keeps working and its seeds stay readable; the long profile
runs 200,000 over the readers and 50,000 through the time normaliser (a
spaCy parse each) from a random seed.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

from tests.fuzz.profiles import OVERRIDE, is_long

ROOT = Path(__file__).resolve().parents[2]


def _fuzz(target: str, ci_runs: int, long_runs: int, folder: Path) -> None:
    """``python -m tests.fuzz.guided TARGET`` for the profile's number of runs: it must end with no crash."""
    runs = OVERRIDE or (long_runs if is_long() else ci_runs)
    seed = 0 if is_long() else 1  # 0: libFuzzer picks one
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.guided", target, f"-runs={runs}", f"-seed={seed}", "-max_len=8192"],
        cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    assert done.returncode == 0 and not list(folder.glob("crash-*")), _crash_report(done.stdout, folder)
    assert f"Done {runs} runs" in done.stdout, done.stdout[-2000:]


def _crash_report(output: str, folder: Path) -> str:
    """What failed and the input that made it fail, as base64: the test's folder is gone after a few runs."""
    start = output.find("=== Uncaught Python exception")
    failed = output[start:] if start >= 0 else output[-4000:]
    inputs = [f"{crash.name}: {base64.b64encode(crash.read_bytes()).decode()}" for crash in folder.glob("crash-*")]
    return "\n".join([failed[:6000], *inputs])


def test_every_reader_survives_guided_inputs(tmp_path: Path) -> None:
    _fuzz("all", 500, 200_000, tmp_path)


def test_the_time_normaliser_survives_guided_inputs(tmp_path: Path) -> None:
    _fuzz("timex", 100, 50_000, tmp_path)
