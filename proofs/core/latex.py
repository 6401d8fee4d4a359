"""LaTeX of results and derivations: the rendering, kept apart from the model in :mod:`proofs.core.result`.

- :func:`parts`: a result's LaTeX pieces (statement, bound note, display case, captioned steps, notes),
  built once per result and shared by the report, ``closedform show --latex`` and notebooks;
- :func:`fragment`: the result as a LaTeX fragment (``Result.latex()``);
- :func:`notebook` and :func:`derivation`: the notebook views (``_repr_latex_``), each one formula;
- :func:`latex_of`: a statement or step as LaTeX; a tuple's parts joined by :data:`TUPLE_SEP`, a formula
  of more than :data:`LATEX_LIMIT` characters described instead of shown.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy

from .markup import latex_escape, latex_text, math_text

if TYPE_CHECKING:
    from .result import Derivation, Result

__all__ = ["LatexParts", "TUPLE_SEP", "LATEX_LIMIT", "latex_of", "parts", "fragment", "notebook", "derivation"]


@dataclass(frozen=True)
class LatexParts:
    """A result's LaTeX pieces: statement (math), scope note (text: what the proof covers when it is not
    general, and a numeric check's evidence kind when it is not an independent route), display case, steps,
    notes (text)."""

    statement: str
    bound_note: str
    case: str
    steps: tuple[tuple[str, str], ...]
    notes: str


#: how the LaTeX of a tuple's parts is joined (the report splits on it to give each part a line)
TUPLE_SEP = r",\quad "


def latex_of(obj: Any) -> str:
    """A statement, step or value as LaTeX (a tuple's parts joined by TUPLE_SEP; huge formulas described)."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, (sympy.Tuple, tuple)):
        return TUPLE_SEP.join(latex_of(o) for o in obj)
    # a matrix row that starts with "[" would be read as the optional argument of "\\[...]"
    tex = sympy.latex(obj).replace("\\\\[", "\\\\{}[")
    if len(tex) > LATEX_LIMIT:
        # Even broken into display lines, a formula of this size fills a page (and on one line it
        # overflows TeX's dimensions); say what it is instead (``closedform show KEY`` prints it whole).
        shape = f"{obj.rows}-by-{obj.cols} matrix" if isinstance(obj, sympy.MatrixBase) else "expression"
        return rf"\text{{[{shape}; {len(tex)} characters of \LaTeX, omitted here]}}"
    return tex


#: characters; the report (proofs.app.report) breaks a long formula into display lines (a sum at its terms,
# a fraction into numerator and denominator, a matrix entry by entry): only a formula that would fill
# a page or more is described
LATEX_LIMIT = 5000


_PARTS: weakref.WeakKeyDictionary[Result, LatexParts] = weakref.WeakKeyDictionary()


def parts(result: Result) -> LatexParts:
    """The pieces of ``result``'s LaTeX, rendered once per result (its display derivation can take seconds)."""
    cached = _PARTS.get(result)
    if cached is None:
        cached = _PARTS[result] = _render(result)
    return cached


def _render(result: Result) -> LatexParts:
    bound_note = _scope_note(result)
    steps: tuple[tuple[str, str], ...] = ()
    where = ""
    if result.derive is not None:
        case = result.display_case()
        where = ", ".join(f"{k}={v}" for k, v in case.items())
        steps = tuple((latex_text(s.caption), latex_of(s.expr)) for s in result.derivation(**case).steps)
    return LatexParts(latex_of(result.general()), bound_note, where, steps, latex_text(result.notes))


def _scope_note(result: Result) -> str:
    """What the proof covers and what the numeric check compares, in a sentence or two ("" for a general
    proof checked by an independent route, the common case that needs no comment)."""
    from .evidence import Evidence, ScopeKind

    scope = result.proof_scope()
    note = ""
    if scope.kind is ScopeKind.RANGE and result.bound is not None:
        b = result.bound
        note = (rf"Proved exactly for every ${b.name} = {b.start},\dots,{b.stop}$ "
                rf"(no general-${b.name}$ proof in SymPy).")
    elif scope.kind is ScopeKind.INSTANCES:
        note = rf"Proved exactly for {scope.count} instance{'s' if scope.count != 1 else ''} only: " \
               rf"{latex_escape(scope.detail)} (not a general proof)."
    elif scope.kind is ScopeKind.REPRESENTATIVE:
        note = rf"Proved for a representative instance only: {latex_escape(scope.detail)} (not a general proof)."
    if result.numeric_evidence not in (None, Evidence.ROUTE):
        note += (" " if note else "") + rf"Numeric evidence: {latex_escape(str(result.evidence))}."
    return note


def fragment(result: Result) -> str:
    """``result`` as a LaTeX fragment: heading, metadata, statement, derivation steps, notes."""
    p = parts(result)
    lines = [
        rf"\subsection*{{{latex_escape(result.key)}: {result.latex_title}}}",
        rf"\noindent\textbf{{Status:}} {result.status.value}. \textbf{{Source:}} {latex_escape(result.source)}.",
        r"\[" + p.statement + r"\]",
    ]
    if p.bound_note:
        lines.append(r"\noindent " + p.bound_note)
    if p.steps:
        lines.append(r"\noindent Derivation" + (f" (shown for ${p.case}$)" if p.case else "") + ":")
        body = [rf"\intertext{{{caption}}} &{tex}" for caption, tex in p.steps]
        lines.append("\\begin{align*}\n" + " \\\\\n".join(body) + "\n\\end{align*}")
    if p.notes:
        lines.append(rf"\noindent\textit{{Note.}} {p.notes}")
    return "\n".join(lines) + "\n"


def notebook(result: Result) -> str:
    """Key, title, status, then the statement: one formula, as a notebook's ``_repr_latex_`` needs."""
    title = math_text(result.title_tex) if result.title_tex else rf"\text{{{latex_escape(result.title)}}}"
    head = rf"\textbf{{{result.key}}}\quad {title}\quad [\text{{{result.status.value}}}]"
    return rf"$$\begin{{array}}{{l}}{head}\\[4pt] \displaystyle {latex_of(result.general())}\end{{array}}$$"


def derivation(d: Derivation) -> str:
    """The captioned steps and the derived value, one aligned formula."""
    rows = [rf"&{math_text(s.caption)}\\ &\quad {latex_of(s.expr)}" for s in d.steps]
    rows.append(rf"&\text{{Result:}}\\ &\quad {latex_of(d.value)}")
    return "$$\\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}$$"
