"""closedform's proofs: closed forms as SymPy objects, derived from first principles.

``proofs.registry`` holds every registered result; iterate it, or index it by key::

    >>> import proofs
    >>> proofs.registry["HIPPO-LEG-6"].status.value
    'EXACT'

Importing :mod:`proofs` imports every result package, which registers its results: closedform's own
pillars (each folder of ``proofs/`` except ``core`` and ``app``: found, not listed, so a new folder with an
``__init__.py`` is a new pillar) and every installed package that declares an entry point in the group
``closedform.results`` (``[project.entry-points."closedform.results"] mine = "my_package"``; see
``examples/result_package/``).  Both go through one loader, :func:`load_result_package`.  Results are listed
pillar by pillar, in the order each pillar package states as ``ORDER`` (hippo 10, s4 20, rational 30, entropy
40, variational 50; a pillar without ``ORDER`` comes last), within a pillar in the order they were registered,
and the results of installed packages after closedform's own.  A package that fails to load is reported with a
warning and skipped: it never takes closedform down with it.
"""

import importlib
import pkgutil
import warnings
from importlib.metadata import entry_points
from types import ModuleType

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

#: the entry-point group through which installed packages register results
ENTRY_POINT_GROUP = "closedform.results"

#: the pillar packages found in proofs/, in listing order
PILLARS: tuple[str, ...] = ()

#: the installed result packages loaded through the entry-point group: ``{name: module}``
RESULT_PACKAGES: dict[str, str] = {}


def load_result_package(name: str, module: str) -> ModuleType | None:
    """Import ``module``, which registers its results; the one loader of closedform's pillars and of installed
    result packages.  An installed package that fails (an import error, a key already registered) is reported
    with a warning naming it and skipped; closedform's own pillars must load, and raise."""
    if module.startswith(f"{__name__}."):
        return importlib.import_module(module)
    before = set(registry.keys())
    try:
        return importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - a third-party package must not take closedform down
        added = set(registry.keys()) - before
        warnings.warn(f"closedform: the result package {name!r} ({module}) failed to load and was skipped: "
                      f"{type(exc).__name__}: {exc}" + (f" ({len(added)} of its results stay registered)"
                                                        if added else ""), RuntimeWarning, stacklevel=2)
        return None


def _installed_result_packages() -> list[tuple[str, str]]:
    """``(name, module)`` of each entry point in :data:`ENTRY_POINT_GROUP`, sorted by name."""
    return sorted((ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP))


_found = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg and m.name not in NOT_PILLARS)
for _name in _found:
    globals()[_name] = load_result_package(_name, f"{__name__}.{_name}")
PILLARS = tuple(sorted(_found, key=lambda name: (getattr(globals()[name], "ORDER", 1_000), name)))
for _name, _module in _installed_result_packages():
    if load_result_package(_name, _module) is not None:
        RESULT_PACKAGES[_name] = _module


def own_results() -> list[Result]:
    """closedform's own results (registered by its pillars), without those of installed result packages."""
    return [r for r in registry if registry.origin(r.key).startswith(f"{__name__}.")]


__all__ = ["Bound", "Derivation", "Registry", "Report", "Result", "Status", "Step", "registry", "PILLARS",
           "RESULT_PACKAGES", "ENTRY_POINT_GROUP", "load_result_package", "own_results", "check", *PILLARS]


def __getattr__(name: str) -> object:
    if name == "check":  # proofs.check(...): the reader's own identities (proofs.app.check), loaded on use
        from .app.check import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
