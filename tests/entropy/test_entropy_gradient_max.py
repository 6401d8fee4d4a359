"""Gradient maximisation (ENT-A18): the Lambert-W optimum against table G7, Su's fits, the cosine model's
stationarity in Bessel form against its quadrature route, and an off-by-one Bessel order caught."""

from __future__ import annotations

import sympy
from helpers import assert_caught, close
from mpmath import mp
from sympy import Symbol, log, sqrt

from numerics import entropy as ne
from numerics.entropy import heuristics as ng
from proofs import entropy as ent
from proofs import registry
from proofs.entropy import heuristics as pg


def test_gradmax_golden_g7_and_su_fits():
    g7 = {
        40: ("1.434198860773838069885055", "0.746727", "16.810435135642918621"),
        200: ("1.810082655059755372721196", "0.786375", "21.593464767856055873"),
        491: ("1.999840358281836904453018", "0.803386", None),
        1000: ("2.141907730937432716173305", "0.814952", "26.020596692800080498"),
        20000: ("2.678185028995553066421727", "0.851033", "33.683824841828365593"),
    }
    for n, (alpha, ratio, cosine) in g7.items():
        a = ent.gradmax_alpha(n)
        assert close(a, alpha, 23)
        assert abs(float(a / sqrt(log(n))) - float(ratio)) < 1e-6
        if cosine and n in (40, 1000):
            assert close(ne.gradmax_alpha_opt(n, law="cosine", d=128, dps=25), cosine, 18)
    # Su's 0.84 sqrt(ln n): off by -1.3 % to +12.5 % on [40, 20000]
    assert abs(0.84 / 0.851033 - 1 - (-0.013)) < 1e-3 and abs(0.84 / 0.746727 - 1 - 0.125) < 1e-3

G7_COSINE = {
    40: "16.810435135642918621",
    200: "21.593464767856055873",
    1000: "26.020596692800080498",
    5000: "30.209060033302416644",
    20000: "33.683824841828365593",
}


def test_cosine_golden_g7_through_the_stationarity_equation():
    stmt = registry["ENT-A18E"].statement
    for n, alpha in G7_COSINE.items():
        value = sympy.N(stmt(alpha=sympy.Float(alpha, 30), d=128).rhs, 30)
        assert abs(value / n - 1) < 1e-17  # a 20-digit golden alpha* maps back to n
        if n >= 1000:  # Su's 3.5 ln n holds within 8 % for 1000 <= n <= 20000
            assert abs(float(alpha) / (3.5 * float(sympy.log(n))) - 1) < 0.08
    assert abs(float(G7_COSINE[40]) / (3.5 * float(sympy.log(40))) - 1) > 0.08  # but not at n = 40


def test_cosine_numeric_routes_agree():
    # quadrature route for n(alpha) against the maximisation route of ENT-A18 (Bessel MGF)
    n = ng.gradmax_cosine_n(G7_COSINE[1000], 128, dps=25)
    assert abs(n - 1000) < mp.mpf(10) ** -14  # the golden alpha* has 20 digits


def test_sphere_order_off_by_one_is_caught():
    """Using nu = d/2 (the exponent (d-2)/2 of a d+1 sphere) instead of d/2 - 1 in ENT-A18e."""
    result = registry["ENT-A18E"]

    def wrong(alpha=None, d=None):
        stmt = pg.cosine_stationarity(alpha, None if d is None else d + 2)
        return stmt if d is not None else stmt.subs(Symbol("d", positive=True), Symbol("d", positive=True) + 2)

    assert_caught(result, wrong, by="symbolic", examples=[{"alpha": 26, "d": 128}])
    assert_caught(result, wrong, by="numeric", examples=[{"alpha": 26, "d": 128}], dps=20)
