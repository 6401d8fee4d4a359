"""Every registered result verifies, and every check can fail.

These tests parameterise over the whole registry, so a result added by any pillar is
proved, cross-checked and perturbed here without writing a test for it.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from sympy.core.function import AppliedUndef

from proofs import registry
from proofs.core.checks import same
from proofs.core import SYMBOLIC_OUTCOMES, Status

RESULTS = list(registry)
IDS = [r.key for r in RESULTS]
DPS = 50


def _memoised(result):
    """The same result with its derivation and numeric route memoised (both are deterministic).

    The perturbed copy shares the memo, so proving that a wrong statement fails re-uses the derivation
    and the independent numbers instead of recomputing them: the checks are the same, the work is not.
    """
    derived, numbers = {}, {}

    def derive(**case):
        key = repr(sorted(case.items()))
        if key not in derived:
            derived[key] = result.derive(**case)
        return derived[key]

    def numeric(dps, **point):
        key = (dps, repr(sorted(point.items())))
        if key not in numbers:
            numbers[key] = result.numeric(dps=dps, **point)
        return numbers[key]

    return dataclasses.replace(result, derive=derive if result.derive else None,
                               numeric=numeric if result.numeric else None)


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_result_verifies_and_its_checks_bite(result):
    """The symbolic proof holds, and the numeric claim holds at dps and at 2*dps; a perturbed statement
    fails the symbolic proof and the numeric cross-check; the notebook view renders."""
    memo = _memoised(result)
    rep = memo.verify(dps=DPS)
    assert rep.passed, f"{result.key}: {rep.message}"
    assert rep.symbolic in SYMBOLIC_OUTCOMES
    scope = result.proof_scope()
    assert rep.scope == scope
    if result.derive is None:
        assert rep.symbolic == "not-applicable" and scope.kind.value == "none"
    elif result.scope is not None:  # a declared narrower scope never reads "proved" alone
        assert rep.symbolic in ("proved-for-instances", "proved-representative")
    elif result.bound is None:
        assert rep.symbolic == "proved" and result.status is Status.EXACT and scope.kind.value == "general"
    else:
        assert rep.symbolic == "proved-up-to-bound"
        assert rep.cases == result.bound.stop - result.bound.start + 1
    if result.numeric is None:
        assert rep.digits is None
    elif result.quoted is not None:  # a quoted rounding is held to its decimals, not to a digit count
        assert rep.quoted and rep.passed and rep.examples == len(result.examples) >= 1
    else:
        assert rep.digits >= DPS - result.loss and rep.digits_2x >= 2 * DPS - result.loss, rep.message
        assert rep.examples == len(result.examples) >= 1

    wrong = memo.perturbed()
    if result.derive is not None:
        outcome, _, message = wrong.prove()
        assert outcome == "failed", f"{result.key}: a wrong statement was 'proved'"
        assert "differ" in message
    if result.numeric is not None:
        # stops at the first example that catches the error
        caught = any(not wrong.cross_check(point, DPS).passed for point in result.examples)
        assert caught, f"{result.key}: a wrong closed form passed the cross-check at every example"

    # the full LaTeX rendering of every result is checked once, in tests/test_latex.py; the notebook
    # view is taken from the registered result, whose general statement is then built once per process
    assert result._repr_latex_().startswith("$")


def _computable_left_side(stmt):
    """The left side of an Eq statement when it is a formula (not a bare name) in the right side's symbols."""
    if not isinstance(stmt, sympy.Eq):
        return None
    lhs = stmt.lhs
    cells = list(lhs) if isinstance(lhs, sympy.MatrixBase) else [lhs]
    if any(isinstance(c, sympy.Symbol) for c in cells) or lhs.atoms(AppliedUndef):
        return None
    return None if lhs.free_symbols - stmt.rhs.free_symbols else lhs


def _evaluates_to(lhs, rhs) -> bool:
    """Whether SymPy, on its own, finds ``lhs`` equal to ``rhs``.

    An integral up to a symbol, int_a^x f(t) dt, is checked by the fundamental theorem of calculus
    (d rhs/dx = f(x) and rhs = 0 at x = a) rather than by ``doit``: it is the same fact, and SymPy's
    integrator took 4 s on ENT-A3-INT's softmax variance, where two derivatives take milliseconds.
    """
    if isinstance(lhs, sympy.Integral) and len(lhs.limits) == 1 and len(lhs.limits[0]) == 3:
        t, a, x = lhs.limits[0]
        if isinstance(x, sympy.Symbol) and x not in a.free_symbols | {t}:
            return same(sympy.diff(rhs, x), lhs.function.subs(t, x)) and same(rhs.subs(x, a), 0)
    return same(lhs.doit(), rhs)


def test_a_computable_left_side_is_its_right_side():
    # A derivation computes the quantity the statement names on its left; a wrong left side would be
    # proved along with it. Where the left side is a formula (P'_{n+1} - P'_{n-1}, (1 + ln s/10)^2),
    # SymPy evaluates it here on its own and it must equal the closed form.
    checked, wrong = [], []
    for result in RESULTS:
        if result.derive is None:
            continue
        stmt = result.statement(**result.display_case())
        lhs = _computable_left_side(stmt)
        if lhs is not None:
            checked.append(result.key)
            if not _evaluates_to(lhs, stmt.rhs):
                wrong.append(result.key)
    assert not wrong, f"left sides that do not evaluate to their right sides: {wrong}"
    assert len(checked) >= 17 and "HIPPO-LEG-2" in checked and "ENT-A16-ALG" in checked, checked
    assert "ENT-A3-INT" in checked, checked  # the integral route of _evaluates_to


def test_the_integral_route_of_the_left_side_check_bites():
    t, x, c = sympy.symbols("t x c")
    integral = sympy.Integral(t * sympy.exp(c * t), (t, 0, x))
    right = sympy.integrate(t * sympy.exp(c * t), (t, 0, x), conds="none")
    assert _evaluates_to(integral, right)
    assert not _evaluates_to(integral, right + 1)  # right derivative, wrong value at the lower limit
    assert not _evaluates_to(integral, right + x)  # right value at 0, wrong derivative


DRAWN = [r for r in RESULTS if r.numeric is not None and r.params is not None]


@pytest.mark.parametrize("result", DRAWN, ids=[r.key for r in DRAWN])
@settings(max_examples=3, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: 1 s per step
@given(data=st.data())
def test_cross_check_holds_at_drawn_points(result, data):
    point = data.draw(result.params(), label="point")
    found = result.cross_check(point, DPS)
    assert found.passed, f"{result.key} at {point}: {found.describe()}"


def test_registry_is_iterable_and_indexable():
    assert len(registry) == len(RESULTS) >= 8
    first = RESULTS[0]
    assert registry[first.key] is first
    assert registry[first.key.lower()] is first
    assert first.key in registry and "NOPE-0" not in registry
    with pytest.raises(KeyError, match="closedform list"):
        registry["NO-SUCH-KEY"]


def test_select_by_exact_key_and_by_prefix():
    assert [r.key for r in registry.select(["hippo-leg-1"])] == ["HIPPO-LEG-1"]
    legs = registry.select(["HIPPO-LEG"])
    assert {r.key for r in legs} >= {f"HIPPO-LEG-{i}" for i in range(1, 7)}
    assert registry.select([]) == RESULTS
    with pytest.raises(ValueError, match="no result matches 'ZZZ'"):
        registry.select(["ZZZ"])


def test_keys_are_unique_and_well_formed():
    keys = registry.keys()
    assert len(keys) == len(set(keys))
    assert all(k == k.upper() and "-" in k for k in keys)
