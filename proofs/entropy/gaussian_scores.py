"""ENT-A12 (Gaussian scores: the random-energy-model picture) and ENT-A13 (extreme-value rule).

The REM entropy density (A12a) and the Poisson-Dirichlet frozen phase (A12b) are
THEOREMs imported from the literature (Derrida 1981; Bovier 2006 ch. 9; Ruelle 1987;
Pitman & Yor 1997): they are not re-proved.  Their limits are tabulated against the exact
expected entropy at finite n (:mod:`numerics.entropy.rem`: nested quadrature, n = 10^2 .. 10^100),
which is not an asymptotic formula.  The algebra built on them (the zeta series of the PD entropy,
consequences 4 and 5) is EXACT.

Registers: ENT-A12A, ENT-A12B, ENT-A12B-SERIES, ENT-A12-C4, ENT-A12-C5, ENT-A13-HAZARD,
ENT-A13-MILLS.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from sympy import Eq, Limit, Matrix, Sum, Symbol, exp, log, oo, pi, polygamma, sqrt, zeta

from numerics.entropy import certified as cert
from numerics.entropy import entropies as ne
from numerics.entropy import rem as nrem

from .annealed import HANN, NS, annealed_entropy, pd_entropy
from .closed_forms import real_arg
from proofs.core import Convergence, Derivation, Evidence, Result, Status, Step, register
from proofs.core.bibliography import PD, REM, SU_8823
from proofs.core.params import draw, s

__all__ = ["rem_density", "pd_law", "pd_series", "practical_law_consequences", "raw_law_optimum", "hazards"]

M = Symbol("m", positive=True)
J = Symbol("j", integer=True, positive=True)
XS = Symbol("x", positive=True)
BIGL = Symbol("L", positive=True)
KAPPA = Symbol("kappa", positive=True)
D = Symbol("d", positive=True)
U = Symbol("u", positive=True)
F = Fraction


def rem_density(x: Any = None) -> Eq:
    """ENT-A12a: :math:`H/\\ln n \\to 1 - x^2` for :math:`x = \\lambda\\sigma/\\sqrt{2\\ln n} < 1` (agrees with ENT-A10b)."""
    x_ = XS if x is None else real_arg(x, "x")
    return Eq(Symbol("H/ln n"), 1 - x_**2, evaluate=False)


_NOTES_ENT_A12A = (r"THEOREM imported (the limit is not proved here). Convergence table: the exact expected entropy "
                   r"$E[H_n]/\ln n$ of $n$ iid $N(0, 1)$ scores at $\lambda = x \sqrt{2 \ln n}$, by nested quadrature of "
                   r"its Laplace-transform representation ($\text{numerics.entropy.rem}$), $n = 10^2 \ldots 10^{300}$. "
                   r"At $x = 0.9$ it creeps from 0.490 ($n = 10^2$) and 0.343 ($10^6$, as Monte Carlo finds) to 0.1926 "
                   r"($10^{100}$) and 0.190009 ($10^{300}$) against the limit 0.19: the approach is real but slow in $n$ "
                   r"(it accelerates only beyond $10^{40}$); at $x = 1/2$ it is fast (distance $\approx n^{-1/2}/2$, "
                   r"tested). The annealed value $H_{\mathrm{ann}}/\ln n$ equals $1 - x^2$ at "
                   r"every $n$ (ENT-A10b), which is why it cannot stand in for the limit. Digits: the value of the limit "
                   r"from the REM variational principle, $\max_{|e| \le 1} [1 - e^2 + 2 x e]$ solved by root finding, "
                   r"entropy density $1 - e^{*2}$ (at fixed and drawn $x$).")
register(Result(
    key="ENT-A12A", title="REM entropy density H/ln n -> 1 - x^2 below the freezing point x = 1",
    title_tex=r"REM entropy density $H/\ln n \to 1 - x^2$ below the freezing point $x = 1$", source=REM,
    status=Status.THEOREM, statement=rem_density, numeric=nrem.rem_density_variational,
    params=draw(x=s.rationals(F(1, 20), F(19, 20), max_denominator=100)),
    examples=({"x": F(9, 10)}, {"x": F(1, 2)}),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(nrem.rem_density_finite_n, quantity=r"$E[H_n]/\ln n$ at $\lambda = x \sqrt{2 \ln n}$ "
                            r"(exact expected entropy, nested quadrature)"),
    notes=_NOTES_ENT_A12A,
))


def pd_law(m: Any = None) -> Eq:
    """ENT-A12b: :math:`E[H_{PD(m,0)}] = E[-\\ln X]`, :math:`X\\sim\\mathrm{Beta}(1-m, m)`, :math:`= \\psi(1) - \\psi(1-m)`."""
    return Eq(Symbol("E[H_PD]"), pd_entropy(M if m is None else m), evaluate=False)


_NOTES_ENT_A12B = (r"THEOREM imported (PD limit; size-biased atom $\mathrm{Beta}(1-m, m)$). Digits: $E[-\ln X]$ for "
                   r"$X \sim \mathrm{Beta}(1-m, m)$ by substituted quadrature against the digamma form (the mean entropy "
                   r"of $\mathrm{PD}(m, 0)$, at fixed and drawn $m$). Convergence table: the exact finite-$n$ expected "
                   r"entropy at $\lambda = \sqrt{2 \ln n}/m$ (nested quadrature, $\text{numerics.entropy.rem}$) approaches "
                   r"it, slowly (about $\ln \ln n/\ln n$): at $m = 1/2$ from 0.876 ($n = 10^2$) to 1.362 ($10^{100}$) "
                   r"against $2 \ln 2 = 1.386$. So $\lim E[H_n] = E[H_{\mathrm{PD}}]$ (which needs uniform integrability "
                   r"beyond the convergence in law) is supported by the table, not proved.")
register(Result(
    key="ENT-A12B", title="Frozen phase: PD(m, 0) limit, mean entropy psi(1) - psi(1 - m)",
    title_tex=r"Frozen phase: $\mathrm{PD}(m, 0)$ limit, mean entropy $\psi(1) - \psi(1 - m)$", source=PD,
    status=Status.THEOREM, statement=pd_law, numeric=ne.pd_entropy_quad,
    params=draw(m=s.rationals(F(1, 10), F(9, 10), max_denominator=100)),
    examples=({"m": F(1, 2)}, {"m": F(3, 10)}, {"m": F(7, 10)}),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(nrem.pd_entropy_finite_n, quantity=r"$E[H_n]$ at $\lambda = \sqrt{2 \ln n}/m$ (exact "
                            r"expected entropy, nested quadrature)", scale="log n"),
    notes=_NOTES_ENT_A12B,
))


KS = Symbol("k", integer=True, positive=True)


def pd_series(k: Any = None, m: Any = None) -> Eq:
    """ENT-A12b: :math:`\\psi(1) - \\psi(1-m) = \\sum_{k\\ge1}\\zeta(k+1)m^k`; without ``m``: the coefficient of
    :math:`m^k` (symbolic k by default)."""
    if m is not None:
        m_ = real_arg(m, "m")
        return Eq(Sum(zeta(J + 1) * m_**J, (J, 1, oo)), pd_entropy(m_), evaluate=False)
    k_ = KS if k is None else k
    return Eq(Symbol("[m^k]"), zeta(k_ + 1), evaluate=False)


@lru_cache(maxsize=None)
def _derive_pd_series() -> Derivation:
    j = Symbol("j", integer=True, nonnegative=True)
    # the j-th derivative of psi(1) - psi(1 - m) in m, claimed D_j = (-1)^(j+1) psi^(j)(1 - m) for j >= 1
    claim = (-1) ** (j + 1) * polygamma(j, 1 - M)
    first = sympy.diff(pd_entropy(M), M)
    base = sympy.simplify(first - claim.subs(j, 1))
    step = sympy.simplify(sympy.diff(claim, M) - claim.subs(j, j + 1))
    if base != 0 or step != 0:  # pragma: no cover - the induction being computed
        raise ValueError(f"the derivative pattern fails: base {base}, step {step}")
    at_zero = claim.subs(j, KS).subs(M, 0)  # (-1)^(k+1) psi^(k)(1)
    value = sympy.powsimp(sympy.expand_func(at_zero) / sympy.factorial(KS), force=True)
    value = sympy.simplify(value)
    return Derivation(
        Eq(Symbol("[m^k]"), value, evaluate=False),
        (
            Step(r"First derivative of $\psi(1) - \psi(1 - m)$ is $\psi'(1 - m)$: the case $j = 1$ of "
                 r"$D_j = (-1)^{j+1} \psi^{(j)}(1 - m)$ (difference computed)", Eq(Symbol("base"), base)),
            Step(r"Induction: $d/dm\, D_j - D_{j+1}$, for symbolic $j$", Eq(Symbol("step"), step)),
            Step(r"Taylor coefficient $D_k(0)/k!$, with $\psi^{(k)}(1) = (-1)^{k+1} k!\, \zeta(k+1)$ "
                 r"($\text{expand\_func}$); the series converges for $|m| < 1$", value),
        ),
    )


_NOTES_ENT_A12B_SERIES = (r"Coefficients proved for symbolic $k$ (an induction on the derivatives, computed); numeric "
                          r"route: the zeta series summed directly against the digamma closed form. Small-$m$ "
                          r"consequence 3: $E[H] \sim (\pi^2/6)\, m$.")
register(Result(
    key="ENT-A12B-SERIES", title="PD entropy series psi(1) - psi(1-m) = sum zeta(k+1) m^k (m = 1/2: 2 ln 2)",
    title_tex=r"PD entropy series $\psi(1) - \psi(1-m) = \sum \zeta(k+1) m^k$ ($m = 1/2$: $2 \ln 2$)",
    source="project derivation (DLMF 5.15.1)", statement=pd_series, derive=_derive_pd_series,
    numeric=ne.pd_entropy_series, params=draw(m=s.rationals(F(1, 20), F(4, 5), max_denominator=100)),
    certified=cert.pd_entropy_series,
    examples=({"m": F(3, 10)}, {"m": F(1, 2)}, {"m": F(7, 10)}),
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
    numeric=ne.practical_law_gaussian, params=draw(n=s.sizes(2, 10**6)), examples=({"n": 512}, {"n": 65536}),
    certified=cert.practical_law_gaussian,
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
    source="project derivation", statement=raw_law_optimum, derive=_derive_c5, numeric=ne.raw_law_optimum_quad,
    certified=cert.raw_law_optimum,
    params=draw(d=s.sizes(1, 256), kappa=s.rationals(F(1, 2), 8, max_denominator=100)),
    examples=({"d": 64, "kappa": F(25, 6)}, {"d": 128, "kappa": F(25, 6)}),
    notes=(r"$\kappa = 1/0.24$: $L^* = 0.0576\, d$, $n^* = 39.90$ ($d = 64$), 1592.1 ($d = 128$) (tested). Numeric "
           r"route: the root of $dH_{\mathrm{ann}}/dL = 1 - (\kappa/d) \lambda \operatorname{Var}_\lambda[S]$ with the "
           r"tilted variance by Gaussian quadrature (the quadratic $H_{\mathrm{ann}}(L)$ is not used)."),
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
    derive=_derive_hazards, numeric=_hazards_numeric, params=draw(n=s.sizes(2, 10**6)),
    certified=cert.top_quantile_hazards,
    examples=({"n": 1000}, {"n": 65536}),
    notes=_NOTES_ENT_A13_HAZARD,
))


def _upper_tail(u: Any) -> Any:
    return sympy.erfc(u / sqrt(2)) / 2


QUANTILE_LIMIT = Symbol("lim u/sqrt(2 ln n(u))")  # n(u) = 1/(1 - Phi(u)), u -> oo


def mills_ratio() -> Eq:
    """ENT-A13: the Gaussian hazard grows like u (Mills ratio), :math:`\\lim_{u\\to\\infty} h(u)/u = 1`, and the top
    quantile :math:`u_n = \\Phi^{-1}(1 - 1/n)` grows like :math:`\\sqrt{2\\ln n}`: with :math:`n = 1/(1 - \\Phi(u))`,
    :math:`\\lim_{u\\to\\infty} u/\\sqrt{2\\ln n} = 1`."""
    hz = exp(-(U**2) / 2) / sqrt(2 * pi) / _upper_tail(U)
    # the second limit is named, not written as a SymPy Limit: sympy.limit evaluates that Limit to 0 (wrong)
    return Eq(Matrix([Limit(hz / U, U, oo), QUANTILE_LIMIT]), Matrix([1, 1]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_mills() -> Derivation:
    lhs = mills_ratio().lhs
    hz_limit = sympy.limit(lhs[0].args[0], U, oo)
    direct = U / sqrt(2 * log(1 / _upper_tail(U)))  # the quantity named QUANTILE_LIMIT
    # sympy.limit of the second entry as written is unreliable (it answers 0); assemble it from the Mills ratio:
    ratio = U * exp(U**2 / 2) * sqrt(2 * pi) * _upper_tail(U)  # u (1 - Phi(u)) / phi(u)
    ratio_limit = sympy.limit(ratio, U, oo)
    r = Symbol("R", positive=True)  # stands for ratio(u), which tends to ratio_limit
    log_n = U**2 / 2 + log(U) + log(2 * pi) / 2 - log(r)  # ln(1/(1 - Phi)) with 1 - Phi = R phi(u)/u
    check = sympy.expand(sympy.expand_log(log(U * exp(U**2 / 2) * sqrt(2 * pi) / r), force=True) - log_n)
    if check != 0:  # pragma: no cover - an identity of logarithms
        raise ValueError("the logarithm of the tail does not split")
    eps = sympy.limit((log_n - U**2 / 2) / (U**2 / 2), U, oo)  # at fixed R > 0: -> 0
    quantile_limit = 1 / sqrt(1 + eps)
    value = Matrix([hz_limit, quantile_limit])
    return Derivation(
        Eq(lhs, value, evaluate=False),
        (
            Step(r"Mills ratio: sympy.limit of $h(u)/u$, $h = \varphi/(1 - \Phi)$", Eq(lhs[0], hz_limit, evaluate=False)),
            Step(r"$R(u) = u (1 - \Phi(u))/\varphi(u) \to 1$ (sympy.limit)", Eq(Limit(ratio, U, oo), ratio_limit,
                                                                              evaluate=False)),
            Step(r"So $\ln n = \ln(1/(1 - \Phi(u))) = u^2/2 + \ln u + (1/2) \ln(2 \pi) - \ln R$ (identity checked "
                 r"with $\text{expand\_log}$), and $(\ln n - u^2/2)/(u^2/2) \to 0$ at every fixed $R > 0$, so also along "
                 r"$R(u) \to 1$",
                 Eq(Symbol("epsilon"), eps, evaluate=False)),
            Step(r"$u/\sqrt{2 \ln n} = 1/\sqrt{1 + \varepsilon} \to 1$ (sympy.limit of the direct form is wrong "
                 r"here, it answers 0, so the limit is assembled)", Eq(Limit(direct, U, oo), quantile_limit,
                                                                      evaluate=False)),
        ),
    )


def _mills_rows(dps: int) -> list[Any]:
    """ENT-A13-MILLS's convergence table (numerics.entropy.quadrature.gaussian_hazard_rows)."""
    return ne.gaussian_hazard_rows(dps=dps)


register(Result(
    key="ENT-A13-MILLS", title="Gaussian hazard h(u) ~ u and top quantile u_n ~ sqrt(2 ln n)",
    title_tex=r"Gaussian hazard $h(u) \sim u$ and top quantile $u_n \sim \sqrt{2 \ln n}$",
    source="standard (Mills ratio)", statement=mills_ratio, derive=_derive_mills,
    examples=({},), evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_mills_rows, quantity=r"$[h(u_n)/u_n, u_n/\sqrt{2 \ln n}]$, $u_n = \Phi^{-1}(1 - 1/n)$ "
                            r"by root finding", scale="log n"),
    notes=(r"So the extreme-value rule (ENT-A13, HEURISTIC) gives $\lambda^* \sim h(u_n) \sim \sqrt{2 \ln n}$ for "
           r"Gaussian scores. The table approaches slowly, like $\ln \ln n/\ln n$ ($u_n = \sqrt{2 \ln n} - "
           r"(\ln \ln n + \ln 4 \pi)/(2 \sqrt{2 \ln n}) + \ldots$)."),
))
