"""What the verdicts of the scale-law, gradient-maximisation, heuristic and quoted results rest on (issue #20).

- quoted roundings (ENT-A13, ENT-A18D, ENT-B1, ENT-B4, ENT-B5): the statement holds the numbers as quoted,
  the numeric route the precise values; a quote one unit off in its last decimal fails;
- mirrors (ENT-A11B, ENT-A16-DSV3, ENT-A17) are labelled as such and say so in their notes;
- the limit ENT-A14-LIM comes with convergence tables that approach the claimed limit in all three regimes,
  and a wrong limit fails its table;
- computed steps (ENT-A18A's Jacobian and signs, ENT-A18E's MGF and Bessel recurrence) bite;
- the new numeric routes (logarithms by root finding, the YaRN factor by emulation) are independent and
  refuse bad input.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import assert_caught
from mpmath import mp
from sympy import Eq, Matrix, Rational, Symbol, log

from numerics.agree import to_mp
from numerics.entropy import heuristics as ng
from numerics.entropy import scale_laws as nsl
from proofs import registry
from proofs.core import Evidence
from proofs.entropy import gradient_max
from proofs.entropy import heuristics as pg

F = Fraction
MINE = ("ENT-A7-ALG", "ENT-A11A", "ENT-A14", "ENT-A14-LIM", "ENT-A14-FIG", "ENT-A16", "ENT-A16-ALG", "ENT-A16-DSV3",
        "ENT-A17", "ENT-A18A", "ENT-A18B", "ENT-A18C", "ENT-A18D", "ENT-A11B", "ENT-A13", "ENT-A15", "ENT-A18E",
        "ENT-B1", "ENT-B4", "ENT-B5")


def test_every_parametrised_result_draws_points_of_its_examples_shape():
    for key in MINE:
        result = registry[key]
        if any(dict(e) for e in result.examples):
            assert result.params is not None, key
            if result.numeric is not None:
                points = result.drawn_points()
                assert len(points) == 2, key
                for point in points:  # same parameters, same kinds (vectors stay vectors, matrices matrices)
                    example = dict(result.examples[0])
                    assert set(point) == set(example), key
                    assert all(isinstance(point[k], list) == isinstance(example[k], list) for k in point), key


# --- quoted roundings ---------------------------------------------------------------------------------


ROUNDINGS = {"ENT-A13": (1,), "ENT-A18D": (1, 1, 6, 6), "ENT-B1": (2,), "ENT-B4": (2, 0, 0),
             "ENT-B5": (2, 2, 0, 0, 0, 0)}


@pytest.mark.parametrize("key", sorted(ROUNDINGS))
def test_a_quoted_rounding_states_the_quote_and_computes_the_precise_value(key):
    result = registry[key]
    assert result.evidence is Evidence.ROUNDING
    point = dict(result.examples[0])
    quoted = list(result.statement(**{k: v for k, v in point.items() if k == "n"}).rhs)
    with mpmath.workdps(30):
        precise = result.numeric(dps=30, **point)
    places = ROUNDINGS[key] * (len(quoted) if len(ROUNDINGS[key]) == 1 else 1)
    assert len(precise) == len(quoted) == len(places)
    for q, v, d in zip(quoted, precise, places):
        assert q == Rational(q).limit_denominator(10**d)  # the statement holds a number with d decimals
        assert abs(v - mp.mpf(q.p) / q.q) <= mp.mpf(10) ** -d / 2  # that rounds from the precise value
    if key != "ENT-B1":  # the table differences of ENT-B1 are exact at 2 decimals; the others are not
        assert any(v != mp.mpf(q.p) / q.q for q, v in zip(quoted, precise))
    assert "checked (quoted rounding" in result.notes or "What is checked" in result.notes


@pytest.mark.parametrize("key", sorted(ROUNDINGS))
def test_a_quote_one_unit_off_in_its_last_decimal_fails(key):
    result = registry[key]
    good = result.statement()
    places = ROUNDINGS[key] * (len(good.rhs) if len(ROUNDINGS[key]) == 1 else 1)
    for i, d in enumerate(places):
        rhs = Matrix(good.rhs)
        rhs[i] = rhs[i] + Rational(1, 10**d)
        wrong = Eq(good.lhs, rhs, evaluate=False)
        rep = assert_caught(result, lambda n=None, _w=wrong: _w, by="numeric", dps=20)
        assert "is NOT the precise value rounded" in rep.message


def test_a18d_thresholds_are_9e4_and_19e9_to_40_digits():
    with mpmath.workdps(45):
        found = [nsl.alpha_star_inverse(a, dps=45) for a in (2, 3)]
        exact = [9 * mp.e**4, 19 * mp.e**9]
        assert all(abs(x / y - 1) < mp.mpf(10) ** -40 for x, y in zip(found, exact))


def test_a13_rule_fails_below_n_100_where_the_gaussian_product_rounds_to_0_9():
    with pytest.raises(ValueError, match="n must be >= 100"):
        pg.extreme_value_rule(20)
    assert round(float(ng.top_spacing_hazard("gaussian", 20, dps=20)), 1) == 0.9


# --- mirrors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ENT-A11B", "ENT-A16-DSV3", "ENT-A17"])
def test_a_mirror_is_labelled_and_says_what_it_checks(key):
    result = registry[key]
    assert result.evidence is Evidence.MIRROR
    assert "mirror" in result.notes
    assert "Not checked" in result.notes or "not any mathematics" in result.notes
    rep = result.verify(dps=20)
    assert rep.passed and rep.numeric_text().startswith("mirror: ")


def test_a17_qwen_table_stops_at_32767():
    assert nsl.deployed_factors(32766, 2048, dps=20)[1] > 1
    with pytest.raises(ValueError, match="1..32767"):
        nsl.deployed_factors(32767, 2048)
    with pytest.raises(ValueError, match="train_len must be an integer >= 2"):
        nsl.deployed_factors(10, 1)


# --- the limit ENT-A14-LIM --------------------------------------------------------------------------


@pytest.mark.parametrize("a, rate", [(1, 1), (F(43, 20), F(23, 20)), (F(1, 2), F(1, 2)), (-1, 2), (3, 2)])
def test_ssmax_focus_tables_approach_the_limit_in_every_regime(a, rate):
    result = dataclasses.replace(registry["ENT-A14-LIM"], examples=({"a": a},))
    table = result.convergence_table(dps=30)
    assert table.passed, table.reason
    assert abs(table.rate - float(rate)) < 0.1  # the distance falls like n^-|a - 1|


@pytest.mark.parametrize("claimed", [Rational(1, 2) + Rational(1, 10**6), Rational(1, 3), Rational(1)])
def test_a_wrong_limit_fails_the_convergence_table_and_the_proof(claimed):
    result = registry["ENT-A14-LIM"]

    def wrong(a=None):  # the boundary value 1/2 replaced by ``claimed``
        good = result.statement(a)
        return Eq(good.lhs, good.rhs.subs(Rational(1, 2), claimed), evaluate=False)

    bad = dataclasses.replace(result, statement=wrong)
    rep = bad.verify(dps=20)
    assert not rep.passed and rep.symbolic == "failed" and "convergence:" in rep.message


# --- computed steps ------------------------------------------------------------------------------------


def test_a18a_signs_and_jacobian_are_computed_and_a_wrong_norm_fails():
    steps = registry["ENT-A18A"].derivation(n=3).steps
    assert steps[1].expr.rhs == Matrix([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]])
    p1, p2 = sympy.symbols("p1 p2", positive=True)
    assert steps[0].expr.rhs[0, 1] == -Symbol("alpha", positive=True) * p1 * p2
    result = registry["ENT-A18A"]

    def without_half(n=None, s=None, alpha=None):  # the l1 norm without the 1/2: 2 alpha (1 - sum p^2)
        good = gradient_max.jacobian_l1(n, s, alpha)
        return Eq(good.lhs, 2 * good.rhs, evaluate=False)

    assert_caught(result, without_half, by="symbolic", dps=20, bound=dataclasses.replace(result.bound, stop=3))


def test_a18e_takes_its_mgf_from_a10e_and_proves_the_bessel_recurrence():
    steps = registry["ENT-A18E"].derivation().steps
    a10e = next(s.expr for s in registry["ENT-A10E"].derivation().steps
                if isinstance(s.expr, Eq) and s.expr.lhs == Symbol("M(L)"))
    t, big_l = Symbol("t", positive=True), Symbol("L", positive=True)
    assert sympy.simplify(steps[0].expr.rhs - a10e.rhs.subs(big_l, t)) == 0
    assert steps[2].expr == Matrix([0, 0])
    # the recurrence with 2 nu/x replaced by nu/x does not vanish: the computed step would catch it
    k, nu = Symbol("k", integer=True, positive=True), Symbol("nu")
    wrong = (1 / (sympy.factorial(k) * sympy.gamma(k + nu)) - 1 / (sympy.factorial(k - 1) * sympy.gamma(k + nu + 1))
             - nu / 2 / (sympy.factorial(k) * sympy.gamma(k + nu + 1)))
    assert sympy.gammasimp(wrong) != 0


# --- independent numeric routes -------------------------------------------------------------------------


def test_logarithms_by_root_finding_agree_with_mpmath_log():
    with mpmath.workdps(60):
        for x, b in ((10**5, 512), (F(1, 3), 2), (999983, 2), (1, 7), (F(7, 2), F(3, 2))):
            expected = mp.log(to_mp(x)) / mp.log(to_mp(b))
            assert abs(nsl.log_by_root(x, b, dps=60) - expected) < mp.mpf(10) ** -55


@pytest.mark.parametrize("call, match", [
    (lambda: nsl.log_by_root(0, 2), "x must be > 0"),
    (lambda: nsl.log_by_root(10, 1), "base must be > 1"),
    (lambda: nsl.ssmax_focus_table(1, (10, 10, 100)), "growing"),
    (lambda: nsl.ssmax_focus_table(1, (10, 100)), "at least 3"),
    (lambda: nsl.yarn_squared_factor_routes(1, 4096), "s must be > 1"),
    (lambda: nsl.yarn_squared_factor_routes(2, 1), "train_len must be > 1"),
    (lambda: nsl.practical_scale_route(0, 64), "n and d must be >= 1"),
    (lambda: ng.gaussian_fit_coefficient((40, 1)), "integers >= 2"),
])
def test_new_routes_refuse_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_a16_alg_route_catches_a_factor_that_is_not_squared():
    result = registry["ENT-A16-ALG"]

    def unsquared(s=None, train_len=None):
        good = result.statement(s, train_len)
        rhs = Matrix(good.rhs)
        s_ = Symbol("s", positive=True) if s is None else sympy.sympify(s)
        rhs[0] = 1 + log(s_) / 10
        return Eq(good.lhs, rhs, evaluate=False)

    assert_caught(result, unsquared, by="numeric", dps=20)


def test_a11a_route_finds_the_zero_of_the_base_change_without_taking_logs_of_n():
    for n in (2, 511, 512, 10**9):
        with mpmath.workdps(50):
            assert abs(nsl.practical_scale_route(n, 64, dps=50)[2]) < mp.mpf(10) ** -45
