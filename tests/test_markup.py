"""Text with inline math: the LaTeX, math-mode and plain forms of one source (proofs.core.markup)."""

from __future__ import annotations

import pytest

from proofs.core.markup import check_markup, latex_escape, latex_text, math_text, plain_text


def test_prose_is_escaped_and_math_kept():
    text = r"50% of $F_{y'} = \frac{d}{dx} F_{y'}$ in file_name"
    assert latex_text(text) == r"50\% of $F_{y'} = \frac{d}{dx} F_{y'}$ in file\_name"
    assert math_text(text) == r"\text{50\% of }F_{y'} = \frac{d}{dx} F_{y'}\text{ in file\_name}"


@pytest.mark.parametrize(("tex", "plain"), [
    (r"$\sqrt{2n+1}\,P_n(2r-1)$", "sqrt(2n+1) P_n(2r-1)"),
    (r"$(I+\bar{A})^{-1}\bar{B}$", "(I+Ā)^(-1)B̄"),
    (r"$\hat{K}_{L/2}$", "K̂_(L/2)"),
    (r"$\lambda_n \le 1$, $x \to 0^+$", "λ_n ≤ 1, x → 0^+"),
    (r"$a_1, \dots, a_n$", "a_1, ..., a_n"),  # \dots is not the accent \dot
    (r"$\dot x = \tfrac{1}{2} x$", "ẋ = 1/2 x"),
    (r"$\texttt{fft\_kernel}$ and $\text{model/op.py}$", "fft_kernel and model/op.py"),
    (r"$2y^{3/2}(1+p^2)^{3/2}$", "2y^(3/2)(1+p^2)^(3/2)"),
    (r"$\pi\sqrt{r/g}$, $\cos\angle APB$", "π sqrt(r/g), cos ∠ APB"),  # adjacent commands stay apart
    ("no math at all_", "no math at all_"),
])
def test_plain_text_spells_the_mathematics_out(tex, plain):
    assert plain_text(tex) == plain


@pytest.mark.parametrize("bad", ["an unclosed $x", "$x^{2$", "$x}{$", 3])
def test_unclosed_dollars_and_unbalanced_braces_are_rejected(bad):
    with pytest.raises(ValueError):
        check_markup(bad)


def test_escaped_braces_do_not_count():
    check_markup(r"$\{x\}$")
    assert latex_escape("{a}_b^c~%") == r"\{a\}\_b\textasciicircum{}c\textasciitilde{}\%"
