"""Monarch matrices (spec lowrank.md 2.5): G-L10, the row-major convention (pitfall 13), the API, its errors."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy
from sympy import I, Matrix, Rational, sqrt

from numerics.lowrank import monarch as nm
from proofs.lowrank import monarch as pm

A_COUNT = [[4 * r + c + 1 for c in range(4)] for r in range(4)]
A_PI = [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]]
GOLDEN_COUNT = "0.823634196436257421796623365419649797"
GOLDEN_PI = "38.2658396839792942430574725205031523"


def _close(value, printed: str) -> bool:
    """Equal to the printed decimal within half a unit of its last place."""
    with mpmath.workdps(60):
        last = len(printed.split(".")[1])
        return abs(mpmath.mpf(value) - mpmath.mpf(printed)) <= mpmath.mpf(10) ** -last / 2


def _blocks(seed: int, m: int) -> list[list[list[Fraction]]]:
    """Deterministic invertible-looking rational blocks (a simple congruential sequence)."""
    x, out = seed, []
    for _ in range(m):
        block = []
        for r in range(m):
            row = []
            for c in range(m):
                x = (1103515245 * x + 12345) % 2**31
                row.append(Fraction(x % 11 - 5, 1 + x % 3) + (3 if r == c else 0))
            block.append(row)
        out.append(block)
    return out


# --- G-L10: the radical errors --------------------------------------------------------------------------


def test_counting_matrix_error_is_the_radical_of_g_l10():
    err = pm.monarch_error(A_COUNT)
    golden = 748 - 17 * sqrt(305) - sqrt(45305) - 3 * sqrt(2329) - sqrt(8585)
    assert sympy.expand(err - golden) == 0
    assert _close(sympy.N(err, 50), GOLDEN_COUNT)
    assert Matrix(A_COUNT).rank() == 2  # rank 2, yet not Monarch


def test_pi_digits_matrix_error_is_the_radical_of_g_l10():
    err = pm.monarch_error(A_PI)
    golden = 258 - 12 * sqrt(82) - 4 * sqrt(130) - sqrt(1921) - 6 * sqrt(13)
    assert sympy.expand(err - golden) == 0
    assert _close(sympy.N(err, 50), GOLDEN_PI)


@pytest.mark.parametrize("method", ["svd", "power"])
@pytest.mark.parametrize(("A", "printed"), [(A_COUNT, GOLDEN_COUNT), (A_PI, GOLDEN_PI)])
def test_numeric_projection_reproduces_g_l10(A, printed, method):
    L, R, err = nm.monarch_project(A, method=method)
    assert _close(err, printed)
    # the error is attained by the returned blocks
    assert abs(nm.monarch_residual(A, L, R) - err) < mpmath.mpf(10) ** -45


def test_projection_agrees_at_dps_100():
    err = nm.monarch_project(A_COUNT, dps=100, method="power")[2]
    exact = sympy.N(pm.monarch_error(A_COUNT), 110)
    with mpmath.workdps(110):
        assert abs(err - mpmath.mpf(str(exact))) < mpmath.mpf(10) ** -98


# --- G-L10: the DFT (pitfall 13) -----------------------------------------------------------------------


@pytest.mark.parametrize(("m", "error"), [(2, 8), (3, 54), (4, 192)])
def test_dft_is_not_monarch_its_error_is_n_squared_times_one_minus_one_over_m(m, error):
    n = m * m
    assert pm.monarch_error(pm.dft_matrix(n)) == error == n**2 * (1 - Rational(1, m))
    assert abs(nm.monarch_project(nm.dft_matrix(n), method="svd")[2] - error) < mpmath.mpf(10) ** -45
    assert abs(nm.monarch_project(nm.dft_matrix(n), method="power")[2] - error) < mpmath.mpf(10) ** -45


@pytest.mark.parametrize("m", [2, 3, 4])
def test_column_permuted_dft_is_monarch_with_the_four_step_factors(m):
    n = m * m
    FP = pm.dft_matrix(n) * pm.shuffle_matrix(m)
    assert pm.monarch_error(FP) == 0
    product = pm.monarch_matrix(*pm.dft_monarch_factors(m))
    assert all(sympy.expand_complex(x - y) == 0 for x, y in zip(product, FP))
    L, R = pm.dft_monarch_factors(m)
    F_m = pm.dft_matrix(m)
    assert all(block == F_m for block in R)  # every R block is F_m
    w = sympy.exp(-2 * sympy.pi * I / n)
    for j, block in enumerate(L):  # L block j is F_m diag(omega_n^{jk})
        expected = F_m * sympy.diag(*[w ** (j * k) for k in range(m)])
        assert all(sympy.expand_complex(x - y) == 0 for x, y in zip(block, expected))
    with mpmath.workdps(60):
        FP_numeric = nm.dft_matrix(n, dps=60) * nm._perfect_shuffle(m)
    assert nm.monarch_project(FP_numeric)[2] < mpmath.mpf(10) ** -45


def test_dft_slices_are_sqrt_m_times_unitary():
    m = 3
    with mpmath.workdps(50):
        F = nm.dft_matrix(9)
        for j in range(m):
            for k in range(m):
                S = nm._slice(F, m, j, k)
                G = S.H * S
                assert mpmath.mnorm(G - m * mpmath.eye(m), 1) < mpmath.mpf(10) ** -45


def test_row_major_four_index_convention_matters():
    # pitfall 13: X[i,j,k,l] = X_{im+j, km+l} (row-major); read column-major the identity fails
    m = 3
    L, R = _blocks(7, m), _blocks(11, m)
    M = pm.monarch_matrix(L, R)
    for i in range(m):
        for j in range(m):
            for k in range(m):
                for l in range(m):
                    assert M[i * m + j, k * m + l] == Rational(L[j][i][k]) * Rational(R[k][j][l])
    column_major = [
        M[i + j * m, k + l * m] == Rational(L[j][i][k]) * Rational(R[k][j][l])
        for i in range(m)
        for j in range(m)
        for k in range(m)
        for l in range(m)
    ]
    assert not all(column_major)
    P = pm.shuffle_matrix(m)
    assert P == P.T and P * P == sympy.eye(m * m)
    x = sympy.symbols("x0:9")
    assert list(P * Matrix(x)) == [x[(r % m) * m + r // m] for r in range(9)]  # (Px)_{am+b} = x_{bm+a}


# --- LOWR-MON-1 and LOWR-MON-2 on further instances ---------------------------------------------------------


@pytest.mark.parametrize("m", [2, 3])
def test_inverse_is_r_inverse_p_l_inverse_p_and_parameters_are_two_m_cubed(m):
    L, R = _blocks(3, m), _blocks(5, m)
    Lm, Rm = [Matrix(b) for b in L], [Matrix(b) for b in R]
    assert all(b.det() != 0 for b in Lm + Rm)
    P = pm.shuffle_matrix(m)
    M = pm.monarch_matrix(L, R)
    assert M.inv() == sympy.diag(*[b.inv() for b in Rm]) * P * sympy.diag(*[b.inv() for b in Lm]) * P
    symbolic = pm.four_index_identity(m)
    assert symbolic[1].rhs == 2 * m**3


def test_m3_exact_error_uses_crootof_and_matches_svd_and_power():
    A = [
        [(r * r + 2 * c + 1) % 7 - 3 + (Fraction(1, 2) if r == c else 0) for c in range(9)] for r in range(9)
    ]
    exact = pm.monarch_error(A)
    assert exact.has(sympy.CRootOf)
    with mpmath.workdps(60):
        value = mpmath.mpf(str(sympy.N(exact, 60)))
        for method in ("svd", "power"):
            assert abs(nm.monarch_project(A, method=method)[2] - value) < mpmath.mpf(10) ** -44


def test_complex_input_attaining_right_factor_is_the_conjugate():
    A = [[1 + 2j, 0, 3, -1j], [2, 1 - 1j, 1, 4], [0, 2j, 5, 1], [3, 1, -2 + 1j, 2]]
    exact = pm.monarch_error(A)
    assert sympy.expand(exact - (43 - sqrt(290) - 3 * sqrt(6) - sqrt(53))) == 0
    with mpmath.workdps(60):
        for method in ("svd", "power"):
            L, R, err = nm.monarch_project(A, method=method)
            assert abs(err - mpmath.mpf(str(sympy.N(exact, 60)))) < mpmath.mpf(10) ** -45
    # R[k, j, :] = sqrt(sigma_1) conj(v): dropping the conjugate loses the optimum
    unconjugated = [block.apply(mpmath.conj) for block in R]
    assert nm.monarch_residual(A, L, unconjugated) > err + 1


def test_a_monarch_matrix_has_error_zero():
    L, R = _blocks(13, 2), _blocks(17, 2)
    assert pm.monarch_error(pm.monarch_matrix(L, R)) == 0


def test_slice_reduction_and_rank_one_steps_vanish():
    reduction, shared = pm._slice_reduction()
    assert reduction == 0 and shared == 0
    assert pm._rank_one_minimum()[0] == 0


# --- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: pm.monarch_matrix([[[1, 2], [3, 4]]], [[[1, 2], [3, 4]]]), "must be 1x1"),
        (lambda: pm.monarch_matrix([[[1]]], [[[1]], [[2]]]), "R_blocks\\[0\\] must be 2x2"),
        (lambda: pm.monarch_matrix([[[1]]], [[[1, 0], [0, 1]], [[2, 0], [0, 2]]]), "same number m"),
        (lambda: pm.monarch_matrix([], []), "non-empty sequence"),
        (
            lambda: pm.monarch_matrix([[[True, 0], [0, 1]], [[1, 0], [0, 1]]], [[[1, 0], [0, 1]]] * 2),
            "boolean",
        ),
        (
            lambda: pm.monarch_matrix([[[sympy.nan, 0], [0, 1]]] * 2, [[[1, 0], [0, 1]]] * 2),
            "NaN or infinite",
        ),
        (
            lambda: pm.monarch_matrix([[[sympy.Symbol("x"), 0], [0, 1]]] * 2, [[[1, 0], [0, 1]]] * 2),
            "non-numeric",
        ),
        (lambda: pm.monarch_error([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), "n = m\\^2"),
        (lambda: pm.monarch_error([[1, 2], [3, 4], [5, 6]]), "square"),
        (lambda: pm.monarch_error([[1, 2], [3]]), "ragged"),
        (lambda: pm.monarch_error([]), "empty"),
        (lambda: pm.monarch_error("abcd"), "2-D matrix"),
        (lambda: pm.monarch_error([[float("inf")] * 4] * 4), "NaN or infinite"),
        (lambda: pm.monarch_error([[sqrt(2) * (r + 1) + c for c in range(9)] for r in range(9)]), "m >= 3"),
        (lambda: pm.dft_monarch_factors(0), "integer in 1..32"),
        (lambda: pm.dft_monarch_factors(10**30), "integer in 1..32"),  # refused, not attempted
        (lambda: pm.dft_monarch_factors(True), "integer in 1..32"),
        (lambda: pm.dft_monarch_factors(2.0), "integer in 1..32"),
        (lambda: nm.monarch_project(A_COUNT, method="qr"), "'svd', 'power'"),
        (lambda: nm.monarch_project([[1, 2, 3]] * 3), "n = m\\^2"),
        (lambda: nm.monarch_project([[1, 2], [3, 4], [5, 6]]), "square"),
        (lambda: nm.monarch_project([[1, 2], [3]]), "ragged"),
        (lambda: nm.monarch_project([[float("nan")] * 4] * 4), "NaN or infinite"),
        (lambda: nm.monarch_project([[False] * 4] * 4), "boolean"),
        (lambda: nm.monarch_project([["x"] * 4] * 4), "non-numeric"),
        (lambda: nm.monarch_project(A_COUNT, dps=3), "dps"),
        (lambda: nm.monarch_assemble([[[1, 2], [3, 4]]], [[[1]]]), "must be 1x1"),
        (
            lambda: nm.monarch_inverse([[[1, 2], [2, 4]], [[1, 0], [0, 1]]], [[[1, 0], [0, 1]]] * 2),
            "singular",
        ),
    ],
)
def test_invalid_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_degenerate_sizes_have_their_known_answers():
    assert pm.monarch_error([[5]]) == 0  # m = 1: every 1x1 matrix is Monarch
    assert pm.monarch_error([[0] * 4] * 4) == 0
    err = nm.monarch_project([[0] * 4] * 4, method="power")[2]
    assert err == 0
    assert nm.monarch_project([[2]])[2] < mpmath.mpf(10) ** -45
