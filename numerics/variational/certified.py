"""Exact FLINT routes of the variational pillar, for the certified tier (python-flint only).

Derivatives of polynomial losses are taken coefficient by coefficient (``fmpq_poly.derivative``) and
evaluated at rational points, so the routes are exact (see :mod:`proofs.core.certify`).
"""

from __future__ import annotations

from typing import Any

from ..arb import rational

__all__ = ["quadratic_alignment", "proximal_step", "metric_step"]



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
