"""Private: independent mpmath routes for the S4 kernel results (similarity, recurrences, generating
functions, resolvents, Woodbury, S4D, length doubling, log-time LegS).  Dense linear algebra
(``mp.lu_solve``, ``mp.inverse``, ``mp.expm``, ``mp.odefun``) on the data of the example point;
no closed form under test is evaluated here.

Each route takes the example point's entries as keywords (``a11=..., b1=..., h=...``) and ``dps=``, so a
registered result passes it as its ``numeric`` directly (``functools.partial`` binds the constants of a
result: a rank, a sign, a measure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import count
from typing import Any

from mpmath import mp

from . import linalg as core
from .hippo_matrices import hippo_matrices
from numerics.agree import to_mp, with_dps

__all__ = ["mat", "vec", "similarity_parts", "recurrence", "su_recurrence", "series_sum", "gf_remainder",
           "root_sum", "resolvent_forms", "woodbury", "cauchy_pair", "cauchy_pairs", "conj_resolvent",
           "rotated_step", "legs_zoh_kernel", "legs_bilinear_kernel", "doubled_ctilde", "logtime_state"]

_G = 20


def mat(p: Mapping[str, Any], prefix: str, n: int, m: int | None = None) -> Any:
    """mp matrix from point entries ``{prefix}{i+1}{j+1}``."""
    m = n if m is None else m
    return mp.matrix([[to_mp(p[f"{prefix}{i + 1}{j + 1}"]) for j in range(m)] for i in range(n)])


def vec(p: Mapping[str, Any], prefix: str, n: int) -> Any:
    return mp.matrix([to_mp(p[f"{prefix}{i + 1}"]) for i in range(n)])


def _bilinear(A: Any, B: Any, h: Any) -> tuple[Any, Any]:
    """The bilinear pair of :func:`numerics.s4.linalg.bilinear`, as mp matrices."""
    Ab, Bb = core.bilinear(A.tolist(), [B[i] for i in range(B.rows)], h)
    return mp.matrix(Ab), mp.matrix(Bb)


@with_dps(guard=_G)
def similarity_parts(*, dps: int, **p: Any) -> list:
    """Transformed system :math:`(QAQ^{-1},QB,Q^{-\\mathsf T}C)`: its bilinear pair and kernel K_0, K_1."""
    A, Q, B, C, h = mat(p, "a", 2), mat(p, "q", 2), vec(p, "b", 2), vec(p, "c", 2), to_mp(p["h"])
    Qi = mp.inverse(Q)
    At, Bt, Ct = Q * A * Qi, Q * B, Qi.T * C
    Ab, Bb = _bilinear(At, Bt, h)
    x, K = Bb, []
    for _ in range(2):
        K.append((Ct.T * x)[0])
        x = Ab * x
    return [Ab, Bb, mp.matrix(K)]


@with_dps(guard=_G)
def recurrence(*, dps: int, **p: Any) -> Any:
    """S4 convention: :math:`x_k=\\bar Ax_{k-1}+\\bar Bu_k`, :math:`x_{-1}=0`, :math:`y_k=C^{\\mathsf T}x_k`,
    one step per input ``u0, u1, ...`` of the point."""
    A, B, C = mat(p, "a", 2), vec(p, "b", 2), vec(p, "c", 2)
    x, ys = mp.matrix(2, 1), []
    for k in range(next(k for k in count() if f"u{k}" not in p)):
        x = A * x + B * to_mp(p[f"u{k}"])
        ys.append((C.T * x)[0])
    return mp.matrix(ys)


#: Su's convention, :math:`x_{k+1}=\bar Ax_k+\bar Bu_k` from :math:`x_0=0` with outputs :math:`y_1..y_n`, is the
#: same loop read with the state index shifted by one (S4's :math:`x_k` is Su's :math:`x_{k+1}`)
su_recurrence = recurrence


@with_dps(guard=_G)
def series_sum(Ab: Sequence, Bb: Sequence, C: Sequence, L: int, x: Any, y: Any, *, dps: int) -> Any:
    """:math:`\\sum_{k<L}K_kz^k` at :math:`z=x+iy` by repeated products."""
    A, v, c = mp.matrix([[to_mp(e) for e in r] for r in Ab]), mp.matrix([to_mp(e) for e in Bb]), \
        mp.matrix([to_mp(e) for e in C])
    zz = mp.mpc(to_mp(x), to_mp(y))
    s, zk = mp.mpf(0), mp.mpf(1)
    for _ in range(L):
        s += (c.T * v)[0] * zk
        v, zk = A * v, zk * zz
    return s


@with_dps(guard=_G)
def gf_remainder(Ab: Sequence, Bb: Sequence, C: Sequence, L: int, *, dps: int) -> Any:
    """Coefficients of the polynomial of degree < L whose values at :math:`z_l=e^{-2\\pi il/L}` are
    :math:`\\det(I-z_l\\bar A)\\,\\tilde C^{\\mathsf T}(I-z_l\\bar A)^{-1}\\bar B` (inverse DFT of the values)."""
    A = [[to_mp(v) for v in r] for r in Ab]
    B, C0 = [to_mp(v) for v in Bb], [to_mp(v) for v in C]
    N = len(A)
    AL = core.power(A, L)
    Ct = core.matvec(core.transpose([[(1 if i == j else 0) - AL[i][j] for j in range(N)] for i in range(N)]), C0)
    vals = []
    for z in core.nodes(L, -1):
        M = mp.matrix([[(1 if i == j else 0) - z * A[i][j] for j in range(N)] for i in range(N)])
        x = mp.lu_solve(M, mp.matrix(B))
        vals.append(mp.det(M) * mp.fsum(Ct[i] * x[i] for i in range(N)))
    coeffs = core.fft(vals, +1)
    return mp.matrix([mp.re(c) / L for c in coeffs])


@with_dps(guard=_G)
def root_sum(L: int, m: int, sign: int, *, dps: int) -> Any:
    """:math:`\\sum_{l<L}e^{\\mathrm{sign}\\cdot2\\pi ilm/L}` term by term."""
    s = mp.fsum(mp.expjpi(mp.mpf(sign * 2 * l * m) / L) for l in range(L))
    # the sum is computed with 20 guard digits: parts below 10^-(dps+10) are rounding noise of a zero
    tiny = mp.mpf(10) ** (-(dps + 10)) * L
    re = mp.re(s) if abs(mp.re(s)) > tiny else mp.mpf(0)
    return re if abs(mp.im(s)) <= tiny else mp.mpc(re, mp.im(s))


def _z(p: Mapping[str, Any]) -> Any:
    return mp.mpc(to_mp(p["x"]), to_mp(p["y"]))


@with_dps(guard=_G)
def resolvent_forms(*, dps: int, at_minus_one: bool = False, **p: Any) -> Any:
    """:math:`(I-z\\bar A)^{-1}\\bar B` by a dense solve with the bilinear pair (2 x 2 point data); twice (once
    per form of S4-RES-1) at :math:`z=x+iy`, once at :math:`z=-1` (S4-RES-2)."""
    A, B, h = mat(p, "a", 2), vec(p, "b", 2), to_mp(p["h"])
    Ab, Bb = _bilinear(A, B, h)
    z = mp.mpf(-1) if at_minus_one else _z(p)
    x = mp.lu_solve(mp.eye(2) - z * Ab, Bb)
    return x if at_minus_one else [x, x]


@with_dps(guard=_G)
def woodbury(sign: int, *, dps: int, **p: Any) -> list:
    """:math:`(D+\\mathrm{sign}\\,UW)^{-1}` by ``mp.inverse`` for rank 1 and rank 2 (2 x 2 blocks)."""
    D = mat(p, "d", 2)
    return [mp.inverse(D + sign * mat(p, "u", 2, 1) * mat(p, "w", 1, 2)),
            mp.inverse(D + sign * mat(p, "U", 2, 2) * mat(p, "W", 2, 2))]


@with_dps(guard=_G)
def cauchy_pair(r: int, *, dps: int, **p: Any) -> Any:
    """:math:`\\tilde c^{\\mathsf T}(gI-A)^{-1}\\tilde b` for :math:`A=\\Lambda-\\tilde P\\tilde Q^{\\mathsf T}` (dense), g = x + iy."""
    lam = mp.diag([to_mp(p["l1"]), to_mp(p["l2"])])
    P, Q = (vec(p, "p", 2), vec(p, "q", 2)) if r == 1 else (mat(p, "P", 2, 2), mat(p, "Q", 2, 2))
    A = lam - P * Q.T
    x = mp.lu_solve(_z(p) * mp.eye(2) - A, vec(p, "b", 2))
    return (vec(p, "c", 2).T * x)[0]


def cauchy_pairs(*, dps: int, **p: Any) -> list:
    """:func:`cauchy_pair` for rank 1 and rank 2 (S4-ALG-1 states both)."""
    return [cauchy_pair(1, dps=dps, **p), cauchy_pair(2, dps=dps, **p)]


@with_dps(guard=_G)
def conj_resolvent(*, dps: int, **p: Any) -> Any:
    """:math:`C^{\\mathsf T}(I-\\bar z\\bar A)^{-1}\\bar B` for real 2 x 2 data at the conjugate node."""
    A, B, C = mat(p, "a", 2), vec(p, "b", 2), vec(p, "c", 2)
    x = mp.lu_solve(mp.eye(2) - mp.conj(_z(p)) * A, B)
    return (C.T * x)[0]


@with_dps(guard=_G)
def rotated_step(measure: str, N: int, *, dps: int, **p: Any) -> Any:
    """One bilinear step by :func:`numerics.s4.nplr_step` in the rotated basis, rotated back."""
    from .kernels import dplr, nplr_step

    lam, Pt, Bt, V = dplr(measure, N, dps=dps + _G)
    x = mp.matrix([to_mp(p[f"x{i}"]) for i in range(N)])
    xr = V.H * x
    new = nplr_step([xr[i] for i in range(N)], p["u"], lam=lam, Ptilde=Pt, Btilde=Bt, step=p["h"],
                    dps=dps + _G)
    return (V * mp.matrix(new)).apply(mp.re)


@with_dps(guard=_G)
def legs_zoh_kernel(N: int, h: Any, K: int, *, dps: int) -> Any:
    """LegS ZOH kernel with C = 1: block exponential ``mp.expm`` of [[A, B], [0, 0]] and repeated products."""
    A, B, _, _ = hippo_matrices("legs", N)
    blk = mp.matrix(N + 1, N + 1)
    for i in range(N):
        for j in range(N):
            blk[i, j] = A[i][j] * to_mp(h)
        blk[i, N] = B[i] * to_mp(h)
    E = mp.expm(blk)
    Ab = E[:N, :N]
    x = E[:N, N]
    out = []
    for _ in range(K):
        out.append(mp.fsum(x[i] for i in range(N)))
        x = Ab * x
    return mp.matrix(out)


@with_dps(guard=_G)
def legs_bilinear_kernel(N: int, h: Any, K: int, *, dps: int) -> Any:
    """LegS bilinear kernel with C = 1 by :func:`numerics.s4.kernel` (``"power"``)."""
    from .kernels import kernel

    A, B, _, _ = hippo_matrices("legs", N)
    return mp.matrix(kernel(A, B, [1] * N, K, step=h, dps=dps))


@with_dps(guard=_G)
def doubled_ctilde(L: int, *, dps: int, **p: Any) -> Any:
    """:math:`(I-\\bar A^{2L})^{\\mathsf T}C` with :math:`\\bar A^{2L}` by 2L repeated products."""
    A, C = mat(p, "a", 2), vec(p, "c", 2)
    P = mp.eye(2)
    for _ in range(2 * L):
        P = P * A
    return (mp.eye(2) - P).T * C


@with_dps(guard=_G)
def logtime_state(N: int, s: Any, *, dps: int) -> Any:
    """LTI LegS state at time s for u(sigma) = sigma on [0, s] (zero before), by ``mp.odefun``."""
    A, B, _, _ = hippo_matrices("legs", N)
    f = mp.odefun(lambda t, x: [mp.fsum(A[i][j] * x[j] for j in range(N)) + B[i] * t for i in range(N)],
                  0, [mp.mpf(0)] * N)
    return mp.matrix(f(to_mp(s)))
