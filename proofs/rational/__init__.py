"""Rational generating functions of SSM kernels: the RTF view (spec ``rational.md``).

Main statements (registered in :data:`proofs.registry`):

- RTF-RAT-1..3: :math:`C^{\\mathsf T}(I-z\\bar A)^{-1}\\bar B=b(z)/a(z)` with :math:`a` from
  :math:`\\det(\\lambda I-\\bar A)` and :math:`b` from
  :math:`\\det(\\lambda I-\\bar A+\\bar BC^{\\mathsf T})-\\det(\\lambda I-\\bar A)`; its proof ingredients
  (adjugate, Sylvester, rank-one lemma) and elementary coefficient facts;
- RTF-FFT-1..3: the state-free FFT kernel, its aliasing view, and when the ratio is defined;
- RTF-COMP-1..3: the companion realisation, its characteristic polynomial and feedback form;
- RTF-REC-1, 2: the :math:`O(d)` recurrence and the IIR difference equation;
- RTF-POLE-1, RTF-MONTEL-1, RTF-FIR-1, RTF-H0-1: poles, the sufficient stability condition
  :math:`\\sum|a_i|<1`, zero initialisation (FIR) and the feed-through;
- RTF-IDX-1: Su's :math:`z` versus the RTF paper's :math:`z^{-1}` (:func:`su_to_rtf_kernel`);
- RTF-PY-1, RTF-PY-3: the kernels of ruke1ire/RTF ``rtf.py`` as exact formulas.

RTF-S4-1 (S4 kernels are RTF kernels) is registered by the S4 pillar.

How they are proved.  Exact SymPy: Berkowitz characteristic polynomials, adjugates and
determinants over polynomial rings (``DomainMatrix``), ``Poly`` arithmetic, and -- for the
FFT formula -- division in :math:`\\mathbb Q[z]/(z^L-1)` by the extended Euclidean algorithm,
checked bin by bin in :math:`\\mathbb Q(e^{2\\pi i/L})=\\mathbb Q[t]/\\Phi_L(t)` (the DFT bins
exactly).  Each proof says how far it reaches: fully symbolic data for every :math:`d` up to a
bound (a range), or named exact instances (random rationals of each size, or one :math:`L` per
:math:`d`) where the claim has more parameters than the sweep covers.
Numerics: :mod:`numerics.rational` (own mpmath FFT, recurrences) and
:mod:`numerics.rational.routes` (repeated companion products, Faddeev--LeVerrier,
interpolation, alias sums, ``mp.eig``).

References: Su Jianlin, 重温SSM（三）/（四） (kexue.fm/archives/10162, 10180); Parnichkun et al.
2024, RTF (arXiv 2405.06147); Gu, Goel, Ré 2021, S4 (arXiv 2111.00396); ruke1ire/RTF ``rtf.py``
(conventions only).
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 30
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "RTF"
TITLE = "Rational transfer functions of SSM kernels"

from . import rationality as _results_a  # noqa: F401  (registers RTF-RAT-*, RTF-FFT-*)
from . import state_space as _results_b  # noqa: F401  (registers RTF-COMP-*, RTF-REC-*)
from . import conventions as _results_c  # noqa: F401  (registers the rest)
from .transfer import comp as comp
from .transfer import companion as companion
from .transfer import crt_kernel as crt_kernel
from .transfer import fft_kernel_exact as fft_kernel_exact
from .transfer import lam as lam
from .transfer import rtf_to_su_kernel as rtf_to_su_kernel
from .transfer import series_coefficients as series_coefficients
from .transfer import su_to_rtf_kernel as su_to_rtf_kernel
from .transfer import transfer_function as transfer_function
from .transfer import truncate_numerator as truncate_numerator
from .transfer import untruncate_numerator as untruncate_numerator
from .transfer import z as z

__all__ = [
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
