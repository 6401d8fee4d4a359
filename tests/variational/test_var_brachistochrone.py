"""The brachistochrone (VAR-A7 .. A9, A12): the cycloid and its descent time, golden table G1, the three numeric
routes (parametric quadrature, x-form, Snell shooting), the EL ODE by odefun, the tautochrone, the endpoint
equation, and documented errors."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
import sympy
from helpers import close
from hypothesis import given, settings
from mpmath import mp
from sympy import Rational, sqrt

import proofs
from numerics import variational as nv
from numerics.strategies import rationals
from proofs import variational as pv
from proofs.variational.euler_lagrange_equations import P, Y


def test_cycloid_and_brachistochrone_time():
    r, t = sympy.symbols("r theta", positive=True)
    assert pv.cycloid(r, t) == (r * (t - sympy.sin(t)), r * (1 - sympy.cos(t)))
    assert isinstance(pv.cycloid(1, 2), tuple)
    assert pv.brachistochrone_time(r, t) == t * sqrt(2 * r)
    assert pv.brachistochrone_time(r, t, 1) == t * sqrt(r)
    T = pv.brachistochrone_time(1, sympy.pi)
    assert T == sympy.pi * sqrt(2)


@pytest.mark.parametrize("call, match", [
    (lambda: pv.cycloid(0, 1), "r must be positive"),
    (lambda: pv.cycloid(-2, 1), "r must be positive"),
    (lambda: pv.brachistochrone_time(-1, 1), "r must be positive"),
    (lambda: pv.brachistochrone_time(1, 7), r"theta1 must lie in \[0, 2\*pi\)"),
    (lambda: pv.brachistochrone_time(1, 2 * sympy.pi), "theta1"),
    (lambda: pv.brachistochrone_time(1, -1), "theta1"),
    (lambda: pv.brachistochrone_time(1, 1, 0), "g must be positive"),
])
def test_proofs_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()

G1 = [((1, 1), "2.412011143913525342526482065731981575374", "0.5729170375317503369481832589296668849944",
       "2.581904512827771789264801395351979332835"),
      (("pi", 1), "4.107032654366673481050466606203762937628", "0.6373262404001306101561068132103159851079",
       "4.636860748939139993805385491594904933459"),
      ((1, 2), "1.401379455902473454923964650592138986503", "2.405602929725253957531274209945123998894",
       "3.073850323203483739574387280282969628915"),
      ((2, 1), "3.508368768524475562914283764474078250039", "0.5171999216865493882379879033771138831353",
       "3.568202221960096390229737897205726102623")]


def _X(v):
    return +mp.pi if v == "pi" else v


@pytest.mark.parametrize("end, theta1, r, T", G1)
def test_brachistochrone_golden_G1(end, theta1, r, T):
    with mpmath.workdps(60):
        X = _X(end[0])
    res = nv.brachistochrone(X, end[1], dps=50)
    assert set(res) >= {"r", "theta1", "T"}
    for key, gold in (("theta1", theta1), ("r", r), ("T", T)):
        assert close(res[key], gold, 38), key
    assert (res["theta1"] > mp.pi) == (mpmath.mpf(X) / end[1] > mp.pi / 2)


def test_brachistochrone_pi_2_and_other_gravities():
    with mpmath.workdps(60):
        X = +mp.pi
    res = nv.brachistochrone(X, 2, dps=50)
    assert close(res["theta1"], mp.pi, 45) and close(res["r"], 1, 45)
    assert close(res["T"], "4.442882938158366247015880990060693698615", 38)
    assert close(nv.brachistochrone(1, 1, g=1)["T"], "1.8256821893966668124170330044561242", 33)
    assert close(nv.brachistochrone(1, 1, g=Fr(981, 100))["T"], "0.58289546315474264100675320420285645", 33)
    assert close(nv.brachistochrone(1, 1)["c"], "0.9341984306274074306577855255937235260759", 38)
    drop = nv.brachistochrone(0, 3)
    with mpmath.workdps(60):
        assert drop["theta1"] == 0 and drop["r"] == mp.inf and close(drop["T"], 2 * mp.sqrt(3), 45)


def test_brachistochrone_limit_small_depth():
    """VAR-A9: Y -> 0 at X = 1 gives theta1 -> 2 pi and T -> 2 sqrt(pi X)."""
    res = nv.brachistochrone(1, Fr(1, 10**8), dps=30)
    assert 2 * mp.pi - res["theta1"] < 1e-2
    assert abs(res["T"] - mpmath.mpf("3.544907701811032054596334966682290365595")) < 1e-3


def test_route2_x_form_and_route3_shooting():
    """VAR-A8: the x-form quadrature (x = u^3) and the Snell shooting reproduce T, c and theta1."""
    gold = "2.581904512827771789264801395351979332835"
    assert close(nv.brachistochrone(1, 1, dps=50, method="x-form")["T"], gold, 38)
    assert close(nv.brachistochrone(1, 1, dps=50, method="x-form")["T"], nv.brachistochrone(1, 1, dps=50)["T"], 45)
    shot = nv.brachistochrone_shooting(1, 1, dps=50)
    ref = nv.brachistochrone(1, 1, dps=50)
    assert close(shot["T"], gold, 38)
    with mpmath.workdps(60):
        assert close(shot["c"], 1 / mp.sqrt(2 * ref["r"]), 45)
        assert close(2 * shot["psi1"], ref["theta1"], 45)
    odefun_shot = nv.brachistochrone_shooting(2, 1, dps=30, integrator="odefun")
    assert close(odefun_shot["T"], "3.568202221960096390229737897205726102623", 27)


@pytest.mark.parametrize("call, match", [
    (lambda: nv.brachistochrone(1, 0), "Y"),
    (lambda: nv.brachistochrone(1, -1), "Y"),
    (lambda: nv.brachistochrone(-1, 1), "X must be >= 0"),
    (lambda: nv.brachistochrone(1, 1, g=0), "g must be positive"),
    (lambda: nv.brachistochrone(1, 1, method="euler"), "method"),
    (lambda: nv.brachistochrone("a", 1), "X must be a real number"),
    (lambda: nv.brachistochrone(True, 1), "X must be a real number"),
    (lambda: nv.path_time("parabola", 1, 1), "path must be one of"),
    (lambda: nv.path_time("quarter-circle", 0, 1), "X > 0"),
    (lambda: nv.path_time("line", 1, 0), "Y"),
    (lambda: nv.path_time("line", 1, 1, g=-1), "g must be positive"),
    (lambda: nv.brachistochrone_shooting(0, 1), "X must be positive"),
    (lambda: nv.tautochrone_time(1, 4), "theta0"),
    (lambda: nv.tautochrone_time(0, 1), "r must be positive"),
    (lambda: nv.discrete_brachistochrone(1, 1, 0), "N must be a positive integer"),
    (lambda: nv.discrete_brachistochrone(1, 1, 4, grid="chebyshev"), "grid"),
    (lambda: nv.brachistochrone(1, 1, dps=5), "dps"),
])
def test_numeric_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_el_ode_follows_cycloid_spec_run():
    """VAR-A7 (b): odefun from theta_a = 1/2 of the X = Y = 1 cycloid to x = 0.3, 0.7, 1.0 (> 45 digits)."""
    with mpmath.workdps(60):
        r = mp.mpf("0.5729170375317503369481832589296668849944")
    ref = nv.brachistochrone(1, 1, dps=50)
    ys = nv.el_ode_solution(ref["r"], Fr(1, 2), [Fr(3, 10), Fr(7, 10), 1], dps=50)
    with mpmath.workdps(50):
        for xv, yv in zip((Fr(3, 10), Fr(7, 10), 1), ys):
            xm = mp.mpf(xv.numerator) / xv.denominator if isinstance(xv, Fr) else mp.mpf(xv)
            th = nv.safe_newton(lambda t, xm=xm: ref["r"] * nv.theta_minus_sin(t) - xm,
                                lambda t: 2 * ref["r"] * mp.sin(t / 2) ** 2, mp.zero, 2 * mp.pi)
            assert close(yv, ref["r"] * (1 - mp.cos(th)), 45)
    assert close(ref["r"], r, 38)
    assert close(ys[-1], 1, 45)  # the EL solution reaches the endpoint (1, 1)


def test_a7_ode_derivation_uses_el_and_beltrami():
    steps = proofs.registry["VAR-A7-ODE"].derivation().steps
    captions = " ".join(s.caption for s in steps)
    assert "Euler-Lagrange" in captions and "Beltrami" in captions
    y2 = steps[0].expr.rhs  # y'' solved from EL
    assert sympy.simplify(y2 + (1 + P**2) / (2 * Y)) == 0


@pytest.mark.parametrize("theta0", [0, Fr(3, 10), 1, 2, 3])
def test_tautochrone(theta0):
    assert close(nv.tautochrone_time(1, theta0), "4.442882938158366247015880990060693698615", 38)


@settings(max_examples=10)
@given(X=rationals(Fr(1, 20), 5, max_denominator=50), Y=rationals(Fr(1, 20), 5, max_denominator=50))
def test_drawn_endpoints_routes_agree(X, Y):
    """Route 1 (parametric quadrature) and route 3 (Snell shooting) agree; the cycloid beats line and arc."""
    ref = nv.brachistochrone(X, Y, dps=30)
    shot = nv.brachistochrone_shooting(X, Y, dps=30)
    assert close(ref["T"], shot["T"], 26)
    with mpmath.workdps(40):
        assert close(ref["theta1"], 2 * shot["psi1"], 26)
    with mpmath.workdps(40):
        ratio = (mp.mpf(X.numerator) / X.denominator) / (mp.mpf(Y.numerator) / Y.denominator)
        assert (ref["theta1"] > mp.pi) == (ratio > mp.pi / 2)
    assert ref["T"] < nv.path_time("line", X, Y, dps=30)
    assert ref["T"] < nv.path_time("quarter-circle", X, Y, dps=30)
    with mpmath.workdps(30):
        assert close(ref["T"], ref["theta1"] * mp.sqrt(2 * ref["r"]), 26)


@settings(max_examples=10)
@given(th=rationals(Fr(1, 50), Fr(628, 100), max_denominator=100))
def test_endpoint_phi_monotone(th):
    """VAR-A9: the derivative numerator 2 sin(t/2)(2 sin(t/2) - t cos(t/2)) is positive on (0, 2 pi)."""
    val = pv.endpoint_phi_derivative_numerator(Rational(th.numerator, th.denominator))
    assert sympy.N(val, 30) > 0
    assert close(nv.endpoint_phi_prime_scaled(th, dps=30), sympy.N(val, 40), 25)


@pytest.mark.parametrize("call, match", [
    (lambda: pv.cycloid(float("nan"), 1), "finite"),
    (lambda: pv.cycloid(float("inf"), 1), "finite"),
    (lambda: pv.endpoint_phi(float("nan")), "finite"),
    (lambda: pv.endpoint_phi_derivative_numerator(float("nan")), "finite"),
    (lambda: nv.brachistochrone_shooting("0/0", 1, dps=15), "X must be a real number"),
])
def test_bad_values_found_by_the_fuzz_test_raise_value_error(call, match):
    # before: NaN/oo results (cycloid, endpoint_phi*), ZeroDivisionError (mpmath parsing the string "0/0" in
    # numerics.agree.to_mp)
    with pytest.raises(ValueError, match=match):
        call()
