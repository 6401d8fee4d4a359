"""Exact discretisations (HIPPO-DISC-1..9): ``discretize``, ``legs_step`` and exact matrix functions.

Private module of :mod:`proofs.hippo`.  Strategy for exact speed: most HiPPO matrices are
:math:`A = DMD^{-1}` with :math:`D` diagonal (square roots) and :math:`M` free of radicals
(LegS: :math:`D=\\operatorname{diag}(\\sqrt{2n+1})`).  The scaling is found from the sparsity
pattern, the discretisation is computed on :math:`(M, D^{-1}B)` with ``DomainMatrix`` over the
smallest exact domain (QQ, QQ(step), ...) and mapped back.  Matrix exponentials use an exact
eigendecomposition when the eigenvalues are distinct rationals (LegS: the :math:`TV`
decomposition, computed here as nullspaces), the finite series when :math:`M-\\lambda I` is
nilpotent (LagT), and the block-exponential definition otherwise (slow, general).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from numbers import Integral
from typing import Any

import sympy
from sympy import Matrix, Rational
from sympy.polys.matrices import DomainMatrix

from .transitions import check_N, transition

__all__ = ["METHODS", "SCHEMES", "discretize", "legs_step", "matrix_function", "matrix_function_times",
           "diagonal_scaling"]

METHODS = ("forward", "backward", "bilinear", "gbt", "zoh")
SCHEMES = ("exact", "forward", "backward", "bilinear", "su-bilinear")


def _radicals(e: Any) -> Any:
    """The product of e's integer-radical factors (sqrt(3), 5**(1/3), ...): 1 if there are none, never 0."""
    return sympy.Mul(*[f for f in sympy.Mul.make_args(e)
                       if f.is_Pow and f.base.is_Integer and f.exp.is_Rational and not f.exp.is_Integer])


def _has_radical(e: Any) -> bool:
    return any(p.base.is_Integer and p.exp.is_Rational and not p.exp.is_Integer for p in e.atoms(sympy.Pow))


def diagonal_scaling(A: Matrix, B: Matrix) -> tuple[list, Matrix, Matrix] | None:
    """Diagonal d with :math:`M = D^{-1}AD`, :math:`b = D^{-1}B` free of square roots, or None."""
    found = _scaling(sympy.ImmutableMatrix(A), sympy.ImmutableMatrix(B))
    if found is None:
        return None
    d, M, b = found
    return list(d), Matrix(M), Matrix(b)  # fresh mutable copies: the cache keeps its own


@lru_cache(maxsize=256)
def _scaling(A: sympy.ImmutableMatrix, B: sympy.ImmutableMatrix) -> tuple[tuple, Any, Any] | None:
    # the same LegS pair (closed or derived) is scaled by every discretisation, step and property
    # (one radsimp per entry); the result depends on (A, B) only, so it is computed once per pair
    N = A.rows
    d: list[Any] = [None] * N
    for root in range(N):
        if d[root] is not None:
            continue
        d[root] = sympy.Integer(1)
        queue = deque([root])
        while queue:
            j = queue.popleft()
            for i in range(N):
                if d[i] is None and (A[i, j] != 0 or A[j, i] != 0):
                    # never 0: _radicals is a product of radicals (1 if none), and any nonzero d is a valid
                    # similarity (M, b are mapped back by _unscale); d only decides whether M, b are radical-free
                    d[i] = _radicals(sympy.radsimp(A[i, j] * d[j])) if A[i, j] != 0 else \
                        _radicals(sympy.radsimp(d[j] / A[j, i]))
                    queue.append(i)
    M = Matrix(N, N, lambda i, j: sympy.radsimp(A[i, j] * d[j] / d[i]) if A[i, j] != 0 else 0)
    b = Matrix(N, B.cols, lambda i, j: sympy.radsimp(B[i, j] / d[i]))
    if any(_has_radical(e) for e in list(M) + list(b)):
        return None
    return tuple(d), sympy.ImmutableMatrix(M), sympy.ImmutableMatrix(b)


def _unscale(d: list, Ab: Matrix, Bb: Matrix) -> tuple[Matrix, Matrix]:
    N = Ab.rows
    return (Matrix(N, N, lambda i, j: Ab[i, j] * d[i] / d[j] if Ab[i, j] != 0 else 0),
            Matrix(N, Bb.cols, lambda i, j: Bb[i, j] * d[i]))


def _dm(M: Matrix) -> DomainMatrix:
    return DomainMatrix.from_Matrix(M).to_field()


def _check_step(step: Any) -> Any:
    if isinstance(step, bool):
        raise ValueError(f"step must be a positive SymPy number or positive Symbol, got {step!r}")
    if isinstance(step, Fraction):
        step = Rational(step.numerator, step.denominator)
    step = sympy.sympify(step) if isinstance(step, (Integral, sympy.Basic)) else None
    if step is None or step.is_positive is not True:
        raise ValueError("step must be a positive SymPy number or a Symbol declared positive (step > 0)")
    return step


def _check_alpha(method: str, alpha: Any) -> Any:
    if method != "gbt":
        return None
    if isinstance(alpha, Fraction):
        alpha = Rational(alpha.numerator, alpha.denominator)
    if alpha is None or isinstance(alpha, (bool, float)):
        raise ValueError(f"method 'gbt' needs alpha in [0, 1] (exact), got {alpha!r}")
    alpha = sympy.sympify(alpha)
    if isinstance(alpha, sympy.Symbol) and alpha.is_nonnegative is True:
        return alpha  # a symbolic alpha (declared nonnegative) stands for every alpha in [0, 1]
    if not (alpha.is_number and alpha.is_real and 0 <= alpha <= 1):
        raise ValueError(f"method 'gbt' needs alpha in [0, 1] (or a Symbol declared nonnegative), got {alpha!r}")
    return alpha


def _gbt(M: Matrix, b: Matrix, eps: Any, a: Any) -> tuple[Matrix, Matrix]:
    N = M.rows
    Y = sympy.eye(N) + (1 - a) * eps * M
    if a == 0:
        return Y, eps * b
    X = _dm(sympy.eye(N) - a * eps * M)
    Xi = X.inv()
    K = Xi.domain
    Ab = (Xi * DomainMatrix.from_Matrix(Y).convert_to(K)).to_Matrix()
    Bb = (Xi * DomainMatrix.from_Matrix(eps * b).convert_to(K)).to_Matrix()
    return Ab.applyfunc(sympy.cancel), Bb.applyfunc(sympy.cancel)


def _eigen(M: Matrix) -> tuple[list, Matrix, Matrix] | None:
    """Distinct rational eigenvalues with exact eigenvectors (V) and V^{-1}, or None."""
    if any(not e.is_Rational for e in M):
        return None
    eig = _eigen_rational(sympy.ImmutableMatrix(M))
    return None if eig is None else (list(eig[0]), Matrix(eig[1]), Matrix(eig[2]))


@lru_cache(maxsize=256)
def _eigen_rational(M: sympy.ImmutableMatrix) -> tuple[tuple, Any, Any] | None:
    # the same scaled LegS matrix is decomposed again and again (Abar and Bbar of every method, every
    # step k, every property): the decomposition is exact and deterministic, so it is done once per M
    N = M.rows
    dm = DomainMatrix.from_Matrix(M).convert_to(sympy.QQ)
    if all(M[i, j] == 0 for i in range(N) for j in range(i + 1, N)):
        lams = [M[i, i] for i in range(N)]
    else:
        lams = []
        z = sympy.Symbol("z")
        charpoly = sympy.Poly([sympy.Rational(int(c.numerator), int(c.denominator)) for c in dm.charpoly()], z)
        for f, mult in sympy.factor_list(charpoly)[1]:
            if f.degree() != 1 or mult != 1:
                return None
            lams.append(-f.all_coeffs()[1] / f.all_coeffs()[0])
    if len(set(lams)) != N:
        return None
    cols = []
    for lam in lams:
        ns = (dm - DomainMatrix.eye(N, sympy.QQ) * sympy.QQ(int(lam.p), int(lam.q))).nullspace()
        cols.append(ns.to_Matrix().T[:, 0])
    V = Matrix.hstack(*cols)
    Vi = DomainMatrix.from_Matrix(V).convert_to(sympy.QQ).inv().to_Matrix()
    return tuple(lams), sympy.ImmutableMatrix(V), sympy.ImmutableMatrix(Vi)


def matrix_function(M: Matrix, f: Callable[[Any], Any]) -> Matrix | None:
    """:math:`f(M) = V\\operatorname{diag}(f(\\lambda_j))V^{-1}` for rational M with distinct rational eigenvalues."""
    eig = _eigen(M)
    if eig is None:
        return None
    lams, V, Vi = eig
    fv = [f(lam) for lam in lams]
    N = M.rows
    # plain nested lists: indexing a Matrix entry by entry dominated the cost of the N^3 sum; the
    # rational weights V_ij (V^-1)_jk are multiplied first (one symbolic product per term, same terms)
    Vl, Vil = V.tolist(), Vi.tolist()
    return Matrix([[_combine(fv, [Vl[i][j] * Vil[j][k] for j in range(N)]) for k in range(N)]
                   for i in range(N)])


def matrix_function_times(M: Matrix, f: Callable[[Any], Any], b: Matrix) -> Matrix | None:
    """:math:`f(M)b = V\\operatorname{diag}(f(\\lambda_j))(V^{-1}b)`, equal to ``matrix_function(M, f) * b``.

    Applying the factors right to left costs :math:`O(N^2)` symbolic products instead of the
    :math:`O(N^3)` of forming f(M) first; :math:`V^{-1}b` is exact (rational) arithmetic.
    """
    eig = _eigen(M)
    if eig is None:
        return None
    lams, V, Vi = eig
    fv = [f(lam) for lam in lams]
    N, c = M.rows, (Vi * b).tolist()
    Vl = V.tolist()
    return Matrix([[_combine(fv, [Vl[i][j] * c[j][q] for j in range(N)]) for q in range(b.cols)]
                   for i in range(N)])


def _combine(values: list, weights: list) -> Any:
    """:math:`\\sum_j w_jf_j` with rational weights, zero terms skipped: the weight is formed first, so each
    term costs one symbolic product (the same canonical terms as multiplying the factors one by one)."""
    return sympy.Add(*[w * f for w, f in zip(weights, values) if w != 0])


def _phi(lam: Any, eps: Any) -> Any:
    """:math:`\\int_0^\\varepsilon e^{\\lambda s}ds`."""
    return eps if lam == 0 else (sympy.exp(lam * eps) - 1) / lam


def _zoh(M: Matrix, b: Matrix, eps: Any) -> tuple[Matrix, Matrix]:
    N = M.rows
    eig = _eigen(M)
    if eig is not None:
        Ab = matrix_function(M, lambda lam: sympy.exp(lam * eps))
        return Ab, matrix_function_times(M, lambda lam: _phi(lam, eps), b)
    lam = M[0, 0]
    Nil = M - lam * sympy.eye(N)
    if lam.is_Rational and all(e.is_Rational for e in M) and (Nil**N).is_zero_matrix:
        powers = [sympy.eye(N)]
        for _ in range(1, N):
            powers.append(Nil * powers[-1])
        E = sympy.exp(lam * eps)
        Ab = sum((E * eps**j / sympy.factorial(j) * powers[j] for j in range(N)), sympy.zeros(N, N))
        phis = [_phi(lam, eps)]
        for j in range(1, N):
            phis.append(eps ** (j + 1) / sympy.factorial(j + 1) if lam == 0
                        else (E * eps**j / sympy.factorial(j) - phis[-1]) / lam)
        Bb = sum((phis[j] * powers[j] * b for j in range(N)), sympy.zeros(N, b.cols))
        return Ab, Bb
    big = sympy.zeros(N + b.cols, N + b.cols)
    big[:N, :N], big[:N, N:] = eps * M, eps * b
    E = big.exp()
    return E[:N, :N], E[:N, N:]


def discretize(A: Any, B: Any, step: Any, method: str, *, alpha: Any = None) -> tuple[Matrix, Matrix]:
    """Exact :math:`(\\bar A, \\bar B)` with :math:`x_{k+1} = \\bar Ax_k + \\bar Bu_k` (HIPPO-DISC-1..5).

    .. math::
        \\text{gbt}(\\alpha):\\ \\bar A = (I-\\alpha\\varepsilon A)^{-1}(I+(1-\\alpha)\\varepsilon A),\\quad
        \\bar B = \\varepsilon(I-\\alpha\\varepsilon A)^{-1}B;\\qquad
        \\text{zoh}:\\ \\bar A = e^{\\varepsilon A},\\ \\bar B = \\int_0^\\varepsilon e^{sA}ds\\,B

    ``forward``/``backward``/``bilinear`` are GBT with alpha = 0, 1, 1/2.  ZOH is the block-exponential
    definition (upper blocks of :math:`\\exp(\\varepsilon[[A, B], [0, 0]])`), so singular A (FouT) is
    allowed; it is computed through an exact eigendecomposition (distinct rational eigenvalues
    after diagonal scaling, e.g. LegS), the nilpotent series (LagT), or else ``Matrix.exp`` (slow).
    ``step`` is a positive SymPy number or positive Symbol; ``alpha`` in [0, 1] is required for gbt.
    Meant for time-invariant systems; LegS in its time-varying form uses :func:`legs_step`.
    Source: HiPPO appendix (GBT); S4 eq. (3); Su, 重温SSM（二）.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; allowed values: {', '.join(METHODS)}")
    alpha = _check_alpha(method, alpha)
    eps = _check_step(step)
    A, B = Matrix(A), Matrix(B)
    if A.rows != A.cols or B.rows != A.rows or A.rows == 0:
        raise ValueError(f"A must be square and B must have as many rows as A, got {A.shape} and {B.shape}")
    scaled = diagonal_scaling(A, B)
    if scaled is None:
        d, M, b = [sympy.Integer(1)] * A.rows, A, B
    else:
        d, M, b = scaled
    if method == "zoh":
        Ab, Bb = _zoh(M, b, eps)
    else:
        a = {"forward": 0, "backward": 1, "bilinear": Rational(1, 2)}.get(method, alpha)
        eig = None if eps.is_number or a == 0 else _eigen(M)
        if eig is not None:  # symbolic step: rational functions of eps through the eigendecomposition
            Ab = matrix_function(M, lambda lam: (1 + (1 - a) * eps * lam) / (1 - a * eps * lam))
            return _unscale(d, Ab, matrix_function_times(M, lambda lam: eps / (1 - a * eps * lam), b))
        try:
            Ab, Bb = _gbt(M, b, eps, a)
        except (sympy.polys.polyerrors.PolynomialError, ValueError, NotImplementedError):
            N = A.rows
            X = sympy.eye(N) - a * eps * M
            Ab, Bb = X.inv() * (sympy.eye(N) + (1 - a) * eps * M), eps * X.inv() * b
    return _unscale(d, Ab, Bb)


def legs_step(k: int, N: int, scheme: str = "exact") -> tuple[Matrix, Matrix]:
    """Per-step LegS matrices, :math:`x_{k+1} = \\bar A_kx_k + \\bar B_ku_k` (HIPPO-DISC-9).

    .. math::
        \\text{exact: } \\bar A_k = e^{\\ln\\frac{k+1}{k}A},\\ \\bar B_k = A^{-1}(\\bar A_k - I)B;\\quad
        \\text{forward: } I + A/k,\\ B/k;\\quad \\text{backward: } (I-A/k)^{-1},\\ (I-A/k)^{-1}B/k;

    bilinear :math:`(I-\\tfrac{A}{2k})^{-1}(I+\\tfrac{A}{2k})`, :math:`(I-\\tfrac{A}{2k})^{-1}B/k` (hippo-code);
    su-bilinear :math:`(I-\\tfrac{A}{2(k+1)})^{-1}(I+\\tfrac{A}{2k})`, :math:`(I-\\tfrac{A}{2(k+1)})^{-1}B/k`
    (Su part 2).  All step-size free; k >= 1 (the exact first step is :math:`x_1 = u_0e_0`); ``k`` may
    be a SymPy Symbol declared integer and positive, for entries as rational functions of k.
    The exact step is computed with the exact eigendecomposition of the LegS matrix (eigenvalues
    -1..-N), so its entries are rational multiples of square roots.
    Source: Su, 重温SSM（二）; HazyResearch/hippo-code model/hippo.py (HiPPO_LegS).
    """
    symbolic = isinstance(k, sympy.Symbol) and k.is_integer is True and k.is_positive is True
    if not symbolic and (isinstance(k, bool) or not isinstance(k, Integral) or int(k) < 1):
        raise ValueError(f"k must be an integer >= 1 (the LegS recurrence starts at step 1) or a Symbol "
                         f"declared integer and positive, got {k!r}")
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; allowed values: {', '.join(SCHEMES)}")
    k, N = (k if symbolic else sympy.Integer(int(k))), check_N(N)
    A, B = transition("legs", N)
    if scheme in ("forward", "backward", "bilinear"):
        return discretize(A, B, 1 / k, scheme)
    d, M, b = diagonal_scaling(A, B)  # type: ignore[misc]
    if scheme == "exact":
        q = (k + 1) / k
        Ab = matrix_function(M, lambda lam: q**lam)
        Bb = matrix_function_times(M, lambda lam: (q**lam - 1) / lam, b)
        return _unscale(d, Ab, Bb)
    eye = sympy.eye(N)
    X = DomainMatrix.from_Matrix(eye - M / (2 * (k + 1))).to_field().inv().to_Matrix()
    if symbolic:
        X = X.applyfunc(sympy.cancel)
    return _unscale(d, X * (eye + M / (2 * k)), X * b / k)
