"""What a reader sees of every result: typeset titles, captions and notes; named tuple parts; no Boolean atoms.

Titles, captions and notes are text with inline mathematics written ``$...$`` (proofs.core.markup): the report
and notebooks typeset the mathematics, the terminal spells it out.  Mathematics written as ASCII outside the
dollars prints literally in the report (``F_{y'}``, ``P P^T``), which these tests catch.
"""

from __future__ import annotations

import re

import pytest
import sympy

from proofs import registry
from proofs.core.markup import latex_text, math_text, plain_text, split_math

RESULTS = list(registry)
IDS = [r.key for r in RESULTS]

# ASCII mathematics in prose: a caret, an underscore or a backslash; a prime on a letter; an arrow or a
# comparison; a function name applied to an argument; a Greek letter spelled out
_ASCII_MATH = re.compile(
    r"[\^_\\]|(?<![A-Za-z])[A-Za-z]'|->|<=|>=|!=|\b(?:sqrt|exp|log|ln|tril|diag|det|sum|prod|int)\("
    r"|\b(?:alpha|beta|gamma|delta|epsilon|eps|lambda|lam|mu|sigma|theta|phi|psi|omega|rho|tau|pi)\b"
)


def _prose(text: str) -> str:
    return " ".join(piece for is_math, piece in split_math(text) if not is_math)


def _captions(result):
    if result.derive is None:
        return []
    return [s.caption for s in result.derivation(**result.display_case()).steps]


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_title_caption_and_note_mathematics_is_typeset(result):
    texts = {"notes": result.notes, "title_tex": result.title_tex}
    texts.update({f"caption {i}": c for i, c in enumerate(_captions(result), 1)})
    if not result.title_tex:
        texts["title"] = result.title  # a title without a typeset form must have no mathematics
    ascii_math = {where: m.group(0) for where, text in texts.items() if (m := _ASCII_MATH.search(_prose(text)))}
    assert not ascii_math, f"{result.key}: mathematics outside $...$: {ascii_math}"
    for text in texts.values():  # every form renders without error
        latex_text(text), math_text(text), plain_text(text)


@pytest.mark.parametrize("result", RESULTS, ids=IDS)
def test_a_tuple_statement_names_its_parts(result):
    general = result.general()
    if isinstance(general, (tuple, sympy.Tuple)):
        assert len(result.parts) == len(general), f"{result.key}: parts {result.parts} for {len(general)} parts"
    else:
        assert not result.parts, f"{result.key}: parts named for a statement that is not a tuple"


def _boolean(obj) -> bool:
    if isinstance(obj, (bool, sympy.logic.boolalg.BooleanAtom)):
        return True
    return isinstance(obj, (tuple, sympy.Tuple)) and any(_boolean(o) for o in obj)


@pytest.mark.parametrize("result", [r for r in RESULTS if r.derive is not None],
                         ids=[r.key for r in RESULTS if r.derive is not None])
def test_no_step_or_statement_shown_is_a_bare_true_or_false(result):
    # An Eq that SymPy evaluates (a symbol against a Matrix, two equal numbers) prints as "False" or "True"
    case = result.display_case()  # the case `show`, the report and notebooks display
    assert not _boolean(result.general()), f"{result.key}: the statement shown is {result.general()}"
    assert not _boolean(result.statement(**case)), f"{result.key} at {case}: statement is a Boolean"
    for i, step in enumerate(result.derivation(**case).steps, 1):
        assert not _boolean(step.expr), f"{result.key} at {case}: step {i} ({step.caption!r}) is {step.expr}"
