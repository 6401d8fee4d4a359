"""Monarch matrices in mpmath: dense assembly, the best Monarch approximation slice by slice, the DFT.

Conventions (spec ``lowrank.md`` section 1.8): :math:`n = m^2`, :math:`(Px)_{am+b} = x_{bm+a}`, :math:`L`
and :math:`R` block-diagonal with :math:`m` blocks of size :math:`m`, four-index views
:math:`X[i,j,k,l] = X_{im+j,\\,km+l}` and :math:`L[i,j,k]` = block :math:`i`, row :math:`j`, column :math:`k`
(all 0-based).  Blocks are given as a sequence of :math:`m` matrices of size :math:`m\\times m`.

The routes here never evaluate a closed form of :mod:`proofs.lowrank.monarch`:

- :func:`monarch_assemble` forms :math:`PLPR` by dense matrix products (the permutation as a 0/1 matrix), not
  by the four-index formula; :func:`monarch_inverse` inverts the assembled matrix by LU (``mp.inverse``);
- :func:`monarch_project` fits each slice :math:`S_{jk}[i,l] = A[i,j,k,l]` with its leading singular triple,
  found by ``mp.svd_r`` / ``mp.svd_c`` (``method="svd"``) or by power iteration on :math:`S^{\\mathsf H}S`
  with repeated squaring (``method="power"``), and returns the squared Frobenius error of the *assembled*
  factors, so the error is attained, not computed from singular values;
- :func:`dft_slice_factors` factors the slices of the numerically evaluated :math:`F_nP` (first column,
  first row), not the closed-form factors.

Every public function takes ``dps``, works at ``dps + 20`` digits and returns values rounded to ``dps``.
Sources: Su, Monarch矩阵 (kexue.fm/archives/10249); Dao et al. 2022, Monarch (arXiv 2204.00595).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "METHODS",
    "dft_matrix",
    "dft_route",
    "dft_slice_factors",
    "four_index_route",
    "monarch_assemble",
    "monarch_inverse",
    "monarch_project",
    "monarch_residual",
]

#: the accepted values of ``method`` in :func:`monarch_project`
METHODS = ("svd", "power")
_GUARD = 20


# --- input checking ------------------------------------------------------------------------------------


def _number(x: Any, name: str) -> Any:
    """An entry as an mpmath number (real or complex) at the working precision; ValueError otherwise."""
    if isinstance(x, bool):
        raise ValueError(
            f"{name} has a boolean entry {x!r}; numbers are required (real matrix required, or complex)"
        )
    if (
        isinstance(x, (mpmath.mpf, mpmath.mpc, Integral, Fraction, float, complex, str))
        or hasattr(x, "_mpf_")
        or (isinstance(getattr(x, "p", None), int) and isinstance(getattr(x, "q", None), int))
    ):
        try:
            v = to_mp(x)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"{name} has a non-numeric entry {x!r} (real matrix required, or complex)"
            ) from exc
    else:
        raise ValueError(f"{name} has a non-numeric entry {x!r} (real matrix required, or complex)")
    if not mp.isfinite(v):
        raise ValueError(f"{name} has a NaN or infinite entry ({x!r}); entries must be finite")
    return v.real if isinstance(v, mpmath.mpc) and v.imag == 0 else v


def sequence_rows(A: Any, name: str) -> list[list[Any]]:
    """The rows of a nested sequence, checked non-empty and rectangular (real or complex entries unchecked);
    ValueError naming ``name`` otherwise.  The exact side (:mod:`proofs.lowrank.monarch`) shares it."""
    if not (isinstance(A, Sequence) and not isinstance(A, str)):
        raise ValueError(
            f"{name} must be a 2-D matrix (real matrix required, or complex), got {type(A).__name__}"
        )
    rows = [list(r) if isinstance(r, Sequence) and not isinstance(r, str) else None for r in A]
    if any(r is None for r in rows):
        raise ValueError(
            f"{name} must be a 2-D matrix (real matrix required, or complex): a row is not a sequence"
        )
    if not rows or not rows[0]:
        raise ValueError(f"{name} is empty (real matrix required, or complex)")
    if any(len(r) != len(rows[0]) for r in rows):
        raise ValueError(
            f"{name} is ragged: rows of lengths {sorted({len(r) for r in rows})} "
            "(real matrix required, or complex)"
        )
    return rows  # type: ignore[return-value]


def _matrix(A: Any, name: str) -> mpmath.matrix:
    """A non-empty rectangular matrix of numbers as an mpmath matrix; ValueError naming ``name`` otherwise."""
    if isinstance(A, mpmath.matrix):
        A = [[A[i, j] for j in range(A.cols)] for i in range(A.rows)]
    rows = sequence_rows(A, name)
    return mpmath.matrix([[_number(x, name) for x in r] for r in rows])


def _order(n: int, name: str) -> int:
    """The block size m of an n x n Monarch matrix (n = m^2); ValueError if n is not a square."""
    m = math.isqrt(n)
    if m * m != n:
        raise ValueError(f"{name} must be square of size n = m^2 (m blocks of size m), got size {n}")
    return m


def _square(A: Any, name: str = "A") -> tuple[mpmath.matrix, int]:
    M = _matrix(A, name)
    if M.rows != M.cols:
        raise ValueError(f"{name} must be square of size n = m^2, got shape {M.rows}x{M.cols}")
    return M, _order(M.rows, name)


def _blocks(blocks: Any, name: str) -> list[mpmath.matrix]:
    if isinstance(blocks, (str, mpmath.matrix)) or not isinstance(blocks, Sequence) or not blocks:
        raise ValueError(f"{name} must be a non-empty sequence of m blocks of size m x m")
    out = [_matrix(b, f"{name}[{t}]") for t, b in enumerate(blocks)]
    m = len(out)
    for t, b in enumerate(out):
        if (b.rows, b.cols) != (m, m):
            raise ValueError(f"{name}[{t}] must be {m}x{m} ({m} blocks of size {m}), got {b.rows}x{b.cols}")
    return out


def _check_method(method: object) -> str:
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(repr(x) for x in METHODS)}, got {method!r}")
    return str(method)


# --- assembly ----------------------------------------------------------------------------------------------


def _perfect_shuffle(m: int) -> mpmath.matrix:
    """The 0/1 matrix of P: (Px)_{am+b} = x_{bm+a}."""
    n = m * m
    P = mp.zeros(n, n)
    for a in range(m):
        for b in range(m):
            P[a * m + b, b * m + a] = 1
    return P


def _block_diagonal(blocks: list[mpmath.matrix]) -> mpmath.matrix:
    m = len(blocks)
    D = mp.zeros(m * m, m * m)
    for t, block in enumerate(blocks):
        for r in range(m):
            for c in range(m):
                D[t * m + r, t * m + c] = block[r, c]
    return D


def _assemble(L: list[mpmath.matrix], R: list[mpmath.matrix]) -> mpmath.matrix:
    P = _perfect_shuffle(len(L))
    return P * _block_diagonal(L) * P * _block_diagonal(R)


@with_dps(_GUARD)
def monarch_assemble(L_blocks: Any, R_blocks: Any, *, dps: int = DEFAULT_DPS) -> mpmath.matrix:
    """The Monarch matrix :math:`M = PLPR` by dense matrix products.

    .. math:: M = P\\,\\operatorname{diag}(L_0,\\dots,L_{m-1})\\,P\\,\\operatorname{diag}(R_0,\\dots,R_{m-1}),
              \\qquad (Px)_{am+b} = x_{bm+a}.

    Source: Su, Monarch矩阵 (kexue.fm/archives/10249), :math:`M = PLPR`; Dao et al. 2022.
    """
    L, R = _blocks(L_blocks, "L_blocks"), _blocks(R_blocks, "R_blocks")
    if len(L) != len(R):
        raise ValueError(
            f"L_blocks and R_blocks must have the same number m of blocks, got {len(L)} and {len(R)}"
        )
    return _assemble(L, R)


@with_dps(_GUARD)
def monarch_inverse(L_blocks: Any, R_blocks: Any, *, dps: int = DEFAULT_DPS) -> mpmath.matrix:
    """:math:`(PLPR)^{-1}` by LU factorisation of the assembled dense matrix (``mp.inverse``).

    ValueError when the assembled matrix is singular (a block is singular).
    """
    L, R = _blocks(L_blocks, "L_blocks"), _blocks(R_blocks, "R_blocks")
    if len(L) != len(R):
        raise ValueError(
            f"L_blocks and R_blocks must have the same number m of blocks, got {len(L)} and {len(R)}"
        )
    M = _assemble(L, R)
    try:
        return mp.inverse(M)
    except ZeroDivisionError as exc:
        raise ValueError("the Monarch matrix is singular: every block of L and R must be invertible") from exc


# --- projection -----------------------------------------------------------------------------------------


def _slice(A: mpmath.matrix, m: int, j: int, k: int) -> mpmath.matrix:
    """S_jk[i, l] = A[i, j, k, l] = A_{im+j, km+l}."""
    return mpmath.matrix([[A[i * m + j, k * m + l] for l in range(m)] for i in range(m)])


def _is_complex(A: mpmath.matrix) -> bool:
    return any(
        isinstance(A[i, j], mpmath.mpc) and A[i, j].imag != 0 for i in range(A.rows) for j in range(A.cols)
    )


def _leading_svd(S: mpmath.matrix, complex_: bool) -> tuple[list[Any], list[Any]]:
    """sqrt(sigma_1) u and sqrt(sigma_1) times the first row of V^H (= conj(v)), from mpmath's SVD."""
    U, sv, Vh = (mp.svd_c if complex_ else mp.svd_r)(S)
    root = mp.sqrt(sv[0])
    m = S.rows
    return [root * U[i, 0] for i in range(m)], [root * Vh[0, l] for l in range(m)]


def _norm2(v: Any) -> Any:
    return mp.fsum(abs(x) ** 2 for x in v)


def _leading_power(S: mpmath.matrix) -> tuple[list[Any], list[Any]]:
    """The leading triple from power iteration on G = S^H S, accelerated by repeated squaring.

    G^(2^t) (rescaled) tends to a multiple of the projector onto the top eigenspace at the rate
    (sigma_2/sigma_1)^(2^(t+1)); its largest column is then a top eigenvector v, refined by plain power steps.
    Then sigma_1 u = S v and the slice is approximated by (S v) v^H.
    """
    m = S.rows
    Sh = S.H
    G = Sh * S
    scale = max(abs(G[i, j]) for i in range(m) for j in range(m))
    if scale == 0:
        return [mp.zero] * m, [mp.zero] * m
    tol = mp.mpf(10) ** (-mp.dps + 3)
    B = G / scale
    for _ in range(200):
        B2 = B * B
        top = max(abs(B2[i, j]) for i in range(m) for j in range(m))
        B2 = B2 / top
        change = max(abs(B2[i, j] - B[i, j]) for i in range(m) for j in range(m))
        B = B2
        if change < tol:
            break
    col = max(range(m), key=lambda c: _norm2([B[i, c] for i in range(m)]))
    v = [B[i, col] for i in range(m)]
    for _ in range(8):  # plain power steps polish the direction
        w = G * mpmath.matrix(v)
        size = mp.sqrt(_norm2(w))
        v = [w[i] / size for i in range(m)]
    size = mp.sqrt(_norm2(v))
    v = [x / size for x in v]
    Sv = S * mpmath.matrix(v)
    sigma = mp.sqrt(_norm2(Sv))
    if sigma == 0:
        return [mp.zero] * m, [mp.zero] * m
    root = mp.sqrt(sigma)
    # S ~ sigma u v^H with u = Sv / sigma: left factor sqrt(sigma) u, right factor sqrt(sigma) conj(v)
    return [Sv[i] / root for i in range(m)], [root * mp.conj(x) for x in v]


def _residual(A: mpmath.matrix, M: mpmath.matrix) -> Any:
    return mp.fsum(abs(A[i, j] - M[i, j]) ** 2 for i in range(A.rows) for j in range(A.cols))


@with_dps(_GUARD)
def monarch_project(A: Any, *, dps: int = DEFAULT_DPS, method: str = "svd") -> tuple[list, list, Any]:
    """The best Monarch approximation of ``A``: ``(L_blocks, R_blocks, err)``, err the squared Frobenius
    error.

    Each slice :math:`S_{jk}[i,l] = A[i,j,k,l]` must equal :math:`L[j,:,k]\\,R[k,j,:]^{\\mathsf T}` and the
    slices share no parameters, so each is fitted by its leading singular triple:

    .. math:: L[j,:,k] = \\sqrt{\\sigma_1}\\,u,\\qquad R[k,j,:] = \\sqrt{\\sigma_1}\\,\\bar v,\\qquad
              \\mathrm{err} = \\Vert A - PLPR\\Vert_F^2 = \\sum_{j,k}\\sum_{s\\ge2}\\sigma_s(S_{jk})^2 .

    ``method="svd"``: ``mp.svd_r`` (``mp.svd_c`` for complex input) of each slice; ``method="power"``:
    power iteration on :math:`S^{\\mathsf H}S` (repeated squaring), no SVD.  ``err`` is the residual of the
    assembled factors (:func:`monarch_assemble`), so it is attained by the returned blocks.  Complex input
    (e.g. :math:`F_n`) is accepted.  Source: Su, Monarch矩阵 (kexue.fm/archives/10249); Dao et al. 2022.
    """
    method = _check_method(method)
    M, m = _square(A)
    return _project(M, m, method)


def _project(M: mpmath.matrix, m: int, method: str) -> tuple[list, list, Any]:
    complex_ = _is_complex(M)
    if not complex_:  # mpc entries with zero imaginary part: mp.svd_r needs mpf
        M = M.apply(lambda x: x.real if isinstance(x, mpmath.mpc) else x)
    L = [mp.zeros(m, m) for _ in range(m)]
    R = [mp.zeros(m, m) for _ in range(m)]
    for j in range(m):
        for k in range(m):
            S = _slice(M, m, j, k)
            left, right = _leading_svd(S, complex_) if method == "svd" else _leading_power(S)
            for i in range(m):
                L[j][i, k] = left[i]
            for l in range(m):
                R[k][j, l] = right[l]
    return L, R, _residual(M, _assemble(L, R))


@with_dps(_GUARD)
def monarch_residual(A: Any, L_blocks: Any, R_blocks: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\Vert A - PLPR\\Vert_F^2` for given blocks (dense assembly)."""
    M, m = _square(A)
    L, R = _blocks(L_blocks, "L_blocks"), _blocks(R_blocks, "R_blocks")
    if len(L) != m or len(R) != m:
        raise ValueError(
            f"A is {M.rows}x{M.cols}, so L_blocks and R_blocks need {m} blocks of size {m}x{m}, "
            f"got {len(L)} and {len(R)}"
        )
    P = _assemble(L, R)
    if P.rows != M.rows:
        raise ValueError(f"A is {M.rows}x{M.cols} but the blocks give a {P.rows}x{P.cols} Monarch matrix")
    return _residual(M, P)


# --- the DFT -------------------------------------------------------------------------------------------


def _size(m: object, name: str = "m") -> int:
    if isinstance(m, bool) or not isinstance(m, Integral) or int(m) < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {m!r}")
    return int(m)


def _dft(n: int) -> mpmath.matrix:
    # (F_n)_{rc} = exp(-2 pi i rc/n); rc reduced mod n keeps the argument small
    return mpmath.matrix([[mp.expjpi(mp.mpf(-2 * ((r * c) % n)) / n) for c in range(n)] for r in range(n)])


@with_dps(_GUARD)
def dft_matrix(n: int, *, dps: int = DEFAULT_DPS) -> mpmath.matrix:
    """:math:`(F_n)_{rc} = \\omega_n^{rc}`, :math:`\\omega_n = e^{-2\\pi i/n}`, by ``mp.expjpi``."""
    return _dft(_size(n, "n"))


@with_dps(_GUARD)
def dft_slice_factors(m: int, *, dps: int = DEFAULT_DPS) -> tuple[list, list, Any]:
    """Factors of :math:`F_nP` read off its slices: ``(L_blocks, R_blocks, rank_one_defect)``.

    With :math:`S_{jk}[i,l] = (F_nP)[i,j,k,l]`: :math:`L[j,i,k] = S_{jk}[i,0]`,
    :math:`R[k,j,l] = S_{jk}[0,l]/S_{jk}[0,0]` (normalised so :math:`R[k,j,0] = 1`); ``rank_one_defect`` is
    :math:`\\max|S_{jk} - L[j,:,k]R[k,j,:]^{\\mathsf T}|`, zero up to rounding when every slice has rank one.
    """
    return _dft_factors(_size(m))


def _dft_factors(m: int) -> tuple[list, list, Any]:
    n = m * m
    F = _dft(n) * _perfect_shuffle(m)
    L = [mp.zeros(m, m) for _ in range(m)]
    R = [mp.zeros(m, m) for _ in range(m)]
    defect = mp.zero
    for j in range(m):
        for k in range(m):
            S = _slice(F, m, j, k)
            for i in range(m):
                L[j][i, k] = S[i, 0]
            for l in range(m):
                R[k][j, l] = S[0, l] / S[0, 0]
            for i in range(m):
                for l in range(m):
                    defect = max(defect, abs(S[i, l] - L[j][i, k] * R[k][j, l]))
    return L, R, defect


def _stacked(blocks: list[mpmath.matrix]) -> mpmath.matrix:
    """Blocks stacked vertically: row t*m + r, column c holds block t's entry (r, c)."""
    m = len(blocks)
    return mpmath.matrix([[blocks[t][r, c] for c in range(m)] for t in range(m) for r in range(m)])


# --- the routes of the registered results -----------------------------------------------------------------


@with_dps(_GUARD)
def four_index_route(L: Any, R: Any, *, dps: int = DEFAULT_DPS) -> list[mpmath.matrix]:
    """LOWR-MON-1 at a point: ``[PLPR by dense products, (PLPR)^{-1} by LU]``."""
    Lb, Rb = _blocks(L, "L"), _blocks(R, "R")
    if len(Lb) != len(Rb):
        raise ValueError(f"L and R must have the same number m of blocks, got {len(Lb)} and {len(Rb)}")
    M = _assemble(Lb, Rb)
    return [M, mp.inverse(M)]


@with_dps(_GUARD)
def dft_route(m: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-MON-3 at ``m``: ``[L stacked, R stacked, err]``: the factors read off the slices of the
    numerically
    evaluated :math:`F_nP`, and the best Monarch error of :math:`F_n` by ``mp.svd_c`` of its slices."""
    m = _size(m)
    L, R, _ = _dft_factors(m)
    err = _project(_dft(m * m), m, "svd")[2]
    return [_stacked(L), _stacked(R), err]
