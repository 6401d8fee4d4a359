"""Exact machinery of the RTF pillar (private; the public names are re-exported by
:mod:`proofs.rational`).

Everything here is exact SymPy: Berkowitz characteristic polynomials (through
``Matrix.charpoly``), ``Poly`` arithmetic over the coefficients' domain, matrix powers
of the companion matrix and exact linear solves.  Conventions are Su's
(重温SSM（四）): :math:`G(z)=\\sum_kC^{\\mathsf T}\\bar A^k\\bar Bz^k=b(z)/a(z)`,
:math:`a(z)=1+a_1z+\\dots+a_dz^d`, :math:`b(z)=b_1+\\dots+b_dz^{d-1}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import sympy
from sympy import Matrix, Poly, Symbol, eye, zeros
from sympy.polys.constructor import construct_domain

__all__ = [
    "as_matrix",
    "as_vector",
    "check_L",
    "comp",
    "companion",
    "crt_kernel",
    "fft_kernel_exact",
    "lam",
    "rtf_to_su_kernel",
    "series_coefficients",
    "su_to_rtf_kernel",
    "transfer_function",
    "truncate_numerator",
    "untruncate_numerator",
    "z",
]

lam = Symbol("lambda")
z = Symbol("z")


def as_matrix(M: Any, what: str) -> Matrix:
    """A square SymPy matrix from a Matrix or a list of rows."""
    shape_error = f"{what} must be a square matrix (a SymPy Matrix or a list of rows)"
    if isinstance(M, sympy.MatrixBase):
        m = M
    else:
        try:
            rows = [list(r) for r in M]
        except TypeError as exc:
            raise ValueError(shape_error) from exc
        # entries are made SymPy expressions first: Matrix() would take any object (with a deprecation
        # warning) and fail later, far from the input
        entries = [[_entry(e, what) for e in r] for r in rows]
        try:
            m = Matrix(entries)
        except (TypeError, ValueError) as exc:  # ragged rows
            raise ValueError(shape_error) from exc
    if m.rows == 0 or m.rows != m.cols:
        raise ValueError(f"{what} must be a non-empty square matrix, got shape {m.shape}")
    m = m.applyfunc(sympy.sympify)
    if m.has(sympy.Float):
        raise ValueError(f"{what} must have exact entries (int, Fraction, SymPy Rational/expression), not floats")
    return m


def _entry(e: Any, what: str) -> Any:
    """One matrix entry as a SymPy expression (int, Fraction, Rational or expression; not a string)."""
    try:
        value = sympy.sympify(e, strict=True)
    except sympy.SympifyError:
        value = None
    if not isinstance(value, sympy.Expr):
        raise ValueError(f"{what} must have numbers or SymPy expressions as entries, got {e!r}")
    return value


def as_vector(v: Any, what: str, d: int | None = None) -> list[Any]:
    """A list of SymPy numbers/expressions from a column/row Matrix or a sequence."""
    if isinstance(v, sympy.MatrixBase):
        if min(v.shape) != 1 and v.shape != (0, 0):
            raise ValueError(f"{what} must be a vector (one row or one column), got shape {v.shape}")
        items = list(v)
    elif isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, sympy.Tuple)):
        raise ValueError(f"{what} must be a sequence of numbers, got {type(v).__name__}")
    else:
        items = list(v)
    if not items:
        raise ValueError(f"{what} must not be empty (the state size d is its length, d >= 1)")
    if d is not None and len(items) != d:
        raise ValueError(f"{what} must have length d = {d}, got {len(items)}")
    out = []
    for x in items:
        if isinstance(x, bool):
            raise ValueError(f"{what} must hold numbers or expressions, got {x!r}")
        if isinstance(x, (float, complex)):
            raise ValueError(f"{what} must be exact (int, Fraction, SymPy Rational/expression or str), got the float {x!r}")
        try:
            out.append(sympy.sympify(x, strict=not isinstance(x, str)))
        except (sympy.SympifyError, TypeError) as exc:
            raise ValueError(f"{what} must hold numbers or expressions, got {x!r}") from exc
        if out[-1].has(sympy.Float):
            raise ValueError(f"{what} must be exact (int, Fraction, SymPy Rational/expression or str), got {x!r}")
    return out


MAX_L = 2**16


def check_L(L: Any, d: int | None = None) -> int:
    """``L`` must be an integer >= 1, and larger than the state size ``d`` when given."""
    if isinstance(L, bool) or not isinstance(L, (Integral, sympy.Integer)) or int(L) < 1:
        raise ValueError(f"L must be an integer >= 1, got {L!r}")
    if int(L) > MAX_L:  # exact comp(a)^L and arithmetic mod z^L - 1 grow with L: 10^30 would never finish
        raise ValueError(f"L must be an integer at most {MAX_L} in exact arithmetic, got {L!r}")
    if d is not None and int(L) <= d:
        raise ValueError(f"the state size must be smaller than L (the formula needs d < L), got d = {d}, L = {L}")
    return int(L)


def _pair(a: Any, b: Any, names: tuple[str, str] = ("a", "b")) -> tuple[list[Any], list[Any]]:
    aa, bb = as_vector(a, names[0]), as_vector(b, names[1])
    if len(aa) != len(bb):
        raise ValueError(f"{names[0]} and {names[1]} must have the same length d, got {len(aa)} and {len(bb)}")
    return aa, bb


def _charpoly_coeffs(M: Matrix) -> list[Any]:
    """Coefficients of :math:`\\det(\\lambda I-M)`, leading first (Berkowitz), expanded."""
    return [sympy.expand(c) for c in M.charpoly(lam, simplify=sympy.expand).all_coeffs()]


def transfer_function(Abar: Any, Bbar: Any, C: Any) -> tuple[list[Any], list[Any]]:
    """``(b, a)`` with :math:`C^{\\mathsf T}(I-z\\bar A)^{-1}\\bar B=b(z)/a(z)` (RTF-RAT-1).

    .. math::

        \\det(\\lambda I-\\bar A) = \\lambda^d+a_1\\lambda^{d-1}+\\dots+a_d,\\qquad
        \\det(\\lambda I-\\bar A+\\bar BC^{\\mathsf T})-\\det(\\lambda I-\\bar A)=b_1\\lambda^{d-1}+\\dots+b_d .

    Both determinants by Berkowitz (``Matrix.charpoly``), expanded; common factors of
    :math:`a` and :math:`b` (non-minimal realisations) are kept.  Exact for numeric and
    symbolic entries.  Domain: ``Abar`` square ``d x d`` with ``d >= 1``; ``Bbar``, ``C``
    vectors of length ``d``.  Source: Su, 重温SSM（四） (rational generating function).
    """
    A = as_matrix(Abar, "Abar")
    d = A.rows
    B = Matrix(as_vector(Bbar, "Bbar", d))
    c = Matrix(as_vector(C, "C", d))
    chi = _charpoly_coeffs(A)
    chi_fb = _charpoly_coeffs(A - B * c.T)
    a = chi[1:]
    b = [sympy.expand(p - q) for p, q in zip(chi_fb[1:], chi[1:])]
    return b, a


def comp(a: Any) -> Matrix:
    """:math:`\\operatorname{comp}(a)`: first row :math:`(-a_1,\\dots,-a_d)`, ones on the subdiagonal."""
    aa = as_vector(a, "a")
    d = len(aa)
    m = zeros(d, d)
    for j in range(d):
        m[0, j] = -aa[j]
    for i in range(1, d):
        m[i, i - 1] = 1
    return m


def companion(a: Any, b: Any) -> tuple[Matrix, Matrix, Matrix]:
    """The companion realisation :math:`(\\bar A,\\bar B,C)=(\\operatorname{comp}(a),e_1,b)` (RTF-COMP-2).

    .. math:: C^{\\mathsf T}(I-z\\operatorname{comp}(a))^{-1}e_1 = \\frac{b_1+\\dots+b_dz^{d-1}}{1+a_1z+\\dots+a_dz^d},

    so ``transfer_function(*companion(a, b)) == (list(b), list(a))``.  Domain: ``a``, ``b``
    non-empty of equal length.  Source: Su, 重温SSM（四） (companion matrix); RTF paper.
    """
    aa, bb = _pair(a, b)
    e1 = zeros(len(aa), 1)
    e1[0] = 1
    return comp(aa), e1, Matrix(bb)


def truncate_numerator(a: Any, c: Any, L: int) -> list[Any]:
    """:math:`\\tilde b^{\\mathsf T}=c^{\\mathsf T}(I-\\operatorname{comp}(a)^L)`, exactly (RTF-COMP-2).

    ``fft_kernel(b_tilde, a, L)`` then equals :math:`c^{\\mathsf T}\\operatorname{comp}(a)^ke_1`, :math:`k<L`.
    Domain: ``a``, ``c`` of equal length ``d >= 1``, integer ``L > d``.  Source: Su, 重温SSM（三）/（四）.
    """
    aa, cc = _pair(a, c, ("a", "c"))
    L = check_L(L, len(aa))
    row = Matrix([cc]) * (eye(len(aa)) - comp(aa) ** L)
    return [sympy.expand(x) for x in row]


def untruncate_numerator(a: Any, b: Any, L: int) -> list[Any]:
    """:math:`\\bar c` with :math:`\\bar c^{\\mathsf T}=b^{\\mathsf T}(I-\\operatorname{comp}(a)^L)^{-1}` (RTF-COMP-2).

    Domain: as :func:`truncate_numerator`, and :math:`I-\\operatorname{comp}(a)^L` invertible
    (no root of :math:`a(z)` at an :math:`L`-th root of unity, RTF-FFT-3).  Source: Su, 重温SSM（四）.
    """
    aa, bb = _pair(a, b)
    L = check_L(L, len(aa))
    M = eye(len(aa)) - comp(aa) ** L
    if sympy.expand(M.det(method="berkowitz")) == 0:
        raise ValueError("I - comp(a)^L is singular: a(z) has a root at an L-th root of unity")
    sol = M.T.LUsolve(Matrix(bb))
    return [sympy.cancel(sympy.expand(x)) for x in sol]


def _poly(coeffs_low_first: Sequence[Any]) -> Poly:
    return Poly(list(reversed(list(coeffs_low_first))), z, domain=None if coeffs_low_first else "QQ")


def crt_kernel(num: Sequence[Any], den: Sequence[Any], L: int, h0: Any = 0) -> list[Any]:
    """Exact :math:`\\mathrm{IDFT}_L[\\mathrm{DFT}_L(num)/\\mathrm{DFT}_L(den)+h_0]` for padded vectors of length <= L.

    ``num`` and ``den`` are coefficient lists, lowest power first.  Pointwise division at the
    :math:`L`-th roots of unity is division in :math:`\\mathbb Q[z]/(z^L-1)` (Chinese remainder
    theorem), so the result is :math:`[z^k]\\big(num(z)\\,den(z)^{-1} \\bmod (z^L-1)\\big)+h_0[k=0]`,
    with the inverse from the extended Euclidean algorithm.  Raises ValueError when
    :math:`\\gcd(den, z^L-1)\\ne1` (a vanishing DFT bin).
    """
    L = check_L(L)
    if len(num) > L or len(den) > L:
        raise ValueError(f"the padded vectors must fit in L = {L} entries")
    values = [sympy.sympify(c) for c in list(num) + list(den)] + [sympy.sympify(h0)]
    dom = construct_domain(values, field=True)[0]
    modulus = Poly(z**L - 1, z, domain=dom)
    d_poly = Poly(sympy.Add(*[c * z**i for i, c in enumerate(den)]), z, domain=dom)
    n_poly = Poly(sympy.Add(*[c * z**i for i, c in enumerate(num)]), z, domain=dom)
    try:
        inv = d_poly.invert(modulus)
    except (sympy.polys.polyerrors.NotInvertible, sympy.polys.polyerrors.DomainError) as exc:
        raise ValueError("a(z) shares a root with z^L - 1: a DFT bin of (1, a) vanishes") from exc
    k = (n_poly * inv).rem(modulus)
    coeffs = list(reversed(k.all_coeffs())) if not k.is_zero else []
    coeffs += [sympy.Integer(0)] * (L - len(coeffs))
    coeffs[0] += sympy.sympify(h0)
    return [sympy.expand(x) for x in coeffs]


def fft_kernel_exact(b: Any, a: Any, L: int, h0: Any = 0) -> list[Any]:
    """The exact value of the :math:`L`-point FFT formula of RTF-FFT-1, without roots of unity.

    .. math:: K(z) = b(z)\\,a(z)^{-1} \\bmod (z^L-1),\\qquad K_k=[z^k]K(z) + h_0[k=0]

    (see :func:`crt_kernel`).  Domain: ``a``, ``b`` of equal length ``d``, ``L > d``; raises
    ValueError when :math:`\\gcd(a,z^L-1)\\ne1` (a vanishing DFT bin, RTF-FFT-3).
    """
    aa, bb = _pair(a, b)
    L = check_L(L, len(aa))
    return crt_kernel(bb, [1] + aa, L, h0)


def series_coefficients(b: Any, a: Any, n: int) -> list[Any]:
    """The first ``n`` power-series coefficients of :math:`b(z)/a(z)`, by exact ``Poly`` series division."""
    aa, bb = _pair(a, b)
    den = sympy.Add(1, *[c * z ** (i + 1) for i, c in enumerate(aa)])
    num = sympy.Add(*[c * z**i for i, c in enumerate(bb)])
    # invert a(z) modulo z^n by Newton iteration on truncated polynomials
    inv = Poly(1, z, domain=Poly(den, z).domain)
    prec = 1
    A = Poly(den, z)
    while prec < n:  # pragma: no mutate (prec <= n only doubles once more; the result is cut to n terms)
        prec *= 2
        inv = (inv * (Poly(2, z) - A * inv)).rem(Poly(z**prec, z))
    g = (Poly(num, z) * inv).rem(Poly(z**n, z))  # n = 0: the remainder modulo 1 is 0
    out = list(reversed(g.all_coeffs())) if not g.is_zero else []
    out += [sympy.Integer(0)] * (n - len(out))
    return [sympy.expand(x) for x in out]  # g has degree < n, so len(out) == n


def su_to_rtf_kernel(K: Sequence[Any], h0: Any = 0) -> list[Any]:
    """Convert Su's kernel :math:`(K_0, K_1, \\dots)` to the RTF paper's :math:`(h_0, K_0, K_1, \\dots)` (RTF-IDX-1).

    Su (and this project) output :math:`y_k=h_0u_k+\\sum_{j\\ge0}K_ju_{k-j}`; the RTF paper
    :math:`y_k=h_0u_k+\\sum_{j\\ge1}C\\bar A^{j-1}\\bar Bu_{k-j}`, i.e. lag :math:`j\\ge1` holds
    :math:`K_{j-1}` and lag 0 holds :math:`h_0` alone.  ``K`` must not include the feed-through.
    """
    items = list(K)
    if not items:
        raise ValueError("the kernel K must not be empty")
    return [sympy.sympify(h0)] + [sympy.sympify(x) for x in items]


def rtf_to_su_kernel(R: Sequence[Any]) -> tuple[list[Any], Any]:
    """Inverse of :func:`su_to_rtf_kernel`: ``(K, h0)`` from the RTF paper's :math:`(h_0, K_0, K_1, \\dots)`.

    The project's kernel with feed-through is then ``[h0 + K[0], *K[1:]]``.
    """
    items = list(R)
    if len(items) < 2:
        raise ValueError("an RTF-paper kernel needs at least two entries (h0 and K_0)")
    return [sympy.sympify(x) for x in items[1:]], sympy.sympify(items[0])
