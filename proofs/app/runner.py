"""Verifying many results, in parallel processes.

Results are independent, so :func:`verify_all` hands them to a pool of worker
processes (forked where the platform allows, so the registry, including results
registered at run time, is inherited) and returns the reports in the order given.
A worker that dies takes only its own result down: that result is reported failed.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence

from proofs.core import Report, Result, registry
from proofs.core.params import DEFAULT_DRAWS

__all__ = ["default_jobs", "verify_all"]


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _verify_key(key: str, dps: int, bound: int | None, draws: int, certify: bool = False) -> Report:
    result = registry[key]
    return result.verify(dps=dps, bound=bound if result.bound is not None else None, draws=draws, certify=certify)


def _crashed(result: Result, dps: int, exc: BaseException, seconds: float) -> Report:
    return Report(key=result.key, status=result.status, passed=False, symbolic="failed", digits=None,
                  digits_2x=None, seconds=seconds, message=f"worker process failed: {type(exc).__name__}: {exc}",
                  dps=dps, scope=result.proof_scope())


def verify_all(
    results: Sequence[Result],
    *,
    dps: int,
    bound: int | None = None,
    jobs: int = 1,
    draws: int = DEFAULT_DRAWS,
    certify: bool = False,
    progress: Callable[[int, int, Report], None] | None = None,
) -> list[Report]:
    """Verify ``results`` with ``jobs`` worker processes; reports come back in the order of ``results``.

    Each result is checked at its fixed examples and at ``draws`` points drawn from its strategy, and
    with ``certify`` also certified in Arb where it has an Arb route.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    total = len(results)
    done: dict[str, Report] = {}
    if jobs == 1 or total <= 1:
        for i, result in enumerate(results, 1):
            done[result.key] = _verify_key(result.key, dps, bound, draws, certify)
            if progress:
                progress(i, total, done[result.key])
        return [done[r.key] for r in results]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:
        futures = {pool.submit(_verify_key, r.key, dps, bound, draws, certify): r for r in results}
        for i, future in enumerate(concurrent.futures.as_completed(futures), 1):
            result = futures[future]
            try:
                done[result.key] = future.result()
            except Exception as exc:  # the worker died (e.g. out of memory): that result failed
                done[result.key] = _crashed(result, dps, exc, time.perf_counter() - start)
            if progress:
                progress(i, total, done[result.key])
    return [done[r.key] for r in results]
