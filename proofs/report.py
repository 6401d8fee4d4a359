"""The LaTeX report: every result with its derivation, its evidence and figures.

:func:`document` writes one self-contained ``.tex`` file:

- a title block and a summary table (key, status, title, symbolic outcome, digits
  of agreement at ``dps`` and ``2*dps``, time);
- one section per pillar (variational calculus, HiPPO, S4, RTF, entropy), each with
  its figures and, per result: title, status badge, source, the statement, the
  derivation steps (an ``align*`` environment) and the evidence of verification.

Only packages from a basic TeX installation are used (amsmath, amssymb, booktabs,
longtable, graphicx, xcolor, hyperref); nothing needs shell-escape.  Chinese post
titles are set with CJKutf8 when it is installed and replaced by a marker otherwise,
so the document compiles with ``texlive-latex-base`` + ``texlive-latex-recommended``.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .core import TUPLE_SEP, Report, Result, latex_escape

__all__ = ["NO_TEX", "PILLARS", "FigureRef", "document", "compile_pdf", "tex_engine", "pillar_of"]

#: Key prefix -> section title, in the order the report presents them.
PILLARS: tuple[tuple[str, str], ...] = (
    ("VAR", "Calculus of variations"),
    ("HIPPO", "HiPPO: online function approximation by ODEs"),
    ("S4", "S4: efficient computation of SSM kernels"),
    ("RTF", "Rational transfer functions of SSM kernels"),
    ("ENT", "Entropy-invariant attention scale"),
)

_BADGE_COLOURS = {"EXACT": "ForestGreen", "THEOREM": "RoyalBlue", "HEURISTIC": "BurntOrange", "EMPIRICAL": "Plum"}

_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs,longtable}
\usepackage{graphicx}
\usepackage[dvipsnames]{xcolor}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4em}
% Chinese titles of the source posts: typeset with CJKutf8 when installed, else marked. The typeset
% form is defined outside \IfFileExists, whose branches cannot hold a macro parameter (#1) as written.
\newcommand{\cjk}[1]{[\textit{title in Chinese}]}
\newcommand{\cjktypeset}[1]{\begin{CJK}{UTF8}{gbsn}#1\end{CJK}}
\IfFileExists{CJKutf8.sty}{\IfFileExists{c70gbsn.fd}{\usepackage{CJKutf8}\let\cjk\cjktypeset}{}}{}
\newcommand{\badge}[2]{\colorbox{#1}{\textcolor{white}{\sffamily\bfseries\footnotesize #2}}}
% scale a display down to the line width when (and only when) it is wider
\newcommand{\fitmath}[1]{\resizebox{\ifdim\width>\dimexpr\linewidth-3em\relax\dimexpr\linewidth-3em\relax
  \else\width\fi}{!}{$\displaystyle #1$}}
"""

# CJK ideographs, CJK punctuation and full-width forms: pdfLaTeX cannot set them without CJKutf8
_CJK_CHARS = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# one run per title: CJK characters, with Latin letters/digits between them ("重温SSM（一）")
_CJK = re.compile(rf"[{_CJK_CHARS}]+(?:[A-Za-z0-9 ]*[{_CJK_CHARS}]+)*")


@dataclass(frozen=True)
class FigureRef:
    """A figure for the report: a file (or the reason it was not made) and its caption."""

    pillar: str
    caption: str
    path: Path | None = None
    skipped: str = ""


def pillar_of(key: str) -> str:
    """The pillar prefix of a key (``HIPPO-LEG-6`` -> ``HIPPO``), or ``""`` for none of the five."""
    head = key.split("-", 1)[0]
    return head if head in dict(PILLARS) else ""


def _badge(status: str) -> str:
    return rf"\badge{{{_BADGE_COLOURS.get(status, 'Gray')}}}{{{status}}}"


def _digits(rep: Report | None) -> tuple[str, str]:
    if rep is None or rep.digits is None:
        return "--", "--"
    return f"{rep.digits:.1f}", f"{rep.digits_2x:.1f}"


def _summary(results: Sequence[Result], reports: dict[str, Report]) -> str:
    dps = next(iter(reports.values())).dps if reports else None
    head = r"\textbf{Key} & \textbf{Status} & \textbf{Title}"
    cols = "l l p{6.4cm}"
    if reports:
        head += rf" & \textbf{{Symbolic}} & \textbf{{Digits@{dps}}} & \textbf{{@{2 * dps}}} & \textbf{{s}}"
        cols += " l r r r"
    rows = []
    for r in results:
        row = rf"\hyperref[res:{r.key}]{{{latex_escape(r.key)}}} & {_badge(r.status.value)} & {latex_escape(r.title)}"
        if reports:
            rep = reports.get(r.key)
            d1, d2 = _digits(rep)
            symbolic = "--" if rep is None else rep.symbolic + ("" if rep.passed else r" \textbf{(FAILED)}")
            seconds = "--" if rep is None else f"{rep.seconds:.2f}"
            row += rf" & {latex_escape(symbolic)} & {d1} & {d2} & {seconds}"
        rows.append(row + r" \\")
    return (
        rf"\begin{{longtable}}{{{cols}}}" + "\n\\toprule\n" + head + r" \\" + "\n\\midrule\n\\endhead\n"
        + "\n".join(rows) + "\n\\bottomrule\n\\end{longtable}\n"
    )


def _evidence(rep: Report) -> str:
    parts = [rf"\textbf{{Verification}} at {rep.dps} digits: "]
    if rep.symbolic == "proved":
        parts.append("symbolic proof for general parameters; ")
    elif rep.symbolic == "proved-up-to-bound":
        parts.append(rf"symbolic proof for every case {latex_escape(rep.message)} ({rep.cases} cases); ")
    elif rep.symbolic == "not-applicable":
        parts.append("no symbolic proof (not applicable to this status); ")
    if rep.digits is not None:
        d1, d2 = _digits(rep)
        parts.append(rf"numeric agreement {d1} digits at dps {rep.dps} and {d2} at dps {2 * rep.dps}, "
                     rf"worst of {rep.examples} example points; ")
    parts.append(rf"{rep.seconds:.2f}\,s. ")
    parts.append(r"\textcolor{ForestGreen}{\textbf{Passed.}}" if rep.passed
                 else rf"\textcolor{{red}}{{\textbf{{FAILED:}}}} {latex_escape(rep.message)}")
    return "".join(parts) + "\n"


def _figure(fig: FigureRef) -> str:
    if fig.path is None:
        return rf"\emph{{Figure omitted ({latex_escape(fig.caption)}): {latex_escape(fig.skipped)}.}}" + "\n"
    return (
        "\\begin{figure}[htbp]\n\\centering\n"
        rf"\includegraphics[width=0.82\linewidth]{{{fig.path.as_posix()}}}" + "\n"
        rf"\caption{{{latex_escape(fig.caption)}}}" + "\n\\end{figure}\n"
    )


def document(
    results: Iterable[Result],
    *,
    title: str = "closedform: derivations, verified",
    reports: Iterable[Report] = (),
    figures: Iterable[FigureRef] = (),
) -> str:
    """A standalone LaTeX document for ``results``, with their reports and figures if given."""
    chosen = list(results)
    by_key = {rep.key: rep for rep in reports}
    figs = list(figures)
    passed = sum(rep.passed for rep in by_key.values())
    intro = (
        rf"This document lists {len(chosen)} result(s). Each was derived in SymPy from its definition and "
        r"compared exactly with its stated closed form; where the derivation is only possible case by case, "
        r"every case up to the stated bound was proved. Each numeric cross-check computes the same quantity "
        r"independently in mpmath and must agree to the claimed digits at the working precision and at twice it."
    )
    if by_key:
        intro += rf" In this build {passed} of {len(by_key)} verified result(s) passed."
    parts = [
        _PREAMBLE,
        rf"\title{{{latex_escape(title)}}}" + "\n" + rf"\date{{{_dt.date.today().isoformat()}}}" + "\n",
        "\\begin{document}\n\\maketitle\n" + intro + "\n",
        r"\section*{Summary}" + "\n" + _summary(chosen, by_key),
    ]
    groups = [(p, name) for p, name in PILLARS] + [("", "Other results")]
    for prefix, name in groups:
        members = [r for r in chosen if pillar_of(r.key) == prefix]
        pillar_figs = [f for f in figs if f.pillar == prefix]
        if not members and not pillar_figs:
            continue
        parts.append(rf"\section{{{latex_escape(name)}}}" + "\n")
        parts.extend(_figure(f) for f in pillar_figs)
        for r in members:
            parts.append(_result_section(r, by_key.get(r.key)))
    parts.append("\\end{document}\n")
    return _CJK.sub(lambda m: rf"\cjk{{{m.group(0)}}}", "\n".join(parts))


def _result_section(r: Result, rep: Report | None) -> str:
    parts = r.latex_parts()
    lines = [
        rf"\subsection{{{latex_escape(r.key)}: {latex_escape(r.title)}}}\label{{res:{r.key}}}",
        _badge(r.status.value) + rf" \quad\textbf{{Source:}} {latex_escape(r.source)}.",
        # the parts of a tuple statement go on lines of their own: scaled to the width together,
        # several matrices of rational functions shrink to unreadable print
        *(r"\[\fitmath{" + piece + r"}\]" for piece in parts.statement.split(TUPLE_SEP)),
    ]
    if parts.bound_note:
        lines.append(parts.bound_note)
    if parts.steps:
        lines.append("Derivation" + (f" (shown for ${parts.case}$)" if parts.case else "") + ":")
        body = []
        for caption, tex in parts.steps:
            first, *rest = tex.split(TUPLE_SEP)
            body.append(rf"\intertext{{{caption}}} &\fitmath{{{first}}}")
            body.extend(rf"&\fitmath{{{piece}}}" for piece in rest)
        lines.append("\\begin{align*}\n" + " \\\\\n".join(body) + "\n\\end{align*}")
    if parts.notes:
        lines.append(rf"\textit{{Note.}} {parts.notes}")
    if rep is not None:
        lines.append(_evidence(rep))
    return "\n".join(lines) + "\n"


#: the error when neither latexmk nor pdflatex is on PATH
NO_TEX = ("no TeX engine found (latexmk or pdflatex); on Debian: apt-get install texlive-latex-base "
          "texlive-latex-recommended latexmk lmodern")


def tex_engine() -> list[str] | None:
    """The command that turns a .tex file into a PDF here (latexmk, else pdflatex), or None."""
    if shutil.which("latexmk"):
        return ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error"]
    if shutil.which("pdflatex"):
        return ["pdflatex", "-interaction=nonstopmode", "-halt-on-error"]
    return None


def compile_pdf(tex_path: Path) -> Path:
    """Compile ``tex_path`` to a PDF beside it; ValueError when no engine is installed or TeX fails.

    TeX's log is kept beside the document (``FILE.log``) whether or not it compiled, and a
    failure names it.
    """
    engine = tex_engine()
    if engine is None:
        raise ValueError(NO_TEX)
    tex_path = tex_path.resolve()
    log = tex_path.with_suffix(".log")
    with tempfile.TemporaryDirectory() as build:
        built = Path(build) / tex_path.stem
        runs = 1 if engine[0] == "latexmk" else 2  # pdflatex needs a second pass for references
        for _ in range(runs):
            proc = subprocess.run(
                [*engine, f"-output-directory={build}", str(tex_path)],
                capture_output=True, text=True, errors="replace", cwd=tex_path.parent, timeout=600,
            )
            if built.with_suffix(".log").exists():
                shutil.copy(built.with_suffix(".log"), log)
            if proc.returncode != 0:
                errors = [ln for ln in proc.stdout.splitlines() if ln.startswith("!")][:3]
                raise ValueError(f"TeX failed on {tex_path.name}: {' '.join(errors) or 'no error line'}; "
                                 f"log: {log}")
        pdf = tex_path.with_suffix(".pdf")
        shutil.copy(built.with_suffix(".pdf"), pdf)
    return pdf
