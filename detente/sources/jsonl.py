"""Articles from JSON Lines: one ``{"id", "text", ...}`` object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from detente.model import Article
from detente.sources.problems import Problems
from detente.sources.published import normalise_published

KNOWN = ("id", "text", "title", "url", "published", "outlet", "language")
MAX_DEPTH = 100
"""A record nested deeper than this is skipped: no article needs it (see ``_record_problem``)."""


def read_jsonl(path: Path, problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Read a JSONL file; ``published`` is ignored (each line carries its own)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
        return
    yield from parse_jsonl_lines(raw.split(b"\n"), str(path), problems)


def parse_jsonl_lines(lines: Iterable[str | bytes], source: str, problems: Problems) -> Iterator[Article]:
    """Turn lines into Articles, reporting each malformed one by line number, in order."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).lstrip("\ufeff")
        except UnicodeDecodeError as err:
            problems.skip(source, number, f"invalid UTF-8 at byte {err.start}")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.skip(source, number, f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            problems.skip(source, number, "malformed JSON (nested too deeply to read)")
            continue
        except ValueError as err:  # an integer of more digits than Python converts (4300)
            problems.skip(source, number, f"malformed JSON ({str(err).split(':')[0]})")
            continue
        article = article_from_record(record, source, number, problems)
        if article is not None:
            yield article


def article_from_record(record: Any, source: str, number: int, problems: Problems) -> Article | None:
    """Validate one decoded record; unknown keys are kept as metadata."""
    if not isinstance(record, dict):
        problems.skip(source, number, "not a JSON object")
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.skip(source, number, "article has no text")
        return None
    problem = _record_problem(record)
    if problem is not None:
        problems.skip(source, number, problem)
        return None
    doc_id = record.get("id")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        doc_id = f"{Path(source).name}:{number}"
    published, why = normalise_published(record.get("published"))
    meta = {k: v for k, v in record.items() if k not in KNOWN}
    if why:
        problems.warn(source, number, f"article {doc_id}: {why}; the date will be inferred from the text if it can be")
        meta["published_unparsed"] = record.get("published")
    return Article(
        id=str(doc_id),
        text=text,
        title=_opt_str(record.get("title")),
        url=_opt_str(record.get("url")),
        published=published,
        outlet=_opt_str(record.get("outlet")),
        language=_opt_str(record.get("language")),
        meta=meta,
        origin=f"{source}:{number}",
    )


def _record_problem(record: dict[str, Any]) -> str | None:
    """Why a decoded record cannot be kept as it is (a lone surrogate, nesting too deep), or None.

    Why: JSON may escape half a surrogate pair (``"\\ud800"``), which decodes to a
    ``str`` no UTF-8 encoder takes, and may nest a value hundreds of levels deep,
    which Python's recursive copies of the metadata cannot take; the parser, the
    content hash and the store would each fail on such a record far from the
    line that caused it. Walked with a stack, not recursion, for the same reason.
    """
    stack: list[tuple[Any, str, int]] = [(record, "", 0)]
    while stack:
        value, name, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"field {name!r} is nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, str) and not _encodable(value):
            return f"field {name!r} is not valid Unicode (an unpaired surrogate such as \\ud800)"
        if isinstance(value, dict):
            for key, item in value.items():
                if not _encodable(str(key)):
                    return "a field name is not valid Unicode (an unpaired surrogate such as \\ud800)"
                stack.append((item, name or str(key), depth + 1))
        elif isinstance(value, list):
            stack.extend((item, name, depth + 1) for item in value)
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
