"""Time and agreement of the three S4 kernel routes (spec s4.md, S4-ALG-2; issue 4 acceptance).

For N in (16, 32, 64), L in (256, 1024, 4096) and each method of ``numerics.s4.kernel`` (LegS,
bilinear step 1/100, C = (1, -1/2, 1/3, ...)), print the wall time, the relative agreement with the
"power" route (max_k |K_k - K_k^power| / max_k |K_k^power|) and the growth exponents
d log(time)/d log(L) and d log(time)/d log(N) (least-squares slopes over the measured points).

* "power": L matrix-vector products with Abar, O(N^2 L).
* "generating" (with ``halve=True``: L//2 + 1 nodes): one dense solve of the regular resolvent per
  node, O(N^3 L).
* "cauchy" is split into its one-off setup (NPLR check, ``mp.eigh`` of -iK, Ctilde = (I - Abar^L)^T C
  by repeated squaring: O(N^3 log L)) and the per-kernel evaluation (Woodbury + Cauchy sums at the
  nodes + inverse DFT: O(N L r^2 + L log L)), which is the part S4 repeats at every training step
  (S4 trains Ctilde and the rotated parameters directly).  The evaluation must grow like N^1 L^1.

Precision: the benchmark runs at ``--dps 30`` by default (each route adds 20 guard digits, so it works
with 50 digits) to keep mpmath's dense solves affordable; agreement is reported at that precision.

Usage::

    python benchmarks/s4_kernel.py            # the full grid (about 1.5 hours: "generating" at N = 64,
                                              # L = 4096 alone needs ~2000 dense 64 x 64 solves, ~1 h)
    python benchmarks/s4_kernel.py --quick    # N = 16, 32, 64; L = 256, 1024; a few minutes
    python benchmarks/s4_kernel.py --budget 120 --N 16 32 --L 256 1024 4096

``--budget S`` skips a (method, N, L) run whose time, extrapolated from the measured runs (linear in L,
cubic in N for "generating", quadratic in N for "power"), exceeds S seconds; skipped runs print the
estimate as "~est".  The full grid has no budget unless one is given; ``--quick`` uses 60 s.
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mp

from numerics.s4 import linalg as core
from numerics.s4 import kernel_routes as ker
from numerics import s4

STEP = Fraction(1, 100)
N_POWER = {"power": 2, "generating": 3}


def _timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def cauchy_parts(A: Any, B: Any, C: Any, S: Any, P: Any, L: int, dps: int) -> tuple[list, float, float]:
    """(kernel rounded to dps, setup seconds, evaluation seconds) of the Cauchy route (dps + 20 digits).

    Setup: NPLR check, mp.eigh of -iK, Ctilde = (I - Abar^L)^T C, the rotated weight vectors (O(N^3 log L)).
    Evaluation: the per-kernel Woodbury + Cauchy sums at the nodes and the inverse DFT (O(N L r^2))."""
    with mpmath.workdps(dps + 20):
        t0 = time.perf_counter()
        Am, Sm, Pm = core.matrix_in(A), core.matrix_in(S), core.matrix_in(P, square=False)
        Bv, Cv, h = core.vector_in(B, len(Am), "B"), core.vector_in(C, len(Am), "C"), core.check_step(STEP)
        _, _, M, _ = ker.truncation_matrix(Am, Bv, L, h)
        Ct = ker.c_tilde(M, Cv)
        d = ker.rotate(Am, Sm, Pm, mp.mpf(10) ** (-(dps - 10)))
        weights, CtB = ker.cauchy_weights(d, Bv, Ct), mp.fdot(Ct, Bv)
        t1 = time.perf_counter()
        K = ker.cauchy_evaluate(d, weights, CtB, L, h, dps, halve=True)
        t2 = time.perf_counter()
    with mpmath.workdps(dps):
        return [+mp.re(k) for k in K], t1 - t0, t2 - t1


def fit(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y against log x (nan with fewer than two points)."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if y and y > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sum((p[0] - mx) ** 2 for p in pts)


def estimate(times: dict, name: str, N: int, L: int) -> float | None:
    """Extrapolate the time of (name, N, L) from the nearest measured run."""
    known = [(n, l, t) for (m, n, l), t in times.items() if m == name and t is not None]
    if not known:
        return None
    n, l, t = min(known, key=lambda k: abs(math.log(k[0] / N)) + abs(math.log(k[1] / L)))
    return t * (L / l) * (N / n) ** N_POWER.get(name, 1)


def rel(a: list, b: list, dps: int) -> Any:
    with mpmath.workdps(dps):
        return max(abs(x - y) for x, y in zip(a, b)) / max(abs(y) for y in b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dps", type=int, default=30)
    ap.add_argument("--budget", type=float, default=None, help="skip runs estimated above this many seconds")
    ap.add_argument("--quick", action="store_true", help="N = 16, 32, 64; L = 256, 1024; budget 60 s")
    ap.add_argument("--N", type=int, nargs="+", default=None)
    ap.add_argument("--L", type=int, nargs="+", default=None)
    args = ap.parse_args()
    Ns = args.N or [16, 32, 64]
    Ls = args.L or ([256, 1024] if args.quick else [256, 1024, 4096])
    budget = args.budget if args.budget is not None else (60.0 if args.quick else math.inf)
    times: dict[tuple[str, int, int], float | None] = {}
    print(f"LegS, bilinear step 1/100, C = (1, -1/2, 1/3, ...), dps {args.dps} (+20 guard digits); "
          f"budget {budget} s per run")
    print("agreement = max|K - K_power| / max|K_power| of the results rounded to dps ('=': identical in all dps "
          "digits); '~est' = skipped, estimated seconds")
    print(f"{'N':>4} {'L':>5}  {'power s':>9} {'generating s':>13} {'cauchy setup s':>14} {'cauchy eval s':>13}"
          f"  {'agree gen':>9} {'agree cauchy':>12}", flush=True)
    for N in Ns:
        A, B, S, P = s4.hippo_nplr("legs", N, dps=args.dps)
        C = [Fraction((-1) ** k, k + 1) for k in range(N)]
        for L in Ls:
            cells: dict[str, str] = {}
            Kp, tp = _timed(lambda: s4.kernel(A, B, C, L, step=STEP, dps=args.dps))
            times[("power", N, L)] = tp
            est = estimate(times, "generating", N, L)
            if est is not None and est > budget:
                times[("generating", N, L)] = None
                cells["gen"], ag = f"~{est:.0f}", None
            else:
                Kg, tg = _timed(lambda: s4.kernel(A, B, C, L, step=STEP, method="generating", halve=True,
                                                  dps=args.dps))
                times[("generating", N, L)] = tg
                cells["gen"], ag = f"{tg:.2f}", rel(Kg, Kp, args.dps)
            Kc, ts, te = cauchy_parts(A, B, C, S, P, L, args.dps)
            times[("setup", N, L)], times[("eval", N, L)] = ts, te
            ac = rel(Kc, Kp, args.dps)
            agr = lambda v: "skip" if v is None else ("=" if v == 0 else mp.nstr(v, 2))  # noqa: E731
            print(f"{N:>4} {L:>5}  {tp:>9.2f} {cells['gen']:>13} {ts:>14.2f} {te:>13.2f}  {agr(ag):>9} "
                  f"{agr(ac):>12}", flush=True)
    print("\ngrowth exponents: least-squares slope of log(time) in log(L) (one per N) and in log(N) (one per L)")
    for name, label in (("power", "power (expect L^1, N^2)"), ("generating", "generating (expect L^1, N^3)"),
                        ("eval", "cauchy evaluation (expect L^1, N^1)"), ("setup", "cauchy setup (N^3, log L)")):
        in_L = [fit(Ls, [times.get((name, N, L)) or 0 for L in Ls]) for N in Ns]
        in_N = [fit(Ns, [times.get((name, N, L)) or 0 for N in Ns]) for L in Ls]
        print(f"  {label:<36} d log t/d log L = {', '.join(f'{v:.2f}' for v in in_L)} (N = {Ns}); "
              f"d log t/d log N = {', '.join(f'{v:.2f}' for v in in_N)} (L = {Ls})")


if __name__ == "__main__":
    main()
