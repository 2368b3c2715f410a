"""Readable outputs over stored events: the Markdown brief (timeline views, charts and exports join later)."""

from detente.report.brief import write_brief

__all__ = ["write_brief"]
