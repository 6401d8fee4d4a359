"""Independent mpmath routes for the FAQ answers on SSM initialisation (questions 4 to 7 of issue 25).

Nothing here evaluates a closed form of :mod:`proofs.faq.initialisation`; every route computes its
quantity another way, at ``dps + 20`` working digits, and returns it rounded to ``dps``:

- :func:`s4d_real`: S4D-Real the way the reference code builds it, ``A = -exp(log(arange(1, N+1)))``
  (state-spaces/mamba ``mamba_simple.py``), in mpmath;
- :func:`legs_spectrum_table`: the LegS matrix by quadrature (:func:`numerics.hippo.legs_matrix`), its
  eigenvalues by ``mp.eig``, and the real parts of the eigenvalues of the normal part
  :math:`S = A + PP^{\\mathsf T}` by ``mp.eig``;
- :func:`legs_display_pair`: the LegS pair by quadrature (the matrix a paper displays is compared with it);
- :func:`init_diagonals`: the candidate diagonals of ``A = -np.arange(N) - 0.5`` (state-spaces/mamba#950)
  beside S4D-Real, S4D-Lin's real part and the NPLR normal part, the last two from the quadrature matrix;
- :func:`pair_kernel`: one conjugate pair of a diagonal SSM (state-spaces/s4 ``s4d.py``) realised as a
  **real** 2x2 system, discretised by zero-order hold through the block exponential
  :math:`\\exp\\big(\\Delta\\begin{bmatrix}M & b\\\\ 0 & 0\\end{bmatrix}\\big)` (``mp.expm``), the kernel by
  repeated products: no complex arithmetic and no closed form of :math:`\\bar B`;
- :func:`conjugation_differences`: the three kernel differences of FAQ-CONJ-1 from :func:`pair_kernel`;
- :func:`s4_default_legs`: the construction state-spaces/s4 runs for its default ``init='legs'``
  (``transition('legs', N)`` and ``rank_correction('legs', N)``), transcribed to mpmath.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import mpmath
from mpmath import mp

from numerics.agree import DEFAULT_DPS, to_mp, with_dps
from numerics.hippo import legs_input, legs_matrix

__all__ = [
    "MAX_N",
    "conjugation_differences",
    "init_diagonals",
    "legs_display_pair",
    "legs_spectrum_table",
    "pair_kernel",
    "s4_default_legs",
    "s4d_real",
]

#: the largest state size the routes accept (the eigenvalue routes are meant for small N)
MAX_N = 32
GUARD = 20


def _size(N: Any, top: int = MAX_N) -> int:
    if isinstance(N, bool) or not isinstance(N, Integral) or not 1 <= int(N) <= top:
        raise ValueError(f"N must be a positive integer at most {top}, got {N!r}")
    return int(N)


def _index(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, Integral) or int(k) < 0:
        raise ValueError(f"k must be a non-negative integer (the kernel index), got {k!r}")
    return int(k)


def _real(x: Any, name: str) -> Any:
    """A real input (int, Fraction, mpf, decimal string) as mpf; booleans, NaN, inf and complex refused."""
    if isinstance(x, bool):
        raise ValueError(f"{name} must be a real number, got the boolean {x!r}")
    if isinstance(x, (complex, mpmath.mpc)):
        raise ValueError(f"{name} must be a real number, got the complex {x!r}")
    value = to_mp(x)
    if not mp.isfinite(value):
        raise ValueError(f"{name} must be a finite real number, got {x!r}")
    return value


def _complex(z: Any, name: str) -> Any:
    """A complex input: a (re, im) pair of reals, a real, or an mpc/complex; NaN and inf refused."""
    if isinstance(z, tuple):
        if len(z) != 2:
            raise ValueError(f"{name} must be a (re, im) pair, got {z!r}")
        return mp.mpc(_real(z[0], f"Re {name}"), _real(z[1], f"Im {name}"))
    if isinstance(z, (complex, mpmath.mpc)):
        value = mp.mpc(z)
        if not (mp.isfinite(value.real) and mp.isfinite(value.imag)):
            raise ValueError(f"{name} must be finite, got {z!r}")
        return value
    return mp.mpc(_real(z, name))


def _eigenvalues(M: Any) -> list[Any]:
    """The eigenvalues of M by ``mp.eig``, sorted by decreasing real part then increasing imaginary part."""
    if M.rows == 1:  # mp.eig ignores left=False, right=False for a 1x1 matrix
        return [M[0, 0]]
    values = mp.eig(M, left=False, right=False)
    return sorted(values, key=lambda z: (-mp.re(z), mp.im(z)))


@with_dps(guard=GUARD)
def s4d_real(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """S4D-Real as the reference code builds it: :math:`A_n = -\\exp(\\log(n+1))`, ``n = 0..N-1``.

    state-spaces/mamba ``mamba_simple.py`` stores ``A_log = log(arange(1, N+1))`` and uses
    ``A = -exp(A_log)``; the S4D paper writes :math:`A_n = -(n+1)`.  Returns an N x 1 mpmath matrix.
    """
    N = _size(N)
    return mp.matrix([-mp.exp(mp.log(n + 1)) for n in range(N)])


def _rank_one(N: int) -> Any:
    """The NPLR vector of LegS, :math:`P_n = \\sqrt{n + 1/2}` (s4's ``rank_correction('legs')``)."""
    return mp.matrix([mp.sqrt(mp.mpf(n) + mp.mpf(1) / 2) for n in range(N)])


@with_dps(guard=GUARD)
def legs_spectrum_table(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """Columns: S4D-Real from the code, diag(A), the eigenvalues of A, Re of the eigenvalues of S.

    A is the LegS matrix by Gauss-Legendre quadrature of :math:`-\\delta_{nk} - \\int_0^1 r g_n' g_k`
    (:func:`numerics.hippo.legs_matrix`); eigenvalues by ``mp.eig`` (sorted by decreasing real part);
    :math:`S = A + PP^{\\mathsf T}` with :math:`P_n = \\sqrt{n+1/2}`.  Returns an N x 4 matrix.
    """
    N = _size(N, 12)
    work = dps + GUARD
    A = legs_matrix(N, dps=work)
    P = _rank_one(N)
    S = A + P * P.T
    code = s4d_real(N, dps=work)
    spec_A = _eigenvalues(A)
    spec_S = _eigenvalues(S)
    table = mp.matrix(N, 4)
    for n in range(N):
        table[n, 0] = code[n]
        table[n, 1] = A[n, n]
        table[n, 2] = mp.re(spec_A[n])  # the imaginary parts are checked to vanish below
        table[n, 3] = mp.re(spec_S[n])
    if max(abs(mp.im(z)) for z in spec_A) > mp.mpf(10) ** (-(work - 15)):
        raise ArithmeticError("the LegS eigenvalues came out non-real: mp.eig lost the triangular structure")
    return table


@with_dps(guard=GUARD)
def legs_display_pair(N: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The LegS pair (A, B) of :math:`\\dot c = Ac + Bu` (time-invariant form) by quadrature.

    :math:`A_{nk} = -\\delta_{nk} - \\int_0^1 r g_n'g_k`, :math:`B_n = g_n(1)` with
    :math:`g_n(r) = \\sqrt{2n+1}P_n(2r-1)` (:func:`numerics.hippo.legs_matrix`, :func:`legs_input`).
    """
    N = _size(N)
    work = dps + GUARD
    return [legs_matrix(N, dps=work), legs_input(N, dps=work)]


@with_dps(guard=GUARD)
def init_diagonals(N: int, *, dps: int = DEFAULT_DPS) -> Any:
    """Columns: the comment's ``-np.arange(N) - 0.5``, S4D-Real, Re(S4D-Lin), diag S, diag A - diag S.

    S4D-Real from :func:`s4d_real` (the code's exp/log route); S4D-Lin's eigenvalue
    :math:`-\\tfrac12 + i\\pi n` built as an mpc and its real part taken; the LegS matrix A by quadrature and
    :math:`S = A + PP^{\\mathsf T}` (:math:`P_n = \\sqrt{n+1/2}`).  Returns an N x 5 matrix.
    """
    N = _size(N)
    work = dps + GUARD
    A = legs_matrix(N, dps=work)
    P = _rank_one(N)
    S = A + P * P.T
    code = s4d_real(N, dps=work)
    table = mp.matrix(N, 5)
    for n in range(N):
        table[n, 0] = -mp.mpf(n) - mp.mpf(1) / 2  # numpy: -np.arange(N) - 0.5
        table[n, 1] = code[n]
        table[n, 2] = mp.re(mp.mpc(-mp.mpf(1) / 2, mp.pi * n))
        table[n, 3] = S[n, n]
        table[n, 4] = A[n, n] - S[n, n]
    return table


def _zoh_real(M: Any, b: Any, step: Any) -> tuple[Any, Any]:
    """ZOH of the real system x' = Mx + bu: the block exponential exp(step [[M, b], [0, 0]])."""
    m = M.rows
    big = mp.zeros(m + 1, m + 1)
    for i in range(m):
        for j in range(m):
            big[i, j] = step * M[i, j]
        big[i, m] = step * b[i]
    E = mp.expm(big)
    Abar = mp.matrix([[E[i, j] for j in range(m)] for i in range(m)])
    Bbar = mp.matrix([E[i, m] for i in range(m)])
    return Abar, Bbar


def _pair_kernel(a: Any, b: Any, c: Any, step: Any, k: int) -> Any:
    """2 Re(c b_bar a_bar^k) of one conjugate pair as the output of a real 2-state system.

    The complex state z = x + iy of z' = az + bu is the real state (x, y) with
    M = [[Re a, -Im a], [Im a, Re a]], input vector (Re b, Im b), and the output
    2 Re(c z) = 2(Re c x - Im c y): the pair (a, b, c), (conj a, conj b, conj c) together.
    """
    M = mp.matrix([[mp.re(a), -mp.im(a)], [mp.im(a), mp.re(a)]])
    Abar, Bbar = _zoh_real(M, mp.matrix([mp.re(b), mp.im(b)]), step)
    x = Bbar
    for _ in range(k):
        x = Abar * x
    return 2 * (mp.re(c) * x[0] - mp.im(c) * x[1])


def _pair_inputs(a: Any, b: Any, c: Any, step: Any, k: Any) -> tuple:
    a, b, c = _complex(a, "a"), _complex(b, "b"), _complex(c, "c")
    if a == 0:
        raise ValueError("a must be nonzero: the ZOH input weight (e^(step a) - 1)/a is taken at a != 0 here")
    step = _real(step, "step")
    if step <= 0:
        raise ValueError(f"step must be positive (the discretisation step Delta > 0), got {step}")
    return a, b, c, step, _index(k)


@with_dps(guard=GUARD)
def pair_kernel(a: Any, b: Any, c: Any, *, step: Any, k: int, dps: int = DEFAULT_DPS) -> Any:
    """The ZOH kernel entry :math:`K_k = 2\\operatorname{Re}(c\\,\\bar b\\,\\bar a^k)` of one stored mode of a
    diagonal SSM (state-spaces/s4 ``s4d.py``: ``K = 2 * einsum(C * (exp(dtA) - 1) / A, exp(dtA k)).real``).

    .. math:: K_k = 2\\operatorname{Re}\\Big(c\\,\\frac{e^{\\Delta a}-1}{a}\\,b\\,e^{k\\Delta a}\\Big)

    computed without that formula: the pair is realised as a real 2-state system and discretised by the
    block exponential (``mp.expm``), then multiplied out ``k`` times.  ``a``, ``b``, ``c`` are complex
    (``(re, im)`` pairs, reals or mpc), ``a != 0``; ``step > 0``; ``k >= 0`` an integer.
    Source: S4D (Gu, Gupta, Goel, Ré 2022), section 3.3 (conjugate symmetry); state-spaces/s4#120.
    """
    a, b, c, step, k = _pair_inputs(a, b, c, step, k)
    return _pair_kernel(a, b, c, step, k)


@with_dps(guard=GUARD)
def conjugation_differences(a: Any, b: Any, c: Any, *, step: Any, k: int,
                            dps: int = DEFAULT_DPS) -> list[Any]:
    """``[K(a*,b*,c*) - K(a,b,c), K(a*,b,c) - K(a,b*,c*), K(a*,b,c) - K(a,b,c)]`` by :func:`pair_kernel`.

    The first two vanish (conjugating everything, or moving the conjugation from a to (b, c), leaves the
    kernel unchanged); the third is the change when only the eigenvalue is conjugated.
    """
    a, b, c, step, k = _pair_inputs(a, b, c, step, k)
    cj = mp.conj
    base = _pair_kernel(a, b, c, step, k)
    return [_pair_kernel(cj(a), cj(b), cj(c), step, k) - base,
            _pair_kernel(cj(a), b, c, step, k) - _pair_kernel(a, cj(b), cj(c), step, k),
            _pair_kernel(cj(a), b, c, step, k) - base]


@with_dps(guard=GUARD)
def s4_default_legs(N: int, *, dps: int = DEFAULT_DPS) -> list[Any]:
    """The (A, B, P) that state-spaces/s4 builds for its default ``init='legs'``, transcribed to mpmath.

    ``transition('legs', N)``: ``q = arange(N)``, ``r = 2q + 1``, ``M = -(where(row >= col, r[col], 0) -
    diag(q))``, ``T = sqrt(diag(2q + 1))``, ``A = T M T^{-1}``, ``B = diag(T)``; ``rank_correction('legs',
    N)``: ``P = sqrt(0.5 + arange(N))`` (models/s4/s4.py, commit 070384aac428).  Returns ``[A, B, P]``.
    """
    N = _size(N)
    M = mp.matrix(N, N)
    for row in range(N):
        for col in range(N):
            lower = (2 * col + 1) if row >= col else 0  # numpy broadcasts r along the column index
            M[row, col] = -(lower - (row if row == col else 0))
    T = mp.diag([mp.sqrt(2 * q + 1) for q in range(N)])
    A = T * M * mp.inverse(T)
    B = mp.matrix([T[q, q] for q in range(N)])
    return [A, B, _rank_one(N)]

