"""Figures for the LaTeX report (needs the ``report`` extra: matplotlib).

Each figure is drawn from the *numeric* routes of a pillar (``numerics.<topic>``),
through the names of that pillar's API contract, at a modest precision (plots need
no 50 digits).  A figure whose pillar is not available, or a run without matplotlib,
yields a :class:`~proofs.app.report.FigureRef` that says why it was skipped, so the
report states the omission instead of hiding it.

Figures:

- VAR: brachistochrone (cycloid) vs straight line vs circular arc, with descent times;
- VAR: the weighted Fermat point of the spec's test triangle, with its angles;
- HIPPO: LegS reconstruction of a test signal for several N;
- S4/RTF: one kernel computed three ways, overlaid;
- ENT: softmax entropy against n under the scale laws;
- LOWR: singular values with the best rank-r error against r; GradTopK and the threshold form against the
  temperature, tending to the multi-hot vector.
"""

from __future__ import annotations

import importlib
from fractions import Fraction
import math
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .report import FigureRef

__all__ = ["ALSO_FOR", "FIGURES", "make_figures"]

_DPS = 20  # plotting precision


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _need(module: str, *names: str) -> Any:
    """Import a pillar's numerics module and check the contract names a figure uses."""
    mod = importlib.import_module(module)
    missing = [n for n in names if not hasattr(mod, n)]
    if missing:
        raise LookupError(f"{module} does not provide {', '.join(missing)} yet")
    return mod


def _brachistochrone(path: Path) -> str:
    var = _need("numerics.variational", "brachistochrone", "path_time")
    plt = _pyplot()
    X, Y = 2, 1
    sol = var.brachistochrone(X, Y, dps=_DPS)
    r, th1 = float(sol["r"]), float(sol["theta1"])
    times = {p: float(var.path_time(p, X, Y, dps=_DPS)) for p in ("cycloid", "line", "quarter-circle")}
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ts = [th1 * i / 200 for i in range(201)]
    ax.plot([r * (t - math.sin(t)) for t in ts], [r * (1 - math.cos(t)) for t in ts],
            label=f"cycloid, T = {times['cycloid']:.6f}")
    ax.plot([0, X], [0, Y], label=f"straight line, T = {times['line']:.6f}")
    c = (X * X + Y * Y) / (2 * X)  # arc through both ends, centre (c, 0) on the start level
    phi1 = math.atan2(Y, X - c)
    ph = [math.pi + (phi1 - math.pi) * i / 200 for i in range(201)]
    ax.plot([c + c * math.cos(p) for p in ph], [c * math.sin(p) for p in ph],
            label=f"circular arc, T = {times['quarter-circle']:.6f}")
    ax.invert_yaxis()
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y (downwards)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return (f"Descent from (0, 0) to ({X}, {Y}) with g = 1/2: the cycloid is fastest. Times by quadrature of the "
            "time functional (numerics.variational.path_time).")


def _fermat(path: Path) -> str:
    var = _need("numerics.variational", "fermat_point")
    plt = _pyplot()
    A, B, C = (0, 0), (4, 0), (1, 3)
    fig, ax = plt.subplots(figsize=(5.6, 4.2))
    ax.fill([A[0], B[0], C[0]], [A[1], B[1], C[1]], alpha=0.08)
    ax.plot([A[0], B[0], C[0], A[0]], [A[1], B[1], C[1], A[1]], color="black", lw=1)
    for weights, colour in (((1, 1, 1), "tab:blue"), ((3, 4, 5), "tab:red"), ((2, 3, 4), "tab:green")):
        res = var.fermat_point(A, B, C, weights, dps=_DPS)
        px, py = (float(v) for v in res["point"])
        for V in (A, B, C):
            ax.plot([px, V[0]], [py, V[1]], color=colour, lw=0.8)
        angles = []
        for U, W in ((A, B), (B, C), (C, A)):
            a1 = math.atan2(U[1] - py, U[0] - px)
            a2 = math.atan2(W[1] - py, W[0] - px)
            angles.append(math.degrees(abs((a1 - a2 + math.pi) % (2 * math.pi) - math.pi)))
        ax.plot(px, py, "o", color=colour,
                label=f"k = {weights}: ({px:.4f}, {py:.4f}), angles " + "/".join(f"{a:.1f}" for a in angles))
    for name, V in zip("ABC", (A, B, C)):
        ax.annotate(name, V, textcoords="offset points", xytext=(-10, -10 if name != "C" else 4))
    ax.set_aspect("equal")
    ax.legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return ("Weighted Fermat points of the test triangle A = (0,0), B = (4,0), C = (1,3), found by numerical "
            "minimisation; the legend gives the angles APB/BPC/CPA in degrees.")


def _legs(path: Path) -> str:
    hippo = _need("numerics.hippo", "project", "reconstruct")
    import mpmath

    plt = _pyplot()

    def u(v: Any) -> Any:
        return mpmath.sin(3 * v) + v**2 - mpmath.mpf("0.3") * mpmath.exp(-v)

    t = mpmath.mpf("1.7")
    grid = [t * i / 120 for i in range(121)]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot([float(g) for g in grid], [float(u(g)) for g in grid], color="black", lw=2, label="signal u")
    for N in (2, 4, 8):
        c = hippo.project(u, t, N, "legs", dps=_DPS)
        ax.plot([float(g) for g in grid], [float(mpmath.re(hippo.reconstruct(c, g, t, "legs", dps=_DPS)))
                                           for g in grid], lw=1, label=f"LegS reconstruction, N = {N}")
    ax.set_xlabel("time")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return ("HiPPO-LegS: the signal u(x) = sin(3x) + x*x - 0.3 exp(-x) on [0, 1.7] and its reconstruction from N "
            "projection coefficients (quadrature; numerics.hippo.project and reconstruct).")


def _kernels(path: Path) -> str:
    plt = _pyplot()
    panels: list[tuple[str, dict[str, list[float]]]] = []
    notes = []
    try:
        s4 = _need("numerics.s4", "kernel")
        transition = _need("proofs.hippo", "transition").transition
        nplr = _need("proofs.s4", "nplr").nplr
        A, B = transition("legs", 4)
        C = [1, -1, 2, 1]
        L, step = 48, 0.1
        runs = {m: s4.kernel(A, B, C, L, step=step, method=m, dps=_DPS,
                             nplr=nplr("legs", 4) if m == "cauchy" else None)
                for m in ("power", "generating", "cauchy")}
        panels.append(("S4 LegS kernel, N = 4, step 0.1", {m: [float(_re(v)) for v in ks]
                                                            for m, ks in runs.items()}))
    except (ImportError, LookupError) as exc:
        notes.append(f"S4 panel skipped ({exc})")
    try:
        rtf = _need("numerics.rational", "fft_kernel", "recurrent")
        b, a, L = [1, "-0.5", "0.25"], ["-0.9", "0.2", "0.1"], 48
        impulse = [1] + [0] * (L - 1)
        runs = {"FFT (state-free)": rtf.fft_kernel(b, a, L, dps=_DPS),
                "O(d) recurrence": rtf.recurrent(b, a, impulse, dps=_DPS),
                "companion powers": _companion_kernel(b, a, L)}
        panels.append(("RTF kernel, d = 3", {m: [float(_re(v)) for v in ks] for m, ks in runs.items()}))
    except (ImportError, LookupError) as exc:
        notes.append(f"RTF panel skipped ({exc})")
    if not panels:
        raise LookupError("; ".join(notes))
    fig, axes = plt.subplots(1, len(panels), figsize=(6.4 if len(panels) == 1 else 9.6, 3.4), squeeze=False)
    for ax, (title, runs) in zip(axes[0], panels):
        for (label, ks), (mark, size) in zip(runs.items(), (("-", None), ("o", 5), ("x", 4))):
            ax.plot(range(len(ks)), ks, mark, ms=size, fillstyle="none", label=label, lw=1.2)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("k")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return "SSM convolution kernels computed three independent ways and overlaid" + (
        f" ({'; '.join(notes)})" if notes else "") + "."


def _re(v: Any) -> Any:
    import mpmath

    return mpmath.re(v)


def _companion_kernel(b: list[Any], a: list[Any], L: int) -> list[Any]:
    """K_k = b^T comp(a)^k e_1 by repeated products (the RTF spec's companion realisation)."""
    import mpmath

    with mpmath.workdps(_DPS):
        d = len(a)
        av = [mpmath.mpf(v) for v in a]
        bv = [mpmath.mpf(v) for v in b]
        state = [mpmath.mpf(1)] + [mpmath.mpf(0)] * (d - 1)
        out = []
        for _ in range(L):
            out.append(mpmath.fsum(bi * si for bi, si in zip(bv, state)))
            state = [-mpmath.fsum(ai * si for ai, si in zip(av, state))] + state[:-1]
        return out


def _entropy(path: Path) -> str:
    ent = _need("numerics.entropy", "softmax_entropy")
    plt = _pyplot()
    rng = random.Random(20261123)
    d = 64
    ns = [2**j for j in range(3, 13)]
    laws: dict[str, Callable[[int], float]] = {
        "1/sqrt(d)": lambda n: 1 / math.sqrt(d),
        "log_512(n)/sqrt(d)": lambda n: math.log(n, 512) / math.sqrt(d),
        "log(n)/(2 sqrt(d))": lambda n: math.log(n) / math.sqrt(d) / 2,
    }
    queries = 4  # entropies averaged over a few queries, so one unlucky query does not dominate
    keys = [[rng.gauss(0, 1) for _ in range(d)] for _ in range(ns[-1])]
    rows = []
    for _ in range(queries):
        q = [rng.gauss(0, 1) for _ in range(d)]
        rows.append([sum(qi * ki for qi, ki in zip(q, k)) for k in keys])
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for label, law in laws.items():
        hs = [sum(float(ent.softmax_entropy([str(s) for s in row[:n]], str(law(n)), dps=_DPS)) for row in rows)
              / queries for n in ns]
        ax.plot(ns, hs, "o-", ms=3, label=label)
    ax.plot(ns, [math.log(n) for n in ns], "k--", lw=0.8, label="log n (uniform)")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("sequence length n")
    ax.set_ylabel("softmax entropy (nats)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return (f"Mean entropy of softmax(lambda q.k) for {queries} Gaussian queries against n Gaussian keys "
            f"(d = {d}), under three "
            "scale laws (numerics.entropy.softmax_entropy). An illustration, not a proof: see the ENT results.")


def _spectrum(path: Path) -> str:
    lr = _need("numerics.lowrank", "singular_values", "best_rank_r")
    plt = _pyplot()
    rng = random.Random(20261206)
    n, m = 8, 6
    # a matrix with a decaying spectrum: a sum of rank-one terms with weights 2^-i, entries rational
    M = [[sum(Fraction(rng.randint(-9, 9), 9) * Fraction(1, 2**i) * Fraction(rng.randint(-9, 9), 9)
              for i in range(m)) for _ in range(m)] for _ in range(n)]
    sigma = [float(s) for s in lr.singular_values(M, dps=_DPS)]
    ranks = list(range(1, m))
    errors = [float(lr.best_rank_r(M, r, dps=_DPS)[2]) for r in ranks]
    tails = [sum(s * s for s in sigma[r:]) for r in ranks]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7.2, 3.2))
    ax1.semilogy(range(1, len(sigma) + 1), sigma, "o-", ms=4)
    ax1.set_xlabel("i")
    ax1.set_ylabel("singular value sigma_i")
    ax2.semilogy(ranks, errors, "o", ms=6, label="best rank-r error (SVD route)")
    ax2.semilogy(ranks, tails, "k+", ms=10, label="sum_{i>r} sigma_i^2")
    ax2.set_xlabel("rank r")
    ax2.set_ylabel("squared Frobenius error")
    ax2.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return (f"Singular values of a random {n}x{m} rational matrix with decaying spectrum, and the best rank-r "
            "error against r: the error of the optimal factorisation equals the tail sum of squared singular "
            "values (Eckart-Young-Mirsky, LOWR-SVD-4; numerics.lowrank.singular_values, best_rank_r).")


def _topk(path: Path) -> str:
    lr = _need("numerics.lowrank", "smooth_topk_esp", "topk_threshold")
    plt = _pyplot()
    x, k = [3, 2, 1, 4], 2
    taus = [2 ** (j / 4) for j in range(-24, 9)]
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.2), sharey=True)
    routes = (("GradTopK", lambda t: lr.smooth_topk_esp(x, k, t, dps=_DPS)),
              ("sigmoid threshold", lambda t: lr.topk_threshold(x, k, t, dps=_DPS)[1]))
    for ax, (name, route) in zip(axes, routes):
        values = [[float(p) for p in route(Fraction(t).limit_denominator(10**6))] for t in taus]
        for i in range(len(x)):
            ax.semilogx(taus, [v[i] for v in values], label=f"x = {x[i]}")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("temperature tau")
    axes[0].set_ylabel("p_i")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return (f"Smooth top-{k} of x = {tuple(x)} against the temperature: GradTopK (LOWR-TOPK-2) and the sigmoid "
            "threshold form (LOWR-TOPK-7) both tend to the multi-hot vector (0, 0, ... 1 at the two largest) as "
            "tau -> 0 and to k/n as tau grows (numerics.lowrank.smooth_topk_esp, topk_threshold).")


#: (pillar, file stem, caption if skipped, drawing function)
FIGURES: tuple[tuple[str, str, str, Callable[[Path], str]], ...] = (
    ("VAR", "brachistochrone", "brachistochrone vs straight line vs circle", _brachistochrone),
    ("VAR", "fermat", "weighted Fermat point", _fermat),
    ("HIPPO", "legs-reconstruction", "HiPPO-LegS reconstruction", _legs),
    ("S4", "kernels", "S4 / RTF kernels three ways", _kernels),
    ("ENT", "entropy-vs-n", "softmax entropy vs n", _entropy),
    ("LOWR", "singular-spectrum", "singular values and the best rank-r error", _spectrum),
    ("LOWR", "smooth-topk", "smooth top-k against the temperature", _topk),
)


#: figures that also belong in another pillar's section: shown there when their own pillar is not selected
ALSO_FOR: dict[str, tuple[str, ...]] = {"kernels": ("RTF",)}


def _placed(pillar: str, stem: str, pillars: Iterable[str] | None) -> str | None:
    """The pillar whose section shows figure ``stem`` for the selected ``pillars`` (None: not shown)."""
    if pillars is None:
        return pillar
    chosen = set(pillars)
    if pillar in chosen:
        return pillar
    return next((p for p in ALSO_FOR.get(stem, ()) if p in chosen), None)


def make_figures(directory: Path, *, relative_to: Path | None = None,
                 pillars: Iterable[str] | None = None, fmt: str = "pdf") -> list[FigureRef]:
    """Draw the figures of ``pillars`` (key prefixes such as ``"HIPPO"``; default every pillar) into
    ``directory`` as ``fmt`` files (``"pdf"`` for the report, ``"svg"`` for the web catalogue); a figure that
    cannot be drawn is returned with the reason."""
    if fmt not in ("pdf", "svg"):
        raise ValueError(f"figure format must be 'pdf' or 'svg', got {fmt!r}")
    wanted = [(placed, stem, fallback, draw) for pillar, stem, fallback, draw in FIGURES
              if (placed := _placed(pillar, stem, pillars)) is not None]
    try:
        _pyplot()
    except ImportError:
        reason = "matplotlib is not installed (pip install 'closedform[report]')"
        return [FigureRef(p, caption, None, reason) for p, _, caption, _ in wanted]
    if not wanted:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for pillar, stem, fallback, draw in wanted:
        path = directory / f"{stem}.{fmt}"
        try:
            caption = draw(path)
        except (ImportError, LookupError) as exc:
            out.append(FigureRef(pillar, fallback, None, f"pillar not available: {exc}"))
            continue
        shown = path.relative_to(relative_to) if relative_to is not None else path
        out.append(FigureRef(pillar, caption, shown))
    return out
