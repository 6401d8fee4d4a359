"""Arb routes of the entropy pillar's annealed, Gaussian-score, sphere and gradient-maximisation results,
for the certified tier (python-flint only).

Each route computes its result's quantity from the definition, another way than the closed form, in
rigorous Arb balls:

- expectations over a score law are integrals by ``acb.integral`` (rigorous Gauss-Legendre with error
  bounds): on [0, 1] (uniform), on a finite window about the tilted peak plus a proven Gaussian or
  exponential tail bound added as a radius (Gaussian, exponential), and over the angle
  :math:`\\theta \\in [0, \\pi]` of :math:`c = \\cos\\theta` for the sphere law, where the density
  :math:`\\propto \\sin^{d-2}\\theta` makes every integrand entire (no branch point, no Bessel function);
- finite laws and series are summed in balls (the zeta series with the tail :math:`\\zeta(k+1) \\le 2`);
- derivatives are Taylor coefficients of ``arb_series`` (automatic differentiation in ball arithmetic);
- roots are bracketed: bisection over exact rationals, each sign decided rigorously by Arb, so the
  intermediate value theorem puts a root in the final bracket, returned as a ball.

The integrands are entire (polynomials, ``exp``, ``sin``, ``cos``), so ``acb.integral``'s analyticity flag
needs no handling.  Routes work ``_GUARD`` bits above the tier's precision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..arb import integer, positive, precision, rational, rationals

__all__ = [
    "annealed_entropy_finite",
    "annealed_entropy_gaussian",
    "annealed_entropy_uniform",
    "annealed_entropy_exponential",
    "annealed_entropy_sphere",
    "linearised_root",
    "dimension_factor",
    "pd_entropy_series",
    "practical_law_gaussian",
    "raw_law_optimum",
    "top_quantile_hazards",
    "softmax_jacobian_l1",
    "gaussian_mgf_ratio",
    "gradmax_alpha",
    "cc22_code_logit",
    "cosine_stationarity_n",
]

_GUARD = 30  # extra working bits: the integrals and the bisections lose a few bits each
_SU_COEFF = (6, 25)  # Su's 0.24 as an exact fraction


# --- helpers -------------------------------------------------------------------------------------


def _integral(f: Callable[[Any], Any], a: Any, b: Any) -> Any:
    """:math:`\\int_a^b f` for an entire real-on-the-line integrand, as a real ball (``acb.integral``)."""
    from flint import acb

    return acb.integral(lambda z, analytic: f(z), a, b).real


def _exact_mid(x: Any) -> Any:
    """The midpoint of the real ball ``x`` as an exact (radius 0) ball."""
    return x.mid()



def _bisect(f: Callable[[Any], Any], lo: Any, hi: Any, bits: int) -> Any:
    """A ball holding a root of the continuous ``f`` in ``[lo, hi]`` (exact ``fmpq``), where Arb proves
    ``f(lo)`` and ``f(hi)`` of opposite signs; bisection while the sign of ``f`` at the midpoint is decided
    and the bracket is wider than :math:`2^{-\\text{bits}}` relative."""
    from flint import arb, fmpq

    f_lo, f_hi = f(arb(lo)), f(arb(hi))
    if f_lo < 0 < f_hi:
        rising = True
    elif f_hi < 0 < f_lo:
        rising = False
    else:
        raise ValueError(f"the root bracket [{lo}, {hi}] does not have proven opposite signs")
    width = (abs(lo) + abs(hi)) * fmpq(1, 2**bits)
    while hi - lo > width:
        mid = (lo + hi) / 2
        v = f(arb(mid))
        if v > 0:
            lo, hi = (lo, mid) if rising else (mid, hi)
        elif v < 0:
            lo, hi = (mid, hi) if rising else (lo, mid)
        else:  # the sign is no longer decided at this precision: the bracket is as tight as Arb can prove
            break
    return arb(lo).union(arb(hi))


def _gaussian_moments(mu: Any, sigma: Any, lam: Any, kmax: int) -> tuple[Any, Any, list[Any]]:
    """``(phi0, c', [M_0 .. M_kmax])`` for the Gaussian weight :math:`w(s) = e^{\\phi(s)}`,
    :math:`\\phi(s) = -(s-\\mu)^2/(2\\sigma^2) + \\lambda s`, with
    :math:`M_k = \\int_{\\mathbb R}(s - c')^k e^{\\phi(s) - \\phi_0}\\,ds`.

    :math:`c = \\mu + \\lambda\\sigma^2` is the vertex of the parabola :math:`\\phi` (the tilted peak), ``c'``
    the exact midpoint of its ball, :math:`\\phi_0` the exact midpoint of :math:`\\phi(c)` (a scale, added
    back by the caller).  With :math:`s = c' + \\sigma u`, each :math:`M_k` is ``acb.integral`` over
    :math:`u \\in [-T, T]` (exact endpoints) plus a tail radius.

    Tail bound (proof).  :math:`\\phi(s) = \\phi(c) - (s-c)^2/(2\\sigma^2)` (a quadratic with leading
    coefficient :math:`-1/(2\\sigma^2)` and vertex c), and :math:`e^{\\phi(c)-\\phi_0} \\le 2` (checked).  For
    :math:`|u| \\ge T \\ge 2` and :math:`|c - c'| \\le \\sigma/2` (checked):
    :math:`|s-c|/\\sigma \\ge |u| - 1/2` and :math:`(|u| - 1/2)^2 \\ge u^2/2` (true for
    :math:`|u| \\ge 1 + 1/\\sqrt2`), so the integrand is at most :math:`2\\sigma^k|u|^k e^{-u^2/4}`.  Both
    tails together:
    :math:`4\\sigma^{k+1}\\int_T^\\infty u^k e^{-u^2/4}du
    = 4\\sigma^{k+1}2^{(k+1)/2}\\int_{T/\\sqrt2}^\\infty v^k e^{-v^2/2}dv`, and for :math:`x \\ge 1`,
    :math:`\\int_x^\\infty v^k e^{-v^2/2}dv \\le (1 + x^k)e^{-x^2/2}` for k = 0, 1, 2 (the integrals are
    at most :math:`e^{-x^2/2}/x`, :math:`e^{-x^2/2}`, :math:`(x + 1/x)e^{-x^2/2}`).  Hence
    :math:`\\text{tail}_k \\le 2^{k+4}\\sigma^{k+1}(1 + T^k)e^{-T^2/4}` for k <= 2; T is the least integer
    with :math:`T^2 \\ge 3(p + 20)` at working precision p, so :math:`e^{-T^2/4} < 2^{-(p+20)}`.
    """
    from flint import arb, ctx

    if kmax > 2:
        raise ValueError(f"kmax must be at most 2 (the tail bound), got {kmax}")
    c = mu + lam * sigma * sigma
    c_mid = _exact_mid(c)
    if not abs(c - c_mid) <= sigma / 2:
        raise ValueError("the tilted peak is not resolved at this precision")
    phi_c = -(c - mu) * (c - mu) / (2 * sigma * sigma) + lam * c  # arb ** int is nan on a ball about 0
    phi0 = _exact_mid(phi_c)
    if not abs(phi_c - phi0) < arb(1) / 2:  # the tail bound uses e^{phi(c) - phi0} <= 2
        raise ValueError("the peak of the tilted weight is not resolved at this precision")
    t = 2
    while t * t < 3 * (ctx.prec + 20):  # 3/4 > ln 2
        t += 1
    decay = (arb(-t * t) / 4).exp()
    moments = []
    for k in range(kmax + 1):

        def f(u: Any, k: int = k) -> Any:
            s = c_mid + sigma * u
            return (-(s - mu) * (s - mu) / (2 * sigma * sigma) + lam * s - phi0).exp() * (sigma * u) ** k

        tail = 2 ** (k + 4) * sigma ** (k + 1) * (1 + arb(t) ** k) * decay
        moments.append(sigma * _integral(f, -t, t) + arb(0, tail.upper()))
    return phi0, c_mid, moments


def _gaussian_tilted(mu: Any, sigma: Any, lam: Any, kmax: int,
                     normalise: bool = True) -> tuple[Any, Any, Any]:
    """``(log E[e^{lam S}], E_lam[S], Var_lam[S])`` for S ~ N(mu, sigma^2) from :func:`_gaussian_moments`
    (mean for ``kmax >= 1``, variance for ``kmax >= 2``, else None).  The normaliser
    :math:`\\int e^{-(s-\\mu)^2/(2\\sigma^2)}ds` is integrated the same way (no Gaussian constant enters);
    ``normalise=False`` skips it (the first entry is then the log of the unnormalised integral)."""
    from flint import arb

    phi0, centre, ms = _gaussian_moments(mu, sigma, lam, kmax)
    log_mgf = phi0 + ms[0].log()
    if normalise:
        base, _, (norm,) = _gaussian_moments(mu, sigma, arb(0), 0)
        log_mgf -= base + norm.log()
    shift = ms[1] / ms[0] if kmax >= 1 else None
    mean = centre + shift if kmax >= 1 else None
    var = ms[2] / ms[0] - shift * shift if kmax >= 2 else None
    return log_mgf, mean, var


def _sphere_integrals(d: int, t: Any, kmax: int = 1) -> tuple[Any, list[Any]]:
    """``(phi0, [J_0 .. J_kmax])`` with :math:`J_k = \\int_0^\\pi \\cos^k\\theta\\,\\sin^{d-2}\\theta\\,
    e^{t\\cos\\theta - \\phi_0}\\,d\\theta` (``acb.integral`` in :math:`x = \\theta/\\pi \\in [0, 1]`, exact
    endpoints; the integrand is entire).

    :math:`\\theta \\mapsto c = \\cos\\theta` carries :math:`\\sin^{d-2}\\theta\\,d\\theta` to
    :math:`(1-c^2)^{(d-3)/2}dc`, the law of c on the sphere of dimension d.  :math:`\\phi_0` is only a
    scale (an exact number, added back by the caller): the log-integrand at the root c of
    :math:`tc^2 + (d-2)c - t = 0` in (-1, 1), its stationary point, so the scaled integrand is of order 1.
    """
    from flint import arb

    pi = arb.pi()
    if t == 0:
        phi0 = arb(0)
    elif d == 2:
        phi0 = _exact_mid(abs(t))
    else:
        c0 = _exact_mid((-(d - 2) + ((d - 2) ** 2 + 4 * t * t).sqrt()) / (2 * t))
        phi0 = _exact_mid((d - 2) * (1 - c0 * c0).log() / 2 + t * c0)
    out = []
    for k in range(kmax + 1):

        def f(x: Any, k: int = k) -> Any:
            cos, sin = (pi * x).cos(), (pi * x).sin()
            return sin ** (d - 2) * (t * cos - phi0).exp() * cos**k

        out.append(pi * _integral(f, 0, 1))
    return phi0, out


def _check_prec(prec: int) -> int:
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
        raise ValueError(f"prec must be an integer number of bits >= 2, got {prec!r}")
    return prec + _GUARD


# --- ENT-A10A..E: the annealed entropy ---------------------------------------------------------------


def annealed_entropy_finite(values: Sequence[Any], weights: Sequence[Any], n: Any, lam: Any,
                            prec: int = 53) -> Any:
    """ENT-A10A: :math:`H_{ann} = \\ln n + \\ln E[e^{\\lambda S}]
    - \\lambda E[S e^{\\lambda S}]/E[e^{\\lambda S}]` for the finite law :math:`P(S = v_i) \\propto w_i`, the
    two expectations summed in balls (the definition; no KL divergence is formed)."""
    from flint import arb

    vs, ws = rationals(values, "values"), rationals(weights, "weights")
    if not vs or len(vs) != len(ws):
        raise ValueError("values and weights must be non-empty sequences of the same length")
    if any(w <= 0 for w in ws):
        raise ValueError("weights must be positive")
    n_, lam_ = rational(n, "n"), rational(lam, "lam")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    with precision(_check_prec(prec)):
        total = sum(ws)
        tilts = [arb(w) * arb(lam_ * v).exp() for v, w in zip(vs, ws)]
        m0 = sum(tilts, arb(0)) / total
        m1 = sum((t * v for t, v in zip(tilts, vs)), arb(0)) / total
        return arb(n_).log() + m0.log() - lam_ * m1 / m0


def annealed_entropy_gaussian(n: Any, lam: Any, mu: Any, sigma: Any, prec: int = 53) -> Any:
    """ENT-A10B: :math:`H_{ann} = \\ln n + \\ln E[e^{\\lambda S}] - \\lambda E_\\lambda[S]` for
    S ~ N(mu, sigma^2): the moments :math:`E[e^{\\lambda S}]`, :math:`E[Se^{\\lambda S}]` and the normaliser
    by ``acb.integral`` on a window about the tilted peak plus the Gaussian tail bound of
    :func:`_gaussian_moments` (no Gaussian constant and no moment generating function formula enters)."""
    from flint import arb

    n_, lam_, mu_ = rational(n, "n"), rational(lam, "lam"), rational(mu, "mu")
    sigma_ = positive(sigma, "sigma")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    with precision(_check_prec(prec)):
        log_mgf, mean, _ = _gaussian_tilted(arb(mu_), arb(sigma_), arb(lam_), 1)
        return arb(n_).log() + log_mgf - lam_ * mean


def annealed_entropy_uniform(n: Any, lam: Any, prec: int = 53) -> Any:
    """ENT-A10C: :math:`H_{ann}` for S ~ U[0, 1]: :math:`E[e^{\\lambda S}] = \\int_0^1 e^{\\lambda s}ds` and
    :math:`E[Se^{\\lambda S}]` by ``acb.integral`` (scaled by :math:`e^{-\\max(\\lambda, 0)}`, added back)."""
    from flint import arb, fmpq

    n_, lam_ = rational(n, "n"), rational(lam, "lam")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    with precision(_check_prec(prec)):
        top = max(lam_, fmpq(0))
        m0 = _integral(lambda z: (lam_ * z - top).exp(), 0, 1)
        m1 = _integral(lambda z: z * (lam_ * z - top).exp(), 0, 1)
        return arb(n_).log() + top + m0.log() - lam_ * m1 / m0


def annealed_entropy_exponential(n: Any, lam: Any, prec: int = 53) -> Any:
    """ENT-A10D: :math:`H_{ann}` for S ~ Exp(1), :math:`\\lambda < 1`: the moments
    :math:`\\int_0^\\infty s^k e^{-s}e^{\\lambda s}ds`, k = 0, 1, by ``acb.integral`` on [0, T] plus the tails
    :math:`\\int_T^\\infty e^{-rs}ds = e^{-rT}/r` and
    :math:`\\int_T^\\infty se^{-rs}ds = e^{-rT}(T/r + 1/r^2)`, :math:`r = 1 - \\lambda`, with
    :math:`rT = 0.7(p + 20) > (p + 20)\\ln 2` at working precision p (so the tails are below
    :math:`2^{-(p+20)}` times a small factor)."""
    from flint import arb, ctx, fmpq

    n_, lam_ = rational(n, "n"), rational(lam, "lam")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    if lam_ >= 1:
        raise ValueError(f"lam must be < 1 (the moment generating function is infinite), got {lam!r}")
    with precision(_check_prec(prec)):
        r = 1 - lam_
        end = fmpq(7 * (ctx.prec + 20), 10) / r
        decay = (-arb(r * end)).exp()
        tails = [decay / r, decay * (arb(end) / r + 1 / arb(r) ** 2)]
        m0 = _integral(lambda z: (-z).exp() * (lam_ * z).exp(), 0, end) + arb(0, tails[0].upper())
        m1 = _integral(lambda z: z * (-z).exp() * (lam_ * z).exp(), 0, end) + arb(0, tails[1].upper())
        return arb(n_).log() + m0.log() - lam_ * m1 / m0


def annealed_entropy_sphere(d: Any, lam: Any, n: Any, prec: int = 53) -> Any:
    """ENT-A10E: :math:`H_{ann}` of the sphere model, S = d c, c = cos(theta) for keys uniform on the sphere
    in dimension d: :math:`\\ln n + \\ln(J_0(L)/J_0(0)) - L\\,J_1(L)/J_0(L)`, :math:`L = \\lambda d`, the
    angle integrals :math:`J_k` of :func:`_sphere_integrals` by ``acb.integral`` (no Bessel function)."""
    from flint import arb

    d_ = integer(d, "d", low=2)
    lam_, n_ = rational(lam, "lam"), rational(n, "n")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    with precision(_check_prec(prec)):
        big_l = arb(lam_ * d_)
        phi0, (j0, j1) = _sphere_integrals(d_, big_l)
        _, (norm,) = _sphere_integrals(d_, arb(0), 0)
        return arb(n_).log() + phi0 + (j0 / norm).log() - big_l * j1 / j0


# --- ENT-A10G, ENT-A19 -------------------------------------------------------------------------------


def linearised_root(n: Any, d: Any, prec: int = 53) -> Any:
    """ENT-A10G: the root :math:`\\lambda` of :math:`\\ln n - 0.24\\lambda d = 0`, bracketed by bisection on
    the sign of :math:`e^{0.24\\lambda d} - n` over rationals (no logarithm is taken)."""
    from flint import arb, fmpq

    n_, d_ = rational(n, "n"), positive(d, "d")
    if n_ <= 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    wp = _check_prec(prec)
    coeff = fmpq(*_SU_COEFF)
    with precision(wp + 20):
        hi = fmpq(1)
        while not arb(coeff * d_ * hi).exp() - n_ > 0:
            hi *= 2
        return _bisect(lambda x: (coeff * d_ * x).exp() - n_, fmpq(0), hi, wp)


def dimension_factor(prec: int = 53) -> Any:
    """ENT-A19: :math:`2/|g(1)|`, :math:`g(1) = \\phi(c^*) - c^* = \\tfrac12\\ln(1 - c^{*2})` with
    :math:`\\phi(c) = c + \\tfrac12\\ln(1-c^2)`, :math:`c^*` bracketed by bisection on
    :math:`\\phi'(c) = 1 - c/(1-c^2)` over (0, 1) (decreasing there); no golden ratio enters."""
    from flint import fmpq

    wp = _check_prec(prec)
    with precision(wp + 20):
        c = _bisect(lambda x: 1 - x / (1 - x * x), fmpq(0), fmpq(9, 10), wp)
        g = (c + (1 - c * c).log() / 2) - c
        return 2 / abs(g)


# --- ENT-A12 -------------------------------------------------------------------------------------------


def pd_entropy_series(m: Any, prec: int = 53) -> Any:
    """ENT-A12B-SERIES: :math:`\\sum_{k\\ge1}\\zeta(k+1)m^k`, 0 < m < 1, summed in balls (Arb's zeta at
    integers) to K terms, plus the tail bound :math:`\\sum_{k>K}\\zeta(k+1)m^k \\le 2m^{K+1}/(1-m)`
    (:math:`\\zeta(k+1) \\le \\zeta(2) < 2`)."""
    from flint import arb

    m_ = rational(m, "m")
    if not 0 < m_ < 1:
        raise ValueError(f"m must lie in (0, 1), got {m!r}")
    wp = _check_prec(prec)
    with precision(wp):
        total, power, k = arb(0), arb(m_), 1
        eps = arb(2) ** (-wp)
        while True:
            total += arb(k + 1).zeta() * power
            power *= m_
            tail = 2 * power / (1 - m_)
            if tail < eps:
                return total + arb(0, tail.upper())
            k += 1


def practical_law_gaussian(n: Any, prec: int = 53) -> list[Any]:
    """ENT-A12-C4: ``[H_ann, dH_ann/dL, L_crit]`` for S ~ N(0, 1), :math:`\\lambda = L/\\ln 512`, L = ln n.

    :math:`H_{ann} = L + \\ln E[e^{\\lambda S}] - \\lambda E_\\lambda[S]` by the Gaussian integrals of
    :func:`_gaussian_moments`; :math:`dH_{ann}/dL = 1 - (\\lambda/\\ln 512)\\operatorname{Var}_\\lambda[S]`
    (differentiation under the integral; the tilted variance by the same integrals); :math:`L_{crit}` the
    root of :math:`(L/\\ln 512)/\\sqrt{2L} = 1`, bracketed by bisection (increasing in L)."""
    from flint import arb, fmpq

    n_ = rational(n, "n")
    if n_ < 1:
        raise ValueError(f"n must be >= 1, got {n!r}")
    wp = _check_prec(prec)
    with precision(wp):
        big_l, c = arb(n_).log(), arb(512).log()
        lam = big_l / c
        log_mgf, mean, var = _gaussian_tilted(arb(0), arb(1), lam, 2)
        h = big_l + log_mgf - lam * mean
        slope = 1 - lam / c * var
    with precision(wp + 20):
        c = arb(512).log()

        def freezing(x: Any) -> Any:
            return x / c / (2 * arb(x)).sqrt() - 1

        hi = fmpq(1)
        while not freezing(hi) > 0:
            hi *= 2
        crit = _bisect(freezing, fmpq(1, 2), hi, wp)
    return [h, slope, crit]


def raw_law_optimum(d: Any, kappa: Any, prec: int = 53) -> Any:
    """ENT-A12-C5: the stationary point L* of :math:`H_{ann}(L)` for S ~ N(0, d),
    :math:`\\lambda = \\kappa L/d`: the root of
    :math:`dH_{ann}/dL = 1 - (\\kappa/d)\\lambda\\operatorname{Var}_\\lambda[S]` (differentiation under the
    integral), the tilted variance by the Gaussian integrals of :func:`_gaussian_moments`.

    A candidate comes from two steps of
    :math:`L \\leftarrow d^2/(\\kappa^2\\operatorname{Var}_{\\kappa L/d}[S])` (the equation solved for the L
    in front), started at L = 1, the first at 64 bits; the root is then proved to lie in
    :math:`[L(1 - \\varepsilon), L(1 + \\varepsilon)]`, :math:`\\varepsilon = 2^{-(\\text{prec}+10)}`, by the
    signs of the slope at both ends (intermediate value theorem; the slope is continuous in L)."""
    from flint import arb

    d_ = positive(d, "d")
    k_ = positive(kappa, "kappa")
    wp = _check_prec(prec)
    with precision(wp + 20):
        sigma = arb(d_).sqrt()

        def variance(ell: Any) -> Any:
            return _gaussian_tilted(arb(0), sigma, k_ * ell / d_, 2, normalise=False)[2]

        def slope(ell: Any) -> Any:
            return 1 - k_ / d_ * (k_ * ell / d_) * variance(ell)

        ell = arb(1)
        for bits in (64, wp + 20):  # a rough step, then a precise one: only the bracket below is rigorous
            with precision(bits):
                ell = _exact_mid(d_**2 / (k_**2 * variance(ell)))
        eps = arb(2) ** (-(prec + 10))
        lo, hi = _exact_mid(ell * (1 - eps)), _exact_mid(ell * (1 + eps))
        if not (slope(lo) > 0 and slope(hi) < 0):
            raise ValueError("the stationary point could not be bracketed at this precision")
        return lo.union(hi)


# --- ENT-A13 -------------------------------------------------------------------------------------------


def top_quantile_hazards(n: Any, prec: int = 53) -> list[Any]:
    """ENT-A13-HAZARD: the hazard :math:`f(u_n)/(1 - F(u_n))` at the top quantile :math:`F(u_n) = 1 - 1/n`,
    uniform[0, 1] (F(u) = u: :math:`u_n = 1 - 1/n` exactly, hazard exact) and Exp(1)
    (:math:`F(u) = 1 - e^{-u}`: :math:`u_n = \\ln n` in a ball, density and survival evaluated there)."""
    from flint import arb

    n_ = rational(n, "n")
    if n_ <= 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    u_uniform = 1 - 1 / n_
    hazard_uniform = 1 / (1 - u_uniform)  # density 1 on [0, 1]
    with precision(_check_prec(prec)):
        u = arb(n_).log()
        cdf = 1 - (-u).exp()
        hazard_exp = (-u).exp() / (1 - cdf)
    return [hazard_uniform, hazard_exp]


# --- ENT-A18 -------------------------------------------------------------------------------------------


def softmax_jacobian_l1(s: Sequence[Any], alpha: Any, prec: int = 53) -> Any:
    """ENT-A18A: :math:`\\tfrac12\\sum_{i,j}|\\partial p_i/\\partial s_j|`,
    :math:`p = \\operatorname{softmax}(\\alpha s)`; column j of the Jacobian is the first Taylor coefficient
    of p with :math:`s_j \\to s_j + \\varepsilon` (``arb_series`` of order 2: automatic differentiation in
    balls)."""
    from flint import arb, arb_series

    vec = rationals(s, "s")
    if not vec:
        raise ValueError("s must be a non-empty sequence of scores")
    a = positive(alpha, "alpha")
    with precision(_check_prec(prec)):
        total = arb(0)
        for j in range(len(vec)):
            exps = [(arb_series([a * v, a if i == j else 0], prec=2)).exp() for i, v in enumerate(vec)]
            z = sum(exps[1:], exps[0])
            for e in exps:
                total += abs((e / z).coeffs()[1])
        return total / 2


def gaussian_mgf_ratio(alpha: Any, n: Any, prec: int = 53) -> Any:
    """ENT-A18B: :math:`nE[e^{2\\alpha S}]/(nE[e^{\\alpha S}])^2` for S ~ N(0, 1), each expectation by the
    Gaussian integrals of :func:`_gaussian_moments` (normaliser integrated too)."""
    from flint import arb

    a = positive(alpha, "alpha")
    n_ = positive(n, "n")
    with precision(_check_prec(prec)):
        log_e1 = _gaussian_tilted(arb(0), arb(1), arb(a), 0)[0]
        log_e2 = _gaussian_tilted(arb(0), arb(1), arb(2 * a), 0)[0]
        return (log_e2 - 2 * log_e1).exp() / n_  # n E2 / (n E1)^2


def gradmax_alpha(n: Any, prec: int = 53) -> Any:
    """ENT-A18C: the maximiser of :math:`F(\\alpha) = \\alpha(1 - e^{\\alpha^2}/n)`, n > 1: the root of F'
    (F' from ``arb_series``, automatic differentiation), bracketed by bisection from [0, 1/4] doubled until
    F' < 0 (no Lambert W)."""
    from flint import arb_series, fmpq

    n_ = rational(n, "n")
    if n_ <= 1:
        raise ValueError(f"n must be > 1, got {n!r}")
    wp = _check_prec(prec)

    def slope(a: Any) -> Any:
        x = arb_series([a, 1], prec=2)
        return (x * (1 - (x * x).exp() / n_)).coeffs()[1]

    with precision(wp + 20):
        hi = fmpq(1, 4)
        while not slope(hi) < 0:
            hi *= 2
        return _bisect(slope, fmpq(0), hi, wp)


def cosine_stationarity_n(alpha: Any, d: Any, prec: int = 53) -> Any:
    """ENT-A18E: the n at which alpha maximises :math:`\\alpha(1 - M(2\\alpha)/(nM(\\alpha)^2))` for the
    sphere MGF M: :math:`n = (\\alpha R)' = R(1 + 2\\alpha(m(2\\alpha) - m(\\alpha)))`,
    :math:`R = J_0(2\\alpha)J_0(0)/J_0(\\alpha)^2`, m the tilted mean :math:`J_1/J_0` of c, the angle
    integrals of :func:`_sphere_integrals` (no Bessel function)."""
    from flint import arb

    a = positive(alpha, "alpha")
    d_ = integer(d, "d", low=2)
    with precision(_check_prec(prec)):
        p1, (j1, k1) = _sphere_integrals(d_, arb(a))
        p2, (j2, k2) = _sphere_integrals(d_, arb(2 * a))
        _, (j0,) = _sphere_integrals(d_, arb(0), 0)
        ratio = (p2 - 2 * p1).exp() * j2 * j0 / (j1 * j1)
        return ratio * (1 + 2 * a * (k2 / j2 - k1 / j1))


# --- ENT-A15 -------------------------------------------------------------------------------------------


def cc22_code_logit(n: Any, w: Sequence[Sequence[Any]], b: Sequence[Any], x: Sequence[Any],
                    k: Sequence[Any], prec: int = 53) -> list[Any]:
    """ENT-A15: emulating encoder.py with explicit loops: the query input times :math:`c = \\ln(n)/2`, then
    :math:`q' = W(cx) + b`, the logit :math:`q'\\cdot k`, and its deviation
    :math:`q'\\cdot k - c\\,(Wx + b)\\cdot k` from an exact rescaling of the unscaled logit (c in a ball,
    everything else exact)."""
    from flint import arb

    n_ = integer(n, "n", low=1)
    rows = [rationals(row, f"w[{i}]") for i, row in enumerate(w)]
    bias, xs, ks = rationals(b, "b"), rationals(x, "x"), rationals(k, "k")
    if not rows or any(len(r) != len(xs) for r in rows) or len(bias) != len(rows) or len(ks) != len(rows):
        raise ValueError("shapes must agree: w is m x len(x), b and k have length m")
    with precision(_check_prec(prec)):
        c = arb(n_).log() / 2

        def project(inp: list[Any]) -> list[Any]:
            out = []
            for row, bi in zip(rows, bias):
                acc = arb(0)
                for wij, v in zip(row, inp):
                    acc += wij * v
                out.append(acc + bi)
            return out

        scaled, plain = project([c * v for v in xs]), project([arb(v) for v in xs])
        logit = sum((q * kk for q, kk in zip(scaled, ks)), arb(0))
        return [logit, logit - c * sum((q * kk for q, kk in zip(plain, ks)), arb(0))]
