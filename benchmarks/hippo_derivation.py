"""Time the exact HiPPO derivations (``proofs.hippo.derive_transition``) and fit the growth exponent.

Usage::

    python benchmarks/hippo_derivation.py [--sizes 32 64 128 256] [--measures legs lagt ...] [--check]

For each measure and state size N the derivation from the projection definition is timed
(best of ``--repeat`` runs, caches of the basis polynomials cleared before each run, so the
Rodrigues polynomials are rebuilt), and a least-squares fit of log(seconds) against log(N)
gives the growth exponent.  ``--check`` also compares with the closed form ``transition``.
Target (issue 3): N = 128 under 30 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from proofs.core import checks  # noqa: E402
from proofs import hippo  # noqa: E402
from proofs.hippo.transitions import _moments, shifted_legendre  # noqa: E402
from proofs.hippo.legendre import rodrigues_laguerre  # noqa: E402


def _clear() -> None:
    for f in (shifted_legendre, rodrigues_laguerre, _moments):
        f.cache_clear()


def time_one(measure: str, N: int, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        _clear()
        start = time.perf_counter()
        hippo.derive_transition(measure, N)
        best = min(best, time.perf_counter() - start)
    return best


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-9)) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sum((a - mx) ** 2 for a in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 64, 128, 256])
    parser.add_argument("--measures", nargs="+", default=list(hippo.MEASURES),
                        choices=hippo.MEASURES)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="also compare with transition() (slower)")
    args = parser.parse_args(argv)
    print(f"{'measure':<10}" + "".join(f"{'N=' + str(n):>12}" for n in args.sizes) + f"{'exponent':>10}")
    for measure in args.measures:
        secs = []
        for N in args.sizes:
            secs.append(time_one(measure, N, args.repeat))
            if args.check:
                ok = checks.same(tuple(hippo.derive_transition(measure, N)), tuple(hippo.transition(measure, N)))
                if not ok:
                    print(f"MISMATCH {measure} N={N}")
                    return 1
        print(f"{measure:<10}" + "".join(f"{s:>11.2f}s" for s in secs) + f"{fit_exponent(args.sizes, secs):>10.2f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
