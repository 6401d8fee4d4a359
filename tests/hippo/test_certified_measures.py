"""The FLINT routes of the HiPPO transition systems and LegS properties (numerics.hippo.certified): bad input
is refused with the parameter's name, the routes that claim exactness return exact rationals, and two
independent routes to the LegS matrix (identification from the ODE, projection integrals) agree."""

from __future__ import annotations

from fractions import Fraction

import pytest

flint = pytest.importorskip("flint")

from numerics.hippo import certified as c

HALF = Fraction(1, 2)
QUARTIC = {"a0": 1, "a1": HALF, "a2": 0, "a3": -1, "a4": Fraction(1, 3)}
VECTOR = {"v0": 1, "v1": -HALF, "v2": Fraction(2, 3)}


@pytest.mark.parametrize("call, match", [
    (lambda: c.moving_measure_derivative(-1, 2, 1, **QUARTIC), "n must be"),
    (lambda: c.moving_measure_derivative(1, 0, 1, **QUARTIC), "T must be positive"),
    (lambda: c.moving_measure_derivative(1, 2, 1, **{**QUARTIC, "a3": 0.5}), "a3"),
    (lambda: c.legs_system(0, 1), "N must be"),
    (lambda: c.legs_system(2.0, 1), "N must be"),
    (lambda: c.legs_system(2, -1), "t must be positive"),
    (lambda: c.legs_integer_system(3, 0.5), "t must be"),
    (lambda: c.su_legs_integer_system(3, 0), "t must be positive"),
    (lambda: c.legt_exact_identity(3, 1, 0), "w must be positive"),
    (lambda: c.legt_system(3, "1", 1), "t must be"),
    (lambda: c.legt_closure_residual(-2, 1, 1), "N must be"),
    (lambda: c.legt_reconstruction_map(3, 1, 1, 0.25), "tau"),
    (lambda: c.lmu_system(3, 1, -HALF), "w must be positive"),
    (lambda: c.su_lmu_system(3, 1.5, 1), "t must be"),
    (lambda: c.lagt_system(0, 1), "N must be"),
    (lambda: c.lagt_half_system(2, 0.1), "t must be"),
    (lambda: c.legs_matrix_twice(0), "N must be"),
    (lambda: c.legs_spectrum_parts(True), "N must be"),
    (lambda: c.legs_scaled_coefficient(1, 0, 1, **QUARTIC), "alpha must be positive"),
    (lambda: c.legs_step_product(2, 5, 3), "m must be smaller than n"),
    (lambda: c.legs_step_product(2, 0, 3), "m must be"),
    (lambda: c.legs_matvec(3, v0=1, v1=2), "missing parameter.*v2"),
    (lambda: c.legs_matvec(2, v0=1, v1=2, v2=3), "unknown parameter.*v2"),
    (lambda: c.legs_matvec(3, **{**VECTOR, "v1": 0.5}), "v1"),
    (lambda: c.legs_resolvent_solve(3, **VECTOR), "missing parameter lambda"),
    (lambda: c.legs_resolvent_solve(3, **VECTOR, **{"lambda": -HALF}), "I - lambda A singular"),
    (lambda: c.legs_reconstruction_map(3, 0, HALF), "t must be positive"),
    (lambda: c.legs_green_function(3, 0, 1), "t0 must be positive"),
    (lambda: c.legs_green_function(3, 1, -1), "t1 must be positive"),
    (lambda: c.impulse_responses(3, 0), "s must be positive"),
    (lambda: c.legs_dc_gain_parts(3, HALF, Fraction(3, 2), **VECTOR), "alpha must lie in"),
    (lambda: c.legs_dc_gain_parts(3, 0, HALF, **VECTOR), "epsilon must be positive"),
])
def test_bad_input_is_refused_with_the_parameter_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_routes_that_claim_exactness_return_exact_rationals():
    exact = [c.legs_integer_system(4, Fraction(7, 3)), c.su_legs_integer_system(4, Fraction(7, 3)),
             c.lmu_system(4, 2, Fraction(3, 2)), c.su_lmu_system(4, 2, Fraction(3, 2)),
             c.lagt_system(4, 1), c.lagt_half_system(4, 1)]

    def flat(x):
        return [z for y in x for z in flat(y)] if isinstance(x, list) else [x]

    assert all(isinstance(v, flint.fmpq) for route in exact for v in flat(route))
    Q = c.legt_reconstruction_map(5, 2, Fraction(3, 2), 1)
    assert Q == flint.fmpq_mat(5, 5, [int(i == j) for i in range(5) for j in range(5)])


def test_the_legs_matrix_identified_from_the_ode_is_the_matrix_of_the_projection_integrals():
    prec = 199
    identified, _ = c.legs_system(5, Fraction(9, 4), prec=prec)
    gram, again = c.legs_matrix_twice(5, prec=prec)
    assert gram is again or gram == again
    for row_a, row_b in zip(identified, gram):
        for a, b in zip(row_a, row_b):
            assert flint.arb(a - b).contains(0) and abs(flint.arb(a - b)) < flint.arb(10) ** -50
