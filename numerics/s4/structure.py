"""Private: independent mpmath routes for the S4 results' numeric cross-checks (NPLR, spectra,
eigenvectors, conditioning).  The matrices come from :mod:`numerics.s4.hippo_matrices` (built in mpmath),
spectra from ``mp.eigh`` / ``mp.eig``, eigenvectors by inverse iteration, conditioning by ``mp.svd_r``.
No closed form under test is evaluated here.
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp

from .hippo_matrices import hippo_matrices
from numerics.agree import to_mp, with_dps

__all__ = ["nplr_parts", "legs_invariants", "fout_dets", "lagt_row", "legs_eigvecs", "legs_S_third",
           "integer_eigvecs", "log2_cond", "eigen_ratio_limit", "eigen_ratio_table"]

_G = 20


@with_dps(guard=_G)
def nplr_parts(measure: str, N: int, w: Any = 1, *, dps: int) -> list:
    """``[S, B]`` with :math:`S=A+PP^{\\mathsf T}` formed in floating point; for ``legt`` also the
    rank-1 remainder :math:`A+pp^{\\mathsf T}`, :math:`p_n=\\sqrt{(2n+1)/w}` (before B)."""
    A, B, S, P = hippo_matrices(measure, N, w)
    out = [mp.matrix(S)]
    if measure == "legt":
        p = [mp.sqrt((2 * n + 1) / to_mp(w)) for n in range(N)]
        out.append(mp.matrix([[A[i][j] + p[i] * p[j] for j in range(N)] for i in range(N)]))
    if measure == "lagt":
        Ah, _, Sh, _ = hippo_matrices("lagt-half", N, w)
        out = [mp.matrix(Sh), mp.matrix(S)]
    out.append(mp.matrix(B))
    return out


def _skew_omegas(measure: str, N: int, w: Any = 1) -> list:
    _, _, S, _ = hippo_matrices(measure, N, w)
    c = mp.fsum(S[i][i] for i in range(N)) / N
    H = mp.matrix([[mp.mpc(0, -(S[i][j] - (c if i == j else 0))) for j in range(N)] for i in range(N)])
    E = mp.eigh(H, eigvals_only=True)
    return [E[i] for i in range(N)]


@with_dps(guard=_G)
def legs_invariants(N: int, *, dps: int) -> list:
    """:math:`[\\sum\\omega^2, \\prod i\\omega]` of the LegS skew part, from ``mp.eigh`` of :math:`-iK`."""
    om = _skew_omegas("legs", N)
    s2, prod = mp.fsum(x * x for x in om), mp.fprod(mp.mpc(0, x) for x in om)
    return [s2, mp.re(prod)]


@with_dps(guard=_G)
def fout_dets(m: int, w: Any, *, dps: int) -> list:
    """``[det A_fout, det A_reduced]`` for N = 2m (``mp.det``), and :math:`B_1`."""
    N = 2 * m
    A, B, _, _ = hippo_matrices("fout", N, w)
    keep = [i for i in range(N) if i != 1]
    full = mp.det(mp.matrix(A))
    red = mp.det(mp.matrix([[A[i][j] for j in keep] for i in keep]))
    return [full, red, B[1]]


@with_dps(guard=_G)
def lagt_row(N: int, j: int, m: int, *, dps: int) -> Any:
    """:math:`\\tfrac12\\sum_k\\operatorname{sign}(k-m)\\zeta_j^k`, :math:`\\zeta_j=e^{i\\pi(2j+1)/N}` (direct sum)."""
    z = mp.expjpi(mp.mpf(2 * j + 1) / N)
    return mp.fsum((1 if k > m else -1) * z ** k for k in range(N) if k != m) / 2


def _inverse_iteration(A: list, lam: Any, rhs: list) -> list:
    N = len(A)
    eps = mp.mpf(10) ** (-(mp.dps - 5))
    M = mp.matrix([[-A[i][j] - ((lam + eps) if i == j else 0) for j in range(N)] for i in range(N)])
    x = mp.lu_solve(M, mp.matrix(rhs))
    return [x[i] for i in range(N)]


@with_dps(guard=_G)
def legs_eigvecs(N: int, *, dps: int) -> Any:
    """Columns: eigenvectors of :math:`-A` (LegS) for :math:`\\lambda=1..N` by one step of inverse iteration
    at a shifted pole, normalised to :math:`S_{N-1}=\\sum_k\\sqrt{2k+1}v_k=1`."""
    with mpmath.extradps(dps + 2 * N):  # the eigenvector entries grow like 2^(4N/3): work at 2 dps + 2 N
        A, _, _, _ = hippo_matrices("legs", N)
        cols = []
        for lam in range(1, N + 1):
            x = _inverse_iteration(A, mp.mpf(lam), [mp.mpf(1) + mp.mpf(k) / 7 for k in range(N)])
            s = mp.fsum(mp.sqrt(2 * k + 1) * x[k] for k in range(N))
            cols.append([v / s for v in x])
        return mp.matrix([[cols[j][i] for j in range(N)] for i in range(N)])


@with_dps(guard=_G)
def legs_S_third(m: int, *, dps: int) -> Any:
    """:math:`|S_{d/3}|` for N = d = 3m, eigenvalue :math:`\\lambda=d/3`, by inverse iteration."""
    d = 3 * m
    with mpmath.extradps(dps + 2 * d):  # as legs_eigvecs: 2 dps + 2 d digits
        A, _, _, _ = hippo_matrices("legs", d)
        x = _inverse_iteration(A, mp.mpf(m), [mp.mpf(1) + mp.mpf(k) / 7 for k in range(d)])
        S = [mp.fsum(mp.sqrt(2 * k + 1) * x[k] for k in range(n + 1)) for n in range(d)]
        return abs(S[m] / S[d - 1])


@with_dps(guard=_G)
def integer_eigvecs(N: int, signed: bool = True, *, dps: int) -> Any:
    """Eigenvectors of :math:`M=T^{-1}AT` (or :math:`JMJ`) by ``mp.eig`` (QR), unit diagonal, eigenvalues
    -1, -2, ... in order; returned as ``[V, diag(eigenvalues)]``."""
    with mpmath.extradps(4 * N):  # the QR iteration loses digits with N: work at dps + 4 N
        M = mp.matrix(N, N)
        for n in range(N):
            for k in range(n + 1):
                M[n, k] = -(2 * k + 1) if n > k else -(n + 1)
                if not signed:
                    M[n, k] *= (-1) ** (n + k)
        E, ER = mp.eig(M)
        order = sorted(range(N), key=lambda i: -mp.re(E[i]))
        V = mp.matrix(N, N)
        for col, i in enumerate(order):
            piv = ER[col, i]
            for r in range(N):
                V[r, col] = mp.re(ER[r, i] / piv)
        return [V, mp.diag([mp.re(E[i]) for i in order])]


def log2_cond(N: int, *, dps: int) -> Any:
    """:math:`\\log_2\\operatorname{cond}_2(W)`, W = TV with unit columns, from ``mp.svd_r`` at dps >= N + 30.

    The precise value (to ``dps`` digits): the table of S4-EIG-4 quotes it to 4 decimals, and the
    registry checks that each quoted number is this value rounded (a quoted rounding).
    """
    from math import comb

    with mpmath.workdps(max(dps, N + 30) + _G):
        Wm = mp.matrix(N, N)
        for j in range(N):
            col = [mp.sqrt(2 * i + 1) * ((-1) ** (i - j)) * comb(i + j, i - j) if i >= j else mp.mpf(0)
                   for i in range(N)]
            nrm = mp.sqrt(mp.fsum(c * c for c in col))
            for i in range(N):
                Wm[i, j] = col[i] / nrm
        s = mp.svd_r(Wm, compute_uv=False)
        sv = [s[i] for i in range(N)]
        val = mp.log(max(sv) / min(sv), 2)
    with mpmath.workdps(dps):
        return +val


@with_dps(guard=_G)
def eigen_ratio_limit(*, dps: int) -> Any:
    """:math:`\\lim_{d\\to\\infty}|S_{d/3}|/(d^{3/2}2^{-4d/3})` by Richardson extrapolation (``mp.limit``)
    of the gamma-function ratio :math:`\\Gamma(2d/3+1)^2/\\Gamma(4d/3)` (S4-EIG-2)."""
    f = lambda d: mp.exp(2 * mp.loggamma(2 * d / 3 + 1) - mp.loggamma(4 * d / 3)  # noqa: E731
                         + 4 * d / 3 * mp.log(2)) / d ** mp.mpf(1.5)
    return mp.limit(f, mp.inf, exp=False)


def eigen_ratio_table(*, dps: int) -> list:
    """Rows :math:`(d, |S_{d/3}|/(d^{3/2}2^{-4d/3}))` for :math:`d=30\\cdot4^j`, j = 0..8 (30 to 1966080), the
    convergence table of S4-ERR-2 (long enough that a limit off by one part in a million stops being approached).

    :math:`|S_{d/3}|=((2d/3)!)^2/(4d/3-1)!` (the exact entry of S4-EIG-2) through ``mp.loggamma``: the
    quantity at each finite d, not its limit.
    """
    rows = []
    with mpmath.workdps(dps + _G):
        for d in (30 * 4 ** j for j in range(9)):
            m = d // 3
            log_entry = 2 * mp.loggamma(2 * m + 1) - mp.loggamma(4 * m)
            rows.append((d, mp.exp(log_entry + mp.mpf(4 * d) / 3 * mp.log(2)) / mp.mpf(d) ** mp.mpf(1.5)))
    with mpmath.workdps(dps):
        return [(d, +v) for d, v in rows]
