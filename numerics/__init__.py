"""closedform's numerics: independent high-precision computations in mpmath.

Each module mirrors a topic of :mod:`proofs` and computes the same quantities by
another route (quadrature, numerical differentiation, ODE integration, repeated
products, minimisation), never by evaluating the closed form under test.
:mod:`numerics.agree` measures digits of agreement; :mod:`numerics.strategies`
(needs hypothesis) draws example parameters.
"""

from . import agree as agree
from .hippo import legendre

__all__ = ["agree", "legendre"]
