"""Which Hypothesis profile runs, and each test's example count under it.

Kept apart from ``conftest.py`` so that test modules can import it.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILES = ("ci", "long")
ACTIVE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if ACTIVE not in PROFILES:
    raise ValueError(f"HYPOTHESIS_PROFILE={ACTIVE!r}: the fuzz tests know the profiles {', '.join(PROFILES)}")

LONG_EXAMPLES = 100_000
"""Examples per reader test in the long profile."""

OVERRIDE = int(os.environ.get("FUZZ_EXAMPLES", "0"))
"""``FUZZ_EXAMPLES=N`` runs N examples in every test whatever the profile: a long run cut to fit the time there is."""


def budget(ci: int, long: int = LONG_EXAMPLES) -> settings:
    """``settings`` with ``ci`` examples under the ci profile and ``long`` under the long one.

    Built on the loaded profile (conftest loads it before any test module is
    imported), so the seed, deadline and health checks still come from it.
    """
    return settings(max_examples=OVERRIDE or (ci if ACTIVE == "ci" else long))


def is_long() -> bool:
    """Whether the long profile runs (big single inputs are only built then)."""
    return ACTIVE == "long"
