"""HiPPO: the HiPPO ODEs derived by projection, their LegS properties and discretisations.

Public API (spec ``hippo.md`` section 10): :data:`MEASURES`, :func:`transition`,
:func:`derive_transition`, :func:`discretize`, :func:`fout_complex`, :func:`rescale`,
:func:`legs_step`, plus :func:`general_term` (the entries as SymPy ``Piecewise`` in n, k).

Importing this module registers the results HIPPO-LEG-7, HIPPO-GEN-1, HIPPO-LEGS-*, HIPPO-LEGT-*,
HIPPO-LMU-*, HIPPO-LAGT-*, HIPPO-FOUT-*, HIPPO-FOUS-*, HIPPO-RESCALE-1, HIPPO-DISC-*,
HIPPO-ERR-1..3, and the numerical reproductions HIPPO-LEGS-P11 (THEOREM) and HIPPO-LEGS-P9-III (EMPIRICAL) (HIPPO-LEG-1..6 and HIPPO-LAG-1..2 live in :mod:`proofs.hippo.legendre`).

Conventions (spec section 1): zero-based indices; paper normalisation
:math:`g_n(r)=\\sqrt{2n+1}P_n(2r-1)` on [0, 1] (Su's :math:`\\sqrt{(2n+1)/2}P_n(s)` on [-1, 1]
multiplies B by :math:`\\sqrt2`, same A); :math:`\\dot x = Ax+Bu` with the spectrum of A in the left
half-plane (the HiPPO paper's A is the negative); LegS and FouS are :math:`t\\dot x = Ax + Bu`.

Blog errata (spec section 6), stated in the registered notes and verified in corrected form:
HIPPO-ERR-1 (LMU rescaling factor must be :math:`\\sqrt2/\\sqrt{2n+1}`), HIPPO-ERR-2 (FouT closure
:math:`u(T-w)\\approx 2\\sum_k c_k - u(T)`, not :math:`\\sum_k c_k`), HIPPO-ERR-3 (the LegS rescaling
refers to the LegS, not the LegT, equation).

References: Gu et al. 2020 (HiPPO, arXiv 2008.07669); Voelker et al. 2019 (LMU); Gu et al. 2021 (S4);
Gu et al. 2022 (How to Train your HiPPO); Su Jianlin, 重温SSM（一）-（三） (kexue.fm/archives/10114,
10137, 10162).
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 10
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "HIPPO"
TITLE = "HiPPO: online function approximation by ODEs"

from .transitions import (
    MEASURES,
    derive_transition,
    fout_complex,
    frequencies,
    general_term,
    rescale,
    shifted_legendre,
    transition,
)
from .discrete_systems import discretize, legs_step

from . import measures as _hippo_measures  # noqa: F401,E402  (registers results)
from . import fourier as _hippo_fourier  # noqa: F401,E402
from . import legs_properties as _hippo_props  # noqa: F401,E402
from . import discretization as _hippo_discresults  # noqa: F401,E402
from . import empirical as _hippo_empirical  # noqa: F401,E402

__all__ = [
    "MEASURES",
    "transition",
    "derive_transition",
    "discretize",
    "fout_complex",
    "rescale",
    "legs_step",
    "general_term",
    "frequencies",
    "shifted_legendre",
]
