"""The Arb routes of the Fourier measures and the discretised LegS systems (numerics.hippo.certified_systems):
bad input is refused with the parameter's name, the trapezoid rule the Galerkin routes rely on is exact
where it is claimed to be, and the per-step routes keep the fixed point they are built on."""

from __future__ import annotations

from fractions import Fraction

import pytest

flint = pytest.importorskip("flint")

from numerics.arb import precision
from numerics.hippo import certified_systems as cs

PREC = 199
HALF = Fraction(1, 2)
QUARTIC = {"a0": 1, "a1": HALF, "a2": 0, "a3": -1, "a4": Fraction(1, 3)}


@pytest.mark.parametrize("call, match", [
    (lambda: cs.forward_euler(3, 0.1), "epsilon"),
    (lambda: cs.backward_euler(0, HALF), "N"),
    (lambda: cs.bilinear(2, -HALF), "epsilon"),
    (lambda: cs.gbt(2, HALF, Fraction(3, 2)), "alpha"),
    (lambda: cs.gbt(2.0, HALF, HALF), "N"),
    (lambda: cs.zero_order_hold(2, HALF, 0.5), "u0"),
    (lambda: cs.bilinear_modulus_gap("1", 1, HALF), "a"),
    (lambda: cs.legs_exact_step(3, 0), "k"),
    (lambda: cs.legs_step_fixed_points(-1, 2), "N"),
    (lambda: cs.legs_rescaled_invariants(2, p0=1, p1=1, lambda0=1), "lambda1"),
    (lambda: cs.legs_rescaled_invariants(1, p0=1, lambda0=0), "lambda0"),
    (lambda: cs.legs_rescaled_invariants(1, p0=0.5, lambda0=1), "p0"),
    (lambda: cs.lmu_printed_rescaling(3, 1, 0), "w"),
    (lambda: cs.fout_window_derivative(HALF, 2, 1, **QUARTIC), "n"),
    (lambda: cs.fout_window_derivative(1, 2, 1, **{**QUARTIC, "a2": 0.25}), "a2"),
    (lambda: cs.fous_scaled_derivative(1, 0, **QUARTIC), "T"),
    (lambda: cs.fous_ramp_coefficient(1.0), "m"),
    (lambda: cs.fous_galerkin(0), "N"),
    (lambda: cs.fout_closures(-1, 2, 1), "K"),
    (lambda: cs.fout_consistent(1, 2, 1, a0=1, a1=0.5), "a1"),
    (lambda: cs.fout_real_system(0, 2, 1), "h"),
    (lambda: cs.fout_forward_real_system(1, 2, -1), "w"),
    (lambda: cs.fous_galerkin(2, prec=1), "prec"),
])
def test_bad_input_is_refused_with_the_parameter_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_the_trapezoid_rule_of_the_real_fout_route_agrees_with_arb_quadrature():
    from flint import acb, arb, fmpq

    h, w = 3, Fraction(3, 2)
    D, e = cs.fout_real_system(h, 2, w, prec=PREC)
    with precision(PREC):
        pi2 = 2 * acb.pi()
        # g_5 = sqrt 2 sin(4 pi s), g_4' = -4 pi sqrt 2 sin(4 pi s): int_0^1 g_4' g_5 = -4 pi
        width = acb(fmpq(w.numerator, w.denominator))
        quad = acb.integral(lambda s, _: -4 * pi2 * (2 * pi2 * s).sin() ** 2, 0, 1) / width
        assert abs(acb(D[4][5]) - quad) < arb(10) ** -50
        assert abs(acb(e[2]) - arb(2).sqrt() / width) < arb(10) ** -50


def test_every_exact_per_step_scheme_keeps_the_constant_input_fixed_point():
    from flint import fmpq

    for N in (1, 2, 5):
        for k in (1, 4):
            *kept, defect = cs.legs_step_fixed_points(N, k)
            assert all(v == [1] + [0] * (N - 1) for v in kept)
            assert defect == [fmpq(1, k * (2 * k + 3))]

