"""Registered discretisation results HIPPO-DISC-1..9 (spec ``hippo.md`` section 5).

Statements are written through the closed LegS eigendecomposition: for a method with
eigenvalue map f and input map g, :math:`\\bar A = (TV)\\operatorname{diag}(f(\\lambda_j))(TV)^{-1}`,
:math:`\\bar B = (TV)\\operatorname{diag}(g(\\lambda_j))(TV)^{-1}B`, :math:`\\lambda_j = -(j+1)`, with the
closed signed-binomial V.  Derivations work on the matrices derived by projection: DISC-1..5
call :func:`discretize` (eigenvectors computed as exact nullspaces, or inverses over QQ); DISC-8
checks that its solution operator solves the LegS ODE (symbolic step index k); DISC-9 solves each
per-step scheme's definition exactly over QQ(k).  GBT's alpha, the step index k and the step
epsilon are symbols in the proofs.  Limit and order claims (DISC-7) come with a convergence
table.  Numerics use the quadrature-built LegS matrix with ``mp.inverse``/``mp.expm``, ``mp.odefun``
for ZOH, and quadrature of a concatenated signal for the exact LegS step.

Registers: HIPPO-DISC-1, HIPPO-DISC-2, HIPPO-DISC-3, HIPPO-DISC-4, HIPPO-DISC-5, HIPPO-DISC-6,
HIPPO-DISC-7, HIPPO-DISC-8, HIPPO-DISC-9.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from mpmath import mp
from sympy import Eq, I, Matrix, Rational, Symbol, Tuple, exp
from sympy.polys.matrices import DomainMatrix

from numerics.hippo import routes as chk
from numerics.hippo import certified_systems as arb_routes
from numerics import hippo as nh
from numerics.hippo.discrete_systems import ode_step
from numerics.agree import to_mp

from .transitions import _sqrt, derive_transition, transition
from .discrete_systems import (_combine, _eigen, _unscale, diagonal_scaling, discretize, matrix_function,
                               matrix_function_times)
from .measures import _matvec, _mp_statement, slow_bound_note
from .legs_properties import ALPHA, EPS, K_STEP, _qq, _V
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Scope, Status, Step, register
from proofs.core.bibliography import HIPPO, HIPPO_CODE_LEGS, S4, S4D, SU_10137
from proofs.core.params import draw, s



def _maps(method: str, alpha: Any = None) -> tuple[Any, Any]:
    """Eigenvalue map f and input map g of a discretisation (functions of lambda)."""
    a = {"forward": 0, "backward": 1, "bilinear": Rational(1, 2), "gbt": alpha}.get(method)
    if method == "zoh":
        return (lambda lam: exp(EPS * lam)), (lambda lam: (exp(EPS * lam) - 1) / lam)
    return ((lambda lam: (1 + (1 - a) * EPS * lam) / (1 - a * EPS * lam)),
            (lambda lam: EPS / (1 - a * EPS * lam)))


def _spectral(N: int, f: Any, g: Any) -> Tuple:
    """Closed form (TV) diag(f) (TV)^{-1} and (TV) diag(g) (TV)^{-1} B with the closed V."""
    V, Vi = _binomial_pair(N)
    lam = [-(j + 1) for j in range(N)]
    fv, gv = [f(v) for v in lam], [g(v) for v in lam]
    # rational weights first (V_ij (V^-1)_jk), then one symbolic product per term: the same terms
    F = Matrix([[_combine(fv, [V[i][j] * Vi[j][k] for j in range(N)]) * _sqrt(2 * i + 1) / _sqrt(2 * k + 1)
                 for k in range(N)] for i in range(N)])
    ones = [sum(row, sympy.Integer(0)) for row in Vi]  # (TV)^{-1} B = V^{-1} T^{-1} B = V^{-1} 1
    Bb = Matrix(N, 1, lambda i, _: _combine(gv, [V[i][j] * ones[j] for j in range(N)]) * _sqrt(2 * i + 1))
    return Tuple(F, Bb)


@lru_cache(maxsize=64)
def _binomial_pair(N: int) -> tuple[tuple, tuple]:
    """The closed signed-binomial V and its exact inverse over QQ as nested tuples (shared by all methods)."""
    V = _V(N)
    return tuple(map(tuple, V.tolist())), tuple(map(tuple, _qq(V).inv().to_Matrix().tolist()))


def _derived(method: str, N: int, alpha: Any = None) -> Derivation:
    A, B = derive_transition("legs", N)
    Ab, Bb = discretize(A, B, EPS, method, alpha=alpha)
    return Derivation(Tuple(Ab, Bb), (Step(f"discretize($A$, $B$, $\\epsilon$, {method!r}) on the derived "
                                           f"LegS "
                                           "matrices", Ab),))


def _num_disc(method: str) -> Any:
    """The discretisation by ``method`` (mp.inverse, mp.expm) of the quadrature-built LegS pair."""

    def numeric(dps: int, N: int, epsilon: Any, alpha: Any = None) -> list:
        A, B = nh.legs_matrix(N, dps=dps), nh.legs_input(N, dps=dps)
        return list(nh.discretize(A, B, epsilon, method, alpha=alpha, dps=dps))

    return numeric


_EX = ({"N": 3, "epsilon": Fraction(1, 10)}, {"N": 5, "epsilon": Fraction(3, 7)})
_FORMS = {
    "forward": ("HIPPO-DISC-1", "Forward Euler", r"$I + \epsilon A$, $\epsilon B$",
                f"{SU_10137}; {HIPPO}, appendix"),
    "backward": ("HIPPO-DISC-2", "Backward Euler",
                 r"$(I - \epsilon A)^{-1}$, $\epsilon (I - \epsilon A)^{-1} B$", SU_10137),
    "bilinear": ("HIPPO-DISC-3", "Bilinear (Tustin)",
                 r"$\bigl((I - \epsilon A/2)^{-1} (I + \epsilon A/2),\ \epsilon (I - \epsilon A/2)^{-1} "
                 r"B\bigr) "
                 r"= \bigl((2/\epsilon - A)^{-1} (2/\epsilon + A),\ 2 (2/\epsilon - A)^{-1} B\bigr)$; SciPy "
                 r"cont2discrete(method='bilinear') gives the same $(\bar{A}, \bar{B})$",
                 f"{S4}, eq. (3); {SU_10137}"),
}
_LTI_NOTES = (r"Statement via the spectral form (eigenvalue map applied to $-1, \ldots, -N$ with the closed "
              r"$TV$); derivation by discretize() on the derived matrices; numeric by mp.inverse on the "
              r"quadrature matrix. " + slow_bound_note(12))
_CERTIFIED = {"forward": arb_routes.forward_euler, "backward": arb_routes.backward_euler,
              "bilinear": arb_routes.bilinear}
_LTI_DRAWS = draw(N=s.sizes(1, 5), epsilon=s.positive_rationals(1, max_denominator=50))
for _method, (_key, _title, _form, _src) in _FORMS.items():
    register(Result(
        key=_key, title=_title + " discretisation of the LegS matrix (as an LTI system)", source=_src,
        statement=lambda N, _m=_method: _spectral(N, *_maps(_m)),
        derive=lambda N, _m=_method: _derived(_m, N), numeric=_num_disc(_method), params=_LTI_DRAWS,
        examples=_EX, bound=Bound("N", 1, 12), display={"N": 2}, parts=(r"\bar{A}", r"\bar{B}"),
        notes=f"{_form}. {_LTI_NOTES}", certified=_CERTIFIED[_method],
    ))

_NOTES_DISC_4 = (r"$(I - \alpha\epsilon A)^{-1} (I + (1-\alpha)\epsilon A)$, "
                 r"$\epsilon (I - \alpha\epsilon A)^{-1} B$; $\alpha = 0, 1, 1/2$ give forward, backward, "
                 r"bilinear (tests). Proved with symbolic $\alpha$ and $\epsilon$ for every $N \le 12$ (entries "
                 r"rational functions of $\alpha$ and $\epsilon$). " + slow_bound_note(12))
register(Result(
    key="HIPPO-DISC-4", title="Generalised bilinear transform GBT(alpha)", source=f"{HIPPO}, appendix",
    title_tex=r"Generalised bilinear transform GBT($\alpha$)", parts=(r"\bar{A}", r"\bar{B}"),
    statement=lambda N, alpha=ALPHA: _spectral(N, *_maps("gbt", sympy.sympify(alpha))),
    derive=lambda N, alpha=ALPHA: _derived("gbt", N, sympy.sympify(alpha)), numeric=_num_disc("gbt"),
    params=draw(N=s.sizes(1, 5), epsilon=s.positive_rationals(1, max_denominator=50),
                alpha=s.rationals(0, 1, max_denominator=10)),
    examples=({"N": 3, "epsilon": Fraction(1, 10), "alpha": Fraction(1, 3)},
              {"N": 4, "epsilon": Fraction(3, 7), "alpha": Fraction(4, 5)}),
    bound=Bound("N", 1, 12), display={"N": 2}, notes=_NOTES_DISC_4, certified=arb_routes.gbt,
))


def _zoh_eval(statement: Any, dps: int, point: dict) -> list:
    Ab, Bb = _mp_statement(statement, dps, point)
    x0 = _x0(point["N"])
    with mpmath.workdps(dps):
        u0 = to_mp(point["u0"])
        return [a + Bb[i, 0] * u0 for i, a in enumerate(_matvec(Ab, [to_mp(v) for v in x0]))]


def _x0(N: int) -> list:
    return [Fraction((-1) ** j * (2 * j + 1), j + 2) for j in range(N)]


def _zoh_numeric(dps: int, N: int, epsilon: Any, u0: Any) -> list:
    A, B = nh.legs_matrix(N, dps=dps), nh.legs_input(N, dps=dps)
    return list(ode_step(A, B, _x0(N), u0, 0, epsilon, dps=dps))


_NOTES_DISC_5 = (r"$\bar{A} = e^{\epsilon A}$, "
                 r"$\bar{B} = \int_0^\epsilon e^{sA}\,ds\,B = A^{-1}(e^{\epsilon A} - I) B$ for invertible "
                 r"$A$; in general the upper blocks of $\exp(\epsilon\,[[A, B], [0, 0]])$ (FouT is "
                 "singular). Statement: "
                 r"$e^{\epsilon A} = (TV)\,\mathrm{diag}(e^{-\epsilon(j+1)})\,(TV)^{-1}$. Numeric: one step "
                 "of $x' = A x + B u_0$ by mp.odefun from a fixed $x_0$. " + slow_bound_note(12))
register(Result(
    key="HIPPO-DISC-5", title="Zero-order hold (exact for held input)", source=f"standard; {S4D}; {SU_10137}",
    statement=lambda N: _spectral(N, *_maps("zoh")), derive=lambda N: _derived("zoh", N),
    numeric=_zoh_numeric, evaluate=_zoh_eval,
    params=draw(N=s.sizes(1, 3), epsilon=s.positive_rationals(1, max_denominator=20),
                u0=s.rationals(-2, 2, max_denominator=20)),
    examples=({"N": 3, "epsilon": Fraction(1, 10), "u0": Fraction(2, 3)},
              {"N": 2, "epsilon": Fraction(1, 2), "u0": Fraction(-5, 4)}),
    bound=Bound("N", 1, 12), display={"N": 2}, parts=(r"\bar{A}", r"\bar{B}"), notes=_NOTES_DISC_5,
    certified=arb_routes.zero_order_hold,
))

_a, _b = Symbol("a", real=True), Symbol("b", real=True)


def _disc6_derived() -> Derivation:
    """:math:`|z|^2 = \\mathrm{re}(z)^2 + \\mathrm{im}(z)^2` for :math:`z = 1 \\pm \\epsilon\\lambda/2`, parts by SymPy."""
    lam = _a + I * _b
    parts = Matrix([[sympy.re(z), sympy.im(z)] for z in (1 + EPS * lam / 2, 1 - EPS * lam / 2)])
    squares = parts[0, 0] ** 2 + parts[0, 1] ** 2 - parts[1, 0] ** 2 - parts[1, 1] ** 2
    value = sympy.expand(squares)
    delta = sympy.Function("Delta")(_a, _b)
    return Derivation(Eq(delta, value, evaluate=False),
                      (Step(r"Real and imaginary parts (columns) of $1 + \epsilon\lambda/2$ and "
                            r"$1 - \epsilon\lambda/2$ (rows), $\lambda = a + ib$ with $a$, $b$ real", parts),
                       Step(r"$|z|^2 = \mathrm{re}(z)^2 + \mathrm{im}(z)^2$ for both, subtracted and expanded",
                            Eq(delta, value, evaluate=False))))


def _disc6_numeric(dps: int, a: Any, b: Any, epsilon: Any) -> Any:
    """:math:`|1+\\varepsilon\\lambda/2|^2-|1-\\varepsilon\\lambda/2|^2` by complex arithmetic.

    Both moduli are near 1 while their difference is small when :math:`\\varepsilon\\,\\mathrm{Re}\\lambda`
    is (a drawn a = -109/170170, eps = 1/505 cancels 5.6 digits): the precision is raised by the
    digits the subtraction cancelled, measured on the computed terms, until they are covered.
    """
    guard = 10
    while True:
        with mpmath.workdps(dps + guard):
            lam = mp.mpc(to_mp(a), to_mp(b))
            e = to_mp(epsilon)
            plus, minus = abs(1 + e * lam / 2) ** 2, abs(1 - e * lam / 2) ** 2
            diff = plus - minus
            lost = 0 if diff == 0 else int(mp.ceil(mp.log10(max(plus, minus) / abs(diff))))
        if lost + 5 <= guard or guard > 4 * dps:  # pragma: no mutate (precision margin only)
            break
        guard = lost + 10  # pragma: no mutate (guard digits: any margin >= 5 gives the same rounded value)
    with mpmath.workdps(dps):
        return +diff


_NOTES_DISC_6 = (r"$\Delta(a, b) = |1 + \epsilon\lambda/2|^2 - |1 - \epsilon\lambda/2|^2 = "
                 r"2\epsilon\,\mathrm{Re}(\lambda)$, so the bilinear image "
                 r"$(1 + \epsilon\lambda/2)/(1 - \epsilon\lambda/2)$ lies in the unit disc iff "
                 r"$\mathrm{Re}\,\lambda < 0$; ZOH maps $\lambda$ to $e^{\epsilon\lambda}$; forward Euler is "
                 r"stable only if $|1 + \epsilon\lambda| < 1$. The proof is general (symbolic $a$, $b$, "
                 r"$\epsilon$); the numeric check evaluates $\Delta$ by complex arithmetic at given "
                 r"$(a, b, \epsilon)$, an identity at a point.")
register(Result(
    key="HIPPO-DISC-6", title="Bilinear eigenvalue map preserves stability", source=f"standard; {S4}",
    statement=lambda: Eq(sympy.Function("Delta")(_a, _b), 2 * EPS * _a, evaluate=False),
    derive=_disc6_derived, numeric=_disc6_numeric, evidence=Evidence.POINT,
    params=draw(a=s.rationals(-3, 3), b=s.rationals(-3, 3), epsilon=s.positive_rationals(2)),
    examples=({"a": Fraction(-3, 4), "b": Fraction(5, 3), "epsilon": Fraction(1, 10)},
              {"a": Fraction(2, 7), "b": -1, "epsilon": Fraction(3, 2)}), notes=_NOTES_DISC_6,
    certified=arb_routes.bilinear_modulus_gap,
))


def _disc7_derived(N: int) -> Derivation:
    A, B = derive_transition("legs", N)
    Z = discretize(A, B, EPS, "zoh")[0]
    out = []
    for method, order in (("forward", 2), ("backward", 2), ("bilinear", 2), ("bilinear", 3)):
        D = discretize(A, B, EPS, method)[0] - Z
        out.append(D.applyfunc(lambda e: _taylor_coeff(e, order)))
    return Derivation(Tuple(*out), (Step(r"Taylor coefficients of $\bar{A} - e^{\epsilon A}$", out[0]),))


def _taylor_coeff(e: Any, order: int) -> Any:
    """The eps^order Taylor coefficient of e at 0, :math:`e^{(m)}(0)/m!` (Taylor's formula; e is analytic
    at 0). Exact like ``series(...).coeff``, several times cheaper on these rational-exponential entries."""
    return sympy.expand(sympy.diff(e, EPS, order).subs(EPS, 0) / sympy.factorial(order))


def _disc7_numeric(dps: int, N: int) -> list:
    """Taylor coefficients of the one-step errors, by Cauchy's integral formula (trapezoid on a circle)."""
    guard = dps + 20  # f(eps) = O(eps^2) on |eps| = 1e-3/N: about 3 log10(1000 N) digits cancel
    with mpmath.workdps(guard):
        A = nh.legs_matrix(N, dps=guard)
        eye = mp.eye(N)

        def F(z: Any) -> list:
            E = mp.expm(z * A)
            return [eye + z * A - E, mp.inverse(eye - z * A) - E,
                    mp.inverse(eye - z * A / 2) * (eye + z * A / 2) - E]

        a2, a3 = chk.taylor_by_contour(F, (2, 3), radius=mp.mpf(1) / (1000 * N), points=dps // 3 + 12)
        out = [*a2, a3[2]]
        return [M.apply(mp.re) for M in out]


def _disc7_table(dps: int, N: int) -> list:
    """The scaled one-step errors at :math:`\\epsilon = 1/n` with the quadrature-built LegS matrix."""
    with mpmath.workdps(dps + 20):
        return chk.local_error_table(nh.legs_matrix(N, dps=dps + 20))


def _disc7_closed(N: int) -> Tuple:
    A = transition("legs", N)[0]
    return Tuple(-A**2 / 2, A**2 / 2, sympy.zeros(N, N), A**3 / 12)


_NOTES_DISC_7 = (r"($\epsilon^2$ coefficient of $\bar{A} - e^{\epsilon A}$ for forward, backward, bilinear; "
                 r"$\epsilon^3$ coefficient for bilinear) $= (-A^2/2,\ A^2/2,\ 0,\ A^3/12)$, proved on the "
                 r"LegS matrix for $N \le 3$. Numeric: the Taylor coefficients of "
                 r"$\epsilon \mapsto \bar{A}(\epsilon) - {}$mp.expm($\epsilon A$) (quadrature-built $A$, "
                 r"mp.inverse) by the trapezoid rule on a circle $|\epsilon| = 1/(1000 N)$ well inside the "
                 "poles at $-1/j$ and $-2/j$ (Cauchy's formula; aliasing error about $10^{-3M}$ with $M$ "
                 "points). The orders themselves are tabulated: the errors divided by $\\epsilon^2$ (and the "
                 r"bilinear one by $\epsilon^3$) at $\epsilon = 1/n$ approach these coefficients like $1/n$. The "
                 r"proof covers the LegS matrix for $N \le 3$; for every $A$ the same coefficients follow "
                 r"because each map is a power series in $\epsilon A$ (not computed here). The measured halving "
                 "ratios (about 4, 4, 8) are EMPIRICAL (tests).")
register(Result(
    key="HIPPO-DISC-7", title="Local error orders: Euler O(eps^2), bilinear O(eps^3)",
    title_tex=r"Local error orders: Euler $O(\epsilon^2)$, bilinear $O(\epsilon^3)$",
    parts=(r"[\epsilon^2](\bar{A}_{\mathrm{forward}} - e^{\epsilon A})",
           r"[\epsilon^2](\bar{A}_{\mathrm{backward}} - e^{\epsilon A})",
           r"[\epsilon^2](\bar{A}_{\mathrm{bilinear}} - e^{\epsilon A})",
           r"[\epsilon^3](\bar{A}_{\mathrm{bilinear}} - e^{\epsilon A})"),
    source="standard numerical analysis", status=Status.THEOREM, statement=_disc7_closed,
    derive=_disc7_derived, numeric=_disc7_numeric, params=draw(N=s.sizes(1, 3)), examples=({"N": 2}, {"N": 3}),
    bound=Bound("N", 1, 3), display={"N": 2}, notes=_NOTES_DISC_7,
    scope=Scope.representative("the LegS matrix, every N = 1..3", claim="every matrix A"),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_disc7_table, quantity=r"$(\bar{A} - e^{\epsilon A})/\epsilon^2$ (forward, "
                                                   r"backward, bilinear) and $/\epsilon^3$ (bilinear) at "
                                                   r"$\epsilon = 1/n$"),
))


def _disc8_closed(N: int, k: Any = K_STEP) -> Tuple:
    k = sympy.sympify(k)
    q = (k + 1) / k
    return _spectral(N, lambda lam: q**lam, lambda lam: (q**lam - 1) / lam)


_T, _T0 = Symbol("t", positive=True), Symbol("t0", positive=True)


def _step_residuals(lams: list, phi: list, psi: list) -> Matrix:
    """Per eigenvalue :math:`\\lambda`: :math:`t\\varphi' - \\lambda\\varphi`, :math:`\\varphi(t_0) - 1`,
    :math:`t\\psi' - \\lambda\\psi - 1`, :math:`\\psi(t_0)` (all zero for the scalar solution operators)."""
    return Matrix([[sympy.expand(_T * sympy.diff(f, _T) - lam * f), f.subs(_T, _T0) - 1,
                    sympy.expand(_T * sympy.diff(g, _T) - lam * g - 1), g.subs(_T, _T0)]
                   for lam, f, g in zip(lams, phi, psi)])


def _disc8_derived(N: int, k: Any = K_STEP) -> Derivation:
    """The exact step from its definition: the solution operator of :math:`t\\dot x = Ax + Bu_k` from
    :math:`t_0 = k\\epsilon` to :math:`t = (k+1)\\epsilon` (held input).

    With :math:`M = D^{-1}AD` (the derived LegS matrix, scaled) and its exact eigendecomposition
    :math:`MV = V\\Lambda`, the candidates :math:`\\Phi(t) = V\\operatorname{diag}((t/t_0)^\\lambda)V^{-1}` and
    :math:`\\Psi(t) = V\\operatorname{diag}(((t/t_0)^\\lambda - 1)/\\lambda)V^{-1}b` solve
    :math:`t\\Phi' = M\\Phi`, :math:`\\Phi(t_0) = I` and :math:`t\\Psi' = M\\Psi + b`, :math:`\\Psi(t_0) = 0`
    because each scalar factor solves its scalar equation: both facts are computed (and the derivation
    raises if either residual is not zero).  At :math:`t/t_0 = (k+1)/k` the step size cancels.
    """
    k = sympy.sympify(k)
    A, B = derive_transition("legs", N)
    d, M, b = diagonal_scaling(A, B)  # type: ignore[misc]
    lams, V, _ = _eigen(M)  # type: ignore[misc]
    eigen_residual = M * V - V * sympy.diag(*lams)
    ratio = _T / _T0
    scalar = _step_residuals(lams, [ratio**lam for lam in lams], [(ratio**lam - 1) / lam for lam in lams])
    if not (eigen_residual.is_zero_matrix and scalar.is_zero_matrix):
        raise ArithmeticError("the candidate solution operator does not solve t x' = A x + B u")
    q = (k + 1) / k
    at_step = {_T: (k + 1) * EPS, _T0: k * EPS}
    Ab = matrix_function(M, lambda lam: (ratio**lam).subs(at_step))
    Bb = matrix_function_times(M, lambda lam: ((ratio**lam - 1) / lam).subs(at_step), b)
    Ab, Bb = _unscale(d, Ab, Bb)
    return Derivation(Tuple(Ab, Bb), (
        Step(r"$M V - V \Lambda$ for $M = D^{-1} A D$ (the derived LegS matrix, $D = "
             r"\operatorname{diag}(\sqrt{2n+1})$) and its exact eigendecomposition", eigen_residual),
        Step(r"Scalar residuals per eigenvalue $\lambda$: $t\varphi' - \lambda\varphi$, $\varphi(t_0) - 1$, "
             r"$t\psi' - \lambda\psi - 1$, $\psi(t_0)$ for $\varphi = (t/t_0)^\lambda$, "
             r"$\psi = ((t/t_0)^\lambda - 1)/\lambda$", scalar),
        Step(r"So $\Phi$, $\Psi$ solve $t x' = A x + B u_k$; at $t_0 = k\epsilon$, $t = (k+1)\epsilon$ "
             rf"(the step $\epsilon$ cancels, $t/t_0 = {sympy.latex(q)}$)", Tuple(Ab, Bb)),
    ))


def _disc8_numeric(dps: int, N: int, k: int) -> list:
    """The exact step by re-projecting the state with the held input appended (quadrature)."""
    return list(nh.legs_step(k, N, "exact", dps=dps))


_NOTES_DISC_8 = (r"$x_{k+1} = e^{\ln((k+1)/k) A} x_k + A^{-1}(e^{\ln((k+1)/k) A} - I) B u_k$, independent of "
                 r"the step $\epsilon$ (ZOH in log-time); the first step is $x_1 = u_0 e_0$. Proved for "
                 r"symbolic $k$ (every $k \ge 1$) and every $N \le 16$, from the ODE (the solution operator is "
                 r"checked to solve it; uniqueness of that solution is not computed). "
                 r"$\text{proofs.hippo.legs\_step}$ gives the same matrices (tests). Numeric: the state is "
                 r"re-projected "
                 "by quadrature after appending the held input, with no matrix exponential "
                 r"($\text{numerics.hippo.legs\_step}$). The hippo-code zoh branch implements the same "
                 "matrices but fails with NameError (math not imported). " + slow_bound_note(16))
register(Result(
    key="HIPPO-DISC-8", title="Exact LegS step in log-time (step-size free)",
    source=f"{SU_10137}; {HIPPO_CODE_LEGS} zoh", statement=_disc8_closed,
    derive=_disc8_derived, numeric=_disc8_numeric,
    params=draw(N=s.sizes(1, 4), k=s.sizes(1, 6)), examples=({"N": 3, "k": 1}, {"N": 4, "k": 5}),
    bound=Bound("N", 1, 16), display={"N": 3}, parts=(r"\bar{A}_k", r"\bar{B}_k"), notes=_NOTES_DISC_8,
    certified=arb_routes.legs_exact_step,
))

_SCHEMES = ("forward", "backward", "bilinear", "exact")


def _scheme_fixed_point(scheme: str, M: Matrix, b: Matrix, k: Any, x0: Matrix) -> Matrix:
    """:math:`\\bar A_k x_0 + \\bar B_k` of a per-step scheme (spec table, HIPPO-DISC-9) in the scaled
    coordinates :math:`M = D^{-1}AD`, :math:`b = D^{-1}B` (rational functions of k, no radicals).

    GBT-type schemes :math:`\\bar A = X^{-1}Y`, :math:`\\bar B = X^{-1}b/k` are solved exactly over
    :math:`\\mathbb{Q}(k)`; the exact step is :math:`q^M` with :math:`q = (k+1)/k` by the eigendecomposition.
    """
    N = M.rows
    if scheme == "exact":
        q = (k + 1) / k
        out = matrix_function_times(M, lambda lam: q**lam, x0) + \
            matrix_function_times(M, lambda lam: (q**lam - 1) / lam, b)
        return out.applyfunc(sympy.cancel)
    # X = I - M / left, Y = I + M / right (0 for "no term")
    left, right = {"forward": (0, k), "backward": (k, 0), "bilinear": (2 * k, 2 * k),
                   "su-bilinear": (2 * (k + 1), 2 * k)}[scheme]
    X = sympy.eye(N) - (M / left if left != 0 else sympy.zeros(N, N))
    Y = sympy.eye(N) + (M / right if right != 0 else sympy.zeros(N, N))
    rhs = Y * x0 + b / k
    solved = DomainMatrix.from_Matrix(X).to_field().lu_solve(DomainMatrix.from_Matrix(rhs).to_field())
    return solved.to_Matrix().applyfunc(sympy.cancel)


def _disc9_derived(N: int, k: Any = K_STEP) -> Derivation:
    """Each scheme's :math:`\\bar A_k e_0 + \\bar B_k` from its definition, on the derived LegS pair."""
    k = sympy.sympify(k)
    A, B = derive_transition("legs", N)
    d, M, b = diagonal_scaling(A, B)  # type: ignore[misc]
    x0 = Matrix(N, 1, lambda i, _: 1 / d[0] if i == 0 else 0)  # e_0 in the scaled coordinates, D^{-1} e_0
    out = [Matrix([d[i] * v[i, 0] for i in range(N)])
           for v in (_scheme_fixed_point(scheme, M, b, k, x0) for scheme in _SCHEMES)]
    su = _scheme_fixed_point("su-bilinear", M, b, k, x0)
    defect = Matrix([sympy.factor(d[0] * su[0, 0] - 1)])
    return Derivation(Tuple(*out, defect), (
        Step(r"$\bar{A}_k e_0 + \bar{B}_k$ of forward $(I + A/k,\ B/k)$, backward "
             r"$((I - A/k)^{-1},\ (I - A/k)^{-1} B/k)$, bilinear $((I - \tfrac{A}{2k})^{-1}(I + \tfrac{A}{2k}),\ "
             r"(I - \tfrac{A}{2k})^{-1} B/k)$ and exact $(q^A,\ A^{-1}(q^A - I)B)$, $q = (k+1)/k$, solved "
             r"exactly over $\mathbb{Q}(k)$ on the derived LegS pair (side by side)", Matrix.hstack(*out)),
        Step(r"Su's bilinear $((I - \tfrac{A}{2(k+1)})^{-1}(I + \tfrac{A}{2k}),\ (I - \tfrac{A}{2(k+1)})^{-1} B/k)$: "
             r"the first entry of $\bar{A}_k e_0 + \bar{B}_k - e_0$, nonzero for every $k \ge 1$", defect),
    ))


def _disc9_closed(N: int, k: Any = K_STEP) -> Tuple:
    k = sympy.sympify(k)
    return Tuple(*[Matrix(N, 1, lambda n, _: 1 if n == 0 else 0)] * 4, Matrix([1 / (k * (2 * k + 3))]))


def _disc9_numeric(dps: int, N: int, k: int) -> list:
    out = []
    with mpmath.workdps(dps):
        for scheme in _SCHEMES:
            Ab, Bb = nh.legs_step(k, N, scheme, dps=dps)
            out.append(Ab[:, 0] + Bb)
        Ab, Bb = nh.legs_step(k, N, "su-bilinear", dps=dps)
        out.append(mp.matrix([Ab[0, 0] + Bb[0] - 1]))
    return out


_NOTES_DISC_9 = (r"$\bar{A}_k e_0 + \bar{B}_k = e_0$ for forward, backward, bilinear (hippo-code) and exact, "
                 r"proved for symbolic $k$ (every $k \ge 1$) and every $N \le 16$. Su's bilinear "
                 r"$(I - A/(2(k+1)))^{-1}(I + A/(2k))$, $(I - A/(2(k+1)))^{-1} B/k$ does not keep it: the first "
                 r"entry of its defect is $1/(k(2k+3)) \ne 0$ (last part; the whole defect is "
                 r"$(1/27,\ 4\sqrt{3}/135,\ 28\sqrt{5}/1485,\ 14\sqrt{7}/1485)$ for $N = 4$, $k = 3$; "
                 "tests). Accuracy relative to exact is EMPIRICAL (benchmarks). hippo-code starts its "
                 "recurrence at step 1 with state 0, so its first steps are inaccurate compared with "
                 "$x_1 = u_0 e_0$. " + slow_bound_note(16))
register(Result(
    key="HIPPO-DISC-9", title="LegS per-step schemes keep the constant-input fixed point (except su-bilinear)",
    source=f"{HIPPO_CODE_LEGS}; {SU_10137}; {HIPPO} (forward Euler for LegS)",
    statement=_disc9_closed,
    derive=_disc9_derived, numeric=_disc9_numeric, params=draw(N=s.sizes(1, 4), k=s.sizes(1, 8)),
    examples=({"N": 3, "k": 3}, {"N": 4, "k": 1}), bound=Bound("N", 1, 16), display={"N": 2},
    notes=_NOTES_DISC_9, certified=arb_routes.legs_step_fixed_points,
    parts=(*(rf"\bar{{A}}_k e_0 + \bar{{B}}_k\ (\text{{{m}}})" for m in _SCHEMES),
           r"(\bar{A}_k e_0 + \bar{B}_k - e_0)_0\ (\text{su-bilinear})"),
))
