"""Quadrature, summation and root-finding routes for the entropy pillar (mpmath only).

- :func:`annealed_entropy_quad`: Su-8823's annealed entropy
  :math:`H_{ann} = \\ln n + \\ln E[e^{\\lambda S}] - \\lambda E[S e^{\\lambda S}]/E[e^{\\lambda S}]`
  by quadrature of the tilted integrals (Gaussian, uniform, exponential, sphere laws);
- :func:`kl_tilted_discrete`: :math:`KL(P_\\lambda \\| P)` by direct summation (ENT-A10a);
- :func:`laplace_rate_opt`: :math:`\\max_c [\\lambda c + \\tfrac12\\ln(1-c^2)] - \\lambda c^*` by root finding,
  and :func:`laplace_rate_extrapolated` by Richardson extrapolation of finite-d Bessel values (ENT-A10f);
- :func:`pd_entropy_quad` / :func:`pd_entropy_series`: :math:`E[-\\ln X]`, :math:`X \\sim \\mathrm{Beta}(1-m, m)`,
  by substituted quadrature, and :math:`\\sum_k \\zeta(k+1)m^k` by summation (ENT-A12b);
- :func:`gradmax_alpha_opt`: the maximiser of Su-9812's objective by root finding on ``mp.diff`` (ENT-A18);
- :func:`gaussian_max_centring`: the EVT centring :math:`a_n` of a Gaussian maximum (ENT-E2).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, check_dps, to_mp, with_dps

__all__ = [
    "real_number",
    "annealed_entropy_quad",
    "sphere_log_mgf_bessel",
    "kl_tilted_discrete",
    "laplace_rate_opt",
    "laplace_rate_extrapolated",
    "pd_entropy_quad",
    "pd_entropy_series",
    "gradmax_alpha_opt",
    "gaussian_max_centring",
    "annealed_entropy_discrete",
    "rem_density_quad",
    "practical_law_gaussian",
    "raw_law_optimum",
    "hazard_at_top_quantile",
    "linear_root",
    "dimension_factor_opt",
    "raw_law_optimum_quad",
    "gaussian_hazard_rows",
]

_GUARD = 10
LAWS = ("gaussian", "uniform", "exponential", "sphere")


def real_number(v: Any, name: str) -> Any:
    """``v`` as a finite real mpf at the ambient precision, else ValueError naming ``name``."""
    if isinstance(v, bool):
        raise ValueError(f"{name} must be a real number, got the boolean {v!r}")
    if isinstance(v, complex) or isinstance(v, mpmath.mpc):
        raise ValueError(f"{name} must be real, got the complex number {v!r}")
    try:
        x = to_mp(v)
    except (ValueError, TypeError):
        raise ValueError(
            f"{name} must be a real number (int, Fraction, decimal string or mpf), got {v!r}"
        ) from None
    if isinstance(x, mpmath.mpc):
        raise ValueError(f"{name} must be real, got the complex number {v!r}")
    if not mp.isfinite(x):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {v!r}")
    return x


def _memo(f: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``f`` remembering its values by (working precision, node).

    Tanh-sinh quadrature over the same split points at the same precision visits the same
    nodes, so the moment integrals (z, then s*f(s)) reuse the density values of the first pass
    instead of recomputing exp/log at every node.
    """
    seen: dict[Any, Any] = {}

    def g(x: Any) -> Any:
        key = (mp.prec, x)
        if key not in seen:
            seen[key] = f(x)
        return seen[key]

    return g


def _finish(value: Any, dps: int) -> Any:
    with mpmath.workdps(dps):
        return +value


def _count(n: Any) -> Any:
    x = real_number(n, "n")
    if x < 1:
        raise ValueError(f"n must be >= 1 (the number of keys), got {n!r}")
    return x


def _tilted_weight(density: Any, lam: Any, points: list[Any]) -> tuple[Callable[[Any], Any], Any]:
    """``(w, peak)``: :math:`w(s) = e^{\\mathrm{density}(s) + \\lambda s - \\mathrm{peak}}` (memoised), peak the
    log-weight at the middle split point (so w is of order 1 near the tilted mass)."""
    centre = points[len(points) // 2]
    peak = density(centre) + lam * centre if mp.isfinite(centre) else 0

    @_memo
    def f(s: Any) -> Any:
        return mp.exp(density(s) + lam * s - peak)

    return f, peak


def _tilted(
    density: Any, lam: Any, points: list[Any], norm_points: list[Any] | None = None, weight: Any = None
) -> tuple[Any, Any]:
    """(ln E[e^{lam S}], tilted mean) for a density given in log form, by tanh-sinh quadrature.

    ``density(s)`` returns the log-density up to a constant; the constant is removed by
    dividing by the quadrature of the untilted density over ``norm_points`` (default
    ``points``).  The untilted mass sits elsewhere than the tilted one when the tilt moves the
    peak (Gaussian), so it needs its own split points.  ``weight``: the pair from
    :func:`_tilted_weight` when the caller integrates more moments with it.
    """
    f, peak = _tilted_weight(density, lam, points) if weight is None else weight
    z = mp.quad(f, points)
    mean = mp.quad(lambda s: s * f(s), points) / z
    npts = points if norm_points is None else norm_points
    ncentre = npts[len(npts) // 2]
    base = density(ncentre) if mp.isfinite(ncentre) else 0
    norm = mp.quad(lambda s: mp.exp(density(s) - base), npts)
    return mp.log(z) + peak - mp.log(norm) - base, mean


def _gaussian_points(c: Any, sigma: Any) -> list[Any]:
    """Split points about the tilted peak; the tails beyond w sigma are below 10^-dps (w from the precision)."""
    w = mp.sqrt(2 * (mp.dps + 5) * mp.log(10)) + 2
    return [c - w * sigma, c - 4 * sigma, c, c + 4 * sigma, c + w * sigma]


@with_dps(guard=_GUARD)
def annealed_entropy_quad(law: str, n: Any, lam: Any, *, dps: int = DEFAULT_DPS, **params: Any) -> Any:
    """Annealed entropy of Su-8823 for an iid score law, by quadrature (ENT-A10b-e).

    .. math:: H_{ann}(\\lambda) = \\ln n + \\ln E[e^{\\lambda S}]
              - \\lambda\\,\\frac{E[S e^{\\lambda S}]}{E[e^{\\lambda S}]}

    ``law`` and its parameters: ``"gaussian"`` (``mu=0``, ``sigma=1``), ``"uniform"``
    (``a=0``, ``b=1``), ``"exponential"`` (``rate=1``; requires ``lam < rate``),
    ``"sphere"`` (``d``: integer >= 2; S = d cos(theta) for k uniform on the sphere of radius
    sqrt(d), so the density of c = cos(theta) is proportional to (1-c^2)^{(d-3)/2}).
    The integrals are taken about the tilted peak, in the log domain.
    """
    if law not in LAWS:
        raise ValueError(f"law must be one of {', '.join(LAWS)}, got {law!r}")
    n_, lam_ = _count(n), real_number(lam, "lam")
    if law == "gaussian":
        mu, sigma = real_number(params.get("mu", 0), "mu"), real_number(params.get("sigma", 1), "sigma")
        if sigma <= 0:
            raise ValueError(f"sigma must be > 0, got {params.get('sigma')!r}")
        c = mu + lam_ * sigma**2  # tilted peak: only a split point for the quadrature
        if abs(c - mu) > sigma * mp.mpf(10) ** (dps // 2):
            # the log-integrand cancels terms of size ((c - mu)/sigma)^2: beyond this the quadrature sees rounding noise
            raise ValueError(
                f"|lam|*sigma must be at most 10^{dps // 2} for the gaussian law at dps = {dps} "
                f"(the tilted peak is not resolved), got lam = {lam!r}"
            )
        pts = _gaussian_points(c, sigma)
        log_m, mean = _tilted(
            lambda s: -((s - mu) ** 2) / (2 * sigma**2), lam_, pts, _gaussian_points(mu, sigma)
        )
    elif law == "uniform":
        a, b = real_number(params.get("a", 0), "a"), real_number(params.get("b", 1), "b")
        if not a < b:
            raise ValueError(
                f"uniform law needs a < b, got a = {params.get('a')!r}, b = {params.get('b')!r}"
            )
        log_m, mean = _tilted(lambda s: mp.mpf(0), lam_, [a, (a + b) / 2, b])
    elif law == "exponential":
        rate = real_number(params.get("rate", 1), "rate")
        if rate <= 0:
            raise ValueError(f"rate must be > 0, got {params.get('rate')!r}")
        if lam_ >= rate:
            raise ValueError(
                f"lam must be < rate = {params.get('rate', 1)!r} for the exponential law "
                f"(the moment generating function is infinite), got {lam!r}"
            )
        k = rate - lam_
        log_m, mean = _tilted(lambda s: -rate * s, lam_, [0, 1 / k, 4 / k, mp.inf])
    else:
        d = params.get("d")
        if isinstance(d, bool) or not isinstance(d, Integral) or d < 2:
            raise ValueError(f"the sphere law needs an integer dimension d >= 2, got {d!r}")
        log_m, mean = _sphere_tilted(int(d), lam_ * d)
        mean = mean * d
    return mp.log(n_) + log_m - lam_ * mean


#: split points about the peak, in units of the peak width 1/sqrt(d + |L|); tails beyond 12 widths are
#: resolved by their own intervals, and no finer split is needed (tanh-sinh clusters at the ends)
_SPHERE_SPLITS = (-12, -4, 4, 12)


def _sphere_logw(d: int) -> Callable[[Any], Any]:
    """The log-weight :math:`\\tfrac{d-3}{2}\\ln(1-c^2)` of c = cos(theta) on the sphere of dimension d."""
    k = mp.mpf(d - 3) / 2
    return lambda c: k * mp.log(1 - c * c) if k != 0 else mp.mpf(0)


def _sphere_points(centre: Any, width: Any) -> list[Any]:
    inner = sorted({mp.mpf(-1), mp.mpf(1), centre, *[centre + j * width for j in _SPHERE_SPLITS]})
    return [p for p in inner if -1 <= p <= 1]


@lru_cache(maxsize=64)
def _sphere_norm(d: int, prec: int) -> Any:
    """:math:`\\int_{-1}^1 (1-c^2)^{(d-3)/2}dc` by quadrature at binary precision ``prec``.

    Cached: it depends on d only, and several tilts (examples, or J(0) of ENT-A18e) share it.
    """
    with mpmath.workprec(prec):
        if d == 2:  # c = cos(theta): (1 - c^2)^{-1/2} dc = d theta, no endpoint singularity
            return mp.quad(lambda t: mp.mpf(1), [0, mp.pi])
        logw = _sphere_logw(d)
        pts = _sphere_points(mp.mpf(0), 1 / mp.sqrt(d))
        return mp.quad(lambda c: mp.exp(logw(c)) if abs(c) < 1 else mp.mpf(0), pts)


def _circle_tilted(big_l: Any) -> tuple[Any, Any]:
    """d = 2: :math:`(\\ln\\int_0^\\pi e^{L\\cos\\theta}d\\theta`, tilted mean of :math:`\\cos\\theta)` (unnormalised).

    The density :math:`(1-c^2)^{-1/2}` of c is singular at both ends; in :math:`\\theta` the integrand is smooth.
    """
    peak = abs(big_l)
    width = 1 / mp.sqrt(1 + abs(big_l))
    ends = [mp.mpf(0), mp.pi]
    inner = [mp.mpf(0) + j * width for j in (4, 12)] if big_l > 0 else [mp.pi - j * width for j in (12, 4)]
    pts = sorted({*ends, *[p for p in inner if 0 < p < mp.pi]})

    @_memo
    def f(t: Any) -> Any:
        return mp.exp(big_l * mp.cos(t) - peak)

    z = mp.quad(f, pts)
    return mp.log(z) + peak, mp.quad(lambda t: mp.cos(t) * f(t), pts) / z


def _sphere_tilted(d: int, big_l: Any, normalise: bool = True) -> tuple[Any, Any]:
    """(ln E[e^{L c}], tilted mean of c) for c with density prop. to (1-c^2)^{(d-3)/2} on [-1, 1].

    ``normalise=False`` skips the normalising integral: the first entry is then
    :math:`\\ln\\int e^{Lc}(1-c^2)^{(d-3)/2}dc` (for ratios in which the constant cancels).
    """
    if d == 2:
        log_z, mean = _circle_tilted(big_l)
        return (log_z if not normalise else log_z - mp.log(_sphere_norm(d, mp.prec))), mean
    logw = _sphere_logw(d)
    if d > 3 and big_l != 0:
        c0 = (-(d - 3) + mp.sqrt((d - 3) ** 2 + 4 * big_l**2)) / (2 * big_l)  # peak of logw + L c
    else:
        c0 = mp.mpf(0)
    pts = _sphere_points(c0, 1 / mp.sqrt(d + abs(big_l)))
    peak = logw(c0) + big_l * c0

    @_memo
    def f(c: Any) -> Any:
        return mp.exp(logw(c) + big_l * c - peak) if abs(c) < 1 else mp.mpf(0)

    z = mp.quad(f, pts)
    mean = mp.quad(lambda c: c * f(c), pts) / z
    if not normalise:
        return mp.log(z) + peak, mean
    return mp.log(z) + peak - mp.log(_sphere_norm(d, mp.prec)), mean


def sphere_log_mgf_bessel(d: int, t: Any) -> Any:
    """:math:`\\ln E[e^{tc}] = \\ln\\Gamma(d/2) + \\nu\\ln(2/t) + \\ln I_\\nu(t)`, :math:`\\nu = d/2 - 1`, by mpmath's Bessel I.

    ``maxterms`` is raised for large orders (pitfall P14).  Ambient precision.
    """
    nu = mp.mpf(d) / 2 - 1
    if t == 0:
        return mp.mpf(0)
    return mp.loggamma(mp.mpf(d) / 2) + nu * mp.log(2 / t) + mp.log(mp.besseli(nu, t, maxterms=10**6))


def _finite_law(values: list[Any], weights: list[Any]) -> tuple[list[Any], list[Any], Any]:
    """A finite score law checked and converted: ``(values, weights, total weight)`` at the ambient precision."""
    if not values or len(values) != len(weights):
        raise ValueError("values and weights must be non-empty sequences of the same length")
    v = [real_number(x, "values") for x in values]
    w = [real_number(x, "weights") for x in weights]
    if any(x <= 0 for x in w):
        raise ValueError("weights must be positive")
    return v, w, mp.fsum(w)


@with_dps(guard=_GUARD)
def kl_tilted_discrete(values: list[Any], weights: list[Any], lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`KL(P_\\lambda\\|P) = \\sum_i q_i\\ln(q_i/w_i)`, :math:`q_i \\propto w_i e^{\\lambda v_i}`, by summation."""
    v, w, tot = _finite_law(values, weights)
    w = [x / tot for x in w]
    lam_ = real_number(lam, "lam")
    top = max(lam_ * x for x in v)
    t = [wi * mp.exp(lam_ * x - top) for wi, x in zip(w, v)]
    z = mp.fsum(t)
    q = [ti / z for ti in t]
    return mp.fsum(qi * mp.log(qi / wi) for qi, wi in zip(q, w))


@with_dps(guard=_GUARD)
def laplace_rate_opt(lam: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Laplace rate :math:`g(\\lambda) = \\phi(c^*) - \\lambda c^*`, :math:`\\phi(c) = \\lambda c + \\tfrac12\\ln(1-c^2)`.

    :math:`c^*` is found by bracketed root finding on :math:`\\phi'(c) = \\lambda - c/(1-c^2)`
    (no closed form for :math:`c^*` is used).  Domain: real ``lam`` (ENT-A10f).
    """
    lam_ = real_number(lam, "lam")
    if lam_ == 0:
        return mp.mpf(0)

    def dphi(c: Any) -> Any:
        return lam_ - c / (1 - c * c)

    lo, hi = (mp.mpf(0), mp.mpf(1)) if lam_ > 0 else (mp.mpf(-1), mp.mpf(0))
    for _ in range(60):  # bisection: phi' is decreasing on (-1, 1)
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if dphi(mid) > 0 else (lo, mid)
    c = mp.findroot(dphi, (lo, hi), solver="anderson")
    return lam_ * c + mp.log(1 - c * c) / 2 - lam_ * c


def laplace_rate_extrapolated(lam: Any, ds: tuple[int, ...] = (1024, 4096, 16384), *, dps: int = 30) -> Any:
    """Richardson extrapolation in 1/d of :math:`(H_{ann} - \\ln n)/d` from the finite-d Bessel form.

    Reaches about 1e-13 for the default dimensions (not 45 digits): a check of the
    Laplace limit, not of the digits of g.
    """
    dps = check_dps(dps)
    with mpmath.workdps(dps + _GUARD):
        lam_ = real_number(lam, "lam")
        vals = []
        for d in ds:
            big_l = lam_ * d
            ratio = mp.besseli(mp.mpf(d) / 2, big_l, maxterms=10**6) / mp.besseli(
                mp.mpf(d) / 2 - 1, big_l, maxterms=10**6
            )
            vals.append((sphere_log_mgf_bessel(d, big_l) - big_l * ratio) / d)
        xs = [mp.mpf(1) / d for d in ds]
        # polynomial extrapolation to 1/d = 0 (Neville)
        table = list(vals)
        for j in range(1, len(xs)):
            table = [
                (xs[i] * table[i + 1] - xs[i + j] * table[i]) / (xs[i] - xs[i + j])
                for i in range(len(table) - 1)
            ]
        value = table[0]
    return _finish(value, dps)


def _dimension(d: Any) -> int:
    """The dimension of the cosine (sphere) model: an integer >= 2, else ValueError."""
    if isinstance(d, bool) or not isinstance(d, Integral) or d < 2:
        raise ValueError(f"d must be an integer >= 2, got {d!r}")
    return int(d)


def _unit_m(m: Any) -> Any:
    x = real_number(m, "m")
    if not 0 < x < 1:
        raise ValueError(f"m must lie in the open interval (0, 1), got {m!r}")
    return x


@with_dps(guard=_GUARD)
def pd_entropy_quad(m: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`E[-\\ln X]` for :math:`X \\sim \\mathrm{Beta}(1-m, m)` (size-biased PD(m, 0) atom), by quadrature.

    Both endpoint singularities are removed by substitution: on [0, 1/2], x = t^{1/(1-m)}
    (so x^{-m} dx = dt/(1-m)); on [1/2, 1], 1 - x = t^{1/m}.  The Beta normaliser is
    integrated the same way (no Gamma function is used).  Source: ENT-A12b.
    """
    m_ = _unit_m(m)
    a, b = 1 - m_, m_  # Beta(a, b): density x^{a-1}(1-x)^{b-1}
    half = mp.mpf(1) / 2

    def left(g: Any) -> Any:  # x = t^{1/a}: x^{a-1} dx = dt/a
        return mp.quad(lambda t: g(t ** (1 / a)) * (1 - t ** (1 / a)) ** (b - 1) / a, [0, half**a])

    def right(g: Any) -> Any:  # 1-x = t^{1/b}: (1-x)^{b-1} dx = dt/b
        return mp.quad(lambda t: g(1 - t ** (1 / b)) * (1 - t ** (1 / b)) ** (a - 1) / b, [0, half**b])

    norm = left(lambda x: 1) + right(lambda x: 1)
    return (left(lambda x: -mp.log(x)) + right(lambda x: -mp.log(x))) / norm


@with_dps(guard=_GUARD)
def pd_entropy_series(m: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\sum_{k\\ge1}\\zeta(k+1)m^k`, summed directly until the terms fall below the precision."""
    m_ = _unit_m(m)
    total, k, term = mp.mpf(0), 1, mp.mpf(1)
    eps = mp.mpf(10) ** (-(dps + _GUARD))
    while True:
        term = mp.zeta(k + 1) * m_**k
        total += term
        if term < eps * total:
            break
        k += 1
    return total


@with_dps(guard=_GUARD)
def gradmax_alpha_opt(n: Any, *, law: str = "gaussian", d: int = 128, dps: int = DEFAULT_DPS) -> Any:
    """Maximiser of Su-9812's objective :math:`F(\\alpha) = \\alpha(1 - R(\\alpha)/n)` by root finding on ``mp.diff``.

    ``law="gaussian"``: :math:`R = e^{\\alpha^2}` (ENT-A18b); ``law="cosine"``:
    :math:`R = M(2\\alpha)/M(\\alpha)^2` with :math:`M` the moment generating function of
    :math:`\\cos\\theta` in dimension ``d`` (ENT-A18e).  No Lambert W is used.
    """
    if law not in ("gaussian", "cosine"):
        raise ValueError(f"law must be 'gaussian' or 'cosine', got {law!r}")
    if law == "cosine":
        _dimension(d)
    n_ = real_number(n, "n")
    if n_ <= 1:
        raise ValueError(f"n must be > 1 (for n <= 1 the objective has no positive maximiser), got {n!r}")
    if law == "gaussian":

        def log_r(a: Any) -> Any:
            return a * a
    else:

        def log_r(a: Any) -> Any:
            return sphere_log_mgf_bessel(d, 2 * a) - 2 * sphere_log_mgf_bessel(d, a)

    def objective(a: Any) -> Any:
        return a * (1 - mp.exp(log_r(a)) / n_)

    def slope(a: Any) -> Any:
        return mp.diff(objective, a)

    lo, hi = mp.mpf(0), mp.mpf(1) / 4
    while slope(hi) > 0:
        lo, hi = hi, 2 * hi
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if slope(mid) > 0 else (lo, mid)
    return mp.findroot(slope, (lo, hi), solver="anderson")


@with_dps(guard=_GUARD)
def gaussian_max_centring(n: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """EVT centring of the maximum of n iid N(0, 1): :math:`a_n = \\sqrt{2\\ln n} - \\frac{\\ln\\ln n + \\ln 4\\pi}{2\\sqrt{2\\ln n}}`.

    Source: Leadbetter, Lindgren & Rootzén 1983 (Gaussian maxima).  Domain: real n > 1;
    ENT-E2 uses n = 2^14 (a_n = 3.86028196405989121161677565371).
    """
    n_ = real_number(n, "n")
    if n_ <= 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    r = mp.sqrt(2 * mp.log(n_))
    return r - (mp.log(mp.log(n_)) + mp.log(4 * mp.pi)) / (2 * r)


@with_dps(guard=_GUARD)
def annealed_entropy_discrete(
    values: list[Any], weights: list[Any], n: Any, lam: Any, *, dps: int = DEFAULT_DPS
) -> Any:
    """Annealed entropy of a finite score law by direct summation of its definition (ENT-A10a)."""
    v, w, tot = _finite_law(values, weights)
    lam_ = real_number(lam, "lam")
    m0 = mp.fsum(wi * mp.exp(lam_ * x) for wi, x in zip(w, v)) / tot
    m1 = mp.fsum(wi * x * mp.exp(lam_ * x) for wi, x in zip(w, v)) / tot
    return mp.log(_count(n)) + mp.log(m0) - lam_ * m1 / m0


@with_dps(guard=_GUARD)
def rem_density_quad(x: Any, n: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`H_{ann}/\\ln n` for N(0, 1) scores at :math:`\\lambda = x\\sqrt{2\\ln n}`, by Gaussian quadrature (ENT-A12a)."""
    n_ = _count(n)
    lam = real_number(x, "x") * mp.sqrt(2 * mp.log(n_))
    return annealed_entropy_quad("gaussian", n_, lam, dps=dps + _GUARD) / mp.log(n_)


@with_dps(guard=_GUARD)
def practical_law_gaussian(n: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A12 consequence 4 by quadrature: ``[H_ann, dH_ann/d ln n, L_crit]`` for :math:`\\lambda\\sigma = \\ln n/\\ln 512`.

    H_ann by Gaussian quadrature (sigma = 1), its slope in L = ln n as
    :math:`1 - (\\lambda/\\ln 512)\\operatorname{Var}_{tilted}[S]` (variance by quadrature), and L_crit as
    the root of :math:`x(L) = (L/\\ln 512)/\\sqrt{2L} = 1`.
    """
    big_l = mp.log(_count(n))
    c = mp.log(512)
    lam = big_l / c
    pts = _gaussian_points(lam, 1)
    weight = _tilted_weight(lambda s: -s * s / 2, lam, pts)
    w = weight[0]
    log_m, mean = _tilted(lambda s: -s * s / 2, lam, pts, weight=weight)
    # dH/dL = 1 - (lambda/c) Var_tilted[S] (differentiate under the integral), variance by quadrature
    # (same weight and nodes as the mean: the memoised exponentials are reused)
    z = mp.quad(w, pts)
    var = mp.quad(lambda s: (s - mean) ** 2 * w(s), pts) / z
    out = [
        big_l + log_m - lam * mean,
        1 - lam / c * var,
        mp.findroot(lambda ell: ell / c / mp.sqrt(2 * ell) - 1, 70),
    ]
    return out


@with_dps(guard=_GUARD)
def raw_law_optimum(d: Any, kappa: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A12 consequence 5: the maximiser L* of :math:`L - \\kappa^2L^2/(2d)` by root finding on ``mp.diff``."""
    d_, k = real_number(d, "d"), real_number(kappa, "kappa")
    return mp.findroot(lambda ell: mp.diff(lambda t: t - k * k * t * t / (2 * d_), ell), 1)


@with_dps(guard=_GUARD)
def hazard_at_top_quantile(law: str, n: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Hazard :math:`f(u_n)/(1 - F(u_n))` at :math:`u_n = F^{-1}(1 - 1/n)`, :math:`u_n` by root finding (ENT-A13)."""
    if law not in ("uniform", "exponential"):
        raise ValueError(f"law must be 'uniform' or 'exponential', got {law!r}")
    n_ = _count(n)
    if law == "uniform":
        cdf, pdf, start = (lambda u: u), (lambda u: mp.mpf(1)), mp.mpf(1) / 2
    else:
        cdf, pdf, start = (lambda u: 1 - mp.exp(-u)), (lambda u: mp.exp(-u)), mp.mpf(1)
    u = mp.findroot(lambda t: cdf(t) - (1 - 1 / n_), start)
    return pdf(u) / (1 - cdf(u))


@with_dps(guard=_GUARD)
def linear_root(n: Any, d: Any, coeff: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Root :math:`\\lambda` of :math:`\\ln n - c\\,\\lambda d = 0` by ``findroot`` (ENT-A10g with c = "0.24")."""
    n_, d_, c = _count(n), real_number(d, "d"), real_number(coeff, "coeff")
    return mp.findroot(lambda lam: mp.log(n_) - c * lam * d_, 1)


@with_dps(guard=_GUARD)
def dimension_factor_opt(*, dps: int = DEFAULT_DPS) -> Any:
    """:math:`2/|g(1)|` with g(1) from :func:`laplace_rate_opt` (root finding, no closed form) (ENT-A19)."""
    return 2 / abs(laplace_rate_opt(1, dps=dps + _GUARD))


@with_dps(guard=_GUARD)
def raw_law_optimum_quad(d: Any, kappa: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """ENT-A12 consequence 5 by quadrature: the stationary point L* of :math:`H_{ann}(L)` under Su's raw law.

    Scores N(0, d), :math:`n = e^L`, :math:`\\lambda = \\kappa L/d`.  Differentiating under the integral,
    :math:`dH_{ann}/dL = 1 - (\\kappa/d)\\,\\lambda\\operatorname{Var}_\\lambda[S]` with the tilted variance
    computed by Gaussian quadrature; L* is its root (secant iteration, ``findroot``).  The closed form
    :math:`L - \\kappa^2L^2/(2d)` is not used.  ``d > 0``, ``kappa > 0``.
    """
    d_, k = real_number(d, "d"), real_number(kappa, "kappa")
    if d_ <= 0 or k <= 0:
        raise ValueError(f"d and kappa must be > 0, got d = {d!r}, kappa = {kappa!r}")
    sigma = mp.sqrt(d_)

    def slope(ell: Any) -> Any:
        lam = k * ell / d_
        pts = _gaussian_points(lam * d_, sigma)  # the tilted law of S ~ N(0, d) is centred at lam d
        weight = _tilted_weight(lambda x: -x * x / (2 * d_), lam, pts)
        f = weight[0]
        z = mp.quad(f, pts)
        mean = mp.quad(lambda x: x * f(x), pts) / z
        var = mp.quad(lambda x: (x - mean) ** 2 * f(x), pts) / z
        return 1 - k / d_ * lam * var

    return mp.findroot(slope, (d_ / (2 * k * k), 2 * d_ / (k * k)), solver="secant")


@with_dps(guard=_GUARD)
def gaussian_hazard_rows(ks: tuple[int, ...] = (2, 4, 8, 16, 32, 64), *, dps: int = DEFAULT_DPS) -> list[Any]:
    """ENT-A13-MILLS's convergence table: ``[(N, [h(u_N)/u_N, u_N/sqrt(2 ln N)])]`` for N = 10^k.

    :math:`u_N = \\Phi^{-1}(1 - 1/N)` by ``findroot`` on :math:`\\ln(1 - \\Phi(u)) + \\ln N`, the hazard
    :math:`h = \\varphi/(1 - \\Phi)` there (mpmath's normal density and distribution function).
    """
    rows = []
    for k in ks:
        big_n = mp.mpf(10) ** k
        u = mp.findroot(lambda t, big_n=big_n: mp.log(mp.ncdf(-t)) + mp.log(big_n), mp.sqrt(2 * mp.log(big_n)))
        rows.append((10**k if k < 15 else float(10**k), [mp.npdf(u) / mp.ncdf(-u) / u, u / mp.sqrt(2 * mp.log(big_n))]))
    return rows
