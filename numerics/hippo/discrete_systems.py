"""Discretisations of HiPPO systems in mpmath (private; re-exported by :mod:`numerics.hippo`).

- :func:`discretize`: forward / backward / bilinear / GBT with ``mp.inverse``, ZOH as the upper
  blocks of ``mp.expm`` of :math:`\\varepsilon\\begin{bmatrix}A&B\\\\0&0\\end{bmatrix}` (singular A allowed);
- :func:`ode_step`: one step of :math:`\\dot x = Ax+Bu_0` (or :math:`t\\dot x = Ax+Bu_0`) by ``mp.odefun``;
- :func:`legs_step`: per-step LegS matrices; the ``"exact"`` scheme is obtained without any matrix
  function: the state at step k is the projection of a signal on [0, k]; appending the held input
  on [k, k+1] and projecting again on [0, k+1] by quadrature gives
  :math:`\\bar A_{nj} = \\int_0^{k/(k+1)} g_j\\big(\\tfrac{(k+1)r}{k}\\big)g_n(r)dr`,
  :math:`\\bar B_n = \\int_{k/(k+1)}^1 g_n(r)dr` (LegS projections of polynomials of degree < N stay exact).
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .bases import MAX_N, legs_all, quad_each
from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = ["METHODS", "SCHEMES", "discretize", "ode_step", "legs_step", "as_matrix"]

METHODS = ("forward", "backward", "bilinear", "gbt", "zoh")
SCHEMES = ("exact", "forward", "backward", "bilinear", "su-bilinear")


def as_matrix(M: Any) -> Any:
    """An mpmath matrix from an mpmath matrix or nested lists of numbers (exact values converted)."""
    if isinstance(M, mpmath.matrix):
        return M.copy()
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in M]
    return mp.matrix([[to_mp(v) for v in r] for r in rows])


def _step(step: Any) -> Any:
    if isinstance(step, bool):
        raise ValueError(f"step must be a positive number, got {step!r}")
    s = to_mp(step)
    if not (isinstance(s, mpmath.mpf) and s > 0):
        raise ValueError(f"step must be a positive number, got {step!r}")
    return s


def _alpha(method: str, alpha: Any) -> Any:
    if method != "gbt":
        return None
    if alpha is None or isinstance(alpha, bool):
        raise ValueError("method 'gbt' needs alpha in [0, 1]")
    a = to_mp(alpha)
    if not (isinstance(a, mpmath.mpf) and 0 <= a <= 1):
        raise ValueError(f"method 'gbt' needs alpha in [0, 1], got {alpha!r}")
    return a


@with_dps()
def discretize(A: Any, B: Any, step: Any, method: str, *, alpha: Any = None, dps: int = DEFAULT_DPS) -> tuple:
    """mpmath counterpart of :func:`proofs.hippo.discretize` (HIPPO-DISC-1..5).

    .. math:: \\bar A = (I-\\alpha\\varepsilon A)^{-1}(I+(1-\\alpha)\\varepsilon A),\\quad
              \\bar B = \\varepsilon(I-\\alpha\\varepsilon A)^{-1}B

    (forward alpha=0, backward 1, bilinear 1/2); ZOH: :math:`e^{\\varepsilon A}` and
    :math:`\\int_0^\\varepsilon e^{sA}ds\\,B` from one ``mp.expm`` of the block matrix.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; allowed values: {', '.join(METHODS)}")
    a = _alpha(method, alpha)
    eps = _step(step)
    A, B = as_matrix(A), as_matrix(B)
    N = A.rows
    if A.cols != N or B.rows != N:
        raise ValueError(f"A must be square and B must have as many rows as A, got {A.rows}x{A.cols}, "
                         f"{B.rows}x{B.cols}")
    eye = mp.eye(N)
    if method == "zoh":
        with mpmath.extradps(15):
            M = mp.matrix(N + B.cols, N + B.cols)
            for i in range(N):
                for j in range(N):
                    M[i, j] = eps * A[i, j]
                for j in range(B.cols):
                    M[i, N + j] = eps * B[i, j]
            E = mp.expm(M)
            Ab = mp.matrix([[E[i, j] for j in range(N)] for i in range(N)])
            Bb = mp.matrix([[E[i, N + j] for j in range(B.cols)] for i in range(N)])
        return Ab, Bb  # computed with 15 guard digits, rounded to dps by with_dps
    a = {"forward": 0, "backward": 1, "bilinear": mp.mpf(1) / 2}.get(method, a)
    if a == 0:
        return eye + eps * A, eps * B
    inv = mp.inverse(eye - a * eps * A)
    return inv * (eye + (1 - a) * eps * A), eps * (inv * B)


@with_dps(guard=25)  # odefun's automatic Taylor degree needs generous guard digits
def ode_step(A: Any, B: Any, x0: Any, u0: Any, t0: Any, t1: Any, *, scaled: bool = False,
             dps: int = DEFAULT_DPS) -> Any:
    """:math:`x(t_1)` for :math:`\\dot x = Ax+Bu_0` (``scaled``: :math:`t\\dot x = Ax + Bu_0`), :math:`x(t_0)=x_0`.

    Integrated by ``mp.odefun`` (Taylor series method), an independent route to ZOH and to
    the exact LegS step.
    """
    A, B = as_matrix(A), as_matrix(B)
    N = A.rows
    x0 = [to_mp(v) for v in (x0 if not isinstance(x0, mpmath.matrix) else list(x0))]
    u0, t0, t1 = to_mp(u0), to_mp(t0), to_mp(t1)

    def F(t: Any, y: list) -> list:
        d = [mp.fsum(A[i, j] * y[j] for j in range(N)) + B[i, 0] * u0 for i in range(N)]
        return [v / t for v in d] if scaled else d

    # Taylor degree = working digits (mpmath's default is 1.5x that): the tolerance is unchanged, since
    # odefun picks each expansion's radius so that the truncated tail is below it; shorter series at
    # this precision are 2-3 times cheaper than the default's fewer, longer ones
    sol = mp.odefun(F, t0, x0, degree=mp.dps)
    return mp.matrix(sol(t1))


def _legs_exact(k: int, N: int) -> tuple:
    q = mp.mpf(k) / (k + 1)

    def products(r: Any) -> list[Any]:  # g_j(r/q) g_n(r), row-major in (n, j)
        old, new = legs_all(N, r / q), legs_all(N, r)
        return [new[n] * old[j] for n in range(N) for j in range(N)]

    # polynomial integrands (degree < 2N): Gauss-Legendre, with mp.quad's usual error control
    cells = quad_each(products, [0, q], N * N, method="gauss-legendre")
    Ab = mp.matrix(N, N)
    for n in range(N):
        for j in range(N):
            Ab[n, j] = cells[n * N + j]
    Bb = mp.matrix(quad_each(lambda r: legs_all(N, r), [q, 1], N, method="gauss-legendre"))
    return Ab, Bb


@with_dps()
def legs_step(k: int, N: int, scheme: str = "exact", *, dps: int = DEFAULT_DPS) -> tuple:
    """mpmath counterpart of :func:`proofs.hippo.legs_step` (HIPPO-DISC-8/9), step k >= 1.

    ``exact`` by quadrature of the concatenated signal (module docstring); the other schemes
    use the LegS matrix computed by quadrature (:func:`numerics.hippo.legs_matrix`) and
    :math:`B_n = g_n(1)`.
    """
    if isinstance(k, bool) or not isinstance(k, Integral) or int(k) < 1:
        raise ValueError(f"k must be an integer >= 1 (the LegS recurrence starts at step 1), got {k!r}")
    if isinstance(N, bool) or not isinstance(N, Integral) or not 1 <= int(N) <= MAX_N:
        raise ValueError(f"N must be a positive integer at most {MAX_N}, got {N!r}")
    if isinstance(k, Integral) and int(k) > 10**6:
        raise ValueError(f"k must be an integer between 1 and 10**6, got {k!r}")
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; allowed values: {', '.join(SCHEMES)}")
    k, N = int(k), int(N)
    if scheme == "exact":
        with mpmath.extradps(10):  # rounded to dps by with_dps
            return _legs_exact(k, N)
    from .projection import legs_input, legs_matrix

    A, B = legs_matrix(N, dps=dps), legs_input(N, dps=dps)
    eye = mp.eye(N)
    if scheme == "forward":
        return eye + A / k, B / k
    if scheme == "backward":
        inv = mp.inverse(eye - A / k)
        return inv, inv * B / k
    left = k if scheme == "bilinear" else k + 1
    inv = mp.inverse(eye - A / (2 * left))
    return inv * (eye + A / (2 * k)), inv * B / k
