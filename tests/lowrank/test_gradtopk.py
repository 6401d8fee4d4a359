"""GradTopK (spec ``lowrank.md`` 2.3, LOWR-TOPK-1 .. 6): golden numbers G-L4 and G-L7, pitfalls 5, 6, 7 and 9,
the agreement of the routes, the soft-sum bounds, and the errors of the API contract.

The registry tests (tests/test_registry.py, tests/test_planted.py) verify and perturb every LOWR-TOPK result;
this file checks what is not one registered identity.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from numerics.agree import to_mp
from numerics.lowrank import gradtopk as ng
from numerics.strategies import score_vectors
from proofs import registry
from proofs.lowrank import gradtopk as pg

X = [3, 2, 1, 4]


def matches(value, printed: str) -> bool:
    """``value`` equals the printed decimal to half a unit in its last place."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    with mpmath.workdps(60):
        return abs(mp.mpf(value) - mp.mpf(printed)) <= mp.mpf(5) * mp.mpf(10) ** -(decimals + 1)


# --- G-L4 ------------------------------------------------------------------------------------------

GL4_P = ("0.694413304626558987471267037387856812", "0.305586695373441012528732962612143188",
         "0.119202922022117555940270858697603205", "0.880797077977882444059729141302396795")
GL4_P_HALF = ("0.868923302182959662848439378726118789", "0.131076697817040337151560621273881211",
              "0.0179862099620915580267931379495384249", "0.982013790037908441973206862050461575")


@pytest.mark.parametrize("method", ng.TOPK_METHODS)
@pytest.mark.parametrize("tau, printed", [(1, GL4_P), (F(1, 2), GL4_P_HALF)])
def test_golden_gl4_probabilities(method, tau, printed):
    p = ng.smooth_topk_esp(X, 2, tau, dps=50, method=method)
    assert all(matches(v, s) for v, s in zip(p, printed))
    exact = pg.smooth_topk_esp(X, 2, tau)
    assert all(matches(sympy.N(v, 50), s) for v, s in zip(exact, printed))


def test_golden_gl4_closed_forms_are_the_exact_gradtopk():
    e = sympy.E
    den = (e**2 + e + 1) * (e**2 + 1)
    closed = [e * (e**3 + e + 1) / den, (e**3 + e**2 + 1) / den, 1 / (e**2 + 1), e**2 / (e**2 + 1)]
    for got, want in zip(pg.smooth_topk_esp(X, 2), closed):
        assert sympy.simplify(got - want) == 0


def test_golden_gl4_soft_sum_and_jacobian():
    assert matches(ng.soft_topk_sum(X, 2, dps=50), "7.53453397548735280092664671090337488")
    assert matches(ng.soft_topk_sum(X, 2, F(1, 2), dps=50), "7.08054077820885463477391682385982935")
    e = sympy.E
    exact = sympy.log(pg.elementary_symmetric([sympy.exp(v) for v in X], 2))
    assert matches(sympy.N(exact, 50), "7.53453397548735280092664671090337488")
    assert matches(sympy.N(3 + sympy.log(e**2 + e + 1) + sympy.log(e**2 + 1), 50),
                   "7.53453397548735280092664671090337488")
    jac = ng.smooth_topk_esp_jacobian(X, 2, dps=50)
    assert matches(jac[3, 3], "0.104993585403506517348624184760425361")
    assert matches(jac[3, 2], "-0.0256949196263614700340951264881129969")
    exact = pg.smooth_topk_esp_jacobian(X, 2)
    assert sympy.simplify(exact[3, 3] - e**2 / (e**2 + 1) ** 2) == 0
    assert sympy.simplify(exact[3, 2] + e**3 / ((e**2 + 1) ** 2 * (e**2 + e + 1))) == 0


# --- G-L7 and pitfall 7 ------------------------------------------------------------------------------

GL7 = ("0.500022697903821191968640556117", "0.0000227020258477166533995086371554",
       "0.00000000103067038107643593717028875466", "1.49995459903966071030152399808")


def test_golden_gl7_weighted_softmax_at_tau_one_tenth_and_its_limit():
    p = ng.weighted_softmax_iteration(X, 2, F(1, 10), dps=50)
    assert all(matches(v, s) for v, s in zip(p, GL7))
    assert pg.weighted_softmax_limit(X) == [sympy.Rational(1, 2), 0, 0, sympy.Rational(3, 2)]
    assert close(ng.weighted_softmax_cold(X, 2, dps=50), [F(1, 2), 0, 0, F(3, 2)], 45)


def test_pitfall_7_fixed_precision_loses_the_weight_and_the_api_keeps_it():
    with mpmath.workdps(50):  # the iteration run naively at dps 50, tau = 1e-3
        naive = ng._weighted_softmax_steps([mp.mpf(v) for v in X], 2, mp.mpf("1e-3"))
    assert close(naive, [1, 0, 0, 1], 40)
    kept = ng.weighted_softmax_iteration(X, 2, F(1, 1000), dps=50)
    assert close(kept, [F(1, 2), 0, 0, F(3, 2)], 40)


def test_a_claimed_top_k_limit_for_the_weighted_softmax_is_caught():
    # the tempting wrong claim: the iteration tends to T_2(x), as GradTopK does
    result = registry["LOWR-TOPK-6"]

    def wrong(case=None, x=None, k=None):
        true = result.statement(case=case, x=x, k=k)
        point = pg._T6_CASES[case]["x"] if case is not None else x
        return sympy.Eq(true.lhs, sympy.Matrix(pg.topk_multihot(point, 2)), evaluate=False)

    assert_caught(result, wrong, by="symbolic")


# --- pitfall 6 (LOWR-TOPK-4-FLOAT) -------------------------------------------------------------------------


def test_pitfall_6_su_recursion_fails_in_float64():
    lin = ng.su_recursion_float64([0, -40, -41, -42], 2)
    assert lin[0] == 0.0 and [round(v, 2) for v in lin[1:]] == [1.33, 0.49, 0.18]
    lin3 = ng.su_recursion_float64([50, 0, -1, -2, -3], 3)
    assert abs(lin3[0] - 3) < 1e-12 and all(abs(v) < 1e-12 for v in lin3[1:])
    assert all(math.isnan(v) for v in ng.su_recursion_float64([50, 0, -1, -2, -3], 3, space="log"))


@pytest.mark.parametrize("x, k, want", [([0, -40, -41, -42], 2, [1, 0.665, 0.245, 0.090]),
                                        ([50, 0, -1, -2, -3], 3, [1, 0.881, 0.694, 0.306, 0.119])])
def test_pitfall_6_the_dp_on_the_remaining_entries_is_accurate_in_float64(x, k, want):
    got = ng.dp_remaining_float64(x, k)
    truth = ng.smooth_topk_esp(x, k, dps=30)
    assert all(abs(g - float(t)) <= 1e-14 * max(1.0, float(t)) for g, t in zip(got, truth))
    assert [round(v, 3) for v in got] == want


def test_pitfall_6_result_registers_the_failure_and_the_correction():
    rep = registry["LOWR-TOPK-4-FLOAT"].verify()
    assert rep.passed and rep.status.value == "EMPIRICAL"
    assert ng.float64_outcome([0, -40, -41, -42], 2) == [1, 1, 1]
    assert ng.float64_outcome([0, -1, -2, -3], 2) == [0, 0, 1]  # no dominant entry: the recursion is fine


# --- pitfalls 5 and 9, the limits ---------------------------------------------------------------------


def test_pitfall_5_ties_undefine_the_operator_and_split_in_the_limit():
    with pytest.raises(ValueError, match="tie at the k-th position"):
        pg.topk_multihot([3, 3, 1, 5], 2)
    assert pg.topk_multihot([3, 2, 1, 4], 2) == [1, 0, 0, 1]
    half, third = sympy.Rational(1, 2), sympy.Rational(2, 3)
    assert pg.topk_zero_temperature_limit([3, 3, 1, 5], 2) == [half, half, 0, 1]
    assert pg.topk_zero_temperature_limit([2, 2, 2, 0, 9], 3) == [third, third, third, 0, 1]
    assert close(ng.grad_topk_cold([2, 2, 2, 0, 9], 3, dps=40), [F(2, 3)] * 3 + [0, 1], 35)
    with pytest.raises(ValueError, match="tie at the k-th position"):
        ng.topk_potential_gradient([3, 3, 1, 5], 2)


def test_pitfall_9_temperature_is_a_rescaling_and_the_jacobian_carries_one_over_tau():
    tau = F(2, 7)
    scaled = [v / tau for v in X]
    assert close(ng.smooth_topk_esp(X, 2, tau, dps=40), ng.smooth_topk_esp(scaled, 2, 1, dps=40), 38)
    j_tau = ng.smooth_topk_esp_jacobian(X, 2, tau, dps=30)
    j_one = ng.smooth_topk_esp_jacobian(scaled, 2, 1, dps=30)
    with mpmath.workdps(30):
        assert close(j_tau, j_one * tau.denominator / tau.numerator, 25)


@settings(max_examples=20, deadline=None)
@given(x=score_vectors(2, 7, bound=6), data=st.data())
def test_routes_agree_and_the_soft_sum_obeys_its_bounds(x, data):
    k = data.draw(st.integers(1, len(x) - 1), label="k")
    tau = data.draw(st.sampled_from([F(1), F(1, 3), F(5, 2)]), label="tau")
    dp = ng.smooth_topk_esp(x, k, tau, dps=30)
    assert close(dp, ng.smooth_topk_esp(x, k, tau, dps=30, method="subsets"), 25)
    with mpmath.workdps(30):
        assert close(mp.fsum(dp), k, 25) and all(0 < v < 1 for v in dp)
    order = sorted(range(len(x)), key=lambda i: x[i])
    assert all(dp[a] <= dp[b] for a, b in zip(order, order[1:]))  # order-preserving
    y = [F(abs(v)) + 1 for v in x]
    values = [ng.elementary_symmetric(y, k, dps=30, method=m) for m in ng.ESP_METHODS]
    assert close(values[0], values[1], 25) and close(values[0], values[2], 25)
    with mpmath.workdps(40):
        top = max(mp.fsum(c) for c in itertools.combinations([to_mp(v) for v in x], k))
        soft = ng.soft_topk_sum(x, k, tau, dps=40)
        slack = to_mp(tau) * mp.log(math.comb(len(x), k))
        assert top - mp.mpf(10) ** -35 <= soft <= top + slack + mp.mpf(10) ** -35


def test_k_one_is_softmax_and_k_n_is_all_ones():
    with mpmath.workdps(40):
        z = [mp.exp(v) for v in X]
        softmax = [v / mp.fsum(z) for v in z]
    assert close(ng.smooth_topk_esp(X, 1, dps=40), softmax, 35)
    assert close(ng.smooth_topk_esp(X, 4, dps=40), [1, 1, 1, 1], 35)
    assert pg.smooth_topk_esp(X, 4) == [1, 1, 1, 1]


# --- the API contract -----------------------------------------------------------------------------------


def test_contract_names_exist():
    for name in ("elementary_symmetric", "topk_multihot", "smooth_topk_esp", "smooth_topk_esp_jacobian"):
        assert callable(getattr(pg, name)) and name in pg.__all__
    for name in ("elementary_symmetric", "smooth_topk_esp", "weighted_softmax_iteration"):
        assert callable(getattr(ng, name)) and name in ng.__all__
    assert pg.elementary_symmetric([1, 2, 3], 0) == 1 and pg.elementary_symmetric([1, 2, 3], 3) == 6
    y0, y1 = sympy.symbols("y0 y1", positive=True)
    assert pg.elementary_symmetric([y0, y1, 2], 2) == y0 * y1 + 2 * y0 + 2 * y1


@pytest.mark.parametrize("k", [True, 2.0, "2", None, -1, 5])
def test_bad_k_for_elementary_symmetric(k):
    with pytest.raises(ValueError, match="k must"):
        pg.elementary_symmetric([1, 2, 3, 4], k)
    with pytest.raises(ValueError, match="k must"):
        ng.elementary_symmetric([1, 2, 3, 4], k)


@pytest.mark.parametrize("k", [0, 5, True])
def test_bad_k_for_smooth_topk(k):
    with pytest.raises(ValueError, match="k must"):
        pg.smooth_topk_esp(X, k)
    with pytest.raises(ValueError, match="k must"):
        ng.smooth_topk_esp(X, k)
    with pytest.raises(ValueError, match="k must"):
        ng.weighted_softmax_iteration(X, k, 1)


@pytest.mark.parametrize("k", [0, 4])
def test_topk_multihot_needs_k_below_n(k):
    with pytest.raises(ValueError, match="1 <= k <= 3"):
        pg.topk_multihot(X, k)


@pytest.mark.parametrize("tau", [0, -1, float("nan"), float("inf"), True, "1", sympy.I])
def test_bad_tau(tau):
    with pytest.raises(ValueError, match="tau"):
        pg.smooth_topk_esp(X, 2, tau)
    with pytest.raises(ValueError, match="tau"):
        ng.smooth_topk_esp(X, 2, tau)
    with pytest.raises(ValueError, match="tau"):
        ng.weighted_softmax_iteration(X, 2, tau)


@pytest.mark.parametrize("x, what", [([], "empty"), ([[1, 2], [3]], "real vector required"),
                                     ([1, 2j, 3], "real vector required"), ([1, float("nan"), 2], "NaN"),
                                     ([1, True, 2], "boolean"), ("1234", "real vector required"),
                                     ([1, "a", 2], "real vector required"), (5, "real vector required")])
def test_bad_vectors(x, what):
    with pytest.raises(ValueError, match=what):
        ng.smooth_topk_esp(x, 1)
    with pytest.raises(ValueError, match=what):
        ng.elementary_symmetric(x, 1)
    with pytest.raises(ValueError, match=what):
        pg.smooth_topk_esp(x, 1)
    with pytest.raises(ValueError, match=what):
        pg.topk_multihot(x, 1)


def test_non_real_symbolic_entries_are_rejected():
    with pytest.raises(ValueError, match="real vector required"):
        pg.elementary_symmetric([1, sympy.I], 1)
    with pytest.raises(ValueError, match="real vector required"):
        pg.smooth_topk_esp([1, sympy.Symbol("z", imaginary=True)], 1)


@pytest.mark.parametrize("method", ["DP", "fft", "", None])
def test_unknown_method_lists_the_accepted_values(method):
    with pytest.raises(ValueError, match="accepted: 'dp', 'product', 'subsets'"):
        ng.elementary_symmetric([1, 2], 1, method=method)
    with pytest.raises(ValueError, match="accepted: 'dp', 'subsets'"):
        ng.smooth_topk_esp([1, 2], 1, method=method)
    with pytest.raises(ValueError, match="accepted: 'linear', 'log'"):
        ng.su_recursion_float64([1, 2], 1, space=method)


def test_numerics_return_at_the_requested_precision_and_leave_the_global_alone():
    p = ng.smooth_topk_esp(X, 2, dps=30)
    assert all(isinstance(v, mpmath.mpf) for v in p)
    assert mp.dps == 15
