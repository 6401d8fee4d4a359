"""Closed forms of the entropy pillar (the API contract of spec ``entropy.md`` section 8).

Every function returns SymPy objects and accepts SymPy numbers, Python ints /
Fractions or symbols.  Numeric arguments are validated (ValueError naming the
argument); symbols are accepted unless their assumptions contradict the domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import sympy
from sympy import Add, Integer, Piecewise, Rational, exp, log, sqrt

__all__ = [
    "softmax_entropy",
    "softmax_probabilities",
    "binary_entropy",
    "logistic",
    "two_level",
    "lower_bound",
    "practical_scale",
    "ssmax_scale",
    "yarn_mscale",
    "gradmax_alpha",
    "real_arg",
    "scores",
]


def real_arg(value: Any, name: str) -> Any:
    """``value`` sympified; ValueError if it is (known to be) non-real, NaN or infinite."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a real number or symbol, got the boolean {value!r}")
    if isinstance(value, Fraction):
        value = Rational(value.numerator, value.denominator)
    try:
        v = sympy.sympify(value, strict=not isinstance(value, str))
    except (sympy.SympifyError, TypeError):
        raise ValueError(f"{name} must be a real number or symbol, got {value!r}") from None
    if not isinstance(v, sympy.Expr):
        raise ValueError(f"{name} must be a real number or symbol, got {value!r}")
    if v.has(sympy.nan, sympy.zoo) or v in (sympy.oo, -sympy.oo):
        raise ValueError(f"{name} must be finite and real (no NaN or infinity), got {value!r}")
    if v.is_real is False or v.is_extended_real is False:
        raise ValueError(f"{name} must be real, got {value!r} (non-real, or a symbol assumed non-real)")
    return v


def scores(s: Any) -> list[Any]:
    """Validate a score vector: a non-empty sequence of real SymPy-convertible entries."""
    if isinstance(s, (str, bytes)) or not isinstance(s, (Sequence, sympy.Tuple, sympy.MatrixBase)):
        raise ValueError(f"s must be a non-empty sequence of real scores, got {type(s).__name__}")
    items = list(s)
    if not items:
        raise ValueError("s must be a non-empty sequence of real scores, got an empty sequence")
    return [real_arg(v, f"s[{i}]") for i, v in enumerate(items)]


def _is_numeric(v: Any) -> bool:
    return bool(getattr(v, "is_number", False))


def _count(n: Any, name: str, minimum: int) -> Any:
    """An integer >= minimum, or a symbol not contradicting that (integer, >= minimum)."""
    if isinstance(n, bool):
        raise ValueError(f"{name} must be an integer >= {minimum}, got the boolean {n!r}")
    if isinstance(n, (Integral, sympy.Integer)):
        if int(n) < minimum:
            raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
        return Integer(int(n))
    v = real_arg(n, name)
    if v.is_number:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    if v.is_integer is False or (v - minimum).is_negative:
        raise ValueError(f"{name} must be an integer >= {minimum}; the symbol {n!r} contradicts that")
    return v


def logistic(c: Any) -> Any:
    """:math:`\\sigma(c) = 1/(1 + e^{-c})`."""
    return 1 / (1 + exp(-c))


def binary_entropy(p: Any) -> Any:
    """:math:`h_b(p) = -p\\ln p - (1-p)\\ln(1-p)` (nats)."""
    return -p * log(p) - (1 - p) * log(1 - p)


def softmax_probabilities(s: Sequence[Any], lam: Any) -> list[Any]:
    """:math:`p_i = e^{\\lambda s_i}/\\sum_j e^{\\lambda s_j}` as SymPy expressions."""
    vec, lam_ = scores(s), real_arg(lam, "lam")
    z = Add(*[exp(lam_ * v) for v in vec])
    return [exp(lam_ * v) / z for v in vec]


def softmax_entropy(s: Sequence[Any], lam: Any) -> Any:
    """ENT-A1: entropy of :math:`p = \\operatorname{softmax}(\\lambda s)` in the log-partition form.

    .. math:: H(\\lambda) = \\ln Z(\\lambda) - \\lambda\\,\\frac{\\sum_i s_i e^{\\lambda s_i}}{Z(\\lambda)},
              \\qquad Z(\\lambda) = \\sum_i e^{\\lambda s_i}

    (that is :math:`A - \\lambda A'` with :math:`A = \\ln Z`).  ``s``: non-empty sequence of
    real scores (numbers or symbols); ``lam``: real scale.  For ``n = 1`` the expression
    equals 0.  Source: Su-8823 (first display), Su-9034 eq. (2).
    """
    vec, lam_ = scores(s), real_arg(lam, "lam")
    z = Add(*[exp(lam_ * v) for v in vec])
    return log(z) - lam_ * Add(*[v * exp(lam_ * v) for v in vec]) / z


def two_level(n: Any, delta: Any, lam: Any) -> dict[str, Any]:
    """ENT-A8: the two-level model :math:`s = (\\Delta, 0, \\dots, 0) \\in \\mathbb{R}^n`, :math:`u = \\lambda\\Delta`.

    .. math:: p_{\\max} = \\frac{1}{1 + (n-1)e^{-u}}, \\qquad
              H = \\ln(e^u + n - 1) - u\\,p_{\\max} = h_b(p_{\\max}) + (1 - p_{\\max})\\ln(n-1).

    Returns a dict with keys ``"u"``, ``"Z"``, ``"p_max"``, ``"H"``, ``"H_grouping"`` and
    ``"spread"`` (:math:`s_{\\max} - \\bar s = \\Delta(n-1)/n`, for :math:`\\Delta \\ge 0`).
    ``n``: integer >= 2 or a symbol (assumed integer >= 2).  The formulas are identities
    for every real ``delta`` and ``lam``; "p_max" is the largest weight when
    :math:`\\lambda\\Delta > 0`.  Source: project derivation (spec ENT-A8).
    """
    n_ = _count(n, "n", 2)
    delta_, lam_ = real_arg(delta, "delta"), real_arg(lam, "lam")
    u = lam_ * delta_
    p = 1 / (1 + (n_ - 1) * exp(-u))
    return {
        "u": u,
        "Z": exp(u) + n_ - 1,
        "p_max": p,
        "H": log(exp(u) + n_ - 1) - u * p,
        "H_grouping": binary_entropy(p) + (1 - p) * log(n_ - 1),
        "spread": delta_ * (n_ - 1) / n_,
    }


def lower_bound(s: Sequence[Any], lam: Any) -> Any:
    """ENT-A6: :math:`\\ln n - \\lambda(s_{\\max} - \\bar s)`, a lower bound of :math:`H(\\lambda)` for :math:`\\lambda \\ge 0`.

    The slack splits into two non-negative parts (Jensen; :math:`E_p s \\le s_{\\max}`).
    A numeric ``lam < 0`` raises ValueError: use the mirror form
    ``lower_bound([-x for x in s], -lam)``.  Source: Su-9034 (as an approximation);
    the bound is a project derivation.
    """
    vec, lam_ = scores(s), real_arg(lam, "lam")
    if lam_.is_negative:
        raise ValueError(
            f"lam must be >= 0 for this bound, got {lam!r}; for lam < 0 use the mirror form "
            "lower_bound([-x for x in s], -lam)"
        )
    n = len(vec)
    return log(n) - lam_ * (sympy.Max(*vec) - Add(*vec) / n)


def _positive(v: Any, name: str, *, minimum: Any = None, strict: bool = True) -> Any:
    x = real_arg(v, name)
    if minimum is not None:
        if (x - minimum).is_negative:
            raise ValueError(f"{name} must be >= {minimum}, got {v!r}")
    elif (x.is_positive is False) if strict else x.is_negative:
        raise ValueError(f"{name} must be {'> 0' if strict else '>= 0'}, got {v!r}")
    return x


def _common_root_log(n: Any, base: Any) -> Any:
    """log(n, base) as an exact rational when both are integer powers of one integer."""
    if n.is_Integer and base.is_Integer and n > 1 and base > 1:
        # perfect_power gives the smallest root, so equal roots mean n = r^a, base = r^b
        rn, an = sympy.perfect_power(int(n)) or (int(n), 1)
        rb, ab = sympy.perfect_power(int(base)) or (int(base), 1)
        if rn == rb:
            return Rational(an, ab)
    if n == 1:
        return Integer(0)
    return log(n) / log(base)


def practical_scale(n: Any, d: Any, base: Any = 512) -> Any:
    """ENT-A11a: Su's practical scale :math:`\\lambda = \\log_{512}(n)/\\sqrt d`.

    .. math:: \\lambda = \\frac{\\log_{b} n}{\\sqrt d} = \\frac{\\ln n}{\\ln b\\,\\sqrt d}, \\qquad b = 512.

    Equals :math:`1/\\sqrt d` at ``n = base``; ``practical_scale(4096, 64) == 1/6``.
    ``n >= 1``, ``d >= 1``, ``base > 0`` and ``base != 1``.  Source: Su-8823.
    """
    n_ = _positive(n, "n", minimum=1)
    d_ = _positive(d, "d", minimum=1)
    b = _positive(base, "base")
    if b == 1:
        raise ValueError("base must be > 0 and != 1, got 1")
    return _common_root_log(n_, b) / sqrt(d_)


def ssmax_scale(n: Any, s: Any) -> Any:
    """ENT-A14: the Scalable-Softmax logit multiplier :math:`s\\ln n` (applied to :math:`z = q\\cdot k/\\sqrt d`).

    :math:`\\mathrm{SSMax}(z)_i = n^{s z_i}/\\sum_j n^{s z_j} = \\operatorname{softmax}((s\\ln n) z)_i`.
    ``n >= 1``; ``s`` real.  Source: Nakanishi 2025 (arXiv 2501.19399).
    """
    n_ = _positive(n, "n", minimum=1)
    return real_arg(s, "s") * log(n_)


def yarn_mscale(factor: Any, mscale: Any = 1) -> Any:
    """ENT-A16: YaRN's attention factor :math:`\\sqrt{1/t} = 0.1\\,\\mathrm{mscale}\\,\\ln s + 1` (1 for s <= 1).

    The logit multiplier is its square (q and k are both scaled).  ``mscale`` is
    DeepSeek-V3's coefficient (1 in YaRN).  ``factor > 0``.  Source: YaRN (Peng et al.
    2023), ``get_mscale``; DeepSeek-V3 inference/model.py.
    """
    f = _positive(factor, "factor")
    m = real_arg(mscale, "mscale")
    value = Rational(1, 10) * m * log(f) + 1
    if f.is_number:
        return Integer(1) if f <= 1 else value
    return Piecewise((Integer(1), f <= 1), (value, True))


def gradmax_alpha(n: Any) -> Any:
    """ENT-A18c: the gradient-maximising scale :math:`\\alpha^* = \\sqrt{W_0(n\\sqrt e/2) - 1/2}` (Su-9812 model).

    Maximiser of :math:`\\alpha(1 - e^{\\alpha^2}/n)`; stationarity :math:`e^{\\alpha^2}(1 + 2\\alpha^2) = n`.
    ``n > 1``.  Source: Su-9812 (objective); the Lambert-W form is a project derivation.
    """
    n_ = real_arg(n, "n")
    if (n_ - 1).is_nonpositive:
        raise ValueError(f"n must be > 1, got {n!r}")
    return sqrt(sympy.LambertW(n_ * sqrt(sympy.E) / 2) - Rational(1, 2))
