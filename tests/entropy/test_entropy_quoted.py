"""Published numbers (ENT-B1 .. B9) and the honesty of the labels: quoted records are recorded verbatim and never
called verified; HEURISTIC and EMPIRICAL results carry no symbolic proof and say what is checked."""

from __future__ import annotations

import pytest
import sympy
from helpers import assert_caught
from sympy import Eq, Rational

from proofs import entropy as ent
from proofs import registry
from proofs.core import Status


@pytest.mark.parametrize(
    "key, status",
    [
        ("ENT-A11B", Status.HEURISTIC),
        ("ENT-A13", Status.HEURISTIC),
        ("ENT-A15", Status.EMPIRICAL),
        ("ENT-A18E", Status.EXACT),
        ("ENT-B1", Status.EMPIRICAL),
        ("ENT-B4", Status.EMPIRICAL),
        ("ENT-B5", Status.EMPIRICAL),
    ],
)
def test_gap_results_are_registered_with_their_honest_status(key, status):
    result = registry[key]
    assert result.status is status
    if status is not Status.EXACT:
        assert result.derive is None  # no symbolic "proof" of a non-EXACT claim
        assert "checked" in result.notes  # says exactly what the numeric check covers


def test_quoted_records_carry_source_and_are_never_called_verified():
    assert set(ent.QUOTED) == {f"ENT-B{i}" for i in range(1, 10)}
    for key, entry in ent.QUOTED.items():
        assert entry["source"].strip()
        if key in ("ENT-B1", "ENT-B4", "ENT-B5"):
            assert entry["status"].startswith("EMPIRICAL (quoted")
            result = registry[key]
            assert result.title.startswith("Quoted") and "verified" not in result.title.lower()
        else:
            assert entry["status"] == "quoted, not verified"
            assert key not in registry  # nothing reproducible: not in the verified registry
    assert "NOT VERIFIED" in registry["ENT-B1"].notes


def test_quoted_tables_match_the_spec_verbatim():
    b1 = ent.QUOTED["ENT-B1"]
    assert list(b1["columns"]) == ["64", "128", "256", "512", "1024"]
    assert b1["rows"]["Attention-O (1/sqrt d)"] == ["43.27", "36.53", "23.02", "15.12", "11.54"]
    assert b1["rows"]["Attention-E (log_512 n/sqrt d)"] == ["43.11", "41.17", "34.04", "20.15", "13.58"]
    b2 = ent.QUOTED["ENT-B2"]["rows"]
    assert dict(b2) == {
        "Baseline": ["49.41", "24.17", "23.16"],
        "Baseline-log n": ["49.40", "24.60", "24.02"],
        "PI-RoPE": ["49.41", "15.04", "13.54"],
        "PI-RoPE-log n": ["49.40", "14.99", "16.51"],
        "NTK-RoPE (k = 8)": ["49.41", "51.28", "39.27"],
        "NTK-RoPE-log n": ["49.40", "61.71", "43.75"],
    }
    b3 = ent.QUOTED["ENT-B3"]
    assert dict(b3["rows"]) == {
        "QNA": ["49.55", "22.45", "22.18"],
        "QNA-log n": ["49.42", "19.55", "18.74"],
        "KNA": ["49.60", "61.08", "47.69"],
        "KNA-log n": ["49.58", "63.17", "46.40"],
        "CosA": ["49.73", "58.90", "46.98"],
        "CosA-log n": ["49.67", "64.74", "48.95"],
        "Baseline-YaRN": ["49.41", "80.10", "47.45"],
        "Baseline-log n-YaRN": ["49.40", "82.57", "46.52"],
        "Baseline-log n-ReRoPE": ["49.40", "85.47", "48.87"],
    }
    assert b3["inconsistency"]["CosA-log n non-repeated"] == ["48.95", "48.39"]
    b4, b5 = ent.QUOTED["ENT-B4"]["values"], ent.QUOTED["ENT-B5"]["values"]
    assert (b4["gaussian_fit"], b4["cosine_fit"], b4["cosine_d"]) == ("0.84 sqrt(ln n)", "3.5 ln n", "128")
    assert (b5["constant"], b5["factor"], b5["8 ln 512"], b5["8.33 ln 5e6"]) == ("0.24", "8.33", "50", "128")
    b6, b7, b8 = (ent.QUOTED[k]["values"] for k in ("ENT-B6", "ENT-B7", "ENT-B8"))
    assert (b6["background"], b6["top"], b6["s"]) == ("-2", "3", "0.43")
    assert (b7["yarn_coefficient"], b7["dsv3_factor"], b7["beta_fast"], b7["beta_slow"]) == ("0.1", "40", "32", "1")
    assert (b8["floor_scale"], b8["attn_scale"]) == ("8192", "0.1")
    assert ent.QUOTED["ENT-B9"]["values"]["learning_rate"] == "3e-4"


def test_b1_lead_is_the_stated_table_arithmetic():
    rhs = registry["ENT-B1"].statement().rhs
    assert list(rhs) == [Rational(-16, 100), Rational(464, 100), Rational(1102, 100), Rational(503, 100), Rational(204, 100)]
    assert rhs[2] > 10  # "more than 10 points at n = 256"


def test_exact_constant_instead_of_quoted_833_is_caught():
    """ENT-B5 records Su's rounded 8.33; the exact 2/|g(1)| = 8.31 is a different claim and must fail."""
    result = registry["ENT-B5"]
    good = result.statement()
    wrong_rhs = sympy.Matrix(good.rhs)
    wrong_rhs[1] = Rational(831, 100)
    assert_caught(result, lambda: Eq(good.lhs, wrong_rhs, evaluate=False), by="numeric", dps=50)
