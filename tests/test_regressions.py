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
