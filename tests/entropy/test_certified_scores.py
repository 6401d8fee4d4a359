"""The Arb routes of the annealed, Gaussian-score, sphere and gradient-maximisation results
(numerics.entropy.certified): bad input is refused with the parameter's name, the balls hold the golden
values quoted in the registry's notes, and the tail bounds stay honest at low precision (the ball still
holds the true value when the truncated integral is coarse)."""

from __future__ import annotations

from fractions import Fraction

import pytest

flint = pytest.importorskip("flint")

from flint import arb, fmpq  # noqa: E402

from numerics.entropy import certified as c  # noqa: E402

F = Fraction
PREC = 199


@pytest.mark.parametrize("call, match", [
    (lambda: c.annealed_entropy_finite([0, 1], [1], 2, 1), "same length"),
    (lambda: c.annealed_entropy_finite([0, 1], [1, 0], 2, 1), "weights must be positive"),
    (lambda: c.annealed_entropy_finite([0, 1], [1, 1], 2, 0.5), "lam"),
    (lambda: c.annealed_entropy_gaussian(10, 1, 0, 0), "sigma must be positive"),
    (lambda: c.annealed_entropy_gaussian(F(1, 2), 1, 0, 1), "n must be >= 1"),
    (lambda: c.annealed_entropy_uniform(10, 0.25), "lam"),
    (lambda: c.annealed_entropy_exponential(10, 1), "lam must be < 1"),
    (lambda: c.annealed_entropy_sphere(1, 1, 1), "d must be >= 2"),
    (lambda: c.annealed_entropy_sphere(F(5, 2), 1, 1), "d must be an integer"),
    (lambda: c.linearised_root(1, 64), "n must be > 1"),
    (lambda: c.linearised_root(512, 0), "d must be positive"),
    (lambda: c.pd_entropy_series(1), r"m must lie in \(0, 1\)"),
    (lambda: c.practical_law_gaussian(0), "n must be >= 1"),
    (lambda: c.raw_law_optimum(64, -1), "kappa must be positive"),
    (lambda: c.top_quantile_hazards(1), "n must be > 1"),
    (lambda: c.softmax_jacobian_l1([], 1), "non-empty"),
    (lambda: c.softmax_jacobian_l1([0, 0.5], 1), r"s\[1\]"),
    (lambda: c.gaussian_mgf_ratio(0, 10), "alpha must be positive"),
    (lambda: c.gradmax_alpha(1), "n must be > 1"),
    (lambda: c.cosine_stationarity_n(1, 1), "d must be >= 2"),
    (lambda: c.cc22_code_logit(20, [[1, 2]], [0], [1], [1]), "shapes must agree"),
    (lambda: c.cc22_code_logit(0, [[1]], [0], [1], [1]), "n must be >= 1"),
    (lambda: c.dimension_factor(prec=1), "prec"),
])
def test_bad_input_is_refused_with_the_parameter_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def _holds(ball, value: str) -> bool:
    return ball.overlaps(arb(value)) and ball.rad() < arb(10) ** -50


@pytest.mark.parametrize("call, golden", [
    (lambda: c.annealed_entropy_uniform(1, 1, prec=PREC), "-0.04065185225640831540664565"),
    (lambda: c.annealed_entropy_uniform(1, 10, prec=PREC), "-1.30308451386451305091078550365"),
    (lambda: c.annealed_entropy_sphere(64, F(1, 8), 1, prec=PREC), "-0.48899425984578466413"),
    (lambda: c.dimension_factor(prec=PREC), "8.31234768494011015040529"),
    (lambda: c.practical_law_gaussian(512, prec=PREC)[1], "0.839700551012337399182230591"),
    (lambda: c.practical_law_gaussian(65536, prec=PREC)[1], "0.715023201799710931879521050666"),
])
def test_balls_hold_the_golden_values_of_the_notes(call, golden):
    assert _holds(call(), golden)


def test_closed_values_are_inside_the_balls():
    with flint.ctx.workprec(PREC):
        two = arb(2)
        assert c.annealed_entropy_exponential(1, F(1, 2), prec=PREC).overlaps(two.log() - 1)  # ENT-A10D golden
        assert c.raw_law_optimum(64, F(25, 6), prec=PREC).overlaps(arb(64 * 36) / 625)  # L* = d/kappa^2
        assert c.pd_entropy_series(F(1, 2), prec=PREC).overlaps(2 * two.log())  # psi(1) - psi(1/2)
        hazards = c.top_quantile_hazards(1000, prec=PREC)
        assert hazards[0] == 1000 and hazards[1].contains(1)


@pytest.mark.parametrize("prec", [8, 24, 64])
def test_tail_bounds_are_honest_at_low_precision(prec):
    """At low precision the windows are short and the tails large: the radius must still cover them."""
    with flint.ctx.workprec(400):
        lam, sigma, n = arb(fmpq(-3, 2)), arb(fmpq(5, 4)), arb(64)
        gaussian = n.log() - lam * lam * sigma * sigma / 2
        tilt = arb(fmpq(9, 10))
        exponential = arb(3).log() - (1 - tilt).log() - tilt / (1 - tilt)
    assert c.annealed_entropy_gaussian(64, F(-3, 2), F(7, 3), F(5, 4), prec=prec).overlaps(gaussian)
    assert c.annealed_entropy_exponential(3, F(9, 10), prec=prec).overlaps(exponential)
    assert c.gaussian_mgf_ratio(2, 491, prec=prec).overlaps(arb(4).exp() / 491)


def test_the_module_imports_without_python_flint():
    import subprocess
    import sys

    code = ("import sys; sys.modules['flint'] = None\n"
            "import numerics.entropy.certified as c; print(len(c.__all__))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == str(len(c.__all__)), proc.stderr
