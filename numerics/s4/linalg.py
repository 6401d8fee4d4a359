"""Private mpmath building blocks of :mod:`numerics.s4`: input conversion, dense linear algebra
on lists of mpmath numbers, the bilinear discretisation and a mixed-radix FFT.

Matrices are plain lists of rows (faster than ``mpmath.matrix`` for the many small products the
kernel routes need).  Nothing here imports SymPy or :mod:`proofs`; SymPy inputs are converted by
duck typing (``evalf`` and ``as_real_imag``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import to_mp

Mat = list[list[Any]]
Vec = list[Any]

__all__ = [
    "number", "matrix_in", "vector_in", "is_real", "check_L", "check_step", "identity", "matmul", "matvec",
    "vecmat", "transpose", "solve", "inverse", "cond1", "bilinear", "power", "fft", "idft", "nodes",
    "to_mpmatrix",
]


def number(x: Any, what: str = "entry") -> Any:
    """One exact/mpmath/SymPy number as an mpmath number at the working precision."""
    if isinstance(x, (mpmath.mpf, mpmath.mpc, Fraction, float, complex)) or (
            isinstance(x, Integral) and not isinstance(x, bool)):
        return to_mp(x)
    if isinstance(x, bool):
        raise ValueError(f"{what} must be a number, got the boolean {x!r}")
    if isinstance(getattr(x, "p", None), int) and isinstance(getattr(x, "q", None), int):
        return to_mp(x)
    if hasattr(x, "evalf") and hasattr(x, "as_real_imag"):  # a SymPy expression (duck typed)
        if getattr(x, "free_symbols", None):
            raise ValueError(f"{what} must be numeric, got the symbolic expression {x}")
        v = x.evalf(mp.dps + 10)
        re, im = v.as_real_imag()
        re, im = to_mp(re), to_mp(im)
        return re if im == 0 else mp.mpc(re, im)
    raise ValueError(f"{what} must be a number (int, Fraction, mpmath or SymPy number), got {x!r}")


def _rows(M: Any, what: str) -> list[list[Any]]:
    if isinstance(M, mpmath.matrix):
        return [[M[i, j] for j in range(M.cols)] for i in range(M.rows)]
    if hasattr(M, "tolist") and hasattr(M, "shape"):  # SymPy Matrix
        return [list(r) for r in M.tolist()]
    if isinstance(M, Sequence) and not isinstance(M, (str, bytes)):
        rows = [list(r) if isinstance(r, Sequence) and not isinstance(r, (str, bytes)) else None for r in M]
        if any(r is None for r in rows):
            raise ValueError(f"{what} must be a matrix (a sequence of rows), got {M!r}")
        return rows
    raise ValueError(f"{what} must be a matrix (sequence of rows, mpmath or SymPy matrix), got {type(M).__name__}")


def matrix_in(M: Any, what: str = "A", *, square: bool = True) -> Mat:
    """A matrix argument as a list of rows of mpmath numbers; ``square`` enforces N x N."""
    rows = _rows(M, what)
    if not rows or not rows[0]:
        raise ValueError(f"{what} must be a non-empty matrix")
    cols = len(rows[0])
    if any(len(r) != cols for r in rows):
        raise ValueError(f"{what} has rows of different lengths")
    if square and cols != len(rows):
        raise ValueError(f"{what} must be square (N x N), got shape {len(rows)} x {cols}")
    return [[number(v, what) for v in r] for r in rows]


def vector_in(v: Any, N: int, what: str) -> Vec:
    """A length-N vector from a sequence, an N x 1 (or 1 x N) matrix; anything else is an error."""
    if isinstance(v, mpmath.matrix) or (hasattr(v, "tolist") and hasattr(v, "shape")):
        rows = _rows(v, what)
        if len(rows) == 1:
            flat = rows[0]
        elif all(len(r) == 1 for r in rows):
            flat = [r[0] for r in rows]
        else:
            raise ValueError(f"{what} must be a vector (N x 1), got shape {len(rows)} x {len(rows[0])}")
    elif isinstance(v, Sequence) and not isinstance(v, (str, bytes)):
        flat = list(v)
        if flat and all(isinstance(x, Sequence) and not isinstance(x, (str, bytes)) and len(x) == 1 for x in flat):
            flat = [x[0] for x in flat]
    else:
        raise ValueError(f"{what} must be a sequence of N numbers, got {type(v).__name__}")
    if len(flat) != N:
        raise ValueError(f"{what} must have length N = {N}, got {len(flat)}")
    return [number(x, what) for x in flat]


def is_real(*objs: Any) -> bool:
    """Whether every entry of the given (nested) lists is real."""
    for o in objs:
        stack = [o]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, mpmath.mpc) and x.imag != 0:
                return False
    return True


#: the longest kernel computed: 2^20 multiprecision values already take minutes (a bound, so nothing hangs)
MAX_L = 2**20


def check_L(L: Any) -> int:
    if isinstance(L, bool) or not isinstance(L, Integral) or not 1 <= int(L) <= MAX_L:
        raise ValueError(f"L must be a positive integer at most {MAX_L} (the kernel length), got {L!r}")
    return int(L)


def check_step(step: Any) -> Any:
    """The step as an mpf; it must be a real number > 0."""
    s = number(step, "step")
    if isinstance(s, mpmath.mpc) or not s > 0:
        raise ValueError(f"step must be a real number > 0, got {step!r}")
    return s


def identity(N: int) -> Mat:
    return [[mp.mpf(1) if i == j else mp.mpf(0) for j in range(N)] for i in range(N)]


def transpose(M: Mat) -> Mat:
    return [list(c) for c in zip(*M)]


def matmul(X: Mat, Y: Mat) -> Mat:
    Yt = transpose(Y)
    return [[mp.fdot(r, c) for c in Yt] for r in X]


def matvec(M: Mat, v: Vec) -> Vec:
    return [mp.fdot(r, v) for r in M]


def vecmat(v: Vec, M: Mat) -> Vec:
    return [mp.fdot(v, c) for c in transpose(M)]


def to_mpmatrix(M: Mat) -> Any:
    return mp.matrix(M)


def solve(M: Mat, rhs: Vec) -> Vec:
    """Solve ``M x = rhs`` by LU with partial pivoting; ZeroDivisionError if exactly singular."""
    x = mp.lu_solve(mp.matrix(M), mp.matrix(rhs))
    return [x[i] for i in range(len(rhs))]


def inverse(M: Mat) -> Mat:
    inv = mp.inverse(mp.matrix(M))
    return [[inv[i, j] for j in range(inv.cols)] for i in range(inv.rows)]


def _norm1(M: Mat) -> Any:
    return max(mp.fsum(abs(M[i][j]) for i in range(len(M))) for j in range(len(M[0])))


def cond1(M: Mat) -> Any:
    """1-norm condition number (``mp.inf`` for an exactly singular matrix)."""
    try:
        return _norm1(M) * _norm1(inverse(M))
    except ZeroDivisionError:
        return mp.inf


def bilinear(A: Mat, B: Vec, step: Any) -> tuple[Mat, Vec]:
    """:math:`\\bar A=(I-\\tfrac\\Delta2A)^{-1}(I+\\tfrac\\Delta2A)`, :math:`\\bar B=\\Delta(I-\\tfrac\\Delta2A)^{-1}B`."""
    N = len(A)
    h = step / 2
    minus = [[(1 if i == j else 0) - h * A[i][j] for j in range(N)] for i in range(N)]
    plus = [[(1 if i == j else 0) + h * A[i][j] for j in range(N)] for i in range(N)]
    try:
        inv = inverse(minus)
    except ZeroDivisionError:
        raise ValueError("I - (step/2) A is singular: the bilinear discretisation is undefined") from None
    return matmul(inv, plus), [step * v for v in matvec(inv, B)]


def power(M: Mat, L: int) -> Mat:
    """:math:`M^L` by repeated squaring."""
    result, base, e = identity(len(M)), M, L
    while e:
        if e & 1:
            result = matmul(result, base)
        e >>= 1
        if e:
            base = matmul(base, base)
    return result


def nodes(L: int, sign: int = -1) -> Vec:
    """:math:`e^{\\mathrm{sign}\\cdot 2\\pi i l/L}`, ``l = 0..L-1``, at working precision (``expjpi``,
    exact rational argument, so the node ``l = L/2`` is exactly -1)."""
    return [mp.expjpi(mp.mpf(sign * 2 * l) / L) for l in range(L)]


def _smallest_factor(n: int) -> int:
    p = 2
    while p * p <= n:
        if n % p == 0:
            return p
        p += 1
    return n


def _fft(a: Vec, table: Vec, stride: int) -> Vec:
    """:math:`\\sum_k a_k \\tau^{k l}`, where ``table[j*stride]`` is :math:`\\tau^j` (mixed radix)."""
    L = len(a)
    if L == 1:
        return [a[0]]
    p = _smallest_factor(L)
    if p == L:  # prime length: direct sum
        return [mp.fsum(a[k] * table[((k * l) % L) * stride] for k in range(L)) for l in range(L)]
    m = L // p
    subs = [_fft(a[r::p], table, stride * p) for r in range(p)]
    return [mp.fsum(subs[r][l % m] * table[((r * l) % L) * stride] for r in range(p)) for l in range(L)]


def fft(a: Sequence[Any], sign: int = -1) -> Vec:
    """:math:`\\hat a_l=\\sum_k a_k e^{\\mathrm{sign}\\cdot2\\pi ikl/L}` (sign -1 is numpy's ``fft``)."""
    a = list(a)
    return _fft(a, nodes(len(a), sign), 1)


def idft(a_hat: Sequence[Any]) -> Vec:
    """Inverse of convention 5: :math:`a_k=\\tfrac1L\\sum_l\\hat a_le^{+2\\pi ikl/L}` (numpy's ``ifft``)."""
    L = len(a_hat)
    return [v / L for v in fft(a_hat, +1)]
