"""Private: the exact S4 API (NPLR factors, signed-binomial eigenvectors, normal spectra, reduced
FouT) and small exact helpers shared by the S4 result modules.

Only the HiPPO contract function :func:`proofs.hippo.transition` is used from the HiPPO pillar.
"""

from __future__ import annotations

from functools import lru_cache
from numbers import Integral
from typing import Any

import sympy
from sympy import I, Matrix, Poly, Rational, Symbol, binomial, cot, eye, pi, sqrt, zeros

from proofs.hippo.transitions import MAX_N
from proofs.hippo import transition

__all__ = ["NPLR_MEASURES", "nplr", "legs_eigenvectors", "normal_spectrum", "fout_reduced", "sigma",
           "integer_legs", "root", "bilinear_exact", "W"]

NPLR_MEASURES = ("legs", "legt", "lagt", "lagt-half", "fout")

W = Symbol("w", positive=True)


def _N(N: Any, minimum: int = 1) -> int:
    if isinstance(N, bool) or not isinstance(N, (Integral, sympy.Integer)) or int(N) < minimum:
        raise ValueError(f"N must be a positive integer{'' if minimum == 1 else f' >= {minimum}'}, got {N!r}")
    if int(N) > MAX_N:  # exact N x N matrices beyond the HiPPO pillar's bound would not finish
        raise ValueError(f"N must be a positive integer at most {MAX_N}, got {N!r}")
    return int(N)


def _measure(measure: Any) -> str:
    if not isinstance(measure, str) or measure not in NPLR_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(NPLR_MEASURES)} (the measures with an NPLR form; "
                         f"'lmu' and 'fous' are not normal plus low rank), got {measure!r}")
    return measure


def sigma(N: int) -> Matrix:
    """The sign matrix :math:`\\Sigma_{nk}=\\operatorname{sign}(k-n)` (convention 8)."""
    return Matrix(N, N, lambda n, k: sympy.sign(k - n))


def fout_e(N: int) -> Matrix:
    return Matrix([1 if n == 0 else (sqrt(2) if n % 2 == 0 else 0) for n in range(N)])


def fout_D(N: int) -> Matrix:
    """Block-diagonal skew :math:`D` of HIPPO-FOUT-4: :math:`D_{2k,2k+1}=-2\\pi k`, :math:`D_{2k+1,2k}=2\\pi k`."""
    D = zeros(N, N)
    for k in range(1, N):
        if 2 * k + 1 < N:
            D[2 * k, 2 * k + 1], D[2 * k + 1, 2 * k] = -2 * pi * k, 2 * pi * k
    return D


@lru_cache(maxsize=None)
def root(n: int, k: int) -> Any:
    """:math:`\\sqrt{(2n+1)(2k+1)}` (cached: the S4 proofs reuse every entry for N = 1..32)."""
    return sqrt((2 * n + 1) * (2 * k + 1))


@lru_cache(maxsize=None)
def _legs_S(n: int, k: int) -> Any:
    return sympy.sign(k - n) * root(n, k) / 2 - (Rational(1, 2) if n == k else 0)


@lru_cache(maxsize=None)
def _legt_K(n: int, k: int, w: Any) -> Any:
    return root(n, k) * sympy.sign(k - n) * ((n - k) % 2) / w


def _closed_factors(measure: str, N: int, w: Any) -> tuple[Matrix, Matrix]:
    """The closed forms (S, P) of S4-NPLR-1..4 (no reference to A)."""
    v = [sqrt(2 * n + 1) for n in range(N)]
    if measure == "legs":
        return Matrix(N, N, _legs_S), Matrix([sqrt(Rational(2 * n + 1, 2)) for n in range(N)])
    if measure == "legt":
        K = Matrix(N, N, lambda n, k: _legt_K(n, k, w))
        P = Matrix(N, 2, lambda n, j: v[n] / sqrt(w) if (n % 2 == 1) == (j == 0) else 0)
        return K, P
    if measure in ("lagt", "lagt-half"):
        S = sigma(N) / 2 - (eye(N) / 2 if measure == "lagt" else zeros(N, N))
        return S, Matrix([1 / sqrt(2)] * N)
    return fout_D(N) / w, sqrt(2 / w) * fout_e(N)


def _window(window: Any) -> Any:
    w = sympy.sympify(window)
    if not (w.is_positive is True):
        raise ValueError(f"window must be positive (window > 0), got {window!r}")
    return w


def nplr(measure: str, N: int, *, window: Any = 1) -> tuple[Matrix, Matrix, Matrix]:
    """Exact NPLR factors ``(S, P, B)`` of a HiPPO matrix: :math:`A=S-PP^{\\mathsf T}` (S4 Theorem 1).

    .. math:: S=cI+K,\\quad K^{\\mathsf T}=-K,\\qquad (A,B)=\\texttt{transition(measure, N, window)}

    ``legs``: :math:`S=\\tfrac12T\\Sigma T-\\tfrac12I`, :math:`P_n=\\sqrt{n+\\frac12}`;
    ``legt``: :math:`S=K` (S4-NPLR-2), :math:`P=[P^{(0)},P^{(1)}]`, rank 2;
    ``lagt``: :math:`S=\\tfrac12\\Sigma-\\tfrac12I`; ``lagt-half``: :math:`S=\\tfrac12\\Sigma`, :math:`P=\\mathbf 1/\\sqrt2`;
    ``fout``: :math:`S=D/w`, :math:`P=\\sqrt{2/w}\\,e`.  Domain: ``measure`` in :data:`NPLR_MEASURES`,
    integer N >= 1, window > 0 (int, Rational or positive Symbol).  The factors are closed forms;
    the check :math:`A=S-PP^{\\mathsf T}` against ``transition`` is the registered S4-NPLR-1..4.
    Sources: S4 Theorem 1; state-spaces/s4 ``rank_correction``; Su 重温SSM（三）.
    """
    measure, N, w = _measure(measure), _N(N), _window(window)
    _, B = transition(measure, N, window=w)
    S, P = _closed_factors(measure, N, w)
    return S, P, B


def legs_eigenvectors(N: int) -> Matrix:
    """Signed binomial matrix :math:`V_{ij}=(-1)^{i-j}\\binom{i+j}{i-j}` (i >= j), S4-EIG-3:

    .. math:: (T^{-1}AT)\\,V = V\\operatorname{diag}(-1,\\dots,-N),\\qquad T=\\operatorname{diag}(\\sqrt{2n+1}).

    Domain: integer N >= 1.  Source: S4 Lemma 3.2 (corrected sign, S4-ERR-1).
    """
    N = _N(N)
    return Matrix(N, N, lambda i, j: (-1) ** (i - j) * binomial(i + j, i - j) if i >= j else 0)


def integer_legs(N: int) -> Matrix:
    """:math:`M=T^{-1}AT`: :math:`M_{nk}=-(2k+1)[n>k]-(n+1)\\delta_{nk}` (HIPPO-LEGS-2)."""
    return Matrix(N, N, lambda n, k: -(2 * k + 1) if n > k else (-(n + 1) if n == k else 0))


_w = Symbol("omega")


def normal_spectrum(measure: str, N: int, *, window: Any = 1) -> list[Any]:
    """Exact frequencies :math:`\\omega` (ascending) of the normal part, eigenvalues :math:`c+i\\omega` (S4-NPLR-5).

    Closed forms: ``lagt``/``lagt-half`` :math:`\\tfrac12\\cot\\tfrac{\\pi(2j+1)}{2N}`; ``fout``
    :math:`\\pm2\\pi k/w` and zeros; ``legs`` and ``legt`` with N <= 4 by radicals.
    Otherwise the exact roots (``CRootOf``) of the characteristic polynomial of :math:`-iK`, computed
    through the rational matrix similar to K.  Domain: as :func:`nplr`.
    """
    measure, N, w = _measure(measure), _N(N), _window(window)
    if measure in ("lagt", "lagt-half"):
        out = [cot(pi * (2 * j + 1) / (2 * N)) / 2 for j in range(N)]
        return sorted(out, key=lambda e: float(e))
    if measure == "fout":
        ks = [2 * pi * k / w for k in range(1, N) if 2 * k + 1 < N]
        return sorted([-k for k in ks] + [sympy.Integer(0)] * (N - 2 * len(ks)) + ks,
                      key=lambda e: float(e.subs(W, 1)) if e.free_symbols else float(e))
    # K = (1/2) T Sigma T (legs) or the legt K: similar to a rational matrix (scale by T^2 on one side)
    if measure == "legs":
        Kr = Matrix(N, N, lambda n, k: Rational(2 * n + 1, 2) * sympy.sign(k - n))
        scale = 1
    else:
        Kr = Matrix(N, N, lambda n, k: (2 * n + 1) * sympy.sign(k - n) * ((n - k) % 2))
        scale = 1 / w
    x = Symbol("x")
    chi = Kr.charpoly(x).as_expr()  # det(x I - K) with eigenvalues x = i*omega
    q = sympy.expand(chi.subs(x, I * _w) / I ** N)
    poly = Poly(q, _w)
    if (measure == "legs" and N <= 4) or (measure == "legt" and N <= 4):
        roots = sympy.roots(poly)
        vals = [r for r, m in roots.items() for _ in range(m)]
    else:
        vals = poly.all_roots()
    return sorted([scale * v for v in vals], key=lambda e: float(e.subs(W, 1)) if getattr(e, "free_symbols", None)
                  else float(e))


def fout_reduced(N: int, *, window: Any = 1) -> tuple[Matrix, Matrix, Matrix, Matrix]:
    """FouT with the placeholder index 1 removed: ``(A', B', S', P')`` (S4-NPLR-6).

    .. math:: A'=\\tfrac1w(D'-2e'e'^{\\mathsf T}),\\quad B'=\\tfrac2we',\\quad S'=D'/w,\\quad P'=\\sqrt{2/w}\\,e'.

    Row and column 1 of the FouT system vanish and :math:`B_1=0`, so the kernel is unchanged and
    the reduced A' is Hurwitz.  Domain: even N >= 2 (odd N raises ValueError), window > 0.
    """
    N, w = _N(N), _window(window)
    if N % 2:
        raise ValueError(f"fout_reduced needs an even N >= 2 (for odd N the FouT ODE is only a Galerkin "
                         f"truncation and has a second zero mode), got N = {N}")
    A, B = transition("fout", N, window=w)
    S, P, _ = nplr("fout", N, window=w)
    keep = [i for i in range(N) if i != 1]
    return A.extract(keep, keep), B.extract(keep, [0]), S.extract(keep, keep), P.extract(keep, [0])


def bilinear_exact(A: Matrix, B: Matrix, step: Any) -> tuple[Matrix, Matrix]:
    """Exact bilinear pair (HIPPO-DISC-3), written out here (the S4 pillar uses only ``transition``)."""
    N = A.rows
    inv = (eye(N) - step / 2 * A).inv()
    return (inv * (eye(N) + step / 2 * A)).applyfunc(sympy.cancel), (step * inv * B).applyfunc(sympy.cancel)
