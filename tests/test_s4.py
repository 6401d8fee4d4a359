"""S4 pillar: the API contract, golden numbers, the kernel routes' agreement and error behaviour.

The generic registry tests verify and perturb every S4-* result; this module adds the contract
of ``proofs.s4`` / ``numerics.s4`` (spec ``s4.md`` section 7) and property tests.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from numerics import s4 as ns4
from numerics.agree import digits
from proofs import checks, registry
from proofs import s4
from proofs.hippo import transition


def rel(a, b):
    with mpmath.workdps(80):
        scale = max(abs(v) for v in a)
        return max(abs(x - y) for x, y in zip(a, b)) / scale


# --- proofs.s4 contract ---------------------------------------------------------------------------------

def test_contract_names_exist():
    assert s4.NPLR_MEASURES == ("legs", "legt", "lagt", "lagt-half", "fout")
    for name in ("nplr", "legs_eigenvectors", "normal_spectrum", "fout_reduced"):
        assert callable(getattr(s4, name))
    for name in ("kernel", "unitary_diagonalize", "dplr", "s4d_kernel", "nplr_step"):
        assert callable(getattr(ns4, name))
    assert len(registry.select(["S4"])) >= 35


@pytest.mark.parametrize("measure", s4.NPLR_MEASURES)
@pytest.mark.parametrize("N", [1, 4, 5])
def test_nplr_reproduces_transition_and_is_normal(measure, N):
    w = sympy.Rational(3, 2)
    S, P, B = s4.nplr(measure, N, window=w)
    A, B0 = transition(measure, N, window=w)
    assert P.shape == (N, 2 if measure == "legt" else 1) and B == B0
    assert checks.same(A, S - P * P.T)
    sym = (S + S.T) / 2
    c = sym[0, 0]
    assert c in (0, sympy.Rational(-1, 2)) and checks.same(sym, c * sympy.eye(N))


def test_nplr_legs_form():
    S, P, B = s4.nplr("legs", 3)
    assert P[2] == sympy.sqrt(sympy.Rational(5, 2)) and checks.same(B, sympy.sqrt(2) * P)
    assert S[1, 0] == -sympy.sqrt(3) / 2 and S[0, 1] == sympy.sqrt(3) / 2 and S[2, 2] == sympy.Rational(-1, 2)


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


def test_fout_reduced_drops_the_placeholder_and_rejects_odd_N():
    A, B, S, P = s4.fout_reduced(6)
    assert A.shape == (5, 5) and B.shape == (5, 1) and checks.same(A, S - P * P.T)
    with pytest.raises(ValueError, match="even"):
        s4.fout_reduced(5)


def test_signed_binomial_golden_G_S8():
    V = s4.legs_eigenvectors(4)
    assert V == sympy.Matrix([[1, 0, 0, 0], [-1, 1, 0, 0], [1, -3, 1, 0], [-1, 6, -5, 1]])
    A, _ = transition("legs", 4)
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(4)])
    assert checks.same(T.inv() * A * T * V, V * sympy.diag(-1, -2, -3, -4))


GOLD_LEGS = {
    2: ["0.8660254037844386467637232"],
    3: ["0", "2.397915761656359770798719"],
    4: ["4.603293007066848680913577", "0.5565011150837434038521495"],
    8: ["19.85741037097057683488910", "5.354208515030874232826975", "1.957794150902805156606203",
        "0.4274887122858601189958386"],
}


@pytest.mark.parametrize("N", sorted(GOLD_LEGS))
def test_legs_normal_spectrum_golden_G_S1_to_20_digits(N):
    om = s4.normal_spectrum("legs", N)
    with mpmath.workdps(40):
        got = sorted({mp.mpf(str(sympy.N(abs(v), 40))) for v in om})
        want = sorted(mp.mpf(s) for s in GOLD_LEGS[N])
        assert len(got) == len(want)
        for g_, w_ in zip(got, want):
            assert abs(g_ - w_) <= mp.mpf(10) ** -20 * max(1, abs(w_))
        # the independent route: mp.eigh on -iK agrees too
        lam, _ = ns4.unitary_diagonalize(ns4.hippo_nplr("legs", N)[2], dps=30)
        assert sorted(abs(mp.im(l)) for l in lam)[-1] - max(want) < mp.mpf(10) ** -20
    if N == 8:
        assert sympy.nsimplify(sum(v ** 2 for v in om).evalf(50)) == 854


def test_legt_and_lagt_spectra_golden_G_S3_G_S4():
    legt = sorted(float(v) for v in s4.normal_spectrum("legt", 4))
    assert legt == pytest.approx([-7.204783293077359765, -2.844485489467885378, 2.844485489467885378,
                                  7.204783293077359765], rel=1e-15)
    lagt = s4.normal_spectrum("lagt", 4)
    assert checks.same(sympy.Matrix(lagt), sympy.Matrix([-(1 + sympy.sqrt(2)) / 2, (1 - sympy.sqrt(2)) / 2,
                                                         (sympy.sqrt(2) - 1) / 2, (1 + sympy.sqrt(2)) / 2]))
    five = sorted(abs(float(v)) for v in s4.normal_spectrum("lagt-half", 5))
    assert five == pytest.approx([0, 0.36327126400268044295, 0.36327126400268044295, 1.5388417685876267013,
                                  1.5388417685876267013], abs=1e-15)
    fout = s4.normal_spectrum("fout", 6, window=2)
    assert fout == sorted(fout, key=float) and fout.count(0) == 2 and sympy.pi in fout


# --- numerics.s4: DPLR, golden kernels ------------------------------------------------------------------

def test_dplr_legs_golden_G_S2_and_reconstruction():
    lam, Pt, Bt, V = ns4.dplr("legs", 4, dps=50)
    with mpmath.workdps(50):
        p2 = sorted(abs(Pt[n, 0]) ** 2 for n in range(4))
        want = sorted([mp.mpf("0.4674779436461577717786783")] * 2 + [mp.mpf("3.532522056353842228221322")] * 2)
        assert max(abs(a - b) for a, b in zip(p2, want)) < mp.mpf(10) ** -24
        assert abs(mp.fsum(p2) - 8) < mp.mpf(10) ** -45
        for n in range(4):  # Bt_n conj(Pt_n) = sqrt2 |Pt_n|^2 (phase invariant)
            assert abs(Bt[n] * mp.conj(Pt[n, 0]) - mp.sqrt(2) * abs(Pt[n, 0]) ** 2) < mp.mpf(10) ** -45
        A = ns4.hippo_nplr("legs", 4)[0]
        rebuilt = V * (mp.diag(lam) - Pt * Pt.H) * V.H
        assert mp.mnorm(rebuilt - A, 1) < mp.mpf(10) ** -40


G_S5 = ["0.547052197738568032740649689629", "0.223439367527315448873972765293", "0.0639939291013522522340401039477",
        "-0.00459941861201246802092609178217", "-0.0256215502462482695500004557762",
        "-0.0239291607072654567083294632399", "-0.0132522750790456517777268066993",
        "-0.000736757910085984543302048704403"]
G_S6 = ["0.529932869866826937289925261750", "0.221221658684500095679579983910", "0.0676814341637523353779192701729",
        "0.000573332837951873325749070298403", "-0.0209099753099766392195840664552",
        "-0.0203510240580331160254722433171", "-0.0108718463708500122208406579605",
        "0.000633039715784836532986081399909"]


@pytest.mark.parametrize("method", ["power", "generating", "cauchy"])
def test_kernel_golden_G_S5(method):
    S, P, B = s4.nplr("legs", 4)
    A, _ = transition("legs", 4)
    K = ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10), method=method, nplr=(S, P, B))
    assert all(isinstance(k, mpmath.mpf) for k in K)
    with mpmath.workdps(40):
        assert digits(K, [mp.mpf(s) for s in G_S5]) > 29


@pytest.mark.parametrize("disc, gold", [("zoh", G_S6), ("bilinear", G_S5)])
def test_s4d_kernel_in_the_legs_eigenbasis(disc, gold):
    V = s4.legs_eigenvectors(4)
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(4)])
    Bp = list(V.inv() * sympy.ones(4, 1))
    Cp = list((T * V).T * sympy.ones(4, 1))
    K = ns4.s4d_kernel([-1, -2, -3, -4], Bp, Cp, 8, step=F(1, 10), disc=disc, conj_pairs=False)
    with mpmath.workdps(40):
        assert digits(K, [mp.mpf(s) for s in gold]) > 29


def test_s4d_conj_pairs_is_twice_the_real_part():
    lam, B, C = [mp.mpc(-0.5, 3), mp.mpc(-0.5, 1)], [1, F(1, 2)], [F(1, 3), 2]
    half = ns4.s4d_kernel(lam, B, C, 5, step=F(1, 10), conj_pairs=False)
    both = ns4.s4d_kernel(lam, B, C, 5, step=F(1, 10), conj_pairs=True)
    with mpmath.workdps(50):
        assert all(abs(2 * mp.re(a) - b) < mp.mpf(10) ** -45 for a, b in zip(half, both))


# --- the three kernel routes agree (contract: 1e-35 relative at dps 50) ------------------------------

def _system(measure, N):
    A, B, S, P = ns4.hippo_nplr(measure, N)
    return A, B, (S, P)


@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_three_kernel_methods_agree(data):
    measure = data.draw(st.sampled_from(["legs", "lagt", "legt", "lagt-half"]), label="measure")
    N = data.draw(st.integers(1, 8) if measure in ("legs", "lagt") else st.sampled_from([2, 4, 6, 8]), label="N")
    L = data.draw(st.integers(1, 24), label="L")
    step = data.draw(st.fractions(F(1, 1000), F(1), max_denominator=1000), label="step")
    C = data.draw(st.lists(st.fractions(-2, 2, max_denominator=50), min_size=N, max_size=N), label="C")
    if not any(C):
        C[0] = F(1)
    A, B, fac = _system(measure, N)
    Kp = ns4.kernel(A, B, C, L, step=step)
    Kg = ns4.kernel(A, B, C, L, step=step, method="generating", halve=True)
    try:
        Kc = ns4.kernel(A, B, C, L, step=step, method="cauchy", nplr=fac)
    except ValueError as exc:  # a node collides with an eigenvalue (S4-ALG-3): allowed, never wrong digits
        assert "collides" in str(exc)
        Kc = Kp
    assert rel(Kp, Kg) < 1e-35 and rel(Kp, Kc) < 1e-35


@pytest.mark.parametrize("measure, N, L", [("legs", 16, 64), ("legs", 7, 63), ("lagt", 5, 33), ("legt", 6, 64),
                                           ("lagt-half", 16, 31)])
def test_methods_agree_on_contract_cases(measure, N, L):
    A, B, fac = _system(measure, N)
    C = [F((-1) ** k * (k + 1), 7) for k in range(N)]
    Kp = ns4.kernel(A, B, C, L, step=F(1, 20))
    Kc = ns4.kernel(A, B, C, L, step=F(1, 20), method="cauchy", nplr=fac)
    Kh = ns4.kernel(A, B, C, L, step=F(1, 20), method="cauchy", nplr=fac, halve=True)
    assert rel(Kp, Kc) < 1e-35 and rel(Kp, Kh) < 1e-35
    if N <= 7:
        assert rel(Kp, ns4.kernel(A, B, C, L, step=F(1, 20), method="generating")) < 1e-35


def test_fout_reduced_power_and_generating_agree_and_full_fout_is_singular():
    A, B, S, P = ns4.fout_reduced(6)
    C = [1, F(1, 2), -1, F(1, 3), 2]
    Kp = ns4.kernel(A, B, C, 20, step=F(1, 10))
    assert rel(Kp, ns4.kernel(A, B, C, 20, step=F(1, 10), method="generating")) < 1e-35
    Af, Bf, _, _ = ns4.hippo_nplr("fout", 6)
    Cf = [C[0], 7] + C[1:]  # index 1 is decoupled: its C entry is irrelevant
    assert rel(Kp, ns4.kernel(Af, Bf, Cf, 20, step=F(1, 10))) < 1e-45
    with pytest.raises(ValueError, match="singular"):
        ns4.kernel(Af, Bf, Cf, 20, step=F(1, 10), method="generating")
    with mpmath.workdps(30):
        assert max(mp.re(e) for e in mp.eig(A)[0]) < 0  # reduced system is Hurwitz (S4-NPLR-6)


@pytest.mark.parametrize("measure", ["legt", "lagt-half"])
def test_cauchy_raises_on_collision_for_odd_N(measure):
    A, B, fac = _system(measure, 5)
    with pytest.raises(ValueError, match="collides"):
        ns4.kernel(A, B, [1] * 5, 8, step=F(1, 10), method="cauchy", nplr=fac)
    assert len(ns4.kernel(A, B, [1] * 5, 8, step=F(1, 10), method="generating")) == 8


def test_cauchy_raises_on_a_tan_collision():
    # LagT-half N = 2: omega = +-1/2; nodes collide when (2/h) tan(pi l/L) = 1/2: choose L = 4, h = 4
    A, B, fac = _system("lagt-half", 2)
    with pytest.raises(ValueError, match="collides"):
        ns4.kernel(A, B, [1, 1], 4, step=4, method="cauchy", nplr=fac)


def test_dropping_ctilde_gives_the_aliased_kernel():
    A, B, _ = _system("legs", 4)
    Abar, Bbar = ns4.bilinear(A, B, F(1, 10))
    from numerics._s4_core import idft

    with mpmath.workdps(50):
        L = 8
        z = [mp.expjpi(mp.mpf(-2 * l) / L) for l in range(L)]
        Khat = [mp.fdot([1] * 4, mp.lu_solve(mp.eye(4) - zl * Abar, mp.matrix(Bbar))) for zl in z]
    with mpmath.workdps(50):
        aliased = [mp.re(v) for v in idft(Khat)]
    K = ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10))
    assert rel(K, aliased) > 1e-3  # the (I - Abar^L) correction matters for small steps


# --- FFT sign convention, both ways ------------------------------------------------------------------------

def test_dft_sign_convention_both_ways():
    from numerics._s4_core import fft, idft

    A, B, _ = _system("legs", 5)
    L = 11
    K = ns4.kernel(A, B, [1, -1, 2, 0, 1], L, step=F(1, 3))
    with mpmath.workdps(50):
        right = idft(fft(K, -1))  # nodes e^{-2 pi i l/L} with numpy's ifft: K itself (S4-GF-3)
        wrong = idft(fft(K, +1))  # nodes e^{+2 pi i l/L} with the same inverse: time reversal (S4-GF-4)
        assert rel(K, [mp.re(v) for v in right]) < 1e-45
        assert rel([K[(-k) % L] for k in range(L)], [mp.re(v) for v in wrong]) < 1e-45
        assert rel(K, [mp.re(v) for v in wrong]) > 1e-3
        nodes = [mp.expjpi(mp.mpf(-2 * l) / L) for l in range(L)]
        assert abs(fft(K, -1)[3] - mp.fsum(K[k] * nodes[3] ** k for k in range(L))) < mp.mpf(10) ** -45


# --- O(N) step, halving ---------------------------------------------------------------------------------------

def test_nplr_step_matches_dense_bilinear_step_legs_8():
    lam, Pt, Bt, V = ns4.dplr("legs", 8)
    A, B, _, _ = ns4.hippo_nplr("legs", 8)
    Abar, Bbar = ns4.bilinear(A, B, F(1, 7))
    with mpmath.workdps(60):
        x = mp.matrix([mp.mpf(k + 1) / 5 * (-1) ** k for k in range(8)])
        dense = Abar * x + mp.matrix(Bbar) * mp.mpf(3) / 4
        xr = V.H * x
    new = ns4.nplr_step([xr[i] for i in range(8)], F(3, 4), lam=lam, Ptilde=Pt, Btilde=Bt, step=F(1, 7))
    with mpmath.workdps(60):
        back = V * mp.matrix(new)
        assert max(abs(back[i] - dense[i]) for i in range(8)) < mp.mpf(10) ** -45


# --- errors ---------------------------------------------------------------------------------------------------

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


# --- subtle wrong statements are caught -------------------------------------------------------------------

def test_unsigned_binomial_is_not_an_eigenvector_matrix_of_M():
    eig3 = registry["S4-EIG-3"]
    N = 5
    unsigned = sympy.Matrix(N, N, lambda i, j: sympy.binomial(i + j, i - j) if i >= j else 0)
    wrong = sympy.Tuple(unsigned, sympy.diag(*[-(j + 1) for j in range(N)]))
    assert not checks.same(wrong, eig3.derivation(N=N).value)
    assert checks.same(eig3.statement(N=N), eig3.derivation(N=N).value)


def test_rank_one_legt_candidate_is_not_normal():
    S, P, _ = s4.nplr("legt", 4)
    A, _ = transition("legt", 4)
    p = sympy.Matrix([sympy.sqrt(2 * n + 1) for n in range(4)])
    R = A + p * p.T
    assert R != sympy.zeros(4, 4) and not checks.same(R * R.T, R.T * R)


def test_wrong_legs_factor_is_caught_numerically():
    A, B, S, P = ns4.hippo_nplr("legs", 4)
    with mpmath.workdps(50):
        Pw = P * mp.mpf(1.001)
    with pytest.raises(ValueError, match="does not match"):
        ns4.kernel(A, B, [1] * 4, 8, step=F(1, 10), method="cauchy", nplr=(S, Pw))
