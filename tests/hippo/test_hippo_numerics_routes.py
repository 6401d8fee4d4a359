"""The independent mpmath routes of numerics.hippo: reconstruction, contour Taylor coefficients,
Faddeev-LeVerrier, and the errors of the windowed quadratures."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Matrix, Symbol

from numerics import hippo as nh
from numerics.hippo import routes as chk


def test_reconstruction_api_all_measures_are_exact_for_polynomials():
    u, _ = chk.signal("cubic")
    with mp.workdps(30):
        for measure, tau in (("legs", 1), ("legt", Fraction(3, 2)), ("lmu", Fraction(3, 2))):
            c = nh.project(u, 2, 5, measure, dps=30)
            assert abs(nh.reconstruct(c, tau, 2, measure, dps=30) - u(mp.mpf(tau.numerator if isinstance(
                tau, Fraction) else tau) / (tau.denominator if isinstance(tau, Fraction) else 1))) < mp.mpf(10) ** -25


def test_taylor_by_contour_recovers_exponential_series():
    with mp.workdps(40):
        got = chk.taylor_by_contour(lambda z: [mp.matrix([[mp.exp(z)]])], (0, 2, 5), radius=mp.mpf(1) / 2,
                                    points=60)
        for m, (M,) in zip((0, 2, 5), got):
            assert abs(M[0, 0] - 1 / mp.factorial(m)) < mp.mpf(10) ** -35


@settings(max_examples=10, deadline=None)
@given(st.lists(st.fractions(-3, 3, max_denominator=9), min_size=4, max_size=4))
def test_faddeev_leverrier_matches_sympy_charpoly(entries):
    M = Matrix(2, 2, [sympy.Rational(e.numerator, e.denominator) for e in entries])
    expected = M.charpoly(Symbol("z")).all_coeffs()
    with mp.workdps(30):
        got = chk.faddeev_leverrier(mp.matrix([[mp.mpf(e.numerator) / e.denominator for e in entries[:2]],
                                               [mp.mpf(e.numerator) / e.denominator for e in entries[2:]]]))
        assert all(abs(g - mp.mpf(sympy.Rational(x).p) / sympy.Rational(x).q) < mp.mpf(10) ** -25
                   for g, x in zip(got, expected))


def test_window_sides_rejects_unknown_signal():
    with pytest.raises(ValueError, match="unknown signal .*allowed values"):
        chk.window_sides("square", 2, 1, 1, chk.fourier_real_forward)
