"""Calculus of variations computed independently in mpmath (spec ``variational.md``).

Main routes (each independent of the closed forms in :mod:`proofs.variational`):

- :func:`brachistochrone` — the endpoint equation of VAR-A9 by bisection on its
  denominator-free form plus Newton, the descent time by quadrature of the time
  functional (VAR-A8 route 1, or ``method="x-form"``: route 2 with x = u³);
- :func:`brachistochrone_shooting` — Bernoulli's layered-medium (Snell) shooting, route 3, the time
  by quadrature along the shot path;
- :func:`path_time` — cycloid / straight line / Galileo's arc by quadrature with
  singularity-removing substitutions (spec pitfall C5);
- :func:`tautochrone_time`, :func:`discrete_brachistochrone`, :func:`segment_time`;
- :func:`discrete_order` (observed order of T_N -> T*, EMPIRICAL), :func:`local_orders` (their table
  over growing N, for a convergence table), :func:`jacobi_field` (the
  cycloid family differentiated in r), :func:`chord_time` (Galileo's law of chords);
- :func:`snell_point`, :func:`snell_derivatives`, :func:`reflection_point` (Fermat's principle);
- Euler–Lagrange / Beltrami quantities by ``mp.diff`` of the integrand, the EL ODE by
  ``mp.odefun`` (:func:`el_ode_solution`);
- :func:`fermat_point` — (weighted) Fermat point: vertex conditions, then ``findroot`` on ∇f.

Every function works inside ``mpmath.workdps(dps)`` and never changes the global
precision.  Numeric inputs may be int, Fraction, str, SymPy Integer/Rational/Float or
mpf; floats are converted exactly (pitfall C18).  This module does not import SymPy.

References: Su, 《自然极值》6 (kexue.fm/archives/1107); Gelfand & Fomin 1963; Kuhn 1973.
"""

from __future__ import annotations

from .brachistochrone_paths import (
    brachistochrone,
    brachistochrone_shooting,
    cycloid_arc_to_bottom,
    discrete_brachistochrone,
    endpoint_phi_prime_scaled,
    path_time,
    safe_newton,
    segment_time,
    tautochrone_time,
    theta_minus_sin,
)
from .euler_lagrange_equations import (
    INTEGRANDS,
    MEDIA,
    beltrami_derivative,
    brachistochrone_el_scaled,
    catenary_checks,
    circle_checks,
    constant_path_el,
    cycloid_derivatives,
    el_ode_solution,
    el_times_slope,
    el_value,
    first_integral_derivative,
    layered_first_integral,
    legendre_condition,
    reflection_point,
    snell_derivatives,
    snell_point,
)
from .rates import chord_time, discrete_order, jacobi_field, local_orders
from .fermat_geometry import (
    angles_at,
    fermat_gradient,
    fermat_objective,
    fermat_point,
    weighted_apex,
    weiszfeld,
)

__all__ = [
    "INTEGRANDS",
    "MEDIA",
    "angles_at",
    "beltrami_derivative",
    "brachistochrone",
    "brachistochrone_el_scaled",
    "brachistochrone_shooting",
    "chord_time",
    "catenary_checks",
    "circle_checks",
    "constant_path_el",
    "cycloid_arc_to_bottom",
    "cycloid_derivatives",
    "discrete_brachistochrone",
    "discrete_order",
    "el_ode_solution",
    "el_times_slope",
    "el_value",
    "endpoint_phi_prime_scaled",
    "fermat_gradient",
    "fermat_objective",
    "fermat_point",
    "first_integral_derivative",
    "jacobi_field",
    "layered_first_integral",
    "legendre_condition",
    "local_orders",
    "path_time",
    "reflection_point",
    "safe_newton",
    "segment_time",
    "snell_derivatives",
    "snell_point",
    "tautochrone_time",
    "theta_minus_sin",
    "weighted_apex",
    "weiszfeld",
]
