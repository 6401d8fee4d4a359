"""What a verdict rests on: the scope of a symbolic proof, the kind of a numeric check, convergence tables.

A verdict must never say more than its evidence shows.  Three things qualify it:

- :class:`Scope`: what the symbolic proof covered.  *general* (symbolic parameters), *range* (every
  ``n`` in ``a..b``), *instances* (``k`` exact instances, named), *representative* (a symbolic
  instance of a stated size standing for a general claim, e.g. a symbolic 2x2 system for every
  ``N``), or *none*.  General, range and none follow from the result (``derive`` and ``bound``); the
  two narrower kinds are declared with :meth:`Scope.instances` and :meth:`Scope.representative`.
- :class:`Evidence`: what the numeric cross-check compares.  An *independent route* computes the
  quantity another way; a *mirror* repeats the closed form's own arithmetic in floating point (it
  checks transcription and evaluation, not the mathematics); *quoted rounding* checks a number quoted
  to a few digits against the precise value, and the digits that count are the quoted ones; an
  *identity at a point* checks an identity that holds at each point, standing in for a wider claim;
  *convergence* checks a limit by a table of the quantity at growing ``n`` (:class:`Convergence`).
- :class:`ConvergenceTable`: a limit claim's evidence.  The quantity at a growing sequence of ``n``,
  computed by a route that is not the limit formula, its distance to the claimed limit and the rate
  of approach.  The table passes when the distance falls at every step, keeps falling at the end
  (the last step's rate is at least a quarter of the rate fitted over the whole table), and the last
  rows extrapolate to the claimed limit: a claimed limit that the values approach and then pass, stop
  approaching, or are still moving towards but will not reach, fails.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath

from numerics.agree import flatten, to_mp

__all__ = ["ScopeKind", "Scope", "Evidence", "Convergence", "ConvergenceTable", "convergence_table"]


class ScopeKind(str, enum.Enum):
    """How far a symbolic proof reaches."""

    GENERAL = "general"
    RANGE = "range"
    INSTANCES = "instances"
    REPRESENTATIVE = "representative"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Scope:
    """What a symbolic proof covered: its kind and, for the narrower kinds, exactly which cases.

    >>> str(Scope.representative("a symbolic 2x2 system", claim="every N"))
    'representative: a symbolic 2x2 system standing for every N'
    >>> Scope.instances("d = 1, 2, 3", count=3).short
    '3 instances'
    """

    kind: ScopeKind
    detail: str = ""  # range: "n = 0..32"; instances: which; representative: the instance and the claim
    count: int = 0  # the number of instances or cases

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ScopeKind):
            raise ValueError(f"scope kind must be a ScopeKind, got {self.kind!r}")
        if self.kind in (ScopeKind.INSTANCES, ScopeKind.REPRESENTATIVE, ScopeKind.RANGE) and not self.detail:
            raise ValueError(f"a {self.kind.value} scope must say which cases it covers")
        if self.kind is ScopeKind.INSTANCES and self.count < 1:
            raise ValueError("an instances scope must give the number of instances (count >= 1)")

    @classmethod
    def instances(cls, which: str, *, count: int) -> Scope:
        """``count`` exact instances, named by ``which`` (e.g. ``"d = 1, 2; three drawn 3x3 systems"``)."""
        return cls(ScopeKind.INSTANCES, which, count)

    @classmethod
    def representative(cls, instance: str, *, claim: str) -> Scope:
        """A symbolic ``instance`` (``"a symbolic 2x2 system"``) standing for the general ``claim``
        (``"every N"``): the proof covers the instance, not the claim."""
        if not claim:
            raise ValueError("a representative scope must name the general claim it stands for")
        return cls(ScopeKind.REPRESENTATIVE, f"{instance} standing for {claim}", 1)

    @property
    def narrower(self) -> bool:
        """Whether this scope is one of the declared, narrower kinds (instances, representative)."""
        return self.kind in (ScopeKind.INSTANCES, ScopeKind.REPRESENTATIVE)

    @property
    def short(self) -> str:
        """A few characters for a table column: ``general``, ``n=0..32``, ``3 instances``, ``repr.``, ``-``."""
        if self.kind is ScopeKind.RANGE:
            return self.detail.replace(" ", "")
        if self.kind is ScopeKind.INSTANCES:
            return f"{self.count} instance{'s' if self.count != 1 else ''}"
        if self.kind is ScopeKind.REPRESENTATIVE:
            return "representative"
        if self.kind is ScopeKind.NONE:
            return "-"
        return "general"

    def __str__(self) -> str:
        if self.kind is ScopeKind.GENERAL:
            return "general"
        if self.kind is ScopeKind.RANGE:
            return f"every {self.detail}"
        if self.kind is ScopeKind.INSTANCES:
            return f"{self.count} exact instance{'s' if self.count != 1 else ''}: {self.detail}"
        if self.kind is ScopeKind.REPRESENTATIVE:
            return f"representative: {self.detail}"
        return "none"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "text": str(self)}


GENERAL = Scope(ScopeKind.GENERAL)
NONE = Scope(ScopeKind.NONE)


class Evidence(str, enum.Enum):
    """What a numeric cross-check compares (see the module documentation)."""

    ROUTE = "independent route"
    MIRROR = "mirror"
    ROUNDING = "quoted rounding"
    POINT = "identity at a point"
    CONVERGENCE = "convergence"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Convergence:
    """How a limit claim is tabulated.

    ``route(dps=..., **point)`` returns ``[(n, value), ...]`` for growing ``n``: the quantity whose
    limit is claimed, computed at each finite ``n`` by a route that is not the limit formula.  The
    claimed limit is the result's closed form at the same point.  ``scale`` is the variable the rate
    is fitted against: ``"n"`` (error ~ n^-p) or ``"log n"`` (error ~ (ln n)^-p, for logarithmically
    slow limits).  ``quantity`` names what is tabulated (text with inline math as ``$...$``).
    """

    route: Callable[..., Sequence[tuple[Any, Any]]]
    quantity: str
    scale: str = "n"

    def __post_init__(self) -> None:
        if self.scale not in ("n", "log n"):
            raise ValueError(f"convergence scale must be 'n' or 'log n', got {self.scale!r}")
        if not self.quantity:
            raise ValueError("a convergence table must name the quantity it tabulates")


@dataclass(frozen=True)
class ConvergenceTable:
    """A computed convergence table: rows of (n, value, distance to the claimed limit, local rate)."""

    quantity: str
    scale: str
    limit: str  # the claimed limit, as a decimal string
    rows: tuple[tuple[str, str, float, float | None], ...]  # n, value, log10 distance, rate from the row before
    rate: float  # fitted over the whole table
    passed: bool
    reason: str  # why it failed ("" when it passed)

    def lines(self) -> list[str]:
        """The table as plain text lines (for ``closedform show``)."""
        unit = "n" if self.scale == "n" else "ln n"
        out = [f"{'n':>10}  {'value':>24}  {'log10|value - limit|':>20}  {'rate':>6}"]
        for n, value, err, rate in self.rows:
            out.append(f"{n:>10}  {value:>24}  {err:>20.2f}  {'' if rate is None else f'{rate:.2f}':>6}")
        out.append(f"claimed limit {self.limit}; fitted: |value - limit| ~ ({unit})^-{self.rate:.2f}; "
                   + ("approaching" if self.passed else f"NOT APPROACHING: {self.reason}"))
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"quantity": self.quantity, "scale": self.scale, "limit": self.limit,
                "rows": [{"n": n, "value": v, "log10_distance": e, "rate": r} for n, v, e, r in self.rows],
                "rate": self.rate, "passed": self.passed, "reason": self.reason}


def _extrapolated(xs: Sequence[Any], vs: Sequence[Any]) -> Any | None:
    """The limit ``L`` of the model ``v = L + C x^-p`` through three points (None when no ``p`` in (0, 50] fits)."""
    (x1, x2, x3), (v1, v2, v3) = xs, vs
    if v1 == v2 or v2 == v3:
        return None
    observed = (v1 - v2) / (v2 - v3)

    def gap(p: Any) -> Any:
        return (x1 ** -p - x2 ** -p) / (x2 ** -p - x3 ** -p) - observed

    lo, hi = mpmath.mpf("1e-6"), mpmath.mpf(50)
    if gap(lo) * gap(hi) > 0:
        return None
    for _ in range(200):
        mid = (lo + hi) / 2
        if gap(lo) * gap(mid) <= 0:
            hi = mid
        else:
            lo = mid
    p = (lo + hi) / 2
    c = (v2 - v3) / (x2 ** -p - x3 ** -p)
    return v3 - c * x3 ** -p


def _extrapolation_disagrees(spec: Convergence, rows: Sequence[tuple[Any, Any]], lim: Sequence[Any]) -> str:
    """Why the last three rows point at a limit other than the claimed one ("" when they agree).

    The model ``value = L + C x^-p`` (``x`` = ``n``, or ``ln n`` on the log scale) through the last three
    rows gives an extrapolated ``L``; it must lie closer to the claimed limit than half the last row's
    distance to it.  A claimed limit off by more than the table's last error fails even when the values
    still move towards it.
    """
    last = rows[-3:]
    xs = [to_mp(n) if spec.scale == "n" else mpmath.log(to_mp(n)) for n, _ in last]
    columns = list(zip(*[[to_mp(v) for v in flatten(value)] for _, value in last]))
    for i, (column, claimed) in enumerate(zip(columns, lim)):
        distance = abs(column[-1] - claimed)
        guess = _extrapolated(xs, column)
        if guess is None or distance == 0:
            continue
        if abs(guess - claimed) > distance / 2:
            where = f" (entry {i})" if len(lim) > 1 else ""
            return (f"the last three rows extrapolate to {mpmath.nstr(guess, 12)}{where}, not to the claimed "
                    f"limit (off by {mpmath.nstr(abs(guess - claimed), 3)}, more than half the last distance "
                    f"{mpmath.nstr(distance, 3)})")
    return ""


def convergence_table(spec: Convergence, rows: Sequence[tuple[Any, Any]], limit: Any) -> ConvergenceTable:
    """Tabulate ``rows`` (``(n, value)``, growing ``n``) against the claimed ``limit`` and judge them.

    Passes when there are at least three rows, ``n`` grows, the distance to the limit falls at every
    step, the last step's rate is at least a quarter of the rate fitted over the table (a limit that
    the values stop approaching shows a rate that collapses at the end), and the last three rows,
    extrapolated by ``value = L + C x^-p``, point at the claimed limit (see
    :func:`_extrapolation_disagrees`).
    """
    if len(rows) < 3:
        raise ValueError(f"a convergence table needs at least 3 rows, got {len(rows)}")
    ns = [to_mp(n) for n, _ in rows]
    if any(b <= a for a, b in zip(ns, ns[1:])) or ns[0] <= (1 if spec.scale == "log n" else 0):
        raise ValueError("convergence rows must have growing n (n > 1 on the log n scale)")
    xs = [mpmath.log(n) if spec.scale == "n" else mpmath.log(mpmath.log(n)) for n in ns]
    lim = [to_mp(v) for v in flatten(limit)]
    errs = []
    for _, value in rows:
        entries = [to_mp(v) for v in flatten(value)]
        if len(entries) != len(lim):
            raise ValueError("each tabulated value must have the shape of the claimed limit")
        errs.append(max(abs(a - b) for a, b in zip(entries, lim)))
    logs = [float(mpmath.log10(e)) if e != 0 else -math.inf for e in errs]
    rates: list[float | None] = [None]
    for i in range(1, len(rows)):
        if math.isinf(logs[i]) or math.isinf(logs[i - 1]):
            rates.append(None)
        else:
            rates.append(float((mpmath.log(errs[i - 1]) - mpmath.log(errs[i])) / (xs[i] - xs[i - 1])))
    finite = [(float(x), float(mpmath.log(e))) for x, e in zip(xs, errs) if e != 0]
    rate = 0.0
    if len(finite) >= 2:
        mx = sum(x for x, _ in finite) / len(finite)
        my = sum(y for _, y in finite) / len(finite)
        sxx = sum((x - mx) ** 2 for x, _ in finite)
        rate = -sum((x - mx) * (y - my) for x, y in finite) / sxx if sxx else 0.0
    reason = ""
    if any(math.isinf(v) for v in logs[:-1]):
        reason = "the distance to the limit is zero before the last row and then grows"
    elif any(b >= a for a, b in zip(errs, errs[1:])):
        k = next(i for i in range(1, len(errs)) if errs[i] >= errs[i - 1])
        reason = f"the distance to the claimed limit grows from n = {rows[k - 1][0]} to n = {rows[k][0]}"
    elif rate <= 0:
        reason = "the fitted rate is not positive"
    elif rates[-1] is not None and rates[-1] < rate / 4:
        reason = (f"the last step's rate {rates[-1]:.3f} is below a quarter of the fitted rate {rate:.3f}: "
                  "the values stop approaching the claimed limit")
    else:
        reason = _extrapolation_disagrees(spec, rows, lim)
    digits = max(8, min(20, mpmath.mp.dps))

    def text(v: Any) -> str:
        entries = flatten(v)
        return mpmath.nstr(to_mp(entries[0]), digits) if len(entries) == 1 else \
            "(" + ", ".join(mpmath.nstr(to_mp(e), 8) for e in entries) + ")"

    return ConvergenceTable(
        quantity=spec.quantity, scale=spec.scale, limit=text(limit),
        rows=tuple((str(n), text(v), logs[i], rates[i]) for i, (n, v) in enumerate(rows)),
        rate=rate, passed=not reason, reason=reason,
    )
