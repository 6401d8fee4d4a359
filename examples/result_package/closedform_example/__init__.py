"""Two results registered from outside closedform, through the entry point group ``closedform.results``.

Registers: EXAMPLE-ODD-1 (the sum of the first n odd numbers is n^2: a general proof), EXAMPLE-BINOM-1
(the binomial coefficients of row n sum to 2^n: proved for every n = 0..24).

Install with ``python3 -m pip install -e examples/result_package`` from a closedform checkout; then
``closedform list EXAMPLE`` lists them, ``closedform verify EXAMPLE`` verifies them and ``python3 -m pytest``
runs closedform's registry-wide tests on them too.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
from sympy import Eq, Sum, Symbol, binomial, expand, factor, summation

from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.params import draw, s

n = Symbol("n", integer=True, nonnegative=True)
k = Symbol("k", integer=True, nonnegative=True)


# --- a general proof: statement and derivation take no arguments (n stays a symbol) ---------------

def odd_sum(n: Any = n) -> Eq:
    """EXAMPLE-ODD-1: :math:`\\sum_{k=0}^{n-1} (2k+1) = n^2` (folklore)."""
    return Eq(Sum(2 * k + 1, (k, 0, n - 1)), n**2, evaluate=False)  # evaluate=False: Eq must not collapse


def derive_odd_sum() -> Derivation:
    """From the definition: split the sum, use the sum of 0..n-1, simplify."""
    split = 2 * Sum(k, (k, 0, n - 1)) + Sum(1, (k, 0, n - 1))
    evaluated = 2 * summation(k, (k, 0, n - 1)) + summation(1, (k, 0, n - 1))
    return Derivation(Eq(Sum(2 * k + 1, (k, 0, n - 1)), factor(expand(evaluated)), evaluate=False), (
        Step("split the sum", Eq(Sum(2 * k + 1, (k, 0, n - 1)), split, evaluate=False)),
        Step("sum of 0, ..., n-1 and of n ones", Eq(split, evaluated, evaluate=False)),
    ))


def odd_sum_numeric(n: int, x: Fraction, dps: int) -> Any:
    """The sum of the first n odd numbers, added one by one in mpmath (x is unused: it shows a second
    parameter drawn alongside n)."""
    return mpmath.fsum(2 * j + 1 for j in range(n))


register(Result(
    key="EXAMPLE-ODD-1", title="Sum of the first n odd numbers", source="folklore",
    statement=odd_sum, derive=derive_odd_sum, numeric=odd_sum_numeric,
    params=draw(n=s.sizes(0, 40), x=s.rationals(0, 1)),       # what hypothesis draws for `verify`
    examples=({"n": 0, "x": Fraction(1, 3)}, {"n": 7, "x": Fraction(1, 2)}),  # fixed points, exact
))


# --- a bounded proof: statement and derivation take n, checked for every n in the bound ---------

def binomial_row(n: int) -> Eq:
    """EXAMPLE-BINOM-1: :math:`\\sum_{k=0}^{n} \\binom{n}{k} = 2^n` for a given n (folklore)."""
    return Eq(Sum(binomial(n, k), (k, 0, n)), 2**n, evaluate=False)


def derive_binomial_row(n: int) -> Derivation:
    """From the definition: add the row's coefficients."""
    total = sum(binomial(n, j) for j in range(n + 1))
    return Derivation(Eq(Sum(binomial(n, k), (k, 0, n)), total, evaluate=False),
                      (Step("add the coefficients of row n", Eq(Sum(binomial(n, k), (k, 0, n)), total,
                                                                 evaluate=False)),))


def binomial_row_numeric(n: int, dps: int) -> Any:
    """The row sum by Pascal's rule in mpmath (no binomial formula)."""
    row = [mpmath.mpf(1)]
    for _ in range(n):
        row = [a + b for a, b in zip([mpmath.mpf(0), *row], [*row, mpmath.mpf(0)])]
    return mpmath.fsum(row)


register(Result(
    key="EXAMPLE-BINOM-1", title="Row sums of Pascal's triangle", source="folklore",
    statement=binomial_row, derive=derive_binomial_row, numeric=binomial_row_numeric,
    params=draw(n=s.sizes(0, 24)), examples=({"n": 0}, {"n": 5}, {"n": 24}),
    bound=Bound("n", 0, 24),                                   # proved for every n = 0..24
))
