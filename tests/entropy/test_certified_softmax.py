"""The Arb routes of the softmax entropy, the two-level model and the scale laws enclose the known values."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

flint = pytest.importorskip("flint")

from flint import arb, fmpq

from numerics.entropy import certified_softmax as cs

PREC = 199


@pytest.fixture(autouse=True)
def _arb_precision():
    """The expected values in the tests are balls at the routes' precision (restored afterwards)."""
    old, flint.ctx.prec = flint.ctx.prec, PREC
    yield
    flint.ctx.prec = old


def _holds(ball, exact) -> bool:
    return bool(arb(ball).overlaps(arb(exact))) and arb(ball).rad() < arb(10) ** -50


def test_a_constant_score_vector_has_the_uniform_entropy_ln_n_at_every_scale():
    for lam in (0, F(7, 3), -5):
        assert _holds(cs.entropy_definition([F(2, 3)] * 5, lam, prec=PREC), arb(5).log())


def test_the_entropy_drop_integral_and_the_entropy_add_up_to_ln_n():
    s, lam = [0, F(1, 2), 3], F(5, 2)
    total = cs.entropy_drop_integral(s, lam, prec=PREC) + cs.entropy_definition(s, lam, prec=PREC)
    assert _holds(total, arb(3).log())


def test_log_partition_derivatives_at_zero_are_the_mean_and_variance_of_the_uniform_law():
    first, second = cs.log_partition_derivatives([0, 1, 2, 5], 0, prec=PREC)
    assert _holds(first, fmpq(2)) and _holds(second, fmpq(7, 2))


def test_taylor_coefficients_of_two_scores_follow_the_binary_cumulants():
    coeffs = cs.entropy_taylor([0, 1], prec=PREC, order=4)
    # uniform law on {0, 1}: kappa_2 = 1/4, kappa_3 = 0, kappa_4 = -1/8; h_k = -(k-1) kappa_k / k!
    assert _holds(coeffs[0], arb(2).log())
    for got, want in zip(coeffs[1:], (fmpq(0), fmpq(-1, 8), fmpq(0), fmpq(1, 64))):
        assert bool(arb(got).overlaps(arb(want))) and arb(got).rad() < arb(10) ** -50


def test_the_two_level_entropy_decreases_on_positive_scales_even_for_huge_n():
    for n, u in ((2, F(1, 3)), (10**30, 70)):
        assert cs.two_level_slope(n, u, prec=PREC) < 0


def test_certified_roots_enclose_the_solutions_of_their_equations():
    assert _holds(cs.half_point_root(2, prec=PREC), arb(2).exp() + 1)
    roots = cs.practical_scale_roots(2**18, 4, prec=PREC)
    assert _holds(roots[2], fmpq(0))  # log_512 2^18 = 2 = 18/9
    assert _holds(cs.yarn_algebra_routes(4, 16, prec=PREC)[1], fmpq(3, 2))  # log_16 64


@pytest.mark.parametrize("call, name", [
    (lambda: cs.entropy_definition([0, 1], 0.5), "lam"),
    (lambda: cs.entropy_definition([], 1), "s"),
    (lambda: cs.entropy_definition("01", 1), "s"),
    (lambda: cs.two_level_quantities(1, 1, 1), "n"),
    (lambda: cs.su_law_roots(512, -1, 1, 1), "d"),
    (lambda: cs.yarn_algebra_routes(1, 4096), "s"),
    (lambda: cs.half_point_root(0), "delta"),
    (lambda: cs.entropy_taylor([0, 1], order=-1), "order"),
])
def test_bad_input_is_refused_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
