"""LoRA alignment with full fine-tuning: one-step updates, LoRA-GA initialisation, LoRA-Pro (spec 2.4).

Su's order throughout: :math:`W=(W_0-A_0B_0)+AB`, :math:`A\\in\\mathbb R^{n\\times r}`, :math:`B\\in\\mathbb
R^{r\\times m}`, :math:`G=\\partial\\mathcal L/\\partial W`; PEFT order :math:`W=W_0+sB'A'` where stated.

Main statements:

- LOWR-LORA-1: one SGD step changes :math:`W` by :math:`-\\eta(A_0A_0^\\top G+GB_0^\\top
  B_0)+\\eta^2GB_0^\\top A_0^\\top G` (and its PEFT form), derived by differentiating a loss through the
  factors;
- LOWR-LORA-2: LoRA-GA, :math:`\\min\\Vert A_0A_0^\\top G+GB_0^\\top B_0-G\\Vert_F^2=\\sum_{i>2r}\\sigma_i^2`,
  attained by Su's split and by the reference ``ArB2r`` split (THEOREM: the lower bound is
  Eckart-Young-Mirsky);
- LOWR-LORA-3: properties of that initialisation (orthonormal factors, :math:`P_AGQ_B=0`, rescaled factors);
- LOWR-LORA-4: the LoRA-Pro minimisers :math:`H_A=G_A(BB^\\top)^{-1}+AC`, :math:`H_B=(A^\\top
  A)^{-1}G_B(I-Q_B)-CB`, derived from the normal equations, with product :math:`P_AG+GQ_B-P_AGQ_B` and minimum
  :math:`\\Vert(I-P_A)G(I-Q_B)\\Vert_F^2`;
- LOWR-LORA-5: the symmetric and the Sylvester choices of :math:`C`, derived by minimising over :math:`C`;
- LOWR-LORA-6: plain LoRA against LoRA-Pro, :math:`\\Vert
  G-P_AG-GQ_B\\Vert_F^2=\\Vert(I-P_A)G(I-Q_B)\\Vert_F^2+\\Vert P_AGQ_B\\Vert_F^2`;
- LOWR-LORA-7: the reference optimiser in PEFT order (product independent of :math:`X` and :math:`s`; its
  Sylvester mode minimises the distance to the plain gradients);
- LOWR-LORA-8 (HEURISTIC): the Adam variants; what is checked is the first Adam step on the factors.

How they are proved.  LORA-1 symbolically (every entry a symbol) for two shapes; LORA-2/3 exactly on gradients
:math:`G=U\\Sigma V^\\top` built from Cayley-orthogonal :math:`U,V`, the statement's :math:`\\sigma_i^2` being
the roots (``CRootOf``) of :math:`\\det(\\lambda I-G^\\top G)`; LORA-4/5/7 exactly on rational instances with
the free matrix (:math:`C`, :math:`X`) and the scale symbolic; LORA-6 on Cayley-orthonormal factors with a
fully symbolic :math:`G`.  Sources: Su, kexue.fm/archives/10226 and 10266; LoRA-GA (arXiv 2407.05000);
LoRA-Pro (arXiv 2407.18242) and its code (mrflogs/LoRA-Pro ``peta/optim.py``).

Registers: LOWR-LORA-1, LOWR-LORA-2, LOWR-LORA-3, LOWR-LORA-4, LOWR-LORA-5, LOWR-LORA-6, LOWR-LORA-7,
LOWR-LORA-8.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F
from functools import cache
from numbers import Integral
from typing import Any

import sympy
from sympy import Abs, Add, Dummy, Matrix, MatrixBase, Poly, Rational, Symbol, Tuple, eye, zeros
from sympy.polys.matrices import DomainMatrix

from numerics.lowrank import lora as num
from numerics.lowrank import lora_routes as routes
from proofs.core import Bound, Derivation, Evidence, Result, Scope, Status, Step, register
from proofs.core.bibliography import LORA_GA, LORA_GA_CODE, LORA_PRO, LORA_PRO_CODE, SU_10226, SU_10266

__all__ = ["lora_one_step", "loraga_min_objective", "lorapro_update", "lorapro_residual"]

CHOICES = ("zero", "symmetric", "sylvester")
CONVENTIONS = ("su", "peft")


# --- validation ---------------------------------------------------------------------------------------------


def _real(v: Any, name: str) -> Any:
    if isinstance(v, bool):
        raise ValueError(f"{name}: real matrix required (a boolean is not a number), got {v!r}")
    try:
        e = sympy.sympify(v)
    except (sympy.SympifyError, TypeError, ValueError, SyntaxError):
        raise ValueError(f"{name}: real matrix required, got the entry {v!r}") from None
    if not isinstance(e, sympy.Expr):
        raise ValueError(f"{name}: real matrix required, got the entry {v!r}")
    if e.has(sympy.nan, sympy.oo, -sympy.oo, sympy.zoo):
        raise ValueError(f"{name} has the entry {v!r}: entries must be finite (no NaN or infinity)")
    if e.is_real is False or (e.is_number and not e.is_extended_real):
        raise ValueError(f"{name}: real matrix required, got the complex entry {v!r}")
    return e


def _matrix(X: Any, name: str) -> Matrix:
    """``X`` (a SymPy matrix or a nested list of real numbers) as a SymPy ``Matrix``."""
    if isinstance(X, MatrixBase):
        rows = X.tolist()
    elif isinstance(X, (list, tuple)) and X and all(isinstance(row, (list, tuple)) for row in X):
        rows = [list(row) for row in X]
    else:
        raise ValueError(f"{name}: real matrix required (a non-empty list of rows), got {X!r}")
    width = len(rows[0]) if rows else 0
    if width == 0 or any(len(row) != width for row in rows):
        raise ValueError(f"{name}: real matrix required (rows non-empty and of one length), got {X!r}")
    return Matrix([[_real(v, name) for v in row] for row in rows])


def _scalar(x: Any, name: str, *, nonzero: bool = False) -> Any:
    e = _real(x, name)
    if nonzero and e.is_zero:
        raise ValueError(f"{name} must be a nonzero real number, got {x!r}")
    return e


def _shape(X: Matrix) -> str:
    return f"{X.rows}x{X.cols}"


def _factors(A: Any, B: Any, G: Any, names: tuple[str, str] = ("A", "B")) -> tuple[Matrix, Matrix, Matrix]:
    A, B, G = _matrix(A, names[0]), _matrix(B, names[1]), _matrix(G, "G")
    if A.cols != B.rows or A.rows != G.rows or B.cols != G.cols:
        raise ValueError(f"shapes must be {names[0]}: n x r, {names[1]}: r x m, G: n x m; got {names[0]} "
                         f"{_shape(A)}, {names[1]} {_shape(B)}, G {_shape(G)}")
    return A, B, G


def _full_rank(A: Matrix, B: Matrix, names: tuple[str, str] = ("A", "B")) -> None:
    """LoRA-Pro inverts the Gram matrices of both factors (pitfall 11)."""
    if A.rank() != A.cols:
        raise ValueError(f"LoRA-Pro: {names[0]} must have full column rank ({names[0]}^T {names[0]} is "
                         f"inverted), got {names[0]} of shape {_shape(A)} and rank {A.rank()}; a zero factor "
                         "is not allowed")
    if B.rank() != B.rows:
        raise ValueError(f"LoRA-Pro: {names[1]} must have full row rank ({names[1]} {names[1]}^T is "
                         f"inverted), got {names[1]} of shape {_shape(B)} and rank {B.rank()}; a zero factor "
                         "is not allowed")


def _norm2(X: Matrix) -> Any:
    """:math:`\\Vert X\\Vert_F^2`, expanded."""
    return sympy.expand(sum((x**2 for x in X), sympy.Integer(0)))


def _expanded(X: Matrix) -> Matrix:
    return X.applyfunc(sympy.expand)


# --- exact building blocks ----------------------------------------------------------------------------------


def _gram_spectrum(G: Matrix) -> list[Any]:
    """:math:`\\sigma_1^2\\ge\\dots\\ge\\sigma_p^2` (:math:`p=\\min(n,m)`), exactly: the roots of the
    characteristic polynomial of the smaller Gram matrix, as rationals, radicals or ``CRootOf`` (real,
    sorted)."""
    S = G.T * G if G.cols <= G.rows else G * G.T
    charpoly = S.charpoly(Dummy("lambda"))
    poly = Poly(charpoly.as_expr(), *charpoly.gens)
    if poly.domain.is_ZZ or poly.domain.is_QQ:
        roots = list(poly.all_roots())  # real roots, increasing, with multiplicity
    else:
        found = sympy.roots(poly)
        if sum(found.values()) != poly.degree():
            raise ValueError("the squared singular values of G could not be found exactly (enter rational "
                             "entries)")
        roots = sorted((x for x, k in found.items() for _ in range(k)), key=lambda x: sympy.N(x, 30))
    return roots[::-1]


def _sylvester(P: Matrix, Q: Matrix, R: Matrix) -> Matrix:
    """The solution of :math:`PX+XQ=R`, from :math:`(I\\otimes P+Q^\\top\\otimes I)\\operatorname{vec}X=
    \\operatorname{vec}R` (column-major vec)."""
    p, q = P.rows, Q.rows
    K = sympy.kronecker_product(eye(q), P) + sympy.kronecker_product(Q.T, eye(p))
    vec = K.LUsolve(Matrix([R[i, j] for j in range(q) for i in range(p)]))
    return Matrix(p, q, lambda i, j: sympy.cancel(vec[j * p + i]))


def _cayley(S: Matrix) -> Matrix:
    """:math:`(I-S)(I+S)^{-1}`: orthogonal for skew-symmetric :math:`S` (rational if :math:`S` is)."""
    identity = eye(S.rows)
    return (identity - S) * (identity + S).inv()


def _skew(n: int, upper: list[int]) -> Matrix:
    S = zeros(n, n)
    it = iter(upper)
    for i in range(n):
        for j in range(i + 1, n):
            S[i, j] = next(it)
            S[j, i] = -S[i, j]
    return S


def _int_matrix(rows: int, cols: int, seed: int) -> Matrix:
    """A small deterministic integer matrix (entries in -3..3) for the named instances."""
    return Matrix(rows, cols, lambda i, j: (seed * 5 + 3 * i * i + 7 * j + 2 * i * j + seed * i) % 7 - 3)


# --- public API ---------------------------------------------------------------------------------------------


def lora_one_step(A0: Any, B0: Any, G: Any, eta: Any) -> Matrix:
    """LOWR-LORA-1: the exact change of :math:`W` after one SGD step on the factors (Su's order).

    .. math:: W_1-W_0=-\\eta\\big(A_0A_0^\\top G+GB_0^\\top B_0\\big)+\\eta^2\\,GB_0^\\top A_0^\\top G,

    with :math:`A_0\\in\\mathbb R^{n\\times r}`, :math:`B_0\\in\\mathbb R^{r\\times m}`, :math:`G` the
    gradient at :math:`W_0`; full fine-tuning gives :math:`-\\eta G`.  Source: Su, kexue.fm/archives/10226.
    """
    A0, B0, G = _factors(A0, B0, G, ("A0", "B0"))
    eta = _scalar(eta, "eta")
    return _expanded(-eta * (A0 * A0.T * G + G * B0.T * B0) + eta**2 * G * B0.T * A0.T * G)


def _lora_rank(r: Any, n: int, m: int) -> int:
    integer = not isinstance(r, bool) and isinstance(r, (Integral, sympy.Integer))
    if not integer or not 1 <= 2 * int(r) <= min(n, m):
        raise ValueError(f"r must be an integer with 1 <= 2r <= min(n, m) = {min(n, m)} (LoRA-GA uses 2r "
                         f"singular pairs), got {r!r}")
    return int(r)


def loraga_min_objective(G: Any, r: int) -> Any:
    """LOWR-LORA-2: :math:`\\min_{A_0,B_0}\\Vert A_0A_0^\\top G+GB_0^\\top
    B_0-G\\Vert_F^2=\\sum_{i>2r}\\sigma_i(G)^2`.

    Exact: the trailing roots of :math:`\\det(\\lambda I-G^\\top G)` (or of :math:`GG^\\top`, the smaller), as
    rationals or ``CRootOf``.  Requires :math:`1\\le 2r\\le\\min(n,m)`.  Sources: LoRA-GA (arXiv 2407.05000);
    Su, kexue.fm/archives/10226 (the bound is Eckart-Young-Mirsky, the bracket having rank at most 2r).
    """
    G = _matrix(G, "G")
    r = _lora_rank(r, G.rows, G.cols)
    return Add(*_gram_spectrum(G)[2 * r:])


def _projectors(A: Matrix, B: Matrix) -> tuple[Matrix, Matrix]:
    """:math:`P_A=A(A^\\top A)^{-1}A^\\top`, :math:`Q_B=B^\\top(BB^\\top)^{-1}B` (full-rank factors)."""
    return A * (A.T * A).inv() * A.T, B.T * (B * B.T).inv() * B


def lorapro_residual(A: Any, B: Any, G: Any) -> Any:
    """LOWR-LORA-4: :math:`\\min_{H_A,H_B}\\Vert H_AB+AH_B-G\\Vert_F^2=\\Vert(I-P_A)G(I-Q_B)\\Vert_F^2`.

    :math:`A` of full column rank, :math:`B` of full row rank.  Source: Su, kexue.fm/archives/10266.
    """
    A, B, G = _factors(A, B, G)
    _full_rank(A, B)
    PA, QB = _projectors(A, B)
    return sympy.simplify(_norm2((eye(A.rows) - PA) * G * (eye(B.cols) - QB)))


def _choice_matrix(choice: Any, A: Matrix, B: Matrix, G: Matrix) -> Matrix:
    """Su's free matrix :math:`C` for a named choice or an explicit r x r matrix."""
    r = A.cols
    if isinstance(choice, str):
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)} or an r x r matrix, got {choice!r}")
        if choice == "zero":
            return zeros(r, r)
        AtA, BBt = A.T * A, B * B.T
        GA, GB = G * B.T, A.T * G
        if choice == "symmetric":
            return -Rational(1, 2) * AtA.inv() * GB * B.T * BBt.inv()
        return _sylvester(AtA, BBt, -A.T * GA * BBt.inv())
    C = _matrix(choice, "choice")
    if C.shape != (r, r):
        raise ValueError(f"choice must be an r x r matrix with r = {r}, got {_shape(C)}")
    return C


def _su_update(A: Matrix, B: Matrix, G: Matrix, C: Matrix) -> tuple[Matrix, Matrix]:
    """:math:`H_A=G_A(BB^\\top)^{-1}+AC`, :math:`H_B=(A^\\top A)^{-1}G_B(I-Q_B)-CB`."""
    _, QB = _projectors(A, B)
    GA, GB = G * B.T, A.T * G
    HA = GA * (B * B.T).inv() + A * C
    HB = (A.T * A).inv() * GB * (eye(B.cols) - QB) - C * B
    return HA.applyfunc(sympy.cancel), HB.applyfunc(sympy.cancel)


def lorapro_update(A: Any, B: Any, G: Any, choice: Any = "symmetric", convention: str = "su",
                   s: Any = 1) -> tuple[Matrix, Matrix]:
    """LOWR-LORA-4/5/7: LoRA-Pro's replacement gradients, exactly.

    ``convention="su"`` (:math:`A` is n x r, :math:`B` is r x m): :math:`(H_A,H_B)` with

    .. math:: H_A=G_A(BB^\\top)^{-1}+AC,\\qquad H_B=(A^\\top A)^{-1}G_B(I-Q_B)-CB,

    the minimisers of :math:`\\Vert H_AB+AH_B-G\\Vert_F^2`; ``choice`` picks :math:`C`: ``"zero"``,
    ``"symmetric"`` (:math:`C=-\\tfrac{1}{2}(A^\\top A)^{-1}G_BB^\\top(BB^\\top)^{-1}`), ``"sylvester"`` (the
    solution of :math:`A^\\top AC+CBB^\\top=-A^\\top G_A(BB^\\top)^{-1}`, LoRA-Pro's choice) or an explicit r
    x r matrix. ``s`` must be 1 here.

    ``convention="peft"`` (:math:`W=W_0+sB'A'`; pass ``A`` = ``lora_A`` of shape r x m and ``B`` = ``lora_B``
    of shape n x r): :math:`(\\mathrm{grad}_{A'},\\mathrm{grad}_{B'})` of the reference optimiser,
    :math:`\\mathrm{grad}_{A'}=s^{-2}(B'^\\top B')^{-1}g_{A'}+XA'`,
    :math:`\\mathrm{grad}_{B'}=s^{-2}(I-P_{B'}) g_{B'}(A'A'^\\top)^{-1}-B'X` with :math:`g_{A'}=sB'^\\top G`,
    :math:`g_{B'}=sGA'^\\top`; ``"zero"`` and an explicit matrix give :math:`X`, ``"sylvester"`` solves
    :math:`B'^\\top B'X+XA'A'^\\top=-s^{-2}(B'^\\top B')^{-1} g_{A'}A'^\\top`, ``"symmetric"`` is the
    symmetric split (:math:`s\\,\\mathrm{grad}` is Su's update). Factors must have full rank (pitfall 11).
    Sources: Su, kexue.fm/archives/10266; LoRA-Pro (arXiv 2407.18242); mrflogs/LoRA-Pro ``peta/optim.py``.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {', '.join(CONVENTIONS)}, got {convention!r}")
    if convention == "su":
        if s != 1:
            raise ValueError(f"s applies to convention='peft' only (Su's order W = W0 + AB has no scale), "
                             f"got s={s!r}")
        A, B, G = _factors(A, B, G)
        _full_rank(A, B)
        return _su_update(A, B, G, _choice_matrix(choice, A, B, G))
    s = _scalar(s, "s", nonzero=True)
    Bp, Ap, G = _factors(B, A, G, ("B", "A"))  # B = lora_B (n x r), A = lora_A (r x m)
    _full_rank(Bp, Ap, ("B", "A"))
    gA, gB = s * Bp.T * G, s * G * Ap.T
    BtB_inv, AAt_inv = (Bp.T * Bp).inv(), (Ap * Ap.T).inv()
    r = Bp.cols
    if isinstance(choice, str) and choice in ("symmetric", "sylvester"):
        # Su's update with A = B', B = A' is s grad at C = C_base - sX,
        # C_base = -(B'^T B')^{-1} B'^T G_A (A'A'^T)^{-1}
        C = _choice_matrix(choice, Bp, Ap, G)
        C_base = -BtB_inv * Bp.T * G * Ap.T * AAt_inv
        X = (C_base - C) / s
    elif isinstance(choice, str) and choice == "zero":
        X = zeros(r, r)
    else:
        X = _choice_matrix(choice, Bp, Ap, G)
    grad_A = BtB_inv * gA / s**2 + X * Ap
    grad_B = (eye(Bp.rows) - Bp * BtB_inv * Bp.T) * gB * AAt_inv / s**2 - Bp * X
    return grad_A.applyfunc(sympy.cancel), grad_B.applyfunc(sympy.cancel)


# --- points and their strategies ----------------------------------------------------------------------------


def _points(build: Callable[[Any, Any], Any]) -> Callable[[], Any]:
    """A result's ``params``: ``build(st, strategies)`` returns the hypothesis strategy of its points."""
    def params() -> Any:
        from hypothesis import strategies as st

        from numerics import strategies

        return build(st, strategies)

    return params


def _draw_matrix(st: Any, strategies: Any, rows: int, cols: int, spine: int = 0) -> Any:
    """Rational matrices with entries in [-3, 3]; ``spine`` (13) added on the leading diagonal makes the
    matrix of full rank (its leading square block is strictly diagonally dominant for up to 4 columns)."""
    entry = strategies.rationals(-3, 3, max_denominator=5)
    raw = st.lists(st.lists(entry, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    return raw.map(lambda M: [[v + (spine if i == j else 0) for j, v in enumerate(row)]
                              for i, row in enumerate(M)])


def _q(M: Matrix) -> list[list[Any]]:
    """A matrix of rationals as the exact point entries (ints and Fractions)."""
    return [[int(v) if v.is_Integer else F(int(v.p), int(v.q)) for v in row] for row in M.tolist()]


def _case(case: Any, count: int) -> int:
    if isinstance(case, bool) or not isinstance(case, int) or not 0 <= case < count:
        raise ValueError(f"case must be an integer in 0..{count - 1}, got {case!r}")
    return case


def _symbols(letter: str, rows: int, cols: int) -> Matrix:
    return Matrix(rows, cols, lambda i, j: Symbol(f"{letter}_{i}{j}", real=True))


ETA, S_, ALPHA, BETA, EPS = sympy.symbols("eta s alpha beta epsilon", real=True)


# --- LOWR-LORA-1 --------------------------------------------------------------------------------------------

_SHAPES_1 = ((2, 1, 2), (4, 2, 3))  # (n, r, m)


def _one_step_peft(A0: Matrix, B0: Matrix, G: Matrix, eta: Any, s: Any) -> Matrix:
    """PEFT order with :math:`B'=A_0`, :math:`A'=B_0`: :math:`-\\eta s^2(B'B'^\\top G+GA'^\\top A')+\\eta^2s^3
    GA'^\\top B'^\\top G`."""
    return _expanded(-eta * s**2 * (A0 * A0.T * G + G * B0.T * B0) + eta**2 * s**3 * G * B0.T * A0.T * G)


def one_step_statement(case: Any = None, A0: Any = None, B0: Any = None, G: Any = None, eta: Any = None,
                       s: Any = None) -> Tuple:
    """LOWR-LORA-1: (Su's :math:`W_1-W_0`, PEFT :math:`s(B'_1A'_1-B'_0A'_0)` with :math:`B'=A_0`,
    :math:`A'=B_0`); symbolic for a named ``case`` (a shape of :data:`_SHAPES_1`), else at the given matrices.
    """
    if A0 is None:
        n, r, m = _SHAPES_1[_case(case, len(_SHAPES_1))]
        A0, B0, G, eta, s = _symbols("a", n, r), _symbols("b", r, m), _symbols("g", n, m), ETA, S_
    A0, B0, G = _factors(A0, B0, G, ("A0", "B0"))
    peft = _one_step_peft(A0, B0, G, _scalar(eta, "eta"), _scalar(s, "s"))
    return Tuple(lora_one_step(A0, B0, G, eta), peft)


def _chain_rule_gradients(A0: Matrix, B0: Matrix, W0: Matrix, K: Matrix,
                          s: Any) -> tuple[Matrix, Matrix, Matrix]:
    """Gradients of :math:`\\mathcal L(W)=\\operatorname{tr}(K^\\top W)+\\tfrac{1}{2}\\Vert W\\Vert_F^2` at
    :math:`W=W_0` in :math:`W`, and through :math:`W=W_0-sA_0B_0+sXY` in :math:`X`, :math:`Y` at
    :math:`(A_0,B_0)`, each by differentiating entry by entry."""
    n, r, m = A0.rows, A0.cols, B0.cols
    X, Y, V = _symbols("x", n, r), _symbols("y", r, m), _symbols("v", n, m)

    def loss(W: Matrix) -> Any:  # left unexpanded: differentiating the squares is the chain rule
        return (K.T * W).trace() + Add(*[w**2 for w in W]) / 2

    at_W0 = loss(V)
    G = V.applyfunc(lambda v: sympy.diff(at_W0, v)).xreplace(dict(zip(V, W0)))
    through = loss(W0 - s * A0 * B0 + s * X * Y)
    at = {**dict(zip(X, A0)), **dict(zip(Y, B0))}
    GA = X.applyfunc(lambda x: sympy.diff(through, x)).xreplace(at)
    GB = Y.applyfunc(lambda y: sympy.diff(through, y)).xreplace(at)
    return G, GA, GB


def _derive_one_step(case: int) -> Derivation:
    n, r, m = _SHAPES_1[_case(case, len(_SHAPES_1))]
    A0, B0, G = _symbols("a", n, r), _symbols("b", r, m), _symbols("g", n, m)
    W0, K = _symbols("w", n, m), _symbols("k", n, m)
    to_G = dict(zip(K, G - W0))  # the gradient at W_0 is K + W_0: it equals G exactly when K = G - W_0
    changes, steps = [], []
    for scale in (1, S_):
        GW, GA, GB = _chain_rule_gradients(A0, B0, W0, K, scale)
        change = scale * ((A0 - ETA * GA) * (B0 - ETA * GB) - A0 * B0)
        changes.append(_expanded(change.xreplace(to_G)))
        if scale == 1:
            steps += [Step(r"Gradient of $\mathcal{L}(W) = \mathrm{tr}(K^\top W) + \tfrac{1}{2}\Vert "
                           r"W\Vert_F^2$ at $W_0$, entry by entry", GW),
                      Step(r"Gradient in the left factor through $W = W_0 - A_0B_0 + AB$, by differentiating "
                           r"the loss in each entry of $A$ at $A_0$ (its expression in $G = K + W_0$)",
                           _expanded(GA.xreplace(to_G)))]
    steps += [Step(r"One step $A_1 = A_0 - \eta\,\partial_A\mathcal{L}$, $B_1 = B_0 - "
                   r"\eta\,\partial_B\mathcal{L}$: $W_1 - W_0 = A_1B_1 - A_0B_0$ with $K = G - W_0$",
                   changes[0]),
              Step(r"PEFT order $W = W_0 - sB'_0A'_0 + sB'A'$ with $B' = A_0$, $A' = B_0$: $s(B'_1A'_1 - "
                   r"B'_0A'_0)$", changes[1])]
    return Derivation(Tuple(*changes), tuple(steps))


def _one_step_points(st: Any, strategies: Any) -> Any:
    def at(shape: tuple[int, int, int]) -> Any:
        n, r, m = shape
        return strategies.points(A0=_draw_matrix(st, strategies, n, r), B0=_draw_matrix(st, strategies, r, m),
                                 G=_draw_matrix(st, strategies, n, m),
                                 eta=strategies.positive_rationals(1, max_denominator=20),
                                 s=strategies.positive_rationals(4, max_denominator=4))

    return st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 4)).flatmap(at)


_GL8 = [[1, 2, 3], [0, 1, 4], [5, 6, 0]]
_GL9_A, _GL9_B = [[F(1, 3)], [F(2, 3)], [F(2, 3)]], [[F(2, 3), F(1, 3), F(-2, 3)]]  # G-L9: A^T A = B B^T = 1

register(Result(
    key="LOWR-LORA-1", title="One SGD step on the LoRA factors",
    title_tex=r"One SGD step on the LoRA factors: $W_1 - W_0 = -\eta(A_0A_0^\top G + GB_0^\top B_0) + \eta^2 "
              r"GB_0^\top A_0^\top G$",
    source=f"{SU_10226}; {SU_10266}; {LORA_GA}",
    statement=one_step_statement, derive=_derive_one_step,
    numeric=lambda dps, A0, B0, G, eta, s: routes.one_step_change(A0, B0, G, eta, s, dps=dps),
    parts=("W_1 - W_0", "s(B'_1A'_1 - B'_0A'_0)"),
    params=_points(_one_step_points),
    examples=({"A0": _GL9_A, "B0": _GL9_B, "G": _GL8, "eta": F(1, 10), "s": 2},
              {"A0": [[1, 0], [2, -1], [0, 3], [1, 1]], "B0": [[1, 2, 0], [0, -1, 1]],
               "G": [[1, -1, 2], [0, 3, 1], [2, 2, -1], [1, 0, 1]], "eta": F(3, 7), "s": F(1, 2)}),
    bound=Bound("case", 0, len(_SHAPES_1) - 1), display={"case": 0},
    scope=Scope.representative("every entry of A_0, B_0, G and eta, s symbolic, for (n, r, m) = (2, 1, 2) "
                               "and (4, 2, 3)", claim="every shape"),
    notes=(r"The gradient $G$ is taken at $W_0$; $\partial_A\mathcal{L} = GB_0^\top$ and "
           r"$\partial_B\mathcal{L} = A_0^\top G$ come out of the differentiation (chain rule), not as "
           r"inputs. Full fine-tuning gives $-\eta G$. PEFT order ($W = W_0 + sB'A'$): $g_{A'} = sB'^\top "
           r"G$, $g_{B'} = sGA'^\top$, so the change is $-\eta s^2(B'B'^\top G + GA'^\top A') + "
           r"\eta^2s^3GA'^\top B'^\top G$. Numeric: gradients by numerical differentiation (mp.diff) of the "
           r"non-quadratic loss $\langle G, D\rangle + \tfrac{1}{2}\Vert D\Vert_F^2 + \tfrac{1}{3}\sum "
           r"D_{ij}^3$, $D = W - W_0$, then the step multiplied out."),
))


# --- LOWR-LORA-2 and LORA-3: gradients with a known SVD -----------------------------------------------------

#: (n, m, singular values, r, upper entries of the skew generators of U and V)
_SVD_INSTANCES = (
    (5, 4, (5, 3, 2, 1), 1, [1, 0, 2, -1, 1, 0, 1, 2, -1, 1], [1, -1, 2, 0, 1, 1]),
    (3, 5, (4, 2, 1), 1, [2, -1, 1], [1, 0, -1, 2, 1, 0, 1, -2, 1, 1]),
    (5, 6, (5, 4, 3, 2, 1), 2, [1, 2, 0, 1, -1, 1, 0, 2, 1, -1],
     [1, 0, 1, -1, 2, 0, 1, 1, -2, 1, 0, 1, 1, 2, -1]),
)


@cache
def _svd_instance(case: int) -> tuple[Matrix, Matrix, Matrix, int]:
    """:math:`(G,U,V,r)` with :math:`G=U_{[:,:p]}\\operatorname{diag}(\\sigma)V_{[:,:p]}^\\top`,
    Cayley-orthogonal :math:`U`, :math:`V`."""
    n, m, sigma, r, su, sv = _SVD_INSTANCES[_case(case, len(_SVD_INSTANCES))]
    U, V = _cayley(_skew(n, su)), _cayley(_skew(m, sv))
    p = len(sigma)
    G = U[:, :p] * sympy.diag(*sigma) * V[:, :p].T
    return G, U, V, r


def _loraga_objective_steps(case: int) -> tuple[Any, Any, list[Step]]:
    G, U, V, r = _svd_instance(case)
    A0, B0 = U[:, :r], V[:, r:2 * r].T  # Su: first r left pairs, next r right pairs
    Ap, Bp = V[:, :r].T, U[:, r:2 * r]  # reference ArB2r: W = W_0 + sB'A'
    bracket = A0 * A0.T * G + G * B0.T * B0
    su, ref = _norm2(bracket - G), _norm2(Bp * Bp.T * G + G * Ap.T * Ap - G)
    steps = [Step(r"The gradient $G = U\Sigma V^\top$ with Cayley-orthogonal $U$, $V$", G),
             Step(r"Su's split $A_0 = U_{[:,:r]}$, $B_0 = (V_{[:,r:2r]})^\top$: the bracket $A_0A_0^\top G + "
                  r"GB_0^\top B_0$ (the rank-$2r$ truncation)", bracket),
             Step(r"Its objective $\Vert A_0A_0^\top G + GB_0^\top B_0 - G\Vert_F^2$, and that of the "
                  r"reference split $A' = (V_{[:,:r]})^\top$, $B' = U_{[:,r:2r]}$", Tuple(su, ref))]
    return su, ref, steps


def loraga_statement(case: Any = None, G: Any = None, r: Any = None) -> Tuple:
    """LOWR-LORA-2: the LoRA-GA minimum :math:`\\sum_{i>2r}\\sigma_i^2` for Su's split and for ``ArB2r``."""
    if G is None:
        G, _, _, r = _svd_instance(_case(case, len(_SVD_INSTANCES)))
    value = loraga_min_objective(G, r)
    return Tuple(value, value)


def _derive_loraga(case: int) -> Derivation:
    su, ref, steps = _loraga_objective_steps(case)
    return Derivation(Tuple(su, ref), tuple(steps))


def _gradient_points(st: Any, strategies: Any, extra: Callable[[], dict[str, Any]] | None = None) -> Any:
    def at(shape: tuple[int, int, int]) -> Any:
        n, m, r = shape
        more = extra() if extra else {}
        return strategies.points(G=_draw_matrix(st, strategies, n, m), r=st.just(r), **more)

    sizes = st.tuples(st.integers(2, 5), st.integers(2, 5))
    return sizes.flatmap(lambda nm: st.integers(1, min(nm) // 2).map(lambda r: (*nm, r))).flatmap(at)


_SVD_NAMES = ("(n, m) = (5, 4), sigma = (5, 3, 2, 1), r = 1; (3, 5), (4, 2, 1), r = 1; (5, 6), (5, 4, 3, 2, "
              "1), r = 2")

register(Result(
    key="LOWR-LORA-2", title="LoRA-GA initialisation: minimum sum of sigma_i^2 over i > 2r",
    title_tex=r"LoRA-GA initialisation: $\min\Vert A_0A_0^\top G + GB_0^\top B_0 - G\Vert_F^2 = "
              r"\sum_{i>2r}\sigma_i^2$",
    source=f"{LORA_GA}; {SU_10226}; {LORA_GA_CODE} (direction ArB2r)", status=Status.THEOREM,
    statement=loraga_statement, derive=_derive_loraga,
    numeric=lambda dps, G, r: routes.loraga_objectives(G, r, dps=dps),
    parts=(r"\min_{\mathrm{Su}}", r"\min_{\mathrm{ArB2r}}"),
    params=_points(_gradient_points),
    examples=({"G": _GL8, "r": 1}, {"G": _q(_svd_instance(0)[0]), "r": 1},
              {"G": [[2, 0, 1, -1, 3, 1], [1, 1, 0, 2, -1, 0], [0, 3, 1, 1, 1, -2], [1, -1, 2, 0, 0, 1]],
               "r": 2}),
    bound=Bound("case", 0, len(_SVD_INSTANCES) - 1), display={"case": 0},
    scope=Scope.instances(f"attainment at G = U diag(sigma) V^T, Cayley-orthogonal U, V: {_SVD_NAMES}",
                          count=3),
    notes=(r"THEOREM: the lower bound is Eckart--Young--Mirsky (LOWR-SVD-4), since $A_0A_0^\top G + "
           r"GB_0^\top B_0$ has rank at most $2r$; what is proved exactly here is attainment, at Su's split "
           r"$A_0 = U_{[:,:r]}$, $B_0 = (V_{[:,r:2r]})^\top$ and at the reference default ArB2r, $A' = "
           r"(V_{[:,:r]})^\top$, $B' = U_{[:,r:2r]}$ (Su's $G = U\Sigma V$ has $V$ transposed, pitfall 1), "
           r"the statement's $\sigma_i^2$ being the roots of $\det(\lambda I - G^\top G)$. Any split of the "
           r"$2r$ leading pairs with orthonormal factors is optimal; the bracket is unique iff $\sigma_{2r} "
           r"> \sigma_{2r+1}$ or $\sigma_{2r+1} = 0$. Needs $2r \le \min(n, m)$. Numeric: the objective "
           r"evaluated from the factors of an mpmath SVD (both splits); the test-suite checks that random "
           r"factors stay above the bound."),
))


def properties_statement(case: Any = None, G: Any = None, r: Any = None, alpha: Any = None,
                         beta: Any = None) -> Tuple:
    """LOWR-LORA-3: at Su's LoRA-GA factors, :math:`(A_0^\\top A_0, B_0B_0^\\top, P_AGQ_B,
    \\Vert\\alpha^2P_AG+ \\beta^2GQ_B-G\\Vert_F^2)=(I_r, I_r, 0, (\\alpha^2-1)^2\\sum_{i\\le
    r}\\sigma_i^2+(\\beta^2-1)^2\\sum_{r<i\\le 2r} \\sigma_i^2+\\sum_{i>2r}\\sigma_i^2)`."""
    if G is None:
        G, _, _, r = _svd_instance(_case(case, len(_SVD_INSTANCES)))
        alpha, beta = ALPHA, BETA
    G = _matrix(G, "G")
    r = _lora_rank(r, G.rows, G.cols)
    alpha, beta = _scalar(alpha, "alpha"), _scalar(beta, "beta")
    lam = _gram_spectrum(G)
    objective = ((alpha**2 - 1) ** 2 * Add(*lam[:r]) + (beta**2 - 1) ** 2 * Add(*lam[r:2 * r])
                 + Add(*lam[2 * r:]))
    return Tuple(eye(r), eye(r), zeros(G.rows, G.cols), sympy.expand(objective))


def _derive_properties(case: int) -> Derivation:
    G, U, V, r = _svd_instance(case)
    A0, B0 = U[:, :r], V[:, r:2 * r].T
    PA, QB = _projectors(A0, B0)
    A, B = ALPHA * A0, BETA * B0
    scaled = _norm2(A * A.T * G + G * B.T * B - G)
    values = (A0.T * A0, B0 * B0.T, PA * G * QB, scaled)
    steps = (Step(r"Su's LoRA-GA factors of $G = U\Sigma V^\top$: $A_0 = U_{[:,:r]}$, $B_0 = "
                  r"(V_{[:,r:2r]})^\top$",
                  Tuple(A0, B0)),
             Step(r"Their Gram matrices and $P_AGQ_B$ with $P_A = A_0(A_0^\top A_0)^{-1}A_0^\top$, $Q_B = "
                  r"B_0^\top(B_0B_0^\top)^{-1}B_0$", Tuple(*values[:3])),
             Step(r"The product $A_0B_0$ is not zero: hence the offset $W_0 - A_0B_0$", A0 * B0),
             Step(r"The objective of the rescaled factors $\alpha A_0$, $\beta B_0$, expanded", scaled))
    return Derivation(Tuple(*values), steps)


register(Result(
    key="LOWR-LORA-3", title="Properties of the LoRA-GA initialisation",
    source=f"{SU_10226} (scales); derived here", statement=properties_statement, derive=_derive_properties,
    numeric=lambda dps, G, r, alpha, beta: routes.loraga_properties(G, r, alpha, beta, dps=dps),
    parts=(r"A_0^\top A_0", r"B_0B_0^\top", r"P_AGQ_B",
           r"\Vert\alpha^2A_0A_0^\top G + \beta^2GB_0^\top B_0 - G\Vert_F^2"),
    params=_points(lambda st, strategies: _gradient_points(
        st, strategies, lambda: {"alpha": strategies.rationals(-2, 2, max_denominator=7),
                                 "beta": strategies.rationals(-2, 2, max_denominator=7)})),
    examples=({"G": _GL8, "r": 1, "alpha": F(1, 2), "beta": 2},
              {"G": _q(_svd_instance(2)[0]), "r": 2, "alpha": F(3, 2), "beta": F(-2, 3)}),
    bound=Bound("case", 0, len(_SVD_INSTANCES) - 1), display={"case": 0},
    scope=Scope.instances(f"G = U diag(sigma) V^T, Cayley-orthogonal U, V, alpha and beta symbolic: "
                          f"{_SVD_NAMES}",
                          count=3),
    notes=(r"At Su's initialisation $A_0^\top A_0 = B_0B_0^\top = I_r$, $A_0B_0 \ne 0$ in general (hence the "
           r"offset $W_0 - A_0B_0$, or $W_0 - sB'_0A'_0$), and $P_AGQ_B = 0$, so plain LoRA and LoRA-Pro "
           r"(LOWR-LORA-4) give the same first-order update $G_{2r}$ there. Rescaled factors $\alpha A_0$, "
           r"$\beta B_0$ give the update $\alpha^2P_AG + \beta^2GQ_B$, whose objective "
           r"$(\alpha^2-1)^2\sum_{i\le r}\sigma_i^2 + (\beta^2-1)^2\sum_{r<i\le 2r}\sigma_i^2 + "
           r"\sum_{i>2r}\sigma_i^2$ is optimal only for $\alpha^2 = \beta^2 = 1$ (when the singular values "
           r"involved are nonzero). Numeric: the same quantities from the factors of an mpmath SVD, the "
           r"objective evaluated from the rescaled factors."),
))


# --- LOWR-LORA-4 and LORA-5: LoRA-Pro -----------------------------------------------------------------------

_PRO_SHAPES = ((4, 5, 2), (3, 3, 1), (6, 5, 3), (5, 4, 2))  # (n, m, r)


@cache
def _pro_instance(case: int) -> tuple[Matrix, Matrix, Matrix]:
    """Rational full-rank :math:`A` (n x r), :math:`B` (r x m) and :math:`G` (n x m) for the named shapes."""
    n, m, r = _PRO_SHAPES[_case(case, len(_PRO_SHAPES))]
    A, B, G = _int_matrix(n, r, 1 + case), _int_matrix(r, m, 4 + case), _int_matrix(n, m, 2 + 3 * case)
    _full_rank(A, B)
    return A, B, G


@cache
def _normal_equation_family(case: int) -> tuple[Matrix, Matrix, Matrix, Matrix, int]:
    """The minimisers of :math:`\\Vert H_AB+AH_B-G\\Vert_F^2` with coordinate :math:`C`, from the normal
    equations.

    Returns :math:`(H_A(C), H_B(C), C, \\text{normal-equation matrix}, \\text{its rank})`.  The normal
    equations (the gradient of the objective in every entry, set to zero) are stacked with the :math:`r^2`
    coordinate equations :math:`H_BB^\\top=-CBB^\\top`; the stacked system is solved over QQ with one
    right-hand side per entry of :math:`C` and must have exactly one solution.
    """
    A, B, G = _pro_instance(case)
    n, r, m = A.rows, A.cols, B.cols
    HA, HB, C = _symbols("p", n, r), _symbols("q", r, m), _symbols("c", r, r)
    unknowns = list(HA) + list(HB)
    objective = _norm2(HA * B + A * HB - G)
    M, b = sympy.linear_eq_to_matrix([sympy.diff(objective, u) for u in unknowns], unknowns)
    Phi, phi = sympy.linear_eq_to_matrix(list(HB * B.T + C * B * B.T), unknowns)
    # right-hand sides: the constant one, then one per entry of C (phi is linear in C)
    cols = [list(b) + [v.xreplace({c: 0 for c in C}) for v in phi]]
    cols += [[0] * len(b) + [sympy.diff(v, c) for v in phi] for c in C]
    system = Matrix.vstack(M, Phi)
    augmented = Matrix.hstack(system, Matrix(cols).T)
    dm = DomainMatrix.from_Matrix(augmented).convert_to(sympy.QQ)
    reduced, pivots = dm.rref()
    if len(pivots) != len(unknowns) or any(p >= len(unknowns) for p in pivots):
        raise ValueError("the normal equations with the coordinate equations must have exactly one solution")
    R = reduced.to_Matrix()
    N = len(unknowns)
    x = [R[i, N] + sum((R[i, N + 1 + k] * c for k, c in enumerate(C)), sympy.Integer(0)) for i in range(N)]
    sol = Matrix(x)
    return (Matrix(n, r, lambda i, j: sol[i * r + j]), Matrix(r, m, lambda i, j: sol[n * r + i * m + j]),
            C, M, M.rank())


def lorapro_statement(case: Any = None, A: Any = None, B: Any = None, G: Any = None, C: Any = None) -> Tuple:
    """LOWR-LORA-4: :math:`(H_A, H_B, H_AB+AH_B, \\min)` with :math:`H_A=G_A(BB^\\top)^{-1}+AC`,
    :math:`H_B=(A^\\top A)^{-1}G_B(I-Q_B)-CB`, product :math:`P_AG+GQ_B-P_AGQ_B`, minimum
    :math:`\\Vert(I-P_A)G(I-Q_B)\\Vert_F^2`."""
    if A is None:
        A, B, G = _pro_instance(_case(case, len(_PRO_SHAPES)))
        C = _symbols("c", A.cols, A.cols)
    A, B, G = _factors(A, B, G)
    _full_rank(A, B)
    HA, HB = lorapro_update(A, B, G, choice=_matrix(C, "C"))
    PA, QB = _projectors(A, B)
    product = _expanded(PA * G + G * QB - PA * G * QB)
    return Tuple(_expanded(HA), _expanded(HB), product, lorapro_residual(A, B, G))


def _derive_lorapro(case: int) -> Derivation:
    A, B, G = _pro_instance(case)
    HA, HB, _, M, rank = _normal_equation_family(case)
    product = _expanded(HA * B + A * HB)
    minimum = _norm2(product - G)
    r = A.cols
    steps = (Step(r"Instance: rational $A$, $B$, $G$ of full rank", Tuple(A, B, G)),
             Step(rf"Normal equations: the gradient of $\Vert H_AB + AH_B - G\Vert_F^2$ in each of the "
                  rf"${M.cols}$ entries set to zero; the coefficient matrix has rank ${rank}$, kernel "
                  rf"dimension "
                  rf"${M.cols - rank} = r^2$", Matrix([[M.cols, rank, M.cols - rank]])),
             Step(rf"With the coordinates $H_BB^\top = -CBB^\top$ (${r * r}$ more equations) the system has "
                  r"exactly one solution for every $C$: the minimisers, parametrised by $C$", Tuple(HA, HB)),
             Step(r"Their product $H_AB + AH_B$ ($C$ cancels) and the minimum", Tuple(product, minimum)))
    return Derivation(Tuple(_expanded(HA), _expanded(HB), product, minimum), steps)


def _pro_points(st: Any, strategies: Any, with_C: bool = True) -> Any:
    def at(shape: tuple[int, int, int]) -> Any:
        n, m, r = shape
        fields = {"A": _draw_matrix(st, strategies, n, r, spine=13),
                  "B": _draw_matrix(st, strategies, r, m, spine=13),
                  "G": _draw_matrix(st, strategies, n, m)}
        if with_C:
            fields["C"] = _draw_matrix(st, strategies, r, r)
        return strategies.points(**fields)

    sizes = st.tuples(st.integers(1, 4), st.integers(1, 4))
    return sizes.flatmap(lambda nm: st.integers(1, min(nm)).map(lambda r: (*nm, r))).flatmap(at)


_PRO_NAMES = ("rational full-rank A, B, G with (n, m, r) = (4, 5, 2), (3, 3, 1), (6, 5, 3), (5, 4, 2), C "
              "symbolic")
_GL9 = {"A": _GL9_A, "B": _GL9_B, "G": _GL8}

register(Result(
    key="LOWR-LORA-4", title="LoRA-Pro: the minimisers, their product and the minimum",
    title_tex=r"LoRA-Pro: minimisers of $\Vert H_AB + AH_B - G\Vert_F^2$, product $P_AG + GQ_B - P_AGQ_B$, "
              r"minimum $\Vert(I - P_A)G(I - Q_B)\Vert_F^2$",
    source=f"{SU_10266}; {LORA_PRO}", statement=lorapro_statement, derive=_derive_lorapro,
    numeric=lambda dps, A, B, G, C: num.lorapro_member(A, B, G, C, dps=dps),
    parts=("H_A", "H_B", "H_AB + AH_B", r"\min\Vert H_AB + AH_B - G\Vert_F^2"),
    params=_points(_pro_points),
    examples=({**_GL9, "C": [[0]]}, {**_GL9, "C": [[F(-8, 9)]]},
              {"A": [[1, 0], [2, 1], [0, -1], [1, 1]], "B": [[1, 2, 0, -1, 1], [0, 1, 1, 2, -1]],
               "G": [[1, 0, 2, -1, 3], [2, 1, 0, 1, -2], [0, -1, 1, 2, 1], [3, 1, -1, 0, 2]],
               "C": [[1, F(1, 2)], [-2, 0]]}),
    bound=Bound("case", 0, len(_PRO_SHAPES) - 1), display={"case": 1},
    scope=Scope.instances(_PRO_NAMES, count=len(_PRO_SHAPES)),
    notes=(r"Replacing $G_A = GB^\top$, $G_B = A^\top G$ by $H_A$, $H_B$ changes $W$ by $-\eta(H_AB + AH_B)$ "
           r"to first order; LoRA-Pro asks this to be as close to $-\eta G$ as possible. The minimisers are "
           r"exactly $H_A = G_A(BB^\top)^{-1} + AC$, $H_B = (A^\top A)^{-1}G_B(I - Q_B) - CB$: the kernel of "
           r"$(H_A, H_B) \mapsto H_AB + AH_B$ is the set of pairs $(AC, -CB)$, of dimension $r^2$, and $C = "
           r"-H_BB^\top(BB^\top)^{-1}$ is a coordinate on it. The base $H_A = (I - P_A)G_A(BB^\top)^{-1}$, "
           r"$H_B = (A^\top A)^{-1}G_B$ is the member $C = -(A^\top A)^{-1}A^\top G_A(BB^\top)^{-1}$. "
           r"LoRA-Pro's paper calls $H_AB + AH_B$ (in its factor order) the equivalent gradient. Needs $A$ "
           r"of full column rank and $B$ of full row rank: a zero-initialised factor is refused (pitfall "
           r"11). Numeric: the vectorised least-squares problem (Kronecker form) stacked with the coordinate "
           r"equations, solved by Householder QR; $P_A$, $Q_B$ are never formed."),
))


def choices_statement(case: Any = None, A: Any = None, B: Any = None, G: Any = None) -> Tuple:
    """LOWR-LORA-5: :math:`(C_{\\rm sym}, C_{\\rm sym}, H_A(C_{\\rm sym}), H_B(C_{\\rm sym}), C_{\\rm Syl})`.
    """
    if A is None:
        A, B, G = _pro_instance(_case(case, len(_PRO_SHAPES)))
    A, B, G = _factors(A, B, G)
    _full_rank(A, B)
    PA, QB = _projectors(A, B)
    GA, GB = G * B.T, A.T * G
    C_sym = _choice_matrix("symmetric", A, B, G)
    HA = (eye(A.rows) - PA / 2) * GA * (B * B.T).inv()
    HB = (A.T * A).inv() * GB * (eye(B.cols) - QB / 2)
    return Tuple(C_sym, C_sym, HA, HB, _choice_matrix("sylvester", A, B, G))


def _minimise_in(C: Matrix, objective: Any) -> Matrix:
    """The unique stationary point of a quadratic ``objective`` in the entries of ``C``."""
    eqs = [sympy.diff(objective, c) for c in C]
    M, b = sympy.linear_eq_to_matrix(eqs, list(C))
    if M.rank() != len(C):
        raise ValueError("the criterion must have a unique minimiser in C")
    return Matrix(C.rows, C.cols, list(M.LUsolve(b)))


def _derive_choices(case: int) -> Derivation:
    A, B, G = _pro_instance(case)
    HA, HB, C, _, _ = _normal_equation_family(case)
    GA, GB = G * B.T, A.T * G
    C1 = _minimise_in(C, _norm2(HA * B - A * HB))
    C2 = _minimise_in(C, _norm2(HA * B - G) + _norm2(A * HB - G))
    C3 = _minimise_in(C, _norm2(HA - GA) + _norm2(HB - GB))
    at = dict(zip(C, C1))
    steps = (Step(r"The minimisers $H_A(C)$, $H_B(C)$ of LOWR-LORA-4, from the normal equations",
                  Tuple(HA, HB)),
             Step(r"Stationary point in $C$ of $\Vert H_AB - AH_B\Vert_F^2$ and of $\Vert H_AB - G\Vert_F^2 "
                  r"+ \Vert AH_B - G\Vert_F^2$ (each unique)", Tuple(C1, C2)),
             Step(r"The symmetric update at that point", Tuple(HA.xreplace(at), HB.xreplace(at))),
             Step(r"Stationary point in $C$ of $\Vert H_A - G_A\Vert_F^2 + \Vert H_B - G_B\Vert_F^2$ "
                  r"(LoRA-Pro)", C3))
    return Derivation(Tuple(C1, C2, _expanded(HA.xreplace(at)), _expanded(HB.xreplace(at)), C3), steps)


register(Result(
    key="LOWR-LORA-5", title="LoRA-Pro: the symmetric and the Sylvester choice of C",
    title_tex=r"LoRA-Pro: the symmetric choice $C_{\mathrm{sym}}$ and the Sylvester choice $A^\top AC + "
              r"CBB^\top = -A^\top G_A(BB^\top)^{-1}$",
    source=f"{SU_10266}; {LORA_PRO}", statement=choices_statement, derive=_derive_choices,
    numeric=lambda dps, A, B, G: num.lorapro_choices(A, B, G, dps=dps),
    parts=(r"C_1", r"C_2", r"H_A", r"H_B", r"C_3"),
    params=_points(lambda st, strategies: _pro_points(st, strategies, with_C=False)),
    examples=(_GL9, {**_GL9, "A": [[1], [2], [2]]},
              {"A": [[1, 0], [2, 1], [0, -1], [1, 1]], "B": [[1, 2, 0, -1], [0, 1, 1, 2]],
               "G": [[1, 0, 2, -1], [2, 1, 0, 1], [0, -1, 1, 2], [3, 1, -1, 0]]}),
    bound=Bound("case", 0, len(_PRO_SHAPES) - 1), display={"case": 1},
    scope=Scope.instances(_PRO_NAMES.replace(", C symbolic", "; C free in the criteria"),
                          count=len(_PRO_SHAPES)),
    notes=(r"$C_1$ minimises $\Vert H_AB - AH_B\Vert_F^2$ and $C_2$ minimises $\Vert H_AB - G\Vert_F^2 + "
           r"\Vert AH_B - G\Vert_F^2$ over the LoRA-Pro minimisers; both equal $C_{\mathrm{sym}} = "
           r"-\tfrac{1}{2}(A^\top A)^{-1}G_BB^\top(BB^\top)^{-1}$, giving $H_A = (I - "
           r"\tfrac{1}{2}P_A)G_A(BB^\top)^{-1}$, $H_B = (A^\top A)^{-1}G_B(I - \tfrac{1}{2}Q_B)$. $C_3$, "
           r"LoRA-Pro's choice, minimises $\Vert H_A - G_A\Vert_F^2 + \Vert H_B - G_B\Vert_F^2$ and solves "
           r"$A^\top AC + CBB^\top = -A^\top G_A(BB^\top)^{-1}$ (statement: $(I\otimes A^\top A + "
           r"BB^\top\otimes I)\,\mathrm{vec}\,C = \mathrm{vec}(\cdot)$), uniquely since both coefficients "
           r"are positive definite. If $A^\top A = BB^\top = cI_r$ the two coincide, $C = -A^\top "
           r"GB^\top/(2c^2)$; otherwise they differ (G-L9: $-8/27$ against $-8/15$). Numeric: each criterion "
           r"minimised by linear least squares over the minimisers, themselves computed by the vectorised "
           r"least squares of LOWR-LORA-4 (no closed form)."),
))


# --- LOWR-LORA-6 --------------------------------------------------------------------------------------------

_ORTHO_SHAPES = ((3, 3, 1), (4, 3, 2), (3, 4, 2))  # (n, m, r)


def _orthonormal_instance(case: int) -> tuple[Matrix, Matrix]:
    n, m, r = _ORTHO_SHAPES[_case(case, len(_ORTHO_SHAPES))]
    QA = _cayley(_skew(n, [1, -1, 2, 1, 0, 1][: n * (n - 1) // 2]))
    QB = _cayley(_skew(m, [2, 1, -1, 0, 1, 1][: m * (m - 1) // 2]))
    return QA[:, :r], QB[:, :r].T


def plain_lora_statement(case: Any = None, A: Any = None, B: Any = None, G: Any = None) -> Any:
    """LOWR-LORA-6: :math:`\\Vert(I-P_A)G(I-Q_B)\\Vert_F^2+\\Vert P_AGQ_B\\Vert_F^2`, the closed form of
    :math:`\\Vert G-P_AG-GQ_B\\Vert_F^2` (plain LoRA's first-order residual for orthonormal factors)."""
    if A is None:
        A, B = _orthonormal_instance(case)
        G = _symbols("g", A.rows, B.cols)
    A, B, G = _factors(A, B, G)
    _full_rank(A, B)
    PA, QB = _projectors(A, B)
    return _norm2((eye(A.rows) - PA) * G * (eye(B.cols) - QB)) + _norm2(PA * G * QB)


def _derive_plain_lora(case: int) -> Derivation:
    A, B = _orthonormal_instance(case)
    G = _symbols("g", A.rows, B.cols)
    plain = _norm2(A * A.T * G + G * B.T * B - G)
    P, Q, X = sympy.symbols("P Q G", commutative=False)
    split = sympy.expand((1 - P) * X * (1 - Q) - P * X * Q - (X - P * X - X * Q))
    PA, QB = _projectors(A, B)
    n, m = A.rows, B.cols
    cross = sympy.expand(((eye(n) - PA) * G * (eye(m) - QB)).T * (PA * G * QB)).trace()
    steps = (Step(r"For any $P$, $Q$: $(I - P)G(I - Q) - PGQ - (G - PG - GQ)$, expanded", split),
             Step(r"The cross term $\langle(I - P_A)G(I - Q_B), P_AGQ_B\rangle_F$ for this instance (it "
                  r"vanishes because $(I - P_A)P_A = 0$)", cross),
             Step(r"Plain LoRA's residual $\Vert AA^\top G + GB^\top B - G\Vert_F^2$ with Cayley-orthonormal "
                  r"$A$, $B$ and symbolic $G$, expanded", plain))
    return Derivation(plain, steps)


register(Result(
    key="LOWR-LORA-6", title="Plain LoRA against LoRA-Pro: the residual splits into two orthogonal parts",
    title_tex=r"Plain LoRA against LoRA-Pro: $\Vert AA^\top G + GB^\top B - G\Vert_F^2 = \Vert(I - P_A)G(I - "
              r"Q_B)\Vert_F^2 + \Vert P_AGQ_B\Vert_F^2$",
    source=f"derived here; {SU_10266}", statement=plain_lora_statement, derive=_derive_plain_lora,
    numeric=lambda dps, A, B, G: routes.orthonormal_lora_residual(A, B, G, dps=dps),
    params=_points(lambda st, strategies: _pro_points(st, strategies, with_C=False)),
    examples=(_GL9, {"A": [[1, 0], [2, 1], [0, -1], [1, 1]], "B": [[1, 2, 0, -1], [0, 1, 1, 2]],
                     "G": [[1, 0, 2, -1], [2, 1, 0, 1], [0, -1, 1, 2], [3, 1, -1, 0]]}),
    bound=Bound("case", 0, len(_ORTHO_SHAPES) - 1), display={"case": 0},
    scope=Scope.instances("G fully symbolic, Cayley-orthonormal factors with (n, m, r) = (3, 3, 1), (4, 3, "
                          "2), (3, 4, 2)", count=len(_ORTHO_SHAPES)),
    notes=(r"$G - P_AG - GQ_B = (I - P_A)G(I - Q_B) - P_AGQ_B$ for any $P_A$, $Q_B$, and the two pieces are "
           r"Frobenius-orthogonal because $(I - P_A)P_A = 0$. For orthonormal factors ($A^\top A = BB^\top = "
           r"I_r$) $AA^\top = P_A$, $B^\top B = Q_B$, so plain LoRA misses the LoRA-Pro optimum by exactly "
           r"$\Vert P_AGQ_B\Vert_F^2$ (G-L9: $701/81 = 445/81 + 256/81$). At a drawn point the statement is "
           r"the closed form of $\Vert G - P_AG - GQ_B\Vert_F^2$ for any full-rank $A$, $B$; numeric: plain "
           r"LoRA's residual with orthonormal bases of the column space of $A$ and the row space of $B$ from "
           r"mp.qr."),
))


# --- LOWR-LORA-7 --------------------------------------------------------------------------------------------


def reference_statement(case: Any = None, Bp: Any = None, Ap: Any = None, G: Any = None, s: Any = None,
                        X: Any = None) -> Tuple:
    """LOWR-LORA-7: :math:`(P_{B'}G+GQ_{A'}-P_{B'}GQ_{A'},\\ X_{\\rm Syl})`, the reference optimiser's
    first-order change :math:`sB'\\mathrm{grad}_{A'}+s\\,\\mathrm{grad}_{B'}A'` (for every :math:`X`,
    :math:`s`) and the :math:`X` of its ``sylvester`` mode."""
    if Bp is None:
        Bp, Ap, G = _pro_instance(_case(case, len(_PRO_SHAPES)))
        s = S_
    Bp, Ap, G = _factors(Bp, Ap, G, ("Bp", "Ap"))
    _full_rank(Bp, Ap, ("Bp", "Ap"))
    s = _scalar(s, "s", nonzero=True)
    P, Q = _projectors(Bp, Ap)
    gA = s * Bp.T * G
    X_syl = _sylvester(Bp.T * Bp, Ap * Ap.T, -(Bp.T * Bp).inv() * gA * Ap.T / s**2)
    return Tuple(_expanded(P * G + G * Q - P * G * Q), X_syl)


def _derive_reference(case: int) -> Derivation:
    Bp, Ap, G = _pro_instance(case)
    n, r, m = Bp.rows, Bp.cols, Ap.cols
    X, U, V = _symbols("x", r, r), _symbols("u", n, r), _symbols("v", r, m)
    # gradients by the chain rule through W = W_0 + s U V for the loss <G, W> (gradient G at W_0)
    loss = (G.T * (S_ * U * V)).trace()
    at = {**dict(zip(U, Bp)), **dict(zip(V, Ap))}
    gB = U.applyfunc(lambda u: sympy.diff(loss, u)).xreplace(at)
    gA = V.applyfunc(lambda v: sympy.diff(loss, v)).xreplace(at)
    BtB_inv, AAt_inv = (Bp.T * Bp).inv(), (Ap * Ap.T).inv()
    grad_A = BtB_inv * gA / S_**2 + X * Ap
    grad_B = (eye(n) - Bp * BtB_inv * Bp.T) * gB * AAt_inv / S_**2 - Bp * X
    change = _expanded(S_ * Bp * grad_A + S_ * grad_B * Ap)
    X_syl = _minimise_in(X, _norm2(grad_A - gA) + _norm2(grad_B - gB)).applyfunc(sympy.cancel)
    steps = (Step(r"Gradient $g_{B'}$ through $W = W_0 + sB'A'$, by differentiation", gB),
             Step(r"Gradient $g_{A'}$, likewise", gA),
             Step(r"The reference update, $X$ and $s$ symbolic: $s B'\mathrm{grad}_{A'} + "
                  r"s\,\mathrm{grad}_{B'}A'$ (both cancel)", change),
             Step(r"The $X$ that minimises $\Vert\mathrm{grad}_{A'} - g_{A'}\Vert_F^2 + "
                  r"\Vert\mathrm{grad}_{B'} - g_{B'}\Vert_F^2$ (stationary point, unique)", X_syl))
    return Derivation(Tuple(change, X_syl), steps)


def _reference_points(st: Any, strategies: Any) -> Any:
    def at(shape: tuple[int, int, int]) -> Any:
        n, m, r = shape
        return strategies.points(Bp=_draw_matrix(st, strategies, n, r, spine=13),
                                 Ap=_draw_matrix(st, strategies, r, m, spine=13),
                                 G=_draw_matrix(st, strategies, n, m),
                                 s=strategies.positive_rationals(4, max_denominator=4),
                                 X=_draw_matrix(st, strategies, r, r))

    sizes = st.tuples(st.integers(1, 4), st.integers(1, 4))
    return sizes.flatmap(lambda nm: st.integers(1, min(nm)).map(lambda r: (*nm, r))).flatmap(at)


register(Result(
    key="LOWR-LORA-7", title="LoRA-Pro in PEFT order: the reference optimiser",
    title_tex=r"LoRA-Pro in PEFT order: $sB'\mathrm{grad}_{A'} + s\,\mathrm{grad}_{B'}A' = P_{B'}G + GQ_{A'} "
              r"- P_{B'}GQ_{A'}$ and the Sylvester mode",
    source=f"{LORA_PRO}; {LORA_PRO_CODE} (confirm against the current code)",
    statement=reference_statement, derive=_derive_reference,
    numeric=lambda dps, Bp, Ap, G, s, X: routes.reference_update(Bp, Ap, G, s, X, dps=dps),
    parts=(r"sB'\mathrm{grad}_{A'} + s\,\mathrm{grad}_{B'}A'", r"X_{\mathrm{Syl}}"),
    params=_points(_reference_points),
    examples=({"Bp": _GL9["A"], "Ap": _GL9["B"], "G": _GL8, "s": 2, "X": [[F(1, 3)]]},
              {"Bp": [[1, 0], [2, 1], [0, -1], [1, 1]], "Ap": [[1, 2, 0], [0, 1, 1]],
               "G": [[1, 0, 2], [2, 1, 0], [0, -1, 1], [3, 1, -1]], "s": F(1, 2),
               "X": [[1, -1], [2, F(1, 2)]]}),
    bound=Bound("case", 0, len(_PRO_SHAPES) - 1), display={"case": 1},
    scope=Scope.instances(_PRO_NAMES.replace("A, B, G", "B', A', G").replace("C symbolic",
                                                                             "X and s symbolic"),
                          count=len(_PRO_SHAPES)),
    notes=(r"EXACT as statements about these formulas. PEFT order $W = W_0 + sB'A'$ ($B'$ is PEFT's lora-B "
           r"factor, $n\times r$; $A'$ its lora-A factor, $r\times m$), $g_{A'} = sB'^\top G$, $g_{B'} = "
           r"sGA'^\top$. The reference code uses $\mathrm{grad}_{A'} = s^{-2}(B'^\top B')^{-1}g_{A'} + XA'$, "
           r"$\mathrm{grad}_{B'} = s^{-2}(I - P_{B'})g_{B'}(A'A'^\top)^{-1} - B'X$; for every $X$ and $s$ "
           r"the first-order change is $P_{B'}G + GQ_{A'} - P_{B'}GQ_{A'}$: LOWR-LORA-4 with Su's $A = B'$, "
           r"$B = A'$ and the projection on the left factor's update, Su's $C = C_{\mathrm{base}} - sX$. Its "
           r"default sylvester mode solves $B'^\top B'X + XA'A'^\top = -s^{-2}(B'^\top "
           r"B')^{-1}g_{A'}A'^\top$, which is the stationary point of $\Vert\mathrm{grad}_{A'} - "
           r"g_{A'}\Vert_F^2 + \Vert\mathrm{grad}_{B'} - g_{B'}\Vert_F^2$, i.e. LOWR-LORA-5's $C_3$. Its "
           r"optional symmetry mode multiplies by $A'A'^\top$ where the symmetric split needs its inverse "
           r"(pitfall 12, not modelled). Numeric: an emulation with gradients by mp.diff, and the Sylvester "
           r"equation solved in the eigenbases of $B'^\top B'$ and $A'A'^\top$ (mp.eigsy)."),
))


# --- LOWR-LORA-8 (HEURISTIC) --------------------------------------------------------------------------------


def adam_statement(A0: Any = None, B0: Any = None, G: Any = None, eta: Any = None, eps: Any = None) -> Matrix:
    """LOWR-LORA-8: the first Adam step on the factors (zero moments, bias-corrected) changes :math:`W` by
    :math:`(A_0-\\eta\\phi(GB_0^\\top))(B_0-\\eta\\phi(A_0^\\top G))-A_0B_0` with
    :math:`\\phi(g)=g/(|g|+\\epsilon)` entrywise: the sign update of the heuristic as :math:`\\epsilon\\to0`.
    """
    general = A0 is None  # shown for scalar factors and gradient, unexpanded
    if general:
        A0, B0, G, eta, eps = _symbols("a", 1, 1), _symbols("b", 1, 1), _symbols("g", 1, 1), ETA, EPS
    A0, B0, G = _factors(A0, B0, G, ("A0", "B0"))
    eta, eps = _scalar(eta, "eta"), _scalar(eps, "eps")

    def phi(M: Matrix) -> Matrix:
        return M.applyfunc(lambda g: g / (Abs(g) + eps))

    change = (A0 - eta * phi(G * B0.T)) * (B0 - eta * phi(A0.T * G)) - A0 * B0
    return change if general else _expanded(change)


def _adam_points(st: Any, strategies: Any) -> Any:
    def at(shape: tuple[int, int, int]) -> Any:
        n, r, m = shape
        return strategies.points(A0=_draw_matrix(st, strategies, n, r), B0=_draw_matrix(st, strategies, r, m),
                                 G=_draw_matrix(st, strategies, n, m),
                                 eta=strategies.positive_rationals(1, max_denominator=20),
                                 eps=st.sampled_from([F(1, 10**8), F(1, 10**6), F(1, 1000)]))

    return st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 4)).flatmap(at)


register(Result(
    key="LOWR-LORA-8", title="Adam variants of the alignment (heuristic; the first Adam step is checked)",
    title_tex=r"Adam variants of the alignment (heuristic): the first Adam step is the sign update, $W_1 - "
              r"W_0 \approx -\eta(A_0\,\mathrm{sign}(A_0^\top G) + \mathrm{sign}(GB_0^\top)B_0)$",
    source=f"{SU_10226}; {SU_10266}", status=Status.HEURISTIC,
    statement=adam_statement,
    numeric=lambda dps, A0, B0, G, eta, eps: routes.adam_first_step(A0, B0, G, eta, eps, dps=dps),
    params=_points(_adam_points),
    examples=({"A0": _GL9["A"], "B0": _GL9["B"], "G": _GL8, "eta": F(1, 10), "eps": F(1, 10**8)},
              {"A0": [[1, 0], [2, -1], [0, 3], [1, 1]], "B0": [[1, 2, 0], [0, -1, 1]],
               "G": [[1, -1, 2], [0, 3, 1], [2, 2, -1], [1, 0, 1]], "eta": F(1, 100),
               "eps": F(1, 1000)}),
    evidence=Evidence.ROUTE,
    notes=(r"HEURISTIC, not proved. With Adam the first step is (from zero moments, bias-corrected) "
           r"$\eta\,g/(|g| + \epsilon)$ entrywise, so $W_1 - W_0 \approx -\eta\,\mathrm{sign}\,G$ for full "
           r"fine-tuning and $-\eta(A_0\,\mathrm{sign}(A_0^\top G) + \mathrm{sign}(GB_0^\top)B_0)$ to first "
           r"order for LoRA. What is checked: that exact first step on the factors (statement) against a "
           r"simulation of Adam's moment recursions with $\beta_1 = 0.9$, $\beta_2 = 0.999$ and gradients by "
           r"mp.diff. Not checked, because nothing checkable is claimed: that the analogue $\Vert "
           r"A_0\,\mathrm{sign}(A_0^\top G) + \mathrm{sign}(GB_0^\top)B_0 - \mathrm{sign}\,G\Vert_F^2$ has "
           r"no known closed form; that LoRA-GA's reuse of the SGD solution and LoRA-Pro's full-size Adam "
           r"moments (Su, part 2; the reference code's memory-saving default is not analysed) help "
           r"fine-tuning (HEURISTIC/EMPIRICAL). The test-suite shows on G-L8 that the SGD-optimal LoRA-GA "
           r"factors do not minimise the sign analogue."),
))
