"""Exact FLINT routes of the HiPPO pillar, for the certified tier (python-flint only).

The Legendre polynomials come from FLINT's ``fmpq_poly.legendre_p`` (its own recurrence), the Laguerre
polynomials from their explicit coefficients :math:`(-1)^k\\binom{n}{k}/k!`; derivatives are taken
coefficient by coefficient and values at a rational point are exact, so these routes are decided, not
bounded (see :mod:`proofs.core.certify`).  ``prec`` is accepted and unused: the routes are exact.
"""

from __future__ import annotations

from math import comb, factorial
from typing import Any

from ..arb import rational

__all__ = ["legendre_derivative_difference", "legendre_derivative_next", "legendre_derivative",
           "x_times_legendre_derivative", "shifted_legendre_derivative", "laguerre_derivative",
           "legendre_endpoints_and_gram", "laguerre_origin_and_gram"]



def _degree(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    return n


def _dlegendre(n: int, x: Any) -> Any:
    """:math:`P_n'(x)` exactly (``P_{-1} = 0``)."""
    from flint import fmpq, fmpq_poly

    return fmpq(0) if n < 1 else fmpq_poly.legendre_p(n).derivative()(x)


def legendre_derivative_difference(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-2's left side :math:`P_{n+1}'(x) - P_{n-1}'(x)`."""
    n, x = _degree(n), rational(x, "x")
    return _dlegendre(n + 1, x) - _dlegendre(n - 1, x)


def legendre_derivative_next(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-3's left side :math:`P_{n+1}'(x)`."""
    return _dlegendre(_degree(n) + 1, rational(x, "x"))


def legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-4's left side :math:`P_n'(x)`."""
    return _dlegendre(_degree(n), rational(x, "x"))


def x_times_legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-5's left side :math:`x P_n'(x)`."""
    x = rational(x, "x")
    return x * _dlegendre(_degree(n), x)


def shifted_legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-6's left side :math:`(x + 1) P_n'(x)`."""
    x = rational(x, "x")
    return (x + 1) * _dlegendre(_degree(n), x)


def laguerre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LAG-2's left side :math:`L_n'(x)`, from :math:`L_n(x) = \\sum_k (-1)^k \\binom{n}{k} x^k / k!`."""
    from flint import fmpq

    n, x = _degree(n), rational(x, "x")
    total = fmpq(0)
    for k in range(1, n + 1):
        total += fmpq((-1) ** k * comb(n, k) * k, factorial(k)) * x ** (k - 1)
    return total


def legendre_endpoints_and_gram(n: int, prec: int = 0) -> list[Any]:
    """HIPPO-LEG-1's quantity exactly: :math:`[P_n(1), P_n(-1), \\int_{-1}^1 P_nP_0, \\dots, \\int_{-1}^1 P_nP_n]`,
    the integrals from the antiderivative of each product polynomial (``fmpq_poly.integral``)."""
    from flint import fmpq_poly

    n = _degree(n)
    pn = fmpq_poly.legendre_p(n)
    out = [pn(1), pn(-1)]
    for k in range(n + 1):
        anti = (pn * fmpq_poly.legendre_p(k)).integral()
        out.append(anti(1) - anti(-1))
    return out


def _laguerre(n: int) -> Any:
    from flint import fmpq, fmpq_poly

    return fmpq_poly([fmpq((-1) ** k * comb(n, k), factorial(k)) for k in range(n + 1)])


def laguerre_origin_and_gram(n: int, prec: int = 0) -> list[Any]:
    """HIPPO-LAG-1's quantity exactly: :math:`[L_n(0), \\int_0^\\infty L_nL_0e^{-y}dy, \\dots, \\int_0^\\infty
    L_nL_ne^{-y}dy]`, each integral as :math:`\\sum_j c_j\\,j!` over the product's coefficients
    (:math:`\\int_0^\\infty y^je^{-y}dy = j!`)."""
    from flint import fmpq

    n = _degree(n)
    ln = _laguerre(n)
    out = [ln(0)]
    for k in range(n + 1):
        coeffs = (ln * _laguerre(k)).coeffs()
        total = fmpq(0)
        for j, c in enumerate(coeffs):
            total += c * factorial(j)
        out.append(total)
    return out
