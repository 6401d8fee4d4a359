"""The numeric routes of the FAQ answers (mpmath): ZOH by solving the ODE, quadrature of the held input, the
range of phi over Mamba's steps, the selective mismatch, LegS spectra by ``mp.eig``, the conjugate-pair kernel
by a real 2x2 system, and a transcription of S4's default construction.  Nothing here imports SymPy."""

from __future__ import annotations

from .discretization import phi as phi
from .discretization import phi_range as phi_range
from .initialisation import pair_kernel as pair_kernel
from .initialisation import s4d_real as s4d_real

__all__ = ["pair_kernel", "phi", "phi_range", "s4d_real"]
