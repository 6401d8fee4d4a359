"""The registry: every result of closedform, by key, in a stable order.

Tests, the command line and the reports iterate over :data:`registry`, so a result written once
(``register(Result(...))`` in its pillar module) is verified, listed and rendered everywhere.

Each result remembers the module that registered it (:meth:`Registry.origin`): the pillar
module whose top-level code was running.  Results are listed pillar by pillar, in the ``ORDER``
that each pillar package of :mod:`proofs` states, and within a pillar in registration order, so
the listing does not depend on which pillar happened to be imported first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence

from .result import Result

__all__ = ["Registry", "registry", "register"]

_LAST = 1_000  # the rank of results registered outside a pillar package (tests, user code)


def _registering_module(depth: int) -> str:
    """The module whose top-level code is running (a pillar module being imported), else the caller's."""
    frame = sys._getframe(depth)
    caller = frame.f_globals.get("__name__", "")
    while frame is not None:
        if frame.f_code.co_name == "<module>":
            return frame.f_globals.get("__name__", caller)
        frame = frame.f_back
    return caller


class Registry:
    """All results, by key: listed pillar by pillar (the pillar's ``ORDER``), then in registration order."""

    def __init__(self) -> None:
        self._items: dict[str, Result] = {}
        self._origin: dict[str, str] = {}

    def register(self, result: Result) -> Result:
        if not isinstance(result, Result):
            raise ValueError(f"only Result objects can be registered, got {type(result).__name__}")
        if result.key in self._items:
            raise ValueError(f"result key {result.key} is already registered")
        self._items[result.key] = result
        self._origin[result.key] = _registering_module(2)
        return result

    def origin(self, key: str) -> str:
        """The dotted name of the module that registered ``key``."""
        return self._origin[self[key].key]

    def _rank(self, key: str) -> int:
        parts = self._origin.get(key, "").split(".")
        if len(parts) < 2 or parts[0] != "proofs":
            return _LAST
        return getattr(sys.modules.get(f"proofs.{parts[1]}"), "ORDER", _LAST)

    def _ordered(self) -> list[str]:
        index = {key: i for i, key in enumerate(self._items)}
        return sorted(self._items, key=lambda k: (self._rank(k), index[k]))

    def __iter__(self) -> Iterator[Result]:
        return iter([self._items[k] for k in self._ordered()])

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.upper() in self._items

    def __getitem__(self, key: str) -> Result:
        try:
            return self._items[key.upper()]
        except (KeyError, AttributeError):
            raise KeyError(f"no result with key {key!r}; run 'closedform list' for the keys") from None

    def keys(self) -> list[str]:
        return self._ordered()

    def select(self, patterns: Sequence[str] = ()) -> list[Result]:
        """Results matching any pattern: an exact key, or a case-insensitive key prefix.

        No patterns selects everything.  A pattern that matches nothing raises
        ValueError naming it.
        """
        if not patterns:
            return list(self)
        chosen: set[str] = set()
        for pattern in patterns:
            p = pattern.strip().upper()
            if p in self._items:
                chosen.add(p)
                continue
            hits = [k for k in self._items if p and k.startswith(p)]
            if not hits:
                prefixes = sorted({k.split("-")[0] for k in self._items})
                raise ValueError(f"no result matches {pattern!r} (known prefixes: {', '.join(prefixes)})")
            chosen.update(hits)
        return [self._items[k] for k in self._ordered() if k in chosen]


registry = Registry()
register = registry.register
