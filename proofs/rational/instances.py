"""Shared helpers of the RTF registry entries (private): cases, points, strategies.

The RTF points are drawn with :func:`sized_points`: their coefficient vectors share one length ``d``
(and ``L > d``), which :func:`proofs.core.params.draw` cannot express, since it draws every field on its
own; a field that stands alone (``a`` alone, ``r``) is a plain ``draw`` field (:func:`sized_coefficients`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
import sympy
from sympy import I, Matrix, Rational, Symbol, symbols
from sympy.polys.matrices import DomainMatrix

from .transfer import fft_kernel_exact

#: the golden realisation G-R1 of spec rational.md: a(z) = 1 + z/2 - z^2/5 + z^3/10, b = (1, 2/5, -3/10)
GR1_A = [Rational(1, 2), Rational(-1, 5), Rational(1, 10)]  # pragma: no mutate (test data)
GR1_B = [1, Rational(2, 5), Rational(-3, 10)]  # pragma: no mutate (test data)

CONFIRM = "The wording of the RTF paper's statement is to be confirmed against the paper; the content is verified here."


def case_d(d: Any, lo: int = 1) -> int:
    """The enumerated state size of a bounded proof."""
    if isinstance(d, bool) or not isinstance(d, (Integral, sympy.Integer)) or int(d) < lo:
        raise ValueError(f"d must be an integer >= {lo}, got {d!r}")
    return int(d)


def rationals(seed: int, n: int, num: int = 9, den: int = 9) -> list[Rational]:
    """``n`` reproducible pseudo-random rationals p/q, |p| <= num, 1 <= q <= den."""
    rng = random.Random(seed)
    return [Rational(rng.randint(-num, num), rng.randint(1, den)) for _ in range(n)]


def rational_matrix(seed: int, d: int, num: int = 3, den: int = 4) -> Matrix:
    return Matrix(d, d, rationals(seed, d * d, num, den))


def symbolic_realisation(d: int) -> tuple[Matrix, Matrix, Matrix]:
    A = Matrix(d, d, lambda i, j: Symbol(f"A_{i + 1}{j + 1}"))
    B = Matrix([Symbol(f"B_{i + 1}") for i in range(d)])
    C = Matrix([Symbol(f"C_{i + 1}") for i in range(d)])
    return A, B, C


def rational_realisation(d: int, seed: int) -> tuple[Matrix, Matrix, Matrix]:
    return rational_matrix(seed, d), Matrix(rationals(seed + 1, d)), Matrix(rationals(seed + 2, d))


def coeff_symbols(letter: str, d: int) -> list[Symbol]:
    return list(symbols(f"{letter}_1:{d + 1}"))


def over_common_domain(*mats: Matrix) -> list[DomainMatrix]:
    """``mats`` as DomainMatrices over one domain: the polynomial ring of their symbols (or QQ)."""
    dms = [DomainMatrix.from_Matrix(M) for M in mats]
    dom = dms[0].domain
    for dm in dms[1:]:
        dom = dom.unify(dm.domain)
    return [dm.convert_to(dom) for dm in dms]


def kernel_names(n: int, label: str = "K") -> Matrix:
    """The column of symbols ``label_0 .. label_(n-1)`` naming a kernel on a statement's left-hand side."""
    return Matrix([Symbol(f"{label}_{k}") for k in range(n)])


def names(*labels: str) -> Matrix:
    """A column of symbols naming the quantities on a statement's left-hand side."""
    return Matrix([Symbol(s) for s in labels])


def exact(v: Any) -> Any:
    """A point entry (int, Fraction, str, SymPy number, or a nested list of them) as SymPy."""
    if isinstance(v, (list, tuple)):
        return [exact(x) for x in v]
    if isinstance(v, Fraction):
        return Rational(v.numerator, v.denominator)
    return sympy.sympify(v)


def point_z(z_re: Any, z_im: Any) -> Any:
    return exact(z_re) + I * exact(z_im)


def poly_eval(coeffs_low_first: Sequence[Any], x: Any) -> Any:
    return sympy.Add(*[c * x**i for i, c in enumerate(coeffs_low_first)])


def at(dps: int) -> Any:
    """The working-precision context of an independent numeric route: ``dps`` plus guard digits."""
    return mpmath.workdps(dps + 15)


def nonvanishing(a: Sequence[Any], L: int) -> bool:
    """Whether no root of a(z) is an L-th root of unity (the FFT formula is defined)."""
    try:
        fft_kernel_exact([0] * len(a), a, L)
    except ValueError:
        return False
    return True


# --- hypothesis strategies (hypothesis is imported lazily: it is a test-only dependency) ----------


def coefficient_vectors(d: int, *, stable: bool, margin: Fraction = Fraction(1)) -> Any:
    """Exact coefficient vectors of length ``d``: stable ones satisfy sum|a_i| < 1 (Montel),
    unstable ones are arbitrary rationals in [-3, 3] (roots may lie inside the unit disk)."""
    from hypothesis import strategies as st

    from numerics.strategies import rationals as q

    if not stable:
        return st.lists(q(-3, 3, max_denominator=50), min_size=d, max_size=d)

    def shrink(v: list[Fraction]) -> list[Fraction]:
        s = sum(abs(x) for x in v)
        return v if s < margin else [x * margin / (s + Fraction(1, 97)) for x in v]

    return st.lists(q(-1, 1, max_denominator=50), min_size=d, max_size=d).map(shrink)


def a_vectors(d: int, stable: bool | None = None, margin: Fraction = Fraction(1)) -> Any:
    """:func:`coefficient_vectors` of length ``d``; ``stable=None``: stable or not, at random."""
    from hypothesis import strategies as st

    if stable is None:
        return st.booleans().flatmap(lambda is_stable: coefficient_vectors(d, stable=is_stable, margin=margin))
    return coefficient_vectors(d, stable=stable, margin=margin)


def sized_coefficients(max_d: int, *, stable: bool | None = None) -> Callable[[Any], Any]:
    """A :func:`~proofs.core.params.draw` field: a coefficient vector ``a`` of a random length 1..max_d."""
    return lambda s: s.sizes(1, max_d).flatmap(lambda d: a_vectors(d, stable))


def vectors(d: int, bound: int, max_denominator: int) -> Any:
    """Length-``d`` lists of exact rationals in ``[-bound, bound]``."""
    from hypothesis import strategies as st

    from numerics.strategies import rationals as q

    return st.lists(q(-bound, bound, max_denominator=max_denominator), min_size=d, max_size=d)


def sized_points(max_d: int, *, where: Callable[[dict[str, Any]], bool] | None = None,
                 **fields: Callable[[Any, int], Any]) -> Callable[[], Any]:
    """``params`` for points whose fields share a state size: ``d`` is drawn in 1..max_d, then each field
    ``f(s, d)`` (``s`` is :mod:`numerics.strategies`); ``where`` filters whole points."""

    def build() -> Any:
        from numerics import strategies as s

        points = s.sizes(1, max_d).flatmap(lambda d: s.points(**{k: f(s, d) for k, f in fields.items()}))
        return points if where is None else points.filter(where)

    return build


def fft_points(max_d: int = 8, max_L: int = 24, *, with_b: bool = True, with_h0: bool = False,
               stable: bool | None = None, margin: Fraction = Fraction(1)) -> Callable[[], Any]:
    """Points {a, b, L[, h0]} (``with_b=False``: {a, L}) with d < L (odd L and d = L - 1 included), stable or
    unstable a, filtered so that the FFT formula is defined."""
    numerator = {"b": lambda s, d: vectors(d, 2, 50)} if with_b else {}
    feedthrough = {"h0": lambda s, d: s.rationals(-2, 2, max_denominator=20)} if with_h0 else {}

    def length(s: Any, d: int) -> Any:
        from hypothesis import strategies as st

        return st.one_of(st.just(d + 1), s.sizes(d + 1, max(d + 1, max_L)))

    def defined(p: dict[str, Any]) -> bool:
        # an all-zero numerator has the zero kernel, against which relative digits are undefined
        return (not with_b or any(p["b"])) and nonvanishing(p["a"], p["L"])

    return sized_points(max_d, a=lambda s, d: a_vectors(d, stable, margin), **numerator, L=length, **feedthrough,
                        where=defined)
