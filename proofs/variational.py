"""Calculus of variations: Euler–Lagrange, Beltrami, Snell, the brachistochrone, the Fermat point.

Spec: ``variational.md`` (Part I: VAR-A1 … VAR-A15, VAR-F1 … VAR-F7; Part II: VAR-X…).
Main statements:

- VAR-A1/A2: the Euler–Lagrange expression (:func:`euler_lagrange`, SymPy's sign) and the
  Beltrami identity :math:`\\frac{d}{dx}(F-y'F_{y'}) = y'\\,\\mathcal E` (:func:`beltrami`), with
  the caveat that :math:`y'\\equiv 0` satisfies the first integral without solving EL;
- VAR-A3/A4/A6: Su's layered-medium formula :math:`v^2(1+y'^2)=\\text{const}`, Snell's law
  from Fermat's principle, the brachistochrone's first integral :math:`y(1+y'^2)=2r`;
- VAR-A7 … A13: the cycloid (:func:`cycloid`) solves EL, descent time
  :math:`T=\\theta_1\\sqrt{r/g}` (:func:`brachistochrone_time`), the endpoint equation and its
  monotonicity, the straight line and Galileo's arc, the tautochrone, the discretised functional;
- VAR-A14/A15: Legendre condition; catenary and circles;
- VAR-F1 … F7: the (weighted) Fermat point (:func:`fermat_point`), vertex cases, minimal
  value, Torricelli construction, barycentrics.

Conventions (spec section 1): y axis down, start at rest at the origin, g = 1/2 unless
stated (v = √y).  Every result is registered in :data:`proofs.registry` under its spec ID
and cross-checked by an independent mpmath route in :mod:`numerics.variational`.

References: Su, 《自然极值》 series (kexue.fm/archives/1094, 1107, Fermat point); Gelfand &
Fomin 1963; Kuhn 1973; Kimberling, ETC X(13); Huygens 1673; Bernoulli 1697.
"""

from __future__ import annotations

import importlib
import importlib.util

from . import _variational_brach as _brach  # noqa: F401  (registers VAR-A5, A7..A13)
from . import _variational_el as _el  # noqa: F401  (registers VAR-A1..A6, A14, A15)
from . import _variational_fermat_results as _fermat  # noqa: F401  (registers VAR-F1..F7)
from ._variational_api import (
    beltrami,
    brachistochrone_time,
    cycloid,
    endpoint_phi,
    endpoint_phi_derivative_numerator,
    euler_lagrange,
    jet,
)
from ._variational_fermat import fermat_min_value, fermat_point, weighted_torricelli_apexes

__all__ = [
    "beltrami",
    "brachistochrone_time",
    "cycloid",
    "endpoint_phi",
    "endpoint_phi_derivative_numerator",
    "euler_lagrange",
    "fermat_min_value",
    "fermat_point",
    "jet",
    "weighted_torricelli_apexes",
]

for _part in ("_variational_ext", "_variational_ext_dist"):  # Part II (extensions), group VAR-X
    if importlib.util.find_spec(f"{__package__}.{_part}") is not None:
        importlib.import_module(f"{__package__}.{_part}")
