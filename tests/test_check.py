"""closedform check: a reader's own identities, inequalities and derivation chains get honest verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy

from proofs.app import cli
from proofs.app.check import CheckError, Domain, check, check_chain, parse_chain, parse_latex_claim

FAST = {"dps": 30, "draws": 3}
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "chains"


def test_a_true_identity_is_proved_in_general_and_checked_at_points():
    r = check("Sum(k, (k, 0, n))", "n*(n+1)/2", ["n:int:0..64"], **FAST)
    assert r.holds and r.symbolic == "proved" and str(r.scope) == "general" and r.exit_code == 0
    assert r.points >= 5 and r.edges >= 2 and r.digits == float("inf")


def test_an_integer_range_is_proved_point_by_point_when_no_general_proof_is_found():
    # floor((n+1)^2/4) counts the pairs i <= j with i + j = n ... a closed form SymPy does not simplify in general
    r = check("Sum(floor((k + 2)/2), (k, 0, n))", "floor((n + 2)**2/4)", ["n:int:0..30"], **FAST)
    assert r.holds and r.symbolic == "proved-up-to-bound" and "n = 0..30" in str(r.scope)


def test_integer_variables_are_swept_exactly_with_the_others_symbolic():
    r = check("diff(legendre(n+1, x), x) - diff(legendre(n-1, x), x)", "(2*n+1)*legendre(n, x)",
              ["n:int:1..12", "x:rational:(-1,1)"], **FAST)  # HIPPO-LEG-2
    assert r.holds and r.symbolic == "proved-up-to-bound" and str(r.scope) == "every n = 1..12 (x symbolic)"
    slip = check("diff(legendre(n+1, x), x) - diff(legendre(n-1, x), x)", "(2*n-1)*legendre(n, x)",
                 ["n:int:1..12", "x:rational:(-1,1)"], **FAST)
    assert not slip.holds and slip.counterexample.point["n"] == "1"


def test_a_false_identity_gets_its_first_counterexample_with_both_values():
    r = check("Sum(k, (k, 0, n))", "n*(n-1)/2", ["n:int:0..64"], **FAST)
    assert not r.holds and r.exit_code == 1 and r.counterexample is not None
    assert r.counterexample.point == {"n": "1"}  # n = 0 holds; n = 1 is the first that fails
    assert r.counterexample.lhs == "1.0" and r.counterexample.rhs == "0.0"


def test_the_domain_decides_not_sympys_assumptions():
    assert check("sqrt(x**2)", "x", ["x:real:(0,2)"], **FAST).holds
    wrong = check("sqrt(x**2)", "x", ["x:real:(-1,1)"], **FAST)
    assert not wrong.holds and wrong.counterexample.point["x"].startswith("-")


def test_inequalities_hold_or_fail_with_their_gap():
    r = check("log(1 + x) <= x", None, ["x:real:(-1/2,10)"], **FAST)
    assert r.holds and r.margin.startswith("0.0 at x = 0")  # the domain's special point 0 is checked
    assert r.digits is None and r.as_dict()["margin"]  # an inequality has a gap, not digits of agreement
    bad = check("sqrt(x) <= x", None, ["x:real:(0,4)"], **FAST)
    assert not bad.holds and bad.counterexample is not None
    strict = check("x**2 < x**2 + 0", None, ["x:real:(0,1)"], **FAST)
    assert not strict.holds


def test_latex_input_is_read_back_and_traps_are_refused_or_documented():
    claim, notes = parse_latex_claim(r"\sum_{k=0}^{n} \binom{n}{k} = 2^n", ["n:int:0..40"])
    assert sympy.srepr(claim.rhs) == sympy.srepr(2 ** sympy.Symbol("n", integer=True, nonnegative=True))
    claim, _ = parse_latex_claim(r"\frac{\pi^2}{6} = \sum_{k=1}^{\infty} \frac{1}{k^2}")
    assert claim.lhs == sympy.pi**2 / 6
    claim, notes = parse_latex_claim(r"e^{x} \ge 1 + x", ["x:real:(-1,1)"])
    assert claim.lhs == sympy.exp(sympy.Symbol("x", real=True)) and any("Euler's number" in n for n in notes)
    claim, _ = parse_latex_claim(r"n(n+1) = n^2 + n", ["n:int:0..5"])  # a product, not a call of n
    assert not claim.atoms(sympy.core.function.AppliedUndef)
    with pytest.raises(CheckError, match=r"read in 2 ways.*sin\(x\*\*2\).*sin\(x\)\*\*2"):
        parse_latex_claim(r"\sin x^2 = 1", ["x:real:(0,1)"])
    with pytest.raises(CheckError, match="cannot parse the LaTeX"):
        parse_latex_claim(r"\frac{1}{(")
    assert check(r"\sum_{k=0}^{n} \binom{n}{k} = 2^n", None, ["n:int:0..40"], latex=True, **FAST).holds


@pytest.mark.parametrize("spec, message", [
    ("n:int", "NAME:KIND:RANGE"), ("n:complex:0..3", "kind must be one of"), ("x:real:(1,0)", "empty"),
    ("x:real:(0;1)", "range must be"), ("1x:real:(0,1)", "name must be"), ("n:int:(1/3,2/3)", "no integer"),
    ("x:real:(a,1)", "not an integer, a fraction"),
])
def test_bad_domains_are_named(spec, message):
    with pytest.raises(CheckError, match=message):
        Domain.parse(spec)


def test_domains_give_edges_inside_and_assumptions():
    d = Domain.parse("x:real:(0,1)")
    assert all(d.contains(v) for v in d.edges()) and d.symbol().is_positive
    n = Domain.parse("n:int:[0,10)")
    assert n.integers() == range(0, 10) and n.symbol().is_nonnegative
    assert Domain.parse("t:real:[0,inf)").edges()[:2] == [0, 1000]


def test_undeclared_variables_and_unparsable_input_are_usage_errors():
    with pytest.raises(CheckError, match="undeclared variable.*y"):
        check("y + 1", "1 + y")
    with pytest.raises(CheckError, match="cannot read"):
        check("x +* 1", "x", ["x:real:(0,1)"])
    with pytest.raises(CheckError, match="states no relation"):
        check("x + 1", None, ["x:real:(0,1)"])


def test_a_sympy_proof_the_numbers_contradict_is_overruled():
    # an integral SymPy cannot do symbolically is evaluated by quadrature; a wrong value is refuted by the numbers
    r = check("Integral(exp(-t**2), (t, 0, 1))", "sqrt(pi)/2*erf(1) + 10**-20", **FAST)
    assert not r.holds and r.counterexample is not None and r.counterexample.digits < 25


def test_when_sympy_claims_a_proof_the_numbers_contradict_the_numbers_decide(monkeypatch):
    from proofs.app import check as module
    from proofs.core.evidence import Scope, ScopeKind

    # stand-in for a wrong symbolic route (SymPy's integrate is known to return wrong values for some integrals)
    monkeypatch.setattr(module, "_symbolic", lambda claim, domains, used: (
        "proved", Scope(ScopeKind.GENERAL), "simplify(lhs - rhs) = 0 under the variables' assumptions", []))
    r = check("Integral(exp(-t**2), (t, 0, x))", "x", ["x:real:(0,1)"], **FAST)
    assert not r.holds and r.symbolic == "contradicted" and r.scope.kind is ScopeKind.NONE
    assert any("contradicted by the numbers, which decide" in n for n in r.notes)


def test_chains_report_the_first_broken_link():
    good = check_chain((EXAMPLES / "zoh_integral.chain").read_text(), dps=30, draws=1)
    assert good.holds and len(good.links) == 4 and good.broken is None
    slip = check_chain((EXAMPLES / "zoh_minus_euler_slip.chain").read_text(), dps=30, draws=1)
    assert not slip.holds and slip.broken == 1 and slip.links[0].holds and slip.links[2].holds
    assert "the first broken link is link 2" in "\n".join(slip.lines())


def test_chain_files_are_checked_line_by_line():
    with pytest.raises(CheckError, match="line 3: begin the line with its relation"):
        parse_chain("var x:real:(0,1)\nx + 1\n1 + x\n")
    with pytest.raises(CheckError, match="at least two expressions"):
        parse_chain("x\n")
    chain = parse_chain("# t\nvar x:real:(0,1), y:real:[-1,1]\n$x^2$  \n= x*x\n<= x  # on (0,1)\n")
    assert chain.relations == ("=", "<=") and [d.name for d in chain.domains] == ["x", "y"]


def test_the_command_line(capsys, tmp_path):
    assert cli.main(["check", "Sum(k, (k, 0, n))", "n*(n+1)/2", "--var", "n:int:0..20", "--dps", "30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("read as:") and "LaTeX: \\sum_{k=0}^{n} k" in out and "verdict: HOLDS" in out
    assert cli.main(["check", "x**2 - 1 == (x-1)*(x+2)", "--var", "x:rational:(-3,3)", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "refuted" and data["counterexample"]["point"]["x"]
    assert cli.main(["check", "--latex", r"\frac{1}{("]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot parse the LaTeX" in err[0]
    assert cli.main(["check", "x", "--latex", "x = x"]) == 2
    assert cli.main(["check", "diff(laguerre(n, x), x)", "-Sum(laguerre(k, x), (k, 0, n-1))", "--var", "n:int:1..6",
                     "--var", "x:rational:(0,5)", "--dps", "30", "--json"]) == 0  # a side starting with '-'
    assert json.loads(capsys.readouterr().out)["symbolic"] == "proved-up-to-bound"
    assert cli.main(["check", "--chain", str(tmp_path / "missing.chain")]) == 2
    assert "cannot read the chain file" in capsys.readouterr().err
    assert cli.main(["check", "--chain", str(EXAMPLES / "zoh_minus_euler_slip.chain"), "--dps", "30",
                     "--draws", "1"]) == 1
    assert "the first broken link is link 2" in capsys.readouterr().out
