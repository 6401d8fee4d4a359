"""Shared test configuration: hypothesis profiles and a precision guard.

Profiles (select with ``--hypothesis-profile NAME`` or ``HYPOTHESIS_PROFILE=NAME``):

- ``dev``: fast local runs, random seeds;
- ``ci``: derandomised (reproducible), no deadline; loaded automatically when ``CI`` is set;
- ``thorough``: many more examples, for a long run before a release.
"""

from __future__ import annotations

import os
import sys

# SymPy memoises expression construction in an LRU cache of 1000 entries by default; the registry's
# proofs rebuild the same sqrt products and matrix entries many times over, and a larger cache cut the
# default run's CPU time by about 8 % (248 s -> 229 s on 2 cores). Read once, when sympy is first
# imported, so it is set before anything imports sympy (a value the user exports wins).
os.environ.setdefault("SYMPY_CACHE_SIZE", "50000")
if "sympy" in sys.modules:  # a plugin imported sympy first: the setting above has no effect
    sys.stderr.write("conftest: sympy was imported before SYMPY_CACHE_SIZE could be set\n")

import mpmath
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile(
    "ci",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_profile = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(_profile)


@pytest.fixture(autouse=True)
def _mpmath_precision_guard():
    """Reset mpmath's global precision around every test, and fail a test that leaks a change."""
    mpmath.mp.dps = 15
    mpmath.mp.pretty = False
    yield
    leaked = mpmath.mp.dps
    mpmath.mp.dps = 15
    assert leaked == 15, f"test changed the global mpmath precision to {leaked} (use mpmath.workdps)"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the LaTeX round trip's pass rate, with the statements it skipped, when its test ran.

    The test records its summary as a report property (which pytest-xdist carries back from the
    worker), so the round trip is not parsed a second time here.
    """
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "round_trip" and getattr(report, "when", "call") == "call":
                    terminalreporter.write_sep("-", "LaTeX round trip")
                    terminalreporter.write_line(value)
                    return
