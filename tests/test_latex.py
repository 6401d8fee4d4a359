"""The LaTeX output: a standalone document that compiles, names every result, and round-trips statements."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

import pytest
import sympy

from proofs import registry
from proofs.core import Status
from proofs.report import FigureRef, compile_pdf, document, pillar_of, tex_engine

RESULTS = list(registry)


def _engine_or_skip():
    if tex_engine() is None:
        if os.environ.get("CI"):
            pytest.fail("no TeX engine in CI: .ci/run must install texlive-latex-base, -recommended and latexmk")
        pytest.skip("no TeX engine installed (apt-get install texlive-latex-base texlive-latex-recommended latexmk)")


def test_evidence_appears_when_reports_are_given():
    chosen = registry.select(["HIPPO-LEG-2"])
    rep = chosen[0].verify(dps=30)
    tex = document(chosen, reports=[rep])
    assert "Verification" in tex and "dps 30" in tex and "dps 60" in tex and "Passed." in tex


def test_chinese_titles_are_wrapped_for_pdflatex():
    tex = document(registry.select(["HIPPO-LEG-6"]))
    assert "\\cjk{重温SSM（一）}" in tex


def _cjk_installed() -> bool:
    found = subprocess.run(["kpsewhich", "CJKutf8.sty", "c70gbsn.fd"], capture_output=True, text=True)
    return len(found.stdout.split()) == 2


def test_chinese_titles_typeset_when_cjk_and_its_fonts_are_installed(tmp_path):
    # The regression: with CJKutf8 installed, the preamble's \cjk definition stopped TeX
    # ("Illegal parameter number in definition of \reserved@a") and no PDF was made at all.
    _engine_or_skip()
    if not _cjk_installed():
        if os.environ.get("CI"):
            pytest.fail("no CJKutf8 in CI: .ci/run must install texlive-lang-chinese and the gbsn fonts")
        pytest.skip("CJKutf8 or its gbsn fonts are not installed (apt-get install texlive-lang-chinese "
                    "latex-cjk-chinese-arphic-gbsn00lp)")
    out = tmp_path / "zh.tex"
    out.write_text(document(registry.select(["HIPPO-LEG-6"])), encoding="utf-8")
    assert compile_pdf(out).exists()
    log = out.with_suffix(".log").read_text(encoding="latin-1")
    assert "CJKutf8.sty" in log and "c70gbsn.fd" in log, "the Chinese title was not typeset in CJK"


def test_chinese_titles_are_marked_when_cjk_is_missing(tmp_path):
    # The other side of the branch: the same document with the package's file name made unfindable.
    _engine_or_skip()
    tex = document(registry.select(["HIPPO-LEG-6"]))
    assert "\\IfFileExists{CJKutf8.sty}" in tex
    out = tmp_path / "nozh.tex"
    out.write_text(tex.replace("\\IfFileExists{CJKutf8.sty}", "\\IfFileExists{CJKutf8-absent.sty}"),
                   encoding="utf-8")
    assert compile_pdf(out).exists()
    log = out.with_suffix(".log").read_text(encoding="latin-1")
    assert "CJKutf8.sty" not in log


def test_the_full_document_names_every_result_groups_them_and_compiles(tmp_path):
    # One test builds the whole document once: a module fixture would be rebuilt in every xdist worker
    # that runs a test using it (xdist_group is not honoured under pytest 9.2, pytest-xdist#1386).
    rep = registry["HIPPO-LEG-2"].verify(dps=20)
    tex = document(RESULTS, reports=[rep])
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
    for r in RESULTS:
        assert f"\\label{{res:{r.key}}}" in tex and f"\\hyperref[res:{r.key}]" in tex
        alone = r.latex()  # the fragment `closedform show --latex` prints (parts cached by document())
        assert r.key in alone and "\\[" in alone and r.status.value in alone
        if pillar_of(r.key) == "HIPPO":
            assert tex.index("\\section{HiPPO") < tex.index(f"\\label{{res:{r.key}}}")
    assert "\\section*{Summary}" in tex and "\\begin{longtable}" in tex
    assert "shell-escape" not in tex and "\\write18" not in tex
    _engine_or_skip()
    out = tmp_path / "all.tex"
    out.write_text(tex, encoding="utf-8")
    pdf = compile_pdf(out)
    assert pdf.exists() and pdf.stat().st_size > 10_000


def test_hostile_text_is_escaped_and_compiles(tmp_path):
    _engine_or_skip()
    base = registry["HIPPO-LEG-2"]
    weird = dataclasses.replace(base, key="TEST-TEX-1", title="50% & $x_1$ #weird {braces} ~^ \\relax",
                                source="a_b c%d 重温SSM（一） e&f", notes="under_score # hash", status=Status.THEOREM,
                                derive=None)
    out = tmp_path / "weird.tex"
    out.write_text(document([weird]), encoding="utf-8")
    assert compile_pdf(out).exists()


def test_a_figure_reference_is_included_or_its_omission_stated(tmp_path):
    omitted = FigureRef("HIPPO", "a figure", None, "matplotlib is not installed")
    tex = document(registry.select(["HIPPO-LEG-2"]), figures=[omitted])
    assert "Figure omitted (a figure): matplotlib is not installed" in tex


def test_figures_are_drawn_or_skipped_with_a_reason(tmp_path):
    from proofs.figures import FIGURES, make_figures

    figs = make_figures(tmp_path / "figs", relative_to=tmp_path)
    assert len(figs) == len(FIGURES)
    for fig in figs:
        if fig.path is None:
            assert fig.skipped
        else:
            assert (tmp_path / fig.path).stat().st_size > 1000


# --- round trip through sympy.parsing.latex (lark backend) ---------------------------------------


def test_statements_round_trip_through_parse_latex(record_property):
    pytest.importorskip("lark")
    from proofs.roundtrip import round_trip

    found = round_trip(RESULTS)
    record_property("round_trip", found.summary())  # printed once at the end (tests/conftest.py)
    assert len(found.passed) + len(found.skipped) + len(found.rejected) + len(found.failed) == len(RESULTS)
    assert not found.failed, found.summary()


def test_the_round_trip_whitelist_is_honest():
    """Each construct on the whitelist round-trips on its own; unsupported ones are classified so."""
    pytest.importorskip("lark")
    from sympy.parsing.latex import parse_latex

    from proofs.roundtrip import equal, normalise, supported

    x, y, n = sympy.symbols("x y n")
    samples = [x**2 / 2 + 3, sympy.Eq(x + 1, y), sympy.sqrt(2 * n + 1), sympy.log(n), sympy.exp(-x),
               sympy.sin(x) * sympy.cos(y), sympy.Abs(x), sympy.Integral(x**2, (x, 0, 1)), sympy.factorial(n),
               sympy.Matrix([[1, 2], [3, x]]), sympy.Max(x, y), sympy.floor(x), sympy.Symbol("x_1") * 2]
    for s in samples:
        assert supported(s), s
        assert equal(normalise(parse_latex(sympy.latex(s), backend="lark"), s), s), s
    assert not supported(sympy.Sum(x, (x, 0, n))) and not supported(sympy.pi * x)
    assert not supported(sympy.Tuple(x, y))  # the grammar has no tuples
    with pytest.raises(Exception):
        parse_latex(sympy.latex(sympy.Tuple(x, y)), backend="lark")
    assert not supported(sympy.Symbol("pos") + 1) and supported(sympy.Symbol("s1") + sympy.Symbol("lambda_max"))
    assert not equal(sympy.Eq(x, y), sympy.Eq(x, y + 1))
