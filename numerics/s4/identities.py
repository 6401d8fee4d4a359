"""Private: independent mpmath routes for the S4 kernel results (similarity, recurrences, generating
functions, resolvents, Woodbury, S4D, length doubling, log-time LegS).  Dense linear algebra
(``mp.lu_solve``, ``mp.inverse``, ``mp.expm``, ``mp.odefun``) on the data of the example point;
no closed form under test is evaluated here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import mpmath
from mpmath import mp

from . import linalg as core
from .hippo_matrices import hippo_matrices
from numerics.agree import to_mp

__all__ = ["mat", "vec", "rounded", "similarity_parts", "recurrence", "su_recurrence", "series_sum",
           "gf_remainder", "root_sum", "resolvent_forms", "woodbury", "cauchy_pair", "conj_resolvent",
           "rotated_step", "legs_zoh_kernel", "legs_bilinear_kernel", "doubled_ctilde", "logtime_state"]

_G = 20


def mat(p: Mapping[str, Any], prefix: str, n: int, m: int | None = None) -> Any:
    """mp matrix from point entries ``{prefix}{i+1}{j+1}``."""
    m = n if m is None else m
    return mp.matrix([[to_mp(p[f"{prefix}{i + 1}{j + 1}"]) for j in range(m)] for i in range(n)])


def vec(p: Mapping[str, Any], prefix: str, n: int) -> Any:
    return mp.matrix([to_mp(p[f"{prefix}{i + 1}"]) for i in range(n)])


def rounded(x: Any, dps: int) -> Any:
    with mpmath.workdps(dps):
        if isinstance(x, list):
            return [rounded(v, dps) for v in x]
        if isinstance(x, mpmath.matrix):
            return x.apply(lambda v: +v)
        return +x


def _bilinear(A: Any, B: Any, h: Any) -> tuple[Any, Any]:
    N = A.rows
    inv = mp.inverse(mp.eye(N) - h / 2 * A)
    return inv * (mp.eye(N) + h / 2 * A), h * inv * B


def similarity_parts(p: Mapping[str, Any], *, dps: int) -> list:
    """Transformed system :math:`(QAQ^{-1},QB,Q^{-\\mathsf T}C)`: its bilinear pair and kernel K_0, K_1."""
    with mpmath.workdps(dps + _G):
        A, Q, B, C, h = mat(p, "a", 2), mat(p, "q", 2), vec(p, "b", 2), vec(p, "c", 2), to_mp(p["h"])
        Qi = mp.inverse(Q)
        At, Bt, Ct = Q * A * Qi, Q * B, Qi.T * C
        Ab, Bb = _bilinear(At, Bt, h)
        x, K = Bb, []
        for _ in range(2):
            K.append((Ct.T * x)[0])
            x = Ab * x
        out = [Ab, Bb, mp.matrix(K)]
    return rounded(out, dps)


def recurrence(p: Mapping[str, Any], n_steps: int, *, dps: int) -> Any:
    """S4 convention: :math:`x_k=\\bar Ax_{k-1}+\\bar Bu_k`, :math:`x_{-1}=0`, :math:`y_k=C^{\\mathsf T}x_k`."""
    with mpmath.workdps(dps + _G):
        A, B, C = mat(p, "a", 2), vec(p, "b", 2), vec(p, "c", 2)
        x, ys = mp.matrix(2, 1), []
        for k in range(n_steps):
            x = A * x + B * to_mp(p[f"u{k}"])
            ys.append((C.T * x)[0])
    return rounded(mp.matrix(ys), dps)


def su_recurrence(p: Mapping[str, Any], n_steps: int, *, dps: int) -> Any:
    """Su's convention: :math:`x_{k+1}=\\bar Ax_k+\\bar Bu_k`, :math:`x_0=0`; returns :math:`y_1..y_n`."""
    with mpmath.workdps(dps + _G):
        A, B, C = mat(p, "a", 2), vec(p, "b", 2), vec(p, "c", 2)
        x, ys = mp.matrix(2, 1), []
        for k in range(n_steps):
            x = A * x + B * to_mp(p[f"u{k}"])
            ys.append((C.T * x)[0])
    return rounded(mp.matrix(ys), dps)


def series_sum(Ab: Sequence, Bb: Sequence, C: Sequence, L: int, z: Any, *, dps: int) -> Any:
    """:math:`\\sum_{k<L}K_kz^k` by repeated products."""
    with mpmath.workdps(dps + _G):
        A, x, c = mp.matrix([[to_mp(v) for v in r] for r in Ab]), mp.matrix([to_mp(v) for v in Bb]), \
            mp.matrix([to_mp(v) for v in C])
        zz = mp.mpc(to_mp(z[0]), to_mp(z[1]))
        s, zk = mp.mpf(0), mp.mpf(1)
        for _ in range(L):
            s += (c.T * x)[0] * zk
            x, zk = A * x, zk * zz
    return rounded(s, dps)


def gf_remainder(Ab: Sequence, Bb: Sequence, C: Sequence, L: int, *, dps: int) -> Any:
    """Coefficients of the polynomial of degree < L whose values at :math:`z_l=e^{-2\\pi il/L}` are
    :math:`\\det(I-z_l\\bar A)\\,\\tilde C^{\\mathsf T}(I-z_l\\bar A)^{-1}\\bar B` (inverse DFT of the values)."""
    with mpmath.workdps(dps + _G):
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
        out = mp.matrix([mp.re(c) / L for c in coeffs])
    return rounded(out, dps)


def root_sum(L: int, m: int, sign: int, *, dps: int) -> Any:
    """:math:`\\sum_{l<L}e^{\\mathrm{sign}\\cdot2\\pi ilm/L}` term by term."""
    with mpmath.workdps(dps + _G):
        s = mp.fsum(mp.expjpi(mp.mpf(sign * 2 * l * m) / L) for l in range(L))
        # the sum is computed with 20 guard digits: parts below 10^-(dps+10) are rounding noise of a zero
        tiny = mp.mpf(10) ** (-(dps + 10)) * L
        re = mp.re(s) if abs(mp.re(s)) > tiny else mp.mpf(0)
        s = re if abs(mp.im(s)) <= tiny else mp.mpc(re, mp.im(s))
    return rounded(s, dps)


def _z(p: Mapping[str, Any]) -> Any:
    return mp.mpc(to_mp(p["x"]), to_mp(p["y"]))


def resolvent_forms(p: Mapping[str, Any], *, dps: int, at_minus_one: bool = False) -> Any:
    """:math:`(I-z\\bar A)^{-1}\\bar B` by a dense solve with the bilinear pair (2 x 2 point data)."""
    with mpmath.workdps(dps + _G):
        A, B, h = mat(p, "a", 2), vec(p, "b", 2), to_mp(p["h"])
        Ab, Bb = _bilinear(A, B, h)
        z = mp.mpf(-1) if at_minus_one else _z(p)
        x = mp.lu_solve(mp.eye(2) - z * Ab, Bb)
        out = x if at_minus_one else [x, x]
    return rounded(out, dps)


def woodbury(p: Mapping[str, Any], sign: int, *, dps: int) -> list:
    """:math:`(D+\\mathrm{sign}\\,UW)^{-1}` by ``mp.inverse`` for rank 1 and rank 2 (2 x 2 blocks)."""
    with mpmath.workdps(dps + _G):
        D = mat(p, "d", 2)
        out = [mp.inverse(D + sign * mat(p, "u", 2, 1) * mat(p, "w", 1, 2)),
               mp.inverse(D + sign * mat(p, "U", 2, 2) * mat(p, "W", 2, 2))]
    return rounded(out, dps)


def cauchy_pair(p: Mapping[str, Any], r: int, *, dps: int) -> Any:
    """:math:`\\tilde c^{\\mathsf T}(gI-A)^{-1}\\tilde b` for :math:`A=\\Lambda-\\tilde P\\tilde Q^{\\mathsf T}` (dense), g = x + iy."""
    with mpmath.workdps(dps + _G):
        lam = mp.diag([to_mp(p["l1"]), to_mp(p["l2"])])
        P, Q = (vec(p, "p", 2), vec(p, "q", 2)) if r == 1 else (mat(p, "P", 2, 2), mat(p, "Q", 2, 2))
        A = lam - P * Q.T
        x = mp.lu_solve(_z(p) * mp.eye(2) - A, vec(p, "b", 2))
        out = (vec(p, "c", 2).T * x)[0]
    return rounded(out, dps)


def conj_resolvent(p: Mapping[str, Any], *, dps: int) -> Any:
    """:math:`C^{\\mathsf T}(I-\\bar z\\bar A)^{-1}\\bar B` for real 2 x 2 data at the conjugate node."""
    with mpmath.workdps(dps + _G):
        A, B, C = mat(p, "a", 2), vec(p, "b", 2), vec(p, "c", 2)
        x = mp.lu_solve(mp.eye(2) - mp.conj(_z(p)) * A, B)
        out = (C.T * x)[0]
    return rounded(out, dps)


def rotated_step(measure: str, N: int, p: Mapping[str, Any], *, dps: int) -> Any:
    """One bilinear step by :func:`numerics.s4.nplr_step` in the rotated basis, rotated back."""
    from .kernels import dplr, nplr_step

    lam, Pt, Bt, V = dplr(measure, N, dps=dps + _G)
    with mpmath.workdps(dps + _G):
        x = mp.matrix([to_mp(p[f"x{i}"]) for i in range(N)])
        xr = V.H * x
        new = nplr_step([xr[i] for i in range(N)], p["u"], lam=lam, Ptilde=Pt, Btilde=Bt, step=p["h"],
                        dps=dps + _G)
        out = (V * mp.matrix(new)).apply(mp.re)
    return rounded(out, dps)


def legs_zoh_kernel(N: int, h: Any, K: int, *, dps: int) -> Any:
    """LegS ZOH kernel with C = 1: block exponential ``mp.expm`` of [[A, B], [0, 0]] and repeated products."""
    with mpmath.workdps(dps + _G):
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
    return rounded(mp.matrix(out), dps)


def legs_bilinear_kernel(N: int, h: Any, K: int, *, dps: int) -> Any:
    """LegS bilinear kernel with C = 1 by :func:`numerics.s4.kernel` (``"power"``)."""
    from .kernels import kernel

    with mpmath.workdps(dps + _G):
        A, B, _, _ = hippo_matrices("legs", N)
    return mp.matrix(kernel(A, B, [1] * N, K, step=h, dps=dps))


def doubled_ctilde(p: Mapping[str, Any], L: int, *, dps: int) -> Any:
    """:math:`(I-\\bar A^{2L})^{\\mathsf T}C` with :math:`\\bar A^{2L}` by 2L repeated products."""
    with mpmath.workdps(dps + _G):
        A, C = mat(p, "a", 2), vec(p, "c", 2)
        P = mp.eye(2)
        for _ in range(2 * L):
            P = P * A
        out = (mp.eye(2) - P).T * C
    return rounded(out, dps)


def logtime_state(N: int, s: Any, *, dps: int) -> Any:
    """LTI LegS state at time s for u(sigma) = sigma on [0, s] (zero before), by ``mp.odefun``."""
    with mpmath.workdps(dps + _G):
        A, B, _, _ = hippo_matrices("legs", N)
        f = mp.odefun(lambda t, x: [mp.fsum(A[i][j] * x[j] for j in range(N)) + B[i] * t for i in range(N)],
                      0, [mp.mpf(0)] * N)
        out = mp.matrix(f(to_mp(s)))
    return rounded(out, dps)
