"""RTF pillar: the steps that used to be captions are computed, and the computations bite.

RTF-FFT-3 (the product of the DFT bins, exactly in Q(omega), against det(I - comp(a)^L) and a resultant whose
argument order is checked), RTF-FFT-1 (the bins of the FFT kernel), RTF-MONTEL-1 (the non-negative terms),
RTF-COMP-1 (the cofactor expansion), and the declared scopes of the RTF results.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
import sympy
from mpmath import mp

import proofs
from numerics.rational import routes
from numerics.rational.dft import dft
from proofs.rational import conventions, rationality, state_space
from proofs.rational.instances import over_common_domain, rational_realisation
from proofs.rational.rationality import bin_product_exact, dft_bins_exact, sylvester_resultant

from helpers import assert_caught
from rtf_data import A1, agree, sq

z = sympy.Symbol("z")


def _res(f, g):
    """sylvester_resultant of two SymPy polynomials in z (formal degree = degree)."""
    return sylvester_resultant(sympy.Poly(f, z).all_coeffs(), sympy.Poly(g, z).all_coeffs())


# --- the resultant and its sign ------------------------------------------------------------------


def test_resultant_sign_depends_on_the_argument_order():
    # prod over the cube roots of unity of 1 + 2w = 1 + 8 = 9; res(g, f) = (-1)^(3*1) res(f, g)
    assert _res(z**3 - 1, 1 + 2 * z) == 9
    assert _res(1 + 2 * z, z**3 - 1) == -9
    f, g = 2 * z**3 - z + 5, 3 * z**2 + z - 4
    assert _res(g, f) == (-1) ** (3 * 2) * _res(f, g)
    f, g = z**3 + z - 1, 7 * z**5 - 2 * z**2 + 1
    assert _res(g, f) == (-1) ** (3 * 5) * _res(f, g) != 0


def test_resultant_is_the_product_over_the_roots_of_the_monic_first_argument():
    f, g = z**3 - 2 * z + 5, 4 * z**2 - z + 3
    with mpmath.workdps(40):
        roots = mp.polyroots([1, 0, -2, 5])
        product = mp.fprod(4 * r**2 - r + 3 for r in roots)
        assert agree(product, sympy.N(_res(f, g), 45), 40) >= 35


def test_resultant_with_a_zero_leading_coefficient_keeps_the_formal_degree():
    # a(z) = 1 + z/2 + 0 z^2 (formal degree 2): res(z^4 - 1, a) is still prod_l a(w^l)
    with mpmath.workdps(40):
        assert agree(routes.bin_product([F(1, 2), 0], 4), sylvester_resultant([1, 0, 0, 0, -1], [0, F(1, 2), 1]),
                     40) >= 35


# --- RTF-FFT-3: bins, product, determinant ---------------------------------------------------------


def test_exact_bins_are_the_dft_at_the_principal_root_of_unity():
    """t in Q[t]/Phi_L stands for e^(2 pi i/L): each exact bin, evaluated there, is the mpmath DFT bin."""
    for a, L in ((A1, 8), ([F(1, 3), F(-1, 2), F(1, 5)], 5), ([F(2, 7)], 6)):
        c = [1, *a] + [0] * (L - len(a) - 1)
        bins = dft_bins_exact([sq(x) for x in [1, *a]], L)
        with mpmath.workdps(40):
            w = mp.expjpi(mp.mpf(2) / L)
            exact_at_w = [mp.polyval(list(reversed([mp.mpf(F(str(k)).numerator) / F(str(k)).denominator
                                                     for k in reversed(b.all_coeffs())])), w) for b in bins]
            assert agree(exact_at_w, dft([mp.mpf(F(x).numerator) / F(x).denominator for x in c]), 40) >= 35


def test_bin_product_equals_the_determinant_and_dropping_a_bin_does_not():
    a, L = [sq(x) for x in A1], 8
    det = sympy.expand((sympy.eye(3) - proofs.rational.comp(a) ** L).det())
    assert bin_product_exact(a, L) == det
    bins = dft_bins_exact([1, *a], L)
    phi = sympy.Poly(sympy.cyclotomic_poly(L, bins[0].gen), bins[0].gen)
    partial = sympy.Poly(1, bins[0].gen)
    for b in bins[:-1]:
        partial = (partial * b).rem(phi)
    assert partial.as_expr() != det


def test_bin_product_vanishes_with_a_root_at_a_root_of_unity():
    # a(z) = 1 + z^2 has the roots +-i, fourth roots of unity: a bin vanishes, det(I - comp(a)^4) = 0
    assert bin_product_exact([0, 1], 4) == 0
    assert sylvester_resultant([1, 0, 0, 0, -1], [1, 0, 1]) == 0


def _swapped(d=None, a=None, L=None):
    """RTF-FFT-3 with the resultant's arguments swapped: res(a, z^L - 1) = (-1)^(L d) res(z^L - 1, a)."""
    pairs = rationality._fft3_pairs(d, a, L)
    values = []
    for aa, LL in pairs:
        r = sylvester_resultant(list(reversed([1, *aa])), [1] + [0] * (LL - 1) + [-1])
        values += [r, r]
    return sympy.Eq(rationality._fft3_names(pairs), sympy.Matrix(values), evaluate=False)


def test_swapped_resultant_is_caught_by_the_proof_and_by_the_numbers():
    base = proofs.registry["RTF-FFT-3"]
    rep = assert_caught(base, _swapped, by="symbolic", dps=30)
    assert "d=1" in rep.message  # d = 1, L = 3: L d odd
    odd = [p for p in base.examples if (p["L"] * len(p["a"])) % 2 == 1]
    assert odd, "RTF-FFT-3 needs an example with L d odd"
    assert_caught(base, _swapped, by="numeric", examples=odd, dps=30, scope=None, params=None)


def test_sign_flipped_statement_is_caught():
    base = proofs.registry["RTF-FFT-3"]

    def flipped(d=None, a=None, L=None):
        stmt = rationality.fft3_statement(d=d, a=a, L=L)
        return sympy.Eq(stmt.lhs, -stmt.rhs, evaluate=False)

    assert_caught(base, flipped, by="symbolic", dps=30)
    assert_caught(base, flipped, by="numeric", dps=30, scope=None, params=None)


# --- computed steps bite ---------------------------------------------------------------------------


def test_fft1_bins_check_bites(monkeypatch):
    right = rationality.fft_kernel_exact

    def off_by_one(b, a, L, h0=0):
        K = right(b, a, L, h0)
        return [K[0] + 1] + K[1:]

    monkeypatch.setattr(rationality, "fft_kernel_exact", off_by_one)
    with pytest.raises(ArithmeticError):
        rationality.fft1_derive(3)


def test_montel_non_negativity_check_bites(monkeypatch):
    right = conventions._montel_extra

    def with_a_negative_term(alpha, r):
        return right(alpha, r) + [-alpha[0] * (r - 1)]

    monkeypatch.setattr(conventions, "_montel_extra", with_a_negative_term)
    with pytest.raises(ArithmeticError):
        conventions.montel1_derive(3)


def test_companion_cofactor_expansion_bites(monkeypatch):
    monkeypatch.setattr(state_space, "_charpoly_expr", lambda M: sympy.Integer(0))
    with pytest.raises(ArithmeticError):
        state_space.comp1_derive(3)


def test_montel_identity_is_an_identity_at_a_point():
    assert proofs.registry["RTF-MONTEL-1"].evidence is proofs.core.Evidence.POINT


# --- scopes ----------------------------------------------------------------------------------------

INSTANCES = {"RTF-FFT-1": 8, "RTF-FFT-2": 6, "RTF-FFT-3": 30, "RTF-REC-1": 6, "RTF-REC-2": 6, "RTF-FIR-1": 16,
             "RTF-H0-1": 8, "RTF-IDX-1": 6, "RTF-PY-1": 6, "RTF-PY-3": 6}


@pytest.mark.parametrize("key", sorted(INSTANCES))
def test_results_proved_on_instances_say_so(key):
    scope = proofs.registry[key].proof_scope()
    assert scope.kind.value == "instances" and scope.count == INSTANCES[key]


def test_fft3_instance_count_matches_the_sweep():
    r = proofs.registry["RTF-FFT-3"]
    pairs = [p for d in range(r.bound.start, r.bound.stop + 1) for p in rationality._fft3_pairs(d)]
    assert len(pairs) == r.proof_scope().count and all(len(a) < L for a, L in pairs)
    assert any(len(a) * L % 2 for a, L in pairs)  # an odd L d, where the argument order matters


def test_symbolic_ranges_are_fully_symbolic():
    """Results whose scope is a range prove each case with symbolic data (no random rationals in the case)."""
    for key, case in (("RTF-RAT-1", {"d": 4}), ("RTF-RAT-3", {"d": 4}), ("RTF-POLE-1", {"d": 5}),
                      ("RTF-COMP-2", {"d": 8}), ("RTF-RAT-2", {"n": 3})):
        r = proofs.registry[key]
        assert r.scope is None and r.bound.stop == case[r.bound.name]
        assert r.statement(**case).free_symbols  # symbolic


@pytest.mark.parametrize("d", [5, 6, 8])
def test_transfer_function_on_random_rational_realisations(d):
    """RAT-1 beyond its symbolic proof (d <= 4): random rational realisations, against the adjugate route."""
    A, B, C = rational_realisation(d, 10 + d)
    b, a = proofs.rational.transfer_function(A, B, C)
    M, Bd, Cd = over_common_domain(sympy.eye(d) - z * A, B, C)  # over Q[z]
    adj, det = M.adj_det()
    assert sympy.Poly(M.domain.to_sympy(det), z) == sympy.Poly(1 + sum(c * z ** (i + 1) for i, c in enumerate(a)), z)
    numer = M.domain.to_sympy((Cd.transpose() * adj * Bd).to_list()[0][0])
    assert sympy.expand(numer - sum(c * z**i for i, c in enumerate(b))) == 0


def test_rat2_drawn_points_take_other_shapes():
    """RTF-RAT-2's drawn points are not only 3 x 3 with U of 3 x 2, the examples' shape."""
    r = proofs.registry["RTF-RAT-2"]
    shapes = {(len(p["M"]), len(p["U"][0])) for p in r.drawn_points()}
    assert shapes - {(3, 2)}


def test_idx_statement_takes_a_one_step_input():
    stmt = conventions.idx1_statement(a=A1, b=[1, 2, 3], h0=F(1, 2), u=[2])
    assert list(stmt.rhs) == [1, 3]  # RTF paper: h0 u_0 = 1; project: (h0 + b_1) u_0 = 3
