"""Registered numerical reproductions: HIPPO-LEGS-P11 (THEOREM, imported) and HIPPO-LEGS-P9-III (EMPIRICAL).

Spec ``hippo.md`` section 4.  Neither has a closed form to prove, so neither claims digits it does not have:

- HIPPO-LEGS-P11 (the rate :math:`O(tL/\\sqrt N)` of the LegS approximation error, imported from HiPPO) is
  tabulated: :math:`\\sqrt N\\,e_N/(tL)` for a Lipschitz input at N = 4..64, measured by quadrature, must
  approach 0 (a convergence table, :class:`proofs.core.Convergence`), which shows the error falling faster
  than the bound for that input;
- HIPPO-LEGS-P9-III (how far the LegT impulse response is from the shifted basis) states the measured
  deviations as quoted to one decimal; the numeric route returns the precise measurements and the check
  is that each quoted number is the measurement rounded (:data:`proofs.core.Evidence.ROUNDING`).

The full tables (more inputs) are printed by ``benchmarks/hippo_approximation.py``.

Registers: HIPPO-LEGS-P11, HIPPO-LEGS-P9-III.
"""

from __future__ import annotations

import mpmath
from sympy import Eq, Function, Limit, Rational, Symbol, Tuple, oo, sqrt

from numerics.hippo import routes as chk

from proofs.core import Convergence, Evidence, Result, Status, register
from proofs.core.bibliography import HIPPO, SU_10162, TRAIN_HIPPO

__all__ = ["P11_SIZES", "P9III_SIZES"]

P11_SIZES = (4, 8, 16, 32, 64)
P9III_SIZES = (8, 32)
_T, _KINK = Rational(2), Rational(2, 3)
_N = Symbol("N", integer=True, positive=True)


def _p11_table(dps: int) -> list:
    """:math:`(N, \\sqrt N\\,e_N/(tL))` for :math:`u(x) = |x - 2/3|` on [0, 2] (L = 1), measured at 30 digits."""
    return chk.legs_lipschitz_table(P11_SIZES, _T, _KINK)


_NOTES_LEGS_P11 = (r"Imported theorem: $\|u - \hat u\| = O(tL/\sqrt{N})$ for $L$-Lipschitz $u$ on $[0, t]$ "
                   "(and $O(t^k N^{-k+1/2})$ for $k$ bounded derivatives; not reproduced here). "
                   r"Reproduction (EMPIRICAL) with $u(x) = |x - 2/3|$, $L = 1$, $t = 2$: the normalised $L^2$ "
                   r"error $e_N^2 = \int_0^1 u(tr)^2\,dr - \sum_{n<N} c_n^2$, $c_n$ by quadrature split at the "
                   r"kink (30 digits). The table shows $\sqrt{N}\,e_N/(tL)$ falling to 0 like $N^{-1}$ for "
                   r"$N = 4, \ldots, 64$ (so $e_N \approx N^{-3/2}$ for this input): the bound holds with room, "
                   "being only an upper bound. A table for one input is evidence for the theorem, not a proof of "
                   "it.")
register(Result(
    key="HIPPO-LEGS-P11", title="LegS approximation error O(tL/sqrt(N)) for Lipschitz input (reproduced)",
    title_tex=r"LegS approximation error $O(tL/\sqrt{N})$ for Lipschitz input (reproduced)",
    source=f"{HIPPO}, Prop 6 (confirm constants and norm)", status=Status.THEOREM,
    statement=lambda: Eq(Limit(sqrt(_N) * Function("e")(_N) / 2, _N, oo), 0, evaluate=False),
    examples=({},), evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_p11_table, quantity=r"$\sqrt{N}\,e_N/(tL)$ for $u(x) = |x - 2/3|$, $t = 2$, "
                                                 r"$L = 1$, at $N = n$ (measured by quadrature)"),
    notes=_NOTES_LEGS_P11,
))


def _p9iii_numeric(dps: int) -> list:
    """The measured deviations :math:`\\delta_8, \\delta_{32}` (at 20 digits), unrounded."""
    devs = [chk.legt_impulse_deviation(N) for N in P9III_SIZES]
    with mpmath.workdps(dps):
        return [+d for d in devs]


_NOTES_LEGS_P9_III = (r"$\delta_N$ = max over $s = j/20$ in $(0, 1)$ and $n < N$ of "
                      r"$|(e^{sA}B)_n - g_n(1-s)| / \sqrt{2n+1}$ for LegT with $w = 1$ ($e^{sA}B$ by mp.expm "
                      "and repeated products, measured at 20 digits). Stated as quoted to one decimal: the "
                      "check is that 0.4 and 0.3 are the measurements (about 0.38 for $N = 8$ and 0.27 for "
                      "$N = 32$) rounded, so the deviation decreases with $N$ but slowly (spec: no threshold "
                      r"other than the decrease). Full table: $\text{benchmarks/hippo\_approximation.py}$.")
register(Result(
    key="HIPPO-LEGS-P9-III", title="LegT impulse response only approximates g_n(1 - s/w)/w (improves slowly)",
    title_tex=r"LegT impulse response only approximates $g_n(1 - s/w)/w$ (improves slowly)",
    source=f"{TRAIN_HIPPO}; {SU_10162}", status=Status.EMPIRICAL,
    statement=lambda: Tuple(*(Eq(Symbol(f"delta_{N}"), v, evaluate=False)
                              for N, v in zip(P9III_SIZES, (Rational(4, 10), Rational(3, 10))))),
    numeric=_p9iii_numeric, examples=({},), parts=(r"\delta_{8}", r"\delta_{32}"),
    evidence=Evidence.ROUNDING, quoted=1, notes=_NOTES_LEGS_P9_III,
))
