"""S4 pillar: spectra of the normal parts (S4-NPLR-5, S4-DIAG-1): golden values G-S1..G-S4 by the exact
roots and by ``mp.eigh`` of -iK, the LegS invariants, and the DPLR factors (G-S2).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy
from mpmath import mp

from numerics import s4 as ns4
from proofs import s4
from proofs.core import checks

GOLD_LEGS = {
    2: ["0.8660254037844386467637232"],
    3: ["0", "2.397915761656359770798719"],
    4: ["4.603293007066848680913577", "0.5565011150837434038521495"],
    8: ["19.85741037097057683488910", "5.354208515030874232826975", "1.957794150902805156606203",
        "0.4274887122858601189958386"],
}


@pytest.mark.parametrize("N", sorted(GOLD_LEGS))
def test_legs_normal_spectrum_golden_G_S1_to_20_digits(N):
    om = s4.normal_spectrum("legs", N)
    with mpmath.workdps(40):
        got = sorted({mp.mpf(str(sympy.N(abs(v), 40))) for v in om})
        want = sorted(mp.mpf(s) for s in GOLD_LEGS[N])
        assert len(got) == len(want)
        for g_, w_ in zip(got, want):
            assert abs(g_ - w_) <= mp.mpf(10) ** -20 * max(1, abs(w_))
        # the independent route: mp.eigh on -iK agrees too
        lam, _ = ns4.unitary_diagonalize(ns4.hippo_nplr("legs", N)[2], dps=30)
        assert sorted(abs(mp.im(l)) for l in lam)[-1] - max(want) < mp.mpf(10) ** -20
    if N == 8:
        assert sympy.nsimplify(sum(v ** 2 for v in om).evalf(50)) == 854


def test_legt_and_lagt_spectra_golden_G_S3_G_S4():
    legt = sorted(float(v) for v in s4.normal_spectrum("legt", 4))
    assert legt == pytest.approx([-7.204783293077359765, -2.844485489467885378, 2.844485489467885378,
                                  7.204783293077359765], rel=1e-15)
    lagt = s4.normal_spectrum("lagt", 4)
    assert checks.same(sympy.Matrix(lagt), sympy.Matrix([-(1 + sympy.sqrt(2)) / 2, (1 - sympy.sqrt(2)) / 2,
                                                         (sympy.sqrt(2) - 1) / 2, (1 + sympy.sqrt(2)) / 2]))
    five = sorted(abs(float(v)) for v in s4.normal_spectrum("lagt-half", 5))
    assert five == pytest.approx([0, 0.36327126400268044295, 0.36327126400268044295, 1.5388417685876267013,
                                  1.5388417685876267013], abs=1e-15)
    fout = s4.normal_spectrum("fout", 6, window=2)
    assert fout == sorted(fout, key=float) and fout.count(0) == 2 and sympy.pi in fout


def test_dplr_legs_golden_G_S2_and_reconstruction():
    lam, Pt, Bt, V = ns4.dplr("legs", 4, dps=50)
    with mpmath.workdps(50):
        p2 = sorted(abs(Pt[n, 0]) ** 2 for n in range(4))
        want = sorted([mp.mpf("0.4674779436461577717786783")] * 2 + [mp.mpf("3.532522056353842228221322")] * 2)
        assert max(abs(a - b) for a, b in zip(p2, want)) < mp.mpf(10) ** -24
        assert abs(mp.fsum(p2) - 8) < mp.mpf(10) ** -45
        for n in range(4):  # Bt_n conj(Pt_n) = sqrt2 |Pt_n|^2 (phase invariant)
            assert abs(Bt[n] * mp.conj(Pt[n, 0]) - mp.sqrt(2) * abs(Pt[n, 0]) ** 2) < mp.mpf(10) ** -45
        A = ns4.hippo_nplr("legs", 4)[0]
        rebuilt = V * (mp.diag(lam) - Pt * Pt.H) * V.H
        assert mp.mnorm(rebuilt - A, 1) < mp.mpf(10) ** -40


def test_legs_spectrum_golden_G_S1_all_values_both_routes():
    """G-S1 to 20 digits: exact roots (normal_spectrum) and mp.eigh of -iK (unitary_diagonalize), every value."""
    for N, gold in GOLD_LEGS.items():
        with mpmath.workdps(40):
            want = sorted([mp.mpf(s) for s in gold] + [-mp.mpf(s) for s in gold if s != "0"])
            exact = sorted(mp.mpf(str(sympy.N(v, 40))) for v in s4.normal_spectrum("legs", N))
            lam, _ = ns4.unitary_diagonalize(s4.nplr("legs", N)[0], dps=40)
            num = sorted(mp.im(l) for l in lam)
            assert all(abs(mp.re(l) + mp.mpf(1) / 2) < mp.mpf(10) ** -35 for l in lam)
            for route in (exact, num):
                assert len(route) == len(want)
                assert max(abs(a - b) / max(1, abs(b)) for a, b in zip(route, want)) < mp.mpf(10) ** -20


def test_legs_trace_product_and_charpoly_N8_G_S1():
    x = sympy.Symbol("x")
    for N, tr, prod in ((4, 43, sympy.Rational(105, 16)), (8, 854, sympy.Rational(2027025, 256))):
        S, _, _ = s4.nplr("legs", N)
        K = S + sympy.eye(N) / 2
        assert sympy.nsimplify(-(K * K).trace()) == tr
        om = s4.normal_spectrum("legs", N)
        pos = [v for v in om if v.evalf() > 0]
        assert sympy.nsimplify(sympy.prod([v ** 2 for v in pos]).evalf(60), rational=True) == prod
    # the characteristic polynomial of -iK for N = 8 (spec S4-NPLR-5 (a)), exactly
    S, _, _ = s4.nplr("legs", 8)
    K = S + sympy.eye(8) / 2
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(8)])
    Kr = (T.inv() * K * T).applyfunc(sympy.nsimplify)  # rational, similar to K
    chi = sympy.expand(Kr.charpoly(x).as_expr().subs(x, sympy.I * x))  # det(i x - K) = det(x - (-iK)) * i^8
    want = x ** 8 - 427 * x ** 6 + sympy.Rational(104027, 8) * x ** 4 - sympy.Rational(731043, 16) * x ** 2 \
        + sympy.Rational(2027025, 256)
    assert sympy.expand(chi - want) == 0


def test_legt_lagt_golden_G_S3_G_S4_to_20_digits():
    gold = {("legt", 4): ["7.204783293077359765307295", "2.844485489467885378708341"],
            ("lagt", 4): ["1.207106781186547524400844", "0.2071067811865475244008444"],
            ("lagt", 5): ["1.5388417685876267013", "0.36327126400268044295"]}
    for (measure, N), vals in gold.items():
        with mpmath.workdps(40):
            want = sorted([mp.mpf(v) for v in vals] + [-mp.mpf(v) for v in vals] + ([mp.mpf(0)] if N % 2 else []))
            exact = sorted(mp.mpf(str(sympy.N(v, 40))) for v in s4.normal_spectrum(measure, N))
            lam, _ = ns4.unitary_diagonalize(s4.nplr(measure, N)[0], dps=40)
            num = sorted(mp.im(l) for l in lam)
            for route in (exact, num):
                assert max(abs(a - b) for a, b in zip(route, want)) < mp.mpf(10) ** -19
    x = sympy.Symbol("x")
    assert sympy.expand(sympy.prod([x - v for v in s4.normal_spectrum("legt", 4)])) == x ** 4 - 60 * x ** 2 + 420
