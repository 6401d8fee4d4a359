"""Monarch matrices: the four-index identity, the optimal Monarch approximation, the column-permuted DFT.

Main statements (spec ``lowrank.md`` section 2.5; conventions of section 1.8: :math:`n = m^2`,
:math:`(Px)_{am+b} = x_{bm+a}`, :math:`X[i,j,k,l] = X_{im+j,\\,km+l}`, :math:`L[i,j,k]` = block :math:`i`,
row :math:`j`, column :math:`k`, all 0-based):

- LOWR-MON-1: :math:`M = PLPR \\Rightarrow M[i,j,k,l] = L[j,i,k]\\,R[k,j,l]`; :math:`2m^3` parameters;
  :math:`M^{-1} = R^{-1}PL^{-1}P`.  Proved with symbolic blocks for every :math:`m = 1, 2, 3`: the product of
  the four matrices (the permutation as a 0/1 matrix) against the four-index formula, the parameters counted
  as the free symbols of the product, and the inverse by inverting each factor (Gauss-Jordan on the blocks,
  the permutation inverted) against the blockwise adjugate formula.
- LOWR-MON-2: :math:`\\min_M\\Vert A - M\\Vert_F^2 = \\sum_{j,k}\\sum_{s\\ge2}\\sigma_s(S_{jk})^2` with the
  slices :math:`S_{jk}[i,l] = A[i,j,k,l]`; for :math:`m = 2`,
  :math:`\\sigma_2(S)^2 = \\tfrac12(\\Vert S\\Vert_F^2 - \\sqrt{\\Vert S\\Vert_F^4 - 4|\\det S|^2})`.  The
  reduction to slices and the rank-one minimum are computed symbolically (:math:`m = 2`); the minimum is then
  computed from the characteristic polynomial of each slice's Gram matrix on exact instances and compared with
  the radical formula.
- LOWR-MON-3: :math:`F_nP = PLPR` with :math:`L[j,i,k] = \\omega_m^{ik}\\omega_n^{jk}`,
  :math:`R[k,j,l] = \\omega_m^{jl}`; the best Monarch error of :math:`F_n` itself is :math:`n^2(1 - 1/m)`.
  Proved for every :math:`m = 1, \\ldots, 4` in exact cyclotomic arithmetic (exponents of :math:`\\omega_n`).

Public API (spec section 5): :func:`monarch_matrix`, :func:`monarch_error`, :func:`dft_monarch_factors`;
also :func:`dft_matrix` and :func:`shuffle_matrix`.  Complex entries are accepted by all three Monarch
functions
(the DFT needs them; see the notes of LOWR-MON-2).

References: Su, Monarch矩阵 (kexue.fm/archives/10249); Dao et al. 2022, Monarch (arXiv 2204.00595).

Registers: LOWR-MON-1, LOWR-MON-2, LOWR-MON-3.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import reduce
from numbers import Integral
from typing import Any

import sympy
from sympy import Eq, I, Matrix, MatrixBase, Mul, Poly, Rational, Symbol, Tuple, pi
from sympy.polys.matrices import DomainMatrix

from numerics.lowrank import monarch as num
from proofs.core import Bound, Derivation, Result, Scope, Step, register
from proofs.core.bibliography import MONARCH, SU_10249
from proofs.core.params import draw, s

__all__ = [
    "dft_matrix",
    "dft_monarch",
    "dft_monarch_factors",
    "four_index_identity",
    "monarch_error",
    "monarch_matrix",
    "monarch_projection_error",
    "shuffle_matrix",
]

_lam = Symbol("lambda")

# --- exact input -------------------------------------------------------------------------------------------


def _entry(x: Any, name: str) -> Any:
    """An exact SymPy number (real or complex); ValueError for booleans, symbols, NaN and infinities."""
    if isinstance(x, bool):
        raise ValueError(
            f"{name} has a boolean entry {x!r}; numbers are required (real matrix required, or complex)"
        )
    if isinstance(x, (float, complex)):
        parts = (x.real, x.imag) if isinstance(x, complex) else (x, 0.0)
        if not all(math.isfinite(p) for p in parts):
            raise ValueError(f"{name} has a NaN or infinite entry ({x!r}); entries must be finite")
        x = Rational(parts[0]) + I * Rational(parts[1])  # the binary value, exactly
    elif isinstance(x, Fraction):
        x = Rational(x.numerator, x.denominator)
    try:
        e = sympy.sympify(x, strict=True)
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"{name} has a non-numeric entry {x!r} (real matrix required, or complex)") from exc
    if not isinstance(e, sympy.Expr) or e.free_symbols or not e.is_number:
        raise ValueError(f"{name} has a non-numeric entry {x!r} (real matrix required, or complex)")
    if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise ValueError(f"{name} has a NaN or infinite entry ({x!r}); entries must be finite")
    return e


def _exact_matrix(A: Any, name: str) -> Matrix:
    rows = num.sequence_rows(A.tolist() if isinstance(A, MatrixBase) else A, name)
    return Matrix([[_entry(x, name) for x in r] for r in rows])


def _square(A: Any, name: str = "A") -> tuple[Matrix, int]:
    M = _exact_matrix(A, name)
    if M.rows != M.cols:
        raise ValueError(f"{name} must be square of size n = m^2, got shape {M.rows}x{M.cols}")
    m = math.isqrt(M.rows)
    if m * m != M.rows:
        raise ValueError(f"{name} must be square of size n = m^2 (m blocks of size m), got size {M.rows}")
    return M, m


def _blocks(blocks: Any, name: str) -> list[Matrix]:
    if isinstance(blocks, (str, MatrixBase)) or not isinstance(blocks, Sequence) or not blocks:
        raise ValueError(f"{name} must be a non-empty sequence of m blocks of size m x m")
    out = [_exact_matrix(b, f"{name}[{t}]") for t, b in enumerate(blocks)]
    m = len(out)
    for t, b in enumerate(out):
        if b.shape != (m, m):
            raise ValueError(f"{name}[{t}] must be {m}x{m} ({m} blocks of size {m}), got {b.rows}x{b.cols}")
    return out


#: the largest block size the exact constructions build (n = m^2 = 1024 entries per side)
MAX_M = 32


def _size(m: object, name: str = "m", high: int = MAX_M) -> int:
    """A size in ``1..high`` (exact SymPy matrices of that order are built from it: 10**30 must be refused)."""
    if isinstance(m, bool) or not isinstance(m, (Integral, sympy.Integer)) or not 1 <= int(m) <= high:
        raise ValueError(f"{name} must be an integer in 1..{high}, got {m!r}")
    return int(m)


# --- the Monarch product -------------------------------------------------------------------------------


def shuffle_matrix(m: int) -> Matrix:
    """The perfect shuffle :math:`P` of size :math:`n = m^2`: :math:`(Px)_{am+b} = x_{bm+a}` (a 0/1 matrix).

    Reshape to :math:`m\\times m` row-major, transpose, flatten; :math:`P = P^{\\mathsf T} = P^{-1}`.
    Source: Su, Monarch矩阵 (kexue.fm/archives/10249).
    """
    m = _size(m)
    return Matrix(m * m, m * m, lambda r, c: 1 if c == (r % m) * m + r // m else 0)


def _product(L: list[Matrix], R: list[Matrix]) -> Matrix:
    """:math:`P\\,\\mathrm{diag}(L)\\,P\\,\\mathrm{diag}(R)` by matrix products (any entries, symbols too)."""
    P = shuffle_matrix(len(L))
    return P * sympy.diag(*L) * P * sympy.diag(*R)


def monarch_matrix(L_blocks: Any, R_blocks: Any) -> Matrix:
    """The Monarch matrix :math:`M = PLPR`, exactly.

    .. math:: M = P\\,\\operatorname{diag}(L_0,\\dots,L_{m-1})\\,P\\,\\operatorname{diag}(R_0,\\dots,R_{m-1}),
              \\qquad M[i,j,k,l] = L[j,i,k]\\,R[k,j,l] \\ \\text{(LOWR-MON-1)}.

    Parameters
    ----------
    L_blocks, R_blocks
        ``m`` blocks each, every block ``m x m`` (SymPy matrices or nested lists of exact numbers; complex
        entries are accepted, e.g. the factors of :func:`dft_monarch_factors`).

    Returns the :math:`m^2\\times m^2` SymPy matrix.  ValueError when the blocks are not ``m`` matrices of
    size ``m x m`` or an entry is not a finite number.  Source: Su, Monarch矩阵 (kexue.fm/archives/10249);
    Dao et al. 2022 (arXiv 2204.00595).
    """
    L, R = _blocks(L_blocks, "L_blocks"), _blocks(R_blocks, "R_blocks")
    if len(L) != len(R):
        raise ValueError(
            f"L_blocks and R_blocks must have the same number m of blocks, got {len(L)} and {len(R)}"
        )
    return _product(L, R)


def _four_index(L: list[Matrix], R: list[Matrix]) -> Matrix:
    """The matrix with :math:`X_{im+j,\\,km+l} = L[j,i,k]\\,R[k,j,l]` (the closed form of LOWR-MON-1)."""
    m = len(L)

    def entry(r: int, c: int) -> Any:
        (i, j), (k, l) = divmod(r, m), divmod(c, m)
        return L[j][i, k] * R[k][j, l]

    return Matrix(m * m, m * m, entry)


def _slice(A: Matrix, m: int, j: int, k: int) -> Matrix:
    """:math:`S_{jk}[i,l] = A[i,j,k,l] = A_{im+j,\\,km+l}`."""
    return Matrix(m, m, lambda i, l: A[i * m + j, k * m + l])


# --- exact singular values of the slices ---------------------------------------------------------------


def _unit_root(e: Any) -> tuple[Any, Any] | None:
    """``(c, t)`` with ``e = c exp(2 pi i t)``, ``c`` rational, ``t`` rational in [0, 1); None otherwise."""
    c, rest = e.as_coeff_Mul()
    if not c.is_Rational:
        return None
    turn = Rational(0)
    for f in Mul.make_args(rest):
        if f == 1:
            continue
        if f == I:
            turn += Rational(1, 4)
        elif isinstance(f, sympy.exp) and (f.args[0] / (2 * pi * I)).is_Rational:
            turn += f.args[0] / (2 * pi * I)
        elif f.is_Pow and f.base == -1 and f.exp.is_Rational:
            turn += f.exp / 2
        else:
            return None
    return c, turn % 1


def _cyclotomic_grams(A: Matrix, m: int) -> list[Matrix] | None:
    """The Gram matrices :math:`S^{\\mathsf H}S` of the slices when every entry of ``A`` is a rational times a
    root of unity, computed in :math:`\\mathbb Q(\\zeta_N)` (exponents of :math:`\\zeta_N = e^{2\\pi i/N}`,
    reduced modulo the cyclotomic polynomial :math:`\\Phi_N`); None for other entries or when a Gram entry is
    not rational."""
    parts = [_unit_root(e) for e in A]
    if any(p is None for p in parts):
        return None
    N = reduce(math.lcm, (int(t.q) for _, t in parts), 1)
    if N == 1:
        return None  # rational entries: the ordinary route
    z = Symbol("z")
    phi = Poly(sympy.cyclotomic_poly(N, z), z)
    table = {
        (r, c): (parts[r * A.cols + c][0], int(parts[r * A.cols + c][1] * N))
        for r in range(A.rows)
        for c in range(A.cols)
    }
    grams = []
    for j in range(m):
        for k in range(m):
            G = sympy.zeros(m, m)
            for l1 in range(m):
                for l2 in range(m):
                    coeffs = [Rational(0)] * N
                    for i in range(m):
                        c1, e1 = table[(i * m + j, k * m + l1)]
                        c2, e2 = table[(i * m + j, k * m + l2)]
                        coeffs[(e2 - e1) % N] += c1 * c2  # conj(c1 z^e1) c2 z^e2, c rational
                    residue = Poly(list(reversed(coeffs)), z).rem(phi)
                    if residue.degree() > 0:
                        return None
                    G[l1, l2] = residue.as_expr()
            grams.append(G)
    return grams


def _grams(A: Matrix, m: int) -> list[Matrix]:
    """:math:`S_{jk}^{\\mathsf H}S_{jk}` for every slice, entries expanded (order j, k)."""
    cyclotomic = _cyclotomic_grams(A, m)
    if cyclotomic is not None:
        return cyclotomic
    out = []
    for j in range(m):
        for k in range(m):
            S = _slice(A, m, j, k)
            out.append((S.H * S).applyfunc(sympy.expand))
    return out


def _largest_root(p: Poly) -> Any:
    """The largest root of a polynomial over QQ with real roots: radicals up to degree 2, else CRootOf."""
    candidates = []
    for f, _ in p.factor_list()[1]:
        if f.degree() <= 2:
            candidates.extend(sympy.roots(f, multiple=True))
        else:
            candidates.append(sympy.CRootOf(f.as_expr(), f.gen, f.degree() - 1))
    return max(candidates, key=lambda r: sympy.re(sympy.N(r, 60)))


def _top_eigenvalue(G: Matrix) -> Any:
    """:math:`\\lambda_{\\max}` of a Hermitian positive semidefinite Gram matrix, exactly."""
    p = G.charpoly(_lam)
    coeffs = [sympy.expand(c) for c in p.all_coeffs()]
    if all(c.is_Rational for c in coeffs):
        return _largest_root(Poly(coeffs, _lam))
    if G.rows == 2:  # quadratic formula with algebraic coefficients
        t, d = sympy.expand(-coeffs[1]), coeffs[2]
        return (t + sympy.sqrt(sympy.expand(t**2 - 4 * d))) / 2
    raise ValueError(
        "monarch_error: the exact error for m >= 3 needs slices whose Gram matrices S^H S have a rational "
        "characteristic polynomial (rational, Gaussian-rational or root-of-unity entries); use "
        "numerics.lowrank.monarch_project for others"
    )


def _frobenius2(S: Matrix) -> Any:
    return sympy.expand(sum((x * sympy.conjugate(x) for x in S), sympy.Integer(0)))


def _tail(A: Matrix, m: int) -> list[Any]:
    """Per slice: :math:`\\Vert S\\Vert_F^2 - \\sigma_1(S)^2` (order j, k)."""
    return [
        sympy.expand(_frobenius2(_slice(A, m, j, k)) - _top_eigenvalue(G))
        for (j, k), G in zip(((j, k) for j in range(m) for k in range(m)), _grams(A, m))
    ]


def monarch_error(A: Any) -> Any:
    """The squared Frobenius distance from ``A`` to the nearest Monarch matrix, exactly (LOWR-MON-2).

    .. math:: \\min_{M = PLPR}\\Vert A - M\\Vert_F^2 = \\sum_{j,k}\\Big(\\Vert S_{jk}\\Vert_F^2
              - \\sigma_1(S_{jk})^2\\Big) = \\sum_{j,k}\\sum_{s\\ge2}\\sigma_s(S_{jk})^2,
              \\qquad S_{jk}[i,l] = A[i,j,k,l],

    with :math:`\\sigma_1(S)^2` the largest root of :math:`\\det(\\lambda I - S^{\\mathsf H}S)`: radicals when
    the factor is at most quadratic (always for :math:`m = 2`), ``CRootOf`` otherwise.

    ``A`` is :math:`n\\times n` with :math:`n = m^2` (a SymPy matrix or nested lists of exact numbers);
    complex
    entries are accepted (:math:`F_n` gives :math:`n^2(1 - 1/m)`, LOWR-MON-3).  For :math:`m\\ge3` the slices'
    Gram matrices must have rational characteristic polynomials (rational, Gaussian-rational or
    root-of-unity entries), else ValueError.  Source: Su, Monarch矩阵 (kexue.fm/archives/10249).
    """
    M, m = _square(A)
    return sympy.Add(*_tail(M, m))


# --- the DFT ------------------------------------------------------------------------------------------------


def _omega(q: int, e: int) -> Any:
    """:math:`\\omega_q^e = e^{-2\\pi i e/q}`, exponent reduced mod q (one canonical SymPy form per value)."""
    return sympy.exp(-2 * pi * I * Rational(e % q, q))


def dft_matrix(n: int) -> Matrix:
    """:math:`(F_n)_{rc} = \\omega_n^{rc}`, :math:`\\omega_n = e^{-2\\pi i/n}`, :math:`r, c = 0..n-1`
    (spec 1.9)."""
    n = _size(n, "n", MAX_M * MAX_M)
    return Matrix(n, n, lambda r, c: _omega(n, r * c))


def dft_monarch_factors(m: int) -> tuple[list[Matrix], list[Matrix]]:
    """The Monarch factors of the column-permuted DFT: :math:`F_nP = PLPR` (LOWR-MON-3, four-step FFT).

    .. math:: L[j,i,k] = \\omega_m^{ik}\\,\\omega_n^{jk},\\qquad R[k,j,l] = \\omega_m^{jl},\\qquad n = m^2:

    every :math:`R` block is :math:`F_m`, :math:`L` block :math:`j` is
    :math:`F_m\\operatorname{diag}(\\omega_n^{jk})_k`.
    Returns ``(L_blocks, R_blocks)``, ``m`` SymPy matrices each.  :math:`F_n` itself is not Monarch for
    :math:`m\\ge2` (pitfall 13).  Source: derived here; Dao et al. 2022 (arXiv 2204.00595), the DFT up to a
    permutation.
    """
    m = _size(m)
    n = m * m
    L = [Matrix(m, m, lambda i, k, j=j: _omega(n, i * k * m + j * k)) for j in range(m)]
    R = [Matrix(m, m, lambda jj, l: _omega(m, jj * l)) for _ in range(m)]
    return L, R


def _stacked(blocks: list[Matrix]) -> Matrix:
    """Blocks stacked vertically: row t*m + r, column c holds block t's entry (r, c)."""
    return Matrix.vstack(*blocks)


# --- LOWR-MON-1 ----------------------------------------------------------------------------------------


def _symbolic_blocks(letter: str, m: int) -> list[Matrix]:
    return [Matrix(m, m, lambda r, c, t=t: Symbol(f"{letter}_{t}{r}{c}")) for t in range(m)]


def _mon1_blocks(m: Any, L: Any, R: Any) -> tuple[list[Matrix], list[Matrix], bool]:
    if L is None and R is None:
        m = _size(m)
        return _symbolic_blocks("L", m), _symbolic_blocks("R", m), True
    Lb, Rb = _blocks(L, "L"), _blocks(R, "R")
    if len(Lb) != len(Rb):
        raise ValueError(f"L and R must have the same number m of blocks, got {len(Lb)} and {len(Rb)}")
    return Lb, Rb, False


_MON1_NAMES = (Symbol("PLPR"), Symbol("N_params"), Symbol("M_inverse"))


def _adjugate_inverse(B: Matrix) -> Matrix:
    """Cramer's rule :math:`B^{-1} = \\operatorname{adj}(B)/\\det B`, entries in lowest terms in the fraction
    field
    of the entries (one canonical form, shared with :func:`_elimination_inverse`)."""
    adj, det = DomainMatrix.from_Matrix(B).to_field().adj_det()
    if det == adj.domain.zero:
        raise ValueError("every block must be invertible for the inverse (a block has determinant 0)")
    return (adj * adj.domain.quo(adj.domain.one, det)).to_Matrix()


def _elimination_inverse(B: Matrix) -> Matrix:
    """:math:`B^{-1}` by Gauss-Jordan elimination over the field of fractions of the entries
    (DomainMatrix)."""
    return DomainMatrix.from_Matrix(B).to_field().inv().to_Matrix()


def four_index_identity(m: Any = None, L: Any = None, R: Any = None) -> Tuple:
    """LOWR-MON-1: :math:`M = PLPR` has :math:`M[i,j,k,l] = L[j,i,k]\\,R[k,j,l]`, :math:`2m^3` parameters and
    :math:`M^{-1} = R^{-1}PL^{-1}P` (blocks inverted by their adjugates).

    With ``m`` alone: symbolic blocks :math:`L_{tij}`, :math:`R_{tij}` (the parameter count is part of the
    statement); with exact blocks ``L``, ``R`` (invertible, for the inverse): the four-index matrix and the
    inverse at that point.  Source: Su, Monarch矩阵 (kexue.fm/archives/10249); Dao et al. 2022.
    """
    Lb, Rb, symbolic = _mon1_blocks(m, L, R)
    size = len(Lb)
    P = shuffle_matrix(size)
    inv = (
        sympy.diag(*[_adjugate_inverse(b) for b in Rb])
        * P
        * sympy.diag(*[_adjugate_inverse(b) for b in Lb])
        * P
    )
    parts = [Eq(_MON1_NAMES[0], _four_index(Lb, Rb), evaluate=False)]
    if symbolic:
        parts.append(Eq(_MON1_NAMES[1], 2 * size**3, evaluate=False))
    parts.append(Eq(_MON1_NAMES[2], inv, evaluate=False))
    return Tuple(*parts)


def _derive_mon1(m: int) -> Derivation:
    m = _size(m)
    L, R = _symbolic_blocks("L", m), _symbolic_blocks("R", m)
    P = shuffle_matrix(m)
    product = _product(L, R)
    count = len(product.free_symbols)
    P_inv = P.inv()
    # (XY)^{-1} = Y^{-1} X^{-1}; each block-diagonal factor inverted block by block (Gauss-Jordan)
    inv = (
        sympy.diag(*[_elimination_inverse(b) for b in R])
        * P_inv
        * sympy.diag(*[_elimination_inverse(b) for b in L])
        * P_inv
    )
    value = Tuple(
        Eq(_MON1_NAMES[0], product, evaluate=False),
        Eq(_MON1_NAMES[1], count, evaluate=False),
        Eq(_MON1_NAMES[2], inv, evaluate=False),
    )
    steps = (
        Step(r"The perfect shuffle $P$ as a 0/1 matrix, $(Px)_{am+b} = x_{bm+a}$", P),
        Step(
            r"The product $P\,\mathrm{diag}(L_0,\ldots)\,P\,\mathrm{diag}(R_0,\ldots)$ with symbolic blocks "
            r"(compared entrywise with $L[j,i,k]\,R[k,j,l]$ at row $im+j$, column $km+l$)",
            product,
        ),
        Step(r"Its free symbols, counted: every entry of every block appears, so $2m^3$ parameters", count),
        Step(r"$P^{-1}$ computed by inversion; $P^{-1} - P$", P_inv - P),
        Step(
            r"$(PLPR)^{-1} = R^{-1}P^{-1}L^{-1}P^{-1}$ with each block inverted by Gauss-Jordan elimination "
            r"(compared with the adjugate formula $R^{-1}PL^{-1}P$)",
            inv,
        ),
    )
    return Derivation(value, steps)


def _mon1_points() -> Any:
    """Invertible rational blocks, m = 2 or 3."""
    from hypothesis import strategies as st

    from numerics import strategies as ns

    def invertible(block: list[list[Fraction]]) -> bool:  # Gaussian elimination over Fraction (fast)
        rows = [[Fraction(x) for x in r] for r in block]
        for c in range(len(rows)):
            pivot = next((r for r in range(c, len(rows)) if rows[r][c] != 0), None)
            if pivot is None:
                return False
            rows[c], rows[pivot] = rows[pivot], rows[c]
            for r in range(c + 1, len(rows)):
                f = rows[r][c] / rows[c][c]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
        return True

    entry = st.builds(Fraction, st.integers(-6, 6), st.sampled_from([1, 1, 2, 3, 5]))

    def blocks(m: int) -> Any:
        one = st.lists(st.lists(entry, min_size=m, max_size=m), min_size=m, max_size=m).filter(invertible)
        return ns.points(L=st.lists(one, min_size=m, max_size=m), R=st.lists(one, min_size=m, max_size=m))

    return st.sampled_from([2, 3]).flatmap(blocks)


_Q = Fraction
_EX_MON1 = (
    {"L": [[[1, 2], [3, 5]], [[_Q(1, 2), -1], [2, 3]]], "R": [[[2, 1], [1, 1]], [[0, 1], [-1, _Q(1, 3)]]]},
    {
        "L": [
            [[1, 2, 0], [0, 1, 3], [1, 0, 1]],
            [[2, 0, 1], [1, 1, 0], [0, _Q(1, 2), 1]],
            [[1, 1, 1], [0, 2, 1], [_Q(-1, 3), 0, 1]],
        ],
        "R": [
            [[3, 1, 0], [1, 2, 1], [0, 1, 1]],
            [[1, -1, 2], [0, 1, 1], [2, 0, 1]],
            [[_Q(2, 5), 1, 0], [0, 1, _Q(1, 4)], [1, 0, 2]],
        ],
    },
)

register(
    Result(
        key="LOWR-MON-1",
        title="Monarch matrices: the four-index identity, parameter count and inverse",
        title_tex=r"Monarch matrices: $M[i,j,k,l] = L[j,i,k]\,R[k,j,l]$, $2m^3$ parameters, "
        r"$M^{-1} = R^{-1}PL^{-1}P$",
        source=f"{SU_10249}, M = PLPR and its four-index form; {MONARCH}",
        statement=four_index_identity,
        derive=_derive_mon1,
        numeric=num.four_index_route,
        params=_mon1_points,
        examples=_EX_MON1,
        bound=Bound("m", 1, 3),
        display={"m": 2},
        parts=("PLPR", "N", "(PLPR)^{-1}"),
        uncertified="the numeric route is dense mpmath matrix algebra (products, LU); no Arb route is "
        "written",
        notes=r"Symbolic blocks for every $m = 1, 2, 3$ ($n = m^2$); at a numeric point the statement has "
        r"two parts (the four-index matrix and the inverse), cross-checked against dense products of $P$, "
        r"$\mathrm{diag}(L)$, $P$, $\mathrm{diag}(R)$ and an LU inverse.  Conventions: "
        r"$(Px)_{am+b} = x_{bm+a}$, $X[i,j,k,l] = X_{im+j,\,km+l}$, $L[i,j,k]$ = block $i$, row $j$, column "
        r"$k$ (0-based).  $2m^3$ counts the entries of the blocks; the map $(L, R)\mapsto M$ has an "
        r"$m^2$-dimensional scaling gauge (one scalar per slice).",
    )
)


# --- LOWR-MON-2 ----------------------------------------------------------------------------------------

_ERR = Symbol("err(A)")


def _radical_tail(S: Matrix) -> Any:
    """The spec's closed form for m = 2: :math:`\\sigma_2^2 = \\frac12(F - \\sqrt{F^2 - 4|\\det S|^2})`."""
    F = _frobenius2(S)
    d = S.det()
    return (F - sympy.sqrt(sympy.expand(F**2 - 4 * sympy.expand(d * sympy.conjugate(d))))) / 2


def _closed_error(A: Matrix, m: int) -> Any:
    """:math:`\\sum_{j,k}\\sum_{s\\ge2}\\sigma_s(S_{jk})^2`: the radical formula for m = 2, otherwise
    :math:`\\Vert S\\Vert_F^2 - \\sigma_1^2` with :math:`\\sigma_1^2` the largest characteristic root."""
    if m == 2:
        return sympy.expand(
            sympy.Add(*[_radical_tail(_slice(A, m, j, k)) for j in range(m) for k in range(m)])
        )
    return sympy.Add(*_tail(A, m))


_MON2_INSTANCES = (
    [[4 * r + c + 1 for c in range(4)] for r in range(4)],
    [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]],
    [[1 + 2 * I, 0, 3, -I], [2, 1 - I, 1, 4], [0, 2 * I, 5, 1], [3, 1, -2 + I, 2]],
    monarch_matrix([[[1, 2], [3, 4]], [[Rational(1, 2), 1], [0, 2]]], [[[1, -1], [2, 1]], [[3, 0], [1, 1]]]),
)


def monarch_projection_error(A: Any = None) -> Any:
    """LOWR-MON-2: :math:`\\min_M\\Vert A-M\\Vert_F^2 = \\sum_{j,k}\\sum_{s\\ge2}\\sigma_s(S_{jk})^2`.

    Without ``A``: the tuple of the closed forms at the four exact instances of the proof (G-L10's two
    matrices, a Gaussian-integer matrix and a Monarch matrix, whose error is 0).  Source: Su, Monarch矩阵
    (kexue.fm/archives/10249), blockwise rank-1 projection.
    """
    if A is None:
        return Tuple(
            *[
                Eq(Symbol(f"E_{t + 1}"), _closed_error(*_square(X)), evaluate=False)
                for t, X in enumerate(_MON2_INSTANCES)
            ]
        )
    return Eq(_ERR, _closed_error(*_square(A)), evaluate=False)


def _slice_reduction() -> tuple[Any, Any]:
    """At m = 2 with symbolic A, L, R: ||A - PLPR||^2 minus the sum of the slice residuals (expanded), and the
    number of parameters shared by two different slices."""
    m = 2
    A = Matrix(4, 4, lambda r, c: Symbol(f"a_{r}{c}"))
    L, R = _symbolic_blocks("L", m), _symbolic_blocks("R", m)
    whole = sum(((A - _product(L, R))[t] ** 2 for t in range(16)), sympy.Integer(0))
    owners = {}
    pieces = sympy.Integer(0)
    for j in range(m):
        for k in range(m):
            col, row = L[j][:, k], R[k][j, :]
            owners[(j, k)] = col.free_symbols | row.free_symbols
            pieces += sum(((_slice(A, m, j, k) - col * row)[t] ** 2 for t in range(4)), sympy.Integer(0))
    shared = sum(len(owners[a] & owners[b]) for a in owners for b in owners if a < b)
    return sympy.expand(whole - pieces), sympy.Integer(shared)


def _rank_one_minimum() -> Any:
    """For symbolic 2x2 S and u, v: ||S - u v^T||^2 at the stationary v = S^T u / |u|^2, minus
    (||S||^2 - u^T S S^T u / |u|^2), cancelled."""
    S = Matrix(2, 2, lambda i, l: Symbol(f"s_{i}{l}"))
    u = Matrix(2, 1, lambda i, _: Symbol(f"u_{i}"))
    v = Matrix(2, 1, lambda i, _: Symbol(f"v_{i}"))
    objective = sum(((S - u * v.T)[t] ** 2 for t in range(4)), sympy.Integer(0))
    gradient = Matrix([sympy.diff(objective, x) for x in v])
    solved = sympy.solve(list(gradient), list(v), dict=True)[0]
    at_min = objective.subs(solved)
    uu = (u.T * u)[0]
    rayleigh = (u.T * S * S.T * u)[0] / uu
    return sympy.cancel(at_min - (sum(x**2 for x in S) - rayleigh)), Matrix([solved[x] for x in v])


def _derive_mon2() -> Derivation:
    reduction, shared = _slice_reduction()
    rank_one, v_star = _rank_one_minimum()
    values, per_instance = [], []
    for t, X in enumerate(_MON2_INSTANCES):
        A, m = _square(X)
        tails = []
        for (j, k), G in zip(((j, k) for j in range(m) for k in range(m)), _grams(A, m)):
            top = max(
                sympy.roots(G.charpoly(_lam).as_expr(), _lam, multiple=True),
                key=lambda r: sympy.N(sympy.re(r), 60),
            )
            tails.append(sympy.expand(_frobenius2(_slice(A, m, j, k)) - top))
        per_instance.append(Matrix([tails]))
        values.append(Eq(Symbol(f"E_{t + 1}"), sympy.expand(sympy.Add(*tails)), evaluate=False))
    value = Tuple(*values)
    steps = (
        Step(
            r"$\Vert A - PLPR\Vert_F^2 - \sum_{j,k}\Vert S_{jk} - L[j,:,k]\,R[k,j,:]^\top\Vert_F^2$ for "
            r"symbolic $A$, $L$, $R$ ($m = 2$), expanded",
            reduction,
        ),
        Step(
            r"Parameters shared by two different slices $(j,k)$, counted: the slices are fitted "
            r"independently",
            shared,
        ),
        Step(r"Rank one: $\partial_v\Vert S - uv^\top\Vert_F^2 = 0$ gives $v^\ast$", v_star),
        Step(
            r"and $\Vert S - uv^{\ast\top}\Vert_F^2 - (\Vert S\Vert_F^2 - u^\top SS^\top u/u^\top u)$, "
            r"cancelled; the Rayleigh quotient is at most $\lambda_{\max}(SS^\top) = \sigma_1^2$, attained "
            r"at the top singular vector (spectral theorem), so the slice minimum is "
            r"$\Vert S\Vert_F^2 - \sigma_1^2$",
            rank_one,
        ),
        Step(
            r"Per instance and slice: $\Vert S\Vert_F^2 - \lambda_{\max}$ with $\lambda_{\max}$ the largest "
            r"root of $\det(\lambda I - S^{\mathsf H}S)$ by the quadratic formula (compared with "
            r"$\tfrac12(F - \sqrt{F^2 - 4|\det S|^2})$)",
            Tuple(*per_instance),
        ),
        Step("Hence the minima", value),
    )
    return Derivation(value, steps)


def _mon2_numeric(A: Any, *, dps: int = 50) -> Any:
    """The attained error of the blocks found by power iteration on each slice (no SVD, no radicals)."""
    return num.monarch_project(A, dps=dps, method="power")[2]


def _mon2_points() -> Any:
    from hypothesis import strategies as st

    from numerics import strategies as ns

    return st.sampled_from([2, 2, 3]).flatmap(lambda m: ns.points(A=ns.rational_matrices(m * m, bound=4)))


_EX_MON2 = (
    {"A": [[4 * r + c + 1 for c in range(4)] for r in range(4)]},
    {"A": [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]]},
    {"A": [[(r * r + 2 * c + 1) % 7 - 3 + (_Q(1, 2) if r == c else 0) for c in range(9)] for r in range(9)]},
)

register(
    Result(
        key="LOWR-MON-2",
        title="Optimal Monarch approximation: blockwise rank-one projection",
        title_tex=r"Optimal Monarch approximation: "
        r"$\min_M\Vert A - M\Vert_F^2 = \sum_{j,k}\sum_{s\ge2}\sigma_s(S_{jk})^2$",
        source=f"{SU_10249}, blockwise rank-1 projection; {MONARCH}",
        statement=monarch_projection_error,
        derive=_derive_mon2,
        numeric=_mon2_numeric,
        params=_mon2_points,
        examples=_EX_MON2,
        parts=("E_1", "E_2", "E_3", "E_4"),
        scope=Scope.instances(
            "m = 2: A_rc = 4r + c + 1 and the 4x4 matrix of G-L10, a Gaussian-integer matrix, a Monarch "
            "matrix (error 0); radicals; the slice reduction and the rank-one minimum symbolically at m = 2",
            count=4,
        ),
        uncertified="the numeric route is power iteration with a residual of the assembled factors; no Arb "
        "route",
        notes=r"Slices $S_{jk}[i,l] = A[i,j,k,l] = A_{im+j,\,km+l}$; the best factors are "
        r"$L[j,:,k] = \sqrt{\sigma_1}\,u$, $R[k,j,:] = \sqrt{\sigma_1}\,\bar v$ (the conjugate for complex "
        r"input, $S = \sigma_1 uv^{\mathsf H} + \ldots$).  The numeric route fits each slice by power "
        r"iteration on $S^{\mathsf H}S$ and reports the residual of the assembled $PLPR$, so the error is "
        r"attained; at the $m = 3$ points it is compared with $\sum(\Vert S\Vert_F^2 - \sigma_1^2)$, "
        r"$\sigma_1^2$ a CRootOf.  G-L10: $748 - 17\sqrt{305} - \sqrt{45305} - 3\sqrt{2329} - \sqrt{8585}$ "
        r"(while $\mathrm{rank}\,A = 2$) and $258 - 12\sqrt{82} - 4\sqrt{130} - \sqrt{1921} - 6\sqrt{13}$.  "
        r"The API accepts complex entries (the DFT of LOWR-MON-3), although spec section 5 reserves complex "
        r"input for the DFT factors.",
    )
)


# --- LOWR-MON-3 ----------------------------------------------------------------------------------------

_MON3_NAMES = (Symbol("L_stacked"), Symbol("R_stacked"), Symbol("err(F_n)"))


def dft_monarch(m: Any) -> Tuple:
    """LOWR-MON-3: :math:`F_nP = PLPR` with :math:`L[j,i,k] = \\omega_m^{ik}\\omega_n^{jk}`,
    :math:`R[k,j,l] = \\omega_m^{jl}` (blocks stacked vertically, normalised by :math:`R[k,j,0] = 1`), and
    :math:`\\min_M\\Vert F_n - M\\Vert_F^2 = n^2(1 - 1/m)`.  Source: derived here; Dao et al. 2022."""
    m = _size(m)
    n = m * m
    L = [Matrix(m, m, lambda i, k, j=j: _omega(n, i * k * m + j * k)) for j in range(m)]
    R = [Matrix(m, m, lambda jj, l: _omega(m, jj * l)) for _ in range(m)]
    return Tuple(
        Eq(_MON3_NAMES[0], _stacked(L), evaluate=False),
        Eq(_MON3_NAMES[1], _stacked(R), evaluate=False),
        Eq(_MON3_NAMES[2], n**2 * (1 - Rational(1, m)), evaluate=False),
    )


def _derive_mon3(m: int) -> Derivation:
    m = _size(m)
    n = m * m

    def expo(r: int, c: int) -> int:  # (F_n P)_{rc} = (F_n)_{r, swap(c)} = omega_n^{r swap(c)}
        return (r * ((c % m) * m + c // m)) % n

    def e(i: int, j: int, k: int, l: int) -> int:
        return expo(i * m + j, k * m + l)

    defects = sum(
        1
        for i in range(m)
        for j in range(m)
        for k in range(m)
        for l in range(m)
        if (e(i, j, k, l) + e(0, j, k, 0) - e(i, j, k, 0) - e(0, j, k, l)) % n
    )
    L = [Matrix(m, m, lambda i, k, j=j: _omega(n, e(i, j, k, 0))) for j in range(m)]
    R = [Matrix(m, m, lambda j, l, k=k: _omega(n, e(0, j, k, l) - e(0, j, k, 0))) for k in range(m)]
    F = dft_matrix(n)
    grams = {tuple(G) for G in _grams(F, m)}
    error = monarch_error(F)
    value = Tuple(
        Eq(_MON3_NAMES[0], _stacked(L), evaluate=False),
        Eq(_MON3_NAMES[1], _stacked(R), evaluate=False),
        Eq(_MON3_NAMES[2], error, evaluate=False),
    )
    steps = (
        Step(
            r"Exponents of $F_nP$ in powers of $\omega_n$: $(F_nP)_{rc} = \omega_n^{r\,s(c)}$, "
            r"$s(km+l) = lm+k$",
            Matrix(n, n, expo),
        ),
        Step(
            r"Rank-one test of every slice: the number of $(i,j,k,l)$ with "
            r"$S_{jk}[i,l]\,S_{jk}[0,0] \ne S_{jk}[i,0]\,S_{jk}[0,l]$, computed",
            defects,
        ),
        Step(
            r"Hence $L[j,i,k] = S_{jk}[i,0]$, $R[k,j,l] = S_{jk}[0,l]/S_{jk}[0,0]$ (compared with "
            r"$\omega_m^{ik}\omega_n^{jk}$ and $\omega_m^{jl}$)",
            Tuple(_stacked(L), _stacked(R)),
        ),
        Step(
            r"The Gram matrices $S^{\mathsf H}S$ of the slices of $F_n$ in $\mathbb{Q}(\zeta_n)$: every one "
            r"is $mI$, so each slice is $\sqrt m$ times a unitary matrix",
            Tuple(*[Matrix(m, m, list(g)) for g in sorted(grams, key=str)]),
        ),
        Step(
            r"Best Monarch error of $F_n$: $\sum_{j,k}(\Vert S_{jk}\Vert_F^2 - \sigma_1^2) = m^2(m^2 - m)$",
            error,
        ),
    )
    return Derivation(value, steps)


register(
    Result(
        key="LOWR-MON-3",
        title="The column-permuted DFT is Monarch; the DFT itself is not",
        title_tex=r"The column-permuted DFT is Monarch: $F_nP = PLPR$; "
        r"$\min_M\Vert F_n - M\Vert_F^2 = n^2(1 - 1/m)$",
        source=f"{SU_10249}; {MONARCH} (Fourier transform up to permutation); the factors derived here",
        statement=dft_monarch,
        derive=_derive_mon3,
        numeric=num.dft_route,
        params=draw(m=s.sizes(1, 4)),
        examples=({"m": 2}, {"m": 3}, {"m": 4}),
        bound=Bound("m", 1, 4),
        display={"m": 2},
        parts=("L", "R", r"\min_M\Vert F_n - M\Vert_F^2"),
        uncertified="the numeric route evaluates F_n by mp.expjpi and uses mp.svd_c; no Arb route",
        notes=r"$L$ and $R$ are shown with their $m$ blocks stacked vertically (row $tm + r$, column $c$ "
        r"holds block $t$'s entry $(r, c)$); every $R$ block is $F_m$ and $L$ block $j$ is "
        r"$F_m\,\mathrm{diag}(\omega_n^{jk})_k$ (the four-step FFT).  $\omega_q = e^{-2\pi i/q}$, "
        r"$(F_n)_{rc} = \omega_n^{rc}$.  $F_n$ itself is not Monarch for $m \ge 2$: its slices are "
        r"$\omega_m^{jk}F_m\,\mathrm{diag}(\omega_n^{jl})_l$, $\sqrt m$ times unitary, so the error is "
        r"$n^2(1 - 1/m)$: 8, 54, 192 for $n = 4, 9, 16$ (pitfall 13).  The numeric route reads the factors "
        r"off the slices of the numerically evaluated $F_nP$ and takes the error from $\texttt{mp.svd\_c}$ of the slices "
        r"of $F_n$.",
    )
)
