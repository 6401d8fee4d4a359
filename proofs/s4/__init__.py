"""S4: efficient computation of the HiPPO SSM convolution kernel (spec ``s4.md``).

Public API (spec section 7): :data:`NPLR_MEASURES`, :func:`nplr`, :func:`legs_eigenvectors`,
:func:`normal_spectrum`, :func:`fout_reduced`.  The numerical counterparts (the kernel three ways,
unitary diagonalisation, DPLR, S4D, the O(N) step) are in :mod:`numerics.s4`.

Main statements (registered on import):

- S4-NPLR-1..6: LegS = normal - rank 1, LegT rank 2, LagT, FouT; spectra; the reduced FouT system;
- S4-DIAG-1, S4-EIG-1..4: unitary diagonalisation; LegS eigenvectors (Su's factorial form, the signed
  binomial matrix), their size and the ill-conditioning (EMPIRICAL);
- S4-SIM-1, S4-KER-1: similarity invariance, kernel/recurrence equivalence;
- S4-GF-1..5: truncated generating function, roots of unity and C-tilde, inverse DFT and its sign;
- S4-RES-1/2, S4-WB-1/2, S4-ALG-1..3: bilinear resolvent and the node z = -1, Woodbury, S4's
  Algorithm 1 in Cauchy form, complexity, collisions;
- S4-CONJ-1/2, S4-REC-1, S4-S4D-1/2, S4-DBL-1, S4-RTF-1, S4-MEM-1; errata S4-ERR-1..4.

References: Gu, Goel, Ré 2021 (S4, arXiv 2111.00396); Gu, Gupta, Goel, Ré 2022 (S4D, arXiv
2206.11893); Su Jianlin, 重温SSM（三）/（四） (kexue.fm/archives/10162, 10180); state-spaces/s4.
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 20
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "S4"
TITLE = "S4: efficient computation of SSM kernels"

from .factors import NPLR_MEASURES, fout_reduced, legs_eigenvectors, nplr, normal_spectrum

from . import structure as _s4_nplr  # noqa: F401,E402  (registers results)
from . import kernel as _s4_kernel  # noqa: F401,E402
from . import algorithm as _s4_algo  # noqa: F401,E402

__all__ = ["NPLR_MEASURES", "nplr", "legs_eigenvectors", "normal_spectrum", "fout_reduced"]
