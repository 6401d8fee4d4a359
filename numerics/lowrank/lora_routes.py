"""Independent mpmath routes for the LoRA results LOWR-LORA-1..8 (the API is :mod:`numerics.lowrank.lora`).

- :func:`one_step_change`: one SGD step on the factors with gradients from ``mp.diff`` of a smooth loss whose
  gradient at :math:`W_0` is :math:`G`, in Su's order and in PEFT order with scale :math:`s`.
- :func:`loraga_objectives`, :func:`loraga_properties`: the LoRA-GA factors from ``mp.svd_r`` and what the
  factors give (objective for both splits; Gram matrices, :math:`P_AGQ_B`, the objective of scaled factors).
- :func:`orthonormal_lora_residual`: plain LoRA with orthonormal bases of :math:`\\operatorname{col}A`,
  :math:`\\operatorname{row}B` from ``mp.qr``.
- :func:`reference_update`: an emulation of the LoRA-Pro reference optimiser in PEFT order, its Sylvester
  equation solved in the eigenbases of its two coefficients (``mp.eigsy``).
- :func:`adam_first_step`: the first Adam step on the factors (moments, bias correction, epsilon).

None evaluates the closed form it is compared with.  Never imports SymPy or ``proofs``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps

from .lora import GUARD, frobenius_squared, real_matrix

__all__ = [
    "factor_gradients",
    "one_step_change",
    "loraga_objectives",
    "loraga_properties",
    "orthonormal_lora_residual",
    "reference_update",
    "adam_first_step",
]


def _scalar(x: Any, name: str) -> Any:
    if isinstance(x, bool):
        raise ValueError(f"{name} must be a finite real number, got {x!r}")
    v = to_mp(x)
    if not mp.isfinite(v) or isinstance(v, mp.mpc):
        raise ValueError(f"{name} must be a finite real number, got {x!r}")
    return v


def _gradient_of(fn: Callable[[Any], Any], X: Any) -> Any:
    """Entrywise derivative of ``fn`` (a function of a perturbation of ``X``'s shape) at zero, by ``mp.diff``.
    """
    out = mp.zeros(X.rows, X.cols)
    for i in range(X.rows):
        for j in range(X.cols):
            def along(t: Any, i: int = i, j: int = j) -> Any:
                E = mp.zeros(X.rows, X.cols)
                E[i, j] = t
                return fn(E)

            out[i, j] = mp.diff(along, 0)
    return out


def factor_gradients(left: Any, right: Any, G: Any, s: Any = 1) -> tuple[Any, Any]:
    """Gradients with respect to the factors of :math:`W=W_{\\rm
    offset}+s\\,\\mathrm{left}\\cdot\\mathrm{right}` at (left, right), for the loss :math:`\\mathcal
    L=\\langle G,D\\rangle+\\tfrac12\\Vert D\\Vert_F^2+\\tfrac13\\sum D_{ij}^3`, :math:`D=W-W_0` (its gradient
    in :math:`W` at :math:`W_0` is :math:`G`), by ``mp.diff``."""
    def loss(dL: Any, dR: Any) -> Any:
        D = s * ((left + dL) * (right + dR) - left * right)
        return mp.fsum(G[i, j] * D[i, j] + D[i, j] ** 2 / 2 + D[i, j] ** 3 / 3
                       for i in range(D.rows) for j in range(D.cols))

    zl, zr = mp.zeros(left.rows, left.cols), mp.zeros(right.rows, right.cols)
    return _gradient_of(lambda E: loss(E, zr), left), _gradient_of(lambda E: loss(zl, E), right)


def _step_change(left: Any, right: Any, G: Any, eta: Any, s: Any) -> Any:
    gl, gr = factor_gradients(left, right, G, s)
    return s * ((left - eta * gl) * (right - eta * gr) - left * right)


@with_dps(guard=GUARD)
def one_step_change(A0: Any, B0: Any, G: Any, eta: Any, s: Any = 1, *,
                    dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """:math:`W_1-W_0` after one SGD step of size :math:`\\eta` on the factors, gradients by ``mp.diff``.

    Returns the change in Su's order (:math:`W=W_0-A_0B_0+AB`) and in PEFT order with the same matrices as
    :math:`B'=A_0`, :math:`A'=B_0` and scale ``s`` (:math:`W=W_0-sB'_0A'_0+sB'A'`).
    """
    A0, B0, G = real_matrix(A0, "A0"), real_matrix(B0, "B0"), real_matrix(G, "G")
    eta, s = _scalar(eta, "eta"), _scalar(s, "s")
    if A0.cols != B0.rows or (A0.rows, B0.cols) != (G.rows, G.cols):
        raise ValueError(f"shapes must be A0: n x r, B0: r x m, G: n x m; got {A0.rows}x{A0.cols}, "
                         f"{B0.rows}x{B0.cols}, {G.rows}x{G.cols}")
    return _step_change(A0, B0, G, eta, 1), _step_change(A0, B0, G, eta, s)


def _bracket_objective(P_left: Any, P_right: Any, G: Any) -> Any:
    return frobenius_squared(P_left * G + G * P_right - G)


@with_dps(guard=GUARD)
def loraga_objectives(G: Any, r: int, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """The LoRA-GA objective at Su's split and at the reference ``ArB2r`` split, from ``mp.svd_r`` factors."""
    from .lora import loraga_init

    return tuple(loraga_init(G, r, split=split, dps=dps + GUARD)[2] for split in ("su", "ArB2r"))


def _projector(F: Any) -> Any:
    """:math:`F(F^\\top F)^{-1}F^\\top` for a matrix of full column rank."""
    return F * mp.inverse(F.T * F) * F.T


@with_dps(guard=GUARD)
def loraga_properties(G: Any, r: int, alpha: Any, beta: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, ...]:
    """At Su's LoRA-GA factors (``mp.svd_r``): :math:`(A_0^\\top A_0, B_0B_0^\\top, P_AGQ_B,
    \\Vert\\alpha^2A_0A_0^\\top G+\\beta^2GB_0^\\top B_0-G\\Vert_F^2)`, the last being the alignment objective
    of the factors :math:`\\alpha A_0`, :math:`\\beta B_0`."""
    from .lora import loraga_init

    A0, B0, _ = loraga_init(G, r, dps=dps + GUARD)
    G = real_matrix(G, "G")
    alpha, beta = _scalar(alpha, "alpha"), _scalar(beta, "beta")
    PGQ = _projector(A0) * G * _projector(B0.T)
    A, B = alpha * A0, beta * B0
    return A0.T * A0, B0 * B0.T, PGQ, _bracket_objective(A * A.T, B.T * B, G)


@with_dps(guard=GUARD)
def orthonormal_lora_residual(A: Any, B: Any, G: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`\\Vert QQ^\\top G+GR^\\top R-G\\Vert_F^2` with :math:`Q` an orthonormal basis of
    :math:`\\operatorname{col}A` and :math:`R` of :math:`\\operatorname{row}B` (``mp.qr``, skinny): the plain
    LoRA first-order residual for orthonormal factors spanning the same spaces."""
    A, B, G = real_matrix(A, "A"), real_matrix(B, "B"), real_matrix(G, "G")
    Q, _ = mp.qr(A, mode="skinny")
    R, _ = mp.qr(B.T, mode="skinny")
    R = R.T
    return _bracket_objective(Q * Q.T, R.T * R, G)


def _sylvester_eigen(P: Any, Q: Any, R: Any) -> Any:
    """The solution of :math:`PX+XQ=R` for symmetric positive definite :math:`P`, :math:`Q`, in their
    eigenbases."""
    lam, U = mp.eigsy(P)
    mu, V = mp.eigsy(Q)
    T = U.T * R * V
    Y = mp.matrix(T.rows, T.cols)
    for i in range(T.rows):
        for j in range(T.cols):
            Y[i, j] = T[i, j] / (lam[i] + mu[j])
    return U * Y * V.T


@with_dps(guard=GUARD)
def reference_update(Bp: Any, Ap: Any, G: Any, s: Any, X: Any, *, dps: int = DEFAULT_DPS) -> tuple[Any, Any]:
    """Emulation of the LoRA-Pro reference optimiser (PEFT order :math:`W=W_0+sB'A'`).

    Gradients :math:`g_{A'}`, :math:`g_{B'}` by ``mp.diff`` through the factors; then the reference formulas
    :math:`\\mathrm{grad}_{A'}=s^{-2}(B'^\\top B')^{-1}g_{A'}+XA'`,
    :math:`\\mathrm{grad}_{B'}=s^{-2}(I-B'(B'^\\top B')^{-1}B'^\\top)g_{B'}(A'A'^\\top)^{-1}-B'X`.  Returns
    the first-order change :math:`sB'\\mathrm{grad}_{A'}+s\\,\\mathrm{grad}_{B'}A'` at the given :math:`X`,
    and the :math:`X` of the default ``sylvester`` mode, :math:`B'^\\top B'X+XA'A'^\\top=-s^{-2}(B'^\\top
    B')^{-1}g_{A'} A'^\\top`, solved in the eigenbases of :math:`B'^\\top B'` and :math:`A'A'^\\top`.  Source:
    mrflogs/LoRA-Pro ``peta/optim.py``.
    """
    Bp, Ap, G, X = real_matrix(Bp, "Bp"), real_matrix(Ap, "Ap"), real_matrix(G, "G"), real_matrix(X, "X")
    s = _scalar(s, "s")
    gB, gA = factor_gradients(Bp, Ap, G, s)
    BtB_inv, AAt_inv = mp.inverse(Bp.T * Bp), mp.inverse(Ap * Ap.T)
    grad_A = BtB_inv * gA / s ** 2 + X * Ap
    grad_B = (mp.eye(Bp.rows) - Bp * BtB_inv * Bp.T) * gB * AAt_inv / s ** 2 - Bp * X
    change = s * Bp * grad_A + s * grad_B * Ap
    X_syl = _sylvester_eigen(Bp.T * Bp, Ap * Ap.T, -BtB_inv * gA * Ap.T / s ** 2)
    return change, X_syl


@with_dps(guard=GUARD)
def adam_first_step(A0: Any, B0: Any, G: Any, eta: Any, eps: Any, *, dps: int = DEFAULT_DPS) -> Any:
    """:math:`W_1-W_0` after the first Adam step on the factors (Su's order), from zero moments.

    Gradients by ``mp.diff``; :math:`m_1=(1-\\beta_1)g`, :math:`v_1=(1-\\beta_2)g^2`, bias-corrected
    :math:`\\hat m=m_1/(1-\\beta_1)`, :math:`\\hat v=v_1/(1-\\beta_2)`, step :math:`\\eta\\hat m/(\\sqrt{\\hat
    v}+ \\epsilon)` with :math:`\\beta_1=0.9`, :math:`\\beta_2=0.999` (PyTorch's defaults).
    """
    A0, B0, G = real_matrix(A0, "A0"), real_matrix(B0, "B0"), real_matrix(G, "G")
    eta, eps = _scalar(eta, "eta"), _scalar(eps, "eps")
    if eps <= 0:
        raise ValueError(f"eps must be positive, got {eps}")
    b1, b2 = mp.mpf(9) / 10, mp.mpf(999) / 1000

    def adam(g: Any) -> Any:
        m_hat, v_hat = g * (1 - b1) / (1 - b1), g.apply(lambda x: x * x) * (1 - b2) / (1 - b2)
        out = mp.matrix(g.rows, g.cols)
        for i in range(g.rows):
            for j in range(g.cols):
                out[i, j] = m_hat[i, j] / (mp.sqrt(v_hat[i, j]) + eps)
        return out

    gA, gB = factor_gradients(A0, B0, G)
    return (A0 - eta * adam(gA)) * (B0 - eta * adam(gB)) - A0 * B0
