"""Registered S4 results on Algorithm 1 and its relatives (spec ``s4.md`` §2.5-2.7):
S4-ALG-1..3, S4-CONJ-1/2, S4-REC-1, S4-S4D-1/2, S4-DBL-1, S4-RTF-1, S4-MEM-1.

Symbolic routes: fully symbolic 2 x 2 rotated systems (Cauchy/Woodbury form against the dense
resolvent of the bilinear pair); exact LegS and LagT systems for small N; polynomial arithmetic
modulo :math:`z^L-1` for the RTF equivalence.  Numeric routes: dense mpmath linear algebra,
``mp.expm`` (ZOH), ``mp.odefun`` (log-time LegS), the RTF pillar's ``fft_kernel``, and the
instrumented Cauchy route of :mod:`numerics.s4` (operation count).

Registers: S4-ALG-1, S4-ALG-2, S4-ALG-3, S4-CONJ-2, S4-CONJ-1, S4-REC-1, S4-S4D-1, S4-S4D-2,
S4-DBL-1, S4-RTF-1, S4-MEM-1.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import lru_cache, partial
from typing import Any

import mpmath
import sympy
from sympy import (QQ, Eq, Function, I, Matrix, Poly, Rational, Symbol, Tuple, conjugate, eye, exp, symbols,
                   tan)
from sympy.polys.matrices import DomainMatrix

from numerics.agree import with_dps
from numerics.s4 import identities as kn
from numerics.s4 import kernel_routes as nker
from numerics.s4 import kernels as ns4

from .factors import bilinear_exact, integer_legs, legs_eigenvectors, nplr
from .kernel import _PT_A, _PT_B, _PT_C, _PT_Z, _in_field, _in_poly_ring, _m, _v, h
from proofs.core import Bound, Derivation, Result, Status, Step, checks, register
from proofs.core.bibliography import S4, S4_CODE_KERNEL, S4D, SU_10162, SU_10180, TRAIN_HIPPO
from proofs.core.params import draw, s
from proofs.hippo import transition

__all__: list[str] = []

# --- S4-ALG-1 -------------------------------------------------------------------------------------------

l1, l2 = symbols("l1 l2")


def _alg1_parts(r: int) -> tuple:
    P, Q = (_v("p", 2), _v("q", 2)) if r == 1 else (_m("P", 2), _m("Q", 2))
    return P, Q, _v("c", 2), _v("b", 2)


gsym = Symbol("g")


def _cauchy_sum(a: list, b: list, d: list, field: Any) -> Any:
    """sum_n a_n b_n / d_n over the field (a, b: columns as lists of rows; d_n = g - lambda_n)."""
    return sum((a[n][0] * b[n][0] / d[n][0] for n in range(len(d))), field.zero)


def _column(M: list, j: int) -> list:
    return [[row[j]] for row in M]


@lru_cache(maxsize=None)  # no parameters; the Tuple is immutable
def _alg1_statement() -> Tuple:
    """k00 - k01 (I + k11)^-1 k10 with Cauchy sums k_ab = sum_n a_n b_n / (g - lambda_n), for r = 1, 2.

    Built in the rational function field Q(g, lambda, P, Q, c, b): every k_ab and the Schur complement
    come out canceled, as ``cancel`` of the generic expression would give them, without its cost.
    """
    out = []
    for r in (1, 2):
        mats = _in_field(*_alg1_parts(r), Matrix([gsym - l1, gsym - l2]))
        field = mats[0].domain
        P, Q, c, b, d = (M.to_list() for M in mats)
        k00 = _cauchy_sum(c, b, d, field)
        k01 = DomainMatrix([[_cauchy_sum(c, _column(P, j), d, field) for j in range(r)]], (1, r), field)
        k10 = DomainMatrix([[_cauchy_sum(_column(Q, i), b, d, field)] for i in range(r)], (r, 1), field)
        k11 = DomainMatrix([[_cauchy_sum(_column(Q, i), _column(P, j), d, field) for j in range(r)]
                            for i in range(r)], (r, r), field)
        schur = k00 - (k01 * (DomainMatrix.eye(r, field) + k11).inv() * k10).to_list()[0][0]
        out.append(field.to_sympy(schur))
    return Tuple(*out)


def _alg1_derive() -> Derivation:
    out = []
    for r in (1, 2):
        P, Q, c, b = _alg1_parts(r)
        A = sympy.diag(l1, l2) - P * Q.T
        out.append(sympy.cancel((c.T * (gsym * eye(2) - A).inv() * b)[0]))
    return Derivation(Tuple(*out), (
        Step(r"$A = \Lambda - PQ^\top$ in the rotated basis; $c^\top(gI - A)^{-1}b$ by a dense inverse, rank "
             r"1 and 2", Tuple(*out)),))


_PT_ALG = {"l1": F(-1, 2), "l2": F(-3, 2), "p1": F(1, 2), "p2": F(2, 3), "q1": F(3, 4), "q2": F(-1, 5),
           "P11": F(1, 2), "P12": F(1, 3), "P21": F(-1), "P22": F(2, 5), "Q11": F(1, 4), "Q12": F(-2, 3),
           "Q21": F(1, 6), "Q22": F(1), "c1": F(1), "c2": F(-3, 2), "b1": F(2, 3), "b2": F(1, 2), "h": F(1, 10)}

def _at_g(statement: Any, dps: int, point: dict) -> Any:
    """Evaluate a statement in g at the point's g = x + i y."""
    return checks.evaluate(statement.subs(gsym, sympy.Rational(point["x"]) + I * sympy.Rational(point["y"])),
                           dps, point)


_ALG1_NOTES = (
    r"With S4-RES-1, $\hat{K}(z) = \tfrac{2}{1+z}\,c^\top(g(z)I - A)^{-1}b$, "
    r"$g(z) = (2/h)(1-z)/(1+z)$. $N = 2$ rotated system, $\Lambda = \mathrm{diag}(l_1, l_2)$, "
    r"$\tilde{P}$, $\tilde{Q}$ (rank 1 and 2), $\tilde{c}$, $\tilde{b}$ and $g$ all symbolic; each "
    r"$k_{ij}$ is a Cauchy sum $\sum_n a_n b_n/(g(z) - \lambda_n)$. For real $\tilde{C}$ the pairing "
    r"$\tilde{c}$ is $V^\top \tilde{C}$ (plain transpose, convention 3; papers write $c^*$). The "
    r"$O(NL)$ route is numerics.s4.kernel(method='cauchy'); the test-suite compares it with 'power' to "
    r"$10^{-35}$ for LegS, LagT, LegT (rank 2) and LagT-half, odd and even $L$ (including the $z = -1$ "
    r"node).")

register(Result(
    key="S4-ALG-1", title="S4 Algorithm 1: c^T (g I - A)^-1 b = k00 - k01 (I + k11)^-1 k10 with Cauchy sums",
    title_tex=r"S4 Algorithm 1: $c^\top(gI - A)^{-1}b = k_{00} - k_{01}(I + k_{11})^{-1}k_{10}$ with Cauchy "
              "sums",
    source=f"{S4}, Algorithm 1 / Theorem 3; {SU_10162}", notes=_ALG1_NOTES,
    statement=_alg1_statement, derive=_alg1_derive, numeric=kn.cauchy_pairs, evaluate=_at_g,
    examples=({**_PT_ALG, **_PT_Z}, {**_PT_ALG, "x": F(-1, 3), "y": F(1, 4), "h": F(2)}),
    parts=(r"c^\top(gI - A)^{-1}b\,|_{r=1}", r"c^\top(gI - A)^{-1}b\,|_{r=2}"),
))

# --- S4-ALG-2 (THEOREM, operation count) -------------------------------------------------------------


def _alg2_count(dps: int, N: int, L: int, r: int) -> Any:
    """Run the Cauchy route once and return the number of summands it actually passed to ``mp.fsum``
    (the counter lives in :func:`numerics.s4.kernel_routes.cauchy_sums` and counts list lengths)."""
    measure = "legs" if r == 1 else "legt"
    A, B, S, P = ns4.hippo_nplr(measure, N, dps=dps)
    before = nker.TERMS[0]
    ns4.kernel(A, B, [1] * N, L, step=F(1, 10), method="cauchy", nplr=(S, P), dps=dps)
    return mpmath.mpf(nker.TERMS[0] - before)


_N, _L, _r = symbols("N L r", integer=True, positive=True)
_ALG2_NOTES = (
    r"Status THEOREM: the asymptotic counts (naive Cauchy $O(NL)$ per rank component, fast Cauchy "
    r"$O((N + L)\log^2(N + L))$, one FFT of length $L$) are imported from S4 Theorem 3, not proved "
    r"here. What is checked is an exact operation count of this project's route: "
    r"numerics.s4.kernel(method='cauchy') evaluates $(1 + r)^2$ Cauchy sums of $N$ summands at each of "
    r"the $L$ nodes except $z = -1$ (even $L$), and the count is read from the lists actually summed "
    r"in $\texttt{numerics.\_s4\_kernel.cauchy\_sums}$, so a route that did $O(N^2)$ work per node, or "
    r"bypassed the Cauchy sums, would fail this check (the test-suite demonstrates both). Fast Cauchy "
    r"multiplies are not implemented. Wall-clock growth (EMPIRICAL): "
    r"$\texttt{benchmarks/s4\_kernel.py}$, whose Cauchy evaluation time grows like $N^1 L^1$.")

register(Result(
    key="S4-ALG-2", title="Complexity: the naive Cauchy route costs (1 + r)^2 N terms per node, O(N L) per kernel",
    title_tex="Complexity: the naive Cauchy route costs $(1 + r)^2 N$ terms per node, $O(NL)$ per kernel",
    source=f"{S4}, Theorem 3 (confirm wording); {SU_10180}", status=Status.THEOREM, notes=_ALG2_NOTES,
    statement=lambda N, L, r: Eq(Symbol("terms"), (1 + r) ** 2 * N * (L - (1 - L % 2)), evaluate=False),
    numeric=_alg2_count, display={"N": 4, "L": 8, "r": 1},
    examples=({"N": 4, "L": 8, "r": 1}, {"N": 6, "L": 9, "r": 2}, {"N": 16, "L": 33, "r": 1}),
))

# --- S4-ALG-3 ----------------------------------------------------------------------------------------

theta = Symbol("theta", real=True)


def _alg3_derive() -> Derivation:
    g = 2 / h * (1 - exp(-I * theta)) / (1 + exp(-I * theta))
    half = sympy.simplify((g * h / 2).rewrite(tan))
    return Derivation(Eq(Function("g")(exp(-I * theta)), 2 / h * half, evaluate=False), (
        Step(r"$g(z) = (2/h)(1 - z)/(1 + z)$ at $z = \exp(-i\theta)$; multiply by $e^{i\theta/2}$", g),))


#: guard digits of the two mpmath routes written out here
_GUARD = 20  # pragma: no mutate (guard digits)


@with_dps(guard=_GUARD)
def _g_node(theta: Any, h: Any, *, dps: int) -> Any:
    """g(z) = (2/h)(1 - z)/(1 + z) at z = exp(-i theta), in mpmath."""
    zz = mpmath.mp.expj(-mpmath.mpf(theta.numerator) / theta.denominator)
    hh = mpmath.mpf(h.numerator) / h.denominator
    return 2 / hh * (1 - zz) / (1 + zz)


_ALG3_NOTES = (
    r"Hence for $c = -1/2$ (LegS, LagT) $|g - \lambda_n| \ge 1/2$ (no collision ever); for $c = 0$ "
    r"(LegT, LagT-half, FouT) $z = 1$ ($g = 0$) collides with every zero eigenvalue of the skew part "
    r"(always for odd $N$: $\det K = 0$) and a node collides when $(2/h)\tan(\pi l/L) = \omega_n$. "
    r"numerics.s4.kernel('cauchy') raises ValueError when $\min|g(z_l) - \lambda_n| < "
    r"\sqrt{10^{-\mathrm{dps}}}\,\max(1, |\lambda_n|)$ (tested). The size of the accuracy loss at a "
    r"collision is EMPIRICAL and not asserted.")

register(Result(
    key="S4-ALG-3", title="When the Cauchy form is defined: g(e^(-i theta)) = (2i/h) tan(theta/2) is imaginary",
    title_tex=r"When the Cauchy form is defined: $g(e^{-i\theta}) = (2i/h)\tan(\theta/2)$ is imaginary",
    source="derived for the spec (state-spaces/s4 special-cases FouT's zero eigenvalue)", notes=_ALG3_NOTES,
    statement=lambda: Eq(Function("g")(exp(-I * theta)), 2 * I / h * tan(theta / 2), evaluate=False),
    derive=_alg3_derive, numeric=_g_node, examples=({"theta": F(7, 10), "h": F(1, 10)}, {"theta": F(-5, 2), "h": F(3)}),
))


# --- S4-CONJ-2 ------------------------------------------------------------------------------------------

xs, ys = symbols("x y", real=True)


def _conj2_parts() -> tuple:
    A, B, C = _m("a", 2), _v("b", 2), _v("c", 2)
    return A, B, C


def _resolvent_2x2(zz: Any) -> Any:
    """C^T (I - z Abar)^-1 Bbar for the symbolic 2 x 2 system, as adj(I - z Abar) / det(I - z Abar).

    With generic symbols the numerator and det(I - z Abar) share no factor, so this is the
    lowest-terms fraction ``cancel`` of the dense inverse returns (the same expression), without
    cancel's multivariate gcd in x, y and i.
    """
    A, B, C = _conj2_parts()
    M = eye(2) - zz * A
    return sympy.expand((C.T * M.adjugate() * B)[0]) / sympy.expand(M.det())


@lru_cache(maxsize=None)  # no parameters; the Eq is immutable
def _conj2_statement() -> Eq:
    value = sympy.expand(conjugate(_resolvent_2x2(xs + I * ys)))
    return Eq(Function("G")(xs - I * ys), value, evaluate=False)


def _conj2_derive() -> Derivation:
    value = sympy.expand(_resolvent_2x2(xs - I * ys))
    return Derivation(Eq(Function("G")(xs - I * ys), value, evaluate=False),
                      (Step(r"$C^\top(I - \overline{z}\bar{A})^{-1}\bar{B}$ with real symbolic $\bar{A}$, "
                            r"$\bar{B}$, $C$",
                            Symbol("G")),))


register(Result(
    key="S4-CONJ-2", title="Hermitian symmetry of the spectrum of a real system: Khat(conj z) = conj Khat(z)",
    title_tex="Hermitian symmetry of the spectrum of a real system: "
              r"$\hat{K}(\overline{z}) = \hat{K}(z)^*$",
    source=f"standard; {S4_CODE_KERNEL} (irfft)", examples=({**_PT_A, **_PT_B, **_PT_C, **_PT_Z},),
    statement=_conj2_statement, derive=_conj2_derive, numeric=kn.conj_resolvent,
    notes=r"So $\lfloor L/2\rfloor + 1$ nodes and a real inverse transform suffice "
          "(numerics.s4.kernel(..., halve=True)).",
))

# --- S4-CONJ-1 -------------------------------------------------------------------------------------------

xr, xi = _v("r", 2), _v("i", 2)
sg, om, gx, gy = symbols("sigma omega gx gy", real=True)


def _weight(vec: Matrix) -> Any:
    c, b = _v("c", 2), _v("b", 2)
    return (vec.T * c)[0] * (vec.H * b)[0]


def _conj1_statement() -> Eq:
    x_ = xr + I * xi
    g, lam = gx + I * gy, sg + I * om
    w = _weight(x_)
    return Eq(Function("Cauchy")(g), sympy.expand(w / (g - lam) + conjugate(w) / (g - conjugate(lam))),
              evaluate=False)


def _conj1_derive() -> Derivation:
    x_ = xr + I * xi
    g, lam = gx + I * gy, sg + I * om
    full = _weight(x_) / (g - lam) + _weight(x_.conjugate()) / (g - conjugate(lam))
    return Derivation(Eq(Function("Cauchy")(g), sympy.expand(full), evaluate=False), (
        Step(r"Both poles of a conjugate pair with their own weights $(x^\top C)(x^*B)$, $\bar{x}$ for "
             r"$\bar{\lambda}$", full),))


@with_dps(guard=_GUARD)
def _conj1_numeric(*, dps: int, **p: Any) -> Any:
    """Both poles of the conjugate pair summed with their own weights, in mpmath."""
    mp = mpmath.mp
    v = lambda k: mpmath.mpf(p[k].numerator) / p[k].denominator  # noqa: E731
    x_ = [mp.mpc(v("r1"), v("i1")), mp.mpc(v("r2"), v("i2"))]
    c, b = [v("c1"), v("c2")], [v("b1"), v("b2")]
    g, lam = mp.mpc(v("gx"), v("gy")), mp.mpc(v("sigma"), v("omega"))
    tot = mp.mpf(0)
    for vec, pole in ((x_, lam), ([mp.conj(t) for t in x_], mp.conj(lam))):
        wt = mp.fsum(vec[i] * c[i] for i in range(2)) * mp.fsum(mp.conj(vec[i]) * b[i] for i in range(2))
        tot += wt / (g - pole)
    return tot


_CONJ1_NOTES = (
    r"For real $S = cI + K$, $Kx = i\omega x$ implies $K\bar{x} = -i\omega \bar{x}$, so the weight of "
    r"the conjugate pole is the conjugate weight: sum over $\mathrm{Im}(\lambda) < 0$ of $[v/(g - "
    r"\lambda) + \bar{v}/(g - \bar{\lambda})]$ plus real poles once (odd $N$: $\omega = 0$). "
    r"numerics.s4.kernel(..., method='cauchy', halve=True) uses it; the test-suite compares with the "
    r"full sum.")

register(Result(
    key="S4-CONJ-1", title="Conjugate-pair halving of the Cauchy sums of a real system",
    source=f"{S4_CODE_KERNEL} cauchy_naive; {S4}, §3.3", notes=_CONJ1_NOTES,
    statement=_conj1_statement, derive=_conj1_derive, numeric=_conj1_numeric,
    examples=({"r1": F(1, 2), "r2": F(-1, 3), "i1": F(2, 5), "i2": F(3, 4), "c1": F(1), "c2": F(-2, 3),
               "b1": F(1, 7), "b2": F(5, 2), "sigma": F(-1, 2), "omega": F(3, 2), "gx": F(1, 10), "gy": F(7, 3)},),
))


# --- S4-REC-1 ---------------------------------------------------------------------------------------------


def _qh(M: Matrix) -> Any:
    """``M`` as a DomainMatrix over the rational function field Q(h) (exact, canonical fractions)."""
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    return DomainMatrix.from_Matrix(M).convert_to(QQ.frac_field(h))


def _affine(Mx: Any, vu: Any, N: int) -> Matrix:
    """The state update ``Mx x + vu u`` with symbolic x_0..x_(N-1), u from Q(h) coefficient matrices."""
    xv, u = symbols(f"x0:{N}"), Symbol("u")
    Mx, vu = Mx.to_Matrix(), vu.to_Matrix()
    return Matrix([sympy.Add(*[Mx[i, j] * xv[j] for j in range(N)]) + vu[i, 0] * u for i in range(N)])


def _rec_statement(N: int) -> Matrix:
    """Woodbury form of the step: D = (2/h - S)^-1, W = D - D P (1 + P^T D P)^-1 P^T D applied to
    (2/h + S) x - P (P^T x) + 2 B u (exact over Q(h); LagT has rational NPLR factors)."""
    S, P, B = nplr("lagt", N)
    # P = 1/sqrt2: write P P^T = Q (Q/2)^T with Q = sqrt2 P = (1, ..., 1) so every entry is rational
    Q = P * sympy.sqrt(2)
    Qd, Qh = _qh(Q), _qh(Q / 2)
    D = _qh((2 / h) * eye(N) - S).inv()
    core = (_qh(eye(1)) + Qh.transpose() * D * Qd).inv()  # I_r + P^T D P
    # Woodbury, associated as (D P core)(P^T D): an outer product of two vectors, where the left-to-right
    # product would multiply N x N matrices of rational functions (the same matrix, several times the work)
    Wd = D - (D * Qd * core) * (Qh.transpose() * D)
    plus = _qh((2 / h) * eye(N) + S) - Qd * Qh.transpose()  # (2/h + S) - P P^T (applied as a rank-r update)
    return _affine(Wd * plus, Wd * _qh(2 * B), N)


def _rec_derive(N: int) -> Derivation:
    A, B = transition("lagt", N)
    minus_inv = _qh(eye(N) - h / 2 * A).inv()
    Ab, Bb = minus_inv * _qh(eye(N) + h / 2 * A), minus_inv * _qh(h * B)
    dense = _affine(Ab, Bb, N)
    return Derivation(dense, (Step(r"Dense bilinear step $\bar{A}x + \bar{B}u$ over "
                                   r"$\mathbb{Q}(h)$", dense),))


_REC_NOTES = (
    r"Symbolic state $x$, input $u$ and step $h$ for the LagT system (rational NPLR, so exact "
    r"arithmetic over $\mathbb{Q}(h)$), proved for every $N = 1,\ldots,6$ (the spec asks for $N \le "
    r"4$). In the rotated basis $D = (2/h - \Lambda)^{-1}$ is diagonal and each step costs $O(Nr)$ "
    r"($\texttt{numerics.s4.nplr\_step}$: the numeric route, rotated back). The recurrence needs $C$, "
    r"not $\tilde{C}$: $C = (I - \bar{A}^L)^{-\top}\tilde{C}$. The test-suite also checks LegS $N = 8$ "
    r"against the dense step.")

register(Result(
    key="S4-REC-1", title="O(N) recurrent step: Woodbury inverse of (2/h - S + P P^T) and a rank-r update",
    title_tex=r"$O(N)$ recurrent step: Woodbury inverse of $(2/h - S + PP^\top)$ and a rank-$r$ update",
    source=f"{S4}, Theorem 2 (confirm wording); {S4_CODE_KERNEL} _step_state_linear; {SU_10162}",
    statement=_rec_statement, derive=_rec_derive, numeric=partial(kn.rotated_step, "lagt"), notes=_REC_NOTES,
    examples=({"N": 3, "x0": F(1), "x1": F(-1, 2), "x2": F(2, 3), "u": F(3, 4), "h": F(1, 10)},
              {"N": 4, "x0": F(1), "x1": F(-1, 2), "x2": F(2, 3), "x3": F(1, 5), "u": F(-1), "h": F(2)}),
    bound=Bound("N", 1, 6), display={"N": 3},
))


# --- S4-S4D-1 / S4D-2 ---------------------------------------------------------------------------------

_KS = 6


def _bilinear_groups(V: Matrix, Bp: Matrix, k: int) -> list:
    """sum_j V_ij B'_j coef_j r_j^k for each i (bilinear coef_j, r_j), as elements of the field Q(h).

    Field arithmetic gives each group as the canceled fraction ``cancel`` returns for the generic
    expression, without expanding the powers r_j^k of rational functions first.
    """
    field = QQ.frac_field(h)
    hh, N = field.gens[0], V.rows
    terms = []
    for j in range(N):
        lam = -(j + 1)
        den = 1 - hh * QQ(lam, 2)
        terms.append(field.convert(Bp[j]) * hh / den * ((1 + hh * QQ(lam, 2)) / den) ** k)
    return [field.to_sympy(sum((field.convert(V[i, j]) * terms[j] for j in range(N)), field.zero))
            for i in range(N)]


def _s4d_statement(N: int, disc: str) -> Matrix:
    """K_k = sum_j C'_j B'_j coef_j r_j^k, C'_j = sum_i sqrt(2i+1) V_ij: grouped by sqrt(2i+1)."""
    V = legs_eigenvectors(N)
    Bp = V.inv() * Matrix([1] * N)
    out = []
    for k in range(_KS):
        if disc == "zoh":
            lams = [-(j + 1) for j in range(N)]
            terms = [Bp[j] * (exp(h * lam) - 1) / lam * exp(k * h * lam) for j, lam in enumerate(lams)]
            group = [sympy.expand(sum(V[i, j] * terms[j] for j in range(N))) for i in range(N)]
        else:
            group = _bilinear_groups(V, Bp, k)
        out.append(sympy.Add(*[sympy.sqrt(2 * i + 1) * group[i] for i in range(N)]))
    return Matrix(out)


def _s4d_derive(N: int, disc: str) -> Derivation:
    M = integer_legs(N)
    v = Matrix([sympy.sqrt(2 * n + 1) for n in range(N)])  # C^T T for C = 1
    one = Matrix([1] * N)  # T^-1 B
    if disc == "zoh":
        E = (h * M).exp().applyfunc(sympy.expand)
        Bb = (M.inv() * (E - eye(N)) * one).applyfunc(sympy.expand)
        out, x_ = [], Bb
        for _ in range(_KS):
            out.append(sympy.Add(*[v[i] * sympy.expand(x_[i]) for i in range(N)]))
            x_ = (E * x_).applyfunc(sympy.expand)
        cap = r"ZOH from the definition: $\exp(hM)$ ($M = T^{-1}AT$) and $M^{-1}(\exp(hM) - I)T^{-1}B$"
    else:
        field = QQ.frac_field(h)  # exact arithmetic in Q(h)
        dm = lambda X: DomainMatrix.from_Matrix(X).convert_to(field)  # noqa: E731
        minus_inv = dm(eye(N) - h / 2 * M).inv()
        Mb = minus_inv * dm(eye(N) + h / 2 * M)
        x_ = minus_inv * dm(h * one)
        out = []
        for _ in range(_KS):
            col = x_.to_Matrix()  # canceled fractions (field elements)
            out.append(sympy.Add(*[v[i] * col[i] for i in range(N)]))
            x_ = Mb * x_
        cap = r"Dense bilinear pair of $M = T^{-1}AT$ over $\mathbb{Q}(h)$, repeated products"
    return Derivation(Matrix(out), (Step(cap, Matrix(out)),))


_S4D_NOTES = (
    r"$K_k = \sum_n C'_n B'_n\,\mathrm{coef}_n\,r_n^k$ with $\lambda_n = -1,\ldots,-N$, "
    r"$B' = (TV)^{-1}B$, $C' = (TV)^\top C$, $C = 1$ (S4-EIG-3 basis); zoh: "
    r"$\mathrm{coef} = (e^{h\lambda} - 1)/\lambda$, $r = e^{h\lambda}$; bilinear: "
    r"$\mathrm{coef} = h/(1 - h\lambda/2)$, $r = (1 + h\lambda/2)/(1 - h\lambda/2)$. With one "
    r"member of each conjugate pair stored, $K = 2\,\mathrm{Re}$ of the half sum "
    r"($\texttt{numerics.s4.s4d\_kernel}$, $\texttt{conj\_pairs=True}$). Golden G-S5/G-S6 in the "
    r"test-suite. Numeric: dense ")

for _disc, _key, _title, _route, _numeric in (
        ("zoh", "S4-S4D-1", "S4D ZOH diagonal (Vandermonde) kernel", "block-exponential ZOH (mp.expm)",
         kn.legs_zoh_kernel),
        ("bilinear", "S4-S4D-2", "S4D bilinear diagonal kernel", "bilinear repeated products",
         kn.legs_bilinear_kernel)):
    register(Result(
        key=_key, title=_title + " for LegS in its real eigenbasis", notes=f"{_S4D_NOTES}{_route}.",
        source=f"{S4D}; {S4_CODE_KERNEL} SSMKernelDiag (disc='{_disc}')", numeric=partial(_numeric, K=_KS),
        statement=partial(_s4d_statement, disc=_disc), derive=partial(_s4d_derive, disc=_disc),
        params=draw(N=s.sizes(1, 6), h=s.positive_rationals(1, max_denominator=100)),
        examples=({"N": 4, "h": F(1, 10)}, {"N": 3, "h": F(1, 2)}), bound=Bound("N", 1, 4), display={"N": 2},
    ))

# --- S4-DBL-1 ----------------------------------------------------------------------------------------------


def _dbl_statement(L: int) -> Matrix:
    if not isinstance(L, int):  # Abar**L for a symbolic L would need a Jordan form: shown at a concrete L
        raise TypeError("L must be a concrete integer")
    A, C = _in_poly_ring(_m("a", 2), _v("c", 2))
    AL, I2 = A ** L, A.eye(2, A.domain)
    return ((I2 + AL).transpose() * (I2 - AL).transpose() * C).to_Matrix()


def _dbl_derive(L: int) -> Derivation:
    A, C = _in_poly_ring(_m("a", 2), _v("c", 2))
    value = ((A.eye(2, A.domain) - A ** (2 * L)).transpose() * C).to_Matrix()
    return Derivation(value, (Step(r"$(I - \bar{A}^{2L})^\top C$", Symbol("Ct2L")),))


register(Result(
    key="S4-DBL-1", title="Length doubling: Ctilde_2L = (I + Abar^L)^T Ctilde_L",
    title_tex=r"Length doubling: $\tilde{C}_{2L} = (I + \bar{A}^L)^\top \tilde{C}_L$",
    source=f"{S4_CODE_KERNEL} _setup_C", statement=_dbl_statement, derive=_dbl_derive, numeric=kn.doubled_ctilde,
    examples=({"L": 3, **_PT_A, **_PT_C}, {"L": 6, **_PT_A, **_PT_C}), bound=Bound("L", 1, 6), display={"L": 2},
    notes=r"$I - \bar{A}^{2L} = (I - \bar{A}^L)(I + \bar{A}^L)$ (the factors commute); symbolic $2\times2$ "
          r"$\bar{A}$. The test-suite checks that the length-$2L$ kernel from $\tilde{C}_{2L}$ equals "
          r"repeated products.",
))

# --- S4-RTF-1 ------------------------------------------------------------------------------------------------

_zp = Symbol("z")


def _legs_int_system(N: int, step: Any) -> tuple:
    """Bilinear pair of M = T^-1 A T (rational) with T^-1 B = 1, and the output row C^T T for C = 1."""
    Mb, Bb = bilinear_exact(integer_legs(N), Matrix([1] * N), step)
    return Mb, Bb, Matrix([2 * n + 1 for n in range(N)])  # T C-tilde uses T^2 on the row: see below


def _rtf_statement(L: int, N: int = 3) -> Matrix:
    Mb, Bb, _ = _legs_int_system(N, Rational(1, 10))
    row = Matrix([[1] * N])  # C^T T = 1^T for C = T^-1 1 (rational RTF data)
    out, v = [], Bb
    for _ in range(L):
        out.append(sympy.expand((row * v)[0]))
        v = Mb * v
    return Matrix(out)


def _transfer(Mb: Matrix, Bb: Matrix, c: Matrix) -> tuple:
    """(b, a) of RTF-RAT-1 by the determinant formula (Berkowitz characteristic polynomials)."""
    lam = Symbol("lambda")
    chi = Mb.charpoly(lam).all_coeffs()
    chi_fb = (Mb - Bb * c.T).charpoly(lam).all_coeffs()
    return [sympy.expand(p - q) for p, q in zip(chi_fb[1:], chi[1:])], chi[1:]


def _rtf_data(L: int, N: int) -> tuple:
    Mb, Bb, _ = _legs_int_system(N, Rational(1, 10))
    row = Matrix([1] * N)
    ct = (eye(N) - Mb ** L).T * row  # Ctilde in the integer basis
    return _transfer(Mb, Bb, ct)


def _rtf_derive(L: int, N: int = 3) -> Derivation:
    b, a = _rtf_data(L, N)
    bz = sum(bi * _zp ** i for i, bi in enumerate(b))
    az = 1 + sum(ai * _zp ** (i + 1) for i, ai in enumerate(a))
    inv = sympy.invert(Poly(az, _zp, domain="QQ"), Poly(_zp ** L - 1, _zp, domain="QQ"))
    K = sympy.rem(sympy.expand(bz * inv.as_expr()), _zp ** L - 1, _zp)
    c = Poly(K, _zp).all_coeffs()[::-1]
    return Derivation(Matrix([sympy.expand(c[k]) if k < len(c) else 0 for k in range(L)]), (
        Step(r"$(b, a)$ = transfer function of $(\bar{A}, \bar{B}, \tilde{C})$ by the determinant formula "
             "(RTF-RAT-1)", Tuple(Matrix(b).T, Matrix(a).T)),
        Step(r"$\texttt{fft\_kernel}$ in exact arithmetic: $b(z)a(z)^{-1}$ in $\mathbb{Q}[z]/(z^L - 1)$", K),
    ))


def _rtf_numeric(dps: int, L: int, N: int = 3) -> Any:
    from numerics.rational.kernels import fft_kernel

    b, a = _rtf_data(L, N)
    return mpmath.matrix(fft_kernel(b, a, L, dps=dps))


_RTF_NOTES = (
    r"LegS, step $1/10$, $C = T^{-1}\mathbf{1}$ (so all data are rational in the basis "
    r"$M = T^{-1}AT$), $N = 3$ for the proof ($N < L$). Statement: $K_k = C^\top \bar{A}^k \bar{B}$ "
    r"(exact); derivation: the RTF route $b(z)a(z)^{-1}\ \mathrm{mod}\ z^L - 1$ with $(b, a)$ from the "
    r"determinant formula applied to $\tilde{C}$ (computed in the similar rational basis "
    r"$M = T^{-1}AT$). Numeric: $\texttt{numerics.rational.fft\_kernel}$.")

register(Result(
    key="S4-RTF-1", title="S4 kernel = RTF kernel: fft_kernel(transfer_function(Abar, Bbar, Ctilde)) = K",
    title_tex="S4 kernel = RTF kernel: "
              r"$\texttt{fft\_kernel}(\texttt{transfer\_function}(\bar{A}, \bar{B}, \tilde{C})) = K$",
    source=f"{SU_10180} (S4 and RTF as the same object); RTF pillar RTF-RAT-1, RTF-FFT-1", notes=_RTF_NOTES,
    statement=_rtf_statement, derive=_rtf_derive, numeric=_rtf_numeric,
    examples=({"L": 8, "N": 3}, {"L": 16, "N": 6}), bound=Bound("L", 4, 8), display={"L": 4},
))

# --- S4-MEM-1 --------------------------------------------------------------------------------------------------

s_, sg_ = symbols("s sigma", positive=True)


@lru_cache(maxsize=None)
def _integral_of_factor(f: Any) -> Any:
    """int_0^s f(sigma) d sigma for one sigma-dependent factor (cached: the statement and the
    derivation integrate the same few factors sigma e^(k sigma))."""
    return sympy.integrate(f, (sg_, 0, s_))


def _integral_0_s(expr: Any) -> Any:
    """int_0^s expr d sigma, term by term (linearity): each expanded term is a factor free
    of sigma times a factor sigma e^(k sigma), integrated once by SymPy, instead of one Risch integration
    of the whole sum per entry."""
    terms = (t.as_independent(sg_, as_Add=False) for t in sympy.Add.make_args(sympy.expand(expr)))
    return sympy.expand(sympy.Add(*[c * _integral_of_factor(f) for c, f in terms]))


def _mem_statement(N: int) -> Matrix:
    rr = Symbol("rr")
    out = []
    for n in range(N):
        Pn = sympy.legendre(n, 2 * rr - 1)
        integrand = sympy.expand(sg_ * rr * sympy.sqrt(2 * n + 1) * Pn).subs(rr, exp(sg_ - s_))
        out.append(_integral_0_s(integrand))
    return Matrix(out)


def _mem_derive(N: int) -> Derivation:
    M = integer_legs(N)
    t = Symbol("t")
    E = (t * M).exp()  # exp(t A) = T exp(t M) T^-1
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(N)])
    kern = (T * E * Matrix([1] * N)).subs(t, s_ - sg_)  # exp(A (s - sigma)) B, T^-1 B = 1
    x_ = (kern * sg_).applyfunc(_integral_0_s)
    return Derivation(x_, (Step(r"$x(s) = \int_0^s \exp(A(s - \sigma))\,Bu(\sigma)\,d\sigma$, "
                                r"$u(\sigma) = \sigma$, with $\exp(tA) = T \exp(tM) T^{-1}$", x_),))


register(Result(
    key="S4-MEM-1", title="LTI LegS is LegS in log-time: exponentially warped Legendre memory",
    source=f"{SU_10162} (exponential decay); {TRAIN_HIPPO}", statement=_mem_statement, derive=_mem_derive,
    numeric=kn.logtime_state, examples=({"N": 2, "s": F(1, 2)},), bound=Bound("N", 1, 3), display={"N": 2},
    notes=r"Chain rule: $y(s) = x(e^s)$ with $tx' = Ax + Bu(\ln t)$ gives $dy/ds = Ay + Bu(s)$; hence "
          r"$x(s) = \int u(\sigma)e^{\sigma - s}\sqrt{2n+1}\,P_n(2e^{\sigma - s} - 1)\,d\sigma$ (input "
          r"$u(\sigma) = \sigma$ on $[0, s]$, zero before). Numeric: mp.odefun of $x' = Ax + Bu$.",
))
