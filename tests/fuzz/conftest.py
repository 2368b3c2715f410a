"""Hypothesis profiles for the fuzz tests, chosen by ``HYPOTHESIS_PROFILE`` (default ``ci``).

``ci`` is what ``make test`` runs: a fixed seed (the same examples on every
machine, so a failure is one anyone can reproduce) and few examples, so the
whole folder stays well under a minute on two cores. ``long`` is what
``make fuzz`` runs: random seeds, at least 100,000 examples per reader test,
no deadline. Neither keeps an example database: the project's tree stays
clean, and Hypothesis prints a failing example (and how to reproduce it) in
full anyway.

Each test gives its own example counts through :func:`tests.fuzz.profiles.budget`,
since a reader test takes a millisecond per example and a spaCy parse ten.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from tests.fuzz.profiles import ACTIVE, LONG_EXAMPLES

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=50, deadline=None, suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)
settings.register_profile(
    "long", database=None, max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)
settings.load_profile(ACTIVE)
