"""Part II (extensions): VAR-X2 (minimisation over distributions) and VAR-X3 (exponentiated gradient).

Private; registered as part of the ``VAR-X`` group (see :mod:`proofs.variational.gradient_flow` for the
gradient-flow results and the attribution policy of spec ``variational.md`` Part II).

Registers: VAR-X2-1, VAR-X2-2, VAR-X2-3, VAR-X2-4, VAR-X3-1, VAR-X3-2, VAR-X3-3, VAR-X3-4.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from typing import Any

import mpmath
import sympy
from sympy import Eq, Matrix, Rational, Symbol, Tuple, exp, log, pi, simplify, sqrt

from numerics.variational import certified as exact
from numerics.variational import extensions as nx

from .euler_lagrange_equations import _label
from .gradient_flow import eta, t
from proofs.core import Bound, Convergence, Derivation, Evidence, Result, Step, register
from proofs.core.bibliography import SU_8968, SU_10289
from proofs.core.params import draw, s

__all__: list[str] = []

# --- VAR-X2-1 .. X2-4 ------------------------------------------------------------------------------

fs = sympy.symbols("f1 f2 f3", real=True)
tau = Symbol("tau", positive=True)
LIN = _label(r"\min_{p\in\Delta}\sum_i p_if_i")
_REAL = s.rationals(-3, 3, max_denominator=20)
_POS = s.rationals(Fr(1, 5), 3, max_denominator=20)


def _size(n: Any, low: int) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, sympy.Integer)) or int(n) < low:
        raise ValueError(f"n (the number of outcomes or coordinates) must be an integer >= {low}, got {n!r}")
    return int(n)


def _scores(n: Any) -> tuple:
    """The scores f_1 .. f_n (for n = 3 the names of the example points)."""
    return fs if _size(n, 2) == 3 else sympy.symbols(f"f1:{int(n) + 1}", real=True)


def linear_simplex_statement(n: Any = 3) -> Eq:
    """VAR-X2-1: :math:`\\min_{p\\in\\Delta}\\sum p_if_i = \\min_i f_i` (a vertex), the τ → 0 limit of the soft minimum."""
    return Eq(LIN, sympy.Min(*_scores(n)), evaluate=False)


def _derive_x21(n: int) -> Derivation:
    f = _scores(n)
    p = sympy.symbols(f"p1:{n + 1}", nonnegative=True)
    m = Symbol("m", real=True)  # a lower bound of the scores: f_i - m >= 0
    excess = sympy.expand(sum(pi * fi for pi, fi in zip(p, f)) - m)
    on_simplex = excess.subs(p[-1], 1 - sum(p[:-1]))
    split = sympy.expand(sum(pi * (fi - m) for pi, fi in zip(p, f)).subs(p[-1], 1 - sum(p[:-1])))
    if sympy.expand(on_simplex - split) != 0:
        raise ArithmeticError("sum p_i f_i - m is not sum p_i (f_i - m) on the simplex")
    vertices = [sympy.eye(n)[:, i] for i in range(n)]
    values = [sum(v[i] * f[i] for i in range(n)) for v in vertices]
    steps = (Step(r"On the simplex ($\sum_i p_i = 1$): $\sum_i p_if_i - m = \sum_i p_i(f_i - m)$, which is $\ge 0$ "
                  r"for $m = \min_i f_i$ (each term is)", Eq(_label(r"\sum_i p_if_i - m"), sum(pi * (fi - m) for pi, fi
                                                                                             in zip(p, f)))),
             Step(r"and the bound is attained at the vertex $e_i$ of the smallest score: the values at the vertices are",
                  Matrix(values)))
    return Derivation(Eq(LIN, sympy.Min(*values), evaluate=False), steps)


def _x21_table(dps: int, f1: Any, f2: Any, f3: Any) -> list:
    """VAR-X2-1's convergence route: the linear objective at the entropic minimiser (numerics) at
    :math:`\\tau = 1/\\ln n`, n = 10 .. 10^5, where its excess over the minimum decays like a power of n."""
    ns = [10**k for k in range(1, 6)]
    with mpmath.workdps(dps + 10):
        taus = [1 / mpmath.log(n) for n in ns]
    return list(zip(ns, nx.regularised_linear_values((f1, f2, f3), taus, dps=dps)))


_NOTES_VAR_X2_1 = (r"Proved for $n = 2, \ldots, 5$ scores. Numerically, a limit: the linear objective at the "
                   r"minimiser of the entropy-regularised problem (found by damped Newton on the reduced gradient, not "
                   r"by a formula) approaches $\min_i f_i$ from above as $\tau \to 0$. The table takes "
                   r"$\tau = 1/\ln n$, so that the excess, $\sim (f_{(2)} - f_{(1)})e^{-(f_{(2)} - f_{(1)})/\tau}$, is a "
                   r"power of $n$; it is at the first example.")
register(Result(
    key="VAR-X2-1", title="Linear objective on the simplex: min over vertices", source=f"{SU_10289}, topic",
    statement=linear_simplex_statement, derive=_derive_x21,
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(_x21_table, quantity=r"$\sum_i p^*_i f_i$ at the entropic minimiser, $\tau = 1/\ln n$"),
    params=draw(f1=_REAL, f2=_REAL, f3=_REAL),
    examples=({"f1": 1, "f2": 2, "f3": 3}, {"f1": Fr(5, 2), "f2": -1, "f3": 4}),
    bound=Bound("n", 2, 5), display={"n": 3},
    notes=_NOTES_VAR_X2_1,
))

ENT_MIN = _label(r"\min")


def _ent_labels(n: int) -> list:
    return [_label(f"p^*_{i + 1}") for i in range(n)]


def entropic_statement(n: Any = 3) -> Tuple:
    """VAR-X2-2: :math:`\\arg\\min\\sum p_if_i+\\tau\\sum p_i\\log p_i = \\mathrm{softmax}(-f/\\tau)`, value :math:`-\\tau\\log\\sum e^{-f_i/\\tau}`."""
    f = _scores(n)
    Z = sum(exp(-fi / tau) for fi in f)
    return Tuple(*(Eq(lab, exp(-fi / tau) / Z, evaluate=False) for lab, fi in zip(_ent_labels(len(f)), f)),
                 Eq(ENT_MIN, -tau * log(Z), evaluate=False))


def _derive_x22(n: int) -> Derivation:
    f = _scores(n)
    c = Symbol("c", positive=True)  # c = exp(-1 - lambda/tau)
    pv, lam = Symbol("p", positive=True), Symbol("lambda", real=True)
    fi_ = Symbol("f_i", real=True)
    # Lagrange stationarity in one coordinate, solved for p_i
    stationary = sympy.solve(sympy.diff(pv * fi_ + tau * pv * log(pv) + lam * pv, pv), pv)
    if len(stationary) != 1:
        raise ArithmeticError(f"the Lagrange condition does not fix p_i: {stationary}")
    form = sympy.simplify(stationary[0] / exp(-fi_ / tau))  # = c, free of f_i
    if form.has(fi_):
        raise ArithmeticError(f"p_i is not a constant times exp(-f_i/tau): {stationary[0]}")
    p = [c * exp(-fi / tau) for fi in f]
    c_val = sympy.solve(Eq(sum(p), 1), c)[0]
    p = [pi.subs(c, c_val) for pi in p]
    logp = [-fi / tau + log(c_val) for fi in f]
    # the objective at the optimum: the scores cancel against tau log p_i, leaving tau log c times sum p_i = 1
    objective = sympy.expand(sum(pi * (fi + tau * lp) for pi, fi, lp in zip(p, f, logp)))
    if sympy.expand(objective - tau * log(c_val) * sum(p)) != 0 or sympy.cancel(sum(p)) != 1:
        raise ArithmeticError(f"the optimal value did not reduce to tau log c: {objective}")
    value = sympy.expand_log(tau * log(c_val), force=True)
    steps = (Step(r"Lagrange stationarity $\partial_{p_i}[p_if_i + \tau p_i\log p_i + \lambda p_i] = 0$, solved",
                  Eq(_label("p_i"), stationary[0])),
             Step(r"so $p_i = c\,e^{-f_i/\tau}$ with $c = e^{-1 - \lambda/\tau}$; normalisation fixes $c$", Eq(c, c_val)),
             Step(r"Value at the optimum ($\sum_i p_i = 1$)", Eq(ENT_MIN, value)))
    return Derivation(Tuple(*(Eq(lab, pi, evaluate=False) for lab, pi in zip(_ent_labels(n), p)),
                            Eq(ENT_MIN, value, evaluate=False)), steps)


_NOTES_VAR_X2_2 = (r"Proved for $n = 2, 3, 4$ outcomes (the objective is strictly convex, so the stationary point "
                   r"is the minimiser). Golden: $f = (1, 2, 3)$, $\tau = 1$: $p$ = (0.66524095577482188953, "
                   r"0.24472847105479765247, 0.09003057317038045800), minimum $-\log(e^{-1} + e^{-2} + e^{-3})$ = "
                   r"0.59239403555561969551708009545492955. Numerics ($n = 3$): damped Newton on the reduced gradient.")
register(Result(
    key="VAR-X2-2", title="Entropy regularisation gives softmax(-f/tau)",
    title_tex=r"Entropy regularisation gives $\mathrm{softmax}(-f/\tau)$",
    parts=("p^*_1", "p^*_2", "p^*_3", r"\min"), source=f"{SU_10289}, topic", statement=entropic_statement,
    derive=_derive_x22,
    numeric=lambda f1, f2, f3, tau, dps: nx.entropic_minimiser((f1, f2, f3), tau, dps=dps),
    certified=exact.entropic_minimiser,
    params=draw(f1=_REAL, f2=_REAL, f3=_REAL, tau=_POS),
    examples=({"f1": 1, "f2": 2, "f3": 3, "tau": 1}, {"f1": Fr(1, 2), "f2": -1, "f3": 2, "tau": Fr(3, 2)}),
    bound=Bound("n", 2, 4), display={"n": 3},
    notes=_NOTES_VAR_X2_2,
))

ps, qs = sympy.symbols("p1 p2 p3", positive=True), sympy.symbols("q1 q2 q3", positive=True)
GIBBS = _label(r"\sum p f + \tau KL(p\|q)")


def _gibbs_symbols(n: Any) -> tuple:
    if _size(n, 2) == 3:
        return ps, qs, fs
    return (sympy.symbols(f"p1:{int(n) + 1}", positive=True), sympy.symbols(f"q1:{int(n) + 1}", positive=True),
            sympy.symbols(f"f1:{int(n) + 1}", real=True))


def _on_simplex(expr: Any, p: tuple = ps) -> Any:
    return expr.subs(p[-1], 1 - sum(p[:-1]))


def gibbs_statement(n: Any = 3) -> Eq:
    """VAR-X2-3: :math:`\\sum pf + \\tau KL(p\\|q) = -\\tau\\log Z_q + \\tau KL(p\\|p^*)`, :math:`p^*\\propto qe^{-f/\\tau}`
    (p on the simplex: :math:`p_n = 1 - p_1 - \\dots - p_{n-1}`)."""
    p, q, f = _gibbs_symbols(n)
    Z = sum(qi * exp(-fi / tau) for qi, fi in zip(q, f))
    pstar = [qi * exp(-fi / tau) / Z for qi, fi in zip(q, f)]
    return Eq(GIBBS, _on_simplex(-tau * log(Z) + tau * sum(pi * log(pi / si) for pi, si in zip(p, pstar)), p),
              evaluate=False)


def _derive_x23(n: int) -> Derivation:
    p, q, f = _gibbs_symbols(n)
    lhs = _on_simplex(sum(pi * fi for pi, fi in zip(p, f)) + tau * sum(pi * log(pi / qi) for pi, qi in zip(p, q)), p)
    Z = sum(qi * exp(-fi / tau) for qi, fi in zip(q, f))
    # log(p/p*) = log p - log q + f/tau + log Z, and sum p = 1 on the simplex
    rhs_form = _on_simplex(-tau * log(Z) + tau * sum(pi * (log(pi) - log(qi) + fi / tau + log(Z))
                                                     for pi, qi, fi in zip(p, q, f)), p)
    diff = sympy.expand(sympy.expand_log(rhs_form - lhs, force=True))
    if diff != 0:
        raise ArithmeticError(f"Gibbs identity failed: {diff}")
    steps = (Step("Objective on the simplex", Eq(GIBBS, lhs)),
             Step(r"$\log(p_i/p^*_i) = \log p_i - \log q_i + f_i/\tau + \log Z_q$; with $\sum_i p_i = 1$ the "
                  "difference is", diff))
    return Derivation(Eq(GIBBS, lhs, evaluate=False), steps)


def _gibbs_numeric(p1: Any, p2: Any, q1: Any, q2: Any, q3: Any, f1: Any, f2: Any, f3: Any, tau: Any, dps: int) -> Any:
    p3 = 1 - Fr(p1) - Fr(p2)
    return nx.gibbs_objective((p1, p2, p3), (q1, q2, q3), (f1, f2, f3), tau, dps=dps)


def _gibbs_points() -> Any:
    """The ``params`` of VAR-X2-3: p on the simplex (p1, p2 > 0, p1 + p2 < 1), q a positive probability vector."""

    def build(d: dict) -> dict:
        w, q = d["w"], d["q"]
        return {"p1": Fr(w[0], sum(w)), "p2": Fr(w[1], sum(w)), "q1": q[0], "q2": q[1], "q3": q[2],
                "f1": d["f1"], "f2": d["f2"], "f3": d["f3"], "tau": d["tau"]}

    return draw(w=s.score_vectors(3, 3, bound=1).map(lambda v: [int(100 * abs(x)) + 1 for x in v]),
                q=s.probability_vectors(3, 3), f1=_REAL, f2=_REAL, f3=_REAL, tau=_POS)().map(build)


_NOTES_VAR_X2_3 = (r"Proved for $n = 2, \ldots, 5$ outcomes. So $p^*$ is the unique minimiser and the minimum is "
                   r"$-\tau \log Z_q$ ($\mathrm{KL}(p\|p^*) \ge 0$, $= 0$ iff $p = p^*$). $\mathrm{KL}(p\|\text{reference})$ "
                   r"throughout (pitfall X-P2). Numerics ($n = 3$): the left side evaluated from its definition.")
register(Result(
    key="VAR-X2-3", title="Gibbs variational principle (KL regularisation)", source=f"{SU_10289}, topic",
    statement=gibbs_statement, derive=_derive_x23, numeric=_gibbs_numeric, params=_gibbs_points,
    certified=exact.gibbs_objective,
    examples=({"p1": Fr(1, 2), "p2": Fr(1, 3), "q1": Fr(1, 5), "q2": Fr(3, 5), "q3": Fr(1, 5),
               "f1": 1, "f2": 2, "f3": -1, "tau": Fr(1, 2)},),
    bound=Bound("n", 2, 5), display={"n": 3},
    notes=_NOTES_VAR_X2_3,
))

sg = Symbol("sigma", positive=True)
FREE = [_label(r"\mathcal{F}(\sigma)"), _label(r"\min_p \int pV + \int p\log p")]


def free_energy_statement() -> Tuple:
    """VAR-X2-4: V = x²/2: :math:`\\mathcal F(\\sigma) = \\sigma^2/2 - \\log\\sigma - 1/2 - \\tfrac12\\log 2\\pi`, minimum :math:`-\\log\\sqrt{2\\pi}` at N(0,1)."""
    return Tuple(Eq(FREE[0], sg**2 / 2 - log(sg) - Rational(1, 2) - log(2 * pi) / 2, evaluate=False),
                 Eq(FREE[1], -log(sqrt(2 * pi)), evaluate=False))


def _derive_x24() -> Derivation:
    X = Symbol("X", real=True)
    # the pointwise first variation of p V + p log p + lambda p, solved for p
    pv, V, lam = Symbol("p", positive=True), Symbol("V", real=True), Symbol("lambda", real=True)
    first_variation = sympy.diff(pv * V + pv * log(pv) + lam * pv, pv)
    p_opt = sympy.solve(first_variation, pv)
    if len(p_opt) != 1:
        raise ArithmeticError(f"the first variation does not fix p: {p_opt}")
    logp = -(X**2) / (2 * sg**2) - log(sg) - log(2 * pi) / 2
    integrand = sympy.expand(X**2 / 2 + logp)
    # E X^2 = sigma^2 under N(0, sigma^2)
    F = simplify(integrand.coeff(X, 2) * sg**2 + integrand.coeff(X, 0))
    crit = sympy.solve(sympy.diff(F, sg), sg)
    fmin = simplify(F.subs(sg, crit[0]))
    steps = (Step(r"First variation of $\int pV + \int p \log p + \lambda(\int p - 1)$ (pointwise), zero at the "
                  r"minimiser", Eq(first_variation, 0)),
             Step(r"solved: $p \propto e^{-V}$ (formal; for $V = x^2/2$ the normalised minimiser is $N(0, 1)$)",
                  Eq(_label("p"), p_opt[0])),
             Step(r"Gaussian family $N(0, \sigma^2)$: $\mathcal{F}(\sigma)$ by $E X^2 = \sigma^2$", Eq(FREE[0], F)),
             Step(r"$d\mathcal{F}/d\sigma = 0$", Eq(sg, crit[0])), Step("Minimum", Eq(FREE[1], fmin)))
    return Derivation(Tuple(Eq(FREE[0], F, evaluate=False), Eq(FREE[1], fmin, evaluate=False)), steps)


_NOTES_VAR_X2_4 = (r"Golden: $-\log \sqrt{2\pi}$ = -0.91893853320467274178032973640561764. The general stationarity "
                   r"is the standard formal first-variation argument; the Gaussian-family computation is exact.")
register(Result(
    key="VAR-X2-4", title="Continuous case: p ~ exp(-V); Gaussian family minimised at sigma = 1",
    title_tex=r"Continuous case: $p \propto e^{-V}$; Gaussian family minimised at $\sigma = 1$",
    parts=(r"\mathcal{F}(\sigma)", r"\min_p \int pV + \int p \log p"), source=f"{SU_10289}, topic",
    statement=free_energy_statement, derive=_derive_x24, numeric=nx.gaussian_free_energy,
    certified=exact.gaussian_free_energy,
    params=draw(sigma=_POS),
    examples=({"sigma": Fr(1, 2)}, {"sigma": 3}),
    notes=_NOTES_VAR_X2_4,
))

# --- VAR-X3-1 .. X3-4 ------------------------------------------------------------------------------

th = sympy.symbols("theta1 theta2", positive=True)
gg = sympy.symbols("g1 g2", real=True)
EG = _label(r"\theta_{t+1}")


def _coords(n: Any) -> tuple[tuple, tuple]:
    """theta_1 .. theta_n (positive) and g_1 .. g_n; for n = 2 the names of the example points."""
    if _size(n, 1) == 2:
        return th, gg
    return sympy.symbols(f"theta1:{int(n) + 1}", positive=True), sympy.symbols(f"g1:{int(n) + 1}", real=True)


def eg_statement(n: Any = 2) -> Eq:
    """VAR-X3-1: :math:`\\arg\\min_\\theta\\eta\\langle g,\\theta\\rangle + D_\\psi(\\theta,\\theta_t) = \\theta_t\\odot e^{-\\eta g}`."""
    t_, g_ = _coords(n)
    return Eq(EG, Matrix([ti * exp(-eta * gi) for ti, gi in zip(t_, g_)]), evaluate=False)


def _derive_x31(n: int) -> Derivation:
    t_, g_ = _coords(n)
    z = sympy.symbols(f"z1:{n + 1}", positive=True)
    psi = lambda v: sum(vi * log(vi) - vi for vi in v)
    breg = psi(z) - psi(t_) - sum(sympy.diff(psi(t_), ti) * (zi - ti) for zi, ti in zip(z, t_))
    obj = eta * sum(gi * zi for gi, zi in zip(g_, z)) + breg
    sol = [sympy.solve(sympy.diff(obj, zi), zi)[0] for zi in z]
    steps = (Step(r"Bregman divergence of $\psi = \sum_i (\theta_i \log \theta_i - \theta_i)$", breg),
             Step(r"Stationarity $\eta g_i + \log z_i - \log \theta_i = 0$ (the objective is strictly convex)",
                  Matrix(sol)))
    return Derivation(Eq(EG, Matrix(sol), evaluate=False), steps)


register(Result(
    key="VAR-X3-1", title="Exponentiated gradient is mirror descent with the entropy",
    source=f"{SU_8968}, topic; Kivinen & Warmuth 1997", statement=eg_statement, derive=_derive_x31,
    numeric=lambda theta1, theta2, g1, g2, eta, dps: nx.mirror_step((theta1, theta2), (g1, g2), eta, dps=dps),
    certified=exact.mirror_step,
    params=draw(theta1=_POS, theta2=_POS, g1=_REAL, g2=_REAL, eta=s.rationals(Fr(1, 10), 1, max_denominator=20)),
    examples=({"theta1": Fr(1, 2), "theta2": 2, "g1": 1, "g2": -3, "eta": Fr(1, 4)},),
    bound=Bound("n", 1, 4), display={"n": 2},
    notes=r"Proved in $n = 1, \ldots, 4$ coordinates. On the simplex (normalised) this is VAR-X2-3 with "
          r"$\tau = 1/\eta$. Numerics ($n = 2$): findroot on the mp.diff gradient of the Bregman objective.",
))

EGF = _label(r"\theta(t)")


def eg_flow_statement(n: Any = 2) -> Eq:
    """VAR-X3-2: :math:`\\dot\\theta = -\\theta\\odot\\nabla L`, linear L: :math:`\\theta(t) = \\theta_0 e^{-gt}` (positive)."""
    t_, g_ = _coords(n)
    return Eq(EGF, Matrix([ti * exp(-gi * t) for ti, gi in zip(t_, g_)]), evaluate=False)


def _derive_x32(n: int) -> Derivation:
    t_, g_ = _coords(n)
    f = sympy.Function("u")
    sols = [sympy.dsolve(Eq(f(t).diff(t), -gi * f(t)), f(t), ics={f(0): ti}).rhs for ti, gi in zip(t_, g_)]
    return Derivation(Eq(EGF, Matrix(sols), evaluate=False),
                      (Step(r"$d \log \theta_i/dt = -\partial_i L = -g_i$, solved coordinate by coordinate", Matrix(sols)),))


register(Result(
    key="VAR-X3-2", title="Continuous exponentiated gradient preserves positivity",
    source=f"{SU_8968}, topic", statement=eg_flow_statement, derive=_derive_x32,
    numeric=lambda theta1, theta2, g1, g2, t, dps: nx.eg_flow((theta1, theta2), (g1, g2), t, dps=dps),
    certified=exact.eg_flow,
    params=draw(theta1=_POS, theta2=_POS, g1=_REAL, g2=_REAL, t=s.rationals(0, 2, max_denominator=20)),
    examples=({"theta1": Fr(1, 2), "theta2": 2, "g1": 1, "g2": -Fr(1, 3), "t": Fr(1, 2)},),
    bound=Bound("n", 1, 4), display={"n": 2},
    notes=r"Proved in $n = 1, \ldots, 4$ coordinates, for a linear loss. Numerics ($n = 2$): odefun.",
))

HG = _label(r"\partial_\eta L(\theta_t)")
_L = sympy.Function("L")
#: concrete losses of VAR-X3-3's numeric check (two coordinates); index 0 matches numerics' test loss
LOSSES = {0: th[0] ** 4 / 4 + th[0] * th[1] + th[1] ** 2 + sympy.sin(th[1])}


def _loss(v: Any) -> Any:
    return LOSSES[0].subs(dict(zip(th, v)), simultaneous=True)


def _hyper_parts(n: int) -> tuple:
    t_, _ = _coords(n)
    g_ = sympy.symbols(f"g1:{n + 1}", real=True)  # the previous gradient, held fixed (a direction)
    xi = sympy.symbols(f"xi1:{n + 1}", real=True)
    new = [ti - eta * gi for ti, gi in zip(t_, g_)]
    return t_, g_, xi, new


def hypergradient_statement(n: Any = 2, kind: Any = None) -> Eq:
    """VAR-X3-3: with :math:`\\theta_t = \\theta_{t-1} - \\eta g_{t-1}`, :math:`\\partial L(\\theta_t)/\\partial\\eta = -g_t\\cdot g_{t-1}`.

    For a generic L of n variables and a fixed previous gradient :math:`g_{t-1}` (the claim, proved for
    n = 1, 2, 3); with ``kind`` (n = 2), for the concrete loss ``LOSSES[kind]`` with :math:`g_{t-1} = \\nabla L(\\theta_{t-1})`.
    """
    t_, g_, xi, new = _hyper_parts(_size(n, 1))
    g_now = [sympy.Subs(sympy.Derivative(_L(*xi), x_), xi, new) for x_ in xi]
    value = -sum((a * b for a, b in zip(g_now, g_)), sympy.Integer(0))
    if kind is None:
        return Eq(HG, value, evaluate=False)
    if int(n) != 2 or isinstance(kind, bool) or kind not in LOSSES:
        raise ValueError(f"kind must be one of {sorted(LOSSES)} (with n = 2), got {kind!r}")
    loss = LOSSES[kind]
    grad = {gi: sympy.diff(loss, ti) for gi, ti in zip(g_, t_)}
    return Eq(HG, value.subs(_L, sympy.Lambda(t_, loss)).doit().subs(grad, simultaneous=True), evaluate=False)


def _derive_x33(n: int) -> Derivation:
    *_, new = _hyper_parts(n)
    L_eta = _L(*new)
    rate = sympy.diff(L_eta, eta)  # the chain rule, by SymPy
    return Derivation(Eq(HG, rate, evaluate=False),
                      (Step(r"$L(\theta - \eta g)$ for a generic $L$, $g = g_{t-1}$ held fixed ($\theta_{t-1}$ fixed; "
                            r"one-step, pitfall X-P3)", Eq(_label(r"L(\theta_t)"), L_eta)),
                       Step(r"Its derivative in $\eta$ (chain rule): $-\sum_i g_{t-1,i}\,\partial_iL(\theta_t)$",
                            Eq(HG, rate))))


_NOTES_VAR_X3_3 = (r"Proved for a generic $L$ of $n = 1, 2, 3$ variables. Numerics: for "
                   r"$L = \theta_1^4/4 + \theta_1\theta_2 + \theta_2^2 + \sin \theta_2$, mp.diff in $\eta$ of "
                   r"$L(\theta - \eta \nabla L(\theta))$. An EG update $\eta_t = \eta_{t-1} \exp(\beta\, g_t\cdot g_{t-1})$ "
                   r"stays positive; it is a design choice, and the precise scheme of Su-8968 / Amid et al. 2022 is not "
                   r"reproduced here.")
register(Result(
    key="VAR-X3-3", title="One-step hypergradient of the learning rate",
    source=f"{SU_8968}, topic; Baydin et al. 2018", statement=hypergradient_statement, derive=_derive_x33,
    numeric=lambda kind, theta1, theta2, eta, dps: nx.hypergradient((theta1, theta2), eta, dps=dps),
    certified=exact.hypergradient,
    params=draw(kind=s.sizes(0, 0), theta1=_REAL, theta2=_REAL, eta=s.rationals(-1, 1, max_denominator=20)),
    examples=({"kind": 0, "theta1": Fr(1, 2), "theta2": Fr(3, 2), "eta": Fr(1, 10)},
              {"kind": 0, "theta1": 2, "theta2": 1, "eta": Fr(1, 3)}),
    bound=Bound("n", 1, 3), display={"n": 2},
    notes=_NOTES_VAR_X3_3,
))

aa, th1 = Symbol("a", positive=True), Symbol("theta", real=True)
ALIGN = _label(r"g_tg_{t-1}")


def quadratic_alignment_statement() -> Eq:
    """VAR-X3-4: L = aθ²/2: :math:`g_tg_{t-1} = a^2(1-\\eta a)\\theta^2`, so η grows iff η < 1/a; fixed point η* = 1/a."""
    return Eq(ALIGN, aa**2 * (1 - eta * aa) * th1**2, evaluate=False)


def _derive_x34() -> Derivation:
    L = lambda z: aa * z**2 / 2
    g0 = sympy.diff(L(th1), th1)
    z = Symbol("z", real=True)
    g1_ = sympy.diff(L(z), z).subs(z, th1 - eta * g0)
    prod = sympy.factor(g1_ * g0)
    fixed = sympy.solve(prod / th1**2, eta)  # pragma: no mutate (any power th1**k, k >= 2, leaves the same root)
    return Derivation(Eq(ALIGN, prod, evaluate=False),
                      (Step(r"$g_{t-1} = a\theta$, $\theta_t = \theta - \eta a\theta$, $g_t = a\theta_t$",
                            Eq(ALIGN, prod)),
                       Step(r"Sign change (fixed point of the $\eta$ update): the Newton step", Eq(_label(r"\eta^*"),
                                                                                              fixed[0]))))


_NOTES_VAR_X3_4 = (r"The raw product decays like $\theta^2$, so $\eta$ stalls before $1/a$: a reason to normalise it "
                   r"(cosine).")
register(Result(
    key="VAR-X3-4", title="One-dimensional quadratic: eta* = 1/a",
    title_tex=r"One-dimensional quadratic: $\eta^* = 1/a$", source=f"{SU_8968}, topic",
    statement=quadratic_alignment_statement, derive=_derive_x34, numeric=nx.quadratic_alignment,
    certified=exact.quadratic_alignment,
    params=draw(a=_POS, eta=s.rationals(-2, 2, max_denominator=20), theta=_REAL),
    examples=({"a": 2, "eta": Fr(1, 5), "theta": Fr(3, 2)}, {"a": Fr(1, 3), "eta": 4, "theta": -2}),
    notes=_NOTES_VAR_X3_4,
))
