"""Smooth top-k by elementary symmetric polynomials (GradTopK), computed independently in mpmath.

Routes (spec ``lowrank.md`` section 2.3, LOWR-TOPK-1 .. 6):

- :math:`e_j(y)` by the dynamic programme :math:`e_j(y_{1..t}) = e_j(y_{1..t-1}) + y_te_{j-1}(y_{1..t-1})`
  (``"dp"``), by a product tree that multiplies the polynomials :math:`\\prod_i(1+y_it)` pairwise
  (``"product"``) or by enumerating the k-subsets (``"subsets"``);
- GradTopK :math:`p_i = y_ie_{k-1}(y_{\\setminus i})/e_k(y)` with :math:`e_{k-1}(y_{\\setminus i})` from
  the DP run on the remaining entries (never Su's subtracting recursion), or as the share of the k-subsets'
  weight that contains ``i`` (``"subsets"``);
- Jacobians and the gradient of the top-k potential by central differences taken inside the extended
  precision (pitfall 10); zero-temperature limits by evaluating at a temperature small enough that the
  remainder :math:`e^{-g/\\tau}` is below the working precision;
- Su's recursion :math:`Z_{k,i} = y_i(Z_{k-1} - Z_{k-1,i})` and the DP, both in IEEE double (Python floats),
  for the cancellation of pitfall 6.

Nothing here imports SymPy or :mod:`proofs`.  Public functions take ``dps``, work at ``dps + 20`` digits
and return numbers rounded to ``dps`` (:func:`numerics.agree.with_dps`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = [
    "elementary_symmetric",
    "smooth_topk_esp",
    "smooth_topk_esp_jacobian",
    "soft_topk_sum",
    "topk_potential",
    "topk_potential_gradient",
    "weighted_softmax_iteration",
    "su_recursion_float64",
    "dp_remaining_float64",
]

GUARD = 20
ESP_METHODS = ("dp", "product", "subsets")
TOPK_METHODS = ("dp", "subsets")
FLOAT64_SPACES = ("linear", "log")


# --- validation -------------------------------------------------------------------------------


def _real(v: Any, name: str) -> Any:
    """One real entry as an mpf at the working precision; ValueError naming ``name`` otherwise."""
    if isinstance(v, bool):
        raise ValueError(f"{name} must be a real number, got the boolean {v!r} (booleans are not numbers)")
    if isinstance(v, (complex, mpmath.mpc)) or (hasattr(v, "is_real") and v.is_real is False):
        raise ValueError(f"real vector required: {name} is not real ({v!r})")
    if isinstance(v, (list, tuple, dict, set, str, bytes)):
        raise ValueError(f"real vector required: {name} is a {type(v).__name__}, not a number "
                         "(ragged, nested or text)")
    try:
        out = to_mp(v)
    except (TypeError, ValueError):
        raise ValueError(f"real vector required: {name} is not a number ({v!r})") from None
    if isinstance(out, mpmath.mpc):
        raise ValueError(f"real vector required: {name} is not real ({v!r})")
    if not mpmath.isfinite(out):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {v!r}")
    return out


def _vector(x: Any, name: str = "x") -> list[Any]:
    """A non-empty 1-D sequence of finite reals, as mpf numbers."""
    if isinstance(x, mpmath.matrix):
        if min(x.rows, x.cols) != 1:
            raise ValueError(f"real vector required: {name} is a {x.rows}x{x.cols} matrix")
        x = [x[i] for i in range(len(x))]
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise ValueError(f"real vector required: {name} must be a sequence of real numbers, "
                         f"got {type(x).__name__}")
    if len(x) == 0:
        raise ValueError(f"real vector required: {name} is empty")
    return [_real(v, f"{name}[{i}]") for i, v in enumerate(x)]


def _order(k: Any, lo: int, hi: int, what: str) -> int:
    if isinstance(k, bool) or not isinstance(k, Integral):
        raise ValueError(f"k must be an integer with {lo} <= k <= {hi} ({what}), got {k!r}")
    if not lo <= int(k) <= hi:
        raise ValueError(f"k must satisfy {lo} <= k <= {hi} ({what}), got {k}")
    return int(k)


def _temperature(tau: Any) -> Any:
    if isinstance(tau, bool):
        raise ValueError(f"tau must be a finite positive number, got the boolean {tau!r}")
    try:
        t = _real(tau, "tau")
    except ValueError:
        raise ValueError(f"tau must be a finite positive number, got {tau!r}") from None
    if t <= 0:
        raise ValueError(f"tau must be a finite positive number, got {tau!r}")
    return t


def _choice(method: Any, allowed: tuple[str, ...], name: str = "method") -> str:
    if method not in allowed:
        raise ValueError(f"unknown {name} {method!r}; accepted: {', '.join(repr(a) for a in allowed)}")
    return str(method)


# --- elementary symmetric polynomials ------------------------------------------------------------


def _esp_dp(ys: Sequence[Any], top: int) -> list[Any]:
    """:math:`[e_0, \\dots, e_{top}]` by the DP over the entries (e_j = 0 for j > len(ys))."""
    e = [mp.mpf(1)] + [mp.mpf(0)] * top
    for t, yt in enumerate(ys, start=1):
        for j in range(min(t, top), 0, -1):  # downwards: e_{j-1} still holds the value without y_t
            e[j] += yt * e[j - 1]
    return e


def _esp_product(ys: Sequence[Any], top: int) -> list[Any]:
    """:math:`[e_0, \\dots, e_{top}]` as coefficients of :math:`\\prod_i(1+y_it)`, by a balanced product tree
    of polynomial convolutions (a different order of operations from the DP)."""
    polys: list[list[Any]] = [[mp.mpf(1), y] for y in ys]
    while len(polys) > 1:
        paired = []
        for a, b in itertools.zip_longest(polys[::2], polys[1::2]):
            if b is None:
                paired.append(a)
                continue
            c = [mp.mpf(0)] * (len(a) + len(b) - 1)
            for i, ai in enumerate(a):
                for j, bj in enumerate(b):
                    c[i + j] += ai * bj
            paired.append(c)
        polys = paired
    coeffs = polys[0]
    return [coeffs[j] if j < len(coeffs) else mp.mpf(0) for j in range(top + 1)]


def _esp_subsets(ys: Sequence[Any], j: int) -> Any:
    """:math:`e_j` by its definition, the sum over the j-subsets of the products of their entries."""
    return mp.fsum(mp.fprod(c) for c in itertools.combinations(ys, j)) if j >= 0 else mp.mpf(0)


@with_dps(GUARD)
def elementary_symmetric(y: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS, method: str = "dp") -> Any:
    """The elementary symmetric polynomial :math:`e_k(y)=\\sum_{|S|=k}\\prod_{i\\in S}y_i` (spec 1.5).

    .. math:: e_j(y_1..y_t) = e_j(y_1..y_{t-1}) + y_t\\,e_{j-1}(y_1..y_{t-1}),\\qquad e_0 = 1

    ``method``: ``"dp"`` (the recursion above, :math:`O(nk)`), ``"product"`` (coefficients of
    :math:`\\prod_i(1+y_it)` by a product tree) or ``"subsets"`` (the definition).  ``0 <= k <= n``.
    Source: Su, Softmax后传 (kexue.fm/archives/10373), GradTopK recursion (LOWR-TOPK-4).

    >>> float(elementary_symmetric([1, 2, 3], 2, dps=20))
    11.0
    """
    ys = _vector(y, "y")
    k = _order(k, 0, len(ys), "elementary_symmetric needs 0 <= k <= n")
    method = _choice(method, ESP_METHODS)
    if method == "subsets":
        return _esp_subsets(ys, k)
    return (_esp_dp if method == "dp" else _esp_product)(ys, k)[k]


# --- GradTopK ------------------------------------------------------------------------------------


def _scaled(xs: Sequence[Any], tau: Any) -> list[Any]:
    """:math:`y_i = e^{(x_i - \\max x)/\\tau}`: shift invariance keeps every entry in (0, 1]."""
    top = max(xs)
    return [mp.exp((v - top) / tau) for v in xs]


def _grad_topk_dp(xs: Sequence[Any], k: int, tau: Any) -> list[Any]:
    ys = _scaled(xs, tau)
    ek = _esp_dp(ys, k)[k]
    return [ys[i] * _esp_dp(ys[:i] + ys[i + 1:], k - 1)[k - 1] / ek for i in range(len(ys))]


def _grad_topk_subsets(xs: Sequence[Any], k: int, tau: Any) -> list[Any]:
    """:math:`p_i` as the weight of the k-subsets containing i over the weight of all k-subsets."""
    ys = _scaled(xs, tau)
    totals = [mp.mpf(0)] * len(ys)
    whole = mp.mpf(0)
    for subset in itertools.combinations(range(len(ys)), k):
        w = mp.fprod(ys[i] for i in subset)
        whole += w
        for i in subset:
            totals[i] += w
    return [t / whole for t in totals]


def _grad_topk(xs: Sequence[Any], k: int, tau: Any, method: str = "dp") -> list[Any]:
    return (_grad_topk_dp if method == "dp" else _grad_topk_subsets)(xs, k, tau)


@with_dps(GUARD)
def smooth_topk_esp(x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS,
                    method: str = "dp") -> list[Any]:
    """GradTopK: :math:`p_i = \\tau\\,\\partial_{x_i}\\log e_k(e^{x/\\tau})
    = y_ie_{k-1}(y_{\\setminus i})/e_k(y)`.

    ``method="dp"`` computes :math:`e_{k-1}(y_{\\setminus i})` by the DP on the remaining entries (stable:
    sums of positive terms only); ``"subsets"`` enumerates the k-subsets.  ``1 <= k <= n``.
    Source: Su, Softmax后传 (kexue.fm/archives/10373), GradTopK (LOWR-TOPK-2).

    >>> [round(float(v), 6) for v in smooth_topk_esp([3, 2, 1, 4], 2, dps=20)]
    [0.694413, 0.305587, 0.119203, 0.880797]
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp needs 1 <= k <= n")
    tau_ = _temperature(tau)
    return _grad_topk(xs, k, tau_, _choice(method, TOPK_METHODS))


@with_dps(GUARD)
def soft_topk_sum(x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS) -> Any:
    """The soft top-k sum :math:`\\tau\\log e_k(e^{x/\\tau})`, by the DP on shifted entries.

    .. math:: \\tau\\log e_k(e^{x/\\tau}) = k\\max x + \\tau\\log e_k(e^{(x-\\max x)/\\tau})

    Source: Su, Softmax后传 (kexue.fm/archives/10373) (LOWR-TOPK-3).
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "soft_topk_sum needs 1 <= k <= n")
    tau_ = _temperature(tau)
    return k * max(xs) + tau_ * mp.log(_esp_dp(_scaled(xs, tau_), k)[k])


def _central_columns(fn: Any, xs: Sequence[Any], step: Any = None) -> list[list[Any]]:
    """``[[d fn_i / d x_j]_i]_j`` by central differences at twice the precision plus 40 digits.

    The default step :math:`h = 10^{-(d+20)}` (d the caller's working digits) is applied inside the raised
    precision (pitfall 10): truncation :math:`O(h^2)` and rounding :math:`10^{-2d-40}/h` both stay below
    :math:`10^{-d-19}`.
    """
    digits = mp.dps
    with mpmath.workdps(2 * digits + 40):
        h = mp.mpf(10) ** (-(digits + 20)) if step is None else +step
        base = [+v for v in xs]
        columns = []
        for j in range(len(base)):
            up, down = list(base), list(base)
            up[j] += h
            down[j] -= h
            fu, fd = fn(up), fn(down)
            columns.append([(a - b) / (2 * h) for a, b in zip(fu, fd)])
    return [[+v for v in col] for col in columns]


@with_dps(GUARD)
def smooth_topk_esp_jacobian(x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\partial p_i/\\partial x_j` of GradTopK by central differences of the DP map (mpmath matrix).

    The difference is taken at ``2 dps + 80`` digits with the step inside that precision, so the
    Jacobian is accurate to the working precision.  ``1 <= k <= n``.  (LOWR-TOPK-5.)
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp_jacobian needs 1 <= k <= n")
    tau_ = _temperature(tau)
    cols = _central_columns(lambda v: _grad_topk_dp(v, k, tau_), xs)
    n = len(xs)
    return mpmath.matrix([[cols[j][i] for j in range(n)] for i in range(n)])


# --- the top-k operator and its potential ----------------------------------------------------------


def _potential(xs: Sequence[Any], k: int) -> Any:
    """:math:`\\max_{|S|=k}\\sum_{i\\in S}x_i` by enumerating the k-subsets (no sorting)."""
    return max(mp.fsum(c) for c in itertools.combinations(xs, k))


@with_dps(GUARD)
def topk_potential(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> Any:
    """The top-k potential :math:`\\Phi_k(x)=\\max_{|S|=k}\\sum_{i\\in S}x_i` by subset enumeration
    (LOWR-TOPK-1)."""
    xs = _vector(x)
    return _potential(xs, _order(k, 1, len(xs) - 1, "topk_potential needs 1 <= k <= n-1"))


def _potential_gradient(xs: Sequence[Any], k: int) -> list[Any]:
    """Central differences of the potential with a step below a quarter of the subset-sum gap.

    :math:`\\Phi_k` is linear on the box where the maximising subset stays the same; the box is at
    least :math:`g/(2k)` wide, g the gap between the best and the second-best subset sum.
    """
    sums = sorted((mp.fsum(c) for c in itertools.combinations(xs, k)), reverse=True)
    gap = sums[0] - sums[1] if len(sums) > 1 else mp.mpf(1)
    if gap <= 0:
        raise ValueError("the top-k potential is not differentiable here: tie at the k-th position")
    step = min(mp.mpf(10) ** -10, gap / (4 * k))
    cols = _central_columns(lambda v: [_potential(v, k)], xs, step)
    return [c[0] for c in cols]


@with_dps(GUARD)
def topk_potential_gradient(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`\\nabla_x\\Phi_k(x)` by central differences of the subset-enumeration potential (LOWR-TOPK-1).

    Where :math:`x_{(k)} > x_{(k+1)}` this is the multi-hot :math:`\\mathcal T_k(x)`; at a tie ValueError.
    """
    xs = _vector(x)
    return _potential_gradient(xs, _order(k, 1, len(xs) - 1, "topk_potential_gradient needs 1 <= k <= n-1"))


# --- the weighted-softmax iteration -------------------------------------------------------------


def _weighted_softmax_steps(xs: Sequence[Any], k: int, tau: Any) -> list[Any]:
    z = [v / tau for v in xs]
    top = max(z)
    e = [mp.exp(v - top) for v in z]  # softmax(z; w) is unchanged by a common shift of z
    p = [mp.mpf(0)] * len(xs)
    for _ in range(k):
        w = [1 - pi for pi in p]
        weights = [wi * ei for wi, ei in zip(w, e)]
        total = mp.fsum(weights)
        p = [pi + wi / total for pi, wi in zip(p, weights)]
    return p


def _spread_digits(xs: Sequence[Any], tau: Any) -> int:
    """Digits that :math:`1-p_{\\max}\\approx e^{-\\Delta/\\tau}` needs on top of the working precision
    (pitfall 7): :math:`\\Delta/(\\tau\\ln 10)`."""
    return int(mpmath.ceil((max(xs) - min(xs)) / (tau * mp.ln(10)))) + 10


@with_dps(GUARD)
def weighted_softmax_iteration(x: Sequence[Any], k: int, tau: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The iteration :math:`p^{(0)}=0`,
    :math:`p^{(t)}=p^{(t-1)}+\\operatorname{softmax}(x/\\tau;\\,1-p^{(t-1)})`, ``k`` steps,
    with :math:`[\\operatorname{softmax}(z;w)]_i=w_ie^{z_i}/\\sum_jw_je^{z_j}`.

    The weight :math:`1-p_i` of a dominant entry is about :math:`e^{-\\Delta/\\tau}`; the iteration runs at
    ``dps + 20 + Delta/(tau ln 10)`` digits so that it is not lost (pitfall 7).  ``1 <= k <= n``.
    Source: Su, Softmax后传 (kexue.fm/archives/10373) (LOWR-TOPK-6).
    """
    xs = _vector(x)
    k = _order(k, 1, len(xs), "weighted_softmax_iteration needs 1 <= k <= n")
    tau_ = _temperature(tau)
    with mpmath.workdps(mp.dps + _spread_digits(xs, tau_)):
        xs = [+v for v in xs]
        out = _weighted_softmax_steps(xs, k, +tau_)
    return out


# --- zero temperature: routes for LOWR-TOPK-3 and LOWR-TOPK-6 ---------------------------------------


def _min_gap(xs: Sequence[Any]) -> Any:
    distinct = sorted(set(xs))
    gaps = [b - a for a, b in zip(distinct, distinct[1:])]
    return min(gaps) if gaps else mp.mpf(1)


def _cold_tau(xs: Sequence[Any], extra: Any = 0) -> Any:
    """A temperature at which :math:`e^{-g/\\tau}` (g the smallest gap between distinct entries) is below
    :math:`10^{-(d+25)}` times ``e^extra``, d the working digits."""
    return _min_gap(xs) / ((mp.dps + 25) * mp.ln(10) + extra)


def grad_topk_cold(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """GradTopK (DP) at a temperature so small that its distance to the :math:`\\tau\\to0^+` limit is
    below :math:`10^{-(dps+20)}` (the remainder is :math:`\\binom nk e^{-g/\\tau}`)."""
    @with_dps(GUARD)
    def run(*, dps: int) -> list[Any]:
        xs = _vector(x)
        kk = _order(k, 1, len(xs) - 1, "the zero-temperature limit needs 1 <= k <= n-1")
        return _grad_topk_dp(xs, kk, _cold_tau(xs, mp.log(mpmath.binomial(len(xs), kk))))
    return run(dps=dps)


#: the rows of the convergence tables: :math:`\\tau = 1/\\ln n`, so a remainder :math:`e^{-g/\\tau}`
#: is :math:`n^{-g}`
TABLE_N = tuple(10**j for j in range(1, 9))


def grad_topk_table(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[tuple[int, list[Any]]]:
    """GradTopK at :math:`\\tau = 1/\\ln n`, :math:`n = 10, 10^2, .., 10^8` (rows of a convergence table)."""
    @with_dps(GUARD)
    def run(*, dps: int) -> list[tuple[int, list[Any]]]:
        xs = _vector(x)
        kk = _order(k, 1, len(xs) - 1, "the zero-temperature limit needs 1 <= k <= n-1")
        return [(n, _grad_topk_dp(xs, kk, 1 / mp.log(n))) for n in TABLE_N]
    return run(dps=dps)


def weighted_softmax_cold(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The weighted-softmax iteration at a temperature whose remainder is below :math:`10^{-(dps+20)}`,
    run with the extra digits of pitfall 7."""
    @with_dps(GUARD)
    def run(*, dps: int) -> list[Any]:
        xs = _vector(x)
        kk = _order(k, 1, len(xs), "weighted_softmax_iteration needs 1 <= k <= n")
        tau = _cold_tau(xs, mp.ln(4 * len(xs)))
        with mpmath.workdps(mp.dps + _spread_digits(xs, tau)):
            return _weighted_softmax_steps([+v for v in xs], kk, +tau)
    return run(dps=dps)


def weighted_softmax_table(x: Sequence[Any], k: int, *,
                           dps: int = DEFAULT_DPS) -> list[tuple[int, list[Any]]]:
    """The weighted-softmax iteration at :math:`\\tau = 1/\\ln n`, :math:`n = 10, 10^2, .., 10^8`."""
    @with_dps(GUARD)
    def run(*, dps: int) -> list[tuple[int, list[Any]]]:
        return [(n, weighted_softmax_iteration(x, k, 1 / mp.log(n), dps=mp.dps)) for n in TABLE_N]
    return run(dps=dps)


# --- IEEE double: Su's recursion and the DP (pitfall 6) -------------------------------------------


def _f64_vector(x: Any) -> list[float]:
    return [float(v) for v in _vector(x)]


def _log_f64(v: float) -> float:
    """IEEE log: NaN for a negative (or NaN) argument, -inf at 0 (Python's math.log raises instead)."""
    if math.isnan(v) or v < 0:
        return math.nan
    return -math.inf if v == 0 else math.log(v)


def _logsumexp_f64(vals: Sequence[float]) -> float:
    if any(math.isnan(v) for v in vals):
        return math.nan
    top = max(vals)
    if top == -math.inf:
        return top
    return top + math.log(math.fsum(math.exp(v - top) for v in vals))


def _logsubexp_f64(a: float, b: float) -> float:
    """:math:`\\log(e^a - e^b)` in double; NaN when rounding made :math:`e^a < e^b`."""
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if b == -math.inf:
        return a
    if a == -math.inf:
        return math.nan
    return a + _log_f64(1.0 - math.exp(b - a))


def su_recursion_float64(x: Sequence[Any], k: int, *, space: str = "linear") -> list[float]:
    """GradTopK by Su's recursion in IEEE double (Python floats), for pitfall 6.

    .. math:: Z_{1,i} = y_i,\\qquad Z_{j,i} = y_i\\,(Z_{j-1} - Z_{j-1,i}),\\qquad
              Z_j = \\tfrac1j\\sum_iZ_{j,i},\\qquad p_i = Z_{k,i}/Z_k

    with :math:`y_i = e^{x_i}` (``space="linear"``) or the same in logarithms (``"log"``:
    :math:`\\log Z_{j,i} = x_i + \\log(e^{\\log Z_{j-1}} - e^{\\log Z_{j-1,i}})`, NaN when rounding makes the
    difference negative).  The subtraction cancels when one entry dominates.
    Source: Su, Softmax后传 (kexue.fm/archives/10373), GradTopK recursion.
    """
    xs = _f64_vector(x)
    k = _order(k, 1, len(xs), "su_recursion_float64 needs 1 <= k <= n")
    space = _choice(space, FLOAT64_SPACES, "space")
    n = len(xs)
    if space == "linear":
        y = [math.exp(v) for v in xs]
        zi, z = list(y), math.fsum(y)
        for j in range(2, k + 1):
            zi = [y[i] * (z - zi[i]) for i in range(n)]
            z = math.fsum(zi) / j
        return [v / z for v in zi]
    li, lz = list(xs), _logsumexp_f64(xs)
    for j in range(2, k + 1):
        li = [xs[i] + _logsubexp_f64(lz, li[i]) for i in range(n)]
        lz = _logsumexp_f64(li) - math.log(j)
    return [math.nan if (math.isnan(v) or math.isnan(lz)) else math.exp(v - lz) for v in li]


def dp_remaining_float64(x: Sequence[Any], k: int) -> list[float]:
    """GradTopK in IEEE double by the correction of pitfall 6: :math:`y_i = e^{x_i-\\max x}` and
    :math:`e_{k-1}(y_{\\setminus i})` from the DP on the remaining entries (sums of positive terms only)."""
    xs = _f64_vector(x)
    k = _order(k, 1, len(xs), "dp_remaining_float64 needs 1 <= k <= n")
    top = max(xs)
    y = [math.exp(v - top) for v in xs]

    def esp(vals: Sequence[float], j: int) -> float:
        e = [1.0] + [0.0] * j
        for t, v in enumerate(vals, start=1):
            for m in range(min(t, j), 0, -1):
                e[m] += v * e[m - 1]
        return e[j]

    ek = esp(y, k)
    return [y[i] * esp(y[:i] + y[i + 1:], k - 1) / ek for i in range(len(y))]


def float64_outcome(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """Iverson brackets measured against GradTopK at ``dps`` digits (the DP in mpmath):

    ``[Su's recursion in double (linear space) has relative error >= 1/2 or NaN,
    the same in log space, the DP on the remaining entries in double has relative error <= 10^-13]``.
    """
    @with_dps(GUARD)
    def run(*, dps: int) -> list[Any]:
        xs = _vector(x)
        truth = _grad_topk_dp(xs, _order(k, 1, len(xs), "float64_outcome needs 1 <= k <= n"), mp.mpf(1))
        scale = max(abs(t) for t in truth)

        def error(approx: Sequence[float]) -> Any:
            if any(math.isnan(v) for v in approx):
                return mp.inf
            return max(abs(mp.mpf(a) - t) for a, t in zip(approx, truth)) / scale

        fails = [int(error(su_recursion_float64(x, k, space=s)) >= mp.mpf(1) / 2) for s in FLOAT64_SPACES]
        passes = int(error(dp_remaining_float64(x, k)) <= mp.mpf(10) ** -13)
        return [mp.mpf(fails[0]), mp.mpf(fails[1]), mp.mpf(passes)]
    return run(dps=dps)


# --- numeric routes of the registered results ---------------------------------------------------------


@with_dps(GUARD)
def topk_operator_route(x: Sequence[Any], k: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-TOPK-1: ``[gradient of the potential (central differences)..., the potential (max over
    subsets)]``."""
    xs = _vector(x)
    k = _order(k, 1, len(xs) - 1, "the top-k operator needs 1 <= k <= n-1")
    return [*_potential_gradient(xs, k), _potential(xs, k)]


@with_dps(GUARD)
def grad_topk_route(x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-TOPK-2: ``[p (DP on the remaining entries)..., sum p, p_i - p_{i+1}...]``."""
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp needs 1 <= k <= n")
    p = _grad_topk_dp(xs, k, _temperature(tau))
    return [*p, mp.fsum(p), *[a - b for a, b in zip(p, p[1:])]]


@with_dps(GUARD)
def recursion_route(y: Sequence[Any], *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-TOPK-4: rows k = 1..n of ``[e_k (product tree), Z_{k,i} = y_i e_{k-1}(y without i) (DP on the
    rest)..., sum_i Z_{k,i} - k e_k]``."""
    ys = _vector(y, "y")
    n = len(ys)
    ek = _esp_product(ys, n)
    rest = [_esp_dp(ys[:i] + ys[i + 1:], n) for i in range(n)]
    rows = []
    for k in range(1, n + 1):
        z = [ys[i] * rest[i][k - 1] for i in range(n)]
        rows.append([ek[k], *z, mp.fsum(z) - k * ek[k]])
    return rows


@with_dps(GUARD)
def jacobian_route(x: Sequence[Any], k: int, tau: Any = 1, *, dps: int = DEFAULT_DPS) -> Any:
    """LOWR-TOPK-5: the Jacobian of the DP map by central differences inside the extended precision."""
    xs = _vector(x)
    k = _order(k, 1, len(xs), "smooth_topk_esp_jacobian needs 1 <= k <= n")
    tau_ = _temperature(tau)
    cols = _central_columns(lambda v: _grad_topk_dp(v, k, tau_), xs)
    return mpmath.matrix([[cols[j][i] for j in range(len(xs))] for i in range(len(xs))])


def pitfall_x(k: int, g: Any) -> list[Fraction]:
    """The inputs of pitfall 6 with a free gap ``g``: :math:`(0,-g,-g-1,-g-2)` for k = 2 and
    :math:`(g,0,-1,-2,-3)` for k = 3 (the spec's points are g = 40 and g = 50)."""
    k = _order(k, 2, 3, "the pitfall families have k = 2 or k = 3")
    if isinstance(g, bool) or not isinstance(g, (Integral, Fraction)) or g <= 0:
        raise ValueError(f"g must be a positive rational (int or Fraction), got {g!r}")
    g = Fraction(g)
    if k == 2:
        return [Fraction(0), -g, -g - 1, -g - 2]
    return [g, Fraction(0), Fraction(-1), Fraction(-2), Fraction(-3)]


def pitfall_route(k: int, g: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """LOWR-TOPK-4-FLOAT: ``[p at tau = 1 (DP in mpmath)..., the three Iverson brackets of float64_outcome]``
    at :func:`pitfall_x`."""
    x = pitfall_x(k, g)
    return [*smooth_topk_esp(x, k, 1, dps=dps), *float64_outcome(x, k, dps=dps)]
