"""A discrete Fourier transform over mpmath numbers, for the RTF pillar (private).

Conventions (spec ``rational.md`` section 1, item 6, shared with the S4 pillar):

.. math::

    \\hat x_l = \\sum_{k<L} x_k e^{-2\\pi i kl/L}, \\qquad
    x_k = \\frac{1}{L}\\sum_{l<L} \\hat x_l e^{+2\\pi i kl/L}.

Lengths that are powers of two use an iterative radix-2 Cooley--Tukey transform;
every other length uses Bluestein's chirp-z identity
:math:`kl = \\tfrac12\\big(k^2 + l^2 - (k-l)^2\\big)`, which turns the DFT into a
cyclic convolution of power-of-two length :math:`M \\ge 2L-1` (three radix-2
transforms).  Either way the cost is :math:`O(L\\log L)` operations on ``mpc``
numbers at the working precision; no float64 FFT is involved anywhere.

Twiddle factors are computed with ``mp.expjpi`` (exact argument reduction, no
accumulated rotation error) and cached per (length, precision).  The chirp uses
:math:`m^2 \\bmod 2L` so that its phase is computed from a small exact integer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from mpmath import mp

__all__ = ["dft", "idft", "is_power_of_two"]


def is_power_of_two(n: int) -> bool:
    return n >= 1 and n & (n - 1) == 0


@lru_cache(maxsize=64)
def _twiddles(n: int, prec: int) -> tuple[Any, ...]:
    """:math:`e^{-2\\pi i k/n}` for ``k < n/2`` at binary precision ``prec``."""
    with mp.workprec(prec):
        return tuple(mp.expjpi(mp.mpf(-2 * k) / n) for k in range(n // 2))


@lru_cache(maxsize=64)
def _chirp(n: int, prec: int) -> tuple[Any, ...]:
    """:math:`e^{-\\pi i m^2/n}` for ``m < n``, with the exponent reduced modulo ``2n``."""
    with mp.workprec(prec):
        return tuple(mp.expjpi(mp.mpf(-((m * m) % (2 * n))) / n) for m in range(n))


def _bit_reverse(x: list[Any]) -> None:
    n, j = len(x), 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            x[i], x[j] = x[j], x[i]


def _radix2(values: Sequence[Any]) -> list[Any]:
    """Forward DFT of a power-of-two length (iterative, in place on a copy)."""
    x = [mp.mpc(v) for v in values]
    n = len(x)
    if n == 1:
        return x
    _bit_reverse(x)
    tw = _twiddles(n, mp.prec)
    m = 2
    while m <= n:
        half, step = m // 2, n // m
        for start in range(0, n, m):
            for k in range(half):
                lo, hi = start + k, start + k + half
                t = tw[k * step] * x[hi] if k else x[hi]
                u = x[lo]
                x[lo] = u + t
                x[hi] = u - t
        m *= 2
    return x


def _bluestein(values: Sequence[Any]) -> list[Any]:
    """Forward DFT of any length via a power-of-two cyclic convolution."""
    n = len(values)
    c = _chirp(n, mp.prec)
    m = 1
    while m < 2 * n - 1:
        m *= 2
    f = [mp.mpc(values[j]) * c[j] for j in range(n)] + [mp.mpc(0)] * (m - n)
    g = [mp.mpc(0)] * m
    for j in range(n):
        g[j] = mp.conj(c[j])
        if j:
            g[m - j] = g[j]
    ff, gg = _radix2(f), _radix2(g)
    conv = _radix2([mp.conj(p * q) for p, q in zip(ff, gg)])  # conj-trick inverse (up to the 1/m)
    return [c[k] * mp.conj(conv[k]) / m for k in range(n)]


def dft(values: Sequence[Any]) -> list[Any]:
    """Forward DFT :math:`\\hat x_l=\\sum_k x_ke^{-2\\pi ikl/L}` at the current mpmath precision."""
    n = len(values)
    if n < 1:
        raise ValueError("the DFT needs at least one value")
    return _radix2(values) if is_power_of_two(n) else _bluestein(values)


def idft(values: Sequence[Any]) -> list[Any]:
    """Inverse DFT :math:`x_k=\\frac1L\\sum_l\\hat x_le^{+2\\pi ikl/L}` (by conjugation of :func:`dft`)."""
    n = len(values)
    out = dft([mp.conj(mp.mpc(v)) for v in values])
    return [mp.conj(v) / n for v in out]
