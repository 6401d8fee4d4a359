"""The softmax entropy of n iid Gaussian scores at finite n, exactly (the random-energy model at finite size).

For scores :math:`S_1, \\dots, S_n` iid :math:`N(0, 1)` and a scale :math:`\\lambda`, the entropy of
:math:`p = \\operatorname{softmax}(\\lambda S)` is :math:`H = \\ln Z - \\lambda Z'/Z` with :math:`Z = \\sum_i e^{\\lambda S_i}`,
:math:`Z' = \\sum_i S_i e^{\\lambda S_i}`.  Its expectation is an n-dimensional integral, but two Laplace-transform
identities (for :math:`w > 0`)

.. math:: \\ln w = \\int_0^\\infty \\frac{e^{-t} - e^{-tw}}{t}\\,dt, \\qquad \\frac1w = \\int_0^\\infty e^{-tw}\\,dt

turn it into nested one-dimensional integrals, because :math:`E[e^{-tW}] = \\psi(t)^n` for a sum of n iid terms.
With :math:`W = Z e^{-c}` (any constant c; :math:`e^c` is chosen near the typical size of Z), :math:`t = e^u`,
:math:`v = u + \\lambda s - c` and :math:`G(u) = E[1 - \\exp(-e^{u + \\lambda S - c})]`,
:math:`B(u) = E[S\\,e^{v}e^{-e^{v}}]`:

.. math:: E[H_n] = c + \\int_{-\\infty}^{\\infty}\\big(e^{-e^u} - (1 - G(u))^n\\big)\\,du
          - \\lambda\\, n\\int_{-\\infty}^{\\infty} B(u)\\,(1 - G(u))^{n-1}\\,du .

Nothing here is an asymptotic formula: at every n the value is the exact expected entropy (to the accuracy of the
quadrature), so a table of it at growing n shows how fast the random-energy-model limits are approached
(ENT-A12a: :math:`E[H_n]/\\ln n \\to 1 - x^2` for :math:`\\lambda = x\\sqrt{2\\ln n}`, x < 1; ENT-A12b:
:math:`E[H_n] \\to \\psi(1) - \\psi(1 - m)` for :math:`\\lambda = \\sqrt{2\\ln n}/m`).

Quadrature: fixed Gauss-Legendre panels.  In :math:`G` and :math:`B` the integration variable is v, where the
integrand's one sharp feature (:math:`1 - \\exp(-e^v)` switching from 0 to 1) stays put: panels cover
:math:`-10 \\le v \\le 6`; below, :math:`1 - \\exp(-e^v) = \\sum_k (-1)^{k+1}e^{kv}/k!` is integrated term by term
against the Gaussian (each term a normal distribution function); above, it is 1 to far beyond the precision.
The outer integral in u runs over panels from :math:`-\\ln E[W] - 40` to :math:`6 + 4\\max(1, x)`.  Raising the
Gauss-Legendre degree changes the values by less than :math:`10^{-14}` (tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp
from mpmath.calculus.quadrature import GaussLegendre

from numerics.agree import check_dps

from .quadrature import real_number

__all__ = [
    "gaussian_expected_entropy",
    "rem_density_finite_n",
    "pd_entropy_finite_n",
    "rem_density_variational",
]

#: working precision of the tables: they show distances down to about 1e-16, not 50 digits
TABLE_DPS = 25
_V_LOW, _V_HIGH = -10, 6  # the quadrature window in v = u + lambda s - c
_V_PANELS = (-10, -7, -4.5, -3, -2, -1, 0, 1, 2, 3, 4.5, 6)
_DEGREE = 3  # Gauss-Legendre degree: 3 * 2**(degree - 1) = 12 nodes per panel


@lru_cache(maxsize=16)
def _gl_nodes(degree: int, prec: int) -> tuple[tuple[Any, Any], ...]:
    """Gauss-Legendre nodes and weights on [-1, 1] at binary precision ``prec``."""
    with mpmath.workprec(prec):
        return tuple(GaussLegendre(mp).calc_nodes(degree, prec))


def _panel_nodes(points: Sequence[Any], degree: int) -> list[tuple[Any, Any]]:
    """Nodes and weights of the composite Gauss-Legendre rule over the panels between ``points``."""
    rule = _gl_nodes(degree, mp.prec)
    out = []
    for a, b in zip(points, points[1:]):
        half, mid = (b - a) / 2, (b + a) / 2
        out.extend((mid + half * x, half * w) for x, w in rule)
    return out


@lru_cache(maxsize=8)
def _v_window(degree: int, prec: int) -> tuple[tuple[Any, Any, Any], ...]:
    """(v, weight * (1 - exp(-e^v)), weight * e^v exp(-e^v)) on the v window, at binary precision ``prec``."""
    with mpmath.workprec(prec):
        out = []
        for v, w in _panel_nodes([mp.mpf(p) for p in _V_PANELS], degree):
            ev = mp.exp(v)
            tail = mp.exp(-ev)
            out.append((v, w * -mp.expm1(-ev), w * ev * tail))
        return tuple(out)


def _laplace_pieces(u: Any, lam: Any, c: Any, cut: Any, degree: int) -> tuple[Any, Any]:
    """``(G(u), B(u))`` at the ambient precision (see the module documentation)."""
    base = c - u  # s = (v + base) / lam
    s_low, s_high = (_V_LOW + base) / lam, (_V_HIGH + base) / lam
    # v > 6: 1 - exp(-e^v) = 1 and e^v exp(-e^v) = 0 far below the precision
    g, b = mp.ncdf(-s_high), mp.mpf(0)
    # v < -10: term by term, int_{-oo}^{s_low} phi(s) e^{k v} ds = e^{k(u - c) + k^2 lam^2 / 2} Phi(s_low - k lam)
    eps = mp.mpf(10) ** (-mp.dps - 5)
    k, fact = 1, mp.mpf(1)
    while True:
        shift = s_low - k * lam
        scale = mp.exp(k * (u - c) + (k * lam) ** 2 / 2)
        cdf = mp.ncdf(shift)
        term_g = scale * cdf / fact
        # the B term of e^{v} exp(-e^{v}) = sum_j (-1)^j e^{(j+1) v} / j!  (k = j + 1, 1/j! = k/k!)
        term_b = scale * (k * lam * cdf - mp.npdf(shift)) * k / fact
        sign = 1 if k % 2 else -1
        g += sign * term_g
        b += sign * term_b
        if mp.exp(k * _V_LOW) / fact < eps:
            break
        k += 1
        fact *= k
    # the window -10 <= v <= 6 by Gauss-Legendre panels in v (ds = dv / lam)
    norm = 1 / (lam * mp.sqrt(2 * mp.pi))
    for v, wh, we in _v_window(degree, mp.prec):
        s = (v + base) / lam
        if s * s > cut:  # the Gaussian weight (times n) is below the precision
            continue
        phi = mp.exp(-s * s / 2) * norm
        g += wh * phi
        b += we * phi * s
    return g, b


def _u_points(lo: Any, hi: Any) -> list[Any]:
    """Outer panels in u: 12 wide below -20 (the integrands are there at most e^{u/4} times a power), 6 wide
    up to -8, finer where the integrands turn (-8 < u < 6), 2 wide beyond."""
    pts = [lo]
    while pts[-1] < -20:
        pts.append(min(pts[-1] + 12, mp.mpf(-20)))
    while pts[-1] < -8:
        pts.append(min(pts[-1] + 6, mp.mpf(-8)))
    for p in (-5, -3, -2, -1, 0, 1, 2, 3, 4.5, 6):
        if p > pts[-1]:
            pts.append(mp.mpf(p))
    while pts[-1] < hi:
        pts.append(pts[-1] + 2)
    return pts


def _expected_entropy_at(n: int, lam: Any, degree: int = _DEGREE) -> Any:
    """E[H_n] for n iid N(0, 1) scores at scale ``lam`` > 0, at the ambient precision."""
    nn = mp.mpf(n)
    big_l = mp.log(nn)
    if n == 1:
        return mp.mpf(0)
    root = mp.sqrt(2 * big_l)
    x = lam / root
    if x <= 1:
        c = big_l + lam**2 / 2  # ln E[Z]: W = Z / E[Z] has mean 1
    else:
        # frozen phase: Z is carried by its largest terms; centre on the EVT location of the maximum
        c = lam * (root - (mp.log(big_l) + mp.log(4 * mp.pi)) / (2 * root))
    log_mean_w = big_l + lam**2 / 2 - c
    lo = -max(log_mean_w, mp.mpf(0)) - 40
    hi = 6 + 4 * max(mp.mpf(1), x)
    cut = 2 * (mp.dps + 5) * mp.log(10) + 2 * big_l
    first, second = mp.mpf(0), mp.mpf(0)
    for u, w in _panel_nodes(_u_points(lo, hi), degree):
        g, b = _laplace_pieces(u, lam, c, cut, degree)
        log_keep = mp.log1p(-g)
        first += w * (mp.exp(-mp.exp(u)) - mp.exp(nn * log_keep))
        second += w * nn * b * mp.exp((nn - 1) * log_keep)
    return c + first - lam * second


def _size(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or int(n) < 1:
        raise ValueError(f"n must be an integer >= 1 (an exact int such as 10**30), got {n!r}")
    return int(n)


def gaussian_expected_entropy(n: int, lam: Any, *, dps: int = TABLE_DPS, degree: int = _DEGREE) -> Any:
    """:math:`E[H]` of :math:`\\operatorname{softmax}(\\lambda S)` for n iid :math:`N(0, 1)` scores, exactly (module doc).

    ``n``: exact integer >= 1 (``10**100`` is fine); ``lam``: real, >= 0 (the law of S is symmetric, so
    :math:`E[H]` is even in :math:`\\lambda`; a negative ``lam`` is answered by its absolute value);
    ``dps``: working precision (the default 25 gives about 20 correct digits); ``degree``: Gauss-Legendre
    degree (3: 12 nodes per panel).  ``lam = 0`` gives :math:`\\ln n`.
    """
    dps = check_dps(dps)
    n = _size(n)
    if isinstance(degree, bool) or not isinstance(degree, Integral) or not 2 <= degree <= 6:
        raise ValueError(f"degree must be an integer in 2..6, got {degree!r}")
    with mpmath.workdps(dps + 5):
        lam_ = abs(real_number(lam, "lam"))
        value = mp.log(n) if lam_ == 0 else _expected_entropy_at(n, lam_, int(degree))
    with mpmath.workdps(dps):
        return +value


#: n of the tables (exact integers): below the freezing point the approach is slow at first and then
#: accelerates (at x = 0.9 the distance to 1 - x^2 is 0.30 at n = 10^2, 0.0026 at 10^100, 9e-6 at 10^300)
REM_NS = (10**2, 10**6, 10**16, 10**40, 10**100, 10**200, 10**300)
PD_NS = (10**2, 10**6, 10**16, 10**40, 10**100)


def _unit(x: Any, name: str, lo: Any, hi: Any) -> Any:
    v = real_number(x, name)
    if not lo < v < hi:
        raise ValueError(f"{name} must lie in the open interval ({lo}, {hi}), got {x!r}")
    return v


@lru_cache(maxsize=32)
def _rem_rows(x: Any, ns: tuple[int, ...], dps: int) -> tuple[tuple[int, Any], ...]:
    with mpmath.workdps(dps + 5):
        rows = []
        for n in ns:
            lam = x * mp.sqrt(2 * mp.log(n))
            rows.append((n, _expected_entropy_at(n, lam) / mp.log(n)))
    with mpmath.workdps(dps):
        return tuple((_shown(n), +v) for n, v in rows)


def _shown(n: int) -> Any:
    """``n`` as a table shows it: exact below 10^15, else a float label (``1e+100``, not 101 digits; the
    value was computed at the exact n)."""
    return n if n < 10**15 else float(n)


def rem_density_finite_n(x: Any, *, dps: int = TABLE_DPS, ns: Sequence[int] = REM_NS,
                         **_: Any) -> list[tuple[int, Any]]:
    """ENT-A12a's convergence table: ``[(n, E[H_n]/ln n)]`` at :math:`\\lambda = x\\sqrt{2\\ln n}`, exactly at each n.

    ``x`` in (0, 1) (below the freezing point); ``ns``: growing exact integers >= 2.  Computed at
    :data:`TABLE_DPS` digits whatever ``dps`` asks (the table's distances are above :math:`10^{-16}`).
    """
    check_dps(dps)
    with mpmath.workdps(TABLE_DPS + 5):
        x_ = _unit(x, "x", 0, 1)
    ns_ = tuple(_size(n) for n in ns)
    if any(n < 2 for n in ns_):
        raise ValueError("every n of the table must be >= 2 (ln n > 0)")
    return list(_rem_rows(x_, ns_, TABLE_DPS))


@lru_cache(maxsize=32)
def _pd_rows(m: Any, ns: tuple[int, ...], dps: int) -> tuple[tuple[int, Any], ...]:
    with mpmath.workdps(dps + 5):
        rows = [(n, _expected_entropy_at(n, mp.sqrt(2 * mp.log(n)) / m)) for n in ns]
    with mpmath.workdps(dps):
        return tuple((_shown(n), +v) for n, v in rows)


def pd_entropy_finite_n(m: Any, *, dps: int = TABLE_DPS, ns: Sequence[int] = PD_NS,
                        **_: Any) -> list[tuple[int, Any]]:
    """ENT-A12b's convergence table: ``[(n, E[H_n])]`` at :math:`\\lambda = \\sqrt{2\\ln n}/m` (frozen phase), exactly.

    ``m`` in (0, 1); computed at :data:`TABLE_DPS` digits whatever ``dps`` asks.
    """
    check_dps(dps)
    with mpmath.workdps(TABLE_DPS + 5):
        m_ = _unit(m, "m", 0, 1)
    ns_ = tuple(_size(n) for n in ns)
    if any(n < 2 for n in ns_):
        raise ValueError("every n of the table must be >= 2 (ln n > 0)")
    return list(_pd_rows(m_, ns_, TABLE_DPS))


def rem_density_variational(x: Any, *, dps: int = 50) -> Any:
    """The REM entropy density by its variational principle, solved numerically (ENT-A12a's limit value).

    The number of scores at height :math:`e\\sqrt{2\\ln n}` is :math:`n^{1 - e^2}` (only :math:`|e| \\le 1` occur),
    each weighted by :math:`n^{2xe}`; the Gibbs measure sits at the maximiser :math:`e^*` of
    :math:`1 - e^2 + 2xe` over :math:`[-1, 1]` and its entropy density is the log-count :math:`1 - e^{*2}` there.
    :math:`e^*` is found by bisection on the derivative (clipped to the interval), then ``findroot``.  ``x >= 0``.
    """
    dps = check_dps(dps)
    with mpmath.workdps(dps + 10):
        x_ = real_number(x, "x")
        if x_ < 0:
            raise ValueError(f"x must be >= 0, got {x!r}")

        def slope(e: Any) -> Any:
            return 2 * x_ - 2 * e

        if slope(mp.mpf(1)) >= 0:  # the maximiser sits at the edge e = 1 (frozen: entropy density 0)
            e = mp.mpf(1)
        else:
            lo, hi = mp.mpf(0), mp.mpf(1)
            for _ in range(40):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if slope(mid) > 0 else (lo, mid)
            e = mp.findroot(slope, (lo + hi) / 2)
        value = 1 - e * e
    with mpmath.workdps(dps):
        return +value
