"""The bad-input ledger every reader writes to.

Why a collector rather than exceptions: one malformed line must not stop a run
over a million articles, yet the user must learn exactly which file and line
was skipped, and the exit status must say that something was.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

_ESCAPES = {code: f"\\x{code:02x}" for code in [*range(32), 0x7F, 0x85]} | {
    9: "\\t", 10: "\\n", 13: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"
}


def one_line(text: str) -> str:
    """``text`` with control characters and line breaks written as escapes (``\\n``, ``\\x00``)."""
    return text.translate(_ESCAPES)


@dataclass
class Problems:
    """Counts processed and skipped records; prints one line per skipped one."""

    stream: TextIO | None = None
    processed: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def skip(self, source: str, line: int | None, why: str) -> None:
        """Record (and print) a skipped record: ``file:line: why``."""
        self.skipped.append(self._report("skipped", source, line, why))

    def warn(self, source: str, line: int | None, why: str) -> None:
        """Report a problem that did not stop the record from being read (a fallback was used)."""
        self.warnings.append(self._report("warning", source, line, why))

    def exclude(self, source: str, line: int | None, why: str) -> None:
        """Record (and print) a good record left out by a filter (e.g. not in English).

        Why apart from ``skip``: nothing is wrong with the input, so it does not make
        the exit status 1 (a CC-NEWS archive always holds other languages).
        """
        self.excluded.append(self._report("skipped", source, line, why))

    def _report(self, kind: str, source: str, line: int | None, why: str) -> str:
        """Print and return ``detente: KIND file:line: why`` as one line, whatever the input put in it.

        A file name or a CSV header may hold newlines and control characters; they
        are escaped, so that every report stays one line that a user can grep.
        """
        where = f"{source}:{line}" if line is not None else source
        message = one_line(f"detente: {kind} {where}: {why}")
        print(message, file=self.stream or sys.stderr)
        return message

    def ok(self, n: int = 1) -> None:
        """Count records that went through."""
        self.processed += n

    def summary(self) -> str:
        """The closing line of every run."""
        summary = f"processed {self.processed}, skipped {len(self.skipped)}"
        summary += f", excluded {len(self.excluded)}" if self.excluded else ""
        return summary + (f", warnings {len(self.warnings)}" if self.warnings else "")

    @property
    def exit_code(self) -> int:
        """0 when everything was processed, 1 when anything was skipped."""
        return 1 if self.skipped else 0
