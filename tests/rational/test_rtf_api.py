"""RTF pillar: the API contract of ``proofs.rational`` and ``numerics.rational`` (spec ``rational.md``
section 5) and the registered spec IDs.
"""

from __future__ import annotations

import proofs
from numerics import rational as nr
from proofs import rational as pr

from rtf_data import KEYS


def test_contract_names_exist():
    for name in ("transfer_function", "companion", "truncate_numerator", "untruncate_numerator"):
        assert callable(getattr(pr, name)) and name in pr.__all__
    for name in ("fft_kernel", "recurrent", "iir", "truncate_numerator", "untruncate_numerator", "rtf_py_kernel"):
        assert callable(getattr(nr, name)) and name in nr.__all__


def test_every_spec_id_is_registered():
    expected = {"RTF-RAT-1", "RTF-RAT-2", "RTF-RAT-3", "RTF-FFT-1", "RTF-FFT-2", "RTF-FFT-3", "RTF-COMP-1",
                "RTF-COMP-2", "RTF-COMP-3", "RTF-REC-1", "RTF-REC-2", "RTF-POLE-1", "RTF-MONTEL-1", "RTF-FIR-1",
                "RTF-H0-1", "RTF-IDX-1", "RTF-PY-1", "RTF-PY-3"}
    assert expected <= set(KEYS)
    assert all(proofs.registry[k].status is proofs.Status.EXACT for k in expected)
