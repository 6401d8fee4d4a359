"""Answers on discretisation: Euler-B versus zero-order hold, the sign of the ZOH integral, which input.

Three questions from the issue trackers of the SSM reference code, each settled by derivation:

1. Why Mamba's code uses :math:`\\bar B = \\Delta B` where the paper writes the zero-order hold (ZOH)
   :math:`\\bar B = (\\Delta A)^{-1}(e^{\\Delta A} - I)\\Delta B`.  FAQ-ZOH-1 derives ZOH from the held-input
   ODE; FAQ-ZOH-2 gives the series
   :math:`\\bar B_{\\rm ZOH} - \\Delta B = \\sum_{k\\ge1}\\Delta^{k+1}A^kB/(k+1)!` for every square
   :math:`A`; FAQ-ZOH-3 shows that for a fixed step ZOH with :math:`B` is Euler-B with
   :math:`B' = \\varphi(\\Delta A)B`, :math:`\\varphi(x) = (e^x - 1)/x` (a reparametrisation of the same LTI
   model class); FAQ-ZOH-4 shows that with an input-dependent step no fixed :math:`B'` does it; FAQ-ZOH-5
   gives the range of :math:`\\varphi` over Mamba's initial steps and S4D-Real rates.
2. The sign of the ZOH integral (FAQ-INT-1): :math:`\\int_0^\\Delta e^{as}ds = (e^{a\\Delta} - 1)/a` and
   :math:`\\int_0^\\Delta e^{-as}ds = (1 - e^{-a\\Delta})/a` differ by the factor :math:`e^{a\\Delta}`.
3. Which input the recurrence uses (FAQ-IDX-1, FAQ-IDX-2): forward Euler takes :math:`x_{k-1}`, backward
   Euler :math:`x_k`, ZOH whichever sample is held on the interval; the two ZOH conventions differ by an
   exact one-step delay of the kernel.

Scalar statements are one channel of a diagonal SSM (Mamba's and S4D's :math:`A` are diagonal).  Each
identity among functions of one matrix (:math:`e^{\\Delta A}`, :math:`\\varphi(\\Delta A)`, the Euler maps)
then holds for every square :math:`A` as well: evaluating a power series at a matrix is a ring
homomorphism (the holomorphic functional calculus), so the scalar proof carries over; FAQ-ZOH-2 and
FAQ-IDX-2 are proved for matrices directly (noncommutative symbols).  Numerics:
:mod:`numerics.faq.discretization`.

Registers: FAQ-ZOH-1, FAQ-ZOH-2, FAQ-ZOH-3, FAQ-ZOH-4, FAQ-ZOH-5, FAQ-INT-1, FAQ-IDX-1, FAQ-IDX-2.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
import sympy
from sympy import Eq, Function, Symbol, Tuple, exp, factorial

from numerics.agree import to_mp
from numerics.faq import discretization as nf
from proofs.core import Bound, Derivation, Result, Step, checks, register
from proofs.core.bibliography import MAMBA, MAMBA_CODE, S4D
from proofs.core.params import draw, s

__all__ = ["HOLD_METHODS", "euler_equivalent_input", "hold_update", "phi", "phi_range", "zoh_input"]

# --- symbols --------------------------------------------------------------------------------------------

a = Symbol("a", real=True, nonzero=True)  # one diagonal entry of A (a channel)
b = Symbol("b", real=True)
DELTA = Symbol("Delta", positive=True)
D1, D2 = Symbol("Delta1", positive=True), Symbol("Delta2", positive=True)
u, u1, u2 = Symbol("u", real=True), Symbol("u1", real=True), Symbol("u2", real=True)
h0 = Symbol("h0", real=True)
X = Symbol("x", real=True)
_t = Symbol("t", real=True)
_s = Symbol("s", positive=True)
_j = Symbol("j", integer=True, nonnegative=True)

Q1_THREADS = ("state-spaces/mamba#114, state-spaces/mamba#121, state-spaces/mamba#129, "
              "state-spaces/mamba#524, "
              "johnma2006/mamba-minimal#2, srush/annotated-mamba#4, alxndrTL/mamba.py#10")


def _phi_expr(x: Any) -> Any:
    return (exp(x) - 1) / x


# --- the public API ---------------------------------------------------------------------------------------

def _exact(value: Any, name: str, *, positive: bool = False) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a boolean")
    try:
        v = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"{name} must be a real number or SymPy expression, got {value!r}") from exc
    if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if v.is_real is False:
        raise ValueError(f"{name} must be real, got {value!r}")
    if positive and v.is_positive is False:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return v


def phi(x: Any) -> Any:
    """:math:`\\varphi(x) = (e^x - 1)/x = \\int_0^1 e^{xt}\\,dt`, with :math:`\\varphi(0) = 1`.

    The factor between the ZOH and Euler input matrices,
    :math:`\\bar B_{\\rm ZOH} = \\varphi(\\Delta A)\\Delta B` (FAQ-ZOH-1, FAQ-ZOH-3).  ``x`` a real number or
    real SymPy expression.
    """
    x = _exact(x, "x")
    if x == 0:
        return sympy.Integer(1)
    return _phi_expr(x)


def zoh_input(A: Any, B: Any, step: Any) -> Any:
    """The ZOH input matrix :math:`\\bar B = \\int_0^\\Delta e^{sA}ds\\,B`, exactly; it equals
    :math:`(\\Delta A)^{-1}(e^{\\Delta A}-I)\\Delta B` for invertible :math:`A`.

    ``A`` a number (one channel) or a square SymPy ``Matrix``; ``B`` a number or a column of matching size;
    ``step`` positive.  A matrix is handled through the block exponential
    :math:`\\exp(\\Delta[[A, B], [0, 0]])`, so a singular :math:`A` is allowed.  Source: Mamba eq. (4); S4D.
    """
    step = _exact(step, "step", positive=True)
    if not isinstance(A, sympy.MatrixBase):
        A, B = _exact(A, "A"), _exact(B, "B")
        return step * B if A == 0 else (exp(step * A) - 1) / A * B
    n = A.rows
    if A.cols != n or n == 0:
        raise ValueError(f"A must be a non-empty square matrix, got {A.rows} x {A.cols}")
    B = sympy.Matrix(B)
    if B.shape != (n, 1):
        raise ValueError(f"B must be a column of {n} entries, got shape {B.shape}")
    block = sympy.zeros(n + 1, n + 1)
    block[:n, :n], block[:n, n] = A, B
    return sympy.simplify((step * block).exp()[:n, n])


def euler_equivalent_input(A: Any, B: Any, step: Any) -> Any:
    """:math:`B' = \\varphi(\\Delta A)B`: the input matrix for which Euler-B
    (:math:`\\bar B = \\Delta B'`, with :math:`\\bar A = e^{\\Delta A}`) reproduces ZOH with :math:`B` at a
    fixed step (FAQ-ZOH-3); it is :func:`zoh_input` divided by the step."""
    return zoh_input(A, B, step) / _exact(step, "step", positive=True)


MAMBA_DT_MIN, MAMBA_DT_MAX = sympy.Rational(1, 1000), sympy.Rational(1, 10)  # mamba_simple.py defaults


def phi_range(d_state: int = 16, dt_min: Any = MAMBA_DT_MIN, dt_max: Any = MAMBA_DT_MAX) -> tuple[Any, Any]:
    """The least and greatest :math:`\\varphi(\\Delta A_n)` over steps
    :math:`\\Delta \\in [\\Delta_{\\min}, \\Delta_{\\max}]` and S4D-Real rates :math:`A_n = -n`,
    :math:`n = 1..d_{\\rm state}`:
    :math:`(\\varphi(-d_{\\rm state}\\Delta_{\\max}), \\varphi(-\\Delta_{\\min}))`
    (FAQ-ZOH-5).  Defaults: Mamba's ``mamba_simple.py`` (d_state 16, dt_min 0.001, dt_max 0.1).
    """
    if isinstance(d_state, bool) or not isinstance(d_state, Integral) or d_state < 1:
        raise ValueError(f"d_state must be a positive integer, got {d_state!r}")
    lo, hi = _exact(dt_min, "dt_min", positive=True), _exact(dt_max, "dt_max", positive=True)
    if (hi - lo).is_negative:
        raise ValueError(f"dt_min must not exceed dt_max, got {dt_min!r} > {dt_max!r}")
    return phi(-int(d_state) * hi), phi(-lo)


HOLD_METHODS = ("forward", "backward", "zoh-current", "zoh-previous")


def hold_update(method: str, a: Any, b: Any, step: Any, h: Any, x_prev: Any, x_cur: Any) -> Any:
    """One step :math:`h_{k-1} \\to h_k` of :math:`h' = ah + bx` (FAQ-IDX-1):

    - ``"forward"`` (Euler): :math:`(1 + \\Delta a)h + \\Delta b\\,x_{k-1}`;
    - ``"backward"`` (Euler): :math:`(h + \\Delta b\\,x_k)/(1 - \\Delta a)`;
    - ``"zoh-current"``: :math:`e^{\\Delta a}h + \\varphi(\\Delta a)\\Delta b\\,x_k` (:math:`x_k` held on
      the interval ending at :math:`t_k`: Mamba's convention);
    - ``"zoh-previous"``: the same with :math:`x_{k-1}` held (sample and hold).
    """
    if method not in HOLD_METHODS:
        raise ValueError(f"unknown method {method!r}; allowed: {', '.join(HOLD_METHODS)}")
    a, b, step = _exact(a, "a"), _exact(b, "b"), _exact(step, "step", positive=True)
    h, x_prev, x_cur = _exact(h, "h"), _exact(x_prev, "x_prev"), _exact(x_cur, "x_cur")
    if method == "forward":
        return (1 + step * a) * h + step * b * x_prev
    if method == "backward":
        if sympy.simplify(step * a - 1) == 0:
            raise ValueError("backward Euler needs step * a != 1")
        return (h + step * b * x_cur) / (1 - step * a)
    held = x_cur if method == "zoh-current" else x_prev
    return exp(step * a) * h + zoh_input(a, b, step) * held


# --- derivations shared by several results ---------------------------------------------------------------

def _held_solution(h_start: Any, held: Any, length: Any) -> Any:
    """h(length) for h' = a h + b * held, h(0) = h_start, by dsolve (the held-input step's definition)."""
    h = Function("h")
    sol = sympy.dsolve(Eq(h(_t).diff(_t), a * h(_t) + b * held), h(_t), ics={h(0): h_start})
    return sympy.expand(sol.rhs.subs(_t, length))


def _zoh_from_ode(length: Any = DELTA) -> tuple[Any, Any, Any]:
    """(h(Delta), Abar, Bbar): the held-input solution and its coefficients of h0 and u."""
    end = _held_solution(h0, u, length)
    return end, sympy.simplify(end.coeff(h0)), sympy.simplify(end.coeff(u))


# --- FAQ-ZOH-1 ---------------------------------------------------------------------------------------------

def _zoh1_statement() -> Tuple:
    return Tuple(exp(DELTA * a), (DELTA * a) ** -1 * (exp(DELTA * a) - 1) * DELTA * b)


def _zoh1_derive() -> Derivation:
    end, Ab, Bb = _zoh_from_ode()
    return Derivation(Tuple(Ab, Bb), (
        Step(r"Solve $h' = ah + bu$ on $[0, \Delta]$ with $u$ held constant and $h(0) = h_0$ (dsolve); "
             r"$h(\Delta)$", end),
        Step(r"$\bar{A}$: the coefficient of $h_0$", Ab),
        Step(r"$\bar{B}$: the coefficient of $u$, i.e. $\int_0^\Delta e^{as}ds\,b$", Bb),
    ))


_NONZERO = s.rationals(-4, 4, max_denominator=20).filter(lambda v: v != 0)

register(Result(
    key="FAQ-ZOH-1", title="ZOH from the held-input ODE: Bbar = (Delta A)^-1 (exp(Delta A) - I) Delta B",
    title_tex=r"ZOH from the held-input ODE: $\bar{B} = (\Delta A)^{-1}(e^{\Delta A} - I)\Delta B$",
    source=f"{Q1_THREADS}; {MAMBA}; {S4D}",
    statement=_zoh1_statement, derive=_zoh1_derive,
    numeric=lambda dps, a, Delta, b: nf.zoh_pair(a, b, Delta, dps=dps),
    params=draw(a=_NONZERO, Delta=s.positive_rationals(1, max_denominator=50),
                b=s.rationals(-2, 2, max_denominator=20)),
    examples=({"a": -1, "Delta": Fraction(1, 10), "b": Fraction(2, 3)},
              {"a": -16, "Delta": Fraction(1, 10), "b": 1},
              {"a": Fraction(3, 2), "Delta": Fraction(1, 2), "b": Fraction(-5, 4)}),
    parts=(r"\bar{A}", r"\bar{B}"),
    notes=(r"Answer: the paper's $\bar{B}$ is the exact solution for an input held constant over the step, "
           r"$\bar{B} = (\Delta A)^{-1}(e^{\Delta A} - I)\Delta B = \varphi(\Delta A)\Delta B$ with "
           r"$\varphi(x) = (e^x - 1)/x$, and the code's $\Delta B$ keeps only its first term, so Mamba's "
           r"reference code is ZOH for $A$ and Euler for $B$, as the maintainers say. "
           r"Proved for one channel of a diagonal $A$ (the case of Mamba and S4D; general symbolic "
           r"$a \ne 0$, "
           r"$\Delta$, $b$); for a full matrix the same formula holds by the functional calculus, and "
           r"HIPPO-DISC-5 proves it on the LegS matrix through the block exponential (singular $A$ allowed). "
           r"Numeric: mp.odefun integrates $h' = ah + bu$ over one step (responses to $h_0 = 1, u = 0$ and "
           r"$h_0 = 0, u = 1$). Series and the exact sense of the simplification: FAQ-ZOH-2..5."),
))


# --- FAQ-ZOH-2 ---------------------------------------------------------------------------------------------

A_W, B_W = sympy.symbols("A B", commutative=False)  # a square matrix and a column of any size
_k = Symbol("k", integer=True, positive=True)
_coef = Function("c")


def _zoh2_statement() -> Tuple:
    return Tuple(Eq(_coef(0), sympy.Integer(0), evaluate=False),
                 Eq(_coef(_k), A_W ** _k * B_W / factorial(_k + 1), evaluate=False))


def _zoh2_derive() -> Derivation:
    # e^{sA} = sum_j s^j A^j / j! (the definition); integrate term j over [0, Delta]; Euler's Delta B is term
    # 0
    term = sympy.integrate(_s ** _j / factorial(_j), (_s, 0, DELTA))
    first = sympy.integrate(sympy.Integer(1), (_s, 0, DELTA)) * B_W - DELTA * B_W
    general = sympy.combsimp(term.subs(_j, _k) / DELTA ** (_k + 1)) * A_W ** _k * B_W
    series = sympy.Add(*[(term.subs(_j, j) * A_W ** j * B_W) for j in range(1, 4)])
    value = Tuple(Eq(_coef(0), sympy.expand(first / DELTA), evaluate=False),
                  Eq(_coef(_k), general, evaluate=False))
    return Derivation(value, (
        Step(r"Term $j$ of $e^{sA} = \sum_j s^jA^j/j!$ integrated over $[0, \Delta]$ (the factor of "
             r"$A^jB$)", term),
        Step(r"Term $j = 0$ is $\Delta B$, Euler's $\bar{B}$: nothing is left at order $\Delta$", first),
        Step(r"The terms $j = 1, 2, 3$ of $\bar{B}_{\mathrm{ZOH}} - \Delta B$", series),
        Step(r"$c_k = [\Delta^{k+1}](\bar{B}_{\mathrm{ZOH}} - \Delta B)$ for $k \ge 1$", general),
    ))


def _zoh2_matrix(point: dict) -> tuple[list, list]:
    n = point["N"]
    A = [[point[f"a{i + 1}{j + 1}"] for j in range(n)] for i in range(n)]
    return A, [point[f"b{i + 1}"] for i in range(n)]


def _zoh2_numeric(dps: int, **point: Any) -> list:
    A, B = _zoh2_matrix(point)
    coefficients = nf.zoh_series_coefficients(A, B, point["k"], dps=dps)
    return [*coefficients[0], *coefficients[point["k"]]]


def _word_value(expr: Any, mats: dict, subs: dict, dps: int) -> Any:
    """A polynomial in noncommutative matrix symbols at numeric matrices (``mats``: symbol -> mpmath matrix),
    its commutative coefficients taken from ``subs``; a term without matrix factors is added entry by
    entry."""
    total, scalar = None, mpmath.mpf(0)
    for term in sympy.Add.make_args(sympy.expand(sympy.sympify(expr).subs(subs))):
        comm, factors = term.args_cnc()
        coeff = checks.to_mpmath(sympy.N(sympy.Mul(*comm), dps + 15))
        if not factors:
            scalar += coeff
            continue
        value = None
        for f in factors:
            base, e = f.as_base_exp()
            if base not in mats or not (e.is_Integer and e > 0):
                raise ValueError(f"cannot evaluate the factor {f} at the point's matrices")
            m = mats[base] ** int(e) if e != 1 else mats[base]
            value = m if value is None else value * m
        total = value * coeff if total is None else total + value * coeff
    if total is None:
        return [scalar]
    return [total[i, j] + scalar for i in range(total.rows) for j in range(total.cols)]


def _zoh2_evaluate(statement: Any, dps: int, point: dict) -> list:
    """c_0 and c_k of the statement at the point's matrices (mpmath products)."""
    A, B = _zoh2_matrix(point)
    with mpmath.workdps(dps + 15):
        mats = {A_W: mpmath.matrix([[to_mp(x) for x in row] for row in A]),
                B_W: mpmath.matrix([to_mp(x) for x in B])}
        out = []
        for part in statement:
            value = _word_value(checks.value_of(part), mats, {_k: point["k"]}, dps)
            out.extend(value * len(B) if len(value) == 1 else value)
        return out


def _zoh2_fields(strategies: Any) -> Any:
    entry = strategies.rationals(-3, 3, max_denominator=10)
    return entry


register(Result(
    key="FAQ-ZOH-2", title="Series: Bbar_ZOH - Delta B = sum_(k>=1) Delta^(k+1) A^k B/(k+1)! (any square A)",
    title_tex=r"Series: $\bar{B}_{\mathrm{ZOH}} - \Delta B = \sum_{k\ge1}\Delta^{k+1}A^kB/(k+1)!$ (any "
              r"square $A$)",
    source=f"{Q1_THREADS}; {MAMBA}",
    statement=_zoh2_statement, derive=_zoh2_derive, numeric=_zoh2_numeric, evaluate=_zoh2_evaluate,
    params=draw(N=s.sizes(2, 2), k=s.sizes(1, 8), a11=_zoh2_fields, a12=_zoh2_fields, a21=_zoh2_fields,
                a22=_zoh2_fields, b1=_zoh2_fields, b2=_zoh2_fields),
    examples=({"N": 2, "k": 1, "a11": -1, "a12": 2, "a21": 0, "a22": -3, "b1": 1, "b2": Fraction(1, 2)},
              {"N": 3, "k": 5, "a11": -1, "a12": 2, "a13": 0, "a21": 0, "a22": -3, "a23": 1, "a31": 1,
               "a32": 0, "a33": -2, "b1": 1, "b2": 2, "b3": -1}),
    parts=("c_0", "c_k"),
    notes=(r"Answer: $\bar{B}_{\mathrm{ZOH}} - \Delta B = \Delta^2AB/2 + \Delta^3A^2B/6 + \Delta^4A^3B/24 + "
           r"\cdots$, so Euler's $\Delta B$ is the first-order truncation of ZOH and the relative correction "
           r"is $\Delta A/2$ to leading order (srush/annotated-mamba#4 states the order correctly). "
           r"$c_k$ is the coefficient of $\Delta^{k+1}$; $A$ and $B$ are noncommutative symbols (a square "
           r"matrix of any size and a column), so the proof is general in $k$ and in the size. Numeric: the "
           r"Taylor coefficients of $\Delta \mapsto \bar{B}_{\mathrm{ZOH}}(\Delta) - \Delta B$ by Cauchy's "
           r"integral (trapezoid rule on a circle) of the block exponential $\exp(\Delta[[A, B], [0, 0]])$ "
           r"(mp.expm), for full non-normal $2\times 2$ and $3\times 3$ matrices. Scalar case: FAQ-ZOH-1."),
))


# --- FAQ-ZOH-3 ---------------------------------------------------------------------------------------------

_Bp = Symbol("B'")
_c = Symbol("c", real=True, nonzero=True)


def _zoh3_statement() -> Eq:
    return Eq(_Bp, _phi_expr(DELTA * a) * b, evaluate=False)


def _zoh3_derive() -> Derivation:
    _, Ab, Bb = _zoh_from_ode()
    bp = Symbol("bprime")
    k_zoh = _c * Ab ** _j * Bb  # K_j = C Abar^j Bbar, ZOH with b
    k_euler = _c * Ab ** _j * DELTA * bp  # the same Abar, Euler-B with b'
    (solution,) = sympy.solve(Eq(k_euler, k_zoh), bp)
    return Derivation(Eq(_Bp, solution, evaluate=False), (
        Step(r"Kernel of ZOH with $b$: $K_j = c\bar{A}^j\bar{B}$ ($\bar{A}$, $\bar{B}$ from "
             r"FAQ-ZOH-1)", k_zoh),
        Step(r"Kernel of Euler-B with $b'$ and the same $\bar{A}$: $K_j = c\bar{A}^j\Delta b'$", k_euler),
        Step(r"Solve for $b'$: one solution for every $j$ and $c$ (the kernels agree term by "
             r"term)", solution),
    ))


register(Result(
    key="FAQ-ZOH-3",
    title="Fixed step: ZOH with B is Euler-B with B' = phi(Delta A) B (same LTI model class)",
    title_tex=r"Fixed step: ZOH with $B$ is Euler-$B$ with $B' = \varphi(\Delta A)B$ (same LTI model class)",
    source=f"{Q1_THREADS}; {MAMBA}",
    statement=_zoh3_statement, derive=_zoh3_derive,
    numeric=lambda dps, a, Delta, b: nf.euler_equivalent_input(a, b, Delta, dps=dps),
    params=draw(a=_NONZERO, Delta=s.positive_rationals(1, max_denominator=50),
                b=s.rationals(-2, 2, max_denominator=20)),
    examples=({"a": -16, "Delta": Fraction(1, 10), "b": 1}, {"a": Fraction(-1, 2), "Delta": Fraction(1, 1000),
                                                              "b": Fraction(3, 7)}),
    notes=(r"Answer: for a fixed step (an LTI SSM such as S4D) replacing ZOH's $\bar{B}$ by $\Delta B$ loses "
           r"nothing, because Euler-B with the learned matrix $B' = \varphi(\Delta A)B$ gives exactly the "
           r"same "
           r"kernel $K_j = C\bar{A}^j\bar{B}$, and $B \mapsto \varphi(\Delta A)B$ is invertible ($\varphi > "
           r"0$ on "
           r"the reals, FAQ-ZOH-5), so both parametrise the same model class. "
           r"Derived by solving $c\bar{A}^j\Delta b' = c\bar{A}^j\bar{B}_{\mathrm{ZOH}}$ for $b'$ (general "
           r"symbolic $a$, $\Delta$, $b$, step index $j$). For a full matrix $B' = \varphi(\Delta A)B$ (it "
           r"commutes with $\bar{A} = e^{\Delta A}$); for complex $A$ (S4D-Lin) the map is invertible unless "
           r"an eigenvalue of $\Delta A$ is a nonzero multiple of $2\pi i$. The equivalence is of the "
           r"function class only: training dynamics and initialisation of $B$ differ (state-spaces/mamba#129 "
           r"reports that the explicit discretisation matters empirically in the LTI case). With an "
           r"input-dependent step it fails: FAQ-ZOH-4. Numeric: both recurrences simulated (ZOH by "
           r"mp.odefun), "
           r"$B'$ as the ratio of their outputs."),
))


# --- FAQ-ZOH-4 ---------------------------------------------------------------------------------------------

_mismatch = Symbol("e_2")  # h_2 by ZOH minus h_2 by Euler-B with the fitted B'


def _zoh4_statement() -> Eq:
    return Eq(_mismatch, (_phi_expr(a * D2) - _phi_expr(a * D1)) * D2 * b * u2, evaluate=False)


def _zoh4_derive() -> Derivation:
    _, _, Bb1 = _zoh_from_ode(D1)
    _, Ab2, Bb2 = _zoh_from_ode(D2)
    zoh = Ab2 * (Bb1 * u1) + Bb2 * u2  # two ZOH steps from h_0 = 0
    bp = Symbol("bprime")
    (fitted,) = sympy.solve(Eq(D1 * bp, Bb1), bp)  # the fixed B' that matches ZOH at the first step
    euler = Ab2 * (D1 * fitted * u1) + D2 * fitted * u2
    gap = sympy.simplify(zoh - euler)
    return Derivation(Eq(_mismatch, gap, evaluate=False), (
        Step(r"Two ZOH steps of lengths $\Delta_1$, $\Delta_2$ from $h_0 = 0$ (held-input ODE on each)", zoh),
        Step(r"The fixed $b'$ that makes Euler-B agree with ZOH at the first step", fitted),
        Step(r"Euler-B with that $b'$ over the same two steps", euler),
        Step(r"The difference $e_2 = h_2^{\mathrm{ZOH}} - h_2^{\mathrm{Euler}}$ after the second step", gap),
    ))


register(Result(
    key="FAQ-ZOH-4", title="Input-dependent step: no fixed B' turns Euler-B into ZOH",
    title_tex=r"Input-dependent step: no fixed $B'$ turns Euler-$B$ into ZOH",
    source=f"{Q1_THREADS}; {MAMBA}; {MAMBA_CODE}",
    statement=_zoh4_statement, derive=_zoh4_derive,
    numeric=lambda dps, a, Delta1, Delta2, b, u1, u2: nf.selective_mismatch(a, b, Delta1, Delta2, u1, u2,
                                                                           dps=dps),
    params=draw(a=_NONZERO, Delta1=s.positive_rationals(1, max_denominator=50),
                Delta2=s.positive_rationals(1, max_denominator=50), b=s.rationals(-2, 2, max_denominator=20),
                u1=s.rationals(-2, 2, max_denominator=20), u2=s.rationals(-2, 2, max_denominator=20)),
    examples=({"a": -16, "Delta1": Fraction(1, 1000), "Delta2": Fraction(1, 10), "b": 1, "u1": 1, "u2": 1},
              {"a": -2, "Delta1": Fraction(1, 5), "Delta2": Fraction(1, 20), "b": Fraction(3, 2),
               "u1": Fraction(-1, 3), "u2": Fraction(5, 4)}),
    notes=(r"Answer: in a selective SSM the step $\Delta_t$ changes with the input, and the factor "
           r"$\varphi(\Delta_tA)$ that would turn $\Delta_tB$ into ZOH's $\bar{B}_t$ changes with it, so no "
           r"fixed $B'$ makes the code's Euler-B equal to the paper's ZOH: Mamba's code is a different (if "
           r"close) model, and the claim that the choice does not matter is an empirical one about training, "
           r"not an identity. "
           r"With $B'$ fitted to the first step $\Delta_1$ the states differ after a second step $\Delta_2$ "
           r"by "
           r"$e_2 = (\varphi(a\Delta_2) - \varphi(a\Delta_1))\Delta_2 bu_2$, nonzero whenever $a\Delta_1 \ne "
           r"a\Delta_2$ "
           r"and $bu_2 \ne 0$, because $\varphi$ is strictly increasing (FAQ-ZOH-5). Proved with general "
           r"symbolic $a$, $\Delta_1$, $\Delta_2$, $b$, $u_1$, $u_2$. Beyond the step: in the reference scan "
           r"$B_t$ carries no channel index (its einsum, quoted in state-spaces/mamba#19, indexes $B$ by "
           r"batch, "
           r"state and position only) "
           r"while $\varphi(\Delta_tA)$ depends on the channel through $\Delta_t$ and $A$, so even a "
           r"step-dependent $B'_t = \varphi(\Delta_tA)B_t$ would leave the model's shape of $B$. The sizes "
           r"of "
           r"$\varphi$ over Mamba's steps: FAQ-ZOH-5. Numeric: mp.odefun on each held interval, $B'$ "
           r"measured "
           r"from the first step."),
))


# --- FAQ-ZOH-5 ---------------------------------------------------------------------------------------------

N_STATE = Symbol("N", integer=True, positive=True)  # d_state
T_MIN, T_MAX = Symbol("dt_min", positive=True), Symbol("dt_max", positive=True)
_xn = Symbol("x", negative=True)


def _zoh5_statement() -> Tuple:
    return Tuple(_phi_expr(-N_STATE * T_MAX), _phi_expr(-T_MIN))


def _zoh5_derive() -> Derivation:
    as_integral = sympy.integrate(exp(_xn * _t), (_t, 0, 1))
    slope = sympy.integrate(_t * exp(_xn * _t), (_t, 0, 1))
    check = sympy.simplify(sympy.diff(as_integral, _xn) - slope)
    value = Tuple(as_integral.subs(_xn, -N_STATE * T_MAX), as_integral.subs(_xn, -T_MIN))
    return Derivation(value, (
        Step(r"$\varphi(x) = \int_0^1 e^{xt}dt$ for $x < 0$", as_integral),
        Step(r"$\varphi'(x) = \int_0^1 te^{xt}dt > 0$ (a positive integrand): $\varphi$ is strictly "
             r"increasing",
             slope),
        Step(r"Check: $\frac{d}{dx}\varphi(x) - \int_0^1 te^{xt}dt$", check),
        Step(r"$x = -\Delta n$ with $\Delta \in [\Delta_{\min}, \Delta_{\max}]$, $n = 1..N$ "
             r"($N = d_{\mathrm{state}}$) runs over $[-N\Delta_{\max}, -\Delta_{\min}]$: the least and "
             r"greatest "
             r"$\varphi$ are at the ends", value),
    ))


def _zoh5_fields() -> Any:
    return draw(N=s.sizes(1, 24),
                dt_min=s.rationals(Fraction(1, 1000), Fraction(1, 20), max_denominator=1000),
                dt_max=s.rationals(Fraction(1, 20), 1, max_denominator=100))


register(Result(
    key="FAQ-ZOH-5",
    title="Size of phi(Delta A) over Mamba's initial steps: from 0.4988 to 0.9995 (d_state 16)",
    title_tex=r"Size of $\varphi(\Delta A)$ over Mamba's initial steps: from 0.4988 to 0.9995 "
              r"($d_{\mathrm{state}} = 16$)",
    source=f"{Q1_THREADS}; state-spaces/mamba mamba_ssm/modules/mamba_simple.py (dt_min, dt_max, A_log)",
    statement=_zoh5_statement, derive=_zoh5_derive,
    numeric=lambda dps, N, dt_min, dt_max: nf.phi_range(N, dt_min, dt_max, grid=4, dps=dps),
    params=_zoh5_fields(),
    examples=({"N": 16, "dt_min": Fraction(1, 1000), "dt_max": Fraction(1, 10)},
              {"N": 4, "dt_min": Fraction(1, 100), "dt_max": Fraction(1, 2)}),
    parts=(r"\varphi_{\min}", r"\varphi_{\max}"),
    notes=(r"Answer: at Mamba's initialisation ($\Delta$ log-uniform in $[10^{-3}, 10^{-1}]$, $A_n = -n$ for "
           r"$n = 1..16$) ZOH's $\bar{B}$ is $\varphi(\Delta A_n) = (1 - e^{-\Delta n})/(\Delta n)$ times "
           r"Euler's "
           r"$\Delta B$, between $\varphi(-1.6) = 0.49881$ and $\varphi(-0.001) = 0.99950$: negligible for "
           r"the "
           r"slow modes at small steps, a factor of two for the fastest mode at the largest step. "
           r"Proved for general symbolic $N = d_{\mathrm{state}}$, $\Delta_{\min} \le \Delta_{\max}$: "
           r"$\varphi$ is "
           r"strictly increasing ($\varphi' = \int_0^1 te^{xt}dt > 0$), so the extremes sit at the ends of "
           r"$x = -\Delta n \in [-N\Delta_{\max}, -\Delta_{\min}]$. The relative change "
           r"$1 - \varphi$ runs from $5.0\cdot 10^{-4}$ to $0.501$; Euler's $\bar{B}$ exceeds ZOH's by "
           r"$1/\varphi - 1$, up to $1.005$. Training moves $\Delta$ and $A$, so these are the sizes at "
           r"initialisation (Mamba's block module draws $\Delta$ log-uniformly between $\Delta_{\min}$ and "
           r"$\Delta_{\max}$). Numeric: the "
           r"least and greatest quadrature $\int_0^1 e^{xt}dt$ over a grid of steps (ends included) and the "
           r"rates $n = 1..N$. Uses: FAQ-ZOH-3, FAQ-ZOH-4."),
))


# --- FAQ-INT-1 ---------------------------------------------------------------------------------------------

_F = Symbol("F")


def _int1_statement() -> Tuple:
    return Tuple((exp(a * DELTA) - 1) / a, (1 - exp(-a * DELTA)) / a, exp(a * DELTA))


def _int1_derive() -> Derivation:
    plus = sympy.simplify(sympy.integrate(exp(a * _s), (_s, 0, DELTA)))
    minus = sympy.simplify(sympy.integrate(exp(-a * _s), (_s, 0, DELTA)))
    factor = sympy.simplify(plus / minus)
    end = _held_solution(h0, u, DELTA)
    # variation of constants in the thread's form: h(Delta) = e^{a Delta} (h_0 + int_0^Delta e^{-as} ds b u)
    thread_form = sympy.simplify(end - exp(a * DELTA) * (h0 + minus * b * u))
    return Derivation(Tuple(plus, minus, factor), (
        Step(r"$\int_0^\Delta e^{as}ds$ (SymPy)", plus),
        Step(r"$\int_0^\Delta e^{-as}ds$ (SymPy)", minus),
        Step(r"The exact solution $h(\Delta)$ of $h' = ah + bu$ minus $e^{a\Delta}(h_0 + \int_0^\Delta "
             r"e^{-as}ds\,bu)$: "
             r"the factor $e^{a\Delta}$ stands before the integral", thread_form),
        Step(r"$F$ with $\int_0^\Delta e^{as}ds = F\int_0^\Delta e^{-as}ds$", factor),
    ))


register(Result(
    key="FAQ-INT-1",
    title="Sign of the ZOH integral: (exp(A Delta) - I)/A = exp(A Delta) (I - exp(-A Delta))/A",
    title_tex=(r"Sign of the ZOH integral: $A^{-1}(e^{A\Delta} - I) = e^{A\Delta}A^{-1}(I - e^{-A\Delta})$"),
    source=f"MzeroMiko/VMamba#98; {MAMBA}",
    statement=_int1_statement, derive=_int1_derive,
    numeric=lambda dps, a, Delta: nf.zoh_integrals(a, Delta, dps=dps),
    params=draw(a=_NONZERO, Delta=s.positive_rationals(2, max_denominator=50)),
    examples=({"a": -1, "Delta": Fraction(1, 10)}, {"a": Fraction(5, 2), "Delta": Fraction(1, 3)}),
    parts=(r"\int_0^\Delta e^{as}ds", r"\int_0^\Delta e^{-as}ds", "F"),
    notes=(r"Answer: both results are right for their own integral, $\int_0^\Delta e^{As}ds = "
           r"A^{-1}(e^{A\Delta} - I)$ and $\int_0^\Delta e^{-As}ds = A^{-1}(I - e^{-A\Delta})$, and they "
           r"differ "
           r"by the factor $e^{A\Delta}$, which the solution $h(t_b) = e^{A\Delta}\bigl(h(t_a) + "
           r"\int_{t_a}^{t_b}e^{-A(s - t_a)}Bu\,ds\bigr)$ carries in front of the integral; with it ZOH's "
           r"$\bar{B} = A^{-1}(e^{A\Delta} - I)B$ follows. "
           r"In MzeroMiko/VMamba#98 the first reply equated $\int_0^\Delta e^{-At}dt$ with "
           r"$(e^{A\Delta} - I)/A$, which is false; the user's $(I - e^{-A\Delta})/A$ is the correct value "
           r"of "
           r"that integral, and the maintainer's later reply (the missing factor $e^{A\Delta}$) is what the "
           r"derivation here confirms. $A^{-1}(I - e^{-A\Delta})$ is also the ZOH $\bar{B}/B$ of the "
           r"convention $h' = -Ah + Bu$ (code that stores a positive $A$). Proved for one channel (general "
           r"symbolic $a \ne 0$, $\Delta$); all three are functions of one matrix, so the identity holds for "
           r"every invertible $A$ (functional calculus). Numeric: both integrals by mp.quad, $F$ their "
           r"quotient. See FAQ-ZOH-1, HIPPO-DISC-5."),
))


# --- FAQ-IDX-1 ---------------------------------------------------------------------------------------------

H, XP, XC = Symbol("h", real=True), Symbol("x_prev", real=True), Symbol("x_cur", real=True)


def _idx1_statement() -> Tuple:
    zoh = (exp(DELTA * a) - 1) / a * b
    return Tuple((1 + DELTA * a) * H + DELTA * b * XP, (H + DELTA * b * XC) / (1 - DELTA * a),
                 exp(DELTA * a) * H + zoh * XC, exp(DELTA * a) * H + zoh * XP)


def _idx1_derive() -> Derivation:
    nxt = Symbol("h_k")
    (forward,) = sympy.solve(Eq((nxt - H) / DELTA, a * H + b * XP), nxt)
    (backward,) = sympy.solve(Eq((nxt - H) / DELTA, a * nxt + b * XC), nxt)
    current, previous = _held_solution(H, XC, DELTA), _held_solution(H, XP, DELTA)
    return Derivation(Tuple(forward, backward, current, previous), (
        Step(r"Forward Euler: $(h_k - h_{k-1})/\Delta = ah_{k-1} + bx(t_{k-1})$ solved for $h_k$", forward),
        Step(r"Backward Euler: $(h_k - h_{k-1})/\Delta = ah_k + bx(t_k)$ solved for $h_k$", backward),
        Step(r"ZOH, $x_k$ held on $(t_{k-1}, t_k]$: the ODE solved over the interval", current),
        Step(r"ZOH, $x_{k-1}$ held on $[t_{k-1}, t_k)$ (sample and hold)", previous),
    ))


register(Result(
    key="FAQ-IDX-1", title="Which input: forward Euler x_(k-1), backward Euler x_k, ZOH the held sample",
    title_tex=r"Which input: forward Euler $x_{k-1}$, backward Euler $x_k$, ZOH the held sample",
    source=f"hkproj/mamba-notes#1; {MAMBA}; {MAMBA_CODE}",
    statement=_idx1_statement, derive=_idx1_derive,
    numeric=lambda dps, a, b, Delta, h, x_prev, x_cur: nf.hold_updates(a, b, Delta, h, x_prev, x_cur,
                                                                       dps=dps),
    params=draw(a=s.rationals(-4, Fraction(-1, 20), max_denominator=20),
                b=s.rationals(-2, 2, max_denominator=20), Delta=s.positive_rationals(1, max_denominator=50),
                h=s.rationals(-2, 2, max_denominator=20), x_prev=s.rationals(-2, 2, max_denominator=20),
                x_cur=s.rationals(-2, 2, max_denominator=20)),
    examples=({"a": -1, "b": 1, "Delta": Fraction(1, 10), "h": Fraction(1, 2), "x_prev": 1, "x_cur": -1},
              {"a": Fraction(3, 2), "b": Fraction(-2, 3), "Delta": Fraction(1, 5), "h": -1,
               "x_prev": Fraction(3, 4), "x_cur": Fraction(5, 4)}),
    parts=(r"h_k^{\mathrm{fwd}}", r"h_k^{\mathrm{bwd}}", r"h_k^{\mathrm{ZOH},x_k}",
           r"h_k^{\mathrm{ZOH},x_{k-1}}"),
    notes=(r"Answer: both recurrences are legitimate: forward Euler evaluates the input at the start of the "
           r"step and gives $h_k = \bar{A}h_{k-1} + \bar{B}x_{k-1}$, backward Euler at the end and gives "
           r"$x_k$, "
           r"and ZOH gives whichever sample is held over $(t_{k-1}, t_k]$ - Mamba's $h_t = \bar{A}h_{t-1} + "
           r"\bar{B}x_t$ holds the current sample, which is exactly what its reference scan does (it updates "
           r"the state with the current position's term, then reads the output from the new state, as quoted "
           r"in state-spaces/mamba#19). "
           r"The choice is a one-step relabelling of the input, not an approximation (FAQ-IDX-2); the "
           r"comment in "
           r"hkproj/mamba-notes#1 that the paper substitutes $x_t$ for $x_{t-1}$ because they are close for "
           r"small "
           r"$\Delta$ is not needed: ZOH with the current sample held is exact for that held input. Derived "
           r"from "
           r"the scheme equations (solved for $h_k$) and the held-input ODE (dsolve), general symbolic "
           r"$a, b, \Delta, h, x$. Numeric: the Euler schemes solved by mp.findroot, the held-input steps by "
           r"mp.odefun. Matrix forms: HIPPO-DISC-1 (forward), HIPPO-DISC-2 (backward), HIPPO-DISC-5 (ZOH)."),
))


# --- FAQ-IDX-2 ---------------------------------------------------------------------------------------------

AB_W, BB_W, C_W = sympy.symbols("Abar Bbar c", commutative=False)
_U = sympy.symbols("u0:12", real=True)
_KMAX = 11
_y_cur, _y_prev = Function("y_cur"), Function("y_prev")


def _idx2_statement(k: int) -> Tuple:
    cur = sympy.Add(*[C_W * AB_W ** j * BB_W * _U[k - j] for j in range(k + 1)])
    prev = sympy.Add(*[C_W * AB_W ** (j - 1) * BB_W * _U[k - j] for j in range(1, k + 1)])
    return Tuple(Eq(_y_cur(k), cur, evaluate=False), Eq(_y_prev(k), prev, evaluate=False))


def _unroll(k: int, lag: int) -> Any:
    state = sympy.Integer(0)
    for j in range(k + 1):
        state = sympy.expand(AB_W * state + (BB_W * _U[j - lag] if j - lag >= 0 else 0))
    return sympy.expand(C_W * state)


def _idx2_derive(k: int) -> Derivation:
    cur, prev = _unroll(k, 0), _unroll(k, 1)
    shift = sympy.expand(prev - (_unroll(k - 1, 0) if k > 0 else 0))
    return Derivation(Tuple(Eq(_y_cur(k), cur, evaluate=False), Eq(_y_prev(k), prev, evaluate=False)), (
        Step(r"Unroll $h_j = \bar{A}h_{j-1} + \bar{B}u_j$ from $h_{-1} = 0$, $y_k = c\,h_k$ (symbols for "
             r"matrices)",
             cur),
        Step(r"Unroll $h_j = \bar{A}h_{j-1} + \bar{B}u_{j-1}$ ($u_{-1} = 0$)", prev),
        Step(r"$y^{\mathrm{prev}}_k - y^{\mathrm{cur}}_{k-1}$: the second convention is the first delayed by "
             r"one "
             r"step", shift),
    ))


def _idx2_point(point: dict) -> tuple[Any, Any, Any]:
    n = point["N"]
    Ab = mpmath.matrix([[to_mp(point[f"a{i + 1}{j + 1}"]) for j in range(n)] for i in range(n)])
    Bb = mpmath.matrix([to_mp(point[f"b{i + 1}"]) for i in range(n)])
    C = mpmath.matrix([[to_mp(point[f"c{i + 1}"]) for i in range(n)]])
    return Ab, Bb, C


def _idx2_evaluate(statement: Any, dps: int, point: dict) -> list:
    """Both sums of the statement at the point's matrices (each term c Abar^j Bbar u_i, mpmath products)."""
    with mpmath.workdps(dps + 15):
        Ab, Bb, C = _idx2_point(point)
        subs = {v: sympy.Rational(point[str(v)]) for v in _U if str(v) in point}
        return [_word_value(checks.value_of(part), {AB_W: Ab, BB_W: Bb, C_W: C}, subs, dps)[0]
                for part in statement]


def _idx2_numeric(dps: int, **point: Any) -> list:
    n = point["N"]
    Ab = [[point[f"a{i + 1}{j + 1}"] for j in range(n)] for i in range(n)]
    return nf.held_outputs(Ab, [point[f"b{i + 1}"] for i in range(n)], [point[f"c{i + 1}"] for i in range(n)],
                           [point[f"u{j}"] for j in range(_KMAX + 1)], point["k"], dps=dps)


def _entry(strategies: Any) -> Any:
    return strategies.rationals(-1, 1, max_denominator=10)


_PT_U = {f"u{j}": Fraction((-1) ** j * (j + 2), 7) for j in range(_KMAX + 1)}

register(Result(
    key="FAQ-IDX-2",
    title="The two held-input conventions differ by a one-step delay: kernel (0, K_0, K_1, ...)",
    title_tex=r"The two held-input conventions differ by a one-step delay: kernel $(0, K_0, K_1, \ldots)$",
    source=f"hkproj/mamba-notes#1; {MAMBA}",
    statement=_idx2_statement, derive=_idx2_derive, numeric=_idx2_numeric, evaluate=_idx2_evaluate,
    bound=Bound("k", 0, _KMAX), display={"k": 3},
    params=draw(N=s.sizes(2, 2), k=s.sizes(0, _KMAX), a11=_entry, a12=_entry, a21=_entry, a22=_entry,
                b1=_entry, b2=_entry, c1=_entry, c2=_entry, **{f"u{j}": _entry for j in range(_KMAX + 1)}),
    examples=({"N": 2, "k": 5, "a11": Fraction(1, 2), "a12": Fraction(1, 3), "a21": Fraction(-1, 4),
               "a22": Fraction(2, 3), "b1": 1, "b2": Fraction(-1, 2), "c1": Fraction(3, 2), "c2": 1, **_PT_U},
              {"N": 3, "k": 11, "a11": Fraction(1, 2), "a12": 0, "a13": Fraction(1, 5), "a21": Fraction(1, 3),
               "a22": Fraction(-2, 5), "a23": 0, "a31": 0, "a32": Fraction(1, 4), "a33": Fraction(3, 4),
               "b1": 1, "b2": 2, "b3": -1, "c1": 1, "c2": Fraction(-1, 2), "c3": Fraction(1, 3), **_PT_U}),
    parts=(r"y^{\mathrm{cur}}_k", r"y^{\mathrm{prev}}_k"),
    notes=(r"Answer: with the current sample held ($h_t = \bar{A}h_{t-1} + \bar{B}x_t$, Mamba) the output is "
           r"$y_k = \sum_{j\le k}K_jx_{k-j}$ with $K_j = C\bar{A}^j\bar{B}$; with the previous sample held "
           r"($h_t = \bar{A}h_{t-1} + \bar{B}x_{t-1}$, the notes and Wikipedia) it is the same sum delayed "
           r"by one "
           r"step, kernel $(0, K_0, K_1, \ldots)$, so the two conventions describe the same system and "
           r"differ "
           r"only in which output index a response is read at. "
           r"Proved for every step $k = 0..11$ with $\bar{A}$, $\bar{B}$, $c$ noncommutative symbols "
           r"(matrices of any size), zero initial state. The same one-step shift separates Su's and the RTF "
           r"paper's kernels (RTF-IDX-1) and is the slip corrected in S4-ERR-3; the convolution form is "
           r"S4-KER-1. Numeric: both recurrences simulated with mpmath matrices at fixed and drawn points."),
))
