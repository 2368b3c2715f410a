"""The coverage-guided harness (``tests/fuzz/guided.py``) over every reader at once, in its own process.

libFuzzer owns the process it runs in (it exits when done), hence the
subprocess. The ci profile runs a few hundred inputs from a fixed seed, so
that the harness keeps working and its seeds stay readable; the long profile
runs 200,000 from a random seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fuzz.profiles import OVERRIDE, is_long

ROOT = Path(__file__).resolve().parents[2]


def test_every_reader_survives_guided_inputs(tmp_path: Path) -> None:
    runs = OVERRIDE or (200_000 if is_long() else 500)
    seed = 0 if is_long() else 1  # 0: libFuzzer picks one
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.guided", "all", f"-runs={runs}", f"-seed={seed}", "-max_len=8192"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"Done {runs} runs" in done.stderr, done.stderr[-2000:]
    assert not list(tmp_path.glob("crash-*"))
