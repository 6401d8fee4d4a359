"""HiPPO pillar: API contract, golden numbers, derivations, errors, properties.

The generic registry tests (tests/test_registry.py) verify and perturb every HIPPO-* result;
this module checks the public API of spec ``hippo.md`` section 10 and the properties that are
not single registered identities (empirical rates, conventions, wrong statements caught).
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import I, Matrix, Rational, Symbol, pi, sqrt

import proofs
from numerics.hippo import routes as chk
from numerics import hippo as nh
from numerics import strategies as S
from numerics.hippo.discrete_systems import ode_step
from proofs.core import checks
from proofs import hippo as H

W = Symbol("w", positive=True)
WINDOWED = ("legt", "lmu", "fout")


def mpm(M):
    """A real SymPy matrix as an mpmath matrix holding 50 significant digits (kept after the context)."""
    with mp.workdps(50):
        return mp.matrix([[mp.mpf(str(sympy.N(v, 60))) for v in row] for row in M.tolist()])


def close(a, b, tol=mpmath.mpf(10) ** -35):
    fa, fb = (list(a) if not isinstance(a, list) else a), (list(b) if not isinstance(b, list) else b)
    return max(abs(x - y) for x, y in zip(fa, fb)) < tol


# --- API contract -------------------------------------------------------------------------------------


def test_contract_names_exist():
    assert H.MEASURES == ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")
    for name in ("transition", "derive_transition", "discretize", "fout_complex", "rescale", "legs_step"):
        assert callable(getattr(H, name)) and name in H.__all__
    for name in ("project", "reconstruct", "discretize", "legs_step"):
        assert callable(getattr(nh, name)) and name in nh.__all__


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


# --- golden numbers ---------------------------------------------------------------------------------------


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


def test_golden_GH7_GH8_impulse_responses():
    with mp.workdps(40):
        A, B = H.transition("legs", 4)
        y = mp.expm(mpm(A)) * mpm(B)
        gold = ["0.3678794411714423215955238", "-0.1683707099239084501357624", "-0.3251463048177028146263235",
                "0.3408909926926645800956028"]
        assert all(abs(y[i] - mp.mpf(g)) < mp.mpf(10) ** -24 for i, g in enumerate(gold))
        A, B = H.transition("lagt", 5)
        y = mp.expm(mpm(A)) * mpm(B)
        gold = [1, 0, -mp.mpf(1) / 2, -mp.mpf(2) / 3, -mp.mpf(5) / 8]
        assert all(abs(y[i] - g / mp.e) < mp.mpf(10) ** -35 for i, g in enumerate(gold))


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
        assert close(list(nAb), list(mpm(Ab)), mp.mpf(10) ** -30) and close(list(nBb), list(mpm(Bb)), mp.mpf(10) ** -30)


def test_golden_GH11_fourier_partial_sums_of_s():
    with mp.workdps(40):
        s = mp.mpf(3) / 10

        def part(K):
            return mp.mpf(1) / 2 - mp.fsum(mp.sinpi(2 * k * s) / (mp.pi * k) for k in range(1, K + 1))

        for K, gold in ((10, "0.3114778777031421765148838"), (100, "0.30115624004298896354847"),
                        (1000, "0.3001156327463632262625147")):
            assert abs(part(K) - mp.mpf(gold)) < mp.mpf(10) ** -22
        # convergence O(1/K): K * error stays bounded (THEOREM; rate HEURISTIC)
        assert all(K * abs(part(K) - s) < 1 for K in (10, 100, 1000))


# --- errors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("N", [0, -3, 2.5, True, "4", None])
def test_bad_N_raises(N):
    with pytest.raises(ValueError, match="N must be a positive integer"):
        H.transition("legs", N)
    with pytest.raises(ValueError, match="N must be a positive integer"):
        H.derive_transition("lagt", N)
    with pytest.raises(ValueError, match="N must be a positive integer"):
        nh.project(mp.sin, 1, N, "legs")


@pytest.mark.parametrize("measure", ["legendre", "LEGS", "", "tlagt", 3])
def test_unknown_measure_lists_allowed_values(measure):
    allowed = "legs, legt, lmu, lagt, lagt-half, fout, fous"
    with pytest.raises(ValueError, match=allowed):
        H.transition(measure, 3)
    with pytest.raises(ValueError, match=allowed):
        H.derive_transition(measure, 3)
    with pytest.raises(ValueError, match=allowed):
        nh.project(mp.sin, 1, 3, measure)


@pytest.mark.parametrize("window", [0, -1, Rational(-1, 2), Symbol("w"), 0.5, True])
@pytest.mark.parametrize("measure", ["legs", "legt", "fout"])
def test_bad_window_raises(window, measure):
    with pytest.raises(ValueError, match="window > 0"):
        H.transition(measure, 3, window=window)
    with pytest.raises(ValueError, match="window > 0"):
        H.derive_transition(measure, 3, window=window)


def test_discretize_and_step_errors():
    A, B = H.transition("legs", 3)
    with pytest.raises(ValueError, match="forward, backward, bilinear, gbt, zoh"):
        H.discretize(A, B, Rational(1, 10), "euler")
    with pytest.raises(ValueError, match=r"alpha in \[0, 1\]"):
        H.discretize(A, B, Rational(1, 10), "gbt")
    with pytest.raises(ValueError, match=r"alpha in \[0, 1\]"):
        H.discretize(A, B, Rational(1, 10), "gbt", alpha=2)
    for step in (0, -1, Symbol("e"), 0.1):
        with pytest.raises(ValueError, match="step"):
            H.discretize(A, B, step, "zoh")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        H.legs_step(0, 3)
    with pytest.raises(ValueError, match="exact, forward, backward, bilinear, su-bilinear"):
        H.legs_step(1, 3, "trapezoid")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        nh.legs_step(0, 3)
    with pytest.raises(ValueError, match="alpha"):
        nh.discretize(mpm(A), mpm(B), Fraction(1, 10), "gbt")
    with pytest.raises(ValueError, match="step"):
        nh.discretize(mpm(A), mpm(B), 0, "zoh")
    with pytest.raises(ValueError, match="nonzero"):
        H.rescale(A, B, [1, 0, 2])
    with pytest.raises(ValueError, match="consistent, su"):
        H.fout_complex(2, closure="midpoint")


@pytest.mark.parametrize("measure", ["legs", "fous"])
def test_project_needs_positive_time_for_scaled_measures(measure):
    with pytest.raises(ValueError, match="t > 0"):
        nh.project(mp.sin, 0, 3, measure)
    with pytest.raises(ValueError, match="window > 0"):
        nh.project(mp.sin, 1, 3, "legt", window=-1)


# --- hypothesis property tests ------------------------------------------------------------------------------


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


@settings(max_examples=8)
@given(N=S.sizes(1, 8), eps=S.positive_rationals(2, max_denominator=50),
       method=st.sampled_from(["forward", "backward", "bilinear", "zoh"]))
def test_exact_and_mpmath_discretisations_agree(N, eps, method):
    A, B = H.transition("legs", N)
    Ab, Bb = H.discretize(A, B, Rational(eps.numerator, eps.denominator), method)
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), eps, method, dps=30)
        assert close(list(nAb), list(mpm(Ab)), mp.mpf(10) ** -22)
        assert close(list(nBb), list(mpm(Bb)), mp.mpf(10) ** -22)


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


@settings(max_examples=8)
@given(N=S.sizes(1, 12), data=st.data())
def test_legs_matvec_prefix_sum(N, data):
    v = data.draw(st.lists(S.rationals(-3, 3, max_denominator=20), min_size=N, max_size=N))
    A = H.transition("legs", N)[0]
    dense = A * Matrix(v)
    acc, out = 0, []
    for n in range(N):
        acc += sqrt(2 * n + 1) * v[n]
        out.append(n * v[n] - sqrt(2 * n + 1) * acc)
    assert (dense - Matrix(out)).applyfunc(sympy.expand).is_zero_matrix


# --- conventions, errata and wrong statements caught ----------------------------------------------------------


def test_su_normalisation_B_is_caught_by_the_legs_ode():
    """Su's B_n = sqrt(2(2n+1)) with paper-normalised coefficients is a subtle wrong statement."""
    rep = proofs.registry["HIPPO-LEGS-1"]
    A, B = H.transition("legs", 4)
    wrong = type(rep).__new__(type(rep))
    object.__setattr__  # the dataclass is frozen: build the wrong result through dataclasses.replace
    import dataclasses

    wrong = dataclasses.replace(rep, statement=lambda N: sympy.Tuple(H.transition("legs", N)[0],
                                                                     sqrt(2) * H.transition("legs", N)[1]))
    report = wrong.verify(bound=4)
    assert not report.passed and report.symbolic == "failed"
    assert wrong.cross_check({"N": 4, "t": Fraction(17, 10)}, 30).passed is False


def test_paper_sign_convention_is_caught():
    import dataclasses

    r = proofs.registry["HIPPO-LAGT-1"]
    wrong = dataclasses.replace(r, statement=lambda N: sympy.Tuple(-H.transition("lagt", N)[0], sympy.ones(N, 1)))
    assert not wrong.verify(bound=3).passed


def test_reference_lagt_is_the_half_variant_not_the_paper_one():
    assert H.transition("lagt", 4) != H.transition("lagt-half", 4)
    with mp.workdps(30):
        s = mp.mpf(7) / 5
        for m, w in (("lagt", -1), ("lagt-half", -mp.mpf(1) / 2)):
            A, B = (mpm(M) for M in H.transition(m, 4))
            y = mp.expm(s * A) * B
            assert close(list(y), [mp.laguerre(n, 0, s) * mp.exp(w * s) for n in range(4)], mp.mpf(10) ** -25)


def test_su_fout_closure_residual_tends_to_half_jump_while_consistent_vanishes():
    u, _ = chk.signal("smooth")
    T, w = Fraction(5, 2), Fraction(3, 2)
    with mp.workdps(20):
        Tm, wm = mp.mpf(5) / 2, mp.mpf(3) / 2
        half_jump = (u(Tm) - u(Tm - wm)) / (2 * wm)
        res = []
        for K in (8, 32):
            S = chk.fourier_partial_sum(u, K, T, w, dps=20, method="gauss-legendre")  # u is smooth
            su = -(u(Tm - wm) - S) / wm
            consistent = -(u(Tm - wm) - (2 * S - u(Tm))) / wm
            res.append((abs(su - half_jump), abs(consistent), K))
        # both errors shrink like 1/K; Su's residual tends to the half jump (nonzero), not 0 (HIPPO-ERR-2)
        assert abs(half_jump) > mp.mpf(1) / 10
        assert res[1][0] < res[0][0] and res[1][1] < res[0][1] and res[1][1] < mp.mpf(1) / 10
        assert all(e * K < 5 for e, _, K in res)


def test_err1_printed_factor_gives_wrong_B():
    A1, B1 = proofs.registry["HIPPO-ERR-1"].statement(4)
    A2, B2 = proofs.registry["HIPPO-LMU-2"].statement(4)
    assert A1 == A2 and (B1 * sqrt(2) - B2).is_zero_matrix and B1 != B2


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
            assert close(list(got), list(expected), mp.mpf(10) ** -25)


def test_zoh_singular_fout_uses_block_exponential():
    A, B = H.transition("fout", 2)
    Ab, Bb = H.discretize(A, B, Rational(1, 4), "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 4), "zoh", dps=30)
        assert close(list(nAb), list(mpm(Ab)), mp.mpf(10) ** -25) and close(list(nBb), list(mpm(Bb)),
                                                                             mp.mpf(10) ** -25)


def test_lagt_zoh_nilpotent_series_N16():
    A, B = H.transition("lagt", 16)
    Ab, Bb = H.discretize(A, B, Rational(1, 3), "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 3), "zoh", dps=30)
        assert close(list(nBb), list(mpm(Bb)), mp.mpf(10) ** -25)


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


def test_legs_initial_condition_limit_of_quadrature_coefficients():
    u, _ = chk.signal("smooth")
    with mp.workdps(30):
        c = nh.project(u, mp.mpf(10) ** -8, 5, "legs", dps=30)
        assert max(abs(c[n] - (u(0) if n == 0 else 0)) for n in range(5)) < mp.mpf(10) ** -7


def test_fous_truncated_residual_decays_slowly_empirical():
    u, du = chk.signal("smooth")
    with mp.workdps(20):
        t, res = mp.mpf(3) / 2, []
        for N in (3, 9):
            c = nh.project(u, t, N, "fous", dps=20)
            d = nh.project_derivative(du, t, N, "fous", dps=20)
            A, B = (mp.matrix([[complex(sympy.N(v, 20)) for v in row] for row in M.tolist()])
                    for M in H.transition("fous", N))
            rhs = A * mp.matrix(c) + B * u(t)
            res.append(abs(t * d[0] - rhs[0]) + abs(t * d[1] - rhs[1]))
        assert res[1] < res[0] and res[1] > mp.mpf(10) ** -6  # decreases, but slowly (HEURISTIC closure)


def test_reconstruction_api_all_measures_are_exact_for_polynomials():
    u, _ = chk.signal("cubic")
    with mp.workdps(30):
        for measure, tau in (("legs", 1), ("legt", Fraction(3, 2)), ("lmu", Fraction(3, 2))):
            c = nh.project(u, 2, 5, measure, dps=30)
            assert abs(nh.reconstruct(c, tau, 2, measure, dps=30) - u(mp.mpf(tau.numerator if isinstance(
                tau, Fraction) else tau) / (tau.denominator if isinstance(tau, Fraction) else 1))) < mp.mpf(10) ** -25


def test_rescale_uniform_factor_keeps_A():
    A, B = H.transition("legs", 5)
    As, Bs = H.rescale(A, sqrt(2) * B, [sqrt(2)] * 5)
    assert As == A and (Bs - B).is_zero_matrix


def test_zoh_for_a_non_triangular_matrix_with_distinct_rational_eigenvalues():
    A, B = Matrix([[0, 1], [-2, -3]]), Matrix([0, 1])
    eps = Rational(1, 5)
    Ab, Bb = H.discretize(A, B, eps, "zoh")
    with mp.workdps(30):
        nAb, nBb = nh.discretize(mpm(A), mpm(B), Fraction(1, 5), "zoh", dps=30)
        assert close(list(nAb), list(mpm(Ab)), mp.mpf(10) ** -25) and close(list(nBb), list(mpm(Bb)),
                                                                             mp.mpf(10) ** -25)
