"""HiPPO quantities computed independently in mpmath (spec ``hippo.md``, API contract section 10).

- :func:`project`: the coefficients :math:`c_n(t)` of a signal by ``mp.quad`` of the projection
  integral of each measure (the Legendre and Laguerre families by their three-term recurrences,
  Fourier from ``mp.cospi``/``mp.expjpi``; one shared vector per quadrature node, see :mod:`numerics.hippo.bases`);
- :func:`project_derivative`: their time derivative by **differentiating under the integral sign**
  (the signal's derivative is integrated against the basis); this never uses the integration
  by parts that produces the transition matrices, so comparing :math:`\\dot c` with :math:`Ac+Bu`
  tests those matrices;
- :func:`reconstruct`: :math:`\\sum_n c_n\\psi_n(\\tau)` with the synthesis functions of the measure;
- :func:`legs_matrix`: the LegS matrix by quadrature of :math:`-\\delta_{nk}-\\int_0^1 r g_n' g_k`
  (derivatives by ``mp.diff``), and :func:`legs_input` the vector :math:`g_n(1)`;
- :func:`lagt_matrix`: the LagT pairs (``"lagt"``, ``"lagt-half"``) by Gauss-Laguerre quadrature of
  :math:`\\int_0^\\infty (L_n' - hL_n)L_ke^{-y}dy` (values and derivatives by the three-term recurrence);
- :func:`discretize` (in :mod:`numerics.hippo.discrete_systems`) and :func:`legs_step`: discretisations with
  ``mp.expm``/``mp.inverse``; the exact LegS step is computed by quadrature of a concatenated
  signal, with no matrix exponential and no transition matrix at all.

Nothing here imports SymPy or :mod:`proofs`; every function works inside ``mpmath.workdps(dps)``.
"""

from __future__ import annotations

from .projection import MEASURES as MEASURES
from .projection import project as project
from .projection import project_derivative as project_derivative
from .projection import reconstruct as reconstruct
from .projection import analysis as analysis
from .projection import synthesis as synthesis
from .projection import legs_matrix as legs_matrix
from .projection import legs_input as legs_input
from .projection import lagt_matrix as lagt_matrix
from .discrete_systems import discretize as discretize
from .discrete_systems import legs_step as legs_step
from .projection import frequencies as frequencies

__all__ = [
    'MEASURES',
    'project',
    'project_derivative',
    'reconstruct',
    'analysis',
    'synthesis',
    'legs_matrix',
    'legs_input',
    'lagt_matrix',
    'discretize',
    'legs_step',
    'frequencies',
]
