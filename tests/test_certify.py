"""The certified tier: Arb balls bound the agreement of a route with its closed form, and the bound bites."""

from __future__ import annotations

import json
import math
import os

import pytest
import sympy
from sympy import Eq, Integral, Rational, Symbol, gamma, pi, polygamma, sqrt

from proofs.app import cli
from proofs.core import Result, Status, registry
from proofs.core import certify as cf

if not cf.available():
    if os.environ.get("CI") == "true":
        pytest.fail(cf.NO_FLINT, pytrace=False)  # CI installs the extra: a missing one is a failure
    pytest.skip(cf.NO_FLINT, allow_module_level=True)

from flint import arb, fmpq  # noqa: E402

PREC = cf.prec_of(50)


def test_balls_of_closed_forms_contain_their_values():
    assert cf.ball(pi, PREC).real.overlaps(arb.pi()) and cf.ball(pi, PREC).real.rad() < arb(10) ** -55
    root = cf.ball(sqrt(2) * Rational(3, 7), PREC)
    assert root.real.overlaps(arb(2).sqrt() * 3 / 7) and root.real.rad() < arb(10) ** -55
    assert cf.ball(gamma(Rational(1, 4)), PREC).real.overlaps(arb("3.6256099082219083119306851558676720029951676828800654674333779995699192"))
    assert cf.ball(polygamma(0, Rational(1, 2)) - polygamma(0, 1), PREC).real.overlaps(-2 * arb(2).log())
    assert cf.ball(Rational(1, 3), PREC).real.rad() < arb(10) ** -55


def test_constants_special_functions_and_isolated_roots_have_tight_balls():
    x = Symbol("x")
    cases = [(sympy.EulerGamma, "0.57721566490153286060651209008240243104215933593992"),
             (sympy.besseli(Rational(1, 2), 3), sympy.besseli(Rational(1, 2), 3).evalf(60)),
             (sympy.elliptic_f(sympy.asin(sqrt(5) / 5), Rational(1, 2)),
              sympy.elliptic_f(sympy.asin(sqrt(5) / 5), Rational(1, 2)).evalf(60)),
             (sympy.elliptic_k(Rational(1, 3)), sympy.elliptic_k(Rational(1, 3)).evalf(60))]
    for expr, value in cases:
        b = cf.ball(expr, PREC)
        assert b.real.overlaps(arb(str(value))) and b.real.rad() < arb(10) ** -55, expr
    for i in range(3):  # one real root and a conjugate pair, each the one in SymPy's isolating rectangle
        root = sympy.CRootOf(x**3 - 2 * x**2 + 5 * x + 10, i)
        b, value = cf.ball(root, PREC), sympy.N(root, 60)
        assert b.real.overlaps(arb(str(sympy.re(value)))) and b.imag.overlaps(arb(str(sympy.im(value)))), root
        assert b.real.rad() < arb(10) ** -55


@pytest.mark.parametrize("expr, match", [(Integral(Symbol("t"), (Symbol("t"), 0, 1)), "Integral"),
                                         (sympy.Float(0.1), "Float")])
def test_what_arb_cannot_evaluate_is_named(expr, match):
    with pytest.raises(cf.NotCertifiable, match=match):
        cf.ball(expr, PREC)


def _toy(closed, route, **changes):
    fields = dict(key="TEST-CERT-1", title="a toy", source="folklore", status=Status.THEOREM,
                  statement=lambda: Eq(Symbol("q"), closed, evaluate=False),
                  numeric=lambda dps: 0, examples=({},), certified=route)
    fields.update(changes)
    return Result(**fields)


def test_a_ball_route_certifies_its_digits_and_a_wrong_closed_form_is_caught():
    route = lambda prec: arb(2).sqrt() * arb.pi()  # noqa: E731
    good = cf.certify(_toy(sqrt(2) * pi, route), 50)
    assert good.certified and 50 < good.digits < math.inf and good.text().startswith(">= ")
    bad = cf.certify(_toy(sqrt(2) * pi * Rational(8, 7) + Rational(1, 3), route), 50)
    assert bad.digits < 2


def test_exact_rationals_are_decided_not_bounded():
    assert cf.certify(_toy(Rational(1, 10), lambda prec: fmpq(1, 10)), 50).digits == math.inf
    off = cf.certify(_toy(Rational(1, 10), lambda prec: fmpq(1, 10) + fmpq(1, 10**30)), 50).digits
    assert 28 < off < 30


def test_a_result_without_an_arb_route_says_so():
    cert = cf.certify(_toy(pi, None), 50)
    assert not cert.certified and cert.reason == "no Arb route" and cert.text() == "-"
    cert = cf.certify(_toy(sympy.Function("f")(Symbol("u")), lambda prec, u: 0,
                           examples=({"u": 1},)), 50)
    assert cert.reason.startswith("no Arb evaluation")


def test_every_result_not_certified_says_why():
    from proofs.core.evidence import Evidence

    assert cf.certify(_toy(pi, None, uncertified="an ODE route: FLINT has no rigorous ODE solver"), 50).reason \
        == "an ODE route: FLINT has no rigorous ODE solver"
    assert cf.certify(_toy(pi, None, evidence=Evidence.ROUNDING, quoted=3), 50).reason.startswith("a quoted rounding")
    assert cf.certify(_toy(pi, None, evidence=Evidence.MIRROR), 50).reason.startswith("a mirror")
    with pytest.raises(ValueError, match="no reason for not being certified"):
        _toy(pi, lambda prec: 0, uncertified="why")
    with pytest.raises(ValueError, match="mirror check is not certified"):
        _toy(pi, lambda prec: 0, evidence=Evidence.MIRROR)
    reasons = {r.key: cf.uncertified_reason(r) for r in registry if r.certified is None}
    assert all(reasons.values()), [k for k, v in reasons.items() if not v]


def test_companion_characteristic_polynomial_is_certified_exact_and_a_perturbation_fails_with_both_figures():
    result = registry["RTF-COMP-1"]
    rep = result.verify(certify=True)
    assert rep.passed and rep.certified == math.inf and rep.as_dict()["certified"] == "exact"
    assert "<th style=\"text-align:left\">certified</th><td style=\"text-align:left\">exact (Arb" in rep._repr_html_()
    assert rep.as_dict()["certified_seconds"] >= 0 and rep.as_dict()["numeric_seconds"] > 0
    assert result.verify().certified is None  # only asked for, never merged into the measured digits
    wrong = result.perturbed().verify(certify=True, draws=0)
    assert not wrong.passed and "certified: a rigorous bound of >=" in wrong.message and "(measured " in wrong.message


def test_verify_certify_on_the_command_line(monkeypatch, capsys):
    assert cli.main(["verify", "RTF-COMP-1", "--certify", "--jobs", "1", "-q", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"][0]["certified"] == "exact" and data["results"][0]["certified_reason"] == ""
    assert cli.main(["verify", "RTF-COMP-1", "--certify", "--jobs", "1", "-q"]) == 0
    out = capsys.readouterr().out
    assert "CERTIFIED" in out.splitlines()[0] and "certified: 1 of 1" in out and "all 1 exact" in out
    assert cli.main(["verify", "RTF-COMP-1", "RTF-FIR-1", "ENT-B1", "--certify", "--jobs", "1", "-q"]) == 0
    out = capsys.readouterr().out
    assert "certified: 2 of 3" in out and "least certified digits 5" in out and "exact: 1 of 2" in out
    assert "time on these 2: certified checks" in out and "measured checks" in out
    assert "not certified (1):\n  a quoted rounding: the source's decimals are checked, not a digit count: ENT-B1" in out
    monkeypatch.setattr(cf, "available", lambda: False)  # as on a machine without the extra
    assert cli.main(["verify", "RTF-COMP-1", "--certify"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install -e '.[certify]'" in err[0]


def test_without_python_flint_the_command_says_how_to_install_it_in_one_line():
    import subprocess
    import sys

    code = ("import sys; sys.modules['flint'] = None  # as if python-flint were not installed\n"
            "from proofs.app.cli import main; sys.exit(main(['verify', 'RTF-COMP-1', '--certify']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "python3 -m pip install -e '.[certify]'" in lines[0], proc.stderr


CERTIFIED = [r for r in registry if r.certified is not None]


@pytest.mark.parametrize("result", CERTIFIED, ids=lambda r: r.key)
def test_every_arb_route_certifies_its_claim_and_bites_on_a_perturbed_closed_form(result):
    cert = cf.certify(result, 50)
    assert cert.certified and cert.digits >= 50 - result.loss, cert
    wrong = cf.certify(result.perturbed(), 50)
    assert wrong.digits is not None and wrong.digits < 50 - result.loss, f"{result.key}: {wrong}"


def test_the_certified_share_is_counted():
    # the target is 60 % of the registry certified at >= 45 digits; 163 of 206 are (79 %)
    assert len(CERTIFIED) >= 163 and len(CERTIFIED) >= 0.6 * len(registry)
    for r in registry:  # every other result says why it is not certified
        assert r.certified is not None or cf.uncertified_reason(r), r.key


def test_show_and_the_report_give_the_certified_figure_beside_the_measured_one(capsys, tmp_path):
    from proofs.app.report import document

    assert cli.main(["show", "RTF-FIR-1"]) == 0
    line = [x for x in capsys.readouterr().out.splitlines() if x.startswith("certified (Arb): ")]
    assert len(line) == 1 and ">= 5" in line[0] and "rigorous lower bound" in line[0]
    reps = [registry[k].verify(certify=True, draws=0) for k in ("RTF-FIR-1", "HIPPO-LEG-2", "HIPPO-LEG-7")]
    tex = document([registry[k] for k in ("RTF-FIR-1", "HIPPO-LEG-2", "HIPPO-LEG-7")], reports=reps)
    assert r"\textbf{Cert.}" in tex and "2 result(s) were also certified" in tex
    assert "Certified in Arb ball arithmetic: exact" in tex and r"Certified in Arb ball arithmetic: $\geq 5" in tex
    assert r"\textbf{Cert.}" not in document([registry["HIPPO-LEG-2"]], reports=[registry["HIPPO-LEG-2"].verify()])
    assert cli.main(["latex", "HIPPO-LEG-2", "-o", str(tmp_path / "x.tex"), "--no-verify", "--certify"]) == 2
    assert "--certify needs the verification" in capsys.readouterr().err
