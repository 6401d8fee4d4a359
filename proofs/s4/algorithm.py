"""Registered S4 results on Algorithm 1 and its relatives (spec ``s4.md`` §2.5-2.7):
S4-ALG-1..3, S4-CONJ-1/2, S4-REC-1, S4-S4D-1/2, S4-DBL-1, S4-RTF-1, S4-MEM-1.

Symbolic routes: S4 Algorithm 1 for every size and rank (block elimination in the free algebra, as
S4-WB-1, then Cauchy sums of a diagonal matrix); length doubling as an identity of polynomials in one
matrix, for every L; Hermitian symmetry with fully symbolic real N x N systems, N = 1..3; exact LegS and
LagT systems for small N (the recurrent step, S4D, the RTF equivalence, the LegS impulse response);
polynomial arithmetic modulo :math:`z^L-1` for the RTF equivalence.  Numeric routes: dense mpmath linear
algebra, ``mp.expm`` (ZOH, the impulse response), the RTF pillar's ``fft_kernel``, and the instrumented
Cauchy route of :mod:`numerics.s4` (operation count).

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
from numerics.s4 import certified as cert
from numerics.s4 import identities as kn
from numerics.s4 import kernel_routes as nker
from numerics.s4 import kernels as ns4

from .factors import bilinear_exact, integer_legs, legs_eigenvectors, nplr
from .kernel import (_PT_3, _PT_A, _PT_B, _PT_C, _PT_Z, _entries, _m, _scalar_reason, _v, _words_reason,
                     eliminate, h)
from .matrix_algebra import at_matrix, evaluator, point_matrix, point_vector, sized_points, word_value, words
from proofs.core import Bound, Derivation, Result, Scope, Status, Step, checks, register
from proofs.core.bibliography import S4, S4_CODE_KERNEL, S4D, SU_10162, SU_10180, TRAIN_HIPPO
from proofs.core.params import draw, s
from proofs.hippo import transition

__all__: list[str] = []

# --- S4-ALG-1 -------------------------------------------------------------------------------------------

_cw, _bw, _Pw, _Qw, _Dw, _Kw = words("c b P Qhat D K")  # c = ctilde^T (row), Qhat = Q^*, D = gI - Lambda
_Diw = _Dw ** -1
_n, _Nsym = Symbol("n", integer=True, positive=True), Symbol("N", integer=True, positive=True)
_lam, _ci, _bi = sympy.IndexedBase("lambda"), sympy.IndexedBase("c"), sympy.IndexedBase("b")
gsym = Symbol("g")


@lru_cache(maxsize=None)  # no parameters; the Eq is immutable
def _alg1_statement() -> Eq:
    """k00 - k01 (I + k11)^-1 k10 with the Cauchy sums k00 = c D^-1 b, k01 = c D^-1 P, k10 = Qhat D^-1 b,
    k11 = Qhat D^-1 P, D = gI - Lambda (diagonal), Qhat = Q^*, K = (I + k11)^-1."""
    k00, k01, k10 = _cw * _Diw * _bw, _cw * _Diw * _Pw, _Qw * _Diw * _bw
    return Eq(Function("R")(gsym), k00 - k01 * _Kw * k10, evaluate=False)


def _alg1_derive() -> Derivation:
    X, _ = eliminate(_Dw, _Diw, _Pw, _Qw, _Kw, +1)  # (D_g + P Q^*)^-1, K = (I_r + Q^* D_g^-1 P)^-1
    value = sympy.expand(_cw * X * _bw)
    cauchy = sympy.Sum(_ci[_n] * _bi[_n] / (gsym - _lam[_n]), (_n, 1, _Nsym))
    return Derivation(Eq(Function("R")(gsym), value, evaluate=False), (
        Step(r"$gI - A = D + P\hat{Q}$ with $D = gI - \Lambda$, $\hat{Q} = Q^*$, for $A = \Lambda - PQ^*$: its "
             r"inverse by block elimination (S4-WB-1), symbols for matrices of any size $N$ and rank $r$", X),
        Step(r"Sandwiched between $c = \tilde{c}^\top$ and $b$: the four products $k_{00} = cD^{-1}b$, "
             r"$k_{01} = cD^{-1}P$, $k_{10} = \hat{Q}D^{-1}b$, $k_{11} = \hat{Q}D^{-1}P$ appear, with "
             r"$K = (I_r + k_{11})^{-1}$", value),
        Step(r"$D$ is diagonal, so each is a Cauchy sum, e.g. $k_{00}$", Eq(Symbol("k00"), cauchy, evaluate=False)),
    ))


def _alg1_value(statement: Any, point: Any) -> Any:
    N, r = point["N"], point["r"]
    g = checks.to_mpmath(sympy.N(sympy.Rational(point["x"]) + I * sympy.Rational(point["y"]), mpmath.mp.dps))
    # D = gI - Lambda is diagonal: its inverse diag(1/(g - lambda_n)) makes each k_ij a Cauchy sum
    D = mpmath.diag([g - checks.to_mpmath(sympy.Rational(point[f"l{i + 1}"])) for i in range(N)])
    P, Q = point_matrix(point, "p", N, r), point_matrix(point, "q", N, r)
    mats = {_cw: point_vector(point, "c", N).T, _bw: point_vector(point, "b", N), _Pw: P, _Qw: Q.T, _Dw: D,
            _Kw: mpmath.inverse(mpmath.eye(r) + Q.T * mpmath.inverse(D) * P)}
    return word_value(checks.value_of(statement), mats, {})


def _alg1_fields(N: int, r: int) -> dict[str, Any]:
    return {**{f"l{i + 1}": s.rationals(-3, 0, max_denominator=20) for i in range(N)},
            **_entries("p", N, r, lo=-1, hi=1), **_entries("q", N, r, lo=-1, hi=1), **_entries("c", N, 0),
            **_entries("b", N, 0), "x": s.rationals(-1, 1, max_denominator=20),
            "y": s.rationals(F(1, 2), 2, max_denominator=20)}


_PT_ALG = {"N": 2, "l1": F(-1, 2), "l2": F(-3, 2), "c1": F(1), "c2": F(-3, 2), "b1": F(2, 3), "b2": F(1, 2)}
_PT_R1 = {"r": 1, "p11": F(1, 2), "p21": F(2, 3), "q11": F(3, 4), "q21": F(-1, 5)}
_PT_R2 = {"r": 2, "p11": F(1, 2), "p12": F(1, 3), "p21": F(-1), "p22": F(2, 5), "q11": F(1, 4), "q12": F(-2, 3),
          "q21": F(1, 6), "q22": F(1)}  # pragma: no mutate (example point)

_ALG1_NOTES = (
    r"$R(g) = c^\top(gI - A)^{-1}b$; with S4-RES-1, $\hat{K}(z) = \tfrac{2}{1+z}\,R(g(z))$, "
    r"$g(z) = (2/h)(1-z)/(1+z)$. Proved for every size $N$ and rank $r$: the rotated system "
    r"$A = \Lambda - PQ^*$ with $D = gI - \Lambda$, $P$, $\hat{Q} = Q^*$, $c$, $b$ symbols for matrices, "
    r"the inverse of $D + P\hat{Q}$ by the block elimination of S4-WB-1; $K = (I_r + k_{11})^{-1}$; each "
    r"$k_{ij}$ is a Cauchy sum $\sum_n a_n b_n/(g - \lambda_n)$ because $D$ is diagonal. For real $\tilde{C}$ the "
    r"pairing $c$ is $V^\top\tilde{C}$ (plain transpose, convention 3; papers write $c^*$). Numeric: "
    r"$c^\top(gI - A)^{-1}b$ by a dense solve at drawn $N$, $r$ (the closed form is evaluated through the "
    r"Cauchy sums). The $O(NL)$ kernel route is numerics.s4.kernel(method='cauchy'); the test-suite "
    r"compares it with 'power' to $10^{-35}$ for LegS, LagT, LegT (rank 2) and LagT-half, odd and even "
    r"$L$ (including the $z = -1$ node).")

register(Result(
    key="S4-ALG-1", uncertified=_words_reason("c, D^-1, b, P, Qhat and K = (I + Qhat D^-1 P)^-1"),
    title="S4 Algorithm 1: c^T (g I - A)^-1 b = k00 - k01 (I + k11)^-1 k10 with Cauchy sums",
    title_tex=r"S4 Algorithm 1: $c^\top(gI - A)^{-1}b = k_{00} - k_{01}(I + k_{11})^{-1}k_{10}$ with Cauchy "
              "sums",
    source=f"{S4}, Algorithm 1 / Theorem 3; {SU_10162}", notes=_ALG1_NOTES,
    statement=lambda N=None, r=None: _alg1_statement(), derive=_alg1_derive, numeric=kn.cauchy_pair,
    evaluate=evaluator(_alg1_value), params=sized_points({"N": (2, 4), "r": (1, 3)}, _alg1_fields),
    examples=({**_PT_ALG, **_PT_R1, **_PT_Z}, {**_PT_ALG, **_PT_R2, "x": F(-1, 3), "y": F(1, 4)},
              {"N": 3, "r": 2, "l1": F(-1, 2), "l2": F(-3, 2), "l3": F(-5, 2), "p11": F(1, 2), "p12": F(1, 3),
               "p21": F(-1), "p22": F(2, 5), "p31": F(1, 4), "p32": F(0), "q11": F(1, 4), "q12": F(-2, 3),
               "q21": F(1, 6), "q22": F(1), "q31": F(-1, 2), "q32": F(1, 3), "c1": F(1), "c2": F(-3, 2),
               "c3": F(2), "b1": F(2, 3), "b2": F(1, 2), "b3": F(-1), "x": F(1, 5), "y": F(2, 3)}),
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


def _alg2_points() -> Any:
    """N, L and the rank r (1: LegS, 2: LegT); LegT needs an even N (an odd one collides at z = 1, S4-ALG-3)."""
    even_for_rank_2 = lambda p: {**p, "N": p["N"] + p["N"] % 2 if p["r"] == 2 else p["N"]}  # noqa: E731
    return draw(N=s.sizes(1, 11), L=s.sizes(1, 24), r=s.sizes(1, 2))().map(even_for_rank_2)


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
    uncertified="the quantity is an operation count of the mpmath Cauchy route (the summands it passes to "
                "mp.fsum), a property of that implementation, not a number an Arb route could recompute",
    statement=lambda N, L, r: Eq(Symbol("terms"), (1 + r) ** 2 * N * (L - (1 - L % 2)), evaluate=False),
    numeric=_alg2_count, display={"N": 4, "L": 8, "r": 1}, params=_alg2_points,
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
    derive=_alg3_derive, numeric=_g_node, certified=cert.g_node,
    examples=({"theta": F(7, 10), "h": F(1, 10)}, {"theta": F(-5, 2), "h": F(3)}),
    params=draw(theta=s.rationals(-3, 3, max_denominator=100), h=s.positive_rationals(4, max_denominator=100)),
))


# --- S4-CONJ-2 ------------------------------------------------------------------------------------------

xs, ys = symbols("x y", real=True)
_CONJ_MAX = 3


def _resolvent_NxN(N: int, zz: Any) -> Any:
    """C^T (I - z Abar)^-1 Bbar for the fully symbolic real N x N system, as adj(I - z Abar) / det(I - z Abar).

    With generic symbols the numerator and det(I - z Abar) share no factor, so this is the lowest-terms
    fraction ``cancel`` of the dense inverse returns, without cancel's multivariate gcd in x, y and i.
    """
    A, B, C = _m("a", N), _v("b", N), _v("c", N)
    M = eye(N) - zz * A
    return sympy.expand((C.T * M.adjugate() * B)[0]) / sympy.expand(M.det())


def _conj2_statement(N: int) -> Eq:
    value = sympy.expand(conjugate(_resolvent_NxN(N, xs + I * ys)))
    return Eq(Function("G")(xs - I * ys), value, evaluate=False)


def _conj2_derive(N: int) -> Derivation:
    value = sympy.expand(_resolvent_NxN(N, xs - I * ys))
    return Derivation(Eq(Function("G")(xs - I * ys), value, evaluate=False),
                      (Step(r"$C^\top(I - \overline{z}\bar{A})^{-1}\bar{B}$ at $\overline{z} = x - iy$ with a real "
                            r"symbolic $N \times N$ system $\bar{A}$, $\bar{B}$, $C$ (adjugate over determinant)",
                            value),))


def _conj2_fields(N: int) -> dict[str, Any]:
    return {**_entries("a", N), **_entries("b", N, 0), **_entries("c", N, 0),
            "x": s.rationals(-1, 1, max_denominator=20), "y": s.rationals(-1, 1, max_denominator=20)}


register(Result(
    key="S4-CONJ-2", title="Hermitian symmetry of the spectrum of a real system: Khat(conj z) = conj Khat(z)",
    title_tex="Hermitian symmetry of the spectrum of a real system: "
              r"$\hat{K}(\overline{z}) = \hat{K}(z)^*$",
    source=f"standard; {S4_CODE_KERNEL} (irfft)",
    examples=({"N": 2, **_PT_A, **_PT_B, **_PT_C, **_PT_Z},
              {"N": 3, **_PT_3, "x": F(-2, 5), "y": F(9, 10)}),
    statement=_conj2_statement, derive=_conj2_derive, numeric=kn.conj_resolvent,
    certified=cert.conj_resolvent,
    params=sized_points({"N": (1, _CONJ_MAX)}, _conj2_fields), bound=Bound("N", 1, _CONJ_MAX), display={"N": 2},
    notes=r"Proved with fully symbolic real $N \times N$ systems for every $N = 1, 2, 3$ ($N = 4$ takes "
          r"minutes); for every $N$ it holds because $\hat{K}(z) = C^\top \mathrm{adj}(I - z\bar{A})\bar{B}/"
          r"\det(I - z\bar{A})$ is a ratio of polynomials in $z$ with real coefficients (not computed for "
          r"general $N$). So $\lfloor L/2\rfloor + 1$ nodes and a real inverse transform suffice "
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
    certified=cert.conj_pair,
    examples=({"r1": F(1, 2), "r2": F(-1, 3), "i1": F(2, 5), "i2": F(3, 4), "c1": F(1), "c2": F(-2, 3),
               "b1": F(1, 7), "b2": F(5, 2), "sigma": F(-1, 2), "omega": F(3, 2), "gx": F(1, 10), "gy": F(7, 3)},),
    params=draw(**{k: s.rationals(-2, 2, max_denominator=20) for k in ("r1", "r2", "i1", "i2", "c1", "c2", "b1", "b2")},
                sigma=s.rationals(-2, F(-1, 10), max_denominator=20), omega=s.rationals(F(1, 10), 4, max_denominator=20),
                gx=s.rationals(0, 1, max_denominator=20), gy=s.rationals(-5, 5, max_denominator=20)),
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
    r"($\texttt{numerics.s4.nplr\_step}$, compared with this closed form by the test-suite). Numeric: the "
    r"dense step $\bar{A}x + \bar{B}u$ in mpmath. The recurrence needs $C$, "
    r"not $\tilde{C}$: $C = (I - \bar{A}^L)^{-\top}\tilde{C}$. Exact proof for LagT only; for the other "
    r"measures the step is S4-WB-1 (proved for every size and rank) applied to $D = 2/h - S$, and the "
    r"test-suite checks LegS $N = 8$ against the dense step numerically.")

register(Result(
    key="S4-REC-1", title="O(N) recurrent step, LagT: Woodbury inverse of (2/h - S + P P^T) and a rank-1 update",
    title_tex=r"$O(N)$ recurrent step, LagT: Woodbury inverse of $(2/h - S + PP^\top)$ and a rank-1 update",
    source=f"{S4}, Theorem 2 (confirm wording); {S4_CODE_KERNEL} _step_state_linear; {SU_10162}",
    statement=_rec_statement, derive=_rec_derive, numeric=partial(kn.dense_step, "lagt"), notes=_REC_NOTES,
    certified=cert.lagt_dense_step,
    examples=({"N": 3, "x0": F(1), "x1": F(-1, 2), "x2": F(2, 3), "u": F(3, 4), "h": F(1, 10)},
              {"N": 4, "x0": F(1), "x1": F(-1, 2), "x2": F(2, 3), "x3": F(1, 5), "u": F(-1), "h": F(2)}),
    bound=Bound("N", 1, 6), display={"N": 3},
    params=sized_points({"N": (1, 6)}, lambda N: {**{f"x{i}": s.rationals(-2, 2, max_denominator=20) for i in range(N)},
                                                  "u": s.rationals(-2, 2, max_denominator=20),
                                                  "h": s.positive_rationals(2, max_denominator=100)}),
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


_c = symbols("c1:17", real=True)  # the output vector C, symbolic


def _s4d_statement(N: int, disc: str) -> Matrix:
    """K_k = sum_j C'_j B'_j coef_j r_j^k, C'_j = sum_i c_i sqrt(2i+1) V_ij: grouped by c_i sqrt(2i+1)."""
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
        out.append(sympy.Add(*[_c[i] * sympy.sqrt(2 * i + 1) * group[i] for i in range(N)]))
    return Matrix(out)


def _s4d_derive(N: int, disc: str) -> Derivation:
    M = integer_legs(N)
    v = Matrix([_c[n] * sympy.sqrt(2 * n + 1) for n in range(N)])  # C^T T
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
    r"$B' = (TV)^{-1}B$, $C' = (TV)^\top C$ (S4-EIG-3 basis), $C$ and $h$ symbolic, proved for $N = 1,\ldots,4$ "
    r"and the entries $K_0,\ldots,K_5$ (not for every $k$); zoh: "
    r"$\mathrm{coef} = (e^{h\lambda} - 1)/\lambda$, $r = e^{h\lambda}$; bilinear: "
    r"$\mathrm{coef} = h/(1 - h\lambda/2)$, $r = (1 + h\lambda/2)/(1 - h\lambda/2)$. With one "
    r"member of each conjugate pair stored, $K = 2\,\mathrm{Re}$ of the half sum "
    r"($\texttt{numerics.s4.s4d\_kernel}$, $\texttt{conj\_pairs=True}$). Golden G-S5/G-S6 in the "
    r"test-suite. Numeric: dense ")

for _disc, _key, _title, _route, _numeric, _certified in (
        ("zoh", "S4-S4D-1", "S4D ZOH diagonal (Vandermonde) kernel", "block-exponential ZOH (mp.expm)",
         kn.legs_zoh_kernel, cert.legs_zoh_kernel),
        ("bilinear", "S4-S4D-2", "S4D bilinear diagonal kernel", "bilinear repeated products",
         kn.legs_bilinear_kernel, cert.legs_bilinear_kernel)):
    register(Result(
        key=_key, title=_title + " for LegS in its real eigenbasis", notes=f"{_S4D_NOTES}{_route}.",
        source=f"{S4D}; {S4_CODE_KERNEL} SSMKernelDiag (disc='{_disc}')", numeric=partial(_numeric, K=_KS),
        certified=partial(_certified, K=_KS),
        statement=partial(_s4d_statement, disc=_disc), derive=partial(_s4d_derive, disc=_disc),
        params=sized_points({"N": (1, 6)}, lambda N: {"h": s.positive_rationals(1, max_denominator=100),
                                                      **_entries("c", N, 0)}),
        examples=({"N": 4, "h": F(1, 10), "c1": 1, "c2": 1, "c3": 1, "c4": 1},
                  {"N": 3, "h": F(1, 2), "c1": F(2, 3), "c2": F(-1), "c3": F(1, 4)}),
        bound=Bound("N", 1, 4), display={"N": 2},
        scope=Scope.instances("LegS for every N = 1..4, the step h and the output C symbolic, the entries "
                              "K_0..K_5 (not every k)", count=4),
    ))

# --- S4-DBL-1 ----------------------------------------------------------------------------------------------

_ab = Symbol("Abar")  # commutative: a scalar standing for the matrix Abar (polynomials in Abar commute)
_Ls = Symbol("L", integer=True, positive=True)


def _dbl_statement() -> Eq:
    return Eq(Symbol("Ctilde_2L"), (1 + _ab ** _Ls) * (1 - _ab ** _Ls), evaluate=False)


def _dbl_derive() -> Derivation:
    value = 1 - _ab ** (2 * _Ls)
    return Derivation(Eq(Symbol("Ctilde_2L"), value, evaluate=False), (
        Step(r"$\tilde{C}_{2L} = (I - \bar{A}^{2L})^\top C$ by definition: a polynomial in $\bar{A}$ (then "
             r"transposed and applied to $C$), written with a scalar $\bar{A}$ for every $L$", value),))


def _dbl_value(statement: Any, point: Any) -> Any:
    N = point["N"]
    f = checks.value_of(statement).subs(_Ls, point["L"])
    return at_matrix(f, _ab, point_matrix(point, "a", N), {}).T * point_vector(point, "c", N)


register(Result(
    key="S4-DBL-1",
    uncertified="the closed form (1 + Abar^L)(1 - Abar^L) is a polynomial in a commuting symbol standing for "
                "the matrix Abar (proved for every N and L); at the example point it is still a polynomial in "
                "that symbol, so there is no value for Arb to compare (the numeric check evaluates it at the "
                "point's matrix, transposed and applied to C, in mpmath)",
    title="Length doubling: Ctilde_2L = (I + Abar^L)^T Ctilde_L",
    title_tex=r"Length doubling: $\tilde{C}_{2L} = (I + \bar{A}^L)^\top \tilde{C}_L$",
    source=f"{S4_CODE_KERNEL} _setup_C", statement=_dbl_statement, derive=_dbl_derive, numeric=kn.doubled_ctilde,
    evaluate=evaluator(_dbl_value),
    params=sized_points({"N": (2, 4), "L": (1, 8)},
                        lambda N: {**_entries("a", N, lo=-1, hi=1), **_entries("c", N, 0)}),
    examples=({"N": 2, "L": 3, **_PT_A, **_PT_C}, {"N": 2, "L": 6, **_PT_A, **_PT_C},
              {"N": 3, "L": 5, **_PT_3}),
    notes=r"Statement: $\tilde{C}_{2L} = f(\bar{A})^\top C$ with $f = (1 + \bar{A}^L)(1 - \bar{A}^L)$, i.e. "
          r"$(I + \bar{A}^L)^\top \tilde{C}_L$, $\tilde{C}_L = (I - \bar{A}^L)^\top C$ (polynomials in $\bar{A}$ "
          r"commute). Proved for every $L$ and every state size $N$: an identity of polynomials in one matrix, "
          r"with a scalar standing for it. Numeric: $(I - \bar{A}^{2L})^\top C$ by $2L$ repeated products at "
          r"drawn $N \times N$ points. The test-suite checks that the length-$2L$ kernel from $\tilde{C}_{2L}$ "
          r"equals repeated products.",
))

# --- S4-RTF-1 ------------------------------------------------------------------------------------------------

_zp = Symbol("z")


def _legs_int_system(N: int, step: Any) -> tuple:
    """Bilinear pair of M = T^-1 A T (rational) with T^-1 B = 1, and the output row C^T T for C = 1."""
    Mb, Bb = bilinear_exact(integer_legs(N), Matrix([1] * N), step)
    return Mb, Bb, Matrix([2 * n + 1 for n in range(N)])  # T C-tilde uses T^2 on the row: see below


def _lengths(N: int) -> tuple[int, ...]:
    """The kernel lengths L > N of S4-RTF-1 at state size N (RTF needs N < L)."""
    return (N + 1, N + 2, N + 3, 2 * N + 4)


def _rtf_kernel(L: int, N: int) -> Matrix:
    Mb, Bb, _ = _legs_int_system(N, Rational(1, 10))
    row = Matrix([[1] * N])  # C^T T = 1^T for C = T^-1 1 (rational RTF data)
    out, v = [], Bb
    for _ in range(L):
        out.append(sympy.expand((row * v)[0]))
        v = Mb * v
    return Matrix(out)


def _rtf_statement(N: int) -> Tuple:
    """The kernels K_0..K_(L-1) = C^T Abar^k Bbar by repeated exact products, for each L of :func:`_lengths`."""
    return Tuple(*[_rtf_kernel(L, N) for L in _lengths(N)])


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


def _rtf_route(L: int, N: int) -> tuple[Matrix, tuple]:
    b, a = _rtf_data(L, N)
    bz = sum(bi * _zp ** i for i, bi in enumerate(b))
    az = 1 + sum(ai * _zp ** (i + 1) for i, ai in enumerate(a))
    inv = sympy.invert(Poly(az, _zp, domain="QQ"), Poly(_zp ** L - 1, _zp, domain="QQ"))
    K = sympy.rem(sympy.expand(bz * inv.as_expr()), _zp ** L - 1, _zp)
    c = Poly(K, _zp).all_coeffs()[::-1]
    return Matrix([sympy.expand(c[k]) if k < len(c) else 0 for k in range(L)]), (b, a, K)


def _rtf_derive(N: int) -> Derivation:
    routes = [_rtf_route(L, N) for L in _lengths(N)]
    b, a, K = routes[0][1]
    return Derivation(Tuple(*[k for k, _ in routes]), (
        Step(r"$(b, a)$ = transfer function of $(\bar{A}, \bar{B}, \tilde{C})$ by the determinant formula "
             rf"(RTF-RAT-1), shown for $L = {_lengths(N)[0]}$", Tuple(Matrix(b).T, Matrix(a).T)),
        Step(r"$\texttt{fft\_kernel}$ in exact arithmetic: $b(z)a(z)^{-1}$ in $\mathbb{Q}[z]/(z^L - 1)$, "
             rf"for each $L$ in {', '.join(map(str, _lengths(N)))}", K),
    ))


def _rtf_numeric(dps: int, N: int) -> Any:
    from numerics.rational.kernels import fft_kernel

    out = []
    for L in _lengths(N):
        b, a = _rtf_data(L, N)
        out.append(mpmath.matrix(fft_kernel(b, a, L, dps=dps)))
    return out


_RTF_NOTES = (
    r"LegS, step $1/10$, $C = T^{-1}\mathbf{1}$ (so all data are rational in the basis "
    r"$M = T^{-1}AT$); proved for every $N = 1,\ldots,6$, each at $L = N+1, N+2, N+3, 2N+4$ ($N < L$). "
    r"Statement: $K_k = C^\top \bar{A}^k \bar{B}$ (exact repeated products); derivation: the RTF route "
    r"$b(z)a(z)^{-1}\ \mathrm{mod}\ z^L - 1$ with $(b, a)$ from the determinant formula applied to "
    r"$\tilde{C}$. Other systems, steps and outputs are not proved here (the equivalence is S4-GF-2 and "
    r"RTF-RAT-1 in general). Numeric: $\texttt{numerics.rational.fft\_kernel}$ (an FFT of the exact "
    r"$(b, a)$).")

register(Result(
    key="S4-RTF-1",
    title="S4 kernel = RTF kernel (LegS, h = 1/10): fft_kernel(transfer_function(Abar, Bbar, Ctilde)) = K",
    title_tex=r"S4 kernel = RTF kernel (LegS, $h = 1/10$): "
              r"$\texttt{fft\_kernel}$ of $\texttt{transfer\_function}(\bar{A}, \bar{B}, \tilde{C})$ is $K$",
    source=f"{SU_10180} (S4 and RTF as the same object); RTF pillar RTF-RAT-1, RTF-FFT-1", notes=_RTF_NOTES,
    statement=_rtf_statement, derive=_rtf_derive, numeric=_rtf_numeric,
    certified=cert.rtf_kernels,
    params=draw(N=s.sizes(1, 6)), examples=({"N": 3}, {"N": 6}), bound=Bound("N", 1, 6), display={"N": 3},
    scope=Scope.instances("LegS at h = 1/10 with C = T^-1 1, for every N = 1..6, each at the lengths "
                          "L = N+1, N+2, N+3, 2N+4", count=24),
    parts=(r"K\,|_{L = N+1}", r"K\,|_{L = N+2}", r"K\,|_{L = N+3}", r"K\,|_{L = 2N+4}"),
))

# --- S4-MEM-1 --------------------------------------------------------------------------------------------------

t_, s_ = symbols("t s", positive=True)
_MEM_MAX = 6


def _mem_statement(N: int) -> Matrix:
    """The warped Legendre vector e^(-t) sqrt(2n+1) P_n(2e^(-t) - 1), n < N (HIPPO-LEGS-P9)."""
    rr = Symbol("rr")
    return Matrix([sympy.expand(rr * sympy.sqrt(2 * n + 1) * sympy.legendre(n, 2 * rr - 1)).subs(rr, exp(-t_))
                   for n in range(N)])


def _chain_rule() -> Any:
    """dy/ds for y(s) = x(e^s) when t x'(t) = A x(t) + B u(ln t) (scalar stand-ins A, B: the rule is linear)."""
    X, u = Function("x"), Function("u")
    a, b = symbols("A B")
    dy = sympy.diff(X(exp(s_)), s_)
    ode = lambda t: (a * X(t) + b * u(sympy.log(t))) / t  # noqa: E731  x'(t) from t x' = A x + B u(ln t)
    return sympy.simplify(dy.replace(lambda e: isinstance(e, sympy.Subs), lambda e: ode(e.point[0])))


def _mem_derive(N: int) -> Derivation:
    M = integer_legs(N)
    E = (t_ * M).exp()  # exp(t A) = T exp(t M) T^-1 and T^-1 B = 1
    T = sympy.diag(*[sympy.sqrt(2 * n + 1) for n in range(N)])
    response = (T * E * Matrix([1] * N)).applyfunc(sympy.expand)
    return Derivation(response, (
        Step(r"Log-time: $y(s) = x(e^s)$ with $tx' = Ax + Bu(\ln t)$; the chain rule gives $dy/ds$", _chain_rule()),
        Step(r"So the state is $x(s) = \int_{-\infty}^{s} e^{A(s-\sigma)}Bu(\sigma)\,d\sigma$ for every input "
             r"(variation of constants): the impulse response $e^{tA}B = Te^{tM}T^{-1}B$, $M = T^{-1}AT$ "
             r"integer, $T^{-1}B = \mathbf{1}$", response),
    ))


register(Result(
    key="S4-MEM-1",
    title="LTI LegS is LegS in log-time: impulse response e^(tA)B = e^(-t) sqrt(2n+1) P_n(2e^(-t) - 1)",
    title_tex=r"LTI LegS is LegS in log-time: impulse response $e^{tA}B = e^{-t}\sqrt{2n+1}\,P_n(2e^{-t} - 1)$",
    source=f"{SU_10162} (exponential decay); {TRAIN_HIPPO}", statement=_mem_statement, derive=_mem_derive,
    numeric=kn.legs_impulse, certified=cert.legs_impulse,
    examples=({"N": 2, "t": F(1, 2)}, {"N": 5, "t": F(3, 2)}),
    params=draw(N=s.sizes(1, _MEM_MAX), t=s.rationals(F(1, 20), 2, max_denominator=20)),
    bound=Bound("N", 1, _MEM_MAX), display={"N": 3},
    notes=r"Chain rule: $y(s) = x(e^s)$ with $tx' = Ax + Bu(\ln t)$ gives $dy/ds = Ay + Bu(s)$. The impulse "
          r"response is the warped Legendre vector, proved for every $N = 1,\ldots,6$; by linearity the LTI "
          r"state is $x_n(s) = \int_{-\infty}^{s} u(\sigma)\,e^{\sigma - s}\sqrt{2n+1}\,P_n(2e^{\sigma - s} - 1)"
          r"\,d\sigma$ for every input: the LegS projection over $(-\infty, s]$ with the exponentially "
          r"decaying weight $e^{\sigma - s}$. Numeric: $e^{tA}B$ by mp.expm of the LegS matrix built in mpmath.",
))
