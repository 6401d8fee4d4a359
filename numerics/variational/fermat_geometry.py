"""The (weighted) Fermat point by numerical minimisation (private; see :mod:`numerics.variational`).

Minimise :math:`f(P)=\\sum_i k_i|P-A_i|` (strictly convex for non-collinear vertices).
The vertex (subgradient) conditions of Kuhn 1973 are tested first, because the
gradient does not exist at a vertex (spec pitfall C13); otherwise a few Weiszfeld
steps from the centroid give a start for ``mpmath.findroot`` on the 2-D gradient
(Newton with the exact Hessian).  No closed form of :mod:`proofs.variational` is used.
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp

from .validation import pair, positive
from numerics.agree import DEFAULT_DPS, check_dps, with_dps

__all__ = ["angles_at", "fermat_gradient", "fermat_objective", "fermat_point", "weighted_apex", "weiszfeld"]

_NAMES = ("A", "B", "C")


def _validate(A: Any, B: Any, C: Any, weights: Any) -> tuple[list[tuple[Any, Any]], list[Any]]:
    pts = [pair(P, name) for P, name in zip((A, B, C), _NAMES)]
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__") or len(weights) != 3:
        raise ValueError(f"weights must be a triple (k1, k2, k3) of positive numbers, got {weights!r}")
    ks = [positive(k, f"weights[{i}]") for i, k in enumerate(weights)]
    (ax, ay), (bx, by), (cx, cy) = pts
    cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    diam2 = max((bx - ax) ** 2 + (by - ay) ** 2, (cx - bx) ** 2 + (cy - by) ** 2, (ax - cx) ** 2 + (ay - cy) ** 2)
    if diam2 == 0 or abs(cross) <= mp.mpf(10) ** (-(mp.dps - 10)) * diam2:
        raise ValueError("A, B, C must be the vertices of a non-degenerate triangle "
                         "(the points are coincident or collinear at working precision)")
    return pts, ks


def fermat_objective(P: Any, pts: list, ks: list) -> Any:
    """:math:`\\sum_i k_i |P - A_i|`."""
    return mp.fsum(k * mp.hypot(P[0] - x, P[1] - y) for k, (x, y) in zip(ks, pts))


def fermat_gradient(P: Any, pts: list, ks: list) -> list:
    """:math:`\\nabla f = \\sum_i k_i (P-A_i)/|P-A_i|` (P not a vertex)."""
    gx, gy = mp.zero, mp.zero
    for k, (x, y) in zip(ks, pts):
        d = mp.hypot(P[0] - x, P[1] - y)
        gx += k * (P[0] - x) / d
        gy += k * (P[1] - y) / d
    return [gx, gy]


def _hessian(P: Any, pts: list, ks: list) -> Any:
    h = mp.matrix(2, 2)
    for k, (x, y) in zip(ks, pts):
        dx, dy = P[0] - x, P[1] - y
        d = mp.hypot(dx, dy)
        ux, uy = dx / d, dy / d
        h[0, 0] += k * (1 - ux * ux) / d
        h[0, 1] += -k * ux * uy / d
        h[1, 1] += k * (1 - uy * uy) / d
    h[1, 0] = h[0, 1]
    return h


def weiszfeld(pts: list, ks: list, start: Any, steps: int) -> tuple[Any, Any]:
    """``steps`` Weiszfeld iterations :math:`P \\leftarrow \\sum (k_i/d_i) A_i / \\sum k_i/d_i` (stops on a vertex)."""
    px, py = start
    for _ in range(steps):
        ds = [mp.hypot(px - x, py - y) for x, y in pts]
        if min(ds) == 0:
            break
        ws = [k / d for k, d in zip(ks, ds)]
        s = mp.fsum(ws)
        px, py = mp.fsum(w * x for w, (x, _) in zip(ws, pts)) / s, mp.fsum(w * y for w, (_, y) in zip(ws, pts)) / s
    return px, py


def _vertex_case(pts: list, ks: list, tol: Any) -> int | None:
    """Index j of the optimal vertex, if :math:`|k_l e_{jl} + k_m e_{jm}| \\le k_j` (Kuhn 1973), else None."""
    for j in range(3):
        sx, sy = mp.zero, mp.zero
        for i in range(3):
            if i == j:
                continue
            dx, dy = pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]
            d = mp.hypot(dx, dy)
            sx += ks[i] * dx / d
            sy += ks[i] * dy / d
        # ties |s| = k_j (optimum exactly at the vertex, e.g. an angle of exactly 120 degrees) are
        # accepted up to the rounding of the inputs at the requested precision
        if mp.hypot(sx, sy) <= ks[j] * (1 + tol):
            return j
    return None


def _inside(P: Any, pts: list) -> bool:
    (ax, ay), (bx, by), (cx, cy) = pts
    s = [(bx - ax) * (P[1] - ay) - (by - ay) * (P[0] - ax),
         (cx - bx) * (P[1] - by) - (cy - by) * (P[0] - bx),
         (ax - cx) * (P[1] - cy) - (ay - cy) * (P[0] - cx)]
    return all(v > 0 for v in s) or all(v < 0 for v in s)


@with_dps()
def fermat_point(A: Any, B: Any, C: Any, weights: Any = (1, 1, 1), *, dps: int = DEFAULT_DPS) -> dict:
    """Minimiser of :math:`k_1|PA|+k_2|PB|+k_3|PC|`, numerically.

    Returns ``{"point": (px, py), "value": f_min, "case": "interior" | "vertex A" | ...}``
    with mpmath numbers at ``dps`` digits.  Vertex j is optimal iff
    :math:`|\\sum_{i\\ne j} k_i e_{ji}| \\le k_j` (checked first); otherwise ``findroot`` solves
    :math:`\\nabla f = 0` from a Weiszfeld-improved centroid, and the result is validated by
    :math:`|\\nabla f|` and by P lying inside the triangle.

    Raises ValueError for a degenerate triangle (|cross product| <= 10^-(dps-10) times the
    squared diameter) or weights that are not positive real numbers.
    Source: Kuhn 1973 (vertex conditions); Weiszfeld 1937; spec VAR-F1..F7.
    """
    pts, ks = _validate(A, B, C, weights)
    tol = mp.mpf(10) ** (-(dps - 8))
    with mp.extradps(20):
        j = _vertex_case(pts, ks, tol)
        if j is not None:
            P = pts[j]
            out = {"point": (+P[0], +P[1]), "value": fermat_objective(P, pts, ks), "case": f"vertex {_NAMES[j]}"}
        else:
            cx = mp.fsum(p[0] for p in pts) / 3
            cy = mp.fsum(p[1] for p in pts) / 3
            with mpmath.workdps(30):
                start = weiszfeld(pts, ks, (cx, cy), 60)
            P = _damped_newton(pts, ks, start)
            P = mp.findroot(lambda x, y: fermat_gradient((x, y), pts, ks), P,
                            J=lambda x, y: _hessian((x, y), pts, ks), tol=mp.eps ** 2 * 16)
            P = (P[0], P[1])
            scale = mp.fsum(ks)
            if mp.norm(fermat_gradient(P, pts, ks)) > scale * mp.mpf(10) ** (-(mp.dps - 15)) or not _inside(P, pts):
                raise ValueError("the Fermat-point solver did not converge to an interior stationary point "
                                 "(triangle too close to degenerate at this precision; try a larger dps)")
            out = {"point": P, "value": fermat_objective(P, pts, ks), "case": "interior"}
    return out


def _damped_newton(pts: list, ks: list, P: Any, steps: int = 200) -> tuple[Any, Any]:
    """Newton on the gradient with backtracking on f (strict convexity: monotone decrease)."""
    P = (mp.mpf(P[0]), mp.mpf(P[1]))
    f0 = fermat_objective(P, pts, ks)
    for _ in range(steps):
        g = fermat_gradient(P, pts, ks)
        step = mp.lu_solve(_hessian(P, pts, ks), mp.matrix(g))
        t = mp.one
        near = [mp.hypot(P[0] - x, P[1] - y) for x, y in pts]
        while True:
            Q = (P[0] - t * step[0], P[1] - t * step[1])
            # a step may at most halve the distance to a vertex: f is not smooth there, and an iterate
            # that lands next to a vertex (a minimiser 1e-3 from A, angle 119.98 degrees) gets stuck
            # where the Hessian is huge; near the minimiser Newton's steps are far shorter than that
            if all(2 * mp.hypot(Q[0] - x, Q[1] - y) >= r for (x, y), r in zip(pts, near)):
                fq = fermat_objective(Q, pts, ks)
                if fq <= f0:
                    break
            t /= 2
            if t < mp.eps:
                return P
        if abs(step[0]) + abs(step[1]) <= mp.eps * (abs(P[0]) + abs(P[1]) + 1):
            return Q
        P, f0 = Q, fq
    return P


@with_dps()
def angles_at(P: Any, A: Any, B: Any, C: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any, Any]:
    """The angles ∠APB, ∠BPC, ∠CPA (radians) by ``atan2(|cross|, dot)`` (pitfall C12)."""
    px, py = pair(P, "P")
    pts = [pair(X, n) for X, n in zip((A, B, C), _NAMES)]
    us = [(x - px, y - py) for x, y in pts]

    def ang(u: Any, v: Any) -> Any:
        return mp.atan2(abs(u[0] * v[1] - u[1] * v[0]), u[0] * v[0] + u[1] * v[1])

    return ang(us[0], us[1]), ang(us[1], us[2]), ang(us[2], us[0])


def weighted_apex(P: Any, Q: Any, R: Any, k_side: Any, k_p: Any, k_q: Any, *, dps: int = DEFAULT_DPS) -> tuple:
    """Apex X of the triangle erected on PQ away from R, similar to the weight triangle (VAR-F7).

    :math:`|PQ| : |QX| : |XP| = k_{side} : k_p : k_q` (``k_p`` opposite P, ``k_q`` opposite Q),
    found numerically as the intersection of the two circles about P and Q, on the side away from R.
    """
    with mpmath.workdps(check_dps(dps)):
        (px, py), (qx, qy), (rx, ry) = pair(P, "P"), pair(Q, "Q"), pair(R, "R")
        k_side, k_p, k_q = positive(k_side, "k_side"), positive(k_p, "k_p"), positive(k_q, "k_q")
        if not (k_p + k_q > k_side and k_side + k_p > k_q and k_side + k_q > k_p):
            raise ValueError("the weights must satisfy the strict triangle inequality to erect an apex")
        with mp.extradps(10):
            d = mp.hypot(qx - px, qy - py)
            rp, rq = d * k_q / k_side, d * k_p / k_side  # |XP|, |QX|
            along = (rp**2 - rq**2 + d**2) / (2 * d)
            h = mp.sqrt(rp**2 - along**2)
            ex, ey = (qx - px) / d, (qy - py) / d
            nx, ny = -ey, ex
            if (rx - px) * nx + (ry - py) * ny > 0:
                nx, ny = -nx, -ny
            return +(px + along * ex + h * nx), +(py + along * ey + h * ny)
