"""The entropy-invariant softmax scale (spec ``entropy.md``): closed forms, derivations, registry entries.

Main statements (keys in ``proofs.registry``, prefix ``ENT``):

- ENT-A1 .. A6: :math:`H = \\ln Z - \\lambda E_p[s]`; :math:`A' = E_p s`, :math:`A'' = \\operatorname{Var}_p s`;
  :math:`dH/d\\lambda = -\\lambda\\operatorname{Var}_p s` and the integral form; limits, shift invariance and
  scale covariance; the cumulant expansion; the Jensen lower bound
  :math:`H \\ge \\ln n - \\lambda(s_{\\max} - \\bar s)` with its two-part slack (``entropy_ge_log_n_sub_spread``);
- ENT-A7 .. A9: Su's law :math:`\\kappa\\ln n/d` (algebra); the two-level model, where the log law fixes
  :math:`p_{\\max} = \\sigma(c)` but not H, and the invariant scale :math:`u^*(n)`; the grouping bound;
- ENT-A10 .. A13, A19: the annealed approximation :math:`H_{ann} = \\ln n - KL(P_\\lambda\\|P)` and its closed forms
  (Gaussian, uniform, exponential, sphere/Bessel), the Laplace limit :math:`g(\\lambda)` (Su's 0.24), the REM and
  Poisson-Dirichlet theorems (THEOREM) with their exact algebra, the extreme-value rule;
- ENT-A11, A14, A16 .. A18: :math:`\\log_{512}n/\\sqrt d`, SSMax, YaRN / DeepSeek-V3 / Llama 4 / Qwen factors,
  gradient maximisation and :math:`\\alpha^{*2} = W_0(n\\sqrt e/2) - 1/2`.

HEURISTIC and EMPIRICAL items are registered with that status and say in their notes
what exactly is checked (ENT-A11b JL argument, ENT-A13 extreme-value rule, ENT-A15 Chiang & Cholak,
ENT-A18e cosine optimum: ``heuristics``).  Published numbers (ENT-B1 .. B9) are recorded verbatim
in :data:`QUOTED` and never recomputed; ENT-B1, B4, B5 are also EMPIRICAL Results that check only the
arithmetic the sources state (table difference, fits, roundings); the others are marked
"quoted, not verified".  Experiments ENT-E1 .. E3: ``benchmarks/entropy_vs_n.py`` (E3 also in
``tests/entropy/test_entropy_two_level.py``); the E1c d-sweep: ``benchmarks/entropy_e1c_sweep.py``.

References: Su, kexue.fm/archives/8823, 9034, 9588, 9812, 9675, 9859, 9948, 7695, 8711; Chiang & Cholak 2022;
Nakanishi 2025 (SSMax); Peng et al. 2023 (YaRN); DeepSeek-V3; Derrida 1981; Bovier 2006; Pitman & Yor 1997.

Modules: ``closed_forms`` (the API); the results are registered by ``softmax``, ``two_level_model``,
``annealed``, ``sphere``, ``gaussian_scores``, ``scale_laws``, ``gradient_max``, ``heuristics`` and ``quoted``
(ENT-B data and the ENT-B1/B4/B5 results).
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 40
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "ENT"
TITLE = "Entropy-invariant attention scale"

# registration order = listing order: A1-A9, A10-A13/A19, A7/A11/A14-A17, A18
from . import softmax as _entropy_core  # isort: skip
from . import two_level_model as _entropy_twolevel  # isort: skip
from . import annealed as _entropy_annealed  # isort: skip
from . import sphere as _entropy_sphere  # isort: skip
from . import gaussian_scores as _entropy_rem  # isort: skip
from . import scale_laws as _entropy_scales  # isort: skip
from . import gradient_max as _entropy_gradmax  # isort: skip
from . import heuristics as _entropy_gaps  # isort: skip
from . import quoted as _entropy_quoted  # isort: skip
from .annealed import annealed_entropy as annealed_entropy
from .annealed import laplace_rate as laplace_rate
from .annealed import pd_entropy as pd_entropy
from .closed_forms import binary_entropy as binary_entropy
from .closed_forms import gradmax_alpha as gradmax_alpha
from .closed_forms import logistic as logistic
from .closed_forms import lower_bound as lower_bound
from .closed_forms import practical_scale as practical_scale
from .closed_forms import softmax_entropy as softmax_entropy
from .closed_forms import softmax_probabilities as softmax_probabilities
from .closed_forms import ssmax_scale as ssmax_scale
from .closed_forms import two_level as two_level
from .closed_forms import yarn_mscale as yarn_mscale
from .softmax import jensen_slack as entropy_ge_log_n_sub_spread
from .quoted import QUOTED as QUOTED

__all__ = [
    "softmax_entropy",
    "softmax_probabilities",
    "binary_entropy",
    "logistic",
    "two_level",
    "lower_bound",
    "practical_scale",
    "ssmax_scale",
    "yarn_mscale",
    "annealed_entropy",
    "laplace_rate",
    "pd_entropy",
    "gradmax_alpha",
    "entropy_ge_log_n_sub_spread",
    "QUOTED",
]

# keep the private modules referenced (they register their results on import)
_MODULES = (
    _entropy_core,
    _entropy_twolevel,
    _entropy_annealed,
    _entropy_sphere,
    _entropy_rem,
    _entropy_scales,
    _entropy_gradmax,
    _entropy_gaps,
    _entropy_quoted,
)
