"""Arb and exact FLINT routes of the rational pillar, for the certified tier (python-flint only).

Each route computes its quantity independently of the closed form it certifies, the way the pillar's
mpmath route does, so that the certified tier can bound the agreement rigorously (see
:mod:`proofs.core.certify`):

- exact rational arithmetic where every number is rational: characteristic polynomials, inverses,
  determinants and linear solves of ``fmpq_mat`` (RTF-COMP-1, RTF-RAT-2, RTF-FFT-3's determinant), the O(d)
  companion recurrence and both state-space conventions stepped in ``fmpq`` (RTF-REC-1, RTF-REC-2,
  RTF-IDX-1), power series of the realisation (the numerators of RTF-RAT-1 and RTF-COMP-2), complex
  resolvents over :math:`\\mathbb Q(i)` as a real system of twice the size (RTF-RAT-1, RTF-COMP-2);
- Arb balls otherwise: ``acb.dft`` for the FFT formulas (RTF-FFT-1, RTF-FFT-3's bin product, RTF-FIR-1,
  RTF-H0-1, RTF-PY-1, RTF-PY-3), ``acb_mat.det`` for :math:`\\det(I - z_0A)` (RTF-RAT-3),
  ``acb_mat.eig`` for the poles (RTF-POLE-1), and FLINT's certified roots of :math:`a(z)` summing the alias
  series mode by mode, in closed geometric form (RTF-FFT-2).

Every route takes the example point's exact values (see :mod:`numerics.arb`) and ``prec``, the Arb working
precision in bits (unused by the exact routes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..arb import integer, precision, rational, rationals

__all__ = [
    "alias_sum",
    "bin_product_and_determinant",
    "both_conventions",
    "coefficient_facts",
    "companion_charpoly",
    "companion_eigenvalues",
    "companion_resolvent",
    "feedback_form",
    "feedthrough_difference",
    "fft_kernel",
    "fir_parts",
    "montel_bound",
    "proof_ingredients",
    "realisation_coefficients",
    "recurrent_outputs",
    "rtf_py_get_k",
    "rtf_py_get_k2",
]


def _dot(xs: Sequence[Any], ys: Sequence[Any]) -> Any:
    """:math:`\\sum_i x_iy_i` of exact rationals (0 for empty lists)."""
    from flint import fmpq

    return sum((x * y for x, y in zip(xs, ys)), fmpq(0))


def _matrix(rows: Any, what: str) -> Any:
    """A list of rows of exact rationals as an ``fmpq_mat``; a ``ValueError`` naming ``what`` if ragged."""
    from flint import fmpq_mat

    table = [rationals(row, f"{what}[{i}]") for i, row in enumerate(rows)]
    if not table or not table[0] or any(len(row) != len(table[0]) for row in table):
        raise ValueError(f"{what} must be a non-empty list of rows of one length")
    return fmpq_mat(len(table), len(table[0]), [x for row in table for x in row])


def _square(rows: Any, what: str) -> Any:
    M = _matrix(rows, what)
    if M.nrows() != M.ncols():
        raise ValueError(f"{what} must be square, got {M.nrows()} x {M.ncols()}")
    return M


def _column(v: Sequence[Any], d: int, what: str) -> Any:
    from flint import fmpq_mat

    vv = rationals(v, what)
    if len(vv) != d:
        raise ValueError(f"{what} must have length {d}, got {len(vv)}")
    return fmpq_mat(d, 1, vv)


def _identity(d: int) -> Any:
    from flint import fmpq_mat

    return fmpq_mat(d, d, [1 if i == j else 0 for i in range(d) for j in range(d)])


def _transfer_coefficients(A: Any, B: Any, C: Any) -> tuple[list[Any], list[Any]]:
    """``(a, b)`` of :math:`C^{\\mathsf T}(I - zA)^{-1}B = b(z)/a(z)`, exactly, without a feedback
    determinant:
    :math:`a_i` from FLINT's characteristic polynomial :math:`\\det(\\lambda I - A)` (as
    :math:`a(z) = z^d\\chi(1/z)`), and :math:`b` as the first :math:`d` coefficients of :math:`a(z)G(z)`,
    :math:`G(z) = \\sum_k g_kz^k` with :math:`g_k = C^{\\mathsf T}A^kB` by repeated products."""
    d = A.nrows()
    a = list(reversed(A.charpoly().coeffs()))[1:]  # coeffs() runs from the constant term up
    g, x = [], B
    for _ in range(d):
        g.append((C.transpose() * x)[0, 0])
        x = A * x
    lead = [1] + a
    b = [sum((lead[j] * g[i - j] for j in range(i + 1)), g[0] * 0) for i in range(d)]
    return a, b


def _complex_solve(A: Any, rhs: Any, z_re: Any, z_im: Any) -> list[tuple[Any, Any]]:
    """:math:`x = (I - zA)^{-1}r` for :math:`z = z_{re} + iz_{im}` exactly over :math:`\\mathbb Q(i)`: with
    :math:`x = u + iv` the system is the real one :math:`[[I - z_{re}A, z_{im}A], [-z_{im}A, I - z_{re}A]]
    (u, v) = (r, 0)` of twice the size (``fmpq_mat.solve``; a singular system raises)."""
    from flint import fmpq_mat

    d = A.nrows()
    I = _identity(d)
    P, Q = I - A * z_re, A * z_im
    blocks = ((P, Q), (-Q, P))
    big = fmpq_mat(2 * d, 2 * d, [blocks[i // d][j // d][i % d, j % d]
                                  for i in range(2 * d) for j in range(2 * d)])
    sol = big.solve(fmpq_mat(2 * d, 1, [rhs[i, 0] for i in range(d)] + [0] * d))
    return [(sol[i, 0], sol[d + i, 0]) for i in range(d)]


def _number(re: Any, im: Any, prec: int) -> Any:
    """A complex rational: the exact ``fmpq`` itself when real, else its ``acb`` ball at ``prec`` bits (a
    rational such as 1/3 has no finite binary expansion, so the ball has a rounding radius)."""
    from flint import acb

    if im == 0:
        return re
    with precision(max(prec, 53)):
        return acb(re, im)


def _dft_ratio(num: list[Any], den: list[Any], h0: Any = 0) -> list[Any]:
    """:math:`\\mathrm{IDFT}[\\mathrm{DFT}(num)/\\mathrm{DFT}(den) + h_0]` of two vectors of one length,
    in Arb balls at the current precision (``acb.dft``; a bin of ``den`` whose ball contains 0 raises)."""
    from flint import acb

    top = acb.dft([acb(v) for v in num])
    bottom = acb.dft([acb(v) for v in den])
    for l, q in enumerate(bottom):
        if q.contains(0):
            raise ValueError(f"DFT bin {l} of the denominator contains 0: a(z) may vanish at an L-th root "
                             "of unity")
    return list(acb.dft([p / q + h0 for p, q in zip(top, bottom)], inverse=True))


def _length(L: Any, d: int, what: str = "L") -> int:
    """An integer kernel length ``L > d``."""
    return integer(L, what, low=d + 1)


def _pair(a: Sequence[Any], b: Sequence[Any], names: str = "a and b") -> tuple[list[Any], list[Any]]:
    aa, bb = rationals(a, names.split()[0]), rationals(b, names.split()[-1])
    if not aa or len(aa) != len(bb):
        raise ValueError(f"{names} must have the same positive length, got {len(aa)} and {len(bb)}")
    return aa, bb


def companion_charpoly(a: Sequence[Any], prec: int = 0) -> list[Any]:
    """RTF-COMP-1 exactly: the coefficients :math:`(c_1, \\dots, c_d)` of
    :math:`\\det(\\lambda I - \\operatorname{comp}(a)) = \\lambda^d + c_1\\lambda^{d-1} + \\dots + c_d`, where
    :math:`\\operatorname{comp}(a)` has first row :math:`-a` and ones on the subdiagonal, by FLINT's
    characteristic polynomial of an ``fmpq_mat`` (no Berkowitz, no Faddeev--LeVerrier).  ``prec`` is unused:
    the route is exact.
    """
    coeffs = rationals(a, "a")
    if not coeffs:
        raise ValueError("a must have at least one coefficient")
    poly = _companion(coeffs).charpoly()
    lead_first = list(reversed(poly.coeffs()))  # coeffs() runs from the constant term up
    if lead_first[0] != 1:
        raise ValueError("the characteristic polynomial is not monic")
    return lead_first[1:]


def _companion(coeffs: list[Any]) -> Any:
    from flint import fmpq_mat

    d = len(coeffs)
    rows = [[-c for c in coeffs]] + [[1 if j == i - 1 else 0 for j in range(d)] for i in range(1, d)]
    return fmpq_mat(d, d, [x for row in rows for x in row])


def feedback_form(a: Sequence[Any], b: Sequence[Any], x: Any, prec: int = 0) -> list[Any]:
    """RTF-COMP-3 exactly: the entries of :math:`\\operatorname{comp}(a) - e_1 b^{\\mathsf T}` (row by row)
    and :math:`\\det(xI - (\\operatorname{comp}(a) - e_1b^{\\mathsf T}))
    - \\det(xI - \\operatorname{comp}(a))`, both by ``fmpq_mat`` arithmetic and determinants (the shift is
    applied entry by entry, not by forming comp(a + b))."""
    from flint import fmpq_mat

    aa, bb, xx = rationals(a, "a"), rationals(b, "b"), rational(x, "x")
    d = len(aa)
    if d < 1 or len(bb) != d:
        raise ValueError(f"a and b must have the same positive length, got {len(aa)} and {len(bb)}")
    A = _companion(aa)
    F = fmpq_mat(A)
    for j in range(d):
        F[0, j] = F[0, j] - bb[j]
    I = fmpq_mat(d, d, [1 if i == j else 0 for i in range(d) for j in range(d)])
    shift = (I * xx - F).det() - (I * xx - A).det()
    return [F[i, j] for i in range(d) for j in range(d)] + [shift]


def recurrent_outputs(a: Sequence[Any], b: Sequence[Any], u: Sequence[Any], h0: Any = 0,
                      prec: int = 0) -> list[Any]:
    """RTF-REC-1 and RTF-REC-2 exactly: the outputs :math:`y_k = c^{\\mathsf T}x_{k+1} + h_0u_k` of the O(d)
    companion recurrence :math:`x_{k+1} = \\operatorname{comp}(a)x_k + e_1u_k`, :math:`x_0 = 0` (``b`` plays
    :math:`c`; ``h0`` is RTF-REC-2's feed-through, 0 for RTF-REC-1), stepped in exact rationals: the new state
    is :math:`(-a\\cdot x + u_k, x_1, \\dots, x_{d-1})` (no kernel, no convolution, no difference
    equation)."""
    from flint import fmpq

    aa, cc, uu, hh = rationals(a, "a"), rationals(b, "b"), rationals(u, "u"), rational(h0, "h0")
    d = len(aa)
    if d < 1 or len(cc) != d:
        raise ValueError(f"a and b must have the same positive length, got {len(aa)} and {len(cc)}")
    x = [fmpq(0)] * d
    out = []
    for uk in uu:
        x = [uk - _dot(aa, x)] + x[:-1]
        out.append(_dot(cc, x) + hh * uk)
    return out


def fir_parts(b: Sequence[Any], L: int, prec: int = 53) -> list[Any]:
    """RTF-FIR-1: :math:`\\operatorname{comp}(0)^d` (exact ``fmpq_mat`` power), the kernel
    :math:`K_k = b^{\\mathsf T}\\operatorname{comp}(0)^ke_1`, :math:`k < L` (exact powers), and the FFT kernel
    :math:`\\mathrm{IDFT}_L[\\mathrm{DFT}_L(b)/\\mathrm{DFT}_L(1)]` in Arb balls (``acb.dft`` at ``prec``
    bits)."""
    from flint import acb, ctx, fmpq_mat

    bb = rationals(b, "b")
    d = len(bb)
    if d < 1 or isinstance(L, bool) or not isinstance(L, int) or L < d:
        raise ValueError(f"need b non-empty and an integer L >= len(b), got len(b) = {d}, L = {L!r}")
    comp0 = _companion([0] * d)
    power = comp0 ** d
    kernel, state = [], fmpq_mat(d, 1, [1] + [0] * (d - 1))
    for _ in range(L):
        kernel.append(sum((bb[i] * state[i, 0] for i in range(d)), bb[0] * 0))
        state = comp0 * state
    old, ctx.prec = ctx.prec, max(prec, 53)
    try:
        padded = [acb(v) for v in bb] + [acb(0)] * (L - d)
        ones = acb.dft([acb(1)] + [acb(0)] * (L - 1))
        fft = acb.dft([p / q for p, q in zip(acb.dft(padded), ones)], inverse=True)
    finally:
        ctx.prec = old
    return [power[i, j] for i in range(d) for j in range(d)] + kernel + list(fft)


def fft_kernel(a: Sequence[Any], b: Sequence[Any], L: int, prec: int = 53) -> list[Any]:
    """RTF-FFT-1 in Arb balls: :math:`K = \\mathrm{IDFT}_L[\\mathrm{DFT}_L(b_1, \\dots, b_d, 0, \\dots)
    / \\mathrm{DFT}_L(1, a_1, \\dots, a_d, 0, \\dots)]` by ``acb.dft`` at ``prec`` bits (a division by a ball
    that contains zero, a root of :math:`1 + a(z)` at an L-th root of unity, raises)."""
    aa, bb = _pair(a, b)
    d = len(aa)
    L = _length(L, d)
    with precision(max(prec, 53)):
        return _dft_ratio(bb + [0] * (L - d), [1] + aa + [0] * (L - d - 1))


def realisation_coefficients(A: Any, B: Sequence[Any], C: Sequence[Any], z_re: Any = 0, z_im: Any = 0,
                             prec: int = 53) -> list[Any]:
    """RTF-RAT-1 in exact rationals: :math:`(a_1, \\dots, a_d, b_1, \\dots, b_d, G(z_0))` with
    :math:`a(z) = \\det(I - zA) = 1 + \\sum_ia_iz^i`, :math:`b(z) = \\sum_ib_{i+1}z^i` and
    :math:`G(z_0) = C^{\\mathsf T}(I - z_0A)^{-1}B`, :math:`z_0 = z_{re} + iz_{im}`.

    :math:`a` from FLINT's characteristic polynomial of the ``fmpq_mat`` (no determinant difference),
    :math:`b` as the first :math:`d` coefficients of :math:`a(z)\\sum_kC^{\\mathsf T}A^kBz^k` (a power-series
    product), and :math:`G(z_0)` by an exact solve over :math:`\\mathbb Q(i)` (a real system of size 2d);
    it is an ``fmpq`` for real :math:`z_0`, else its ``acb`` ball at ``prec`` bits.
    """
    Am = _square(A, "A")
    d = Am.nrows()
    Bm, Cm = _column(B, d, "B"), _column(C, d, "C")
    a, b = _transfer_coefficients(Am, Bm, Cm)
    x = _complex_solve(Am, Bm, rational(z_re, "z_re"), rational(z_im, "z_im"))
    cc = rationals(C, "C")
    value = _number(_dot(cc, [u for u, _ in x]), _dot(cc, [v for _, v in x]), prec)
    return a + b + [value]


def proof_ingredients(M: Any, U: Any, V: Any, A: Any, B: Sequence[Any], C: Sequence[Any], x: Any,
                      prec: int = 0) -> list[Any]:
    """RTF-RAT-2 exactly: :math:`M^{-1}` (``fmpq_mat.inv``, Gaussian elimination, no adjugate), the large
    determinant :math:`\\det(I_n + UV)` (:math:`U` of :math:`n\\times m`, the side the closed form's
    :math:`\\det(I_m + VU)` is not) and :math:`\\det(xI - A + BC^{\\mathsf T})` itself (no resolvent)."""
    Mm, Um, Vm, Am = _square(M, "M"), _matrix(U, "U"), _matrix(V, "V"), _square(A, "A")
    n = Am.nrows()
    if Um.nrows() != Mm.nrows() or Vm.nrows() != Um.ncols() or Vm.ncols() != Um.nrows():
        raise ValueError(f"U must be n x m and V m x n, got {Um.nrows()} x {Um.ncols()} and "
                         f"{Vm.nrows()} x {Vm.ncols()}")
    if Mm.det() == 0:
        raise ValueError("M must be invertible")
    Bm, Cm = _column(B, n, "B"), _column(C, n, "C")
    big = (_identity(Um.nrows()) + Um * Vm).det()
    feedback = (_identity(n) * rational(x, "x") - Am + Bm * Cm.transpose()).det()
    return [Mm.inv(), big, feedback]


def coefficient_facts(A: Any, B: Sequence[Any], C: Sequence[Any], z_re: Any = 0, z_im: Any = 0,
                      prec: int = 53) -> list[Any]:
    """RTF-RAT-3: :math:`(\\det(I - z_0A), (-1)^d\\det A, C^{\\mathsf T}B)`, :math:`z_0 = z_{re} + iz_{im}`.

    The determinants of the matrices themselves: ``fmpq_mat.det`` for real :math:`z_0` and for
    :math:`\\det A`, ``acb_mat.det`` (Arb's rigorous LU bounds) of :math:`I - z_0A` at ``prec`` bits for
    complex :math:`z_0`; :math:`K_0 = C^{\\mathsf T}B` as an exact dot product.
    """
    from flint import acb, acb_mat

    Am = _square(A, "A")
    d = Am.nrows()
    Bv, Cv = _column(B, d, "B"), _column(C, d, "C")
    zr, zi = rational(z_re, "z_re"), rational(z_im, "z_im")
    if zi == 0:
        det = (_identity(d) - Am * zr).det()
    else:
        with precision(max(prec, 53)):
            z0 = acb(zr, zi)
            det = acb_mat([[(1 if i == j else 0) - z0 * Am[i, j] for j in range(d)] for i in range(d)]).det()
    return [det, (-1) ** d * Am.det(), (Cv.transpose() * Bv)[0, 0]]


def alias_sum(a: Sequence[Any], b: Sequence[Any], L: int, prec: int = 53) -> list[Any]:
    """RTF-FFT-2 in Arb balls: the alias sums :math:`S_k = \\sum_{m\\ge0}g_{k+mL}`, :math:`k < L`, of the
    series :math:`b(z)/a(z) = \\sum_ng_nz^n`, summed mode by mode.

    FLINT's certified roots :math:`z_i` of :math:`a(z) = 1 + a_1z + \\dots + a_dz^d`
    (``fmpq_poly.complex_roots``; they must be simple, and :math:`a_d \\ne 0`) give the modes
    :math:`r_i = 1/z_i`: :math:`g_n = \\sum_ic_ir_i^n` with :math:`c_i = -r_ib(z_i)/a'(z_i)` (the residues;
    :math:`\\deg b < d`).
    Each mode's alias series is geometric and is summed exactly,
    :math:`\\sum_m r_i^{k+mL} = r_i^k/(1 - r_i^L)`; it converges because every :math:`|r_i| < 1` is
    checked rigorously on the balls (a ``ValueError`` otherwise).  No truncation, so no tail bound.
    """
    from flint import acb, fmpq_poly

    aa, bb = _pair(a, b)
    d = len(aa)
    L = integer(L, "L", low=1)
    if aa[-1] == 0:
        raise ValueError("a_d must be nonzero (d modes)")
    den, num = fmpq_poly([1] + aa), fmpq_poly(bb)
    with precision(max(prec, 53) + 10):
        roots = den.complex_roots()
        if any(m != 1 for _, m in roots) or len(roots) != d:
            raise ValueError("the roots of a(z) must be simple for the modal alias sum")
        slope = den.derivative()
        modes = []
        for z, _ in roots:
            if not abs(z) > 1:
                raise ValueError("a(z) has a root in the closed unit disk: the alias series does not "
                                 "converge")
            r = 1 / z
            modes.append((r, -r * _horner(num, z) / _horner(slope, z), 1 - r ** L))
        return [sum((c * r ** k / q for r, c, q in modes), acb(0)) for k in range(L)]


def _horner(p: Any, z: Any) -> Any:
    """The value of the rational polynomial ``p`` at the ball ``z`` (Horner's rule in Arb)."""
    from flint import acb

    out = acb(0)
    for c in reversed(p.coeffs()):
        out = out * z + c
    return out


def bin_product_and_determinant(a: Sequence[Any], L: int, prec: int = 53) -> list[Any]:
    """RTF-FFT-3: :math:`P_L = \\prod_{l<L}\\mathrm{DFT}_L(1, a_1, \\dots, a_d, 0, \\dots)_l` (``acb.dft``
    and a product of balls at ``prec`` bits) and :math:`D_L = \\det(I - \\operatorname{comp}(a)^L)` (the exact
    ``fmpq_mat`` power and determinant); neither is a resultant."""
    from flint import acb

    aa = rationals(a, "a")
    d = len(aa)
    if d < 1:
        raise ValueError("a must have at least one coefficient")
    L = _length(L, d)
    with precision(max(prec, 53) + L.bit_length()):
        product = acb(1)
        for v in acb.dft([acb(1)] + [acb(c) for c in aa] + [acb(0)] * (L - d - 1)):
            product *= v
    return [product, (_identity(d) - _companion(aa) ** L).det()]


def companion_resolvent(a: Sequence[Any], b: Sequence[Any], z_re: Any, z_im: Any,
                        prec: int = 53) -> list[Any]:
    """RTF-COMP-2 in exact rationals: :math:`x = (I - z_0\\operatorname{comp}(a))^{-1}e_1` (an exact solve
    over :math:`\\mathbb Q(i)`, not :math:`z_0^i/a(z_0)`; complex entries are returned as ``acb`` balls at
    ``prec`` bits), then the transfer function :math:`(a, b)` of the companion realisation
    :math:`(\\operatorname{comp}(a), e_1, b)` recomputed from the matrices: FLINT's characteristic polynomial
    and the power-series numerator (see :func:`realisation_coefficients`)."""
    from flint import fmpq_mat

    aa, bb = _pair(a, b)
    d = len(aa)
    A, e1 = _companion(aa), fmpq_mat(d, 1, [1] + [0] * (d - 1))
    x = _complex_solve(A, e1, rational(z_re, "z_re"), rational(z_im, "z_im"))
    ta, tb = _transfer_coefficients(A, e1, fmpq_mat(d, 1, bb))
    return [_number(u, v, prec) for u, v in x] + ta + tb


def companion_eigenvalues(a: Sequence[Any], prec: int = 53) -> list[Any]:
    """RTF-POLE-1 in Arb balls: the eigenvalues :math:`\\lambda_i` of :math:`\\operatorname{comp}(a)` by
    ``acb_mat.eig`` (certified enclosures; they must be simple, and :math:`a_d \\ne 0`), not the roots of
    :math:`a(z)`.

    Listed in the order of SymPy's roots :math:`z_i = 1/\\lambda_i` of :math:`a(z)` (real roots ascending,
    then the complex ones by real part, the negative imaginary part first).  The order only pairs the
    entries: a wrong pairing cannot produce a false certificate, it makes the bound fail.
    """
    from flint import acb_mat

    aa = rationals(a, "a")
    if not aa or aa[-1] == 0:
        raise ValueError("a must be non-empty with a_d != 0 (every eigenvalue nonzero)")
    d = len(aa)
    with precision(max(prec, 53) + 20):
        comp = _companion(aa)
        values = acb_mat([[comp[i, j] for j in range(d)] for i in range(d)]).eig()

    def order(lam: Any) -> tuple[int, Any, Any]:
        z = 1 / lam
        real = z.imag.contains(0)
        return (int(not real), _midpoint(z.real), 0 if real else _midpoint(z.imag))

    return sorted(values, key=order)


def _midpoint(x: Any) -> Any:
    """The midpoint of the real ball ``x`` as an exact ``fmpq`` (a sort key; no float enters a route)."""
    from flint import fmpq

    man, exp = x.mid().man_exp()
    return fmpq(int(man)) * 2 ** int(exp) if exp >= 0 else fmpq(int(man), 2 ** int(-exp))


def montel_bound(a: Sequence[Any], r: Any, prec: int = 0) -> Any:
    """RTF-MONTEL-1 exactly: the triangle-inequality bound :math:`r^d - \\sum_i|a_i|r^{d-i}` itself, as the
    value at :math:`r` of the ``fmpq_poly`` :math:`\\lambda^d - \\sum_i|a_i|\\lambda^{d-i}` (not its
    decomposition)."""
    from flint import fmpq_poly

    aa = rationals(a, "a")
    if not aa:
        raise ValueError("a must have at least one coefficient")
    alpha = [abs(v) for v in aa]
    return fmpq_poly([-v for v in reversed(alpha)] + [1])(rational(r, "r"))


def feedthrough_difference(a: Sequence[Any], b: Sequence[Any], h0: Any, L: int, prec: int = 53) -> list[Any]:
    """RTF-H0-1 in Arb balls: :math:`\\mathrm{IDFT}_L[\\mathrm{DFT}_L(b)/\\mathrm{DFT}_L(1, a) + h_0]
    - \\mathrm{IDFT}_L[\\mathrm{DFT}_L(b)/\\mathrm{DFT}_L(1, a)]`, both kernels by ``acb.dft`` at ``prec``
    bits."""
    aa, bb = _pair(a, b)
    d = len(aa)
    L = _length(L, d)
    hh = rational(h0, "h0")
    num, den = bb + [0] * (L - d), [1] + aa + [0] * (L - d - 1)
    with precision(max(prec, 53)):
        return [p - q for p, q in zip(_dft_ratio(num, den, hh), _dft_ratio(num, den))]


def both_conventions(a: Sequence[Any], b: Sequence[Any], h0: Any, u: Sequence[Any],
                     prec: int = 0) -> list[Any]:
    """RTF-IDX-1 exactly: the outputs of the RTF paper's convention (:math:`y_k = b^{\\mathsf T}x_k + h_0u_k`,
    then :math:`x_{k+1} = \\operatorname{comp}(a)x_k + e_1u_k`) followed by those of Su's (update first, then
    :math:`y_k = b^{\\mathsf T}x_{k+1} + h_0u_k`), both simulated in ``fmpq`` from :math:`x_0 = 0` (no
    kernels)."""
    from flint import fmpq

    aa, bb = _pair(a, b)
    uu, hh = rationals(u, "u"), rational(h0, "h0")
    rtf, su = [], []
    x = [fmpq(0)] * len(aa)
    for uk in uu:
        rtf.append(_dot(bb, x) + hh * uk)
        x = [uk - _dot(aa, x)] + x[:-1]
    x = [fmpq(0)] * len(aa)
    for uk in uu:
        x = [uk - _dot(aa, x)] + x[:-1]
        su.append(_dot(bb, x) + hh * uk)
    return rtf + su


def _rtf_py(a: Sequence[Any], b: Sequence[Any], L: Any, h0: Any, variant: str, prec: int) -> list[Any]:
    """rtf.py's kernel formula over :math:`L' = L + (L \\bmod 2)` points in ``acb.dft`` (``rfft`` of real
    data is the first half of the full DFT, so the full transform gives the same kernel)."""
    from flint import fmpq

    aa, bb = _pair(a, b)
    d = len(aa)
    L = _length(L, d)
    hh, n = rational(h0, "h0"), L + L % 2
    if variant == "v1":
        num = [fmpq(0)] + bb + [fmpq(0)] * (n - d - 1)
    else:  # get_C_prime: c^T (I - comp(a)^L), L exact row-times-companion steps
        row = list(bb)
        for _ in range(L):
            row = [row[j + 1] - row[0] * aa[j] for j in range(d - 1)] + [-row[0] * aa[-1]]
        num = [p - q for p, q in zip(bb, row)] + [fmpq(0)] * (n - d)
    with precision(max(prec, 53)):
        return _dft_ratio(num, [1] + aa + [0] * (n - d - 1), hh)[:L]


def rtf_py_get_k(a: Sequence[Any], b: Sequence[Any], L: int, h0: Any = 0, prec: int = 53) -> list[Any]:
    """RTF-PY-1 in Arb balls: rtf.py's ``RTF.get_k``,
    :math:`\\mathrm{IDFT}_{L'}[\\mathrm{DFT}_{L'}(0, b, 0, \\dots)/\\mathrm{DFT}_{L'}(1, a, 0, \\dots)
    + h_0]`,
    first :math:`L` entries, by ``acb.dft`` (not the shifted companion kernel of the closed form)."""
    return _rtf_py(a, b, L, h0, "v1", prec)


def rtf_py_get_k2(a: Sequence[Any], b: Sequence[Any], L: int, h0: Any = 0, prec: int = 53) -> list[Any]:
    """RTF-PY-3 in Arb balls: rtf.py's ``RTF2.get_k``, the numerator :math:`c^{\\mathsf T}(I - A^L)`
    (``get_C_prime``, exact), then :math:`\\mathrm{IDFT}_{L'}[\\mathrm{DFT}_{L'}(\\text{numerator})
    /\\mathrm{DFT}_{L'}(1, a) + h_0]`, first :math:`L` entries, by ``acb.dft``."""
    return _rtf_py(a, b, L, h0, "v2", prec)
