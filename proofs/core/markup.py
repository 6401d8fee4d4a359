"""Text with inline mathematics: one source for LaTeX, notebooks and the terminal.

Titles (``Result.title_tex``), step captions and notes are written as text with inline
mathematics between dollar signs, as in LaTeX::

    "The Euler--Lagrange equation $F_y - \\frac{d}{dx} F_{y'} = 0$ for the brachistochrone"

- :func:`latex_text` turns it into LaTeX text mode: the text outside the dollars is escaped,
  the mathematics is kept as written;
- :func:`math_text` turns it into one math-mode formula (text parts in ``\\text{...}``), for
  places that accept only mathematics, such as a notebook's ``_repr_latex_``;
- :func:`plain_text` turns it into readable plain text for the terminal and for PDF
  bookmarks (``\\sqrt{2n+1}`` -> ``sqrt(2n+1)``, ``\\lambda`` -> ``λ``, ``\\bar{A}`` -> ``Ā``).

Text without a dollar sign is plain text and is only escaped.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["latex_escape", "latex_text", "math_text", "plain_text", "split_math", "check_markup"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    """Escape plain text for LaTeX's text mode (every special character is printed as itself)."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def split_math(text: str) -> list[tuple[bool, str]]:
    """``text`` as ``(is_math, piece)`` pairs; ValueError when a ``$`` is left unclosed or braces do not balance."""
    check_markup(text)
    return [(i % 2 == 1, piece) for i, piece in enumerate(text.split("$")) if piece]


def check_markup(text: str, what: str = "text") -> None:
    """Raise ValueError unless every ``$`` is closed and every math piece has balanced braces."""
    if not isinstance(text, str):
        raise ValueError(f"{what} must be a string, got {type(text).__name__}")
    pieces = text.split("$")
    if len(pieces) % 2 == 0:
        raise ValueError(f"{what} has an unclosed $ (inline math is written $...$): {text!r}")
    for piece in pieces[1::2]:
        depth = 0
        for ch in re.sub(r"\\[{}]", "", piece):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth < 0:
                break
        if depth != 0:
            raise ValueError(f"{what} has unbalanced braces in the math ${piece}$: {text!r}")


def latex_text(text: str) -> str:
    """LaTeX text mode: the prose escaped, the ``$...$`` mathematics kept as written."""
    return "".join(f"${piece}$" if is_math else latex_escape(piece) for is_math, piece in split_math(text))


def math_text(text: str) -> str:
    """One math-mode formula: the prose in ``\\text{...}``, the mathematics as written."""
    return "".join(piece if is_math else rf"\text{{{latex_escape(piece)}}}" for is_math, piece in split_math(text))


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ",
}
_SYMBOLS = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "to": "→", "rightarrow": "→",
    "mapsto": "↦", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "cdot": "·", "times": "×",
    "pm": "±", "mp": "∓", "infty": "∞", "sum": "Σ", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇",
    "in": "∈", "notin": "∉", "subset": "⊂", "cup": "∪", "cap": "∩", "ldots": "...", "dots": "...",
    "cdots": "...", "top": "T", "circ": "∘", "propto": "∝", "langle": "⟨", "rangle": "⟩", "quad": "  ",
    "qquad": "    ", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "mid": "|", "ast": "*",
    "star": "*", "emptyset": "∅", "forall": "∀", "exists": "∃", "Rightarrow": "⇒", "iff": "⇔",
    "implies": "⇒", "perp": "⊥", "angle": "∠", "otimes": "⊗", "oplus": "⊕", "dagger": "†", "prime": "'", "|": "‖",
    "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|",
}
_ACCENTS = {"bar": "\u0304", "overline": "\u0304", "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
            "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7"}
_DROP_WRAPPERS = ("mathrm", "mathbf", "mathit", "mathsf", "mathcal", "mathbb", "boldsymbol", "operatorname",
                  "text", "textrm", "textit", "texttt", "mathtt", "mathop", "left", "right", "big", "Big", "bigl", "bigr", "Bigl",
                  "Bigr", "displaystyle", "tfrac", "dfrac")
_BLACKBOARD = {"R": "ℝ", "C": "ℂ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ"}

_GROUP = r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"  # a brace group, up to three levels deep


def _plain_math(tex: str) -> str:
    s = re.sub(r"(\\[A-Za-z]+)(?=\\[A-Za-z])", r"\1 ", tex)  # \pi\sqrt{x}: keep the two commands apart
    for _ in range(4):  # nested constructions, innermost first
        s = re.sub(r"\\mathbb\{([RCNZQ])\}", lambda m: _BLACKBOARD[m.group(1)], s)
        s = re.sub(rf"\\[dt]?frac{_GROUP}{_GROUP}", lambda m: f"{_wrap(m.group(1))}/{_wrap(m.group(2))}", s)
        s = re.sub(rf"\\sqrt\[([^\]]*)\]{_GROUP}", lambda m: f"root{m.group(1)}({m.group(2)})", s)
        s = re.sub(rf"\\sqrt{_GROUP}", lambda m: f"sqrt({m.group(1)})", s)
        s = re.sub(rf"\\binom{_GROUP}{_GROUP}", lambda m: f"C({m.group(1)}, {m.group(2)})", s)
        s = re.sub(rf"\\({'|'.join(_ACCENTS)})(?![A-Za-z]){_GROUP}", lambda m: _accent(m.group(2), m.group(1)), s)
        s = re.sub(rf"\\({'|'.join(_ACCENTS)})(?![A-Za-z])\s*(\\?[A-Za-z])",
                   lambda m: _accent(m.group(2), m.group(1)), s)
        s = re.sub(rf"\\(?:{'|'.join(_DROP_WRAPPERS)})(?![A-Za-z])\s*", "", s)
    s = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK.get(m.group(1), _SYMBOLS.get(m.group(1), m.group(1))), s)
    s = re.sub(r"\\([|])", lambda m: _SYMBOLS[m.group(1)], s)
    s = re.sub(r"\\[,;:! ]", " ", s)
    s = re.sub(r"\\([{}%#&_$])", r"\1", s)
    # x^{2} -> x^2, a_{n} -> a_n; longer groups keep parentheses: x^{3/2} -> x^(3/2)
    s = re.sub(r"([\^_])\{([^{}]*)\}", lambda m: m.group(1) + (m.group(2) if len(m.group(2)) == 1
                                                                 else f"({m.group(2)})"), s)
    s = s.replace("{", "").replace("}", "").replace("~", " ")
    return re.sub(r"\s{2,}", " ", s)


def _wrap(part: str) -> str:
    return part if re.fullmatch(r"[\w.']+", part) else f"({part})"


def _accent(base: str, name: str) -> str:
    base = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK.get(m.group(1), m.group(1)), base)
    return base + _ACCENTS[name] if len(base) == 1 else f"{name}({base})"


def plain_text(text: str) -> str:
    """Readable plain text (for the terminal and PDF bookmarks): the mathematics spelled out."""
    spelled = "".join(_plain_math(piece) if is_math else piece for is_math, piece in split_math(text))
    return unicodedata.normalize("NFC", spelled)  # A + combining macron -> one character where one exists
