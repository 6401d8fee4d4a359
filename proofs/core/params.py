"""A result's parameters, declared once: ``params=draw(N=s.sizes(1, 5), t=s.positive_rationals(4))``.

``s`` stands for :mod:`numerics.strategies`, but a call on it only records what to draw: hypothesis is
imported when the strategy is first built (by the tests), never when a pillar registers its results, so
``import proofs`` and the command line do not need the ``test`` extra.  Recorded draws compose like
hypothesis strategies (``s.sizes(1, 4).map(f)``, ``.filter(pred)``), and a field may also be any callable
that takes the strategies module and returns a strategy, for the rare draw that needs more.

>>> spec = draw(N=s.sizes(1, 5), eps=s.positive_rationals(1, max_denominator=50))
>>> spec
draw(N=s.sizes(1, 5), eps=s.positive_rationals(1, max_denominator=50))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["draw", "s", "Draw", "sample", "DEFAULT_DRAWS", "DEFAULT_SEED"]


class Draw:
    """A recorded call on :mod:`numerics.strategies` (and the ``map``/``filter`` calls chained on it)."""

    def __init__(self, name: str, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None,
                 chain: tuple[tuple[str, Any], ...] = ()) -> None:
        self.name, self.args, self.kwargs, self.chain = name, args, dict(kwargs or {}), chain

    def map(self, fn: Callable[[Any], Any]) -> Draw:
        return Draw(self.name, self.args, self.kwargs, (*self.chain, ("map", fn)))

    def filter(self, pred: Callable[[Any], bool]) -> Draw:
        return Draw(self.name, self.args, self.kwargs, (*self.chain, ("filter", pred)))

    def build(self, strategies: Any) -> Any:
        """The hypothesis strategy this records, built from the strategies module."""
        made = getattr(strategies, self.name)(*self.args, **self.kwargs)
        for method, fn in self.chain:
            made = getattr(made, method)(fn)
        return made

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        chained = "".join(f".{m}({getattr(fn, '__name__', 'fn')})" for m, fn in self.chain)
        return f"s.{self.name}({', '.join(parts)}){chained}"


class _Strategies:
    """Stands for :mod:`numerics.strategies`: ``s.sizes(1, 5)`` records the call for later."""

    def __getattr__(self, name: str) -> Callable[..., Draw]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: Draw(name, args, kwargs)


s = _Strategies()


class _Points:
    """The ``params`` of a result: a zero-argument callable building the hypothesis strategy of its points."""

    def __init__(self, fields: dict[str, Any]) -> None:
        for name, field in fields.items():
            if not (isinstance(field, Draw) or callable(field)):
                raise ValueError(f"draw({name}=...) must be a draw on s (s.sizes(1, 5), ...) or a callable "
                                 f"taking the strategies module, got {field!r}")
        self.fields = fields

    def __call__(self) -> Any:
        from numerics import strategies

        return strategies.points(**{name: f.build(strategies) if isinstance(f, Draw) else f(strategies)
                                    for name, f in self.fields.items()})

    def __repr__(self) -> str:
        return "draw(" + ", ".join(f"{k}={v!r}" for k, v in self.fields.items()) + ")"


def draw(**fields: Any) -> _Points:
    """The ``params`` of a result: each keyword a parameter, each value what to draw for it (see module doc)."""
    return _Points(fields)


DEFAULT_DRAWS = 2  # points drawn per result by ``verify``, besides its fixed examples
DEFAULT_SEED = 20261206


def sample(params: Callable[[], Any], count: int, *, seed: int = DEFAULT_SEED,
           exclude: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """``count`` points drawn from a result's ``params`` strategy, reproducibly (a fixed ``seed``).

    Points equal to one in ``exclude`` (the fixed examples) are skipped, so a drawn point is always a
    new one; fewer than ``count`` come back when the strategy has fewer distinct points.  Needs
    hypothesis (a dependency of closedform); the draws are the same on every run and machine with
    the same hypothesis version.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"the number of drawn points must be a non-negative integer, got {count!r}")
    if count == 0:
        return []
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    found: list[dict[str, Any]] = []
    seen = [dict(p) for p in exclude]

    @fixed_seed(seed)
    @settings(database=None, max_examples=8 * count, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(params())
    def collect(point: dict[str, Any]) -> None:
        if point not in seen and point not in found:
            found.append(dict(point))

    collect()
    # hypothesis starts from the simplest points (zeros, ones): the last ones drawn are the typical ones
    return found[-count:]
