"""Digits of agreement, the dps / 2*dps rule, and precision hygiene."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpmath import mp

from numerics.agree import Agreement, agreement, check_dps, digits, fmt_digits, precision, to_mp, worst


def test_identical_values_agree_to_infinity_and_are_reported_as_exact():
    assert digits(mpmath.mpf(3), mpmath.mpf(3)) == math.inf
    assert digits(0, 0) == math.inf
    found = agreement(lambda d: mpmath.pi, lambda d: mpmath.pi, 30)
    assert (found.digits, found.digits_2x) == (math.inf, math.inf) and found.passed
    assert fmt_digits(found.digits) == "exact" and fmt_digits(None) == "-" and fmt_digits(52.34) == "52.3"


def test_digits_are_reported_as_measured_not_capped_at_the_working_precision():
    # a value rounded to d digits against the same value written to d + 7 digits: more than d digits agree
    found = agreement(lambda d: mpmath.mpf(1) / 3, lambda d: "0." + "3" * (d + 7), 30)
    assert 30 < found.digits < 40 and 60 < found.digits_2x < 70


def test_a_quoted_rounding_is_held_to_its_decimals_not_to_a_digit_count():
    third = lambda d: mpmath.mpf(1) / 3  # noqa: E731
    ok = agreement(third, lambda d: mpmath.mpf("0.33"), 30, quoted=2)
    assert ok.passed and ok.digits < 3 and "rounded to 2 decimals" in ok.describe()
    bad = agreement(third, lambda d: mpmath.mpf("0.34"), 30, quoted=2)
    assert not bad.passed and "is NOT" in bad.describe()
    mixed = agreement(lambda d: [mpmath.mpf(1) / 3, mpmath.mpf(128.2)], lambda d: [mpmath.mpf("0.3"), 128], 30,
                      quoted=(1, 0))
    assert mixed.passed
    with pytest.raises(ValueError, match="decimals for 1 numbers"):
        agreement(lambda d: [1, 2], lambda d: [1, 2], 30, quoted=(1,))
    assert not worst([ok, bad]).passed and worst([ok, ok]).passed


@given(st.integers(1, 40))
def test_digits_count_a_planted_relative_error(k):
    with mpmath.workdps(60):
        a = mpmath.mpf(7) / 3
        assert digits(a, a * (1 + mpmath.mpf(10) ** -k)) == pytest.approx(k, abs=0.05)  # err is relative to the larger value


def test_digits_are_normwise_for_vectors_and_matrices():
    with mpmath.workdps(40):
        a = mpmath.matrix([[1, 2], [3, 1000]])
        b = a.copy()
        b[0, 0] += mpmath.mpf(10) ** -10  # tiny entry error, measured against the largest entry
        assert digits(a, b) == pytest.approx(13, abs=0.01)
        assert digits([1, 2, 3], [1, 2, 3]) == math.inf


def test_shape_mismatch_and_empty_are_errors():
    with pytest.raises(ValueError, match="different sizes"):
        digits([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="empty"):
        digits([], [])


def test_an_exact_zero_is_compared_on_the_unit_scale():
    with mpmath.workdps(80):
        assert digits(0, mpmath.mpf(10) ** -60) == pytest.approx(60)
        assert digits([0, 0], [mpmath.mpf(10) ** -30, 0]) == pytest.approx(30)
        assert digits(0, 5) == 0.0
        # a nonzero closed form keeps the relative measure, however small it is
        assert digits(mpmath.mpf(10) ** -60, 2 * mpmath.mpf(10) ** -60) < 1


def test_no_agreement_at_all_is_zero_digits():
    assert digits(1, -1) == 0.0
    assert digits(mpmath.inf, 1) == 0.0


def test_a_float64_leak_fails_the_rule_with_both_figures():
    exact = lambda d: mpmath.mpf(1) / 3  # noqa: E731
    leaky = lambda d: mpmath.mpf(1.0 / 3.0)  # noqa: E731  (a float64 slipped in)
    found = agreement(exact, leaky, 50)
    assert 15 < found.digits < 18 and 15 < found.digits_2x < 18
    assert not found.passed
    assert "dps 50" in found.describe() and "dps 100" in found.describe()


def test_agreement_that_does_not_grow_with_precision_fails():
    # right at dps, but a fixed 1e-48 error (cancellation-like) cannot reach 95 digits at 2*dps
    found = agreement(lambda d: mpmath.mpf(2), lambda d: mpmath.mpf(2) + mpmath.mpf(10) ** -48, 50)
    assert found.digits >= 45 and found.digits_2x < 95 and not found.passed


def test_worst_takes_the_minimum_of_each_figure():
    w = worst([Agreement(50, 48.0, 99.0, 5), Agreement(50, 50.0, 97.0, 5)])
    assert (w.digits, w.digits_2x) == (48.0, 97.0)
    with pytest.raises(ValueError):
        worst([])


def test_precision_never_leaks():
    before = mpmath.mp.dps
    with precision(80):
        assert mpmath.mp.dps == 80
    agreement(lambda d: mpmath.e, lambda d: mpmath.e, 40)
    assert mpmath.mp.dps == before


@pytest.mark.parametrize("bad", [0, 14, 2001, 50.0, "50", True, None])
def test_check_dps_rejects_bad_values(bad):
    with pytest.raises(ValueError, match="dps must be an integer between 15 and 2000"):
        check_dps(bad)


def test_to_mp_converts_exact_inputs_exactly():
    with mpmath.workdps(50):
        assert to_mp(Fraction(1, 3)) == mpmath.mpf(1) / 3
        assert to_mp(7) == 7
        assert to_mp(0.1) == mpmath.mpf(0.1)  # the binary value of the float, visibly not 1/10
        assert to_mp(0.1) != mpmath.mpf(1) / 10
    with pytest.raises(ValueError, match="cannot convert"):
        to_mp(object())
    with pytest.raises(ValueError, match="boolean"):
        to_mp(True)


def test_with_dps_checks_works_with_guard_digits_and_rounds_what_it_returns():
    from numerics.agree import with_dps

    seen = []

    @with_dps(guard=7)
    def route(x, *, dps=50):
        seen.append(mp.dps)
        return [mp.mpf(x) / 3, (mp.mpf(1) / 7, {"k": mp.mpc(1, 1) / 3}), 5, None]

    before = mp.dps
    value = route(1, dps=20)
    assert seen == [27] and mp.dps == before
    with mpmath.workdps(20):
        assert value[0] == +(mp.mpf(1) / 3) and value[1][0] == +(mp.mpf(1) / 7)
    assert value[2:] == [5, None]
    with pytest.raises(ValueError, match="dps must be an integer"):
        route(1, dps=10)
    with pytest.raises(ValueError, match="guard"):
        with_dps(guard=-1)
