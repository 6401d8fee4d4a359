"""The threshold form of smooth top-k (LOWR-TOPK-7..9, spec ``lowrank.md`` 2.3): golden numbers G-L5 and G-L6,
the bracket on 900 random cases, closed forms against bisection, the API's errors, pitfalls 8-10 and the two
corrections LOWR-TOPK-9-K1 and LOWR-TOPK-9-MN (the post's version caught, the correction passing)."""

from __future__ import annotations

import random
from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import assert_caught, close
from mpmath import mp
from sympy import E, Rational, Tuple, exp, log

from numerics.agree import to_mp
from numerics.lowrank import thresholds as N
from proofs import registry
from proofs.lowrank import thresholds as P

KEYS = ["LOWR-TOPK-7", "LOWR-TOPK-8", "LOWR-TOPK-9", "LOWR-TOPK-9-K1", "LOWR-TOPK-9-MN"]

# G-L5 (sigmoid threshold, tau = 1)
GL5_P = [
    "0.622459331201854564638900565745508479",
    "0.377540668798145435361099434254491521",
    "0.182425523806356340392782821343751752",
    "0.817574476193643659607217178656248248",
]
GL5_A, GL5_B = "0.30587480373331695643490600666184818", "0.19412519626668304356509399333815182"
GL5_K1 = (
    "2.24419554646953318523799324015009586",
    [
        "0.095851322470857344251640169041059687",
        "0.223706534560280684255862248374346847",
        "0.680442142968861971492497582584593466",
    ],
)
GL5_K2 = (
    "0.358312024624061679438386472510173978",
    [
        "0.411368238506464422174902098771205294",
        "0.655134930008526409953149486300102338",
        "0.933496831485009167871948414928692368",
    ],
)
# G-L6 (closed forms, x = (3, 2, 1, 4), k = 2)
GL6_EXP = (
    "3.40760596444438030448291990454507045",
    [
        "0.665240955774821889529018280174745405",
        "0.244728471054797652472959618340762797",
        "0.0900305731703804579980221014844917979",
        "1",
    ],
)
GL6_SMOOTH = [
    "0.696734670143683288198100232504409773",
    "0.303265329856316711801899767495590227",
    "0.111565080074214914466640235382006261",
    "0.888434919925785085533359764617993739",
]


def printed(value, text: str) -> bool:
    """``value`` rounds to the printed decimal ``text``: within half a unit in its last place."""
    with mp.workdps(60):
        digits = len(text.split(".")[1]) if "." in text else 0
        return abs(mp.mpf(P_to_mp(value)) - mp.mpf(text)) <= mp.mpf(10) ** -digits / 2


def P_to_mp(value):
    if isinstance(value, sympy.Basic):
        return mp.mpf(str(sympy.N(value, 60)))
    return value


@pytest.mark.parametrize("key", KEYS)
def test_registered_and_verifies(key):
    rep = registry[key].verify(draws=1)
    assert rep.passed, rep.message
    assert rep.digits >= 45 and rep.digits_2x >= 95


# --- G-L5 -----------------------------------------------------------------------------------------


def test_gl5_sigmoid_at_3214_is_half_integer_with_printed_p_and_gradient():
    lam, p = N.topk_threshold([3, 2, 1, 4], 2, dps=50)
    assert close(lam, Rational(5, 2), 48)
    assert all(printed(a, b) for a, b in zip(p, GL5_P))
    exact_lam, exact_p = P.symmetric_threshold([3, 2, 1, 4], 2, "sigmoid")
    assert exact_lam == Rational(5, 2)
    assert all(printed(a, b) for a, b in zip(exact_p, GL5_P))
    grad, jac = N.topk_threshold_jacobian([3, 2, 1, 4], 2, dps=40)
    assert all(printed(grad[0, j], t) for j, t in zip(range(4), (GL5_A, GL5_A, GL5_B, GL5_B)))
    closed_grad, closed_jac = P.threshold_jacobian_closed([3, 2, 1, 4], 2, "sigmoid")
    assert all(printed(closed_grad[j], t) for j, t in zip(range(4), (GL5_A, GL5_A, GL5_B, GL5_B)))
    assert close(list(closed_jac), list(jac), 35)


@pytest.mark.parametrize("k, golden", [(1, GL5_K1), (2, GL5_K2)])
def test_gl5_sigmoid_at_013_by_bisection_and_by_the_polynomial_root(k, golden):
    lam_text, p_text = golden
    for route in (N.topk_threshold, N.sigmoid_threshold_polyroot):
        lam, p = route([0, 1, 3], k, dps=50)
        assert printed(lam, lam_text) and all(printed(a, b) for a, b in zip(p, p_text)), route.__name__
    a = N.topk_threshold([0, 1, 3], k, dps=100)[0]
    b = N.sigmoid_threshold_polyroot([0, 1, 3], k, dps=100)[0]
    assert close(a, b, 95)


# --- G-L6 -----------------------------------------------------------------------------------------


def test_gl6_expclip_closed_form_m1():
    lam, p = P.topk_threshold_closed([3, 2, 1, 4], 2, "expclip")
    assert sympy.simplify(exp(lam) - (E**3 + E**2 + E)) == 0
    assert p[3] == 1  # the top m = 1 entries get exactly 1
    assert sympy.simplify(p[0] - E**2 / (E**2 + E + 1)) == 0
    assert printed(lam, GL6_EXP[0]) and all(printed(a, b) for a, b in zip(p, GL6_EXP[1]))
    nlam, np_ = N.topk_threshold([3, 2, 1, 4], 2, f="expclip", dps=50)
    assert printed(nlam, GL6_EXP[0]) and all(printed(a, b) for a, b in zip(np_, GL6_EXP[1]))


def test_gl6_smoothstep_closed_form_m2():
    lam, p = P.topk_threshold_closed([3, 2, 1, 4], 2, "smoothstep")
    assert close(lam, Rational(5, 2), 55) and close(p[0], 1 - exp(-Rational(1, 2)) / 2, 55)
    assert all(printed(a, b) for a, b in zip(p, GL6_SMOOTH))
    assert all(
        printed(a, b) for a, b in zip(N.topk_threshold([3, 2, 1, 4], 2, f="smoothstep")[1], GL6_SMOOTH)
    )


def test_gl6_k1_smoothstep_at_ln4_is_three_quarters_not_softmax():
    lam, p = P.topk_threshold_closed([log(4), 0], 1, "smoothstep")
    assert lam == log(2) and p == [Rational(3, 4), Rational(1, 4)]
    softmax = [Rational(4, 5), Rational(1, 5)]
    assert p != softmax
    with mp.workdps(60):
        nlam, np_ = N.topk_threshold([mp.log(4), 0], 1, f="smoothstep", dps=50)
        assert close(nlam, mp.log(2), 48) and close(np_, [Rational(3, 4), Rational(1, 4)], 48)
        assert P.topk_threshold_closed([log(4), 0], 1, "expclip")[1] == softmax  # expclip is softmax


# --- LOWR-TOPK-7: bracket, uniqueness, shift, temperature ---------------------------------------------


def test_bracket_holds_on_900_random_cases():
    rng = random.Random(10373)
    count = 0
    with mp.workdps(30):
        for f in N.FUNCTIONS:
            for tau in (Fraction(1, 10), Fraction(1, 2), 1, 3):
                for _ in range(75):
                    n = rng.randint(2, 7)
                    x = [Fraction(rng.randint(-400, 400), 100) for _ in range(n)]
                    k = rng.randint(1, n - 1)
                    inv = {
                        "sigmoid": lambda q: mp.log(q / (1 - q)),
                        "expclip": mp.log,
                        "smoothstep": lambda q: -mp.log(2 * (1 - q)) if q >= 0.5 else mp.log(2 * q),
                    }[f]
                    s = inv(mp.mpf(k) / n)
                    t = mp.mpf(tau.numerator if isinstance(tau, Fraction) else tau) / (
                        tau.denominator if isinstance(tau, Fraction) else 1
                    )
                    lo, hi = min(map(to_mp, x)) - t * s, max(map(to_mp, x)) - t * s
                    assert N.threshold_sum(x, lo, t, f) >= k - mp.mpf(10) ** -25
                    assert N.threshold_sum(x, hi, t, f) <= k + mp.mpf(10) ** -25
                    count += 1
    assert count == 900


def test_shift_and_temperature_rules():
    x, k = [Fraction(1, 3), -1, 2, Fraction(5, 4)], 2
    for f in N.FUNCTIONS:
        with mp.workdps(60):
            lam = N.topk_threshold(x, k, f=f, dps=40)[0]
            shifted = N.topk_threshold([v + 7 for v in x], k, f=f, dps=40)[0]
            assert close(shifted, lam + 7, 38)
            tau = Fraction(2, 5)  # pitfall 9: lambda_tau(x) = tau lambda_1(x / tau)
            assert close(
                N.topk_threshold(x, k, tau, f=f, dps=40)[0],
                mpmath.mpf(2) / 5 * N.topk_threshold([v / tau for v in x], k, f=f, dps=40)[0],
                36,
            )


def test_threshold_approaches_topk_as_tau_falls():
    x = [3, 2, 1, 4]
    for f in N.FUNCTIONS:
        p = N.topk_threshold(x, 2, Fraction(1, 200), f=f, dps=30)[1]
        assert close(p, [1, 0, 0, 1], 20)


def test_symmetric_threshold_needs_symmetry():
    with pytest.raises(ValueError, match="symmetric"):
        P.symmetric_threshold([0, 1, 3], 1)
    with pytest.raises(ValueError, match="symmetric"):
        P.symmetric_threshold([0, 1, 2, 3], 1)


def test_wrong_center_is_caught():
    r = registry["LOWR-TOPK-7"]

    def off_center(x=None, k=None, tau=1, f="sigmoid"):
        if x is None:
            return r.statement()
        lam, p = P.symmetric_threshold(x, k, f, tau)
        return Tuple(
            sympy.Eq(P.LAM, lam + Rational(1, 10)),
            *[sympy.Eq(sympy.Symbol(f"p_{i}"), v) for i, v in enumerate(p)],
        )

    assert_caught(r, off_center, by="numeric")


# --- LOWR-TOPK-8 ----------------------------------------------------------------------------------


def test_jacobian_is_symmetric_with_unit_gradient_sum_and_ones_in_kernel():
    for f in N.FUNCTIONS[1:]:
        grad, jac = P.threshold_jacobian_closed([0, 1, 3, Fraction(1, 2)], 2, f, Rational(1, 2))
        assert sympy.cancel(sum(grad) - 1) == 0
        assert all(jac[i, j] == jac[j, i] for i in range(4) for j in range(4))
        assert all(abs(sympy.N(sum(jac.row(i)), 50)) < 1e-45 for i in range(4))


# --- LOWR-TOPK-9 and the corrections --------------------------------------------------------------


def test_closed_forms_against_bisection_on_random_cases():
    rng = random.Random(9)
    for _ in range(24):
        n = rng.randint(2, 6)
        x = [Fraction(rng.randint(-300, 300), 100) for _ in range(n)]
        k, f = rng.randint(1, n - 1), rng.choice(P.CLOSED_FUNCTIONS)
        lam, p = P.topk_threshold_closed(x, k, f)
        nlam, np_ = N.topk_threshold(x, k, f=f, dps=30)
        assert close(lam, nlam, 27) and close(p, np_, 27), (x, k, f)


def test_k1_criterion_on_random_cases():
    rng = random.Random(1)
    seen = set()
    with mp.workdps(30):
        for _ in range(60):
            n = rng.randint(2, 5)
            x = [Fraction(rng.randint(-300, 300), 100) for _ in range(n)]
            y = [mp.exp(mp.mpf(v.numerator) / v.denominator) for v in x]
            softmax = [v / mp.fsum(y) for v in y]
            p = N.topk_threshold(x, 1, f="smoothstep", dps=25)[1]
            equal = close(p, softmax, 20)
            assert equal == (max(softmax) <= 0.5), (x, p, softmax)
            seen.add(equal)
            # expclip at k = 1 is softmax for every x
            assert close(N.topk_threshold(x, 1, f="expclip", dps=25)[1], softmax, 20)
    assert seen == {True, False}


def test_k1_post_claim_softmax_is_caught_and_the_correction_passes():
    r = registry["LOWR-TOPK-9-K1"]

    def softmax_claim(x=None, tau=1):
        if x is None:
            return r.statement()
        ys = [exp(Rational(v) / Rational(tau)) for v in x]
        lam, _ = P.topk_threshold_closed(x, 1, "smoothstep", tau)
        return Tuple(
            sympy.Eq(P.LAM, lam), *[sympy.Eq(sympy.Symbol(f"p_{i}"), v / sum(ys)) for i, v in enumerate(ys)]
        )

    assert_caught(r, softmax_claim, by="numeric", examples=r.examples[:1])  # x = (2, 0): softmax 0.88 > 1/2
    assert r.verify(draws=0).passed


def _post_enumeration(x, k):
    """The post's recipe: the first m in 0..n-1 whose smoothstep branch threshold lies in its interval."""
    ys = sorted((Rational(v) for v in x), reverse=True)
    n = len(ys)
    for m in range(n):
        sp = sum(exp(v) for v in ys[m:])
        sm = sum(exp(-v) for v in ys[:m])
        c = k - m
        lam = log(sp) - log(sympy.sqrt(c**2 + sm * sp) + c)
        upper = sympy.oo if m == 0 else ys[m - 1]
        if (upper - lam).evalf(30) >= 0 and (lam - ys[m]).evalf(30) >= 0:
            return m, lam
    return None, None


def test_mn_post_enumeration_finds_no_interval_and_the_conjugate_form_passes():
    r = registry["LOWR-TOPK-9-MN"]
    for pt in r.examples:
        assert _post_enumeration(pt["x"], pt["k"]) == (None, None)
        lam, _ = P.topk_threshold_closed(pt["x"], pt["k"], "smoothstep")
        assert (lam - min(Rational(v) for v in pt["x"])).evalf(30) < 0  # below every entry: m = n
    assert r.verify(draws=0).passed

    def nearest_branch(x=None, k=None, tau=1):  # the post's last interval m = n - 1, used anyway
        if x is None:
            return r.statement()
        ys = sorted((Rational(v) for v in x), reverse=True)
        m = len(ys) - 1
        sp, sm = exp(ys[-1]), sum(exp(-v) for v in ys[:m])
        lam = log(sp) - log(sympy.sqrt((k - m) ** 2 + sm * sp) + (k - m))
        p = [1 - exp(-(Rational(v) - lam)) / 2 if v != ys[-1] else exp(Rational(v) - lam) / 2 for v in x]
        return Tuple(sympy.Eq(P.LAM, lam), *[sympy.Eq(sympy.Symbol(f"p_{i}"), v) for i, v in enumerate(p)])

    assert_caught(r, nearest_branch, by="numeric")


def test_first_form_at_m_equals_n_is_undefined():
    assert sympy.log(0) == sympy.zoo


def test_pitfall_10_perturbation_inside_the_extended_precision():
    # h = 1e-30 added to x = 3 stored at 50 digits keeps only 20 digits of h; the route works at 2 dps + 40
    grad = N.topk_threshold_jacobian([3, 2, 1, 4], 2, dps=50)[0]
    assert printed(grad[0, 0], GL5_A)


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: N.topk_threshold([1, 2, 3], 0), "k must satisfy"),
        (lambda: N.topk_threshold([1, 2, 3], 3), "k must satisfy"),
        (lambda: N.topk_threshold([1, 2, 3], True), "k must be an integer"),
        (lambda: N.topk_threshold([1, 2, 3], 1.0), "k must be an integer"),
        (lambda: N.topk_threshold([1, 2, 3], 1, 0), "tau"),
        (lambda: N.topk_threshold([1, 2, 3], 1, mpmath.inf), "tau"),
        (lambda: N.topk_threshold([1, mpmath.nan, 3], 1), "finite"),
        (lambda: N.topk_threshold([1, 2j, 3], 1), "real vector required"),
        (lambda: N.topk_threshold([], 1), "real vector required"),
        (lambda: N.topk_threshold([1, True], 1), "real"),
        (lambda: N.topk_threshold([1, 2, 3], 1, f="clip"), "accepted values"),
        (lambda: N.topk_threshold_jacobian([1, 2], 2), "k must satisfy"),
        (lambda: N.sigmoid_threshold_polyroot("abc", 1), "real vector required"),
        (lambda: P.topk_threshold_closed([1, 2, 3], 1, "sigmoid"), "accepted values"),
        (lambda: P.topk_threshold_closed([1, 2, 3], 3), "k must satisfy"),
        (lambda: P.topk_threshold_closed([1, 2, 3], 1, tau=-1), "tau"),
        (lambda: P.topk_threshold_closed([1, sympy.I, 3], 1), "real vector required"),
        (lambda: P.topk_threshold_closed([1, sympy.nan], 1), "finite"),
        (lambda: P.topk_threshold_closed([[1, 2], [3, 4]], 1), "real"),
        (lambda: P.topk_threshold_closed([1, False], 1), "boolean"),
    ],
)
def test_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
