"""The ``closedform`` command line.

::

    closedform --version
    closedform list   [PREFIX ...] [--json | --markdown]
    closedform show   KEY [--latex]
    closedform verify [KEY|PREFIX ...] [--dps N] [--bound N] [--jobs N] [--json] [-q]
    closedform latex  [KEY|PREFIX ...] -o FILE [--pdf] [--no-verify] [--no-figures] [--dps N] [-q]
    closedform html   [KEY|PREFIX ...] -o DIR [--no-verify] [--no-figures] [--certify] [--dps N] [-q]
    closedform check  LHS [RHS] | --latex TEXT | --chain FILE  [--var NAME:KIND:RANGE ...] [--dps N] [--json]

Keys are matched exactly or by case-insensitive prefix (``hippo``, ``HIPPO-LEG``).
Errors (unknown keys, bad options, out-of-range values, unparsable claims) print one line on
stderr and exit with status 2; ``verify`` exits 0 only when every check passed, ``check`` 0 when
the claim holds and 1 when it is refuted (see :mod:`proofs.app.check`).

Terminal output is plain text: titles, captions and notes are written with inline
LaTeX (``$...$``, see :mod:`proofs.core.markup`) and printed through
:func:`proofs.core.markup.plain_text`; formulas go through SymPy's pretty printer.
Tables fit the terminal's width (``COLUMNS``, else the terminal, else 100).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from numerics.agree import DEFAULT_DPS, MAX_DPS, MIN_DPS, check_dps, fmt_digits

from proofs.core import Report, Result, Status, registry
from proofs.core.markup import plain_text
from proofs.core.params import DEFAULT_DRAWS
from .runner import default_jobs, verify_all

__all__ = ["main"]


class UsageError(Exception):
    """A user mistake: reported in one line, exit status 2."""

    def __init__(self, message: str, prog: str = "closedform") -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')", self.prog)


def _select(patterns: Sequence[str]) -> list[Result]:
    try:
        return registry.select(patterns)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("closedform")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


# --- plain text for the terminal ------------------------------------------------------


def _columns() -> int:
    """The terminal's width: ``COLUMNS``, else the terminal of stdout, else 100."""
    return max(20, shutil.get_terminal_size((100, 24)).columns)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0  # a combining accent (the bar of Ā) takes no column of its own
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1  # CJK takes two columns


def _width(text: str) -> int:
    """The columns ``text`` takes on a terminal."""
    return sum(_char_width(ch) for ch in text)


def _clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in "..." when cut."""
    if _width(text) <= width:
        return text
    if width <= 3:
        return "..."[:max(width, 0)]
    kept, used = [], 0
    for ch in text:
        used += _char_width(ch)
        if used > width - 3:
            break
        kept.append(ch)
    return "".join(kept).rstrip(" .") + "..."


def _plain(text: str) -> str:
    """Text with inline math ``$...$`` as terminal text (as written, if its markup is broken)."""
    try:
        return plain_text(text)
    except ValueError:
        return text


def _title(result: Result) -> str:
    return _plain(result.title_tex) if result.title_tex else _plain(result.title)


def _table(rows: list[list[str]], out: TextIO) -> None:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for j, row in enumerate(rows):
        out.write("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() + "\n")
        if j == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


_MIN_TEXT = 10  # the narrowest TITLE or SOURCE column: below it the table overflows rather than say nothing


def _split_width(room: int, title: int, source: int) -> tuple[int, int]:
    """Widths of the TITLE and SOURCE columns sharing ``room`` columns; each needs the given width."""
    if title + source <= room:
        return title, source
    room = max(room, 2 * _MIN_TEXT)
    half = room // 2
    if title <= room - half:  # the short one keeps its width, the other takes the rest
        return title, room - title
    if source <= half:
        return room - source, source
    return room - half, half


# --- list ---------------------------------------------------------------------------------


def _evidence_of(result: Result) -> str | None:
    """The evidence kind of ``result``'s numeric check (None without one)."""
    kind = result.numeric_evidence
    return None if kind is None else kind.value


def markdown_table(results: Sequence[Result]) -> str:
    """The Markdown results table (``list --markdown``; the README's table): key, status, proof scope, numeric
    evidence, title, source."""
    lines = ["| key | status | proof | numeric evidence | title | source |", "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        cells = (r.key, r.status.value, str(r.proof_scope()), _evidence_of(r) or "-", r.title, r.source)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def cmd_list(args: argparse.Namespace) -> int:
    results = _select(args.patterns)
    if args.json:
        print(json.dumps([{"key": r.key, "title": r.title, "status": r.status.value, "source": r.source,
                           "scope": r.proof_scope().as_dict(), "evidence": _evidence_of(r)}
                          for r in results], ensure_ascii=False, indent=1))
        return 0
    if args.markdown:
        sys.stdout.write(markdown_table(results))
        return 0
    head = ["KEY", "STATUS", "TITLE", "SOURCE"]
    body = [[r.key, r.status.value, " ".join(_title(r).split()), " ".join(r.source.split())] for r in results]
    need = [max(_width(row[i]) for row in [head, *body]) for i in range(4)]
    title_w, source_w = _split_width(_columns() - need[0] - need[1] - 3 * 2, need[2], need[3])
    rows = [head] + [[key, status, _clip(title, title_w), _clip(source, source_w)]
                     for key, status, title, source in body]
    _table(rows, sys.stdout)
    print(f"\n{len(results)} result(s)")
    return 0


# --- show ---------------------------------------------------------------------------------


def _resolve_one(key: str) -> Result:
    if key in registry:
        return registry[key]
    matches = _select([key])
    if len(matches) > 1:
        raise UsageError(f"{key!r} matches {len(matches)} results ({', '.join(r.key for r in matches[:6])}"
                         f"{', ...' if len(matches) > 6 else ''}); give one key")
    return matches[0]


_NUMERIC_ONLY = {
    Status.EXACT: "checked numerically only",
    Status.THEOREM: "exercised numerically",
    Status.HEURISTIC: "an approximation, checked numerically",
    Status.EMPIRICAL: "an observation, checked numerically",
}


def _proof_scope(result: Result) -> str:
    """The scope of ``result``'s symbolic proof, in words."""
    if result.derive is None:
        return f"no symbolic proof ({result.status.value}: {_NUMERIC_ONLY[result.status]})"
    scope = result.proof_scope()
    if scope.kind.value == "general":
        return "general (derivation and statement agree exactly, for symbolic parameters)"
    if scope.kind.value == "range" and result.bound is not None:
        return f"proved exactly for every {scope.detail} (no general-{result.bound.name} proof)"
    return f"proved for {scope} (not a general proof)"


def _numeric_kind(result: Result) -> str:
    """The kind of ``result``'s numeric check, in words ("" without one)."""
    if result.numeric_evidence is None:
        return ""
    text = str(result.numeric_evidence)
    if result.quoted is not None:
        text += f" (the source quotes {result.quoted} decimal(s))" if isinstance(result.quoted, int) \
            else f" (the source quotes {', '.join(map(str, result.quoted))} decimals)"
    return text


def _certified_line(result: Result, dps: int) -> str:
    """The certified figure of ``result`` at its fixed examples, or why there is none."""
    from proofs.core.certify import NO_FLINT, available, certify

    if not available():
        return "not computed here (" + NO_FLINT + ")"
    cert = certify(result, dps)
    if cert.digits is None:
        return f"not certified: {cert.reason}"
    if cert.text() == "exact":
        return "exact (both sides exact rationals, decided equal at every fixed example)"
    return f"{cert.text()} digits at dps {dps} (a rigorous lower bound, worst fixed example)"


def _free_names(obj: Any) -> set[str]:
    if isinstance(obj, (tuple, list)):
        return set().union(*(_free_names(o) for o in obj))
    return {str(s) for s in getattr(obj, "free_symbols", ())}


def _case_text(case: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in case.items())


def _statement_case(result: Result, general: Any) -> str:
    """The case the statement is shown at ("" when it is shown in general form)."""
    if result.bound is None or isinstance(general, str) or result.bound.name in _free_names(general):
        return ""
    # Result.general() falls back to the display case when the statement cannot take a symbol (as
    # here: the symbol is not in it); a statement that takes one and does not depend on it is general.
    import sympy

    try:
        name = result.bound.name
        result.statement(**{name: sympy.Symbol(name, integer=True, nonnegative=True)})
    except (TypeError, ValueError, sympy.PolynomialError):  # those Result._build_general falls back on
        return _case_text(result.display_case())
    return ""


def _pretty(obj: Any, indent: str, columns: int) -> list[str]:
    if isinstance(obj, str):
        text = obj
    else:
        import sympy

        text = sympy.pretty(obj, use_unicode=True, num_columns=max(40, columns - len(indent)))
    return [(indent + line).rstrip() for line in text.split("\n")]


def _labelled(obj: Any, names: Sequence[str], indent: str, columns: int) -> list[str]:
    """``obj`` pretty-printed; a tuple as one block per part, each under its name (``A =``)."""
    import sympy

    if not isinstance(obj, (tuple, sympy.Tuple)):
        return _pretty(obj, indent, columns)
    labels = ([_plain(f"${name}$") for name in names] if len(names) == len(obj)
              else [f"part {i}" for i in range(1, len(obj) + 1)])
    lines: list[str] = []
    for label, part in zip(labels, obj):
        lines.append(f"{indent}{label} =")
        lines += _pretty(part, indent + "  ", columns)
    return lines


def _wrap(text: str, columns: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` filled to the terminal's width, broken between words only (formulas stay whole)."""
    return textwrap.wrap(" ".join(text.split()), max(40, columns), initial_indent=first,
                         subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)


def cmd_show(args: argparse.Namespace) -> int:
    result = _resolve_one(args.key)
    if args.latex:
        sys.stdout.write(result.latex())
        return 0
    columns = _columns()
    out = [f"{result.key}: {_title(result)}", f"status: {result.status.value}", f"source: {result.source}",
           f"proof: {_proof_scope(result)}"]
    if _numeric_kind(result):
        out.append(f"numeric check: {_numeric_kind(result)}")
    out.append(f"certified (Arb): {_certified_line(result, args.dps)}")
    out.append("")
    general = result.general()
    where = _statement_case(result, general)
    out.append(f"statement (shown for {where}):" if where else "statement:")
    out += _labelled(general, result.parts, "", columns) + [""]
    if result.derive is not None:
        case = result.display_case()
        steps = result.derivation(**case).steps
        if steps:
            out.append(f"derivation (shown for {_case_text(case)}):" if case else "derivation:")
            for i, step in enumerate(steps, 1):
                label = f"  {i}. "
                out += _wrap(_plain(step.caption), columns, label, " " * len(label)) or [label.rstrip()]
                out += _labelled(step.expr, result.parts, "     ", columns)
            out.append("")
    if result.notes:
        out += ["notes:", *_wrap(_plain(result.notes), columns), ""]
    if result.convergence is not None:
        table = result.convergence_table(args.dps)
        at = _case_text(dict(result.examples[0]))
        out += [f"convergence of {_plain(table.quantity)}" + (f" (at {at}):" if at else ":"),
                *("  " + line for line in table.lines()), ""]
    print("\n".join(out).rstrip("\n"))
    return 0


# --- progress -----------------------------------------------------------------------------


def _stream_columns(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):  # not a real terminal (or no fileno at all)
        columns = 0
    return columns if columns > 0 else _columns()  # a pseudo-terminal may report 0 columns


def _progress(i: int, n: int, text: str, stream: TextIO | None = None) -> None:
    """Progress ``i`` of ``n`` on ``stream`` (default stderr).

    On a terminal one line is rewritten in place and ended by a newline when ``i == n``;
    elsewhere (a log, a pipe) every call writes a line of its own.
    """
    stream = sys.stderr if stream is None else stream
    line = f"[{i}/{n}] {text}"
    if stream.isatty():
        # cut to the width: a line that wraps can no longer be rewritten in place
        stream.write("\r\033[K" + _clip(line, _stream_columns(stream) - 1) + ("\n" if i == n else ""))
    else:
        stream.write(line + "\n")
    stream.flush()


def _report_progress(i: int, n: int, rep: Report) -> None:
    _progress(i, n, f"{rep.key} {'ok' if rep.passed else 'FAILED'} ({rep.seconds:.2f} s)")


def _progress_for(args: argparse.Namespace, total: int) -> Any:
    """The progress callback of ``verify_all`` (None with ``--quiet``)."""
    if args.quiet:
        return None
    if sys.stderr.isatty() and total:
        _progress(0, total, f"verifying {total} result(s) with {min(args.jobs, total)} worker(s)...")
    return _report_progress


# --- verify -------------------------------------------------------------------------------


def _fmt(d: float | None) -> str:
    return fmt_digits(d)


_EVIDENCE_SHORT = {"independent route": "route", "mirror": "mirror", "quoted rounding": "rounding",
                   "identity at a point": "point", "convergence": "convergence"}


def _check_bound(results: Sequence[Result], bound: int | None) -> None:
    """``--bound`` must apply to a selected result and be in range for each: checked before any work."""
    if bound is None:
        return
    bounded = [r for r in results if r.bound is not None and r.derive is not None]
    if not bounded:
        raise UsageError("--bound applies to results proved for every n up to a bound; "
                         "none of the selected results is")
    low = [r for r in bounded if r.bound is not None and bound < r.bound.start]
    if low:
        worst = max(low, key=lambda r: r.bound.start if r.bound is not None else 0)
        b = worst.bound
        assert b is not None
        span = f"{b.name} = {b.start}..{b.stop}"
        which = (f"{worst.key}'s bound ({span})" if len(low) == 1
                 else f"the bound of {len(low)} selected results (e.g. {worst.key}: {span})")
        raise UsageError(f"argument --bound: {bound} is below the start of {which}; give at least {b.start}")
    for r in bounded:
        try:
            r.cases(bound)
        except ValueError as exc:
            raise UsageError(f"argument --bound: {exc}") from None


def _certified_summary(reports: Sequence[Report]) -> None:
    """After ``verify --certify``: the share certified, the least certified digits, the certified checks'
    time beside the measured checks' time on the same results, and every result not certified, by reason."""
    done = [r for r in reports if r.certified is not None]
    print(f"\ncertified: {len(done)} of {len(reports)} (CERTIFIED is a rigorous lower bound on the digits, "
          "from Arb ball arithmetic; '-': not certified, reasons below)")
    if done:
        finite = [r.certified for r in done if r.certified is not None and r.certified != float("inf")]
        exact = len(done) - len(finite)
        print(f"  least certified digits {min(finite):.1f}; exact: {exact} of {len(done)}" if finite
              else f"  all {len(done)} exact")
        arb = sum(r.certified_seconds for r in done)
        measured = sum(r.numeric_seconds for r in done)
        print(f"  time on these {len(done)}: certified checks {arb:.1f} s, measured checks {measured:.1f} s "
              f"(all measured checks: {sum(r.numeric_seconds for r in reports):.1f} s)")
    by_reason: dict[str, list[str]] = {}
    for r in reports:
        if r.certified is None:
            by_reason.setdefault(r.certified_reason or "no Arb route", []).append(r.key)
    if by_reason:
        print(f"not certified ({len(reports) - len(done)}):")
        for reason, keys in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {reason}: {', '.join(keys)}")


def cmd_verify(args: argparse.Namespace) -> int:
    results = _select(args.patterns)
    _check_bound(results, args.bound)
    if args.certify:
        from proofs.core.certify import NO_FLINT, available

        if not available():  # before any work
            raise UsageError(NO_FLINT)
    start = time.perf_counter()
    reports = verify_all(results, dps=args.dps, bound=args.bound, jobs=args.jobs, draws=args.draws,
                         certify=args.certify, progress=_progress_for(args, len(results)))
    passed = sum(r.passed for r in reports)
    failed = len(reports) - passed
    if args.json:
        print(json.dumps({"passed": passed, "failed": failed, "dps": args.dps, "draws": args.draws,
                          "results": [r.as_dict() for r in reports]},
                         ensure_ascii=False, indent=1))
    else:
        rows = [["KEY", "STATUS", "SYMBOLIC", "SCOPE", "EVIDENCE", f"DIGITS@{args.dps}", f"DIGITS@{2 * args.dps}",
                 "POINTS", *(["CERTIFIED"] if args.certify else []), "SECONDS", "RESULT"]]
        for r in reports:
            evidence = "-" if r.evidence is None else _EVIDENCE_SHORT[r.evidence.value]
            if r.quoted:  # the claim is the quoted decimals; the digits beside it are as measured
                evidence += ":" + "/".join(str(q) for q in sorted(set(r.quoted))) + "dp"
            d1, d2 = _fmt(r.digits), _fmt(r.digits_2x)
            points = f"{r.examples}+{r.drawn}" if r.digits is not None else "-"
            certified = [(">=" + _fmt(r.certified)) if r.certified is not None and r.certified != float("inf")
                         else _fmt(r.certified)] if args.certify else []
            rows.append([r.key, r.status.value, r.symbolic, r.scope.short, evidence, d1, d2, points, *certified,
                         f"{r.seconds:.2f}", "passed" if r.passed else "FAILED"])
        _table(rows, sys.stdout)
        for r in reports:
            if not r.passed:
                print(f"\n{r.key}: {r.message}")
        if args.certify:
            _certified_summary(reports)
        print(f"\n{passed} passed, {failed} failed in {time.perf_counter() - start:.1f} s")
    return 0 if failed == 0 else 1


# --- latex --------------------------------------------------------------------------------


def cmd_latex(args: argparse.Namespace) -> int:
    from .report import NO_TEX, compile_pdf, document, pillar_of, tex_engine

    results = _select(args.patterns)
    out = Path(args.output)
    if out.suffix != ".tex":
        raise UsageError(f"output file must end in .tex, got {args.output!r}")
    if not out.parent.exists():
        raise UsageError(f"output directory {str(out.parent)!r} does not exist")
    if args.pdf and tex_engine() is None:
        # before any work: verifying first would print progress and then fail anyway
        raise UsageError(NO_TEX)
    if args.certify:
        from proofs.core.certify import NO_FLINT, available

        if not args.verify:
            raise UsageError("--certify needs the verification (drop --no-verify)")
        if not available():  # before any work
            raise UsageError(NO_FLINT)
    reports: list[Report] = []
    if args.verify:
        reports = verify_all(results, dps=args.dps, jobs=args.jobs, certify=args.certify,
                             progress=_progress_for(args, len(results)))
    figures = []
    if args.figures:
        from .figures import make_figures

        figures = make_figures(out.parent / f"{out.stem}-figures", relative_to=out.parent,
                               pillars={pillar_of(r.key) for r in results})
        for fig in figures:
            if fig.path is None:  # a warning, printed even with --quiet
                print(f"figure skipped: {fig.caption}: {fig.skipped}", file=sys.stderr)
    out.write_text(document(results, reports=reports, figures=figures), encoding="utf-8")
    drawn = sum(f.path is not None for f in figures)
    print(f"wrote {out} ({len(results)} result(s), {drawn} figure(s))")
    if args.pdf:
        try:
            pdf = compile_pdf(out)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        print(f"wrote {pdf}")
    return 0


def cmd_html(args: argparse.Namespace) -> int:
    from .html import NO_MATHML, build, clear
    from .report import pillar_of

    results = _select(args.patterns)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o must name a directory, and {args.output!r} is a file")
    if not out.parent.exists():
        raise UsageError(f"the parent directory {str(out.parent)!r} of the catalogue does not exist")
    try:
        import latex2mathml  # noqa: F401
    except ImportError:
        raise UsageError(NO_MATHML) from None
    if args.certify:
        from proofs.core.certify import NO_FLINT, available

        if not args.verify:
            raise UsageError("--certify needs the verification (drop --no-verify)")
        if not available():
            raise UsageError(NO_FLINT)
    start = time.perf_counter()
    reports: list[Report] = []
    if args.verify:
        reports = verify_all(results, dps=args.dps, jobs=args.jobs, certify=args.certify,
                             progress=_progress_for(args, len(results)))
    out.mkdir(exist_ok=True)
    clear(out)
    figures = []
    if args.figures:
        from .figures import make_figures

        figures = make_figures(out / "figures", relative_to=out, pillars={pillar_of(r.key) for r in results},
                               fmt="svg")
        for fig in figures:
            if fig.path is None:
                print(f"figure skipped: {fig.caption}: {fig.skipped}", file=sys.stderr)
    site = build(out, results, reports=reports, figures=figures, jobs=args.jobs)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out / 'index.html'} ({len(results)} result page(s), {len(site.figures)} figure(s), "
          f"{size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")
    for problem in site.problems:
        print(f"page without mathematics: {problem}", file=sys.stderr)
    if site.fallbacks:
        print(f"{len(site.fallbacks)} formula(s) shown as LaTeX source (MathML conversion failed): "
              + ", ".join(site.fallbacks[:5]) + (", ..." if len(site.fallbacks) > 5 else ""), file=sys.stderr)
    return 0


# --- the parser ---------------------------------------------------------------------------


def _dps(text: str) -> int:
    try:
        return check_dps(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an integer between {MIN_DPS} and {MAX_DPS}, got {text!r}") from None


def _int_between(low: int, high: int) -> Any:
    """An argparse type: an integer in ``low..high``, else one line saying what is allowed."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be an integer between {low} and {high}, got {text!r}")
        return value

    return parse


_jobs, _bound, _draws = _int_between(1, 256), _int_between(0, 512), _int_between(0, 50)


def cmd_check(args: argparse.Namespace) -> int:
    import sympy

    from .check import CheckError, check, check_chain

    given = sum(x is not None for x in (args.latex, args.chain)) + bool(args.sides)
    if given != 1:
        raise UsageError("give the claim as LHS [RHS], or --latex TEXT, or --chain FILE (exactly one)")
    if len(args.sides) > 2:
        raise UsageError("give at most two sides (LHS RHS), or one string holding the relation (quote it)")
    try:
        if args.chain is not None:
            try:
                text = Path(args.chain).read_text(encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot read the chain file {args.chain}: {exc.strerror or exc}") from None
            chain = check_chain(text, args.var, dps=args.dps, draws=args.draws)
            if args.json:
                print(json.dumps(chain.as_dict(), ensure_ascii=False, indent=1))
            else:
                print("\n".join(chain.lines()))
                print(f"\n{len(chain.links)} link(s) checked in {chain.seconds:.1f} s")
            return chain.exit_code
        if args.latex is not None:
            report = check(args.latex, None, args.var, latex=True, dps=args.dps, draws=args.draws)
        else:
            report = check(args.sides[0], args.sides[1] if len(args.sides) > 1 else None, args.var,
                           dps=args.dps, draws=args.draws)
    except CheckError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return report.exit_code
    print("read as:")
    print("\n".join(_pretty(report.claim, "  ", _columns())))
    print(f"  LaTeX: {sympy.latex(report.claim)}")
    print("\n".join(report.lines()))
    print(f"\nchecked in {report.seconds:.1f} s")
    return report.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="closedform", description="Symbolic derivations, verified: list, show, verify and "
                     "export the registered results.")
    parser.add_argument("--version", action="version", version=f"closedform {_version()}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("list", help="list the registered results",
                       description="List results: key, status, title, source, in a table as wide as the "
                       "terminal (long titles and sources are cut, ending in '...').")
    p.add_argument("patterns", nargs="*", metavar="PREFIX", help="keys or case-insensitive key prefixes")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    fmt.add_argument("--markdown", action="store_true", help="print a Markdown table (as in the README)")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("show", help="show one result",
                       description="Show a result: title, status, source, the scope of its symbolic proof, "
                       "its statement and derivation steps (pretty-printed), and its notes.")
    p.add_argument("key", metavar="KEY", help="a key, or a prefix matching exactly one result")
    p.add_argument("--latex", action="store_true", help="print the result as a LaTeX fragment instead")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help="precision of a limit claim's convergence table")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("verify", help="prove and cross-check results",
                       description="Run the symbolic proof and the numeric cross-check (at dps and 2*dps) of "
                       "each selected result. Exit status 0 only if every one passed.")
    p.add_argument("patterns", nargs="*", metavar="KEY|PREFIX", help="keys or prefixes (default: all)")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help=f"working precision in decimal digits "
                   f"({MIN_DPS}..{MAX_DPS}, default {DEFAULT_DPS}); checks also run at twice this")
    p.add_argument("--bound", type=_bound, default=None,
                   help="override the n-bound of proofs done for every n up to a bound (0..512, at least "
                   "the start of each selected result's bound)")
    p.add_argument("--jobs", type=_jobs, default=default_jobs(),
                   help=f"worker processes (default: the CPUs available, here {default_jobs()})")
    p.add_argument("--draws", type=_draws, default=DEFAULT_DRAWS,
                   help=f"points drawn from each result's strategy besides its fixed examples (0..50, default "
                        f"{DEFAULT_DRAWS}; a fixed seed, so every run checks the same points)")
    p.add_argument("--certify", action="store_true",
                   help="also certify, with Arb ball arithmetic, the results that have an Arb route: a rigorous "
                        "lower bound on the digits (needs the extra: pip install -e '.[certify]')")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser("latex", help="write results as a LaTeX document",
                       description="Write a standalone .tex document of the selected results.")
    p.add_argument("patterns", nargs="*", metavar="KEY|PREFIX", help="keys or prefixes (default: all)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .tex file to write")
    p.add_argument("--pdf", action="store_true", help="also compile a PDF (needs latexmk or pdflatex)")
    p.add_argument("--no-verify", dest="verify", action="store_false",
                   help="do not verify the results (the document then has no evidence)")
    p.add_argument("--no-figures", dest="figures", action="store_false", help="do not draw figures")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help="precision of the verification")
    p.add_argument("--certify", action="store_true",
                   help="also certify in Arb (as verify --certify); the report shows certified digits beside the "
                        "measured ones")
    p.add_argument("--jobs", type=_jobs, default=default_jobs(), help="worker processes for the verification")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress on stderr (skipped figures are still reported)")
    p.set_defaults(run=cmd_latex)

    p = sub.add_parser("html", help="write the results as a static HTML catalogue",
                       description="Write a static web catalogue into DIR: index.html (every result, by pillar, "
                       "with its verdict) and KEY.html for every result (statement, derivation, notes, evidence), "
                       "mathematics as MathML, figures as SVG; no server, network or JavaScript needed to read it.")
    p.add_argument("patterns", nargs="*", metavar="KEY|PREFIX", help="keys or prefixes (default: all)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the directory to write (created)")
    p.add_argument("--no-verify", dest="verify", action="store_false",
                   help="do not verify the results (the pages then say 'not verified')")
    p.add_argument("--no-figures", dest="figures", action="store_false", help="do not draw figures")
    p.add_argument("--certify", action="store_true", help="also certify in Arb (as verify --certify)")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help="precision of the verification")
    p.add_argument("--jobs", type=_jobs, default=default_jobs(), help="worker processes for the verification")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_html)

    p = sub.add_parser("check", help="check your own identity, inequality or derivation chain",
                       description="Check a claim: a symbolic proof where SymPy finds one (general, or for every "
                       "integer of a finite range), a numeric check at the domains' edges and at drawn exact points "
                       "(dps and 2*dps), and the first counterexample when it fails. Exit 0 holds, 1 refuted, "
                       "2 usage error or unparsable input.",
                       epilog="examples:  closedform check \"Sum(k, (k, 0, n))\" \"n*(n+1)/2\" --var n:int:0..64;  "
                       "closedform check --latex \"\\sum_{k=0}^{n} \\binom{n}{k} = 2^n\" --var n:int:0..40;  "
                       "closedform check --chain examples/chains/zoh_integral.chain")
    p.add_argument("sides", nargs="*", metavar="LHS [RHS]",
                   help="the two sides in SymPy syntax, or one string with its relation (=, <=, <, >=, >)")
    p.add_argument("--latex", metavar="TEXT", help="the claim in LaTeX, relation included")
    p.add_argument("--chain", metavar="FILE", help="a derivation chain file: one expression per line "
                   "(see examples/chains/)")
    p.add_argument("--var", action="append", default=[], metavar="NAME:KIND:RANGE",
                   help="a variable's domain: KIND int, rational or real; RANGE a..b or (a,b), [a,b), ...; "
                        "e.g. n:int:0..64, x:real:(0,1), a:rational:(-3,3) (repeat for each variable)")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help="working precision (checks also run at twice this)")
    p.add_argument("--draws", type=_int_between(0, 1000), default=8,
                   help="points drawn from the domains besides the edges (0..1000, default 8, fixed seed)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(run=cmd_check)
    return parser


_CHECK_OPTIONS = ("--latex", "--chain", "--var", "--dps", "--draws", "--json", "-h", "--help")


def _looks_like_expression(arg: str) -> bool:
    """Whether a ``check`` argument that starts with '-' is a negative expression (``-Sum(k, (k, 0, n))``,
    ``-1/2``) rather than one of the command's options."""
    return arg.startswith("-") and not arg.startswith(_CHECK_OPTIONS) and len(arg) > 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``closedform`` console script; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check"]:  # a side such as "-Sum(...)" is an expression, not an option
        argv = [a if not _looks_like_expression(a) else " " + a for a in argv]
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except UsageError as exc:
        print(f"{exc.prog}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `closedform list | head`
        return 0
    except KeyboardInterrupt:
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")  # clear a progress line left open
        print("closedform: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
