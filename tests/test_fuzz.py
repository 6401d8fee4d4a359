"""Bad input to the public API: only a documented ValueError/TypeError with a message escapes.

Each contract function is called with valid arguments except one slot, which gets a
drawn value: garbage (None, booleans, strings, NaN, infinities, huge and negative
numbers, empty or ragged lists, complex numbers) or a plausible value.  A value that is
certainly outside the slot's domain must raise ``ValueError`` or ``TypeError`` with a
non-empty message; any other value may succeed or raise those two, nothing else.
Inputs are bounded (sizes at most 12), so nothing can hang.
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
    if isinstance(v, str):  # numerics accept decimal strings ("0.5") as exact input
        try:
            return math.isfinite(float(v))
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


def _u(x: Any) -> Any:
    import mpmath

    return mpmath.sin(x) + 1


def _cases() -> list[tuple[str, Callable[..., Any], list[Any], dict[str, Any], list[Callable[[Any], bool]]]]:
    """(name, function, valid positional args, keywords, invalidity predicate per positional slot)."""
    import numerics.entropy as ne
    import numerics.hippo as nh
    import numerics.rational as nr
    import numerics.s4 as ns
    import numerics.variational as nv
    import proofs.entropy as pe
    import proofs.hippo as ph
    import proofs.rational as pr
    import proofs.s4 as ps
    import proofs.variational as pv

    measures = ("legs", "legt", "lmu", "lagt", "lagt-half", "fout", "fous")
    A, B = ph.transition("legs", 3)
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
    ]


CASES = _cases()


@pytest.mark.parametrize("name, fn, args, kwargs, invalid", CASES, ids=[c[0] for c in CASES])
@settings(max_examples=EXAMPLES_PER_FUNCTION, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_input_raises_only_documented_errors(name, fn, args, kwargs, invalid, data):
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


def test_the_valid_arguments_are_valid():
    for name, fn, args, kwargs, _ in CASES:
        fn(*args, **kwargs)
