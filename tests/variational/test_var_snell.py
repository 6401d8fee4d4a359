"""Fermat's principle (VAR-A4): Snell's law and the reflection law, golden and at drawn points."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
from helpers import close
from hypothesis import given, settings
from mpmath import mp

from numerics import variational as nv
from numerics.agree import to_mp
from numerics.strategies import rationals
from proofs import registry


def test_snell_golden_and_residual():
    s = nv.snell_point(1, 2, 3, 1, Fr(3, 4))
    assert close(s["x"], "1.43740930302874850503781302723731379557651193", 43)
    assert close(s["T"], "5.135105797698635418748121201170699580249", 38)
    assert abs(s["residual"]) < mpmath.mpf(10) ** -45
    assert nv.reflection_point(1, 2, 3) == 1 or close(nv.reflection_point(1, 2, 3), 1, 45)
    refl = nv.snell_point(1, 2, 3, 1, 1)  # one medium, mirror image: straight line through the mirror
    with mpmath.workdps(60):
        assert close(refl["T"], 3 * mp.sqrt(2), 45)


@settings(max_examples=8)
@given(a=rationals(Fr(1, 4), 3, max_denominator=20), b=rationals(Fr(1, 4), 3, max_denominator=20),
       d=rationals(Fr(1, 4), 5, max_denominator=20), v2=rationals(Fr(1, 4), 3, max_denominator=20))
def test_snell_law_holds_at_the_minimiser(a, b, d, v2):
    s = nv.snell_point(a, b, d, 1, v2, dps=30)
    assert abs(s["residual"]) < mpmath.mpf(10) ** -25
    with mpmath.workdps(30):
        a, b, d, v2 = to_mp(a), to_mp(b), to_mp(d), to_mp(v2)
        T = lambda t: mp.sqrt(a**2 + t**2) + mp.sqrt(b**2 + (d - t) ** 2) / v2
        assert T(s["x"]) <= min(T(s["x"] + mp.mpf("1e-6")), T(s["x"] - mp.mpf("1e-6")))


@pytest.mark.parametrize("q", [1, 7, 100])
def test_reflection_with_lopsided_heights(q):
    # a/b = 119: findroot's secant from d/2 diverged; the bracketed Newton must not
    point = {"a": Fr(119, q), "b": Fr(1, q), "d": Fr(4, q), "v1": Fr(22, q), "v2": Fr(35, q), "x": Fr(45, q)}
    found = registry["VAR-A4"].cross_check(point, 50)
    assert found.passed, found.describe()
