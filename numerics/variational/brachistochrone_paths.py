"""The brachistochrone computed numerically (private; public names in :mod:`numerics.variational`).

Conventions of spec ``variational.md`` section 1: the y axis points down, the bead
starts at rest at the origin, the endpoint is ``(X, Y)`` with ``Y > 0``, ``X >= 0``;
the speed is :math:`v=\\sqrt{2gy}` and the source's gravity is ``g = 1/2``.

Every quantity here is computed by a numerical route (root finding, quadrature with
singularity-removing substitutions, Snell shooting, a discrete optimisation) and
never from the closed forms in :mod:`proofs.variational` (``T = theta1*sqrt(r/g)``
and friends), so that agreement is evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral
from typing import Any

from mpmath import mp

from .validation import arch_angle, gravity, nonnegative, positive
from numerics.agree import DEFAULT_DPS, with_dps

__all__ = [
    "brachistochrone",
    "brachistochrone_shooting",
    "cycloid_arc_to_bottom",
    "discrete_brachistochrone",
    "endpoint_phi_prime_scaled",
    "path_time",
    "safe_newton",
    "segment_time",
    "tautochrone_time",
    "theta_minus_sin",
]

PATHS = ("cycloid", "line", "quarter-circle", "arc")


def theta_minus_sin(t: Any) -> Any:
    """:math:`\\theta-\\sin\\theta` without cancellation (pitfall C4).

    For :math:`2^{-24} \\le |\\theta| < 1` the subtraction loses about :math:`\\log_2(6/\\theta^2)` bits, so it
    is done with that many extra bits (one ``sin``, much cheaper than a long series at high
    precision); below, the Taylor series :math:`\\sum_k (-1)^{k+1}\\theta^{2k+1}/(2k+1)!`, k >= 1, needs only a
    few terms.
    """
    if abs(t) >= 1:
        return t - mp.sin(t)
    if t == 0:
        return mp.zero
    exponent = mp.mag(t)  # |t| < 2^exponent
    if exponent >= -24:
        with mp.extraprec(10 - 2 * exponent):
            diff = t - mp.sin(t)
        return +diff
    term, total, k, t2 = t**3 / 6, mp.zero, 1, t * t
    while term != 0 and abs(term) > mp.eps * abs(total) / 16:
        total += term
        term = -term * t2 / ((2 * k + 2) * (2 * k + 3))
        k += 1
    return total


def safe_newton(f: Callable[[Any], Any], df: Callable[[Any], Any], lo: Any, hi: Any, *,
                bisect: int = 30, maxiter: int = 200, start: Any = None) -> Any:
    """Root of ``f`` in the bracket ``[lo, hi]`` (``f(lo) < 0 < f(hi)``): bisection, then safeguarded Newton.

    Iterates never leave the bracket (pitfall C9); a Newton step that would is replaced
    by a bisection step, so convergence is guaranteed for a continuous ``f``.
    """
    for _ in range(0 if start is not None else bisect):
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    x = (lo + hi) / 2 if start is None else start
    for _ in range(maxiter):
        fx = f(x)
        if fx == 0:
            return x
        if fx < 0:
            lo = x
        else:
            hi = x
        d = df(x)
        step = fx / d if d != 0 else None
        new = x - step if step is not None else (lo + hi) / 2
        if abs(new - x) <= 4 * mp.eps * abs(x):
            return new  # the Newton correction is below the working resolution
        if not lo < new < hi:
            # Newton left the bracket (it overshoots when an end lies within the squared distance of
            # the root): restart it from the end it left through before falling back to bisection,
            # which alone would converge only linearly
            end = hi if new >= hi else lo
            d_end = df(end)
            new = end - f(end) / d_end if d_end != 0 else (lo + hi) / 2
            if not lo < new < hi:
                new = (lo + hi) / 2
        if hi - lo <= 4 * mp.eps * abs(x):
            return new
        x = new
    raise ValueError("the endpoint solve (safeguarded Newton) did not converge at this precision: "
                     "the endpoint ratio X/Y is too extreme; try a larger dps")


def _ramped_root(f: Callable[[Any], Any], df: Callable[[Any], Any], lo: Any, hi: Any, *, bisect: int) -> Any:
    """:func:`safe_newton` at 20 digits, then polished by safe_newton at the working precision from that root.

    Newton doubles the correct digits per step, so when ``f`` is costly (a quadrature) the full-precision
    evaluations drop from the whole bisection + Newton sequence to the last three or so.  The bracket
    is the original one, so the polish is as safe as a direct solve; if the rough solve fails, the
    direct solve runs instead.
    """
    rough = None
    if mp.dps > 20:
        try:
            with mp.workdps(20):
                rough = safe_newton(f, df, lo, hi, bisect=bisect)
        except ValueError:
            rough = None
    if rough is None or not lo < rough < hi:
        return safe_newton(f, df, lo, hi, bisect=bisect)
    return safe_newton(f, df, lo, hi, start=rough)


def _endpoint(X: Any, Y: Any) -> tuple[Any, Any]:
    """θ1 in (0, 2π) and r of the cycloid through (X, Y) (VAR-A9), by bisection + Newton.

    The denominator-free form :math:`f(\\theta)=(\\theta-\\sin\\theta)-\\rho(1-\\cos\\theta)`,
    :math:`\\rho = X/Y`, has the sign of :math:`\\varphi(\\theta)-\\rho` on (0, 2π).
    """
    rho = X / Y
    with mp.extradps(15):
        f = lambda t: theta_minus_sin(t) - rho * 2 * mp.sin(t / 2) ** 2
        df = lambda t: 2 * mp.sin(t / 2) ** 2 - rho * mp.sin(t)
        theta1 = safe_newton(f, df, mp.zero, 2 * mp.pi)
        r = Y / (2 * mp.sin(theta1 / 2) ** 2)
    return +theta1, +r


def _checked_endpoint(X: Any, Y: Any, g: Any) -> tuple[Any, Any, Any]:
    X, Y, g = nonnegative(X, "X"), positive(Y, "Y (the depth of the endpoint, y axis down)"), gravity(g)
    return X, Y, g


@with_dps()
def brachistochrone(X: Any, Y: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS, method: str = "parametric") -> dict:
    """The brachistochrone from the origin to ``(X, Y)``: ``{"r", "theta1", "T", "c"}``.

    .. math:: \\frac{\\theta_1-\\sin\\theta_1}{1-\\cos\\theta_1} = \\frac{X}{Y},\\qquad
              r = \\frac{Y}{1-\\cos\\theta_1},\\qquad
              T = \\int_0^{\\theta_1}\\frac{\\sqrt{x_\\theta^2+y_\\theta^2}}{\\sqrt{2gy}}\\,d\\theta .

    ``theta1`` and ``r`` come from bisection on the denominator-free endpoint equation and a
    Newton polish (VAR-A9); ``T`` by quadrature of the time functional along the solved
    cycloid: ``method="parametric"`` (route 1 of VAR-A8, the default) or ``method="x-form"``
    (route 2: :math:`\\int_0^X\\sqrt{1+y'^2}/\\sqrt{2gy}\\,dx` with θ(x) by Newton inversion and
    the substitution x = u³, slow at high precision).  ``"c"`` is the Snell constant
    :math:`\\sin\\psi/v = 1/(2\\sqrt{gr})`.

    Domain: X >= 0, Y > 0, g > 0.  X = 0 is the vertical drop: ``theta1 = 0``,
    ``r = inf``, ``T = sqrt(2Y/g)``, ``c = 0``.  Source: Su-1107; spec VAR-A8, VAR-A9.
    """
    if method not in ("parametric", "x-form"):
        raise ValueError(f"method must be 'parametric' or 'x-form', got {method!r}")
    X, Y, g = _checked_endpoint(X, Y, g)
    if X == 0:
        return {"r": mp.inf, "theta1": mp.zero, "T": mp.sqrt(2 * Y / g), "c": mp.zero}
    theta1, r = _endpoint(X, Y)
    with mp.extradps(10):
        if method == "parametric":
            T = _time_parametric(r, theta1, g)
        else:
            T = _time_x_form(r, theta1, X, g)
        c = 1 / (2 * mp.sqrt(g * r))
    return {"r": r, "theta1": theta1, "T": T, "c": c}


def _time_parametric(r: Any, theta1: Any, g: Any) -> Any:
    """Route 1: the unsimplified integrand, with y = 2r sin²(θ/2) (pitfall C4)."""

    def integrand(t: Any) -> Any:
        s = mp.sin(t / 2)
        x_t, y_t, y = 2 * r * s**2, r * mp.sin(t), 2 * r * s**2
        return mp.sqrt(x_t**2 + y_t**2) / mp.sqrt(2 * g * y)

    return mp.quad(integrand, [0, theta1])


def _time_x_form(r: Any, theta1: Any, X: Any, g: Any) -> Any:
    """Route 2: :math:`\\int_0^X \\sqrt{1+y'^2}/\\sqrt{2gy}\\,dx`, x = u³, θ(x) by safeguarded Newton."""

    def theta_of(x: Any) -> Any:
        f = lambda t: r * theta_minus_sin(t) - x
        df = lambda t: 2 * r * mp.sin(t / 2) ** 2
        # (6x/r)^(1/3) is a lower bound of the root (theta - sin theta <= theta^3/6)
        guess = min(mp.cbrt(6 * x / r), theta1)
        return safe_newton(f, df, mp.zero, theta1 * (1 + mp.mpf(10) ** -5) + mp.eps, start=guess)

    def integrand(u: Any) -> Any:
        t = theta_of(u**3)
        slope = mp.cot(t / 2)
        y = 2 * r * mp.sin(t / 2) ** 2
        return mp.sqrt(1 + slope**2) / mp.sqrt(2 * g * y) * 3 * u**2

    return mp.quad(integrand, [0, mp.cbrt(X)])


@with_dps()
def brachistochrone_shooting(X: Any, Y: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS,
                             integrator: str = "quad") -> dict:
    """Bernoulli–Snell shooting (VAR-A8 route 3): the path from Snell's law, the time by quadrature along it.

    With ψ the tangent angle from the vertical, Snell's law :math:`\\sin\\psi/\\sqrt{y} = c` gives
    :math:`y = \\sin^2\\psi/c^2` and, since :math:`dx = \\tan\\psi\\,dy`, :math:`dx/d\\psi = 2\\sin^2\\psi/c^2`.
    With :math:`\\tilde x(\\psi)=\\int_0^\\psi 2\\sin^2` (integrated numerically: ``integrator="quad"`` or
    ``"odefun"``) the endpoint conditions reduce to :math:`\\tilde x(\\psi_1)/\\sin^2\\psi_1 = X/Y` (solved by
    safeguarded Newton) and :math:`c = \\sin\\psi_1/\\sqrt{Y}`.  The descent time is then the time functional
    integrated along that path by ``quad``,

    .. math:: T = \\int_0^{\\psi_1} \\frac{\\sqrt{x_\\psi^2 + y_\\psi^2}}{\\sqrt{2g\\,y(\\psi)}}\\,d\\psi ,

    not from a formula for it (neither the cycloid's :math:`\\theta_1\\sqrt{r/g}` nor :math:`dt/d\\psi = 2/c`):
    what it checks against VAR-A8 is the shooting (ψ1 and c found from the endpoint alone) together
    with the quadrature.

    Returns ``{"c", "psi1", "T"}`` with ``c`` the Snell constant :math:`\\sin\\psi/v`
    (= :math:`1/(2\\sqrt{gr})`).  Domain X > 0, Y > 0, g > 0.
    """
    if integrator not in ("quad", "odefun"):
        raise ValueError(f"integrator must be 'quad' or 'odefun', got {integrator!r}")
    X, Y, g = _checked_endpoint(X, Y, g)
    if X == 0:
        raise ValueError("X must be positive for the shooting method (X = 0 is the vertical drop)")
    rho = X / Y
    with mp.extradps(15):
        if integrator == "odefun":
            sol = mp.odefun(lambda s, z: 2 * mp.sin(s) ** 2, 0, mp.zero)
            xt = lambda p: sol(p)
        else:
            xt = lambda p: mp.quad(lambda s: 2 * mp.sin(s) ** 2, [0, p])
        h = lambda p: xt(p) - rho * mp.sin(p) ** 2
        dh = lambda p: 2 * mp.sin(p) ** 2 - rho * mp.sin(2 * p)
        psi1 = _ramped_root(h, dh, mp.zero, mp.pi, bisect=12)
        c_half = mp.sin(psi1) / mp.sqrt(Y)  # the Snell constant sin(psi)/sqrt(y)
        c2 = c_half**2
        depth = lambda p: mp.sin(p) ** 2 / c2  # Snell's law
        # ds/dpsi from dx/dpsi = 2 sin^2/c^2 (tan psi dy) and dy/dpsi = sin(2 psi)/c^2, over the speed sqrt(2 g y)
        T = mp.quad(lambda p: mp.hypot(2 * mp.sin(p) ** 2, mp.sin(2 * p)) / c2 / mp.sqrt(2 * g * depth(p)),
                    [0, psi1])
        c = c_half / mp.sqrt(2 * g)
    return {"c": c, "psi1": psi1, "T": T}


@with_dps()
def path_time(path: str, X: Any, Y: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS) -> Any:
    """Descent time from rest at the origin to ``(X, Y)`` along a named path, by quadrature.

    - ``"cycloid"``: the brachistochrone, parametric integrand over [0, θ1] (VAR-A8 route 1);
    - ``"line"``: :math:`(Xt, Yt)`, :math:`t=u^2`, integrand :math:`2L/\\sqrt{2gY}` (VAR-A10);
    - ``"quarter-circle"`` (alias ``"arc"``): the circle through both endpoints with centre
      :math:`(c,0)`, :math:`c=(X^2+Y^2)/(2X)`, :math:`(x,y)=(c(1-\\cos\\varphi), c\\sin\\varphi)`,
      :math:`T=\\int_0^{\\varphi_1} c\\,d\\varphi/\\sqrt{2gc\\sin\\varphi}` with φ = u² (VAR-A11).
      For X = Y it is the quarter circle; it requires X > 0.

    The substitutions remove the inverse-square-root endpoint singularities (pitfall C5).
    Domain: X >= 0, Y > 0, g > 0.
    """
    if path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}; got {path!r}")
    X, Y, g = _checked_endpoint(X, Y, g)
    if path == "cycloid":
        return brachistochrone(X, Y, g=g, dps=dps)["T"]
    with mp.extradps(10):
        if path == "line":
            L = mp.hypot(X, Y)
            # t = u**2: ds = L dt = 2 L u du, v = sqrt(2 g Y) u
            T = mp.quad(lambda u: 2 * L * u / mp.sqrt(2 * g * Y * u**2) if u else 2 * L / mp.sqrt(2 * g * Y),
                        [0, 1])
        else:
            if X == 0:
                raise ValueError("the 'quarter-circle' path needs X > 0 (its centre is at (X^2+Y^2)/(2X), 0)")
            c = (X**2 + Y**2) / (2 * X)
            phi1 = mp.atan2(Y / c, 1 - X / c)
            T = mp.quad(lambda u: 2 * u * c / mp.sqrt(2 * g * c * mp.sin(u**2)), [0, mp.sqrt(phi1)])
    return T


@with_dps()
def tautochrone_time(r: Any, theta0: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS) -> Any:
    """Time from rest at rolling angle θ0 to the lowest point θ = π of the cycloid of radius r (VAR-A12).

    .. math:: T(\\theta_0)=\\int_{\\theta_0}^{\\pi}\\frac{2r\\sin(\\theta/2)\\,d\\theta}
              {\\sqrt{4gr\\,\\sin\\frac{\\theta+\\theta_0}{2}\\sin\\frac{\\theta-\\theta_0}{2}}},
              \\qquad \\theta=\\theta_0+u^2 ,

    with :math:`\\theta-\\theta_0 = u^2` passed directly (pitfalls C4, C7).  Domain r > 0,
    0 <= θ0 < π, g > 0.
    """
    r, t0, g = positive(r, "r"), nonnegative(theta0, "theta0"), gravity(g)
    if t0 >= mp.pi:
        raise ValueError(f"theta0 must lie in [0, pi), got {theta0!r}")
    with mp.extradps(10):

        def integrand(u: Any) -> Any:
            d = u * u
            th = t0 + d
            drop = 2 * r * mp.sin((th + t0) / 2) * mp.sin(d / 2)
            return 2 * r * mp.sin(th / 2) * 2 * u / mp.sqrt(2 * g * drop)

        T = mp.quad(integrand, [0, mp.sqrt(mp.pi - t0)])
    return T


@with_dps()
def segment_time(dx: Any, y0: Any, y1: Any, *, g: Any = 0.5, dps: int = DEFAULT_DPS) -> Any:
    """Time along the straight segment from depth y0 to depth y1 (horizontal run dx), by quadrature.

    Parametrised by :math:`t\\in[0,1]`, :math:`y = y_0 + (y_1-y_0)t`; when y0 = 0 the
    substitution t = u² removes the singularity.  Used to check VAR-A13's segment formula.
    """
    dx, y0, y1, g = nonnegative(dx, "dx"), nonnegative(y0, "y0"), nonnegative(y1, "y1"), gravity(g)
    if y0 == 0 and y1 == 0:
        raise ValueError("a segment at depth 0 (y0 = y1 = 0) is never travelled: the speed is 0")
    with mp.extradps(10):
        L = mp.hypot(dx, y1 - y0)
        if y0 == 0:
            T = mp.quad(lambda u: L * 2 * u / mp.sqrt(2 * g * y1 * u * u) if u else 2 * L / mp.sqrt(2 * g * y1),
                        [0, 1])
        elif y1 == 0:
            T = mp.quad(lambda u: L * 2 * u / mp.sqrt(2 * g * y0 * u * u) if u else 2 * L / mp.sqrt(2 * g * y0),
                        [0, 1])
        else:
            T = mp.quad(lambda t: L / mp.sqrt(2 * g * (y0 + (y1 - y0) * t)), [0, 1])
    return T


#: the most segments: the cost is linear in N per Newton step, so 10^30 would never finish
MAX_SEGMENTS = 2**16


@with_dps()
def discrete_brachistochrone(X: Any, Y: Any, N: int, *, grid: str = "graded", g: Any = 0.5,
                             dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """Exact optimum of the discretised time functional on a depth grid (VAR-A13): ``(kappa, T_N)``.

    Depths :math:`y_i = Y(i/N)^2` (``"graded"``) or :math:`Y i/N` (``"uniform"``), free
    abscissae.  With :math:`w_i = \\sqrt{2/g}/(\\sqrt{y_i}+\\sqrt{y_{i+1}})` (= 2/(...) for
    g = 1/2) the optimum satisfies the discrete Snell law :math:`\\Delta x_i =
    \\kappa h_i/\\sqrt{w_i^2-\\kappa^2}`, κ the root in (0, min w) of the increasing
    :math:`\\sum\\Delta x_i(\\kappa) - X` (bisection + Newton); :math:`T_N=\\sum w_iL_i \\ge T^*`.
    Domain: X > 0, Y > 0, integer N >= 1.  Meaningful as a cycloid approximation for X/Y <= π/2.
    """
    if grid not in ("graded", "uniform"):
        raise ValueError(f"grid must be 'graded' or 'uniform', got {grid!r}")
    if isinstance(N, bool) or not isinstance(N, Integral) or not 1 <= N <= MAX_SEGMENTS:
        raise ValueError(f"N must be a positive integer at most {MAX_SEGMENTS}, got {N!r}")
    X, Y, g = positive(X, "X"), positive(Y, "Y"), gravity(g)
    with mp.extradps(15):
        ys = [Y * (mp.mpf(i) / N) ** (2 if grid == "graded" else 1) for i in range(N + 1)]
        hs = [ys[i + 1] - ys[i] for i in range(N)]
        ws = [mp.sqrt(2 / g) / (mp.sqrt(ys[i]) + mp.sqrt(ys[i + 1])) for i in range(N)]
        top = min(ws)
        S = lambda k: mp.fsum(k * h / mp.sqrt(w * w - k * k) for h, w in zip(hs, ws)) - X
        dS = lambda k: mp.fsum(h * w * w / (w * w - k * k) ** mp.mpf(1.5) for h, w in zip(hs, ws))
        kappa = safe_newton(S, dS, mp.zero, top * (1 - mp.eps), bisect=40)
        dxs = [kappa * h / mp.sqrt(w * w - kappa * kappa) for h, w in zip(hs, ws)]
        T = mp.fsum(w * mp.hypot(d, h) for w, d, h in zip(ws, dxs, hs))
    return kappa, T


@with_dps()
def cycloid_arc_to_bottom(r: Any, theta0: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """Arclength from rolling angle θ0 to the lowest point θ = π, by quadrature of ds = 2r sin(θ/2) dθ."""
    r, t0 = positive(r, "r"), nonnegative(theta0, "theta0")
    if t0 > mp.pi:
        raise ValueError(f"theta0 must lie in [0, pi], got {theta0!r}")
    with mp.extradps(10):
        xf = lambda t: r * theta_minus_sin(t)
        yf = lambda t: 2 * r * mp.sin(t / 2) ** 2
        s = mp.quad(lambda t: mp.hypot(mp.diff(xf, t), mp.diff(yf, t)), [t0, mp.pi])
    return s


@with_dps()
def endpoint_phi_prime_scaled(theta: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\varphi'(\\theta)(1-\\cos\\theta)^2` with φ' by ``mp.diff`` of φ = (θ - sin θ)/(1 - cos θ) (VAR-A9)."""
    th = arch_angle(theta)
    with mp.extradps(10):
        phi = lambda t: theta_minus_sin(t) / (2 * mp.sin(t / 2) ** 2)
        out = mp.diff(phi, th) * (2 * mp.sin(th / 2) ** 2) ** 2
    return out
