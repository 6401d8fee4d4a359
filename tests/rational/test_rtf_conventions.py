"""RTF pillar: index conventions and ruke1ire/RTF ``rtf.py`` (RTF-IDX-1, RTF-PY-1..3): golden G-R2, the
conversion functions, the transposed correction of RTF-PY-2, and the L' pitfall.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
import sympy
from mpmath import mp

import proofs
from numerics import rational as nr
from numerics.rational import routes
from proofs import rational as pr

from helpers import assert_caught
from rtf_data import A1, B1, DEN, agree, exact_mp, sq


def test_golden_r2_rtf_py():
    v1 = [-195469, 4461813, -576171, -87893, -517469, 298773, -244091, 233547]
    assert agree(nr.rtf_py_kernel(B1, A1, 8), exact_mp([F(n, DEN) for n in v1])) >= 45
    assert agree(nr.rtf_py_kernel(B1, A1, 7), exact_mp([F(n, DEN) for n in v1[:7]])) >= 45
    series8 = pr.series_coefficients(B1, A1, 8)
    assert agree(nr.rtf_py_kernel(B1, A1, 8, variant="v2"), exact_mp([F(str(s)) for s in series8])) >= 45


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
    assert_caught(base, wrong, by="numeric", examples=odd, dps=50, scope=None)
