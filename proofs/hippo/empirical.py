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

from .measures import HIPPO, _strategy
from .legs_properties import SU3, TRAIN
from proofs.core import Result, Status, register

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


register(Result(
    key="HIPPO-LEGS-P11", title="LegS approximation error O(tL/sqrt(N)) for Lipschitz input (reproduced)",
    source=HIPPO + ", Prop 6 (confirm constants and norm)", status=Status.THEOREM,
    statement=lambda: Tuple(Eq(Symbol("kappa"), Rational(-1, 2), evaluate=False),
                            Eq(Symbol("C_1"), Rational(1, 10), evaluate=False)),
    numeric=_p11_numeric, params=_strategy(), examples=({},),
    title_tex=r"LegS approximation error $O(tL/\sqrt{N})$ for Lipschitz input (reproduced)",
    parts=(r"\kappa", r"C_1"),
    notes=r"Imported theorem: $\|u - \hat u\| = O(tL/\sqrt{N})$ for $L$-Lipschitz $u$ on $[0, t]$ (and "
          r"$O(t^k N^{-k+1/2})$ for $k$ bounded derivatives; not reproduced here). Reproduction (EMPIRICAL) "
          r"with "
          r"$u(x) = |x - 2/3|$, $L = 1$, $t = 2$, $N = 4, 8, 16, 32$, normalised $L^2$ error "
          r"$e_N^2 = \int_0^1 u(tr)^2\,dr - \sum c_n^2$ with $c_n$ by quadrature at 30 digits: "
          r"$\kappa = \max(\text{fitted slope of } \log e_N \text{ on } \log N,\ -1/2)$ equals $-1/2$ iff "
          r"the "
          r"exponent respects the bound (measured slope about $-1.47$: the bound is only an upper bound), "
          r"and "
          r"$C_1 = \max_N e_N \sqrt{N}/(tL)$ rounded up to one decimal is $1/10$ (measured about 0.047), "
          r"i.e. the "
          r"errors stay below $0.1\,tL/\sqrt{N}$.",
))


def _p9iii_numeric(dps: int) -> list:
    devs = [chk.legt_impulse_deviation(N) for N in P9III_SIZES]
    with mpmath.workdps(dps):
        return [mp.nint(10 * d) / 10 for d in devs]


register(Result(
    key="HIPPO-LEGS-P9-III", title="LegT impulse response only approximates g_n(1 - s/w)/w (improves slowly)",
    source=TRAIN + "; " + SU3, status=Status.EMPIRICAL,
    statement=lambda: Tuple(*(Eq(Symbol(f"delta_{N}"), v, evaluate=False)
                              for N, v in zip(P9III_SIZES, (Rational(4, 10), Rational(3, 10))))),
    numeric=_p9iii_numeric, params=_strategy(), examples=({},),
    title_tex=r"LegT impulse response only approximates $g_n(1 - s/w)/w$ (improves slowly)",
    parts=(r"\delta_{8}", r"\delta_{32}"),
    notes=r"$\delta_N$ = max over $s = j/20$ in $(0, 1)$ and $n < N$ of $|(e^{sA}B)_n - g_n(1-s)| / "
          r"\sqrt{2n+1}$ for "
          r"LegT with $w = 1$ ($e^{sA}B$ by mp.expm and repeated products at 20 digits), rounded to one "
          r"decimal: "
          r"about 0.38 for $N = 8$ and 0.27 for $N = 32$, so the deviation decreases with $N$ but slowly "
          r"(spec: no "
          r"threshold other than the decrease). Full table: $\text{benchmarks/hippo\_approximation.py}$.",
))
