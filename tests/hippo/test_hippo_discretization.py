"""Discretisations of the HiPPO systems (HIPPO-DISC-*): golden steps, exact against mpmath on drawn steps,
the GBT family, the per-step LegS schemes, ZOH for singular and nilpotent matrices, local error orders."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from helpers import assert_caught, close
from hippo_support import mpm
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Matrix, Rational, Tuple, sqrt

import proofs
from numerics import hippo as nh
from numerics import strategies as S
from numerics.hippo.discrete_systems import ode_step
from proofs import hippo as H
from proofs.core import checks
from proofs.hippo.discrete_systems import _radicals, _unscale, diagonal_scaling


def test_golden_GH9_exact_legs_step():
    Ab, Bb = H.legs_step(1, 3)
    assert Ab == Matrix([[Rational(1, 2), 0, 0], [-sqrt(3) / 4, Rational(1, 4), 0], [0, -sqrt(15) / 8, Rational(1, 8)]])
    assert Bb == Matrix([Rational(1, 2), sqrt(3) / 4, 0])
    A, B = H.transition("legs", 3)
    e0 = Matrix([1, 0, 0])
    assert Bb == (sympy.eye(3) - Ab) * e0
    assert (Ab * B).applyfunc(sympy.expand) == Matrix([Rational(1, 2), 0, -sqrt(5) / 4])


def test_golden_GH10_legs_bilinear():
    A, B = H.transition("legs", 4)
    Ab, Bb = H.discretize(A, B, Rational(1, 10), "bilinear")
    s = sqrt
    expected = Matrix([[Rational(19, 21), 0, 0, 0], [-20 * s(3) / 231, Rational(9, 11), 0, 0],
                       [-380 * s(5) / 5313, -20 * s(15) / 253, Rational(17, 23), 0],
                       [-95 * s(7) / 1771, -15 * s(21) / 253, -5 * s(35) / 69, Rational(2, 3)]])
    assert Ab == expected
    assert Bb == Matrix([Rational(2, 21), 20 * s(3) / 231, 380 * s(5) / 5313, 95 * s(7) / 1771])
    assert abs(sympy.N(Ab[2, 1], 35) - sympy.Float("-0.306164691399795801199941928837", 35)) < 1e-29
    # mpmath counterpart (SciPy's cont2discrete bilinear gives the same pair)
    nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 10), "bilinear", dps=40)
    with mp.workdps(40):
        assert close(nAb, mpm(Ab), 30) and close(nBb, mpm(Bb), 30)


@settings(max_examples=8)
@given(N=S.sizes(1, 8), eps=S.positive_rationals(2, max_denominator=50),
       method=st.sampled_from(["forward", "backward", "bilinear", "zoh"]))
def test_exact_and_mpmath_discretisations_agree(N, eps, method):
    A, B = H.transition("legs", N)
    Ab, Bb = H.discretize(A, B, Rational(eps.numerator, eps.denominator), method)
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), eps, method, dps=30)
        assert close(nAb, mpm(Ab), 22)
        assert close(nBb, mpm(Bb), 22)


@settings(max_examples=10)
@given(alpha=S.rationals(0, 1, max_denominator=10), N=S.sizes(1, 5))
def test_gbt_special_cases(alpha, N):
    A, B = H.transition("legs", N)
    eps = Rational(1, 7)
    a = Rational(alpha.numerator, alpha.denominator)
    G = H.discretize(A, B, eps, "gbt", alpha=a)
    named = {Rational(0): "forward", Rational(1): "backward", Rational(1, 2): "bilinear"}
    if a in named:
        assert checks.same(sympy.Tuple(*G), sympy.Tuple(*H.discretize(A, B, eps, named[a])))
    # constant-input fixed point Bbar = (I - Abar) e0 (HIPPO-LEGS-P10)
    e0 = Matrix(N, 1, lambda n, _: 1 if n == 0 else 0)
    assert (G[1] - (sympy.eye(N) - G[0]) * e0).applyfunc(sympy.radsimp).is_zero_matrix


# --- the per-step LegS schemes (HIPPO-DISC-8, DISC-9) -------------------------------------------------------


def test_su_bilinear_fixed_point_defect_golden():
    Ab, Bb = H.legs_step(3, 4, "su-bilinear")
    defect = (Ab[:, 0] + Bb - Matrix([1, 0, 0, 0])).applyfunc(sympy.radsimp)
    assert defect == Matrix([Rational(1, 27), 4 * sqrt(3) / 135, 28 * sqrt(5) / 1485, 14 * sqrt(7) / 1485])


def test_exact_legs_step_is_step_size_free_by_odefun():
    """HIPPO-DISC-8 (b): integrate t x' = A x + B u_k from k eps to (k+1) eps for two step sizes."""
    N, k, u0 = 3, 2, Fraction(3, 4)
    A, B = H.transition("legs", N)
    Ab, Bb = H.legs_step(k, N)
    x0 = [Fraction(1, 2), Fraction(-1, 3), Fraction(1, 5)]
    with mp.workdps(30):
        expected = mpm(Ab) * mp.matrix([mp.mpf(v.numerator) / v.denominator for v in x0]) + mpm(Bb) * mp.mpf(0.75)
        for eps in (Fraction(1, 10), Fraction(37, 100)):
            got = ode_step(mpm(A), mpm(B), x0, u0, k * eps, (k + 1) * eps, scaled=True, dps=30)
            assert close(got, expected, 25)


# --- zero-order hold --------------------------------------------------------------------------------------


def test_zoh_singular_fout_uses_block_exponential():
    A, B = H.transition("fout", 2)
    Ab, Bb = H.discretize(A, B, Rational(1, 4), "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 4), "zoh", dps=30)
        assert close(nAb, mpm(Ab), 25) and close(nBb, mpm(Bb), 25)


def test_lagt_zoh_nilpotent_series_N16():
    A, B = H.transition("lagt", 16)
    Ab, Bb = H.discretize(A, B, Rational(1, 3), "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 3), "zoh", dps=30)
        assert close(nBb, mpm(Bb), 25)


def test_zoh_for_a_non_triangular_matrix_with_distinct_rational_eigenvalues():
    A, B = Matrix([[0, 1], [-2, -3]]), Matrix([0, 1])
    eps = Rational(1, 5)
    Ab, Bb = H.discretize(A, B, eps, "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 5), "zoh", dps=30)
        assert close(nAb, mpm(Ab), 25) and close(nBb, mpm(Bb), 25)


def _block_exponential(A, B, eps):
    """ZOH by its definition: the upper blocks of exp(eps [[A, B], [0, 0]]), by SymPy's matrix exponential."""
    N = A.rows
    big = sympy.zeros(N + B.cols, N + B.cols)
    big[:N, :N], big[:N, N:] = eps * A, eps * B
    E = big.exp()
    return E[:N, :N], E[:N, N:]


def test_zoh_of_a_nilpotent_matrix_is_the_block_exponential():
    # eigenvalue 0 repeated: discretize() takes the nilpotent series with phi_j = eps^(j+1)/(j+1)!,
    # the lam = 0 branch that no HiPPO measure reaches
    A = Matrix([[0, 1, 0], [0, 0, 2], [0, 0, 0]])
    B = Matrix([1, -1, 3])
    eps = Rational(2, 3)
    Ab, Bb = H.discretize(A, B, eps, "zoh")
    assert (Ab, Bb) == _block_exponential(A, B, eps)
    assert Bb != eps * B  # the higher phi_j matter here


@pytest.mark.parametrize("measure", ["lagt", "lagt-half"])
def test_zoh_of_a_shifted_nilpotent_matrix_is_the_block_exponential(measure):
    # LagT has one repeated eigenvalue, so discretize() takes its nilpotent series there (phi_j by
    # integration by parts); the definition is the upper blocks of exp(eps [[A, B], [0, 0]]).
    A, B = H.transition(measure, 3)
    eps = Rational(1, 2)
    EA, EB = _block_exponential(A, B, eps)
    Ab, Bb = H.discretize(A, B, eps, "zoh")
    assert sympy.simplify(Ab - EA).is_zero_matrix
    assert sympy.simplify(Bb - EB).is_zero_matrix


def test_diagonal_scaling_entries_are_never_zero():
    """_scaling's d_i is a product of radicals (1 if none), so no zero entry ever needs replacing."""
    assert _radicals(sympy.Integer(0)) == 1 and _radicals(Rational(-3, 7)) == 1
    assert _radicals(-3 * sympy.sqrt(5) / 7) == sympy.sqrt(5)
    A, B = H.transition("legs", 6)
    d, M, b = diagonal_scaling(A, B)
    assert all(x != 0 for x in d) and d[4] == 1  # -sqrt(9) = -3 carries no radical
    assert _unscale(d, M, b) == (A, B)


# --- local error orders (HIPPO-DISC-7) ----------------------------------------------------------------------


def test_local_error_orders_halving_ratios_empirical():
    with mp.workdps(30):
        A, B = (mpm(M) for M in H.transition("legs", 3))
        ratios = {}
        for method in ("forward", "backward", "bilinear"):
            errs = []
            for eps in (Fraction(1, 200), Fraction(1, 400)):
                Z = nh.discretize(A, B, eps, "zoh", dps=30)[0]
                errs.append(mp.mnorm(nh.discretize(A, B, eps, method, dps=30)[0] - Z, 1))
            ratios[method] = errs[0] / errs[1]
        assert 3.5 < ratios["forward"] < 4.5 and 3.5 < ratios["backward"] < 4.5 and 7 < ratios["bilinear"] < 9


def test_disc7_numeric_cross_check_agrees_to_45_digits():
    r = proofs.registry["HIPPO-DISC-7"]
    assert r.numeric is not None and r.examples
    for pt in r.examples:
        a = r.cross_check(pt, 50)
        assert a.digits >= 45 and a.digits_2x >= 95, (r.key, pt, a.describe())


def test_disc7_wrong_bilinear_cubic_coefficient_is_caught():
    """The bilinear eps^3 error coefficient is A^3/12, not A^3/6 (the exponential's own coefficient)."""
    r = proofs.registry["HIPPO-DISC-7"]

    def wrong(N):
        a, b, c, _ = r.statement(N)
        return Tuple(a, b, c, H.transition("legs", N)[0] ** 3 / 6)

    # (the numeric route alone: the declared scope goes with the derivation that is removed)
    assert_caught(r, wrong, by="numeric", examples=r.examples[:1], scope=None)
