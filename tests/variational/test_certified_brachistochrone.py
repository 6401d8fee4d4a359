"""The Arb routes of the brachistochrone pillar: physical properties hold as ball statements, bad input is refused."""

from __future__ import annotations

from fractions import Fraction as Fr

import pytest

flint = pytest.importorskip("flint")

from numerics.variational import certified_brachistochrone as cb

PREC = 199


def test_tautochrone_time_does_not_depend_on_the_start():
    times = [cb.tautochrone_checks(1, t0, Fr(1, 2), prec=PREC)[1] for t0 in (0, Fr(1, 2), Fr(5, 2))]
    assert all(t.overlaps(times[0]) for t in times) and times[0].rad() < flint.arb(10) ** -55


def test_law_of_chords_every_chord_from_the_top_takes_the_same_time():
    first = cb.chord_time(3, Fr(1, 5), 1, prec=PREC)
    assert cb.chord_time(3, Fr(9, 4), 1, prec=PREC).overlaps(first)
    assert cb.chord_time(3, 3, 1, prec=PREC).overlaps(first)  # the vertical diameter: a free fall
    assert cb.vertical_drop_time(3, 1, prec=PREC).overlaps(first)


def test_reflection_point_divides_the_mirror_in_the_ratio_of_the_heights():
    x_refl = cb.snell_checks(1, 3, 2, 1, 1, 0, prec=PREC)[2]
    assert x_refl.overlaps(flint.arb(flint.fmpq(1, 2))) and x_refl.rad() < flint.arb(10) ** -55


def test_endpoint_equation_at_ratio_half_pi_is_solved_by_pi():
    theta1 = cb.endpoint_checks(Fr(1, 2), prec=PREC)[1]
    assert theta1.overlaps(flint.arb.pi()) and theta1.rad() < flint.arb(10) ** -55


def test_first_integral_derivative_is_exact_on_a_polynomial_jet():
    value = cb.first_integral_checks(Fr(2, 3), Fr(1, 2), Fr(-3, 4), prec=PREC)[1]
    assert isinstance(value, flint.fmpq)


def test_cycloid_time_by_shooting_grows_with_the_rolling_angle():
    short, long = cb.shooting_time(1, 2, Fr(1, 2), prec=PREC), cb.shooting_time(1, 4, Fr(1, 2), prec=PREC)
    assert short < long  # decided in balls


@pytest.mark.parametrize("route, args, name", [
    (cb.line_time, (1, 0, 1), "Y"),
    (cb.line_time, (-1, 1, 1), "X"),
    (cb.arc_time, (1, 1, 0), "g"),
    (cb.segment_time, (1, 2, 1, 1), "y0"),
    (cb.chord_time, (1, 2, 1), "Y"),
    (cb.tautochrone_checks, (1, 4, 1), "theta0"),
    (cb.cycloid_derivatives, (1, 7), "theta"),
    (cb.shooting_time, (1, 0, 1), "theta1"),
    (cb.beltrami_derivative, (4, 0), "kind"),
    (cb.catenary_circle_checks, (1, 0, 1, 0, 2), "x"),
    (cb.brachistochrone_el_scaled, (0.5, 1, 1), "y"),
    (cb.legendre_condition, (1, 0.25), "p"),
])
def test_bad_input_is_refused_naming_the_parameter(route, args, name):
    with pytest.raises(ValueError, match=name):
        route(*args, prec=PREC)


def test_precision_must_be_a_number_of_bits():
    with pytest.raises(ValueError, match="prec"):
        cb.line_time(1, 1, 1, prec=1.5)
