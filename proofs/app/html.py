"""The catalogue on the web: a static HTML edition of the results (``closedform html -o DIR``).

The site needs no server, no network and no JavaScript to read:

- ``index.html``: every selected result once, pillar by pillar (each pillar's figures as SVG above its table), with
  key, title, status badge, verdict, proof scope, evidence kind, digits and the certified figure; each row carries
  the result's key as its ``id``, so ``index.html#HIPPO-LEGS-1`` is a permalink too.  A small inline script adds a
  pillar and a status filter; without it every row is simply shown.
- ``KEY.html`` for every result: title, status, source (kexue.fm posts, arXiv papers and ``owner/repo#N`` threads
  linked), the statement, the derivation steps with their captions, the notes, and the evidence of verification
  (proof scope, evidence kind, digits at dps and 2*dps over fixed and drawn points, certified digits, a limit's
  convergence table, time).

Mathematics is MathML, generated here from SymPy's LaTeX by ``latex2mathml`` (browsers display MathML natively);
display formulas sit in a box that scrolls horizontally instead of widening the page.  A formula the converter
cannot read is shown as its LaTeX source, and counted (:attr:`Site.fallbacks`).
"""

from __future__ import annotations

import concurrent.futures
import html
import multiprocessing
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from numerics.agree import fmt_digits
from proofs.core import Report, Result
from proofs.core.latex import latex_of
from proofs.core.markup import split_math

from .report import FigureRef, PILLARS, pillar_of

__all__ = ["NO_MATHML", "Site", "build", "mathml", "linked_source"]

NO_MATHML = "the HTML catalogue needs latex2mathml (a dependency of closedform): python3 -m pip install -e ."

_CSS = """
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --bg: #ffffff; --panel: #f6f7f9; }
* { box-sizing: border-box; }
html { overflow-x: hidden; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; }
a { color: #1a56a8; }
h1 { font-size: 1.6rem; margin: 0.4rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
p, li, dd { overflow-wrap: anywhere; }
nav { font-size: 0.9rem; color: var(--muted); }
.badge { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; font-size: 0.8rem; font-weight: 600;
         color: #fff; vertical-align: middle; }
.EXACT { background: #1b7f3b; } .THEOREM { background: #2f5fb3; } .HEURISTIC { background: #b86100; }
.EMPIRICAL { background: #7a3f8f; }
.passed { color: #1b7f3b; font-weight: 600; } .failed { color: #b00020; font-weight: 600; }
.notverified { color: var(--muted); }
.math-display { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 0.35rem 0.5rem; margin: 0.4rem 0;
                background: var(--panel); border-radius: 0.3rem; }
.math-display math { font-size: 1.1em; }
pre.tex { overflow-x: auto; max-width: 100%; background: var(--panel); padding: 0.4rem; font-size: 0.85rem; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.3rem 0.45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
td.key { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
dl.evidence { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.2rem 1rem; }
dl.evidence dt { color: var(--muted); }
dl.evidence dd { margin: 0; }
figure { margin: 1rem 0; max-width: 100%; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { font-size: 0.9rem; color: var(--muted); }
.filters { margin: 0.6rem 0; display: flex; gap: 1rem; flex-wrap: wrap; }
tr[hidden] { display: none; }
"""

# filters added by script, so a reader without JavaScript sees no dead controls and every row
_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-pillar]"));
  var box = document.getElementById("filters");
  if (!box || !rows.length) { return; }
  function options(attr) {
    var seen = [];
    rows.forEach(function (r) { var v = r.getAttribute(attr); if (seen.indexOf(v) < 0) { seen.push(v); } });
    return seen;
  }
  function select(label, attr) {
    var l = document.createElement("label"); l.textContent = label + " ";
    var s = document.createElement("select"); s.setAttribute("data-attr", attr);
    var all = document.createElement("option"); all.value = ""; all.textContent = "all"; s.appendChild(all);
    options(attr).forEach(function (v) { var o = document.createElement("option"); o.value = v; o.textContent = v;
                                          s.appendChild(o); });
    s.addEventListener("change", apply); l.appendChild(s); box.appendChild(l); return s;
  }
  var pillar = select("Pillar", "data-pillar"), status = select("Status", "data-status");
  function apply() {
    rows.forEach(function (r) {
      var ok = (!pillar.value || r.getAttribute("data-pillar") === pillar.value) &&
               (!status.value || r.getAttribute("data-status") === status.value);
      r.hidden = !ok;
    });
  }
}());
"""


def _converter() -> Any:
    try:
        from latex2mathml.converter import convert
    except ImportError:
        raise ImportError(NO_MATHML) from None
    return convert


def mathml(tex: str, *, display: bool = False) -> str | None:
    """``tex`` as a MathML ``<math>`` element (``display="block"`` for a display formula), or ``None`` when the
    converter cannot read it."""
    convert = _converter()
    try:
        out = convert(tex, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any converter failure falls back to the LaTeX source
        return None
    return out if out.startswith("<math") else None


@dataclass
class Site:
    """What a build wrote: the pages, the figures, and how many formulas fell back to their LaTeX source."""

    directory: Path
    pages: list[Path] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)  # "KEY: statement" for each formula shown as LaTeX
    problems: list[str] = field(default_factory=list)  # "KEY: why" for each page whose mathematics failed to render

    def _math(self, tex: str, where: str, *, display: bool) -> str:
        out = mathml(tex, display=display)
        if out is None:
            self.fallbacks.append(where)
            return f'<pre class="tex">{html.escape(tex)}</pre>' if display else f"<code>{html.escape(tex)}</code>"
        return f'<div class="math-display">{out}</div>' if display else out

    def text(self, markup: str, where: str) -> str:
        """Text with inline ``$...$`` mathematics as HTML with inline MathML."""
        out = []
        for is_math, piece in split_math(markup):
            out.append(self._math(piece, where, display=False) if is_math else html.escape(piece))
        return "".join(out)


_KEXUE = re.compile(r"kexue\.fm/archives/(\d+)")
_ARXIV = re.compile(r"arXiv (\d{4}\.\d{4,5})")
_THREAD = re.compile(r"\b([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(\d+)\b")


def linked_source(source: str) -> str:
    """A result's source as HTML: kexue.fm posts, arXiv papers and GitHub threads (``owner/repo#N``) linked."""
    text = html.escape(source)
    text = _KEXUE.sub(lambda m: f'<a href="https://kexue.fm/archives/{m.group(1)}">{m.group(0)}</a>', text)
    text = _ARXIV.sub(lambda m: f'<a href="https://arxiv.org/abs/{m.group(1)}">{m.group(0)}</a>', text)
    return _THREAD.sub(lambda m: f'<a href="https://github.com/{m.group(1)}/issues/{m.group(2)}">{m.group(0)}</a>',
                       text)


def _page(title: str, body: str, *, script: bool = False) -> str:
    tail = f"<script>{_SCRIPT}</script>\n" if script else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n"
            "<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n"
            f"{body}\n{tail}</body>\n</html>\n")


def _badge(status: str) -> str:
    return f'<span class="badge {html.escape(status)}">{html.escape(status)}</span>'


def _verdict(rep: Report | None) -> str:
    if rep is None:
        return '<span class="notverified">not verified in this build</span>'
    return '<span class="passed">passed</span>' if rep.passed else '<span class="failed">FAILED</span>'


def _certified(rep: Report | None) -> str:
    if rep is None or rep.certified is None:
        return "-"
    return "exact" if rep.certified == float("inf") else f"&ge; {fmt_digits(rep.certified)}"


def _title(site: Site, r: Result) -> str:
    return site.text(r.title_tex, f"{r.key}: title") if r.title_tex else html.escape(r.title)


def _evidence(rep: Report | None, r: Result) -> str:
    if rep is None:
        scope = r.proof_scope()
        return ("<p>Not verified in this build (<code>closedform html</code> without <code>--no-verify</code> "
                f"verifies). Proof scope as registered: {html.escape(str(scope))}.</p>")
    rows = [("verdict", _verdict(rep)), ("symbolic", html.escape(rep.symbolic + (
        f" ({rep.cases} cases)" if rep.cases > 1 else ""))), ("proof scope", html.escape(str(rep.scope)))]
    if rep.numeric_text():
        rows.append(("numeric check", html.escape(rep.numeric_text())))
        rows.append((f"digits at dps {rep.dps}", html.escape(fmt_digits(rep.digits))))
        rows.append((f"digits at dps {2 * rep.dps}", html.escape(fmt_digits(rep.digits_2x))))
    if rep.certified is not None:
        rows.append(("certified (Arb)", f"{_certified(rep)} (a rigorous lower bound on the digits of agreement, "
                                        "at the fixed examples)"))
    elif rep.certified_reason:
        rows.append(("certified (Arb)", "not certified: " + html.escape(rep.certified_reason)))
    if rep.convergence is not None:
        lines = "\n".join(rep.convergence.lines())
        rows.append(("convergence", f"<pre class=\"tex\">{html.escape(lines)}</pre>"))
    rows.append(("time", f"{rep.seconds:.2f} s"))
    if rep.message:
        rows.append(("message", html.escape(rep.message)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="evidence">{body}</dl>'


def _result_page(site: Site, r: Result, rep: Report | None) -> str:
    try:
        return _result_page_unguarded(site, r, rep)
    except Exception as exc:  # noqa: BLE001 - one broken result (e.g. from a result package) must not stop the site
        site.problems.append(f"{r.key}: {type(exc).__name__}: {exc}")
        body = (f'<nav><a href="index.html">closedform catalogue</a></nav><h1 id="{html.escape(r.key)}">'
                f"{html.escape(r.key)} {_badge(r.status.value)}</h1><p>{html.escape(r.title)}</p>"
                f"<p><strong>Source:</strong> {linked_source(r.source)}</p>"
                f"<p>The statement could not be rendered: {html.escape(f'{type(exc).__name__}: {exc}')}</p>"
                f"<h2>Evidence</h2>{_evidence(rep, r)}")
        return _page(f"{r.key}: {r.title}", body)


def _result_page_unguarded(site: Site, r: Result, rep: Report | None) -> str:
    from proofs.core.latex import parts

    prefix = pillar_of(r.key)
    pillar = dict(PILLARS).get(prefix, "Other results")
    out = [f'<nav><a href="index.html">closedform catalogue</a> &rsaquo; '
           f'<a href="index.html#pillar-{html.escape(prefix or "other")}">{html.escape(pillar)}</a></nav>',
           f'<h1 id="{html.escape(r.key)}">{html.escape(r.key)} {_badge(r.status.value)}</h1>',
           f"<p>{_title(site, r)}</p>",
           f"<p><strong>Source:</strong> {linked_source(r.source)}</p>",
           "<h2>Statement</h2>"]
    statement = latex_of(r.general())
    where = parts(r).case if r.derive is not None else ""
    out.append(site._math(statement, f"{r.key}: statement", display=True))
    if r.derive is not None:
        steps = r.derivation(**r.display_case()).steps
        shown = f" (shown for {html.escape(where)})" if where else ""
        out.append(f"<h2>Derivation{shown}</h2>")
        if not steps:
            out.append("<p>The derivation is one computation; its value is the statement above.</p>")
        for i, step in enumerate(steps, 1):
            out.append(f"<h3>Step {i}. {site.text(step.caption, f'{r.key}: step {i} caption')}</h3>")
            out.append(site._math(latex_of(step.expr), f"{r.key}: step {i}", display=True))
    if r.notes:
        out.append("<h2>Notes</h2>")
        out.append(f"<p>{site.text(r.notes, f'{r.key}: notes')}</p>")
    out.append("<h2>Evidence</h2>")
    out.append(_evidence(rep, r))
    return _page(f"{r.key}: {r.title}", "\n".join(out))


def _index(site: Site, results: Sequence[Result], reports: dict[str, Report], figures: Sequence[FigureRef],
           title: str) -> str:
    verified = [reports[r.key] for r in results if r.key in reports]
    summary = f"{len(results)} result(s)"
    if verified:
        passed = sum(rep.passed for rep in verified)
        certified = sum(rep.certified is not None for rep in verified)
        summary += f"; {passed} of {len(verified)} verified result(s) passed"
        if certified:
            summary += f", {certified} certified in Arb ball arithmetic"
    out = [f"<h1>{html.escape(title)}</h1>",
           "<p>Results from research posts and papers, derived again in SymPy from first principles and cross-checked "
           "by an independent high-precision computation in mpmath. Each verdict says what the symbolic proof covered "
           "(general, every case up to a bound, named instances, a representative instance) and what the numeric "
           "check compared (an independent route, a mirror, a quoted rounding, an identity at a point, a convergence "
           f"table). {html.escape(summary)}.</p>",
           '<div class="filters" id="filters"></div>']
    groups = [(p, name) for p, name in PILLARS] + [("", "Other results")]
    for prefix, name in groups:
        members = [r for r in results if pillar_of(r.key) == prefix]
        if not members:
            continue
        anchor = prefix or "other"
        out.append(f'<h2 id="pillar-{html.escape(anchor)}">{html.escape(name)}</h2>')
        for fig in (f for f in figures if f.pillar == prefix):
            if fig.path is not None:
                out.append(f'<figure><img src="{html.escape(fig.path.as_posix())}" alt="{html.escape(fig.caption)}">'
                           f"<figcaption>{html.escape(fig.caption)}</figcaption></figure>")
            else:
                out.append(f"<p><em>Figure omitted ({html.escape(fig.caption)}): {html.escape(fig.skipped)}</em></p>")
        rows = ["<tr><th>Key</th><th>Title</th><th>Status</th><th>Verdict</th><th>Proof</th><th>Evidence</th>"
                f"<th>Digits</th><th>Cert.</th></tr>"]
        for r in members:
            rep = reports.get(r.key)
            scope = html.escape((rep.scope if rep is not None else r.proof_scope()).short)
            kind = r.numeric_evidence
            digits = "-" if rep is None or rep.digits is None else html.escape(fmt_digits(rep.digits))
            rows.append(f'<tr id="{html.escape(r.key)}" data-pillar="{html.escape(name)}" '
                        f'data-status="{r.status.value}"><td class="key"><a href="{html.escape(r.key)}.html">'
                        f"{html.escape(r.key)}</a></td><td>{_title(site, r)}</td><td>{_badge(r.status.value)}</td>"
                        f"<td>{_verdict(rep)}</td><td>{scope}</td>"
                        f"<td>{html.escape(kind.value if kind is not None else '-')}</td><td>{digits}</td>"
                        f"<td>{_certified(rep)}</td></tr>")
        out.append('<div class="table-wrap"><table>' + "\n".join(rows) + "</table></div>")
    return _page(title, "\n".join(out), script=True)


def _render_key(key: str, rep: Report | None) -> tuple[str, list[str], list[str]]:
    """A registered result's page in a worker process: (html, fallbacks, problems)."""
    from proofs import registry

    part = Site(Path("."))
    return _result_page(part, registry[key], rep), part.fallbacks, part.problems


def build(directory: Path | str, results: Iterable[Result], *, reports: Iterable[Report] = (),
          figures: Iterable[FigureRef] = (), title: str = "closedform: derivations, verified",
          jobs: int = 1) -> Site:
    """Write the catalogue of ``results`` into ``directory`` (created; pages it wrote before are replaced).

    ``reports`` are the verification reports to show as evidence (none: the pages say "not verified");
    ``figures`` are SVG figures already drawn into ``directory`` (see :func:`proofs.app.figures.make_figures`);
    ``jobs`` worker processes render the registered results' pages (a derivation can take seconds).
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    _converter()  # fail first, in one line, without latex2mathml
    site = Site(Path(directory))
    site.directory.mkdir(parents=True, exist_ok=True)
    chosen = list(results)
    by_key = {rep.key: rep for rep in reports}
    figs = list(figures)
    (site.directory / "style.css").write_text(_CSS.lstrip(), encoding="utf-8")
    pages = _pages(site, chosen, by_key, jobs)
    for r in chosen:
        path = site.directory / f"{r.key}.html"
        path.write_text(pages[r.key], encoding="utf-8")
        site.pages.append(path)
    index = site.directory / "index.html"
    index.write_text(_index(site, chosen, by_key, figs, title), encoding="utf-8")
    site.pages.insert(0, index)
    site.figures = [site.directory / f.path for f in figs if f.path is not None]
    return site


def _pages(site: Site, chosen: Sequence[Result], by_key: dict[str, Report], jobs: int) -> dict[str, str]:
    from proofs import registry

    registered = [r for r in chosen if r.key in registry and registry[r.key] is r]
    out: dict[str, str] = {}
    if jobs > 1 and len(registered) > 1:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(registered)), mp_context=context) as pool:
            futures = {r.key: pool.submit(_render_key, r.key, by_key.get(r.key)) for r in registered}
            for key, future in futures.items():
                page, fallbacks, problems = future.result()
                out[key] = page
                site.fallbacks += fallbacks
                site.problems += problems
    for r in chosen:
        if r.key not in out:
            out[r.key] = _result_page(site, r, by_key.get(r.key))
    return out


def clear(directory: Path) -> None:
    """Remove a previous catalogue's pages and figures from ``directory`` (only files this module writes)."""
    for path in directory.glob("*.html"):
        path.unlink()
    for name in ("style.css",):
        (directory / name).unlink(missing_ok=True)
    shutil.rmtree(directory / "figures", ignore_errors=True)
