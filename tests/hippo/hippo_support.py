"""What several HiPPO test files share: SymPy matrices as mpmath matrices, the window symbol, the windowed measures."""

from __future__ import annotations

import sympy
from mpmath import mp

W = sympy.Symbol("w", positive=True)
WINDOWED = ("legt", "lmu", "fout")


def mpm(M):
    """A real SymPy matrix as an mpmath matrix holding 50 significant digits (kept after the context)."""
    with mp.workdps(50):
        return mp.matrix([[mp.mpf(str(sympy.N(v, 60))) for v in row] for row in M.tolist()])
