"""The Jacobi field of the cycloid family (VAR-A14-JACOBI): positive on the arch, its closed form, a half-angle slip
caught, and the documented errors of its numeric route."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from hypothesis import given, settings
from mpmath import mp
from sympy import Eq

import proofs
from numerics import variational as nv
from numerics.strategies import rationals
from proofs.variational import minimality as mini


@settings(max_examples=10, deadline=None)
@given(r=rationals(Fr(1, 10), 4, max_denominator=20), theta=rationals(Fr(1, 20), Fr(62, 10), max_denominator=50))
def test_jacobi_field_positive_and_closed_form(r, theta):
    h = nv.jacobi_field(r, theta, dps=30)
    assert h > 0  # no conjugate point on the arch
    with mpmath.workdps(40):
        th = mp.mpf(theta.numerator) / theta.denominator
        assert close(h, 2 - th * mp.cot(th / 2), 25)


def test_wrong_jacobi_field_is_caught():
    """theta cot(theta) in place of theta cot(theta/2) (a half-angle slip) is caught."""
    wrong = lambda: Eq(mini.JAC, 2 - mini.theta * sympy.cot(mini.theta), evaluate=False)
    assert_caught(proofs.registry["VAR-A14-JACOBI"], wrong, dps=20)


@pytest.mark.parametrize("call, match", [
    (lambda: nv.jacobi_field(1, 7), "theta must lie in"),
    (lambda: nv.jacobi_field(-1, 1), "r must be positive"),
])
def test_jacobi_field_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
