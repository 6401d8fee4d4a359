"""Exact FLINT routes of the variational pillar, for the certified tier (python-flint only).

Derivatives of polynomial losses are taken coefficient by coefficient (``fmpq_poly.derivative``) and
evaluated at rational points, so the routes are exact (see :mod:`proofs.core.certify`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

__all__ = ["quadratic_alignment"]


def _fmpq(x: Any, what: str) -> Any:
    from flint import fmpq

    if isinstance(x, bool) or not isinstance(x, (int, Fraction)) and not hasattr(x, "numerator"):
        raise ValueError(f"{what} must be an integer or a fraction for an exact route, got {x!r}")
    f = Fraction(x)
    return fmpq(f.numerator, f.denominator)


def quadratic_alignment(a: Any, eta: Any, theta: Any, prec: int = 0) -> Any:
    """VAR-X3-4 exactly: :math:`g_t g_{t-1}` for :math:`L(z) = az^2/2` after one step
    :math:`\\theta_t = \\theta - \\eta g_{t-1}`, the gradients from ``fmpq_poly.derivative`` of :math:`L`."""
    from flint import fmpq, fmpq_poly

    aa, step, th = _fmpq(a, "a"), _fmpq(eta, "eta"), _fmpq(theta, "theta")
    if aa <= 0:
        raise ValueError(f"a must be positive, got {a!r}")
    grad = fmpq_poly([0, 0, aa / fmpq(2)]).derivative()
    g0 = grad(th)
    return grad(th - step * g0) * g0
