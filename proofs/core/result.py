"""The result type, the registry of results, and their verification.

Every mathematical claim of closedform is one :class:`Result` in one
:class:`Registry` (``proofs.registry``).  Tests, the command line and the LaTeX
report all iterate over the registry, so a result is written once.

A result carries its statement (the closed form, as SymPy objects), a derivation
from first principles (``derive``), an independent mpmath computation of the same
quantity (``numeric``), the hypothesis strategy of its parameters, and metadata
(key, title, source, status).  :meth:`Result.verify` runs

1. the symbolic proof: ``derive(case) == statement(case)`` exactly, for every case
   (for general symbolic parameters, or for every ``n`` up to a stated bound);
2. the numeric cross-check: ``numeric(point)`` against the closed form evaluated at
   the same exact point, at ``dps`` and ``2*dps`` (see :mod:`numerics.agree`).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import re
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy

import mpmath

from numerics.agree import DEFAULT_DPS, Agreement, agreement, check_dps, fmt_digits, worst

from . import checks, latex
from .evidence import GENERAL, NONE, Convergence, ConvergenceTable, Evidence, Scope, ScopeKind, convergence_table
from .latex import LatexParts
from .params import DEFAULT_DRAWS, DEFAULT_SEED, sample
from .markup import check_markup, latex_escape, latex_text

__all__ = [
    "Status",
    "Step",
    "Derivation",
    "Bound",
    "Result",
    "Report",
    "Scope",
    "Evidence",
    "Convergence",
    "LatexParts",
    "latex_escape",
]


class Status(str, enum.Enum):
    """How a result is known to be true."""

    EXACT = "EXACT"  # a provable identity or inequality, proved here
    THEOREM = "THEOREM"  # a rigorous result imported from the literature, exercised numerically
    HEURISTIC = "HEURISTIC"  # an approximation argument, reproduced and labelled as such
    EMPIRICAL = "EMPIRICAL"  # a fitted constant or numerical observation

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Step:
    """One captioned step of a derivation."""

    caption: str  # text with inline math as $...$ (see proofs.core.markup)
    expr: Any

    def __post_init__(self) -> None:
        check_markup(self.caption, "step caption")


@dataclass(frozen=True)
class Derivation:
    """What ``derive`` returns: the derived object and, optionally, the steps that led to it."""

    value: Any
    steps: tuple[Step, ...] = ()

    def _repr_latex_(self) -> str:
        """Notebook view: the captioned steps and the derived value."""
        return latex.derivation(self)


@dataclass(frozen=True)
class Bound:
    """Symbolic proofs that SymPy cannot do for general ``name`` run for ``name`` in ``start..stop``."""

    name: str
    start: int = 0
    stop: int = 32

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.stop, int)) or self.stop < self.start:
            raise ValueError(f"bound must satisfy start <= stop (integers), got {self.start}..{self.stop}")


_KEY = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
#: the symbolic outcome of each scope kind; "proved" alone means a general proof
SYMBOLIC_OUTCOMES = ("proved", "proved-up-to-bound", "proved-for-instances", "proved-representative",
                     "not-applicable", "failed")
_PROVED = {ScopeKind.GENERAL: "proved", ScopeKind.RANGE: "proved-up-to-bound",
           ScopeKind.INSTANCES: "proved-for-instances", ScopeKind.REPRESENTATIVE: "proved-representative"}


@dataclass(frozen=True)
class Report:
    """The outcome of verifying one result, with what it rests on.

    ``scope`` is what the symbolic proof covered; ``evidence`` the kind of the numeric check
    (``None`` without one); ``digits``/``digits_2x`` are measured, uncapped (``math.inf`` when both
    sides are identical); ``examples`` fixed points and ``drawn`` points drawn from the result's
    strategy were checked; ``convergence`` is a limit claim's table.
    """

    key: str
    status: Status
    passed: bool
    symbolic: str
    digits: float | None
    digits_2x: float | None
    seconds: float
    message: str
    dps: int
    cases: int = 0
    examples: int = 0
    scope: Scope = NONE
    evidence: Evidence | None = None
    drawn: int = 0
    quoted: tuple[int, ...] = ()
    convergence: ConvergenceTable | None = None
    certified: float | None = None  # a rigorous lower bound on the digits (math.inf: exact); None: not certified
    certified_reason: str = ""  # why not certified ("" when certified or when certification was not asked for)
    numeric_seconds: float = 0.0  # the measured check (fixed and drawn points, dps and 2*dps)
    certified_seconds: float = 0.0  # the certified check (fixed points, Arb), when asked for

    @property
    def points(self) -> int:
        """Every point the numeric check ran at (fixed and drawn)."""
        return self.examples + self.drawn

    def __str__(self) -> str:
        """One line: ``KEY: passed (proved, general; independent route: 52.1 digits at dps 50, ...)``."""
        verdict = "passed" if self.passed else "FAILED"
        proved = self.symbolic.startswith("proved") and self.scope.kind is not ScopeKind.NONE
        parts = [self.symbolic + (f", {self.scope}" if proved else "")]
        if self.numeric_text():
            parts.append(self.numeric_text())
        if self.certified is not None:
            parts.append("certified " + ("exact" if self.certified == float("inf")
                                         else f">= {fmt_digits(self.certified)} digits"))
        text = f"{self.key}: {verdict} ({'; '.join(parts)})"
        return text if self.passed or not self.message else f"{text}: {self.message}"

    def numeric_text(self) -> str:
        """The numeric evidence in words, e.g. ``independent route: 52.1 digits at dps 50, 101.3 at dps 100
        (worst of 3 fixed and 2 drawn points)``; ``""`` without a numeric check."""
        if self.digits is None or self.evidence is None:
            return ""
        where = f"worst of {self.examples} fixed and {self.drawn} drawn point(s)"
        if self.quoted:
            kinds = sorted(set(self.quoted))
            places = "/".join(str(k) for k in kinds) + (" decimal" if kinds == [1] else " decimals")
            return (f"{self.evidence}: quoted to {places}, rounding confirmed at dps {self.dps} and "
                    f"{2 * self.dps} ({where})")
        measured = (f"{fmt_digits(self.digits)} digits at dps {self.dps}, "
                    f"{fmt_digits(self.digits_2x)} at dps {2 * self.dps} ({where})")
        if self.evidence is Evidence.CONVERGENCE:  # the digits are the point check's, not the limit's
            return f"convergence (the limit rests on the table); the check at points: {measured}"
        return f"{self.evidence}: {measured}"

    def _repr_html_(self) -> str:
        """Notebook view: the verdict and its evidence as a small table."""
        import html

        colour = "#1b7f3b" if self.passed else "#b00020"
        rows = [("result", f"<b>{self.key}</b> [{self.status.value}]"),
                ("verdict", f'<b style="color:{colour}">{"passed" if self.passed else "FAILED"}</b>'),
                ("symbolic", html.escape(self.symbolic + (f" ({self.cases} cases)" if self.cases > 1 else ""))),
                ("scope", html.escape(str(self.scope)))]
        if self.digits is not None:
            rows.append(("numeric", html.escape(self.numeric_text())))
        if self.convergence is not None:
            rows.append(("convergence", "<pre>" + html.escape("\n".join(self.convergence.lines())) + "</pre>"))
        if self.certified is not None:
            cert = "exact" if self.certified == float("inf") else f">= {fmt_digits(self.certified)} digits"
            rows.append(("certified", html.escape(f"{cert} (Arb ball arithmetic, a rigorous lower bound)")))
        elif self.certified_reason:
            rows.append(("certified", html.escape(f"not certified: {self.certified_reason}")))
        rows.append(("time", f"{self.seconds:.2f} s"))
        if self.message:
            rows.append(("message", html.escape(self.message)))
        body = "".join(f'<tr><th style="text-align:left">{k}</th><td style="text-align:left">{v}</td></tr>'
                       for k, v in rows)
        return f"<table>{body}</table>"

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``closedform verify --json``: digits are numbers, or ``"exact"`` when the
        two sides were identical."""
        def number(d: float | None) -> float | str | None:
            return None if d is None else "exact" if d == float("inf") else round(d, 2)

        return {
            "key": self.key,
            "status": self.status.value,
            "passed": self.passed,
            "symbolic": self.symbolic,
            "scope": self.scope.as_dict(),
            "evidence": None if self.evidence is None else self.evidence.value,
            "digits": number(self.digits),
            "digits_2x": number(self.digits_2x),
            "quoted_decimals": list(self.quoted) or None,
            "seconds": round(self.seconds, 3),
            "message": self.message,
            "dps": self.dps,
            "cases": self.cases,
            "examples": self.examples,
            "drawn": self.drawn,
            "convergence": None if self.convergence is None else self.convergence.as_dict(),
            "certified": number(self.certified),
            "certified_reason": self.certified_reason,
            "numeric_seconds": round(self.numeric_seconds, 3),
            "certified_seconds": round(self.certified_seconds, 3),
        }


def _accepted(fn: Callable[..., Any], point: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``point`` that ``fn`` takes as keyword arguments."""
    params = inspect.signature(fn).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return dict(point)
    return {k: v for k, v in point.items() if k in params}


@dataclass(frozen=True, eq=False, kw_only=True)
class Result:
    """One registered mathematical claim.

    Parameters
    ----------
    key, title, source, status
        Identification.  ``key`` is the spec's ID (``HIPPO-LEG-6``), upper case; ``status`` defaults
        to EXACT.  Every field is passed by keyword.
    statement
        ``statement(**case) -> Eq | Expr | Matrix | Tuple``: the closed form.  For an
        ``Eq`` the left side names the quantity and the right side is the closed form.
    derive
        ``derive(**case) -> Derivation | object``: the same object computed from the
        definition.  ``None`` for results without a symbolic proof here (THEOREM,
        HEURISTIC, EMPIRICAL).
    numeric
        ``numeric(dps=..., **point)``: the quantity computed independently in mpmath
        (never by evaluating the closed form).  It is compared with ``evaluate``.
    evaluate
        ``evaluate(statement, dps, point)``: the closed form at ``point`` as mpmath
        numbers.  Default :func:`proofs.core.checks.evaluate` (substitute and ``evalf``).
    params
        zero-argument callable returning a hypothesis strategy of example points
        (dicts), used by the test-suite to draw many examples.
    examples
        fixed example points, used by :meth:`verify` (and so by the CLI).
    bound
        the enumerated parameter of a proof "for every n up to a bound"; ``None``
        means ``derive`` and ``statement`` are compared once, with no arguments
        (a general proof).
    loss
        digits the numeric route may lose: the claim is ``dps - loss`` digits at
        ``dps`` and ``2*dps - loss`` at ``2*dps``.
    display
        the case whose derivation steps are shown (by ``show`` and in LaTeX).
    notes
        errata, conventions, caveats (shown with the result); text with inline math as ``$...$``.
    title_tex
        the title with its mathematics typeset (text with inline math as ``$...$``, see
        :mod:`proofs.core.markup`), for the report and notebooks; ``title`` stays the plain-text form
        used by the terminal, JSON and PDF bookmarks.  Empty when the title has no mathematics.
    parts
        for a statement that is a tuple, the name of each part in order, as inline math without
        dollars (``("A", "B")``, ``(r"\bar{A}", r"\bar{B}")``); shown as ``A = ...`` by ``show``,
        the report and notebooks.  Empty for a statement that is not a tuple.
    scope
        what the symbolic proof covers when it is narrower than ``bound`` says:
        :meth:`Scope.instances` (exact instances, named) or :meth:`Scope.representative` (a symbolic
        instance of a stated size standing for a general claim).  ``None``: general without a
        bound, every case of the bound with one (see :meth:`proof_scope`).
    evidence
        the kind of the numeric check (:class:`Evidence`): an independent route (default), a mirror
        of the closed form's arithmetic, a quoted rounding (with ``quoted``), an identity at a point,
        or convergence (with ``convergence``).
    quoted
        for a quoted rounding: the decimals the source quotes (one int, or one per compared number);
        the check is then that each quoted number is the precise value rounded, not a digit count.
    convergence
        for a limit claim: the :class:`Convergence` route that tabulates the quantity at growing
        ``n``; the table is computed at the first example point against the closed form there, and a
        table that does not approach the claimed limit fails the verification.
    certified
        ``certified(prec=..., **point)``: the quantity computed in Arb balls or exact FLINT arithmetic
        (python-flint, in :mod:`numerics`), for the certified tier (:mod:`proofs.core.certify`):
        ``verify(certify=True)`` bounds its agreement with the closed form rigorously.
    uncertified
        for a result without an Arb route, why there is none (e.g. "an ODE route: FLINT has no rigorous ODE
        solver"); shown by ``show`` and ``verify --certify``.  Mirrors, quoted roundings and limit claims
        have their reason from their evidence kind and need none.
    """

    key: str
    title: str
    source: str
    status: Status = Status.EXACT
    statement: Callable[..., Any]
    derive: Callable[..., Any] | None = None
    numeric: Callable[..., Any] | None = None
    evaluate: Callable[[Any, int, Mapping[str, Any]], Any] = checks.evaluate
    params: Callable[[], Any] | None = None
    examples: tuple[Mapping[str, Any], ...] = ()
    bound: Bound | None = None
    loss: int = 5
    display: Mapping[str, Any] = field(default_factory=dict)
    notes: str = ""
    title_tex: str = ""
    parts: tuple[str, ...] = ()
    scope: Scope | None = None
    evidence: Evidence = Evidence.ROUTE
    quoted: int | tuple[int, ...] | None = None
    convergence: Convergence | None = None
    certified: Callable[..., Any] | None = None
    uncertified: str = ""

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValueError(f"result key must look like 'PILLAR-TOPIC-1' (upper case), got {self.key!r}")
        if not isinstance(self.status, Status):
            raise ValueError(f"{self.key}: status must be a Status, got {self.status!r}")
        if not self.title or not self.source:
            raise ValueError(f"{self.key}: title and source are required")
        if self.derive is None and self.numeric is None and self.convergence is None:
            raise ValueError(f"{self.key}: a result needs a derivation, a numeric cross-check or a convergence "
                             "table (or several)")
        if self.numeric is not None and not self.examples:
            raise ValueError(f"{self.key}: a numeric cross-check needs at least one example point")
        if self.status is not Status.EXACT and self.derive is not None and self.bound is None:
            # a general symbolic proof of a non-EXACT claim would mislabel it
            raise ValueError(f"{self.key}: only EXACT results carry a general symbolic proof")
        check_markup(self.notes, f"{self.key}: notes")
        check_markup(self.title_tex, f"{self.key}: title_tex")
        for name in self.parts:
            check_markup(f"${name}$", f"{self.key}: parts")
        if not 0 <= self.loss < 10:
            raise ValueError(f"{self.key}: loss must be in 0..9 digits, got {self.loss}")
        if self.scope is not None:
            if not isinstance(self.scope, Scope) or not self.scope.narrower:
                raise ValueError(f"{self.key}: scope declares a narrower proof (Scope.instances or "
                                 f"Scope.representative), got {self.scope!r}")
            if self.derive is None:
                raise ValueError(f"{self.key}: a scope needs a symbolic derivation")
        if not isinstance(self.evidence, Evidence):
            raise ValueError(f"{self.key}: evidence must be an Evidence, got {self.evidence!r}")
        if (self.evidence is Evidence.ROUNDING) != (self.quoted is not None):
            raise ValueError(f"{self.key}: a quoted rounding gives quoted=<decimals>, and only it does")
        if self.quoted is not None and not all(isinstance(q, int) and 0 <= q <= 30 for q in
                                               (self.quoted if isinstance(self.quoted, tuple) else (self.quoted,))):
            raise ValueError(f"{self.key}: quoted decimals must be integers in 0..30, got {self.quoted!r}")
        if (self.evidence is Evidence.CONVERGENCE) != (self.convergence is not None):
            raise ValueError(f"{self.key}: evidence CONVERGENCE comes with a convergence table, and only it does")
        if self.convergence is not None and not self.examples:
            raise ValueError(f"{self.key}: a convergence table needs an example point")
        if self.certified is not None and not self.examples:
            raise ValueError(f"{self.key}: a certified route needs an example point")
        if self.certified is not None and self.uncertified:
            raise ValueError(f"{self.key}: a result with an Arb route has no reason for not being certified")
        if self.certified is not None and self.evidence in (Evidence.MIRROR, Evidence.ROUNDING):
            raise ValueError(f"{self.key}: a {self.evidence.value} check is not certified (nothing independent "
                             "to bound)")

    # --- the pieces -----------------------------------------------------------------

    def cases(self, stop: int | None = None) -> list[dict[str, int]]:
        """The symbolic cases: ``[{}]`` for a general proof, else every ``n`` in the bound."""
        if self.bound is None:
            return [{}]
        last = self.bound.stop if stop is None else stop
        if last < self.bound.start:
            raise ValueError(f"{self.key}: bound must be at least {self.bound.start}, got {last}")
        return [{self.bound.name: n} for n in range(self.bound.start, last + 1)]

    def statement_at(self, **case: Any) -> Any:
        return self.statement(**case)

    def derivation(self, **case: Any) -> Derivation:
        """The derivation for one case (wrapped in :class:`Derivation`)."""
        if self.derive is None:
            raise ValueError(f"{self.key} has no symbolic derivation (status {self.status})")
        out = self.derive(**case)
        return out if isinstance(out, Derivation) else Derivation(out)

    def general(self) -> Any:
        """The statement in general form (the bound parameter left symbolic) for display."""
        # Shown by the report, the notebook view and the LaTeX round trip: built once per result
        # (some statements take a third of a second to build).
        cached = _GENERAL.get(self)
        if cached is None:
            cached = _GENERAL[self] = self._build_general()
        return cached

    def _build_general(self) -> Any:
        # A statement that needs concrete values (a matrix of size N, a Poly in z**L) cannot take a
        # symbol; it is shown at its display case instead.
        try:
            if self.bound is None:
                return self.statement()
            sym = sympy.Symbol(self.bound.name, integer=True, nonnegative=True)
            return self.statement(**{self.bound.name: sym})
        except (TypeError, ValueError, sympy.PolynomialError):
            return self.statement(**self.display_case())

    def display_case(self) -> dict[str, Any]:
        if self.display:
            return dict(self.display)
        return self.cases(min(self.bound.stop, self.bound.start + 3))[-1] if self.bound else {}

    def perturbed(self) -> Result:
        """A copy whose statement is deliberately wrong; its verification must fail."""
        original = self.statement

        @functools.wraps(original)  # keeps the signature, so points are split the same way
        def wrong(**case: Any) -> Any:
            return checks.perturb(original(**case))

        return dataclasses.replace(self, statement=wrong)

    # --- verification -----------------------------------------------------------------

    @property
    def numeric_evidence(self) -> Evidence | None:
        """The kind of this result's numeric evidence; None when it has neither a numeric check nor a table."""
        return None if self.numeric is None and self.convergence is None else self.evidence

    def proof_scope(self, bound: int | None = None) -> Scope:
        """What the symbolic proof covers (``bound`` overrides the stop of the bound)."""
        if self.derive is None:
            return NONE
        if self.scope is not None:
            if bound is not None and self.bound is not None and bound != self.bound.stop:
                b = self.bound
                return Scope(self.scope.kind, f"{self.scope.detail}; this run: {b.name} = {b.start}..{bound}",
                             self.scope.count)
            return self.scope
        if self.bound is None:
            return GENERAL
        b = self.bound
        stop = b.stop if bound is None else bound
        return Scope(ScopeKind.RANGE, f"{b.name} = {b.start}..{stop}", stop - b.start + 1)

    def prove(self, *, bound: int | None = None) -> tuple[str, int, str]:
        """Run the symbolic proof; returns (outcome, cases checked, message).

        The outcome names the scope (:data:`SYMBOLIC_OUTCOMES`): ``proved`` only for a general proof.
        """
        if self.derive is None:
            return "not-applicable", 0, ""
        cases = self.cases(bound)
        for case in cases:
            if not checks.same(self.statement(**case), self.derivation(**case).value):
                where = ", ".join(f"{k}={v}" for k, v in case.items()) or "general case"
                return "failed", len(cases), f"statement and derivation differ ({where})"
        scope = self.proof_scope(bound)
        message = "" if scope.kind is ScopeKind.GENERAL else str(scope)
        if self.bound is not None and scope.kind is ScopeKind.RANGE:
            message = f"{self.bound.name} = {cases[0][self.bound.name]}..{cases[-1][self.bound.name]}"
        return _PROVED[scope.kind], len(cases), message

    def cross_check(self, point: Mapping[str, Any], dps: int = DEFAULT_DPS) -> Agreement:
        """Numeric value against closed form at one example point, at ``dps`` and ``2*dps``."""
        if self.numeric is None:
            raise ValueError(f"{self.key} has no numeric cross-check")
        numeric = self.numeric
        stmt = self.statement(**_accepted(self.statement, point))
        return agreement(
            lambda d: numeric(dps=d, **point),
            lambda d: self.evaluate(stmt, d, point),
            dps,
            loss=self.loss,
            quoted=self.quoted,
        )

    def drawn_points(self, count: int = DEFAULT_DRAWS, *, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
        """``count`` points drawn from this result's strategy (``params``), none a fixed example."""
        if self.params is None or self.numeric is None:
            return []
        return sample(self.params, count, seed=seed, exclude=self.examples)

    def convergence_table(self, dps: int = DEFAULT_DPS) -> ConvergenceTable:
        """The convergence table of a limit claim, at the first example point (see :class:`Convergence`)."""
        if self.convergence is None:
            raise ValueError(f"{self.key} is not a limit claim with a convergence table")
        point = self.examples[0]
        stmt = self.statement(**_accepted(self.statement, point))
        with mpmath.workdps(check_dps(dps)):
            rows = self.convergence.route(dps=dps, **point)
            limit = self.evaluate(stmt, dps, point)
            return convergence_table(self.convergence, rows, limit)

    def verify(self, dps: int = DEFAULT_DPS, *, bound: int | None = None, draws: int = DEFAULT_DRAWS,
               seed: int = DEFAULT_SEED, certify: bool = False) -> Report:
        """Prove symbolically and cross-check numerically; never raises for a failing check.

        The numeric check runs at the fixed examples and at ``draws`` points drawn from the result's
        strategy with ``seed`` (reproducible); a limit claim's convergence table is computed and judged.
        With ``certify``, a result with an Arb route is also certified (:func:`proofs.core.certify.certify`):
        a rigorous bound below the claimed digits fails, with the measured figure beside it.
        """
        dps = check_dps(dps)
        start = time.perf_counter()
        symbolic, ncases, notes = "failed", 0, ""
        found: Agreement | None = None
        table: ConvergenceTable | None = None
        cert = None
        numeric_seconds = 0.0
        drawn: list[dict[str, Any]] = []
        messages: list[str] = []
        try:
            symbolic, ncases, notes = self.prove(bound=bound)
            if symbolic == "failed":
                messages.append(notes)
            if self.numeric is not None:
                drawn = self.drawn_points(draws, seed=seed)
                tick = time.perf_counter()
                found = worst(self.cross_check(pt, dps) for pt in (*self.examples, *drawn))
                numeric_seconds = time.perf_counter() - tick
                if not found.passed:
                    messages.append("numeric cross-check: " + found.describe())
            if self.convergence is not None:
                table = self.convergence_table(dps)
                if not table.passed:
                    messages.append("convergence: " + table.reason)
            if certify:
                from .certify import certify as certify_result

                cert = certify_result(self, dps)
                if cert.digits is not None and cert.digits < dps - self.loss:
                    measured = "-" if found is None else fmt_digits(found.digits)
                    messages.append(f"certified: a rigorous bound of {cert.text()} digits is below the claimed "
                                    f"{dps - self.loss} (measured {measured})")
        except Exception as exc:  # a crashing check is a failed check, reported, not raised
            messages.append(f"{type(exc).__name__}: {exc}")
            if symbolic != "failed" and found is None and self.numeric is not None:
                found = Agreement(dps, 0.0, 0.0, self.loss)
        passed = not messages and symbolic != "failed"
        return Report(
            key=self.key,
            status=self.status,
            passed=passed,
            symbolic=symbolic,
            digits=None if found is None else found.digits,
            digits_2x=None if found is None else found.digits_2x,
            seconds=time.perf_counter() - start,
            message="; ".join(messages) if messages else notes,
            dps=dps,
            cases=ncases,
            examples=len(self.examples) if self.numeric is not None else 0,
            scope=self.proof_scope(bound),
            evidence=self.numeric_evidence,
            drawn=len(drawn),
            quoted=found.quoted if found is not None else (),
            convergence=table,
            certified=None if cert is None else cert.digits,
            certified_reason="" if cert is None else cert.reason,
            numeric_seconds=numeric_seconds,
            certified_seconds=0.0 if cert is None else cert.seconds,
        )

    # --- presentation -----------------------------------------------------------------

    @property
    def latex_title(self) -> str:
        """The title in LaTeX text mode, its mathematics typeset."""
        return latex_text(self.title_tex) if self.title_tex else latex_escape(self.title)

    def latex_parts(self) -> LatexParts:
        """The pieces of this result's LaTeX (statement, bound note, derivation steps), for custom layouts."""
        return latex.parts(self)

    def latex(self) -> str:
        """This result as a LaTeX fragment: heading, metadata, statement, derivation steps."""
        return latex.fragment(self)

    def _repr_latex_(self) -> str:
        """Notebook view: key, title, status, then the statement (one formula, as notebooks need)."""
        return latex.notebook(self)

    def __repr__(self) -> str:
        return f"<Result {self.key} [{self.status.value}]: {self.title}>"


_GENERAL: weakref.WeakKeyDictionary[Result, Any] = weakref.WeakKeyDictionary()
