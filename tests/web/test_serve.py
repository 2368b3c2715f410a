"""``detente serve``: local by default, a warning when told to listen wider."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner

from detente.cli import main
from detente.web.answers import AnswerCache
from detente.web.serve import exposure_warning, is_local


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.0.1.1", True), ("localhost", True), ("::1", True),
                                             ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
                                             ("example.org", False)])  # fmt: skip
def test_only_loopback_addresses_are_local(host: str, local: bool) -> None:
    assert is_local(host) is local
    assert (exposure_warning(host, 8000) is None) is local


def test_serve_runs_uvicorn_on_the_address_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level: calls.append((host, port)))
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test process is not a server
    local = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.duckdb")])
    assert local.exit_code == 0, local.output
    assert calls == [("127.0.0.1", 8000)]
    assert "warning" not in local.stderr and "no store at" in local.stderr
    wide = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0", "--port", "8080"])
    assert wide.exit_code == 0 and calls[-1] == ("0.0.0.0", 8080)
    assert "warning: serving on 0.0.0.0:8080" in wide.stderr and "no login" in wide.stderr


def test_a_bad_port_is_a_usage_error(tmp_path: Path) -> None:
    answer = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.duckdb"), "--port", "70000"])
    assert answer.exit_code == 2


def test_cache_mb_sets_the_memory_for_kept_answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level: apps.append(app))
    monkeypatch.setattr(gc, "freeze", lambda: None)
    for flag, expected in (([], 64 * 1024 * 1024), (["--cache-mb", "0"], 0)):
        done = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.duckdb"), *flag])
        assert done.exit_code == 0, done.output
        (layer,) = [m for m in apps[-1].user_middleware if m.cls is AnswerCache]
        assert layer.kwargs["max_bytes"] == expected
