"""Experiment ENT-E1c, small: the d-sweep of benchmarks/entropy_e1c_sweep.py at two dimensions."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def _sweep_module():
    pytest.importorskip("numpy")
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "entropy_e1c_sweep.py"
    spec = importlib.util.spec_from_file_location("entropy_e1c_sweep", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_e1c_small_sweep_d256_follows_the_annealed_law():
    """Spec: at d = 256 the raw law follows H_ann = L - kappa^2 L^2/(2d) within 0.25 nats (not frozen);
    at d = 32 the entropy stays O(1) while H_ann is already negative (frozen)."""
    sweep = _sweep_module()
    ns = (16, 256, 4096)
    res = sweep.sweep(12345, (32, 256), ns, 2)
    h256 = res[256]["mean"]
    assert max(abs(h - sweep.annealed(n, 256)) for h, n in zip(h256, ns)) < 0.25
    assert h256[0] < h256[1] < h256[2]
    h32 = res[32]["mean"]
    assert all(1.0 < h < 2.2 for h in h32) and sweep.annealed(4096, 32) < -5
    assert res[32]["check"] < 1e-12 and res[256]["check"] < 1e-12
