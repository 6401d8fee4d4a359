"""The weighted Fermat point in general symbolic form: force balance, angles, minimal value, vertex test (private).

These computations take the weights (and, where they enter, the distances from the optimum to the
vertices) as symbols, so that VAR-F4, VAR-F6 and VAR-F2 are proved for every weight vector, not at
one:

- :func:`gradient_balance`: the gradient of :math:`f(P) = \\sum_i k_i|P - A_i|` for symbolic P,
  vertices and weights, which is :math:`-\\sum_i k_iu_i` (:math:`u_i` the unit vector from P to
  :math:`A_i`): at an interior minimiser the weighted unit vectors balance;
- :func:`balance_cosines`: the balance :math:`k_1u_A + k_2u_B + k_3u_C = 0` with
  :math:`u_i = (\\cos a_i, \\sin a_i)`, solved for one vector; its unit length gives the cosine of
  the angle between the other two (VAR-F4);
- :func:`minimal_value_coefficients`: the sides and the area of the triangle from the distances
  :math:`x, y, z` of the optimum to the vertices and the angles at it; :math:`f^2` written as a
  combination of :math:`a^2, b^2, c^2, \\Delta`, whose coefficients are solved for (VAR-F6);
- :func:`vertex_directional_derivative`: the one-sided derivative of f at a vertex along a unit
  direction, :math:`k_1 - s\\cdot d` with :math:`s = k_2e_{AB} + k_3e_{AC}`, and Lagrange's identity
  bounding :math:`s\\cdot d` by :math:`|s|` (the vertex test of VAR-F1/F5).

No result is registered here; :mod:`proofs.variational.fermat` uses these in its derivations.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy
from sympy import Eq, Matrix, Symbol, cos, sin, sqrt

__all__ = [
    "K",
    "balance_cosines",
    "fmin_squared_formula",
    "gradient_balance",
    "minimal_value_coefficients",
    "vertex_directional_derivative",
]

#: the weights k1, k2, k3 of the vertices A, B, C (positive symbols)
K = sympy.symbols("k1 k2 k3", positive=True)
#: the polar angles of the unit vectors from the optimum to A, B, C
ANGLES = sympy.symbols("a_A a_B a_C", real=True)
#: the squared sides a^2 = |BC|^2, b^2 = |CA|^2, c^2 = |AB|^2 and the area of the triangle
SIDES2 = sympy.symbols("a2 b2 c2", positive=True)
AREA = Symbol("Delta", positive=True)
#: the area of the weight triangle (Heron)
AREA_K = Symbol("Delta_k", positive=True)
#: the pairs (i, j) whose angle at the optimum is computed, and the third index m
PAIRS = ((0, 1, 2), (1, 2, 0), (2, 0, 1))


def weight_heron(k1: Any, k2: Any, k3: Any) -> Any:
    """:math:`\\Delta_k^2 = (k_1+k_2+k_3)(-k_1+k_2+k_3)(k_1-k_2+k_3)(k_1+k_2-k_3)/16` (Heron)."""
    k1, k2, k3 = (sympy.sympify(k) for k in (k1, k2, k3))
    return (k1 + k2 + k3) * (-k1 + k2 + k3) * (k1 - k2 + k3) * (k1 + k2 - k3) / 16


def fmin_squared_formula(a2: Any, b2: Any, c2: Any, area: Any, k1: Any, k2: Any, k3: Any) -> Any:
    """VAR-F6: :math:`\\tfrac12[k_1^2(b^2+c^2-a^2)+k_2^2(c^2+a^2-b^2)+k_3^2(a^2+b^2-c^2)] + 8\\Delta\\Delta_k`."""
    return ((k1**2 * (b2 + c2 - a2) + k2**2 * (c2 + a2 - b2) + k3**2 * (a2 + b2 - c2)) / 2
            + 8 * area * sqrt(weight_heron(k1, k2, k3)))


@lru_cache(maxsize=1)
def gradient_balance() -> tuple[Matrix, Matrix]:
    """(∇f, Σ k_i u_i) for symbolic P = (p_x, p_y), vertices and weights; ∇f = -Σ k_i u_i is checked.

    The gradient is computed by differentiating :math:`f(P)=\\sum_i k_i\\sqrt{(p_x-x_i)^2+(p_y-y_i)^2}`.
    """
    px, py = sympy.symbols("p_x p_y", real=True)
    verts = [sympy.symbols(f"x_{n} y_{n}", real=True) for n in "ABC"]
    f = sum((k * sqrt((px - vx) ** 2 + (py - vy) ** 2) for k, (vx, vy) in zip(K, verts)), sympy.Integer(0))
    grad = Matrix([sympy.diff(f, px), sympy.diff(f, py)])
    units = [Matrix([vx - px, vy - py]) / sqrt((px - vx) ** 2 + (py - vy) ** 2) for vx, vy in verts]
    balance = sum((k * u for k, u in zip(K, units)), sympy.zeros(2, 1))
    if (grad + balance).applyfunc(sympy.simplify) != sympy.zeros(2, 1):
        raise ArithmeticError(f"the gradient of f is not minus the weighted sum of unit vectors: {grad}")
    return grad, balance


@lru_cache(maxsize=1)
def balance_cosines() -> dict[str, Any]:
    """The force balance with :math:`u_i = (\\cos a_i, \\sin a_i)` and the three cosines it forces (VAR-F4).

    For each pair (i, j) with third index m the balance is solved for :math:`u_m` (two linear
    equations in :math:`\\cos a_m, \\sin a_m`); :math:`|u_m|^2 = 1` then reads
    :math:`k_i^2 + k_j^2 + 2k_ik_j\\cos(a_i - a_j) = k_m^2` (after ``trigsimp``), solved for the cosine.
    Returns ``{"balance": Σ k_i u_i, "solved": [u_m], "norms": [|u_m|^2], "cosines": [cos∠ for (A,B), (B,C), (C,A)]}``.
    """
    u = [Matrix([cos(a), sin(a)]) for a in ANGLES]
    balance = sum((k * ui for k, ui in zip(K, u)), sympy.zeros(2, 1))
    solved, norms, cosines = [], [], []
    cm, sm, c = Symbol("c_m"), Symbol("s_m"), Symbol("c")
    for i, j, m in PAIRS:
        eqs = [balance[0].subs(cos(ANGLES[m]), cm), balance[1].subs(sin(ANGLES[m]), sm)]
        sol = sympy.solve(eqs, [cm, sm], dict=True)
        if len(sol) != 1:
            raise ArithmeticError(f"the balance does not determine u_{m}: {sol}")
        um = Matrix([sol[0][cm], sol[0][sm]])
        norm = sympy.trigsimp(sympy.expand(um.dot(um)))
        diff = ANGLES[i] - ANGLES[j]
        linear = norm.subs({cos(diff): c, cos(-diff): c})
        if linear.has(*ANGLES):
            raise ArithmeticError(f"|u_m|^2 did not reduce to the cosine of the angle between u_i and u_j: {norm}")
        root = sympy.solve(Eq(linear, 1), c)
        if len(root) != 1:
            raise ArithmeticError(f"|u_m|^2 = 1 does not fix the cosine: {root}")
        solved.append(um)
        norms.append(norm)
        cosines.append(sympy.factor(root[0]))
    return {"balance": balance, "solved": solved, "norms": norms, "cosines": cosines}


@lru_cache(maxsize=1)
def minimal_value_coefficients() -> dict[str, Any]:
    """:math:`f_{min}^2` from the geometry at an interior optimum, for symbolic weights and distances (VAR-F6).

    With :math:`x = |PA|`, :math:`y = |PB|`, :math:`z = |PC|` and the cosines of
    :func:`balance_cosines`, the law of cosines gives :math:`a^2, b^2, c^2` (as
    :math:`|y u_B - z u_C|^2` and so on), the sines are :math:`2\\Delta_k/(k_ik_j)` (checked:
    :math:`4k_i^2k_j^2(1-\\cos^2) = 16\\Delta_k^2`), and the area is the sum of the three triangles
    at P.  :math:`f^2 = (k_1x+k_2y+k_3z)^2` is then written as :math:`\\alpha_1a^2+\\alpha_2b^2+\\alpha_3c^2+\\beta\\Delta`:
    six polynomial coefficients in x, y, z for four unknowns, solved (the system is consistent).
    """
    k1, k2, k3 = K
    x, y, z = dists = sympy.symbols("x y z", positive=True)
    cos_ab, cos_bc, cos_ca = balance_cosines()["cosines"]
    heron = weight_heron(k1, k2, k3)
    sines = []
    for cval, (ki, kj) in zip((cos_ab, cos_bc, cos_ca), ((k1, k2), (k2, k3), (k3, k1))):
        if sympy.expand(4 * ki**2 * kj**2 * (1 - cval**2) - 16 * heron) != 0:
            raise ArithmeticError("the sine of an angle at the optimum is not 2 Delta_k/(k_i k_j)")
        sines.append(2 * AREA_K / (ki * kj))
    # sides by the law of cosines along the unit vectors (cos of the angle between them from the balance)
    u = [Matrix([cos(a), sin(a)]) for a in ANGLES]
    cos_of = {(0, 1): cos_ab, (1, 2): cos_bc, (2, 0): cos_ca}
    sides2 = []
    for i, j in ((1, 2), (2, 0), (0, 1)):  # a = |BC|, b = |CA|, c = |AB|
        v = dists[i] * u[i] - dists[j] * u[j]
        s2 = sympy.trigsimp(sympy.expand(v.dot(v)))
        key = (i, j) if (i, j) in cos_of else (j, i)
        diff = ANGLES[i] - ANGLES[j]
        s2 = sympy.expand(s2.subs({cos(diff): cos_of[key], cos(-diff): cos_of[key]}))
        if s2.has(*ANGLES):
            raise ArithmeticError(f"a side did not reduce to the distances and the weights: {s2}")
        sides2.append(s2)
    area = (x * y * sines[0] + y * z * sines[1] + z * x * sines[2]) / 2
    f = k1 * x + k2 * y + k3 * z
    alpha = sympy.symbols("alpha1:4")
    beta = Symbol("beta")
    residual = sympy.expand(f**2 - (alpha[0] * sides2[0] + alpha[1] * sides2[1] + alpha[2] * sides2[2] + beta * area))
    equations = sympy.Poly(residual, *dists).coeffs()
    sol = sympy.solve(equations, [*alpha, beta], dict=True)
    if len(sol) != 1:
        raise ArithmeticError(f"f^2 is not a unique combination of the squared sides and the area: {sol}")
    coeffs = [sympy.factor(sol[0][v]) for v in alpha]
    # beta comes out as (16 Delta_k^2 as a polynomial)/(2 Delta_k): with Heron, 8 Delta_k
    beta_num = sympy.expand(sol[0][beta] * 2 * AREA_K)
    if sympy.expand(beta_num - 16 * heron) != 0:
        raise ArithmeticError(f"the area coefficient is not 8 Delta_k: {sol[0][beta]}")
    return {"distances": dists, "sides2": sides2, "area": area, "f": f, "equations": equations,
            "alpha": coeffs, "beta": 8 * AREA_K, "beta_raw": sol[0][beta]}


@lru_cache(maxsize=1)
def vertex_directional_derivative() -> dict[str, Any]:
    """The one-sided derivative of f at vertex A along :math:`d = (\\cos t, \\sin t)`, and Lagrange's identity.

    :math:`\\frac{d}{dh}f(A + hd)|_{h=0^+} = k_1 - s\\cdot d`, :math:`s = k_2e_{AB} + k_3e_{AC}`
    (:math:`|hd| = h` for h > 0, the other two terms differentiable at A); and
    :math:`(s\\cdot d)^2 + (s\\times d)^2 = |s|^2`, so :math:`\\min_d (k_1 - s\\cdot d) = k_1 - |s|`:
    A is the minimiser (f convex) iff :math:`|s| \\le k_1`.
    """
    h = Symbol("h", positive=True)
    t = Symbol("t", real=True)
    k1, k2, k3 = K
    (xa, ya), (xb, yb), (xc, yc) = [sympy.symbols(f"x_{n} y_{n}", real=True) for n in "ABC"]
    d = Matrix([cos(t), sin(t)])
    P = Matrix([xa, ya]) + h * d
    dist = lambda Q: sqrt((P[0] - Q[0]) ** 2 + (P[1] - Q[1]) ** 2)
    own = sympy.trigsimp(dist((xa, ya)))  # |h d| = h for a unit direction and h > 0
    if own != h:
        raise ArithmeticError(f"|h d| did not reduce to h: {own}")
    f = k1 * own + k2 * dist((xb, yb)) + k3 * dist((xc, yc))
    slope = sympy.diff(f, h).subs(h, 0)
    e_ab = Matrix([xb - xa, yb - ya]) / sqrt((xb - xa) ** 2 + (yb - ya) ** 2)
    e_ac = Matrix([xc - xa, yc - ya]) / sqrt((xc - xa) ** 2 + (yc - ya) ** 2)
    s = k2 * e_ab + k3 * e_ac
    if sympy.simplify(slope - (k1 - s.dot(d))) != 0:
        raise ArithmeticError(f"the directional derivative at A is not k1 - s.d: {slope}")
    sx, sy = sympy.symbols("s_x s_y", real=True)
    dot, cross = sx * cos(t) + sy * sin(t), sx * sin(t) - sy * cos(t)
    lagrange = sympy.trigsimp(sympy.expand(dot**2 + cross**2))
    if sympy.expand(lagrange - sx**2 - sy**2) != 0:
        raise ArithmeticError(f"Lagrange's identity failed: {lagrange}")
    return {"slope": slope, "s": s, "lagrange": Eq(dot**2 + cross**2, lagrange)}

