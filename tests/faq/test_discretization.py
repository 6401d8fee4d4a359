"""FAQ answers on discretisation: Euler-B versus ZOH, the sign of the ZOH integral, which input.

The numbers the answers quote (the size of phi over Mamba's initial steps, the selective mismatch), the
API of ``proofs.faq.discretization`` against the mpmath routes of ``numerics.faq.discretization``, and
bad input.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import mpmath
import pytest
import sympy

from numerics.agree import to_mp
from numerics.faq import discretization as nf
from proofs.core import registry
from proofs.faq import discretization as pf

KEYS = ("FAQ-ZOH-1", "FAQ-ZOH-2", "FAQ-ZOH-3", "FAQ-ZOH-4", "FAQ-ZOH-5", "FAQ-INT-1", "FAQ-IDX-1",
        "FAQ-IDX-2")


def close(x, y, digits=40):
    """x and y (SymPy or mpmath numbers) agree to ``digits`` significant digits."""
    with mpmath.workdps(digits + 20):
        x, y = (mpmath.mpf(str(sympy.N(v, digits + 20))) if isinstance(v, sympy.Basic) else mpmath.mpf(v)
                for v in (x, y))
        return abs(x - y) <= mpmath.mpf(10) ** -digits * max(1, abs(y))


# --- the answers are registered, cite their threads, and open with the answer ---------------------------

@pytest.mark.parametrize("key", KEYS)
def test_each_answer_is_registered_with_its_threads_and_a_one_sentence_answer(key):
    (result,) = [r for r in registry if r.key == key]
    assert result.notes.startswith("Answer: ")
    assert "#" in result.source  # owner/repo#N
    thread = {"ZOH": "state-spaces/mamba#114", "INT": "MzeroMiko/VMamba#98", "IDX": "hkproj/mamba-notes#1"}
    assert thread[key.split("-")[1]] in result.source


# --- question 1: the size of phi over Mamba's step range ----------------------------------------------

def test_phi_over_mambas_initial_steps_runs_from_a_half_to_one():
    # d_state = 16, dt in [1e-3, 1e-1], A_n = -n: x = Delta A_n in [-1.6, -0.001]
    lo, hi = pf.phi_range()
    assert lo == pf.phi(sympy.Rational(-8, 5)) and hi == pf.phi(sympy.Rational(-1, 1000))
    with mpmath.workdps(30):
        assert mpmath.nstr(mpmath.mpf(sympy.N(lo, 40)), 12) == "0.498814676253"
        assert mpmath.nstr(mpmath.mpf(sympy.N(hi, 40)), 12) == "0.999500166625"
        # the relative change 1 - phi and Euler's excess 1/phi - 1 quoted in FAQ-ZOH-5
        assert mpmath.nstr(1 - mpmath.mpf(sympy.N(hi, 40)), 3) == "0.0005"
        assert mpmath.nstr(1 - mpmath.mpf(sympy.N(lo, 40)), 3) == "0.501"
        assert mpmath.nstr(1 / mpmath.mpf(sympy.N(lo, 40)) - 1, 4) == "1.005"


def test_phi_range_by_quadrature_on_a_grid_agrees_with_the_ends():
    lo, hi = nf.phi_range(dps=30)
    assert close(pf.phi(sympy.Rational(-8, 5)), lo, 25) and close(pf.phi(sympy.Rational(-1, 1000)), hi, 25)


@pytest.mark.parametrize("d_state", [1, 4, 16, 64])
def test_phi_is_increasing_on_the_rates_of_one_step(d_state):
    # the slowest rate (n = 1) is always closest to Euler, the fastest (n = d_state) farthest
    values = [nf.phi(-F(n, 10), dps=20) for n in range(1, d_state + 1)]
    assert all(u > v for u, v in itertools.pairwise(values))
    assert 0 < values[-1] <= values[0] < 1


def test_phi_is_one_at_zero_and_the_taylor_start_is_one_plus_x_over_two():
    assert pf.phi(0) == 1
    x = sympy.Symbol("x")
    assert sympy.series(pf.phi(x), x, 0, 3).removeO() == 1 + x / 2 + x ** 2 / 6


# --- question 1: ZOH, the series, the reparametrisation, the selective mismatch ---------------------------

def test_zoh_input_scalar_matches_the_ode():
    exact = pf.zoh_input(-16, 1, sympy.Rational(1, 10))
    assert close(exact, nf.zoh_pair(-16, 1, F(1, 10), dps=40)[1], 35)


def test_zoh_input_matrix_by_the_block_exponential_allows_a_singular_a():
    A = sympy.Matrix([[0, 1], [0, 0]])  # nilpotent: (Delta A)^-1 does not exist, ZOH does
    Bb = pf.zoh_input(A, [1, 2], sympy.Rational(1, 2))
    # int_0^D (I + sA) ds B = D B + D^2/2 A B
    expected = sympy.Rational(1, 2) * sympy.Matrix([1, 2]) + sympy.Rational(1, 8) * A * sympy.Matrix([1, 2])
    assert sympy.simplify(Bb - expected) == sympy.zeros(2, 1)


def test_series_first_terms_for_a_full_matrix():
    A = [[-1, 2, 0], [0, -3, 1], [1, 0, -2]]
    B = [1, 2, -1]
    coefficients = nf.zoh_series_coefficients(A, B, 3, dps=30)
    M, v = sympy.Matrix(A), sympy.Matrix(B)
    assert all(abs(c) < 1e-25 for c in coefficients[0])  # Euler's Delta B is the whole first order
    for k, expected in ((1, M * v / 2), (2, M ** 2 * v / 6), (3, M ** 3 * v / 24)):
        assert all(close(e, c, 25) for e, c in zip(expected, coefficients[k]))


def test_euler_equivalent_input_is_phi_times_b():
    exact = pf.euler_equivalent_input(-16, 1, sympy.Rational(1, 10))
    assert sympy.simplify(exact - pf.phi(sympy.Rational(-8, 5))) == 0
    assert close(exact, nf.euler_equivalent_input(-16, 1, F(1, 10), dps=30), 25)


def test_selective_mismatch_at_mambas_extremes():
    # fitted at Delta_1 = 1e-3, second step Delta_2 = 1e-1, fastest rate a = -16, b = u = 1
    gap = nf.selective_mismatch(-16, 1, F(1, 1000), F(1, 10), 1, 1, dps=30)
    with mpmath.workdps(30):
        assert mpmath.nstr(gap, 10) == "-0.04932278203"
    expected = (pf.phi(sympy.Rational(-8, 5)) - pf.phi(sympy.Rational(-16, 1000))) / 10
    assert close(expected, gap, 25)


def test_a_constant_step_has_no_mismatch():
    assert abs(nf.selective_mismatch(-3, 2, F(1, 7), F(1, 7), 1, -1, dps=30)) < 1e-25


# --- question 2: the sign of the ZOH integral ------------------------------------------------------------

@pytest.mark.parametrize("a, step", [(-1, F(1, 10)), (F(5, 2), F(1, 3)), (-16, F(1, 10))])
def test_the_two_integrals_differ_by_exp_a_delta(a, step):
    plus, minus, factor = nf.zoh_integrals(a, step, dps=30)
    with mpmath.workdps(30):
        assert abs(factor - mpmath.exp(to_mp(a) * to_mp(step))) < mpmath.mpf(10) ** -25
        assert abs(plus - minus) > mpmath.mpf(10) ** -3  # the forms are not equal as they stand


# --- question 3: which input the recurrence uses ---------------------------------------------------------

def test_hold_updates_from_their_definitions():
    point = {"a": -1, "b": 1, "step": sympy.Rational(1, 10), "h": sympy.Rational(1, 2), "x_prev": 1,
             "x_cur": -1}
    numeric = nf.hold_updates(-1, 1, F(1, 10), F(1, 2), 1, -1, dps=30)
    for method, value in zip(pf.HOLD_METHODS, numeric):
        assert close(pf.hold_update(method, **point), value, 25)


def test_the_previous_sample_convention_is_the_current_one_delayed():
    Abar, Bbar, C = [[F(1, 2), F(1, 3)], [F(-1, 4), F(2, 3)]], [1, F(-1, 2)], [F(3, 2), 1]
    inputs = [F((-1) ** j * (j + 2), 7) for j in range(8)]
    outputs = [nf.held_outputs(Abar, Bbar, C, inputs, k, dps=30) for k in range(8)]
    assert outputs[0][1] == 0  # kernel (0, K_0, K_1, ...)
    for k in range(1, 8):
        assert abs(outputs[k][1] - outputs[k - 1][0]) < 1e-25


# --- bad input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: pf.phi(True), lambda: pf.phi("x y"), lambda: pf.phi(sympy.nan), lambda: pf.phi(sympy.I),
    lambda: pf.phi_range(0), lambda: pf.phi_range(True), lambda: pf.phi_range(16.0),
    lambda: pf.phi_range(16, sympy.Rational(1, 10), sympy.Rational(1, 1000)), lambda: pf.phi_range(16, -1, 1),
    lambda: pf.zoh_input(-1, 1, 0), lambda: pf.zoh_input(sympy.Matrix([[1, 2]]), [1], 1),
    lambda: pf.zoh_input(sympy.eye(2), [1, 2, 3], 1), lambda: pf.euler_equivalent_input(-1, 1, -1),
    lambda: pf.hold_update("midpoint", -1, 1, 1, 0, 0, 0),
    lambda: pf.hold_update("backward", 1, 1, 1, 0, 0, 0),
    lambda: nf.phi(True), lambda: nf.phi(math.nan), lambda: nf.phi(1j), lambda: nf.phi("1"),
    lambda: nf.phi_range(0), lambda: nf.phi_range(4, F(1, 2), F(1, 4)), lambda: nf.phi_range(4, grid=1),
    lambda: nf.zoh_pair(-1, 1, 0), lambda: nf.zoh_series_coefficients([[1, 2]], [1], 1),
    lambda: nf.zoh_series_coefficients([[1]], [1, 2], 1), lambda: nf.zoh_series_coefficients([[1]], [1], -1),
    lambda: nf.hold_updates(1, 1, 1, 0, 0, 0), lambda: nf.held_outputs([[1]], [1], [1], [1], 2),
    lambda: nf.held_outputs([[1]], [1], [1], [1], True), lambda: nf.selective_mismatch(-1, 1, 0, 1, 1, 1),
    lambda: nf.phi(0, dps=5),
])
def test_bad_input_is_a_value_error(call):
    with pytest.raises(ValueError):
        call()
