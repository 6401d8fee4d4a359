"""RTF pillar: poles and stability (RTF-POLE-1, RTF-MONTEL-1): golden poles G-R1, the Montel condition and
its counterexample G-R5, stability as roots of a(z) outside the unit disk.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from numerics.rational import routes
from proofs.rational.instances import coefficient_vectors

from rtf_data import A1, agree


def test_golden_r1_poles():
    with mpmath.workdps(50):
        poles = routes.sort_roots(routes.chi_roots(A1))
        want = routes.sort_roots([mp.mpf("-0.8649134162332512300493085"),
                                  mp.mpc("0.1824567081166256150246543", "-0.2869286655719364714807948"),
                                  mp.mpc("0.1824567081166256150246543", "0.2869286655719364714807948")])
        assert agree(poles, want) >= 24


def test_golden_r5_montel_counterexample():
    a = [F(-9, 5), F(81, 100)]
    assert sum(abs(x) for x in a) == F(261, 100)
    with mpmath.workdps(50):
        roots = routes.chi_roots(a)
        assert max(abs(r - mp.mpf("0.9")) for r in roots) < mp.mpf(10) ** -20  # double root: ~half the digits


LARGEST_MONTEL_MODULUS: list[float] = []


@settings(max_examples=25)
@given(st.integers(1, 10).flatmap(lambda d: coefficient_vectors(d, stable=True)))
def test_montel_condition_gives_stable_roots(a):
    with mpmath.workdps(30):
        rho = max(abs(r) for r in routes.chi_roots(a)) if any(a) else mp.mpf(0)
        assert rho < 1
        LARGEST_MONTEL_MODULUS.append(float(rho))


def test_montel_largest_modulus_observed_is_recorded():
    """EMPIRICAL: the largest root modulus seen under sum|a_i| < 1 (reported, not a claim)."""
    with mpmath.workdps(30):
        # near the boundary sum|a| -> 1 the modulus approaches 1 (a = (-(1 - eps)) has the root 1 - eps)
        rho = max(abs(r) for r in routes.chi_roots([F(-999, 1000)]))
    assert rho < 1
    print(f"largest observed root modulus under sum|a|<1: {max(LARGEST_MONTEL_MODULUS + [float(rho)]):.6f}")


@settings(max_examples=10)
@given(st.integers(1, 6).flatmap(lambda d: st.booleans().flatmap(lambda s: coefficient_vectors(d, stable=s))))
def test_poles_and_stability(a):
    if a[-1] == 0:
        return
    with mpmath.workdps(30):
        chi = routes.chi_roots(a)
        rho = max(abs(r) for r in chi)
        coeffs = [mp.mpf(F(x).numerator) / F(x).denominator for x in reversed([1] + list(a))]
        zero_roots = mp.polyroots(coeffs, maxsteps=200, extraprec=200)
        outside = min(abs(r) for r in zero_roots) > 1
        assert (rho < 1) == outside or abs(rho - 1) < mp.mpf(10) ** -20
        assert agree(routes.sort_roots(chi), routes.sort_roots([1 / r for r in zero_roots]), 30) >= 20
