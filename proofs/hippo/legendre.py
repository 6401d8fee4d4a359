"""Legendre and Laguerre identities used by the HiPPO derivations.

Main statements (spec ``hippo.md`` section 2):

- HIPPO-LEG-1: :math:`P_n(\\pm1) = (\\pm1)^n`, :math:`\\int_{-1}^1 P_mP_n = 2\\delta_{mn}/(2n+1)`;
- HIPPO-LEG-2: :math:`P'_{n+1} - P'_{n-1} = (2n+1)P_n`;
- HIPPO-LEG-3: :math:`P'_{n+1} = (n+1)P_n + xP'_n`;
- HIPPO-LEG-4: :math:`P'_n = \\sum_{k<n,\\ n-k \\text{ odd}} (2k+1)P_k`;
- HIPPO-LEG-5: :math:`xP'_n = nP_n + \\sum_{k\\le n-2,\\ n-k\\text{ even}} (2k+1)P_k`;
- HIPPO-LEG-6: :math:`(x+1)P'_n = -(n+1)P_n + \\sum_{k\\le n}(2k+1)P_k` (the key LegS identity);
- HIPPO-LAG-1: :math:`L_n(0)=1`, :math:`\\int_0^\\infty L_mL_ne^{-y}dy = \\delta_{mn}`;
- HIPPO-LAG-2: :math:`L_n' = -\\sum_{k<n} L_k`.

How they are proved.  The polynomials are built from their Rodrigues formulas with
exact ``Poly`` arithmetic over QQ (not from SymPy's ``legendre``/``laguerre``,
which the statements use), the left-hand quantity is formed, and its coefficients
in the Legendre (Laguerre) basis are *computed* by exact projection,

.. math:: c_k = \\frac{2k+1}{2}\\int_{-1}^{1} f(x)P_k(x)\\,dx, \\qquad
          c_k = \\int_0^\\infty f(y)L_k(y)e^{-y}\\,dy = \\sum_j f_j\\,j!\\ \\text{(moments)} .

The computed expansion is then compared exactly with the stated closed form.
SymPy has no general-n proof of these identities, so each is proved for every
``n`` from its lower limit to a bound (default 32).

References: DLMF section 18.5 (Rodrigues formulas) and 18.9 (derivatives);
Su, 重温SSM（一） (kexue.fm/archives/10114), which uses LEG-2, LEG-4 and LEG-6.

Registers: HIPPO-LEG-1, HIPPO-LEG-2, HIPPO-LEG-3, HIPPO-LEG-4, HIPPO-LEG-5, HIPPO-LEG-6,
HIPPO-LAG-1, HIPPO-LAG-2.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from numbers import Integral
from typing import Any

import sympy
from sympy import QQ, Add, Derivative, Eq, Function, Integral as SymIntegral, Matrix, Poly, Rational
from sympy import Subs, Sum, Symbol, laguerre, legendre

from numerics.hippo import certified as exact
from numerics.hippo import legendre as num

from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.bibliography import HIPPO, SU_10114
from proofs.core.params import draw, s

__all__ = [
    "x",
    "rodrigues_legendre",
    "rodrigues_laguerre",
    "legendre_coefficients",
    "laguerre_coefficients",
    "legendre_endpoints_orthogonality",
    "legendre_derivative_difference",
    "legendre_derivative_recursion",
    "legendre_derivative_expansion",
    "legendre_x_derivative_expansion",
    "legs_key_identity",
    "laguerre_origin_orthonormality",
    "laguerre_derivative_sum",
]

x = Symbol("x")
k = Symbol("k", integer=True, nonnegative=True)
m = Symbol("m", integer=True, nonnegative=True)

BOUND = 32


def _degree(n: Any, minimum: int = 0) -> Any:
    """Accept an integer >= minimum, or a SymPy integer symbol (for the general statement)."""
    if isinstance(n, Symbol) and n.is_integer:
        return n
    if isinstance(n, bool) or not isinstance(n, (Integral, sympy.Integer)) or int(n) < minimum:
        raise ValueError(f"n must be an integer >= {minimum} (or an integer Symbol), got {n!r}")
    return int(n)


def _sum(term: Any, lo: Any, hi: Any) -> Any:
    """:math:`\\sum_{k=lo}^{hi}` term: a ``Sum`` for symbolic limits, the expanded ``Add`` otherwise."""
    if isinstance(lo, int) and isinstance(hi, int):
        return Add(*[term.subs(k, j) for j in range(lo, hi + 1)])
    return Sum(term, (k, lo, hi))


def _odd(e: Any) -> Any:
    """Iverson bracket [e odd] for an integer expression e."""
    return (1 - (-1) ** e) / 2


def _even(e: Any) -> Any:
    return (1 + (-1) ** e) / 2


# --- exact polynomial machinery -----------------------------------------------------------


@lru_cache(maxsize=None)
def rodrigues_legendre(n: int) -> Poly:
    """:math:`P_n = \\frac{1}{2^n n!}\\frac{d^n}{dx^n}(x^2-1)^n` as a ``Poly`` over QQ (DLMF 18.5.5)."""
    n = _degree(n)
    return (Poly(x**2 - 1, x, domain=QQ) ** n).diff((x, n)) * Rational(1, 2**n * sympy.factorial(n))


@lru_cache(maxsize=None)
def rodrigues_laguerre(n: int) -> Poly:
    """:math:`L_n = \\frac{e^y}{n!}\\frac{d^n}{dy^n}(e^{-y}y^n) = \\frac{1}{n!}(D-1)^n y^n` over QQ.

    The operator form follows from :math:`\\frac{d}{dy}(e^{-y}p) = e^{-y}(p'-p)`.
    (The variable is called ``x`` here; it is the lag variable :math:`y \\ge 0`.)
    """
    n = _degree(n)
    p = Poly(x**n, x, domain=QQ)
    for _ in range(n):
        p = p.diff(x) - p
    return p * Rational(1, sympy.factorial(n))


def _integral_pm1(p: Poly) -> Rational:
    antiderivative = p.integrate()
    return antiderivative.eval(1) - antiderivative.eval(-1)


def legendre_coefficients(f: Poly) -> list[Rational]:
    """Coefficients of ``f`` in the Legendre basis, by exact projection over [-1, 1]."""
    if f.is_zero:
        return [Rational(0)]
    return [Rational(2 * j + 1, 2) * _integral_pm1(f * rodrigues_legendre(j)) for j in range(f.degree() + 1)]


def _laguerre_moment(p: Poly) -> Rational:
    """:math:`\\int_0^\\infty p(y)e^{-y}dy = \\sum_j p_j\\,j!`."""
    return sum((c * sympy.factorial(j) for (j,), c in p.terms()), Rational(0))


def laguerre_coefficients(f: Poly) -> list[Rational]:
    """Coefficients of ``f`` in the Laguerre basis, by exact projection with weight e^{-y}."""
    if f.is_zero:
        return [Rational(0)]
    return [_laguerre_moment(f * rodrigues_laguerre(j)) for j in range(f.degree() + 1)]


def _named(letter: str, j: int) -> Any:
    return Function(f"{letter}_{{{j}}}")(x)


def _expansion_derivation(
    quantity: Any, f: Poly, known: Any = 0, *, basis: str = "P", letter_caption: str = ""
) -> Derivation:
    """Expand ``f`` (minus a ``known`` part) in the Legendre/Laguerre basis and package the steps."""
    coeffs = legendre_coefficients(f) if basis == "P" else laguerre_coefficients(f)
    poly_of = rodrigues_legendre if basis == "P" else rodrigues_laguerre
    rhs = known + Add(*[c * poly_of(j).as_expr() for j, c in enumerate(coeffs)])
    shown = known + Add(*[c * _named(basis, j) for j, c in enumerate(coeffs)])
    formula = (  # pragma: no mutate (caption text only)
        r"c_k = \tfrac{2k+1}{2}\int_{-1}^{1} f\,P_k\,dx"
        if basis == "P"
        else r"c_k = \int_0^\infty f\,L_k\,e^{-x}dx = \sum_j f_j\, j!"
    )
    steps = (
        Step(f"The quantity, built from Rodrigues' formula with exact Poly arithmetic{letter_caption}",
             Eq(quantity, (f.as_expr() + known) if known != 0 else f.as_expr(), evaluate=False)),
        Step("Its coefficients by exact projection onto the basis",
             formula + r",\qquad (c_0, c_1, \dots) = " + sympy.latex(Matrix([coeffs]))),
        Step("Hence the expansion", Eq(quantity, shown, evaluate=False)),
    )
    return Derivation(Eq(quantity, rhs, evaluate=False), steps)


def _dP(n: Any) -> Any:
    """:math:`P_n'(x)` as an unevaluated derivative (the quantity on a left-hand side)."""
    negative = isinstance(n, int) and n < 0  # pragma: no mutate (n < 1 agrees too: P_0' = 0)
    return sympy.Integer(0) if negative else Derivative(legendre(n, x), x)


def _dP_poly(n: int) -> Poly:
    negative = n < 0  # pragma: no mutate (n < 1 agrees too: P_0' = 0)
    return Poly(0, x, domain=QQ) if negative else rodrigues_legendre(n).diff(x)


# --- HIPPO-LEG-1 ------------------------------------------------------------------------------


def _leg1_quantity(n: Any) -> Matrix:
    if isinstance(n, int):
        grams = [SymIntegral(legendre(n, x) * legendre(j, x), (x, -1, 1)) for j in range(n + 1)]
        return Matrix([Subs(legendre(n, x), x, 1), Subs(legendre(n, x), x, -1), *grams])
    return Matrix([Subs(legendre(n, x), x, 1), Subs(legendre(n, x), x, -1),
                   SymIntegral(legendre(n, x) * legendre(m, x), (x, -1, 1))])


def legendre_endpoints_orthogonality(n: Any) -> Eq:
    """HIPPO-LEG-1: endpoint values and orthogonality of the Legendre polynomials.

    .. math:: P_n(1) = 1,\\quad P_n(-1) = (-1)^n,\\quad
              \\int_{-1}^1 P_n P_m\\,dx = \\frac{2\\,\\delta_{mn}}{2n+1} \\quad (m \\le n).

    For integer ``n`` the right side lists the values for ``m = 0..n``.
    Source: standard (DLMF 18.2, 18.6).
    """
    n = _degree(n)
    if isinstance(n, int):
        values = [1, (-1) ** n] + [0] * n + [Rational(2, 2 * n + 1)]
        return Eq(_leg1_quantity(n), Matrix(values), evaluate=False)
    return Eq(_leg1_quantity(n), Matrix([1, (-1) ** n, 2 * sympy.KroneckerDelta(m, n) / (2 * n + 1)]),
              evaluate=False)


def _derive_leg1(n: int) -> Derivation:
    p = rodrigues_legendre(n)
    grams = [_integral_pm1(p * rodrigues_legendre(j)) for j in range(n + 1)]
    value = Matrix([p.eval(1), p.eval(-1), *grams])
    steps = (
        Step("Rodrigues' formula", Eq(_named("P", n), p.as_expr())),
        Step("Endpoint values and exact integrals of products", Eq(_leg1_quantity(n), value, evaluate=False)),
    )
    return Derivation(Eq(_leg1_quantity(n), value, evaluate=False), steps)


# --- HIPPO-LEG-2 .. LEG-6 -----------------------------------------------------------------------


def legendre_derivative_difference(n: Any) -> Eq:
    """HIPPO-LEG-2: :math:`P'_{n+1}(x) - P'_{n-1}(x) = (2n+1)P_n(x)`, integer ``n >= 0`` (:math:`P_{-1} := 0`).

    Source: standard (DLMF 18.9); used by Su, 重温SSM（一）, for LegT.
    """
    n = _degree(n)
    return Eq(_dP(n + 1) - _dP(n - 1), (2 * n + 1) * legendre(n, x), evaluate=False)


def legendre_derivative_recursion(n: Any) -> Eq:
    """HIPPO-LEG-3: :math:`P'_{n+1}(x) = (n+1)P_n(x) + xP'_n(x)`, integer ``n >= 0``.

    Source: standard (DLMF 18.9).
    """
    n = _degree(n)
    return Eq(_dP(n + 1), (n + 1) * legendre(n, x) + x * _dP(n), evaluate=False)


def legendre_derivative_expansion(n: Any) -> Eq:
    """HIPPO-LEG-4: :math:`P'_n(x) = \\sum_{k<n,\\ n-k\\ \\mathrm{odd}} (2k+1)P_k(x)`, integer ``n >= 0``.

    The parity restriction is written as the factor :math:`(1-(-1)^{n-k})/2`.
    Source: standard; Su, 重温SSM（一）.
    """
    n = _degree(n)
    return Eq(_dP(n), _sum((2 * k + 1) * _odd(n - k) * legendre(k, x), 0, n - 1), evaluate=False)


def legendre_x_derivative_expansion(n: Any) -> Eq:
    """HIPPO-LEG-5: :math:`xP'_n(x) = nP_n(x) + \\sum_{k\\le n-2,\\ n-k\\ \\mathrm{even}} (2k+1)P_k(x)`, ``n >= 0``.

    Source: standard (follows from LEG-3 and LEG-4).
    """
    n = _degree(n)
    return Eq(x * _dP(n), n * legendre(n, x) + _sum((2 * k + 1) * _even(n - k) * legendre(k, x), 0, n - 2),  # pragma: no mutate (n - k and n + k have one parity)
              evaluate=False)


def legs_key_identity(n: Any) -> Eq:
    """HIPPO-LEG-6: :math:`(x+1)P'_n(x) = -(n+1)P_n(x) + \\sum_{k\\le n}(2k+1)P_k(x)`, integer ``n >= 0``.

    Shifted to :math:`g_n(r)=\\sqrt{2n+1}P_n(2r-1)` it reads
    :math:`r g_n' = n g_n + \\sum_{k<n}\\sqrt{(2n+1)(2k+1)}\\,g_k`, which is why the LegS
    projection closes exactly for every N.  Source: Su, 重温SSM（一） (LegS derivation).
    """
    n = _degree(n)
    return Eq((x + 1) * _dP(n), -(n + 1) * legendre(n, x) + _sum((2 * k + 1) * legendre(k, x), 0, n),
              evaluate=False)


# --- HIPPO-LAG-1, LAG-2 --------------------------------------------------------------------------


def _lag1_quantity(n: Any) -> Matrix:
    w = sympy.exp(-x)
    if isinstance(n, int):
        grams = [SymIntegral(laguerre(n, x) * laguerre(j, x) * w, (x, 0, sympy.oo)) for j in range(n + 1)]
        return Matrix([Subs(laguerre(n, x), x, 0), *grams])
    return Matrix([Subs(laguerre(n, x), x, 0), SymIntegral(laguerre(n, x) * laguerre(m, x) * w, (x, 0, sympy.oo))])


def laguerre_origin_orthonormality(n: Any) -> Eq:
    """HIPPO-LAG-1: :math:`L_n(0)=1` and :math:`\\int_0^\\infty L_nL_me^{-y}dy=\\delta_{mn}` (``m <= n``).

    Source: standard (DLMF 18.2, 18.6).
    """
    n = _degree(n)
    if isinstance(n, int):
        return Eq(_lag1_quantity(n), Matrix([1] + [0] * n + [1]), evaluate=False)
    return Eq(_lag1_quantity(n), Matrix([1, sympy.KroneckerDelta(m, n)]), evaluate=False)


def _derive_lag1(n: int) -> Derivation:
    p = rodrigues_laguerre(n)
    value = Matrix([p.eval(0), *[_laguerre_moment(p * rodrigues_laguerre(j)) for j in range(n + 1)]])
    steps = (
        Step("Rodrigues' formula in operator form", Eq(_named("L", n), p.as_expr())),
        Step("Value at 0 and moments", Eq(_lag1_quantity(n), value, evaluate=False)),
    )
    return Derivation(Eq(_lag1_quantity(n), value, evaluate=False), steps)


def laguerre_derivative_sum(n: Any) -> Eq:
    """HIPPO-LAG-2: :math:`L_n'(y) = -\\sum_{k<n} L_k(y)`, integer ``n >= 0``.

    Source: standard (DLMF 18.9); used for the LagT transition.
    """
    n = _degree(n)
    return Eq(Derivative(laguerre(n, x), x), _sum(-laguerre(k, x), 0, n - 1), evaluate=False)


# --- registration ---------------------------------------------------------------------------------


def _examples(*ns: int, xs: tuple[Fraction, ...] = (Fraction(-7, 9), Fraction(1, 3), Fraction(99, 101))) -> tuple:
    return tuple({"n": n, "x": xs[i % len(xs)]} for i, n in enumerate(ns))


def _identity(
    key: str, title: str, source: str, statement: Callable[[Any], Eq], derive: Callable[[int], Derivation],
    numeric: Callable[..., Any], certified: Callable[..., Any], *, start: int = 0, title_tex: str = "",
) -> Result:
    return register(Result(
        key=key, title=title, source=source, title_tex=title_tex, statement=statement, derive=derive,
        numeric=numeric, certified=certified, params=draw(n=s.sizes(0, BOUND), x=s.rationals(-1, 1)),
        examples=_examples(start, 3, 8, 17, 32), bound=Bound("n", start, BOUND),
    ))


register(Result(
    key="HIPPO-LEG-1", title="Legendre endpoint values and orthogonality",
    source="standard (DLMF 18.2, 18.6); HiPPO normalisation g_n = sqrt(2n+1) P_n(2r-1)",
    statement=legendre_endpoints_orthogonality, derive=_derive_leg1, numeric=num.legendre_endpoints_and_gram,
    certified=exact.legendre_endpoints_and_gram,
    params=draw(n=s.sizes(0, 12)), examples=({"n": 0}, {"n": 3}, {"n": 8}), bound=Bound("n", 0, BOUND),
))

_identity(
    "HIPPO-LEG-2", "Legendre derivative difference", f"standard (DLMF 18.9); {SU_10114}",
    legendre_derivative_difference,
    lambda n: _expansion_derivation(legendre_derivative_difference(n).lhs, _dP_poly(n + 1) - _dP_poly(n - 1)),
    num.derivative_difference,
    exact.legendre_derivative_difference,
)

_identity(
    "HIPPO-LEG-3", "Legendre derivative recursion", "standard (DLMF 18.9)",
    legendre_derivative_recursion,
    lambda n: _expansion_derivation(
        _dP(n + 1), _dP_poly(n + 1) - Poly(x, x, domain=QQ) * _dP_poly(n), x * _dP_poly(n).as_expr(),
        letter_caption=r", less the known part $x\,P_n'$"),
    num.derivative_recursion_lhs,
    exact.legendre_derivative_next,
)

_identity(
    "HIPPO-LEG-4", "Legendre derivative expansion", f"standard (DLMF 18.9); {SU_10114}",
    legendre_derivative_expansion,
    lambda n: _expansion_derivation(_dP(n), _dP_poly(n)),
    num.legendre_derivative,
    exact.legendre_derivative,
)

_identity(
    "HIPPO-LEG-5", "Expansion of x P_n'", "standard (from LEG-3 and LEG-4)",
    legendre_x_derivative_expansion,
    lambda n: _expansion_derivation(x * _dP(n), Poly(x, x, domain=QQ) * _dP_poly(n)),
    num.x_times_derivative,
    exact.x_times_legendre_derivative,
    title_tex=r"Expansion of $x\,P_n'$",
)

_identity(
    "HIPPO-LEG-6", "Key LegS identity (x+1) P_n'", f"{SU_10114}, LegS derivation",
    legs_key_identity,
    lambda n: _expansion_derivation((x + 1) * _dP(n), Poly(x + 1, x, domain=QQ) * _dP_poly(n)),
    num.shifted_derivative,
    exact.shifted_legendre_derivative,
    title_tex=r"Key LegS identity $(x+1)\,P_n'$",
)

register(Result(
    key="HIPPO-LAG-1", title="Laguerre value at 0 and orthonormality",
    source=f"standard (DLMF 18.2, 18.6); {HIPPO}, LagT",
    statement=laguerre_origin_orthonormality, derive=_derive_lag1, numeric=num.laguerre_origin_and_gram,
    certified=exact.laguerre_origin_and_gram,
    params=draw(n=s.sizes(0, 8)), examples=({"n": 0}, {"n": 2}, {"n": 5}), bound=Bound("n", 0, BOUND),
))


def _derive_lag2(n: int) -> Derivation:
    return _expansion_derivation(Derivative(laguerre(n, x), x), rodrigues_laguerre(n).diff(x), basis="L")


register(Result(
    key="HIPPO-LAG-2", title="Laguerre derivative as a sum", source=f"standard (DLMF 18.9); {HIPPO}, LagT",
    statement=laguerre_derivative_sum, derive=_derive_lag2, numeric=num.laguerre_derivative,
    certified=exact.laguerre_derivative,
    params=draw(n=s.sizes(0, 20), x=s.rationals(0, 8)), bound=Bound("n", 0, BOUND),
    examples=({"n": 0, "x": Fraction(3, 7)}, {"n": 5, "x": Fraction(5, 2)}, {"n": 13, "x": Fraction(61, 9)}),
))
