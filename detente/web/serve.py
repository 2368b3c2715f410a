"""``detente serve``: the app under uvicorn, on this machine only unless told otherwise.

The pages have no login: anyone who can reach the port can read the whole
store. So the default address is the loopback one, and any other is served
only with a warning saying so.
"""

from __future__ import annotations

import gc
import ipaddress
from collections.abc import Callable
from pathlib import Path

import uvicorn

from detente.actors.kb import KnowledgeBase
from detente.web.answers import MAX_BYTES
from detente.web.app import create_app

LOCAL_NAMES = {"localhost", "ip6-localhost"}


def is_local(host: str) -> bool:
    """Whether ``host`` is a loopback address or name (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str | None:
    """The warning to print when binding wider than this machine, or None."""
    if is_local(host):
        return None
    return (f"warning: serving on {host}:{port}, reachable from other machines; there is no login, "
            "so anyone who can reach this port can read the whole store")  # fmt: skip


def serve(db: str | Path, host: str, port: int, kb: KnowledgeBase | None = None,
          note: Callable[[str], None] = print, linger: float = 0.5, cache_bytes: int = MAX_BYTES) -> None:  # fmt: skip
    """Run the app until interrupted; ``note`` prints the lines a person starting it should read.

    Everything loaded at start (the knowledge base, the templates) lives as long as the
    server, so it is frozen out of the garbage collector's full passes, which a timeline
    of thousands of events would otherwise trigger over and over.
    """
    warning = exposure_warning(host, port)
    if warning:
        note(warning)
    if not Path(db).exists():
        note(f"note: no store at {db} yet; the pages say how to create one, and show it once it exists")
    shown = f"[{host}]" if ":" in host else host
    note(f"detente: serving {db} at http://{shown}:{port}/ (API docs at /docs); Ctrl+C stops")
    app = create_app(db, kb, linger=linger, cache_bytes=cache_bytes)
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level="warning")
