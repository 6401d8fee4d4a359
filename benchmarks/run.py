"""One table of the project's expensive paths, with fitted growth and the naive route beside each.

Rows:

- the default ``pytest`` run and ``closedform verify`` (wall time, whole suite);
- the exact HiPPO-LegS derivation (``proofs.hippo.derive_transition``) for N = 32 ... 256, against the
  route a user would write first, ``sympy.integrate`` of every projection integral (timed at small N,
  where it finishes);
- the S4 kernel by the three methods of ``numerics.s4.kernel`` (when the S4 pillar is installed);
- the state-free RTF kernel ``numerics.rational.fft_kernel`` for L up to 2^16, against repeated
  products with the companion matrix: matrix-vector (O(d^2 L) dense) and, as for S4, the power
  kept as a matrix (O(d^3 L)).

Growth exponents are least-squares slopes of log(time) against log(size).  Usage::

    python benchmarks/run.py            # everything (several minutes on 2 cores)
    python benchmarks/run.py --quick    # smaller sizes, no pytest run
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def slope(sizes: Sequence[float], times: Sequence[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-9)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def row(name: str, sizes: Sequence[int], times: Sequence[float], note: str = "") -> str:
    cells = "  ".join(f"{s}:{t:.3g}s" for s, t in zip(sizes, times))
    growth = f"{slope(sizes, times):.2f}" if len(sizes) > 1 else "-"
    return f"{name:38} {growth:>7}  {cells}  {note}"


def naive_legs(N: int) -> Any:
    """LegS A by sympy.integrate of every projection integral: A_nk = -delta_nk - int_0^1 r g_n' g_k dr."""
    import sympy

    r = sympy.Symbol("r")
    g = [sympy.sqrt(2 * n + 1) * sympy.legendre(n, 2 * r - 1) for n in range(N)]
    return sympy.Matrix(N, N, lambda n, k: -(1 if n == k else 0)
                        - sympy.integrate(r * sympy.diff(g[n], r) * g[k], (r, 0, 1)))


def _companion(a: Sequence[Any]) -> Any:
    """comp(a): first row -a, ones below the diagonal (mpmath, at the caller's precision)."""
    import mpmath

    d = len(a)
    comp = mpmath.matrix(d, d)
    for j in range(d):
        comp[0, j] = -mpmath.mpf(a[j])
    for i in range(1, d):
        comp[i, i - 1] = 1
    return comp


def companion_power_kernel(b: Sequence[Any], a: Sequence[Any], L: int, dps: int) -> list[Any]:
    """K_k = b^T comp(a)^k e_1 by dense matrix-vector products (the naive O(d^2 L) route)."""
    import mpmath

    with mpmath.workdps(dps):
        d = len(a)
        comp = _companion(a)
        x = mpmath.matrix([1] + [0] * (d - 1))
        bv = mpmath.matrix([mpmath.mpf(v) for v in b]).T
        out = []
        for _ in range(L):
            out.append((bv * x)[0])
            x = comp * x
        return out


def companion_matrix_power_kernel(b: Sequence[Any], a: Sequence[Any], L: int, dps: int) -> list[Any]:
    """K_k = b^T comp(a)^k e_1 with comp(a)^k kept as a matrix (M <- M comp): the naive O(d^3 L) loop."""
    import mpmath

    with mpmath.workdps(dps):
        d = len(a)
        comp = _companion(a)
        bv = mpmath.matrix([mpmath.mpf(v) for v in b]).T
        M = mpmath.eye(d)
        out = []
        for _ in range(L):
            out.append((bv * M)[0, 0])
            M = M * comp
        return out


def dense_power_kernel(A: Any, B: Any, C: Any, L: int, step: Any, dps: int) -> list[Any]:
    """K_k = C Abar^k Bbar with Abar^k kept as a matrix (M <- M Abar): the naive O(N^3 L) loop."""
    import mpmath

    from numerics.s4 import bilinear

    with mpmath.workdps(dps):
        Abar, Bbar = bilinear(A, B, step, dps=dps)
        Abar, Bbar = mpmath.matrix(Abar), mpmath.matrix(Bbar)
        c = mpmath.matrix([C]).T if not isinstance(C, mpmath.matrix) else C
        M = mpmath.eye(Abar.rows)
        out = []
        for _ in range(L):
            out.append((c.T * M * Bbar)[0])
            M = M * Abar
        return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes only, no pytest run")
    args = ap.parse_args(argv)
    lines = [f"{'path':38} {'growth':>7}  size:time ...  (naive route / ratio)", "-" * 100]

    if not args.quick:
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        t = timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                         cwd=ROOT, env=env, capture_output=True))
        lines.append(f"{'pytest (default run)':38} {'-':>7}  {t:.1f}s wall")
    t = timed(lambda: subprocess.run([sys.executable, "-m", "proofs.app.cli", "verify"], cwd=ROOT, capture_output=True))
    lines.append(f"{'closedform verify (all results)':38} {'-':>7}  {t:.1f}s wall")

    from proofs.hippo import derive_transition

    sizes = [16, 32, 64] if args.quick else [32, 64, 128, 256]
    times = [timed(lambda n=n: derive_transition("legs", n)) for n in sizes]
    small = [4, 6, 8]
    naive = [timed(lambda n=n: naive_legs(n)) for n in small]
    ours_small = [timed(lambda n=n: derive_transition("legs", n)) for n in small]
    ratio = naive[-1] / max(ours_small[-1], 1e-9)
    lines.append(row("HiPPO LegS derive_transition (exact)", sizes, times))
    lines.append(row("  naive: sympy.integrate projections", small, naive,
                     f"ratio at N={small[-1]}: {ratio:.0f}x slower"))

    try:
        from numerics.s4 import kernel
        from proofs.hippo import transition
        from proofs.s4 import nplr

        for N in ([8, 16] if args.quick else [16, 32]):
            A, B = transition("legs", N)
            C = [(-1) ** i * (i + 1) for i in range(N)]
            Ls = [64, 128, 256] if args.quick else [256, 1024, 4096]
            best: dict[int, float] = {}
            for method in ("power", "generating", "cauchy"):
                extra = {"nplr": nplr("legs", N)} if method == "cauchy" else {}
                # "generating" solves an N x N system at each of the L nodes (O(N^3 L)): at N = 32 its
                # L = 4096 point alone takes minutes, so it stops at the middle length there
                Lm = Ls[:2] if method == "generating" and N >= 32 else Ls
                ts = [timed(lambda L=L: kernel(A, B, C, L, step=0.01, method=method, dps=30, **extra)) for L in Lm]
                lines.append(row(f"S4 kernel N={N} {method}", Lm, ts))
                for L, t in zip(Lm, ts):
                    best[L] = min(best.get(L, math.inf), t)
            # the naive loop costs O(N^3) per step against O(N^2) for "power", so the ratio grows with L
            # until both are in their linear regime; at N = 32 the L = 4096 point would take a minute
            Ln = Ls if N <= 16 else Ls[:2]
            naive = [timed(lambda L=L: dense_power_kernel(A, B, C, L, 0.01, 30)) for L in Ln]
            ratios = "  ".join(f"{L}:{t / best[L]:.0f}x" for L, t in zip(Ln, naive))
            lines.append(row(f"  naive: Abar^k as a matrix, N={N}", Ln, naive,
                             f"slower than the fastest method by {ratios}"))
    except ImportError as exc:
        lines.append(f"{'S4 kernel':38} {'-':>7}  skipped: {exc}")

    from numerics.rational import fft_kernel

    d = 64
    b = [1 + i % 3 for i in range(d)]
    a = [(-1) ** i / (4 * d) for i in range(d)]
    Ls = [2**k for k in (range(10, 13) if args.quick else range(10, 17))]
    fft_kernel(b, a, 2 * d, dps=50)  # warm-up: the first call builds and caches the twiddle factors
    times = [timed(lambda L=L: fft_kernel(b, a, L, dps=50)) for L in Ls]
    lines.append(row(f"RTF fft_kernel d={d} dps=50", Ls, times))
    Lsn = Ls[:3]
    naive = [timed(lambda L=L: companion_power_kernel(b, a, L, 50)) for L in Lsn]
    ratios = "  ".join(f"{L}:{t / f:.1f}x" for L, t, f in zip(Lsn, naive, times))
    lines.append(row("  naive: comp(a) times a vector, O(d^2 L)", Lsn, naive, f"slower by {ratios}"))
    # the O(d^3 L) loop a user writes when keeping comp(a)^k (0.13 s per step at d = 64): the shortest
    # lengths fft_kernel accepts (it needs L > d)
    Lsm = [d + 1] if args.quick else [d + 1, 2 * d]
    fast = [timed(lambda L=L: fft_kernel(b, a, L, dps=50)) for L in Lsm]
    naive = [timed(lambda L=L: companion_matrix_power_kernel(b, a, L, 50)) for L in Lsm]
    ratios = "  ".join(f"{L}:{t / f:.0f}x" for L, t, f in zip(Lsm, naive, fast))
    lines.append(row("  naive: comp(a)^k as a matrix, O(d^3 L)", Lsm, naive, f"slower by {ratios}"))
    # the naive route costs O(d^2) per step, fft_kernel O(log L) per step whatever d is
    d = 64 if args.quick else 256
    b = [1 + i % 3 for i in range(d)]
    a = [(-1) ** i / (4 * d) for i in range(d)]
    L = 1024
    fast, slow = timed(lambda: fft_kernel(b, a, L, dps=50)), timed(lambda: companion_power_kernel(b, a, L, 50))
    lines.append(f"{f'RTF d={d} L={L}: fft_kernel vs naive':38} {'-':>7}  {fast:.3g}s vs {slow:.3g}s  "
                 f"ratio {slow / fast:.0f}x slower")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
