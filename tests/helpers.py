"""Helpers shared by the tests: one ``close`` and one "a plausible wrong statement must be caught".

``close(a, b, digits)`` compares numbers, vectors or matrices (mpmath, SymPy, int/Fraction or decimal
strings) to a relative number of significant digits, at a working precision above it.

``assert_caught(result, wrong, ...)`` replaces a registered result's statement by a plausible wrong one
(a sign, an index shift, an erratum as printed) and asserts that verification fails, by the route the
test names: the symbolic proof, the numeric cross-check, or either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import flatten, to_mp

__all__ = ["close", "assert_caught"]


def _number(x: Any) -> Any:
    if isinstance(x, (mpmath.mpf, mpmath.mpc)):
        return x
    if isinstance(x, str):
        return mp.mpf(x)
    if hasattr(x, "evalf") and not isinstance(x, (int, float)):  # SymPy numbers, without importing SymPy
        re, im = x.evalf(mp.dps + 5).as_real_imag()
        return mp.mpc(mp.mpf(str(re)), mp.mpf(str(im))) if im else mp.mpf(str(re))
    return to_mp(x)


def close(a: Any, b: Any, digits: float = 35) -> bool:
    """True when ``a`` and ``b`` agree to ``digits`` significant digits (normwise, relative; 1 as the floor)."""
    with mpmath.workdps(int(digits) + 15):
        xs = [_number(v) for v in (flatten(a) if not isinstance(a, (str, int)) else [a])]
        ys = [_number(v) for v in (flatten(b) if not isinstance(b, (str, int)) else [b])]
        if len(xs) != len(ys):
            return False
        scale = max([abs(v) for v in xs + ys] + [mp.mpf(1)])
        return max((abs(x - y) for x, y in zip(xs, ys)), default=mp.mpf(0)) <= mp.mpf(10) ** (-digits) * scale


def assert_caught(result: Any, wrong: Callable[..., Any], *, by: str = "either", dps: int = 30,
                  examples: Iterable[dict[str, Any]] | None = None, **replace: Any) -> Any:
    """Verify ``result`` with its statement replaced by ``wrong`` and assert that it fails.

    ``by`` is ``"symbolic"`` (the proof must fail), ``"numeric"`` (the cross-check alone must catch it:
    the derivation is removed), or ``"either"``.  Further keywords replace other fields of the result
    (``examples=``, ``bound=``...).  Returns the failing report.
    """
    if by not in ("symbolic", "numeric", "either"):
        raise ValueError(f"by must be 'symbolic', 'numeric' or 'either', got {by!r}")
    changes: dict[str, Any] = {"statement": wrong, **replace}
    if by == "numeric":
        changes.update(derive=None, bound=None, scope=None)
    if examples is not None:
        changes["examples"] = tuple(examples)
    bad = dataclasses.replace(result, **changes)
    rep = bad.verify(dps=dps)
    assert not rep.passed, f"{result.key}: a wrong statement passed ({by})"
    if by == "symbolic":
        assert rep.symbolic == "failed", f"{result.key}: the symbolic proof did not catch it: {rep.message}"
    return rep
