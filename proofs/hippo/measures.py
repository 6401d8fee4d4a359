"""Registered results of the HiPPO measures (spec ``hippo.md`` sections 2-3 and 6).

Each transition result compares the closed form (:func:`transition`) with the derivation
from the projection definition (:func:`derive_transition`) for every N up to the bound, and
cross-checks numerically: the coefficients of a test signal are computed by quadrature, their
time derivative by differentiating under the integral sign (:mod:`numerics.hippo`), and
:math:`\\dot c` is compared with :math:`Ac+Bu` built from the closed form.

Registers: HIPPO-LEG-7, HIPPO-GEN-1, HIPPO-LEGS-1, HIPPO-LEGS-2, HIPPO-LEGS-3, HIPPO-LEGT-1,
HIPPO-LEGT-2, HIPPO-LEGT-3, HIPPO-LEGT-4, HIPPO-LMU-1, HIPPO-LMU-2, HIPPO-LAGT-1, HIPPO-LAGT-2.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from mpmath import mp
from sympy import Derivative, Eq, Function, Matrix, Piecewise, Poly, Rational, Symbol, Tuple, sqrt

from numerics.hippo import certified
from numerics.hippo import routes as chk
from numerics import hippo as nh
from numerics.agree import to_mp

from proofs.core import checks
from .transitions import _sqrt, derive_transition, gram, rescale, shifted_legendre, transition
from proofs.core import Bound, Derivation, Evidence, Result, Scope, Step, register
from proofs.core.bibliography import HIPPO, HIPPO_CODE, LMU, S4_CODE, SU_10114, SU_10137
from proofs.core.params import draw, s
from .legendre import x

W = Symbol("w", positive=True)
T = Symbol("T", positive=True)
A_COEFFS = sympy.symbols("a0:5")
POLY_POINT = {"a0": Fraction(1, 2), "a1": Fraction(-1), "a2": Fraction(1, 3), "a3": Fraction(-1, 5),
              "a4": Fraction(1, 7)}
#: the draws of the coefficients a0..a4 of a general quartic input u
QUARTIC = {f"a{j}": s.rationals(-2, 2, max_denominator=20) for j in range(5)}
#: the draws of a time t (LegS, LegT) and a window w
TIME, WINDOW = s.positive_rationals(4, max_denominator=50), s.positive_rationals(3, max_denominator=50)


def slow_bound_note(stop: int) -> str:
    """The sentence of a result whose registry bound ``N <= stop`` is below the spec's N = 32."""
    return (rf"Registry bound $N \le {stop}$ keeps verify under 5 s; the same proof for every $N \le 32$ "
            r"runs in the slow tests ($\text{tests/hippo/test\_hippo\_bounds.py}$) and "
            r"$\text{benchmarks/hippo\_bounds.py}$.")


def on_quartic(route: Callable[..., Any]) -> Callable[..., Any]:
    """A numeric route taking the quartic's coefficients as a list, called with a point's ``a0..a4``."""

    def numeric(*, dps: int, a0: Any, a1: Any, a2: Any, a3: Any, a4: Any, **point: Any) -> Any:
        return route([a0, a1, a2, a3, a4], dps=dps, **point)

    return numeric


def _mp_statement(statement: Any, dps: int, point: dict) -> list:
    return checks.evaluate(statement, dps, point)


def _matvec(A: Any, v: list) -> list:
    return [mp.fsum(A[i, j] * v[j] for j in range(A.cols)) for i in range(A.rows)]


def _pair(measure: str, N: int, window: Any = 1) -> Tuple:
    return Tuple(*transition(measure, N, window=window))


def _derived(measure: str, N: int, window: Any = 1, caption: str = "") -> Derivation:
    A, B = derive_transition(measure, N, window=window)
    steps = (Step(caption or f"Projection integrals for measure {measure} (exact moment matrices over "
                             r"$\mathbb{Q}$)",
                  Eq(Symbol("A"), A, evaluate=False)),
             Step("Input vector (basis at the present endpoint)", Eq(Symbol("B"), B, evaluate=False)))
    return Derivation(Tuple(A, B), steps)


def _ode_evaluate(measure: str, signal: str) -> Callable[[Any, int, dict], list]:
    """Closed-form side of an ODE check: :math:`Ac+Bu(t)` with c by quadrature."""

    def evaluate(statement: Any, dps: int, point: dict) -> list:
        A, B = _mp_statement(statement, dps, point)[:2]
        w = point.get("w", 1)
        c, _, ut, _ = chk.ode_sides(signal, measure, point["N"], point["t"], window=w, dps=dps)
        return [a + B[i, 0] * ut for i, a in enumerate(_matvec(A, c))]

    return evaluate


def _ode_numeric(measure: str, signal: str, sign: bool = False) -> Callable[..., list]:
    def numeric(dps: int, N: int, t: Any, w: Any = 1) -> list:
        d = chk.ode_sides(signal, measure, N, t, window=w, dps=dps)[1]
        return [(-1) ** n * v for n, v in enumerate(d)] if sign else d

    return numeric


def _transition_result(key: str, title: str, source: str, measure: str, signal: str, notes: str, *,
                       examples: tuple, windowed: bool = False, top: int = 32, loss: int = 5,
                       title_tex: str = "", certified: Callable[..., Any] | None = None) -> Result:
    w = W if windowed else 1
    sizes = s.sizes(4 if signal == "cubic" else 1, 7)
    return register(Result(
        key=key, title=title, source=source, statement=lambda N: _pair(measure, N, w),
        derive=lambda N: _derived(measure, N, w), numeric=_ode_numeric(measure, signal),
        evaluate=_ode_evaluate(measure, signal),
        params=draw(N=sizes, t=TIME, w=WINDOW) if windowed else draw(N=sizes, t=TIME),
        examples=examples, bound=Bound("N", 1, top), notes=notes, loss=loss, display={"N": 4},
        title_tex=title_tex, parts=("A", "B"), certified=certified,
    ))


# --- LEG-7 and GEN-1 -------------------------------------------------------------------------------

_n7, _k7 = Symbol("n", integer=True, positive=True), Symbol("k", integer=True, nonnegative=True)
_j = Symbol("j", integer=True, nonnegative=True)


def _leg7_lhs(n: Any, k: Any) -> Any:
    """:math:`2[n-k\\text{ odd}] + (-1)^{n-k}`, the bracket written ``Mod(n - k, 2)`` (1 for odd, 0 for even)."""
    return 2 * sympy.Mod(n - k, 2) + (-1) ** (n - k)


def _leg7_shown(m: Any) -> Any:
    """The left side at :math:`n - k = m`, held unevaluated (for display only)."""
    return sympy.Add(sympy.Mul(2, sympy.Mod(m, 2, evaluate=False), evaluate=False),
                     sympy.Pow(-1, m, evaluate=False), evaluate=False)


def _leg7_indices(n: Any, k: Any) -> tuple[Any, Any]:
    """``(n, k)`` as given: integers with ``0 <= k < n``, or SymPy integer symbols (the general statement)."""
    if all(isinstance(v, Symbol) and v.is_integer for v in (n, k)):
        return n, k
    ints = [v for v in (n, k) if not isinstance(v, bool) and isinstance(v, (int, sympy.Integer))]
    if len(ints) != 2 or not 0 <= int(k) < int(n):
        raise ValueError(f"HIPPO-LEG-7 needs integers 0 <= k < n (or integer Symbols), got n={n!r}, k={k!r}")
    return int(n), int(k)


def parity_identity(n: Any = _n7, k: Any = _k7) -> Eq:
    """HIPPO-LEG-7: :math:`2[n-k\\text{ odd}] + (-1)^{n-k} = 1` for integers :math:`0 \\le k < n`.

    With integer symbols (the default) the general statement; with integers the instance (which
    SymPy evaluates, so the instance reads ``1 = 1``).  Source: Su, 重温SSM（一） (LegT derivation).
    """
    n, k = _leg7_indices(n, k)
    return Eq(_leg7_lhs(n, k), 1, evaluate=False)


def _leg7_derive() -> Derivation:
    """Case split on the parity of :math:`m = n - k \\ge 1`: :math:`m = 2j+1` or :math:`m = 2j+2`, :math:`j \\ge 0`.

    SymPy evaluates the left side on each class (``Mod(2j+1, 2) = 1``, ``(-1)^{2j+1} = -1``, ...); the
    two classes cover every ``m >= 1`` because ``Mod(m, 2)`` is 0 or 1.
    """
    lhs = _leg7_lhs(_n7, _k7)
    odd, even = lhs.subs(_n7, _k7 + 2 * _j + 1), lhs.subs(_n7, _k7 + 2 * _j + 2)
    value = Piecewise((odd, Eq(sympy.Mod(_n7 - _k7, 2), 1)), (even, True))
    return Derivation(Eq(lhs, value, evaluate=False),
                      (Step("$n - k = 2j + 1$ (odd): the left side evaluated by SymPy",
                            Eq(_leg7_shown(2 * _j + 1), odd, evaluate=False)),
                       Step("$n - k = 2j + 2$ (even): the left side evaluated by SymPy",
                            Eq(_leg7_shown(2 * _j + 2), even, evaluate=False)),
                       Step(r"Both classes give 1 (every $m \ge 1$ is $2j+1$ or $2j+2$ with $j \ge 0$)",
                            Eq(lhs, value, evaluate=False))))


def _leg7_numeric(dps: int, n: int, k: int) -> Any:
    """:math:`2[n-k \\text{ odd}] + (-1)^{n-k}` by integer arithmetic (parity by ``%``), as an mpmath number."""
    if not 0 <= k < n:
        raise ValueError(f"HIPPO-LEG-7 needs integers 0 <= k < n, got n={n!r}, k={k!r}")
    return mp.mpf(2 * ((n - k) % 2) + (-1) ** (n - k))


register(Result(
    key="HIPPO-LEG-7", title="Parity identity used by LegT: 2[n-k odd] + (-1)^(n-k) = 1",
    title_tex=r"Parity identity used by LegT: $2[n-k \text{ odd}] + (-1)^{n-k} = 1$", source=SU_10114,
    statement=parity_identity, derive=_leg7_derive, numeric=_leg7_numeric, evidence=Evidence.POINT,
    uncertified="an integer identity at a point: its left side at the example (n, k) is integer arithmetic "
                "that the numeric check already does exactly, and its right side is the integer 1, so a ball "
                "bound would add nothing",
    # k < n for every draw: k in 0..20, n in 21..60
    params=draw(n=s.sizes(21, 60), k=s.sizes(0, 20)),
    examples=({"n": 5, "k": 2}, {"n": 7, "k": 1}, {"n": 3, "k": 1}),
    notes=r"$[n-k \text{ odd}]$ is written $\operatorname{Mod}(n-k, 2)$. The symbolic proof is general (a case "
          r"split on the parity of $n - k$); the numeric check evaluates the left side by integer arithmetic "
          r"at given $(n, k)$, an identity at a point.",
))

_s = Symbol("s")


def _gen1(n: int, lhs_route: bool) -> Any:
    """HIPPO-GEN-1 for u = a0 + ... + a4 x^4 and both parametrisations (LegS, LegT)."""
    u = sum(a * x**j for j, a in enumerate(A_COEFFS))
    P = sympy.legendre(n, _s)
    norm = sqrt(Rational(2 * n + 1, 2))
    out = []
    for tmap in ((_s + 1) * T / 2, (_s + 1) * W / 2 + T - W):
        us = sympy.expand(u.subs(x, tmap))
        # products of polynomials in s are taken as Poly products (several times cheaper than expanding
        # the product expression and rebuilding its coefficient domain; the same polynomial)
        if lhs_route:  # d/dT of the defining integral
            c = (Poly(us, _s) * Poly(P, _s)).integrate()
            out.append(norm * sympy.diff(c.eval(1) - c.eval(-1), T))
        else:  # boundary term minus integral of u d/ds(rho g)
            rho = sympy.diff(tmap, T) / sympy.diff(tmap, _s)
            rg = sympy.expand(rho * P)
            bd = (us * rg).subs(_s, 1) - (us * rg).subs(_s, -1)
            c = (Poly(us, _s) * Poly(sympy.diff(rg, _s), _s)).integrate()
            out.append(norm * (bd - (c.eval(1) - c.eval(-1))))
    return Matrix(out)


_C = Function("c_n")


def _gen1_derived(n: int) -> Derivation:
    return Derivation(Eq(Derivative(_C(T), T), _gen1(n, True), evaluate=False),
                      (Step("Differentiate the defining integral of a degree-4 polynomial $u$ in $T$",
                            _gen1(n, True)),))


_NOTES_GEN_1 = (r"Rows: LegS parametrisation $t_T(s) = (s+1)T/2$ ($\rho = (s+1)/T$) and LegT $t_T(s) = "
                r"(s+1)w/2 + T - w$ ($\rho = 2/w$); $u$ is a general polynomial of degree 4 (symbolic "
                r"coefficients $a_0, \ldots, a_4$). Numeric: mp.diff of the quadrature-defined $c_n(T)$.")
register(Result(
    key="HIPPO-GEN-1", title="Derivative of projection coefficients for a moving measure", source=SU_10114,
    statement=lambda n: Eq(Derivative(_C(T), T), _gen1(n, False), evaluate=False), derive=_gen1_derived,
    numeric=on_quartic(chk.moving_measure_derivative), certified=certified.moving_measure_derivative,
    bound=Bound("n", 0, 8), notes=_NOTES_GEN_1,
    scope=Scope.representative("a general quartic input u (symbolic coefficients), the LegS and LegT windows, "
                               "every n = 0..8", claim="every C^1 input u, every moving window and every n"),
    params=draw(n=s.sizes(0, 4), T=s.positive_rationals(4, max_denominator=20),
                w=s.positive_rationals(2, max_denominator=20),
                **{**QUARTIC, "a4": s.positive_rationals(2, max_denominator=20)}),
    examples=({"n": 0, "T": Fraction(5, 2), "w": Fraction(3, 2), **POLY_POINT},
              {"n": 3, "T": Fraction(7, 3), "w": Fraction(1, 2), **POLY_POINT}),
))

# --- LegS ------------------------------------------------------------------------------------------

_transition_result(
    "HIPPO-LEGS-1", "LegS projection ODE t c' = A c + B u", f"{HIPPO}, Thm 2; {SU_10114}", "legs", "smooth",
    r"No closure: $r\,g_n'$ lies in $\operatorname{span}(g_0, \ldots, g_n)$ (HIPPO-LEG-6), so the ODE is exact; "
    r"the symbolic proof covers every $N \le 32$. HiPPO "
    r"writes $c' = -A c/t + B f/t$ with positive $A$. Su's normalisation $\sqrt{(2n+1)/2}\,P_n(s)$ "
    r"multiplies $B$ by $\sqrt{2}$ ($B_n = \sqrt{2(2n+1)}$), same $A$.",
    title_tex=r"LegS projection ODE $t\,c' = A c + B u$", certified=certified.legs_system,
    examples=({"N": 1, "t": Fraction(17, 10)}, {"N": 4, "t": Fraction(17, 10)}, {"N": 8, "t": Fraction(5, 2)}),
)


def _legs_forms(N: int) -> Tuple:
    v = [_sqrt(2 * n + 1) for n in range(N)]
    form_i = Matrix(N, N, lambda n, k: (n if n == k else 0) - v[n] * v[k] if k <= n else 0)
    M = Matrix(N, N, lambda n, k: -(2 * k + 1) if n > k else (-(n + 1) if n == k else 0))
    Tm = sympy.diag(*v)
    return Tuple(form_i, Tm * M * Tm.inv())


def _legs_forms_numeric(dps: int, N: int) -> list:
    """Both forms are the LegS matrix: twice the matrix by quadrature."""
    return 2 * [nh.legs_matrix(N, dps=dps)]


_NOTES_LEGS_2 = (r"(i) $\operatorname{tril}(\mathrm{diag}(0, \ldots, N-1) - v v^\top)$, $v_n = \sqrt{2n+1}$ "
                 "(Su part 2); (ii) $T M T^{-1}$ with integer $M$ (hippo-code, s4). Numeric: the matrix by "
                 r"Gauss-Legendre quadrature of $-\delta - \int r\,g_n' g_k$.")
register(Result(
    key="HIPPO-LEGS-2", title="Equivalent forms of the LegS matrix", source=f"{SU_10137}; {HIPPO_CODE}",
    statement=_legs_forms, derive=lambda N: Tuple(*(2 * [derive_transition("legs", N)[0]])),
    numeric=_legs_forms_numeric, certified=certified.legs_matrix_twice, params=draw(N=s.sizes(1, 6)),
    examples=({"N": 3}, {"N": 6}),
    bound=Bound("N", 1, 32), parts=(r"A^{(\mathrm{i})}", r"A^{(\mathrm{ii})}"), notes=_NOTES_LEGS_2,
))


def _legs_integer(N: int) -> Tuple:
    return Tuple(Matrix(N, N, lambda n, k: -(2 * n + 1) if k < n else (-(n + 1) if k == n else 0)),
                 Matrix(N, 1, lambda n, _: 2 * n + 1))


def _legs_integer_derived(N: int) -> Derivation:
    lam = [1 / _sqrt(2 * n + 1) for n in range(N)]
    A, B = derive_transition("legs", N)
    At, Bt = rescale(A, B, lam)
    return Derivation(Tuple(At, Bt),
                      (Step("The LegS matrix derived from the projection integrals",
                            Eq(Symbol("A"), A, evaluate=False)),
                       Step(r"$c_n = \lambda_n c'_n$ with $\lambda_n = 1/\sqrt{2n+1}$: "
                            r"$(\Lambda^{-1} A \Lambda,\ \Lambda^{-1} B)$ computed entrywise (rescale)",
                            Tuple(At, Bt))))


def _legs_integer_numeric(dps: int, N: int, t: Any) -> list:
    """:math:`t\\dot c'` of the de-rooted LegS state, under the integral."""
    return chk.legs_integer_sides("smooth", N, t, dps=dps)[1]


def _legs_integer_eval(statement: Any, dps: int, point: dict) -> list:
    A, B = _mp_statement(statement, dps, point)
    c, _, ut = chk.legs_integer_sides("smooth", point["N"], point["t"], dps=dps)
    return [a + B[i, 0] * ut for i, a in enumerate(_matvec(A, c))]


register(Result(
    key="HIPPO-LEGS-3", title="Integer (de-rooted) LegS form", source=f"{SU_10114} (LegS rescaling passage)",
    statement=_legs_integer, derive=_legs_integer_derived, numeric=_legs_integer_numeric,
    evaluate=_legs_integer_eval, certified=certified.legs_integer_system,
    params=draw(N=s.sizes(1, 7), t=TIME), parts=(r"\tilde{A}", r"\tilde{B}"),
    examples=({"N": 3, "t": Fraction(17, 10)}, {"N": 6, "t": Fraction(9, 4)}), bound=Bound("N", 1, 32),
    notes=r"From Su's normalisation the same form follows with $\lambda_n = \sqrt{2/(2n+1)}$ (HIPPO-ERR-3: "
          "the blog's LegS rescaling passage cites the LegT equation).",
))

# --- LegT, LMU ---------------------------------------------------------------------------------------


def _legt_exact_closed(N: int) -> Tuple:
    K = Matrix(N, N, lambda n, k: -2 * _sqrt((2 * n + 1) * (2 * k + 1)) / W if k < n and (n - k) % 2 else 0)
    return Tuple(K, Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1) / W),
                 Matrix(N, 1, lambda n, _: -(-1) ** n * _sqrt(2 * n + 1) / W))


@lru_cache(maxsize=64)  # LEGT-1 and LEGT-3 need the same exact identity for every N (a Tuple: immutable)
def _legt_exact_derived(N: int) -> Tuple:
    P = [shifted_legendre(j) for j in range(N)]
    R = gram([p.diff(x) for p in P], P, "legendre")  # <P~_n', P~_k>
    # c_n' = (1/w)[u g_n]_{r=0}^{1} - (1/w) int u g_n' dr, with g_n' expanded exactly in g_0..g_{n-1}
    K = Matrix(N, N, lambda n, k: -_sqrt((2 * n + 1) * (2 * k + 1)) * R[n][k] / W)
    # boundary terms g_n(1)/w and -g_n(0)/w with g_n = P~_n sqrt(2n+1); P~_n(1), P~_n(0) = +-1 lead each product
    # because they are their own reciprocals (sqrt(2n+1) / P~_n(1) would equal sqrt(2n+1) * P~_n(1))
    return Tuple(K, Matrix(N, 1, lambda n, _: P[n].eval(1) * _sqrt(2 * n + 1) / W),
                 Matrix(N, 1, lambda n, _: -P[n].eval(0) * _sqrt(2 * n + 1) / W))


def _legt_exact_eval(statement: Any, dps: int, point: dict) -> list:
    K, Bp, Bm = _mp_statement(statement, dps, point)
    c, _, ut, uw = chk.ode_sides("sin", "legt", point["N"], point["t"], window=point["w"], dps=dps)
    return [v + Bp[i, 0] * ut + Bm[i, 0] * uw for i, v in enumerate(_matvec(K, c))]


_LEGT_EX = ({"N": 1, "t": 2, "w": Fraction(3, 2)}, {"N": 5, "t": 2, "w": Fraction(3, 2)},
            {"N": 8, "t": Fraction(7, 2), "w": Fraction(5, 2)})

register(Result(
    key="HIPPO-LEGT-1", title="Exact LegT identity before closure", source=f"{SU_10114}; {HIPPO}, Thm 1",
    statement=_legt_exact_closed, derive=_legt_exact_derived, numeric=_ode_numeric("legt", "sin"),
    evaluate=_legt_exact_eval, certified=certified.legt_exact_identity,
    params=draw(N=s.sizes(1, 7), t=TIME, w=WINDOW), examples=_LEGT_EX,
    bound=Bound("N", 1, 32), display={"N": 4}, parts=(r"K", r"B_+", r"B_-"),
    notes="Tuple $(K, B_+, B_-)$: $c' = K c + B_+ u(t) + B_- u(t-w)$. Exact for any $C^1$ input (checked "
          r"with $u = \sin$).",
))

_transition_result(
    "HIPPO-LEGT-2", "Closed LegT ODE (window w)", f"{SU_10114}; {HIPPO}, Thm 1 (LMU normalisation)", "legt",
    "cubic",
    r"Closure $u(t-w) \approx \sum_k c_k g_k(0)$. hippo-code legt is window 1, s4 legt is window 2 (both "
    r"matrices halved). Numeric with a cubic input, for which the closure is exact ($N \ge 4$).",
    windowed=True, title_tex=r"Closed LegT ODE (window $w$)", certified=certified.legt_system,
    examples=({"N": 4, "t": 2, "w": Fraction(3, 2)}, {"N": 6, "t": Fraction(1, 3), "w": Fraction(7, 4)}),
)


def _legt_residual_closed(N: int) -> Tuple:
    return Tuple(Matrix(N, 1, lambda n, _: -(-1) ** n * _sqrt(2 * n + 1) / W), sympy.zeros(N, N), sympy.zeros(N, 1))


def _legt_residual_derived(N: int) -> Derivation:
    """Exact identity minus closed ODE = R_c c + r_u u(t) + v u(t-w); show R_c = -v g(0)^T and r_u = 0."""
    K, Bp, Bm = _legt_exact_derived(N)
    A, B = derive_transition("legt", N, window=W)
    v = Bm
    g0 = [_sqrt(2 * j + 1) * shifted_legendre(j).eval(0) for j in range(N)]
    Kl, Al = K.tolist(), A.tolist()  # nested lists: cheaper than indexing the matrices entry by entry
    Rc = Matrix([[Kl[n][k] - Al[n][k] + v[n] * g0[k] for k in range(N)] for n in range(N)])
    ru = Bp - B
    return Derivation(Tuple(v, Rc, ru), (Step("Coefficient of $u(t-w)$ in (LEGT-1) $-$ (LEGT-2)", v),
                                         Step(r"$c$-part plus $v\,g(0)^\top$ (vanishes: the residual is "
                                              r"$v\,\varepsilon_N$)", Rc)))


def _legt_residual_eval(statement: Any, dps: int, point: dict) -> list:
    """:math:`Ac + Bu(t) + v\\,\\varepsilon_N + R_c c + r_u u(t)`: the closed ODE (HIPPO-LEGT-2) plus every part
    of the stated residual, with c by quadrature and :math:`\\varepsilon_N = u(t-w) - \\sum_k c_kg_k(0)`."""
    v, Rc, ru = _mp_statement(statement, dps, point)
    N, w = point["N"], point["w"]
    A, B = _mp_statement(_pair("legt", N, W), dps, point)
    c, _, ut, uw = chk.ode_sides("sin", "legt", N, point["t"], window=w, dps=dps)
    eps = uw - mp.fsum(cn * nh.analysis("legt", n, 0) for n, cn in enumerate(c))
    extra = _matvec(Rc, c)
    return [a + B[i, 0] * ut + v[i, 0] * eps + extra[i] + ru[i, 0] * ut for i, a in enumerate(_matvec(A, c))]


_NOTES_LEGT_3 = (r"$c' - (A c + B u) = v\,\varepsilon_N$ with $v_n = -(-1)^n \sqrt{2n+1}/w$ and "
                 r"$\varepsilon_N = u(t-w) - \sum_k c_k g_k(0)$. Checked with $u = \sin$, where "
                 r"$\varepsilon_N$ is visibly nonzero; the numeric check uses every part ($v$, $R_c$, $r_u$). "
                 r"Exactness for polynomial windows: $\varepsilon_N = 0$ when $u$ is a polynomial of degree "
                 r"$< N$ on the window (reconstruction, HIPPO-LEGT-4). The size of $\varepsilon_N$ for smooth "
                 "$u$ is HEURISTIC.")
register(Result(
    key="HIPPO-LEGT-3", title="LegT closure residual; exactness for polynomial windows",
    source=f"consequence of HIPPO-LEGT-1/2; {SU_10114}", statement=_legt_residual_closed,
    derive=_legt_residual_derived, numeric=_ode_numeric("legt", "sin"), evaluate=_legt_residual_eval,
    certified=certified.legt_closure_residual,
    params=draw(N=s.sizes(1, 7), t=TIME, w=WINDOW), examples=_LEGT_EX, bound=Bound("N", 1, 32),
    display={"N": 3}, parts=(r"v", r"R_c", r"r_u"), notes=_NOTES_LEGT_3,
))


def _recon_derived(N: int) -> Matrix:
    """Reconstruction of r^j (j < N) from its exact LegT/LegS coefficients, as monomial coefficients."""
    P = [shifted_legendre(j) for j in range(N)]
    mons = [Poly(x**j, x, domain=sympy.QQ) for j in range(N)]
    S = gram(mons, P, "legendre")  # <r^j, P~_n>
    Q = sympy.zeros(N, N)
    for j in range(N):
        rec = sum(((2 * n + 1) * S[j][n] * P[n] for n in range(N)), Poly(0, x, domain=sympy.QQ))
        for (i,), cf in rec.terms():
            Q[i, j] = cf
    return Q


def _recon_derivation(N: int) -> Derivation:
    return Derivation(_recon_derived(N), (Step("Project $r^j$ exactly and resynthesise", _recon_derived(N)),))


def _recon_eval(statement: Any, dps: int, point: dict) -> Any:
    Q = _mp_statement(statement, dps, point)
    with mpmath.workdps(dps):
        t, w, tau = to_mp(point["t"]), to_mp(point["w"]), to_mp(point["tau"])
        u, _ = chk.signal("cubic")
        b = mp.taylor(lambda r: u(t - w + w * r), 0, Q.rows - 1)
        r = (tau - t + w) / w
        return mp.fsum(Q[i, j] * b[j] * r**i for i in range(Q.rows) for j in range(Q.cols))


def _recon_numeric(dps: int, N: int, t: Any, w: Any, tau: Any) -> Any:
    u, _ = chk.signal("cubic")
    c = nh.project(u, t, N, "legt", window=w, dps=dps, method="gauss-legendre")  # a cubic: entire integrands
    return nh.reconstruct(c, tau, t, "legt", window=w, dps=dps)


register(Result(
    key="HIPPO-LEGT-4", title="LegT reconstruction, exact for polynomials of degree < N",
    title_tex=r"LegT reconstruction, exact for polynomials of degree $< N$", source=f"{SU_10114}; {HIPPO}",
    statement=lambda N: sympy.eye(N), derive=_recon_derivation, numeric=_recon_numeric, evaluate=_recon_eval,
    certified=certified.legt_reconstruction_map,
    # t - w <= -1 <= tau <= 0 <= t: tau inside the window (beyond it the sum extrapolates and cancels)
    params=draw(N=s.sizes(4, 8), t=s.rationals(0, 1, max_denominator=50),
                w=s.rationals(2, 3, max_denominator=50), tau=s.rationals(-1, 0, max_denominator=50)),
    examples=({"N": 4, "t": 2, "w": Fraction(3, 2), "tau": Fraction(4, 5)},
              {"N": 7, "t": Fraction(1, 3), "w": Fraction(5, 4), "tau": Fraction(-1, 2)}),
    bound=Bound("N", 1, 16), display={"N": 3},
    notes=r"Statement: the reconstruction map on monomials $r^j$ ($j < N$) is the identity. Numeric: project "
          r"a cubic by quadrature and reconstruct (numerics.hippo.reconstruct) at $\tau$ in the window.",
))

_transition_result(
    "HIPPO-LMU-1", "LMU normalisation of LegT", f"{LMU}; {HIPPO}, Thm 1; {HIPPO_CODE} transition('lmu')",
    "lmu", "cubic",
    r"$x = D c$ with $D = \mathrm{diag}((-1)^n \sqrt{2n+1})$: $A_{\mathrm{lmu}} = D A_{\mathrm{legt}} "
    r"D^{-1}$, $B_{\mathrm{lmu}} = D B_{\mathrm{legt}}$; analysis $(2n+1)P_n(1-2r)$, synthesis $P_n(1-2r)$ "
    "($P_n(2v-1)$ in elapsed fraction $v = 1-r$).", windowed=True, certified=certified.lmu_system,
    examples=({"N": 4, "t": 2, "w": Fraction(3, 2)}, {"N": 6, "t": Fraction(1, 3), "w": Fraction(7, 4)}),
)


def _lmu2_closed(N: int) -> Tuple:
    return Tuple(Matrix(N, N, lambda n, k: -sympy.Integer(2 * n + 1) * (1 if k < n else (-1) ** (n - k)) / W),
                 Matrix(N, 1, lambda n, _: sympy.Integer(2 * n + 1) / W))


def _su_rescaled(factor: Any, N: int) -> Tuple:
    """Su's LegT normalisation (B scaled by sqrt2) rescaled by lambda_n = factor / sqrt(2n+1)."""
    A, B = derive_transition("legt", N, window=W)
    return Tuple(*rescale(A, _sqrt(2) * B, [factor / _sqrt(2 * n + 1) for n in range(N)]))


def _lmu2_eval(statement: Any, dps: int, point: dict) -> list:
    A, B = _mp_statement(statement, dps, point)
    c, _, ut, _ = chk.ode_sides("cubic", "lmu", point["N"], point["t"], window=point["w"], dps=dps)
    c = [(-1) ** n * v for n, v in enumerate(c)]
    return [a + B[i, 0] * ut for i, a in enumerate(_matvec(A, c))]


_NOTES_LMU_2 = (r"Differs from the Voelker form by $\mathrm{diag}((-1)^n)$. Numeric: LMU quadrature route "
                r"times $(-1)^n$, cubic input.")
register(Result(
    key="HIPPO-LMU-2", title="Su's LMU-style rescaling (corrected factor sqrt2/sqrt(2n+1))",
    title_tex=r"Su's LMU-style rescaling (corrected factor $\sqrt{2}/\sqrt{2n+1}$)",
    parts=(r"\tilde{A}", r"\tilde{B}"), source=f"{SU_10114} (see HIPPO-ERR-1)", statement=_lmu2_closed,
    derive=lambda N: _su_rescaled(_sqrt(2), N), numeric=_ode_numeric("lmu", "cubic", sign=True),
    evaluate=_lmu2_eval, certified=certified.su_lmu_system, params=draw(N=s.sizes(4, 7), t=TIME, w=WINDOW),
    bound=Bound("N", 1, 32),
    examples=({"N": 4, "t": 2, "w": Fraction(3, 2)}, {"N": 6, "t": Fraction(1, 3), "w": Fraction(7, 4)}),
    display={"N": 3}, notes=_NOTES_LMU_2,
))

# --- LagT ----------------------------------------------------------------------------------------------

_EX_LAG = ({"N": 1, "t": Fraction(3, 2)}, {"N": 5, "t": Fraction(3, 2)}, {"N": 8, "t": 4})
_transition_result(
    "HIPPO-LAGT-1", "LagT, paper variant ('lagt')", f"{HIPPO}, Thm 1", "lagt", "causal-sin",
    r"$A = -\operatorname{tril}(1)$, $B = 1$ (HiPPO writes $-A$). Basis $L_n$ with measure $e^{-y}$; exact, "
    r"no closure. Numeric input: $\sin$ for $x \ge 0$, $0$ before ($u(0^+) = 0$, so no boundary term).",
    examples=_EX_LAG, certified=certified.lagt_system,
)
_transition_result(
    "HIPPO-LAGT-2", "LagT, half variant ('lagt-half' = hippo-code/s4 lagt)", f"{HIPPO_CODE}; {S4_CODE}",
    "lagt-half", "causal-sin",
    r"Basis $L_n e^{-y/2}$, orthonormal for $dy$: $A = -I/2 - \operatorname{stril}(1)$, $B = 1$. Different "
    r"system from 'lagt' (impulse responses differ by $e^{s/2}$).",
    examples=_EX_LAG, certified=certified.lagt_half_system,
)
