"""Part II (extensions): VAR-X2 (minimisation over distributions) and VAR-X3 (exponentiated gradient).

Private; registered as part of the ``VAR-X`` group (see :mod:`proofs.variational.gradient_flow` for the
gradient-flow results and the attribution policy of spec ``variational.md`` Part II).

Registers: VAR-X2-1, VAR-X2-2, VAR-X2-3, VAR-X2-4, VAR-X3-1, VAR-X3-2, VAR-X3-3, VAR-X3-4.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from typing import Any

import sympy
from sympy import Eq, Matrix, Rational, Symbol, Tuple, exp, log, pi, simplify, sqrt

from numerics.variational import extensions as nx

from .euler_lagrange_equations import _label
from .gradient_flow import eta, t
from proofs.core import Derivation, Result, Step, register
from proofs.core.bibliography import SU_8968, SU_10289

__all__: list[str] = []

# --- VAR-X2-1 .. X2-4 ------------------------------------------------------------------------------

fs = sympy.symbols("f1 f2 f3", real=True)
tau = Symbol("tau", positive=True)
LIN = _label(r"\min_{p\in\Delta}\sum_i p_if_i")


def linear_simplex_statement() -> Eq:
    """VAR-X2-1: :math:`\\min_{p\\in\\Delta}\\sum p_if_i = \\min_i f_i` (a vertex), the τ → 0 limit of the soft minimum."""
    return Eq(LIN, sympy.Min(*fs), evaluate=False)


def _derive_x21() -> Derivation:
    vertices = [sympy.eye(3)[:, i] for i in range(3)]
    values = [sum(v[i] * fs[i] for i in range(3)) for v in vertices]
    steps = (Step("A linear function on the simplex attains its minimum at a vertex $e_i$", Matrix(values)),
             Step(r"Soft minimum $-\tau \log \sum_i e^{-f_i/\tau} \to \min f$ as $\tau \to 0$", LIN))
    return Derivation(Eq(LIN, sympy.Min(*values), evaluate=False), steps)


_NOTES_VAR_X2_1 = (r"Numerics: the soft minimum at $\tau = 10^{-4}$ (its error $\tau \log(1 + \ldots)$ is "
                   r"$\sim 10^{-4340}$ for these gaps).")
register(Result(
    key="VAR-X2-1", title="Linear objective on the simplex: min over vertices", source=f"{SU_10289}, topic",
    statement=linear_simplex_statement, derive=_derive_x21,
    numeric=lambda f1, f2, f3, dps: nx.soft_minimum((f1, f2, f3), Fr(1, 10**4), dps=dps),
    examples=({"f1": 1, "f2": 2, "f3": 3}, {"f1": Fr(5, 2), "f2": -1, "f3": 4}),
    notes=_NOTES_VAR_X2_1,
))

ENT = [_label("p^*_1"), _label("p^*_2"), _label("p^*_3"), _label(r"\min")]


def entropic_statement() -> Tuple:
    """VAR-X2-2: :math:`\\arg\\min\\sum p_if_i+\\tau\\sum p_i\\log p_i = \\mathrm{softmax}(-f/\\tau)`, value :math:`-\\tau\\log\\sum e^{-f_i/\\tau}`."""
    Z = sum(exp(-f / tau) for f in fs)
    return Tuple(*(Eq(ENT[i], exp(-fs[i] / tau) / Z, evaluate=False) for i in range(3)),
                 Eq(ENT[3], -tau * log(Z), evaluate=False))


def _derive_x22() -> Derivation:
    c = Symbol("c", positive=True)  # c = exp(-1 - lambda/tau)
    # Lagrange stationarity f_i + tau (log p_i + 1) + lambda = 0  <=>  log p_i = -f_i/tau + log c
    p = [c * exp(-f / tau) for f in fs]
    c_val = sympy.solve(Eq(sum(p), 1), c)[0]
    p = [pi.subs(c, c_val) for pi in p]
    logp = [-f / tau + log(c_val) for f in fs]
    value = sympy.together(sympy.expand(sum(pi * (f + tau * lp) for pi, f, lp in zip(p, fs, logp))))
    steps = (Step(r"Lagrange stationarity: $f_i + \tau(\log p_i + 1) + \lambda = 0$, so $p_i = c\,e^{-f_i/\tau}$",
                  Matrix([c * exp(-f / tau) for f in fs])),
             Step(r"Normalisation fixes $c = e^{-1 - \lambda/\tau}$", Eq(c, c_val)),
             Step(r"Value at the optimum ($\sum_i p_i = 1$)", Eq(ENT[3], value)))
    return Derivation(Tuple(*(Eq(ENT[i], p[i], evaluate=False) for i in range(3)), Eq(ENT[3], value, evaluate=False)),
                      steps)


_NOTES_VAR_X2_2 = (r"Golden: $f = (1, 2, 3)$, $\tau = 1$: $p$ = (0.66524095577482188953, 0.24472847105479765247, "
                   r"0.09003057317038045800), minimum $-\log(e^{-1} + e^{-2} + e^{-3})$ = "
                   r"0.59239403555561969551708009545492955.")
register(Result(
    key="VAR-X2-2", title="Entropy regularisation gives softmax(-f/tau)",
    title_tex=r"Entropy regularisation gives $\mathrm{softmax}(-f/\tau)$",
    parts=("p^*_1", "p^*_2", "p^*_3", r"\min"), source=f"{SU_10289}, topic", statement=entropic_statement,
    derive=_derive_x22,
    numeric=lambda f1, f2, f3, tau, dps: nx.entropic_minimiser((f1, f2, f3), tau, dps=dps),
    examples=({"f1": 1, "f2": 2, "f3": 3, "tau": 1}, {"f1": Fr(1, 2), "f2": -1, "f3": 2, "tau": Fr(3, 2)}),
    notes=_NOTES_VAR_X2_2,
))

ps, qs = sympy.symbols("p1 p2 p3", positive=True), sympy.symbols("q1 q2 q3", positive=True)
GIBBS = _label(r"\sum p f + \tau KL(p\|q)")


def _on_simplex(expr: Any) -> Any:
    return expr.subs(ps[2], 1 - ps[0] - ps[1])


def gibbs_statement() -> Eq:
    """VAR-X2-3: :math:`\\sum pf + \\tau KL(p\\|q) = -\\tau\\log Z_q + \\tau KL(p\\|p^*)`, :math:`p^*\\propto qe^{-f/\\tau}`
    (p on the simplex: :math:`p_3 = 1 - p_1 - p_2`)."""
    Z = sum(q * exp(-f / tau) for q, f in zip(qs, fs))
    pstar = [q * exp(-f / tau) / Z for q, f in zip(qs, fs)]
    return Eq(GIBBS, _on_simplex(-tau * log(Z) + tau * sum(p * log(p / s) for p, s in zip(ps, pstar))),
              evaluate=False)


def _derive_x23() -> Derivation:
    lhs = _on_simplex(sum(p * f for p, f in zip(ps, fs)) + tau * sum(p * log(p / q) for p, q in zip(ps, qs)))
    Z = sum(q * exp(-f / tau) for q, f in zip(qs, fs))
    # log(p/p*) = log p - log q + f/tau + log Z, and sum p = 1 on the simplex
    rhs_form = _on_simplex(-tau * log(Z) + tau * sum(p * (log(p) - log(q) + f / tau + log(Z))
                                                     for p, q, f in zip(ps, qs, fs)))
    diff = simplify(sympy.expand(rhs_form - lhs))
    if diff != 0:
        raise ArithmeticError(f"Gibbs identity failed: {diff}")
    steps = (Step("Objective on the simplex", Eq(GIBBS, lhs)),
             Step(r"$\log(p_i/p^*_i) = \log p_i - \log q_i + f_i/\tau + \log Z_q$; with $\sum_i p_i = 1$ the "
                  "difference is", diff))
    return Derivation(Eq(GIBBS, lhs, evaluate=False), steps)


def _gibbs_numeric(p1: Any, p2: Any, q1: Any, q2: Any, q3: Any, f1: Any, f2: Any, f3: Any, tau: Any, dps: int) -> Any:
    p3 = 1 - Fr(p1) - Fr(p2)
    return nx.gibbs_objective((p1, p2, p3), (q1, q2, q3), (f1, f2, f3), tau, dps=dps)


_NOTES_VAR_X2_3 = (r"So $p^*$ is the unique minimiser and the minimum is $-\tau \log Z_q$ "
                   r"($\mathrm{KL}(p\|p^*) \ge 0$, $= 0$ iff $p = p^*$). $\mathrm{KL}(p\|\text{reference})$ throughout "
                   r"(pitfall X-P2).")
register(Result(
    key="VAR-X2-3", title="Gibbs variational principle (KL regularisation)", source=f"{SU_10289}, topic",
    statement=gibbs_statement, derive=_derive_x23, numeric=_gibbs_numeric,
    examples=({"p1": Fr(1, 2), "p2": Fr(1, 3), "q1": Fr(1, 5), "q2": Fr(3, 5), "q3": Fr(1, 5),
               "f1": 1, "f2": 2, "f3": -1, "tau": Fr(1, 2)},),
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
    logp = -(X**2) / (2 * sg**2) - log(sg) - log(2 * pi) / 2
    integrand = sympy.expand(X**2 / 2 + logp)
    # E X^2 = sigma^2 under N(0, sigma^2)
    F = simplify(integrand.coeff(X, 2) * sg**2 + integrand.coeff(X, 0))
    crit = sympy.solve(sympy.diff(F, sg), sg)
    fmin = simplify(F.subs(sg, crit[0]))
    steps = (Step(r"Stationarity $V + \log p + 1 + \lambda = 0$ gives $p \propto e^{-V}$ (formal first variation)",
                  r"p\propto e^{-V}"),
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
    examples=({"sigma": Fr(1, 2)}, {"sigma": 3}),
    notes=_NOTES_VAR_X2_4,
))

# --- VAR-X3-1 .. X3-4 ------------------------------------------------------------------------------

th = sympy.symbols("theta1 theta2", positive=True)
gg = sympy.symbols("g1 g2", real=True)
EG = _label(r"\theta_{t+1}")


def eg_statement() -> Matrix:
    """VAR-X3-1: :math:`\\arg\\min_\\theta\\eta\\langle g,\\theta\\rangle + D_\\psi(\\theta,\\theta_t) = \\theta_t\\odot e^{-\\eta g}`."""
    return Eq(EG, Matrix([th[i] * exp(-eta * gg[i]) for i in range(2)]), evaluate=False)


def _derive_x31() -> Derivation:
    z = sympy.symbols("z1 z2", positive=True)
    psi = lambda v: sum(vi * log(vi) - vi for vi in v)
    breg = psi(z) - psi(th) - sum(log(t_) * (zi - t_) for zi, t_ in zip(z, th))
    obj = eta * sum(g_ * zi for g_, zi in zip(gg, z)) + breg
    sol = [sympy.solve(sympy.diff(obj, zi), zi)[0] for zi in z]
    steps = (Step(r"Bregman divergence of $\psi = \sum_i (\theta_i \log \theta_i - \theta_i)$", breg),
             Step(r"Stationarity $\eta g_i + \log z_i - \log \theta_i = 0$", Matrix(sol)))
    return Derivation(Eq(EG, Matrix(sol), evaluate=False), steps)


register(Result(
    key="VAR-X3-1", title="Exponentiated gradient is mirror descent with the entropy",
    source=f"{SU_8968}, topic; Kivinen & Warmuth 1997", statement=eg_statement, derive=_derive_x31,
    numeric=lambda theta1, theta2, g1, g2, eta, dps: nx.mirror_step((theta1, theta2), (g1, g2), eta, dps=dps),
    examples=({"theta1": Fr(1, 2), "theta2": 2, "g1": 1, "g2": -3, "eta": Fr(1, 4)},),
    notes=r"On the simplex (normalised) this is VAR-X2-3 with $\tau = 1/\eta$.",
))

EGF = _label(r"\theta(t)")


def eg_flow_statement() -> Eq:
    """VAR-X3-2: :math:`\\dot\\theta = -\\theta\\odot\\nabla L`, linear L: :math:`\\theta(t) = \\theta_0 e^{-gt}` (positive)."""
    return Eq(EGF, Matrix([th[i] * exp(-gg[i] * t) for i in range(2)]), evaluate=False)


def _derive_x32() -> Derivation:
    f = sympy.Function("u")
    sols = [sympy.dsolve(Eq(f(t).diff(t), -gg[i] * f(t)), f(t), ics={f(0): th[i]}).rhs for i in range(2)]
    return Derivation(Eq(EGF, Matrix(sols), evaluate=False),
                      (Step(r"$d \log \theta/dt = -\nabla L$, solved", Matrix(sols)),))


register(Result(
    key="VAR-X3-2", title="Continuous exponentiated gradient preserves positivity",
    source=f"{SU_8968}, topic", statement=eg_flow_statement, derive=_derive_x32,
    numeric=lambda theta1, theta2, g1, g2, t, dps: nx.eg_flow((theta1, theta2), (g1, g2), t, dps=dps),
    examples=({"theta1": Fr(1, 2), "theta2": 2, "g1": 1, "g2": -Fr(1, 3), "t": Fr(1, 2)},),
))

HG = _label(r"\partial_\eta L(\theta_t)")


def _loss(v: Any) -> Any:
    return v[0] ** 4 / 4 + v[0] * v[1] + v[1] ** 2 + sympy.sin(v[1])


def hypergradient_statement() -> Eq:
    """VAR-X3-3: with :math:`\\theta_t = \\theta_{t-1} - \\eta g_{t-1}`, :math:`\\partial L(\\theta_t)/\\partial\\eta = -g_t\\cdot g_{t-1}`."""
    v = Matrix(th)
    grad = lambda w: Matrix([sympy.diff(_loss(list(w)), c) for c in th]).subs(dict(zip(th, w)))
    g_prev = Matrix([sympy.diff(_loss(list(v)), c) for c in th])
    new = v - eta * g_prev
    g_now = Matrix([sympy.diff(_loss(list(Matrix(th))), c) for c in th]).subs(dict(zip(th, new)), simultaneous=True)
    del grad
    return Eq(HG, -(g_now.T * g_prev)[0], evaluate=False)


def _derive_x33() -> Derivation:
    v = Matrix(th)
    g_prev = Matrix([sympy.diff(_loss(list(v)), c) for c in th])
    L_eta = _loss(list(v - eta * g_prev))
    return Derivation(Eq(HG, sympy.diff(L_eta, eta), evaluate=False),
                      (Step(r"$L(\theta - \eta g)$ for "
                            r"$L = \theta_1^4/4 + \theta_1\theta_2 + \theta_2^2 + \sin \theta_2$", L_eta),
                       Step(r"Derivative in $\eta$ ($\theta_{t-1}$ held fixed; one-step, pitfall X-P3)",
                            sympy.diff(L_eta, eta))))


_NOTES_VAR_X3_3 = (r"An EG update $\eta_t = \eta_{t-1} \exp(\beta\, g_t\cdot g_{t-1})$ stays positive; it is a "
                   r"design choice, and the precise scheme of Su-8968 / Amid et al. 2022 is not reproduced here.")
register(Result(
    key="VAR-X3-3", title="One-step hypergradient of the learning rate",
    source=f"{SU_8968}, topic; Baydin et al. 2018", statement=hypergradient_statement, derive=_derive_x33,
    numeric=lambda theta1, theta2, eta, dps: nx.hypergradient((theta1, theta2), eta, dps=dps),
    examples=({"theta1": Fr(1, 2), "theta2": Fr(3, 2), "eta": Fr(1, 10)},
              {"theta1": 2, "theta2": 1, "eta": Fr(1, 3)}),
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
    examples=({"a": 2, "eta": Fr(1, 5), "theta": Fr(3, 2)}, {"a": Fr(1, 3), "eta": 4, "theta": -2}),
    notes=_NOTES_VAR_X3_4,
))
