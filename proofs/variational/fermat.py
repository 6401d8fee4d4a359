"""Registration of VAR-F1 … VAR-F7 (the Fermat point), private; API in :mod:`proofs.variational.fermat_geometry`.

What the symbolic proofs cover:

- VAR-F2, VAR-F4, VAR-F6 are general: their statements are formulas in symbolic weights (and squared
  sides and area), derived from the force balance of :mod:`proofs.variational.fermat_balance` (the
  computed gradient of f); with a triangle given (an example point) they are that triangle's values.
- VAR-F1, VAR-F1-VERTEX, VAR-F5, VAR-F7 are proved exactly on their example instances (a bound ``n``
  over them, declared as an instances scope), beside general steps (the 120° cosines, the vertex test);
  the statements take the triangle and weights as keywords for the numeric cross-check at fixed and
  drawn points (:mod:`numerics.variational`: vertex conditions, then Newton on the gradient).

Registers: VAR-F1, VAR-F1-VERTEX, VAR-F2, VAR-F4, VAR-F5, VAR-F6, VAR-F7.
"""

from __future__ import annotations

from fractions import Fraction as _Fr
from typing import Any

import sympy
from sympy import Eq, Matrix, Rational, Symbol, Tuple, pi, sqrt

from numerics import variational as _num
from numerics.variational import certified as _cert

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
    weighted_torricelli_apexes,
)
from proofs.core import checks
from proofs.core import Bound, Derivation, Result, Scope, Step, register
from proofs.core.bibliography import KUHN, SU_FERMAT
from proofs.core.params import draw, s

from . import fermat_balance as fb
from .fermat_balance import K

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


def _non_degenerate(t: dict) -> bool:
    return (t["Bx"] - t["Ax"]) * (t["Cy"] - t["Ay"]) != (t["By"] - t["Ay"]) * (t["Cx"] - t["Ax"])


def _triangle_points() -> Any:
    """The ``params`` of VAR-F1 .. F3: small integer triangles, non-degenerate, with every angle < 120 degrees
    (the interior case); a filter on the whole triangle, which per-coordinate draws cannot express."""
    return _CORNERS().filter(_non_degenerate).filter(_below_120)


_T = dict(TEST_TRIANGLE)
_COORDS = ("Ax", "Ay", "Bx", "By", "Cx", "Cy")


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


def _gradient(P: Any, pts: list, ks: Any = (1, 1, 1)) -> list:
    """:math:`\\nabla f = \\sum_X k_X(P - X)/|PX| = |PA|^{-1}\\sum_X k_X(P - X)/(|PX|/|PA|)`, exactly."""
    d2a, ratios = _distance_ratios(P, pts)
    return [_clean(sum((k * (P[i] - X[i]) / r for k, X, r in zip(ks, pts, ratios)), sympy.Integer(0))) / sqrt(d2a)
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

#: the triangles of VAR-F1's examples, which are also the instances of its symbolic proof
_F1_CASES = (dict(_T), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4})


def fermat_unweighted_statement(n: Any = None, Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1,
                                Cy: Any = 3) -> Tuple:
    """VAR-F1: the unweighted Fermat point (Torricelli construction) sees every side under 120°.

    With ``n`` given, the triangle is the n-th instance of the symbolic proof (:data:`_F1_CASES`);
    otherwise the keyword vertices (default: the spec's test triangle).
    """
    pts = _tri(**_F1_CASES[int(n)]) if n is not None else _tri(Ax, Ay, Bx, By, Cx, Cy)
    px, py = fermat_point(*pts)["point"]
    half = -Rational(1, 2)
    return Tuple(Eq(PX, px, evaluate=False), Eq(PY, py, evaluate=False),
                 *(Eq(c, half, evaluate=False) for c in COS))


def _derive_f1(n: int) -> Derivation:
    pts = _tri(**_F1_CASES[n])
    cand = fermat_point(*pts)["point"]  # the Torricelli construction's point: a candidate, verified below
    grad = _gradient(cand, pts)
    if grad != [0, 0]:
        raise ArithmeticError(f"the gradient does not vanish at the candidate: {grad}")
    cosines = _cosines(cand, pts)
    general = [c.subs(dict.fromkeys(K, 1)) for c in fb.balance_cosines()["cosines"]]
    where = ", ".join(f"({pts[i][0]}, {pts[i][1]})" for i in range(3))
    steps = (*_balance_steps(),
             Step(r"At unit weights the cosines forced by the balance are (every interior optimum)", Matrix(general)),
             Step(rf"Instance: triangle {where}; at the point of Torricelli's construction the gradient "
                  r"(differentiated exactly) is", Matrix(grad)),
             Step(r"so that point is the minimiser ($f$ strictly convex); the cosines of the angles there (radsimp)",
                  Matrix(cosines)))
    value = Tuple(Eq(PX, cand[0], evaluate=False), Eq(PY, cand[1], evaluate=False),
                  *(Eq(c, v, evaluate=False) for c, v in zip(COS, cosines)))
    return Derivation(value, steps)


_NOTES_VAR_F1 = (r"The $120^\circ$ cosines are derived for every interior optimum (force balance at unit weights); "
                 r"that the point of Torricelli's construction is the optimum is proved exactly (its gradient is zero) "
                 r"for the two example triangles only. Numerics: vertex conditions, then findroot on the gradient "
                 r"from a Weiszfeld-improved centroid; angles by $\mathrm{atan2}(|\mathrm{cross}|, \mathrm{dot})$; "
                 r"drawn triangles have all angles $< 120^\circ$.")
register(Result(
    key="VAR-F1", title="Unweighted Fermat point: 120-degree condition",
    title_tex=r"Unweighted Fermat point: $120^\circ$ condition",
    parts=("P_x", "P_y", r"\cos \angle APB", r"\cos \angle BPC", r"\cos \angle CPA"),
    source=f"{SU_FERMAT}; ETC X(13); {KUHN} (vertex conditions)", statement=fermat_unweighted_statement,
    derive=_derive_f1, numeric=_num_cosines, params=_triangle_points, certified=_cert.fermat_cosines,
    examples=_F1_CASES, bound=Bound("n", 0, len(_F1_CASES) - 1), display={"n": 0},
    scope=Scope.instances("the two example triangles (the 120-degree cosines: every interior optimum)",
                          count=len(_F1_CASES)),
    notes=_NOTES_VAR_F1,
))

VX = [_label("V_x"), _label("V_y"), _label("f_{min}")]
_UNIT = {"k1": 1, "k2": 1, "k3": 1}
#: the obtuse triangles of VAR-F1-VERTEX's examples (unit weights), the instances of its symbolic proof
_F1V_CASES = ({"Ax": 0, "Ay": 0, "Bx": 1, "By": 0, "Cx": -1, "Cy": _Fr(3, 10), **_UNIT},
              {"Ax": 0, "Ay": 0, "Bx": 3, "By": 0, "Cx": -2, "Cy": 1, **_UNIT})


def _vertex_statement_at(p: dict) -> Tuple:
    res = fermat_point(*_tri(*(p[k] for k in _COORDS)), (p["k1"], p["k2"], p["k3"]))
    return Tuple(Eq(VX[0], res["point"][0], evaluate=False), Eq(VX[1], res["point"][1], evaluate=False),
                 Eq(VX[2], res["value"], evaluate=False))


def fermat_vertex_statement(n: Any = None, Ax: Any = 0, Ay: Any = 0, Bx: Any = 1, By: Any = 0, Cx: Any = -1,
                            Cy: Any = Rational(3, 10), k1: Any = 1, k2: Any = 1, k3: Any = 1) -> Tuple:
    """VAR-F1/F5 vertex case: the minimiser is the vertex j with :math:`|\\sum_{i\\ne j}k_ie_{ji}| \\le k_j`.

    With ``n`` given, the n-th instance of the symbolic proof (:data:`_F1V_CASES`); otherwise the keywords.
    """
    p = _F1V_CASES[int(n)] if n is not None else dict(zip((*_COORDS, "k1", "k2", "k3"),
                                                           (Ax, Ay, Bx, By, Cx, Cy, k1, k2, k3)))
    return _vertex_statement_at(p)


def _pull_at(pts: list, ks: list, j: int) -> Any:
    """:math:`|k_le_{jl}+k_me_{jm}|^2` from the unit vectors at vertex j (VAR-F1/F5 vertex cases).

    Checked against the law of cosines, :math:`k_l^2+k_m^2+2k_lk_m\\cos\\angle_j` with the cosine from the
    squared sides, so that a wrong unit vector (zero, unnormalised) cannot pass the bound it is compared with.
    """
    li, mi = [i for i in range(3) if i != j]
    e1 = [(pts[li][i] - pts[j][i]) / sqrt(_dist2(pts[li], pts[j])) for i in (0, 1)]
    e2 = [(pts[mi][i] - pts[j][i]) / sqrt(_dist2(pts[mi], pts[j])) for i in (0, 1)]
    s2 = sympy.radsimp(sympy.expand(sum((ks[li] * e1[i] + ks[mi] * e2[i]) ** 2 for i in (0, 1))))
    n1, n2 = _dist2(pts[li], pts[j]), _dist2(pts[mi], pts[j])
    cos_j = (n1 + n2 - _dist2(pts[li], pts[mi])) / (2 * sqrt(n1 * n2))
    if not checks.same(s2, ks[li] ** 2 + ks[mi] ** 2 + 2 * ks[li] * ks[mi] * cos_j):
        raise ArithmeticError(f"|k_l e_jl + k_m e_jm|^2 = {s2} disagrees with the law of cosines")
    return s2


def _vertex_steps() -> tuple[Step, ...]:
    """The vertex test, computed for symbolic vertices and weights (VAR-F1-VERTEX, F5)."""
    vd = fb.vertex_directional_derivative()
    return (Step(r"One-sided derivative of $f$ at $A$ along $d = (\cos t, \sin t)$ (differentiated, $|hd| = h$): "
                 r"$k_1 - s\cdot d$ with $s = k_2e_{AB} + k_3e_{AC}$", Eq(_label(r"f'(A; d)"), vd["slope"])),
            Step(r"Lagrange's identity $(s\cdot d)^2 + (s\times d)^2 = |s|^2$: $\max_d s\cdot d = |s|$, so "
                 r"$\min_d f'(A; d) = k_1 - |s|$; $f$ convex: $A$ is the minimiser iff $|s|^2 \le k_1^2$ (likewise "
                 r"at $B$, $C$)", vd["lagrange"]))


def _derive_vertex_instance(p: dict) -> Derivation:
    pts = _tri(*(p[k] for k in _COORDS))
    ks = [sympy.sympify(p[k]) for k in ("k1", "k2", "k3")]
    margins = [sympy.radsimp(_pull_at(pts, ks, j) - ks[j] ** 2) for j in range(3)]
    optimal = [j for j, m in enumerate(margins) if exact_sign(m) <= 0]
    if len(optimal) != 1:
        raise ArithmeticError(f"expected exactly one vertex with |s_j| <= k_j, got {optimal} (margins {margins})")
    j = optimal[0]
    value = sympy.radsimp(objective(pts[j], pts, ks))
    where = ", ".join(f"({x}, {y})" for x, y in pts)
    steps = (*_vertex_steps(),
             Step(rf"Instance: triangle {where}, weights $({ks[0]}, {ks[1]}, {ks[2]})$: "
                  r"$|s_j|^2 - k_j^2$ at $A$, $B$, $C$ (exact signs decide)", Matrix(margins)),
             Step(rf"Only vertex {'ABC'[j]} has $|s_j| \le k_j$: it is the minimiser, with value", Eq(VX[2], value)))
    return Derivation(Tuple(Eq(VX[0], pts[j][0], evaluate=False), Eq(VX[1], pts[j][1], evaluate=False),
                            Eq(VX[2], value, evaluate=False)), steps)


def _derive_vertex(n: int) -> Derivation:
    return _derive_vertex_instance(_F1V_CASES[n])


def _num_vertex(dps: int, **p: Any) -> list:
    res = _num.fermat_point(*_mp_tri(p), (p.get("k1", 1), p.get("k2", 1), p.get("k3", 1)), dps=dps)
    return [*res["point"], res["value"]]


def _obtuse_points() -> Any:
    """The ``params`` of VAR-F1-VERTEX: integer triangles with an angle above 120 degrees at a drawn vertex.

    The corners (0, 0), (b, 0), (-c_x, c_y) make an angle of at least 120 degrees at the origin iff
    :math:`3c_x^2 \\ge c_y^2` (cos <= -1/2); the triangle is then shifted and its labels rotated.
    """

    def build(p: dict) -> dict:
        base = [(p["tx"], p["ty"]), (p["tx"] + p["b"], p["ty"]), (p["tx"] - p["cx"], p["ty"] + p["cy"])]
        order = [base[(i - p["at"]) % 3] for i in range(3)]
        return {**dict(zip(_COORDS, (c for X in order for c in X))), **_UNIT}

    return draw(b=s.sizes(1, 6), cx=s.sizes(1, 6), cy=s.sizes(1, 6), tx=s.sizes(-3, 3), ty=s.sizes(-3, 3),
                at=s.sizes(0, 2))().filter(lambda p: 3 * p["cx"] ** 2 >= p["cy"] ** 2).map(build)


_NOTES_VAR_F1_VERTEX = (r"The vertex test is derived for symbolic vertices and weights (one-sided derivative and "
                        r"Lagrange's identity); it is applied exactly to the two example triangles. Golden: "
                        r"$f(A) = 1 + \sqrt{1.09} = 2.044030650891055017975775402254804767829$ ($A = 163.3^\circ$). "
                        r"Numerics: the subgradient test at working precision, at fixed and drawn obtuse triangles.")
register(Result(
    key="VAR-F1-VERTEX", title="Fermat point at a vertex (angle >= 120 degrees)",
    title_tex=r"Fermat point at a vertex (angle $\ge 120^\circ$)", parts=("V_x", "V_y", "f_{min}"),
    source=f"{KUHN} (vertex conditions); {SU_FERMAT}", statement=fermat_vertex_statement,
    derive=_derive_vertex, numeric=_num_vertex, params=_obtuse_points, certified=_cert.fermat_vertex,
    examples=_F1V_CASES, bound=Bound("n", 0, len(_F1V_CASES) - 1), display={"n": 0},
    scope=Scope.instances("the two example triangles (the vertex test itself: general)", count=len(_F1V_CASES)),
    notes=_NOTES_VAR_F1_VERTEX,
))

# --- VAR-F2 ----------------------------------------------------------------------------------------

F2 = [_label("L^2"), _label("|AA'|^2"), _label("|BB'|^2"), _label("|CC'|^2")]


def _side_values(coords: dict) -> dict:
    """``{a2, b2, c2, Delta}`` of the triangle with the given vertex coordinates; ``{}`` when none is given.

    The statements of VAR-F2 and F6 are formulas in the squared sides and the area: symbolic for the
    general claim, and for a triangle given by its vertices (an example point) these values.
    """
    given = {k: v for k, v in coords.items() if v is not None}
    if not given:
        return {}
    if len(given) != len(_COORDS):
        raise ValueError(f"give all six vertex coordinates {', '.join(_COORDS)} or none, got {sorted(given)}")
    pts = _tri(*(given[k] for k in _COORDS))
    if exact_sign((pts[1][0] - pts[0][0]) * (pts[2][1] - pts[0][1])
                  - (pts[1][1] - pts[0][1]) * (pts[2][0] - pts[0][0])) == 0:
        raise ValueError("A, B, C must be the vertices of a non-degenerate triangle (collinear or coincident)")
    t = triangle_data(*pts)
    a2, b2, c2 = fb.SIDES2
    return {a2: sympy.expand(t["a"] ** 2), b2: sympy.expand(t["b"] ** 2), c2: sympy.expand(t["c"] ** 2),
            fb.AREA: t["area"]}


def torricelli_length_statement(Ax: Any = None, Ay: Any = None, Bx: Any = None, By: Any = None, Cx: Any = None,
                                Cy: Any = None) -> Tuple:
    """VAR-F2: :math:`L^2 = f_{min}^2 = (a^2+b^2+c^2)/2 + 2\\sqrt3\\Delta = |AA'|^2 = |BB'|^2 = |CC'|^2`.

    Symbolic in the squared sides and the area; with the vertices given, for that triangle.
    """
    a2, b2, c2 = fb.SIDES2
    val = (a2 + b2 + c2) / 2 + 2 * sqrt(3) * fb.AREA
    subs = _side_values(dict(zip(_COORDS, (Ax, Ay, Bx, By, Cx, Cy))))
    val = sympy.expand(val.subs(subs)) if subs else val
    return Tuple(*(Eq(lab, val, evaluate=False) for lab in F2))


def _apex_distance2(p: int) -> Any:
    """:math:`|XX'|^2` for the vertex X of index p, by the law of cosines, in the squared sides and the area.

    For X = A (p = 0) the apex A' is erected outward on BC, and in the triangle :math:`ACA'`
    :math:`|CA| = b`, :math:`|CA'| = a`, the angle at C is :math:`C + 60^\\circ` (cos C, sin C from the
    sides and the area); cyclically for B and C.
    """
    sides = [sqrt(v) for v in fb.SIDES2]  # a, b, c
    near, far, third = sides[(p + 1) % 3], sides[p], sides[(p + 2) % 3]
    ang = Symbol("gamma")
    cos_g, sin_g = (near**2 + far**2 - third**2) / (2 * near * far), 2 * fb.AREA / (near * far)
    rotated = sympy.expand_trig(sympy.cos(ang + pi / 3)).subs({sympy.cos(ang): cos_g, sympy.sin(ang): sin_g})
    return sympy.expand(near**2 + far**2 - 2 * near * far * rotated)


def _derive_f2() -> Derivation:
    coeffs = fb.minimal_value_coefficients()
    unit = {k: 1 for k in K}
    length2 = sympy.expand(sum(al.subs(unit) * sv for al, sv in zip(coeffs["alpha"], fb.SIDES2))
                           + coeffs["beta"].subs(fb.AREA_K, sqrt(fb.weight_heron(1, 1, 1))) * fb.AREA)
    apexes = [_apex_distance2(p) for p in range(3)]
    steps = (*_balance_steps(),
             Step(r"$f_{min}^2$ for unit weights (VAR-F6's computation at $k = (1, 1, 1)$, where "
                  r"$\Delta_k = \sqrt3/4$ and every angle at $P$ is $120^\circ$)", Eq(F2[0], length2)),
             Step(r"Law of cosines in $ACA'$ ($A'$ the outward equilateral apex on $BC$): "
                  r"$|AA'|^2 = a^2 + b^2 - 2ab \cos(C + 60^\circ)$, $\cos C$ and $\sin C$ from the sides "
                  r"and the area; cyclically for $|BB'|^2$, $|CC'|^2$", Matrix(apexes)))
    return Derivation(Tuple(Eq(F2[0], length2, evaluate=False),
                            *(Eq(lab, v, evaluate=False) for lab, v in zip(F2[1:], apexes))), steps)


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


_NOTES_VAR_F2 = (r"General: $L^2$ is VAR-F6's general computation at unit weights, the apex distances the law of "
                 r"cosines, both in the squared sides and the area (interior case: every angle $< 120^\circ$). "
                 r"Golden (test triangle): $L^2 = 22 + 12 \sqrt{3}$, $L = 6.540994549059533310683226184950422809954$.")
register(Result(
    key="VAR-F2", title="Minimal total length and Torricelli's construction",
    parts=("L^2", "|AA'|^2", "|BB'|^2", "|CC'|^2"), source=f"{SU_FERMAT}; standard",
    statement=torricelli_length_statement, derive=_derive_f2, numeric=_num_f2, params=_triangle_points,
    certified=_cert.torricelli_lengths,
    examples=(dict(_T), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4}),
    notes=_NOTES_VAR_F2,
))

# VAR-F3 (Kimberling X(13), with its bounded derivation from the 120-degree condition): _variational_fermat_x13.py

# --- VAR-F4 ----------------------------------------------------------------------------------------


def weighted_angles_statement(k1: Any = K[0], k2: Any = K[1], k3: Any = K[2]) -> Tuple:
    """VAR-F4: at an interior weighted optimum, :math:`\\cos\\angle APB = (k_3^2-k_1^2-k_2^2)/(2k_1k_2)` (cyclically).

    The weights default to symbols (the general claim); the cosines depend on the weights only, the
    triangle (in the example points) matters only for the optimum to be interior.
    """
    k1, k2, k3 = (sympy.sympify(k) for k in (k1, k2, k3))
    return Tuple(Eq(COS[0], (k3**2 - k1**2 - k2**2) / (2 * k1 * k2), evaluate=False),
                 Eq(COS[1], (k1**2 - k2**2 - k3**2) / (2 * k2 * k3), evaluate=False),
                 Eq(COS[2], (k2**2 - k3**2 - k1**2) / (2 * k3 * k1), evaluate=False))


def _balance_steps() -> tuple[Step, ...]:
    """The force balance, computed: the gradient of f, and the balance in polar form (VAR-F1, F4, F6)."""
    grad, _ = fb.gradient_balance()
    bal = fb.balance_cosines()
    return (Step(r"Gradient of $f(P) = \sum_i k_i|P - A_i|$ (differentiated for symbolic $P$, vertices and weights): "
                 r"$\nabla f = -\sum_i k_iu_i$, $u_i$ the unit vector from $P$ to $A_i$",
                 Eq(Matrix([_label(r"\partial_{p_x} f"), _label(r"\partial_{p_y} f")]), grad, evaluate=False)),
            Step(r"$f$ is strictly convex: an interior minimiser has $\nabla f = 0$, the force balance "
                 r"$\sum_i k_iu_i = 0$, here with $u_i = (\cos a_i, \sin a_i)$",
                 Eq(Matrix([_label(r"(\sum_i k_iu_i)_x"), _label(r"(\sum_i k_iu_i)_y")]), bal["balance"],
                    evaluate=False)),
            Step(r"The balance solved for $u_C$ (two linear equations)",
                 Eq(Matrix([_label(r"\cos a_C"), _label(r"\sin a_C")]), bal["solved"][0], evaluate=False)),
            Step(r"$|u_C|^2$ after trigsimp: it must be $1$, which fixes $\cos(a_A - a_B) = \cos\angle APB$; "
                 r"likewise for $u_A$ and $u_B$", Matrix(bal["norms"])))


def _derive_f4() -> Derivation:
    cosines = fb.balance_cosines()["cosines"]
    steps = (*_balance_steps(),
             Step(r"$|u_m|^2 = 1$ solved for the cosine of the angle between the other two vectors "
                  r"($\angle APB$, $\angle BPC$, $\angle CPA$)", Matrix(cosines)))
    return Derivation(Tuple(*(Eq(c, v, evaluate=False) for c, v in zip(COS, cosines))), steps)


def _num_f4(dps: int, **p: Any) -> list:
    return _num_cosines(dps, **p)[2:]


#: acute integer triangles (every angle below 82 degrees): for weights in [1, 3/2] the optimum is interior,
#: since a vertex is optimal only if its angle is at least arccos((k_j^2 - k_l^2 - k_m^2)/(2 k_l k_m)) >= 82.8
#: degrees there.  Test data for the drawn points of VAR-F4, F6, F7.
ACUTE = (dict(TEST_TRIANGLE), {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4},
         {"Ax": 0, "Ay": 0, "Bx": 6, "By": 0, "Cx": 3, "Cy": 5}, {"Ax": -2, "Ay": 1, "Bx": 3, "By": -1, "Cx": 1, "Cy": 4},
         {"Ax": 1, "Ay": -3, "Bx": 4, "By": 2, "Cx": -3, "Cy": 1})
_WEIGHT = s.rationals(1, _Fr(3, 2), max_denominator=20)


def _weighted_interior_points() -> Any:
    """The ``params`` of VAR-F4, F6, F7: a triangle of :data:`ACUTE` and weights in [1, 3/2] (interior optimum)."""
    return draw(tri=s.sizes(0, len(ACUTE) - 1), k1=_WEIGHT, k2=_WEIGHT, k3=_WEIGHT)().map(
        lambda p: {**ACUTE[p["tri"]], "k1": p["k1"], "k2": p["k2"], "k3": p["k3"]})


_NOTES_VAR_F4 = (r"General: the cosines are derived for symbolic weights from the force balance (the computed "
                 r"gradient of $f$). They hold at an interior optimum, which exists iff no vertex satisfies Kuhn's "
                 r"condition (VAR-F5); in particular the weights must satisfy the strict triangle inequality. Golden: "
                 r"$k = (2, 3, 4)$ gives $\cos \angle APB = 1/4$; $k = (3, 4, 5)$ gives $\angle APB = 90^\circ$. "
                 r"Numerics: the optimum by findroot on the gradient, angles by atan2, at fixed and drawn triangles "
                 r"and weights.")
register(Result(
    key="VAR-F4", title="Weighted Fermat point: angles at the optimum",
    parts=(r"\cos \angle APB", r"\cos \angle BPC", r"\cos \angle CPA"), source=f"{SU_FERMAT}; standard",
    statement=weighted_angles_statement, derive=_derive_f4, numeric=_num_f4, params=_weighted_interior_points,
    certified=_cert.weighted_cosines,
    examples=({**_T, "k1": 2, "k2": 3, "k3": 4}, {**_T, "k1": 3, "k2": 4, "k3": 5},
              {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)}),
    notes=_NOTES_VAR_F4,
))

# --- VAR-F5 ----------------------------------------------------------------------------------------


#: VAR-F5's examples (the test triangle with vertex-case weights), the instances of its symbolic proof
_F5_CASES = ({**_T, "k1": 5, "k2": 2, "k3": 2}, {**_T, "k1": 1, "k2": 1, "k3": _Fr(7, 4)},
             {**_T, "k1": 1, "k2": 3, "k3": 1}, {**_T, "k1": 2, "k2": 1, "k3": 1})


def _derive_f5(n: int) -> Derivation:
    inst = _derive_vertex_instance(_F5_CASES[n])
    k1, k2, k3 = K
    A_ = Symbol("A", positive=True)
    pull = unit_vector_identity().rhs.subs({Symbol("k2", positive=True): k2, Symbol("k3", positive=True): k3})
    cos_a = Symbol(r"\cos A")
    boundary = sympy.solve(Eq(pull.subs(sympy.cos(A_), cos_a), k1**2), cos_a)
    if len(boundary) != 1:
        raise ArithmeticError(f"|s|^2 = k1^2 does not fix cos A: {boundary}")
    excess = sympy.factor(boundary[0] - 1)
    steps = (Step(r"At vertex $A$, $|s|^2 = |k_2e_{AB} + k_3e_{AC}|^2$ in terms of the angle $A$", unit_vector_identity()),
             Step(r"It increases as $\cos A$ does; $|s|^2 = k_1^2$ at $\cos A = \cos \theta_A$, so $A$ is optimal iff "
                  r"$A \ge \theta_A$", Eq(_label(r"\cos\theta_A"), boundary[0])),
             Step(r"$\cos\theta_A - 1$: the boundary leaves $[-1, 1]$ (every angle qualifies) iff "
                  r"$k_1 \ge k_2 + k_3$ (test this before calling acos, pitfall C12)", Eq(_label(r"\cos\theta_A - 1"),
                                                                                         excess)),
             *inst.steps)
    return Derivation(inst.value, steps)


def weighted_vertex_statement(n: Any = None, Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1,
                              Cy: Any = 3, k1: Any = 5, k2: Any = 2, k3: Any = 2) -> Tuple:
    """VAR-F5: vertex optimality :math:`|k_2e_{AB}+k_3e_{AC}| \\le k_1` (⇔ :math:`A \\ge \\theta_A`); value :math:`k_2c+k_3b`.

    With ``n`` given, the n-th instance of the symbolic proof (:data:`_F5_CASES`); otherwise the keywords.
    """
    p = _F5_CASES[int(n)] if n is not None else dict(zip((*_COORDS, "k1", "k2", "k3"),
                                                          (Ax, Ay, Bx, By, Cx, Cy, k1, k2, k3)))
    return _vertex_statement_at(p)


def _dominant_weight_points() -> Any:
    """The ``params`` of VAR-F5: an integer triangle and weights where one weight is at least the sum of the
    other two (that vertex is optimal for every triangle); the dominant vertex is drawn too."""

    def build(p: dict) -> dict:
        ks = [p["kl"], p["km"]]
        ks.insert(p["at"], p["kl"] + p["km"] + p["extra"])
        return {**{k: p[k] for k in _COORDS}, "k1": ks[0], "k2": ks[1], "k3": ks[2]}

    weight = s.rationals(_Fr(1, 2), 2, max_denominator=10)
    return draw(**dict.fromkeys(_COORDS, s.sizes(-6, 6)), kl=weight, km=weight,
                extra=s.rationals(0, 2, max_denominator=10), at=s.sizes(0, 2))().filter(_non_degenerate).map(build)


_NOTES_VAR_F5 = (r"The vertex test is derived for symbolic vertices and weights; it is applied exactly to the four "
                 r"examples. Golden: $k = (5, 2, 2) \to A$, $f = 8 + 2 \sqrt{10}$; $k = (1, 1, \sqrt3) \to C$, "
                 r"$f = \sqrt{10} + 3 \sqrt{2}$ ($\theta_C = 60^\circ < C$); $k = (2, 1, 1)$ is the boundary case "
                 r"$k_1 = k_2 + k_3$ ($\theta_A = 0$, $A$ optimal). Numerics at drawn triangles with a dominant weight.")
register(Result(
    key="VAR-F5", title="Weighted Fermat point: vertex cases and weights violating the triangle inequality",
    parts=("V_x", "V_y", "f_{min}"), source=f"{KUHN} (vertex conditions)",
    statement=weighted_vertex_statement, derive=_derive_f5, numeric=_num_vertex, params=_dominant_weight_points,
    certified=_cert.fermat_vertex,
    examples=_F5_CASES, bound=Bound("n", 0, len(_F5_CASES) - 1), display={"n": 0},
    scope=Scope.instances("the four examples (the vertex test itself: general)", count=len(_F5_CASES)),
    notes=_NOTES_VAR_F5,
))

# --- VAR-F6 ----------------------------------------------------------------------------------------

FMIN2 = _label("f_{min}^2")


def weighted_value_statement(Ax: Any = None, Ay: Any = None, Bx: Any = None, By: Any = None, Cx: Any = None,
                             Cy: Any = None, k1: Any = K[0], k2: Any = K[1], k3: Any = K[2]) -> Eq:
    """VAR-F6: :math:`f_{min}^2 = \\tfrac12\\sum k_1^2(b^2+c^2-a^2) + 8\\Delta\\Delta_k` (interior case).

    Symbolic in the squared sides, the area and the weights; with the vertices given, for that triangle.
    """
    value = fb.fmin_squared_formula(*fb.SIDES2, fb.AREA, *(sympy.sympify(k) for k in (k1, k2, k3)))
    subs = _side_values(dict(zip(_COORDS, (Ax, Ay, Bx, By, Cx, Cy))))
    return Eq(FMIN2, _clean(value.subs(subs)) if subs else value, evaluate=False)


def _derive_f6() -> Derivation:
    coeffs = fb.minimal_value_coefficients()
    heron = fb.weight_heron(*K)
    value = (sum((al * sv for al, sv in zip(coeffs["alpha"], fb.SIDES2)), sympy.Integer(0))
             + coeffs["beta"].subs(fb.AREA_K, sqrt(heron)) * fb.AREA)
    # an instance beside the general computation: the test triangle with k = (3, 4, 5), where the optimum
    # (50/37, 70/37) is rational; the gradient there vanishes exactly, and f(P)^2 matches the formula
    pts, ks = _tri(**_T), [sympy.Integer(3), sympy.Integer(4), sympy.Integer(5)]
    P = (Rational(50, 37), Rational(70, 37))
    grad = [_clean(sum((k * (P[i] - X[i]) / sqrt(_dist2(P, X)) for k, X in zip(ks, pts)), sympy.Integer(0)))
            for i in (0, 1)]
    f_at = _clean(objective(P, pts, ks))
    at_test = value.subs({**_side_values(dict(_T)), **dict(zip(K, ks))})
    if grad != [0, 0] or not checks.same(at_test, f_at**2):
        raise ArithmeticError(f"the test triangle disagrees: gradient {grad}, f(P)^2 = {f_at**2}, formula {at_test}")
    steps = (*_balance_steps(),
             Step(r"With $x = |PA|$, $y = |PB|$, $z = |PC|$ and those cosines, the squared sides $a^2, b^2, c^2$ "
                  r"(e.g. $a^2 = |y u_B - z u_C|^2$)", Matrix(coeffs["sides2"])),
             Step(r"The sines at $P$ are $2\Delta_k/(k_ik_j)$ ($4k_i^2k_j^2(1 - \cos^2) = 16\Delta_k^2$ by Heron), so "
                  r"the area, as the sum of the triangles $PAB$, $PBC$, $PCA$, is", Eq(fb.AREA, coeffs["area"])),
             Step(r"$f_{min}^2 = (k_1x + k_2y + k_3z)^2$ written as $\alpha_1a^2 + \alpha_2b^2 + \alpha_3c^2 + "
                  r"\beta\Delta$: the six coefficients of $x^2, \ldots, zx$ must vanish", Matrix(coeffs["equations"])),
             Step(r"Solved (consistent, unique); $\beta = 8\Delta_k$ by Heron",
                  Eq(Matrix([*sympy.symbols("alpha1:4"), Symbol("beta")]), Matrix([*coeffs["alpha"], coeffs["beta"]]),
                     evaluate=False)),
             Step(r"Instance: test triangle, $k = (3, 4, 5)$; the gradient at $P = (50/37, 70/37)$ is exactly "
                  r"zero and $f(P)$ is", Eq(_label("f(P)"), f_at)))
    return Derivation(Eq(FMIN2, value, evaluate=False), steps)


def _num_f6(dps: int, **p: Any) -> Any:
    return _num.fermat_point(*_mp_tri(p), (p["k1"], p["k2"], p["k3"]), dps=dps)["value"] ** 2


_NOTES_VAR_F6 = (r"General: derived for symbolic weights and symbolic distances $|PA|, |PB|, |PC|$ from the force "
                 r"balance (the angles of VAR-F4); it holds whenever the optimum is interior (VAR-F5 decides). "
                 r"Golden: $k = (3, 4, 5) \to 3 \sqrt{74}$ = 25.80697580112788031518842060514914089608; "
                 r"$k = (2, 3, 4) \to$ 18.95857063344879404430499974966026089631. Needs $\Delta_k$ (Heron), not "
                 r"$\sqrt3/4$ (C17). Numerics: $f$ at the optimum found by findroot, at fixed and drawn triangles "
                 r"and weights.")
register(Result(
    key="VAR-F6", title="Weighted Fermat point: minimal value", source="project derivation (spec VAR-F6)",
    statement=weighted_value_statement, derive=_derive_f6, numeric=_num_f6, params=_weighted_interior_points,
    certified=_cert.weighted_min_value_squared,
    examples=({**_T, "k1": 3, "k2": 4, "k3": 5}, {**_T, "k1": 2, "k2": 3, "k3": 4},
              {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)},
              {"Ax": 0, "Ay": 0, "Bx": 5, "By": 1, "Cx": 2, "Cy": 4, "k1": 1, "k2": 1, "k3": 1}),
    notes=_NOTES_VAR_F6,
))

# --- VAR-F7 ----------------------------------------------------------------------------------------

F7 = [PX, PY, _label("k_1|AA'|"), _label("k_2|BB'|"), _label("k_3|CC'|")]


#: VAR-F7's examples (the test triangle, interior weights), the instances of its symbolic proof
_F7_CASES = ({**_T, "k1": 3, "k2": 4, "k3": 5}, {**_T, "k1": 2, "k2": 3, "k3": 4},
             {**_T, "k1": _Fr(13, 10), "k2": _Fr(11, 10), "k3": _Fr(9, 10)})


def torricelli_statement(n: Any = None, Ax: Any = 0, Ay: Any = 0, Bx: Any = 4, By: Any = 0, Cx: Any = 1, Cy: Any = 3,
                         k1: Any = 3, k2: Any = 4, k3: Any = 5) -> Tuple:
    """VAR-F7: the barycentric point :math:`ak_1\\csc(A+\\alpha_k):\\dots` is the optimum and
    :math:`f_{min} = k_1|AA'| = k_2|BB'| = k_3|CC'|`.

    With ``n`` given, the n-th instance of the symbolic proof (:data:`_F7_CASES`); otherwise the keywords.
    """
    if n is not None:
        p = _F7_CASES[int(n)]
        Ax, Ay, Bx, By, Cx, Cy, k1, k2, k3 = (p[k] for k in (*_COORDS, "k1", "k2", "k3"))
    pts, ks = _tri(Ax, Ay, Bx, By, Cx, Cy), (k1, k2, k3)
    px, py = barycentric_point(*pts, ks)
    f = fermat_min_value(*pts, ks)
    return Tuple(Eq(F7[0], px, evaluate=False), Eq(F7[1], py, evaluate=False),
                 *(Eq(lab, f, evaluate=False) for lab in F7[2:]))


def _derive_f7(n: int) -> Derivation:
    p = _F7_CASES[n]
    pts, ks = _tri(*(p[k] for k in _COORDS)), [sympy.sympify(p[k]) for k in ("k1", "k2", "k3")]
    Ap, Bp, Cp = weighted_torricelli_apexes(*pts, ks)
    P = _intersect(pts[0], Ap, pts[1], Bp)
    P = (_clean(P[0]), _clean(P[1]))
    on_cc = _clean((Cp[0] - pts[2][0]) * (P[1] - pts[2][1]) - (Cp[1] - pts[2][1]) * (P[0] - pts[2][0]))
    if on_cc != 0:
        raise ArithmeticError("AA', BB', CC' do not concur")
    grad = _gradient(P, pts, ks)
    if grad != [0, 0]:
        raise ArithmeticError(f"the weighted gradient does not vanish at the intersection: {grad}")
    lengths = [_clean(k * sqrt(_dist2(X, Xp))) for k, X, Xp in zip(ks, pts, (Ap, Bp, Cp))]
    d2a, ratios = _distance_ratios(P, pts)
    f_at = _clean(sum((k * r for k, r in zip(ks, ratios)), sympy.Integer(0))) * sqrt(d2a)
    if not all(checks.same(f_at**2, v**2) for v in lengths):
        raise ArithmeticError(f"f at the optimum ({f_at}) differs from k_i |XX'| ({lengths})")
    steps = (Step(rf"Instance: test triangle, $k = ({ks[0]}, {ks[1]}, {ks[2]})$. Apexes $A'$, $B'$, $C'$ (triangles "
                  r"similar to the weight triangle, erected outward)", Matrix([[*Ap], [*Bp], [*Cp]])),
             Step("Intersection of $AA'$ and $BB'$", Matrix([P])),
             Step("It lies on $CC'$ as well (cross product)", Eq(_label("(C'-C)\\times(P-C)"), on_cc)),
             Step(r"The weighted gradient $\sum_i k_i(P - A_i)/|P - A_i|$ there (exact): $P$ is the minimiser",
                  Matrix(grad)),
             Step(r"$f(P) = \sum_i k_i|PA_i|$, computed, equals each $k_i|XX'|$ (the weighted Ptolemy relation)",
                  Eq(_label("f(P)"), f_at)),
             Step(r"$k_1|AA'|$, $k_2|BB'|$, $k_3|CC'|$", Matrix(lengths)))
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


_NOTES_VAR_F7 = (r"Proved exactly for the three examples (test triangle; $k = (3, 4, 5)$, $(2, 3, 4)$, "
                 r"$(13/10, 11/10, 9/10)$): construction, concurrency, zero gradient, $f(P) = k_i|XX'|$, and the "
                 r"barycentric formula; the general barycentric claim is checked numerically at drawn triangles and "
                 r"weights. Golden $(3, 4, 5)$: $A' = (5, 7)$, $B' = (-5/4, 15/4)$, $C' = (64/25, -48/25)$, "
                 r"$|AA'| = \sqrt{74}$. The barycentrics need the $k_i$ factors (pitfall C17).")
register(Result(
    key="VAR-F7", title="Weighted Torricelli construction and barycentrics",
    parts=("P_x", "P_y", "k_1|AA'|", "k_2|BB'|", "k_3|CC'|"), source="project derivation (spec VAR-F7)",
    statement=torricelli_statement, derive=_derive_f7, numeric=_num_f7, params=_weighted_interior_points,
    certified=_cert.weighted_torricelli,
    examples=_F7_CASES, bound=Bound("n", 0, len(_F7_CASES) - 1), display={"n": 0},
    scope=Scope.instances("the three examples (test triangle; k = (3, 4, 5), (2, 3, 4), (13/10, 11/10, 9/10))",
                          count=len(_F7_CASES)),
    notes=_NOTES_VAR_F7,
))
