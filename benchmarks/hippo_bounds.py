"""Run the symbolic proofs of the HiPPO results whose registry bound is below the spec's N = 32.

Usage::

    python benchmarks/hippo_bounds.py [--stop 32] [KEY ...]

The registry keeps a smaller bound for some results (DISC-1..5, LEGS-P4, P8, P9, DISC-8, DISC-9)
so that ``closedform verify`` stays under about 5 s per result; this script runs the *same*
proof (``Result.prove(bound=stop)``: statement == derivation for every N in 1..stop) and prints
the time of each, plus the time of the largest single case.  The slow tests
(``pytest -m slow tests/hippo/test_hippo_bounds.py``) assert the same proofs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import proofs  # noqa: E402
from proofs.core import checks  # noqa: E402

BELOW_SPEC = ("HIPPO-DISC-1", "HIPPO-DISC-2", "HIPPO-DISC-3", "HIPPO-DISC-4", "HIPPO-DISC-5",
              "HIPPO-LEGS-P4", "HIPPO-LEGS-P8", "HIPPO-LEGS-P9", "HIPPO-DISC-8", "HIPPO-DISC-9")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("keys", nargs="*", default=list(BELOW_SPEC))
    ap.add_argument("--stop", type=int, default=32)
    args = ap.parse_args()
    print(f"{'key':16s} {'registry':>9s} {'proved':>9s} {'total s':>9s} {'N=stop s':>9s}")
    failed = 0
    for key in args.keys:
        r = proofs.registry[key]
        start = time.perf_counter()
        outcome, ncases, msg = r.prove(bound=args.stop)
        total = time.perf_counter() - start
        case = {r.bound.name: args.stop}
        t0 = time.perf_counter()
        checks.same(r.statement(**case), r.derivation(**case).value)
        last = time.perf_counter() - t0
        ok = outcome == "proved-up-to-bound"
        failed += not ok
        print(f"{key:16s} {r.bound.stop:9d} {('1..' + str(args.stop)) if ok else 'FAILED':>9s} {total:9.1f} {last:9.1f}",
              flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
