"""RTF pillar, certified tier: the Arb / exact FLINT routes of :mod:`numerics.rational.certified`.

The registry-wide test (``tests/test_certify.py``) bounds every route against its closed form at the fixed
examples; here the routes meet the pillar's mpmath routes at other points, their exact parts are checked by
the defining equations, and bad input raises a ValueError naming the parameter.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest

flint = pytest.importorskip("flint")

from numerics.arb import precision
from numerics.rational import certified as cr
from numerics.rational import kernels as nk
from numerics.rational import routes

PREC = 199
A3, B3 = [F(1, 2), F(-1, 5), F(1, 10)], [1, F(2, 5), F(-3, 10)]


def _close(balls, values, digits=45):
    """Every ball's midpoint within 10^-digits (relative to the largest value) of the mpmath value."""
    with mpmath.workdps(70):
        mids = [mpmath.mpc(mpmath.mpf(flint.acb(x).real.mid().str(65, radius=False)),
                           mpmath.mpf(flint.acb(x).imag.mid().str(65, radius=False))) for x in balls]
        top = max(abs(v) for v in values)
        return max(abs(m - v) for m, v in zip(mids, values)) <= top * mpmath.mpf(10) ** -digits


def test_alias_sum_meets_the_truncated_mpmath_alias_sum():
    a, b, L = [F(-2, 5), F(-9, 20)], [1, F(1, 3)], 7  # poles 9/10 and -1/2
    with mpmath.workdps(60):
        assert _close(cr.alias_sum(a, b, L, prec=PREC), routes.alias_sum(b, a, L))


def test_alias_sum_refuses_what_it_cannot_sum():
    with pytest.raises(ValueError, match="simple"):
        cr.alias_sum([F(-2), F(1)], [1, 1], 5)  # (1 - z)^2
    with pytest.raises(ValueError, match="simple"):
        cr.alias_sum([F(-1), F(1, 4)], [1, 1], 5)  # (1 - z/2)^2
    with pytest.raises(ValueError, match="unit disk"):
        cr.alias_sum([F(-3)], [1], 5)  # pole 3
    with pytest.raises(ValueError, match="a_d"):
        cr.alias_sum([F(1, 2), 0], [1, 1], 5)


def test_companion_eigenvalues_are_the_mpmath_eigenvalues_in_sympys_root_order():
    a = [3, F(-1, 2), F(5, 4), F(1, 3), -2]
    lams = cr.companion_eigenvalues(a, prec=PREC)
    with mpmath.workdps(60):
        mp_lams = routes.eigenvalues(routes.companion(a))
        assert all(any(abs(complex(l.mid()) - complex(m)) < 1e-12 for m in mp_lams) for l in lams)
    zs = [1 / complex(l.mid()) for l in lams]
    real = [z.real for z in zs if abs(z.imag) < 1e-12]
    assert real == sorted(real) and len(real) == 3 and zs[3].imag < 0 < zs[4].imag


def test_complex_resolvent_solves_its_system():
    a, b = A3, B3
    out = cr.companion_resolvent(a, b, F(1, 3), F(1, 5), prec=PREC)
    with precision(PREC):
        x = out[:3]
        z0 = flint.acb(flint.fmpq(1, 3), flint.fmpq(1, 5))
        first = x[0] + z0 * sum(flint.fmpq(c.numerator, c.denominator) * xi for c, xi in zip(a, x))
        assert (first - 1).contains(0) and abs(first - 1) < flint.arb(10) ** -55
        assert all((x[i] - z0 * x[i - 1]).contains(0) for i in range(1, 3))
    assert out[3:6] == [flint.fmpq(c.numerator, c.denominator) for c in a]
    x0 = cr.companion_resolvent(a, b, F(1, 3), 0)[0]  # real z_0: an exact fmpq, 1/a(z_0)
    assert F(int(x0.p), int(x0.q)) == 1 / (1 + sum(c * F(1, 3) ** (i + 1) for i, c in enumerate(a)))


def test_rtf_py_routes_meet_the_mpmath_emulation():
    for L, h0 in ((7, 0), (8, F(1, 2))):
        for route, variant in ((cr.rtf_py_get_k, "v1"), (cr.rtf_py_get_k2, "v2")):
            with mpmath.workdps(60):
                ref = nk.rtf_py_kernel(B3, A3, L, h0=h0, variant=variant, dps=60)
                assert _close(route(A3, B3, L, h0, prec=PREC), ref)


def test_recurrent_outputs_with_feedthrough_are_the_difference_equation():
    u = [1, F(-1, 2), 2, 0, F(3, 7)]
    with mpmath.workdps(60):
        ref = nk.iir(B3, A3, u, h0=F(1, 3), dps=60)
    got = cr.recurrent_outputs(A3, B3, u, F(1, 3))
    with mpmath.workdps(60):
        assert all(abs(mpmath.mpf(int(g.p)) / int(g.q) - r) < mpmath.mpf(10) ** -50 for g, r in zip(got, ref))


def test_bin_product_equals_the_determinant():
    P, D = cr.bin_product_and_determinant([F(1, 3), F(-1, 2), F(1, 5)], 5, prec=PREC)
    with precision(PREC):
        assert P.contains(D) and P.real.rad() < flint.arb(10) ** -50


@pytest.mark.parametrize("call, name", [
    (lambda: cr.alias_sum([0.5], [1], 4), "a"),
    (lambda: cr.fft_kernel([F(1, 2)], [1, 2], 4), "same positive length"),
    (lambda: cr.feedthrough_difference(A3, B3, F(1, 2), 3), "L"),
    (lambda: cr.rtf_py_get_k(A3, B3, -1), "L"),
    (lambda: cr.realisation_coefficients([[1, 2], [3]], [1, 1], [1, 1]), "A"),
    (lambda: cr.realisation_coefficients([[1, 2], [3, 4]], [1], [1, 1]), "B"),
    (lambda: cr.proof_ingredients([[1, 0], [0, 1]], [[1], [2]], [[1, 2, 3]], [[1]], [1], [1], 2), "U"),
    (lambda: cr.montel_bound([F(1, 2)], 1.5), "r"),
    (lambda: cr.companion_eigenvalues([1, 0]), "a_d"),
    (lambda: cr.both_conventions(A3, B3, "1", [1]), "h0"),
])
def test_bad_input_raises_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
