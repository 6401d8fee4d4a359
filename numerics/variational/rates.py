"""Observed orders, the Jacobi field of the cycloid family, chord times (private).

Numerical routes for the items of spec ``variational.md`` that were only exercised in
tests and benchmarks: the observed convergence order of the discretised time functional
(VAR-A13, EMPIRICAL), the Jacobi field of the family of cycloids through the cusp
(VAR-A14) by differentiating the *numerically solved* family in its parameter, and the
descent time along a chord of Galileo's circle (VAR-A11, law of chords) by quadrature.
None of them evaluates a closed form of :mod:`proofs.variational`.  Public names are
re-exported by :mod:`numerics.variational`.
"""

from __future__ import annotations

import functools
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from .brachistochrone_paths import (
    brachistochrone,
    discrete_brachistochrone,
    path_time,
    safe_newton,
    theta_minus_sin,
)
from .validation import arch_angle, gravity, positive
from numerics.agree import DEFAULT_DPS, check_dps, with_dps

__all__ = ["chord_time", "discrete_order", "jacobi_field", "local_orders"]


@functools.lru_cache(maxsize=32)
def _order(X: Any, Y: Any, grid: str, N1: int, N2: int, dps: int) -> Any:
    with mpmath.workdps(dps):
        T_star = brachistochrone(X, Y, dps=dps + 10)["T"]
        e1 = discrete_brachistochrone(X, Y, N1, grid=grid, dps=dps)[1] - T_star
        e2 = discrete_brachistochrone(X, Y, N2, grid=grid, dps=dps)[1] - T_star
        if not (e1 > 0 and e2 > 0):
            raise ArithmeticError(f"discrete times must exceed the cycloid time (errors {e1}, {e2})")
        return mp.log(e1 / e2) / mp.log(mp.mpf(N2) / N1)


def discrete_order(X: Any = 1, Y: Any = 1, grid: str = "graded", N1: int = 64, N2: int = 256, *,
                   dps: int = 30) -> Any:
    """Observed order of convergence of the discrete brachistochrone time :math:`T_N \\to T^*` (VAR-A13).

    .. math:: p_{obs} = \\frac{\\log\\big((T_{N_1}-T^*)/(T_{N_2}-T^*)\\big)}{\\log(N_2/N_1)},

    with :math:`T_N` the exact optimum of the discretised functional on the depth grid
    (:func:`discrete_brachistochrone`) and :math:`T^*` the cycloid time by quadrature
    (:func:`brachistochrone`, route 1).  An EMPIRICAL quantity: it is a measured slope, not
    a limit; the spec states about 3/2 (uniform depths) and 2 (graded depths y_i = Y(i/N)^2).

    Domain: X > 0, Y > 0 with X/Y <= pi/2 (monotone depth), grid in {"uniform", "graded"},
    integers 1 <= N1 < N2.  ``dps`` is the working precision (30 is ample for an order).
    The value is cached (the inputs are exact).  Source: spec VAR-A13, table G3.
    """
    if grid not in ("graded", "uniform"):
        raise ValueError(f"grid must be 'graded' or 'uniform', got {grid!r}")
    for name, N in (("N1", N1), ("N2", N2)):
        if isinstance(N, bool) or not isinstance(N, Integral) or N < 1:
            raise ValueError(f"{name} must be a positive integer, got {N!r}")
    if not N1 < N2:
        raise ValueError(f"N1 must be smaller than N2, got N1 = {N1}, N2 = {N2}")
    dps = check_dps(dps)
    with mpmath.workdps(dps):
        Xm, Ym = positive(X, "X"), positive(Y, "Y")
        if Xm / Ym > mp.pi / 2:
            raise ValueError("X/Y must be <= pi/2: the depth grid needs a monotone path (theta1 <= pi)")
    return +_order(X, Y, grid, int(N1), int(N2), dps)


@functools.lru_cache(maxsize=8)
def _discrete_times(X: Any, Y: Any, grid: str, Ns: tuple[int, ...], dps: int) -> tuple[Any, ...]:
    with mpmath.workdps(dps):
        return tuple(discrete_brachistochrone(X, Y, N, grid=grid, dps=dps)[1] for N in Ns)


def local_orders(X: Any = 1, Y: Any = 1, Ns: tuple[int, ...] = (16, 32, 64, 128, 256, 512, 1024), *,
                 dps: int = 30) -> list[tuple[int, list[Any]]]:
    """Local orders of :math:`T_N \\to T^*` on both depth grids, for a convergence table (VAR-A13).

    .. math:: p_N = \\frac{\\log\\big((T_{N'}-T^*)/(T_N-T^*)\\big)}{\\log(N/N')},

    N' the previous entry of ``Ns``: returns ``[(N, [p_N^{uniform}, p_N^{graded}]), ...]`` from the
    second entry on.  :math:`T_N` is the exact discrete optimum (:func:`discrete_brachistochrone`),
    :math:`T^*` the cycloid time by quadrature; no rate is assumed.  ``dps`` is the working precision
    (30 is ample: the errors are far above it).  Domain as :func:`discrete_order`; ``Ns`` increasing.
    """
    Ns = tuple(int(N) for N in Ns)
    if len(Ns) < 2 or any(b <= a for a, b in zip(Ns, Ns[1:])) or Ns[0] < 1:
        raise ValueError(f"Ns must be at least two increasing positive integers, got {Ns!r}")
    dps = check_dps(dps)
    with mpmath.workdps(dps):
        Xm, Ym = positive(X, "X"), positive(Y, "Y")
        if Xm / Ym > mp.pi / 2:
            raise ValueError("X/Y must be <= pi/2: the depth grid needs a monotone path (theta1 <= pi)")
        T_star = brachistochrone(X, Y, dps=dps + 10)["T"]
        errs = {grid: [T - T_star for T in _discrete_times(X, Y, grid, Ns, dps)] for grid in ("uniform", "graded")}
        out = []
        for i in range(1, len(Ns)):
            ratio = mp.log(mp.mpf(Ns[i]) / Ns[i - 1])
            out.append((Ns[i], [mp.log(errs[g][i - 1] / errs[g][i]) / ratio for g in ("uniform", "graded")]))
    return out


@with_dps()
def jacobi_field(r: Any, theta: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The Jacobi field :math:`h = \\partial y/\\partial r|_x` of the cycloids through the cusp (VAR-A14).

    .. math:: y(x; \\rho) = \\rho\\,(1-\\cos\\vartheta),\\quad \\rho(\\vartheta-\\sin\\vartheta) = x,\\qquad
              h(x) = \\frac{\\partial}{\\partial\\rho}\\,y(x;\\rho)\\Big|_{\\rho=r}

    at the abscissa :math:`x = r(\\theta-\\sin\\theta)`.  The family member y(x; ρ) is found
    by safeguarded Newton in ϑ ∈ (0, 2π) and differentiated in ρ by ``mp.diff``; no formula
    for h is used.  Domain: r > 0, 0 < θ < 2π.  Source: Gelfand & Fomin 1963 (Jacobi condition).
    """
    r, th = positive(r, "r"), arch_angle(theta)
    with mp.extradps(15):
        x = r * theta_minus_sin(th)

        def depth(rho: Any) -> Any:
            f = lambda t: rho * theta_minus_sin(t) - x
            df = lambda t: 2 * rho * mp.sin(t / 2) ** 2
            t = safe_newton(f, df, mp.zero, 2 * mp.pi)
            return 2 * rho * mp.sin(t / 2) ** 2

        h = mp.diff(depth, r)
    return h


@with_dps()
def chord_time(D: Any, Y: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS) -> Any:
    """Descent time from the top of a vertical circle of diameter D along the chord to depth Y (law of chords).

    The chord ends at :math:`(X, Y)` with :math:`X = \\sqrt{DY - Y^2}` (the circle
    :math:`X^2 + (Y - D/2)^2 = D^2/4` through the start); the time is the quadrature of the
    straight-line time functional (:func:`path_time`, ``"line"``), not a formula.
    Domain: D > 0, 0 < Y <= D, g > 0.  Source: Galileo 1638 (spec VAR-A11, optional).
    """
    D, Y, g = positive(D, "D (the diameter)"), positive(Y, "Y (the depth of the chord's end)"), gravity(g)
    if Y > D:
        raise ValueError(f"Y must satisfy 0 < Y <= D (the chord ends on the circle), got Y = {Y}, D = {D}")
    with mp.extradps(10):
        X = mp.sqrt(Y * (D - Y))
    return path_time("line", X, Y, g=g, dps=dps)
