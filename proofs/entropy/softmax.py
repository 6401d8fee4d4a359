"""ENT-A1 ... ENT-A6: entropy of a scaled softmax, its derivatives, limits, bounds and cumulant expansion.

Symbolic proofs are for a *symbolic* number of scores n: the scores are an indexed family
:math:`S_1, \\dots, S_n` (real) and :math:`Z = \\sum_{i=1}^n e^{\\lambda S_i}` is an unevaluated SymPy ``Sum``,
so every step (``expand_log`` inside the sum, constants taken out of it, differentiation under it) holds
for every n.  The limits of ENT-A4 are proved for every vector with at most four scores below its
maximum (any multiplicity of the maximum, symbolic gaps).  Statements also accept an explicit score
vector ``s`` and scale ``lam`` (the numeric cross-check points).

Registers: ENT-A1, ENT-A2, ENT-A3, ENT-A3-INT, ENT-A4, ENT-A4-SHIFT, ENT-A4-SCALE, ENT-A5, ENT-A6.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from sympy import (Add, Derivative, Eq, Function, IndexedBase, Integral, Limit, Matrix, Sum, Symbol, exp, expand_log,
                   factor_terms, factorial, log, oo)

from numerics.entropy import certified_softmax as cs
from numerics.entropy import entropies as ne

from .closed_forms import real_arg, scores, softmax_entropy
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Step, register
from proofs.core.bibliography import SU_8823, SU_9034
from proofs.core.params import draw, s

__all__ = ["LAM", "NSYM", "SCORES", "entropy_of", "entropy_definition_expr", "tilted_mean", "tilted_variance"]

LAM = Symbol("lambda", real=True)
T = Symbol("t", real=True)
C = Symbol("c", real=True)
U = Symbol("u", real=True)
DELTA = Symbol("Delta", positive=True)
H = Symbol("H")
# the general case: n scores S_1..S_n (named S: the key "s" of a point holds an explicit vector)
NSYM = Symbol("n", integer=True, positive=True)
IDX = Symbol("i", integer=True, positive=True)
SCORES = IndexedBase("S", real=True)

F = Fraction
VECTORS: tuple[dict[str, Any], ...] = (  # pragma: no mutate (example score vectors: test data)
    {"s": [0, 1, 2], "lam": 1},
    {"s": [0, 1, 2], "lam": 2},
    {"s": [F(-7, 3), F(5, 2), 0, F(1, 9), 4, F(-11, 4), F(3, 7)], "lam": F(-3, 2)},
    {"s": [F((7 * i * i) % 23 - 11, 3) for i in range(40)], "lam": F(5, 4)},
    {"s": [0, 1, F(3, 2), 1], "lam": 25},
)


def _case(s: Any, lam: Any) -> tuple[list[Any] | None, Any]:
    """``(None, lam)`` for the general case (n symbolic scores) when ``s`` is None, else the validated
    explicit case."""
    lam_ = LAM if lam is None else real_arg(lam, "lam")
    return (None, lam_) if s is None else (scores(s), lam_)


def _total(s: list[Any] | None, term: Any) -> Any:
    """:math:`\\sum_i` term(:math:`s_i`): an unevaluated ``Sum`` over :math:`S_1..S_n` in the general case."""
    if s is None:
        return Sum(term(SCORES[IDX]), (IDX, 1, NSYM))
    return Add(*[term(v) for v in s])


def _size(s: list[Any] | None) -> Any:
    return NSYM if s is None else sympy.Integer(len(s))


def _weights(s: list[Any] | None, lam: Any) -> Any:
    """:math:`Z = \\sum_i e^{\\lambda s_i}`."""
    return _total(s, lambda v: exp(lam * v))


def _mean(s: list[Any] | None, lam: Any) -> Any:
    return _total(s, lambda v: v * exp(lam * v)) / _weights(s, lam)


def _variance(s: list[Any] | None, lam: Any) -> Any:
    return _total(s, lambda v: v**2 * exp(lam * v)) / _weights(s, lam) - _mean(s, lam) ** 2


def _entropy(s: list[Any] | None, lam: Any) -> Any:
    return log(_weights(s, lam)) - lam * _mean(s, lam)


def tilted_mean(s: list[Any] | None, lam: Any) -> Any:
    """:math:`E_p[s] = \\sum_i s_i e^{\\lambda s_i}/Z` (``s = None``: n symbolic scores, weights inside the sum)."""
    return _mean(s, lam) if s is not None else weighted(_mean(None, lam))


def tilted_variance(s: list[Any] | None, lam: Any) -> Any:
    """:math:`\\operatorname{Var}_p[s] = E_p[s^2] - E_p[s]^2` (``s = None``: n symbolic scores)."""
    return _variance(s, lam) if s is not None else weighted(_variance(None, lam))


def entropy_of(s: list[Any] | None, lam: Any) -> Any:
    """ENT-A1's closed form :math:`\\ln Z - \\lambda E_p[s]` (``s = None``: n symbolic scores)."""
    if s is not None:
        return softmax_entropy(s, lam)
    return weighted(_entropy(None, lam))


def _is_partition(e: Any) -> bool:
    """Whether ``e`` is a general partition function :math:`\\sum_i e^{(\\dots) S_i}`."""
    return isinstance(e, Sum) and e.function.func is exp


def weighted(expr: Any) -> Any:
    """``expr`` with every product :math:`(\\sum_i f_i)^k Z^{-k}` written :math:`(\\sum_i f_i/Z)^k`, i.e. with the
    weights :math:`p_i = e^{\\lambda S_i}/Z` inside the sums (:math:`E_p[s] = \\sum_i p_i S_i`).

    An exact rewriting (Z does not depend on the summation index).  General statements and derivations are
    both put in this form: SymPy's ``simplify`` fails (``StopIteration`` in ``sum_simplify``, SymPy 1.14) on
    a combination of :math:`\\log Z` and quotients of sums, which the check of a perturbed statement meets.
    """
    def rewrite(m: Any) -> Any:
        if not isinstance(m, sympy.Mul):
            return m
        parts = list(m.args)
        dens = [(i, a) for i, a in enumerate(parts) if isinstance(a, sympy.Pow) and _is_partition(a.base)
                and a.exp.is_Integer and a.exp < 0]
        if len(dens) != 1:
            return m
        at, den = dens[0]
        z, left = den.base, -int(den.exp)
        out = []
        for i, a in enumerate(parts):
            if i == at:
                continue
            base, power = (a.base, a.exp) if isinstance(a, sympy.Pow) else (a, sympy.Integer(1))
            if left and isinstance(base, Sum) and base != z and power.is_Integer and power > 0:
                used = min(int(power), left)
                left -= used
                out.append(Sum(base.function / z, *base.limits) ** used * base ** (int(power) - used))
            else:
                out.append(a)
        if left == -int(den.exp):
            return m
        return sympy.Mul(*out) * z ** (-left)

    return expr.replace(lambda e: isinstance(e, sympy.Mul), rewrite)


def entropy_definition_expr(s: list[Any] | None, lam: Any) -> Any:
    """:math:`-\\sum_i p_i\\ln p_i` with :math:`p_i = e^{\\lambda s_i}/Z` (unexpanded; ``s = None``: general n)."""
    z = _weights(s, lam)
    return -_total(s, lambda v: (exp(lam * v) / z) * log(exp(lam * v) / z))


def _expand_entropy(definition: Any) -> tuple[Any, Any]:
    """The definition with :math:`\\log p_i = \\lambda s_i - \\log Z` inside the sum, then split and with its
    constants (:math:`\\lambda`, :math:`\\log Z`, :math:`1/Z`) taken out of the sums."""
    # force=True: e^{lambda s_i} > 0 and Z > 0, so the logarithm of the quotient splits
    inside = expand_log(definition, force=True)
    return inside, factor_terms(sympy.expand(inside))


# --- ENT-A1 ----------------------------------------------------------------------------------


def entropy_formula(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A1: :math:`-\\sum p_i\\ln p_i = \\ln Z - \\lambda\\sum_i s_ip_i` (n symbolic scores by default)."""
    vec, lam_ = _case(s, lam)
    return Eq(H, entropy_of(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a1() -> Derivation:
    definition = entropy_definition_expr(None, LAM)
    inside, value = _expand_entropy(definition)
    value = weighted(value)
    return Derivation(
        Eq(H, value, evaluate=False),
        (
            Step(r"Definition, $p_i = e^{\lambda S_i}/Z$, $Z = \sum_{i=1}^n e^{\lambda S_i}$ (n symbolic)",
                 Eq(H, definition, evaluate=False)),
            Step(r"$\log p_i = \lambda S_i - \log Z$ inside the sum ($\text{expand\_log}$; $e^{\lambda S_i} > 0$, "
                 r"$Z > 0$)", Eq(H, inside, evaluate=False)),
            Step(r"The sum split and its constants $\lambda$, $\log Z$, $1/Z$ taken out ($\text{factor\_terms}$); "
                 r"$\sum_i e^{\lambda S_i}/Z = 1$; written with $p_i$ inside the remaining sum, "
                 r"$\sum_i p_i S_i = E_p[s]$", Eq(H, value, evaluate=False)),
        ),
    )


_NOTES_ENT_A1 = (r"Proved for a symbolic number $n$ of scores (sums over $i = 1..n$). Numeric route: the definition "
                 r"$-\sum p \ln p$ with $p$ from shifted exponentials (numerics.entropy).")
register(Result(
    key="ENT-A1", title="Entropy of a scaled softmax: H = ln Z - lambda E_p[s]",
    title_tex=r"Entropy of a scaled softmax: $H = \ln Z - \lambda E_p[s]$",
    source=f"{SU_8823} (first display); {SU_9034} eq. (2)", statement=entropy_formula, derive=_derive_a1,
    numeric=ne.entropy_definition, certified=cs.entropy_definition,
    params=draw(s=s.score_vectors(1, 12, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS,
    notes=_NOTES_ENT_A1,
))


# --- ENT-A2 ----------------------------------------------------------------------------------


def cumulant_structure(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A2: :math:`A' = E_p[s]`, :math:`A'' = \\operatorname{Var}_p[s]` for :math:`A = \\ln Z` (general n by default)."""
    vec, lam_ = _case(s, lam)
    a = log(_weights(vec, LAM))
    return Eq(
        Matrix([Derivative(a, LAM), Derivative(a, LAM, 2)]),
        Matrix([tilted_mean(vec, lam_), tilted_variance(vec, lam_)]),
        evaluate=False,
    )


@lru_cache(maxsize=None)
def _derive_a2() -> Derivation:
    a = log(_weights(None, LAM))
    got = Matrix([weighted(sympy.diff(a, LAM)), weighted(sympy.expand(sympy.diff(a, LAM, 2)))])
    return Derivation(
        Eq(Matrix([Derivative(a, LAM), Derivative(a, LAM, 2)]), got, evaluate=False),
        (Step(r"Differentiate $A = \log \sum_{i=1}^n e^{\lambda S_i}$ (under the sum, n symbolic; the weights "
              r"$p_i$ written inside the sums)", got),),
    )


_NOTES_ENT_A2 = (r"Proved for a symbolic number $n$ of scores. Convexity of $A$ ($A'' = \operatorname{Var}_p \ge 0$, "
                 r"strict unless all $s_i$ are equal) is tested with hypothesis.")
register(Result(
    key="ENT-A2", title="Log-partition cumulants: A' = E_p[s], A'' = Var_p[s] >= 0",
    title_tex=r"Log-partition cumulants: $A' = E_p[s]$, $A'' = \operatorname{Var}_p[s] \ge 0$",
    source="standard (exponential families)", statement=cumulant_structure,
    derive=_derive_a2, numeric=ne.log_partition_derivatives, certified=cs.log_partition_derivatives,
    params=draw(s=s.score_vectors(1, 8, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A2,
))


# --- ENT-A3 ----------------------------------------------------------------------------------


def entropy_derivative(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A3: :math:`dH/d\\lambda = -\\lambda\\operatorname{Var}_p[s]` (general n by default)."""
    vec, lam_ = _case(s, lam)
    return Eq(Derivative(H, LAM), -lam_ * tilted_variance(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a3() -> Derivation:
    got = weighted(sympy.expand(sympy.diff(_entropy(None, LAM), LAM)))
    return Derivation(
        Eq(Derivative(H, LAM), got, evaluate=False),
        (Step(r"Differentiate $H = \log Z - \lambda Z'/Z$ (ENT-A1) under the sums, n symbolic", got),),
    )


_NOTES_ENT_A3 = (r"Proved for a symbolic number $n$ of scores. Hence $H$ is non-increasing for $\lambda \ge 0$ and "
                 r"non-decreasing for $\lambda \le 0$ (hypothesis tests).")
register(Result(
    key="ENT-A3", title="Entropy derivative dH/dlambda = -lambda Var_p[s]",
    title_tex=r"Entropy derivative $dH/d\lambda = -\lambda \operatorname{Var}_p[s]$",
    source=f"standard exponential-family identity; {SU_8823} (qualitative consequence)",
    statement=entropy_derivative, derive=_derive_a3, numeric=ne.entropy_derivative,
    certified=cs.entropy_slope,
    params=draw(s=s.score_vectors(1, 8, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A3,
))


def entropy_integral_form(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A3: :math:`\\int_0^\\lambda t\\operatorname{Var}_{p_t}[s]\\,dt = \\ln n - H(\\lambda)` (general n by default)."""
    vec, lam_ = _case(s, lam)
    return Eq(
        Integral(T * tilted_variance(vec, T), (T, 0, lam_)),
        log(_size(vec)) - entropy_of(vec, lam_),
        evaluate=False,
    )


@lru_cache(maxsize=None)
def _derive_a3_int() -> Derivation:
    antiderivative = -_entropy(None, T)
    slope = sympy.diff(antiderivative, T)
    if not sympy.expand(slope - T * _variance(None, T)) == 0:  # pragma: no cover - proved by ENT-A3
        raise ValueError("-H(t) is not an antiderivative of t Var_t")
    slope = weighted(sympy.expand(slope))
    at_zero = antiderivative.subs(T, 0).doit()  # Z(0) = sum of n ones
    value = weighted(antiderivative.subs(T, LAM)) - at_zero
    return Derivation(
        Eq(Integral(T * tilted_variance(None, T), (T, 0, LAM)), value, evaluate=False),
        (
            Step(r"$d/dt\,(-H(t))$ computed under the sums: it is $t \operatorname{Var}_{p_t}[s]$ (ENT-A3)",
                 Eq(Derivative(-H, T), slope, evaluate=False)),
            Step(r"$-H(0)$: $Z(0) = \sum_{i=1}^n 1 = n$", Eq(-Symbol("H(0)"), at_zero, evaluate=False)),
            Step(r"Fundamental theorem of calculus: $-H(\lambda) + H(0)$", value),
        ),
    )


register(Result(
    key="ENT-A3-INT", title="Integral form H(lambda) = ln n - int_0^lambda t Var_t dt",
    title_tex=r"Integral form $H(\lambda) = \ln n - \int_0^\lambda t \operatorname{Var}_t\, dt$",
    source="standard exponential-family identity", statement=entropy_integral_form,
    derive=_derive_a3_int, numeric=ne.entropy_drop_quad, certified=cs.entropy_drop_integral,
    params=draw(s=s.score_vectors(1, 6, bound=4), lam=s.rationals(-4, 4, max_denominator=20)),
    examples=({"s": [0, 1, 2], "lam": F(1, 2)}, {"s": [0, 1, 2], "lam": 2},
              {"s": [F(-1, 2), 1, 3, 0], "lam": 7}),
    notes=(r"Proved for a symbolic number $n$ of scores. Numeric route: tanh-sinh quadrature of "
           r"$t \operatorname{Var}_{p_t}[s]$ over $[0, \lambda]$."),
))


# --- ENT-A4 ----------------------------------------------------------------------------------

LIMIT_VECTORS = ({"s": [0, 1, 1]}, {"s": [3, -1, 3, 0]}, {"s": [0, 2, 2, 2, 1]})  # pragma: no mutate (example vectors)
MULT = Symbol("m", integer=True, positive=True)  # multiplicity of the maximum


def _gaps(k: Any) -> tuple[Any, ...]:
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError(f"k (the number of scores below the maximum) must be an integer >= 0, got {k!r}")
    return sympy.symbols(f"g1:{k + 1}", positive=True) if k else ()


def _top_vector_entropy(k: int) -> Any:
    """H(lambda) of the scores (0 repeated m times, -g_1, ..., -g_k), written as sums with multiplicities."""
    g = _gaps(k)
    z = MULT + Add(*[exp(-LAM * gj) for gj in g])
    return log(z) - LAM * Add(*[-gj * exp(-LAM * gj) for gj in g]) / z


def entropy_limits(k: Any = None, s: Any = None) -> Eq:
    """ENT-A4: :math:`H(0) = \\ln n` and :math:`\\lim_{\\lambda\\to\\infty}H = \\ln m_{\\max}` (multiplicity of the maximum).

    With ``s``: that vector.  With ``k``: the scores :math:`(0^{\\times m}, -g_1, \\dots, -g_k)` (the maximum
    shifted to 0, ENT-A4-SHIFT), with symbolic multiplicity m and gaps :math:`g_j > 0`.
    """
    if s is None:
        h = _top_vector_entropy(2 if k is None else k)
        size, mult = MULT + len(_gaps(2 if k is None else k)), MULT
    else:
        vec = scores(s)
        top = sympy.Max(*vec)
        mult = sum(1 for v in vec if sympy.simplify(v - top) == 0)
        h, size = softmax_entropy(vec, LAM), len(vec)
    return Eq(
        Matrix([sympy.Subs(h, LAM, 0), Limit(h, LAM, oo)]), Matrix([log(size), log(mult)]), evaluate=False
    )


@lru_cache(maxsize=None)
def _derive_a4(k: int) -> Derivation:
    h = _top_vector_entropy(k)
    got = Matrix([sympy.simplify(h.subs(LAM, 0)), sympy.limit(h, LAM, oo)])
    g = Symbol("g", positive=True)
    each = Matrix([sympy.limit(exp(-LAM * g), LAM, oo), sympy.limit(LAM * g * exp(-LAM * g), LAM, oo)])
    return Derivation(
        Eq(Matrix([sympy.Subs(h, LAM, 0), Limit(h, LAM, oo)]), got, evaluate=False),
        (
            Step(r"Scores $(0, \ldots, 0, -g_1, \ldots, -g_k)$, the maximum 0 with multiplicity $m$ (ENT-A4-SHIFT "
                 r"moves any maximum to 0): $H = \log Z - \lambda Z'/Z$", Eq(H, h, evaluate=False)),
            Step(r"$\lambda = 0$ substituted; sympy.limit as $\lambda \to \infty$", got),
            Step(r"Every gap's two terms vanish: $e^{-\lambda g} \to 0$, $\lambda g e^{-\lambda g} \to 0$ ($g > 0$), "
                 r"which is why the limit does not depend on $k$", each),
        ),
    )


def _limit_rows(s: Any, dps: int) -> list[tuple[Any, Any]]:
    """ENT-A4's convergence table: ``[(N, [H(0), H(ln N)])]`` for N = 10^2, 10^4, ..., 10^12 (stable entropy).

    The remainder falls like :math:`(1 + \\lambda g) e^{-\\lambda g}`: exponentially in :math:`\\lambda`, so the
    table is indexed by :math:`N = e^{\\lambda}`, in which it is a power law.
    """
    rows = []
    for k in (2, 4, 6, 8, 10, 12):
        with mpmath.workdps(dps + 10):
            lam = mpmath.log(mpmath.mpf(10) ** k)
        rows.append((10**k, [ne.softmax_entropy(s, 0, dps=dps), ne.softmax_entropy(s, lam, dps=dps)]))
    return rows


_NOTES_ENT_A4 = (r"Proved for every vector with $k \le 4$ scores below its maximum, for symbolic multiplicity $m$ of "
                 r"the maximum and symbolic gaps; every further gap adds two terms that vanish (last step), so "
                 r"the limit is $\log m$ for every $k$. Numeric route: the stable entropy at $\lambda = 0$ and at a "
                 r"$\lambda$ with $e^{-\lambda g_{\min}} = 10^{-3(\mathrm{dps}+10)}$, where the remainder, at most "
                 r"$n (1 + \lambda g_{\max}) e^{-\lambda g_{\min}}$, is far below the working precision "
                 r"($1.39 \times 10^{-85}$ at $\lambda = 200$ for $(0,1,1)$); the approach itself is the convergence "
                 r"table, in $N = e^{\lambda}$ (the remainder is exponential in $\lambda$). $0 \le H \le \ln n$ is "
                 r"tested with hypothesis.")
register(Result(
    key="ENT-A4", title="Limits: H(0) = ln n, H(oo) = ln(multiplicity of s_max)",
    title_tex=r"Limits: $H(0) = \ln n$, $H(\infty) = \ln(\text{multiplicity of } s_{\max})$",
    source=f"standard; {SU_9034} (scale argument)", statement=entropy_limits,
    derive=_derive_a4, numeric=ne.entropy_at_zero_and_infinity,
    params=draw(s=s.score_vectors(1, 10, bound=6)),
    examples=LIMIT_VECTORS, bound=Bound("k", 0, 4), display={"k": 2},
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_limit_rows, quantity=r"$[H(0), H(\lambda)]$ at $\lambda = \ln N$ ($N$ in the first column)"),
    notes=_NOTES_ENT_A4,
))


def shift_invariance(s: Any = None, lam: Any = None, c: Any = None) -> Eq:
    """ENT-A4: :math:`H(\\lambda; s + c\\mathbf 1) = H(\\lambda; s)` (general n by default)."""
    vec, lam_ = _case(s, lam)
    return Eq(Function("H")(lam_, C), entropy_of(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_shift() -> Derivation:
    shifted = log(_total(None, lambda v: exp(LAM * (v + C)))) - LAM * _total(
        None, lambda v: (v + C) * exp(LAM * (v + C))) / _total(None, lambda v: exp(LAM * (v + C)))
    factored = factor_terms(sympy.expand(shifted, power_exp=True, mul=True))
    value = weighted(expand_log(factored, force=True))  # log(e^{lambda c} Z) = lambda c + log Z
    return Derivation(
        Eq(Function("H")(LAM, C), value, evaluate=False),
        (
            Step(r"Entropy of the shifted scores $S_i + c$ (n symbolic)", shifted),
            Step(r"$e^{\lambda (S_i + c)} = e^{\lambda c} e^{\lambda S_i}$: the common factor leaves the sums "
                 r"($\text{factor\_terms}$)", factored),
            Step(r"$\log(e^{\lambda c} Z) = \lambda c + \log Z$: $\lambda c$ cancels (weights $p_i$ written inside "
                 r"the sum)", value),
        ),
    )


def _shifted_entropy(s: Any, lam: Any, c: Any, dps: int) -> Any:
    """ENT-A4-SHIFT's numeric route: the stable entropy of the scores shifted by c (exactly, as Fractions)."""
    return ne.softmax_entropy([v + Fraction(c) for v in map(Fraction, s)], lam, dps=dps)


register(Result(
    key="ENT-A4-SHIFT", title="Shift invariance H(lambda; s + c) = H(lambda; s)",
    title_tex=r"Shift invariance $H(\lambda; s + c) = H(\lambda; s)$", source="standard",
    statement=shift_invariance, derive=_derive_shift, numeric=_shifted_entropy, certified=cs.shifted_entropy,
    params=draw(s=s.score_vectors(1, 10, bound=6), lam=s.rationals(-5, 5, max_denominator=100),
                c=s.rationals(-10, 10, max_denominator=100)),
    examples=({"s": [0, 1, 2], "lam": 1, "c": 5},
              {"s": [F(1, 3), -2, 4, F(7, 5)], "lam": F(-7, 4), "c": F(-22, 7)}),
    notes=(r"Proved for a symbolic number $n$ of scores. Numeric route: the stable entropy of the shifted scores "
           r"against the closed form at the unshifted ones."),
))


def scale_covariance(s: Any = None, lam: Any = None, a: Any = None) -> Eq:
    """ENT-A4: :math:`H(\\lambda; a s) = H(a\\lambda; s)` for every real a (general n by default)."""
    vec, lam_ = _case(s, lam)
    a_ = Symbol("a", real=True) if a is None else real_arg(a, "a")
    return Eq(Function("H")(lam_, Symbol("a", real=True)), entropy_of(vec, a_ * lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_scale() -> Derivation:
    a = Symbol("a", real=True)
    scaled = log(_total(None, lambda v: exp(LAM * a * v))) - LAM * _total(
        None, lambda v: a * v * exp(LAM * a * v)) / _total(None, lambda v: exp(LAM * a * v))
    value = weighted(factor_terms(scaled))
    return Derivation(
        Eq(Function("H")(LAM, a), value, evaluate=False),
        (
            Step(r"Entropy of the scaled scores $a S_i$ (n symbolic)", scaled),
            Step(r"The constant $a$ taken out of the sum: only the products $\lambda a S_i$ occur", value),
        ),
    )


def _scaled_entropy(s: Any, lam: Any, a: Any, dps: int) -> Any:
    """ENT-A4-SCALE's numeric route: the stable entropy of the scores scaled by a (exactly, as Fractions)."""
    return ne.softmax_entropy([Fraction(a) * Fraction(v) for v in s], lam, dps=dps)


register(Result(
    key="ENT-A4-SCALE", title="Scale covariance H(lambda; a s) = H(a lambda; s)",
    title_tex=r"Scale covariance $H(\lambda; a s) = H(a \lambda; s)$",
    source=f"{SU_9034} (scores proportional to d imply lambda proportional to 1/d)",
    statement=scale_covariance, derive=_derive_scale, numeric=_scaled_entropy, certified=cs.scaled_entropy,
    params=draw(s=s.score_vectors(1, 10, bound=6), lam=s.rationals(-3, 3, max_denominator=100),
                a=s.rationals(-3, 3, max_denominator=100)),
    examples=({"s": [0, 1, 2], "lam": 1, "a": -1},
              {"s": [F(1, 3), -2, 4, F(7, 5)], "lam": F(3, 4), "a": F(9, 2)}),
    notes=(r"Proved for a symbolic number $n$ of scores. So $H$ depends on $\lambda$ and $s$ only through "
           r"$\lambda (s - \operatorname{mean}(s))$."),
))


# --- ENT-A5 ----------------------------------------------------------------------------------

KK = Symbol("k", integer=True, positive=True)
KAPPA = IndexedBase("kappa", real=True)


def _cumulants(vec: list[Any], top: int) -> list[Any]:
    """Cumulants of the uniform law on the multiset ``vec`` from its raw moments (recursion)."""
    n = len(vec)
    mom = [Add(*[v**k for v in vec]) / n for k in range(top + 1)]
    kap = [sympy.Integer(0)] * (top + 1)
    for k in range(1, top + 1):
        kap[k] = sympy.expand(
            mom[k] - Add(*[sympy.binomial(k - 1, j - 1) * kap[j] * mom[k - j] for j in range(1, k)])
        )
    return kap


def cumulant_expansion(s: Any = None, order: int = 6) -> Eq:
    """ENT-A5: Taylor coefficients of H at 0: :math:`h_0 = \\ln n`, :math:`h_k = -(k-1)\\kappa_k/k!` (k >= 1).

    Without ``s``: the coefficient of :math:`\\lambda^k` for symbolic k and cumulants :math:`\\kappa_k`.  With
    ``s``: ``[h_0, ..., h_order]`` for that vector, its cumulants computed from its moments.
    """
    if s is None:
        return Eq(Matrix([Symbol("h_0"), Symbol("h_k")]),
                  Matrix([log(NSYM), -(KK - 1) * KAPPA[KK] / factorial(KK)]), evaluate=False)
    vec = scores(s)
    kap = _cumulants(vec, order)
    coeffs = [log(len(vec)), sympy.Integer(0)] + [
        -(k - 1) * kap[k] / sympy.factorial(k) for k in range(2, order + 1)
    ]
    lhs = Matrix([Symbol(f"h_{k}") for k in range(order + 1)])
    return Eq(lhs, Matrix(coeffs), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a5() -> Derivation:
    z = _weights(None, LAM)
    a = log(z)
    h = a - LAM * sympy.diff(a, LAM)  # = log Z - lambda Z'/Z: ENT-A1's closed form
    if not sympy.expand(weighted(h) - entropy_of(None, LAM)) == 0:  # pragma: no cover - a structural identity
        raise ValueError("H = A - lambda A' failed")
    term = KAPPA[KK] * LAM**KK / factorial(KK)
    cgf = log(NSYM) + Sum(term, (KK, 1, oo))
    # A - lambda A' on the power series: the constant ln n stays, each term k picks up the factor (1 - k)
    h0 = log(NSYM) - LAM * sympy.diff(log(NSYM), LAM)
    hk = sympy.factor(sympy.simplify((term - LAM * sympy.diff(term, LAM)) / LAM**KK))
    value = Matrix([h0, hk])
    return Derivation(
        Eq(Matrix([Symbol("h_0"), Symbol("h_k")]), value, evaluate=False),
        (
            Step(r"ENT-A1 as $H = A - \lambda A'$, $A = \log Z$ (computed from the sums, n symbolic)",
                 Eq(H, h, evaluate=False)),
            Step(r"$A(\lambda) = \log n + K(\lambda)$ with $K$ the cumulant generating function of the uniform law "
                 r"on the scores, analytic at 0 ($Z$ is entire, $Z(0) = n > 0$)", Eq(Symbol("A"), cgf)),
            Step(r"Term by term, $\kappa_k \lambda^k/k! - \lambda\, d/d\lambda(\kappa_k \lambda^k/k!)$ over "
                 r"$\lambda^k$, and the constant term", value),
        ),
    )


def _taylor_numeric(s: Any, dps: int) -> Any:
    """ENT-A5's numeric route: mp.taylor of the stable entropy (7 coefficients)."""
    return ne.entropy_taylor(s, 6, dps=dps)


_NOTES_ENT_A5 = (r"Proved for every $k$ and every law of the scores (symbolic $k$, cumulants $\kappa_k$). At an explicit "
                 r"vector the closed form takes its cumulants from its moments ($s = (0,1,3,4,7)$: "
                 r"$\kappa_2, \ldots, \kappa_6 = 6, 6, -186/5, -210, 726$). Numeric route: mp.taylor of the stable "
                 r"entropy (numerical differentiation; loss 7 digits allowed for the 6th derivative).")
register(Result(
    key="ENT-A5", title="Small-scale cumulant expansion H = ln n - sum (k-1) kappa_k lambda^k / k!",
    title_tex=r"Small-scale cumulant expansion $H = \ln n - \sum (k-1) \kappa_k \lambda^k / k!$",
    source="project derivation (standard cumulant algebra)", statement=cumulant_expansion, derive=_derive_a5,
    numeric=_taylor_numeric, certified=cs.entropy_taylor, params=draw(s=s.score_vectors(1, 6, bound=3)),
    examples=({"s": [0, 1, 3, 4, 7]}, {"s": [0, 1, 2]}), loss=7,
    notes=_NOTES_ENT_A5,
))


# --- ENT-A6 ----------------------------------------------------------------------------------

SMAX = Symbol("M", real=True)


def jensen_slack(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A6: :math:`H - [\\ln n - \\lambda(s_{\\max} - \\bar s)] = [\\ln\\overline{e^{\\lambda s}} - \\lambda\\bar s] + \\lambda[s_{\\max} - E_p s]`.

    Symbolically the identity is proved for n symbolic scores with a free symbol M in place of
    s_max (it is linear in M, so it holds for M = s_max); the two brackets are >= 0 for lambda >= 0.
    """
    vec, lam_ = _case(s, lam)
    n = _size(vec)
    top = SMAX if vec is None else sympy.Max(*vec)
    mean = _total(vec, lambda v: v) / n
    jensen = log(_weights(vec, lam_) / n) - lam_ * mean
    return Eq(Symbol("slack"), jensen + lam_ * (top - tilted_mean(vec, lam_)), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a6() -> Derivation:
    mean = _total(None, lambda v: v) / NSYM
    bound = log(NSYM) - LAM * (SMAX - mean)
    _, h = _expand_entropy(entropy_definition_expr(None, LAM))
    value = weighted(sympy.expand(h - bound))
    z = _weights(None, LAM)
    second = Sum(exp(LAM * SCORES[IDX]) / z * (SMAX - SCORES[IDX]), (IDX, 1, NSYM))
    first = Sum(LAM * (SCORES[IDX] - mean), (IDX, 1, NSYM))
    return Derivation(
        Eq(Symbol("slack"), value, evaluate=False),
        (
            Step(r"$\mathrm{slack} = -\sum_i p_i \log p_i - (\log n - \lambda (M - \operatorname{mean}))$, the "
                 r"entropy expanded as in ENT-A1 (n symbolic)", value),
            Step(r"Second bracket: $M - E_p s = \sum_i p_i (M - S_i)$, a sum of terms $\ge 0$ when $M = s_{\max}$",
                 Eq(second, factor_terms(sympy.expand(second)), evaluate=False)),
            Step(r"First bracket: $\sum_i \lambda (S_i - \operatorname{mean}) = 0$, so with $e^y \ge 1 + y$, "
                 r"$\frac1n \sum_i e^{\lambda (S_i - \mathrm{mean})} \ge 1$ and the bracket is $\ge 0$",
                 Eq(first, factor_terms(sympy.expand(first)).doit(), evaluate=False)),
        ),
    )


_NOTES_ENT_A6 = (r"The decomposition is proved for a symbolic number $n$ of scores; both slack terms are $\ge 0$ for "
                 r"$\lambda \ge 0$ (the last two steps), so Su-9034's 'approximation' is a lower bound. Corollary: "
                 r"$H(\lambda) \le H_0$ implies $\lambda \ge (\ln n - H_0)/(s_{\max} - \operatorname{mean})$. Signs and "
                 r"corollary are also tested with hypothesis (500 examples).")
register(Result(
    key="ENT-A6", title="Jensen lower bound H >= ln n - lambda (s_max - mean s): slack decomposition",
    title_tex=r"Jensen lower bound $H \ge \ln n - \lambda (s_{\max} - \operatorname{mean} s)$: slack "
    r"decomposition",
    source=f"{SU_9034} (the approximation); the bound and its proof are project derivations",
    statement=jensen_slack, derive=_derive_a6, numeric=ne.entropy_minus_lower_bound,
    certified=cs.entropy_slack,
    params=draw(s=s.score_vectors(1, 10, bound=6), lam=s.rationals(-4, 4, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A6,
))
