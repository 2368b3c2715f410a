"""Printing records: ``--format table|jsonl|csv``, defined once for every command.

``jsonl`` is the interface's record exactly; ``csv`` flattens the same fields
for spreadsheets; ``table`` is for reading in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from detente.model import Event, Quote, Timex, to_dict

FORMATS = ("table", "jsonl", "csv")


LINK_WORDS = {
    "plan_of": "held",
    "held_as": "planned for",
    "cancelled_plan_of": "cancelled, then held",
    "rescheduled_from": "rescheduled after a plan cancelled",
}
"""How a table tells each kind of link, before the linked event's date and id."""


def link_text(link: dict[str, Any]) -> str:
    """One link as a table cell shows it: "held 2018-07-16 (ev-…)", "planned for 2018-07 (ev-…)"."""
    words = LINK_WORDS.get(link["kind"], link["kind"])
    return f"{words} {link.get('date') or 'undated'} ({link['event_id']})"


def event_row(event: Event) -> dict[str, Any]:
    """The flat form of an event, for tables and CSV."""
    first = event.mentions[0] if event.mentions else None
    return {
        "date": event.date.value or "?",
        "type": event.type + (f"/{event.mode}" if event.mode else ""),
        "cameo": event.cameo,
        "status": event.status,
        "source": "; ".join(a.name for a in event.source),
        "target": "; ".join(a.name for a in event.target),
        "place": event.location.name if event.location else "",
        "mentions": len(event.mentions),
        "sources": event.sources if event.sources is not None else "",
        "first_report": " ".join(x for x in (first.outlet, first.published) if x) if first else "",
        "date_basis": event.date.basis,
        "evidence": first.sentence if first else "",
        "links": "; ".join(link_text(link) for link in event.links),
        "id": event.id,
    }


def quote_row(quote: Quote) -> dict[str, Any]:
    """The flat form of a quote."""
    return {
        "doc_id": quote.doc_id,
        "speaker": quote.speaker.name if quote.speaker else "",
        "addressee": quote.addressee.name if quote.addressee else "",
        "reported_by": quote.reported_by or "",
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    """The interface's JSON for a quote (speaker and addressee without nested actor ids unless resolved)."""
    record = to_dict(quote)
    for role in ("speaker", "addressee"):
        person = record.get(role)
        if person and person.get("actor"):
            person["id"] = person["actor"]["id"]
        if person is not None:
            person.pop("actor", None)
        if person is None:
            record.pop(role)
    if record.get("reported_by") is None:
        record.pop("reported_by")
    return record


def timex_record(timex: Timex) -> dict[str, Any]:
    """The interface's JSON for a time expression (plus granularity, basis, reason)."""
    return to_dict(timex)


def render(records: Sequence[dict[str, Any]], fmt: str, rows: Sequence[dict[str, Any]] | None = None) -> str:
    """Render records (JSON form) or their flat rows as the chosen format."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    flat = list(rows if rows is not None else records)
    if fmt == "csv":
        return _csv(flat)
    return _table(flat)


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _table(rows: Sequence[dict[str, Any]], width: int = 60) -> str:
    if not rows:
        return "(none)\n"
    columns = [c for c in rows[0] if c not in {"id"}]
    cells = [[_cell(r[c], width) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    return "\n".join(lines) + "\n"


def _cell(value: Any, width: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def events_output(events: Iterable[Event], fmt: str) -> str:
    """Events as the chosen format."""
    events = list(events)
    return render([to_dict(e) for e in events], fmt, [event_row(e) for e in events])
