"""The bad-input ledger every reader writes to.

Why a collector rather than exceptions: one malformed line must not stop a run
over a million articles, yet the user must learn exactly which file and line
was skipped, and the exit status must say that something was.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO


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
        where = f"{source}:{line}" if line is not None else source
        message = f"detente: skipped {where}: {why}"
        self.skipped.append(message)
        print(message, file=self.stream or sys.stderr)

    def warn(self, source: str, line: int | None, why: str) -> None:
        """Report a problem that did not stop the record from being read (a fallback was used)."""
        where = f"{source}:{line}" if line is not None else source
        message = f"detente: warning {where}: {why}"
        self.warnings.append(message)
        print(message, file=self.stream or sys.stderr)

    def exclude(self, source: str, line: int | None, why: str) -> None:
        """Record (and print) a good record left out by a filter (e.g. not in English).

        Why apart from ``skip``: nothing is wrong with the input, so it does not make
        the exit status 1 (a CC-NEWS archive always holds other languages).
        """
        where = f"{source}:{line}" if line is not None else source
        message = f"detente: skipped {where}: {why}"
        self.excluded.append(message)
        print(message, file=self.stream or sys.stderr)

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
