"""ENT-A8 (two-level model) and ENT-A9 (grouping bound).

The two-level model :math:`s = (\\Delta, 0, \\dots, 0)` is proved for a *symbolic* n
(its entropy is a sum with multiplicities); the grouping chain rule for a symbolic n with
symbolic probabilities :math:`p_2, \\dots, p_n` (unevaluated sums).

Registers: ENT-A8, ENT-A8A, ENT-A8B, ENT-A8C, ENT-A8C-EPS, ENT-A9.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
import mpmath
from sympy import (Add, Derivative, Eq, IndexedBase, Limit, Matrix, Rational, Sum, Symbol, exp, expand_log,
                   factor_terms, log)

from numerics.entropy import certified_softmax as cs
from numerics.entropy import entropies as ne
from proofs.core import Convergence, Derivation, Evidence, Result, Step, register
from proofs.core.checks import same
from proofs.core.bibliography import TWO_LEVEL
from proofs.core.params import draw, s

from .closed_forms import binary_entropy, logistic, real_arg, softmax_probabilities, two_level
from .softmax import DELTA, LAM, C, H, U

__all__ = [
    "NN",
    "two_level_statement",
    "log_law_focus",
    "log_law_entropy",
    "two_level_slope",
    "small_tail_expansion",
    "grouping_chain_rule",
]

# n = m + 1 with m >= 1 distractors: SymPy then knows n - 1 > 0 (needed to split log((n-1) x))
MM = Symbol("m", integer=True, positive=True)
NN = MM + 1
EPS = Symbol("epsilon", positive=True)
LN1 = Symbol("L", positive=True)
_LHS = Matrix([Symbol("p_max"), H, H, Symbol("spread")])
F = Fraction


def two_level_statement(n: Any = None, delta: Any = None, lam: Any = None) -> Eq:
    """ENT-A8 / A8d: :math:`[p_{\\max}, H, H_{grouping}, s_{\\max} - \\bar s]` of the two-level model."""
    d = two_level(NN if n is None else n, DELTA if delta is None else delta, LAM if lam is None else lam)
    return Eq(_LHS, Matrix([d["p_max"], d["H"], d["H_grouping"], d["spread"]]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a8() -> Derivation:
    u = LAM * DELTA
    z = exp(u) + (NN - 1)  # one atom e^u, n - 1 atoms e^0
    p1, q = exp(u) / z, 1 / z
    h = expand_log(-p1 * log(p1) - (NN - 1) * q * log(q), force=True)
    spread = DELTA - (DELTA + (NN - 1) * 0) / NN
    value = Matrix([p1, h, h, spread])
    return Derivation(
        Eq(_LHS, value, evaluate=False),
        (
            Step(r"$Z = e^u + (n-1) e^0$; weights $e^u/Z$ once and $1/Z$ with multiplicity $n-1$", Eq(Symbol("Z"), z)),
            Step(r"$H = -p_1 \log p_1 - (n-1)\, q \log q$, expanded", h),
            Step(r"$s_{\max} - \operatorname{mean} = \Delta - \Delta/n$ ($\Delta > 0$)", spread),
        ),
    )


_NOTES_ENT_A8 = (r"Proved for symbolic $n = m + 1$, $m \ge 1$ (sum with multiplicities); includes ENT-A8d "
                 r"($\mathrm{spread} = \Delta (n-1)/n$). Numeric route: the explicit vector $(\Delta, 0, \ldots, 0)$ "
                 r"through the generic softmax/entropy.")
register(Result(
    key="ENT-A8", title="Two-level model: p_max, H = ln(e^u+n-1) - u p_max = h_b(p_max) + (1-p_max) ln(n-1)",
    title_tex=r"Two-level model: $p_{\max}$, "
    r"$H = \ln(e^u+n-1) - u\, p_{\max} = h_b(p_{\max}) + (1-p_{\max}) \ln(n-1)$",
    source=TWO_LEVEL, statement=two_level_statement, derive=_derive_a8, numeric=ne.two_level_generic,
    certified=cs.two_level_quantities,
    params=draw(n=s.sizes(2, 200), delta=s.rationals(0, 8, max_denominator=50),
                lam=s.rationals(-4, 4, max_denominator=50)),
    examples=({"n": 2, "delta": 3, "lam": F(1, 2)}, {"n": 10, "delta": 1, "lam": F(9, 4)},
              {"n": 512, "delta": F(5, 2), "lam": 3}, {"n": 3000, "delta": 2, "lam": F(-1, 3)}),
    notes=_NOTES_ENT_A8,
))


def log_law_focus(n: Any = None, c: Any = None) -> Eq:
    """ENT-A8a: with :math:`u = \\ln(n-1) + c`, :math:`p_{\\max} = \\sigma(c)` for every n."""
    c_ = C if c is None else real_arg(c, "c")
    return Eq(Symbol("p_max"), logistic(c_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a8a() -> Derivation:
    p = two_level(NN, 1, log(NN - 1) + C)["p_max"]
    value = sympy.simplify(sympy.expand(p, power_exp=True))
    return Derivation(
        Eq(Symbol("p_max"), value, evaluate=False),
        (
            Step(r"Substitute $u = \log(n-1) + c$ into $p_{\max} = 1/(1 + (n-1) e^{-u})$", p),
            Step(r"$(n-1) e^{-\log(n-1) - c} = e^{-c}$", value),
        ),
    )


LOG_LAW_NS = (2, 10, 512, 10**6, 10**30)

def _log_law_p_max(n: Any, c: Any, dps: int) -> Any:
    """ENT-A8A's numeric route: p_max of the two-level model under the log law."""
    return ne.two_level_log_law(n, c, dps=dps)[0]


def _log_law_entropy(n: Any, c: Any, dps: int) -> Any:
    """ENT-A8B's numeric route: H of the two-level model under the log law."""
    return ne.two_level_log_law(n, c, dps=dps)[1]


_NOTES_ENT_A8A = (r"Numeric route: explicit vector through the generic softmax for $n \le 3000$, else a two-atom "
                  r"log-sum-exp with multiplicities; $n$ up to $10^{30}$ as exact integers (ENT-E3).")
register(Result(
    key="ENT-A8A", title="The log law u = ln(n-1) + c fixes the focus: p_max = sigma(c) for every n",
    title_tex=r"The log law $u = \ln(n-1) + c$ fixes the focus: $p_{\max} = \sigma(c)$ for every $n$",
    source=TWO_LEVEL, statement=log_law_focus, derive=_derive_a8a, numeric=_log_law_p_max,
    certified=cs.log_law_focus,
    params=draw(n=s.sizes(2, 10**6), c=s.rationals(-6, 6, max_denominator=100)),
    examples=tuple({"n": n, "c": 2} for n in LOG_LAW_NS) + ({"n": 7, "c": F(-1, 3)},),
    notes=_NOTES_ENT_A8A,
))


def log_law_entropy(n: Any = None, c: Any = None) -> Eq:
    """ENT-A8b: under the log law :math:`H = h_b(\\sigma(c)) + \\sigma(-c)\\ln(n-1)` (grows like :math:`\\sigma(-c)\\ln n`)."""
    n_ = NN if n is None else n
    c_ = C if c is None else real_arg(c, "c")
    at_law = two_level(n_, 1, log(n_ - 1) + c_)["H"]  # the quantity: H(u) at u = ln(n-1) + c
    return Eq(at_law, binary_entropy(logistic(c_)) + logistic(-c_) * log(n_ - 1), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a8b() -> Derivation:
    h = two_level(NN, 1, log(NN - 1) + C)["H"]
    value = expand_log(sympy.expand(h, power_exp=True), force=True)
    value = sympy.simplify(value)
    return Derivation(
        Eq(h, value, evaluate=False),
        (
            Step(r"Substitute $u = \log(n-1) + c$ into $H = \log(e^u + n - 1) - u\, p_{\max}$", h),
            Step("Simplify", value),
        ),
    )


register(Result(
    key="ENT-A8B", title="Under the log law the entropy still grows: H = h_b(sigma(c)) + sigma(-c) ln(n-1)",
    title_tex=r"Under the log law the entropy still grows: $H = h_b(\sigma(c)) + \sigma(-c) \ln(n-1)$",
    source=TWO_LEVEL, statement=log_law_entropy, derive=_derive_a8b, numeric=_log_law_entropy,
    certified=cs.log_law_entropy,
    params=draw(n=s.sizes(2, 10**6), c=s.rationals(-6, 6, max_denominator=100)),
    examples=tuple({"n": n, "c": 2} for n in (10, 64, 512, 1000, 4096, 65536, 10**6, 2**20))
    + ({"n": 7, "c": F(-1, 3)},),
    notes=r"Golden table G1 ($u = \ln(n-1) + 2$). Strict increase in $n$ is tested (ENT-E3).",
))


def two_level_slope(n: Any = None, u: Any = None) -> Eq:
    """ENT-A8c: :math:`dH/du = -u\\,p_{\\max}(1 - p_{\\max})`, so H is strictly decreasing on u > 0."""
    n_ = NN if n is None else n
    u_ = U if u is None else real_arg(u, "u")
    p = two_level(n_, 1, u_)["p_max"]
    return Eq(Derivative(two_level(n_, 1, U)["H"], U), -u_ * p * (1 - p), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a8c() -> Derivation:
    h = two_level(NN, 1, U)["H"]
    value = sympy.diff(h, U)
    return Derivation(Eq(Derivative(h, U), value, evaluate=False),
                      (Step(r"Differentiate $H(u) = \log(e^u + n - 1) - u\, p_{\max}$", value),))


_NOTES_ENT_A8C = (r"Uniqueness of $u^*$ for $0 < H_0 < \ln n$ follows ($H(0) = \ln n$, $H \to 0$). $u^*(n)$ by root "
                  r"finding ($\text{numerics.entropy.invariant\_scale\_two\_level}$) reproduces table G3; the asymptotic "
                  r"$u^* = \ln(n-1) + \ln(\ln(n-1)/H_0) + o(1)$ is checked on G3's residuals (slow decay "
                  r"$\sim \ln \ln n / \ln n$).")
register(Result(
    key="ENT-A8C", title="Two-level slope dH/du = -u p_max (1 - p_max): unique entropy-invariant scale u*(n)",
    title_tex=r"Two-level slope $dH/du = -u\, p_{\max} (1 - p_{\max})$: unique entropy-invariant scale "
    r"$u^*(n)$",
    source=TWO_LEVEL, statement=two_level_slope, derive=_derive_a8c, numeric=ne.two_level_entropy_slope,
    certified=cs.two_level_slope,
    params=draw(n=s.sizes(2, 10**6), u=s.rationals(-20, 40, max_denominator=100)),
    examples=({"n": 2, "u": F(1, 2)}, {"n": 1000, "u": 9}, {"n": 10**30, "u": 73}),
    notes=_NOTES_ENT_A8C,
))


def small_tail_expansion() -> Eq:
    """ENT-A8c: with :math:`\\varepsilon = 1 - p_{\\max}`, :math:`L = \\ln(n-1)`: :math:`H = \\varepsilon(L + \\ln(1/\\varepsilon) + 1) - \\varepsilon^2/2 + o(\\varepsilon^2)`."""
    h = binary_entropy(EPS) + EPS * LN1
    return Eq(Limit((h - EPS * (LN1 + log(1 / EPS) + 1)) / EPS**2, EPS, 0), Rational(-1, 2), evaluate=False)


@lru_cache(maxsize=None)
def _derive_tail() -> Derivation:
    h = binary_entropy(EPS) + EPS * LN1
    value = sympy.limit((h - EPS * (LN1 + log(1 / EPS) + 1)) / EPS**2, EPS, 0)
    return Derivation(
        Eq(Limit((h - EPS * (LN1 + log(1 / EPS) + 1)) / EPS**2, EPS, 0), value, evaluate=False),
        (Step(r"$H = h_b(\varepsilon) + \varepsilon L$ (grouping form); sympy.limit", value),),
    )


def _small_tail_rows(dps: int) -> list[tuple[int, Any]]:
    """ENT-A8C-EPS's convergence table at n = 1000: ``[(1/eps, (H - eps (L + ln(1/eps) + 1))/eps^2)]``.

    H is the two-level entropy by the two-atom route (numerics.entropy.two_level_atoms) at the scale u with
    :math:`1 - p_{\\max} = \\varepsilon`, i.e. :math:`u = \\ln(n-1) - \\ln(\\varepsilon/(1-\\varepsilon))`; the
    quotient cancels about :math:`2k` digits at :math:`\\varepsilon = 10^{-k}`, so it is formed at ``dps + 20``.
    """
    n = 1000
    rows = []
    for k in (1, 2, 3, 4, 5, 6):
        with mpmath.workdps(dps + 20):
            eps = mpmath.mpf(10) ** -k
            big_l = mpmath.log(n - 1)
            u = big_l - mpmath.log(eps / (1 - eps))
            h = ne.two_level_atoms(n, u, dps=dps + 20)[1]
            value = (h - eps * (big_l + mpmath.log(1 / eps) + 1)) / eps**2
        rows.append((10**k, value))
    return rows


register(Result(
    key="ENT-A8C-EPS", title="Small-tail expansion H = eps (ln(n-1) + ln(1/eps) + 1) + O(eps^2)",
    title_tex=r"Small-tail expansion "
    r"$H = \varepsilon (\ln(n-1) + \ln(1/\varepsilon) + 1) + O(\varepsilon^2)$",
    source=TWO_LEVEL, statement=small_tail_expansion, derive=_derive_tail,
    examples=({},), evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_small_tail_rows, quantity=r"$(H - \varepsilon(L + \ln(1/\varepsilon) + 1))/\varepsilon^2$ "
                            r"at $n = 1000$, $1/\varepsilon$ in the first column"),
    notes=(r"Explains the $\log \log n$ correction of $u^*(n)$ and the slow decay of its $o(1)$ term. The limit is "
           r"proved by sympy.limit for symbolic $L = \ln(n-1)$; the convergence table evaluates the two-level "
           r"entropy by its two-atom route at $n = 1000$."),
))


# --- ENT-A9 ----------------------------------------------------------------------------------

PROB = IndexedBase("p", positive=True)
JDX = Symbol("j", integer=True, positive=True)


def _rest(term: Any) -> Any:
    """:math:`\\sum_{j=2}^n` term(:math:`p_j`) for a symbolic n (n = m + 1 >= 2)."""
    return Sum(term(PROB[JDX]), (JDX, 2, NN))


def _grouping(p1: Any, rest: Any, tail: Any) -> Any:
    """:math:`h_b(p_1) + (1 - p_1) H(q)`, :math:`q_j = p_j/(1 - p_1)`; ``rest(f)`` sums f over the other weights."""
    hq = -rest(lambda p: (p / tail) * log(p / tail))
    return binary_entropy(p1) + tail * hq


def grouping_chain_rule(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A9: :math:`H(p) = h_b(p_1) + (1 - p_1)H(q)`, :math:`q = (p_2, \\dots, p_n)/(1 - p_1)`, hence
    :math:`H \\le h_b(p_1) + (1-p_1)\\ln(n-1)`.

    Without ``s``: symbolic n and weights :math:`p_2, \\dots, p_n > 0`, :math:`p_1 = 1 - \\sum_{j \\ge 2} p_j`.
    With ``s``, ``lam``: the softmax weights, index 1 being the arg-max.
    """
    if s is None:
        tail = _rest(lambda p: p)
        return Eq(H, _grouping(1 - tail, _rest, tail), evaluate=False)
    ps = softmax_probabilities(s, LAM if lam is None else lam)
    top = max(range(len(ps)), key=lambda i: sympy.N(ps[i], 30))
    p1, others = ps[top], ps[:top] + ps[top + 1 :]
    tail = 1 - p1
    if not others:  # n = 1: p_1 = 1 and H = 0
        return Eq(H, sympy.Integer(0), evaluate=False)
    return Eq(H, _grouping(p1, lambda f: Add(*[f(p) for p in others]), tail), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a9() -> Derivation:
    tail = _rest(lambda p: p)
    p1 = 1 - tail
    definition = -p1 * log(p1) - _rest(lambda p: p * log(p))
    grouped = _grouping(p1, _rest, tail)  # h_b and H(q) by their definitions
    expanded = factor_terms(sympy.expand(expand_log(grouped, force=True)))  # log(p_j/t) = log p_j - log t
    if not same(expanded, definition):  # pragma: no cover - the identity being proved
        raise ValueError("the grouping form does not expand to the definition")
    gap = _rest(lambda p: (p / tail) * log((NN - 1) * p / tail))
    gap_expanded = factor_terms(sympy.expand(expand_log(gap, force=True)))
    return Derivation(
        Eq(H, grouped, evaluate=False),
        (
            Step(r"Definition $H = -\sum_i p_i \log p_i$ with $p_1 = 1 - \sum_{j \ge 2} p_j$ (n symbolic)",
                 Eq(H, definition, evaluate=False)),
            Step(r"$h_b(p_1) + (1 - p_1) H(q)$, $q_j = p_j/(1 - p_1)$, expanded ($\log q_j = \log p_j - \log(1 - p_1)$, "
                 r"$\sum_j q_j = 1$): it is the definition", Eq(Symbol("h_b(p_1) + (1-p_1) H(q)"), expanded,
                                                                evaluate=False)),
            Step(r"The bound: $\log(n-1) - H(q) = \sum_j q_j \log((n-1) q_j) = \mathrm{KL}(q \,\|\, \mathrm{uniform}) "
                 r"\ge 0$ (Gibbs)", Eq(gap, gap_expanded, evaluate=False)),
        ),
    )


_NOTES_ENT_A9 = (r"The chain rule is proved for a symbolic $n$ with symbolic weights. The bound $H(q) \le \ln(n-1)$ "
                 r"is Gibbs' inequality $\mathrm{KL}(q \,\|\, \mathrm{uniform}) \ge 0$ (the last step computes the "
                 r"identity; the sign is the standard inequality): the two-level model is the entropy maximiser at fixed "
                 r"$p_{\max}$ (equality on two-level vectors; hypothesis tests).")
register(Result(
    key="ENT-A9", title="Grouping: H = h_b(p_max) + (1-p_max) H(q) <= h_b(p_max) + (1-p_max) ln(n-1)",
    title_tex=r"Grouping: $H = h_b(p_{\max}) + (1-p_{\max}) H(q) \le h_b(p_{\max}) + (1-p_{\max}) \ln(n-1)$",
    source="standard (grouping property of entropy)", statement=grouping_chain_rule, derive=_derive_a9,
    numeric=ne.softmax_entropy, certified=cs.entropy_definition,
    params=draw(s=s.score_vectors(1, 10, bound=6), lam=s.rationals(-4, 4, max_denominator=100)),
    examples=({"s": [0, 1, 2], "lam": 1}, {"s": [F(-7, 3), F(5, 2), 0, F(1, 9), 4], "lam": F(-3, 2)},
              {"s": [3, 0, 0, 0, 0, 0], "lam": F(1, 2)}),
    notes=_NOTES_ENT_A9,
))
