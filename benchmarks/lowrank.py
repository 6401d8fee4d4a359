"""Timing of the low-rank routes: exact best rank-r and pseudo-inverse, and the mpmath routes, by size.

Run:  python benchmarks/lowrank.py [--sizes 2 3 4 5 6] [--r 1] [--dps 50] [--seed 1] [--no-exact]

For each size k it draws one k x k rational matrix (entries p/q, |p| <= 9, q <= 4, fixed seed) and
times, in one run and side by side:

- exact (SymPy): ``proofs.lowrank.best_rank_r(M, r)`` (CRootOf eigenvalues of M^T M, spectral
  projector in Q(lambda)) and ``proofs.lowrank.moore_penrose.pseudo_inverse`` (rank factorisation);
  the latter row is skipped, with a note, if that module does not provide it yet;
- numeric (mpmath, at ``--dps``): ``mp.svd_r`` (the reference), ``best_rank_r(method="als")``
  (alternating least squares), ``singular_values(method="charpoly")`` (Faddeev-LeVerrier plus
  ``mp.polyroots``) and the Newton-Schulz pseudo-inverse (``numerics.lowrank.moore_penrose`` with
  ``method="newton_schulz"``, or a local iteration if that module is missing);

and prints the seconds of each (CPU seconds, ``time.process_time``, one call each: the exact routes
cache nothing between sizes) and, for the numeric routes, the digits by which they agree with
``mp.svd_r`` (singular values, rank-r error, pseudo-inverse).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
from mpmath import mp  # noqa: E402

from numerics.agree import digits  # noqa: E402
from numerics.lowrank import svd as num  # noqa: E402


def matrix(k: int, seed: int) -> list[list[Fraction]]:
    rng = random.Random(seed * 1000 + k)
    return [[Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(k)] for _ in range(k)]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def newton_schulz_pinv(A: list[list[Fraction]], dps: int) -> Any:
    """Fallback: X_{k+1} = X_k(2I - AX_k), X_0 = A^T/||A||_F^2, stopped when ||X_{k+1}-X_k|| stops falling."""
    try:
        from numerics.lowrank.moore_penrose import pseudo_inverse as pinv

        return pinv(A, dps=dps, method="newton_schulz")
    except (ImportError, AttributeError, TypeError):
        pass
    with mpmath.workdps(dps + 20):
        M = num.as_matrix(A)
        X = M.T / mpmath.fsum(v**2 for v in M)
        last = mpmath.inf
        for _ in range(2000):
            Y = X * (2 * mp.eye(M.rows) - M * X)
            step = mp.mnorm(Y - X, 1)
            X = Y
            if step >= last or step == 0:
                break
            last = step
        return X


def svd_pinv(A: list[list[Fraction]], dps: int) -> Any:
    with mpmath.workdps(dps + 20):
        M = num.as_matrix(A)
        U, S, V = mp.svd_r(M)
        inv = mp.diag([1 / s if s > mpmath.mpf(10) ** -(dps - 10) * S[0] else 0 for s in S])
        return V.T * inv * U.T


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 5, 6])
    parser.add_argument("--r", type=int, default=1)
    parser.add_argument("--dps", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-exact", action="store_true", help="skip the SymPy routes")
    args = parser.parse_args()

    exact_rank = exact_pinv = None
    notes = []
    if not args.no_exact:
        from proofs.lowrank import svd as exact_svd

        exact_rank = exact_svd.best_rank_r
        try:
            from proofs.lowrank.moore_penrose import pseudo_inverse as exact_pinv
        except ImportError:
            notes.append("exact pseudo_inverse: proofs.lowrank.pseudo_inverse not available, row skipped")

    print(f"low-rank routes, k x k rational matrices, r = {args.r}, dps {args.dps} (CPU seconds; "
          "digits = agreement with mp.svd_r)")
    head = (f"{'k':>3} {'exact rank-r':>13} {'exact pinv':>11} | {'svd_r':>8} {'ALS':>8} {'(dig)':>6} "
            f"{'charpoly':>9} {'(dig)':>6} {'N-Schulz':>9} {'(dig)':>6}")
    print(head)
    print("-" * len(head))
    for k in args.sizes:
        A = matrix(k, args.seed)
        r = min(args.r, k)
        t_exact = t_pinv = math.nan
        if exact_rank is not None:
            t_exact, _ = timed(lambda: exact_rank(A, r, allow_tie=True))
        if exact_pinv is not None:
            t_pinv, _ = timed(lambda: exact_pinv(A))
        t_svd, sv = timed(lambda: num.singular_values(A, dps=args.dps, method="svd"))
        _, _, err_svd = num.best_rank_r(A, r, dps=args.dps, method="svd", allow_tie=True)
        t_als, (_, _, err_als) = timed(lambda: num.best_rank_r(A, r, dps=args.dps, method="als", allow_tie=True))
        t_cp, cp = timed(lambda: num.singular_values(A, dps=args.dps, method="charpoly"))
        t_ns, ns = timed(lambda: newton_schulz_pinv(A, args.dps))
        with mpmath.workdps(args.dps):
            total = mpmath.fsum(v**2 for v in sv)  # the error is measured relative to ||M||_F^2 (it may be 0)
            d_als = digits([err_als, total], [err_svd, total])
            d_cp = digits(cp, sv)
            d_ns = digits(ns, svd_pinv(A, args.dps))

        def cell(t: float, width: int) -> str:
            return f"{'-':>{width}}" if math.isnan(t) else f"{t:{width}.3f}"

        def dig(d: float) -> str:  # values come back rounded to dps digits: full agreement reads ">=dps"
            return f"{'>=' + str(args.dps):>6}" if d >= args.dps else f"{d:6.1f}"

        print(f"{k:3d} {cell(t_exact, 13)} {cell(t_pinv, 11)} | {t_svd:8.3f} {t_als:8.3f} {dig(d_als)} "
              f"{t_cp:9.3f} {dig(d_cp)} {t_ns:9.3f} {dig(d_ns)}", flush=True)
    for note in notes:
        print("note:", note)


if __name__ == "__main__":
    main()
