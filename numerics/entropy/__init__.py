"""Softmax entropy and the two-level invariant scale, computed independently in mpmath.

Nothing here imports SymPy or :mod:`proofs`: every quantity is computed by a route
that does not evaluate the closed form it is compared with (spec ``entropy.md``).

- :func:`softmax_entropy`: the entropy of :math:`p = \\operatorname{softmax}(\\lambda s)`
  in the stable form of pitfall P2 (shift by the row maximum, ``log1p`` of the
  non-maximal mass, two non-negative terms, no :math:`p\\ln p` at :math:`p = 0`);
- :func:`entropy_definition`: :math:`-\\sum_i p_i\\ln p_i` literally (ENT-A1's
  definition, used as the reference route for the entropy formula);
- :func:`log_partition`, :func:`softmax`, :func:`tilted_moments`: log-sum-exp,
  probabilities and the mean / variance of the scores under :math:`p`;
- :func:`two_level_atoms`: the two-level model (ENT-A8) for any ``n`` (up to
  :math:`10^{30}` and beyond) as a two-atom log-sum-exp with multiplicities;
- :func:`invariant_scale_two_level`: the root :math:`u^*(n)` of :math:`H(u) = H_0`
  (ENT-A8c) by bracketing, bisection and Newton steps.
- :mod:`numerics.entropy.rem`: the exact expected entropy of softmax over n iid Gaussian scores at finite n
  (nested quadrature of a Laplace-transform representation), tabulated for the REM limits (ENT-A12a, b).

Functions named ``*_at`` (private) work at the *ambient* mpmath precision so that
``mp.diff``/``mp.quad``/``mp.taylor`` can raise it; the public functions are decorated with
:func:`numerics.agree.with_dps` (check ``dps``, work at ``dps`` plus guard digits, round the result to
``dps``).  Quadrature and root-finding routes live in :mod:`numerics.entropy.quadrature` and
:mod:`numerics.entropy.scale_laws` (re-exported here), those of the HEURISTIC and EMPIRICAL items in
:mod:`numerics.entropy.heuristics`.
"""

from __future__ import annotations

from .entropies import softmax_entropy as softmax_entropy
from .entropies import entropy_definition as entropy_definition
from .entropies import log_partition as log_partition
from .entropies import softmax as softmax
from .entropies import tilted_moments as tilted_moments
from .entropies import two_level_atoms as two_level_atoms
from .entropies import two_level_vector as two_level_vector
from .entropies import invariant_scale_two_level as invariant_scale_two_level
from .entropies import log_partition_derivatives as log_partition_derivatives
from .entropies import entropy_derivative as entropy_derivative
from .entropies import entropy_drop_quad as entropy_drop_quad
from .entropies import entropy_at_zero_and_infinity as entropy_at_zero_and_infinity
from .entropies import entropy_taylor as entropy_taylor
from .entropies import softmax_jacobian_l1 as softmax_jacobian_l1
from .entropies import entropy_minus_lower_bound as entropy_minus_lower_bound
from .entropies import jensen_slack_terms as jensen_slack_terms
from .entropies import two_level_generic as two_level_generic
from .entropies import two_level_log_law as two_level_log_law
from .entropies import two_level_entropy_slope as two_level_entropy_slope
from .entropies import annealed_entropy_quad as annealed_entropy_quad
from .entropies import annealed_entropy_discrete as annealed_entropy_discrete
from .entropies import laplace_rate_extrapolated as laplace_rate_extrapolated
from .entropies import sphere_log_mgf_bessel as sphere_log_mgf_bessel
from .entropies import rem_density_quad as rem_density_quad
from .entropies import practical_law_gaussian as practical_law_gaussian
from .entropies import raw_law_optimum as raw_law_optimum
from .entropies import hazard_at_top_quantile as hazard_at_top_quantile
from .entropies import linear_root as linear_root
from .entropies import dimension_factor_opt as dimension_factor_opt
from .entropies import alpha_star_inverse as alpha_star_inverse
from .entropies import bound_level_root as bound_level_root
from .entropies import deployed_factors as deployed_factors
from .entropies import dsv3_softmax_scale as dsv3_softmax_scale
from .entropies import gaussian_mgf_ratio as gaussian_mgf_ratio
from .entropies import practical_scale_route as practical_scale_route
from .entropies import rope_logit_ratio as rope_logit_ratio
from .entropies import softmax_half_point as softmax_half_point
from .entropies import ssmax_two_level as ssmax_two_level
from .entropies import su_law_routes as su_law_routes
from .entropies import yarn_algebra_values as yarn_algebra_values
from .entropies import kl_tilted_discrete as kl_tilted_discrete
from .entropies import laplace_rate_opt as laplace_rate_opt
from .entropies import pd_entropy_quad as pd_entropy_quad
from .entropies import pd_entropy_series as pd_entropy_series
from .entropies import gradmax_alpha_opt as gradmax_alpha_opt
from .entropies import gaussian_max_centring as gaussian_max_centring
from .entropies import raw_law_optimum_quad as raw_law_optimum_quad
from .entropies import gaussian_hazard_rows as gaussian_hazard_rows
from .rem import gaussian_expected_entropy as gaussian_expected_entropy
from .rem import rem_density_finite_n as rem_density_finite_n
from .rem import pd_entropy_finite_n as pd_entropy_finite_n
from .rem import rem_density_variational as rem_density_variational
from .scale_laws import log_by_root as log_by_root
from .scale_laws import ssmax_focus_table as ssmax_focus_table
from .scale_laws import yarn_squared_factor_routes as yarn_squared_factor_routes

__all__ = [
    'softmax_entropy',
    'entropy_definition',
    'log_partition',
    'softmax',
    'tilted_moments',
    'two_level_atoms',
    'two_level_vector',
    'invariant_scale_two_level',
    'log_partition_derivatives',
    'entropy_derivative',
    'entropy_drop_quad',
    'entropy_at_zero_and_infinity',
    'entropy_taylor',
    'softmax_jacobian_l1',
    'entropy_minus_lower_bound',
    'jensen_slack_terms',
    'two_level_generic',
    'two_level_log_law',
    'two_level_entropy_slope',
    'annealed_entropy_quad',
    'annealed_entropy_discrete',
    'laplace_rate_extrapolated',
    'sphere_log_mgf_bessel',
    'rem_density_quad',
    'practical_law_gaussian',
    'raw_law_optimum',
    'hazard_at_top_quantile',
    'linear_root',
    'dimension_factor_opt',
    'alpha_star_inverse',
    'bound_level_root',
    'deployed_factors',
    'dsv3_softmax_scale',
    'gaussian_mgf_ratio',
    'practical_scale_route',
    'rope_logit_ratio',
    'softmax_half_point',
    'ssmax_two_level',
    'su_law_routes',
    'yarn_algebra_values',
    'kl_tilted_discrete',
    'laplace_rate_opt',
    'pd_entropy_quad',
    'pd_entropy_series',
    'gradmax_alpha_opt',
    'gaussian_max_centring',
    'log_by_root',
    'ssmax_focus_table',
    'yarn_squared_factor_routes',
]
