"""SVD and optimal low-rank approximation, exactly (spec ``lowrank.md`` section 2.2).

Main statements:

- LOWR-SVD-1: the SVD built from :math:`M^\\top M=V\\Lambda V^\\top`: :math:`\\sigma_i=\\sqrt{\\lambda_i}`,
  :math:`u_i=Mv_i/\\sigma_i` orthonormal, :math:`M=\\sum_{i\\le\\rho}\\sigma_iu_iv_i^\\top` (THEOREM, steps exact);
- LOWR-SVD-2: :math:`\\Vert M\\Vert_F^2=\\sum_i\\sigma_i^2` (and :math:`\\Vert M\\Vert_2=\\sigma_1`, numerically);
- LOWR-SVD-3: :math:`\\min_B\\Vert AB-M\\Vert_F^2=\\Vert M\\Vert_F^2-\\operatorname{tr}(P_AMM^\\top)` (the reduction to
  one factor; Ky Fan's bound on the right is a THEOREM, exercised in the tests);
- LOWR-SVD-4: Eckart-Young-Mirsky, :math:`\\min_{A,B}\\Vert AB-M\\Vert_F^2=\\Vert M\\Vert_F^2-\\sum_{i\\le r}\\sigma_i^2`;
- LOWR-SVD-5: :math:`\\min_{\\operatorname{rank}X\\le r}\\Vert M-X\\Vert_2=\\sigma_{r+1}`, attained at :math:`M_r`;
- LOWR-SVD-6: the optimum is not unique at a tie (:math:`2I_2`) and the spectral optimum rarely is;
- LOWR-SVD-7: :math:`M_r=U_rU_r^\\top M=MV_rV_r^\\top`, :math:`\\langle M-M_r,M_r\\rangle_F=0`, Pythagoras.

How.  Singular values are exact: the eigenvalues of :math:`S=M^\\top M` are the real roots of
:math:`\\det(\\lambda I-S)` as rationals or ``CRootOf`` of its irreducible factors.  For an eigenvalue
:math:`\\lambda` with minimal polynomial :math:`q` the arithmetic runs in the number field
:math:`\\mathbb Q(\\lambda)=\\mathbb Q[x]/(q)` (SymPy's ``AlgebraicField``, ``DomainMatrix``): the spectral
projector is :math:`P_\\lambda=g(S)/g(\\lambda)` with :math:`g=f/(x-\\lambda)`, :math:`f` the square-free part of
the characteristic polynomial (Lagrange/Sylvester: :math:`g(S)=\\prod_{\\mu\\ne\\lambda}(S-\\mu I)`), and
:math:`f(S)=0` is checked exactly in :math:`\\mathbb Q`, which is what makes each :math:`P_\\lambda` a symmetric
idempotent commuting with :math:`S`, orthogonal to the others.  :func:`best_rank_r` returns
:math:`M_r=MP_r` and its error.  SVD-1 and SVD-5 are proved on matrices :math:`U\\Sigma V^\\top` built from
Cayley-orthogonal factors (rational spectrum); SVD-4 on named rational instances with ``CRootOf``
spectra; SVD-2, SVD-3, SVD-6 and SVD-7 symbolically for stated small shapes.

References: Su, 低秩近似之路（二）：SVD (kexue.fm/archives/10407); Eckart & Young 1936; Mirsky 1960;
Ky Fan 1949; Golub & Van Loan.

Registers: LOWR-SVD-1, LOWR-SVD-2, LOWR-SVD-3, LOWR-SVD-4, LOWR-SVD-5, LOWR-SVD-6, LOWR-SVD-7.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from numbers import Integral
from typing import Any

import sympy
from sympy import QQ, Add, Eq, Matrix, Poly, Rational, Symbol, Tuple, eye, sqrt, zeros
from sympy.polys.matrices import DomainMatrix

from numerics.lowrank import svd as num

from proofs.core import Bound, Derivation, Result, Scope, Status, Step, register
from proofs.core.bibliography import ECKART_YOUNG, GOLUB_VAN_LOAN, KY_FAN, SU_10407
from proofs.core.params import draw, s

__all__ = [
    "singular_values_squared",
    "best_rank_r",
    "spectral_projector",
    "cayley_orthogonal",
    "svd_matrix",
    "svd_construction",
    "frobenius_trace_identity",
    "one_factor_residual",
    "eckart_young_error",
    "spectral_error",
    "tie_examples",
    "projector_form",
]

lam = Symbol("lambda")
_x = Symbol("x")


# --- input handling ------------------------------------------------------------------------------


def _as_matrix(M: Any, name: str = "M") -> Matrix:
    """``M`` as a SymPy Matrix of real numbers; ValueError ("real matrix required") otherwise."""
    if isinstance(M, sympy.MatrixBase):
        rows = M.tolist()
    elif isinstance(M, Sequence) and not isinstance(M, (str, bytes)):
        rows = []
        for row in M:
            if not isinstance(row, Sequence) or isinstance(row, (str, bytes)):
                raise ValueError(f"real matrix required: {name} must be a 2-D nested list, got a row {row!r}")
            rows.append(list(row))
    else:
        raise ValueError(f"real matrix required: {name} must be a matrix, got {type(M).__name__}")
    if not rows or not rows[0]:
        raise ValueError(f"real matrix required: {name} is empty")
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError(f"real matrix required: {name} is ragged (row lengths {[len(r) for r in rows]})")
    out = []
    for i, row in enumerate(rows):
        new = []
        for j, v in enumerate(row):
            if isinstance(v, bool):
                raise ValueError(f"real matrix required: entry ({i}, {j}) of {name} is the boolean {v!r}")
            if isinstance(v, float) and v != v or isinstance(v, float) and v in (float("inf"), -float("inf")):
                raise ValueError(f"entry ({i}, {j}) of {name} is {v!r}: NaN and infinite entries are not allowed")
            try:
                e = sympy.nsimplify(v) if isinstance(v, float) else sympy.sympify(
                    Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v, strict=True)
            except (sympy.SympifyError, TypeError, ValueError):
                raise ValueError(f"real matrix required: entry ({i}, {j}) of {name} is not a number ({v!r})") \
                    from None
            if e.has(sympy.nan, sympy.oo, -sympy.oo, sympy.zoo):
                raise ValueError(f"entry ({i}, {j}) of {name} is {v!r}: NaN and infinite entries are not allowed")
            if not e.is_number:
                raise ValueError(f"real matrix required: entry ({i}, {j}) of {name} is not a number ({v!r})")
            if e.is_real is not True:
                raise ValueError(f"real matrix required: entry ({i}, {j}) of {name} is not real ({v!r})")
            new.append(e)
        out.append(new)
    return Matrix(out)


def _check_r(r: Any, n: int, m: int, upper: int | None = None) -> int:
    top = min(n, m) if upper is None else upper
    if isinstance(r, bool) or not isinstance(r, (Integral, sympy.Integer)) or not 1 <= int(r) <= top:
        raise ValueError(f"r must be an integer with 1 <= r <= {top} for a {n}x{m} matrix, got {r!r}")
    return int(r)


# --- the exact spectrum --------------------------------------------------------------------------


def _charpoly(S: Matrix) -> Poly:
    p = Poly(S.charpoly(lam).as_expr(), lam)
    if p.get_domain() not in (sympy.ZZ, QQ):
        raise ValueError("exact singular values need det(lambda I - M^T M) with rational coefficients; "
                         f"got coefficients in {p.get_domain()} (use numerics.lowrank.singular_values)")
    return p


def _eigenvalues(S: Matrix) -> list[Any]:
    """The eigenvalues of the symmetric rational ``S`` with multiplicity, non-increasing (exact)."""
    return list(reversed(_charpoly(S).real_roots()))


def singular_values_squared(M: Any) -> list[Any]:
    """The ``min(n, m)`` squared singular values of M, exact and non-increasing.

    .. math:: \\sigma_i^2 = \\lambda_i\\big(M^\\top M\\big),\\qquad \\det(\\lambda I-M^\\top M)=0,

    computed on the smaller Gram matrix; each value is a ``Rational`` or a ``CRootOf`` of an irreducible
    factor of the characteristic polynomial.  Source: Su, 低秩近似之路（二）：SVD (kexue.fm/archives/10407).

    >>> singular_values_squared([[3, 0], [0, 4]])
    [16, 9]
    """
    A = _as_matrix(M)
    G = A * A.T if A.rows <= A.cols else A.T * A
    return _eigenvalues(G)


def _field(value: Any) -> tuple[Any, Any]:
    """The number field :math:`\\mathbb Q(\\lambda)` and :math:`\\lambda` in it (QQ for a rational)."""
    if value.is_Rational:
        return QQ, QQ.from_sympy(value)
    K = QQ.algebraic_field(value)
    return K, K.from_sympy(value)


def spectral_projector(S: Any, value: Any) -> tuple[Any, DomainMatrix]:
    """The orthogonal projector onto the eigenspace of the symmetric rational S at the eigenvalue ``value``.

    .. math:: P_\\lambda = \\frac{g(S)}{g(\\lambda)},\\qquad g(x)=\\frac{f(x)}{x-\\lambda}=\\prod_{\\mu\\ne\\lambda}(x-\\mu),

    :math:`f` the square-free part of :math:`\\det(xI-S)`; computed in :math:`\\mathbb Q(\\lambda)`.  Returns
    ``(K, P)`` with ``P`` a ``DomainMatrix`` over the field ``K``.  Raises ArithmeticError if
    :math:`f(S)\\ne0` (S not diagonalisable: not symmetric).
    """
    S = Matrix(S)
    f = Poly(sympy.sqf_part(_charpoly(S).as_expr()), lam)
    fs = zeros(S.rows, S.rows)
    for c in f.all_coeffs():
        fs = fs * S + c * eye(S.rows)
    if fs != zeros(S.rows, S.rows):
        raise ArithmeticError("the square-free part of the characteristic polynomial does not annihilate S")
    K, a = _field(value)
    # synthetic division of f by (x - a) in K[x]
    g = []
    acc = K.zero
    for c in f.all_coeffs()[:-1]:
        acc = acc * a + K.convert(c, QQ)
        g.append(acc)
    SK = DomainMatrix.from_Matrix(S).convert_to(K)
    n = S.rows
    G = DomainMatrix.zeros((n, n), K)
    I = DomainMatrix.eye(n, K)
    ga = K.zero
    for c in g:
        G = G * SK + I * c
        ga = ga * a + c
    return K, G * K.quo(K.one, ga)


def _to_matrix(K: Any, D: DomainMatrix) -> Matrix:
    rows, cols = D.shape
    return Matrix(rows, cols, lambda i, j: K.to_sympy(D[i, j].element))


def _dm(M: Matrix, K: Any) -> DomainMatrix:
    return DomainMatrix.from_Matrix(M).convert_to(K)


def _tie_projector(K: Any, P: DomainMatrix, k: int) -> DomainMatrix:
    """The orthogonal projector onto the span of the first k independent columns of P (over K)."""
    _, pivots = P.rref()
    C = P.extract(list(range(P.shape[0])), list(pivots[:k]))
    return C * (C.transpose() * C).inv() * C.transpose()


def _top_groups(S: Matrix, r: int) -> tuple[list[Any], list[tuple[Any, int, int]]]:
    """Eigenvalues of S (non-increasing) and, for the distinct non-zero ones among the first r, the triples
    (value, how many of the first r it fills, its multiplicity)."""
    values = _eigenvalues(S)
    groups: list[tuple[Any, int, int]] = []
    for v in dict.fromkeys(values[:r]):
        if v != 0:
            groups.append((v, values[:r].count(v), values.count(v)))
    return values, groups


def best_rank_r(M: Any, r: int, allow_tie: bool = False) -> tuple[Matrix, Any]:
    """The best rank-r approximation :math:`M_r` and its error :math:`\\sum_{i>r}\\sigma_i^2`, exactly.

    .. math:: M_r = MP_r,\\qquad P_r=\\sum_{i\\le r}P_{\\lambda_i},\\qquad
              \\Vert M-M_r\\Vert_F^2=\\sum_{i>r}\\sigma_i^2
              \\quad(\\text{Eckart-Young-Mirsky}),

    with the spectral projectors of :math:`S=M^\\top M` (:func:`spectral_projector`), eigenvalues as
    ``CRootOf``.  ``1 <= r <= min(n, m)``.  If :math:`\\sigma_r=\\sigma_{r+1}>0` the optimum is not unique:
    ValueError, unless ``allow_tie``, which returns the one built on the first independent columns of the
    tied eigenprojector.  Sources: Eckart & Young 1936, Mirsky 1960; Su, 低秩近似之路（二）：SVD.
    """
    A = _as_matrix(M)
    r = _check_r(r, A.rows, A.cols)
    S = A.T * A
    values, groups = _top_groups(S, r)
    if r < len(values) and values[r - 1] == values[r] != 0 and not allow_tie:
        raise ValueError(f"rank-r approximation not unique: sigma_{r} = sigma_{r + 1} > 0 "
                         "(pass allow_tie=True to accept one of the optima)")
    out = zeros(A.rows, A.cols)
    for v, count, mult in groups:
        K, P = spectral_projector(S, v)
        if count < mult:
            P = _tie_projector(K, P, count)
        out += _to_matrix(K, _dm(A, K) * P)
    return out, Add(*values[r:min(A.rows, A.cols)])


# --- Cayley-orthogonal construction ----------------------------------------------------------------


def cayley_orthogonal(params: Sequence[Any], n: int) -> Matrix:
    """:math:`Q=(I-K)(I+K)^{-1}`, orthogonal and rational, :math:`K` skew with upper entries ``params``."""
    K = zeros(n, n)
    it = iter(params)
    for i in range(n):
        for j in range(i + 1, n):
            v = sympy.sympify(next(it))
            K[i, j], K[j, i] = v, -v
    return (eye(n) - K) * (eye(n) + K).inv()


def svd_matrix(U: Matrix, sigma: Sequence[Any], V: Matrix) -> Matrix:
    """:math:`U\\Sigma V^\\top` with :math:`\\Sigma` the rectangular diagonal of ``sigma``."""
    Sig = zeros(U.cols, V.cols)
    for i, s in enumerate(sigma):
        Sig[i, i] = s
    return U * Sig * V.T


def _cayley(n: int, seed: int) -> Matrix:
    k = n * (n - 1) // 2
    return cayley_orthogonal([Rational((-1) ** (i + seed) * (i + seed + 1), 2 * i + seed + 3) for i in range(k)], n)


#: rational-spectrum instances U diag(sigma) V^T: (U size, V size, singular values)
_SPECTRA = ((3, 4, (5, 3, 2)), (4, 3, (4, 1, 0)), (3, 3, (3, 3, 1)), (2, 2, (2, 2)), (2, 3, (6, 0)))


@lru_cache(maxsize=None)
def _rational_instance(k: int) -> Matrix:
    n, m, sig = _SPECTRA[k]
    return svd_matrix(_cayley(n, k + 1), [Rational(s) for s in sig], _cayley(m, k + 2))


def _points(M: Matrix) -> list[list[Fraction]]:
    return [[Fraction(int(v.p), int(v.q)) for v in row] for row in M.tolist()]


# --- LOWR-SVD-1 ------------------------------------------------------------------------------------


def _instance_or(n: Any, M: Any) -> Matrix:
    if M is not None:
        return _as_matrix(M)
    k = 0 if n is None else n
    if isinstance(k, bool) or not isinstance(k, (Integral, sympy.Integer)) or not 0 <= int(k) < len(_SPECTRA):
        raise ValueError(f"n must index one of the {len(_SPECTRA)} rational-spectrum instances, got {n!r}")
    return _rational_instance(int(k))


def svd_construction(n: Any = None, M: Any = None) -> Tuple:
    """LOWR-SVD-1: :math:`(\\sigma_1..\\sigma_\\rho,\\ U_\\rho^\\top U_\\rho,\\ \\sum_{i\\le\\rho}\\sigma_iu_iv_i^\\top)=
    (\\sqrt{\\lambda_i(M^\\top M)},\\ I_\\rho,\\ M)`; the instance ``n`` or the matrix ``M``."""
    A = _instance_or(n, M)
    sig = [sqrt(v) for v in singular_values_squared(A) if v != 0]
    return Tuple(Matrix(sig), eye(len(sig)), A)


def _derive_svd1(n: int) -> Derivation:
    A = _rational_instance(n)
    S = A.T * A
    pairs = []
    for value, _, vecs in S.eigenvects():
        if value != 0:
            for v in sympy.GramSchmidt(vecs, orthonormal=True):
                pairs.append((value, v.applyfunc(sympy.radsimp)))
    pairs.sort(key=lambda p: -p[0])
    sig = [sqrt(v) for v, _ in pairs]
    U = Matrix.hstack(*[(A * v / s).applyfunc(sympy.radsimp) for (_, v), s in zip(pairs, sig)])
    V = Matrix.hstack(*[v for _, v in pairs])
    gram = (U.T * U).applyfunc(lambda e: sympy.radsimp(sympy.expand(e)))
    recon = zeros(A.rows, A.cols)
    for c, s in enumerate(sig):
        recon += s * U[:, c] * V[:, c].T
    recon = recon.applyfunc(lambda e: sympy.radsimp(sympy.expand(e)))
    steps = (
        Step(r"The Gram matrix $S = M^\top M$ of the instance", S),
        Step(r"Its non-zero eigenvalues $\lambda_i$ (exact), orthonormal eigenvectors $v_i$ by Gram-Schmidt "
             r"inside each eigenspace, as the columns of $V_\rho$", V),
        Step(r"$u_i = Mv_i/\sigma_i$ with $\sigma_i = \sqrt{\lambda_i}$, as the columns of $U_\rho$", U),
        Step(r"$U_\rho^\top U_\rho$: the $u_i$ are orthonormal because $u_i^\top u_j = v_i^\top Sv_j/(\sigma_i"
             r"\sigma_j) = \delta_{ij}$", gram),
        Step(r"$\sum_i \sigma_iu_iv_i^\top = MV_\rho V_\rho^\top$ is $M$, since $Mv = 0$ on the kernel of $S$", recon),
    )
    return Derivation(Tuple(Matrix(sig), gram, recon), steps)


# --- LOWR-SVD-2 ------------------------------------------------------------------------------------

_SHAPES = tuple((a, b) for a in (1, 2, 3) for b in (1, 2, 3))


def _symbolic(n: int, m: int, letter: str = "m") -> Matrix:
    return Matrix(n, m, lambda i, j: Symbol(f"{letter}{i + 1}{j + 1}", real=True))


def frobenius_trace_identity(n: Any = None, M: Any = None) -> Any:
    """LOWR-SVD-2: :math:`\\sum_i\\sigma_i^2=\\Vert M\\Vert_F^2=\\sum_{ij}m_{ij}^2`.

    With ``n`` (an index into the shapes :math:`1..3\\times1..3`) for a fully symbolic M; with a matrix
    ``M`` the pair :math:`(\\sum_i\\sigma_i^2,\\ \\Vert M\\Vert_2)` with :math:`\\Vert M\\Vert_2=\\sigma_1` (exact
    ``CRootOf``) and the first entry :math:`\\sum_{ij}m_{ij}^2`.
    """
    if M is None:
        k = 0 if n is None else n
        if isinstance(k, bool) or not isinstance(k, (Integral, sympy.Integer)) or not 0 <= int(k) < len(_SHAPES):
            raise ValueError(f"n must index one of the shapes {_SHAPES}, got {n!r}")
        A = _symbolic(*_SHAPES[int(k)])
        return Eq(Symbol(r"\sum_i \sigma_i^2"), Add(*[e**2 for e in A]), evaluate=False)
    A = _as_matrix(M)
    return Tuple(Add(*[e**2 for e in A]), sqrt(singular_values_squared(A)[0]))


def _derive_svd2(n: int) -> Derivation:
    A = _symbolic(*_SHAPES[n])
    S = A.T * A
    p = Poly(S.charpoly(lam).as_expr(), lam)
    total = sympy.expand(-p.coeff_monomial(lam ** (S.rows - 1)))
    steps = (
        Step(r"$S = M^\top M$ for a fully symbolic $M$; its eigenvalues are the $\sigma_i^2$ (with zeros)", S),
        Step(r"By Vieta, the sum of the roots of $\det(\lambda I - S)$ is minus its coefficient of "
             r"$\lambda^{m-1}$", total),
    )
    return Derivation(Eq(Symbol(r"\sum_i \sigma_i^2"), total, evaluate=False), steps)


def _num_svd2(M: Any, dps: int) -> list[Any]:
    values = num.singular_values(M, dps=dps + 10)
    with __import__("mpmath").workdps(dps + 10):
        total = sum(v**2 for v in values)
    return [total, num.spectral_norm(M, dps=dps)]


# --- LOWR-SVD-3 ------------------------------------------------------------------------------------

_A3 = _symbolic(3, 1, "a")
_M3 = _symbolic(3, 2, "m")


def one_factor_residual() -> Eq:
    """LOWR-SVD-3: :math:`\\min_B\\Vert AB-M\\Vert_F^2=\\Vert M\\Vert_F^2-\\operatorname{tr}(P_AMM^\\top)`,
    :math:`P_A=AA^\\top/(A^\\top A)`, for symbolic :math:`A\\in\\mathbb R^{3\\times1}`, :math:`M\\in\\mathbb R^{3\\times2}`."""
    PA = _A3 * _A3.T / (_A3.T * _A3)[0, 0]
    value = Add(*[e**2 for e in _M3]) - (PA * _M3 * _M3.T).trace()
    return Eq(Symbol(r"\min_B \Vert AB - M \Vert_F^2"), sympy.cancel(value), evaluate=False)


def _derive_svd3() -> Derivation:
    B = Matrix(1, 2, lambda i, j: Symbol(f"b{j + 1}"))
    R = _A3 * B - _M3
    loss = Add(*[e**2 for e in R])
    grad = [sympy.diff(loss, b) for b in B]
    sol = sympy.solve(grad, list(B), dict=True)[0]
    value = sympy.cancel(loss.subs(sol))
    steps = (
        Step(r"$\mathcal L(B) = \Vert AB - M\Vert_F^2$, gradient in $B$ (entrywise)", Matrix([grad])),
        Step(r"The stationary point (normal equations $A^\top AB = A^\top M$)", Matrix(1, 2, [sol[b] for b in B])),
        Step(r"$\mathcal L$ at that point, cancelled", value),
    )
    return Derivation(Eq(Symbol(r"\min_B \Vert AB - M \Vert_F^2"), value, evaluate=False), steps)


def _num_svd3(dps: int, **point: Any) -> Any:
    import mpmath

    with mpmath.workdps(dps + 20):
        A = mpmath.matrix([[point[f"a{i}1"]] for i in (1, 2, 3)])
        M = mpmath.matrix([[point[f"m{i}{j}"] for j in (1, 2)] for i in (1, 2, 3)])
        B = mpmath.matrix(1, 2)
        for j in range(2):  # least squares column by column, by Householder QR
            x, _ = mpmath.qr_solve(A, M[:, j])
            B[0, j] = x[0]
        R = A * B - M
        return +mpmath.fsum(R[i, j] ** 2 for i in range(3) for j in range(2))


# --- LOWR-SVD-4 ------------------------------------------------------------------------------------

_GL3 = Matrix([[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, 1]])
_EY_CASES: tuple[tuple[Matrix, int], ...] = (
    (_GL3, 1), (_GL3, 2), (_GL3, 3),
    (Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 1),
    (Matrix([[2, -1, 0], [1, 3, 1], [0, 1, -2], [1, 0, 1]]), 2),
)
_EY_SYMBOL = Symbol(r"\min_{A,B} \Vert AB - M \Vert_F^2")


def eckart_young_error(n: Any = None, M: Any = None, r: Any = None) -> Eq:
    """LOWR-SVD-4: :math:`\\min_{A,B}\\Vert AB-M\\Vert_F^2=\\Vert M\\Vert_F^2-\\sum_{i\\le r}\\sigma_i^2=\\sum_{i>r}\\sigma_i^2`
    (``CRootOf`` eigenvalues); the instance ``n`` or ``(M, r)``."""
    if M is None:
        k = 0 if n is None else int(n)
        A, r = _EY_CASES[k]
    else:
        A = _as_matrix(M)
        r = _check_r(r, A.rows, A.cols)
    values = _eigenvalues(A.T * A)
    return Eq(_EY_SYMBOL, Add(*[e**2 for e in A]) - Add(*values[:r]), evaluate=False)


def _derive_svd4(n: int) -> Derivation:
    A, r = _EY_CASES[n]
    S = A.T * A
    values, groups = _top_groups(S, r)
    traces, Mr = [], zeros(A.rows, A.cols)
    for v, count, mult in groups:
        K, P = spectral_projector(S, v)
        SK = _dm(S, K)
        if P * P != P or P.transpose() != P or SK * P != P * SK:
            raise ArithmeticError(f"the projector at {v} is not a symmetric idempotent commuting with S")
        SP = SK * P
        traces.append(K.to_sympy(sum((SP[i, i].element for i in range(S.rows)), K.zero)))
        Mr += _to_matrix(K, _dm(A, K) * P)
    value = Add(*[e**2 for e in A]) - Add(*traces)
    steps = (
        Step(r"$S = M^\top M$ and $\det(\lambda I - S)$, eigenvalues as CRootOf", Matrix([S.charpoly(lam).as_expr()])),
        Step(r"$M_r = MP_r$ with $P_r = \sum_{i\le r} g_i(S)/g_i(\lambda_i)$, $g_i = f/(x - \lambda_i)$, computed "
             r"in $\mathbb Q(\lambda_i)$; $f(S) = 0$ exactly, so $P_r$ is a symmetric idempotent commuting with $S$",
             Mr),
        Step(r"$\Vert M - MP_r\Vert_F^2 = \operatorname{tr}S - \operatorname{tr}(SP_r)$; each "
             r"$\operatorname{tr}(SP_{\lambda_i})$ reduced in $\mathbb Q(\lambda_i)$", Matrix([traces])),
    )
    return Derivation(Eq(_EY_SYMBOL, value, evaluate=False), steps)


def _num_svd4(M: Any, r: int, dps: int) -> Any:
    return num.best_rank_r(M, r, dps=dps, method="als")[2]


# --- LOWR-SVD-5 ------------------------------------------------------------------------------------

_SPEC_CASES = ((0, 1), (0, 2), (1, 1), (2, 1), (2, 2), (4, 1))
_SPEC_SYMBOL = Symbol(r"\Vert M - M_r \Vert_2")


def spectral_error(n: Any = None, M: Any = None, r: Any = None) -> Eq:
    """LOWR-SVD-5: :math:`\\min_{\\operatorname{rank}X\\le r}\\Vert M-X\\Vert_2=\\Vert M-M_r\\Vert_2=\\sigma_{r+1}`,
    ``r < min(n, m)``; the rational-spectrum instance ``n`` or ``(M, r)``."""
    if M is None:
        k, r = _SPEC_CASES[0 if n is None else int(n)]
        A = _rational_instance(k)
    else:
        A = _as_matrix(M)
        r = _check_r(r, A.rows, A.cols, min(A.rows, A.cols) - 1)
    return Eq(_SPEC_SYMBOL, sqrt(singular_values_squared(A)[r]), evaluate=False)


def _derive_svd5(n: int) -> Derivation:
    k, r = _SPEC_CASES[n]
    A = _rational_instance(k)
    Mr, _ = best_rank_r(A, r, allow_tie=True)
    E = A - Mr
    G = E.T * E
    top = _eigenvalues(G)[0]
    steps = (
        Step(r"$M - M_r$ with $M_r = MP_r$ (spectral projector)", E),
        Step(r"$\Vert M - M_r\Vert_2^2$ is the largest root of $\det(\lambda I - (M - M_r)^\top(M - M_r))$",
             Matrix([sympy.factor(G.charpoly(lam).as_expr())])),
    )
    return Derivation(Eq(_SPEC_SYMBOL, sqrt(top), evaluate=False), steps)


def _num_svd5(M: Any, r: int, dps: int) -> Any:
    import mpmath

    A, B, _ = num.best_rank_r(M, r, dps=dps + 10, method="als")
    with mpmath.workdps(dps + 10):
        X = A * B
    return num.spectral_error(M, X, dps=dps)


# --- LOWR-SVD-6 ------------------------------------------------------------------------------------

_t = Symbol("t", real=True)


def tie_examples(t: Any = None) -> Tuple:
    """LOWR-SVD-6: with :math:`u=((1-t^2),2t)/(1+t^2)` and :math:`\\delta=(1-t^2)/(1+t^2)\\in[-1,1]`,
    :math:`\\Vert2I_2-2uu^\\top\\Vert_F^2=4=\\sigma_2^2` and :math:`\\Vert\\operatorname{diag}(3,1)-\\operatorname{diag}
    (3+\\delta,0)\\Vert_2=1=\\sigma_2`, for every real ``t``: the optima are not unique."""
    return Tuple(sympy.Integer(4), sympy.Integer(1))


def _derive_svd6() -> Derivation:
    u = Matrix([1 - _t**2, 2 * _t]) / (1 + _t**2)
    E = 2 * eye(2) - 2 * u * u.T
    frob = sympy.cancel(Add(*[e**2 for e in E]))
    delta = (1 - _t**2) / (1 + _t**2)
    D = Matrix([[3, 0], [0, 1]]) - Matrix([[3 + delta, 0], [0, 0]])
    eig = list((D.T * D).diagonal())
    gap = sympy.factor(sympy.cancel(eig[1] - eig[0]))
    if gap.is_nonnegative is not True:
        raise ArithmeticError("could not order the eigenvalues of D^T D")
    spec = sqrt(sympy.cancel(eig[1]))
    steps = (
        Step(r"$u = (1 - t^2, 2t)/(1 + t^2)$ is a unit vector; $E = 2I - 2uu^\top$", E.applyfunc(sympy.cancel)),
        Step(r"$\Vert E\Vert_F^2$, cancelled: the same for every $t$ (the tie $\sigma_1 = \sigma_2 = 2$)", frob),
        Step(r"$D = \operatorname{diag}(3,1) - \operatorname{diag}(3 + \delta, 0)$: $D^\top D$ has eigenvalues "
             r"$\delta^2$ and $1$, and $1 - \delta^2$ is a square", gap),
    )
    return Derivation(Tuple(frob, spec), steps)


def _num_svd6(t: Any, dps: int) -> list[Any]:
    import mpmath

    with mpmath.workdps(dps + 20):
        tt = mpmath.mpf(t.numerator) / t.denominator if isinstance(t, Fraction) else mpmath.mpf(t)
        u = mpmath.matrix([1 - tt**2, 2 * tt]) / (1 + tt**2)
        E = 2 * mpmath.eye(2) - 2 * u * u.T
        frob = mpmath.fsum(E[i, j] ** 2 for i in range(2) for j in range(2))
        d = (1 - tt**2) / (1 + tt**2)
        X = mpmath.matrix([[3 + d, 0], [0, 0]])
    spec = num.spectral_error([[3, 0], [0, 1]], X, dps=dps)
    return [+frob, spec]


# --- LOWR-SVD-7 ------------------------------------------------------------------------------------

_SIG7 = [Symbol(f"s{i}", positive=True) for i in (1, 2, 3)]
_U7, _V7 = _cayley(3, 7), _cayley(4, 8)


def projector_form(r: Any = None, M: Any = None) -> Tuple:
    """LOWR-SVD-7: :math:`(U_rU_r^\\top M,\\ MV_rV_r^\\top,\\ \\langle M-M_r,M_r\\rangle_F,\\
    \\Vert M\\Vert_F^2-\\Vert M_r\\Vert_F^2-\\Vert M-M_r\\Vert_F^2)=(M_r,M_r,0,0)`.

    Without ``M``: :math:`M=U\\operatorname{diag}(s_1,s_2,s_3)V^\\top` with fixed Cayley-orthogonal U, V and
    symbolic :math:`s_i`, :math:`M_r=U_r\\Sigma_rV_r^\\top`.  With ``M``: :math:`M_r` from :func:`best_rank_r`.
    """
    if M is None:
        k = 1 if r is None else int(r)
        Mr = svd_matrix(_U7[:, :k], _SIG7[:k], _V7[:, :k])
    else:
        A = _as_matrix(M)
        Mr, _ = best_rank_r(A, _check_r(r, A.rows, A.cols))
    return Tuple(Mr, Mr, sympy.Integer(0), sympy.Integer(0))


def _derive_svd7(r: int) -> Derivation:
    M = svd_matrix(_U7, _SIG7, _V7)
    Ur, Vr = _U7[:, :r], _V7[:, :r]
    Mr = svd_matrix(Ur, _SIG7[:r], Vr)
    left = (Ur * Ur.T * M).applyfunc(sympy.expand)
    right = (M * Vr * Vr.T).applyfunc(sympy.expand)
    inner = sympy.expand(((M - Mr).T * Mr).trace())
    pyth = sympy.expand(Add(*[e**2 for e in M]) - Add(*[e**2 for e in Mr]) - Add(*[e**2 for e in M - Mr]))
    steps = (
        Step(r"$M = U\Sigma V^\top$ with Cayley-orthogonal $U$, $V$ and symbolic $\sigma_i$", M),
        Step(r"$U_rU_r^\top M$, expanded (equal to $M_r = U_r\Sigma_rV_r^\top$)", left),
        Step(r"$\langle M - M_r, M_r\rangle_F$ and $\Vert M\Vert_F^2 - \Vert M_r\Vert_F^2 - \Vert M - M_r\Vert_F^2$",
             Matrix([[inner, pyth]])),
    )
    return Derivation(Tuple(left, right, inner, pyth), steps)


def _num_svd7(M: Any, r: int, dps: int) -> list[Any]:
    import mpmath

    with mpmath.workdps(dps + 20):
        A = num.as_matrix(M)
        U, S, V = mpmath.svd_r(A)
        Ur = U[:, :r]
        Vr = V[:r, :].T
        left = Ur * Ur.T * A
        right = A * Vr * Vr.T
        D = A - right
        inner = mpmath.fsum((D.T * right)[i, i] for i in range(A.cols))
        f = lambda X: mpmath.fsum(X[i, j] ** 2 for i in range(X.rows) for j in range(X.cols))  # noqa: E731
        pyth = f(A) - f(right) - f(D)
        return [+left, +right, +inner, +pyth]


# --- drawn points ---------------------------------------------------------------------------------


def _separated(M: list[list[Fraction]]) -> bool:
    """Non-zero rank >= 2 and non-zero squared singular values apart by a ratio <= 0.6 (fast ALS, no tie)."""
    import mpmath

    with mpmath.workdps(30):
        A = mpmath.matrix([[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in M])
        lams = sorted(mpmath.eigsy(A.T * A, eigvals_only=True), reverse=True)
        top = lams[0]
        if top <= 0:
            return False
        nz = [v for v in lams if v > top * mpmath.mpf(10) ** -20]
        return len(nz) >= 2 and all(b / a <= 0.6 for a, b in zip(nz, nz[1:]))


def _matrices(strategies: Any) -> Any:
    from hypothesis import strategies as st

    entry = st.builds(Fraction, st.integers(-5, 5), st.integers(1, 3))
    shape = st.sampled_from([(2, 3), (3, 2), (3, 3), (3, 4), (4, 3)])
    return shape.flatmap(lambda s: st.lists(st.lists(entry, min_size=s[1], max_size=s[1]),
                                            min_size=s[0], max_size=s[0])).filter(_separated)


# --- registration ---------------------------------------------------------------------------------

_GL3_POINT = _points(_GL3)
_MATRIX_POINTS = draw(M=_matrices)
_RANK_POINTS = draw(M=_matrices, r=s.sizes(1, 2))

register(Result(
    key="LOWR-SVD-1", title="SVD from the eigendecomposition of M^T M", status=Status.THEOREM,
    title_tex=r"SVD from the eigendecomposition of $M^\top M$",
    source=f"{SU_10407}, existence of the SVD; {GOLUB_VAN_LOAN}",
    statement=svd_construction, derive=_derive_svd1,
    numeric=lambda dps, M: num.eigen_construction(M, dps=dps),
    params=_MATRIX_POINTS, parts=(r"\sigma_{1..\rho}", r"U_\rho^\top U_\rho", r"\sum_i\sigma_iu_iv_i^\top"),
    examples=({"M": _GL3_POINT}, {"M": _points(_rational_instance(1))}),
    bound=Bound("n", 0, len(_SPECTRA) - 1), display={"n": 0},
    scope=Scope.instances("U diag(sigma) V^T with Cayley-orthogonal U, V and sigma = (5,3,2), (4,1,0), "
                          "(3,3,1), (2,2), (6,0)", count=len(_SPECTRA)),
    notes=r"The existence of the SVD is a THEOREM (spectral theorem for $M^\top M$); each step of the "
          r"construction is exact and is carried out here on five rational-spectrum instances, repeated "
          r"singular values and rank deficiency included. Numerics: $\texttt{mp.eigsy}$ construction at "
          r"rational points against $\sigma_i = \sqrt{\lambda_i}$ with CRootOf $\lambda_i$.",
))

register(Result(
    key="LOWR-SVD-2", title="Frobenius and spectral norms through the singular values",
    title_tex=r"$\Vert M\Vert_F^2 = \sum_i\sigma_i^2$ and $\Vert M\Vert_2 = \sigma_1$",
    source=f"{SU_10407}, norms",
    statement=frobenius_trace_identity, derive=_derive_svd2,
    numeric=lambda dps, M: _num_svd2(M, dps),
    params=_MATRIX_POINTS, examples=({"M": _GL3_POINT}, {"M": [[3, 1], [1, 0], [2, 5]]}),
    bound=Bound("n", 0, len(_SHAPES) - 1), display={"n": 4},
    scope=Scope.instances("the trace identity for a fully symbolic M of every shape n x m, 1 <= n, m <= 3",
                          count=len(_SHAPES)),
    notes=r"Symbolic proof: the trace identity (Vieta on $\det(\lambda I - M^\top M)$). At numeric points the "
          r"statement is the pair $(\sum_{ij}m_{ij}^2,\ \sigma_1)$ with CRootOf $\sigma_1^2$, checked against "
          r"$\sum_i\sigma_i^2$ from $\texttt{mp.svd\_r}$ and $\Vert M\Vert_2$ by power iteration on $M^\top M$. "
          r"$\Vert M\Vert_2\le\Vert M\Vert_F\le\sqrt{\operatorname{rank}M}\,\Vert M\Vert_2$ follows and is tested.",
))

register(Result(
    key="LOWR-SVD-3", title="Reduction of the rank-r problem to one factor",
    title_tex=r"Reduction to one factor: $\min_B\Vert AB-M\Vert_F^2 = \Vert M\Vert_F^2 - \operatorname{tr}(P_AMM^\top)$",
    source=f"{SU_10407}, proof of Eckart-Young via the pseudo-inverse; {KY_FAN}",
    statement=one_factor_residual, derive=_derive_svd3, numeric=_num_svd3,
    params=draw(**{f"a{i}1": s.rationals(-3, 3).filter(lambda v: v != 0) for i in (1, 2, 3)},
                **{f"m{i}{j}": s.rationals(-3, 3) for i in (1, 2, 3) for j in (1, 2)}),
    examples=({"a11": 1, "a21": 2, "a31": 2, "m11": 1, "m12": 0, "m21": 2, "m22": 1, "m31": 0, "m32": 3},
              {"a11": Fraction(1, 2), "a21": -1, "a31": 3, "m11": 2, "m12": -1, "m21": 0, "m22": 4, "m31": 1,
               "m32": Fraction(5, 3)}),
    scope=Scope.representative("symbolic A in R^{3x1}, M in R^{3x2}", claim="every A, M (any shapes)"),
    notes=r"EXACT: the reduction (normal equations, then the residual). The next step, "
          r"$\max_P\operatorname{tr}(PMM^\top) = \sum_{i\le r}\sigma_i^2$ over projectors of rank $\le r$, is Ky "
          r"Fan's THEOREM; the tests draw random $A$ and check the residual never falls below $\sum_{i>r}\sigma_i^2$. "
          r"Numerics: least squares by Householder QR ($\texttt{mp.qr\_solve}$).",
))

register(Result(
    key="LOWR-SVD-4", title="Eckart-Young-Mirsky (Frobenius norm)", status=Status.THEOREM,
    title_tex=r"Eckart-Young-Mirsky: $\min\Vert AB-M\Vert_F^2 = \sum_{i>r}\sigma_i^2$",
    source=f"{ECKART_YOUNG}; {SU_10407}, Eckart-Young-Mirsky",
    statement=eckart_young_error, derive=_derive_svd4, numeric=_num_svd4,
    params=_RANK_POINTS,
    examples=({"M": _GL3_POINT, "r": 1}, {"M": _GL3_POINT, "r": 2}, {"M": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "r": 1}),
    bound=Bound("n", 0, len(_EY_CASES) - 1), display={"n": 0},
    scope=Scope.instances("G-L3 with r = 1, 2, 3; [[1,2,3],[4,5,6],[7,8,9]] with r = 1; one 4x3 rational matrix "
                          "with r = 2 (CRootOf spectra)", count=len(_EY_CASES)),
    notes=r"THEOREM (Eckart-Young 1936, Mirsky 1960). Exact here: the error of $M_r = MP_r$ (spectral projector in "
          r"$\mathbb Q(\lambda_i)$) is $\Vert M\Vert_F^2 - \sum_{i\le r}\lambda_i$, CRootOf $\lambda_i$. Numerics: "
          r"alternating least squares (no SVD) at rational points; optimality over all $A, B$ is the theorem.",
))

register(Result(
    key="LOWR-SVD-5", title="Eckart-Young-Mirsky (spectral norm)", status=Status.THEOREM,
    title_tex=r"Spectral norm: $\min_{\operatorname{rank}X\le r}\Vert M-X\Vert_2 = \sigma_{r+1}$",
    source=f"{ECKART_YOUNG}; {SU_10407} (mentioned without proof)",
    statement=spectral_error, derive=_derive_svd5, numeric=_num_svd5,
    params=draw(M=_matrices, r=s.sizes(1, 1)),
    examples=({"M": _GL3_POINT, "r": 1}, {"M": _GL3_POINT, "r": 2}),
    bound=Bound("n", 0, len(_SPEC_CASES) - 1), display={"n": 0},
    scope=Scope.instances("the attained value on six (rational-spectrum instance, r) pairs",
                          count=len(_SPEC_CASES)),
    notes=r"THEOREM (Mirsky 1960). Exact here: $\Vert M - M_r\Vert_2 = \sigma_{r+1}$ on rational-spectrum "
          r"instances; numerics: $\Vert M - X\Vert_2$ by power iteration with $X$ from alternating least squares. "
          r"That no rank-$r$ $X$ does better is the theorem, exercised in the tests on random $X$.",
))

register(Result(
    key="LOWR-SVD-6", title="Non-unique optima at ties (examples)",
    title_tex=r"Non-unique optima: $2I_2$ and $\operatorname{diag}(3,1)$",
    source=f"{GOLUB_VAN_LOAN}; {SU_10407}",
    statement=tie_examples, derive=_derive_svd6, numeric=lambda dps, t: _num_svd6(t, dps),
    params=draw(t=s.rationals(-4, 4)), parts=(r"\Vert 2I - 2uu^\top\Vert_F^2",
                                              r"\Vert \operatorname{diag}(3,1) - \operatorname{diag}(3+\delta,0)\Vert_2"),
    examples=({"t": 0}, {"t": Fraction(1, 2)}, {"t": 3}),
    scope=Scope.representative("symbolic real t parametrising u and delta in [-1, 1]",
                               claim="every unit u and every |delta| <= 1"),
    notes=r"EXACT for the examples (every $t$). The criterion ($M_r$ unique iff $\sigma_r > \sigma_{r+1}$ or "
          r"$\sigma_{r+1} = 0$; factors never unique: $(AS, S^{-1}B)$) is a THEOREM (Golub-Van Loan), exercised "
          r"in the tests.",
))

register(Result(
    key="LOWR-SVD-7", title="Projector form of M_r and Pythagoras",
    title_tex=r"$M_r = U_rU_r^\top M = MV_rV_r^\top$ and $\Vert M\Vert_F^2 = \Vert M_r\Vert_F^2 + \Vert M-M_r\Vert_F^2$",
    source=f"standard; {SU_10407}",
    statement=projector_form, derive=_derive_svd7, numeric=_num_svd7,
    params=_RANK_POINTS,
    parts=(r"U_rU_r^\top M", r"MV_rV_r^\top", r"\langle M - M_r, M_r\rangle_F",
           r"\Vert M\Vert_F^2 - \Vert M_r\Vert_F^2 - \Vert M - M_r\Vert_F^2"),
    examples=({"M": _GL3_POINT, "r": 1}, {"M": _GL3_POINT, "r": 2}),
    bound=Bound("r", 1, 3), display={"r": 1},
    scope=Scope.representative("M = U diag(s1, s2, s3) V^T with fixed Cayley-orthogonal U (3x3), V (4x4), "
                               "symbolic s_i, r = 1, 2, 3", claim="every M and r"),
    notes=r"At numeric points $M_r$ is the exact $MP_r$ (CRootOf projector, $\texttt{best\_rank\_r}$) against "
          r"$U_rU_r^\top M$ and $MV_rV_r^\top$ from $\texttt{mp.svd\_r}$.",
))
