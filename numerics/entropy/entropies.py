"""Softmax entropy and the two-level invariant scale, computed independently in mpmath.

The public names are re-exported by the package :mod:`numerics.entropy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .quadrature import (
    dimension_factor_opt,
    linear_root,
    annealed_entropy_discrete,
    hazard_at_top_quantile,
    laplace_rate_extrapolated,
    practical_law_gaussian,
    raw_law_optimum,
    raw_law_optimum_quad,
    gaussian_hazard_rows,
    rem_density_quad,
    sphere_log_mgf_bessel,
    annealed_entropy_quad,
    gaussian_max_centring,
    gradmax_alpha_opt,
    kl_tilted_discrete,
    laplace_rate_opt,
    pd_entropy_quad,
    pd_entropy_series,
    real_number,
)
from .scale_laws import (
    alpha_star_inverse,
    bound_level_root,
    deployed_factors,
    dsv3_softmax_scale,
    gaussian_mgf_ratio,
    practical_scale_route,
    rope_logit_ratio,
    softmax_half_point,
    ssmax_two_level,
    su_law_routes,
    yarn_algebra_values,
)
from numerics.agree import DEFAULT_DPS, with_dps

__all__ = [
    "softmax_entropy",
    "entropy_definition",
    "log_partition",
    "softmax",
    "tilted_moments",
    "two_level_atoms",
    "two_level_vector",
    "invariant_scale_two_level",
    "log_partition_derivatives",
    "entropy_derivative",
    "entropy_drop_quad",
    "entropy_at_zero_and_infinity",
    "entropy_taylor",
    "softmax_jacobian_l1",
    "entropy_minus_lower_bound",
    "jensen_slack_terms",
    "two_level_generic",
    "two_level_log_law",
    "two_level_entropy_slope",
    "annealed_entropy_quad",
    "annealed_entropy_discrete",
    "laplace_rate_extrapolated",
    "sphere_log_mgf_bessel",
    "rem_density_quad",
    "practical_law_gaussian",
    "raw_law_optimum",
    "raw_law_optimum_quad",
    "gaussian_hazard_rows",
    "hazard_at_top_quantile",
    "linear_root",
    "dimension_factor_opt",
    "alpha_star_inverse",
    "bound_level_root",
    "deployed_factors",
    "dsv3_softmax_scale",
    "gaussian_mgf_ratio",
    "practical_scale_route",
    "rope_logit_ratio",
    "softmax_half_point",
    "ssmax_two_level",
    "su_law_routes",
    "yarn_algebra_values",
    "kl_tilted_discrete",
    "laplace_rate_opt",
    "pd_entropy_quad",
    "pd_entropy_series",
    "gradmax_alpha_opt",
    "gaussian_max_centring",
]

_GUARD = 10


def _scores(s: Any) -> list[Any]:
    """Validate a score vector and convert it at the ambient precision."""
    if isinstance(s, (str, bytes)) or not isinstance(s, Sequence):
        raise ValueError(f"s must be a non-empty sequence of real scores, got {type(s).__name__}")
    if len(s) == 0:
        raise ValueError("s must be a non-empty sequence of real scores, got an empty sequence")
    return [real_number(v, f"s[{i}]") for i, v in enumerate(s)]


# --- ambient-precision kernels (no workdps inside: mp.diff / mp.quad may raise the precision) ---


def _shifted(xs: list[Any]) -> tuple[Any, int, list[Any]]:
    """Row maximum M, its first index, and w_i = exp(x_i - M) (so w_argmax = 1)."""
    top = max(range(len(xs)), key=xs.__getitem__)
    big = xs[top]
    # one exp per distinct value: score vectors repeat values (the two-level vector is all zeros but one)
    exps: dict[Any, Any] = {}
    for x in xs:
        if x not in exps:
            exps[x] = mp.exp(x - big)
    return big, top, [exps[x] for x in xs]


def _multiplicities(s: list[Any]) -> list[tuple[Any, int]]:
    """The distinct scores of ``s`` with their multiplicities (first-occurrence order)."""
    counts: dict[Any, int] = {}
    for v in s:
        counts[v] = counts.get(v, 0) + 1
    return list(counts.items())


def _entropy_at(s: list[Any], lam: Any) -> Any:
    """P2 stable form: H = log1p(sum_{i != argmax} w_i) + sum_i (w_i/Z')(M - x_i), both terms >= 0.

    Equal scores give equal terms, so both sums run over the distinct scores with multiplicities
    (one exp per distinct value; the two-level vector has two).  The argmax's own w = 1 is left out
    of the first sum once, by count, so nothing is subtracted.
    """
    atoms = [(lam * v, k) for v, k in _multiplicities(s)]
    big = max(x for x, _ in atoms)
    rest_terms, spread_terms, top_seen = [], [], False
    for x, k in atoms:
        w = mp.exp(x - big)
        if x == big and not top_seen:  # the argmax itself: w = 1 and M - x = 0
            k, top_seen = k - 1, True
        rest_terms.append(k * w)
        spread_terms.append(k * w * (big - x))
    rest = mp.fsum(rest_terms)
    z = 1 + rest
    return mp.log1p(rest) + mp.fsum(spread_terms) / z


def _definition_at(s: list[Any], lam: Any) -> Any:
    """-sum p_i ln p_i with p_i from shifted exponentials; terms with p_i = 0 are skipped."""
    xs = [lam * v for v in s]
    _, _, w = _shifted(xs)
    z = mp.fsum(w)
    ps = [wi / z for wi in w]
    return -mp.fsum(p * mp.log(p) for p in ps if p != 0)


def _log_partition_at(s: list[Any], lam: Any) -> Any:
    xs = [lam * v for v in s]
    big, top, w = _shifted(xs)
    return big + mp.log1p(mp.fsum(w[i] for i in range(len(w)) if i != top))


def _moments_at(s: list[Any], lam: Any) -> tuple[Any, Any]:
    """Mean and variance of the scores under p = softmax(lam s) (variance about the mean, no cancellation)."""
    _, _, w = _shifted([lam * v for v in s])
    z = mp.fsum(w)
    mean = mp.fsum(wi * v for wi, v in zip(w, s)) / z
    return mean, mp.fsum(wi * (v - mean) ** 2 for wi, v in zip(w, s)) / z


# --- public API --------------------------------------------------------------------------------


@with_dps(guard=_GUARD)
def softmax_entropy(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Entropy (nats) of :math:`p = \\operatorname{softmax}(\\lambda s)` by the stable form of pitfall P2.

    .. math:: x_i = \\lambda s_i,\\ M = \\max_i x_i,\\ w_i = e^{x_i - M},\\ Z' = \\sum_i w_i, \\qquad
              H = \\operatorname{log1p}\\Big(\\sum_{i\\ne i^*} w_i\\Big) + \\sum_i \\frac{w_i}{Z'}(M - x_i).

    The maximum is that of :math:`\\lambda s_i` (for :math:`\\lambda < 0` it sits at
    :math:`s_{\\min}`); both terms are non-negative, so nothing cancels, and no
    :math:`p\\ln p` is formed.  Domain: any non-empty real ``s`` and real ``lam``.
    Source: spec ``entropy.md`` ENT-A1 and pitfall P2.

    >>> from fractions import Fraction
    >>> print(mpmath.nstr(softmax_entropy([0, 1, 2], 1, dps=30), 20))
    0.83239558183993887295
    """
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return _entropy_at(vec, lam_)


@with_dps(guard=_GUARD)
def entropy_definition(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`H = -\\sum_i p_i \\ln p_i` evaluated literally (the definition of ENT-A1; zero terms skipped)."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return _definition_at(vec, lam_)


@with_dps(guard=_GUARD)
def log_partition(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`A(\\lambda) = \\ln\\sum_i e^{\\lambda s_i}` by log-sum-exp (shift by the maximum, ``log1p``)."""
    return _log_partition_at(_scores(s), real_number(lam, "lam"))


@with_dps(guard=_GUARD)
def softmax(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`p_i = e^{\\lambda s_i}/\\sum_j e^{\\lambda s_j}` from shifted exponentials."""
    _, _, w = _shifted([real_number(lam, "lam") * v for v in _scores(s)])
    z = mp.fsum(w)
    return [wi / z for wi in w]


@with_dps(guard=_GUARD)
def tilted_moments(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """:math:`(E_p[s], \\operatorname{Var}_p[s])` under :math:`p = \\operatorname{softmax}(\\lambda s)`."""
    mean, var = _moments_at(_scores(s), real_number(lam, "lam"))
    return mean, var


def _size(n: Any, minimum: int = 2) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or int(n) < minimum:
        raise ValueError(f"n must be an integer >= {minimum} (an exact int, not a float), got {n!r}")
    return int(n)


def _two_level_at(n: int, u: Any) -> tuple[Any, Any, Any]:
    """(p_max, eps = 1 - p_max, H) for s = (Delta, 0, ..., 0), u = lam*Delta, at the ambient precision.

    With r = (n-1) e^{-u}: eps = r/(1+r) directly (never 1 - p_max after rounding),
    ln Z = u + log1p(r), hence H = log1p(r) + u*eps, a sum of non-negative terms for u >= 0.
    """
    r = mp.exp(mp.log(n - 1) - u) if n > 1 else mp.mpf(0)
    eps = r / (1 + r)
    return 1 / (1 + r), eps, mp.log1p(r) + u * eps


@with_dps(guard=_GUARD)
def two_level_atoms(n: int, u: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """Two-level model (ENT-A8) as two atoms with multiplicities: returns ``(p_max, H)``.

    .. math:: \\ln Z = \\operatorname{logsumexp}(u, \\ln(n-1)), \\qquad p_{\\max} = e^{u - \\ln Z},
              \\qquad H = \\ln Z - u\\,p_{\\max}

    evaluated as in :func:`_two_level_at` (exact for every ``n >= 2`` and real ``u``; no
    binary-entropy form is used).  ``n`` must be an exact integer (e.g. ``10**30``).
    """
    n = _size(n)
    p, _, h = _two_level_at(n, real_number(u, "u"))
    return p, h


def two_level_vector(n: int, delta: Any = 1) -> list[Any]:
    """The explicit score vector :math:`(\\Delta, 0, \\dots, 0)` of length ``n`` (for the generic routes)."""
    n = _size(n)
    if n > 100_000:
        raise ValueError(f"n must be <= 100000 for an explicit vector (use two_level_atoms), got {n}")
    return [delta] + [0] * (n - 1)


@with_dps(guard=2 * _GUARD)
def invariant_scale_two_level(n: int, H0: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The entropy-invariant scale :math:`u^* = \\lambda\\Delta \\ge 0` of the two-level model (ENT-A8c).

    Solves :math:`H(u) = H_0` with :math:`H(u) = \\ln(e^u + n - 1) - u\\,p_{\\max}(u)`, which is
    strictly decreasing on :math:`u \\ge 0` because

    .. math:: \\frac{dH}{du} = -u\\,p_{\\max}(1 - p_{\\max}).

    Bracket by doubling, bisect to a few digits, then Newton on :math:`\\ln H(u) - \\ln H_0`
    (well conditioned also when :math:`H_0` is tiny), with :math:`1 - p_{\\max}` evaluated
    directly.  Domain: integer ``n >= 2`` (exact ints, up to :math:`10^{30}` and beyond),
    :math:`0 < H_0 \\le \\ln n`; :math:`H_0 = \\ln n` gives 0.  Asymptotically
    :math:`u^* = \\ln(n-1) + \\ln(\\ln(n-1)/H_0) + o(1)`.  Source: spec ``entropy.md`` ENT-A8c.
    """
    n = _size(n)
    h0 = real_number(H0, "H0")
    top = mp.log(n)
    if not 0 < h0 <= top * (1 + mp.mpf(10) ** (-dps - _GUARD)):
        raise ValueError(
            f"H0 must lie in (0, ln n] = (0, {mpmath.nstr(top, 12)}] for n = {n}, got {H0!r}"
        )
    if h0 >= top * (1 - mp.mpf(10) ** (-dps)):  # H0 = ln n up to the working precision
        return mp.mpf(0)

    def entropy(u: Any) -> Any:
        return _two_level_at(n, u)[2]

    lo, hi = mp.mpf(0), mp.mpf(1)
    while entropy(hi) > h0:
        lo, hi = hi, 2 * hi
    for _ in range(40):  # about 12 digits of the bracket before Newton
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if entropy(mid) > h0 else (lo, mid)
    u = (lo + hi) / 2
    target = mp.log(h0)
    tol = mp.mpf(10) ** (-(dps + _GUARD))
    for _ in range(200):
        p, eps, h = _two_level_at(n, u)
        step = (mp.log(h) - target) / (-u * p * eps / h)
        u_new = u - step
        if not lo <= u_new <= hi:  # keep Newton inside the bracket
            u_new = (lo + hi) / 2
        if entropy(u_new) > h0:
            lo = u_new
        else:
            hi = u_new
        if abs(u_new - u) <= tol * max(1, abs(u_new)):
            u = u_new
            break
        u = u_new
    else:  # pragma: no cover - Newton from a 12-digit bracket converges in a handful of steps
        raise ValueError(f"invariant_scale_two_level did not converge for n = {n}, H0 = {H0!r}")
    return u


# --- derivatives, integrals, limits and Taylor coefficients by numerical analysis (ENT-A2..A5) ---


@with_dps(guard=_GUARD)
def log_partition_derivatives(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[A'(\\lambda), A''(\\lambda)]` of :math:`A = \\ln Z` by numerical differentiation (``mp.diff``)."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return [mp.diff(lambda t: _log_partition_at(vec, t), lam_, k) for k in (1, 2)]


@with_dps(guard=_GUARD)
def entropy_derivative(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`dH/d\\lambda` by ``mp.diff`` of the stable entropy."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return mp.diff(lambda t: _entropy_at(vec, t), lam_)


@with_dps(guard=_GUARD)
def entropy_drop_quad(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\int_0^\\lambda t\\,\\operatorname{Var}_{p_t}[s]\\,dt` by tanh-sinh quadrature (ENT-A3 integral form)."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return mp.quad(lambda t: t * _moments_at(vec, t)[1], [0, lam_ / 2, lam_])


@with_dps(guard=_GUARD)
def entropy_at_zero_and_infinity(s: Sequence[Any], *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[H(0), \\lim_{\\lambda\\to\\infty} H(\\lambda)]`, the limit by evaluation far out (ENT-A4).

    With gap :math:`g` between the largest and the next distinct score, the remainder
    is :math:`O(\\lambda g\\,e^{-\\lambda g})`; :math:`\\lambda = 3(\\mathrm{dps}+10)\\ln 10/g` puts it far
    below the working precision.  A constant vector has :math:`H \\equiv \\ln n`.
    """
    vec = _scores(s)
    top = max(vec)
    below = [v for v in vec if v < top]
    far = 3 * (dps + _GUARD) * mp.log(10) / (top - max(below)) if below else mp.mpf(1)
    return [_entropy_at(vec, mp.mpf(0)), _entropy_at(vec, far)]


@with_dps(guard=_GUARD)
def entropy_taylor(s: Sequence[Any], order: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """Taylor coefficients :math:`[H(0), H'(0), \\dots, H^{(k)}(0)/k!]` by ``mp.taylor`` of the stable entropy."""
    if isinstance(order, bool) or not isinstance(order, Integral) or order < 0:
        raise ValueError(f"order must be an integer >= 0, got {order!r}")
    vec = _scores(s)
    return mp.taylor(lambda t: _entropy_at(vec, t), 0, int(order))


@with_dps(guard=_GUARD)
def softmax_jacobian_l1(s: Sequence[Any], alpha: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\tfrac12\\sum_{i,j}|\\partial p_i/\\partial s_j|` for :math:`p = \\operatorname{softmax}(\\alpha s)`, by ``mp.diff``."""
    vec, a = _scores(s), real_number(alpha, "alpha")

    def p_i(i: int, j: int, t: Any) -> Any:
        xs = [a * (t if k == j else v) for k, v in enumerate(vec)]
        _, _, w = _shifted(xs)
        return w[i] / mp.fsum(w)

    total = mp.fsum(
        abs(mp.diff(lambda t: p_i(i, j, t), vec[j])) for i in range(len(vec)) for j in range(len(vec))
    )
    return total / 2


@with_dps(guard=_GUARD)
def entropy_minus_lower_bound(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`H(\\lambda) - [\\ln n - \\lambda(s_{\\max} - \\bar s)]` with H from the stable form (ENT-A6 slack)."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    return _entropy_at(vec, lam_) - (mp.log(len(vec)) - lam_ * (max(vec) - mp.fsum(vec) / len(vec)))


@with_dps(guard=_GUARD)
def jensen_slack_terms(s: Sequence[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """The two slack terms of ENT-A6: :math:`\\ln\\overline{e^{\\lambda s}} - \\lambda\\bar s` and :math:`\\lambda(s_{\\max} - E_p s)`."""
    vec, lam_ = _scores(s), real_number(lam, "lam")
    first = _log_partition_at(vec, lam_) - mp.log(len(vec)) - lam_ * mp.fsum(vec) / len(vec)
    second = lam_ * (max(vec) - _moments_at(vec, lam_)[0])
    return first, second


# --- two-level model routes (ENT-A8) --------------------------------------------------------------

_EXPLICIT_MAX = 3000


@with_dps(guard=_GUARD)
def two_level_generic(n: int, delta: Any, lam: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """``[p_1, H, H, s_max - mean]`` of the explicit vector :math:`(\\Delta, 0, \\dots, 0)` (n <= 3000) by the generic routes.

    :math:`p_1` is the weight of the :math:`\\Delta` entry (softmax), H the definition
    :math:`-\\sum p\\ln p` (listed twice, matching the two closed forms of ENT-A8).
    """
    n = _size(n)
    if n > _EXPLICIT_MAX:
        raise ValueError(f"n must be <= {_EXPLICIT_MAX} for the explicit-vector route, got {n}")
    d, lam_ = real_number(delta, "delta"), real_number(lam, "lam")
    vec = [d] + [mp.mpf(0)] * (n - 1)
    _, _, w = _shifted([lam_ * v for v in vec])
    p1 = w[0] / mp.fsum(w)
    h = _definition_at(vec, lam_)
    spread = max(vec) - mp.fsum(vec) / n
    return [p1, h, h, spread]


@with_dps(guard=_GUARD)
def two_level_log_law(n: int, c: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """``(p_max, H)`` of the two-level model at :math:`u = \\ln(n-1) + c` (ENT-A8a/b, ENT-E3).

    n <= 3000: the explicit vector through the generic softmax and stable entropy;
    larger n (exact integers up to 10**30 and beyond): :func:`two_level_atoms`'s route.
    """
    n = _size(n)
    u = mp.log(n - 1) + real_number(c, "c")
    if n <= _EXPLICIT_MAX:
        vec = [mp.mpf(1)] + [mp.mpf(0)] * (n - 1)
        _, _, w = _shifted([u * v for v in vec])
        p, h = w[0] / mp.fsum(w), _entropy_at(vec, u)
    else:
        p, _, h = _two_level_at(n, u)
    return p, h


@with_dps(guard=_GUARD)
def two_level_entropy_slope(n: int, u: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`dH/du` of the two-level model by ``mp.diff`` of the two-atom entropy."""
    n = _size(n)
    return mp.diff(lambda t: _two_level_at(n, t)[2], real_number(u, "u"))
