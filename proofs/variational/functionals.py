"""Public SymPy API of the variational pillar: Euler–Lagrange, Beltrami, cycloid (private module).

Re-exported by :mod:`proofs.variational`; see spec ``variational.md`` section 8.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import Derivative, Dummy, Expr, Rational, Symbol, cos, pi, sin, sqrt
from sympy.calculus.euler import euler_equations
from sympy.core.function import AppliedUndef, UndefinedFunction

__all__ = [
    "beltrami",
    "brachistochrone_time",
    "cycloid",
    "endpoint_phi",
    "endpoint_phi_derivative_numerator",
    "euler_lagrange",
    "jet",
]


def _function_and_arg(y: Any, x: Any) -> tuple[Any, Any]:
    """Validate ``x`` (a Symbol) and ``y`` (an undefined function, bare or applied to x); return (y, y(x))."""
    if not isinstance(x, Symbol):
        raise ValueError(f"x must be a SymPy Symbol (the independent variable), got {x!r}")
    if isinstance(y, AppliedUndef):
        if y.args != (x,):
            raise ValueError(f"y must be an undefined function of x alone, got {y!r}")
        return y.func, y
    if isinstance(y, UndefinedFunction):
        return y, y(x)
    raise ValueError(f"y must be an undefined SymPy function (e.g. Function('y') or y(x)), got {y!r}")


def _integrand(F: Any) -> Expr:
    try:
        F = sympy.sympify(F)
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"F must be a SymPy expression in x, y(x) and its derivatives, got {F!r}") from exc
    if not isinstance(F, Expr):
        raise ValueError(f"F must be a SymPy expression, got {type(F).__name__}")
    if _nonfinite(F):
        raise ValueError(f"F must be a finite expression (no NaN or infinity), got {F}")
    return F


def _nonfinite(e: Expr) -> bool:
    return e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)


def euler_lagrange(F: Any, y: Any, x: Symbol) -> Expr:
    """The Euler–Lagrange expression of :math:`J[y]=\\int F(x,y,y',\\dots)\\,dx` (VAR-A1).

    .. math:: \\mathcal{E}[F] = F_y - \\frac{d}{dx}F_{y'} + \\frac{d^2}{dx^2}F_{y''} - \\cdots

    with the sign of the left-hand side of ``sympy.calculus.euler.euler_equations`` (which
    it wraps).  A stationary y (fixed endpoints, y in C²) satisfies :math:`\\mathcal{E}=0`.

    Parameters: ``F`` an expression in ``x``, ``y(x)`` and derivatives; ``y`` an undefined
    function (``Function('y')`` or ``y(x)``); ``x`` the independent Symbol.
    Raises ValueError for other inputs.  Source: Gelfand & Fomin 1963, section 4.

    >>> from sympy import Function, Symbol, sqrt
    >>> x = Symbol('x'); y = Function('y')
    >>> euler_lagrange(y(x).diff(x)**2/2, y, x)
    -Derivative(y(x), (x, 2))
    """
    _, yx = _function_and_arg(y, x)
    F = _integrand(F)
    try:
        eqs = euler_equations(F, yx, x)
    except (TypeError, AttributeError) as exc:  # pragma: no cover - SymPy's own validation
        raise ValueError(f"cannot form the Euler-Lagrange equation of {F}: {exc}") from exc
    if eqs:
        return eqs[0].lhs
    # SymPy evaluates Eq(E, 0) to a boolean and drops it when E is a constant (F = 5 gives E = 0,
    # F = y gives E = 1): form the same sum directly
    order = max((d.derivative_count for d in F.atoms(Derivative) if d.expr == yx), default=0)
    terms = [(-1) ** k * sympy.diff(F, Derivative(yx, (x, k)) if k else yx).diff(x, k) for k in range(order + 1)]
    return sympy.Add(*terms)


def jet(expr: Any, y: Any, x: Symbol, Y: Any, P: Any, Q: Any = None) -> Expr:
    """Replace y'' -> Q, y' -> P, y(x) -> Y in ``expr`` (highest derivative first)."""
    _, yx = _function_and_arg(y, x)
    out = sympy.sympify(expr)
    if Q is not None:
        out = out.subs(Derivative(yx, (x, 2)), Q)
    return out.subs(Derivative(yx, x), P).subs(yx, Y)


def beltrami(F: Any, y: Any, x: Symbol) -> Expr:
    """The Beltrami first integral :math:`F - y'F_{y'}` of an x-independent integrand (VAR-A2).

    .. math:: \\frac{d}{dx}\\bigl(F - y'F_{y'}\\bigr) = y'\\Bigl(F_y - \\frac{d}{dx}F_{y'}\\Bigr),

    so every Euler–Lagrange solution has :math:`F - y'F_{y'} = C`.

    **Caveat (the converse fails).** Any y with :math:`y' \\equiv 0` satisfies the Beltrami
    equation (with :math:`C = F(y_0, 0)`) without solving Euler–Lagrange in general: for the
    brachistochrone :math:`F=\\sqrt{1+y'^2}/\\sqrt y`, :math:`y\\equiv c>0` gives
    :math:`\\mathcal{E} = -1/(2c^{3/2}) \\ne 0`.  A Beltrami solution solves EL only where
    :math:`y' \\ne 0`; always re-check EL on a candidate (spec pitfall C3).

    Raises ValueError if F depends explicitly on x or contains derivatives of order >= 2.
    Source: Gelfand & Fomin 1963; Su, 《自然极值》6 (kexue.fm/archives/1107).
    """
    _, yx = _function_and_arg(y, x)
    F = _integrand(F)
    for d in F.atoms(Derivative):
        if d.expr == yx and d.derivative_count >= 2:
            raise ValueError(f"beltrami needs F = F(y, y'); F contains the derivative {d} of order >= 2")
    Y, P = Dummy("Y"), Dummy("P")
    G = jet(F, yx, x, Y, P)
    if G.has(x):
        raise ValueError("beltrami needs an integrand without explicit x-dependence (F = F(y, y')); "
                         f"F depends on {x} explicitly")
    return (G - P * sympy.diff(G, P)).subs({P: Derivative(yx, x), Y: yx})


def _expr(value: Any, name: str) -> Any:
    """``value`` as a SymPy expression; TypeError for lists, None and other non-numbers."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number or a SymPy expression, got {value!r}")
    try:
        out = sympy.sympify(value)
    except (sympy.SympifyError, TypeError, ValueError):
        out = None
    if not isinstance(out, sympy.Expr):
        raise TypeError(f"{name} must be a number or a SymPy expression, got {value!r}")
    return out


def _check_radius(r: Any, name: str = "r") -> Any:
    r = _expr(r, name)
    if _nonfinite(r):  # NaN passes the sign tests below (its signs are unknown) and oo is "positive"
        raise ValueError(f"{name} must be a finite positive number or a symbol, got {r}")
    if r.is_number and (r.is_extended_real is False or r.is_extended_positive is False):
        raise ValueError(f"{name} must be positive, got {r}")
    if r.is_nonpositive:
        raise ValueError(f"{name} must be positive, got {r}")
    return r


def cycloid(r: Any, theta: Any) -> tuple[Expr, Expr]:
    """The cycloid generated by a circle of radius r rolling on y = 0, y axis down (VAR-A7).

    .. math:: x = r(\\theta-\\sin\\theta),\\qquad y = r(1-\\cos\\theta).

    ``r`` may be a symbol or a positive number (ValueError for r <= 0).  Source: Su-1107.
    """
    r, theta = _check_radius(r), _angle(theta)
    return r * (theta - sin(theta)), r * (1 - cos(theta))


def _angle(theta: Any, name: str = "theta") -> Any:
    """A rolling angle: a number or an expression, finite."""
    theta = _expr(theta, name)
    if _nonfinite(theta):
        raise ValueError(f"{name} must be a finite number or a symbol (no NaN or infinity), got {theta}")
    return theta


def brachistochrone_time(r: Any, theta1: Any, g: Any = Rational(1, 2)) -> Expr:
    """Descent time along the cycloid from the cusp to rolling angle θ1 (VAR-A8).

    .. math:: T = \\theta_1\\sqrt{r/g}\\qquad(= \\theta_1\\sqrt{2r}\\ \\text{for}\\ g = 1/2).

    Numeric ``r`` must be positive, numeric ``g`` positive and numeric ``theta1`` in [0, 2π);
    otherwise ValueError.  Source: derived for this project in Su-1107's conventions.
    """
    r, theta1, g = _check_radius(r), _expr(theta1, "theta1"), _check_radius(g, "g")
    if theta1.is_number:
        if theta1.is_extended_real is False or bool(theta1 < 0) or bool(theta1 >= 2 * pi):
            raise ValueError(f"theta1 must lie in [0, 2*pi) (theta1 >= 2*pi is not a brachistochrone), got {theta1}")
    return theta1 * sqrt(r / g)


def endpoint_phi(theta: Any) -> Expr:
    """:math:`\\varphi(\\theta) = (\\theta-\\sin\\theta)/(1-\\cos\\theta)`; θ1 solves φ(θ1) = X/Y (VAR-A9)."""
    theta = _angle(theta)
    return (theta - sin(theta)) / (1 - cos(theta))


def endpoint_phi_derivative_numerator(theta: Any) -> Expr:
    """:math:`\\varphi'(\\theta)(1-\\cos\\theta)^2 = 2\\sin\\frac\\theta2\\,(2\\sin\\frac\\theta2-\\theta\\cos\\frac\\theta2)` (VAR-A9)."""
    theta = _angle(theta)
    return 2 * sin(theta / 2) * (2 * sin(theta / 2) - theta * cos(theta / 2))
