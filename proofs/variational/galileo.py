"""VAR-A11 for X ≠ Y (Galileo's arc in closed form) and Galileo's law of chords (private).

Galileo's arc is the circle through the start and the end point (X, Y) whose centre (c, 0),
:math:`c=(X^2+Y^2)/(2X)`, lies on the start level (vertical initial tangent, spec pitfall C16).
Its descent time is an incomplete elliptic integral of the first kind:

.. math:: T_{arc}(X, Y) = \\sqrt{\\frac{X^2+Y^2}{2Xg}}\\,
          \\Big[K(\\tfrac12) + F\\big(\\arcsin\\tfrac{X-Y}{\\sqrt{X^2+Y^2}}\\,\\big|\\,\\tfrac12\\big)\\Big],

(parameter convention m = k², as ``sympy.elliptic_f`` and ``mpmath.ellipf``), derived from the
antiderivative :math:`H(\\varphi)=\\sqrt2\\,[K(\\frac12)-F(\\arcsin(\\cos\\frac\\varphi2-\\sin\\frac\\varphi2)\\,|\\,\\frac12)]`
of :math:`\\sin^{-1/2}\\varphi` on (0, π), which is checked by differentiation.  X = Y gives the
quarter circle :math:`\\sqrt{R/g}\\,K(\\frac12)` of VAR-A11.  The numeric route is the quadrature of
:func:`numerics.variational.path_time` (``"arc"``, φ = u²).

Registers: VAR-A11-ARC, VAR-A11-CHORD.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from functools import partial
from typing import Any

import sympy
from sympy import Eq, Rational, Symbol, asin, atan2, cos, elliptic_f, elliptic_k, integrate, sin, sqrt

from numerics import variational as num
from numerics.variational import certified_brachistochrone as arb_routes
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import GALILEO, HISTORY
from proofs.core.params import draw, s

from .brachistochrone import GRAVITY
from .euler_lagrange_equations import POSITIVE, _label

__all__ = ["arc_antiderivative", "chord_statement", "galileo_arc_statement"]

X, Y, g = Symbol("X", positive=True), Symbol("Y", positive=True), Symbol("g", positive=True)
D = Symbol("D", positive=True)
phi, u = Symbol("phi", positive=True), Symbol("u", positive=True)
HALF = Rational(1, 2)
ARC = _label("T_{arc}(X, Y)")
CHORD = _label("T_{chord}")

def arc_antiderivative(angle: Any = phi) -> Any:
    """:math:`H(\\varphi)=\\sqrt2\\,[K(\\frac12)-F(\\arcsin(\\cos\\frac\\varphi2-\\sin\\frac\\varphi2)\\,|\\,\\frac12)]`,
    the antiderivative of :math:`1/\\sqrt{\\sin\\varphi}` on (0, π) with H(0) = 0."""
    return sqrt(2) * (elliptic_k(HALF) - elliptic_f(asin(cos(angle / 2) - sin(angle / 2)), HALF))


def galileo_arc_statement() -> Eq:
    """VAR-A11 (X ≠ Y): :math:`T_{arc}=\\sqrt{(X^2+Y^2)/(2Xg)}\\,[K(\\frac12)+F(\\arcsin\\frac{X-Y}{\\sqrt{X^2+Y^2}}\\,|\\,\\frac12)]`."""
    return Eq(ARC, sqrt((X**2 + Y**2) / (2 * X * g))
              * (elliptic_k(HALF) + elliptic_f(asin((X - Y) / sqrt(X**2 + Y**2)), HALF)), evaluate=False)


def _derive_arc() -> Derivation:
    c = (X**2 + Y**2) / (2 * X)
    xc, yc = c * (1 - cos(phi)), c * sin(phi)
    if sympy.simplify(xc.subs(phi, 0)) != 0 or sympy.simplify((xc - c) ** 2 + yc**2 - c**2) != 0:
        raise ArithmeticError("the parametrisation is not the circle of radius c centred at (c, 0)")
    speed2 = sympy.simplify(sympy.diff(xc, phi) ** 2 + sympy.diff(yc, phi) ** 2)  # (ds/dphi)^2 = c^2
    rate2 = sympy.simplify(speed2 / (2 * g * yc))  # (dt/dphi)^2 = c/(2 g sin phi)
    # dt/dphi = sqrt(rate2) = coefficient * sin(phi)^(-1/2) on (0, pi), with the coefficient free of phi
    coefficient2 = sympy.simplify(rate2 * sin(phi))
    if coefficient2.has(phi):
        raise ArithmeticError(f"(dt/dphi)^2 = {rate2} is not a constant times 1/sin(phi)")
    coefficient = sqrt(coefficient2)
    # the antiderivative: compare squares of H' sqrt(sin phi) in the half angle u = phi/2 (so dphi/du = 2),
    # and H' > 0 on (0, pi)
    H, Hu = arc_antiderivative(phi), arc_antiderivative(2 * u)
    dH = sympy.diff(Hu, u) / 2  # H'(phi) at phi = 2u, by the chain rule
    if sympy.simplify(dH**2 * sin(2 * u)) != 1 or Hu.subs(u, 0) != 0:
        raise ArithmeticError("H is not the antiderivative of sin(phi)^(-1/2) vanishing at 0")
    # the end angle: sin(phi1) = Y/c, cos(phi1) = 1 - X/c, so cos(phi1/2) = Y/L, sin(phi1/2) = X/L (L = |(X, Y)|)
    cos1 = sympy.simplify(1 - X / c)
    ch, sh = sympy.simplify(sqrt((1 + cos1) / 2)), sympy.simplify(sqrt((1 - cos1) / 2))
    phi1 = 2 * atan2(sh, ch)
    # T = int_0^phi1 dt/dphi dphi = coefficient * (H(phi1) - H(0)), and H(0) = 0 (checked above)
    T = coefficient * sympy.simplify(H.subs(phi, phi1))
    T = sympy.powdenest(sympy.expand(T), force=False)
    steps = (
        Step("Circle through both endpoints with centre $(c, 0)$ on the start level", Eq(Symbol("c"), c)),
        Step(r"$(ds/d\varphi)^2$ along $(c(1 - \cos \varphi), c \sin \varphi)$",
             Eq(_label(r"(ds/d\varphi)^2"), speed2)),
        Step(r"$(dt/d\varphi)^2 = (ds/d\varphi)^2 / (2gy)$", Eq(_label(r"(dt/d\varphi)^2"), rate2)),
        Step(r"Antiderivative of $\sin^{-1/2}$ on $(0, \pi)$: $H'(\varphi)^2 \sin \varphi = 1$, $H' > 0$ (numerator "
             r"$(\sin + \cos)(\varphi/2) > 0$), $H(0) = 0$ since $F(\pi/2 \mid m) = K(m)$",
             Eq(_label(r"H(\varphi)"), H)),
        Step(r"End angle: $\sin \varphi_1 = Y/c$, $\cos \varphi_1 = 1 - X/c$, so $\sin(\varphi_1/2) = X/L$, "
             r"$\cos(\varphi_1/2) = Y/L$", Eq(_label(r"\varphi_1"), phi1)),
        Step(r"The amplitude of $F$ at $\varphi_1$",
             Eq(_label(r"\cos\frac{\varphi_1}{2}-\sin\frac{\varphi_1}{2}"), sympy.simplify(ch - sh))),
        Step(r"$dt/d\varphi = \sqrt{(dt/d\varphi)^2} = \text{coefficient}\cdot \sin^{-1/2}\varphi$, the coefficient "
             r"free of $\varphi$", Eq(_label(r"\sqrt{(dt/d\varphi)^2\,\sin\varphi}"), coefficient)),
        Step(r"$T = \text{coefficient}\cdot(H(\varphi_1) - H(0))$; $F$ is odd in its amplitude. $X = Y$ (quarter "
             r"circle) leaves $\sqrt{R/g}\,K(1/2)$", Eq(ARC, T)),
    )
    return Derivation(Eq(ARC, T, evaluate=False), steps)


_NOTES_VAR_A11_ARC = (r"Parameter convention $m = k^2$ ($\texttt{sympy.elliptic\_f}$, $\texttt{mpmath.ellipf}$). Golden "
                      r"$(X, Y) = (2, 1)$, $g = 1/2$: 3.677830418736647091642255088753514994738 (spec table G2). For $X > Y$ "
                      r"the arc dips below the end level ($\varphi_1 > \pi/2$) and the amplitude $\arcsin((X - Y)/L)$ is "
                      r"positive; for $X < Y$ it is negative.")
register(Result(
    key="VAR-A11-ARC", title="Galileo's arc for X != Y: an incomplete elliptic integral",
    title_tex=r"Galileo's arc for $X \ne Y$: an incomplete elliptic integral",
    source=f"{GALILEO}; closed form derived for this project", statement=galileo_arc_statement,
    derive=_derive_arc, numeric=partial(num.path_time, "arc"), params=draw(X=POSITIVE, Y=POSITIVE, g=GRAVITY),
    examples=({"X": 2, "Y": 1, "g": HALF}, {"X": 1, "Y": 3, "g": 1},
              {"X": Fr(3, 2), "Y": Fr(1, 2), "g": Fr(981, 100)}, {"X": 1, "Y": 1, "g": HALF}),
    notes=_NOTES_VAR_A11_ARC, certified=arb_routes.arc_time,
))

# --- Galileo's law of chords (optional in the spec) -------------------------------------------------------


def chord_statement() -> Eq:
    """VAR-A11 (optional): every chord from the top of a vertical circle of diameter D takes :math:`\\sqrt{2D/g}`."""
    return Eq(CHORD, sqrt(2 * D / g), evaluate=False)


def _derive_chord() -> Derivation:
    xx, m = Symbol("x", positive=True), Y / X
    line = sympy.simplify(integrate(sqrt(1 + m**2) / sqrt(2 * g * m * xx), (xx, 0, X)))  # VAR-A10
    on_circle = sympy.solve(Eq(X**2 + (Y - D / 2) ** 2, D**2 / 4), X)  # the chord's end lies on the circle
    if len(on_circle) != 1:
        raise ArithmeticError(f"expected one positive abscissa on the circle, got {on_circle}")
    T2 = sympy.factor(sympy.expand(line**2).subs(X, on_circle[0]))
    T = sqrt(T2)
    steps = (Step("Time along the straight line to $(X, Y)$ (VAR-A10, by integration)",
                  Eq(_label("T_{line}"), line)),
             Step("Circle of diameter $D$ through the start, centre $(0, D/2)$ below it ($y$ down)",
                  Eq(X, on_circle[0])),
             Step("Substituting: $T^2$ no longer depends on $Y$ (nor on the chord's direction)",
                  Eq(_label("T_{chord}^2"), T2)),
             Step("Hence", Eq(CHORD, T)))
    return Derivation(Eq(CHORD, T, evaluate=False), steps)


_NOTES_VAR_A11_CHORD = (r"Numerics: the straight-line time functional by quadrature to the chord's end "
                        r"$(\sqrt{Y(D - Y)}, Y)$; $Y = D$ is the vertical diameter. For $g = 1/2$ the time is $2 \sqrt{D}$.")
register(Result(
    key="VAR-A11-CHORD", title="Galileo's law of chords: every chord from the top takes sqrt(2D/g)",
    title_tex=r"Galileo's law of chords: every chord from the top takes $\sqrt{2D/g}$",
    source=f"{GALILEO}; {HISTORY}", statement=chord_statement, derive=_derive_chord, numeric=num.chord_time,
    params=lambda: draw(D=POSITIVE, depth=s.rationals(Fr(1, 20), 1, max_denominator=50), g=GRAVITY)().map(
        lambda p: {"D": p["D"], "Y": p["D"] * p["depth"], "g": p["g"]}),
    examples=({"D": 1, "Y": Fr(1, 2), "g": HALF}, {"D": 3, "Y": Fr(1, 5), "g": 1},
              {"D": 2, "Y": 2, "g": Fr(981, 100)}),
    notes=_NOTES_VAR_A11_CHORD, certified=arb_routes.chord_time,
))
