"""Registered numerical reproductions: HIPPO-LEGS-P11 (THEOREM, imported) and HIPPO-LEGS-P9-III (EMPIRICAL).

Spec ``hippo.md`` section 4.  Neither has a closed form to compare at 45 digits, so both follow the
project's pattern for claims with a tolerance: the statement is the claimed number at the claimed
precision, and the numeric route measures the quantity (quadrature, ``mp.expm``) at modest working
precision and rounds it to that precision (or clamps it at the claimed bound).  Verification passes
iff the measurement supports the claim; the perturbed statement (scaled and shifted) fails.
The full tables (N up to 64, more inputs) are printed by ``benchmarks/hippo_approximation.py``.

Registers: HIPPO-LEGS-P11, HIPPO-LEGS-P9-III.
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp
from sympy import Eq, Rational, Symbol, Tuple

from numerics.hippo import routes as chk

from proofs.core import Result, Status, register
from proofs.core.bibliography import HIPPO, SU_10162, TRAIN_HIPPO
from proofs.core.params import draw

__all__ = ["P11_SIZES", "P9III_SIZES"]

P11_SIZES = (4, 8, 16, 32)
P9III_SIZES = (8, 32)
_T, _KINK = Rational(2), Rational(2, 3)


def _p11_ratio(errs: list) -> Any:
    """The measured constant :math:`\\max_N e_N\\sqrt N/(tL)` (t = 2, L = 1) before rounding up: about 0.047."""
    return max(e * mp.sqrt(N) / 2 for e, N in zip(errs, P11_SIZES))


def _p11_numeric(dps: int) -> list:
    errs, slope = chk.legs_lipschitz_errors(P11_SIZES, _T, _KINK)
    with mpmath.workdps(dps):
        kappa = max(slope, mp.mpf(-1) / 2)  # exactly -1/2 iff the fitted exponent respects the bound
        return [kappa, mp.ceil(10 * _p11_ratio(errs)) / 10]


_NOTES_LEGS_P11 = (r"Imported theorem: $\|u - \hat u\| = O(tL/\sqrt{N})$ for $L$-Lipschitz $u$ on $[0, t]$ "
                   "(and $O(t^k N^{-k+1/2})$ for $k$ bounded derivatives; not reproduced here). "
                   "Reproduction (EMPIRICAL) with $u(x) = |x - 2/3|$, $L = 1$, $t = 2$, $N = 4, 8, 16, 32$, "
                   r"normalised $L^2$ error $e_N^2 = \int_0^1 u(tr)^2\,dr - \sum c_n^2$ with $c_n$ by "
                   "quadrature at 30 digits: "
                   r"$\kappa = \max(\text{fitted slope of } \log e_N \text{ on } \log N,\ -1/2)$ equals "
                   "$-1/2$ iff the exponent respects the bound (measured slope about $-1.47$: the bound is "
                   r"only an upper bound), and $C_1 = \max_N e_N \sqrt{N}/(tL)$ rounded up to one decimal is "
                   r"$1/10$ (measured about 0.047), i.e. the errors stay below $0.1\,tL/\sqrt{N}$.")
register(Result(
    key="HIPPO-LEGS-P11", title="LegS approximation error O(tL/sqrt(N)) for Lipschitz input (reproduced)",
    title_tex=r"LegS approximation error $O(tL/\sqrt{N})$ for Lipschitz input (reproduced)",
    source=f"{HIPPO}, Prop 6 (confirm constants and norm)", status=Status.THEOREM,
    statement=lambda: Tuple(Eq(Symbol("kappa"), Rational(-1, 2), evaluate=False),
                            Eq(Symbol("C_1"), Rational(1, 10), evaluate=False)),
    numeric=_p11_numeric, params=draw(), examples=({},), parts=(r"\kappa", r"C_1"), notes=_NOTES_LEGS_P11,
))


def _p9iii_numeric(dps: int) -> list:
    devs = [chk.legt_impulse_deviation(N) for N in P9III_SIZES]
    with mpmath.workdps(dps):
        return [mp.nint(10 * d) / 10 for d in devs]


_NOTES_LEGS_P9_III = (r"$\delta_N$ = max over $s = j/20$ in $(0, 1)$ and $n < N$ of "
                      r"$|(e^{sA}B)_n - g_n(1-s)| / \sqrt{2n+1}$ for LegT with $w = 1$ ($e^{sA}B$ by mp.expm "
                      "and repeated products at 20 digits), rounded to one decimal: about 0.38 for $N = 8$ "
                      "and 0.27 for $N = 32$, so the deviation decreases with $N$ but slowly (spec: no "
                      "threshold other than the decrease). Full table: "
                      r"$\text{benchmarks/hippo\_approximation.py}$.")
register(Result(
    key="HIPPO-LEGS-P9-III", title="LegT impulse response only approximates g_n(1 - s/w)/w (improves slowly)",
    title_tex=r"LegT impulse response only approximates $g_n(1 - s/w)/w$ (improves slowly)",
    source=f"{TRAIN_HIPPO}; {SU_10162}", status=Status.EMPIRICAL,
    statement=lambda: Tuple(*(Eq(Symbol(f"delta_{N}"), v, evaluate=False)
                              for N, v in zip(P9III_SIZES, (Rational(4, 10), Rational(3, 10))))),
    numeric=_p9iii_numeric, params=draw(), examples=({},), parts=(r"\delta_{8}", r"\delta_{32}"),
    notes=_NOTES_LEGS_P9_III,
))
