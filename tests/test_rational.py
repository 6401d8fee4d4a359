"""RTF pillar: API contract, golden values (spec rational.md section 4), properties, errors."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

import proofs
from numerics.rational import routes
from numerics import rational as nr
from numerics.agree import digits
from proofs import rational as pr
from proofs.rational.instances import coefficient_vectors, fft_points

A1 = [F(1, 2), F(-1, 5), F(1, 10)]
B1 = [1, F(2, 5), F(-3, 10)]
DEN = 4292960
GR1_FFT = [4461813, -576171, -87893, -517469, 298773, -244091, 233547, -195469]
KEYS = [r.key for r in proofs.registry.select(["RTF"])]


def sq(x):
    """An exact SymPy number from an int / Fraction (nsimplify would go through floats)."""
    x = F(x)
    return sympy.Rational(x.numerator, x.denominator)


def agree(x, y, dps=50):
    with mpmath.workdps(dps + 10):
        return digits(x, y)


def exact_mp(values, dps=60):
    with mpmath.workdps(dps):
        return [mp.mpf(F(v).numerator) / F(v).denominator for v in values]


# --- API contract ---------------------------------------------------------------------------------


def test_contract_names_exist():
    for name in ("transfer_function", "companion", "truncate_numerator", "untruncate_numerator"):
        assert callable(getattr(pr, name)) and name in pr.__all__
    for name in ("fft_kernel", "recurrent", "iir", "truncate_numerator", "untruncate_numerator", "rtf_py_kernel"):
        assert callable(getattr(nr, name)) and name in nr.__all__


def test_every_spec_id_is_registered():
    expected = {"RTF-RAT-1", "RTF-RAT-2", "RTF-RAT-3", "RTF-FFT-1", "RTF-FFT-2", "RTF-FFT-3", "RTF-COMP-1",
                "RTF-COMP-2", "RTF-COMP-3", "RTF-REC-1", "RTF-REC-2", "RTF-POLE-1", "RTF-MONTEL-1", "RTF-FIR-1",
                "RTF-H0-1", "RTF-IDX-1", "RTF-PY-1", "RTF-PY-3"}
    assert expected <= set(KEYS)
    assert all(proofs.registry[k].status is proofs.Status.EXACT for k in expected)


def test_companion_round_trip_and_shapes():
    A, B, C = pr.companion(A1, B1)
    assert A.shape == (3, 3) and B.shape == (3, 1) and C.shape == (3, 1)
    assert A[0, :] == sympy.Matrix([[-F(1, 2), F(1, 5), -F(1, 10)]]) and A[1, 0] == 1 and A[2, 1] == 1
    assert pr.transfer_function(A, B, C) == (list(map(sympy.nsimplify, B1)), list(map(sympy.nsimplify, A1)))


def test_transfer_function_keeps_common_factors():
    # uncontrollable mode 1/3: a and b share the factor (1 - z/3); nothing is cancelled
    b, a = pr.transfer_function([[sympy.Rational(1, 2), 0], [0, sympy.Rational(1, 3)]], [1, 0], [1, 1])
    assert a == [-sympy.Rational(5, 6), sympy.Rational(1, 6)] and b == [1, -sympy.Rational(1, 3)]


def test_transfer_function_symbolic_matches_cancel():
    A, B, C = (sympy.Matrix(2, 2, sympy.symbols("p:4")), sympy.Matrix(sympy.symbols("q:2")),
               sympy.Matrix(sympy.symbols("r:2")))
    b, a = pr.transfer_function(A, B, C)
    z = pr.z
    G = (C.T * (sympy.eye(2) - z * A).inv() * B)[0]
    ratio = (b[0] + b[1] * z) / (1 + a[0] * z + a[1] * z**2)
    assert sympy.cancel(G - ratio) == 0


# --- golden numbers -------------------------------------------------------------------------------


def test_golden_r1_series_and_fft():
    series = [1, F(-1, 10), F(-1, 20), F(-19, 200), F(19, 400), F(-151, 4000), F(303, 8000), F(-2499, 80000),
              F(863, 32000), F(-37631, 1600000), F(64887, 3200000), F(-561259, 32000000)]
    assert pr.series_coefficients(B1, A1, 12) == [sq(s) for s in series]
    assert pr.fft_kernel_exact(B1, A1, 8) == [sympy.Rational(n, DEN) for n in GR1_FFT]
    K = nr.fft_kernel(B1, A1, 8)
    assert all(isinstance(k, mpmath.mpf) for k in K)
    assert agree(K, exact_mp([F(n, DEN) for n in GR1_FFT])) >= 45
    decimals = ["1.039332535127278148410421", "-0.1342129905706086243524282", "-0.02047375237598300473333085",
                "-0.1205389754388580373448623", "0.06959603630129328016100779", "-0.05685843800081994707614327",
                "0.05440232380455443330475942", "-0.04553245313257053408370914"]
    with mpmath.workdps(30):
        assert agree(K, [mp.mpf(s) for s in decimals], 25) >= 24
    Kh = nr.fft_kernel(B1, A1, 8, h0=F(3, 7))
    assert agree(Kh, exact_mp([F(GR1_FFT[0], DEN) + F(3, 7)] + [F(n, DEN) for n in GR1_FFT[1:]])) >= 45


def test_golden_r1_poles():
    with mpmath.workdps(50):
        poles = routes.sort_roots(routes.chi_roots(A1))
        want = routes.sort_roots([mp.mpf("-0.8649134162332512300493085"),
                                  mp.mpc("0.1824567081166256150246543", "-0.2869286655719364714807948"),
                                  mp.mpc("0.1824567081166256150246543", "0.2869286655719364714807948")])
        assert agree(poles, want) >= 24


def test_golden_r2_rtf_py():
    v1 = [-195469, 4461813, -576171, -87893, -517469, 298773, -244091, 233547]
    assert agree(nr.rtf_py_kernel(B1, A1, 8), exact_mp([F(n, DEN) for n in v1])) >= 45
    assert agree(nr.rtf_py_kernel(B1, A1, 7), exact_mp([F(n, DEN) for n in v1[:7]])) >= 45
    series8 = pr.series_coefficients(B1, A1, 8)
    assert agree(nr.rtf_py_kernel(B1, A1, 8, variant="v2"), exact_mp([F(str(s)) for s in series8])) >= 45


def test_golden_r3_fir():
    K = nr.fft_kernel((1, 2, 3), (0, 0, 0), 5)
    assert agree(K, [1, 2, 3, 0, 0]) >= 45
    assert pr.fft_kernel_exact((1, 2, 3), (0, 0, 0), 5) == [1, 2, 3, 0, 0]


TENTH = sympy.Rational(1, 10)


def _legs_bilinear(N=4, delta=TENTH):
    """LegS (HiPPO) A, B and their bilinear discretisation; I - delta/2 A is lower triangular."""
    A = sympy.Matrix(N, N, lambda n, k: -sympy.sqrt(2 * n + 1) * sympy.sqrt(2 * k + 1) if n > k
                     else (-(n + 1) if n == k else 0))
    B = sympy.Matrix([sympy.sqrt(2 * n + 1) for n in range(N)])
    M = sympy.eye(N) - delta / 2 * A
    Abar = M.lower_triangular_solve(sympy.eye(N) + delta / 2 * A).applyfunc(sympy.expand)
    return Abar, M.lower_triangular_solve(delta * B).applyfunc(sympy.expand)


def test_golden_r4_legs():
    Abar, Bbar = _legs_bilinear()
    ones = [1, 1, 1, 1]
    b, a = pr.transfer_function(Abar, Bbar, ones)
    R = sympy.Rational
    assert [sympy.radsimp(x) for x in a] == [R(-5541, 1771), R(2533, 693), R(-30119, 15939), R(646, 1771)]
    with mpmath.workdps(40):
        bm = [mp.mpf(str(sympy.N(x, 45))) for x in b]
        want = ["0.5470521977385680327406497", "-1.488145176611253421490759", "1.364452939630967717416383",
                "-0.4218542201221069098821592"]
        assert agree(bm, [mp.mpf(s) for s in want], 25) >= 24
        series = ["0.5470521977385680327406497", "0.2234393675273154488739728", "0.06399392910135225223404010",
                  "-0.004599418612012468020926092", "-0.02562155024624826955000046"]
        g = routes.series_by_products(b, a, 5)
        assert agree(g, [mp.mpf(s) for s in series], 25) >= 24
        assert sympy.N(sum(b) / (1 + sum(a)), 40) == pytest.approx(1, abs=1e-30)  # DC gain b(1)/a(1) = 1
    # truncated numerator for L = 8: from C-tilde = (I - Abar^8)^T 1, and fft_kernel reproduces the series
    Ct = ((sympy.eye(4) - Abar**8).T * sympy.Matrix(ones)).applyfunc(sympy.expand)
    bt, at = pr.transfer_function(Abar, Bbar, Ct)
    with mpmath.workdps(40):
        btm = [mp.mpf(str(sympy.N(x, 45))) for x in bt]
        want_t = ["0.5367903108321371517384423", "-1.474524601062596965810798", "1.361011173157808068067240",
                  "-0.4221229641141540843683100"]
        assert agree(btm, [mp.mpf(s) for s in want_t], 25) >= 24
    K = nr.fft_kernel(bt, at, 8)
    with mpmath.workdps(40):
        assert agree(K[:5], [mp.mpf(s) for s in series], 25) >= 24


def test_golden_r5_montel_counterexample():
    a = [F(-9, 5), F(81, 100)]
    assert sum(abs(x) for x in a) == F(261, 100)
    with mpmath.workdps(50):
        roots = routes.chi_roots(a)
        assert max(abs(r - mp.mpf("0.9")) for r in roots) < mp.mpf(10) ** -20  # double root: ~half the digits


# --- independent routes agree (hypothesis) ---------------------------------------------------------


def _kernel_by_products(a, b, L, dps=50):
    with mpmath.workdps(dps + 15):
        cbar = nr.untruncate_numerator(a, b, L, dps=dps + 15)
        return routes.series_by_products(cbar, a, L)


@settings(max_examples=12)
@given(fft_points(max_d=8, max_L=20)())
def test_fft_kernel_matches_products_recurrence_and_iir(p):
    a, b, L = p["a"], p["b"], p["L"]
    K = nr.fft_kernel(b, a, L)
    assert agree(K, _kernel_by_products(a, b, L)) >= 45
    cbar = nr.untruncate_numerator(a, b, L, dps=65)
    impulse = [1] + [0] * (L - 1)
    assert agree(K, nr.recurrent(cbar, a, impulse)) >= 45
    assert agree(K, nr.iir(cbar, a, impulse)) >= 45


@settings(max_examples=8)
@given(fft_points(max_d=6, max_L=12, with_h0=True)(), st.integers(1, 12))
def test_recurrent_consistency_requirement(p, n):
    a, b, L, h = p["a"], p["b"], p["L"], p["h0"]
    u = [F((-1) ** k * (k + 2), k + 3) for k in range(min(n, L))]
    K = nr.fft_kernel(b, a, L, h0=h)
    with mpmath.workdps(60):
        conv = routes.convolve(K, [mp.mpf(x.numerator) / x.denominator for x in u])
    assert agree(nr.recurrent(nr.untruncate_numerator(a, b, L, dps=65), a, u, h0=h), conv) >= 45


@settings(max_examples=8)
@given(fft_points(max_d=5, max_L=16, stable=True, margin=F(9, 10))())
def test_fft_kernel_is_the_alias_sum(p):
    with mpmath.workdps(65):
        S = routes.alias_sum(p["b"], p["a"], p["L"])
    assert agree(nr.fft_kernel(p["b"], p["a"], p["L"]), S) >= 45


@settings(max_examples=10)
@given(fft_points(max_d=6, max_L=14)())
def test_numerators_exact_and_numeric_agree(p):
    a, c, L = p["a"], p["b"], p["L"]
    bt = pr.truncate_numerator(a, c, L)
    assert pr.untruncate_numerator(a, bt, L) == [sq(x) for x in c]
    assert agree(nr.truncate_numerator(a, c, L), exact_mp([F(str(x)) for x in bt])) >= 45
    # the truncated numerator gives the exact first L terms c^T comp(a)^k e1
    with mpmath.workdps(65):
        first = routes.series_by_products(c, a, L)
    assert agree(nr.fft_kernel(bt, a, L), first) >= 45


@settings(max_examples=10)
@given(st.integers(1, 6).flatmap(lambda d: st.tuples(coefficient_vectors(d, stable=False),
                                                     coefficient_vectors(d, stable=True))))
def test_companion_transfer_function_round_trip(ab):
    a, b = ab
    assert pr.transfer_function(*pr.companion(a, b)) == ([sq(x) for x in b],
                                                          [sq(x) for x in a])


LARGEST_MONTEL_MODULUS: list[float] = []


@settings(max_examples=25)
@given(st.integers(1, 10).flatmap(lambda d: coefficient_vectors(d, stable=True)))
def test_montel_condition_gives_stable_roots(a):
    with mpmath.workdps(30):
        rho = max(abs(r) for r in routes.chi_roots(a)) if any(a) else mp.mpf(0)
        assert rho < 1
        LARGEST_MONTEL_MODULUS.append(float(rho))


def test_montel_largest_modulus_observed_is_recorded():
    """EMPIRICAL: the largest root modulus seen under sum|a_i| < 1 (reported, not a claim)."""
    with mpmath.workdps(30):
        # near the boundary sum|a| -> 1 the modulus approaches 1 (a = (-(1 - eps)) has the root 1 - eps)
        rho = max(abs(r) for r in routes.chi_roots([F(-999, 1000)]))
    assert rho < 1
    print(f"largest observed root modulus under sum|a|<1: {max(LARGEST_MONTEL_MODULUS + [float(rho)]):.6f}")


@settings(max_examples=10)
@given(st.integers(1, 6).flatmap(lambda d: st.booleans().flatmap(lambda s: coefficient_vectors(d, stable=s))))
def test_poles_and_stability(a):
    if a[-1] == 0:
        return
    with mpmath.workdps(30):
        chi = routes.chi_roots(a)
        rho = max(abs(r) for r in chi)
        coeffs = [mp.mpf(F(x).numerator) / F(x).denominator for x in reversed([1] + list(a))]
        zero_roots = mp.polyroots(coeffs, maxsteps=200, extraprec=200)
        outside = min(abs(r) for r in zero_roots) > 1
        assert (rho < 1) == outside or abs(rho - 1) < mp.mpf(10) ** -20
        assert agree(routes.sort_roots(chi), routes.sort_roots([1 / r for r in zero_roots]), 30) >= 20


def test_odd_lengths_and_d_close_to_L_use_bluestein():
    for d, L in ((4, 5), (6, 7), (10, 11), (3, 13)):
        a, b = [F(1, k + 3) * (-1) ** k for k in range(d)], [F(k + 1, 7) for k in range(d)]
        assert agree(nr.fft_kernel(b, a, L), [sympy.Rational(x) for x in pr.fft_kernel_exact(b, a, L)]) >= 45


def test_inputs_of_many_types():
    K1 = nr.fft_kernel(["1", "0.4", "-3/10"], [mp.mpf("0.5"), sympy.Rational(-1, 5), F(1, 10)], 8)
    assert agree(K1, nr.fft_kernel(B1, A1, 8)) >= 45
    K2 = nr.fft_kernel([sympy.sqrt(2), 1], [sympy.Rational(1, 3), sympy.Rational(1, 5)], 5)
    exact = pr.fft_kernel_exact([sympy.sqrt(2), 1], [sympy.Rational(1, 3), sympy.Rational(1, 5)], 5)
    with mpmath.workdps(60):
        assert agree(K2, [mp.mpf(str(sympy.N(x, 70))) for x in exact]) >= 45
    Kc = nr.fft_kernel([mp.mpc(1, 1)], [F(1, 2)], 3)
    assert isinstance(Kc[0], mpmath.mpc)


def test_precision_doubling():
    exact = exact_mp([F(n, DEN) for n in GR1_FFT], 120)
    assert agree(nr.fft_kernel(B1, A1, 8, dps=100), exact, 100) >= 95


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda: nr.fft_kernel([], [], 4), lambda: nr.recurrent([], [], [1]), lambda: nr.iir([1], [], [1]),
    lambda: nr.truncate_numerator([], [], 3), lambda: nr.rtf_py_kernel([], [], 3),
])
def test_empty_coefficients_raise(call):
    with pytest.raises(ValueError, match="must not be empty|same length"):
        call()


def test_length_mismatch_raises():
    with pytest.raises(ValueError, match="same length"):
        nr.fft_kernel([1, 2], [1], 5)
    with pytest.raises(ValueError, match="same length"):
        pr.companion([1, 2], [1])


@pytest.mark.parametrize("L", [0, -3, 2.0, True, "8"])
def test_bad_L_raises(L):
    with pytest.raises(ValueError, match="L must be an integer >= 1"):
        nr.fft_kernel([1], [F(1, 2)], L)


@pytest.mark.parametrize("fn", [nr.fft_kernel, nr.rtf_py_kernel])
def test_state_size_must_be_smaller_than_L(fn):
    with pytest.raises(ValueError, match="state size must be smaller than L"):
        fn([1, 2, 3], [0, 0, 0], 3)


def test_numerator_conversions_need_d_below_L():
    for fn in (nr.truncate_numerator, nr.untruncate_numerator, pr.truncate_numerator, pr.untruncate_numerator):
        with pytest.raises(ValueError, match="state size must be smaller than L"):
            fn([0, 0], [1, 1], 2)


def test_vanishing_bin_raises():
    # a(z) = 1 + z^2 has the roots +-i, 4th roots of unity; 1 - z + z^2 has e^{+-i pi/3}
    for a, L in (([0, 1], 4), ([-1, 1], 6), ([1, 1], 3), ([-1], 5)):
        with pytest.raises(ValueError, match="vanishes"):
            nr.fft_kernel([1] * len(a), a, L)
        with pytest.raises(ValueError, match="singular|vanishes"):
            nr.untruncate_numerator(a, [1] * len(a), L)
        with pytest.raises(ValueError, match="singular|vanishes"):
            pr.untruncate_numerator(a, [1] * len(a), L)


def test_bin_product_equals_det_for_a_vanishing_bin():
    with mpmath.workdps(50):
        assert abs(routes.bin_product([0, 1], 4)) < mp.mpf(10) ** -45


def test_unknown_variant_raises():
    with pytest.raises(ValueError, match="v1, v2"):
        nr.rtf_py_kernel(B1, A1, 8, variant="v3")


def test_transfer_function_shape_errors():
    with pytest.raises(ValueError, match="square"):
        pr.transfer_function([[1, 2]], [1], [1])
    with pytest.raises(ValueError, match="length d = 2"):
        pr.transfer_function([[1, 0], [0, 1]], [1], [1, 1])
    with pytest.raises(ValueError, match="length d = 2"):
        pr.transfer_function([[1, 0], [0, 1]], [1, 1], [1, 1, 1])
    with pytest.raises(ValueError, match="exact"):
        pr.transfer_function([[0.5]], [1], [1])


def test_non_numbers_raise():
    with pytest.raises(ValueError, match="numbers"):
        nr.fft_kernel([object()], [1], 3)
    with pytest.raises(ValueError, match="sequence"):
        nr.fft_kernel(1, [1], 3)


# --- conventions ----------------------------------------------------------------------------------


def test_index_conversion_round_trip():
    K = pr.series_coefficients(B1, A1, 5)
    R = pr.su_to_rtf_kernel(K, sympy.Rational(1, 2))
    assert R[0] == sympy.Rational(1, 2) and R[1:] == K
    assert pr.rtf_to_su_kernel(R) == (K, sympy.Rational(1, 2))
    with pytest.raises(ValueError):
        pr.rtf_to_su_kernel([1])


def test_rtf_py_v1_recurrent_transposed_correction_differs():
    """RTF-PY-2: get_C solves (I - A^L) c = b (columns); the consistent row correction differs by O(rho^L)."""
    L = 8
    cbar = nr.untruncate_numerator(A1, B1, L)
    with mpmath.workdps(60):
        M = mp.eye(3) - routes.companion(A1) ** L
        c_col = mp.lu_solve(M, mp.matrix(exact_mp(B1)))
        gap = max(abs(p - q) for p, q in zip(cbar, c_col))
        rho = max(abs(r) for r in routes.chi_roots(A1))
    assert mp.mpf(10) ** -30 < gap < 10 * rho**L


# --- registry: every RTF result verifies; perturbations and subtle errors are caught ---------------


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

    bad = dataclasses.replace(base, statement=wrong, derive=None, bound=None, examples=base.examples[:1])
    assert not bad.verify().passed


def test_rtf_py_v1_with_L_instead_of_Lprime_is_caught():
    """Pitfall 4: for odd L the wrapped term uses L' = L + 1; a statement with A^L is caught."""
    base = proofs.registry["RTF-PY-1"]

    def wrong(d=None, a=None, b=None, L=None, h0=None):
        aa, bb, LL = [sq(x) for x in a], [sq(x) for x in b], int(L)
        cbar = pr.untruncate_numerator(aa, bb, LL)  # wrong: L, not L'
        A, x, h = pr.comp(aa), sympy.Matrix([1] + [0] * (len(aa) - 1)), [None]
        for _ in range(LL):
            h.append((sympy.Matrix([cbar]) * x)[0])
            x = A * x
        return sympy.Eq(sympy.Matrix([sympy.Symbol(f"k_{j}") for j in range(LL)]),
                        sympy.Matrix([h[LL]] + h[1:LL]), evaluate=False)

    odd = [p for p in base.examples if p["L"] % 2 == 1]
    bad = dataclasses.replace(base, statement=wrong, derive=None, bound=None, examples=tuple(odd))
    assert not bad.verify().passed


@pytest.mark.slow
def test_companion_realisation_proof_to_32():
    outcome, cases, _ = proofs.registry["RTF-COMP-2"].prove(bound=32)
    assert outcome == "proved-up-to-bound" and cases == 32


@settings(max_examples=3)
@given(st.data())
def test_registered_params_cross_check(data):
    for key in KEYS:
        r = proofs.registry[key]
        if r.params is None:
            continue
        point = data.draw(r.params(), label=key)
        assert r.cross_check(point, 30).passed, (key, point)


def test_a_matrix_that_is_not_a_vector_is_refused_and_vectors_of_either_orientation_accepted():
    from sympy import Matrix

    with pytest.raises(ValueError, match=r"a must be a vector .* got shape \(2, 2\)"):
        proofs.rational.comp(Matrix([[1, 2], [3, 4]]))
    row, col = proofs.rational.comp(Matrix([[1, 2]])), proofs.rational.comp(Matrix([1, 2]))
    assert row == col == Matrix([[-1, -2], [1, 0]])


def test_crt_kernel_adds_no_feedthrough_by_default():
    # num/den = 1/(1 - z/2) aliased with L = 3: K_k = sum_m 2^-(k+3m) = 2^-k * 8/7; h0 defaults to 0
    K = proofs.rational.crt_kernel([1], [1, sympy.Rational(-1, 2)], 3)
    assert K == [sympy.Rational(8, 7) / 2**k for k in range(3)]
    assert proofs.rational.crt_kernel([1], [1, sympy.Rational(-1, 2)], 3, 1)[0] == K[0] + 1


def test_su_to_rtf_kernel_defaults_to_no_feed_through_and_exact_lengths_are_capped():
    from proofs.rational.transfer import MAX_L, check_L
    from proofs.rational import su_to_rtf_kernel

    assert su_to_rtf_kernel([1, 2]) == [0, 1, 2]
    assert check_L(MAX_L) == MAX_L == 2**16
    with pytest.raises(ValueError, match="at most 65536"):
        check_L(MAX_L + 1)
