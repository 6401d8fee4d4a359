"""Independent mpmath routes for ENT-A11b, the ENT-A13 rule, ENT-A15, ENT-A18e and the ENT-B records.

- :func:`jl_dimension_ratio`: the Johnson-Lindenstrauss dimension (Dasgupta-Gupta form) found by root
  finding at n and at 512, and their ratio (ENT-A11b);
- :func:`top_spacing_hazard`: hazard at the top quantile times the mean top spacing
  :math:`E[s_{(n)} - s_{(n-1)}] = n\\int F^{n-1}(1-F)\\,dx` by quadrature, the precise value (ENT-A13 checks
  that it rounds to 1.0);
- :func:`cc22_code_logit`: the logit of Chiang & Cholak's encoder (query-side input times
  ``log(len)/2`` before a biased projection), by emulation (ENT-A15);
- :func:`gradmax_cosine_n`: the n at which alpha maximises Su-9812's cosine objective, from the
  cosine law by quadrature (no Bessel function) (ENT-A18e);
- :func:`table_differences`, :func:`gaussian_fit_coefficient`, :func:`cosine_range`,
  :func:`dimension_numbers`: the precise values behind the quoted numbers of ENT-B1, B4, B5 (the
  results check that rounding them gives the numbers as the sources quote them).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .quadrature import (
    _GUARD,
    _dimension,
    _sphere_norm,
    _sphere_tilted,
    gradmax_alpha_opt,
    laplace_rate_opt,
    real_number,
)
from numerics.agree import DEFAULT_DPS, check_dps, with_dps

__all__ = [
    "jl_dimension_ratio",
    "top_spacing_hazard",
    "cc22_code_logit",
    "gradmax_cosine_n",
    "table_differences",
    "gaussian_fit_coefficient",
    "cosine_range",
    "dimension_numbers",
]


@with_dps(guard=_GUARD)
def jl_dimension_ratio(n: Any, eps: Any, ref: int = 512, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A11b: :math:`k(n)/k(\\mathrm{ref})`, with k the dimension at which the Dasgupta-Gupta pair bound
    :math:`2\\exp(-\\tfrac k2(\\varepsilon^2/2 - \\varepsilon^3/3))` equals :math:`2/n^2` (``findroot`` in k).

    Dasgupta & Gupta 2003, Lemma 2.2 / Thm 2.1: :math:`k \\ge 4\\ln n/(\\varepsilon^2/2-\\varepsilon^3/3)` suffices.
    Domain: n > 1, 0 < eps < 1.
    """
    n_, e = real_number(n, "n"), real_number(eps, "eps")
    if n_ <= 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    if not 0 < e < 1:
        raise ValueError(f"eps must lie in (0, 1), got {eps!r}")
    c = e * e / 2 - e**3 / 3

    def dim(m: Any) -> Any:
        # log of (pair bound) - log(2/m^2), linear in k: findroot from a deliberately poor start
        return mp.findroot(lambda k: -k * c / 2 + 2 * mp.log(m), 1)

    return dim(n_) / dim(real_number(ref, "ref"))


def _law(law: str) -> tuple[Any, Any, Any]:
    """(log survival, log density, natural width at the top) for the three laws of ENT-A13."""
    if law == "uniform":
        return (lambda x: mp.log(1 - x)), (lambda x: mp.mpf(0)), None
    if law == "exponential":
        return (lambda x: -x), (lambda x: -x), None
    if law == "gaussian":
        return (
            lambda x: mp.log(mp.erfc(x / mp.sqrt(2)) / 2),
            lambda x: -x * x / 2 - mp.log(2 * mp.pi) / 2,
            None,
        )
    raise ValueError(f"law must be 'uniform', 'exponential' or 'gaussian', got {law!r}")


#: working precision (significant digits) of :func:`top_spacing_hazard`: ENT-A13 compares the product with a
#: value quoted to 1 decimal, so 30 digits are precise for that check at any ``dps``, and the quadrature of the
#: Gaussian law costs seconds per point at the 120 digits a ``dps = 100`` run would otherwise use
SPACING_DPS = 30


def top_spacing_hazard(law: str, n: int, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A13 rule: :math:`h(u_n)\\,E[s_{(n)} - s_{(n-1)}]` for n iid scores of ``law``, the precise product.

    :math:`u_n = F^{-1}(1-1/n)` by root finding on :math:`\\ln(1-F)`, :math:`h = f/(1-F)` there, and
    :math:`E[s_{(n)} - s_{(n-1)}] = n\\int F^{n-1}(1-F)\\,dx` by log-domain quadrature.  The rule says the
    product is about 1 (exactly n/(n+1) uniform, 1 exponential, -> 1 slowly for Gaussians: 0.967 at
    n = 1e3, 0.981 at 1e6, 0.996 at 1e30).  Computed to ``min(dps, SPACING_DPS)`` significant digits
    (see :data:`SPACING_DPS`), returned at ``dps``.  Domain: integer n >= 2.
    """
    dps = check_dps(dps)
    _law(law)
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    work = min(dps, SPACING_DPS)
    # 1 - 1/n must be representable (uniform law): the digits of n on top of the guard digits
    value = _spacing_hazard_cached(law, int(n), work + _GUARD + len(str(n)))
    with mpmath.workdps(dps):
        return +value


@lru_cache(maxsize=128)
def _spacing_hazard_cached(law: str, n: int, prec_dps: int) -> Any:
    with mpmath.workdps(prec_dps):
        return _spacing_hazard_at(law, n)


def _spacing_hazard_at(law: str, n: int) -> Any:
    """The product of :func:`top_spacing_hazard` at the ambient precision."""
    logsurv, logpdf, _ = _law(law)
    big = mp.mpf(n)
    start = {"uniform": 1 - 1 / (2 * big), "exponential": mp.log(big), "gaussian": mp.sqrt(2 * mp.log(big))}[law]
    if law == "uniform":  # survival itself (its log has a pole at the upper edge)
        u = mp.findroot(lambda x: big * mp.exp(logsurv(x)) - 1 if x < 1 else -1, (mp.mpf(0), mp.mpf(1)),
                        solver="anderson")
    else:
        u = mp.findroot(lambda x: logsurv(x) + mp.log(big), start)
    hazard = mp.exp(logpdf(u) - logsurv(u))
    width = 1 / hazard

    def integrand(x: Any) -> Any:
        if law == "uniform" and x >= 1:
            return mp.mpf(0)
        ls = logsurv(x)
        return big * mp.exp((big - 1) * mp.log1p(-mp.exp(ls)) + ls)

    lo = {"uniform": mp.mpf(0), "exponential": mp.mpf(0), "gaussian": mp.mpf(-12)}[law]
    pts = [u + j * width for j in (-40, -8, -2, 0, 2, 8, 40)]
    if law == "uniform":
        pts = [min(max(p, lo), mp.mpf(1)) for p in pts] + [mp.mpf(1)]
    pts = sorted({lo, *[p for p in pts if p >= lo]})
    tail = [pts[-1] + 40 * width] if law != "uniform" else []
    spacing = mp.quad(integrand, pts + tail)
    return hazard * spacing


@with_dps(guard=_GUARD)
def cc22_code_logit(
    n: int, w: Sequence[Sequence[Any]], b: Sequence[Any], x: Sequence[Any], k: Sequence[Any], *, dps: int = DEFAULT_DPS
) -> list[Any]:
    """ENT-A15 (ndnlp/parity encoder.py): query input times ``c = log(n)/2``, then ``q' = W (c x) + b``.

    Returns ``[q'.k, q'.k - c (W x + b).k]``: the logit and its deviation from an exact rescaling of the
    unscaled logit (non-zero whenever ``b.k != 0``).  Plain emulation with explicit loops.
    """
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
        raise ValueError(f"n must be an integer >= 1 (the sequence length), got {n!r}")
    if not w or any(len(row) != len(x) for row in w) or len(b) != len(w) or len(k) != len(w):
        raise ValueError("shapes must agree: W is m x len(x), b and k have length m")
    c = mp.log(n) / 2
    xs = [real_number(v, "x") for v in x]

    def project(inp: list[Any]) -> list[Any]:
        return [mp.fsum(real_number(wij, "W") * v for wij, v in zip(row, inp)) + real_number(bi, "b")
                for row, bi in zip(w, b)]

    ks = [real_number(v, "k") for v in k]
    scaled = project([c * v for v in xs])
    plain = project(xs)
    logit = mp.fsum(a * kk for a, kk in zip(scaled, ks))
    deviation = logit - c * mp.fsum(a * kk for a, kk in zip(plain, ks))
    return [logit, deviation]


@with_dps(guard=_GUARD)
def gradmax_cosine_n(alpha: Any, d: int, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A18e: the n at which ``alpha`` maximises :math:`\\alpha(1 - M(2\\alpha)/(nM(\\alpha)^2))`.

    :math:`F'(\\alpha) = 1 - (\\alpha R)'/n` with :math:`R = M(2\\alpha)/M(\\alpha)^2`, so
    :math:`n = R(1 + 2\\alpha(m(2\\alpha) - m(\\alpha)))`, m the tilted mean of c (= (ln M)').  M and m by
    log-domain quadrature of the density :math:`\\propto(1-c^2)^{(d-3)/2}` (no Bessel function).
    """
    _dimension(d)
    a = real_number(alpha, "alpha")
    if a <= 0:
        raise ValueError(f"alpha must be > 0, got {alpha!r}")
    # R = M(2a)/M(a)^2 = J(2a) J(0)/J(a)^2 with J(t) = int e^{tc} (1-c^2)^{(d-3)/2} dc
    log_j2, mean2 = _sphere_tilted(d, 2 * a, normalise=False)
    log_j1, mean1 = _sphere_tilted(d, a, normalise=False)
    log_j0 = mp.log(_sphere_norm(int(d), mp.prec))  # J(0): the untilted integral, shared across alphas
    return mp.exp(log_j2 + log_j0 - 2 * log_j1) * (1 + 2 * a * (mean2 - mean1))


@with_dps(guard=_GUARD)
def table_differences(top: Sequence[str], bottom: Sequence[str], *, dps: int = DEFAULT_DPS) -> list[Any]:
    """Row differences ``top - bottom`` of a quoted table (decimal strings), at ``dps`` digits."""
    if len(top) != len(bottom) or not top:
        raise ValueError("the two rows must be non-empty and of equal length")
    return [mp.mpf(a) - mp.mpf(b) for a, b in zip(top, bottom)]


def _stationary_alpha(n: Any) -> Any:
    """Root of :math:`e^{x}(1+2x) = n` (x = alpha^2) by Newton from x = ln n; ambient precision."""
    x = mp.findroot(lambda t: t + mp.log(1 + 2 * t) - mp.log(n), mp.log(n))
    return mp.sqrt(x)


@with_dps(guard=_GUARD)
def gaussian_fit_coefficient(grid: Sequence[int] = tuple(40 * j for j in range(1, 501)), *,
                             dps: int = DEFAULT_DPS) -> Any:
    """ENT-B4: least-squares coefficient k of :math:`\\alpha^* \\approx k\\sqrt{\\ln n}` (through the origin) over
    Su's grid n = 40 {1, ..., 500}, alpha* from the stationarity equation (Su quotes 0.84)."""
    if not grid or any(isinstance(n, bool) or not isinstance(n, Integral) or n < 2 for n in grid):
        raise ValueError(f"grid must be a non-empty sequence of integers >= 2, got {grid!r}")
    num = den = mp.mpf(0)
    for n in grid:
        big_l = mp.log(n)
        num += _stationary_alpha(mp.mpf(n)) * mp.sqrt(big_l)
        den += big_l
    return num / den


@with_dps(guard=_GUARD)
def cosine_range(d: int = 128, ns: tuple[int, ...] = (1000, 20000), *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-B4: the cosine-model optimum alpha*(n) (numerical maximisation, dimension d) at each n of ``ns``
    (Su: "25 to 35" for d = 128 on the ends of [1000, 20000])."""
    return [gradmax_alpha_opt(n, law="cosine", d=d, dps=dps + _GUARD) for n in ns]


@with_dps(guard=_GUARD)
def dimension_numbers(*, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-B5: ``[|g(1)|, 2/0.24, 8 ln 512, 8 ln 1e5, 8.33 ln 1e5, 8.33 ln 5e6]``, the precise values behind
    Su's 0.24, 8.33, 50, 92, 96, 128.

    |g(1)| by maximising :math:`c + \\tfrac12\\ln(1-c^2)` numerically (:func:`laplace_rate_opt`, no golden ratio).
    """
    k = mp.mpf("8.33")
    return [-laplace_rate_opt(1, dps=dps + _GUARD), 2 / mp.mpf("0.24"), 8 * mp.log(512), 8 * mp.log(10**5),
            k * mp.log(10**5), k * mp.log(5 * 10**6)]
