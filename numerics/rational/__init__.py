"""Rational transfer functions of SSM kernels, computed in mpmath (the RTF pillar).

The public API of spec ``rational.md`` section 5:

- :func:`fft_kernel`: the state-free FFT kernel (RTF-FFT-1),

  .. math:: K = \\mathrm{IDFT}_L\\Big[\\frac{\\mathrm{DFT}_L(b_1,\\dots,b_d,0,\\dots)}
            {\\mathrm{DFT}_L(1,a_1,\\dots,a_d,0,\\dots)}\\Big] + h_0\\,e_0 ;

- :func:`recurrent`: the :math:`O(d)` state-free recurrence (RTF-REC-1);
- :func:`iir`: the difference equation (RTF-REC-2);
- :func:`truncate_numerator` / :func:`untruncate_numerator`: the numerator
  correction :math:`\\tilde b^{\\mathsf T}=c^{\\mathsf T}(I-\\operatorname{comp}(a)^L)`
  and its inverse (RTF-COMP-2);
- :func:`rtf_py_kernel`: an emulation of ruke1ire/RTF ``rtf.py`` (RTF-PY-1, RTF-PY-3).

Conventions are Su's (重温SSM（四）, kexue.fm/archives/10180): :math:`G(z)=\\sum_k K_kz^k
=b(z)/a(z)`, :math:`K_0=b_1` at index 0, the feed-through :math:`h_0` added at index 0.
The independent routes used by the cross-checks (repeated companion products,
Faddeev--LeVerrier, interpolation, alias sums) live in :mod:`numerics.rational.routes`.
Nothing here imports SymPy; all work happens inside ``mpmath.workdps``.
"""

from __future__ import annotations

from .kernels import bin_check as bin_check
from .kernels import check_length as check_length
from .kernels import coefficients as coefficients
from .kernels import fft_kernel as fft_kernel
from .kernels import iir as iir
from .kernels import recurrent as recurrent
from .kernels import rtf_py_kernel as rtf_py_kernel
from .kernels import truncate_numerator as truncate_numerator
from .kernels import untruncate_numerator as untruncate_numerator

__all__ = [
    'bin_check',
    'check_length',
    'coefficients',
    'fft_kernel',
    'iir',
    'recurrent',
    'rtf_py_kernel',
    'truncate_numerator',
    'untruncate_numerator',
]
