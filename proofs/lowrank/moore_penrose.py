"""The pseudo-inverse: least squares with one factor, the ridge limit, the Penrose conditions.

Main statements (spec ``lowrank.md`` section 2.1; Su, 低秩近似之路（一）：伪逆 and （二）：SVD):

- LOWR-PINV-1: :math:`\\partial_B\\Vert AB-M\\Vert_F^2 = 2A^\\top(AB-M)`,
  :math:`\\partial_A = 2(AB-M)B^\\top`;
- LOWR-PINV-2: full rank: :math:`\\operatorname{argmin}_B = (A^\\top A)^{-1}A^\\top M`,
  :math:`\\operatorname{argmin}_A = MB^\\top(BB^\\top)^{-1}`;
- LOWR-PINV-3: :math:`A^+ = \\lim_{\\varepsilon\\to0^+}(A^\\top A+\\varepsilon I)^{-1}A^\\top` and the
  first-order term :math:`-\\varepsilon(A^\\top A)^+A^+`;
- LOWR-PINV-4: :math:`A^\\top A = W\\Lambda W^\\top \\Rightarrow A^+ = W\\Lambda^+W^\\top A^\\top`;
- LOWR-PINV-5: :math:`A = U\\Sigma V^\\top \\Rightarrow A^+ = V\\Sigma^+U^\\top`;
- LOWR-PINV-6: :math:`A^+` is the unique solution of the four Penrose conditions;
- LOWR-PINV-7: identities of the pseudo-inverse (involution, transpose, scaling, Gram forms, rank,
  projectors);
- LOWR-PINV-8: :math:`\\min_B\\Vert AB-M\\Vert_F^2 = \\Vert(I-AA^+)M\\Vert_F^2`, least-norm minimiser
  :math:`A^+M`.

How they are proved.  :func:`pseudo_inverse` is computed from a rank factorisation :math:`A = CF` (``C`` the
pivot columns, ``F`` the non-zero rows of the reduced row echelon form):
:math:`A^+ = F^\\top(FF^\\top)^{-1}(C^\\top C)^{-1}C^\\top`.  Each derivation starts from a definition: the
loss is differentiated entry by entry (PINV-1, fully symbolic for every shape up to 3); the stationarity
equations are solved over the field of the symbolic entries (PINV-2); the ridge solution is cancelled as a
rational function of :math:`\\varepsilon` and evaluated at 0 (PINV-3); the Penrose equations are solved for
an unknown :math:`X` (PINV-6); the normal equations are solved with their free parameters, the residual is
found constant on the solution set and the norm minimised over it (PINV-8).  PINV-3 to PINV-8 are exact on
named rational instances (random rational matrices of every rank up to 4 x 4, and Cayley-orthogonal factors
for PINV-4 and PINV-5).  The numeric routes are in ``numerics.lowrank.moore_penrose``: ``mp.diff``,
Householder least squares, Neville extrapolation of the ridge solutions, Newton-Schulz.

References: Penrose 1955; Su, 低秩近似之路（一）(kexue.fm/archives/10366) and （二）(kexue.fm/archives/10407).

Registers: LOWR-PINV-1, LOWR-PINV-2, LOWR-PINV-3, LOWR-PINV-4, LOWR-PINV-5, LOWR-PINV-6, LOWR-PINV-7,
LOWR-PINV-8.
"""

from __future__ import annotations

import importlib
import random
from fractions import Fraction
from typing import Any

import sympy
from sympy import QQ, Matrix, MatrixBase, Rational, Symbol, Tuple, eye, zeros
from sympy.polys.matrices import DomainMatrix
from sympy.polys.polyerrors import CoercionFailed

from proofs.core import Bound, Derivation, Result, Scope, Step, register
from proofs.core.bibliography import PENROSE, SU_10366, SU_10407

# by module path: the pillar package exports a function named pseudo_inverse, which shadows the submodule
num = importlib.import_module("numerics.lowrank.moore_penrose")

__all__ = [
    "pseudo_inverse",
    "penrose_conditions",
    "ridge_pseudo_inverse",
    "lstsq",
    "rank_factorisation",
    "cayley",
    "loss_gradients",
    "full_rank_minimisers",
    "ridge_limit",
    "eigen_recipe",
    "svd_form",
    "penrose_solution",
    "pseudo_inverse_identities",
    "least_squares_minima",
]

eps = Symbol("epsilon")  # the ridge parameter (no assumptions: they slow SymPy down)
SIDES = ("right", "left")

# --- input ----------------------------------------------------------------------------------------------


def _entry(value: Any, what: str) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{what}: real matrix required; booleans are not accepted as numbers "
                         f"(got {value!r})")
    if isinstance(value, float):
        raise ValueError(f"{what}: exact entries required, got the float {value!r} "
                         "(use a Rational or Fraction)")
    try:
        e = sympy.sympify(value)
    except (sympy.SympifyError, TypeError, ValueError):
        raise ValueError(f"{what}: real matrix required, got the entry {value!r}") from None
    if not isinstance(e, sympy.Expr):
        raise ValueError(f"{what}: real matrix required, got the entry {value!r}")
    if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise ValueError(f"{what} has a NaN or infinite entry ({value!r}); entries must be finite")
    if not e.is_number:
        raise ValueError(f"{what}: real matrix required, got the non-numeric entry {value!r}")
    if e.is_real is not True:
        raise ValueError(f"{what}: real matrix required, got the entry {value!r} (not known to be real)")
    if e.has(sympy.Float):
        raise ValueError(f"{what}: exact entries required, got the float {value!r} "
                         "(use a Rational or Fraction)")
    return e


def _matrix(A: Any, what: str = "A") -> Matrix:
    """``A`` (a SymPy matrix, nested rows or a flat list read as a column) as an exact real ``Matrix``."""
    if isinstance(A, MatrixBase):
        rows = A.tolist()
        if A.rows == 0 or A.cols == 0:
            raise ValueError(f"{what}: real matrix required, got an empty {A.rows}x{A.cols} matrix")
    elif isinstance(A, (list, tuple)):
        rows = num.nested_rows(A, what)
    else:
        raise ValueError(f"{what}: real matrix required (a SymPy Matrix or nested rows), "
                         f"got {type(A).__name__}")
    num.check_rectangular(rows, what)
    return Matrix([[_entry(v, what) for v in r] for r in rows])


def _rational(M: Matrix) -> bool:
    return all(e.is_Rational for e in M)


def _tidy(M: Matrix) -> Matrix:
    """Rational matrices as they are; entries with surds simplified (a canonical form for comparisons)."""
    return M if _rational(M) else M.applyfunc(lambda e: sympy.nsimplify(sympy.radsimp(sympy.simplify(e))))


def _is_zero(e: Any) -> bool:
    e = sympy.sympify(e)
    return e == 0 or (not e.is_Rational and sympy.simplify(e) == 0)


def _shape(M: Matrix) -> str:
    return f"{M.rows}x{M.cols}"


# --- the API --------------------------------------------------------------------------------------------


def rank_factorisation(A: Any) -> tuple[Matrix, Matrix]:
    """:math:`A = CF` with :math:`C` the pivot columns of :math:`A` and :math:`F` the non-zero rows of its
    reduced row echelon form (both of full rank :math:`\\rho`; for :math:`A = 0` both are empty)."""
    A = _matrix(A)
    if _rational(A):
        R, pivots = A.rref()
    else:
        R, pivots = A.rref(iszerofunc=_is_zero, simplify=True)
    rank = len(pivots)
    return A.extract(list(range(A.rows)), list(pivots)), R[:rank, :]


def pseudo_inverse(A: Any) -> Matrix:
    """The Moore-Penrose pseudo-inverse, exactly, from a rank factorisation :math:`A = CF`:

    .. math:: A^+ = F^\\top(FF^\\top)^{-1}(C^\\top C)^{-1}C^\\top

    (:func:`rank_factorisation`; :math:`C^\\top C` and :math:`FF^\\top` are invertible because :math:`C` has
    full column rank and :math:`F` full row rank).  The zero matrix gives the zero matrix of the transposed
    shape.  Sources: Penrose 1955; Su, 低秩近似之路（一） (full-rank forms).

    >>> pseudo_inverse([[1, 2], [2, 4], [3, 6]]) * 70
    Matrix([
    [1, 2, 3],
    [2, 4, 6]])
    """
    A = _matrix(A)
    C, F = rank_factorisation(A)
    if C.cols == 0:
        return zeros(A.cols, A.rows)
    return _tidy(F.T * (F * F.T).inv() * (C.T * C).inv() * C.T)


def penrose_conditions(A: Any, X: Any) -> tuple[bool, bool, bool, bool]:
    """Which of the four Penrose conditions hold, exactly:

    .. math:: AXA = A,\\qquad XAX = X,\\qquad (AX)^\\top = AX,\\qquad (XA)^\\top = XA .

    ``X`` must have the shape of :math:`A^\\top`.  All four hold only for :math:`X = A^+` (Penrose 1955).
    """
    A, X = _matrix(A), _matrix(X, "X")
    if X.shape != (A.cols, A.rows):
        raise ValueError(f"X must have the shape of A transposed: A is {_shape(A)}, X is {_shape(X)}")
    AX, XA = A * X, X * A
    return tuple(all(_is_zero(e) for e in R)  # type: ignore[return-value]
                 for R in (AX * A - A, XA * X - X, AX.T - AX, XA.T - XA))


def ridge_pseudo_inverse(A: Any, eps: Any) -> Matrix:
    """The ridge solution :math:`(A^\\top A+\\varepsilon I)^{-1}A^\\top`, each entry cancelled.

    ``eps`` is a SymPy symbol (the entries are then rational functions of it, with no pole at 0: their
    value there is :math:`A^+`, LOWR-PINV-3) or a finite positive number.  It is the minimiser of
    :math:`\\Vert AB-I\\Vert_F^2 + \\varepsilon\\Vert B\\Vert_F^2`.  Source: Su, 低秩近似之路（一）.
    """
    A = _matrix(A)
    if isinstance(eps, bool):
        raise ValueError(f"eps must be finite and positive (or a symbol), got the boolean {eps!r}")
    try:
        e = sympy.sympify(eps)
    except (sympy.SympifyError, TypeError, ValueError):
        raise ValueError(f"eps must be finite and positive (or a symbol), got {eps!r}") from None
    if not isinstance(e, sympy.Basic):  # sympify(None) is None
        raise ValueError(f"eps must be finite and positive (or a symbol), got {eps!r}")
    if e.is_number:
        if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or e.is_real is not True or not e.is_positive:
            raise ValueError(f"eps must be finite and positive (or a symbol), got {eps!r}")
    elif not isinstance(e, sympy.Expr):
        raise ValueError(f"eps must be finite and positive (or a symbol), got {eps!r}")
    return _ridge(A.T * A + e * eye(A.cols), A.T, e, left=False)


def _ridge(G: Matrix, R: Matrix, e: Any, *, left: bool) -> Matrix:
    """:math:`G^{-1}R` (``left=False``) or :math:`RG^{-1}` (``left=True``) with cancelled entries: over the
    field
    :math:`\\mathbb Q(\\varepsilon)` (or :math:`\\mathbb Q`) when the data allow it, fast and canonical; else
    by the adjugate and ``cancel``."""
    K = QQ.frac_field(e) if isinstance(e, Symbol) else QQ
    try:
        g, r = _dm(G, K), _dm(R, K)
    except (CoercionFailed, ValueError, TypeError):
        inv = G.adjugate() / G.det()
        return (R * inv if left else inv * R).applyfunc(sympy.cancel)
    return (r * g.inv() if left else g.inv() * r).to_Matrix()


def lstsq(A: Any, M: Any, side: str = "right") -> tuple[Matrix, Any]:
    """Least squares with one factor fixed (LOWR-PINV-8), exactly.

    ``side="right"``: :math:`\\min_X\\Vert AX-M\\Vert_F^2`, returns
    :math:`(A^+M,\\ \\Vert(I-AA^+)M\\Vert_F^2)`; ``side="left"``: :math:`\\min_X\\Vert XA-M\\Vert_F^2`,
    returns :math:`(MA^+,\\ \\Vert M(I-A^+A)\\Vert_F^2)`.
    The returned minimiser is the one of least Frobenius norm.  Sources: Su, 低秩近似之路（一）, （二）.
    """
    if not isinstance(side, str) or side not in SIDES:
        raise ValueError(f"unknown side {side!r}; accepted: 'right', 'left'")
    A, M = _matrix(A), _matrix(M, "M")
    P = pseudo_inverse(A)
    if side == "right":
        if M.rows != A.rows:
            raise ValueError(f"side='right' needs M with the rows of A: A is {_shape(A)}, M is {_shape(M)}")
        R = (eye(A.rows) - A * P) * M
        return _tidy(P * M), sympy.nsimplify(sympy.simplify(sum(e**2 for e in R)))
    if M.cols != A.cols:
        raise ValueError(f"side='left' needs M with the columns of A: A is {_shape(A)}, M is {_shape(M)}")
    R = M * (eye(A.cols) - P * A)
    return _tidy(M * P), sympy.nsimplify(sympy.simplify(sum(e**2 for e in R)))


def cayley(K: Any) -> Matrix:
    """:math:`Q = (I-K)(I+K)^{-1}`: a rational orthogonal matrix for a rational skew-symmetric :math:`K`."""
    K = _matrix(K, "K")
    if K.rows != K.cols or any(K[i, j] != -K[j, i] for i in range(K.rows) for j in range(K.cols)):
        raise ValueError(f"K must be a square skew-symmetric matrix, got the {_shape(K)} matrix {K.tolist()}")
    return (eye(K.rows) - K) * (eye(K.rows) + K).inv()


# --- shared machinery for the results ------------------------------------------------------------------


def _symbolic(letter: str, rows: int, cols: int) -> Matrix:
    return Matrix(rows, cols, lambda i, j: Symbol(f"{letter}_{i + 1}{j + 1}", real=True))


def _fro2(M: Matrix) -> Any:
    return sum((e**2 for e in M), sympy.Integer(0))


def _rows(M: Matrix) -> list[list[Any]]:
    """A matrix as nested rows of ints and Fractions (an example point)."""
    return [[Fraction(int(e.p), int(e.q)) if e.q != 1 else int(e.p) for e in M.row(i)] for i in range(M.rows)]


def _random_matrix(rng: random.Random, rows: int, cols: int, rank: int, bound: int = 3) -> list[list[Any]]:
    """A reproducible rational ``rows x cols`` matrix of the given rank (a product of random integer
    factors)."""
    while True:
        U = Matrix(rows, rank, lambda i, j: rng.randint(-bound, bound))
        V = Matrix(rank, cols, lambda i, j: Rational(rng.randint(-bound, bound), rng.randint(1, 3)))
        A = U * V if rank else zeros(rows, cols)
        if A.rank() == rank:
            return _rows(A)


def _skew(rng: random.Random, n: int) -> list[list[Any]]:
    K = zeros(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            K[i, j] = Rational(rng.randint(-4, 4), rng.randint(1, 3))
            K[j, i] = -K[i, j]
    return _rows(K)


_RNG = random.Random(10366)
GL1 = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
GL2 = [[1, 2], [2, 4], [3, 6]]
J = [[1, 1], [1, 1]]
PENROSE_A = [[1, 2], [2, 4]]
#: named exact instances: the golden matrices and random rational matrices of every rank up to 4 x 4
MATRICES: dict[str, list[list[Any]]] = {
    "G-L1 (3x3, rank 2)": GL1,
    "G-L2 (3x2, rank 1)": GL2,
    "J (2x2, rank 1)": J,
    "[[1, 2], [2, 4]]": PENROSE_A,
    "0 (2x3)": [[0, 0, 0], [0, 0, 0]],
    **{f"random 4x4 of rank {k}": _random_matrix(_RNG, 4, 4, k) for k in range(1, 5)},
    "random 4x3 of rank 2": _random_matrix(_RNG, 4, 3, 2),
    "random 2x4 of rank 2": _random_matrix(_RNG, 2, 4, 2),
    "random 3x2 of rank 2": _random_matrix(_RNG, 3, 2, 2),
}
_NAMES = tuple(MATRICES)


def _case(case: Any, count: int) -> int:
    if isinstance(case, bool) or not isinstance(case, (int, sympy.Integer)) or not 0 <= int(case) < count:
        raise ValueError(f"case must be an integer in 0..{count - 1}, got {case!r}")
    return int(case)


def _instance(case: Any, A: Any) -> Matrix:
    return _matrix(MATRICES[_NAMES[_case(case, len(_NAMES))]] if A is None else A)


def _low_rank_points(**extra: Any) -> Any:
    """Points ``{"A": ...}`` (plus ``extra``): rational matrices up to 4 x 4 of every rank (products of
    random integer factors over a small denominator)."""
    from hypothesis import strategies as st

    def matrix(nmk: tuple[int, int, int]) -> Any:
        n, m, k = nmk
        ints = st.integers(-3, 3)
        U = st.lists(st.lists(ints, min_size=k, max_size=k), min_size=n, max_size=n)
        V = st.lists(st.lists(ints, min_size=m, max_size=m), min_size=k, max_size=k)
        return st.tuples(U, V, st.integers(1, 4)).map(
            lambda uvq: [[Fraction(sum(uvq[0][i][t] * uvq[1][t][j] for t in range(k)), uvq[2])
                          for j in range(m)] for i in range(n)])

    sizes = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
        lambda nm: st.tuples(st.just(nm[0]), st.just(nm[1]), st.integers(0, min(nm))))
    return sizes.flatmap(lambda nmk: st.fixed_dictionaries({"A": matrix(nmk),
                                                            **{k: f(nmk) for k, f in extra.items()}}))


def _rational_rows(rows: int, cols: int, bound: int = 3) -> Any:
    from hypothesis import strategies as st

    entry = st.builds(Fraction, st.integers(-4 * bound, 4 * bound), st.integers(1, 4))
    return st.lists(st.lists(entry, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


# --- LOWR-PINV-1 ------------------------------------------------------------------------------------------

SHAPES = tuple((n, r, m) for n in (1, 2, 3) for r in (1, 2, 3) for m in (1, 2, 3))
_SHOWN_SHAPE = SHAPES.index((2, 1, 2))  # small enough to read


def _pinv1_objects(shape: Any, A: Any, B: Any, M: Any) -> tuple[Matrix, Matrix, Matrix]:
    if A is None:
        n, r, m = SHAPES[_case(shape, len(SHAPES))]
        return _symbolic("a", n, r), _symbolic("b", r, m), _symbolic("m", n, m)
    A, B, M = _matrix(A), _matrix(B, "B"), _matrix(M, "M")
    if A.cols != B.rows or (A.rows, B.cols) != M.shape:
        raise ValueError(f"shapes must be A n x r, B r x m, M n x m; got A {_shape(A)}, B {_shape(B)}, "
                         f"M {_shape(M)}")
    return A, B, M


def loss_gradients(shape: Any = None, A: Any = None, B: Any = None, M: Any = None) -> Tuple:
    """LOWR-PINV-1: :math:`\\mathcal L = \\Vert AB-M\\Vert_F^2` has

    .. math:: \\frac{\\partial\\mathcal L}{\\partial B} = 2A^\\top(AB-M),\\qquad
              \\frac{\\partial\\mathcal L}{\\partial A} = 2(AB-M)B^\\top ,

    so the minimisers in :math:`B` (in :math:`A`) solve :math:`A^\\top AB = A^\\top M`
    (:math:`ABB^\\top = MB^\\top`).  Symbolic entries of shape ``SHAPES[shape]``, or the exact point
    ``A, B, M``.  Source: Su, 低秩近似之路（一） (matrix derivatives).
    """
    A, B, M = _pinv1_objects(shape, A, B, M)
    R = A * B - M
    return Tuple(2 * A.T * R, 2 * R * B.T)


def _derive_pinv1(shape: int) -> Derivation:
    A, B, M = _pinv1_objects(shape, None, None, None)
    poly = sympy.Poly(_fro2(A * B - M), *A, *B, *M)  # expanded over QQ
    loss = poly.as_expr()
    gB = B.applyfunc(lambda b: poly.diff(b).as_expr())
    gA = A.applyfunc(lambda a: poly.diff(a).as_expr())
    n, r, m = A.rows, A.cols, B.cols
    steps = (
        Step(rf"The loss $\Vert AB - M\Vert_F^2$ for symbolic $A$ (${n}\times{r}$), $B$ (${r}\times{m}$), "
             rf"$M$ (${n}\times{m}$), expanded", loss),
        Step(r"Its derivative in each entry of $B$", gB),
        Step(r"Its derivative in each entry of $A$", gA),
        Step(r"Stationarity: $\partial_B\mathcal{L} = 0$ is $A^\top AB = A^\top M$ and "
             r"$\partial_A\mathcal{L} = 0$ is $ABB^\top = MB^\top$ (the gradients are twice the residuals of "
             r"these systems; their consistency: LOWR-PINV-8)",
             Tuple(sympy.expand(gB / 2 - (A.T * A * B - A.T * M)),
                   sympy.expand(gA / 2 - (A * B * B.T - M * B.T)))),
    )
    return Derivation(Tuple(gB, gA), steps)


def _pinv1_points() -> Any:
    from hypothesis import strategies as st

    def point(nrm: tuple[int, int, int]) -> Any:
        n, r, m = nrm
        return st.fixed_dictionaries({"A": _rational_rows(n, r), "B": _rational_rows(r, m),
                                      "M": _rational_rows(n, m)})

    return st.tuples(*(st.integers(1, 3),) * 3).flatmap(point)


register(Result(
    key="LOWR-PINV-1", title="Gradients of ||AB - M||_F^2 and the normal equations",
    title_tex=r"Gradients of $\Vert AB - M\Vert_F^2$ and the normal equations",
    source=f"{SU_10366}, matrix derivatives", statement=loss_gradients, derive=_derive_pinv1,
    numeric=num.loss_gradients, params=_pinv1_points,
    parts=(r"\partial\mathcal{L}/\partial B", r"\partial\mathcal{L}/\partial A"),
    examples=({"A": [[1, 2], [3, 4], [5, 6]], "B": [[1, -1], [2, 0]], "M": [[0, 1], [1, 0], [2, 3]]},
              {"A": [[Fraction(1, 2), -1, 2]], "B": [[1], [Fraction(-2, 3)], [3]], "M": [[Fraction(5, 7)]]},
              {"A": [[2], [-1], [3]], "B": [[1, Fraction(1, 3), -2]], "M": GL1}),
    bound=Bound("shape", 0, len(SHAPES) - 1), display={"shape": _SHOWN_SHAPE},
    scope=Scope.representative("fully symbolic A (n x r), B (r x m), M (n x m) for each of the 27 shapes "
                               "with n, r, m in 1..3", claim="every shape"),
    notes=r"Entrywise derivatives of the expanded loss; the matrix forms are the same polynomials.  Numeric "
          r"route: $\texttt{mp.diff}$ of $\mathcal{L}$ along each coordinate direction.",
))


# --- LOWR-PINV-2 ------------------------------------------------------------------------------------------


def _field_of(*Ms: Matrix) -> Any:
    symbols = sorted(set().union(*(M.free_symbols for M in Ms)), key=str)
    return QQ.frac_field(*symbols) if symbols else QQ


def _dm(M: Matrix, K: Any) -> DomainMatrix:
    return DomainMatrix.from_Matrix(M).convert_to(K)


def _pinv2_objects(A: Any, M: Any, B: Any, N: Any) -> tuple[Matrix, Matrix, Matrix, Matrix]:
    if A is None:
        return _symbolic("a", 3, 2), _symbolic("m", 3, 2), _symbolic("b", 2, 3), _symbolic("n", 2, 3)
    A, M, B, N = _matrix(A), _matrix(M, "M"), _matrix(B, "B"), _matrix(N, "N")
    if A.rows != M.rows or B.cols != N.cols:
        raise ValueError(f"M must have the rows of A and N the columns of B; got A {_shape(A)}, "
                         f"M {_shape(M)}, B {_shape(B)}, N {_shape(N)}")
    if A.rank() < A.cols or B.rank() < B.rows:
        raise ValueError("A must have full column rank and B full row rank")
    return A, M, B, N


def full_rank_minimisers(A: Any = None, M: Any = None, B: Any = None, N: Any = None) -> Tuple:
    """LOWR-PINV-2: for :math:`A` of full column rank and :math:`B` of full row rank,

    .. math:: \\operatorname{argmin}_X\\Vert AX-M\\Vert_F^2 = (A^\\top A)^{-1}A^\\top M,\\qquad
              \\operatorname{argmin}_Y\\Vert YB-N\\Vert_F^2 = NB^\\top(BB^\\top)^{-1} .

    With :math:`M = I` (:math:`N = I`) these are :math:`A^+` and :math:`B^+` (Su's right and left
    pseudo-inverses).  Symbolic :math:`A` (3 x 2), :math:`M` (3 x 2), :math:`B` (2 x 3), :math:`N` (2 x 3) by
    default, or an exact point.  Source: Su, 低秩近似之路（一）.
    """
    A, M, B, N = _pinv2_objects(A, M, B, N)
    K = _field_of(A, M, B, N)
    a, m, b, n = (_dm(X, K) for X in (A, M, B, N))
    X = (a.transpose() * a).inv() * a.transpose() * m
    Y = n * b.transpose() * (b * b.transpose()).inv()
    return Tuple(X.to_Matrix(), Y.to_Matrix())


def _stationary_point(loss: Any, unknown: Matrix, K: Any) -> Matrix:
    """Solve :math:`\\nabla\\mathcal L = 0` (linear in the unknown entries) over the field ``K``."""
    eqs = [sympy.expand(sympy.diff(loss, x)) for x in unknown]
    coeffs, rhs = sympy.linear_eq_to_matrix(eqs, list(unknown))
    sol = _dm(coeffs, K).lu_solve(_dm(rhs, K)).to_Matrix()
    return Matrix(unknown.rows, unknown.cols, list(sol))


def _derive_pinv2() -> Derivation:
    A, M, B, N = _pinv2_objects(None, None, None, None)
    K = _field_of(A, M, B, N)
    X, Y = _symbolic("x", A.cols, M.cols), _symbolic("y", N.rows, B.rows)
    Xs = _stationary_point(_fro2(A * X - M), X, K)
    Ys = _stationary_point(_fro2(Y * B - N), Y, K)
    S = _symbolic("s", 2, 2)  # a square A: the left inverse is the inverse
    Ka = _field_of(A)
    left = ((_dm(A.T * A, Ka)).inv() * _dm(A.T, Ka) * _dm(A, Ka)).to_Matrix()
    Ks = _field_of(S)
    square = ((_dm(S.T * S, Ks)).inv() * _dm(S.T, Ks) - _dm(S, Ks).inv()).to_Matrix()
    steps = (
        Step(r"$\nabla_X\Vert AX - M\Vert_F^2 = 0$, solved over the field of the entries of the symbolic "
             r"$3\times2$ $A$ and $M$ (a unique solution: $A^\top A$ is invertible for generic $A$)", Xs),
        Step(r"$\nabla_Y\Vert YB - N\Vert_F^2 = 0$, solved the same way for symbolic $B$, $N$ ($2\times3$)",
             Ys),
        Step(r"With $M = I$: $(A^\top A)^{-1}A^\top A$, computed; so Su's right pseudo-inverse of $A$ is a "
             r"left inverse in the usual sense", left),
        Step(r"A square invertible $S$: $(S^\top S)^{-1}S^\top - S^{-1}$, computed", square),
    )
    return Derivation(Tuple(Xs, Ys), steps)


def _pinv2_points() -> Any:
    from hypothesis import strategies as st

    def point(sizes: tuple[int, int, int, int]) -> Any:
        n, r, m, k = sizes
        return st.fixed_dictionaries({"A": _rational_rows(n, r), "M": _rational_rows(n, k),
                                      "B": _rational_rows(r, m), "N": _rational_rows(k, m)})

    def full(p: dict[str, Any]) -> bool:
        A, B = Matrix(p["A"]), Matrix(p["B"])
        return A.rank() == A.cols and B.rank() == B.rows

    dims = st.integers(1, 4).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n), st.integers(1, 4),
                                                         st.integers(1, 3)))
    return dims.filter(lambda d: d[1] <= d[2]).flatmap(point).filter(full)


register(Result(
    key="LOWR-PINV-2", title="Full-rank least squares: (A^T A)^-1 A^T M and M B^T (B B^T)^-1",
    title_tex=r"Full-rank least squares: $(A^\top A)^{-1}A^\top M$ and $MB^\top(BB^\top)^{-1}$",
    source=f"{SU_10366}, full-rank forms", statement=full_rank_minimisers, derive=_derive_pinv2,
    numeric=num.full_rank_least_squares, params=_pinv2_points,
    parts=(r"\mathrm{argmin}_X\Vert AX - M\Vert_F^2", r"\mathrm{argmin}_Y\Vert YB - N\Vert_F^2"),
    examples=({"A": GL2[:2] + [[1, 0]], "M": [[1, 0], [0, 1], [0, 0]], "B": [[1, 0, 2], [0, 1, 1]],
               "N": [[1, 0, 0], [0, 1, 0]]},
              {"A": [[1, 2], [3, 4], [5, 7]], "M": GL1, "B": [[2, Fraction(1, 3), -1, 0], [1, 1, 1, 1]],
               "N": [[1, 2, 3, 4]]}),
    scope=Scope.representative("fully symbolic A (3 x 2), M (3 x 2), B (2 x 3), N (2 x 3)",
                               claim="every A of full column rank and B of full row rank"),
    notes=r"Su calls $(A^\top A)^{-1}A^\top$ the right pseudo-inverse of $A$ and $B^\top(BB^\top)^{-1}$ the "
          r"left pseudo-inverse of $B$ (confirm wording); in the usual sense the first is a left inverse "
          r"($A^+A = I$) and the second a right inverse.  Without full rank the minimiser is not unique "
          r"(LOWR-PINV-8).  Numeric route: Householder least squares on $A$ and $B^\top$ (written out: "
          r"$\texttt{mp.qr\_solve}$ of mpmath 1.3.0 divides by zero at an exactly zero pivot).",
))


# --- LOWR-PINV-3 ------------------------------------------------------------------------------------------


def ridge_limit(case: Any = None, A: Any = None) -> Tuple:
    """LOWR-PINV-3: :math:`X(\\varepsilon) = (A^\\top A+\\varepsilon I)^{-1}A^\\top` has no pole at 0 and

    .. math:: X(\\varepsilon) = A^+ - \\varepsilon\\,(A^\\top A)^+A^+ + O(\\varepsilon^2) ;

    the closed forms :math:`(A^+, -(A^\\top A)^+A^+)` at the named instance ``case`` or the point ``A``.
    Source: Su, 低秩近似之路（一） (limit); the first-order term derived here.
    """
    A = _instance(case, A)
    P = pseudo_inverse(A)
    return Tuple(P, -pseudo_inverse(A.T * A) * P)


def _derive_pinv3(case: int) -> Derivation:
    A = _instance(case, None)
    K = QQ.frac_field(eps)
    G = _dm(A.T * A + eps * eye(A.cols), K)
    X = G.inv() * _dm(A.T, K)  # entries reduced in Q(eps): cancelled
    left = _dm(A.T, K) * _dm(A * A.T + eps * eye(A.rows), K).inv()
    gen = K.gens[0]
    slope = X.applyfunc(lambda f: f.diff(gen), K)
    Xm = X.to_Matrix()
    at_zero, at_zero_slope = Xm.subs(eps, 0), slope.to_Matrix().subs(eps, 0)
    steps = (
        Step(r"$X(\varepsilon) = (A^\top A + \varepsilon I)^{-1}A^\top$, each entry cancelled as a rational "
             r"function of $\varepsilon$", Xm),
        Step(r"The left form $A^\top(AA^\top + \varepsilon I)^{-1}$ minus $X(\varepsilon)$, computed",
             (left - X).to_Matrix()),
        Step(r"$\det(A^\top A + \varepsilon I)$, factored: a factor $\varepsilon$ for each missing rank, so "
             r"$(A^\top A + \varepsilon I)^{-1}$ alone has a pole at 0 when $A$ has dependent columns",
             sympy.factor(K.to_sympy(G.det()))),
        Step(r"The cancelled entries at $\varepsilon = 0$ (no denominator vanishes there): the limit",
             at_zero),
        Step(r"$X'(0)$, the first-order coefficient ($X'$ computed in $\mathbb{Q}(\varepsilon)$)",
             at_zero_slope),
    )
    return Derivation(Tuple(at_zero, at_zero_slope), steps)


_J_CASE = _NAMES.index("J (2x2, rank 1)")

register(Result(
    key="LOWR-PINV-3", title="Ridge limit (A^T A + eps I)^-1 A^T -> A^+ and its first-order term",
    title_tex=r"Ridge limit $(A^\top A + \varepsilon I)^{-1}A^\top \to A^+$ and its first-order term",
    source=f"{SU_10366}, ridge limit; expansion derived here", statement=ridge_limit, derive=_derive_pinv3,
    numeric=num.ridge_expansion, params=_low_rank_points,
    parts=("A^+", r"X'(0) = -(A^\top A)^+A^+"),
    examples=({"A": GL1}, {"A": GL2}, {"A": MATRICES["random 4x3 of rank 2"]}),
    bound=Bound("case", 0, len(_NAMES) - 1), display={"case": _J_CASE},
    scope=Scope.instances("; ".join(_NAMES), count=len(_NAMES)),
    notes=r"Pitfall: setting $\varepsilon = 0$ before cancelling fails when $A^\top A$ is singular.  The "
          r"expansion holds for $|\varepsilon| < \sigma_{\min>0}^2$.  Numeric route: Neville extrapolation "
          r"to $\varepsilon = 0$ of $X(\varepsilon_j)$ and of "
          r"$X'(\varepsilon_j) = -(A^\top A + \varepsilon_j I)^{-1}X(\varepsilon_j)$, "
          r"$\varepsilon_j = \lambda_{\min>0}2^{-j-2}$, $j < 40$, at $2\,\mathrm{dps} + 40$ digits.  Golden "
          r"G-L2: $X(\varepsilon) = J/(4 + \varepsilon)$ for $J$ the $2\times2$ matrix of ones.",
))


# --- LOWR-PINV-4 and LOWR-PINV-5: factored instances --------------------------------------------------------


def _factored(n: int, m: int, s: list[Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    return {"K": _skew(rng, n), "L": _skew(rng, m), "s": s}


#: Cayley-orthogonal U (from K), V (from L) and a diagonal Sigma (s) of every rank
FACTORED: dict[str, dict[str, Any]] = {
    "2x2, s = (3, 0)": _factored(2, 2, [3, 0], 1),
    "3x3, s = (2, 1, 0)": _factored(3, 3, [2, 1, 0], 2),
    "3x2, s = (5/2, 0)": _factored(3, 2, [Fraction(5, 2), 0], 3),
    "2x3, s = (4, 1)": _factored(2, 3, [4, 1], 4),
    "4x3, s = (3, 2, 0)": _factored(4, 3, [3, 2, 0], 5),
    "4x4, s = (2, 2, 1, 0)": _factored(4, 4, [2, 2, 1, 0], 6),
    "4x4, s = (4, 3, 2, 1)": _factored(4, 4, [4, 3, 2, 1], 7),
    "3x3, s = 0": _factored(3, 3, [0, 0, 0], 8),
}
_FACTORED_NAMES = tuple(FACTORED)


def _factors(case: Any, K: Any, L: Any, s: Any) -> tuple[Matrix, Matrix, Matrix]:
    """``(U, Sigma, V)``: ``U = cayley(K)``, ``V = cayley(L)``, ``Sigma`` n x m diagonal, entries ``s``."""
    if K is None:
        point = FACTORED[_FACTORED_NAMES[_case(case, len(_FACTORED_NAMES))]]
        K, L, s = point["K"], point["L"], point["s"]
    U, V = cayley(K), cayley(L)
    if not isinstance(s, (list, tuple)) or len(s) != min(U.rows, V.rows):
        raise ValueError(f"s must list min(n, m) = {min(U.rows, V.rows)} diagonal entries, got {s!r}")
    S = zeros(U.rows, V.rows)
    for i, v in enumerate(s):
        S[i, i] = _entry(v, "s")
    return U, S, V


def _sigma_plus(S: Matrix) -> Matrix:
    """:math:`\\Sigma^+`: the transpose with its non-zero entries inverted."""
    return S.T.applyfunc(lambda e: 0 if e == 0 else 1 / e)


def eigen_recipe(case: Any = None, K: Any = None, L: Any = None, s: Any = None) -> Matrix:
    """LOWR-PINV-4: if :math:`A^\\top A = W\\Lambda W^\\top` with :math:`W` orthogonal, then

    .. math:: A^+ = W\\Lambda^+W^\\top A^\\top ,

    :math:`\\Lambda^+` inverting the non-zero eigenvalues and keeping the zeros.  Here
    :math:`A = U\\Sigma W^\\top` (Cayley-orthogonal :math:`U`, :math:`W`), so
    :math:`\\Lambda = \\Sigma^\\top\\Sigma`.
    Source: Su, 低秩近似之路（一） (numerical computation).
    """
    U, S, W = _factors(case, K, L, s)
    A = U * S * W.T
    return W * _sigma_plus(S.T * S) * W.T * A.T


def _derive_pinv4(case: int) -> Derivation:
    U, S, W = _factors(case, None, None, None)
    A = U * S * W.T
    Lam = S.T * S
    rows = W.T * A.T
    dead = Matrix([[rows[i, j] for j in range(rows.cols)] for i in range(Lam.rows) if Lam[i, i] == 0])
    value = pseudo_inverse(A)
    steps = (
        Step(r"$A = U\Sigma W^\top$ with Cayley-orthogonal $U$, $W$; $A^\top A - W\Lambda W^\top$, computed "
             r"($\Lambda = \Sigma^\top\Sigma$)", A.T * A - W * Lam * W.T),
        Step(r"The rows of $W^\top A^\top$ at the zero eigenvalues vanish "
             r"($\Vert Aw_i\Vert^2 = \lambda_i = 0$), so the $\varepsilon^{-1}$ of the ridge form multiplies "
             r"an exact zero", dead if dead.rows else Matrix([[0]])),
        Step(r"$A^+$ from the rank factorisation of $A$ (the definition)", value),
    )
    return Derivation(value, steps)


def _factored_points() -> Any:
    from hypothesis import strategies as st

    def skew(n: int) -> Any:
        entry = st.builds(Fraction, st.integers(-4, 4), st.integers(1, 3))
        return st.lists(entry, min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2).map(
            lambda v: _skew_from(n, v))

    def point(nm: tuple[int, int]) -> Any:
        n, m = nm
        value = st.one_of(st.just(0), st.builds(Fraction, st.integers(1, 12), st.integers(1, 3)))
        return st.fixed_dictionaries({"K": skew(n), "L": skew(m),
                                      "s": st.lists(value, min_size=min(nm), max_size=min(nm))})

    return st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(point)


def _skew_from(n: int, values: list[Any]) -> list[list[Any]]:
    K = [[Fraction(0)] * n for _ in range(n)]
    it = iter(values)
    for i in range(n):
        for j in range(i + 1, n):
            K[i][j] = next(it)
            K[j][i] = -K[i][j]
    return K


_FACTORED_EXAMPLES = tuple(FACTORED[k] for k in ("3x3, s = (2, 1, 0)", "4x3, s = (3, 2, 0)",
                                                 "2x3, s = (4, 1)"))
_FACTORED_SCOPE = Scope.instances("Cayley-orthogonal factors with " + "; ".join(_FACTORED_NAMES),
                                  count=len(_FACTORED_NAMES))

register(Result(
    key="LOWR-PINV-4", title="Eigendecomposition recipe A^+ = W Lambda^+ W^T A^T",
    title_tex=r"Eigendecomposition recipe $A^+ = W\Lambda^+W^\top A^\top$",
    source=f"{SU_10366}, numerical computation", statement=eigen_recipe, derive=_derive_pinv4,
    numeric=num.factored_pseudo_inverse, params=_factored_points, examples=_FACTORED_EXAMPLES,
    bound=Bound("case", 0, len(_FACTORED_NAMES) - 1), display={"case": 1}, scope=_FACTORED_SCOPE,
    notes=r"$A^\top A = W\Lambda W^\top$ with $W$ orthogonal.  Numeric route: Newton--Schulz on the "
          r"assembled $A$ (no eigendecomposition); the test-suite also runs the recipe itself with "
          r"$\texttt{mp.eigsy}$ and a relative zero threshold.",
))


def svd_form(case: Any = None, K: Any = None, L: Any = None, s: Any = None) -> Matrix:
    """LOWR-PINV-5: :math:`A = U\\Sigma V^\\top \\Rightarrow A^+ = V\\Sigma^+U^\\top`, :math:`\\Sigma^+` being
    :math:`\\Sigma^\\top` with its non-zero entries inverted.  Cayley-orthogonal
    :math:`U = \\mathrm{cayley}(K)`, :math:`V = \\mathrm{cayley}(L)`.  Source: Su, 低秩近似之路（二）.
    """
    U, S, V = _factors(case, K, L, s)
    return V * _sigma_plus(S) * U.T


def _derive_pinv5(case: int) -> Derivation:
    U, S, V = _factors(case, None, None, None)
    A = U * S * V.T
    value = pseudo_inverse(A)
    right = pseudo_inverse(A.T * A) * A.T
    left = A.T * pseudo_inverse(A * A.T)
    steps = (
        Step(r"$A = U\Sigma V^\top$ assembled from Cayley-orthogonal $U$, $V$", A),
        Step(r"$A^+$ from the rank factorisation of $A$ (the definition)", value),
        Step(r"The right and left forms coincide: $(A^\top A)^+A^\top - A^+$ and $A^\top(AA^\top)^+ - A^+$, "
             r"computed", Tuple(right - value, left - value)),
    )
    return Derivation(value, steps)


register(Result(
    key="LOWR-PINV-5", title="SVD form A^+ = V Sigma^+ U^T",
    title_tex=r"SVD form $A^+ = V\Sigma^+U^\top$",
    source=f"{SU_10407}, SVD", statement=svd_form, derive=_derive_pinv5,
    numeric=num.factored_pseudo_inverse, params=_factored_points, examples=_FACTORED_EXAMPLES,
    bound=Bound("case", 0, len(_FACTORED_NAMES) - 1), display={"case": 1}, scope=_FACTORED_SCOPE,
    notes=r"Numeric route: Newton--Schulz $X_{k+1} = X_k(2I - AX_k)$, $X_0 = A^\top/\Vert A\Vert_F^2$, on "
          r"the assembled $A$ (never $\texttt{mp.svd\_r}$), stopped at the first step where "
          r"$\Vert X_{k+1} - X_k\Vert$ stops falling and projected by $X \mapsto XAX$: in floating point the "
          r"component $(I - A^+A)E(I - AA^+)$ of the error doubles at every step for rank-deficient $A$.",
))


# --- LOWR-PINV-6 ------------------------------------------------------------------------------------------


def penrose_solution(case: Any = None, A: Any = None) -> Matrix:
    """LOWR-PINV-6: the four Penrose conditions have exactly one solution :math:`X`, namely :math:`A^+`
    (the rank-factorisation form at the named instance ``case`` or the point ``A``).  Source: Penrose 1955."""
    return pseudo_inverse(_instance(case, A))


def _solve_penrose(A: Matrix) -> tuple[list[Matrix], int]:
    """All solutions of the Penrose system and the dimension of the solution set of the linear conditions."""
    X = _symbolic("x", A.cols, A.rows)
    AX, XA = A * X, X * A
    linear = [e for R in (AX * A - A, AX.T - AX, XA.T - XA) for e in R if e != 0]
    unknowns = list(X)
    if linear:
        (family,) = sympy.linsolve(linear, unknowns)
        Xf = X.subs(dict(zip(unknowns, family)), simultaneous=True)
    else:
        Xf = X
    free = sorted(Xf.free_symbols, key=str)
    quadratic = [sympy.expand(e) for e in (Xf * A * Xf - Xf) if sympy.expand(e) != 0]
    if not free:
        return ([Xf] if not quadratic else []), 0
    solutions = sympy.solve(quadratic, free, dict=True) if quadratic else [{}]
    return [Xf.subs(sol) for sol in solutions if set(sol) == set(free)], len(free)


def _derive_pinv6(case: int) -> Derivation:
    A = _instance(case, None)
    solutions, dim = _solve_penrose(A)
    value = solutions[0] if len(solutions) == 1 else Tuple(*solutions)
    X = Matrix([[1, 0], [0, 0]])
    steps = (
        Step(r"The linear conditions $AXA = A$, $(AX)^\top = AX$, $(XA)^\top = XA$ for an unknown $X$, "
             r"solved: the dimension of their solution set", sympy.Integer(dim)),
        Step(r"With $XAX = X$ added, the solutions found (their number)", sympy.Integer(len(solutions))),
        Step(r"Which conditions hold for $A$ = [[1, 2], [2, 4]] and $X = \mathrm{diag}(1, 0)$: "
             r"$AXA = A$ (even with $XAX = X$) does not make $X = A^+$ (1: the condition holds, 0: it fails)",
             Matrix([[int(ok) for ok in penrose_conditions(PENROSE_A, X)]])),
    )
    return Derivation(value, steps)


_PENROSE_CASE = _NAMES.index("[[1, 2], [2, 4]]")

register(Result(
    key="LOWR-PINV-6", title="Penrose conditions determine A^+",
    title_tex=r"Penrose conditions determine $A^+$",
    source=f"{PENROSE}; {SU_10366}, pseudo-inverse properties", statement=penrose_solution,
    derive=_derive_pinv6, numeric=num.newton_schulz_pseudo_inverse, params=_low_rank_points,
    examples=({"A": GL1}, {"A": PENROSE_A}, {"A": MATRICES["random 4x4 of rank 3"]}),
    bound=Bound("case", 0, len(_NAMES) - 1), display={"case": _PENROSE_CASE},
    scope=Scope.instances("; ".join(_NAMES), count=len(_NAMES)),
    notes=r"The linear conditions leave the family $A^+ + (I - A^+A)Z(I - AA^+)$; $XAX = X$ removes it, so "
          r"the solution is unique.  Su lists $AA^+A = A$ and $B^+BB^+ = B^+$ (confirm wording).  Numeric "
          r"route: Newton--Schulz; its Penrose residuals are checked in the test-suite.",
))


# --- LOWR-PINV-7 ------------------------------------------------------------------------------------------

_C_VALUES = (Rational(-3, 2), Rational(2), Rational(1, 3), Rational(-5))
_IDENTITY_PARTS = (r"(A^+)^+", r"(A^\top)^+", r"(cA)^+", r"(A^\top A)^+A^\top", r"A^\top(AA^\top)^+",
                   r"(A^\top A)^+", r"(AA^\top)^+", r"\mathrm{rank}\,A^+", r"AA^+", r"A^+A")


def _orthogonal_complement_projector(N: list[Matrix], size: int) -> Matrix:
    """:math:`I - N(N^\\top N)^{-1}N^\\top` for a basis ``N`` (columns) of a subspace of
    :math:`\\mathbb R^{size}`."""
    if not N:
        return eye(size)
    B = Matrix.hstack(*N)
    return eye(size) - B * (B.T * B).inv() * B.T


def pseudo_inverse_identities(case: Any = None, A: Any = None, c: Any = None) -> Tuple:
    """LOWR-PINV-7, the right-hand sides of

    .. math:: (A^+)^+ = A,\\ (A^\\top)^+ = (A^+)^\\top,\\ (cA)^+ = c^{-1}A^+,\\
              (A^\\top A)^+A^\\top = A^\\top(AA^\\top)^+ = A^+,\\ (A^\\top A)^+ = A^+(A^+)^\\top,\\
              (AA^\\top)^+ = (A^+)^\\top A^+,\\ \\operatorname{rank}A^+ = \\operatorname{rank}A,

    and :math:`AA^+`, :math:`A^+A` are the orthogonal projectors onto :math:`\\operatorname{col}A` and
    :math:`\\operatorname{row}A` (here as :math:`I` minus the projector onto the null space of
    :math:`A^\\top`, of :math:`A`).  Named instance ``case`` (with its own ``c``) or the point ``A``, ``c``.
    Source: standard; Su, 低秩近似之路（一） for the first.
    """
    if A is None:
        i = _case(case, len(_NAMES))
        A, c = MATRICES[_NAMES[i]], _C_VALUES[i % len(_C_VALUES)]
    A, cv = _matrix(A), _entry(c, "c")
    if cv == 0:
        raise ValueError("c must be nonzero")
    P = pseudo_inverse(A)
    return Tuple(A, P.T, P / cv, P, P, P * P.T, P.T * P, sympy.Integer(A.rank()),
                 _orthogonal_complement_projector(A.T.nullspace(), A.rows),
                 _orthogonal_complement_projector(A.nullspace(), A.cols))


def _derive_pinv7(case: int) -> Derivation:
    A, c = _matrix(MATRICES[_NAMES[case]]), _C_VALUES[case % len(_C_VALUES)]
    P = pseudo_inverse(A)
    AP, PA = A * P, P * A
    value = Tuple(pseudo_inverse(P), pseudo_inverse(A.T), pseudo_inverse(c * A),
                  pseudo_inverse(A.T * A) * A.T, A.T * pseudo_inverse(A * A.T), pseudo_inverse(A.T * A),
                  pseudo_inverse(A * A.T), sympy.Integer(P.rank()), AP, PA)
    a, b = Matrix([[1, 1]]), Matrix([[1], [0]])
    steps = (
        Step(r"Each left side from the rank factorisation of its own matrix: $(A^+)^+$, $(A^\top)^+$, "
             r"$(cA)^+$, $(A^\top A)^+$, $(AA^\top)^+$, and the rank of $A^+$", value),
        Step(r"$AA^+$ and $A^+A$ are symmetric and idempotent, $(AA^+)A = A$ and $A(A^+A) = A$: the "
             r"residuals, computed",
             Tuple(AP.T - AP, AP * AP - AP, PA.T - PA, PA * PA - PA, AP * A - A, A * PA - A)),
        Step(r"But $(ab)^+ \ne b^+a^+$ in general: $a = (1\ 1)$, $b = (1\ 0)^\top$ give $(ab)^+$ and "
             r"$b^+a^+$",
             Tuple(pseudo_inverse(a * b)[0], (pseudo_inverse(b) * pseudo_inverse(a))[0])),
    )
    return Derivation(value, steps)


def _identity_points() -> Any:
    from hypothesis import strategies as st

    nonzero = st.builds(Fraction, st.integers(1, 9), st.integers(1, 4)).flatmap(
        lambda q: st.sampled_from([q, -q]))
    return _low_rank_points(c=lambda _: nonzero)


register(Result(
    key="LOWR-PINV-7", title="Identities of the pseudo-inverse; (AB)^+ != B^+ A^+",
    title_tex=r"Identities of the pseudo-inverse; $(AB)^+ \ne B^+A^+$",
    source=f"standard; {SU_10366}, (A^+)^+ = A", statement=pseudo_inverse_identities, derive=_derive_pinv7,
    numeric=num.pseudo_inverse_identities, params=_identity_points, parts=_IDENTITY_PARTS,
    examples=({"A": GL1, "c": Fraction(-3, 2)}, {"A": GL2, "c": 2},
              {"A": MATRICES["random 2x4 of rank 2"], "c": Fraction(1, 3)}),
    bound=Bound("case", 0, len(_NAMES) - 1), display={"case": _J_CASE},
    scope=Scope.instances("; ".join(_NAMES) + " (c cycling through -3/2, 2, 1/3, -5)", count=len(_NAMES)),
    notes=r"The projectors are compared with $I$ minus the projector onto the null space of $A^\top$ "
          r"(of $A$), computed from a null-space basis.  Numeric route: each left side by the SVD and "
          r"Newton--Schulz routes in turn.",
))


# --- LOWR-PINV-8 ------------------------------------------------------------------------------------------

#: (A, M, N) instances: the golden G-L1 problems (M = e_1, M = I) and random ones
LSTSQ: dict[str, dict[str, Any]] = {
    "G-L1, M = e_1, N = e_1^T": {"A": GL1, "M": [[1], [0], [0]], "N": [[1, 0, 0]]},
    "G-L1, M = N = I": {"A": GL1, "M": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                        "N": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},
    "G-L2": {"A": GL2, "M": [[1, 0], [0, 1], [1, 1]], "N": [[1, 1]]},
    "0 (2x3)": {"A": MATRICES["0 (2x3)"], "M": [[1], [2]], "N": [[1, 2, 3]]},
    "random 4x4 of rank 2": {"A": MATRICES["random 4x4 of rank 2"], "M": _random_matrix(_RNG, 4, 2, 2),
                             "N": _random_matrix(_RNG, 1, 4, 1)},
    "random 2x4 of rank 2": {"A": MATRICES["random 2x4 of rank 2"], "M": _random_matrix(_RNG, 2, 1, 1),
                             "N": _random_matrix(_RNG, 2, 4, 2)},
    "random 4x3 of rank 2": {"A": MATRICES["random 4x3 of rank 2"], "M": _random_matrix(_RNG, 4, 2, 2),
                             "N": _random_matrix(_RNG, 2, 3, 2)},
}
_LSTSQ_NAMES = tuple(LSTSQ)


def _lstsq_objects(case: Any, A: Any, M: Any, N: Any) -> tuple[Matrix, Matrix, Matrix]:
    if A is None:
        point = LSTSQ[_LSTSQ_NAMES[_case(case, len(_LSTSQ_NAMES))]]
        A, M, N = point["A"], point["M"], point["N"]
    A, M, N = _matrix(A), _matrix(M, "M"), _matrix(N, "N")
    if M.rows != A.rows or N.cols != A.cols:
        raise ValueError(f"M must have the rows of A and N its columns; got A {_shape(A)}, M {_shape(M)}, "
                         f"N {_shape(N)}")
    return A, M, N


def least_squares_minima(case: Any = None, A: Any = None, M: Any = None, N: Any = None) -> Tuple:
    """LOWR-PINV-8:

    .. math:: \\min_X\\Vert AX-M\\Vert_F^2 = \\Vert(I-AA^+)M\\Vert_F^2,\\qquad
              \\min_Y\\Vert YA-N\\Vert_F^2 = \\Vert N(I-A^+A)\\Vert_F^2 ,

    attained with least norm at :math:`A^+M` (norm :math:`\\Vert A^+M\\Vert_F^2`) and :math:`NA^+`; every
    minimiser is :math:`A^+M + (I-A^+A)Z`.  Named instance ``case`` or the point ``A, M, N``.  Sources:
    Su, 低秩近似之路（一）, （二）.
    """
    A, M, N = _lstsq_objects(case, A, M, N)
    P = pseudo_inverse(A)
    return Tuple(P * M, _fro2((eye(A.rows) - A * P) * M), _fro2(P * M), N * P,
                 _fro2(N * (eye(A.cols) - P * A)))


def _least_norm(loss: Any, unknown: Matrix) -> tuple[Matrix, Any, Any, Matrix]:
    """Minimise ``loss`` (a quadratic in ``unknown``): the general stationary point, the loss on it (a
    constant), and the member of least Frobenius norm; returns (family, minimum, least-norm minimiser, its
    norm)."""
    eqs = [sympy.expand(sympy.diff(loss, x)) for x in unknown]
    (family,) = sympy.linsolve(eqs, list(unknown))
    F = Matrix(unknown.rows, unknown.cols, list(family))
    minimum = sympy.expand(loss.subs(dict(zip(list(unknown), family)), simultaneous=True))
    free = sorted(F.free_symbols, key=str)
    norm = sympy.expand(_fro2(F))
    if free:
        (best,) = sympy.linsolve([sympy.diff(norm, t) for t in free], free)
        X = F.subs(dict(zip(free, best)), simultaneous=True)
    else:
        X = F
    return F, minimum, X, _fro2(X)


def _derive_pinv8(case: int) -> Derivation:
    A, M, N = _lstsq_objects(case, None, None, None)
    X, Y = _symbolic("x", A.cols, M.cols), _symbolic("y", N.rows, A.rows)
    family, right_min, Xs, xnorm = _least_norm(_fro2(A * X - M), X)
    family_left, left_min, Ys, _ = _least_norm(_fro2(Y * A - N), Y)
    P = pseudo_inverse(A)
    consistency = A.T * A * P - A.T
    steps = (
        Step(r"The normal equations $A^\top AX = A^\top M$ (LOWR-PINV-1) are consistent: "
             r"$A^\top AA^+ - A^\top$, computed", consistency),
        Step(r"Their general solution, the free entries of $X$ as parameters", family),
        Step(r"$\Vert AX - M\Vert_F^2$ on that family: one value, the minimum", right_min),
        Step(r"$\Vert X\Vert_F^2$ minimised over the family: the least-norm minimiser", Xs),
        Step(r"The same for $\min_Y\Vert YA - N\Vert_F^2$: its general minimiser and its value",
             Tuple(family_left, left_min)),
        Step(r"The other form $\Vert M\Vert_F^2 - \Vert AA^+M\Vert_F^2$ of the minimum",
             _fro2(M) - _fro2(A * P * M)),
    )
    return Derivation(Tuple(Xs, right_min, xnorm, Ys, left_min), steps)


def _lstsq_points() -> Any:
    from hypothesis import strategies as st

    def extra_m(nmk: tuple[int, int, int]) -> Any:
        return st.integers(1, 3).flatmap(lambda k: _rational_rows(nmk[0], k))

    def extra_n(nmk: tuple[int, int, int]) -> Any:
        return st.integers(1, 3).flatmap(lambda k: _rational_rows(k, nmk[1]))

    return _low_rank_points(M=extra_m, N=extra_n)


register(Result(
    key="LOWR-PINV-8", title="Minimal residual ||(I - AA^+)M||_F^2 and the least-norm minimiser A^+ M",
    title_tex=r"Minimal residual $\Vert(I - AA^+)M\Vert_F^2$ and the least-norm minimiser $A^+M$",
    source=f"standard; {SU_10366}; {SU_10407}", statement=least_squares_minima, derive=_derive_pinv8,
    numeric=num.least_squares_minima, params=_lstsq_points,
    parts=(r"\mathrm{argmin}_X\Vert AX - M\Vert_F^2\ (\text{least norm})", r"\min_X\Vert AX - M\Vert_F^2",
           r"\Vert A^+M\Vert_F^2", r"\mathrm{argmin}_Y\Vert YA - N\Vert_F^2\ (\text{least norm})",
           r"\min_Y\Vert YA - N\Vert_F^2"),
    examples=tuple(LSTSQ[k] for k in ("G-L1, M = e_1, N = e_1^T", "G-L1, M = N = I", "random 4x3 of rank 2")),
    bound=Bound("case", 0, len(_LSTSQ_NAMES) - 1), display={"case": 0},
    scope=Scope.instances("; ".join(_LSTSQ_NAMES), count=len(_LSTSQ_NAMES)),
    notes=r"Golden G-L1: $\min_b\Vert Ab - e_1\Vert^2 = 1/6$ at $b = A^+e_1 = (-23, -2, 19)^\top/36$ and "
          r"$\min_B\Vert AB - I\Vert_F^2 = 1$.  Numeric route: the Newton--Schulz pseudo-inverse, with the "
          r"objectives evaluated at its minimisers (not the projector formulas).",
))
