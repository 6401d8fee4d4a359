"""Variational pillar API contract (spec variational.md section 8): the names, the dps keyword, numerics apart from
SymPy, exact float inputs (pitfall C18) and an untouched global precision."""

from __future__ import annotations

import inspect
from fractions import Fraction as Fr

import pytest
from mpmath import mp

from numerics import variational as nv
from proofs import variational as pv

TRI = ((0, 0), (4, 0), (1, 3))

PROOF_NAMES = ["euler_lagrange", "beltrami", "cycloid", "brachistochrone_time", "fermat_point",
               "endpoint_phi", "endpoint_phi_derivative_numerator", "fermat_min_value", "weighted_torricelli_apexes"]

NUMERIC_NAMES = ["brachistochrone", "path_time", "fermat_point", "brachistochrone_shooting", "snell_point",
                 "tautochrone_time", "discrete_brachistochrone"]


@pytest.mark.parametrize("name", PROOF_NAMES)
def test_proofs_contract_names(name):
    assert callable(getattr(pv, name)) and name in pv.__all__


@pytest.mark.parametrize("name", NUMERIC_NAMES)
def test_numerics_contract_names(name):
    fn = getattr(nv, name)
    assert callable(fn) and name in nv.__all__
    assert "dps" in inspect.signature(fn).parameters


def test_numerics_does_not_import_sympy_or_proofs():
    import numerics.variational.brachistochrone_paths as b
    import numerics.variational.euler_lagrange_equations as e
    import numerics.variational.fermat_geometry as f
    import numerics.variational.rates as rt

    for mod in (nv, b, e, f, rt):
        src = inspect.getsource(mod)
        assert "import sympy" not in src and "from proofs" not in src and "import proofs" not in src


def test_float_inputs_are_exact_binary():
    """Pitfall C18: 0.75 is exact in binary, so float and Fraction agree; 0.3 is not."""
    assert nv.path_time("line", 0.75, 1) == nv.path_time("line", Fr(3, 4), 1)
    assert nv.path_time("line", 0.3, 1) != nv.path_time("line", Fr(3, 10), 1)


def test_global_precision_untouched():
    nv.brachistochrone(1, 1, dps=80)
    nv.fermat_point(*TRI, dps=80)
    assert mp.dps == 15
