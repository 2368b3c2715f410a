"""The web app: JSON API, pages, static files, and one way of answering every error.

An error is never a traceback: a bad parameter is a 400 that says which and
why, an unknown actor a 404 naming the closest known names, a missing or busy
store a 503 that says what to do; the API answers ``{"error": ...}`` and the
pages an error page. Anything unexpected is logged here and answered with a
plain 500. The Swagger UI at /docs is served from files in the
fastapi-offline package, so the docs work without network access too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from detente import __version__
from detente.actors.kb import KnowledgeBase, load_kb
from detente.web import api, pages
from detente.web.access import StoreAccess, StoreUnavailable
from detente.web.actors import Actors
from detente.web.answers import MAX_BYTES, AnswerCache
from detente.web.limits import request_limits
from detente.web.params import Problem
from detente.web.respond import Pages, json_response
from detente.web.state import AppState, state

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("detente.web")

DESCRIPTION = """Read-only access to a detente store: who did what to whom, when and where, with the
sentences that report it. Event records are those of `detente timeline --format jsonl`
(see the project's interfaces). Actor parameters take names as people write them
("Putin", "Russia", "the Kremlin") or actor ids."""


def create_app(db: str | Path, kb: KnowledgeBase | None = None, *, wait: float = 3.0, linger: float = 0.5,
               cache_bytes: int = MAX_BYTES) -> FastAPI:  # fmt: skip
    """The app over the store at ``db`` (which may not exist yet).

    ``wait``: seconds a request waits for a writer to let go of the file;
    ``linger``: seconds the file stays open after the last request (see ``access``);
    ``cache_bytes``: how many bytes of answers are kept while the store is unchanged (0: none; see ``answers``).
    """
    access = StoreAccess(Path(db), wait=wait, linger=linger)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPIOffline(title="detente", version=__version__, description=DESCRIPTION, redoc_url=None,
                         static_url="/docs-assets", lifespan=lifespan, dependencies=[Depends(request_limits)])  # fmt: skip
    app.state.detente = AppState(access, Actors(kb or load_kb()), Pages(Path(db)))
    app.add_middleware(AnswerCache, access=access, max_bytes=cache_bytes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(Problem, _problem)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, _unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    return app


def _answer(request: Request, status: int, title: str, message: str, closest: list[str] | None = None,
            param: str | None = None, headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    """The JSON error of the API, or the error page of the site."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        body: dict[str, object] = {"error": message}
        if closest is not None:
            body["closest"] = closest
        return json_response(body, status, headers)
    suggestions = [(name, str(request.url.include_query_params(**{param: name}))) for name in closest or []] if param else []
    return state(request).pages.render(request, "problem.html", status=status, headers=headers, title=title,
                                       message=message, suggestions=suggestions)  # fmt: skip


async def _problem(request: Request, exc: Problem) -> Response:
    title = "Not found" if exc.status == 404 else "Check the request" if exc.status < 500 else "Cannot answer"
    closest = exc.extra.get("closest")
    param = exc.extra.get("param")
    return _answer(request, exc.status, title, exc.message, closest, param)


async def _unavailable(request: Request, exc: StoreUnavailable) -> Response:
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return _answer(request, exc.status, exc.title, exc.message, headers=headers)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    """FastAPI's 422 for a malformed parameter, as a 400 naming the parameter."""
    reasons = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in {"query", "path"})
        reasons.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return _answer(request, 400, "Check the request", "; ".join(reasons) or "invalid request")


async def _http(request: Request, exc: HTTPException) -> Response:
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return _answer(request, exc.status_code, "Not found" if exc.status_code == 404 else "Cannot answer", message,
                   headers=getattr(exc, "headers", None))  # fmt: skip


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("error answering %s", request.url.path, exc_info=exc)
    return _answer(request, 500, "Something went wrong", "an internal error occurred; it has been logged on the server")
