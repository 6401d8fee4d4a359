"""The model of closedform: results, their verification, the registry, exact comparison, markup.

- :mod:`proofs.core.result`: :class:`Result` (one claim: statement, derivation, numeric route, scope),
  :class:`Report` (the outcome of verifying it), :class:`Step`, :class:`Derivation`, :class:`Bound`,
  :class:`Status`;
- :mod:`proofs.core.evidence`: what a verdict rests on: :class:`Scope` of a proof, :class:`Evidence` kind of
  a numeric check, :class:`Convergence` tables of limit claims;
- :mod:`proofs.core.registry`: the one :class:`Registry` of all results and :func:`register`;
- :mod:`proofs.core.checks`: exact comparison, evaluation at a point, perturbation of a statement;
- :mod:`proofs.core.markup`: text with inline mathematics (titles, captions, notes).
"""

from .evidence import Convergence as Convergence
from .evidence import Evidence as Evidence
from .evidence import Scope as Scope
from .latex import TUPLE_SEP as TUPLE_SEP
from .latex import LatexParts as LatexParts
from .markup import latex_escape as latex_escape
from .registry import Registry as Registry
from .registry import register as register
from .registry import registry as registry
from .result import SYMBOLIC_OUTCOMES as SYMBOLIC_OUTCOMES
from .result import Bound as Bound
from .result import Derivation as Derivation
from .result import Report as Report
from .result import Result as Result
from .result import Status as Status
from .result import Step as Step

__all__ = ["Status", "Step", "Derivation", "Bound", "Result", "Report", "LatexParts", "Registry", "registry",
           "register", "latex_escape", "TUPLE_SEP", "SYMBOLIC_OUTCOMES", "Scope", "Evidence", "Convergence"]
