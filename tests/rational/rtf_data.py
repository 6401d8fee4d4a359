"""Shared by the RTF tests: the golden realisation G-R1 as Fractions, its FFT kernel, exact conversions."""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import sympy
from mpmath import mp

import proofs
from numerics.agree import digits

__all__ = ["A1", "B1", "DEN", "GR1_FFT", "KEYS", "sq", "agree", "exact_mp"]


A1 = [F(1, 2), F(-1, 5), F(1, 10)]
B1 = [1, F(2, 5), F(-3, 10)]
DEN = 4292960
GR1_FFT = [4461813, -576171, -87893, -517469, 298773, -244091, 233547, -195469]
KEYS = [r.key for r in proofs.registry.select(["RTF"])]


def sq(x):
    """An exact SymPy number from an int / Fraction (nsimplify would go through floats)."""
    x = F(x)
    return sympy.Rational(x.numerator, x.denominator)


def agree(x, y, dps=50):
    """Digits to which x and y agree (``numerics.agree.digits``: normwise relative, no absolute floor), at dps + 10."""
    with mpmath.workdps(dps + 10):
        return digits(x, y)


def exact_mp(values, dps=60):
    """Exact values (ints, Fractions, decimal strings of rationals) as mpf at ``dps`` digits."""
    with mpmath.workdps(dps):
        return [mp.mpf(F(v).numerator) / F(v).denominator for v in values]
