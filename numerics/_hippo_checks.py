"""Independent mpmath routes used by the registered HiPPO results (private).

Test signals come with their derivatives, so time derivatives of projections are taken
under the integral sign (pitfall 9); nothing here evaluates a transition matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import mpmath
from mpmath import mp

from .agree import DEFAULT_DPS, check_dps, to_mp
from .hippo import analysis, project, project_derivative

__all__ = ["signal", "SIGNALS", "poly_signal", "ode_sides", "window_derivative", "fous_lhs",
           "moving_measure_derivative", "fourier_partial_sum", "fous_matrix"]

SIGNALS = ("smooth", "sin", "cubic", "causal-sin")


def signal(name: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Named test signal ``(u, u')``: smooth (non-polynomial), sin, cubic, causal-sin (0 before time 0)."""
    if name == "smooth":  # the spec's example input sin 3x + x^2 - 0.3 e^{-x}
        return (lambda v: mp.sin(3 * v) + v * v - mp.mpf(3) / 10 * mp.exp(-v),
                lambda v: 3 * mp.cos(3 * v) + 2 * v + mp.mpf(3) / 10 * mp.exp(-v))
    if name == "sin":
        return mp.sin, mp.cos
    if name == "cubic":
        return poly_signal([mp.mpf(1) / 2, -1, mp.mpf(1) / 3, -mp.mpf(1) / 5])
    if name == "causal-sin":
        return (lambda v: mp.sin(v) if v >= 0 else mp.mpf(0)), (lambda v: mp.cos(v) if v >= 0 else mp.mpf(0))
    raise ValueError(f"unknown signal {name!r}; allowed values: {', '.join(SIGNALS)}")


def poly_signal(coeffs: Sequence[Any]) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """:math:`u(x) = \\sum_j a_jx^j` and its derivative (coefficients ascending)."""
    cs = list(coeffs)
    return (lambda v: mp.fsum(to_mp(a) * v**j for j, a in enumerate(cs)),
            lambda v: mp.fsum(j * to_mp(a) * v ** (j - 1) for j, a in enumerate(cs) if j))


@lru_cache(maxsize=256)
def ode_sides(name: str, measure: str, N: int, t: Any, *, window: Any = 1, dps: int = DEFAULT_DPS) -> tuple:
    """``(c, cdot, u(t), u(t-w))`` for a named signal: c by quadrature, cdot under the integral.

    For LegS/FouS ``cdot`` is multiplied by t (the systems are :math:`t\\dot x = Ax+Bu`).
    Cached (arguments are exact), because a cross-check needs the same quadratures on both sides.
    """
    u, du = signal(name)
    with mpmath.workdps(check_dps(dps)):
        t = to_mp(t)
        cuts = (0,) if name == "causal-sin" else ()
        c = project(u, t, N, measure, window=window, dps=dps, breakpoints=cuts)
        d = project_derivative(du, t, N, measure, window=window, dps=dps, breakpoints=cuts)
        if measure in ("legs", "fous"):
            d = [t * v for v in d]
        return c, d, u(t), u(t - to_mp(window))


def window_derivative(coeffs: Sequence[Any], n: int, T: Any, w: Any, measure: str, *,
                      dps: int = DEFAULT_DPS) -> Any:
    """d/dT of a complex/real window coefficient for a polynomial signal, under the integral.

    ``measure="fout-complex"``: :math:`c_n(T)=\\int_0^1u(sw+T-w)e^{-2\\pi ins}ds`.
    """
    u, du = poly_signal(coeffs)
    with mpmath.workdps(check_dps(dps)):
        T, w = to_mp(T), to_mp(w)
        if measure == "fout-complex":
            return mp.quad(lambda s: du(s * w + T - w) * mp.expjpi(-2 * n * s), [0, 1])
        raise ValueError(f"unknown window measure {measure!r}")


def fous_lhs(coeffs: Sequence[Any], n: int, T: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`T\\dot c_n(T)` for FouS, :math:`c_n(T)=\\int_0^1u(sT)e^{-2\\pi ins}ds`, under the integral."""
    _, du = poly_signal(coeffs)
    with mpmath.workdps(check_dps(dps)):
        T = to_mp(T)
        return T * mp.quad(lambda s: du(s * T) * s * mp.expjpi(-2 * n * s), [0, 1])


def moving_measure_derivative(coeffs: Sequence[Any], n: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS) -> list:
    """HIPPO-GEN-1 left side: ``mp.diff`` in T of :math:`c_n(T)=\\int_{-1}^1u(t_T(s))\\hat g_n(s)ds` by quadrature.

    Two parametrisations: LegS :math:`t_T(s)=(s+1)T/2`, LegT :math:`t_T(s)=(s+1)w/2+T-w`;
    :math:`\\hat g_n=\\sqrt{(2n+1)/2}P_n`.
    """
    u, _ = poly_signal(coeffs)
    with mpmath.workdps(check_dps(dps)):
        T, w = to_mp(T), to_mp(w)
        g = lambda s: mp.sqrt(mp.mpf(2 * n + 1) / 2) * mp.legendre(n, s)  # noqa: E731
        legs = lambda TT: mp.quad(lambda s: u((s + 1) * TT / 2) * g(s), [-1, 1])  # noqa: E731
        legt = lambda TT: mp.quad(lambda s: u((s + 1) * w / 2 + TT - w) * g(s), [-1, 1])  # noqa: E731
        return [mp.diff(legs, T), mp.diff(legt, T)]


def fourier_partial_sum(u: Callable[[Any], Any], K: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`S_K=\\sum_{|k|\\le K}c_k` with :math:`c_k=\\int_0^1u(sw+T-w)e^{-2\\pi iks}ds` by quadrature."""
    with mpmath.workdps(check_dps(dps)):
        T, w = to_mp(T), to_mp(w)
        return mp.fsum(mp.quad(lambda s: u(s * w + T - w) * mp.expjpi(-2 * k * s),
                               mp.linspace(0, 1, 2 + abs(k))) for k in range(-K, K + 1))


def fous_matrix(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """FouS Galerkin matrix by quadrature.

    .. math:: A_{jl} = -\\delta_{jl}+2\\pi i\\nu_j\\int_0^1 s\\,e^{2\\pi i(\\nu_l-\\nu_j)s}ds
    """
    with mpmath.workdps(check_dps(dps)):
        nu = [(j + 1) // 2 if j % 2 else -(j // 2) for j in range(N)]
        A = mp.matrix(N, N)
        for j in range(N):
            for q in range(N):
                m = nu[q] - nu[j]
                integral = mp.quad(lambda s: s * mp.expjpi(2 * m * s), mp.linspace(0, 1, 2 + abs(m)))
                A[j, q] = -(1 if j == q else 0) + 2j * mp.pi * nu[j] * integral
        return A


def basis_value(measure: str, n: int, v: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The analysis function of the measure at v (exposed for tests)."""
    with mpmath.workdps(check_dps(dps)):
        return analysis(measure, n, to_mp(v))


def complex_window(name: str, K: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS) -> tuple[list, list]:
    """Complex FouT coefficients :math:`c_k(T)` (k = -K..K) and :math:`\\dot c_k` (under the integral)."""
    u, du = signal(name)
    with mpmath.workdps(check_dps(dps)):
        T, w = to_mp(T), to_mp(w)
        cuts = lambda k: mp.linspace(0, 1, 2 + abs(k))  # noqa: E731
        c = [mp.quad(lambda s: u(s * w + T - w) * mp.expjpi(-2 * k * s), cuts(k)) for k in range(-K, K + 1)]
        d = [mp.quad(lambda s: du(s * w + T - w) * mp.expjpi(-2 * k * s), cuts(k)) for k in range(-K, K + 1)]
        return c, d


def legs_integer_sides(name: str, N: int, t: Any, *, dps: int = DEFAULT_DPS) -> tuple[list, list, Any]:
    """De-rooted LegS state :math:`c'_n=\\int_0^1u(tr)(2n+1)P_n(2r-1)dr` and :math:`t\\dot c'_n` by quadrature."""
    u, du = signal(name)
    with mpmath.workdps(check_dps(dps)):
        t = to_mp(t)
        c = [mp.quad(lambda r: u(t * r) * (2 * n + 1) * mp.legendre(n, 2 * r - 1), [0, 1]) for n in range(N)]
        d = [t * mp.quad(lambda r: du(t * r) * r * (2 * n + 1) * mp.legendre(n, 2 * r - 1), [0, 1])
             for n in range(N)]
        return c, d, u(t)
