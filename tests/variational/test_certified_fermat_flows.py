"""The FLINT routes of the variational pillar (numerics.variational.certified): bad input is refused with the
parameter's name, the Fermat routes refuse the wrong case (vertex or interior), the interval-Newton balls hold
known golden values, and the exact routes return exact rationals."""

from __future__ import annotations

from fractions import Fraction

import pytest

flint = pytest.importorskip("flint")

from flint import arb, fmpq

from numerics.variational import certified as c

HALF = Fraction(1, 2)
TEST = {"Ax": 0, "Ay": 0, "Bx": 4, "By": 0, "Cx": 1, "Cy": 3}  # the spec's test triangle
PREC = 199


@pytest.mark.parametrize("call, match", [
    (lambda: c.fermat_point(**{**TEST, "Cx": 0.5}), "Cx"),
    (lambda: c.fermat_point(0, 0, 1, 1, 2, 2), "non-degenerate"),
    (lambda: c.weighted_cosines(**TEST, k1=0, k2=1, k3=1), "k1 must be positive"),
    (lambda: c.weighted_torricelli(**TEST, k1=1, k2=-1, k3=1), "k2 must be positive"),
    (lambda: c.fermat_point(**TEST, prec=1), "prec must be"),
    (lambda: c.energy_rate(2, 1, 1), "kind must be one of"),
    (lambda: c.energy_rate(0, 0.5, 1), "x1"),
    (lambda: c.quadratic_flow(1, 1, -1), "t must be >= 0"),
    (lambda: c.eg_flow(0, 1, 1, 1, HALF), "theta1 must be positive"),
    (lambda: c.fokker_planck_ratio(1, 0, 1, 1), "t must be positive"),
    (lambda: c.gaussian_kl_fisher(1, 0), "s must be positive"),
    (lambda: c.gaussian_free_energy(-1), "sigma must be positive"),
    (lambda: c.entropic_minimiser(1, 2, 3, 0), "tau must be positive"),
    (lambda: c.gibbs_objective(HALF, HALF, 1, 1, 1, 1, 1, 1, 1), "p1 \\+ p2 must be below 1"),
    (lambda: c.mirror_step(1, 1, 1, 1, 0), "eta must be positive"),
    (lambda: c.hypergradient(1, 1, 1, HALF), "kind must be 0"),
])
def test_bad_input_is_refused_with_the_parameter_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_the_fermat_routes_refuse_the_other_case():
    with pytest.raises(ValueError, match="minimiser is the vertex A"):
        c.weighted_cosines(**TEST, k1=5, k2=2, k3=2)  # k1 >= k2 + k3: vertex A
    with pytest.raises(ValueError, match="interior"):
        c.fermat_vertex(**TEST)  # every angle < 120 degrees: interior


def test_a_kuhn_margin_of_exactly_zero_puts_the_minimiser_at_the_vertex():
    # right angle at A and k = (5, 3, 4): |3e_AB + 4e_AC|^2 = 9 + 16 = 25 = k1^2, decided exactly
    out = c.fermat_vertex(0, 0, 1, 0, 0, 1, 5, 3, 4)
    assert out[:2] == [0, 0] and out[2].overlaps(arb(7))


def test_krawczyk_balls_hold_the_golden_points():
    # the weighted optimum of the test triangle with k = (3, 4, 5) is the rational point (50/37, 70/37)
    px, py, *lengths = c.weighted_torricelli(**TEST, k1=3, k2=4, k3=5, prec=PREC)
    assert px.overlaps(arb(fmpq(50, 37))) and py.overlaps(arb(fmpq(70, 37)))
    assert px.rad() < arb(10) ** -50 and all(v.overlaps(3 * arb(74).sqrt()) for v in lengths)
    # the unweighted optimum of the test triangle: ((10 + 4 sqrt 3)/13, (24 - 6 sqrt 3)/13)
    px, py = c.fermat_point(**TEST, prec=PREC)
    r3 = arb(3).sqrt()
    assert px.overlaps((10 + 4 * r3) / 13) and py.overlaps((24 - 6 * r3) / 13)
    assert all(v.overlaps(arb(-1) / 2) for v in c.fermat_cosines(**TEST, prec=PREC)[2:])


def test_the_exact_routes_return_exact_rationals():
    assert c.energy_rate(0, 1, 1) == fmpq(-25)  # -|A x|^2 at x = (1, 1)
    assert isinstance(c.energy_rate(1, Fraction(1, 3), Fraction(-7, 5)), fmpq)


def test_the_entropic_minimiser_is_a_probability_vector_with_tight_balls():
    p1, p2, p3, value = c.entropic_minimiser(1, 2, 3, 1, prec=PREC)
    assert (p1 + p2 + p3).overlaps(arb(1)) and max(p.rad() for p in (p1, p2, p3)) < arb(10) ** -50
    # the minimiser of sum p f + sum p log p is proportional to exp(-f): p1/p2 = e
    assert (p1 / p2).overlaps(arb(1).exp()) and value.overlaps(p1.log() + 1)  # min = -log Z, p1 = e^-1/Z


def test_the_gaussian_tails_are_inside_the_radius_at_low_precision():
    # at 53 bits the window is narrower; the balls must still hold the values
    kl, fisher = c.gaussian_kl_fisher(HALF, Fraction(3, 2), prec=53)
    assert kl.overlaps(arb(3) / 4 - (arb(9) / 4).log() / 2) and fisher.overlaps(arb(17) / 18)
    free, least = c.gaussian_free_energy(3, prec=53)
    assert least.overlaps(-(2 * arb.pi()).sqrt().log()) and free.overlaps(4 - arb(3).log() + least)


def test_the_linear_flows_hold_the_exponential():
    th = c.eg_flow(HALF, 2, 1, Fraction(-1, 3), HALF, prec=PREC)
    assert th[0].overlaps(arb(fmpq(-1, 2)).exp() / 2) and th[1].overlaps(2 * (arb(1) / 6).exp())
    assert th[0].rad() < arb(10) ** -55
