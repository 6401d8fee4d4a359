"""HiPPO quantities computed independently in mpmath (spec ``hippo.md``, API contract section 10).

The public names are re-exported by the package :mod:`numerics.hippo`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .bases import (MAX_N, check_method, fourier_real, laguerre_all, laguerre_all_with_derivatives, legendre_all,
                    legs_all, quad_each)
from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "MEASURES",
    "project",
    "project_derivative",
    "reconstruct",
    "analysis",
    "synthesis",
    "legs_matrix",
    "legs_input",
    "lagt_matrix",
    "frequencies",
]

MEASURES = ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")


def _N(N: Any) -> int:
    if isinstance(N, bool) or not isinstance(N, Integral) or int(N) < 1:
        raise ValueError(f"N must be a positive integer (1, 2, 3, ...), got {N!r}")
    if int(N) > MAX_N:
        raise ValueError(f"N must be a positive integer at most {MAX_N}, got {N!r}")
    return int(N)


def _measure(measure: Any) -> str:
    if not isinstance(measure, str) or measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; allowed values: {', '.join(MEASURES)}")
    return measure


def _window(window: Any) -> Any:
    if isinstance(window, bool):
        raise ValueError(f"window must satisfy window > 0, got {window!r}")
    try:
        w = to_mp(window)
    except ValueError:
        raise ValueError(f"window must satisfy window > 0 (a positive number), got {window!r}") from None
    if not (isinstance(w, mpmath.mpf) and w > 0):
        raise ValueError(f"window must satisfy window > 0, got {window!r}")
    return w


def frequencies(N: int) -> list[int]:
    """Convention 10: 0, 1, -1, 2, -2, ..."""
    return [(j + 1) // 2 if j % 2 else -(j // 2) for j in range(_N(N))]


def analysis(measure: str, n: int, v: Any) -> Any:
    """The analysis function of basis index n at the measure's variable v (r, s or lag y)."""
    if measure == "legs" or measure == "legt":
        return mp.sqrt(2 * n + 1) * mp.legendre(n, 2 * v - 1)
    if measure == "lmu":
        return (2 * n + 1) * mp.legendre(n, 1 - 2 * v)
    if measure == "lagt":
        return mp.laguerre(n, 0, v) * mp.exp(-v)
    if measure == "lagt-half":
        return mp.laguerre(n, 0, v) * mp.exp(-v / 2)
    if measure == "fout":
        return fourier_real(n, v)
    return mp.expjpi(-2 * frequencies(n + 1)[n] * v)  # fous


def analysis_all(measure: str, N: int, v: Any) -> list[Any]:
    """``[analysis(measure, n, v) for n < N]``, the polynomial families by one recurrence pass."""
    if measure == "legs" or measure == "legt":
        return legs_all(N, v)
    if measure == "lmu":
        return [(2 * n + 1) * p for n, p in enumerate(legendre_all(N, 1 - 2 * v))]
    if measure == "lagt" or measure == "lagt-half":
        decay = mp.exp(-v if measure == "lagt" else -v / 2)
        return [p * decay for p in laguerre_all(N, v)]
    return [analysis(measure, n, v) for n in range(N)]


def synthesis(measure: str, n: int, v: Any) -> Any:
    """The synthesis (reconstruction) function of index n at the measure's variable v."""
    if measure == "lmu":
        return mp.legendre(n, 1 - 2 * v)
    if measure == "lagt":
        return mp.laguerre(n, 0, v)
    if measure == "fous":
        return mp.expjpi(2 * frequencies(n + 1)[n] * v)
    return analysis(measure, n, v)


def _finite_real(value: Any, name: str) -> Any:
    """``value`` as a finite real mpmath number (inside the caller's precision), else ValueError."""
    try:
        v = to_mp(value)
    except (ValueError, TypeError):
        v = None
    if not isinstance(v, mpmath.mpf) or not mpmath.isfinite(v):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return v


def _setup(t: Any, N: Any, measure: Any, window: Any) -> tuple[Any, int, str, Any]:
    """The validated time (an mpmath number), size, measure and window of a projection."""
    N, measure = _N(N), _measure(measure)
    t, w = _finite_real(t, "t"), _window(window)
    if measure in ("legs", "fous") and not t > 0:
        raise ValueError(f"t must satisfy t > 0 for measure {measure!r}, got {t}")
    return t, N, measure, w


def _integrate(measure: str, N: int, t: Any, w: Any, f: Callable[[Any], Any], weight: Callable[[Any], Any],
               breakpoints: Sequence[Any], method: str = "tanh-sinh") -> list[Any]:
    """:math:`\\int f(\\text{time}(v))\\,\\text{weight}(v)\\,\\text{analysis}_n(v)\\,dv` over the measure's domain."""
    if measure == "legs" or measure == "fous":
        time = lambda v: t * v  # noqa: E731
        cuts = [to_mp(b) / t for b in breakpoints if 0 < to_mp(b) < t]
        domain = [0, *sorted(cuts), 1]
    elif measure in ("legt", "lmu"):
        time = lambda v: t - w + w * v  # noqa: E731
        cuts = [(to_mp(b) - t + w) / w for b in breakpoints if t - w < to_mp(b) < t]
        domain = [0, *sorted(cuts), 1]
    elif measure == "fout":
        time = lambda v: t - w * v  # noqa: E731
        cuts = [(t - to_mp(b)) / w for b in breakpoints if t - w < to_mp(b) < t]
        domain = [0, *sorted(cuts), 1]
    else:  # lag variable y = t - x >= 0
        time = lambda v: t - v  # noqa: E731
        cuts = [t - to_mp(b) for b in breakpoints if to_mp(b) < t]
        domain = [0, *sorted(set(cuts)), mp.inf]

    def integrands(v: Any) -> list[Any]:
        shared = f(time(v)) * weight(v)
        return [shared * g for g in analysis_all(measure, N, v)]

    check_method(method)
    if domain[-1] == mp.inf and method != "tanh-sinh":
        # the rule applies to the finite pieces between breakpoints; the infinite tail stays tanh-sinh
        # (mp.quad sums subintervals independently, so this is the same integral)
        if len(domain) == 2:
            return quad_each(integrands, domain, N)
        head = quad_each(integrands, domain[:-1], N, method=method)
        tail = quad_each(integrands, domain[-2:], N)
        return [a + b for a, b in zip(head, tail)]
    return quad_each(integrands, domain, N, method=method)


@with_dps()
def project(u: Callable[[Any], Any], t: Any, N: int, measure: str, *, window: Any = 1, dps: int = DEFAULT_DPS,
            breakpoints: Sequence[Any] = (), method: str = "tanh-sinh") -> list[Any]:
    """The HiPPO coefficients :math:`c_n(t)`, n < N, by quadrature of the projection integral.

    .. math::
        \\text{legs: } \\int_0^1 u(tr)g_n(r)dr,\\quad \\text{legt: } \\int_0^1 u(t-w+wr)g_n(r)dr,\\quad
        \\text{lmu: } \\int_0^1 u(t-w+wr)(2n+1)P_n(1-2r)dr,

    lagt :math:`\\int_0^\\infty u(t-y)L_n(y)e^{-y}dy`, lagt-half (weight :math:`e^{-y/2}`), fout
    :math:`\\int_0^1 u(t-ws)g_n(s)ds` (convention 9), fous :math:`\\int_0^1 u(st)e^{-2\\pi i\\nu_n s}ds`.
    ``breakpoints`` are times where u is not smooth (quadrature subdivides there); for the
    Laguerre measures u must be defined on :math:`(-\\infty, t]` (typically 0 before time 0).
    ``method`` is the ``mp.quad`` rule: tanh-sinh (default) copes with endpoint singularities;
    ``"gauss-legendre"`` is several times cheaper when u is smooth on a finite window.
    Errors: N not a positive integer, unknown measure, window <= 0, t <= 0 for legs/fous.
    """
    t, N, measure, w = _setup(t, N, measure, window)
    return _integrate(measure, N, t, w, u, lambda v: 1, breakpoints, method)


@with_dps()
def project_derivative(du: Callable[[Any], Any], t: Any, N: int, measure: str, *, window: Any = 1,
                       dps: int = DEFAULT_DPS, breakpoints: Sequence[Any] = (), jump: Any = 0,
                       method: str = "tanh-sinh") -> list[Any]:
    """:math:`\\dot c_n(t)` by differentiating the projection integral under the integral sign.

    .. math::
        \\text{legs: } \\dot c_n = \\int_0^1 u'(tr)\\,r\\,g_n(r)dr,\\qquad
        \\text{legt: } \\dot c_n = \\int_0^1 u'(t-w+wr)g_n(r)dr,\\qquad
        \\text{lagt: } \\dot c_n = \\int_0^\\infty u'(t-y)L_n(y)e^{-y}dy + u(0^+)L_n(t)e^{-t}

    (the last term only when u jumps at time 0 by ``jump``; pitfall 10), and likewise for the
    other measures (fous: :math:`\\int_0^1 u'(st)\\,s\\,e^{-2\\pi i\\nu_n s}ds`).  ``du`` is the derivative of
    the signal.  ``method`` and errors as in :func:`project`.
    """
    t, N, measure, w = _setup(t, N, measure, window)
    weight = (lambda v: v) if measure in ("legs", "fous") else (lambda v: 1)
    out = _integrate(measure, N, t, w, du, weight, breakpoints, method)
    if measure in ("lagt", "lagt-half") and jump:
        out = [c + to_mp(jump) * analysis(measure, n, t) for n, c in enumerate(out)]
    return out


@with_dps()
def reconstruct(c: Sequence[Any], tau: Any, t: Any, measure: str, *, window: Any = 1,
                dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\sum_n c_n\\psi_n(\\tau)` with the measure's synthesis functions (API contract).

    legs :math:`\\sqrt{2n+1}P_n(2\\tau/t-1)`; legt :math:`g_n((\\tau-t+w)/w)`; lmu :math:`P_n(1-2r)`,
    :math:`r=(\\tau-t+w)/w`; lagt :math:`L_n(t-\\tau)`; lagt-half :math:`L_n(t-\\tau)e^{-(t-\\tau)/2}`;
    fout :math:`g_n((t-\\tau)/w)`; fous :math:`e^{2\\pi i\\nu_n\\tau/t}`.
    """
    measure = _measure(measure)
    if len(c) < 1:
        raise ValueError("c must hold at least one coefficient")
    tau, t, w = _finite_real(tau, "tau"), _finite_real(t, "t"), _window(window)
    if measure in ("legs", "fous"):
        if not t > 0:
            raise ValueError(f"t must satisfy t > 0 for measure {measure!r}, got {t}")
        v = tau / t
    elif measure in ("legt", "lmu"):
        v = (tau - t + w) / w
    elif measure == "fout":
        v = (t - tau) / w
    else:
        v = t - tau
    return mp.fsum(to_mp(cn) * synthesis(measure, n, v) for n, cn in enumerate(c))


@with_dps(guard=10)
def legs_matrix(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """The LegS matrix by quadrature: :math:`A_{nk} = -\\delta_{nk} - \\int_0^1 r\\,g_n'(r)g_k(r)\\,dr`.

    :math:`g_n'` comes from ``mp.diff`` of ``mp.legendre``; Gauss-Legendre quadrature is exact for
    these polynomial integrands of degree < 2N.
    """
    N = _N(N)
    nodes = max(N + 2, 4)
    xs, ws = zip(*_gauss(nodes))
    g = [[mp.sqrt(2 * n + 1) * mp.legendre(n, 2 * r - 1) for r in xs] for n in range(N)]
    dg = [[mp.diff(lambda q, n=n: mp.sqrt(2 * n + 1) * mp.legendre(n, 2 * q - 1), r) for r in xs]
          for n in range(N)]
    A = mp.matrix(N, N)
    for n in range(N):
        for k in range(N):
            A[n, k] = -(1 if n == k else 0) - mp.fsum(wi * r * dg[n][i] * g[k][i] for i, (r, wi) in
                                                      enumerate(zip(xs, ws)))
    return A


@with_dps()
def legs_input(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """The LegS input vector :math:`B_n = g_n(1) = \\sqrt{2n+1}P_n(1)`: the basis at the present endpoint,
    evaluated by ``mp.legendre`` (not typed in from the closed form :math:`\\sqrt{2n+1}`)."""
    return mp.matrix([mp.sqrt(2 * n + 1) * mp.legendre(n, 1) for n in range(_N(N))])


@with_dps(guard=10)
def lagt_matrix(N: int, *, half: bool = False, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """The LagT pair by quadrature on :math:`[0, \\infty)`: :math:`A_{nk} = \\int_0^\\infty (L_n' - hL_n)L_ke^{-y}dy`
    with :math:`h = 1` (``"lagt"``, basis :math:`L_ne^{-y}`) or :math:`h = 1/2` (``"lagt-half"``, basis
    :math:`L_ne^{-y/2}`), and :math:`B_n = L_n(0)` (the basis at lag 0) by ``mp.laguerre``.

    The values and derivatives at a node come from the three-term recurrence and its derivative
    (:func:`numerics.hippo.bases.laguerre_all_with_derivatives`), not from a derivative identity; the
    integrals by Gauss-Laguerre quadrature (``mp.gauss_quadrature``) with N + 2 nodes, exact for these
    polynomials of degree < 2N times :math:`e^{-y}`.
    """
    N = _N(N)
    h = mp.mpf(1) / 2 if half else mp.mpf(1)
    nodes, weights = mp.gauss_quadrature(N + 2, "laguerre")
    A = mp.zeros(N, N)
    for y, wt in zip(nodes, weights):
        vals, ders = laguerre_all_with_derivatives(N, y)
        for n in range(N):
            for k in range(N):
                A[n, k] += wt * (ders[n] - h * vals[n]) * vals[k]
    return A, mp.matrix([mp.laguerre(n, 0, 0) for n in range(N)])


def _gauss(m: int) -> list[tuple[Any, Any]]:
    """Gauss-Legendre nodes and weights on [0, 1] (roots of P_m by ``mp.polyroots``-free Newton)."""
    out = []
    for i in range(1, m + 1):
        z = mp.cos(mp.pi * (i - mp.mpf(1) / 4) / (m + mp.mpf(1) / 2))
        for _ in range(100):
            p, dp = mp.legendre(m, z), mp.diff(lambda q: mp.legendre(m, q), z)
            step = p / dp
            z -= step
            if abs(step) < mp.eps * 4:
                break
        dp = mp.diff(lambda q: mp.legendre(m, q), z)
        out.append(((z + 1) / 2, 1 / ((1 - z * z) * dp * dp)))
    return out
