"""FLINT routes of the variational pillar, for the certified tier (python-flint only).

Each route computes its result's quantity another way than the closed form it certifies, the way the
pillar's mpmath route does (:mod:`numerics.variational.extensions`,
:mod:`numerics.variational.fermat_geometry`), so that the certified tier can bound their agreement
rigorously (see :mod:`proofs.core.certify`):

- exact rational arithmetic where every number is rational: derivatives of polynomial losses coefficient by
  coefficient (``fmpq_poly``; VAR-X3-4, and VAR-X1-1 as the coefficient of :math:`s` of :math:`f(x(s))`),
  linear solves in ``fmpq_mat`` (VAR-X1-3, X1-4), the exact vertex test of Kuhn (VAR-F1-VERTEX, F5);
- interval Newton (Krawczyk) in Arb for minimisers: the Fermat point as the zero of
  :math:`\\nabla f = \\sum_i k_i(P - A_i)/|P - A_i|` (VAR-F1 .. F4, F6, F7), the entropic minimiser as the
  zero of the reduced gradient on the simplex (VAR-X2-2), the mirror step as the zero of the Bregman gradient
  (VAR-X3-1); an approximate zero from a damped Newton iteration is only the centre of the box, and the
  Krawczyk test :math:`K(X) \\subset \\operatorname{int} X` proves that X holds exactly one zero, enclosed by
  :math:`K(X)`; the objectives are strictly convex, so that zero is the minimiser;
- Arb balls for the rest: the Torricelli apexes constructed from two circles (VAR-F2, F7), Taylor series of
  linear flows from their ODE's recurrence with a proven geometric tail (VAR-X1-2, X3-2), derivatives by
  ``arb_series`` (VAR-X1-5, X3-3), Gaussian expectations by ``acb.integral`` on a finite window with a proven
  tail bound (VAR-X1-6, X2-4), and a direct evaluation of the definition (VAR-X2-3).

Every route takes the example point's exact values (see :mod:`numerics.arb`) and ``prec``, the Arb working
precision in bits (unused by the exact routes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..arb import integer, positive, precision, rational

__all__ = ["eg_flow", "energy_rate", "entropic_minimiser", "fermat_cosines", "fermat_point", "fermat_vertex",
           "fokker_planck_ratio", "gaussian_free_energy", "gaussian_kl_fisher", "gibbs_objective",
           "hypergradient", "metric_step", "mirror_step", "proximal_step", "quadratic_alignment",
           "quadratic_flow", "torricelli_lengths", "weighted_cosines", "weighted_min_value_squared",
           "weighted_torricelli"]

#: guard bits added to the working precision of the ball routes
_GUARD = 30


def quadratic_alignment(a: Any, eta: Any, theta: Any, prec: int = 0) -> Any:
    """VAR-X3-4 exactly: :math:`g_t g_{t-1}` for :math:`L(z) = az^2/2` after one step
    :math:`\\theta_t = \\theta - \\eta g_{t-1}`, the gradients from ``fmpq_poly.derivative`` of :math:`L`."""
    from flint import fmpq, fmpq_poly

    aa, step, th = rational(a, "a"), rational(eta, "eta"), rational(theta, "theta")
    if aa <= 0:
        raise ValueError(f"a must be positive, got {a!r}")
    grad = fmpq_poly([0, 0, aa / fmpq(2)]).derivative()
    g0 = grad(th)
    return grad(th - step * g0) * g0


def proximal_step(xk1: Any, xk2: Any, eta: Any, prec: int = 0) -> list[Any]:
    """VAR-X1-4 exactly: :math:`\\mathrm{prox}_{\\eta f}(x_k) = (I + \\eta A)^{-1}x_k` for
    :math:`f = x^{\\mathsf T}Ax/2`, :math:`A = [[2, 1], [1, 3]]`, by solving the linear system in ``fmpq_mat``."""
    from flint import fmpq_mat

    step = rational(eta, "eta")
    if step <= 0:
        raise ValueError(f"eta must be positive, got {eta!r}")
    system = fmpq_mat(2, 2, [1 + 2 * step, step, step, 1 + 3 * step])
    solution = system.solve(fmpq_mat(2, 1, [rational(xk1, "xk1"), rational(xk2, "xk2")]))
    return [solution[0, 0], solution[1, 0]]


def metric_step(g1: Any, g2: Any, Ga: Any, Gb: Any, Gc: Any, eta: Any, prec: int = 0) -> list[Any]:
    """VAR-X1-3 exactly: the minimiser :math:`\\Delta^* = -\\eta G^{-1}g` of :math:`g\\cdot\\Delta +
    \\Delta^{\\mathsf T}G\\Delta/(2\\eta)`, :math:`G = [[G_a, G_b], [G_b, G_c]]`, by solving :math:`G\\Delta = -\\eta g`
    in ``fmpq_mat`` (a singular G raises)."""
    from flint import fmpq_mat

    G = fmpq_mat(2, 2, [rational(Ga, "Ga"), rational(Gb, "Gb"), rational(Gb, "Gb"), rational(Gc, "Gc")])
    if G.det() == 0:
        raise ValueError("G must be invertible")
    step = rational(eta, "eta")
    rhs = fmpq_mat(2, 1, [-step * rational(g1, "g1"), -step * rational(g2, "g2")])
    solution = G.solve(rhs)
    return [solution[0, 0], solution[1, 0]]


# --- shared: working precision, interval Newton ----------------------------------------------------


def _bits(prec: Any) -> int:
    """The working precision of a ball route: ``prec`` (at least 53) plus :data:`_GUARD` guard bits."""
    return max(integer(prec, "prec", low=2), 53) + _GUARD



def _mids(xs: Sequence[Any]) -> list[Any]:
    """The exact midpoints of a list of balls."""
    from flint import arb

    return [arb(x.mid()) for x in xs]


def _widen(x: Any, bound: Any) -> Any:
    """The ball ``x`` widened by ``bound`` (an upper bound of an error, ``fmpq`` or ``arb``)."""
    from flint import arb

    return x + arb(0, 1) * arb(bound)


Field = Callable[[list[Any]], list[Any]]
Jacobian = Callable[[list[Any]], list[list[Any]]]


def _newton(F: Field, J: Jacobian, x: list[Any], merit: Callable[[list[Any]], Any],
            admissible: Callable[[list[Any], list[Any]], bool], steps: int = 200) -> list[Any]:
    """An approximate zero of F by Newton's method on exact midpoints, each step halved until the new point
    is admissible (``admissible(new, old)``: in the domain, not too near its edge) and does not raise
    ``merit`` (a strictly convex objective whose gradient is F).

    It proves nothing: it only centres the box of :func:`_krawczyk`, which does.
    """
    from flint import arb, arb_mat, ctx

    n = len(x)
    x = _mids(x)
    tol = arb(2) ** (8 - ctx.prec)
    value = arb(merit(x).mid())
    for _ in range(steps):
        jac = arb_mat(n, n, [v.mid() for row in J(x) for v in row])
        try:
            step = _mids(jac.solve(arb_mat(n, 1, _mids(F(x)))).entries())
        except ZeroDivisionError:  # a numerically singular Jacobian: the Krawczyk test will decide
            return x
        t = arb(1)
        while True:
            y = _mids([xi - t * si for xi, si in zip(x, step)])
            if admissible(y, x):
                new = arb(merit(y).mid())
                if new <= value + tol * (1 + abs(value)):
                    break
            t /= 2
            if t < tol:
                return x
        x, value = y, new
        if max(abs(t * si) for si in step) <= tol * (1 + max(abs(xi) for xi in x)):
            break
    return x


def _krawczyk(F: Field, J: Jacobian, x: list[Any], what: str) -> list[Any]:
    """Balls holding the unique zero of F in a box around the approximate zero ``x`` (Krawczyk's test).

    With c the midpoint of the box X, Y the inverse of the midpoint Jacobian at c, and J(X) an enclosure of
    the Jacobian over X, :math:`K(X) = c - YF(c) + (I - YJ(X))(X - c)`; if
    :math:`K(X) \\subset \\operatorname{int} X`, X holds exactly one zero of F, and it lies in K(X)
    (Krawczyk 1969; Rump's form of the uniqueness).  F(c) and J(X) are ball evaluations, so every inclusion
    is rigorous.  The box's radius starts at twice the Newton correction and grows until the test passes;
    an ``ArithmeticError`` when it never does.
    """
    from flint import arb, arb_mat, ctx

    n = len(x)
    c = _mids(x)
    centre = arb_mat(n, 1, c)
    Y = arb_mat(n, n, _mids(arb_mat(n, n, [v.mid() for row in J(c) for v in row]).inv().entries()))
    step = Y * arb_mat(n, 1, F(c))
    eye = arb_mat(n, n, [1 if i == j else 0 for i in range(n) for j in range(n)])
    radius = 2 * max(abs(v) for v in step.entries()).abs_upper() \
        + (arb(2) ** (4 - ctx.prec)) * (1 + max(abs(v) for v in c)).abs_upper()
    for _ in range(8):
        box = [ci + arb(0, 1) * radius for ci in c]
        spread = arb_mat(n, 1, [b - ci for b, ci in zip(box, c)])
        K = (centre - step + (eye - Y * arb_mat(n, n, [v for row in J(box) for v in row])) * spread).entries()
        if all(b.contains_interior(k) for b, k in zip(box, K)):
            return K
        radius *= 16
    raise ArithmeticError(f"the Krawczyk test did not enclose a unique zero of {what}")


# --- the Fermat point: VAR-F1 .. F7 ----------------------------------------------------------------

_CORNERS = ("A", "B", "C")


def _triangle(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any) -> list[tuple[Any, Any]]:
    """The vertices as exact ``fmpq`` pairs; a ``ValueError`` for a degenerate triangle."""
    names = ("Ax", "Ay", "Bx", "By", "Cx", "Cy")
    v = [rational(c, name) for c, name in zip((Ax, Ay, Bx, By, Cx, Cy), names)]
    pts = [(v[0], v[1]), (v[2], v[3]), (v[4], v[5])]
    if _cross(pts[0], pts[1], pts[2]) == 0:
        raise ValueError("A, B, C must be the vertices of a non-degenerate triangle "
                         "(collinear or coincident)")
    return pts


def _weights(k1: Any = 1, k2: Any = 1, k3: Any = 1) -> list[Any]:
    """The weights as exact positive ``fmpq`` (unit weights by default)."""
    return [positive(k, f"k{i + 1}") for i, k in enumerate((k1, k2, k3))]


def _cross(O: Sequence[Any], P: Sequence[Any], Q: Sequence[Any]) -> Any:
    """:math:`(P - O)\\times(Q - O)` (positive iff Q lies left of the directed line O -> P)."""
    return (P[0] - O[0]) * (Q[1] - O[1]) - (P[1] - O[1]) * (Q[0] - O[0])


def _sign(x: Any) -> int:
    return (x > 0) - (x < 0)


def _sign_with_root(c: Any, d: Any, N: Any) -> int:
    """The exact sign of :math:`c + d/\\sqrt N` for rationals c, d and N > 0 (squares compared when the
    two terms have opposite signs)."""
    sc, sd = _sign(c), _sign(d)
    if sc >= 0 and sd >= 0:
        return 1 if sc or sd else 0
    if sc <= 0 and sd <= 0:
        return -1
    return sc * _sign(c * c * N - d * d)


def _optimal_vertex(pts: list[tuple[Any, Any]], ks: list[Any]) -> int | None:
    """The vertex j with :math:`|k_le_{jl} + k_me_{jm}| \\le k_j` (Kuhn 1973), decided exactly, or None.

    :math:`|k_le_{jl} + k_me_{jm}|^2 - k_j^2 = k_l^2 + k_m^2 - k_j^2 + 2k_lk_m\\,u\\cdot v/\\sqrt{|u|^2|v|^2}`
    with u, v the edges from vertex j: the sign of a rational plus a rational over a square root.
    """
    for j in range(3):
        l, m = [i for i in range(3) if i != j]
        u = (pts[l][0] - pts[j][0], pts[l][1] - pts[j][1])
        v = (pts[m][0] - pts[j][0], pts[m][1] - pts[j][1])
        norms = (u[0] ** 2 + u[1] ** 2) * (v[0] ** 2 + v[1] ** 2)
        c = ks[l] ** 2 + ks[m] ** 2 - ks[j] ** 2
        d = 2 * ks[l] * ks[m] * (u[0] * v[0] + u[1] * v[1])
        if _sign_with_root(c, d, norms) <= 0:
            return j
    return None


def _distance(P: Sequence[Any], X: Sequence[Any]) -> Any:
    """:math:`|P - X|` as a ball (P may be a pair of balls, X exact)."""
    from flint import arb

    return (arb(P[0] - X[0]) ** 2 + arb(P[1] - X[1]) ** 2).sqrt()


def _objective(P: Sequence[Any], pts: list[tuple[Any, Any]], ks: list[Any]) -> Any:
    """:math:`f(P) = \\sum_i k_i|P - A_i|`."""
    return sum((k * _distance(P, X) for k, X in zip(ks[1:], pts[1:])), ks[0] * _distance(P, pts[0]))


def _interior_optimum(pts: list[tuple[Any, Any]], ks: list[Any], what: str) -> list[Any]:
    """Balls of the interior minimiser of :math:`f(P) = \\sum_i k_i|P - A_i|`.

    The gradient :math:`\\nabla f = \\sum_i k_i(P - A_i)/|P - A_i|` and its Hessian
    :math:`\\sum_i k_i(I - u_iu_i^{\\mathsf T})/|P - A_i|` are evaluated in balls; Newton from the centroid
    (damped on f, kept inside the triangle) centres the box, and :func:`_krawczyk` proves that the box holds
    exactly one zero of :math:`\\nabla f`.  The box avoids the vertices (else the Hessian's enclosure is not
    finite and the test fails), where f is differentiable, and f is strictly convex for a non-degenerate
    triangle: that zero is the minimiser.  A ``ValueError`` when Kuhn's test puts the minimiser at a vertex.
    """
    from flint import arb

    j = _optimal_vertex(pts, ks)
    if j is not None:
        raise ValueError(f"the minimiser is the vertex {_CORNERS[j]}: {what} needs an interior optimum")

    def grad(z: list[Any]) -> list[Any]:
        gx, gy = arb(0), arb(0)
        for k, X in zip(ks, pts):
            d = _distance(z, X)
            gx += k * (z[0] - X[0]) / d
            gy += k * (z[1] - X[1]) / d
        return [gx, gy]

    def hessian(z: list[Any]) -> list[list[Any]]:
        h = [[arb(0), arb(0)], [arb(0), arb(0)]]
        for k, X in zip(ks, pts):
            d = _distance(z, X)
            u = [(z[0] - X[0]) / d, (z[1] - X[1]) / d]
            for a in range(2):
                for b in range(2):
                    h[a][b] += k * ((1 if a == b else 0) - u[a] * u[b]) / d
        return h

    orient = _sign(_cross(*pts))

    def inside(z: list[Any], old: list[Any]) -> bool:  # in the triangle, at least half as far from a vertex
        return (all(orient * _cross(pts[i], pts[(i + 1) % 3], z) > 0 for i in range(3))
                and all(2 * _distance(z, X) > _distance(old, X) for X in pts))

    centroid = [arb(sum((X[i] for X in pts[1:]), pts[0][i]) / 3) for i in range(2)]
    start = _newton(grad, hessian, centroid, lambda z: _objective(z, pts, ks), inside)
    return _krawczyk(grad, hessian, start, what)


def _cosines(P: list[Any], pts: list[tuple[Any, Any]]) -> list[Any]:
    """:math:`\\cos\\angle APB, \\cos\\angle BPC, \\cos\\angle CPA` as :math:`u\\cdot v/(|u||v|)` at the
    balls P."""
    out = []
    for i, j in ((0, 1), (1, 2), (2, 0)):
        u = (pts[i][0] - P[0], pts[i][1] - P[1])
        v = (pts[j][0] - P[0], pts[j][1] - P[1])
        out.append((u[0] * v[0] + u[1] * v[1]) / (_distance(P, pts[i]) * _distance(P, pts[j])))
    return out


def _apex(P: Sequence[Any], Q: Sequence[Any], R: Sequence[Any], k_side: Any, k_p: Any, k_q: Any) -> list[Any]:
    """The apex X erected on PQ away from R with :math:`|PQ| : |QX| : |XP| = k_{side} : k_p : k_q`.

    X is where the circles about P (radius :math:`|PQ|k_q/k_{side}`) and Q (radius :math:`|PQ|k_p/k_{side}`)
    meet: :math:`X = P + \\alpha(Q - P) \\pm \\beta(Q - P)^\\perp` with
    :math:`\\alpha = (k_q^2 - k_p^2 + k_{side}^2)/(2k_{side}^2)` (the radical axis) and
    :math:`\\beta = \\sqrt{k_q^2/k_{side}^2 - \\alpha^2}`, the sign chosen (exactly) away from R.
    """
    from flint import arb

    alpha = (k_q ** 2 - k_p ** 2 + k_side ** 2) / (2 * k_side ** 2)
    beta2 = k_q ** 2 / k_side ** 2 - alpha ** 2
    if beta2 <= 0:
        raise ValueError("the weights must satisfy the strict triangle inequality to erect an apex")
    e = (Q[0] - P[0], Q[1] - P[1])
    normal = (-e[1], e[0])  # (Q - P) turned left
    beta = arb(beta2).sqrt() * (-1 if _cross(P, Q, R) > 0 else 1)
    return [P[0] + alpha * e[0] + beta * normal[0], P[1] + alpha * e[1] + beta * normal[1]]


def _apexes(pts: list[tuple[Any, Any]], ks: list[Any]) -> list[list[Any]]:
    """A', B', C' erected outward on BC, CA, AB, similar to the weight triangle (|BC| : |CA'| : |A'B| =
    k1 : k2 : k3, cyclically)."""
    A, B, C = pts
    k1, k2, k3 = ks
    return [_apex(B, C, A, k1, k2, k3), _apex(C, A, B, k2, k3, k1), _apex(A, B, C, k3, k1, k2)]


def fermat_point(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, prec: int = 53) -> list[Any]:
    """VAR-F3: the minimiser P of :math:`|PA| + |PB| + |PC|` as balls ``[P_x, P_y]``, the unique zero of
    :math:`\\sum_X (P - X)/|P - X|` proved by Krawczyk's test (:func:`_interior_optimum`), not a formula."""
    pts = _triangle(Ax, Ay, Bx, By, Cx, Cy)
    with precision(_bits(prec)):
        return _interior_optimum(pts, _weights(), "the Fermat point")


def fermat_cosines(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, prec: int = 53) -> list[Any]:
    """VAR-F1: ``[P_x, P_y, cos APB, cos BPC, cos CPA]`` at the unweighted minimiser P (Krawczyk, as in
    :func:`fermat_point`), the cosines as :math:`u\\cdot v/(|u||v|)` of the balls."""
    pts = _triangle(Ax, Ay, Bx, By, Cx, Cy)
    with precision(_bits(prec)):
        P = _interior_optimum(pts, _weights(), "the Fermat point")
        return [*P, *_cosines(P, pts)]


def weighted_cosines(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, k1: Any, k2: Any, k3: Any,
                     prec: int = 53) -> list[Any]:
    """VAR-F4: ``[cos APB, cos BPC, cos CPA]`` at the minimiser P of :math:`\\sum_i k_i|PA_i|`, P by
    Krawczyk's test on the weighted gradient (:func:`_interior_optimum`)."""
    pts, ks = _triangle(Ax, Ay, Bx, By, Cx, Cy), _weights(k1, k2, k3)
    with precision(_bits(prec)):
        return _cosines(_interior_optimum(pts, ks, "the weighted Fermat point"), pts)


def fermat_vertex(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, k1: Any = 1, k2: Any = 1, k3: Any = 1,
                  prec: int = 53) -> list[Any]:
    """VAR-F1-VERTEX, VAR-F5: ``[V_x, V_y, f(V)]`` for the vertex V that minimises :math:`\\sum_i k_i|PA_i|`.

    V is the vertex j with :math:`|k_le_{jl} + k_me_{jm}| \\le k_j` (Kuhn's subgradient test: f is convex,
    and its least one-sided derivative at vertex j is :math:`k_j - |k_le_{jl} + k_me_{jm}|`), decided exactly
    in rationals (:func:`_optimal_vertex`); :math:`f(V) = \\sum_i k_i|VA_i|` in balls.  A ``ValueError`` when
    no vertex passes (the optimum is interior).
    """
    pts, ks = _triangle(Ax, Ay, Bx, By, Cx, Cy), _weights(k1, k2, k3)
    j = _optimal_vertex(pts, ks)
    if j is None:
        raise ValueError("no vertex passes Kuhn's test: the minimiser is interior")
    with precision(_bits(prec)):
        return [pts[j][0], pts[j][1], _objective(pts[j], pts, ks)]


def torricelli_lengths(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, prec: int = 53) -> list[Any]:
    """VAR-F2: ``[f(P)^2, |AA'|^2, |BB'|^2, |CC'|^2]``: f at the Krawczyk-certified Fermat point P, and the
    apexes of the equilateral triangles erected outward on the sides, constructed from two circles
    (:func:`_apex` at unit weights: :math:`X = P + (Q - P)/2 \\pm (\\sqrt3/2)(Q - P)^\\perp`)."""
    pts = _triangle(Ax, Ay, Bx, By, Cx, Cy)
    ones = _weights()
    with precision(_bits(prec)):
        P = _interior_optimum(pts, ones, "the Fermat point")
        lengths = [_distance(Xp, X) ** 2 for X, Xp in zip(pts, _apexes(pts, ones))]
        return [_objective(P, pts, ones) ** 2, *lengths]


def weighted_min_value_squared(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, k1: Any, k2: Any,
                               k3: Any, prec: int = 53) -> Any:
    """VAR-F6: :math:`f_{min}^2 = (\\sum_i k_i|PA_i|)^2` at the Krawczyk-certified weighted minimiser P."""
    pts, ks = _triangle(Ax, Ay, Bx, By, Cx, Cy), _weights(k1, k2, k3)
    with precision(_bits(prec)):
        return _objective(_interior_optimum(pts, ks, "the weighted Fermat point"), pts, ks) ** 2


def weighted_torricelli(Ax: Any, Ay: Any, Bx: Any, By: Any, Cx: Any, Cy: Any, k1: Any, k2: Any, k3: Any,
                        prec: int = 53) -> list[Any]:
    """VAR-F7: ``[P_x, P_y, k_1|AA'|, k_2|BB'|, k_3|CC'|]``: the Krawczyk-certified weighted minimiser P, and
    the apexes erected outward similar to the weight triangle, each from two circles (:func:`_apex`)."""
    pts, ks = _triangle(Ax, Ay, Bx, By, Cx, Cy), _weights(k1, k2, k3)
    with precision(_bits(prec)):
        P = _interior_optimum(pts, ks, "the weighted Fermat point")
        return [*P, *(k * _distance(Xp, X) for k, X, Xp in zip(ks, pts, _apexes(pts, ks)))]


# --- gradient flows, distributions, exponentiated gradient: VAR-X1, X2, X3 ---------------------------


def energy_rate(kind: Any, x1: Any, x2: Any, prec: int = 0) -> Any:
    """VAR-X1-1 exactly: :math:`\\frac{d}{ds}f(x(s))|_{s=0}` along the gradient flow through ``(x1, x2)``.

    The energy is :data:`numerics.variational.extensions.ENERGIES` [kind] (a polynomial, evaluated on
    ``fmpq_poly`` arguments).  Its gradient is read off exactly by forward differentiation,
    :math:`\\partial_if(x) = [\\varepsilon^1]f(x + \\varepsilon e_i)`; the flow :math:`x' = -\\nabla f(x)`
    gives :math:`x(s) = x - s\\nabla f(x) + O(s^2)`, and the rate is :math:`[s^1]f(x(s))` of the composed
    polynomial.
    """
    from flint import fmpq_poly

    from .extensions import ENERGIES

    if isinstance(kind, bool) or kind not in ENERGIES:
        raise ValueError(f"kind must be one of {sorted(ENERGIES)}, got {kind!r}")
    f = ENERGIES[kind][0]
    x = [rational(x1, "x1"), rational(x2, "x2")]
    grad = [f([fmpq_poly([xj, 1 if j == i else 0]) for j, xj in enumerate(x)])[1] for i in range(2)]
    return f([fmpq_poly([xj, -gj]) for xj, gj in zip(x, grad)])[1]


def _linear_flow(M: Any, x0: list[Any], t: Any) -> list[Any]:
    """:math:`x(t)` for :math:`x' = Mx`, :math:`x(0) = x_0` (exact rationals M, x0, t >= 0), as balls.

    The Taylor method of the ODE: its terms :math:`T_0 = x_0`, :math:`T_{k+1} = tMT_k/(k+1)` (from
    differentiating the ODE; exact ``fmpq_mat``), summed to :math:`T_N`.  Tail: with
    :math:`\\rho = t\\|M\\|_\\infty/(N+1) \\le 1/2`,
    :math:`\\|T_{j+1}\\|_\\infty \\le \\rho\\|T_j\\|_\\infty` for j >= N, so the neglected terms add at most
    :math:`\\|T_N\\|_\\infty\\rho/(1 - \\rho)` to every entry: that bound is the balls' radius.
    """
    from flint import arb, ctx, fmpq, fmpq_mat

    n = len(x0)
    tM = M * t
    norm = max(sum((abs(tM[i, j]) for j in range(n)), fmpq(0)) for i in range(n))
    term = fmpq_mat(n, 1, x0)
    total = term
    eps = fmpq(1, 2 ** (ctx.prec + 8))
    k = 0
    while True:
        term = tM * term / (k + 1)
        total += term
        k += 1
        rho = norm / (k + 1)
        size = max(abs(term[i, 0]) for i in range(n))
        if 2 * rho <= 1 and size * rho / (1 - rho) <= eps:
            return [_widen(arb(total[i, 0]), size * rho / (1 - rho)) for i in range(n)]


def quadratic_flow(x01: Any, x02: Any, t: Any, prec: int = 53) -> list[Any]:
    """VAR-X1-2: :math:`x(t)` for the gradient flow :math:`x' = -Ax` of :math:`f = x^{\\mathsf T}Ax/2`,
    A = [[2, 1], [1, 3]], by the Taylor method of the ODE with its proven tail (:func:`_linear_flow`)."""
    from flint import fmpq_mat

    tt = rational(t, "t")
    if tt < 0:
        raise ValueError(f"t must be >= 0, got {t!r}")
    with precision(_bits(prec)):
        x0 = [rational(x01, "x01"), rational(x02, "x02")]
        return _linear_flow(fmpq_mat(2, 2, [-2, -1, -1, -3]), x0, tt)


def eg_flow(theta1: Any, theta2: Any, g1: Any, g2: Any, t: Any, prec: int = 53) -> list[Any]:
    """VAR-X3-2: :math:`\\theta(t)` for :math:`\\theta' = -\\theta\\odot g` (the continuous EG flow of the
    linear loss :math:`\\langle g, \\theta\\rangle`), by the Taylor method of the ODE with its proven tail
    (:func:`_linear_flow`, M = diag(-g))."""
    from flint import fmpq_mat

    tt = rational(t, "t")
    if tt < 0:
        raise ValueError(f"t must be >= 0, got {t!r}")
    th = [positive(theta1, "theta1"), positive(theta2, "theta2")]
    g = [rational(g1, "g1"), rational(g2, "g2")]
    with precision(_bits(prec)):
        return _linear_flow(fmpq_mat(2, 2, [-g[0], 0, 0, -g[1]]), th, tt)


def fokker_planck_ratio(x: Any, t: Any, m0: Any, s0: Any, prec: int = 53) -> list[Any]:
    """VAR-X1-5: :math:`[\\partial_tp/p]` for the OU Gaussian :math:`N(m_0e^{-t}, 1 + (s_0^2 - 1)e^{-2t})` and
    the heat Gaussian :math:`N(m_0, s_0^2 + 2t)` at x, as :math:`\\partial_t\\log p`: the first coefficient of
    :math:`\\log p(x; t + \\varepsilon)` computed in ``arb_series`` (rigorous Taylor arithmetic), from the
    densities' definitions."""
    from flint import arb, arb_series

    xx, tt, mm = rational(x, "x"), positive(t, "t"), rational(m0, "m0")
    ss = positive(s0, "s0")
    with precision(_bits(prec)):
        s = arb_series([arb(tt), 1], prec=2)
        two_pi = 2 * arb.pi()

        def log_density(mean: Any, var: Any) -> Any:
            return -((xx - mean) ** 2) / (2 * var) - (two_pi * var).log() / 2

        ou = log_density(mm * (-s).exp(), 1 + (ss ** 2 - 1) * (-2 * s).exp())
        heat = log_density(mm, ss ** 2 + 2 * s)
        return [ou[1], heat[1]]


def _window(prec: int) -> int:
    """Half-width T (in standard deviations) of the quadrature window: :math:`\\varphi(T) < 2^{-prec - 30}`
    once :math:`T^2/2 > (prec + 30)\\ln 2`; :math:`2\\ln 2 < 139/100`."""
    from math import isqrt

    return isqrt(139 * (prec + 30) // 100) + 3


def _gaussian_expectation(mean: Any, sd: Any, h: Callable[[Any], Any], a: Any, b: Any) -> Any:
    """:math:`E h(X)` for :math:`X \\sim N(\\mathrm{mean}, \\mathrm{sd}^2)`, h entire,
    :math:`|h(x)| \\le ay^2 + b` for :math:`x = \\mathrm{mean} + \\mathrm{sd}\\,y`, :math:`|y| > T`.

    ``acb.integral`` over :math:`|y| \\le T` (:func:`_window`), plus the tail as a radius:
    with :math:`\\varphi` the standard normal density, :math:`\\int_T^\\infty\\varphi \\le \\varphi(T)/T`
    (Mills' ratio), :math:`\\int_T^\\infty y^2\\varphi = T\\varphi(T) + \\int_T^\\infty\\varphi` (by parts),
    so the two tails contribute at most :math:`2[a(T + 1/T) + b/T]\\varphi(T)`.
    """
    from flint import acb, arb, ctx

    T = _window(ctx.prec)
    norm = sd * (2 * arb.pi()).sqrt()
    window = acb.integral(lambda x, _: (-((x - mean) ** 2) / (2 * sd ** 2)).exp() * h(x),
                          mean - T * sd, mean + T * sd).real / norm
    phi = (arb(-T * T) / 2).exp() / (2 * arb.pi()).sqrt()
    tail = 2 * (a * (T + arb(1) / T) + b / T) * phi
    return _widen(window, tail)


def gaussian_kl_fisher(m: Any, s: Any, prec: int = 53) -> list[Any]:
    """VAR-X1-6: ``[KL(p||q), I(p||q)]`` for :math:`p = N(m, s^2)`, :math:`q = N(0, 1)`, by quadrature of the
    definitions :math:`E_p\\log(p/q)` and :math:`E_p|\\partial_x\\log(p/q)|^2`
    (:func:`_gaussian_expectation`).

    Tail bounds (x = m + sy):
    :math:`|\\log(p/q)| = |-y^2/2 - \\log s + x^2/2| \\le (1/2 + s^2)y^2 + |\\log s| + m^2` and
    :math:`(\\partial_x\\log(p/q))^2 = ((s - 1/s)y + m)^2 \\le 2(s - 1/s)^2y^2 + 2m^2`.
    """
    from flint import arb

    mm, ss = rational(m, "m"), positive(s, "s")
    with precision(_bits(prec)):
        log_s = arb(ss).log()
        log_ratio = lambda x: -((x - mm) ** 2) / (2 * ss ** 2) - log_s + x ** 2 / 2
        score = lambda x: -(x - mm) / ss ** 2 + x
        kl = _gaussian_expectation(arb(mm), arb(ss), log_ratio, arb(ss) ** 2 + arb(1) / 2,
                                   abs(log_s) + mm ** 2)
        fisher = _gaussian_expectation(arb(mm), arb(ss), lambda x: score(x) ** 2,
                                       2 * (arb(ss) - 1 / arb(ss)) ** 2, arb(2 * mm ** 2))
        return [kl, fisher]


def gaussian_free_energy(sigma: Any, prec: int = 53) -> list[Any]:
    """VAR-X2-4: ``[F(sigma), F(1)]``, :math:`F(\\sigma) = \\int pV + \\int p\\log p` for
    :math:`p = N(0, \\sigma^2)`, :math:`V = x^2/2`, by quadrature (:func:`_gaussian_expectation`) of
    :math:`V + \\log p = x^2/2 - x^2/(2\\sigma^2) - \\log(\\sigma\\sqrt{2\\pi})`; tail bound (x = σy):
    :math:`|V + \\log p| \\le (\\sigma^2 + 1)y^2/2 + |\\log(\\sigma\\sqrt{2\\pi})|`."""
    from flint import arb

    sg = positive(sigma, "sigma")
    with precision(_bits(prec)):
        def free_energy(s: Any) -> Any:
            c = (arb(s) * (2 * arb.pi()).sqrt()).log()
            integrand = lambda x: x ** 2 / 2 - x ** 2 / (2 * s ** 2) - c
            return _gaussian_expectation(arb(0), arb(s), integrand, (arb(s) ** 2 + 1) / 2, abs(c))

        return [free_energy(sg), free_energy(rational(1))]


def entropic_minimiser(f1: Any, f2: Any, f3: Any, tau: Any, prec: int = 53) -> list[Any]:
    """VAR-X2-2: ``[p1, p2, p3, min]`` for
    :math:`\\min_{p\\in\\Delta}\\sum_ip_if_i + \\tau\\sum_ip_i\\log p_i`.

    In the reduced coordinates :math:`p_3 = 1 - p_1 - p_2` the objective is strictly convex, its gradient
    :math:`f_i - f_3 + \\tau(\\log p_i - \\log p_3)` and Hessian :math:`\\tau(\\delta_{ij}/p_i + 1/p_3)`;
    Newton from the uniform distribution centres a box, Krawczyk's test (:func:`_krawczyk`) proves it holds
    the unique stationary point, and the minimum is the objective evaluated on those balls.
    """
    from flint import arb

    f = [rational(v, name) for v, name in zip((f1, f2, f3), ("f1", "f2", "f3"))]
    tt = positive(tau, "tau")
    with precision(_bits(prec)):
        def full(z: list[Any]) -> list[Any]:
            return [z[0], z[1], 1 - z[0] - z[1]]

        def objective(z: list[Any]) -> Any:
            return sum((pi * fi + tt * pi * pi.log() for pi, fi in zip(full(z), f)), arb(0))

        def grad(z: list[Any]) -> list[Any]:
            p = full(z)
            return [f[i] - f[2] + tt * (p[i].log() - p[2].log()) for i in range(2)]

        def hessian(z: list[Any]) -> list[list[Any]]:
            p = full(z)
            return [[tt * ((1 / p[i] if i == j else 0) + 1 / p[2]) for j in range(2)] for i in range(2)]

        start = _newton(grad, hessian, [arb(1) / 3, arb(1) / 3], objective,
                        lambda z, old: all(2 * a > b for a, b in zip(full(z), full(old))))
        p = _krawczyk(grad, hessian, start, "the reduced gradient of the entropic objective")
        return [*full(p), objective(p)]


def gibbs_objective(p1: Any, p2: Any, q1: Any, q2: Any, q3: Any, f1: Any, f2: Any, f3: Any, tau: Any,
                    prec: int = 53) -> Any:
    """VAR-X2-3: the left side :math:`\\sum_ip_if_i + \\tau\\sum_ip_i\\log(p_i/q_i)`,
    :math:`p_3 = 1 - p_1 - p_2`, evaluated from its definition in balls (the closed form is its Gibbs
    decomposition)."""
    from flint import arb

    p12 = [positive(p1, "p1"), positive(p2, "p2")]
    p = [*p12, 1 - p12[0] - p12[1]]
    if p[2] <= 0:
        raise ValueError(f"p1 + p2 must be below 1, got {p1!r} + {p2!r}")
    q = [positive(v, name) for v, name in zip((q1, q2, q3), ("q1", "q2", "q3"))]
    f = [rational(v, name) for v, name in zip((f1, f2, f3), ("f1", "f2", "f3"))]
    tt = positive(tau, "tau")
    with precision(_bits(prec)):
        return sum((pi * fi + tt * pi * arb(pi / qi).log() for pi, qi, fi in zip(p, q, f)), arb(0))


def mirror_step(theta1: Any, theta2: Any, g1: Any, g2: Any, eta: Any, prec: int = 53) -> list[Any]:
    """VAR-X3-1: :math:`\\arg\\min_z\\eta\\langle g, z\\rangle + D_\\psi(z, \\theta)`,
    :math:`\\psi = \\sum_i(z_i\\log z_i - z_i)`, as the zero of the objective's gradient
    :math:`\\eta g_i + \\log z_i - \\log\\theta_i` (Hessian diag(1/z), strictly convex), found by Newton from
    :math:`\\theta` and proved by Krawczyk's test (:func:`_krawczyk`)."""
    from flint import arb

    th = [positive(theta1, "theta1"), positive(theta2, "theta2")]
    g = [rational(g1, "g1"), rational(g2, "g2")]
    step = positive(eta, "eta")
    with precision(_bits(prec)):
        log_th = [arb(v).log() for v in th]

        def objective(z: list[Any]) -> Any:
            return sum((step * gi * zi + zi * zi.log() - zi - (ti * lt - ti) - lt * (zi - ti)
                        for gi, zi, ti, lt in zip(g, z, th, log_th)), arb(0))

        def grad(z: list[Any]) -> list[Any]:
            return [step * gi + zi.log() - lt for gi, zi, lt in zip(g, z, log_th)]

        def hessian(z: list[Any]) -> list[list[Any]]:
            return [[1 / z[i] if i == j else arb(0) for j in range(2)] for i in range(2)]

        start = _newton(grad, hessian, [arb(v) for v in th], objective,
                        lambda z, old: all(2 * a > b for a, b in zip(z, old)))
        return _krawczyk(grad, hessian, start, "the gradient of the Bregman objective")


def _test_loss(z: Sequence[Any]) -> Any:
    """VAR-X3-3's loss :math:`\\theta_1^4/4 + \\theta_1\\theta_2 + \\theta_2^2 + \\sin\\theta_2` (as in
    :mod:`numerics.variational.extensions`), on ``arb_series`` arguments."""
    return z[0] ** 4 / 4 + z[0] * z[1] + z[1] ** 2 + z[1].sin()


def hypergradient(kind: Any, theta1: Any, theta2: Any, eta: Any, prec: int = 53) -> Any:
    """VAR-X3-3: :math:`\\partial_\\eta L(\\theta - \\eta\\nabla L(\\theta))` for the test loss (kind 0), by
    Taylor arithmetic in ``arb_series``:
    :math:`\\partial_iL(\\theta) = [\\varepsilon^1]L(\\theta + \\varepsilon e_i)`, then
    :math:`[\\varepsilon^1]L(\\theta - (\\eta + \\varepsilon)\\nabla L(\\theta))`."""
    from flint import arb, arb_series

    if isinstance(kind, bool) or kind != 0:
        raise ValueError(f"kind must be 0 (the test loss), got {kind!r}")
    th = [rational(theta1, "theta1"), rational(theta2, "theta2")]
    step = rational(eta, "eta")
    with precision(_bits(prec)):
        grad = [_test_loss([arb_series([arb(v), 1 if j == i else 0], prec=2) for j, v in enumerate(th)])[1]
                for i in range(2)]
        lr = arb_series([arb(step), 1], prec=2)
        return _test_loss([v - lr * gi for v, gi in zip(th, grad)])[1]
