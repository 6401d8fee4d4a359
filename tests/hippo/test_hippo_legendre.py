"""Legendre and Laguerre identities (HIPPO-LEG-*, HIPPO-LAG-*): named checks beyond the generic ones, and their
mpmath routes (numerics.hippo.legendre)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import assert_caught
from sympy import Eq, Poly, Rational, laguerre, legendre

from numerics.hippo import legendre as num
from proofs.hippo import legendre as leg
from proofs import registry
from proofs.hippo.legendre import x


def test_rodrigues_polynomials_match_the_textbook_ones():
    assert leg.rodrigues_legendre(3).as_expr() == Rational(5, 2) * x**3 - Rational(3, 2) * x
    for n in range(0, 33):
        assert leg.rodrigues_legendre(n) == Poly(legendre(n, x), x, domain=sympy.QQ)
        assert leg.rodrigues_laguerre(n) == Poly(laguerre(n, x), x, domain=sympy.QQ)


def test_projection_recovers_known_expansions():
    # x^2 = (1/3) P_0 + (2/3) P_2 ; y^2 = 2 L_0 - 4 L_1 + 2 L_2
    assert leg.legendre_coefficients(Poly(x**2, x, domain=sympy.QQ)) == [Rational(1, 3), 0, Rational(2, 3)]
    assert leg.laguerre_coefficients(Poly(x**2, x, domain=sympy.QQ)) == [2, -4, 2]


def test_key_legs_identity_small_case_by_hand():
    # n = 2: (x+1) * 3x = -3 P_2 + P_0 + 3 P_1 + 5 P_2
    stmt = leg.legs_key_identity(2)
    assert sympy.expand(stmt.rhs - (x + 1) * 3 * x) == 0


def test_general_statements_display_with_symbolic_n():
    n = sympy.Symbol("n", integer=True, nonnegative=True)
    stmt = leg.legs_key_identity(n)
    assert stmt.rhs.has(sympy.Sum) and n in stmt.free_symbols
    assert "\\sum_{k=0}^{n}" in sympy.latex(stmt)


def test_a_subtly_wrong_coefficient_is_caught_only_where_it_matters():
    """Change the k = n term of LEG-6 for n >= 20 only: the bound-32 proof must find n = 20."""
    result = registry["HIPPO-LEG-6"]

    def wrong(n):
        stmt = leg.legs_key_identity(n)
        return Eq(stmt.lhs, stmt.rhs + (legendre(n, x) if n >= 20 else 0), evaluate=False)

    bad = dataclasses.replace(result, statement=wrong)
    assert bad.prove(bound=19)[0] == "proved-up-to-bound"
    outcome, _, message = bad.prove()
    assert outcome == "failed" and "n=20" in message
    assert_caught(result, wrong, by="numeric", examples=[{"n": 25, "x": Fraction(1, 3)}], dps=50)


@pytest.mark.parametrize("fn", [leg.legs_key_identity, leg.legendre_derivative_expansion,
                                leg.laguerre_derivative_sum, leg.legendre_endpoints_orthogonality])
@pytest.mark.parametrize("bad", [-1, 2.5, True, "3", None])
def test_bad_degree_is_a_clear_value_error(fn, bad):
    with pytest.raises(ValueError, match="n must be an integer >= 0"):
        fn(bad)


def test_numerics_reject_bad_degrees_and_keep_precision():
    with pytest.raises(ValueError, match="n must be an integer >= 0"):
        num.laguerre(-2, 1)
    with pytest.raises(ValueError, match="dps must be an integer"):
        num.legendre(3, Fraction(1, 2), dps=2)
    assert mpmath.mp.dps == 15


def test_mpmath_route_reproduces_known_values():
    with mpmath.workdps(30):
        assert num.legendre(2, Fraction(1, 2), dps=30) == mpmath.mpf(-1) / 8
        assert mpmath.almosteq(num.legendre_derivative(3, Fraction(1, 2), dps=30), mpmath.mpf(3) / 8, 1e-28)
        assert mpmath.almosteq(num.laguerre_derivative(2, 1, dps=30), mpmath.mpf(-1), 1e-28)


@pytest.mark.parametrize("n", [0, 1, 2, 5])
def test_general_form_agrees_with_the_concrete_statement(n):
    # the symbolic-n form is what the report prints; it must say the same as the proved one
    n_sym = sympy.Symbol("n", integer=True, nonnegative=True)
    pairs = [(leg.legendre_endpoints_orthogonality, 2), (leg.laguerre_origin_orthonormality, 1)]
    for fn, head in pairs:
        general, concrete = fn(n_sym).rhs, fn(n).rhs
        for j in range(n + 1):
            at = general.subs({n_sym: n, leg.m: j})
            expect = [*concrete[:head], concrete[head + j]]
            assert list(at) == expect, (fn.__name__, n, j)


@pytest.mark.parametrize("n", [0, 1, 3])
def test_left_hand_sides_name_what_the_right_hand_sides_are(n):
    # the unevaluated quantity on the left is what the report shows; evaluated, it must give the right side
    n_sym = sympy.Symbol("n", integer=True, nonnegative=True)
    for fn in (leg.legendre_endpoints_orthogonality, leg.laguerre_origin_orthonormality):
        stmt = fn(n)
        assert sympy.simplify(stmt.lhs.doit() - stmt.rhs) == sympy.zeros(*stmt.rhs.shape), (fn.__name__, n)
        general = fn(n_sym)
        for j in range(n + 1):
            at = {n_sym: n, leg.m: j}
            lhs = general.lhs.subs(at).doit()
            assert sympy.simplify(lhs - general.rhs.subs(at)) == sympy.zeros(*general.rhs.shape), (fn.__name__, n, j)


IDENTITY_KEYS = ["HIPPO-LEG-1", "HIPPO-LEG-2", "HIPPO-LEG-3", "HIPPO-LEG-4", "HIPPO-LEG-5", "HIPPO-LEG-6",
                 "HIPPO-LAG-1", "HIPPO-LAG-2"]


@pytest.mark.parametrize("key", IDENTITY_KEYS)
def test_every_left_hand_side_evaluates_to_its_right_hand_side(key):
    # A derivation computes the closed form of the quantity the statement names on its left, so a
    # wrong left side (P'_{n+2} for P'_{n+1}) would pass the proof; SymPy's own legendre/laguerre
    # evaluates the left side here, independently of the Rodrigues polynomials the derivation uses.
    r = registry[key]
    for case in r.cases(6):
        stmt = r.statement(**case)
        diff = stmt.lhs.doit() - stmt.rhs.doit()
        if isinstance(diff, sympy.MatrixBase):
            assert all(sympy.expand(e) == 0 for e in diff), (key, case)
        else:
            assert sympy.expand(diff) == 0, (key, case)


def test_identities_are_proved_from_n_equal_0():
    # the spec states HIPPO-LEG-1..6 and LAG-1..2 for every integer n >= 0 (with P_{-1} := 0)
    assert all(registry[k].bound.start == 0 for k in IDENTITY_KEYS)


@pytest.mark.parametrize("key", IDENTITY_KEYS)
def test_the_expansion_shown_in_a_derivation_is_the_proved_one(key):
    # the report shows the expansion with named basis functions P_{j}(x) / L_{j}(x); put the
    # polynomials back and it must be the right side the proof compared
    r = registry[key]
    for case in r.cases(5):
        d = r.derivation(**case)
        shown = [s.expr for s in d.steps if s.caption.startswith("Hence the expansion")]
        if not shown:
            continue
        named = {f: (legendre if f.func.__name__.startswith("P_") else laguerre)(int(f.func.__name__[3:-1]), x)
                 for f in shown[0].rhs.atoms(sympy.Function) if f.func.__name__[:2] in ("P_", "L_")}
        assert sympy.expand(shown[0].rhs.subs(named) - d.value.rhs) == 0, (key, case)
