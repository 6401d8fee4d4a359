"""Independent mpmath routes for the RTF cross-checks (private; re-used by the registry).

None of these evaluates a closed form from :mod:`proofs`; each computes its quantity
from the definition by a different algorithm than the one under test:

- kernels :math:`C^{\\mathsf T}\\bar A^k\\bar B` by repeated dense matrix--vector products
  (not the :math:`O(d)` shift recurrence, not an FFT);
- characteristic coefficients by Faddeev--LeVerrier (traces), numerators by evaluating
  :math:`\\det(\\lambda I-\\bar A)\\,C^{\\mathsf T}(\\lambda I-\\bar A)^{-1}\\bar B` at scaled roots of unity
  (LU determinants and solves) and interpolating;
- alias sums from power-series coefficients obtained by repeated products;
- the bin product :math:`\\prod_l a(\\omega^l)` by Horner evaluation at each root of unity, and as the
  product of the DFT bins of :math:`(1, a, 0, \\dots)` (the pillar's own mpmath DFT);
- :math:`\\det(I-\\operatorname{comp}(a)^L)` by ``mp.det`` of the repeated matrix product;
- poles by ``mp.eig`` and by ``mp.polyroots``;
- both state-space output conventions (Su; RTF paper) by direct simulation.
"""

from __future__ import annotations

from typing import Any

from mpmath import mp

from .dft import dft
from .kernels import _number, _vector, _companion_matrix

__all__ = [
    "alias_sum",
    "as_matrix",
    "bin_product",
    "chi_roots",
    "companion",
    "convolve",
    "det_one_minus_power",
    "dft_bin_product",
    "eigenvalues",
    "faddeev_leverrier",
    "numerator_by_interpolation",
    "resolvent",
    "series_by_products",
    "simulate_rtf_paper",
    "simulate_su",
    "sort_roots",
    "state_kernel",
]


def as_matrix(rows: Any, what: str = "matrix") -> Any:
    """A list of rows (exact or mpmath numbers) as an ``mp.matrix`` at the current precision."""
    rows = [list(r) for r in rows]
    return mp.matrix([[_number(x, what) for x in r] for r in rows])


def companion(a: Any) -> Any:
    """:math:`\\operatorname{comp}(a)`: first row :math:`-a`, ones on the subdiagonal."""
    return _companion_matrix(_vector(a, "a"))


def _column(v: Any, what: str) -> Any:
    return mp.matrix(_vector(v, what))


def state_kernel(A: Any, B: Any, C: Any, n: int) -> list[Any]:
    """:math:`K_k = C^{\\mathsf T}A^kB`, :math:`k<n`, by repeated dense products :math:`x\\leftarrow Ax`."""
    A = A if isinstance(A, mp.matrix) else as_matrix(A)
    x = B if isinstance(B, mp.matrix) else _column(B, "B")
    c = C if isinstance(C, mp.matrix) else _column(C, "C")
    out = []
    for _ in range(n):
        out.append(mp.fsum(c[i] * x[i] for i in range(A.rows)))
        x = A * x
    return out


def faddeev_leverrier(A: Any) -> list[Any]:
    """:math:`a_1..a_d` of :math:`\\det(\\lambda I-A)` by Faddeev--LeVerrier:
    :math:`M_k = AM_{k-1}+a_{k-1}I`, :math:`a_k=-\\operatorname{tr}(AM_k)/k`."""
    A = A if isinstance(A, mp.matrix) else as_matrix(A)
    d = A.rows
    m, coeff, out = mp.matrix(d, d), mp.mpf(1), []
    for k in range(1, d + 1):
        m = A * m + coeff * mp.eye(d)
        am = A * m
        coeff = -mp.fsum(am[i, i] for i in range(d)) / k
        out.append(coeff)
    return out


def numerator_by_interpolation(A: Any, B: Any, C: Any) -> list[Any]:
    """:math:`b_1..b_d` of :math:`C^{\\mathsf T}\\operatorname{adj}(\\lambda I-A)B=\\sum_ib_i\\lambda^{d-i}`.

    Evaluated as :math:`\\det(\\lambda I-A)\\,C^{\\mathsf T}(\\lambda I-A)^{-1}B` (LU) at
    :math:`\\lambda_j=R\\omega^j`, :math:`\\omega=e^{2\\pi i/d}`, :math:`R=1+\\|A\\|_\\infty` (outside the
    spectrum), then interpolated by the inverse DFT on those nodes.
    """
    A = A if isinstance(A, mp.matrix) else as_matrix(A)
    Bv, Cv = _column(B, "B"), _column(C, "C")
    d = A.rows
    R = 1 + mp.mnorm(A, 1) + mp.mnorm(A, mp.inf)
    vals = []
    for j in range(d):
        lam = R * mp.expjpi(mp.mpf(2 * j) / d)
        M = lam * mp.eye(d) - A
        x = mp.lu_solve(M, Bv)
        vals.append(mp.det(M) * mp.fsum(Cv[i] * x[i] for i in range(d)))
    # p(lam) = sum_m p_m lam^m with p_m = b_{d-m}; p_m = (1/d) sum_j p(lam_j) omega^{-jm} / R^m
    coeffs = []
    for m in range(d):
        s = mp.fsum(vals[j] * mp.expjpi(mp.mpf(-2 * j * m) / d) for j in range(d)) / d / R**m
        coeffs.append(s)
    b = [coeffs[d - i] for i in range(1, d + 1)]
    return [mp.re(v) if abs(mp.im(v)) <= mp.eps * 10**8 * (1 + abs(v)) and _all_real(A, Bv, Cv) else v for v in b]


def _all_real(*ms: Any) -> bool:
    return all(mp.im(x) == 0 for m in ms for x in (m[i, j] for i in range(m.rows) for j in range(m.cols)))


def resolvent(A: Any, B: Any, C: Any, z: Any) -> Any:
    """:math:`C^{\\mathsf T}(I-zA)^{-1}B` by one LU solve."""
    A = A if isinstance(A, mp.matrix) else as_matrix(A)
    x = mp.lu_solve(mp.eye(A.rows) - z * A, _column(B, "B"))
    Cv = _column(C, "C")
    return mp.fsum(Cv[i] * x[i] for i in range(A.rows))


def series_by_products(b: Any, a: Any, n: int) -> list[Any]:
    """Power-series coefficients :math:`g_k=b^{\\mathsf T}\\operatorname{comp}(a)^ke_1` of :math:`b/a`, by products."""
    comp = companion(a)
    e1 = mp.matrix(comp.rows, 1)
    e1[0] = 1
    return state_kernel(comp, e1, _column(b, "b"), n)


def chi_roots(a: Any) -> list[Any]:
    """Roots of :math:`\\chi(\\lambda)=\\lambda^d+a_1\\lambda^{d-1}+\\dots+a_d` by ``mp.polyroots``."""
    aa = _vector(a, "a")
    zeros = 0
    while aa and aa[-1] == 0:  # exact roots at 0: polyroots converges badly on a multiple root at 0
        aa.pop()
        zeros += 1
    found = list(mp.polyroots([1] + aa, maxsteps=400, extraprec=4 * mp.prec)) if aa else []
    return found + [mp.mpf(0)] * zeros


def alias_sum(b: Any, a: Any, L: int) -> list[Any]:
    """:math:`\\sum_{m\\ge0}g_{k+mL}`, :math:`k<L`, truncated once :math:`\\rho^{ML}<10^{-(dps+5)}`."""
    rho = max(abs(r) for r in chi_roots(a))
    if rho >= 1:
        raise ValueError(f"the alias sum needs rho(comp(a)) < 1, got {mp.nstr(rho, 5)}")
    tail = mp.mpf(10) ** (-(mp.dps + 5))
    M = 1
    while rho ** (M * L) >= tail:
        M += 1
    g = series_by_products(b, a, (M + 1) * L)
    return [mp.fsum(g[k + m * L] for m in range(M + 1)) for k in range(L)]


def bin_product(a: Any, L: int) -> Any:
    """:math:`\\prod_{l<L}a(e^{2\\pi il/L})`, each factor by Horner's rule."""
    aa = _vector(a, "a")
    prod = mp.mpc(1)
    for l in range(L):
        z = mp.expjpi(mp.mpf(2 * l) / L)
        acc = mp.mpc(0)
        for coef in reversed([mp.mpf(1)] + aa):
            acc = acc * z + coef
        prod *= acc
    return prod


def dft_bin_product(a: Any, L: int) -> Any:
    """:math:`\\prod_{l<L}\\mathrm{DFT}_L(1,a_1,\\dots,a_d,0,\\dots,0)_l` with the pillar's mpmath DFT (``d < L``)."""
    aa = _vector(a, "a")
    if len(aa) >= L:
        raise ValueError(f"the padded vector (1, a) must fit in L entries: d < L, got d = {len(aa)}, L = {L}")
    prod = mp.mpc(1)
    for v in dft([mp.mpf(1)] + aa + [mp.mpf(0)] * (L - len(aa) - 1)):
        prod *= v
    return prod


def det_one_minus_power(a: Any, L: int) -> Any:
    """:math:`\\det(I-\\operatorname{comp}(a)^L)`: :math:`L` dense products, then ``mp.det`` (LU)."""
    A = companion(a)
    power = mp.eye(A.rows)
    for _ in range(L):
        power = A * power
    return mp.det(mp.eye(A.rows) - power)


def sort_roots(values: Any) -> list[Any]:
    """A canonical order for a list of (complex) roots: by real part, then imaginary part, at 1e-20."""
    def key(v: Any) -> tuple[int, int]:
        s = mp.mpf(10) ** 20
        return (int(mp.nint(mp.re(v) * s)), int(mp.nint(mp.im(v) * s)))
    return sorted((mp.mpc(v) for v in values), key=key)


def eigenvalues(A: Any) -> list[Any]:
    """Eigenvalues by ``mp.eig`` (QR iterations), canonically sorted."""
    A = A if isinstance(A, mp.matrix) else as_matrix(A)
    if A.rows == 1:  # mp.eig returns its 1 x 1 case in another form (a tuple of matrices)
        return [mp.mpc(A[0, 0])]
    return sort_roots(mp.eig(A, left=False, right=False))


def convolve(kernel: list[Any], u: list[Any]) -> list[Any]:
    """Causal convolution :math:`y_k=\\sum_{j\\le k}K_ju_{k-j}` (direct sums)."""
    return [mp.fsum(kernel[j] * u[k - j] for j in range(k + 1)) for k in range(len(u))]


def simulate_su(b: Any, a: Any, h0: Any, u: Any) -> list[Any]:
    """Su's convention: :math:`x_{k+1}=Ax_k+Bu_k`, :math:`y_k=C^{\\mathsf T}x_{k+1}+h_0u_k` (dense products)."""
    A, C = companion(a), _column(b, "b")
    x = mp.matrix(A.rows, 1)
    out = []
    for uk in _vector(u, "u", allow_empty=True):
        x = A * x
        x[0] += uk
        out.append(mp.fsum(C[i] * x[i] for i in range(A.rows)) + _number(h0, "h0") * uk)
    return out


def simulate_rtf_paper(b: Any, a: Any, h0: Any, u: Any) -> list[Any]:
    """RTF paper: :math:`y_k=C^{\\mathsf T}x_k+h_0u_k`, then :math:`x_{k+1}=Ax_k+Bu_k` (dense products)."""
    A, C = companion(a), _column(b, "b")
    x = mp.matrix(A.rows, 1)
    out = []
    for uk in _vector(u, "u", allow_empty=True):
        out.append(mp.fsum(C[i] * x[i] for i in range(A.rows)) + _number(h0, "h0") * uk)
        x = A * x
        x[0] += uk
    return out
