"""The S4 Arb routes (numerics.s4.certified): bad input is refused by name, and the routes are enclosures."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

pytest.importorskip("flint")

from flint import arb, fmpq

from numerics.s4 import certified as cert

_CONJ_POINT = {"N": 1, "a11": F(1, 2), "b1": 1, "c1": 2, "x": F(1, 3), "y": F(1, 4)}


@pytest.mark.parametrize("call, match", [
    (lambda: cert.nplr_parts("lmu", 3), "measure"),
    (lambda: cert.nplr_parts("legs", 0), "N"),
    (lambda: cert.nplr_parts("legs", 2.0), "N"),
    (lambda: cert.nplr_parts("legt", 3, w=0.5), "w"),
    (lambda: cert.nplr_parts("fout", 3, w=F(-1, 2)), "w"),
    (lambda: cert.fout_dets(0, 1), "m"),
    (lambda: cert.lagt_row(4, 1, 4), "m"),
    (lambda: cert.lagt_row(4, -1, 0), "j"),
    (lambda: cert.legs_eigenvectors(-2), "N"),
    (lambda: cert.legs_S_third(F(1, 2)), "m"),
    (lambda: cert.integer_eigvecs(F(3, 2)), "N"),
    (lambda: cert.root_sum(0, 3, -1), "L"),
    (lambda: cert.root_sum(5, 3, 2), "sign"),
    (lambda: cert.power_at_node(4, 1.5), "l"),
    (lambda: cert.g_node(0.7, F(1, 10)), "theta"),
    (lambda: cert.g_node(F(7, 10), 0), "h"),
    (lambda: cert.conj_resolvent(**{**_CONJ_POINT, "y": 0.25}), "y"),
    (lambda: cert.conj_resolvent(**{k: v for k, v in _CONJ_POINT.items() if k != "c1"}), "c1"),
    (lambda: cert.conj_resolvent(**{**_CONJ_POINT, "a12": 1}), "a12"),
    (lambda: cert.conj_pair(r1=1), "r2"),
    (lambda: cert.lagt_dense_step(2, u=1, h=F(1, 10), x0=1), "x1"),
    (lambda: cert.lagt_dense_step(2, u=1, h=F(-1, 10), x0=1, x1=2), "h"),
    (lambda: cert.legs_zoh_kernel(2, F(1, 10), c1=1, c2=1, c3=1), "c3"),
    (lambda: cert.legs_bilinear_kernel(2, F(1, 10), K=0, c1=1, c2=1), "K"),
    (lambda: cert.rtf_kernels(0), "N"),
    (lambda: cert.legs_impulse(3, 0.5), "t"),
])
def test_bad_input_is_refused_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_exact_routes_return_exact_rationals():
    V, Lam = cert.integer_eigvecs(5)
    assert V[4][1] == fmpq(-10) and V[4][2] == fmpq(15) and [Lam[i][i] for i in range(5)] == [-1, -2, -3, -4, -5]
    U, _ = cert.integer_eigvecs(5, signed=False)
    assert all(x >= 0 for row in U for x in row)
    assert cert.legs_S_third(1) == fmpq(4, 6)  # ((2)!)^2/3! (S4-EIG-2 at d = 3)


def test_ball_routes_contain_the_known_values():
    assert cert.root_sum(6, 12, +1).real.overlaps(arb(6)) and cert.root_sum(6, 5, -1).real.contains(0)
    assert cert.power_at_node(5, 3).real.overlaps(arb(-1))
    det_full, det_reduced, b1 = cert.fout_dets(2, 1)  # N = 4: det A' = -2 (2 pi)^2
    assert det_full.contains(0) and det_reduced.overlaps(-8 * arb.pi() ** 2) and b1 == 0
    assert cert.legs_impulse(1, 1)[0, 0].overlaps(arb(-1).exp())  # e^(-t) for N = 1
