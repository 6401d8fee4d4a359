"""A statement that agrees with the truth only at a result's fixed examples must fail verification.

For every result whose examples have parameters, the statement is replaced by one that equals the
true statement at each fixed example and is wrong everywhere else (the closed form plus a term that
vanishes exactly at the examples: a product, over the examples, of the squared distance of the
statement's symbols to that example, or of 1 where the statement's arguments differ from it).
Verification must fail, and fail on the mathematics (the symbolic proof, or the numeric check at
the drawn points), not by crashing.  So no result passes on its fixed examples alone.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import pytest
import sympy

from proofs.core import Result, registry
from proofs.core.checks import perturb, value_of

PARAMETRISED = [r for r in registry if any(dict(e) for e in r.examples)]


def _names(obj: Any) -> dict[str, Any]:
    if isinstance(obj, (tuple, list, sympy.Tuple)):
        out: dict[str, Any] = {}
        for o in obj:
            out.update(_names(o))
        return out
    return {str(s): s for s in getattr(obj, "free_symbols", ())}


def planted(result: Result) -> Result:
    """``result`` with a statement that is true at its fixed examples only."""
    examples = [dict(e) for e in result.examples]
    original = result.statement

    @functools.wraps(original)  # the same signature, so a point is split the same way
    def wrong(**case: Any) -> Any:
        true = original(**case)
        symbols = _names(value_of(true))
        weight = sympy.Integer(1)
        for example in examples:
            if any(k in example and example[k] != v for k, v in case.items()):
                continue  # the arguments already differ from this example
            distance = sum(((symbols[k] - sympy.nsimplify(v)) ** 2 for k, v in example.items()
                            if k in symbols and k not in case), sympy.Integer(0))
            weight *= distance
        return perturb(true, weight)

    return dataclasses.replace(result, statement=wrong)


_CRASH = re.compile(r"^[A-Za-z]*(Error|Exception)\b|; [A-Za-z]*(Error|Exception):")


@pytest.mark.parametrize("result", PARAMETRISED, ids=lambda r: r.key)
def test_a_statement_true_only_at_the_fixed_examples_fails(result):
    # (that the true statement passes is tested for every result in test_registry)
    rep = planted(result).verify()
    assert not rep.passed, f"{result.key}: a statement true only at its fixed examples passed verification"
    assert not _CRASH.search(rep.message), f"{result.key}: failed by crashing, not on the mathematics: {rep.message}"
