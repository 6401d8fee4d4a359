"""Numeric routes for the discretisation answers (FAQ-ZOH, FAQ-INT, FAQ-IDX): mpmath only.

Every route computes its quantity from a definition, never from the closed form it is checked against:

- the held-input step is integrated as an ODE (``mp.odefun``, Taylor series method);
- :math:`\\varphi(x)` is the quadrature :math:`\\int_0^1 e^{xt}\\,dt` (``mp.quad``), and its range over a step
  box is the minimum and maximum over a grid of such quadratures;
- the series coefficients of :math:`\\bar B_{\\rm ZOH}(\\Delta)-\\Delta B` are Cauchy integrals on a circle of
  the block exponential :math:`\\exp(\\Delta[[A, B], [0, 0]])` (Van Loan), for a full matrix :math:`A`;
- the Euler-equivalent input and the selective mismatch come from simulating both recurrences;
- the Euler updates are solutions of the scheme equations found by ``mp.findroot``.

Each public function takes ``dps`` (default 50), works at ``dps + 20`` and returns at ``dps`` digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

__all__ = ["euler_equivalent_input", "held_input_step", "held_outputs", "hold_updates", "phi", "phi_range",
           "selective_mismatch", "zoh_integrals", "zoh_pair", "zoh_series_coefficients"]

_GUARD = 20


def _real(value: Any, name: str, *, positive: bool = False, nonzero: bool = False) -> Any:
    """``value`` as an mpf at the working precision, after checking it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, (Integral, Rational, float, mpmath.mpf)):
        raise ValueError(f"{name} must be a real number (int, Fraction, float or mpf), got {value!r}")
    x = to_mp(value)
    if not mpmath.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if positive and x <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    if nonzero and x == 0:
        raise ValueError(f"{name} must be nonzero, got {value!r}")
    return x


def _integrate(a: Any, b: Any, step: Any, h0: Any, inputs: Sequence[Any]) -> Any:
    """h after len(inputs) intervals of length ``step`` of h' = a h + b u, u held at inputs[j] on the j-th."""
    h = h0
    for u in inputs:
        start = h
        # Taylor degree = working digits: shorter expansions than mpmath's default, same tolerance
        sol = mp.odefun(lambda t, y, u=u: a * y + b * u, 0, start, degree=mp.dps)
        h = sol(step)
    return h


@with_dps(_GUARD)
def phi(x: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\varphi(x) = \\int_0^1 e^{xt}\\,dt` (:math:`= (e^x-1)/x`, :math:`\\varphi(0) = 1`) by
    quadrature.

    The ratio of the ZOH input matrix to Euler's: :math:`\\bar B_{\\rm ZOH} = \\varphi(\\Delta A)\\,\\Delta B`
    (FAQ-ZOH-1).  ``x`` real.
    """
    x = _real(x, "x")
    return mp.quad(lambda t: mp.exp(x * t), [0, 1])


@with_dps(_GUARD)
def held_input_step(a: Any, b: Any, step: Any, h0: Any, u: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`h(\\Delta)` for :math:`h' = ah + bu` with :math:`u` held constant on :math:`[0, \\Delta]`,
    :math:`h(0) = h_0`, integrated by ``mp.odefun`` (one channel of a diagonal SSM, as in Mamba)."""
    a, b, step = _real(a, "a"), _real(b, "b"), _real(step, "step", positive=True)
    return _integrate(a, b, step, _real(h0, "h0"), [_real(u, "u")])


@with_dps(_GUARD)
def zoh_pair(a: Any, b: Any, step: Any, *, dps: int = DEFAULT_DPS) -> list:
    """:math:`[\\bar A, \\bar B]` of one held-input step: the response to :math:`h_0 = 1, u = 0` and to
    :math:`h_0 = 0, u = 1` of the ODE :math:`h' = ah + bu` over :math:`[0, \\Delta]` (``mp.odefun``)."""
    a, b, step = _real(a, "a"), _real(b, "b"), _real(step, "step", positive=True)
    return [_integrate(a, b, step, mp.one, [0]), _integrate(a, b, step, mp.zero, [1])]


def _square(A: Any) -> Any:
    M = A if isinstance(A, mpmath.matrix) else mpmath.matrix([[to_mp(v) for v in row] for row in A])
    if M.rows != M.cols or M.rows < 1:
        raise ValueError(f"A must be a non-empty square matrix, got {M.rows} x {M.cols}")
    return M


@with_dps(_GUARD)
def zoh_series_coefficients(A: Any, B: Any, k: int, *, dps: int = DEFAULT_DPS) -> list:
    """:math:`[\\Delta^{j+1}](\\bar B_{\\rm ZOH}(\\Delta) - \\Delta B)` for :math:`j = 0..k`, a square
    matrix ``A`` (rows) and a vector ``B``: a list of ``k + 1`` vectors (lists), all from the same samples.

    :math:`\\bar B_{\\rm ZOH}(\\Delta)` is the upper-right block of :math:`\\exp(\\Delta[[A, B], [0, 0]])`
    (``mp.expm``); the coefficient is the trapezoid rule for Cauchy's integral on a circle
    :math:`|\\Delta| = r` well inside the radius where the terms decay (the function is entire), with enough
    points that the aliased terms :math:`\\Delta^{k+1+mP}` are far below the working precision, and guard
    digits for the cancellation of the lower terms.
    """
    if isinstance(k, bool) or not isinstance(k, Integral) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    k = int(k)
    with mp.workdps(mp.dps + 2 * k):
        M = _square(A)
        n = M.rows
        vec = [to_mp(v) for v in B]
        if len(vec) != n:
            raise ValueError(f"B must have {n} entries (the size of A), got {len(vec)}")
        block = mp.zeros(n + 1, n + 1)
        for i in range(n):
            for j in range(n):
                block[i, j] = M[i, j]
            block[i, n] = vec[i]
        # r |A| <= 1/16: the aliased terms Delta^(j+1+mP) are below (1/16)^P / P! relative, under
        # 10^-(dps+5) for P = dps/2 + 2; the lower terms cancel about 1.2 k + log10((k+1)!) digits (guard 2k)
        r = 1 / (16 * (mp.mnorm(M, 1) + mp.norm(mp.matrix(vec), 1) + 1))
        points = 2 * (dps // 4 + 2)
        acc = [[mp.zero] * n for _ in range(k + 1)]
        # A and B are real, so the samples at conjugate points are conjugate: the upper half circle
        # (weight 2, the real points weight 1) gives the real part of the trapezoid sum
        for m in range(points // 2 + 1):
            z = r * mp.expjpi(mp.mpf(2 * m) / points)
            weight = 1 if m in (0, points // 2) else 2
            E = mp.expm(z * block)
            rest = [E[i, n] - z * vec[i] for i in range(n)]
            for j in range(k + 1):
                acc[j] = [acc[j][i] + weight * mp.re(rest[i] / z ** (j + 1)) for i in range(n)]
        return [[v / points for v in row] for row in acc]


@with_dps(_GUARD)
def euler_equivalent_input(a: Any, b: Any, step: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The :math:`B'` for which Euler-B (:math:`\\bar B = \\Delta B'`, with the same
    :math:`\\bar A = e^{\\Delta a}`) reproduces ZOH with ``b``, measured by simulation: the ZOH response to a
    three-step input (held-input ODE on each interval) divided by the Euler-B response with :math:`B' = 1`."""
    a, b, step = _real(a, "a"), _real(b, "b"), _real(step, "step", positive=True)
    inputs = [mp.one, mp.mpf(-2), mp.mpf(3) / 2]
    zoh = _integrate(a, b, step, mp.zero, inputs)
    abar, euler = mp.exp(step * a), mp.zero
    for u in inputs:
        euler = abar * euler + step * u
    return zoh / euler


@with_dps(_GUARD)
def selective_mismatch(a: Any, b: Any, step1: Any, step2: Any, u1: Any, u2: Any, *,
                       dps: int = DEFAULT_DPS) -> Any:
    """:math:`h_2^{\\rm ZOH} - h_2^{\\rm Euler}` after two steps of lengths ``step1``, ``step2``.

    Inputs ``u1``, ``u2``, :math:`h_0 = 0`; the Euler-B recurrence uses the :math:`B'` that matches ZOH at
    ``step1`` (measured from the ODE: :math:`\\bar B_1/\\Delta_1`); the ZOH side is the held-input ODE on
    each interval.
    """
    a, b = _real(a, "a"), _real(b, "b")
    d1, d2 = _real(step1, "step1", positive=True), _real(step2, "step2", positive=True)
    u1, u2 = _real(u1, "u1"), _real(u2, "u2")
    h1 = _integrate(a, b, d1, mp.zero, [u1])
    zoh = _integrate(a, b, d2, h1, [u2])
    fitted = _integrate(a, b, d1, mp.zero, [mp.one]) / d1  # B' with Delta_1 B' = ZOH Bbar at step 1
    euler = mp.exp(d2 * a) * (d1 * fitted * u1) + d2 * fitted * u2
    return zoh - euler


def _box(d_state: Any, dt_min: Any, dt_max: Any) -> tuple[int, Any, Any]:
    if isinstance(d_state, bool) or not isinstance(d_state, Integral) or d_state < 1:
        raise ValueError(f"d_state must be a positive integer, got {d_state!r}")
    lo, hi = _real(dt_min, "dt_min", positive=True), _real(dt_max, "dt_max", positive=True)
    if lo > hi:
        raise ValueError(f"dt_min must not exceed dt_max, got {dt_min!r} > {dt_max!r}")
    return int(d_state), lo, hi


@with_dps(_GUARD)
def phi_range(d_state: int = 16, dt_min: Any = Fraction(1, 1000), dt_max: Any = Fraction(1, 10), *,
              grid: int = 9, dps: int = DEFAULT_DPS) -> list:
    """:math:`[\\min, \\max]` of :math:`\\varphi(-\\Delta n)` over Mamba's initial steps and S4D-Real rates:
    :math:`\\Delta` on a log-spaced grid of ``grid`` points in ``[dt_min, dt_max]`` (ends included) and
    :math:`n = 1, \\ldots, d_{\\rm state}` (:math:`A_n = -n`); every value by quadrature (:func:`phi`).

    Mamba's defaults: ``d_state=16``, ``dt_min=0.001``, ``dt_max=0.1`` (``mamba_simple.py``).
    """
    n, lo, hi = _box(d_state, dt_min, dt_max)
    if isinstance(grid, bool) or not isinstance(grid, Integral) or grid < 2:
        raise ValueError(f"grid must be an integer >= 2, got {grid!r}")
    ratio = hi / lo
    steps = [lo * ratio ** (mp.mpf(i) / (grid - 1)) for i in range(grid)]
    steps[-1] = hi  # the end exactly, not through a rounded power
    values = [mp.quad(lambda t, x=-d * m: mp.exp(x * t), [0, 1]) for d in steps for m in range(1, n + 1)]
    return [min(values), max(values)]


@with_dps(_GUARD)
def zoh_integrals(a: Any, step: Any, *, dps: int = DEFAULT_DPS) -> list:
    """:math:`[\\int_0^\\Delta e^{as}ds,\\ \\int_0^\\Delta e^{-as}ds,\\ F]` by quadrature, with :math:`F` the
    factor
    taking the second to the first (their quotient)."""
    a, step = _real(a, "a"), _real(step, "step", positive=True)
    plus = mp.quad(lambda s: mp.exp(a * s), [0, step])
    minus = mp.quad(lambda s: mp.exp(-a * s), [0, step])
    return [plus, minus, plus / minus]


@with_dps(_GUARD)
def hold_updates(a: Any, b: Any, step: Any, h: Any, x_prev: Any, x_cur: Any, *,
                 dps: int = DEFAULT_DPS) -> list:
    """One step :math:`h_{k-1} \\to h_k` of :math:`h' = ah + bx` by four rules, from their definitions:

    forward Euler (the scheme :math:`(h_k - h)/\\Delta = ah + bx_{k-1}` solved by ``mp.findroot``), backward
    Euler (:math:`(h_k - h)/\\Delta = ah_k + bx_k`, ``mp.findroot``), and the held-input ODE over the interval
    with :math:`x_k` held (``mp.odefun``) and with :math:`x_{k-1}` held.
    """
    a, b, step = _real(a, "a"), _real(b, "b"), _real(step, "step", positive=True)
    h, xp, xc = _real(h, "h"), _real(x_prev, "x_prev"), _real(x_cur, "x_cur")
    if step * a == 1:
        raise ValueError("backward Euler needs step * a != 1 (the scheme has no solution there)")
    forward = mp.findroot(lambda v: (v - h) / step - (a * h + b * xp), h)
    backward = mp.findroot(lambda v: (v - h) / step - (a * v + b * xc), h)
    return [forward, backward, _integrate(a, b, step, h, [xc]), _integrate(a, b, step, h, [xp])]


@with_dps(_GUARD)
def held_outputs(Abar: Any, Bbar: Any, C: Any, inputs: Sequence[Any], k: int, *,
                 dps: int = DEFAULT_DPS) -> list:
    """:math:`[y_k^{\\rm cur}, y_k^{\\rm prev}]`: the outputs :math:`C^\\top h_k` at step ``k`` of the
    recurrences :math:`h_j = \\bar A h_{j-1} + \\bar B u_j` and
    :math:`h_j = \\bar A h_{j-1} + \\bar B u_{j-1}` (:math:`h_{-1} = 0`, :math:`u_{-1} = 0`), simulated in
    mpmath (``Abar`` rows, ``Bbar``, ``C`` vectors)."""
    if isinstance(k, bool) or not isinstance(k, Integral) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    if len(inputs) <= k:
        raise ValueError(f"need inputs u_0..u_{k}, got {len(inputs)}")
    M = _square(Abar)
    b, c = mp.matrix([to_mp(v) for v in Bbar]), mp.matrix([to_mp(v) for v in C])
    if b.rows != M.rows or c.rows != M.rows:
        raise ValueError("Bbar and C must have as many entries as Abar has rows")
    u = [to_mp(v) for v in inputs]
    cur, prev = mp.zeros(M.rows, 1), mp.zeros(M.rows, 1)
    for j in range(int(k) + 1):
        cur = M * cur + b * u[j]
        prev = M * prev + b * (u[j - 1] if j > 0 else 0)
    return [(c.T * cur)[0, 0], (c.T * prev)[0, 0]]
