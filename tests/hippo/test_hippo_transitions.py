"""The HiPPO transition pairs (A, B): closed forms against the projection derivation, golden matrices,
the ODEs they close on drawn signals, the sign and normalisation conventions, and rescaling."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from helpers import assert_caught, close
from hippo_support import WINDOWED, W, mpm
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import I, Matrix, Rational, pi, sqrt

import proofs
from numerics import hippo as nh
from numerics import strategies as S
from numerics.hippo import routes as chk
from proofs import hippo as H
from proofs.core import Bound, checks
from proofs.hippo.fourier import _invariants, _rescale_psi


@pytest.mark.parametrize("measure", H.MEASURES)
def test_derive_transition_equals_closed_form_for_every_N_up_to_32(measure):
    window = W if measure in WINDOWED else 1
    for N in range(1, 33):
        A, B = H.transition(measure, N, window=window)
        assert A.shape == (N, N) and B.shape == (N, 1)
        assert checks.same(sympy.Tuple(A, B), sympy.Tuple(*H.derive_transition(measure, N, window=window))), N


@pytest.mark.parametrize("measure", WINDOWED)
def test_numeric_window_two_is_the_s4_convention(measure):
    A1, B1 = H.transition(measure, 6)
    A2, B2 = H.transition(measure, 6, window=2)
    assert A2 == A1 / 2 and B2 == B1 / 2
    assert H.derive_transition(measure, 6, window=Rational(2)) == (A2, B2)


@pytest.mark.parametrize("measure", H.MEASURES)
def test_general_term_piecewise_matches_matrices(measure):
    a, b = H.general_term(measure)
    n, k = sympy.Symbol("n", integer=True, nonnegative=True), sympy.Symbol("k", integer=True, nonnegative=True)
    N = 6
    A, B = H.transition(measure, N, window=W if measure in WINDOWED else 1)
    nu = H.frequencies(N)
    if measure == "fous":
        n, k = sympy.Symbol("n", integer=True), sympy.Symbol("k", integer=True)
    for i in range(N):
        for j in range(N):
            ii, jj = (nu[i], nu[j]) if measure == "fous" else (i, j)
            val = a.subs({n: ii, k: jj}, simultaneous=True)
            assert sympy.simplify(val - A[i, j]) == 0, (measure, i, j)
        if measure != "fous":
            assert sympy.simplify(b.subs({n: i}) - B[i]) == 0


# --- golden matrices (spec section 8) --------------------------------------------------------------------


def test_golden_GH1_legs_and_integer_form():
    A, B = H.transition("legs", 4)
    s = sqrt
    assert A == Matrix([[-1, 0, 0, 0], [-s(3), -2, 0, 0], [-s(5), -s(15), -3, 0], [-s(7), -s(21), -s(35), -4]])
    assert B == Matrix([1, s(3), s(5), s(7)])
    Ai, Bi = H.rescale(*H.transition("legs", 3), [1 / s(2 * n + 1) for n in range(3)])
    assert Ai == Matrix([[-1, 0, 0], [-3, -2, 0], [-5, -5, -3]]) and Bi == Matrix([1, 3, 5])


def test_golden_GH2_GH3_legt_and_lmu():
    s = sqrt
    A, B = H.transition("legt", 3)
    assert A == Matrix([[-1, s(3), -s(5)], [-s(3), -3, s(15)], [-s(5), -s(15), -5]]) and B == Matrix([1, s(3), s(5)])
    A, B = H.transition("lmu", 3)
    assert A == Matrix([[-1, -1, -1], [3, -3, -3], [-5, 5, -5]]) and B == Matrix([1, -3, 5])
    # LMU-1 similarity x = D c with D = diag((-1)^n sqrt(2n+1))
    D = sympy.diag(*[(-1) ** n * s(2 * n + 1) for n in range(8)])
    A8, B8 = H.transition("legt", 8, window=W)
    L8, M8 = H.transition("lmu", 8, window=W)
    assert (D * A8 * D.inv() - L8).applyfunc(sympy.simplify).is_zero_matrix
    assert (D * B8 - M8).applyfunc(sympy.simplify).is_zero_matrix


def test_golden_GH4_lagt_variants():
    A, B = H.transition("lagt", 3)
    assert A == -Matrix([[1, 0, 0], [1, 1, 0], [1, 1, 1]]) and B == Matrix([1, 1, 1])
    A, B = H.transition("lagt-half", 3)
    h = Rational(1, 2)
    assert A == Matrix([[-h, 0, 0], [-1, -h, 0], [-1, -1, -h]]) and B == Matrix([1, 1, 1])


def test_golden_GH5_fout_window_1_and_2():
    r2 = sqrt(2)
    A, B = H.transition("fout", 6)
    expected = Matrix([[-2, 0, -2 * r2, 0, -2 * r2, 0], [0] * 6, [-2 * r2, 0, -4, -2 * pi, -4, 0],
                       [0, 0, 2 * pi, 0, 0, 0], [-2 * r2, 0, -4, 0, -4, -4 * pi], [0, 0, 0, 0, 4 * pi, 0]])
    assert (A - expected).is_zero_matrix and B == Matrix([2, 0, 2 * r2, 0, 2 * r2, 0])
    A2, B2 = H.transition("fout", 6, window=2)
    assert (A2 - expected / 2).is_zero_matrix and B2 == B / 2


def test_golden_GH6_fous():
    A, B = H.transition("fous", 3)
    h = Rational(1, 2)
    assert A == Matrix([[-1, 0, 0], [-1, I * pi - 1, -h], [-1, -h, -I * pi - 1]]) and B == Matrix([1, 1, 1])
    assert H.frequencies(5) == [0, 1, -1, 2, -2]


# --- the closed ODEs on drawn signals and times ----------------------------------------------------------


@settings(max_examples=6)
@given(N=S.sizes(1, 6), t=S.positive_rationals(3, max_denominator=30),
       coeffs=st.lists(S.rationals(-2, 2, max_denominator=30), min_size=1, max_size=4))
def test_legs_ode_holds_for_drawn_signals_and_times(N, t, coeffs):
    u, du = chk.poly_signal(coeffs)
    with mp.workdps(30):
        c = nh.project(u, t, N, "legs", dps=30)
        d = nh.project_derivative(du, t, N, "legs", dps=30)
        A, B = (mpm(M) for M in H.transition("legs", N))
        tt = mp.mpf(t.numerator) / t.denominator
        rhs = A * mp.matrix(c) + B * u(tt)
        assert max(abs(tt * d[i] - rhs[i]) for i in range(N)) < mp.mpf(10) ** -25


@settings(max_examples=5)
@given(N=S.sizes(1, 5), t=S.rationals(-2, 2, max_denominator=30), w=S.positive_rationals(3, max_denominator=30))
def test_lagt_and_legt_closed_odes_for_drawn_times(N, t, w):
    with mp.workdps(30):
        c, d, ut, _ = chk.ode_sides("cubic", "legt", max(N, 4), t, window=w, dps=30)
        A, B = (mpm(M) for M in H.transition("legt", max(N, 4), window=Rational(w.numerator, w.denominator)))
        rhs = A * mp.matrix(c) + B * ut
        assert max(abs(d[i] - rhs[i]) for i in range(len(c))) < mp.mpf(10) ** -24


# --- conventions: plausible wrong statements are caught ---------------------------------------------------


def test_su_normalisation_B_is_caught_by_the_legs_ode():
    """Su's B_n = sqrt(2(2n+1)) with paper-normalised coefficients is a subtle wrong statement."""
    legs = proofs.registry["HIPPO-LEGS-1"]

    def su_normalised(N):
        A, B = H.transition("legs", N)
        return sympy.Tuple(A, sqrt(2) * B)

    assert_caught(legs, su_normalised, by="symbolic", bound=Bound("N", 1, 4), dps=50)
    assert_caught(legs, su_normalised, by="numeric", examples=[{"N": 4, "t": Fraction(17, 10)}])


def test_paper_sign_convention_is_caught():
    lagt = proofs.registry["HIPPO-LAGT-1"]
    assert_caught(lagt, lambda N: sympy.Tuple(-H.transition("lagt", N)[0], sympy.ones(N, 1)),
                  bound=Bound("N", 1, 3), dps=50)


def test_reference_lagt_is_the_half_variant_not_the_paper_one():
    assert H.transition("lagt", 4) != H.transition("lagt-half", 4)
    with mp.workdps(30):
        s = mp.mpf(7) / 5
        for m, w in (("lagt", -1), ("lagt-half", -mp.mpf(1) / 2)):
            A, B = (mpm(M) for M in H.transition(m, 4))
            y = mp.expm(s * A) * B
            assert close(y, [mp.laguerre(n, 0, s) * mp.exp(w * s) for n in range(4)], 25)


# --- rescaling (HIPPO-RESCALE-1) ---------------------------------------------------------------------------


def test_rescale_uniform_factor_keeps_A():
    A, B = H.transition("legs", 5)
    As, Bs = H.rescale(A, sqrt(2) * B, [sqrt(2)] * 5)
    assert As == A and (Bs - B).is_zero_matrix


def test_rescale1_numeric_cross_check_agrees_to_45_digits():
    r = proofs.registry["HIPPO-RESCALE-1"]
    assert r.numeric is not None and r.examples
    for pt in r.examples:
        a = r.cross_check(pt, 50)
        assert a.digits >= 45 and a.digits_2x >= 95, (r.key, pt, a.describe())


def test_rescale1_forgetting_to_rescale_the_reconstruction_is_caught():
    """Invariants of the rescaled system with the *unscaled* reconstruction functions psi differ."""
    r = proofs.registry["HIPPO-RESCALE-1"]
    pt = r.examples[0]

    def wrong(N):
        lam = [sympy.Rational(pt[f"lambda{j}"].numerator, pt[f"lambda{j}"].denominator) for j in range(N)]
        return _invariants(*H.rescale(*H.transition("legs", N), lam), _rescale_psi(N))

    # (the numeric route alone: the declared scope goes with the derivation that is removed)
    assert_caught(r, wrong, by="numeric", examples=r.examples[:1], scope=None)
