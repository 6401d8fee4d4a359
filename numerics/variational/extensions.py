"""Part II (extensions): gradient flow, minimisation over distributions, exponentiated gradient (private).

Independent mpmath routes for the VAR-X results: trajectories by ``mp.odefun``,
derivatives by ``mp.diff``, minimisers by ``findroot`` on numerically differentiated
objectives, integrals by ``mp.quad``.  Nothing here evaluates a closed form of
:mod:`proofs` (matrix exponentials, softmax, Gaussian KL formulas).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mpmath import mp

from .validation import positive, real
from numerics.agree import DEFAULT_DPS, with_dps

__all__ = [
    "A_MATRIX",
    "eg_flow",
    "energy_rate",
    "energy_rate_at",
    "entropic_minimiser",
    "flow_state",
    "fokker_planck_ratio",
    "gaussian_free_energy",
    "gaussian_kl_fisher",
    "gibbs_objective",
    "hypergradient",
    "minimise_quadratic_model",
    "mirror_step",
    "proximal_step",
    "quadratic_alignment",
    "quadratic_flow",
    "regularised_linear_values",
    "soft_minimum",
]

A_MATRIX = ((2, 1), (1, 3))


def _vec(values: Sequence[Any], name: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
        raise ValueError(f"{name} must be a non-empty sequence of real numbers, got {values!r}")
    return [real(v, f"{name}[{i}]") for i, v in enumerate(values)]


def _f_quad(z: Sequence[Any]) -> Any:
    (a, b), (c, d) = A_MATRIX
    return (a * z[0] ** 2 + (b + c) * z[0] * z[1] + d * z[1] ** 2) / 2


def _grad(f: Callable[..., Any], z: Sequence[Any]) -> list[Any]:
    n = len(z)
    return [mp.diff(f, list(z), tuple(1 if j == i else 0 for j in range(n))) for i in range(n)]


def _flow(x0: Sequence[Any]) -> Any:
    """odefun solution of x' = -grad f = -A x (the gradient of f = x^T A x / 2)."""
    (a, b), (c, d) = A_MATRIX
    return mp.odefun(lambda _, z: [-(a * z[0] + b * z[1]), -(c * z[0] + d * z[1])], 0, list(x0))


def _expm_flow(x0: Sequence[Any], t: Any) -> list[Any]:
    """x(t) = expm(-A t) x0 by mpmath's matrix exponential (a second, independent trajectory route)."""
    M = mp.expm(-mp.matrix([list(r) for r in A_MATRIX]) * t)
    return [M[0, 0] * x0[0] + M[0, 1] * x0[1], M[1, 0] * x0[0] + M[1, 1] * x0[1]]


@with_dps()
def quadratic_flow(x0: Sequence[Any], t: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """x(t) for :math:`\\dot x = -\\nabla f`, :math:`f = \\tfrac12 x^\\top A x`, A = [[2,1],[1,3]], by ``odefun`` (VAR-X1-2)."""
    x0, t = _vec(x0, "x0"), real(t, "t")
    if t < 0:
        raise ValueError(f"t must be >= 0 (odefun integrates forward), got {t}")
    with mp.extradps(10):
        out = _flow(x0)(t)
    return out


@with_dps()
def flow_state(x0: Sequence[Any], t: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The state x(t) of the flow by ``mp.expm`` (used to place the check of VAR-X1-1 on a trajectory)."""
    x0, t = _vec(x0, "x0"), real(t, "t")
    with mp.extradps(10):
        out = _expm_flow(x0, t)
    return out


@with_dps()
def energy_rate(x0: Sequence[Any], t: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\frac{d}{dt}f(x(t))` along the trajectory (``mp.expm``), by ``mp.diff`` in t (VAR-X1-1)."""
    x0, t = _vec(x0, "x0"), positive(t, "t")
    with mp.extradps(10):
        out = mp.diff(lambda s: _f_quad(_expm_flow(x0, s)), t)
    return out


#: concrete energies f(x1, x2) for VAR-X1-1 and the vector fields of their gradient flows x' = -grad f:
#: 0 is the spec's quadratic x^T A x / 2, 1 a non-quadratic polynomial energy (the flow is integrated, not
#: solved; a transcendental term would make odefun's high-precision Taylor steps far slower)
ENERGIES: dict[int, tuple[Callable[[Sequence[Any]], Any], Callable[[Sequence[Any]], list[Any]]]] = {
    0: (lambda z: _f_quad(z), lambda z: [2 * z[0] + z[1], z[0] + 3 * z[1]]),
    1: (lambda z: z[0] ** 4 / 4 + z[0] * z[1] + z[1] ** 3 / 3 + z[1] ** 2,
        lambda z: [z[0] ** 3 + z[1], z[0] + z[1] ** 2 + 2 * z[1]]),
}


@with_dps()
def energy_rate_at(kind: int, x: Sequence[Any], *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\frac{d}{ds}f(x(s))|_{s=0}` along the gradient flow through the state ``x`` (VAR-X1-1).

    The trajectory :math:`x' = -\\nabla f` through x is integrated by ``odefun`` forwards, and the
    reversed flow backwards, and the derivative of f along it at s = 0 is a central difference with
    one Richardson step (error :math:`O(h^4)`, :math:`h = 10^{-(dps/3+1)}`), all at about twice the working
    precision (``mp.diff`` would evaluate the trajectory beyond the precision odefun solved it at);
    the energy is ``ENERGIES[kind]``.  No formula for the rate is used.
    """
    if isinstance(kind, bool) or kind not in ENERGIES:
        raise ValueError(f"kind must be one of {sorted(ENERGIES)}, got {kind!r}")
    f, grad = ENERGIES[kind]
    x = _vec(x, "x")
    digits = mp.dps
    with mp.workdps(2 * digits + 20):
        # |s| <= h: a Taylor degree of 16 reaches the working tolerance in one step from 0
        ahead = mp.odefun(lambda _, z: [-g for g in grad(z)], 0, list(x), degree=16)
        behind = mp.odefun(lambda _, z: grad(z), 0, list(x), degree=16)
        h = mp.mpf(10) ** (-(digits // 3 + 1))
        wide = (f(ahead(h)) - f(behind(h))) / (2 * h)
        narrow = (f(ahead(h / 2)) - f(behind(h / 2))) / h
        out = (4 * narrow - wide) / 3
    return +out


def _argmin(obj: Callable[..., Any], start: Sequence[Any]) -> list[Any]:
    """Minimiser of a smooth objective: ``findroot`` on its ``mp.diff`` gradient, in two stages (Newton to
    findroot's default tolerance from ``start``, then polished to ``eps^2``): from a far start a single strict
    solve can stop short of its tolerance (e.g. VAR-X3-1 at theta = (21/10, 9/20), g = (49/20, -9/4), eta = 9/10)."""
    n = len(start)
    g = lambda *z: [mp.diff(obj, list(z), tuple(1 if j == i else 0 for j in range(n))) for i in range(n)]
    near = mp.findroot(g, list(start), verify=False)
    near = [near] if n == 1 else [near[i] for i in range(n)]
    sol = mp.findroot(g, near, tol=mp.eps ** 2 * 2**10)
    return [sol] if n == 1 else [sol[i] for i in range(n)]


@with_dps()
def minimise_quadratic_model(g: Sequence[Any], G: Sequence[Sequence[Any]], eta: Any, *,
                             dps: int = DEFAULT_DPS) -> list[Any]:
    """argmin of :math:`\\langle g,\\Delta\\rangle + \\Delta^\\top G\\Delta/(2\\eta)` by findroot on ∇ (VAR-X1-3)."""
    g, eta = _vec(g, "g"), positive(eta, "eta")
    G = [_vec(row, "G") for row in G]
    with mp.extradps(10):
        obj = lambda *d: mp.fsum(gi * di for gi, di in zip(g, d)) + mp.fsum(
            d[i] * G[i][j] * d[j] for i in range(len(d)) for j in range(len(d))) / (2 * eta)
        out = _argmin(obj, [mp.zero] * len(g))
    return out


@with_dps()
def proximal_step(xk: Sequence[Any], eta: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """argmin of :math:`f(x) + \\|x-x_k\\|^2/(2\\eta)` for the quadratic f, by findroot on ∇ (VAR-X1-4)."""
    xk, eta = _vec(xk, "xk"), positive(eta, "eta")
    with mp.extradps(10):
        obj = lambda *z: _f_quad(z) + mp.fsum((zi - xi) ** 2 for zi, xi in zip(z, xk)) / (2 * eta)
        out = _argmin(obj, xk)
    return out


def _gauss(x: Any, mean: Any, var: Any) -> Any:
    return mp.exp(-((x - mean) ** 2) / (2 * var)) / mp.sqrt(2 * mp.pi * var)


def _tail(s: Any) -> Any:
    """Half-width K s beyond which a Gaussian's mass, exp(-K^2/2), is below the working precision."""
    return s * (mp.sqrt(2 * (mp.dps + 10) * mp.log(10)) + 2)


@with_dps()
def fokker_planck_ratio(x: Any, t: Any, m0: Any, s0: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[∂_t p/p] for the OU Gaussian and for the heat-equation Gaussian, ∂_t by ``mp.diff`` (VAR-X1-5)."""
    x, t, m0, s0 = real(x, "x"), positive(t, "t"), real(m0, "m0"), positive(s0, "s0")
    with mp.extradps(10):
        ou = lambda s: _gauss(x, m0 * mp.exp(-s), 1 + (s0**2 - 1) * mp.exp(-2 * s))
        heat = lambda s: _gauss(x, m0, s0**2 + 2 * s)
        out = [mp.diff(ou, t) / ou(t), mp.diff(heat, t) / heat(t)]
    return out


@with_dps()
def gaussian_kl_fisher(m: Any, s: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[KL(N(m, s²) ‖ N(0,1)), I(N(m, s²) ‖ N(0,1))] by quadrature of the definitions (VAR-X1-6)."""
    m, s = real(m, "m"), positive(s, "s")
    with mp.extradps(10):
        p = lambda x: _gauss(x, m, s * s)
        # log p - log q and its x-derivative, from the two Gaussian densities' definitions
        logratio = lambda x: -((x - m) ** 2) / (2 * s * s) - mp.log(s) + x * x / 2
        score = lambda x: -(x - m) / (s * s) + x
        pts = [m - _tail(s), m, m + _tail(s)]
        kl = mp.quad(lambda x: p(x) * logratio(x), pts)
        fisher = mp.quad(lambda x: p(x) * score(x) ** 2, pts)
    return [kl, fisher]


@with_dps()
def soft_minimum(f: Sequence[Any], tau: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`-\\tau\\log\\sum_i e^{-f_i/\\tau}` (computed stably around min f) (VAR-X2-1)."""
    f, tau = _vec(f, "f"), positive(tau, "tau")
    with mp.extradps(10):
        lo = min(f)
        out = lo - tau * mp.log(mp.fsum(mp.exp(-(fi - lo) / tau) for fi in f))
    return out


@with_dps()
def entropic_minimiser(f: Sequence[Any], tau: Any, *, dps: int = DEFAULT_DPS, start: Any = None) -> list[Any]:
    """argmin over the simplex of :math:`\\sum p_if_i + \\tau\\sum p_i\\log p_i`, and the minimum (VAR-X2-2).

    Works in the reduced coordinates :math:`p_n = 1 - \\sum_{i<n} p_i`: Newton on the reduced gradient
    :math:`f_i - f_n + \\tau(\\log p_i - \\log p_n)` with the exact Jacobian, each step halved until it stays
    in the simplex and does not raise the objective, started at the uniform distribution (or at
    ``start``, a probability vector, e.g. the minimiser at a larger τ).  Returns [p_1, …, p_n, min].
    """
    f, tau = _vec(f, "f"), positive(tau, "tau")
    n = len(f)
    if n < 2:
        raise ValueError("f must have at least two entries")
    with mp.extradps(10):
        def obj(*z: Any) -> Any:
            p = list(z) + [1 - mp.fsum(z)]
            return mp.fsum(pi * fi + tau * pi * mp.log(pi) for pi, fi in zip(p, f))

        def grad(*z: Any) -> list:
            last = 1 - mp.fsum(z)
            return [f[i] - f[-1] + tau * (mp.log(z[i]) - mp.log(last)) for i in range(n - 1)]

        def jac(*z: Any) -> Any:
            last = 1 - mp.fsum(z)
            return mp.matrix([[tau * ((1 / z[i] if i == j else 0) + 1 / last) for j in range(n - 1)]
                              for i in range(n - 1)])

        z = [mp.one / n] * (n - 1) if start is None else [real(v, "start") for v in start[: n - 1]]
        inside = lambda w: min(w) > 0 and mp.fsum(w) < 1
        if not inside(z):
            raise ValueError("start must be a probability vector with positive entries")
        # Newton on the reduced gradient, each step halved until it stays inside the simplex and does not
        # raise the (strictly convex) objective: from far away (small tau, tiny p_i) a full step would leave it
        for _ in range(400):
            step = mp.lu_solve(jac(*z), mp.matrix(grad(*z)))
            t, f0 = mp.one, obj(*z)
            while True:
                w = [zi - t * step[i] for i, zi in enumerate(z)]
                if inside(w) and obj(*w) <= f0 + mp.eps * (abs(f0) + 1):
                    break
                t /= 2
                if t < mp.eps:
                    raise ValueError("the entropic minimiser's Newton iteration stalled")
            z = w
            if t == 1 and max(abs(step[i]) for i in range(n - 1)) <= mp.eps * 4 * max(z):
                break
        else:
            raise ValueError("the entropic minimiser did not converge (Newton on the reduced gradient)")
        p = z + [1 - mp.fsum(z)]
        out = p + [obj(*z)]
    return out


@with_dps()
def regularised_linear_values(f: Sequence[Any], taus: Sequence[Any], *, dps: int = DEFAULT_DPS) -> list[Any]:
    """:math:`\\sum_i p^*_i f_i` at the minimiser :math:`p^*` of the entropy-regularised problem, for each τ.

    The minimiser comes from :func:`entropic_minimiser` (damped Newton on the reduced gradient), not
    from a formula; as :math:`\\tau \\to 0` the values approach the minimum of the linear objective over
    the simplex from above (VAR-X2-1's convergence table).  ``taus`` must decrease; the solves are
    continued from one τ to the next with :math:`1/\\tau` at most doubling per solve.
    """
    f = _vec(f, "f")
    taus = [positive(t, "tau") for t in taus]
    if not taus or any(b >= a for a, b in zip(taus, taus[1:])):
        raise ValueError(f"taus must be decreasing positive numbers, got {taus!r}")
    out, p, inv = [], None, mp.zero
    for tau in taus:
        target = 1 / tau
        while p is None or inv < target:
            inv = target if p is None else min(2 * inv, target)
            p = entropic_minimiser(f, 1 / inv, dps=mp.dps, start=p)[: len(f)]
        out.append(mp.fsum(pi * fi for pi, fi in zip(p, f)))
    return out


@with_dps()
def gibbs_objective(p: Sequence[Any], q: Sequence[Any], f: Sequence[Any], tau: Any, *,
                    dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\sum p_if_i + \\tau\\,KL(p\\|q)` evaluated directly (VAR-X2-3)."""
    p, q, f, tau = _vec(p, "p"), _vec(q, "q"), _vec(f, "f"), positive(tau, "tau")
    if not len(p) == len(q) == len(f):
        raise ValueError("p, q and f must have the same length")
    with mp.extradps(10):
        out = mp.fsum(pi * fi for pi, fi in zip(p, f)) + tau * mp.fsum(pi * mp.log(pi / qi) for pi, qi in zip(p, q))
    return out


@with_dps()
def gaussian_free_energy(sigma: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """[F(σ), F(1)]: :math:`\\int p V + \\int p\\log p` for N(0, σ²), V = x²/2, by quadrature (VAR-X2-4)."""
    sigma = positive(sigma, "sigma")
    with mp.extradps(10):
        def F(sg: Any) -> Any:
            p = lambda x: _gauss(x, 0, sg * sg)
            logp = lambda x: -(x * x) / (2 * sg * sg) - mp.log(sg * mp.sqrt(2 * mp.pi))
            return mp.quad(lambda x: p(x) * (x * x / 2 + logp(x)), [-_tail(sg), 0, _tail(sg)])

        out = [F(sigma), F(mp.one)]
    return out


@with_dps()
def mirror_step(theta: Sequence[Any], g: Sequence[Any], eta: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """argmin of :math:`\\eta\\langle g,\\theta\\rangle + D_\\psi(\\theta,\\theta_t)`, ψ = Σθlogθ - θ, by findroot (VAR-X3-1)."""
    th, g, eta = _vec(theta, "theta"), _vec(g, "g"), positive(eta, "eta")
    if min(th) <= 0:
        raise ValueError("theta must be positive")
    with mp.extradps(10):
        psi = lambda z: mp.fsum(zi * mp.log(zi) - zi for zi in z)
        grad_psi = [mp.log(t) for t in th]
        obj = lambda *z: eta * mp.fsum(gi * zi for gi, zi in zip(g, z)) + psi(z) - psi(th) - mp.fsum(
            gp * (zi - ti) for gp, zi, ti in zip(grad_psi, z, th))
        out = _argmin(obj, th)
    return out


@with_dps()
def eg_flow(theta0: Sequence[Any], g: Sequence[Any], t: Any, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """θ(t) for :math:`\\dot\\theta = -\\theta\\odot\\nabla L`, L = ⟨g, θ⟩, by ``odefun`` (VAR-X3-2)."""
    th, g, t = _vec(theta0, "theta0"), _vec(g, "g"), real(t, "t")
    if t < 0:
        raise ValueError("t must be >= 0")
    with mp.extradps(10):
        sol = mp.odefun(lambda _, z: [-zi * gi for zi, gi in zip(z, g)], 0, th)
        out = sol(t)
    return out


def _loss2(z: Sequence[Any]) -> Any:
    """The nonlinear test loss of VAR-X3-3: L = θ1⁴/4 + θ1θ2 + θ2² + sin θ2."""
    return z[0] ** 4 / 4 + z[0] * z[1] + z[1] ** 2 + mp.sin(z[1])


@with_dps()
def hypergradient(theta: Sequence[Any], eta: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\partial_\\eta L(\\theta - \\eta\\nabla L(\\theta))` by ``mp.diff`` in η (VAR-X3-3)."""
    th, eta = _vec(theta, "theta"), real(eta, "eta")
    with mp.extradps(15):
        g = _grad(lambda *z: _loss2(z), th)
        out = mp.diff(lambda e: _loss2([ti - e * gi for ti, gi in zip(th, g)]), eta)
    return out


@with_dps()
def quadratic_alignment(a: Any, eta: Any, theta: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`g_t\\,g_{t-1}` for L = aθ²/2 after one step θ_t = θ - η g, gradients by ``mp.diff`` (VAR-X3-4)."""
    a, eta, th = positive(a, "a"), real(eta, "eta"), real(theta, "theta")
    with mp.extradps(15):
        L = lambda z: a * z * z / 2
        g0 = mp.diff(L, th)
        g1 = mp.diff(L, th - eta * g0)
        out = g1 * g0
    return out
