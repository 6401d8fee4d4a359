"""Part II (extensions, VAR-X…): gradient flow, minimisation over distributions, exponentiated gradient.

Topics of Su's posts 梯度流 (Su-GF), 通向最优分布之路 (kexue.fm/archives/10289) and 指数梯度下降 +
元学习 (kexue.fm/archives/8968), attributed by topic only: the statements are standard
(JKO 1998, Gross 1975, Kivinen & Warmuth 1997, Baydin et al. 2018) in the forms of spec
``variational.md`` Part II.  Registered as the separate group ``VAR-X``.

Registers: VAR-X1-1, VAR-X1-2, VAR-X1-3, VAR-X1-4, VAR-X1-5, VAR-X1-6.
"""

from __future__ import annotations

from fractions import Fraction as Fr
from typing import Any

import sympy
from sympy import Eq, Matrix, Symbol, Tuple, exp, log, pi, simplify, sqrt

from numerics.variational import certified as exact
from numerics.variational import extensions as nx
from proofs.core import Bound, Derivation, Result, Step, register
from proofs.core.bibliography import SU_GRADIENT_FLOW
from proofs.core.params import draw, s

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
#: concrete energies of VAR-X1-1's numeric check, as functions of (x1, x2); indices match numerics' ENERGIES
ENERGIES_SYM = {0: None, 1: x1**4 / 4 + x1 * x2 + x2**3 / 3 + x2**2}
_f_generic = sympy.Function("f")


def _state(n: int) -> tuple:
    if isinstance(n, bool) or not isinstance(n, (int, sympy.Integer)) or int(n) < 1:
        raise ValueError(f"n (the dimension) must be a positive integer, got {n!r}")
    return (x1, x2) if int(n) == 2 else sympy.symbols(f"x1:{int(n) + 1}", real=True)


def energy_decrease_statement(n: Any = 2, kind: Any = None) -> Eq:
    """VAR-X1-1: along :math:`\\dot x=-\\nabla f`, :math:`\\frac{d}{dt}f = -\\|\\nabla f\\|^2`.

    For a generic f of n variables (the claim, proved for n = 1..4); with ``kind`` (n = 2), for the
    concrete energy ``ENERGIES_SYM[kind]`` (0: the spec's :math:`\\tfrac12 x^\\top Ax`), at the state (x1, x2).
    """
    xs = _state(n)
    grad = [sympy.Derivative(_f_generic(*xs), xi) for xi in xs]
    value = -sum((g**2 for g in grad), sympy.Integer(0))
    if kind is None:
        return Eq(RATE, value, evaluate=False)
    if int(n) != 2 or isinstance(kind, bool) or kind not in ENERGIES_SYM:
        raise ValueError(f"kind must be one of {sorted(ENERGIES_SYM)} (with n = 2), got {kind!r}")
    energy = _f(Matrix([x1, x2])) if kind == 0 else ENERGIES_SYM[kind]
    return Eq(RATE, value.subs(_f_generic, sympy.Lambda((x1, x2), energy)).doit(), evaluate=False)


def _derive_x11(n: int) -> Derivation:
    xs = _state(n)
    traj = [sympy.Function(f"X_{i + 1}")(t) for i in range(len(xs))]
    along = _f_generic(*traj)
    rate = sympy.diff(along, t)  # the chain rule, by SymPy
    grad_at = [sympy.Derivative(_f_generic(*xs), xi).subs(dict(zip(xs, traj)), simultaneous=True) for xi in xs]
    flow = {X.diff(t): -g for X, g in zip(traj, grad_at)}
    value = rate.subs(flow).doit().subs(dict(zip(traj, xs)), simultaneous=True).doit()
    steps = (Step(r"$\frac{d}{dt} f(x(t))$ for a generic $f$ along a generic curve (chain rule)", Eq(RATE, rate)),
             Step(r"On the gradient flow $x_i' = -\partial_i f(x)$, at the state $x$", Eq(RATE, value)))
    return Derivation(Eq(RATE, value, evaluate=False), steps)


def _x11_numeric(kind: Any, x1: Any, x2: Any, dps: int) -> Any:
    """VAR-X1-1's numeric route: mp.diff of f along the odefun trajectory through the state (x1, x2)."""
    return nx.energy_rate_at(kind, (x1, x2), dps=dps)


_NOTES_VAR_X1_1 = (r"Proved for a generic $f$ of $n = 1, \ldots, 4$ variables (the chain rule along the flow). "
                   r"Numerics: for two energies ($x^\top Ax/2$ with $A = [[2, 1], [1, 3]]$, and "
                   r"$x_1^4/4 + x_1x_2 + x_2^3/3 + x_2^2$), mp.diff in $s$ of $f$ along the odefun trajectory through "
                   r"the state (forwards and backwards), against $-|\nabla f|^2$ there.")
register(Result(
    key="VAR-X1-1", title="Gradient flow decreases the energy: df/dt = -|grad f|^2",
    title_tex=r"Gradient flow decreases the energy: $df/dt = -|\nabla f|^2$", source=SU_GRADIENT_FLOW,
    statement=energy_decrease_statement, derive=_derive_x11, numeric=_x11_numeric,
    certified=exact.energy_rate,
    params=draw(kind=s.sizes(0, 1), x1=s.rationals(-2, 2, max_denominator=20), x2=s.rationals(-2, 2, max_denominator=20)),
    examples=({"kind": 0, "x1": 1, "x2": 1}, {"kind": 1, "x1": Fr(1, 3), "x2": Fr(-7, 5)}),
    bound=Bound("n", 1, 4), display={"n": 2},
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


_NOTES_VAR_X1_2 = ("The spec's matrix $A$ (symbolic $x_0$ and $t$); for another $A$ the same fact is the "
                   "standard matrix exponential, not proved here. Golden: $x(3/2)$ = "
                   "(0.037955196184655782700987658853271171, -0.016344658016559073712515117685523453) for "
                   "$x_0 = (1, 1)$. Numerics: odefun.")
register(Result(
    key="VAR-X1-2", title="Quadratic gradient flow x(t) = exp(-A t) x0 for A = [[2, 1], [1, 3]]",
    title_tex=r"Quadratic gradient flow $x(t) = e^{-At}x_0$ for $A = [[2, 1], [1, 3]]$",
    source=SU_GRADIENT_FLOW, statement=quadratic_flow_statement,
    derive=_derive_x12, numeric=lambda x01, x02, t, dps: nx.quadratic_flow((x01, x02), t, dps=dps),
    certified=exact.quadratic_flow,
    params=draw(x01=s.rationals(-2, 2, max_denominator=20), x02=s.rationals(-2, 2, max_denominator=20),
                t=s.rationals(0, 2, max_denominator=20)),
    examples=({"x01": 1, "x02": 1, "t": Fr(1, 2)},),
    notes=_NOTES_VAR_X1_2,
))

# --- VAR-X1-3, X1-4 --------------------------------------------------------------------------------

g1, g2, Ga, Gb, Gc = sympy.symbols("g1 g2 Ga Gb Gc", real=True)
STEP = _label(r"\Delta^*")


def _metric(n: Any) -> tuple[Matrix, Matrix]:
    """A symbolic symmetric n x n metric G and gradient g; for n = 2 the names of the example points."""
    if isinstance(n, bool) or not isinstance(n, (int, sympy.Integer)) or int(n) < 1:
        raise ValueError(f"n (the dimension) must be a positive integer, got {n!r}")
    n = int(n)
    if n == 2:
        return Matrix([[Ga, Gb], [Gb, Gc]]), Matrix([g1, g2])
    G = Matrix(n, n, lambda i, j: Symbol(f"G{min(i, j) + 1}{max(i, j) + 1}", real=True))
    return G, Matrix(sympy.symbols(f"g1:{n + 1}", real=True))


def metric_step_statement(n: Any = 2) -> Eq:
    """VAR-X1-3: :math:`\\arg\\min_\\Delta\\langle g,\\Delta\\rangle + \\Delta^\\top G\\Delta/(2\\eta) = -\\eta G^{-1}g`
    (G symmetric positive definite, n x n; proved for n = 1, 2, 3)."""
    G, g = _metric(n)
    return Eq(STEP, -eta * G.inv() * g, evaluate=False)


def _derive_x13(n: int) -> Derivation:
    G, g = _metric(n)
    d = Matrix(sympy.symbols(f"d1:{n + 1}", real=True))
    obj = (g.T * d)[0] + (d.T * G * d)[0] / (2 * eta)
    grad = [sympy.expand(sympy.diff(obj, v)) for v in d]
    sol = sympy.solve(grad, list(d), dict=True)
    if len(sol) != 1:
        raise ArithmeticError(f"the stationarity of the model has no unique solution: {sol}")
    value = Matrix([sympy.factor(sol[0][v]) for v in d])
    return Derivation(Eq(STEP, value, evaluate=False),
                      (Step(r"Model of the step $\langle g, \Delta\rangle + \Delta^\top G\Delta/(2\eta)$", obj),
                       Step(r"Its gradient in $\Delta$ (zero at the minimiser: the model is strictly convex for "
                            r"positive definite $G$)", Matrix(grad)),
                       Step("Stationarity solved", Eq(STEP, value, evaluate=False))))


def _metric_step_numeric(g1: Any, g2: Any, Ga: Any, Gb: Any, Gc: Any, eta: Any, dps: int) -> list:
    """VAR-X1-3's numeric route: the minimiser of the quadratic model with G = [[Ga, Gb], [Gb, Gc]]."""
    return nx.minimise_quadratic_model((g1, g2), ((Ga, Gb), (Gb, Gc)), eta, dps=dps)


_POS = s.rationals(Fr(1, 10), 4, max_denominator=20)
_REAL = s.rationals(-3, 3, max_denominator=20)


def _metric_points() -> Any:
    """The ``params`` of VAR-X1-3: g, eta and a positive definite G (|Gb| < min(Ga, Gc) <= sqrt(Ga Gc))."""
    return draw(g1=_REAL, g2=_REAL, Ga=_POS, Gc=_POS, u=s.rationals(Fr(-9, 10), Fr(9, 10), max_denominator=20),
                eta=_POS)().map(lambda p: {"g1": p["g1"], "g2": p["g2"], "Ga": p["Ga"], "Gc": p["Gc"],
                                           "Gb": p["u"] * min(p["Ga"], p["Gc"]), "eta": p["eta"]})


register(Result(
    key="VAR-X1-3", title="Steepest descent depends on the metric: -eta G^{-1} g",
    title_tex=r"Steepest descent depends on the metric: $-\eta G^{-1} g$",
    source=f"{SU_GRADIENT_FLOW}; natural gradient", statement=metric_step_statement, derive=_derive_x13,
    numeric=_metric_step_numeric, params=_metric_points, certified=exact.metric_step,
    examples=({"g1": 1, "g2": -2, "Ga": 2, "Gb": Fr(1, 2), "Gc": 1, "eta": Fr(1, 3)},
              {"g1": Fr(3, 2), "g2": 5, "Ga": 7, "Gb": -3, "Gc": 2, "eta": 2}),
    bound=Bound("n", 1, 3), display={"n": 2},
    notes=r"Proved for a symbolic symmetric $G$ of size $n = 1, 2, 3$; $G$ must be positive definite "
          r"($Ga > 0$, $Ga\,Gc > Gb^2$ for $n = 2$) for the argmin to exist. Numerics ($n = 2$): findroot on the "
          r"mp.diff gradient of the model.",
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
    key="VAR-X1-4", title="Implicit Euler / proximal step (I + eta A)^{-1} x_k for A = [[2, 1], [1, 3]]",
    title_tex=r"Implicit Euler / proximal step $(I + \eta A)^{-1} x_k$ for $A = [[2, 1], [1, 3]]$",
    source=f"{SU_GRADIENT_FLOW}; JKO98 (Euclidean analogue)", statement=proximal_statement, derive=_derive_x14,
    numeric=lambda xk1, xk2, eta, dps: nx.proximal_step((xk1, xk2), eta, dps=dps), certified=exact.proximal_step,
    params=draw(xk1=_REAL, xk2=_REAL, eta=_POS),
    examples=({"xk1": 1, "xk2": 1, "eta": Fr(1, 2)}, {"xk1": -3, "xk2": Fr(2, 7), "eta": 5}),
    notes=r"The spec's matrix $A$ (symbolic $x_k$ and $\eta$). Golden: $\eta = 1/2$, $x_k = (1, 1)$ gives "
          r"$(8/19, 6/19)$. Numerics: findroot on the mp.diff gradient of the proximal objective.",
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
    certified=exact.fokker_planck_ratio,
    params=draw(x=_REAL, t=_POS, m0=_REAL, s0=_POS),
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
    # the gap as a function of v = s^2: 1/v - 1 + ln v, with derivative (v - 1)/v^2: least at v = 1, where it is 0
    v = Symbol("v", positive=True)
    gap_v = sympy.expand_log(gap.subs(ss, sqrt(v)), force=True)
    slope = sympy.factor(sympy.diff(gap_v, v))
    crit = sympy.solve(slope, v)
    if crit != [1] or gap_v.subs(v, 1) != 0 or sympy.factor(slope - (v - 1) / v**2) != 0:
        raise ArithmeticError(f"the log-Sobolev gap is not least (= 0) at s = 1: {gap_v}, slope {slope}")
    steps = (Step(r"$\log(p/q)$ for $p = N(m, s^2)$, $q = N(0, 1)$", logratio),
             Step(r"$\mathrm{KL} = E_p \log(p/q)$ by the Gaussian moments", Eq(KLI[0], kl)),
             Step(r"Relative Fisher information $E_p\left|\frac{d}{dx} \log(p/q)\right|^2$", Eq(KLI[1], fisher)),
             Step(r"Log-Sobolev gap $I - 2\,\mathrm{KL}$", Eq(_label("I-2KL"), gap)),
             Step(r"In $v = s^2$ its derivative is $(v - 1)/v^2$: it decreases, then increases, and vanishes at "
                  r"$v = 1$, so the gap is $\ge 0$ (Gaussian family)", Eq(_label(r"\frac{d}{dv}(I-2KL)"), slope)),
             Step(r"Along the OU flow $d \mathrm{KL}/dt + I = 0$ (checked), so "
                  r"$\mathrm{KL}(t) \le e^{-2t}\,\mathrm{KL}(0)$ (Gross 1975)", Eq(_label(r"\frac{d}{dt}KL + I"), dissipation)))
    return Derivation(Tuple(Eq(KLI[0], kl, evaluate=False), Eq(KLI[1], fisher, evaluate=False)), steps)


register(Result(
    key="VAR-X1-6", title="Energy dissipation and log-Sobolev gap (Gaussian family)",
    parts=(r"KL(N(m,s^2)\,\|\,N(0,1))", r"I(N(m,s^2)\,\|\,N(0,1))"),
    source=f"{SU_GRADIENT_FLOW}; Gross 1975 (log-Sobolev, THEOREM)", statement=gaussian_kl_statement, derive=_derive_x16,
    numeric=nx.gaussian_kl_fisher, params=draw(m=_REAL, s=_POS), certified=exact.gaussian_kl_fisher,
    examples=({"m": Fr(1, 2), "s": Fr(3, 2)}, {"m": -2, "s": Fr(1, 3)}),
))
