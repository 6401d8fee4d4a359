"""HEURISTIC and EMPIRICAL items (ENT-A11b, the ENT-A13 rule, ENT-A15): what their numeric routes measure."""

from __future__ import annotations

import mpmath
from mpmath import mp
from sympy import log

from numerics.entropy import heuristics as ng
from proofs.entropy import heuristics as pg


def test_jl_ratio_does_not_depend_on_eps():
    ratios = [ng.jl_dimension_ratio(10**5, e, dps=30) for e in ("0.05", "0.3", "0.9")]
    with mpmath.workdps(30):
        target = mp.log(10**5) / mp.log(512)
    assert all(abs(r - target) < mp.mpf(10) ** -28 for r in ratios)
    assert pg.jl_ratio(512).rhs == 1


def test_extreme_value_rule_measurements():
    m = ng.top_spacing_hazard
    with mpmath.workdps(30):
        assert abs(m("uniform", 1000, dps=30) - mp.mpf(1000) / 1001) < mp.mpf(10) ** -27
        assert abs(m("exponential", 10**6, dps=30) - 1) < mp.mpf(10) ** -27
    gauss = [float(m("gaussian", n, dps=20)) for n in (20, 100, 1000, 10**6, 10**30)]
    assert [round(g, 3) for g in gauss] == [0.949, 0.958, 0.967, 0.981, 0.996]
    assert gauss == sorted(gauss) and gauss[-1] < 1  # rises slowly towards 1


def test_cc22_code_is_an_exact_rescaling_only_without_bias():
    w, x, k = [[1, 2], [3, -1]], [2, 1], [1, 1]
    logit, dev = ng.cc22_code_logit(100, w, [0, 0], x, k, dps=30)
    assert dev == 0
    with mpmath.workdps(30):
        assert abs(logit - mp.log(100) / 2 * 9) < mp.mpf(10) ** -28
    _, dev = ng.cc22_code_logit(100, w, [1, -2], x, k, dps=30)
    assert abs(dev) > 1  # (1 - ln(100)/2) * (b.k = -1)
    assert pg.cc22_remedy_ratio() == log(512)
