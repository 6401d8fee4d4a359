"""Cost and accuracy of the independent routes of the variational pillar (spec VAR-A8, VAR-A7, Fermat).

For each working precision it times: route 1 (parametric quadrature), route 2 (x-form with
x = u^3), route 3 (Snell shooting, quad and odefun integrators), the EL ODE by odefun from
theta_a = 1/2 of the X = Y = 1 cycloid, and the numerical Fermat point; and reports the digits
of agreement of routes 2 and 3 with route 1.

Run: python benchmarks/variational_routes.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mp

from numerics import variational as nv


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def digits(a: Any, b: Any, dps: int) -> float:
    with mpmath.workdps(dps + 10):
        err = abs(a - b)
        return float(dps) if err == 0 else min(float(dps), float(-mp.log10(err / abs(b))))


def main() -> None:
    print(f"{'dps':>4} {'route':>22} {'seconds':>8} {'digits vs route 1':>18}")
    for dps in (30, 50, 100):
        ref, t1 = timed(lambda: nv.brachistochrone(1, 1, dps=dps)["T"])
        print(f"{dps:>4} {'1 parametric':>22} {t1:8.3f} {'-':>18}")
        for name, fn in (("2 x-form (x = u^3)", lambda: nv.brachistochrone(1, 1, dps=dps, method="x-form")["T"]),
                         ("3 shooting (quad)", lambda: nv.brachistochrone_shooting(1, 1, dps=dps)["T"]),
                         ("3 shooting (odefun)",
                          lambda: nv.brachistochrone_shooting(1, 1, dps=dps, integrator="odefun")["T"])):
            if dps > 50 and "odefun" in name:
                continue
            val, sec = timed(fn)
            print(f"{dps:>4} {name:>22} {sec:8.3f} {digits(val, ref, dps):18.1f}")
        r = nv.brachistochrone(1, 1, dps=dps)["r"]
        if dps <= 50:
            _, sec = timed(lambda: nv.el_ode_solution(r, Fraction(1, 2), [Fraction(3, 10), Fraction(7, 10), 1],
                                                      dps=dps))
            print(f"{dps:>4} {'EL ODE odefun (3 x)':>22} {sec:8.3f} {'-':>18}")
        _, sec = timed(lambda: nv.fermat_point((0, 0), (4, 0), (1, 3), (2, 3, 4), dps=dps))
        print(f"{dps:>4} {'Fermat point (2,3,4)':>22} {sec:8.3f} {'-':>18}")


if __name__ == "__main__":
    main()
