"""Arb routes of the brachistochrone, the Euler-Lagrange examples, Galileo's arc and chord, the minimality
checks.

The certified tier (:mod:`proofs.core.certify`) compares each route with the closed form in ball arithmetic;
every route here uses python-flint only and never the closed form it is checked against.  Three tools:

- **Taylor arithmetic** (``arb_series``): a derivative is a Taylor coefficient, computed by truncated
  power-series arithmetic on the integrand or the curve (the Arb port of ``mp.diff``).  The partial
  derivatives of an integrand :math:`F(y, p) = \\sum_i G_i(y)H_i(p)` along a curve come from the Taylor
  coefficients of each factor composed with the curve's series (:func:`_along`); where the data are
  polynomial the computation is exact (``fmpq_poly``).
- **Quadrature** (``acb.integral``) of the time functional :math:`\\int ds/\\sqrt{2gy}` along the path.
  The :math:`1/\\sqrt{y}` singularity at the start is removed by a substitution that makes the depth a
  square (:math:`t = \\sin^2 u`, :math:`\\varphi = u^2`, :math:`\\theta = \\theta_0 + u^2`) and by dividing
  the common factor out of :math:`ds` and the speed (:math:`\\sin z = z\\,\\mathrm{sinc}\\,z`), so that
  every integrand is analytic on the closed interval.  Square roots receive ``analytic=``, so Arb refuses
  to bound across a branch cut; ball parameters enter the integrand, and the interval of integration is
  the exact [0, 1].
- **Certified roots** (:func:`_root`): bisection and Newton on midpoints find an approximation m; the
  interval Newton step :math:`N = m - f(m)/f'(I)` over :math:`I = [m - \\delta, m + \\delta]` proves, when
  :math:`N \\subseteq I`, that f has exactly one zero in I and that it lies in N (Moore's theorem).

Every route works with 32 guard bits above the precision it is given and validates its parameters (a
``ValueError`` naming the parameter).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..arb import integer, positive, precision, rational

__all__ = [
    "arc_time", "beltrami_derivative", "brachistochrone_el_scaled", "catenary_circle_checks", "chord_time",
    "constant_path_checks", "cycloid_derivatives", "endpoint_checks", "first_integral_checks",
    "jacobi_field", "legendre_condition", "line_time", "quarter_circle_time", "segment_time",
    "shooting_time", "snell_checks", "tautochrone_checks", "vertical_drop_time",
]

_GUARD = 32  # bits above the certified tier's precision
Series = Any  # flint.arb_series
Fn = Callable[[Series], Series]


# --- shared tools ------------------------------------------------------------------------------------


def _with_guard(prec: int) -> Any:
    """The working precision: ``prec`` (at least 2 bits) plus the guard bits."""
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
        raise ValueError(f"prec must be an integer number of bits >= 2, got {prec!r}")
    return precision(prec + _GUARD)



def _coef(s: Series, k: int) -> Any:
    """The k-th Taylor coefficient of the series ``s`` (zero beyond its stored length)."""
    from flint import arb

    c = s.coeffs()
    return c[k] if k < len(c) else arb(0)


def _trunc(s: Series, n: int) -> Series:
    from flint import arb_series

    return arb_series([_coef(s, k) for k in range(n)], prec=n)


def _taylor(fn: Fn, at: Any, n: int) -> list[Any]:
    """The coefficients :math:`f^{(k)}(a)/k!`, k < n, of ``fn`` at the ball ``at``, by series arithmetic."""
    from flint import arb_series

    s = fn(arb_series([at, 1], prec=n))
    return [_coef(s, k) for k in range(n)]


def _compose(coeffs: Sequence[Any], inner: Series) -> Series:
    """:math:`\\sum_k c_k\\,\\mathrm{inner}^k` to the inner series' length.  inner(0) = 0 exactly, so the
    truncation drops only terms of higher order (no approximation)."""
    from flint import arb_series

    if inner.length() == 0:  # python-flint refuses to compose with the zero series; the sum is then c_0
        return arb_series(list(coeffs)[:1], prec=inner.prec)
    return arb_series(list(coeffs), prec=inner.prec)(inner)


def _increment(s: Series) -> Series:
    """``s - s(0)`` with an exactly zero constant term."""
    from flint import arb_series

    return arb_series([0] + [_coef(s, k) for k in range(1, s.prec)], prec=s.prec)


def _one(s: Series) -> Series:
    return s * 0 + 1


def _sqrt_one_plus_square(p: Series) -> Series:
    return (1 + p * p).sqrt()


#: the integrands of VAR-A2 (indices as in proofs.variational.INTEGRANDS_SYM) as sums of G(y) H(p)
_INTEGRANDS: dict[int, tuple[tuple[Fn, Fn], ...]] = {
    0: ((lambda y: y.rsqrt(), _sqrt_one_plus_square),),  # sqrt(1 + p^2)/sqrt(y): the brachistochrone
    1: ((lambda y: y, _sqrt_one_plus_square),),  # y sqrt(1 + p^2): the catenary
    2: ((_one, _sqrt_one_plus_square),),  # arclength
    3: ((_one, lambda p: p * p / 2), (lambda y: -(y * y) / 2, _one)),  # p^2/2 - y^2/2
}
_CIRCLE = ((lambda y: y.inv(), _sqrt_one_plus_square),)  # sqrt(1 + p^2)/y


def _along(pairs: Sequence[tuple[Fn, Fn]], curve: Series) -> tuple[Series, Series, Series, Series]:
    """(F, F_y, F_{y'}, y') along the curve whose Taylor series at the point is ``curve`` (in t = x - x0),
    each one coefficient shorter than ``curve``.

    Each factor's Taylor coefficients at the point's y and y' are composed with the increments of y and y'
    along the curve: the chain rule, carried out by series arithmetic.
    """
    slope = curve.derivative()
    n = slope.prec
    dy, dp = _trunc(_increment(curve), n), _increment(slope)
    F = Fy = Fp = None
    for G, H in pairs:
        g, h = _taylor(G, _coef(curve, 0), n + 1), _taylor(H, _coef(slope, 0), n + 1)
        dg = [k * g[k] for k in range(1, n + 1)]
        dh = [k * h[k] for k in range(1, n + 1)]
        Gc, Gy = _compose(g[:n], dy), _compose(dg, dy)
        Hc, Hp = _compose(h[:n], dp), _compose(dh, dp)
        terms = (Gc * Hc, Gy * Hc, Gc * Hp)
        F, Fy, Fp = terms if F is None else (F + terms[0], Fy + terms[1], Fp + terms[2])
    return F, Fy, Fp, slope


def _jet_curve(y: Any, p: Any, q: Any) -> Series:
    """The curve :math:`y + px + qx^2/2` through the jet (y, y', y'') at x = 0, as a series."""
    from flint import arb_series

    return arb_series([y, p, q / 2], prec=3)


def _kind(kind: Any) -> tuple[tuple[Fn, Fn], ...]:
    k = integer(kind, "kind", low=0)
    if k not in _INTEGRANDS:
        raise ValueError(f"kind must be one of {sorted(_INTEGRANDS)}, got {kind!r}")
    return _INTEGRANDS[k]


def _root(value: Callable[[Any], Any], slope: Callable[[Any], Any], lo: Any, hi: Any, what: str) -> Any:
    """The zero of an increasing f in (lo, hi) as a certified ball.

    ``value(m)`` encloses f at an exact point, ``slope(I)`` encloses f' on a ball.  Bisection (on signs
    decided in balls) and Newton on midpoints give an approximation m; the interval Newton test
    :math:`m - f(m)/f'(I) \\subseteq I` certifies the zero (``ArithmeticError`` if it cannot).
    """
    from flint import arb, ctx

    lo, hi = arb(lo), arb(hi)
    for _ in range(24):
        mid = arb((lo + hi).mid()) / 2
        v = value(mid)
        if v < 0:
            lo = mid
        elif v > 0:
            hi = mid
        else:
            break
    x = arb(((lo + hi) / 2).mid())
    tol = arb(2) ** (8 - ctx.prec)
    for _ in range(80):
        step = arb((value(x) / slope(x)).mid())
        new = arb((x - step).mid())
        if not (lo < new < hi):  # Newton left the bracket: bisect instead
            new = arb(((lo + hi) / 2).mid())
        v = value(new)
        if v < 0:
            lo = new
        elif v > 0:
            hi = new
        x = new
        if abs(step) <= tol * abs(x):
            break
    for k in range(12, ctx.prec // 2, 12):
        delta = abs(x) * arb(2) ** (k - ctx.prec)
        box = (x - delta).union(x + delta)
        newton = x - value(x) / slope(box)
        if newton.is_finite() and box.contains(newton):
            return newton
    raise ArithmeticError(f"the interval Newton test could not certify {what} at this precision")


def _integral(f: Callable[[Any, Any], Any]) -> Any:
    """:math:`\\int_0^1 f` by ``acb.integral`` (the real part: every integrand here is real on [0, 1])."""
    from flint import acb

    value = acb.integral(f, 0, 1)
    if not value.is_finite():
        raise ArithmeticError("acb.integral returned a non-finite ball")
    return value.real


# --- Euler-Lagrange, Beltrami, Legendre, Snell (Taylor arithmetic) ------------------------------------


def brachistochrone_el_scaled(y: Any, p: Any, q: Any, prec: int = 199) -> Any:
    """VAR-A1: :math:`\\mathcal E\\cdot 2y^{3/2}(1+y'^2)^{3/2}`, :math:`\\mathcal E = F_y - \\frac{d}{dx}F_{y'}`,
    :math:`F = \\sqrt{1+y'^2}/\\sqrt y`, at the jet (y, y', y'') = (y, p, q).

    Method: along the curve :math:`y + px + qx^2/2` (that jet at x = 0) F_y and F_{y'} are Taylor series
    in x, from the Taylor coefficients of :math:`1/\\sqrt y` and :math:`\\sqrt{1+p^2}` (:func:`_along`);
    :math:`\\frac{d}{dx}F_{y'}` is the linear coefficient.  The scale factor is a product of balls.
    """
    yy, pp, qq = positive(y, "y"), rational(p, "p"), rational(q, "q")
    from flint import arb

    with _with_guard(prec):
        _, Fy, Fp, _ = _along(_INTEGRANDS[0], _jet_curve(yy, pp, qq))
        el = _coef(Fy, 0) - _coef(Fp, 1)
        return el * 2 * (arb(yy) ** 3).sqrt() * (arb(1 + pp * pp) ** 3).sqrt()


def beltrami_derivative(kind: Any, x: Any, prec: int = 199) -> Any:
    """VAR-A2: :math:`\\frac{d}{dx}(F - y'F_{y'})` for the integrand ``kind`` along
    :math:`y = 1 + x^2 + \\sin x`.

    Method: the curve's Taylor series at x (``arb_series``), F and F_{y'} along it (:func:`_along`), the
    linear coefficient of :math:`F - y'F_{y'}`.  The identity's other side (y' times EL) is not used.
    """
    pairs, x0 = _kind(kind), rational(x, "x")
    from flint import arb_series

    with _with_guard(prec):
        t = arb_series([x0, 1], prec=3)
        F, _, Fp, slope = _along(pairs, 1 + t * t + t.sin())
        return _coef(F - slope * Fp, 1)


def constant_path_checks(c: Any, prec: int = 199) -> list[Any]:
    """VAR-A2-CAVEAT: :math:`[\\mathcal E, F - y'F_{y'}]` of the brachistochrone integrand on the line y = c.

    Method: the constant curve's series; F_y and the linear coefficient of F_{y'} give EL (:func:`_along`).
    """
    cc = positive(c, "c")
    from flint import fmpq

    with _with_guard(prec):
        F, Fy, Fp, slope = _along(_INTEGRANDS[0], _jet_curve(cc, fmpq(0), fmpq(0)))
        return [_coef(Fy, 0) - _coef(Fp, 1), _coef(F - slope * Fp, 0)]


def first_integral_checks(y: Any, p: Any, q: Any, prec: int = 199) -> list[Any]:
    """VAR-A6: :math:`[F - y'F_{y'},\\ \\frac{d}{dx}[y(1+y'^2)]]` at the jet (y, p, q), F the brachistochrone's.

    Method: the first entry by Taylor arithmetic (:func:`_along`); the second exactly: the polynomial
    :math:`Y = y + px + qx^2/2` in ``fmpq_poly``, :math:`(Y(1 + Y'^2))'` evaluated at 0.
    """
    yy, pp, qq = positive(y, "y"), rational(p, "p"), rational(q, "q")
    from flint import fmpq_poly

    with _with_guard(prec):
        F, _, Fp, slope = _along(_INTEGRANDS[0], _jet_curve(yy, pp, qq))
        Y = fmpq_poly([yy, pp, qq / 2])
        return [_coef(F - slope * Fp, 0), (Y * (1 + Y.derivative() ** 2)).derivative()(0)]


def legendre_condition(y: Any, p: Any, prec: int = 199) -> Any:
    """VAR-A14: :math:`F_{y'y'}` of :math:`F = \\sqrt{1+y'^2}/\\sqrt y`: :math:`y^{-1/2}` times twice the
    quadratic Taylor coefficient of :math:`\\sqrt{1+p^2}` at p (``arb_series``)."""
    yy, pp = positive(y, "y"), rational(p, "p")
    from flint import arb

    with _with_guard(prec):
        return arb(yy).rsqrt() * 2 * _taylor(_sqrt_one_plus_square, arb(pp), 3)[2]


def catenary_circle_checks(a: Any, b: Any, R: Any, x0: Any, x: Any, prec: int = 199) -> list[Any]:
    """VAR-A15: :math:`[F - y'F_{y'},\\ \\frac{d}{dx}F_{y'}]` along the catenary :math:`a\\cosh((x-b)/a)` for
    :math:`F = y\\sqrt{1+y'^2}`, then along the circle :math:`\\sqrt{R^2-(x-x_0)^2}` for
    :math:`F = \\sqrt{1+y'^2}/y`.

    Method: each curve's Taylor series at x (exp and sqrt of series), the integrand along it (:func:`_along`).
    """
    aa, bb, RR = positive(a, "a"), rational(b, "b"), positive(R, "R")
    c0, xx = rational(x0, "x0"), rational(x, "x")
    if not abs(xx - c0) < RR:
        raise ValueError(f"x must satisfy |x - x0| < R, got x = {x!r}, x0 = {x0!r}, R = {R!r}")
    from flint import arb_series

    with _with_guard(prec):
        t = arb_series([xx, 1], prec=3)
        u = (t - bb) / aa
        catenary = aa * (u.exp() + (-u).exp()) / 2
        circle = (RR * RR - (t - c0) * (t - c0)).sqrt()
        out = []
        for pairs, curve in ((_INTEGRANDS[1], catenary), (_CIRCLE, circle)):
            F, _, Fp, slope = _along(pairs, curve)
            out += [_coef(F - slope * Fp, 0), _coef(Fp, 1)]
        return out


def snell_checks(a: Any, b: Any, d: Any, v1: Any, v2: Any, x: Any, prec: int = 199) -> list[Any]:
    """VAR-A4: :math:`[T'(x), T''(x), x^*_{refl}]`, :math:`T(s) = \\sqrt{a^2+s^2}/v_1 + \\sqrt{b^2+(d-s)^2}/v_2`.

    Method: T' and T'' are Taylor coefficients of T at x (``arb_series``).  The reflection point is the
    zero in (0, d) of the derivative of :math:`\\sqrt{a^2+s^2} + \\sqrt{b^2+(d-s)^2}` (increasing: its
    second derivative is positive), certified by :func:`_root`, both derivatives from series arithmetic.
    """
    aa, bb, dd = positive(a, "a"), positive(b, "b"), positive(d, "d")
    w1, w2, xx = positive(v1, "v1"), positive(v2, "v2"), rational(x, "x")
    from flint import arb, arb_series

    def travel(s: Series, u1: Any, u2: Any) -> Series:
        return (aa * aa + s * s).sqrt() / u1 + (bb * bb + (dd - s) * (dd - s)).sqrt() / u2

    def reflection(at: Any, k: int) -> Any:  # the k-th derivative of the one-medium time, k = 1, 2
        return _coef(travel(arb_series([at, 1], prec=3), 1, 1), k) * k

    with _with_guard(prec):
        T = travel(arb_series([arb(xx), 1], prec=3), w1, w2)
        x_refl = _root(lambda m: reflection(m, 1), lambda box: reflection(box, 2), 0, dd,
                       "the reflection point")
        return [_coef(T, 1), 2 * _coef(T, 2), x_refl]


# --- the cycloid: derivatives, endpoint, Jacobi field --------------------------------------------------


def _arch_angle(theta: Any, what: str = "theta") -> Any:
    from flint import arb

    th = positive(theta, what)
    if not arb(th) < 2 * arb.pi():
        raise ValueError(f"{what} must lie in (0, 2 pi), got {theta!r}")
    return th


def _theta_minus_sin(s: Series) -> Series:
    """:math:`\\theta - \\sin\\theta` of a series (the guard bits cover the cancellation for small θ)."""
    return s - s.sin()


def cycloid_derivatives(r: Any, theta: Any, prec: int = 199) -> list[Any]:
    """VAR-A7: :math:`[y', y'', y(1+y'^2), 2yy'']` on the cycloid :math:`x = r(\\theta - \\sin\\theta)`,
    :math:`y = r(1-\\cos\\theta)` at rolling angle θ.

    Method: x and y as Taylor series in θ (``arb_series``); :math:`y' = y_\\theta/x_\\theta` by series
    division and :math:`y'' = (y')_\\theta/x_\\theta`.
    """
    rr, th = positive(r, "r"), _arch_angle(theta)
    from flint import arb, arb_series

    with _with_guard(prec):
        s = arb_series([th, 1], prec=3)
        x_t, y_t = (rr * _theta_minus_sin(s)).derivative(), (rr * (1 - s.cos())).derivative()
        slope = y_t / x_t
        p, q = _coef(slope, 0), _coef(slope.derivative(), 0) / _coef(x_t, 0)
        y = rr * (1 - arb(th).cos())
        return [p, q, y * (1 + p * p), 2 * y * q]


def endpoint_checks(theta: Any, prec: int = 199) -> list[Any]:
    """VAR-A9: :math:`[\\varphi'(\\theta)(1-\\cos\\theta)^2,\\ \\theta_1]`, where
    :math:`\\varphi = (\\theta-\\sin\\theta)/(1-\\cos\\theta)` and θ1 is the zero in (0, 2π) of the endpoint
    equation :math:`(\\theta - \\sin\\theta) - \\rho(1 - \\cos\\theta)` at :math:`\\rho = X/Y = \\pi/2`.

    Method: φ' is the linear Taylor coefficient of φ (series division); θ1 by the certified root finder
    :func:`_root` on the denominator-free form, its derivative by series arithmetic.
    """
    th = _arch_angle(theta)
    from flint import arb, arb_series

    with _with_guard(prec):
        s = arb_series([th, 1], prec=2)
        phi = _theta_minus_sin(s) / (1 - s.cos())
        scaled = _coef(phi, 1) * (1 - arb(th).cos()) ** 2
        rho = arb.pi() / 2

        def f(at: Any, k: int) -> Any:
            u = arb_series([at, 1], prec=2)
            return _coef(_theta_minus_sin(u) - rho * (1 - u.cos()), k)

        edge = arb(1) / 64
        theta1 = _root(lambda m: f(m, 0), lambda box: f(box, 1), edge, 2 * arb.pi() - edge,
                       "the endpoint angle")
        return [scaled, theta1]


def jacobi_field(r: Any, theta: Any, prec: int = 199) -> Any:
    """VAR-A14-JACOBI: :math:`h = \\partial y/\\partial\\rho|_x` at ρ = r for the cycloids through the cusp,
    :math:`y = \\rho(1-\\cos\\vartheta)` with :math:`\\rho(\\vartheta - \\sin\\vartheta) = x`, at
    :math:`x = r(\\theta-\\sin\\theta)`.

    Method: the family member ϑ at ρ = r is the certified zero (:func:`_root`) in (0, 2π) of
    :math:`\\rho(\\vartheta - \\sin\\vartheta) - x`.  Its Taylor series in :math:`t = \\rho - r` to first order
    is one Newton step in truncated series arithmetic from that zero (Newton on power series doubles the
    number of correct coefficients; the zero's ball contains the true zero, and the step's constant
    correction contains 0).  h is the linear coefficient of :math:`\\rho(1 - \\cos\\vartheta(\\rho))`.
    """
    rr, th = positive(r, "r"), _arch_angle(theta)
    from flint import arb, arb_series

    with _with_guard(prec):
        x = rr * (arb(th) - arb(th).sin())

        def f(at: Any, k: int) -> Any:
            return _coef(rr * _theta_minus_sin(arb_series([at, 1], prec=2)) - x, k)

        edge = arb(1) / 1024
        root = _root(lambda m: f(m, 0), lambda box: f(box, 1), edge, 2 * arb.pi() - edge,
                     "the family's rolling angle")
        rho, v0 = arb_series([rr, 1], prec=2), arb_series([root], prec=2)
        v1 = v0 - (rho * _theta_minus_sin(v0) - x) / (rho * (1 - v0.cos()))
        return _coef(rho * (1 - v1.cos()), 1)


# --- descent times by quadrature -----------------------------------------------------------------------


def _line(X: Any, Y: Any, g: Any) -> Any:
    """The time along the straight line from rest at the origin to (X, Y) (balls or rationals, Y > 0).

    :math:`T = \\int_0^1 L\\,dt/\\sqrt{2gYt}`, L the length.  :math:`t = \\sin^2 u` makes the depth a square:
    :math:`dt = 2\\sin u\\cos u\\,du` and :math:`\\sqrt{t} = \\sin u` on [0, π/2], so the integrand becomes
    :math:`2L\\cos u/\\sqrt{2gY}`, analytic; u = πw/2 maps [0, π/2] to [0, 1].
    """
    from flint import arb

    L = (arb(X) ** 2 + arb(Y) ** 2).sqrt()
    scale = L * arb.pi() / (2 * g * arb(Y)).sqrt()
    half_pi = arb.pi() / 2
    return _integral(lambda w, analytic: scale * (half_pi * w).cos())


def vertical_drop_time(Y: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A5: :math:`T = \\int_0^Y dy/\\sqrt{2gy}`, the time functional of the vertical drop, by quadrature
    (:func:`_line` with X = 0)."""
    YY, gg = positive(Y, "Y"), positive(g, "g")
    with _with_guard(prec):
        return _line(0, YY, gg)


def line_time(X: Any, Y: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A10: the time functional along the straight line to (X, Y), by quadrature (:func:`_line`)."""
    XX, YY, gg = rational(X, "X"), positive(Y, "Y"), positive(g, "g")
    if XX < 0:
        raise ValueError(f"X must be non-negative, got {X!r}")
    with _with_guard(prec):
        return _line(XX, YY, gg)


def chord_time(D: Any, Y: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A11-CHORD: the time along the chord from the top of the vertical circle of diameter D to its
    point :math:`(\\sqrt{Y(D-Y)}, Y)` at depth Y, by quadrature of the straight-line time functional
    (:func:`_line`)."""
    DD, YY, gg = positive(D, "D"), positive(Y, "Y"), positive(g, "g")
    if YY > DD:
        raise ValueError(f"Y must satisfy 0 < Y <= D, got Y = {Y!r}, D = {D!r}")
    from flint import arb

    with _with_guard(prec):
        return _line(arb(YY * (DD - YY)).sqrt(), YY, gg)


def segment_time(dx: Any, y0: Any, y1: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A13: the time along the straight segment from depth y0 to depth y1 > y0 (run dx), by quadrature.

    y0 > 0: :math:`\\int_0^1 L\\,dt/\\sqrt{2g(y_0 + (y_1-y_0)t)}`, analytic on [0, 1] (``sqrt`` with
    ``analytic=``); y0 = 0: the straight line from rest (:func:`_line`).
    """
    run, top, bottom, gg = rational(dx, "dx"), rational(y0, "y0"), positive(y1, "y1"), positive(g, "g")
    if run < 0 or top < 0:
        raise ValueError(f"dx and y0 must be non-negative, got dx = {dx!r}, y0 = {y0!r}")
    if not top < bottom:
        raise ValueError(f"y0 must be above y1 (0 <= y0 < y1), got y0 = {y0!r}, y1 = {y1!r}")
    from flint import arb

    with _with_guard(prec):
        if top == 0:
            return _line(run, bottom, gg)
        L = arb(run * run + (bottom - top) ** 2).sqrt()
        return _integral(lambda t, analytic: L / (2 * gg * (top + (bottom - top) * t)).sqrt(analytic=analytic))


def _arc(X: Any, Y: Any, g: Any) -> Any:
    """The time along the circle through (0, 0) and (X, Y) with centre (c, 0), :math:`c = (X^2+Y^2)/(2X)`.

    :math:`(x, y) = (c(1-\\cos\\varphi), c\\sin\\varphi)`, :math:`\\varphi_1 = \\mathrm{atan2}(Y/c, 1 - X/c)`,
    :math:`T = \\int_0^{\\varphi_1} c\\,d\\varphi/\\sqrt{2gc\\sin\\varphi}`.  With :math:`\\varphi = \\varphi_1w^2`
    and :math:`\\sin\\varphi = \\varphi\\,\\mathrm{sinc}\\,\\varphi` (sinc > 0 on [0, π)) the factor w cancels:
    :math:`T = \\int_0^1 2c\\sqrt{\\varphi_1}\\,dw/\\sqrt{2gc\\,\\mathrm{sinc}(\\varphi_1w^2)}`.
    """
    from flint import arb

    c = (X * X + Y * Y) / (2 * X)
    phi1 = arb.atan2(arb(Y / c), arb(1 - X / c))
    scale = 2 * c * phi1.sqrt() / (2 * g * arb(c)).sqrt()
    return _integral(lambda w, analytic: scale / (phi1 * w * w).sinc().sqrt(analytic=analytic))


def quarter_circle_time(R: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A11: the time along Galileo's quarter circle of radius R (X = Y = R), by quadrature
    (:func:`_arc`)."""
    RR, gg = positive(R, "R"), positive(g, "g")
    with _with_guard(prec):
        return _arc(RR, RR, gg)


def arc_time(X: Any, Y: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A11-ARC: the time along Galileo's arc to (X, Y), by quadrature (:func:`_arc`)."""
    XX, YY, gg = positive(X, "X"), positive(Y, "Y"), positive(g, "g")
    with _with_guard(prec):
        return _arc(XX, YY, gg)


def tautochrone_checks(r: Any, theta0: Any, g: Any, prec: int = 199) -> list[Any]:
    """VAR-A12: :math:`[s(\\theta_0)^2, T(\\theta_0)]`: the squared arclength from rolling angle θ0 to the
    bottom θ = π of the cycloid of radius r, and the time to get there from rest.

    s: :math:`\\int_{\\theta_0}^\\pi \\sqrt{x_\\theta^2 + y_\\theta^2}\\,d\\theta` with
    :math:`x_\\theta = r(1-\\cos\\theta)`, :math:`y_\\theta = r\\sin\\theta`, by ``acb.integral``.  Both vanish at
    the cusp θ = 0, where the square root is not analytic; the factor θ is taken out of both
    (:math:`1-\\cos\\theta = 2\\sin^2\\frac\\theta2 = \\theta\\cdot\\frac\\theta2\\mathrm{sinc}^2\\frac\\theta2`,
    :math:`\\sin\\theta = \\theta\\,\\mathrm{sinc}\\,\\theta`), which leaves a square root of a positive analytic
    function.  T: :math:`\\int_{\\theta_0}^\\pi ds/\\sqrt{2g(y(\\theta)-y(\\theta_0))}`, the drop being
    :math:`2r\\sin(\\theta_0 + u^2/2)\\sin(u^2/2)` at :math:`\\theta = \\theta_0 + u^2`;
    :math:`\\sin z = z\\,\\mathrm{sinc}\\,z` cancels the factor u of :math:`d\\theta = 2u\\,du` (and, for
    θ0 = 0, the root of :math:`\\sin(u^2/2)` left in ds over the speed).
    """
    rr, t0, gg = positive(r, "r"), rational(theta0, "theta0"), positive(g, "g")
    from flint import arb

    if t0 < 0 or not arb(t0) < arb.pi():
        raise ValueError(f"theta0 must lie in [0, pi), got {theta0!r}")
    with _with_guard(prec):
        pi = arb.pi()

        def speed(th: Any, analytic: Any) -> Any:  # sqrt(x'^2 + y'^2) with the factor theta >= 0 taken out
            x_over = th / 2 * (th / 2).sinc() ** 2
            return rr * th * (x_over ** 2 + th.sinc() ** 2).sqrt(analytic=analytic)

        span = pi - t0
        s = span * _integral(lambda w, analytic: speed(t0 + span * w, analytic))
        U = (pi - t0).sqrt()

        def time(w: Any, analytic: Any) -> Any:
            u2 = (U * w) ** 2
            sinc = (u2 / 2).sinc()
            if t0 == 0:  # sin(theta/2) / sqrt(sin(theta0 + u^2/2)) = sqrt(sin(u^2/2)) = u sqrt(sinc/2)
                top = U * w * (sinc / 2).sqrt(analytic=analytic)
                return 4 * rr * top / (2 * gg * rr * sinc).sqrt(analytic=analytic)
            drop = 2 * gg * rr * (t0 + u2 / 2).sin() * sinc
            return 4 * rr * ((t0 + u2) / 2).sin() / drop.sqrt(analytic=analytic)

        return [s * s, U * _integral(time)]


def shooting_time(r: Any, theta1: Any, g: Any, prec: int = 199) -> Any:
    """VAR-A8: the descent time to the end :math:`(X, Y) = (r(\\theta_1 - \\sin\\theta_1), r(1-\\cos\\theta_1))`
    of the cycloid, by Bernoulli-Snell shooting from the end point alone.

    With ψ the tangent angle from the vertical, Snell's law :math:`\\sin\\psi/\\sqrt y = c` gives
    :math:`y = \\sin^2\\psi/c^2` and :math:`dx/d\\psi = 2\\sin^2\\psi/c^2`.  The end angle ψ1 is the certified
    zero (:func:`_root`) in (0, π) of :math:`h(\\psi) = \\int_0^\\psi 2\\sin^2 - (X/Y)\\sin^2\\psi` (the
    integral by ``acb.integral``; :math:`h' = 2\\sin^2\\psi - (X/Y)\\sin 2\\psi`), and
    :math:`c = \\sin\\psi_1/\\sqrt Y`.  The time :math:`\\int_0^{\\psi_1}\\sqrt{x_\\psi^2 + y_\\psi^2}\\,d\\psi/
    \\sqrt{2gy}` by ``acb.integral``, the common factor :math:`\\sin\\psi` of
    :math:`\\sqrt{x_\\psi^2+y_\\psi^2} = 2\\sin\\psi\\sqrt{\\sin^2\\psi+\\cos^2\\psi}/c^2` and of
    :math:`\\sqrt{y} = \\sin\\psi/c` divided out.
    """
    rr, th, gg = positive(r, "r"), _arch_angle(theta1, "theta1"), positive(g, "g")
    from flint import acb, arb

    with _with_guard(prec):
        angle = arb(th)
        X, Y = rr * (angle - angle.sin()), rr * (1 - angle.cos())
        rho = X / Y

        def h(at: Any) -> Any:
            swept = acb.integral(lambda s, analytic: 2 * s.sin() ** 2, 0, at).real
            return swept - rho * at.sin() ** 2

        def dh(box: Any) -> Any:
            return 2 * box.sin() ** 2 - rho * (2 * box).sin()

        pi = arb.pi()
        psi1 = _root(h, dh, pi / 1024, pi - pi / 1024, "the shooting angle")
        c = psi1.sin() / Y.sqrt()

        def rate(w: Any, analytic: Any) -> Any:
            p = psi1 * w
            return 2 * (p.sin() ** 2 + p.cos() ** 2).sqrt(analytic=analytic) / (c * arb(2 * gg).sqrt())

        return psi1 * _integral(rate)
