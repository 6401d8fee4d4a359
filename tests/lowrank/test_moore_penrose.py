"""The pseudo-inverse (spec lowrank.md 2.1): golden numbers G-L1, G-L2, pitfalls 3 and 14, the API's errors.

Exact values come from ``proofs.lowrank.moore_penrose`` (rank factorisation; SymPy's ``Matrix.pinv`` is a
third route here only), numbers from ``numerics.lowrank.moore_penrose`` (SVD, Newton-Schulz, ridge
extrapolation, the eigendecomposition recipe).
"""

from __future__ import annotations

import importlib
import math
from fractions import Fraction

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp
from sympy import Matrix, Rational, eye, sqrt

# the modules by path: the pillar packages export functions named pseudo_inverse, which shadow them
num = importlib.import_module("numerics.lowrank.moore_penrose")
exact = importlib.import_module("proofs.lowrank.moore_penrose")

GL1 = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
GL2 = [[1, 2], [2, 4], [3, 6]]
J = [[1, 1], [1, 1]]
GL1_PINV = Matrix([[-23, -6, 11], [-2, 0, 2], [19, 6, -7]]) / 36
GL1_GRAM_PINV = Matrix([[343, 34, -275], [34, 4, -26], [-275, -26, 223]]) / 648
GL1_RIDGE_COEFF = Matrix([[2197, 618, -961], [214, 60, -94], [-1769, -498, 773]]) / 3888


def _max_error(X, Y, dps):
    """max |X_ij - Y_ij| for an mp.matrix X and an exact SymPy matrix Y, at dps + 20 digits."""
    with mp.workdps(dps + 20):
        return max(abs(X[i, j] - mp.mpf(Y[i, j].p) / Y[i, j].q) for i in range(Y.rows) for j in range(Y.cols))


# --- golden numbers G-L1 -----------------------------------------------------------------------------


def test_gl1_pseudo_inverse_and_projector_exactly():
    P = exact.pseudo_inverse(GL1)
    assert P == GL1_PINV
    v = Matrix([1, -2, 1])
    assert eye(3) - Matrix(GL1) * P == v * v.T / 6
    assert exact.pseudo_inverse(Matrix(GL1).T * Matrix(GL1)) == GL1_GRAM_PINV
    assert P == Matrix(GL1).pinv()  # SymPy's own pinv as a third route


def test_gl1_least_squares_minima_exactly():
    b, residual = exact.lstsq(GL1, [[1], [0], [0]])
    assert b == Matrix([-23, -2, 19]) / 36 and residual == Rational(1, 6)
    B, residual = exact.lstsq(GL1, eye(3))
    assert B == GL1_PINV and residual == 1
    Y, residual = exact.lstsq(GL1, [[1, 0, 0]], side="left")
    assert Y == GL1_PINV[0, :] and residual == Rational(1, 6)


def test_gl1_ridge_coefficient_exactly():
    X = exact.ridge_pseudo_inverse(GL1, exact.eps)
    assert X.subs(exact.eps, 0) == GL1_PINV
    assert X.diff(exact.eps).subs(exact.eps, 0).applyfunc(sympy.cancel) == GL1_RIDGE_COEFF
    assert -GL1_GRAM_PINV * GL1_PINV == GL1_RIDGE_COEFF


@pytest.mark.parametrize("dps", [50, 100])
@pytest.mark.parametrize("method", num.METHODS)
def test_gl1_every_route_agrees_to_the_last_digit(method, dps):
    X = num.pseudo_inverse(GL1, dps=dps, method=method)
    assert _max_error(X, GL1_PINV, dps) < mpmath.mpf(10) ** (1 - dps)


@pytest.mark.parametrize("dps", [50, 100])
def test_gl1_ridge_expansion_and_gram_pseudo_inverse_numerically(dps):
    X0, X1 = num.ridge_expansion(GL1, dps=dps)
    assert _max_error(X0, GL1_PINV, dps) < mpmath.mpf(10) ** (1 - dps)
    assert _max_error(X1, GL1_RIDGE_COEFF, dps) < mpmath.mpf(10) ** (2 - dps)
    with mp.workdps(dps + 20):
        A = mp.matrix(GL1)
        G = num.pseudo_inverse(A.T * A, dps=dps, method="newton_schulz")
    assert _max_error(G, GL1_GRAM_PINV, dps) < mpmath.mpf(10) ** (1 - dps)


def test_gl1_least_squares_minima_numerically():
    right, res, _, _, res_left = num.least_squares_minima(GL1, [[1], [0], [0]], [[1, 0, 0]], dps=50)
    assert _max_error(right, Matrix([-23, -2, 19]) / 36, 50) < mpmath.mpf(10) ** -49
    _, res_identity, _, _, _ = num.least_squares_minima(GL1, eye(3).tolist(), eye(3).tolist(), dps=50)
    with mp.workdps(70):
        assert abs(res - mpmath.mpf(1) / 6) < mpmath.mpf(10) ** -49
        assert abs(res_left - mpmath.mpf(1) / 6) < mpmath.mpf(10) ** -49
        assert abs(res_identity - 1) < mpmath.mpf(10) ** -49


# --- golden numbers G-L2 -----------------------------------------------------------------------------


def test_gl2_pseudo_inverse():
    expected = Matrix([[1, 2, 3], [2, 4, 6]]) / 70
    assert exact.pseudo_inverse(GL2) == expected
    for method in num.METHODS:
        assert _max_error(num.pseudo_inverse(GL2, method=method), expected, 50) < mpmath.mpf(10) ** -49


def test_gl2_ridge_form_of_j():
    e = exact.eps
    X = exact.ridge_pseudo_inverse(J, e)
    assert X == Matrix(J) / (4 + e)
    assert exact.pseudo_inverse(J) == Matrix(J) / 4
    series = X.applyfunc(lambda t: sympy.series(t, e, 0, 2).removeO())
    assert (series - (Matrix(J) / 4 - e * Matrix(J) / 16)).applyfunc(sympy.expand) == sympy.zeros(2, 2)
    _, slope = num.ridge_expansion(J)
    assert _max_error(slope, -Matrix(J) / 16, 50) < mpmath.mpf(10) ** -49


# --- pitfalls ----------------------------------------------------------------------------------------


def test_ridge_limit_needs_cancelling_first():
    # pitfall 3: at eps = 0 the Gram matrix of a rank-deficient A is singular
    A = Matrix(GL1)
    with pytest.raises(ValueError):  # NonInvertibleMatrixError is a ValueError
        (A.T * A).inv()
    assert exact.ridge_pseudo_inverse(A, exact.eps).subs(exact.eps, 0) == GL1_PINV
    assert exact.ridge_pseudo_inverse(A, Rational(1, 10**6)) != GL1_PINV  # a small eps is not the limit


def test_newton_schulz_error_growth_on_a_rank_deficient_matrix():
    # pitfall 14 at dps 70: the component (I - A^+A) E (I - AA^+) of the error doubles every step
    errors = {}
    for steps in (20, 100, 200, 300):
        X, _ = num.newton_schulz(GL1, dps=70, steps=steps)
        with mp.workdps(90):
            D = X - mp.matrix([[mp.mpf(v.p) / v.q for v in row] for row in GL1_PINV.tolist()])
            errors[steps] = mp.mnorm(D, "F")
    assert errors[20] < mpmath.mpf(10) ** -67
    assert mpmath.mpf(10) ** -45 < errors[100] < mpmath.mpf(10) ** -43
    assert mpmath.mpf(10) ** -15 < errors[200] < mpmath.mpf(10) ** -13
    assert errors[300] > 1  # diverged
    # the safeguarded iteration stops early and its projection XAX removes the growing component
    X, taken = num.newton_schulz(GL1, dps=70)
    assert taken < 40 and _max_error(X, GL1_PINV, 70) < mpmath.mpf(10) ** -69


def test_newton_schulz_projection_removes_the_null_component():
    X, _ = num.newton_schulz(GL1, dps=50, project=False)
    Y, _ = num.newton_schulz(GL1, dps=50)
    assert _max_error(X, GL1_PINV, 50) < mpmath.mpf(10) ** -45  # stopped in time: still accurate
    assert _max_error(Y, GL1_PINV, 50) < mpmath.mpf(10) ** -49


def test_penrose_first_condition_alone_does_not_suffice():
    A, X = [[1, 2], [2, 4]], [[1, 0], [0, 0]]
    assert exact.penrose_conditions(A, X) == (True, True, False, False)
    assert exact.penrose_conditions(A, exact.pseudo_inverse(A)) == (True, True, True, True)
    residuals = num.penrose_residuals(A, num.pseudo_inverse(A, method="newton_schulz"))
    assert max(residuals) < mpmath.mpf(10) ** -48


def test_pseudo_inverse_of_a_product_is_not_the_reversed_product():
    a, b = Matrix([[1, 1]]), Matrix([[1], [0]])
    assert exact.pseudo_inverse(a * b) == Matrix([[1]])
    assert exact.pseudo_inverse(b) * exact.pseudo_inverse(a) == Matrix([[Rational(1, 2)]])


def test_eigen_recipe_agrees_with_newton_schulz():
    for A in (GL1, GL2, exact.MATRICES["random 4x4 of rank 2"], [[0, 0], [0, 0]]):
        eig = num.eigen_pseudo_inverse(A, dps=50)
        ns = num.pseudo_inverse(A, dps=50, method="newton_schulz")
        with mp.workdps(60):
            assert mp.mnorm(eig - ns, "F") < mpmath.mpf(10) ** -45


def test_numeric_rank_uses_the_relative_threshold():
    assert num.numeric_rank(GL1) == 2 and num.numeric_rank(GL2) == 1 and num.numeric_rank([[0, 0]]) == 0
    assert num.numeric_rank([[1, 0], [0, mpmath.mpf(10) ** -60]], dps=50) == 1


def test_surds_are_handled_exactly():
    v = Matrix([1, sqrt(2)])
    A = v * v.T  # rank 1, A^+ = A / |v|^4
    assert (exact.pseudo_inverse(A) - A / 9).applyfunc(sympy.simplify) == sympy.zeros(2, 2)


def test_zero_matrix_maps_to_the_zero_matrix_of_the_transposed_shape():
    assert exact.pseudo_inverse([[0, 0, 0], [0, 0, 0]]) == sympy.zeros(3, 2)
    for method in num.METHODS:
        X = num.pseudo_inverse([[0, 0, 0], [0, 0, 0]], method=method)
        assert (X.rows, X.cols) == (3, 2) and all(X[i, j] == 0 for i in range(3) for j in range(2))


def test_every_instance_matches_sympy_pinv_and_the_penrose_conditions():
    for name, A in exact.MATRICES.items():
        P = exact.pseudo_inverse(A)
        assert P == Matrix(A).pinv(), name
        assert exact.penrose_conditions(A, P) == (True, True, True, True), name


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_routes_agree_on_random_low_rank_matrices(data):
    A = data.draw(exact._low_rank_points())["A"]
    P = exact.pseudo_inverse(A)
    assert exact.penrose_conditions(A, P) == (True, True, True, True)
    for method in ("svd", "newton_schulz"):
        X = num.pseudo_inverse(A, dps=30, method=method)
        scale = max([abs(e) for e in P] + [Rational(1)])
        assert _max_error(X, P, 30) < mpmath.mpf(10) ** -25 * (float(scale) + 1)


# --- API errors ----------------------------------------------------------------------------------------

BAD_MATRICES = [
    ([], "real matrix required"),
    ([[1, 2], [3]], "real matrix required"),
    ([[1, 2], 3], "real matrix required"),
    ([[1, "x"]], "real matrix required"),
    ([[1, 1j]], "real matrix required"),
    ([[True, 0]], "boolean"),
    ("abc", "real matrix required"),
]


@pytest.mark.parametrize("bad, words", BAD_MATRICES)
def test_both_sides_reject_what_is_not_a_real_matrix(bad, words):
    with pytest.raises(ValueError, match=words):
        exact.pseudo_inverse(bad)
    with pytest.raises(ValueError, match=words):
        num.pseudo_inverse(bad)


def test_exact_side_rejects_complex_nonfinite_and_inexact_entries():
    with pytest.raises(ValueError, match="real matrix required"):
        exact.pseudo_inverse([[1, sympy.I]])
    with pytest.raises(ValueError, match="NaN or infinite"):
        exact.pseudo_inverse([[1, sympy.oo]])
    with pytest.raises(ValueError, match="NaN or infinite"):
        exact.pseudo_inverse([[sympy.nan]])
    with pytest.raises(ValueError, match="exact entries"):
        exact.pseudo_inverse([[0.5, 1]])
    with pytest.raises(ValueError, match="non-numeric"):
        exact.pseudo_inverse([[sympy.Symbol("t"), 1]])


def test_numeric_side_rejects_nonfinite_entries_and_unknown_methods():
    for bad in (math.nan, math.inf, mpmath.inf):
        with pytest.raises(ValueError, match="A has a NaN or infinite entry"):
            num.pseudo_inverse([[1, bad]])
    with pytest.raises(ValueError, match="'svd', 'newton_schulz', 'ridge'"):
        num.pseudo_inverse(GL1, method="qr")
    with pytest.raises(ValueError, match="dps"):
        num.pseudo_inverse(GL1, dps=True)


@pytest.mark.parametrize("bad", [0, -1, Rational(-1, 2), sympy.oo, sympy.nan, sympy.I, True, "x + "])
def test_ridge_eps_must_be_finite_and_positive(bad):
    with pytest.raises(ValueError, match="eps"):
        exact.ridge_pseudo_inverse(GL1, bad)


def test_shape_errors_state_both_shapes():
    with pytest.raises(ValueError, match="A is 3x3, X is 2x3"):
        exact.penrose_conditions(GL1, [[1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="A is 3x3, M is 2x1"):
        exact.lstsq(GL1, [[1], [2]])
    with pytest.raises(ValueError, match="A is 3x2, M is 1x3"):
        exact.lstsq(GL2, [[1, 2, 3]], side="left")
    with pytest.raises(ValueError, match="A is 3x3, X is 2x2"):
        num.penrose_residuals(GL1, [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match=r"A 3x3, B 2x2"):
        num.loss_gradients(GL1, [[1, 0], [0, 1]], [[1, 0], [0, 1], [1, 1]])


def test_unknown_side_lists_the_accepted_values():
    with pytest.raises(ValueError, match="'right', 'left'"):
        exact.lstsq(GL1, GL1, side="both")


def test_a_flat_list_is_a_column_vector():
    assert exact.pseudo_inverse([3, 4]) == Matrix([[3, 4]]) / 25
    X = num.pseudo_inverse([3, 4])
    assert (X.rows, X.cols) == (1, 2) and _max_error(X, Matrix([[3, 4]]) / 25, 50) < mpmath.mpf(10) ** -49


def test_full_rank_route_rejects_rank_deficient_factors():
    with pytest.raises(ValueError, match="full column rank"):
        num.full_rank_least_squares(GL2, GL2, [[1, 0], [0, 1]], [[1, 0]])
    with pytest.raises(ValueError, match="full column rank"):
        exact.full_rank_minimisers(GL2, GL2, [[1, 0], [0, 1]], [[1, 0]])


def test_full_rank_route_survives_a_zero_householder_pivot():
    # mp.qr_solve (mpmath 1.3.0) divides by zero on the column (0, -6, -10/3); the route's own Householder does not
    X, Y = num.full_rank_least_squares([[1, 2], [3, 4], [5, 7]], [[1], [0], [2]],
                                       [[0, -6, Fraction(-10, 3)]], [[1, 2, 3]], dps=50)
    x, y = exact.full_rank_minimisers([[1, 2], [3, 4], [5, 7]], [[1], [0], [2]], [[0, -6, Fraction(-10, 3)]],
                                      [[1, 2, 3]])
    assert _max_error(X, x, 50) < mpmath.mpf(10) ** -48 and _max_error(Y, y, 50) < mpmath.mpf(10) ** -48


def test_newton_schulz_and_ridge_never_call_the_svd(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("mp.svd_r called")

    monkeypatch.setattr(mp, "svd_r", forbidden)
    for method in ("newton_schulz", "ridge"):
        assert _max_error(num.pseudo_inverse(GL1, method=method), GL1_PINV, 50) < mpmath.mpf(10) ** -49
    with pytest.raises(AssertionError, match="svd_r"):
        num.pseudo_inverse(GL1, method="svd")


def test_cayley_needs_a_skew_matrix():
    with pytest.raises(ValueError, match="skew-symmetric"):
        exact.cayley([[1, 2], [2, 1]])
    Q = exact.cayley([[0, Fraction(1, 2)], [Fraction(-1, 2), 0]])
    assert Q.T * Q == eye(2)
