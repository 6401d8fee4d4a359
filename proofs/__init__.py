"""closedform's proofs: closed forms as SymPy objects, derived from first principles.

``proofs.registry`` holds every registered result; iterate it, or index it by key::

    >>> import proofs
    >>> proofs.registry["HIPPO-LEG-6"].status.value
    'EXACT'

Topic modules are imported here so that importing :mod:`proofs` registers every result.
"""

from . import legendre as legendre
from .core import Bound as Bound
from .core import Derivation as Derivation
from .core import Registry as Registry
from .core import Report as Report
from .core import Result as Result
from .core import Status as Status
from .core import Step as Step
from .core import registry as registry

__all__ = ["Bound", "Derivation", "Registry", "Report", "Result", "Status", "Step", "registry", "legendre"]
