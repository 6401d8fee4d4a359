"""Arb (python-flint) against mpmath for the project's two convolution kernels, side by side, at dps 50.

Both routes run in this process, on this machine, on the same exact inputs:

- **RTF FFT kernel** (RTF-FFT-1): ``numerics.rational.fft_kernel`` (the project's own radix-2 FFT over
  mpmath ``mpc``) against ``numerics.rational.certified.fft_kernel`` (``acb.dft`` in Arb balls), for
  Montel-stable rational coefficients of order ``--d`` (as in ``benchmarks/rational_fft.py``).
- **S4 convolution kernel** :math:`K_k = C^{\\mathsf T}\\bar A^k\\bar B` (LegS, bilinear step 1/100,
  :math:`C = (1, -1/2, 1/3, \\dots)`, state size ``--N``): ``numerics.s4.kernel`` (method ``power``,
  the default: L dense mpmath matrix-vector products) against an Arb route written here.  The LegS matrix
  is :math:`A = DRD^{-1}`, :math:`B = D\\mathbf 1` with :math:`D = \\operatorname{diag}\\sqrt{2n+1}` and the
  rational lower-triangular :math:`R` (:math:`R_{nk} = -(2k+1)` below the diagonal, :math:`-(n+1)` on it),
  so :math:`K_k = (DC)^{\\mathsf T}\\bar R^k\\beta` with :math:`\\bar R = (I - \\tfrac\\Delta2R)^{-1}
  (I + \\tfrac\\Delta2R)` and :math:`\\beta = \\Delta(I - \\tfrac\\Delta2R)^{-1}\\mathbf 1` *exact*
  (``fmpq_mat``);
  only :math:`DC` holds square roots (balls).  The state :math:`\\bar R^k\\beta` is iterated in ``arb_mat``
  at the working precision plus guard bits, chosen by a probe run over the first steps and raised until
  the kernel keeps ``dps + 5`` digits (the ball's own radius says whether it did).

Columns: L, the mpmath seconds, the Arb seconds, mpmath / Arb, the certified digits of the Arb result
(:math:`-\\log_{10}(\\max_k \\operatorname{rad} K_k / \\max_k |K_k|)`, a rigorous normwise bound: every
true value lies in its ball) and the digits of agreement of the mpmath result with the balls' midpoints.
Seconds are CPU seconds (``time.process_time``), best of ``--repeat``, after an untimed warm-up call
(the mpmath FFT caches its twiddle factors per length).

Below the table, the digits that *plain* ball iteration of the state keeps at the largest L, against the
better formulation: for S4, the direct port of the mpmath power route (the LegS :math:`A` in balls of
square roots, :math:`\\bar A` by an ``arb_mat`` solve, :math:`x \\leftarrow \\bar Ax` at the working
precision, no guard); for RTF (the table's coefficients, and G-R5, :math:`a(z) = (1 - 9z/10)^2`, stable
but with :math:`\\sum|a_i| = 261/100`), :math:`\\bar c^{\\mathsf T}\\operatorname{comp}(a)^ke_1` with
:math:`\\bar c^{\\mathsf T} = b^{\\mathsf T}(I - \\operatorname{comp}(a)^L)^{-1}` (ball power and solve) and
:math:`x \\leftarrow \\operatorname{comp}(a)x` in balls.  Each ball product adds the radius propagated
through :math:`|\\bar A|` (the wrapping effect); how much that costs depends on the non-normality of the
matrix, not only on L.

Usage::

    python benchmarks/certified_kernels.py                     # L = 256, 1024, 4096; d = 16; N = 32
    python benchmarks/certified_kernels.py --N 64 --repeat 3   # a larger state, best of three
    python benchmarks/certified_kernels.py --L 256 1024 --dps 30
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath
from flint import acb, arb, arb_mat, ctx, fmpq, fmpq_mat

from numerics import s4
from numerics.rational import certified, fft_kernel
from proofs.core.certify import prec_of

STEP = Fraction(1, 100)
GR5_A, GR5_B = [Fraction(-9, 5), Fraction(81, 100)], [Fraction(1), Fraction(-1, 2)]  # a(z) = (1 - 9z/10)^2


def coefficients(d: int, seed: int) -> tuple[list[Fraction], list[Fraction]]:
    """``(a, b)``: random rationals, ``a`` scaled to sum |a_i| = 9/10 (Montel-stable: no vanishing bin)."""
    rng = random.Random(seed)
    a = [Fraction(rng.randint(-1000, 1000), 1000) for _ in range(d)]
    s = sum(abs(x) for x in a)
    return [x * Fraction(9, 10) / s for x in a], [Fraction(rng.randint(-1000, 1000), 1000) for _ in range(d)]


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    """``(result, CPU seconds)`` of ``fn``, the best of ``repeat`` runs after one untimed warm-up call."""
    out, best = fn(), math.inf
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
    return out, best


def _real(x: Any) -> Any:
    return x.real if isinstance(x, acb) else x


def certified_digits(balls: Sequence[Any]) -> float:
    """:math:`-\\log_{10}(\\max_k\\operatorname{rad}K_k/\\max_k|\\operatorname{mid}K_k|)` (inf: exact)."""
    rad = max((_real(k).rad() + (k.imag.rad() if isinstance(k, acb) else 0) for k in balls), default=arb(0))
    top = max(abs(_real(k).mid()) for k in balls)
    if rad == 0:
        return math.inf
    return float((-(arb(rad) / top).log() / arb(10).log()).mid())


def agreement(values: Sequence[Any], balls: Sequence[Any]) -> float:
    """Digits of agreement of mpmath values with the balls' midpoints, normwise."""
    with mpmath.workdps(80):
        mids = [mpmath.mpf(_real(k).mid().str(75, radius=False)) for k in balls]
        err = max(abs(mpmath.re(v) - m) for v, m in zip(values, mids))
        top = max(abs(m) for m in mids)
        return math.inf if err == 0 else float(-mpmath.log10(err / top))


# --- RTF: the plain ball iteration of comp(a)^k ------------------------------------------------------


def rtf_plain_iteration(a: Sequence[Fraction], b: Sequence[Fraction], L: int, prec: int) -> list[Any]:
    """:math:`\\bar c^{\\mathsf T}\\operatorname{comp}(a)^ke_1`, :math:`k < L`, all in ``arb_mat`` at
    ``prec``: the ball power :math:`\\operatorname{comp}(a)^L` (repeated squaring), a ball solve for
    :math:`\\bar c`, then L ball products :math:`x \\leftarrow \\operatorname{comp}(a)x`."""
    d = len(a)
    old, ctx.prec = ctx.prec, prec
    try:
        comp = arb_mat(d, d, [(-_q(a[j]) if i == 0 else (1 if j == i - 1 else 0))
                              for i in range(d) for j in range(d)])
        eye = arb_mat(d, d, [1 if i == j else 0 for i in range(d) for j in range(d)])
        cbar = (eye - comp ** L).transpose().solve(arb_mat(d, 1, [_q(v) for v in b]))
        x, out = arb_mat(d, 1, [1] + [0] * (d - 1)), []
        for _ in range(L):
            out.append((cbar.transpose() * x)[0, 0])
            x = comp * x
        return out
    finally:
        ctx.prec = old


# --- S4: LegS kernel in Arb ---------------------------------------------------------------------------


def _q(x: Fraction) -> Any:
    return fmpq(x.numerator, x.denominator)


def _legs_core(N: int) -> list[int]:
    """The rational LegS core R row by row: :math:`-(2k+1)` below the diagonal, :math:`-(n+1)` on it."""
    return [-(2 * k + 1) if n > k else (-(n + 1) if n == k else 0) for n in range(N) for k in range(N)]


def _legs_rational(N: int) -> tuple[Any, Any]:
    """``(Rbar, beta)`` exactly: the bilinear discretisation of the rational LegS core R (see above)."""
    h = _q(STEP)
    R = fmpq_mat(N, N, _legs_core(N))
    eye = fmpq_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])
    minus = eye - R * h / 2
    return minus.solve(eye + R * h / 2), minus.solve(fmpq_mat(N, 1, [1] * N)) * h


def _legs_iterate(Rbar: Any, beta: Any, C: Sequence[Fraction], L: int, prec: int) -> list[Any]:
    """:math:`(DC)^{\\mathsf T}\\bar R^k\\beta`, :math:`k < L`, by ball products at ``prec`` bits."""
    N = Rbar.nrows()
    old, ctx.prec = ctx.prec, prec
    try:
        dc = arb_mat(1, N, [arb(2 * n + 1).sqrt() * _q(C[n]) for n in range(N)])
        step, y, out = arb_mat(Rbar), arb_mat(beta), []
        for _ in range(L):
            out.append((dc * y)[0, 0])
            y = step * y
        return out
    finally:
        ctx.prec = old


def legs_kernel_arb(N: int, C: Sequence[Fraction], L: int, dps: int) -> tuple[list[Any], int]:
    """The LegS kernel in balls keeping at least ``dps + 5`` digits, and the guard bits it needed.

    A probe over the first ``min(L, 128)`` steps measures the bits the ball iteration loses (the loss comes
    from the early, non-normal transient); the full run adds them as guard bits, and is repeated with
    more if its balls still come out too wide."""
    prec, target = prec_of(dps), dps + 5
    Rbar, beta = _legs_rational(N)
    probe = _legs_iterate(Rbar, beta, C, min(L, 128), prec + 64)
    lost = prec + 64 - certified_digits(probe) * math.log2(10)
    guard = max(8, math.ceil(lost))
    while True:
        K = _legs_iterate(Rbar, beta, C, L, prec + guard)
        kept = certified_digits(K)
        if kept >= target:
            return K, guard
        guard += math.ceil((target - kept + 5) * math.log2(10))


def legs_plain_iteration(N: int, C: Sequence[Fraction], L: int, prec: int) -> list[Any]:
    """The direct port of the mpmath power route: LegS :math:`A` in balls (square roots), :math:`\\bar A` and
    :math:`\\bar B` by ``arb_mat`` solves, then :math:`x \\leftarrow \\bar Ax` at ``prec``, no guard bits."""
    old, ctx.prec = ctx.prec, prec
    try:
        v = [arb(2 * n + 1).sqrt() for n in range(N)]
        core = _legs_core(N)
        A = arb_mat(N, N, [v[n] * core[n * N + k] / v[k] for n in range(N) for k in range(N)])
        h = arb(_q(STEP))
        eye = arb_mat(N, N, [1 if i == j else 0 for i in range(N) for j in range(N)])
        minus = eye - A * h / 2
        Abar, x = minus.solve(eye + A * h / 2), minus.solve(arb_mat(N, 1, v)) * h
        c = arb_mat(1, N, [_q(q) for q in C])
        out = []
        for _ in range(L):
            out.append((c * x)[0, 0])
            x = Abar * x
        return out
    finally:
        ctx.prec = old


# --- the table ------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--L", type=int, nargs="+", default=[256, 1024, 4096])
    ap.add_argument("--d", type=int, default=16, help="order of the rational transfer function")
    ap.add_argument("--N", type=int, default=32, help="LegS state size of the S4 kernel")
    ap.add_argument("--dps", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    dps, prec, Ls = args.dps, prec_of(args.dps), sorted(args.L)
    a, b = coefficients(args.d, seed=args.d)
    C = [Fraction((-1) ** k, k + 1) for k in range(args.N)]
    A, B, _, _ = s4.hippo_nplr("legs", args.N, dps=dps)

    print(f"Arb (python-flint {__import__('flint').__version__}) vs mpmath at dps {dps} (Arb: {prec} bits); "
          f"CPU seconds, best of {args.repeat} after a warm-up call")
    print(f"{'kernel':<22} {'L':>5} {'mpmath s':>9} {'Arb s':>8} {'ratio':>7} {'Arb digits':>10} "
          f"{'mpmath agrees':>13}  note")
    last: dict[str, list[Any]] = {}
    for L in Ls:
        mp_K, t_mp = best_time(lambda L=L: fft_kernel(b, a, L, dps=dps), args.repeat)
        arb_K, t_arb = best_time(lambda L=L: certified.fft_kernel(a, b, L, prec=prec), args.repeat)
        last["rtf"] = arb_K
        print(f"{f'RTF fft_kernel d={args.d}':<22} {L:>5} {t_mp:>9.3f} {t_arb:>8.3f} {t_mp / t_arb:>7.1f} "
              f"{certified_digits(arb_K):>10.1f} {agreement(mp_K, arb_K):>13.1f}  acb.dft", flush=True)
    for L in Ls:
        mp_K, t_mp = best_time(lambda L=L: s4.kernel(A, B, C, L, step=STEP, dps=dps), args.repeat)
        (arb_K, guard), t_arb = best_time(lambda L=L: legs_kernel_arb(args.N, C, L, dps), args.repeat)
        last["s4"] = arb_K
        print(f"{f'S4 LegS N={args.N}':<22} {L:>5} {t_mp:>9.3f} {t_arb:>8.3f} {t_mp / t_arb:>7.1f} "
              f"{certified_digits(arb_K):>10.1f} {agreement(mp_K, arb_K):>13.1f}  exact Rbar, "
              f"+{guard} guard bits", flush=True)

    L = Ls[-1]
    print(f"\nplain ball iteration at L = {L}, {prec} bits, no guard: digits kept, against the better "
          "formulation")
    rows = [(f"RTF d={args.d} (sum|a_i| = 9/10)", lambda: rtf_plain_iteration(a, b, L, prec), last["rtf"],
             "acb.dft"),
            # G-R5: (1 - 9z/10)^2 is stable, but |comp(a)| has spectral radius 2.17 > 1
            ("RTF a = (-9/5, 81/100) (G-R5)", lambda: rtf_plain_iteration(GR5_A, GR5_B, L, prec),
             certified.fft_kernel(GR5_A, GR5_B, L, prec=prec), "acb.dft"),
            (f"S4 LegS N={args.N}", lambda: legs_plain_iteration(args.N, C, L, prec), last["s4"],
             "exact Rbar + guard bits")]
    for name, plain_route, better, how in rows:
        plain, seconds = best_time(plain_route, 1)
        kept = certified_digits(plain)
        wide = f" (max rad / max|K| = 1e{-kept:+.0f})" if kept < 0 else ""
        print(f"  {name:<32} plain: {max(kept, 0.0):5.1f} digits{wide} ({seconds:.3f} s)   "
              f"{how}: {certified_digits(better):.1f} digits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
