"""What the HiPPO verdicts rest on (issue #20): declared scopes, evidence kinds, computed derivation steps,
statements that take their parameters, and the convergence tables of the limit claims.

Each test shows that the evidence bites: a wrong step, a wrong limit or a wrong quote fails."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
import sympy
from helpers import assert_caught
from mpmath import mp
from sympy import Eq, Matrix, Rational, Symbol, Tuple

import proofs
from numerics import hippo as nh
from numerics.hippo import routes as chk
from proofs import hippo as H
from proofs.core import Evidence
from proofs.core.checks import perturb
from proofs.core.evidence import ScopeKind
from proofs.hippo import discretization as disc
from proofs.hippo import legs_properties as props
from proofs.hippo import measures

R = proofs.registry


# --- evidence kinds and scopes ------------------------------------------------------------------------------

LIMITS = ("HIPPO-LEGS-P2", "HIPPO-FOUT-2", "HIPPO-DISC-7", "HIPPO-LEGS-P11")
REPRESENTATIVE = ("HIPPO-GEN-1", "HIPPO-FOUT-1", "HIPPO-FOUT-2", "HIPPO-FOUS-1", "HIPPO-RESCALE-1",
                  "HIPPO-LEGS-P3", "HIPPO-DISC-7")


def test_evidence_kinds_are_declared_where_the_check_is_not_an_independent_route():
    kinds = {r.key: r.evidence for r in R.select(["HIPPO"])}
    assert kinds["HIPPO-LEG-7"] is kinds["HIPPO-DISC-6"] is Evidence.POINT
    assert kinds["HIPPO-LEGS-P9-III"] is Evidence.ROUNDING and R["HIPPO-LEGS-P9-III"].quoted == 1
    assert all(kinds[k] is Evidence.CONVERGENCE for k in LIMITS)
    assert kinds["HIPPO-LEGS-1"] is Evidence.ROUTE and kinds["HIPPO-LEG-6"] is Evidence.ROUTE


@pytest.mark.parametrize("key", REPRESENTATIVE)
def test_a_proof_for_a_general_quartic_or_one_system_says_it_is_representative(key):
    scope = R[key].proof_scope()
    assert scope.kind is ScopeKind.REPRESENTATIVE and "standing for every" in str(scope)


def test_a_parameter_made_symbolic_is_proved_for_every_value():
    # GBT alpha, the step index k and the decay pair (m, n) are symbols in the proof, not example values
    assert R["HIPPO-DISC-4"].statement(N=2).free_symbols >= {disc.ALPHA, props.EPS}
    assert props.K_STEP in R["HIPPO-DISC-8"].statement(N=2).free_symbols
    assert props.K_STEP in R["HIPPO-DISC-9"].statement(N=2).free_symbols
    assert R["HIPPO-LEGS-P4"].statement(N=2).free_symbols == {props.M_START, props.N_END}


# --- HIPPO-LEG-7: the statement takes its parameters ----------------------------------------------------------


def test_leg7_statement_takes_n_and_k_and_a_wrong_value_off_the_examples_is_caught():
    r = R["HIPPO-LEG-7"]
    assert {s.name for s in r.statement().lhs.free_symbols} == {"n", "k"}
    assert r.statement(n=9, k=4).lhs == 1  # an instance: SymPy evaluates the left side
    with pytest.raises(ValueError, match="0 <= k < n"):
        r.statement(n=3, k=3)
    examples = [dict(e) for e in r.examples]

    def wrong(n=measures._n7, k=measures._k7):
        true = r.statement(n=n, k=k)
        at_example = {"n": n, "k": k} in examples
        return true if at_example or isinstance(n, Symbol) else perturb(true)

    rep = dataclasses.replace(r, statement=wrong).verify()
    assert not rep.passed and "numeric cross-check" in rep.message


def test_leg7_case_split_bites():
    # a left side that is not identically 1 (the bracket without its factor 2) fails on the odd class
    r = R["HIPPO-LEG-7"]
    m = measures._n7 - measures._k7
    wrong_lhs = sympy.Mod(m, 2) + (-1) ** m
    odd = wrong_lhs.subs(measures._n7, measures._k7 + 2 * measures._j + 1)
    assert odd == 0 and r.derivation().value.rhs == 1


# --- computed steps -----------------------------------------------------------------------------------------


def test_disc6_step_is_computed_from_real_and_imaginary_parts():
    d = R["HIPPO-DISC-6"].derivation()
    parts = d.steps[0].expr
    assert parts.shape == (2, 2) and d.value.rhs == 2 * props.EPS * disc._a
    assert sympy.expand(parts[0, 0] - (1 + props.EPS * disc._a / 2)) == 0
    assert_caught(R["HIPPO-DISC-6"], lambda: Eq(d.value.lhs, 2 * props.EPS * disc._a + props.EPS * disc._b,
                                                  evaluate=False), by="symbolic")


def test_legs3_and_fout3_steps_show_computed_objects_not_typed_text():
    for key, case in (("HIPPO-LEGS-3", {"N": 3}), ("HIPPO-FOUT-3", {"K": 1})):
        steps = R[key].derivation(**case).steps
        assert steps and not any(isinstance(s.expr, str) for s in steps), key
    su = R["HIPPO-FOUT-3"].derivation(K=1).steps[1].expr.rhs
    c = sympy.symbols("c0:3")
    assert sympy.expand(su[0] - (-2 * sympy.pi * sympy.I * c[0] + Symbol("u_T") - sum(c)) / measures.W) == 0


def test_p9_nilpotent_series_refuses_a_matrix_that_is_not_nilpotent():
    A = Matrix([[-1, 0], [1, -2]])
    with pytest.raises(ArithmeticError, match="not nilpotent"):
        props._nilpotent_exp_b(A, Matrix([1, 1]))
    assert props._nilpotent_power(H.transition("lagt", 4)[0]).is_zero_matrix


def test_disc8_derivation_checks_the_ode_and_matches_legs_step():
    k = props.K_STEP
    d = disc._disc8_derived(3)
    assert all(s.expr.is_zero_matrix for s in d.steps[:2])
    for kk in (1, 4):
        Ab, Bb = H.legs_step(kk, 3)
        assert (d.value[0].subs(k, kk) - Ab).applyfunc(sympy.simplify).is_zero_matrix
        assert (d.value[1].subs(k, kk) - Bb).applyfunc(sympy.simplify).is_zero_matrix


def test_disc9_su_bilinear_defect_is_part_of_the_statement_and_bites():
    r = R["HIPPO-DISC-9"]
    assert r.statement(N=4, k=3)[-1] == Matrix([Rational(1, 27)])
    Ab, Bb = H.legs_step(3, 4, "su-bilinear")
    assert sympy.radsimp(Ab[0, 0] + Bb[0] - 1) == Rational(1, 27)

    def keeps_it(N, k=props.K_STEP):
        return Tuple(*r.statement(N=N, k=k)[:4], Matrix([0]))

    assert_caught(r, keeps_it, by="symbolic", bound=proofs.Bound("N", 1, 3))
    assert_caught(r, keeps_it, by="numeric", examples=r.examples[:1])


def test_legt3_numeric_check_sees_every_part_of_the_residual():
    r = R["HIPPO-LEGT-3"]

    def wrong_rc(N):
        v, Rc, ru = r.statement(N)
        return Tuple(v, Rc + sympy.ones(N, N) / 5, ru)

    assert_caught(r, wrong_rc, by="numeric", examples=r.examples[1:2])


def test_p3_derivation_integrates_the_scaled_input_over_zero_to_t():
    d = props._p3_derived(2)
    assert props._TAU in d.steps[0].expr.free_symbols
    # the statement at alpha = 1 would be c[u](t): a wrong claim the tau-integral catches
    r = R["HIPPO-LEGS-P3"]
    assert_caught(r, lambda n: props._legs_coeff(props._U4.subs(props._r, props._TT * props._r), n),
                  by="symbolic", bound=proofs.Bound("n", 0, 2))


def test_p4_telescoping_proof_is_general_in_m_and_n():
    r = R["HIPPO-LEGS-P4"]
    at = r.statement(N=3).subs({props.M_START: 3, props.N_END: 7})
    assert (at - r.statement(N=3, m=3, n=7)).applyfunc(sympy.expand).is_zero_matrix
    with pytest.raises(ValueError, match="1 <= m < n"):
        r.statement(N=2, m=5, n=5)
    assert_caught(r, lambda N, m=props.M_START, n=props.N_END: props._closed_function(N, lambda lam: (n / m) ** (lam - 1)),
                  by="symbolic", bound=proofs.Bound("N", 1, 2))


def test_fous3_input_vector_is_computed():
    with mp.workdps(30):
        B = R["HIPPO-FOUS-3"].numeric(dps=30, N=3)[1]
        assert all(abs(B[j] - 1) < mp.mpf(10) ** -28 for j in range(3))
        assert B[1] == nh.analysis("fous", 1, 1)


# --- discretize / legs_step with symbolic parameters -------------------------------------------------------


def test_symbolic_alpha_and_k_are_accepted_and_bad_values_still_refused():
    A, B = H.transition("legs", 3)
    G = H.discretize(A, B, props.EPS, "gbt", alpha=disc.ALPHA)
    for a in (0, Rational(1, 2), 1):
        sub = G[0].subs(disc.ALPHA, a)
        ref = H.discretize(A, B, props.EPS, "gbt", alpha=a)[0]
        assert (sub - ref).applyfunc(sympy.simplify).is_zero_matrix
    with pytest.raises(ValueError, match=r"alpha in \[0, 1\]"):
        H.discretize(A, B, props.EPS, "gbt", alpha=Symbol("a"))  # not declared nonnegative
    Ab, _ = H.legs_step(props.K_STEP, 3, "backward")
    assert (Ab.subs(props.K_STEP, 2) - H.legs_step(2, 3, "backward")[0]).applyfunc(sympy.simplify).is_zero_matrix
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        H.legs_step(Symbol("k"), 3)  # a symbol not declared integer and positive


# --- convergence tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", LIMITS)
def test_limit_claims_come_with_a_table_that_approaches_the_claimed_limit(key):
    table = R[key].convergence_table(30)
    assert table.passed, table.reason
    assert len(table.rows) >= 4 and table.rate > 0.5


@pytest.mark.parametrize("key", LIMITS)
def test_a_wrong_limit_fails_its_convergence_table(key):
    r = R[key]
    table = r.perturbed().convergence_table(30)
    assert not table.passed and table.reason


def test_fout2_table_input_has_the_endpoint_values_of_the_linear_part():
    pt = R["HIPPO-FOUT-2"].examples[0]
    T, w, a0, a1 = (Fraction(pt[k]) for k in ("T", "w", "a0", "a1"))
    u = lambda x: a0 + a1 * x + (x - T) * (x - T + w)  # noqa: E731
    assert u(T) == a0 + a1 * T and u(T - w) == a0 + a1 * (T - w)
    with mp.workdps(30):
        # the exact coefficients agree with quadrature
        coeffs = [a0 + a1 * (T - w), a1 * w - w * w, w * w]
        c3 = chk.poly_fourier_coefficient(coeffs, 3)
        q = mp.quad(lambda s: (mp.mpf(coeffs[0].numerator) / coeffs[0].denominator
                               + mp.mpf(coeffs[1].numerator) / coeffs[1].denominator * s
                               + mp.mpf(coeffs[2].numerator) / coeffs[2].denominator * s * s)
                    * mp.expjpi(-6 * s), [0, 1])
        assert abs(c3 - q) < mp.mpf(10) ** -25


def test_p11_table_is_the_measured_error_scaled_by_the_bound():
    rows = chk.legs_lipschitz_table((4, 8), Rational(2), Rational(2, 3))
    errs, _ = chk.legs_lipschitz_errors((4, 8), Rational(2), Rational(2, 3))
    assert [n for n, _ in rows] == [4, 8]
    with mp.workdps(30):
        assert abs(rows[1][1] - errs[1] * mp.sqrt(8) / 2) < mp.mpf(10) ** -25


# --- quoted rounding ----------------------------------------------------------------------------------------


def test_p9iii_is_a_quoted_rounding_of_the_measurement():
    r = R["HIPPO-LEGS-P9-III"]
    rep = r.verify()
    assert rep.passed and rep.quoted == (1, 1)
    measured = r.numeric(dps=30)
    assert 0.35 < measured[0] < 0.45 and 0.25 < measured[1] < 0.35  # unrounded (about 0.38 and 0.27)
    bad = dataclasses.replace(r, statement=lambda: Tuple(Eq(Symbol("delta_8"), Rational(4, 10), evaluate=False),
                                                          Eq(Symbol("delta_32"), Rational(2, 10), evaluate=False)))
    rep = bad.verify()
    assert not rep.passed and "NOT the precise value rounded" in rep.message


# --- the LagT pair by quadrature (the numeric route of HIPPO-LEGS-P9 no longer uses proofs.hippo) ----------


def test_lagt_matrix_by_gauss_laguerre_quadrature_matches_both_variants():
    from hippo_support import mpm

    from numerics.hippo.bases import laguerre_all_with_derivatives

    with mp.workdps(40):
        for half, measure in ((False, "lagt"), (True, "lagt-half")):
            A, B = nh.lagt_matrix(5, half=half, dps=40)
            tA, tB = (mpm(M) for M in H.transition(measure, 5))
            assert mp.mnorm(A - tA, 1) < mp.mpf(10) ** -35 and mp.mnorm(B - tB, 1) < mp.mpf(10) ** -35
        y = mp.mpf(7) / 3
        vals, ders = laguerre_all_with_derivatives(6, y)
        assert all(abs(d - mp.diff(lambda q, n=n: mp.laguerre(n, 0, q), y)) < mp.mpf(10) ** -30
                   for n, d in enumerate(ders))
        assert all(abs(v - mp.laguerre(n, 0, y)) < mp.mpf(10) ** -35 for n, v in enumerate(vals))


def test_disc8_ode_residuals_bite():
    ratio = disc._T / disc._T0
    lams = [-1, -2]
    good = disc._step_residuals(lams, [ratio**lam for lam in lams], [(ratio**lam - 1) / lam for lam in lams])
    assert good.is_zero_matrix
    # the input term without its -1 (so psi(t0) != 0) and phi with the wrong exponent both show up
    bad = disc._step_residuals(lams, [ratio ** (lam - 1) for lam in lams], [ratio**lam / lam for lam in lams])
    assert not bad[:, 0].is_zero_matrix and not bad[:, 3].is_zero_matrix
