"""The ENT-E1c d-sweep of spec ``entropy.md`` (section 4): Su's raw law ln n/(0.24 d) for d = 32 .. 256.

Usage::

    python benchmarks/entropy_e1c_sweep.py [--seed 12345] [--sub 20] [--ds 32 64 128 256] [--max-log4 9]

Design (the E1 design of the spec with d swept): for each of ``--sub`` sub-seeds and each
n = 4^2 .. 4^9 (16 .. 262144) draw n keys and 32 queries iid N(0, I_d), scale the logits by
lambda = ln n / (0.24 d) and average the entropy of the 32 rows; H(n) is the mean of the per-sub-seed
means, with its standard error.  Keys are generated and multiplied in blocks, so memory stays
below ~100 MB even at n = 262144, d = 256.

Printed for each d: H(n) +- s.e., the least-squares slope of H against ln n, the range
max H - min H, and the annealed Gaussian value H_ann = L - kappa^2 L^2/(2 d) (L = ln n, kappa = 1/0.24;
ENT-A12 consequence 5, valid only while H_ann is well above O(1), i.e. before freezing).  The spec's
orientation values: H in [1.38, 1.81] for d = 32 and [1.99, 2.71] for d = 64; for d = 128 a rise
2.35 -> 4.33 that then flattens; for d = 256 a steady rise 2.54 -> 7.43 that follows H_ann within 0.25 nats.

Status: EMPIRICAL, report only (no pass/fail): it explains why acceptance criterion E1c is tied to
d = 64.  Entropies in float64 with the stable form of pitfall P2; the first row of each d is
cross-checked against ``numerics.entropy.softmax_entropy`` at dps = 50.  Needs numpy.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import numpy as np  # noqa: E402

from numerics import entropy as ne  # noqa: E402

KAPPA = 1 / 0.24
QUERIES = 32
BLOCK = 16384  # keys generated per block


def row_entropies(logits: np.ndarray) -> np.ndarray:
    """Stable float64 entropy of softmax over the last axis (pitfall P2): log1p of the non-maximal mass."""
    top = logits.max(axis=-1, keepdims=True)
    gap = top - logits
    w = np.exp(-gap)
    np.put_along_axis(w, logits.argmax(axis=-1)[..., None], 0.0, axis=-1)
    rest = w.sum(axis=-1)
    return np.log1p(rest) + (w * gap).sum(axis=-1) / (1.0 + rest)


def raw_scale(n: int, d: int) -> float:
    """Su's raw law with kappa = 1/0.24: lambda = ln n / (0.24 d)."""
    return math.log(n) / (0.24 * d)


def annealed(n: int, d: int) -> float:
    """H_ann = L - kappa^2 L^2 / (2 d) for N(0, d) scores at lambda = kappa L / d (ENT-A10b)."""
    big_l = math.log(n)
    return big_l - KAPPA**2 * big_l**2 / (2 * d)


def logits(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """q k^T for 32 queries and n keys, all iid N(0, I_d); keys drawn block by block."""
    q = rng.standard_normal((QUERIES, d))
    out = np.empty((QUERIES, n))
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        out[:, start:stop] = q @ rng.standard_normal((stop - start, d)).T
    return out


def sweep(seed: int, ds: tuple[int, ...], ns: tuple[int, ...], sub: int) -> dict[int, dict]:
    """Mean entropy per (d, n) over ``sub`` sub-seeds x 32 rows, its standard error, and a 50-digit cross-check."""
    out: dict[int, dict] = {}
    for d in ds:
        per = np.zeros((sub, len(ns)))
        check = 0.0
        for i, child in enumerate(np.random.SeedSequence([seed, d]).spawn(sub)):
            rng = np.random.default_rng(child)
            for j, n in enumerate(ns):
                x = raw_scale(n, d) * logits(rng, n, d)
                h = row_entropies(x)
                per[i, j] = h.mean()
                if i == 0 and j == 0:
                    exact = ne.softmax_entropy([mpmath.mpf(float(v)) for v in x[0]], 1, dps=50)
                    check = abs(float(exact) - float(h[0]))
        se = per.std(axis=0, ddof=1) / math.sqrt(sub) if sub > 1 else np.full(len(ns), float("nan"))
        out[d] = {"mean": per.mean(axis=0), "se": se, "check": check}
    return out


def slope(ns: tuple[int, ...], ys: np.ndarray) -> float:
    return float(np.polyfit(np.log(np.asarray(ns, dtype=float)), np.asarray(ys, dtype=float), 1)[0])


def print_table(res: dict[int, dict], ns: tuple[int, ...], seed: int, sub: int) -> None:
    print(f"ENT-E1c d-sweep (seed {seed}, {sub} sub-seeds x {QUERIES} rows, lambda = ln n/(0.24 d)); EMPIRICAL,")
    print("report only.  Cells: mean H (nats) +- s.e.; 'ann' rows: H_ann = L - kappa^2 L^2/(2d).")
    print(f"{'d':>4} {'':>4}" + "".join(f"{n:>13}" for n in ns) + f"{'slope':>8}{'range':>8}{'min':>7}{'max':>7}")
    for d, r in res.items():
        m, se = r["mean"], r["se"]
        cells = "".join(f"{a:>7.3f}+-{e:<4.3f}" for a, e in zip(m, se))
        print(f"{d:>4} {'H':>4}{cells}{slope(ns, m):>8.3f}{m.max() - m.min():>8.3f}{m.min():>7.2f}{m.max():>7.2f}")
        print(f"{'':>4} {'ann':>4}" + "".join(f"{annealed(n, d):>13.3f}" for n in ns))
    print("freezing parameter x = lambda sqrt(d) / sqrt(2 ln n) (REM: frozen for x >= 1):")
    for d in res:
        xs = [raw_scale(n, d) * math.sqrt(d) / math.sqrt(2 * math.log(n)) for n in ns]
        print(f"{d:>4} {'x':>4}" + "".join(f"{x:>13.3f}" for x in xs))
    for d, r in res.items():
        m = r["mean"]
        dev = max(abs(a - annealed(n, d)) for a, n in zip(m, ns))
        print(f"d = {d}: max |H - H_ann| = {dev:.3f}; cross-check float64 vs dps 50 (one row): {r['check']:.1e}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--sub", type=int, default=20, help="sub-seeds per (d, n) (default 20, as in ENT-E1)")
    parser.add_argument("--ds", type=int, nargs="+", default=[32, 64, 128, 256])
    parser.add_argument("--max-log4", type=int, default=9, help="largest n = 4^k (default 9: n = 262144)")
    args = parser.parse_args(argv)
    if args.sub < 1 or any(d < 1 for d in args.ds) or not 2 <= args.max_log4 <= 10:
        parser.error("need --sub >= 1, every d >= 1 and 2 <= --max-log4 <= 10")
    ns = tuple(4**k for k in range(2, args.max_log4 + 1))
    t0 = time.perf_counter()
    res = sweep(args.seed, tuple(args.ds), ns, args.sub)
    print_table(res, ns, args.seed, args.sub)
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
