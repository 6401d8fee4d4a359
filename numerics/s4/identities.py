"""Private: independent mpmath routes for the S4 kernel results (similarity, recurrences, generating
functions, resolvents, Woodbury, the Cauchy form, S4D, the recurrent step, length doubling, the LegS
impulse response).  Dense linear algebra (``mp.lu_solve``, ``mp.inverse``, ``mp.expm``) on the data of
the example point, whose size ``N`` (and rank ``r``) it gives; no closed form under test is evaluated here.

Each route takes the example point's entries as keywords (``N=..., a11=..., b1=..., h=...``) and ``dps=``,
so a registered result passes it as its ``numeric`` directly (``functools.partial`` binds the constants
of a result: a sign, a measure).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mpmath import mp

from . import linalg as core
from .hippo_matrices import hippo_matrices
from numerics.agree import to_mp, with_dps

__all__ = ["mat", "vec", "similarity_parts", "recurrence", "su_recurrence", "series_sum", "root_sum",
           "resolvent_forms", "woodbury", "cauchy_pair", "conj_resolvent", "dense_step", "rotated_step", "legs_zoh_kernel",
           "legs_bilinear_kernel", "doubled_ctilde", "legs_impulse"]

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


def _size(p: Mapping[str, Any], name: str = "N") -> int:
    n = p.get(name)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"the point must give a positive integer size {name}, got {n!r}")
    return n


@with_dps(guard=_G)
def similarity_parts(*, dps: int, **p: Any) -> list:
    """Transformed system :math:`(QAQ^{-1},QB,Q^{-\\mathsf T}C)` of an N x N point: its bilinear pair and
    its kernel :math:`K_k` (the point's k) by repeated products."""
    N = _size(p)
    A, Q, B, C, h = mat(p, "a", N), mat(p, "q", N), vec(p, "b", N), vec(p, "c", N), to_mp(p["h"])
    Qi = mp.inverse(Q)
    At, Bt, Ct = Q * A * Qi, Q * B, Qi.T * C
    Ab, Bb = _bilinear(At, Bt, h)
    x = Bb
    for _ in range(p["k"]):
        x = Ab * x
    return [Ab, Bb, (Ct.T * x)[0]]


@with_dps(guard=_G)
def recurrence(*, dps: int, **p: Any) -> Any:
    """S4 convention: :math:`x_k=\\bar Ax_{k-1}+\\bar Bu_k`, :math:`x_{-1}=0`, output :math:`y_k=C^{\\mathsf T}x_k`
    at the point's ``k`` (entries ``a``, ``b``, ``c`` are :math:`\\bar A`, :math:`\\bar B`, C; inputs ``u0, u1, ...``)."""
    N, k = _size(p), p["k"]
    A, B, C = mat(p, "a", N), vec(p, "b", N), vec(p, "c", N)
    x = mp.matrix(N, 1)
    for j in range(k + 1):
        x = A * x + B * to_mp(p[f"u{j}"])
    return (C.T * x)[0]


@with_dps(guard=_G)
def su_recurrence(*, dps: int, **p: Any) -> Any:
    """Su's convention: :math:`x_{k+1}=\\bar Ax_k+\\bar Bu_k` from :math:`x_0=0`, output :math:`y_L=C^{\\mathsf T}x_L`."""
    N, L = _size(p), p["L"]
    A, B, C = mat(p, "a", N), vec(p, "b", N), vec(p, "c", N)
    x = mp.matrix(N, 1)
    for j in range(L):
        x = A * x + B * to_mp(p[f"u{j}"])
    return (C.T * x)[0]


def _node(p: Mapping[str, Any]) -> Any:
    """z = x + iy, or the root of unity exp(-2 pi i l/L) when the point names ``l``."""
    if "l" in p:
        return mp.expjpi(mp.mpf(-2 * p["l"]) / p["L"])
    return _z(p)


@with_dps(guard=_G)
def series_sum(*, dps: int, **p: Any) -> Any:
    """:math:`\\sum_{k<L}K_kz^k`, :math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B`, by repeated products (entries ``a``,
    ``b``, ``c`` are :math:`\\bar A`, :math:`\\bar B`, C), at z = x + iy or at the node exp(-2 pi i l/L)."""
    N, L = _size(p), p["L"]
    A, v, c = mat(p, "a", N), vec(p, "b", N), vec(p, "c", N)
    zz = _node(p)
    s, zk = mp.mpf(0), mp.mpf(1)
    for _ in range(L):
        s += (c.T * v)[0] * zk
        v, zk = A * v, zk * zz
    return s


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
    """:math:`(I-z\\bar A)^{-1}\\bar B` by a dense solve with the bilinear pair of the N x N point (A, B, h);
    twice (once per form of S4-RES-1) at :math:`z=x+iy`, once at :math:`z=-1` (S4-RES-2)."""
    N = _size(p)
    A, B, h = mat(p, "a", N), vec(p, "b", N), to_mp(p["h"])
    Ab, Bb = _bilinear(A, B, h)
    z = mp.mpf(-1) if at_minus_one else _z(p)
    x = mp.lu_solve(mp.eye(N) - z * Ab, Bb)
    return x if at_minus_one else [x, x]


@with_dps(guard=_G)
def woodbury(sign: int, *, dps: int, **p: Any) -> Any:
    """:math:`(D+\\mathrm{sign}\\,UW)^{-1}` by ``mp.inverse`` (D: N x N, U: N x r, W: r x N)."""
    N, r = _size(p), _size(p, "r")
    return mp.inverse(mat(p, "d", N) + sign * mat(p, "u", N, r) * mat(p, "w", r, N))


@with_dps(guard=_G)
def cauchy_pair(*, dps: int, **p: Any) -> Any:
    """:math:`c^{\\mathsf T}(gI-A)^{-1}b` for :math:`A=\\Lambda-PQ^{\\mathsf T}` (dense solve), g = x + iy,
    :math:`\\Lambda=\\operatorname{diag}(l_1..l_N)`, P and Q of size N x r."""
    N, r = _size(p), _size(p, "r")
    lam = mp.diag([to_mp(p[f"l{i + 1}"]) for i in range(N)])
    A = lam - mat(p, "p", N, r) * mat(p, "q", N, r).T
    x = mp.lu_solve(_z(p) * mp.eye(N) - A, vec(p, "b", N))
    return (vec(p, "c", N).T * x)[0]


@with_dps(guard=_G)
def conj_resolvent(*, dps: int, **p: Any) -> Any:
    """:math:`C^{\\mathsf T}(I-\\bar z\\bar A)^{-1}\\bar B` for real N x N data at the conjugate node."""
    N = _size(p)
    A, B, C = mat(p, "a", N), vec(p, "b", N), vec(p, "c", N)
    x = mp.lu_solve(mp.eye(N) - mp.conj(_z(p)) * A, B)
    return (C.T * x)[0]


@with_dps(guard=_G)
def dense_step(measure: str, N: int, *, dps: int, **p: Any) -> Any:
    """One bilinear step :math:`\\bar Ax+\\bar Bu` by dense mpmath linear algebra (the HiPPO matrix built in
    mpmath; no Woodbury formula): the state ``x0, x1, ...``, input ``u`` and step ``h`` of the point."""
    A, B, _, _ = hippo_matrices(measure, N)
    Ab, Bb = _bilinear(mp.matrix(A), mp.matrix(B), to_mp(p["h"]))
    x = mp.matrix([to_mp(p[f"x{i}"]) for i in range(N)])
    return Ab * x + Bb * to_mp(p["u"])


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


def _output(N: int, p: Mapping[str, Any]) -> list:
    """The output vector C of the point (entries ``c1..cN``), or all ones when the point gives none."""
    return [to_mp(p[f"c{i + 1}"]) if f"c{i + 1}" in p else mp.mpf(1) for i in range(N)]


@with_dps(guard=_G)
def legs_zoh_kernel(N: int, h: Any, K: int, *, dps: int, **p: Any) -> Any:
    """LegS ZOH kernel: block exponential ``mp.expm`` of [[A, B], [0, 0]] and repeated products, output C."""
    A, B, _, _ = hippo_matrices("legs", N)
    blk = mp.matrix(N + 1, N + 1)
    for i in range(N):
        for j in range(N):
            blk[i, j] = A[i][j] * to_mp(h)
        blk[i, N] = B[i] * to_mp(h)
    E = mp.expm(blk)
    Ab = E[:N, :N]
    x = E[:N, N]
    C, out = _output(N, p), []
    for _ in range(K):
        out.append(mp.fsum(C[i] * x[i] for i in range(N)))
        x = Ab * x
    return mp.matrix(out)


@with_dps(guard=_G)
def legs_bilinear_kernel(N: int, h: Any, K: int, *, dps: int, **p: Any) -> Any:
    """LegS bilinear kernel with output C by :func:`numerics.s4.kernel` (``"power"``)."""
    from .kernels import kernel

    A, B, _, _ = hippo_matrices("legs", N)
    return mp.matrix(kernel(A, B, _output(N, p), K, step=h, dps=dps))


@with_dps(guard=_G)
def doubled_ctilde(*, dps: int, **p: Any) -> Any:
    """:math:`(I-\\bar A^{2L})^{\\mathsf T}C` with :math:`\\bar A^{2L}` by 2L repeated products (N x N point)."""
    N, L = _size(p), p["L"]
    A, C = mat(p, "a", N), vec(p, "c", N)
    P = mp.eye(N)
    for _ in range(2 * L):
        P = P * A
    return (mp.eye(N) - P).T * C


@with_dps(guard=_G)
def legs_impulse(N: int, t: Any, *, dps: int) -> Any:
    """Impulse response :math:`e^{tA}B` of the LTI LegS system at time t: ``mp.expm`` of the LegS matrix built
    in mpmath, applied to B (no Legendre polynomial is evaluated)."""
    A, B, _, _ = hippo_matrices("legs", N)
    return mp.expm(mp.matrix(A) * to_mp(t)) * mp.matrix(B)
