"""The annealed approximation and Gaussian scores (ENT-A10, A12, A13): closed forms against golden values (G4), the
Laplace limit g(lambda) and Su's 0.24, the PD and REM values, the domain edges, and fuzz-found regressions."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from mpmath import mp
from sympy import Eq, Rational, Symbol, log, sqrt

from numerics import entropy as ne
from proofs import entropy as ent
from proofs import registry

F = Fraction


def test_annealed_golden_values():
    assert close(ent.annealed_entropy("uniform", 1, 1), "-0.0406518522564083154066456501763", 31)
    assert close(ent.annealed_entropy("uniform", 1, 10), "-1.30308451386451305091078550365", 29)
    assert close(
        ent.annealed_entropy("exponential", 1, Rational(1, 2)), "-0.306852819440054690582767878542", 30
    )
    assert ent.annealed_entropy("gaussian", 5, 3, sigma=2) == log(5) - 18
    g4 = {
        (64, Rational(1, 8)): "-0.007640535310090385377035705",
        (1024, Rational(1, 2)): "-0.09414049889454277546879169",
        (64, 1): "-0.2417718775036576694955156",
        (1024, 4): "-0.755403775991267373593073",
    }
    for (d, lam), gold in g4.items():
        # relative agreement (23 digits): the values run from -7.6e-3 to -0.76
        assert close(ent.annealed_entropy("sphere", 1, lam, d=d) / d / Rational(gold), 1, 23)
        with mpmath.workdps(30):
            assert close(ne.annealed_entropy_quad("sphere", 1, lam, d=d, dps=30) / d / mp.mpf(gold), 1, 23)
    assert close(ent.annealed_entropy("sphere", 1, Rational(1, 8), d=64), "-0.48899425984578466413", 19)
    assert close(
        ent.annealed_entropy("sphere", 1, Rational(1, 64), d=4096), "-0.49981708302686365883545", 19
    )


def test_laplace_rate_golden_and_richardson_limit():
    for lam, gold in (
        (Rational(1, 8), "-0.0076355027906326829965632408455"),
        (Rational(1, 2), "-0.0941132032297988579076886017608"),
        (1, "-0.240605912529801723748879456712"),
        (2, "-0.470306821053604381181006835623"),
        (4, "-0.755485554020666681380091890311"),
    ):
        assert close(ent.laplace_rate(lam) / Rational(gold), 1, 29)  # relative: down to -7.6e-3
    assert close((sqrt(5) - 1) / 2, "0.61803398874989484820458683436563812", 34)
    assert close(-1 / ent.laplace_rate(1), "4.15617384247005507520264521224", 28)
    for lam in (
        Rational(1, 2),
        1,
    ):  # d -> oo limit from d = 1024, 4096, 16384 (about 1e-13, spec tolerance 1e-10)
        assert close(ne.laplace_rate_extrapolated(lam) / ent.laplace_rate(lam), 1, 10)  # relative


def test_laplace_rate_at_zero_is_the_limit_of_its_closed_form():
    # g(0) is set apart in laplace_rate (c*/lambda is 0/0 there); it must be the lambda -> 0+ limit
    lam = Symbol("lam", positive=True)
    assert sympy.limit(ent.laplace_rate(lam), lam, 0, "+") == ent.laplace_rate(0) == 0
    assert ne.laplace_rate_opt(0) == 0


def test_pd_and_rem_golden():
    for m, gold in (
        (Rational(3, 10), "0.642807888796401754142095154479"),
        (Rational(1, 2), "1.38629436111989061883446424292"),
        (Rational(7, 10), "2.92530855729860012835798241729"),
    ):
        assert close(ent.pd_entropy(m) / Rational(gold), 1, 29)  # relative, as for the next one
        with mpmath.workdps(40):
            assert close(ne.pd_entropy_quad(m, dps=35) / mp.mpf(gold), 1, 29)
    assert sympy.simplify(ent.pd_entropy(Rational(1, 2)) - log(4)) == 0
    assert close(ne.gaussian_max_centring(2**14), "3.86028196405989121161677565371", 29)
    c4 = registry["ENT-A12-C4"]
    assert close(c4.statement(n=512).rhs[1], "0.839700551012337399182230591", 27)
    assert close(c4.statement(n=65536).rhs[1], "0.715023201799710931879521050666", 29)
    assert close(c4.statement().rhs[2], "77.8333882547486307960706092649", 28)
    with mpmath.workdps(30):
        for d, gold in ((64, "39.90"), (128, "1592.1")):
            assert abs(mp.exp(ne.raw_law_optimum(d, F(25, 6), dps=30)) - mp.mpf(gold)) < mp.mpf("0.06")


def test_domain_edges_of_the_annealed_exponential_law_and_the_sphere_stationarity():
    from proofs.entropy import annealed_entropy
    from proofs.entropy.heuristics import cosine_stationarity

    with pytest.raises(ValueError, match="lam must be < 1"):
        annealed_entropy("exponential", 8, Rational(3, 2))  # the MGF diverges for every lam >= 1
    assert sympy.expand_log(annealed_entropy("exponential", 8, Rational(1, 2)) - log(16) + 1, force=True) == 0
    assert isinstance(cosine_stationarity(alpha=2, d=2), Eq)  # d = 2 (the circle) is in the domain
    with pytest.raises(ValueError, match="d must be >= 2"):
        cosine_stationarity(alpha=2, d=1)


def test_pd_series_summed_side_equals_the_digamma_difference():
    # the m-form of ENT-A12b states a whole series; its own Sum (summand and start index) is summed here
    # by mpmath and must equal psi(1) - psi(1 - m)
    from proofs.entropy.gaussian_scores import pd_series

    for m in (sympy.Rational(1, 2), sympy.Rational(1, 5)):
        stmt = pd_series(m=m)
        (j, lo, hi), term = stmt.lhs.limits[0], sympy.lambdify(stmt.lhs.limits[0][0], stmt.lhs.function, "mpmath")
        assert hi == sympy.oo
        with mpmath.workdps(30):
            summed = mpmath.nsum(term, [int(lo), mpmath.inf])
            assert abs(summed - mpmath.mpf(str(sympy.N(stmt.rhs, 40)))) < mpmath.mpf(10) ** -25


@pytest.mark.parametrize("lam", [10, 100, 10**4, 10**7])
def test_gaussian_annealed_entropy_quad_for_a_large_tilt(lam):
    # the untilted normaliser was integrated about the tilted peak, so it missed the mass at 0:
    # lam = 100 gave -1273.35 instead of ln 8 - 5000 (found while fixing the 1e300 crash)
    import mpmath

    from numerics.entropy import annealed_entropy_quad

    got = annealed_entropy_quad("gaussian", 8, lam, dps=15)
    with mpmath.workdps(30):
        exact = mpmath.log(8) - mpmath.mpf(lam) ** 2 / 2
    assert abs(got - exact) <= mpmath.mpf(10) ** -13 * abs(exact)


def test_a_gaussian_tilt_too_large_to_resolve_raises_value_error():
    # found by the fuzz test (tests/test_regressions.py before the split): lam = 1e300 crashed the quadrature
    with pytest.raises(ValueError, match="at most"):
        ne.annealed_entropy_quad("gaussian", 8, 1e300, dps=15)


def test_su_constant_024_is_not_g1():
    assert_caught(registry["ENT-A10F"], lambda lam=None: Eq(Symbol("g"), -Rational(24, 100) * (lam or 1)),
                  by="numeric", examples=[{"lam": 1}], dps=50)
