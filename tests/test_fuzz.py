"""Bad input to the public API: only a documented ValueError/TypeError with a message escapes.

Each contract function is called with valid arguments except one slot, which gets a
drawn value: garbage (None, booleans, strings, NaN, infinities, huge and negative
numbers, empty or ragged lists, complex numbers) or a plausible value.  A value that is
certainly outside the slot's domain must raise ``ValueError`` or ``TypeError`` with a
non-empty message; any other value may succeed or raise those two, nothing else.
Inputs are bounded (sizes at most 12, numerics at dps 15 or 20); the exception is the
drawn 10**30, which every size argument must refuse rather than attempt.

The cases cover every public function named in the "API contract" sections of the specs
(``entropy``, ``hippo``, ``rational``, ``s4``, ``variational``, ``lowrank``).  SymPy slots accept symbols,
so a string (which may name a symbol) is never certainly invalid there.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES_PER_FUNCTION = 100

GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=4),
    st.just(float("nan")),
    st.just(float("inf")),
    st.just(-float("inf")),
    st.just(1e300),
    st.just(10**30),
    st.integers(-5, 12),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.fractions(Fraction(-10), Fraction(10), max_denominator=50),
    st.complex_numbers(max_magnitude=5, allow_nan=False),
    st.lists(st.integers(-3, 3), max_size=4),
    st.just([]),
    st.just([[1, 2], [3]]),
)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_real(v: Any) -> bool:
    if isinstance(v, bool) or v is None:
        return False
    if isinstance(v, str):  # numerics accept decimal strings ("0.5") and, via mpmath, "p/q" as exact input
        try:
            return math.isfinite(float(v))
        except ValueError:
            pass
        parts = v.split("/")
        try:
            return len(parts) == 2 and int(parts[1]) != 0 and isinstance(int(parts[0]), int)
        except ValueError:
            return False
    if isinstance(v, (int, Fraction)):
        return True
    return isinstance(v, float) and math.isfinite(v)


# slot kinds: a predicate "certainly invalid"
def size_invalid(lo: int = 1) -> Callable[[Any], bool]:
    return lambda v: not (_is_int(v) and v >= lo)


def choice_invalid(allowed: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda v: v not in allowed


def positive_invalid(v: Any) -> bool:
    return not (_is_real(v) and float(v) > 0)


def real_invalid(v: Any) -> bool:
    return not _is_real(v)


def real_list_invalid(v: Any) -> bool:
    return not (isinstance(v, list) and v and all(_is_real(e) for e in v))


def anything(v: Any) -> bool:
    return False


def _is_real_number(v: Any) -> bool:
    """A Python real number (no strings): the values whose domain membership can be decided here."""
    if isinstance(v, bool):
        return False
    return isinstance(v, (int, Fraction)) or (isinstance(v, float) and math.isfinite(v))


def above_invalid(lo: float, *, strict: bool = False) -> Callable[[Any], bool]:
    """Numeric slot: a finite real number >= lo (> lo if strict)."""
    return lambda v: real_invalid(v) or (float(v) <= lo if strict else float(v) < lo)


def interval_invalid(lo: float, hi: float, *, lo_open: bool, hi_open: bool) -> Callable[[Any], bool]:
    """Numeric slot: a finite real number in the interval from lo to hi."""
    def invalid(v: Any) -> bool:
        if real_invalid(v):
            return True
        x = float(v)
        return x < lo or x > hi or (lo_open and x == lo) or (hi_open and x == hi)
    return invalid


def real_vector_invalid(d: int) -> Callable[[Any], bool]:
    """Numeric coefficient vector of length d (real or complex entries)."""
    return lambda v: not (isinstance(v, list) and len(v) == d
                          and all(_is_real(e) or isinstance(e, complex) for e in v))


# SymPy slots: a string may name a symbol (sympify("x")), so a string is never certainly invalid
def sym_expr_invalid(v: Any) -> bool:
    """SymPy expression slot (complex allowed): None, booleans, lists, NaN and infinities are not."""
    if v is None or isinstance(v, (bool, list)):
        return True
    return isinstance(v, float) and not math.isfinite(v)


def _sym_nonreal(v: Any) -> bool:
    # a complex with a zero imaginary part sympifies to a real Float: a real value, not certainly invalid
    return sym_expr_invalid(v) or (isinstance(v, complex) and v.imag != 0)


def sym_real_invalid(v: Any) -> bool:
    """SymPy real slot: a real number or a symbol."""
    return _sym_nonreal(v)


def sym_above_invalid(lo: int, *, strict: bool = False) -> Callable[[Any], bool]:
    """SymPy slot with a numeric lower bound; symbols are accepted."""
    return lambda v: sym_real_invalid(v) or (_is_real_number(v) and (v <= lo if strict else v < lo))


def sym_unit_interval_invalid(v: Any) -> bool:
    """SymPy slot in the open interval (0, 1); symbols are accepted."""
    return sym_real_invalid(v) or (_is_real_number(v) and not 0 < v < 1)


def sym_count_invalid(lo: int) -> Callable[[Any], bool]:
    """SymPy integer slot >= lo: a non-integer number is refused, symbols are accepted."""
    return lambda v: sym_real_invalid(v) or (_is_real_number(v) and not (_is_int(v) and v >= lo))


def not_sympy(v: Any) -> bool:
    """Slots that need a SymPy object (a Symbol, an undefined Function): no plain Python value fits."""
    import sympy

    return not isinstance(v, sympy.Basic)


def exact_vector_invalid(d: int) -> Callable[[Any], bool]:
    """Exact vector of length d: ints or Fractions (strings could be symbols)."""
    return lambda v: not (isinstance(v, list) and len(v) == d
                          and all(_is_int(e) or isinstance(e, (Fraction, str)) for e in v))


def matrix_invalid(d: int) -> Callable[[Any], bool]:
    """A d x d matrix given as a list of rows."""
    return lambda v: not (isinstance(v, list) and len(v) == d
                          and all(isinstance(r, list) and len(r) == d for r in v))


def rows_invalid(d: int) -> Callable[[Any], bool]:
    """Something with d rows (a flat list of d entries is a d x 1 column)."""
    return lambda v: not (isinstance(v, list) and len(v) == d)


def factors_invalid(d: int) -> Callable[[Any], bool]:
    """d nonzero scalar factors (a string's characters may be symbols)."""
    def invalid(v: Any) -> bool:
        if isinstance(v, str):
            return len(v) != d
        return not (isinstance(v, list) and len(v) == d
                    and all(_is_real_number(e) and e != 0 for e in v))
    return invalid


def point_invalid(v: Any) -> bool:
    """A point of the plane: a pair of finite real numbers."""
    return not (isinstance(v, (list, tuple)) and len(v) == 2 and all(_is_real(e) for e in v))


def weights_invalid(*, triangle: bool = False) -> Callable[[Any], bool]:
    """Three positive real weights; with triangle=True they must also satisfy the strict triangle inequality."""
    def invalid(v: Any) -> bool:
        if not (isinstance(v, (list, tuple)) and len(v) == 3 and all(_is_real(e) and float(e) > 0 for e in v)):
            return True
        k = sorted(Fraction(e) for e in v)
        return triangle and k[0] + k[1] <= k[2]
    return invalid


def _u(x: Any) -> Any:
    import mpmath

    return mpmath.sin(x) + 1


def real_matrix_invalid(v: Any) -> bool:
    """A 2-D real matrix as a list of equal-length rows (a flat list of reals may be read as a vector)."""
    if not isinstance(v, list) or not v:
        return True
    if all(isinstance(r, list) for r in v):
        return len({len(r) for r in v}) != 1 or not v[0] or not all(_is_real(e) for r in v for e in r)
    return not all(_is_real(e) for e in v)


def _cases() -> list[tuple[str, Callable[..., Any], list[Any], dict[str, Any], list[Callable[[Any], bool]]]]:
    """(name, function, valid positional args, keywords, invalidity predicate per positional slot)."""
    import numerics.entropy as ne
    import numerics.lowrank as nl
    import proofs.lowrank as pl
    import numerics.hippo as nh
    import numerics.rational as nr
    import numerics.s4 as ns
    import numerics.variational as nv
    import proofs.entropy as pe
    import proofs.hippo as ph
    import proofs.rational as pr
    import proofs.s4 as ps
    import proofs.variational as pv
    import sympy

    measures = ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")
    A, B = ph.transition("legs", 3)
    A2, B2 = ph.transition("legs", 2)
    x_sym, y_fn = sympy.Symbol("x"), sympy.Function("y")
    F_brach = sympy.sqrt(1 + y_fn(x_sym).diff(x_sym) ** 2) / sympy.sqrt(y_fn(x_sym))  # x-free: Beltrami applies
    return [
        ("proofs.hippo.transition", ph.transition, ["legs", 3], {}, [choice_invalid(measures), size_invalid()]),
        ("proofs.hippo.derive_transition", ph.derive_transition, ["lagt", 3], {},
         [choice_invalid(measures), size_invalid()]),
        ("proofs.hippo.discretize", ph.discretize, [A, B, Fraction(1, 10), "bilinear"], {},
         [anything, anything, positive_invalid, choice_invalid(("forward", "backward", "bilinear", "zoh"))]),
        ("proofs.hippo.legs_step", ph.legs_step, [2, 3, "exact"], {},
         [size_invalid(), size_invalid(), choice_invalid(("exact", "forward", "backward", "bilinear", "su-bilinear"))]),
        ("numerics.hippo.reconstruct", nh.reconstruct, [[1, 2], Fraction(1, 2), 1, "legs"], {"dps": 20},
         [anything, real_invalid, positive_invalid, choice_invalid(measures)]),
        # legt's window may sit anywhere on the time axis: t <= 0 is valid there (only legs/fous need t > 0)
        ("numerics.hippo.project", nh.project, [_u, 1, 2, "legt"], {"dps": 15},
         [anything, real_invalid, size_invalid(), choice_invalid(measures)]),
        ("proofs.s4.nplr", ps.nplr, ["legs", 3], {}, [choice_invalid(ps.NPLR_MEASURES), size_invalid()]),
        ("proofs.s4.legs_eigenvectors", ps.legs_eigenvectors, [3], {}, [size_invalid()]),
        ("proofs.s4.normal_spectrum", ps.normal_spectrum, ["lagt", 3], {},
         [choice_invalid(ps.NPLR_MEASURES), size_invalid()]),
        ("proofs.s4.fout_reduced", ps.fout_reduced, [4], {}, [lambda v: size_invalid(2)(v) or v % 2 == 1]),
        ("numerics.s4.kernel", ns.kernel, [A, B, [1, 1, 1], 6], {"step": Fraction(1, 10), "dps": 20},
         [anything, anything, anything, size_invalid()]),
        ("numerics.s4.unitary_diagonalize", ns.unitary_diagonalize, [[[0, 1], [-1, 0]]], {"dps": 20}, [anything]),
        ("numerics.s4.dplr", ns.dplr, ["legs", 3], {"dps": 20}, [choice_invalid(ps.NPLR_MEASURES), size_invalid()]),
        ("numerics.s4.s4d_kernel", ns.s4d_kernel, [[-1, -2], [1, 1], [1, 1], 6], {"step": Fraction(1, 10), "dps": 20},
         [anything, anything, anything, size_invalid()]),
        ("proofs.rational.companion", pr.companion, [[Fraction(1, 2), 0], [1, 2]], {}, [anything, anything]),
        ("numerics.rational.fft_kernel", nr.fft_kernel, [[1, 2], [Fraction(1, 3), Fraction(1, 5)], 8], {"dps": 20},
         [anything, anything, size_invalid()]),
        ("numerics.rational.recurrent", nr.recurrent, [[1, 2], [Fraction(1, 3), Fraction(1, 5)], [1, 0, 0]],
         {"dps": 20}, [anything, anything, anything]),
        ("proofs.entropy.softmax_entropy", pe.softmax_entropy, [[0, 1, 2], 1], {}, [anything, anything]),
        ("numerics.entropy.softmax_entropy", ne.softmax_entropy, [[0, 1, 2], 1], {"dps": 20},
         [real_list_invalid, real_invalid]),
        ("numerics.entropy.invariant_scale_two_level", ne.invariant_scale_two_level, [8, 1], {"dps": 20},
         [size_invalid(2), positive_invalid]),
        ("proofs.entropy.practical_scale", pe.practical_scale, [512, 64], {}, [anything, anything]),
        ("proofs.variational.brachistochrone_time", pv.brachistochrone_time, [1, 1], {}, [anything, anything]),
        ("numerics.variational.brachistochrone", nv.brachistochrone, [2, 1], {"dps": 20},
         [real_invalid, positive_invalid]),
        ("numerics.variational.path_time", nv.path_time, ["line", 2, 1], {"dps": 20},
         [choice_invalid(("cycloid", "line", "quarter-circle", "arc")), real_invalid, positive_invalid]),
        ("proofs.variational.fermat_point", pv.fermat_point, [(0, 0), (4, 0), (1, 3)], {},
         [anything, anything, anything]),
        ("numerics.variational.fermat_point", nv.fermat_point, [(0, 0), (4, 0), (1, 3)], {"dps": 20},
         [anything, anything, anything]),
        # --- the remaining contract names (spec "API contract" sections) ---
        ("proofs.entropy.annealed_entropy", pe.annealed_entropy, ["gaussian", 8, 1], {},
         [choice_invalid(("gaussian", "uniform", "exponential", "sphere")), sym_above_invalid(1), sym_real_invalid]),
        ("proofs.entropy.gradmax_alpha", pe.gradmax_alpha, [8], {}, [sym_above_invalid(1, strict=True)]),
        ("proofs.entropy.laplace_rate", pe.laplace_rate, [1], {}, [sym_above_invalid(0)]),
        ("proofs.entropy.lower_bound", pe.lower_bound, [[0, 1, 2], 1], {},
         [lambda v: not (isinstance(v, list) and v) or any(sym_real_invalid(e) for e in v), sym_above_invalid(0)]),
        ("proofs.entropy.pd_entropy", pe.pd_entropy, [Fraction(1, 2)], {}, [sym_unit_interval_invalid]),
        ("proofs.entropy.ssmax_scale", pe.ssmax_scale, [8, 1], {}, [sym_above_invalid(1), sym_real_invalid]),
        ("proofs.entropy.two_level", pe.two_level, [4, 1, 1], {},
         [sym_count_invalid(2), sym_real_invalid, sym_real_invalid]),
        ("proofs.entropy.yarn_mscale", pe.yarn_mscale, [4, 1], {},
         [sym_above_invalid(0, strict=True), sym_real_invalid]),
        ("numerics.entropy.annealed_entropy_quad", ne.annealed_entropy_quad, ["gaussian", 8, 1], {"dps": 15},
         [choice_invalid(("gaussian", "uniform", "exponential", "sphere")), above_invalid(1), real_invalid]),
        ("numerics.entropy.gaussian_max_centring", ne.gaussian_max_centring, [2**14], {"dps": 15},
         [above_invalid(1, strict=True)]),
        ("numerics.entropy.gradmax_alpha_opt", ne.gradmax_alpha_opt, [8], {"dps": 15}, [above_invalid(1, strict=True)]),
        ("numerics.entropy.pd_entropy_quad", ne.pd_entropy_quad, [Fraction(1, 2)], {"dps": 15},
         [interval_invalid(0, 1, lo_open=True, hi_open=True)]),
        ("proofs.hippo.fout_complex", ph.fout_complex, [2], {}, [size_invalid(0)]),
        ("proofs.hippo.rescale", ph.rescale, [A2, B2, [1, 2]], {},
         [matrix_invalid(2), rows_invalid(2), factors_invalid(2)]),
        ("proofs.rational.transfer_function", pr.transfer_function,
         [[[0, 1], [Fraction(-1, 2), 0]], [1, 0], [0, 1]], {},
         [matrix_invalid(2), exact_vector_invalid(2), exact_vector_invalid(2)]),
        ("proofs.rational.truncate_numerator", pr.truncate_numerator, [[Fraction(1, 2), 0], [1, 2], 4], {},
         [exact_vector_invalid(2), exact_vector_invalid(2), size_invalid(3)]),
        # the contract puts rtf_py_kernel in numerics.rational only
        ("numerics.rational.rtf_py_kernel", nr.rtf_py_kernel, [[1, 2], [Fraction(1, 3), Fraction(1, 5)], 6],
         {"dps": 20}, [real_vector_invalid(2), real_vector_invalid(2), size_invalid(3)]),
        ("proofs.variational.euler_lagrange", pv.euler_lagrange, [F_brach, y_fn, x_sym], {},
         [sym_expr_invalid, not_sympy, not_sympy]),
        ("proofs.variational.beltrami", pv.beltrami, [F_brach, y_fn, x_sym], {},
         [sym_expr_invalid, not_sympy, not_sympy]),
        ("proofs.variational.cycloid", pv.cycloid, [1, Fraction(1, 2)], {},
         [sym_above_invalid(0, strict=True), sym_expr_invalid]),
        ("proofs.variational.endpoint_phi", pv.endpoint_phi, [1], {}, [sym_expr_invalid]),
        ("proofs.variational.endpoint_phi_derivative_numerator", pv.endpoint_phi_derivative_numerator, [1], {},
         [sym_expr_invalid]),
        ("proofs.variational.fermat_min_value", pv.fermat_min_value, [(0, 0), (4, 0), (1, 3), (1, 1, 1)], {},
         [point_invalid, point_invalid, point_invalid, weights_invalid()]),
        ("proofs.variational.weighted_torricelli_apexes", pv.weighted_torricelli_apexes,
         [(0, 0), (4, 0), (1, 3), (1, 1, 1)], {},
         [point_invalid, point_invalid, point_invalid, weights_invalid(triangle=True)]),
        ("numerics.variational.brachistochrone_shooting", nv.brachistochrone_shooting, [2, 1], {"dps": 15},
         [positive_invalid, positive_invalid]),
        ("numerics.variational.discrete_brachistochrone", nv.discrete_brachistochrone, [2, 1, 4], {"dps": 15},
         [positive_invalid, positive_invalid, size_invalid()]),
        ("numerics.variational.snell_point", nv.snell_point, [1, 1, 2, 1, 2], {"dps": 15},
         [positive_invalid, positive_invalid, real_invalid, positive_invalid, positive_invalid]),
        *_lowrank_cases(pl, nl),
        ("numerics.variational.tautochrone_time", nv.tautochrone_time, [1, Fraction(1, 2)], {"dps": 15},
         [positive_invalid, interval_invalid(0, math.pi, lo_open=False, hi_open=True)]),
    ]


def _lowrank_cases(pl: Any, nl: Any) -> list[Any]:
    """The contract of spec ``lowrank.md`` section 5, both modules."""
    A, X = [[1, 2], [2, 4]], [[1, 0], [0, 0]]
    M2, G3 = [[1, 2], [3, 4]], [[1, 2, 3], [0, 1, 4], [5, 6, 0]]
    a, b = [[1], [2], [2]], [[2, 1, -2]]
    x, mat, k = [3, 2, 1, 4], real_matrix_invalid, size_invalid(1)
    blocks = [[[1, 0], [0, 1]], [[1, 1], [0, 1]]]
    A4 = [[4 * r + c + 1 for c in range(4)] for r in range(4)]
    d = {"dps": 15}
    return [
        ("proofs.lowrank.pseudo_inverse", pl.pseudo_inverse, [A], {}, [mat]),
        ("proofs.lowrank.penrose_conditions", pl.penrose_conditions, [A, X], {}, [mat, mat]),
        ("proofs.lowrank.ridge_pseudo_inverse", pl.ridge_pseudo_inverse, [A, Fraction(1, 10)], {},
         [mat, sym_above_invalid(0, strict=True)]),
        ("proofs.lowrank.lstsq", pl.lstsq, [M2, [[1], [0]]], {}, [mat, mat]),
        ("proofs.lowrank.singular_values_squared", pl.singular_values_squared, [M2], {}, [mat]),
        ("proofs.lowrank.best_rank_r", pl.best_rank_r, [M2, 1], {}, [mat, k]),
        ("proofs.lowrank.elementary_symmetric", pl.elementary_symmetric, [[1, 2, 3], 2], {},
         [real_list_invalid, size_invalid(0)]),
        ("proofs.lowrank.topk_multihot", pl.topk_multihot, [x, 2], {}, [real_list_invalid, k]),
        ("proofs.lowrank.smooth_topk_esp", pl.smooth_topk_esp, [x, 2], {}, [real_list_invalid, k]),
        ("proofs.lowrank.smooth_topk_esp_jacobian", pl.smooth_topk_esp_jacobian, [x, 2], {}, [real_list_invalid, k]),
        ("proofs.lowrank.topk_threshold_closed", pl.topk_threshold_closed, [x, 2], {}, [real_list_invalid, k]),
        ("proofs.lowrank.lora_one_step", pl.lora_one_step, [a, b, G3, Fraction(1, 10)], {},
         [mat, mat, mat, sym_real_invalid]),
        ("proofs.lowrank.loraga_min_objective", pl.loraga_min_objective, [G3, 1], {}, [mat, k]),
        ("proofs.lowrank.lorapro_update", pl.lorapro_update, [a, b, G3], {}, [mat, mat, mat]),
        ("proofs.lowrank.lorapro_residual", pl.lorapro_residual, [a, b, G3], {}, [mat, mat, mat]),
        ("proofs.lowrank.monarch_matrix", pl.monarch_matrix, [blocks, blocks], {}, [anything, anything]),
        ("proofs.lowrank.monarch_error", pl.monarch_error, [A4], {}, [anything]),
        ("proofs.lowrank.dft_monarch_factors", pl.dft_monarch_factors, [2], {}, [size_invalid(1)]),
        ("numerics.lowrank.pseudo_inverse", nl.pseudo_inverse, [A], d, [mat]),
        ("numerics.lowrank.singular_values", nl.singular_values, [M2], d, [mat]),
        ("numerics.lowrank.best_rank_r", nl.best_rank_r, [M2, 1], d, [mat, k]),
        ("numerics.lowrank.spectral_norm", nl.spectral_norm, [M2], d, [mat]),
        ("numerics.lowrank.elementary_symmetric", nl.elementary_symmetric, [[1, 2, 3], 2], d,
         [real_list_invalid, size_invalid(0)]),
        ("numerics.lowrank.smooth_topk_esp", nl.smooth_topk_esp, [x, 2, 1], d, [real_list_invalid, k, positive_invalid]),
        ("numerics.lowrank.topk_threshold", nl.topk_threshold, [x, 2, 1], d, [real_list_invalid, k, positive_invalid]),
        ("numerics.lowrank.topk_threshold_jacobian", nl.topk_threshold_jacobian, [x, 2, 1], d,
         [real_list_invalid, k, positive_invalid]),
        ("numerics.lowrank.weighted_softmax_iteration", nl.weighted_softmax_iteration, [x, 2, 1], d,
         [real_list_invalid, k, positive_invalid]),
        ("numerics.lowrank.loraga_init", nl.loraga_init, [G3, 1], d, [mat, k]),
        ("numerics.lowrank.lorapro_update", nl.lorapro_update, [a, b, G3], d, [mat, mat, mat]),
        ("numerics.lowrank.lorapro_product_lstsq", nl.lorapro_product_lstsq, [a, b, G3], d, [mat, mat, mat]),
        ("numerics.lowrank.monarch_project", nl.monarch_project, [A4], d, [anything]),
    ]


CASES = _cases()
#: the exact low-rank functions compute spectra and projectors in SymPy: fewer drawn values keep the run short
SLOW = {c[0] for c in CASES if c[0].startswith("proofs.lowrank.")}


def _check_bad_input(name: str, fn: Any, args: list[Any], kwargs: dict[str, Any], invalid: Any, data: Any) -> None:
    slot = data.draw(st.integers(0, len(args) - 1), label="slot")
    value = data.draw(GARBAGE, label="value")
    call = list(args)
    call[slot] = value
    try:
        fn(*call, **kwargs)
    except (ValueError, TypeError) as exc:
        assert str(exc).strip(), f"{name}: an error without a message for {value!r}"
        return
    assert not invalid[slot](value), f"{name}: returned a value for the invalid argument {slot} = {value!r}"


FAST_CASES = [c for c in CASES if c[0] not in SLOW]
SLOW_CASES = [c for c in CASES if c[0] in SLOW]


@pytest.mark.parametrize("name, fn, args, kwargs, invalid", FAST_CASES, ids=[c[0] for c in FAST_CASES])
@settings(max_examples=EXAMPLES_PER_FUNCTION, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_input_raises_only_documented_errors(name, fn, args, kwargs, invalid, data):
    _check_bad_input(name, fn, args, kwargs, invalid, data)


@pytest.mark.parametrize("name, fn, args, kwargs, invalid", SLOW_CASES, ids=[c[0] for c in SLOW_CASES])
@settings(max_examples=EXAMPLES_PER_FUNCTION // 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_input_to_exact_low_rank_functions_raises_only_documented_errors(name, fn, args, kwargs, invalid, data):
    _check_bad_input(name, fn, args, kwargs, invalid, data)


def test_the_valid_arguments_are_valid():
    for name, fn, args, kwargs, _ in CASES:
        fn(*args, **kwargs)
