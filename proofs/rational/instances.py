"""Shared helpers of the RTF registry entries (private): cases, points, strategies."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
import sympy
from sympy import I, Matrix, Rational, Symbol, symbols
from sympy.polys.matrices import DomainMatrix

from .transfer import fft_kernel_exact

SU_4 = "Su Jianlin, 重温SSM（四） (kexue.fm/archives/10180)"
SU_3 = "Su Jianlin, 重温SSM（三） (kexue.fm/archives/10162)"
RTF_PAPER = "Parnichkun et al. 2024, State-Free Inference of SSMs: the Transfer Function Approach (arXiv 2405.06147)"
RTF_PY = "ruke1ire/RTF rtf.py (commit 1d9e1e546f68)"
CONFIRM = "The wording of the RTF paper's statement is to be confirmed against the paper; the content is verified here."


def case_d(d: Any, lo: int = 1) -> int:
    """The enumerated state size of a bounded proof."""
    if isinstance(d, bool) or not isinstance(d, (Integral, sympy.Integer)) or int(d) < lo:
        raise ValueError(f"d must be an integer >= {lo}, got {d!r}")
    return int(d)


def rationals(seed: int, n: int, num: int = 9, den: int = 9) -> list[Rational]:
    """``n`` reproducible pseudo-random rationals p/q, |p| <= num, 1 <= q <= den."""
    rng = random.Random(seed)
    return [Rational(rng.randint(-num, num), rng.randint(1, den)) for _ in range(n)]


def rational_matrix(seed: int, d: int, num: int = 3, den: int = 4) -> Matrix:
    return Matrix(d, d, rationals(seed, d * d, num, den))


def symbolic_realisation(d: int) -> tuple[Matrix, Matrix, Matrix]:
    A = Matrix(d, d, lambda i, j: Symbol(f"A_{i + 1}{j + 1}"))
    B = Matrix([Symbol(f"B_{i + 1}") for i in range(d)])
    C = Matrix([Symbol(f"C_{i + 1}") for i in range(d)])
    return A, B, C


def rational_realisation(d: int, seed: int) -> tuple[Matrix, Matrix, Matrix]:
    return rational_matrix(seed, d), Matrix(rationals(seed + 1, d)), Matrix(rationals(seed + 2, d))


def coeff_symbols(letter: str, d: int) -> list[Symbol]:
    return list(symbols(f"{letter}_1:{d + 1}"))


def over_common_domain(*mats: Matrix) -> list[DomainMatrix]:
    """``mats`` as DomainMatrices over one domain: the polynomial ring of their symbols (or QQ)."""
    dms = [DomainMatrix.from_Matrix(M) for M in mats]
    dom = dms[0].domain
    for dm in dms[1:]:
        dom = dom.unify(dm.domain)
    return [dm.convert_to(dom) for dm in dms]


def names(*labels: str) -> Matrix:
    """A column of symbols naming the quantities on a statement's left-hand side."""
    return Matrix([Symbol(s) for s in labels])


def exact(v: Any) -> Any:
    """A point entry (int, Fraction, str, SymPy number, or a nested list of them) as SymPy."""
    if isinstance(v, (list, tuple)):
        return [exact(x) for x in v]
    if isinstance(v, Fraction):
        return Rational(v.numerator, v.denominator)
    return sympy.sympify(v)


def point_z(z_re: Any, z_im: Any) -> Any:
    return exact(z_re) + I * exact(z_im)


def poly_eval(coeffs_low_first: Sequence[Any], x: Any) -> Any:
    return sympy.Add(*[c * x**i for i, c in enumerate(coeffs_low_first)])


def at(dps: int) -> Any:
    """The working-precision context of an independent numeric route: ``dps`` plus guard digits."""
    return mpmath.workdps(dps + 15)


def rounded(values: Any, dps: int) -> Any:
    with mpmath.workdps(dps):
        if isinstance(values, mpmath.matrix):
            return +values
        if isinstance(values, list):
            return [rounded(v, dps) for v in values]
        return +values


def nonvanishing(a: Sequence[Any], L: int) -> bool:
    """Whether no root of a(z) is an L-th root of unity (the FFT formula is defined)."""
    try:
        fft_kernel_exact([0] * len(a), a, L)
    except ValueError:
        return False
    return True


# --- hypothesis strategies (hypothesis is imported lazily: it is a test-only dependency) ----------


def coefficient_vectors(d: int, *, stable: bool, margin: Fraction = Fraction(1)) -> Any:
    """Exact coefficient vectors of length ``d``: stable ones satisfy sum|a_i| < 1 (Montel),
    unstable ones are arbitrary rationals in [-3, 3] (roots may lie inside the unit disk)."""
    from hypothesis import strategies as st

    from numerics.strategies import rationals as q

    if not stable:
        return st.lists(q(-3, 3, max_denominator=50), min_size=d, max_size=d)

    def shrink(v: list[Fraction]) -> list[Fraction]:
        s = sum(abs(x) for x in v)
        return v if s < margin else [x * margin / (s + Fraction(1, 97)) for x in v]

    return st.lists(q(-1, 1, max_denominator=50), min_size=d, max_size=d).map(shrink)


def fft_points(max_d: int = 8, max_L: int = 24, *, with_h0: bool = False, stable: bool | None = None,
               margin: Fraction = Fraction(1)) -> Callable[[], Any]:
    """Points {a, b, L[, h0]} with d < L (odd L and d = L - 1 included), stable or unstable a,
    filtered so that the FFT formula is defined."""

    def build() -> Any:
        from hypothesis import strategies as st

        from numerics.strategies import rationals as q

        @st.composite
        def draw(draw_: Any) -> dict[str, Any]:
            d = draw_(st.integers(1, max_d))
            L = draw_(st.one_of(st.just(d + 1), st.integers(d + 1, max(d + 1, max_L))))
            is_stable = draw_(st.booleans()) if stable is None else stable
            a = draw_(coefficient_vectors(d, stable=is_stable, margin=margin))
            b = draw_(st.lists(q(-2, 2, max_denominator=50), min_size=d, max_size=d))
            point = {"a": a, "b": b, "L": L}
            if with_h0:
                point["h0"] = draw_(q(-2, 2, max_denominator=20))
            return point

        # an all-zero numerator has the zero kernel, against which relative digits are undefined
        return draw().filter(lambda p: any(p["b"]) and nonvanishing(p["a"], p["L"]))

    return build
