"""Registered LegS properties (HIPPO-LEGS-P1..P10) and discretisations (HIPPO-DISC-1..9).

Spec ``hippo.md`` sections 4-5.  Closed forms use the eigendecomposition
:math:`A\\,TV = TV\\operatorname{diag}(-1,\\dots,-N)` with the signed binomial matrix
:math:`V_{ij}=(-1)^{i-j}\\binom{i+j}{i-j}`; derivations compute the same objects another way
(exact nullspaces, the ODE-in-s argument, products of exact steps, :func:`discretize`).
Numerics use the LegS matrix obtained by quadrature (:func:`numerics.hippo.legs_matrix`), the LagT
pairs by Gauss-Laguerre quadrature (:func:`numerics.hippo.lagt_matrix`), ``mp.expm``, ``mp.odefun`` and
the quadrature form of the exact LegS step.  The initial condition (P2) is a limit and comes with a
convergence table; P3 (a general quartic input) is declared representative; P4 is proved for symbolic
m < n and P10 for a symbolic GBT parameter.
HIPPO-LEGS-P11 (approximation rate, THEOREM) and HIPPO-LEGS-P9-III (LegT impulse response, EMPIRICAL)
have no exact closed form; their numerical reproductions are registered in :mod:`proofs.hippo.empirical`.

Registers: HIPPO-LEGS-P1, HIPPO-LEGS-P2, HIPPO-LEGS-P3, HIPPO-LEGS-P4, HIPPO-LEGS-P5, HIPPO-LEGS-P6,
HIPPO-LEGS-P7, HIPPO-LEGS-P8, HIPPO-LEGS-P9, HIPPO-LEGS-P10.
"""

from __future__ import annotations

import math
from functools import lru_cache
from fractions import Fraction
from typing import Any

import mpmath
import sympy
from mpmath import mp
from sympy import Matrix, Symbol, Tuple, binomial, exp, legendre, laguerre
from sympy.polys.matrices import DomainMatrix

from numerics.hippo import certified
from numerics.hippo import routes as chk
from numerics import hippo as nh
from numerics.agree import to_mp

from .transitions import _sqrt, derive_transition
from .discrete_systems import _combine, _eigen, diagonal_scaling, discretize, matrix_function_times
from .measures import QUARTIC, _mp_statement, _recon_derived, on_quartic, slow_bound_note
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Scope, Step, register
from proofs.core.bibliography import HIPPO, HIPPO_CODE_MODULE, SU_10137, SU_10162, TRAIN_HIPPO
from proofs.core.params import draw, s

EPS = Symbol("epsilon", positive=True)
#: a symbolic GBT parameter (every alpha in [0, 1]) and a symbolic LegS step index (every k >= 1)
ALPHA = Symbol("alpha", nonnegative=True)
K_STEP = Symbol("k", integer=True, positive=True)
S_ = Symbol("s", nonnegative=True)
T0, T1 = Symbol("t0", positive=True), Symbol("t1", positive=True)


def _TV(N: int) -> Matrix:
    return Matrix(N, N, lambda i, j: _sqrt(2 * i + 1) * (-1) ** (i - j) * binomial(i + j, i - j) if i >= j else 0)


def _closed_function(N: int, f: Any) -> Matrix:
    """:math:`(TV)\\operatorname{diag}(f(-1), \\dots, f(-N))(TV)^{-1}` with the closed-form V (f may be symbolic)."""
    V = _V(N)
    Vi = _qq(V).inv().to_Matrix()
    fv = [f(-(j + 1)) for j in range(N)]
    Vl, Vil = V.tolist(), Vi.tolist()
    # rational weights V_ij (V^-1)_jk first, then one symbolic product per term
    F = [[_combine(fv, [Vl[i][j] * Vil[j][k] for j in range(N)]) for k in range(N)] for i in range(N)]
    return Matrix(N, N, lambda i, j: F[i][j] * _sqrt(2 * i + 1) / _sqrt(2 * j + 1) if F[i][j] != 0 else 0)


def _derived_legs_function(N: int, f: Any) -> Matrix:
    """:math:`f(A)B` for the derived LegS pair, by the exact eigendecomposition of :math:`M = D^{-1}AD`."""
    A, B = derive_transition("legs", N)
    d, M, b = diagonal_scaling(A, B)  # type: ignore[misc]
    Fb = matrix_function_times(M, f, b)  # f(M) b without forming f(M): only the vector is used
    return Matrix(N, 1, lambda i, _: Fb[i, 0] * d[i])


# --- P1 spectrum ------------------------------------------------------------------------------------


def _V(N: int) -> Matrix:
    # integer binomials by math.comb (SymPy's binomial on two Integers is much slower, same Integer)
    return Matrix(N, N, lambda i, j: sympy.Integer((-1) ** (i - j) * math.comb(i + j, i - j)) if i >= j
                  else 0)


def _qq(M: Matrix) -> DomainMatrix:
    return DomainMatrix.from_Matrix(M).convert_to(sympy.QQ)


def _p1_derived(N: int) -> Derivation:
    A, B = derive_transition("legs", N)
    d = [_sqrt(2 * i + 1) for i in range(N)]
    M = Matrix(N, N, lambda i, j: A[i, j] * d[j] / d[i])  # M = T^-1 A T (radicals cancel automatically)
    # A TV - TV L = T (M V - V L)
    V = _qq(_V(N))
    R = (_qq(M) * V - V * _qq(sympy.diag(*[-(j + 1) for j in range(N)]))).to_Matrix()
    R = Matrix(N, N, lambda i, j: d[i] * R[i, j])
    upper = Matrix(N, N, lambda i, j: A[i, j] if j > i else 0)
    return Derivation(Tuple(Matrix([A[i, i] for i in range(N)]), upper, R),
                      (Step("Diagonal of the derived $A$", Matrix([A[i, i] for i in range(N)])),
                       Step(r"$A\,TV - TV\,\mathrm{diag}(-1, \ldots, -N) = T\,(M V - V\,\mathrm{diag}(-1, "
                            r"\ldots, -N))$, "
                            r"$M = T^{-1} A T$", R)))


def _p1_numeric(dps: int, N: int) -> list:
    """Every part with the quadrature-built matrix: its eigenvalues by ``mp.eig`` (sorted), its strictly upper
    part, and the residual :math:`A\\,TV - TV\\operatorname{diag}(-1, \\ldots, -N)` of the claimed eigenvectors."""
    with mpmath.workdps(dps + 10):
        A = nh.legs_matrix(N, dps=dps + 10)
        ev = [A[0, 0]] if N == 1 else mp.eig(A, left=False, right=False)
        upper = mp.matrix(N, N)
        for i in range(N):
            for j in range(i + 1, N):
                upper[i, j] = A[i, j]
        TV = mp.matrix(N, N)
        for i in range(N):
            for j in range(i + 1):
                TV[i, j] = mp.sqrt(2 * i + 1) * (-1) ** (i - j) * math.comb(i + j, i - j)
        residual = A * TV - TV * mp.diag([-(j + 1) for j in range(N)])
    with mpmath.workdps(dps):
        return [mp.matrix(sorted([+mp.re(v) for v in ev], reverse=True)), +upper, +residual]


_NOTES_LEGS_P1 = (r"(diagonal, strictly upper part, $A\,TV - TV\,\mathrm{diag}(-1, \ldots, -N)$). Distinct "
                  r"eigenvalues, so $A$ is diagonalisable; $V_{ij} = (-1)^{i-j} \binom{i+j}{i-j}$. Numeric: "
                  r"mp.eig of the quadrature-built matrix, $N \le 8$ only (non-normal; pitfall 11), its "
                  r"strictly upper part, and the residual of $TV$ with it.")
register(Result(
    key="HIPPO-LEGS-P1", title="LegS spectrum -1..-N with eigenvectors TV", source=SU_10137,
    title_tex=r"LegS spectrum $-1, \ldots, -N$ with eigenvectors $TV$",
    parts=(r"(A_{nn})_n", r"(A_{nk})_{k>n}", r"A\,TV - TV\,\mathrm{diag}(-1, \ldots, -N)"),
    statement=lambda N: Tuple(Matrix([-(n + 1) for n in range(N)]), sympy.zeros(N, N), sympy.zeros(N, N)),
    derive=_p1_derived, numeric=_p1_numeric, certified=certified.legs_spectrum_parts,
    params=draw(N=s.sizes(1, 8)), examples=({"N": 3}, {"N": 7}), bound=Bound("N", 1, 32), display={"N": 3},
    notes=_NOTES_LEGS_P1,
))

# --- P2 initial condition ----------------------------------------------------------------------------

def _p2_derived(N: int) -> Matrix:
    A, B = derive_transition("legs", N)
    return -A.lower_triangular_solve(B)


def _p2_numeric(dps: int, N: int) -> Any:
    with mpmath.workdps(dps):
        return -mp.lu_solve(nh.legs_matrix(N, dps=dps), nh.legs_input(N, dps=dps))


def _p2_table(dps: int, N: int) -> list:
    return chk.legs_initial_table(N, dps=dps)


_NOTES_LEGS_P2 = ("$-A^{-1} B = e_0$ (equivalently $A e_0 = -B$), proved for every $N \\le 32$ and checked "
                  "numerically with the quadrature-built matrix: the bounded solution of "
                  r"$t x' = A x + B u$ has $x(0^+) = u(0)\,e_0$ (Su's normalisation: $\sqrt{2}\,u(0)\,e_0$). "
                  r"The limit itself is tabulated: the quadrature coefficients $c(t)$ of "
                  r"$u(x) = \cos 3x + x e^{-x}$ (with $u(0) = 1$) at $t = 1/n$ approach $e_0$ like $1/n$.")
register(Result(
    key="HIPPO-LEGS-P2", title="LegS initial condition x(0+) = u(0) e_0",
    title_tex=r"LegS initial condition $x(0^+) = u(0)\,e_0$", source=f"from HIPPO-LEGS-1; {SU_10137}",
    statement=lambda N: Matrix(N, 1, lambda n, _: 1 if n == 0 else 0), derive=_p2_derived,
    numeric=_p2_numeric, params=draw(N=s.sizes(1, 8)), examples=({"N": 2}, {"N": 6}), bound=Bound("N", 1, 32),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_p2_table, quantity=r"$c(t)$ at $t = 1/n$ for $u(x) = \cos 3x + x e^{-x}$ "
                                                r"($u(0) = 1$), by quadrature"),
    notes=_NOTES_LEGS_P2,
))


# --- P3 equivariance --------------------------------------------------------------------------------

_AL, _TT = Symbol("alpha", positive=True), Symbol("t", positive=True)
_r = Symbol("r")


def _legs_coeff(expr_of_r: Any, n: int) -> Any:
    """:math:`\\int_0^1 f(r)g_n(r)dr` for a polynomial f in r (exact, Poly)."""
    from .transitions import shifted_legendre
    from .legendre import x

    # a product of Polys: several times cheaper than expanding the product expression, the same polynomial
    p = (sympy.Poly(sympy.expand(expr_of_r.subs(_r, x)), x) * shifted_legendre(n)).integrate()
    return _sqrt(2 * n + 1) * (p.eval(1) - p.eval(0))


_U4 = sum(a * _r**j for j, a in enumerate(sympy.symbols("a0:5")))
def _p3_numeric(coeffs: list, *, dps: int, n: int, alpha: Any, t: Any) -> Any:
    u, _ = chk.poly_signal(coeffs)
    with mpmath.workdps(dps):
        al, t = to_mp(alpha), to_mp(t)
        scale = mp.sqrt(2 * n + 1)
        integrand = lambda tau: u(al * tau) * scale * mp.legendre(n, 2 * tau / t - 1)  # noqa: E731
        return mp.quad(integrand, [0, t], method="gauss-legendre") / t  # a polynomial integrand


_TAU = Symbol("tau", positive=True)


def _p3_derived(n: int) -> Derivation:
    """:math:`c_n[v](t) = \\frac1t\\int_0^t v(\\tau)\\,g_n(\\tau/t)\\,d\\tau` for the time-scaled input
    :math:`v(\\tau) = u(\\alpha\\tau)`, integrated exactly in :math:`\\tau` (the statement integrates
    :math:`u(\\alpha t r)g_n(r)` in :math:`r` over [0, 1]: the two agree by the substitution :math:`\\tau = tr`)."""
    v = _U4.subs(_r, _AL * _TAU)
    basis = sympy.expand(legendre(n, 2 * _TAU / _TT - 1))
    antiderivative = (sympy.Poly(sympy.expand(v), _TAU) * sympy.Poly(basis, _TAU)).integrate()
    value = sympy.expand(_sqrt(2 * n + 1) * (antiderivative.eval(_TT) - antiderivative.eval(0)) / _TT)
    return Derivation(value, (
        Step(r"The time-scaled input $v(\tau) = u(\alpha\tau)$ of the general quartic $u$", v),
        Step(r"$c_n[v](t) = \tfrac1t \int_0^t v(\tau)\,\sqrt{2n+1}\,P_n(2\tau/t - 1)\,d\tau$, integrated "
             r"exactly in $\tau$", value),
    ))


_NOTES_LEGS_P3 = (r"Statement: $c_n[u](\alpha t) = \int_0^1 u(\alpha t r)\,g_n(r)\,dr$ for a general quartic "
                  r"$u$ (symbolic coefficients $a_0, \ldots, a_4$; $\alpha$, $t$ symbolic), integrated in $r$; "
                  r"derivation: the coefficient of the time-scaled input $u(\alpha\,\cdot)$ at time $t$ from "
                  r"its defining integral over $[0, t]$, integrated in $\tau$. The identity holds for every "
                  r"integrable $u$ (substitution $\tau = t r$); SymPy computes it for the quartic only. "
                  r"Numeric: quadrature of $(1/t) \int_0^t u(\alpha\tau)\,g_n(\tau/t)\,d\tau$.")
register(Result(
    key="HIPPO-LEGS-P3", title="LegS timescale equivariance c[u(alpha .)](t) = c[u](alpha t)",
    title_tex=r"LegS timescale equivariance $c[u(\alpha\,\cdot)](t) = c[u](\alpha t)$",
    source=f"{HIPPO}, Prop 3; {SU_10137}", statement=lambda n: _legs_coeff(_U4.subs(_r, _AL * _TT * _r), n),
    derive=_p3_derived, numeric=on_quartic(_p3_numeric), certified=certified.legs_scaled_coefficient,
    scope=Scope.representative("a general quartic input u (symbolic coefficients), every n = 0..16",
                               claim="every integrable input u and every n"),
    params=draw(n=s.sizes(0, 4), alpha=s.positive_rationals(3, max_denominator=20),
                t=s.positive_rationals(3, max_denominator=20), **QUARTIC),
    examples=({"n": 2, "alpha": Fraction(3, 2), "t": Fraction(7, 5), "a0": 1, "a1": Fraction(-1, 2),
               "a2": Fraction(1, 3), "a3": 2, "a4": Fraction(-1, 4)},),
    bound=Bound("n", 0, 16), notes=_NOTES_LEGS_P3,
))


# --- P4 polynomial decay -----------------------------------------------------------------------------------


M_START, N_END = Symbol("m", integer=True, positive=True), Symbol("n", integer=True, positive=True)
_KK = Symbol("k", integer=True, positive=True)


def _p4_check(m: Any, n: Any) -> tuple[Any, Any]:
    """``(m, n)``: integers with ``1 <= m < n``, or SymPy integer symbols (every such pair)."""
    if isinstance(m, Symbol) and isinstance(n, Symbol):
        return m, n
    if any(isinstance(v, bool) or not isinstance(v, (int, sympy.Integer)) for v in (m, n)) or not 1 <= m < n:
        raise ValueError(f"HIPPO-LEGS-P4 needs integers 1 <= m < n (or integer Symbols), got m={m!r}, n={n!r}")
    return sympy.Integer(m), sympy.Integer(n)


def _p4_closed(N: int, m: Any = M_START, n: Any = N_END) -> Matrix:
    m, n = _p4_check(m, n)
    return _closed_function(N, lambda lam: (n / m) ** lam)


def _p4_numeric(dps: int, N: int, m: int = 3, n: int = 7) -> Any:
    with mpmath.workdps(dps):
        P = mp.eye(N)
        for k in range(m, n):
            P = nh.legs_step(k, N, "exact", dps=dps)[0] * P
        return P


@lru_cache(maxsize=256)
def _telescoped(lam: Any, m: Any, n: Any) -> Any:
    """:math:`\\prod_{k=m}^{n-1}((k+1)/k)^\\lambda`, evaluated by SymPy (the same for every N: computed once)."""
    return sympy.gammasimp(sympy.product(((_KK + 1) / _KK) ** lam, (_KK, m, n - 1)))


def _p4_derived(N: int, m: Any = M_START, n: Any = N_END) -> Derivation:
    """The product telescopes: every exact step is :math:`V\\operatorname{diag}(((k+1)/k)^{\\lambda_j})V^{-1}`
    with one V (the derived LegS matrix's exact eigenvectors), so the inner :math:`V^{-1}V = I` cancel and
    the product is :math:`V\\operatorname{diag}(\\prod_{k=m}^{n-1}((k+1)/k)^{\\lambda_j})V^{-1}`; SymPy
    evaluates each scalar product for symbolic m and n."""
    m, n = _p4_check(m, n)
    A, B = derive_transition("legs", N)
    d, M, _ = diagonal_scaling(A, B)  # type: ignore[misc]
    lams, V, Vi = _eigen(M)  # type: ignore[misc]
    inner = (_qq(Vi) * _qq(V)).to_Matrix()  # V^{-1} V between consecutive steps
    if inner != sympy.eye(N):  # pragma: no cover - V^{-1} is computed as the inverse of V
        raise ArithmeticError("the eigenvector matrices do not cancel between steps")
    factors = [_telescoped(lam, m, n) for lam in lams]
    Vl, Vil = V.tolist(), Vi.tolist()
    P = Matrix([[_combine(factors, [Vl[i][j] * Vil[j][q] for j in range(N)]) for q in range(N)]
                for i in range(N)])
    P = Matrix(N, N, lambda i, j: P[i, j] * d[i] / d[j] if P[i, j] != 0 else 0)
    return Derivation(P, (
        Step(r"One exact step $e^{\ln((k+1)/k) M} = V \operatorname{diag}(((k+1)/k)^{\lambda_j}) V^{-1}$, "
             r"$M = D^{-1} A D$, eigenvalues $\lambda_j$ of the derived matrix; $V^{-1} V$ computed",
             inner),
        Step(r"$\prod_{k=m}^{n-1} ((k+1)/k)^{\lambda_j}$ evaluated by SymPy (telescoping), one per eigenvalue",
             Matrix([factors])),
        Step(r"Hence $\prod_k e^{\ln((k+1)/k) A} = D V \operatorname{diag}(\ldots) V^{-1} D^{-1}$", P),
    ))


_NOTES_LEGS_P4 = (r"Proved for symbolic $m < n$ (every pair) and every $N \le 16$: every exact step is "
                  r"$e^{\ln((k+1)/k) A}$ (HIPPO-DISC-8), all share the eigenvectors $TV$, so the product "
                  r"telescopes to $e^{\ln(n/m) A}$. Numeric: the product of the exact steps $k = m, \ldots, "
                  r"n-1$ computed by quadrature ($\text{numerics.hippo.legs\_step}$, no matrix exponential). "
                  + slow_bound_note(16))
register(Result(
    key="HIPPO-LEGS-P4", title="LegS memory decays polynomially: prod of exact steps = (TV) diag((m/n)^j) (TV)^-1",
    title_tex=r"LegS memory decays polynomially: $\prod$ of exact steps "
              r"$= (TV)\,\mathrm{diag}((m/n)^j)\,(TV)^{-1}$", source=SU_10137,
    statement=_p4_closed, derive=_p4_derived, numeric=_p4_numeric, certified=certified.legs_step_product,
    params=draw(N=s.sizes(1, 4), m=s.sizes(1, 3), n=s.sizes(4, 6)), examples=({"N": 3, "m": 3, "n": 7},),
    bound=Bound("N", 1, 16), display={"N": 2}, notes=_NOTES_LEGS_P4,
))


# --- P5 / P6: O(N) algebra -----------------------------------------------------------------------------------


def _vsyms(N: int) -> Matrix:
    return Matrix(sympy.symbols(f"v0:{N}"))


def _p5_closed(N: int) -> Matrix:
    v = _vsyms(N)
    return Matrix(N, 1, lambda n, _: n * v[n] - _sqrt(2 * n + 1) * sum(_sqrt(2 * k + 1) * v[k] for k in range(n + 1)))


def _vpoint(N: int, lam: Any = None) -> dict:
    pt = {"N": N, **{f"v{j}": Fraction((-1) ** j * (j + 2), j + 3) for j in range(N)}}
    if lam is not None:
        pt["lambda"] = lam
    return pt


def _vector_draws(N: int) -> dict:
    """The draws of the entries v0..v_{N-1} of a test vector (v0 > 0, so it is never zero)."""
    return {"v0": s.positive_rationals(3), **{f"v{j}": s.rationals(-3, 3) for j in range(1, N)}}


def _vector(pt: dict, N: int, dps: int) -> Any:
    with mpmath.workdps(dps):
        return mp.matrix([to_mp(pt[f"v{j}"]) for j in range(N)])


def _p5_numeric(dps: int, N: int, **v: Any) -> list:
    """The dense product with the quadrature-built matrix."""
    return list(nh.legs_matrix(N, dps=dps) * _vector(v, N, dps))


_NOTES_LEGS_P5 = (r"$(Av)_n = n v_n - \sqrt{2n+1} \sum_{k \le n} \sqrt{2k+1}\,v_k$; numeric: dense product "
                  "with the quadrature matrix.")
register(Result(
    key="HIPPO-LEGS-P5", title="O(N) LegS matrix-vector product (prefix sums)", source=SU_10137,
    title_tex=r"$O(N)$ LegS matrix-vector product (prefix sums)", statement=_p5_closed,
    derive=lambda N: (derive_transition("legs", N)[0] * _vsyms(N)).applyfunc(sympy.expand),
    numeric=_p5_numeric, certified=certified.legs_matvec, params=draw(N=s.sizes(4, 4), **_vector_draws(4)),
    examples=(_vpoint(4), _vpoint(7)),
    bound=Bound("N", 1, 32), display={"N": 3}, notes=_NOTES_LEGS_P5,
))

LAM = Symbol("lambda", positive=True)


def _p6_closed(N: int) -> Matrix:
    v, S, z = _vsyms(N), [sympy.Integer(0)], []
    for n in range(N):
        S.append(((1 - LAM * n) * S[-1] + _sqrt(2 * n + 1) * v[n]) / (1 + LAM * n + LAM))
        z.append((S[-1] - S[-2]) / _sqrt(2 * n + 1))
    # each z_n is linear in v: put every coefficient over one denominator (canonical form for comparison)
    return Matrix([sympy.expand(sum(sympy.cancel(zn.diff(v[j])) * v[j] for j in range(N))) for zn in z])


def _p6_derived(N: int) -> Matrix:
    """(I - lambda A)^{-1} v = D (I - lambda M)^{-1} D^{-1} v, the inverse over QQ(lambda)."""
    A, B = derive_transition("legs", N)
    d, M, _ = diagonal_scaling(A, B)  # type: ignore[misc]
    inv = DomainMatrix.from_Matrix(sympy.eye(N) - LAM * M).to_field().inv().to_Matrix()
    v = _vsyms(N)
    w = Matrix(N, 1, lambda j, _: v[j] / d[j])
    return Matrix(N, 1, lambda i, _: sympy.expand(d[i] * sum(sympy.cancel(inv[i, j]) * w[j] for j in range(N))))


def _p6_numeric(dps: int, N: int, **v: Any) -> list:
    """:math:`\\text{mp.lu\\_solve}` with the quadrature-built matrix."""
    with mpmath.workdps(dps):
        resolvent = mp.eye(N) - to_mp(v["lambda"]) * nh.legs_matrix(N, dps=dps)
        return list(mp.lu_solve(resolvent, _vector(v, N, dps)))


_NOTES_LEGS_P6 = ("$S_{-1} = 0$, "
                  r"$S_n = ((1 - \lambda n) S_{n-1} + \sqrt{2n+1}\,v_n)/(1 + \lambda n + \lambda)$, "
                  r"$z_n = (S_n - S_{n-1})/\sqrt{2n+1}$; valid when $1 + \lambda (n+1) \ne 0$. Numeric: "
                  r"$\text{mp.lu\_solve}$ with the quadrature matrix.")
register(Result(
    key="HIPPO-LEGS-P6", title="O(N) LegS resolvent solve (I - lambda A)^-1 v", source=SU_10137,
    title_tex=r"$O(N)$ LegS resolvent solve $(I - \lambda A)^{-1} v$", statement=_p6_closed,
    derive=_p6_derived, numeric=_p6_numeric, certified=certified.legs_resolvent_solve,
    params=draw(N=s.sizes(4, 4), **_vector_draws(4), **{"lambda": s.positive_rationals(3)}),
    examples=(_vpoint(4, Fraction(3, 10)), _vpoint(6, Fraction(7, 4))), bound=Bound("N", 1, 6),
    display={"N": 2}, notes=_NOTES_LEGS_P6,
))


# --- P7 reconstruction -------------------------------------------------------------------------------------


def _p7_eval(statement: Any, dps: int, point: dict) -> Any:
    Q = _mp_statement(statement, dps, point)
    with mpmath.workdps(dps):
        t, tau = to_mp(point["t"]), to_mp(point["tau"])
        u, _ = chk.signal("cubic")
        b = mp.taylor(lambda r: u(t * r), 0, Q.rows - 1)
        r = tau / t
        return mp.fsum(Q[i, j] * b[j] * r**i for i in range(Q.rows) for j in range(Q.cols))


def _p7_numeric(dps: int, N: int, t: Any, tau: Any) -> Any:
    u, _ = chk.signal("cubic")
    c = nh.project(u, t, N, "legs", dps=dps, method="gauss-legendre")  # a cubic: entire integrands
    return nh.reconstruct(c, tau, t, "legs", dps=dps)


_NOTES_LEGS_P7 = (r"$u(\tau) = \sum_n c_n(t) \sqrt{2n+1}\,P_n(2\tau/t - 1)$ on $[0, t]$ when $\deg u < N$: "
                  r"the reconstruction map on monomials ($r = \tau/t$) is the identity. Numeric: project a "
                  "cubic by quadrature, reconstruct.")
register(Result(
    key="HIPPO-LEGS-P7", title="LegS reconstruction, exact for polynomials of degree < N",
    title_tex=r"LegS reconstruction, exact for polynomials of degree $< N$",
    source=f"{HIPPO}; {HIPPO_CODE_MODULE}",
    statement=lambda N: sympy.eye(N), derive=_recon_derived, numeric=_p7_numeric, evaluate=_p7_eval,
    certified=certified.legs_reconstruction_map,
    # t in [1, 3], tau in (0, 1]: tau <= t, inside the window (beyond it the sum extrapolates and cancels)
    params=draw(N=s.sizes(4, 8), t=s.rationals(1, 3, max_denominator=20),
                tau=s.positive_rationals(1, max_denominator=20)),
    examples=({"N": 4, "t": Fraction(17, 10), "tau": Fraction(1, 3)},
              {"N": 6, "t": 3, "tau": Fraction(5, 2)}),
    bound=Bound("N", 1, 16), display={"N": 3}, notes=_NOTES_LEGS_P7,
))

# --- P8 Green's function, P9 impulse responses --------------------------------------------------------------


def _p8_closed(N: int) -> Matrix:
    return Matrix(N, 1, lambda n, _: _sqrt(2 * n + 1) * legendre(n, 2 * T0 / T1 - 1) / T1).applyfunc(sympy.expand)


def _p8_derived(N: int) -> Derivation:
    Bb = _derived_legs_function(N, lambda lam: (T1 / T0) ** lam)
    g = (Bb / T0).applyfunc(sympy.expand)
    return Derivation(g, (Step(r"$(1/t_0)\,e^{\ln(t_1/t_0) A} B$ through the exact eigendecomposition of the "
                               r"derived $A$", g),))


def _p8_numeric(dps: int, N: int, t0: Any, t1: Any) -> Any:
    with mpmath.workdps(dps):
        t0, t1 = to_mp(t0), to_mp(t1)
        return mp.expm(mp.log(t1 / t0) * nh.legs_matrix(N, dps=dps)) * nh.legs_input(N, dps=dps) / t0


_NOTES_LEGS_P8 = (r"$(1/t_0)\,e^{\ln(t_1/t_0) A} B = (1/t_1)\,[\sqrt{2n+1}\,P_n(2 t_0/t_1 - 1)]_n$, so its "
                  r"norm lies between $1/t_1$ and $N/t_1$ (from $P_0 = 1$ and $|P_n| \le 1$ on $[-1, 1]$; not "
                  r"computed here). Numeric: mp.expm of the quadrature-built $A$ (the "
                  "mp.odefun route is in the tests). " + slow_bound_note(16))
register(Result(
    key="HIPPO-LEGS-P8", title="LegS Green's function dc(t1)/du(t0) = (1/t1) [g_n(t0/t1)]",
    title_tex=r"LegS Green's function $dc(t_1)/du(t_0) = (1/t_1)\,[g_n(t_0/t_1)]$",
    source=f"{HIPPO}, Prop 5 (gradient norms; confirm wording)", statement=_p8_closed, derive=_p8_derived,
    certified=certified.legs_green_function,
    numeric=_p8_numeric, params=draw(N=s.sizes(1, 4), t0=s.positive_rationals(1, max_denominator=20),
                                     t1=s.rationals(1, 3, max_denominator=20)),
    examples=({"N": 3, "t0": Fraction(1, 2), "t1": Fraction(3, 2)}, {"N": 5, "t0": 1, "t1": Fraction(7, 3)}),
    bound=Bound("N", 1, 16), display={"N": 3}, notes=_NOTES_LEGS_P8,
))


def _p9_closed(N: int) -> Tuple:
    legs = Matrix(N, 1, lambda n, _: exp(-S_) * _sqrt(2 * n + 1) * legendre(n, 2 * exp(-S_) - 1))
    lagt = Matrix(N, 1, lambda n, _: laguerre(n, S_) * exp(-S_))
    half = Matrix(N, 1, lambda n, _: laguerre(n, S_) * exp(-S_ / 2))
    return Tuple(*(m.applyfunc(sympy.expand) for m in (legs, lagt, half)))


def _nilpotent_power(A: Matrix) -> Matrix:
    """:math:`(A - aI)^N` with :math:`a = A_{00}`: the zero matrix exactly when the series below is finite."""
    return (A - A[0, 0] * sympy.eye(A.rows)) ** A.rows


def _nilpotent_exp_b(A: Matrix, B: Matrix) -> Matrix:
    """:math:`e^{sA}B = e^{sa}\\sum_{j<N} s^j (A - aI)^j B / j!`, checked to be finite: raises unless
    :math:`(A - aI)^N = 0`."""
    N, lam = A.rows, A[0, 0]
    if not _nilpotent_power(A).is_zero_matrix:
        raise ArithmeticError("A - A[0, 0] I is not nilpotent: the finite exponential series does not apply")
    Nil, out, term = A - lam * sympy.eye(N), sympy.zeros(N, 1), B
    for j in range(N):
        out += S_**j / sympy.factorial(j) * term
        term = Nil * term
    return (exp(lam * S_) * out).applyfunc(sympy.expand)


def _p9_derived(N: int) -> Derivation:
    legs = _derived_legs_function(N, lambda lam: exp(lam * S_)).applyfunc(sympy.expand)
    pairs = [derive_transition(m, N) for m in ("lagt", "lagt-half")]
    lagt, half = (_nilpotent_exp_b(*pair) for pair in pairs)
    powers = Matrix.hstack(*(_nilpotent_power(pair[0]) for pair in pairs))
    return Derivation(Tuple(legs, lagt, half),
                      (Step("LegS: exact eigendecomposition of the derived $A$", legs),
                       Step(r"LagT, both variants: $(A - aI)^N$ computed, $a = A_{00}$ (side by side; zero, so "
                            r"$A - aI$ is nilpotent)", powers),
                       Step(r"LagT: $e^{sA}B = e^{sa} \sum_{j<N} s^j (A - aI)^j B / j!$", lagt)))


def _p9_numeric(dps: int, N: int, s: Any) -> list:
    """``mp.expm(s A) B`` with each pair built by quadrature (LegS: Gauss-Legendre; LagT: Gauss-Laguerre)."""
    with mpmath.workdps(dps):
        sv = to_mp(s)
        out = [mp.expm(sv * nh.legs_matrix(N, dps=dps)) * nh.legs_input(N, dps=dps)]
        for half in (False, True):
            A, B = nh.lagt_matrix(N, half=half, dps=dps)
            out.append(mp.expm(sv * A) * B)
        return out


_NOTES_LEGS_P9 = (r"(LegS $e^{-s}[\sqrt{2n+1}\,P_n(2e^{-s}-1)]$, lagt $[L_n(s)\,e^{-s}]$, lagt-half "
                  r"$[L_n(s)\,e^{-s/2}]$). Dropping the $1/t$ of LegS turns uniform memory into "
                  "exponentially decaying memory. (iii) the LegT impulse response approximates "
                  "$g_n(1-s/w)/w$ on $[0, w)$ only EMPIRICALLY (HIPPO-LEGS-P9-III). Numeric: mp.expm of the "
                  "pairs built by quadrature (LegS Gauss-Legendre, LagT Gauss-Laguerre with recurrence "
                  r"derivatives, $\text{numerics.hippo.lagt\_matrix}$). Proved for every "
                  r"$N \le 16$ in the registry (verify under 5 s); every $N \le 32$ in the slow tests and "
                  r"$\text{benchmarks/hippo\_bounds.py}$.")
register(Result(
    key="HIPPO-LEGS-P9", title="LTI impulse responses e^{sA}B (LegS warped Legendre, LagT Laguerre)",
    title_tex=r"LTI impulse responses $e^{sA}B$ (LegS warped Legendre, LagT Laguerre)",
    parts=(r"e^{sA}B\ (\mathrm{LegS})", r"e^{sA}B\ (\mathrm{lagt})", r"e^{sA}B\ (\text{lagt-half})"),
    source=f"{TRAIN_HIPPO}; {SU_10162}", statement=_p9_closed, derive=_p9_derived, numeric=_p9_numeric,
    certified=certified.impulse_responses,
    params=draw(N=s.sizes(1, 5), s=s.positive_rationals(4, max_denominator=20)), bound=Bound("N", 1, 16),
    examples=({"N": 4, "s": 1}, {"N": 5, "s": Fraction(13, 4)}), display={"N": 3}, notes=_NOTES_LEGS_P9,
))

# --- P10 DC gain ---------------------------------------------------------------------------------------------

# the discretisations checked; GBT with a symbolic alpha (every alpha in [0, 1]) in the proof, at the
# point's alpha in the numeric check
_METHODS = ("forward", "backward", "bilinear", "gbt", "zoh")


def _p10_derived(N: int) -> Derivation:
    A, B = derive_transition("legs", N)
    e0 = Matrix(N, 1, lambda n, _: 1 if n == 0 else 0)
    out = [(A * e0 + B)]
    for method in _METHODS:
        Ab, Bb = discretize(A, B, EPS, method, alpha=ALPHA if method == "gbt" else None)
        out.append((Bb - (sympy.eye(N) - Ab) * e0).applyfunc(_reduce))
    return Derivation(Tuple(*out), (Step("$A e_0 + B$", out[0]),))


def _reduce(e: Any) -> Any:
    """``e`` (a radical times a rational function of epsilon, or an exponential polynomial) reduced:
    expand; then a sum of fractions is zero iff the expanded numerator of its ``together`` form is,
    which closes these rational functions several times faster than ``simplify`` (used only for
    what that leaves nonzero)."""
    e = sympy.expand(e)
    if e == 0:
        return e
    if sympy.expand(sympy.fraction(sympy.together(e))[0]) == 0:
        return sympy.Integer(0)
    return sympy.simplify(e)


def _p10_eval(statement: Any, dps: int, point: dict) -> Any:
    parts = _mp_statement(statement, dps, point)
    with mpmath.workdps(dps):
        C = mp.matrix([to_mp(point[f"v{j}"]) for j in range(point["N"])])
        return [mp.fsum(C[i] * (p[i] + (1 if i == 0 else 0)) for i in range(point["N"])) for p in parts[1:]]


def _p10_numeric(dps: int, N: int, epsilon: Any, alpha: Any, **v: Any) -> list:
    """DC gain sum_k C^T Abar^k Bbar = C^T (I - Abar)^{-1} Bbar (the Neumann series summed by a solve)."""
    with mpmath.workdps(dps):
        A, B, C = nh.legs_matrix(N, dps=dps), nh.legs_input(N, dps=dps), _vector(v, N, dps)
        out = []
        for method in _METHODS:
            Ab, Bb = nh.discretize(A, B, epsilon, method, alpha=alpha if method == "gbt" else None, dps=dps)
            out.append(mp.fsum(C[i] * z for i, z in enumerate(mp.lu_solve(mp.eye(N) - Ab, Bb))))
        return out


_NOTES_LEGS_P10 = (r"($A e_0 + B$, and $\bar{B} - (I - \bar{A})\,e_0$ for forward, backward, bilinear, "
                   r"GBT($\alpha$) with symbolic $\alpha$, ZOH, all with symbolic step $\epsilon$): all zero, so "
                   r"the discrete kernel has DC gain $\sum_k C^\top \bar{A}^k \bar{B} = C_0$ whenever "
                   r"$\rho(\bar{A}) < 1$ (forward Euler and GBT($\alpha < 1/2$) only for small $\epsilon$). "
                   r"Numeric: $C^\top (I - \bar{A})^{-1} \bar{B}$ (the sum of the Neumann series, by a solve) "
                   r"with the quadrature matrix, GBT at the point's $\alpha$, compared with $C_0$.")
register(Result(
    key="HIPPO-LEGS-P10", title="Constant-input fixed point and DC gain C_0 of the Euler, bilinear, GBT and ZOH "
                                "discretisations",
    title_tex=r"Constant-input fixed point and DC gain $C_0$ of the Euler, bilinear, GBT and ZOH discretisations",
    parts=(r"A e_0 + B", *(rf"\bar{{B}} - (I - \bar{{A}})\,e_0\ ({m})"
                           for m in (r"\text{forward}", r"\text{backward}", r"\text{bilinear}",
                                     r"\mathrm{GBT}(\alpha)", r"\text{ZOH}"))),
    source="elementary consequence of HIPPO-LEGS-P2", statement=lambda N: Tuple(*[sympy.zeros(N, 1)] * 6),
    derive=_p10_derived, numeric=_p10_numeric, evaluate=_p10_eval, certified=certified.legs_dc_gain_parts,
    params=draw(N=s.sizes(3, 3), epsilon=s.positive_rationals(1, max_denominator=20),
                alpha=s.rationals(0, 1, max_denominator=10), **_vector_draws(3)),
    examples=({**_vpoint(3), "epsilon": Fraction(1, 10), "alpha": Fraction(1, 3)},
              {**_vpoint(4), "epsilon": Fraction(3, 7), "alpha": Fraction(4, 5)}),
    bound=Bound("N", 1, 6), display={"N": 2}, notes=_NOTES_LEGS_P10,
))
