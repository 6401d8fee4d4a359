"""The mutation script's site rules (benchmarks/mutation.py): formulas are mutated, test data is not.

A rule that skipped a formula would hide survivors and inflate the score; these tests pin which sites
the script generates on a small module.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "mutation.py"


@pytest.fixture(scope="module")
def mutation():
    spec = importlib.util.spec_from_file_location("closedform_mutation_script", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def _sites(mutation, source):
    tree = ast.parse(source)
    return [(getattr(node, "lineno", 0), desc) for node, desc in mutation._sites(tree, source.splitlines())]


def test_a_formula_is_mutated_and_test_data_is_not(mutation):
    source = '''
def closed(n):
    """Docstring 1 + 2 is not code."""
    return 2 * n - 1

params = lambda s: s.rationals(-3, -1, max_denominator=20)
sizes_ = lambda s: s.sizes(1, 7)
_EX_POINTS = ({"n": 4}, {"n": 5})
register(key="X", examples=({"n": 3},), statement=closed)
guard = 10  # pragma: no mutate (guard digits)
drawn = st.integers(0, 9)
'''
    sites = _sites(mutation, source)
    assert sorted(sites) == [(4, "constant 1 -> 2"), (4, "constant 2 -> 3"),
                             (4, "operator Mult -> Div"), (4, "operator Sub -> Add")]


def test_the_applied_mutant_changes_exactly_its_site(mutation, tmp_path, monkeypatch):
    path = tmp_path / "proofs" / "mod.py"
    path.parent.mkdir()
    path.write_text("def f(n):\n    return 2 * n - 1\n", encoding="utf-8")
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    found = {m.description: m for m in mutation.mutants(path)}
    assert "return 2 * n + 1" in mutation.mutated_source(found["operator Sub -> Add"], tmp_path)
    assert "return 2 / n - 1" in mutation.mutated_source(found["operator Mult -> Div"], tmp_path)
