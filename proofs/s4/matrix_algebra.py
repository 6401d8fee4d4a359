"""Private: matrix identities of the S4 kernel proved for every size at once, and their evaluation.

Two structural routes, both computed in SymPy:

- **One matrix.**  An identity among rational functions of a single matrix :math:`A` (the bilinear
  pair :math:`\\bar A=(I-\\tfrac h2A)^{-1}(I+\\tfrac h2A)`, :math:`\\bar B=h(I-\\tfrac h2A)^{-1}B`, the
  resolvent, powers of :math:`\\bar A`) is an identity in the field of rational functions of a scalar
  :math:`a` standing for :math:`A`: evaluation :math:`f\\mapsto f(A)` is a ring homomorphism on the
  rational functions whose denominators are invertible at :math:`A` (they are polynomials in
  :math:`A`, so they commute), hence the scalar identity holds for every :math:`N\\times N` matrix at
  once.  :func:`at_matrix` evaluates such a closed form :math:`f(A)` at a numeric matrix.
- **Several matrices.**  An identity in the free (noncommutative) algebra on symbols standing for
  matrices of compatible sizes, reduced with the defining relations of the inverses that occur
  (:math:`DD^{-1}=D^{-1}D=I` is SymPy's own rule for a noncommutative symbol and its power
  :math:`-1`; others, such as :math:`K(I+WD^{-1}U)=I`, are given as rewriting rules): only the ring
  axioms and these relations are used, so it holds for every size.
  :func:`reduce_words` applies the relations; :func:`word_value` evaluates at numeric matrices.

The numeric cross-checks (:mod:`numerics.s4.identities`) compute the same quantities by dense
linear algebra at drawn sizes; the functions here evaluate the *closed forms* at those points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import mpmath
import sympy
from sympy import Matrix, Symbol

from proofs.core import checks

__all__ = ["words", "reduce_words", "word_value", "at_matrix", "point_matrix", "point_vector", "scalars_of",
           "evaluator", "matrix_of", "sized_points", "number"]

_GUARD = 15  # pragma: no mutate (guard digits)


def words(names: str) -> tuple[Symbol, ...]:
    """Noncommutative symbols, one per name (whitespace separated): matrices of unspecified size."""
    return tuple(sympy.symbols(names, commutative=False, seq=True))


def reduce_words(expr: Any, rules: Mapping[Any, Any], *, rounds: int = 30) -> Any:
    """``expr`` expanded and rewritten with ``rules`` (word -> replacement) until nothing changes.

    Each rule is a defining relation of an inverse read left to right (``D*Di -> 1``,
    ``W*Di*U*K -> 1 - K`` for ``K = (I + W D^-1 U)^-1``); SymPy's substitution matches a rule's word
    inside longer noncommutative products.
    """
    current = sympy.expand(expr)
    for _ in range(rounds):
        nxt = current
        for old, new in rules.items():
            nxt = sympy.expand(nxt.subs(old, new))
        if nxt == current:
            return current
        current = nxt
    raise ValueError(f"the relations did not reach a normal form in {rounds} rounds: {current}")


def scalars_of(point: Mapping[str, Any], expr: Any) -> dict[Any, Any]:
    """The commutative symbols of ``expr`` that the point names, as exact SymPy numbers."""
    names = {str(s): s for s in getattr(expr, "free_symbols", ()) if s.is_commutative}
    return {names[k]: sympy.sympify(v) for k, v in point.items() if k in names}


def number(coeff: Any, subs: Mapping[Any, Any]) -> Any:
    """An exact coefficient (symbols from ``subs``) as an mpmath number at the working precision plus guard."""
    value = sympy.sympify(coeff).subs(subs) if subs else sympy.sympify(coeff)
    return checks.to_mpmath(sympy.N(value, mpmath.mp.dps + _GUARD))


def word_value(expr: Any, mats: Mapping[Any, Any], subs: Mapping[Any, Any], *, size: int | None = None) -> Any:
    """A noncommutative polynomial evaluated at numeric matrices (``mats``: symbol -> ``mpmath.matrix``).

    Commutative coefficients take their values from ``subs`` (symbol -> exact number).  A term without
    matrix factors is a number: it stands for that multiple of the identity when the other terms are
    square matrices, is added entry by entry to a rectangular (vector) value, and to a 1 x 1 value as a
    number (``size``: the order of the identity when no term has matrix factors).  A 1 x 1 result is
    returned as a number.
    """
    total, scalar = None, None
    for term in sympy.Add.make_args(sympy.expand(expr)):
        comm, factors = term.args_cnc()
        coeff = number(sympy.Mul(*comm), subs)
        if not factors:
            scalar = coeff if scalar is None else scalar + coeff
            continue
        value = None
        for f in factors:
            base, exp = f.as_base_exp()
            if base not in mats or not exp.is_Integer:
                raise ValueError(f"cannot evaluate the factor {f}: no matrix for {base}")
            m = mats[base] if exp == 1 else (mpmath.inverse(mats[base]) ** int(-exp) if exp < 0
                                            else mats[base] ** int(exp))
            value = m if value is None else value * m
        value = value * coeff
        total = value if total is None else total + value
    if total is None:
        if size is None:
            raise ValueError(f"the scalar {expr} needs the order of the identity it stands for")
        total = mpmath.zeros(size, size)
    if scalar is not None:
        if total.rows == total.cols:
            total = total + mpmath.eye(total.rows) * scalar
        else:
            total = total.apply(lambda v: v + scalar)
    if total.rows == total.cols == 1:
        return total[0, 0]
    return total


def _horner(coeffs: list[Any], A: Any) -> Any:
    n = A.rows
    out = mpmath.zeros(n, n)
    for c in coeffs:  # highest degree first
        out = out * A + mpmath.eye(n) * c
    return out


def at_matrix(f: Any, var: Symbol, A: Any, subs: Mapping[Any, Any]) -> Any:
    """:math:`f(A)` for a rational function ``f`` of the scalar ``var``: :math:`q(A)^{-1}p(A)` with
    ``f = p/q`` (coefficients evaluated with ``subs``), at the current mpmath precision."""
    num, den = sympy.fraction(sympy.cancel(sympy.together(sympy.sympify(f))))
    p = [number(c, subs) for c in sympy.Poly(num, var).all_coeffs()]
    q = [number(c, subs) for c in sympy.Poly(den, var).all_coeffs()]
    return mpmath.inverse(_horner(q, A)) * _horner(p, A)


def point_matrix(point: Mapping[str, Any], prefix: str, rows: int, cols: int | None = None) -> Any:
    """``mpmath.matrix`` of the point's entries ``{prefix}{i+1}{j+1}``."""
    cols = rows if cols is None else cols
    return mpmath.matrix([[checks.to_mpmath(sympy.Rational(point[f"{prefix}{i + 1}{j + 1}"]))
                           for j in range(cols)] for i in range(rows)])


def point_vector(point: Mapping[str, Any], prefix: str, n: int) -> Any:
    """``mpmath.matrix`` column of the point's entries ``{prefix}{i+1}``."""
    return mpmath.matrix([checks.to_mpmath(sympy.Rational(point[f"{prefix}{i + 1}"])) for i in range(n)])


def evaluator(build: Callable[[Mapping[str, Any]], Any]) -> Callable[[Any, int, Mapping[str, Any]], Any]:
    """A result's ``evaluate``: ``build(point)`` computes the closed form's value at the current precision
    (``dps`` plus guard digits); the value is rounded back to ``dps``."""

    def evaluate(statement: Any, dps: int, point: Mapping[str, Any]) -> Any:
        with mpmath.workdps(dps + _GUARD):
            value = build(statement, point)
        with mpmath.workdps(dps):
            return _round(value)

    return evaluate


def _round(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    if isinstance(value, mpmath.matrix):
        return value.apply(lambda x: +x)
    return +value


def matrix_of(M: Matrix) -> Any:
    """An exact SymPy matrix as an ``mpmath.matrix`` at the current precision."""
    return mpmath.matrix([[checks.to_mpmath(sympy.N(M[i, j], mpmath.mp.dps + _GUARD)) for j in range(M.cols)]
                          for i in range(M.rows)])


def sized_points(sizes: Mapping[str, tuple[int, int]], fields: Callable[..., Mapping[str, Any]],
                 keep: Callable[[Mapping[str, Any]], bool] | None = None) -> Callable[[], Any]:
    """A result's ``params`` whose fields depend on drawn sizes: ``sizes`` maps each size name to its
    range (``{"N": (1, 4)}``), ``fields(**sizes)`` returns the draws (``s.rationals(...)``, see
    :mod:`proofs.core.params`) of a point of those sizes (it is passed the sizes it names); ``keep``
    filters whole points."""
    import inspect

    takes = set(inspect.signature(fields).parameters)

    def params() -> Any:
        from hypothesis import strategies as st

        from numerics import strategies

        def at(chosen: dict[str, int]) -> Any:
            drawn = {k: d.build(strategies) if hasattr(d, "build") else d(strategies)
                     for k, d in fields(**{k: v for k, v in chosen.items() if k in takes}).items()}
            return strategies.points(**{k: st.just(v) for k, v in chosen.items()}, **drawn)

        made = st.fixed_dictionaries({k: strategies.sizes(lo, hi) for k, (lo, hi) in sizes.items()}).flatmap(at)
        return made.filter(keep) if keep is not None else made

    return params
