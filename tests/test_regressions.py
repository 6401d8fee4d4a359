"""Points that random (dev-profile) hypothesis runs found, kept as fixed regressions."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from proofs import registry


@pytest.mark.parametrize("q", [1, 7, 100])
def test_reflection_with_lopsided_heights(q):
    # a/b = 119: findroot's secant from d/2 diverged; the bracketed Newton must not
    point = {"a": F(119, q), "b": F(1, q), "d": F(4, q), "v1": F(22, q), "v2": F(35, q), "x": F(45, q)}
    found = registry["VAR-A4"].cross_check(point, 50)
    assert found.passed, found.describe()


@settings(max_examples=25, deadline=None)
@given(registry["HIPPO-LEGS-P7"].params())
def test_legs_reconstruction_points_stay_inside_the_window(point):
    # the reconstruction claim is on [0, t]; beyond it the Legendre sum extrapolates and cancels
    assert 0 < point["tau"] <= point["t"]


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.s4").s4.legs_eigenvectors(10**30), "at most 4096"),
    (lambda: __import__("proofs.s4").s4.nplr("legs", 4097), "at most 4096"),
    (lambda: __import__("numerics.s4").s4.dplr("legs", 4097), "at most 4096"),
    (lambda: __import__("numerics.s4").s4.s4d_kernel([-1], [1], [1], 2**20 + 1, step=1), "at most 1048576"),
])
def test_huge_sizes_are_refused_not_attempted(call, match):
    # the fuzz test found legs_eigenvectors(10**30) building a 10^30 x 10^30 matrix (a hang)
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.hippo").hippo.fout_complex(10**30), "at most 2047"),
    (lambda: __import__("proofs.rational").rational.truncate_numerator([1, 2], [1, 2], 10**30), "at most 65536"),
    (lambda: __import__("numerics.variational").variational.discrete_brachistochrone(2, 1, 10**30), "at most 65536"),
])
def test_huge_sizes_of_the_remaining_contract_functions_are_refused(call, match):
    # the fuzz test found each of these hanging on 10**30 (a matrix, a matrix power, a grid of that size)
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.hippo").hippo.rescale([[1, 0], [0, 1]], [1, 1], [[1, 2], [3]]), "factor"),
    (lambda: __import__("proofs.variational").variational.cycloid(float("nan"), 1), "finite"),
    (lambda: __import__("proofs.variational").variational.cycloid(float("inf"), 1), "finite"),
    (lambda: __import__("proofs.variational").variational.endpoint_phi(float("nan")), "finite"),
    (lambda: __import__("proofs.variational").variational.endpoint_phi_derivative_numerator(float("nan")), "finite"),
    (lambda: __import__("numerics.entropy").entropy.annealed_entropy_quad("gaussian", 8, 1e300, dps=15), "at most"),
    (lambda: __import__("numerics.variational").variational.brachistochrone_shooting("0/0", 1, dps=15),
     "X must be a real number"),
])
def test_bad_values_found_by_the_fuzz_test_raise_value_error(call, match):
    # before: AttributeError (rescale), NaN/oo results (cycloid, endpoint_phi*), ZeroDivisionError (quadrature;
    # mpmath parsing the string "0/0" in numerics.agree.to_mp)
    with pytest.raises(ValueError, match=match):
        call()


def test_beltrami_and_euler_lagrange_refuse_a_nan_integrand():
    import sympy

    from proofs.variational import beltrami, euler_lagrange

    x, y = sympy.Symbol("x"), sympy.Function("y")
    for fn in (beltrami, euler_lagrange):
        with pytest.raises(ValueError, match="finite"):
            fn(float("nan"), y, x)


def test_euler_lagrange_of_integrands_whose_equation_sympy_drops():
    # euler_equations returns [] when E is a constant (Eq(E, 0) evaluates to a boolean); the fuzz
    # test hit IndexError on F = 1e300; F = y and F = x*y' have E = 1 and E = -1, not "no equation"
    import sympy

    from proofs.variational import euler_lagrange

    x, y = sympy.Symbol("x"), sympy.Function("y")
    assert euler_lagrange(sympy.Integer(5), y, x) == 0
    assert euler_lagrange(y(x), y, x) == 1
    assert euler_lagrange(x * y(x).diff(x), y, x) == -1


@pytest.mark.parametrize("lam", [10, 100, 10**4, 10**7])
def test_gaussian_annealed_entropy_quad_for_a_large_tilt(lam):
    # the untilted normaliser was integrated about the tilted peak, so it missed the mass at 0:
    # lam = 100 gave -1273.35 instead of ln 8 - 5000 (found while fixing the 1e300 crash)
    import mpmath

    from numerics.entropy import annealed_entropy_quad

    got = annealed_entropy_quad("gaussian", 8, lam, dps=15)
    with mpmath.workdps(30):
        exact = mpmath.log(8) - mpmath.mpf(lam) ** 2 / 2
    assert abs(got - exact) <= mpmath.mpf(10) ** -13 * abs(exact)


@pytest.mark.parametrize("a, epsilon", [(F(-109, 170170), F(1, 505)), (F(1, 10**30), F(1, 10**6))])
def test_disc6_numeric_route_covers_its_cancellation(a, epsilon):
    # |1 + eps lam/2|^2 - |1 - eps lam/2|^2 = 2 eps a subtracts two numbers near 1: a random hypothesis
    # seed (1769521405) drew the first point, where 5.6 digits cancelled and the route gave 44.9 < 45
    found = registry["HIPPO-DISC-6"].cross_check({"a": a, "epsilon": epsilon, "b": F(-3)}, 50)
    assert found.passed and found.digits >= 49 and found.digits_2x >= 99, found.describe()


@pytest.mark.parametrize("key", ["VAR-F1", "VAR-F2", "VAR-F3"])
def test_fermat_point_next_to_a_vertex_at_both_precisions(key):
    # a random hypothesis seed (2555741626) drew A = (-2, -2), B = (2, -3), C = (-4, 5): the angle at A is
    # 119.98 degrees, the Fermat point lies 1e-3 from A, and at dps 100 the damped Newton stepped to
    # within 1e-20 of A, where findroot could not recover ("Could not find root within given tolerance")
    point = {"Ax": -2, "Ay": -2, "Bx": 2, "By": -3, "Cx": -4, "Cy": 5}
    found = registry[key].cross_check(point, 50)
    assert found.passed, found.describe()


@pytest.mark.parametrize("entry", [None, "x", (1, 2), {1}])
def test_transfer_function_names_a_bad_matrix_entry_without_a_deprecation_warning(entry):
    # a random hypothesis seed (445970370) passed such an entry: Matrix() took it with SymPy's
    # "non-Expr objects in a Matrix" deprecation warning before the error was raised further on
    import warnings

    from proofs.rational import transfer_function

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="Abar must have numbers or SymPy expressions as entries"):
            transfer_function([[entry, 1], [1, 2]], [1, 0], [0, 1])
