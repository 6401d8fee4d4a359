"""The numerical reproductions HIPPO-LEGS-P11 (THEOREM) and HIPPO-LEGS-P9-III (EMPIRICAL): honest statuses,
honest evidence (a convergence table, a quoted rounding; no digit counts), claims that are too strong
caught, and the measurements themselves."""

from __future__ import annotations

import dataclasses

from helpers import assert_caught
from sympy import Eq, Rational, Symbol, Tuple

import proofs
from numerics.hippo import routes as chk
from proofs.core import Evidence
from proofs.hippo.empirical import P11_SIZES


def test_statuses_of_reproductions_are_honest():
    assert proofs.registry["HIPPO-LEGS-P11"].status is proofs.Status.THEOREM
    assert proofs.registry["HIPPO-LEGS-P9-III"].status is proofs.Status.EMPIRICAL
    assert proofs.registry["HIPPO-DISC-7"].status is proofs.Status.THEOREM
    for key in ("HIPPO-LEGS-P11", "HIPPO-LEGS-P9-III"):
        assert proofs.registry[key].derive is None  # nothing symbolic is claimed for a measurement


def test_reproductions_claim_no_digits_they_do_not_have():
    # P11 is a convergence table (no digit count); P9-III a quoted rounding (one decimal)
    p11, p9 = proofs.registry["HIPPO-LEGS-P11"], proofs.registry["HIPPO-LEGS-P9-III"]
    assert p11.numeric is None and p11.evidence is Evidence.CONVERGENCE
    assert p9.evidence is Evidence.ROUNDING and p9.quoted == 1
    rep = p9.verify()
    assert rep.passed and rep.digits < 5  # a measurement at 20 digits, quoted to one decimal: not 45 digits


def test_p11_claimed_limit_that_the_scaled_errors_do_not_approach_is_caught():
    r = proofs.registry["HIPPO-LEGS-P11"]
    wrong = dataclasses.replace(r, statement=lambda: Eq(r.statement().lhs, Rational(1, 20), evaluate=False))
    rep = wrong.verify()
    assert not rep.passed and "convergence" in rep.message


def test_p9iii_claiming_an_exact_impulse_response_is_caught():
    r = proofs.registry["HIPPO-LEGS-P9-III"]
    assert_caught(r, lambda: Tuple(Eq(Symbol("delta_8"), Rational(4, 10), evaluate=False),
                                   Eq(Symbol("delta_32"), 0, evaluate=False)),
                  by="numeric", examples=r.examples[:1])


def test_legt_impulse_deviation_decreases_slowly_with_N():
    d8, d32 = chk.legt_impulse_deviation(8), chk.legt_impulse_deviation(32)
    assert d32 < d8 and d32 > d8 / 4  # improves, but far from the N^-1 or faster a true identity would give


def test_legs_lipschitz_error_respects_the_bound_with_a_steeper_slope():
    errs, slope = chk.legs_lipschitz_errors((4, 8, 16, 32), Rational(2), Rational(2, 3))
    assert all(b < a for a, b in zip(errs, errs[1:]))
    assert -1.7 < float(slope) < -1.3  # measured about -1.47, steeper than the bound's -1/2
    # the table's first row is e_4 sqrt(4) / (t L) with t = 2, L = 1, i.e. e_4 itself (about 0.047)
    rows = chk.legs_lipschitz_table(P11_SIZES, Rational(2), Rational(2, 3))
    assert tuple(P11_SIZES) == (4, 8, 16, 32, 64) and rows[0][0] == 4
    assert 0.045 < float(rows[0][1]) < 0.05 and abs(rows[0][1] - errs[0]) < 1e-12
