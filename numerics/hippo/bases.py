"""Whole families of basis values at a point, and quadrature of many integrands that share them (private).

A projection onto N basis functions needs N integrals whose integrands share everything but one
factor. Evaluating ``mp.legendre(n, x)`` (a hypergeometric series) separately in each of N
``mp.quad`` calls repeats the signal and the basis N times per node; here every basis value at a
node comes from one pass of the three-term recurrence, and :func:`quad_each` evaluates the shared
vector once per quadrature node and lets ``mp.quad`` integrate each component with its own error
control. :func:`fourier_real` is the real Fourier basis of convention 9, written once for FouT's
projection and for the forward-window route of HIPPO-FOUT-5. Nothing here touches a transition matrix or
a closed form under test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import mpmath
from mpmath import mp

#: the largest state size: quadrature of more coefficients (or dense N x N work) is out of reach and would hang
MAX_N = 4096

__all__ = ["legendre_all", "legs_all", "laguerre_all", "laguerre_all_with_derivatives", "fourier_real",
           "quad_each"]

_GUARD_BITS = 16  # the recurrences lose O(log N) bits; these keep the rounded values exact to the caller


def legendre_all(N: int, x: Any) -> list[Any]:
    """:math:`[P_0(x), \\dots, P_{N-1}(x)]` by Bonnet's recurrence
    :math:`(k+1)P_{k+1} = (2k+1)xP_k - kP_{k-1}` (DLMF 18.9.1; stable on :math:`[-1, 1]`)."""
    with mpmath.workprec(mp.prec + _GUARD_BITS):
        x = mp.mpf(x)
        out = [mp.mpf(1), x][:N]
        while len(out) < N:
            k = len(out) - 1
            out.append(((2 * k + 1) * x * out[k] - k * out[k - 1]) / (k + 1))
    return [+v for v in out]


def legs_all(N: int, r: Any) -> list[Any]:
    """:math:`[g_0(r), \\dots, g_{N-1}(r)]`, :math:`g_n(r) = \\sqrt{2n+1}P_n(2r-1)`: the orthonormal
    Legendre basis of :math:`[0, 1]` used by LegS and LegT."""
    return [mp.sqrt(2 * n + 1) * p for n, p in enumerate(legendre_all(N, 2 * r - 1))]


def laguerre_all(N: int, y: Any) -> list[Any]:
    """:math:`[L_0(y), \\dots, L_{N-1}(y)]` by :math:`(k+1)L_{k+1} = (2k+1-y)L_k - kL_{k-1}` (DLMF 18.9.1)."""
    with mpmath.workprec(mp.prec + _GUARD_BITS):
        y = mp.mpf(y)
        out = [mp.mpf(1), 1 - y][:N]
        while len(out) < N:
            k = len(out) - 1
            out.append(((2 * k + 1 - y) * out[k] - k * out[k - 1]) / (k + 1))
    return [+v for v in out]


def laguerre_all_with_derivatives(N: int, y: Any) -> tuple[list[Any], list[Any]]:
    """:math:`[L_0(y), \\dots, L_{N-1}(y)]` and :math:`[L_0'(y), \\dots, L_{N-1}'(y)]`: the three-term recurrence and
    its derivative :math:`(k+1)L_{k+1}' = (2k+1-y)L_k' - L_k - kL_{k-1}'` (differentiated term by term)."""
    with mpmath.workprec(mp.prec + _GUARD_BITS):
        y = mp.mpf(y)
        vals, ders = [mp.mpf(1), 1 - y][:N], [mp.mpf(0), mp.mpf(-1)][:N]
        while len(vals) < N:
            k = len(vals) - 1
            vals.append(((2 * k + 1 - y) * vals[k] - k * vals[k - 1]) / (k + 1))
            ders.append(((2 * k + 1 - y) * ders[k] - vals[k] - k * ders[k - 1]) / (k + 1))
    return [+v for v in vals], [+d for d in ders]


def fourier_real(n: int, s: Any) -> Any:
    """Convention 9 real Fourier basis: :math:`g_0 = 1`, :math:`g_1 = 0` (a placeholder),
    :math:`g_{2k} = \\sqrt2\\cos 2\\pi ks`, :math:`g_{2k+1} = \\sqrt2\\sin 2\\pi ks` (the FouT basis)."""
    if n == 0:
        return mp.mpf(1)
    if n == 1:
        return mp.mpf(0)
    f = n // 2
    return mp.sqrt(2) * (mp.cospi(2 * f * s) if n % 2 == 0 else mp.sinpi(2 * f * s))


#: the ``mp.quad`` rules a caller may choose: tanh-sinh copes with endpoint singularities and infinite
#: ranges; Gauss-Legendre needs fewer nodes for integrands that are smooth on finite pieces
QUAD_METHODS = ("tanh-sinh", "gauss-legendre")


def check_method(method: Any) -> str:
    """``method`` if it is one of :data:`QUAD_METHODS`, else a ValueError naming them."""
    if method not in QUAD_METHODS:
        raise ValueError(f"method must be one of {', '.join(map(repr, QUAD_METHODS))}, got {method!r}")
    return method


def quad_each(values: Callable[[Any], Sequence[Any]], domain: Sequence[Any], count: int, *,
              method: str = "tanh-sinh") -> list[Any]:
    """:math:`[\\int f_0, \\dots, \\int f_{count-1}]` over ``domain`` where ``values(v)`` is the vector
    :math:`(f_0(v), \\dots)`.

    Each component is its own ``mp.quad`` (own degree, own error estimate, exactly as if called
    alone), but the vector is computed once per node and precision: the quadrature nodes are the
    same for every component, so the later integrals cost only the weighted sums.  ``method`` is
    passed to ``mp.quad``: ``"gauss-legendre"`` needs several times fewer nodes than tanh-sinh for
    integrands that are smooth (entire) on a finite domain, at the same error control.
    """
    check_method(method)
    memo: dict[tuple[Any, int], Sequence[Any]] = {}

    def at(v: Any) -> Sequence[Any]:
        key = (v, mp.prec)
        got = memo.get(key)
        if got is None:
            got = memo[key] = values(v)
        return got

    return [mp.quad(lambda v, k=k: at(v)[k], domain, method=method) for k in range(count)]
