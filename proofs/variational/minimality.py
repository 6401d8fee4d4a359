"""VAR-A14 (Jacobi field, second variation) and VAR-A13 (observed convergence orders) (private).

- VAR-A14-JACOBI (EXACT): the cycloids through the cusp form the one-parameter family
  :math:`y(x; r)`; its variation :math:`h = \\partial y/\\partial r|_x` is a Jacobi field (it solves
  the Jacobi equation :math:`\\frac{d}{dx}(F_{y'y'}h') = (F_{yy} - \\frac{d}{dx}F_{yy'})h` of the
  second variation) and equals :math:`2-\\theta\\cot\\frac\\theta2 = 2(\\sin u - u\\cos u)/\\sin u`
  (u = θ/2), which is positive on 0 < θ < 2π: no point conjugate to the cusp on the arch.
  That this (with the Legendre condition, VAR-A14) makes the cycloid a strong minimum is the
  Jacobi THEOREM (Gelfand–Fomin), imported, not re-proved (the cusp is a singular endpoint).
- VAR-A13-RATE (EMPIRICAL): the exact discrete optima :math:`T_N` converge to the cycloid time
  with observed orders 3/2 (uniform depth grid) and 2 (graded grid), measured between N = 64
  and N = 256 at fixed and drawn endpoints and quoted to one decimal (a quoted rounding);
- VAR-A13-LIM (EMPIRICAL): at X = Y = 1 the local orders approach 3/2 and 2 as N grows (a
  convergence table, N = 32 .. 1024).

Registers: VAR-A14-JACOBI, VAR-A13-RATE, VAR-A13-LIM.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from typing import Any

import sympy
from sympy import Eq, Rational, Symbol, Tuple, cos, cot, sin

from numerics import variational as num
from numerics.variational import certified_brachistochrone as arb_routes

from .brachistochrone import _half_angle
from .euler_lagrange_equations import INTEGRANDS_SYM, POSITIVE, P, Q, Y, _label
from .brachistochrone_ode import T_PAR, U_SYM, along_cycloid, u_derivative
from proofs.core import Convergence, Derivation, Evidence, Result, Status, Step, register
from proofs.core.bibliography import GELFAND_FOMIN
from proofs.core.params import draw, s

__all__ = ["jacobi_field_statement", "rate_statement"]

r, rho = Symbol("r", positive=True), Symbol("rho", positive=True)
theta = Symbol("theta", positive=True)
JAC = _label(r"h(\theta) = \partial y/\partial r|_x")
RATES = [_label("p_{uniform}"), _label("p_{graded}")]
CLAIMED = (Rational(3, 2), Rational(2))


def jacobi_field_statement() -> Eq:
    """VAR-A14: the Jacobi field of the dilation family of cycloids, :math:`h = 2-\\theta\\cot(\\theta/2)`."""
    return Eq(JAC, 2 - theta * cot(theta / 2), evaluate=False)


def _second_variation_coefficients() -> tuple[Any, Any, Any]:
    F = INTEGRANDS_SYM[0]
    return sympy.diff(F, P, 2), sympy.diff(F, Y, 2), sympy.diff(F, Y, P)


def _derive_jacobi() -> Derivation:
    # the family y(x; rho) = rho (1 - cos v), rho (v - sin v) = x: implicit differentiation at fixed x
    v = sympy.Function("vartheta")(rho)
    dv = sympy.solve(sympy.diff(rho * (v - sin(v)), rho), sympy.diff(v, rho))
    if len(dv) != 1:
        raise ArithmeticError(f"implicit differentiation gave {dv}")
    h_raw = sympy.diff(rho * (1 - cos(v)), rho).subs(sympy.diff(v, rho), dv[0])
    h_raw = h_raw.subs(v, theta).subs(rho, r)
    h = _half_angle(sympy.simplify(h_raw))
    # Jacobi equation of the second variation along the cycloid, in t = tan(theta/4) (rational identities)
    Fpp, Fyy, Fyp = _second_variation_coefficients()
    cyc = along_cycloid()
    along = lambda e: e.subs({Y: cyc["y"], P: cyc["p"], Q: cyc["q"]})
    ddx = lambda e: u_derivative(e) / cyc["x_u"]
    dU = -(cyc["x"] / r) / cyc["x_u"]  # du/dr at fixed x (implicit function theorem)
    h_t = cyc["y"] / r + u_derivative(cyc["y"]) * dU
    residual = ddx(along(Fpp) * ddx(h_t)) - (along(Fyy) - ddx(along(Fyp))) * h_t
    residual = sympy.cancel(sympy.factor(residual))
    if residual != 0:
        raise ArithmeticError(f"h does not solve the Jacobi equation: residual {residual}")
    if sympy.cancel(sympy.factor(h_t - (2 - 2 * U_SYM * (1 - T_PAR**2) / (2 * T_PAR)))) != 0:
        raise ArithmeticError("the two computations of h differ")
    # near the cusp, from the derived h: a double zero at theta = 0 with a positive theta^2 coefficient
    small = sympy.series(h, theta, 0, 5).removeO()
    # positivity on the arch: h = 2 q(u)/sin u with q = sin u - u cos u, q(0) = 0 and q' = u sin u > 0 on (0, pi)
    uu = Symbol("u", positive=True)
    q = sin(uu) - uu * cos(uu)
    q_prime = sympy.diff(q, uu)
    if (sympy.simplify(h.subs(theta, 2 * uu) - 2 * q / sin(uu)) != 0 or q.subs(uu, 0) != 0
            or sympy.simplify(q_prime - uu * sin(uu)) != 0):
        raise ArithmeticError(f"h is not 2 (sin u - u cos u)/sin u: {h}")
    if small.coeff(theta, 0) != 0 or small.coeff(theta, 1) != 0 or not small.coeff(theta, 2).is_positive:
        raise ArithmeticError(f"h is not a positive multiple of theta^2 near the cusp: {small}")
    steps = (
        Step(r"Cycloids through the cusp: $y = \rho(1 - \cos \vartheta)$, $x = \rho(\vartheta - \sin \vartheta)$; "
             r"at fixed $x$, $\partial\vartheta/\partial\rho$", Eq(_label(r"\partial\vartheta/\partial\rho"), dv[0])),
        Step(r"Variation of the family $h = \partial y/\partial\rho$ at fixed $x$ ($\theta = 2u$)", Eq(JAC, h)),
        Step(r"Second variation: $P = F_{y'y'}$, $Q = F_{yy} - \frac{d}{dx} F_{yy'}$", Eq(_label("P"), Fpp)),
        Step(r"Jacobi equation $(Ph')' = Qh$ along the cycloid: residual in $t = \tan(\theta/4)$",
             Eq(_label(r"(Ph')' - Qh"), residual)),
        Step(r"$h = 2q(u)/\sin u$ with $q = \sin u - u \cos u$, $u = \theta/2$: $q(0) = 0$ and $q' = u \sin u > 0$ on "
             r"$(0, \pi)$, so $h > 0$ on the arch", Eq(_label(r"\frac{d}{du}(\sin u - u\cos u)"), q_prime)),
        Step(r"Near the cusp $h \sim \theta^2/6$: the only zero is the cusp, so there is no conjugate point on the "
             "arch", Eq(_label(r"h(\theta)"), small)),
        Step("Legendre ($F_{y'y'} > 0$, VAR-A14) + no conjugate point: strong minimum by Jacobi's theorem "
             "(Gelfand-Fomin, imported)", r"\text{THEOREM}"),
    )
    return Derivation(Eq(JAC, h, evaluate=False), steps)


_NOTES_VAR_A14_JACOBI = (r"EXACT: $h$ solves the Jacobi equation and is positive on $(0, 2\pi)$. THEOREM (imported, "
                         r"Gelfand-Fomin): with the Legendre condition this makes the cycloid a strong minimum for every "
                         r"endpoint, $\theta_1 > \pi$ included; the cusp is a singular endpoint of the classical theory. "
                         r"Numerics: the family is solved by Newton at fixed $x$ and differentiated in $r$ by mp.diff. EMPIRICAL "
                         r"support: VAR-A13-RATE ($T_N > T^*$, $T_N \to T^*$).")
register(Result(
    key="VAR-A14-JACOBI", title="Jacobi field of the cycloid family: no conjugate point on the arch",
    source=f"{GELFAND_FOMIN} (Jacobi condition); field derived for this project",
    statement=jacobi_field_statement, derive=_derive_jacobi, numeric=num.jacobi_field,
    params=draw(r=POSITIVE, theta=s.rationals(Fr(1, 10), Fr(62, 10), max_denominator=100)),
    examples=({"r": 1, "theta": 2}, {"r": Rational(3, 5), "theta": Rational(9, 2)},
              {"r": 2, "theta": Rational(1, 5)}),
    notes=_NOTES_VAR_A14_JACOBI, certified=arb_routes.jacobi_field,
))

# --- VAR-A13-RATE, VAR-A13-LIM (EMPIRICAL) ------------------------------------------------------------------


def rate_statement(X: Any = None, Y: Any = None) -> Tuple:
    """VAR-A13 (EMPIRICAL): observed orders of :math:`T_N - T^*`: 3/2 on the uniform depth grid, 2 on the graded grid.

    The claim is the same at every endpoint with X/Y well below π/2; ``X`` and ``Y`` are taken so that a
    statement can name the endpoint it is checked at (they do not change the claimed orders).
    """
    return Tuple(*(Eq(lab, val, evaluate=False) for lab, val in zip(RATES, CLAIMED)))


def _measured(X: Any, Y: Any, dps: int) -> list:
    """The observed orders between N = 64 and N = 256 at the endpoint (X, Y), unrounded: the precise values
    of which the claim quotes one decimal."""
    return [num.discrete_order(X, Y, grid, 64, 256, dps=30) for grid in ("uniform", "graded")]


def _rate_points() -> Any:
    """The ``params`` of VAR-A13-RATE: endpoints with 1/20 <= X/Y <= 1 (near X/Y = π/2 the orders at N <= 256
    are still pre-asymptotic: 1.60 and 1.77 at X/Y = 3/2)."""
    return draw(Y=s.rationals(Fr(1, 2), 3, max_denominator=20), ratio=s.rationals(Fr(1, 20), 1, max_denominator=20))(
    ).map(lambda p: {"X": p["Y"] * p["ratio"], "Y": p["Y"]})


_NOTES_VAR_A13_RATE = (r"EMPIRICAL. The numeric route measures $\log((T_{64} - T^*)/(T_{256} - T^*))/\log 4$ from the "
                       r"exact discrete optima ($\texttt{numerics.discrete\_order}$; $T^*$ by quadrature) at fixed and drawn "
                       r"endpoints with $X/Y \le 1$; the claim quotes it to one decimal (unrounded 1.5185 / 1.9997 for "
                       r"$X = Y = 1$). Near $X/Y = \pi/2$ the orders at $N \le 256$ are pre-asymptotic (1.60 / 1.77 at "
                       r"$X/Y = 3/2$). That the local orders tend to 3/2 and 2 is VAR-A13-LIM (a convergence table). "
                       r"$T_N > T^*$ for every $N$ (admissible paths): tests and $\texttt{benchmarks/variational\_discrete.py}$.")
register(Result(
    key="VAR-A13-RATE", title="Discretised brachistochrone: observed orders 3/2 (uniform) and 2 (graded)",
    parts=("p_{uniform}", "p_{graded}"), source="derived for this project (spec VAR-A13, table G3)",
    status=Status.EMPIRICAL, statement=rate_statement, numeric=_measured, params=_rate_points,
    evidence=Evidence.ROUNDING, quoted=1,
    examples=({"X": 1, "Y": 1}, {"X": 1, "Y": 2}),
    notes=_NOTES_VAR_A13_RATE,
))


def limit_statement() -> Tuple:
    """VAR-A13 (EMPIRICAL, X = Y = 1): the local orders :math:`p_N` tend to 3/2 (uniform) and 2 (graded)."""
    return Tuple(*(Eq(lab, val, evaluate=False) for lab, val in zip(RATES, CLAIMED)))


def _order_table(dps: int, **_: Any) -> list:
    """Local orders between successive N = 16, 32, ..., 1024 at X = Y = 1 (the spec's table G3 case)."""
    return num.local_orders(1, 1, (16, 32, 64, 128, 256, 512, 1024), dps=30)


_NOTES_VAR_A13_LIM = (r"EMPIRICAL, at the spec's endpoint $X = Y = 1$. The table lists the local orders "
                      r"$p_N = \log_2((T_{N/2} - T^*)/(T_N - T^*))$ of the exact discrete optima on both grids; the distance "
                      r"to the claim is the larger of the two, set by the uniform grid, whose order approaches $3/2$ like "
                      r"$N^{-1/2}$ (the graded grid's like $N^{-2}$).")
register(Result(
    key="VAR-A13-LIM", title="Discretised brachistochrone (X = Y = 1): local orders tend to 3/2 (uniform) and 2 (graded)",
    parts=("p_{uniform}", "p_{graded}"), source="derived for this project (spec VAR-A13, table G3)",
    status=Status.EMPIRICAL, statement=limit_statement, examples=({},),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_order_table, quantity=r"local orders $(p_N^{uniform}, p_N^{graded})$"),
    notes=_NOTES_VAR_A13_LIM,
))
