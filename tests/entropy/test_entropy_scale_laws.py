"""Scale laws (ENT-A7, A11, A14, A16, A17, A19): Su's practical scale, SSMax, YaRN and DeepSeek-V3 factors, and the
constants of tables G5, G6, G8."""

from __future__ import annotations

from fractions import Fraction

import sympy
from helpers import close
from sympy import Rational, Symbol, log, sqrt

from numerics import entropy as ne
from proofs import entropy as ent
from proofs import registry

F = Fraction


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
        assert close(ent.yarn_mscale(s), m, 22) and close(ent.yarn_mscale(s) ** 2, t, 22)
        assert close(ne.rope_logit_ratio(s, dps=40), t, 22)
        got = ent.practical_scale(4096 * s, 1, base=4096)
        assert got == lg if isinstance(lg, Rational) else close(got, lg, 22)
    assert close(1 / sqrt(192), "0.0721687836487032205636436", 24)
    assert close(registry["ENT-A16-DSV3"].statement(factor=40).rhs, "0.1352337788608800880984225", 23)
    assert close(ne.dsv3_softmax_scale(64, dps=40), "0.1446796258026892317180202", 23)


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
        assert close(ent.two_level(n, 5, 1)["p_max"] / Rational(plain), 1, 18)  # relative: down to 1.5e-4
        assert close(stmt(n=n, s=Rational(43, 100), delta=5).rhs[0], ss, 19)
        if n <= 1000:
            assert close(ne.ssmax_two_level(n, "0.43", 5, dps=30)[0], ss, 19)
    assert close(registry["ENT-A14-FIG"].statement(delta=5).rhs, "149.413159102576603421115580041", 28)


def test_constants_g8_and_dimension_numbers():
    for expr, gold in (
        (1 / log(512), "0.160299448987662600817769409"),
        (1 / log(2048), "0.131154094626269400669084061909"),
        (1 / log(4096), "0.12022458674074695061332705675"),
        (1 / log(8192), "0.110976541606843339027686513923"),
        (sqrt(2 * log(2**14)), "4.40546490800669852114532545615"),
        (registry["ENT-A19"].statement().rhs, "8.31234768494011015040529"),
    ):
        assert close(expr, gold, 23)
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
