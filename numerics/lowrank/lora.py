"""LoRA alignment in mpmath: LoRA-GA initialisation and LoRA-Pro updates, by routes avoiding the closed forms.

- :func:`loraga_init`: the LoRA-GA factors read off an SVD (``mp.svd_r``) of the gradient, and the alignment
  objective :math:`\\Vert A_0A_0^\\top G+GB_0^\\top B_0-G\\Vert_F^2` evaluated from those factors (never as a
  sum of singular values).
- :func:`lorapro_member`: the LoRA-Pro update with a given free matrix :math:`C`, as a vectorised
  least-squares problem: the :math:`nm` equations :math:`\\operatorname{vec}(H_AB+AH_B)=\\operatorname{vec}G`
  (Kronecker structure, ``(B^T (x) I_n) vec H_A + (I_m (x) A) vec H_B``) stacked with the :math:`r^2`
  coordinate equations :math:`H_BB^\\top=-CBB^\\top` and solved by Householder QR (:func:`lstsq`).  The
  projectors :math:`P_A`, :math:`Q_B` and the inverses of the Gram matrices are never formed.
- :func:`lorapro_update`, :func:`lorapro_product_lstsq`: the API of the spec built on it; the choices of
  :math:`C` ("symmetric", "sylvester") minimise their criterion over the solution set, parametrised by the
  same least squares (:func:`lorapro_choices`).

Everything runs at ``mp.workdps(dps + 20)`` and is returned at ``dps``.  Never imports SymPy or ``proofs``.
Sources: Su, kexue.fm/archives/10226 and 10266; LoRA-GA (arXiv 2407.05000); LoRA-Pro (arXiv 2407.18242).
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "real_matrix",
    "lstsq",
    "frobenius_squared",
    "loraga_init",
    "lorapro_member",
    "lorapro_choices",
    "lorapro_update",
    "lorapro_product_lstsq",
]

GUARD = 20
SPLITS = ("su", "ArB2r")
CHOICES = ("zero", "symmetric", "sylvester")


# --- validation ---------------------------------------------------------------------------------------------


def _entry(v: Any, name: str) -> Any:
    if isinstance(v, bool):
        raise ValueError(f"{name}: real matrix required (a boolean is not a number), got {v!r}")
    if isinstance(v, (complex, mpmath.mpc)):
        raise ValueError(f"{name}: real matrix required, got the complex entry {v!r}")
    try:
        x = to_mp(v)
    except (ValueError, TypeError, ZeroDivisionError):
        raise ValueError(f"{name}: real matrix required, got the entry {v!r}") from None
    if isinstance(x, mpmath.mpc):
        raise ValueError(f"{name}: real matrix required, got the complex entry {v!r}")
    if not mp.isfinite(x):
        raise ValueError(f"{name} has the entry {v!r}: entries must be finite (no NaN or infinity)")
    return x


def real_matrix(X: Any, name: str) -> Any:
    """``X`` (an ``mp.matrix`` or a nested list of real numbers) as an ``mp.matrix`` at the working precision.

    Raises ValueError ("real matrix required") for anything that is not a non-empty rectangular real matrix,
    and names ``name`` for NaN or infinite entries.
    """
    if isinstance(X, mpmath.matrix):
        rows = [[X[i, j] for j in range(X.cols)] for i in range(X.rows)]
    elif isinstance(X, (list, tuple)) and X and all(isinstance(row, (list, tuple)) for row in X):
        rows = [list(row) for row in X]
    else:
        raise ValueError(f"{name}: real matrix required (a non-empty list of rows), got {X!r}")
    width = len(rows[0])
    if width == 0 or any(len(row) != width for row in rows):
        raise ValueError(f"{name}: real matrix required (rows non-empty and of one length), got {X!r}")
    return mp.matrix([[_entry(v, name) for v in row] for row in rows])


def _shape(X: Any) -> str:
    return f"{X.rows}x{X.cols}"


def _factors(A: Any, B: Any, G: Any) -> tuple[Any, Any, Any]:
    """Su's order: A is n x r, B is r x m, G is n x m."""
    A, B, G = real_matrix(A, "A"), real_matrix(B, "B"), real_matrix(G, "G")
    if A.cols != B.rows or A.rows != G.rows or B.cols != G.cols:
        raise ValueError(f"shapes must be A: n x r, B: r x m, G: n x m; got A {_shape(A)}, B {_shape(B)}, "
                         f"G {_shape(G)}")
    return A, B, G


def _full_rank(X: Any, name: str, kind: str, dps: int) -> None:
    """Raise unless ``X`` has full column (``kind='column'``) or row rank, by a relative threshold on its
    singular values (the spec's 10^-(dps-10) times the largest)."""
    short, long_ = (X.cols, X.rows) if kind == "column" else (X.rows, X.cols)
    sv = mp.svd_r(X, compute_uv=False) if short <= long_ else None
    if sv is not None:
        big, small = max(sv), min(sv)
        if big > 0 and small > mp.mpf(10) ** (-(dps - 10)) * big:
            return
    what = "A must have full column rank" if name == "A" else "B must have full row rank"
    raise ValueError(f"LoRA-Pro: {what} (its Gram matrix is inverted), got {name} of shape {_shape(X)} "
                     f"that has not; a zero-initialised factor is not allowed")


def _lora_rank(r: Any, n: int, m: int) -> int:
    if isinstance(r, bool) or not isinstance(r, Integral) or not 1 <= 2 * int(r) <= min(n, m):
        raise ValueError(f"r must be an integer with 1 <= 2r <= min(n, m) = {min(n, m)} (LoRA-GA uses 2r "
                         f"singular "
                         f"pairs), got {r!r}")
    return int(r)


# --- small linear algebra ---------------------------------------------------------------------------------


def frobenius_squared(X: Any) -> Any:
    """:math:`\\Vert X\\Vert_F^2` as a plain sum of squares."""
    return mp.fsum(X[i, j] ** 2 for i in range(X.rows) for j in range(X.cols))


def _columns(X: Any, lo: int, hi: int) -> Any:
    return mp.matrix([[X[i, j] for j in range(lo, hi)] for i in range(X.rows)])


def _rows(X: Any, lo: int, hi: int) -> Any:
    return mp.matrix([[X[i, j] for j in range(X.cols)] for i in range(lo, hi)])


def lstsq(M: Any, b: Any) -> list[Any]:
    """:math:`\\operatorname{argmin}_x\\Vert Mx-b\\Vert_2` for ``M`` of full column rank, by Householder QR.

    Written out because ``mp.qr_solve`` divides by zero when a pivot of the reduction is exactly zero (its
    reflection takes the sign of that entry); here a zero entry reflects with sign +1.
    """
    rows, cols = M.rows, M.cols
    R = [[M[i, j] for j in range(cols)] + [b[i]] for i in range(rows)]
    for j in range(cols):
        norm = mp.sqrt(mp.fsum(R[i][j] ** 2 for i in range(j, rows)))
        if norm == 0:
            raise ValueError("least squares: the matrix does not have full column rank")
        alpha = -norm if R[j][j] >= 0 else norm
        v = [mp.zero] * j + [R[j][j] - alpha] + [R[i][j] for i in range(j + 1, rows)]
        vv = mp.fsum(x * x for x in v[j:])
        for k in range(j, cols + 1):
            coef = 2 * mp.fsum(v[i] * R[i][k] for i in range(j, rows)) / vv
            for i in range(j, rows):
                R[i][k] -= coef * v[i]
    x = [mp.zero] * cols
    for i in range(cols - 1, -1, -1):
        x[i] = (R[i][cols] - mp.fsum(R[i][k] * x[k] for k in range(i + 1, cols))) / R[i][i]
    return x


def _unvec(v: Sequence[Any], rows: int, cols: int) -> Any:
    return mp.matrix([[v[j * rows + i] for j in range(cols)] for i in range(rows)])


# --- LoRA-GA ------------------------------------------------------------------------------------------------


def _svd_sorted(G: Any) -> tuple[Any, list[Any], Any]:
    """``G = U diag(S) Vt`` (thin) with the singular values non-increasing."""
    U, S, Vt = mp.svd_r(G)
    order = sorted(range(len(S)), key=lambda i: -S[i])
    U = mp.matrix([[U[i, k] for k in order] for i in range(U.rows)])
    Vt = mp.matrix([[Vt[k, j] for j in range(Vt.cols)] for k in order])
    return U, [S[k] for k in order], Vt


@with_dps(guard=GUARD)
def loraga_init(G: Any, r: int, *, split: str = "su", dps: int = DEFAULT_DPS) -> tuple[Any, Any, Any]:
    """LoRA-GA initialisation from the SVD :math:`G=U\\Sigma V^\\top` (``mp.svd_r``) and its objective.

    ``split="su"`` (Su's order :math:`W=W_0+AB`): :math:`A_0=U_{[:,:r]}`, :math:`B_0=(V_{[:,r:2r]})^\\top`,
    objective :math:`\\Vert A_0A_0^\\top G+GB_0^\\top B_0-G\\Vert_F^2`.  ``split="ArB2r"`` (reference code,
    PEFT order :math:`W=W_0+sB'A'`): returns :math:`(A',B')=((V_{[:,:r]})^\\top,U_{[:,r:2r]})` and
    :math:`\\Vert B'B'^\\top G+GA'^\\top A'-G\\Vert_F^2`.  Both objectives equal
    :math:`\\sum_{i>2r}\\sigma_i^2` (LOWR-LORA-2); here it is evaluated from the factors.  Requires
    :math:`1\\le 2r\\le\\min(n,m)`. Sources: Su, kexue.fm/archives/10226; LoRA-GA (arXiv 2407.05000);
    reference ``direction="ArB2r"``.
    """
    G = real_matrix(G, "G")
    r = _lora_rank(r, G.rows, G.cols)
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    U, _, Vt = _svd_sorted(G)
    if split == "su":
        A0, B0 = _columns(U, 0, r), _rows(Vt, r, 2 * r)
        bracket = A0 * A0.T * G + G * B0.T * B0
    else:
        A0, B0 = _rows(Vt, 0, r), _columns(U, r, 2 * r)
        bracket = B0 * B0.T * G + G * A0.T * A0
    return A0, B0, frobenius_squared(bracket - G)


# --- LoRA-Pro -----------------------------------------------------------------------------------------------


def _system(A: Any, B: Any, G: Any) -> tuple[list[list[Any]], list[Any]]:
    """Rows of :math:`\\operatorname{vec}(H_AB+AH_B)=\\operatorname{vec}G` in the unknowns
    :math:`(\\operatorname{vec}H_A,\\operatorname{vec}H_B)`: the entry (i, j) of :math:`H_AB` is
    :math:`\\sum_k (H_A)_{ik}B_{kj}`, of :math:`AH_B` it is :math:`\\sum_k A_{ik}(H_B)_{kj}`."""
    n, r, m = A.rows, A.cols, B.cols
    rows, rhs = [], []
    for j in range(m):
        for i in range(n):
            row = [mp.zero] * (n * r + r * m)
            for k in range(r):
                row[k * n + i] = B[k, j]  # (H_A)_{ik}, column-major index
                row[n * r + j * r + k] = A[i, k]  # (H_B)_{kj}
            rows.append(row)
            rhs.append(G[i, j])
    return rows, rhs


def _coordinate_rows(B: Any, C: Any, n: int) -> tuple[list[list[Any]], list[Any]]:
    """Rows of :math:`H_BB^\\top=-CBB^\\top` (entry (k, l): :math:`\\sum_j (H_B)_{kj}B_{lj}`)."""
    r, m = B.rows, B.cols
    CBBt = C * B * B.T
    rows, rhs = [], []
    for q in range(r):
        for k in range(r):
            row = [mp.zero] * (n * r + r * m)
            for j in range(m):
                row[n * r + j * r + k] = B[q, j]
            rows.append(row)
            rhs.append(-CBBt[k, q])
    return rows, rhs


def _member(A: Any, B: Any, G: Any, C: Any) -> tuple[Any, Any]:
    n, r, m = A.rows, A.cols, B.cols
    rows, rhs = _system(A, B, G)
    extra, extra_rhs = _coordinate_rows(B, C, n)
    values = lstsq(mp.matrix(rows + extra), rhs + extra_rhs)
    return _unvec(values[: n * r], n, r), _unvec(values[n * r:], r, m)


def _checked(A: Any, B: Any, G: Any, dps: int) -> tuple[Any, Any, Any]:
    A, B, G = _factors(A, B, G)
    _full_rank(A, "A", "column", dps)
    _full_rank(B, "B", "row", dps)
    return A, B, G


@with_dps(guard=GUARD)
def lorapro_member(A: Any, B: Any, G: Any, C: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any, Any, Any]:
    """The LoRA-Pro minimiser of :math:`\\Vert H_AB+AH_B-G\\Vert_F^2` with coordinate :math:`C`, by lstsq.

    Returns :math:`(H_A, H_B, H_AB+AH_B, \\min)`.  The solution set of the least-squares problem is an affine
    space of dimension :math:`r^2`; the coordinate equations :math:`H_BB^\\top=-CBB^\\top` pick one member,
    and the stacked system (rank :math:`nr+rm`) is solved by Householder QR (:func:`lstsq`).  Its residual in
    the first block is the least-squares minimum, since a member attains it while satisfying the coordinate
    rows exactly.  Sources: Su, kexue.fm/archives/10266; LoRA-Pro (arXiv 2407.18242).
    """
    A, B, G = _checked(A, B, G, dps)
    C = real_matrix(C, "C")
    if C.rows != A.cols or C.cols != A.cols:
        raise ValueError(f"C must be r x r with r = {A.cols}, got {_shape(C)}")
    HA, HB = _member(A, B, G, C)
    product = HA * B + A * HB
    return HA, HB, product, frobenius_squared(product - G)


def _least_squares(columns: list[list[Any]], target: list[Any]) -> list[Any]:
    """argmin_c ||sum_k c_k columns[k] - target||, by Householder QR."""
    return lstsq(mp.matrix([[col[i] for col in columns] for i in range(len(target))]), target)


def _flat(*blocks: Any) -> list[Any]:
    return [X[i, j] for X in blocks for i in range(X.rows) for j in range(X.cols)]


def _choices(A: Any, B: Any, G: Any) -> tuple[Any, Any, Any]:
    """C minimising, over the solution set, (1) ||H_A B - A H_B||^2, (2) ||H_A B - G||^2 + ||A H_B - G||^2,
    (3) ||H_A - G_A||^2 + ||H_B - G_B||^2; the set is parametrised by least squares (:func:`_member`)."""
    r = A.cols
    GA, GB = G * B.T, A.T * G
    zero = mp.zeros(r, r)
    base = _member(A, B, G, zero)
    units = []
    for k in range(r):
        for q in range(r):
            E = zero.copy()
            E[k, q] = 1
            HA, HB = _member(A, B, G, E)
            units.append((HA - base[0], HB - base[1]))  # the member is affine in C

    def minimiser(residual: Any, linear: Any) -> Any:
        # residual(HA, HB) is affine in (HA, HB); linear(dA, dB) is its linear part
        columns = [[-v for v in _flat(*linear(dA, dB))] for dA, dB in units]
        c = _least_squares(columns, _flat(*residual(*base)))
        return mp.matrix([[c[k * r + q] for q in range(r)] for k in range(r)])

    C1 = minimiser(lambda HA, HB: (HA * B - A * HB,), lambda dA, dB: (dA * B - A * dB,))
    C2 = minimiser(lambda HA, HB: (HA * B - G, A * HB - G), lambda dA, dB: (dA * B, A * dB))
    C3 = minimiser(lambda HA, HB: (HA - GA, HB - GB), lambda dA, dB: (dA, dB))
    return C1, C2, C3


@with_dps(guard=GUARD)
def lorapro_choices(A: Any, B: Any, G: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any, Any, Any, Any]:
    """The choices of :math:`C` by direct minimisation over the LoRA-Pro solution set.

    Returns :math:`(C_1, C_2, H_A(C_1), H_B(C_1), C_3)`: :math:`C_1` minimises :math:`\\Vert
    H_AB-AH_B\\Vert_F^2`, :math:`C_2` minimises :math:`\\Vert H_AB-G\\Vert_F^2+\\Vert AH_B-G\\Vert_F^2`,
    :math:`C_3` minimises :math:`\\Vert H_A-G_A\\Vert_F^2+\\Vert H_B-G_B\\Vert_F^2` (LoRA-Pro's criterion).
    Each member is computed by the vectorised least squares of :func:`lorapro_member` at :math:`C=0` and at
    the unit matrices, the member being affine in :math:`C`; each criterion is then a linear least-squares
    problem in the :math:`r^2` entries. No closed form of the choices is used.  Sources: Su,
    kexue.fm/archives/10266; LoRA-Pro (arXiv 2407.18242).
    """
    A, B, G = _checked(A, B, G, dps)
    C1, C2, C3 = _choices(A, B, G)
    HA, HB = _member(A, B, G, C1)
    return C1, C2, HA, HB, C3


@with_dps(guard=GUARD)
def lorapro_update(A: Any, B: Any, G: Any, *, choice: Any = "symmetric",
                   dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """LoRA-Pro's replacement gradients :math:`(H_A, H_B)` (Su's order, :math:`A` is n x r, :math:`B` is r x
    m).

    They minimise :math:`\\Vert H_AB+AH_B-G\\Vert_F^2`; the free :math:`r\\times r` matrix :math:`C` of the
    solution set (coordinate :math:`C=-H_BB^\\top(BB^\\top)^{-1}`) is chosen by ``choice``: ``"zero"``,
    ``"symmetric"`` (minimises :math:`\\Vert H_AB-AH_B\\Vert_F^2`), ``"sylvester"`` (minimises :math:`\\Vert
    H_A-G_A\\Vert_F^2+\\Vert H_B-G_B\\Vert_F^2`, LoRA-Pro's choice), or an explicit ``r x r`` matrix. Computed
    by vectorised least squares (:func:`lorapro_member`, :func:`lorapro_choices`), never from the closed
    forms.  ``A`` must have full column rank and ``B`` full row rank (pitfall 11). Sources: Su,
    kexue.fm/archives/10266; LoRA-Pro (arXiv 2407.18242).
    """
    A, B, G = _checked(A, B, G, dps)
    r = A.cols
    if isinstance(choice, str):
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)} or an r x r matrix, got {choice!r}")
        if choice == "zero":
            C = mp.zeros(r, r)
        else:
            C1, _, C3 = _choices(A, B, G)
            C = C1 if choice == "symmetric" else C3
    else:
        try:
            C = real_matrix(choice, "choice")
        except ValueError as exc:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)} or an r x r real matrix: "
                             f"{exc}") from None
        if C.rows != r or C.cols != r:
            raise ValueError(f"choice must be an r x r matrix with r = {r}, got {_shape(C)}")
    return _member(A, B, G, C)


@with_dps(guard=GUARD)
def lorapro_product_lstsq(A: Any, B: Any, G: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """:math:`(H_AB+AH_B,\\ \\min\\Vert H_AB+AH_B-G\\Vert_F^2)` by vectorised least squares.

    The product is the same for every minimiser (LOWR-LORA-4); it is computed from the member with :math:`C=0`
    of the stacked Kronecker system (:func:`lorapro_member`), without forming :math:`P_A` or :math:`Q_B`.
    Sources: Su, kexue.fm/archives/10266; LoRA-Pro (arXiv 2407.18242).
    """
    A, B, G = _checked(A, B, G, dps)
    HA, HB = _member(A, B, G, mp.zeros(A.cols, A.cols))
    product = HA * B + A * HB
    return product, frobenius_squared(product - G)
