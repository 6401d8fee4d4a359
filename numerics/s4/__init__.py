"""S4's convolution kernel computed in mpmath, three independent ways, plus the DPLR tools.

Public API (spec ``s4.md`` section 7):

- :func:`kernel`: :math:`K_k=C^{\\mathsf T}\\bar A^k\\bar B`, :math:`k<L`, with the bilinear
  :math:`(\\bar A,\\bar B)` at step :math:`\\Delta`, by ``method``

  * ``"power"``: repeated products with :math:`\\bar A` (O(N^2 L));
  * ``"generating"``: the truncated generating function at :math:`z_l=e^{-2\\pi il/L}`,

    .. math:: \\hat K_l=\\tilde C^{\\mathsf T}\\,2\\big[\\tfrac2\\Delta(1-z_l)I-(1+z_l)A\\big]^{-1}B,
              \\qquad \\tilde C=(I-\\bar A^L)^{\\mathsf T}C,

    then :math:`K_k=\\tfrac1L\\sum_l\\hat K_le^{+2\\pi ikl/L}` (S4-GF-1..3, S4-RES-1);
  * ``"cauchy"``: :math:`A=V(\\Lambda-\\tilde P\\tilde P^*)V^*` from the NPLR factors with the normal
    part diagonalised by ``mp.eigh`` on :math:`-iK` (never by diagonalising A), then Woodbury and
    Cauchy sums (S4 Algorithm 1, S4-ALG-1) and the z = -1 node by S4-RES-2; O(N L r^2) per kernel.

- :func:`unitary_diagonalize`, :func:`dplr`, :func:`s4d_kernel` (S4D, ZOH / bilinear),
  :func:`nplr_step` (the O(N r) bilinear step in the rotated basis, S4-REC-1).

Conventions: plain transpose :math:`C^{\\mathsf T}` (convention 3), numpy's DFT sign
(convention 5).  Every function works inside ``mpmath.workdps`` with guard digits and returns
numbers rounded to ``dps``; real inputs give real ``mpf`` kernels.

Sources: Gu, Goel, Ré 2021 (S4, arXiv 2111.00396), Theorem 3, Algorithm 1, appendix C;
Gu, Gupta, Goel, Ré 2022 (S4D, arXiv 2206.11893); Su, 重温SSM（三） (kexue.fm/archives/10162).
"""

from __future__ import annotations

from .kernels import METHODS as METHODS
from .kernels import DISCS as DISCS
from .kernels import MEASURES as MEASURES
from .kernels import kernel as kernel
from .kernels import unitary_diagonalize as unitary_diagonalize
from .kernels import dplr as dplr
from .kernels import s4d_kernel as s4d_kernel
from .kernels import nplr_step as nplr_step
from .kernels import hippo_nplr as hippo_nplr
from .kernels import fout_reduced as fout_reduced
from .kernels import bilinear as bilinear

__all__ = [
    'METHODS',
    'DISCS',
    'MEASURES',
    'kernel',
    'unitary_diagonalize',
    'dplr',
    's4d_kernel',
    'nplr_step',
    'hippo_nplr',
    'fout_reduced',
    'bilinear',
]
