"""Questions the SSM reference code's users keep asking, settled: one registered result per question (issue
threads cited as ``owner/repo#N``; each result's notes begin with the answer in one sentence).

- FAQ-ZOH-1..5 (state-spaces/mamba#114, #121, #129, #524; johnma2006/mamba-minimal#2; srush/annotated-mamba#4;
  alxndrTL/mamba.py#10): zero-order hold derived from the ODE; :math:`\\bar B_{ZOH}-\\Delta B=\\sum_{k\\ge1}
  \\Delta^{k+1}A^kB/(k+1)!`; with a fixed step Euler-B with :math:`B'=\\varphi(\\Delta A)B`,
  :math:`\\varphi(x)=(e^x-1)/x`, is the same LTI model, with an input-dependent step it is not; the range of
  :math:`\\varphi` over Mamba's initial steps;
- FAQ-INT-1 (MzeroMiko/VMamba#98): :math:`A^{-1}(e^{A\\Delta}-I)` against :math:`(I-e^{-A\\Delta})A^{-1}`, factor
  :math:`e^{A\\Delta}`;
- FAQ-IDX-1, 2 (hkproj/mamba-notes#1): which input forward/backward Euler and ZOH use; the one-step shift;
- FAQ-S4DREAL-1 (state-spaces/mamba#167, #326): :math:`-\\exp(\\log(1..N))=-(n+1)`, the LegS diagonal;
- FAQ-LEGS-1, 2 (state-spaces/mamba#950): the HiPPO and LSSL displays of LegS; what ``-arange(N) - 0.5`` is;
- FAQ-CONJ-1 (state-spaces/s4#120): conjugating A alone equals conjugating C; the model classes agree;
- FAQ-S4DEFAULT-1 (state-spaces/s4#156): S4's default HiPPO matrix (EMPIRICAL, from the code).

Numerics: :mod:`numerics.faq`.
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 70
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "FAQ"
TITLE = "Questions from the SSM reference code's issue trackers"

from . import discretization as _discretization  # noqa: F401,E402  (registers FAQ-ZOH-*, FAQ-INT-1, FAQ-IDX-*)
from . import initialisation as _initialisation  # noqa: F401,E402  (registers the rest)
from .discretization import phi as phi  # noqa: E402
from .discretization import phi_range as phi_range  # noqa: E402
from .discretization import zoh_input as zoh_input  # noqa: E402
from .initialisation import pair_kernel as pair_kernel  # noqa: E402
from .initialisation import s4d_real as s4d_real  # noqa: E402

__all__ = ["pair_kernel", "phi", "phi_range", "s4d_real", "zoh_input"]
