"""The discretised time functional (VAR-A13): table G3, the exact segment time, and the EMPIRICAL observed orders
3/2 (uniform depths) and 2 (graded depths), registered as VAR-A13-RATE."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
from helpers import assert_caught, close
from mpmath import mp
from sympy import Eq, Tuple

import proofs
from numerics import variational as nv
from proofs.variational import minimality as mini

G3 = [(4, "uniform", "0.9512440024615286427993198", "2.59603166953064271793036373742"),
      (4, "graded", "0.962899343141349849797681", "2.59416852416523175328924110573"),
      (16, "uniform", "0.9356971885993476646725614", "2.5834759064724574491088099115"),
      (16, "graded", "0.9363033191710127039114201", "2.58269553272840735601679757017"),
      (64, "uniform", "0.9343467644453471704366744", "2.58209107381456089422834228739"),
      (64, "graded", "0.9343342350434783552421124", "2.5819542581540957347268464752")]

T_STAR = "2.581904512827771789264801395351979332835"


@pytest.mark.parametrize("N, grid, kappa, T", G3)
def test_discrete_golden_G3(N, grid, kappa, T):
    k, t = nv.discrete_brachistochrone(1, 1, N, grid=grid, dps=40)
    assert close(k, kappa, 22) and close(t, T, 26)
    assert t > mp.mpf(T_STAR)  # an admissible path is slower than the optimum (VAR-A13, A14)


def test_discrete_convergence_rates_empirical():
    """EMPIRICAL (VAR-A13): error ~ N^-3/2 on the uniform depth grid, N^-2 on the graded grid."""
    for grid, rate in (("uniform", 1.5), ("graded", 2.0)):
        errs = [nv.discrete_brachistochrone(1, 1, N, grid=grid, dps=30)[1] - mp.mpf(T_STAR) for N in (64, 256)]
        observed = float(mp.log(errs[0] / errs[1]) / mp.log(4))
        assert abs(observed - rate) < 0.1, (grid, observed)


def test_segment_time_formula_exact():
    t = nv.segment_time(Fr(1, 2), 0, Fr(1, 4))
    with mpmath.workdps(60):
        assert close(t, 2 * mp.sqrt(mp.mpf(1) / 4 + mp.mpf(1) / 16) / mp.sqrt(mp.mpf(1) / 4), 45)


def test_observed_orders_unrounded():
    assert abs(nv.discrete_order(1, 1, "uniform") - 1.5) < 0.05
    assert abs(nv.discrete_order(1, 1, "graded") - 2) < 0.01
    assert abs(nv.discrete_order(1, 2, "graded", 16, 64) - 2) < 0.05


def test_rate_result_passes_and_wrong_claim_is_caught():
    result = proofs.registry["VAR-A13-RATE"]
    assert result.verify(dps=30).passed
    # the subtle wrong claim "both grids converge at order 2" must fail on the uniform grid
    wrong = lambda: Tuple(Eq(mini.RATES[0], 2, evaluate=False), Eq(mini.RATES[1], 2, evaluate=False))
    rep = assert_caught(result, wrong, dps=30)
    assert rep.digits < 2


@pytest.mark.parametrize("call, match", [
    (lambda: nv.discrete_order(1, 1, "random"), "grid must be"),
    (lambda: nv.discrete_order(1, 1, "graded", 64, 16), "N1 must be smaller than N2"),
    (lambda: nv.discrete_order(1, 1, "graded", 0, 16), "N1 must be a positive integer"),
    (lambda: nv.discrete_order(2, 1, "graded"), "X/Y must be <= pi/2"),
])
def test_discrete_order_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_a_huge_number_of_segments_is_refused_not_attempted():
    # the fuzz test found discrete_brachistochrone(2, 1, 10**30) building a grid of that size (a hang)
    with pytest.raises(ValueError, match="at most 65536"):
        nv.discrete_brachistochrone(2, 1, 10**30)
