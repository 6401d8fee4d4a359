"""VAR-A7-ODE: the Euler–Lagrange ODE of the brachistochrone, solved from EL and Beltrami (private).

The derivation works from the integrand only: SymPy's Euler–Lagrange expression of
:math:`F=\\sqrt{1+y'^2}/\\sqrt y` is solved for y″, the Beltrami first integral is separated
and integrated (substitution :math:`y = 2r\\sin^2u`), and the resulting parametric curve is
checked against the second-order EL ODE on the whole arch.  Trigonometric identities are
proved in the rational parametrisation :math:`t=\\tan(u/2)` (u = θ/2), where they become
identities of rational functions (fast and exact, unlike ``simplify`` on half angles).
The numeric route (:func:`numerics.variational.el_ode_solution`) integrates the ODE with
``mp.odefun`` from an interior point.

Registers: VAR-A7-ODE.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction as Fr
from typing import Any

import mpmath
import sympy
from sympy import Eq, Symbol, cos, sin, tan

from numerics import variational as num

from proofs.core import checks
from .functionals import beltrami, euler_lagrange, jet
from .euler_lagrange_equations import BRACH_F, P, Q, Y, _label, x, y
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import SU_1107
from proofs.core.params import draw, s

__all__ = ["T_PAR", "U_SYM", "along_cycloid", "el_ode_statement", "u_derivative"]

r = Symbol("r", positive=True)
T_PAR = Symbol("t", positive=True)  # t = tan(u/2), u = theta/2 in (0, pi)
U_SYM = Symbol("u", positive=True)  # the half rolling angle where it appears explicitly
_S, _C = 2 * T_PAR / (1 + T_PAR**2), (1 - T_PAR**2) / (1 + T_PAR**2)  # sin u, cos u
THETA_X = Symbol("theta(x)")
ODE_LABEL = _label(r"y_{\mathrm{odefun}}(x)")


def u_derivative(expr: Any) -> Any:
    """d/du of an expression in t = tan(u/2) and u itself (du/dt = 2/(1 + t^2))."""
    return sympy.diff(expr, T_PAR) * (1 + T_PAR**2) / 2 + sympy.diff(expr, U_SYM)


def along_cycloid() -> dict[str, Any]:
    """x, y, y', y'' of the cycloid of radius r as rational functions of t = tan(u/2) (and u), u = θ/2."""
    xc, yc = r * (2 * U_SYM - 2 * _S * _C), 2 * r * _S**2  # r(θ - sin θ), r(1 - cos θ)
    xu = sympy.factor(u_derivative(xc))
    slope = sympy.factor(u_derivative(yc) / xu)
    curv = sympy.factor(u_derivative(slope) / xu)
    return {"x": xc, "y": yc, "x_u": xu, "p": slope, "q": curv}


def el_ode_statement(r: Any = r, x: Any = Symbol("x", positive=True)) -> Eq:
    """VAR-A7 (b): the EL ODE :math:`y''=-(1+y'^2)/(2y)` integrated from an interior point stays on the cycloid,
    :math:`y(x) = r(1-\\cos\\theta(x))` with :math:`r(\\theta-\\sin\\theta)=x`."""
    return Eq(ODE_LABEL, r * (1 - cos(THETA_X)), evaluate=False)


def _derive_ode() -> Derivation:
    """EL -> y'' = -(1+y'^2)/(2y); Beltrami -> y(1+y'^2) = 2r; separate and integrate; check the whole arch."""
    el = jet(euler_lagrange(BRACH_F, y, x), y, x, Y, P, Q)
    sol = sympy.solve(el, Q)
    if len(sol) != 1:
        raise ArithmeticError(f"expected one solution of EL for y'', got {sol}")
    rhs = sympy.factor(sol[0])
    # Beltrami: F - y'F_{y'} = 1/(sqrt(y) sqrt(1+p^2)) = 1/sqrt(2r)  <=>  p^2 = (2r - y)/y
    first = sympy.simplify(jet(beltrami(BRACH_F, y, x), y, x, Y, P))
    roots = sympy.solve(Eq(1 / first**2, 2 * r), P)  # y(1 + p^2) = 2r: p = +-sqrt((2r - y)/y)
    squares = {sympy.factor(p0**2) for p0 in roots}
    if len(roots) != 2 or len(squares) != 1:
        raise ArithmeticError(f"expected two opposite slopes from the first integral, got {roots}")
    p2 = squares.pop()  # the descending branch takes p = +sqrt(p2) > 0
    # separate: dx/dy = 1/p; with y = 2r sin^2 u (0 < u < pi/2), sqrt(y/(2r - y)) = tan u (checked by squares)
    u = Symbol("u", positive=True)
    yu = 2 * r * sin(u) ** 2
    if sympy.simplify((1 / p2).subs(Y, yu) - tan(u) ** 2) != 0:
        raise ArithmeticError("the separated Beltrami equation is not dx/dy = tan u on y = 2r sin^2 u")
    dxdu = sympy.simplify(tan(u) * sympy.diff(yu, u))
    xu = sympy.integrate(dxdu, (u, 0, U_SYM))  # x = 0 at the cusp
    theta = Symbol("theta", positive=True)
    x_theta = sympy.trigsimp(xu.subs(U_SYM, theta / 2))
    if not checks.same(x_theta, r * (theta - sin(theta))):
        raise ArithmeticError(f"the integrated abscissa is not the cycloid's: {x_theta}")
    y_theta = yu.subs(u, theta / 2)
    # the parametric curve solves the second-order EL ODE on the whole arch 0 < theta < 2 pi
    cyc = along_cycloid()
    residual = cyc["q"] - rhs.subs({Y: cyc["y"], P: cyc["p"]})
    residual = sympy.cancel(sympy.factor(residual))
    if residual != 0:
        raise ArithmeticError(f"the parametric curve does not solve y'' = {rhs}: residual {residual}")
    value = (r * (1 - cos(theta))).subs(theta, THETA_X)
    if not checks.same(y_theta.subs(theta, THETA_X), value):
        raise ArithmeticError("2r sin^2(theta/2) != r(1 - cos theta)")
    steps = (
        Step(r"Euler-Lagrange expression of $F = \sqrt{1+y'^2}/\sqrt{y}$, solved for $y''$",
             Eq(Symbol("y''"), rhs)),
        Step(r"Beltrami first integral set to $1/\sqrt{2r}$, solved on the descending branch",
             Eq(Symbol("y'^2"), p2)),
        Step(r"Separate: $dx = dy/y'$; with $y = 2r \sin^2 u$ the integrand is $\tan u\,dy = \ldots$",
             Eq(Symbol("dx/du"), dxdu)),
        Step(r"Integrate from the cusp ($x = 0$ at $u = 0$) and set $\theta = 2u$", Eq(Symbol("x(theta)"), x_theta)),
        Step(r"and $y(\theta) = 2r \sin^2(\theta/2)$", Eq(Symbol("y(theta)"), y_theta)),
        Step(r"In $t = \tan(\theta/4)$ the EL ODE residual $y'' + (1+y'^2)/(2y)$ along $(x, y)(\theta)$ cancels for "
             r"every $\theta \in (0, 2\pi)$, the rising part included", Eq(Symbol("residual"), residual)),
        Step(r"$y'' = -(1+y'^2)/(2y)$ is analytic for $y > 0$: by Picard-Lindelof the solution through the cycloid's "
             r"point and slope at $\theta_a$ is the cycloid while $y > 0$, i.e. $y(x) = r(1 - \cos \theta(x))$",
             Eq(ODE_LABEL, value)),
    )
    return Derivation(Eq(ODE_LABEL, value, evaluate=False), steps)


def _ode_evaluate(statement: Any, dps: int, point: Mapping[str, Any]) -> Any:
    """θ(x) from the cycloid's x(θ) by root finding, then the closed form y = r(1 - cos θ)."""
    with mpmath.workdps(dps + 15):
        rr, xx = checks.to_mp(point["r"]), checks.to_mp(point["x"])
        th = num.safe_newton(lambda t: rr * num.theta_minus_sin(t) - xx,
                             lambda t: 2 * rr * mpmath.sin(t / 2) ** 2, mpmath.mpf(0), +mpmath.pi)
    rhs = checks.value_of(statement).subs(THETA_X, sympy.Float(th, dps + 15))
    return checks.to_mpmath(sympy.N(rhs.subs(r, sympy.sympify(point["r"])), dps + 15))


def _ode_points() -> Any:
    """The ``params`` of VAR-A7-ODE: a radius, a start angle θa in (0, π) and an abscissa x a little past the
    start x(θa), before the lowest point πr (test data: the numeric route integrates forward from θa, and the
    closed form is evaluated on the descending arc)."""

    def build(p: dict) -> dict:
        r_, ta = float(p["r"]), float(p["theta_a"])
        start = r_ * (ta - math.sin(ta))
        end = min(start + r_ / 5, math.pi * r_)  # a short integration: odefun's cost grows with the distance
        x_ = Fr(start + float(p["u"]) * (end - start)).limit_denominator(1000)
        return {"r": p["r"], "theta_a": p["theta_a"], "x": x_}

    return draw(r=s.rationals(Fr(1, 2), 2, max_denominator=20), theta_a=s.rationals(1, 3, max_denominator=20),
                u=s.rationals(Fr(1, 10), Fr(9, 10), max_denominator=20))().map(build)


_NOTES_VAR_A7_ODE = (r"Derivation: EL solved for $y''$, the Beltrami first integral separated and integrated "
                     r"($y = 2r \sin^2 u$), the curve checked against the second-order ODE on the whole arch, uniqueness for "
                     r"$y > 0$. Numerics: odefun started at an interior point with the cycloid's $y$ and $y'$ (odefun cannot "
                     r"start at the cusp). The spec's $X = Y = 1$ run from $\theta_a = 1/2$ to $x = 0.3, 0.7, 1.0$ is in "
                     r"$\texttt{tests/variational/test\_var\_brachistochrone.py}$.")
register(Result(
    key="VAR-A7-ODE", title="EL ODE integrated by odefun follows the cycloid",
    source=f"{SU_1107}; spec VAR-A7 (b), pitfall C8", statement=el_ode_statement, derive=_derive_ode,
    numeric=num.el_ode_solution, evaluate=_ode_evaluate, params=_ode_points,
    examples=({"r": 1, "theta_a": Fr(3, 2), "x": Fr(7, 10)}, {"r": Fr(1, 2), "theta_a": 2, "x": Fr(3, 5)}),
    notes=_NOTES_VAR_A7_ODE,
    uncertified=("an ODE route: the EL ODE y'' = -(1 + y'^2)/(2y) is integrated by mp.odefun from an "
                 "interior point, and FLINT has no rigorous ODE solver"),
))
