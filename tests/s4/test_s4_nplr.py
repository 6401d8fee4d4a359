"""S4 pillar: the NPLR factors of the HiPPO matrices (S4-NPLR-1..6, S4-ALG-3 (ii)): A = S - P P^T with a
normal S, the contract's column order of the LegT factor, and the reduced FouT system.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy
from mpmath import mp

from numerics import s4 as ns4
from proofs import s4
from proofs.core import checks
from proofs.hippo import transition


@pytest.mark.parametrize("measure", s4.NPLR_MEASURES)
@pytest.mark.parametrize("N", [1, 4, 5])
def test_nplr_reproduces_transition_and_is_normal(measure, N):
    w = sympy.Rational(3, 2)
    S, P, B = s4.nplr(measure, N, window=w)
    A, B0 = transition(measure, N, window=w)
    assert P.shape == (N, 2 if measure == "legt" else 1) and B == B0
    assert checks.same(A, S - P * P.T)
    sym = (S + S.T) / 2
    c = sym[0, 0]
    assert c in (0, sympy.Rational(-1, 2)) and checks.same(sym, c * sympy.eye(N))


def test_nplr_legs_form():
    S, P, B = s4.nplr("legs", 3)
    assert P[2] == sympy.sqrt(sympy.Rational(5, 2)) and checks.same(B, sympy.sqrt(2) * P)
    assert S[1, 0] == -sympy.sqrt(3) / 2 and S[0, 1] == sympy.sqrt(3) / 2 and S[2, 2] == sympy.Rational(-1, 2)


def test_fout_reduced_drops_the_placeholder_and_rejects_odd_N():
    A, B, S, P = s4.fout_reduced(6)
    assert A.shape == (5, 5) and B.shape == (5, 1) and checks.same(A, S - P * P.T)
    with pytest.raises(ValueError, match="even"):
        s4.fout_reduced(5)


def _s4_rank_correction_legt(N):
    """The convention of state-spaces/s4 ``rank_correction("legt")``, rebuilt here (N x 2 instead of its
    rows P0, P1): with p_n = sqrt(1 + 2n), P0 is p with its even entries zeroed and P1 is p with its odd
    entries zeroed, stacked and scaled by 2^(-1/2)."""
    p = [sympy.sqrt(1 + 2 * n) for n in range(N)]
    p0, p1 = list(p), list(p)
    p0[0::2] = [0] * len(p0[0::2])
    p1[1::2] = [0] * len(p1[1::2])
    return sympy.Matrix([p0, p1]).T * 2 ** sympy.Rational(-1, 2)


@pytest.mark.parametrize("N", [1, 2, 5, 6])
@pytest.mark.parametrize("w", [sympy.Symbol("w", positive=True), sympy.Rational(3, 7)])
def test_nplr_legt_P_columns_in_the_contract_order(N, w):
    # A = S - P P^T cannot tell the columns apart (a swap leaves P P^T unchanged), so the contract's order
    # (s4.md S4-NPLR-2, section 7) is checked column by column: P = [P^(0), P^(1)] with
    # P^(0)_n = sqrt((2n+1)/w) [n odd] and P^(1)_n = sqrt((2n+1)/w) [n even].
    _, P, _ = s4.nplr("legt", N, window=w)
    P0 = sympy.Matrix([sympy.sqrt((2 * n + 1) / w) if n % 2 == 1 else 0 for n in range(N)])
    P1 = sympy.Matrix([sympy.sqrt((2 * n + 1) / w) if n % 2 == 0 else 0 for n in range(N)])
    assert P.shape == (N, 2) and checks.same(P[:, 0], P0) and checks.same(P[:, 1], P1)
    # the independent mpmath construction uses the same order
    Pm = ns4.hippo_nplr("legt", N, window=w if w.is_number else 2)[3]
    Pw = P.subs(w, 2) if w.free_symbols else P
    with mpmath.workdps(30):
        assert all(abs(Pm[n, j] - mp.mpf(str(sympy.N(Pw[n, j], 40)))) < mp.mpf(10) ** -25
                   for n in range(N) for j in range(2))


@pytest.mark.parametrize("N", [1, 4, 7])
def test_nplr_legt_P_is_s4s_rank_correction_at_window_2(N):
    """s4.md S4-NPLR-2: s4 stores [P^(0), P^(1)] 2^(-1/2), which is the closed form at w = 2."""
    _, P, _ = s4.nplr("legt", N, window=2)
    assert checks.same(P, _s4_rank_correction_legt(N))


def test_rank_one_legt_candidate_is_not_normal():
    S, P, _ = s4.nplr("legt", 4)
    A, _ = transition("legt", 4)
    p = sympy.Matrix([sympy.sqrt(2 * n + 1) for n in range(4)])
    R = A + p * p.T
    assert R != sympy.zeros(4, 4) and not checks.same(R * R.T, R.T * R)


@pytest.mark.parametrize("measure", ["legt", "lagt-half", "fout"])
@pytest.mark.parametrize("N", [1, 3, 5, 9])
def test_skew_part_is_singular_for_odd_N_S4_ALG_3(measure, N):
    """S4-ALG-3 (ii): a real skew matrix of odd order is singular, so for c = 0 the node z = 1 (g = 0) collides."""
    S, _, _ = s4.nplr(measure, N, window=sympy.Rational(2, 3))
    assert checks.same(S + S.T, sympy.zeros(N, N)) and sympy.simplify(S.det(method="berkowitz")) == 0
