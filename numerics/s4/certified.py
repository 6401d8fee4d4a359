"""Arb and exact FLINT routes of the S4 pillar, for the certified tier (python-flint only).

Each route computes its result's quantity from the definitions, never from the closed form it certifies:

- **HiPPO matrices in balls.**  The LegS, LegT, LagT and FouT matrices are built entrywise from the HiPPO
  formulas (square roots and :math:`\\pi` as Arb balls) and the normal part is formed as
  :math:`A + PP^{\\mathsf T}` with the defining low-rank factor (S4-NPLR-1..4); determinants by ``arb_mat.det`` (S4-NPLR-6); matrix
  exponentials by ``arb_mat.exp``, which bounds its own truncation error (S4-S4D-1, S4-MEM-1).
- **Exact linear algebra.**  In the basis :math:`T=\\operatorname{diag}(\\sqrt{2n+1})` the LegS matrix is the
  integer matrix :math:`M=T^{-1}AT`: invariants of the skew part by ``fmpq_mat`` trace and determinant
  (S4-NPLR-5), eigenvalues as the integer roots of ``fmpz_mat.charpoly`` and eigenvectors by FLINT's exact
  ``fmpz_mat.nullspace`` (S4-EIG-1..3, S4-ERR-1), the bilinear step and kernels by ``fmpq_mat`` solves
  (S4-REC-1, S4-S4D-2), and the RTF kernel by a modular inverse in :math:`\\mathbb{Q}[z]/(z^L-1)` from
  ``fmpq_poly.xgcd`` of characteristic polynomials (S4-RTF-1).
- **Complex balls.**  Sums of roots of unity (``acb.exp_pi_i``), the bilinear map at a node, the Cauchy
  weights of a conjugate pair and the resolvent by an ``acb_mat`` solve (S4-GF-3..5, S4-ERR-4, S4-DIAG-1,
  S4-ALG-3, S4-CONJ-1/2).

Ball routes run at ``prec`` plus :data:`_GUARD` bits and return true enclosures; exact routes ignore
``prec``.  Example points arrive as keywords (``N``, ``h``, ``a11``, ``c1``, ...), converted by
:mod:`numerics.arb`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..arb import integer, precision, rational

__all__ = ["nplr_parts", "legs_invariants", "fout_dets", "lagt_row", "legs_eigenvectors", "legs_S_third",
           "integer_eigvecs", "root_sum", "power_at_node", "g_node", "conj_resolvent", "conj_pair",
           "lagt_dense_step", "legs_zoh_kernel", "legs_bilinear_kernel", "rtf_kernels", "legs_impulse"]

_GUARD = 32  # guard bits of the ball routes
_MEASURES = ("legs", "legt", "lagt", "fout")


# --- shared helpers -------------------------------------------------------------------------------


def _entry(p: Mapping[str, Any], name: str) -> Any:
    """The exact rational ``p[name]``; a ValueError naming the entry when the point does not give it."""
    if name not in p:
        raise ValueError(f"the point must give {name}")
    return rational(p[name], name)


def _vector(p: Mapping[str, Any], prefix: str, n: int) -> list[Any]:
    return [_entry(p, f"{prefix}{i + 1}") for i in range(n)]


def _matrix(p: Mapping[str, Any], prefix: str, n: int) -> list[list[Any]]:
    return [[_entry(p, f"{prefix}{i + 1}{j + 1}") for j in range(n)] for i in range(n)]


def _extra(p: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(p) - allowed)
    if unknown:
        raise ValueError(f"unexpected point entries: {', '.join(unknown)}")


def _legs_integer(N: int) -> list[list[int]]:
    """:math:`M=T^{-1}AT` of LegS (HIPPO-LEGS-2): :math:`-(2k+1)` below the diagonal, :math:`-(n+1)` on it."""
    return [[-(2 * k + 1) if n > k else (-(n + 1) if n == k else 0) for k in range(N)] for n in range(N)]


def _roots(N: int) -> list[Any]:
    """:math:`\\sqrt{2n+1}`, n < N, as real balls."""
    from flint import arb

    return [arb(2 * n + 1).sqrt() for n in range(N)]


def _legs_balls(N: int) -> tuple[Any, list[Any]]:
    """LegS ``(A, B)`` in balls: :math:`A=TMT^{-1}`, :math:`B=T\\mathbf 1` (HiPPO-LegS)."""
    from flint import arb_mat

    v, M = _roots(N), _legs_integer(N)
    return arb_mat([[v[n] * M[n][k] / v[k] for k in range(N)] for n in range(N)]), v


def _window(w: Any, measure: str) -> Any:
    from flint import fmpq

    w = rational(w, "w")
    if measure in ("legt", "fout") and not w > 0:
        raise ValueError(f"w must be positive, got {w}")
    return w if measure in ("legt", "fout") else fmpq(1)


# --- S4-NPLR-1..6 ------------------------------------------------------------------------------------


def _hippo(measure: str, N: int, w: Any) -> tuple[list[list[Any]], list[Any], list[list[Any]]]:
    """``(A, B, P)`` of a HiPPO measure from its defining formulas (balls; P as rows of length r)."""
    from flint import arb

    v, zero = _roots(N), arb(0)
    if measure == "legs":
        A, B = _legs_balls(N)
        return A.tolist(), B, [[x / arb(2).sqrt()] for x in v]
    if measure == "legt":
        sw = arb(w).sqrt()
        sign = [[1 if k < n or (k - n) % 2 == 0 else -1 for k in range(N)] for n in range(N)]
        A = [[-v[n] * v[k] / w * sign[n][k] for k in range(N)] for n in range(N)]
        P = [[v[n] / sw if n % 2 else zero, zero if n % 2 else v[n] / sw] for n in range(N)]
        return A, [x / w for x in v], P
    if measure in ("lagt", "lagt-half"):
        diag = arb(-1) if measure == "lagt" else arb(-1) / 2
        A = [[arb(-1) if k < n else (diag if k == n else zero) for k in range(N)] for n in range(N)]
        return A, [arb(1)] * N, [[1 / arb(2).sqrt()] for _ in range(N)]
    e = [arb(1) if n == 0 else (arb(2).sqrt() if n % 2 == 0 else zero) for n in range(N)]
    D = [[zero] * N for _ in range(N)]
    for k in range(1, N):
        if 2 * k + 1 < N:  # the FouT frequency 2 pi k on the (cos, sin) pair 2k, 2k+1 (HIPPO-FOUT-4)
            D[2 * k][2 * k + 1], D[2 * k + 1][2 * k] = -2 * arb.pi() * k, 2 * arb.pi() * k
    A = [[(D[n][k] - 2 * e[n] * e[k]) / w for k in range(N)] for n in range(N)]
    return A, [2 * x / w for x in e], [[(arb(2) / w).sqrt() * x] for x in e]


def _plus_ppt(A: list[list[Any]], P: list[list[Any]]) -> list[list[Any]]:
    N, r = len(A), len(P[0])
    return [[A[n][k] + sum((P[n][j] * P[k][j] for j in range(r)), 0 * A[n][k]) for k in range(N)]
            for n in range(N)]


def nplr_parts(measure: str, N: int, w: Any = 1, prec: int = 199) -> list[Any]:
    """S4-NPLR-1..4: the normal part :math:`S=A+PP^{\\mathsf T}` of a HiPPO matrix and its B, in balls.

    A, B and the low-rank factor P are built from the HiPPO formulas (LegS
    :math:`A=TMT^{-1}`, :math:`P_n=\\sqrt{n+1/2}`; LegT with :math:`P=[P^{(0)},P^{(1)}]`; LagT
    :math:`P=\\mathbf 1/\\sqrt2`; FouT :math:`A=(D-2ee^{\\mathsf T})/w`, :math:`P=\\sqrt{2/w}\\,e`) and S is
    their entrywise sum.  Returned as the statement orders them: ``[S, B]`` (``legs``, ``fout``);
    ``[S, A + pp^T, B]`` with :math:`p_n=\\sqrt{(2n+1)/w}` (``legt``); ``[S_half, S, B]`` (``lagt``).
    """
    if measure not in _MEASURES:
        raise ValueError(f"measure must be one of {', '.join(_MEASURES)}, got {measure!r}")
    N, w = integer(N, "N", low=1), _window(w, measure)
    with precision(prec + _GUARD):
        from flint import arb

        A, B, P = _hippo(measure, N, w)
        out = [_plus_ppt(A, P)]
        if measure == "legt":
            p = [[(arb(2 * n + 1) / w).sqrt()] for n in range(N)]
            out.append(_plus_ppt(A, p))
        if measure == "lagt":
            Ah, _, Ph = _hippo("lagt-half", N, w)
            out.insert(0, _plus_ppt(Ah, Ph))
        return [*out, B]


def legs_invariants(N: int, prec: int = 0) -> list[Any]:
    """S4-NPLR-5 exactly: :math:`[\\sum_j\\omega_j^2, \\det K]` for the skew part
    :math:`K=A+PP^{\\mathsf T}+I/2` of LegS, whose eigenvalues are :math:`i\\omega_j`.

    K is similar to the rational matrix :math:`T^{-1}KT=M+\\tfrac12\\mathbf 1(2k+1)_k^{\\mathsf T}+I/2`
    (from :math:`T^{-1}PP^{\\mathsf T}T`, :math:`P_n=\\sqrt{n+1/2}`), so
    :math:`\\sum\\omega_j^2=-\\operatorname{tr}K^2` and :math:`\\det K` are the exact trace (of the ``fmpq_mat``
    square) and determinant.
    """
    from flint import fmpq, fmpq_mat

    N = integer(N, "N", low=1)
    M = _legs_integer(N)
    K = fmpq_mat([[M[n][k] + fmpq(2 * k + 1, 2) + (fmpq(1, 2) if n == k else 0) for k in range(N)]
                  for n in range(N)])
    square = K * K
    return [-sum((square[i, i] for i in range(N)), fmpq(0)), K.det()]


def fout_dets(m: int, w: Any, prec: int = 199) -> list[Any]:
    """S4-NPLR-6: :math:`[\\det A, \\det A', B_1]` for the FouT system of size N = 2m (A and B from
    HIPPO-FOUT-4 in balls), :math:`A'` with row and column 1 deleted; determinants by ``arb_mat.det``."""
    from flint import arb_mat

    m, w = integer(m, "m", low=1), _window(w, "fout")
    N = 2 * m
    with precision(prec + _GUARD):
        A, B, _ = _hippo("fout", N, w)
        keep = [i for i in range(N) if i != 1]
        reduced = arb_mat([[A[i][j] for j in keep] for i in keep])
        return [arb_mat(A).det(), reduced.det(), B[1]]


# --- S4-DIAG-1, S4-EIG-1..3, S4-ERR-1 ----------------------------------------------------------------


def lagt_row(N: int, j: int, m: int, prec: int = 199) -> Any:
    """S4-DIAG-1: row m of :math:`\\tfrac12\\Sigma F_j`, i.e.
    :math:`\\tfrac12\\sum_{k<N}\\operatorname{sign}(k-m)\\zeta^k` with :math:`\\zeta=e^{i\\pi(2j+1)/N}`, summed term by term in complex balls."""
    from flint import acb, fmpq

    N, j, m = integer(N, "N", low=1), integer(j, "j", low=0), integer(m, "m", low=0)
    if m >= N:
        raise ValueError(f"m must be a row index below N = {N}, got {m}")
    with precision(prec + _GUARD):
        total = acb(0)
        for k in range(N):
            if k != m:
                term = acb.exp_pi_i(acb(fmpq((2 * j + 1) * k, N)))
                total += term if k > m else -term
        return total / 2


def _null_vector(rows: list[list[int]]) -> list[Any]:
    """The spanning vector of the one-dimensional null space of an integer matrix (``fmpz_mat.nullspace``)."""
    from flint import fmpq, fmpz_mat

    basis, nullity = fmpz_mat(rows).nullspace()
    if nullity != 1:
        raise ValueError(f"the eigenspace has dimension {nullity}, not 1")
    return [fmpq(basis[i, 0]) for i in range(len(rows))]


def _shifted(M: list[list[int]], lam: int) -> list[list[int]]:
    return [[M[n][k] - (lam if n == k else 0) for k in range(len(M))] for n in range(len(M))]


def legs_eigenvectors(N: int, prec: int = 199) -> list[list[Any]]:
    """S4-EIG-1: the matrix whose column :math:`\\lambda=1..N` is the eigenvector v of :math:`-A` (LegS) for
    :math:`\\lambda`, normalised to :math:`S_{N-1}=\\sum_k\\sqrt{2k+1}\\,v_k=1`.

    :math:`u=T^{-1}v` spans the null space of the integer matrix :math:`M+\\lambda I` (FLINT's exact
    ``nullspace``); then :math:`v_n=\\sqrt{2n+1}\\,u_n/\\sum_k(2k+1)u_k`, the square roots as balls.
    """
    N = integer(N, "N", low=1)
    M = _legs_integer(N)
    cols = []
    for lam in range(1, N + 1):
        u = _null_vector(_shifted(M, -lam))
        total = sum(((2 * k + 1) * u[k] for k in range(N)), 0 * u[0])
        cols.append([x / total for x in u])
    with precision(prec + _GUARD):
        v = _roots(N)
        return [[v[n] * cols[c][n] for c in range(N)] for n in range(N)]


def legs_S_third(m: int, prec: int = 0) -> Any:
    """S4-EIG-2 exactly: :math:`|S_m/S_{d-1}|` for the LegS eigenvector of :math:`\\lambda=m`, N = d = 3m,
    with the partial sums :math:`S_n=\\sum_{k\\le n}\\sqrt{2k+1}\\,v_k=\\sum_{k\\le n}(2k+1)u_k` of the exact
    null vector u of :math:`M+mI` (``fmpz_mat.nullspace``)."""
    m = integer(m, "m", low=1)
    d = 3 * m
    u = _null_vector(_shifted(_legs_integer(d), -m))
    partial = [sum(((2 * k + 1) * u[k] for k in range(n + 1)), 0 * u[0]) for n in range(d)]
    return abs(partial[m] / partial[d - 1])


def integer_eigvecs(N: int, signed: bool = True, prec: int = 0) -> list[list[list[Any]]]:
    """S4-EIG-3 (``signed``) and S4-ERR-1 exactly: ``[V, Lambda]`` for :math:`M=T^{-1}AT` (or :math:`JMJ`,
    :math:`J=\\operatorname{diag}((-1)^i)`).

    The eigenvalues are the integer roots of ``fmpz_mat.charpoly``, in decreasing order; column j of V
    spans the null space of :math:`M-\\lambda_jI` (``fmpz_mat.nullspace``), scaled so that its first nonzero
    entry is 1.
    """
    from flint import fmpq, fmpz_mat

    N = integer(N, "N", low=1)
    M = [[x if signed or (n + k) % 2 == 0 else -x for k, x in enumerate(row)]
         for n, row in enumerate(_legs_integer(N))]
    roots = fmpz_mat(M).charpoly().roots()
    lams = sorted((int(r) for r, mult in roots for _ in range(mult)), reverse=True)
    if len(lams) != N:
        raise ValueError(f"the characteristic polynomial has {len(lams)} integer roots, not {N}")
    cols = []
    for lam in lams:
        u = _null_vector(_shifted(M, lam))
        lead = next(x for x in u if x != 0)
        cols.append([x / lead for x in u])
    V = [[cols[c][n] for c in range(N)] for n in range(N)]
    Lam = [[fmpq(lams[n]) if n == k else fmpq(0) for k in range(N)] for n in range(N)]
    return [V, Lam]


# --- S4-GF-3..5, S4-ERR-4, S4-ALG-3 -------------------------------------------------------------------


def root_sum(L: int, m: int, sign: int, prec: int = 199) -> Any:
    """S4-GF-3 (``sign = -1``), S4-GF-4 and S4-ERR-4 (``sign = +1``):
    :math:`\\sum_{l<L}e^{\\mathrm{sign}\\cdot2\\pi ilm/L}`, term by term in complex balls (``acb.exp_pi_i`` of the exact rational argument)."""
    from flint import acb, fmpq

    L, m = integer(L, "L", low=1), integer(m, "m")
    if sign not in (1, -1):
        raise ValueError(f"sign must be +1 or -1, got {sign!r}")
    with precision(prec + _GUARD):
        return sum((acb.exp_pi_i(acb(fmpq(sign * 2 * l * m, L))) for l in range(L)), acb(0))


def power_at_node(L: int, l: int, prec: int = 199) -> Any:
    """S4-GF-5: :math:`z^L` at the 2L-th root :math:`z=e^{-i\\pi l/L}`, the ball of z raised to the
    power L."""
    from flint import acb, fmpq

    L, l = integer(L, "L", low=1), integer(l, "l", low=0)
    with precision(prec + _GUARD):
        return acb.exp_pi_i(acb(fmpq(-l, L))) ** L


def g_node(theta: Any, h: Any, prec: int = 199) -> Any:
    """S4-ALG-3: the bilinear map :math:`g(z)=(2/h)(1-z)/(1+z)` at :math:`z=e^{-i\\theta}`, in complex
    balls."""
    from flint import acb

    theta, h = rational(theta, "theta"), rational(h, "h")
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    with precision(prec + _GUARD):
        z = acb(0, -theta).exp()
        return 2 / acb(h) * (1 - z) / (1 + z)


# --- S4-CONJ-1/2 ---------------------------------------------------------------------------------------


def conj_resolvent(prec: int = 199, **p: Any) -> Any:
    """S4-CONJ-2: :math:`C^{\\mathsf T}(I-\\bar z\\bar A)^{-1}\\bar B` at the conjugate node :math:`\\bar z=x-iy`
    for the real N x N point (entries ``a``, ``b``, ``c``), by an ``acb_mat`` solve."""
    from flint import acb, acb_mat

    N = integer(p.get("N"), "N", low=1)
    _extra(p, {"N", "x", "y"} | {f"{c}{i + 1}" for c in "bc" for i in range(N)}
           | {f"a{i + 1}{j + 1}" for i in range(N) for j in range(N)})
    A, B, C = _matrix(p, "a", N), _vector(p, "b", N), _vector(p, "c", N)
    x, y = _entry(p, "x"), _entry(p, "y")
    with precision(prec + _GUARD):
        zc = acb(x, -y)
        M = acb_mat([[(1 if i == j else 0) - zc * A[i][j] for j in range(N)] for i in range(N)])
        sol = M.solve(acb_mat([[b] for b in B]))
        return sum((C[i] * sol[i, 0] for i in range(N)), acb(0))


def conj_pair(prec: int = 199, **p: Any) -> Any:
    """S4-CONJ-1: the Cauchy terms of a conjugate pair of poles, each with its own weight,
    :math:`\\frac{(x^{\\mathsf T}c)(x^*b)}{g-\\lambda}
    +\\frac{(\\bar x^{\\mathsf T}c)(x^{\\mathsf T}b)}{g-\\bar\\lambda}`,
    :math:`x=r+ii`, :math:`\\lambda=\\sigma+i\\omega`, :math:`g=g_x+ig_y`, in complex balls."""
    from flint import acb

    names = ("r1", "r2", "i1", "i2", "c1", "c2", "b1", "b2", "sigma", "omega", "gx", "gy")
    _extra(p, set(names))
    v = {k: _entry(p, k) for k in names}
    with precision(prec + _GUARD):
        x = [acb(v["r1"], v["i1"]), acb(v["r2"], v["i2"])]
        lam, g = acb(v["sigma"], v["omega"]), acb(v["gx"], v["gy"])
        c, b = [v["c1"], v["c2"]], [v["b1"], v["b2"]]
        total = acb(0)
        for vec, pole in ((x, lam), ([t.conjugate() for t in x], lam.conjugate())):
            weight = (vec[0] * c[0] + vec[1] * c[1]) * (vec[0].conjugate() * b[0] + vec[1].conjugate() * b[1])
            total += weight / (g - pole)
        return total


# --- S4-REC-1, S4-S4D-1/2, S4-RTF-1, S4-MEM-1 ------------------------------------------------------------


def _bilinear_exact(M: list[list[Any]], B: list[Any], h: Any) -> tuple[Any, Any]:
    """The bilinear pair :math:`((I-\\tfrac h2M)^{-1}(I+\\tfrac h2M), h(I-\\tfrac h2M)^{-1}B)`, exact
    (``fmpq_mat``)."""
    from flint import fmpq_mat

    N = len(M)
    minus = fmpq_mat([[(1 if i == j else 0) - h / 2 * M[i][j] for j in range(N)] for i in range(N)])
    plus = fmpq_mat([[(1 if i == j else 0) + h / 2 * M[i][j] for j in range(N)] for i in range(N)])
    inv = minus.inv()
    return inv * plus, inv * fmpq_mat([[h * b] for b in B])


def _step(h: Any) -> Any:
    h = rational(h, "h")
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    return h


def lagt_dense_step(N: int, u: Any, h: Any, prec: int = 0, **state: Any) -> list[Any]:
    """S4-REC-1 exactly: one dense bilinear step :math:`\\bar Ax+\\bar Bu` of the LagT system
    (:math:`A_{nk}=-1` for :math:`k\\le n`, B = 1), the state ``x0..x{N-1}`` of the point, by ``fmpq_mat``
    inverse and products (no Woodbury formula, no NPLR factors)."""
    from flint import fmpq_mat

    N, u, h = integer(N, "N", low=1), rational(u, "u"), _step(h)
    _extra(state, {f"x{i}" for i in range(N)})
    x = fmpq_mat([[_entry(state, f"x{i}")] for i in range(N)])
    A = [[-1 if k <= n else 0 for k in range(N)] for n in range(N)]
    Ab, Bb = _bilinear_exact(A, [1] * N, h)
    new = Ab * x + Bb * u
    return [new[i, 0] for i in range(N)]


def _outputs(N: int, c: Mapping[str, Any]) -> list[Any]:
    _extra(c, {f"c{i + 1}" for i in range(N)})
    return _vector(c, "c", N)


def legs_zoh_kernel(N: int, h: Any, K: int = 6, prec: int = 199, **c: Any) -> list[Any]:
    """S4-S4D-1: the ZOH kernel :math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B`, k < K, of LegS (A, B in balls).

    :math:`\\bar A` and :math:`\\bar B=\\int_0^he^{sA}ds\\,B` are the blocks of
    :math:`\\exp\\bigl(h\\begin{smallmatrix}A&B\\\\0&0\\end{smallmatrix}\\bigr)` (``arb_mat.exp``,
    rigorous), then K repeated products with the point's output C.
    """
    from flint import arb, arb_mat

    N, h, K = integer(N, "N", low=1), _step(h), integer(K, "K", low=1)
    C = _outputs(N, c)
    with precision(prec + _GUARD):
        A, B = _legs_balls(N)
        blk = arb_mat(N + 1, N + 1)
        for i in range(N):
            for j in range(N):
                blk[i, j] = A[i, j] * h
            blk[i, N] = B[i] * h
        E = blk.exp()
        Ab = arb_mat([[E[i, j] for j in range(N)] for i in range(N)])
        x = arb_mat([[E[i, N]] for i in range(N)])
        out = []
        for _ in range(K):
            out.append(sum((C[i] * x[i, 0] for i in range(N)), arb(0)))
            x = Ab * x
        return out


def legs_bilinear_kernel(N: int, h: Any, K: int = 6, prec: int = 199, **c: Any) -> list[Any]:
    """S4-S4D-2: the bilinear kernel :math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B`, k < K, of LegS.

    In the basis T the system is :math:`(M, \\mathbf 1)` with output :math:`T C`; the bilinear pair of M and
    the states :math:`\\bar M^k\\bar B_M` are exact (``fmpq_mat``), the output pairing uses the balls
    :math:`\\sqrt{2i+1}`.
    """
    from flint import arb

    N, h, K = integer(N, "N", low=1), _step(h), integer(K, "K", low=1)
    C = _outputs(N, c)
    Mb, x = _bilinear_exact(_legs_integer(N), [1] * N, h)
    states = []
    for _ in range(K):
        states.append([x[i, 0] for i in range(N)])
        x = Mb * x
    with precision(prec + _GUARD):
        v = _roots(N)
        return [sum((C[i] * v[i] * s[i] for i in range(N)), arb(0)) for s in states]


def _reversed_charpoly(M: Any) -> Any:
    """:math:`\\det(I-zM)` as an ``fmpq_poly``: the characteristic polynomial, coefficients reversed."""
    from flint import fmpq_poly

    coeffs = M.charpoly().coeffs()  # constant term first, leading 1 last
    return fmpq_poly(list(reversed(coeffs)))


def rtf_kernels(N: int, prec: int = 0) -> list[list[Any]]:
    """S4-RTF-1 exactly: for each L in (N+1, N+2, N+3, 2N+4), the kernel :math:`K_0..K_{L-1}` of the LegS
    system in the basis T at h = 1/10 with output row :math:`\\mathbf 1^{\\mathsf T}`, by the RTF route.

    :math:`\\tilde C=(I-\\bar M^L)^{\\mathsf T}\\mathbf 1`; :math:`a(z)=\\det(I-z\\bar M)`, and
    :math:`z\\,b(z)=\\det(I-z(\\bar M-\\bar B\\tilde C^{\\mathsf T}))-a(z)` (matrix determinant lemma),
    both from ``fmpq_mat.charpoly``; then :math:`K(z)=b(z)a(z)^{-1}` in :math:`\\mathbb{Q}[z]/(z^L-1)`, the inverse from
    ``fmpq_poly.xgcd`` (it exists when no eigenvalue of :math:`\\bar M` is an L-th root of unity).
    """
    from flint import fmpq, fmpq_mat, fmpq_poly

    N = integer(N, "N", low=1)
    Mb, Bb = _bilinear_exact(_legs_integer(N), [1] * N, fmpq(1, 10))
    ones = fmpq_mat([[1] for _ in range(N)])
    eye = fmpq_mat([[1 if i == j else 0 for j in range(N)] for i in range(N)])
    a = _reversed_charpoly(Mb)
    out = []
    for L in (N + 1, N + 2, N + 3, 2 * N + 4):
        power = eye
        for _ in range(L):
            power = power * Mb
        ct = (eye - power).transpose() * ones
        shifted = _reversed_charpoly(Mb - Bb * ct.transpose())
        b = fmpq_poly((shifted - a).coeffs()[1:])  # the constant terms cancel: divide by z
        modulus = fmpq_poly([-1] + [0] * (L - 1) + [1])
        g, s, _ = a.xgcd(modulus)
        if g.degree() != 0:
            raise ValueError(f"a(z) is not invertible modulo z^{L} - 1")
        coeffs = ((b * s) % modulus).coeffs()
        out.append([coeffs[k] / g[0] if k < len(coeffs) else fmpq(0) for k in range(L)])
    return out


def legs_impulse(N: int, t: Any, prec: int = 199) -> Any:
    """S4-MEM-1: the LegS impulse response :math:`e^{tA}B` (A, B in balls; ``arb_mat.exp``, rigorous)."""
    from flint import arb_mat

    N, t = integer(N, "N", low=1), rational(t, "t")
    with precision(prec + _GUARD):
        A, B = _legs_balls(N)
        return (A * t).exp() * arb_mat([[b] for b in B])
