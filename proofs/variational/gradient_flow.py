"""Part II (extensions, VAR-X…): gradient flow, minimisation over distributions, exponentiated gradient.

Topics of Su's posts 梯度流 (Su-GF), 通向最优分布之路 (kexue.fm/archives/10289) and 指数梯度下降 +
元学习 (kexue.fm/archives/8968), attributed by topic only: the statements are standard
(JKO 1998, Gross 1975, Kivinen & Warmuth 1997, Baydin et al. 2018) in the forms of spec
``variational.md`` Part II.  Registered as the separate group ``VAR-X``.

Registers: VAR-X1-1, VAR-X1-2, VAR-X1-3, VAR-X1-4, VAR-X1-5, VAR-X1-6.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction as Fr
from typing import Any

import sympy
from sympy import Eq, Matrix, Symbol, Tuple, exp, log, pi, simplify, sqrt

from numerics.variational import extensions as nx
from proofs.core import Derivation, Result, Step, checks, register
from proofs.core.bibliography import SU_GRADIENT_FLOW

from .euler_lagrange_equations import _label

__all__ = ["A"]

A = Matrix([[2, 1], [1, 3]])
t = Symbol("t", nonnegative=True)
x1, x2 = Symbol("x1", real=True), Symbol("x2", real=True)
X01, X02 = Symbol("x01", real=True), Symbol("x02", real=True)
eta = Symbol("eta", positive=True)

def _f(z: Matrix) -> Any:
    return (z.T * A * z)[0] / 2


# --- VAR-X1-1, X1-2 --------------------------------------------------------------------------------

RATE = _label(r"\frac{d}{dt}f(x(t))")


def energy_decrease_statement() -> Eq:
    """VAR-X1-1: along :math:`\\dot x=-\\nabla f`, :math:`\\frac{d}{dt}f = -\\|\\nabla f\\|^2` (here f = ½xᵀAx)."""
    z = Matrix([x1, x2])
    return Eq(RATE, -((A * z).T * (A * z))[0], evaluate=False)


def _derive_x11() -> Derivation:
    z = Matrix([x1, x2])
    grad = Matrix([sympy.diff(_f(z), v) for v in (x1, x2)])
    rate = sympy.expand((grad.T * (-grad))[0])  # chain rule: df/dt = grad f . x'
    return Derivation(Eq(RATE, rate, evaluate=False),
                      (Step(r"Gradient of $f = x^\top Ax/2$", grad),
                       Step(r"Chain rule with $x' = -\nabla f$", Eq(RATE, rate))))


def _x11_evaluate(statement: Any, dps: int, point: Mapping[str, Any]) -> Any:
    """The closed form -|A x|^2 at the state x(t) reached by the (odefun) trajectory."""
    work = dps + 10  # pragma: no mutate (guard digits: any >= ~5 gives the same rounded value)
    state = nx.flow_state((point["x01"], point["x02"]), point["t"], dps=work)
    subs = {x1: sympy.Float(state[0], work), x2: sympy.Float(state[1], work)}  # explicit precision
    return checks.to_mpmath(sympy.N(checks.value_of(statement).subs(subs), work))


def _flow_examples() -> tuple:
    return ({"x01": 1, "x02": 1, "t": Fr(3, 2)}, {"x01": -2, "x02": Fr(1, 3), "t": Fr(1, 2)})


_NOTES_VAR_X1_1 = ("Numerics: mp.diff in $t$ of $f$ along the odefun trajectory, against $-|Ax|^2$ at the "
                   "trajectory's state.")
register(Result(
    key="VAR-X1-1", title="Gradient flow decreases the energy: df/dt = -|grad f|^2",
    title_tex=r"Gradient flow decreases the energy: $df/dt = -|\nabla f|^2$", source=SU_GRADIENT_FLOW,
    statement=energy_decrease_statement, derive=_derive_x11,
    numeric=lambda x01, x02, t, dps: nx.energy_rate((x01, x02), t, dps=dps), evaluate=_x11_evaluate,
    examples=_flow_examples(),
    notes=_NOTES_VAR_X1_1,
))

XT = _label("x(t)")


def quadratic_flow_statement() -> Eq:
    """VAR-X1-2: :math:`x(t) = e^{-At}x_0` for f = ½xᵀAx, A = [[2, 1], [1, 3]]."""
    return Eq(XT, (-A * t).exp() * Matrix([X01, X02]), evaluate=False)


def _derive_x12() -> Derivation:
    f1, f2 = sympy.Function("y1"), sympy.Function("y2")
    ode = [Eq(f1(t).diff(t), -(2 * f1(t) + f2(t))), Eq(f2(t).diff(t), -(f1(t) + 3 * f2(t)))]
    sol = sympy.dsolve(ode, [f1(t), f2(t)], ics={f1(0): X01, f2(0): X02})
    value = Matrix([s.rhs for s in sol])
    return Derivation(Eq(XT, value, evaluate=False),
                      (Step("The flow $x' = -Ax$", Tuple(*ode)),
                       Step("dsolve with $x(0) = x_0$", Eq(XT, value, evaluate=False))))


_NOTES_VAR_X1_2 = ("Golden: $x(3/2)$ = (0.037955196184655782700987658853271171, "
                   "-0.016344658016559073712515117685523453) for $x_0 = (1, 1)$.")
register(Result(
    key="VAR-X1-2", title="Quadratic gradient flow x(t) = exp(-A t) x0",
    title_tex="Quadratic gradient flow $x(t) = e^{-At}x_0$", source=SU_GRADIENT_FLOW, statement=quadratic_flow_statement,
    derive=_derive_x12, numeric=lambda x01, x02, t, dps: nx.quadratic_flow((x01, x02), t, dps=dps),
    examples=({"x01": 1, "x02": 1, "t": Fr(1, 2)},),
    notes=_NOTES_VAR_X1_2,
))

# --- VAR-X1-3, X1-4 --------------------------------------------------------------------------------

g1, g2, Ga, Gb, Gc = sympy.symbols("g1 g2 Ga Gb Gc", real=True)
STEP = _label(r"\Delta^*")


def metric_step_statement() -> Eq:
    """VAR-X1-3: :math:`\\arg\\min_\\Delta\\langle g,\\Delta\\rangle + \\Delta^\\top G\\Delta/(2\\eta) = -\\eta G^{-1}g`."""
    G = Matrix([[Ga, Gb], [Gb, Gc]])
    return Eq(STEP, -eta * G.inv() * Matrix([g1, g2]), evaluate=False)


def _derive_x13() -> Derivation:
    G, d = Matrix([[Ga, Gb], [Gb, Gc]]), Matrix(sympy.symbols("d1 d2", real=True))
    obj = (Matrix([g1, g2]).T * d)[0] + (d.T * G * d)[0] / (2 * eta)
    sol = sympy.solve([sympy.diff(obj, v) for v in d], list(d), dict=True)[0]
    value = Matrix([simplify(sol[v]) for v in d])
    return Derivation(Eq(STEP, value, evaluate=False), (Step("Model of the step", obj),
                                                        Step("Stationarity solved", Eq(STEP, value, evaluate=False))))


def _metric_step_numeric(g1: Any, g2: Any, Ga: Any, Gb: Any, Gc: Any, eta: Any, dps: int) -> list:
    """VAR-X1-3's numeric route: the minimiser of the quadratic model with G = [[Ga, Gb], [Gb, Gc]]."""
    return nx.minimise_quadratic_model((g1, g2), ((Ga, Gb), (Gb, Gc)), eta, dps=dps)


register(Result(
    key="VAR-X1-3", title="Steepest descent depends on the metric: -eta G^{-1} g",
    title_tex=r"Steepest descent depends on the metric: $-\eta G^{-1} g$",
    source=f"{SU_GRADIENT_FLOW}; natural gradient", statement=metric_step_statement, derive=_derive_x13,
    numeric=_metric_step_numeric,
    examples=({"g1": 1, "g2": -2, "Ga": 2, "Gb": Fr(1, 2), "Gc": 1, "eta": Fr(1, 3)},
              {"g1": Fr(3, 2), "g2": 5, "Ga": 7, "Gb": -3, "Gc": 2, "eta": 2}),
    notes=r"$G$ must be positive definite ($Ga > 0$, $Ga\,Gc > Gb^2$) for the argmin to exist.",
))

XK1, XK2 = Symbol("xk1", real=True), Symbol("xk2", real=True)
PROX = _label(r"\mathrm{prox}_{\eta f}(x_k)")


def proximal_statement() -> Eq:
    """VAR-X1-4: :math:`\\arg\\min_x f(x) + \\|x-x_k\\|^2/(2\\eta) = (I+\\eta A)^{-1}x_k` (implicit Euler / JKO step)."""
    return Eq(PROX, (sympy.eye(2) + eta * A).inv() * Matrix([XK1, XK2]), evaluate=False)


def _derive_x14() -> Derivation:
    z = Matrix(sympy.symbols("z1 z2", real=True))
    obj = _f(z) + ((z - Matrix([XK1, XK2])).T * (z - Matrix([XK1, XK2])))[0] / (2 * eta)
    sol = sympy.solve([sympy.diff(obj, v) for v in z], list(z), dict=True)[0]
    value = Matrix([simplify(sol[v]) for v in z])
    return Derivation(Eq(PROX, value, evaluate=False), (Step("Proximal objective", obj),
                                                        Step("Stationarity solved", Eq(PROX, value, evaluate=False))))


register(Result(
    key="VAR-X1-4", title="Implicit Euler / proximal step (I + eta A)^{-1} x_k",
    title_tex=r"Implicit Euler / proximal step $(I + \eta A)^{-1} x_k$",
    source=f"{SU_GRADIENT_FLOW}; JKO98 (Euclidean analogue)", statement=proximal_statement, derive=_derive_x14,
    numeric=lambda xk1, xk2, eta, dps: nx.proximal_step((xk1, xk2), eta, dps=dps),
    examples=({"xk1": 1, "xk2": 1, "eta": Fr(1, 2)}, {"xk1": -3, "xk2": Fr(2, 7), "eta": 5}),
    notes=r"Golden: $\eta = 1/2$, $x_k = (1, 1)$ gives $(8/19, 6/19)$.",
))

# --- VAR-X1-5, X1-6 --------------------------------------------------------------------------------

xx, m0, s0 = Symbol("x", real=True), Symbol("m0", real=True), Symbol("s0", positive=True)
t_pos = Symbol("t", positive=True)
FP = [_label(r"(\partial_t p/p)_{OU}"), _label(r"(\partial_t p/p)_{heat}")]


def _gauss(mean: Any, var: Any) -> Any:
    return exp(-((xx - mean) ** 2) / (2 * var)) / sqrt(2 * pi * var)


def _ou() -> Any:
    return _gauss(m0 * exp(-t_pos), 1 + (s0**2 - 1) * exp(-2 * t_pos))


def _heat() -> Any:
    return _gauss(m0, s0**2 + 2 * t_pos)


def fokker_planck_statement() -> Tuple:
    """VAR-X1-5: the OU Gaussian solves :math:`\\partial_tp = \\partial_x(px) + \\partial_x^2p` (flow of KL(p‖N(0,1))),
    the heat Gaussian solves :math:`\\partial_tp=\\partial_x^2p`; stated as :math:`\\partial_tp/p` = (right side)/p."""
    ou, heat = _ou(), _heat()
    return Tuple(Eq(FP[0], simplify((sympy.diff(ou * xx, xx) + sympy.diff(ou, xx, 2)) / ou), evaluate=False),
                 Eq(FP[1], simplify(sympy.diff(heat, xx, 2) / heat), evaluate=False))


def _derive_x15() -> Derivation:
    ou, heat = _ou(), _heat()
    lhs = [simplify(sympy.diff(ou, t_pos) / ou), simplify(sympy.diff(heat, t_pos) / heat)]
    # the identity holds for any density p and potential U (here U = x^2/2 for the OU target): both generic
    pg, U = sympy.Function("p")(xx), sympy.Function("U")(xx)
    wass = sympy.diff(pg * sympy.diff(log(pg / exp(-U)), xx), xx)
    identity = simplify(wass - (sympy.diff(pg * sympy.diff(U, xx), xx) + sympy.diff(pg, xx, 2)))
    if identity != 0:
        raise ArithmeticError(f"div(p grad log(p/q)) != div(p grad U) + Lap p: {identity}")
    steps = (Step(r"Wasserstein flow of $\mathrm{KL}(p\|q)$, $q \propto e^{-U}$: "
                  r"$\nabla \cdot(p \nabla \log(p/q)) = \nabla \cdot(p \nabla U) + \Delta p$ "
                  "(checked for a generic $p$)",
                  Eq(_label(r"\nabla\cdot(p\nabla\log(p/q))"), sympy.expand(wass))),
             Step(r"OU Gaussian $N(m_0e^{-t}, 1 + (s_0^2 - 1)e^{-2t})$ (variance, pitfall X-P1): $\partial_t p/p$",
                  Eq(FP[0], lhs[0])),
             Step(r"Heat Gaussian $N(m_0, s_0^2 + 2t)$: $\partial_t p/p$", Eq(FP[1], lhs[1])))
    return Derivation(Tuple(Eq(FP[0], lhs[0], evaluate=False), Eq(FP[1], lhs[1], evaluate=False)), steps)


_NOTES_VAR_X1_5 = ("The general statement (JKO98) is a THEOREM imported from the literature; the Gaussian solutions "
                   "are exact.")
register(Result(
    key="VAR-X1-5", title="Wasserstein gradient flow: Fokker-Planck and its Gaussian solutions",
    parts=(r"(\partial_t p/p)_{OU}", r"(\partial_t p/p)_{heat}"),
    source=f"{SU_GRADIENT_FLOW}; Jordan, Kinderlehrer & Otto 1998 (THEOREM for the general flow)",
    statement=fokker_planck_statement, derive=_derive_x15, numeric=nx.fokker_planck_ratio,
    examples=({"x": Fr(1, 2), "t": Fr(3, 4), "m0": 2, "s0": Fr(1, 2)},
              {"x": -1, "t": 2, "m0": Fr(-1, 3), "s0": 3}),
    notes=_NOTES_VAR_X1_5,
))

mm, ss = Symbol("m", real=True), Symbol("s", positive=True)
KLI = [_label(r"KL(N(m,s^2)\,\|\,N(0,1))"), _label(r"I(N(m,s^2)\,\|\,N(0,1))")]


def gaussian_kl_statement() -> Tuple:
    """VAR-X1-6: :math:`KL = (s^2+m^2-1-\\ln s^2)/2`, :math:`I = m^2+(s^2-1)^2/s^2`; gap :math:`I-2KL = 1/s^2-1+\\ln s^2\\ge0`."""
    return Tuple(Eq(KLI[0], (ss**2 + mm**2 - 1 - log(ss**2)) / 2, evaluate=False),
                 Eq(KLI[1], mm**2 + (ss**2 - 1) ** 2 / ss**2, evaluate=False))


def _derive_x16() -> Derivation:
    X = Symbol("X", real=True)
    # expectations under N(m, s^2) of polynomials in X: by the moments E X = m, E X^2 = m^2 + s^2
    moments = {2: mm**2 + ss**2, 1: mm}

    def expect(poly: Any) -> Any:
        P = sympy.Poly(sympy.expand(poly), X)
        return sum((c * (moments[k[0]] if k[0] else 1) for k, c in P.terms()), sympy.Integer(0))

    logratio = -((X - mm) ** 2) / (2 * ss**2) - log(ss) + X**2 / 2
    kl = simplify(expect(logratio).rewrite(log))
    score = sympy.diff(logratio, X)
    fisher = simplify(expect(score**2))
    m_t, s2_t = m0 * exp(-t_pos), 1 + (s0**2 - 1) * exp(-2 * t_pos)
    kl_t = ((s2_t + m_t**2 - 1 - log(s2_t)) / 2)
    dissipation = simplify(sympy.diff(kl_t, t_pos) + (m_t**2 + (s2_t - 1) ** 2 / s2_t))
    if dissipation != 0:
        raise ArithmeticError(f"dKL/dt != -I along the OU flow: {dissipation}")
    gap = simplify(fisher - 2 * kl)
    steps = (Step(r"$\log(p/q)$ for $p = N(m, s^2)$, $q = N(0, 1)$", logratio),
             Step(r"$\mathrm{KL} = E_p \log(p/q)$ by the Gaussian moments", Eq(KLI[0], kl)),
             Step(r"Relative Fisher information $E_p\left|\frac{d}{dx} \log(p/q)\right|^2$", Eq(KLI[1], fisher)),
             Step(r"Log-Sobolev gap $I - 2\,\mathrm{KL} = 1/s^2 - 1 + \ln s^2 \ge 0$ (min $0$ at $s = 1$)",
                  Eq(_label("I-2KL"), gap)),
             Step(r"Along the OU flow $d \mathrm{KL}/dt + I = 0$ (checked), so "
                  r"$\mathrm{KL}(t) \le e^{-2t}\,\mathrm{KL}(0)$ (Gross 1975)", Eq(_label(r"\frac{d}{dt}KL + I"), dissipation)))
    return Derivation(Tuple(Eq(KLI[0], kl, evaluate=False), Eq(KLI[1], fisher, evaluate=False)), steps)


register(Result(
    key="VAR-X1-6", title="Energy dissipation and log-Sobolev gap (Gaussian family)",
    parts=(r"KL(N(m,s^2)\,\|\,N(0,1))", r"I(N(m,s^2)\,\|\,N(0,1))"),
    source=f"{SU_GRADIENT_FLOW}; Gross 1975 (log-Sobolev, THEOREM)", statement=gaussian_kl_statement, derive=_derive_x16,
    numeric=nx.gaussian_kl_fisher, examples=({"m": Fr(1, 2), "s": Fr(3, 2)}, {"m": -2, "s": Fr(1, 3)}),
))
