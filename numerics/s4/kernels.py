"""S4's convolution kernel computed in mpmath, three independent ways, plus the DPLR tools.

The public names are re-exported by the package :mod:`numerics.s4`.
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp

from . import linalg as core
from . import kernel_routes as ker
from .hippo_matrices import MEASURES, check_N, check_measure, check_window, fout_e, hippo_matrices
from numerics.agree import DEFAULT_DPS, check_dps, round_to, with_dps

__all__ = ["METHODS", "DISCS", "MEASURES", "kernel", "unitary_diagonalize", "dplr", "s4d_kernel", "nplr_step",
           "hippo_nplr", "fout_reduced", "bilinear"]

METHODS = ("power", "generating", "cauchy")
DISCS = ("zoh", "bilinear")
_GUARD = 20


def _round(values: list[Any], real: bool, dps: int) -> list[Any]:
    scale = max([abs(v) for v in values] + [mp.mpf(0)])
    if real:
        bad = max([abs(mp.im(v)) for v in values] + [mp.mpf(0)])
        if bad > mp.mpf(10) ** (-(dps - 10)) * max(scale, mp.mpf(10) ** (-mp.dps)):
            raise ValueError(f"the kernel of a real system came out with imaginary parts of relative size "
                             f"{mp.nstr(bad / scale, 3)}: precision was lost (near-singular node?)")
    return round_to([mp.re(v) for v in values] if real else values, dps)


def _nplr_arg(nplr: Any, N: int) -> tuple[core.Mat, core.Mat]:
    if not isinstance(nplr, (tuple, list)) or len(nplr) not in (2, 3):
        raise ValueError("nplr must be a pair (S, P) or the triple (S, P, B) returned by proofs.s4.nplr")
    S = core.matrix_in(nplr[0], "S (nplr[0])")
    if len(S) != N:
        raise ValueError(f"S (nplr[0]) must be N x N with N = {N}, got {len(S)} x {len(S)}")
    P = nplr[1]
    if isinstance(P, (list, tuple)) and P and not isinstance(P[0], (list, tuple)):
        P = [[p] for p in P]  # a plain sequence is a rank-1 factor
    P = core.matrix_in(P, "P (nplr[1])", square=False)
    if len(P) != N:
        raise ValueError(f"P (nplr[1]) must have N = {N} rows, got {len(P)}")
    return S, P


def kernel(A: Any, B: Any, C: Any, L: int, *, step: Any, method: str = "power", dps: int = DEFAULT_DPS,
           nplr: Any = None, halve: bool = False) -> list[Any]:
    """The S4 kernel :math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B`, :math:`k=0..L-1` (module docstring).

    Parameters: ``A`` N x N; ``B``, ``C`` length N (sequences or N x 1 matrices; SymPy or mpmath
    entries); integer ``L >= 1``; ``step > 0``; ``method`` in ``power, generating, cauchy``;
    ``nplr`` = ``(S, P)`` or ``(S, P, B)`` with :math:`A=S-PP^{\\mathsf T}` for ``"cauchy"`` (None: A
    itself must be ``cI + K``, rank 0); ``halve`` uses Hermitian symmetry of the spectrum and, for
    ``"cauchy"``, conjugate-pair halving of the poles (S4-CONJ-1/2; real inputs only).

    Raises ValueError for bad shapes/values, a singular :math:`I-\\bar A^L` (generating, cauchy)
    and, for ``"cauchy"``, a node with :math:`|g(z_l)-\\lambda_n|<10^{-dps/2}\\max(1,|\\lambda_n|)`.
    """
    dps = check_dps(dps)
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    L = core.check_L(L)
    guard = _GUARD
    while True:
        with mpmath.workdps(dps + guard):
            Am = core.matrix_in(A, "A")
            N = len(Am)
            Bv, Cv = core.vector_in(B, N, "B"), core.vector_in(C, N, "C")
            h = core.check_step(step)
            factors = _nplr_arg(nplr, N) if nplr is not None else None
            real = core.is_real(Am, Bv, Cv, *(factors or ()))
            if halve and not real:
                raise ValueError("halve=True requires real A, B, C (and real NPLR factors)")
            if method == "power":
                return _round(ker.power_route(Am, Bv, Cv, L, h), real, dps)
            _, _, M, cond = ker.truncation_matrix(Am, Bv, L, h)
            if cond == mp.inf or cond > mp.mpf(10) ** (0.75 * mp.dps):
                raise ValueError("I - Abar^L is singular: an eigenvalue of Abar is an L-th root of unity "
                                 "(e.g. the full FouT system; use fout_reduced)")
            lost = int(mp.log10(cond)) + 1
            if lost > guard - 10:  # ill-conditioned truncation: redo with enough guard digits
                guard = lost + 20
                continue
            Ct = ker.c_tilde(M, Cv)
            if method == "generating":
                return _round(ker.generating_route(Am, Bv, Ct, L, h, halve and real), real, dps)
            tol = mp.mpf(10) ** (-(dps - 10))
            if factors is None:
                S, P = Am, []
                d = ker.Dplr(*ker.unitary(S, tol), [[] for _ in range(N)])
            else:
                S, P = factors
                d = ker.rotate(Am, S, P, tol)
            return _round(ker.cauchy_route(d, Bv, Cv, Ct, L, h, dps, halve), real, dps)


@with_dps(guard=_GUARD)
def unitary_diagonalize(S: Any, *, dps: int = DEFAULT_DPS) -> tuple[list[Any], Any]:
    """``(lam, V)`` with :math:`S=V\\operatorname{diag}(\\lambda)V^*`, V unitary (S4-DIAG-1).

    .. math:: S=cI+K,\\quad -iK=V\\operatorname{diag}(\\omega)V^*,\\quad \\lambda_n=c+i\\omega_n

    Domain: S real square with symmetric part :math:`cI` (checked to :math:`10^{-(dps-10)}`);
    ``mp.eigh`` on the Hermitian :math:`-iK`, :math:`\\omega` ascending.  Source: S4 §3.3.
    """
    Sm = core.matrix_in(S, "S")
    c, omega, V = ker.unitary(Sm, mp.mpf(10) ** (-(dps - 10)))
    return [mp.mpc(c, w) for w in omega], V


def hippo_nplr(measure: str, N: int, *, window: Any = 1, dps: int = DEFAULT_DPS) -> tuple:
    """``(A, B, S, P)`` for an NPLR measure, built in mpmath (mpmath matrices, B a list)."""
    dps = check_dps(dps)
    with mpmath.workdps(dps + _GUARD):
        A, B, S, P = hippo_matrices(measure, N, window)
    with mpmath.workdps(dps):
        return mp.matrix(A), [+b for b in B], mp.matrix(S), mp.matrix(P)


def fout_reduced(N: int, *, window: Any = 1, dps: int = DEFAULT_DPS) -> tuple:
    """FouT with the placeholder index 1 deleted: ``(A', B', S', P')`` (S4-NPLR-6); N even >= 2."""
    N = check_N(N)
    if N % 2:
        raise ValueError(f"fout_reduced needs an even N >= 2 (the reduced system is exact for even N), got {N}")
    A, B, S, P = hippo_nplr("fout", N, window=window, dps=dps)
    keep = [i for i in range(N) if i != 1]
    sub = lambda M, cols: mp.matrix([[M[i, j] for j in cols] for i in keep])  # noqa: E731
    return sub(A, keep), [B[i] for i in keep], sub(S, keep), sub(P, range(P.cols))


@with_dps(guard=_GUARD)
def dplr(measure: str, N: int, *, window: Any = 1, dps: int = DEFAULT_DPS) -> tuple:
    """``(lam, Ptilde, Btilde, V)``: :math:`A=V(\\operatorname{diag}(\\lambda)-\\tilde P\\tilde P^*)V^*`,
    :math:`\\tilde P=V^*P`, :math:`\\tilde B=V^*B` for the HiPPO measure (S4-DIAG-1, S4 Theorem 1).

    The factors are built in mpmath (:func:`hippo_nplr`), the normal part diagonalised by
    ``mp.eigh``.  ``lam`` and ``Btilde`` are lists, ``Ptilde`` (N x r) and ``V`` mpmath matrices.
    """
    A, B, S, P = hippo_matrices(check_measure(measure), check_N(N), check_window(window))
    d = ker.rotate(A, S, P, mp.mpf(10) ** (-(dps - 10)))
    return d.lam, mp.matrix(d.Pt), d.right(B), d.V


@with_dps(guard=_GUARD)
def bilinear(A: Any, B: Any, step: Any, *, dps: int = DEFAULT_DPS) -> tuple:
    """The bilinear pair :math:`(\\bar A,\\bar B)` (HIPPO-DISC-3) as (mpmath matrix, list)."""
    Am = core.matrix_in(A, "A")
    Ab, Bb = core.bilinear(Am, core.vector_in(B, len(Am), "B"), core.check_step(step))
    return mp.matrix(Ab), Bb


@with_dps(guard=_GUARD)
def s4d_kernel(lam: Any, B: Any, C: Any, L: int, *, step: Any, disc: str = "zoh", conj_pairs: bool = True,
               dps: int = DEFAULT_DPS) -> list[Any]:
    """Diagonal (S4D) kernel (S4-S4D-1/2), no conjugation on C.

    .. math:: K_k=\\sum_nC_nB_n\\,\\frac{e^{\\Delta\\lambda_n}-1}{\\lambda_n}e^{k\\Delta\\lambda_n}\\ \\text{(zoh)},\\qquad
              K_k=\\sum_nC_nB_n\\,\\frac{\\Delta}{1-\\Delta\\lambda_n/2}\\bar\\lambda_n^k,\\
              \\bar\\lambda_n=\\frac{1+\\Delta\\lambda_n/2}{1-\\Delta\\lambda_n/2}\\ \\text{(bilinear)};

    with ``conj_pairs`` the state holds one member of each conjugate pair and :math:`K=2\\operatorname{Re}`
    of the sum.  A zero :math:`\\lambda_n` (zoh) uses the limit :math:`\\Delta`.  Domain: ``disc`` in
    ``zoh, bilinear``; :math:`\\Delta\\lambda_n\\ne2` (bilinear).  Source: S4D; state-spaces/s4 ``SSMKernelDiag``.
    """
    if disc not in DISCS:
        raise ValueError(f"disc must be one of {', '.join(DISCS)}, got {disc!r}")
    L = core.check_L(L)
    if isinstance(lam, (str, bytes)) or not hasattr(lam, "__len__") or len(lam) == 0:
        raise ValueError("lam must be a non-empty sequence of eigenvalues")
    lv = [core.number(x, "lam") for x in lam]
    N = len(lv)
    Bv, Cv = core.vector_in(B, N, "B"), core.vector_in(C, N, "C")
    h = core.check_step(step)
    coef, ratio = [], []
    for l in lv:
        x = h * l
        if disc == "zoh":
            coef.append(h if x == 0 else h * mp.expm1(x) / x)
            ratio.append(mp.exp(x))
        else:
            if x == 2:
                raise ValueError("bilinear S4D needs step*lam != 2")
            coef.append(h / (1 - x / 2))
            ratio.append((1 + x / 2) / (1 - x / 2))
    w = [Cv[n] * Bv[n] * coef[n] for n in range(N)]
    out = []
    for _ in range(L):
        s = mp.fsum(w)
        out.append(2 * mp.re(s) if conj_pairs else s)
        w = [w[n] * ratio[n] for n in range(N)]
    real = conj_pairs or core.is_real(lv, Bv, Cv)
    return [mp.re(v) for v in out] if real else out


@with_dps(guard=_GUARD)
def nplr_step(x: Any, u: Any, *, lam: Any, Ptilde: Any, Btilde: Any, step: Any, dps: int = DEFAULT_DPS) -> list:
    """One bilinear step in the rotated basis in O(N r) (S4-REC-1, S4 Theorem 2):

    .. math:: x' = \\big(\\tfrac2\\Delta I-\\Lambda+\\tilde P\\tilde P^*\\big)^{-1}
              \\Big[\\big(\\tfrac2\\Delta I+\\Lambda\\big)x-\\tilde P(\\tilde P^*x)+2\\tilde Bu\\Big],

    the inverse applied by Woodbury with :math:`\\mathcal D=(\\tfrac2\\Delta I-\\Lambda)^{-1}` diagonal.
    ``Ptilde`` is N x r (or a length-N sequence for r = 1).  Returns the new state (list of mpc).
    """
    if isinstance(lam, (str, bytes)) or not hasattr(lam, "__len__") or len(lam) == 0:
        raise ValueError("lam must be a non-empty sequence")
    lv = [core.number(v, "lam") for v in lam]
    N = len(lv)
    xv, Bt = core.vector_in(x, N, "x"), core.vector_in(Btilde, N, "Btilde")
    Pm = Ptilde
    if isinstance(Pm, (list, tuple)) and Pm and not isinstance(Pm[0], (list, tuple)):
        Pm = [[p] for p in Pm]
    Pt = core.matrix_in(Pm, "Ptilde", square=False)
    if len(Pt) != N:
        raise ValueError(f"Ptilde must have N = {N} rows, got {len(Pt)}")
    uu, h = core.number(u, "u"), core.check_step(step)
    r = len(Pt[0])
    a = 2 / h
    Px = [mp.fsum(mp.conj(Pt[n][j]) * xv[n] for n in range(N)) for j in range(r)]
    y = [(a + lv[n]) * xv[n] - mp.fsum(Pt[n][j] * Px[j] for j in range(r)) + 2 * Bt[n] * uu for n in range(N)]
    if any(a - l == 0 for l in lv):
        raise ValueError("2/step - lam_n vanishes: the bilinear step is undefined")
    D = [1 / (a - l) for l in lv]
    Dy = [D[n] * y[n] for n in range(N)]
    Mr = mp.matrix([[(1 if i == j else 0) + mp.fsum(mp.conj(Pt[n][i]) * D[n] * Pt[n][j] for n in range(N))
                     for j in range(r)] for i in range(r)])
    rhs = mp.matrix([mp.fsum(mp.conj(Pt[n][i]) * Dy[n] for n in range(N)) for i in range(r)])
    s = mp.lu_solve(Mr, rhs) if r else []
    out = [Dy[n] - D[n] * mp.fsum(Pt[n][j] * s[j] for j in range(r)) for n in range(N)]
    return [mp.mpc(v) for v in out]


# keep the measure helpers importable for the proofs' numeric cross-checks
_ = (fout_e, check_window)
