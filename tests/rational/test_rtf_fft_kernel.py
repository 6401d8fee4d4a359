"""RTF pillar: the state-free FFT kernel (RTF-FFT-1..3, RTF-COMP-2, RTF-REC-1/2): golden values G-R1 and
G-R3, agreement with repeated products, the recurrence, the IIR filter and the alias sum, the numerator
corrections, Bluestein lengths, input types and precision.
"""

from __future__ import annotations

from fractions import Fraction as F

import mpmath
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

import proofs
from numerics import rational as nr
from numerics.rational import routes
from proofs import rational as pr
from proofs.rational.instances import fft_points

from rtf_data import A1, B1, DEN, GR1_FFT, agree, exact_mp, sq


def test_golden_r1_series_and_fft():
    series = [1, F(-1, 10), F(-1, 20), F(-19, 200), F(19, 400), F(-151, 4000), F(303, 8000), F(-2499, 80000),
              F(863, 32000), F(-37631, 1600000), F(64887, 3200000), F(-561259, 32000000)]
    assert pr.series_coefficients(B1, A1, 12) == [sq(s) for s in series]
    assert pr.fft_kernel_exact(B1, A1, 8) == [sympy.Rational(n, DEN) for n in GR1_FFT]
    K = nr.fft_kernel(B1, A1, 8)
    assert all(isinstance(k, mpmath.mpf) for k in K)
    assert agree(K, exact_mp([F(n, DEN) for n in GR1_FFT])) >= 45
    decimals = ["1.039332535127278148410421", "-0.1342129905706086243524282", "-0.02047375237598300473333085",
                "-0.1205389754388580373448623", "0.06959603630129328016100779", "-0.05685843800081994707614327",
                "0.05440232380455443330475942", "-0.04553245313257053408370914"]
    with mpmath.workdps(30):
        assert agree(K, [mp.mpf(s) for s in decimals], 25) >= 24
    Kh = nr.fft_kernel(B1, A1, 8, h0=F(3, 7))
    assert agree(Kh, exact_mp([F(GR1_FFT[0], DEN) + F(3, 7)] + [F(n, DEN) for n in GR1_FFT[1:]])) >= 45


def test_golden_r3_fir():
    K = nr.fft_kernel((1, 2, 3), (0, 0, 0), 5)
    assert agree(K, [1, 2, 3, 0, 0]) >= 45
    assert pr.fft_kernel_exact((1, 2, 3), (0, 0, 0), 5) == [1, 2, 3, 0, 0]


def _kernel_by_products(a, b, L, dps=50):
    with mpmath.workdps(dps + 15):
        cbar = nr.untruncate_numerator(a, b, L, dps=dps + 15)
        return routes.series_by_products(cbar, a, L)


@settings(max_examples=12)
@given(fft_points(max_d=8, max_L=20)())
def test_fft_kernel_matches_products_recurrence_and_iir(p):
    a, b, L = p["a"], p["b"], p["L"]
    K = nr.fft_kernel(b, a, L)
    assert agree(K, _kernel_by_products(a, b, L)) >= 45
    cbar = nr.untruncate_numerator(a, b, L, dps=65)
    impulse = [1] + [0] * (L - 1)
    assert agree(K, nr.recurrent(cbar, a, impulse)) >= 45
    assert agree(K, nr.iir(cbar, a, impulse)) >= 45


@settings(max_examples=8)
@given(fft_points(max_d=6, max_L=12, with_h0=True)(), st.integers(1, 12))
def test_recurrent_consistency_requirement(p, n):
    a, b, L, h = p["a"], p["b"], p["L"], p["h0"]
    u = [F((-1) ** k * (k + 2), k + 3) for k in range(min(n, L))]
    K = nr.fft_kernel(b, a, L, h0=h)
    with mpmath.workdps(60):
        conv = routes.convolve(K, [mp.mpf(x.numerator) / x.denominator for x in u])
    assert agree(nr.recurrent(nr.untruncate_numerator(a, b, L, dps=65), a, u, h0=h), conv) >= 45


@settings(max_examples=8)
@given(fft_points(max_d=5, max_L=16, stable=True, margin=F(9, 10))())
def test_fft_kernel_is_the_alias_sum(p):
    with mpmath.workdps(65):
        S = routes.alias_sum(p["b"], p["a"], p["L"])
    assert agree(nr.fft_kernel(p["b"], p["a"], p["L"]), S) >= 45


@settings(max_examples=10)
@given(fft_points(max_d=6, max_L=14)())
def test_numerators_exact_and_numeric_agree(p):
    a, c, L = p["a"], p["b"], p["L"]
    bt = pr.truncate_numerator(a, c, L)
    assert pr.untruncate_numerator(a, bt, L) == [sq(x) for x in c]
    assert agree(nr.truncate_numerator(a, c, L), exact_mp([F(str(x)) for x in bt])) >= 45
    # the truncated numerator gives the exact first L terms c^T comp(a)^k e1
    with mpmath.workdps(65):
        first = routes.series_by_products(c, a, L)
    assert agree(nr.fft_kernel(bt, a, L), first) >= 45


def test_odd_lengths_and_d_close_to_L_use_bluestein():
    for d, L in ((4, 5), (6, 7), (10, 11), (3, 13)):
        a, b = [F(1, k + 3) * (-1) ** k for k in range(d)], [F(k + 1, 7) for k in range(d)]
        assert agree(nr.fft_kernel(b, a, L), [sympy.Rational(x) for x in pr.fft_kernel_exact(b, a, L)]) >= 45


def test_inputs_of_many_types():
    K1 = nr.fft_kernel(["1", "0.4", "-3/10"], [mp.mpf("0.5"), sympy.Rational(-1, 5), F(1, 10)], 8)
    assert agree(K1, nr.fft_kernel(B1, A1, 8)) >= 45
    K2 = nr.fft_kernel([sympy.sqrt(2), 1], [sympy.Rational(1, 3), sympy.Rational(1, 5)], 5)
    exact = pr.fft_kernel_exact([sympy.sqrt(2), 1], [sympy.Rational(1, 3), sympy.Rational(1, 5)], 5)
    with mpmath.workdps(60):
        assert agree(K2, [mp.mpf(str(sympy.N(x, 70))) for x in exact]) >= 45
    Kc = nr.fft_kernel([mp.mpc(1, 1)], [F(1, 2)], 3)
    assert isinstance(Kc[0], mpmath.mpc)


def test_precision_doubling():
    exact = exact_mp([F(n, DEN) for n in GR1_FFT], 120)
    assert agree(nr.fft_kernel(B1, A1, 8, dps=100), exact, 100) >= 95


def test_bin_product_equals_det_for_a_vanishing_bin():
    with mpmath.workdps(50):
        assert abs(routes.bin_product([0, 1], 4)) < mp.mpf(10) ** -45


def test_crt_kernel_adds_no_feedthrough_by_default():
    # num/den = 1/(1 - z/2) aliased with L = 3: K_k = sum_m 2^-(k+3m) = 2^-k * 8/7; h0 defaults to 0
    K = proofs.rational.crt_kernel([1], [1, sympy.Rational(-1, 2)], 3)
    assert K == [sympy.Rational(8, 7) / 2**k for k in range(3)]
    assert proofs.rational.crt_kernel([1], [1, sympy.Rational(-1, 2)], 3, 1)[0] == K[0] + 1
