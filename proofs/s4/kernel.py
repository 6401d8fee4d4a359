"""Registered S4 results on the kernel and its generating function (spec ``s4.md`` §2.1, 2.4, 2.5, 3):
S4-SIM-1, S4-KER-1, S4-ERR-3, S4-GF-1..5, S4-ERR-4, S4-RES-1/2, S4-WB-1/2.

General results are proved for fully symbolic 2 x 2 systems (every entry a Symbol; rational
functions compared after ``cancel``); results about roots of unity are proved without roots of unity
(polynomial remainders modulo :math:`z^L-1`) or by the closed geometric sum.  The numeric
cross-checks (:mod:`numerics.s4.identities`) substitute an exact point and compute the quantity by
dense mpmath linear algebra.

Registers: S4-SIM-1, S4-KER-1, S4-ERR-3, S4-GF-1, S4-GF-2, S4-GF-3, S4-GF-4, S4-ERR-4, S4-GF-5,
S4-RES-1, S4-RES-2, S4-WB-1, S4-WB-2.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import lru_cache, partial
from typing import Any

import sympy
from sympy import (QQ, Eq, Function, I, Matrix, Mod, Piecewise, Poly, Rational, Symbol, Tuple, exp, eye, pi,
                   symbols)
from sympy.polys.matrices import DomainMatrix

from numerics.agree import with_dps
from numerics.s4 import identities as kn

from .factors import bilinear_exact
from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.bibliography import S4, S4_CODE_KERNEL, SU_10162
from proofs.core.params import draw, s

__all__: list[str] = []

h = Symbol("h", positive=True)
x, y = symbols("x y", real=True)
z = Symbol("z")
ZC = x + I * y


def _m(prefix: str, n: int, m: int | None = None) -> Matrix:
    m = n if m is None else m
    return Matrix(n, m, lambda i, j: Symbol(f"{prefix}{i + 1}{j + 1}", real=True))


def _v(prefix: str, n: int) -> Matrix:
    return Matrix([Symbol(f"{prefix}{i + 1}", real=True) for i in range(n)])


def _c(M: Any) -> Any:
    return M.applyfunc(sympy.cancel) if hasattr(M, "applyfunc") else sympy.cancel(M)


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


A2, B2, C2, Q2 = _m("a", 2), _v("b", 2), _v("c", 2), _m("q", 2)

_PT_A = {"a11": F(-1), "a12": F(1, 3), "a21": F(-2, 5), "a22": F(-3, 2)}
_PT_B = {"b1": F(1), "b2": F(-1, 2)}
_PT_C = {"c1": F(2, 3), "c2": F(5, 4)}
_PT_Q = {"q11": F(2), "q12": F(1, 3), "q21": F(-1, 2), "q22": F(3, 2)}
_PT_Z = {"x": F(3, 10), "y": F(-7, 10)}


#: what the 2 x 2 systems' entries are drawn from (a11, a22 < 0); a result adds its own fields
_SYSTEM = {k: s.rationals(-2, 2, max_denominator=20) for k in (*_PT_A, *_PT_B, *_PT_C)}
_SYSTEM["a11"] = _SYSTEM["a22"] = s.rationals(-3, -1, max_denominator=20)


# --- S4-SIM-1 -----------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _sim_field() -> tuple[Any, Any]:
    """The rational function field Q(a_ij, b_i, c_i, q_ij, h) and a converter from SymPy matrices."""
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    field = QQ.frac_field(*A2, *B2, *C2, *Q2, h)
    return field, lambda X: DomainMatrix.from_Matrix(X).convert_to(field)


def _field_bilinear(A: Any, B: Any, field: Any, dm: Any) -> tuple[Any, Any]:
    """Bilinear pair from its definition, exactly in the field: (I - h/2 A)^-1 (I + h/2 A), h (I - h/2 A)^-1 B."""
    I2, half = dm(eye(2)), field.convert(h / 2)
    inv = (I2 - A * half).inv()
    return inv * (I2 + A * half), inv * B * field.convert(h)


def _field_kernels(Ab: Any, Bb: Any, C: Any, n: int) -> Matrix:
    out, v = [], Bb
    for _ in range(n):
        out.append((C.transpose() * v).to_Matrix()[0])
        v = Ab * v
    return Matrix(out)


@lru_cache(maxsize=None)  # no parameters; the Tuple is immutable
def _sim_statement() -> Tuple:
    field, dm = _sim_field()
    Q, A = dm(Q2), dm(A2)
    Ab, Bb = _field_bilinear(A, dm(B2), field, dm)
    return Tuple((Q * Ab * Q.inv()).to_Matrix(), (Q * Bb).to_Matrix(), _field_kernels(Ab, Bb, dm(C2), 2))


def _sim_derive() -> Derivation:
    field, dm = _sim_field()
    Q = dm(Q2)
    Qi = Q.inv()
    At, Bt, Ct = Q * dm(A2) * Qi, Q * dm(B2), Qi.transpose() * dm(C2)
    Abt, Bbt = _field_bilinear(At, Bt, field, dm)
    Ks = _field_kernels(Abt, Bbt, Ct, 2)
    return Derivation(Tuple(Abt.to_Matrix(), Bbt.to_Matrix(), Ks), (
        Step(r"Transformed system $(QAQ^{-1}, QB, Q^{-\top}C)$",
             Tuple(At.to_Matrix(), Bt.to_Matrix(), Ct.to_Matrix())),
        Step("Its bilinear discretisation, computed from the definition", Tuple(Abt.to_Matrix(), Bbt.to_Matrix())),
        Step("Its kernel $K_0, K_1$", Ks),
    ))


_SIM_POINTS = draw(**_SYSTEM, **{k: s.rationals(-2, 2, max_denominator=10) for k in _PT_Q},
                   h=s.positive_rationals(1, max_denominator=100))


def _sim_points() -> Any:
    """The points of :data:`_SIM_POINTS` with an invertible Q (a condition on four fields at once)."""
    return _SIM_POINTS().filter(lambda p: p["q11"] * p["q22"] != p["q12"] * p["q21"])


_SIM_NOTES = (
    r"Fully symbolic $2\times2$ $A$, $Q$, $B$, $C$ and step $h$. Tuple: ($Q\bar{A}Q^{-1}$, $Q\bar{B}$, "
    r"$(K_0, K_1)$ of $(A, B, C)$) equals (bilinear of $QAQ^{-1}$, its $\bar{B}$, kernel of "
    r"$(QAQ^{-1}, QB, Q^{-\top}C)$); all $K_k$ follow from the first two parts. With the "
    r"conjugate-transpose convention $C$ maps to $(Q^{-1})^*C$. ZOH and GBT commute with $Q$ in the "
    r"same way ($\exp(QAQ^{-1}) = Q \exp(A) Q^{-1}$).")

register(Result(
    key="S4-SIM-1", title="Similarity invariance: discretisation commutes with Q, kernels unchanged",
    title_tex="Similarity invariance: discretisation commutes with $Q$, kernels unchanged",
    source=f"{S4}, Lemma 3.1; {SU_10162}", notes=_SIM_NOTES, parts=(r"Q\bar{A}Q^{-1}", r"Q\bar{B}", "(K_0, K_1)"),
    statement=_sim_statement, derive=_sim_derive, numeric=kn.similarity_parts, params=_sim_points,
    examples=({**_PT_A, **_PT_B, **_PT_C, **_PT_Q, "h": F(1, 10)},
              {**_PT_A, **_PT_B, **_PT_C, "q11": F(1), "q12": F(2), "q21": F(3), "q22": F(-1), "h": F(7, 5)}),
))

# --- S4-KER-1 and S4-ERR-3 ----------------------------------------------------------------------------

U = symbols("u0:6", real=True)
_PT_U = {f"u{k}": F((-1) ** k * (k + 2), 7) for k in range(6)}


def _system_ring() -> tuple[Any, ...]:
    """(Abar, Bbar, C, u) over the polynomial ring Q[a, b, c, u]: every product below is expanded as it is
    formed, as ``expand`` of the generic products gives it."""
    A, B, C, u = _in_poly_ring(A2, B2, C2, Matrix(U))
    return A, B, C, u.to_list()


def _kvals(n: int, A: Any, B: Any, C: Any) -> list:
    """K_j = C^T Abar^j Bbar, j < n (ring elements), by repeated products."""
    out, v = [], B
    for _ in range(n):
        out.append((C.transpose() * v).to_list()[0][0])
        v = A * v
    return out


def _convolved(pairs: list[list[tuple[int, int]]]) -> Matrix:
    """Rows sum_(j, i) K_j u_i over the listed index pairs, in the ring, as SymPy expressions."""
    A, B, C, u = _system_ring()
    K, ring = _kvals(6, A, B, C), C.domain
    return Matrix([ring.to_sympy(sum((K[j] * u[i][0] for j, i in row), ring.zero)) for row in pairs])


def _recurrence_outputs() -> Matrix:
    """C^T x for x <- Abar x + Bbar u_k from x = 0, k = 0..5 (one recursion serves both index conventions)."""
    A, B, C, u = _system_ring()
    xk, ys = B.zeros((2, 1), B.domain), []
    for k in range(6):
        xk = A * xk + B * u[k][0]
        ys.append(B.domain.to_sympy((C.transpose() * xk).to_list()[0][0]))
    return Matrix(ys)


def _ker_statement() -> Eq:
    return Eq(Function("y")(Symbol("k")), _convolved([[(j, k - j) for j in range(k + 1)] for k in range(6)]),
              evaluate=False)


def _ker_derive() -> Derivation:
    ys = _recurrence_outputs()
    return Derivation(Eq(Function("y")(Symbol("k")), ys, evaluate=False), (
        Step(r"Unroll $x_k = \bar{A}x_{k-1} + \bar{B}u_k$ from $x_{-1} = 0$, $y_k = C^\top x_k$ "
             r"($\bar{A}$, $\bar{B}$, $C$ symbolic)", ys),))


register(Result(
    key="S4-KER-1", title="Kernel/recurrence equivalence: y_k = sum_j K_j u_(k-j), K_j = C^T Abar^j Bbar",
    title_tex=r"Kernel/recurrence equivalence: $y_k = \sum_j K_j u_{k-j}$, $K_j = C^\top \bar{A}^j \bar{B}$",
    source=f"{S4}, §2; {SU_10162} (see S4-ERR-3)", examples=({**_PT_A, **_PT_B, **_PT_C, **_PT_U},),
    statement=_ker_statement, derive=_ker_derive, numeric=kn.recurrence,
    params=draw(**_SYSTEM, **{f"u{k}": s.rationals(-2, 2, max_denominator=10) for k in range(6)}),
    notes=r"Here $a_{ij}$, $b_i$ denote the discretised $\bar{A}$, $\bar{B}$ directly (any $2\times2$ "
          r"system); six steps, zero initial state. Plain transpose $C^\top$ (convention 3).",
))


def _su_statement() -> Eq:
    rows = [[(k, L - 1 - k) for k in range(L)] for L in range(1, 7)]
    return Eq(Function("y")(Symbol("L")), _convolved(rows), evaluate=False)


def _su_derive() -> Derivation:
    ys = _recurrence_outputs()  # x_{k+1} = Abar x_k + Bbar u_k from x_0 = 0: y_1..y_6
    return Derivation(Eq(Function("y")(Symbol("L")), ys, evaluate=False), (
        Step(r"Su's recurrence $x_{k+1} = \bar{A}x_k + \bar{B}u_k$, $x_0 = 0$, $y_{k+1} = C^\top x_{k+1}$; "
             r"$y_1,\ldots,y_6$", ys),))


register(Result(
    key="S4-ERR-3", title="Su part 3 index slips: y_L = sum_(k<L) K_k u_(L-1-k) (not u_(L-k))",
    title_tex=r"Su part 3 index slips: $y_L = \sum_{k<L} K_k u_{L-1-k}$ (not $u_{L-k}$)",
    source=SU_10162, statement=_su_statement, derive=_su_derive, numeric=kn.su_recurrence,
    examples=({**_PT_A, **_PT_B, **_PT_C, **_PT_U},),
    notes=r"Rows $L = 1,\ldots,6$. Also $y_2 = C^\top(\bar{A}x_1 + \bar{B}u_1)$ (the post writes $x_0$). The "
          "post's $u_{L-k}$ would shift the input by one step.",
))

# --- S4-GF-1, GF-2 --------------------------------------------------------------------------------------

_AB3 = Matrix([[Rational(1, 2), Rational(1, 5), 0], [Rational(-1, 3), Rational(1, 4), Rational(1, 7)],
               [Rational(1, 6), Rational(-2, 9), Rational(-1, 3)]])  # pragma: no mutate (example matrix)
_BB3 = Matrix([1, Rational(-1, 2), Rational(2, 3)])  # pragma: no mutate (example vector)
_C3 = Matrix([Rational(3, 4), 1, Rational(-5, 6)])


def _series(L: int, var: Any) -> Any:
    out, v = 0, _BB3
    for k in range(L):
        out += (_C3.T * v)[0] * var ** k
        v = _AB3 * v
    return sympy.expand(out)


def _gf1_statement(L: int) -> Eq:
    if not isinstance(L, int):  # Abar**L for a symbolic L would need a Jordan form: shown at a concrete L
        raise TypeError("L must be a concrete integer")
    # adj(I - z Abar), det(I - z Abar) and the products over Q[z]: expanded polynomials as they are formed
    M, AL, C, B = _in_poly_ring(eye(3) - z * _AB3, z ** L * _AB3 ** L, _C3, _BB3)
    adj, det = M.adj_det()
    num = (C.transpose() * (M.eye(3, M.domain) - AL) * adj * B).to_list()[0][0]
    return Eq(Function("G")(z), M.domain.to_sympy(num) / M.domain.to_sympy(det), evaluate=False)


def _gf1_derive(L: int) -> Derivation:
    s = _series(L, z)
    den = sympy.expand((eye(3) - z * _AB3).det())
    prod = sympy.expand(s * den)
    return Derivation(Eq(Function("G")(z), prod / den, evaluate=False), (
        Step(r"Finite power series $\sum_{k<L} C^\top \bar{A}^k \bar{B}z^k$ by repeated products", s),
        Step(r"times $\det(I - z\bar{A})$: the numerator polynomial of the closed form", prod),))


def _at_z(statement: Any, dps: int, point: dict) -> Any:
    """Evaluate a statement in z at the point's z = x + i y."""
    from proofs.core import checks

    # only the closed form is evaluated: substituting into the whole Eq would make SymPy try to decide
    # the equation G(z_0) = value, which costs more than the evaluation itself
    closed = checks.value_of(statement)
    z0 = sympy.Rational(point["x"]) + I * sympy.Rational(point["y"])
    return checks.evaluate(closed.subs(z, z0), dps, point)


#: z = x + iy drawn in the unit square
_Z = {"x": s.rationals(-1, 1, max_denominator=20), "y": s.rationals(-1, 1, max_denominator=20)}

register(Result(
    key="S4-GF-1", title="Truncated generating function: sum_(k<L) K_k z^k = C^T (I - z^L Abar^L)(I - z Abar)^-1 Bbar",
    title_tex="Truncated generating function: "
              r"$\sum_{k<L} K_k z^k = C^\top(I - z^L \bar{A}^L)(I - z\bar{A})^{-1}\bar{B}$",
    source=f"{S4}, §3.3 and appendix C; {SU_10162}", statement=_gf1_statement, derive=_gf1_derive,
    numeric=partial(kn.series_sum, _AB3.tolist(), list(_BB3), list(_C3)), evaluate=_at_z,
    params=draw(L=s.sizes(1, 8), **_Z), bound=Bound("L", 1, 8), display={"L": 3},
    examples=({"L": 1, **_PT_Z}, {"L": 5, **_PT_Z}, {"L": 8, "x": F(-9, 10), "y": F(1, 5)}),
    notes=r"A fixed rational $3\times3$ $\bar{A}$ (finite geometric series), $z = x + iy$ symbolic; the "
          r"resolvent is written as $\mathrm{adj}(I - z\bar{A})/\det(I - z\bar{A})$.",
))

_zp = Symbol("z")


def _coeffs(p: Any, L: int) -> Matrix:
    c = Poly(p, _zp).all_coeffs()[::-1] if p != 0 else []
    return Matrix([c[k] if k < len(c) else 0 for k in range(L)])


def _gf2_statement(L: int) -> Matrix:
    if not isinstance(L, int):  # Abar**L for a symbolic L would need a Jordan form: shown at a concrete L
        raise TypeError("L must be a concrete integer")
    Ct = (eye(3) - _AB3 ** L).T * _C3
    num = sympy.expand((Ct.T * (eye(3) - _zp * _AB3).adjugate() * _BB3)[0])
    return _coeffs(sympy.rem(num, _zp ** L - 1, _zp), L)


def _gf2_derive(L: int) -> Derivation:
    p = sympy.expand((eye(3) - _zp * _AB3).det() * _series(L, _zp))
    r = sympy.rem(p, _zp ** L - 1, _zp)
    return Derivation(_coeffs(r, L), (
        Step(r"$\det(I - z\bar{A})$ times $\sum_{k<L} K_k z^k$", p),
        Step("reduced modulo $z^L - 1$ (equality modulo $z^L - 1$ = equality at every $L$-th root of "
             "unity)", r),
    ))


_GF2_NOTES = (
    r"Statement: coefficients of $\tilde{C}^\top \mathrm{adj}(I - z\bar{A})\bar{B}\ \mathrm{mod}\ (z^L "
    r"- 1)$, $\tilde{C} = (I - \bar{A}^L)^\top C$ (conjugate form $\tilde{C}^* = C^*(I - \bar{A}^L)$). "
    r"Proved without roots of unity; numeric: inverse DFT of $\det(I - z_l \bar{A})\,\tilde{C}^\top(I "
    r"- z_l \bar{A})^{-1}\bar{B}$ over the nodes $z_l = \exp(-2\pi il/L)$.")

register(Result(
    key="S4-GF-2", title="At the L-th roots of unity the factor (I - Abar^L) is absorbed into C-tilde",
    title_tex=r"At the $L$-th roots of unity the factor $(I - \bar{A}^L)$ is absorbed into $\tilde{C}$",
    source=f"{S4}, §3.3; {SU_10162}", statement=_gf2_statement, derive=_gf2_derive,
    numeric=partial(kn.gf_remainder, _AB3.tolist(), list(_BB3), list(_C3)), params=draw(L=s.sizes(1, 12)),
    examples=({"L": 1}, {"L": 4}, {"L": 7}, {"L": 8}), bound=Bound("L", 1, 8), display={"L": 4}, notes=_GF2_NOTES,
))

# --- S4-GF-3, GF-4, ERR-4, GF-5 ------------------------------------------------------------------------

Lsym = Symbol("L", integer=True, positive=True)
msym = Symbol("m", integer=True)
lsym = Symbol("l", integer=True, nonnegative=True)
_S = Function("S")


def _roots_closed(arg: Any) -> Piecewise:
    return Piecewise((Lsym, Eq(Mod(arg, Lsym), 0)), (0, True))


def _roots_derive(arg: Any, sign: int, caption: str) -> Derivation:
    q = exp(sign * 2 * pi * I * arg / Lsym)
    geometric = (1 - q ** Lsym) / (1 - q)
    qL = sympy.powsimp(sympy.expand_power_exp(q ** Lsym), force=True)
    qL = sympy.simplify(qL)  # exp(+-2 pi i arg) = 1 for an integer arg
    # q = exp(2 pi i sign arg / L) is 1 exactly when L divides sign * arg: the sum is then L terms of 1
    # (L | -m exactly when L | m, so a sign of +-1 drops out)
    divides = Eq(Mod(arg if sign in (1, -1) else sign * arg, Lsym), 0)
    value = Piecewise((Lsym, divides), (sympy.simplify((1 - qL) / (1 - q)), True))
    return Derivation(Eq(_S(Lsym, arg), value, evaluate=False), (
        Step(caption + ": geometric sum with ratio $q = " + sympy.latex(q)
             + "$ ($q = 1$ iff $L$ divides the index)", geometric),
        Step("$q^L = 1$ because the index is an integer", Eq(Symbol("q^L"), qL, evaluate=False)),
    ))


def _roots_statement() -> Eq:
    """S(L, m) = L [L | m]: the statement of S4-GF-3, S4-GF-4 and S4-ERR-4 (three readings of one sum)."""
    return Eq(_S(Lsym, msym), _roots_closed(msym), evaluate=False)


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
    params=draw(L=s.sizes(1, 24), m=s.rationals(-30, 30, max_denominator=1).map(int)),
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
    numeric=partial(kn.root_sum, sign=+1), examples=({"L": 8, "m": 5}, {"L": 8, "m": 8}, {"L": 9, "m": 0}),
))

register(Result(
    key="S4-ERR-4", title="Root-of-unity sign: e^(+2 pi i l/L) nodes must be paired with the opposite-sign inverse",
    title_tex=r"Root-of-unity sign: $e^{+2\pi il/L}$ nodes must be paired with the opposite-sign inverse",
    source=f"{S4}, Algorithm 1 (confirm wording: record the paper's sign); {S4_CODE_KERNEL} uses exp(-2 pi i/L)",
    statement=_roots_statement, numeric=partial(kn.root_sum, sign=+1), examples=({"L": 6, "m": 2}, {"L": 6, "m": -6}),
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
    examples=({"L": 8, "l": 3}, {"L": 5, "l": 4}),
    notes=r"So $(I - z^L \bar{A}^L)$ equals $I - \bar{A}^L$ on even $l$ and $I + \bar{A}^L$ on odd $l$: no "
          r"single $\tilde{C}$.",
))


# --- S4-RES-1, RES-2 -------------------------------------------------------------------------------------


def _res_field() -> tuple[Any, ...]:
    """A, B and the scalars h, z in the field Q(a_ij, b_i, h, z): the resolvents below come out canceled, as
    ``cancel`` of the generic matrix expressions gives them, without its cost."""
    A, B, hz = _in_field(A2, B2, Matrix([h, z]))
    (hh,), (zz,) = hz.to_list()
    return A, B, hh, zz


@lru_cache(maxsize=None)  # no parameters; the Tuple is immutable
def _res1_statement() -> Tuple:
    """2[(2/h)(1-z)I - (1+z)A]^-1 B and 2/(1+z) (g(z)I - A)^-1 B, g(z) = (2/h)(1-z)/(1+z)."""
    A, B, hh, zz = _res_field()
    I2 = A.eye(2, A.domain)
    g = 2 / hh * (1 - zz) / (1 + zz)
    regular = (I2 * (2 / hh * (1 - zz)) - A * (1 + zz)).inv() * B * 2
    cauchy = (I2 * g - A).inv() * B * (2 / (1 + zz))
    return Tuple(regular.to_Matrix(), cauchy.to_Matrix())


def _res1_derive() -> Derivation:
    A, B, hh, zz = _res_field()
    I2 = A.eye(2, A.domain)
    inv = (I2 - A * (hh / 2)).inv()
    Ab, Bb = inv * (I2 + A * (hh / 2)), inv * B * hh  # the bilinear pair from its definition
    r = ((I2 - Ab * zz).inv() * Bb).to_Matrix()
    return Derivation(Tuple(r, r), (
        Step(r"Bilinear $\bar{A}$, $\bar{B}$ from the definition", Tuple(Ab.to_Matrix(), Bb.to_Matrix())),
        Step(r"$(I - z\bar{A})^{-1}\bar{B}$", r)))


register(Result(
    key="S4-RES-1", title="Bilinear resolvent: (I - z Abar)^-1 Bbar = 2[(2/h)(1-z)I - (1+z)A]^-1 B = 2/(1+z) (g(z)I - A)^-1 B",
    title_tex=r"Bilinear resolvent: $(I - z\bar{A})^{-1}\bar{B} = 2[(2/h)(1-z)I - (1+z)A]^{-1}B "
              r"= \tfrac{2}{1+z}(g(z)I - A)^{-1}B$",
    source=f"{S4}, appendix C; {SU_10162}", parts=("2[(2/h)(1-z)I - (1+z)A]^{-1}B", r"\tfrac{2}{1+z}(g(z)I - A)^{-1}B"),
    statement=_res1_statement, derive=_res1_derive, numeric=kn.resolvent_forms, evaluate=_at_z,
    params=draw(**_SYSTEM, h=s.positive_rationals(2, max_denominator=100), **_Z),
    examples=({**_PT_A, **_PT_B, **_PT_Z, "h": F(1, 10)}, {**_PT_A, **_PT_B, "x": F(-1, 2), "y": F(1, 3), "h": F(3)}),
    notes=r"Symbolic $2\times2$ $A$, $B$, step $h$ and $z$ (complex; numeric points $z = x + iy$); "
          "$g(z) = (2/h)(1 - z)/(1 + z)$. The middle (regular) form holds at $z = -1$ too (S4-RES-2).",
))


def _res2_derive() -> Derivation:
    return Derivation(Eq(Function("R")(-1), _c((eye(2) + bilinear_exact(A2, B2, h)[0]).inv()
                                               * bilinear_exact(A2, B2, h)[1]), evaluate=False),
                      (Step(r"$(I + \bar{A})^{-1}\bar{B}$ with the bilinear "
                            "pair", Symbol("R(-1)")),))


register(Result(
    key="S4-RES-2", title="The node z = -1: (I + Abar)^-1 Bbar = (h/2) B, so Khat_(L/2) = (h/2) Ctilde^T B",
    title_tex=r"The node $z = -1$: $(I + \bar{A})^{-1}\bar{B} = \tfrac{h}{2}\,B$, so "
              r"$\hat{K}_{L/2} = \tfrac{h}{2}\,\tilde{C}^\top B$",
    source="follows from S4-RES-1", statement=lambda: Eq(Function("R")(-1), h / 2 * B2, evaluate=False),
    derive=_res2_derive, numeric=partial(kn.resolvent_forms, at_minus_one=True),
    examples=({**_PT_A, **_PT_B, "h": F(1, 10)}, {**_PT_A, **_PT_B, "h": F(5, 2)}),
    notes=r"For even $L$ the node $l = L/2$ is exactly $-1$ (mp.expjpi); the $2/(1+z)$ form is "
          r"$0\cdot\infty$ there. numerics.s4.kernel('cauchy') uses this value at that node.",
))

# --- S4-WB-1, WB-2 --------------------------------------------------------------------------------------

D2, u1, w1, U2, W2 = _m("d", 2), _m("u", 2, 1), _m("w", 1, 2), _m("U", 2, 2), _m("W", 2, 2)


@lru_cache(maxsize=None)  # a pure function of the sign; the Tuple is immutable
def _wb_forms(sign: int) -> Tuple:
    """Woodbury right-hand sides, D^-1 -+ D^-1 U (I +- W D^-1 U)^-1 W D^-1, over Q(d, U, W)."""
    out = []
    for U_, W_ in ((u1, w1), (U2, W2)):
        D, U, Wm = _in_field(D2, U_, W_)
        Di, Ir = D.inv(), D.eye(U_.cols, D.domain)
        if sign > 0:
            val = Di - Di * U * (Ir + Wm * Di * U).inv() * Wm * Di
        else:
            val = Di + Di * U * (Ir - Wm * Di * U).inv() * Wm * Di
        out.append(val.to_Matrix())
    return Tuple(*out)


def _wb_derive(sign: int) -> Derivation:
    vals = [_c((D2 + sign * U_ * W_).inv()) for U_, W_ in ((u1, w1), (U2, W2))]
    return Derivation(Tuple(*vals), (Step("Direct inverses of the rank-1 and rank-2 updates", Tuple(*vals)),))


_PT_WB = {"d11": F(3), "d12": F(1, 2), "d21": F(-1, 3), "d22": F(2), "u11": F(1), "u21": F(-2, 3),
          "w11": F(1, 4), "w12": F(5, 7), "U11": F(1, 2), "U12": F(1), "U21": F(-1), "U22": F(1, 3),
          "W11": F(2, 5), "W12": F(-1, 2), "W21": F(1, 7), "W22": F(3, 4)}  # pragma: no mutate (example point)

register(Result(
    key="S4-WB-1", title="Woodbury identity, rank 1 and 2: (D + U W)^-1 = D^-1 - D^-1 U (I + W D^-1 U)^-1 W D^-1",
    title_tex="Woodbury identity, rank 1 and 2: "
              "$(D + UW)^{-1} = D^{-1} - D^{-1}U(I + WD^{-1}U)^{-1}WD^{-1}$",
    source=f"standard; {S4}, appendix C", parts=(r"(D + UW)^{-1}\,|_{r=1}", r"(D + UW)^{-1}\,|_{r=2}"),
    statement=partial(_wb_forms, +1), derive=partial(_wb_derive, +1), numeric=partial(kn.woodbury, +1),
    examples=(_PT_WB, {**_PT_WB, "d12": F(-4), "W21": F(-3)}),
    notes=r"Symbolic $2\times2$ $D$, $U$ ($2\times r$), $W$ ($r\times2$), $r = 1, 2$ ($W$ plays $V^*$).",
))
register(Result(
    key="S4-WB-2", title="Su's Woodbury form: (M - U W)^-1 = M^-1 + M^-1 U (I - W M^-1 U)^-1 W M^-1",
    title_tex="Su's Woodbury form: $(M - UW)^{-1} = M^{-1} + M^{-1}U(I - WM^{-1}U)^{-1}WM^{-1}$",
    source=f"{SU_10162} (motivated by the Neumann series (I - UV^*)^-1 = sum (UV^*)^k)",
    statement=partial(_wb_forms, -1), derive=partial(_wb_derive, -1), numeric=partial(kn.woodbury, -1),
    examples=(_PT_WB,), parts=(r"(M - UW)^{-1}\,|_{r=1}", r"(M - UW)^{-1}\,|_{r=2}"),
    notes="Holds whenever $M$ and $I - WM^{-1}U$ are invertible; the series is only a motivation.",
))
