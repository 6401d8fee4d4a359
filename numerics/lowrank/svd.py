"""Singular values, best rank-r approximation and the spectral norm in mpmath (spec ``lowrank.md`` 2.2).

Independent routes for the exact results of :mod:`proofs.lowrank.svd`:

- ``singular_values(method="svd")``: ``mp.svd_r`` (one-sided Jacobi); ``method="charpoly"``: the
  characteristic polynomial of the smaller Gram matrix by Faddeev-LeVerrier, then ``mp.polyroots``
  (no SVD);
- ``best_rank_r(method="svd")``: :math:`A=U_r\\Sigma_r`, :math:`B=V_r^\\top` from ``mp.svd_r``;
  ``method="als"``: alternating least squares (the normal equations of LOWR-PINV-1 in turn, the left
  factor re-orthonormalised by ``mp.qr`` each step; no SVD, no eigensolver);
- ``spectral_norm``: power iteration on the smaller Gram matrix, accelerated by repeated squaring,
  with the Rayleigh quotient read off at the end;
- ``eigen_construction``: LOWR-SVD-1's construction of the SVD from ``mp.eigsy`` of :math:`M^\\top M`.

Every public function works at ``mp.workdps(dps + 20)`` and returns numbers rounded to ``dps``
digits.  Rank and tie decisions use the relative threshold :math:`10^{-(\\mathrm{dps}-10)}\\sigma_1`.
Nothing here imports SymPy or :mod:`proofs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "singular_values",
    "best_rank_r",
    "spectral_norm",
    "eigen_construction",
    "frobenius_error",
    "gram_charpoly",
    "spectral_error",
]

GUARD = 20
_SV_METHODS = ("svd", "charpoly")
_RANK_METHODS = ("svd", "als")


# --- validation ----------------------------------------------------------------------------------


def _entry(x: Any, where: str) -> Any:
    if isinstance(x, bool):
        raise ValueError(f"real matrix required: entry {where} is the boolean {x!r} (booleans are not numbers)")
    if isinstance(x, complex) or isinstance(x, mpmath.mpc):
        raise ValueError(f"real matrix required: entry {where} is complex ({x!r})")
    try:
        v = to_mp(x)
    except (ValueError, TypeError):
        raise ValueError(f"real matrix required: entry {where} is not a number ({x!r})") from None
    if isinstance(v, mpmath.mpc):
        raise ValueError(f"real matrix required: entry {where} is complex ({x!r})")
    if not mpmath.isfinite(v):
        raise ValueError(f"entry {where} of M is {x!r}: NaN and infinite entries are not allowed")
    return v


def as_matrix(M: Any, name: str = "M") -> Any:
    """``M`` (an mpmath matrix or nested sequences of real numbers) as an mpmath matrix at the working
    precision; ValueError ("real matrix required") for ragged, empty, non-numeric or complex input."""
    if isinstance(M, mpmath.matrix):
        rows = [[M[i, j] for j in range(M.cols)] for i in range(M.rows)]
    elif isinstance(M, Sequence) and not isinstance(M, (str, bytes)):
        rows = []
        for row in M:
            if not isinstance(row, Sequence) or isinstance(row, (str, bytes)):
                raise ValueError(f"real matrix required: {name} must be a 2-D nested list, got a row {row!r}")
            rows.append(list(row))
    elif hasattr(M, "tolist") and hasattr(M, "shape"):  # a SymPy or NumPy matrix
        return as_matrix(M.tolist(), name)
    else:
        raise ValueError(f"real matrix required: {name} must be a 2-D matrix, got {type(M).__name__}")
    if not rows or not rows[0]:
        raise ValueError(f"real matrix required: {name} is empty")
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError(f"real matrix required: {name} is ragged (row lengths {[len(r) for r in rows]})")
    return mp.matrix([[_entry(x, f"({i}, {j})") for j, x in enumerate(row)] for i, row in enumerate(rows)])


def _rank_arg(r: Any, n: int, m: int) -> int:
    if isinstance(r, bool) or not isinstance(r, Integral) or not 1 <= int(r) <= min(n, m):
        raise ValueError(f"r must be an integer with 1 <= r <= {min(n, m)} (= min(n, m)) for a {n}x{m} "
                         f"matrix, got {r!r}")
    return int(r)


def _method(method: Any, allowed: tuple[str, ...]) -> str:
    if method not in allowed:
        raise ValueError(f"unknown method {method!r}: accepted values are {', '.join(map(repr, allowed))}")
    return method


def _threshold(dps: int) -> Any:
    return mp.mpf(10) ** (-(dps - 10))


# --- small helpers -------------------------------------------------------------------------------


def _fro2(X: Any) -> Any:
    return mp.fsum(X[i, j] ** 2 for i in range(X.rows) for j in range(X.cols))


def _gram(M: Any) -> tuple[Any, bool]:
    """The smaller Gram matrix: (M M^T, True) if M is wide or square, else (M^T M, False)."""
    return (M * M.T, True) if M.rows <= M.cols else (M.T * M, False)


def _orthonormal_columns(X: Any) -> Any:
    """The Q factor of the thin QR decomposition of X (``mp.qr`` is Householder; mode 'skinny')."""
    Q, _ = mp.qr(X, mode="skinny")
    return Q


# --- singular values -----------------------------------------------------------------------------


def gram_charpoly(M: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """Coefficients (leading 1 first) of :math:`\\det(\\lambda I-G)`, :math:`G` the smaller Gram matrix of M.

    Faddeev-LeVerrier: :math:`N_0=0`, :math:`N_k=GN_{k-1}+c_{k-1}I`, :math:`c_k=-\\operatorname{tr}(GN_k)/k`
    (``c_0 = 1``); exact in exact arithmetic, used here at ``dps + 20`` digits.
    """
    with mpmath.workdps(dps + GUARD):
        G, _ = _gram(as_matrix(M))
        k = G.rows
        coeffs = [mp.mpf(1)]
        N = mp.zeros(k, k)
        for j in range(1, k + 1):
            N = G * N + coeffs[-1] * mp.eye(k)
            GN = G * N
            coeffs.append(-mp.fsum(GN[i, i] for i in range(k)) / j)
        return [+c for c in coeffs]


@with_dps(GUARD)
def singular_values(M: Any, *, dps: int = DEFAULT_DPS, method: str = "svd") -> list[Any]:
    """The ``min(n, m)`` singular values of a real matrix, non-increasing.

    .. math:: M = U\\Sigma V^\\top,\\qquad \\sigma_1 \\ge \\sigma_2 \\ge \\dots \\ge \\sigma_{\\min(n,m)} \\ge 0 .

    ``method="svd"``: ``mp.svd_r``.  ``method="charpoly"``: the roots of
    :math:`\\det(\\lambda I - G)` (:func:`gram_charpoly`, ``mp.polyroots``), :math:`\\sigma_i=\\sqrt{\\lambda_i}`;
    it uses no SVD.  A root of multiplicity ``g`` is found only to about ``dps / g`` digits by the
    charpoly route (polynomial roots are ill-conditioned there); the SVD route has no such loss.
    Source: Su, 低秩近似之路（二）：SVD (kexue.fm/archives/10407); spec LOWR-SVD-1.
    """
    _method(method, _SV_METHODS)
    A = as_matrix(M)
    k = min(A.rows, A.cols)
    if method == "svd":
        S = mp.svd_r(A, compute_uv=False)
        values = sorted((abs(S[i]) for i in range(k)), reverse=True)
    else:
        coeffs = gram_charpoly(A, dps=dps)
        with mpmath.workdps(dps + GUARD):
            coeffs = [to_mp(c) for c in coeffs]
            # roots of a real polynomial with real non-negative roots: imaginary parts are rounding
            roots = mp.polyroots(coeffs, maxsteps=400, extraprec=4 * (dps + GUARD) + 60)
            lams = [mp.re(z) if isinstance(z, mpmath.mpc) else z for z in roots]
            values = sorted((mp.sqrt(max(lam, mp.mpf(0))) for lam in lams), reverse=True)
    return values


# --- best rank-r approximation -------------------------------------------------------------------


def frobenius_error(M: Any, A: Any, B: Any) -> Any:
    """:math:`\\Vert M-AB\\Vert_F^2`, computed entry by entry at the current precision."""
    return _fro2(M - A * B)


def _als(M: Any, r: int, dps: int, max_steps: int) -> tuple[Any, Any, Any]:
    """Alternating least squares for :math:`\\min\\Vert AB-M\\Vert_F^2` (LOWR-PINV-1 in turn).

    With :math:`A` re-orthonormalised (``mp.qr``) after each step, the normal equation in B,
    :math:`A^\\top AB=A^\\top M`, reads :math:`B=A^\\top M`; the one in A, :math:`ABB^\\top=MB^\\top`, has the
    same column space as :math:`MB^\\top`.  Stops when the product :math:`AB` changes by less than
    :math:`10^{-(\\mathrm{dps}+12)}\\Vert M\\Vert_F` (the objective settles twice as fast as the factors).
    """
    n, m = M.rows, M.cols
    total = _fro2(M)
    if total == 0:
        return mp.zeros(n, r), mp.zeros(r, m), mp.mpf(0)
    # deterministic start: the r columns of M of largest norm, plus unit vectors if they are dependent
    order = sorted(range(m), key=lambda j: -mp.fsum(M[i, j] ** 2 for i in range(n)))
    X = mp.zeros(n, r)
    for c in range(r):
        for i in range(n):
            X[i, c] = M[i, order[c]] + mp.mpf(1) / (7 + i + 3 * c)
    A = _orthonormal_columns(X)
    # the objective settles twice as fast as the factors: stop on the product AB, not on the objective
    tol = mp.mpf(10) ** (-(dps + 12)) * mp.sqrt(total)
    previous = None
    for _ in range(max_steps):
        B = A.T * M
        P = A * B
        if previous is not None and mp.mnorm(P - previous, 1) <= tol:
            return A, B, frobenius_error(M, A, B)
        previous = P
        A = _orthonormal_columns(M * B.T)
    raise ArithmeticError(f"alternating least squares did not converge in {max_steps} steps "
                          "(sigma_r and sigma_(r+1) too close: use method='svd')")


def _svd_factors(M: Any) -> tuple[Any, Any, Any]:
    U, S, V = mp.svd_r(M)
    return U, [S[i] for i in range(min(M.rows, M.cols))], V


@with_dps(GUARD)
def best_rank_r(M: Any, r: int, *, dps: int = DEFAULT_DPS, method: str = "svd",
                allow_tie: bool = False) -> tuple[Any, Any, Any]:
    """A best rank-r approximation :math:`AB` of M and its squared Frobenius error (Eckart-Young-Mirsky).

    .. math:: \\min_{A\\in\\mathbb R^{n\\times r},\\,B\\in\\mathbb R^{r\\times m}}\\Vert AB-M\\Vert_F^2
              = \\sum_{i>r}\\sigma_i^2 ,\\qquad A = U_r\\Sigma_r,\\ B = V_r^\\top .

    Returns ``(A, B, err)`` with ``err`` :math:`=\\Vert M-AB\\Vert_F^2` evaluated from the factors.
    ``method="svd"`` takes the factors from ``mp.svd_r``; ``method="als"`` runs alternating least
    squares (no SVD).  When :math:`\\sigma_r=\\sigma_{r+1}>0` (to the relative threshold
    :math:`10^{-(\\mathrm{dps}-10)}\\sigma_1`) the optimum is not unique: ValueError unless ``allow_tie``.
    Sources: Eckart & Young 1936, Mirsky 1960; Su, 低秩近似之路（二）：SVD (kexue.fm/archives/10407).
    """
    _method(method, _RANK_METHODS)
    M = as_matrix(M)
    r = _rank_arg(r, M.rows, M.cols)
    if method == "svd":
        U, sv, V = _svd_factors(M)
    else:  # the tie test of the ALS route uses the charpoly roots, no SVD
        sv = singular_values(M, dps=dps + GUARD, method="charpoly") if not allow_tie else []
    if not allow_tie and r < len(sv):
        top = sv[0]
        if sv[r] > _threshold(dps) * top and sv[r - 1] - sv[r] <= _threshold(dps) * top:
            raise ValueError(f"rank-r approximation not unique: sigma_{r} = sigma_{r + 1} > 0 "
                             "(pass allow_tie=True to accept one of the optima)")
    if method == "svd":
        A = mp.matrix(M.rows, r)
        B = mp.matrix(r, M.cols)
        for c in range(r):
            for i in range(M.rows):
                A[i, c] = U[i, c] * sv[c]
            for j in range(M.cols):
                B[c, j] = V[c, j]
    else:
        A, B, _ = _als(M, r, dps, max_steps=20000)
    return A, B, frobenius_error(M, A, B)


# --- spectral norm -------------------------------------------------------------------------------


@with_dps(GUARD)
def spectral_norm(M: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\Vert M\\Vert_2=\\max_{\\Vert x\\Vert=1}\\Vert Mx\\Vert=\\sigma_1`, by power iteration on the Gram matrix.

    The power :math:`G^{2^k}` (:math:`G` the smaller Gram matrix) is built by repeated squaring
    (normalised each time), its largest column :math:`x` taken, and
    :math:`\\Vert M\\Vert_2^2 = x^\\top Gx/x^\\top x` read off as a Rayleigh quotient; squaring stops when
    the quotient no longer changes.  Source: Su, 低秩近似之路（二）：SVD; spec LOWR-SVD-2.
    """
    A = as_matrix(M)
    G, _ = _gram(A)
    if _fro2(G) == 0:
        return mp.mpf(0)
    T = G / mp.sqrt(_fro2(G))
    previous = None
    for _ in range(60):
        j = max(range(T.cols), key=lambda c: mp.fsum(T[i, c] ** 2 for i in range(T.rows)))
        x = T[:, j]
        rayleigh = (x.T * G * x)[0, 0] / (x.T * x)[0, 0]
        if previous is not None and abs(rayleigh - previous) <= mp.mpf(10) ** (-(dps + GUARD - 2)) * rayleigh:
            return mp.sqrt(rayleigh)
        previous = rayleigh
        T = T * T
        T = T / mp.sqrt(_fro2(T))
    raise ArithmeticError("power iteration did not converge in 2^60 steps")


def spectral_error(M: Any, X: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\Vert M-X\\Vert_2` by :func:`spectral_norm` (power iteration)."""
    with mpmath.workdps(dps + GUARD):
        D = as_matrix(M) - as_matrix(X, "X")
    return spectral_norm(D, dps=dps)


# --- the construction of LOWR-SVD-1 --------------------------------------------------------------


@with_dps(GUARD)
def eigen_construction(M: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-SVD-1 in floating point: from :math:`M^\\top M=V\\Lambda V^\\top` (``mp.eigsy``) build
    :math:`\\sigma_i=\\sqrt{\\lambda_i}`, :math:`u_i=Mv_i/\\sigma_i` for the :math:`\\rho` non-zero
    :math:`\\lambda_i`, and return ``[sigma (rho x 1), U_rho^T U_rho, sum_i sigma_i u_i v_i^T]``.
    """
    A = as_matrix(M)
    lam, V = mp.eigsy(A.T * A)
    order = sorted(range(A.cols), key=lambda i: -lam[i])
    top = max(abs(lam[i]) for i in range(A.cols))
    # an eigenvalue of M^T M below 10^-(dps-10) of the largest counts as zero (sigma_i below ~10^-(dps/2) sigma_1)
    keep = [i for i in order if lam[i] > _threshold(dps) * top]
    sigma = mp.matrix([[mp.sqrt(lam[i])] for i in keep])
    U = mp.matrix(A.rows, len(keep))
    recon = mp.zeros(A.rows, A.cols)
    for c, i in enumerate(keep):
        u = A * V[:, i] / sigma[c]
        for a in range(A.rows):
            U[a, c] = u[a]
        recon += sigma[c] * u * V[:, i].T
    return [sigma, U.T * U, recon]
