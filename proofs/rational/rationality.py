"""RTF registry entries, part A: rationality (RTF-RAT-1..3) and the FFT kernel (RTF-FFT-1..3).

Each entry's ``statement`` takes either the enumerated case (the symbolic proof: fully symbolic
data for every ``d`` -- or size ``n`` -- up to a bound, or, where a result declares instances,
reproducible random rationals / symbolic data at named ``(d, L)``) or an example point with exact
data (the numeric cross-check).  The mpmath side never evaluates the closed form: see
:mod:`numerics.rational.routes`.

Registers: RTF-RAT-1, RTF-RAT-2, RTF-RAT-3, RTF-FFT-1, RTF-FFT-2, RTF-FFT-3.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy
from sympy import QQ, Eq, Matrix, Poly, Rational, Symbol, Tuple, eye, summation
from sympy.polys.constructor import construct_domain
from sympy.polys.matrices import DomainMatrix

from numerics.rational import certified
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
from proofs.core import Bound, Derivation, Result, Scope, Step, register
from proofs.core.bibliography import RTF_PAPER, SU_10162, SU_10180

_Q = Rational

# --- RTF-RAT-1 ----------------------------------------------------------------------------------


def _rat1_realisation(d: int) -> tuple[Matrix, Matrix, Matrix]:
    """Fully symbolic :math:`(A, B, C)` of size ``d`` (every realisation of that size at once)."""
    return symbolic_realisation(d)


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
    # (I - zA) adj(I - zA) = det(I - zA) I, so C^T (I - zA)^{-1} B = C^T adj(I - zA) B / det(I - zA)
    adjugate_check = (M * adj - det * adj.eye(d, adj.domain)).to_Matrix()
    if any(e != 0 for e in adjugate_check):
        raise ArithmeticError("the adjugate identity does not hold")
    den = Poly(M.domain.to_sympy(det), z)
    # C^T adj B in the same ring: exact polynomial products, expanded as they are formed
    numer = Poly(M.domain.to_sympy((Cd.transpose() * adj * Bd).to_list()[0][0]), z)
    a = [den.coeff_monomial(z**i) for i in range(1, d + 1)]
    b = [numer.coeff_monomial(z**i) for i in range(d)]
    value = Eq(Matrix(coeff_symbols("a", d) + coeff_symbols("b", d)), Matrix(a + b), evaluate=False)
    steps = (
        Step(r"Inverse by the adjugate: $(I - zA)\,\mathrm{adj}(I - zA) - \det(I - zA)\,I$ over the polynomial "
             r"ring of the entries and $z$, computed (zero), so $G(z) = C^\top\mathrm{adj}(I - zA)B/\det(I - zA)$",
             adjugate_check),
        Step(r"Denominator $\det(I - zA)$ (fraction-free), degree $\le d$", den.as_expr()),
        Step(r"Numerator $C^\top \mathrm{adj}(I - zA)B$, degree $\le d - 1$", numer.as_expr()),
        Step("Hence the coefficients (compared with those of the determinant-difference formula)", value),
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
    r"Proved for fully symbolic $(A, B, C)$ of every size $d = 1,\ldots,4$ (every realisation of that "
    r"size): the determinant-difference coefficients of $\texttt{transfer\_function}$ equal those of "
    r"$\det(I - zA)$ and $C^\top \mathrm{adj}(I - zA)B$.  $d = 5$ takes about 10 s symbolically; the "
    r"test-suite checks random rational realisations of size $5,\ldots,8$ (instances, not part of the "
    r"proof).  No common factors are cancelled.")

register(Result(
    key="RTF-RAT-1", title="Rational generating function with explicit coefficients",
    source=f"{SU_10180}, rational generating function and its coefficients", notes=_RAT1_NOTES,
    statement=rat1_statement, derive=rat1_derive, numeric=rat1_numeric, params=_REALISATIONS,
    certified=certified.realisation_coefficients,
    examples=_EX_RAT, bound=Bound("d", 1, 4), display={"d": 2},
))

# --- RTF-RAT-2 ----------------------------------------------------------------------------------


def _sym_matrix(letter: str, rows: int, cols: int) -> Matrix:
    return Matrix(rows, cols, lambda i, j: Symbol(f"{letter}_{i + 1}{j + 1}"))


def _rat2_objects(n: Any = None, M: Any = None, U: Any = None, V: Any = None, A: Any = None, B: Any = None,
                  C: Any = None, x: Any = None) -> tuple[Matrix, list[tuple[Matrix, Matrix]], Matrix, Matrix, Matrix, Any]:
    """The symbolic case ``n`` (symbolic ``M`` and ``A`` of size n, ``U`` n x m and ``V`` m x n for every
    m = 1..n, symbolic ``B``, ``C``, lambda), or an exact point (one pair ``U``, ``V``)."""
    if M is None:
        n = case_d(n)
        pairs = [(_sym_matrix("u", n, m), _sym_matrix("v", m, n)) for m in range(1, n + 1)]
        As, Bs, Cs = symbolic_realisation(n)
        return _sym_matrix("m", n, n), pairs, As, Bs, Cs, lam
    return (Matrix(exact(M)), [(Matrix(exact(U)), Matrix(exact(V)))], Matrix(exact(A)), Matrix(exact(B)),
            Matrix(exact(C)), exact(x))


def _rat2_lhs(pairs: list[tuple[Matrix, Matrix]]) -> tuple[Any, Matrix, Any]:
    """``M^{-1}``; ``s_m = det(I_n + U V)`` for U of n x m; ``det(lambda I - A + B C^T)``."""
    return (Symbol("M^{-1}"), Matrix([Symbol(f"s_{U.cols}") for U, _ in pairs]), Symbol("det(lambda I - A + B C^T)"))


def rat2_statement(n: Any = None, M: Any = None, U: Any = None, V: Any = None, A: Any = None, B: Any = None,
                   C: Any = None, x: Any = None) -> Tuple:
    """RTF-RAT-2: (i) :math:`M^{-1}=\\operatorname{adj}M/\\det M`; (ii) :math:`\\det(I_n+UV)=\\det(I_m+VU)`
    (:math:`U` of :math:`n\\times m`); (iii) :math:`\\det(\\lambda I-A+BC^{\\mathsf T})=\\det(\\lambda I-A)
    (1+C^{\\mathsf T}(\\lambda I-A)^{-1}B)`.

    Symbolic case ``n``: (i) and (iii) at size n, (ii) for every m = 1..n (with the symmetry of (ii) this
    covers every pair of sizes up to n).  Adjugates and determinants over the entries' polynomial ring;
    the quotients of (i) and (iii) in its fraction field, so each right-hand side comes out canceled (for
    (iii) the polynomial it is) instead of as a sum of fractions over det(lambda I - A).
    """
    Mm, pairs, Am, Bm, Cm, xv = _rat2_objects(n, M, U, V, A, B, C, x)
    size = Am.rows
    adj_m, det_m = DomainMatrix.from_Matrix(Mm).to_field().adj_det()
    inv = (adj_m * adj_m.domain.quo(adj_m.domain.one, det_m)).to_Matrix()
    sylvester = []
    for Um, Vm in pairs:
        Vd, Ud = over_common_domain(Vm, Um)
        sylvester.append(Vd.domain.to_sympy((Vd.eye(Um.cols, Vd.domain) + Vd * Ud).det()))
    Rd, Bd, Cd = (dm.to_field() for dm in over_common_domain(xv * eye(size) - Am, Bm, Cm))
    adj_r, chi = Rd.adj_det()
    field = Rd.domain
    # C^T (lambda I - A)^{-1} B by (i)
    resolvent = field.quo((Cd.transpose() * adj_r * Bd).to_list()[0][0], chi)
    lemma = field.to_sympy(chi * (field.one + resolvent))
    lhs = _rat2_lhs(pairs)
    return Tuple(Eq(lhs[0], inv, evaluate=False), Eq(lhs[1], Matrix(sylvester), evaluate=False),
                 Eq(lhs[2], lemma, evaluate=False))


def rat2_derive(n: int) -> Derivation:
    Mm, pairs, Am, Bm, Cm, xv = _rat2_objects(n)
    size = Am.rows
    inv = DomainMatrix.from_Matrix(Mm).to_field().inv().to_Matrix()  # Gauss-Jordan over Q(m_ij)
    adj_m, det_m = DomainMatrix.from_Matrix(Mm).adj_det()
    adjugate_check = (DomainMatrix.from_Matrix(Mm) * adj_m - det_m * adj_m.eye(size, adj_m.domain)).to_Matrix()
    big = Matrix([sympy.expand((eye(size) + Um * Vm).det(method="berkowitz")) for Um, Vm in pairs])
    fb = sympy.expand((xv * eye(size) - Am + Bm * Cm.T).det(method="berkowitz"))
    # (iii) at lambda = 1/z, times z^n: z C^T adj(I - zA) B = det(I - zA + z B C^T) - det(I - zA), a polynomial
    # identity in z and the entries, which is the form G(z) = z^{-1}[det(z^{-1}I - A + BC^T)/det(z^{-1}I - A) - 1]
    Rz, Bz, Cz = over_common_domain(eye(size) - z * Am, Bm, Cm)
    adj_z, det_z = Rz.adj_det()
    dom = Rz.domain
    lhs_z = sympy.expand(z * dom.to_sympy((Cz.transpose() * adj_z * Bz).to_list()[0][0]))
    rhs_z = sympy.expand((eye(size) - z * Am + z * Bm * Cm.T).det(method="berkowitz") - dom.to_sympy(det_z))
    g_residual = sympy.expand(lhs_z - rhs_z)
    if g_residual != 0 or any(e != 0 for e in adjugate_check):
        raise ArithmeticError("the adjugate identity or the G(z) form of (iii) does not hold")
    lhs = _rat2_lhs(pairs)
    value = Tuple(Eq(lhs[0], inv, evaluate=False), Eq(lhs[1], big, evaluate=False), Eq(lhs[2], fb, evaluate=False))
    steps = (
        Step(r"(i) Gauss-Jordan elimination over the field $\mathbb{Q}(m_{ij})$ gives $M^{-1}$ (compared with "
             r"$\mathrm{adj}(M)/\det(M)$); the adjugate identity $M\,\mathrm{adj}(M) - \det(M) I$, computed",
             adjugate_check),
        Step(r"(ii) $\det(I_n + UV)$ for symbolic $U$ ($n\times m$), $V$ ($m\times n$), $m = 1,\ldots,n$, by "
             r"Berkowitz (compared with the $m\times m$ determinants $\det(I_m + VU)$)", big),
        Step(r"(iii) $\det(\lambda I - A + BC^\top)$ by Berkowitz (compared with "
             r"$\det(\lambda I - A)(1 + C^\top(\lambda I - A)^{-1}B)$, i.e. (ii) with $U = (\lambda I - A)^{-1}B$, "
             r"$V = C^\top$)", fb),
        Step(r"At $\lambda = 1/z$, times $z^n$: $z\,C^\top\mathrm{adj}(I - zA)B - [\det(I - zA + zBC^\top) - "
             r"\det(I - zA)]$, computed; it vanishes, so "
             r"$G(z) = z^{-1}[\det(z^{-1}I - A + BC^\top)/\det(z^{-1}I - A) - 1]$", g_residual),
    )
    return Derivation(value, steps)


def rat2_numeric(dps: int, M: Any, U: Any, V: Any, A: Any, B: Any, C: Any, x: Any) -> list[Any]:
    """LU inverse, and the left-hand determinants by ``mp.det``."""
    with at(dps):
        Mm, Um, Vm, Am = (routes.as_matrix(t) for t in (M, U, V, A))
        Bm, Cm = routes.as_matrix([[v] for v in B]), routes.as_matrix([[v] for v in C])
        xv = num._number(x, "x")
        n = Am.rows
        return [mpmath.inverse(Mm), mpmath.det(mpmath.eye(Um.rows) + Um * Vm),
                mpmath.det(xv * mpmath.eye(n) - Am + Bm * Cm.T)]


def _rat2_defined(p: dict[str, Any]) -> bool:
    """M invertible and x not an eigenvalue of A (the two quotients of the statement are defined)."""
    M, A = Matrix(exact(p["M"])), Matrix(exact(p["A"]))
    return M.det() != 0 and (exact(p["x"]) * eye(A.rows) - A).det() != 0


def _rat2_points() -> Any:
    """Points of the examples' shape: M, A of size n, U of n x m and V of m x n (1 <= m, n <= 4)."""
    from hypothesis import strategies as st

    from numerics import strategies as s

    def point(n: int, m: int) -> Any:
        return s.points(M=s.rational_matrices(n, bound=3), U=st.lists(vectors(m, 2, 9), min_size=n, max_size=n),
                        V=st.lists(vectors(n, 2, 9), min_size=m, max_size=m), A=s.rational_matrices(n, bound=2),
                        B=vectors(n, 2, 9), C=vectors(n, 2, 9), x=s.rationals(-3, 3, max_denominator=9))

    return st.tuples(s.sizes(1, 4), s.sizes(1, 4)).flatmap(lambda nm: point(*nm)).filter(_rat2_defined)


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
    source=f"{SU_10180}, proof of rationality", examples=_EX_RAT2, params=_rat2_points,
    statement=rat2_statement, derive=rat2_derive, numeric=rat2_numeric, bound=Bound("n", 1, 3), display={"n": 2},
    certified=certified.proof_ingredients,
    notes=r"Symbolic for every size $n = 1, 2, 3$: generic $n\times n$ $M$; $U$ ($n\times m$), $V$ "
          r"($m\times n$) for every $m \le n$ (by the symmetry of (ii) every pair of sizes up to 3); generic "
          r"$(A, B, C)$ of size $n$.  The $G(z)$ form of (iii) is computed as the polynomial identity "
          r"$z\,C^\top\mathrm{adj}(I - zA)B = \det(I - zA + zBC^\top) - \det(I - zA)$.  $s_m$ names "
          r"$\det(I_n + UV)$ for $U$ of $n\times m$.",
    parts=("M^{-1}", r"s_m = \det(I_n + UV)", r"\det(\lambda I - A + BC^\top)"),
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
    # the RTF paper's variable q = 1/z: q^{-1} G(1/q) = q^{-1} b(1/q)/a(1/q), for generic coefficients of length d
    q = Symbol("q")
    ga, gb = coeff_symbols("a", d), coeff_symbols("b", d)
    h = sympy.cancel(poly_eval(gb, 1 / q) / (q * poly_eval([1] + ga, 1 / q)))
    h_num, h_den = sympy.fraction(h)
    if not Poly(h_num, q).degree() < Poly(h_den, q).degree():
        raise ArithmeticError(f"q^-1 G(1/q) is not strictly proper: {h}")
    steps = (
        Step(r"$a(z) = \det(I - zA)$ (fraction-free determinant over the entries and $z$); its constant term is "
             r"1 and its $z^d$ coefficient is compared with $(-1)^d \det(A)$", Eq(Symbol("det(I - zA)"), az)),
        Step(r"$b_1 = G(0) = K_0 = C^\top B$ (compared with the determinant-difference $b_1$)", value),
        Step("In the RTF paper's variable $q$ ($z = 1/q$): $q^{-1}G(1/q)$ for generic $a$, $b$ of length $d$, "
             "canceled; the numerator's degree in $q$ is below the denominator's (strictly proper)",
             Eq(Symbol("H(q) - h_0"), h, evaluate=False)),
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
    certified=certified.coefficient_facts,
    examples=_EX_RAT, bound=Bound("d", 1, 4), display={"d": 2},
    notes=r"Fully symbolic $(A, B, C)$ for every $d = 1,\ldots,4$.  Non-minimal realisations give $a$, "
          r"$b$ with common factors; nothing here cancels them.",
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
    # the bins themselves, exactly in Q(omega) = Q[t]/Phi_L(t): DFT(1, a)_l DFT(K)_l - DFT(b)_l for every l
    phi = Poly(sympy.cyclotomic_poly(L, _t), _t)
    bins = [(p * q - r).rem(phi) for p, q, r in
            zip(dft_bins_exact([1] + a, L), dft_bins_exact(K, L), dft_bins_exact(b, L))]
    if any(not x.is_zero for x in bins):
        raise ArithmeticError("DFT(K) is not DFT(b)/DFT(1, a) at some bin")
    value = Eq(kernel_names(L), Matrix(K), evaluate=False)
    steps = (
        Step("$(b, a)$ of the realisation by the determinant formula (RTF-RAT-1)", Matrix([b, a])),
        Step(r"$K(z) = b(z)a(z)^{-1}\ \mathrm{mod}\ (z^L - 1)$, the inverse by the extended Euclidean "
             r"algorithm", value),
        Step("Check without roots of unity: the remainder of $a(z)K(z) - b(z)$ modulo $z^L - 1$",
             residue.as_expr()),
        Step(r"Check at the roots of unity, exactly ($\omega = e^{2\pi i/L}$ as $t$ in $\mathbb{Q}[t]/\Phi_L(t)$): "
             r"$\mathrm{DFT}_L(1, a)_l\,\mathrm{DFT}_L(K)_l - \mathrm{DFT}_L(b)_l$ for $l = 0,\ldots,L-1$; all "
             r"vanish, so $K$ is the IDFT of $\mathrm{DFT}(b)/\mathrm{DFT}(1, a)$",
             Matrix([x.as_expr() for x in bins])),
    )
    return Derivation(value, steps)


def _ab_point(seed: int, d: int, L: int, scale: int = 7) -> dict[str, Any]:
    return {"a": rationals(seed, d, 3, scale), "b": rationals(seed + 1, d, 5, 4), "L": L}


_EX_FFT = ({"a": GR1_A, "b": GR1_B, "L": 8}, _ab_point(1, 4, 16), _ab_point(2, 8, 16), _ab_point(3, 5, 13),
           _ab_point(4, 6, 7))

_FFT1_NOTES = (
    r"Proved exactly for eight instances, one reproducible random rational realisation $(A, B, C)$ for each "
    r"$d = 1,\ldots,8$ with $L = 2, 7, 8, 16, 13, 7, 8, 9$ (odd $L$ and $d = L - 1$ included), without "
    r"roots of unity: the FFT formula's value is $ba^{-1}\ \mathrm{mod}\ (z^L - 1)$.  The general claim "
    r"(every realisation, every $L > d$) is not proved symbolically here: it follows from "
    r"$(\sum_{k<L} z^k A^k)(I - zA) = I - z^L A^L$ and $z^L \equiv 1$, which is not computed.  The "
    r"cross-check, at fixed and drawn points, runs "
    r"$\texttt{fft\_kernel}$ (own mpmath FFT) against the exact truncated kernel; the test-suite adds "
    r"repeated companion products, the $O(d)$ recurrence and alias sums.  " + CONFIRM)  # pragma: no mutate (text)

register(Result(
    key="RTF-FFT-1", title="State-free kernel via FFT: IDFT of DFT(b)/DFT(1, a)",
    title_tex=r"State-free kernel via FFT: IDFT of $\mathrm{DFT}(b)/\mathrm{DFT}(1, a)$",
    source=f"{SU_10180}, state-free kernel; {RTF_PAPER}, FFT kernel", notes=_FFT1_NOTES,
    statement=fft1_statement, derive=fft1_derive, numeric=num.fft_kernel, params=fft_points(),  # own mpmath DFTs
    certified=certified.fft_kernel,
    examples=_EX_FFT, bound=Bound("d", 1, 8), display={"d": 3},
    scope=Scope.instances("one random rational realisation (A, B, C) for each d = 1..8, with "
                          "L = 2, 7, 8, 16, 13, 7, 8, 9", count=8),
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
    r"Proved for six instances, $d = 1,\ldots,6$, each with the distinct rational poles "
    r"$r_i = \pm(i+1)/(d+2)$, one random rational numerator and one $L$ ($3, 5, 8, 7, 9, 8$), by partial "
    r"fractions and geometric series (SymPy summation), against the exact value of the FFT formula.  The "
    r"general claim (every stable $a$, every $L$) is exercised numerically at the fixed and drawn points.  "
    r"Numerically the alias sum is truncated once $\rho^{ML} < 10^{-(\mathrm{dps}+5)}$ ($\rho$ from "
    r"mp.polyroots); examples have $\rho \le 0.9$.  Dropping the $(I - A^L)$ correction yields this "
    r"aliased kernel, close to the true one only if $\rho^L$ is much smaller than 1.")

register(Result(
    key="RTF-FFT-2", title="Aliasing view: the FFT kernel is the alias sum of the untruncated series",
    source=f"elementary (geometric series); consistent with {SU_10162} and {SU_10180}", notes=_FFT2_NOTES,
    statement=fft2_statement, derive=fft2_derive, numeric=fft2_numeric, bound=Bound("d", 1, 6), display={"d": 2},
    certified=certified.alias_sum,
    scope=Scope.instances("d = 1..6, each with the poles +-(i+1)/(d+2), one rational numerator and one L",
                          count=6),
    # Montel-stable points with sum|a_i| <= 9/10 (so rho <= 9/10 and the alias sum is short)
    params=fft_points(max_d=5, max_L=16, stable=True, margin=_Q(9, 10)),
    examples=({"a": GR1_A, "b": GR1_B, "L": 8},
              {"a": [_Q(-2, 5), _Q(-9, 20)], "b": [1, _Q(1, 3)], "L": 7},  # poles 0.9, -0.5
              {"a": [_Q(1, 5), _Q(-1, 10), _Q(1, 20), _Q(1, 8)], "b": [2, -1, _Q(1, 2), 1], "L": 13}),
))

# --- RTF-FFT-3 ----------------------------------------------------------------------------------

#: the symbolic proof: symbolic a for every d = 1..FFT3_D and every L = d + 1..FFT3_L (d < L: the padded
#: vector (1, a, 0, ..., 0) fits in L entries)
FFT3_D, FFT3_L = 4, 10  # pragma: no mutate (the extent of the proof: test data)
_t = Symbol("t")  # stands for the primitive L-th root of unity omega = e^(2 pi i/L) in Q[t]/Phi_L(t)


def sylvester_resultant(f: list[Any], g: list[Any]) -> Any:
    """:math:`\\operatorname{res}(f, g)=\\det\\operatorname{Syl}(f, g)`, coefficient lists leading first.

    The Sylvester matrix of the formal degrees ``m = len(f) - 1`` and ``n = len(g) - 1`` has :math:`n`
    shifted rows of :math:`f` above :math:`m` shifted rows of :math:`g`; its determinant is
    the resultant with the textbook sign, :math:`\\operatorname{res}(f, g)=f_m^n\\prod_{f(x)=0}g(x)`
    and :math:`\\operatorname{res}(g, f)=(-1)^{mn}\\operatorname{res}(f, g)`.  Built here rather than
    taken from ``sympy.resultant``, whose value does not change sign when its arguments are swapped
    (SymPy issue 10666), so that the order of the arguments is part of what is checked.
    """
    m, n = len(f) - 1, len(g) - 1
    if m < 1 or n < 0:
        raise ValueError(f"the Sylvester matrix needs deg f >= 1, deg g >= 0, got {m} and {n}")
    size = m + n
    rows = [[0] * i + list(f) + [0] * (size - m - 1 - i) for i in range(n)]
    rows += [[0] * i + list(g) + [0] * (size - n - 1 - i) for i in range(m)]
    dm = DomainMatrix.from_Matrix(Matrix(rows))
    return sympy.expand(dm.domain.to_sympy(dm.det()))


def _cyclotomic(L: int, dom: Any) -> Poly:
    return Poly(sympy.cyclotomic_poly(L, _t), _t, domain=dom)


def dft_bins_exact(c: list[Any], L: int) -> list[Poly]:
    """The exact DFT bins :math:`\\hat c_l=\\sum_kc_k\\omega^{-kl}` of ``c`` (length <= L) in :math:`\\mathbb Q(\\omega)`.

    :math:`\\mathbb Q(\\omega)`, :math:`\\omega=e^{2\\pi i/L}`, is represented as :math:`\\mathbb Q[t]/\\Phi_L(t)`
    (:math:`\\Phi_L` the cyclotomic polynomial, irreducible): :math:`\\omega^{-kl}` is
    :math:`t^{(-kl)\\bmod L}` reduced modulo :math:`\\Phi_L`.  The coefficients may be symbols: each bin
    is a ``Poly`` in ``t`` over their polynomial ring, of degree < :math:`\\varphi(L)`.
    """
    if len(c) > L:
        raise ValueError(f"the vector must fit in L = {L} entries, got {len(c)}")
    values = [sympy.sympify(x) for x in c]
    dom = construct_domain(values)[0]
    phi = _cyclotomic(L, dom)
    return [Poly(sympy.Add(*[ck * _t ** ((-k * l) % L) for k, ck in enumerate(values)]), _t, domain=dom).rem(phi)
            for l in range(L)]


def bin_product_exact(a: list[Any], L: int) -> Any:
    """:math:`\\prod_{l<L}\\mathrm{DFT}_L(1,a_1,\\dots,a_d,0,\\dots,0)_l`, exactly (in :math:`\\mathbb Q[t]/\\Phi_L`).

    Raises ArithmeticError if the reduced product still contains ``t`` (it is a norm, so it is rational
    in the coefficients).
    """
    bins = dft_bins_exact([1, *a], L)
    phi = _cyclotomic(L, bins[0].domain)
    product = Poly(1, _t, domain=bins[0].domain)
    for b in bins:
        product = (product * b).rem(phi)
    if product.degree() > 0:
        raise ArithmeticError(f"the product of the DFT bins is not free of the root of unity: {product}")
    return sympy.expand(product.as_expr())


def _det_one_minus_power(a: list[Any], L: int) -> Any:
    """:math:`\\det(I-\\operatorname{comp}(a)^L)`: the explicit power over the coefficients' ring, then a
    fraction-free determinant."""
    A = DomainMatrix.from_Matrix(comp(a))
    one = DomainMatrix.from_Matrix(eye(len(a))).convert_to(A.domain)
    return sympy.expand(A.domain.to_sympy((one - A**L).det()))


def _fft3_pairs(d: Any = None, a: Any = None, L: Any = None) -> list[tuple[list[Any], int]]:
    if a is None:
        d = case_d(d)
        return [(coeff_symbols("a", d), LL) for LL in range(d + 1, FFT3_L + 1)]
    return [(exact(list(a)), int(L))]


def _fft3_names(pairs: list[tuple[list[Any], int]]) -> Matrix:
    """``P_L`` (the product of the L DFT bins of (1, a)) and ``D_L`` (det(I - comp(a)^L)), for each L."""
    return Matrix([Symbol(f"{name}_{L}") for _, L in pairs for name in ("P", "D")])


def fft3_statement(d: Any = None, a: Any = None, L: Any = None) -> Eq:
    """RTF-FFT-3: :math:`\\prod_{l<L}\\mathrm{DFT}_L(1,a)_l=\\det(I-\\operatorname{comp}(a)^L)=\\operatorname{res}_z(z^L-1,a(z))`.

    The left side names :math:`P_L` (the product of the bins) and :math:`D_L` (the determinant) for each
    :math:`L`.  The closed form is the resultant, :math:`z^L-1` first (degree :math:`L`, monic), :math:`a(z)` of
    formal degree :math:`d` second, computed as a Sylvester determinant (:func:`sylvester_resultant`);
    the symbolic case lists it for every :math:`L=d+1..` ``FFT3_L``.
    """
    pairs = _fft3_pairs(d, a, L)
    values = []
    for aa, LL in pairs:
        r = sylvester_resultant([1] + [0] * (LL - 1) + [-1], list(reversed([1, *aa])))
        values += [r, r]
    return Eq(_fft3_names(pairs), Matrix(values), evaluate=False)


def fft3_derive(d: int) -> Derivation:
    pairs = _fft3_pairs(d)
    a, first = pairs[0]
    products = [bin_product_exact(aa, LL) for aa, LL in pairs]
    dets = [_det_one_minus_power(aa, LL) for aa, LL in pairs]
    value = Eq(_fft3_names(pairs), Matrix([v for pair in zip(products, dets) for v in pair]), evaluate=False)
    Ls = Matrix([LL for _, LL in pairs])
    steps = (
        Step(rf"The $L = {first}$ DFT bins of $(1, a_1, \ldots, a_d, 0, \ldots)$, exactly: $\omega = e^{{2\pi i/L}}$ "
             r"is $t$ in $\mathbb{Q}[t]/\Phi_L(t)$ ($\Phi_L$ the cyclotomic polynomial), $\omega^{-kl}$ is "
             r"$t^{-kl\ \mathrm{mod}\ L}$ reduced modulo $\Phi_L$",
             Matrix([b.as_expr() for b in dft_bins_exact([1, *a], first)])),
        Step(r"The product of the $L$ bins, reduced modulo $\Phi_L(t)$: free of $t$ (a rational polynomial in "
             r"$a$), for every $L$ of the case",
             Matrix.hstack(Ls, Matrix(products))),
        Step(r"$\det(I - \operatorname{comp}(a)^L)$ from the explicit matrix power (fraction-free determinant): "
             "the same polynomials, and both equal $\\mathrm{res}_z(z^L - 1, a(z))$ (Sylvester determinant, "
             "$z^L - 1$ first)",
             Matrix.hstack(Ls, Matrix(dets))),
    )
    return Derivation(value, steps)


def fft3_numeric(dps: int, a: Any, L: int) -> list[Any]:
    """The product of the DFT bins of :math:`(1,a,0,\\dots)` (the project's mpmath DFT) and
    :math:`\\det(I-\\operatorname{comp}(a)^L)` (``mp.det`` of the repeated product)."""
    with at(dps):
        return [routes.dft_bin_product(a, int(L)), routes.det_one_minus_power(a, int(L))]


_FFT3_NOTES = (
    r"$P_L = \prod_{l<L}\mathrm{DFT}_L(1, a_1, \ldots, a_d, 0, \ldots, 0)_l$, $D_L = \det(I - "
    r"\operatorname{comp}(a)^L)$.  Symbolic $a$ for every $d = 1,\ldots,4$ and every $L = d + 1,\ldots,10$ (30 pairs; odd $Ld$ "
    r"included): the bins are computed exactly in $\mathbb{Q}(e^{2\pi i/L}) = \mathbb{Q}[t]/\Phi_L(t)$ and "
    r"multiplied, $\det(I - \operatorname{comp}(a)^L)$ from the explicit power, and both are compared with "
    r"the resultant, built as a Sylvester determinant with $z^L - 1$ first (no sign: $z^L - 1$ is "
    r"monic; the other order differs by $(-1)^{Ld}$, and SymPy's $\texttt{resultant}$, which gives one value "
    r"for both orders, is not used).  For every $d$ and $L$ the identity follows from "
    r"$\prod_l(1 - x\omega^l) = 1 - x^L$ applied to each eigenvalue of $\operatorname{comp}(a)$; that "
    r"argument is not computed here.  A vanishing bin makes $\texttt{fft\_kernel}$ raise.")

register(Result(
    key="RTF-FFT-3",
    title="When the ratio is defined: prod of the DFT bins of (1, a) = det(I - comp(a)^L) = res(z^L - 1, a), "
          "symbolic a, d <= 4, L <= 10",
    title_tex=r"When the ratio is defined: $\prod_l \mathrm{DFT}_L(1, a)_l = \det(I - \operatorname{comp}(a)^L) "
              r"= \mathrm{res}(z^L - 1, a)$, symbolic $a$, $d \le 4$, $L \le 10$",
    source=f"elementary; {SU_10180}", statement=fft3_statement, derive=fft3_derive, numeric=fft3_numeric,
    certified=certified.bin_product_and_determinant,
    params=fft_points(max_d=6, max_L=12, with_b=False), bound=Bound("d", 1, FFT3_D), display={"d": 2},
    scope=Scope.instances(f"symbolic a for every d = 1..{FFT3_D} and every L = d + 1..{FFT3_L}",
                          count=sum(FFT3_L - d for d in range(1, FFT3_D + 1))),
    notes=_FFT3_NOTES,
    examples=({"a": GR1_A, "L": 8}, {"a": [_Q(-1, 3), _Q(2, 7), 1, _Q(-1, 2)], "L": 5},
              {"a": [_Q(-2, 5), _Q(-9, 20)], "L": 7},
              {"a": [_Q(1, 3), _Q(-1, 2), _Q(1, 5)], "L": 5}),  # L d = 15 odd: the argument order matters
))
