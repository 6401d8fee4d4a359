"""Low-rank approximation and smooth top-k (spec ``lowrank.md``): pseudo-inverse, SVD and Eckart-Young-Mirsky,
GradTopK and threshold top-k, LoRA-GA / LoRA-Pro, Monarch matrices.

Main statements (registered in :data:`proofs.registry`):

- LOWR-PINV-1..8: normal equations from the gradient of :math:`\\Vert AB-M\\Vert_F^2`; full-rank forms;
  :math:`A^+=\\lim_{\\varepsilon\\to0^+}(A^{\\mathsf T}A+\\varepsilon I)^{-1}A^{\\mathsf T}` with its first-order
  term; the eigen and SVD recipes; Penrose's conditions; identities; least residual and least norm;
- LOWR-SVD-1..7: the SVD from the spectral theorem; norms; the reduction to one factor;
  :math:`\\min_{\\operatorname{rank}X\\le r}\\Vert X-M\\Vert_F^2=\\sum_{i>r}\\sigma_i^2` (Eckart-Young-Mirsky, via
  the spectral projector with ``CRootOf`` eigenvalues), the spectral-norm version, uniqueness, projector form;
- LOWR-TOPK-1..9: the top-k operator; GradTopK :math:`p_i=y_ie_{k-1}(y_{\\setminus i})/e_k(y)`, its bounds,
  recursions, Jacobian and zero-temperature limit (ties: :math:`q/g`); the weighted-softmax iteration's wrong
  limit; the threshold form, its Jacobian and closed-form thresholds; the checked corrections LOWR-TOPK-4-FLOAT
  (Su's float64 recursion fails; the DP on the remaining entries does not), LOWR-TOPK-9-K1 (smoothstep equals
  softmax at k = 1 only when the largest probability is at most 1/2) and LOWR-TOPK-9-MN (the branch m = n);
- LOWR-LORA-1..8: the one-step LoRA update; the LoRA-GA initialisation and its optimum
  :math:`\\sum_{i>2r}\\sigma_i^2`; LoRA-Pro's minimisers, the choice of :math:`C`, plain LoRA against LoRA-Pro, the
  reference code's PEFT order; Adam variants (HEURISTIC);
- LOWR-MON-1..3: Monarch matrices :math:`M=PLPR`, the blockwise rank-one projection, the DFT.

Conventions are the spec's: Su's factor order :math:`W=W_0+AB`, :math:`A\\in\\mathbb R^{n\\times r}`; :math:`V^{\\mathsf T}`
always written out; 0-based, row-major Monarch views.  Numerics: :mod:`numerics.lowrank` (Newton-Schulz, ALS,
``mp.svd_r``, characteristic-polynomial roots, DP and subset enumeration, bisection, vectorised least squares, power
iteration).

References: Su Jianlin, 低秩近似之路（一）（二） (kexue.fm/archives/10366, 10407), Softmax后传 (10373), LoRA posts
(10226, 10266), Monarch (10249); Penrose 1955; Eckart & Young 1936; Mirsky 1960; Ky Fan 1949; LoRA-GA (arXiv
2407.05000); LoRA-Pro (arXiv 2407.18242); Monarch (arXiv 2204.00595).
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 60
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "LOWR"
TITLE = "Low-rank approximation and smooth top-k"

from .gradtopk import elementary_symmetric as elementary_symmetric  # noqa: E402
from .gradtopk import smooth_topk_esp as smooth_topk_esp  # noqa: E402
from .gradtopk import smooth_topk_esp_jacobian as smooth_topk_esp_jacobian  # noqa: E402
from .gradtopk import topk_multihot as topk_multihot  # noqa: E402
from .lora import lora_one_step as lora_one_step  # noqa: E402
from .lora import loraga_min_objective as loraga_min_objective  # noqa: E402
from .lora import lorapro_residual as lorapro_residual  # noqa: E402
from .lora import lorapro_update as lorapro_update  # noqa: E402
from .monarch import dft_monarch_factors as dft_monarch_factors  # noqa: E402
from .monarch import monarch_error as monarch_error  # noqa: E402
from .monarch import monarch_matrix as monarch_matrix  # noqa: E402
from .moore_penrose import lstsq as lstsq  # noqa: E402
from .moore_penrose import penrose_conditions as penrose_conditions  # noqa: E402
from .moore_penrose import pseudo_inverse as pseudo_inverse  # noqa: E402
from .moore_penrose import ridge_pseudo_inverse as ridge_pseudo_inverse  # noqa: E402
from .svd import best_rank_r as best_rank_r  # noqa: E402
from .svd import singular_values_squared as singular_values_squared  # noqa: E402
from .thresholds import topk_threshold_closed as topk_threshold_closed  # noqa: E402

__all__ = [
    "best_rank_r", "dft_monarch_factors", "elementary_symmetric", "lora_one_step", "loraga_min_objective",
    "lorapro_residual", "lorapro_update", "lstsq", "monarch_error", "monarch_matrix", "penrose_conditions",
    "pseudo_inverse", "ridge_pseudo_inverse", "singular_values_squared", "smooth_topk_esp",
    "smooth_topk_esp_jacobian", "topk_multihot", "topk_threshold_closed",
]
