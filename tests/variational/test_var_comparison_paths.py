"""Comparison paths (VAR-A10, A11): table G2, the quarter circle's Gamma and K forms, Galileo's arc for X != Y as an
incomplete elliptic integral (golden, ordering, quadrature), and Galileo's law of chords."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from hypothesis import given, settings
from mpmath import mp
from sympy import Eq, Rational, asin, elliptic_f, elliptic_k, sqrt

import proofs
from numerics import variational as nv
from numerics.strategies import rationals
from proofs.variational import galileo as arc

G2 = [((1, 1), "2.581904512827771789264801395351979332835", "2.622057554292119810464839589891119413683",
       "2.828427124746190097603377448419396157139"),
      ((2, 1), "3.568202221960096390229737897205726102623", "3.677830418736647091642255088753514994738",
       "4.472135954999579392818347337462552470881")]


@pytest.mark.parametrize("end, cyc, arc, line", G2)
def test_comparison_table_G2(end, cyc, arc, line):
    times = [nv.path_time(p, *end) for p in ("cycloid", "quarter-circle", "line")]
    for t, gold in zip(times, (cyc, arc, line)):
        assert close(t, gold, 38)
    assert times[0] < times[1] < times[2]
    assert close(nv.path_time("arc", *end), arc, 38)


def test_quarter_circle_gamma_and_ellipk_forms():
    with mpmath.workdps(60):
        gamma_form = mp.gamma(mp.mpf(1) / 4) ** 2 / (2 * mp.sqrt(2 * mp.pi))
        k_form = mp.sqrt(2) * mp.ellipk(mp.mpf(1) / 2)
    t = nv.path_time("quarter-circle", 1, 1)
    assert close(t, gamma_form, 45) and close(t, k_form, 45)


def arc_closed_form(X, Y, g=Rational(1, 2), digits=50):
    value = arc.galileo_arc_statement().rhs.subs({arc.X: X, arc.Y: Y, arc.g: g})
    with mpmath.workdps(digits + 10):
        return mp.mpf(str(sympy.N(value, digits + 10)))


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
    assert_caught(proofs.registry["VAR-A11-ARC"], wrong, by="symbolic", dps=20)


@pytest.mark.parametrize("D, Y", [(1, Fr(1, 2)), (4, 1), (Fr(9, 4), Fr(9, 4))])
def test_chord_time_is_two_sqrt_D(D, Y):
    with mpmath.workdps(50):
        assert close(nv.chord_time(D, Y), 2 * mp.sqrt(mp.mpf(Fr(D).numerator) / Fr(D).denominator), 45)


@pytest.mark.parametrize("call, match", [
    (lambda: nv.chord_time(1, 2), "Y must satisfy 0 < Y <= D"),
    (lambda: nv.chord_time(0, 1), "D .* must be positive"),
    (lambda: nv.chord_time(1, Fr(1, 2), g=0), "g must be positive"),
])
def test_chord_time_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
