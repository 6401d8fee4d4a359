"""The standalone LaTeX document of a selection of results.

:func:`document` writes one self-contained ``.tex`` file: a summary table at the
front (key, status, title) and one section per result with its statement, source,
status and derivation steps (from :meth:`proofs.core.Result.latex`).  Only
standard packages are used (amsmath, amssymb, booktabs, hyperref), and nothing
needs shell-escape.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .core import Report, Result, latex_escape

__all__ = ["document", "compile_pdf", "tex_engine"]

_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{booktabs,longtable}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
"""


def _summary(results: Sequence[Result], reports: dict[str, Report]) -> str:
    head = r"\textbf{Key} & \textbf{Status} & \textbf{Title}"
    if reports:
        head += r" & \textbf{Digits (dps, 2dps)}"
    rows = []
    for r in results:
        row = rf"\hyperref[res:{r.key}]{{{latex_escape(r.key)}}} & {r.status.value} & {latex_escape(r.title)}"
        if reports:
            rep = reports.get(r.key)
            if rep is None or rep.digits is None:
                row += r" & --"
            else:
                row += rf" & {rep.digits:.1f}, {rep.digits_2x:.1f}"
        rows.append(row + r" \\")
    cols = "llp{7cm}" + ("r" if reports else "")
    return (
        rf"\begin{{longtable}}{{{cols}}}" + "\n\\toprule\n" + head + r" \\" + "\n\\midrule\n"
        + "\n".join(rows) + "\n\\bottomrule\n\\end{longtable}\n"
    )


def document(
    results: Iterable[Result],
    *,
    title: str = "closedform: verified derivations",
    reports: Iterable[Report] = (),
) -> str:
    """A standalone LaTeX document for ``results`` (with their verification reports, if given)."""
    chosen = list(results)
    by_key = {rep.key: rep for rep in reports}
    parts = [
        _PREAMBLE,
        rf"\title{{{latex_escape(title)}}}" + "\n\\date{}\n\\begin{document}\n\\maketitle\n",
        r"\section*{Summary}" + "\n" + _summary(chosen, by_key),
    ]
    for r in chosen:
        parts.append(rf"\label{{res:{r.key}}}" + "\n" + r.latex())
    parts.append("\\end{document}\n")
    return "\n".join(parts)


def tex_engine() -> list[str] | None:
    """The command that turns a .tex file into a PDF here (latexmk, else pdflatex), or None."""
    if shutil.which("latexmk"):
        return ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error"]
    if shutil.which("pdflatex"):
        return ["pdflatex", "-interaction=nonstopmode", "-halt-on-error"]
    return None


def compile_pdf(tex_path: Path) -> Path:
    """Compile ``tex_path`` to a PDF beside it; ValueError when no engine is installed or TeX fails."""
    engine = tex_engine()
    if engine is None:
        raise ValueError(
            "no TeX engine found (latexmk or pdflatex); on Debian: "
            "apt-get install texlive-latex-base texlive-latex-recommended latexmk"
        )
    tex_path = tex_path.resolve()
    with tempfile.TemporaryDirectory() as build:
        runs = 1 if engine[0] == "latexmk" else 2  # pdflatex needs a second pass for references
        for _ in range(runs):
            proc = subprocess.run(
                [*engine, f"-output-directory={build}", str(tex_path)],
                capture_output=True, text=True, cwd=build, timeout=600,
            )
            if proc.returncode != 0:
                tail = [ln for ln in proc.stdout.splitlines() if ln.startswith("!")][:3]
                raise ValueError(f"TeX failed on {tex_path.name}: {' '.join(tail) or 'see the .log file'}")
        pdf = tex_path.with_suffix(".pdf")
        shutil.copy(Path(build) / (tex_path.stem + ".pdf"), pdf)
    return pdf
