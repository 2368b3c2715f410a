"""Publication dates as given by the user: ``YYYY-MM-DD`` or an ISO datetime."""

from __future__ import annotations

from datetime import date, datetime


def normalise_published(value: object) -> tuple[str | None, str | None]:
    """Return ``(YYYY-MM-DD or None, error or None)``.

    Why keep only the day: event dates never need more, and "yesterday" is
    reckoned from the day the outlet printed, not from a time stamp.
    """
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"'published' must be a string, got {type(value).__name__}"
    text = value.strip()
    try:
        if len(text) > 10:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        return date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        return None, f"'published' is not YYYY-MM-DD or an ISO datetime: {text!r}"
