"""SVD and optimal low-rank approximation (spec lowrank.md 2.2): golden numbers G-L3, API errors, pitfalls."""

from __future__ import annotations

import random
from fractions import Fraction

import mpmath
import pytest
import sympy
from mpmath import mp

from numerics.lowrank import svd as num
from proofs.lowrank import svd as exact

M = [[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, 1]]  # G-L3
SIGMA2 = ["15.0745979666159679136158021249722392", "5.04678990823040144734446544902340496",
          "2.87861212515363063903973242600435585"]
SIGMA = ["3.88260195830270089168952279902273296", "2.24650615584075385532108600071610651",
         "1.69664731902467892917441476134474123"]
RANK1 = "7.92540203338403208638419787502776081"


def matches(value, printed: str) -> bool:
    """``value`` equals the printed decimal to half a unit in its last place."""
    with mpmath.workdps(60):
        digits = len(printed.split(".")[1])
        return abs(mpmath.mpf(value) - mpmath.mpf(printed)) <= mpmath.mpf(10) ** -digits / 2


def n60(x):
    with mpmath.workdps(60):
        return mpmath.mpf(str(sympy.N(x, 60)))


# --- golden numbers G-L3 ---------------------------------------------------------------------------


def test_gl3_characteristic_polynomial_and_frobenius_norm():
    A = sympy.Matrix(M)
    lam = sympy.Symbol("lambda")
    assert sympy.expand((A * A.T).charpoly(lam).as_expr()) == lam**3 - 23 * lam**2 + 134 * lam - 219
    assert sum(e**2 for e in A) == 23
    assert sympy.Poly(lam**3 - 23 * lam**2 + 134 * lam - 219).is_irreducible


def test_gl3_exact_singular_values():
    values = exact.singular_values_squared(M)
    assert all(isinstance(v, sympy.CRootOf) for v in values)
    with mpmath.workdps(60):
        assert all(matches(n60(v), g) for v, g in zip(values, SIGMA2))
        assert all(matches(mp.sqrt(n60(v)), g) for v, g in zip(values, SIGMA))


@pytest.mark.parametrize("method", ["svd", "charpoly"])
def test_gl3_numeric_singular_values(method):
    for dps in (50, 100):
        values = num.singular_values(M, dps=dps, method=method)
        assert all(matches(v, g) for v, g in zip(values, SIGMA))


def test_gl3_spectral_norm_by_power_iteration():
    assert matches(num.spectral_norm(M, dps=50), SIGMA[0])
    assert matches(num.spectral_norm(M, dps=100), SIGMA[0])


@pytest.mark.parametrize("method", ["svd", "als"])
def test_gl3_rank_r_errors_numeric(method):
    _, _, e1 = num.best_rank_r(M, 1, dps=50, method=method)
    _, _, e2 = num.best_rank_r(M, 2, dps=50, method=method)
    assert matches(e1, RANK1) and matches(e2, SIGMA2[2])


def test_gl3_rank_r_errors_exact_projector():
    M1, e1 = exact.best_rank_r(M, 1)
    M2, e2 = exact.best_rank_r(M, 2)
    assert matches(n60(e1), RANK1) and matches(n60(e2), SIGMA2[2])
    # the errors evaluated from the exact M_r themselves (not from the eigenvalues)
    for Mr, printed in ((M1, RANK1), (M2, SIGMA2[2])):
        with mpmath.workdps(60):
            assert matches(mpmath.fsum((m - n60(e)) ** 2 for m, e in zip(sympy.Matrix(M), Mr)), printed)
    M3, e3 = exact.best_rank_r(M, 3)
    with mpmath.workdps(60):
        assert e3 == 0 and max(abs(m - n60(e)) for m, e in zip(sympy.Matrix(M), M3)) < mpmath.mpf(10) ** -55


def test_gl3_spectral_errors_are_the_next_singular_values():
    for r, printed in ((1, SIGMA[1]), (2, SIGMA[2])):
        Mr, _ = exact.best_rank_r(M, r)
        with mpmath.workdps(70):
            X = [[n60(v) for v in row] for row in Mr.tolist()]
        assert matches(num.spectral_error(M, X, dps=50), printed)


def test_exact_and_numeric_rank_r_matrices_agree():
    for A, r in ((M, 1), (M, 2), ([[2, -1, 0], [1, 3, 1], [0, 1, -2], [1, 0, 1]], 2)):
        Mr, _ = exact.best_rank_r(A, r)
        for method in ("svd", "als"):
            F, G, _ = num.best_rank_r(A, r, dps=50, method=method)
            with mpmath.workdps(50):
                P = F * G
                err = max(abs(P[i, j] - n60(Mr[i, j])) for i in range(P.rows) for j in range(P.cols))
            assert err < mpmath.mpf(10) ** -45  # products agree; raw factors are never compared (pitfall 4)


# --- properties exercised numerically (THEOREM parts) -------------------------------------------------


def _random_matrix(rng, n, m):
    return [[Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(m)] for _ in range(n)]


def test_ky_fan_random_one_factors_stay_above_the_bound():
    # LOWR-SVD-3: min_B ||AB - M||^2 = ||(I - P_A) M||^2 >= sum_{i>r} sigma_i^2 for every A (r = 1, 2)
    rng = random.Random(7)
    with mpmath.workdps(30):
        A0 = num.as_matrix(M).T  # 4x3: columns of A live in R^4
        for r in (1, 2):
            bound = sum(mpmath.mpf(s) ** 2 for s in SIGMA[r:])
            for _ in range(300):
                A = mpmath.matrix([[rng.gauss(0, 1) for _ in range(r)] for _ in range(A0.rows)])
                Q, _ = mp.qr(A, mode="skinny")
                R = A0 - Q * (Q.T * A0)
                resid = mpmath.fsum(R[i, j] ** 2 for i in range(R.rows) for j in range(R.cols))
                assert resid >= bound - mpmath.mpf(10) ** -25


def test_spectral_optimum_random_rank_r_never_beats_sigma_r_plus_1():
    rng = random.Random(11)
    for r in (1, 2):
        target = mpmath.mpf(SIGMA[r])
        for _ in range(40):
            with mpmath.workdps(30):
                a = mpmath.matrix([[rng.gauss(0, 1) for _ in range(r)] for _ in range(3)])
                b = mpmath.matrix([[rng.gauss(0, 1) for _ in range(4)] for _ in range(r)])
                X = num.as_matrix(M) * 0 + a * b
            assert num.spectral_error(M, X, dps=30) >= target - mpmath.mpf(10) ** -20


def test_norm_inequalities():
    rng = random.Random(3)
    for _ in range(20):
        A = _random_matrix(rng, 3, 4)
        two = num.spectral_norm(A, dps=30)
        fro = mpmath.sqrt(sum(v**2 for v in num.singular_values(A, dps=30)))
        rank = sympy.Matrix(A).rank()
        assert two <= fro * (1 + mpmath.mpf(10) ** -25) and fro <= mpmath.sqrt(rank) * two * (1 + mpmath.mpf(10) ** -25)


def test_uniqueness_criterion_sweeps():
    # LOWR-SVD-6: at a tie every 2uu^T is optimal for 2I; diag(3+delta, 0) is spectrally optimal for |delta| <= 1
    for k in range(12):
        t = mpmath.mpf(k) / 3 - 2
        with mpmath.workdps(40):
            u = mpmath.matrix([mpmath.cos(t), mpmath.sin(t)])
            E = 2 * mpmath.eye(2) - 2 * u * u.T
            assert abs(mpmath.fsum(E[i, j] ** 2 for i in range(2) for j in range(2)) - 4) < mpmath.mpf(10) ** -35
    for delta in (-1, Fraction(-1, 2), 0, Fraction(3, 4), 1):
        assert abs(num.spectral_error([[3, 0], [0, 1]], [[3 + delta, 0], [0, 0]], dps=30) - 1) < 1e-25
    assert num.spectral_error([[3, 0], [0, 1]], [[Fraction(9, 2), 0], [0, 0]], dps=30) > 1  # |delta| > 1: worse
    # factors are never unique: (A S, S^{-1} B) gives the same product
    A, B, _ = num.best_rank_r(M, 2, dps=30)
    with mpmath.workdps(30):
        S = mpmath.matrix([[2, 1], [1, 1]])
        diff = A * S * mpmath.inverse(S) * B - A * B
        assert max(abs(diff[i, j]) for i in range(3) for j in range(4)) < mpmath.mpf(10) ** -25


def test_tie_is_refused_unless_allowed():
    with pytest.raises(ValueError, match="not unique"):
        exact.best_rank_r([[2, 0], [0, 2]], 1)
    with pytest.raises(ValueError, match="not unique"):
        num.best_rank_r([[2, 0], [0, 2]], 1)
    with pytest.raises(ValueError, match="not unique"):
        num.best_rank_r([[2, 0], [0, 2]], 1, method="als")
    Mr, err = exact.best_rank_r([[2, 0], [0, 2]], 1, allow_tie=True)
    assert err == 4 and Mr.rank() == 1 and sum(e**2 for e in sympy.Matrix([[2, 0], [0, 2]]) - Mr) == 4
    _, _, e = num.best_rank_r([[2, 0], [0, 2]], 1, allow_tie=True, dps=30)
    assert abs(e - 4) < 1e-25
    # a tie at zero is no tie: rank 1 matrix, r = 1 or 2
    assert exact.best_rank_r([[1, 2], [2, 4]], 1)[1] == 0
    # an irrational tie: a CRootOf eigenvalue of multiplicity 2 (block-diagonal copy of a 2x2)
    B = [[1, 2, 0, 0], [3, 1, 0, 0], [0, 0, 1, 2], [0, 0, 3, 1]]
    Mr, err = exact.best_rank_r(B, 1, allow_tie=True)
    assert Mr.rank(simplify=True) == 1
    with mpmath.workdps(40):
        assert abs(n60(sum(e**2 for e in sympy.Matrix(B) - Mr)) - n60(err)) < mpmath.mpf(10) ** -35


def test_rank_deficient_matrix_has_numerically_zero_singular_value():
    # pitfall 4: zeros appear near 10^-dps; the relative threshold 10^-(dps-10) sigma_1 classifies them
    A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    values = num.singular_values(A, dps=50)
    assert values[2] < mpmath.mpf(10) ** -40 * values[0]
    assert exact.singular_values_squared(A)[2] == 0
    assert len(num.eigen_construction(A, dps=50)[0]) == 2


def test_exact_construction_instances_reconstruct():
    res = exact.svd_construction(n=2)  # sigma = (3, 3, 1): a repeated singular value
    assert list(res[0]) == [3, 3, 1] and res[1] == sympy.eye(3)


# --- errors ----------------------------------------------------------------------------------------


BAD_MATRICES = [
    ([[1, 2], [3]], "ragged"),
    ([], "empty"),
    ([[]], "empty"),
    ([[1, "x"], [2, 3]], "not a number"),
    ([[1, 2j], [2, 3]], "complex|real"),
    ([[True, 0], [0, 1]], "boolean"),
    ([[float("nan"), 0], [0, 1]], "NaN"),
    ([[float("inf"), 0], [0, 1]], "NaN"),
    (5, "real matrix required"),
]


@pytest.mark.parametrize("bad,match", BAD_MATRICES)
def test_bad_matrices_are_refused(bad, match):
    with pytest.raises(ValueError, match=match):
        exact.singular_values_squared(bad)
    with pytest.raises(ValueError, match=match):
        num.singular_values(bad)
    with pytest.raises(ValueError, match=match):
        num.best_rank_r(bad, 1)
    with pytest.raises(ValueError, match=match):
        num.spectral_norm(bad)


def test_complex_sympy_entry_is_refused():
    with pytest.raises(ValueError, match="real"):
        exact.best_rank_r([[1, sympy.I], [0, 1]], 1)


@pytest.mark.parametrize("r", [0, 4, -1, True, 1.0, "1"])
def test_bad_rank_is_refused(r):
    with pytest.raises(ValueError, match="1 <= r <= 3"):
        exact.best_rank_r(M, r)
    with pytest.raises(ValueError, match="1 <= r <= 3"):
        num.best_rank_r(M, r)


def test_unknown_methods_are_refused():
    with pytest.raises(ValueError, match="'svd', 'charpoly'"):
        num.singular_values(M, method="qr")
    with pytest.raises(ValueError, match="'svd', 'als'"):
        num.best_rank_r(M, 1, method="power")


def test_irrational_gram_is_refused_exactly_but_computed_numerically():
    A = [[sympy.sqrt(2), 1], [1, 1]]
    with pytest.raises(ValueError, match="rational coefficients"):
        exact.singular_values_squared(A)
    assert exact.singular_values_squared([[sympy.sqrt(2), 0], [0, 1]]) == [2, 1]  # a rational Gram is fine


def test_numeric_routes_leave_global_precision_alone():
    before = mp.dps
    num.best_rank_r(M, 1, dps=80, method="als")
    num.singular_values(M, dps=80, method="charpoly")
    assert mp.dps == before
