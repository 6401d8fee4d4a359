"""Entropy of a scaled softmax (ENT-A1 .. A6): golden values, the stable numeric form, the lower bound, the
cumulant expansion and the limit (spec entropy.md section 6)."""

from __future__ import annotations

import mpmath
import pytest
import sympy
from helpers import close
from mpmath import mp
from sympy import Rational, Symbol, log

from numerics import entropy as ne
from proofs import entropy as ent
from proofs import registry


def test_softmax_entropy_symbolic_and_golden():
    lam = Symbol("lambda", real=True)
    expr = ent.softmax_entropy([0, 1, 2], lam)
    assert isinstance(expr, sympy.Expr) and expr.free_symbols == {lam}
    assert close(expr.subs(lam, 1), "0.83239558183993887295192372585481684", 34)
    assert close(expr.subs(lam, 2), "0.44105744405816331954955784787874408", 34)
    assert sympy.simplify(ent.softmax_entropy([Symbol("s", real=True)], lam)) == 0
    assert ent.softmax_entropy([Rational(7, 3)], 5) == 0


def test_numeric_entropy_golden_and_precision_is_local():
    for lam, gold in (
        (1, "0.83239558183993887295192372585481684"),
        (2, "0.44105744405816331954955784787874408"),
    ):
        value = ne.softmax_entropy([0, 1, 2], lam, dps=50)
        assert isinstance(value, mpmath.mpf) and close(value, gold, 34)
    assert mp.dps == 15


def test_numeric_entropy_is_stable_where_naive_forms_fail():
    # lambda s ~ 40 * 8 sigma overflows float64 exp; the shift by max(lambda s) handles it (pitfall P1)
    assert ne.softmax_entropy([0, 320, 319], 40, dps=30) > 0
    # lambda < 0: the maximum of lambda s_i sits at s_min
    assert close(ne.softmax_entropy([0, 1, 2], -1, dps=40), ne.softmax_entropy([0, -1, -2], 1, dps=40), 39)
    # tiny H (~1e-21): log1p keeps full relative accuracy (pitfall P2)
    h = ne.softmax_entropy([0, 1], 52, dps=40)
    with mpmath.workdps(60):
        exact = mp.log1p(mp.exp(-52)) + 52 * mp.exp(-52) / (1 + mp.exp(-52))
        assert close(h / exact, 1, 38)  # 38 significant digits of a number of size 1e-21


def test_lower_bound_golden_and_mirror_form():
    assert close(ent.lower_bound([0, 1, 2], 1), "0.098612288668109691395245236922525705", 35)
    with pytest.raises(ValueError, match=r"lower_bound\(\[-x for x in s\], -lam\)"):
        ent.lower_bound([0, 1, 2], -1)
    mirror = ent.lower_bound([0, -1, -2], 1)
    assert ne.softmax_entropy([0, 1, 2], -1, dps=30) >= mpmath.mpf(str(sympy.N(mirror, 30)))


def test_cumulant_expansion_golden():
    stmt = registry["ENT-A5"].statement(s=(0, 1, 2))
    assert list(stmt.rhs) == [log(3), 0, Rational(-1, 3), 0, Rational(1, 12), 0, Rational(-13, 648)]
    stmt = registry["ENT-A5"].statement(s=(0, 1, 3, 4, 7))
    assert list(stmt.rhs)[2:] == [-3, -2, Rational(93, 20), 7, Rational(-121, 24)]


def test_limit_needs_more_than_50_digits_to_see_the_remainder():
    with mpmath.workdps(120):
        h = ne.softmax_entropy([0, 1, 1], 200, dps=120)
        diff = h - mp.log(2)
        assert close(diff / mp.mpf("1.390816009e-85"), 1, 9)
    with mpmath.workdps(60):
        assert close(ne.softmax_entropy([0, 1, 1], 200, dps=50), mp.log(2), 50)
