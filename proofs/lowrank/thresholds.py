"""The threshold form of smooth top-k: existence, Jacobian, closed forms (spec ``lowrank.md`` 2.3).

Main statements (Su, Softmax后传 (kexue.fm/archives/10373), ThreTopK):

- LOWR-TOPK-7: :math:`p_i = f((x_i-\\lambda)/\\tau)`,
  :math:`F(\\lambda) = \\sum_if((x_i-\\lambda)/\\tau) = k`;
  ``F`` strictly decreases (sigmoid, smoothstep, expclip past :math:`x_{(n)}`), so the threshold is
  unique and lies in :math:`[x_{(n)}-\\tau s, x_{(1)}-\\tau s]`, :math:`f(s) = k/n`.  Registered claim:
  for ``f`` with :math:`f(z)+f(-z) = 1` (sigmoid, smoothstep) and ``x`` symmetric about ``c`` with
  :math:`k = n/2`, :math:`\\lambda = c` (e.g. :math:`x = (3,2,1,4)`, :math:`\\lambda = 5/2`).
- LOWR-TOPK-8: :math:`\\partial_j\\lambda = d_j/\\sum_ld_l`,
  :math:`\\tau\\,\\partial_jp_i = d_i\\delta_{ij} - d_id_j/\\sum_ld_l`,
  :math:`d_i = f'((x_i-\\lambda)/\\tau)`.
- LOWR-TOPK-9: closed forms on the interval :math:`x_{(m)}\\ge\\lambda\\ge x_{(m+1)}` (:math:`\\tau = 1`):
  expclip :math:`\\lambda = \\log S^+_m - \\log(k-m)`; smoothstep
  :math:`e^\\lambda = S^+_m/(\\sqrt{(k-m)^2+S^-_mS^+_m}+(k-m)) = (\\sqrt{\\cdot}-(k-m))/S^-_m`.
- LOWR-TOPK-9-K1 (a correction of the post, key chosen here in the pillar's pattern): at :math:`k = 1`
  the smoothstep threshold is softmax only when :math:`\\max_i\\operatorname{softmax}(x)_i \\le 1/2`;
  otherwise :math:`p_{(1)} = 1-\\tfrac12\\sqrt q`, :math:`q = S^+_1e^{-x_{(1)}}` (against
  :math:`1/(1+q)`); :math:`x = (\\ln 4, 0)` gives :math:`(3/4, 1/4)`, softmax :math:`(4/5, 1/5)`.
- LOWR-TOPK-9-MN (a correction, key chosen here): the enumeration :math:`m = 0..n-1` misses
  :math:`\\lambda < x_{(n)}` (pitfall 8); there :math:`S^+_n = 0` and the conjugate form gives
  :math:`e^\\lambda = 2(n-k)/S^-_n`.

How they are proved.  TOPK-7: :math:`f(z)+f(-z)` is computed from each definition and simplifies to 1, so
pairing the mirror entries gives :math:`F(c) = n/2` for every symmetric ``x`` (general); ``F'`` is
computed and is negative.  TOPK-8: implicit differentiation of :math:`F(x,\\lambda) = k` with ``f`` an
undefined function, for every ``n = 2..4``.  TOPK-9, K1, MN: the branch equation :math:`F_m(\\lambda) = k`
is summed from the definitions of ``f`` (symbolic sums over :math:`i \\le m` and :math:`i > m`), cleared
to a polynomial in :math:`u = e^\\lambda` and solved; its positive root is the stated form (general).
:func:`topk_threshold_closed` decides the interval exactly: ``F`` at the order statistics minus ``k`` is
a rational combination of :math:`e^q`, ``q`` rational (for rational ``x``, ``tau``), which vanishes only
when every coefficient does (Lindemann-Weierstrass) and otherwise has the sign of its evaluation.

Numerics (:mod:`numerics.lowrank.thresholds`): bisection on the bracket plus at most five Newton steps;
central differences of that root for the Jacobian.

Registers: LOWR-TOPK-7, LOWR-TOPK-8, LOWR-TOPK-9, LOWR-TOPK-9-K1, LOWR-TOPK-9-MN.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import sympy
from sympy import Eq, Function, IndexedBase, Matrix, Rational, Sum, Symbol, Tuple, exp, log, sqrt

from numerics.lowrank import thresholds as num

from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.bibliography import SU_10373

__all__ = [
    "topk_threshold_closed",
    "threshold_sum_at",
    "symmetric_threshold",
    "threshold_jacobian_closed",
    "CLOSED_FUNCTIONS",
]

#: the threshold functions with a closed-form threshold (LOWR-TOPK-9)
CLOSED_FUNCTIONS = ("expclip", "smoothstep")
_ALL_FUNCTIONS = ("sigmoid", "expclip", "smoothstep")

LAM = Symbol("lambda")
_u = Symbol("u", positive=True)  # u = e^lambda (tau = 1)
_z = Symbol("z", real=True)
_i = Symbol("i", integer=True, positive=True)
_m = Symbol("m", integer=True, nonnegative=True)
_n = Symbol("n", integer=True, positive=True)
_k = Symbol("k", integer=True, positive=True)
_y = IndexedBase("y", positive=True)  # y_i = e^{x_(i)}, sorted decreasingly
SP, SM = Symbol("S^+_m", positive=True), Symbol("S^-_m", positive=True)


# --- validation ----------------------------------------------------------------------------------------


def _real(v: object, what: str) -> Any:
    if isinstance(v, bool):
        raise ValueError(f"real vector required: {what} is the boolean {v!r}")
    if isinstance(v, (float, complex)) and not isinstance(v, bool):
        v = sympy.nsimplify(v) if isinstance(v, float) else v
    try:
        e = (
            sympy.sympify(v, strict=True)
            if not isinstance(v, Fraction)
            else Rational(v.numerator, v.denominator)
        )
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"real vector required: {what} is not a number ({v!r})") from exc
    if not getattr(e, "is_number", False):
        raise ValueError(f"real vector required: {what} is not a number ({v!r})")
    if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise ValueError(f"{what} must be finite, got {v!r}")
    if e.is_real is not True:
        raise ValueError(f"real vector required: {what} is not real ({v!r})")
    return e


def _vector(x: object) -> list[Any]:
    if isinstance(x, sympy.MatrixBase):
        if min(x.shape) != 1:
            raise ValueError(f"real vector required: x is a {x.rows}x{x.cols} matrix")
        x = list(x)
    if isinstance(x, (str, bytes)) or not isinstance(x, (Sequence, sympy.Tuple)):
        raise ValueError(
            f"real vector required: x must be a sequence of real numbers, got {type(x).__name__}"
        )
    if len(x) == 0:
        raise ValueError("real vector required: x is empty")
    return [_real(v, f"x[{i}]") for i, v in enumerate(x)]


def _check_k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (Integral, sympy.Integer)):
        raise ValueError(f"k must be an integer with 1 <= k <= n - 1 = {n - 1}, got {k!r}")
    if not 1 <= int(k) <= n - 1:
        raise ValueError(f"k must satisfy 1 <= k <= n - 1 = {n - 1} (threshold top-k), got {k}")
    return int(k)


def _check_tau(tau: object) -> Any:
    t = _real(tau, "tau")
    if _sign(t) <= 0:
        raise ValueError(f"tau must be finite and positive, got {tau!r}")
    return t


def _check_f(f: object, allowed: tuple[str, ...] = CLOSED_FUNCTIONS) -> str:
    if not isinstance(f, str) or f not in allowed:
        raise ValueError(f"unknown f {f!r}: accepted values are {', '.join(map(repr, allowed))}")
    return f


# --- exact signs -----------------------------------------------------------------------------------------


def _exponent(term: Any) -> Any:
    """The rational q of a term e^q (1 for E, 0 for 1), or None."""
    if term == 1:
        return Rational(0)
    if term == sympy.E:
        return Rational(1)
    if isinstance(term, exp) and term.args[0].is_Rational:
        return term.args[0]
    if term.is_Pow and term.base == sympy.E and term.exp.is_Rational:
        return term.exp
    return None


def _sign(expr: Any) -> int:
    """The sign of a real number expression, decided exactly.

    A rational combination of :math:`e^{q}` (q rational) is zero only when the coefficients of each
    distinct exponent cancel (Lindemann-Weierstrass); otherwise it is nonzero and adaptive ``evalf``
    settles its sign.  Other expressions are zero-tested by ``equals`` before evaluation; one that
    evaluates to zero at 200 digits without a proof raises ``ValueError``.
    """
    e = sympy.expand(sympy.sympify(expr))
    if e == 0:
        return 0
    terms = e.as_coefficients_dict()
    grouped: dict[Any, Any] = {}
    lw = True
    for term, coeff in terms.items():
        q = _exponent(term)
        if q is None or not coeff.is_Rational:
            lw = False
            break
        grouped[q] = grouped.get(q, 0) + coeff
    if lw and all(c == 0 for c in grouped.values()):
        return 0
    if not lw and e.equals(0):
        return 0
    for digits in (30, 60, 120, 200):
        v = e.evalf(digits)
        if v.is_Number and v != 0 and abs(v) > sympy.Float(10) ** (-digits + 10):
            return 1 if v > 0 else -1
    if lw:  # nonzero by Lindemann-Weierstrass, below 10^-190: evaluate harder
        v = e.evalf(1000)
        return 1 if v > 0 else -1
    raise ValueError(f"cannot decide the sign of {e} exactly")


def _descending(values: list[Any]) -> list[int]:
    """Indices sorting ``values`` decreasingly (exact comparisons; ties keep their order)."""
    return sorted(range(len(values)), key=functools.cmp_to_key(lambda a, b: _sign(values[b] - values[a])))


# --- the closed forms ----------------------------------------------------------------------------------


def _f_branch(f: str, z: Any, upper: bool) -> Any:
    """f(z) on the branch z >= 0 (``upper``) or z <= 0 (both agree at 0)."""
    if f == "expclip":
        return sympy.Integer(1) if upper else exp(z)
    return 1 - exp(-z) / 2 if upper else exp(z) / 2


def threshold_sum_at(x: Sequence[Any], j: int, f: str = "expclip", tau: Any = 1) -> Any:
    """:math:`F(x_{(j)}) = \\sum_i f((x_i-x_{(j)})/\\tau)` exactly, ``j`` = 1..n (1 = the largest)."""
    xs, f, t = _vector(x), _check_f(f), _check_tau(tau)
    order = _descending(xs)
    top = xs[order[j - 1]]
    return sympy.Add(*[_f_branch(f, (xs[i] - top) / t, r < j) for r, i in enumerate(order)])


def _valid_m(ys: list[Any], k: int, f: str) -> int:
    """The m with :math:`x_{(m)} \\ge \\lambda \\ge x_{(m+1)}`, from
    :math:`F(x_{(m)}) \\le k \\le F(x_{(m+1)})`
    (``F`` non-increasing); ``ys`` sorted decreasingly, ``tau = 1``."""
    n = len(ys)

    def excess(j: int) -> int:  # sign of F(x_(j)) - k, j = 1..n
        return _sign(sympy.Add(*[_f_branch(f, ys[i] - ys[j - 1], i < j) for i in range(n)]) - k)

    last = k - 1 if f == "expclip" else n
    for m in range(last + 1):
        if (m == 0 or excess(m) <= 0) and (m == n or excess(m + 1) >= 0):
            return m
    raise ArithmeticError("no interval holds the threshold")  # impossible: F runs from n down to 0


def _lambda_on(ys: list[Any], k: int, m: int, f: str) -> Any:
    """The tau = 1 threshold on interval m (spec LOWR-TOPK-9 (i), (ii))."""
    n = len(ys)
    sp = sympy.Add(*[exp(v) for v in ys[m:]])
    if f == "expclip":
        return log(sp) - log(k - m)
    sm = sympy.Add(*[exp(-v) for v in ys[:m]])
    c = k - m
    root = sqrt(c**2 + sm * sp)
    if m < n and c >= 0:
        return log(sp) - log(root + c)
    return log(root - c) - log(sm)  # the conjugate form: needed at m = n, better when m > k


def topk_threshold_closed(
    x: Sequence[Any], k: int, f: str = "expclip", tau: Any = 1
) -> tuple[Any, list[Any]]:
    """The threshold top-k map in closed form: ``(lam, p)`` as exact SymPy numbers.

    .. math:: \\lambda = \\log S^+_m - \\log(k-m) \\ (\\text{expclip}),\\qquad
              e^{\\lambda} = \\frac{S^+_m}{\\sqrt{(k-m)^2+S^-_mS^+_m}+(k-m)}
                          = \\frac{\\sqrt{(k-m)^2+S^-_mS^+_m}-(k-m)}{S^-_m} \\ (\\text{smoothstep}),

    :math:`S^+_m = \\sum_{i>m}e^{x_{(i)}}`, :math:`S^-_m = \\sum_{i\\le m}e^{-x_{(i)}}` at :math:`\\tau = 1`
    (else :math:`\\lambda = \\tau\\lambda_1(x/\\tau)`), for the ``m`` with
    :math:`x_{(m)}\\ge\\lambda\\ge x_{(m+1)}`,
    decided exactly; the conjugate form is used at ``m = n`` and when ``m > k``.  Source: Su, Softmax后传
    (kexue.fm/archives/10373) for (i) and (ii) with ``m <= n - 1``; ``m = n`` and the conjugate form: this
    project (LOWR-TOPK-9, LOWR-TOPK-9-MN).

    Parameters: ``x`` real numbers (ints, Fractions, SymPy rationals, surds, logarithms), ``1 <= k <= n-1``,
    ``f`` in ``{"expclip", "smoothstep"}``, ``tau > 0``; otherwise ``ValueError``.

    >>> lam, p = topk_threshold_closed([sympy.log(4), 0], 1, "smoothstep")
    >>> lam, p
    (log(2), [3/4, 1/4])
    """
    f = _check_f(f)
    xs = _vector(x)
    k, t = _check_k(k, len(xs)), _check_tau(tau)
    ys = [v / t for v in xs]
    order = _descending(ys)
    srt = [ys[i] for i in order]
    m = _valid_m(srt, k, f)
    lam1 = _lambda_on(srt, k, m, f)
    rank = {i: r for r, i in enumerate(order)}
    p = [_f_branch(f, sympy.expand(ys[i] - lam1), rank[i] < m) for i in range(len(xs))]
    return t * lam1, p


def _statement_of(lam: Any, p: list[Any]) -> Tuple:
    return Tuple(
        Eq(LAM, lam, evaluate=False), *(Eq(Symbol(f"p_{i + 1}"), v, evaluate=False) for i, v in enumerate(p))
    )


# --- LOWR-TOPK-7: symmetric configurations ----------------------------------------------------------


def _f_exact(f: str, z: Any) -> Any:
    if f == "sigmoid":
        return 1 / (1 + exp(-z))
    return sympy.Piecewise((_f_branch(f, z, True), z >= 0), (_f_branch(f, z, False), True))


def symmetric_threshold(x: Sequence[Any], k: int, f: str = "sigmoid", tau: Any = 1) -> tuple[Any, list[Any]]:
    """``(lam, p)`` for ``x`` symmetric about its mean ``c`` (multiset ``x = 2c - x``) and ``k = n/2``:
    :math:`\\lambda = c`, :math:`p_i = f((x_i-c)/\\tau)`, for ``f`` in ``{"sigmoid", "smoothstep"}``
    (both satisfy :math:`f(z)+f(-z) = 1`; LOWR-TOPK-7)."""
    f = _check_f(f, ("sigmoid", "smoothstep"))
    xs = _vector(x)
    k, t = _check_k(k, len(xs)), _check_tau(tau)
    c = sympy.Add(*xs) / len(xs)
    up = [xs[i] for i in _descending(xs)]
    if 2 * k != len(xs) or any(_sign(a + b - 2 * c) != 0 for a, b in zip(up, reversed(up))):
        raise ValueError("symmetric_threshold needs x symmetric about its mean and k = n/2")
    return c, [_f_exact(f, sympy.expand((v - c) / t)) for v in xs]


def _topk7_statement(x: Any = None, k: Any = None, tau: Any = 1, f: str = "sigmoid") -> Tuple:
    """LOWR-TOPK-7.  Without ``x``: :math:`F_\\sigma(c) = F_{\\mathrm{smooth}}(c) = h` for every ``x`` of size
    ``2h`` symmetric about ``c``; with a point: ``(lambda, p)`` there (:func:`symmetric_threshold`)."""
    if x is None:
        h = Symbol("h", integer=True, positive=True)
        return Tuple(
            Eq(Symbol(r"F_{\sigma}(c)"), h, evaluate=False),
            Eq(Symbol(r"F_{\mathrm{smooth}}(c)"), h, evaluate=False),
        )
    return _statement_of(*symmetric_threshold(x, k, f, tau))


def _derive_topk7() -> Derivation:
    h = Symbol("h", integer=True, positive=True)
    j = Symbol("j", integer=True, positive=True)
    zp = Symbol("z", positive=True)  # z = 0 is f(0) + f(0) = 1/2 + 1/2 for both
    pairs, steps = [], []
    for f, name in (("sigmoid", r"\sigma"), ("smoothstep", r"\mathrm{smooth}")):
        pair = sympy.simplify(_f_exact(f, zp) + _f_exact(f, -zp))
        total = Sum(pair, (j, 1, h)).doit()
        pairs.append(Eq(Symbol(f"F_{{{name}}}(c)"), total, evaluate=False))
        steps.append(
            Step(
                rf"$f(z) + f(-z)$ for $f = {name}$ ($z = (x_i - c)/\tau > 0$ of a mirror pair), "
                "computed from the definition",
                pair,
            )
        )
    slope = [sympy.simplify(sympy.diff(1 / (1 + exp(-_z)), _z)), sympy.simplify(sympy.diff(exp(-zp) / 2, zp))]
    steps += [
        Step(r"Summed over the $h$ mirror pairs at $\lambda = c$: $F(c) = h = k$", Tuple(*pairs)),
        Step(
            r"$f'$ computed: $\sigma'(z)$ and the smoothstep's "
            r"$\tfrac{d}{dz}(1-\tfrac12e^{-z})$ for $z \ge 0$ "
            r"(mirrored for $z < 0$); both positive, so $F' = -\sum_i f'(z_i)/\tau < 0$ and $\lambda = c$ is "
            "the only solution",
            Tuple(*slope),
        ),
        Step(
            r"Bracket: $f(s) = k/n$ solved for the three $f$ (sigmoid, expclip, smoothstep with "
            r"$q = k/n \ge 1/2$); $F(x_{(n)} - \tau s) \ge n f(s) = k \ge F(x_{(1)} - \tau "
            r"s)$ by monotonicity",
            Tuple(
                *[
                    sympy.solve(Eq(g, Symbol("q", positive=True)), _z)[0]
                    for g in (1 / (1 + exp(-_z)), exp(_z), 1 - exp(-_z) / 2)
                ]
            ),
        ),
    ]
    return Derivation(Tuple(*pairs), tuple(steps))


def _num_topk7(dps: int, x: Any, k: int, tau: Any = 1, f: str = "sigmoid") -> list[Any]:
    lam, p = num.topk_threshold(x, k, tau, f=f, dps=dps)
    return [lam, *p]


def _symmetric_points(st: Any) -> Any:
    from hypothesis import strategies as hs

    half = hs.lists(st.rationals(0, 4, max_denominator=12), min_size=1, max_size=3)

    def build(parts: tuple) -> dict:
        ds, c, tau, f = parts
        x = [c + d for d in ds] + [c - d for d in reversed(ds)]
        return {"x": x, "k": len(ds), "tau": tau, "f": f}

    return hs.tuples(
        half,
        st.rationals(-3, 3, max_denominator=6),
        st.positive_rationals(3, max_denominator=8),
        hs.sampled_from(("sigmoid", "smoothstep")),
    ).map(build)


def _topk7_points() -> Any:
    from numerics import strategies as st

    return _symmetric_points(st)


register(
    Result(
        key="LOWR-TOPK-7",
        title="Threshold form: unique threshold, bracket, lambda = c for symmetric x at k = n/2",
        title_tex=r"Threshold form: unique $\lambda$, bracket, $\lambda = c$ for symmetric $x$ at $k = n/2$",
        source=f"{SU_10373}, ThreTopK (threshold form, bisection bracket)",
        statement=_topk7_statement,
        derive=_derive_topk7,
        numeric=_num_topk7,
        params=_topk7_points,
        examples=(
            {"x": [3, 2, 1, 4], "k": 2, "tau": 1, "f": "sigmoid"},
            {
                "x": [Fraction(1, 2), 0, 1, Fraction(3, 2), 2, Fraction(5, 2)],
                "k": 3,
                "tau": Fraction(1, 3),
                "f": "smoothstep",
            },
        ),
        notes=(
            r"$F(\lambda) = \sum_i f((x_i - \lambda)/\tau)$ is non-increasing from $n$ to $0$, so $F = k$ is "
            r"solvable and $p$ is unique; $\lambda$ is unique for the sigmoid, smoothstep and expclip "
            r"($F$ strictly decreases once $\lambda > x_{(n)}$), not for $\mathrm{clip}(z, 0, 1)$ "
            r"($x = (0, 5)$, $k = 1$: any $\lambda \in [0, 4]$). Shift: $\lambda(x + c) = \lambda(x) + c$. "
            r"The bracket $[x_{(n)} - \tau s, x_{(1)} - \tau s]$, $f(s) = k/n$, is checked on 900 random "
            r"cases in $\texttt{tests/lowrank/test\_thresholds.py}$; the registered closed form is $\lambda = c$ for "
            r"$x$ symmetric about $c$ at $k = n/2$ (G-L5: $x = (3, 2, 1, 4)$, $\lambda = 5/2$). Numerics: "
            r"bisection on the bracket plus at most five Newton steps."
        ),
        parts=(r"F_{\sigma}(c)", r"F_{\mathrm{smooth}}(c)"),
    )
)


# --- LOWR-TOPK-8: the Jacobian ------------------------------------------------------------------------


def _jacobian_from_d(d: list[Any], tau: Any) -> Tuple:
    total = sympy.Add(*d)
    n = len(d)
    grad = Matrix(1, n, lambda _, j: d[j] / total)
    jac = Matrix(n, n, lambda i, j: (d[i] * (1 if i == j else 0) - d[i] * d[j] / total) / tau)
    return Tuple(grad, jac)


def _f_prime_exact(f: str, z: Any, upper: bool) -> Any:
    if f == "sigmoid":
        return exp(-z) / (1 + exp(-z)) ** 2
    if f == "expclip":
        return sympy.Integer(0) if upper else exp(z)
    return exp(-z) / 2 if upper else exp(z) / 2


def threshold_jacobian_closed(x: Sequence[Any], k: int, f: str = "expclip", tau: Any = 1) -> Tuple:
    """``(grad, J)`` exactly: :math:`\\partial_j\\lambda = d_j/\\sum_ld_l`,
    :math:`J = (\\operatorname{diag}(d) - dd^\\top/\\sum_ld_l)/\\tau`, :math:`d_i = f'((x_i-\\lambda)/\\tau)`
    (LOWR-TOPK-8), with the exact threshold of :func:`topk_threshold_closed` (expclip, smoothstep) or, for
    the sigmoid, of :func:`symmetric_threshold`.  At expclip's kink the one-sided derivative for
    :math:`x_i > \\lambda` (zero) is used."""
    f = _check_f(f, _ALL_FUNCTIONS)
    xs, t = _vector(x), _check_tau(tau)
    lam, _ = symmetric_threshold(xs, k, f, t) if f == "sigmoid" else topk_threshold_closed(xs, k, f, t)
    d = []
    for v in xs:
        z = sympy.expand((v - lam) / t)
        d.append(_f_prime_exact(f, z, _sign(z) >= 0))
    return _jacobian_from_d(d, t)


def _topk8_statement(n: Any = None, x: Any = None, k: Any = None, tau: Any = 1, f: str = "expclip") -> Tuple:
    """LOWR-TOPK-8: symbolic ``d_1..d_n`` and ``tau`` for the proof (size ``n``); exact at a point."""
    if x is None:
        d = [Symbol(f"d_{i + 1}", positive=True) for i in range(int(n))]
        return _jacobian_from_d(d, Symbol("tau", positive=True))
    return threshold_jacobian_closed(x, k, f, tau)


def _derive_topk8(n: int) -> Derivation:
    f = Function("f")
    tau, lam, k = Symbol("tau", positive=True), Symbol("Lambda"), Symbol("k")
    xs = [Symbol(f"x_{i + 1}", real=True) for i in range(n)]
    d = [Symbol(f"d_{i + 1}", positive=True) for i in range(n)]
    zs = [(v - lam) / tau for v in xs]
    G = sympy.Add(*[f(z) for z in zs]) - k
    # f'(z_i) as SymPy writes it after the chain rule (a Subs of a derivative), named d_i
    named = {sympy.expand(sympy.diff(f(z), v) * tau): d[i] for i, (z, v) in enumerate(zip(zs, xs))}

    def name(e: Any) -> Any:
        return sympy.expand(e).xreplace(named)

    g_lam = name(sympy.diff(G, lam))
    grad = [sympy.cancel(-name(sympy.diff(G, v)) / g_lam) for v in xs]
    jac = Matrix(
        n,
        n,
        lambda i, j: sympy.cancel(
            name(sympy.diff(f(zs[i]), xs[j])) + name(sympy.diff(f(zs[i]), lam)) * grad[j]
        ),
    )
    value = Tuple(Matrix(1, n, grad), jac)
    steps = (
        Step(
            r"The threshold equation $G(x, \lambda) = \sum_i f((x_i - \lambda)/\tau) - k = 0$, $f$ "
            r"undefined, $d_i = f'((x_i - \lambda)/\tau)$",
            Eq(Symbol("G"), G),
        ),
        Step(r"Implicit differentiation: $\partial_j\lambda = -G_{x_j}/G_\lambda$", Matrix(1, n, grad)),
        Step(
            r"Chain rule: $\partial_j p_i = \partial_{x_j} f(z_i) + \partial_\lambda "
            r"f(z_i)\,\partial_j\lambda$",
            jac,
        ),
    )
    return Derivation(value, steps)


def _num_topk8(dps: int, x: Any, k: int, tau: Any = 1, f: str = "expclip") -> list[Any]:
    return list(num.topk_threshold_jacobian(x, k, tau, f=f, dps=dps))


def _general_points(
    st: Any, functions: tuple[str, ...] = CLOSED_FUNCTIONS, min_n: int = 2, max_n: int = 5
) -> Any:
    from hypothesis import strategies as hs

    def build(parts: tuple) -> dict:
        x, j, tau, f = parts
        return {"x": x, "k": 1 + j % (len(x) - 1), "tau": tau, "f": f}

    vec = hs.lists(st.rationals(-3, 3, max_denominator=8), min_size=min_n, max_size=max_n)
    return hs.tuples(
        vec,
        hs.integers(0, 20),
        hs.sampled_from((1, Fraction(1, 2), Fraction(3, 2))),
        hs.sampled_from(functions),
    ).map(build)


def _topk8_points() -> Any:
    from hypothesis import strategies as hs

    from numerics import strategies as st

    return hs.one_of(_general_points(st, max_n=4), _symmetric_points(st))


register(
    Result(
        key="LOWR-TOPK-8",
        title="Threshold Jacobian: d lambda/dx_j = d_j/sum d, tau dp/dx = diag(d) - d d^T/sum d",
        title_tex=r"Threshold Jacobian: $\partial_j\lambda = d_j/\sum_l d_l$, "
        r"$\tau\,\partial_j p_i = d_i\delta_{ij} - d_id_j/\sum_l d_l$",
        source=f"{SU_10373}, implicit gradient; matrix form derived here",
        statement=_topk8_statement,
        derive=_derive_topk8,
        numeric=_num_topk8,
        params=_topk8_points,
        bound=Bound("n", 2, 4),
        display={"n": 3},
        parts=(r"\nabla\lambda", r"\partial p/\partial x"),
        examples=(
            {"x": [3, 2, 1, 4], "k": 2, "tau": 1, "f": "sigmoid"},
            {"x": [3, 2, 1, 4], "k": 2, "tau": 1, "f": "smoothstep"},
            {"x": [0, 1, 3], "k": 2, "tau": Fraction(1, 2), "f": "expclip"},
        ),
        notes=(
            r"Symmetric positive semidefinite, $\mathbf 1$ in the kernel, $\sum_j \partial_j\lambda = 1$. "
            r"G-L5: at $x = (3, 2, 1, 4)$, $k = 2$ (sigmoid) $\nabla\lambda = (a, a, b, b)$, "
            r"$a = \sigma'(1/2)/(2(\sigma'(1/2) + \sigma'(3/2))) = 0.305874803733316956\ldots$. "
            r"The exact side uses the closed threshold (TOPK-9) or, for the sigmoid, the "
            r"symmetric one (TOPK-7); "
            r"numerics: central differences of the bisection threshold at $2\,\mathrm{dps} + 40$ digits, "
            r"$h = 10^{-(\mathrm{dps}+20)}$ (pitfall 10). Using $x\cdot\mathrm{sg}[\nabla\lambda] + "
            r"\mathrm{sg}[\lambda - x\cdot\nabla\lambda]$ in place of $\lambda$ injects this gradient."
        ),
    )
)


# --- LOWR-TOPK-9 and its corrections ----------------------------------------------------------------


def _branch_equation(f: str) -> tuple[Any, tuple[Step, ...]]:
    """:math:`F_m(u) - k` on interval m, summed from the definition of ``f`` (``u = e^lambda``, tau = 1)."""
    upper = _f_branch(f, log(_y[_i]) - log(_u), True)
    lower = _f_branch(f, log(_y[_i]) - log(_u), False)
    above = sympy.factor_terms(Sum(sympy.expand(upper), (_i, 1, _m)).expand().doit())
    below = sympy.factor_terms(Sum(sympy.expand(lower), (_i, _m + 1, _n)).expand().doit())
    total = (above + below).subs({Sum(1 / _y[_i], (_i, 1, _m)): SM, Sum(_y[_i], (_i, _m + 1, _n)): SP})
    steps = (
        Step(
            rf"{f}: $f$ on the entries above and below $\lambda$, with $y_i = e^{{x_{{(i)}}}}$, "
            r"$u = e^\lambda$, summed",
            Eq(Symbol("F_m"), above + below, evaluate=False),
        ),
        Step(r"With $S^+_m = \sum_{i>m} y_i$, $S^-_m = \sum_{i \le m} 1/y_i$", Eq(Symbol("F_m"), total)),
    )
    return total - _k, steps


def _positive_root(equation: Any) -> Any:
    poly = sympy.Poly(sympy.numer(sympy.together(equation)), _u)
    roots = sympy.roots(poly, _u)
    positive = [r for r in roots if r.subs({SP: 1, SM: 1, _k: 3, _m: 1}).is_positive]
    return positive[0], poly


def _topk9_general() -> Tuple:
    c = _k - _m
    root = sqrt(c**2 + SM * SP)
    return Tuple(
        Eq(Symbol(r"e^{\lambda}_{\mathrm{expclip}}"), SP / (_k - _m), evaluate=False),
        Eq(Symbol(r"e^{\lambda}_{\mathrm{smooth}}"), SP / (root + c), evaluate=False),
        Eq(Symbol(r"e^{\lambda}_{\mathrm{smooth}}"), (root - c) / SM, evaluate=False),
    )


def _topk9_statement(x: Any = None, k: Any = None, tau: Any = 1, f: str = "expclip") -> Tuple:
    """LOWR-TOPK-9.  Without ``x``: the branch roots in :math:`S^\\pm_m` (general); "
    "at a point: ``(lambda, p)``."""
    if x is None:
        return _topk9_general()
    return _statement_of(*topk_threshold_closed(x, k, f, tau))


def _derive_topk9() -> Derivation:
    eq_e, steps_e = _branch_equation("expclip")
    root_e, poly_e = _positive_root(eq_e)
    eq_s, steps_s = _branch_equation("smoothstep")
    root_s, poly_s = _positive_root(eq_s)
    # the smoothstep quadratic has one positive root: the product of its roots is -S^+_m/S^-_m < 0
    value = Tuple(
        Eq(Symbol(r"e^{\lambda}_{\mathrm{expclip}}"), root_e, evaluate=False),
        Eq(Symbol(r"e^{\lambda}_{\mathrm{smooth}}"), root_s, evaluate=False),
        Eq(Symbol(r"e^{\lambda}_{\mathrm{smooth}}"), root_s, evaluate=False),
    )
    steps = (
        *steps_e,
        Step(r"$F_m = k$ cleared: linear in $u$", poly_e.as_expr()),
        *steps_s,
        Step(
            r"$F_m = k$ times $2u$: $S^-_m u^2 + 2(k-m)u - S^+_m = 0$ (up to sign), whose root "
            r"product $-S^+_m/S^-_m < 0$ leaves one positive root",
            poly_s.as_expr(),
        ),
        Step("The positive roots", Tuple(root_e, root_s)),
    )
    return Derivation(value, steps)


def _num_threshold(dps: int, x: Any, k: int, tau: Any = 1, f: str = "expclip") -> list[Any]:
    lam, p = num.topk_threshold(x, k, tau, f=f, dps=dps)
    return [lam, *p]


def _topk9_points() -> Any:
    from numerics import strategies as st

    return _general_points(st, max_n=6)


register(
    Result(
        key="LOWR-TOPK-9",
        title="Closed-form thresholds for expclip and smoothstep",
        source=f"{SU_10373}, closed forms for two f; m = n and the conjugate form derived here",
        statement=_topk9_statement,
        derive=_derive_topk9,
        numeric=_num_threshold,
        params=_topk9_points,
        examples=(
            {"x": [3, 2, 1, 4], "k": 2, "tau": 1, "f": "expclip"},
            {"x": [3, 2, 1, 4], "k": 2, "tau": 1, "f": "smoothstep"},
            {
                "x": [0, Fraction(1, 3), 2, -1, Fraction(5, 2)],
                "k": 3,
                "tau": Fraction(3, 2),
                "f": "smoothstep",
            },
        ),
        parts=(r"e^{\lambda}_{\mathrm{expclip}}", r"e^{\lambda}_{\mathrm{smooth}}", r"e^{\lambda}_{\mathrm{smooth}}\ (\mathrm{conjugate})"),
        notes=(
            r"$\tau = 1$ (else $\lambda_\tau(x) = \tau\lambda_1(x/\tau)$), $x$ sorted decreasingly, "
            r"$S^+_m = \sum_{i>m} e^{x_{(i)}}$, $S^-_m = \sum_{i \le m} e^{-x_{(i)}}$; the valid $m$ has "
            r"$x_{(m)} \ge \lambda \ge x_{(m+1)}$, decided exactly as $F(x_{(m)}) \le k \le F(x_{(m+1)})$. "
            r"Expclip: $m \le k - 1$, the top $m$ get $p = 1$ exactly. Smoothstep: $m \in \{0..n\}$; "
            r"the first form for $m < n$, the conjugate for $m \ge 1$ (needed at $m = n$, LOWR-TOPK-9-MN). "
            r"G-L6: expclip $m = 1$, $\lambda = \log(e^3 + e^2 + e)$; smoothstep $m = 2$, $\lambda = 5/2$. "
            r"Numerics: bisection plus at most five Newton steps."
        ),
    )
)


def _k1_general() -> Tuple:
    y1, rest = Symbol("y_1", positive=True), Symbol("R", positive=True)
    return Tuple(
        Eq(Symbol("p_{(1)}|_{m=0}"), y1 / (y1 + rest), evaluate=False),
        Eq(Symbol("p_{(1)}|_{m=1}"), 1 - sqrt(rest / y1) / 2, evaluate=False),
        Eq(Symbol("u_1^2"), y1 * rest, evaluate=False),
    )


def _k1_statement(x: Any = None, tau: Any = 1) -> Tuple:
    """LOWR-TOPK-9-K1.  Without ``x``: both branches at ``k = 1`` with :math:`y_1 = e^{x_{(1)}}`,
    :math:`R = S^+_1`; at a point: the smoothstep ``(lambda, p)`` at ``k = 1``."""
    if x is None:
        return _k1_general()
    return _statement_of(*topk_threshold_closed(x, 1, "smoothstep", tau))


def _derive_k1() -> Derivation:
    y1, rest = Symbol("y_1", positive=True), Symbol("R", positive=True)
    eq, steps = _branch_equation("smoothstep")
    at0 = eq.subs({_k: 1, _m: 0, SM: 0})
    u0 = sympy.solve(at0, _u)[0]
    p0 = sympy.simplify(_f_branch("smoothstep", log(y1) - log(u0.subs(SP, y1 + rest)), False))
    at1 = eq.subs({_k: 1, _m: 1, SM: 1 / y1, SP: rest})
    u1 = [r for r in sympy.solve(at1, _u) if r.is_positive is not False][0]
    p1 = sympy.expand(_f_branch("smoothstep", log(y1) - log(u1), True))
    value = Tuple(
        Eq(Symbol("p_{(1)}|_{m=0}"), p0, evaluate=False),
        Eq(Symbol("p_{(1)}|_{m=1}"), p1, evaluate=False),
        Eq(Symbol("u_1^2"), sympy.expand(u1**2), evaluate=False),
    )
    steps = (
        *steps,
        Step(
            r"$k = 1$, $m = 0$ ($S^-_0 = 0$, $S^+_0 = y_1 + R$): $e^\lambda$ and "
            r"$p_{(1)} = y_1/(2e^\lambda)$, softmax; valid iff $\lambda \ge x_{(1)}$, i.e. "
            r"$y_1 \le R$ (largest softmax probability $\le 1/2$)",
            Tuple(u0, p0),
        ),
        Step(
            r"$k = 1$, $m = 1$ ($S^-_1 = 1/y_1$, $S^+_1 = R$): $u^2 = y_1R$; valid iff "
            r"$y_1 \ge R$ ($\lambda \le x_{(1)}$; $\lambda \ge x_{(2)}$ always, as $y_1R \ge y_2^2$); "
            r"$p_{(1)} = 1 - \tfrac12\sqrt{q}$, $q = R/y_1$, against softmax $1/(1+q)$",
            Tuple(u1, p1),
        ),
    )
    return Derivation(value, steps)


def _num_k1(dps: int, x: Any, tau: Any = 1) -> list[Any]:
    lam, p = num.topk_threshold(x, 1, tau, f="smoothstep", dps=dps)
    return [lam, *p]


def _k1_points() -> Any:
    from hypothesis import strategies as hs

    from numerics import strategies as st

    vec = hs.lists(st.rationals(-3, 3, max_denominator=8), min_size=2, max_size=5)
    return hs.tuples(vec, hs.sampled_from((1, Fraction(1, 2)))).map(lambda t: {"x": t[0], "tau": t[1]})


register(
    Result(
        key="LOWR-TOPK-9-K1",
        title="Correction: at k = 1 the smoothstep threshold is softmax only if max softmax <= 1/2",
        title_tex=r"Correction: at $k = 1$ the smoothstep threshold is softmax only if "
        r"$\max_i \mathrm{softmax}(x)_i \le 1/2$",
        source=f"{SU_10373}, suggests the smoothstep threshold reduces to softmax at k = 1 "
               f"(confirm wording); "
        "the criterion is derived here",
        statement=_k1_statement,
        derive=_derive_k1,
        numeric=_num_k1,
        params=_k1_points,
        parts=(r"p_{(1)}|_{m=0}", r"p_{(1)}|_{m=1}", r"u_1^2"),
        examples=(
            {"x": [2, 0], "tau": 1},
            {"x": [0, 1, 3], "tau": 1},
            {"x": [1, 0, Fraction(1, 2), -1], "tau": 1},
        ),
        notes=(
            r"Key chosen in the pillar's pattern (the spec gives none): LOWR-TOPK-9 (iii). "
            r"The claim that the "
            r"smoothstep threshold is softmax at $k = 1$ holds only on the branch $m = 0$, i.e. when "
            r"$\max_i \mathrm{softmax}(x)_i \le 1/2$; otherwise $m = 1$, $\lambda = (x_{(1)} "
            r"+ \log S^+_1)/2$, "
            r"$p_{(1)} = 1 - \tfrac12\sqrt q$, $q = S^+_1 e^{-x_{(1)}}$. G-L6: $x = (\ln 4, 0)$ gives "
            r"$\lambda = \ln 2$, $p = (3/4, 1/4)$ against softmax $(4/5, 1/5)$. Expclip is "
            r"softmax at $k = 1$ "
            r"for every $x$; the sigmoid threshold only when all $x_i$ are equal. The post's claim as stated "
            r"(softmax for every $x$) is caught by the numeric route in $\texttt{tests/lowrank/test\_thresholds.py}$."
        ),
    )
)


def _mn_general() -> Tuple:
    gap = Symbol("n-k", positive=True)  # n - k >= 1
    return Tuple(
        Eq(Symbol(r"e^{\lambda}|_{m=n}"), (sqrt((-gap) ** 2 + SM * 0) - (-gap)) / SM, evaluate=False)
    )


def _mn_statement(x: Any = None, k: Any = None, tau: Any = 1) -> Tuple:
    """LOWR-TOPK-9-MN.  Without ``x``: the conjugate form at ``m = n`` (general); at a point (where the
    threshold lies below every entry): the smoothstep ``(lambda, p)``."""
    if x is None:
        return _mn_general()
    return _statement_of(*topk_threshold_closed(x, k, "smoothstep", tau))


def _derive_mn() -> Derivation:
    gap = Symbol("n-k", positive=True)
    eq, steps = _branch_equation("smoothstep")
    at_n = eq.subs({_m: _n, SP: 0}).subs(_k, _n - gap)
    root = sympy.solve(at_n, _u)[0]
    first = log(SP) - log(sqrt((-gap) ** 2 + SM * SP) + (-gap))
    return Derivation(
        Tuple(Eq(Symbol(r"e^{\lambda}|_{m=n}"), root, evaluate=False)),
        (
            *steps,
            Step(
                r"At $m = n$ ($\lambda < x_{(n)}$: every entry above the threshold) $S^+_n = 0$; "
                r"$F_n = k$ solved",
                root,
            ),
            Step(
                r"The first form there is $\log 0 - \log(\ldots)$, undefined (the enumeration $m "
                r"= 0..n-1$ never "
                r"reaches it); the conjugate form $(\sqrt{(n-k)^2} + (n-k))/S^-_n$ is the root",
                first.subs(SP, 0),
            ),
        ),
    )


def _num_mn(dps: int, x: Any, k: int, tau: Any = 1) -> list[Any]:
    lam, p = num.topk_threshold(x, k, tau, f="smoothstep", dps=dps)
    return [lam, *p]


def _mn_points() -> Any:
    """Points with the threshold below every entry: k = n - 1 >= 2 and a spread of at most 1/2 (then
    :math:`\\sum_{i<n} e^{-(x_{(i)}-x_{(n)})} \\ge 2e^{-1/2} > 1`, i.e. :math:`F(x_{(n)}) \\le n - 1`)."""
    from hypothesis import strategies as hs

    from numerics import strategies as st

    vec = hs.lists(st.rationals(0, Fraction(1, 2), max_denominator=12), min_size=3, max_size=5)
    return hs.tuples(vec, st.rationals(-2, 2, max_denominator=4)).map(
        lambda t: {"x": [v + t[1] for v in t[0]], "k": len(t[0]) - 1, "tau": 1}
    )


register(
    Result(
        key="LOWR-TOPK-9-MN",
        title="Correction: the smoothstep threshold below every entry (m = n), conjugate form",
        title_tex=r"Correction: the smoothstep threshold below every entry ($m = n$), conjugate form",
        source=f"{SU_10373}, enumerates m = 0..n-1; m = n and the conjugate form derived here",
        statement=_mn_statement,
        derive=_derive_mn,
        numeric=_num_mn,
        params=_mn_points,
        parts=(r"\lambda",),
        examples=(
            {"x": [Fraction(1, 5), Fraction(1, 10), 0], "k": 2, "tau": 1},
            {"x": [1, Fraction(6, 5), Fraction(11, 10), Fraction(13, 10)], "k": 3, "tau": 1},
        ),
        notes=(
            r"Key chosen in the pillar's pattern (the spec gives none): pitfall 8. Once $k > n/2$ the "
            r"threshold can lie below $x_{(n)}$ ($F(x_{(n)}) \le k$); there $S^+_n = 0$, the first form "
            r"$\log S^+_n - \ldots$ is undefined and no $m \in \{0..n-1\}$ passes the interval test. The "
            r"conjugate form gives $e^\lambda = 2(n-k)/S^-_n$. The post's enumeration is shown to find no "
            r"valid $m$, and its nearest branch to fail the numeric check, in "
            r"$\texttt{tests/lowrank/test\_thresholds.py}$."
        ),
    )
)
