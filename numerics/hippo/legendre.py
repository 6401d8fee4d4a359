"""Legendre and Laguerre quantities computed independently in mpmath.

Polynomial values come from mpmath's own special functions (``mp.legendre`` and
``mp.laguerre``, hypergeometric evaluations) or, inside Gram integrals, from the three-term
recurrences (:mod:`numerics.hippo.bases`); derivatives from ``mp.diff``
(numerical differentiation at raised precision) and integrals from ``mp.quad``
(tanh-sinh quadrature).  Nothing here expands a polynomial or evaluates a closed
form from :mod:`proofs`, so agreement with the SymPy statements is evidence.

Every function takes ``dps`` and works inside ``mpmath.workdps(dps)`` (:func:`numerics.agree.with_dps`).
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .bases import laguerre_all, legendre_all, quad_each
from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "legendre",
    "legendre_derivative",
    "laguerre",
    "laguerre_derivative",
    "legendre_endpoints_and_gram",
    "laguerre_origin_and_gram",
    "derivative_difference",
    "derivative_recursion_lhs",
    "x_times_derivative",
    "shifted_derivative",
]


def _degree(n: object, name: str = "n", minimum: int = 0) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or int(n) < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)


@with_dps()
def legendre(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`P_n(x)` by mpmath's hypergeometric Legendre function; :math:`P_{-1} := 0`."""
    n = _degree(n, minimum=-1)
    return mp.mpf(0) if n < 0 else mp.legendre(n, to_mp(x))


@with_dps()
def legendre_derivative(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`P_n'(x)` by numerical differentiation (``mp.diff``) of mpmath's :math:`P_n`."""
    n = _degree(n, minimum=-1)
    if n < 0:
        return mp.mpf(0)
    return mp.diff(lambda t: mp.legendre(n, t), to_mp(x))


@with_dps()
def laguerre(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`L_n(x)` by mpmath's generalised Laguerre function with :math:`\\alpha = 0` (x the lag variable)."""
    n = _degree(n)
    return mp.laguerre(n, 0, to_mp(x))


@with_dps()
def laguerre_derivative(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`L_n'(x)` by ``mp.diff`` of mpmath's :math:`L_n` (x the lag variable)."""
    n = _degree(n)
    return mp.diff(lambda t: mp.laguerre(n, 0, t), to_mp(x))


@with_dps()
def legendre_endpoints_and_gram(n: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[P_n(1), P_n(-1), \\int_{-1}^1 P_nP_0, \\dots, \\int_{-1}^1 P_nP_n]` by quadrature.

    The endpoint values come from ``mp.legendre``; inside the integrals :math:`P_0, \\dots, P_n` at a
    node come from one pass of Bonnet's recurrence (:func:`numerics.hippo.bases.legendre_all`), shared by
    the n + 1 integrals.
    """
    n = _degree(n)
    out = [mp.legendre(n, 1), mp.legendre(n, -1)]

    def products(t: Any) -> list[Any]:
        family = legendre_all(n + 1, t)
        return [family[n] * p for p in family]

    return out + quad_each(products, [-1, 0, 1], n + 1)


@with_dps()
def laguerre_origin_and_gram(n: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[L_n(0), \\int_0^\\infty L_nL_0e^{-y}dy, \\dots, \\int_0^\\infty L_nL_ne^{-y}dy]`.

    :math:`L_n(0)` from ``mp.laguerre``; the integrals by tanh-sinh quadrature, with the
    integrand's polynomials :math:`L_0, \\dots, L_n` evaluated in one pass of their three-term recurrence
    at each node (faster than the hypergeometric ``mp.laguerre``, and a second independent route),
    shared by the n + 1 integrals.  Returned rounded to ``dps`` (the integrals run with guard digits).
    """
    n = _degree(n)
    out = [mp.laguerre(n, 0, 0)]
    # guard digits: L_n L_m alternates in sign, so the integrand cancels at large y
    with mpmath.extradps(n + 10):
        def products(y: Any) -> list[Any]:
            family = laguerre_all(n + 1, y)
            weight = family[n] * mp.exp(-y)
            return [weight * p for p in family]

        out += quad_each(products, [0, 1, 4 * n + 8, mp.inf], n + 1)
    return out


@with_dps()
def derivative_difference(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`P_{n+1}'(x) - P_{n-1}'(x)`, each derivative by ``mp.diff``."""
    n = _degree(n)
    return legendre_derivative(n + 1, x, dps=dps) - legendre_derivative(n - 1, x, dps=dps)


def derivative_recursion_lhs(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`P_{n+1}'(x)` by ``mp.diff``."""
    return legendre_derivative(_degree(n) + 1, x, dps=dps)


@with_dps()
def x_times_derivative(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`x\\,P_n'(x)` by ``mp.diff``."""
    n = _degree(n)
    return to_mp(x) * legendre_derivative(n, x, dps=dps)


@with_dps()
def shifted_derivative(n: int, x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`(x+1)\\,P_n'(x)` by ``mp.diff``."""
    n = _degree(n)
    return (to_mp(x) + 1) * legendre_derivative(n, x, dps=dps)
