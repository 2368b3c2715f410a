"""Web pages and a JSON API over the store (``detente serve``).

``create_app(db)`` gives the FastAPI app; ``serve(db, host, port)`` runs it
under uvicorn. The app only reads the store, opening it per request (see
``access``) so that ``detente ingest`` can write between requests.
"""

from __future__ import annotations

from detente.web.app import create_app
from detente.web.serve import serve

__all__ = ["create_app", "serve"]
