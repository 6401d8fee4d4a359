"""Conditioning of the LegS eigenvector matrix (spec s4.md, S4-EIG-4, golden values G-S9; EMPIRICAL).

W is T V (T = diag(sqrt(2n+1)), V the signed binomial matrix of S4-EIG-3) with its columns scaled
to unit 2-norm.  For each N the script computes log2 cond_2(W) from ``mp.svd_r`` at dps >= N + 30
(numerics.s4.structure.log2_cond, rounded to 4 decimals like the table), compares it with G-S9, and
prints the increment per unit N over each interval next to the conjectured limit
log2(3 + 2 sqrt2) = 2.5431 (cond(W) ~ (1 + sqrt2)^(2N) up to a sub-exponential factor).  It also
reports the least-squares slope over all listed N.

Usage: python benchmarks/s4_conditioning.py [--N 8 16 24 32 40 48 64 80 96] [--dps 50]
The full list takes about 15-30 s (N = 96 alone a few seconds).
"""

from __future__ import annotations

import argparse
import math
import time

from numerics.s4.structure import log2_cond

GOLDEN = {8: 16.2332, 16: 36.2758, 24: 56.4581, 32: 76.6912, 40: 96.9508, 48: 117.2268, 64: 157.8089,
          80: 198.4158, 96: 239.0382}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, nargs="+", default=sorted(GOLDEN))
    ap.add_argument("--dps", type=int, default=50)
    args = ap.parse_args()
    limit = math.log2(3 + 2 * math.sqrt(2))
    print(f"log2 cond_2(W), W = T V with unit columns; mp.svd_r at dps max({args.dps}, N + 30) + 20 guard")
    print(f"{'N':>4} {'log2 cond':>10} {'G-S9':>10} {'match':>6} {'increment/N':>12} {'seconds':>8}")
    rows = []
    for N in args.N:
        t = time.perf_counter()
        v = float(log2_cond(N, dps=args.dps))
        sec = time.perf_counter() - t
        gold = GOLDEN.get(N)
        match = "-" if gold is None else ("yes" if abs(v - gold) < 5e-5 else "NO")
        inc = "" if not rows else f"{(v - rows[-1][1]) / (N - rows[-1][0]):.4f}"
        rows.append((N, v))
        print(f"{N:>4} {v:>10.4f} {'' if gold is None else f'{gold:.4f}':>10} {match:>6} {inc:>12} {sec:>8.2f}",
              flush=True)
    if len(rows) >= 2:
        n = len(rows)
        mx = sum(r[0] for r in rows) / n
        my = sum(r[1] for r in rows) / n
        slope = sum((r[0] - mx) * (r[1] - my) for r in rows) / sum((r[0] - mx) ** 2 for r in rows)
        print(f"\nleast-squares slope over N = {rows[0][0]}..{rows[-1][0]}: {slope:.4f} bits per unit N; "
              f"last increment {(rows[-1][1] - rows[-2][1]) / (rows[-1][0] - rows[-2][0]):.4f}; "
              f"conjectured limit log2(3 + 2 sqrt2) = {limit:.4f}")
        print("float64 (about 53 bits) loses every digit once log2 cond > 53 (N ~ 24); 50 digits (166 bits) "
              "once log2 cond > 166 (N ~ 67).")


if __name__ == "__main__":
    main()
