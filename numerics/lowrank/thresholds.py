"""The threshold form of smooth top-k, computed in mpmath by root finding (spec ``lowrank.md`` 2.3).

:math:`p_i = f((x_i-\\lambda)/\\tau)` with :math:`F(\\lambda) = \\sum_i f((x_i-\\lambda)/\\tau) = k`
(Su, Softmax后传 (kexue.fm/archives/10373), ThreTopK).  ``F`` is non-increasing, so the threshold is
found by bisection on the bracket :math:`[x_{(n)}-\\tau s,\\ x_{(1)}-\\tau s]`, :math:`f(s) = k/n`
(LOWR-TOPK-7), followed by at most five safeguarded Newton steps.  No closed form of the threshold
is evaluated here: the routes are

- :func:`topk_threshold`: bisection plus Newton, for ``f`` in ``{"sigmoid", "expclip", "smoothstep"}``;
- :func:`topk_threshold_jacobian`: central differences of that threshold and of ``p``, the
  perturbation applied inside the extended precision (pitfall 10);
- :func:`sigmoid_threshold_polyroot`: for the sigmoid, the positive root of
  :math:`\\sum_ia_i\\prod_{j\\ne i}(a_j+u) - k\\prod_j(a_j+u)`, :math:`a_i = e^{x_i/\\tau}`,
  :math:`u = e^{\\lambda/\\tau}` (``mp.polyroots``), a second route for the sigmoid.

Every function works at ``dps + 20`` digits (the Jacobian's differences at ``2 dps + 40``) and returns
numbers rounded to ``dps``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, check_dps, round_to, to_mp

__all__ = [
    "FUNCTIONS",
    "topk_threshold",
    "topk_threshold_jacobian",
    "sigmoid_threshold_polyroot",
    "threshold_function",
    "threshold_sum",
]

#: the accepted threshold functions f
FUNCTIONS = ("sigmoid", "expclip", "smoothstep")
_NEWTON_STEPS = 5


def _f_sigmoid(z: Any) -> Any:
    return 1 / (1 + mp.exp(-z))


def _d_sigmoid(z: Any) -> Any:
    e = mp.exp(-abs(z))
    return e / (1 + e) ** 2


def _f_expclip(z: Any) -> Any:
    return mp.one if z >= 0 else mp.exp(z)


def _d_expclip(z: Any) -> Any:
    return mp.zero if z > 0 else mp.exp(z)


def _f_smoothstep(z: Any) -> Any:
    return 1 - mp.exp(-z) / 2 if z >= 0 else mp.exp(z) / 2


def _d_smoothstep(z: Any) -> Any:
    return mp.exp(-abs(z)) / 2


def _inv_sigmoid(q: Any) -> Any:
    return mp.log(q / (1 - q))


def _inv_expclip(q: Any) -> Any:
    return mp.log(q)


def _inv_smoothstep(q: Any) -> Any:
    return -mp.log(2 * (1 - q)) if q >= mp.mpf(1) / 2 else mp.log(2 * q)


_TABLE: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any], Callable[[Any], Any]]] = {
    "sigmoid": (_f_sigmoid, _d_sigmoid, _inv_sigmoid),
    "expclip": (_f_expclip, _d_expclip, _inv_expclip),
    "smoothstep": (_f_smoothstep, _d_smoothstep, _inv_smoothstep),
}


# --- validation --------------------------------------------------------------------------------------


def _check_f(f: object) -> str:
    if not isinstance(f, str) or f not in _TABLE:
        raise ValueError(f"unknown f {f!r}: accepted values are {', '.join(map(repr, FUNCTIONS))}")
    return f


def _real(v: object, what: str) -> Any:
    """An exact or mpmath real as an mpf at the working precision; rejects bool, complex, NaN/inf."""
    if isinstance(v, bool):
        raise ValueError(f"{what} must be a real number, got the boolean {v!r}")
    if isinstance(v, (mpmath.mpc, complex)):
        raise ValueError(f"real vector required: {what} is complex ({v!r})")
    if not isinstance(v, (Real, mpmath.mpf, str)) and getattr(v, "p", None) is None:
        raise ValueError(f"real vector required: {what} is not a real number ({v!r})")
    try:
        out = to_mp(v)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"real vector required: {what} is not a real number ({v!r})") from exc
    if isinstance(out, mpmath.mpc):
        raise ValueError(f"real vector required: {what} is complex ({v!r})")
    if not mp.isfinite(out):
        raise ValueError(f"{what} must be finite, got {v!r}")
    return out


def _vector(x: object) -> list[Any]:
    if isinstance(x, mpmath.matrix):
        if min(x.rows, x.cols) != 1:
            raise ValueError(f"real vector required: x is a {x.rows}x{x.cols} matrix")
        x = [x[i] for i in range(len(x))]
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise ValueError(
            f"real vector required: x must be a sequence of real numbers, got {type(x).__name__}"
        )
    if len(x) == 0:
        raise ValueError("real vector required: x is empty")
    return [_real(v, f"x[{i}]") for i, v in enumerate(x)]


def _check_k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, Integral):
        raise ValueError(f"k must be an integer with 1 <= k <= n - 1 = {n - 1}, got {k!r}")
    if not 1 <= int(k) <= n - 1:
        raise ValueError(f"k must satisfy 1 <= k <= n - 1 = {n - 1} (threshold top-k), got {k}")
    return int(k)


def _check_tau(tau: object) -> Any:
    t = _real(tau, "tau")
    if t <= 0:
        raise ValueError(f"tau must be finite and positive, got {tau!r}")
    return t


def _inputs(x: object, k: object, tau: object, f: object) -> tuple[list[Any], int, Any, str]:
    f = _check_f(f)
    xs = _vector(x)
    return xs, _check_k(k, len(xs)), _check_tau(tau), f


# --- the routes ------------------------------------------------------------------------------------


def threshold_function(f: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """``(f, f')`` in mpmath for a name in :data:`FUNCTIONS` (``f'`` one-sided at expclip's kink)."""
    fn, df, _ = _TABLE[_check_f(f)]
    return fn, df


def threshold_sum(x: Sequence[Any], lam: Any, tau: Any, f: str) -> Any:
    """:math:`F(\\lambda) = \\sum_i f((x_i-\\lambda)/\\tau)` at the working precision."""
    fn = _TABLE[_check_f(f)][0]
    return mp.fsum(fn((to_mp(v) - lam) / tau) for v in x)


def _solve(xs: list[Any], k: int, tau: Any, f: str) -> Any:
    """The threshold at the working precision: bisection on the bracket, then <= 5 Newton steps."""
    fn, df, inv = _TABLE[f]
    n = len(xs)
    s = inv(mp.mpf(k) / n)
    lo, hi = min(xs) - tau * s, max(xs) - tau * s  # LOWR-TOPK-7: F(lo) >= k >= F(hi)

    def excess(lam: Any) -> Any:
        return mp.fsum(fn((v - lam) / tau) for v in xs) - k

    if excess(lo) < 0 or excess(hi) > 0:
        raise ArithmeticError(
            f"the bracket [{mp.nstr(lo, 10)}, {mp.nstr(hi, 10)}] does not contain the threshold"
        )
    scale = 1 + max(abs(lo), abs(hi))
    eps = mp.mpf(2) ** (-mp.prec) * scale * 8
    # bisection to about 18 digits: five Newton steps then reach 18 * 2^5 > 500 digits
    coarse = scale * mp.mpf(10) ** -18
    while hi - lo > max(coarse, eps):
        mid = (lo + hi) / 2
        if excess(mid) >= 0:
            lo = mid
        else:
            hi = mid
    lam = (lo + hi) / 2
    for _ in range(_NEWTON_STEPS):
        slope = mp.fsum(df((v - lam) / tau) for v in xs) / tau
        if slope == 0:
            break
        step = excess(lam) / slope
        # safeguard: stay inside the bracket (a first step from its midpoint may overshoot an end by ~width^2)
        lam = min(max(lam + step, lo), hi)
        if abs(step) <= eps:
            break
    if abs(excess(lam)) > mp.mpf(2) ** (-mp.prec) * n * 64:
        # Newton was cut short (a kink of expclip next to the root): finish by bisection alone
        while hi - lo > eps:
            mid = (lo + hi) / 2
            if excess(mid) >= 0:
                lo = mid
            else:
                hi = mid
        lam = (lo + hi) / 2
    return lam


def topk_threshold(
    x: Sequence[Any], k: int, tau: Any = 1, *, f: str = "sigmoid", dps: int = DEFAULT_DPS
) -> tuple[Any, list[Any]]:
    """The threshold top-k map by root finding: ``(lam, p)``.

    .. math:: p_i = f\\Big(\\frac{x_i-\\lambda}{\\tau}\\Big),\\qquad \\sum_i p_i = k,

    :math:`f` the logistic sigmoid, :math:`\\min(1, e^z)` (``"expclip"``) or the :math:`C^1` smoothstep
    :math:`1-\\tfrac12e^{-z}` (:math:`z\\ge0`), :math:`\\tfrac12e^{z}` (:math:`z<0`).  Source: Su,
    Softmax后传 (kexue.fm/archives/10373), ThreTopK; bisection on the bracket of LOWR-TOPK-7 plus at most
    five Newton steps, never a closed form.

    Parameters: ``x`` a non-empty real vector (ints, Fractions, decimal strings, mpf, SymPy rationals),
    ``1 <= k <= n - 1``, ``tau > 0``; errors raise ``ValueError``.

    >>> lam, p = topk_threshold([3, 2, 1, 4], 2, dps=20)
    >>> mpmath.nstr(lam, 10), mpmath.nstr(p[3], 10)
    ('2.5', '0.8175744762')
    """
    dps = check_dps(dps)
    with mpmath.workdps(dps + 20):
        xs, k, t, f = _inputs(x, k, tau, f)
        lam = _solve(xs, k, t, f)
        fn = _TABLE[f][0]
        p = [fn((v - lam) / t) for v in xs]
    return round_to(lam, dps), round_to(p, dps)


def topk_threshold_jacobian(
    x: Sequence[Any], k: int, tau: Any = 1, *, f: str = "sigmoid", dps: int = DEFAULT_DPS
) -> tuple[Any, Any]:
    """``(grad, J)``: :math:`\\partial\\lambda/\\partial x_j` (a 1 x n matrix) and
    :math:`J_{ij} = \\partial p_i/\\partial x_j` (n x n), by central differences of :func:`topk_threshold`.

    LOWR-TOPK-8 states :math:`\\partial_j\\lambda = d_j/\\sum_l d_l`,
    :math:`\\tau J = \\operatorname{diag}(d) - dd^\\top/\\sum_l d_l`, :math:`d_i = f'((x_i-\\lambda)/\\tau)`;
    this route does not use it: each column is :math:`(g(x+he_j)-g(x-he_j))/2h` with the threshold
    recomputed by root finding at ``2 dps + 40`` digits and :math:`h = 10^{-(dps+20)}`, the perturbation
    applied in that precision (pitfall 10).  At expclip's kink (some :math:`x_i = \\lambda`) the
    derivative does not exist and the difference is the mean of the two one-sided ones.
    """
    dps = check_dps(dps)
    with mpmath.workdps(2 * dps + 40):
        xs, k, t, f = _inputs(x, k, tau, f)
        fn = _TABLE[f][0]
        n = len(xs)
        h = mp.mpf(10) ** -(dps + 20)
        grad = mp.matrix(1, n)
        jac = mp.matrix(n, n)
        for j in range(n):
            values = []
            for sign in (1, -1):
                moved = list(xs)
                moved[j] += sign * h
                lam = _solve(moved, k, t, f)
                values.append((lam, [fn((v - lam) / t) for v in moved]))
            (lp, pp), (lm, pm) = values
            grad[0, j] = (lp - lm) / (2 * h)
            for i in range(n):
                jac[i, j] = (pp[i] - pm[i]) / (2 * h)
    return round_to(grad, dps), round_to(jac, dps)


def sigmoid_threshold_polyroot(
    x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS
) -> tuple[Any, list[Any]]:
    """The sigmoid threshold as ``tau * log`` of the positive root of a polynomial (``mp.polyroots``).

    With :math:`a_i = e^{x_i/\\tau}` and :math:`u = e^{\\lambda/\\tau}`,
    :math:`\\sigma((x_i-\\lambda)/\\tau) = a_i/(a_i+u)`, so :math:`F = k` clears to
    :math:`\\sum_ia_i\\prod_{j\\ne i}(a_j+u) - k\\prod_j(a_j+u) = 0` (spec LOWR-TOPK-7, route (b)).  The
    coefficients are built by multiplying out the linear factors; the root is the unique positive one.
    """
    dps = check_dps(dps)
    with mpmath.workdps(dps + 20):
        xs, k, t, _ = _inputs(x, k, tau, "sigmoid")
        shift = max(xs)  # a common shift keeps the a_i <= 1 (lambda moves with it)
        a = [mp.exp((v - shift) / t) for v in xs]

        def product(factors: list[Any]) -> list[Any]:  # coefficients of prod (a_j + u), lowest first
            coeffs = [mp.one]
            for c in factors:
                coeffs = (
                    [c * coeffs[0]]
                    + [c * coeffs[i] + coeffs[i - 1] for i in range(1, len(coeffs))]
                    + [coeffs[-1]]
                )
            return coeffs

        total = [-k * c for c in product(a)]
        for i, ai in enumerate(a):
            for d, c in enumerate(product(a[:i] + a[i + 1 :])):
                total[d] += ai * c
        roots = mp.polyroots(list(reversed(total)), maxsteps=200, extraprec=4 * mp.prec)
        tol = mp.mpf(10) ** -(dps + 5)
        positive = [mp.re(r) for r in roots if abs(mp.im(r)) <= tol * (1 + abs(r)) and mp.re(r) > 0]
        if len(positive) != 1:
            raise ArithmeticError(f"expected one positive root, found {len(positive)}")
        lam = shift + t * mp.log(positive[0])
        p = [_f_sigmoid((v - lam) / t) for v in xs]
    return round_to(lam, dps), round_to(p, dps)
