"""The HiPPO API contract (spec ``hippo.md`` section 10): the public names, and the errors they raise.

The generic registry tests (tests/test_registry.py) verify and perturb every HIPPO-* result; the
other files of this folder check what is not a single registered identity, by topic.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from mpmath import mp
from sympy import Rational, Symbol

from hippo_support import mpm
from numerics import hippo as nh
from proofs import hippo as H


def test_contract_names_exist():
    assert H.MEASURES == ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")
    for name in ("transition", "derive_transition", "discretize", "fout_complex", "rescale", "legs_step"):
        assert callable(getattr(H, name)) and name in H.__all__
    for name in ("project", "reconstruct", "discretize", "legs_step"):
        assert callable(getattr(nh, name)) and name in nh.__all__


@pytest.mark.parametrize("N", [0, -3, 2.5, True, "4", None])
def test_bad_N_raises(N):
    with pytest.raises(ValueError, match="N must be a positive integer"):
        H.transition("legs", N)
    with pytest.raises(ValueError, match="N must be a positive integer"):
        H.derive_transition("lagt", N)
    with pytest.raises(ValueError, match="N must be a positive integer"):
        nh.project(mp.sin, 1, N, "legs")


@pytest.mark.parametrize("measure", ["legendre", "LEGS", "", "tlagt", 3])
def test_unknown_measure_lists_allowed_values(measure):
    allowed = "legs, legt, lmu, lagt, lagt-half, fout, fous"
    with pytest.raises(ValueError, match=allowed):
        H.transition(measure, 3)
    with pytest.raises(ValueError, match=allowed):
        H.derive_transition(measure, 3)
    with pytest.raises(ValueError, match=allowed):
        nh.project(mp.sin, 1, 3, measure)


@pytest.mark.parametrize("window", [0, -1, Rational(-1, 2), Symbol("w"), 0.5, True])
@pytest.mark.parametrize("measure", ["legs", "legt", "fout"])
def test_bad_window_raises(window, measure):
    with pytest.raises(ValueError, match="window > 0"):
        H.transition(measure, 3, window=window)
    with pytest.raises(ValueError, match="window > 0"):
        H.derive_transition(measure, 3, window=window)


def test_discretize_and_step_errors():
    A, B = H.transition("legs", 3)
    with pytest.raises(ValueError, match="forward, backward, bilinear, gbt, zoh"):
        H.discretize(A, B, Rational(1, 10), "euler")
    with pytest.raises(ValueError, match=r"alpha in \[0, 1\]"):
        H.discretize(A, B, Rational(1, 10), "gbt")
    with pytest.raises(ValueError, match=r"alpha in \[0, 1\]"):
        H.discretize(A, B, Rational(1, 10), "gbt", alpha=2)
    for step in (0, -1, Symbol("e"), 0.1):
        with pytest.raises(ValueError, match="step"):
            H.discretize(A, B, step, "zoh")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        H.legs_step(0, 3)
    with pytest.raises(ValueError, match="exact, forward, backward, bilinear, su-bilinear"):
        H.legs_step(1, 3, "trapezoid")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        nh.legs_step(0, 3)
    with pytest.raises(ValueError, match="alpha"):
        nh.discretize(mpm(A), mpm(B), Fraction(1, 10), "gbt")
    with pytest.raises(ValueError, match="step"):
        nh.discretize(mpm(A), mpm(B), 0, "zoh")
    with pytest.raises(ValueError, match="nonzero"):
        H.rescale(A, B, [1, 0, 2])
    with pytest.raises(ValueError, match="consistent, su"):
        H.fout_complex(2, closure="midpoint")


@pytest.mark.parametrize("measure", ["legs", "fous"])
def test_project_needs_positive_time_for_scaled_measures(measure):
    with pytest.raises(ValueError, match="t > 0"):
        nh.project(mp.sin, 0, 3, measure)
    with pytest.raises(ValueError, match="window > 0"):
        nh.project(mp.sin, 1, 3, "legt", window=-1)
