"""ENT-A11b (JL argument, HEURISTIC), the ENT-A13 extreme-value rule (HEURISTIC), ENT-A15 (Chiang & Cholak,
EMPIRICAL record with its code path) and ENT-A18e (cosine gradient-maximisation optimum, EXACT on a
HEURISTIC model).

- A11b: :math:`d_n/d_{512} = \\log_{512} n` for a JL dimension :math:`d_n \\propto \\ln n` (Su-9588); its numeric
  check is a mirror of the argument's algebra (the Dasgupta-Gupta dimension is linear in :math:`\\ln n`);
- A13: :math:`\\lambda^*_n \\asymp 1/b_n \\asymp n f(u_n)`: the hazard at the top quantile times the mean top
  spacing is 1.0 to one decimal for uniform, exponential and Gaussian scores (n >= 100; a quoted rounding);
- A15: the remedy :math:`\\operatorname{softmax}((\\ln n/\\sqrt d) QK^\\top)V` and the encoder's
  ``log(len)/2`` factor on the query-side input, which a biased projection turns into
  :math:`c\\,(Wx)\\cdot k + b\\cdot k` instead of :math:`c\\,q\\cdot k`;
- A18e: stationarity of :math:`\\alpha(1 - M(2\\alpha)/(nM(\\alpha)^2))` for the sphere MGF
  :math:`M(t) = \\Gamma(d/2)(2/t)^\\nu I_\\nu(t)`: :math:`n = R(\\alpha)[1 + 2\\alpha(I_{\\nu+1}(2\\alpha)/I_\\nu(2\\alpha)
  - I_{\\nu+1}(\\alpha)/I_\\nu(\\alpha))]`, :math:`R = \\alpha^\\nu I_\\nu(2\\alpha)/(\\Gamma(d/2)4^\\nu I_\\nu(\\alpha)^2)`.

Registers: ENT-A11B, ENT-A13, ENT-A15, ENT-A18E.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from sympy import Eq, Matrix, Symbol, besseli, gamma, log, sqrt

from numerics.entropy import certified as cert
from numerics.entropy import heuristics as ng

from .closed_forms import real_arg
from proofs.core import Derivation, Evidence, Result, Status, Step, register, registry
from proofs.core.bibliography import CHIANG_CHOLAK, SU_9588, SU_9812
from proofs.core.params import draw, s as st

__all__ = ["jl_ratio", "extreme_value_rule", "cc22_logit", "cc22_remedy_ratio", "cosine_stationarity"]

NP = Symbol("n", positive=True)
ALPHA = Symbol("alpha", positive=True)
DP = Symbol("d", positive=True)
F = Fraction


# --- ENT-A11b -----------------------------------------------------------------------------------------------


def jl_ratio(n: Any = None) -> Eq:
    """ENT-A11b: a key dimension :math:`d_n = C\\ln n` (JL) normalised at n = 512 gives :math:`d_n/d_{512} = \\log_{512}n`."""
    n_ = NP if n is None else real_arg(n, "n")
    if n_.is_number and not n_ > 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    return Eq(Symbol("d_n/d_512"), log(n_) / log(512), evaluate=False)


_NOTES_ENT_A11B = (r"HEURISTIC: Su calls the JL argument intuitive and qualitative; nothing links the attention "
                   r"scale to the key dimension rigorously. What is checked: a mirror of the argument's own algebra. "
                   r"The Dasgupta-Gupta dimension $k(n)$ (root of $2 \exp(-k(\varepsilon^2/2 - \varepsilon^3/3)/2) = "
                   r"2/n^2$, by findroot) is linear in $\ln n$ by construction, so $k(n)/k(512) = \log_{512} n$ for every "
                   r"$\varepsilon$ (the JL constant drops out); the check confirms this arithmetic, it cannot fail on the "
                   r"mathematics. Not checked: that the attention scale should follow the key dimension (the heuristic "
                   r"step), and that the dimension JL actually needs is proportional to $\ln n$: with the exact pair count "
                   r"$n(n-1)/2$ instead of $n^2$, or an exact chi-square tail instead of the bound, the ratio is "
                   r"$\log_{512} n$ only asymptotically.")
register(Result(
    key="ENT-A11B", title="JL argument for log_512 n: d_n/d_512 = log_512 n (qualitative)",
    title_tex=r"JL argument for $\log_{512} n$: $d_n/d_{512} = \log_{512} n$ (qualitative)",
    source=f"{SU_9588}; Dasgupta & Gupta 2003 (JL dimension bound)", status=Status.HEURISTIC,
    statement=jl_ratio, numeric=ng.jl_dimension_ratio,
    examples=({"n": 4096, "eps": F(1, 4)}, {"n": 10**5, "eps": F(1, 10)}, {"n": 64, "eps": F(1, 2)}),
    params=draw(n=st.sizes(2, 10**9), eps=st.rationals(F(1, 100), F(99, 100), max_denominator=100)),
    evidence=Evidence.MIRROR,
    notes=_NOTES_ENT_A11B,
))


# --- ENT-A13 (the rule) --------------------------------------------------------------------------------------


def extreme_value_rule(n: Any = None) -> Eq:
    """ENT-A13: :math:`h(u_n)\\,E[s_{(n)} - s_{(n-1)}] = 1.0` to 1 decimal for uniform, exponential and Gaussian scores
    (n >= 100; the statement holds the rounded value 1.0, the numeric route the precise products)."""
    if n is not None:
        n_ = real_arg(n, "n")
        if n_.is_number and not n_ >= 100:
            raise ValueError(f"n must be >= 100 (below, the Gaussian product rounds to 0.9), got {n!r}")
    lhs = Matrix([Symbol(f"h(u_n) E[top spacing], {law}") for law in ("uniform", "exponential", "gaussian")])
    return Eq(lhs, Matrix([1, 1, 1]), evaluate=False)


def _rule_numeric(n: Any, dps: int) -> list[Any]:
    """ENT-A13's numeric route: hazard times mean top spacing for the three laws, precise."""
    return [ng.top_spacing_hazard(law, n, dps=dps) for law in ("uniform", "exponential", "gaussian")]


_NOTES_ENT_A13 = (r"HEURISTIC (THEOREM for Gaussians via ENT-A12): softmax keeps $O(1)$ entropy when $\lambda$ "
                  r"times the top spacing is $O(1)$. What is checked (quoted rounding, 1 decimal): the hazard $f/(1-F)$ "
                  r"at $u_n = F^{-1}(1 - 1/n)$ (root finding) times the mean top spacing $n \int F^{n-1}(1-F)\, dx$ "
                  r"(quadrature), computed to 30 significant digits, rounds to 1.0 for all three laws at $n \ge 100$: exactly "
                  r"$n/(n+1)$ uniform, 1 exponential; Gaussian 0.958 at $n = 100$, 0.967 at $10^3$, 0.981 at $10^6$, "
                  r"0.996 at $10^{30}$ (it is 0.949, which rounds to 0.9, at $n = 20$). Not checked: that the entropy "
                  r"stays $O(1)$ when $\lambda$ is of the order of the hazard (the heuristic step). The hazards are ENT-A13-HAZARD and "
                  r"ENT-A13-MILLS.")
register(Result(
    key="ENT-A13",
    title="Extreme-value rule: lambda*_n ~ 1/(top spacing) ~ hazard n f(u_n) at the top quantile",
    title_tex=r"Extreme-value rule: $\lambda^*_n \sim 1/(\text{top spacing}) \sim$ hazard $n f(u_n)$ at the "
    r"top quantile",
    source="project derivation (spec ENT-A13); EVT: Leadbetter, Lindgren & Rootzen 1983",
    status=Status.HEURISTIC, statement=extreme_value_rule, numeric=_rule_numeric,
    examples=({"n": 1000}, {"n": 10**6}, {"n": 10**12}),
    params=draw(n=st.sizes(100, 10**9)),
    evidence=Evidence.ROUNDING, quoted=1,
    notes=_NOTES_ENT_A13,
))


# --- ENT-A15 -------------------------------------------------------------------------------------------------


def cc22_logit(n: Any, w: Sequence[Sequence[Any]], b: Sequence[Any], x: Sequence[Any], k: Sequence[Any]) -> Eq:
    """ENT-A15: with :math:`c = \\ln(n)/2` on the query-side input, :math:`q' = W(cx) + b` and
    :math:`q'\\cdot k = c\\,(Wx)\\cdot k + b\\cdot k`, which differs from :math:`c\\,q\\cdot k` by :math:`(1-c)\\,b\\cdot k`."""
    n_ = real_arg(n, "n")
    mat, bias = Matrix([[real_arg(v, "W") for v in row] for row in w]), Matrix([real_arg(v, "b") for v in b])
    xv, kv = Matrix([real_arg(v, "x") for v in x]), Matrix([real_arg(v, "k") for v in k])
    if mat.cols != xv.rows or bias.rows != mat.rows or kv.rows != mat.rows:
        raise ValueError("shapes must agree: W is m x len(x), b and k have length m")
    c = log(n_) / 2
    a, beta = (mat * xv).dot(kv), bias.dot(kv)
    return Eq(Matrix([Symbol("q'.k"), Symbol("q'.k - c q.k")]), Matrix([c * a + beta, (1 - c) * beta]), evaluate=False)


_CC22_POINT = {"w": [[1, 2, 0], [F(-1, 2), 1, 3]], "b": [F(1, 4), -1], "x": [2, F(-1, 3), 1], "k": [F(3, 2), F(1, 5)]}  # pragma: no mutate (example point)


def _two_by_three(v: list[Any]) -> list[list[Any]]:
    """Six drawn entries as a 2 x 3 projection matrix (the shape of the example's W)."""
    return [v[:3], v[3:]]


def _nonzero(v: list[Any]) -> bool:
    return any(v)


_CC22_PARAMS = draw(n=st.sizes(1, 10**6), w=st.score_vectors(6, 6, bound=4).filter(_nonzero).map(_two_by_three),
                    b=st.score_vectors(2, 2, bound=4).filter(_nonzero),
                    x=st.score_vectors(3, 3, bound=4).filter(_nonzero),
                    k=st.score_vectors(2, 2, bound=4).filter(_nonzero))

_NOTES_ENT_A15 = (r"EMPIRICAL record: the remedy (natural log) as quoted in Su-8823 and the paper's abstract ('a "
                  r"simple remedy that also improves length generalisation in machine translation'); the exact equation "
                  r"was not re-read in the paper here. Settings (first.py, task FIRST): $d_{\mathrm{model}}$ 16, 1 head, "
                  r"2 layers, train $n = 10, \ldots, 100$, test 1000, 20 trials $\times$ 100 epochs $\times$ 100 steps, "
                  r"Adam lr 3e-4 (quoted, ENT-B9). What is checked: emulating encoder.py (query input times "
                  r"$\log(\mathrm{len})/2$, then $W x + b$, then the dot product with $k$, with explicit loops) gives "
                  r"$c\,(Wx) \cdot k + b \cdot k$, off an exact logit rescaling by $(1 - c)\, b \cdot k$. Not checked: "
                  r"the remedy's equation itself (quoted) and its effect on training. The remedy is $\ln 512 = 6.24$ times Su's practical scale at "
                  r"every $n$ ($\text{cc22\_remedy\_ratio}$); mechanism: ENT-A8a / ENT-A14.")
register(Result(
    key="ENT-A15",
    title="Chiang & Cholak's remedy softmax((ln n/sqrt d) QK^T)V; the code scales the query input before a "
    "biased projection",
    title_tex=r"Chiang & Cholak's remedy $\operatorname{softmax}((\ln n/\sqrt{d})\, QK^\top) V$; the code "
    r"scales the query input before a biased projection",
    source=f"{CHIANG_CHOLAK}; code ndnlp/parity encoder.py, first.py", status=Status.EMPIRICAL,
    statement=cc22_logit, numeric=ng.cc22_code_logit, certified=cert.cc22_code_logit,
    examples=({"n": 20, **_CC22_POINT}, {"n": 1000, **_CC22_POINT}), display={"n": 20, **_CC22_POINT},
    params=_CC22_PARAMS,
    notes=_NOTES_ENT_A15,
))


def cc22_remedy_ratio(n: Any = None, d: Any = None) -> Any:
    """ENT-A15 vs ENT-A11a: :math:`(\\ln n/\\sqrt d)/(\\log_{512} n/\\sqrt d) = \\ln 512` (exact algebra)."""
    from .closed_forms import practical_scale

    n_, d_ = (NP if n is None else real_arg(n, "n")), (DP if d is None else real_arg(d, "d"))
    return sympy.simplify(log(n_) / sqrt(d_) / practical_scale(n_, d_))


# --- ENT-A18e ------------------------------------------------------------------------------------------------


def _sphere_mgf(t: Any, d: Any) -> Any:
    nu = d / 2 - 1
    return gamma(d / 2) * (2 / t) ** nu * besseli(nu, t)


def cosine_stationarity(alpha: Any = None, d: Any = None) -> Eq:
    """ENT-A18e: the n at which alpha maximises :math:`\\alpha(1 - M(2\\alpha)/(nM(\\alpha)^2))` (sphere MGF, dimension d)."""
    a = ALPHA if alpha is None else real_arg(alpha, "alpha")
    d_ = DP if d is None else real_arg(d, "d")
    if a.is_number and not a > 0:
        raise ValueError(f"alpha must be > 0, got {alpha!r}")
    if d_.is_number and not d_ >= 2:
        raise ValueError(f"d must be >= 2, got {d!r}")
    nu = d_ / 2 - 1
    ratio = a**nu * besseli(nu, 2 * a) / (gamma(d_ / 2) * 4**nu * besseli(nu, a) ** 2)
    bracket = 1 + 2 * a * (besseli(nu + 1, 2 * a) / besseli(nu, 2 * a) - besseli(nu + 1, a) / besseli(nu, a))
    return Eq(Symbol("n(alpha*)"), ratio * bracket, evaluate=False)


def _proved_sphere_mgf(t: Any, d: Any) -> Any:
    """The sphere MGF :math:`M(t)` as ENT-A10E's derivation computes it (its power series matched term by term)."""
    steps = registry["ENT-A10E"].derivation().steps
    found = [st_.expr for st_ in steps if isinstance(st_.expr, Eq) and st_.expr.lhs == Symbol("M(L)")]
    if len(found) != 1:  # pragma: no cover - ENT-A10E's derivation names its MGF step M(L)
        raise ValueError("ENT-A10E's derivation has no single step M(L) = ...")
    mgf = found[0].rhs
    big_l = Symbol("L", positive=True)
    if mgf.free_symbols != {big_l, DP}:  # pragma: no cover
        raise ValueError(f"ENT-A10E's MGF is not a function of L and d: {mgf}")
    return mgf.subs({big_l: t, DP: d}, simultaneous=True)


def _bessel_recurrence() -> Any:
    """DLMF 10.29.1, :math:`I_{\\nu-1}(x) - I_{\\nu+1}(x) - (2\\nu/x) I_\\nu(x) = 0`, by the power series (DLMF 10.25.2):
    the coefficient of :math:`(x/2)^{2k+\\nu-1}`, for every k >= 1, simplified (k = 0 is the same with the
    :math:`I_{\\nu+1}` term absent, i.e. :math:`1/\\Gamma(\\nu) - \\nu/\\Gamma(\\nu+1)`)."""
    k = Symbol("k", integer=True, positive=True)
    nu = Symbol("nu")  # any order: the coefficients are meromorphic in nu and vanish identically
    # I_{nu-1}: term k; I_{nu+1}: term k - 1 (same power); (2 nu/x) I_nu: term k times nu/(x/2)
    general = (1 / (sympy.factorial(k) * gamma(k + nu)) - 1 / (sympy.factorial(k - 1) * gamma(k + nu + 1))
               - nu / (sympy.factorial(k) * gamma(k + nu + 1)))
    first = 1 / gamma(nu) - nu / gamma(nu + 1)
    return sympy.Matrix([sympy.gammasimp(general), sympy.gammasimp(first)])


@lru_cache(maxsize=None)
def _derive_cosine() -> Derivation:
    nu = DP / 2 - 1
    r_of_a = _proved_sphere_mgf(2 * ALPHA, DP) / _proved_sphere_mgf(ALPHA, DP) ** 2
    raw = sympy.diff(ALPHA * r_of_a, ALPHA)  # F'(alpha) = 1 - (alpha R)'/n = 0
    coefficients = _bessel_recurrence()
    if coefficients != sympy.zeros(2, 1):  # pragma: no cover - the identity is what is being proved
        raise ValueError(f"Bessel recurrence coefficients do not vanish: {coefficients}")
    lower = [e for e in raw.atoms(besseli) if sympy.simplify(e.args[0] - (nu - 1)) == 0]
    value = raw.subs({e: besseli(nu + 1, e.args[1]) + 2 * nu / e.args[1] * besseli(nu, e.args[1]) for e in lower})
    t = Symbol("t", positive=True)
    return Derivation(
        Eq(Symbol("n(alpha*)"), value, evaluate=False),
        (
            Step(r"Sphere MGF as derived in ENT-A10e (series matched term by term), $\nu = d/2 - 1$",
                 Eq(Symbol("M(t)"), _proved_sphere_mgf(t, DP), evaluate=False)),
            Step(r"$F(\alpha) = \alpha - \alpha R(\alpha)/n$, $R = M(2\alpha)/M(\alpha)^2$: $F' = 0$ iff "
                 r"$n = (\alpha R)'$", raw),
            Step(r"$I_{\nu-1}(x) - I_{\nu+1}(x) - (2\nu/x) I_\nu(x) = 0$ (DLMF 10.29.1): its series coefficients "
                 r"for $k \ge 1$ and $k = 0$ simplify to 0", coefficients),
            Step(r"Substitute $I_{\nu-1}(x) = I_{\nu+1}(x) + (2\nu/x) I_\nu(x)$", value),
        ),
    )


_NOTES_ENT_A18E = (r"EXACT numerics on a HEURISTIC model (the law-of-large-numbers step of ENT-A18b with keys "
                   r"uniform on the sphere). Proved for general $d$ and $\alpha$, with the MGF taken from the "
                   r"derivation of ENT-A10e. Numeric route: $M$ and its log-derivative (the tilted "
                   r"mean of $\cos \theta$) by log-domain quadrature of $(1 - c^2)^{(d-3)/2}$, no Bessel function. G7 "
                   r"($d = 128$): $\alpha^* = 16.810435135642918621$ ($n = 40$), 26.020596692800080498 (1000), "
                   r"33.683824841828365593 (20000); Su's $3.5 \ln n$ is within 8 % for $1000 \le n \le 20000$ (tested).")
register(Result(
    key="ENT-A18E",
    title="Cosine-model gradient-maximisation optimum (d = 128): stationarity in Bessel form, table G7",
    title_tex="Cosine-model gradient-maximisation optimum ($d = 128$): stationarity in Bessel form, table G7",
    source=f"{SU_9812} (objective, cosine scores); Bessel form: project derivation",
    statement=cosine_stationarity, derive=_derive_cosine, numeric=ng.gradmax_cosine_n,
    certified=cert.cosine_stationarity_n,
    examples=({"alpha": 26, "d": 128}, {"alpha": F(33, 2), "d": 128}),
    params=draw(alpha=st.positive_rationals(40, max_denominator=100), d=st.sizes(3, 256)),
    notes=_NOTES_ENT_A18E,
))
