"""Private: the three kernel routes of :func:`numerics.s4.kernel` and the DPLR machinery.

- ``power_route``: repeated matrix-vector products with the bilinear :math:`\\bar A`;
- ``generating_route``: truncated generating function at the L-th roots of unity through the
  regular resolvent :math:`2[\\tfrac2\\Delta(1-z)I-(1+z)A]^{-1}B` (S4-GF-2, S4-RES-1), inverse DFT;
- ``cauchy_route``: unitary diagonalisation of the normal part, Woodbury and Cauchy sums
  (S4 Algorithm 1, S4-ALG-1), the node z = -1 by S4-RES-2, inverse DFT.

All work at the caller's precision (the public wrapper adds guard digits).
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp

from .linalg import Mat, Vec, bilinear, cond1, idft, matvec, nodes, power, transpose

__all__ = ["power_route", "truncation_matrix", "c_tilde", "generating_route", "unitary", "Dplr", "rotate",
           "cauchy_sums", "cauchy_weights", "cauchy_evaluate", "cauchy_route", "collision_gap"]


def power_route(A: Mat, B: Vec, C: Vec, L: int, step: Any) -> Vec:
    """:math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B` by L matrix-vector products (O(N^2 L))."""
    Abar, x = bilinear(A, B, step)
    out = []
    for _ in range(L):
        out.append(mp.fdot(C, x))
        x = matvec(Abar, x)
    return out


def truncation_matrix(A: Mat, B: Vec, L: int, step: Any) -> tuple[Mat, Vec, Mat, Any]:
    """``(Abar, Bbar, I - Abar^L, cond_1(I - Abar^L))``."""
    Abar, Bbar = bilinear(A, B, step)
    N = len(A)
    AL = power(Abar, L)
    M = [[(1 if i == j else 0) - AL[i][j] for j in range(N)] for i in range(N)]
    return Abar, Bbar, M, cond1(M)


def c_tilde(M: Mat, C: Vec) -> Vec:
    """:math:`\\tilde C=(I-\\bar A^L)^{\\mathsf T}C` (S4-GF-2)."""
    return matvec(transpose(M), C)


def _resolvent_B(A: Mat, B: Vec, z: Any, step: Any) -> Vec:
    """:math:`(I-z\\bar A)^{-1}\\bar B = 2[\\tfrac2\\Delta(1-z)I-(1+z)A]^{-1}B` (regular at z = -1)."""
    N = len(A)
    a = 2 * (1 - z) / step
    M = mp.matrix([[(a if i == j else 0) - (1 + z) * A[i][j] for j in range(N)] for i in range(N)])
    try:
        x = mp.lu_solve(M, mp.matrix(B))
    except ZeroDivisionError:
        raise ValueError("the resolvent is singular at a node: an eigenvalue of Abar is an L-th root of unity") from None
    return [2 * x[i] for i in range(N)]


def _node_indices(L: int, halve: bool) -> range:
    return range(L // 2 + 1) if halve else range(L)


def _unfold(values: dict[int, Any], L: int, halve: bool) -> Vec:
    """All L spectral values; with ``halve`` the rest by Hermitian symmetry (S4-CONJ-2)."""
    if not halve:
        return [values[l] for l in range(L)]
    return [values[l] if l in values else mp.conj(values[L - l]) for l in range(L)]


def generating_route(A: Mat, B: Vec, Ct: Vec, L: int, step: Any, halve: bool = False, sign: int = -1) -> Vec:
    """Inverse DFT of :math:`\\hat K_l=\\tilde C^{\\mathsf T}(I-z_l\\bar A)^{-1}\\bar B`, :math:`z_l=e^{-2\\pi il/L}`.

    ``sign=+1`` evaluates at :math:`e^{+2\\pi il/L}` instead but keeps the same inverse transform: the
    wrong pairing of S4-GF-4, which returns the time-reversed kernel :math:`K_{(-k)\\bmod L}` (kept
    so that the test-suite can show the pitfall is detectable; :func:`numerics.s4.kernel` never uses it).
    """
    if sign not in (-1, 1):
        raise ValueError(f"sign must be -1 or +1, got {sign!r}")
    z = nodes(L, sign)
    vals = {l: mp.fdot(Ct, _resolvent_B(A, B, z[l], step)) for l in _node_indices(L, halve)}
    return idft(_unfold(vals, L, halve))


def unitary(S: Mat, tol: Any) -> tuple[Any, Vec, Any]:
    """``(c, omega, V)`` with :math:`S=cI+K`, :math:`-iK=V\\operatorname{diag}(\\omega)V^*` (``mp.eigh``).

    Raises ValueError unless S is real with symmetric part :math:`cI` (to ``tol`` relative)."""
    N = len(S)
    if any(isinstance(v, mpmath.mpc) and v.imag != 0 for r in S for v in r):
        raise ValueError("the normal part S must be real (S = c I + K with K real skew-symmetric)")
    S = [[mp.re(v) for v in r] for r in S]
    c = mp.fsum(S[i][i] for i in range(N)) / N
    scale = max(1, max(abs(v) for r in S for v in r))
    for i in range(N):
        for j in range(N):
            sym = (S[i][j] + S[j][i]) / 2 - (c if i == j else 0)
            if abs(sym) > tol * scale:
                raise ValueError("S must be of the form c I + K with K skew-symmetric (its symmetric part "
                                 f"is not a multiple of I: entry ({i},{j}) off by {mp.nstr(abs(sym), 5)})")
    # K = (S - S^T)/2 exactly, so that -iK is Hermitian to the last bit (eigh reads one triangle)
    H = mp.matrix([[mp.mpc(0, -(S[i][j] - S[j][i]) / 2) for j in range(N)] for i in range(N)])
    E, Q = mp.eigh(H)
    return c, [E[n] for n in range(N)], Q


class Dplr:
    """The rotated (DPLR) data: poles, left/right rotated vectors (S4 §3.3, convention 7)."""

    def __init__(self, c: Any, omega: Vec, V: Any, P: Mat) -> None:
        N, r = len(omega), len(P[0]) if P else 0
        self.N, self.r, self.omega, self.V = N, r, omega, V
        self.lam = [mp.mpc(c, w) for w in omega]
        self.Pt = [[mp.fsum(mp.conj(V[m, n]) * P[m][j] for m in range(N)) for j in range(r)] for n in range(N)]
        self.Ql = [[mp.fsum(V[m, n] * P[m][j] for m in range(N)) for j in range(r)] for n in range(N)]

    def right(self, x: Vec) -> Vec:
        """:math:`V^*x`."""
        return [mp.fsum(mp.conj(self.V[m, n]) * x[m] for m in range(self.N)) for n in range(self.N)]

    def left(self, x: Vec) -> Vec:
        """:math:`V^{\\mathsf T}x` (the plain-transpose pairing of convention 3)."""
        return [mp.fsum(self.V[m, n] * x[m] for m in range(self.N)) for n in range(self.N)]


def rotate(A: Mat, S: Mat, P: Mat, tol: Any) -> Dplr:
    """Check :math:`A=S-PP^{\\mathsf T}` and build the DPLR data."""
    N, r = len(A), len(P[0]) if P else 0
    scale = max(1, max(abs(v) for row in A for v in row))
    for i in range(N):
        for j in range(N):
            if abs(A[i][j] - S[i][j] + mp.fsum(P[i][t] * P[j][t] for t in range(r))) > tol * scale:
                raise ValueError(f"nplr does not match A: A != S - P P^T at entry ({i},{j})")
    c, omega, V = unitary(S, tol)
    return Dplr(c, omega, V, P)


def collision_gap(g: Any, lam: Vec) -> Any:
    """:math:`\\min_n|g-\\lambda_n|/\\max(1,|\\lambda_n|)`."""
    return min(abs(g - l) / max(1, abs(l)) for l in lam)


#: running count of the summands w_n/(g - lambda_n) actually passed to ``mp.fsum`` by
#: :func:`cauchy_sums` (S4-ALG-2 counts the work of the Cauchy route with it: the count is taken from
#: the lists that are summed, not from a formula, so a route that does more work per node shows it)
TERMS = [0]


def cauchy_sums(weights: list[Vec], lam: Vec, g: Any, pairs: tuple[list[int], list[int]] | None) -> Vec:
    """:math:`\\sum_n w_n/(g-\\lambda_n)` for each weight vector; with ``pairs = (neg, zero)`` the
    conjugate-pair halving of S4-CONJ-1 (each pole in ``neg`` also stands for its conjugate)."""
    if pairs is None:
        inv = [1 / (g - l) for l in lam]
        groups = [[w[n] * inv[n] for n in range(len(lam))] for w in weights]
    else:
        neg, zero = pairs
        inv = {n: 1 / (g - lam[n]) for n in neg + zero}
        invc = {n: 1 / (g - mp.conj(lam[n])) for n in neg}
        groups = [[w[n] * inv[n] for n in neg] + [mp.conj(w[n]) * invc[n] for n in neg] + [w[n] * inv[n] for n in zero]
                  for w in weights]
    TERMS[0] += sum(len(terms) for terms in groups)
    return [mp.fsum(terms) for terms in groups]


def _pairs(omega: Vec, tol: Any) -> tuple[list[int], list[int]]:
    zero = [n for n, w in enumerate(omega) if abs(w) <= tol * max(1, max(abs(x) for x in omega))]
    neg = [n for n, w in enumerate(omega) if w < 0 and n not in zero]
    pos = [n for n, w in enumerate(omega) if w > 0 and n not in zero]
    if len(neg) != len(pos):
        raise ValueError("halve=True needs the spectrum of the skew part in +/- pairs (a real system)")
    return neg, zero


def cauchy_weights(d: Dplr, B: Vec, Ct: Vec) -> list[Vec]:
    """The (1 + r)^2 weight vectors of the Cauchy sums: :math:`\\tilde c_n\\tilde b_n`, :math:`\\tilde c_n\\tilde P_{nj}`,
    :math:`\\tilde Q_{ni}\\tilde b_n`, :math:`\\tilde Q_{ni}\\tilde P_{nj}` with :math:`\\tilde c=V^{\\mathsf T}\\tilde C`,
    :math:`\\tilde b=V^*B` (O(N^2) for the rotations: S4 stores these rotated vectors as its parameters)."""
    N, r = d.N, d.r
    cl, Bt = d.left(Ct), d.right(B)
    weights = [[cl[n] * Bt[n] for n in range(N)]]
    weights += [[cl[n] * d.Pt[n][j] for n in range(N)] for j in range(r)]
    weights += [[d.Ql[n][i] * Bt[n] for n in range(N)] for i in range(r)]
    weights += [[d.Ql[n][i] * d.Pt[n][j] for n in range(N)] for i in range(r) for j in range(r)]
    return weights


def cauchy_evaluate(d: Dplr, weights: list[Vec], CtB: Any, L: int, step: Any, dps: int, halve: bool = False) -> Vec:
    """The per-kernel part of S4 Algorithm 1, O(N L r^2): Woodbury + Cauchy sums at :math:`z_l=e^{-2\\pi il/L}`,
    the node z = -1 by S4-RES-2 (``CtB`` is :math:`\\tilde C^{\\mathsf T}B`), then the inverse DFT."""
    r = d.r
    pairs = _pairs(d.omega, mp.mpf(10) ** (-(dps // 2))) if halve else None
    limit = mp.mpf(10) ** (-(dps / 2))
    z = nodes(L, -1)
    vals = {}
    for l in _node_indices(L, halve):
        if 2 * l == L:  # z = -1: S4-RES-2
            vals[l] = step / 2 * CtB
            continue
        g = 2 * (1 - z[l]) / (step * (1 + z[l]))
        gap = collision_gap(g, d.lam)
        if gap < limit:
            raise ValueError(f"node z_{l} collides with an eigenvalue of the normal part (|g(z) - lambda| = "
                             f"{mp.nstr(gap, 3)} relative): the Cauchy form is 0/0 there (S4-ALG-3); "
                             "use method 'power' or 'generating'")
        s = cauchy_sums(weights, d.lam, g, pairs)
        k00, k01, k10 = s[0], s[1:1 + r], s[1 + r:1 + 2 * r]
        k11 = [[s[1 + 2 * r + i * r + j] + (1 if i == j else 0) for j in range(r)] for i in range(r)]
        if r == 0:
            core = k00
        else:
            try:
                y = mp.lu_solve(mp.matrix(k11), mp.matrix(k10))
            except ZeroDivisionError:
                raise ValueError(f"I_r + k11 is singular at node z_{l}: the Woodbury form is undefined") from None
            core = k00 - mp.fsum(k01[i] * y[i] for i in range(r))
        vals[l] = 2 / (1 + z[l]) * core
    return idft(_unfold(vals, L, halve))


def cauchy_route(d: Dplr, B: Vec, C: Vec, Ct: Vec, L: int, step: Any, dps: int, halve: bool = False) -> Vec:
    """S4 Algorithm 1: Woodbury + Cauchy sums at :math:`z_l=e^{-2\\pi il/L}`, then the inverse DFT."""
    return cauchy_evaluate(d, cauchy_weights(d, B, Ct), mp.fdot(Ct, B), L, step, dps, halve)
