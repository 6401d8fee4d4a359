"""The ``closedform`` command line.

::

    closedform list   [PREFIX ...] [--json]
    closedform show   KEY [--latex]
    closedform verify [KEY|PREFIX ...] [--dps N] [--bound N] [--jobs N] [--json]
    closedform latex  [KEY|PREFIX ...] -o FILE [--pdf] [--no-verify] [--no-figures] [--dps N]

Keys are matched exactly or by case-insensitive prefix (``hippo``, ``HIPPO-LEG``).
Errors (unknown keys, bad options, out-of-range values) print one line on stderr
and exit with status 2; ``verify`` exits 0 only when every check passed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from numerics.agree import DEFAULT_DPS, MAX_DPS, MIN_DPS, check_dps

from .core import Report, Result, registry
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


def _table(rows: list[list[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for j, row in enumerate(rows):
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")
        if j == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def cmd_list(args: argparse.Namespace) -> int:
    results = _select(args.patterns)
    if args.json:
        print(json.dumps([{"key": r.key, "title": r.title, "status": r.status.value, "source": r.source}
                          for r in results], ensure_ascii=False, indent=1))
        return 0
    if args.markdown:
        print("| key | status | title | source |\n| --- | --- | --- | --- |")
        for r in results:
            cells = (r.key, r.status.value, r.title, r.source)
            print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return 0
    rows = [["KEY", "STATUS", "TITLE", "SOURCE"]]
    rows += [[r.key, r.status.value, _clip(r.title, 44), _clip(r.source, 60)] for r in results]
    _table(rows, sys.stdout)
    print(f"\n{len(results)} result(s)")
    return 0


def _resolve_one(key: str) -> Result:
    if key in registry:
        return registry[key]
    matches = _select([key])
    if len(matches) > 1:
        raise UsageError(f"{key!r} matches {len(matches)} results ({', '.join(r.key for r in matches[:6])}"
                         f"{', ...' if len(matches) > 6 else ''}); give one key")
    return matches[0]


def cmd_show(args: argparse.Namespace) -> int:
    import sympy

    result = _resolve_one(args.key)
    if args.latex:
        sys.stdout.write(result.latex())
        return 0
    out = [f"{result.key}: {result.title}", f"status: {result.status.value}", f"source: {result.source}", ""]
    out += ["statement:", sympy.pretty(result.general(), use_unicode=True), ""]
    if result.bound is not None and result.derive is not None:
        b = result.bound
        out.append(f"proved exactly for every {b.name} = {b.start}..{b.stop} (no general-{b.name} proof)\n")
    if result.derive is not None:
        case = result.display_case()
        where = ", ".join(f"{k}={v}" for k, v in case.items())
        steps = result.derivation(**case).steps
        if steps:
            out.append(f"derivation{f' ({where})' if where else ''}:")
            for i, step in enumerate(steps, 1):
                shown = step.expr if isinstance(step.expr, str) else sympy.pretty(step.expr, use_unicode=True)
                out += [f"  {i}. {step.caption}", "     " + shown.replace("\n", "\n     ")]
            out.append("")
    if result.notes:
        out += ["notes:", result.notes, ""]
    out += ["LaTeX:", sympy.latex(result.general()) if not isinstance(result.general(), str) else result.general()]
    print("\n".join(out))
    return 0


def _progress(i: int, n: int, text: str, end: bool = False) -> None:
    stream = sys.stderr
    line = f"[{i}/{n}] {text}"
    if stream.isatty():
        stream.write("\r\033[K" + line + ("\n" if end else ""))
    elif end:
        stream.write(line + "\n")
    stream.flush()


def _report_progress(i: int, n: int, rep: Report) -> None:
    _progress(i, n, f"{rep.key} {'ok' if rep.passed else 'FAILED'} ({rep.seconds:.2f} s)", end=True)


def _fmt(d: float | None) -> str:
    return "-" if d is None else f"{d:.1f}"


def cmd_verify(args: argparse.Namespace) -> int:
    results = _select(args.patterns)
    start = time.perf_counter()
    reports = verify_all(results, dps=args.dps, bound=args.bound, jobs=args.jobs, progress=_report_progress)
    passed = sum(r.passed for r in reports)
    failed = len(reports) - passed
    if args.json:
        print(json.dumps({"passed": passed, "failed": failed, "dps": args.dps,
                          "results": [r.as_dict() for r in reports]}, ensure_ascii=False, indent=1))
    else:
        rows = [["KEY", "STATUS", "SYMBOLIC", f"DIGITS@{args.dps}", f"DIGITS@{2 * args.dps}", "SECONDS", "RESULT"]]
        for r in reports:
            rows.append([r.key, r.status.value, r.symbolic, _fmt(r.digits), _fmt(r.digits_2x), f"{r.seconds:.2f}",
                         "passed" if r.passed else "FAILED"])
        _table(rows, sys.stdout)
        for r in reports:
            if not r.passed:
                print(f"\n{r.key}: {r.message}")
        print(f"\n{passed} passed, {failed} failed in {time.perf_counter() - start:.1f} s")
    return 0 if failed == 0 else 1


def cmd_latex(args: argparse.Namespace) -> int:
    from .report import NO_TEX, compile_pdf, document, tex_engine

    results = _select(args.patterns)
    out = Path(args.output)
    if out.suffix != ".tex":
        raise UsageError(f"output file must end in .tex, got {args.output!r}")
    if not out.parent.exists():
        raise UsageError(f"output directory {str(out.parent)!r} does not exist")
    if args.pdf and tex_engine() is None:
        # before any work: verifying first would print progress and then fail anyway
        raise UsageError(NO_TEX)
    reports: list[Report] = []
    if args.verify:
        reports = verify_all(results, dps=args.dps, jobs=args.jobs, progress=_report_progress)
    figures = []
    if args.figures:
        from .figures import make_figures

        figures = make_figures(out.parent / f"{out.stem}-figures", relative_to=out.parent)
        for fig in figures:
            if fig.path is None:
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


def _dps(text: str) -> int:
    try:
        return check_dps(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an integer between {MIN_DPS} and {MAX_DPS}, got {text!r}") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"must be an integer between 1 and 256, got {text!r}")
    return value


def _bound(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 512:
        raise argparse.ArgumentTypeError(f"must be an integer between 0 and 512, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="closedform", description="Symbolic derivations, verified: list, show, verify and "
                     "export the registered results.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("list", help="list the registered results", description="List results: key, status, source.")
    p.add_argument("patterns", nargs="*", metavar="PREFIX", help="keys or case-insensitive key prefixes")
    p.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table (as in the README)")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("show", help="show one result", description="Show a result's statement and derivation.")
    p.add_argument("key", metavar="KEY", help="a key, or a prefix matching exactly one result")
    p.add_argument("--latex", action="store_true", help="print the result as a LaTeX fragment")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("verify", help="prove and cross-check results",
                       description="Run the symbolic proof and the numeric cross-check (at dps and 2*dps) of "
                       "each selected result. Exit status 0 only if every one passed.")
    p.add_argument("patterns", nargs="*", metavar="KEY|PREFIX", help="keys or prefixes (default: all)")
    p.add_argument("--dps", type=_dps, default=DEFAULT_DPS, help=f"working precision in decimal digits "
                   f"({MIN_DPS}..{MAX_DPS}, default {DEFAULT_DPS}); checks also run at twice this")
    p.add_argument("--bound", type=_bound, default=None,
                   help="override the n-bound of proofs done for every n up to a bound")
    p.add_argument("--jobs", type=_jobs, default=default_jobs(),
                   help=f"worker processes (default: the CPUs available, here {default_jobs()})")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
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
    p.add_argument("--jobs", type=_jobs, default=default_jobs(), help="worker processes for the verification")
    p.set_defaults(run=cmd_latex)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``closedform`` console script; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except UsageError as exc:
        print(f"{exc.prog}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `closedform list | head`
        return 0
    except KeyboardInterrupt:
        print("closedform: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
