"""Readable outputs over stored events: the Markdown brief and the relation index with its charts."""

from detente.report.brief import write_brief
from detente.report.relation import LeftOut, MonthRow, left_out, relation_index, terminal_chart, write_chart

__all__ = [
    "LeftOut",
    "MonthRow",
    "left_out",
    "relation_index",
    "terminal_chart",
    "write_brief",
    "write_chart",
]
