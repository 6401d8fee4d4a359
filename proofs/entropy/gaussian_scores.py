"""ENT-A12 (Gaussian scores: the random-energy-model picture) and ENT-A13 (extreme-value rule).

The REM entropy density (A12a) and the Poisson-Dirichlet frozen phase (A12b) are
THEOREMs imported from the literature (Derrida 1981; Bovier 2006 ch. 9; Ruelle 1987;
Pitman & Yor 1997): they are exercised numerically, not re-proved.  The algebra built
on them (the zeta series of the PD entropy, consequences 4 and 5) is EXACT.

Registers: ENT-A12A, ENT-A12B, ENT-A12B-SERIES, ENT-A12-C4, ENT-A12-C5, ENT-A13-HAZARD,
ENT-A13-MILLS.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from sympy import Eq, Limit, Matrix, Sum, Symbol, exp, log, oo, pi, sqrt, zeta

from numerics.entropy import entropies as ne

from .annealed import HANN, NS, annealed_entropy, pd_entropy
from .closed_forms import real_arg
from proofs.core import Bound, Derivation, Result, Status, Step, register
from proofs.core.bibliography import PD, REM, SU_8823

__all__ = ["rem_density", "pd_law", "pd_series", "practical_law_consequences", "raw_law_optimum", "hazards"]

M = Symbol("m", positive=True)
J = Symbol("j", integer=True, positive=True)
XS = Symbol("x", positive=True)
BIGL = Symbol("L", positive=True)
KAPPA = Symbol("kappa", positive=True)
D = Symbol("d", positive=True)
U = Symbol("u", positive=True)
F = Fraction


def rem_density(x: Any = None, n: Any = None) -> Eq:
    """ENT-A12a: :math:`H/\\ln n \\to 1 - x^2` for :math:`x = \\lambda\\sigma/\\sqrt{2\\ln n} < 1` (agrees with ENT-A10b)."""
    x_ = XS if x is None else real_arg(x, "x")
    return Eq(Symbol("H/ln n"), 1 - x_**2, evaluate=False)


_NOTES_ENT_A12A = (r"THEOREM imported. What is checked: the annealed (quenched = annealed for $x < 1$) value "
                   r"$H_{\mathrm{ann}}/\ln n = 1 - x^2$ by Gaussian quadrature at $\lambda = x \sqrt{2 \ln n}$; finite-$n$ "
                   r"Monte Carlo in $\text{benchmarks/entropy\_vs\_n.py}$ (ENT-E1).")
register(Result(
    key="ENT-A12A", title="REM entropy density H/ln n -> 1 - x^2 below the freezing point x = 1",
    title_tex=r"REM entropy density $H/\ln n \to 1 - x^2$ below the freezing point $x = 1$", source=REM,
    status=Status.THEOREM, statement=rem_density, numeric=ne.rem_density_quad,
    examples=({"x": F(1, 2), "n": 1000}, {"x": F(9, 10), "n": 10**6}),
    notes=_NOTES_ENT_A12A,
))


def pd_law(m: Any = None) -> Eq:
    """ENT-A12b: :math:`E[H_{PD(m,0)}] = E[-\\ln X]`, :math:`X\\sim\\mathrm{Beta}(1-m, m)`, :math:`= \\psi(1) - \\psi(1-m)`."""
    return Eq(Symbol("E[H_PD]"), pd_entropy(M if m is None else m), evaluate=False)


_NOTES_ENT_A12B = (r"THEOREM imported (PD limit; size-biased atom $\mathrm{Beta}(1-m, m)$). What is checked: "
                   r"$E[-\ln X]$ for $X \sim \mathrm{Beta}(1-m, m)$ by substituted quadrature equals the digamma form; the "
                   r"finite-$n$ approach to it is ENT-E2 (Monte Carlo). $\lim E[H] = E[H_{\mathrm{PD}}]$ additionally "
                   r"needs uniform integrability.")
register(Result(
    key="ENT-A12B", title="Frozen phase: PD(m, 0) limit, mean entropy psi(1) - psi(1 - m)",
    title_tex=r"Frozen phase: $\mathrm{PD}(m, 0)$ limit, mean entropy $\psi(1) - \psi(1 - m)$", source=PD,
    status=Status.THEOREM, statement=pd_law, numeric=ne.pd_entropy_quad,
    examples=({"m": F(3, 10)}, {"m": F(1, 2)}, {"m": F(7, 10)}),
    notes=_NOTES_ENT_A12B,
))


def pd_series(k: Any = None, m: Any = None) -> Eq:
    """ENT-A12b: :math:`\\psi(1) - \\psi(1-m) = \\sum_{k\\ge1}\\zeta(k+1)m^k`; with ``k``: the coefficient of m^k."""
    if m is not None:
        m_ = real_arg(m, "m")
        return Eq(Sum(zeta(J + 1) * m_**J, (J, 1, oo)), pd_entropy(m_), evaluate=False)
    return Eq(Symbol(f"[m^{k}]"), zeta(k + 1), evaluate=False)


def _derive_pd_series(k: int) -> Derivation:
    value = sympy.diff(pd_entropy(M), M, k).subs(M, 0) / sympy.factorial(k)
    return Derivation(
        Eq(Symbol(f"[m^{k}]"), value, evaluate=False),
        (Step(r"$k$-th derivative of $\psi(1) - \psi(1 - m)$ at 0: $\operatorname{polygamma}(k, 1)/k!$", value),),
    )


_NOTES_ENT_A12B_SERIES = (r"Coefficients proved for $k = 1, \ldots, 12$ (polygamma at 1); numeric route: the zeta series "
                          r"summed directly against the digamma closed form. Small-$m$ consequence 3: $E[H] \sim (\pi^2/6)\, m$.")
register(Result(
    key="ENT-A12B-SERIES", title="PD entropy series psi(1) - psi(1-m) = sum zeta(k+1) m^k (m = 1/2: 2 ln 2)",
    title_tex=r"PD entropy series $\psi(1) - \psi(1-m) = \sum \zeta(k+1) m^k$ ($m = 1/2$: $2 \ln 2$)",
    source="project derivation (DLMF 5.15.1)", statement=pd_series, derive=_derive_pd_series,
    numeric=ne.pd_entropy_series, examples=({"m": F(3, 10)}, {"m": F(1, 2)}, {"m": F(7, 10)}),
    bound=Bound("k", 1, 12), display={"k": 3},
    notes=_NOTES_ENT_A12B_SERIES,
))


# --- consequences 4 and 5 (EXACT algebra on ENT-A10b) -------------------------------------------------


def practical_law_consequences(n: Any = None) -> Eq:
    """ENT-A12, consequence 4: :math:`\\lambda\\sigma = L/\\ln 512` (L = ln n) gives
    :math:`H_{ann} = L - L^2/(2\\ln^2 512)`, slope :math:`1 - L/\\ln^2 512`, freezing at :math:`L = 2\\ln^2 512`."""
    big_l = BIGL if n is None else log(real_arg(n, "n"))
    c = log(512)
    return Eq(
        Matrix([HANN, Symbol("dH_ann/dL"), Symbol("L_crit")]),
        Matrix([big_l - big_l**2 / (2 * c**2), 1 - big_l / c**2, 2 * c**2]),
        evaluate=False,
    )


@lru_cache(maxsize=None)
def _derive_c4() -> Derivation:
    lam = BIGL / log(512)  # sigma = 1 (H depends on lambda sigma only)
    h = annealed_entropy("gaussian", sympy.exp(BIGL), lam).expand()
    x = lam / sqrt(2 * BIGL)
    crit = [r for r in sympy.solve(x - 1, BIGL) if r.is_positive][0]
    value = Matrix([h, sympy.diff(h, BIGL), crit])
    return Derivation(
        Eq(practical_law_consequences().lhs, value, evaluate=False),
        (
            Step(r"ENT-A10b at $\lambda \sigma = L/\log 512$", h),
            Step(r"Freezing $x = \lambda \sigma / \sqrt{2L} = 1$", crit),
        ),
    )


_NOTES_ENT_A12_C4 = (r"Slope 0.839700551012337399182230591 at $n = 512$, 0.715023201799710931879521050666 at "
                     r"$n = 65536$; $2 \ln^2 512 = 77.83$ exceeds $\ln n$ for every practical $n$. Numeric route: Gaussian "
                     r"quadrature, mp.diff of it in $L$, findroot for the freezing point. Finite-$n$ check: ENT-E1b.")
register(Result(
    key="ENT-A12-C4",
    title="Practical law on Gaussian q, k: H_ann = L - L^2/(2 ln^2 512), slope ~0.8, never frozen",
    title_tex=r"Practical law on Gaussian $q$, $k$: $H_{\mathrm{ann}} = L - L^2/(2 \ln^2 512)$, slope "
    r"$\approx 0.8$, never frozen",
    source=f"project derivation on {SU_8823}", statement=practical_law_consequences, derive=_derive_c4,
    numeric=ne.practical_law_gaussian, examples=({"n": 512}, {"n": 65536}),
    notes=_NOTES_ENT_A12_C4,
))


def raw_law_optimum(d: Any = None, kappa: Any = None) -> Eq:
    """ENT-A12, consequence 5: :math:`H_{ann} = L - \\kappa^2L^2/(2d)` is stationary at :math:`L^* = d/\\kappa^2`."""
    d_ = D if d is None else real_arg(d, "d")
    k_ = KAPPA if kappa is None else real_arg(kappa, "kappa")
    return Eq(Symbol("L*"), d_ / k_**2, evaluate=False)


@lru_cache(maxsize=None)
def _derive_c5() -> Derivation:
    lam = KAPPA * BIGL / D  # Su's raw law with sigma^2 = d
    h = sympy.expand(annealed_entropy("gaussian", sympy.exp(BIGL), lam, sigma=sqrt(D)))
    value = sympy.solve(sympy.diff(h, BIGL), BIGL)[0]
    return Derivation(Eq(Symbol("L*"), value, evaluate=False), (Step(r"$H_{\mathrm{ann}}(L)$ from ENT-A10b", h),))


register(Result(
    key="ENT-A12-C5",
    title="Su's raw law kappa ln n / d on Gaussian scores is locally invariant only near L* = d/kappa^2",
    title_tex=r"Su's raw law $\kappa \ln n / d$ on Gaussian scores is locally invariant only near "
    r"$L^* = d/\kappa^2$",
    source="project derivation", statement=raw_law_optimum, derive=_derive_c5, numeric=ne.raw_law_optimum,
    examples=({"d": 64, "kappa": F(25, 6)}, {"d": 128, "kappa": F(25, 6)}),
    notes=r"$\kappa = 1/0.24$: $L^* = 0.0576\, d$, $n^* = 39.90$ ($d = 64$), 1592.1 ($d = 128$) (tested).",
))


# --- ENT-A13 -------------------------------------------------------------------------------------------


def hazards(n: Any = None) -> Eq:
    """ENT-A13: hazard :math:`f/(1-F)` at :math:`u_n = F^{-1}(1 - 1/n)`: n for uniform[0,1], 1 for Exp(1)."""
    n_ = NS if n is None else real_arg(n, "n")
    return Eq(Matrix([Symbol("h_uniform(u_n)"), Symbol("h_exp(u_n)")]), Matrix([n_, 1]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_hazards() -> Derivation:
    s = Symbol("s", positive=True)
    out = []
    for cdf in (s, 1 - exp(-s)):
        u = sympy.solve(cdf - (1 - 1 / NS), s)[0]
        out.append(sympy.simplify((sympy.diff(cdf, s) / (1 - cdf)).subs(s, u)))
    return Derivation(
        Eq(hazards().lhs, Matrix(out), evaluate=False),
        (Step(r"Solve $F(u) = 1 - 1/n$; hazard $f/(1-F)$ there", Matrix(out)),),
    )


def _hazards_numeric(n: Any, dps: int) -> list[Any]:
    """ENT-A13-HAZARD's numeric route: the hazard at the top quantile, found by root finding, for both laws."""
    return [ne.hazard_at_top_quantile(law, n, dps=dps) for law in ("uniform", "exponential")]


_NOTES_ENT_A13_HAZARD = (r"The rule itself ($\lambda^*_n \sim$ hazard at the top quantile keeps $O(1)$ entropy) is "
                         r"HEURISTIC (THEOREM for Gaussians via ENT-A12): $\lambda \sim n$ for bounded scores (ENT-A10c), $O(1)$ "
                         r"for exponential tails (ENT-A10d), $\sqrt{2 \ln n}$ for Gaussians (ENT-A13-MILLS), $\log n$ only for "
                         r"doubly-exponential tails or signal-plus-bounded-background (ENT-A8).")
register(Result(
    key="ENT-A13-HAZARD", title="Extreme-value rule: top-quantile hazard n (uniform), 1 (exponential)",
    title_tex=r"Extreme-value rule: top-quantile hazard $n$ (uniform), 1 (exponential)",
    source="project derivation (spec ENT-A13); EVT: Leadbetter, Lindgren & Rootzen 1983", statement=hazards,
    derive=_derive_hazards, numeric=_hazards_numeric, examples=({"n": 1000}, {"n": 65536}),
    notes=_NOTES_ENT_A13_HAZARD,
))


def mills_ratio() -> Eq:
    """ENT-A13: the Gaussian hazard grows like u (Mills ratio): :math:`\\lim_{u\\to\\infty} h(u)/u = 1`."""
    hz = exp(-(U**2) / 2) / sqrt(2 * pi) / (sympy.erfc(U / sqrt(2)) / 2)
    return Eq(Limit(hz / U, U, oo), 1, evaluate=False)


@lru_cache(maxsize=None)
def _derive_mills() -> Derivation:
    return Derivation(Eq(mills_ratio().lhs, sympy.limit(mills_ratio().lhs.args[0], U, oo), evaluate=False))


register(Result(
    key="ENT-A13-MILLS", title="Gaussian hazard h(u) ~ u, so lambda* ~ u_n ~ sqrt(2 ln n)",
    title_tex=r"Gaussian hazard $h(u) \sim u$, so $\lambda^* \sim u_n \sim \sqrt{2 \ln n}$",
    source="standard (Mills ratio)", statement=mills_ratio, derive=_derive_mills,
))
