"""Points that random (dev-profile) hypothesis runs found, kept as fixed regressions."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from proofs import registry


@settings(max_examples=25, deadline=None)
@given(registry["HIPPO-LEGS-P7"].params())
def test_legs_reconstruction_points_stay_inside_the_window(point):
    # the reconstruction claim is on [0, t]; beyond it the Legendre sum extrapolates and cancels
    assert 0 < point["tau"] <= point["t"]


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.hippo").hippo.fout_complex(10**30), "at most 2047"),
])
def test_huge_sizes_of_the_remaining_contract_functions_are_refused(call, match):
    # the fuzz test found each of these hanging on 10**30 (a matrix, a matrix power, a grid of that size)
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.hippo").hippo.rescale([[1, 0], [0, 1]], [1, 1], [[1, 2], [3]]), "factor"),
])
def test_bad_values_found_by_the_fuzz_test_raise_value_error(call, match):
    # before: AttributeError (rescale); the entropy and variational cases are in tests/entropy, tests/variational
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("a, epsilon", [(F(-109, 170170), F(1, 505)), (F(1, 10**30), F(1, 10**6))])
def test_disc6_numeric_route_covers_its_cancellation(a, epsilon):
    # |1 + eps lam/2|^2 - |1 - eps lam/2|^2 = 2 eps a subtracts two numbers near 1: a random hypothesis
    # seed (1769521405) drew the first point, where 5.6 digits cancelled and the route gave 44.9 < 45
    found = registry["HIPPO-DISC-6"].cross_check({"a": a, "epsilon": epsilon, "b": F(-3)}, 50)
    assert found.passed and found.digits >= 49 and found.digits_2x >= 99, found.describe()


@pytest.mark.parametrize("point", [
    {"theta1": F(21, 10), "theta2": F(9, 20), "g1": F(49, 20), "g2": F(-9, 4), "eta": F(9, 10)},
    {"theta1": F(7, 20), "theta2": F(11, 5), "g1": F(-49, 20), "g2": F(14, 5), "eta": F(9, 10)},
])
def test_mirror_step_route_converges_from_a_far_start(point):
    # a random run drew points where one strict findroot from theta stopped short of its tolerance
    # ("Could not find root within given tolerance"); the route now solves in two stages
    assert registry["VAR-X3-1"].cross_check(point).passed
