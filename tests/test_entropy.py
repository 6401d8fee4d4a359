"""Entropy-invariant softmax scale (ENT-*): API contract, golden values, inequalities, errors, experiment E3.

The generic suite (tests/test_registry.py) proves, cross-checks and perturbs every ENT result;
these tests add the spec's golden numbers (section 6), hypothesis property tests of the
inequalities (500 examples each, as issue 6 asks), the documented ValueErrors and ENT-E3.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Eq, Rational, Symbol, log, sqrt

from numerics import entropy as ne
from numerics.strategies import rationals, score_vectors, sizes
from proofs import entropy as ent
from proofs import registry

F = Fraction
INEQ = settings(max_examples=500, deadline=None)


def close(a, b, tol):
    """Relative agreement of two numbers (mpf, SymPy or decimal string) at tolerance ``tol``, at 60 digits."""
    with mpmath.workdps(60):
        x = mp.mpf(str(sympy.N(a, 60))) if not isinstance(a, (mpmath.mpf, str)) else mp.mpf(a)
        y = mp.mpf(str(sympy.N(b, 60))) if not isinstance(b, (mpmath.mpf, str)) else mp.mpf(b)
        return abs(x - y) <= tol * max(abs(y), mp.mpf(10) ** -60)


# --- API contract -------------------------------------------------------------------------------------


def test_contract_names_exist():
    for name in (
        "softmax_entropy",
        "two_level",
        "lower_bound",
        "practical_scale",
        "ssmax_scale",
        "yarn_mscale",
        "annealed_entropy",
        "laplace_rate",
        "pd_entropy",
        "gradmax_alpha",
    ):
        assert callable(getattr(ent, name)), name
    for name in (
        "softmax_entropy",
        "invariant_scale_two_level",
        "annealed_entropy_quad",
        "pd_entropy_quad",
        "gradmax_alpha_opt",
        "gaussian_max_centring",
    ):
        assert callable(getattr(ne, name)), name


def test_softmax_entropy_symbolic_and_golden():
    lam = Symbol("lambda", real=True)
    expr = ent.softmax_entropy([0, 1, 2], lam)
    assert isinstance(expr, sympy.Expr) and expr.free_symbols == {lam}
    assert close(expr.subs(lam, 1), "0.83239558183993887295192372585481684", 1e-33)
    assert close(expr.subs(lam, 2), "0.44105744405816331954955784787874408", 1e-33)
    assert sympy.simplify(ent.softmax_entropy([Symbol("s", real=True)], lam)) == 0
    assert ent.softmax_entropy([Rational(7, 3)], 5) == 0


def test_numeric_entropy_golden_and_precision_is_local():
    for lam, gold in (
        (1, "0.83239558183993887295192372585481684"),
        (2, "0.44105744405816331954955784787874408"),
    ):
        value = ne.softmax_entropy([0, 1, 2], lam, dps=50)
        assert isinstance(value, mpmath.mpf) and close(value, gold, 1e-33)
    assert mp.dps == 15


def test_numeric_entropy_is_stable_where_naive_forms_fail():
    # lambda s ~ 40 * 8 sigma overflows float64 exp; the shift by max(lambda s) handles it (pitfall P1)
    assert ne.softmax_entropy([0, 320, 319], 40, dps=30) > 0
    # lambda < 0: the maximum of lambda s_i sits at s_min
    assert close(ne.softmax_entropy([0, 1, 2], -1, dps=40), ne.softmax_entropy([0, -1, -2], 1, dps=40), 1e-38)
    # tiny H (~1e-21): log1p keeps full relative accuracy (pitfall P2)
    h = ne.softmax_entropy([0, 1], 52, dps=40)
    with mpmath.workdps(60):
        exact = mp.log1p(mp.exp(-52)) + 52 * mp.exp(-52) / (1 + mp.exp(-52))
    assert close(h, exact, 1e-38)


def test_two_level_dict_and_golden_g1():
    d = ent.two_level(10, 1, log(9) + 2)
    assert {"u", "Z", "p_max", "H", "H_grouping", "spread"} <= set(d)
    assert close(d["p_max"], "0.8807970779778824440597291413023968", 1e-32)
    g1 = {
        10: "0.6272494450444971726885033",
        64: "0.8592076208043848348590106",
        512: "1.108727333049365005380497",
        1000: "1.188639206392338933991759",
        4096: "1.356806781027874657458905",
        65536: "1.687334745207292428838035",
        10**6: "2.012182963620983157133744",
        2**20: "2.017837127689144199678389",
    }
    for n, gold in g1.items():
        d = ent.two_level(n, 1, log(n - 1) + 2)
        assert close(d["H"], gold, 1e-23) and close(d["H_grouping"], gold, 1e-23)
        assert close(ne.two_level_log_law(n, 2, dps=40)[1], gold, 1e-23)
    n = Symbol("n", integer=True, positive=True)
    assert ent.two_level(n, 1, 1)["p_max"].has(n)


def test_lower_bound_golden_and_mirror_form():
    assert close(ent.lower_bound([0, 1, 2], 1), "0.098612288668109691395245236922525705", 1e-33)
    with pytest.raises(ValueError, match=r"lower_bound\(\[-x for x in s\], -lam\)"):
        ent.lower_bound([0, 1, 2], -1)
    mirror = ent.lower_bound([0, -1, -2], 1)
    assert ne.softmax_entropy([0, 1, 2], -1, dps=30) >= mpmath.mpf(str(sympy.N(mirror, 30)))


def test_practical_ssmax_yarn_contract():
    d = Symbol("d", positive=True)
    assert ent.practical_scale(512, d) == 1 / sqrt(d)
    assert sympy.simplify(ent.practical_scale(4096, 64) - Rational(1, 6)) == 0
    assert (
        sympy.simplify(
            ent.practical_scale(Symbol("n", positive=True), 1) * log(512) - log(Symbol("n", positive=True))
        )
        == 0
    )
    assert ent.ssmax_scale(Symbol("n", positive=True), Rational(43, 100)).has(log(Symbol("n", positive=True)))
    assert ent.yarn_mscale(1) == 1 and ent.yarn_mscale(Rational(1, 2)) == 1
    assert ent.yarn_mscale(40) == log(40) / 10 + 1
    assert ent.yarn_mscale(40, 2) == log(40) / 5 + 1


def test_golden_g6_yarn_and_deepseek():
    g6 = {
        2: ("1.069314718055994530941723", "1.143433966251171076130117", Rational(13, 12)),
        4: ("1.138629436111989061883446", "1.296476992780706180753577", Rational(7, 6)),
        8: ("1.20794415416798359282517", "1.459129079588605313870379", Rational(5, 4)),
        16: ("1.277258872223978123766893", "1.631390226674868475480522", Rational(4, 3)),
        32: ("1.346573590279972654708616", "1.813260434039495665584008", Rational(17, 12)),
        40: ("1.368887945411393630285246", "1.873854207092626587463764", "1.44349400790728019565586"),
        64: ("1.415888308335967185650339", "2.004739701682486884180835", Rational(3, 2)),
    }
    for s, (m, t, lg) in g6.items():
        assert close(ent.yarn_mscale(s), m, 1e-22) and close(ent.yarn_mscale(s) ** 2, t, 1e-22)
        assert close(ne.rope_logit_ratio(s, dps=40), t, 1e-22)
        got = ent.practical_scale(4096 * s, 1, base=4096)
        assert got == lg if isinstance(lg, Rational) else close(got, lg, 1e-22)
    assert close(1 / sqrt(192), "0.0721687836487032205636436", 1e-22)
    assert close(registry["ENT-A16-DSV3"].statement(factor=40).rhs, "0.1352337788608800880984225", 1e-22)
    assert close(ne.dsv3_softmax_scale(64, dps=40), "0.1446796258026892317180202", 1e-22)


# --- ENT-E3 and the invariant scale (G2, G3) -------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 10, 512, 10**6, 10**30])
def test_e3_log_law_fixes_p_max_exactly(n):
    p, _ = ne.two_level_log_law(n, 2, dps=50)
    with mpmath.workdps(60):
        assert abs(p - 1 / (1 + mp.exp(-2))) <= mp.mpf(10) ** -45
    assert close(p, "0.8807970779778824440597291413023968", 1e-32)


def test_e3_fixed_scale_loses_the_focus_table_g2():
    u = log(511) + 2
    g2 = {
        64: "0.9835886542196679831680198",
        512: "0.8807970779778824440597291",
        4096: "0.4797230254524689462838484",
        65536: "0.05447646324825047309482798",
        2**20: "0.003587974313362202996081187",
    }
    for n, gold in g2.items():
        assert close(ent.two_level(n, 1, u)["p_max"], gold, 1e-23)
        with mpmath.workdps(50):
            assert close(ne.two_level_atoms(n, mp.log(511) + 2, dps=50)[0], gold, 1e-23)


def test_e3_log_law_entropy_increases_strictly():
    hs = [ne.two_level_log_law(n, 2, dps=30)[1] for n in (3, 10, 64, 512, 4096, 65536, 10**6, 10**9, 10**30)]
    assert all(a < b for a, b in zip(hs, hs[1:]))


def test_invariant_scale_golden_g3_and_asymptotics():
    g3 = {
        10**2: ("6.47410568731317198770909074784", "0.353991"),
        10**3: ("9.12334105035609871250024509144", "0.284086"),
        10**4: ("11.6708896559277698736297238198", "0.240333"),
        10**6: ("16.6283894634017117686551417279", "0.187088"),
        10**9: ("23.897919666546323196433938418", "0.143397"),
        10**15: ("38.1814664707421930975032519063", "0.100607"),
        10**30: ("73.3732040334588113701313044397", "0.0604214"),
    }
    residuals = []
    for n, (u_gold, r_gold) in g3.items():
        u = ne.invariant_scale_two_level(n, 1, dps=50)
        assert close(u, u_gold, 1e-27)
        with mpmath.workdps(50):
            r = u - mp.log(n - 1) - mp.log(mp.log(n - 1))
            assert abs(r - mp.mpf(r_gold)) < 5e-6 * abs(mp.mpf(r_gold)) + 1e-12
            residuals.append(r)
        if n <= 3000:  # re-evaluate H by the generic route
            assert close(ne.softmax_entropy([1] + [0] * (n - 1), u, dps=40), 1, 1e-35)
    assert all(a > b > 0 for a, b in zip(residuals, residuals[1:]))
    with mpmath.workdps(40):
        assert ne.invariant_scale_two_level(7, mp.log(7), dps=30) == 0


# --- hypothesis: inequalities (>= 500 examples each) ---------------------------------------------------------

SCORES = score_vectors(1, 40, bound=30)
LAMS = rationals(-25, 25, max_denominator=100)


@INEQ
@given(s=SCORES, lam=LAMS)
def test_entropy_between_zero_and_log_n(s, lam):
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(30):
        assert -(mp.mpf(10) ** -28) <= h <= mp.log(len(s)) * (1 + mp.mpf(10) ** -28)


@INEQ
@given(s=SCORES, a=rationals(0, 12, max_denominator=50), b=rationals(0, 12, max_denominator=50))
def test_entropy_monotone_in_scale(s, a, b):
    lo, hi = min(a, b), max(a, b)
    with mpmath.workdps(40):
        tol = mp.mpf(10) ** -25
        assert ne.softmax_entropy(s, lo, dps=30) >= ne.softmax_entropy(s, hi, dps=30) - tol
        assert ne.softmax_entropy(s, -lo, dps=30) >= ne.softmax_entropy(s, -hi, dps=30) - tol


@INEQ
@given(s=score_vectors(1, 200, bound=30), lam=rationals(0, 25, max_denominator=100))
def test_jensen_bound_and_its_two_nonnegative_slack_terms(s, lam):
    first, second = ne.jensen_slack_terms(s, lam, dps=50)
    slack = ne.entropy_minus_lower_bound(s, lam, dps=50)
    with mpmath.workdps(50):
        tol = mp.mpf(10) ** -45 * (1 + abs(lam) * 60)
        assert first >= -tol and second >= -tol
        assert abs(first + second - slack) <= tol
        if lam == 0 or len(set(s)) == 1:
            assert abs(slack) <= tol


@INEQ
@given(s=SCORES, lam=rationals(-25, 0, max_denominator=100))
def test_mirror_bound_for_negative_scales(s, lam):
    # lower_bound([-x for x in s], -lam) = ln n - |lam| (mean - s_min)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(40):
        v = [mp.mpf(x.numerator) / x.denominator for x in s]
        bound = mp.log(len(v)) - abs(mp.mpf(lam.numerator) / lam.denominator) * (mp.fsum(v) / len(v) - min(v))
        assert h >= bound - mp.mpf(10) ** -25


@INEQ
@given(s=SCORES.filter(lambda v: len(set(v)) > 1), lam=rationals(0, 25, max_denominator=100))
def test_corollary_minimum_scale_for_bounded_entropy(s, lam):
    # H(lambda) <= H0 (here H0 := H(lambda)) forces lambda >= (ln n - H0)/(s_max - mean)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(40):
        v = [mp.mpf(x.numerator) / x.denominator for x in s]
        spread = max(v) - mp.fsum(v) / len(v)
        assert mp.mpf(lam.numerator) / lam.denominator >= (mp.log(len(v)) - h) / spread - mp.mpf(10) ** -25


@INEQ
@given(s=score_vectors(2, 40, bound=30), lam=LAMS)
def test_grouping_upper_bound(s, lam):
    p = ne.softmax(s, lam, dps=30)
    h = ne.softmax_entropy(s, lam, dps=30)
    with mpmath.workdps(30):
        top = max(p)
        bound = -top * mp.log(top) - (1 - top) * mp.log(1 - top) if top < 1 else mp.mpf(0)
        bound += (1 - top) * mp.log(len(s) - 1)
        assert h <= bound + mp.mpf(10) ** -25


@INEQ
@given(n=sizes(2, 300), delta=rationals(1, 10, max_denominator=20), lam=rationals(-4, 4, max_denominator=50))
def test_grouping_bound_is_equality_on_two_level_vectors(n, delta, lam):
    h = ne.softmax_entropy([delta] + [0] * (n - 1), lam, dps=30)
    d = ent.two_level(n, delta, lam)
    assert close(d["H_grouping"], h, 1e-25)


@INEQ
@given(
    s=score_vectors(1, 40, bound=8),
    lam=LAMS,
    c=rationals(-10, 10, max_denominator=100),
    a=rationals(-3, 3, max_denominator=100),
)
def test_shift_invariance_and_scale_covariance(s, lam, c, a):
    base = ne.softmax_entropy(s, lam, dps=30)
    assert close(ne.softmax_entropy([x + c for x in s], lam, dps=30), base, 1e-25) or base < 1e-20
    assert (
        close(
            ne.softmax_entropy([a * x for x in s], lam, dps=30), ne.softmax_entropy(s, a * lam, dps=30), 1e-25
        )
        or base < 1e-20
    )


@INEQ
@given(s=score_vectors(1, 20, bound=8), lam=rationals(-5, 5, max_denominator=100))
def test_log_partition_is_convex(s, lam):
    _, var = ne.tilted_moments(s, lam, dps=30)
    assert var >= 0
    assert (var > 0) == (len(set(s)) > 1) or var < mpmath.mpf(10) ** -20


@INEQ
@given(n=st.one_of(sizes(2, 5000), st.integers(5000, 10**30)), c=rationals(-6, 6, max_denominator=100))
def test_log_law_p_max_is_sigma_c_for_every_n(n, c):
    p, _ = ne.two_level_log_law(n, c, dps=40)
    with mpmath.workdps(40):
        sig = 1 / (1 + mp.exp(-mp.mpf(c.numerator) / c.denominator))
        assert abs(p - sig) <= mp.mpf(10) ** -36


@INEQ
@given(n=sizes(2, 10**6), a=rationals(0, 40, max_denominator=20), b=rationals(0, 40, max_denominator=20))
def test_two_level_entropy_decreases_in_u(n, a, b):
    lo, hi = min(a, b), max(a, b)
    with mpmath.workdps(40):
        assert (
            ne.two_level_atoms(n, lo, dps=30)[1] >= ne.two_level_atoms(n, hi, dps=30)[1] - mp.mpf(10) ** -25
        )


# --- golden values of the other sections -------------------------------------------------------------------


def test_cumulant_expansion_golden():
    stmt = registry["ENT-A5"].statement(s=(0, 1, 2))
    assert list(stmt.rhs) == [log(3), 0, Rational(-1, 3), 0, Rational(1, 12), 0, Rational(-13, 648)]
    stmt = registry["ENT-A5"].statement()
    assert list(stmt.rhs)[2:] == [-3, -2, Rational(93, 20), 7, Rational(-121, 24)]


def test_limit_needs_more_than_50_digits_to_see_the_remainder():
    with mpmath.workdps(120):
        h = ne.softmax_entropy([0, 1, 1], 200, dps=120)
        diff = h - mp.log(2)
        assert close(diff, "1.390816009e-85", 1e-9)
    with mpmath.workdps(60):
        assert close(ne.softmax_entropy([0, 1, 1], 200, dps=50), mp.log(2), 1e-49)


def test_annealed_golden_values():
    assert close(ent.annealed_entropy("uniform", 1, 1), "-0.0406518522564083154066456501763", 1e-29)
    assert close(ent.annealed_entropy("uniform", 1, 10), "-1.30308451386451305091078550365", 1e-29)
    assert close(
        ent.annealed_entropy("exponential", 1, Rational(1, 2)), "-0.306852819440054690582767878542", 1e-29
    )
    assert ent.annealed_entropy("gaussian", 5, 3, sigma=2) == log(5) - 18
    g4 = {
        (64, Rational(1, 8)): "-0.007640535310090385377035705",
        (1024, Rational(1, 2)): "-0.09414049889454277546879169",
        (64, 1): "-0.2417718775036576694955156",
        (1024, 4): "-0.755403775991267373593073",
    }
    for (d, lam), gold in g4.items():
        assert close(ent.annealed_entropy("sphere", 1, lam, d=d) / d, gold, 1e-23)
        with mpmath.workdps(30):
            assert close(ne.annealed_entropy_quad("sphere", 1, lam, d=d, dps=30) / d, gold, 1e-23)
    assert close(ent.annealed_entropy("sphere", 1, Rational(1, 8), d=64), "-0.48899425984578466413", 1e-18)
    assert close(
        ent.annealed_entropy("sphere", 1, Rational(1, 64), d=4096), "-0.49981708302686365883545", 1e-18
    )


def test_laplace_rate_golden_and_richardson_limit():
    for lam, gold in (
        (Rational(1, 8), "-0.0076355027906326829965632408455"),
        (Rational(1, 2), "-0.0941132032297988579076886017608"),
        (1, "-0.240605912529801723748879456712"),
        (2, "-0.470306821053604381181006835623"),
        (4, "-0.755485554020666681380091890311"),
    ):
        assert close(ent.laplace_rate(lam), gold, 1e-29)
    assert close((sqrt(5) - 1) / 2, "0.61803398874989484820458683436563812", 1e-33)
    assert close(-1 / ent.laplace_rate(1), "4.15617384247005507520264521224", 1e-28)
    for lam in (
        Rational(1, 2),
        1,
    ):  # d -> oo limit from d = 1024, 4096, 16384 (about 1e-13, spec tolerance 1e-10)
        assert close(ne.laplace_rate_extrapolated(lam), ent.laplace_rate(lam), 1e-10)


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
        assert close(ent.pd_entropy(m), gold, 1e-29)
        assert close(ne.pd_entropy_quad(m, dps=35), gold, 1e-29)
    assert sympy.simplify(ent.pd_entropy(Rational(1, 2)) - log(4)) == 0
    assert close(ne.gaussian_max_centring(2**14), "3.86028196405989121161677565371", 1e-29)
    c4 = registry["ENT-A12-C4"]
    assert close(c4.statement(n=512).rhs[1], "0.839700551012337399182230591", 1e-26)
    assert close(c4.statement(n=65536).rhs[1], "0.715023201799710931879521050666", 1e-28)
    assert close(c4.statement().rhs[2], "77.8333882547486307960706092649", 1e-28)
    with mpmath.workdps(30):
        for d, gold in ((64, "39.90"), (128, "1592.1")):
            assert abs(mp.exp(ne.raw_law_optimum(d, F(25, 6), dps=30)) - mp.mpf(gold)) < mp.mpf("0.06")


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
        assert close(a, alpha, 1e-23)
        assert abs(float(a / sqrt(log(n))) - float(ratio)) < 1e-6
        if cosine and n in (40, 1000):
            assert close(ne.gradmax_alpha_opt(n, law="cosine", d=128, dps=25), cosine, 1e-18)
    # Su's 0.84 sqrt(ln n): off by -1.3 % to +12.5 % on [40, 20000]
    assert abs(0.84 / 0.851033 - 1 - (-0.013)) < 1e-3 and abs(0.84 / 0.746727 - 1 - 0.125) < 1e-3


def test_ssmax_golden_g5():
    g5 = {
        2: ("0.99330714907571514444", "0.81611826012850887123"),
        10: ("0.94282561857401485634", "0.94010133036469546894"),
        100: ("0.59985960181303470175", "0.99506274383570107671"),
        1000: ("0.12934587504526670928", "0.99964566702051893966"),
        10**6: ("0.00014839128427457839932", "0.99999987410760056202"),
    }
    stmt = registry["ENT-A14"].statement
    for n, (plain, ss) in g5.items():
        assert close(ent.two_level(n, 5, 1)["p_max"], plain, 1e-18)
        assert close(stmt(n=n, s=Rational(43, 100), delta=5).rhs[0], ss, 1e-18)
        if n <= 1000:
            assert close(ne.ssmax_two_level(n, "0.43", 5, dps=30)[0], ss, 1e-18)
    assert close(registry["ENT-A14-FIG"].statement(delta=5).rhs, "149.413159102576603421115580041", 1e-28)


def test_constants_g8_and_dimension_numbers():
    for expr, gold in (
        (1 / log(512), "0.160299448987662600817769409"),
        (1 / log(2048), "0.131154094626269400669084061909"),
        (1 / log(4096), "0.12022458674074695061332705675"),
        (1 / log(8192), "0.110976541606843339027686513923"),
        (sqrt(2 * log(2**14)), "4.40546490800669852114532545615"),
        (registry["ENT-A19"].statement().rhs, "8.31234768494011015040529"),
    ):
        assert close(expr, gold, 1e-22)
    for expr, gold in (
        (Rational(833, 100) * log(10**5), "95.90"),
        (Rational(833, 100) * log(5 * 10**6), "128.49"),
        (Rational(833, 100) * log(512), "51.97"),
        (8 * log(512), "49.91"),
        (8 * log(10**5), "92.10"),
    ):
        assert abs(float(expr) - float(gold)) < 0.006
    b1 = ent.QUOTED["ENT-B1"]["rows"]
    lead = F(b1["Attention-E (log_512 n/sqrt d)"][2]) - F(b1["Attention-O (1/sqrt d)"][2])
    assert lead == F("11.02")
    assert ent.QUOTED["ENT-B3"]["inconsistency"]["CosA-log n non-repeated"] == ["48.95", "48.39"]


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: ent.softmax_entropy([], 1), "empty"),
        (lambda: ne.softmax_entropy([], 1), "empty"),
        (lambda: ent.softmax_entropy([0, 1j], 1), r"s\[1\] must be real"),
        (lambda: ent.softmax_entropy([0, Symbol("z", imaginary=True)], 1), r"s\[1\] must be real"),
        (lambda: ent.softmax_entropy([0, 1], sympy.nan), "lam must be finite"),
        (lambda: ne.softmax_entropy([0, float("nan")], 1), r"s\[1\] must be finite"),
        (lambda: ne.softmax_entropy([0, 1], float("inf")), "lam must be finite"),
        (lambda: ne.softmax_entropy([0, 1], 1j), "lam must be real"),
        (lambda: ent.two_level(1, 1, 1), "n must be an integer >= 2"),
        (lambda: ent.two_level(Symbol("n", integer=False), 1, 1), "n must be an integer >= 2"),
        (lambda: ne.invariant_scale_two_level(1, 1), "n must be an integer >= 2"),
        (lambda: ne.invariant_scale_two_level(10.0, 1), "n must be an integer"),
        (lambda: ne.invariant_scale_two_level(10, 0), r"H0 must lie in \(0, ln n\]"),
        (lambda: ne.invariant_scale_two_level(10, 3), r"H0 must lie in \(0, ln n\]"),
        (lambda: ent.lower_bound([0, 1], -1), "mirror form"),
        (lambda: ent.lower_bound([], 1), "empty"),
        (lambda: ent.practical_scale(0, 64), "n must be >= 1"),
        (lambda: ent.practical_scale(512, 0), "d must be >= 1"),
        (lambda: ent.practical_scale(512, 64, base=0), "base must be > 0"),
        (lambda: ent.practical_scale(512, 64, base=1), "base must be > 0 and != 1"),
        (lambda: ent.ssmax_scale(0, 1), "n must be >= 1"),
        (lambda: ent.yarn_mscale(0), "factor must be > 0"),
        (lambda: ent.yarn_mscale(-2), "factor must be > 0"),
        (lambda: ne.annealed_entropy_quad("cauchy", 10, 1), "law must be one of"),
        (lambda: ne.annealed_entropy_quad("exponential", 10, 1), "lam must be < rate"),
        (lambda: ne.pd_entropy_quad(1), r"m must lie in the open interval \(0, 1\)"),
        (lambda: ent.gradmax_alpha(1), "n must be > 1"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- a subtly wrong statement is caught -------------------------------------------------------------------


def test_log_n_instead_of_log_n_minus_1_is_caught():
    """Pitfall P3: claiming p_max = 1/(1 + (n-1)/n e^{-c}) (the ln n law) differs by O(1/n): still caught,
    symbolically and numerically, even at n = 10**30 where the error is 1e-31."""
    result = registry["ENT-A8A"]
    nn = sympy.Symbol("m", integer=True, positive=True) + 1

    def wrong(n=None, c=None):
        n_ = nn if n is None else n
        c_ = sympy.Symbol("c", real=True) if c is None else c
        n_, c_ = sympy.sympify(n_), sympy.sympify(c_)
        return Eq(Symbol("p_max"), 1 / (1 + (n_ - 1) / n_ * sympy.exp(-c_)), evaluate=False)

    bad = dataclasses.replace(result, statement=wrong)
    assert bad.prove()[0] == "failed"
    assert not bad.cross_check({"n": 10**30, "c": 2}).passed
    assert bad.cross_check({"n": 10**30, "c": 2}).digits > 25  # a 25-digit agreement is not enough


def test_su_constant_024_is_not_g1():
    result = registry["ENT-A10F"]
    bad = dataclasses.replace(
        result, statement=lambda lam=None: Eq(Symbol("g"), -Rational(24, 100) * (lam or 1))
    )
    assert not bad.cross_check({"lam": 1}).passed
