"""Arb routes of the softmax entropy, the two-level model and the scale laws (python-flint only).

The certified tier (:mod:`proofs.core.certify`) bounds the agreement of each route with its closed form
rigorously.  Every route here computes its quantity from the *definition*, never from the closed form:

- the entropy is :math:`-\\sum_i p_i\\ln p_i` with :math:`p_i = e^{\\lambda s_i}/Z`, summed over the distinct
  scores with their multiplicities (so the two-level vector :math:`(\\Delta, 0, \\dots, 0)` costs two atoms
  for every n, up to :math:`10^{30}`);
- derivatives and Taylor coefficients in :math:`\\lambda` (or u) are exact: the same sums are evaluated on a
  truncated power series :math:`\\lambda + t` (``arb_series``: Taylor-mode arithmetic with Arb's error
  bounds on every coefficient), not by a finite difference;
- the integral of ENT-A3-INT is Arb's rigorous quadrature (``acb.integral``) of
  :math:`t\\operatorname{Var}_{p_t}[s]`;
- the scale laws solve their defining equation for the scale (a monotone function with a proven sign change,
  so the root is in the bracket by the intermediate value theorem), narrowed by interval Newton steps
  :math:`X \\cap (m - f(m)/f'(X))` (each keeps the root by the mean value theorem) and bisection: the
  returned ball is a proven enclosure, not an unverified iterate;
- YaRN's logit factor is the rotary-embedding code path emulated in balls (both caches times mscale).

The routes work at ``prec`` plus guard bits (the balls stay rigorous at any precision; the guard bits only
keep them narrow where terms cancel).  python-flint is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..arb import integer, precision, rational, rationals

__all__ = [
    "entropy_definition",
    "entropy_drop_integral",
    "entropy_slack",
    "entropy_slope",
    "entropy_taylor",
    "half_point_root",
    "log_law_entropy",
    "log_law_focus",
    "log_partition_derivatives",
    "practical_scale_roots",
    "scaled_entropy",
    "shifted_entropy",
    "ssmax_weights",
    "su_law_roots",
    "two_level_quantities",
    "two_level_slope",
    "yarn_algebra_routes",
    "yarn_logit_ratio",
]

_GUARD = 32  # extra bits against cancellation (entropy near 0, series coefficients, slack of ENT-A6)


def _prec(prec: int) -> int:
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
        raise ValueError(f"prec must be an integer number of bits >= 2, got {prec!r}")
    return prec + _GUARD


def _score_vector(s: Any, what: str = "s") -> list[Any]:
    need = f"{what} must be a non-empty sequence of rational scores"
    if isinstance(s, (str, bytes)) or not isinstance(s, Sequence):
        raise ValueError(f"{need}, got {type(s).__name__}")  # noqa: TRY004 - every bad input is a ValueError
    vec = rationals(s, what)
    if not vec:
        raise ValueError(f"{need}, got an empty sequence")
    return vec


def _atoms(vec: Sequence[Any]) -> list[tuple[Any, int]]:
    """The distinct entries of ``vec`` with their multiplicities, in first-occurrence order."""
    counts: dict[Any, int] = {}
    for v in vec:
        counts[v] = counts.get(v, 0) + 1
    return list(counts.items())


def _coefficients(series: Any, length: int) -> list[Any]:
    """The ``length`` coefficients of an ``arb_series`` (FLINT drops trailing coefficients that are exactly
    0)."""
    from flint import arb

    out = list(series.coeffs())
    return out + [arb(0)] * (length - len(out))


def _softmax_series(atoms: Sequence[tuple[Any, int]], lam: Any, length: int) -> tuple[list[Any], Any]:
    """The weights :math:`p_k(\\lambda + t) = e^{(\\lambda + t)s_k}/Z` of each atom and :math:`Z = \\sum_k m_k
    e^{(\\lambda + t)s_k}`, as ``arb_series`` in t truncated at ``length`` terms (``length = 1``: values)."""
    from flint import arb, arb_series

    weights = [arb_series([arb(lam * v), v][:length], prec=length).exp() for v, _ in atoms]
    z = weights[0] * atoms[0][1]
    for w, (_, count) in zip(weights[1:], atoms[1:]):
        z = z + w * count
    return [w / z for w in weights], z


def _entropy_series(atoms: Sequence[tuple[Any, int]], lam: Any, length: int) -> list[Any]:
    """Taylor coefficients in t of :math:`H(\\lambda + t) = -\\sum_k m_k p_k \\ln p_k` (the definition)."""
    probs, _ = _softmax_series(atoms, lam, length)
    total = None
    for p, (_, count) in zip(probs, atoms):
        term = p * p.log() * (-count)
        total = term if total is None else total + term
    return _coefficients(total, length)


def _entropy_value(atoms: Sequence[tuple[Any, int]], lam: Any) -> Any:
    return _entropy_series(atoms, lam, 1)[0]


# --- the softmax entropy (ENT-A1 ... ENT-A6, ENT-A9) --------------------------------------------------


def entropy_definition(s: Sequence[Any], lam: Any, prec: int = 53) -> Any:
    """ENT-A1 and ENT-A9: :math:`H = -\\sum_i p_i\\ln p_i`,
    :math:`p_i = e^{\\lambda s_i}/\\sum_j e^{\\lambda s_j}`, in Arb balls from the definition (equal scores
    grouped with their multiplicity; the closed forms :math:`\\ln Z - \\lambda E_p[s]` and the grouping
    :math:`h_b(p_1) + (1 - p_1)H(q)` are not used)."""
    atoms, lam_ = _atoms(_score_vector(s)), rational(lam, "lam")
    with precision(_prec(prec)):
        return _entropy_value(atoms, lam_)


def log_partition_derivatives(s: Sequence[Any], lam: Any, prec: int = 53) -> list[Any]:
    """ENT-A2: :math:`[A'(\\lambda), A''(\\lambda)]` for :math:`A = \\ln\\sum_i e^{\\lambda s_i}`, by
    Taylor-mode arithmetic: :math:`A(\\lambda + t)` as an ``arb_series`` (exp, sum, log of series),
    :math:`A' = a_1`, :math:`A'' = 2a_2` (no tilted mean or variance is formed)."""
    atoms, lam_ = _atoms(_score_vector(s)), rational(lam, "lam")
    with precision(_prec(prec)):
        _, z = _softmax_series(atoms, lam_, 3)
        coeffs = _coefficients(z.log(), 3)
        return [coeffs[1], 2 * coeffs[2]]


def entropy_slope(s: Sequence[Any], lam: Any, prec: int = 53) -> Any:
    """ENT-A3: :math:`dH/d\\lambda` of :math:`H = -\\sum_i p_i\\ln p_i`, the first Taylor coefficient of the
    definition evaluated on the series :math:`\\lambda + t` (``arb_series``; exact differentiation, no finite
    difference)."""
    atoms, lam_ = _atoms(_score_vector(s)), rational(lam, "lam")
    with precision(_prec(prec)):
        return _entropy_series(atoms, lam_, 2)[1]


def entropy_drop_integral(s: Sequence[Any], lam: Any, prec: int = 53) -> Any:
    """ENT-A3-INT: :math:`\\int_0^\\lambda t\\operatorname{Var}_{p_t}[s]\\,dt` by ``acb.integral``.

    The integrand :math:`t\\sum_i w_i(s_i - \\mu)^2/Z`, :math:`w_i = e^{ts_i}`, :math:`Z = \\sum_i w_i`,
    :math:`\\mu = \\sum_i w_is_i/Z`, is meromorphic (entire functions and divisions only), so Arb's
    quadrature is rigorous without an analyticity flag: near a zero of Z the division returns a non-finite
    ball and the interval is subdivided.
    """
    from flint import acb

    atoms, lam_ = _atoms(_score_vector(s)), rational(lam, "lam")

    def integrand(t: Any, analytic: bool) -> Any:
        weights = [(t * v).exp() for v, _ in atoms]
        z = sum((w * k for w, (_, k) in zip(weights, atoms)), acb(0))
        mean = sum((w * (k * v) for w, (v, k) in zip(weights, atoms)), acb(0)) / z
        var = sum((w * k * (v - mean) ** 2 for w, (v, k) in zip(weights, atoms)), acb(0)) / z
        return t * var

    with precision(_prec(prec)):
        value = acb.integral(integrand, 0, acb(lam_))
        return value.real


def shifted_entropy(s: Sequence[Any], lam: Any, c: Any, prec: int = 53) -> Any:
    """ENT-A4-SHIFT: :math:`H(\\lambda; s + c\\mathbf 1) = -\\sum_i p_i\\ln p_i` of the shifted scores (the
    shift applied exactly in ``fmpq``, then the definition as in :func:`entropy_definition`)."""
    shift = rational(c, "c")
    return entropy_definition([v + shift for v in _score_vector(s)], lam, prec)


def scaled_entropy(s: Sequence[Any], lam: Any, a: Any, prec: int = 53) -> Any:
    """ENT-A4-SCALE: :math:`H(\\lambda; a s) = -\\sum_i p_i\\ln p_i` of the scaled scores at
    :math:`\\lambda` (the scaling applied exactly in ``fmpq``, then the definition as in
    :func:`entropy_definition`)."""
    factor = rational(a, "a")
    return entropy_definition([factor * v for v in _score_vector(s)], lam, prec)


def entropy_taylor(s: Sequence[Any], prec: int = 53, order: int = 6) -> list[Any]:
    """ENT-A5: :math:`[h_0, \\dots, h_{order}]`, :math:`H(t) = \\sum_k h_kt^k` at :math:`\\lambda = 0`: the
    definition :math:`-\\sum_i p_i\\ln p_i` evaluated on the power series t (``arb_series``, ``order + 1``
    terms), so each coefficient is exact up to Arb's error bound (no cumulant is formed)."""
    from flint import fmpq

    order = integer(order, "order", low=0)
    atoms = _atoms(_score_vector(s))
    with precision(_prec(prec) + 4 * order):
        return _entropy_series(atoms, fmpq(0), order + 1)


def entropy_slack(s: Sequence[Any], lam: Any, prec: int = 53) -> Any:
    """ENT-A6: :math:`H(\\lambda) - [\\ln n - \\lambda(s_{\\max} - \\bar s)]`, H from the definition
    :math:`-\\sum_i p_i\\ln p_i` in balls, the bound with :math:`s_{\\max}` and :math:`\\bar s` exact
    (``fmpq``); the slack's two-bracket decomposition is not used."""
    from flint import arb

    vec, lam_ = _score_vector(s), rational(lam, "lam")
    spread = max(vec) - sum(vec) / len(vec)
    with precision(_prec(prec)):
        return _entropy_value(_atoms(vec), lam_) - arb(len(vec)).log() + lam_ * spread


# --- the two-level model (ENT-A8) ---------------------------------------------------------------------


def _two_level_atoms(n: int, top: Any) -> list[tuple[Any, int]]:
    """The vector :math:`(\\mathrm{top}, 0, \\dots, 0) \\in \\mathbb R^n` as atoms with multiplicities."""
    from flint import fmpq

    return [(fmpq(top), n)] if top == 0 else [(fmpq(top), 1), (fmpq(0), n - 1)]


def two_level_quantities(n: Any, delta: Any, lam: Any, prec: int = 53) -> list[Any]:
    """ENT-A8: ``[p_1, H, H, s_max - mean]`` of the vector :math:`(\\Delta, 0, \\dots, 0)`: :math:`p_1` the
    softmax weight of the :math:`\\Delta` entry, H the definition :math:`-\\sum p\\ln p` (once for each of the
    two closed forms), :math:`s_{\\max} - \\bar s` exactly in ``fmpq``.  Any ``n >= 2`` (two atoms with
    multiplicities)."""
    n_ = integer(n, "n", low=2)
    d, lam_ = rational(delta, "delta"), rational(lam, "lam")
    atoms = _two_level_atoms(n_, d)
    vec_max = max(0, d)
    spread = vec_max - d / n_
    with precision(_prec(prec)):
        probs, _ = _softmax_series(atoms, lam_, 1)
        h = _entropy_value(atoms, lam_)
        return [_coefficients(probs[0], 1)[0], h, h, spread]


def _log_law_scale(n: int, c: Any) -> Any:
    from flint import arb

    return arb(n - 1).log() + c


def log_law_focus(n: Any, c: Any, prec: int = 53) -> Any:
    """ENT-A8A: the weight :math:`e^u/(e^u + (n-1)e^0)` of the distinguished score of the two-level vector
    :math:`(1, 0, \\dots, 0)` at the scale :math:`u = \\ln(n-1) + c` (softmax in balls, n as an exact
    integer)."""
    n_, c_ = integer(n, "n", low=2), rational(c, "c")
    with precision(_prec(prec)):
        probs, _ = _softmax_series(_two_level_atoms(n_, 1), _log_law_scale(n_, c_), 1)
        return _coefficients(probs[0], 1)[0]


def log_law_entropy(n: Any, c: Any, prec: int = 53) -> Any:
    """ENT-A8B: :math:`H = -\\sum p\\ln p` of the two-level vector :math:`(1, 0, \\dots, 0)` at
    :math:`u = \\ln(n-1) + c` (two atoms with multiplicities 1 and n - 1)."""
    n_, c_ = integer(n, "n", low=2), rational(c, "c")
    with precision(_prec(prec)):
        return _entropy_value(_two_level_atoms(n_, 1), _log_law_scale(n_, c_))


def two_level_slope(n: Any, u: Any, prec: int = 53) -> Any:
    """ENT-A8C: :math:`dH/du` of the two-level entropy :math:`-\\sum p\\ln p` of :math:`(1, 0, \\dots, 0)` at
    scale u: the first Taylor coefficient of the definition on the series u + t (``arb_series``)."""
    n_, u_ = integer(n, "n", low=2), rational(u, "u")
    with precision(_prec(prec)):
        return _entropy_series(_two_level_atoms(n_, 1), u_, 2)[1]


# --- scale laws (ENT-A7, A11, A14, A16) -------------------------------------------------------------


def _increasing_root(f: Callable[[Any], Any], df: Callable[[Any], Any], lo: Any, what: str) -> Any:
    """A ball that provably holds the root of ``f`` above ``lo``, for an increasing differentiable ``f``.

    ``f(lo) < 0`` is checked in balls and an upper end with ``f(hi) > 0`` is found by doubling the distance
    to ``lo``: the root lies in ``[lo, hi]`` (intermediate value theorem; unique as f is increasing).  The
    bracket X is then narrowed by interval Newton, :math:`X \\cap (m - f(m)/f'(X))` with m the midpoint and
    :math:`f'(X)` Arb's enclosure of the derivative over X (it keeps the root by the mean value theorem),
    or by bisection on a certain sign of f(m); when the sign of f(m) is undecided (m within the working
    precision of the root), by a new bracket :math:`m \\pm \\varepsilon` with certain signs at both ends
    (the smallest such :math:`\\varepsilon = 2^{-p+8}(1 + |m|)16^k` below the radius of X), until nothing
    narrows X.
    """
    from flint import arb, ctx

    low = arb(lo)
    if not f(low) < 0:
        raise ValueError(f"{what}: the defining function is not certainly negative at the lower end {lo}")
    width = arb(1)
    for _ in range(4096):
        high = low + width
        if f(high) > 0:
            break
        width *= 2
    else:
        raise ValueError(f"{what}: no upper end of a bracket found")
    x = low.union(high)
    for _ in range(100_000):
        m = arb(x.mid())
        fm, slope = f(m), df(x)
        step = x
        if slope > 0:
            step = x.intersection(m - fm / slope)  # never empty: the root is in x
        if not step.rad() < x.rad() / 2:
            if fm > 0:
                step = x.lower().union(m).intersection(x)
            elif fm < 0:
                step = m.union(x.upper()).intersection(x)
            else:
                step = _bracket_near(f, m, x, arb(2) ** (8 - ctx.prec) * (1 + abs(m)))
        if not step.rad() < x.rad():
            return x
        x = step
    raise ValueError(f"{what}: the bracket did not narrow")  # pragma: no cover - Newton is quadratic


def _bracket_near(f: Callable[[Any], Any], m: Any, x: Any, eps: Any) -> Any:
    """The ball :math:`[m - \\varepsilon, m + \\varepsilon] \\cap X` for the first
    :math:`\\varepsilon = 16^k\\varepsilon_0` (below the radius of X) with f certainly negative on the ball
    :math:`m - \\varepsilon` and certainly positive on :math:`m + \\varepsilon`; X itself if there is none."""
    while eps < x.rad():
        a, b = m - eps, m + eps
        if f(a) < 0 and f(b) > 0:
            return a.union(b).intersection(x)
        eps *= 16
    return x


def _log_by_root(x: Any, base: Any, what: str) -> Any:
    """:math:`\\log_b x` as the root y of the increasing :math:`b^y - x` (x >= 1, b > 1 exact rationals)."""
    from flint import arb

    if x == 1:
        return arb(0)
    rate = arb(base).log()
    return _increasing_root(lambda y: (y * rate).exp() - x, lambda y: rate * (y * rate).exp(), 0, what)


def su_law_roots(n: Any, d: Any, kappa: Any, sigma: Any, prec: int = 53) -> list[Any]:
    """ENT-A7-ALG: for the spreads D = d and :math:`D = \\sigma\\sqrt{2\\ln n}`, the root :math:`\\lambda` of
    :math:`\\ln n - \\lambda D = (1 - \\kappa)\\ln n` (the bound level of ENT-A6), by :func:`_increasing_root`
    on :math:`f(\\lambda) = (1 - \\kappa)\\ln n + \\lambda D - \\ln n` (increasing,
    :math:`f(0) = -\\kappa\\ln n < 0`)."""
    from flint import arb

    n_, d_ = integer(n, "n", low=2), rational(d, "d")
    k_, s_ = rational(kappa, "kappa"), rational(sigma, "sigma")
    for name, v in (("d", d_), ("kappa", k_), ("sigma", s_)):
        if not v > 0:
            raise ValueError(f"{name} must be > 0, got {v}")
    with precision(_prec(prec)):
        ln_n = arb(n_).log()
        out = []
        for spread in (arb(d_), s_ * (2 * ln_n).sqrt()):
            out.append(_increasing_root(lambda lam, D=spread: (1 - k_) * ln_n + lam * D - ln_n,
                                        lambda lam, D=spread: D, 0, "ENT-A7-ALG"))
        return out


def practical_scale_roots(n: Any, d: Any, prec: int = 53) -> list[Any]:
    """ENT-A11A: ``[kappa, kappa ln n/d, log_512 n - log_2(n)/9]``: :math:`\\kappa` the root of the increasing
    :math:`\\kappa\\ln 512/d - 1/\\sqrt d`, the two logarithms the roots y of :math:`512^y = n` and
    :math:`2^y = n` (:func:`_increasing_root`; no logarithm of n in base 512 or 2 is taken)."""
    from flint import arb

    n_, d_ = integer(n, "n", low=1), integer(d, "d", low=1)
    with precision(_prec(prec)):
        ln512, inv_sqrt_d = arb(512).log(), 1 / arb(d_).sqrt()
        kappa = _increasing_root(lambda k: k * ln512 / d_ - inv_sqrt_d, lambda k: ln512 / d_, 0,
                                 "ENT-A11A kappa")
        logs = _log_by_root(n_, 512, "ENT-A11A log_512") - _log_by_root(n_, 2, "ENT-A11A log_2") / 9
        return [kappa, kappa * arb(n_).log() / d_, logs]


def ssmax_weights(n: Any, s: Any, delta: Any, prec: int = 53, base: Any = -2) -> list[Any]:
    """ENT-A14 on the vector :math:`z = (b + \\Delta, b, \\dots, b)` (b = -2): ``[n^{s z_1}/sum_j n^{s z_j},
    softmax((s ln n) z)_1]``, the first from powers of n (``arb ** fmpq``), the second from exponentials at
    :math:`\\lambda = s\\ln n`; the n - 1 equal entries enter with their multiplicity."""
    from flint import arb

    n_ = integer(n, "n", low=2)
    s_, d_, b_ = rational(s, "s"), rational(delta, "delta"), rational(base, "base")
    with precision(_prec(prec)):
        top, rest = arb(n_) ** (s_ * (b_ + d_)), arb(n_) ** (s_ * b_)
        direct = top / (top + (n_ - 1) * rest)
        lam = s_ * arb(n_).log()
        e_top, e_rest = (lam * (b_ + d_)).exp(), (lam * b_).exp()
        return [direct, e_top / (e_top + (n_ - 1) * e_rest)]


def half_point_root(delta: Any, prec: int = 53) -> Any:
    """ENT-A14-FIG: the real n at which :math:`e^\\Delta/(e^\\Delta + n - 1) = 1/2`, by
    :func:`_increasing_root` on :math:`f(n) = 1/2 - e^\\Delta/(e^\\Delta + n - 1)` from n = 1 (f(1) = -1/2;
    f increases for n > 1)."""
    from flint import arb, fmpq

    d_ = rational(delta, "delta")
    if not d_ > 0:
        raise ValueError(f"delta must be > 0, got {d_}")
    with precision(_prec(prec)):
        e = arb(d_).exp()
        half = arb(fmpq(1, 2))
        return _increasing_root(lambda x: half - e / (e + x - 1), lambda x: e / (e + x - 1) ** 2, 1,
                                "ENT-A14-FIG")


_Q = (3, -1, 4, 1, -5, 9, 2, -6)  # q = _Q/7, k = _K/5, the fixed vectors of the emulated YaRN code path
_K = (2, 7, -1, 8, 2, -8, 1, 8)


def _rotate(v: Sequence[Any], pos: int, scale: Any) -> list[Any]:
    """Rotary embedding (interleaved pairs, base 10000), the cos and sin caches multiplied by ``scale``."""
    from flint import arb, fmpq

    dim = len(v)
    out = list(v)
    for i in range(dim // 2):
        sin, cos = (pos * arb(10000) ** fmpq(-2 * i, dim)).sin_cos()
        c, s = scale * cos, scale * sin
        x, y = v[2 * i], v[2 * i + 1]
        out[2 * i], out[2 * i + 1] = x * c - y * s, x * s + y * c
    return out


def _rope_ratio(factor: Any) -> Any:
    from flint import arb, fmpq

    mscale = fmpq(1, 10) * arb(factor).log() + 1 if factor > 1 else arb(1)
    q = [fmpq(x, 7) for x in _Q]
    k = [fmpq(x, 5) for x in _K]

    def logit(scale: Any) -> Any:
        return sum((a * b for a, b in zip(_rotate(q, 7, scale), _rotate(k, 3, scale))), arb(0))

    return logit(mscale) / logit(arb(1))


def yarn_logit_ratio(factor: Any, prec: int = 53) -> Any:
    """ENT-A16: the factor :math:`q'\\cdot k'/q\\cdot k` that YaRN's code path puts on a logit: fixed
    :math:`q, k \\in \\mathbb R^8` rotated (positions 7 and 3, base 10000) with both the cos and the sin cache
    times :math:`\\mathrm{mscale} = 0.1\\ln s + 1` (1 for s <= 1), in Arb balls."""
    f = rational(factor, "factor")
    if not f > 0:
        raise ValueError(f"factor must be > 0, got {f}")
    with precision(_prec(prec)):
        return _rope_ratio(f)


def yarn_algebra_routes(s: Any, train_len: Any, prec: int = 53) -> list[Any]:
    """ENT-A16-ALG (s > 1): ``[logit factor of the YaRN code path, log_L(sL)]``, the first as in
    :func:`yarn_logit_ratio`, the second the root y of the increasing :math:`L^y - sL`
    (:func:`_increasing_root`; nothing is expanded)."""
    s_, ell = rational(s, "s"), rational(train_len, "train_len")
    if not s_ > 1:
        raise ValueError(f"s must be > 1 (the YaRN factor is clipped to 1 for s <= 1), got {s_}")
    if not ell > 1:
        raise ValueError(f"train_len must be > 1, got {ell}")
    with precision(_prec(prec)):
        return [_rope_ratio(s_), _log_by_root(s_ * ell, ell, "ENT-A16-ALG")]
