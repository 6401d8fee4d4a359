"""The blog errata HIPPO-ERR-1..3 (spec ``hippo.md`` section 6): the corrected statements cross-check to 45
digits, and each erratum as printed is caught by the numeric route alone."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from helpers import assert_caught
from hippo_support import W
from mpmath import mp
from sympy import Matrix, Rational, Tuple, sqrt

import proofs
from numerics.hippo import routes as chk
from proofs import hippo as H


@pytest.mark.parametrize("key", ["HIPPO-ERR-1", "HIPPO-ERR-2", "HIPPO-ERR-3"])
def test_errata_numeric_cross_checks_agree_to_45_digits(key):
    r = proofs.registry[key]
    assert r.numeric is not None and r.examples
    for pt in r.examples:
        a = r.cross_check(pt, 50)
        assert a.digits >= 45 and a.digits_2x >= 95, (key, pt, a.describe())


def test_err1_printed_factor_gives_wrong_B():
    A1, B1 = proofs.registry["HIPPO-ERR-1"].statement(4)
    A2, B2 = proofs.registry["HIPPO-LMU-2"].statement(4)
    assert A1 == A2 and (B1 * sqrt(2) - B2).is_zero_matrix and B1 != B2


def test_err1_blog_B_with_printed_factor_is_caught():
    """With the printed factor 2/sqrt(2n+1) the blog's B_n = (2n+1)/w is off by sqrt2 (erratum)."""
    r = proofs.registry["HIPPO-ERR-1"]

    def blog(N):
        A, _ = r.statement(N)
        return Tuple(A, Matrix(N, 1, lambda n, _: Rational(2 * n + 1) / W))

    assert_caught(r, blog, by="numeric", examples=r.examples[:1])


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


def test_err2_su_closure_is_caught_and_its_residual_is_the_half_jump():
    r = proofs.registry["HIPPO-ERR-2"]
    assert_caught(r, lambda K: Tuple(*H.fout_complex(K, window=W, closure="su")), by="numeric",
                  examples=r.examples[:1])
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

    assert_caught(r, legt_rescaled, by="numeric", examples=r.examples[:1])
