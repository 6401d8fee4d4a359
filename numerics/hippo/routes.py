"""Independent mpmath routes used by the registered HiPPO results (private).

Test signals come with their derivatives, so time derivatives of projections are taken
under the integral sign (pitfall 9); nothing here evaluates a transition matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import mpmath
from mpmath import mp

from .bases import fourier_real, legendre_all, quad_each
from numerics.agree import DEFAULT_DPS, to_mp, with_dps
from .projection import analysis, frequencies, project, project_derivative

__all__ = ["signal", "SIGNALS", "poly_signal", "ode_sides", "window_derivative", "fous_lhs",
           "moving_measure_derivative", "fourier_partial_sum", "fous_matrix", "fourier_real_forward",
           "window_sides", "complex_window_poly", "su_legs_integer_sides", "faddeev_leverrier",
           "markov_parameters", "taylor_by_contour", "su_printed_lmu_basis",
           "legs_lipschitz_errors", "legt_impulse_deviation", "legs_initial_table", "fourier_midpoint_table",
           "local_error_table", "legs_lipschitz_table", "poly_fourier_coefficient"]

SIGNALS = ("smooth", "sin", "cubic", "causal-sin")
#: the integrands below are entire on finite intervals (polynomials, sin, exp, e^{2 pi i k s}), where
#: Gauss-Legendre reaches mp.quad's error target with several times fewer nodes than tanh-sinh
_GL = {"method": "gauss-legendre"}


def signal(name: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Named test signal ``(u, u')``: smooth (non-polynomial), sin, cubic, causal-sin (0 before time 0)."""
    if name == "smooth":  # the spec's example input sin 3x + x^2 - 0.3 e^{-x}
        return (lambda v: mp.sin(3 * v) + v * v - mp.mpf(3) / 10 * mp.exp(-v),
                lambda v: 3 * mp.cos(3 * v) + 2 * v + mp.mpf(3) / 10 * mp.exp(-v))
    if name == "sin":
        return mp.sin, mp.cos
    if name == "cubic":
        return poly_signal([mp.mpf(1) / 2, -1, mp.mpf(1) / 3, -mp.mpf(1) / 5])
    if name == "causal-sin":
        return (lambda v: mp.sin(v) if v >= 0 else mp.mpf(0)), (lambda v: mp.cos(v) if v >= 0 else mp.mpf(0))
    raise ValueError(f"unknown signal {name!r}; allowed values: {', '.join(SIGNALS)}")


def _rule(name: str) -> str:
    """``mp.quad`` rule for a named signal on a finite window: Gauss-Legendre when the signal is entire
    (smooth, sin, cubic; far fewer nodes than tanh-sinh at the same error control), tanh-sinh else."""
    return "tanh-sinh" if name == "causal-sin" else "gauss-legendre"


def poly_signal(coeffs: Sequence[Any]) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """:math:`u(x) = \\sum_j a_jx^j` and its derivative (coefficients ascending)."""
    cs = list(coeffs)
    return (lambda v: mp.fsum(to_mp(a) * v**j for j, a in enumerate(cs)),
            lambda v: mp.fsum(j * to_mp(a) * v ** (j - 1) for j, a in enumerate(cs) if j))


@lru_cache(maxsize=256)
@with_dps()
def ode_sides(name: str, measure: str, N: int, t: Any, *, window: Any = 1, dps: int = DEFAULT_DPS) -> tuple:
    """``(c, cdot, u(t), u(t-w))`` for a named signal: c by quadrature, cdot under the integral.

    For LegS/FouS ``cdot`` is multiplied by t (the systems are :math:`t\\dot x = Ax+Bu`).
    Cached (arguments are exact), because a cross-check needs the same quadratures on both sides.
    """
    u, du = signal(name)
    t = to_mp(t)
    cuts = (0,) if name == "causal-sin" else ()
    # every named signal is entire between the breakpoints (the Laguerre tail to oo stays tanh-sinh)
    c = project(u, t, N, measure, window=window, dps=dps, breakpoints=cuts, **_GL)
    d = project_derivative(du, t, N, measure, window=window, dps=dps, breakpoints=cuts, **_GL)
    if measure in ("legs", "fous"):
        d = [t * v for v in d]
    return c, d, u(t), u(t - to_mp(window))


@with_dps()
def window_derivative(coeffs: Sequence[Any], n: int, T: Any, w: Any, measure: str, *,
                      dps: int = DEFAULT_DPS) -> Any:
    """d/dT of a complex/real window coefficient for a polynomial signal, under the integral.

    ``measure="fout-complex"``: :math:`c_n(T)=\\int_0^1u(sw+T-w)e^{-2\\pi ins}ds`.
    """
    u, du = poly_signal(coeffs)
    T, w = to_mp(T), to_mp(w)
    if measure == "fout-complex":
        return mp.quad(lambda s: du(s * w + T - w) * mp.expjpi(-2 * n * s), [0, 1], **_GL)
    raise ValueError(f"unknown window measure {measure!r}")


@with_dps()
def fous_lhs(coeffs: Sequence[Any], n: int, T: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`T\\dot c_n(T)` for FouS, :math:`c_n(T)=\\int_0^1u(sT)e^{-2\\pi ins}ds`, under the integral."""
    _, du = poly_signal(coeffs)
    T = to_mp(T)
    return T * mp.quad(lambda s: du(s * T) * s * mp.expjpi(-2 * n * s), [0, 1], **_GL)


@with_dps()
def moving_measure_derivative(coeffs: Sequence[Any], n: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS) -> list:
    """HIPPO-GEN-1 left side: ``mp.diff`` in T of :math:`c_n(T)=\\int_{-1}^1u(t_T(s))\\hat g_n(s)ds` by quadrature.

    Two parametrisations: LegS :math:`t_T(s)=(s+1)T/2`, LegT :math:`t_T(s)=(s+1)w/2+T-w`;
    :math:`\\hat g_n=\\sqrt{(2n+1)/2}P_n`.
    """
    u, _ = poly_signal(coeffs)
    T, w = to_mp(T), to_mp(w)
    g = lambda s: mp.sqrt(mp.mpf(2 * n + 1) / 2) * mp.legendre(n, s)  # noqa: E731
    legs = lambda TT: mp.quad(lambda s: u((s + 1) * TT / 2) * g(s), [-1, 1], **_GL)  # noqa: E731
    legt = lambda TT: mp.quad(lambda s: u((s + 1) * w / 2 + TT - w) * g(s), [-1, 1], **_GL)  # noqa: E731
    return [mp.diff(legs, T), mp.diff(legt, T)]


@with_dps()
def fourier_partial_sum(u: Callable[[Any], Any], K: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS,
                        method: str = "tanh-sinh") -> Any:
    """:math:`S_K=\\sum_{|k|\\le K}c_k` with :math:`c_k=\\int_0^1u(sw+T-w)e^{-2\\pi iks}ds` by quadrature.

    All 2K + 1 integrals share one subdivision of [0, 1] into K + 1 pieces (at most one oscillation of
    the highest frequency per piece), so u is evaluated once per node.  ``method`` is the ``mp.quad``
    rule: tanh-sinh (default) copes with a u that is not smooth; ``"gauss-legendre"`` is several times
    cheaper for a u that is smooth on the window.
    """
    T, w = to_mp(T), to_mp(w)
    ks = range(-K, K + 1)

    def integrands(s: Any) -> list[Any]:
        value = u(s * w + T - w)
        return [value * mp.expjpi(-2 * k * s) for k in ks]

    return mp.fsum(quad_each(integrands, mp.linspace(0, 1, 2 + K), len(ks), method=method))


@with_dps()
def fous_matrix(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """FouS Galerkin matrix by quadrature.

    .. math:: A_{jl} = -\\delta_{jl}+2\\pi i\\nu_j\\int_0^1 s\\,e^{2\\pi i(\\nu_l-\\nu_j)s}ds

    The integral depends on :math:`m=\\nu_l-\\nu_j` only, so each of the 2N - 1 values of m is integrated once.
    """
    nu = frequencies(N)
    moments: dict[int, Any] = {}
    A = mp.matrix(N, N)
    for j in range(N):
        for q in range(N):
            m = nu[q] - nu[j]
            if m not in moments:
                moments[m] = mp.quad(lambda s: s * mp.expjpi(2 * m * s), mp.linspace(0, 1, 2 + abs(m)),
                                     **_GL)
            A[j, q] = -(1 if j == q else 0) + 2j * mp.pi * nu[j] * moments[m]
    return A


@with_dps()
def basis_value(measure: str, n: int, v: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """The analysis function of the measure at v (exposed for tests)."""
    return analysis(measure, n, to_mp(v))


@lru_cache(maxsize=64)
@with_dps()
def complex_window(name: str, K: int, T: Any, w: Any, *, dps: int = DEFAULT_DPS) -> tuple[list, list]:
    """Complex FouT coefficients :math:`c_k(T)` (k = -K..K) and :math:`\\dot c_k` (under the integral).

    All 2(2K+1) integrals share one subdivision of [0, 1] into K + 1 pieces (at most one oscillation
    of the highest frequency per piece), so the signal is evaluated once per node. Cached: the
    arguments are exact and a cross-check needs the same quadratures for both sides.
    """
    u, du = signal(name)
    T, w = to_mp(T), to_mp(w)
    ks = range(-K, K + 1)

    def integrands(s: Any) -> list[Any]:
        x = s * w + T - w
        waves = [mp.expjpi(-2 * k * s) for k in ks]
        return [u(x) * e for e in waves] + [du(x) * e for e in waves]

    both = quad_each(integrands, mp.linspace(0, 1, 2 + K), 2 * len(ks), method=_rule(name))
    return both[:len(ks)], both[len(ks):]


@lru_cache(maxsize=64)
@with_dps()
def legs_integer_sides(name: str, N: int, t: Any, *, dps: int = DEFAULT_DPS) -> tuple[list, list, Any]:
    """De-rooted LegS state :math:`c'_n=\\int_0^1u(tr)(2n+1)P_n(2r-1)dr` and :math:`t\\dot c'_n` by quadrature.

    :math:`P_0..P_{N-1}` at a node come from one recurrence pass shared by all 2N integrals; cached
    like :func:`ode_sides`.
    """
    u, du = signal(name)
    t = to_mp(t)

    def integrands(r: Any) -> list[Any]:
        g = [(2 * n + 1) * p for n, p in enumerate(legendre_all(N, 2 * r - 1))]
        value, slope = u(t * r), du(t * r) * r
        return [value * gn for gn in g] + [slope * gn for gn in g]

    both = quad_each(integrands, [0, 1], 2 * N, method=_rule(name))
    return both[:N], [t * v for v in both[N:]], u(t)


# --- routes for FOUT-5, ERR-1..3, RESCALE-1, DISC-7 ------------------------------------------------------


#: the convention 9 basis (:func:`numerics.hippo.bases.fourier_real`, FouT's analysis functions) read at the
#: *forward* window position r (r = 1 the present) instead of the backward position s = 1 - r
fourier_real_forward = fourier_real


@lru_cache(maxsize=64)
@with_dps()
def window_sides(name: str, N: int, t: Any, w: Any, basis: Callable[[int, Any], Any], *,
                 dps: int = DEFAULT_DPS) -> tuple[list, list, Any, Any]:
    """Forward-window coefficients :math:`c_n=\\int_0^1u(t-w+wr)\\phi_n(r)dr` and :math:`\\dot c_n` under the integral.

    ``basis(n, r)`` is any analysis function; returns ``(c, cdot, u(t), u(t-w))``.  Nothing here
    integrates by parts, so comparing ``cdot`` with a closed ODE tests its matrices.
    """
    u, du = signal(name)
    t, w = to_mp(t), to_mp(w)
    # smooth (entire) integrands: Gauss-Legendre converges geometrically
    c = [mp.quad(lambda r: u(t - w + w * r) * basis(n, r), [0, 1], method="gauss-legendre") for n in range(N)]
    d = [mp.quad(lambda r: du(t - w + w * r) * basis(n, r), [0, 1], method="gauss-legendre") for n in range(N)]
    return c, d, u(t), u(t - w)


@lru_cache(maxsize=64)
@with_dps()
def complex_window_poly(coeffs: Sequence[Any], K: int, T: Any, w: Any, *,
                        dps: int = DEFAULT_DPS) -> tuple[list, list]:
    """:func:`complex_window` for the polynomial signal with ascending ``coeffs``."""
    u, du = poly_signal(coeffs)
    T, w = to_mp(T), to_mp(w)
    gl = dict(method="gauss-legendre")  # entire integrands: Gauss-Legendre converges geometrically
    c = [mp.quad(lambda s: u(s * w + T - w) * mp.expjpi(-2 * k * s), [0, 1], **gl) for k in range(-K, K + 1)]
    d = [mp.quad(lambda s: du(s * w + T - w) * mp.expjpi(-2 * k * s), [0, 1], **gl) for k in range(-K, K + 1)]
    return c, d


@lru_cache(maxsize=64)
@with_dps()
def su_legs_integer_sides(name: str, N: int, t: Any, *, dps: int = DEFAULT_DPS) -> tuple[list, list, Any]:
    """Su's LegS route to the integer form: Su's coefficients divided by :math:`\\lambda_n=\\sqrt{2/(2n+1)}`.

    Su projects on :math:`s\\in[-1,1]` with :math:`t_T(s)=(s+1)T/2` and the basis
    :math:`\\hat g_n=\\sqrt{(2n+1)/2}\\,P_n(s)`: :math:`\\hat c_n=\\int_{-1}^1u((s+1)t/2)\\hat g_n(s)ds`
    (:math:`\\sqrt2` times the paper's coefficient).  Returns ``(c', t*dc'/dt, u(t))`` with
    :math:`c'_n=\\hat c_n/\\lambda_n` and the derivative taken under the integral sign.
    """
    u, du = signal(name)
    t = to_mp(t)
    norm = [mp.sqrt(mp.mpf(2 * n + 1) / 2) for n in range(N)]

    def integrands(s: Any) -> list[Any]:  # P_0..P_{N-1} by one recurrence pass, shared by 2N integrals
        g = [c * p for c, p in zip(norm, legendre_all(N, s))]
        value, slope = u((s + 1) * t / 2), du((s + 1) * t / 2) * (s + 1) / 2
        return [value * gn for gn in g] + [slope * gn for gn in g]

    both = quad_each(integrands, [-1, 1], 2 * N, **_GL)  # entire integrands
    lam = [mp.sqrt(mp.mpf(2) / (2 * n + 1)) for n in range(N)]
    return [both[n] / lam[n] for n in range(N)], [t * both[N + n] / lam[n] for n in range(N)], u(t)


def faddeev_leverrier(A: Any) -> list:
    """Characteristic polynomial coefficients :math:`[1, c_1, \\dots, c_N]` of A (highest degree first).

    :math:`M_0=0`, :math:`M_k=AM_{k-1}+c_{k-1}I`, :math:`c_k=-\\operatorname{tr}(AM_k)/k`, :math:`c_0=1`.
    """
    N = A.rows
    coeffs = [mp.mpf(1)]
    M = mp.zeros(N, N)
    for k in range(1, N + 1):
        M = A * M + coeffs[-1] * mp.eye(N)
        AM = A * M
        coeffs.append(-mp.fsum(AM[i, i] for i in range(N)) / k)
    return coeffs


def markov_parameters(A: Any, B: Any, psi: Sequence[Any], count: int) -> list:
    """:math:`\\psi^{\\mathsf T}A^jB`, j < count, by repeated matrix-vector products."""
    v, out = B.copy(), []
    for _ in range(count):
        out.append(mp.fsum(to_mp(p) * v[i] for i, p in enumerate(psi)))
        v = A * v
    return out


def taylor_by_contour(F: Callable[[Any], list], orders: Sequence[int], *, radius: Any, points: int) -> list:
    """Taylor coefficients at 0 of an analytic (matrix-valued) F by the trapezoid rule on a circle.

    .. math:: a_m \\approx \\frac1M\\sum_{j<M}F(\\rho\\omega^j)(\\rho\\omega^j)^{-m},\\quad \\omega=e^{2\\pi i/M},

    exact up to the aliased coefficients :math:`a_{m+M}\\rho^{M}`, i.e. geometrically small when
    :math:`\\rho` is well inside the radius of convergence.  ``F`` returns a list of mpmath matrices.
    """
    acc: dict[int, list] = {}
    for j in range(points):
        z = radius * mp.expjpi(mp.mpf(2 * j) / points)
        vals = F(z)
        for m in orders:
            zm = z ** (-m)
            terms = [v * zm for v in vals]
            acc[m] = terms if m not in acc else [a + b for a, b in zip(acc[m], terms)]
    return [[v / points for v in acc[m]] for m in orders]


def su_printed_lmu_basis(n: int, r: Any) -> Any:
    """Analysis function of Su's LegT state rescaled with the *printed* factor :math:`2/\\sqrt{2n+1}`.

    Su's coefficient is :math:`\\sqrt2\\int_0^1u\\,g_n\\,dr`; dividing by :math:`\\lambda_n=2/\\sqrt{2n+1}` gives
    the analysis function :math:`(2n+1)P_n(2r-1)/\\sqrt2` in the forward window position r.
    """
    return (2 * n + 1) * mp.legendre(n, 2 * r - 1) / mp.sqrt(2)


# --- EMPIRICAL measurements (HIPPO-LEGS-P11, HIPPO-LEGS-P9-III) ---------------------------------------------


@lru_cache(maxsize=8)
def legs_lipschitz_errors(sizes: tuple[int, ...], t: Any, kink: Any, *, dps: int = 30) -> tuple[list, Any]:
    """Normalised L^2 errors of the LegS reconstruction of :math:`u(x)=|x-a|` (L = 1) on [0, t], and the slope.

    .. math:: e_N^2=\\int_0^1u(tr)^2dr-\\sum_{n<N}c_n^2\\quad\\text{(Bessel/Parseval, orthonormal } g_n)

    with :math:`c_n` by quadrature split at the kink a; returns ``([e_N], fitted slope of log e_N on log N)``
    computed at ``dps`` (a measurement, not a closed form).
    """
    with mpmath.workdps(dps):
        t, a = to_mp(t), to_mp(kink)
        u = lambda v: abs(v - a)  # noqa: E731
        errs = []
        for N in sizes:
            # u is linear on each side of the kink, so the integrands are polynomials on each piece
            c = project(u, t, N, "legs", dps=dps, breakpoints=(a,), method="gauss-legendre")
            norm2 = mp.quad(lambda r: u(t * r) ** 2, [0, a / t, 1], **_GL)
            errs.append(mp.sqrt(norm2 - mp.fsum(x * x for x in c)))
        xs, ys = [mp.log(n) for n in sizes], [mp.log(e) for e in errs]
        mx, my = mp.fsum(xs) / len(xs), mp.fsum(ys) / len(ys)
        slope = mp.fsum((p - mx) * (q - my) for p, q in zip(xs, ys)) / mp.fsum((p - mx) ** 2 for p in xs)
        return errs, slope


@lru_cache(maxsize=8)
def legt_impulse_deviation(N: int, steps: int = 20, *, dps: int = 20) -> Any:
    """:math:`\\max_{s=j/\\text{steps}<1}\\max_n|(e^{sA}B)_n-g_n(1-s)|/\\sqrt{2n+1}` for LegT with window 1.

    :math:`e^{sA}B` by one ``mp.expm`` of :math:`A/\\text{steps}` and repeated products; A is the closed
    LegT matrix typed from its general term (HIPPO-LEGT-2, checked elsewhere); the target is the
    window-reversed basis :math:`g_n(1-s)=\\sqrt{2n+1}P_n(1-2s)`.  A measurement at ``dps``.
    """
    with mpmath.workdps(dps):
        A = mp.matrix(N, N)
        for n in range(N):
            for k in range(N):
                A[n, k] = -mp.sqrt((2 * n + 1) * (2 * k + 1)) * (1 if k < n else (-1) ** (n - k))
        y = mp.matrix([mp.sqrt(2 * n + 1) for n in range(N)])
        E = mp.expm(A / steps)
        worst = mp.mpf(0)
        for j in range(1, steps):
            y = E * y
            s = mp.mpf(j) / steps
            worst = max(worst, max(abs(y[n] / mp.sqrt(2 * n + 1) - mp.legendre(n, 1 - 2 * s)) for n in range(N)))
        return worst


# --- convergence tables of limit claims (HIPPO-LEGS-P2, HIPPO-FOUT-2, HIPPO-DISC-7, HIPPO-LEGS-P11) ---------------
# Each returns [(n, value), ...] for growing n: the quantity whose limit is claimed, computed at finite n by a
# route that never uses the claimed limit.


def _initial_signal(v: Any) -> Any:
    """The input of the LegS initial-condition table: :math:`u(x) = \\cos 3x + x e^{-x}` (so :math:`u(0) = 1`)."""
    return mp.cos(3 * v) + v * mp.exp(-v)


@with_dps()
def legs_initial_table(N: int, *, dps: int = DEFAULT_DPS, ns: Sequence[int] = (10, 100, 1000, 10**4, 10**5)) -> list:
    """:math:`c(t)` of :math:`u(x) = \\cos 3x + x e^{-x}` at :math:`t = 1/n` by quadrature of the LegS projection
    :math:`c_n(t) = \\int_0^1 u(tr)g_n(r)dr` (HIPPO-LEGS-P2: :math:`c(t) \\to u(0)e_0 = e_0` as :math:`t \\to 0^+`)."""
    return [(n, project(_initial_signal, mp.mpf(1) / n, N, "legs", dps=dps, method="gauss-legendre")) for n in ns]


def poly_fourier_coefficient(coeffs: Sequence[Any], k: int) -> Any:
    """:math:`\\int_0^1 p(s)e^{-2\\pi iks}ds` for the polynomial :math:`p(s) = \\sum_j a_js^j` (ascending coefficients).

    :math:`k = 0`: :math:`\\sum_j a_j/(j+1)`; otherwise repeated integration by parts with :math:`e^{-2\\pi ik} = 1`:
    :math:`\\sum_{j\\ge0}(p^{(j)}(0) - p^{(j)}(1))/(2\\pi ik)^{j+1}`.
    """
    cs = [to_mp(a) for a in coeffs]
    if k == 0:
        return mp.fsum(a / (j + 1) for j, a in enumerate(cs))
    z, total = 2j * mp.pi * k, mp.mpc(0)
    while cs:
        total += (cs[0] - mp.fsum(cs)) / z  # p(0) - p(1)
        cs = [j * a for j, a in enumerate(cs)][1:]  # the derivative
        z *= 2j * mp.pi * k
    return total


@with_dps()
def fourier_midpoint_table(T: Any, w: Any, a0: Any, a1: Any, *, dps: int = DEFAULT_DPS,
                           Ks: Sequence[int] = (8, 64, 512, 4096)) -> list:
    """Partial sums :math:`S_K = \\sum_{|k|\\le K}c_k` of the window Fourier coefficients of
    :math:`u(x) = a_0 + a_1x + (x - T)(x - T + w)` (HIPPO-FOUT-2).

    The added quadratic vanishes at both window ends, so u has the endpoint values of the linear part but is
    not linear; :math:`c_k = \\int_0^1 u(sw + T - w)e^{-2\\pi iks}ds` are integrated exactly
    (:func:`poly_fourier_coefficient`) and summed in order of :math:`|k|`.
    """
    T, w, a0, a1 = (to_mp(v) for v in (T, w, a0, a1))
    # u(sw + T - w) as a polynomial in s: a0 + a1 (T - w) + a1 w s + w^2 s (s - 1)
    coeffs = [a0 + a1 * (T - w), a1 * w - w * w, w * w]
    rows, total, done = [], poly_fourier_coefficient(coeffs, 0), 0
    for K in Ks:
        for k in range(done + 1, K + 1):
            total += poly_fourier_coefficient(coeffs, k) + poly_fourier_coefficient(coeffs, -k)
        done = K
        rows.append((K, mp.re(total)))
    return rows


def local_error_table(A: Any, *, ns: Sequence[int] = (10, 100, 1000, 10**4)) -> list:
    """Scaled one-step errors at :math:`\\epsilon = 1/n` (HIPPO-DISC-7): :math:`(\\bar A - e^{\\epsilon A})/\\epsilon^2`
    for forward Euler, backward Euler, bilinear, and :math:`(\\bar A_{\\mathrm{bilinear}} - e^{\\epsilon A})/\\epsilon^3`.

    ``mp.expm`` and ``mp.inverse`` at the caller's precision plus the digits the differences cancel.
    """
    N = A.rows
    rows = []
    for n in ns:
        with mpmath.extradps(int(3 * mp.log10(n)) + 10):
            eps = mp.mpf(1) / n
            eye = mp.eye(N)
            E = mp.expm(eps * A)
            bil = mp.inverse(eye - eps * A / 2) * (eye + eps * A / 2)
            parts = [(eye + eps * A - E) / eps**2, (mp.inverse(eye - eps * A) - E) / eps**2,
                     (bil - E) / eps**2, (bil - E) / eps**3]
        rows.append((n, [+M for M in parts]))
    return rows


@lru_cache(maxsize=8)
def legs_lipschitz_table(sizes: tuple[int, ...], t: Any, kink: Any, *, dps: int = 30) -> list:
    """:math:`\\sqrt N\\,e_N/(tL)` (L = 1) for :math:`u(x) = |x - a|` on [0, t] (HIPPO-LEGS-P11), from
    :func:`legs_lipschitz_errors` (normalised :math:`L^2` errors by quadrature, a measurement at ``dps``)."""
    errs, _ = legs_lipschitz_errors(sizes, t, kink, dps=dps)
    with mpmath.workdps(dps):
        return [(N, e * mp.sqrt(N) / to_mp(t)) for N, e in zip(sizes, errs)]
