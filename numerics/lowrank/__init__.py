"""Low-rank approximation and smooth top-k, computed in mpmath (the public API of spec ``lowrank.md`` section 5).

- :func:`pseudo_inverse` (``"svd"``, ``"newton_schulz"`` :math:`X_{k+1}=X_k(2I-AX_k)` stopped when the step stops
  shrinking, ``"ridge"`` extrapolation of :math:`(A^{\\mathsf T}A+\\varepsilon I)^{-1}A^{\\mathsf T}` to 0);
- :func:`singular_values` (``"svd"``, ``"charpoly"``), :func:`best_rank_r` (``"svd"``, ``"als"``: alternating least
  squares), :func:`spectral_norm` (power iteration on :math:`M^{\\mathsf T}M`);
- :func:`elementary_symmetric` (``"dp"``, ``"product"``, ``"subsets"``), :func:`smooth_topk_esp` (GradTopK by the
  DP or by subset enumeration), :func:`weighted_softmax_iteration`;
- :func:`topk_threshold` and :func:`topk_threshold_jacobian` (bisection on the bracket, never a closed form);
- :func:`loraga_init`, :func:`lorapro_update`, :func:`lorapro_product_lstsq` (vectorised least squares);
- :func:`monarch_project` (``"svd"``, ``"power"`` per slice).

Every route works at ``mp.workdps(dps + 20)`` and returns at ``dps``; nothing here imports SymPy or evaluates a
closed form it is used to check.
"""

from __future__ import annotations

from .gradtopk import elementary_symmetric as elementary_symmetric
from .gradtopk import smooth_topk_esp as smooth_topk_esp
from .gradtopk import weighted_softmax_iteration as weighted_softmax_iteration
from .lora import loraga_init as loraga_init
from .lora import lorapro_product_lstsq as lorapro_product_lstsq
from .lora import lorapro_update as lorapro_update
from .monarch import monarch_project as monarch_project
from .moore_penrose import pseudo_inverse as pseudo_inverse
from .svd import best_rank_r as best_rank_r
from .svd import singular_values as singular_values
from .svd import spectral_norm as spectral_norm
from .thresholds import topk_threshold as topk_threshold
from .thresholds import topk_threshold_jacobian as topk_threshold_jacobian

__all__ = [
    "best_rank_r", "elementary_symmetric", "loraga_init", "lorapro_product_lstsq", "lorapro_update",
    "monarch_project", "pseudo_inverse", "singular_values", "smooth_topk_esp", "spectral_norm", "topk_threshold",
    "topk_threshold_jacobian", "weighted_softmax_iteration",
]
