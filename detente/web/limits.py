"""How much a request may carry: an oversized one is a 4xx that says which limit, before any parameter is read.

The server is read-only and its parameters are short (a name or a search is
at most ``params.MAX_TEXT`` characters, and a page has a dozen parameters),
so a long query string, hundreds of parameters or a request body are a
mistake or an attack, never a query. uvicorn's HTTP parser (h11) already
refuses a request head it cannot read whole from about 16 KiB of buffer (a
1 MB query string gets its plain ``400 Invalid HTTP request received.`` and
the connection is closed), but a head that arrives in one read of up to
256 KiB passes it: these limits are the ones the app keeps whatever the
server in front of it does. They run as an app-wide dependency, so the
answer is the API's JSON error or the site's error page like every other.
"""

from __future__ import annotations

from fastapi import Request
from starlette.types import Scope

from detente.web.params import Problem

MAX_QUERY_BYTES = 8 * 1024
"""Longest query string, as sent (percent-encoded): the limit of common proxies (nginx, Apache) for a request line."""
MAX_PARAMS = 64
"""Most query parameters: the event search, the longest page, takes ten."""
MAX_HEADER_BYTES = 32 * 1024
"""Most bytes of header names and values together: the app reads none but Content-Length, and a browser's
cookies for a host stay well below this."""


def problem(scope: Scope) -> Problem | None:
    """What is wrong with a request's size, or None: 414 for the query string's length, 400 for its parameters,
    431 for its headers, 413 for a body."""
    query: bytes = scope.get("query_string", b"")
    if len(query) > MAX_QUERY_BYTES:
        return Problem(414, f"the query string is {len(query):,} bytes; at most {MAX_QUERY_BYTES:,} are accepted")
    params = sum(1 for part in query.split(b"&") if part)
    if params > MAX_PARAMS:
        return Problem(400, f"{params:,} query parameters; at most {MAX_PARAMS} are accepted")
    headers = sum(len(name) + len(value) for name, value in scope["headers"])
    if headers > MAX_HEADER_BYTES:
        return Problem(431, f"the headers are {headers:,} bytes; at most {MAX_HEADER_BYTES:,} are accepted")
    for name, value in scope["headers"]:
        if (name == b"content-length" and value != b"0") or name == b"transfer-encoding":
            return Problem(413, "this server is read-only and takes no request body")
    return None


async def request_limits(request: Request) -> None:
    """Refuse a request past a limit (see :func:`problem`).

    ``async`` so that it runs on the event loop: a plain function would take a
    worker thread for each request just to compare a few numbers.
    """
    found = problem(request.scope)
    if found is not None:
        raise found
