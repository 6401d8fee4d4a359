"""The Moore-Penrose pseudo-inverse in mpmath, by three routes that share no formula.

.. math:: A^+ = V\\Sigma^+U^\\top
          = \\lim_{k\\to\\infty} X_k,\\ X_{k+1} = X_k(2I - AX_k),\\ X_0 = A^\\top/\\Vert A\\Vert_F^2
          = \\lim_{\\varepsilon\\to 0^+}(A^\\top A + \\varepsilon I)^{-1}A^\\top .

- ``"svd"``: ``mp.svd_r`` and the singular values above the relative threshold
  :math:`10^{-(\\mathrm{dps}-10)}\\sigma_1` inverted (Su, 低秩近似之路（二）);
- ``"newton_schulz"``: the iteration above (Ben-Israel and Cohen 1966), stopped at the first step where
  :math:`\\Vert X_{k+1}-X_k\\Vert` fails to decrease once the quadratic phase is reached, then projected by
  :math:`X \\leftarrow XAX`: for rank-deficient :math:`A` the rounding component
  :math:`(I-A^+A)E(I-AA^+)` doubles at every step (spec ``lowrank.md``, pitfall 14), and :math:`XAX`
  removes it exactly;
- ``"ridge"``: Neville extrapolation to :math:`\\varepsilon = 0` of the ridge solutions at
  :math:`\\varepsilon_j = \\lambda_{\\min>0}2^{-j-2}`, :math:`j < 40`, at :math:`2\\,\\mathrm{dps}+40` digits
  (Su, 低秩近似之路（一）); :math:`\\lambda_{\\min>0}` comes from ``mp.eigsy`` of the Gram matrix, never from
  an SVD.

Besides, the routes of the results of ``proofs.lowrank.moore_penrose``: loss gradients by ``mp.diff``
(LOWR-PINV-1), Householder least squares (LOWR-PINV-2), the ridge expansion (LOWR-PINV-3), the
identities of LOWR-PINV-7 and the least-squares minima of LOWR-PINV-8.  No SymPy, no closed form under test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, check_dps, round_to, to_mp

__all__ = [
    "METHODS",
    "real_matrix",
    "pseudo_inverse",
    "newton_schulz",
    "eigen_pseudo_inverse",
    "numeric_rank",
    "penrose_residuals",
    "loss_gradients",
    "full_rank_least_squares",
    "ridge_expansion",
    "pseudo_inverse_identities",
    "least_squares_minima",
    "cayley",
    "factored_matrix",
    "factored_pseudo_inverse",
    "newton_schulz_pseudo_inverse",
]

#: the routes of :func:`pseudo_inverse`
METHODS = ("svd", "newton_schulz", "ridge")

_RIDGE_NODES = 40


# --- input ------------------------------------------------------------------------------------------


def _entry(value: Any, what: str) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{what}: real matrix required; booleans are not accepted as numbers "
                         f"(got {value!r})")
    if isinstance(value, (complex, mpmath.mpc)):
        raise ValueError(f"{what}: real matrix required, got the complex entry {value!r}")
    try:
        x = to_mp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{what}: real matrix required, got the entry {value!r} "
                         f"(type {type(value).__name__})") from None
    if isinstance(x, mpmath.mpc):
        raise ValueError(f"{what}: real matrix required, got the complex entry {value!r}")
    if not mpmath.isfinite(x):
        raise ValueError(f"{what} has a NaN or infinite entry ({value!r}); entries must be finite")
    return x


def nested_rows(A: Sequence[Any], what: str = "A") -> list[list[Any]]:
    """The rows of a nested list (a flat list is a column); ``ValueError`` ("real matrix required") for an
    empty sequence or rows mixed with numbers.  Shared by the exact side (:mod:`proofs.lowrank`)."""
    if not A:
        raise ValueError(f"{what}: real matrix required, got an empty sequence")
    if all(isinstance(r, (list, tuple)) for r in A):
        return [list(r) for r in A]
    if any(isinstance(r, (list, tuple)) for r in A):
        raise ValueError(f"{what}: real matrix required; rows and numbers are mixed")
    return [[v] for v in A]


def check_rectangular(rows: Sequence[Sequence[Any]], what: str = "A") -> None:
    """``ValueError`` unless ``rows`` are non-empty and of equal length."""
    width = len(rows[0])
    if width == 0 or any(len(r) != width for r in rows):
        raise ValueError(f"{what}: real matrix required; rows must be non-empty and of equal length, got "
                         f"lengths {[len(r) for r in rows]}")


def real_matrix(A: Any, what: str = "A") -> Any:
    """``A`` as an ``mp.matrix`` at the working precision, validated.

    Accepts a non-empty rectangular nested list (rows) of real numbers (int, ``Fraction``, mpf, finite float,
    decimal string, SymPy rationals), a flat list (a column vector) or an ``mp.matrix``.  Raises
    ``ValueError`` ("real matrix required") for ragged, empty, non-numeric, boolean or complex input, and
    names ``what`` for NaN or infinite entries.
    """
    if isinstance(A, mpmath.matrix):
        rows = [[A[i, j] for j in range(A.cols)] for i in range(A.rows)]
    elif isinstance(A, (list, tuple)):
        rows = nested_rows(A, what)
    else:
        raise ValueError(f"{what}: real matrix required (a nested list of rows or an mp.matrix), "
                         f"got {type(A).__name__}")
    check_rectangular(rows, what)
    return mp.matrix([[_entry(v, what) for v in r] for r in rows])


def _method(method: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(method, str) or method not in allowed:
        raise ValueError(f"unknown method {method!r}; accepted: {', '.join(repr(m) for m in allowed)}")
    return method


def _fro2(X: Any) -> Any:
    return mpmath.fsum(X[i, j] ** 2 for i in range(X.rows) for j in range(X.cols))


def _zeros(rows: int, cols: int) -> Any:
    return mp.zeros(rows, cols)


def _eye(n: int) -> Any:
    return mp.eye(n)


def _threshold(dps: int) -> Any:
    """The relative rank threshold of the spec: :math:`10^{-(\\mathrm{dps}-10)}`."""
    return mp.mpf(10) ** (-(dps - 10))


# --- the three routes ---------------------------------------------------------------------------------


def _svd_route(A: Any, dps: int) -> Any:
    U, S, V = mp.svd_r(A, full_matrices=False)
    X = _zeros(A.cols, A.rows)
    top = max(S[i] for i in range(len(S))) if len(S) else mp.zero
    cut = _threshold(dps) * top
    for k in range(len(S)):
        if S[k] > cut:  # sigma_k above the relative threshold: inverted; below: a numerical zero
            for i in range(A.cols):
                for j in range(A.rows):
                    X[i, j] += V[k, i] * U[j, k] / S[k]
    return X


def newton_schulz(A: Any, *, dps: int = DEFAULT_DPS, max_steps: int = 1000, project: bool = True,
                  steps: int | None = None) -> tuple[Any, int]:
    """Newton-Schulz iteration for :math:`A^+`: returns ``(X, steps taken)`` at ``dps`` digits.

    .. math:: X_0 = A^\\top/\\Vert A\\Vert_F^2,\\qquad X_{k+1} = X_k(2I - AX_k)

    (Ben-Israel and Cohen 1966; the route of spec ``lowrank.md``, LOWR-PINV-5).  The iteration ends at the
    first step where :math:`\\Vert X_{k+1}-X_k\\Vert_F` fails to decrease once the increments are below
    :math:`10^{-w/2}\\Vert X\\Vert` (``w`` the working digits: the quadratic phase; the earlier, slow phase
    may increase the increments), or as soon as they fall below rounding level (an exact zero entry of
    :math:`A^+` would otherwise shrink geometrically for ever).  With ``project`` the result is replaced by
    :math:`XAX`, which removes the component :math:`(I-A^+A)E(I-AA^+)` that rounding feeds and the
    iteration doubles (pitfall 14).  Works at ``dps + 20`` digits.  ``steps`` runs exactly that many steps at
    ``dps`` digits with neither safeguard (the pitfall's demonstration).
    """
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A = real_matrix(A)
        total = _fro2(A)
        if total == 0:
            return round_to(_zeros(A.cols, A.rows), dps), 0
        X = A.T / total
        n = A.rows
        if steps is not None:
            with mp.workdps(dps):  # the demonstration runs at dps itself, as in the pitfall
                X = +X
                for _ in range(steps):
                    X = X * (2 * _eye(n) - A * X)
            return round_to(X, dps), steps
        small, floor = mp.mpf(10) ** (-(mp.dps // 2)), 256 * mp.eps
        previous, quadratic, taken = None, False, 0
        while taken < max_steps:
            nxt = X * (2 * _eye(n) - A * X)
            taken += 1
            change = mpmath.sqrt(_fro2(nxt - X))
            scale = mpmath.sqrt(_fro2(nxt))
            if change <= floor * scale:  # below rounding level: nothing left to gain (0 included)
                X = nxt
                break
            if quadratic and previous is not None and change >= previous:
                break  # the error stopped falling: keep X, the last iterate before the increase
            quadratic = quadratic or change <= small * scale
            previous, X = change, nxt
        else:
            raise ValueError(f"Newton-Schulz did not converge in {max_steps} steps")
        if project:
            X = X * A * X
        return round_to(X, dps), taken


def _gram_scale(A: Any, dps: int) -> Any:
    """:math:`\\lambda_{\\min>0}` of the smaller Gram matrix by ``mp.eigsy`` (relative threshold); None for
    A = 0."""
    G = A.T * A if A.cols <= A.rows else A * A.T
    E, _ = mp.eigsy(G)
    values = [E[i] for i in range(len(E))]
    top = max(values)
    if top <= 0:
        return None
    positive = [v for v in values if v > _threshold(dps) * top]
    return min(positive)


def _ridge_solution(A: Any, eps: Any) -> tuple[Any, Any]:
    """:math:`X(\\varepsilon)=(A^\\top A+\\varepsilon I)^{-1}A^\\top` and
    :math:`X'(\\varepsilon)=-(A^\\top A+\\varepsilon I)^{-1}X(\\varepsilon)`,
    on the smaller Gram matrix (:math:`X = A^\\top(AA^\\top+\\varepsilon I)^{-1}`,
    :math:`X' = -X(AA^\\top+\\varepsilon I)^{-1}` when :math:`A` is wide)."""
    if A.cols <= A.rows:
        R = mp.inverse(A.T * A + eps * _eye(A.cols))
        X = R * A.T
        return X, -R * X
    R = mp.inverse(A * A.T + eps * _eye(A.rows))
    X = A.T * R
    return X, -X * R


def _neville_at_zero(nodes: list[Any], values: list[Any]) -> Any:
    """The value at 0 of the polynomial interpolating ``(nodes[j], values[j])`` (matrices), in Lagrange form:
    :math:`\\sum_j w_jX_j`, :math:`w_j=\\prod_{k\\ne j}x_k/(x_k-x_j)`, the value of Neville's tableau at
    0.  For the geometric nodes used here the weights stay below 4 in size, so no digits cancel."""
    weights = []
    for j, xj in enumerate(nodes):
        w = mp.one
        for k, xk in enumerate(nodes):
            if k != j:
                w *= xk / (xk - xj)
        weights.append(w)
    out = _zeros(values[0].rows, values[0].cols)
    for i in range(out.rows):
        for j in range(out.cols):
            out[i, j] = mpmath.fsum(w * v[i, j] for w, v in zip(weights, values))
    return out


def _ridge_terms(A: Any, dps: int) -> tuple[Any, Any]:
    """(A^+, the first-order coefficient of the ridge solution) by extrapolation, at the caller's
    precision."""
    lam = _gram_scale(A, dps)
    if lam is None:
        return _zeros(A.cols, A.rows), _zeros(A.cols, A.rows)
    nodes = [lam * mp.mpf(2) ** (-j - 2) for j in range(_RIDGE_NODES)]
    pairs = [_ridge_solution(A, eps) for eps in nodes]
    return _neville_at_zero(nodes, [p[0] for p in pairs]), _neville_at_zero(nodes, [p[1] for p in pairs])


def pseudo_inverse(A: Any, *, dps: int = DEFAULT_DPS, method: str = "svd") -> Any:
    """The Moore-Penrose pseudo-inverse :math:`A^+` of a real matrix, as an ``mp.matrix`` at ``dps`` digits.

    .. math:: A^+ = V\\Sigma^+U^\\top = \\lim_{k}X_k
              = \\lim_{\\varepsilon\\to0^+}(A^\\top A+\\varepsilon I)^{-1}A^\\top

    ``method``: ``"svd"`` (``mp.svd_r``; singular values below :math:`10^{-(\\mathrm{dps}-10)}\\sigma_1` are
    zeros), ``"newton_schulz"`` (:func:`newton_schulz`, never an SVD) or ``"ridge"`` (Neville
    extrapolation of the ridge solutions to :math:`\\varepsilon=0` at ``2*dps + 40`` digits, never an SVD).
    The zero matrix gives the zero matrix of the transposed shape.  Sources: Su, 低秩近似之路（一）
    (ridge limit) and （二） (SVD form); Penrose 1955.

    >>> X = pseudo_inverse([[1, 2], [2, 4], [3, 6]], dps=20, method="newton_schulz")
    >>> mpmath.nstr(X[0, 2] * 70, 15)
    '3.0'
    """
    dps = check_dps(dps)
    method = _method(method, METHODS)
    if method == "ridge":
        with mp.workdps(2 * dps + 40):
            X = _ridge_terms(real_matrix(A), dps)[0]
        return round_to(X, dps)
    if method == "newton_schulz":
        return newton_schulz(A, dps=dps)[0]
    with mp.workdps(dps + 20):
        X = _svd_route(real_matrix(A), dps)
    return round_to(X, dps)


def eigen_pseudo_inverse(A: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Su's recipe :math:`A^+ = W\\Lambda^+W^\\top A^\\top` from ``mp.eigsy`` of :math:`A^\\top A`
    (LOWR-PINV-4).

    Eigenvalues below :math:`10^{-(\\mathrm{dps}-10)}\\lambda_{\\max}` are zeros (the Gram matrix is formed in
    floating point, so its zero eigenvalues sit near :math:`10^{-\\mathrm{dps}}\\lambda_{\\max}`, not at the
    square of the singular-value threshold).  Source: Su, 低秩近似之路（一）.
    """
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A = real_matrix(A)
        E, W = mp.eigsy(A.T * A)
        top = max(E[i] for i in range(len(E)))
        inv = _zeros(A.cols, A.cols)
        for i in range(A.cols):
            if top > 0 and E[i] > _threshold(dps) * top:
                inv[i, i] = 1 / E[i]
        X = W * inv * W.T * A.T
    return round_to(X, dps)


def numeric_rank(A: Any, *, dps: int = DEFAULT_DPS) -> int:
    """The number of singular values above :math:`10^{-(\\mathrm{dps}-10)}\\sigma_1` (``mp.svd_r``)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A = real_matrix(A)
        S = mp.svd_r(A, compute_uv=False)
        values = [S[i] for i in range(len(S))]
        top = max(values)
        return 0 if top == 0 else sum(1 for s in values if s > _threshold(dps) * top)


def penrose_residuals(A: Any, X: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """Frobenius norms of :math:`AXA-A`, :math:`XAX-X`, :math:`(AX)^\\top-AX`, :math:`(XA)^\\top-XA`
    (Penrose 1955)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A, X = real_matrix(A), real_matrix(X, "X")
        if (X.rows, X.cols) != (A.cols, A.rows):
            raise ValueError(f"X must have the shape of A transposed: A is {A.rows}x{A.cols}, "
                             f"X is {X.rows}x{X.cols}")
        AX, XA = A * X, X * A
        out = [mpmath.sqrt(_fro2(R)) for R in (AX * A - A, XA * X - X, AX.T - AX, XA.T - XA)]
    return round_to(out, dps)


# --- routes of the registered results ------------------------------------------------------------------


def _loss(A: Any, B: Any, M: Any) -> Any:
    return _fro2(A * B - M)


def _partials(f: Callable[[Any], Any], X: Any) -> Any:
    """Entrywise partial derivatives of the scalar ``f`` at the matrix ``X``, each by ``mp.diff``."""
    G = _zeros(X.rows, X.cols)
    for i in range(X.rows):
        for j in range(X.cols):
            def along(t: Any, i: int = i, j: int = j) -> Any:
                Y = X.copy()
                Y[i, j] = t
                return f(Y)

            G[i, j] = mp.diff(along, X[i, j])
    return G


def loss_gradients(A: Any, B: Any, M: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[\\partial\\mathcal L/\\partial B, \\partial\\mathcal L/\\partial A]` for
    :math:`\\mathcal L=\\Vert AB-M\\Vert_F^2`, each entry the derivative of :math:`\\mathcal L` along that
    coordinate by ``mp.diff`` (LOWR-PINV-1)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A, B, M = real_matrix(A), real_matrix(B, "B"), real_matrix(M, "M")
        _shapes_abm(A, B, M)
        out = [_partials(lambda Y: _loss(A, Y, M), B), _partials(lambda Y: _loss(Y, B, M), A)]
    return round_to(out, dps)


def _shapes_abm(A: Any, B: Any, M: Any) -> None:
    if A.cols != B.rows or (A.rows, B.cols) != (M.rows, M.cols):
        raise ValueError(f"shapes must be A n x r, B r x m, M n x m; got A {A.rows}x{A.cols}, "
                         f"B {B.rows}x{B.cols}, M {M.rows}x{M.cols}")


def _householder_lstsq(A: Any, B: Any) -> Any:
    """:math:`\\operatorname{argmin}_X\\Vert AX-B\\Vert_F` for :math:`A` of full column rank, by Householder
    QR (Golub and Van Loan, 5.3).  Written out because ``mp.qr_solve`` (mpmath 1.3.0) divides by zero when a
    pivot is exactly 0: it reflects with ``sign(0) = 0``, e.g. for the column :math:`(0, -6, -10/3)^\\top`."""
    R, C = A.copy(), B.copy()
    m, n = R.rows, R.cols
    for j in range(n):
        norm = mpmath.sqrt(mpmath.fsum(R[i, j] ** 2 for i in range(j, m)))
        if norm == 0:
            raise ValueError("A must have full column rank")
        alpha = -norm if R[j, j] >= 0 else norm  # the sign that avoids cancellation, also at 0
        v = [R[i, j] for i in range(j, m)]
        v[0] -= alpha
        beta = mpmath.fsum(t * t for t in v)
        for M in (R, C):
            for k in range(j if M is R else 0, M.cols):
                f = 2 * mpmath.fsum(v[i - j] * M[i, k] for i in range(j, m)) / beta
                for i in range(j, m):
                    M[i, k] -= f * v[i - j]
    X = _zeros(n, C.cols)
    for k in range(C.cols):
        for i in reversed(range(n)):
            X[i, k] = (C[i, k] - mpmath.fsum(R[i, t] * X[t, k] for t in range(i + 1, n))) / R[i, i]
    return X


def full_rank_least_squares(A: Any, M: Any, B: Any, N: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[\\operatorname{argmin}_X\\Vert AX-M\\Vert_F, \\operatorname{argmin}_Y\\Vert YB-N\\Vert_F]`
    by Householder least squares on :math:`A` and on :math:`B^\\top` (no normal equations, no inverse of a
    Gram matrix).  Needs :math:`A` of full column rank and :math:`B` of full row rank (LOWR-PINV-2)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A, M, B, N = real_matrix(A), real_matrix(M, "M"), real_matrix(B, "B"), real_matrix(N, "N")
        if A.rows != M.rows or B.cols != N.cols:
            raise ValueError(f"M must have the rows of A and N the columns of B; got A {A.rows}x{A.cols}, "
                             f"M {M.rows}x{M.cols}, B {B.rows}x{B.cols}, N {N.rows}x{N.cols}")
        if numeric_rank(A, dps=dps) < A.cols or numeric_rank(B, dps=dps) < B.rows:
            raise ValueError("A must have full column rank and B full row rank")
        out = [_householder_lstsq(A, M), _householder_lstsq(B.T, N.T).T]
    return round_to(out, dps)


def ridge_expansion(A: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`[X(0), X'(0)]` for :math:`X(\\varepsilon)=(A^\\top A+\\varepsilon I)^{-1}A^\\top`, both by
    Neville extrapolation from :math:`\\varepsilon_j=\\lambda_{\\min>0}2^{-j-2}`, :math:`j<40`, at
    ``2*dps + 40`` digits; :math:`X'(\\varepsilon)=-(A^\\top A+\\varepsilon I)^{-1}X(\\varepsilon)` is
    exact at each node (LOWR-PINV-3)."""
    dps = check_dps(dps)
    with mp.workdps(2 * dps + 40):
        out = list(_ridge_terms(real_matrix(A), dps))
    return round_to(out, dps)


def pseudo_inverse_identities(A: Any, c: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The left-hand sides of LOWR-PINV-7, each computed numerically, alternating the SVD and Newton-Schulz
    routes: :math:`(A^+)^+`, :math:`(A^\\top)^+`, :math:`(cA)^+`, :math:`(A^\\top A)^+A^\\top`,
    :math:`A^\\top(AA^\\top)^+`, :math:`(A^\\top A)^+`, :math:`(AA^\\top)^+`, :math:`\\operatorname{rank}A^+`,
    :math:`AA^+`, :math:`A^+A`."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A = real_matrix(A)
        cv = _entry(c, "c")
        if cv == 0:
            raise ValueError("c must be nonzero")
        wp = mp.dps

        def svd(X: Any) -> Any:
            return pseudo_inverse(X, dps=wp, method="svd")

        def ns(X: Any) -> Any:
            return pseudo_inverse(X, dps=wp, method="newton_schulz")

        P_svd, P_ns = svd(A), ns(A)
        out = [ns(P_svd), svd(A.T), ns(cv * A), svd(A.T * A) * A.T, A.T * ns(A * A.T), ns(A.T * A),
               svd(A * A.T), mp.mpf(numeric_rank(P_ns, dps=dps)), A * P_ns, P_svd * A]
    return round_to(out, dps)


def least_squares_minima(A: Any, M: Any, N: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-PINV-8 by Newton-Schulz: with :math:`X\\approx A^+`, the minimiser :math:`XM`, the objective
    :math:`\\Vert AXM-M\\Vert_F^2` evaluated there, its norm :math:`\\Vert XM\\Vert_F^2`, the left minimiser
    :math:`NX` and :math:`\\Vert NXA-N\\Vert_F^2` (the objectives evaluated, not the projector formulas)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A, M, N = real_matrix(A), real_matrix(M, "M"), real_matrix(N, "N")
        if M.rows != A.rows or N.cols != A.cols:
            raise ValueError(f"M must have the rows of A and N its columns; got A {A.rows}x{A.cols}, "
                             f"M {M.rows}x{M.cols}, N {N.rows}x{N.cols}")
        X = pseudo_inverse(A, dps=mp.dps, method="newton_schulz")
        right, left = X * M, N * X
        out = [right, _fro2(A * right - M), _fro2(right), left, _fro2(left * A - N)]
    return round_to(out, dps)


def cayley(K: Any) -> Any:
    """:math:`Q=(I-K)(I+K)^{-1}`, orthogonal for skew-symmetric :math:`K` (``mp.matrix``, working
    precision)."""
    K = real_matrix(K, "K")
    if K.rows != K.cols or any(K[i, j] != -K[j, i] for i in range(K.rows) for j in range(K.cols)):
        raise ValueError(f"K must be a square skew-symmetric matrix, got a {K.rows}x{K.cols} matrix "
                         "that is not")
    eye = _eye(K.rows)
    return (eye - K) * mp.inverse(eye + K)


def factored_matrix(K: Any, L: Any, s: Any) -> Any:
    """:math:`A=U\\Sigma V^\\top` with :math:`U`, :math:`V` the Cayley transforms of ``K`` (n x n) and
    ``L`` (m x m) and :math:`\\Sigma` the n x m diagonal with entries ``s`` (working precision)."""
    U, V = cayley(K), cayley(L)
    values = real_matrix(list(s), "s")
    n, m = U.rows, V.rows
    if values.rows != min(n, m):
        raise ValueError(f"s must have min(n, m) = {min(n, m)} entries for U {n}x{n} and V {m}x{m}, "
                         f"got {values.rows}")
    S = _zeros(n, m)
    for i in range(values.rows):
        S[i, i] = values[i]
    return U * S * V.T


def factored_pseudo_inverse(K: Any, L: Any, s: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`A^+` of :math:`A=U\\Sigma V^\\top` (:func:`factored_matrix`) by Newton-Schulz on the assembled
    :math:`A`: neither the factors' formula :math:`V\\Sigma^+U^\\top` nor an eigendecomposition is used
    (LOWR-PINV-4, LOWR-PINV-5)."""
    dps = check_dps(dps)
    with mp.workdps(dps + 20):
        A = factored_matrix(K, L, s)
        return pseudo_inverse(A, dps=dps, method="newton_schulz")


def newton_schulz_pseudo_inverse(A: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`A^+` by Newton-Schulz (:func:`newton_schulz`), the numeric side of LOWR-PINV-6."""
    return pseudo_inverse(A, dps=dps, method="newton_schulz")
