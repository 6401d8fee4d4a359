"""Registered S4 results on the kernel and its generating function (spec ``s4.md`` §2.1, 2.4, 2.5, 3):
S4-SIM-1, S4-KER-1, S4-ERR-3, S4-GF-1..5, S4-ERR-4, S4-RES-1/2, S4-WB-1/2.

Every result here is proved for every state size N at once, by one of the two structural routes of
:mod:`proofs.s4.matrix_algebra`: identities among rational functions of one matrix (the bilinear
pair, its resolvent, powers of :math:`\\bar A`) are computed in the field of rational functions of a
scalar standing for that matrix (S4-GF-1, S4-GF-2, S4-RES-1, S4-RES-2); identities involving several
matrices are computed in the free algebra on symbols standing for matrices, reduced with the
defining relations of the inverses that occur (S4-SIM-1, S4-KER-1, S4-ERR-3, S4-WB-1, S4-WB-2).
Results about roots of unity are proved without roots of unity (polynomial remainders modulo
:math:`z^L-1`) or by the closed geometric sum.  The numeric cross-checks
(:mod:`numerics.s4.identities`) compute each quantity by dense mpmath linear algebra at points of
drawn size N (and rank r).

Registers: S4-SIM-1, S4-KER-1, S4-ERR-3, S4-GF-1, S4-GF-2, S4-GF-3, S4-GF-4, S4-ERR-4, S4-GF-5,
S4-RES-1, S4-RES-2, S4-WB-1, S4-WB-2.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import lru_cache, partial
from typing import Any

import mpmath
import sympy
from sympy import QQ, Eq, Function, I, Matrix, Mod, Piecewise, Symbol, Tuple, exp, pi, symbols
from sympy.polys.matrices import DomainMatrix

from numerics.agree import with_dps
from numerics.s4 import certified as cert
from numerics.s4 import identities as kn

from .matrix_algebra import (at_matrix, evaluator, number, point_matrix, point_vector, reduce_words,
                             sized_points, word_value, words)
from proofs.core import Bound, Derivation, Result, Step, checks, register
from proofs.core.bibliography import S4, S4_CODE_KERNEL, SU_10162
from proofs.core.params import draw, s

__all__: list[str] = []


def _words_reason(names: str) -> str:
    """Why a closed form in the free algebra (symbols for matrices of any size) has no Arb route."""
    return (f"the closed form is a word in noncommuting symbols standing for matrices of any size ({names}); "
            "at the example point it is still symbolic, so there is no value for Arb to compare (the numeric "
            "check evaluates the words at the point's matrices in mpmath)")


def _scalar_reason(names: str) -> str:
    """Why a closed form in one commuting symbol standing for a matrix (functional calculus) has no Arb route."""
    return (f"the closed form is a rational function of a commuting symbol standing for the matrix {names} "
            "(functional calculus, proved for every N); at the example point it is still a function of that "
            "symbol, so there is no value for Arb to compare (the numeric check evaluates it at the point's "
            "matrix in mpmath)")


_RES2_REASON = ("the closed form (h/2) B has a symbol standing for the vector B of any size; at the example "
                "point it is still symbolic, so there is no value for Arb to compare (the numeric check "
                "evaluates it at the point's vector in mpmath)")

h = Symbol("h", positive=True)
x, y = symbols("x y", real=True)
z = Symbol("z")


def _m(prefix: str, n: int, m: int | None = None) -> Matrix:
    m = n if m is None else m
    return Matrix(n, m, lambda i, j: Symbol(f"{prefix}{i + 1}{j + 1}", real=True))


def _v(prefix: str, n: int) -> Matrix:
    return Matrix([Symbol(f"{prefix}{i + 1}", real=True) for i in range(n)])


def _in_field(*mats: Matrix) -> tuple[Any, ...]:
    """``mats`` as DomainMatrices over the rational function field Q(their symbols).

    Field arithmetic keeps every entry a canceled fraction, the canonical form ``cancel`` gives at
    the end of generic Expr arithmetic, at a fraction of its cost (no ``factor_terms`` passes).
    """
    field = QQ.frac_field(*sorted(set().union(*(M.free_symbols for M in mats)), key=str))
    return tuple(DomainMatrix.from_Matrix(M).convert_to(field) for M in mats)


def _in_poly_ring(*mats: Matrix) -> tuple[Any, ...]:
    """``mats`` as DomainMatrices over the polynomial ring Q[their symbols]: products and powers stay
    expanded sums of monomials, as ``expand`` of the generic matrix products gives them, far faster."""
    ring = QQ.poly_ring(*sorted(set().union(*(M.free_symbols for M in mats)), key=str))
    return tuple(DomainMatrix.from_Matrix(M).convert_to(ring) for M in mats)


# --- example points and what is drawn ------------------------------------------------------------------

_PT_A = {"a11": F(-1), "a12": F(1, 3), "a21": F(-2, 5), "a22": F(-3, 2)}
_PT_B = {"b1": F(1), "b2": F(-1, 2)}
_PT_C = {"c1": F(2, 3), "c2": F(5, 4)}
_PT_Q = {"q11": F(2), "q12": F(1, 3), "q21": F(-1, 2), "q22": F(3, 2)}
_PT_Z = {"x": F(3, 10), "y": F(-7, 10)}
_PT_3 = {"a11": F(1, 2), "a12": F(1, 5), "a13": F(0), "a21": F(-1, 3), "a22": F(1, 4), "a23": F(1, 7),
         "a31": F(1, 6), "a32": F(-2, 9), "a33": F(-1, 3), "b1": F(1), "b2": F(-1, 2), "b3": F(2, 3),
         "c1": F(3, 4), "c2": F(1), "c3": F(-5, 6)}  # pragma: no mutate (example point: a 3 x 3 system)


def _entries(prefix: str, rows: int, cols: int | None = None, *, lo: Any = -2, hi: Any = 2,
             diagonal: tuple[Any, Any] | None = None) -> dict[str, Any]:
    """Draws of the entries ``{prefix}{i+1}{j+1}`` of a rows x cols matrix (or ``{prefix}{i+1}`` of a
    vector when ``cols`` is 0); ``diagonal`` gives the diagonal its own range."""
    if cols == 0:
        return {f"{prefix}{i + 1}": s.rationals(lo, hi, max_denominator=20) for i in range(rows)}
    cols = rows if cols is None else cols
    return {f"{prefix}{i + 1}{j + 1}": s.rationals(*(diagonal if diagonal and i == j else (lo, hi)),
                                                   max_denominator=20)
            for i in range(rows) for j in range(cols)}


def _system(N: int, *, stable: bool = True) -> dict[str, Any]:
    """A, B, C of size N (``stable``: the diagonal of A in [-3, -1], as for a continuous-time system)."""
    return {**_entries("a", N, diagonal=(-3, -1) if stable else None), **_entries("b", N, 0),
            **_entries("c", N, 0)}


#: z = x + iy drawn in the unit square
_Z = {"x": s.rationals(-1, 1, max_denominator=20), "y": s.rationals(-1, 1, max_denominator=20)}
_SIZES = {"N": (2, 4)}  # N = 1 is the scalar case; the examples include N = 2 and 3


def _z0(point: Any) -> Any:
    return sympy.Rational(point["x"]) + I * sympy.Rational(point["y"])


def _rows(point: Any, prefix: str, n: int) -> Any:
    return point_vector(point, prefix, n).T


# --- S4-SIM-1 -----------------------------------------------------------------------------------------

_Q, _Mw, _Aw, _Bw, _Cw, _Abw, _Bbw = words("Q M A B c Abar Bbar")  # c = C^T, a row; M = I - (h/2) A
_Qi, _Mi = _Q ** -1, _Mw ** -1  # Q Q^-1 = Q^-1 Q = I: SymPy's own rule for a symbol and its inverse
_k = Symbol("k", integer=True, nonnegative=True)
_SIM_RULES: dict[Any, Any] = {}


@lru_cache(maxsize=None)  # no parameters; the Tuple is immutable
def _sim_statement() -> Tuple:
    """(Q Abar Q^-1, Q Bbar, K'_k) with Abar = M^-1 (I + h/2 A), Bbar = h M^-1 B, M = I - h/2 A: the bilinear
    pair of the transformed system is the transformed pair, and its kernel is C^T Abar^k Bbar."""
    Abar, Bbar = _Mi * (1 + h / 2 * _Aw), h * _Mi * _Bw
    return Tuple(sympy.expand(_Q * Abar * _Qi), sympy.expand(_Q * Bbar), _Cw * _Abw ** _k * _Bbw)


def _sim_derive() -> Derivation:
    At, Bt, Ct = _Q * _Aw * _Qi, _Q * _Bw, _Cw * _Qi  # the transformed system (Q A Q^-1, Q B, Q^-T C)
    minus = sympy.expand(1 - h / 2 * At)
    factored = reduce_words(_Q * (1 - h / 2 * _Aw) * _Qi, _SIM_RULES)  # Q M Q^-1, multiplied out
    inverse = _Q * _Mi * _Qi  # the inverse of the product Q M Q^-1, factors reversed
    # M M^-1 = I reads A M^-1 = (2/h)(M^-1 - I): the candidate inverse is checked against it
    check = reduce_words(minus * inverse, {**_SIM_RULES, _Aw * _Mi: 2 / h * (_Mi - 1)})
    if check != 1:
        raise ValueError(f"Q M^-1 Q^-1 is not the inverse of I - (h/2) Q A Q^-1: the product is {check}")
    Abt = reduce_words(inverse * (1 + h / 2 * At), _SIM_RULES)
    Bbt = reduce_words(h * inverse * Bt, _SIM_RULES)
    # powers of the transformed Abar, by induction on k: with Abar' = Q Abar Q^-1 (Abar a symbol)
    power_k = _Q * _Abw ** _k * _Qi
    step = reduce_words(power_k * (_Q * _Abw * _Qi), _SIM_RULES)
    base = reduce_words(_Q * _Qi, _SIM_RULES)
    kernel = reduce_words(Ct * power_k * (_Q * _Bbw), _SIM_RULES)
    return Derivation(Tuple(Abt, Bbt, kernel), (
        Step(r"Transformed system $(QAQ^{-1}, QB, Q^{-\top}C)$, $Q$ and $A$ symbols for $N \times N$ matrices "
             r"of any $N$, $c = C^\top$ a row", Tuple(At, Bt, Ct)),
        Step(r"$Q(I - \tfrac{h}{2}A)Q^{-1}$ multiplied out ($QQ^{-1} = I$) is $I - \tfrac{h}{2}QAQ^{-1}$",
             Eq(minus, factored, evaluate=False)),
        Step(r"So its inverse is $QM^{-1}Q^{-1}$, $M = I - \tfrac{h}{2}A$: the product, reduced with "
             r"$QQ^{-1} = Q^{-1}Q = I$ and $AM^{-1} = \tfrac{2}{h}(M^{-1} - I)$", check),
        Step(r"Bilinear pair of the transformed system, $(I - \tfrac{h}{2}QAQ^{-1})^{-1}(I + \tfrac{h}{2}QAQ^{-1})$ "
             r"and $h(I - \tfrac{h}{2}QAQ^{-1})^{-1}QB$, reduced", Tuple(Abt, Bbt)),
        Step(r"Powers by induction: $(Q\bar{A}Q^{-1})^0$ and $Q\bar{A}^kQ^{-1} \cdot Q\bar{A}Q^{-1}$, reduced",
             Tuple(base, step)),
        Step(r"Kernel of the transformed system $cQ^{-1}(Q\bar{A}^kQ^{-1})Q\bar{B}$, reduced", kernel),
    ))


def _sim_value(statement: Any, point: Any) -> list:
    N = point["N"]
    A, Q, h0 = point_matrix(point, "a", N), point_matrix(point, "q", N), sympy.Rational(point["h"])
    Mi = mpmath.inverse(mpmath.eye(N) - A * checks.to_mpmath(h0) / 2)
    B, C = point_vector(point, "b", N), _rows(point, "c", N)
    Abar, Bbar = Mi * (mpmath.eye(N) + A * checks.to_mpmath(h0) / 2), Mi * B * checks.to_mpmath(h0)
    mats = {_Q: Q, _Aw: A, _Mw: mpmath.eye(N) - A * checks.to_mpmath(h0) / 2, _Bw: B, _Cw: C, _Abw: Abar,
            _Bbw: Bbar}
    subs = {h: h0, _k: sympy.Integer(point["k"])}
    return [word_value(part.subs(_k, point["k"]), mats, subs) for part in checks.value_of(statement)]


_SIM_NOTES = (
    r"Proved for every $N$: $Q$, $A$, $B$, $c = C^\top$ are symbols for matrices of any compatible size, reduced "
    r"with $QQ^{-1} = Q^{-1}Q = I$ and $M M^{-1} = I$ for $M = I - \tfrac{h}{2}A$; the kernel for every "
    r"$k$ (induction). Tuple: ($Q\bar{A}Q^{-1}$, $Q\bar{B}$, $K'_k$) equals (bilinear of $QAQ^{-1}$, its "
    r"$\bar{B}$, kernel $C^\top \bar{A}^k \bar{B}$ of $(QAQ^{-1}, QB, Q^{-\top}C)$). With the "
    r"conjugate-transpose convention $C$ maps to $(Q^{-1})^*C$. Only the bilinear discretisation is "
    r"proved here; ZOH and GBT commute with $Q$ in the same way ($\exp(QAQ^{-1}) = Q\exp(A)Q^{-1}$), not "
    r"registered. Numeric: the transformed system's bilinear pair and kernel by dense mpmath products.")


def _sim_fields(N: int) -> dict[str, Any]:
    return {**_system(N), **_entries("q", N, diagonal=(2, 3), lo=-1, hi=1),
            "h": s.positive_rationals(1, max_denominator=100), "k": s.sizes(0, 8)}


register(Result(
    key="S4-SIM-1", title="Similarity invariance: the bilinear discretisation commutes with Q, kernels unchanged",
    uncertified=_words_reason("Q, A, M^-1, c, Abar, Bbar"),
    title_tex="Similarity invariance: the bilinear discretisation commutes with $Q$, kernels unchanged",
    source=f"{S4}, Lemma 3.1; {SU_10162}", notes=_SIM_NOTES,
    parts=(r"Q\bar{A}Q^{-1}", r"Q\bar{B}", "K'_k"),
    statement=_sim_statement, derive=_sim_derive, numeric=kn.similarity_parts, evaluate=evaluator(_sim_value),
    params=sized_points(_SIZES, _sim_fields),
    examples=({"N": 2, **_PT_A, **_PT_B, **_PT_C, **_PT_Q, "h": F(1, 10), "k": 3},
              {"N": 2, **_PT_A, **_PT_B, **_PT_C, "q11": F(1), "q12": F(2), "q21": F(3), "q22": F(-1),
               "h": F(7, 5), "k": 0},
              {"N": 3, **_PT_3, "q11": F(2), "q12": F(1), "q13": F(0), "q21": F(0), "q22": F(1), "q23": F(-1),
               "q31": F(1, 2), "q32": F(0), "q33": F(3), "h": F(1, 4), "k": 5}),
))

# --- S4-KER-1 and S4-ERR-3 ----------------------------------------------------------------------------

_U = symbols("u0:16", real=True)
_PT_U = {f"u{k}": F((-1) ** k * (k + 2), 7) for k in range(12)}
_KMAX = 11


def _ker_statement(k: int) -> Eq:
    """y_k = sum_(j <= k) c Abar^j Bbar u_(k-j) (c = C^T): the convolution with the kernel K_j = C^T Abar^j Bbar."""
    return Eq(Function("y")(k), sympy.Add(*[_Cw * _Abw ** j * _Bbw * _U[k - j] for j in range(k + 1)]),
              evaluate=False)


def _unrolled(steps: int) -> Any:
    """C^T x after ``steps`` steps of x <- Abar x + Bbar u_j (j = 0, 1, ...) from x = 0, in the free algebra."""
    state = sympy.Integer(0)
    for j in range(steps):
        state = sympy.expand(_Abw * state + _Bbw * _U[j])
    return sympy.expand(_Cw * state)


def _ker_derive(k: int) -> Derivation:
    y_k = _unrolled(k + 1)
    return Derivation(Eq(Function("y")(k), y_k, evaluate=False), (
        Step(r"Unroll $x_j = \bar{A}x_{j-1} + \bar{B}u_j$ from $x_{-1} = 0$ to $j = k$, $y_k = C^\top x_k$ "
             r"($\bar{A}$, $\bar{B}$, $c = C^\top$ symbols for matrices of any size $N$)", y_k),))


def _words_value(statement: Any, point: Any) -> Any:
    N = point["N"]
    mats = {_Abw: point_matrix(point, "a", N), _Bbw: point_vector(point, "b", N), _Cw: _rows(point, "c", N)}
    rhs = checks.value_of(statement)
    return word_value(rhs, mats, {u: sympy.Rational(point[str(u)]) for u in _U if str(u) in point})


def _ker_fields(N: int) -> dict[str, Any]:
    return {**_system(N, stable=False), **{f"u{j}": s.rationals(-2, 2, max_denominator=10) for j in range(12)}}


register(Result(
    key="S4-KER-1", title="Kernel/recurrence equivalence: y_k = sum_j K_j u_(k-j), K_j = C^T Abar^j Bbar",
    uncertified=_words_reason("c, Abar, Bbar"),
    title_tex=r"Kernel/recurrence equivalence: $y_k = \sum_j K_j u_{k-j}$, $K_j = C^\top \bar{A}^j \bar{B}$",
    source=f"{S4}, §2; {SU_10162} (see S4-ERR-3)",
    examples=({"N": 2, "k": 5, **_PT_A, **_PT_B, **_PT_C, **_PT_U}, {"N": 3, "k": 11, **_PT_3, **_PT_U}),
    statement=_ker_statement, derive=_ker_derive, numeric=kn.recurrence, evaluate=evaluator(_words_value),
    params=sized_points({**_SIZES, "k": (0, _KMAX)}, _ker_fields), bound=Bound("k", 0, _KMAX), display={"k": 3},
    notes=r"Every state size $N$ at once: $\bar{A}$, $\bar{B}$, $c = C^\top$ are symbols for matrices (the "
          r"point's $a_{ij}$, $b_i$ are the discretised $\bar{A}$, $\bar{B}$ directly), unrolled in the free "
          r"algebra; every step $k = 0,\ldots,11$, zero initial state. Plain transpose $C^\top$ (convention 3).",
))


def _su_statement(L: int) -> Eq:
    return Eq(Function("y")(L), sympy.Add(*[_Cw * _Abw ** k * _Bbw * _U[L - 1 - k] for k in range(L)]),
              evaluate=False)


def _su_derive(L: int) -> Derivation:
    y_L = _unrolled(L)  # x_{k+1} = Abar x_k + Bbar u_k from x_0 = 0: y_L = C^T x_L
    return Derivation(Eq(Function("y")(L), y_L, evaluate=False), (
        Step(r"Su's recurrence $x_{k+1} = \bar{A}x_k + \bar{B}u_k$, $x_0 = 0$, $y_{k+1} = C^\top x_{k+1}$, "
             r"unrolled to $y_L$ ($\bar{A}$, $\bar{B}$, $c = C^\top$ symbols for matrices of any size)", y_L),))


register(Result(
    key="S4-ERR-3", title="Su part 3 index slips: y_L = sum_(k<L) K_k u_(L-1-k) (not u_(L-k))",
    uncertified=_words_reason("c, Abar, Bbar"),
    title_tex=r"Su part 3 index slips: $y_L = \sum_{k<L} K_k u_{L-1-k}$ (not $u_{L-k}$)",
    source=SU_10162, statement=_su_statement, derive=_su_derive, numeric=kn.su_recurrence,
    evaluate=evaluator(_words_value), bound=Bound("L", 1, _KMAX + 1), display={"L": 3},
    params=sized_points({**_SIZES, "L": (1, _KMAX + 1)}, _ker_fields),
    examples=({"N": 2, "L": 6, **_PT_A, **_PT_B, **_PT_C, **_PT_U}, {"N": 3, "L": 12, **_PT_3, **_PT_U}),
    notes=r"Every state size $N$ (symbols for matrices, as S4-KER-1), every $L = 1,\ldots,12$. Also "
          r"$y_2 = C^\top(\bar{A}x_1 + \bar{B}u_1)$ (the post writes $x_0$). The post's $u_{L-k}$ would shift "
          "the input by one step.",
))

# --- S4-GF-1, GF-2 --------------------------------------------------------------------------------------

_ab = Symbol("Abar")  # commutative: a scalar standing for the matrix Abar (functional calculus)
_zl = Symbol("z_l")  # an L-th root of unity (S4-GF-2)


def _geometric(L: int) -> Any:
    return sympy.Add(*[(z * _ab) ** k for k in range(L)])


def _gf1_statement(L: int) -> Eq:
    return Eq(Function("G_L")(z), (1 - z ** L * _ab ** L) / (1 - z * _ab), evaluate=False)


def _gf1_derive(L: int) -> Derivation:
    series = _geometric(L)
    telescoped = sympy.expand(series * (1 - z * _ab))
    return Derivation(Eq(Function("G_L")(z), telescoped / (1 - z * _ab), evaluate=False), (
        Step(r"The truncated series $\sum_{k<L} z^k\bar{A}^k$ (so $\sum_{k<L} K_kz^k = C^\top(\ldots)\bar{B}$) is "
             r"a polynomial in $\bar{A}$: computed with a scalar $\bar{A}$", series),
        Step(r"Times $(1 - z\bar{A})$: the sum telescopes", telescoped),
        Step(r"Divided by $1 - z\bar{A}$: a rational function of $\bar{A}$, so the matrix identity holds for "
             r"every $N$ where $I - z\bar{A}$ is invertible (evaluation at a matrix is a ring homomorphism)",
             telescoped / (1 - z * _ab)),
    ))


def _gf_value(statement: Any, point: Any) -> Any:
    """C^T f(Abar) Bbar for the closed form f of Abar, at z = x + iy or at the node exp(-2 pi i l/L)."""
    N = point["N"]
    zz = exp(-2 * pi * I * sympy.Rational(point["l"], point["L"])) if "l" in point else _z0(point)
    f = checks.value_of(statement)
    M = at_matrix(f, _ab, point_matrix(point, "a", N), {z: zz, _zl: zz})
    return (_rows(point, "c", N) * M * point_vector(point, "b", N))[0]


def _gf_fields(N: int) -> dict[str, Any]:
    return {**_system(N, stable=False), **_Z}


register(Result(
    key="S4-GF-1", title="Truncated generating function: sum_(k<L) K_k z^k = C^T (I - z^L Abar^L)(I - z Abar)^-1 Bbar",
    uncertified=_scalar_reason("Abar"),
    title_tex="Truncated generating function: "
              r"$\sum_{k<L} K_k z^k = C^\top(I - z^L \bar{A}^L)(I - z\bar{A})^{-1}\bar{B}$",
    source=f"{S4}, §3.3 and appendix C; {SU_10162}", statement=_gf1_statement, derive=_gf1_derive,
    numeric=kn.series_sum, evaluate=evaluator(_gf_value),
    params=sized_points({**_SIZES, "L": (1, 8)}, _gf_fields), bound=Bound("L", 1, 8), display={"L": 3},
    examples=({"N": 3, "L": 1, **_PT_3, **_PT_Z}, {"N": 3, "L": 5, **_PT_3, **_PT_Z},
              {"N": 2, "L": 8, **_PT_A, **_PT_B, **_PT_C, "x": F(-9, 10), "y": F(1, 5)}),
    notes=r"$G_L(z) = \sum_{k<L} z^k\bar{A}^k$, so $\sum_{k<L} K_kz^k = C^\top G_L(z)\bar{B}$. "
          r"Every state size $N$: the identity is one of rational functions of $\bar{A}$ (finite geometric "
          r"series), proved with a scalar standing for $\bar{A}$ for every $L = 1,\ldots,8$; $C^\top$ and "
          r"$\bar{B}$ enter linearly. Numeric: the series by repeated products at drawn $N \times N$ systems "
          r"(the point's $a_{ij}$, $b_i$ are $\bar{A}$, $\bar{B}$) and $z = x + iy$.",
))

def _gf2_statement(L: int) -> Eq:
    return Eq(Function("G_L")(_zl), (1 - _ab ** L) / (1 - _zl * _ab), evaluate=False)


def _gf2_derive(L: int) -> Derivation:
    telescoped = sympy.expand(_geometric(L) * (1 - z * _ab))
    reduced = sympy.rem(telescoped, z ** L - 1, z)
    at_node = (reduced / (1 - z * _ab)).subs(z, _zl)
    return Derivation(Eq(Function("G_L")(_zl), at_node, evaluate=False), (
        Step(r"$(1 - z\bar{A})\sum_{k<L} z^k\bar{A}^k$, a polynomial in $z$ and (scalar) $\bar{A}$", telescoped),
        Step(r"Reduced modulo $z^L - 1$ (equal remainders = equal values at every $L$-th root of unity): "
             r"the factor $I - \bar{A}^L$, i.e. $\tilde{C} = (I - \bar{A}^L)^\top C$", reduced),
    ))


_GF2_NOTES = (
    r"$G_L(z) = \sum_{k<L} z^k\bar{A}^k$ (S4-GF-1) at a node $z_l = \exp(-2\pi il/L)$: $\sum_{k<L} K_k z_l^k = C^\top(I - \bar{A}^L)(I - z_l\bar{A})^{-1}\bar{B} "
    r"= \tilde{C}^\top(I - z_l\bar{A})^{-1}\bar{B}$, $\tilde{C} = (I - \bar{A}^L)^\top C$ (conjugate form "
    r"$\tilde{C}^* = C^*(I - \bar{A}^L)$). Every state size $N$ (rational functions of $\bar{A}$, as "
    r"S4-GF-1), every $L = 1,\ldots,8$, proved without roots of unity; numeric: the series by repeated "
    r"products at a node $z_l$ of a drawn $N \times N$ system.")


def _gf2_fields(N: int, L: int) -> dict[str, Any]:
    return {**_system(N, stable=False), "l": s.sizes(0, L - 1)}


register(Result(
    key="S4-GF-2", title="At the L-th roots of unity the factor (I - Abar^L) is absorbed into C-tilde",
    uncertified=_scalar_reason("Abar"),
    title_tex=r"At the $L$-th roots of unity the factor $(I - \bar{A}^L)$ is absorbed into $\tilde{C}$",
    source=f"{S4}, §3.3; {SU_10162}", statement=_gf2_statement, derive=_gf2_derive,
    numeric=kn.series_sum, evaluate=evaluator(_gf_value),
    params=sized_points({**_SIZES, "L": (1, 8)}, _gf2_fields),
    examples=({"N": 3, "L": 1, "l": 0, **_PT_3}, {"N": 3, "L": 4, "l": 1, **_PT_3}, {"N": 3, "L": 7, "l": 5, **_PT_3},
              {"N": 2, "L": 8, "l": 4, **_PT_A, **_PT_B, **_PT_C}),
    bound=Bound("L", 1, 8), display={"L": 4}, notes=_GF2_NOTES,
))

# --- S4-GF-3, GF-4, ERR-4, GF-5 ------------------------------------------------------------------------

Lsym = Symbol("L", integer=True, positive=True)
msym = Symbol("m", integer=True)
lsym = Symbol("l", integer=True, nonnegative=True)
_S = Function("S")


def _roots_closed(arg: Any) -> Piecewise:
    return Piecewise((Lsym, Eq(Mod(arg, Lsym), 0)), (0, True))


_jsym = Symbol("j", integer=True)


def _roots_derive(arg: Any, sign: int, caption: str) -> Derivation:
    q = exp(sign * 2 * pi * I * arg / Lsym)
    geometric = (1 - q ** Lsym) / (1 - q)
    qL = sympy.powsimp(sympy.expand_power_exp(q ** Lsym), force=True)
    qL = sympy.simplify(qL)  # exp(+-2 pi i arg) = 1 for an integer arg
    # the index a multiple j L of L: the ratio is exp(+-2 pi i j) = 1 and the sum is L terms equal to 1
    q_multiple = sympy.simplify(q.subs(arg, _jsym * Lsym))
    sum_multiple = sympy.Sum(q_multiple ** lsym, (lsym, 0, Lsym - 1)).doit()
    value = Piecewise((sum_multiple, Eq(Mod(arg, Lsym), 0)), (sympy.simplify((1 - qL) / (1 - q)), True))
    return Derivation(Eq(_S(Lsym, arg), value, evaluate=False), (
        Step(caption + ": geometric sum with ratio $q = " + sympy.latex(q) + "$, for $q \\ne 1$", geometric),
        Step("$q^L = 1$ because the index is an integer: the sum vanishes when $q \\ne 1$",
             Eq(Symbol("q^L"), qL, evaluate=False)),
        Step("Index a multiple $jL$ of $L$: the ratio is $q = 1$ and the sum has $L$ terms equal to 1",
             Eq(Symbol("q"), q_multiple, evaluate=False)),
    ))


def _roots_statement() -> Eq:
    """S(L, m) = L [L | m]: the statement of S4-GF-3, S4-GF-4 and S4-ERR-4 (three readings of one sum)."""
    return Eq(_S(Lsym, msym), _roots_closed(msym), evaluate=False)


#: L and an integer index m (multiples of L included: m in -30..30)
_ROOT_POINTS = draw(L=s.sizes(1, 24), m=s.rationals(-30, 30, max_denominator=1).map(int))

_GF3_NOTES = (
    r"Orthogonality of the DFT (convention 5, $\omega = \exp(-2\pi i/L)$) is the inversion formula: "
    r"applying $\tfrac{1}{L}\,\sum_l e^{+2\pi ikl/L}$ to $\hat{K}_l = \sum_j K_j \omega^{jl}$ leaves "
    r"$K_k$. The kernel routes of numerics.s4 are compared with repeated products in the test-suite.")

register(Result(
    key="S4-GF-3", title="Inverse DFT: sum_(l<L) omega^(l m) = L [L | m], so K_k = (1/L) sum_l Khat_l e^(+2 pi i k l/L)",
    title_tex=r"Inverse DFT: $\sum_{l<L}\omega^{lm} = L\,[L \mid m]$, so "
              r"$K_k = \tfrac{1}{L}\,\sum_l \hat{K}_l e^{+2\pi ikl/L}$",
    source=f"{S4}, Algorithm 1; standard DFT inversion", notes=_GF3_NOTES, statement=_roots_statement,
    derive=partial(_roots_derive, msym, -1, r"$\sum_{l<L}\exp(-2\pi ilm/L)$"), numeric=partial(kn.root_sum, sign=-1),
    certified=partial(cert.root_sum, sign=-1), params=_ROOT_POINTS,
    examples=({"L": 8, "m": 3}, {"L": 8, "m": 16}, {"L": 7, "m": -7}, {"L": 5, "m": 12}),
))

_GF4_NOTES = (
    r"With $\hat{K}^+_l = \sum_j K_j e^{+2\pi ijl/L}$ and the inverse $\tfrac{1}{L}\,\sum_l e^{+2\pi "
    r"ikl/L}$: the result is $\tfrac{1}{L}\,\sum_j K_j S(L, j + k) = K_{(-k)\,\mathrm{mod}\,L}$, a "
    r"time reversal. The test-suite checks both pairings on actual kernels.")

register(Result(
    key="S4-GF-4", title="DFT sign pitfall: nodes e^(+2 pi i l/L) with the same inverse give K_((-k) mod L)",
    title_tex=r"DFT sign pitfall: nodes $e^{+2\pi il/L}$ with the same inverse give "
              r"$K_{(-k)\,\mathrm{mod}\,L}$",
    source=f"DFT conventions (derived for the spec); {S4_CODE_KERNEL}", notes=_GF4_NOTES, statement=_roots_statement,
    derive=partial(_roots_derive, msym, +1, r"$\sum_{l<L}\exp(+2\pi ilm/L)$ with $m = j + k$"),
    numeric=partial(kn.root_sum, sign=+1), certified=partial(cert.root_sum, sign=+1),
    examples=({"L": 8, "m": 5}, {"L": 8, "m": 8}, {"L": 9, "m": 0}),
    params=_ROOT_POINTS,
))

register(Result(
    key="S4-ERR-4", title="Root-of-unity sign: e^(+2 pi i l/L) nodes must be paired with the opposite-sign inverse",
    title_tex=r"Root-of-unity sign: $e^{+2\pi il/L}$ nodes must be paired with the opposite-sign inverse",
    source=f"{S4}, Algorithm 1 (confirm wording: record the paper's sign); {S4_CODE_KERNEL} uses exp(-2 pi i/L)",
    statement=_roots_statement, numeric=partial(kn.root_sum, sign=+1),
    certified=partial(cert.root_sum, sign=+1),
    examples=({"L": 6, "m": 2}, {"L": 6, "m": -6}),
    params=_ROOT_POINTS,
    derive=partial(_roots_derive, msym, +1, r"$\sum_{l<L}\exp(+2\pi ilk/L)\exp(-2\pi ilj/L)$, $m = k - j$"),
    notes=r"Nodes $e^{+2\pi il/L}$ with the inverse $\tfrac{1}{L}\,\sum_l e^{-2\pi ikl/L}$ recover $K_k$ "
          r"($m = k - j$); with numpy/torch ifft the nodes must be $e^{-2\pi il/L}$ (S4-GF-4).",
))


def _gf5_statement() -> Eq:
    return Eq(exp(-I * pi * lsym / Lsym) ** Lsym, (-1) ** lsym, evaluate=False)


def _gf5_derive() -> Derivation:
    """z^L at the 2L-th root z = e^(-i pi l/L), computed from the statement's own left side."""
    lhs = _gf5_statement().lhs
    power = sympy.powsimp(lhs, force=True)
    return Derivation(Eq(lhs, power, evaluate=False), (Step(r"$(e^{-i\pi l/L})^L = e^{-i\pi l}$", power),))


_POWER_GUARD = 10  # pragma: no mutate (guard digits)


@with_dps(guard=_POWER_GUARD)
def mp_power(L: int, l: int, *, dps: int) -> Any:
    """:math:`\\mathrm{Re}\\,(e^{-i\\pi l/L})^L` in mpmath (``mp.expjpi``: exact argument reduction)."""
    import mpmath

    return mpmath.mp.re(mpmath.mp.expjpi(mpmath.mp.mpf(-l) / L) ** L)


register(Result(
    key="S4-GF-5", title="Why L and not 2L points: at the 2L-th roots z^L = (-1)^l is not constant",
    title_tex="Why $L$ and not $2L$ points: at the $2L$-th roots $z^L = (-1)^l$ is not constant",
    source=SU_10162, statement=_gf5_statement, derive=_gf5_derive, numeric=mp_power,
    certified=cert.power_at_node,
    examples=({"L": 8, "l": 3}, {"L": 5, "l": 4}), params=draw(L=s.sizes(1, 40), l=s.sizes(0, 80)),
    notes=r"So $(I - z^L \bar{A}^L)$ equals $I - \bar{A}^L$ on even $l$ and $I + \bar{A}^L$ on odd $l$: no "
          r"single $\tilde{C}$.",
))


# --- S4-RES-1, RES-2 -------------------------------------------------------------------------------------

_a = Symbol("A")  # commutative: a scalar standing for the matrix A (functional calculus)
_b = Symbol("B")  # the vector B, on which every matrix function acts


def _bilinear_of_a() -> tuple[Any, Any]:
    """The bilinear pair from its definition, as functions of a scalar a for A: Abar = (1 - ha/2)^-1 (1 + ha/2),
    Bbar = h (1 - ha/2)^-1 B."""
    return (1 + h * _a / 2) / (1 - h * _a / 2), h / (1 - h * _a / 2) * _b


@lru_cache(maxsize=None)  # no parameters; the Tuple is immutable
def _res1_statement() -> Tuple:
    """2[(2/h)(1-z)I - (1+z)A]^-1 B and 2/(1+z) (g(z)I - A)^-1 B, g(z) = (2/h)(1-z)/(1+z), as functions of A."""
    g = 2 / h * (1 - z) / (1 + z)
    return Tuple(2 * _b / (2 / h * (1 - z) - (1 + z) * _a), 2 / (1 + z) * _b / (g - _a))


def _res1_derive() -> Derivation:
    Abar, Bbar = _bilinear_of_a()
    resolvent = sympy.cancel(Bbar / (1 - z * Abar))
    return Derivation(Tuple(resolvent, resolvent), (
        Step(r"$\bar{A} = (I - \tfrac{h}{2}A)^{-1}(I + \tfrac{h}{2}A)$ and $\bar{B} = h(I - \tfrac{h}{2}A)^{-1}B$ "
             r"are rational functions of $A$ (applied to $B$): computed with a scalar $A$", Tuple(Abar, Bbar)),
        Step(r"$(I - z\bar{A})^{-1}\bar{B}$ in $\mathbb{Q}(A, h, z)$, canceled. Equal rational functions of $A$ "
             r"give equal matrices for every $N$ (evaluation at a matrix is a ring homomorphism on the "
             r"functions whose denominators are invertible there)", resolvent),
    ))


def _functions_of_a(statement: Any, point: Any, zz: Any) -> list:
    """Each part f(A) B of the statement, at the point's N x N matrix A and vector B."""
    N = point["N"]
    A, B = point_matrix(point, "a", N), point_vector(point, "b", N)
    subs = {h: sympy.Rational(point["h"]), z: zz}
    parts = checks.value_of(statement)
    parts = parts if isinstance(parts, Tuple) else (parts,)
    out = []
    for f in parts:
        # f = g(A) B (+ a constant shift c, added entry by entry, in a deliberately perturbed statement)
        g = sympy.cancel(sympy.diff(f, _b))
        c = sympy.cancel(f - g * _b)
        value = at_matrix(g, _a, A, subs) * B
        if c != 0:
            if _a in c.free_symbols:
                raise ValueError(f"the closed form {f} is not of the form g(A) B + constant")
            shift = number(c, subs)
            value = value.apply(lambda v, shift=shift: v + shift)
        out.append(value)
    return out if len(out) > 1 else out[0]


def _res_fields(N: int) -> dict[str, Any]:
    return {**_entries("a", N, diagonal=(-3, -1)), **_entries("b", N, 0), "h": s.positive_rationals(2, max_denominator=100)}


_RES_NOTES = (
    r"Every state size $N$: $\bar{A}$, $\bar{B}$ and the resolvent are rational functions of $A$ applied to "
    r"$B$, so the identity is one in $\mathbb{Q}(A, h, z)$ with a scalar standing for $A$ (the statement "
    r"shows each form as such a function times $B$); $g(z) = (2/h)(1 - z)/(1 + z)$. The middle (regular) "
    r"form holds at $z = -1$ too (S4-RES-2). Numeric: $(I - z\bar{A})^{-1}\bar{B}$ by a dense solve with "
    r"the bilinear pair of drawn $N \times N$ systems, $z = x + iy$.")

register(Result(
    key="S4-RES-1", title="Bilinear resolvent: (I - z Abar)^-1 Bbar = 2[(2/h)(1-z)I - (1+z)A]^-1 B = 2/(1+z) (g(z)I - A)^-1 B",
    uncertified=_scalar_reason("A, applied to a symbol standing for the vector B"),
    title_tex=r"Bilinear resolvent: $(I - z\bar{A})^{-1}\bar{B} = 2[(2/h)(1-z)I - (1+z)A]^{-1}B "
              r"= \tfrac{2}{1+z}(g(z)I - A)^{-1}B$",
    source=f"{S4}, appendix C; {SU_10162}", parts=("2[(2/h)(1-z)I - (1+z)A]^{-1}B", r"\tfrac{2}{1+z}(g(z)I - A)^{-1}B"),
    statement=_res1_statement, derive=_res1_derive, numeric=kn.resolvent_forms,
    evaluate=evaluator(lambda st, p: _functions_of_a(st, p, _z0(p))),
    params=sized_points(_SIZES, lambda N: {**_res_fields(N), **_Z}, keep=lambda p: (p["x"], p["y"]) != (-1, 0)),
    examples=({"N": 2, **_PT_A, **_PT_B, **_PT_Z, "h": F(1, 10)},
              {"N": 2, **_PT_A, **_PT_B, "x": F(-1, 2), "y": F(1, 3), "h": F(3)},
              {"N": 3, **_PT_3, "x": F(1, 5), "y": F(1, 2), "h": F(1, 2)}),
    notes=_RES_NOTES,
))


def _res2_statement() -> Eq:
    return Eq(Function("R")(-1), h / 2 * _b, evaluate=False)


def _res2_derive() -> Derivation:
    Abar, Bbar = _bilinear_of_a()
    value = sympy.cancel(Bbar / (1 + Abar))
    return Derivation(Eq(Function("R")(-1), value, evaluate=False), (
        Step(r"$R(-1) = (I + \bar{A})^{-1}\bar{B}$ with the bilinear pair as rational functions of a scalar $A$ "
             r"(applied to $B$), canceled: the same for every $N$", value),))


register(Result(
    key="S4-RES-2", title="The node z = -1: (I + Abar)^-1 Bbar = (h/2) B, so Khat_(L/2) = (h/2) Ctilde^T B",
    uncertified=_RES2_REASON,
    title_tex=r"The node $z = -1$: $(I + \bar{A})^{-1}\bar{B} = \tfrac{h}{2}\,B$, so "
              r"$\hat{K}_{L/2} = \tfrac{h}{2}\,\tilde{C}^\top B$",
    source="follows from S4-RES-1", statement=_res2_statement, derive=_res2_derive,
    numeric=partial(kn.resolvent_forms, at_minus_one=True),
    evaluate=evaluator(lambda st, p: _functions_of_a(st, p, sympy.Integer(-1))),
    params=sized_points(_SIZES, _res_fields),
    examples=({"N": 2, **_PT_A, **_PT_B, "h": F(1, 10)}, {"N": 2, **_PT_A, **_PT_B, "h": F(5, 2)},
              {"N": 3, **_PT_3, "h": F(2, 3)}),
    notes=r"$R(z) = (I - z\bar{A})^{-1}\bar{B}$. Every state size $N$ (rational functions of $A$, as "
          r"S4-RES-1). For even $L$ the node $l = L/2$ is exactly $-1$ (mp.expjpi); the $2/(1+z)$ form is "
          r"$0\cdot\infty$ there. numerics.s4.kernel('cauchy') uses this value at that node.",
))

# --- S4-WB-1, WB-2 --------------------------------------------------------------------------------------

_Xw, _Yw = words("X Y")


def _wb_symbols(sign: int) -> tuple[Any, ...]:
    """(D, D^-1, U, W, K) with K = (I + sign W D^-1 U)^-1; Su's form (sign -1) writes M for D."""
    D, U, W, K = words("D U W K") if sign > 0 else words("M U W K")
    return D, D ** -1, U, W, K


def _wb_name(sign: int) -> Symbol:
    return Symbol("(D + U W)^-1" if sign > 0 else "(M - U W)^-1")


@lru_cache(maxsize=None)
def _wb_statement(sign: int) -> Eq:
    D, Di, U, W, K = _wb_symbols(sign)
    return Eq(_wb_name(sign), Di - sign * Di * U * K * W * Di, evaluate=False)


def eliminate(D: Any, Di: Any, U: Any, W: Any, K: Any, sign: int) -> tuple[Any, list[Any]]:
    """The inverse X of D + sign U W by block elimination in the free algebra: (D + s U W) X = I with
    Y = W X, using only D D^-1 = D^-1 D = I and K (I + s W D^-1 U) = (I + s W D^-1 U) K = I.

    Returns X and the intermediate expressions (first block row, X in terms of Y, the second row, Y, and
    the products (D + s U W) X, X (D + s U W), both reduced to 1); ValueError if X is not a two-sided inverse.
    """
    rules = {K * W * Di * U: sign * (1 - K), W * Di * U * K: sign * (1 - K)}  # D D^-1 = I: SymPy's own
    first = D * _Xw + sign * U * _Yw - 1  # = 0: (D + s U W) X = I with Y = W X
    X_of_Y = reduce_words(_Xw - Di * first, rules)  # left-multiply by D^-1
    second = sympy.expand(_Yw - W * X_of_Y)  # = 0: Y = W X
    Y = reduce_words(_Yw - K * second, rules)  # left-multiply by K = (I + s W D^-1 U)^-1
    X = reduce_words(X_of_Y.subs(_Yw, Y), rules)
    right = reduce_words((D + sign * U * W) * X, rules)
    left = reduce_words(X * (D + sign * U * W), rules)
    if (right, left) != (1, 1):
        raise ValueError(f"the eliminated X is not a two-sided inverse: {right}, {left}")
    return X, [first, X_of_Y, second, Y, right, left]


def _wb_derive(sign: int) -> Derivation:
    """Block elimination: (D + s U W) X = I with Y = W X, solved in the free algebra."""
    X, (first, X_of_Y, second, Y, right, left) = eliminate(*_wb_symbols(sign), sign)
    D_ = "M" if sign < 0 else "D"
    return Derivation(Eq(_wb_name(sign), X, evaluate=False), (
        Step(rf"Solve $({D_} {'+' if sign > 0 else '-'} UW)X = I$ with $Y = WX$ ($r \times N$): the first "
             rf"block row ${D_}X {'+' if sign > 0 else '-'} UY - I = 0$", first),
        Step(rf"Left-multiplied by ${D_}^{{-1}}$ (${D_}^{{-1}}{D_} = I$): $X$ in terms of $Y$", X_of_Y),
        Step(r"Substituted into $Y - WX = 0$", second),
        Step(rf"Left-multiplied by $K = (I_r {'+' if sign > 0 else '-'} W{D_}^{{-1}}U)^{{-1}}$: $Y$", Y),
        Step(r"$X$; then $(\ldots)X$ and $X(\ldots)$ reduce to $I$ (a two-sided inverse): symbols for matrices "
             r"of any size $N$ and rank $r$", Tuple(X, right, left)),
    ))


def _wb_value(sign: int, statement: Any, point: Any) -> Any:
    N, r = point["N"], point["r"]
    D, U, W = point_matrix(point, "d", N), point_matrix(point, "u", N, r), point_matrix(point, "w", r, N)
    Dm, Di, Uw, Ww, K = _wb_symbols(sign)
    inv = mpmath.inverse(D)
    mats = {Dm: D, Uw: U, Ww: W, K: mpmath.inverse(mpmath.eye(r) + sign * W * inv * U)}
    return word_value(checks.value_of(statement), mats, {})


def _wb_fields(N: int, r: int) -> dict[str, Any]:
    return {**_entries("d", N, lo=F(-1, 2), hi=F(1, 2), diagonal=(2, 4)), **_entries("u", N, r, lo=-1, hi=1),
            **_entries("w", r, N, lo=-1, hi=1)}


_PT_D = {"d11": F(3), "d12": F(1, 2), "d21": F(-1, 3), "d22": F(2)}  # pragma: no mutate (example point)
_PT_WB1 = {"N": 2, "r": 1, **_PT_D, "u11": F(1), "u21": F(-2, 3), "w11": F(1, 4), "w12": F(5, 7)}
_PT_WB2 = {"N": 2, "r": 2, **_PT_D, "u11": F(1, 2), "u12": F(1), "u21": F(-1), "u22": F(1, 3),
           "w11": F(2, 5), "w12": F(-1, 2), "w21": F(1, 7), "w22": F(3, 4)}  # pragma: no mutate (example point)
_PT_WB3 = {"N": 3, "r": 2, "d11": F(3), "d12": F(1, 2), "d13": F(0), "d21": F(-1, 3), "d22": F(2), "d23": F(1, 5),
           "d31": F(1, 4), "d32": F(0), "d33": F(5, 2), "u11": F(1), "u12": F(0), "u21": F(-2, 3), "u22": F(1, 2),
           "u31": F(1, 3), "u32": F(-1), "w11": F(1, 4), "w12": F(5, 7), "w13": F(-1, 2), "w21": F(0),
           "w22": F(1), "w23": F(2, 3)}  # pragma: no mutate (example point)
_WB_SIZES = {"N": (1, 4), "r": (1, 3)}
_WB_NOTES = (
    r"Proved for every size $N$ and every rank $r$ at once: $D$ ($N \times N$), $U$ ($N \times r$), $W$ "
    r"($r \times N$, playing $V^*$) are symbols in the free algebra, and the only relations used are "
    r"$DD^{-1} = D^{-1}D = I$ and $K(I + WD^{-1}U) = (I + WD^{-1}U)K = I$, $K$ the $r \times r$ inverse. "
    r"Numeric: $(D + UW)^{-1}$ by mpmath's inverse at drawn $N$, $r$.")

register(Result(
    key="S4-WB-1", title="Woodbury identity, any size and rank: (D + U W)^-1 = D^-1 - D^-1 U (I + W D^-1 U)^-1 W D^-1",
    uncertified=_words_reason("D, U, W and K = (I + W D^-1 U)^-1"),
    title_tex="Woodbury identity, any size and rank: "
              "$(D + UW)^{-1} = D^{-1} - D^{-1}U(I + WD^{-1}U)^{-1}WD^{-1}$",
    source=f"standard; {S4}, appendix C", statement=lambda N=None, r=None: _wb_statement(+1),
    derive=partial(_wb_derive, +1), numeric=partial(kn.woodbury, +1), evaluate=evaluator(partial(_wb_value, +1)),
    params=sized_points(_WB_SIZES, _wb_fields), examples=(_PT_WB1, _PT_WB2, _PT_WB3), notes=_WB_NOTES,
))
register(Result(
    key="S4-WB-2", title="Su's Woodbury form: (M - U W)^-1 = M^-1 + M^-1 U (I - W M^-1 U)^-1 W M^-1",
    uncertified=_words_reason("M, U, W and K = (I - W M^-1 U)^-1"),
    title_tex="Su's Woodbury form: $(M - UW)^{-1} = M^{-1} + M^{-1}U(I - WM^{-1}U)^{-1}WM^{-1}$",
    source=f"{SU_10162} (motivated by the Neumann series (I - UV^*)^-1 = sum (UV^*)^k)",
    statement=lambda N=None, r=None: _wb_statement(-1), derive=partial(_wb_derive, -1),
    numeric=partial(kn.woodbury, -1), evaluate=evaluator(partial(_wb_value, -1)),
    params=sized_points(_WB_SIZES, _wb_fields),
    examples=({**_PT_WB1, "d12": F(-4)}, _PT_WB2, _PT_WB3),
    notes=r"Holds whenever $M$ and $I - WM^{-1}U$ are invertible; the series is only a motivation. Proved "
          r"for every size and rank as S4-WB-1 ($K = (I - WM^{-1}U)^{-1}$).",
))
