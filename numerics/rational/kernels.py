"""Rational transfer functions of SSM kernels, computed in mpmath (the RTF pillar).

The public names are re-exported by the package :mod:`numerics.rational`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import mpmath
from mpmath import mp

from .dft import dft, idft
from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "bin_check",
    "check_length",
    "coefficients",
    "fft_kernel",
    "iir",
    "recurrent",
    "rtf_py_kernel",
    "truncate_numerator",
    "untruncate_numerator",
]

VARIANTS = ("v1", "v2")


def _number(x: Any, what: str) -> Any:
    """One coefficient as an mpmath number at the current precision.

    Accepts what :func:`numerics.agree.to_mp` accepts, plus SymPy numbers that are
    not rational (surds, ``pi``, complex): those are evaluated through their own
    ``_to_mpmath`` at the working precision plus guard bits (no SymPy import here).
    """
    if isinstance(x, bool):
        raise ValueError(f"{what} must be numbers, got the boolean {x!r}")
    if hasattr(x, "_to_mpmath") and not (hasattr(x, "p") and hasattr(x, "q")):
        try:
            v = x._to_mpmath(mp.prec + 20)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{what} must be numbers; cannot evaluate {x!r}") from exc
        return +v
    try:
        return to_mp(x)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what} must be numbers (int, Fraction, str, mpmath or SymPy numbers), got {x!r}") from exc


def _vector(v: Any, what: str, *, allow_empty: bool = False) -> list[Any]:
    if isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, mpmath.matrix)):
        if hasattr(v, "__iter__") and not isinstance(v, (str, bytes)):
            v = list(v)
        else:
            raise ValueError(f"{what} must be a sequence of numbers, got {type(v).__name__}")
    items = list(v)
    if not items and not allow_empty:
        raise ValueError(f"{what} must not be empty (the state size d is its length, d >= 1)")
    return [_number(x, what) for x in items]


def coefficients(b: Any, a: Any) -> tuple[list[Any], list[Any]]:
    """Validate and convert ``(b, a)``: non-empty sequences of the same length ``d``."""
    bb, aa = _vector(b, "the numerator b"), _vector(a, "the denominator a")
    if len(bb) != len(aa):
        raise ValueError(
            f"b and a must have the same length d (b_1..b_d over 1 + a_1 z + ... + a_d z^d), "
            f"got len(b) = {len(bb)} and len(a) = {len(aa)}"
        )
    return bb, aa


MAX_LENGTH = 2**24


def check_length(L: Any, d: int | None = None) -> int:
    """``L`` must be an integer >= 1, and larger than the state size ``d`` when given."""
    if isinstance(L, bool) or not isinstance(L, int) or L < 1:
        raise ValueError(f"L must be an integer >= 1, got {L!r}")
    if L > MAX_LENGTH:  # an mpmath transform longer than this is out of reach (and would hang)
        raise ValueError(f"L must be an integer between 1 and {MAX_LENGTH}, got {L!r}")
    if d is not None and L <= d:
        raise ValueError(f"the state size must be smaller than L (the formula needs d < L), got d = {d}, L = {L}")
    return L


def bin_check(den_hat: Sequence[Any], dps: int) -> None:
    """Raise ValueError if a DFT bin of :math:`(1, a, 0, \\dots)` vanishes (RTF-FFT-3).

    "Vanishes" means :math:`|\\hat a_l| \\le 10^{-(dps-10)}\\max_m|\\hat a_m|`.
    """
    top = max(abs(v) for v in den_hat)
    tol = top * mp.mpf(10) ** (-(dps - 10))
    for l, v in enumerate(den_hat):
        if abs(v) <= tol:
            raise ValueError(
                f"DFT bin {l} of (1, a) vanishes: a(z) has a root at an L-th root of unity "
                f"(L = {len(den_hat)}), so I - comp(a)^L is singular and the FFT kernel is undefined"
            )


def _real(values: list[Any], dps: int) -> list[Any]:
    """Drop imaginary parts that are rounding noise (relative to the largest entry)."""
    top = max(abs(v) for v in values)
    tol = top * mp.mpf(10) ** (-(dps - 10))
    for v in values:
        if abs(mp.im(v)) > tol:
            raise ValueError("internal error: real coefficients produced a complex kernel")
    return [mp.re(v) for v in values]


def _guard(L: Any) -> int:
    """Guard digits for a transform of length ``L`` (rounding grows like log L); 10 for invalid L."""
    if isinstance(L, bool) or not isinstance(L, int) or L < 1:
        return 10
    return 10 + 2 * int(math.log10(L + 1))


def _ratio_kernel(num: list[Any], den: list[Any], h0: Any, dps: int) -> list[Any]:
    """:math:`\\mathrm{IDFT}(\\mathrm{DFT}(num)/\\mathrm{DFT}(den) + h_0)` for padded vectors of one length."""
    real = all(mp.im(v) == 0 for v in num + den + [h0])
    if real:
        # one complex transform carries both real inputs: z = num + i den
        z = dft([mp.mpc(p, q) for p, q in zip(num, den)])
        n = len(z)
        num_hat = [(z[l] + mp.conj(z[-l % n])) / 2 for l in range(n)]
        den_hat = [(z[l] - mp.conj(z[-l % n])) / mp.mpc(0, 2) for l in range(n)]
    else:
        num_hat, den_hat = dft(num), dft(den)
    bin_check(den_hat, dps)
    out = idft([p / q + h0 for p, q in zip(num_hat, den_hat)])
    return _real(out, dps) if real else out


@with_dps()
def fft_kernel(b: Any, a: Any, L: int, *, h0: Any = 0, dps: int = DEFAULT_DPS) -> list[Any]:
    """The state-free FFT kernel of :math:`b(z)/a(z)` (RTF-FFT-1), plus :math:`h_0` at index 0.

    .. math::

        K_k = \\mathrm{IDFT}_L\\!\\left[\\frac{\\mathrm{DFT}_L(b_1,\\dots,b_d,0,\\dots,0)}
              {\\mathrm{DFT}_L(1,a_1,\\dots,a_d,0,\\dots,0)} + h_0\\right]_k
            = \\bar C^{\\mathsf T}\\bar A^k\\bar B + h_0[k=0],\\qquad k<L,

    with :math:`\\bar C^{\\mathsf T}=\\tilde C^{\\mathsf T}(I-\\bar A^L)^{-1}` where :math:`\\tilde C` is the
    output vector from which ``b`` was formed.  For :math:`\\rho(\\bar A)<1` this is the alias
    sum :math:`\\sum_m g_{k+mL}` of the series of :math:`b/a` (RTF-FFT-2).

    Domain: ``b``, ``a`` non-empty of equal length ``d``; integer ``L > d``; no root of
    :math:`a(z)` at an :math:`L`-th root of unity (RTF-FFT-3).  Cost :math:`O(L\\log L)`
    (radix-2 or Bluestein over ``mpc``), independent of ``d``.  Real inputs give ``mpf``.

    Source: Su, 重温SSM（四） (kexue.fm/archives/10180); Parnichkun et al. 2024 (RTF,
    arXiv 2405.06147), state-free inference via FFT.
    """
    with mpmath.extradps(_guard(L)):  # the guard digits grow with log L (on top of with_dps)
        bb, aa = coefficients(b, a)
        d = len(bb)
        check_length(L, d)
        h = _number(h0, "h0")
        num = bb + [mp.mpf(0)] * (L - d)
        den = [mp.mpf(1)] + aa + [mp.mpf(0)] * (L - d - 1)
        out = _ratio_kernel(num, den, h, dps)
        if not any(bb) and h == 0:  # the zero numerator has the zero kernel, exactly (not FFT noise)
            out = [0 * v for v in out]
    return out


def _inputs(u: Any) -> list[Any]:
    return _vector(u, "the input u", allow_empty=True)


@with_dps(guard=10)
def recurrent(b: Any, a: Any, u: Any, *, h0: Any = 0, dps: int = DEFAULT_DPS) -> list[Any]:
    """Outputs of the :math:`O(d)` state-free recurrence with output vector ``b`` (RTF-REC-1).

    .. math::

        x_{k+1} = \\big(u_k - \\langle a, x_k\\rangle,\\ x_k[0],\\dots,x_k[d-2]\\big),\\quad x_0 = 0,\\qquad
        y_k = b^{\\mathsf T}x_{k+1} + h_0u_k = h_0u_k + \\sum_{j\\le k}K_ju_{k-j},

    :math:`K_j=b^{\\mathsf T}\\operatorname{comp}(a)^je_1` (the untruncated kernel; Su's
    :math:`y_{k+1}` plus the feed-through).  Returns a list as long as ``u``.  To reproduce the
    :math:`L`-point FFT kernel pass ``untruncate_numerator(a, b, L)`` as ``b``.
    Source: Su, 重温SSM（四）.
    """
    bb, aa = coefficients(b, a)
    uu, h = _inputs(u), _number(h0, "h0")
    x = [mp.mpf(0)] * len(bb)
    out = []
    for uk in uu:
        x = [uk - mp.fdot(aa, x)] + x[:-1]
        out.append(mp.fdot(bb, x) + h * uk)
    return out


@with_dps(guard=10)
def iir(b: Any, a: Any, u: Any, *, h0: Any = 0, dps: int = DEFAULT_DPS) -> list[Any]:
    """Outputs of the IIR difference equation of :math:`H=h_0+b/a=(b+h_0a)/a` (RTF-REC-2).

    .. math::

        y_k + \\sum_{i=1}^d a_iy_{k-i} = (h_0+b_1)u_k + \\sum_{i=1}^{d-1}(h_0a_i+b_{i+1})u_{k-i}
              + h_0a_du_{k-d},

    zero initial conditions (terms with a negative index are 0).  Source: Su, 重温SSM（四）;
    RTF paper (transfer function in :math:`z^{-1}`).
    """
    bb, aa = coefficients(b, a)
    uu, h = _inputs(u), _number(h0, "h0")
    d = len(bb)
    num = [h + bb[0]] + [h * aa[i - 1] + bb[i] for i in range(1, d)] + [h * aa[d - 1]]
    y: list[Any] = []
    for k in range(len(uu)):
        acc = mp.fsum(num[i] * uu[k - i] for i in range(min(d, k) + 1))
        acc -= mp.fsum(aa[i - 1] * y[k - i] for i in range(1, min(d, k) + 1))
        y.append(acc)
    return y


def _row_times_companion(v: list[Any], a: list[Any]) -> list[Any]:
    """:math:`v^{\\mathsf T}\\operatorname{comp}(a)` in :math:`O(d)`: first row :math:`-a`, subdiagonal ones."""
    return [v[j + 1] - v[0] * a[j] for j in range(len(a) - 1)] + [-v[0] * a[-1]]


@with_dps(guard=10)
def truncate_numerator(a: Any, c: Any, L: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`\\tilde b^{\\mathsf T}=c^{\\mathsf T}(I-\\operatorname{comp}(a)^L)` (RTF-COMP-2, Su's :math:`\\tilde C`).

    With this numerator, ``fft_kernel(b_tilde, a, L)`` equals the first :math:`L` terms
    :math:`c^{\\mathsf T}\\operatorname{comp}(a)^ke_1` exactly.  Computed by :math:`L` row-vector
    products with the companion matrix, :math:`O(dL)`.  Domain: ``a``, ``c`` of equal length
    ``d >= 1``, integer ``L > d``.  Source: Su, 重温SSM（三）/（四）.
    """
    cc, aa = coefficients(c, a)
    check_length(L, len(aa))
    v = list(cc)
    for _ in range(L):
        v = _row_times_companion(v, aa)
    return [p - q for p, q in zip(cc, v)]


def _companion_matrix(a: list[Any]) -> Any:
    """:math:`\\operatorname{comp}(a)` of converted coefficients: first row :math:`-a`, ones on the subdiagonal."""
    d = len(a)
    comp = mp.matrix(d, d)
    for j in range(d):
        comp[0, j] = -a[j]
    for i in range(1, d):
        comp[i, i - 1] = 1
    return comp


def _companion_power(a: list[Any], L: int) -> Any:
    """:math:`\\operatorname{comp}(a)^L` by binary powering of dense ``mp.matrix`` products."""
    result, base, n = mp.eye(len(a)), _companion_matrix(a), L
    while n:
        if n & 1:
            result = result * base
        n >>= 1
        if n:
            base = base * base
    return result


@with_dps()
def untruncate_numerator(a: Any, b: Any, L: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`\\bar c` with :math:`\\bar c^{\\mathsf T}=b^{\\mathsf T}(I-\\operatorname{comp}(a)^L)^{-1}` (RTF-COMP-2).

    The output vector of the companion realisation whose kernel ``recurrent`` reproduces
    ``fft_kernel(b, a, L)``.  Computed by a linear solve with :math:`(I-\\operatorname{comp}(a)^L)^{\\mathsf T}`
    (the power by repeated squaring).  Domain: as :func:`truncate_numerator`, and
    :math:`I-\\operatorname{comp}(a)^L` invertible (no DFT bin of :math:`(1,a)` vanishes).
    Source: Su, 重温SSM（四）.
    """
    with mpmath.extradps(_guard(L)):  # the guard digits grow with log L (on top of with_dps)
        bb, aa = coefficients(b, a)
        d = len(aa)
        check_length(L, d)
        bin_check(dft([mp.mpf(1)] + aa + [mp.mpf(0)] * (L - d - 1)), dps)
        m = mp.eye(d) - _companion_power(aa, L)
        try:
            sol = mp.lu_solve(m.T, mp.matrix(bb))
        except ZeroDivisionError as exc:
            raise ValueError("I - comp(a)^L is singular: a(z) has a root at an L-th root of unity") from exc
        out = [sol[i] for i in range(d)]
    return out


@with_dps()
def rtf_py_kernel(
    b: Any, a: Any, L: int, *, h0: Any = 0, variant: str = "v1", dps: int = DEFAULT_DPS
) -> list[Any]:
    """Emulation of the kernels of ruke1ire/RTF ``rtf.py`` (commit 1d9e1e546f68), without importing it.

    With :math:`L' = L + (L \\bmod 2)` (the ``rfft`` length):

    - ``"v1"`` (``RTF.get_k``, RTF-PY-1): ``irfft(rfft([0, b, 0..], L') / rfft([1, a, 0..], L') + h0)[:L]``,
      which equals :math:`(h_0+h_{L'}, h_1, \\dots, h_{L-1})`, :math:`h_j` = entry :math:`j-1` of
      ``fft_kernel(b, a, L')``;
    - ``"v2"`` (``RTF2.get_k``, RTF-PY-3): the numerator :math:`c^{\\mathsf T}(I-A^L)` (``get_C_prime``,
      with :math:`A^L`, not :math:`A^{L'}`), unshifted, over :math:`L'` points, plus :math:`h_0`, first
      :math:`L` entries: :math:`c^{\\mathsf T}(I-A^L)(I-A^{L'})^{-1}A^je_1+h_0[j=0]`.

    Domain: as :func:`fft_kernel` (``L > d``); ``variant`` in ``v1, v2``.  Real coefficients are
    what rtf.py supports; complex ones are transformed with a full complex DFT.
    Source: ruke1ire/RTF ``rtf.py``; spec ``rational.md`` RTF-PY-1..3.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, got {variant!r}")
    with mpmath.extradps(_guard(L)):  # the guard digits grow with log L (on top of with_dps)
        bb, aa = coefficients(b, a)
        d = len(aa)
        check_length(L, d)
        h = _number(h0, "h0")
        n = L + (L % 2)
        if variant == "v1":
            num = [mp.mpf(0)] + bb + [mp.mpf(0)] * (n - d - 1)
        else:
            num = truncate_numerator(aa, bb, L, dps=mp.dps) + [mp.mpf(0)] * (n - d)
        den = [mp.mpf(1)] + aa + [mp.mpf(0)] * (n - d - 1)
        out = _ratio_kernel(num, den, h, dps)[:L]
    return out
