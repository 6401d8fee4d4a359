"""Evidence of ENT-A1 .. A13 (softmax, two-level, annealed, sphere, Gaussian scores): general proofs that bite,
convergence tables of the limit claims (and that a wrong limit fails them), and the exact finite-n expected
entropy of Gaussian scores behind the REM tables."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from mpmath import mp
from sympy import Eq, Matrix, Rational, Symbol, log

from numerics import entropy as ne
from numerics.entropy import rem
from proofs import registry
from proofs.core import Evidence
from proofs.entropy import softmax as sm

F = Fraction


# --- the exact finite-n expected entropy of Gaussian scores (numerics.entropy.rem) ---------------------------


def test_expected_entropy_edge_cases_are_exact():
    assert rem.gaussian_expected_entropy(1, 3) == 0  # one score: p = (1)
    with mpmath.workdps(30):
        assert close(rem.gaussian_expected_entropy(10**6, 0), mp.log(10**6), 24)  # lambda = 0: uniform


def test_expected_entropy_at_n_2_and_3_against_direct_quadrature():
    # n = 2: H = h_b(sigmoid(lam D)) with D = S1 - S2 ~ N(0, 2), a one-dimensional integral
    lam = mp.mpf(3) / 2
    with mpmath.workdps(30):
        def hb2(d):
            return ne.softmax_entropy([0, d], lam, dps=30)

        ref2 = mp.quad(lambda d: hb2(d) * mp.npdf(d, 0, mp.sqrt(2)), [-mp.inf, -4, 0, 4, mp.inf])
        assert close(rem.gaussian_expected_entropy(2, lam), ref2, 15)
    # n = 3: the entropy of softmax(lam (0, a, b)) averaged over the differences a = S2 - S1, b = S3 - S1
    with mpmath.workdps(15):
        def h3(a, b):
            return ne.softmax_entropy([0, a, b], lam, dps=15)

        cov = mp.matrix([[2, 1], [1, 2]])
        inv, det = cov**-1, mp.det(cov)

        def density(a, b):
            q = a * a * inv[0, 0] + 2 * a * b * inv[0, 1] + b * b * inv[1, 1]
            return mp.exp(-q / 2) / (2 * mp.pi * mp.sqrt(det))

        ref3 = mp.quad(lambda a, b: h3(a, b) * density(a, b), [-9, 0, 9], [-9, 0, 9])
    assert close(rem.gaussian_expected_entropy(3, lam, dps=15), ref3, 9)


@pytest.mark.parametrize("x, n", [(F(9, 10), 10**40), (2, 10**16)])
def test_expected_entropy_quadrature_is_converged(x, n):
    lam = mp.mpf(x.numerator if isinstance(x, F) else x) / (x.denominator if isinstance(x, F) else 1)
    lam *= mp.sqrt(2 * mp.log(n))
    a = rem.gaussian_expected_entropy(n, lam)
    b = rem.gaussian_expected_entropy(n, lam, degree=4)
    assert close(a, b, 14)


def test_expected_entropy_matches_monte_carlo_scale_at_a_million():
    # the audit's Monte Carlo estimate at n = 10^6, x = 0.9 was E[H]/ln n = 0.35 +- 0.02
    rows = dict(rem.rem_density_finite_n(F(9, 10), ns=(10**6,)))
    assert abs(rows[10**6] - mp.mpf("0.35")) < mp.mpf("0.02")


def test_rem_route_validates_its_input():
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        rem.gaussian_expected_entropy(0, 1)
    with pytest.raises(ValueError, match="x must lie in the open interval"):
        rem.rem_density_finite_n(1)
    with pytest.raises(ValueError, match="m must lie in the open interval"):
        rem.pd_entropy_finite_n(F(3, 2))
    with pytest.raises(ValueError, match="degree"):
        rem.gaussian_expected_entropy(10, 1, degree=9)


# --- convergence tables: the right limit passes, a wrong one fails -------------------------------------------


def _table_with_statement(key, statement, **changes):
    result = dataclasses.replace(registry[key], statement=statement, **changes)
    return result.convergence_table(50)


def test_rem_density_table_approaches_one_minus_x_squared_and_rejects_a_nearby_limit():
    result = registry["ENT-A12A"]
    assert result.evidence is Evidence.CONVERGENCE
    table = result.convergence_table(50)
    assert table.passed, table.reason
    assert float(table.rows[0][1]) > 0.48 and abs(float(table.rows[-1][1]) - 0.19) < 1e-4
    # the same table against 1 - x^2 + 1/100 (the values pass it): fails
    wrong = _table_with_statement("ENT-A12A", lambda x=None: Eq(Symbol("H/ln n"), Rational(101, 100) - x**2))
    assert not wrong.passed


def test_rem_density_at_x_one_half_converges_like_n_to_the_minus_one_half():
    result = dataclasses.replace(registry["ENT-A12A"], examples=({"x": F(1, 2)},))
    rows = rem.rem_density_finite_n(F(1, 2), ns=(10**2, 10**6, 10**16, 10**30))
    from proofs.core.evidence import convergence_table

    table = convergence_table(result.convergence, rows, mp.mpf(3) / 4)
    assert table.passed and abs(table.rate - 0.5) < 0.1, table.lines()


def test_pd_table_approaches_the_poisson_dirichlet_mean_entropy_and_rejects_ln_4_plus():
    table = registry["ENT-A12B"].convergence_table(50)
    assert table.passed, table.reason
    wrong = _table_with_statement("ENT-A12B", lambda m=None: Eq(Symbol("E[H_PD]"), log(4) + Rational(1, 20)))
    assert not wrong.passed


@pytest.mark.parametrize("key, wrong, shift", [
    ("ENT-A10F", lambda lam=None: Eq(Symbol("g"), -Rational(24, 100)), None),  # Su's 0.24 is not the limit
    ("ENT-A10C-LIM", None, Rational(1, 1000)),
    ("ENT-A8C-EPS", None, Rational(1, 1000)),
    ("ENT-A13-MILLS", None, Rational(1, 20)),  # the table resolves this slow limit to about 1e-2 only
    ("ENT-A10F-SERIES", None, Rational(1, 1000)),
    ("ENT-A4", None, Rational(1, 1000)),
])
def test_limit_tables_pass_and_a_shifted_limit_fails(key, wrong, shift):
    result = registry[key]
    table = result.convergence_table(50)
    assert table.passed, (key, table.reason)
    original = result.statement

    def shifted(**case):
        stmt = original(**case)
        rhs = stmt.rhs
        off = rhs.applyfunc(lambda e: e + shift) if isinstance(rhs, sympy.MatrixBase) else rhs + shift
        return Eq(stmt.lhs, off, evaluate=False)

    import functools

    bad = _table_with_statement(key, wrong or functools.wraps(original)(shifted))
    assert not bad.passed, key


# --- general proofs that bite --------------------------------------------------------------------------------


def test_general_softmax_proofs_cover_a_symbolic_number_of_scores():
    for key in ("ENT-A1", "ENT-A2", "ENT-A3", "ENT-A3-INT", "ENT-A4-SHIFT", "ENT-A4-SCALE", "ENT-A5", "ENT-A6"):
        result = registry[key]
        assert result.bound is None and result.proof_scope().kind.value == "general", key
        stmt = result.statement()
        assert sm.NSYM in stmt.free_symbols or key in ("ENT-A4-SCALE", "ENT-A4-SHIFT", "ENT-A5"), key


def test_wrong_general_statements_fail_symbolically():
    n, k = sm.NSYM, sm.KK
    # ENT-A1 with the mean of the scores in place of the tilted mean
    z = sm._weights(None, sm.LAM)
    plain_mean = sympy.Sum(sm.SCORES[sm.IDX], (sm.IDX, 1, n)) / n
    assert_caught(registry["ENT-A1"], lambda s=None, lam=None: Eq(sm.H, log(z) - sm.LAM * plain_mean),
                  by="symbolic")
    # ENT-A5 with k kappa_k / k! (a first derivative forgotten)
    assert_caught(registry["ENT-A5"], lambda s=None, order=6: Eq(
        Matrix([Symbol("h_0"), Symbol("h_k")]), Matrix([log(n), -k * sm.KAPPA[k] / sympy.factorial(k)])),
        by="symbolic")
    # ENT-A12B-SERIES with zeta(k) in place of zeta(k + 1)
    assert_caught(registry["ENT-A12B-SERIES"], lambda k=None, m=None: Eq(
        Symbol("[m^k]"), sympy.zeta(Symbol("k", integer=True, positive=True))), by="symbolic")


def test_limits_of_a4_are_proved_for_every_k_up_to_4_and_a_wrong_limit_fails():
    result = registry["ENT-A4"]
    assert result.bound.name == "k" and result.bound.stop == 4
    m = sm.MULT

    def wrong(k=None, s=None):
        true = result.statement(k=k, s=s)
        if s is not None:
            return true
        return Eq(true.lhs, Matrix([true.rhs[0], log(m + 1)]), evaluate=False)  # the next score counted too

    assert_caught(result, wrong, by="symbolic", dps=20)


def test_weighted_rewriting_is_exact_and_keeps_simplify_away_from_a_sympy_crash():
    lam = sm.LAM
    z = sm._weights(None, lam)
    z1 = sympy.Sum(sm.SCORES[sm.IDX] * sympy.exp(lam * sm.SCORES[sm.IDX]), (sm.IDX, 1, sm.NSYM))
    expr = sympy.log(z) - lam * z1 / z
    rewritten = sm.weighted(expr)
    assert rewritten != expr and sympy.factor_terms(rewritten) == sympy.factor_terms(expr)
    assert sm.weighted(z1**2 / z**2) == sympy.Sum(z1.function / z, *z1.limits) ** 2
    # the perturbed general statement of ENT-A1 fails (and does not crash SymPy's sum simplification)
    outcome, _, message = registry["ENT-A1"].perturbed().prove()
    assert outcome == "failed" and "differ" in message


def test_grouping_and_kl_forms_are_general():
    assert registry["ENT-A9"].bound is None and registry["ENT-A9"].proof_scope().kind.value == "general"
    a10a = registry["ENT-A10A"]
    assert a10a.statement().atoms(sympy.core.function.AppliedUndef)  # a general density f
    from proofs.entropy.annealed import _general_kl

    n = Symbol("n", positive=True)
    assert_caught(a10a, lambda values=None, weights=None, n_=None, lam=None: Eq(
        Symbol("H_ann"), log(n) + _general_kl()), by="symbolic")  # the sign of the divergence flipped


def test_mills_second_limit_is_assembled_because_sympy_gets_it_wrong():
    u = Symbol("u", positive=True)
    tail = sympy.erfc(u / sympy.sqrt(2)) / 2
    assert sympy.limit(u / sympy.sqrt(2 * log(1 / tail)), u, oo_()) == 0  # SymPy's (wrong) answer
    steps = registry["ENT-A13-MILLS"].derivation().steps
    assert steps[-1].expr.rhs == 1


def oo_():
    return sympy.oo


def test_sphere_bessel_steps_are_computed():
    steps = registry["ENT-A10E"].derivation().steps
    by_caption = {s.caption.split(":")[0]: s.expr for s in steps}
    assert any(isinstance(e, Eq) and e.rhs == 0 for e in by_caption.values())  # odd moments
    assert any(isinstance(e, Eq) and e.lhs == Symbol("ratio") and e.rhs == 1 for e in by_caption.values())
    assert any(isinstance(e, Eq) and e.lhs == Symbol("M(L)") for e in by_caption.values())


def test_sphere_quadrature_on_the_circle_reaches_full_precision():
    # d = 2: the density (1 - c^2)^(-1/2) is singular at both ends; the route integrates over theta
    from sympy import N

    exact = N(registry["ENT-A10E"].statement(d=2, lam=F(1, 13), n=1).rhs, 60)
    with mpmath.workdps(60):
        got = ne.annealed_entropy_quad("sphere", 1, F(1, 13), d=2, dps=50)
        assert close(got, mp.mpf(str(exact)), 47)


def test_raw_law_optimum_by_quadrature_is_d_over_kappa_squared():
    with mpmath.workdps(40):
        for d, kappa in ((64, F(25, 6)), (7, F(3, 2))):
            got = ne.raw_law_optimum_quad(d, kappa, dps=30)
            assert close(got, mp.mpf(d) / (mp.mpf(kappa.numerator) / kappa.denominator) ** 2, 28)
    with pytest.raises(ValueError, match="must be > 0"):
        ne.raw_law_optimum_quad(0, 1)
