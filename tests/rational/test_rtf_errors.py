"""RTF pillar: every bad input raises a ValueError that says what was wrong (empty or mismatched
coefficients, L, shapes, non-numbers, vanishing DFT bins, sizes too large to attempt).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import proofs
from numerics import rational as nr
from proofs import rational as pr

from rtf_data import A1, B1


@pytest.mark.parametrize("call", [
    lambda: nr.fft_kernel([], [], 4), lambda: nr.recurrent([], [], [1]), lambda: nr.iir([1], [], [1]),
    lambda: nr.truncate_numerator([], [], 3), lambda: nr.rtf_py_kernel([], [], 3),
])
def test_empty_coefficients_raise(call):
    with pytest.raises(ValueError, match="must not be empty|same length"):
        call()


def test_length_mismatch_raises():
    with pytest.raises(ValueError, match="same length"):
        nr.fft_kernel([1, 2], [1], 5)
    with pytest.raises(ValueError, match="same length"):
        pr.companion([1, 2], [1])


@pytest.mark.parametrize("L", [0, -3, 2.0, True, "8"])
def test_bad_L_raises(L):
    with pytest.raises(ValueError, match="L must be an integer >= 1"):
        nr.fft_kernel([1], [F(1, 2)], L)


@pytest.mark.parametrize("fn", [nr.fft_kernel, nr.rtf_py_kernel])
def test_state_size_must_be_smaller_than_L(fn):
    with pytest.raises(ValueError, match="state size must be smaller than L"):
        fn([1, 2, 3], [0, 0, 0], 3)


def test_numerator_conversions_need_d_below_L():
    for fn in (nr.truncate_numerator, nr.untruncate_numerator, pr.truncate_numerator, pr.untruncate_numerator):
        with pytest.raises(ValueError, match="state size must be smaller than L"):
            fn([0, 0], [1, 1], 2)


def test_vanishing_bin_raises():
    # a(z) = 1 + z^2 has the roots +-i, 4th roots of unity; 1 - z + z^2 has e^{+-i pi/3}
    for a, L in (([0, 1], 4), ([-1, 1], 6), ([1, 1], 3), ([-1], 5)):
        with pytest.raises(ValueError, match="vanishes"):
            nr.fft_kernel([1] * len(a), a, L)
        with pytest.raises(ValueError, match="singular|vanishes"):
            nr.untruncate_numerator(a, [1] * len(a), L)
        with pytest.raises(ValueError, match="singular|vanishes"):
            pr.untruncate_numerator(a, [1] * len(a), L)


def test_unknown_variant_raises():
    with pytest.raises(ValueError, match="v1, v2"):
        nr.rtf_py_kernel(B1, A1, 8, variant="v3")


def test_transfer_function_shape_errors():
    with pytest.raises(ValueError, match="square"):
        pr.transfer_function([[1, 2]], [1], [1])
    with pytest.raises(ValueError, match="length d = 2"):
        pr.transfer_function([[1, 0], [0, 1]], [1], [1, 1])
    with pytest.raises(ValueError, match="length d = 2"):
        pr.transfer_function([[1, 0], [0, 1]], [1, 1], [1, 1, 1])
    with pytest.raises(ValueError, match="exact"):
        pr.transfer_function([[0.5]], [1], [1])


def test_non_numbers_raise():
    with pytest.raises(ValueError, match="numbers"):
        nr.fft_kernel([object()], [1], 3)
    with pytest.raises(ValueError, match="sequence"):
        nr.fft_kernel(1, [1], 3)


def test_a_matrix_that_is_not_a_vector_is_refused_and_vectors_of_either_orientation_accepted():
    from sympy import Matrix

    with pytest.raises(ValueError, match=r"a must be a vector .* got shape \(2, 2\)"):
        proofs.rational.comp(Matrix([[1, 2], [3, 4]]))
    row, col = proofs.rational.comp(Matrix([[1, 2]])), proofs.rational.comp(Matrix([1, 2]))
    assert row == col == Matrix([[-1, -2], [1, 0]])


def test_su_to_rtf_kernel_defaults_to_no_feed_through_and_exact_lengths_are_capped():
    from proofs.rational import su_to_rtf_kernel
    from proofs.rational.transfer import MAX_L, check_L

    assert su_to_rtf_kernel([1, 2]) == [0, 1, 2]
    assert check_L(MAX_L) == MAX_L == 2**16
    with pytest.raises(ValueError, match="at most 65536"):
        check_L(MAX_L + 1)


def test_huge_exact_lengths_are_refused_not_attempted():
    # the fuzz test found truncate_numerator hanging on L = 10**30 (an exact matrix power of that size)
    with pytest.raises(ValueError, match="at most 65536"):
        pr.truncate_numerator([1, 2], [1, 2], 10**30)


@pytest.mark.parametrize("entry", [None, "x", (1, 2), {1}])
def test_transfer_function_names_a_bad_matrix_entry_without_a_deprecation_warning(entry):
    # a random hypothesis seed (445970370) passed such an entry: Matrix() took it with SymPy's
    # "non-Expr objects in a Matrix" deprecation warning before the error was raised further on
    import warnings

    from proofs.rational import transfer_function

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="Abar must have numbers or SymPy expressions as entries"):
            transfer_function([[entry, 1], [1, 2]], [1, 0], [0, 1])
