"""VAR-A5, VAR-A7 … VAR-A13: the brachistochrone and its comparison paths (private).

Conventions: y axis down, start at rest at the origin, :math:`v=\\sqrt{2gy}`; the
source (Su-1107) has g = 1/2.  Trigonometric identities in the half angle are proved
by substituting θ = 2u (spec pitfall C10).  Numerics: :mod:`numerics.variational`
(shooting, quadrature with singularity-removing substitutions, ``odefun``).

Registers: VAR-A5, VAR-A7, VAR-A8, VAR-A9, VAR-A10, VAR-A11, VAR-A12, VAR-A13, VAR-A8-XFORM.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from functools import partial
from typing import Any

import mpmath
import sympy
from sympy import Eq, Rational, Symbol, Tuple, cos, cot, gamma, integrate, pi, simplify, sin, sqrt

from numerics import variational as num
from numerics.variational import certified_brachistochrone as arb_routes

from proofs.core import checks
from .functionals import brachistochrone_time, cycloid, endpoint_phi, endpoint_phi_derivative_numerator
from .euler_lagrange_equations import POSITIVE, _label
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import HISTORY, SU_1107
from proofs.core.params import draw, s

__all__ = ["g", "r", "theta", "theta1"]

r, g = Symbol("r", positive=True), Symbol("g", positive=True)
theta, theta1, theta0 = Symbol("theta", positive=True), Symbol("theta1", positive=True), Symbol("theta0", nonnegative=True)
_u = Symbol("u", positive=True)
X, Y = Symbol("X", positive=True), Symbol("Y", positive=True)

#: the gravities drawn for the numeric checks: the source's 1/2, 1 and 9.81
GRAVITIES = (Fr(1, 2), 1, Fr(981, 100))  # pragma: no mutate (test data)
GRAVITY = s.sizes(0, len(GRAVITIES) - 1).map(GRAVITIES.__getitem__)


def _half_angle(expr: Any) -> Any:
    """Simplify a trigonometric expression in θ by θ = 2u, then return to θ."""
    e = sympy.expand_trig(expr.subs(theta, 2 * _u))
    return sympy.trigsimp(sympy.factor(simplify(e))).subs(_u, theta / 2)


# --- VAR-A5 ------------------------------------------------------------------------------------

DROP = _label("T_{drop}(Y)")


def vertical_drop_statement() -> Eq:
    """VAR-A5: :math:`T[y]=\\int\\sqrt{1+y'^2}/\\sqrt{2gy}\\,dx` from :math:`\\tfrac12mv^2=mgy`; vertical drop :math:`\\sqrt{2Y/g}`."""
    return Eq(DROP, sqrt(2 * Y / g), evaluate=False)


def _derive_a5() -> Derivation:
    m, vv, yy = Symbol("m", positive=True), Symbol("v", positive=True), Symbol("y", positive=True)
    xx = Symbol("x", positive=True)
    speed = sympy.solve(Eq(m * vv**2 / 2, m * g * yy), vv)
    if len(speed) != 1:
        raise ArithmeticError(f"expected one positive speed, got {speed}")
    drop = integrate(1 / speed[0], (yy, 0, Y))
    steps = (Step("Energy conservation from rest at depth 0", Eq(m * vv**2 / 2, m * g * yy)),
             Step("Speed at depth $y$", Eq(vv, speed[0])),
             Step(r"Time functional $T = \int ds/v$ with $ds = \sqrt{1+y'^2}\,dx$ and that speed",
                  Eq(_label("T[y]"), sympy.Integral(sqrt(1 + sympy.Derivative(sympy.Function("y")(xx), xx) ** 2)
                                                    / speed[0].subs(yy, sympy.Function("y")(xx)), (xx, 0, X)))),
             Step("Vertical drop ($ds = dy$)", Eq(DROP, drop)))
    return Derivation(Eq(DROP, drop, evaluate=False), steps)


register(Result(
    key="VAR-A5", title="Time functional from energy conservation (vertical drop)", source=SU_1107,
    statement=vertical_drop_statement, derive=_derive_a5, numeric=partial(num.path_time, "line", 0),
    params=draw(Y=POSITIVE, g=GRAVITY),
    examples=({"Y": 1, "g": Fr(1, 2)}, {"Y": Fr(7, 3), "g": Fr(981, 100)}),
    notes=r"$g = 1/2$ in the source, so $v = \sqrt{y}$ and the drop takes $2 \sqrt{Y}$.",
    certified=arb_routes.vertical_drop_time,
))

# --- VAR-A7 ------------------------------------------------------------------------------------

A7 = [_label("y'"), _label("y''"), _label("y(1+y'^2)"), _label("2yy''")]


def cycloid_extremal_statement() -> Tuple:
    """VAR-A7: on the cycloid :math:`y'=\\cot\\frac\\theta2`, :math:`y''=-1/(4r\\sin^4\\frac\\theta2)`,
    :math:`y(1+y'^2)=2r` (first integral) and :math:`2yy''=-\\csc^2\\frac\\theta2=-(1+y'^2)` (EL, VAR-A1)."""
    return Tuple(Eq(A7[0], cot(theta / 2), evaluate=False),
                 Eq(A7[1], -1 / (4 * r * sin(theta / 2) ** 4), evaluate=False),
                 Eq(A7[2], 2 * r, evaluate=False),
                 Eq(A7[3], -1 / sin(theta / 2) ** 2, evaluate=False))


def _derive_a7() -> Derivation:
    xc, yc = cycloid(r, theta)
    slope = sympy.diff(yc, theta) / sympy.diff(xc, theta)
    curv = sympy.diff(slope, theta) / sympy.diff(xc, theta)
    vals = [_half_angle(slope), _half_angle(curv), _half_angle(yc * (1 + slope**2)), _half_angle(2 * yc * curv)]
    cusp = sympy.limit(vals[0], theta, 0, "+")
    tan_psi = _half_angle(1 / slope)
    if cusp != sympy.oo or simplify(tan_psi - sympy.tan(theta / 2)) != 0:
        raise ArithmeticError(f"the cusp or the tangent angle is not as stated: {cusp}, tan(psi) = {tan_psi}")
    steps = (Step("The cycloid ($y$ down)", Eq(Tuple(Symbol("x"), Symbol("y")), Tuple(xc, yc))),
             Step(r"Chain rule $y' = y_\theta / x_\theta$, simplified with $\theta = 2u$", Eq(A7[0], vals[0])),
             Step(r"$y'' = (y')_\theta / x_\theta$", Eq(A7[1], vals[1])),
             Step("First integral", Eq(A7[2], vals[2])),
             Step(r"EL form $1 + y'^2 + 2yy'' = 0$, since $1 + \cot^2 = \csc^2$", Eq(A7[3], vals[3])),
             Step(r"Cusp at the origin: $y' \to \infty$ as $\theta \to 0^+$ (vertical tangent)",
                  Eq(_label(r"\lim_{\theta\to0^+} y'"), cusp)),
             Step(r"Tangent angle $\psi$ from the vertical: $\tan\psi = dx/dy = 1/y'$, so $\psi = \theta/2$",
                  Eq(_label(r"\tan\psi"), tan_psi)))
    return Derivation(Tuple(*(Eq(lab, val, evaluate=False) for lab, val in zip(A7, vals))), steps)


register(Result(
    key="VAR-A7", title="The cycloid satisfies EL and the first integral",
    parts=("y'", "y''", "y(1+y'^2)", "2yy''"), source=f"{SU_1107}; {HISTORY}",
    statement=cycloid_extremal_statement, derive=_derive_a7, numeric=num.cycloid_derivatives,
    params=draw(r=POSITIVE, theta=s.rationals(Fr(1, 20), Fr(62, 10), max_denominator=100)),
    examples=({"r": Fr(3, 5), "theta": Fr(7, 5)}, {"r": 2, "theta": Fr(9, 2)},
              {"r": Fr(1, 7), "theta": Fr(1, 10)}),
    certified=arb_routes.cycloid_derivatives,
))

# VAR-A7-ODE (the EL ODE by odefun, with its derivation from EL and Beltrami): proofs/_variational_ode.py

# --- VAR-A8 ------------------------------------------------------------------------------------

TIME = _label("T_{cycloid}")


def descent_time_statement() -> Eq:
    """VAR-A8: :math:`T=\\theta_1\\sqrt{r/g}` (:math:`=\\theta_1\\sqrt{2r}` for g = 1/2)."""
    return Eq(TIME, brachistochrone_time(r, theta1, g), evaluate=False)


def _derive_a8() -> Derivation:
    xc, yc = cycloid(r, theta)
    ds2 = sympy.diff(xc, theta) ** 2 + sympy.diff(yc, theta) ** 2
    ds2_half = _half_angle(ds2)
    rate2 = _half_angle(ds2 / (2 * g * yc))  # (dt/dtheta)^2
    if simplify(rate2 - r / g) != 0:
        raise ArithmeticError(f"(dt/dtheta)^2 did not simplify to r/g: {rate2}")
    T = integrate(sqrt(rate2), (theta, 0, theta1))
    steps = (Step("Arclength element", Eq(_label(r"(ds/d\theta)^2"), ds2_half)),
             Step(r"$(dt/d\theta)^2 = (ds/d\theta)^2 / (2gy)$ is constant", Eq(_label(r"(dt/d\theta)^2"), rate2)),
             Step(r"Integrate over $[0, \theta_1]$", Eq(TIME, T)))
    return Derivation(Eq(TIME, T, evaluate=False), steps)


def _cycloid_end(r: Any, theta1: Any, dps: int) -> tuple[Any, Any]:
    """The end point (X, Y) of the cycloid of radius r at rolling angle theta1, at dps + 10 digits."""
    with mpmath.workdps(dps + 10):  # pragma: no mutate (guard digits: any >= ~5 gives the same rounded value)
        rr, tt = checks.to_mp(r), checks.to_mp(theta1)
        return rr * num.theta_minus_sin(tt), 2 * rr * mpmath.sin(tt / 2) ** 2


def _shooting_time(r: Any, theta1: Any, g: Any, dps: int) -> Any:
    """Route 3: the endpoint of the cycloid, then the Snell shooting and the time by quadrature along the shot path
    (no formula for the time)."""
    Xe, Ye = _cycloid_end(r, theta1, dps)
    return num.brachistochrone_shooting(Xe, Ye, g=g, dps=dps)["T"]


_NOTES_VAR_A8 = ("Numeric route 3: Bernoulli-Snell shooting from the endpoint alone (the path from Snell's law, its "
                 "constant and end angle by root finding), then the time functional integrated along that path by "
                 "quad; no formula for the time. Route 1 (parametric quadrature) is numerics.brachistochrone's "
                 "default; route 2 ($x$-form, $x = u^3$) is registered as VAR-A8-XFORM.")
register(Result(
    key="VAR-A8", title="Descent time along the cycloid T = theta1 sqrt(r/g)",
    title_tex=r"Descent time along the cycloid $T = \theta_1 \sqrt{r/g}$",
    source=f"derived for this project in {SU_1107}'s conventions", statement=descent_time_statement,
    derive=_derive_a8, numeric=_shooting_time,
    params=draw(r=POSITIVE, theta1=s.rationals(Fr(1, 10), Fr(62, 10), max_denominator=100), g=GRAVITY),
    examples=({"r": 1, "theta1": 2, "g": Fr(1, 2)}, {"r": Fr(3, 5), "theta1": 4, "g": 1},
              {"r": Fr(5, 2), "theta1": Fr(1, 3), "g": Fr(981, 100)}),
    notes=_NOTES_VAR_A8, certified=arb_routes.shooting_time,
))

# --- VAR-A9 ------------------------------------------------------------------------------------

A9 = [_label(r"\varphi'(\theta)(1-\cos\theta)^2"), _label(r"\theta_1(X/Y=\pi/2)")]


def endpoint_statement() -> Tuple:
    """VAR-A9: :math:`\\varphi'(1-\\cos\\theta)^2 = 2\\sin\\frac\\theta2(2\\sin\\frac\\theta2-\\theta\\cos\\frac\\theta2) > 0`
    on (0, 2π), and :math:`\\varphi(\\pi)=\\pi/2`, so θ1 > π iff X/Y > π/2."""
    return Tuple(Eq(A9[0], endpoint_phi_derivative_numerator(theta), evaluate=False), Eq(A9[1], pi, evaluate=False))


def _derive_a9() -> Derivation:
    phi = endpoint_phi(theta)
    num_ = _half_angle(simplify(sympy.diff(phi, theta) * (1 - cos(theta)) ** 2))
    uu = Symbol("u", positive=True)
    q = sin(uu) - uu * cos(uu)
    q_prime = sympy.diff(q, uu)
    factored = 2 * sin(uu) * (2 * q)
    if simplify(num_.subs(theta, 2 * uu) - factored) != 0 or q.subs(uu, 0) != 0 or simplify(q_prime - uu * sin(uu)) != 0:
        raise ArithmeticError(f"the derivative numerator does not factor as 2 sin u (2 sin u - 2u cos u): {num_}")
    at_pi = phi.subs(theta, pi)
    series = sympy.series(phi, theta, 0, 5).removeO()
    lim = sympy.limit(phi, theta, 2 * pi, "-")
    if at_pi != pi / 2 or lim != sympy.oo or sympy.expand(series - theta / 3 - theta**3 / 90) != 0:
        raise ArithmeticError("endpoint function: unexpected value, series or limit")
    steps = (
        Step(r"Endpoint function; $\theta_1$ solves $\varphi(\theta_1) = X/Y$, $r = Y/(1 - \cos \theta_1)$",
             Eq(_label(r"\varphi"), phi)),
        Step(r"Derivative numerator ($\theta = 2u$)", Eq(A9[0], num_)),
        Step(r"With $u = \theta/2$ it is $2 \sin u\,(2 \sin u - 2u \cos u)$; $\sin u > 0$ on $(0, \pi)$, and "
             r"$q(u) = \sin u - u \cos u$ vanishes at $0$ with $q' = u \sin u > 0$ there, so $q > 0$: $\varphi$ "
             r"increases", Eq(_label(r"\frac{d}{du}(\sin u - u\cos u)"), q_prime)),
        Step(r"Small-$\theta$ series", Eq(_label(r"\varphi(\theta)"), series)),
        Step(r"Values: $\varphi(\pi) = \pi/2$, $\varphi \to \infty$ as $\theta \to 2\pi^-$, so $\varphi$ is a "
             r"bijection $(0, 2\pi) \to (0, \infty)$", Eq(_label(r"\varphi(\pi)"), at_pi)),
        Step(r"Hence $X/Y = \pi/2 \iff \theta_1 = \pi$ (and $\theta_1 > \pi$ iff $X/Y > \pi/2$)", Eq(A9[1], pi)),
    )
    return Derivation(Tuple(Eq(A9[0], num_, evaluate=False), Eq(A9[1], pi, evaluate=False)), steps)


def _endpoint_numeric(theta: Any, dps: int) -> list:
    with mpmath.workdps(dps + 10):  # pragma: no mutate (guard digits: any >= ~5 gives the same rounded value)
        half_pi = +mpmath.pi / 2
    return [num.endpoint_phi_prime_scaled(theta, dps=dps), num.brachistochrone(half_pi, 1, dps=dps)["theta1"]]


_NOTES_VAR_A9 = (r"Numerically: $\varphi'$ by mp.diff, and the bisection + Newton endpoint solver at $X/Y = \pi/2$ "
                 r"returns $\pi$.")
register(Result(
    key="VAR-A9", title="Endpoint equation: monotone phi, theta1 > pi iff X/Y > pi/2",
    title_tex=r"Endpoint equation: monotone $\varphi$, $\theta_1 > \pi$ iff $X/Y > \pi/2$",
    parts=(r"\varphi'(\theta)(1-\cos\theta)^2", r"\theta_1(X/Y=\pi/2)"), source="derived for this project",
    statement=endpoint_statement, derive=_derive_a9, numeric=_endpoint_numeric,
    params=draw(theta=s.rationals(Fr(1, 20), Fr(62, 10), max_denominator=100)),
    examples=({"theta": Fr(1, 2)}, {"theta": 3}, {"theta": Fr(59, 10)}),
    notes=_NOTES_VAR_A9, certified=arb_routes.endpoint_checks,
))

# --- VAR-A10 -----------------------------------------------------------------------------------

LINE = _label("T_{line}")


def line_time_statement() -> Eq:
    """VAR-A10: :math:`T_{line} = \\sqrt{X^2+Y^2}\\sqrt{2/(gY)}` (= :math:`2\\sqrt{X^2+Y^2}/\\sqrt Y` for g = 1/2)."""
    return Eq(LINE, sqrt(X**2 + Y**2) * sqrt(2 / (g * Y)), evaluate=False)


def _derive_a10() -> Derivation:
    xx, m = Symbol("x", positive=True), Y / X
    T = simplify(integrate(sqrt(1 + m**2) / sqrt(2 * g * m * xx), (xx, 0, X)))
    steps = (Step("Time functional along $y = (Y/X)x$", Eq(LINE, sympy.Integral(sqrt(1 + m**2) / sqrt(2 * g * m * xx),
                                                                               (xx, 0, X)))),
             Step("Evaluated", Eq(LINE, T)))
    return Derivation(Eq(LINE, T, evaluate=False), steps)


register(Result(
    key="VAR-A10", title="Comparison path: straight line", source="standard (comparison implied by Su-1094)",
    statement=line_time_statement, derive=_derive_a10, numeric=partial(num.path_time, "line"),
    params=draw(X=POSITIVE, Y=POSITIVE, g=GRAVITY),
    examples=({"X": 1, "Y": 1, "g": Fr(1, 2)}, {"X": 2, "Y": 1, "g": Fr(1, 2)},
              {"X": Fr(1, 3), "Y": 5, "g": 1}),
    certified=arb_routes.line_time,
))

# --- VAR-A11 -----------------------------------------------------------------------------------

ARC, RR = _label("T_{quarter\\ circle}"), Symbol("R", positive=True)


def quarter_circle_statement() -> Eq:
    """VAR-A11: quarter circle (centre on the start level, X = Y = R):
    :math:`T = \\sqrt{R/(2g)}\\,\\Gamma(1/4)^2/(2\\sqrt{2\\pi}) = \\sqrt{R/g}\\,K(m{=}1/2)`."""
    return Eq(ARC, sqrt(RR / (2 * g)) * gamma(Rational(1, 4)) ** 2 / (2 * sqrt(2 * pi)), evaluate=False)


def beta_by_series(a: Any, b: Any) -> tuple[Any, Any]:
    """:math:`\\int_0^1 t^{a-1}(1-t)^{b-1}dt` computed from the integrand: the binomial series of
    :math:`(1-t)^{b-1}`, integrated term by term (all terms positive for b < 1: monotone convergence), and
    summed by ``summation``.  Returns (general term after integration, sum).  SymPy's ``integrate`` of the
    concrete integral returns the wrong sign (spec pitfall C20), so it is not used.
    """
    t, n = Symbol("t", positive=True), Symbol("n", integer=True, nonnegative=True)
    term = sympy.binomial(b - 1, n) * (-1) ** n * integrate(t ** (a - 1 + n), (t, 0, 1), conds="none")
    total = sympy.gammasimp(sympy.summation(term, (n, 0, sympy.oo)))
    if total.has(sympy.Sum, sympy.hyper) or not total.is_positive:
        raise ArithmeticError(f"the Beta series did not sum to a positive closed form: {total}")
    return term, total


def _derive_a11() -> Derivation:
    phi, t = Symbol("phi", positive=True), Symbol("t", positive=True)
    c = RR  # centre (c, 0) with c = (X^2 + Y^2)/(2X) = R for X = Y = R
    xc, yc = c * (1 - cos(phi)), c * sin(phi)
    ds = simplify(sqrt(sympy.diff(xc, phi) ** 2 + sympy.diff(yc, phi) ** 2))
    rate = simplify(ds / sqrt(2 * g * yc))
    coefficient = simplify(rate * sqrt(sin(phi)))  # dt/dphi = coefficient * sin(phi)^(-1/2)
    if coefficient.has(phi):
        raise ArithmeticError(f"dt/dphi = {rate} is not a constant times sin(phi)^(-1/2)")
    # t = sin^2 phi on [0, pi/2]: phi = asin(sqrt t); the integrand sin(phi)^(-1/2) dphi in t
    in_t = simplify(sin(sympy.asin(sqrt(t))) ** Rational(-1, 2) * sympy.diff(sympy.asin(sqrt(t)), t))
    # its exponents: in_t = C t^(a-1) (1-t)^(b-1), read off the logarithm
    logs = sympy.expand_log(sympy.log(in_t), force=True)
    a_, b_ = 1 + logs.coeff(sympy.log(t)), 1 + logs.coeff(sympy.log(1 - t))
    const = simplify(in_t / (t ** (a_ - 1) * (1 - t) ** (b_ - 1)))
    if const.has(t):
        raise ArithmeticError(f"the integrand in t is not of Beta type: {in_t}")
    term, beta_val = beta_by_series(a_, b_)
    quarter = const * beta_val  # int_0^{pi/2} sin^(-1/2) phi dphi
    reflection = sympy.gammasimp(gamma(Rational(1, 4)) * gamma(Rational(3, 4)))  # = pi sqrt(2)
    T = sympy.powsimp(coefficient * quarter.subs(gamma(Rational(3, 4)), reflection / gamma(Rational(1, 4))))
    steps = (Step(r"Arc with centre $(R, 0)$: $x = R(1 - \cos \phi)$, $y = R \sin \phi$; $ds/d\phi$",
                  Eq(_label("ds/d\\phi"), ds)),
             Step(r"$dt/d\phi = (ds/d\phi)/\sqrt{2gy}$", Eq(_label("dt/d\\phi"), rate)),
             Step(r"$t = \sin^2\phi$ ($\phi = \arcsin\sqrt t$): the integrand $\sin^{-1/2}\phi\,d\phi$ in $t$, of Beta "
                  r"type $C t^{a-1}(1-t)^{b-1}$ with the exponents read off its logarithm",
                  Eq(_label(r"\sin^{-1/2}\phi\,\frac{d\phi}{dt}"), in_t)),
             Step(r"Binomial series of $(1-t)^{b-1}$ integrated term by term (positive terms): the $n$-th term",
                  Eq(_label(r"\binom{b-1}{n}(-1)^n\int_0^1 t^{a-1+n}\,dt"), term)),
             Step(r"Summed (SymPy $\texttt{summation}$; not $\texttt{integrate}$, pitfall C20): $B(1/4, 1/2)$, so "
                  r"$\int_0^{\pi/2}\sin^{-1/2}\phi\,d\phi$ is", Eq(_label(r"\int_0^{\pi/2}\sin^{-1/2}\varphi\,d\varphi"),
                                                              quarter)),
             Step("Reflection formula", Eq(gamma(Rational(1, 4)) * gamma(Rational(3, 4)), reflection)),
             Step("Hence", Eq(ARC, T)))
    return Derivation(Eq(ARC, T, evaluate=False), steps)


_NOTES_VAR_A11 = (r"The arc of the circle through both endpoints with centre on the start level (vertical initial "
                  r"tangent). For $X \ne Y$ the closed form (an incomplete elliptic integral) is VAR-A11-ARC; the law of "
                  r"chords is VAR-A11-CHORD.")
register(Result(
    key="VAR-A11", title="Comparison path: Galileo's quarter circle",
    source="Galileo 1638 (Hist); Su-1094 (history)", statement=quarter_circle_statement, derive=_derive_a11,
    numeric=lambda R, g, dps: num.path_time("quarter-circle", R, R, g=g, dps=dps),
    params=draw(R=POSITIVE, g=GRAVITY),
    examples=({"R": 1, "g": Fr(1, 2)}, {"R": Fr(7, 3), "g": Fr(981, 100)}),
    notes=_NOTES_VAR_A11, certified=arb_routes.quarter_circle_time,
))

# --- VAR-A12 -----------------------------------------------------------------------------------

A12 = [_label("s(\\theta_0)^2"), _label("T_{bottom}(\\theta_0)")]


def tautochrone_statement() -> Tuple:
    """VAR-A12: :math:`s^2 = 8rh` with :math:`h = r(1+\\cos\\theta_0)`, and the time to the bottom is :math:`\\pi\\sqrt{r/g}`
    for every start :math:`\\theta_0\\in[0,\\pi)` (Huygens' tautochrone)."""
    return Tuple(Eq(A12[0], 8 * r * r * (1 + cos(theta0)), evaluate=False),
                 Eq(A12[1], pi * sqrt(r / g), evaluate=False))


def _derive_a12() -> Derivation:
    t, s, s0 = Symbol("t", positive=True), Symbol("s", positive=True), Symbol("s_0", positive=True)
    xc, yc = cycloid(r, theta)
    speed2 = _half_angle(sympy.diff(xc, theta) ** 2 + sympy.diff(yc, theta) ** 2)
    if not checks.same(speed2, (2 * r * sin(theta / 2)) ** 2):  # the arclength integrand below is its root
        raise ArithmeticError(f"(ds/dtheta)^2 of the cycloid is {speed2}, not 4 r^2 sin^2(theta/2)")
    arc = integrate(2 * r * sin(t / 2), (t, theta0, pi))
    h = r * (1 + cos(theta0))  # height above the bottom: y(pi) - y(theta0) = 2r - r(1 - cos theta0)
    s_sq_h = sympy.expand(_half_angle(arc**2).subs(theta, theta0))
    hh = Symbol("h", positive=True)
    # s^2 in terms of h, read off the computed arclength: s^2 / h is a constant (8r)
    ratio = _half_angle((s_sq_h / h).subs(theta0, theta)).subs(theta, theta0)
    if ratio.has(theta0):
        raise ArithmeticError(f"s^2/h depends on the start: {ratio}")
    height = sympy.solve(Eq(s**2, ratio * hh), hh)[0]  # h(s)
    # energy from rest at s0: (ds/dt)^2 = 2g (h(s0) - h(s))
    speed_sq = sympy.factor(2 * g * (height.subs(s, s0) - height))
    omega2 = sympy.cancel(speed_sq / (s0**2 - s**2))  # simple harmonic: (ds/dt)^2 = omega^2 (s0^2 - s^2)
    if omega2.has(s, s0):
        raise ArithmeticError(f"the motion along the arc is not simple harmonic: {speed_sq}")
    T = integrate(1 / sqrt(omega2 * (s0**2 - s**2)), (s, 0, s0))
    steps = (Step(r"$(ds/d\theta)^2 = 4r^2 \sin^2(\theta/2)$", Eq(_label(r"(ds/d\theta)^2"), speed2)),
             Step("Arclength to the bottom", Eq(_label("s(\\theta_0)"), sympy.trigsimp(arc))),
             Step("Height above the bottom", Eq(_label("h"), h)),
             Step("Its square", Eq(A12[0], s_sq_h)),
             Step("over the height is a constant: $s^2 = 8rh$", Eq(_label("s^2/h"), ratio)),
             Step(r"Energy from rest at $s_0$: $(ds/dt)^2 = 2g(h(s_0) - h(s))$, simple harmonic in $s$",
                  Eq(_label("(ds/dt)^2"), speed_sq)),
             Step(r"Quarter period $\int_0^{s_0} ds/|ds/dt|$, independent of $s_0$", Eq(A12[1], simplify(T))))
    s_sq = simplify(sympy.expand_trig((arc**2).subs(theta0, 2 * _u))).subs(_u, theta0 / 2)
    return Derivation(Tuple(Eq(A12[0], s_sq, evaluate=False), Eq(A12[1], simplify(T), evaluate=False)), steps)


def _tautochrone_numeric(r: Any, theta0: Any, g: Any, dps: int) -> list:
    """VAR-A12's numeric route: the squared arclength to the bottom and the descent time, by quadrature."""
    return [num.cycloid_arc_to_bottom(r, theta0, dps=dps) ** 2, num.tautochrone_time(r, theta0, g=g, dps=dps)]


register(Result(
    key="VAR-A12", title="Tautochrone: time to the bottom is pi sqrt(r/g)",
    title_tex=r"Tautochrone: time to the bottom is $\pi \sqrt{r/g}$",
    parts=(r"s(\theta_0)^2", r"T_{bottom}(\theta_0)"), source="Huygens 1673 (Hist)",
    statement=tautochrone_statement, derive=_derive_a12, numeric=_tautochrone_numeric,
    params=draw(r=POSITIVE, theta0=s.rationals(Fr(0), Fr(31, 10), max_denominator=100), g=GRAVITY),
    examples=({"r": 1, "theta0": 0, "g": Fr(1, 2)}, {"r": 1, "theta0": Fr(3, 10), "g": Fr(1, 2)},
              {"r": 1, "theta0": 3, "g": Fr(1, 2)}, {"r": Fr(2, 3), "theta0": 1, "g": Fr(981, 100)}),
    notes=r"Full oscillation period $4\pi \sqrt{r/g}$; one arch has length $8r$.",
    certified=arb_routes.tautochrone_checks,
))

# --- VAR-A13 -----------------------------------------------------------------------------------

SEG = _label("T_{segment}")
dx, y0, y1 = Symbol("dx", nonnegative=True), Symbol("y0", nonnegative=True), Symbol("y1", positive=True)


def segment_statement() -> Eq:
    """VAR-A13: a straight segment between depths y0 < y1 takes :math:`L\\sqrt{2/g}/(\\sqrt{y_0}+\\sqrt{y_1})`."""
    return Eq(SEG, sqrt(dx**2 + (y1 - y0) ** 2) * sqrt(2 / g) / (sqrt(y0) + sqrt(y1)), evaluate=False)


def _derive_a13() -> Derivation:
    t, h = Symbol("t", positive=True), Symbol("h", positive=True)
    L = sqrt(dx**2 + h**2)
    T = integrate(L / sqrt(2 * g * (y0 + h * t)), (t, 0, 1))
    T = simplify(sympy.radsimp(simplify(T).subs(h, y1 - y0)))
    w_i, run, kappa = Symbol("w_i", positive=True), Symbol(r"\Delta x_i", positive=True), Symbol("kappa", positive=True)
    runs = sympy.solve(Eq(sympy.diff(w_i * sqrt(run**2 + h**2), run), kappa), run)
    if len(runs) != 1:
        raise ArithmeticError(f"the discrete Snell law does not fix the run: {runs}")
    steps = (Step(r"Parametrise $y = y_0 + ht$, $ds = L\,dt$ ($h = y_1 - y_0 > 0$)",
                  Eq(SEG, sympy.Integral(L / sqrt(2 * g * (y0 + h * t)), (t, 0, 1)))),
             Step(r"Evaluate and rationalise (no $1/\sqrt{0}$ at $y_0 = 0$)", Eq(SEG, T)),
             Step(r"Discrete problem: $\min \sum_i w_i \sqrt{\Delta x_i^2 + h_i^2}$ s.t. $\sum_i \Delta x_i = X$; "
                  r"the Lagrange condition $\partial/\partial \Delta x_i = \kappa$ (the discrete Snell law)",
                  Eq(sympy.diff(w_i * sqrt(run**2 + h**2), run), kappa)),
             Step(r"solved for the run of segment $i$", Eq(_label(r"\Delta x_i"), runs[0])))
    return Derivation(Eq(SEG, T, evaluate=False), steps)


def _segment_points() -> Any:
    """The ``params`` of VAR-A13: a run dx >= 0, depths 0 <= y0 < y1 (y0 = 0 included) and a gravity."""
    return draw(dx=s.rationals(0, 3, max_denominator=50), y0=s.rationals(0, 3, max_denominator=50),
                h=POSITIVE, g=GRAVITY)().map(lambda p: {"dx": p["dx"], "y0": p["y0"], "y1": p["y0"] + p["h"],
                                                        "g": p["g"]})


_NOTES_VAR_A13 = (r"The discrete optimum ($\kappa$, $T_N$) of $\texttt{numerics.discrete\_brachistochrone}$ "
                  r"reproduces table G3 (tests); $T_N > T^*$. The $O(N^{-3/2})$ (uniform) / $O(N^{-2})$ (graded) rates "
                  r"are EMPIRICAL: registered as VAR-A13-RATE; the full table is "
                  r"$\texttt{benchmarks/variational\_discrete.py}$.")
register(Result(
    key="VAR-A13", title="Discretised time functional: exact segment time",
    source="derived for this project (discrete analogue of Bernoulli's layers, Su-1107)",
    statement=segment_statement, derive=_derive_a13, numeric=num.segment_time, params=_segment_points,
    examples=({"dx": Fr(1, 2), "y0": 0, "y1": Fr(1, 4), "g": Fr(1, 2)},
              {"dx": 2, "y0": Fr(1, 3), "y1": 3, "g": Fr(981, 100)}),
    notes=_NOTES_VAR_A13, certified=arb_routes.segment_time,
))


def _x_form_time(r: Any, theta1: Any, g: Any, dps: int) -> Any:
    """Route 2: the x-form of the time functional along the solved cycloid through the endpoint (x = u^3)."""
    Xe, Ye = _cycloid_end(r, theta1, dps)
    return num.brachistochrone(Xe, Ye, g=g, dps=dps, method="x-form")["T"]


_NOTES_VAR_A8_XFORM = (r"Integral over $x$ of $\sqrt{1 + y'^2}/\sqrt{2gy}$ with $\theta(x)$ by safeguarded Newton and "
                       r"$x = u^3$, which removes the $x^{-2/3}$ cusp singularity (without it only $\sim 21$ digits come out). "
                       r"Same statement as VAR-A8.")
register(Result(
    key="VAR-A8-XFORM", title="Descent time by the x-form quadrature (route 2)",
    title_tex="Descent time by the $x$-form quadrature (route 2)",
    source=f"derived for this project in {SU_1107}'s conventions; spec VAR-A8 route 2, pitfall C5",
    statement=descent_time_statement, numeric=_x_form_time,
    params=draw(r=POSITIVE, theta1=s.rationals(Fr(1, 10), Fr(62, 10), max_denominator=100), g=GRAVITY),
    examples=({"r": 1, "theta1": 2, "g": Fr(1, 2)}, {"r": Fr(3, 5), "theta1": 4, "g": 1}),
    notes=_NOTES_VAR_A8_XFORM,
    uncertified=("route 2 needs theta(x), the inverse of x = r(theta - sin theta), enclosed at every "
                 "complex quadrature node; FLINT has no certified inverse-function evaluation on complex "
                 "balls, and integrating in theta instead would be route 1, not this route (VAR-A8 is "
                 "certified by shooting)"),
))
