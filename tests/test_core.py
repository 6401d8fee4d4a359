"""The Result type checks its own consistency, and reports are well formed."""

from __future__ import annotations

import math

import json
from fractions import Fraction

import pytest
import sympy
from sympy import Eq, Rational, Symbol

from numerics.agree import to_mp
from proofs.core import Bound, Derivation, Registry, Result, Status, Step, latex_escape

t = Symbol("t")


def _square_sum(n):
    """sum_{j<n} (2j+1) = n^2, stated as a polynomial identity in t for variety."""
    return Eq(Symbol("S"), n**2 * t, evaluate=False)


def _derive_square_sum(n):
    return Derivation(Eq(Symbol("S"), sum(2 * j + 1 for j in range(n)) * t, evaluate=False),
                      (Step("add the odd numbers", Rational(n**2)),))


def _numeric_square_sum(n, t, dps):
    import mpmath

    with mpmath.workdps(dps):
        return mpmath.fsum(2 * j + 1 for j in range(n)) * to_mp(t)


def make(**changes):
    fields = dict(
        key="TEST-SQ-1", title="odd numbers sum to a square", source="folklore", status=Status.EXACT,
        statement=_square_sum, derive=_derive_square_sum, numeric=_numeric_square_sum,
        examples=({"n": 7, "t": Fraction(3, 7)},), bound=Bound("n", 0, 10),
    )
    fields.update(changes)
    return Result(**fields)


def test_a_toy_result_verifies_and_its_perturbation_fails():
    rep = make().verify()
    assert rep.passed and rep.symbolic == "proved-up-to-bound" and rep.cases == 11
    assert rep.digits == rep.digits_2x == math.inf  # identical values: reported as exact, not capped
    bad = make().perturbed().verify()
    assert not bad.passed and bad.symbolic == "failed"
    assert "statement and derivation differ" in bad.message and "numeric cross-check" in bad.message


def test_a_wrong_derivation_is_caught_at_the_first_bad_case():
    def off_by_one_from_5(n):
        return Eq(Symbol("S"), (n**2 + (n >= 5)) * t, evaluate=False)

    rep = make(derive=off_by_one_from_5, numeric=None, examples=()).verify()
    assert not rep.passed and "n=5" in rep.message


def test_a_crashing_check_is_reported_not_raised():
    def boom(n, t, dps):
        raise ZeroDivisionError("planted")

    rep = make(numeric=boom).verify()
    assert not rep.passed and "planted" in rep.message and rep.digits == 0


def test_report_json_has_the_contract_fields():
    data = make().verify().as_dict()
    assert set(data) >= {"key", "status", "passed", "symbolic", "digits", "digits_2x", "seconds", "message"}
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    "changes, match",
    [
        ({"key": "lower-case-1"}, "upper case"),
        ({"key": "NODASH"}, "PILLAR-TOPIC-1"),
        ({"status": "EXACT"}, "status must be a Status"),
        ({"title": ""}, "title and source"),
        ({"derive": None, "numeric": None}, "derivation, a numeric cross-check or a convergence"),
        ({"examples": ()}, "at least one example point"),
        ({"status": Status.HEURISTIC, "bound": None}, "only EXACT results carry a general symbolic proof"),
        ({"loss": 12}, "loss must be in 0..9"),
    ],
)
def test_inconsistent_results_are_rejected(changes, match):
    with pytest.raises(ValueError, match=match):
        make(**changes)


def test_bound_must_be_ordered():
    with pytest.raises(ValueError, match="start <= stop"):
        Bound("n", 5, 2)


def test_registry_rejects_duplicates_and_non_results():
    reg = Registry()
    reg.register(make())
    with pytest.raises(ValueError, match="already registered"):
        reg.register(make())
    with pytest.raises(ValueError, match="only Result objects"):
        reg.register("TEST-SQ-1")


def test_verify_rejects_bad_precision():
    with pytest.raises(ValueError, match="dps must be an integer between"):
        make().verify(dps=3)
    with pytest.raises(ValueError, match="dps must be an integer between"):
        make().verify(dps=50.0)


def test_latex_escape_handles_specials():
    assert latex_escape("a_b & 50% #1 {x} ~ ^") == r"a\_b \& 50\% \#1 \{x\} \textasciitilde{} \textasciicircum{}"


def test_general_statement_keeps_the_parameter_symbolic():
    general = make().general()
    assert sympy.Symbol("n", integer=True, nonnegative=True) in general.free_symbols


def test_parallel_verification_matches_serial_and_keeps_order():
    from proofs import registry
    from proofs.app.runner import verify_all

    chosen = registry.select(["HIPPO-LEG-2", "HIPPO-LEG-5", "HIPPO-LEG-4"])
    seen = []
    serial = verify_all(chosen, dps=20, bound=4, jobs=1)
    parallel = verify_all(chosen, dps=20, bound=4, jobs=2, progress=lambda i, n, rep: seen.append((i, n, rep.key)))
    assert [r.key for r in parallel] == [r.key for r in chosen] == [r.key for r in serial]
    assert [(r.passed, r.symbolic, r.digits, r.cases) for r in parallel] == \
        [(r.passed, r.symbolic, r.digits, r.cases) for r in serial]
    assert sorted(i for i, _, _ in seen) == [1, 2, 3] and {k for _, _, k in seen} == {r.key for r in chosen}
    with pytest.raises(ValueError, match="jobs must be a positive integer"):
        verify_all(chosen, dps=20, jobs=0)


def test_oversized_latex_is_replaced_by_a_description():
    # a formula longer than the limit would overflow TeX's dimensions when scaled to the line
    from proofs.core.latex import LATEX_LIMIT as _LATEX_LIMIT, latex_of as _latex_of

    big = sympy.Matrix(2, 2, lambda i, j: sympy.Symbol("x" * (_LATEX_LIMIT // 2)) + i + j)
    tex = _latex_of(big)
    assert "2-by-2 matrix" in tex and "omitted" in tex
    assert _latex_of(sympy.Symbol("x") + 1) == "x + 1"


def test_same_disproves_by_one_point_but_never_proves_by_it():
    from proofs.core.checks import same

    x = Symbol("x")
    n = Symbol("n", integer=True, nonnegative=True)
    # true identities that expand alone does not close still reach the exact routes
    assert same(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, 1)
    assert same(sympy.gamma(n + 1), sympy.factorial(n))
    # a difference of 1e-30 is below the probe's threshold: the exact routes must still refuse it
    assert not same(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, 1 + Rational(1, 10**30))
    # a plain non-identity is refused (at the probe point x = 7/5)
    assert not same(sympy.exp(x) * sympy.sin(x), sympy.exp(x) * sympy.cos(x))
    # outside the domain of a symbol's assumptions the probe says nothing; the negative point is used
    neg = Symbol("y", negative=True)
    assert same(sympy.sqrt(neg**2), -neg)


def test_notebook_views_of_a_result_its_derivation_and_its_report():
    from proofs import registry

    r = registry["HIPPO-LEG-6"]
    view = r._repr_latex_()
    assert view.startswith("$$") and view.endswith("$$")
    assert "HIPPO-LEG-6" in view and "EXACT" in view and r"P_n'" in view  # key, status, typeset title
    assert sympy.latex(r.general().lhs) in view  # the statement
    steps = r.derivation(n=3)._repr_latex_()
    assert steps.count(r"\text{") >= len(r.derivation(n=3).steps) and r"\begin{aligned}" in steps
    report = r.verify(dps=20)._repr_html_()
    assert "<table>" in report and "passed" in report and "dps 20" in report and "HIPPO-LEG-6" in report
