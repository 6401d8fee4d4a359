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
- VAR-A7-ODE: the EL ODE solved from EL and Beltrami (separation of variables), odefun check;
- VAR-A11-ARC / VAR-A11-CHORD: Galileo's arc for X ≠ Y as an incomplete elliptic integral
  :math:`\\sqrt{L^2/(2Xg)}\\,[K(\\frac12)+F(\\arcsin\\frac{X-Y}{L}|\\frac12)]`, and the law of chords;
- VAR-A13-RATE / VAR-A13-LIM (EMPIRICAL): observed orders 3/2 / 2 of the discretised functional, and
  the table of local orders approaching them;
- VAR-A14/A14-JACOBI/A15: Legendre condition; the Jacobi field :math:`2-\\theta\\cot\\frac\\theta2 > 0`
  of the cycloid family (no conjugate point); catenary and circles;
- VAR-F1 … F7: the (weighted) Fermat point (:func:`fermat_point`), vertex cases, minimal
  value, Torricelli construction, barycentrics (VAR-F3, X(13): THEOREM, proved exactly for a
  family of six triangles from the stationarity condition).

Conventions (spec section 1): y axis down, start at rest at the origin, g = 1/2 unless
stated (v = √y).  Every result is registered in :data:`proofs.registry` under its spec ID
and cross-checked by an independent mpmath route in :mod:`numerics.variational`.

References: Su, 《自然极值》 series (kexue.fm/archives/1094, 1107, Fermat point); Gelfand &
Fomin 1963; Kuhn 1973; Kimberling, ETC X(13); Huygens 1673; Bernoulli 1697.
"""

from __future__ import annotations

#: where this pillar's results come in listings (see proofs.PILLARS)
ORDER = 50
#: the key prefix of this pillar's results, and its title in the report and the catalogue
PREFIX = "VAR"
TITLE = "Calculus of variations"

from . import brachistochrone as _brach  # noqa: F401  (registers VAR-A5, A7..A13)
from . import brachistochrone_ode as _ode  # noqa: F401  (registers VAR-A7-ODE)
from . import galileo as _arc  # noqa: F401  (registers VAR-A11-ARC, VAR-A11-CHORD)
from . import euler_lagrange_equations as _el  # noqa: F401  (registers VAR-A1..A6, A14, A15)
from . import minimality as _minimality  # noqa: F401  (registers VAR-A14-JACOBI, VAR-A13-RATE, -LIM)
from . import fermat as _fermat  # noqa: F401  (registers VAR-F1, F2, F4..F7)
from . import kimberling_x13 as _x13  # noqa: F401  (registers VAR-F3)
from . import gradient_flow as _gradient_flow  # noqa: F401  (registers VAR-X1-*)
from . import distributions as _distributions  # noqa: F401  (registers VAR-X2-*, VAR-X3-*)
from .functionals import (
    beltrami,
    brachistochrone_time,
    cycloid,
    endpoint_phi,
    endpoint_phi_derivative_numerator,
    euler_lagrange,
    jet,
)
from .fermat_geometry import fermat_min_value, fermat_point, weighted_torricelli_apexes

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
