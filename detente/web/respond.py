"""Answers: JSON through orjson, pages through Jinja2 with autoescaping on.

orjson writes the event dataclasses directly, about ten times faster than
``json.dumps(dataclasses.asdict(...))``; for a timeline of thousands of
events that is most of the time an answer takes. Every page is rendered
from templates in this package with autoescaping on, so article text,
titles and names reach the browser as text, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from detente import __version__
from detente.model import Actor
from detente.ontology import STATUSES
from detente.report.brief import describe, join_names, render_date
from detente.report.relation import QUAD_CLASSES
from detente.web.evidence import safe_url, sentence_pieces
from detente.web.plans import link_note

TEMPLATES = Path(__file__).parent / "templates"
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Defence in depth behind autoescaping: a page may run only this package's script and styles."""


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON of dicts, lists and the model's dataclasses, UTF-8, keys in field order.

    ``nosniff``: a browser must not read an answer that quotes an article's
    markup as HTML.
    """
    headers = {"X-Content-Type-Options": "nosniff", **(headers or {})}
    return Response(orjson.dumps(data), status_code=status, media_type="application/json", headers=headers)


def link(path: str, **params: Any) -> str:
    """A local URL with its query string; empty parameters are left out."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [], ())}, doseq=True)
    return f"{path}?{query}" if query else path


def actor_link(actor: Actor) -> str:
    """The actor page of a stored actor, by its id (exact, whatever its name resolves to)."""
    return link("/actor", name=actor.id)


def environment() -> Environment:
    """The template environment: autoescape on for every template, undefined names an error."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.globals.update(link=link, actor_link=actor_link, version=__version__, quad_classes=QUAD_CLASSES,
                       statuses=STATUSES, safe_url=safe_url, sentence_pieces=sentence_pieces, link_note=link_note)  # fmt: skip
    env.filters.update(date=render_date, describe=describe, names=join_names)
    return env


class Pages:
    """Renders a template into a response, with what every page shows (the store's path)."""

    def __init__(self, store_path: Path) -> None:
        self.env = environment()
        self.store_path = store_path

    def render(self, request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:  # fmt: skip
        html = self.env.get_template(template).render(request=request, store_path=str(self.store_path), **context)
        return HTMLResponse(html, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})
