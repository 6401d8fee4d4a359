"""Comparing, evaluating and perturbing statements.

A statement is a SymPy object: an ``Eq`` (a quantity on the left, its closed form on
the right), an expression, a ``Matrix`` or a ``Tuple`` of these.  This module holds
the three operations the verifier needs on them:

- :func:`same`: exact symbolic equality of a statement and a derivation;
- :func:`evaluate`: the closed form (right-hand side) evaluated at an example point,
  to a requested number of digits, as mpmath numbers;
- :func:`perturb`: a deliberately wrong version of a statement, used to prove that
  every check can fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy
from sympy import Basic, Eq, MatrixBase, Rational, Tuple

from numerics.agree import to_mp

__all__ = ["same", "value_of", "substitute", "evaluate", "perturb", "to_mpmath"]


_SIMPLIFY_LIMIT = 400  # operations


def _zero(expr: Any) -> bool:
    """Whether ``expr`` is identically zero, trying cheap exact routes before ``simplify``."""
    expr = sympy.sympify(expr)
    if expr == 0:
        return True
    expr = expr.doit()  # unevaluated derivatives, integrals and sums in a statement are part of its meaning
    ops = sympy.count_ops(expr)
    if ops > _SIMPLIFY_LIMIT and _nonzero_somewhere(expr):
        # a large expression: a value away from zero at one point disproves the identity before any
        # expansion (expanding a wrong statement can take minutes: a product of many symbolic factors
        # that never cancels).  Small ones are expanded first: cheaper than the probe when they are zero.
        return False
    # simplify is the last resort and can take minutes on a large expression: it is tried only on
    # small ones (a large true identity must then be stated in a form expand/radsimp can close)
    routes = [sympy.expand, lambda e: sympy.expand(sympy.radsimp(e))]
    if ops <= _SIMPLIFY_LIMIT:
        routes.append(sympy.simplify)
    for i, route in enumerate(routes):
        try:
            reduced = route(expr)
        except (StopIteration, RecursionError, TypeError, ValueError, NotImplementedError):
            # a route that crashes inside SymPy (simplify's sum_simplify raises StopIteration on some
            # quotients of sums, SymPy 1.14) proves nothing either way: try the next one
            continue
        if reduced == 0:
            return True
        # a reduced form that is a nonzero number settles the question
        if reduced.is_number and reduced.is_zero is False:
            return False
        if i == 0 and _nonzero_somewhere(reduced):
            # a value away from zero at one point disproves the identity; the later routes
            # (simplify above all) are slow exactly when the answer is "not zero"
            return False
    return False


_OPAQUE = (sympy.Integral, sympy.Sum, sympy.Product, sympy.Derivative, sympy.Limit)


def _probe_value(sym: Any, i: int = 0) -> Any:
    """A point in the symbol's declared domain, away from the special values 0, 1 and 1/2; the ``i``-th
    symbol gets its own value (equal values make symbolic matrices singular)."""
    if sym.is_integer:
        return sympy.Integer(-3 - i if sym.is_negative else 3 + i)
    value = Rational(7, 5) + Rational(i, 11)
    return -value if sym.is_negative else value


def _nonzero_somewhere(expr: Any) -> bool:
    """Whether ``expr`` evaluates, at one point of its symbols' domains, to a number clearly away from 0.

    Only a "yes" is used (as a disproof); "no" or a failed evaluation says nothing.  A true identity
    whose evaluation loses digits could be answered "yes" wrongly, which makes a check fail loudly:
    never the other way round, so a wrong statement cannot pass through this shortcut.
    """
    if expr.has(*_OPAQUE) or expr.atoms(sympy.core.function.AppliedUndef):
        return False
    try:
        point = {s: _probe_value(s, i) for i, s in enumerate(sorted(expr.free_symbols, key=str))}
        value = sympy.N(expr.subs(point), 40)
        if not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            return False
        return bool(abs(complex(value)) > 1e-20)
    except Exception:  # noqa: BLE001 - an evaluation that fails (domain, matrix symbols, ...) proves nothing
        return False


def same(a: Any, b: Any) -> bool:
    """Exact equality of two statements of the same kind (Eq, Matrix, Tuple or expression)."""
    if isinstance(a, Eq) or isinstance(b, Eq):
        return isinstance(a, Eq) and isinstance(b, Eq) and same(a.lhs, b.lhs) and same(a.rhs, b.rhs)
    if isinstance(a, MatrixBase) or isinstance(b, MatrixBase):
        if not (isinstance(a, MatrixBase) and isinstance(b, MatrixBase)) or a.shape != b.shape:
            return False
        return all(_zero(x - y) for x, y in zip(a, b))
    if isinstance(a, (Tuple, tuple)) or isinstance(b, (Tuple, tuple)):
        if not (isinstance(a, (Tuple, tuple)) and isinstance(b, (Tuple, tuple))) or len(a) != len(b):
            return False
        return all(same(x, y) for x, y in zip(a, b))
    return _zero(sympy.sympify(a) - sympy.sympify(b))


def value_of(statement: Any) -> Any:
    """The closed-form side of a statement: the right-hand side of an ``Eq``, else the object itself."""
    if isinstance(statement, Eq):
        return statement.rhs
    if isinstance(statement, (Tuple, tuple)):
        return Tuple(*(value_of(s) for s in statement))
    return statement


def to_mpmath(value: Any) -> Any:
    """Convert an evaluated SymPy number (or Matrix / Tuple of them) to mpmath at the current precision."""
    if isinstance(value, MatrixBase):
        return mpmath.matrix([[to_mpmath(value[i, j]) for j in range(value.cols)] for i in range(value.rows)])
    if isinstance(value, (Tuple, tuple, list)):
        return [to_mpmath(v) for v in value]
    value = sympy.sympify(value)
    if value.is_Rational or value.is_Float:
        return to_mp(value)
    re, im = value.as_real_imag()
    if not (re.is_number and im.is_number):
        raise ValueError(f"the closed form did not evaluate to a number: {value}")
    re, im = to_mp(sympy.Float(re, mpmath.mp.dps)), to_mp(sympy.Float(im, mpmath.mp.dps))
    return re if im == 0 else mpmath.mpc(re, im)


def substitute(statement: Any, point: Mapping[str, Any]) -> Any:
    """The closed form of ``statement`` at ``point``, exactly: the right-hand side with unevaluated
    derivatives, sums and integrals carried out, and its free symbols replaced by the point's entries of the
    same name (exact rationals).  Raises ValueError naming the symbols the point does not give."""
    value = value_of(statement)
    if isinstance(value, (Tuple, tuple)):
        value = Tuple(*(v.doit() if isinstance(v, Basic) else v for v in value))
    elif isinstance(value, Basic):
        value = value.doit()  # carry out unevaluated derivatives/sums before substituting the point
    names = {str(s): s for s in getattr(value, "free_symbols", set())}
    missing = sorted(set(names) - set(point))
    if missing:
        raise ValueError(f"the example point does not give a value for {', '.join(missing)}")
    subs = {names[k]: sympy.sympify(v) for k, v in point.items() if k in names}
    if isinstance(value, (Tuple, tuple)):
        return Tuple(*(v.subs(subs) for v in value))
    return value.subs(subs) if subs else value


def evaluate(statement: Any, dps: int, point: Mapping[str, Any]) -> Any:
    """Evaluate the closed form of ``statement`` at ``point`` to ``dps`` significant digits.

    The point is substituted exactly (:func:`substitute`), then ``evalf`` works at ``dps`` plus guard digits.
    """
    exact = substitute(statement, point)
    guard = dps + 15
    if isinstance(exact, (Tuple, tuple)):
        return [to_mpmath(sympy.N(v, guard)) for v in exact]
    if isinstance(exact, MatrixBase):
        return to_mpmath(exact.applyfunc(lambda e: sympy.N(e, guard)))
    return to_mpmath(sympy.N(exact, guard))


_SCALE, _SHIFT = Rational(8, 7), Rational(1, 3)


def perturb(statement: Any, weight: Any = 1) -> Any:
    """A wrong version of ``statement``: its closed form scaled by ``1 + weight/7`` and shifted by ``weight/3``.

    With the default ``weight = 1`` the closed form is scaled by 8/7 and shifted by 1/3: scaling
    catches checks that only look at zeros; shifting catches checks that only look at ratios.  A
    symbolic ``weight`` makes the statement wrong exactly where the weight is nonzero (a statement
    planted to agree with the truth at chosen points only).  The left-hand side (the quantity) is
    left alone.
    """
    if isinstance(statement, Eq):
        return Eq(statement.lhs, perturb(statement.rhs, weight), evaluate=False)
    scale, shift = 1 + sympy.sympify(weight) * (_SCALE - 1), sympy.sympify(weight) * _SHIFT
    if isinstance(statement, MatrixBase):
        return statement.applyfunc(lambda e: e * scale + shift)
    if isinstance(statement, (Tuple, tuple)):
        return Tuple(*(perturb(s, weight) for s in statement))
    if isinstance(statement, Basic) or isinstance(statement, (int, Rational)):
        return sympy.sympify(statement) * scale + shift
    raise ValueError(f"cannot perturb a statement of type {type(statement).__name__}")
