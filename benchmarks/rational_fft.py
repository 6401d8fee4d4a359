"""Timing of ``numerics.rational.fft_kernel`` at dps 50: O(L log L), independent of d.

Run:  python benchmarks/rational_fft.py [--min-exp 10] [--max-exp 16] [--d 4 16 64 256] [--dps 50]

For every L = 2^e and state size d it times one call of ``fft_kernel(b, a, L)`` (own radix-2
FFT over mpmath ``mpc`` numbers; the two real inputs share one complex transform, plus one
inverse transform), prints a table of seconds and of seconds / (L log2 L), and fits the growth
exponent p in t ~ L^p by least squares on log t over log L (O(L log L) shows as p slightly
above 1), plus the spread over d at each L (independence of d: ratio max/min close to 1).
One odd length (Bluestein) is timed as well.  Twiddle factors are cached per (L, precision);
an untimed warm-up call at each L computes them; cells are CPU seconds (``time.process_time``),
the best of ``--repeat`` runs, so that other jobs on the machine do not inflate them.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from numerics.rational import fft_kernel


def coefficients(d: int, seed: int) -> tuple[list[Fraction], list[Fraction]]:
    rng = random.Random(seed)
    a = [Fraction(rng.randint(-1000, 1000), 1000) for _ in range(d)]
    s = sum(abs(x) for x in a)
    a = [x * Fraction(9, 10) / s for x in a]  # Montel-stable: no vanishing DFT bin
    b = [Fraction(rng.randint(-1000, 1000), 1000) for _ in range(d)]
    return b, a


def best_time(b: list[Fraction], a: list[Fraction], L: int, dps: int, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()  # CPU time of this process: robust to other jobs sharing the machine
        fft_kernel(b, a, L, dps=dps)
        best = min(best, time.process_time() - start)
    return best


def fit_exponent(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((p - mx) * (q - my) for p, q in zip(lx, ly)) / sum((p - mx) ** 2 for p in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-exp", type=int, default=10)
    parser.add_argument("--max-exp", type=int, default=16)
    parser.add_argument("--d", type=int, nargs="+", default=[4, 16, 64, 256])
    parser.add_argument("--dps", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    Ls = [2**e for e in range(args.min_exp, args.max_exp + 1)]
    print(f"fft_kernel timing at dps {args.dps} (CPU seconds, best of {args.repeat}, after a warm-up call per L)")
    print(f"{'L':>8} " + " ".join(f"{'d=' + str(d):>10}" for d in args.d) + f" {'max/min':>8} {'us/(L log2 L)':>14}")
    per_L = []
    for L in Ls:
        fft_kernel([1], [0], L, dps=args.dps)  # warm-up: computes and caches the twiddle factors of L
        times = []
        for d in args.d:
            if d >= L:
                times.append(math.nan)
                continue
            b, a = coefficients(d, seed=d)
            times.append(best_time(b, a, L, args.dps, args.repeat))
        valid = [t for t in times if not math.isnan(t)]
        mean = sum(valid) / len(valid)
        per_L.append(mean)
        cells = " ".join(f"{t:10.3f}" if not math.isnan(t) else f"{'-':>10}" for t in times)
        print(f"{L:8d} {cells} {max(valid) / min(valid):8.2f} {1e6 * mean / (L * math.log2(L)):14.3f}", flush=True)
    p = fit_exponent([float(L) for L in Ls], per_L)
    q = fit_exponent([L * math.log2(L) for L in Ls], per_L)
    print(f"fitted growth exponent: t ~ L^{p:.3f}  (t ~ (L log2 L)^{q:.3f}; O(L log L) predicts p slightly > 1, q = 1)")
    odd = Ls[0] + 1
    b, a = coefficients(args.d[0], seed=1)
    fft_kernel([1], [0], odd, dps=args.dps)  # warm-up (chirp and power-of-two twiddles)
    print(f"odd length L = {odd} (Bluestein): {best_time(b, a, odd, args.dps, args.repeat):.3f} s "
          f"(vs {per_L[0]:.3f} s at L = {Ls[0]})")


if __name__ == "__main__":
    main()
