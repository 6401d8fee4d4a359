"""S4 pillar: the O(N r) recurrent step in the rotated basis (S4-REC-1, ``numerics.s4.nplr_step``) equals
the dense bilinear step.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
from mpmath import mp

from numerics import s4 as ns4


def test_nplr_step_matches_dense_bilinear_step_legs_8():
    lam, Pt, Bt, V = ns4.dplr("legs", 8)
    A, B, _, _ = ns4.hippo_nplr("legs", 8)
    Abar, Bbar = ns4.bilinear(A, B, F(1, 7))
    with mpmath.workdps(60):
        x = mp.matrix([mp.mpf(k + 1) / 5 * (-1) ** k for k in range(8)])
        dense = Abar * x + mp.matrix(Bbar) * mp.mpf(3) / 4
        xr = V.H * x
    new = ns4.nplr_step([xr[i] for i in range(8)], F(3, 4), lam=lam, Ptilde=Pt, Btilde=Bt, step=F(1, 7))
    with mpmath.workdps(60):
        back = V * mp.matrix(new)
        assert max(abs(back[i] - dense[i]) for i in range(8)) < mp.mpf(10) ** -45
