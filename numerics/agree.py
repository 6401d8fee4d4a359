"""Precision contexts, digits of agreement and the dps / 2*dps rule.

Every numeric cross-check in closedform compares two independently computed
quantities and reports how many significant decimal digits they share:

.. math::

    \\operatorname{digits}(a, b) = -\\log_{10}
        \\frac{\\max_i |a_i - b_i|}{\\max(\\max_i |a_i|, \\max_i |b_i|)}

(normwise relative agreement; scalars, vectors and matrices alike).  A check is
run at ``dps`` and again at ``2*dps``; the claimed digits (``dps - loss``) must hold
at both.  A float64 leak or a catastrophic cancellation shows up as agreement that
does not grow with the working precision, and fails the rule.

Precision never leaks: everything runs inside ``mpmath.workdps``; the global
``mp.dps`` is never assigned.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

__all__ = [
    "DEFAULT_DPS",
    "MIN_DPS",
    "MAX_DPS",
    "Agreement",
    "check_dps",
    "precision",
    "with_dps",
    "round_to",
    "to_mp",
    "flatten",
    "digits",
    "agreement",
    "worst",
    "fmt_digits",
    "rounds_to",
]

DEFAULT_DPS = 50
MIN_DPS = 15
MAX_DPS = 2000


def check_dps(dps: object) -> int:
    """Return ``dps`` if it is an allowed working precision, else raise ValueError."""
    if isinstance(dps, bool) or not isinstance(dps, Integral) or not MIN_DPS <= int(dps) <= MAX_DPS:
        raise ValueError(f"dps must be an integer between {MIN_DPS} and {MAX_DPS}, got {dps!r}")
    return int(dps)


def precision(dps: int) -> AbstractContextManager[Any]:
    """A context in which mpmath works at ``dps`` decimal digits; restores the old precision on exit."""
    return mpmath.workdps(check_dps(dps))


def round_to(value: Any, dps: int) -> Any:
    """``value`` rounded to ``dps`` digits: mpmath numbers, and lists, tuples, dicts and matrices of them.

    Anything else (ints, strings, None, booleans) is returned as it is.
    """
    with mpmath.workdps(dps):
        return _round(value)


def _round(value: Any) -> Any:
    if isinstance(value, (mpmath.mpf, mpmath.mpc)):
        return +value
    if isinstance(value, mpmath.matrix):
        return value.apply(lambda v: +v)
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, tuple):
        return type(value)(*map(_round, value)) if hasattr(value, "_fields") else tuple(map(_round, value))
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def with_dps(guard: int = 0) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: the precision handling of a numeric route, written once.

    The decorated function takes ``dps=`` (default :data:`DEFAULT_DPS`); the decorator checks it
    (:func:`check_dps`), runs the function inside ``mpmath.workdps(dps + guard)`` and rounds what it
    returns to ``dps`` digits (:func:`round_to`), so the caller gets numbers at the precision it asked
    for and the global precision is never changed.  In the spirit of mpmath's ``extraprec``.

    >>> @with_dps(guard=10)
    ... def third(*, dps=DEFAULT_DPS):
    ...     return mp.mpf(1) / 3
    >>> mpmath.nstr(third(dps=20), 20)
    '0.33333333333333333333'
    >>> mp.dps  # unchanged
    15
    """
    if isinstance(guard, bool) or not isinstance(guard, int) or guard < 0:
        raise ValueError(f"guard must be a non-negative integer number of digits, got {guard!r}")

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def route(*args: Any, dps: int = DEFAULT_DPS, **kwargs: Any) -> Any:
            dps = check_dps(dps)
            with mpmath.workdps(dps + guard):
                value = fn(*args, dps=dps, **kwargs)
            return round_to(value, dps)

        return route

    return decorate


def to_mp(x: Any) -> Any:
    """Convert an exact or mpmath number to an mpmath number at the current precision.

    Accepts int, :class:`fractions.Fraction`, mpf/mpc, decimal strings and objects
    with ``p``/``q`` integer attributes (SymPy rationals) or an ``_mpf_`` tuple
    (SymPy Floats).  Python floats are converted exactly (their binary value), so a
    float that sneaks into a computation is visible, not silently widened.
    """
    if isinstance(x, (mpmath.mpf, mpmath.mpc)):
        return +x  # round to the working precision
    if isinstance(x, bool):
        raise ValueError(f"expected a number, got the boolean {x!r}")
    if isinstance(x, Integral):
        return mp.mpf(int(x))
    if isinstance(x, Fraction):
        return mp.mpf(x.numerator) / x.denominator
    if isinstance(x, float):
        return mp.mpf(x)
    if isinstance(x, str):
        try:
            return mp.mpf(x)
        except ZeroDivisionError:  # mpmath parses "p/q" and divides: "0/0" must not escape as a crash
            raise ValueError(f"cannot convert {x!r} to an mpmath number: zero denominator") from None
    if isinstance(x, complex):
        return mp.mpc(x)
    p, q = getattr(x, "p", None), getattr(x, "q", None)
    if isinstance(p, int) and isinstance(q, int):
        return mp.mpf(p) / q
    if hasattr(x, "_mpf_"):
        return mp.mpf(x._mpf_)
    raise ValueError(f"cannot convert {x!r} (type {type(x).__name__}) to an mpmath number")


def flatten(x: Any) -> list[Any]:
    """The entries of a scalar, a (nested) sequence or an mpmath matrix, as a flat list."""
    if isinstance(x, mpmath.matrix):
        return [x[i, j] for i in range(x.rows) for j in range(x.cols)]
    if isinstance(x, (list, tuple)):
        out: list[Any] = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]


def digits(a: Any, b: Any) -> float:
    """Significant decimal digits to which ``a`` and ``b`` agree (normwise, relative).

    Returns ``math.inf`` when the two are identical (including both zero), and 0.0
    when they do not agree at all.  When one side is exactly zero (every entry), the
    other is measured on the unit scale: ``digits(0, 1e-60) == 60``.  Shapes must match.

    >>> from mpmath import mpf, workdps
    >>> with workdps(30):
    ...     round(digits(mpf(1), mpf(1) + mpf(10) ** -20))
    20
    """
    fa, fb = flatten(a), flatten(b)
    if len(fa) != len(fb):
        raise ValueError(f"cannot compare quantities of different sizes ({len(fa)} and {len(fb)} entries)")
    if not fa:
        raise ValueError("cannot compare empty quantities")
    ma, mb = [to_mp(u) for u in fa], [to_mp(v) for v in fb]
    err = max(abs(u - v) for u, v in zip(ma, mb))
    if err == 0:
        return math.inf
    if all(u == 0 for u in ma) or all(v == 0 for v in mb):
        # one side is exactly zero: relative agreement is undefined, so the other side's size is
        # measured on the unit scale (a route that returns 1e-75 for an exact 0 agrees to 75 digits)
        scale = mpmath.mpf(1)
    else:
        scale = max(max(abs(u) for u in ma), max(abs(v) for v in mb))
    if not (mpmath.isfinite(err) and mpmath.isfinite(scale)):
        return 0.0
    return max(0.0, float(-mpmath.log10(err / scale)))


@dataclass(frozen=True)
class Agreement:
    """Digits of agreement measured at ``dps`` and at ``2*dps``, with the claim they are held to.

    Digits are as measured (``math.inf`` when the two sides are identical).  For a quoted rounding
    (``quoted`` gives the decimals the source quotes, one entry per compared number) the claim is not
    a digit count: each quoted number must be the precise value rounded to its decimals, at both
    precisions (``rounds``).
    """

    dps: int
    digits: float
    digits_2x: float
    loss: int
    quoted: tuple[int, ...] = ()
    rounds: tuple[bool, ...] = ()

    @property
    def required(self) -> float:
        return self.dps - self.loss

    @property
    def required_2x(self) -> float:
        return 2 * self.dps - self.loss

    @property
    def passed(self) -> bool:
        if self.quoted:
            return bool(self.rounds) and all(self.rounds)
        return self.digits >= self.required and self.digits_2x >= self.required_2x

    def describe(self) -> str:
        """One line with both figures, e.g. for a failure message."""
        if self.quoted:
            ok = "is" if self.passed else "is NOT"
            return (f"the quoted value {ok} the precise value rounded to {_decimals_text(self.quoted)} "
                    f"({fmt_digits(self.digits)} digits of agreement at dps {self.dps}, "
                    f"{fmt_digits(self.digits_2x)} at dps {2 * self.dps})")
        return (
            f"{fmt_digits(self.digits)} digits at dps {self.dps} (need {self.required}), "
            f"{fmt_digits(self.digits_2x)} at dps {2 * self.dps} (need {self.required_2x})"
        )


def _decimals_text(quoted: tuple[int, ...]) -> str:
    kinds = sorted(set(quoted))
    words = [f"{d} decimal{'s' if d != 1 else ''}" for d in kinds]
    return words[0] if len(words) == 1 else "/".join(str(d) for d in kinds) + " decimals"


def fmt_digits(d: float | None, places: int = 1) -> str:
    """Digits for people: ``"exact"`` for identical values, ``"-"`` for none, else ``"52.3"``."""
    if d is None:
        return "-"
    if math.isinf(d):
        return "exact"
    return f"{d:.{places}f}"


def rounds_to(value: Any, quoted: Any, decimals: int) -> bool:
    """Whether ``quoted`` is ``value`` rounded to ``decimals`` decimal places (ties either way).

    >>> from mpmath import mpf
    >>> rounds_to(mpf("0.2449"), mpf("0.24"), 2), rounds_to(mpf("0.2451"), mpf("0.24"), 2)
    (True, False)
    """
    half = mpmath.mpf(10) ** (-decimals) / 2
    slack = half * mpmath.mpf(10) ** (10 - mp.dps)  # the quoted number itself carries rounding error
    return bool(abs(to_mp(value) - to_mp(quoted)) <= half + slack)


def agreement(
    reference: Callable[[int], Any],
    candidate: Callable[[int], Any],
    dps: int = DEFAULT_DPS,
    *,
    loss: int = 5,
    quoted: int | Sequence[int] | None = None,
) -> Agreement:
    """Run both computations at ``dps`` and at ``2*dps`` and measure their agreement.

    ``reference(d)`` and ``candidate(d)`` are called inside ``workdps(d)`` and must
    return numbers, sequences or mpmath matrices of the same shape.  Digits are
    reported as measured, uncapped (identical values give ``math.inf``).  With ``quoted``
    (decimals, one int for all entries or one per entry) the candidate is a quoted rounding of
    the reference, and the check is :func:`rounds_to` for every entry at both precisions.
    """
    dps = check_dps(dps)
    found, rounds = [], []
    places: tuple[int, ...] = ()
    for d in (dps, 2 * dps):
        with mpmath.workdps(d):
            a, b = reference(d), candidate(d)
        with mpmath.workdps(d + 10):
            found.append(digits(a, b))
            if quoted is not None:
                fa, fb = flatten(a), flatten(b)
                places = (quoted,) * len(fa) if isinstance(quoted, int) else tuple(quoted)
                if len(places) != len(fa):
                    raise ValueError(f"quoted gives decimals for {len(places)} numbers, the check compares {len(fa)}")
                rounds.append(all(rounds_to(x, q, p) for x, q, p in zip(fa, fb, places)))
    return Agreement(dps=dps, digits=found[0], digits_2x=found[1], loss=loss, quoted=places, rounds=tuple(rounds))


def worst(agreements: Iterable[Agreement]) -> Agreement:
    """The agreement with the fewest digits (at dps, then at 2*dps) among several examples."""
    items = list(agreements)
    if not items:
        raise ValueError("no agreements to summarise")
    return Agreement(
        dps=items[0].dps,
        digits=min(a.digits for a in items),
        digits_2x=min(a.digits_2x for a in items),
        loss=items[0].loss,
        quoted=items[0].quoted,
        rounds=tuple(all(a.rounds[i] for a in items) for i in range(len(items[0].rounds))),
    )
