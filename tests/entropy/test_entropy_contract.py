"""Entropy pillar API contract (spec entropy.md section 8): the names exist, in proofs and in numerics."""

from __future__ import annotations

from numerics import entropy as ne
from proofs import entropy as ent


def test_contract_names_exist():
    for name in (
        "softmax_entropy",
        "two_level",
        "lower_bound",
        "practical_scale",
        "ssmax_scale",
        "yarn_mscale",
        "annealed_entropy",
        "laplace_rate",
        "pd_entropy",
        "gradmax_alpha",
    ):
        assert callable(getattr(ent, name)), name
    for name in (
        "softmax_entropy",
        "invariant_scale_two_level",
        "annealed_entropy_quad",
        "pd_entropy_quad",
        "gradmax_alpha_opt",
        "gaussian_max_centring",
    ):
        assert callable(getattr(ne, name)), name
