"""closedform's proofs: closed forms as SymPy objects, derived from first principles.

``proofs.registry`` holds every registered result; iterate it, or index it by key::

    >>> import proofs
    >>> proofs.registry["HIPPO-LEG-6"].status.value
    'EXACT'

Importing :mod:`proofs` imports every topic module, which registers its results.
"""

import importlib
import importlib.util

from .core import Bound as Bound
from .core import Derivation as Derivation
from .core import Registry as Registry
from .core import Report as Report
from .core import Result as Result
from .core import Status as Status
from .core import Step as Step
from .core import registry as registry

#: Topic modules, in the order their results are listed.  A topic whose module is not
#: written yet is skipped; an error inside an existing module is raised, never hidden.
TOPICS = ("legendre", "hippo", "s4", "rational", "entropy", "variational")

for _topic in TOPICS:
    if importlib.util.find_spec(f"{__name__}.{_topic}") is not None:
        globals()[_topic] = importlib.import_module(f"{__name__}.{_topic}")

__all__ = ["Bound", "Derivation", "Registry", "Report", "Result", "Status", "Step", "registry", "TOPICS",
           *[t for t in TOPICS if t in globals()]]
