"""S4 pillar: the API contract of ``proofs.s4`` and ``numerics.s4`` (spec ``s4.md`` section 7): names,
signatures, and a ValueError that says what was wrong for every bad input.
"""

from __future__ import annotations

import inspect
from fractions import Fraction as F

import pytest

from numerics import s4 as ns4
from proofs import registry, s4


def test_contract_names_exist():
    assert s4.NPLR_MEASURES == ("legs", "legt", "lagt", "lagt-half", "fout")
    for name in ("nplr", "legs_eigenvectors", "normal_spectrum", "fout_reduced"):
        assert callable(getattr(s4, name))
    for name in ("kernel", "unitary_diagonalize", "dplr", "s4d_kernel", "nplr_step"):
        assert callable(getattr(ns4, name))
    assert len(registry.select(["S4"])) >= 35


def _params(fn):
    return [(p.name, p.kind.name, p.default) for p in inspect.signature(fn).parameters.values()]


def test_contract_signatures_match_spec_section_7():
    E, KW, POS = inspect.Parameter.empty, "KEYWORD_ONLY", "POSITIONAL_OR_KEYWORD"
    assert _params(s4.nplr) == [("measure", POS, E), ("N", POS, E), ("window", KW, 1)]
    assert _params(s4.legs_eigenvectors) == [("N", POS, E)]
    assert _params(s4.normal_spectrum) == [("measure", POS, E), ("N", POS, E), ("window", KW, 1)]
    assert _params(s4.fout_reduced) == [("N", POS, E), ("window", KW, 1)]
    assert _params(ns4.kernel) == [("A", POS, E), ("B", POS, E), ("C", POS, E), ("L", POS, E), ("step", KW, E),
                                   ("method", KW, "power"), ("dps", KW, 50), ("nplr", KW, None), ("halve", KW, False)]
    assert _params(ns4.unitary_diagonalize) == [("S", POS, E), ("dps", KW, 50)]
    assert _params(ns4.dplr) == [("measure", POS, E), ("N", POS, E), ("window", KW, 1), ("dps", KW, 50)]
    assert _params(ns4.s4d_kernel) == [("lam", POS, E), ("B", POS, E), ("C", POS, E), ("L", POS, E),
                                       ("step", KW, E), ("disc", KW, "zoh"), ("conj_pairs", KW, True),
                                       ("dps", KW, 50)]
    assert _params(ns4.nplr_step) == [("x", POS, E), ("u", POS, E), ("lam", KW, E), ("Ptilde", KW, E),
                                      ("Btilde", KW, E), ("step", KW, E), ("dps", KW, 50)]
    for mod, names in ((s4, ["NPLR_MEASURES", "nplr", "legs_eigenvectors", "normal_spectrum", "fout_reduced"]),
                       (ns4, ["kernel", "unitary_diagonalize", "dplr", "s4d_kernel", "nplr_step"])):
        assert set(names) <= set(mod.__all__)


@pytest.mark.parametrize("bad, match", [("lmu", "legs, legt, lagt, lagt-half, fout"), ("fous", "supported|one of"),
                                        ("LEGS", "one of")])
def test_nplr_rejects_unsupported_measures(bad, match):
    with pytest.raises(ValueError, match=match):
        s4.nplr(bad, 4)


@pytest.mark.parametrize("N", [0, -1, 2.0, True])
def test_nplr_rejects_bad_N(N):
    with pytest.raises(ValueError, match="positive integer"):
        s4.nplr("legs", N)


def test_nplr_rejects_bad_window():
    with pytest.raises(ValueError, match="window"):
        s4.nplr("legt", 3, window=0)


A3 = [[-1, 0, 0], [-1, -2, 0], [-1, -1, -3]]


@pytest.mark.parametrize("kwargs, match", [
    ({"L": 0}, "L must be a positive integer"), ({"L": 2.0}, "L must be"), ({"step": 0}, "step must be"),
    ({"step": -1}, "step must be"), ({"method": "fft"}, "power, generating, cauchy"),
    ({"B": [1, 2]}, "length N = 3"), ({"C": [1, 2, 3, 4]}, "length N = 3"),
    ({"A": [[1, 2, 3], [4, 5, 6]]}, "square"), ({"method": "cauchy"}, "c I \\+ K|skew"),
    ({"method": "cauchy", "nplr": ([[0] * 3] * 3, [[1], [1]])}, "N = 3 rows"),
    ({"method": "cauchy", "nplr": ([[0] * 3] * 3, [[1]] * 3)}, "does not match"),
    ({"halve": True, "B": [1j, 0, 0]}, "real"),
])
def test_kernel_rejects_bad_input(kwargs, match):
    args = {"A": A3, "B": [1, 1, 1], "C": [1, 0, 1], "L": 4, "step": F(1, 10)}
    args.update(kwargs)
    A, B, C, L = args.pop("A"), args.pop("B"), args.pop("C"), args.pop("L")
    with pytest.raises(ValueError, match=match):
        ns4.kernel(A, B, C, L, **args)


def test_other_numeric_errors():
    with pytest.raises(ValueError, match="zoh, bilinear"):
        ns4.s4d_kernel([-1], [1], [1], 3, step=1, disc="dss")
    with pytest.raises(ValueError, match="skew"):
        ns4.unitary_diagonalize([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="legs, legt"):
        ns4.dplr("lmu", 4)
    with pytest.raises(ValueError, match="even"):
        ns4.fout_reduced(3)
    with pytest.raises(ValueError, match="step"):
        ns4.nplr_step([0], 1, lam=[-1], Ptilde=[1], Btilde=[1], step=0)


@pytest.mark.parametrize("call, match", [
    (lambda: s4.normal_spectrum("lmu", 4), "legs, legt"),
    (lambda: s4.normal_spectrum("legt", 4, window=-1), "window"),
    (lambda: s4.legs_eigenvectors(0), "positive integer"),
    (lambda: s4.legs_eigenvectors(2.5), "positive integer"),
    (lambda: s4.fout_reduced(4, window=0), "window"),
    (lambda: ns4.dplr("legs", 0), "positive integer"),
    (lambda: ns4.dplr("legt", 4, window=0), "window"),
    (lambda: ns4.dplr("fous", 4), "legs, legt, lagt, lagt-half, fout"),
    (lambda: ns4.unitary_diagonalize([[0, 1, 2], [-1, 0, 3]]), "square"),
    (lambda: ns4.unitary_diagonalize([[0, 1], [-1, 0]], dps=0), "dps"),
    (lambda: ns4.s4d_kernel([-1, -2], [1, 1], [1], 3, step=1), "length N = 2"),
    (lambda: ns4.s4d_kernel([-1], [1], [1], 0, step=1), "L must be a positive integer"),
    (lambda: ns4.s4d_kernel([-1], [1], [1], 3, step=-1), "step must be"),
    (lambda: ns4.s4d_kernel([4], [1], [1], 3, step=F(1, 2), disc="bilinear"), "step\\*lam != 2"),
    (lambda: ns4.nplr_step([0, 0], 1, lam=[-1], Ptilde=[1], Btilde=[1], step=1), "length N = 1"),
    (lambda: ns4.nplr_step([0, 0], 1, lam=[-1, -2], Ptilde=[[1]], Btilde=[1, 1], step=1), "N = 2 rows"),
    (lambda: ns4.kernel(A3, [1, 1, 1], [1, 0, 1], 4, step=F(1, 10), dps=50, method="generating", halve=True,
                        nplr=([[0] * 3] * 3, [[1]] * 3)), None),
])
def test_more_api_errors(call, match):
    if match is None:  # nplr is ignored by the non-Cauchy routes: no error
        assert len(call()) == 4
        return
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call, match", [
    (lambda: __import__("proofs.s4").s4.legs_eigenvectors(10**30), "at most 4096"),
    (lambda: __import__("proofs.s4").s4.nplr("legs", 4097), "at most 4096"),
    (lambda: __import__("numerics.s4").s4.dplr("legs", 4097), "at most 4096"),
    (lambda: __import__("numerics.s4").s4.s4d_kernel([-1], [1], [1], 2**20 + 1, step=1), "at most 1048576"),
])
def test_huge_sizes_are_refused_not_attempted(call, match):
    # the fuzz test found legs_eigenvectors(10**30) building a 10^30 x 10^30 matrix (a hang)
    with pytest.raises(ValueError, match=match):
        call()
