"""VAR-A1 .. VAR-A6, VAR-A14, VAR-A15: Euler–Lagrange, Beltrami, Snell, first integrals (private).

Every statement is an ``Eq`` (or a Tuple of them) whose left side names the
quantity and whose right side is a non-zero closed form (an identity "… = 0" would
give no relative digits).  Derivations use :func:`euler_lagrange` / :func:`beltrami`
or the chain rule along :math:`Y=y(x), P=y'(x), Q=y''(x)`; numerics take every
derivative by ``mp.diff`` of the integrand (:mod:`numerics.variational`).

Registers: VAR-A1, VAR-A2, VAR-A2-CAVEAT, VAR-A3, VAR-A4, VAR-A6, VAR-A14, VAR-A15.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction as Fr
from typing import Any

import sympy
from sympy import Eq, Function, Lambda, Rational, Symbol, Tuple, cosh, simplify, solve, sqrt

from numerics import variational as num
from numerics.variational import certified_brachistochrone as arb_routes

from proofs.core import checks
from .functionals import beltrami, euler_lagrange, jet
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import GELFAND_FOMIN, SU_1094, SU_1107
from proofs.core.params import draw, s

__all__ = ["BRACH_F", "INTEGRANDS_SYM", "MEDIA_SYM", "P", "Q", "Y", "x", "y"]

x = Symbol("x", real=True)
y = Function("y")
Y = Symbol("y", positive=True)  # y(x) at a point (depth, y axis down)
P = Symbol("p", real=True)  # y'(x)
Q = Symbol("q", real=True)  # y''(x)
yx, yp = y(x), y(x).diff(x)
_X = x  # the independent variable, under a name that statement keywords (x = a point) do not shadow

BRACH_F = sqrt(1 + yp**2) / sqrt(yx)
#: the four integrands of VAR-A2 (a), as functions of (Y, P); indices match numerics.INTEGRANDS
INTEGRANDS_SYM = {0: sqrt(1 + P**2) / sqrt(Y), 1: Y * sqrt(1 + P**2), 2: sqrt(1 + P**2), 3: P**2 / 2 - Y**2 / 2}
#: the media v(y) of VAR-A3; indices match numerics.MEDIA
MEDIA_SYM = {0: sqrt(Y), 1: 1 / Y, 2: Y, 3: 1 + Y**2}

#: parameter draws shared by the variational results: a positive length, a real value (the claims hold for every
#: real value; test data in [-3, 3]), and the index of a concrete integrand or medium (INTEGRANDS_SYM, MEDIA_SYM)
POSITIVE = s.rationals(Fr(1, 20), 5, max_denominator=50)
REAL = s.rationals(-3, 3, max_denominator=50)
KIND = s.sizes(0, 3)


def _label(text: str) -> Symbol:
    return Symbol(text)


# --- VAR-A1 ------------------------------------------------------------------------------------

EL_LABEL = _label(r"\mathcal{E}[y]\cdot 2y^{3/2}(1+y'^2)^{3/2}")


def el_brachistochrone_statement() -> Eq:
    """VAR-A1: :math:`\\mathcal E[\\sqrt{1+y'^2}/\\sqrt y]\\cdot 2y^{3/2}(1+y'^2)^{3/2} = -(1+y'^2+2yy'')`."""
    return Eq(EL_LABEL, -(1 + P**2 + 2 * Y * Q), evaluate=False)


def _derive_a1() -> Derivation:
    el = euler_lagrange(BRACH_F, y, x)
    at = jet(el, y, x, Y, P, Q)
    scaled = sympy.expand(simplify(at * 2 * Y ** Rational(3, 2) * (1 + P**2) ** Rational(3, 2)))
    steps = (
        Step("The time functional's integrand ($g = 1/2$, $y$ down)", Eq(Symbol("F"), BRACH_F)),
        Step(r"Euler-Lagrange expression (SymPy $\texttt{euler\_equations}$)", Eq(Symbol(r"\mathcal{E}"), el)),
        Step("In jet variables $y$, $p = y'$, $q = y''$, times $2y^{3/2}(1+p^2)^{3/2}$", Eq(EL_LABEL, scaled)),
    )
    return Derivation(Eq(EL_LABEL, scaled, evaluate=False), steps)


_NOTES_VAR_A1 = (r"Sign convention: that of SymPy's $\texttt{euler\_equations}$ lhs, $F_y - \frac{d}{dx} F_{y'}$. "
                 r"The general Euler-Lagrange theorem (Gelfand-Fomin) is imported; this instance is exact.")
register(Result(
    key="VAR-A1", title="Euler-Lagrange equation of the brachistochrone",
    source=f"{GELFAND_FOMIN} (general EL, THEOREM); instance derived for this project",
    statement=el_brachistochrone_statement, derive=_derive_a1, numeric=num.brachistochrone_el_scaled,
    params=draw(y=POSITIVE, p=REAL, q=REAL),
    examples=({"y": Fr(2, 3), "p": Fr(1, 2), "q": Fr(-3, 4)}, {"y": 5, "p": -3, "q": Fr(7, 2)}),
    notes=_NOTES_VAR_A1, certified=arb_routes.brachistochrone_el_scaled,
))

# --- VAR-A2 ------------------------------------------------------------------------------------

F_abs = Function("F")(Y, P)
B_LABEL = _label(r"\frac{d}{dx}\left(F - y'F_{y'}\right)")


def _D(expr: Any) -> Any:
    """Total x-derivative of a function of (y, y') along a curve: D = y' d/dy + y'' d/dy'."""
    return P * sympy.diff(expr, Y) + Q * sympy.diff(expr, P)


def _on_test_curve(expr: Any, kind: Any, at: Any) -> Any:
    """``expr`` (in the abstract F(y, y') and the jet y, p, q) for the concrete integrand ``INTEGRANDS_SYM[kind]``
    along the non-extremal test curve y = 1 + x^2 + sin x at x = ``at`` (VAR-A2's numeric check)."""
    if isinstance(kind, bool) or kind not in INTEGRANDS_SYM:
        raise ValueError(f"kind must be one of {sorted(INTEGRANDS_SYM)}, got {kind!r}")
    F = Lambda((Y, P), INTEGRANDS_SYM[kind])
    t = sympy.sympify(at)
    curve = 1 + _X**2 + sympy.sin(_X)
    jetvals = {Y: curve.subs(_X, t), P: curve.diff(_X).subs(_X, t), Q: curve.diff(_X, 2).subs(_X, t)}
    return expr.subs(F_abs.func, F).doit().subs(jetvals)


def beltrami_identity_statement(kind: Any = None, x: Any = None) -> Eq:
    """VAR-A2: :math:`\\frac{d}{dx}(F-y'F_{y'}) = y'(F_y - \\frac{d}{dx}F_{y'})` for F = F(y, y').

    Without arguments: for an abstract F, in the jet variables (the general claim).  With ``kind`` and
    ``x``: for the concrete integrand ``INTEGRANDS_SYM[kind]`` along the test curve y = 1 + x² + sin x at x.
    """
    el = sympy.diff(F_abs, Y) - P * sympy.diff(F_abs, Y, P) - Q * sympy.diff(F_abs, P, 2)
    if kind is None and x is None:
        return Eq(B_LABEL, P * el, evaluate=False)
    if kind is None or x is None:
        raise ValueError("give both kind and x (a concrete integrand on the test curve), or neither")
    return Eq(B_LABEL, _on_test_curve(P * el, kind, x), evaluate=False)


def _derive_a2() -> Derivation:
    first = F_abs - P * sympy.diff(F_abs, P)
    value = sympy.expand(_D(first))
    c = Symbol("c", positive=True)
    el_on_line = simplify(euler_lagrange(BRACH_F, y, _X).subs(yx, c).doit())
    steps = (
        Step("Beltrami expression for an $x$-independent integrand", Eq(Symbol("B"), first)),
        Step(r"Chain rule along $y = y(x)$: $\frac{d}{dx} = y' \frac{d}{dy} + y'' \frac{d}{dy'}$", Eq(B_LABEL, value)),
        Step("Caveat: on $y = c$ ($y' = 0$) the right side vanishes, so $B = F(c, 0)$ is constant, but EL of the "
             "brachistochrone there is not zero (VAR-A2-CAVEAT)", Eq(_label(r"\mathcal{E}[c]"), el_on_line)),
    )
    return Derivation(Eq(B_LABEL, value, evaluate=False), steps)


_NOTES_VAR_A2 = (r"Numerically checked for $F = \sqrt{1+y'^2}/\sqrt{y}$, $y \sqrt{1+y'^2}$, $\sqrt{1+y'^2}$, "
                 r"$y'^2/2 - y^2/2$ along the non-extremal curve $y = 1 + x^2 + \sin x$. The converse fails "
                 r"(VAR-A2-CAVEAT).")
register(Result(
    key="VAR-A2", title="Beltrami identity d/dx(F - y'F_y') = y' EL",
    title_tex=r"Beltrami identity $\frac{d}{dx}(F - y'F_{y'}) = y'\,\mathrm{EL}$", source=GELFAND_FOMIN,
    statement=beltrami_identity_statement, derive=_derive_a2, numeric=num.beltrami_derivative,
    params=draw(kind=KIND, x=s.rationals(-1, 1, max_denominator=50)),
    examples=tuple({"kind": k, "x": Fr(1, 3) + Fr(k, 5)} for k in range(4)),
    notes=_NOTES_VAR_A2, certified=arb_routes.beltrami_derivative,
))

C = Symbol("c", positive=True)
CAV_EL, CAV_B = _label(r"\mathcal{E}[c]"), _label(r"(F - y'F_{y'})[c]")


def beltrami_caveat_statement() -> Tuple:
    """VAR-A2 caveat: on y ≡ c > 0, :math:`F-y'F_{y'} = 1/\\sqrt c` is constant but :math:`\\mathcal E = -1/(2c^{3/2}) \\ne 0`."""
    return Tuple(Eq(CAV_EL, -1 / (2 * C ** Rational(3, 2)), evaluate=False), Eq(CAV_B, 1 / sqrt(C), evaluate=False))


def _derive_caveat() -> Derivation:
    el = simplify(euler_lagrange(BRACH_F, y, x).subs(yx, C).doit())
    first = simplify(beltrami(BRACH_F, y, x).subs(yx, C).doit())
    steps = (Step("EL expression on the horizontal line $y = c$", Eq(CAV_EL, el)),
             Step("Beltrami expression on $y = c$ (a constant: the first integral holds)", Eq(CAV_B, first)))
    return Derivation(Tuple(Eq(CAV_EL, el, evaluate=False), Eq(CAV_B, first, evaluate=False)), steps)


register(Result(
    key="VAR-A2-CAVEAT", title="Beltrami caveat: y' = 0 satisfies the first integral but not EL",
    title_tex="Beltrami caveat: $y' = 0$ satisfies the first integral but not EL",
    parts=(r"\mathcal{E}[c]", r"(F - y'F_{y'})[c]"), source=f"{GELFAND_FOMIN}; spec pitfall C3",
    statement=beltrami_caveat_statement, derive=_derive_caveat, numeric=num.constant_path_el,
    params=draw(c=POSITIVE), examples=({"c": 2}, {"c": Fr(3, 7)}),
    certified=arb_routes.constant_path_checks,
))

# --- VAR-A3 ------------------------------------------------------------------------------------

v = Function("v")
LAYER_LABEL = _label(r"F - y'F_{y'},\ F = \sqrt{1+y'^2}/v(y)")
COMPANION_LABEL = _label(r"\mathcal{E}[\sqrt{1+y'^2}/v(x)]")


def layered_medium_statement() -> Eq:
    """VAR-A3 (Su-1107 formula (1)): for :math:`F=\\sqrt{1+y'^2}/v(y)`, :math:`F-y'F_{y'} = 1/(v\\sqrt{1+y'^2})`.

    Hence :math:`v^2(1+y'^2) = \\text{const}`: Snell's law :math:`v/\\cos\\theta_h = \\text{const}`
    (θ_h from the horizontal), :math:`\\sin\\alpha/v = \\text{const}` (α from the vertical).
    """
    return Eq(LAYER_LABEL, 1 / (v(Y) * sqrt(1 + P**2)), evaluate=False)


def _derive_a3() -> Derivation:
    first = simplify(jet(beltrami(sqrt(1 + yp**2) / v(yx), y, x), y, x, Y, P))
    squared = sympy.factor(sympy.powsimp(1 / first**2, force=True))
    companion = euler_lagrange(sqrt(1 + yp**2) / v(x), y, x)
    steps = (
        Step("Beltrami expression ($v$ depends on $y$ only)", Eq(LAYER_LABEL, first)),
        Step(r"Setting it to a constant $C$ and squaring: $v^2 (1 + y'^2) = 1/C^2 = \text{const}$; with "
             r"$\cos \theta_h = 1/\sqrt{1+y'^2}$ this is $v/\cos \theta_h = \text{const}$ (Snell across horizontal "
             r"layers)", Eq(_label(r"(F - y'F_{y'})^{-2}"), squared)),
        Step(r"Companion, $v = v(x)$: $F_y = 0$, so EL reads $\frac{d}{dx} F_{y'} = 0$, i.e. "
             r"$\sin \theta/v = \text{const}$", Eq(COMPANION_LABEL, companion)),
    )
    return Derivation(Eq(LAYER_LABEL, first, evaluate=False), steps)


def _media_evaluate(statement: Any, dps: int, point: Mapping[str, Any]) -> Any:
    rhs = checks.value_of(statement).subs(v, Lambda(Y, MEDIA_SYM[point["kind"]])).doit()
    return checks.to_mpmath(sympy.N(rhs.subs({Y: sympy.sympify(point["y"]), P: sympy.sympify(point["p"])}), dps + 15))


_NOTES_VAR_A3 = (r"Inherits the Beltrami caveat: horizontal lines satisfy the formula for every $v$ but solve EL "
                 r"only if $v'(y_0) = 0$. Media checked: $\sqrt{y}$ (brachistochrone), $1/y$ (catenary), $y$ (circles), "
                 r"$1 + y^2$.")
register(Result(
    key="VAR-A3", title="Layered medium: v^2 (1 + y'^2) = const (Snell across layers)",
    title_tex=r"Layered medium: $v^2 (1 + y'^2) = \text{const}$ (Snell across layers)",
    source=f"{SU_1107}, formula (1)", statement=layered_medium_statement, derive=_derive_a3,
    numeric=num.layered_first_integral, evaluate=_media_evaluate, params=draw(kind=KIND, y=POSITIVE, p=REAL),
    examples=tuple({"kind": k, "y": Fr(2 + k, 3), "p": Fr(3 - 2 * k, 7)} for k in range(4)),
    notes=_NOTES_VAR_A3,
    uncertified=("the closed form is written for an unspecified medium v(y), which the example's kind "
                 "fixes only in this result's own evaluate hook; the certified tier evaluates the statement "
                 "itself, where v(y) has no value in Arb"),
))

# --- VAR-A4 ------------------------------------------------------------------------------------

a, b, d, v1, v2 = sympy.symbols("a b d v1 v2", positive=True)
xs = Symbol("x", real=True)


def _travel_time(v_1: Any = v1, v_2: Any = v2) -> Any:
    return sqrt(a**2 + xs**2) / v_1 + sqrt(b**2 + (d - xs) ** 2) / v_2


def snell_statement() -> Tuple:
    """VAR-A4: :math:`T'(x) = \\sin\\alpha_1/v_1-\\sin\\alpha_2/v_2`, :math:`T''>0`, reflection :math:`x^*=ad/(a+b)`."""
    sin1, sin2 = xs / sqrt(a**2 + xs**2), (d - xs) / sqrt(b**2 + (d - xs) ** 2)
    return Tuple(
        Eq(_label("T'(x)"), sin1 / v1 - sin2 / v2, evaluate=False),
        Eq(_label("T''(x)"), a**2 / (v1 * (a**2 + xs**2) ** Rational(3, 2))
           + b**2 / (v2 * (b**2 + (d - xs) ** 2) ** Rational(3, 2)), evaluate=False),
        Eq(_label("x^*_{refl}"), a * d / (a + b), evaluate=False),
    )


def _derive_a4() -> Derivation:
    T = _travel_time()
    # T'' is left as differentiated: simplify finds no shorter form of it (and costs more than the rest)
    t1, t2 = simplify(T.diff(xs)), T.diff(xs, 2)
    # reflection: one medium, both points above the mirror; T' = 0 has the single root a d/(a + b)
    refl = sympy.sqrt(a**2 + xs**2) + sympy.sqrt(b**2 + (d - xs) ** 2)
    roots = solve(sympy.diff(refl, xs), xs)
    if len(roots) != 1:
        raise ArithmeticError(f"expected one stationary point of the reflection time, got {roots}")
    steps = (Step("Travel time through $(x, 0)$", Eq(Symbol("T"), T)),
             Step("First derivative", Eq(_label("T'(x)"), t1)),
             Step("Second derivative: a sum of positive terms, so $T$ is strictly convex", Eq(_label("T''(x)"), t2)),
             Step("Reflection: the unique root of $T'$", Eq(_label("x^*_{refl}"), roots[0])))
    return Derivation(Tuple(Eq(_label("T'(x)"), t1, evaluate=False), Eq(_label("T''(x)"), t2, evaluate=False),
                            Eq(_label("x^*_{refl}"), roots[0], evaluate=False)), steps)


def _snell_numeric(a: Any, b: Any, d: Any, v1: Any, v2: Any, x: Any, dps: int) -> list:
    return [*num.snell_derivatives(a, b, d, v1, v2, x, dps=dps), num.reflection_point(a, b, d, dps=dps)]


_NOTES_VAR_A4 = (r"Angles from the normal: $\sin \alpha_1/v_1 = \sin \alpha_2/v_2$ at the minimiser (not "
                 r"$v_1 \sin \alpha_1 = v_2 \sin \alpha_2$). $\texttt{numerics.variational.snell\_point}$ reproduces the "
                 r"golden $x^* = 1.437409303028748505\ldots$ ($a=1$, $b=2$, $d=3$, $v_2=3/4$).")
register(Result(
    key="VAR-A4", title="Fermat's principle: Snell's law and the reflection law",
    parts=(r"T'(x)", r"T''(x)", r"x^*_{refl}"), source=f"standard; {SU_1107} (layered version)",
    statement=snell_statement, derive=_derive_a4, numeric=_snell_numeric,
    params=draw(a=POSITIVE, b=POSITIVE, d=POSITIVE, v1=POSITIVE, v2=POSITIVE,
                x=s.rationals(-2, 4, max_denominator=50)),
    examples=({"a": 1, "b": 2, "d": 3, "v1": 1, "v2": Fr(3, 4), "x": Fr(7, 5)},
              {"a": Fr(1, 2), "b": 3, "d": 5, "v1": 2, "v2": 7, "x": -1}),
    notes=_NOTES_VAR_A4, certified=arb_routes.snell_checks,
))

# --- VAR-A6 ------------------------------------------------------------------------------------

A6_B, A6_D = _label(r"F - y'F_{y'}"), _label(r"\frac{d}{dx}\left[y(1+y'^2)\right]")


def first_integral_statement() -> Tuple:
    """VAR-A6: :math:`F-y'F_{y'} = 1/(\\sqrt y\\sqrt{1+y'^2})` and :math:`\\frac{d}{dx}[y(1+y'^2)] = y'(1+y'^2+2yy'')`.

    So EL (:math:`1+y'^2+2yy''=0`, VAR-A1) gives the first integral :math:`y(1+y'^2) = 2r`
    (the Snell constant :math:`\\cos\\theta_h/\\sqrt y = 1/\\sqrt{2r}`), and conversely where y' ≠ 0.
    """
    return Tuple(Eq(A6_B, 1 / (sqrt(Y) * sqrt(1 + P**2)), evaluate=False),
                 Eq(A6_D, P * (1 + P**2 + 2 * Y * Q), evaluate=False))


def _derive_a6() -> Derivation:
    first = simplify(jet(beltrami(BRACH_F, y, x), y, x, Y, P))
    dd = sympy.factor(jet(sympy.diff(yx * (1 + yp**2), x), y, x, Y, P, Q))
    squared = sympy.factor(sympy.powsimp(1 / first**2, force=True))
    steps = (Step("Beltrami expression of the brachistochrone integrand", Eq(A6_B, first)),
             Step(r"Its inverse square: setting the expression to $1/\sqrt{2r}$ gives $y(1 + y'^2) = 2r$",
                  Eq(_label(r"(F - y'F_{y'})^{-2}"), squared)),
             Step(r"The derivative of $y(1 + y'^2)$: zero on EL ($1 + y'^2 + 2yy'' = 0$), and conversely where "
                  r"$y' \ne 0$", Eq(A6_D, dd)))
    return Derivation(Tuple(Eq(A6_B, first, evaluate=False), Eq(A6_D, dd, evaluate=False)), steps)


def _first_integral_numeric(y: Any, p: Any, q: Any, dps: int) -> list:
    """VAR-A6's numeric route: F - y'F_{y'} (medium sqrt(y)) and d/dx[y(1+y'^2)], both by mp.diff."""
    return [num.layered_first_integral(0, y, p, dps=dps), num.first_integral_derivative(y, p, q, dps=dps)]


register(Result(
    key="VAR-A6", title="Brachistochrone first integral y(1 + y'^2) = 2r",
    title_tex="Brachistochrone first integral $y(1 + y'^2) = 2r$",
    parts=(r"F - y'F_{y'}", r"\frac{d}{dx}\left[y(1+y'^2)\right]"), source=f"{SU_1107}, formula (1)",
    statement=first_integral_statement, derive=_derive_a6, numeric=_first_integral_numeric,
    params=draw(y=POSITIVE, p=REAL, q=REAL),
    examples=({"y": Fr(2, 3), "p": Fr(1, 2), "q": Fr(-3, 4)}, {"y": 3, "p": -2, "q": Fr(5, 3)}),
    certified=arb_routes.first_integral_checks,
))

# --- VAR-A14 -----------------------------------------------------------------------------------

LEG_LABEL = _label("F_{y'y'}")


def legendre_condition_statement() -> Eq:
    """VAR-A14 (Legendre condition): :math:`F_{y'y'} = 1/(\\sqrt y(1+y'^2)^{3/2}) > 0`."""
    return Eq(LEG_LABEL, 1 / (sqrt(Y) * (1 + P**2) ** Rational(3, 2)), evaluate=False)


def _derive_a14() -> Derivation:
    return Derivation(Eq(LEG_LABEL, simplify(sympy.diff(INTEGRANDS_SYM[0], P, 2)), evaluate=False),
                      (Step("Second derivative of $F$ in $y'$", Eq(LEG_LABEL, sympy.diff(INTEGRANDS_SYM[0], P, 2))),))


_NOTES_VAR_A14 = (r"Jacobi condition: the Jacobi field of the dilation family of cycloids and its positivity on the "
                  r"arch are VAR-A14-JACOBI (EXACT); that they make the cycloid a strong minimum is the imported THEOREM "
                  r"(Gelfand-Fomin). Supported numerically by VAR-A13-RATE ($T_N > T^*$, $T_N \to T^*$).")
register(Result(
    key="VAR-A14", title="Legendre condition for the brachistochrone",
    source=f"{GELFAND_FOMIN} (Legendre, Jacobi conditions)", statement=legendre_condition_statement,
    derive=_derive_a14, numeric=num.legendre_condition, params=draw(y=POSITIVE, p=REAL),
    examples=({"y": Fr(2, 3), "p": Fr(1, 2)}, {"y": 7, "p": -4}),
    notes=_NOTES_VAR_A14, certified=arb_routes.legendre_condition,
))

# --- VAR-A15 -----------------------------------------------------------------------------------

ca, cb, R, x0 = Symbol("a", positive=True), Symbol("b", real=True), Symbol("R", positive=True), Symbol("x0", real=True)
A15 = [_label(r"(F - y'F_{y'})_{cat}"), _label(r"\left(\frac{d}{dx}F_{y'}\right)_{cat}"),
       _label(r"(F - y'F_{y'})_{circ}"), _label(r"\left(\frac{d}{dx}F_{y'}\right)_{circ}")]


def media_applications_statement() -> Tuple:
    """VAR-A15: the catenary :math:`y=a\\cosh((x-b)/a)` extremises :math:`\\int y\\,ds` and circles centred on the axis
    extremise :math:`\\int ds/y`: first integrals a and 1/R, and :math:`\\frac{d}{dx}F_{y'} = F_y` (EL) along them.
    """
    return Tuple(Eq(A15[0], ca, evaluate=False), Eq(A15[1], cosh((x - cb) / ca), evaluate=False),
                 Eq(A15[2], 1 / R, evaluate=False),
                 Eq(A15[3], -R / (R**2 - (x - x0) ** 2) ** Rational(3, 2), evaluate=False))


def _along_candidate(F: Any, curve: Any) -> tuple[Any, Any, Any]:
    """(F - y'F_{y'}, d/dx F_{y'}, F_y) along y = curve(x), by euler_lagrange/beltrami then substitution."""
    first = beltrami(F, y, x).subs(yx, curve).doit()
    Fp = sympy.diff(jet(F, y, x, Y, P), P)
    dFp = sympy.diff(Fp.subs({Y: curve, P: sympy.diff(curve, x)}), x)
    Fy = sympy.diff(jet(F, y, x, Y, P), Y).subs({Y: curve, P: sympy.diff(curve, x)})
    return first, dFp, Fy


_U, _H = Symbol("u", real=True), Symbol("h", positive=True)


def _on_catenary(expr: Any) -> Any:
    """Simplify along the catenary: x = b + a u, and (1 + sinh^2 u)^e = cosh^{2e} u (cosh u > 0)."""
    e = expr.subs(x, cb + ca * _U)
    e = e.replace(lambda t: t.is_Pow and sympy.expand(t.base - sympy.sinh(_U) ** 2 - 1) == 0,
                  lambda t: cosh(_U) ** (2 * t.exp))
    e = sympy.expand(e).subs(sympy.sinh(_U) ** 2, cosh(_U) ** 2 - 1)
    return simplify(e).subs(_U, (x - cb) / ca)


def _on_circle(expr: Any) -> Any:
    """Simplify along the circle: x = x0 + sqrt(R^2 - h^2) with h = y > 0, then back to x."""
    return simplify(expr.subs(x, x0 + sqrt(R**2 - _H**2))).subs(_H, sqrt(R**2 - (x - x0) ** 2))


def _derive_a15() -> Derivation:
    cat = ca * cosh((x - cb) / ca)
    circ = sqrt(R**2 - (x - x0) ** 2)
    b1, d1, _ = _along_candidate(yx * sqrt(1 + yp**2), cat)
    b2, d2, _ = _along_candidate(sqrt(1 + yp**2) / yx, circ)
    b1, d1, b2, d2 = _on_catenary(b1), _on_catenary(d1), _on_circle(b2), _on_circle(d2)
    el1 = _on_catenary(euler_lagrange(yx * sqrt(1 + yp**2), y, x).subs(yx, cat).doit())
    el2 = _on_circle(euler_lagrange(sqrt(1 + yp**2) / yx, y, x).subs(yx, circ).doit())
    lam = Symbol("lambda", real=True)
    el3 = _on_catenary(euler_lagrange((yx - lam) * sqrt(1 + yp**2), y, x).subs(yx, lam + cat).doit())
    if el1 != 0 or el2 != 0 or el3 != 0:
        raise ArithmeticError(f"EL residuals did not vanish on the candidates: {el1}, {el2}, {el3}")
    steps = (
        Step(r"$v \propto 1/y$: $F = y \sqrt{1+y'^2}$; formula (1) gives $(1+y'^2)/y^2 = 1/a^2$, i.e. the catenary",
             Eq(Symbol("y"), cat)),
        Step("EL residual on the catenary (simplified)", Eq(Symbol(r"\mathcal{E}_{cat}"), el1)),
        Step(r"$v \propto y$: $F = \sqrt{1+y'^2}/y$; formula (1) gives $y^2(1+y'^2) = R^2$, circles on the axis",
             Eq(Symbol("y"), circ)),
        Step("EL residual on the circle (simplified)", Eq(Symbol(r"\mathcal{E}_{circ}"), el2)),
        Step(r"Length constraint (multiplier $\lambda$): $F = (y - \lambda) \sqrt{1+y'^2}$; EL residual on "
             r"$y = \lambda + a \cosh((x-b)/a)$ (simplified)", Eq(Symbol(r"\mathcal{E}_{\lambda}"), el3)),
    )
    value = Tuple(Eq(A15[0], b1, evaluate=False), Eq(A15[1], d1, evaluate=False),
                  Eq(A15[2], b2, evaluate=False), Eq(A15[3], d2, evaluate=False))
    return Derivation(value, steps)


def _media_numeric(a: Any, b: Any, R: Any, x0: Any, x: Any, dps: int) -> list:
    """VAR-A15's numeric route: first integral and d/dx F_{y'} along the catenary, then along the circle."""
    return [*num.catenary_checks(a, b, x, dps=dps), *num.circle_checks(R, x0, x, dps=dps)]


_NOTES_VAR_A15 = ("The circle check needs $|x - x_0| < R$. Extremals of the area of revolution and of the hanging "
                  "chain ($y$ up or down does not change the extremals); circles are geodesics of the Poincare half-plane.")
register(Result(
    key="VAR-A15", title="Catenary and circles from formula (1)",
    parts=(r"(F - y'F_{y'})_{cat}", r"\left(\frac{d}{dx} F_{y'}\right)_{cat}", r"(F - y'F_{y'})_{circ}",
           r"\left(\frac{d}{dx} F_{y'}\right)_{circ}"),
    source=f"{SU_1094} announces the catenary; derivations standard", statement=media_applications_statement,
    derive=_derive_a15, numeric=_media_numeric,
    params=lambda: draw(a=POSITIVE, b=REAL, R=POSITIVE, x0=REAL, t=s.rationals(Fr(-9, 10), Fr(9, 10), max_denominator=50))(
    ).map(lambda p: {"a": p["a"], "b": p["b"], "R": p["R"], "x0": p["x0"], "x": p["x0"] + p["t"] * p["R"]}),
    examples=({"a": Fr(3, 2), "b": Fr(1, 5), "R": 2, "x0": Fr(1, 3), "x": Fr(7, 10)},
              {"a": Fr(1, 3), "b": -1, "R": Fr(5, 2), "x0": 2, "x": 1}),
    notes=_NOTES_VAR_A15, certified=arb_routes.catenary_circle_checks,
))
