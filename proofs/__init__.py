"""closedform's proofs: closed forms as SymPy objects, derived from first principles.

``proofs.registry`` holds every registered result; iterate it, or index it by key::

    >>> import proofs
    >>> proofs.registry["HIPPO-LEG-6"].status.value
    'EXACT'

Importing :mod:`proofs` imports every pillar package (each folder of ``proofs/`` except ``core`` and
``app``), which registers its results.  Pillars are found, not listed: a new folder with an
``__init__.py`` is a new pillar.  Results are listed pillar by pillar, in the order each pillar
package states as ``ORDER`` (hippo 10, s4 20, rational 30, entropy 40, variational 50; a pillar
without ``ORDER`` comes last), and within a pillar in the order they were registered.
"""

import importlib
import pkgutil

from .core import Bound as Bound
from .core import Derivation as Derivation
from .core import Registry as Registry
from .core import Report as Report
from .core import Result as Result
from .core import Status as Status
from .core import Step as Step
from .core import registry as registry

#: folders of proofs/ that are not pillars: the model and the applications built on it
NOT_PILLARS = frozenset({"core", "app"})

#: the pillar packages found in proofs/, in listing order
PILLARS: tuple[str, ...] = ()

_found = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg and m.name not in NOT_PILLARS)
for _name in _found:
    globals()[_name] = importlib.import_module(f"{__name__}.{_name}")
PILLARS = tuple(sorted(_found, key=lambda name: (getattr(globals()[name], "ORDER", 1_000), name)))

__all__ = ["Bound", "Derivation", "Registry", "Report", "Result", "Status", "Step", "registry", "PILLARS",
           *PILLARS]
