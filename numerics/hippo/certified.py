"""FLINT routes of the HiPPO pillar, for the certified tier (python-flint only).

The Legendre polynomials come from FLINT's ``fmpq_poly.legendre_p`` (its own recurrence), shifted to
:math:`[0, 1]` by composition with :math:`2r - 1`; the Laguerre polynomials from their explicit coefficients
:math:`(-1)^k\\binom{n}{k}/k!`.  Every integral below is of a polynomial: over a finite interval it is the
difference of an antiderivative (``fmpq_poly.integral``), against :math:`e^{-hy}` on :math:`[0, \\infty)` it
is the moment sum :math:`\\sum_j c_j\\,j!/h^{j+1}`.  So every quantity is exact over :math:`\\mathbb{Q}` up
to the square roots of the orthonormal bases (:math:`g_n = \\tilde P_n/\\|\\tilde P_n\\|`, the norms
computed, not typed), which are exact when the radicand is a rational square and Arb balls otherwise.

The routes (each names its result key):

- the Legendre and Laguerre identities HIPPO-LEG-1..6 and HIPPO-LAG-1/2, exactly;
- the transition systems (HIPPO-LEGS-1, LEGS-3, LEGT-1/2, LMU-1/2, LAGT-1/2, ERR-3) are *identified*
  from their ODE, the idea of the mpmath route: for the polynomial inputs :math:`u(x) = x^j` the
  coefficients :math:`c(t)` and their time derivatives (differentiated under the integral sign, no
  integration by parts) are computed exactly, and the unique matrices with
  :math:`\\dot c = Ac + Bu(t)` (and :math:`+ B_-u(t-w)` for a window) on those inputs solve one exact
  linear system (``fmpq_mat.solve``); the LegT closure replaces :math:`u(t-w)` by the least-squares
  reconstruction from :math:`c` (the synthesis functions from the exact Gram matrix);
- the LegS and LagT matrices of the LegS properties (HIPPO-LEGS-2, LEGS-P1, P4..P10) from the projection
  integrals :math:`A_{nk} = -\\delta_{nk} - \\int_0^1 r g_n'g_k` and
  :math:`\\int_0^\\infty (L_n' - hL_n)L_ke^{-y}dy` (as :func:`numerics.hippo.legs_matrix` and
  :func:`numerics.hippo.lagt_matrix` do by quadrature), kept in the rational basis
  :math:`\\tilde P_n` (:math:`A = SMS^{-1}`, :math:`S = \\operatorname{diag}(1/\\|\\tilde P_n\\|)`);
  spectra by the exact characteristic polynomial and its rational roots, resolvents by exact inverses,
  matrix exponentials by Arb's rigorous ``arb_mat.exp``;
- the moving-measure derivative (HIPPO-GEN-1), the timescale equivariance (HIPPO-LEGS-P3) and the
  reconstruction maps (HIPPO-LEGT-4, LEGS-P7) from exact projections of polynomials.

Routes that are exact accept ``prec`` and ignore it; the others run at ``prec`` bits (Arb's working
precision, restored afterwards).  Nothing here evaluates the closed form it certifies.
"""

from __future__ import annotations

from math import comb, factorial
from typing import Any

from ..arb import integer, positive, precision, rational

__all__ = ["legendre_derivative_difference", "legendre_derivative_next", "legendre_derivative",
           "x_times_legendre_derivative", "shifted_legendre_derivative", "laguerre_derivative",
           "legendre_endpoints_and_gram", "laguerre_origin_and_gram",
           "moving_measure_derivative", "legs_system", "legs_integer_system", "su_legs_integer_system",
           "legt_exact_identity", "legt_system", "legt_closure_residual", "legt_reconstruction_map",
           "lmu_system", "su_lmu_system", "lagt_system", "lagt_half_system",
           "legs_matrix_twice", "legs_spectrum_parts", "legs_scaled_coefficient", "legs_step_product",
           "legs_matvec", "legs_resolvent_solve", "legs_reconstruction_map", "legs_green_function",
           "impulse_responses", "legs_dc_gain_parts"]

def _degree(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    return n


def _dlegendre(n: int, x: Any) -> Any:
    """:math:`P_n'(x)` exactly (``P_{-1} = 0``)."""
    from flint import fmpq, fmpq_poly

    return fmpq(0) if n < 1 else fmpq_poly.legendre_p(n).derivative()(x)


def legendre_derivative_difference(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-2's left side :math:`P_{n+1}'(x) - P_{n-1}'(x)`."""
    n, x = _degree(n), rational(x, "x")
    return _dlegendre(n + 1, x) - _dlegendre(n - 1, x)


def legendre_derivative_next(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-3's left side :math:`P_{n+1}'(x)`."""
    return _dlegendre(_degree(n) + 1, rational(x, "x"))


def legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-4's left side :math:`P_n'(x)`."""
    return _dlegendre(_degree(n), rational(x, "x"))


def x_times_legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-5's left side :math:`x P_n'(x)`."""
    x = rational(x, "x")
    return x * _dlegendre(_degree(n), x)


def shifted_legendre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LEG-6's left side :math:`(x + 1) P_n'(x)`."""
    x = rational(x, "x")
    return (x + 1) * _dlegendre(_degree(n), x)


def laguerre_derivative(n: int, x: Any, prec: int = 0) -> Any:
    """HIPPO-LAG-2's left side :math:`L_n'(x)`, from
    :math:`L_n(x) = \\sum_k (-1)^k \\binom{n}{k} x^k / k!`."""
    from flint import fmpq

    n, x = _degree(n), rational(x, "x")
    total = fmpq(0)
    for k in range(1, n + 1):
        total += fmpq((-1) ** k * comb(n, k) * k, factorial(k)) * x ** (k - 1)
    return total


def legendre_endpoints_and_gram(n: int, prec: int = 0) -> list[Any]:
    """HIPPO-LEG-1's quantity exactly:
    :math:`[P_n(1), P_n(-1), \\int_{-1}^1 P_nP_0, \\dots, \\int_{-1}^1 P_nP_n]`,
    the integrals from the antiderivative of each product polynomial (``fmpq_poly.integral``)."""
    from flint import fmpq_poly

    n = _degree(n)
    pn = fmpq_poly.legendre_p(n)
    out = [pn(1), pn(-1)]
    for k in range(n + 1):
        anti = (pn * fmpq_poly.legendre_p(k)).integral()
        out.append(anti(1) - anti(-1))
    return out


def _laguerre(n: int) -> Any:
    from flint import fmpq, fmpq_poly

    return fmpq_poly([fmpq((-1) ** k * comb(n, k), factorial(k)) for k in range(n + 1)])


def laguerre_origin_and_gram(n: int, prec: int = 0) -> list[Any]:
    """HIPPO-LAG-1's quantity exactly: :math:`[L_n(0), \\int_0^\\infty L_nL_0e^{-y}dy, \\dots, \\int_0^\\infty
    L_nL_ne^{-y}dy]`, each integral as :math:`\\sum_j c_j\\,j!` over the product's coefficients
    (:math:`\\int_0^\\infty y^je^{-y}dy = j!`)."""
    from flint import fmpq

    n = _degree(n)
    ln = _laguerre(n)
    out = [ln(0)]
    for k in range(n + 1):
        coeffs = (ln * _laguerre(k)).coeffs()
        total = fmpq(0)
        for j, c in enumerate(coeffs):
            total += c * factorial(j)
        out.append(total)
    return out


# --- shared exact pieces of the routes below ------------------------------------------------------------




def _root(q: Any) -> Any:
    """:math:`\\sqrt q` for a rational :math:`q \\ge 0`: an exact ``fmpq`` when q is a rational square,
    else the Arb ball at the working precision."""
    from flint import arb, fmpq

    q = fmpq(q)
    if q.p.is_square() and q.q.is_square():
        return fmpq(q.p.sqrt(), q.q.sqrt())
    return arb(q).sqrt()


def _times(x: Any, y: Any) -> Any:
    """``x * y`` that keeps an exact zero exact (a zero times a ball is the exact ``fmpq`` 0)."""
    from flint import fmpq

    return fmpq(0) if x == 0 else x * y


def _over(p: Any, lo: Any, hi: Any) -> Any:
    """:math:`\\int_{lo}^{hi} p` of a polynomial, from its antiderivative."""
    anti = p.integral()
    return anti(hi) - anti(lo)


def _moment(p: Any, h: Any) -> Any:
    """:math:`\\int_0^\\infty p(y)e^{-hy}dy = \\sum_j c_j\\,j!/h^{j+1}` of a polynomial p (h > 0)."""
    from flint import fmpq

    total = fmpq(0)
    for j, c in enumerate(p.coeffs()):
        total += c * factorial(j) / h ** (j + 1)
    return total


def _monomial(j: int) -> Any:
    from flint import fmpq_poly

    return fmpq_poly([0] * j + [1])


def _shifted_legendre(n: int) -> Any:
    """:math:`\\tilde P_n(r) = P_n(2r - 1)`, FLINT's Legendre polynomial composed with :math:`2r - 1`."""
    from flint import fmpq_poly

    return fmpq_poly.legendre_p(n)(fmpq_poly([-1, 2]))


def _norms(phis: list[Any], lo: Any, hi: Any) -> list[Any]:
    """:math:`\\int_{lo}^{hi}\\varphi_n^2`, the squared norms of an orthogonal family."""
    return [_over(p * p, lo, hi) for p in phis]


def _synthesis_at(phis: list[Any], x: Any, lo: Any, hi: Any) -> list[Any]:
    """:math:`\\psi_k(x)` of the least-squares reconstruction :math:`u \\approx \\sum_k c_k\\psi_k` from
    :math:`c_n = \\int_{lo}^{hi} u\\varphi_n`: :math:`\\psi = G^{-1}\\varphi` with the exact Gram matrix
    :math:`G_{nk} = \\int\\varphi_n\\varphi_k`."""
    from flint import fmpq_mat

    N = len(phis)
    G = fmpq_mat(N, N, [_over(p * q, lo, hi) for p in phis for q in phis])
    values = fmpq_mat(N, 1, [p(x) for p in phis])
    psi = G.solve(values)
    return [psi[k, 0] for k in range(N)]


def _solve(X: Any, Y: Any) -> Any:
    try:
        return X.solve(Y)
    except ZeroDivisionError:  # pragma: no cover - the input samples are unisolvent (see the routes)
        raise ArithmeticError("the polynomial inputs do not determine the system "
                              "(singular data matrix)") from None


def _scaled_matrix(M: list[list[Any]], h: list[Any]) -> list[list[Any]]:
    """:math:`SMS^{-1}` for :math:`S = \\operatorname{diag}(1/\\sqrt{h_n})`: entries
    :math:`M_{nk}\\sqrt{h_k/h_n}`."""
    return [[_times(M[n][k], _root(h[k] / h[n])) for k in range(len(h))] for n in range(len(h))]


def _scaled_vector(v: list[Any], h: list[Any]) -> list[Any]:
    """:math:`Sv`: entries :math:`v_n/\\sqrt{h_n}`."""
    return [_times(v[n], _root(1 / h[n])) for n in range(len(h))]


def _laguerre_family(N: int) -> list[Any]:
    return [_laguerre(n) for n in range(N)]


# --- identification of a system from its ODE on polynomial inputs ------------------------------------------


def _identify_scaled(phis: list[Any], t: Any, rho: Any, lo: Any, hi: Any) -> tuple[list, list]:
    """``(A, B)`` with :math:`t\\dot c = Ac + Bu(t)` for
    :math:`c_n(t) = \\int_{lo}^{hi}u(t\\rho(s))\\varphi_n(s)ds`,
    identified on the inputs :math:`u = x^j`, :math:`j \\le N`: :math:`c` and :math:`t\\dot c_n =
    \\int u'(t\\rho)\\,t\\rho\\,\\varphi_n` (under the integral) exactly; the data matrix
    :math:`[c^\\top, u(t)]` is invertible because a polynomial of degree :math:`\\le N` orthogonal to degree
    < N is a multiple of the N-th orthogonal polynomial, which does not vanish at the present endpoint."""
    from flint import fmpq_mat

    N = len(phis)
    time = rho * t
    X, Y = fmpq_mat(N + 1, N + 1), fmpq_mat(N + 1, N)
    for j in range(N + 1):
        u = _monomial(j)
        value, slope = u(time), u.derivative()(time) * time
        for n, phi in enumerate(phis):
            X[j, n], Y[j, n] = _over(value * phi, lo, hi), _over(slope * phi, lo, hi)
        X[j, N] = u(t)
    Z = _solve(X, Y)
    return [[Z[k, n] for k in range(N)] for n in range(N)], [Z[N, n] for n in range(N)]


def _identify_window(phis: list[Any], t: Any, w: Any) -> tuple[list, list, list]:
    """``(K, B_+, B_-)`` with :math:`\\dot c = Kc + B_+u(t) + B_-u(t-w)` for :math:`c_n(t) = \\int_0^1
    u(t-w+wr)\\varphi_n(r)dr`, identified on :math:`u = x^j`, :math:`j \\le N+1` (:math:`\\dot c_n = \\int_0^1
    u'(t-w+wr)\\varphi_n` under the integral).  The data matrix :math:`[c^\\top, u(t), u(t-w)]` is invertible:
    a polynomial of degree :math:`\\le N+1` orthogonal to degree < N and zero at both ends is
    :math:`r(1-r)q` with :math:`\\int r(1-r)q^2 = 0`, so zero."""
    from flint import fmpq_mat, fmpq_poly

    N = len(phis)
    time = fmpq_poly([t - w, w])
    X, Y = fmpq_mat(N + 2, N + 2), fmpq_mat(N + 2, N)
    for j in range(N + 2):
        u = _monomial(j)
        value, slope = u(time), u.derivative()(time)
        for n, phi in enumerate(phis):
            X[j, n], Y[j, n] = _over(value * phi, 0, 1), _over(slope * phi, 0, 1)
        X[j, N], X[j, N + 1] = u(t), u(t - w)
    Z = _solve(X, Y)
    K = [[Z[k, n] for k in range(N)] for n in range(N)]
    return K, [Z[N, n] for n in range(N)], [Z[N + 1, n] for n in range(N)]


def _closed_window(phis: list[Any], t: Any, w: Any) -> tuple[list, list]:
    """The closed window system: the exact identity with :math:`u(t-w) \\approx \\sum_k c_k\\psi_k(0)` (the
    reconstruction at the far end of the window), :math:`A = K + B_-\\psi(0)^\\top`, :math:`B = B_+`."""
    K, Bp, Bm = _identify_window(phis, t, w)
    psi0 = _synthesis_at(phis, 0, 0, 1)
    N = len(phis)
    return [[K[n][k] + Bm[n] * psi0[k] for k in range(N)] for n in range(N)], Bp


def _identify_lag(N: int, t: Any, h: Any) -> tuple[list, list]:
    """``(A, B)`` with :math:`\\dot c = Ac + Bu(t)` for
    :math:`c_n(t) = \\int_0^\\infty u(t-y)L_n(y)e^{-hy}dy`, identified on :math:`u = x^j`, :math:`j \\le N`
    (:math:`\\dot c_n = \\int_0^\\infty u'(t-y)L_ne^{-hy}` under the integral; moments :math:`j!/h^{j+1}`).
    Invertible: :math:`u(t-\\cdot)` orthogonal to degree < N for the weight :math:`e^{-hy}` is a multiple of
    :math:`L_N(hy)`, which is 1 at :math:`y = 0`."""
    from flint import fmpq_mat, fmpq_poly

    phis = _laguerre_family(N)
    lag = fmpq_poly([t, -1])
    X, Y = fmpq_mat(N + 1, N + 1), fmpq_mat(N + 1, N)
    for j in range(N + 1):
        u = _monomial(j)
        value, slope = u(lag), u.derivative()(lag)
        for n, phi in enumerate(phis):
            X[j, n], Y[j, n] = _moment(value * phi, h), _moment(slope * phi, h)
        X[j, N] = u(t)
    Z = _solve(X, Y)
    return [[Z[k, n] for k in range(N)] for n in range(N)], [Z[N, n] for n in range(N)]


# --- HIPPO-GEN-1 --------------------------------------------------------------------------------------------


def moving_measure_derivative(n: int, T: Any, w: Any, a0: Any, a1: Any, a2: Any, a3: Any, a4: Any,
                              prec: int = 199) -> list[Any]:
    """HIPPO-GEN-1's left side: :math:`\\frac{d}{dT}c_n(T)` for
    :math:`c_n(T) = \\int_{-1}^1 u(t_T(s))\\hat g_n(s)ds`,
    :math:`u = \\sum_j a_jx^j`, :math:`\\hat g_n = P_n/\\|P_n\\|`, for LegS :math:`t_T(s) = (s+1)T/2` and LegT
    :math:`t_T(s) = (s+1)w/2 + T - w`.

    Differentiated under the integral sign,
    :math:`\\int_{-1}^1 u'(t_T(s))\\,\\partial_Tt_T(s)\\,\\hat g_n(s)ds`
    (the statement integrates by parts instead), each integral exact by ``fmpq_poly``; the norm
    :math:`\\|P_n\\|^2 = \\int_{-1}^1P_n^2` is computed.
    """
    from flint import fmpq, fmpq_poly

    n = _degree(n)
    T, w = positive(T, "T"), positive(w, "w")
    du = fmpq_poly([rational(a, f"a{j}") for j, a in enumerate((a0, a1, a2, a3, a4))]).derivative()
    P = fmpq_poly.legendre_p(n)
    half = fmpq(1, 2)
    legs = _over(du(fmpq_poly([T * half, T * half])) * fmpq_poly([half, half]) * P, -1, 1)
    legt = _over(du(fmpq_poly([w * half + T - w, w * half])) * P, -1, 1)
    with precision(prec):
        norm = _root(1 / _over(P * P, -1, 1))
        return [_times(legs, norm), _times(legt, norm)]


# --- transition systems identified from their ODE -----------------------------------------------------------


def legs_system(N: int, t: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-1's ``(A, B)``: the unique pair with :math:`t\\dot c = Ac + Bu(t)` for the LegS
    coefficients :math:`c_n(t) = \\int_0^1u(tr)g_n(r)dr`, :math:`g_n = \\tilde P_n/\\|\\tilde P_n\\|`,
    identified on polynomial inputs at the point's t (:func:`_identify_scaled`) in the basis
    :math:`\\tilde P_n`, then rescaled."""
    from flint import fmpq_poly

    N, t = integer(N, "N", low=1), positive(t, "t")
    phis = [_shifted_legendre(n) for n in range(N)]
    A, B = _identify_scaled(phis, t, fmpq_poly([0, 1]), 0, 1)
    h = _norms(phis, 0, 1)
    with precision(prec):
        return [_scaled_matrix(A, h), _scaled_vector(B, h)]


def legs_integer_system(N: int, t: Any, prec: int = 0) -> list[Any]:
    """HIPPO-LEGS-3's ``(A', B')`` exactly: identified (:func:`_identify_scaled`) for the de-rooted state
    :math:`c'_n(t) = \\int_0^1u(tr)(2n+1)P_n(2r-1)dr` with :math:`t\\dot c' = A'c' + B'u(t)`."""
    from flint import fmpq_poly

    N, t = integer(N, "N", low=1), positive(t, "t")
    phis = [(2 * n + 1) * _shifted_legendre(n) for n in range(N)]
    return list(_identify_scaled(phis, t, fmpq_poly([0, 1]), 0, 1))


def su_legs_integer_system(N: int, t: Any, prec: int = 0) -> list[Any]:
    """HIPPO-ERR-3's ``(A', B')`` by Su's route, exactly: Su projects on :math:`s \\in [-1, 1]` with
    :math:`t_T(s) = (s+1)T/2` and :math:`\\hat g_n = P_n/\\|P_n\\|`, then divides by :math:`\\lambda_n =
    \\sqrt{2/(2n+1)}`.  The system of :math:`\\int_{-1}^1u((s+1)t/2)P_n(s)ds` is identified
    (:func:`_identify_scaled`) and rescaled by :math:`a_n = \\sqrt{(1/\\|P_n\\|^2)/\\lambda_n^2}` (a rational
    square here, so exact)."""
    from flint import fmpq, fmpq_poly

    N, t = integer(N, "N", low=1), positive(t, "t")
    phis = [fmpq_poly.legendre_p(n) for n in range(N)]
    A, B = _identify_scaled(phis, t, fmpq_poly([fmpq(1, 2), fmpq(1, 2)]), -1, 1)
    a = [_root(1 / h / fmpq(2, 2 * n + 1)) for n, h in enumerate(_norms(phis, -1, 1))]
    return [[[_times(A[n][k], a[n] / a[k]) for k in range(N)] for n in range(N)],
            [_times(B[n], a[n]) for n in range(N)]]


def _window_point(N: Any, t: Any, w: Any) -> tuple[int, Any, Any]:
    return integer(N, "N", low=1), rational(t, "t"), positive(w, "w")


def legt_exact_identity(N: int, t: Any, w: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGT-1's ``(K, B_+, B_-)``: :math:`\\dot c = Kc + B_+u(t) + B_-u(t-w)` for the LegT coefficients
    :math:`c_n = \\int_0^1u(t-w+wr)g_n(r)dr`, identified exactly on polynomial inputs
    (:func:`_identify_window`) in the basis :math:`\\tilde P_n`, then rescaled to :math:`g_n`."""
    N, t, w = _window_point(N, t, w)
    phis = [_shifted_legendre(n) for n in range(N)]
    K, Bp, Bm = _identify_window(phis, t, w)
    h = _norms(phis, 0, 1)
    with precision(prec):
        return [_scaled_matrix(K, h), _scaled_vector(Bp, h), _scaled_vector(Bm, h)]


def legt_system(N: int, t: Any, w: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGT-2's closed ``(A, B)``: the identified exact identity closed by the reconstruction
    :math:`u(t-w) \\approx \\sum_kc_kg_k(0)` (:func:`_closed_window`), rescaled to :math:`g_n`."""
    N, t, w = _window_point(N, t, w)
    phis = [_shifted_legendre(n) for n in range(N)]
    A, B = _closed_window(phis, t, w)
    h = _norms(phis, 0, 1)
    with precision(prec):
        return [_scaled_matrix(A, h), _scaled_vector(B, h)]


def legt_closure_residual(N: int, t: Any, w: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGT-3's ``(v, R_c, r_u)``: the exact identity (identified on polynomial inputs,
    :func:`_identify_window`) minus the closed LegT ODE :math:`Ac + Bu(t)` written as
    :math:`v\\,\\varepsilon_N + R_cc + r_uu(t)`, :math:`\\varepsilon_N = u(t-w) - \\sum_kc_kg_k(0)`:
    :math:`v = B_-`, :math:`R_c = K - A + v\\,g(0)^\\top`, :math:`r_u = B_+ - B`.

    The closed pair comes another way, from the projection integrals after one integration by parts,
    :math:`A_{nk} = -\\frac1w[g_n(0)g_k(0) + \\int_0^1g_n'g_k]`, :math:`B_n = g_n(1)/w`, so :math:`R_c` and
    :math:`r_u` compare two independent exact computations.
    """
    N, t, w = _window_point(N, t, w)
    phis = [_shifted_legendre(n) for n in range(N)]
    K, Bp, Bm = _identify_window(phis, t, w)
    h = _norms(phis, 0, 1)
    # in the basis P~_n (c = S c~, see _legs_pair): A~_nk = -[P~_n(0) P~_k(0) + int P~_n' P~_k] / (w h_k)
    A = [[-(p(0) * q(0) + _over(p.derivative() * q, 0, 1)) / (w * h[k]) for k, q in enumerate(phis)]
         for p in phis]
    B = [p(1) / w for p in phis]
    psi0 = _synthesis_at(phis, 0, 0, 1)
    Rc = [[K[n][k] - A[n][k] + Bm[n] * psi0[k] for k in range(N)] for n in range(N)]
    ru = [Bp[n] - B[n] for n in range(N)]
    with precision(prec):
        return [_scaled_vector(Bm, h), _scaled_matrix(Rc, h), _scaled_vector(ru, h)]


def lmu_system(N: int, t: Any, w: Any, prec: int = 0) -> list[Any]:
    """HIPPO-LMU-1's closed ``(A, B)`` exactly: the LMU state
    :math:`c_n = \\int_0^1u(t-w+wr)(2n+1)P_n(1-2r)dr`,
    its exact identity identified on polynomial inputs and closed by the least-squares reconstruction at
    the far end of the window (:func:`_closed_window`)."""
    from flint import fmpq_poly

    N, t, w = _window_point(N, t, w)
    phis = [(2 * n + 1) * fmpq_poly.legendre_p(n)(fmpq_poly([1, -2])) for n in range(N)]
    return list(_closed_window(phis, t, w))


def su_lmu_system(N: int, t: Any, w: Any, prec: int = 0) -> list[Any]:
    """HIPPO-LMU-2's ``(A', B')`` exactly: Su's LegT state :math:`\\sqrt2\\int_0^1u\\,g_n\\,dr` divided by
    :math:`\\lambda_n = \\sqrt2/\\sqrt{2n+1}`.  The closed window system of :math:`\\tilde P_n`
    (:func:`_closed_window`) is rescaled by :math:`a_n = \\sqrt{(2/\\|\\tilde P_n\\|^2)/\\lambda_n^2}`
    (a rational square here, so exact)."""
    from flint import fmpq

    N, t, w = _window_point(N, t, w)
    phis = [_shifted_legendre(n) for n in range(N)]
    A, B = _closed_window(phis, t, w)
    a = [_root(2 / h / fmpq(2, 2 * n + 1)) for n, h in enumerate(_norms(phis, 0, 1))]
    return [[[_times(A[n][k], a[n] / a[k]) for k in range(N)] for n in range(N)],
            [_times(B[n], a[n]) for n in range(N)]]


def lagt_system(N: int, t: Any, prec: int = 0) -> list[Any]:
    """HIPPO-LAGT-1's ``(A, B)`` exactly: :math:`\\dot c = Ac + Bu(t)` for
    :math:`c_n = \\int_0^\\infty u(t-y)L_n(y)e^{-y}dy`, identified on polynomial inputs
    (:func:`_identify_lag`)."""
    from flint import fmpq

    return list(_identify_lag(integer(N, "N", low=1), rational(t, "t"), fmpq(1)))


def lagt_half_system(N: int, t: Any, prec: int = 0) -> list[Any]:
    """HIPPO-LAGT-2's ``(A, B)`` exactly: as :func:`lagt_system` for the basis :math:`L_ne^{-y/2}`,
    :math:`c_n = \\int_0^\\infty u(t-y)L_n(y)e^{-y/2}dy` (moments :math:`j!\\,2^{j+1}`)."""
    from flint import fmpq

    return list(_identify_lag(integer(N, "N", low=1), rational(t, "t"), fmpq(1, 2)))


# --- reconstruction maps (HIPPO-LEGT-4, HIPPO-LEGS-P7) ------------------------------------------------------


def _reconstruction_map(N: int) -> Any:
    """:math:`Q_{ij}` = coefficient of :math:`r^i` in :math:`\\sum_n c_n\\psi_n(r)` for :math:`c_n = \\int_0^1
    r^j\\tilde P_n(r)dr`, :math:`\\psi = G^{-1}\\tilde P` (the Gram matrix exact), :math:`j < N`."""
    from flint import fmpq_mat, fmpq_poly

    phis = [_shifted_legendre(n) for n in range(N)]
    G = fmpq_mat(N, N, [_over(p * q, 0, 1) for p in phis for q in phis])
    Q = fmpq_mat(N, N)
    for j in range(N):
        c = fmpq_mat(N, 1, [_over(_monomial(j) * p, 0, 1) for p in phis])
        weights = G.solve(c)  # sum_n c_n psi_n = sum_n (G^{-1} c)_n P~_n
        rec = fmpq_poly([0])
        for n, p in enumerate(phis):
            rec += weights[n, 0] * p
        for i, coeff in enumerate(rec.coeffs()):
            Q[i, j] = coeff
    return Q


def legt_reconstruction_map(N: int, t: Any, w: Any, tau: Any, prec: int = 0) -> Any:
    """HIPPO-LEGT-4 exactly: the LegT reconstruction map on the window monomials :math:`r^j`, :math:`j < N`
    (:func:`_reconstruction_map`: project exactly, resynthesise, read the monomial coefficients).  The map
    is the same for every window, so t, w and tau (where the mpmath route evaluates) are only checked."""
    N, _, _ = _window_point(N, t, w)
    rational(tau, "tau")
    return _reconstruction_map(N)


def legs_reconstruction_map(N: int, t: Any, tau: Any, prec: int = 0) -> Any:
    """HIPPO-LEGS-P7 exactly: the LegS reconstruction map on the monomials :math:`r^j = (\\tau/t)^j`,
    :math:`j < N` (:func:`_reconstruction_map`); t and tau are only checked."""
    N = integer(N, "N", low=1)
    positive(t, "t")
    rational(tau, "tau")
    return _reconstruction_map(N)


# --- the LegS and LagT matrices from the projection integrals -----------------------------------------------


def _legs_pair(N: int) -> tuple[Any, list[Any], list[Any]]:
    """``(M, b, h)``: the LegS pair in the basis :math:`\\tilde P_n`, :math:`A = SMS^{-1}`, :math:`B = Sb`,
    :math:`S = \\operatorname{diag}(1/\\sqrt{h_n})`, from :math:`A_{nk} = -\\delta_{nk} - \\int_0^1rg_n'g_k`
    and :math:`B_n = g_n(1)`: :math:`M_{nk} = -\\delta_{nk} - \\int_0^1r\\tilde P_n'\\tilde P_k/h_k`,
    :math:`b_n = \\tilde P_n(1)`, :math:`h_n = \\int_0^1\\tilde P_n^2`."""
    from flint import fmpq_mat, fmpq_poly

    phis = [_shifted_legendre(n) for n in range(N)]
    h = _norms(phis, 0, 1)
    r = fmpq_poly([0, 1])
    M = fmpq_mat(N, N, [-(1 if n == k else 0) - _over(r * p.derivative() * q, 0, 1) / h[k]
                        for n, p in enumerate(phis) for k, q in enumerate(phis)])
    return M, [p(1) for p in phis], h


def _rows(M: Any) -> list[list[Any]]:
    return [[M[i, j] for j in range(M.ncols())] for i in range(M.nrows())]


def _lagt_pair(N: int, h: Any) -> tuple[Any, Any]:
    """The LagT pair from the projection integrals: :math:`A_{nk} = \\int_0^\\infty(L_n' - hL_n)L_ke^{-y}dy`
    (factorial moments) and :math:`B_n = L_n(0)`, as ``fmpq_mat``."""
    from flint import fmpq, fmpq_mat

    L = _laguerre_family(N)
    A = fmpq_mat(N, N, [_moment((p.derivative() - h * p) * q, fmpq(1)) for p in L for q in L])
    return A, fmpq_mat(N, 1, [p(0) for p in L])


def legs_matrix_twice(N: int, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-2: the LegS matrix :math:`A_{nk} = -\\delta_{nk} - \\int_0^1rg_n'g_k` (both forms are this
    matrix), from the exact projection integrals (:func:`_legs_pair`), returned twice."""
    N = integer(N, "N", low=1)
    M, _, h = _legs_pair(N)
    with precision(prec):
        A = _scaled_matrix(_rows(M), h)
        return [A, A]


def legs_spectrum_parts(N: int, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-P1's three parts for the LegS matrix of the projection integrals (:func:`_legs_pair`): its
    eigenvalues in decreasing order, its strictly upper part, and :math:`A\\,TV - TV\\operatorname{diag}(-1,
    \\dots, -N)` for :math:`T = \\operatorname{diag}(\\sqrt{2i+1})`, :math:`V_{ij} =
    (-1)^{i-j}\\binom{i+j}{i-j}`.

    The eigenvalues are the roots of the exact characteristic polynomial of :math:`M` (similar to A):
    rational roots by ``fmpq_poly.roots``, or FLINT's certified complex roots if some are not rational.
    The residual is :math:`S(M\\,DV - DV\\operatorname{diag}(-1, \\dots, -N))` with
    :math:`D = S^{-1}T = \\operatorname{diag}(\\sqrt{h_i(2i+1)})`.
    """
    from flint import fmpq

    N = integer(N, "N", low=1)
    M, _, h = _legs_pair(N)
    chi = M.charpoly()
    rational_roots = [r for r, mult in chi.roots() for _ in range(mult)]
    with precision(prec):
        if len(rational_roots) == N:
            eigenvalues: list[Any] = sorted(rational_roots, reverse=True)
        else:
            eigenvalues = sorted((z for z, mult in chi.complex_roots() for _ in range(mult)),
                                 key=lambda z: z.real.mid(), reverse=True)
        A = _scaled_matrix(_rows(M), h)
        upper = [[A[i][j] if j > i else fmpq(0) for j in range(N)] for i in range(N)]
        V = [[fmpq((-1) ** (i - j) * comb(i + j, i - j)) if i >= j else fmpq(0) for j in range(N)]
             for i in range(N)]
        D = [_root(h[i] * (2 * i + 1)) for i in range(N)]
        DV = [[_times(V[i][j], D[i]) for j in range(N)] for i in range(N)]
        R = [[sum((_times(M[i, k], DV[k][j]) for k in range(N)), fmpq(0)) + DV[i][j] * (j + 1)
              for j in range(N)] for i in range(N)]
        residual = [[_times(R[i][j], _root(1 / h[i])) for j in range(N)] for i in range(N)]
        return [eigenvalues, upper, residual]


def legs_scaled_coefficient(n: int, alpha: Any, t: Any, a0: Any, a1: Any, a2: Any, a3: Any, a4: Any,
                            prec: int = 199) -> Any:
    """HIPPO-LEGS-P3's quantity: the LegS coefficient at time t of the time-scaled input
    :math:`v(\\tau) = u(\\alpha\\tau)`, :math:`u = \\sum_ja_jx^j`, from its defining integral over
    :math:`[0, t]`, :math:`\\frac1t\\int_0^tu(\\alpha\\tau)\\,\\tilde P_n(\\tau/t)d\\tau/\\|\\tilde P_n\\|`
    (as the mpmath route), exact by ``fmpq_poly`` up to the norm's square root (the statement integrates
    :math:`u(\\alpha tr)` in r instead)."""
    from flint import fmpq_poly

    n = _degree(n)
    alpha, t = positive(alpha, "alpha"), positive(t, "t")
    u = fmpq_poly([rational(a, f"a{j}") for j, a in enumerate((a0, a1, a2, a3, a4))])
    basis = fmpq_poly.legendre_p(n)(fmpq_poly([-1, 2 / t]))  # P_n(2 tau / t - 1)
    value = _over(u(fmpq_poly([0, alpha])) * basis, 0, t) / t
    with precision(prec):
        p = _shifted_legendre(n)
        return _times(value, _root(1 / _over(p * p, 0, 1)))


def legs_step_product(N: int, m: int = 3, n: int = 7, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-P4's quantity: the product :math:`\\bar A_{n-1}\\cdots\\bar A_m` of the exact LegS steps,
    each obtained without a matrix function (as :func:`numerics.hippo.legs_step`): the state at step k
    is the projection of a polynomial history on :math:`[0, k]`; with no input on :math:`(k, k+1]` its
    projection on :math:`[0, k+1]` is :math:`\\bar A_{nj} = \\int_0^q\\psi_j(r/q)\\tilde P_n(r)dr`,
    :math:`q = k/(k+1)`, :math:`\\psi_j = \\tilde P_j/h_j` (exact, in the basis :math:`\\tilde P_n`), the
    product rescaled to :math:`g_n` at the end."""
    from flint import fmpq, fmpq_mat, fmpq_poly

    N, m, n = integer(N, "N", low=1), integer(m, "m", low=1), integer(n, "n", low=1)
    if not m < n:
        raise ValueError(f"m must be smaller than n, got m={m}, n={n}")
    phis = [_shifted_legendre(j) for j in range(N)]
    h = _norms(phis, 0, 1)
    product = fmpq_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])
    for k in range(m, n):
        q = fmpq(k, k + 1)
        stretch = fmpq_poly([0, 1 / q])
        step = fmpq_mat(N, N, [_over(phis[j](stretch) * phis[i], 0, q) / h[j]
                               for i in range(N) for j in range(N)])
        product = step * product
    with precision(prec):
        return _scaled_matrix(_rows(product), h)


def _vector_point(N: int, v: dict[str, Any], extra: tuple[str, ...] = ()) -> list[Any]:
    """The entries v0..v_{N-1} of a point (exact), refusing missing or unknown names."""
    names = {f"v{j}" for j in range(N)}
    unknown = sorted(set(v) - names - set(extra))
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; expected v0..v{N - 1}")
    missing = sorted(names - set(v), key=lambda s: int(s[1:]))
    if missing:
        raise ValueError(f"missing parameter(s) {', '.join(missing)} of the vector v0..v{N - 1}")
    return [rational(v[f"v{j}"], f"v{j}") for j in range(N)]


def legs_matvec(N: int, prec: int = 199, **v: Any) -> list[Any]:
    """HIPPO-LEGS-P5's quantity :math:`Av` for the LegS matrix of the projection integrals
    (:func:`_legs_pair`) and :math:`v = (v_0, \\dots, v_{N-1})`: the dense product
    :math:`(Av)_n = \\sum_kM_{nk}\\sqrt{h_k/h_n}\\,v_k`."""
    from flint import fmpq

    N = integer(N, "N", low=1)
    vec = _vector_point(N, v)
    M, _, h = _legs_pair(N)
    with precision(prec):
        A = _scaled_matrix(_rows(M), h)
        return [sum((_times(A[n][k], vec[k]) for k in range(N)), fmpq(0)) for n in range(N)]


def legs_resolvent_solve(N: int, prec: int = 199, **v: Any) -> list[Any]:
    """HIPPO-LEGS-P6's quantity :math:`(I - \\lambda A)^{-1}v` (the point's ``lambda`` and v0..v_{N-1}) for
    the LegS matrix of the projection integrals: :math:`S(I - \\lambda M)^{-1}S^{-1}v` with the exact
    inverse (``fmpq_mat.inv``)."""
    from flint import fmpq, fmpq_mat

    N = integer(N, "N", low=1)
    if "lambda" not in v:
        raise ValueError("missing parameter lambda")
    lam = rational(v["lambda"], "lambda")
    vec = _vector_point(N, v, extra=("lambda",))
    M, _, h = _legs_pair(N)
    eye = fmpq_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])
    try:
        R = (eye - lam * M).inv()
    except ZeroDivisionError:
        raise ValueError(f"lambda = {lam} makes I - lambda A singular") from None
    with precision(prec):
        S = _scaled_matrix(_rows(R), h)
        return [sum((_times(S[n][k], vec[k]) for k in range(N)), fmpq(0)) for n in range(N)]


def _exp_times(M: Any, s: Any, b: list[Any]) -> list[Any]:
    """:math:`e^{sM}b` for a rational matrix M, by Arb's rigorous matrix exponential (``arb_mat.exp``)."""
    from flint import arb_mat

    E = (arb_mat(M) * s).exp() * arb_mat(len(b), 1, b)
    return [E[i, 0] for i in range(len(b))]


def legs_green_function(N: int, t0: Any, t1: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-P8's quantity :math:`(1/t_0)\\,e^{\\ln(t_1/t_0)A}B` for the LegS pair of the projection
    integrals: :math:`S\\,e^{\\ln(t_1/t_0)M}b/t_0` by ``arb_mat.exp`` (as the mpmath route's ``mp.expm``)."""
    from flint import arb

    N, t0, t1 = integer(N, "N", low=1), positive(t0, "t0"), positive(t1, "t1")
    M, b, h = _legs_pair(N)
    with precision(prec):
        g = _exp_times(M, arb(t1 / t0).log(), b)
        return _scaled_vector([x / t0 for x in g], h)


def impulse_responses(N: int, s: Any, prec: int = 199) -> list[Any]:
    """HIPPO-LEGS-P9's quantity :math:`e^{sA}B` for LegS (:func:`_legs_pair`: :math:`Se^{sM}b`), lagt and
    lagt-half (:func:`_lagt_pair` with h = 1, 1/2), each by ``arb_mat.exp`` of the exact matrix."""
    from flint import arb, fmpq

    N, s = integer(N, "N", low=1), positive(s, "s")
    M, b, h = _legs_pair(N)
    with precision(prec):
        out = [_scaled_vector(_exp_times(M, arb(s), b), h)]
        for weight in (fmpq(1), fmpq(1, 2)):
            A, B = _lagt_pair(N, weight)
            out.append(_exp_times(A, arb(s), [B[i, 0] for i in range(N)]))
        return out


def legs_dc_gain_parts(N: int, epsilon: Any, alpha: Any, prec: int = 199, **v: Any) -> list[Any]:
    """HIPPO-LEGS-P10's parts for the LegS pair of the projection integrals (:func:`_legs_pair`):
    :math:`Ae_0 + B` and :math:`\\bar B - (I - \\bar A)e_0` for forward Euler, backward Euler, bilinear,
    GBT(alpha) and ZOH with step epsilon.

    In the basis :math:`\\tilde P_n` (:math:`e_0 \\mapsto S^{-1}e_0`), GBT exactly:
    :math:`\\bar M = (I - \\alpha\\epsilon M)^{-1}(I + (1-\\alpha)\\epsilon M)`,
    :math:`\\bar b = \\epsilon(I - \\alpha\\epsilon M)^{-1}b` (forward alpha = 0, backward 1, bilinear 1/2);
    ZOH from Arb's rigorous ``arb_mat.exp`` of :math:`\\epsilon\\begin{bmatrix}M & b\\\\ 0 & 0\\end{bmatrix}`
    (upper blocks :math:`\\bar M`, :math:`\\bar b`).  The point's v0..v_{N-1} (the output vector of the DC
    gain) do not enter these parts; they are only checked.
    """
    from flint import arb_mat, fmpq, fmpq_mat

    N = integer(N, "N", low=1)
    eps, a = positive(epsilon, "epsilon"), rational(alpha, "alpha")
    if not 0 <= a <= 1:
        raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}")
    _vector_point(N, v)
    M, b, h = _legs_pair(N)
    eye = fmpq_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])
    bcol = fmpq_mat(N, 1, b)
    with precision(prec):
        e0 = _root(h[0])  # S^{-1} e_0 = sqrt(h_0) e_0
        parts = [[_times(M[n, 0], e0) + b[n] for n in range(N)]]
        for weight in (fmpq(0), fmpq(1), fmpq(1, 2), a):
            inv = (eye - weight * eps * M).inv()
            Mbar, bbar = inv * (eye + (1 - weight) * eps * M), eps * (inv * bcol)
            parts.append([bbar[n, 0] - _times((1 if n == 0 else 0) - Mbar[n, 0], e0) for n in range(N)])
        entries = [[eps * M[i, j] for j in range(N)] + [eps * b[i]] for i in range(N)] + [[0] * (N + 1)]
        E = arb_mat(entries).exp()
        parts.append([E[n, N] - ((1 if n == 0 else 0) - E[n, 0]) * e0 for n in range(N)])
        return [_scaled_vector(p, h) for p in parts]
