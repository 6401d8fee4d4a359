"""S4 pillar: the Cauchy route of S4 Algorithm 1 (S4-ALG-1..3, S4-DIAG-1): node collisions raise, the normal
part is diagonalised by ``mp.eigh`` of -iK (never ``mp.eig`` of A), exact NPLR triples are accepted, a wrong
factor is refused, and the operation count of S4-ALG-2 is honest.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
from mpmath import mp

from numerics import s4 as ns4
from numerics.s4 import kernel_routes as nker
from proofs import registry, s4
from proofs.hippo import transition

from s4_systems import rel, system


@pytest.mark.parametrize("measure", ["legt", "lagt-half"])
def test_cauchy_raises_on_collision_for_odd_N(measure):
    A, B, fac = system(measure, 5)
    with pytest.raises(ValueError, match="collides"):
        ns4.kernel(A, B, [1] * 5, 8, step=F(1, 10), method="cauchy", nplr=fac)
    assert len(ns4.kernel(A, B, [1] * 5, 8, step=F(1, 10), method="generating")) == 8


def test_cauchy_raises_on_a_tan_collision():
    # LagT-half N = 2: omega = +-1/2; nodes collide when (2/h) tan(pi l/L) = 1/2: choose L = 4, h = 4
    A, B, fac = system("lagt-half", 2)
    with pytest.raises(ValueError, match="collides"):
        ns4.kernel(A, B, [1, 1], 4, step=4, method="cauchy", nplr=fac)


def test_cauchy_collision_constructed_per_S4_ALG_3_at_a_nonzero_node():
    """LegT, w = 1, N = 2: omega = +-sqrt3 (the skew part is [[0, -sqrt3], [sqrt3, 0]]); the node l = 1 of L = 6
    has g = (2/h) i tan(pi/6), which equals i sqrt3 exactly at h = 2 tan(pi/6)/sqrt3 = 2/3."""
    A, B, fac = system("legt", 2)
    lam, _ = ns4.unitary_diagonalize(fac[0])
    with mpmath.workdps(50):
        assert sorted(mp.im(l) for l in lam)[1] - mp.sqrt(3) < mp.mpf(10) ** -45
    with pytest.raises(ValueError, match="collides"):
        ns4.kernel(A, B, [1, 1], 6, step=F(2, 3), method="cauchy", nplr=fac)
    # a step that misses the collision works and agrees
    Kp = ns4.kernel(A, B, [1, 1], 6, step=F(1, 2))
    assert rel(Kp, ns4.kernel(A, B, [1, 1], 6, step=F(1, 2), method="cauchy", nplr=fac)) < 1e-35


def test_cauchy_accepts_the_exact_triple_of_proofs_s4_nplr_rank_2():
    S, P, B = s4.nplr("legt", 6, window=2)
    A, _ = transition("legt", 6, window=2)
    C = [1, -1, F(1, 2), 0, 3, F(-1, 3)]
    Kp = ns4.kernel(A, B, C, 17, step=F(1, 8))
    assert rel(Kp, ns4.kernel(A, B, C, 17, step=F(1, 8), method="cauchy", nplr=(S, P, B))) < 1e-35


def test_cauchy_diagonalises_the_skew_part_with_eigh_never_A(monkeypatch):
    """S4-DIAG-1 / pitfall 1: the Cauchy route calls mp.eigh on the Hermitian -iK and never mp.eig."""
    seen = []
    real_eigh = mp.eigh

    def spy(H, *a, **k):
        seen.append(H.copy())
        return real_eigh(H, *a, **k)

    def forbidden(*a, **k):
        raise AssertionError("mp.eig must not be used by the Cauchy route")

    monkeypatch.setattr(mp, "eigh", spy)
    monkeypatch.setattr(mp, "eig", forbidden)
    A, B, fac = system("legs", 6)
    K = ns4.kernel(A, B, [1] * 6, 12, step=F(1, 10), method="cauchy", nplr=fac)
    assert len(seen) == 1
    H = seen[0]
    with mpmath.workdps(200):
        assert H == H.H  # exactly Hermitian (compared at a precision that does not round H's entries)
    with mpmath.workdps(50):
        S = fac[0]
        K_skew = S + mp.eye(6) / 2  # S = K - I/2 for LegS
        assert mp.mnorm(H - mp.mpc(0, -1) * K_skew, 1) < mp.mpf(10) ** -45  # it is -iK, not A
    monkeypatch.undo()
    assert rel(ns4.kernel(A, B, [1] * 6, 12, step=F(1, 10)), K) < 1e-35


def test_wrong_legs_factor_is_caught_numerically():
    A, B, S, P = ns4.hippo_nplr("legs", 4)
    with mpmath.workdps(50):
        Pw = P * mp.mpf(1.001)
    with pytest.raises(ValueError, match="does not match"):
        ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10), method="cauchy", nplr=(S, Pw))


def test_alg2_count_fails_for_a_route_with_quadratic_work(monkeypatch):
    """S4-ALG-2 is an honest count: replacing the O(N) Cauchy sums by a dense N x N evaluation (or
    bypassing them) makes the registered check fail."""
    result = registry["S4-ALG-2"]
    assert result.verify(dps=20).passed

    def dense(weights, lam, g, pairs):
        N = len(lam)
        inv = [[(1 / (g - lam[i]) if i == j else mp.mpf(0)) for j in range(N)] for i in range(N)]
        groups = [[w[i] * inv[i][j] for i in range(N) for j in range(N)] for w in weights]
        nker.TERMS[0] += sum(len(t) for t in groups)
        return [mp.fsum(t) for t in groups]

    monkeypatch.setattr(nker, "cauchy_sums", dense)
    report = result.verify(dps=20)
    assert not report.passed and "numeric" in report.message
    monkeypatch.setattr(nker, "cauchy_sums", lambda weights, lam, g, pairs: [mp.mpf(0)] * len(weights))
    assert not result.verify(dps=20).passed
