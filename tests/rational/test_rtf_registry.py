"""RTF pillar: every registered RTF result claims 45 digits, its perturbation fails both checks, its drawn
points cross-check, and a plausible wrong statement (the uncorrected kernel) is caught.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import proofs
from proofs import rational as pr
from proofs.rational.instances import rationals

from helpers import assert_caught
from rtf_data import A1, B1, KEYS


@pytest.mark.parametrize("key", KEYS)
def test_claims_45_digits(key):
    # tests/test_registry.py verifies every result at dps 50 against its claim of dps - loss digits
    # (and 2*dps - loss at 2*dps); the claim itself must be at least 45 digits.
    assert proofs.registry[key].loss <= 5


@pytest.mark.parametrize("key", KEYS)
def test_perturbation_fails_both_checks(key):
    r = proofs.registry[key].perturbed()
    first = r.cases()[0] if r.bound is not None else {}
    assert not proofs.core.checks.same(r.statement(**first), r.derivation(**first).value)
    assert not r.cross_check(r.examples[0]).passed


def test_aliased_kernel_without_correction_is_caught():
    """Pitfall 1: claiming fft_kernel(b, a, L) = C^T A^k B (uncorrected C) is wrong, and verify says so."""
    base = proofs.registry["RTF-FFT-1"]

    def wrong(d=None, a=None, b=None, L=None):
        A, B, C = pr.companion(a if a is not None else A1, b if b is not None else B1)
        LL = int(L) if L is not None else 8
        x, out = B, []
        for _ in range(LL):
            out.append((C.T * x)[0])
            x = A * x
        return sympy.Eq(sympy.Matrix([sympy.Symbol(f"K_{k}") for k in range(LL)]), sympy.Matrix(out),
                        evaluate=False)

    assert_caught(base, wrong, by="numeric", examples=base.examples[:1], dps=50, scope=None)


def _companion_instance(d):
    """RTF-COMP-2 on one random rational (a, b) of size d, exactly: the resolvent column at a rational z and
    the round trip through transfer_function (an instance, beyond the symbolic proof's d = 1..8)."""
    a, b = rationals(400 + d, d, 3, 7), rationals(500 + d, d, 3, 7)
    z0 = sympy.Rational(1, 7)
    x = (sympy.eye(d) - z0 * pr.comp(a)).LUsolve(sympy.Matrix([1] + [0] * (d - 1)))
    az = 1 + sum(c * z0 ** (i + 1) for i, c in enumerate(a))
    assert list(x) == [z0**i / az for i in range(d)]
    assert pr.transfer_function(*pr.companion(a, b)) == (b, a)


@pytest.mark.parametrize("d", [9, 12, 16])
def test_companion_realisation_random_instances(d):
    _companion_instance(d)


@pytest.mark.slow
def test_companion_realisation_random_instances_to_32():
    for d in range(17, 33):
        _companion_instance(d)


@settings(max_examples=3)
@given(st.data())
def test_registered_params_cross_check(data):
    for key in KEYS:
        r = proofs.registry[key]
        if r.params is None:
            continue
        point = data.draw(r.params(), label=key)
        assert r.cross_check(point, 30).passed, (key, point)
