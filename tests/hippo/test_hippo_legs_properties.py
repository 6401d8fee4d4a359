"""LegS properties beyond the registered identities: golden impulse responses, the O(N) matrix-vector
product on drawn vectors, and the initial condition as the limit of quadrature coefficients."""

from __future__ import annotations

import sympy
from hippo_support import mpm
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Matrix, sqrt

from numerics import hippo as nh
from numerics import strategies as S
from numerics.hippo import routes as chk
from proofs import hippo as H


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


def test_legs_initial_condition_limit_of_quadrature_coefficients():
    u, _ = chk.signal("smooth")
    with mp.workdps(30):
        c = nh.project(u, mp.mpf(10) ** -8, 5, "legs", dps=30)
        assert max(abs(c[n] - (u(0) if n == 0 else 0)) for n in range(5)) < mp.mpf(10) ** -7
