"""Inequalities of the softmax entropy (ENT-A3, A4, A6, A9), each tested on 500 hypothesis examples (issue 6):
0 <= H <= ln n, monotonicity in the scale, the Jensen bound with its two slack terms, the mirror bound, the
corollary on the minimum scale, the grouping bound, shift invariance and scale covariance, convexity of ln Z."""

from __future__ import annotations

import mpmath
from helpers import close
from hypothesis import given, settings
from mpmath import mp

from numerics import entropy as ne
from numerics.strategies import rationals, score_vectors

INEQ = settings(max_examples=500, deadline=None)

SCORES = score_vectors(1, 40, bound=30)

LAMS = rationals(-25, 25, max_denominator=100)


@INEQ
@given(s=SCORES, lam=LAMS)
def test_entropy_between_zero_and_log_n(s, lam):
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(30):
        assert -(mp.mpf(10) ** -28) <= h <= mp.log(len(s)) * (1 + mp.mpf(10) ** -28)


@INEQ
@given(s=SCORES, a=rationals(0, 12, max_denominator=50), b=rationals(0, 12, max_denominator=50))
def test_entropy_monotone_in_scale(s, a, b):
    lo, hi = min(a, b), max(a, b)
    with mpmath.workdps(40):
        tol = mp.mpf(10) ** -25
        assert ne.softmax_entropy(s, lo, dps=30) >= ne.softmax_entropy(s, hi, dps=30) - tol
        assert ne.softmax_entropy(s, -lo, dps=30) >= ne.softmax_entropy(s, -hi, dps=30) - tol


@INEQ
@given(s=score_vectors(1, 200, bound=30), lam=rationals(0, 25, max_denominator=100))
def test_jensen_bound_and_its_two_nonnegative_slack_terms(s, lam):
    first, second = ne.jensen_slack_terms(s, lam, dps=50)
    slack = ne.entropy_minus_lower_bound(s, lam, dps=50)
    with mpmath.workdps(50):
        tol = mp.mpf(10) ** -45 * (1 + abs(lam) * 60)
        assert first >= -tol and second >= -tol
        assert abs(first + second - slack) <= tol
        if lam == 0 or len(set(s)) == 1:
            assert abs(slack) <= tol


@INEQ
@given(s=SCORES, lam=rationals(-25, 0, max_denominator=100))
def test_mirror_bound_for_negative_scales(s, lam):
    # lower_bound([-x for x in s], -lam) = ln n - |lam| (mean - s_min)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(40):
        v = [mp.mpf(x.numerator) / x.denominator for x in s]
        bound = mp.log(len(v)) - abs(mp.mpf(lam.numerator) / lam.denominator) * (mp.fsum(v) / len(v) - min(v))
        assert h >= bound - mp.mpf(10) ** -25


@INEQ
@given(s=SCORES.filter(lambda v: len(set(v)) > 1), lam=rationals(0, 25, max_denominator=100))
def test_corollary_minimum_scale_for_bounded_entropy(s, lam):
    # H(lambda) <= H0 (here H0 := H(lambda)) forces lambda >= (ln n - H0)/(s_max - mean)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(40):
        v = [mp.mpf(x.numerator) / x.denominator for x in s]
        spread = max(v) - mp.fsum(v) / len(v)
        assert mp.mpf(lam.numerator) / lam.denominator >= (mp.log(len(v)) - h) / spread - mp.mpf(10) ** -25


@INEQ
@given(s=score_vectors(2, 40, bound=30), lam=LAMS)
def test_grouping_upper_bound(s, lam):
    p = ne.softmax(s, lam, dps=30)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(30):
        top = max(p)
        bound = -top * mp.log(top) - (1 - top) * mp.log(1 - top) if top < 1 else mp.mpf(0)
        bound += (1 - top) * mp.log(len(s) - 1)
        assert h <= bound + mp.mpf(10) ** -25


@INEQ
@given(
    s=score_vectors(1, 40, bound=8),
    lam=LAMS,
    c=rationals(-10, 10, max_denominator=100),
    a=rationals(-3, 3, max_denominator=100),
)
def test_shift_invariance_and_scale_covariance(s, lam, c, a):
    base = ne.softmax_entropy(s, lam, dps=30)
    shifted = ne.softmax_entropy([x + c for x in s], lam, dps=30)
    scaled, covariant = ne.softmax_entropy([a * x for x in s], lam, dps=30), ne.softmax_entropy(s, a * lam, dps=30)
    with mpmath.workdps(40):  # relative agreement (25 digits) of entropies down to 1e-20
        assert base < 1e-20 or close(shifted / base, 1, 25)
        assert base < 1e-20 or close(scaled / covariant, 1, 25)


@INEQ
@given(s=score_vectors(1, 20, bound=8), lam=rationals(-5, 5, max_denominator=100))
def test_log_partition_is_convex(s, lam):
    _, var = ne.tilted_moments(s, lam, dps=30)
    assert var >= 0
    assert (var > 0) == (len(set(s)) > 1) or var < mpmath.mpf(10) ** -20
