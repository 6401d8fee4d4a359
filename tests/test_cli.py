"""The command line as a user runs it: the installed ``closedform`` script, in a subprocess.

The tables of bad input and of ``--help`` pages run one case each through the script and the rest
in process, through the same ``main``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
import unicodedata

import pytest
import sympy

from proofs import registry
from proofs.app.cli import _progress, main
from proofs.core import Bound, Derivation, Result, Status, Step
from proofs.core.markup import plain_text

SCRIPT = shutil.which("closedform")
#: seconds of interpreter and SymPy start-up a loaded 2-core machine may add to a command
STARTUP_ALLOWANCE = 3


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    if SCRIPT is None:
        pytest.fail("the closedform console script is not on PATH: install the package (README set-up command)")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=timeout, env=env)


def run_here(*args: str) -> subprocess.CompletedProcess:
    """``closedform ARGS`` run in this process through :func:`proofs.app.cli.main` (argparse's exits caught).

    The parsing and error paths are the same code the script runs; a subprocess costs 0.4 s of
    interpreter and SymPy start-up each, so only one case per table below goes through the script.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # --help exits from inside argparse
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(["closedform", *args], code, out.getvalue(), err.getvalue())


def path_without(shadow: Path, *programs: str) -> str:
    """PATH as it is, but with ``programs`` gone: every directory that holds one of them is replaced by
    ``shadow``, a directory of links to everything else it holds (a launcher such as a pyenv shim may
    need bash from the same directory, so emptying PATH is not enough)."""
    shadow.mkdir(parents=True, exist_ok=True)
    dirs = []
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        here = Path(entry)
        if not any((here / p).exists() for p in programs):
            dirs.append(entry)
            continue
        for item in here.iterdir():
            if item.name not in programs and not (shadow / item.name).exists():
                (shadow / item.name).symlink_to(item)
        if str(shadow) not in dirs:
            dirs.append(str(shadow))
    found = [p for p in programs if shutil.which(p, path=os.pathsep.join(dirs))]
    assert not found, f"could not hide {found} from PATH"
    return os.pathsep.join(dirs)


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, proc
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and lines[0].startswith("closedform")
    for needle in needles:
        assert needle in lines[0]


def test_list_shows_every_result():
    proc = run("list")
    assert proc.returncode == 0
    for r in registry:
        assert r.key in proc.stdout
    assert f"{len(registry)} result(s)" in proc.stdout


def test_list_json_is_the_contract():
    proc = run("list", "hippo-leg", "--json")
    data = json.loads(proc.stdout)
    assert [d["key"] for d in data] == [r.key for r in registry.select(["HIPPO-LEG"])]
    assert all(set(d) == {"key", "title", "status", "source", "scope", "evidence"} for d in data)
    assert data[0]["scope"] == {"kind": "range", "text": "every n = 0..32"}
    assert data[0]["evidence"] == "independent route"


def test_show_prints_statement_derivation_and_latex():
    proc = run("show", "HIPPO-LEG-6")
    assert proc.returncode == 0
    out = proc.stdout
    assert "HIPPO-LEG-6" in out and "EXACT" in out and "derivation (shown for n = 3):" in out
    assert "proof: proved exactly for every n = 0..32 (no general-n proof)" in out
    assert "\nstatement:\n" in out, "the statement is shown for symbolic n, not at a case"
    assert "LaTeX:" not in out, "LaTeX only with --latex"
    latex = run("show", "hippo-leg-6", "--latex").stdout
    assert latex.startswith("\\subsection*{HIPPO-LEG-6") and "\\begin{align*}" in latex


def test_verify_json_reports_digits_at_both_precisions():
    proc = run("verify", "HIPPO-LEG-2", "HIPPO-LEG-6", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["passed"] == 2 and data["failed"] == 0
    for item in data["results"]:
        assert set(item) >= {"key", "status", "passed", "symbolic", "digits", "digits_2x", "seconds", "message"}
        assert item["passed"] and item["symbolic"] == "proved-up-to-bound"
        assert item["digits"] >= 45 and item["digits_2x"] >= 95


def test_verify_table_and_progress():
    proc = run("verify", "hippo-leg-3", "--dps", "30", "--bound", "8")
    assert proc.returncode == 0
    assert "DIGITS@30" in proc.stdout and "DIGITS@60" in proc.stdout and "1 passed, 0 failed" in proc.stdout
    assert "[1/1] HIPPO-LEG-3 ok" in proc.stderr


def test_verify_exits_nonzero_when_a_check_fails(tmp_path):
    # a planted wrong result, registered through a sitecustomize-free route: run the module in-process
    code = (
        "import sys, dataclasses, proofs; from proofs.app import cli; r = proofs.registry['HIPPO-LEG-4'];"
        "proofs.registry._items['HIPPO-LEG-4'] = r.perturbed(); sys.exit(cli.main(['verify', 'HIPPO-LEG-4', '--bound', '3']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "FAILED" in proc.stdout and "0 passed, 1 failed" in proc.stdout


@pytest.mark.parametrize(
    "args, needles",
    [
        (("verify", "NO_SUCH_KEY"), ("no result matches 'NO_SUCH_KEY'",)),
        (("verify", "--dps", "3"), ("--dps", "between 15 and 2000", "'3'")),
        (("verify", "--dps", "abc"), ("--dps", "'abc'")),
        (("verify", "--dps", "100000"), ("--dps",)),
        (("verify", "--bound", "-1"), ("--bound",)),
        (("verify", "--jobs", "0"), ("--jobs", "between 1 and 256")),
        (("show", "NO_SUCH_KEY"), ("no result matches",)),
        (("show", "hippo"), ("matches", "give one key")),
        (("list", "zzz"), ("no result matches 'zzz'",)),
        (("list", "--json", "--markdown"), ("--markdown", "not allowed with", "--json")),
        (("latex", "HIPPO-LEG-1"), ("-o",)),
        (("latex", "HIPPO-LEG-1", "-o", "out.pdf"), (".tex",)),
        (("latex", "HIPPO-LEG-1", "-o", "/no/such/dir/r.tex"), ("does not exist",)),
        (("frobnicate",), ("invalid choice",)),
        ((), ("required",)),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(args, needles):
    # the first case through the installed script, the rest in process (same parser, same messages)
    assert_one_line_error((run if args == ("verify", "NO_SUCH_KEY") else run_here)(*args), *needles)


@pytest.mark.parametrize("command", [(), ("list",), ("show",), ("verify",), ("latex",)])
def test_help_everywhere(command):
    proc = (run if command == () else run_here)(*command, "--help")
    assert proc.returncode == 0 and "usage: closedform" in proc.stdout, proc


def test_latex_writes_a_standalone_document(tmp_path):
    out = tmp_path / "r.tex"
    keys = ["HIPPO-LEG-2", "HIPPO-LEG-3"]  # the whole document is tested in-process by tests/test_latex.py
    proc = run("latex", *keys, "-o", str(out))
    assert proc.returncode == 0 and out.exists()
    tex = out.read_text(encoding="utf-8")
    assert tex.startswith("\\documentclass") and tex.rstrip().endswith("\\end{document}")
    for r in registry.select(keys):
        assert r.key in tex
    assert "\\begin{longtable}" in tex
    # only the selected pillar's figures are drawn (the others would be dropped from the document anyway)
    drawn = {p.stem for p in (tmp_path / "r-figures").iterdir()}
    assert drawn == {"legs-reconstruction"}, drawn


def test_latex_pdf_without_tex_fails_at_once_in_one_line(tmp_path):
    # TeX is hidden from PATH here, so this runs (and must pass) whether or not TeX is installed.
    if SCRIPT is None:
        pytest.fail("the closedform console script is not on PATH: install the package (README set-up command)")
    env = {**os.environ, "PATH": path_without(tmp_path / "bin", "latexmk", "pdflatex"), "PYTHONWARNINGS": "ignore"}
    out = tmp_path / "r.tex"
    start = time.perf_counter()
    proc = subprocess.run([SCRIPT, "latex", "HIPPO-LEG-2", "-o", str(out), "--pdf"],
                          capture_output=True, text=True, timeout=60, env=env)
    elapsed = time.perf_counter() - start
    assert_one_line_error(proc, "no TeX engine found", "apt-get install")
    assert not out.exists(), "nothing is written (or verified) before the engine is found missing"
    assert elapsed < 2 + STARTUP_ALLOWANCE, f"took {elapsed:.1f} s: the check must come before any work"


def test_readme_lists_every_result_and_the_two_commands():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    from proofs import own_results
    from proofs.app.cli import markdown_table

    missing = [r.key for r in own_results() if f"| {r.key} |" not in readme]
    assert not missing, f"README results table lacks {missing}: run `python3 -m proofs.app.readme`"
    table = markdown_table(own_results())  # status, scope and evidence must be current too
    assert table in readme, "README results table is stale: run `python3 -m proofs.app.readme`"
    own = run_here("list", "--markdown").stdout  # the command prints the same table (with any result packages')
    assert all(line in own.splitlines() for line in table.splitlines())
    assert "python3 -m pip install -e . && closedform verify" in readme
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in readme


def test_ci_script_runs_the_readme_test_command_verbatim():
    from pathlib import Path

    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in ci


# --- --version ----------------------------------------------------------------------------


def test_version_prints_the_installed_version():
    proc = run_here("--version")
    assert proc.returncode == 0, proc
    assert proc.stdout == f"closedform {importlib.metadata.version('closedform')}\n"


# --- show: plain text, named parts, the case shown, the scope of the proof ----------------


def _matrices(N):
    return sympy.Tuple(sympy.Matrix(N, N, lambda i, j: sympy.sqrt(2 * i + 1) if i >= j else 0),
                       sympy.Matrix(N, 1, lambda i, j: i + 1))


CAPTION = r"Both parts, by $\sqrt{2n+1}$ and $\lambda_n$"
NOTES = r"Half of it is $\frac{1}{2}$ of $\lambda$."


def _derive(N):
    step = Step(CAPTION, _matrices(N))
    return Derivation(_matrices(N), (step,))


#: a tuple statement that cannot take a symbolic N (so it is shown at its display case), with
#: inline math in its title, step caption and notes
PLANTED = Result(
    key="ZZ-SHOW-1", title="Planted pair",
    source="tests (重温SSM（一）, a CJK source that takes two columns a character)",
    status=Status.EXACT, statement=_matrices, derive=_derive, bound=Bound("N", 1, 6), display={"N": 2},
    title_tex=r"Planted pair $\bar{A}$, $\sqrt{2n+1}$", notes=NOTES,
    parts=(r"\bar{A}", "B"),
)
A_BAR = plain_text(r"$\bar{A}$")  # A with a bar (one character or two: proofs.core.markup decides)


@pytest.fixture
def planted(monkeypatch):
    """Register results for one test (in process only): ``planted(result)``."""
    def plant(result: Result) -> Result:
        monkeypatch.setitem(registry._items, result.key, result)
        return result

    return plant


def test_show_is_plain_text_with_each_part_labelled_and_the_case_named(planted):
    planted(PLANTED)
    proc = run_here("show", "ZZ-SHOW-1")
    assert proc.returncode == 0, proc
    out = proc.stdout
    assert out.startswith(f"ZZ-SHOW-1: Planted pair {A_BAR}, sqrt(2n+1)\n")
    assert "proof: proved exactly for every N = 1..6 (no general-N proof)" in out
    assert f"statement (shown for N = 2):\n{A_BAR} =\n" in out and "\nB =\n" in out
    assert f"derivation (shown for N = 2):\n  1. {plain_text(CAPTION)}\n     {A_BAR} =\n" in out
    assert "  1. Both parts, by sqrt(2n+1) and" in out and f"notes:\n{plain_text(NOTES)}\n" in out
    assert "$" not in out and "\\" not in out and "LaTeX:" not in out
    assert "⎡" in out, "formulas still go through SymPy's pretty printer"


def test_show_labels_unnamed_parts_by_number(planted):
    planted(dataclasses.replace(PLANTED, parts=()))
    out = run_here("show", "ZZ-SHOW-1").stdout
    assert "statement (shown for N = 2):\npart 1 =\n" in out and "\npart 2 =\n" in out
    assert f"  1. {plain_text(CAPTION)}\n     part 1 =\n" in out


def test_show_names_the_scope_of_the_symbolic_proof(planted):
    x = sympy.Symbol("x")
    general = planted(Result(key="ZZ-SHOW-2", title="General", source="tests", status=Status.EXACT,
                             statement=lambda: sympy.Eq(x * (x + 1), x**2 + x, evaluate=False),
                             derive=lambda: sympy.Eq(x * (x + 1), x**2 + x, evaluate=False)))
    numeric = planted(Result(key="ZZ-SHOW-3", title="Numeric", source="tests", status=Status.THEOREM,
                             statement=lambda: sympy.Integer(1), numeric=lambda dps: 1, examples=({},)))
    out = run_here("show", general.key).stdout
    assert "proof: general" in out and "\nstatement:\n" in out and "shown for" not in out
    out = run_here("show", numeric.key).stdout
    assert "proof: no symbolic proof (THEOREM: exercised numerically)" in out and "derivation" not in out


# --- list: as wide as the terminal ----------------------------------------------------------


def _columns_of(line: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)


@pytest.mark.parametrize("width", [80, 200])
def test_list_fits_the_terminal_width(width, monkeypatch, planted):
    planted(PLANTED)
    monkeypatch.setenv("COLUMNS", str(width))  # what shutil.get_terminal_size reads first
    proc = run_here("list")
    assert proc.returncode == 0, proc
    lines = proc.stdout.splitlines()
    too_wide = [line for line in lines if _columns_of(line) > width]
    assert not too_wide, f"lines wider than {width} columns: {too_wide[:3]}"
    assert len(lines) == len(registry) + 4, "one line a result (header, rule, blank line, count besides)"
    row = next(line for line in lines if line.startswith("ZZ-SHOW-1 "))
    assert f"Planted pair {A_BAR}" in row and "$" not in row, "titles in plain text"
    if width == 80:
        assert "..." in row, "a long source is cut to fit"
    else:
        assert "two columns a character)" in row, "a row that fits is not cut"


# --- verify --bound: out of range is a usage error, before any work -------------------------


def test_bound_below_a_results_start_is_a_usage_error_before_verifying(monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("verified before checking --bound")

    monkeypatch.setattr("proofs.app.cli.verify_all", no_work)
    late = next(r for r in registry if r.bound is not None and r.derive is not None and r.bound.start >= 1)
    proc = run_here("verify", late.key, "--bound", str(late.bound.start - 1))
    assert_one_line_error(proc, "--bound", late.key, f"give at least {late.bound.start}")
    assert proc.stdout == ""


def test_bound_for_results_without_a_bound_is_a_usage_error(monkeypatch):
    monkeypatch.setattr("proofs.app.cli.verify_all",
                        lambda *a, **k: pytest.fail("verified before checking --bound"))
    general = [r.key for r in registry if r.bound is None][:2]
    proc = run_here("verify", *general, "--bound", "4")
    assert_one_line_error(proc, "--bound applies to results proved for every n up to a bound; "
                                "none of the selected results is")
    assert proc.stdout == ""


# --- verify: the SCOPE column ---------------------------------------------------------------


def test_verify_says_over_which_range_each_proof_ran():
    keys = ["HIPPO-LEG-2", "HIPPO-LEG-7", "HIPPO-LEGS-P11"]  # bounded (n from 0), general, no proof
    bounded, general, numeric = (registry[k] for k in keys)
    assert bounded.bound.start == 0 and general.bound is None and general.derive and numeric.derive is None
    proc = run_here("verify", *keys, "--bound", "3", "--jobs", "1", "-q")
    assert proc.returncode == 0, proc
    table = proc.stdout.splitlines()
    assert table[0].split()[:4] == ["KEY", "STATUS", "SYMBOLIC", "SCOPE"]
    assert [line.split()[3] for line in table[2:5]] == ["n=0..3", "general", "-"]
    data = json.loads(run_here("verify", *keys, "--bound", "3", "--jobs", "1", "--json", "-q").stdout)
    assert [item["scope"] for item in data["results"]] == [
        {"kind": "range", "text": "every n = 0..3"}, {"kind": "general", "text": "general"},
        {"kind": "none", "text": "none"}]


# --- progress -----------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_one_line_updated_in_place():
    stream = _Terminal()
    for i in (1, 2, 3):
        _progress(i, 3, f"R-{i} ok", stream=stream)
    assert stream.getvalue() == "\r\033[K[1/3] R-1 ok\r\033[K[2/3] R-2 ok\r\033[K[3/3] R-3 ok\n"


def test_verify_progress_on_a_terminal_ends_with_one_newline():
    stream, out = _Terminal(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(stream):
        assert main(["verify", "HIPPO-LEG-2", "HIPPO-LEG-7", "--bound", "3", "--jobs", "1"]) == 0
    err = stream.getvalue()
    assert err.count("\n") == 1 and err.endswith("\n") and "[2/2] HIPPO-LEG-7 ok" in err
    assert all(update.startswith("\033[K[") for update in err.split("\r")[1:])


def test_progress_elsewhere_is_a_line_per_result_and_quiet_is_silent():
    proc = run("verify", "HIPPO-LEG-2", "HIPPO-LEG-7", "--bound", "3", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, proc.stderr
    assert lines[0].startswith("[1/2] HIPPO-LEG-2 ok") and lines[1].startswith("[2/2] HIPPO-LEG-7 ok")
    assert "\r" not in proc.stderr and "\033" not in proc.stderr
    quiet = run_here("verify", "HIPPO-LEG-2", "--bound", "3", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and "1 passed" in quiet.stdout


def test_latex_quiet_silences_progress(tmp_path):
    out = tmp_path / "r.tex"
    proc = run_here("latex", "HIPPO-LEG-7", "-o", str(out), "--no-figures", "--jobs", "1", "-q")
    assert proc.returncode == 0 and out.exists(), proc
    assert proc.stderr == ""
