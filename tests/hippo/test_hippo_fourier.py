"""Fourier measures (FouT, FouS): partial sums at a jump, the orientation of the real basis, and the slowly
decaying residual of the truncated FouS system."""

from __future__ import annotations

import sympy
from helpers import assert_caught
from mpmath import mp

import proofs
from numerics import hippo as nh
from numerics.hippo import routes as chk
from proofs import hippo as H
from proofs.hippo.fourier import _fout_real_closed


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


def test_fout5_numeric_cross_check_agrees_to_45_digits():
    r = proofs.registry["HIPPO-FOUT-5"]
    assert r.numeric is not None and r.examples
    for pt in r.examples:
        a = r.cross_check(pt, 50)
        assert a.digits >= 45 and a.digits_2x >= 95, (r.key, pt, a.describe())


def test_fout5_unflipped_orientation_is_caught():
    """Keeping the backward-orientation skew blocks (FOUT-4's D) for forward coefficients is wrong."""
    r = proofs.registry["HIPPO-FOUT-5"]
    assert_caught(r, lambda h: _fout_real_closed(h, sign=1), by="numeric", examples=r.examples[:1])


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
