"""Round trip of statements through SymPy's LaTeX parser (``parse_latex``, lark backend).

A statement printed with ``sympy.latex`` and parsed back must be the same statement.
The parser reads only some constructs faithfully (no sums, no ``\\pi``, no special
functions, no derivatives of applied functions, no tuples: ``\\left( a, \\ b\\right)`` is a syntax error
to it), so statements are sorted first:

- *supported*: every node is of a type on :data:`SUPPORTED` (each checked to round
  trip on its own); the round trip must then succeed;
- *skipped*: anything else (including symbol names the parser would split into a
  product, such as ``pos``); listed by :func:`round_trip`, never silently dropped;
- *rejected*: on the whitelist, but the parser raised a syntax error or returned its
  parse forest (an ambiguous grammar) instead of an expression; listed separately.

A statement that parses to a *different* expression fails: its LaTeX would be misread.

The parser's spelling is mapped back before comparing: ``x_{1}`` -> ``x_1``,
``e`` -> :math:`e` and ``i`` -> :math:`i` (unless the statement has such symbols).
Needs the ``lark`` package (in the ``test`` extra).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import preorder_traversal

from proofs.core import Result

__all__ = ["SUPPORTED", "supported", "normalise", "equal", "RoundTrip", "round_trip"]

SUPPORTED: tuple[type, ...] = (
    sympy.Add, sympy.Mul, sympy.Pow, sympy.Symbol, sympy.Rational, sympy.Eq,
    sympy.log, sympy.sin, sympy.cos, sympy.tan, sympy.Abs, sympy.exp, sympy.Integral, sympy.factorial,
    sympy.binomial, sympy.Max, sympy.Min, sympy.floor, sympy.ceiling, sympy.Tuple,
    sympy.core.numbers.Infinity, sympy.core.numbers.ImaginaryUnit, sympy.core.numbers.Exp1,
    sympy.MatrixBase,
)


_GREEK = ("alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|chi|psi|omega|"
          "Gamma|Delta|Theta|Lambda|Xi|Sigma|Phi|Psi|Omega")
# one letter (Latin or Greek), trailing digits, an optional alphanumeric subscript: "x", "s1", "x_1", "lambda_max"
_NAME = re.compile(rf"^(?:[A-Za-z]|{_GREEK})\d*(?:_\{{?[A-Za-z0-9]+\}}?)?$")


def supported(stmt: Any) -> bool:
    """Whether every node of ``stmt`` is of a type, and every symbol of a spelling, the parser reads back."""
    if isinstance(stmt, sympy.Tuple):  # only as an Integral's limits, below: a printed tuple does not parse
        return False
    if isinstance(stmt, sympy.MatrixBase):
        return all(supported(e) for e in stmt)
    if isinstance(stmt, sympy.Eq):
        return supported(stmt.lhs) and supported(stmt.rhs)
    if not isinstance(stmt, sympy.Basic):
        return False
    return all(isinstance(node, SUPPORTED) and (not isinstance(node, sympy.Symbol) or _NAME.match(node.name))
               for node in preorder_traversal(stmt))


def _symbols(obj: Any) -> set[Any]:
    return set(getattr(obj, "free_symbols", set()))


def _plain(name: str) -> str:
    """Spelling-insensitive form of a symbol name: ``s1``, ``s_1`` and ``s_{1}`` are one name."""
    return name.replace("{", "").replace("}", "").replace("_", "")


def normalise(parsed: Any, original: Any) -> Any:
    """Rename the parser's symbols to the statement's (``x_{1}`` -> ``x_1``, ``e`` -> E, ``i`` -> I)."""
    by_name = {_plain(str(s)): s for s in _symbols(original)}
    subs = {}
    for s in _symbols(parsed):
        plain = _plain(str(s))
        if plain in by_name:
            subs[s] = by_name[plain]
        elif plain == "e":
            subs[s] = sympy.E
        elif plain == "i":
            subs[s] = sympy.I
    return parsed.xreplace(subs)


def equal(a: Any, b: Any) -> bool:
    """Mathematical equality of two statements (Eq side by side, matrices entrywise)."""
    if isinstance(a, sympy.Eq) or isinstance(b, sympy.Eq):
        return isinstance(a, sympy.Eq) and isinstance(b, sympy.Eq) and equal(a.lhs, b.lhs) and equal(a.rhs, b.rhs)
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        return (isinstance(a, sympy.MatrixBase) and isinstance(b, sympy.MatrixBase) and a.shape == b.shape
                and all(equal(x, y) for x, y in zip(a, b)))
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


@dataclass
class RoundTrip:
    """Keys of results whose statement round-tripped, was skipped (unsupported), or failed."""

    passed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        tried = len(self.passed) + len(self.failed)
        return (f"LaTeX round trip (parse_latex, lark): {len(self.passed)}/{tried} supported statements parsed "
                f"back equal; {len(self.skipped)} skipped (unsupported constructs): {', '.join(self.skipped) or '-'}; "
                f"{len(self.rejected)} rejected by the parser: {', '.join(self.rejected) or '-'}"
                + (f"; FAILED: {', '.join(self.failed)}" if self.failed else ""))


def round_trip(results: Iterable[Result]) -> RoundTrip:
    """Print each general statement to LaTeX, parse it back, and compare."""
    from sympy.parsing.latex import parse_latex

    out = RoundTrip()
    for r in results:
        stmt = r.general()
        if not supported(stmt):
            out.skipped.append(r.key)
            continue
        try:
            parsed = parse_latex(sympy.latex(stmt), backend="lark")
        except Exception:  # a grammar the parser does not cover (e.g. multi-letter subscripts)
            out.rejected.append(r.key)
            continue
        if not isinstance(parsed, sympy.Basic):  # lark returns its parse forest when the grammar is ambiguous
            out.rejected.append(r.key)
            continue
        (out.passed if equal(normalise(parsed, stmt), stmt) else out.failed).append(r.key)
    return out
