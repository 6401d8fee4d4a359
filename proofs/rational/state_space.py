"""RTF registry entries, part B: companion realisation (RTF-COMP-1..3) and recurrences (RTF-REC-1, 2).

As in part A, ``statement`` takes the enumerated ``d`` (symbolic proof) or an exact
example point (numeric cross-check against :mod:`numerics.rational` and
:mod:`numerics.rational.routes`).

Registers: RTF-COMP-1, RTF-COMP-2, RTF-COMP-3, RTF-REC-1, RTF-REC-2.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy
from sympy import Eq, Matrix, Poly, Symbol, Tuple, eye, symbols
from sympy.polys.matrices import DomainMatrix

from numerics.rational import routes
from numerics.rational import kernels as num
from numerics.rational import certified

from .instances import (
    GR1_A,
    GR1_B,
    a_vectors,
    at,
    case_d,
    coeff_symbols,
    exact,
    point_z,
    poly_eval,
    rationals,
    sized_coefficients,
    sized_points,
    vectors,
)
from .transfer import comp, companion, lam, transfer_function, z
from proofs.core import Bound, Derivation, Result, Scope, Step, register
from proofs.core.bibliography import RTF_PAPER, SU_10180
from proofs.core.params import draw

_Q = sympy.Rational


def _lam_poly(dom: Any, coeffs: list[Any]) -> Any:
    """:math:`\\sum_ic_i\\lambda^{n-i}` (``coeffs`` leading first, in ``dom``) as an expanded expression.

    The coefficients are expanded polynomials already, so distributing the powers of lambda over their
    terms gives the expanded sum directly (a general ``expand`` of it costs several times more).
    """
    n = len(coeffs) - 1
    return sympy.Add(*[t * lam ** (n - i) for i, c in enumerate(coeffs)
                       for t in sympy.Add.make_args(dom.to_sympy(c))])


def _charpoly_expr(M: Matrix) -> Any:
    """:math:`\\det(\\lambda I-M)` by Berkowitz over the entries' polynomial ring (DomainMatrix)."""
    dm = DomainMatrix.from_Matrix(M)
    return _lam_poly(dm.domain, dm.charpoly())


def _chi(a: list[Any]) -> Any:
    d = len(a)
    return lam**d + sympy.Add(*[a[i] * lam ** (d - 1 - i) for i in range(d)])


# --- RTF-COMP-1 ---------------------------------------------------------------------------------


def comp1_statement(d: Any = None, a: Any = None) -> Eq:
    """RTF-COMP-1: :math:`\\det(\\lambda I-\\operatorname{comp}(a))=\\lambda^d+a_1\\lambda^{d-1}+\\dots+a_d`.

    At an example point the statement lists the coefficients :math:`(a_1..a_d)` themselves.
    """
    if a is None:
        d = case_d(d)
        return Eq(Symbol("det(lambda I - comp(a))"), _chi(coeff_symbols("a", d)), evaluate=False)
    aa = exact(list(a))
    return Eq(Matrix(coeff_symbols("chi", len(aa))), Matrix(aa), evaluate=False)


def comp1_derive(d: int) -> Derivation:
    d = case_d(d)
    a = coeff_symbols("a", d)
    value = _charpoly_expr(comp(a))
    # cofactor expansion along the first row (lambda + a_1, a_2, ..., a_d) of lambda I - comp(a), computed:
    # the (1, j) minors and the cofactor sum
    M = lam * eye(d) - comp(a)
    minors = [sympy.expand(M.minor_submatrix(0, j).det(method="berkowitz")) for j in range(d)]
    cofactor_sum = sympy.expand(sympy.Add(*[(-1) ** j * M[0, j] * minors[j] for j in range(d)]))
    if sympy.expand(cofactor_sum - value) != 0:
        raise ArithmeticError("the cofactor expansion and the characteristic polynomial differ")
    steps = (
        Step(r"The $(1, j)$ minors of $\lambda I - \operatorname{comp}(a)$, computed: block triangular, "
             r"$(-1)^{j-1}\lambda^{d-j}$ (the pattern that gives the formula for every $d$)", Matrix([minors])),
        Step(r"Cofactor expansion along the first row $(\lambda + a_1, a_2, \ldots, a_d)$",
             Eq(Symbol("det(lambda I - comp(a))"), cofactor_sum, evaluate=False)),
        Step("Berkowitz characteristic polynomial (exact, symbolic $a$): the same polynomial",
             Eq(Symbol("det(lambda I - comp(a))"), value, evaluate=False)),
    )
    return Derivation(Eq(Symbol("det(lambda I - comp(a))"), value, evaluate=False), steps)


def comp1_numeric(dps: int, a: Any) -> list[Any]:
    """Faddeev--LeVerrier on the mpmath companion matrix."""
    with at(dps):
        return routes.faddeev_leverrier(routes.companion(a))


register(Result(
    key="RTF-COMP-1", title="Companion characteristic polynomial",
    source=f"standard; {SU_10180}, companion matrix; {RTF_PAPER}", params=draw(a=sized_coefficients(10)),
    statement=comp1_statement, derive=comp1_derive, numeric=comp1_numeric, bound=Bound("d", 1, 32), display={"d": 3},
    certified=certified.companion_charpoly,
    examples=({"a": GR1_A}, {"a": rationals(5, 7, 3, 7)}, {"a": rationals(6, 12, 2, 5)}),
    notes=r"Checked exactly with symbolic $a$ for every $d = 1,\ldots,32$, by Berkowitz and by the "
          r"cofactor expansion along the first row (the minors computed).  The minors' pattern "
          r"$(-1)^{j-1}\lambda^{d-j}$ gives the formula for every $d$; that general step is an argument, "
          "not a computation.",
))

# --- RTF-COMP-2 ---------------------------------------------------------------------------------


def _comp2_ab(d: int) -> tuple[list[Any], list[Any]]:
    """Symbolic coefficients of length ``d`` (every companion realisation of that size)."""
    return coeff_symbols("a", d), coeff_symbols("b", d)


def _comp2_lhs(d: int) -> Matrix:
    return Matrix([Symbol(f"x_{i + 1}") for i in range(d)] + coeff_symbols("tf_a", d) + coeff_symbols("tf_b", d))


def comp2_statement(d: Any = None, a: Any = None, b: Any = None, z_re: Any = None, z_im: Any = None) -> Eq:
    """RTF-COMP-2: :math:`(I-z\\operatorname{comp}(a))^{-1}e_1=(1,z,\\dots,z^{d-1})^{\\mathsf T}/a(z)`
    and ``transfer_function(*companion(a, b)) == (b, a)``."""
    if a is None:
        aa, bb = _comp2_ab(case_d(d))
        zz = z
    else:
        aa, bb = exact(list(a)), exact(list(b))
        zz = point_z(z_re, z_im)
    az = poly_eval([1] + aa, zz)
    return Eq(_comp2_lhs(len(aa)), Matrix([zz**i / az for i in range(len(aa))] + aa + bb), evaluate=False)


def _unit_constant_term(f: Any, field: Any) -> Any:
    """A fraction of the field Q(..., z) as SymPy num/den in lowest terms with den(z = 0) = 1, the normal
    form of a generating function (a(0) = 1): the statement's z^i/a(z) and this quotient then agree
    term by term, so the comparison needs no fraction arithmetic."""
    num, den = sympy.fraction(field.to_sympy(f))
    # pragma below: the normaliser only picks which of equal forms is returned (any c != 0 gives the
    # same fraction, and the derivation is compared with same()): a mutant there cannot be wrong
    c = den.subs(z, 0)  # pragma: no mutate (form only)
    return sympy.expand(num / c) / sympy.expand(den / c) if c != 0 else num / den  # pragma: no mutate (form only)


def comp2_derive(d: int) -> Derivation:
    d = case_d(d)
    a, b = _comp2_ab(d)
    M = DomainMatrix.from_Matrix(eye(d) - z * comp(a))
    # adjugate column over the polynomial ring, divided in its fraction field
    adj, det = M.adj_det()
    F = M.domain.get_field()
    den = F.convert_from(det, M.domain)
    x = [_unit_constant_term(F.convert_from(row[0], M.domain) / den, F) for row in adj.to_list()]
    tb, ta = transfer_function(*companion(a, b))
    value = Eq(_comp2_lhs(d), Matrix(x + ta + tb), evaluate=False)
    steps = (
        Step(r"Solve $(I - z \operatorname{comp}(a))x = e_1$ exactly: "
             r"$x = \mathrm{adj}(I - z \operatorname{comp}(a))e_1/\det(I - z \operatorname{comp}(a))$",
             Eq(Matrix([Symbol(f"x_{i + 1}") for i in range(d)]), Matrix(x), evaluate=False)),
        Step(r"$\texttt{transfer\_function}(\operatorname{comp}(a), e_1, b)$ by the determinant formula",
             Matrix([ta, tb])),
        Step(r"Hence $C^\top(I - z \operatorname{comp}(a))^{-1}e_1 = b(z)/a(z)$ with $C = b$: $2d$ parameters "
             r"(plus $h_0$) instead of $d^2 + 2d$", value),
    )
    return Derivation(value, steps)


def comp2_numeric(dps: int, a: Any, b: Any, z_re: Any, z_im: Any) -> list[Any]:
    """LU solve at z_0, Faddeev--LeVerrier and interpolation on the mpmath companion realisation."""
    with at(dps):
        A = routes.companion(a)
        d = A.rows
        e1 = [1] + [0] * (d - 1)
        z0 = mpmath.mpc(num._number(z_re, "z"), num._number(z_im, "z"))
        x = mpmath.lu_solve(mpmath.eye(d) - z0 * A, mpmath.matrix(e1))
        return [*(x[i] for i in range(d)), *routes.faddeev_leverrier(A), *routes.numerator_by_interpolation(A, e1, b)]


def _near_zero(s: Any, d: int) -> Any:
    """Real or imaginary part of an evaluation point z_0: rationals in [-1/4, 1/4]."""
    return s.rationals(-1, 1, max_denominator=20).map(lambda x: x / 4)  # pragma: no mutate (test points)


#: points {a, b} with a and b of one length d <= 8 (a stable or not)
_AB = {"a": lambda s, d: a_vectors(d), "b": lambda s, d: vectors(d, 2, 30)}  # pragma: no mutate (test points)

_EX_COMP2 = ({"a": GR1_A, "b": GR1_B, "z_re": _Q(1, 3), "z_im": _Q(1, 5)},
             {"a": rationals(7, 6, 3, 7), "b": rationals(8, 6, 3, 7), "z_re": _Q(-1, 4), "z_im": _Q(1, 9)},
             {"a": rationals(9, 12, 1, 9), "b": rationals(10, 12, 3, 7), "z_re": _Q(1, 7), "z_im": 0})

register(Result(
    key="RTF-COMP-2", title="Companion realisation: C^T (I - z comp(a))^{-1} e_1 = b(z)/a(z)",
    title_tex=r"Companion realisation: $C^\top(I - z \operatorname{comp}(a))^{-1}e_1 = b(z)/a(z)$",
    source=f"{SU_10180}, companion realisation; {RTF_PAPER}", examples=_EX_COMP2, bound=Bound("d", 1, 8),
    statement=comp2_statement, derive=comp2_derive, numeric=comp2_numeric, display={"d": 3},
    certified=certified.companion_resolvent,
    params=sized_points(8, **_AB, z_re=_near_zero, z_im=_near_zero),
    notes=r"Fully symbolic $a$, $b$ for every $d = 1,\ldots,8$.  The test-suite adds random rational "
          r"instances of size $9,\ldots,16$ (and, marked slow, up to 32); they are not part of the proof.  "
          r"The truncated kernel's output vector $\bar{C}^\top = b^\top(I - \operatorname{comp}(a)^L)^{-1}$ "
          "is RTF-FFT-1's.",
))

# --- RTF-COMP-3 ---------------------------------------------------------------------------------

_COMP3_LHS = (Symbol("comp(a) - e_1 b^T"), Symbol("det(lambda I - A + B C^T) - det(lambda I - A)"))


def comp3_statement(d: Any = None, a: Any = None, b: Any = None, x: Any = None) -> Tuple:
    """RTF-COMP-3: :math:`\\operatorname{comp}(a)-e_1b^{\\mathsf T}=\\operatorname{comp}(a+b)` and
    :math:`\\chi_{a+b}-\\chi_a=b_1\\lambda^{d-1}+\\dots+b_d`."""
    if a is None:
        d = case_d(d)
        aa, bb, xx = coeff_symbols("a", d), coeff_symbols("b", d), lam
    else:
        aa, bb, xx = exact(list(a)), exact(list(b)), exact(x)
    d = len(aa)
    diff = sympy.Add(*[bb[i] * xx ** (d - 1 - i) for i in range(d)])
    return Tuple(Eq(_COMP3_LHS[0], comp([p + q for p, q in zip(aa, bb)]), evaluate=False),
                 Eq(_COMP3_LHS[1], diff, evaluate=False))


def comp3_derive(d: int) -> Derivation:
    d = case_d(d)
    a, b = coeff_symbols("a", d), coeff_symbols("b", d)
    A, B, C = companion(a, b)
    feedback = A - B * C.T
    # both are expanded polynomials, so their difference is expanded already (Add merges like terms)
    diff = _charpoly_expr(feedback) - _charpoly_expr(A)
    value = Tuple(Eq(_COMP3_LHS[0], feedback, evaluate=False), Eq(_COMP3_LHS[1], diff, evaluate=False))
    steps = (
        Step("The rank-one feedback only changes the first row", Eq(_COMP3_LHS[0], feedback, evaluate=False)),
        Step("Both characteristic polynomials by Berkowitz; their difference", value.args[1]),
    )
    return Derivation(value, steps)


def comp3_numeric(dps: int, a: Any, b: Any, x: Any) -> list[Any]:
    with at(dps):
        A = routes.companion(a)
        d = A.rows
        fb = A.copy()
        bb = num._vector(b, "b")
        for j in range(d):
            fb[0, j] -= bb[j]
        xv = num._number(x, "x")
        return [fb, mpmath.det(xv * mpmath.eye(d) - fb) - mpmath.det(xv * mpmath.eye(d) - A)]


register(Result(
    key="RTF-COMP-3", title="Feedback form: comp(a) - e_1 b^T = comp(a + b)",
    title_tex=r"Feedback form: $\operatorname{comp}(a) - e_1 b^\top = \operatorname{comp}(a + b)$",
    source=SU_10180, certified=certified.feedback_form, statement=comp3_statement, derive=comp3_derive, numeric=comp3_numeric,
    examples=({"a": GR1_A, "b": GR1_B, "x": _Q(5, 3)},
              {"a": rationals(11, 5, 3, 7), "b": rationals(12, 5, 3, 7), "x": _Q(-7, 4)}),
    params=sized_points(8, **_AB, x=lambda s, d: s.rationals(-3, 3, max_denominator=20)),
    bound=Bound("d", 1, 32), display={"d": 3},
    notes=r"Symbolic $a$, $b$ for every $d = 1,\ldots,32$.  Numerically the determinant difference is "
          r"computed by $\texttt{mp.det}$ of the feedback matrix (an independent route); the matrix part "
          r"$\operatorname{comp}(a) - e_1 b^\top$ is entrywise $-a_j - b_j$ either way (it checks "
          "transcription only).",
    parts=(r"\operatorname{comp}(a) - e_1 b^\top", r"\det(\lambda I - A + BC^\top) - \det(\lambda I - A)"),
))

# --- RTF-REC-1 ----------------------------------------------------------------------------------

STEPS = 6


def _u_symbols(n: int) -> list[Symbol]:
    return list(symbols(f"u_0:{n}"))


def _kernel_by_powers(a: list[Any], c: list[Any], n: int) -> list[Any]:
    A = comp(a)
    x, out = Matrix([1] + [0] * (len(a) - 1)), []
    for _ in range(n):
        out.append(sympy.expand((Matrix([c]) * x)[0]))
        x = A * x
    return out


def _convolution(K: list[Any], u: list[Any]) -> list[Any]:
    return [sympy.expand(sympy.Add(*[K[j] * u[k - j] for j in range(k + 1)])) for k in range(len(u))]


def rec1_statement(d: Any = None, a: Any = None, b: Any = None, u: Any = None) -> Eq:
    """RTF-REC-1: the recurrence outputs equal :math:`\\sum_{j\\le k}K_ju_{k-j}`, :math:`K_j=c^{\\mathsf T}\\operatorname{comp}(a)^je_1`."""
    if a is None:
        d = case_d(d)
        aa, cc, uu = coeff_symbols("a", d), coeff_symbols("c", d), _u_symbols(STEPS)
    else:
        aa, cc, uu = exact(list(a)), exact(list(b)), exact(list(u))
    lhs = Matrix([Symbol(f"y_{k + 1}") for k in range(len(uu))])
    return Eq(lhs, Matrix(_convolution(_kernel_by_powers(aa, cc, len(uu)), uu)), evaluate=False)


def rec1_derive(d: int) -> Derivation:
    d = case_d(d)
    a, c, u = coeff_symbols("a", d), coeff_symbols("c", d), _u_symbols(STEPS)
    x, ys = [sympy.Integer(0)] * d, []
    for uk in u:
        x = [sympy.expand(uk - sympy.Add(*[ai * xi for ai, xi in zip(a, x)]))] + x[:-1]
        ys.append(sympy.expand(sympy.Add(*[ci * xi for ci, xi in zip(c, x)])))
    lhs = Matrix([Symbol(f"y_{k + 1}") for k in range(STEPS)])
    value = Eq(lhs, Matrix(ys), evaluate=False)
    # one step of the O(d) update against comp(a) x + e_1 u, for a symbolic state x and input u
    xs, us = Matrix(symbols(f"x_1:{d + 1}")), Symbol("u")
    shift = Matrix([us - sum((ai * xi for ai, xi in zip(a, xs)), sympy.Integer(0))] + list(xs[:-1]))
    one_step = (shift - comp(a) * xs - Matrix([us] + [0] * (d - 1))).applyfunc(sympy.expand)
    if any(e != 0 for e in one_step):
        raise ArithmeticError("the O(d) update is not comp(a) x + e_1 u")
    steps = (
        Step(r"One step: $(u - \langle a, x \rangle, x[0], \ldots, x[d-2]) - (\operatorname{comp}(a)x + e_1u)$ "
             r"for a symbolic state $x$, computed (zero): the $O(d)$ update is the companion state update",
             one_step),
        Step(r"Unroll $x_{k+1} = (u_k - \langle a, x_k \rangle, x_k[0], \ldots, x_k[d-2])$, $x_0 = 0$, "
             r"$y_{k+1} = c^\top x_{k+1}$ ($O(d)$ per step) with symbolic inputs $u_0,\ldots,u_5$ (compared "
             r"with the convolution with $c^\top\operatorname{comp}(a)^je_1$)", value),
    )
    return Derivation(value, steps)


def _inputs(s: Any, d: int) -> Any:
    """Input signals u: 1 to 16 rationals in [-3, 3]."""
    from hypothesis import strategies as st

    return st.lists(s.rationals(-3, 3, max_denominator=30), min_size=1, max_size=16)


#: points {a, b, u}: _AB and an input signal
_ABU = {**_AB, "u": _inputs}


_U = [1, _Q(-1, 2), 2, 0, _Q(3, 7), -1, _Q(1, 5), 1, _Q(-2, 3), 3, 0, _Q(1, 9)]  # pragma: no mutate (input signal: test data)
_EX_REC = ({"a": GR1_A, "b": GR1_B, "u": _U},
           {"a": rationals(13, 5, 3, 4), "b": rationals(14, 5, 3, 7), "u": _U[:9]},  # possibly unstable
           {"a": rationals(15, 8, 1, 9), "b": rationals(16, 8, 3, 7), "u": _U})

register(Result(
    key="RTF-REC-1", title="O(d) state-free recurrence", title_tex="$O(d)$ state-free recurrence",
    source=f"{SU_10180}, state-free recurrence", params=sized_points(8, **_ABU), examples=_EX_REC,
    certified=certified.recurrent_outputs, statement=rec1_statement, derive=rec1_derive, numeric=num.recurrent, bound=Bound("d", 1, 6), display={"d": 2},
    scope=Scope.instances("symbolic a, c and inputs u_0..u_5 (the first six outputs) for each d = 1..6",
                          count=6),
    notes=r"Proved with symbolic $a$, $c$ and inputs $u_0,\ldots,u_5$ for $d = 1,\ldots,6$ against the "
          r"convolution with kernels from companion-matrix powers: the first six outputs.  The one-step "
          r"identity (the $O(d)$ update is $\operatorname{comp}(a)x + e_1u$) is computed for a symbolic state; "
          r"every later output follows by induction, which is not computed.  The cross-check runs inputs of "
          r"up to 16 steps.  Zero initial state.",
))

# --- RTF-REC-2 ----------------------------------------------------------------------------------


def _iir_outputs(a: list[Any], b: list[Any], h0: Any, u: list[Any]) -> list[Any]:
    """The stated difference equation with right-hand side (h0 + b_1, h0 a_i + b_{i+1}, h0 a_d)."""
    d = len(a)
    rhs = [h0 + b[0]] + [h0 * a[i - 1] + b[i] for i in range(1, d)] + [h0 * a[d - 1]]
    y: list[Any] = []
    for k in range(len(u)):
        acc = sympy.Add(*[rhs[i] * u[k - i] for i in range(min(d, k) + 1)])
        acc -= sympy.Add(*[a[i - 1] * y[k - i] for i in range(1, min(d, k) + 1)])
        y.append(sympy.expand(acc))
    return y


def _series(numer: list[Any], den: list[Any], n: int) -> list[Any]:
    """First n coefficients of numer(z)/den(z) (den(0) = 1) by Newton inversion of truncated Polys."""
    D = Poly(poly_eval(den, z), z)
    inv, prec = Poly(1, z, domain=D.domain), 1
    while prec < n:
        prec *= 2
        inv = (inv * (Poly(2, z, domain=D.domain) - D * inv)).rem(Poly(z**prec, z, domain=D.domain))
    g = (Poly(poly_eval(numer, z), z) * inv).rem(Poly(z**n, z))
    out = list(reversed(g.all_coeffs())) if not g.is_zero else []
    return [sympy.expand(x) for x in (out + [0] * n)[:n]]


def rec2_statement(d: Any = None, a: Any = None, b: Any = None, h0: Any = None, u: Any = None) -> Eq:
    """RTF-REC-2: :math:`y_k+\\sum_ia_iy_{k-i}=(h_0+b_1)u_k+\\sum_{i<d}(h_0a_i+b_{i+1})u_{k-i}+h_0a_du_{k-d}`."""
    if a is None:
        d = case_d(d)
        aa, bb, hh, uu = coeff_symbols("a", d), coeff_symbols("b", d), Symbol("h_0"), _u_symbols(STEPS)
    else:
        aa, bb, hh, uu = exact(list(a)), exact(list(b)), exact(h0), exact(list(u))
    lhs = Matrix([Symbol(f"y_{k}") for k in range(len(uu))])
    return Eq(lhs, Matrix(_iir_outputs(aa, bb, hh, uu)), evaluate=False)


def rec2_derive(d: int) -> Derivation:
    d = case_d(d)
    a, b, h, u = coeff_symbols("a", d), coeff_symbols("b", d), Symbol("h_0"), _u_symbols(STEPS)
    numer = [b[i] + h * ([1] + a)[i] if i < d else h * a[d - 1] for i in range(d + 1)]
    g = _series(numer, [1] + a, STEPS)  # kernel of H = h0 + b/a = (b + h0 a)/a
    lhs = Matrix([Symbol(f"y_{k}") for k in range(STEPS)])
    value = Eq(lhs, Matrix(_convolution(g, u)), evaluate=False)
    steps = (
        Step("$H = h_0 + b/a = (b + h_0 a)/a$; its formal power series (Newton inversion of $a$ modulo "
             "$z^6$)",
             Eq(Symbol("g"), Matrix(g).T, evaluate=False)),
        Step("Output = causal convolution of $u$ with the series of $H$ (compared with the outputs of the "
             "stated difference equation, iterated from zero initial conditions)", value),
    )
    return Derivation(value, steps)


_REC2_NOTES = (
    r"Proved with symbolic $a$, $b$, $h_0$ and inputs $u_0,\ldots,u_5$ for $d = 1,\ldots,6$: the "
    r"difference equation's first six outputs equal the convolution with the power series of "
    r"$h_0 + b/a$ (every output: multiply $a(z)Y(z) = (b(z) + h_0a(z))U(z)$ out, an argument not computed "
    r"here).  The cross-check runs inputs of up to 16 steps.  Zero initial conditions.")

register(Result(
    key="RTF-REC-2", title="IIR difference equation (with feed-through)", notes=_REC2_NOTES,
    source=f"{SU_10180}; {RTF_PAPER}, transfer function in z^{{-1}}",
    # numeric: the state-space recurrence with feed-through (not the difference equation)
    statement=rec2_statement, derive=rec2_derive, numeric=num.recurrent, bound=Bound("d", 1, 6), display={"d": 2},
    certified=certified.recurrent_outputs,
    scope=Scope.instances("symbolic a, b, h_0 and inputs u_0..u_5 (the first six outputs) for each d = 1..6",
                          count=6),
    params=sized_points(8, **_ABU, h0=lambda s, d: s.rationals(-2, 2, max_denominator=20)),
    examples=tuple({**p, "h0": h} for p, h in zip(_EX_REC, (_Q(1, 3), _Q(-5, 4), 2))),
))
