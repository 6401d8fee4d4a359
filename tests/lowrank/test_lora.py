"""LoRA alignment (spec lowrank.md 2.4): golden numbers G-L8 and G-L9, the API's errors, pitfalls 1, 2, 11, 12.

Exact values come from :mod:`proofs.lowrank.lora` (SymPy), numeric ones from :mod:`numerics.lowrank.lora`
(mpmath); printed goldens are compared to half a unit in their last place.
"""

from __future__ import annotations

import random
from fractions import Fraction as F

import mpmath
import pytest
import sympy
from mpmath import mp
from sympy import Matrix, Rational, sqrt

from numerics.lowrank import lora as nl
from numerics.lowrank import lora_routes as nr
from proofs.lowrank import lora as pl

G_L8 = [[1, 2, 3], [0, 1, 4], [5, 6, 0]]
A_L9 = [[F(1, 3)], [F(2, 3)], [F(2, 3)]]
B_L9 = [[F(2, 3), F(1, 3), F(-2, 3)]]
A_UNBALANCED = [[1], [2], [2]]


def printed(value, text: str) -> bool:
    """``value`` rounds to the printed decimal ``text`` (within half a unit in its last place)."""
    with mpmath.workdps(60):
        decimals = len(text.split(".")[1])
        return abs(mp.mpf(str(sympy.N(value, 50)) if isinstance(value, sympy.Basic) else value) - mp.mpf(text)) \
            <= mp.mpf(10) ** (-decimals) / 2


def agree(x, y, digits: int = 45) -> bool:
    with mpmath.workdps(digits + 10):
        xs = [mp.mpf(sympy.N(v, digits + 10)) if isinstance(v, sympy.Basic) else mp.mpf(v) for v in _flat(x)]
        ys = [mp.mpf(sympy.N(v, digits + 10)) if isinstance(v, sympy.Basic) else mp.mpf(v) for v in _flat(y)]
        scale = max([abs(v) for v in xs + ys] + [mp.mpf(1)])
        return len(xs) == len(ys) and max(abs(a - b) for a, b in zip(xs, ys)) <= mp.mpf(10) ** -digits * scale


def _flat(x):
    if isinstance(x, mpmath.matrix):
        return [x[i, j] for i in range(x.rows) for j in range(x.cols)]
    if isinstance(x, sympy.MatrixBase):
        return list(x)
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in _flat(item)]
    return [x]


# --- G-L8: LoRA-GA ----------------------------------------------------------------------------------------


def test_gl8_characteristic_polynomial_singular_values_and_minimum():
    lam = sympy.Symbol("lambda")
    G = Matrix(G_L8)
    assert G.det() == 1
    assert sympy.expand((G.T * G).charpoly(lam).as_expr()) == lam**3 - 92 * lam**2 + 1608 * lam - 1
    squares = pl._gram_spectrum(G)
    sigma = ("8.27883923049978428523531201588610265", "4.84357296660860535595066818825799834",
             "0.0249381770796012875225341167272409458")
    assert all(printed(sqrt(s2), text) for s2, text in zip(squares, sigma))
    with mpmath.workdps(60):
        _, S, _ = nl._svd_sorted(mp.matrix(G_L8))
        assert all(printed(s, text) for s, text in zip(S, sigma))
    minimum = pl.loraga_min_objective(G_L8, 1)
    assert minimum == squares[2]
    assert printed(minimum, "0.000621912676053551001666059558210336513")
    for split in ("su", "ArB2r"):
        assert printed(nl.loraga_init(G_L8, 1, split=split, dps=50)[2], "0.000621912676053551001666059558210336513")


def test_gl8_exact_example_minimum_five_for_both_splits():
    G, U, V, r = pl._svd_instance(0)  # U diag(5, 3, 2, 1) V^T with Cayley-orthogonal U (5x5), V (4x4)
    assert U.T * U == sympy.eye(5) and V.T * V == sympy.eye(4) and r == 1
    assert pl._gram_spectrum(G) == [25, 9, 4, 1]
    assert pl.loraga_min_objective(G, 1) == 5
    su, ref, _ = pl._loraga_objective_steps(0)
    assert su == ref == 5
    point = pl._q(G)
    for split in ("su", "ArB2r"):
        assert agree(nl.loraga_init(point, 1, split=split, dps=50)[2], 5, 45)


def test_loraga_random_factors_stay_above_the_bound():
    # LOWR-LORA-2 is a THEOREM (Eckart-Young-Mirsky): exercised on random factors, 2r <= min(n, m)
    rng = random.Random(7)
    cases = [(G_L8, 1), ([[2, 0, 1, -1, 3], [1, 1, 0, 2, -1], [0, 3, 1, 1, 1], [1, -1, 2, 0, 0]], 2)]
    with mpmath.workdps(30):
        for G, r in cases:
            bound = mp.mpf(sympy.N(pl.loraga_min_objective(G, r), 40))
            Gm = mp.matrix(G)
            for _ in range(150):
                A = mp.matrix([[rng.gauss(0, 1) for _ in range(r)] for _ in range(Gm.rows)])
                B = mp.matrix([[rng.gauss(0, 1) for _ in range(Gm.cols)] for _ in range(r)])
                assert nl.frobenius_squared(A * A.T * Gm + Gm * B.T * B - Gm) >= bound


def test_loraga_objective_is_zero_when_2r_reaches_the_rank():
    G = [[1, 2, 3], [2, 4, 6], [1, 0, 1]]  # rank 2
    assert pl.loraga_min_objective(G, 1) == 0
    assert abs(nl.loraga_init(G, 1, dps=30)[2]) < mp.mpf(10) ** -25


def test_pitfall_1_and_2_splits_share_the_bracket_not_the_product():
    # mpmath returns V^T (pitfall 1); Su's split and ArB2r give the same bracket G_2r and objective, but
    # different products A0 B0 (U_r V_{r:2r}^T against U_{r:2r} V_r^T), hence different offsets (pitfall 2)
    with mpmath.workdps(40):
        A0, B0, obj = nl.loraga_init(G_L8, 1, dps=40)
        Ap, Bp, obj_ref = nl.loraga_init(G_L8, 1, split="ArB2r", dps=40)
        G = mp.matrix(G_L8)
        assert (A0.rows, A0.cols, B0.rows, B0.cols) == (3, 1, 1, 3)
        assert (Ap.rows, Ap.cols, Bp.rows, Bp.cols) == (1, 3, 3, 1)
        assert mp.norm(A0 * A0.T * G + G * B0.T * B0 - (Bp * Bp.T * G + G * Ap.T * Ap)) < mp.mpf(10) ** -35
        assert abs(obj - obj_ref) < mp.mpf(10) ** -35
        assert mp.norm(A0 * B0 - Bp * Ap) > mp.mpf(1) / 10


def test_rescaled_loraga_factors_are_optimal_only_at_unit_scales():
    G, r = G_L8, 1
    base = pl.properties_statement(G=G, r=r, alpha=1, beta=1)[3]
    assert base == pl.loraga_min_objective(G, r)
    for alpha, beta in ((Rational(1, 2), 1), (1, 2), (-1, 1), (1, -1)):
        value = pl.properties_statement(G=G, r=r, alpha=alpha, beta=beta)[3]
        assert (value == base) == (alpha**2 == 1 and beta**2 == 1)


# --- G-L9: LoRA-Pro -----------------------------------------------------------------------------------------


def _frob(X):
    return sum(x**2 for x in X)


def test_gl9_gradients_and_updates_exactly():
    A, B, G = Matrix(A_L9), Matrix(B_L9), Matrix(G_L8)
    assert (A.T * A)[0] == 1 and (B * B.T)[0] == 1
    GA, GB = G * B.T, A.T * G
    assert GA == Matrix([-2, -7, 16]) / 3 and GB == Matrix([[11, 16, 11]]) / 3
    assert (A.T * G * B.T)[0] == Rational(16, 9) and _frob(G) == 92
    HA, HB = pl.lorapro_update(A_L9, B_L9, G_L8, choice="zero")
    assert HA == GA and HB == Matrix([[67, 128, 131]]) / 27
    for choice in ("symmetric", "sylvester"):
        assert pl._choice_matrix(choice, A, B, G) == Matrix([[Rational(-8, 9)]])
        HA, HB = pl.lorapro_update(A_L9, B_L9, G_L8, choice=choice)
        assert HA == Matrix([-26, -79, 128]) / 27 and HB == Matrix([[83, 136, 115]]) / 27
        assert HA * B + A * HB == Matrix([[31, 110, 167], [8, 193, 388], [422, 400, -26]]) / 81


def test_gl9_residuals_and_distances_exactly():
    A, B, G = Matrix(A_L9), Matrix(B_L9), Matrix(G_L8)
    PA, QB = pl._projectors(A, B)
    assert pl.lorapro_residual(A_L9, B_L9, G_L8) == Rational(445, 81)
    assert _frob(A * A.T * G + G * B.T * B - G) == Rational(701, 81)
    assert _frob(PA * G * QB) == Rational(256, 81)
    assert pl.plain_lora_statement(A=A_L9, B=B_L9, G=G_L8) == Rational(701, 81)
    GA, GB = G * B.T, A.T * G
    for choice, distance in (("zero", Rational(256, 81)), ("symmetric", Rational(128, 81))):
        HA, HB = pl.lorapro_update(A_L9, B_L9, G_L8, choice=choice)
        assert _frob(HA - GA) + _frob(HB - GB) == distance


def test_gl9_unbalanced_factor_separates_the_two_choices():
    A, B, G = Matrix(A_UNBALANCED), Matrix(B_L9), Matrix(G_L8)
    assert pl._choice_matrix("symmetric", A, B, G) == Matrix([[Rational(-8, 27)]])
    assert pl._choice_matrix("sylvester", A, B, G) == Matrix([[Rational(-8, 15)]])
    C1, C2, _, _, C3 = nl.lorapro_choices(A_UNBALANCED, B_L9, G_L8, dps=50)
    assert agree(C1, Rational(-8, 27)) and agree(C2, Rational(-8, 27)) and agree(C3, Rational(-8, 15))


def test_gl9_numerics_reproduce_the_exact_values():
    product, residual = nl.lorapro_product_lstsq(A_L9, B_L9, G_L8, dps=50)
    exact = Matrix([[31, 110, 167], [8, 193, 388], [422, 400, -26]]) / 81
    assert agree(product, exact) and agree(residual, Rational(445, 81))
    for choice, (ha, hb) in (("zero", ([-18, -63, 144], [67, 128, 131])),
                             ("symmetric", ([-26, -79, 128], [83, 136, 115])),
                             ("sylvester", ([-26, -79, 128], [83, 136, 115]))):
        HA, HB = nl.lorapro_update(A_L9, B_L9, G_L8, choice=choice, dps=50)
        assert agree(HA, [Rational(v, 27) for v in ha]) and agree(HB, [Rational(v, 27) for v in hb])
    assert agree(nr.orthonormal_lora_residual(A_L9, B_L9, G_L8, dps=50), Rational(701, 81))


def test_symmetric_and_sylvester_coincide_for_orthonormal_factors():
    # LOWR-LORA-5 (iii): A^T A = B B^T = c I_r gives C = -A^T G B^T / (2 c^2) for both choices (here r = 2)
    QA = pl._cayley(pl._skew(4, [1, -1, 2, 1, 0, 1]))
    QB = pl._cayley(pl._skew(5, [2, 1, -1, 0, 1, 1, 0, 2, -1, 1]))
    c = 4
    A, B = 2 * QA[:, :2], 2 * QB[:, :2].T
    G = pl._int_matrix(4, 5, 3)
    assert A.T * A == c * sympy.eye(2) and B * B.T == c * sympy.eye(2)
    expected = -A.T * G * B.T / (2 * c**2)
    assert pl._choice_matrix("symmetric", A, B, G) == expected == pl._choice_matrix("sylvester", A, B, G)


def test_numeric_and_exact_updates_agree_on_a_rational_instance():
    A, B, G = pl._pro_instance(0)
    point = {"A": pl._q(A), "B": pl._q(B), "G": pl._q(G)}
    for choice in ("zero", "symmetric", "sylvester", [[1, F(1, 2)], [-2, 0]]):
        exact = pl.lorapro_update(A, B, G, choice=Matrix(choice) if isinstance(choice, list) else choice)
        numeric = nl.lorapro_update(**point, choice=choice, dps=50)
        assert agree(numeric, exact, 45), choice


def test_peft_convention_is_the_reference_optimiser():
    A, B, G = pl._pro_instance(3)  # Su's A = B' (n x r), Su's B = A' (r x m)
    s, X = Rational(3, 2), Matrix([[1, -1], [F(1, 2), 2]])
    grad_A, grad_B = pl.lorapro_update(B, A, G, choice=X, convention="peft", s=s)
    change, X_syl = nr.reference_update(pl._q(A), pl._q(B), pl._q(G), F(3, 2), pl._q(X), dps=50)
    assert agree(s * A * grad_A + s * grad_B * B, change, 45)
    # s * grad is Su's update at C = C_base - s X; the Sylvester mode lands on Su's Sylvester choice
    C_base = -(A.T * A).inv() * A.T * G * B.T * (B * B.T).inv()
    HA, HB = pl.lorapro_update(A, B, G, choice=C_base - s * X)
    assert s * grad_B == HA and s * grad_A == HB
    grad_A, grad_B = pl.lorapro_update(B, A, G, choice="sylvester", convention="peft", s=s)
    HA, HB = pl.lorapro_update(A, B, G, choice="sylvester")
    assert s * grad_B == HA and s * grad_A == HB
    assert agree(pl.reference_statement(Bp=A, Ap=B, G=G, s=s, X=X)[1], X_syl, 45)
    zero_A, _ = pl.lorapro_update(B, A, G, choice="zero", convention="peft", s=s)
    assert zero_A == ((A.T * A).inv() * A.T * G / s).applyfunc(sympy.cancel)


def test_pitfall_12_reference_symmetry_mode_matches_only_for_orthonormal_factors():
    # the reference symmetry mode multiplies by A'A'^T where the symmetric split needs (A'A'^T)^{-1}:
    # the two factors agree exactly when A'A'^T = I
    ortho = Matrix(B_L9)  # A' with A'A'^T = 1
    scaled = 2 * ortho
    assert ortho * ortho.T == (ortho * ortho.T).inv()
    assert scaled * scaled.T != (scaled * scaled.T).inv()


# --- LOWR-LORA-8 (heuristic): the SGD-optimal factors do not minimise the sign analogue -----------------------


def test_loraga_factors_do_not_minimise_the_adam_sign_objective():
    def sign_objective(A, B, G):
        def s(M):
            return M.apply(mp.sign)

        return nl.frobenius_squared(A * s(A.T * G) + s(G * B.T) * B - s(G))

    with mpmath.workdps(30):
        G = mp.matrix(G_L8)
        A0, B0, _ = nl.loraga_init(G_L8, 1, dps=30)
        at_loraga = sign_objective(A0, B0, G)
        other = sign_objective(mp.matrix([[F(-9, 40)], [F(9, 50)], [F(-2, 3)]]),
                               mp.matrix([[F(-9, 20), F(-39, 50), F(-37, 50)]]), G)
        assert at_loraga > 2 and other < 1


def test_first_adam_step_is_the_sign_step_as_epsilon_vanishes():
    tiny = pl.adam_statement(A0=A_L9, B0=B_L9, G=G_L8, eta=Rational(1, 10), eps=Rational(1, 10**30))
    A, B, G = Matrix(A_L9), Matrix(B_L9), Matrix(G_L8)
    sign = ((A - (G * B.T).applyfunc(sympy.sign) / 10) * (B - (A.T * G).applyfunc(sympy.sign) / 10) - A * B)
    assert max(abs(x) for x in (tiny - sign)) < Rational(1, 10**28)


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad, match", [
    ([[1, 2], [3]], "real matrix required"), ([], "real matrix required"), ("abc", "real matrix required"),
    ([[1, 2j, 0], [0, 1, 2], [1, 1, 1]], "real matrix required"), ([[True, 0, 0]], "real matrix required"),
    ([[float("nan"), 0, 0], [1, 1, 1], [0, 0, 1]], "finite"), ([[float("inf"), 0, 0]], "finite"),
])
def test_bad_matrices_are_refused_on_both_sides(bad, match):
    with pytest.raises(ValueError, match=match):
        nl.loraga_init(bad, 1)
    with pytest.raises(ValueError, match=match):
        pl.loraga_min_objective(bad, 1)


@pytest.mark.parametrize("r", [0, 2, True, 1.0, "1", -1])
def test_loraga_rank_range(r):
    with pytest.raises(ValueError, match=r"1 <= 2r <= min\(n, m\) = 3"):
        nl.loraga_init(G_L8, r)
    with pytest.raises(ValueError, match=r"1 <= 2r <= min\(n, m\) = 3"):
        pl.loraga_min_objective(G_L8, r)


def test_shape_mismatch_states_both_shapes():
    with pytest.raises(ValueError, match=r"got A 3x1, B 1x2, G 3x3"):
        pl.lorapro_update(A_L9, [[1, 2]], G_L8)
    with pytest.raises(ValueError, match=r"got A 3x1, B 1x2, G 3x3"):
        nl.lorapro_update(A_L9, [[1, 2]], G_L8)
    with pytest.raises(ValueError, match=r"got A0 3x1, B0 1x3, G 2x3"):
        pl.lora_one_step(A_L9, B_L9, [[1, 2, 3], [4, 5, 6]], Rational(1, 10))


def test_pitfall_11_zero_initialised_factors_are_refused_naming_the_factor():
    zero_B = [[0, 0, 0]]
    for call in (lambda: pl.lorapro_update(A_L9, zero_B, G_L8), lambda: pl.lorapro_residual(A_L9, zero_B, G_L8),
                 lambda: nl.lorapro_update(A_L9, zero_B, G_L8), lambda: nl.lorapro_product_lstsq(A_L9, zero_B, G_L8)):
        with pytest.raises(ValueError, match="B must have full row rank"):
            call()
    dependent_A = [[1, 2], [2, 4], [3, 6]]
    with pytest.raises(ValueError, match="A must have full column rank"):
        pl.lorapro_update(dependent_A, [[1, 0, 0], [0, 1, 0]], G_L8)
    with pytest.raises(ValueError, match="A must have full column rank"):
        nl.lorapro_update(dependent_A, [[1, 0, 0], [0, 1, 0]], G_L8)
    with pytest.raises(ValueError, match="B must have full column rank"):  # PEFT: B is lora_B, n x r
        pl.lorapro_update(B_L9, [[0], [0], [0]], G_L8, convention="peft", s=2)
    # Su's LoRA-GA factors are orthonormal, hence accepted
    with mpmath.workdps(30):
        A0, B0, _ = nl.loraga_init(G_L8, 1, dps=30)
    nl.lorapro_update(A0, B0, G_L8, dps=20)


def test_unknown_names_list_the_accepted_values():
    with pytest.raises(ValueError, match="zero, symmetric, sylvester"):
        pl.lorapro_update(A_L9, B_L9, G_L8, choice="sym")
    with pytest.raises(ValueError, match="zero, symmetric, sylvester"):
        nl.lorapro_update(A_L9, B_L9, G_L8, choice="sym")
    with pytest.raises(ValueError, match="su, peft"):
        pl.lorapro_update(A_L9, B_L9, G_L8, convention="PEFT")
    with pytest.raises(ValueError, match="su, ArB2r"):
        nl.loraga_init(G_L8, 1, split="A2rBr")
    with pytest.raises(ValueError, match="r x r matrix with r = 1"):
        pl.lorapro_update(A_L9, B_L9, G_L8, choice=[[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="r x r matrix with r = 1"):
        nl.lorapro_update(A_L9, B_L9, G_L8, choice=[[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="convention='peft' only"):
        pl.lorapro_update(A_L9, B_L9, G_L8, s=2)
    with pytest.raises(ValueError, match="s must be a nonzero"):
        pl.lorapro_update(B_L9, A_L9, G_L8, convention="peft", s=0)
    with pytest.raises(ValueError, match="eta"):
        pl.lora_one_step(A_L9, B_L9, G_L8, float("nan"))


def test_one_step_is_exact_and_full_fine_tuning_is_minus_eta_g():
    eta = sympy.Symbol("eta")
    change = pl.lora_one_step(A_L9, B_L9, G_L8, eta)
    A, B, G = Matrix(A_L9), Matrix(B_L9), Matrix(G_L8)
    assert change == (-eta * (A * A.T * G + G * B.T * B) + eta**2 * G * B.T * A.T * G).applyfunc(sympy.expand)
    su, peft = nr.one_step_change(A_L9, B_L9, G_L8, F(1, 10), 1, dps=40)
    assert agree(su, change.subs(eta, Rational(1, 10)), 35) and agree(peft, su, 35)
