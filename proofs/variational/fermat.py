"""Registration of VAR-F1 … VAR-F7 (the Fermat point), private; API in :mod:`proofs.variational.fermat_geometry`.

Each statement takes the triangle (and weights) as keyword arguments whose defaults are the
spec's test cases, so the symbolic proof runs on them while the numeric cross-check
(:mod:`numerics.variational`: vertex conditions, then ``findroot`` on the gradient) runs on
every example point.

Registers: VAR-F1, VAR-F1-VERTEX, VAR-F2, VAR-F4, VAR-F5, VAR-F6, VAR-F7.
"""

from __future__ import annotations

from fractions import Fraction as _Fr
from typing import Any

import sympy
from sympy import Eq, Matrix, Rational, Symbol, Tuple, sqrt

from numerics import variational as _num

from .euler_lagrange_equations import _label
from .fermat_geometry import (
    TEST_TRIANGLE,
    _clean,
    _dist2,
    _intersect,
    barycentric_point,
    exact_sign,
    fermat_min_value,
    fermat_point,
    objective,
    triangle_data,
    unit_vector_identity,
    weight_triangle_area,
    weighted_torricelli_apexes,
)
from proofs.core import checks
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import KUHN, SU_FERMAT
from proofs.core.params import draw, s

__all__: list[str] = []


def _tri(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any) -> list:
    return [(sympy.sympify(Ax), sympy.sympify(Ay)), (sympy.sympify(Bx), sympy.sympify(By)),
            (sympy.sympify(Cx), sympy.sympify(Cy))]


def _mp_tri(p: dict) -> tuple:
    return (p["Ax"], p["Ay"]), (p["Bx"], p["By"]), (p["Cx"], p["Cy"])


def _below_120(t: dict) -> bool:
    """Every angle of the integer triangle is < 120 degrees (exact: cos > -1/2 without square roots)."""
    pts = [(t["Ax"], t["Ay"]), (t["Bx"], t["By"]), (t["Cx"], t["Cy"])]
    for j in range(3):
        u, v = [(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]) for i in range(3) if i != j]
        dot, nu, nv = u[0] * v[0] + u[1] * v[1], u[0] ** 2 + u[1] ** 2, v[0] ** 2 + v[1] ** 2
        if dot < 0 and 4 * dot * dot >= nu * nv:
            return False
    return True


_CORNERS = draw(**dict.fromkeys(("Ax", "Ay", "Bx", "By", "Cx", "Cy"), s.sizes(-6, 6)))


def _triangle_points() -> Any:
    """The ``params`` of VAR-F1 .. F3: small integer triangles, non-degenerate, with every angle < 120 degrees
    (the interior case); a filter on the whole triangle, which per-coordinate draws cannot express."""

    def non_degenerate(t: dict) -> bool:
        return (t["Bx"] - t["Ax"]) * (t["Cy"] - t["Ay"]) != (t["By"] - t["Ay"]) * (t["Cx"] - t["Ax"])

    return _CORNERS().filter(non_degenerate).filter(_below_120)


_T = dict(TEST_TRIANGLE)


def _label_pt(name: str) -> tuple[Symbol, Symbol]:
    return _label(f"{name}_x"), _label(f"{name}_y")


PX, PY = _label_pt("P")
COS = [_label(r"\cos\angle APB"), _label(r"\cos\angle BPC"), _label(r"\cos\angle CPA")]


def _distance_ratios(P: Any, pts: list) -> tuple[Any, list]:
    """``(|PA|^2, [|PX|/|PA| for X in pts])``, the ratios as denested square roots.

    With P in a quadratic field the three distances are nested radicals whose sums need minimal
    polynomials of high degree to simplify; their ratios to |PA| often denest back into the field,
    so sums divided by |PA| are cleaned there instead (exact either way: sqrtdenest is an identity).
    """
    d2 = [sympy.expand(_dist2(P, X)) for X in pts]
    return d2[0], [sympy.sqrtdenest(sqrt(sympy.radsimp(d / d2[0]))) for d in d2]


def _gradient(P: Any, pts: list) -> list:
    """:math:`\\nabla(|PA|+|PB|+|PC|) = \\sum_X (P - X)/|PX| = |PA|^{-1}\\sum_X (P - X)/(|PX|/|PA|)`, exactly."""
    d2a, ratios = _distance_ratios(P, pts)
    return [_clean(sum(((P[i] - X[i]) / r for X, r in zip(pts, ratios)), sympy.Integer(0))) / sqrt(d2a)
            for i in (0, 1)]


def _cosines(P: Any, pts: list) -> list:
    """:math:`\\cos\\angle XPY = u_X\\cdot u_Y/(|PX||PY|)` with :math:`|PX||PY| = |PA|^2\\rho_X\\rho_Y`."""
    d2a, ratios = _distance_ratios(P, pts)
    us = [(X[0] - P[0], X[1] - P[1]) for X in pts]
    out = []
    for i, j in ((0, 1), (1, 2), (2, 0)):
        dot = us[i][0] * us[j][0] + us[i][1] * us[j][1]
        out.append(_clean(dot / (d2a * ratios[i] * ratios[j])))
    return out


def _num_cosines(dps: int, **p: Any) -> list:
    import mpmath

    res = _num.fermat_point(*_mp_tri(p), (p.get("k1", 1), p.get("k2", 1), p.get("k3", 1)), dps=dps)
    with mpmath.workdps(dps):
        angles = _num.angles_at(res["point"], *_mp_tri(p), dps=dps)
        return [*res["point"], *[mpmath.cos(t) for t in angles]]


# --- VAR-F1 ----------------------------------------------------------------------------------------


def fermat_unweighted_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3) -> Tuple:
    """VAR-F1: the unweighted Fermat point (Torricelli construction) sees every side under 120°."""
    pts = _tri(Ax, Ay, Bx, By, Cx, Cy)
    px, py = fermat_point(*pts)["point"]
    half = -Rational(1, 2)
    return Tuple(Eq(PX, px, evaluate=False), Eq(PY, py, evaluate=False),
                 *(Eq(c, half, evaluate=False) for c in COS))


def _derive_f1() -> Derivation:
    pts = _tri(**_T)
    cand = ((10 + 4 * sqrt(3)) / 13, (24 - 6 * sqrt(3)) / 13)  # the spec's golden point, checked below
    grad = _gradient(cand, pts)
    if grad != [0, 0]:
        raise ArithmeticError(f"the gradient does not vanish at the candidate: {grad}")
    cosines = _cosines(cand, pts)
    steps = (Step(r"$f(P) = |PA| + |PB| + |PC|$ is strictly convex, so $\nabla f = 0$ characterises the minimiser",
                  r"\nabla f = u_A + u_B + u_C"),
             Step(r"At $P = ((10+4 \sqrt3)/13, (24-6 \sqrt3)/13)$ the gradient is exactly", Matrix(grad)),
             Step("Cosines of the angles at $P$ (radsimp)", Matrix(cosines)),
             Step(r"Vertex $A$ optimal iff $|e_{AB} + e_{AC}| \le 1$ iff $2 + 2 \cos A \le 1$ iff $A \ge 120^\circ$",
                  unit_vector_identity()))
    value = Tuple(Eq(PX, cand[0], evaluate=False), Eq(PY, cand[1], evaluate=False),
                  *(Eq(c, v, evaluate=False) for c, v in zip(COS, cosines)))
    return Derivation(value, steps)


_NOTES_VAR_F1 = (r"Numerics: vertex conditions, then findroot on the gradient from a Weiszfeld-improved centroid; "
                 r"angles by $\mathrm{atan2}(|\mathrm{cross}|, \mathrm{dot})$. Hypothesis-drawn triangles must have all "
                 r"angles $< 120^\circ$.")
register(Result(
    key="VAR-F1", title="Unweighted Fermat point: 120-degree condition",
    title_tex=r"Unweighted Fermat point: $120^\circ$ condition",
    parts=("P_x", "P_y", r"\cos \angle APB", r"\cos \angle BPC", r"\cos \angle CPA"),
    source=f"{SU_FERMAT}; ETC X(13); {KUHN} (vertex conditions)", statement=fermat_unweighted_statement,
    derive=_derive_f1, numeric=_num_cosines, params=_triangle_points,
    examples=(dict(_T), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4}),
    notes=_NOTES_VAR_F1,
))

VX = [_label("V_x"), _label("V_y"), _label("f_{min}")]


def fermat_vertex_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 1, By: Any = 0, Cx: Any = -1,
                            Cy: Any = Rational(3, 10), k1: Any = 1, k2: Any = 1, k3: Any = 1) -> Tuple:
    """VAR-F1/F5 vertex case: the minimiser is the vertex j with :math:`|\\sum_{i\\ne j}k_ie_{ji}| \\le k_j`."""
    res = fermat_point(*_tri(Ax, Ay, Bx, By, Cx, Cy), (k1, k2, k3))
    return Tuple(Eq(VX[0], res["point"][0], evaluate=False), Eq(VX[1], res["point"][1], evaluate=False),
                 Eq(VX[2], res["value"], evaluate=False))


def _pull_at_a(pts: list, k2: Any, k3: Any) -> Any:
    """:math:`|k_2e_{AB}+k_3e_{AC}|^2` from the unit vectors at A (VAR-F1/F5 vertex cases).

    Checked against the law of cosines, :math:`k_2^2+k_3^2+2k_2k_3\\cos A` with :math:`\\cos A` from the
    squared sides, so that a wrong unit vector (zero, unnormalised) cannot pass the bound it is compared with.
    """
    e1 = [(pts[1][i] - pts[0][i]) / sqrt(_dist2(pts[1], pts[0])) for i in (0, 1)]
    e2 = [(pts[2][i] - pts[0][i]) / sqrt(_dist2(pts[2], pts[0])) for i in (0, 1)]
    s2 = sympy.radsimp(sympy.expand(sum((k2 * e1[i] + k3 * e2[i]) ** 2 for i in (0, 1))))
    b2, c2 = _dist2(pts[2], pts[0]), _dist2(pts[1], pts[0])
    cos_a = (b2 + c2 - _dist2(pts[1], pts[2])) / (2 * sqrt(b2 * c2))
    if not checks.same(s2, k2**2 + k3**2 + 2 * k2 * k3 * cos_a):
        raise ArithmeticError(f"|k2 e_AB + k3 e_AC|^2 = {s2} disagrees with the law of cosines")
    return s2


def _derive_vertex() -> Derivation:
    pts = _tri(0, 0, 1, 0, -1, Rational(3, 10))
    ks = [sympy.Integer(1) for _ in pts]
    # subgradient condition at A from the vectors themselves: s = e_AB + e_AC
    s2 = _pull_at_a(pts, ks[1], ks[2])
    if exact_sign(s2 - 1) > 0:
        raise ArithmeticError("the subgradient condition fails at A")
    value = objective(pts[0], pts, ks)
    steps = (Step(r"Obtuse triangle $A=(0,0)$, $B=(1,0)$, $C=(-1, 3/10)$: $|e_{AB} + e_{AC}|^2 = 2 + 2 \cos A$",
                  Eq(_label("s^2"), s2)),
             Step(r"$s^2 \le 1$ ($A \ge 120^\circ$): $0$ is a subgradient at $A$, so $A$ is the minimiser",
                  r"|s| \le 1"),
             Step("Minimal value $f(A)$", Eq(VX[2], value)))
    return Derivation(Tuple(Eq(VX[0], 0, evaluate=False), Eq(VX[1], 0, evaluate=False),
                            Eq(VX[2], value, evaluate=False)), steps)


def _num_vertex(dps: int, **p: Any) -> list:
    res = _num.fermat_point(*_mp_tri(p), (p.get("k1", 1), p.get("k2", 1), p.get("k3", 1)), dps=dps)
    return [*res["point"], res["value"]]


_NOTES_VAR_F1_VERTEX = (r"Golden: $f(A) = 1 + \sqrt{1.09} = 2.044030650891055017975775402254804767829$ "
                        r"($A = 163.3^\circ$).")
register(Result(
    key="VAR-F1-VERTEX", title="Fermat point at a vertex (angle >= 120 degrees)",
    title_tex=r"Fermat point at a vertex (angle $\ge 120^\circ$)", parts=("V_x", "V_y", "f_{min}"),
    source=f"{KUHN} (vertex conditions); {SU_FERMAT}", statement=fermat_vertex_statement,
    derive=_derive_vertex, numeric=_num_vertex,
    examples=({"Ax": 0, "Ay": 0, "Bx": 1, "By": 0, "Cx": -1, "Cy": _Fr(3, 10), "k1": 1, "k2": 1, "k3": 1},
              {"Ax": 0, "Ay": 0, "Bx": 3, "By": 0, "Cx": -2, "Cy": 1, "k1": 1, "k2": 1, "k3": 1}),
    notes=_NOTES_VAR_F1_VERTEX,
))

# --- VAR-F2 ----------------------------------------------------------------------------------------

F2 = [_label("L^2"), _label("|AA'|^2"), _label("|BB'|^2"), _label("|CC'|^2")]


def torricelli_length_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3) -> Tuple:
    """VAR-F2: :math:`L^2 = f_{min}^2 = (a^2+b^2+c^2)/2 + 2\\sqrt3\\Delta = |AA'|^2 = |BB'|^2 = |CC'|^2`."""
    t = triangle_data(*_tri(Ax, Ay, Bx, By, Cx, Cy))
    val = sympy.expand((t["a"] ** 2 + t["b"] ** 2 + t["c"] ** 2) / 2 + 2 * sqrt(3) * t["area"])
    return Tuple(*(Eq(lab, val, evaluate=False) for lab in F2))


def _derive_f2() -> Derivation:
    a_, b_, c_, D = sympy.symbols("a b c Delta", positive=True)
    cosC, sinC = (a_**2 + b_**2 - c_**2) / (2 * a_ * b_), 2 * D / (a_ * b_)
    general = sympy.expand(a_**2 + b_**2 - 2 * a_ * b_ * (cosC * Rational(1, 2) - sinC * sqrt(3) / 2))
    pts = _tri(**_T)
    res = fermat_point(*pts)
    Ap, Bp, Cp = weighted_torricelli_apexes(*pts)
    vals = [_clean(res["value"] ** 2), *(_clean(_dist2(X, Xp)) for X, Xp in zip(pts, (Ap, Bp, Cp)))]
    # the general formula shown below must give the constructed |AA'|^2 of the test triangle
    t = triangle_data(*pts)
    if not checks.same(general.subs({a_: t["a"], b_: t["b"], c_: t["c"], D: t["area"]}), vals[1]):
        raise ArithmeticError("the law of cosines in A C A' disagrees with the constructed apex")
    steps = (Step("Law of cosines in $ACA'$ ($A'$ the outward equilateral apex on $BC$): "
                  r"$|AA'|^2 = a^2 + b^2 - 2ab \cos(C + 60^\circ)$, with $\cos C$, $\sin C$ from the sides",
                  Eq(F2[1], general)),
             Step("Test triangle: $f$ at the Torricelli point, and the three apex distances", Matrix(vals)))
    return Derivation(Tuple(*(Eq(lab, v, evaluate=False) for lab, v in zip(F2, vals))), steps)


def _num_f2(dps: int, **p: Any) -> list:
    import mpmath

    A, B, C = _mp_tri(p)
    res = _num.fermat_point(A, B, C, dps=dps)
    with mpmath.workdps(dps + 10):  # pragma: no mutate (guard digits)
        out = [res["value"] ** 2]
        for X, (P, Q, R) in zip((A, B, C), ((B, C, A), (C, A, B), (A, B, C))):
            Xp = _num.weighted_apex(P, Q, R, 1, 1, 1, dps=mpmath.mp.dps)  # the guard precision set above
            out.append((Xp[0] - _num_real(X[0])) ** 2 + (Xp[1] - _num_real(X[1])) ** 2)
    return out


def _num_real(v: Any) -> Any:
    from numerics.agree import to_mp

    return to_mp(v)


_NOTES_VAR_F2 = (r"Golden (test triangle): $L^2 = 22 + 12 \sqrt{3}$, "
                 r"$L = 6.540994549059533310683226184950422809954$.")
register(Result(
    key="VAR-F2", title="Minimal total length and Torricelli's construction",
    parts=("L^2", "|AA'|^2", "|BB'|^2", "|CC'|^2"), source=f"{SU_FERMAT}; standard",
    statement=torricelli_length_statement, derive=_derive_f2, numeric=_num_f2, params=_triangle_points,
    examples=(dict(_T), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4}),
    notes=_NOTES_VAR_F2,
))

# VAR-F3 (Kimberling X(13), with its bounded derivation from the 120-degree condition): _variational_fermat_x13.py

# --- VAR-F4 ----------------------------------------------------------------------------------------


def weighted_angles_statement(k1: Any = 2, k2: Any = 3, k3: Any = 4) -> Tuple:
    """VAR-F4: at an interior weighted optimum, :math:`\\cos\\angle APB = (k_3^2-k_1^2-k_2^2)/(2k_1k_2)` (cyclically).

    The cosines depend on the weights only; the triangle (in the example points) matters only for
    the optimum to be interior.
    """
    k1, k2, k3 = (sympy.sympify(k) for k in (k1, k2, k3))
    return Tuple(Eq(COS[0], (k3**2 - k1**2 - k2**2) / (2 * k1 * k2), evaluate=False),
                 Eq(COS[1], (k1**2 - k2**2 - k3**2) / (2 * k2 * k3), evaluate=False),
                 Eq(COS[2], (k2**2 - k3**2 - k1**2) / (2 * k3 * k1), evaluate=False))


def _derive_f4() -> Derivation:
    k = sympy.symbols("k1 k2 k3", positive=True)
    ct = Symbol("c")  # cos of the angle between u_i and u_j
    found = []
    for i, j, m in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        # force balance k_i u_i + k_j u_j = -k_m u_m: |k_i u_i + k_j u_j|^2 = k_i^2 + k_j^2 + 2 k_i k_j c = k_m^2
        sol = sympy.solve(Eq(k[i] ** 2 + k[j] ** 2 + 2 * k[i] * k[j] * ct, k[m] ** 2), ct)
        found.append(sol[0])
    at = [f.subs({k[0]: 2, k[1]: 3, k[2]: 4}) for f in found]
    steps = (Step("Interior stationarity = force balance", r"k_1u_A + k_2u_B + k_3u_C = 0"),
             Step("$|k_iu_i + k_ju_j|^2 = k_m^2$ solved for the cosine", Matrix(found)),
             Step("Weights (2, 3, 4)", Matrix(at)))
    return Derivation(Tuple(*(Eq(c, v, evaluate=False) for c, v in zip(COS, at))), steps)


def _num_f4(dps: int, **p: Any) -> list:
    return _num_cosines(dps, **p)[2:]


_NOTES_VAR_F4 = (r"Golden: $k = (2, 3, 4)$ gives $\cos \angle APB = 1/4$; $k = (3, 4, 5)$ gives "
                 r"$\angle APB = 90^\circ$. Interior case only.")
register(Result(
    key="VAR-F4", title="Weighted Fermat point: angles at the optimum",
    parts=(r"\cos \angle APB", r"\cos \angle BPC", r"\cos \angle CPA"), source=f"{SU_FERMAT}; standard",
    statement=weighted_angles_statement, derive=_derive_f4, numeric=_num_f4,
    examples=({**_T, "k1": 2, "k2": 3, "k3": 4}, {**_T, "k1": 3, "k2": 4, "k3": 5},
              {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)}),
    notes=_NOTES_VAR_F4,
))

# --- VAR-F5 ----------------------------------------------------------------------------------------


def _derive_f5() -> Derivation:
    pts, ks = _tri(**_T), [sympy.Integer(5), sympy.Integer(2), sympy.Integer(2)]
    s2 = _pull_at_a(pts, ks[1], ks[2])
    if exact_sign(s2 - ks[0] ** 2) > 0:
        raise ArithmeticError("subgradient condition fails at A")
    value = sympy.radsimp(objective(pts[0], pts, ks))
    steps = (Step(r"$k = (5, 2, 2)$ violates the triangle inequality ($5 \ge 2 + 2$): "
                  r"$|k_2e_{AB} + k_3e_{AC}| \le k_2 + k_3 \le k_1$", Eq(_label("|k_2e_{AB}+k_3e_{AC}|^2"), s2)),
             Step("The general identity", unit_vector_identity()),
             Step(r"Vertex $A$ optimal iff $A \ge \theta_A = \arccos((k_1^2 - k_2^2 - k_3^2)/(2k_2k_3))$; the argument "
                  "exceeds 1 iff $k_1 > k_2 + k_3$ (test this case before calling acos, pitfall C12)",
                  r"A \ge \theta_A"),
             Step("Value at the vertex $f = k_2c + k_3b$", Eq(VX[2], value)))
    return Derivation(Tuple(Eq(VX[0], 0, evaluate=False), Eq(VX[1], 0, evaluate=False),
                            Eq(VX[2], value, evaluate=False)), steps)


def weighted_vertex_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3,
                              k1: Any = 5, k2: Any = 2, k3: Any = 2) -> Tuple:
    """VAR-F5: vertex optimality :math:`|k_2e_{AB}+k_3e_{AC}| \\le k_1` (⇔ :math:`A \\ge \\theta_A`); value :math:`k_2c+k_3b`."""
    return fermat_vertex_statement(Ax, Ay, Bx, By, Cx, Cy, k1, k2, k3)


_NOTES_VAR_F5 = (r"Golden: $k = (5, 2, 2) \to A$, $f = 8 + 2 \sqrt{10}$; $k = (1, 1, \sqrt3) \to C$, "
                 r"$f = \sqrt{10} + 3 \sqrt{2}$ ($\theta_C = 60^\circ < C$); $k = (2, 1, 1)$ is the boundary case "
                 r"$k_1 = k_2 + k_3$ ($\theta_A = 0$, $A$ optimal).")
register(Result(
    key="VAR-F5", title="Weighted Fermat point: vertex cases and weights violating the triangle inequality",
    parts=("V_x", "V_y", "f_{min}"), source=f"{KUHN} (vertex conditions)",
    statement=weighted_vertex_statement, derive=_derive_f5, numeric=_num_vertex,
    examples=({**_T, "k1": 5, "k2": 2, "k3": 2}, {**_T, "k1": 1, "k2": 1, "k3": _Fr(7, 4)},
              {**_T, "k1": 1, "k2": 3, "k3": 1}, {**_T, "k1": 2, "k2": 1, "k3": 1}),
    notes=_NOTES_VAR_F5,
))

# --- VAR-F6 ----------------------------------------------------------------------------------------

FMIN2 = _label("f_{min}^2")


def weighted_value_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3,
                             k1: Any = 3, k2: Any = 4, k3: Any = 5) -> Eq:
    """VAR-F6: :math:`f_{min}^2 = \\tfrac12\\sum k_1^2(b^2+c^2-a^2) + 8\\Delta\\Delta_k` (interior case)."""
    return Eq(FMIN2, _clean(fermat_min_value(*_tri(Ax, Ay, Bx, By, Cx, Cy), (k1, k2, k3)) ** 2), evaluate=False)


def _derive_f6() -> Derivation:
    a_, b_, c_, D, Dk = sympy.symbols("a b c Delta Delta_k", positive=True)
    k1, k2, k3 = sympy.symbols("k1 k2 k3", positive=True)
    cosB, sinB = (a_**2 + c_**2 - b_**2) / (2 * a_ * c_), 2 * D / (a_ * c_)
    cosb, sinb = (k1**2 + k3**2 - k2**2) / (2 * k1 * k3), 2 * Dk / (k1 * k3)
    BAp = a_ * k3 / k1
    AAp2 = c_**2 + BAp**2 - 2 * c_ * BAp * (cosB * cosb - sinB * sinb)  # law of cosines, angle ABA' = B + beta_k
    general = sympy.expand(k1**2 * AAp2)
    # the test triangle with k = (3, 4, 5): evaluate f at the Torricelli point directly
    pts, ks = _tri(**_T), [sympy.Integer(3), sympy.Integer(4), sympy.Integer(5)]
    P = fermat_point(*pts, ks)["point"]
    grad = [_clean(sum((k * (P[i] - X[i]) / sqrt(_dist2(P, X)) for k, X in zip(ks, pts)), sympy.Integer(0)))
            for i in (0, 1)]
    if grad != [0, 0]:
        raise ArithmeticError(f"gradient at the Torricelli point is not 0: {grad}")
    f_at = _clean(objective(P, pts, ks))
    # the general formula shown below must give f(P)^2 for the test triangle
    t = triangle_data(*pts)
    at_test = general.subs({a_: t["a"], b_: t["b"], c_: t["c"], D: t["area"], Dk: weight_triangle_area(*ks),
                            k1: ks[0], k2: ks[1], k3: ks[2]})
    if not checks.same(at_test, f_at**2):
        raise ArithmeticError("the law of cosines in A B A' disagrees with f at the Torricelli point")
    steps = (Step(r"$f_{min} = k_1|AA'|$ (VAR-F7); law of cosines in $ABA'$ with $|BA'| = ak_3/k_1$, angle "
                  r"$B + \beta_k$", Eq(FMIN2, general)),
             Step("$k = (3, 4, 5)$: the gradient at $P = (50/37, 70/37)$ is exactly", Matrix(grad)),
             Step(r"and $f(P)$ ($|PA| = 10 \sqrt{74}/37$, $|PB| = 14 \sqrt{74}/37$, $|PC| = 5 \sqrt{74}/37$)",
                  Eq(_label("f(P)"), f_at)))
    return Derivation(Eq(FMIN2, _clean(f_at**2), evaluate=False), steps)


def _num_f6(dps: int, **p: Any) -> Any:
    return _num.fermat_point(*_mp_tri(p), (p["k1"], p["k2"], p["k3"]), dps=dps)["value"] ** 2


_NOTES_VAR_F6 = (r"Golden: $k = (3, 4, 5) \to 3 \sqrt{74}$ = 25.80697580112788031518842060514914089608; "
                 r"$k = (2, 3, 4) \to$ 18.95857063344879404430499974966026089631. Needs $\Delta_k$ (Heron), not "
                 r"$\sqrt3/4$ (C17).")
register(Result(
    key="VAR-F6", title="Weighted Fermat point: minimal value", source="project derivation (spec VAR-F6)",
    statement=weighted_value_statement, derive=_derive_f6, numeric=_num_f6,
    examples=({**_T, "k1": 3, "k2": 4, "k3": 5}, {**_T, "k1": 2, "k2": 3, "k3": 4},
              {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)},
              {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4, "k1": 1, "k2": 1, "k3": 1}),
    notes=_NOTES_VAR_F6,
))

# --- VAR-F7 ----------------------------------------------------------------------------------------

F7 = [PX, PY, _label("k_1|AA'|"), _label("k_2|BB'|"), _label("k_3|CC'|")]


def torricelli_statement(Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3,
                         k1: Any = 3, k2: Any = 4, k3: Any = 5) -> Tuple:
    """VAR-F7: the barycentric point :math:`ak_1\\csc(A+\\alpha_k):\\dots` is the optimum and
    :math:`f_{min} = k_1|AA'| = k_2|BB'| = k_3|CC'|`."""
    pts, ks = _tri(Ax, Ay, Bx, By, Cx, Cy), (k1, k2, k3)
    px, py = barycentric_point(*pts, ks)
    f = fermat_min_value(*pts, ks)
    return Tuple(Eq(F7[0], px, evaluate=False), Eq(F7[1], py, evaluate=False),
                 *(Eq(lab, f, evaluate=False) for lab in F7[2:]))


def _derive_f7() -> Derivation:
    pts, ks = _tri(**_T), [sympy.Integer(3), sympy.Integer(4), sympy.Integer(5)]
    Ap, Bp, Cp = weighted_torricelli_apexes(*pts, ks)
    P = _intersect(pts[0], Ap, pts[1], Bp)
    P = (_clean(P[0]), _clean(P[1]))
    on_cc = _clean((Cp[0] - pts[2][0]) * (P[1] - pts[2][1]) - (Cp[1] - pts[2][1]) * (P[0] - pts[2][0]))
    lengths = [_clean(k * sqrt(_dist2(X, Xp))) for k, X, Xp in zip(ks, pts, (Ap, Bp, Cp))]
    steps = (Step("Apexes $A'$, $B'$, $C'$ (triangles similar to the weight triangle, erected outward)",
                  Matrix([[*Ap], [*Bp], [*Cp]])),
             Step("Intersection of $AA'$ and $BB'$", Matrix([P])),
             Step("It lies on $CC'$ as well (cross product)", Eq(_label("(C'-C)\\times(P-C)"), on_cc)),
             Step("Ptolemy in the cyclic $PBA'C$: $k_1|PA'| = k_2|PB| + k_3|PC|$, so $f_{min} = k_i|XX'|$",
                  Matrix(lengths)))
    if on_cc != 0:
        raise ArithmeticError("AA', BB', CC' do not concur")
    return Derivation(Tuple(Eq(F7[0], P[0], evaluate=False), Eq(F7[1], P[1], evaluate=False),
                            *(Eq(lab, v, evaluate=False) for lab, v in zip(F7[2:], lengths))), steps)


def _num_f7(dps: int, **p: Any) -> list:
    import mpmath

    A, B, C = _mp_tri(p)
    ks = (p["k1"], p["k2"], p["k3"])
    res = _num.fermat_point(A, B, C, ks, dps=dps)
    out = list(res["point"])
    with mpmath.workdps(dps + 10):
        k1, k2, k3 = (_num_real(k) for k in ks)
        # A' on BC: |BC| : |CA'| : |A'B| = k1 : k2 : k3 (weighted_apex(P, Q, R, k_side, k_opp_P, k_opp_Q))
        for X, (Pp, Qq, Rr, side, kp, kq), k in ((A, (B, C, A, k1, k2, k3), k1), (B, (C, A, B, k2, k3, k1), k2),
                                                 (C, (A, B, C, k3, k1, k2), k3)):
            Xp = _num.weighted_apex(Pp, Qq, Rr, side, kp, kq, dps=dps + 10)
            out.append(k * mpmath.hypot(Xp[0] - _num_real(X[0]), Xp[1] - _num_real(X[1])))
    return out


_NOTES_VAR_F7 = (r"Golden $(3, 4, 5)$: $A' = (5, 7)$, $B' = (-5/4, 15/4)$, $C' = (64/25, -48/25)$, "
                 r"$|AA'| = \sqrt{74}$. The barycentrics need the $k_i$ factors (pitfall C17).")
register(Result(
    key="VAR-F7", title="Weighted Torricelli construction and barycentrics",
    parts=("P_x", "P_y", "k_1|AA'|", "k_2|BB'|", "k_3|CC'|"), source="project derivation (spec VAR-F7)",
    statement=torricelli_statement, derive=_derive_f7, numeric=_num_f7,
    examples=({**_T, "k1": 3, "k2": 4, "k3": 5}, {**_T, "k1": 2, "k2": 3, "k3": 4},
              {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)}),
    notes=_NOTES_VAR_F7,
))
