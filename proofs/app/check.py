"""Check a reader's own identity, inequality or derivation chain, with the registry's honesty rules.

``closedform check`` and :func:`check` take a claim ``lhs = rhs`` (or ``<=``, ``<``, ``>=``, ``>``) and the
domain of each variable, and report

* a **symbolic proof** where SymPy finds one: *general* (``simplify(lhs - rhs) == 0``, or the sign of
  ``rhs - lhs`` decided, under the variables' assumptions), or *for every integer in the range* (each value
  substituted exactly), with its scope named;
* a **numeric check** at exact points: the domains' edges (closed ends themselves, open ends approached at a
  thousandth of the width) and points drawn from the domains (hypothesis, fixed seed), each side evaluated at
  ``dps`` and ``2*dps`` (integrals by quadrature, never by SymPy's ``integrate``); evidence kind "identity at a
  point";
* the verdict: **holds** (exit 0) or **refuted** (exit 1).  A refutation always rests on a counterexample
  evaluated at both precisions: the two sides disagree at ``dps`` and doubling the precision does not close the
  gap.  SymPy's word alone never refutes (``simplify`` ignores the domain you give), and when SymPy claims a proof
  that the numbers contradict, the report says so and the numbers decide.

A **derivation chain** (:func:`check_chain`) is ``A = B = C ...`` with each link checked as above; the report names
the first broken link.  Chain files (``closedform check --chain FILE``) hold one expression per line, each after
the first beginning with its relation (``=``, ``<=``, ...); ``var NAME:KIND:RANGE`` lines declare the domains;
``#`` starts a comment; a line in ``$...$`` is LaTeX.  See ``examples/chains/``.

Domains are written ``NAME:KIND:RANGE`` with KIND ``int``, ``rational`` or ``real``, and RANGE ``a..b``
(closed), or an interval ``(a,b)``, ``[a,b]``, ``(a,b]``, ``[a,b)`` whose ends may be ``inf``/``-inf``; ends are
integers or fractions (``-1/2``).

LaTeX conventions (:func:`parse_latex_claim`): ``\\pi`` is pi; ``e`` and ``\\mathrm{e}`` are Euler's number unless
``e`` is a declared variable; ``\\Gamma(x)`` is the gamma function; a declared variable followed by parentheses,
``n(n+1)``, is a product, never a function call; any other input the parser can read in two ways (``\\sin x^2``:
``sin(x^2)`` or ``sin(x)^2``) is refused with both readings, so it is never silently misread.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

import mpmath
import sympy

from numerics.agree import DEFAULT_DPS, check_dps, digits, fmt_digits
from proofs.core.evidence import Evidence, Scope, ScopeKind

__all__ = ["Domain", "ClaimReport", "ChainReport", "CheckError", "check", "check_chain", "parse_chain",
           "parse_claim", "parse_latex_claim", "RELATIONS"]

#: the relations a claim may state, in the order they are searched for in a line
RELATIONS = ("==", "<=", ">=", "=", "<", ">")
_REL_CLASS = {"==": sympy.Eq, "=": sympy.Eq, "<=": sympy.Le, ">=": sympy.Ge, "<": sympy.Lt, ">": sympy.Gt}
_REL_TEXT = {sympy.Eq: "=", sympy.Le: "<=", sympy.Ge: ">=", sympy.Lt: "<", sympy.Gt: ">"}
_KINDS = ("int", "rational", "real")
EXHAUSTIVE_LIMIT = 256  # integer points substituted exactly for a proof over a finite integer range
DEFAULT_CHECK_DRAWS = 8
DEFAULT_CHECK_SEED = 20261206
LOSS = 5


class CheckError(ValueError):
    """Input that cannot be checked: an unparsable claim, an undeclared variable, a malformed domain."""


# --- domains -------------------------------------------------------------------------------------


def _end(text: str, what: str) -> Fraction | None:
    t = text.strip().lower()
    if t in ("inf", "+inf", "oo", "infinity", "-inf", "-oo", "-infinity"):
        return None
    try:
        return Fraction(t)
    except (ValueError, ZeroDivisionError):
        raise CheckError(f"{what}: {text.strip()!r} is not an integer, a fraction like -1/2, or inf") from None


@dataclass(frozen=True)
class Domain:
    """The domain of one variable: a kind (int, rational, real) and an interval (``None`` end: infinite)."""

    name: str
    kind: str
    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def parse(cls, spec: str) -> Domain:
        """``"n:int:0..64"``, ``"x:real:(0,1)"``, ``"a:rational:[-3,3)"``, ``"t:real:[0,inf)"``."""
        parts = spec.split(":", 2)
        if len(parts) != 3:
            raise CheckError(f"--var {spec!r}: write NAME:KIND:RANGE, e.g. n:int:0..64 or x:real:(0,1)")
        name, kind, rng = (p.strip() for p in parts)
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            raise CheckError(f"--var {spec!r}: the name must be a letter followed by letters, digits or _")
        if kind not in _KINDS:
            raise CheckError(f"--var {spec!r}: the kind must be one of {', '.join(_KINDS)}, got {kind!r}")
        what = f"--var {spec!r}"
        if ".." in rng and not rng.startswith(("(", "[")):
            lo, hi = rng.split("..", 1)
            low, high, lo_open, hi_open = _end(lo, what), _end(hi, what), False, False
        else:
            m = re.fullmatch(r"([(\[])\s*([^,]+),\s*([^,]+?)\s*([)\]])", rng)
            if not m:
                raise CheckError(f"{what}: the range must be a..b or an interval like (a,b), [a,b], (a,b]")
            low, high = _end(m.group(2), what), _end(m.group(3), what)
            lo_open, hi_open = m.group(1) == "(", m.group(4) == ")"
        if low is not None and high is not None and (low > high or (low == high and (lo_open or hi_open))):
            raise CheckError(f"{what}: the range is empty")
        if kind == "int":
            low = None if low is None else Fraction(math.floor(low) + (1 if lo_open and low.denominator == 1 else 0)
                                                    if low.denominator == 1 else math.ceil(low))
            high = None if high is None else Fraction(math.ceil(high) - (1 if hi_open and high.denominator == 1 else 0)
                                                      if high.denominator == 1 else math.floor(high))
            lo_open = hi_open = False
            if low is not None and high is not None and low > high:
                raise CheckError(f"{what}: the range holds no integer")
        return cls(name, kind, low, high, lo_open, hi_open)

    def symbol(self) -> sympy.Symbol:
        """The SymPy symbol, with the assumptions the domain guarantees (integer/rational/real and the sign)."""
        facts: dict[str, bool] = {"integer": True} if self.kind == "int" else \
            {"rational": True} if self.kind == "rational" else {"real": True}
        if self.low is not None and (self.low > 0 or (self.low == 0 and self.low_open)):
            facts["positive"] = True
        elif self.low is not None and self.low >= 0:
            facts["nonnegative"] = True
        elif self.high is not None and (self.high < 0 or (self.high == 0 and self.high_open)):
            facts["negative"] = True
        elif self.high is not None and self.high <= 0:
            facts["nonpositive"] = True
        return sympy.Symbol(self.name, **facts)

    def integers(self) -> range | None:
        """Every integer of a finite int domain (``None`` for other domains)."""
        if self.kind != "int" or self.low is None or self.high is None:
            return None
        return range(int(self.low), int(self.high) + 1)

    def edges(self) -> list[Fraction]:
        """The domain's edge points: a closed end itself, an open end approached by a thousandth of the
        width (1/1000 inside when the width is infinite), an infinite end at +-1000 from the other end;
        then 0, 1, -1 and 1/2 where the domain holds them (where identities typically break)."""
        lo, hi = self.low, self.high
        width = None if lo is None or hi is None else hi - lo
        step = Fraction(1, 1000) if width is None else (width / 1000 if self.kind != "int" else Fraction(1))
        out: list[Fraction] = []
        if lo is not None:
            out.append(lo + step if self.low_open else lo)
        elif hi is not None:
            out.append(hi - 1000)
        if hi is not None:
            out.append(hi - step if self.high_open else hi)
        elif lo is not None:
            out.append(lo + 1000)
        if lo is None and hi is None:
            out = [Fraction(-1000), Fraction(0), Fraction(1000)]
        if self.kind == "int":
            out = [Fraction(round(v)) for v in out]
        out += [Fraction(v) for v in (0, 1, -1, Fraction(1, 2))]  # where identities typically break
        return list(dict.fromkeys(v for v in out if self.contains(v)))

    def contains(self, v: Fraction) -> bool:
        if self.kind == "int" and v.denominator != 1:
            return False
        if self.low is not None and (v < self.low or (self.low_open and v == self.low)):
            return False
        return not (self.high is not None and (v > self.high or (self.high_open and v == self.high)))

    def strategy(self) -> Any:
        """A hypothesis strategy of exact points of the domain (ints, or fractions with denominators <= 64)."""
        from hypothesis import strategies as st

        lo = None if self.low is None else self.low
        hi = None if self.high is None else self.high
        if self.kind == "int":
            return st.integers(None if lo is None else int(lo), None if hi is None else int(hi)).map(Fraction)
        dens = [64] + [v.denominator for v in (lo, hi) if v is not None]
        base = st.fractions(min_value=lo, max_value=hi, max_denominator=max(dens))
        return base.filter(self.contains)

    def describe(self) -> str:
        kind = {"int": "integer", "rational": "rational", "real": "real"}[self.kind]
        if self.kind == "int" and self.low is not None and self.high is not None:
            return f"{self.name} {kind} in {self.low}..{self.high}"
        left = "(" if self.low is None or self.low_open else "["
        right = ")" if self.high is None or self.high_open else "]"
        lo = "-inf" if self.low is None else str(self.low)
        hi = "inf" if self.high is None else str(self.high)
        return f"{self.name} {kind} in {left}{lo}, {hi}{right}"


def _domains(variables: Sequence[str | Domain] | Mapping[str, str] | None) -> list[Domain]:
    if variables is None:
        return []
    if isinstance(variables, Mapping):
        items: list[str | Domain] = [f"{k}:{v}" for k, v in variables.items()]
    elif isinstance(variables, str):
        items = [variables]
    else:
        items = list(variables)
    out = [v if isinstance(v, Domain) else Domain.parse(v) for v in items]
    names = [d.name for d in out]
    if len(set(names)) != len(names):
        raise CheckError(f"a variable is declared twice: {', '.join(sorted(n for n in set(names) if names.count(n) > 1))}")
    return out


# --- parsing -------------------------------------------------------------------------------------


def _split_relation(text: str) -> tuple[str, str, str] | None:
    """``(lhs, op, rhs)`` for the first relation outside brackets, else ``None``."""
    depth, i = 0, 0
    while i < len(text):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            for op in RELATIONS:
                if text.startswith(op, i):
                    if op in ("<", ">", "=") and text.startswith(op + "=", i) and op != "=":
                        continue
                    return text[:i], op, text[i + len(op):]
        i += 1
    return None


def _local_names(domains: Sequence[Domain]) -> dict[str, Any]:
    names: dict[str, Any] = {d.name: d.symbol() for d in domains}
    return names


def _sympy_expr(text: str, domains: Sequence[Domain]) -> sympy.Expr:
    from sympy.parsing.sympy_parser import parse_expr

    text = text.strip()
    if not text:
        raise CheckError("an empty expression")
    try:
        expr = parse_expr(text, local_dict=_local_names(domains), evaluate=True)
    except Exception as exc:  # SymPy's parser raises many kinds; the user gets one line
        raise CheckError(f"cannot read {text!r} as a SymPy expression ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else 'syntax error'})") from None
    if not isinstance(expr, sympy.Expr):
        raise CheckError(f"{text!r} is not an expression (got {type(expr).__name__})")
    return expr


def parse_claim(lhs: str, rhs: str | None = None, variables: Any = None) -> sympy.Rel:
    """A claim from SymPy syntax: two sides (an equality), or one string holding its relation
    (``"Sum(k, (k, 0, n)) == n*(n+1)/2"``, ``"sqrt(x) <= x"``)."""
    domains = _domains(variables)
    if rhs is None:
        split = _split_relation(lhs)
        if split is None:
            raise CheckError(f"{lhs!r} states no relation: give two sides, or write lhs = rhs (or <=, <, >=, >)")
        left, op, right = split
    else:
        left, op, right = lhs, "=", rhs
    return _relation(op, _sympy_expr(left, domains), _sympy_expr(right, domains))


def _relation(op: str, left: Any, right: Any) -> sympy.Rel:
    return _REL_CLASS[op](left, right, evaluate=False)


_GAMMA_NAMES = {"Gamma": sympy.gamma}


def parse_latex_claim(text: str, variables: Any = None) -> tuple[sympy.Rel, list[str]]:
    """A claim from LaTeX, with the notes on how it was read (see the module's LaTeX conventions).

    Raises :class:`CheckError` for unparsable input and for input with more than one reading.
    """
    try:
        from sympy.parsing.latex import parse_latex
    except ImportError:  # pragma: no cover - sympy always has it
        raise CheckError("LaTeX input needs SymPy's LaTeX parser") from None
    domains = _domains(variables)
    declared = {d.name: d.symbol() for d in domains}
    notes: list[str] = []
    source = text.strip().strip("$").strip()
    if not source:
        raise CheckError("an empty LaTeX claim")
    prepared = re.sub(r"\\pi(?![A-Za-z])", r"\\mathit{pi}", source)
    prepared = re.sub(r"\\mathrm\{e\}", "e", prepared)
    prepared = re.sub(r"\\Gamma(?![A-Za-z])", r"\\mathit{Gamma}", prepared)
    prepared = re.sub(r"\\[,;!: ]|\\quad|\\qquad", " ", prepared)
    prepared = prepared.replace(r"\left", "").replace(r"\right", "").replace(r"\cdot", "*")
    try:
        parsed = parse_latex(prepared, backend="lark")
    except ImportError:
        raise CheckError("LaTeX input needs the lark package: python3 -m pip install lark") from None
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        first = re.sub(r"\.?\s*Expected one of:?\s*$", "", first) or type(exc).__name__
        raise CheckError(f"cannot parse the LaTeX {source!r}: {first}") from None
    readings = _readings(parsed)
    resolved = []
    for r in readings:
        fixed = _conventions(r, declared, notes if len(readings) == 1 else [])
        if fixed is not None:
            resolved.append(fixed)
    unique = list(dict.fromkeys(resolved))
    if not unique:
        raise CheckError(f"cannot read {source!r}: every reading calls an unknown function")
    if len(unique) > 1:
        shown = "; ".join(sympy.sstr(u) for u in unique)
        raise CheckError(f"the LaTeX {source!r} can be read in {len(unique)} ways ({shown}): add parentheses "
                         "or braces, e.g. \\sin(x^2) or \\sin(x)^2")
    claim = unique[0]
    if len(readings) > 1:
        notes.append("the parser offered several readings; kept the one whose symbols are all declared "
                     "(no unknown function calls)")
        _conventions(claim, declared, notes)
    if not isinstance(claim, sympy.Rel) or isinstance(claim, sympy.Ne):
        raise CheckError(f"the LaTeX {source!r} states no relation (=, \\le, <, \\ge, >)")
    if "e" not in declared and any(str(x) == "e" for r in readings if isinstance(r, sympy.Basic)
                                   for x in r.free_symbols):
        notes.append("e read as Euler's number (declare --var e:... to make it a variable)")
    return claim, notes


def _sides_xreplace(expr: Any, swap: Mapping[Any, Any]) -> Any:
    """``expr.xreplace(swap)``, a relation rebuilt unevaluated (``Eq`` would otherwise decide itself)."""
    if isinstance(expr, sympy.Rel):
        return type(expr)(expr.lhs.xreplace(swap), expr.rhs.xreplace(swap), evaluate=False)
    return expr.xreplace(swap)


def _readings(parsed: Any) -> list[Any]:
    """The alternatives of an ambiguous parse (lark's ``_ambig`` trees), or the one reading."""
    if type(parsed).__name__ == "Tree" and getattr(parsed, "data", "") == "_ambig":
        out: list[Any] = []
        for child in parsed.children:
            out.extend(_readings(child))
        return out
    return [parsed]


def _conventions(expr: Any, declared: Mapping[str, sympy.Symbol], notes: list[str]) -> Any:
    """The reading with the conventions applied; ``None`` when it calls a function that is not one."""
    if not isinstance(expr, sympy.Basic):
        return None
    # names as plain symbols with the declared assumptions (the parser makes Token-named symbols)
    swap: dict[Any, Any] = {}
    for s in expr.free_symbols:
        name = str(s)
        if name in declared:
            swap[s] = declared[name]
        elif name == "pi":
            swap[s] = sympy.pi
        elif name == "e" and "e" not in declared:
            swap[s] = sympy.E
        else:
            swap[s] = sympy.Symbol(name)
    out = _sides_xreplace(expr, swap)
    calls = [f for f in out.atoms(sympy.core.function.AppliedUndef)]
    for f in calls:
        name = type(f).__name__
        if name in _GAMMA_NAMES and len(f.args) == 1:
            out = _sides_xreplace(out, {f: _GAMMA_NAMES[name](f.args[0])})
        elif name in declared and len(f.args) == 1:
            out = _sides_xreplace(out, {f: declared[name] * f.args[0]})
            notes.append(f"{name}({sympy.sstr(f.args[0])}) read as the product {name}*({sympy.sstr(f.args[0])})")
        else:
            return None
    return out


# --- evaluation ----------------------------------------------------------------------------------


def _value(expr: Any, point: Mapping[sympy.Symbol, Fraction], dps: int) -> Any:
    """``expr`` at ``point`` as an mpmath number at ``dps`` digits: exact substitution, then numeric
    evaluation (SymPy's evalf: integrals by quadrature, sums summed), never symbolic integration."""
    subs = {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}
    exact = expr.xreplace(subs)
    value = sympy.N(exact, dps + 15, maxn=10 * dps + 200)
    if value.has(sympy.Integral, sympy.Sum) or not value.is_number:
        value = sympy.N(exact.doit(), dps + 15)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not value.is_number:
        raise ArithmeticError(f"not a finite number: {sympy.sstr(value)[:60]}")
    re_, im_ = value.as_real_imag()
    with mpmath.workdps(dps + 15):
        re_m, im_m = mpmath.mpf(sympy.Float(re_, dps + 15)), mpmath.mpf(sympy.Float(im_, dps + 15))
    return re_m if im_m == 0 else mpmath.mpc(re_m, im_m)


def _fmt_point(point: Mapping[Any, Fraction]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in point.items())


def _fmt_value(v: Any) -> str:
    return mpmath.nstr(v, 20)


@dataclass(frozen=True)
class Counterexample:
    """A point where the claim fails, with both sides' values at ``dps`` and the agreement found."""

    point: dict[str, str]
    lhs: str
    rhs: str
    digits: float
    digits_2x: float

    def text(self, dps: int) -> str:
        where = ", ".join(f"{k} = {v}" for k, v in self.point.items())
        return (f"at {where}: left = {self.lhs}, right = {self.rhs} ({fmt_digits(self.digits)} digits of "
                f"agreement at dps {dps}, {fmt_digits(self.digits_2x)} at dps {2 * dps})")


@dataclass(frozen=True)
class ClaimReport:
    """The verdict on one claim and everything it rests on."""

    claim: sympy.Rel
    domains: tuple[Domain, ...]
    holds: bool
    symbolic: str  # proved | proved-up-to-bound | not proved | contradicted
    scope: Scope
    symbolic_detail: str
    digits: float | None
    digits_2x: float | None
    points: int
    edges: int
    skipped: tuple[str, ...]
    counterexample: Counterexample | None
    dps: int
    seconds: float
    notes: tuple[str, ...] = ()
    evidence: Evidence = Evidence.POINT
    margin: str = ""  # an inequality's smallest gap between the sides over the points, and where

    @property
    def verdict(self) -> str:
        return "holds" if self.holds else "refuted"

    @property
    def exit_code(self) -> int:
        return 0 if self.holds else 1

    def claim_text(self) -> str:
        return f"{sympy.sstr(self.claim.lhs)} {_REL_TEXT[type(self.claim)]} {sympy.sstr(self.claim.rhs)}"

    def lines(self) -> list[str]:
        out = [f"claim: {self.claim_text()}"]
        if self.domains:
            out.append("variables: " + "; ".join(d.describe() for d in self.domains))
        out += [f"note: {n}" for n in self.notes]
        out.append(f"symbolic: {self.symbolic} ({self.symbolic_detail})")
        if self.margin and self.counterexample is None:
            out.append(f"numeric (the inequality at points): it holds at {self.points} point(s) "
                       f"({self.edges} of them domain edges) at dps {self.dps} and {2 * self.dps}; "
                       f"smallest gap {self.margin}")
        elif self.digits is not None and math.isinf(self.digits) and self.digits_2x is not None \
                and math.isinf(self.digits_2x):
            out.append(f"numeric ({self.evidence.value}): the sides agree to every digit at dps {self.dps} and "
                       f"{2 * self.dps} ({self.points} point(s), {self.edges} of them domain edges)")
        elif self.digits is not None:
            out.append(f"numeric ({self.evidence.value}): {fmt_digits(self.digits)} digits at dps {self.dps}, "
                       f"{fmt_digits(self.digits_2x)} at dps {2 * self.dps} (worst of {self.points} point(s), "
                       f"{self.edges} of them domain edges)")
        elif self.counterexample is None:
            out.append("numeric: no point could be evaluated")
        for s in self.skipped:
            out.append(f"skipped: {s}")
        if self.counterexample is not None:
            out.append(f"counterexample: {self.counterexample.text(self.dps)}")
        if not self.holds:
            out.append("verdict: REFUTED")
        elif self.symbolic.startswith("proved"):
            out.append(f"verdict: HOLDS (proof: {self.scope})")
        else:
            out.append("verdict: HOLDS at every point checked (no symbolic proof)")
        return out

    def as_dict(self) -> dict[str, Any]:
        def num(d: float | None) -> float | str | None:
            return None if d is None else "exact" if math.isinf(d) else round(d, 2)

        return {
            "claim": self.claim_text(),
            "latex": sympy.latex(self.claim),
            "variables": [d.describe() for d in self.domains],
            "verdict": self.verdict,
            "symbolic": self.symbolic,
            "symbolic_detail": self.symbolic_detail,
            "scope": self.scope.as_dict(),
            "evidence": self.evidence.value,
            "digits": num(self.digits),
            "digits_2x": num(self.digits_2x),
            "dps": self.dps,
            "points": self.points,
            "edges": self.edges,
            "skipped": list(self.skipped),
            "counterexample": None if self.counterexample is None else {
                "point": self.counterexample.point, "lhs": self.counterexample.lhs, "rhs": self.counterexample.rhs,
                "digits": num(self.counterexample.digits), "digits_2x": num(self.counterexample.digits_2x)},
            "margin": self.margin or None,
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
        }


def _symbols_of(claim: sympy.Rel, domains: Sequence[Domain]) -> dict[str, sympy.Symbol]:
    declared = {d.name: d for d in domains}
    free = {str(s): s for s in claim.free_symbols}
    missing = sorted(set(free) - set(declared))
    if missing:
        raise CheckError(f"undeclared variable(s) {', '.join(missing)}: give each a domain, e.g. "
                         f"--var {missing[0]}:real:(0,1) or --var {missing[0]}:int:0..20")
    return free


def _symbolic(claim: sympy.Rel, domains: Sequence[Domain], used: Mapping[str, sympy.Symbol]
              ) -> tuple[str, Scope, str, list[dict[str, Fraction]]]:
    """SymPy's proof attempt: (outcome, scope, detail, integer points SymPy could not settle)."""
    diff = sympy.sympify(claim.lhs - claim.rhs)
    is_eq = isinstance(claim, sympy.Eq)
    active = [d for d in domains if d.name in used]
    # a general proof under the variables' assumptions
    try:
        simple = sympy.simplify(diff.doit())
        if is_eq and simple == 0:
            return "proved", Scope(ScopeKind.GENERAL), "simplify(lhs - rhs) = 0 under the variables' assumptions", []
        if not is_eq:
            sign = simple if isinstance(claim, (sympy.Ge, sympy.Gt)) else -simple
            decided = sign.is_positive if isinstance(claim, (sympy.Gt, sympy.Lt)) else sign.is_nonnegative
            if decided:
                return ("proved", Scope(ScopeKind.GENERAL),
                        "the sign of the difference decided under the variables' assumptions", [])
    except Exception:  # noqa: BLE001 - a SymPy route that crashes is no proof
        pass
    # every integer point of the finite integer domains, exactly (other variables stay symbolic)
    ints = [d for d in active if d.integers() is not None]
    others = [d for d in active if d.integers() is None]
    if ints and not any(d.kind == "int" for d in others):
        ranges = [d.integers() for d in ints]
        total = math.prod(len(r) for r in ranges if r is not None)
        if total <= EXHAUSTIVE_LIMIT:
            open_points: list[dict[str, Fraction]] = []
            for values in product(*[r for r in ranges if r is not None]):
                point = {d.name: Fraction(v) for d, v in zip(ints, values)}
                if not _exact_holds(claim, used, point):
                    open_points.append(point)
            span = "; ".join(f"{d.name} = {d.low}..{d.high}" for d in ints)
            rest = f" ({', '.join(d.name for d in others)} symbolic)" if others else ""
            if not open_points:
                return ("proved-up-to-bound", Scope(ScopeKind.RANGE, span + rest),
                        f"exact at each of the {total} integer point(s){rest}", [])
            if not others:
                return ("not proved", Scope(ScopeKind.NONE), f"SymPy did not settle {len(open_points)} of {total} "
                        "integer point(s); the numbers decide", open_points)
    return "not proved", Scope(ScopeKind.NONE), "SymPy found no general proof", []


def _exact_holds(claim: sympy.Rel, used: Mapping[str, sympy.Symbol], point: Mapping[str, Fraction]) -> bool:
    subs = {used[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
    try:
        d = sympy.simplify((claim.lhs - claim.rhs).xreplace(subs).doit())
        if isinstance(claim, sympy.Eq):
            return bool(d == 0)
        sign = d if isinstance(claim, (sympy.Ge, sympy.Gt)) else -d
        ok = sign.is_positive if isinstance(claim, (sympy.Gt, sympy.Lt)) else sign.is_nonnegative
        return bool(ok)
    except Exception:  # noqa: BLE001
        return False


def _points(domains: Sequence[Domain], used: Mapping[str, sympy.Symbol], draws: int, seed: int,
            first: Sequence[dict[str, Fraction]]) -> tuple[list[dict[str, Fraction]], int]:
    """Points to check: SymPy's unsettled integer points, the edges (every combination of the variables'
    edges, at most 16), then ``draws`` drawn points; with the number of edge points."""
    active = [d for d in domains if d.name in used]
    if not active:
        return [{}], 0
    out: list[dict[str, Fraction]] = [dict(p) for p in first]
    edges = [dict(zip([d.name for d in active], combo)) for combo in product(*[d.edges() for d in active])][:16]
    for e in edges:
        if e not in out:
            out.append(e)
    if draws:
        from hypothesis import strategies as st

        from proofs.core.params import sample

        strategy = st.fixed_dictionaries({d.name: d.strategy() for d in active})
        for p in sample(lambda: strategy, draws, seed=seed, exclude=out):
            out.append(p)
    return out, len(edges)


def _check_point(claim: sympy.Rel, used: Mapping[str, sympy.Symbol], point: Mapping[str, Fraction],
                 dps: int) -> tuple[bool, float, float, Any, Any]:
    """(holds here, digits at dps, digits at 2*dps, lhs, rhs at dps)."""
    at = {used[k]: v for k, v in point.items()}
    vals = []
    for d in (dps, 2 * dps):
        with mpmath.workdps(d):
            a, b = _value(claim.lhs, at, d), _value(claim.rhs, at, d)
        with mpmath.workdps(d + 10):
            vals.append((a, b, digits(a, b)))
    (a1, b1, d1), (_, _, d2) = vals
    if isinstance(claim, sympy.Eq):
        # the claim fails here when the sides disagree at dps and doubling the precision does not close the gap
        holds = not (d1 < dps - LOSS and d2 < dps)
        return holds, d1, d2, a1, b1
    with mpmath.workdps(2 * dps + 10):
        a2, b2 = vals[1][0], vals[1][1]
        if isinstance(a2, mpmath.mpc) or isinstance(b2, mpmath.mpc):
            raise ArithmeticError("a side of an inequality is not real here")
        equal = d2 >= 2 * dps - LOSS
        gap = a2 - b2
        if isinstance(claim, sympy.Le):
            holds = gap <= 0 or equal
        elif isinstance(claim, sympy.Lt):
            holds = gap < 0 and not equal
        elif isinstance(claim, sympy.Ge):
            holds = gap >= 0 or equal
        else:
            holds = gap > 0 and not equal
    return bool(holds), d1, d2, a1, b1


def check(lhs: str | sympy.Basic, rhs: str | sympy.Basic | None = None, variables: Any = None, *,
          latex: bool = False, dps: int = DEFAULT_DPS, draws: int = DEFAULT_CHECK_DRAWS,
          seed: int = DEFAULT_CHECK_SEED) -> ClaimReport:
    """Check a claim (see the module documentation): a symbolic proof where SymPy finds one, a numeric check at
    the domains' edges and at ``draws`` drawn points (fixed ``seed``), and the first counterexample if it fails.

    ``lhs``/``rhs`` are SymPy syntax, or SymPy objects, or (``latex=True``) one LaTeX string with its relation.
    ``variables``: ``["n:int:0..64", "x:real:(0,1)"]`` or ``{"n": "int:0..64"}``.  Raises :class:`CheckError` (a
    ``ValueError``) for input that cannot be checked.

    >>> check("Sum(k, (k, 0, n))", "n*(n+1)/2", ["n:int:0..64"]).verdict
    'holds'
    """
    dps = check_dps(dps)
    if isinstance(draws, bool) or not isinstance(draws, int) or not 0 <= draws <= 1000:
        raise CheckError(f"draws must be an integer in 0..1000, got {draws!r}")
    domains = tuple(_domains(variables))
    notes: list[str] = []
    if latex:
        if rhs is not None or not isinstance(lhs, str):
            raise CheckError("LaTeX input is one string holding the relation, e.g. '\\sum_{k=0}^{n} k = n(n+1)/2'")
        claim, notes = parse_latex_claim(lhs, domains)
    elif isinstance(lhs, sympy.Rel) and rhs is None:
        claim = lhs
    elif isinstance(lhs, sympy.Basic) and isinstance(rhs, sympy.Basic):
        claim = _relation("=", lhs, rhs)
    elif isinstance(lhs, str) and (rhs is None or isinstance(rhs, str)):
        claim = parse_claim(lhs, rhs, domains)
    else:
        raise CheckError("give the claim as strings (SymPy syntax or LaTeX) or SymPy expressions")
    return _check_claim(claim, domains, dps, draws, seed, notes)


def _check_claim(claim: sympy.Rel, domains: Sequence[Domain], dps: int, draws: int, seed: int,
                 notes: Sequence[str] = ()) -> ClaimReport:
    start = time.perf_counter()
    if not isinstance(claim, (sympy.Eq, sympy.Le, sympy.Lt, sympy.Ge, sympy.Gt)):
        raise CheckError(f"a claim is an equality or an inequality, got {type(claim).__name__}")
    used = _symbols_of(claim, domains)
    # bring the claim's symbols to the declared ones (same names, the domain's assumptions)
    declared = {d.name: d.symbol() for d in domains}
    swap = {s: declared[name] for name, s in used.items()}
    claim = type(claim)(claim.lhs.xreplace(swap), claim.rhs.xreplace(swap), evaluate=False)
    used = {name: declared[name] for name in used}
    outcome, scope, detail, unsettled = _symbolic(claim, domains, used)
    points, n_edges = _points(domains, used, draws, seed, unsettled)
    worst: tuple[float, float] | None = None
    skipped: list[str] = []
    counter: Counterexample | None = None
    gap: tuple[Any, dict[str, Fraction]] | None = None
    for p in points:
        try:
            ok, d1, d2, a, b = _check_point(claim, used, p, dps)
        except (ArithmeticError, ValueError, TypeError, ZeroDivisionError) as exc:
            skipped.append(f"{_fmt_point(p) or 'the point'}: {exc}")
            continue
        if not ok:
            counter = Counterexample({k: str(v) for k, v in p.items()}, _fmt_value(a), _fmt_value(b), d1, d2)
            break
        if worst is None or (d1, d2) < worst:
            worst = (d1, d2)
        if not isinstance(claim, sympy.Eq):
            with mpmath.workdps(dps):
                g = abs(a - b)
                if gap is None or g < gap[0]:
                    gap = (g, p)
    all_notes = list(notes)
    if counter is not None and outcome.startswith("proved"):
        all_notes.append(f"SymPy's proof ({detail}) is contradicted by the numbers, which decide: "
                         "the symbolic route is wrong here")
        outcome, scope = "contradicted", Scope(ScopeKind.NONE)
    if counter is None and worst is None and not outcome.startswith("proved"):
        raise CheckError("no point of the domains could be evaluated and SymPy found no proof: "
                         + "; ".join(skipped[:3]))
    if not isinstance(claim, sympy.Eq):
        worst = None  # an inequality has a gap, not digits of agreement (see margin)
    return ClaimReport(claim=claim, domains=tuple(d for d in domains if d.name in used), holds=counter is None,
                       symbolic=outcome, scope=scope, symbolic_detail=detail,
                       digits=None if worst is None else worst[0], digits_2x=None if worst is None else worst[1],
                       points=len(points) - len(skipped), edges=n_edges, skipped=tuple(skipped),
                       counterexample=counter, dps=dps, seconds=time.perf_counter() - start, notes=tuple(all_notes),
                       margin="" if gap is None else f"{mpmath.nstr(gap[0], 6)} at {_fmt_point(gap[1]) or 'the point'}")


# --- derivation chains ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """The verdict on every link of a derivation chain; ``broken`` is the index of the first broken link."""

    expressions: tuple[str, ...]
    links: tuple[ClaimReport, ...]
    seconds: float
    title: str = ""
    domains: tuple[Domain, ...] = field(default=())

    @property
    def broken(self) -> int | None:
        return next((i for i, r in enumerate(self.links) if not r.holds), None)

    @property
    def holds(self) -> bool:
        return self.broken is None

    @property
    def exit_code(self) -> int:
        return 0 if self.holds else 1

    def lines(self) -> list[str]:
        out = [f"chain: {self.title}"] if self.title else []
        if self.domains:
            out.append("variables: " + "; ".join(d.describe() for d in self.domains))
        for i, r in enumerate(self.links, 1):
            mark = "holds" if r.holds else "BROKEN"
            proof = f", proof: {r.scope}" if r.symbolic.startswith("proved") else ", numeric only"
            digits = "-" if r.digits is None else "every digit" if math.isinf(r.digits) \
                else f"{fmt_digits(r.digits)} digits"
            out.append(f"link {i}: {r.claim_text()}  [{mark}{proof if r.holds else ''}; {digits}]")
            for n in r.notes:
                out.append(f"  note: {n}")
            if r.counterexample is not None:
                out.append(f"  counterexample {r.counterexample.text(r.dps)}")
        b = self.broken
        out.append("verdict: every link holds" if b is None else f"verdict: the first broken link is link {b + 1}")
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "variables": [d.describe() for d in self.domains],
                "holds": self.holds, "first_broken_link": None if self.broken is None else self.broken + 1,
                "links": [r.as_dict() for r in self.links], "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class Chain:
    """A parsed chain: expressions (SymPy), the relation before each after the first, the domains."""

    title: str
    domains: tuple[Domain, ...]
    expressions: tuple[Any, ...]
    relations: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[tuple[str, ...], ...]


def parse_chain(text: str, variables: Any = None) -> Chain:
    """Read a chain file's text (see the module documentation); ``variables`` add to its ``var`` lines."""
    domains = list(_domains(variables))
    title = ""
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("$") else raw.strip()
        if raw.lstrip().startswith("#") and not title and raw.lstrip("# ").strip():
            title = raw.lstrip("# ").strip()
        if not line:
            continue
        if line.startswith("var "):
            for spec in re.split(r",\s*(?=[A-Za-z]\w*:)", line[4:]):
                if spec.strip():
                    domains.append(Domain.parse(spec.strip()))
            continue
        body.append((number, line))
    names = [d.name for d in domains]
    if len(set(names)) != len(names):
        raise CheckError("a variable is declared twice in the chain")
    if len(body) < 2:
        raise CheckError("a chain needs at least two expressions (one per line, each after the first "
                         "beginning with =, <=, <, >= or >)")
    exprs, rels, sources, notes = [], [], [], []
    for i, (number, line) in enumerate(body):
        op = ""
        for candidate in RELATIONS:
            if line.startswith(candidate):
                op, line = candidate, line[len(candidate):].strip()
                break
        if i == 0 and op:
            raise CheckError(f"line {number}: the first expression has no relation before it")
        if i > 0 and not op:
            raise CheckError(f"line {number}: begin the line with its relation to the line before (=, <=, <, >=, >)")
        here: list[str] = []
        try:
            if line.startswith("$"):
                claim, here = parse_latex_claim(f"0 = {line.strip('$')}", domains)
                expr = claim.rhs
            else:
                expr = _sympy_expr(line, domains)
        except CheckError as exc:
            raise CheckError(f"line {number}: {exc}") from None
        exprs.append(expr)
        rels.append(op)
        sources.append(line)
        notes.append(tuple(n for n in here))
    return Chain(title, tuple(domains), tuple(exprs), tuple(rels[1:]), tuple(sources), tuple(notes))


def check_chain(chain: str | Chain, variables: Any = None, *, dps: int = DEFAULT_DPS,
                draws: int = DEFAULT_CHECK_DRAWS, seed: int = DEFAULT_CHECK_SEED) -> ChainReport:
    """Check every link of a derivation chain (a :class:`Chain`, or a chain file's text) and find the first
    broken one; each link is a claim checked as by :func:`check`."""
    start = time.perf_counter()
    dps = check_dps(dps)
    parsed = chain if isinstance(chain, Chain) else parse_chain(chain, variables)
    links = []
    for i, op in enumerate(parsed.relations):
        claim = _relation(op, parsed.expressions[i], parsed.expressions[i + 1])
        links.append(_check_claim(claim, parsed.domains, dps, draws, seed, parsed.notes[i + 1]))
    return ChainReport(parsed.sources, tuple(links), time.perf_counter() - start, parsed.title, parsed.domains)
