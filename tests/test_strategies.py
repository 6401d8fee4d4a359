"""The public hypothesis strategies draw what they promise."""

from __future__ import annotations

from fractions import Fraction

import mpmath
from hypothesis import given, settings

from numerics import strategies as S


@given(S.rationals(Fraction(-3, 2), Fraction(5, 7)))
def test_rationals_stay_in_bounds(v):
    assert isinstance(v, Fraction) and Fraction(-3, 2) <= v <= Fraction(5, 7)


@given(S.probability_vectors(2, 9))
def test_probability_vectors_are_exact_and_positive(p):
    assert sum(p) == 1 and all(v > 0 for v in p) and 2 <= len(p) <= 9


@given(S.complex_points(2))
def test_complex_points_lie_in_the_disc(z):
    assert z[0] ** 2 + z[1] ** 2 <= 4


@settings(max_examples=10)
@given(S.stable_matrices(3))
def test_stable_matrices_are_hurwitz(a):
    with mpmath.workdps(30):
        eig = mpmath.eig(mpmath.matrix([[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in a]),
                         left=False, right=False)
        assert max(mpmath.re(e) for e in eig) < 0


@settings(max_examples=10)
@given(S.contractive_matrices(4))
def test_contractive_matrices_have_norm_below_one(a):
    assert max(sum(abs(v) for v in row) for row in a) < 1


@given(S.points(n=S.sizes(0, 5), x=S.unit_interval()))
def test_points_are_dicts_of_the_fields(p):
    assert set(p) == {"n", "x"} and 0 <= p["n"] <= 5 and -1 <= p["x"] <= 1
