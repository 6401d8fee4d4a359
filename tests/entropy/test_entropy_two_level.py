"""The two-level model (ENT-A8, A8a-c) and experiment ENT-E3: golden tables G1, G2, G3, the log law fixing
p_max for every n, the invariant scale u*(n), and the ln n-for-ln(n-1) slip caught (pitfall P3)."""

from __future__ import annotations

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Eq, Symbol, log

from numerics import entropy as ne
from numerics.strategies import rationals, sizes
from proofs import entropy as ent
from proofs import registry

INEQ = settings(max_examples=500, deadline=None)


def test_two_level_dict_and_golden_g1():
    d = ent.two_level(10, 1, log(9) + 2)
    assert {"u", "Z", "p_max", "H", "H_grouping", "spread"} <= set(d)
    assert close(d["p_max"], "0.8807970779778824440597291413023968", 33)
    g1 = {
        10: "0.6272494450444971726885033",
        64: "0.8592076208043848348590106",
        512: "1.108727333049365005380497",
        1000: "1.188639206392338933991759",
        4096: "1.356806781027874657458905",
        65536: "1.687334745207292428838035",
        10**6: "2.012182963620983157133744",
        2**20: "2.017837127689144199678389",
    }
    for n, gold in g1.items():
        d = ent.two_level(n, 1, log(n - 1) + 2)
        assert close(d["H"], gold, 24) and close(d["H_grouping"], gold, 24)
        assert close(ne.two_level_log_law(n, 2, dps=40)[1], gold, 24)
    n = Symbol("n", integer=True, positive=True)
    assert ent.two_level(n, 1, 1)["p_max"].has(n)


@pytest.mark.parametrize("n", [2, 10, 512, 10**6, 10**30])
def test_e3_log_law_fixes_p_max_exactly(n):
    p, _ = ne.two_level_log_law(n, 2, dps=50)
    with mpmath.workdps(60):
        assert abs(p - 1 / (1 + mp.exp(-2))) <= mp.mpf(10) ** -45
    assert close(p, "0.8807970779778824440597291413023968", 33)


def test_e3_fixed_scale_loses_the_focus_table_g2():
    u = log(511) + 2
    g2 = {
        64: "0.9835886542196679831680198",
        512: "0.8807970779778824440597291",
        4096: "0.4797230254524689462838484",
        65536: "0.05447646324825047309482798",
        2**20: "0.003587974313362202996081187",
    }
    for n, gold in g2.items():
        # relative agreement (23 digits): the values fall to 3.6e-3
        assert close(ent.two_level(n, 1, u)["p_max"] / sympy.Rational(gold), 1, 23)
        with mpmath.workdps(50):
            assert close(ne.two_level_atoms(n, mp.log(511) + 2, dps=50)[0] / mp.mpf(gold), 1, 23)


def test_e3_log_law_entropy_increases_strictly():
    hs = [ne.two_level_log_law(n, 2, dps=30)[1] for n in (3, 10, 64, 512, 4096, 65536, 10**6, 10**9, 10**30)]
    assert all(a < b for a, b in zip(hs, hs[1:]))


def test_invariant_scale_golden_g3_and_asymptotics():
    g3 = {
        10**2: ("6.47410568731317198770909074784", "0.353991"),
        10**3: ("9.12334105035609871250024509144", "0.284086"),
        10**4: ("11.6708896559277698736297238198", "0.240333"),
        10**6: ("16.6283894634017117686551417279", "0.187088"),
        10**9: ("23.897919666546323196433938418", "0.143397"),
        10**15: ("38.1814664707421930975032519063", "0.100607"),
        10**30: ("73.3732040334588113701313044397", "0.0604214"),
    }
    residuals = []
    for n, (u_gold, r_gold) in g3.items():
        u = ne.invariant_scale_two_level(n, 1, dps=50)
        assert close(u, u_gold, 27)
        with mpmath.workdps(50):
            r = u - mp.log(n - 1) - mp.log(mp.log(n - 1))
            assert abs(r - mp.mpf(r_gold)) < 5e-6 * abs(mp.mpf(r_gold)) + 1e-12
            residuals.append(r)
        if n <= 3000:  # re-evaluate H by the generic route
            assert close(ne.softmax_entropy([1] + [0] * (n - 1), u, dps=40), 1, 35)
    assert all(a > b > 0 for a, b in zip(residuals, residuals[1:]))
    with mpmath.workdps(40):
        assert ne.invariant_scale_two_level(7, mp.log(7), dps=30) == 0


@INEQ
@given(n=sizes(2, 300), delta=rationals(1, 10, max_denominator=20), lam=rationals(-4, 4, max_denominator=50))
def test_grouping_bound_is_equality_on_two_level_vectors(n, delta, lam):
    h = ne.softmax_entropy([delta] + [0] * (n - 1), lam, dps=30)
    d = ent.two_level(n, delta, lam)
    assert close(d["H_grouping"] / sympy.Float(h, 40), 1, 25)  # relative: H can be tiny


@INEQ
@given(n=st.one_of(sizes(2, 5000), st.integers(5000, 10**30)), c=rationals(-6, 6, max_denominator=100))
def test_log_law_p_max_is_sigma_c_for_every_n(n, c):
    p, _ = ne.two_level_log_law(n, c, dps=40)
    with mpmath.workdps(40):
        sig = 1 / (1 + mp.exp(-mp.mpf(c.numerator) / c.denominator))
        assert abs(p - sig) <= mp.mpf(10) ** -36


@INEQ
@given(n=sizes(2, 10**6), a=rationals(0, 40, max_denominator=20), b=rationals(0, 40, max_denominator=20))
def test_two_level_entropy_decreases_in_u(n, a, b):
    lo, hi = min(a, b), max(a, b)
    with mpmath.workdps(40):
        assert (
            ne.two_level_atoms(n, lo, dps=30)[1] >= ne.two_level_atoms(n, hi, dps=30)[1] - mp.mpf(10) ** -25
        )


def test_log_n_instead_of_log_n_minus_1_is_caught():
    """Pitfall P3: claiming p_max = 1/(1 + (n-1)/n e^{-c}) (the ln n law) differs by O(1/n): still caught,
    symbolically and numerically, even at n = 10**30 where the error is 1e-31."""
    result = registry["ENT-A8A"]
    nn = sympy.Symbol("m", integer=True, positive=True) + 1

    def wrong(n=None, c=None):
        n_ = nn if n is None else n
        c_ = sympy.Symbol("c", real=True) if c is None else c
        n_, c_ = sympy.sympify(n_), sympy.sympify(c_)
        return Eq(Symbol("p_max"), 1 / (1 + (n_ - 1) / n_ * sympy.exp(-c_)), evaluate=False)

    assert_caught(result, wrong, by="symbolic")
    # at n = 10**30 alone (no drawn points): a 25-digit agreement there is still not enough
    rep = assert_caught(result, wrong, by="numeric", examples=[{"n": 10**30, "c": 2}], dps=50, params=None)
    assert rep.digits > 25
