"""Input validation shared by the variational numerics (private).

Numbers may be int, :class:`fractions.Fraction`, decimal strings, SymPy
Integer/Rational/Float or mpf; Python floats are accepted and converted exactly as
binary numbers (spec pitfall C18: ``9.81`` is not ``981/100``).
"""

from __future__ import annotations

from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import to_mp

__all__ = ["arch_angle", "gravity", "nonnegative", "pair", "positive", "real"]


def real(value: Any, name: str) -> Any:
    """``value`` as a finite real mpf at the current precision, else ValueError naming ``name``."""
    if isinstance(value, bool) or isinstance(value, complex) or isinstance(value, mpmath.mpc):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    try:
        out = to_mp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{name} must be a real number (int, Fraction, str, SymPy rational/Float, mpf), "
                         f"got {value!r}") from exc
    if isinstance(out, mpmath.mpc) or not mp.isfinite(out):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return out


def positive(value: Any, name: str) -> Any:
    out = real(value, name)
    if out <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return out


def nonnegative(value: Any, name: str) -> Any:
    out = real(value, name)
    if out < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return out


def arch_angle(value: Any, name: str = "theta") -> Any:
    """A rolling angle on the cycloid's arch: a real number in the open interval (0, 2*pi)."""
    out = real(value, name)
    if not 0 < out < 2 * mp.pi:
        raise ValueError(f"{name} must lie in (0, 2*pi), got {value!r}")
    return out


def gravity(g: Any) -> Any:
    """The gravitational acceleration: a positive real (default convention of the source: 1/2)."""
    return positive(g, "g")


def pair(point: Any, name: str) -> tuple[Any, Any]:
    """A point of the plane given as a pair of real numbers."""
    if isinstance(point, (str, bytes)) or not hasattr(point, "__len__") or len(point) != 2:
        raise ValueError(f"{name} must be a pair (x, y) of real numbers, got {point!r}")
    return real(point[0], f"{name}[0]"), real(point[1], f"{name}[1]")
