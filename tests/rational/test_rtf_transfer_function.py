"""RTF pillar: the transfer function of a realisation (RTF-RAT-1, RTF-COMP-2): the determinant formula,
the companion realisation round trip, common factors kept, and the golden LegS case G-R4.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from numerics import rational as nr
from numerics.rational import routes
from proofs import rational as pr
from proofs.rational.instances import coefficient_vectors

from rtf_data import A1, B1, agree, sq


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


@settings(max_examples=10)
@given(st.integers(1, 6).flatmap(lambda d: st.tuples(coefficient_vectors(d, stable=False),
                                                     coefficient_vectors(d, stable=True))))
def test_companion_transfer_function_round_trip(ab):
    a, b = ab
    assert pr.transfer_function(*pr.companion(a, b)) == ([sq(x) for x in b],
                                                          [sq(x) for x in a])


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
