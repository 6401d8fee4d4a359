"""Smooth top-k by elementary symmetric polynomials (GradTopK): spec ``lowrank.md`` section 2.3.

Main statements (Su, Softmax后传, kexue.fm/archives/10373; :math:`y_i = e^{x_i/\\tau}`):

- LOWR-TOPK-1: :math:`\\mathcal T_k(x) = \\nabla_x\\Phi_k(x)`,
  :math:`\\Phi_k(x) = \\max_{|S|=k}\\sum_{i\\in S}x_i = \\sum_{i\\in\\Omega_k}x_i`
  where :math:`x_{(k)} > x_{(k+1)}`;
- LOWR-TOPK-2: :math:`p_i = \\tau\\partial_{x_i}\\log e_k(y) = y_ie_{k-1}(y_{\\setminus i})/e_k(y)`,
  :math:`\\sum_ip_i = k`, :math:`p_i-p_j = (y_i-y_j)e_{k-1}(y_{\\setminus ij})/e_k(y)`;
- LOWR-TOPK-3: as :math:`\\tau\\to0^+` GradTopK tends to :math:`\\mathcal T_k(x)`, a boundary tie group of g
  entries holding q places to q/g each;
- LOWR-TOPK-4: the DP for :math:`e_j` and Su's recursion :math:`Z_{k,i} = y_i(Z_{k-1}-Z_{k-1,i})`,
  :math:`\\sum_iZ_{k,i} = kZ_k`;
- LOWR-TOPK-4-FLOAT (a key of this project, for pitfall 6 of the spec): Su's recursion cancels in IEEE
  double at :math:`x = (0,-g,-g-1,-g-2)`, k = 2 and :math:`x = (g,0,-1,-2,-3)`, k = 3 (large g), in
  linear and in log space; the DP on the remaining entries does not;
- LOWR-TOPK-5: :math:`\\tau\\partial_jp_i = \\delta_{ij}p_i
  + (1-\\delta_{ij})y_iy_je_{k-2}(y_{\\setminus ij})/e_k - p_ip_j`;
- LOWR-TOPK-6: the weighted-softmax iteration tends to :math:`\\tfrac32` at the maximum and
  :math:`\\tfrac12` at the runner-up (k = 2), not to :math:`\\mathcal T_2(x)`.

How they are proved.  :math:`e_k` is built by the DP recursion and differentiated (SymPy ``diff``):
in :math:`x` through :math:`e^{x_i/\\tau}` for TOPK-2 (quotients in lowest terms, ``cancel``), in :math:`y`
by the chain rule :math:`\\tau\\partial_{x_i} = y_i\\partial_{y_i}` for TOPK-5 (the identity cleared of its
denominator :math:`e_k^2`); the statements use the subset-sum definition of :math:`e_k`.  These proofs are
for symbolic :math:`y_0..y_{n-1}`, every :math:`k \\le n`, n up to 5.  The limits are taken exactly in
:math:`s = e^{-1/(D\\tau)}` (D a common denominator of x) on named rational instances, the operator of
TOPK-1 on a grid of rational instances.  TOPK-4-FLOAT is an observation about IEEE double (EMPIRICAL),
checked by emulating it with Python floats against the DP in mpmath.

Registers: LOWR-TOPK-1, LOWR-TOPK-2, LOWR-TOPK-3, LOWR-TOPK-4, LOWR-TOPK-4-FLOAT, LOWR-TOPK-5,
LOWR-TOPK-6.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import sympy
from sympy import Add, Eq, Integer, Matrix, Mul, Rational, Symbol, cancel, exp, log

from numerics.lowrank import gradtopk as num
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Scope, Status, Step, register
from proofs.core.bibliography import SU_10373
from proofs.core.params import draw, s

__all__ = [
    "elementary_symmetric",
    "topk_multihot",
    "smooth_topk_esp",
    "smooth_topk_esp_jacobian",
    "topk_zero_temperature_limit",
    "weighted_softmax_limit",
]

TAU = Symbol("tau", positive=True)
S = Symbol("s", positive=True)  # e^{-1/(D tau)}: tau -> 0+ is s -> 0+
NMAX = 5
X = [Symbol(f"x_{i}", real=True) for i in range(NMAX)]
Y = [Symbol(f"y_{i}", positive=True) for i in range(NMAX)]


# --- validation -------------------------------------------------------------------------------------


def _entry(v: Any, name: str) -> Any:
    """``v`` sympified; ValueError if it is a boolean, not a number/symbol, non-real, NaN or infinite."""
    if isinstance(v, bool):
        raise ValueError(f"{name} must be a real number, got the boolean {v!r} (booleans are not numbers)")
    if isinstance(v, Fraction):
        v = Rational(v.numerator, v.denominator)
    if isinstance(v, (list, tuple, dict, set, str, bytes)):
        raise ValueError(f"real vector required: {name} is not a number ({v!r})")
    try:
        out = sympy.sympify(v, strict=True)
    except (sympy.SympifyError, TypeError):
        raise ValueError(f"real vector required: {name} is not a number ({v!r})") from None
    if not isinstance(out, sympy.Expr):
        raise ValueError(f"real vector required: {name} is not a number ({v!r})")
    if out.has(sympy.nan, sympy.zoo) or out.has(sympy.oo) or out.has(-sympy.oo):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {v!r}")
    if out.is_real is False or out.is_extended_real is False:
        raise ValueError(f"real vector required: {name} is not real ({v!r})")
    return out


def _vector(x: Any, name: str = "x") -> list[Any]:
    if isinstance(x, sympy.MatrixBase):
        if min(x.shape) != 1:
            raise ValueError(f"real vector required: {name} is a {x.rows}x{x.cols} matrix")
        x = list(x)
    if isinstance(x, (str, bytes)) or not isinstance(x, (Sequence, sympy.Tuple)):
        raise ValueError(f"real vector required: {name} must be a sequence of real numbers, got "
                         f"{type(x).__name__}")
    if len(x) == 0:
        raise ValueError(f"real vector required: {name} is empty")
    return [_entry(v, f"{name}[{i}]") for i, v in enumerate(x)]


def _order(k: Any, lo: int, hi: int, what: str) -> int:
    if isinstance(k, bool) or not isinstance(k, (Integral, sympy.Integer)):
        raise ValueError(f"k must be an integer with {lo} <= k <= {hi} ({what}), got {k!r}")
    if not lo <= int(k) <= hi:
        raise ValueError(f"k must satisfy {lo} <= k <= {hi} ({what}), got {k}")
    return int(k)


def _temperature(tau: Any) -> Any:
    if isinstance(tau, bool):
        raise ValueError(f"tau must be a finite positive number, got the boolean {tau!r}")
    try:
        t = _entry(tau, "tau")
    except ValueError:
        raise ValueError(f"tau must be a finite positive number, got {tau!r}") from None
    if t.is_positive is not True:
        raise ValueError(f"tau must be a finite positive number (or a positive symbol), got {tau!r}")
    return t


def _sign(a: Any) -> int:
    """The sign of an exact real number; ValueError when SymPy cannot decide it."""
    a = sympy.nsimplify(a) if isinstance(a, sympy.Float) else a
    if a.is_zero:
        return 0
    if a.is_positive:
        return 1
    if a.is_negative:
        return -1
    raise ValueError(f"cannot decide the sign of {a} exactly: numeric entries required")


# --- the API ----------------------------------------------------------------------------------------


def _esp(ys: Sequence[Any], j: int) -> Any:
    """:math:`e_j` by its definition (0 for j < 0 or j > n)."""
    if j < 0 or j > len(ys):
        return Integer(0)
    return Add(*[Mul(*c) for c in itertools.combinations(ys, j)])


def elementary_symmetric(y: Any, k: int) -> Any:
    """The elementary symmetric polynomial :math:`e_k(y) = \\sum_{|S|=k}\\prod_{i\\in S}y_i`, exactly.

    .. math:: e_0 = 1,\\qquad \\prod_{i=1}^n(1+y_it) = \\sum_{j=0}^n e_j(y)\\,t^j

    Entries are real numbers or symbols; ``0 <= k <= n``.  Built from the definition (a sum over the
    k-subsets).  Source: Su, Softmax后传 (kexue.fm/archives/10373), GradTopK.

    >>> elementary_symmetric([1, 2, 3], 2)
    11
    """
    ys = _vector(y, "y")
    return _esp(ys, _order(k, 0, len(ys), "elementary_symmetric needs 0 <= k <= n"))


def _sorted_desc(xs: Sequence[Any]) -> list[int]:
    """Indices of ``xs`` by decreasing value (stable), compared exactly."""
    return sorted(range(len(xs)), key=functools.cmp_to_key(lambda i, j: _sign(xs[j] - xs[i])))


def topk_multihot(x: Any, k: int) -> list[int]:
    """The top-k operator: :math:`[\\mathcal T_k(x)]_i = 1` iff :math:`i\\in\\Omega_k(x)` (the k largest),
    else 0.

    ``1 <= k <= n-1``; a tie :math:`x_{(k)} = x_{(k+1)}` raises ValueError (the operator is undefined there).
    Source: Su, Softmax后传 (kexue.fm/archives/10373).

    >>> topk_multihot([3, 2, 1, 4], 2)
    [1, 0, 0, 1]
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs) - 1, "topk_multihot needs 1 <= k <= n-1")
    if any(not v.is_number for v in xs):
        raise ValueError("topk_multihot needs numeric entries (the order of symbols is unknown)")
    order = _sorted_desc(xs)
    if _sign(xs[order[k - 1]] - xs[order[k]]) == 0:
        raise ValueError(f"tie at the k-th position: x_(k) = x_(k+1) = {xs[order[k]]}, so T_k(x) is "
                         f"undefined")
    top = set(order[:k])
    return [1 if i in top else 0 for i in range(len(xs))]


def _exps(xs: Sequence[Any], tau: Any) -> list[Any]:
    return [exp(v / tau) for v in xs]


def _grad_topk(ys: Sequence[Any], k: int) -> list[Any]:
    ek = _esp(ys, k)
    return [ys[i] * _esp([*ys[:i], *ys[i + 1:]], k - 1) / ek for i in range(len(ys))]


def smooth_topk_esp(x: Any, k: int, tau: Any = 1) -> list[Any]:
    """GradTopK, exactly: :math:`p_i = y_i\\,e_{k-1}(y_{\\setminus i})/e_k(y)`, :math:`y_i = e^{x_i/\\tau}`
    unevaluated.

    .. math:: p_i = \\tau\\frac{\\partial}{\\partial x_i}\\log e_k\\big(e^{x/\\tau}\\big)

    ``1 <= k <= n`` (k = n gives all ones), ``tau`` a positive number or symbol.
    Source: Su, Softmax后传 (kexue.fm/archives/10373), GradTopK (LOWR-TOPK-2).
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp needs 1 <= k <= n")
    return _grad_topk(_exps(xs, _temperature(tau)), k)


def _jacobian_tau(ys: Sequence[Any], k: int) -> Matrix:
    """:math:`\\tau\\,\\partial p_i/\\partial x_j` in terms of y (LOWR-TOPK-5's closed form)."""
    n, ek = len(ys), _esp(ys, k)
    p = _grad_topk(ys, k)

    def entry(i: int, j: int) -> Any:
        if i == j:
            return p[i] - p[i] ** 2
        rest = [ys[t] for t in range(n) if t not in (i, j)]
        return ys[i] * ys[j] * _esp(rest, k - 2) / ek - p[i] * p[j]

    return Matrix(n, n, entry)


def smooth_topk_esp_jacobian(x: Any, k: int, tau: Any = 1) -> Matrix:
    """The Jacobian of GradTopK (LOWR-TOPK-5):

    .. math:: \\tau\\frac{\\partial p_i}{\\partial x_j} = \\delta_{ij}p_i
              + (1-\\delta_{ij})\\frac{y_iy_j\\,e_{k-2}(y_{\\setminus ij})}{e_k(y)} - p_ip_j

    symmetric with zero row sums; :math:`\\operatorname{diag}(p)-pp^\\top` for k = 1.  ``1 <= k <= n``.
    Source: derived here from Su's GradTopK (kexue.fm/archives/10373).
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp_jacobian needs 1 <= k <= n")
    t = _temperature(tau)
    return _jacobian_tau(_exps(xs, t), k) / t


def topk_zero_temperature_limit(x: Any, k: int) -> list[Any]:
    """:math:`\\lim_{\\tau\\to0^+}` GradTopK (LOWR-TOPK-3): 1 above the k-th value, 0 below, and q/g on a tie
    group of g equal values at the boundary holding q of the k places."""
    xs = _vector(x)
    k = _order(k, 1, len(xs) - 1, "the zero-temperature limit needs 1 <= k <= n-1")
    if any(not v.is_number for v in xs):
        raise ValueError("the zero-temperature limit needs numeric entries")
    order = _sorted_desc(xs)
    edge = xs[order[k - 1]]
    above = [i for i in range(len(xs)) if _sign(xs[i] - edge) > 0]
    group = [i for i in range(len(xs)) if _sign(xs[i] - edge) == 0]
    share = Rational(k - len(above), len(group))
    return [Integer(1) if i in above else share if i in group else Integer(0) for i in range(len(xs))]


def weighted_softmax_limit(x: Any) -> list[Any]:
    """:math:`\\lim_{\\tau\\to0^+}p^{(2)}` of the weighted-softmax iteration (LOWR-TOPK-6): 3/2 at the
    maximum, 1/2 at the runner-up, 0 elsewhere; needs :math:`x_{(1)} > x_{(2)} > x_{(3)}`."""
    xs = _vector(x)
    if len(xs) < 3 or any(not v.is_number for v in xs):
        raise ValueError("the weighted-softmax limit needs at least three numeric entries")
    order = _sorted_desc(xs)
    if _sign(xs[order[0]] - xs[order[1]]) == 0 or _sign(xs[order[1]] - xs[order[2]]) == 0:
        raise ValueError("the weighted-softmax limit needs x_(1) > x_(2) > x_(3) (no tie among the top "
                         "three)")
    return [Rational(3, 2) if i == order[0] else Rational(1, 2) if i == order[1] else Integer(0)
            for i in range(len(xs))]


# --- shared derivation machinery -----------------------------------------------------------------------


def _esp_dp(vals: Sequence[Any], top: int) -> list[Any]:
    """:math:`[e_0..e_{top}]` by the recursion
    :math:`e_j(v_{1..t}) = e_j(v_{1..t-1}) + v_te_{j-1}(v_{1..t-1})`."""
    e = [Integer(1)] + [Integer(0)] * top
    for t, v in enumerate(vals, start=1):
        for j in range(min(t, top), 0, -1):
            e[j] = e[j] + v * e[j - 1]
    return e


def _labels(name: str, rows: int, cols: int) -> Matrix:
    return Matrix(rows, cols, lambda i, j: Symbol(f"{name}_{{{i + 1},{j}}}"))


def _names(fmt: str, count: int) -> Matrix:
    return Matrix([Symbol(fmt.format(i)) for i in range(count)])


def _scale_exponents(xs: Sequence[Any]) -> tuple[int, list[int]]:
    """Common denominator D and integer exponents :math:`a_i = D(\\max x - x_i)`:
    :math:`y_i/y_{\\max} = s^{a_i}`."""
    top = max(xs, key=lambda v: Rational(v))
    den = math.lcm(*[int(Rational(v).q) for v in xs])
    return den, [int((Rational(top) - Rational(v)) * den) for v in xs]


def _tuple_tex(xs: Sequence[Any]) -> str:
    return "(" + ", ".join(sympy.latex(v) for v in xs) + ")"


def _s_tex(den: int) -> str:
    return r"s = e^{-1/\tau}" if den == 1 else rf"s = e^{{-1/({den}\tau)}}"


def _rationals(x: Sequence[Any]) -> list[Rational]:
    return [Rational(v) if not isinstance(v, Fraction) else Rational(v.numerator, v.denominator) for v in x]


# --- LOWR-TOPK-1: the operator and its potential --------------------------------------------------------

_GRID = (Integer(0), Rational(1, 2), Integer(2))


def _untied(x: Sequence[Any], k: int) -> bool:
    ordered = sorted(x, reverse=True)
    return ordered[k - 1] != ordered[k]


_T1_CASES: tuple[dict[str, Any], ...] = (  # pragma: no mutate (instances: test data)
    {"x": [3, 2, 1, 4], "k": 2},
    {"x": [5, -1, 2, 0, Rational(7, 3)], "k": 3},
    *({"x": list(v), "k": k} for v in itertools.product(_GRID, repeat=3) for k in (1, 2) if _untied(v, k)),
)


def _t1_point(case: Any, x: Any, k: Any) -> tuple[list[Any], int]:
    if case is not None:
        return _T1_CASES[_order(case, 0, len(_T1_CASES) - 1, "instance index")]["x"], \
            _T1_CASES[int(case)]["k"]
    return x, k


def _t1_lhs(n: int) -> Matrix:
    return Matrix([*[Symbol(rf"\partial_{{{i}}}\Phi_k") for i in range(n)], Symbol(r"\Phi_k")])


def topk_operator_statement(case: Any = None, x: Any = None, k: Any = None) -> Eq:
    """LOWR-TOPK-1: :math:`\\nabla\\Phi_k(x) = \\mathcal T_k(x)` and
    :math:`\\Phi_k(x) = \\sum_{i\\in\\Omega_k}x_i` (the sum of the k largest entries, by sorting)."""
    x, k = _t1_point(case, x, k)
    xs = _vector(x)
    hot = topk_multihot(xs, k)
    top = Add(*[xs[i] for i in range(len(xs)) if hot[i]])
    return Eq(_t1_lhs(len(xs)), Matrix([*hot, top]), evaluate=False)


def _derive_t1(case: int) -> Derivation:
    x, k = _t1_point(case, None, None)
    xs = _vector(x)
    n = len(xs)
    subsets = list(itertools.combinations(range(n), k))
    sums = [Add(*[xs[i] for i in c]) for c in subsets]
    best = max(sums, key=lambda v: Rational(v))
    winners = [c for c, v in zip(subsets, sums) if v == best]
    if len(winners) != 1:
        raise ArithmeticError(f"instance {case}: the maximising subset is not unique")
    gap = best - max((v for v in sums if v != best), key=lambda v: Rational(v))
    d = [Symbol(f"d_{i}", real=True) for i in range(n)]
    local = Add(*[xs[i] + d[i] for i in winners[0]])  # Phi_k(x + d) on the box |d| < gap/(2k)
    grad = [sympy.diff(local, di) for di in d]
    value = Matrix([*grad, local.subs(dict.fromkeys(d, 0))])
    steps = (
        Step(rf"Instance $x = {_tuple_tex(xs)}$, $k = {k}$: the sums of all {len(subsets)} "
             r"$k$-subsets", Matrix([sums])),
        Step(rf"A unique maximiser $S^* = \{{{', '.join(map(str, winners[0]))}\}}$ with gap $g = "
             rf"{sympy.latex(gap)}$ to the next sum: "
             r"for $|d|_\infty < g/(2k)$ every subset sum moves by less than $g/2$, so "
             r"$\Phi_k(x+d) = \sum_{i\in S^*}(x_i+d_i)$ there (hence piecewise linear)", local),
        Step(r"Its gradient in $d$ (constant on the box) and its value at $d = 0$", value),
    )
    return Derivation(Eq(_t1_lhs(n), value, evaluate=False), steps)


def _distinct(v: Sequence[Any]) -> bool:
    return len(set(v)) == len(v)


register(Result(
    key="LOWR-TOPK-1", title="Top-k operator = gradient of the top-k potential",
    title_tex=r"Top-$k$ operator $\mathcal T_k = \nabla_x \max_{|S|=k}\sum_{i\in S}x_i$",
    source=f"{SU_10373}, top-k operator and its smooth surrogates",
    statement=topk_operator_statement, derive=_derive_t1, numeric=num.topk_operator_route,
    params=draw(x=s.score_vectors(4, 7, bound=8).filter(_distinct), k=s.sizes(1, 3)),
    examples=tuple({"x": [Fraction(v) for v in c["x"]], "k": c["k"]} for c in _T1_CASES[:2]),
    bound=Bound("case", 0, len(_T1_CASES) - 1), display={"case": 0},
    scope=Scope.instances("x = (3, 2, 1, 4), k = 2; x = (5, -1, 2, 0, 7/3), k = 3; every x in {0, 1/2, 2}^3 "
                          "without a tie at the k-th place, k = 1, 2", count=len(_T1_CASES)),
    notes=(r"The sort-based operator $\mathcal T_k$ and $\sum_{i\in\Omega_k}x_i$ are compared with the "
           r"maximum over "
           r"all $k$-subsets and its gradient, which is constant on a box of half-width $g/(2k)$ around $x$ "
           r"($g$ the gap between the best and second-best subset sums). A surrogate $\mathcal S_k$ should "
           r"map into "
           r"$\Delta_k$, preserve order, be shift-invariant and tend to $\mathcal T_k$ as $\tau\to0^+$ (the "
           r"desiderata of the post): GradTopK meets them (LOWR-TOPK-2, LOWR-TOPK-3). Numeric route: central "
           r"differences of the subset-enumeration maximum with a step below $g/(4k)$, at doubled "
           r"precision."),
))


# --- LOWR-TOPK-2: GradTopK ------------------------------------------------------------------------------


def _pairs(n: int) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(n), 2))


def _t2_lhs(n: int, ks: Sequence[int], pairs: Sequence[tuple[int, int]]) -> Matrix:
    out = []
    for k in ks:
        tag = f"^{{({k})}}" if len(ks) > 1 else ""
        out += [Symbol(f"p{tag}_{{{i}}}") for i in range(n)]
        out.append(Symbol(rf"\Sigma p{tag}"))
        out += [Symbol(f"p{tag}_{{{i}}} - p{tag}_{{{j}}}") for i, j in pairs]
    return Matrix(out)


def _t2_closed(ys: Sequence[Any], k: int, pairs: Sequence[tuple[int, int]], tidy: Any) -> list[Any]:
    ek = _esp(ys, k)
    p = [tidy(v) for v in _grad_topk(ys, k)]
    diffs = [tidy((ys[i] - ys[j]) * _esp([ys[t] for t in range(len(ys)) if t not in (i, j)], k - 1) / ek)
             for i, j in pairs]
    return [*p, Integer(k), *diffs]


def grad_topk_statement(n: Any = None, x: Any = None, k: Any = None, tau: Any = 1) -> Eq:
    """LOWR-TOPK-2: :math:`p_i = y_ie_{k-1}(y_{\\setminus i})/e_k(y)`, :math:`\\sum_ip_i = k`,
    :math:`p_i - p_j = (y_i-y_j)e_{k-1}(y_{\\setminus ij})/e_k(y)`.

    With ``n``: symbolic :math:`y_0..y_{n-1}`, every k = 1..n, every pair i < j (lowest terms).  With a point
    ``x, k, tau``: :math:`y_i = e^{x_i/\\tau}`, consecutive pairs.
    """
    if n is not None:
        n = _order(n, 1, NMAX, "the symbolic case needs 1 <= n <= 5")
        pairs, ks = _pairs(n), range(1, n + 1)
        rhs = [v for kk in ks for v in _t2_closed(Y[:n], kk, pairs, cancel)]
        return Eq(_t2_lhs(n, ks, pairs), Matrix(rhs), evaluate=False)
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp needs 1 <= k <= n")
    pairs = [(i, i + 1) for i in range(len(xs) - 1)]
    rhs = _t2_closed(_exps(xs, _temperature(tau)), k, pairs, lambda v: v)
    return Eq(_t2_lhs(len(xs), [k], pairs), Matrix(rhs), evaluate=False)


def _grad_from_potential(n: int, k: int) -> tuple[Any, list[Any], dict[Any, Any]]:
    """:math:`E = e_k(e^{x/\\tau})` by the DP, and :math:`p_i = \\tau\\partial_{x_i}\\log E` in y, in lowest
    terms."""
    to_y = {exp(X[i] / TAU): Y[i] for i in range(n)}
    big_e = _esp_dp([exp(X[i] / TAU) for i in range(n)], k)[k]
    p = [cancel((TAU * sympy.diff(log(big_e), X[i])).xreplace(to_y)) for i in range(n)]
    return big_e, p, to_y


@functools.lru_cache(maxsize=None)
def _derive_t2(n: int) -> Derivation:
    pairs, ks = _pairs(n), range(1, n + 1)
    rows: list[Any] = []
    steps: list[Step] = []
    for k in ks:
        big_e, p, _ = _grad_from_potential(n, k)
        total = cancel(Add(*p))
        diffs = [cancel(p[i] - p[j]) for i, j in pairs]
        rows += [*p, total, *diffs]
        if k == min(2, n):
            steps += [
                Step(rf"$k = {k}$: $e_k(e^{{x/\tau}})$ built by the DP $e_j \leftarrow e_j + y_t e_{{j-1}}$",
                     big_e),
                Step(r"$p_i = \tau\,\partial_{x_i}\log e_k$ (SymPy diff), written in $y_i = e^{x_i/\tau}$ "
                     r"and "
                     r"brought to lowest terms", Matrix(p)),
                Step(r"Their sum and pairwise differences (lowest terms)", Matrix([total, *diffs])),
            ]
    steps.append(Step(rf"The same for every $k = 1..{n}$", Matrix(rows)))
    return Derivation(Eq(_t2_lhs(n, ks, pairs), Matrix(rows), evaluate=False), tuple(steps))


_TOPK_X = [Fraction(3), Fraction(2), Fraction(1), Fraction(4)]

register(Result(
    key="LOWR-TOPK-2", title="GradTopK: p_i = tau d log e_k / dx_i = y_i e_{k-1}(y without i) / e_k(y)",
    title_tex=r"GradTopK: $p_i = \tau\,\partial_{x_i}\log e_k(y) = y_i\,e_{k-1}(y_{\setminus i})/e_k(y)$",
    source=f"{SU_10373}, GradTopK; the difference identity derived here",
    statement=grad_topk_statement, derive=_derive_t2, numeric=num.grad_topk_route,
    params=draw(x=s.score_vectors(2, 7, bound=6), k=s.sizes(1, 2),
                tau=s.positive_rationals(3, max_denominator=20)),
    examples=({"x": _TOPK_X, "k": 2, "tau": 1}, {"x": _TOPK_X, "k": 2, "tau": Fraction(1, 2)},
              {"x": [Fraction(-7, 3), Fraction(5, 2), 0, Fraction(1, 9), 4], "k": 3, "tau": Fraction(3, 4)},
              {"x": [0, -40, -41, -42], "k": 2, "tau": 1}),
    bound=Bound("n", 1, NMAX), display={"n": 3},
    notes=(r"Proved for symbolic $y_0..y_{n-1}$, every $k = 1..n$, $n \le 5$: $e_k$ by the DP recursion, "
           r"differentiated in $x$; the statement uses the subset-sum definition. So $0 < p_i < 1$ for "
           r"$k \le n-1$, the map is strictly order-preserving (the difference identity), shift-invariant "
           r"($e_k$ is homogeneous of degree $k$) and $k = 1$ is softmax. Numeric route: "
           r"$e_{k-1}(y_{\setminus i})$ "
           r"by the DP on the remaining entries (tests compare it with subset enumeration; G-L4)."),
))


# --- LOWR-TOPK-3: zero temperature ------------------------------------------------------------------------

_T3_CASES: tuple[dict[str, Any], ...] = (  # pragma: no mutate (instances: test data)
    {"x": [3, 2, 1, 4], "k": 2},
    {"x": [3, 3, 1, 5], "k": 2},
    {"x": [2, 2, 2, 0, 9], "k": 3},
    {"x": [Rational(1, 2), 0, Rational(-1, 3)], "k": 1},
    {"x": [0, 0, 0], "k": 2},
    {"x": [1, 1, 0, 0], "k": 1},
    {"x": [5, 1, 1, 1, -2], "k": 2},
)


def _t3_point(case: Any, x: Any, k: Any) -> tuple[Any, Any]:
    if case is not None:
        c = _T3_CASES[_order(case, 0, len(_T3_CASES) - 1, "instance index")]
        return c["x"], c["k"]
    return x, k


def topk_limit_statement(case: Any = None, x: Any = None, k: Any = None) -> Eq:
    """LOWR-TOPK-3: :math:`\\lim_{\\tau\\to0^+}p(x/\\tau) = \\mathcal T_k(x)`, with q/g on a boundary tie
    group."""
    x, k = _t3_point(case, x, k)
    lim = topk_zero_temperature_limit(x, k)
    return Eq(_names(r"\lim p_{{{}}}", len(lim)), Matrix(lim), evaluate=False)


@functools.lru_cache(maxsize=None)
def _derive_t3(case: int) -> Derivation:
    x, k = _t3_point(case, None, None)
    xs = _rationals(x)
    den, powers = _scale_exponents(xs)
    ys = [S ** a for a in powers]
    p = [cancel(v) for v in _grad_topk(ys, k)]
    lim = [sympy.limit(v, S, 0, "+") for v in p]
    ek = _esp(ys, k)
    steps = (
        Step(rf"Instance $x = {_tuple_tex(xs)}$, $k = {k}$: $y_i = e^{{\max x/\tau}}s^{{a_i}}$ with "
             rf"${_s_tex(den)} \to 0^+$; $p$ is homogeneous of degree 0 in $y$, so take $y_i = s^{{a_i}}$",
             Matrix([ys])),
        Step(r"$e_k(y)$ as a polynomial in $s$: the lowest power counts the maximal "
             r"subsets", sympy.expand(ek)),
        Step(r"GradTopK as rational functions of $s$ (lowest terms)", Matrix(p)),
        Step(r"$\lim_{s\to0^+}$ (SymPy limit)", Matrix(lim)),
    )
    return Derivation(Eq(_names(r"\lim p_{{{}}}", len(xs)), Matrix(lim), evaluate=False), steps)


def _halves(v: Sequence[Fraction]) -> list[Fraction]:
    """Entries rounded to halves: ties (and tie groups at the boundary) become common."""
    return [Fraction(round(2 * t), 2) for t in v]


register(Result(
    key="LOWR-TOPK-3", title="GradTopK at zero temperature: the top-k operator, q/g on ties",
    title_tex=r"GradTopK as $\tau\to0^+$: $\mathcal T_k(x)$, and $q/g$ on a boundary tie group",
    source=f"{SU_10373} (the limit); the bounds and the tie rule derived here",
    statement=topk_limit_statement, derive=_derive_t3, numeric=num.grad_topk_cold,
    params=draw(x=s.score_vectors(3, 6, bound=3).map(_halves), k=s.sizes(1, 2)),
    examples=tuple({"x": [Fraction(v) for v in c["x"]], "k": c["k"]} for c in _T3_CASES[:3]),
    bound=Bound("case", 0, len(_T3_CASES) - 1), display={"case": 1},
    scope=Scope.instances("(3,2,1,4) k=2; (3,3,1,5) k=2; (2,2,2,0,9) k=3; (1/2,0,-1/3) k=1; (0,0,0) k=2; "
                          "(1,1,0,0) k=1; (5,1,1,1,-2) k=2", count=len(_T3_CASES)),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(route=num.grad_topk_table, quantity=r"GradTopK $p$ at $\tau = 1/\ln n$"),
    notes=(r"The limit is taken exactly in $s = e^{-1/(D\tau)}$ on the named instances. The soft sum "
           r"satisfies "
           r"$\max_{|S|=k}\sum_S x_i \le \tau\log e_k(e^{x/\tau}) \le \max_{|S|=k}\sum_S x_i + "
           r"\tau\log\binom nk$ "
           r"($e_k e^{-M/\tau}$ is a sum of $\binom nk$ terms in $(0,1]$, one of them 1); tested with "
           r"hypothesis in "
           r"$\texttt{tests/lowrank/test\_gradtopk.py}$. Numeric route: the DP at a temperature where the "
           r"remainder "
           r"$\binom nk e^{-g/\tau}$ is below $10^{-(\mathrm{dps}+25)}$, and the table at $\tau = 1/\ln n$."),
))


# --- LOWR-TOPK-4: recursions ----------------------------------------------------------------------------


def _t4_lhs(n: int) -> Matrix:
    def cell(r: int, c: int) -> Symbol:
        k = r + 1
        if c == 0:
            return Symbol(f"Z_{{{k}}}")
        if c <= n:
            return Symbol(f"Z_{{{k},{c - 1}}}")
        return Symbol(rf"\Sigma_i Z_{{{k},i}} - {k} Z_{{{k}}}")
    return Matrix(n, n + 2, cell)


def _t4_rows(ys: Sequence[Any]) -> Matrix:
    """Rows k = 1..n: :math:`[e_k(y),\\ y_ie_{k-1}(y_{\\setminus i})\\ (i<n),\\ 0]` from the subset-sum
    definition."""
    n = len(ys)
    return Matrix([[_esp(ys, k), *[ys[i] * _esp([*ys[:i], *ys[i + 1:]], k - 1) for i in range(n)], 0]
                   for k in range(1, n + 1)])


def recursion_statement(n: Any = None, y: Any = None) -> Eq:
    """LOWR-TOPK-4: :math:`Z_k = e_k(y)`, :math:`Z_{k,i} = y_ie_{k-1}(y_{\\setminus i})`,
    :math:`\\sum_iZ_{k,i} = kZ_k` (the definitions, for symbolic :math:`y_0..y_{n-1}` or at a point ``y``)."""
    if n is not None:
        ys = Y[:_order(n, 1, NMAX, "the symbolic case needs 1 <= n <= 5")]
    else:
        ys = _vector(y, "y")
    return Eq(_t4_lhs(len(ys)), _t4_rows(ys), evaluate=False)


@functools.lru_cache(maxsize=None)
def _derive_t4(n: int) -> Derivation:
    ys = Y[:n]
    e = [sympy.expand(v) for v in _esp_dp(ys, n)]  # Z_k by the DP over the entries
    z = list(ys)  # Z_{1,i} = y_i
    rows = [[e[1], *z, sympy.expand(Add(*z) - e[1])]]
    for k in range(2, n + 1):
        # Su's recursion: Z_{k,i} = y_i (Z_{k-1} - Z_{k-1,i})
        z = [sympy.expand(ys[i] * (e[k - 1] - z[i])) for i in range(n)]
        rows.append([e[k], *z, sympy.expand(Add(*z) - k * e[k])])
    value = Matrix(rows)
    steps = (
        Step(r"$Z_k = e_k(y)$ by the DP $e_j(y_{1..t}) = e_j(y_{1..t-1}) + y_t e_{j-1}(y_{1..t-1})$ "
             r"(expanded)",
             Matrix(e[1:])),
        Step(r"$Z_{1,i} = y_i$, then Su's recursion $Z_{k,i} = y_i(Z_{k-1} - Z_{k-1,i})$ (expanded), and "
             r"$\sum_i Z_{k,i} - kZ_k$", value),
    )
    return Derivation(Eq(_t4_lhs(n), value, evaluate=False), steps)


def _positive(v: Sequence[Fraction]) -> list[Fraction]:
    return [abs(t) + Fraction(1, 7) for t in v]


register(Result(
    key="LOWR-TOPK-4", title="Recursions: DP for e_k and Z_{k,i} = y_i (Z_{k-1} - Z_{k-1,i})",
    title_tex=r"Recursions: DP for $e_k$ and $Z_{k,i} = y_i(Z_{k-1} - Z_{k-1,i})$, $\sum_i Z_{k,i} = kZ_k$",
    source=f"{SU_10373}, GradTopK recursion",
    statement=recursion_statement, derive=_derive_t4, numeric=num.recursion_route,
    params=draw(y=s.score_vectors(1, 6, bound=4).map(_positive)),
    examples=({"y": [Fraction(1), Fraction(2), Fraction(3)]},
              {"y": [Fraction(1, 2), Fraction(7, 3), Fraction(5), Fraction(1, 9), Fraction(2)]}),
    bound=Bound("n", 1, NMAX), display={"n": 3},
    notes=(r"Proved for symbolic $y_0..y_{n-1}$, $n \le 5$, every $k \le n$: the DP and Su's recursion "
           r"reproduce "
           r"the subset-sum definitions. The DP costs $O(nk)$. Su's recursion subtracts "
           r"$Z_{k-1,i}$ from $Z_{k-1}$, which cancels when $y_i$ dominates: see LOWR-TOPK-4-FLOAT. Numeric "
           r"route: "
           r"$e_k$ as coefficients of $\prod_i(1+y_it)$ by a product tree, $e_{k-1}(y_{\setminus i})$ by the "
           r"DP on "
           r"the remaining entries."),
))


# --- LOWR-TOPK-4-FLOAT: the cancellation of pitfall 6 -------------------------------------------------


def float_pitfall_statement(k: Any = 2, g: Any = 40) -> Eq:
    """LOWR-TOPK-4-FLOAT: at :math:`x = (0,-g,-g-1,-g-2)` (k = 2) or :math:`(g,0,-1,-2,-3)` (k = 3),
    GradTopK (exact, :math:`\\tau = 1`), and the claims [Su's recursion fails in double, linear space] =
    [the same in log space] = [the DP on the remaining entries is accurate in double] = 1."""
    x = num.pitfall_x(k, g)
    p = smooth_topk_esp(x, k)
    lhs = Matrix([*[Symbol(f"p_{{{i}}}") for i in range(len(p))], Symbol(r"[\mathrm{Su\ linear\ fails}]"),
                  Symbol(r"[\mathrm{Su\ log\ fails}]"), Symbol(r"[\mathrm{DP\ accurate}]")])
    return Eq(lhs, Matrix([*p, 1, 1, 1]), evaluate=False)


register(Result(
    key="LOWR-TOPK-4-FLOAT", title="Su's GradTopK recursion cancels in float64; the DP on the remaining "
                                   "entries does not",
    title_tex=r"Su's recursion $Z_{k,i} = y_i(Z_{k-1} - Z_{k-1,i})$ cancels in float64; the DP does not",
    source=f"{SU_10373}, GradTopK recursion; the failure and the correction found here (spec pitfall 6)",
    status=Status.EMPIRICAL, statement=float_pitfall_statement, numeric=num.pitfall_route,
    params=draw(k=s.sizes(2, 3), g=s.rationals(40, 300, max_denominator=8)),
    examples=({"k": 2, "g": 40}, {"k": 3, "g": 50}),
    notes=(r"A numerical observation about IEEE double (Python floats), not a theorem: with $g \ge 40$ the "
           r"sum "
           r"$Z_1$ rounds to $y_{\max}$, so $Z_1 - Z_{1,i}$ is 0 at the dominant entry. At $x = "
           r"(0,-40,-41,-42)$, "
           r"$k = 2$ the recursion returns $(0, 1.33, 0.49, 0.18)$ instead of $(1, 0.665, 0.245, 0.090)$; at "
           r"$x = (50,0,-1,-2,-3)$, $k = 3$ it returns $(3, 0, 0, 0, 0)$ in linear space and NaN in log "
           r"space "
           r"(the log of the negative $Z_2 - Z_{2,1}$, 0-based), instead of $(1, 0.881, 0.694, 0.306, "
           r"0.119)$. "
           r"Correction: $y_i = e^{x_i - \max x}$ and $e_{k-1}(y_{\setminus i})$ by the DP on the remaining "
           r"entries "
           r"(positive sums only), relative error below $10^{-13}$. An Iverson bracket is 1 when the claim "
           r"holds: "
           r"'fails' means relative error at least 1/2 or NaN, measured against the DP in mpmath. Drawn "
           r"points: "
           r"$g$ in $[40, 300]$ (at $g = 37$ the recursion still works for $k = 2$)."),
))


# --- LOWR-TOPK-5: the Jacobian -------------------------------------------------------------------------


def _jacobian_cleared(ys: Sequence[Any], k: int) -> Matrix:
    """:math:`e_k(y)^2\\,\\tau\\,\\partial p_i/\\partial x_j` from LOWR-TOPK-5's closed form, a polynomial
    (expanded)."""
    n, ek = len(ys), _esp(ys, k)
    rest = [ys[i] * _esp([*ys[:i], *ys[i + 1:]], k - 1) for i in range(n)]  # p_i e_k

    def entry(i: int, j: int) -> Any:
        pair = [ys[t] for t in range(n) if t not in (i, j)]
        cross = rest[i] * ek if i == j else ys[i] * ys[j] * _esp(pair, k - 2) * ek
        return sympy.expand(cross - rest[i] * rest[j])

    return Matrix(n, n, entry)


def jacobian_statement(n: Any = None, x: Any = None, k: Any = None, tau: Any = 1) -> Eq:
    """LOWR-TOPK-5: symbolic ``n``: :math:`e_k(y)^2\\,\\tau\\,\\partial p/\\partial x` for k = 1..n stacked
    (polynomials in y, the closed form with its denominator cleared); at a point:
    :math:`\\partial p/\\partial x` itself."""
    if n is not None:
        n = _order(n, 1, NMAX, "the symbolic case needs 1 <= n <= 5")
        blocks = [_jacobian_cleared(Y[:n], k) for k in range(1, n + 1)]
        return Eq(_labels(r"e_k^2\tau J", n * n, n), Matrix.vstack(*blocks), evaluate=False)
    jac = smooth_topk_esp_jacobian(x, k, tau)
    return Eq(_labels("J", jac.rows, jac.cols), jac, evaluate=False)


@functools.lru_cache(maxsize=None)
def _derive_t5(n: int) -> Derivation:
    ys = Y[:n]
    blocks = []
    for k in range(1, n + 1):
        big_e = sympy.expand(_esp_dp(ys, k)[k])
        grad = [sympy.diff(big_e, y) for y in ys]
        # tau d/dx_i = y_i d/dy_i (y_i = e^{x_i/tau}): p_i = y_i E_i / E, and by the quotient rule
        # E^2 tau dp_i/dx_j = E^2 y_j d/dy_j (y_i E_i / E)
        #                   = delta_ij y_i E_i E + y_i y_j E_ij E - y_i E_i y_j E_j
        hess = [[sympy.expand((ys[i] * grad[i] * big_e if i == j else 0)
                              + ys[i] * ys[j] * sympy.diff(grad[i], ys[j]) * big_e
                              - ys[i] * grad[i] * ys[j] * grad[j]) for j in range(n)] for i in range(n)]
        blocks.append(Matrix(hess))
    shown = min(1, n - 1)
    steps = (
        Step(r"Chain rule $\tau\,\partial/\partial x_i = y_i\,\partial/\partial y_i$ ($y_i = e^{x_i/\tau}$): "
             r"$p_i = y_iE_i/E$ with $E = e_k(y)$ by the DP and $E_i = \partial_{y_i}E$ (SymPy diff); the "
             r"quotient rule "
             r"gives $E^2\,\tau\,\partial_{x_j}p_i = \delta_{ij}y_iE_iE + y_iy_jE_{ij}E - y_iE_iy_jE_j$, "
             r"expanded; "
             rf"$k = {shown + 1}$", blocks[shown]),
        Step(rf"Stacked for $k = 1..{n}$", Matrix.vstack(*blocks)),
    )
    return Derivation(Eq(_labels(r"e_k^2\tau J", n * n, n), Matrix.vstack(*blocks), evaluate=False), steps)


register(Result(
    key="LOWR-TOPK-5", title="GradTopK Jacobian",
    title_tex=r"GradTopK Jacobian $\tau\,\partial_j p_i = \delta_{ij}p_i + (1-\delta_{ij})y_iy_je_{k-2}"
              r"(y_{\setminus ij})/e_k - p_ip_j$",
    source=f"derived here from {SU_10373}, GradTopK",
    statement=jacobian_statement, derive=_derive_t5, numeric=num.jacobian_route,
    params=draw(x=s.score_vectors(2, 5, bound=4), k=s.sizes(1, 2),
                tau=s.positive_rationals(2, max_denominator=10)),
    examples=({"x": _TOPK_X, "k": 2, "tau": 1}, {"x": _TOPK_X, "k": 1, "tau": Fraction(1, 2)},
              {"x": [Fraction(-7, 3), Fraction(5, 2), 0, Fraction(1, 9), 4], "k": 3, "tau": Fraction(3, 4)}),
    bound=Bound("n", 1, NMAX), display={"n": 2},
    notes=(r"Proved as the Hessian of $\tau\log e_k(e^{x/\tau})$ (times $\tau$, by the chain rule in $y$) "
           r"for "
           r"symbolic $y_0..y_{n-1}$, every $k \le n$, $n \le 5$, as the polynomial identity for $e_k^2$ "
           r"times the "
           r"Jacobian. Hence symmetric with zero row sums ($\sum_i p_i = k$ is constant), and "
           r"$\operatorname{diag}(p) - pp^\top$ for $k = 1$ ($e_{-1} = 0$). Numeric route: central "
           r"differences of "
           r"the DP map at doubled precision, the step inside that precision (pitfall 10)."),
))


# --- LOWR-TOPK-6: the weighted-softmax iteration ------------------------------------------------------------

_T6_CASES: tuple[dict[str, Any], ...] = (  # pragma: no mutate (instances: test data)
    {"x": [3, 2, 1, 4], "k": 2},
    {"x": [0, Rational(-1, 2), Rational(-3, 2)], "k": 2},
    {"x": [5, 2, 1, 0, -1], "k": 2},
    {"x": [1, Rational(5, 2), Rational(1, 3), Rational(1, 3)], "k": 2},
)


def _t6_point(case: Any, x: Any, k: Any) -> Any:
    if case is not None:
        return _T6_CASES[_order(case, 0, len(_T6_CASES) - 1, "instance index")]["x"]
    _order(k, 2, 2, "the weighted-softmax limit is stated for k = 2")
    return x


def weighted_softmax_statement(case: Any = None, x: Any = None, k: Any = None) -> Eq:
    """LOWR-TOPK-6: :math:`\\lim_{\\tau\\to0^+}p^{(2)} = \\tfrac32` at the maximum, :math:`\\tfrac12` at the
    runner-up, 0 elsewhere."""
    lim = weighted_softmax_limit(_t6_point(case, x, k))
    return Eq(_names(r"\lim p^{{(2)}}_{{{}}}", len(lim)), Matrix(lim), evaluate=False)


@functools.lru_cache(maxsize=None)
def _derive_t6(case: int) -> Derivation:
    xs = _rationals(_t6_point(case, None, None))
    den, powers = _scale_exponents(xs)
    ys = [S ** a for a in powers]
    first = [y / Add(*ys) for y in ys]  # softmax: p^(1) (weights 1 - p^(0) = 1)
    weights = [(1 - p) * y for p, y in zip(first, ys)]
    second = [cancel(p + w / Add(*weights)) for p, w in zip(first, weights)]
    lim = [sympy.limit(v, S, 0, "+") for v in second]
    steps = (
        Step(rf"Instance $x = {_tuple_tex(xs)}$: $e^{{x_i/\tau}} \propto s^{{a_i}}$, "
             rf"${_s_tex(den)} \to 0^+$ (softmax ignores a common factor)", Matrix([ys])),
        Step(r"$p^{(1)} = \operatorname{softmax}(x/\tau)$", Matrix([cancel(v) for v in first])),
        Step(r"$p^{(2)} = p^{(1)} + \operatorname{softmax}(x/\tau;\,1 - p^{(1)})$ (lowest "
             r"terms)", Matrix(second)),
        Step(r"$\lim_{s\to0^+}$ (SymPy limit)", Matrix(lim)),
    )
    return Derivation(Eq(_names(r"\lim p^{{(2)}}_{{{}}}", len(xs)), Matrix(lim), evaluate=False), steps)


def _top_three_distinct(v: Sequence[Fraction]) -> bool:
    top = sorted(v, reverse=True)[:3]
    return len(top) == 3 and top[0] > top[1] > top[2]


register(Result(
    key="LOWR-TOPK-6", title="The weighted-softmax iteration does not tend to the top-k operator",
    title_tex=r"The weighted-softmax iteration tends to $(\tfrac32, \tfrac12, 0, \dots)$, not to $\mathcal "
              r"T_2$",
    source=f"{SU_10373}, iterative constructions (confirm wording)",
    statement=weighted_softmax_statement, derive=_derive_t6, numeric=num.weighted_softmax_cold,
    params=draw(x=s.score_vectors(3, 6, bound=4).map(_halves).filter(_top_three_distinct), k=s.sizes(2, 2)),
    examples=({"x": _TOPK_X, "k": 2}, {"x": [Fraction(0), Fraction(-1, 2), Fraction(-3, 2)], "k": 2}),
    bound=Bound("case", 0, len(_T6_CASES) - 1), display={"case": 0},
    scope=Scope.instances("x = (3,2,1,4); (0,-1/2,-3/2); (5,2,1,0,-1); (1,5/2,1/3,1/3); k = 2",
                          count=len(_T6_CASES)),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(route=num.weighted_softmax_table, quantity=r"$p^{(2)}$ at $\tau = 1/\ln n$"),
    notes=(r"$p^{(0)} = 0$, $p^{(t)} = p^{(t-1)} + \operatorname{softmax}(x/\tau;\,1-p^{(t-1)})$ with "
           r"$[\operatorname{softmax}(z;w)]_i = w_ie^{z_i}/\sum_jw_je^{z_j}$. The weight $1 - "
           r"p^{(1)}_{\max}$ is about "
           r"$e^{-(x_{(1)}-x_{(2)})/\tau}$, so $(1-p^{(1)}_{\max})e^{x_{(1)}/\tau}$ competes on equal terms "
           r"with "
           r"$e^{x_{(2)}/\tau}$: half a unit goes to each. At finite precision the weight is lost unless "
           r"$\mathrm{dps} > \Delta/(\tau\ln10) + 20$ (pitfall 7; at dps 50, $\tau = 10^{-3}$ the iteration "
           r"returns "
           r"$(1,0,0,1)$); the numeric routes raise the precision by that amount. Su's own 2019 iteration is "
           r"not "
           r"analysed here."),
))
