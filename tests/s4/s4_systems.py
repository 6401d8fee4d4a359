"""Shared by the S4 kernel tests: the HiPPO systems in mpmath, a drawn output vector, relative errors."""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
from hypothesis import strategies as st

from numerics import s4 as ns4

__all__ = ["rel", "system", "draw_C"]


def rel(a, b):
    """max |a_k - b_k| / max |a_k| at 80 digits: the contract's relative error (no absolute floor, unlike
    ``helpers.close``: kernels at small steps are far below 1)."""
    with mpmath.workdps(80):
        scale = max(abs(v) for v in a)
        return max(abs(x - y) for x, y in zip(a, b)) / scale


def system(measure, N):
    """``(A, B, (S, P))`` of a HiPPO measure, built in mpmath."""
    A, B, S, P = ns4.hippo_nplr(measure, N)
    return A, B, (S, P)


def draw_C(data, N):
    """An output vector of length N with exact rational entries, not all zero."""
    C = data.draw(st.lists(st.fractions(-2, 2, max_denominator=50), min_size=N, max_size=N), label="C")
    if not any(C):
        C[0] = F(1)
    return C
