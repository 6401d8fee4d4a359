"""The variational results in the registry: every required key, honest statuses, derivations that prove,
perturbed statements that fail, >= 45 claimed digits, and each result's own drawn parameters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import proofs

VAR_KEYS = [r.key for r in proofs.registry.select(["VAR"])]

REQUIRED = ["VAR-A1", "VAR-A2", "VAR-A2-CAVEAT", "VAR-A3", "VAR-A4", "VAR-A5", "VAR-A6", "VAR-A7", "VAR-A7-ODE",
            "VAR-A8", "VAR-A8-XFORM", "VAR-A9", "VAR-A10", "VAR-A11", "VAR-A12", "VAR-A13", "VAR-A14", "VAR-A15",
            "VAR-F1", "VAR-F1-VERTEX", "VAR-F2", "VAR-F3", "VAR-F4", "VAR-F5", "VAR-F6", "VAR-F7",
            "VAR-A11-ARC", "VAR-A11-CHORD", "VAR-A13-RATE", "VAR-A13-LIM", "VAR-A14-JACOBI"]


def test_required_keys_registered():
    assert set(REQUIRED) <= set(VAR_KEYS)
    assert proofs.registry["VAR-F3"].status is proofs.Status.THEOREM


@pytest.mark.parametrize("key", VAR_KEYS)
def test_claims_45_digits(key):
    # tests/test_registry.py verifies every registered result at dps 50; a pass there means the
    # claimed dps - loss digits held at dps and 2*dps. Here: the claim itself is >= 45 digits.
    assert proofs.registry[key].loss <= 5


@pytest.mark.parametrize("key", ["VAR-A1", "VAR-A4", "VAR-A8", "VAR-A11", "VAR-F6", "VAR-F7"])
def test_perturbed_statement_fails(key):
    rep = proofs.registry[key].perturbed().verify(dps=30)
    assert not rep.passed
    assert rep.digits is not None and rep.digits < 5

NEW = {"VAR-A11-ARC": proofs.Status.EXACT, "VAR-A11-CHORD": proofs.Status.EXACT,
       "VAR-A13-RATE": proofs.Status.EMPIRICAL, "VAR-A13-LIM": proofs.Status.EMPIRICAL,
       "VAR-A14-JACOBI": proofs.Status.EXACT,
       "VAR-A7-ODE": proofs.Status.EXACT, "VAR-F3": proofs.Status.THEOREM}


def test_new_keys_registered_with_honest_status():
    for key, status in NEW.items():
        result = proofs.registry[key]
        assert result.status is status, key
        assert result.derive is not None or status is proofs.Status.EMPIRICAL, key
    assert proofs.registry["VAR-A13-RATE"].derive is None  # an observation carries no proof
    assert proofs.registry["VAR-A13-LIM"].derive is None and proofs.registry["VAR-A13-LIM"].convergence is not None
    assert proofs.registry["VAR-F3"].bound is not None  # a THEOREM carries only a bounded proof


@pytest.mark.parametrize("key", ["VAR-A7-ODE", "VAR-F3", "VAR-A14-JACOBI", "VAR-A11-ARC", "VAR-A11-CHORD"])
def test_new_derivations_prove(key):
    outcome, cases, message = proofs.registry[key].prove()
    assert outcome in ("proved", "proved-up-to-bound", "proved-for-instances"), message
    assert cases >= 1


@pytest.mark.parametrize("key", sorted(NEW))
def test_new_keys_perturbed_fail(key):
    rep = proofs.registry[key].perturbed().verify(dps=20)
    assert not rep.passed
    if proofs.registry[key].numeric is None:  # a limit claim: its convergence table must fail
        assert rep.convergence is not None and not rep.convergence.passed
    else:
        assert rep.digits is not None and rep.digits < 5


PARAM_KEYS = [r.key for r in proofs.registry.select(["VAR"]) if r.params is not None and r.numeric is not None]


@pytest.mark.parametrize("key", PARAM_KEYS)
def test_drawn_parameters_cross_check(key):
    """Every result's own hypothesis strategy yields points where closed form and numerics agree (dps 20)."""
    result = proofs.registry[key]

    @settings(max_examples=3, deadline=None)
    @given(point=result.params())
    def check(point):
        agreement = result.cross_check(point, 20)
        assert agreement.passed, (point, agreement.describe())

    check()
