"""The (weighted) Fermat point in exact arithmetic: VAR-F1 … VAR-F7 (private).

:func:`fermat_point` decides the vertex (subgradient) conditions exactly, then builds the
interior optimum by the weighted Torricelli construction (VAR-F7): the intersection of
AA′ and BB′, where the apexes are rational in the data and in the cosines/sines of the
weight triangle.  Source for the topic: Su, 《自然极值》4. 费马点问题 (kexue.fm); the
statements are standard (Kimberling ETC X(13); Kuhn 1973) and the weighted closed forms
VAR-F6/F7 are project derivations (spec ``variational.md`` section 5).
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import Eq, Matrix, Symbol, sqrt

from .euler_lagrange_equations import _label

__all__ = [
    "barycentric_point",
    "exact_sign",
    "fermat_min_value",
    "fermat_point",
    "objective",
    "triangle_data",
    "weighted_torricelli_apexes",
]

_NAMES = ("A", "B", "C")
_t = Symbol("t")


def exact_sign(expr: Any) -> int:
    """The sign (-1, 0, 1) of a real algebraic number, decided exactly.

    Zero is decided by the minimal polynomial (``t`` iff the number is 0); a non-zero
    number's sign is then read from ``evalf`` at increasing precision (60, 120, … digits)
    until the value is clearly away from 0, which must happen because it is not 0.
    """
    e = sympy.nsimplify(sympy.sympify(expr)) if isinstance(expr, float) else sympy.sympify(expr)
    if e.is_Rational:
        return int(sympy.sign(e))
    e = sympy.radsimp(e)
    if e == 0:
        return 0
    try:
        if sympy.minimal_polynomial(e, _t) == _t:
            return 0
    except (NotImplementedError, ValueError):  # pragma: no cover - non-algebraic input
        pass
    for digits in (60, 120, 240, 480):
        val = sympy.N(e, digits)
        if val != 0 and abs(val) > sympy.Float(10) ** (-(digits - 10)):
            return 1 if val > 0 else -1
    raise ArithmeticError(f"cannot decide the sign of {e} (equal to 0 to 470 digits but not provably 0)")


def _point(P: Any, name: str) -> tuple[Any, Any]:
    if isinstance(P, (str, bytes)) or not hasattr(P, "__len__") or len(P) != 2:
        raise ValueError(f"{name} must be a pair (x, y) of exact real numbers, got {P!r}")
    out = []
    for c in P:
        if isinstance(c, bool):
            raise ValueError(f"{name} must hold real numbers, got {P!r}")
        try:
            v = sympy.Rational(c) if isinstance(c, float) else sympy.sympify(c)
        except (sympy.SympifyError, TypeError) as exc:
            raise ValueError(f"{name} must hold exact real numbers, got {P!r}") from exc
        if not (isinstance(v, sympy.Expr) and v.is_number and v.is_extended_real):
            raise ValueError(f"{name} must hold real numbers, got {P!r}")
        out.append(v)
    return out[0], out[1]


def _weights(weights: Any) -> list[Any]:
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__") or len(weights) != 3:
        raise ValueError(f"weights must be a triple (k1, k2, k3) of positive numbers, got {weights!r}")
    ks = []
    for i, k in enumerate(weights):
        if isinstance(k, bool):
            raise ValueError(f"weights[{i}] must be a positive real number, got {k!r}")
        try:
            v = sympy.Rational(k) if isinstance(k, float) else sympy.sympify(k)
        except (sympy.SympifyError, TypeError) as exc:
            raise ValueError(f"weights[{i}] must be a positive real number, got {k!r}") from exc
        if not (isinstance(v, sympy.Expr) and v.is_number and v.is_extended_real) or exact_sign(v) <= 0:
            raise ValueError(f"weights[{i}] must be a positive real number (weights must be positive), got {k!r}")
        ks.append(v)
    return ks


def _validate(A: Any, B: Any, C: Any, weights: Any) -> tuple[list, list]:
    pts = [_point(P, n) for P, n in zip((A, B, C), _NAMES)]
    ks = _weights(weights)
    (ax, ay), (bx, by), (cx, cy) = pts
    if exact_sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) == 0:
        raise ValueError("A, B, C must be the vertices of a non-degenerate triangle (the points are collinear "
                         "or coincident)")
    return pts, ks


def _dist2(P: Any, Q: Any) -> Any:
    return (P[0] - Q[0]) ** 2 + (P[1] - Q[1]) ** 2


def triangle_data(A: Any, B: Any, C: Any) -> dict:
    """Sides a = |BC|, b = |CA|, c = |AB| and the area Δ (exact)."""
    pts = [_point(P, n) for P, n in zip((A, B, C), _NAMES)]
    (ax, ay), (bx, by), (cx, cy) = pts
    return {"a": sqrt(_dist2(pts[1], pts[2])), "b": sqrt(_dist2(pts[2], pts[0])), "c": sqrt(_dist2(pts[0], pts[1])),
            "area": abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / 2}


def weight_triangle_area(k1: Any, k2: Any, k3: Any) -> Any:
    """Δ_k by Heron's formula (0 for degenerate weight triangles, imaginary-free only if triangular)."""
    return sqrt((k1 + k2 + k3) * (-k1 + k2 + k3) * (k1 - k2 + k3) * (k1 + k2 - k3)) / 4


def objective(P: Any, pts: list, ks: list) -> Any:
    """:math:`\\sum_i k_i|P-A_i|` (exact)."""
    return sum((k * sqrt(_dist2(P, X)) for k, X in zip(ks, pts)), sympy.Integer(0))


def _vertex(pts: list, ks: list) -> int | None:
    """Index j of the optimal vertex: :math:`k_l^2+k_m^2+2k_lk_m\\cos\\angle_j \\le k_j^2` (VAR-F5), else None.

    Written as :math:`(k_j^2-k_l^2-k_m^2)\\sqrt{n_ln_m} \\ge 2k_lk_m\\,(u_l\\cdot u_m)` and decided by
    :func:`exact_sign` (no arccos, pitfall C12; weights violating the triangle inequality are
    covered because then the left side dominates).
    """
    for j in range(3):
        li, mi = [i for i in range(3) if i != j]
        ul = (pts[li][0] - pts[j][0], pts[li][1] - pts[j][1])
        um = (pts[mi][0] - pts[j][0], pts[mi][1] - pts[j][1])
        lhs = (ks[j] ** 2 - ks[li] ** 2 - ks[mi] ** 2) * sqrt((ul[0] ** 2 + ul[1] ** 2) * (um[0] ** 2 + um[1] ** 2))
        rhs = 2 * ks[li] * ks[mi] * (ul[0] * um[0] + ul[1] * um[1])
        if exact_sign(lhs - rhs) >= 0:
            return j
    return None


def _apex(P: Any, Q: Any, away: Any, cos_t: Any, sin_t: Any, ratio: Any) -> tuple[Any, Any]:
    """X = P + ratio * Rot(±t)(Q - P), on the side of line PQ away from ``away``."""
    orient = exact_sign((Q[0] - P[0]) * (away[1] - P[1]) - (Q[1] - P[1]) * (away[0] - P[0]))
    s = -orient * sin_t  # rotate towards the side opposite to `away`
    dx, dy = Q[0] - P[0], Q[1] - P[1]
    return (sympy.radsimp(P[0] + ratio * (cos_t * dx - s * dy)), sympy.radsimp(P[1] + ratio * (s * dx + cos_t * dy)))


def _weight_angles(ks: list) -> list[tuple[Any, Any]]:
    """(cos, sin) of the weight-triangle angles α_k, β_k, γ_k opposite k1, k2, k3."""
    k1, k2, k3 = ks
    area = weight_triangle_area(k1, k2, k3)
    return [((k2**2 + k3**2 - k1**2) / (2 * k2 * k3), 2 * area / (k2 * k3)),
            ((k1**2 + k3**2 - k2**2) / (2 * k1 * k3), 2 * area / (k1 * k3)),
            ((k1**2 + k2**2 - k3**2) / (2 * k1 * k2), 2 * area / (k1 * k2))]


def weighted_torricelli_apexes(A: Any, B: Any, C: Any, weights: Any = (1, 1, 1)) -> tuple:
    """Apexes A′, B′, C′ of VAR-F7: B C A′ (on BC, away from A) is similar to the weight triangle,
    :math:`|BC|:|CA'|:|A'B| = k_1:k_2:k_3`, i.e. :math:`\\angle A'BC=\\beta_k`, :math:`\\angle A'CB=\\gamma_k`; likewise B′, C′.

    For unit weights these are the outward equilateral apexes of Torricelli's construction.
    Requires strictly triangular weights (ValueError otherwise).
    """
    pts, ks = _validate(A, B, C, weights)
    k1, k2, k3 = ks
    if min(exact_sign(k2 + k3 - k1), exact_sign(k1 + k3 - k2), exact_sign(k1 + k2 - k3)) <= 0:
        raise ValueError("weights must satisfy the strict triangle inequality for the Torricelli apexes")
    (ca, sa), (cb, sb), (cc, sc) = _weight_angles(ks)
    Ap = _apex(pts[1], pts[2], pts[0], cb, sb, k3 / k1)  # at B: angle beta_k, |BA'| = a k3/k1
    Bp = _apex(pts[2], pts[0], pts[1], cc, sc, k1 / k2)  # at C: angle gamma_k, |CB'| = b k1/k2
    Cp = _apex(pts[0], pts[1], pts[2], ca, sa, k2 / k3)  # at A: angle alpha_k, |AC'| = c k2/k3
    return Ap, Bp, Cp


def _intersect(P1: Any, P2: Any, Q1: Any, Q2: Any) -> tuple[Any, Any]:
    """Intersection of the lines P1P2 and Q1Q2 (exact)."""
    s, t = sympy.symbols("s t")
    sol = sympy.solve([P1[0] + s * (P2[0] - P1[0]) - Q1[0] - t * (Q2[0] - Q1[0]),
                       P1[1] + s * (P2[1] - P1[1]) - Q1[1] - t * (Q2[1] - Q1[1])], [s, t], dict=True)[0]
    return P1[0] + sol[s] * (P2[0] - P1[0]), P1[1] + sol[s] * (P2[1] - P1[1])


def _clean(e: Any) -> Any:
    e = sympy.radsimp(sympy.simplify(e))
    return sympy.expand(e) if e.is_Add or e.is_Mul else e


def fermat_min_value(A: Any, B: Any, C: Any, weights: Any = (1, 1, 1)) -> Any:
    """VAR-F6 (interior case): :math:`f_{min}^2 = \\tfrac12[k_1^2(b^2+c^2-a^2)+k_2^2(c^2+a^2-b^2)+k_3^2(a^2+b^2-c^2)]
    + 8\\Delta\\Delta_k`, Δ_k the area of the weight triangle (Heron).  Returns :math:`f_{min}`.

    Valid only when the optimum is interior (VAR-F5); for unit weights it is VAR-F2,
    :math:`L^2 = (a^2+b^2+c^2)/2 + 2\\sqrt3\\Delta`.
    """
    pts, ks = _validate(A, B, C, weights)
    k1, k2, k3 = ks
    t = triangle_data(*pts)
    a2, b2, c2 = t["a"] ** 2, t["b"] ** 2, t["c"] ** 2
    sq = (k1**2 * (b2 + c2 - a2) + k2**2 * (c2 + a2 - b2) + k3**2 * (a2 + b2 - c2)) / 2 \
        + 8 * t["area"] * weight_triangle_area(k1, k2, k3)
    return sympy.sqrtdenest(sqrt(sympy.radsimp(sympy.expand(sq))))


def barycentric_point(A: Any, B: Any, C: Any, weights: Any = (1, 1, 1)) -> tuple[Any, Any]:
    """VAR-F7 barycentrics :math:`a k_1\\csc(A+\\alpha_k) : b k_2\\csc(B+\\beta_k) : c k_3\\csc(C+\\gamma_k)` (interior case).

    For unit weights: Kimberling's X(13), :math:`a\\csc(A+\\pi/3) : \\dots` (VAR-F3).  The sines are
    expanded exactly from the sides (cos A = (b²+c²-a²)/(2bc), sin A = 2Δ/(bc)).
    """
    pts, ks = _validate(A, B, C, weights)
    t = triangle_data(*pts)
    sides = (t["a"], t["b"], t["c"])
    wts = []
    for i, (cw, sw) in enumerate(_weight_angles(ks)):
        o1, o2 = sides[(i + 1) % 3], sides[(i + 2) % 3]
        cos_v = (o1**2 + o2**2 - sides[i] ** 2) / (2 * o1 * o2)
        sin_v = 2 * t["area"] / (o1 * o2)
        wts.append(sides[i] * ks[i] / (sin_v * cw + cos_v * sw))
    total = sum(wts)
    return (_clean(sum(w * P[0] for w, P in zip(wts, pts)) / total),
            _clean(sum(w * P[1] for w, P in zip(wts, pts)) / total))


def fermat_point(A: Any, B: Any, C: Any, weights: Any = (1, 1, 1)) -> dict:
    """The minimiser of :math:`f(P)=k_1|PA|+k_2|PB|+k_3|PC|` in exact arithmetic (VAR-F1, F5, F6, F7).

    Returns ``{"point": (px, py), "value": f_min, "case": "interior" | "vertex A" | "vertex B" | "vertex C"}``.

    1. Vertex j is optimal iff :math:`|k_l e_{jl} + k_m e_{jm}| \\le k_j` (Kuhn 1973); this is
       decided first and exactly (squared form, :func:`exact_sign`).  It covers weights that
       violate the triangle inequality (:math:`k_1 \\ge k_2 + k_3` always gives A).  The value is
       then :math:`k_l|\\,\\cdot\\,| + k_m|\\,\\cdot\\,|` of the two sides at the vertex.
    2. Otherwise the optimum is interior: the intersection of AA′ and BB′ (weighted Torricelli
       construction, :func:`weighted_torricelli_apexes`), simplified with ``radsimp``; the value
       from VAR-F6 (:func:`fermat_min_value`).

    Test triangle A = (0, 0), B = (4, 0), C = (1, 3): weights (3, 4, 5) give exactly
    (50/37, 70/37) and 3√74; unit weights give ((10 + 4√3)/13, (24 − 6√3)/13).

    Raises ValueError for collinear/coincident points or non-positive (or non-real) weights.
    """
    pts, ks = _validate(A, B, C, weights)
    j = _vertex(pts, ks)
    if j is not None:
        li, mi = [i for i in range(3) if i != j]
        value = ks[li] * sqrt(_dist2(pts[j], pts[li])) + ks[mi] * sqrt(_dist2(pts[j], pts[mi]))
        return {"point": tuple(pts[j]), "value": sympy.radsimp(value), "case": f"vertex {_NAMES[j]}"}
    Ap, Bp, _ = weighted_torricelli_apexes(*pts, ks)
    px, py = _intersect(pts[0], Ap, pts[1], Bp)
    return {"point": (_clean(px), _clean(py)), "value": fermat_min_value(*pts, ks), "case": "interior"}


def unit_vector_identity() -> Eq:
    """:math:`|k_2e_{AB}+k_3e_{AC}|^2 = k_2^2+k_3^2+2k_2k_3\\cos A` for unit vectors at angle A (VAR-F1/F5)."""
    k2, k3, A_ = sympy.symbols("k2 k3 A", positive=True)
    u, w = Matrix([1, 0]), Matrix([sympy.cos(A_), sympy.sin(A_)])
    s = k2 * u + k3 * w
    return Eq(_label(r"|k_2e_{AB}+k_3e_{AC}|^2"), sympy.trigsimp(sympy.expand(s.dot(s))), evaluate=False)


TEST_TRIANGLE = {"Ax": 0, "Ay": 0, "Bx": 4, "By": 0, "Cx": 1, "Cy": 3}
