"""The README's command examples name commands and options that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from detente.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _examples() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Commands", 1)[1].split("```", 2)[1]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [shlex.split(line.split("<", 1)[0])[1:] for line in lines if line.startswith("detente ")]


def test_every_example_uses_real_commands_and_options() -> None:
    examples = _examples()
    assert len(examples) >= 10
    for words in examples:
        command: click.Command = main
        for word in words:
            if isinstance(command, click.Group) and word in command.commands:
                command = command.commands[word]
            elif "|" in word and isinstance(command, click.Group):
                assert all(part in command.commands for part in word.split("|")), word
                break
        assert command is not main, words
        known = {opt for param in command.params for opt in param.opts}
        for option in (w for w in words if re.match(r"^--[a-z]", w)):
            assert option in known, f"{option} is not an option of {' '.join(words[:2])}"
