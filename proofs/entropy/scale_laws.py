"""Scale laws: Su's kappa ln n / d (ENT-A7), log_512 n / sqrt d (A11), SSMax and its n -> oo limits (A14), YaRN
and DeepSeek-V3 (A16), Llama 4 and Qwen (A17).

Evidence: independent routes (root finding, explicit vectors, code emulation) except for ENT-A16-DSV3 and
ENT-A17, whose numeric checks repeat the deployed code's arithmetic (mirrors), and ENT-A14-LIM, a limit
checked by a convergence table.

Registers: ENT-A7-ALG, ENT-A11A, ENT-A14, ENT-A14-LIM, ENT-A14-FIG, ENT-A16, ENT-A16-ALG,
ENT-A16-DSV3, ENT-A17.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from sympy import Eq, Matrix, Rational, Symbol, exp, expand_log, floor, log, oo, sqrt

from numerics.entropy import certified_softmax as cs
from numerics.entropy import scale_laws as ne

from .closed_forms import practical_scale, real_arg, ssmax_scale, two_level, yarn_mscale
from proofs.core import Convergence, Derivation, Evidence, Result, Status, Step, register
from proofs.core.bibliography import SSMAX, SU_8823, SU_9034, SU_9948, YARN
from proofs.core.params import draw, s as st

__all__ = [
    "su_law",
    "practical_algebra",
    "ssmax_two_level_statement",
    "ssmax_limits",
    "softmax_half_point",
    "yarn_logit_multiplier",
    "yarn_algebra",
    "dsv3_scale",
    "deployed",
]

NP = Symbol("n", positive=True)
D = Symbol("d", positive=True)
KAPPA = Symbol("kappa", positive=True)
SIGMA = Symbol("sigma", positive=True)
LAM = Symbol("lambda", real=True)
SP = Symbol("s", positive=True)
SR = Symbol("s", real=True)
DELTA = Symbol("Delta", positive=True)
BASE = Symbol("b", real=True)
LTRAIN = Symbol("L", positive=True)
ALPHA = Symbol("alpha", positive=True)
TP = Symbol("t", positive=True)
AR = Symbol("a", real=True)
F = Fraction


def _opt(v: Any, default: Any, name: str) -> Any:
    return default if v is None else real_arg(v, name)


# --- ENT-A7 (the algebra; the law itself is HEURISTIC) ------------------------------------------------


def su_law(n: Any = None, d: Any = None, kappa: Any = None, sigma: Any = None) -> Eq:
    """ENT-A7: holding :math:`\\ln n - \\lambda D` at :math:`(1-\\kappa)\\ln n` gives :math:`\\lambda = \\kappa\\ln n/D`:
    :math:`\\kappa\\ln n/d` for a spread d, :math:`\\kappa\\sqrt{\\ln n/2}/\\sigma` for the Gaussian spread :math:`\\sigma\\sqrt{2\\ln n}`."""
    n_, d_, k_, s_ = (
        _opt(n, NP, "n"),
        _opt(d, D, "d"),
        _opt(kappa, KAPPA, "kappa"),
        _opt(sigma, SIGMA, "sigma"),
    )
    return Eq(
        Matrix([Symbol("lambda_d"), Symbol("lambda_gauss")]),
        Matrix([k_ * log(n_) / d_, k_ * sqrt(log(n_) / 2) / s_]),
        evaluate=False,
    )


@lru_cache(maxsize=None)
def _derive_su_law() -> Derivation:
    lam = Symbol("lambda", positive=True)
    roots = [
        sympy.solve(log(NP) - lam * spread - (1 - KAPPA) * log(NP), lam)[0]
        for spread in (D, SIGMA * sqrt(2 * log(NP)))
    ]
    return Derivation(
        Eq(su_law().lhs, Matrix(roots), evaluate=False),
        (Step(r"solve $\log n - \lambda D = (1 - \kappa) \log n$ for $\lambda$", Matrix(roots)),),
    )


_NOTES_ENT_A7_ALG = (r"The law itself is HEURISTIC (ENT-A7): by ENT-A6 it is the minimum growth when the spread is "
                     r"bounded; it fixes $p_{\max}$ but not $H$ in the two-level model (ENT-A8a/b); it is the wrong law for "
                     r"Gaussian scores (ENT-A12, experiment ENT-E1). Only the algebra is EXACT.")
register(Result(
    key="ENT-A7-ALG", title="Su's scale law: lambda = kappa ln n / d (and sqrt(ln n) for a Gaussian spread)",
    title_tex=r"Su's scale law: $\lambda = \kappa \ln n / d$ (and $\sqrt{\ln n}$ for a Gaussian spread)",
    source=f"{SU_9034} (final display); {SU_8823}", statement=su_law, derive=_derive_su_law,
    numeric=ne.su_law_routes, certified=cs.su_law_roots,
    examples=({"n": 512, "d": 64, "kappa": F(1, 2), "sigma": 8},
              {"n": 65536, "d": 128, "kappa": 3, "sigma": 1}),
    params=draw(n=st.sizes(2, 10**6), d=st.sizes(1, 1024), kappa=st.positive_rationals(4, max_denominator=100),
                sigma=st.positive_rationals(8, max_denominator=100)),
    notes=_NOTES_ENT_A7_ALG,
))


# --- ENT-A11a ---------------------------------------------------------------------------------------------


def practical_algebra(n: Any = None, d: Any = None) -> Eq:
    """ENT-A11a: :math:`\\kappa\\ln 512/d = 1/\\sqrt d` gives :math:`\\kappa = \\sqrt d/\\ln 512`, :math:`\\lambda = \\log_{512}n/\\sqrt d`;
    :math:`\\log_{512}n = \\log_2(n)/9`."""
    n_, d_ = _opt(n, NP, "n"), _opt(d, D, "d")
    lhs = Matrix([KAPPA, Symbol("lambda"), log(NP, 512) - log(NP, 2) / 9])
    return Eq(lhs, Matrix([sqrt(d_) / log(512), practical_scale(n_, d_), 0]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_practical() -> Derivation:
    kappa = sympy.solve(KAPPA * log(512) / D - 1 / sqrt(D), KAPPA)[0]
    value = Matrix([kappa, kappa * log(NP) / D, expand_log(log(NP, 512) - log(NP, 2) / 9)])
    return Derivation(
        Eq(practical_algebra().lhs, value, evaluate=False),
        (
            Step(r"solve $\kappa \log(512)/d = 1/\sqrt{d}$", kappa),
            Step(r"$\lambda = \kappa \log(n)/d$", value[1]),
        ),
    )


_NOTES_ENT_A11A = (r"$\text{practical\_scale}(4096, 64) = 1/6$ exactly; equivalently SSMax with $s = 1/\ln 512$. "
                   r"Numeric route: $\kappa$ by root finding on $\kappa \ln 512/d = 1/\sqrt{d}$, and $\log_{512} n$, "
                   r"$\log_2 n$ as the roots of $512^x = n$, $2^y = n$ (Newton). ENT-A11b (the JL argument of Su-9588 "
                   r"for the factor $\log_{512} n$) is HEURISTIC and only recorded.")
register(Result(
    key="ENT-A11A", title="Practical scale log_512(n)/sqrt(d): equals 1/sqrt(d) at n = 512",
    title_tex=r"Practical scale $\log_{512}(n)/\sqrt{d}$: equals $1/\sqrt{d}$ at $n = 512$", source=SU_8823,
    statement=practical_algebra, derive=_derive_practical, numeric=ne.practical_scale_route,
    certified=cs.practical_scale_roots,
    examples=({"n": 4096, "d": 64}, {"n": 512, "d": 128}, {"n": 10**5, "d": 96}),
    params=draw(n=st.sizes(1, 10**9), d=st.sizes(1, 4096)),
    notes=_NOTES_ENT_A11A,
))


# --- ENT-A14 ----------------------------------------------------------------------------------------------


def ssmax_two_level_statement(n: Any = None, s: Any = None, delta: Any = None) -> Eq:
    """ENT-A14: two-level SSMax :math:`p_{\\max} = 1/(1 + (n-1)n^{-s\\Delta})`, both from :math:`n^{s z_i}` and from
    softmax at :math:`\\lambda = s\\ln n`."""
    n_, s_, d_ = _opt(n, NP, "n"), _opt(s, SP, "s"), _opt(delta, DELTA, "delta")
    f = 1 / (1 + (n_ - 1) * n_ ** (-s_ * d_))
    # the two definitions at z = (Delta, 0, ..., 0): n^{s z_1}/sum_j n^{s z_j} and e^{lambda z_1}/sum_j e^{lambda z_j}
    lam = ssmax_scale(n_, s_)
    lhs = Matrix([n_ ** (s_ * d_) / (n_ ** (s_ * d_) + (n_ - 1)),
                  sympy.exp(lam * d_, evaluate=False) / (sympy.exp(lam * d_, evaluate=False) + (n_ - 1))])
    return Eq(lhs, Matrix([f, f]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_ssmax() -> Derivation:
    top, rest = NP ** (SP * (BASE + DELTA)), NP ** (SP * BASE)
    direct = sympy.powsimp(sympy.simplify(top / (top + (NP - 1) * rest)))
    via = sympy.simplify(two_level(NP, DELTA, ssmax_scale(NP, SP))["p_max"])
    return Derivation(
        Eq(ssmax_two_level_statement().lhs, Matrix([direct, via]), evaluate=False),
        (
            Step(r"$n^{s z_i}/\sum_j n^{s z_j}$ for $z = (b + \Delta, b, \ldots, b)$", direct),
            Step(r"softmax at $\lambda = s \log n$ (ENT-A8 $p_{\max}$ with $u = s \log(n) \Delta$)", via),
        ),
    )


_NOTES_ENT_A14 = (r"Figure 1 of the paper: $z = (-2, \ldots, -2, +3)$, $s = 0.43$ (table G5). The learned $s$ is "
                  r"EMPIRICAL (fitted $a_1 \log n + a_2$ replaced by $s \log n$). Pitfall P8: subtracting $s \ln n$ from "
                  r"the logits is a no-op.")
register(Result(
    key="ENT-A14",
    title="Scalable-Softmax = softmax at lambda = s ln n; two-level p_max = 1/(1 + (n-1) n^(-s Delta))",
    title_tex=r"Scalable-Softmax = softmax at $\lambda = s \ln n$; two-level "
    r"$p_{\max} = 1/(1 + (n-1) n^{-s \Delta})$",
    source=SSMAX, statement=ssmax_two_level_statement, derive=_derive_ssmax, numeric=ne.ssmax_two_level,
    certified=cs.ssmax_weights,
    examples=tuple({"n": n, "s": F(43, 100), "delta": 5} for n in (2, 10, 100, 1000)),
    params=draw(n=st.sizes(2, 2000), s=st.positive_rationals(2, max_denominator=100),
                delta=st.positive_rationals(10, max_denominator=100)),
    notes=_NOTES_ENT_A14,
))


def _focus(n: Any, a: Any) -> Any:
    """The two-level SSMax weight of the distinguished token, :math:`1/(1 + (n-1)n^{-a})`, :math:`a = s\\Delta`."""
    return 1 / (1 + (n - 1) * n ** (-a))


def ssmax_limits(a: Any = None) -> Eq:
    """ENT-A14: :math:`\\lim_{n\\to\\infty} 1/(1+(n-1)n^{-a})` is 1, 1/2, 0 for :math:`a = s\\Delta > 1, = 1, < 1`."""
    a_ = AR if a is None else real_arg(a, "a")
    limit = sympy.Piecewise((1, a_ > 1), (Rational(1, 2), sympy.Eq(a_, 1)), (0, True))
    # the left side names the limit (SymPy cannot take it for a symbolic real a; the derivation takes it per regime)
    return Eq(Symbol("lim p_max"), limit, evaluate=False)


@lru_cache(maxsize=None)
def _derive_ssmax_limits() -> Derivation:
    # the three regimes a = 1 + t, 1, 1 - t with t > 0 symbolic cover every real a; (n - 1) n^{-a} decides them
    regimes = (1 + TP, 1, 1 - TP)
    ratio = Matrix([sympy.limit((NP - 1) * NP ** (-a), NP, oo) for a in regimes])
    limits = [sympy.limit(_focus(NP, a), NP, oo) for a in regimes]
    value = sympy.Piecewise((limits[0], AR > 1), (limits[1], sympy.Eq(AR, 1)), (limits[2], True))
    return Derivation(
        Eq(ssmax_limits().lhs, value, evaluate=False),
        (
            Step(r"Two-level SSMax weight $p_{\max}(n)$ of the distinguished token, $a = s \Delta$ (ENT-A14)",
                 Eq(Symbol("p_max(n)"), _focus(NP, AR), evaluate=False)),
            Step(r"$\lim_{n \to \infty} (n - 1) n^{-a}$ for $a = 1 + t,\ 1,\ 1 - t$ (symbolic $t > 0$)", ratio),
            Step(r"$\lim_{n \to \infty} p_{\max}(n)$ for the same three $a$", Matrix(limits)),
            Step(r"The three regimes cover every real $a = s \Delta$", value),
        ),
    )


_NOTES_ENT_A14_LIM = (r"Proved for every real $a = s \Delta$: the limits are taken at $a = 1 + t$, $1$, $1 - t$ with symbolic "
                      r"$t > 0$. SSMax's Figure 1 has $s \Delta = 0.43 \cdot 5 = 43/20$. Convergence table: the finite-$n$ "
                      r"weight $n^a/(n^a + n - 1)$ (no limit taken) at $n = 10, \ldots, 10^8$ for the boundary case "
                      r"$a = 1$ (limit $1/2$); the distance falls like $1/n$ (like $n^{-|a - 1|}$ for $a \ne 1$; the tables at "
                      r"the other examples are tested).")
register(Result(
    key="ENT-A14-LIM", title="SSMax focus as n -> oo: 1 if s Delta > 1, 1/2 if = 1, 0 if < 1",
    title_tex=r"SSMax focus as $n \to \infty$: 1 if $s \Delta > 1$, $1/2$ if $= 1$, 0 if $< 1$", source=SSMAX,
    statement=ssmax_limits, derive=_derive_ssmax_limits,
    examples=({"a": 1}, {"a": F(43, 20)}, {"a": F(1, 2)}, {"a": -1}),
    params=draw(a=st.rationals(-2, 4, max_denominator=100)),
    evidence=Evidence.CONVERGENCE,
    convergence=Convergence(ne.ssmax_focus_table, quantity=r"$p_{\max}(n) = n^a/(n^a + n - 1)$, $a = s \Delta$"),
    notes=_NOTES_ENT_A14_LIM,
))


def softmax_half_point(delta: Any = None) -> Eq:
    """ENT-A14: plain softmax puts mass 1/2 on a token with gap :math:`\\Delta` at :math:`n = e^\\Delta + 1` (149.41 for Delta = 5)."""
    d_ = _opt(delta, DELTA, "delta")
    return Eq(Symbol("n_half"), exp(d_) + 1, evaluate=False)


@lru_cache(maxsize=None)
def _derive_half() -> Derivation:
    value = sympy.solve(two_level(NP, DELTA, 1)["p_max"] - Rational(1, 2), NP)[0]
    return Derivation(
        Eq(Symbol("n_half"), value, evaluate=False), (Step(r"solve $p_{\max}(n) = 1/2$ for $n$", value),)
    )


register(Result(
    key="ENT-A14-FIG", title="Plain softmax loses the focus at n = e^Delta + 1 (149.41 for SSMax's Figure 1)",
    title_tex=r"Plain softmax loses the focus at $n = e^\Delta + 1$ (149.41 for SSMax's Figure 1)",
    source=f"{SSMAX} (Figure 1 setup)", statement=softmax_half_point, derive=_derive_half,
    numeric=ne.softmax_half_point, certified=cs.half_point_root, examples=({"delta": 5}, {"delta": F(3, 2)}),
    params=draw(delta=st.positive_rationals(12, max_denominator=100)),
    notes=r"Numeric route: the $n$ at which $e^\Delta/(e^\Delta + n - 1) = 1/2$, by root finding. 149.41 is "
          r"$e^5 + 1 = 149.4131591\ldots$ rounded; the statement is the exact $e^\Delta + 1$.",
))


# --- ENT-A16 / A17 ---------------------------------------------------------------------------------------


def yarn_logit_multiplier(factor: Any = None) -> Eq:
    """ENT-A16: scaling both cos and sin caches by mscale multiplies :math:`q\\cdot k` by :math:`\\mathrm{mscale}^2 = 1/t`."""
    f = _opt(factor, SP, "factor")
    return Eq(Symbol("q'.k' / q.k"), yarn_mscale(f) ** 2, evaluate=False)


_NOTES_ENT_A16 = (r"EMPIRICAL constants 0.1 and $+1$ (a perplexity fit). What is checked: emulating the code "
                  r"(rotary embedding of fixed $q, k \in \mathbb{R}^8$ with both the cos and the sin cache times mscale) "
                  r"multiplies the logit by $\mathrm{mscale}^2$ exactly (pitfall P9); table G6. Not checked: the formula "
                  r"$\mathrm{mscale} = 0.1 \ln s + 1$ (1 for $s \le 1$) itself, which both sides take from the code "
                  r"(a transcription), nor its perplexity fit.")
register(Result(
    key="ENT-A16", title="YaRN attention temperature sqrt(1/t) = 0.1 ln s + 1; logit multiplier mscale^2",
    title_tex=r"YaRN attention temperature $\sqrt{1/t} = 0.1 \ln s + 1$; logit multiplier "
    r"$\mathrm{mscale}^2$",
    source=f"{YARN}, get_mscale; code jquesnelle/yarn scaled_rope/LlamaYaRNScaledRotaryEmbedding.py",
    status=Status.EMPIRICAL, statement=yarn_logit_multiplier, numeric=ne.rope_logit_ratio,
    certified=cs.yarn_logit_ratio,
    examples=({"factor": 2}, {"factor": 40}, {"factor": 64}, {"factor": F(1, 2)}),
    params=draw(factor=st.positive_rationals(100, max_denominator=100)),
    notes=_NOTES_ENT_A16,
))


def yarn_algebra(s: Any = None, train_len: Any = None) -> Eq:
    """ENT-A16 (Su-9948 remarks): :math:`(1 + \\tfrac{\\ln s}{10})^2 = 1 + \\tfrac{\\ln s}5 + \\tfrac{\\ln^2 s}{100}`,
    :math:`\\log_L(sL) = 1 + \\ln s/\\ln L`."""
    s_, ell = _opt(s, SP, "s"), _opt(train_len, LTRAIN, "train_len")
    lhs = Matrix([(1 + log(SP) / 10) ** 2, log(SP * LTRAIN, LTRAIN)])
    return Eq(lhs, Matrix([1 + log(s_) / 5 + log(s_) ** 2 / 100, 1 + log(s_) / log(ell)]), evaluate=False)


@lru_cache(maxsize=None)
def _derive_yarn_algebra() -> Derivation:
    value = Matrix(
        [sympy.expand((1 + log(SP) / 10) ** 2), sympy.expand(expand_log(log(SP * LTRAIN)) / log(LTRAIN))]
    )
    return Derivation(
        Eq(yarn_algebra().lhs, value, evaluate=False), (Step(r"expand; $\log(sL) = \log s + \log L$", value),)
    )


_NOTES_ENT_A16_ALG = (r"$1/\ln 2048 = 0.131154094626269400669$ and $1/\ln 4096 = 0.120224586740746950613$: 'about half "
                      r"of 0.2'. Numeric route ($s > 1$): the squared factor as the logit multiplier of the emulated YaRN "
                      r"code path (ENT-A16), and $\log_L(sL)$ as the root of $L^y = sL$ (Newton); nothing is expanded.")
register(Result(
    key="ENT-A16-ALG",
    title="YaRN squared factor 1 + 0.2 ln s + 0.01 ln^2 s vs Su's log_L(n) = 1 + ln s / ln L",
    title_tex=r"YaRN squared factor $1 + 0.2 \ln s + 0.01 \ln^2 s$ vs Su's $\log_L(n) = 1 + \ln s / \ln L$",
    source=f"{SU_9948}; {YARN}, get_mscale", statement=yarn_algebra, derive=_derive_yarn_algebra,
    numeric=ne.yarn_squared_factor_routes, certified=cs.yarn_algebra_routes,
    examples=({"s": 40, "train_len": 4096}, {"s": 16, "train_len": 2048}),
    params=draw(s=st.rationals(F(101, 100), 100, max_denominator=100), train_len=st.sizes(2, 10**6)),
    notes=_NOTES_ENT_A16_ALG,
))


def dsv3_scale(factor: Any = None, mscale: Any = None) -> Eq:
    """ENT-A16 (DeepSeek-V3): ``softmax_scale = 192^{-1/2} * mscale(factor)^2``."""
    f, m = _opt(factor, SP, "factor"), _opt(mscale, 1, "mscale")
    return Eq(Symbol("softmax_scale"), yarn_mscale(f, m) ** 2 / sqrt(192), evaluate=False)


_NOTES_ENT_A16_DSV3 = (r"Config: factor 40, $\text{mscale} = \text{mscale\_all\_dim} = 1.0$, original length 4096, qk "
                       r"head dim $128 + 64$. Golden 0.1352337788608800880984225 (0.13523 in the title is it rounded). "
                       r"What is checked: a mirror. The numeric route repeats the code's arithmetic "
                       r"($\text{qk\_head\_dim}^{-0.5}$ times $\mathrm{mscale}^2$, $\mathrm{mscale} = 0.1\, "
                       r"\text{mscale\_all\_dim} \ln(\text{factor}) + 1$ above the original length) in mpmath, which "
                       r"checks the transcription of the code into the closed form, not any mathematics: the constants are "
                       r"design values (EMPIRICAL).")
register(Result(
    key="ENT-A16-DSV3", title="DeepSeek-V3 softmax scale 192^(-1/2) (0.1 ln 40 + 1)^2 = 0.13523",
    title_tex=r"DeepSeek-V3 softmax scale $192^{-1/2} (0.1 \ln 40 + 1)^2 = 0.13523$",
    source="deepseek-ai/DeepSeek-V3 inference/model.py (class MLA) and model config rope_scaling",
    status=Status.EMPIRICAL, statement=dsv3_scale, numeric=ne.dsv3_softmax_scale,
    examples=({"factor": 40, "mscale": 1}, {"factor": 64, "mscale": 1}),
    params=draw(factor=st.positive_rationals(100, max_denominator=100), mscale=st.positive_rationals(2, max_denominator=10)),
    evidence=Evidence.MIRROR,
    notes=_NOTES_ENT_A16_DSV3,
))


def deployed(pos: Any = None, train_len: Any = 2048) -> Eq:
    """ENT-A17: Llama 4 :math:`1 + 0.1\\ln(\\lfloor (pos+1)/8192\\rfloor + 1)`; Qwen :math:`\\max(1, \\log_L(pos+1))`."""
    p = Symbol("pos", integer=True, nonnegative=True) if pos is None else real_arg(pos, "pos")
    ell = real_arg(train_len, "train_len")
    qwen = sympy.Max(1, log(p + 1) / log(ell))
    return Eq(
        Matrix([Symbol("llama4"), Symbol("qwen")]),
        Matrix([1 + log(floor((p + 1) / 8192) + 1) / 10, qwen]),
        evaluate=False,
    )


_NOTES_ENT_A17 = (r"Design constants $\text{floor\_scale}$ 8192, $\text{attn\_scale}$ 0.1 (config defaults). Factor "
                  r"$1 + 0.1 \ln 2 = 1.069314718055994530941723$ for $8192 \le \mathrm{pos} + 1 < 16384$; slope 0.1 vs "
                  r"$1/\ln 8192 = 0.110977$ (project observation). Qwen's table covers the 1-based positions "
                  r"$1, \ldots, 32767$. What is checked: a mirror. The numeric route repeats the two code paths "
                  r"(Llama 4: $\log(\lfloor (\mathrm{pos} + 1)/8192 \rfloor + 1) \cdot 0.1 + 1$; Qwen: "
                  r"$\log(i)/\log(L)$ if $i > L$ else 1, $i = \mathrm{pos} + 1$) in mpmath, which checks that the closed "
                  r"form transcribes the code (the 1-based position, the clipping, the floor), not any mathematics.")
register(Result(
    key="ENT-A17", title="Deployed log-n factors: Llama 4 temperature tuning, Qwen use_logn_attn",
    title_tex=r"Deployed log-$n$ factors: Llama 4 temperature tuning, Qwen $\text{use\_logn\_attn}$",
    source="huggingface/transformers modeling_llama4.py (attn_temperature_tuning); Qwen/Qwen-7B "
    "modeling_qwen.py",
    status=Status.EMPIRICAL, statement=deployed, numeric=ne.deployed_factors,
    examples=({"pos": 100, "train_len": 2048}, {"pos": 8191, "train_len": 2048},
              {"pos": 20000, "train_len": 8192}),
    params=draw(pos=st.sizes(0, 32766), train_len=st.sizes(2, 8192)),
    evidence=Evidence.MIRROR,
    notes=_NOTES_ENT_A17,
))
