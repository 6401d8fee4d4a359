"""The shared-node quadrature helpers of numerics.hippo.bases agree with mpmath's own routes."""

from __future__ import annotations

import mpmath
import pytest
from mpmath import mp

from numerics.hippo.bases import laguerre_all, legendre_all, quad_each


@pytest.mark.parametrize("x", ["-1", "-0.73", "0", "0.5", "1"])
def test_legendre_family_is_mpmaths_legendre(x):
    with mpmath.workdps(60):
        got = legendre_all(33, mp.mpf(x))
        assert len(got) == 33
        for n, p in enumerate(got):
            assert abs(p - mp.legendre(n, mp.mpf(x))) <= mp.mpf(10) ** -57, (n, x)


@pytest.mark.parametrize("y", ["0", "0.25", "3", "40", "1e3"])
def test_laguerre_family_is_mpmaths_laguerre(y):
    with mpmath.workdps(60):
        for n, p in enumerate(laguerre_all(20, mp.mpf(y))):
            exact = mp.laguerre(n, 0, mp.mpf(y))
            assert abs(p - exact) <= mp.mpf(10) ** -55 * max(1, abs(exact)), (n, y)


def test_small_families_and_an_empty_one():
    assert legendre_all(0, 0.5) == [] and laguerre_all(0, 1) == []
    assert legendre_all(1, 0.5) == [1] and laguerre_all(2, 3) == [1, -2]


def test_quad_each_is_one_quad_per_component_and_evaluates_each_node_once():
    calls = []

    def values(v):
        calls.append(v)
        return [mp.sin(v), v**3, mp.exp(-v)]

    with mpmath.workdps(50):
        got = quad_each(values, [0, 1, 2], 3)
        alone = [mp.quad(f, [0, 1, 2]) for f in (mp.sin, lambda v: v**3, lambda v: mp.exp(-v))]
        for a, b in zip(got, alone):
            assert abs(a - b) <= mp.mpf(10) ** -48
        assert abs(got[1] - 4) <= mp.mpf(10) ** -48
    assert len(calls) == len(set((v, type(v)) for v in calls))  # no node computed twice


def test_legs_family_is_the_orthonormal_shifted_legendre_basis():
    from numerics.hippo.bases import legs_all

    with mpmath.workdps(50):
        r = mp.mpf("0.3")
        for n, g in enumerate(legs_all(9, r)):
            assert abs(g - mp.sqrt(2 * n + 1) * mp.legendre(n, 2 * r - 1)) <= mp.mpf(10) ** -47


def test_gauss_legendre_rule_agrees_on_entire_integrands_and_bad_rules_are_refused():
    import numerics.hippo as nh
    from numerics.hippo.routes import fourier_partial_sum

    def values(v):
        return [mp.cos(3 * v), v**7 - v]

    with mpmath.workdps(50):
        gl = quad_each(values, [0, 1, 2], 2, method="gauss-legendre")
        ts = quad_each(values, [0, 1, 2], 2)
        assert all(abs(a - b) <= mp.mpf(10) ** -48 for a, b in zip(gl, ts))
    u = lambda v: 1 + v**2  # noqa: E731
    for measure in ("legs", "lagt"):  # lagt: the infinite tail keeps tanh-sinh
        a = nh.project(u, 2, 4, measure, dps=50, method="gauss-legendre")
        b = nh.project(u, 2, 4, measure, dps=50)
        assert max(abs(x - y) for x, y in zip(a, b)) <= mp.mpf(10) ** -45
    with pytest.raises(ValueError, match="method must be one of 'tanh-sinh', 'gauss-legendre', got 'simpson'"):
        nh.project(u, 2, 4, "legs", method="simpson")
    with pytest.raises(ValueError, match="method must be one of"):
        nh.project_derivative(u, 2, 4, "lagt", method=None)
    with pytest.raises(ValueError, match="method must be one of"):
        fourier_partial_sum(u, 2, 2, 1, method="gl")


def test_real_fourier_basis_is_convention_9_and_shared_by_fout_and_its_forward_reading():
    from numerics.hippo import routes
    from numerics.hippo.bases import fourier_real
    from numerics.hippo.projection import analysis

    assert routes.fourier_real_forward is fourier_real  # one implementation, read at r or at s = 1 - r
    with mpmath.workdps(40):
        s = mp.mpf(3) / 10
        expected = [1, 0, mp.sqrt(2) * mp.cos(2 * mp.pi * s), mp.sqrt(2) * mp.sin(2 * mp.pi * s),
                    mp.sqrt(2) * mp.cos(4 * mp.pi * s), mp.sqrt(2) * mp.sin(4 * mp.pi * s)]
        for n, e in enumerate(expected):
            assert abs(fourier_real(n, s) - e) <= mp.mpf(10) ** -38, n
            assert analysis("fout", n, s) == fourier_real(n, s)
