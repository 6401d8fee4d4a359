r"""The Arb routes of the Fourier measures and of the discretized systems (HiPPO pillar, certified tier).

Every route computes its result's quantity from a definition, with python-flint only, never from the
closed form it is compared with (see :mod:`proofs.core.certify`):

- **LegS systems** (HIPPO-DISC-1..5, 8, 9, HIPPO-RESCALE-1).  The LegS pair is built by exact projection
  integrals of the shifted Legendre polynomials :math:`p_n(r) = P_n(2r - 1)` (``fmpq_poly``):
  :math:`A_{nk} = -\delta_{nk} - \int_0^1 r\,g_n'(r)g_k(r)\,dr` and :math:`B_n = g_n(1)` with
  :math:`g_n = \sqrt{2n+1}\,p_n`.  In the scaled coordinates :math:`D = \operatorname{diag}(\sqrt{2n+1})` the
  pair :math:`M = D^{-1}AD`, :math:`b = D^{-1}B` is rational, so every discretisation is solved exactly in
  ``fmpq_mat`` (or exponentiated rigorously by ``arb_mat.exp`` for ZOH) and only the final change of
  coordinates multiplies by the balls of the square roots (exact where they are rational).  The exact LegS
  step is the re-projection of the concatenated signal, exact polynomial integrals with no matrix function.
  HIPPO-ERR-1 projects the same way on the LMU-type basis with the printed factor.
- **Fourier measures** (HIPPO-FOUT-1, 3, 4, 5, HIPPO-FOUS-1, 2, 3, HIPPO-ERR-2).  Integrals of a
  polynomial times :math:`e^{2\pi ims}` are rigorous ``acb.integral`` quadratures (the integrands are
  entire).  The closed FouT systems are Galerkin projections: their matrices are sampled by the
  trapezoid rule on :math:`M` equispaced nodes of [0, 1], which is *exact* for a trigonometric polynomial
  of degree below :math:`M` (discrete orthogonality: :math:`\frac1M\sum_{j<M}e^{2\pi imj/M} = [M \mid m]`),
  with the basis values as Arb balls of :math:`\cos\pi x`, :math:`\sin\pi x`, :math:`e^{i\pi x}` at
  rational :math:`x`.
- **A point identity** (HIPPO-DISC-6) in exact rational arithmetic.

Parameters arrive as ``int``, :class:`fractions.Fraction` or exact rationals and are converted by
:mod:`numerics.arb`; ``prec`` is the Arb working precision in bits (unused where a route is exact).
"""

from __future__ import annotations

from math import isqrt
from typing import Any

from ..arb import integer, positive, precision, rational

__all__ = [
    "backward_euler", "bilinear", "bilinear_modulus_gap", "forward_euler", "fous_galerkin",
    "fous_ramp_coefficient", "fous_scaled_derivative", "fout_closures", "fout_consistent",
    "fout_forward_real_system", "fout_real_system", "fout_window_derivative", "gbt", "legs_exact_step",
    "legs_rescaled_invariants", "legs_step_fixed_points", "lmu_printed_rescaling", "zero_order_hold",
]

_PREC = 199  # the certified tier's precision at 50 digits; every caller passes its own


# --- shared pieces -------------------------------------------------------------------------------------




def _times_sqrt(q: Any, m: int) -> Any:
    r""":math:`q\sqrt m` for a rational q and an integer m >= 1: an exact ``fmpq`` when q = 0 or m is a
    square, else an Arb ball (at the caller's precision)."""
    from flint import arb, fmpq

    root = isqrt(m)
    if q == 0 or root * root == m:
        return fmpq(q) * root
    return arb(q) * arb(m).sqrt()


def _shifted_legendre(n: int) -> Any:
    """:math:`p_n(r) = P_n(2r - 1)` over QQ (FLINT's Legendre polynomial composed with 2r - 1)."""
    from flint import fmpq_poly

    return fmpq_poly.legendre_p(n)(fmpq_poly([-1, 2]))


def _integral(poly: Any, low: Any, high: Any) -> Any:
    anti = poly.integral()
    return anti(high) - anti(low)


def _legs_scaled(N: int) -> tuple[list[list[Any]], list[Any]]:
    r"""The LegS pair in scaled coordinates, :math:`M = D^{-1}AD` and :math:`b = D^{-1}B`, exactly.

    From :math:`A_{nk} = -\delta_{nk} - \int_0^1 r g_n' g_k\,dr`, :math:`g_n = \sqrt{2n+1}p_n`:
    :math:`M_{nk} = (2k+1)\bigl(-\delta_{nk}/(2n+1) - \int_0^1 r p_n' p_k\,dr\bigr)` and :math:`b_n = p_n(1)`.
    """
    from flint import fmpq, fmpq_poly

    r = fmpq_poly([0, 1])
    p = [_shifted_legendre(n) for n in range(N)]

    def entry(n: int, k: int) -> Any:
        diagonal = fmpq(1, 2 * n + 1) if n == k else 0
        return (2 * k + 1) * (-_integral(r * p[n].derivative() * p[k], 0, 1) - diagonal)

    M = [[entry(n, k) for k in range(N)] for n in range(N)]
    return M, [p[n](1) for n in range(N)]


def _mat(rows: list[list[Any]]) -> Any:
    from flint import fmpq_mat

    return fmpq_mat(len(rows), len(rows[0]), [v for row in rows for v in row])


def _eye(N: int) -> Any:
    from flint import fmpq_mat

    return fmpq_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])


def _column(values: list[Any]) -> Any:
    from flint import fmpq_mat

    return fmpq_mat(len(values), 1, values)


def _unscale(F: Any, G: Any) -> list[Any]:
    r""":math:`(DFD^{-1}, DG)` entrywise: :math:`F_{ik}\sqrt{2i+1}/\sqrt{2k+1}` and :math:`G_i\sqrt{2i+1}`."""
    N = F.nrows()
    Ab = [[_times_sqrt(F[i, k] / (2 * k + 1), (2 * i + 1) * (2 * k + 1)) for k in range(N)] for i in range(N)]
    return [Ab, [_times_sqrt(G[i, 0], 2 * i + 1) for i in range(N)]]


def _gbt_scaled(N: int, eps: Any, alpha: Any) -> tuple[Any, Any]:
    r""":math:`F = (I - \alpha\epsilon M)^{-1}(I + (1-\alpha)\epsilon M)`,
    :math:`G = \epsilon(I - \alpha\epsilon M)^{-1}b` by exact ``fmpq_mat`` solves (the left factor is
    invertible: M is similar to A, whose eigenvalues are negative, and :math:`\alpha\epsilon \ge 0`)."""
    M, b = _legs_scaled(N)
    Mm, eye = _mat(M), _eye(N)
    left = eye - Mm * (alpha * eps)
    return left.solve(eye + Mm * ((1 - alpha) * eps)), left.solve(_column(b) * eps)


# --- HIPPO-DISC-1..6: LTI discretisations of LegS ------------------------------------------------------


def gbt(N: int, epsilon: Any, alpha: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-4: the GBT(alpha) discretisation of the LegS pair, :math:`[\bar A, \bar B]` row by row.

    .. math:: \bar A = (I - \alpha\epsilon A)^{-1}(I + (1-\alpha)\epsilon A),\qquad
              \bar B = \epsilon(I - \alpha\epsilon A)^{-1}B

    Method: exact solves in the scaled coordinates (:func:`_gbt_scaled`), then :math:`\bar A = DFD^{-1}`,
    :math:`\bar B = DG` with Arb balls of the square roots.
    """
    N, eps, a = integer(N, "N", low=1), positive(epsilon, "epsilon"), rational(alpha, "alpha")
    if not 0 <= a <= 1:
        raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}")
    with precision(prec):
        return _unscale(*_gbt_scaled(N, eps, a))


def forward_euler(N: int, epsilon: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-1: :math:`[I + \epsilon A, \epsilon B]` for the LegS pair (GBT with alpha = 0, see
    :func:`gbt`)."""
    return gbt(N, epsilon, 0, prec)


def backward_euler(N: int, epsilon: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-2: :math:`[(I - \epsilon A)^{-1}, \epsilon(I - \epsilon A)^{-1}B]` (GBT with alpha = 1)."""
    return gbt(N, epsilon, 1, prec)


def bilinear(N: int, epsilon: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-3: :math:`[(I - \epsilon A/2)^{-1}(I + \epsilon A/2), \epsilon(I - \epsilon A/2)^{-1}B]`
    (GBT with alpha = 1/2)."""
    from flint import fmpq

    return gbt(N, epsilon, fmpq(1, 2), prec)


def zero_order_hold(N: int, epsilon: Any, u0: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-5: the ZOH pair :math:`[e^{\epsilon A}, \int_0^\epsilon e^{sA}ds\,B]` of LegS.

    Method: both are the upper blocks of
    :math:`\exp\bigl(\epsilon\begin{bmatrix}M & b\\ 0 & 0\end{bmatrix}\bigr)` in the scaled coordinates
    (``arb_mat.exp``, rigorous), then unscaled by :math:`D`.  The held input ``u0`` of the example point
    does not enter the matrices (it is validated only).
    """
    from flint import arb, arb_mat, fmpq

    N, eps = integer(N, "N", low=1), positive(epsilon, "epsilon")
    rational(u0, "u0")
    M, b = _legs_scaled(N)
    block = [[*(eps * v for v in row), eps * b[i]] for i, row in enumerate(M)] + [[fmpq(0)] * (N + 1)]
    with precision(prec):
        E = arb_mat(_mat(block)).exp()
        Ab = [[E[i, k] * arb(fmpq(2 * i + 1, 2 * k + 1)).sqrt() for k in range(N)] for i in range(N)]
        return [Ab, [E[i, N] * arb(2 * i + 1).sqrt() for i in range(N)]]


def bilinear_modulus_gap(a: Any, b: Any, epsilon: Any, prec: int = _PREC) -> Any:
    r"""HIPPO-DISC-6: :math:`|1 + \epsilon\lambda/2|^2 - |1 - \epsilon\lambda/2|^2` at
    :math:`\lambda = a + ib`, exactly: each modulus squared as :math:`\mathrm{re}^2 + \mathrm{im}^2` of the
    rational parts."""
    a, b, eps = rational(a, "a"), rational(b, "b"), rational(epsilon, "epsilon")
    plus = (1 + eps * a / 2) ** 2 + (eps * b / 2) ** 2
    minus = (1 - eps * a / 2) ** 2 + (-eps * b / 2) ** 2
    return plus - minus


# --- HIPPO-DISC-8, 9: per-step LegS schemes -------------------------------------------------------------


def _exact_step_scaled(N: int, k: int) -> tuple[list[list[Any]], list[Any]]:
    r"""The exact LegS step by re-projection, :math:`\bar A = DPD`, :math:`\bar B = DQ`, with rational

    .. math:: P_{nj} = \int_0^{q} p_j(r/q)\,p_n(r)\,dr,\qquad Q_n = \int_q^1 p_n(r)\,dr,\qquad q = k/(k+1):

    the state at step k is the projection of a signal on [0, k]; appending the held input on [k, k+1] and
    projecting on [0, k+1] gives these integrals (polynomials of degree < 2N, integrated exactly).
    """
    from flint import fmpq, fmpq_poly

    q = fmpq(k, k + 1)
    p = [_shifted_legendre(n) for n in range(N)]
    stretched = [pj(fmpq_poly([0, 1 / q])) for pj in p]
    P = [[_integral(stretched[j] * p[n], 0, q) for j in range(N)] for n in range(N)]
    return P, [_integral(p[n], q, 1) for n in range(N)]


def legs_exact_step(N: int, k: int, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-8: the exact LegS step :math:`[\bar A_k, \bar B_k]` of :math:`t\dot x = Ax + Bu_k` from
    :math:`t = k\epsilon` to :math:`(k+1)\epsilon` (held input), by the re-projection of
    :func:`_exact_step_scaled` (no matrix function): :math:`(\bar A_k)_{nj} = \sqrt{(2n+1)(2j+1)}P_{nj}`,
    :math:`(\bar B_k)_n = \sqrt{2n+1}Q_n`."""
    N, k = integer(N, "N", low=1), integer(k, "k", low=1)
    P, Q = _exact_step_scaled(N, k)
    with precision(prec):
        return [[[_times_sqrt(P[n][j], (2 * n + 1) * (2 * j + 1)) for j in range(N)] for n in range(N)],
                [_times_sqrt(Q[n], 2 * n + 1) for n in range(N)]]


def legs_step_fixed_points(N: int, k: int, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-DISC-9: :math:`\bar A_k e_0 + \bar B_k` of the forward :math:`(I + A/k, B/k)`, backward
    :math:`((I - A/k)^{-1}, (I - A/k)^{-1}B/k)`, bilinear
    :math:`((I - A/2k)^{-1}(I + A/2k), (I - A/2k)^{-1}B/k)` and exact schemes, then the first entry of
    :math:`\bar A_k e_0 + \bar B_k - e_0` for Su's bilinear
    :math:`((I - A/(2(k+1)))^{-1}(I + A/2k), (I - A/(2(k+1)))^{-1}B/k)`.

    Method: in the scaled coordinates (:math:`D^{-1}e_0 = e_0`) each GBT-type scheme is an exact ``fmpq_mat``
    solve :math:`X^{-1}(Ye_0 + b/k)`; the exact scheme uses the re-projection integrals of
    :func:`_exact_step_scaled`.  Entry n is multiplied by :math:`\sqrt{2n+1}` (exact when it is 0).
    """
    from flint import fmpq

    N, k = integer(N, "N", low=1), integer(k, "k", low=1)
    M, b = _legs_scaled(N)
    Mm, eye = _mat(M), _eye(N)
    e0, bk = _column([1] + [0] * (N - 1)), _column(b) * fmpq(1, k)

    def solve(left: Any, right: Any) -> Any:  # (I - M/left)^{-1} ((I + M/right) e0 + b/k); 0 means no term
        X = eye - Mm * fmpq(1, left) if left else eye
        Y = eye + Mm * fmpq(1, right) if right else eye
        return X.solve(Y * e0 + bk)

    vectors = [solve(0, k), solve(k, 0), solve(2 * k, 2 * k)]
    P, Q = _exact_step_scaled(N, k)
    exact = _column([P[n][0] + Q[n] for n in range(N)])
    su = solve(2 * (k + 1), 2 * k)
    with precision(prec):
        out = [[_times_sqrt(v[n, 0], 2 * n + 1) for n in range(N)] for v in (*vectors, exact)]
        return [*out, [su[0, 0] - 1]]


# --- HIPPO-RESCALE-1, HIPPO-ERR-1 ----------------------------------------------------------------------


def legs_rescaled_invariants(N: int, prec: int = _PREC, **point: Any) -> list[Any]:
    r"""HIPPO-RESCALE-1: the invariants of the rescaled LegS system :math:`\tilde A = \Lambda^{-1}A\Lambda`,
    :math:`\tilde B = \Lambda^{-1}B`, :math:`\tilde\psi = \Lambda\psi` at the point's ``p0..p{N-1}`` (psi) and
    ``lambda0..lambda{N-1}`` (nonzero): the coefficients of :math:`\det(zI - \tilde A)` (highest degree
    first), then the Markov parameters :math:`\tilde\psi^{\mathsf T}\tilde A^j\tilde B`, j < N.

    Method: :math:`D^{-1}\tilde AD = \Lambda^{-1}M\Lambda` is rational (D and Lambda are diagonal), so the
    characteristic polynomial is FLINT's exact ``fmpq_mat.charpoly`` of it; the Markov parameters are
    :math:`\sum_i \lambda_i\psi_i\sqrt{2i+1}\,((\Lambda^{-1}M\Lambda)^j\Lambda^{-1}b)_i` by repeated exact
    products, the square roots as Arb balls.
    """
    from flint import arb

    N = integer(N, "N", low=1)
    expected = {f"p{j}" for j in range(N)} | {f"lambda{j}" for j in range(N)}
    if set(point) != expected:
        wrong = sorted(set(point) ^ expected)
        raise ValueError(f"the point must give p0..p{N - 1} and lambda0..lambda{N - 1}; "
                         f"missing or unexpected: {', '.join(wrong)}")
    psi = [rational(point[f"p{j}"], f"p{j}") for j in range(N)]
    lam = [rational(point[f"lambda{j}"], f"lambda{j}") for j in range(N)]
    for j, v in enumerate(lam):
        if v == 0:
            raise ValueError(f"lambda{j} must be nonzero")
    M, b = _legs_scaled(N)
    At = _mat([[M[i][j] * lam[j] / lam[i] for j in range(N)] for i in range(N)])
    charpoly = list(reversed(At.charpoly().coeffs()))
    v = _column([b[i] / lam[i] for i in range(N)])
    markov = []
    with precision(prec):
        for _ in range(N):
            total = arb(0)
            for i in range(N):
                total += _times_sqrt(lam[i] * psi[i] * v[i, 0], 2 * i + 1)
            markov.append(total)
            v = At * v
    return [charpoly, markov]


def lmu_printed_rescaling(N: int, t: Any, w: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-ERR-1: the closed ODE :math:`[\tilde A, \tilde B]` of the state with the printed factor,
    :math:`\tilde c_n = \int_0^1 u(t-w+wr)\varphi_n(r)dr`, :math:`\varphi_n = (2n+1)p_n/\sqrt2`.

    Method: differentiating under the integral and integrating by parts,
    :math:`\dot{\tilde c}_n = \frac1w[u(t)\varphi_n(1) - u(t-w)\varphi_n(0) - \int_0^1 u\,\varphi_n'dr]`;
    with the dual reconstruction :math:`u = \sum_k\tilde c_k\psi_k`, :math:`\psi_k = \sqrt2 p_k`
    (:math:`\int\varphi_n\psi_k = \delta_{nk}`), this gives
    :math:`\tilde A_{nk} = -\frac{2n+1}{w}\bigl(p_n(0)p_k(0) + \int_0^1 p_n'p_k\bigr)` (exact) and
    :math:`\tilde B_n = (2n+1)p_n(1)/(\sqrt2\,w)`.  The time t does not enter (validated only).
    """
    N, width = integer(N, "N", low=1), positive(w, "w")
    rational(t, "t")
    p = [_shifted_legendre(n) for n in range(N)]
    A = [[-(2 * n + 1) * (p[n](0) * p[k](0) + _integral(p[n].derivative() * p[k], 0, 1)) / width
          for k in range(N)] for n in range(N)]
    with precision(prec):
        return [A, [_times_sqrt((2 * n + 1) * p[n](1) / (2 * width), 2) for n in range(N)]]


# --- Fourier measures -----------------------------------------------------------------------------------


def _quartic(coeffs: list[Any]) -> Any:
    from flint import fmpq_poly

    return fmpq_poly([rational(a, f"a{j}") for j, a in enumerate(coeffs)])


def _times_wave(poly: Any, m: int) -> Any:
    r""":math:`\int_0^1 \mathrm{poly}(s)\,e^{2\pi ims}ds` by ``acb.integral`` (entire integrand: rigorous)."""
    from flint import acb, acb_poly

    v = acb_poly([acb(c) for c in poly.coeffs()])
    return acb.integral(lambda s, analytic: v(s) * (s * (2 * m)).exp_pi_i(), 0, 1)


def fout_window_derivative(n: int, T: Any, w: Any, a0: Any, a1: Any, a2: Any, a3: Any, a4: Any,
                           prec: int = _PREC) -> Any:
    r"""HIPPO-FOUT-1: :math:`\dot c_n(T)` of :math:`c_n(T) = \int_0^1 u(sw + T - w)e^{-2\pi ins}ds` for the
    quartic :math:`u = \sum_j a_jx^j`, differentiated under the integral sign:
    :math:`\int_0^1 u'(sw + T - w)e^{-2\pi ins}ds` (``fmpq_poly`` derivative and composition,
    ``acb.integral``)."""
    from flint import fmpq_poly

    n, T, width = integer(n, "n"), rational(T, "T"), positive(w, "w")
    du = _quartic([a0, a1, a2, a3, a4]).derivative()(fmpq_poly([T - width, width]))
    with precision(prec):
        return _times_wave(du, -n)


def fous_scaled_derivative(n: int, T: Any, a0: Any, a1: Any, a2: Any, a3: Any, a4: Any,
                           prec: int = _PREC) -> Any:
    r"""HIPPO-FOUS-1: :math:`T\dot c_n(T)` of :math:`c_n(T) = \int_0^1 u(sT)e^{-2\pi ins}ds` for the
    quartic u, under the integral sign: :math:`T\int_0^1 u'(sT)\,s\,e^{-2\pi ins}ds` (``acb.integral``)."""
    from flint import fmpq_poly

    n, T = integer(n, "n"), positive(T, "T")
    du = _quartic([a0, a1, a2, a3, a4]).derivative()(fmpq_poly([0, T])) * fmpq_poly([0, 1])
    with precision(prec):
        return T * _times_wave(du, -n)


def fous_ramp_coefficient(m: int, prec: int = _PREC) -> Any:
    r"""HIPPO-FOUS-2: :math:`\int_0^1 s\,e^{-2\pi ims}ds` by ``acb.integral``."""
    from flint import fmpq_poly

    m = integer(m, "m")
    with precision(prec):
        return _times_wave(fmpq_poly([0, 1]), -m)


def _frequencies(N: int) -> list[int]:
    """Convention 10: 0, 1, -1, 2, -2, ..."""
    return [(j + 1) // 2 if j % 2 else -(j // 2) for j in range(N)]


def fous_galerkin(N: int, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-FOUS-3: the Galerkin-truncated FouS pair :math:`[A, B]` on the frequencies of convention 10.

    .. math:: A_{jl} = -\delta_{jl} + 2\pi i\nu_j\int_0^1 s\,e^{2\pi i(\nu_l - \nu_j)s}ds,\qquad
              B_j = e^{-2\pi i\nu_j}

    (from :math:`t\dot c_j` under the integral, integrated by parts, with
    :math:`u(st) = \sum_l c_l e^{2\pi i\nu_l s}`; :math:`B_j` is the analysis function at the present end
    s = 1).  Each moment by ``acb.integral``, once per difference of frequencies.
    """
    from flint import acb, fmpq_poly

    N = integer(N, "N", low=1)
    nu = _frequencies(N)
    ramp = fmpq_poly([0, 1])
    with precision(prec):
        moments: dict[int, Any] = {}
        A = []
        for j in range(N):
            row = []
            for q in range(N):
                m = nu[q] - nu[j]
                if m not in moments:
                    moments[m] = _times_wave(ramp, m)
                row.append(-(1 if j == q else 0) + 2 * acb.pi() * acb(0, nu[j]) * moments[m])
            A.append(row)
        return [A, [acb(-2 * v).exp_pi_i() for v in nu]]


def _trapezoid(f: Any, nodes: int) -> Any:
    r""":math:`\frac1M\sum_{j<M} f(j/M)`: the integral over [0, 1] of a trigonometric polynomial of
    degree < M."""
    from flint import fmpq

    total = f(fmpq(0))
    for j in range(1, nodes):
        total += f(fmpq(j, nodes))
    return total / nodes


def _complex_fout(K: int, width: Any, weight: int) -> list[Any]:
    r"""Complex FouT on frequencies -K..K, closed with
    :math:`u(T-w) \approx \text{weight}\sum_kc_k - (\text{weight}-1)u(T)`.

    Analysis :math:`h_n(s) = e^{-2\pi ins}`, synthesis :math:`e_k(s) = e^{2\pi iks}`, window time
    :math:`sw + T - w`.  Under the integral and by parts,
    :math:`\dot c_n = \frac1w[u(T)h_n(1) - u(T-w)h_n(0) - \sum_kc_k\int_0^1 e_kh_n'ds]` with
    :math:`h_n' = -2\pi in\,h_n`; the integrals by the trapezoid rule on 2K + 1 nodes (exact: degree <= 2K).
    """
    from flint import acb

    freqs = list(range(-K, K + 1))
    two_pi_i = 2 * acb.pi() * acb(0, 1)

    def h(n: int, s: Any) -> Any:  # analysis function e^{-2 pi i n s}
        return (acb(s) * (-2 * n)).exp_pi_i()

    def e(k: int, s: Any) -> Any:  # synthesis function e^{2 pi i k s}
        return (acb(s) * (2 * k)).exp_pi_i()

    def entry(n: int, k: int) -> Any:
        galerkin = _trapezoid(lambda s: e(k, s) * (-two_pi_i * n) * h(n, s), len(freqs))
        return (-galerkin - weight * h(n, 0) * e(k, 0)) / width

    A = [[entry(n, k) for k in freqs] for n in freqs]
    return [A, [(h(n, 1) + (weight - 1) * h(n, 0)) / width for n in freqs]]


def _fout_point(K: Any, T: Any, w: Any) -> tuple[int, Any]:
    K, width = integer(K, "K", low=0), positive(w, "w")
    rational(T, "T")
    return K, width


def fout_closures(K: int, T: Any, w: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-FOUT-3: :math:`[A_{su}, B_{su}, A_{consistent}, B_{consistent}]` of the complex FouT
    system closed with Su's :math:`u(T-w) \approx \sum_kc_k` and with
    :math:`u(T-w) \approx 2\sum_kc_k - u(T)`, as Galerkin projections sampled on equispaced nodes
    (:func:`_complex_fout`).  T does not enter (validated only)."""
    K, width = _fout_point(K, T, w)
    with precision(prec):
        return [*_complex_fout(K, width, 1), *_complex_fout(K, width, 2)]


def fout_consistent(K: int, T: Any, w: Any, a0: Any, a1: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-ERR-2: :math:`[A, B]` of the complex FouT system with the consistent closure
    :math:`u(T-w) \approx 2\sum_kc_k - u(T)` (:func:`_complex_fout`); the linear input's T, a0, a1 do not
    enter the matrices (validated only)."""
    K, width = _fout_point(K, T, w)
    rational(a0, "a0")
    rational(a1, "a1")
    with precision(prec):
        return _complex_fout(K, width, 2)


def _real_basis(n: int, s: Any) -> tuple[Any, Any]:
    r"""Convention 9 at a rational s: :math:`(g_n(s), g_n'(s))`, :math:`g_0 = 1`, :math:`g_1 = 0`,
    :math:`g_{2f} = \sqrt2\cos 2\pi fs`, :math:`g_{2f+1} = \sqrt2\sin 2\pi fs`, as Arb balls."""
    from flint import arb

    if n < 2:
        return arb(1 - n), arb(0)
    f = n // 2
    root2, x = arb(2).sqrt(), arb(2 * f * s)
    cos, sin = x.cos_pi(), x.sin_pi()
    if n % 2 == 0:
        return root2 * cos, -2 * arb.pi() * f * root2 * sin
    return root2 * sin, 2 * arb.pi() * f * root2 * cos


def _real_fout(h: int, width: Any, sign: int, end: int) -> list[Any]:
    r""":math:`[\mathrm{sign}\cdot D/w,\ g(\mathrm{end})/w]` with :math:`D_{nk} = \int_0^1 g_n'g_k\,ds`
    on N = 2h (trapezoid on N nodes: the products have degree <= N - 2, so the rule is exact)."""
    N = 2 * h

    def entry(n: int, k: int) -> Any:
        return sign * _trapezoid(lambda s: _real_basis(n, s)[1] * _real_basis(k, s)[0], N) / width

    D = [[entry(n, k) for k in range(N)] for n in range(N)]
    return [D, [_real_basis(n, end)[0] / width for n in range(N)]]


def fout_real_system(h: int, t: Any, w: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-FOUT-4: :math:`[D/w, e/w]` of the exact identity
    :math:`\dot c = Dc/w + (e/w)(u(t) - u(t-w))` for the real FouT coefficients
    :math:`c_n = \int_0^1 u(t - ws)g_n(s)ds`, N = 2h.

    Under the integral and by parts, :math:`\dot c_n = \frac1w[u(t)g_n(0) - u(t-w)g_n(1) + \sum_kc_k\int_0^1
    g_kg_n'ds]` (exact: :math:`g_n'` lies in the span for even N), so :math:`D_{nk} = \int_0^1 g_n'g_k` and
    :math:`e_n = g_n(0)`, the coefficient of u(t).  t does not enter (validated only).
    """
    h, width = integer(h, "h", low=1), positive(w, "w")
    rational(t, "t")
    with precision(prec):
        return _real_fout(h, width, 1, 0)


def fout_forward_real_system(h: int, t: Any, w: Any, prec: int = _PREC) -> list[Any]:
    r"""HIPPO-FOUT-5: the same for the forward-oriented :math:`c_n = \int_0^1 u(t - w + wr)g_n(r)dr`:
    :math:`\dot c_n = \frac1w[u(t)g_n(1) - u(t-w)g_n(0) - \sum_kc_k\int_0^1 g_kg_n'dr]`, so the route gives
    :math:`[-D/w, g(1)/w]`.  t does not enter (validated only)."""
    h, width = integer(h, "h", low=1), positive(w, "w")
    rational(t, "t")
    with precision(prec):
        return _real_fout(h, width, -1, 1)
