"""Variational pillar, second pass: Galileo's arc for X != Y, law of chords, Jacobi field, observed orders,
derivations of VAR-A7-ODE and VAR-F3 (spec variational.md, VAR-A7, A11, A13, A14, F3)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as Fr

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from mpmath import mp
from sympy import Eq, Rational, Tuple, asin, elliptic_f, elliptic_k, sqrt

import proofs
from numerics import variational as nv
from numerics.strategies import rationals
from proofs.variational import galileo as arc
from proofs.variational import kimberling_x13 as x13
from proofs.variational import minimality as mini
from proofs.variational.euler_lagrange_equations import P, Y

NEW = {"VAR-A11-ARC": proofs.Status.EXACT, "VAR-A11-CHORD": proofs.Status.EXACT,
       "VAR-A13-RATE": proofs.Status.EMPIRICAL, "VAR-A14-JACOBI": proofs.Status.EXACT,
       "VAR-A7-ODE": proofs.Status.EXACT, "VAR-F3": proofs.Status.THEOREM}


def close(a, b, digits):
    with mpmath.workdps(digits + 15):
        a, b = mp.mpf(a), mp.mpf(b)
        return abs(a - b) <= mp.mpf(10) ** (-digits) * max(abs(a), abs(b), 1)


def arc_closed_form(X, Y, g=Rational(1, 2), digits=50):
    value = arc.galileo_arc_statement().rhs.subs({arc.X: X, arc.Y: Y, arc.g: g})
    with mpmath.workdps(digits + 10):
        return mp.mpf(str(sympy.N(value, digits + 10)))


# --- registration and derivations -----------------------------------------------------------------------------

def test_new_keys_registered_with_honest_status():
    for key, status in NEW.items():
        result = proofs.registry[key]
        assert result.status is status, key
        assert result.derive is not None or status is proofs.Status.EMPIRICAL, key
    assert proofs.registry["VAR-A13-RATE"].derive is None  # an observation carries no proof
    assert proofs.registry["VAR-F3"].bound is not None  # a THEOREM carries only a bounded proof


@pytest.mark.parametrize("key", ["VAR-A7-ODE", "VAR-F3", "VAR-A14-JACOBI", "VAR-A11-ARC", "VAR-A11-CHORD"])
def test_new_derivations_prove(key):
    outcome, cases, message = proofs.registry[key].prove()
    assert outcome in ("proved", "proved-up-to-bound"), message
    assert cases >= 1


@pytest.mark.parametrize("key", sorted(NEW))
def test_new_keys_perturbed_fail(key):
    rep = proofs.registry[key].perturbed().verify(dps=20)
    assert not rep.passed
    assert rep.digits is not None and rep.digits < 5


def test_a7_ode_derivation_uses_el_and_beltrami():
    steps = proofs.registry["VAR-A7-ODE"].derivation().steps
    captions = " ".join(s.caption for s in steps)
    assert "Euler-Lagrange" in captions and "Beltrami" in captions
    y2 = steps[0].expr.rhs  # y'' solved from EL
    assert sympy.simplify(y2 + (1 + P**2) / (2 * Y)) == 0


def test_x13_stationary_point_golden_and_obtuse_refusal():
    value = x13.stationary_point((0, 0), (4, 0), (1, 3)).value
    assert sympy.simplify(value[0].rhs - (10 + 4 * sqrt(3)) / 13) == 0
    assert sympy.simplify(value[1].rhs - (24 - 6 * sqrt(3)) / 13) == 0
    with pytest.raises(ArithmeticError, match="120 degrees"):
        x13.stationary_point((0, 0), (1, 0), (-1, Rational(3, 10)))  # angle A > 120 degrees: vertex case


# --- Galileo's arc and chords (VAR-A11) ------------------------------------------------------------------------

def test_arc_closed_form_golden_G2():
    assert close(arc_closed_form(2, 1), "3.677830418736647091642255088753514994738", 38)
    assert close(arc_closed_form(1, 1), "2.622057554292119810464839589891119413683", 38)


def test_arc_ordering_against_cycloid_and_line():
    for X, Y in ((2, 1), (1, 3), (Fr(1, 2), 2)):
        t_arc = arc_closed_form(X, Y, digits=30)
        assert nv.path_time("cycloid", X, Y, dps=30) < t_arc < nv.path_time("line", X, Y, dps=30)


@settings(max_examples=8, deadline=None)
@given(X=rationals(Fr(1, 10), 5, max_denominator=20), Y=rationals(Fr(1, 10), 5, max_denominator=20))
def test_arc_closed_form_matches_quadrature(X, Y):
    with mpmath.workdps(30):
        assert close(arc_closed_form(X, Y, digits=30), nv.path_time("arc", X, Y, dps=30), 25)


def test_arc_antiderivative_at_pi_over_two_is_complete():
    H = arc.arc_antiderivative(sympy.pi / 2)
    assert sympy.simplify(H - sqrt(2) * elliptic_k(Rational(1, 2))) == 0


def test_wrong_arc_sign_is_caught():
    """A subtle slip: K - F instead of K + F (correct for X = Y, wrong otherwise)."""
    wrong = lambda: Eq(arc.ARC, sqrt((arc.X**2 + arc.Y**2) / (2 * arc.X * arc.g))
                       * (elliptic_k(Rational(1, 2)) - elliptic_f(asin((arc.X - arc.Y) / sqrt(arc.X**2 + arc.Y**2)),
                                                                    Rational(1, 2))), evaluate=False)
    rep = dataclasses.replace(proofs.registry["VAR-A11-ARC"], statement=wrong).verify(dps=20)
    assert not rep.passed and rep.symbolic == "failed"


@pytest.mark.parametrize("D, Y", [(1, Fr(1, 2)), (4, 1), (Fr(9, 4), Fr(9, 4))])
def test_chord_time_is_two_sqrt_D(D, Y):
    with mpmath.workdps(50):
        assert close(nv.chord_time(D, Y), 2 * mp.sqrt(mp.mpf(Fr(D).numerator) / Fr(D).denominator), 45)


@pytest.mark.parametrize("call, match", [
    (lambda: nv.chord_time(1, 2), "Y must satisfy 0 < Y <= D"),
    (lambda: nv.chord_time(0, 1), "D .* must be positive"),
    (lambda: nv.chord_time(1, Fr(1, 2), g=0), "g must be positive"),
    (lambda: nv.jacobi_field(1, 7), "theta must lie in"),
    (lambda: nv.jacobi_field(-1, 1), "r must be positive"),
    (lambda: nv.discrete_order(1, 1, "random"), "grid must be"),
    (lambda: nv.discrete_order(1, 1, "graded", 64, 16), "N1 must be smaller than N2"),
    (lambda: nv.discrete_order(1, 1, "graded", 0, 16), "N1 must be a positive integer"),
    (lambda: nv.discrete_order(2, 1, "graded"), "X/Y must be <= pi/2"),
])
def test_new_numeric_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- Jacobi field (VAR-A14) -------------------------------------------------------------------------------------

@settings(max_examples=10, deadline=None)
@given(r=rationals(Fr(1, 10), 4, max_denominator=20), theta=rationals(Fr(1, 20), Fr(62, 10), max_denominator=50))
def test_jacobi_field_positive_and_closed_form(r, theta):
    h = nv.jacobi_field(r, theta, dps=30)
    assert h > 0  # no conjugate point on the arch
    with mpmath.workdps(40):
        th = mp.mpf(theta.numerator) / theta.denominator
        assert close(h, 2 - th * mp.cot(th / 2), 25)


def test_wrong_jacobi_field_is_caught():
    """theta cot(theta) in place of theta cot(theta/2) (a half-angle slip) is caught."""
    wrong = lambda: Eq(mini.JAC, 2 - mini.theta * sympy.cot(mini.theta), evaluate=False)
    rep = dataclasses.replace(proofs.registry["VAR-A14-JACOBI"], statement=wrong).verify(dps=20)
    assert not rep.passed


# --- observed orders (VAR-A13, EMPIRICAL) --------------------------------------------------------------------

def test_observed_orders_unrounded():
    assert abs(nv.discrete_order(1, 1, "uniform") - 1.5) < 0.05
    assert abs(nv.discrete_order(1, 1, "graded") - 2) < 0.01
    assert abs(nv.discrete_order(1, 2, "graded", 16, 64) - 2) < 0.05


def test_rate_result_passes_and_wrong_claim_is_caught():
    result = proofs.registry["VAR-A13-RATE"]
    assert result.verify(dps=30).passed
    # the subtle wrong claim "both grids converge at order 2" must fail on the uniform grid
    wrong = lambda: Tuple(Eq(mini.RATES[0], 2, evaluate=False), Eq(mini.RATES[1], 2, evaluate=False))
    rep = dataclasses.replace(result, statement=wrong).verify(dps=30)
    assert not rep.passed and rep.digits < 2


def test_the_drawn_triangles_are_those_with_every_angle_below_120_degrees():
    # the interior case of VAR-F1..F3 is drawn through this filter: cos > -1/2 tested without roots
    from proofs.variational.fermat import _below_120

    def tri(cx, cy):
        return {"Ax": 0, "Ay": 0, "Bx": 1, "By": 0, "Cx": cx, "Cy": cy}

    assert _below_120(tri(Fr(-47, 100), Fr(88, 100)))  # angle at A about 118.1 degrees
    assert not _below_120(tri(Fr(-52, 100), Fr(85, 100)))  # about 121.5 degrees
    assert not _below_120(tri(-1, sympy.sqrt(3)))  # exactly 120 degrees is the vertex case
    assert _below_120(tri(Fr(1, 2), 1))
