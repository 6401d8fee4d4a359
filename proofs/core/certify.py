"""The certified tier: Arb ball arithmetic bounds the agreement of a result's route with its closed form.

A measured verdict compares two floating-point computations; a certified one is a proof of a digit count.
For a result with an Arb route (``Result.certified``, written in :mod:`numerics` with python-flint only),
the route and the closed form are both computed as balls (intervals guaranteed to contain the true
value) at every fixed example point, and

.. math::

    \\text{certified digits} = -\\log_{10} \\frac{\\max_i \\sup |r_i - c_i|}{\\max_i \\inf |c_i|}

is a rigorous lower bound on the normwise relative agreement of the two true values: the difference of
the balls contains the true difference, so its largest absolute value bounds it from above, and the
smallest absolute value of the closed form's ball bounds the scale from below.  When both sides are
exact rationals (every ball of radius zero) and equal, the result is certified *exact*.

The closed form is translated from SymPy to Arb by :func:`ball` (numbers, the arithmetic operations,
powers, and the elementary and special functions the registry uses); a closed form with anything else
is not certified, with the reason.  python-flint is an optional extra (``closedform[certify]``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from .checks import substitute

__all__ = ["NO_FLINT", "available", "Certificate", "ball", "certify", "prec_of", "uncertified_reason"]

NO_FLINT = ("the certified tier needs python-flint (Arb ball arithmetic): "
            "python3 -m pip install -e '.[certify]'")


def available() -> bool:
    """Whether python-flint is installed."""
    try:
        import flint  # noqa: F401
    except ImportError:
        return False
    return True


def prec_of(dps: int) -> int:
    """Bits of working precision for ``dps`` decimal digits, with 32 guard bits."""
    return math.ceil(dps * math.log2(10)) + 32


@dataclass(frozen=True)
class Certificate:
    """A certified lower bound on the digits of agreement (``math.inf``: exact), or why there is none."""

    digits: float | None
    reason: str = ""  # why the result is not certified ("" when it is)
    seconds: float = 0.0

    @property
    def certified(self) -> bool:
        return self.digits is not None

    def text(self) -> str:
        if self.digits is None:
            return "-"
        return "exact" if math.isinf(self.digits) else f">= {self.digits:.1f}"


class NotCertifiable(ValueError):
    """The closed form has a piece :func:`ball` cannot evaluate in Arb."""


def _functions() -> dict[Any, Any]:
    from flint import acb

    return {
        sympy.exp: lambda z: z.exp(), sympy.log: lambda z: z.log(), sympy.sin: lambda z: z.sin(),
        sympy.cos: lambda z: z.cos(), sympy.tan: lambda z: z.tan(), sympy.atan: lambda z: z.atan(),
        sympy.sinh: lambda z: z.sinh(), sympy.cosh: lambda z: z.cosh(), sympy.tanh: lambda z: z.tanh(),
        sympy.asin: lambda z: z.asin(), sympy.acos: lambda z: z.acos(), sympy.gamma: lambda z: z.gamma(),
        sympy.loggamma: lambda z: z.lgamma(), sympy.digamma: lambda z: z.digamma(),
        sympy.zeta: lambda z: z.zeta(), sympy.erf: lambda z: z.erf(), sympy.erfc: lambda z: z.erfc(),
        sympy.Abs: lambda z: acb(abs(z)), sympy.cot: lambda z: z.cot(), sympy.LambertW: lambda z: z.lambertw(),
    }


def ball(expr: Any, prec: int) -> Any:
    """The complex ball (``flint.acb``) of a SymPy number expression at ``prec`` bits.

    Rationals are exact; pi, e, Euler's gamma and Catalan's constant are Arb's balls; ``+``, ``*``, powers,
    the functions of :func:`_functions`, Bessel I and J, the elliptic integrals F, K and E (parameter m, as
    in SymPy) are evaluated with Arb's rigorous error bounds; a ``CRootOf`` is FLINT's certified root inside
    SymPy's isolating rectangle.  Raises
    :class:`NotCertifiable` for anything else (an unevaluated integral, a free symbol, a Float: a float in
    a closed form has no exact value to certify).
    """
    from flint import acb, ctx, fmpq

    old, ctx.prec = ctx.prec, prec
    try:
        return _ball(sympy.sympify(expr), acb, fmpq)
    finally:
        ctx.prec = old


def _ball(e: Any, acb: Any, fmpq: Any) -> Any:
    if e.is_Integer or e.is_Rational:
        return acb(fmpq(int(e.p), int(e.q)))
    if e is sympy.pi:
        return acb.pi()
    if e is sympy.E:
        return acb(1).exp()
    if e is sympy.EulerGamma:
        from flint import arb

        return acb(arb.const_euler())
    if e is sympy.Catalan:
        from flint import arb

        return acb(arb.const_catalan())
    if e is sympy.I:
        return acb(0, 1)
    if e.is_Add:
        out = acb(0)
        for a in e.args:
            out += _ball(a, acb, fmpq)
        return out
    if e.is_Mul:
        out = acb(1)
        for a in e.args:
            out *= _ball(a, acb, fmpq)
        return out
    if e.is_Pow:
        base, exp = e.args
        b = _ball(base, acb, fmpq)
        if exp.is_Integer:
            return b ** int(exp)
        if exp == sympy.Rational(1, 2):
            return b.sqrt()
        if exp == -sympy.Rational(1, 2):
            return 1 / b.sqrt()
        if exp.is_Rational:
            return b.root(int(exp.q)) ** int(exp.p) if b.real > 0 else b ** _ball(exp, acb, fmpq)
        return b ** _ball(exp, acb, fmpq)
    fn = _functions().get(type(e)) if isinstance(e, sympy.Function) else None
    if fn is not None and len(e.args) == 1:
        return fn(_ball(e.args[0], acb, fmpq))
    if isinstance(e, sympy.besseli):
        return _ball(e.args[1], acb, fmpq).bessel_i(_ball(e.args[0], acb, fmpq))
    if isinstance(e, sympy.besselj):
        return _ball(e.args[1], acb, fmpq).bessel_j(_ball(e.args[0], acb, fmpq))
    if isinstance(e, sympy.elliptic_f):
        return acb.elliptic_f(_ball(e.args[0], acb, fmpq), _ball(e.args[1], acb, fmpq))
    if isinstance(e, sympy.elliptic_k):
        return _ball(e.args[0], acb, fmpq).elliptic_k()
    if isinstance(e, sympy.elliptic_e) and len(e.args) == 1:
        return _ball(e.args[0], acb, fmpq).elliptic_e()
    if isinstance(e, sympy.CRootOf):
        return _root_ball(e, acb, fmpq)
    if isinstance(e, sympy.polygamma):
        order, z = e.args
        if order.is_Integer:
            return _ball(z, acb, fmpq).polygamma(acb(int(order)))
    raise NotCertifiable(f"no Arb evaluation for {type(e).__name__} ({sympy.sstr(e)[:60]})")


def _root_ball(e: Any, acb: Any, fmpq: Any) -> Any:
    """The ball of a ``CRootOf``: FLINT's certified complex roots of its polynomial, the one inside SymPy's
    isolating rectangle for that index (a rectangle that holds exactly one root, so the choice is rigorous).
    SymPy builds ``CRootOf`` over the rationals only, so the coefficients are exact ``fmpq``."""
    from flint import fmpq_poly

    poly = sympy.Poly(e.expr, e.poly.gen)
    coeffs = [fmpq(int(c.p), int(c.q)) for c in reversed(poly.all_coeffs())]
    roots = [r for r, _ in fmpq_poly(coeffs).complex_roots()]
    box = e._get_interval()
    if e.is_real:
        re_box, im_box = (box.a, box.b), (sympy.S.Zero, sympy.S.Zero)
    else:
        re_box, im_box = (box.ax, box.bx), (box.ay, box.by)
    q = [fmpq(int(v.p), int(v.q)) for v in (*re_box, *im_box)]
    inside = [r for r in roots if _meets(r.real, q[0], q[1]) and _meets(r.imag, q[2], q[3])]
    if len(inside) != 1:
        raise NotCertifiable(f"the root {sympy.sstr(e)[:60]} is not isolated by its rectangle at this precision")
    return inside[0]


def _meets(x: Any, low: Any, high: Any) -> bool:
    """Whether the real ball ``x`` may meet the closed interval ``[low, high]``: false only when it certainly lies
    outside (a rectangle SymPy has refined below the ball's radius still meets the ball that holds its root)."""
    from flint import arb

    upper, lower = arb(x.mid()) + arb(x.rad()), arb(x.mid()) - arb(x.rad())
    return not (upper < arb(low)) and not (lower > arb(high))


def _entries(value: Any) -> list[Any]:
    if isinstance(value, sympy.MatrixBase):
        return list(value)
    if isinstance(value, (sympy.Tuple, tuple, list)):
        out: list[Any] = []
        for v in value:
            out.extend(_entries(v))
        return out
    return [value]


def _closed_form_at(result: Any, point: Mapping[str, Any]) -> list[Any]:
    from .result import _accepted

    try:
        value = substitute(result.statement(**_accepted(result.statement, point)), point)
    except ValueError as exc:  # the point does not give every symbol
        raise NotCertifiable(str(exc)) from None
    return [sympy.sympify(v) for v in _entries(value)]


def _digits_of(route: list[Any], closed: list[Any], prec: int) -> float:
    """The rigorous lower bound on the normwise relative agreement of two lists of balls."""
    from flint import arb, ctx

    old, ctx.prec = ctx.prec, prec
    try:
        exact = all(_exact(r) and _exact(c) for r, c in zip(route, closed))
        errs = [abs(r - c) for r, c in zip(route, closed)]
        err = max(arb(e).abs_upper() for e in errs)
        if err == 0:
            return math.inf if exact else float(prec * math.log10(2))
        scale = max(abs(c).abs_lower() for c in closed)
        if scale == 0:
            scale = arb(1).abs_lower()  # a closed form that is 0 is measured on the unit scale
        return max(0.0, float(-(arb(err) / arb(scale)).log().mid() / arb(10).log().mid()))
    finally:
        ctx.prec = old


def _exact(z: Any) -> bool:
    return z.rad() == 0 if hasattr(z, "rad") else (z.real.rad() == 0 and z.imag.rad() == 0)


_BY_EVIDENCE = {
    "mirror": "a mirror: its numeric check recomputes the closed form, so there is no independent route to bound",
    "quoted rounding": "a quoted rounding: the source's decimals are checked, not a digit count",
    "convergence": "a limit claim: its evidence is a convergence table, not a value at a point",
}


def uncertified_reason(result: Any) -> str:
    """Why ``result`` has no Arb route: its own ``uncertified`` text, or the reason its evidence kind gives."""
    if result.uncertified:
        return result.uncertified
    if result.numeric is None and result.convergence is None:
        return "no numeric route: the claim is checked symbolically only"
    return _BY_EVIDENCE.get(getattr(result.evidence, "value", ""), "no Arb route")


def certify(result: Any, dps: int) -> Certificate:
    """Certify ``result`` at its fixed examples (the worst point counts); never raises for a failing check."""
    start = time.perf_counter()
    if result.certified is None:
        return Certificate(None, uncertified_reason(result), time.perf_counter() - start)
    if not available():
        return Certificate(None, NO_FLINT, time.perf_counter() - start)
    from flint import acb

    from flint import ctx, fmpq

    prec = prec_of(dps)
    worst = math.inf
    old, ctx.prec = ctx.prec, prec
    try:
        for point in result.examples:
            exact_closed = _closed_form_at(result, point)
            route = _entries_of_route(result.certified(prec=prec, **point))
            if len(route) != len(exact_closed):
                raise NotCertifiable(f"the Arb route gives {len(route)} numbers, the closed form {len(exact_closed)}")
            if all(isinstance(r, (int, fmpq)) for r in route) and all(c.is_Rational for c in exact_closed):
                # both sides exact rationals: decided, not bounded
                diffs = [abs(fmpq(r) - fmpq(int(c.p), int(c.q))) for r, c in zip(route, exact_closed)]
                if all(d == 0 for d in diffs):
                    continue
                route = [acb(fmpq(r)) for r in route]
            closed = [ball(c, prec) for c in exact_closed]
            worst = min(worst, _digits_of([acb(r) for r in route], closed, prec))
    except NotCertifiable as exc:
        return Certificate(None, str(exc), time.perf_counter() - start)
    finally:
        ctx.prec = old
    return Certificate(worst, "", time.perf_counter() - start)


def _entries_of_route(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        out: list[Any] = []
        for v in value:
            out.extend(_entries_of_route(v))
        return out
    if hasattr(value, "nrows") and hasattr(value, "ncols"):
        return [value[i, j] for i in range(value.nrows()) for j in range(value.ncols())]
    return [value]
