"""Documented ValueErrors of the entropy pillar's public functions (proofs and numerics)."""

from __future__ import annotations

import pytest
import sympy
from sympy import Symbol

from numerics import entropy as ne
from numerics.entropy import heuristics as ng
from proofs import entropy as ent
from proofs.entropy import heuristics as pg


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: ent.softmax_entropy([], 1), "empty"),
        (lambda: ne.softmax_entropy([], 1), "empty"),
        (lambda: ent.softmax_entropy([0, 1j], 1), r"s\[1\] must be real"),
        (lambda: ent.softmax_entropy([0, Symbol("z", imaginary=True)], 1), r"s\[1\] must be real"),
        (lambda: ent.softmax_entropy([0, 1], sympy.nan), "lam must be finite"),
        (lambda: ne.softmax_entropy([0, float("nan")], 1), r"s\[1\] must be finite"),
        (lambda: ne.softmax_entropy([0, 1], float("inf")), "lam must be finite"),
        (lambda: ne.softmax_entropy([0, 1], 1j), "lam must be real"),
        (lambda: ent.two_level(1, 1, 1), "n must be an integer >= 2"),
        (lambda: ent.two_level(Symbol("n", integer=False), 1, 1), "n must be an integer >= 2"),
        (lambda: ne.invariant_scale_two_level(1, 1), "n must be an integer >= 2"),
        (lambda: ne.invariant_scale_two_level(10.0, 1), "n must be an integer"),
        (lambda: ne.invariant_scale_two_level(10, 0), r"H0 must lie in \(0, ln n\]"),
        (lambda: ne.invariant_scale_two_level(10, 3), r"H0 must lie in \(0, ln n\]"),
        (lambda: ent.lower_bound([0, 1], -1), "mirror form"),
        (lambda: ent.lower_bound([], 1), "empty"),
        (lambda: ent.practical_scale(0, 64), "n must be >= 1"),
        (lambda: ent.practical_scale(512, 0), "d must be >= 1"),
        (lambda: ent.practical_scale(512, 64, base=0), "base must be > 0"),
        (lambda: ent.practical_scale(512, 64, base=1), "base must be > 0 and != 1"),
        (lambda: ent.ssmax_scale(0, 1), "n must be >= 1"),
        (lambda: ent.yarn_mscale(0), "factor must be > 0"),
        (lambda: ent.yarn_mscale(-2), "factor must be > 0"),
        (lambda: ne.annealed_entropy_quad("cauchy", 10, 1), "law must be one of"),
        (lambda: ne.annealed_entropy_quad("exponential", 10, 1), "lam must be < rate"),
        (lambda: ne.pd_entropy_quad(1), r"m must lie in the open interval \(0, 1\)"),
        (lambda: ent.gradmax_alpha(1), "n must be > 1"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: ng.jl_dimension_ratio(1, "0.5"), "n must be > 1"),
        (lambda: ng.jl_dimension_ratio(100, 1), r"eps must lie in \(0, 1\)"),
        (lambda: ng.top_spacing_hazard("cauchy", 100), "law must be"),
        (lambda: ng.top_spacing_hazard("gaussian", 1), "n must be an integer >= 2"),
        (lambda: ng.cc22_code_logit(0, [[1]], [0], [1], [1]), "n must be an integer >= 1"),
        (lambda: ng.cc22_code_logit(10, [[1, 2]], [0], [1], [1]), "shapes must agree"),
        (lambda: pg.cc22_logit(10, [[1, 2]], [0], [1], [1]), "shapes must agree"),
        (lambda: ng.gradmax_cosine_n(0, 128), "alpha must be > 0"),
        (lambda: ng.gradmax_cosine_n(1, 1), "d must be an integer >= 2"),
        (lambda: pg.cosine_stationarity(-1, 128), "alpha must be > 0"),
        (lambda: pg.cosine_stationarity(1, 1), "d must be >= 2"),
        (lambda: pg.jl_ratio(1), "n must be > 1"),
        (lambda: ng.table_differences(["1"], ["1", "2"]), "equal length"),
    ],
)
def test_bad_input_of_the_heuristic_routes_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
