"""Time and agreement of the three S4 kernel routes (spec s4.md, S4-ALG-2; issue 4).

For N in (16, 32, 64) and L in (256, 1024, 4096) and each method of numerics.s4.kernel, print the
wall time, the relative agreement with the "power" route and the growth exponents
d log(time)/d log(L) and d log(time)/d log(N).  The "cauchy" route is split into its one-off setup
(NPLR check, mp.eigh of -iK, Ctilde = (I - Abar^L)^T C: O(N^3 log L)) and the per-kernel Cauchy
evaluation (O(N L r^2)), which is the part S4 repeats at every training step.

Usage: python benchmarks/s4_kernel.py [--dps 30] [--budget 120] [--N 16 32 64] [--L 256 1024 4096]
Runs whose estimated time exceeds the budget (seconds) are skipped and marked "skip".
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction

import mpmath
from mpmath import mp

from numerics import _s4_core as core
from numerics import _s4_kernel as ker
from numerics import s4


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def cauchy_parts(A, B, C, S, P, L, step, dps):
    """(kernel, setup seconds, evaluation seconds) of the Cauchy route at dps + 20 working digits."""
    with mpmath.workdps(dps + 20):
        t0 = time.perf_counter()
        Am, Sm, Pm = core.matrix_in(A), core.matrix_in(S), core.matrix_in(P, square=False)
        Bv, Cv, h = core.vector_in(B, len(Am), "B"), core.vector_in(C, len(Am), "C"), core.check_step(step)
        _, _, M, _ = ker.truncation_matrix(Am, Bv, L, h)
        Ct = ker.c_tilde(M, Cv)
        d = ker.rotate(Am, Sm, Pm, mp.mpf(10) ** (-(dps - 10)))
        t1 = time.perf_counter()
        K = ker.cauchy_route(d, Bv, Cv, Ct, L, h, dps, halve=True)
        t2 = time.perf_counter()
    return [mp.re(k) for k in K], t1 - t0, t2 - t1


def slope(xs, ys):
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if y]
    if len(pts) < 2:
        return float("nan")
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    return (y1 - y0) / (x1 - x0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dps", type=int, default=30)
    ap.add_argument("--budget", type=float, default=120.0)
    ap.add_argument("--N", type=int, nargs="+", default=[16, 32, 64])
    ap.add_argument("--L", type=int, nargs="+", default=[256, 1024, 4096])
    args = ap.parse_args()
    step = Fraction(1, 100)
    rows, times = [], {}
    print(f"LegS, step 1/100, C = (1, -1/2, 1/3, ...), dps {args.dps}; agreement = max|K - K_power| / max|K_power|")
    print(f"{'N':>4} {'L':>5}  {'power s':>9} {'generating s':>12} {'cauchy setup s':>14} {'cauchy eval s':>13}"
          f"  {'agree gen':>9} {'agree cauchy':>12}")
    for N in args.N:
        A, B, S, P = s4.hippo_nplr("legs", N, dps=args.dps)
        C = [Fraction((-1) ** k, k + 1) for k in range(N)]
        for L in args.L:
            Kp, tp = _timed(lambda: s4.kernel(A, B, C, L, step=step, dps=args.dps))
            est_gen = times.get(("gen", N, args.L[0]), 0) * L / args.L[0] if L != args.L[0] else 0
            if est_gen > args.budget:
                tg, ag = None, None
            else:
                Kg, tg = _timed(lambda: s4.kernel(A, B, C, L, step=step, method="generating", halve=True,
                                                  dps=args.dps))
                with mpmath.workdps(args.dps):
                    ag = max(abs(a - b) for a, b in zip(Kg, Kp)) / max(abs(a) for a in Kp)
            Kc, ts, te = cauchy_parts(A, B, C, S, P, L, step, args.dps)
            with mpmath.workdps(args.dps):
                ac = max(abs(a - b) for a, b in zip(Kc, Kp)) / max(abs(a) for a in Kp)
            times.update({("power", N, L): tp, ("gen", N, L): tg or 0, ("setup", N, L): ts, ("eval", N, L): te})
            fmt = lambda v: "skip" if v is None else f"{v:.2f}"  # noqa: E731
            agr = lambda v: "skip" if v is None else mp.nstr(v, 2)  # noqa: E731
            print(f"{N:>4} {L:>5}  {tp:>9.2f} {fmt(tg):>12} {ts:>14.2f} {te:>13.2f}  {agr(ag):>9} {agr(ac):>12}",
                  flush=True)
    print("\ngrowth exponents (log-log slope between the smallest and largest sizes)")
    for name, label in (("power", "power (expect L^1, N^2)"), ("gen", "generating (expect L^1, N^3)"),
                        ("eval", "cauchy evaluation (expect L^1, N^1)"), ("setup", "cauchy setup (N^3 log L)")):
        in_L = [slope(args.L, [times[(name, N, L)] for L in args.L]) for N in args.N]
        in_N = [slope(args.N, [times[(name, N, L)] for N in args.N]) for L in args.L]
        print(f"  {label:<38} d log t / d log L = {', '.join(f'{v:.2f}' for v in in_L)} (per N); "
              f"d log t / d log N = {', '.join(f'{v:.2f}' for v in in_N)} (per L)")


if __name__ == "__main__":
    main()
