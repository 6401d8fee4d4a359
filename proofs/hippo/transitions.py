"""Exact machinery of the HiPPO pillar: validation, bases, inner products, transitions.

Private module of :mod:`proofs.hippo` (the public names are re-exported there).

Two routes to every transition pair :math:`(A, B)`:

- :func:`transition` types in the closed forms of the spec (``hippo.md`` section 3);
- :func:`derive_transition` computes them from the projection definition with exact
  arithmetic: polynomial bases are coefficient vectors over QQ (Rodrigues formulas),
  inner products are bilinear forms with the exact moment matrix
  (:math:`\\int_0^1 r^{i+j}dr = 1/(i+j+1)` for Legendre, :math:`\\int_0^\\infty y^{i+j}e^{-y}dy=(i+j)!`
  for Laguerre), evaluated with ``DomainMatrix`` products over QQ; Fourier bases are
  Laurent polynomials in :math:`z=e^{2\\pi i s}` whose integral over a period is the
  constant term.  No ``integrate`` call is involved and ``transition`` is never consulted.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from numbers import Integral
from typing import Any

import sympy
from sympy import QQ, I, Matrix, Poly, Rational, Symbol, pi, sqrt
from sympy.polys.matrices import DomainMatrix

from .legendre import rodrigues_laguerre, x

__all__ = [
    "MEASURES",
    "check_N",
    "check_measure",
    "check_window",
    "frequencies",
    "shifted_legendre",
    "transition",
    "derive_transition",
    "general_term",
    "fout_complex",
    "rescale",
    "poly_exp_integral",
]

MEASURES = ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")
MAX_N = 4096
_WINDOWED = ("legt", "lmu", "fout")
n_, k_ = Symbol("n", integer=True, nonnegative=True), Symbol("k", integer=True, nonnegative=True)


# --- validation --------------------------------------------------------------------------------


def check_N(N: Any, name: str = "N") -> int:
    """Return ``N`` as an int if it is a positive integer, else raise ValueError."""
    if isinstance(N, bool) or not isinstance(N, Integral) or int(N) < 1:
        raise ValueError(f"{name} must be a positive integer (1, 2, 3, ...), got {N!r}")
    if int(N) > MAX_N:  # exact N x N matrices beyond this are out of reach (and would hang)
        raise ValueError(f"{name} must be a positive integer at most {MAX_N}, got {N!r}")
    return int(N)


def check_measure(measure: Any) -> str:
    if not isinstance(measure, str) or measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; allowed values: {', '.join(MEASURES)}")
    return measure


def check_window(window: Any) -> Any:
    """A window length w > 0: positive int, Fraction, SymPy Rational, or Symbol declared positive."""
    if isinstance(window, bool):
        raise ValueError(f"window must satisfy window > 0 (a positive int, Rational or positive Symbol), "
                         f"got {window!r}")
    if isinstance(window, Fraction):
        window = Rational(window.numerator, window.denominator)
    if isinstance(window, Integral):
        window = sympy.Integer(int(window))
    if isinstance(window, Symbol):
        if window.is_positive is not True:
            raise ValueError(f"window must satisfy window > 0: declare the Symbol positive "
                             f"(Symbol({str(window)!r}, positive=True)), got {window!r}")
        return window
    if isinstance(window, sympy.Rational):
        if window <= 0:
            raise ValueError(f"window must satisfy window > 0, got {window}")
        return window
    raise ValueError(f"window must satisfy window > 0 and be exact (positive int, Rational or positive Symbol), "
                     f"got {window!r} of type {type(window).__name__}")


def frequencies(N: int) -> list[int]:
    """Convention 10: :math:`\\nu_j = 0, 1, -1, 2, -2, \\dots` (``ceil(j/2)`` for odd j, ``-j/2`` for even j)."""
    return [(j + 1) // 2 if j % 2 else -(j // 2) for j in range(check_N(N))]


# --- closed forms (spec section 3) ---------------------------------------------------------------


@lru_cache(maxsize=None)
def _sqrt(m: int) -> Any:
    return sqrt(sympy.Integer(m))


def _parity(m: int) -> int:
    return -1 if m % 2 else 1


def _closed(measure: str, N: int, w: Any) -> tuple[Matrix, Matrix]:
    if measure == "legs":
        A = Matrix(N, N, lambda n, k: -_sqrt((2 * n + 1) * (2 * k + 1)) if k < n else (-(n + 1) if k == n else 0))
        return A, Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1))
    if measure == "legt":
        A = Matrix(N, N, lambda n, k: -_sqrt((2 * n + 1) * (2 * k + 1)) * (1 if k < n else _parity(n - k)) / w)
        return A, Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1) / w)
    if measure == "lmu":
        A = Matrix(N, N, lambda n, k: -sympy.Integer(2 * n + 1) * (1 if n < k else _parity(n - k)) / w)
        return A, Matrix(N, 1, lambda n, _: _parity(n) * sympy.Integer(2 * n + 1) / w)
    if measure == "lagt":
        return Matrix(N, N, lambda n, k: -1 if k <= n else 0), sympy.ones(N, 1)
    if measure == "lagt-half":
        return Matrix(N, N, lambda n, k: -1 if k < n else (Rational(-1, 2) if k == n else 0)), sympy.ones(N, 1)
    if measure == "fout":
        e = [1] + [_sqrt(2) if j % 2 == 0 else 0 for j in range(1, N)]

        def entry(n: int, k: int) -> Any:
            d = 0
            if n % 2 == 0 and k == n + 1:  # (n = 0 would give d = 0 anyway)
                d = -2 * pi * (n // 2)
            elif n % 2 == 1 and n > 1 and k == n - 1:
                d = 2 * pi * (n // 2)
            return (d - 2 * e[n] * e[k]) / w

        return Matrix(N, N, entry), Matrix(N, 1, lambda n, _: 2 * e[n] / w)
    # fous
    nu = frequencies(N)
    A = Matrix(N, N, lambda j, q: I * pi * nu[j] - 1 if j == q else -Rational(nu[j], nu[j] - nu[q]))
    return A, sympy.ones(N, 1)


def transition(measure: str, N: int, *, window: Any = 1) -> tuple[Matrix, Matrix]:
    """The HiPPO transition pair :math:`(A, B)` in closed form (spec section 3, API contract section 10).

    .. math::
        \\text{legs: } A_{nk} = -\\sqrt{(2n+1)(2k+1)}\\,[k<n] - (n+1)\\delta_{nk},\\quad B_n = \\sqrt{2n+1}
        \\quad (t\\dot x = Ax + Bu)

    ``"legt"`` (window w, HIPPO-LEGT-2), ``"lmu"`` (theta = w, HIPPO-LMU-1), ``"lagt"``
    (paper: :math:`A=-\\operatorname{tril}(\\mathbf 1)`), ``"lagt-half"`` (hippo-code/s4 ``lagt``:
    :math:`-\\tfrac12 I - \\operatorname{stril}(\\mathbf 1)`), ``"fout"`` (real Fourier, s4
    ``fourier2`` at w=1 and ``fout`` at w=2: :math:`A=(D-2ee^{\\mathsf T})/w`, :math:`B=2e/w`;
    exact identity for even N, Galerkin truncation for odd N) and ``"fous"`` (HIPPO-FOUS-3 on
    frequencies 0, 1, -1, 2, -2, ...; :math:`t\\dot x = Ax+Bu`).  Signs follow the code/S4
    convention (spectrum in the left half-plane); the HiPPO paper's A is the negative.

    Parameters: ``N`` positive int; ``window`` w > 0 (int, Rational, or positive Symbol), validated
    for every measure and ignored by legs, lagt, lagt-half, fous.
    Source: Gu et al. 2020 (HiPPO) Thms 1-2; Voelker et al. 2019; Su, 重温SSM（一）/（二）;
    state-spaces/s4 ``hippo.py``; HazyResearch/hippo-code ``op.py``.
    """
    measure, N, w = check_measure(measure), check_N(N), check_window(window)
    return _closed(measure, N, w)


def general_term(measure: str) -> tuple[Any, Any]:
    """The general entries :math:`(A_{nk}, B_n)` as SymPy ``Piecewise`` in the symbols ``n``, ``k`` (and ``w``).

    ``"fout"`` and ``"fous"`` are indexed by the basis index (fout) or by the frequency
    :math:`n, k \\in \\mathbb Z` (fous: :math:`A_{nk} = -n/(n-k)`, :math:`A_{nn} = i\\pi n - 1`).
    """
    measure = check_measure(measure)
    n, k, w = n_, k_, Symbol("w", positive=True)
    s = sqrt((2 * n + 1) * (2 * k + 1))
    P = sympy.Piecewise
    if measure == "legs":
        return P((-s, k < n), (-(n + 1), sympy.Eq(k, n)), (0, True)), sqrt(2 * n + 1)
    if measure == "legt":
        return P((-s / w, k < n), (-s * (-1) ** (n - k) / w, True)), sqrt(2 * n + 1) / w
    if measure == "lmu":
        return P((-(2 * n + 1) / w, n < k), (-(2 * n + 1) * (-1) ** (n - k) / w, True)), (-1) ** n * (2 * n + 1) / w
    if measure == "lagt":
        return P((-1, k <= n), (0, True)), sympy.Integer(1)
    if measure == "lagt-half":
        return P((-1, k < n), (Rational(-1, 2), sympy.Eq(k, n)), (0, True)), sympy.Integer(1)
    if measure == "fout":
        e = lambda j: P((1, sympy.Eq(j, 0)), (0, sympy.Eq(j % 2, 1)), (sqrt(2), True))  # noqa: E731
        # (n = 0 and n = 1 meet a frequency of 0 here, so they need no condition of their own)
        skew = P((-2 * pi * (n / 2), sympy.And(sympy.Eq(n % 2, 0), sympy.Eq(k, n + 1))),
                 (2 * pi * ((n - 1) / 2), sympy.And(sympy.Eq(n % 2, 1), sympy.Eq(k, n - 1))), (0, True))
        return (skew - 2 * e(n) * e(k)) / w, 2 * e(n) / w
    n, k = Symbol("n", integer=True), Symbol("k", integer=True)  # frequencies may be negative
    return P((I * pi * n - 1, sympy.Eq(n, k)), (-n / (n - k), True)), sympy.Integer(1)


def fout_complex(K: int, *, window: Any = 1, closure: str = "consistent") -> tuple[Matrix, Matrix]:
    """Complex FouT on frequencies :math:`-K..K` (ascending), HIPPO-FOUT-3.

    .. math::
        \\text{consistent: } A = \\tfrac1w(\\operatorname{diag}(2\\pi i n) - 2\\mathbf 1\\mathbf 1^{\\mathsf T}),
        \\ B = \\tfrac2w\\mathbf 1; \\qquad
        \\text{su: } A_{nn} = \\tfrac{2\\pi i n - 1}{w},\\ A_{nk} = -\\tfrac1w,\\ B = \\tfrac1w\\mathbf 1 .

    Su's closure :math:`u(T-w)\\approx\\sum_k c_k` is inconsistent (erratum HIPPO-ERR-2: the sum
    tends to the midpoint :math:`\\tfrac12(u(T)+u(T-w))`); the consistent closure is
    :math:`u(T-w)\\approx 2\\sum_k c_k - u(T)`.  ``K`` is an integer >= 0.
    Source: Su, 重温SSM（一） (Fourier case); state-spaces/s4.
    """
    if isinstance(K, bool) or not isinstance(K, Integral) or int(K) < 0:
        raise ValueError(f"K must be a non-negative integer (frequencies -K..K), got {K!r}")
    if 2 * int(K) + 1 > MAX_N:  # the (2K+1) x (2K+1) matrix is bounded like transition's N
        raise ValueError(f"K must be a non-negative integer at most {(MAX_N - 1) // 2} (frequencies -K..K), got {K!r}")
    if closure not in ("consistent", "su"):
        raise ValueError(f"unknown closure {closure!r}; allowed values: consistent, su")
    K, w = int(K), check_window(window)
    size = 2 * K + 1
    c = 2 if closure == "consistent" else 1
    A = Matrix(size, size, lambda a, b: ((2 * pi * I * (a - K) if a == b else 0) - c) / w)
    return A, Matrix(size, 1, lambda *_: sympy.Integer(c) / w)


def rescale(A: Any, B: Any, lam: Any) -> tuple[Matrix, Matrix]:
    """HIPPO-RESCALE-1: :math:`(\\Lambda^{-1}A\\Lambda, \\Lambda^{-1}B)` for :math:`c = \\Lambda\\tilde c`.

    ``lam`` is a sequence of N nonzero entries (numbers or Symbols); A is N x N and B has N rows.
    """
    A, B = Matrix(A), Matrix(B)
    if isinstance(lam, (str, bytes)) or not hasattr(lam, "__iter__"):
        raise ValueError(f"rescale needs lam as a sequence of nonzero numbers or Symbols, got {lam!r}")
    lam = [sympy.sympify(v) for v in lam]
    if not all(isinstance(v, sympy.Expr) for v in lam):  # a nested list sympifies to a list, not a factor
        raise ValueError(f"rescale needs every factor lam_n to be a number or a SymPy expression, got {lam!r}")
    N = len(lam)
    if A.shape != (N, N) or B.rows != N:
        raise ValueError(f"rescale needs A of shape ({N}, {N}) and B with {N} rows for {N} factors, "
                         f"got A {A.shape}, B {B.shape}")
    if any(v.is_zero or v == 0 for v in lam):
        raise ValueError("rescale needs every factor lam_n nonzero")
    return (Matrix(N, N, lambda n, k: A[n, k] * lam[k] / lam[n]),
            Matrix(N, B.cols, lambda n, j: B[n, j] / lam[n]))


# --- exact bases ------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def shifted_legendre(n: int) -> Poly:
    """:math:`\\tilde P_n(r) = P_n(2r-1) = \\frac{1}{n!}\\frac{d^n}{dr^n}(r^2-r)^n` over QQ.

    Rodrigues' formula (DLMF 18.5.5) after :math:`x = 2r-1`: :math:`x^2-1 = 4(r^2-r)` and
    :math:`d/dx = \\tfrac12 d/dr`, so the powers of 2 cancel.
    """
    return (Poly(x**2 - x, x, domain=QQ) ** n).diff((x, n)) * Rational(1, sympy.factorial(n))


def _rows(polys: list[Poly], width: int) -> DomainMatrix:
    """Coefficient vectors (ascending powers) as the rows of a DomainMatrix over QQ."""
    rows = []
    for p in polys:
        c = p.all_coeffs()[::-1] if not p.is_zero else []
        if len(c) > width:
            raise ValueError("polynomial degree exceeds the moment matrix")
        rows.append([QQ(int(v.p), int(v.q)) for v in c] + [QQ(0)] * (width - len(c)))
    return DomainMatrix(rows, (len(polys), width), QQ)


@lru_cache(maxsize=None)
def _moments(kind: str, width: int) -> DomainMatrix:
    if kind == "legendre":  # int_0^1 r^(i+j) dr
        rows = [[QQ(1, i + j + 1) for j in range(width)] for i in range(width)]
    else:  # int_0^oo y^(i+j) e^-y dy
        rows = [[QQ(int(sympy.factorial(i + j))) for j in range(width)] for i in range(width)]
    return DomainMatrix(rows, (width, width), QQ)


def gram(left: list[Poly], right: list[Poly], kind: str) -> list[list[Any]]:
    """Exact matrix of inner products :math:`\\langle p_n, q_k\\rangle` (moment-matrix bilinear form)."""
    width = 1 + max([p.degree() for p in left + right if not p.is_zero] + [0])  # pragma: no mutate (a wider moment matrix only adds zero columns)
    G = _rows(left, width) * _moments(kind, width) * _rows(right, width).transpose()
    return [[Rational(int(v.numerator), int(v.denominator)) for v in row] for row in G.to_list()]


def poly_exp_integral(p: Poly, m: int) -> Any:
    """:math:`\\int_0^1 p(s)e^{2\\pi i m s}ds` exactly, for a polynomial p over QQ and an integer m.

    For m = 0 the antiderivative of p; otherwise repeated integration by parts with
    :math:`a = 2\\pi i m` and :math:`e^{a}=1`:
    :math:`\\sum_j (-1)^j\\,(p^{(j)}(1)-p^{(j)}(0))/a^{j+1}`.
    """
    if m == 0:
        F = p.integrate()
        return F.eval(1) - F.eval(0)
    a, total, q, j = 2 * pi * I * m, sympy.Integer(0), p, 0
    while not q.is_zero:
        total += (-1) ** j * (q.eval(1) - q.eval(0)) / a ** (j + 1)
        q, j = q.diff(x), j + 1
    return total


def _laurent_basis(N: int) -> list[dict[int, Any]]:
    """Convention 9 real Fourier basis as Laurent polynomials in :math:`z = e^{2\\pi i s}`."""
    out: list[dict[int, Any]] = []
    for j in range(N):
        f = j // 2
        if j == 0:
            out.append({0: sympy.Integer(1)})
        elif j == 1:
            out.append({})  # the placeholder zero function
        elif j % 2 == 0:
            out.append({f: _sqrt(2) / 2, -f: _sqrt(2) / 2})
        else:
            out.append({f: _sqrt(2) / (2 * I), -f: -_sqrt(2) / (2 * I)})
    return out


def _laurent_pair(f: dict[int, Any], g: dict[int, Any]) -> Any:
    """:math:`\\int_0^1 f g\\,ds` = constant term of the product."""
    return sympy.expand(sum((c * g[-m] for m, c in f.items() if -m in g), sympy.Integer(0)))


# --- derivations from the projection definition ---------------------------------------------------------


def _radical_entry(q: Any, n: int, k: int) -> Any:
    """:math:`q\\sqrt{(2n+1)(2k+1)}` for a rational q: the rational factor is formed first, so each entry
    costs one symbolic product (the same canonical Mul as multiplying by the radical step by step)."""
    return q * _sqrt((2 * n + 1) * (2 * k + 1)) if q != 0 else sympy.Integer(0)


def _derive(measure: str, N: int, w: Any) -> tuple[Matrix, Matrix]:
    if measure in ("legs", "legt"):
        P = [shifted_legendre(j) for j in range(N)]
        dP = [p.diff(x) for p in P]
        at0, at1 = [p.eval(0) for p in P], [p.eval(1) for p in P]  # endpoint values once per basis function
        if measure == "legs":
            # t c_n' = g_n(1) u(t) - c_n - sum_k <r g_n', g_k> c_k
            R = gram([Poly(x, x, domain=QQ) * q for q in dP], P, "legendre")
            A = Matrix(N, N, lambda n, k: _radical_entry(-R[n][k], n, k) if n != k
                       else -1 - (2 * n + 1) * R[n][k])
            return A, Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1) * at1[n])
        # legt: A_nk = -(g_n(0) g_k(0) + <g_n', g_k>)/w, B_n = g_n(1)/w
        R = gram(dP, P, "legendre")
        A = Matrix(N, N, lambda n, k: _radical_entry(-(at0[n] * at0[k] + R[n][k]), n, k) / w)
        return A, Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1) * at1[n] / w)
    if measure == "lmu":
        flip = Poly(1 - x, x, domain=QQ)
        psi = [shifted_legendre(j).compose(flip) for j in range(N)]  # P_k(1 - 2r)
        phi = [(2 * j + 1) * p for j, p in enumerate(psi)]
        R = gram([p.diff(x) for p in phi], psi, "legendre")
        phi0, psi0 = [p.eval(0) for p in phi], [p.eval(0) for p in psi]  # once per function, not per entry
        A = Matrix(N, N, lambda n, k: -(phi0[n] * psi0[k] + R[n][k]) / w)
        return A, Matrix(N, 1, lambda n, _: phi[n].eval(1) / w)
    if measure in ("lagt", "lagt-half"):
        L = [rodrigues_laguerre(j) for j in range(N)]
        # d/dy [L_n e^{-y}] = (L_n' - L_n) e^{-y};  d/dy [L_n e^{-y/2}] e^{-y/2} = (L_n' - L_n/2) e^{-y}
        half = Rational(1, 2) if measure == "lagt-half" else Rational(1)
        R = gram([p.diff(x) - p * half for p in L], L, "laguerre")
        # B_n = value of the basis function at lag 0
        return Matrix(N, N, lambda n, k: R[n][k]), Matrix(N, 1, lambda n, _: L[n].eval(0))
    if measure == "fout":
        g = _laurent_basis(N)
        dg = [{m: 2 * pi * I * m * c for m, c in f.items()} for f in g]
        e = [sympy.expand(sum(f.values(), sympy.Integer(0))) for f in g]  # g_n(0) = g_n(1)
        # c' = (e/w)(u(t) - u(t-w)) + D c / w, closure u(t-w) = 2 e^T c - u(t)
        A = Matrix(N, N, lambda n, k: (_laurent_pair(dg[n], g[k]) - 2 * e[n] * e[k]) / w)
        return A, Matrix(N, 1, lambda n, _: 2 * e[n] / w)
    # fous: A_jl = -delta + 2 pi i nu_j int_0^1 s e^{2 pi i (nu_l - nu_j) s} ds, B_j = 1 (= e^{0})
    nu, s = frequencies(N), Poly(x, x, domain=QQ)
    # the integral depends on m = nu_q - nu_j only: one integration per m, not per entry
    moment = {m: poly_exp_integral(s, m) for m in {b - a for a in nu for b in nu}}
    rate = [2 * pi * I * v for v in nu]  # 2 pi i nu_j, once per row
    A = Matrix(N, N, lambda j, q: -(1 if j == q else 0) + rate[j] * moment[nu[q] - nu[j]])
    return A, Matrix(N, 1, lambda j, _: poly_exp_integral(Poly(1, x, domain=QQ), 0))


def derive_transition(measure: str, N: int, *, window: Any = 1) -> tuple[Matrix, Matrix]:
    """:math:`(A, B)` computed from the projection definition (never from :func:`transition`).

    .. math::
        \\text{legs: } A_{nk} = -\\delta_{nk} - \\int_0^1 r\\,g_n'(r)g_k(r)\\,dr,\\ B_n = g_n(1);\\qquad
        \\text{legt: } A_{nk} = -\\tfrac1w\\Big[g_n(0)g_k(0) + \\int_0^1 g_n'g_k\\,dr\\Big],\\ B_n = \\tfrac{g_n(1)}{w}

    lmu: the same with the biorthogonal pair :math:`\\varphi_n=(2n+1)P_n(1-2r)`, :math:`\\psi_k=P_k(1-2r)`;
    lagt / lagt-half: :math:`A_{nk}=\\int_0^\\infty \\partial_y[\\ell_n]\\,\\ell_k`, :math:`B_n=\\ell_n(0)` with
    :math:`\\ell_n = L_ne^{-y}` against :math:`L_k`, or :math:`L_ne^{-y/2}` against :math:`L_ke^{-y/2}`;
    fout: :math:`A = (D-2ee^{\\mathsf T})/w` with :math:`D_{nk}=\\int_0^1 g_n'g_k` (Laurent polynomials in
    :math:`e^{2\\pi is}`) after the consistent closure; fous: Galerkin truncation of HIPPO-FOUS-1.
    Inner products are exact (moment matrices over QQ); see the module docstring.
    Same parameters and errors as :func:`transition`.
    """
    measure, N, w = check_measure(measure), check_N(N), check_window(window)
    A, B = _derive_cached(measure, N, w)
    return A.copy(), B.copy()  # callers may mutate what they get; the cache keeps its own


@lru_cache(maxsize=512)
def _derive_cached(measure: str, N: int, w: Any) -> tuple[Matrix, Matrix]:
    # Many results (properties, discretisations, NPLR) start from the same derived pair; the
    # derivation is exact and deterministic, so it is done once per (measure, N, window).
    return _derive(measure, N, w)
