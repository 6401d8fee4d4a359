"""Scale laws computed by independent routes in mpmath: root finding, explicit vectors, code emulation.

- :func:`bound_level_root`: the lambda that holds the ENT-A6 bound at a level (ENT-A7 algebra);
- :func:`practical_scale_route`: Su's kappa from :math:`\\kappa\\ln 512/d = 1/\\sqrt d` by root finding, and
  :math:`\\log_{512} n - \\log_2(n)/9` with both logarithms found as roots of :math:`b^x = n` (ENT-A11a);
- :func:`ssmax_two_level`: SSMax weights on an explicit vector, both as :math:`n^{s z_i}` and as
  softmax at :math:`\\lambda = s\\ln n` (ENT-A14); :func:`ssmax_focus_table`: the two-level SSMax focus at
  growing n for :math:`s\\Delta = a` (the convergence table of ENT-A14-LIM);
  :func:`softmax_half_point` (n where p_max = 1/2);
- :func:`rope_logit_ratio`: YaRN's cos/sin-cache scaling applied to rotary embeddings, and
  the resulting factor on :math:`q\\cdot k` (ENT-A16, pitfall P9); :func:`yarn_squared_factor_routes` (that
  factor and :math:`\\log_L(sL)` by root finding, ENT-A16-ALG); :func:`dsv3_softmax_scale` (the code's
  arithmetic, a mirror); :func:`deployed_factors` (Llama 4, Qwen code paths, a mirror; ENT-A17);
- :func:`gaussian_mgf_ratio`, :func:`alpha_star_inverse` (ENT-A18).
"""

from __future__ import annotations

from itertools import pairwise
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .quadrature import _GUARD, _gaussian_points, gradmax_alpha_opt, real_number
from numerics.agree import DEFAULT_DPS, with_dps

__all__ = [
    "bound_level_root",
    "su_law_routes",
    "practical_scale_route",
    "ssmax_two_level",
    "ssmax_focus_table",
    "softmax_half_point",
    "rope_logit_ratio",
    "dsv3_softmax_scale",
    "deployed_factors",
    "gaussian_mgf_ratio",
    "alpha_star_inverse",
    "yarn_algebra_values",
    "yarn_squared_factor_routes",
    "log_by_root",
]


@with_dps(guard=_GUARD)
def bound_level_root(n: Any, spreads: list[Any], kappa: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """For each spread D: the root :math:`\\lambda` of :math:`\\ln n - \\lambda D = (1-\\kappa)\\ln n` (``findroot``)."""
    n_, k = real_number(n, "n"), real_number(kappa, "kappa")
    out = []
    for spread in spreads:
        dd = spread if isinstance(spread, mpmath.mpf) else real_number(spread, "spread")
        out.append(mp.findroot(lambda lam: mp.log(n_) - lam * dd - (1 - k) * mp.log(n_), 1))
    return out


@with_dps(guard=_GUARD)
def su_law_routes(n: Any, d: Any, kappa: Any, sigma: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A7: roots for spread d and for the Gaussian spread :math:`\\sigma\\sqrt{2\\ln n}`."""
    gauss = real_number(sigma, "sigma") * mp.sqrt(2 * mp.log(real_number(n, "n")))
    return bound_level_root(n, [d, gauss], kappa, dps=dps)


def _log_root(x: Any, base: Any) -> Any:
    """The y with :math:`b^y = x` (b > 1) by Newton's method on the concave :math:`y \\mapsto 1 - x b^{-y}`, started
    from the ratio of binary exponents (no logarithm of x is taken); ambient precision."""
    rate = mp.log(base)
    start = mp.mpf(mp.mag(x) - 1) / max(mp.mag(base) - 1, 1)
    return mp.findroot(lambda y: 1 - x * mp.power(base, -y), start, solver="newton",
                       df=lambda y: x * mp.power(base, -y) * rate)


@with_dps(guard=_GUARD)
def log_by_root(x: Any, base: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\log_b x` as the root y of :math:`b^y = x` (Newton), for x > 0 and b > 1."""
    x_, b = real_number(x, "x"), real_number(base, "base")
    if x_ <= 0:
        raise ValueError(f"x must be > 0, got {x!r}")
    if b <= 1:
        raise ValueError(f"base must be > 1, got {base!r}")
    return _log_root(x_, b)


@with_dps(guard=_GUARD)
def practical_scale_route(n: Any, d: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A11a: ``[kappa, kappa ln n/d, log_512 n - log_2(n)/9]``: kappa by ``findroot`` on
    :math:`\\kappa\\ln 512/d = 1/\\sqrt d`, the two logarithms as roots of :math:`512^x = n`, :math:`2^y = n`."""
    n_, d_ = real_number(n, "n"), real_number(d, "d")
    if n_ < 1 or d_ < 1:
        raise ValueError(f"n and d must be >= 1, got n = {n!r}, d = {d!r}")
    kappa = mp.findroot(lambda k: k * mp.log(512) / d_ - 1 / mp.sqrt(d_), 1)
    return [kappa, kappa * mp.log(n_) / d_, _log_root(n_, 512) - _log_root(n_, 2) / 9]


@with_dps(guard=_GUARD)
def ssmax_two_level(n: int, s: Any, delta: Any, base: Any = -2, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A14 on the explicit vector :math:`z = (b + \\Delta, b, \\dots, b)` (n <= 100000):
    ``[n^{s z_1}/sum_j n^{s z_j}, softmax((s ln n) z)_1]``, two independent evaluations."""
    if isinstance(n, bool) or not isinstance(n, Integral) or not 1 <= n <= 100_000:
        raise ValueError(f"n must be an integer in 1..100000, got {n!r}")
    s_, d_, b = real_number(s, "s"), real_number(delta, "delta"), real_number(base, "base")
    z = [b + d_] + [b] * (n - 1)
    powers = [mp.power(n, s_ * zi) for zi in z]
    direct = powers[0] / mp.fsum(powers)
    lam = s_ * mp.log(n)
    top = max(lam * zi for zi in z)
    w = [mp.exp(lam * zi - top) for zi in z]
    return [direct, w[0] / mp.fsum(w)]


@with_dps(guard=_GUARD)
def ssmax_focus_table(a: Any, ns: tuple[int, ...] = tuple(10**k for k in range(1, 9)), *,
                      dps: int = DEFAULT_DPS) -> list[tuple[int, Any]]:
    """ENT-A14-LIM: ``[(n, p(n, a)), ...]`` for growing n, with :math:`p(n, a)` the SSMax weight of the
    distinguished token for :math:`s\\Delta = a`.

    Each weight is the finite-n two-level normalisation: one atom :math:`n^{s(b + \\Delta)}` against n - 1
    atoms :math:`n^{s b}` (b = 0, the weights do not depend on b), :math:`p = n^a/(n^a + n - 1)`, evaluated
    at each n (no limit is taken).  ``a`` real; the n grow.
    """
    a_ = real_number(a, "a")
    if len(ns) < 3 or any(isinstance(n, bool) or not isinstance(n, Integral) or n < 2 for n in ns) \
            or any(m <= k for k, m in pairwise(ns)):
        raise ValueError(f"ns must be at least 3 growing integers >= 2, got {ns!r}")
    rows = []
    for n in ns:
        top = mp.power(n, a_)  # n^{s (b + Delta)} with b = 0; the n - 1 others are n^0 = 1
        rows.append((n, top / (top + (n - 1))))
    return rows


@with_dps(guard=_GUARD)
def softmax_half_point(delta: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The (real) n at which plain softmax gives the distinguished token mass 1/2, gap ``delta``, by ``findroot``."""
    d_ = real_number(delta, "delta")
    return mp.findroot(lambda n: mp.exp(d_) / (mp.exp(d_) + n - 1) - mp.mpf(1) / 2, 2)


def _rotate(v: list[Any], pos: int, cos_scale: Any, base: Any) -> list[Any]:
    """Rotary embedding (interleaved pairs) with cos/sin caches multiplied by ``cos_scale`` (YaRN's mscale)."""
    half = len(v) // 2
    out = list(v)
    for i in range(half):
        theta = pos * base ** (-mp.mpf(2 * i) / len(v))
        c, s = cos_scale * mp.cos(theta), cos_scale * mp.sin(theta)
        x, y = v[2 * i], v[2 * i + 1]
        out[2 * i], out[2 * i + 1] = x * c - y * s, x * s + y * c
    return out


@with_dps(guard=_GUARD)
def rope_logit_ratio(factor: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """YaRN code path: both cos and sin caches times :math:`\\mathrm{mscale} = 0.1\\ln s + 1` (1 for s <= 1);
    returns the factor picked up by :math:`q\\cdot k` (fixed q, k in R^8, positions 7 and 3, base 10000)."""
    s = real_number(factor, "factor")
    if s <= 0:
        raise ValueError(f"factor must be > 0, got {factor!r}")
    mscale = mp.mpf("0.1") * mp.log(s) + 1 if s > 1 else mp.mpf(1)
    q = [mp.mpf(x) / 7 for x in (3, -1, 4, 1, -5, 9, 2, -6)]
    k = [mp.mpf(x) / 5 for x in (2, 7, -1, 8, 2, -8, 1, 8)]

    def logit(scale: Any) -> Any:
        return mp.fsum(a * b for a, b in zip(_rotate(q, 7, scale, 10000), _rotate(k, 3, scale, 10000)))

    return logit(mscale) / logit(1)


@with_dps(guard=_GUARD)
def dsv3_softmax_scale(factor: Any, mscale: Any = 1, *, dps: int = DEFAULT_DPS) -> Any:
    """DeepSeek-V3 ``MLA`` softmax scale: qk_head_dim = 128 + 64, ``softmax_scale = qk_head_dim**-0.5``, times
    ``mscale**2`` with ``mscale = 0.1 * mscale_all_dim * ln(factor) + 1`` when the context exceeds 4096."""
    f, m = real_number(factor, "factor"), real_number(mscale, "mscale")
    scale = mp.power(128 + 64, -mp.mpf("0.5"))
    if f > 1:  # max_seq_len > original_seq_len
        ms = mp.mpf("0.1") * m * mp.log(f) + 1
        scale = scale * ms * ms
    return scale


_QWEN_TABLE = 32767  # modeling_qwen.py builds logn_list for i in range(1, 32768)


@with_dps(guard=_GUARD)
def deployed_factors(pos: int, train_len: int = 2048, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A17 code emulation: ``[Llama 4 attn scale at 0-based pos, Qwen logn factor at 1-based pos+1]``.

    Llama 4: ``log(floor((pos + 1) / floor_scale) + 1) * attn_scale + 1`` (floor_scale 8192, attn_scale 0.1).
    Qwen: ``log(i) / log(seq_length)`` if ``i > seq_length`` else 1.
    """
    if isinstance(pos, bool) or not isinstance(pos, Integral) or pos < 0:
        raise ValueError(f"pos must be an integer >= 0, got {pos!r}")
    if pos + 1 > _QWEN_TABLE:
        raise ValueError(f"Qwen's log-n table covers 1-based positions 1..{_QWEN_TABLE}, got pos + 1 = {pos + 1}")
    if isinstance(train_len, bool) or not isinstance(train_len, Integral) or train_len < 2:
        raise ValueError(f"train_len must be an integer >= 2, got {train_len!r}")
    llama = mp.log((pos + 1) // 8192 + 1) * mp.mpf("0.1") + 1
    i = pos + 1
    qwen = mp.log(i) / mp.log(train_len) if i > train_len else mp.mpf(1)
    return [llama, qwen]


@with_dps(guard=_GUARD)
def yarn_algebra_values(s: Any, train_len: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """``[(0.1 ln s + 1)^2, ln(s L)/ln L]`` evaluated directly (ENT-A16 remarks of Su-9948)."""
    s_, ell = real_number(s, "s"), real_number(train_len, "train_len")
    return [(mp.mpf("0.1") * mp.log(s_) + 1) ** 2, mp.log(s_ * ell) / mp.log(ell)]


@with_dps(guard=_GUARD)
def yarn_squared_factor_routes(s: Any, train_len: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A16-ALG by two routes that do not expand anything: ``[logit factor of the YaRN code path, log_L(sL)]``.

    The first is :func:`rope_logit_ratio` (rotary embedding with both caches times mscale, the factor that
    :math:`q\\cdot k` picks up); the second the root y of :math:`L^y = sL`.  ``s > 1`` (YaRN clips the factor
    to 1 below), ``train_len > 1``.
    """
    s_, ell = real_number(s, "s"), real_number(train_len, "train_len")
    if s_ <= 1:
        raise ValueError(f"s must be > 1 (the YaRN factor is clipped to 1 for s <= 1), got {s!r}")
    if ell <= 1:
        raise ValueError(f"train_len must be > 1, got {train_len!r}")
    return [rope_logit_ratio(s_, dps=dps + _GUARD), _log_root(s_ * ell, ell)]


@with_dps(guard=_GUARD)
def gaussian_mgf_ratio(alpha: Any, n: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A18b: :math:`nE[e^{2\\alpha S}]/(nE[e^{\\alpha S}])^2` for S ~ N(0, 1), the MGFs by quadrature."""
    a, n_ = real_number(alpha, "alpha"), real_number(n, "n")

    def mgf(t: Any) -> Any:
        return mp.quad(lambda x: mp.exp(t * x - x * x / 2), _gaussian_points(t, 1)) / mp.sqrt(2 * mp.pi)

    return n_ * mgf(2 * a) / (n_ * mgf(a)) ** 2


@with_dps(guard=_GUARD)
def alpha_star_inverse(alpha: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The n at which the numerically maximised :math:`\\alpha^*(n)` (Gaussian model) equals ``alpha`` (``findroot``)."""
    a = real_number(alpha, "alpha")
    value = mp.findroot(
        lambda n: gradmax_alpha_opt(n, dps=dps + _GUARD) - a,
        mp.exp(a * a) * 4,  # crude start
        solver="secant",
    )
    return value
