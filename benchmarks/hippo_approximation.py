"""EMPIRICAL HiPPO measurements (spec ``hippo.md`` HIPPO-LEGS-P11, HIPPO-LEGS-P9(iii), HIPPO-DISC-9).

Usage::

    python benchmarks/hippo_approximation.py [--dps 20]

1. LegS approximation error (HIPPO-LEGS-P11, THEOREM imported from HiPPO Prop 6): the L^2 error of the
   degree-(N-1) LegS reconstruction on [0, t] for a Lipschitz input |x - a| and a smooth input, for
   N = 4..64; the fitted log-log slope is printed (the theorem's bounds are N^{-1/2} for Lipschitz and
   N^{-k+1/2} for k bounded derivatives; the measured slopes may be steeper: the bound is only an upper bound).
2. LegT impulse response (HIPPO-LEGS-P9 (iii), EMPIRICAL): max over a grid of |e^{sA}B - g_n(1-s/w)/w 1[s<w]|
   for N = 8, 32 (window 1).
3. LegS per-step schemes (HIPPO-DISC-9): one-step error against the exact step for k = 1..20.
All quantities by mpmath (quadrature, mp.expm); no pass/fail threshold.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
from mpmath import mp  # noqa: E402

from numerics import hippo as nh  # noqa: E402


def l2_error(u, t, N: int) -> float:
    c = nh.project(u, t, N, "legs", dps=mp.dps, breakpoints=(mp.mpf(1) / 3 * t,))
    err = mp.quad(lambda tau: (u(tau) - nh.reconstruct(c, tau, t, "legs", dps=mp.dps)) ** 2,
                  [0, t / 3, t])
    return float(mp.sqrt(err / t))


def slope(ns, es) -> float:
    xs, ys = [math.log(n) for n in ns], [math.log(e) for e in es]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sum((a - mx) ** 2 for a in xs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dps", type=int, default=20)
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 8, 16, 32, 64])
    args = parser.parse_args(argv)
    with mpmath.workdps(args.dps):
        t = mp.mpf(2)
        inputs = {"lipschitz |x-2/3|": lambda v: abs(v - t / 3), "smooth sin(3x)+x^2": lambda v: mp.sin(3 * v) + v * v}
        print("1. LegS L2 reconstruction error on [0, 2] (HIPPO-LEGS-P11, EMPIRICAL)")
        print(f"{'input':<22}" + "".join(f"{'N=' + str(n):>11}" for n in args.sizes) + f"{'slope':>8}")
        for name, u in inputs.items():
            es = [l2_error(u, t, N) for N in args.sizes]
            print(f"{name:<22}" + "".join(f"{e:>11.2e}" for e in es) + f"{slope(args.sizes, es):>8.2f}")
        print("\n2. LegT impulse response vs g_n(1 - s)/w on [0, 1) (HIPPO-LEGS-P9 iii, EMPIRICAL, w = 1)")
        for N in (8, 32):
            A = mp.matrix(N, N)
            for n in range(N):
                for k in range(N):
                    A[n, k] = -mp.sqrt((2 * n + 1) * (2 * k + 1)) * (1 if k < n else (-1) ** (n - k))
            B = mp.matrix([mp.sqrt(2 * n + 1) for n in range(N)])
            worst = 0
            for s in [mp.mpf(j) / 20 for j in range(1, 19)]:
                y = mp.expm(s * A) * B
                target = [mp.sqrt(2 * n + 1) * mp.legendre(n, 2 * (1 - s) - 1) for n in range(N)]
                worst = max(worst, max(abs(y[n] - target[n]) / mp.sqrt(2 * n + 1) for n in range(N)))
            print(f"N={N:<3} max deviation (scaled by sqrt(2n+1)) = {float(worst):.3e}")
        print("\n3. LegS per-step schemes: ||Abar_k - exact|| (HIPPO-DISC-9, EMPIRICAL), N = 4")
        print(f"{'k':>3}" + "".join(f"{s:>14}" for s in ("forward", "backward", "bilinear", "su-bilinear")))
        for k in (1, 2, 5, 10, 20):
            ex = nh.legs_step(k, 4, "exact", dps=args.dps)[0]
            row = [mp.mnorm(nh.legs_step(k, 4, s, dps=args.dps)[0] - ex, 1)
                   for s in ("forward", "backward", "bilinear", "su-bilinear")]
            print(f"{k:>3}" + "".join(f"{float(v):>14.3e}" for v in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
