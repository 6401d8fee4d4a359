"""Private: the HiPPO matrices and their normal-plus-low-rank factors built directly in mpmath.

These constructions are independent of :mod:`proofs` (no SymPy): LegS is built through its
integer form :math:`TMT^{-1}` (HIPPO-LEGS-2 (ii)), the others entrywise from the HiPPO formulas,
and the normal part is formed as :math:`A+PP^{\\mathsf T}` by floating-point arithmetic.  The
numeric cross-checks of the NPLR results compare these with the SymPy closed forms.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

from mpmath import mp

from .linalg import Mat, Vec, number
from numerics.hippo.bases import MAX_N

MEASURES = ("legs", "legt", "lagt", "lagt-half", "fout")

__all__ = ["MEASURES", "check_measure", "check_N", "check_window", "hippo_matrices", "fout_e"]


def check_measure(measure: Any) -> str:
    if not isinstance(measure, str) or measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)} (the NPLR measures), got {measure!r}")
    return measure


def check_N(N: Any) -> int:
    if isinstance(N, bool) or not isinstance(N, Integral) or not 1 <= int(N) <= MAX_N:
        raise ValueError(f"N must be a positive integer at most {MAX_N}, got {N!r}")
    return int(N)


def check_window(window: Any) -> Any:
    w = number(window, "window")
    if not (w.imag == 0 if hasattr(w, "imag") else True) or not mp.re(w) > 0:
        raise ValueError(f"window must be a real number with window > 0, got {window!r}")
    return mp.re(w)


def fout_e(N: int) -> Vec:
    """FouT endpoint vector :math:`e=(1,0,\\sqrt2,0,\\sqrt2,0,\\dots)` (HiPPO convention 9)."""
    return [mp.mpf(1) if n == 0 else (mp.sqrt(2) if n % 2 == 0 else mp.mpf(0)) for n in range(N)]


def hippo_matrices(measure: str, N: int, window: Any = 1) -> tuple[Mat, Vec, Mat, Mat]:
    """``(A, B, S, P)`` with :math:`S=A+PP^{\\mathsf T}`; ``P`` is N x r (lists of rows)."""
    measure, N, w = check_measure(measure), check_N(N), check_window(window)
    v = [mp.sqrt(2 * n + 1) for n in range(N)]
    if measure == "legs":
        M = [[-(2 * k + 1) if n > k else (-(n + 1) if n == k else 0) for k in range(N)] for n in range(N)]
        A = [[v[n] * M[n][k] / v[k] for k in range(N)] for n in range(N)]
        B = list(v)
        P = [[v[n] / mp.sqrt(2)] for n in range(N)]
    elif measure == "legt":
        A = [[-v[n] * v[k] / w * (1 if k < n else (-1) ** (n - k)) for k in range(N)] for n in range(N)]
        B = [x / w for x in v]
        P = [[v[n] / mp.sqrt(w) if n % 2 else mp.mpf(0), v[n] / mp.sqrt(w) if n % 2 == 0 else mp.mpf(0)]
             for n in range(N)]
    elif measure in ("lagt", "lagt-half"):
        diag = mp.mpf(-1) if measure == "lagt" else mp.mpf(-1) / 2
        A = [[mp.mpf(-1) if k < n else (diag if k == n else mp.mpf(0)) for k in range(N)] for n in range(N)]
        B = [mp.mpf(1)] * N
        P = [[1 / mp.sqrt(2)] for _ in range(N)]
    else:  # fout: A = (D - 2 e e^T)/w, B = 2e/w
        e = fout_e(N)
        D = [[mp.mpf(0)] * N for _ in range(N)]
        for k in range(1, (N + 1) // 2):
            if 2 * k + 1 < N:
                D[2 * k][2 * k + 1] = -2 * mp.pi * k
                D[2 * k + 1][2 * k] = 2 * mp.pi * k
        A = [[(D[n][k] - 2 * e[n] * e[k]) / w for k in range(N)] for n in range(N)]
        B = [2 * x / w for x in e]
        P = [[mp.sqrt(2 / w) * x] for x in e]
    r = len(P[0])
    S = [[A[n][k] + mp.fsum(P[n][j] * P[k][j] for j in range(r)) for k in range(N)] for n in range(N)]
    return A, B, S, P
