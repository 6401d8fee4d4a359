"""ENT-A1 ... ENT-A9: entropy of a scaled softmax, its derivatives, limits, bounds and the two-level model.

Symbolic proofs use real symbols :math:`s_1, s_2, s_3, \\lambda` (n = 3, as the spec
asks) or a symbolic ``n`` (two-level model); statements also accept an explicit
score vector ``s`` and scale ``lam`` (the numeric cross-check points, n up to 40).

Registers: ENT-A1, ENT-A2, ENT-A3, ENT-A3-INT, ENT-A4, ENT-A4-SHIFT, ENT-A4-SCALE, ENT-A5, ENT-A6.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache, partial
from typing import Any

import sympy
from sympy import Add, Derivative, Eq, Function, Integral, Limit, Matrix, Symbol, exp, expand_log, log, oo

from numerics.entropy import entropies as ne

from .closed_forms import real_arg, scores, softmax_entropy
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import SU_8823, SU_9034
from proofs.core.params import draw, s

__all__ = ["LAM", "S3", "entropy_definition_expr", "tilted_mean", "tilted_variance"]

LAM = Symbol("lambda", real=True)
T = Symbol("t", real=True)
S3 = sympy.symbols("s1:4", real=True)
C = Symbol("c", real=True)
U = Symbol("u", real=True)
DELTA = Symbol("Delta", positive=True)
N = Symbol("n", integer=True, positive=True)
H = Symbol("H")

F = Fraction
VECTORS: tuple[dict[str, Any], ...] = (  # pragma: no mutate (example score vectors: test data)
    {"s": [0, 1, 2], "lam": 1},
    {"s": [0, 1, 2], "lam": 2},
    {"s": [F(-7, 3), F(5, 2), 0, F(1, 9), 4, F(-11, 4), F(3, 7)], "lam": F(-3, 2)},
    {"s": [F((7 * i * i) % 23 - 11, 3) for i in range(40)], "lam": F(5, 4)},
    {"s": [0, 1, F(3, 2), 1], "lam": 25},
)


def _case(s: Any, lam: Any) -> tuple[list[Any], Any]:
    """Symbolic n = 3 case when ``s`` is None, else the validated explicit case."""
    if s is None:
        return list(S3), LAM if lam is None else real_arg(lam, "lam")
    return scores(s), LAM if lam is None else real_arg(lam, "lam")


def _weights(s: list[Any], lam: Any) -> tuple[list[Any], Any]:
    w = [exp(lam * v) for v in s]
    return w, Add(*w)


def tilted_mean(s: list[Any], lam: Any) -> Any:
    """:math:`E_p[s] = \\sum_i s_i e^{\\lambda s_i}/Z`."""
    w, z = _weights(s, lam)
    return Add(*[v * wi for v, wi in zip(s, w)]) / z


def tilted_variance(s: list[Any], lam: Any) -> Any:
    """:math:`\\operatorname{Var}_p[s] = E_p[s^2] - E_p[s]^2`."""
    w, z = _weights(s, lam)
    return Add(*[v**2 * wi for v, wi in zip(s, w)]) / z - tilted_mean(s, lam) ** 2


def entropy_definition_expr(s: list[Any], lam: Any) -> Any:
    """:math:`-\\sum_i p_i\\ln p_i` with :math:`p_i = e^{\\lambda s_i}/Z` (unexpanded)."""
    w, z = _weights(s, lam)
    return -Add(*[(wi / z) * log(wi / z) for wi in w])


# --- ENT-A1 ----------------------------------------------------------------------------------


def entropy_formula(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A1: :math:`-\\sum p_i\\ln p_i = \\ln Z - \\lambda\\sum_i s_ip_i` (n = 3 symbolic by default)."""
    vec, lam_ = _case(s, lam)
    return Eq(H, softmax_entropy(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a1() -> Derivation:
    vec = list(S3)
    definition = entropy_definition_expr(vec, LAM)
    expanded = expand_log(definition, force=True)
    return Derivation(
        Eq(H, expanded, evaluate=False),
        (
            Step(r"Definition, $p_i = e^{\lambda s_i}/Z$", Eq(H, definition, evaluate=False)),
            Step(r"$\log p_i = \lambda s_i - \log Z$ ($\text{expand\_log}$)", Eq(H, expanded, evaluate=False)),
        ),
    )


_NOTES_ENT_A1 = (r"Numeric route: the definition $-\sum p \ln p$ with $p$ from shifted exponentials "
                 r"(numerics.entropy).")
register(Result(
    key="ENT-A1", title="Entropy of a scaled softmax: H = ln Z - lambda E_p[s]",
    title_tex=r"Entropy of a scaled softmax: $H = \ln Z - \lambda E_p[s]$",
    source=f"{SU_8823} (first display); {SU_9034} eq. (2)", statement=entropy_formula, derive=_derive_a1,
    numeric=ne.entropy_definition,
    params=draw(s=s.score_vectors(1, 12, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS,
    notes=_NOTES_ENT_A1,
))


# --- ENT-A2 ----------------------------------------------------------------------------------


def cumulant_structure(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A2: :math:`A' = E_p[s]`, :math:`A'' = \\operatorname{Var}_p[s]` for :math:`A = \\ln Z`."""
    vec, lam_ = _case(s, lam)
    a = log(_weights(vec, LAM)[1])
    return Eq(
        Matrix([Derivative(a, LAM), Derivative(a, LAM, 2)]),
        Matrix([tilted_mean(vec, lam_), tilted_variance(vec, lam_)]),
        evaluate=False,
    )


def _derive_a2(s: Any = None, lam: Any = None) -> Derivation:
    vec, lam_ = _case(s, lam)
    a = log(_weights(vec, LAM)[1])
    got = Matrix([sympy.diff(a, LAM), sympy.diff(a, LAM, 2)]).subs(LAM, lam_)
    return Derivation(
        Eq(Matrix([Derivative(a, LAM), Derivative(a, LAM, 2)]), got, evaluate=False),
        (Step(r"Differentiate $A = \log Z$", got),),
    )


_NOTES_ENT_A2 = (r"Convexity of $A$ ($A'' = \operatorname{Var}_p \ge 0$, strict unless all $s_i$ are equal) is "
                 r"tested with hypothesis.")
register(Result(
    key="ENT-A2", title="Log-partition cumulants: A' = E_p[s], A'' = Var_p[s] >= 0",
    title_tex=r"Log-partition cumulants: $A' = E_p[s]$, $A'' = \operatorname{Var}_p[s] \ge 0$",
    source="standard (exponential families)", statement=cumulant_structure,
    derive=lru_cache(maxsize=None)(_derive_a2), numeric=ne.log_partition_derivatives,
    params=draw(s=s.score_vectors(1, 8, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A2,
))


# --- ENT-A3 ----------------------------------------------------------------------------------


def entropy_derivative(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A3: :math:`dH/d\\lambda = -\\lambda\\operatorname{Var}_p[s]`."""
    vec, lam_ = _case(s, lam)
    return Eq(Derivative(H, LAM), -lam_ * tilted_variance(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a3() -> Derivation:
    vec = list(S3)
    got = sympy.diff(softmax_entropy(vec, LAM), LAM)
    return Derivation(
        Eq(Derivative(H, LAM), got, evaluate=False), (Step(r"Differentiate $H = \log Z - \lambda Z'/Z$", got),)
    )


_NOTES_ENT_A3 = (r"Hence $H$ is non-increasing for $\lambda \ge 0$ and non-decreasing for $\lambda \le 0$ "
                 r"(hypothesis tests).")
register(Result(
    key="ENT-A3", title="Entropy derivative dH/dlambda = -lambda Var_p[s]",
    title_tex=r"Entropy derivative $dH/d\lambda = -\lambda \operatorname{Var}_p[s]$",
    source=f"standard exponential-family identity; {SU_8823} (qualitative consequence)",
    statement=entropy_derivative, derive=_derive_a3, numeric=ne.entropy_derivative,
    params=draw(s=s.score_vectors(1, 8, bound=8), lam=s.rationals(-5, 5, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A3,
))


def entropy_integral_form(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A3: :math:`\\int_0^\\lambda t\\operatorname{Var}_{p_t}[s]\\,dt = \\ln n - H(\\lambda)`."""
    vec, lam_ = _case(s, lam)
    return Eq(
        Integral(T * tilted_variance(vec, T), (T, 0, lam_)),
        log(len(vec)) - softmax_entropy(vec, lam_),
        evaluate=False,
    )


def _derive_a3_int(s: Any = None, lam: Any = None) -> Derivation:
    vec, lam_ = _case(s, lam)
    antiderivative = -softmax_entropy(vec, T)
    check = sympy.simplify(sympy.diff(antiderivative, T) - T * tilted_variance(vec, T))
    if check != 0:  # pragma: no cover - guarded by ENT-A3
        raise ValueError("-H(t) is not an antiderivative of t Var_t")
    value = antiderivative.subs(T, lam_) - sympy.simplify(antiderivative.subs(T, 0))
    return Derivation(
        Eq(Integral(T * tilted_variance(vec, T), (T, 0, lam_)), value, evaluate=False),
        (
            Step(
                r"By ENT-A3, $d/dt\,(-H(t)) = t \operatorname{Var}_t$, checked by simplify",
                Eq(sympy.Derivative(-H, T), T * Symbol("Var_t")),
            ),
            Step(r"Fundamental theorem of calculus, $H(0) = \log n$", value),
        ),
    )


register(Result(
    key="ENT-A3-INT", title="Integral form H(lambda) = ln n - int_0^lambda t Var_t dt",
    title_tex=r"Integral form $H(\lambda) = \ln n - \int_0^\lambda t \operatorname{Var}_t\, dt$",
    source="standard exponential-family identity", statement=entropy_integral_form,
    derive=lru_cache(maxsize=None)(_derive_a3_int), numeric=ne.entropy_drop_quad,
    examples=({"s": [0, 1, 2], "lam": F(1, 2)}, {"s": [0, 1, 2], "lam": 2},
              {"s": [F(-1, 2), 1, 3, 0], "lam": 7}),
    notes=r"Numeric route: tanh-sinh quadrature of $t \operatorname{Var}_{p_t}[s]$ over $[0, \lambda]$.",
))


# --- ENT-A4 ----------------------------------------------------------------------------------

LIMIT_VECTORS = ({"s": [0, 1, 1]}, {"s": [3, -1, 3, 0]}, {"s": [0, 2, 2, 2, 1]})  # pragma: no mutate (example vectors)


def entropy_limits(s: Any = (0, 1, 1)) -> Eq:
    """ENT-A4: :math:`H(0) = \\ln n` and :math:`\\lim_{\\lambda\\to\\infty}H = \\ln m_{\\max}` (multiplicity of the maximum)."""
    vec = scores(s)
    top = sympy.Max(*vec)
    mult = sum(1 for v in vec if sympy.simplify(v - top) == 0)
    h = softmax_entropy(vec, LAM)
    return Eq(
        Matrix([sympy.Subs(h, LAM, 0), Limit(h, LAM, oo)]), Matrix([log(len(vec)), log(mult)]), evaluate=False
    )


def _derive_a4(s: Any = (0, 1, 1)) -> Derivation:
    vec = scores(s)
    h = softmax_entropy(vec, LAM)
    got = Matrix([sympy.simplify(h.subs(LAM, 0)), sympy.limit(h, LAM, oo)])
    return Derivation(
        Eq(Matrix([sympy.Subs(h, LAM, 0), Limit(h, LAM, oo)]), got, evaluate=False),
        (Step(r"Substitute $\lambda = 0$; sympy.limit as $\lambda \to \infty$", got),),
    )


_NOTES_ENT_A4 = (r"Symbolic proof for $s = (0, 1, 1)$ (limit $\log 2$); the numeric limit is an evaluation at a "
                 r"$\lambda$ chosen so that the remainder ($1.39 \times 10^{-85}$ at $\lambda = 200$ for $(0,1,1)$) is "
                 r"below the precision; $0 \le H \le \ln n$ is tested with hypothesis.")
register(Result(
    key="ENT-A4", title="Limits: H(0) = ln n, H(oo) = ln(multiplicity of s_max)",
    title_tex=r"Limits: $H(0) = \ln n$, $H(\infty) = \ln(\text{multiplicity of } s_{\max})$",
    source=f"standard; {SU_9034} (scale argument)", statement=entropy_limits,
    derive=lru_cache(maxsize=None)(_derive_a4), numeric=ne.entropy_at_zero_and_infinity,
    examples=LIMIT_VECTORS,
    notes=_NOTES_ENT_A4,
))


def shift_invariance(s: Any = None, lam: Any = None, c: Any = None) -> Eq:
    """ENT-A4: :math:`H(\\lambda; s + c\\mathbf 1) = H(\\lambda; s)`."""
    vec, lam_ = _case(s, lam)
    return Eq(Function("H")(lam_, C), softmax_entropy(vec, lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_shift() -> Derivation:
    vec = list(S3)
    shifted = softmax_entropy([v + C for v in vec], LAM)  # pragma: no mutate (a shift by -C is a shift too)
    factored = expand_log(sympy.expand(shifted, power_exp=True, mul=False, multinomial=False), force=True)
    value = sympy.cancel(sympy.expand(factored))
    return Derivation(
        Eq(Function("H")(LAM, C), value, evaluate=False),
        (
            Step("Entropy of the shifted scores", shifted),
            Step(r"$\exp(\lambda (s_i + c)) = \exp(\lambda c) \exp(\lambda s_i)$; the common factor cancels", value),
        ),
    )


def _shifted_entropy(s: Any, lam: Any, c: Any, dps: int) -> Any:
    """ENT-A4-SHIFT's numeric route: the stable entropy of the scores shifted by c (exactly, as Fractions)."""
    return ne.softmax_entropy([v + Fraction(c) for v in map(Fraction, s)], lam, dps=dps)


register(Result(
    key="ENT-A4-SHIFT", title="Shift invariance H(lambda; s + c) = H(lambda; s)",
    title_tex=r"Shift invariance $H(\lambda; s + c) = H(\lambda; s)$", source="standard",
    statement=shift_invariance, derive=_derive_shift, numeric=_shifted_entropy,
    examples=({"s": [0, 1, 2], "lam": 1, "c": 5},
              {"s": [F(1, 3), -2, 4, F(7, 5)], "lam": F(-7, 4), "c": F(-22, 7)}),
))


def scale_covariance(s: Any = None, lam: Any = None, a: Any = None) -> Eq:
    """ENT-A4: :math:`H(\\lambda; a s) = H(a\\lambda; s)` for every real a."""
    vec, lam_ = _case(s, lam)
    a_ = Symbol("a", real=True) if a is None else real_arg(a, "a")
    return Eq(Function("H")(lam_, Symbol("a", real=True)), softmax_entropy(vec, a_ * lam_), evaluate=False)


@lru_cache(maxsize=None)
def _derive_scale() -> Derivation:
    a = Symbol("a", real=True)
    value = softmax_entropy([a * v for v in S3], LAM)
    return Derivation(
        Eq(Function("H")(LAM, a), value, evaluate=False),
        (Step(r"Entropy of the scaled scores $a s$: only the products $\lambda a s_i$ occur", value),),
    )


def _scaled_entropy(s: Any, lam: Any, a: Any, dps: int) -> Any:
    """ENT-A4-SCALE's numeric route: the stable entropy of the scores scaled by a (exactly, as Fractions)."""
    return ne.softmax_entropy([Fraction(a) * Fraction(v) for v in s], lam, dps=dps)


register(Result(
    key="ENT-A4-SCALE", title="Scale covariance H(lambda; a s) = H(a lambda; s)",
    title_tex=r"Scale covariance $H(\lambda; a s) = H(a \lambda; s)$",
    source=f"{SU_9034} (scores proportional to d imply lambda proportional to 1/d)",
    statement=scale_covariance, derive=_derive_scale, numeric=_scaled_entropy,
    examples=({"s": [0, 1, 2], "lam": 1, "a": -1},
              {"s": [F(1, 3), -2, 4, F(7, 5)], "lam": F(3, 4), "a": F(9, 2)}),
    notes=r"So $H$ depends on $\lambda$ and $s$ only through $\lambda (s - \operatorname{mean}(s))$.",
))


# --- ENT-A5 ----------------------------------------------------------------------------------


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


def cumulant_expansion(s: Any = (0, 1, 3, 4, 7), order: int = 6) -> Eq:
    """ENT-A5: Taylor coefficients of H at 0: :math:`[\\ln n, 0, -(k-1)\\kappa_k/k!]_{k \\ge 2}`."""
    vec = scores(s)
    kap = _cumulants(vec, order)
    coeffs = [log(len(vec)), sympy.Integer(0)] + [
        -(k - 1) * kap[k] / sympy.factorial(k) for k in range(2, order + 1)
    ]
    lhs = Matrix([Symbol(f"h_{k}") for k in range(order + 1)])
    return Eq(lhs, Matrix(coeffs), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a5(s: tuple[Any, ...] = (0, 1, 3, 4, 7), order: int = 6) -> Derivation:
    vec = scores(s)
    ser = sympy.series(softmax_entropy(vec, LAM), LAM, 0, order + 1).removeO()
    coeffs = [ser.coeff(LAM, k) for k in range(order + 1)]
    lhs = Matrix([Symbol(f"h_{k}") for k in range(order + 1)])
    return Derivation(Eq(lhs, Matrix(coeffs), evaluate=False), (Step(r"$\operatorname{series}(H, \lambda, 0, 7)$", ser),))


_NOTES_ENT_A5 = (r"Symbolic proof for $s = (0,1,3,4,7)$: $\kappa_2, \ldots, \kappa_6 = 6, 6, -186/5, -210, 726$. "
                 r"Numeric route: mp.taylor of the stable entropy (numerical differentiation; loss 7 digits allowed for "
                 r"the 6th derivative).")
register(Result(
    key="ENT-A5", title="Small-scale cumulant expansion H = ln n - sum (k-1) kappa_k lambda^k / k!",
    title_tex=r"Small-scale cumulant expansion $H = \ln n - \sum (k-1) \kappa_k \lambda^k / k!$",
    source="project derivation (standard cumulant algebra)", statement=cumulant_expansion, derive=_derive_a5,
    numeric=partial(ne.entropy_taylor, order=6), examples=({"s": [0, 1, 3, 4, 7]}, {"s": [0, 1, 2]}), loss=7,
    notes=_NOTES_ENT_A5,
))


# --- ENT-A6 ----------------------------------------------------------------------------------

SMAX = Symbol("M", real=True)


def jensen_slack(s: Any = None, lam: Any = None) -> Eq:
    """ENT-A6: :math:`H - [\\ln n - \\lambda(s_{\\max} - \\bar s)] = [\\ln\\overline{e^{\\lambda s}} - \\lambda\\bar s] + \\lambda[s_{\\max} - E_p s]`.

    Symbolically the identity is proved with a free symbol M in place of s_max (it is
    linear in M, so it holds for M = s_max); the two brackets are >= 0 for lambda >= 0.
    """
    vec, lam_ = _case(s, lam)
    n = len(vec)
    top = SMAX if s is None else sympy.Max(*vec)
    mean = Add(*vec) / n
    jensen = log(Add(*[exp(lam_ * v) for v in vec]) / n) - lam_ * mean
    return Eq(Symbol("slack"), jensen + lam_ * (top - tilted_mean(vec, lam_)), evaluate=False)


@lru_cache(maxsize=None)
def _derive_a6() -> Derivation:
    vec = list(S3)
    bound = log(3) - LAM * (SMAX - Add(*vec) / 3)
    h = expand_log(entropy_definition_expr(vec, LAM), force=True)
    value = sympy.expand(expand_log(h - bound, force=True))
    return Derivation(
        Eq(Symbol("slack"), value, evaluate=False),
        (Step(r"$\mathrm{slack} = -\sum p \log p - (\log n - \lambda (M - \operatorname{mean}))$", value),),
    )


_NOTES_ENT_A6 = (r"Both slack terms are $\ge 0$ for $\lambda \ge 0$ (Jensen; $E_p s \le s_{\max}$), so Su-9034's "
                 r"'approximation' is a lower bound. Corollary: $H(\lambda) \le H_0$ implies "
                 r"$\lambda \ge (\ln n - H_0)/(s_{\max} - \operatorname{mean})$. Signs and corollary are tested with "
                 r"hypothesis (500 examples).")
register(Result(
    key="ENT-A6", title="Jensen lower bound H >= ln n - lambda (s_max - mean s): slack decomposition",
    title_tex=r"Jensen lower bound $H \ge \ln n - \lambda (s_{\max} - \operatorname{mean} s)$: slack "
    r"decomposition",
    source=f"{SU_9034} (the approximation); the bound and its proof are project derivations",
    statement=jensen_slack, derive=_derive_a6, numeric=ne.entropy_minus_lower_bound,
    params=draw(s=s.score_vectors(1, 10, bound=6), lam=s.rationals(-4, 4, max_denominator=100)),
    examples=VECTORS[:4],
    notes=_NOTES_ENT_A6,
))
