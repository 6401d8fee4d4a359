"""The LaTeX output: a standalone document that compiles, names every result, and round-trips statements."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy

from proofs import registry
from proofs.core import Status
from proofs.app.displays import MIN_SCALE, _lines, break_lines, display, scales_in_log
from proofs.app.report import NO_TEX, FigureRef, compile_pdf, document, pillar_of, tex_engine

RESULTS = list(registry)
#: the formulas that were printed as hairlines when every display was scaled to the line width
WORST = ["VAR-X2-2", "VAR-X2-3", "S4-WB-1", "RTF-RAT-2", "RTF-REC-1", "RTF-REC-2", "S4-SIM-1"]


def _overfull(log: str) -> list[float]:
    """How much each overfull line of a TeX log sticks out, in points."""
    return [float(x) for x in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log)]


def _engine_or_skip():
    if tex_engine() is None:
        if os.environ.get("CI"):
            pytest.fail(f"in CI .ci/run must install TeX: {NO_TEX}")
        pytest.skip(NO_TEX)


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
    for r in RESULTS:  # each named part of a tuple statement is shown with its name
        section = tex[tex.index(f"\\label{{res:{r.key}}}"):]
        section = section[:section.find("\\subsection")]
        for name in r.parts:
            assert name in section, f"{r.key}: part {name} is not named in the report"
    _engine_or_skip()
    out = tmp_path / "all.tex"
    out.write_text(tex, encoding="utf-8")
    pdf = compile_pdf(out)
    assert pdf.exists() and pdf.stat().st_size > 10_000
    log = out.with_suffix(".log").read_text(encoding="latin-1")
    wide = sorted(_overfull(log), reverse=True)
    assert not wide or wide[0] <= 10, f"{len(wide)} overfull line(s), the widest {wide[:5]} pt"
    scales = scales_in_log(log)
    assert len(scales) == tex.count("\\cfdisplay{"), "every display logs the scale it used"
    smallest = min(scales, key=scales.__getitem__)
    assert scales[smallest] >= MIN_SCALE, f"{smallest} is shrunk to {scales[smallest]}"


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
    from proofs.app.figures import FIGURES, make_figures

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
    from proofs.app.roundtrip import round_trip

    found = round_trip(RESULTS)
    record_property("round_trip", found.summary())  # printed once at the end (tests/conftest.py)
    assert len(found.passed) + len(found.skipped) + len(found.rejected) + len(found.failed) == len(RESULTS)
    assert not found.failed, found.summary()


def test_the_round_trip_whitelist_is_honest():
    """Each construct on the whitelist round-trips on its own; unsupported ones are classified so."""
    pytest.importorskip("lark")
    from sympy.parsing.latex import parse_latex

    from proofs.app.roundtrip import equal, normalise, supported

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


# --- layout: formulas fit the line without shrinking, titles, parts, figures, metadata -----------------


def test_the_widest_formulas_are_broken_instead_of_shrunk(tmp_path):
    _engine_or_skip()
    chosen = registry.select(WORST)
    tex = document(chosen)
    out = tmp_path / "worst.tex"
    out.write_text(tex, encoding="utf-8")
    compile_pdf(out)
    log = out.with_suffix(".log").read_text(encoding="latin-1")
    scales = scales_in_log(log)
    assert len(scales) == tex.count("\\cfdisplay{") and {k.split("/")[0] for k in scales} == set(WORST)
    smallest = min(scales, key=scales.__getitem__)
    assert scales[smallest] >= MIN_SCALE, f"{smallest} is shrunk to {scales[smallest]}"
    assert "below the minimum" not in log
    assert max(_overfull(log), default=0) <= 10
    assert "omitted" not in tex and "too long to display" not in tex  # shown whole, on several lines


def _joined(layout) -> str:
    """The lines of a layout read back as one formula: the delimiters of broken lines rejoined, and the
    product of a factor with a parenthesis made explicit (the parser reads no juxtaposition)."""
    text = " ".join(line for _, line in layout)
    text = re.sub(r"\\(left|right)\.|\\Big/", lambda m: "/" if m.group(0) == "\\Big/" else "", text)
    return re.sub(r"\}\s*(?=\\left\()", r"} \\cdot ", text)


def test_breaking_a_formula_keeps_its_meaning():
    pytest.importorskip("lark")
    from sympy.parsing.latex import parse_latex

    x, y, z, w = sympy.symbols("x y z w")
    terms = sum((sympy.Rational(k, 7) * x**k * y - z**k / (k + w)) for k in range(1, 4))
    formulas = [
        sympy.Eq(sympy.Symbol("F"), terms),                     # lhs / = rhs, the sum at its terms
        (2 * x + 3 * y + terms) / w,                             # a long numerator over a short denominator
        terms / (x**7 + 3 * x**5 * y + 5 * x**3 * y**2 + 7 * x * y**3 + 11 * w**9 + 13 * z**4),
        sympy.sqrt(2) * (x + terms) * (y - 1),                   # a product with a long factor
        2 * (x + terms) / w,                                     # 2 (..) / w  ->  2/w (..)
    ]
    for f in formulas:
        tex = sympy.latex(f, mul_symbol="dot")
        layout = _lines(tex, 24)  # small formulas broken into narrow lines (parsing a long one takes seconds)
        assert len(layout) > 2, layout
        original = parse_latex(tex, backend="lark")
        back = parse_latex(_joined(layout), backend="lark")
        if isinstance(original, sympy.Eq):
            assert isinstance(back, sympy.Eq) and back.lhs == original.lhs, _joined(layout)
            back, original = back.rhs, original.rhs
        assert sympy.cancel(back - original) == 0, _joined(layout)
    wide = sympy.latex(sympy.Eq(sympy.Symbol("F"), sum(x**k / (k + w) for k in range(40))))
    layouts = break_lines(wide)
    assert layouts[0] == [(0, wide)] and len(layouts) > 2 and len(layouts[-1]) > len(layouts[1]) > 1


def test_a_wide_matrix_is_shown_entry_by_entry_with_its_name():
    x = sympy.Symbol("x")
    big = sympy.Matrix(2, 2, lambda i, j: sum(x**k / (k + i + j + 1) for k in range(12)))
    layouts = break_lines(sympy.latex(sympy.Eq(sympy.Symbol("M"), big, evaluate=False)))
    entries = [line for level, line in layouts[-1] if level == 0]
    assert [e.split(" =")[0] for e in entries] == ["M_{1,1}", "M_{1,2}", "M_{2,1}", "M_{2,2}"]
    assert display(sympy.latex(big), "TEST-M-1/statement").startswith("\\cfdisplay{TEST-M-1/statement}")
    huge = " + ".join(f"x_{{{k}}}^{{{k}}}" for k in range(3000))
    assert "closedform show TEST-M-1" in display(huge, "TEST-M-1/statement")  # described, never shrunk


def test_parts_of_a_tuple_are_named_each_on_its_own_line():
    base = registry["HIPPO-LEG-2"]
    a, b = sympy.symbols("a b")
    named = dataclasses.replace(
        base, key="TEST-PARTS-1", derive=None, status=Status.THEOREM, bound=None, display={},
        statement=lambda: sympy.Tuple(sympy.Matrix([[a, b], [b, a]]), a + b, sympy.Eq(a, b)),
        parts=("A", r"\bar{B}", "a"))
    tex = document([named])
    assert "\\cfdisplay{TEST-PARTS-1/statement.3}" in tex
    assert "A = \\left[" in tex and "\\bar{B} = a + b" in tex
    assert "\\cfone{a = b}" in tex  # an equation that starts with its name is shown as it is


def test_a_selection_has_only_its_pillars_sections_and_figures():
    figures = [FigureRef("VAR", "the brachistochrone", Path("figs/brachistochrone.pdf")),
               FigureRef("HIPPO", "the LegS reconstruction", Path("figs/legs-reconstruction.pdf"))]
    tex = document(registry.select(["HIPPO"]), figures=figures)
    assert re.findall(r"\\section\{([^}]*)\}", tex) == ["HiPPO: online function approximation by ODEs"]
    assert "legs-reconstruction.pdf" in tex and "brachistochrone.pdf" not in tex
    body = tex[tex.index("\\section{HiPPO"):]
    assert body.index("legs-reconstruction.pdf") < body.index("\\subsection")  # in its section, at its head
    assert not any(r.key.startswith("VAR-") for r in registry if f"\\label{{res:{r.key}}}" in tex)


def test_make_figures_draws_only_the_selected_pillars(tmp_path, monkeypatch):
    from proofs.app import figures as fig_module

    drawn = []

    def fake(stem):
        def draw(path):
            drawn.append(stem)
            path.write_bytes(b"%PDF-1.4 stand-in" * 100)
            return f"caption of {stem}"
        return draw

    stand_ins = tuple((pillar, stem, caption, fake(stem)) for pillar, stem, caption, _ in fig_module.FIGURES)
    monkeypatch.setattr(fig_module, "FIGURES", stand_ins)
    monkeypatch.setattr(fig_module, "_pyplot", lambda: None)
    figs = fig_module.make_figures(tmp_path, pillars=["HIPPO"])
    assert [f.pillar for f in figs] == ["HIPPO"] and drawn == ["legs-reconstruction"]
    assert [f.pillar for f in fig_module.make_figures(tmp_path, pillars=["RTF"])] == ["RTF"]  # the kernels
    assert len(fig_module.make_figures(tmp_path)) == len(fig_module.FIGURES)  # default: every pillar


def test_titles_are_typeset_bookmarks_are_plain_and_the_pdf_has_metadata(tmp_path):
    base = registry["HIPPO-LEG-6"]
    titled = dataclasses.replace(base, key="TEST-TITLE-1",
                                 title="Key identity (x+1) P_n' = n P_n, λ ≤ 1 (重温SSM（一）)",
                                 title_tex=r"Key identity $(x+1) P_n' = n P_n$, $\lambda \le 1$ (重温SSM（一）) "
                                           r"$\frac{d}{dx}\sqrt{2n+1} \in \mathbb{R}$, $\|\bar{A}\|_{\mathrm{op}}$")
    # a plain title with the characters plain_text writes (Greek, symbols, combining accents), no title_tex
    plain = dataclasses.replace(base, key="TEST-TITLE-2", title_tex="",
                                title="Kernel y_k = Σ_j K_j u_(k-j), K_j = C^T Ā^j B̄, λ ≤ 1")
    tex = document([titled, plain], title="closedform & friends")
    heading = ("\\subsection{\\texorpdfstring{TEST-TITLE-1: Key identity $(x+1) P_n' = n P_n$, "
               "$\\lambda \\le 1$ (\\cjk{重温SSM（一）}) ")
    assert heading in tex  # typeset in the heading
    assert "{TEST-TITLE-1: Key identity (x+1) P\\_n' = n P\\_n, lambda <= 1 ([Chinese])}}" in tex  # plain
    bookmark = ("{TEST-TITLE-2: Kernel y\\_k = Sigma\\_j K\\_j u\\_(k-j), "
                "K\\_j = C\\textasciicircum{}T A\\textasciicircum{}j B, lambda <= 1}")
    assert bookmark in tex  # bookmarks: Latin only
    assert "pdftitle={closedform \\& friends}" in tex and "pdfauthor={closedform}" in tex
    summary = tex[tex.index("\\section*{Summary}"):tex.index("\\end{longtable}")]
    assert "$(x+1) P_n' = n P_n$" in summary  # the table shows the typeset title too
    _engine_or_skip()
    out = tmp_path / "titles.tex"
    out.write_text(tex, encoding="utf-8")
    pdf = compile_pdf(out)  # CJK in a heading (and none in its bookmark) compiles
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Title:\s+closedform & friends$", info, re.MULTILINE)
        assert re.search(r"^Author:\s+closedform$", info, re.MULTILINE)


def test_long_sources_and_notes_wrap(tmp_path):
    _engine_or_skip()
    base = registry["HIPPO-LEG-2"]
    long = dataclasses.replace(
        base, key="TEST-WRAP-1", derive=None, status=Status.THEOREM,
        source="state-spaces/s4 (models/s4/s4.py, src/models/hippo/hippo.py) SSMKernelDiag; "
               "HazyResearch/hippo-code model/hippo.py (HiPPO_LegS); kexue.fm/archives/10114 and "
               "kexue.fm/archives/10137/some_long_path_name",
        notes="Value 0.59239403555561969551708009545492955 and 0.66524095577482188953, "
              "0.24472847105479765247, 0.09003057317038045800 at config/defaults/attn_scale/floor_scale.")
    out = tmp_path / "wrap.tex"
    out.write_text(document([long]), encoding="utf-8")
    compile_pdf(out)
    assert _overfull(out.with_suffix(".log").read_text(encoding="latin-1")) == []
