"""The command line as a user runs it: the installed ``closedform`` script, in a subprocess.

The tables of bad input and of ``--help`` pages run one case each through the script and the rest
in process, through the same ``main``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from proofs import registry
from proofs.cli import main

SCRIPT = shutil.which("closedform")
#: seconds of interpreter and SymPy start-up a loaded 2-core machine may add to a command
STARTUP_ALLOWANCE = 3


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    if SCRIPT is None:
        pytest.fail("the closedform console script is not on PATH: install the package (README set-up command)")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=timeout, env=env)


def run_here(*args: str) -> subprocess.CompletedProcess:
    """``closedform ARGS`` run in this process through :func:`proofs.cli.main` (argparse's exits caught).

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
    assert all(set(d) == {"key", "title", "status", "source"} for d in data)


def test_show_prints_statement_derivation_and_latex():
    proc = run("show", "HIPPO-LEG-6")
    assert proc.returncode == 0
    out = proc.stdout
    assert "HIPPO-LEG-6" in out and "EXACT" in out and "derivation" in out and "LaTeX:" in out
    assert "n = 0..32" in out
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
        "import sys, dataclasses, proofs; from proofs import cli; r = proofs.registry['HIPPO-LEG-4'];"
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


def test_latex_pdf_without_tex_fails_at_once_in_one_line(tmp_path):
    # TeX is hidden from PATH here, so this runs (and must pass) whether or not TeX is installed.
    # The script's shebang names its interpreter, so an empty PATH still starts it.
    if SCRIPT is None:
        pytest.fail("the closedform console script is not on PATH: install the package (README set-up command)")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "PYTHONWARNINGS": "ignore"}
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
    missing = [r.key for r in registry if f"| {r.key} |" not in readme]
    assert not missing, f"README results table lacks {missing}: regenerate with `closedform list --markdown`"
    assert "python3 -m pip install -e . && closedform verify" in readme
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in readme


def test_ci_script_runs_the_readme_test_command_verbatim():
    from pathlib import Path

    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in ci
