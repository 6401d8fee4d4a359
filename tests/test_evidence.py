"""What a verdict rests on: scopes, evidence kinds, quoted roundings, convergence tables, drawn points."""

from __future__ import annotations

import json
from fractions import Fraction

import mpmath
import pytest
from sympy import Eq, Rational, Symbol

from numerics.agree import to_mp
from proofs.app import cli
from proofs.app.report import document
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Scope, Status, registry
from proofs.core.evidence import ScopeKind, convergence_table
from proofs.core.params import draw, s

x = Symbol("x", positive=True)


# --- scopes -------------------------------------------------------------------------------


def test_each_scope_kind_says_what_it_covers():
    assert str(Scope(ScopeKind.GENERAL)) == "general" and Scope(ScopeKind.GENERAL).short == "general"
    rng = Scope(ScopeKind.RANGE, "N = 1..32", 32)
    assert str(rng) == "every N = 1..32" and rng.short == "N=1..32"
    inst = Scope.instances("d = 1, 2, 3", count=3)
    assert str(inst) == "3 exact instances: d = 1, 2, 3" and inst.short == "3 instances" and inst.narrower
    rep = Scope.representative("a symbolic 2x2 system", claim="every N")
    assert str(rep) == "representative: a symbolic 2x2 system standing for every N" and rep.narrower
    assert str(Scope(ScopeKind.NONE)) == "none" and Scope(ScopeKind.NONE).short == "-"


@pytest.mark.parametrize("make, match", [
    (lambda: Scope.instances("", count=2), "must say which"),
    (lambda: Scope.instances("d = 1", count=0), "number of instances"),
    (lambda: Scope.representative("a 2x2 system", claim=""), "general claim"),
    (lambda: Scope("general"), "ScopeKind"),
])
def test_a_scope_that_does_not_say_what_it_covers_is_refused(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def _identity(**changes):
    """A toy: (1 + x)^2 = 1 + 2x + x^2, proved generally, checked at x = 3/7."""
    fields = dict(
        key="TEST-EV-1", title="a square", source="folklore",
        statement=lambda: Eq(Symbol("y"), 1 + 2 * x + x**2, evaluate=False),
        derive=lambda: Derivation(Eq(Symbol("y"), (1 + x) ** 2, evaluate=False)),
        numeric=lambda x, dps: (1 + to_mp(x)) ** 2, examples=({"x": Fraction(3, 7)},),
        params=draw(x=s.positive_rationals(5)),
    )
    fields.update(changes)
    return Result(**fields)


def test_a_declared_narrower_scope_is_what_verify_reports():
    rep = _identity(scope=Scope.representative("one symbolic x", claim="every field")).verify()
    assert rep.passed and rep.symbolic == "proved-representative" and rep.scope.kind is ScopeKind.REPRESENTATIVE
    assert rep.as_dict()["scope"] == {"kind": "representative",
                                      "text": "representative: one symbolic x standing for every field"}
    rep = _identity(scope=Scope.instances("x symbolic; two cases", count=2)).verify()
    assert rep.symbolic == "proved-for-instances" and rep.scope.short == "2 instances"
    assert _identity().verify().symbolic == "proved"  # only a general proof reads "proved"


@pytest.mark.parametrize("changes, match", [
    ({"scope": Scope(ScopeKind.GENERAL)}, "narrower proof"),
    ({"scope": Scope.instances("x = 1", count=1), "derive": None}, "needs a symbolic derivation"),
    ({"evidence": Evidence.ROUNDING}, "quoted="),
    ({"quoted": 2}, "quoted="),
    ({"evidence": Evidence.ROUNDING, "quoted": -1}, "0..30"),
    ({"evidence": Evidence.CONVERGENCE}, "convergence table"),
    ({"evidence": "mirror"}, "must be an Evidence"),
])
def test_inconsistent_evidence_declarations_are_refused(changes, match):
    with pytest.raises(ValueError, match=match):
        _identity(**changes)


# --- evidence kinds and digits --------------------------------------------------------------


def test_the_evidence_kind_and_uncapped_digits_reach_the_report_and_its_json():
    rep = _identity(evidence=Evidence.MIRROR).verify()
    assert rep.evidence is Evidence.MIRROR and rep.examples == 1 and rep.drawn == 2
    assert rep.numeric_text().startswith("mirror: ") and "1 fixed and 2 drawn point(s)" in rep.numeric_text()
    data = json.loads(json.dumps(rep.as_dict()))  # JSON has no infinity: identical sides read "exact"
    assert data["evidence"] == "mirror" and data["drawn"] == 2
    assert isinstance(data["digits"], float) or data["digits"] == "exact"
    assert data["digits"] == "exact" or data["digits"] > 50  # as measured, not capped at 50


def _quoted(value):
    """A toy quoted rounding: the source says sqrt(2) = ``value`` (to two decimals)."""
    return Result(key="TEST-EV-Q", title="sqrt 2, quoted", source="folklore", status=Status.EMPIRICAL,
                  statement=lambda: Eq(Symbol("r"), value, evaluate=False),
                  numeric=lambda dps: mpmath.sqrt(2), examples=({},), evidence=Evidence.ROUNDING, quoted=2)


def test_a_quoted_rounding_passes_on_its_decimals_and_fails_on_a_wrong_quote():
    good = _quoted(Rational(141, 100)).verify()
    assert good.passed and good.quoted == (2,) and good.digits < 4
    assert "quoted to 2 decimals, rounding confirmed" in good.numeric_text()
    bad = _quoted(Rational(142, 100)).verify()
    assert not bad.passed and "is NOT the precise value rounded to 2 decimals" in bad.message


# --- convergence tables -----------------------------------------------------------------------


def _rows(limit, rate=1, scale="n"):
    ns = [10**k for k in range(1, 7)]
    f = (lambda n: mpmath.mpf(n) ** -rate) if scale == "n" else (lambda n: mpmath.log(n) ** -rate)
    return [(n, limit + 3 * f(n)) for n in ns]


def test_a_table_that_approaches_its_limit_passes_with_its_fitted_rate():
    with mpmath.workdps(30):
        table = convergence_table(Convergence(lambda **_: [], quantity="$q_n$"), _rows(mpmath.mpf(2)), 2)
    assert table.passed and table.rate == pytest.approx(1, abs=1e-6) and len(table.rows) == 6
    assert all(r == pytest.approx(1, abs=1e-6) for *_, r in table.rows[1:])
    assert "approaching" in table.lines()[-1]


def test_a_logarithmically_slow_limit_passes_on_the_log_scale():
    with mpmath.workdps(30):
        rows = _rows(mpmath.mpf(1), scale="log n")
        assert convergence_table(Convergence(lambda **_: [], quantity="$q$", scale="log n"), rows, 1).passed


def test_a_limit_the_values_pass_by_fails():
    # the values approach 2 from above; the claimed limit 2.001 is reached and passed
    with mpmath.workdps(30):
        table = convergence_table(Convergence(lambda **_: [], quantity="$q$"), _rows(mpmath.mpf(2)), "2.001")
    assert not table.passed and "grows" in table.reason


def test_a_limit_the_values_stop_approaching_fails():
    # the values approach 2 from above; the claimed limit 1.999 is never reached: the rate collapses
    with mpmath.workdps(30):
        table = convergence_table(Convergence(lambda **_: [], quantity="$q$"), _rows(mpmath.mpf(2)), "1.999")
    assert not table.passed and "stop approaching" in table.reason


def test_a_limit_the_values_still_move_towards_but_will_not_reach_fails():
    # values 2 + 3/n up to n = 10^6 move towards 2.000002 at every step; extrapolation points at 2
    with mpmath.workdps(30):
        table = convergence_table(Convergence(lambda **_: [], quantity="$q$"), _rows(mpmath.mpf(2)), "2.000002")
        assert not table.passed and "extrapolate to 2.0" in table.reason
        # with corrections (3/n + 5/n^2) the true limit still passes
        rows = [(n, 2 + mpmath.mpf(3) / n + mpmath.mpf(5) / n**2) for n in (10, 100, 1000, 10**4)]
        assert convergence_table(Convergence(lambda **_: [], quantity="$q$"), rows, 2).passed
        slow = [(n, 1 + 1 / mpmath.log(n) + 1 / mpmath.log(n) ** 2) for n in (10, 10**2, 10**4, 10**8, 10**16)]
        assert convergence_table(Convergence(lambda **_: [], quantity="$q$", scale="log n"), slow, 1).passed


@pytest.mark.parametrize("rows, match", [
    ([(10, 1), (100, 1)], "at least 3 rows"),
    ([(10, 1), (10, 1), (100, 1)], "growing n"),
])
def test_malformed_tables_are_refused(rows, match):
    with pytest.raises(ValueError, match=match):
        convergence_table(Convergence(lambda **_: [], quantity="$q$"), rows, 0)


def _harmonic_limit(claimed):
    """A toy limit claim: H_n - ln n -> Euler's gamma, tabulated by summing 1/k (not the limit formula)."""
    def route(dps, **_):
        return [(n, mpmath.fsum(mpmath.mpf(1) / k for k in range(1, n + 1)) - mpmath.log(n))
                for n in (10, 100, 1000, 10000)]

    return Result(key="TEST-EV-LIM", title="H_n - ln n -> gamma", source="folklore", status=Status.THEOREM,
                  statement=lambda: Eq(Symbol("c"), claimed, evaluate=False), examples=({},),
                  evidence=Evidence.CONVERGENCE,
                  convergence=Convergence(route, quantity=r"$H_n - \ln n$"))


def test_a_limit_claim_verifies_with_its_table_and_a_wrong_limit_fails_verification():
    from sympy import EulerGamma

    rep = _harmonic_limit(EulerGamma).verify()
    assert rep.passed and rep.convergence is not None and rep.convergence.passed
    assert rep.convergence.rate == pytest.approx(1, abs=0.01)
    wrong = _harmonic_limit(EulerGamma + Rational(1, 10**3)).verify()  # passed between n = 10^3 and 10^4
    assert not wrong.passed and "convergence:" in wrong.message


def test_show_and_the_report_print_the_convergence_table(monkeypatch, capsys):
    from sympy import EulerGamma

    result = _harmonic_limit(EulerGamma)
    monkeypatch.setitem(registry._items, result.key, result)
    assert cli.main(["show", result.key]) == 0
    out = capsys.readouterr().out
    assert "numeric check: convergence" in out and "convergence of H_n - ln n" in out
    assert "10000" in out and "claimed limit 0.5772156649" in out
    tex = document([result], reports=[result.verify()])
    assert r"\begin{tabular}{@{}r>{\raggedright" in tex and "claimed limit 0.5772156649" in tex


# --- drawn points --------------------------------------------------------------------------


def test_drawn_points_are_reproducible_new_and_counted():
    result = _identity()
    first, again = result.drawn_points(3), result.drawn_points(3)
    assert first == again and len(first) == 3 and all(p not in result.examples for p in first)
    assert result.drawn_points(0) == [] and _identity(params=None).drawn_points(3) == []
    with pytest.raises(ValueError, match="non-negative integer"):
        result.drawn_points(-1)
    assert result.verify(draws=4).drawn == 4 and result.verify(draws=0).drawn == 0


def test_a_statement_wrong_away_from_its_fixed_example_fails_at_a_drawn_point():
    # numeric-only (no proof): the planted statement is right at x = 3/7 and wrong elsewhere
    wrong = _identity(derive=None, status=Status.THEOREM,
                      statement=lambda: Eq(Symbol("y"), 1 + 2 * x + x**2 + (x - Rational(3, 7)) ** 2,
                                           evaluate=False))
    assert wrong.verify(draws=0).passed  # the fixed example alone cannot see it
    rep = wrong.verify()
    assert not rep.passed and "numeric cross-check" in rep.message


def test_verify_on_the_command_line_takes_the_number_of_draws(monkeypatch, capsys):
    result = _identity()
    monkeypatch.setitem(registry._items, result.key, result)
    assert cli.main(["verify", result.key, "--draws", "3", "--jobs", "1", "-q", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["draws"] == 3 and data["results"][0]["drawn"] == 3
    assert cli.main(["verify", result.key, "--jobs", "1", "-q"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[3:8] == ["SCOPE", "EVIDENCE", "DIGITS@50", "DIGITS@100", "POINTS"]
    assert table[2].split()[3:5] == ["general", "route"] and table[2].split()[7] == "1+2"
    assert cli.main(["verify", result.key, "--draws", "51"]) == 2
    assert "--draws: must be an integer between 0 and 50" in capsys.readouterr().err


def test_a_bounded_proof_reports_its_range_and_bound_overrides_it():
    rng = _identity(statement=lambda n: Eq(Symbol("y"), n * x, evaluate=False),
                    derive=lambda n: Derivation(Eq(Symbol("y"), sum([x] * n, start=0), evaluate=False)),
                    numeric=None, examples=(), params=None, bound=Bound("n", 0, 6))
    assert str(rng.proof_scope()) == "every n = 0..6" and str(rng.proof_scope(3)) == "every n = 0..3"
    assert rng.verify(bound=3).scope.count == 4
