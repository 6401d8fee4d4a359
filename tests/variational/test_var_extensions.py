"""Part II, extensions (VAR-X1 .. X3): gradient flow, minimisation over distributions, exponentiated gradient."""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath
import pytest
import sympy
from helpers import close
from sympy import Rational

from numerics.agree import to_mp


def test_extension_goldens():
    from numerics.variational import extensions as nx

    x = nx.quadratic_flow((1, 1), Fr(3, 2), dps=40)
    assert close(x[0], "0.037955196184655782700987658853271171", 33)
    assert close(x[1], "-0.016344658016559073712515117685523453", 33)
    prox = nx.proximal_step((1, 1), Fr(1, 2))
    with mpmath.workdps(60):
        assert close(prox[0], to_mp(Fr(8, 19)), 45) and close(prox[1], to_mp(Fr(6, 19)), 45)
    ent = nx.entropic_minimiser((1, 2, 3), 1)
    for got, want in zip(ent[:3], ("0.6652409557748218895290183", "0.2447284710547976524729596",
                                   "0.0900305731703804579980221")):
        assert close(got, want, 23)
    # the minimum of sum p f + sum p log p is -log(e^-1 + e^-2 + e^-3) = +0.5923... (the sum is < 1)
    assert close(ent[3], "0.59239403555561969551708009545492955", 33)
    free = nx.gaussian_free_energy(2, dps=30)
    assert close(free[1], "-0.91893853320467274178032973640561764", 28)
    assert free[0] > free[1]


def test_extension_identities_symbolic():
    from proofs.variational import gradient_flow as ext
    from proofs.variational import distributions as dist

    assert ext.proximal_statement().rhs.subs({ext.XK1: 1, ext.XK2: 1, ext.eta: Rational(1, 2)}) == sympy.Matrix(
        [Rational(8, 19), Rational(6, 19)])
    gap = (ext.gaussian_kl_statement()[1].rhs - 2 * ext.gaussian_kl_statement()[0].rhs)
    assert sympy.simplify(gap - (1 / ext.ss**2 - 1 + sympy.log(ext.ss**2))) == 0
    z = sympy.Symbol("z", positive=True)
    assert sympy.minimum(1 / z - 1 + sympy.log(z), z, sympy.Interval.open(0, sympy.oo)) == 0  # log-Sobolev gap
    assert sympy.solve(dist.quadratic_alignment_statement().rhs, ext.eta) == [1 / dist.aa]


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("numerics.variational.extensions", fromlist=["x"]).quadratic_flow((1, 1), -1), "t must be >= 0"),
    (lambda: __import__("numerics.variational.extensions", fromlist=["x"]).proximal_step((1, 1), 0), "eta must be positive"),
    (lambda: __import__("numerics.variational.extensions", fromlist=["x"]).entropic_minimiser((1,), 1), "at least two"),
    (lambda: __import__("numerics.variational.extensions", fromlist=["x"]).mirror_step((1, -1), (1, 1), 1), "positive"),
    (lambda: __import__("numerics.variational.extensions", fromlist=["x"]).gibbs_objective((1,), (1, 2), (1,), 1),
     "same length"),
])
def test_extension_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
