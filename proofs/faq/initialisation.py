"""FAQ answers on SSM initialisation: S4D-Real, the two LegS displays, conjugate pairs, S4's default.

Questions 4 to 7 of issue 25, each answered by a registered result whose source cites the threads:

- FAQ-S4DREAL-1 (state-spaces/mamba#167, #326): the code's ``A = -exp(A_log)``, ``A_log = log(arange(1,
  N+1))`` is the paper's :math:`A_n = -(n+1)`; it is the diagonal of the LegS matrix and, LegS being lower
  triangular, its spectrum; S4D-Lin's real part :math:`-1/2` is instead the real part of every eigenvalue of
  the LegS *normal part* :math:`S = A + PP^{\\mathsf T}`.  Proved for every N = 1..12.
- FAQ-LEGS-1 (state-spaces/mamba#950): the HiPPO paper displays the positive matrix :math:`A_H` and writes
  :math:`\\dot c = -\\tfrac1t A_H c + \\tfrac1t Bf`; LSSL displays :math:`-A_H` in :math:`\\dot x = Ax + Bu`;
  both displays equal the LegS matrix derived here from the projection integrals (HIPPO-LEGS-1), with
  the sign.  Proved for every N = 1..16.
- FAQ-LEGS-2 (state-spaces/mamba#950): ``A = -np.arange(N) - 0.5`` is none of S4D-Real, S4D-Lin's real part
  or the NPLR normal part's diagonal: it is the diagonal of :math:`-PP^{\\mathsf T}`, i.e. the LegS diagonal
  minus the normal part's.  Proved for every N = 1..16.
- FAQ-CONJ-1 (state-spaces/s4#120): for one stored mode of ``s4d.py`` the ZOH kernel entry
  :math:`K_k = 2\\operatorname{Re}(c\\,\\bar b_1\\bar a^k)` is unchanged when a, b, c are conjugated
  together; conjugating a alone equals conjugating (b, c) instead, and changes :math:`K_k` by
  :math:`4\\operatorname{Im}(bc)\\operatorname{Im}f`, :math:`f = (e^{\\Delta a}-1)e^{k\\Delta a}/a`.
  General (symbolic a, b, c, step and k).
- FAQ-S4DEFAULT-1 (state-spaces/s4#156, EMPIRICAL): S4's default initialisation is HiPPO-LegS in its NPLR
  form; the default is a fact about the code (quoted with its location), the numeric route rebuilds the
  code's construction and compares it with the project's LegS triple.

The numeric routes are in :mod:`numerics.faq.initialisation` (quadrature, ``mp.eig``, a real 2x2
realisation with ``mp.expm``, a transcription of the reference code).

Registers: FAQ-S4DREAL-1, FAQ-LEGS-1, FAQ-LEGS-2, FAQ-CONJ-1, FAQ-S4DEFAULT-1.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral
from typing import Any

import sympy
from sympy import I, Integer, Matrix, Rational, Symbol, Tuple, conjugate, exp, expand_complex, log, re, sqrt

from numerics.faq import initialisation as num
from proofs.core import Bound, Derivation, Evidence, Result, Status, Step, register
from proofs.core.bibliography import LSSL, HIPPO, S4, S4_CODE_KERNEL, S4D
from proofs.core.params import draw, s
from proofs.hippo import derive_transition, transition
from proofs.s4 import nplr

__all__ = [
    "MAX_N",
    "conjugation_differences",
    "hippo_paper_legs",
    "lssl_legs",
    "pair_kernel",
    "s4d_real",
]

#: the largest state size the public functions accept
MAX_N = 32

MAMBA_SIMPLE = "state-spaces/mamba mamba_ssm/modules/mamba_simple.py (commit 000b310f8b02)"
S4D_PY = "state-spaces/s4 models/s4/s4d.py (commit 2ed46fcf77f2)"
S4_PY = "state-spaces/s4 models/s4/s4.py (commit 070384aac428)"
S4_YAML = "state-spaces/s4 configs/model/layer/s4.yaml (commit 1eb100797216)"


def _size(N: Any, top: int = MAX_N) -> int:
    if isinstance(N, bool) or not isinstance(N, (Integral, sympy.Integer)) or not 1 <= int(N) <= top:
        raise ValueError(f"N must be a positive integer at most {top}, got {N!r}")
    return int(N)


# --- the objects the questions are about --------------------------------------------------------------


def s4d_real(N: int) -> Matrix:
    """S4D-Real as the reference code builds it: :math:`A_n = -\\exp(\\log(n+1))`, ``n = 0..N-1``.

    state-spaces/mamba ``mamba_simple.py`` stores ``A_log = log(arange(1, N+1))`` (a trainable parameter)
    and materialises ``A = -exp(A_log)``; S4D (Gu, Gupta, Goel, Ré 2022) writes :math:`A_n = -(n+1)`.
    Returns the N x 1 column, exact.  Raises ``ValueError`` unless ``1 <= N <= 32`` is an integer.
    """
    N = _size(N)
    return Matrix([-exp(log(Integer(n + 1))) for n in range(N)])


def hippo_paper_legs(N: int) -> tuple[Matrix, Matrix]:
    """The LegS pair as the HiPPO paper displays it (Theorem 2): positive :math:`A_H` and :math:`B`,

    .. math:: A_{H,nk} = \\begin{cases}\\sqrt{(2n+1)(2k+1)} & n > k\\\\ n+1 & n = k\\\\ 0 & n < k\\end{cases},
              \\qquad B_n = \\sqrt{2n+1},

    used there in :math:`\\frac{d}{dt}c = -\\tfrac1t A_H c + \\tfrac1t B f`.  Raises ``ValueError`` unless
    ``1 <= N <= 32``.
    """
    N = _size(N)
    A = Matrix(N, N, lambda n, k: sqrt((2 * n + 1) * (2 * k + 1)) if n > k else (n + 1 if n == k else 0))
    return A, Matrix([sqrt(2 * n + 1) for n in range(N)])


def lssl_legs(N: int) -> tuple[Matrix, Matrix]:
    """The LegS pair as LSSL (and S4, eq. (2)) display it: the state matrix of :math:`\\dot x = Ax + Bu`,

    .. math:: A_{nk} = -\\begin{cases}\\sqrt{(2n+1)(2k+1)} & n > k\\\\ n+1 & n = k\\\\ 0 & n < k\\end{cases},
              \\qquad B_n = \\sqrt{2n+1}.

    Raises ``ValueError`` unless ``1 <= N <= 32``.
    """
    N = _size(N)
    A = Matrix(N, N, lambda n, k: -sqrt((2 * n + 1) * (2 * k + 1)) if n > k else (-(n + 1) if n == k else 0))
    return A, Matrix([sqrt(2 * n + 1) for n in range(N)])


def _symbolic(x: Any, name: str) -> Any:
    if isinstance(x, bool):
        raise ValueError(f"{name} must be a number or a SymPy expression, got the boolean {x!r}")
    try:
        value = sympy.sympify(x, strict=True) if not isinstance(x, sympy.Basic) else x
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"{name} must be a number or a SymPy expression, got {x!r}") from exc
    if value.has(sympy.nan, sympy.oo, -sympy.oo, sympy.zoo):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return value


def pair_kernel(a: Any, b: Any, c: Any, *, step: Any, k: Any) -> Any:
    """The ZOH kernel entry of one stored mode of a diagonal SSM (state-spaces/s4 ``s4d.py``, S4D §3.3):

    .. math:: K_k(a, b, c) = 2\\operatorname{Re}\\big(c\\,\\bar b_1\\,\\bar a^k\\big), \\qquad
              \\bar a = e^{\\Delta a},\\quad \\bar b_1 = \\frac{e^{\\Delta a} - 1}{a}\\,b,

    the contribution of the pair :math:`(a, b, c)`, :math:`(\\bar a, \\bar b, \\bar c)` together (``s4d.py``
    has ``b = 1``).  Returned in real form (``expand_complex``).  ``a`` must be nonzero, ``step`` positive,
    ``k`` a non-negative integer (or an integer Symbol); numbers or SymPy expressions.
    """
    a, b, c = _symbolic(a, "a"), _symbolic(b, "b"), _symbolic(c, "c")
    step, k = _symbolic(step, "step"), _symbolic(k, "k")
    if a.is_zero:
        raise ValueError("a must be nonzero (the ZOH weight (e^(step a) - 1)/a)")
    if step.is_positive is False or (step.is_number and not step.is_extended_real) or step.is_zero:
        raise ValueError(f"step must be positive (Delta > 0), got {step}")
    if not (k.is_integer and k.is_nonnegative is not False):
        raise ValueError(f"k must be a non-negative integer (the kernel index), got {k}")
    # bar b_1 bar a^k = b (e^{step a} - 1) e^{k step a} / a, multiplied out so that each exponential
    # carries one argument (expand_complex then gives one cos/sin per power)
    term = c * b * (exp((k + 1) * step * a) - exp(k * step * a)) / a
    return expand_complex(2 * re(term))


def conjugation_differences(a: Any, b: Any, c: Any, *, step: Any, k: Any) -> Tuple:
    """The three differences of FAQ-CONJ-1, computed from :func:`pair_kernel`:

    :math:`K(\\bar a,\\bar b,\\bar c) - K(a,b,c)`, :math:`K(\\bar a,b,c) - K(a,\\bar b,\\bar c)` and
    :math:`K(\\bar a,b,c) - K(a,b,c)` (bars: complex conjugates).
    """
    cj = conjugate
    K = lambda *abc: pair_kernel(*abc, step=step, k=k)
    base, flipped = K(a, b, c), K(cj(a), b, c)
    return Tuple(*(sympy.expand(d) for d in (K(cj(a), cj(b), cj(c)) - base, flipped - K(a, cj(b), cj(c)),
                                             flipped - base)))


# --- FAQ-S4DREAL-1 ------------------------------------------------------------------------------------

_lam = Symbol("lambda")


def _s4dreal_statement(N: int) -> Matrix:
    """Columns: the code's A_n, diag LegS, spectrum of LegS (decreasing), Re of the normal part's spectrum."""
    return Matrix(N, 4, lambda n, j: -Rational(1, 2) if j == 3 else -(n + 1))


def _normal_real_part(A: Matrix, P: Matrix) -> tuple[Matrix, Any]:
    """S = A + PP^T and the constant c with (S + S^T)/2 = cI (Re of every eigenvalue of S is then c)."""
    S = (A + P * P.T).applyfunc(sympy.radsimp)
    H = ((S + S.T) / 2).applyfunc(sympy.radsimp)
    c = H[0, 0]
    if H != c * sympy.eye(A.rows):
        raise ArithmeticError("the symmetric part of A + PP^T is not a multiple of the identity")
    return H, c


def _s4dreal_derive(N: int) -> Derivation:
    code = s4d_real(N)
    A, _ = derive_transition("legs", N)
    T = sympy.diag(*[sqrt(2 * n + 1) for n in range(N)])
    integer_form = (T.inv() * A * T).applyfunc(sympy.radsimp)
    charpoly = sympy.factor(integer_form.charpoly(_lam).as_expr())
    spectrum = sorted(sympy.roots(sympy.Poly(charpoly, _lam), multiple=True), reverse=True)
    _, P, _ = nplr("legs", N)
    H, c = _normal_real_part(A, P)
    table = Matrix(N, 4, lambda n, j: (code[n], A[n, n], spectrum[n], c)[j])
    steps = (
        Step("The code's $A = -\\exp(A_{\\log})$ with $A_{\\log} = \\log(1, \\ldots, N)$", code.T),
        Step("LegS from the projection integrals (HIPPO-LEGS-1)", A),
        Step("$T^{-1}AT$ with $T = \\mathrm{diag}(\\sqrt{2n+1})$ is an integer matrix with the same "
             "spectrum; its characteristic polynomial", charpoly),
        Step("Symmetric part of the normal part $S = A + PP^{\\top}$, $P_n = \\sqrt{n + 1/2}$: a multiple "
             "$cI$ of the identity, so every eigenvalue of $S$ has real part $c$ (Rayleigh quotient)", H),
        Step("Columns: code, $\\mathrm{diag}\\,A$, spectrum of $A$ (decreasing), real parts of the spectrum "
             "of $S$", table),
    )
    return Derivation(table, steps)


_NOTES_S4DREAL = (
    r"Answer: yes, the code's $A$ is the paper's $A_n = -(n+1)$: Mamba stores the logarithm of $-A$, "
    r"$A_{\log} = \log(n+1)$ (the positive $\mathrm{arange}(1, N+1)$ of state-spaces/mamba#167), and "
    r"every forward pass uses $A = -\exp(A_{\log})$, so the sign is applied in the forward pass, not lost. "
    r"Columns of the statement ($n = 0..N-1$): the code's $A_n$; the diagonal of the LegS matrix "
    r"(HIPPO-LEGS-1); its eigenvalues, which are that diagonal because LegS is lower triangular "
    r"(HIPPO-LEGS-P1); and the real part of every eigenvalue of the LegS normal part $S = A + PP^{\top}$ "
    r"(S4-NPLR-1), which is $-1/2$. So S4D-Real keeps LegS's own spectrum, while S4D-Lin "
    r"($-1/2 + i\pi n$, S4D paper) keeps the real part of the normal part's spectrum (its imaginary parts "
    r"$\pi n$ are the FouT normal-part frequencies $2\pi n/w$ at s4's window $w = 2$, S4-NPLR-4); the two "
    r"real parts differ by $\mathrm{diag}(PP^{\top})_n = n + 1/2$ (FAQ-LEGS-2). Why $-\exp$ "
    r"(state-spaces/mamba#326, as the maintainer explains there): $A_{\log}$ is unconstrained and "
    r"$-e^{\theta} < 0$ for every real $\theta$, so $e^{\Delta A} \in (0, 1)$ for every $\Delta > 0$ "
    r"throughout training; the discretisation $e^{\Delta A}$ itself is the paper's. The shape $(d, N)$ of "
    r"$A$ in the code is $d$ independent diagonal $N \times N$ matrices, one per channel. Proved for every "
    r"$N = 1..12$; numeric route: the LegS matrix by Gauss-Legendre quadrature, eigenvalues by mp.eig, the "
    "code's exp/log in mpmath."
)

register(Result(
    key="FAQ-S4DREAL-1",
    title="S4D-Real in code and paper: -exp(log(n+1)) = -(n+1), the diagonal and spectrum of LegS",
    title_tex=r"S4D-Real in code and paper: $-\exp(\log(n+1)) = -(n+1)$, the diagonal and spectrum of LegS",
    source=f"state-spaces/mamba#167, state-spaces/mamba#326; {S4D}, S4D-Real and S4D-Lin; {MAMBA_SIMPLE}; "
           f"{S4}, Theorem 1",
    statement=_s4dreal_statement, derive=_s4dreal_derive,
    numeric=lambda dps, N: num.legs_spectrum_table(N, dps=dps),
    params=draw(N=s.sizes(1, 8)), examples=({"N": 3}, {"N": 6}), bound=Bound("N", 1, 12), display={"N": 4},
    notes=_NOTES_S4DREAL,
    uncertified="an eigenvalue route (mp.eig of a non-normal matrix): no certified eigensolver is used",
))


# --- FAQ-LEGS-1 ---------------------------------------------------------------------------------------


def _legs1_statement(N: int) -> Tuple:
    A_lssl, B = lssl_legs(N)
    A_hippo, _ = hippo_paper_legs(N)
    return Tuple(A_lssl, -A_hippo, B)


def _legs1_derive(N: int) -> Derivation:
    A, B = derive_transition("legs", N)
    A_hippo, B_hippo = hippo_paper_legs(N)
    t = Symbol("t", positive=True)
    f = Symbol("f")
    c = Matrix(sympy.symbols(f"c0:{N}"))
    hippo_rhs = (-A_hippo * c + B_hippo * f) / t
    project_rhs = (A * c + B * f) / t
    steps = (
        Step("LegS $(A, B)$ from the projection integrals (HIPPO-LEGS-1), time-varying form "
             "$t\\dot c = Ac + Bf$", A),
        Step("$A + A_{\\mathrm{HiPPO}}$ (the HiPPO paper's positive display)",
             (A + A_hippo).applyfunc(sympy.radsimp)),
        Step("HiPPO's right side $(-A_{\\mathrm{HiPPO}}c + Bf)/t$ minus $(Ac + Bf)/t$",
             (hippo_rhs - project_rhs).applyfunc(sympy.simplify)),
    )
    return Derivation(Tuple(A, A, B), steps)


def _legs1_numeric(dps: int, N: int) -> list:
    """The quadrature pair (A, B), with A compared with both displays."""
    A, B = num.legs_display_pair(N, dps=dps)
    return [A, A, B]


_NOTES_LEGS1 = (
    r"Answer: the two papers show the same LegS system with the sign placed differently, so there is no "
    r"discrepancy to fix: the HiPPO paper displays the positive matrix $A_{\mathrm{HiPPO}}$ (diagonal "
    r"$n+1$, entries $\sqrt{(2n+1)(2k+1)}$ below it) and puts the minus sign in the ODE, "
    r"$\dot c = (-A_{\mathrm{HiPPO}}c + Bf)/t$, while LSSL (and S4's eq. (2)) display "
    r"$A_{\mathrm{LSSL}} = -A_{\mathrm{HiPPO}}$ (diagonal $-(n+1)$) as the state matrix of "
    r"$\dot x = Ax + Bu$. Both equal, exactly and with the sign, the LegS matrix derived here from the "
    r"projection integrals (HIPPO-LEGS-1); the derivation also shows that the two right-hand sides agree. "
    r"LSSL and S4 use the time-invariant form (the $1/t$ dropped), which HIPPO-LEGS-P9 and S4-MEM-1 "
    "interpret. The accepted comment in state-spaces/mamba#950 is contradicted on three counts: there is no "
    "sign discrepancy between the papers; Mamba's $\\texttt{mamba\\_simple.py}$ initialises with S4D-Real "
    "$-(n+1)$ (FAQ-S4DREAL-1; Mamba-2 instead draws one scalar $-A$ per head uniformly from "
    "$\\texttt{A\\_init\\_range}$), not with either LegS display; and $-\\mathrm{arange}(N) - 0.5$ is "
    "neither a LegS matrix nor a standard initialisation (FAQ-LEGS-2). The displays are stated as the "
    "thread describes them and as the project's sign convention records them (HiPPO with positive $A$); "
    "paper wording: confirm against the PDFs. Proved for every $N = 1..16$; numeric route: the matrix and "
    "$B$ by Gauss-Legendre quadrature."
)

register(Result(
    key="FAQ-LEGS-1",
    title="LegS in the HiPPO paper (positive A, minus sign in the ODE) and in LSSL (-A): one system",
    title_tex=r"LegS in the HiPPO paper ($\dot c = (-A_{\mathrm{HiPPO}}c + Bf)/t$) and in LSSL "
              r"($A = -A_{\mathrm{HiPPO}}$): one system",
    source=f"state-spaces/mamba#950; {HIPPO}, Thm 2 (LegS display); {LSSL}, HiPPO-LegS display (confirm "
           f"wording); {S4}, eq. (2)",
    statement=_legs1_statement, derive=_legs1_derive,
    numeric=_legs1_numeric,
    params=draw(N=s.sizes(1, 10)), examples=({"N": 3}, {"N": 5}, {"N": 8}), bound=Bound("N", 1, 16),
    display={"N": 4}, parts=(r"A_{\mathrm{LSSL}}", r"-A_{\mathrm{HiPPO}}", "B"), notes=_NOTES_LEGS1,
    uncertified="a quadrature route (Gauss-Legendre nodes by Newton iteration, derivatives by mp.diff) "
                "without ball arithmetic",
))


# --- FAQ-LEGS-2 ---------------------------------------------------------------------------------------


def _legs2_statement(N: int) -> Matrix:
    """Columns: -arange(N) - 0.5, S4D-Real, Re S4D-Lin, diag of the normal part S, diag A - diag S."""
    half = Rational(1, 2)
    return Matrix(N, 5, lambda n, j: (-n - half, -(n + 1), -half, -half, -n - half)[j])


def _legs2_derive(N: int) -> Derivation:
    comment = Matrix([-Integer(n) - Rational(1, 2) for n in range(N)])  # numpy: -np.arange(N) - 0.5
    real = s4d_real(N)
    lin = Matrix([re(-Rational(1, 2) + I * sympy.pi * n) for n in range(N)])
    A, _ = derive_transition("legs", N)
    _, P, _ = nplr("legs", N)
    S = (A + P * P.T).applyfunc(sympy.radsimp)
    low_rank = (P * P.T).applyfunc(sympy.radsimp)
    table = Matrix(N, 5, lambda n, j: (comment[n], real[n], lin[n], S[n, n], A[n, n] - S[n, n])[j])
    steps = (
        Step("The comment's diagonal $-\\mathrm{arange}(N) - 0.5$", comment.T),
        Step("S4D-Real (the code's $-\\exp(\\log(n+1))$) and $\\mathrm{Re}(-1/2 + i\\pi n)$ (S4D-Lin)",
             Matrix.vstack(real.T, lin.T)),
        Step("Normal part $S = A + PP^{\\top}$ of the derived LegS matrix, $P$ from the NPLR form "
             "(S4-NPLR-1)", S),
        Step("$\\mathrm{diag}(PP^{\\top}) = \\mathrm{diag}\\,S - \\mathrm{diag}\\,A$",
             Matrix([low_rank[n, n] for n in range(N)]).T),
        Step("Columns: comment, S4D-Real, Re S4D-Lin, $\\mathrm{diag}\\,S$, "
             "$\\mathrm{diag}\\,A - \\mathrm{diag}\\,S$", table),
    )
    return Derivation(table, steps)


_NOTES_LEGS2 = (
    r"Answer: $A = -\mathrm{arange}(N) - 0.5$, i.e. $-(n + 1/2)$, is not a standard initialisation: it is "
    r"the diagonal of the rank-one term $-PP^{\top}$ of LegS's NPLR form (the LegS diagonal $-(n+1)$ minus "
    r"the normal part's $-1/2$), and none of the initialisations offered by s4's dplr() (lin, inv, real, "
    r"legs, ...) or by Mamba is it. Columns of the statement: the comment's $-(n + 1/2)$; S4D-Real "
    r"$-(n+1)$ (the initialisation of Mamba's $\texttt{mamba\_simple.py}$, FAQ-S4DREAL-1); S4D-Lin's real "
    r"part $-1/2$; the diagonal "
    r"of the LegS normal part $S = A + PP^{\top}$, $-1/2$ (S4-NPLR-1); and "
    r"$\mathrm{diag}\,A - \mathrm{diag}\,S = -\mathrm{diag}(PP^{\top})$. The first column equals the last "
    r"for every $n$; it differs from S4D-Real by $+1/2$ at every $n$ and from the two $-1/2$ columns by "
    r"$-n$ (agreeing only at $n = 0$). As a diagonal $A$ it has spectrum $-(n + 1/2)$, neither LegS's "
    r"$-1, \ldots, -N$ (HIPPO-LEGS-P1) nor the normal part's $-1/2 + i\omega$ (S4-NPLR-5). It is stable, "
    "so training with it can work, but it is not a sign fix of anything: the accepted comment in "
    "state-spaces/mamba#950 is contradicted (FAQ-LEGS-1: there is no sign discrepancy between the HiPPO "
    r"and LSSL displays). Proved for every $N = 1..16$; numeric route: LegS by quadrature, $S$ and its "
    "diagonal from it, S4D-Real by the code's exp/log."
)

register(Result(
    key="FAQ-LEGS-2",
    title="A = -np.arange(N) - 0.5 is diag(-PP^T), not S4D-Real, S4D-Lin or the LegS normal part",
    title_tex=r"$A = -\mathrm{arange}(N) - 0.5$ is $\mathrm{diag}(-PP^{\top})$, not S4D-Real, S4D-Lin or "
              r"the LegS normal part",
    source=f"state-spaces/mamba#950; {S4D}, S4D-Real and S4D-Lin; {S4}, Theorem 1 (NPLR)",
    statement=_legs2_statement, derive=_legs2_derive,
    numeric=lambda dps, N: num.init_diagonals(N, dps=dps),
    params=draw(N=s.sizes(1, 10)), examples=({"N": 2}, {"N": 5}), bound=Bound("N", 1, 16), display={"N": 4},
    notes=_NOTES_LEGS2,
    uncertified="a quadrature route (Gauss-Legendre nodes by Newton iteration, derivatives by mp.diff) "
                "without ball arithmetic",
))


# --- FAQ-CONJ-1 ---------------------------------------------------------------------------------------

_ar, _ai, _br, _bi, _cr, _ci = sympy.symbols("a_r a_i b_r b_i c_r c_i", real=True)
_step = Symbol("Delta", positive=True)
_k = Symbol("k", integer=True, nonnegative=True)


def _conj_statement() -> Tuple:
    """(0, 0, 4 Im(bc) Im f), f = (e^{step a} - 1) e^{k step a}/a written in real form."""
    d, ar, ai = _step, _ar, _ai
    im_g = exp(_k * d * ar) * (exp(d * ar) * sympy.sin((_k + 1) * d * ai) - sympy.sin(_k * d * ai))
    re_g = exp(_k * d * ar) * (exp(d * ar) * sympy.cos((_k + 1) * d * ai) - sympy.cos(_k * d * ai))
    im_f = (im_g * ar - re_g * ai) / (ar**2 + ai**2)
    return Tuple(Integer(0), Integer(0), 4 * (_br * _ci + _bi * _cr) * im_f)


def _conj_derive() -> Derivation:
    a, b, c = _ar + I * _ai, _br + I * _bi, _cr + I * _ci
    K = pair_kernel(a, b, c, step=_step, k=_k)
    diffs = conjugation_differences(a, b, c, step=_step, k=_k)
    steps = (
        Step("$K_k(a, b, c) = 2\\,\\mathrm{Re}\\big(c\\,b\\,(e^{\\Delta a} - 1)\\,e^{k\\Delta a}/a\\big)$ in "
             "real form (ZOH, one stored mode of s4d.py)", K),
        Step("$K(\\bar a, \\bar b, \\bar c) - K(a, b, c)$", diffs[0]),
        Step("$K(\\bar a, b, c) - K(a, \\bar b, \\bar c)$", diffs[1]),
        Step("$K(\\bar a, b, c) - K(a, b, c)$", diffs[2]),
    )
    return Derivation(diffs, steps)


_NOTES_CONJ = (
    r"Answer: flipping the sign of $\mathrm{Im}\,A$ in s4d.py changes the kernel for the same $C$ (by "
    r"$0.533$ at the issue's example), but it is exactly the same as conjugating $C$ (with $B = 1$ real), so "
    r"the two codes define the same model class and, since $C$ is initialised from a conjugation-symmetric "
    r"distribution (torch.randn complex), the same distribution of initial kernels. "
    r"Statement, for one stored mode with ZOH ($\bar a = e^{\Delta a}$, "
    r"$\bar b_1 = (e^{\Delta a} - 1)b/a$) and $K_k = 2\,\mathrm{Re}(c\,\bar b_1\bar a^k)$, general in "
    r"$a \ne 0$, $b$, $c$, $\Delta > 0$, $k$: (i) $K(\bar a,\bar b,\bar c) = K(a,b,c)$, because "
    r"$2\,\mathrm{Re}\,z = z + \bar z$ is the sum over the conjugate pair (S4D §3.3); (ii) "
    r"$K(\bar a,b,c) = K(a,\bar b,\bar c)$: conjugating the eigenvalue alone is the reparametrisation "
    r"$(b, c) \mapsto (\bar b, \bar c)$, a bijection of the trainable parameters; (iii) "
    r"$K(\bar a,b,c) - K(a,b,c) = 4\,\mathrm{Im}(bc)\,\mathrm{Im}\,f$ with "
    r"$f = (e^{\Delta a} - 1)e^{k\Delta a}/a$, nonzero in general. At $a = -1/2 + 2i$, $b = 1$, "
    r"$c = 1/3 - i$, $\Delta = 1/3$, $k = 3$: $K(a) = 0.18335$, $K(\bar a) = -0.35006$, difference "
    r"$-0.53341$. The issue quotes about $0.267$: that is the difference of "
    r"$\mathrm{Re}(c\,\bar b_1\bar a^k)$ without the factor 2 that s4d.py applies (half of $0.53341$). "
    "The maintainer's reply in "
    "state-spaces/s4#120 is right about the model and the reason (both members of the pair enter the sum), "
    "but the literal claim that the kernel is the same either way holds only when $C$ is conjugated along "
    "with $A$. The sum over modes follows term by term. Links: S4-S4D-1 (the halved ZOH kernel), S4-CONJ-1 "
    "(the same halving for the Cauchy sums). Numeric route: each pair realised as a real 2-state system "
    r"$[[\mathrm{Re}\,a, -\mathrm{Im}\,a], [\mathrm{Im}\,a, \mathrm{Re}\,a]]$, ZOH by the block exponential "
    "(mp.expm), kernel by repeated products."
)

_SMALL = {"max_denominator": 50}

register(Result(
    key="FAQ-CONJ-1",
    title="Conjugate pairs in s4d.py: conjugating A alone is conjugating C; the kernel class is the same",
    title_tex=r"Conjugate pairs in s4d.py: $K(\bar a, b, c) = K(a, \bar b, \bar c)$, unchanged when all are "
              r"conjugated",
    source=f"state-spaces/s4#120; {S4D}, §3.3 (conjugate symmetry); {S4D_PY}",
    statement=_conj_statement, derive=_conj_derive,
    numeric=lambda dps, a_r, a_i, b_r, b_i, c_r, c_i, Delta, k: num.conjugation_differences(
        (a_r, a_i), (b_r, b_i), (c_r, c_i), step=Delta, k=k, dps=dps),
    params=draw(a_r=s.rationals(-4, Fraction(-1, 100), **_SMALL), a_i=s.rationals(-6, 6, **_SMALL),
                b_r=s.rationals(-2, 2, **_SMALL), b_i=s.rationals(-2, 2, **_SMALL),
                c_r=s.rationals(-2, 2, **_SMALL), c_i=s.rationals(-2, 2, **_SMALL),
                Delta=s.positive_rationals(1, max_denominator=100), k=s.sizes(0, 12)),
    examples=({"a_r": Fraction(-1, 2), "a_i": 2, "b_r": 1, "b_i": 0, "c_r": Fraction(1, 3), "c_i": -1,
               "Delta": Fraction(1, 3), "k": 3},
              {"a_r": Fraction(-1, 2), "a_i": Fraction(31, 10), "b_r": Fraction(2, 3), "b_i": Fraction(-1, 4),
               "c_r": Fraction(-3, 5), "c_i": Fraction(7, 9), "Delta": Fraction(1, 10), "k": 7}),
    parts=(r"K(\bar a, \bar b, \bar c) - K(a, b, c)", r"K(\bar a, b, c) - K(a, \bar b, \bar c)",
           r"K(\bar a, b, c) - K(a, b, c)"),
    notes=_NOTES_CONJ,
    uncertified="a matrix-exponential route (mp.expm of the block matrix) without ball arithmetic",
))


# --- FAQ-S4DEFAULT-1 (EMPIRICAL) ----------------------------------------------------------------------


def _default_statement(N: int) -> Tuple:
    A, B = transition("legs", N)
    _, P, _ = nplr("legs", N)
    return Tuple(A, B, P)


_NOTES_DEFAULT = (
    r"Answer: by default S4 uses HiPPO-LegS, in its NPLR form $A = S - PP^{\top}$ with "
    r"$P_n = \sqrt{n + 1/2}$ (S4-NPLR-1); LegT and the others are options. EMPIRICAL, a quoted fact about "
    f"the code: in {S4_PY} the kernel class SSMKernel has the keyword default init='legs', and FFTConv's "
    "default mode='dplr' selects SSMKernelDPLR, which calls "
    r"$\texttt{nplr('legs', N)}$ on $\texttt{transition('legs', N)}$ and "
    r"$\texttt{rank\_correction('legs', N)}$; src/models/sequence/kernels/ssm.py has the same default, and "
    f"the training configuration {S4_YAML} sets mode: nplr and init: legs (earlier versions of that file: "
    "measure: legs). To choose another matrix pass init='legt' (with rank=2) or init='fout', or a diagonal "
    "initialisation such as init='diag-lin' with mode='diag'. Two caveats of the code (spec s4.md "
    "section 4): the eigendecomposition is done in double precision and stored in single precision, and "
    r"$\tilde B = V^{*}B$ has its imaginary parts clipped to $[-2, 2]$ by default "
    r"($\texttt{B\_clip} = 2$), so the module is HiPPO-LegS exactly only with $\texttt{B\_clip=None}$ in "
    "double precision. The paper: eq. (2) of S4 displays the HiPPO-LegS matrix (the lower-triangular one "
    r"with diagonal $-(n+1)$, FAQ-LEGS-1); appendix C.1 proves that the HiPPO matrices (LegS, LegT, LagT) "
    "are all normal plus low rank (S4-NPLR-1..3), so LegT appears there as a case of the theorem, not as "
    "the default; the paper's wording about which one is used primarily is not re-read here (confirm "
    "wording), and the code settles the default. The numeric route transcribes the code's construction "
    r"($M_{nk} = -(2k+1)[n \ge k] + n\,\delta_{nk}$, $A = TMT^{-1}$ with $T = \mathrm{diag}(\sqrt{2n+1})$, "
    r"$B = \mathrm{diag}\,T$, $P_n = \sqrt{0.5 + n}$) in mpmath and compares it with the project's LegS "
    "triple (HIPPO-LEGS-1, HIPPO-LEGS-2, S4-NPLR-1): it checks that the default construction is LegS, while "
    "which construction is the default rests on the quoted code."
)

register(Result(
    key="FAQ-S4DEFAULT-1", title="S4's default HiPPO matrix is LegS (init='legs', NPLR form)",
    source=f"state-spaces/s4#156; {S4_CODE_KERNEL} SSMKernel(init='legs'); {S4_YAML}; {S4}, eq. (2) and "
           "appendix C.1 (confirm wording)",
    status=Status.EMPIRICAL, statement=_default_statement,
    numeric=lambda dps, N: num.s4_default_legs(N, dps=dps),
    params=draw(N=s.sizes(1, 16)), examples=({"N": 4}, {"N": 9}), display={"N": 4}, parts=("A", "B", "P"),
    evidence=Evidence.ROUTE, notes=_NOTES_DEFAULT,
    uncertified="a transcription of the reference code's floating construction (square roots and an "
                "inverse) without ball arithmetic",
))
