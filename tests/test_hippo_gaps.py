"""HiPPO: the cross-checks added for FOUT-5, RESCALE-1, ERR-1..3, DISC-7 and the reproductions P11, P9-III.

Each registered check must pass at >= 45 digits, and a subtly wrong statement (a plausible mistake,
not just the generic perturbation) must be caught by the *numeric* route alone.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Eq, Matrix, Rational, Symbol, Tuple

import proofs
from numerics.hippo import routes as chk
from proofs import hippo as H
from proofs.hippo.discrete_systems import _radicals, _unscale, diagonal_scaling
from proofs.hippo.empirical import P11_SIZES, _p11_ratio
from proofs.hippo.fourier import _fout_real_closed, _invariants, _rescale_psi

W = Symbol("w", positive=True)
NEW_CHECKS = ("HIPPO-FOUT-5", "HIPPO-RESCALE-1", "HIPPO-ERR-1", "HIPPO-ERR-2", "HIPPO-ERR-3", "HIPPO-DISC-7",
              "HIPPO-LEGS-P11", "HIPPO-LEGS-P9-III")


def numeric_fails(result, statement):
    """The numeric cross-check of ``result`` with its statement replaced, at every example point."""
    wrong = dataclasses.replace(result, statement=statement)
    return all(not wrong.cross_check(pt, 30).passed for pt in result.examples[:1])


@pytest.mark.parametrize("key", NEW_CHECKS)
def test_new_numeric_cross_checks_agree_to_45_digits(key):
    r = proofs.registry[key]
    assert r.numeric is not None and r.examples
    for pt in r.examples:
        a = r.cross_check(pt, 50)
        assert a.digits >= 45 and a.digits_2x >= 95, (key, pt, a.describe())


def test_statuses_of_reproductions_are_honest():
    assert proofs.registry["HIPPO-LEGS-P11"].status is proofs.Status.THEOREM
    assert proofs.registry["HIPPO-LEGS-P9-III"].status is proofs.Status.EMPIRICAL
    assert proofs.registry["HIPPO-DISC-7"].status is proofs.Status.THEOREM
    for key in ("HIPPO-LEGS-P11", "HIPPO-LEGS-P9-III"):
        assert proofs.registry[key].derive is None  # nothing symbolic is claimed for a measurement


# --- subtle wrong statements are caught by the numeric route ---------------------------------------------


def test_fout5_unflipped_orientation_is_caught():
    """Keeping the backward-orientation skew blocks (FOUT-4's D) for forward coefficients is wrong."""
    r = proofs.registry["HIPPO-FOUT-5"]
    assert numeric_fails(r, lambda h: _fout_real_closed(h, sign=1))


def test_err1_blog_B_with_printed_factor_is_caught():
    """With the printed factor 2/sqrt(2n+1) the blog's B_n = (2n+1)/w is off by sqrt2 (erratum)."""
    r = proofs.registry["HIPPO-ERR-1"]

    def blog(N):
        A, _ = r.statement(N)
        return Tuple(A, Matrix(N, 1, lambda n, _: Rational(2 * n + 1) / W))

    assert numeric_fails(r, blog)


def test_err2_su_closure_is_caught_and_its_residual_is_the_half_jump():
    r = proofs.registry["HIPPO-ERR-2"]
    assert numeric_fails(r, lambda K: Tuple(*H.fout_complex(K, window=W, closure="su")))
    pt = r.examples[1]
    with mp.workdps(30):
        c, d = chk.complex_window_poly((pt["a0"], pt["a1"]), pt["K"], pt["T"], pt["w"], dps=30)
        T, w, a0, a1 = (mp.mpf(Fraction(pt[k]).numerator) / Fraction(pt[k]).denominator
                        for k in ("T", "w", "a0", "a1"))
        uT, uW = a0 + a1 * T, a0 + a1 * (T - w)
        S = mp.fsum(c)
        K = pt["K"]
        for i, n in enumerate(range(-K, K + 1)):  # Su's closed ODE plus the half-jump residual
            su_rhs = 2j * mp.pi * n / w * c[i] - S / w + uT / w
            assert abs(d[i] - su_rhs - (uT - uW) / (2 * w)) < mp.mpf(10) ** -25


def test_err3_legt_equation_in_place_of_legs_is_caught():
    """The blog's cross-reference (LegT instead of LegS) applied literally gives a wrong system."""
    r = proofs.registry["HIPPO-ERR-3"]

    def legt_rescaled(N):
        A, B = H.transition("legt", N)
        return Tuple(*H.rescale(A, sympy.sqrt(2) * B, [sympy.sqrt(2) / sympy.sqrt(2 * n + 1) for n in range(N)]))

    assert numeric_fails(r, legt_rescaled)


def test_rescale1_forgetting_to_rescale_the_reconstruction_is_caught():
    """Invariants of the rescaled system with the *unscaled* reconstruction functions psi differ."""
    r = proofs.registry["HIPPO-RESCALE-1"]
    pt = r.examples[0]

    def wrong(N):
        lam = [sympy.Rational(pt[f"lambda{j}"].numerator, pt[f"lambda{j}"].denominator) for j in range(N)]
        return _invariants(*H.rescale(*H.transition("legs", N), lam), _rescale_psi(N))

    assert numeric_fails(r, wrong)


def test_disc7_wrong_bilinear_cubic_coefficient_is_caught():
    """The bilinear eps^3 error coefficient is A^3/12, not A^3/6 (the exponential's own coefficient)."""
    r = proofs.registry["HIPPO-DISC-7"]

    def wrong(N):
        a, b, c, _ = r.statement(N)
        return Tuple(a, b, c, H.transition("legs", N)[0] ** 3 / 6)

    assert numeric_fails(r, wrong)


def test_p11_constant_claimed_too_tight_is_caught():
    r = proofs.registry["HIPPO-LEGS-P11"]
    assert numeric_fails(r, lambda: Tuple(Eq(Symbol("kappa"), Rational(-1, 2), evaluate=False),
                                          Eq(Symbol("C_1"), Rational(1, 20), evaluate=False)))


def test_p9iii_claiming_an_exact_impulse_response_is_caught():
    r = proofs.registry["HIPPO-LEGS-P9-III"]
    assert numeric_fails(r, lambda: Tuple(Eq(Symbol("delta_8"), Rational(4, 10), evaluate=False),
                                          Eq(Symbol("delta_32"), 0, evaluate=False)))


# --- the measurements themselves ----------------------------------------------------------------------


def test_legt_impulse_deviation_decreases_slowly_with_N():
    d8, d32 = chk.legt_impulse_deviation(8), chk.legt_impulse_deviation(32)
    assert d32 < d8 and d32 > d8 / 4  # improves, but far from the N^-1 or faster a true identity would give


def test_legs_lipschitz_error_respects_the_bound_with_a_steeper_slope():
    errs, slope = chk.legs_lipschitz_errors((4, 8, 16, 32), Rational(2), Rational(2, 3))
    assert all(b < a for a, b in zip(errs, errs[1:]))
    assert -1.7 < float(slope) < -1.3  # measured about -1.47, steeper than the bound's -1/2
    # P11's C_1 = 1/10 is this constant rounded up; pin the documented measurement itself (about 0.047,
    # attained at N = 4: e_4 sqrt(4) / (t L) with t = 2, L = 1), which the rounding alone would not reveal
    assert tuple(P11_SIZES) == (4, 8, 16, 32)
    ratio = _p11_ratio(errs)
    assert 0.045 < float(ratio) < 0.05
    assert abs(ratio - errs[0]) < 1e-12  # the maximum is at N = 4, where e_4 sqrt(4) / 2 = e_4


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


def test_window_sides_rejects_unknown_signal():
    with pytest.raises(ValueError, match="unknown signal .*allowed values"):
        chk.window_sides("square", 2, 1, 1, chk.fourier_real_forward)


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
