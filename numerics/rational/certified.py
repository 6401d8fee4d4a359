"""Arb and exact FLINT routes of the rational pillar, for the certified tier (python-flint only).

Each route computes its quantity independently of the closed form it certifies, in exact rational
arithmetic (``fmpq_mat``, ``fmpq_poly``) or in Arb balls, so that the certified tier can bound the
agreement rigorously (see :mod:`proofs.core.certify`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..arb import rational, rationals

__all__ = ["companion_charpoly", "feedback_form", "recurrent_outputs", "fir_parts", "fft_kernel"]



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
    """RTF-COMP-3 exactly: the entries of :math:`\\operatorname{comp}(a) - e_1 b^{\\mathsf T}` (row by row) and
    :math:`\\det(xI - (\\operatorname{comp}(a) - e_1b^{\\mathsf T})) - \\det(xI - \\operatorname{comp}(a))`, both by
    ``fmpq_mat`` arithmetic and determinants (the shift is applied entry by entry, not by forming comp(a + b))."""
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


def recurrent_outputs(a: Sequence[Any], b: Sequence[Any], u: Sequence[Any], prec: int = 0) -> list[Any]:
    """RTF-REC-1 exactly: the outputs :math:`y_{k+1} = c^{\\mathsf T}x_{k+1}` of the O(d) companion recurrence
    :math:`x_{k+1} = \\operatorname{comp}(a)x_k + e_1u_k`, :math:`x_0 = 0` (``b`` plays :math:`c`), stepped in
    exact rationals: the new state is :math:`(-a\\cdot x + u_k, x_1, \\dots, x_{d-1})` (no kernel, no convolution)."""
    from flint import fmpq

    aa, cc, uu = rationals(a, "a"), rationals(b, "b"), rationals(u, "u")
    d = len(aa)
    if d < 1 or len(cc) != d:
        raise ValueError(f"a and b must have the same positive length, got {len(aa)} and {len(cc)}")
    x = [fmpq(0)] * d
    out = []
    for uk in uu:
        head = uk - sum((ai * xi for ai, xi in zip(aa, x)), fmpq(0))
        x = [head] + x[:-1]
        out.append(sum((ci * xi for ci, xi in zip(cc, x)), fmpq(0)))
    return out


def fir_parts(b: Sequence[Any], L: int, prec: int = 53) -> list[Any]:
    """RTF-FIR-1: :math:`\\operatorname{comp}(0)^d` (exact ``fmpq_mat`` power), the kernel
    :math:`K_k = b^{\\mathsf T}\\operatorname{comp}(0)^ke_1`, :math:`k < L` (exact powers), and the FFT kernel
    :math:`\\mathrm{IDFT}_L[\\mathrm{DFT}_L(b)/\\mathrm{DFT}_L(1)]` in Arb balls (``acb.dft`` at ``prec`` bits)."""
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
    that contains zero, a root of :math:`1 + a(z)` at an L-th root of unity, raises in Arb)."""
    from flint import acb, ctx

    aa, bb = rationals(a, "a"), rationals(b, "b")
    d = len(aa)
    if d < 1 or len(bb) != d or isinstance(L, bool) or not isinstance(L, int) or L <= d:
        raise ValueError(f"need a and b of the same positive length d and an integer L > d, got {d}, {len(bb)}, {L!r}")
    old, ctx.prec = ctx.prec, max(prec, 53)
    try:
        num = acb.dft([acb(v) for v in bb] + [acb(0)] * (L - d))
        den = acb.dft([acb(1)] + [acb(v) for v in aa] + [acb(0)] * (L - d - 1))
        return list(acb.dft([p / q for p, q in zip(num, den)], inverse=True))
    finally:
        ctx.prec = old
