"""The LaTeX report: every result with its derivation, its evidence and figures.

:func:`document` writes one self-contained ``.tex`` file:

- a title block (with PDF metadata) and a summary table (key, status, typeset title, symbolic
  outcome, digits of agreement at ``dps`` and ``2*dps``, time), sized to the line width;
- one section per pillar (variational calculus, HiPPO, S4, RTF, entropy) that has selected results,
  each with its figures and, per result: title, status badge, source, the statement (each part of a
  tuple on its own line, labelled by ``Result.parts``), the derivation steps and the evidence.

Formulas are laid out by :func:`proofs.app.displays.display`: besides the formula on one line, it offers TeX the same
formula broken into lines (an equation as ``lhs`` / ``= rhs``, a long sum at its top-level ``+`` and
``-``, a long fraction as ``(numerator)`` / ``/ (denominator)``, a wide matrix entry by entry), and
TeX (``\\cfdisplay`` in the preamble) measures each layout and takes the first that fits the line at
a scale of at least :data:`GOOD_SCALE`, else the first that fits at :data:`MIN_SCALE`; a formula is
never scaled below :data:`MIN_SCALE`.  Each display writes the scale it used to TeX's log as
``closedform-scale: KEY/WHAT SCALE``.  Only a formula still too long when broken
(:data:`OMIT_LINE` characters in one unbreakable piece, or :data:`OMIT_TOTAL` in all) is described
instead of shown, with a pointer to ``closedform show KEY``.

Only packages from a basic TeX installation are used (amsmath, amssymb, array, booktabs, longtable,
graphicx, xcolor, hyperref); nothing needs shell-escape.  Chinese post titles are set with CJKutf8
when it is installed and replaced by a marker otherwise, so the document compiles with
``texlive-latex-base`` + ``texlive-latex-recommended``.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from numerics.agree import fmt_digits
from proofs.core import TUPLE_SEP, Report, Result, latex_escape
from proofs.core.evidence import ConvergenceTable
from proofs.core.markup import latex_text
from proofs.core.markup import _ACCENTS, _BLACKBOARD, _GREEK, _SYMBOLS

from .displays import (
    _REL,
    GOOD_SCALE,
    MIN_SCALE,
    OMIT_LINE,
    OMIT_TOTAL,
    _split,
    _top_mask,
    break_lines,
    display,
    scales_in_log,
)

__all__ = ["GOOD_SCALE", "MIN_SCALE", "NO_TEX", "OMIT_LINE", "OMIT_TOTAL", "PILLARS", "FigureRef",
           "break_lines", "compile_pdf", "display", "document", "pillar_of", "scales_in_log", "tex_engine"]

#: Key prefix -> section title, in the order the report presents them.
def _pillar_titles() -> tuple[tuple[str, str], ...]:
    """(key prefix, title) of every pillar package, in listing order (each package states PREFIX and TITLE)."""
    import proofs

    out = []
    for name in proofs.PILLARS:
        package = getattr(proofs, name)
        prefix, title = getattr(package, "PREFIX", ""), getattr(package, "TITLE", "")
        if prefix and title:
            out.append((prefix, title))
    return tuple(out)


#: the report's sections: (key prefix, title), one per pillar, in listing order
PILLARS: tuple[tuple[str, str], ...] = _pillar_titles()


_BADGE_COLOURS = {"EXACT": "ForestGreen", "THEOREM": "RoyalBlue", "HEURISTIC": "BurntOrange", "EMPIRICAL": "Plum"}

_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{array,booktabs,longtable}
\usepackage{graphicx}
\usepackage[dvipsnames]{xcolor}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4em}
\setlength{\emergencystretch}{3em}
\tolerance=1000
% Chinese titles of the source posts: typeset with CJKutf8 when installed, else marked. The typeset
% form is defined outside \IfFileExists, whose branches cannot hold a macro parameter (#1) as written.
% Both are robust (headings write their text to auxiliary files); PDF bookmarks drop them.
\DeclareRobustCommand{\cjk}[1]{[\textit{title in Chinese}]}
\DeclareRobustCommand{\cjktypeset}[1]{\begin{CJK}{UTF8}{gbsn}#1\end{CJK}}
\IfFileExists{CJKutf8.sty}{\IfFileExists{c70gbsn.fd}{\usepackage{CJKutf8}\let\cjk\cjktypeset}{}}{}
\newcommand{\badge}[2]{\colorbox{#1}{\textcolor{white}{\sffamily\bfseries\footnotesize #2}}}
\newcommand{\smallbadge}[2]{{\setlength{\fboxsep}{2pt}%
  \colorbox{#1}{\textcolor{white}{\sffamily\bfseries\scriptsize #2}}}}
\newlength{\cftablewidth}
\makeatletter
\pdfstringdefDisableCommands{\let\cjk\@gobble\let\allowbreak\relax}
% A figure that stays where it is written (inside its pillar's section), with a numbered caption.
\newenvironment{cffigure}{\par\medskip\begin{minipage}{\linewidth}\centering\def\@captype{figure}}%
  {\end{minipage}\par\medskip}
% \cfdisplay takes a key and the layouts of one formula (\cflayout{...}\cflayout{...}), from one line
% to the most broken; \cfone{..} is a centred line, \cfl{..} a first line, \cfm{..} a continuation line.
% Each layout is measured; the first whose lines fit at a scale >= \cfgoodscale (per mille) is typeset,
% else the first that fits at >= \cfminscale, else the best one at \cfminscale (too wide: TeX reports
% the overfull box). The scale used goes to the log as "closedform-scale: KEY SCALE".
\def\cfminscale{MINSCALE}\def\cfgoodscale{GOODSCALE}
\def\cfindent{1em}\def\cfcontindent{3em}
\newdimen\cf@avail \newcount\cf@r \newcount\cf@t \newcount\cf@s \newcount\cf@best \newcount\cf@okr
\newif\ifcf@done \newif\ifcf@ok \newif\ifcf@first
\def\cf@fit#1#2{\setbox\z@\hbox{\def\arraystretch{1.3}$\displaystyle#2$}\cf@avail=\dimexpr#1\relax
  \ifdim\wd\z@>\cf@avail\cf@t=\numexpr\cf@avail*1000/\wd\z@-1\relax\ifnum\cf@t<\cf@r\cf@r=\cf@t\fi\fi}
\def\cf@measure#1{\cf@r=1000 \def\cfone##1{\cf@fit{\linewidth}{##1}}%
  \def\cfl##1{\cf@fit{\linewidth-\cfindent}{##1}}\def\cfm##1{\cf@fit{\linewidth-\cfcontindent}{##1}}#1}
\def\cf@permille#1{\ifnum#1<1000 0.\ifnum#1<100 0\fi\ifnum#1<10 0\fi\number#1\else 1.000\fi}
\def\cf@line#1#2{\ifcf@first\global\cf@firstfalse\else\vskip\jot\fi
  \hbox to\linewidth{\def\arraystretch{1.3}%
    #1\ifnum\cf@s<1000 \scalebox{\cf@sc}{$\displaystyle#2$}\else$\displaystyle#2$\fi\hfil}}
% \cf@put{needed scale}{layout}
\def\cf@put#1#2{\cf@s=#1\relax
  \ifnum\cf@s<\cfminscale\relax
    \typeout{closedform-scale: \cf@key\space\cf@permille{\cf@s}
      (below the minimum: set at \cf@permille{\cfminscale}, too wide)}%
    \cf@s=\cfminscale\relax
  \else\typeout{closedform-scale: \cf@key\space\cf@permille{\cf@s}}\fi
  \edef\cf@sc{\cf@permille{\cf@s}}\global\cf@firsttrue
  \def\cfone##1{\cf@line{\hfil}{##1}}\def\cfl##1{\cf@line{\hskip\cfindent}{##1}}%
  \def\cfm##1{\cf@line{\hskip\cfcontindent}{##1}}#2}
\newcommand\cflayout[1]{\ifcf@done\else\cf@measure{#1}%
  \ifnum\cf@r<\cfgoodscale\relax
    \ifnum\cf@r<\cfminscale\relax\else\ifcf@ok\else\cf@oktrue\cf@okr=\cf@r\def\cf@okbody{#1}\fi\fi
    \ifnum\cf@r>\cf@best\cf@best=\cf@r\def\cf@bestbody{#1}\fi
  \else\cf@donetrue\cf@put{\cf@r}{#1}\fi\fi}
\newcommand\cfdisplay[2]{\par\begingroup\cf@donefalse\cf@okfalse\cf@best=-1 \def\cf@key{#1}%
  \lineskip=3pt\lineskiplimit=3pt\nobreak\vskip 3pt plus 2pt
  #2\ifcf@done\else\ifcf@ok\cf@put{\cf@okr}{\cf@okbody}\else\cf@put{\cf@best}{\cf@bestbody}\fi\fi
  \vskip 3pt plus 2pt\endgroup\par}
\makeatother
""".replace("MINSCALE", str(round(MIN_SCALE * 1000))).replace("GOODSCALE", str(round(GOOD_SCALE * 1000)))

# CJK ideographs, CJK punctuation and full-width forms: pdfLaTeX cannot set them without CJKutf8
_CJK_CHARS = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# one run per title: CJK characters, with Latin letters/digits between them ("重温SSM（一）")
_CJK = re.compile(rf"[{_CJK_CHARS}]+(?:[A-Za-z0-9 ]*[{_CJK_CHARS}]+)*")


# --- text -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRef:
    """A figure for the report: a file (or the reason it was not made) and its caption."""

    pillar: str
    caption: str
    path: Path | None = None
    skipped: str = ""


def pillar_of(key: str) -> str:
    """The pillar prefix of a key (``HIPPO-LEG-6`` -> ``HIPPO``), or ``""`` for none of the pillars'."""
    head = key.split("-", 1)[0]
    return head if head in dict(PILLARS) else ""


_MATH_DOLLAR = re.compile(r"(?<!\\)\$")
_DIGITS = re.compile(r"\d{16,}")
_FIVES = re.compile(r"(\d{5})(?=\d)")


def _breakable(tex: str) -> str:
    """LaTeX text with break points after ``/``, ``_`` and a ``.`` inside a word (paths, URLs) and in long
    runs of digits, outside its ``$...$`` math."""
    pieces = _MATH_DOLLAR.split(tex)
    for k in range(0, len(pieces), 2):  # the even pieces are text, the odd ones inline math
        text = re.sub(r"(/|\\_)(?=\S)", r"\1\\allowbreak{}", pieces[k])
        text = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", r".\\allowbreak{}", text)
        # a long run of digits (a value to 30 places) may break after every fifth digit past the tenth
        pieces[k] = _DIGITS.sub(_digit_breaks, text)
    return "$".join(pieces)


def _digit_breaks(m: re.Match[str]) -> str:
    return m.group(0)[:10] + _FIVES.sub(r"\1\\allowbreak{}", m.group(0)[10:])


_UNGREEK = {v: k for k, v in _GREEK.items()}
_PDF_SYMBOLS = {"≤": "<=", "≥": ">=", "≠": "!=", "→": "->", "↦": "|->", "≈": "~", "∞": "inf", "∈": " in ",
                "∂": "d", "√": "sqrt", "Σ": "Sum", "∑": "Sum", "∫": "int", "‖": "||", "–": "-", "—": "-",
                "’": "'", "‘": "'", "“": '"', "”": '"'}


def _pdf_text(title: str) -> str:
    """A plain title for PDF bookmarks: ASCII and Latin-1 only (Greek letters spelled out, Chinese marked)."""
    text = _CJK.sub("[Chinese]", title)
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
        elif ch in _UNGREEK:
            out.append(_UNGREEK[ch])
        elif ch in _PDF_SYMBOLS:
            out.append(_PDF_SYMBOLS[ch])
        elif unicodedata.combining(ch):
            continue
        else:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return latex_escape("".join(out))


# Plain text may hold the characters proofs.core.markup.plain_text writes (Greek letters, math symbols, combining
# accents): pdfLaTeX's inputenc does not know them, so each is written as its math command, which works in
# text and in math alike.
_UNICODE_TEX = {ch: rf"\ensuremath{{\{name}}}" for table in (_SYMBOLS, _GREEK) for name, ch in table.items()
                if len(ch) == 1 and ord(ch) > 255 and name.isalpha()}
_UNICODE_TEX.update({ch: rf"\ensuremath{{\mathbb{{{letter}}}}}" for letter, ch in _BLACKBOARD.items()})
_UNICODE_TEX["‖"] = r"\ensuremath{\|}"
_UNICODE_TABLE = str.maketrans(_UNICODE_TEX)
_COMBINING = {ch: name for name, ch in _ACCENTS.items()
              if name in ("bar", "hat", "tilde", "dot", "ddot", "vec")}
_ACCENTED = re.compile(rf"(.)([{''.join(_COMBINING)}])")


def _unicode_tex(text: str) -> str:
    """``text`` with the Greek letters, math symbols and accented letters of plain text as LaTeX commands."""
    def accent(m: re.Match[str]) -> str:
        base = _UNICODE_TEX.get(m.group(1), m.group(1))
        base = base[len("\\ensuremath{"):-1] if base.startswith("\\ensuremath{") else base
        return rf"\ensuremath{{\{_COMBINING[m.group(2)]}{{{base}}}}}"

    return _ACCENTED.sub(accent, text).translate(_UNICODE_TABLE)


def _badge(status: str, macro: str = "badge") -> str:
    return rf"\{macro}{{{_BADGE_COLOURS.get(status, 'Gray')}}}{{{status}}}"


def _digits(rep: Report | None) -> tuple[str, str]:
    if rep is None or rep.digits is None:
        return "--", "--"
    return fmt_digits(rep.digits), fmt_digits(rep.digits_2x)


#: the evidence kinds as the summary table words them (its column is narrow)
_EVIDENCE_SHORT = {"independent route": "route", "mirror": "mirror", "quoted rounding": "rounding",
                   "identity at a point": "at a point", "convergence": "limit"}


def _scope_cell(rep: Report) -> str:
    if rep.symbolic == "failed":
        return "failed"
    return latex_escape(rep.scope.short.replace("representative", "repr."))


def _col(kind: str, fraction: float) -> str:
    """A p-column of ``fraction`` of the table's text width (the line less the column gaps)."""
    align = {"l": r"\raggedright", "r": r"\raggedleft"}[kind]
    return rf">{{{align}\arraybackslash}}p{{{fraction:.3f}\cftablewidth}}"


def _summary(results: Sequence[Result], reports: dict[str, Report]) -> str:
    dps = next(iter(reports.values())).dps if reports else None
    head = r"\textbf{Key} & \textbf{Status} & \textbf{Title}"
    if reports:
        # fractions of the text width; the title takes the rest
        certified = any(rep.certified is not None for rep in reports.values())
        widths = (("l", 0.150), ("l", 0.1), ("l", 0.0), ("l", 0.095), ("l", 0.09), ("r", 0.065), ("r", 0.065),
                  *((("r", 0.065),) if certified else ()), ("r", 0.05))
        head += (rf" & \textbf{{Proof}} & \textbf{{Evidence}} & \textbf{{Digits @{dps}}} & \textbf{{@{2 * dps}}}"
                 + (r" & \textbf{Cert.}" if certified else "") + r" & \textbf{Sec.}")
    else:
        widths = (("l", 0.17), ("l", 0.10), ("l", 0.0))
    title = 1 - sum(f for _, f in widths)
    cols = "@{}" + " ".join(_col(k, f or title) for k, f in widths) + "@{}"
    rows = []
    for r in results:
        row = (rf"\hyperref[res:{r.key}]{{{latex_escape(r.key)}}} & {_badge(r.status.value, 'smallbadge')} & "
               rf"{_breakable(r.latex_title)}")
        if reports:
            rep = reports.get(r.key)
            d1, d2 = _digits(rep)
            symbolic = "--" if rep is None else _scope_cell(rep)
            if rep is not None and not rep.passed:
                symbolic += r" \textbf{(FAILED)}"
            evidence = "--" if rep is None or rep.evidence is None else _EVIDENCE_SHORT[rep.evidence.value]
            seconds = "--" if rep is None else f"{rep.seconds:.2f}"
            cert = ""
            if certified:  # its own column, never merged with the measured digits
                value = None if rep is None else rep.certified
                cert = " & " + ("--" if value is None else "exact" if value == float("inf") else rf"$\geq${value:.1f}")
            row += rf" & {symbolic} & {evidence} & {d1} & {d2}{cert} & {seconds}"
        rows.append(row + r" \\")
    gaps = 2 * (len(widths) - 1)
    return (
        "\\begingroup\\footnotesize\\setlength{\\tabcolsep}{3pt}\n"
        rf"\setlength{{\cftablewidth}}{{\dimexpr\linewidth-{gaps}\tabcolsep\relax}}" + "\n"
        rf"\begin{{longtable}}{{{cols}}}" + "\n\\toprule\n" + head + r" \\" + "\n\\midrule\n\\endhead\n"
        + "\n".join(rows) + "\n\\bottomrule\n\\end{longtable}\n\\endgroup\n"
    )


def _evidence(rep: Report) -> str:
    parts = [rf"\textbf{{Verification}} at {rep.dps} digits. "]
    if rep.symbolic == "not-applicable":
        parts.append("Proof: none (no symbolic proof for this status). ")
    elif rep.symbolic != "failed":
        parts.append(rf"Proof: {latex_escape(str(rep.scope))}"
                     + (rf" ({rep.cases} cases)" if rep.cases > 1 else "") + ". ")
    if rep.digits is not None:
        parts.append(rf"Numeric check, {latex_escape(rep.numeric_text())}. ")
    if rep.certified is not None:
        figure = "exact" if rep.certified == float("inf") else rf"$\geq {rep.certified:.1f}$ digits"
        parts.append(rf"Certified in Arb ball arithmetic: {figure} (a rigorous bound, fixed examples). ")
    parts.append(rf"{rep.seconds:.2f}\,s. ")
    parts.append(r"\textcolor{ForestGreen}{\textbf{Passed.}}" if rep.passed
                 else rf"\textcolor{{red}}{{\textbf{{FAILED:}}}} {_breakable(latex_escape(rep.message))}")
    out = "".join(parts) + "\n"
    if rep.convergence is not None:
        out += _convergence(rep.convergence)
    return out


def _convergence(table: ConvergenceTable) -> str:
    """A limit claim's convergence table: n, the quantity, its distance to the claimed limit, the rate."""
    unit = "n" if table.scale == "n" else r"\ln n"
    rows = "\n".join(rf"{latex_escape(n)} & {_breakable(latex_escape(v))} & {e:.2f} & "
                     + ("" if r is None else f"{r:.2f}") + r" \\" for n, v, e, r in table.rows)
    verdict = "approaching" if table.passed else rf"\textbf{{not approaching}}: {latex_escape(table.reason)}"
    return "\n".join([
        r"\begin{center}\footnotesize",
        r"\begin{tabular}{@{}r>{\raggedright\arraybackslash}p{0.6\linewidth}rr@{}}", r"\toprule",
        rf"$n$ & {latex_text(table.quantity)} & $\log_{{10}}$ distance & rate \\",
        r"\midrule", rows, r"\bottomrule", r"\end{tabular}\\[2pt]",
        rf"claimed limit {_breakable(latex_escape(table.limit))}; fitted "
        rf"$|\text{{value}} - \text{{limit}}| \sim ({unit})^{{-{table.rate:.2f}}}$; {verdict}.\end{{center}}",
        "",
    ])


def _figure(fig: FigureRef) -> str:
    if fig.path is None:
        return rf"\emph{{Figure omitted ({_breakable(latex_escape(fig.caption))}): " \
               rf"{_breakable(latex_escape(fig.skipped))}.}}" + "\n"
    return (
        "\\begin{cffigure}\n"
        rf"\includegraphics[width=0.82\linewidth]{{{fig.path.as_posix()}}}" + "\n"
        rf"\caption{{{_breakable(latex_escape(fig.caption))}}}" + "\n\\end{cffigure}\n"
    )


def document(
    results: Iterable[Result],
    *,
    title: str = "closedform: derivations, verified",
    reports: Iterable[Report] = (),
    figures: Iterable[FigureRef] = (),
) -> str:
    """A standalone LaTeX document for ``results``, with their reports and figures if given.

    Only the pillars with a result in ``results`` get a section, and a figure is shown in its
    pillar's section (figures of pillars without a selected result are left out).
    """
    chosen = list(results)
    by_key = {rep.key: rep for rep in reports}
    figs = list(figures)
    passed = sum(rep.passed for rep in by_key.values())
    intro = (
        rf"This document lists {len(chosen)} result(s). Each was derived in SymPy from its definition and "
        r"compared exactly with its stated closed form, and each verdict says what the proof covered: general "
        r"parameters, every case up to a stated bound, named exact instances, or a representative instance of a "
        r"stated size. Each numeric check runs at the working precision and at twice it, at fixed and at drawn "
        r"points, and names its kind: an independent route (the quantity computed another way), a mirror (the "
        r"closed form's own arithmetic repeated, which checks transcription only), a quoted rounding (the "
        r"digits a source quotes), an identity at a point, or a convergence table for a limit. Digits are as "
        r"measured; ``exact'' means the two sides were identical."
    )
    if by_key:
        intro += rf" In this build {passed} of {len(by_key)} verified result(s) passed."
    certified = [rep for rep in by_key.values() if rep.certified is not None]
    if certified:
        intro += (rf" {len(certified)} result(s) were also certified in Arb ball arithmetic: the column Cert. is a "
                  r"rigorous lower bound on the digits of agreement of an Arb or exact route with the closed form at "
                  r"the fixed examples (``exact'' when both sides are exact rationals decided equal), shown beside "
                  r"the measured digits and never merged with them.")
    subject = ("Symbolic derivations (SymPy) of results from research posts, cross-checked numerically "
               "(mpmath)")
    parts = [
        _PREAMBLE,
        rf"\hypersetup{{pdftitle={{{_pdf_text(title)}}}, pdfauthor={{closedform}}, pdfsubject={{{subject}}}, "
        r"pdfkeywords={closedform, SymPy, mpmath, HiPPO, S4, state space models}}" + "\n",
        rf"\title{{{latex_escape(title)}}}" + "\n" + rf"\date{{{_dt.date.today().isoformat()}}}" + "\n",
        "\\begin{document}\n\\maketitle\n" + intro + "\n",
        r"\section*{Summary}" + "\n" + _summary(chosen, by_key),
    ]
    groups = [(p, name) for p, name in PILLARS] + [("", "Other results")]
    for prefix, name in groups:
        members = [r for r in chosen if pillar_of(r.key) == prefix]
        if not members:
            continue
        parts.append(rf"\section{{{latex_escape(name)}}}" + "\n")
        parts.extend(_figure(f) for f in figs if f.pillar == prefix)
        for r in members:
            parts.append(_result_section(r, by_key.get(r.key)))
    parts.append("\\end{document}\n")
    return _unicode_tex(_CJK.sub(lambda m: rf"\cjk{{{m.group(0)}}}", "\n".join(parts)))


def _tuple_pieces(tex: str) -> list[str]:
    """The parts of a tuple statement (joined by the core with ``TUPLE_SEP``), split at the top level only."""
    mask = _top_mask(tex)
    pieces, start, i = [], 0, tex.find(TUPLE_SEP)
    while i >= 0:
        if mask[i]:
            pieces.append(tex[start:i])
            start = i + len(TUPLE_SEP)
        i = tex.find(TUPLE_SEP, i + 1)
    pieces.append(tex[start:])
    return [p.strip() for p in pieces]


def _loose(tex: str) -> str:
    """``tex`` without spacing, braces and backslashes: two renderings of one name compare equal
    (``P_x`` and ``P_{x}``, ``\\det(I_3 + UV)`` and SymPy's ``det(I_{3 + U V)}``)."""
    tex = re.sub(r"\\(left|right|operatorname|mathrm|mathit|[,;:! ]|quad)(?![A-Za-z])", "", tex)
    tex = tex.replace(r"\top", "T").replace(r"\|", "||")
    return re.sub(r"[\s{}\\]", "", tex)


def _named(name: str, piece: str) -> str:
    """A tuple part with its name: ``name = piece``.  A part that is itself an equation whose left side
    is the name (typeset by SymPy from a symbol) is shown as ``name = right side``; any other equation as
    ``name: piece``."""
    sides = _split(piece, _REL)
    if len(sides) == 1:
        return f"{name} = {piece}"
    if len(sides) == 2 and _loose(sides[0][1]) == _loose(name):
        return f"{name} {sides[1][0]} {sides[1][1]}"
    return rf"{name}\colon\quad {piece}"


def _result_section(r: Result, rep: Report | None) -> str:
    parts = r.latex_parts()
    key = latex_escape(r.key)
    lines = [
        (rf"\subsection{{\texorpdfstring{{{key}: {_breakable(r.latex_title)}}}"
         rf"{{{key}: {_pdf_text(r.title)}}}}}\label{{res:{r.key}}}"),
        _badge(r.status.value) + rf" \quad\textbf{{Source:}} {_breakable(latex_escape(r.source))}.",
    ]
    # each part of a tuple statement on lines of its own, named when the result names its parts
    pieces = _tuple_pieces(parts.statement)
    names = r.parts if len(r.parts) == len(pieces) else ()
    for k, piece in enumerate(pieces):
        shown = _named(names[k], piece) if names else piece
        lines.append(display(shown, f"{r.key}/statement" + (f".{k + 1}" if len(pieces) > 1 else "")))
    if parts.bound_note:
        lines.append(parts.bound_note)
    if parts.steps:
        lines.append("Derivation" + (f" (shown for ${parts.case}$)" if parts.case else "") + ":")
        for s, (caption, tex) in enumerate(parts.steps, 1):
            lines.append(r"\par\smallskip " + _breakable(caption))
            step = _tuple_pieces(tex)
            for k, piece in enumerate(step):
                lines.append(display(piece, f"{r.key}/step{s}" + (f".{k + 1}" if len(step) > 1 else "")))
    if parts.notes:
        lines.append(rf"\textit{{Note.}} {_breakable(parts.notes)}")
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
