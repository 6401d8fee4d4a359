"""Hypothesis strategies for the parameters of closedform's results.

Public building blocks that the pillars compose into a result's ``params``.  They
draw *exact* values (Python ints and :class:`fractions.Fraction`), so that SymPy
and mpmath receive the very same point and a disagreement can only come from the
mathematics, never from a rounded input.

Requires the ``test`` extra (hypothesis).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "sizes",
    "rationals",
    "positive_rationals",
    "unit_interval",
    "real_points",
    "complex_points",
    "probability_vectors",
    "score_vectors",
    "rational_matrices",
    "stable_matrices",
    "contractive_matrices",
    "points",
]


def sizes(min_value: int = 1, max_value: int = 32) -> st.SearchStrategy[int]:
    """State sizes / degrees / lengths: integers in ``[min_value, max_value]``."""
    if min_value > max_value:
        raise ValueError(f"sizes needs min_value <= max_value, got {min_value} > {max_value}")
    return st.integers(min_value, max_value)


def rationals(
    min_value: Fraction | int = -1, max_value: Fraction | int = 1, *, max_denominator: int = 10**6
) -> st.SearchStrategy[Fraction]:
    """Exact rationals in ``[min_value, max_value]`` with denominators up to ``max_denominator``."""
    lo, hi = Fraction(min_value), Fraction(max_value)
    if lo > hi:
        raise ValueError(f"rationals needs min_value <= max_value, got {lo} > {hi}")

    def with_denominator(q: int) -> st.SearchStrategy[Fraction]:
        # numerators in range keep every value inside [lo, hi]
        p_lo, p_hi = math.ceil(lo * q), math.floor(hi * q)
        if p_lo > p_hi:
            return st.just(lo)
        return st.integers(p_lo, p_hi).map(lambda p: Fraction(p, q))

    return st.integers(1, max_denominator).flatmap(with_denominator)


def positive_rationals(max_value: Fraction | int = 10, *, max_denominator: int = 10**4) -> st.SearchStrategy[Fraction]:
    """Exact rationals in ``(0, max_value]``."""
    return rationals(Fraction(1, max_denominator), max_value, max_denominator=max_denominator)


def unit_interval(*, closed: bool = True) -> st.SearchStrategy[Fraction]:
    """Points of ``[-1, 1]`` (``closed=False``: of ``(-1, 1)``)."""
    s = rationals(-1, 1)
    return s if closed else s.filter(lambda v: abs(v) < 1)


def real_points(min_value: Fraction | int = -4, max_value: Fraction | int = 4) -> st.SearchStrategy[Fraction]:
    """Real evaluation points (exact rationals) in a closed interval."""
    return rationals(min_value, max_value)


def complex_points(radius: Fraction | int = 2) -> st.SearchStrategy[tuple[Fraction, Fraction]]:
    """Complex points as exact ``(re, im)`` pairs in the disc ``|z| <= radius``."""
    r = Fraction(radius)
    return st.tuples(rationals(-r, r), rationals(-r, r)).filter(lambda z: z[0] ** 2 + z[1] ** 2 <= r * r)


def probability_vectors(min_size: int = 2, max_size: int = 16) -> st.SearchStrategy[list[Fraction]]:
    """Strictly positive exact probability vectors (entries sum to exactly 1)."""
    weights = st.lists(st.integers(1, 1000), min_size=min_size, max_size=max_size)
    return weights.map(lambda w: [Fraction(v, sum(w)) for v in w])


def score_vectors(
    min_size: int = 1, max_size: int = 32, *, bound: Fraction | int = 8
) -> st.SearchStrategy[list[Fraction]]:
    """Attention-score vectors: exact rationals in ``[-bound, bound]``."""
    return st.lists(rationals(-bound, bound, max_denominator=1000), min_size=min_size, max_size=max_size)


def rational_matrices(n: int, *, bound: Fraction | int = 4) -> st.SearchStrategy[list[list[Fraction]]]:
    """``n x n`` matrices with exact rational entries in ``[-bound, bound]``."""
    entry = rationals(-bound, bound, max_denominator=100)
    return st.lists(st.lists(entry, min_size=n, max_size=n), min_size=n, max_size=n)


def stable_matrices(n: int) -> st.SearchStrategy[list[list[Fraction]]]:
    """Hurwitz-stable ``n x n`` rational matrices (spectrum in the open left half-plane).

    Built as :math:`A = K - (M M^\\mathsf{T} + cI)` with :math:`K` skew-symmetric and
    :math:`c > 0`: the symmetric part of :math:`A` is negative definite, so every
    eigenvalue has negative real part.
    """

    def build(parts: tuple[list[list[Fraction]], list[list[Fraction]], Fraction]) -> list[list[Fraction]]:
        k, m, c = parts
        return [
            [
                (k[i][j] - k[j][i]) / 2 - sum(m[i][t] * m[j][t] for t in range(n)) - (c if i == j else 0)
                for j in range(n)
            ]
            for i in range(n)
        ]

    return st.tuples(rational_matrices(n), rational_matrices(n, bound=2), positive_rationals(4)).map(build)


def contractive_matrices(n: int) -> st.SearchStrategy[list[list[Fraction]]]:
    """Schur-stable ``n x n`` rational matrices: infinity-norm (hence spectral radius) below 1."""

    def shrink(a: list[list[Fraction]]) -> list[list[Fraction]]:
        norm = max(sum(abs(v) for v in row) for row in a)
        return [[v / (norm + 1) for v in row] for row in a]

    return rational_matrices(n).map(shrink)


def points(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Example points: dicts drawn field by field, e.g. ``points(n=sizes(0, 32), x=unit_interval())``."""
    return st.fixed_dictionaries(fields)
