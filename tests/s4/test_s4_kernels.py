"""S4 pillar: the convolution kernel computed three ways (``numerics.s4.kernel``: power, generating,
cauchy) agrees (contract: 1e-35 relative at dps 50), golden kernels G-S5/G-S6 (S4D), the C-tilde correction,
singular truncations and similarity invariance (S4-SIM-1).
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from numerics import s4 as ns4
from numerics.agree import digits
from proofs import s4
from proofs.core import checks
from proofs.hippo import transition

from s4_systems import draw_C, rel, system


G_S5 = ["0.547052197738568032740649689629", "0.223439367527315448873972765293", "0.0639939291013522522340401039477",
        "-0.00459941861201246802092609178217", "-0.0256215502462482695500004557762",
        "-0.0239291607072654567083294632399", "-0.0132522750790456517777268066993",
        "-0.000736757910085984543302048704403"]

G_S6 = ["0.529932869866826937289925261750", "0.221221658684500095679579983910", "0.0676814341637523353779192701729",
        "0.000573332837951873325749070298403", "-0.0209099753099766392195840664552",
        "-0.0203510240580331160254722433171", "-0.0108718463708500122208406579605",
        "0.000633039715784836532986081399909"]


@pytest.mark.parametrize("method", ["power", "generating", "cauchy"])
def test_kernel_golden_G_S5(method):
    S, P, B = s4.nplr("legs", 4)
    A, _ = transition("legs", 4)
    K = ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10), method=method, nplr=(S, P, B))
    assert all(isinstance(k, mpmath.mpf) for k in K)
    with mpmath.workdps(40):
        assert digits(K, [mp.mpf(s) for s in G_S5]) > 29


@pytest.mark.parametrize("disc, gold", [("zoh", G_S6), ("bilinear", G_S5)])
def test_s4d_kernel_in_the_legs_eigenbasis(disc, gold):
    V = s4.legs_eigenvectors(4)
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(4)])
    Bp = list(V.inv() * sympy.ones(4, 1))
    Cp = list((T * V).T * sympy.ones(4, 1))
    K = ns4.s4d_kernel([-1, -2, -3, -4], Bp, Cp, 8, step=F(1, 10), disc=disc, conj_pairs=False)
    with mpmath.workdps(40):
        assert digits(K, [mp.mpf(s) for s in gold]) > 29


def test_s4d_conj_pairs_is_twice_the_real_part():
    lam, B, C = [mp.mpc(-0.5, 3), mp.mpc(-0.5, 1)], [1, F(1, 2)], [F(1, 3), 2]
    half = ns4.s4d_kernel(lam, B, C, 5, step=F(1, 10), conj_pairs=False)
    both = ns4.s4d_kernel(lam, B, C, 5, step=F(1, 10), conj_pairs=True)
    with mpmath.workdps(50):
        assert all(abs(2 * mp.re(a) - b) < mp.mpf(10) ** -45 for a, b in zip(half, both))


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_three_kernel_methods_agree_contract(data):
    """Spec §7 acceptance: power, generating and cauchy agree to 1e-35 (relative, dps 50) for LegS and LagT
    (N <= 16) and LegT and LagT-half (even N <= 16), L <= 64 odd and even, step in [1e-3, 1]."""
    measure = data.draw(st.sampled_from(["legs", "lagt", "legt", "lagt-half"]), label="measure")
    if measure in ("legs", "lagt"):
        N = data.draw(st.integers(1, 16), label="N")
    else:
        N = data.draw(st.sampled_from(range(2, 17, 2)), label="N")
    parity = data.draw(st.sampled_from([0, 1]), label="L odd")
    L = max(1, 2 * data.draw(st.integers(1, 32), label="L/2") - parity)
    step = data.draw(st.fractions(F(1, 1000), F(1), max_denominator=1000), label="step")
    halve = data.draw(st.booleans(), label="halve")
    C = draw_C(data, N)
    A, B, fac = system(measure, N)
    Kp = ns4.kernel(A, B, C, L, step=step)
    Kg = ns4.kernel(A, B, C, L, step=step, method="generating", halve=halve)
    try:
        Kc = ns4.kernel(A, B, C, L, step=step, method="cauchy", nplr=fac, halve=halve)
    except ValueError as exc:
        # c = -1/2 (LegS, LagT): |g(z) - lambda| >= 1/2, a collision is impossible (S4-ALG-3 (i)); for c = 0 a
        # node may collide only when (2/h) tan(pi l/L) = omega_n, and then an error is the contract
        assert measure in ("legt", "lagt-half") and "collides" in str(exc)
        Kc = Kp
    assert all(isinstance(k, mpmath.mpf) for k in Kp + Kg + Kc)
    assert rel(Kp, Kg) < 1e-35 and rel(Kp, Kc) < 1e-35


@settings(max_examples=5, deadline=None)
@given(N=st.sampled_from(range(2, 17, 2)), L=st.integers(1, 64),
       step=st.fractions(F(1, 1000), F(1), max_denominator=1000), data=st.data())
def test_fout_reduced_power_and_generating_agree(N, L, step, data):
    """FouT with the placeholder removed (proofs.s4.fout_reduced, exact SymPy input): "power" = "generating"."""
    A, B, S, P = s4.fout_reduced(N, window=2)
    C = draw_C(data, N - 1)
    Kp = ns4.kernel(A, B, C, L, step=step)
    assert rel(Kp, ns4.kernel(A, B, C, L, step=step, method="generating")) < 1e-35


@pytest.mark.parametrize("measure, N, L", [("legs", 16, 64), ("legs", 5, 20), ("legs", 6, 21), ("legs", 7, 63),
                                           ("lagt", 5, 33), ("lagt", 16, 63), ("legt", 4, 16), ("legt", 6, 64),
                                           ("legt", 16, 63), ("lagt-half", 6, 24), ("lagt-half", 16, 31)])
def test_methods_agree_on_contract_cases(measure, N, L):
    A, B, fac = system(measure, N)
    C = [F((-1) ** k * (k + 1), 7) for k in range(N)]
    Kp = ns4.kernel(A, B, C, L, step=F(1, 20))
    Kc = ns4.kernel(A, B, C, L, step=F(1, 20), method="cauchy", nplr=fac)
    Kh = ns4.kernel(A, B, C, L, step=F(1, 20), method="cauchy", nplr=fac, halve=True)
    assert rel(Kp, Kc) < 1e-35 and rel(Kp, Kh) < 1e-35
    assert rel(Kp, ns4.kernel(A, B, C, L, step=F(1, 20), method="generating", halve=True)) < 1e-35


def test_fout_reduced_power_and_generating_agree_and_full_fout_is_singular():
    A, B, S, P = ns4.fout_reduced(6)
    C = [1, F(1, 2), -1, F(1, 3), 2]
    Kp = ns4.kernel(A, B, C, 20, step=F(1, 10))
    assert rel(Kp, ns4.kernel(A, B, C, 20, step=F(1, 10), method="generating")) < 1e-35
    Af, Bf, _, _ = ns4.hippo_nplr("fout", 6)
    Cf = [C[0], 7] + C[1:]  # index 1 is decoupled: its C entry is irrelevant
    assert rel(Kp, ns4.kernel(Af, Bf, Cf, 20, step=F(1, 10))) < 1e-45
    with pytest.raises(ValueError, match="singular"):
        ns4.kernel(Af, Bf, Cf, 20, step=F(1, 10), method="generating")
    with mpmath.workdps(30):
        assert max(mp.re(e) for e in mp.eig(A)[0]) < 0  # reduced system is Hurwitz (S4-NPLR-6)


def test_dropping_ctilde_gives_the_aliased_kernel():
    A, B, _ = system("legs", 4)
    Abar, Bbar = ns4.bilinear(A, B, F(1, 10))
    from numerics.s4.linalg import idft

    with mpmath.workdps(50):
        L = 8
        z = [mp.expjpi(mp.mpf(-2 * l) / L) for l in range(L)]
        Khat = [mp.fdot([1] * 4, mp.lu_solve(mp.eye(4) - zl * Abar, mp.matrix(Bbar))) for zl in z]
    with mpmath.workdps(50):
        aliased = [mp.re(v) for v in idft(Khat)]
    K = ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10))
    assert rel(K, aliased) > 1e-3  # the (I - Abar^L) correction matters for small steps


@pytest.mark.parametrize("method", ["generating", "cauchy"])
def test_singular_truncation_raises_for_full_fout(method):
    """S4-NPLR-6: the full FouT A is singular, Abar has the eigenvalue 1 and I - Abar^L is singular."""
    S, P, B = s4.nplr("fout", 6)
    A, _ = transition("fout", 6)
    with pytest.raises(ValueError, match="singular"):
        ns4.kernel(A, B, [1] * 6, 16, step=F(1, 10), method=method, nplr=(S, P))


@pytest.mark.parametrize("method", ["generating", "cauchy"])
def test_singular_truncation_raises_when_abar_has_a_root_of_unity(method):
    # A = [[0, -2], [2, 0]], step 1: Abar has the eigenvalues (1 +- 2i/2)/(1 -+ 2i/2) = +-i, and i^4 = 1
    A, B, C = [[0, -2], [2, 0]], [1, 0], [0, 1]
    assert len(ns4.kernel(A, B, C, 4, step=1)) == 4  # the kernel itself is fine
    with pytest.raises(ValueError, match="singular"):
        ns4.kernel(A, B, C, 4, step=1, method=method)
    assert rel(ns4.kernel(A, B, C, 5, step=1), ns4.kernel(A, B, C, 5, step=1, method=method)) < 1e-35


@settings(max_examples=6, deadline=None)
@given(measure=st.sampled_from(["legs", "legt", "lagt"]), N=st.integers(1, 8), data=st.data())
def test_similarity_leaves_hippo_kernels_unchanged_S4_SIM_1(measure, N, data):
    """S4-SIM-1 (b): (A, B, C) and (Q A Q^-1, Q B, Q^-T C) have the same kernel, random rational Q, N <= 8."""
    entries = st.fractions(-3, 3, max_denominator=7)
    Q = [[data.draw(entries) + (3 if i == j else 0) for j in range(N)] for i in range(N)]  # diagonally dominated
    Qs = sympy.Matrix(Q)
    if Qs.det() == 0:
        Qs[0, 0] += 1
    A, B = transition(measure, N)
    C = [data.draw(entries) for _ in range(N)]
    Qi = Qs.inv()  # rational
    Am, Bm, _, _ = ns4.hippo_nplr(measure, N, dps=90)
    with mpmath.workdps(90):
        Qm, Qim = mp.matrix(Qs.tolist()), mp.matrix(Qi.tolist())
        Aq, Bq, Cq = Qm * Am * Qim, Qm * mp.matrix(Bm), Qim.T * mp.matrix(C)
    K = ns4.kernel(Am, Bm, C, 12, step=F(1, 7))
    Kq = ns4.kernel(Aq, Bq, Cq, 12, step=F(1, 7))
    if max(abs(k) for k in K) > 0:
        assert rel(K, Kq) < 1e-40
    # the discretisation commutes with Q exactly (SymPy, bilinear; LagT has rational entries, so this is fast)
    if measure == "lagt" and N <= 4:
        h = sympy.Rational(1, 7)
        bil = lambda M: (sympy.eye(N) - h / 2 * M).inv() * (sympy.eye(N) + h / 2 * M)  # noqa: E731
        assert checks.same(bil(Qs * A * Qi), Qs * bil(A) * Qi)
