"""What every certified route shares: exact inputs to FLINT, Arb balls, and the working precision.

The certified routes (``numerics/<pillar>/certified*.py``) compute a result's quantity with python-flint
only: exact rationals (``fmpq``, ``fmpq_poly``, ``fmpq_mat``) where everything is rational, Arb balls
(``arb``, ``acb``, ``acb_mat``, ``acb.integral``, ``acb.dft``) otherwise.  A route receives the example
point's values as given (``int``, :class:`fractions.Fraction` or any exact rational with ``numerator`` and
``denominator``) and converts them here, once, with a message naming the parameter when a value is not
exact.  python-flint is imported lazily: without it the module still imports (the certified tier reports
how to install it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

__all__ = ["ball", "balls", "integer", "positive", "precision", "rational", "rationals"]


def rational(x: Any, what: str = "value") -> Any:
    """``x`` as an exact ``flint.fmpq``; a ``ValueError`` naming ``what`` unless ``x`` is an exact rational.

    Accepted: ``int``, :class:`~fractions.Fraction`, and any number with integer ``numerator`` and
    ``denominator`` (a rational of another library).  Floats, booleans and strings are refused: a float
    has no exact value to certify.
    """
    from flint import fmpq

    if isinstance(x, (bool, float, complex, str)):
        raise ValueError(f"{what} must be an integer or a fraction for a certified route, got {x!r}")
    try:
        num, den = int(x.numerator), int(x.denominator)
    except (AttributeError, TypeError, ValueError):
        raise ValueError(f"{what} must be an integer or a fraction for a certified route, got {x!r}") from None
    if den == 0:
        raise ValueError(f"{what} has a zero denominator: {x!r}")
    f = Fraction(num, den)
    return fmpq(f.numerator, f.denominator)


def positive(x: Any, what: str = "value") -> Any:
    """``x`` as an exact positive ``fmpq`` (see :func:`rational`); a ``ValueError`` naming ``what`` otherwise."""
    q = rational(x, what)
    if q <= 0:
        raise ValueError(f"{what} must be positive, got {x!r}")
    return q


def rationals(xs: Sequence[Any], what: str = "values") -> list[Any]:
    """Each entry of ``xs`` as an exact ``fmpq`` (see :func:`rational`)."""
    return [rational(x, f"{what}[{i}]") for i, x in enumerate(xs)]


def integer(n: Any, what: str = "n", low: int | None = None) -> int:
    """``n`` as a Python ``int`` (at least ``low`` when given); a ``ValueError`` naming ``what`` otherwise."""
    if isinstance(n, bool):
        raise ValueError(f"{what} must be an integer, got {n!r}")
    if not hasattr(n, "__index__"):
        if getattr(n, "denominator", None) == 1:
            n = int(n.numerator)
        else:
            raise ValueError(f"{what} must be an integer, got {n!r}")
    n = int(n)
    if low is not None and n < low:
        raise ValueError(f"{what} must be >= {low}, got {n}")
    return n


def ball(x: Any, what: str = "value") -> Any:
    """An exact rational ``x`` as a complex ball of radius zero (``flint.acb``); a ball is returned as is."""
    from flint import acb, arb

    if isinstance(x, acb):
        return x
    if isinstance(x, arb):
        return acb(x)
    return acb(rational(x, what))


def balls(xs: Sequence[Any], what: str = "values") -> list[Any]:
    """Each entry of ``xs`` as a complex ball (see :func:`ball`)."""
    return [ball(x, f"{what}[{i}]") for i, x in enumerate(xs)]


@contextmanager
def precision(prec: int) -> Iterator[None]:
    """Run the block at ``prec`` bits of Arb working precision (``flint.ctx.prec``), restored afterwards.

    ``prec`` must be at least 2 bits; the certified tier passes its own precision to every route.
    """
    from flint import ctx

    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
        raise ValueError(f"prec must be an integer number of bits >= 2, got {prec!r}")
    old, ctx.prec = ctx.prec, prec
    try:
        yield
    finally:
        ctx.prec = old
