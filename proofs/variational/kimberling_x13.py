"""VAR-F3: Kimberling's X(13) barycentrics against the stationarity condition (private).

The statement is the closed form :math:`a\\csc(A+\\pi/3) : b\\csc(B+\\pi/3) : c\\csc(C+\\pi/3)`
(:func:`proofs.variational.fermat_geometry.barycentric_point`).  The derivation starts from the
first variation of :math:`f(P)=|PA|+|PB|+|PC|` instead: :math:`\\nabla f = u_A+u_B+u_C = 0`
means that P sees every side under 120°; the locus of points seeing BC under 120° (on A's
side) is the circle through B and C centred at the centre :math:`O_a` of the equilateral
triangle erected outward on BC, and likewise for CA.  Both circles pass through C, so P is
the reflection of C in the line :math:`O_aO_b` — a point of :math:`\\mathbb Q(\\sqrt3)^2` for an
integer triangle.  The 120° conditions are then confirmed without square roots
(:math:`4(u\\cdot v)^2 = |u|^2|v|^2` with :math:`u\\cdot v<0`).

The barycentric formula is a THEOREM of the literature (ETC X(13)); it is proved here exactly
for each triangle of :data:`FAMILY` (a bounded proof, ``n = 0 … 5``), and cross-checked
numerically on drawn triangles.

Registers: VAR-F3.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import Eq, Integer, Matrix, Tuple, sqrt

from numerics.variational import certified as _cert

from . import fermat_balance
from .fermat_geometry import _clean, barycentric_point, exact_sign
from .fermat import _T, PX, PY, _num_cosines, _tri, _triangle_points
from proofs.core import Bound, Derivation, Result, Scope, Status, Step, register

__all__ = ["FAMILY", "stationary_point", "x13_statement"]

#: Test data: further integer triangles for the bounded proof. Any triangle with every angle < 120° will do
#: (:func:`stationary_point` refuses one with an angle >= 120°, where the minimiser is a vertex).
_EX_FAMILY = (
    ((0, 0), (5, 1), (2, 4)),
    ((0, 0), (1, 0), (0, 1)),
    ((0, 0), (3, 0), (1, 1)),
    ((0, 0), (6, 0), (3, 5)),
    ((-2, 1), (3, -1), (1, 4)),
)
#: Integer triangles with every angle < 120°, for the bounded proof: n = 0 is the spec's test triangle, then
#: :data:`_EX_FAMILY`.
FAMILY: tuple[tuple[tuple[int, int], ...], ...] = (
    ((_T["Ax"], _T["Ay"]), (_T["Bx"], _T["By"]), (_T["Cx"], _T["Cy"])), *_EX_FAMILY)


def _outward_centre(P: Any, Q: Any, R: Any) -> tuple[Any, Any]:
    """Centre of the equilateral triangle erected on PQ on the side away from R."""
    mx, my = (P[0] + Q[0]) / 2, (P[1] + Q[1]) / 2
    nx, ny = P[1] - Q[1], Q[0] - P[0]  # PQ rotated by +90 degrees (length |PQ|)
    side = exact_sign((R[0] - mx) * nx + (R[1] - my) * ny)
    k = -side / (2 * sqrt(3))  # the centre lies |PQ|/(2 sqrt 3) from the midpoint
    return mx + k * nx, my + k * ny


def _reflect(Pt: Any, O1: Any, O2: Any) -> tuple[Any, Any]:
    dx, dy = O2[0] - O1[0], O2[1] - O1[1]
    t = ((Pt[0] - O1[0]) * dx + (Pt[1] - O1[1]) * dy) / (dx**2 + dy**2)
    return 2 * (O1[0] + t * dx) - Pt[0], 2 * (O1[1] + t * dy) - Pt[1]


def _unit_gradient() -> Matrix:
    """The gradient of |PA| + |PB| + |PC| for a symbolic P and vertices (the weighted one at unit weights)."""
    grad, _ = fermat_balance.gradient_balance()
    return grad.subs(dict.fromkeys(fermat_balance.K, 1))


def stationary_point(A: Any, B: Any, C: Any) -> Derivation:
    """The point where :math:`\\nabla(|PA|+|PB|+|PC|)=0`, from the 120° loci, with its exact check.

    Raises ArithmeticError if some angle at the constructed point is not 120° (the triangle
    then has an angle >= 120° and the minimiser is a vertex, VAR-F1).
    """
    pts = [tuple(sympy.sympify(c) for c in X) for X in (A, B, C)]
    A, B, C = pts
    Oa, Ob = _outward_centre(B, C, A), _outward_centre(C, A, B)
    P = tuple(sympy.radsimp(sympy.expand(c)) for c in _reflect(C, Oa, Ob))
    checks = []
    for U, V in ((A, B), (B, C), (C, A)):
        u, v = (U[0] - P[0], U[1] - P[1]), (V[0] - P[0], V[1] - P[1])
        dot = sympy.expand(u[0] * v[0] + u[1] * v[1])
        gap = sympy.expand(4 * dot**2 - sympy.expand(u[0] ** 2 + u[1] ** 2) * sympy.expand(v[0] ** 2 + v[1] ** 2))
        if gap != 0 or exact_sign(dot) >= 0:
            raise ArithmeticError(f"the angle at P over {U}, {V} is not 120 degrees (4 dot^2 - |u|^2|v|^2 = {gap})")
        checks.append(dot)
    steps = (
        Step(r"First variation of $f(P) = |PA| + |PB| + |PC|$ (differentiated for a symbolic $P$): $\nabla f = 0$ "
             r"means the three unit vectors $u_X$ sum to zero, i.e. they are pairwise at $120^\circ$",
             Eq(Matrix([sympy.Symbol(r"\partial_{p_x} f"), sympy.Symbol(r"\partial_{p_y} f")]),
                _unit_gradient(), evaluate=False)),
        Step(r"Locus $\angle BPC = 120^\circ$: circle through $B$, $C$ centred at the centre $O_a$ of the outward "
             r"equilateral triangle on $BC$ (inscribed angle $180^\circ - 60^\circ$); likewise $O_b$ for $CA$",
             Matrix([[*Oa], [*Ob]])),
        Step("Both circles pass through $C$, so $P$ is the reflection of $C$ in the line $O_aO_b$", Matrix([P])),
        Step(r"Check without square roots: $4(u\cdot v)^2 = |u|^2|v|^2$ and $u\cdot v < 0$ for the three pairs; "
             r"the dot products $u\cdot v$ are", Matrix([checks])),
        Step("Pairwise cosines $-1/2$ give $|u_A + u_B + u_C|^2 = 3 + 2(\\cos + \\cos + \\cos)$, and $f$ is strictly "
             "convex: $P$ is the minimiser", Eq(sympy.Symbol("|u_A+u_B+u_C|^2"), 3 + 2 * 3 * sympy.Rational(-1, 2))),
    )
    return Derivation(Tuple(Eq(PX, _clean(P[0]), evaluate=False), Eq(PY, _clean(P[1]), evaluate=False)), steps)


def x13_statement(n: Any = None, Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1,
                  Cy: Any = 3) -> Tuple:
    """VAR-F3 (Kimberling X(13)): barycentrics :math:`a\\csc(A+\\pi/3) : b\\csc(B+\\pi/3) : c\\csc(C+\\pi/3)`.

    With ``n`` given, the triangle is :data:`FAMILY` [n] (the cases of the bounded proof);
    otherwise the keyword vertices (default: the spec's test triangle).
    """
    tri = [tuple(Integer(c) for c in X) for X in FAMILY[int(n)]] if n is not None else _tri(Ax, Ay, Bx, By, Cx, Cy)
    px, py = barycentric_point(*tri)
    return Tuple(Eq(PX, px, evaluate=False), Eq(PY, py, evaluate=False))


def _derive_x13(n: int) -> Derivation:
    return stationary_point(*FAMILY[n])


_NOTES_VAR_F3 = (r"THEOREM in general (ETC); proved exactly here for the six integer triangles of FAMILY ($n = 0$ "
                 r"is the test triangle, giving $((10 + 4 \sqrt3)/13, (24 - 6 \sqrt3)/13)$) by deriving the stationary "
                 r"point from $\nabla f = 0$ ($120^\circ$ loci) and comparing with the barycentric formula. Valid when "
                 r"every angle is $< 120^\circ$; numerics: findroot on the gradient for drawn triangles.")
register(Result(
    key="VAR-F3", title="Fermat point barycentrics (Kimberling X(13))", parts=("P_x", "P_y"),
    source="Kimberling, Encyclopedia of Triangle Centers, X(13)", status=Status.THEOREM,
    statement=x13_statement, derive=_derive_x13, numeric=lambda dps, **p: _num_cosines(dps, **p)[:2],
    params=_triangle_points, examples=(dict(_T), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4}),
    certified=_cert.fermat_point,
    bound=Bound("n", 0, len(FAMILY) - 1), display={"n": 0},
    scope=Scope.instances("the six integer triangles of FAMILY (n = 0 is the test triangle)", count=len(FAMILY)),
    notes=_NOTES_VAR_F3,
))
