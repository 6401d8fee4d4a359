"""S4 pillar: the DFT sign convention (S4-GF-3, S4-GF-4): nodes e^{-2 pi i l/L} with numpy's ifft give K;
the opposite sign with the same inverse gives the time-reversed kernel, on the transform and on the route.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
from mpmath import mp

from numerics import s4 as ns4
from numerics.s4 import kernel_routes as nker

from s4_systems import rel, system


def test_dft_sign_convention_both_ways():
    from numerics.s4.linalg import fft, idft

    A, B, _ = system("legs", 5)
    L = 11
    K = ns4.kernel(A, B, [1, -1, 2, 0, 1], L, step=F(1, 3))
    with mpmath.workdps(50):
        right = idft(fft(K, -1))  # nodes e^{-2 pi i l/L} with numpy's ifft: K itself (S4-GF-3)
        wrong = idft(fft(K, +1))  # nodes e^{+2 pi i l/L} with the same inverse: time reversal (S4-GF-4)
        assert rel(K, [mp.re(v) for v in right]) < 1e-45
        assert rel([K[(-k) % L] for k in range(L)], [mp.re(v) for v in wrong]) < 1e-45
        assert rel(K, [mp.re(v) for v in wrong]) > 1e-3
        nodes = [mp.expjpi(mp.mpf(-2 * l) / L) for l in range(L)]
        assert abs(fft(K, -1)[3] - mp.fsum(K[k] * nodes[3] ** k for k in range(L))) < mp.mpf(10) ** -45


@pytest.mark.parametrize("measure, N, L", [("legs", 6, 12), ("lagt", 5, 9), ("legt", 4, 10)])
def test_generating_route_sign_convention_both_ways(measure, N, L):
    """S4-GF-3/GF-4 on the route itself: nodes e^{-2 pi i l/L} with numpy's ifft give K; the nodes
    e^{+2 pi i l/L} with the same inverse give the time-reversed K_{(-k) mod L}, detectably wrong."""
    from numerics.s4 import linalg as core

    A, B, _ = system(measure, N)
    C = [F(k + 1, 3) * (-1) ** k for k in range(N)]
    K = ns4.kernel(A, B, C, L, step=F(1, 5))
    with mpmath.workdps(70):
        Am, Bv, Cv = core.matrix_in(A), core.vector_in(B, N, "B"), core.vector_in(C, N, "C")
        h = core.check_step(F(1, 5))
        _, _, M, _ = nker.truncation_matrix(Am, Bv, L, h)
        Ct = nker.c_tilde(M, Cv)
        right = [mp.re(v) for v in nker.generating_route(Am, Bv, Ct, L, h, sign=-1)]
        wrong = [mp.re(v) for v in nker.generating_route(Am, Bv, Ct, L, h, sign=+1)]
    assert rel(K, right) < 1e-45
    assert rel([K[(-k) % L] for k in range(L)], wrong) < 1e-45
    assert rel(K, wrong) > 1e-2
