"""RTF registry entries, part A: rationality (RTF-RAT-1..3) and the FFT kernel (RTF-FFT-1..3).

Each entry's ``statement`` takes either the enumerated state size ``d`` (the symbolic
proof: fully symbolic matrices for small ``d``, reproducible random rationals above) or an
example point with exact data (the numeric cross-check).  The mpmath side never evaluates
the closed form: see :mod:`numerics.rational.routes`.

Registers: RTF-RAT-1, RTF-RAT-2, RTF-RAT-3, RTF-FFT-1, RTF-FFT-2, RTF-FFT-3.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy
from sympy import QQ, Eq, Matrix, Poly, Rational, Symbol, Tuple, eye, resultant, summation
from sympy.polys.matrices import DomainMatrix

from numerics.rational import routes
from numerics.rational import kernels as num

from .instances import (
    CONFIRM,
    GR1_A,
    GR1_B,
    at,
    case_d,
    coeff_symbols,
    exact,
    fft_points,
    kernel_names,
    names,
    over_common_domain,
    point_z,
    poly_eval,
    rational_realisation,
    rationals,
    sized_points,
    symbolic_realisation,
    vectors,
)
from .transfer import comp, companion, fft_kernel_exact, lam, transfer_function, z
from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.bibliography import RTF_PAPER, SU_10162, SU_10180

_Q = Rational

# --- RTF-RAT-1 ----------------------------------------------------------------------------------


def _rat1_realisation(d: int) -> tuple[Matrix, Matrix, Matrix]:
    return symbolic_realisation(d) if d <= 3 else rational_realisation(d, 10 + d)


def _point_realisation(A: Any, B: Any, C: Any) -> tuple[Matrix, Matrix, Matrix]:
    return Matrix(exact(A)), Matrix(exact(B)), Matrix(exact(C))


def rat1_statement(d: Any = None, A: Any = None, B: Any = None, C: Any = None,
                   z_re: Any = 0, z_im: Any = 0) -> Eq:
    """RTF-RAT-1: :math:`C^{\\mathsf T}(I-z\\bar A)^{-1}\\bar B=b(z)/a(z)` with ``(b, a) = transfer_function``.

    The statement lists :math:`(a_1..a_d, b_1..b_d)` from the determinant formula; at an
    example point it adds the value :math:`b(z_0)/a(z_0)`.
    """
    if A is None:
        d = case_d(d)
        b, a = transfer_function(*_rat1_realisation(d))
        return Eq(Matrix(coeff_symbols("a", d) + coeff_symbols("b", d)), Matrix(a + b), evaluate=False)
    b, a = transfer_function(*_point_realisation(A, B, C))
    d, z0 = len(a), point_z(z_re, z_im)
    value = poly_eval(b, z0) / poly_eval([1] + a, z0)
    lhs = Matrix(coeff_symbols("a", d) + coeff_symbols("b", d) + [Symbol("G(z_0)")])
    return Eq(lhs, Matrix(a + b + [value]), evaluate=False)


def rat1_derive(d: int) -> Derivation:
    """:math:`a(z)=\\det(I-z\\bar A)` and :math:`b(z)=C^{\\mathsf T}\\operatorname{adj}(I-z\\bar A)\\bar B`, in the variable z."""
    d = case_d(d)
    A, B, C = _rat1_realisation(d)
    M, Bd, Cd = over_common_domain(eye(d) - z * A, B, C)
    adj, det = M.adj_det()  # adjugate and determinant over the polynomial ring (characteristic polynomial route)
    den = Poly(M.domain.to_sympy(det), z)
    # C^T adj B in the same ring: exact polynomial products, expanded as they are formed
    numer = Poly(M.domain.to_sympy((Cd.transpose() * adj * Bd).to_list()[0][0]), z)
    a = [den.coeff_monomial(z**i) for i in range(1, d + 1)]
    b = [numer.coeff_monomial(z**i) for i in range(d)]
    value = Eq(Matrix(coeff_symbols("a", d) + coeff_symbols("b", d)), Matrix(a + b), evaluate=False)
    steps = (
        Step(r"Inverse by the adjugate: $(I - zA)^{-1} = \mathrm{adj}(I - zA)/\det(I - zA)$",
             Eq(Symbol("G(z)"), Symbol("C^T adj(I - zA) B") / Symbol("det(I - zA)"))),
        Step(r"Denominator $\det(I - zA)$ (Berkowitz), degree $\le d$", den.as_expr()),
        Step(r"Numerator $C^\top \mathrm{adj}(I - zA)B$, degree $\le d - 1$", numer.as_expr()),
        Step("Hence the coefficients (equal to those of the determinant-difference formula)", value),
    )
    return Derivation(value, steps)


def rat1_numeric(dps: int, A: Any, B: Any, C: Any, z_re: Any = 0, z_im: Any = 0) -> list[Any]:
    """Faddeev--LeVerrier a, interpolated b, and :math:`C^{\\mathsf T}(I-z_0\\bar A)^{-1}\\bar B` by an LU solve."""
    with at(dps):
        Am = routes.as_matrix(A)
        z0 = mpmath.mpc(num._number(z_re, "z"), num._number(z_im, "z"))
        return [*routes.faddeev_leverrier(Am), *routes.numerator_by_interpolation(Am, B, C),
                routes.resolvent(Am, B, C, z0)]


def _near_zero(s: Any, d: int) -> Any:
    """Real or imaginary part of an evaluation point z_0: rationals in [-1/8, 1/8]."""
    return s.rationals(-1, 1, max_denominator=30).map(lambda x: x / 8)  # pragma: no mutate (test points)


#: realisations (A, B, C) of a random size d <= 5 and a point z_0 near 0
_REALISATIONS = sized_points(5, A=lambda s, d: s.rational_matrices(d, bound=2), B=lambda s, d: vectors(d, 2, 30),
                             C=lambda s, d: vectors(d, 2, 30), z_re=_near_zero, z_im=_near_zero)


def _list_matrix(M: Matrix) -> list[list[Any]]:
    return [[M[i, j] for j in range(M.cols)] for i in range(M.rows)]


_R5 = rational_realisation(5, 77)
_EX_RAT = (
    {"A": _list_matrix(comp(GR1_A)), "B": [1, 0, 0], "C": GR1_B, "z_re": _Q(1, 3), "z_im": _Q(1, 7)},
    {"A": _list_matrix(_R5[0]), "B": list(_R5[1]), "C": list(_R5[2]), "z_re": _Q(-1, 9), "z_im": _Q(1, 11)},
    {"A": [[_Q(1, 2), 1], [0, _Q(1, 2)]], "B": [1, 1], "C": [2, -1], "z_re": _Q(3, 4), "z_im": 0},
)

_RAT1_NOTES = (
    "Proved for fully symbolic $(A, B, C)$ with $d = 1, 2, 3$ and for reproducible random rational "
    r"realisations with $d = 4,\ldots,8$: the determinant-difference coefficients of "
    r"$\texttt{transfer\_function}$ equal those of $\det(I - zA)$ and $C^\top \mathrm{adj}(I - zA)B$.  "
    "No common factors are cancelled.")

register(Result(
    key="RTF-RAT-1", title="Rational generating function with explicit coefficients",
    source=f"{SU_10180}, rational generating function and its coefficients", notes=_RAT1_NOTES,
    statement=rat1_statement, derive=rat1_derive, numeric=rat1_numeric, params=_REALISATIONS,
    examples=_EX_RAT, bound=Bound("d", 1, 8), display={"d": 2},
))

# --- RTF-RAT-2 ----------------------------------------------------------------------------------


def _rat2_objects(M: Any = None, U: Any = None, V: Any = None, A: Any = None, B: Any = None, C: Any = None,
                  x: Any = None) -> tuple[Matrix, Matrix, Matrix, Matrix, Matrix, Matrix, Any]:
    if M is None:
        Ms = Matrix(3, 3, lambda i, j: Symbol(f"m_{i + 1}{j + 1}"))
        Us = Matrix(3, 2, lambda i, j: Symbol(f"u_{i + 1}{j + 1}"))
        Vs = Matrix(2, 3, lambda i, j: Symbol(f"v_{i + 1}{j + 1}"))
        As, Bs, Cs = symbolic_realisation(3)
        return Ms, Us, Vs, As, Bs, Cs, lam
    return (Matrix(exact(M)), Matrix(exact(U)), Matrix(exact(V)), Matrix(exact(A)), Matrix(exact(B)),
            Matrix(exact(C)), exact(x))


_RAT2_LHS = (Symbol("M^{-1}"), Symbol("det(I_3 + U V)"), Symbol("det(lambda I - A + B C^T)"))


def rat2_statement(M: Any = None, U: Any = None, V: Any = None, A: Any = None, B: Any = None, C: Any = None,
                   x: Any = None) -> Tuple:
    """RTF-RAT-2: (i) :math:`M^{-1}=\\operatorname{adj}M/\\det M`; (ii) :math:`\\det(I_3+UV)=\\det(I_2+VU)`;
    (iii) :math:`\\det(\\lambda I-A+BC^{\\mathsf T})=\\det(\\lambda I-A)(1+C^{\\mathsf T}(\\lambda I-A)^{-1}B)`.

    Adjugates and determinants over the entries' polynomial ring; the quotients of (i) and (iii) in its
    fraction field, so each right-hand side comes out canceled (for (iii) the polynomial it is) instead
    of as a sum of fractions over det(lambda I - A) that only ``checks.same``'s expand would combine.
    """
    Mm, Um, Vm, Am, Bm, Cm, xv = _rat2_objects(M, U, V, A, B, C, x)
    adj_m, det_m = DomainMatrix.from_Matrix(Mm).to_field().adj_det()
    inv = (adj_m * adj_m.domain.quo(adj_m.domain.one, det_m)).to_Matrix()
    Vd, Ud = over_common_domain(Vm, Um)
    sylvester = Vd.domain.to_sympy((Vd.eye(2, Vd.domain) + Vd * Ud).det())
    Rd, Bd, Cd = (dm.to_field() for dm in over_common_domain(xv * eye(3) - Am, Bm, Cm))
    adj_r, chi = Rd.adj_det()
    field = Rd.domain
    # C^T (lambda I - A)^{-1} B by (i)
    resolvent = field.quo((Cd.transpose() * adj_r * Bd).to_list()[0][0], chi)
    lemma = field.to_sympy(chi * (field.one + resolvent))
    return Tuple(Eq(_RAT2_LHS[0], inv, evaluate=False), Eq(_RAT2_LHS[1], sylvester, evaluate=False),
                 Eq(_RAT2_LHS[2], lemma, evaluate=False))


def rat2_derive() -> Derivation:
    Mm, Um, Vm, Am, Bm, Cm, xv = _rat2_objects()
    inv = DomainMatrix.from_Matrix(Mm).to_field().inv().to_Matrix()  # Gauss-Jordan over Q(m_ij)
    big = sympy.expand((eye(3) + Um * Vm).det(method="berkowitz"))
    fb = sympy.expand((xv * eye(3) - Am + Bm * Cm.T).det(method="berkowitz"))
    value = Tuple(Eq(_RAT2_LHS[0], inv, evaluate=False), Eq(_RAT2_LHS[1], big, evaluate=False),
                  Eq(_RAT2_LHS[2], fb, evaluate=False))
    steps = (
        Step(r"(i) Gauss-Jordan elimination over the field $\mathbb{Q}(m_{ij})$ gives $M^{-1}$; it equals "
             r"$\mathrm{adj}(M)/\det(M)$",
             Eq(_RAT2_LHS[0], Symbol("adj(M)") / Symbol("det(M)"))),
        Step(r"(ii) Sylvester: $\det(I_3 + UV)$ for symbolic $U$ ($3\times2$), $V$ ($2\times3$) expands to "
             r"the $2\times2$ determinant",
             Eq(_RAT2_LHS[1], Symbol("det(I_2 + V U)"))),
        Step(r"(iii) with $U = (\lambda I - A)^{-1}B$, $V = C^\top$: "
             r"$\det(\lambda I - A + BC^\top) = \det(\lambda I - A)\,(1 + C^\top(\lambda I - A)^{-1}B)$; at "
             r"$\lambda = 1/z$ this gives $G(z) = z^{-1}[\det(z^{-1}I - A + BC^\top)/\det(z^{-1}I - A) - 1]$",
             r"\det(\lambda I-A+BC^{\mathsf T})=\det(\lambda I-A)\,\big(1+C^{\mathsf T}(\lambda I-A)^{-1}B\big)"),
    )
    return Derivation(value, steps)


def rat2_numeric(dps: int, M: Any, U: Any, V: Any, A: Any, B: Any, C: Any, x: Any) -> list[Any]:
    """LU inverse, and the two left-hand determinants by ``mp.det``."""
    with at(dps):
        Mm, Um, Vm, Am = (routes.as_matrix(t) for t in (M, U, V, A))
        Bm, Cm = routes.as_matrix([[v] for v in B]), routes.as_matrix([[v] for v in C])
        xv = num._number(x, "x")
        return [mpmath.inverse(Mm), mpmath.det(mpmath.eye(3) + Um * Vm),
                mpmath.det(xv * mpmath.eye(3) - Am + Bm * Cm.T)]


_EX_RAT2 = (
    {"M": [[2, 1, 0], [_Q(1, 3), 3, 1], [1, 0, _Q(5, 2)]], "U": [[1, 2], [_Q(-1, 2), 1], [3, _Q(1, 5)]],
     "V": [[_Q(2, 3), 1, -1], [0, _Q(1, 4), 2]], "A": [[_Q(1, 2), 1, 0], [0, _Q(-1, 3), 1], [1, 0, _Q(1, 4)]],
     "B": [1, 2, -1], "C": [_Q(1, 2), 0, 3], "x": _Q(7, 5)},
    {"M": [[-1, 4, 2], [3, _Q(1, 7), 1], [2, 2, 9]], "U": [[0, 1], [1, 0], [2, 2]],
     "V": [[1, 1, 1], [_Q(1, 3), -1, 0]], "A": [[0, 1, 0], [0, 0, 1], [_Q(-1, 8), _Q(1, 4), _Q(1, 2)]],
     "B": [0, 0, 1], "C": [1, -2, _Q(1, 9)], "x": _Q(-3, 2)},
)

register(Result(
    key="RTF-RAT-2", title="Proof ingredients: adjugate, Sylvester's determinant identity, the rank-one lemma",
    source=f"{SU_10180}, proof of rationality", examples=_EX_RAT2,
    statement=rat2_statement, derive=rat2_derive, numeric=rat2_numeric,
    notes=r"Symbolic for generic $3\times3$ $M$, $3\times2$ $U$, $2\times3$ $V$ and generic $(A, B, C)$ with "
          "$d = 3$ (a general proof: the identities are polynomial/rational identities in independent "
          "symbols).",
    parts=("M^{-1}", r"\det(I_3 + UV)", r"\det(\lambda I - A + BC^\top)"),
))

# --- RTF-RAT-3 ----------------------------------------------------------------------------------

_RAT3_LHS = ("det(I - zA)", "(-1)^d det(A)", "C^T B")


def rat3_statement(d: Any = None, A: Any = None, B: Any = None, C: Any = None,
                   z_re: Any = 0, z_im: Any = 0) -> Eq:
    """RTF-RAT-3: :math:`\\det(I-z\\bar A)=a(z)`, :math:`(-1)^d\\det\\bar A=a_d`, :math:`C^{\\mathsf T}\\bar B=b_1=K_0`."""
    if A is None:
        Am, Bm, Cm = _rat1_realisation(case_d(d))
        zz = z
    else:
        Am, Bm, Cm = _point_realisation(A, B, C)
        zz = point_z(z_re, z_im)
    b, a = transfer_function(Am, Bm, Cm)
    return Eq(names(*_RAT3_LHS), Matrix([sympy.expand(poly_eval([1] + a, zz)), a[-1], b[0]]), evaluate=False)


def rat3_derive(d: int) -> Derivation:
    d = case_d(d)
    A, B, C = _rat1_realisation(d)
    M = DomainMatrix.from_Matrix(eye(d) - z * A)
    az = sympy.expand(M.domain.to_sympy(M.det()))
    value = Eq(names(*_RAT3_LHS), Matrix([az, sympy.expand((-1) ** d * A.det(method="berkowitz")),
                                          sympy.expand((C.T * B)[0])]), evaluate=False)
    q = Symbol("q")
    steps = (
        Step(r"$a(z) = z^d \chi(1/z) = \det(I - zA)$ by Berkowitz; its constant term is 1 and $z^d$ has "
             r"coefficient $(-1)^d \det(A)$", Eq(Symbol("det(I - zA)"), az)),
        Step(r"$b_1 = G(0) = K_0 = C^\top B$; $\deg b \le d - 1 < d \ge \deg a$", value),
        Step("In the RTF paper's variable $q$ ($z = 1/q$): "
             r"$q^{-1}G(1/q) = (b_1 q^{d-1} + \ldots + b_d)/(q^d + a_1 q^{d-1} + \ldots + a_d)$, strictly "
             "proper",
             Eq(Symbol("H(q)") - Symbol("h_0"), (Symbol("b_1") * q ** 2 + Symbol("b_2") * q + Symbol("b_3"))
                / (q**3 + Symbol("a_1") * q**2 + Symbol("a_2") * q + Symbol("a_3")))),
    )
    return Derivation(value, steps)


def rat3_numeric(dps: int, A: Any, B: Any, C: Any, z_re: Any = 0, z_im: Any = 0) -> list[Any]:
    with at(dps):
        Am = routes.as_matrix(A)
        d = Am.rows
        z0 = mpmath.mpc(num._number(z_re, "z"), num._number(z_im, "z"))
        (kernel0,) = routes.state_kernel(Am, B, C, 1)  # exactly K_0: asking for more terms fails the unpacking
        return [mpmath.det(mpmath.eye(d) - z0 * Am), (-1) ** d * mpmath.det(Am), kernel0]


register(Result(
    key="RTF-RAT-3", title="Elementary coefficient facts: a(z) = det(I - zA), a_d = (-1)^d det A, b_1 = K_0",
    title_tex=r"Elementary coefficient facts: $a(z) = \det(I - zA)$, $a_d = (-1)^d \det A$, $b_1 = K_0$",
    source=f"elementary; {SU_10180}; {RTF_PAPER} (strictly proper in q)",
    statement=rat3_statement, derive=rat3_derive, numeric=rat3_numeric, params=_REALISATIONS,
    examples=_EX_RAT, bound=Bound("d", 1, 8), display={"d": 2},
    notes=r"Symbolic $(A, B, C)$ for $d \le 3$, random rationals for $d = 4,\ldots,8$.  Non-minimal "
          r"realisations give $a$, $b$ with common factors; nothing here cancels them.",
))

# --- RTF-FFT-1 ----------------------------------------------------------------------------------

FFT1_L = {1: 2, 2: 7, 3: 8, 4: 16, 5: 13, 6: 7, 7: 8, 8: 9}  # pragma: no mutate (the L proved at each order: test data)


def _truncated_kernel(A: Matrix, B: Matrix, C: Matrix, L: int) -> list[Any]:
    """:math:`\\bar C^{\\mathsf T}A^kB`, :math:`k<L`, with :math:`(I-A^L)^{\\mathsf T}\\bar C=C` (exact solve)."""
    d = A.rows
    cbar = (eye(d) - A**L).T.LUsolve(C)
    out, x = [], B
    for _ in range(L):
        out.append(sympy.expand((cbar.T * x)[0]))
        x = A * x
    return out


def _fft1_setup(d: Any = None, a: Any = None, b: Any = None, L: Any = None) -> tuple[Matrix, Matrix, Matrix, int]:
    if a is None:
        d = case_d(d)
        A, B, C = rational_realisation(d, 100 + d)
        return A, B, C, FFT1_L[d]
    A, B, C = companion(exact(a), exact(b))
    return A, B, C, int(L)


def fft1_statement(d: Any = None, a: Any = None, b: Any = None, L: Any = None) -> Eq:
    """RTF-FFT-1: :math:`\\mathrm{IDFT}_L[\\mathrm{DFT}_L(b)/\\mathrm{DFT}_L(1,a)]_k=\\bar C^{\\mathsf T}\\bar A^k\\bar B`."""
    A, B, C, LL = _fft1_setup(d, a, b, L)
    return Eq(kernel_names(LL), Matrix(_truncated_kernel(A, B, C, LL)), evaluate=False)


def fft1_derive(d: int) -> Derivation:
    A, B, C, L = _fft1_setup(d)
    b, a = transfer_function(A, B, C)
    K = fft_kernel_exact(b, a, L)
    modulus = Poly(z**L - 1, z)
    residue = (Poly(poly_eval([1] + a, z), z) * Poly(poly_eval(K, z), z) - Poly(poly_eval(b, z), z)).rem(modulus)
    if not residue.is_zero:
        raise ArithmeticError(f"a(z) K(z) - b(z) is not 0 modulo z^L - 1: remainder {residue.as_expr()}")
    value = Eq(kernel_names(L), Matrix(K), evaluate=False)
    steps = (
        Step("$(b, a)$ of the realisation by the determinant formula (RTF-RAT-1)", Matrix([b, a])),
        Step(r"Division at the $L$-th roots of unity is division in $\mathbb{Q}[z]/(z^L - 1)$ (CRT): "
             r"$K(z) = b(z)a(z)^{-1}\ \mathrm{mod}\ (z^L - 1)$, by the extended Euclidean algorithm", value),
        Step("Check without roots of unity: the remainder of $a(z)K(z) - b(z)$ modulo $z^L - 1$",
             residue.as_expr()),
    )
    return Derivation(value, steps)


def _ab_point(seed: int, d: int, L: int, scale: int = 7) -> dict[str, Any]:
    return {"a": rationals(seed, d, 3, scale), "b": rationals(seed + 1, d, 5, 4), "L": L}


_EX_FFT = ({"a": GR1_A, "b": GR1_B, "L": 8}, _ab_point(1, 4, 16), _ab_point(2, 8, 16), _ab_point(3, 5, 13),
           _ab_point(4, 6, 7))

_FFT1_NOTES = (
    r"Proved exactly for random rational realisations $d = 1,\ldots,8$ with "
    r"$L = 2, 7, 8, 16, 13, 7, 8, 9$ (odd $L$ and $d = L - 1$ included), without roots of unity: the "
    r"FFT formula's value is $ba^{-1}\ \mathrm{mod}\ (z^L - 1)$.  The cross-check runs "
    r"$\texttt{fft\_kernel}$ (own mpmath FFT) against the exact truncated kernel; the test-suite adds "
    r"repeated companion products, the $O(d)$ recurrence and alias sums.  " + CONFIRM)  # pragma: no mutate (text)

register(Result(
    key="RTF-FFT-1", title="State-free kernel via FFT: IDFT of DFT(b)/DFT(1, a)",
    title_tex=r"State-free kernel via FFT: IDFT of $\mathrm{DFT}(b)/\mathrm{DFT}(1, a)$",
    source=f"{SU_10180}, state-free kernel; {RTF_PAPER}, FFT kernel", notes=_FFT1_NOTES,
    statement=fft1_statement, derive=fft1_derive, numeric=num.fft_kernel, params=fft_points(),  # own mpmath DFTs
    examples=_EX_FFT, bound=Bound("d", 1, 8), display={"d": 3},
))

# --- RTF-FFT-2 ----------------------------------------------------------------------------------

FFT2_L = {1: 3, 2: 5, 3: 8, 4: 7, 5: 9, 6: 8}  # pragma: no mutate (the L proved at each order: test data)


def _fft2_case(d: int) -> tuple[list[Any], list[Any], list[Any], int]:
    r = [(-1) ** i * _Q(i + 1, d + 2) for i in range(d)]  # distinct nonzero poles of modulus < 1
    apoly = Poly(sympy.prod([1 - ri * z for ri in r]), z)
    a = [apoly.coeff_monomial(z**i) for i in range(1, d + 1)]
    return r, a, rationals(200 + d, d, 5, 4), FFT2_L[d]


def fft2_statement(d: Any = None, a: Any = None, b: Any = None, L: Any = None) -> Eq:
    """RTF-FFT-2: ``fft_kernel(b, a, L)``:math:`_k=\\sum_{m\\ge0}g_{k+mL}` for :math:`\\rho<1`."""
    if a is None:
        _, a, b, L = _fft2_case(case_d(d))
    K = fft_kernel_exact(exact(b), exact(a), int(L))
    return Eq(kernel_names(int(L), "S"), Matrix(K), evaluate=False)


def fft2_derive(d: int) -> Derivation:
    r, a, b, L = _fft2_case(case_d(d))
    # partial fractions b/a = sum_i c_i / (1 - r_i z), c_i = b(1/r_i) / prod_{j != i} (1 - r_j / r_i)
    c = [poly_eval(b, 1 / ri) / sympy.prod([1 - rj / ri for rj in r if rj != ri]) for ri in r]
    pf = sympy.Add(*[ci / (1 - ri * z) for ci, ri in zip(c, r)])
    m, k = Symbol("m", integer=True, nonnegative=True), Symbol("k", integer=True, nonnegative=True)
    # sum_m r^(k + mL) = r^k sum_m (r^L)^m = r^k / (1 - r^L), |r| < 1 (r^k taken out of the sum: SymPy then
    # sums a geometric series with a number as ratio, three times faster than with the symbol k inside)
    geometric = [ri**k * summation((ri**L) ** m, (m, 0, sympy.oo)) for ri in r]
    S = [sympy.Add(*[ci * g.subs(k, j) for ci, g in zip(c, geometric)]) for j in range(L)]
    value = Eq(kernel_names(L, "S"), Matrix(S), evaluate=False)
    field = QQ.frac_field(z)  # exact rational functions: the residual is canceled as it is formed
    ratio = field.from_sympy(poly_eval(b, z) / poly_eval([1] + a, z))
    residual = field.to_sympy(field.from_sympy(pf) - ratio)
    if residual != 0:
        raise ArithmeticError(f"the partial fractions do not reproduce b/a (residual {residual})")
    steps = (
        Step("Partial fractions of $b/a$ (distinct poles $r_i$)", Eq(Symbol("b(z)/a(z)"), pf)),
        Step("Check: the partial fractions reproduce $b/a$", residual),
        Step(r"$g_n = \sum_i c_i r_i^n$; summing the geometric series over the aliases $k + mL$", value),
    )
    return Derivation(value, steps)


def fft2_numeric(dps: int, a: Any, b: Any, L: int) -> list[Any]:
    """Alias sums of power-series coefficients obtained by repeated companion products."""
    with at(dps):
        return routes.alias_sum(b, a, int(L))


_FFT2_NOTES = (
    r"Proved for $d = 1,\ldots,6$ with distinct rational poles $r_i = \pm(i+1)/(d+2)$ by partial "
    r"fractions and geometric series (SymPy summation), against the exact value of the FFT formula.  "
    r"Numerically the alias sum is truncated once $\rho^{ML} < 10^{-(\mathrm{dps}+5)}$ ($\rho$ from "
    r"mp.polyroots); examples have $\rho \le 0.9$.  Dropping the $(I - A^L)$ correction yields this "
    r"aliased kernel, close to the true one only if $\rho^L$ is much smaller than 1.")

register(Result(
    key="RTF-FFT-2", title="Aliasing view: the FFT kernel is the alias sum of the untruncated series",
    source=f"elementary (geometric series); consistent with {SU_10162} and {SU_10180}", notes=_FFT2_NOTES,
    statement=fft2_statement, derive=fft2_derive, numeric=fft2_numeric, bound=Bound("d", 1, 6), display={"d": 2},
    # Montel-stable points with sum|a_i| <= 9/10 (so rho <= 9/10 and the alias sum is short)
    params=fft_points(max_d=5, max_L=16, stable=True, margin=_Q(9, 10)),
    examples=({"a": GR1_A, "b": GR1_B, "L": 8},
              {"a": [_Q(-2, 5), _Q(-9, 20)], "b": [1, _Q(1, 3)], "L": 7},  # poles 0.9, -0.5
              {"a": [_Q(1, 5), _Q(-1, 10), _Q(1, 20), _Q(1, 8)], "b": [2, -1, _Q(1, 2), 1], "L": 13}),
))

# --- RTF-FFT-3 ----------------------------------------------------------------------------------


def _fft3_case(d: int) -> tuple[list[Any], int]:
    if d <= 2:
        return coeff_symbols("a", d), 3 + d
    return rationals(300 + d, d, 3, 5), d + 2


def fft3_statement(d: Any = None, a: Any = None, L: Any = None) -> Eq:
    """RTF-FFT-3: :math:`\\prod_{l<L}a(z_l)=\\det(I-\\operatorname{comp}(a)^L)=\\operatorname{res}_z(z^L-1,a(z))`."""
    if a is None:
        a, L = _fft3_case(case_d(d))
    aa = exact(list(a))
    res = resultant(z ** int(L) - 1, poly_eval([1] + aa, z), z)
    return Eq(Symbol("det(I - comp(a)^L)"), sympy.expand(res), evaluate=False)


def fft3_derive(d: int) -> Derivation:
    a, L = _fft3_case(case_d(d))
    value = sympy.expand((eye(len(a)) - comp(a) ** L).det(method="berkowitz"))
    steps = (
        Step(r"$\det(I - A^L) = \prod_l \det(I - \omega^l A)$ from $\prod_l(1 - x\omega^l) = 1 - x^L$ on "
             r"each eigenvalue; $\det(I - \omega^l A) = a(\omega^l)$; the resultant "
             r"$\mathrm{res}(z^L - 1, a)$ = product over the roots $\omega^l$ of $z^L - 1$ of $a(\omega^l)$",
             r"\prod_{l<L}a(\omega^l)=\det(I-\bar A^L)=\operatorname{res}_z(z^L-1,a(z))"),
        Step(r"Berkowitz determinant of $I - \operatorname{comp}(a)^L$",
             Eq(Symbol("det(I - comp(a)^L)"), value)),
    )
    return Derivation(Eq(Symbol("det(I - comp(a)^L)"), value, evaluate=False), steps)


def fft3_numeric(dps: int, a: Any, L: int) -> Any:
    """:math:`\\prod_{l<L}a(e^{2\\pi il/L})` by Horner at each root of unity."""
    with at(dps):
        return routes.bin_product(a, int(L))


_FFT3_NOTES = (
    r"Symbolic $a$ for $d = 1, 2$ ($L = 4, 5$), random rationals for $d = 3,\ldots,8$ ($L = d + 2$).  "
    r"The sign is $+$: $\mathrm{res}(z^L - 1, a) = \prod_l a(\omega^l)$ because $z^L - 1$ is monic.  A "
    r"vanishing bin makes $\texttt{fft\_kernel}$ raise.")

register(Result(
    key="RTF-FFT-3", title="When the ratio is defined: prod of DFT bins = det(I - A^L) = resultant",
    title_tex=r"When the ratio is defined: $\prod$ of DFT bins $= \det(I - A^L) =$ resultant",
    source=f"elementary; {SU_10180}", statement=fft3_statement, derive=fft3_derive, numeric=fft3_numeric,
    params=fft_points(max_d=6, max_L=12, with_b=False), bound=Bound("d", 1, 8), display={"d": 2}, notes=_FFT3_NOTES,
    examples=({"a": GR1_A, "L": 8}, {"a": [_Q(-1, 3), _Q(2, 7), 1, _Q(-1, 2)], "L": 5},
              {"a": [_Q(-2, 5), _Q(-9, 20)], "L": 7}),
))
