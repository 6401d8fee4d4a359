"""Euler–Lagrange, Beltrami and Snell quantities by numerical differentiation (private).

Every derivative here is taken by ``mpmath.diff`` (finite differences at raised
precision, nested where a total derivative along a curve is needed) of the
*integrand* F or of a curve, never from a symbolic formula; ODEs are integrated by
``mpmath.odefun`` and optima found by ``findroot``.  Public names are re-exported by
:mod:`numerics.variational`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mpmath import mp

from .brachistochrone_paths import safe_newton, theta_minus_sin
from .validation import arch_angle, positive, real
from numerics.agree import DEFAULT_DPS, with_dps

__all__ = [
    "INTEGRANDS",
    "beltrami_derivative",
    "brachistochrone_el_scaled",
    "catenary_checks",
    "circle_checks",
    "constant_path_el",
    "cycloid_derivatives",
    "el_ode_solution",
    "el_times_slope",
    "el_value",
    "first_integral_derivative",
    "layered_first_integral",
    "legendre_condition",
    "reflection_point",
    "snell_derivatives",
    "snell_point",
]

Fn = Callable[[Any, Any], Any]

#: Concrete integrands F(y, p) (p = y') used by the Beltrami checks (spec VAR-A2 (a)).
INTEGRANDS: dict[int, Fn] = {
    0: lambda y, p: mp.sqrt(1 + p * p) / mp.sqrt(y),
    1: lambda y, p: y * mp.sqrt(1 + p * p),
    2: lambda y, p: mp.sqrt(1 + p * p),
    3: lambda y, p: p * p / 2 - y * y / 2,
}

#: Media v(y) for the layered-medium formula (VAR-A3): sqrt(y), 1/y, y, 1 + y^2.
MEDIA: dict[int, Callable[[Any], Any]] = {
    0: lambda y: mp.sqrt(y),
    1: lambda y: 1 / y,
    2: lambda y: y,
    3: lambda y: 1 + y * y,
}


def _kind(table: dict, kind: Any, name: str) -> Any:
    if isinstance(kind, bool) or kind not in table:
        raise ValueError(f"{name} must be one of {sorted(table)}, got {kind!r}")
    return table[kind]


def _test_function(t: Any) -> Any:
    """The non-extremal test curve y = 1 + x^2 + sin x of VAR-A2 (b)."""
    return 1 + t * t + mp.sin(t)


def el_value(F: Fn, y: Any, p: Any, q: Any) -> Any:
    """:math:`F_y - \\frac{d}{dx}F_{y'} = F_y - F_{y'y}\\,y' - F_{y'y'}\\,y''` for F = F(y, y'), by ``mp.diff``."""
    Fy = mp.diff(F, (y, p), (1, 0))
    Fpy = mp.diff(F, (y, p), (1, 1))
    Fpp = mp.diff(F, (y, p), (0, 2))
    return Fy - Fpy * p - Fpp * q


@with_dps()
def brachistochrone_el_scaled(y: Any, p: Any, q: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\mathrm{EL}\\cdot 2y^{3/2}(1+y'^2)^{3/2}` for :math:`F=\\sqrt{1+y'^2}/\\sqrt y` (VAR-A1), numerically."""
    y, p, q = positive(y, "y"), real(p, "p"), real(q, "q")
    with mp.extradps(15):
        out = el_value(INTEGRANDS[0], y, p, q) * 2 * y ** mp.mpf(1.5) * (1 + p * p) ** mp.mpf(1.5)
    return out


def _along(F: Fn, Y: Callable[[Any], Any]) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """t -> F(Y(t), Y'(t)) and t -> F_p(Y(t), Y'(t)), derivatives by ``mp.diff``."""
    slope = lambda t: mp.diff(Y, t)
    value = lambda t: F(Y(t), slope(t))
    fp = lambda t: mp.diff(lambda s: F(Y(t), s), slope(t))
    return value, fp


@with_dps()
def beltrami_derivative(kind: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\frac{d}{dx}(F - y'F_{y'})` along y = 1 + x² + sin x, by nested ``mp.diff`` (VAR-A2 (b))."""
    F, x = _kind(INTEGRANDS, kind, "kind"), real(x, "x")
    with mp.extradps(15):
        value, fp = _along(F, _test_function)
        out = mp.diff(lambda t: value(t) - mp.diff(_test_function, t) * fp(t), x)
    return out


@with_dps()
def el_times_slope(kind: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`y'\\,(F_y - \\frac{d}{dx}F_{y'})` along the same test curve, by ``mp.diff`` (other side of VAR-A2)."""
    F, x = _kind(INTEGRANDS, kind, "kind"), real(x, "x")
    with mp.extradps(15):
        Y = _test_function
        _, fp = _along(F, Y)
        p = mp.diff(Y, x)
        out = p * (mp.diff(lambda s: F(s, p), Y(x)) - mp.diff(fp, x))
    return out


@with_dps()
def layered_first_integral(kind: int, y: Any, p: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`F - y'F_{y'}` for :math:`F=\\sqrt{1+y'^2}/v(y)`, v from ``MEDIA[kind]``, by ``mp.diff`` (VAR-A3)."""
    v, y, p = _kind(MEDIA, kind, "kind"), positive(y, "y"), real(p, "p")
    with mp.extradps(15):
        F = lambda s: mp.sqrt(1 + s * s) / v(y)
        out = F(p) - p * mp.diff(F, p)
    return out


@with_dps()
def constant_path_el(c: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[EL, F - y'F_{y'}] on the horizontal line y = c for the brachistochrone F (Beltrami caveat, VAR-A2)."""
    c = positive(c, "c")
    with mp.extradps(15):
        F = INTEGRANDS[0]
        el = el_value(F, c, mp.zero, mp.zero)
        first = F(c, mp.zero) - 0 * mp.diff(F, (c, mp.zero), (0, 1))
    return [el, first]


@with_dps()
def first_integral_derivative(y: Any, p: Any, q: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\frac{d}{dx}[y(1+y'^2)]` at x = 0 along :math:`y + px + qx^2/2`, by ``mp.diff`` (VAR-A6)."""
    y, p, q = positive(y, "y"), real(p, "p"), real(q, "q")
    with mp.extradps(15):
        Y = lambda t: y + p * t + q * t * t / 2
        out = mp.diff(lambda t: Y(t) * (1 + mp.diff(Y, t) ** 2), 0)
    return out


@with_dps()
def legendre_condition(y: Any, p: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`F_{y'y'}` of the brachistochrone integrand, by ``mp.diff`` (VAR-A14)."""
    y, p = positive(y, "y"), real(p, "p")
    with mp.extradps(15):
        out = mp.diff(INTEGRANDS[0], (y, p), (0, 2))
    return out


@with_dps()
def cycloid_derivatives(r: Any, theta: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[y', y'', y(1+y'^2), 2yy''] along x = r(θ - sin θ), y = r(1 - cos θ), by ``mp.diff`` in θ (VAR-A7)."""
    r, th = positive(r, "r"), arch_angle(theta)
    with mp.extradps(15):
        xf = lambda t: r * (t - mp.sin(t))
        yf = lambda t: r * (1 - mp.cos(t))
        slope = lambda t: mp.diff(yf, t) / mp.diff(xf, t)
        p = slope(th)
        q = mp.diff(slope, th) / mp.diff(xf, th)
        y = yf(th)
        out = [p, q, y * (1 + p * p), 2 * y * q]
    return out


@with_dps()
def el_ode_solution(r: Any, theta_a: Any, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """y(x) from ``mp.odefun`` on :math:`y'' = -(1+y'^2)/(2y)` started inside the cycloid of radius r (VAR-A7 (b)).

    The initial data at :math:`\\theta_a` are the cycloid's point and slope; the equation is
    integrated forward (odefun cannot start at the cusp, pitfall C8) to ``x`` (a number, or
    a sequence of numbers: then a list, from one integration).
    """
    r, ta = positive(r, "r"), real(theta_a, "theta_a")
    many = isinstance(x, (list, tuple))
    targets = [real(t, "x") for t in (x if many else [x])]
    if not 0 < ta < mp.pi:
        raise ValueError(f"theta_a must lie in (0, pi), got {theta_a!r}")
    x0 = r * theta_minus_sin(ta)
    if min(targets) < x0:
        raise ValueError("x must not lie left of the starting point (odefun integrates forward)")
    y0, p0 = 2 * r * mp.sin(ta / 2) ** 2, mp.cot(ta / 2)
    # Taylor degree dps + 3 instead of odefun's default 1.5 dps + 3: the series step is shorter, but
    # each step's derivatives (finite differences at precision ~ degree x prec) cost far less;
    # the tolerance, hence the accuracy, is odefun's default either way
    sol = mp.odefun(lambda _, z: [z[1], -(1 + z[1] ** 2) / (2 * z[0])], x0, [y0, p0], degree=3 + mp.dps)
    out = [sol(t)[0] for t in targets]
    return out if many else out[0]


@with_dps()
def catenary_checks(a: Any, b: Any, x: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """On y = a cosh((x-b)/a) with F = y√(1+y'^2): [F - y'F_{y'}, d/dx F_{y'}] by nested ``mp.diff`` (VAR-A15)."""
    a, b, x = positive(a, "a"), real(b, "b"), real(x, "x")
    with mp.extradps(15):
        Y = lambda t: a * mp.cosh((t - b) / a)
        F = INTEGRANDS[1]
        value, fp = _along(F, Y)
        out = [value(x) - mp.diff(Y, x) * fp(x), mp.diff(fp, x)]
    return out


@with_dps()
def circle_checks(R: Any, x0: Any, x: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """On y = √(R² - (x-x0)²) with F = √(1+y'^2)/y: [F - y'F_{y'}, d/dx F_{y'}] by ``mp.diff`` (VAR-A15)."""
    R, x0, x = positive(R, "R"), real(x0, "x0"), real(x, "x")
    if not abs(x - x0) < R:
        raise ValueError("x must satisfy |x - x0| < R")
    with mp.extradps(15):
        Y = lambda t: mp.sqrt(R * R - (t - x0) ** 2)
        F = lambda y, p: mp.sqrt(1 + p * p) / y
        value, fp = _along(F, Y)
        out = [value(x) - mp.diff(Y, x) * fp(x), mp.diff(fp, x)]
    return out


def _snell_T(a: Any, b: Any, d: Any, v1: Any, v2: Any) -> Callable[[Any], Any]:
    return lambda s: mp.sqrt(a * a + s * s) / v1 + mp.sqrt(b * b + (d - s) ** 2) / v2


def _snell_inputs(a: Any, b: Any, d: Any, v1: Any, v2: Any) -> tuple:
    return (positive(a, "a"), positive(b, "b"), real(d, "d"), positive(v1, "v1"), positive(v2, "v2"))


@with_dps()
def snell_derivatives(a: Any, b: Any, d: Any, v1: Any, v2: Any, x: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[T'(x), T''(x)] of the two-media travel time, by ``mp.diff`` (VAR-A4)."""
    args, x = _snell_inputs(a, b, d, v1, v2), real(x, "x")
    with mp.extradps(15):
        T = _snell_T(*args)
        out = [mp.diff(T, x), mp.diff(T, x, 2)]
    return out


@with_dps()
def snell_point(a: Any, b: Any, d: Any, v1: Any, v2: Any, *, dps: int = DEFAULT_DPS) -> dict:
    """Fermat's principle: the crossing point x* minimising T (VAR-A4), with the Snell data.

    Light goes from (0, a) (speed v1) to (d, -b) (speed v2) through (x, 0); T'(x) is taken by
    ``mp.diff`` and its root found by safeguarded Newton in [min(0,d), max(0,d)].  Returns
    ``{"x", "T", "alpha1", "alpha2", "residual"}`` with the angles from the normal (atan2)
    and ``residual = sin(alpha1)/v1 - sin(alpha2)/v2``.  Domain a, b, v1, v2 > 0.
    """
    a, b, d, v1, v2 = _snell_inputs(a, b, d, v1, v2)
    with mp.extradps(15):
        T = _snell_T(a, b, d, v1, v2)
        lo, hi = min(mp.zero, d), max(mp.zero, d)
        if lo == hi:
            xs = mp.zero
        else:
            xs = safe_newton(lambda s: mp.diff(T, s), lambda s: mp.diff(T, s, 2), lo, hi, bisect=10)
        a1, a2 = mp.atan2(xs, a), mp.atan2(d - xs, b)
        out = {"x": xs, "T": T(xs), "alpha1": a1, "alpha2": a2, "residual": mp.sin(a1) / v1 - mp.sin(a2) / v2}
    return out


@with_dps()
def reflection_point(a: Any, b: Any, d: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The reflection point on the mirror y = 0 between (0, a) and (d, b): the zero of T'(s) on [0, d].

    T(s) = sqrt(a^2 + s^2) + sqrt(b^2 + (d - s)^2) is convex, so T' changes sign once on [0, d];
    a bracketed Newton iteration on the analytic T', T'' finds it for any height ratio.
    """
    a, b, d = positive(a, "a"), positive(b, "b"), positive(d, "d")
    with mp.extradps(15):
        # (findroot's secant from d/2 failed for a/b = 119; mp.diff's noise can stall Newton's stopping test)
        dT = lambda s: s / mp.sqrt(a * a + s * s) - (d - s) / mp.sqrt(b * b + (d - s) ** 2)
        d2T = lambda s: a * a / (a * a + s * s) ** 1.5 + b * b / (b * b + (d - s) ** 2) ** 1.5
        xs = safe_newton(dT, d2T, mp.zero, d, bisect=10)
    return xs
