"""Result packages: results registered from outside closedform through the entry-point group
``closedform.results`` appear in list, verify, latex and the registry-wide tests; the README's recipe runs.

The package is "installed" the way pip leaves it for importlib.metadata: its code and a ``*.dist-info``
directory with ``entry_points.txt`` on ``sys.path`` (PYTHONPATH of a subprocess), so discovery goes through
:func:`importlib.metadata.entry_points` exactly as for a package installed in a venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "result_package"


def _install(site: Path, name: str, module: str, package_dir: Path | None = None, code: str = "") -> None:
    """Put ``module`` on ``site`` with a dist-info that declares it in ``closedform.results`` as ``name``."""
    if package_dir is not None:
        shutil.copytree(package_dir, site / module)
    else:
        (site / f"{module}.py").write_text(code, encoding="utf-8")
    info = site / f"{module}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[closedform.results]\n{name} = {module}\n", encoding="utf-8")


def _run(site: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    _install(site, "example", "closedform_example", EXAMPLE / "closedform_example")
    _install(site, "broken", "closedform_broken", code="raise RuntimeError('a broken result package')\n")
    return site


def test_installed_results_appear_in_list_verify_and_latex(site: Path, tmp_path: Path):
    exe = [sys.executable, "-m", "proofs.app.cli"]
    listed = _run(site, *exe, "list", "EXAMPLE", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [r["key"] for r in json.loads(listed.stdout)] == ["EXAMPLE-ODD-1", "EXAMPLE-BINOM-1"]
    assert "result package 'broken' (closedform_broken) failed to load and was skipped" in listed.stderr
    verified = _run(site, *exe, "verify", "EXAMPLE", "--json", "-q", "--jobs", "1")
    data = json.loads(verified.stdout)
    assert verified.returncode == 0 and data["passed"] == 2, verified.stdout[-2000:]
    assert {r["key"]: r["symbolic"] for r in data["results"]} == {"EXAMPLE-ODD-1": "proved",
                                                                   "EXAMPLE-BINOM-1": "proved-up-to-bound"}
    out = tmp_path / "example.tex"
    made = _run(site, *exe, "latex", "EXAMPLE", "-o", str(out), "--no-verify", "--no-figures", "-q")
    assert made.returncode == 0, made.stderr
    assert "EXAMPLE-ODD-1" in out.read_text(encoding="utf-8")
    whole = _run(site, *exe, "list", "--json")  # listed after closedform's own results
    keys = [r["key"] for r in json.loads(whole.stdout)]
    assert keys[-2:] == ["EXAMPLE-ODD-1", "EXAMPLE-BINOM-1"] and keys[0].startswith("HIPPO-")


def test_the_registry_wide_tests_run_on_installed_results(site: Path):
    proc = _run(site, sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
                "tests/test_registry.py", "tests/test_planted.py", "-k", "EXAMPLE")
    assert proc.returncode == 0, proc.stdout[-3000:]
    passed = int(proc.stdout.strip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 6, proc.stdout[-500:]  # several registry-wide tests, each on both example results


def test_the_readme_recipe_runs_as_written(tmp_path: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a result", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    script = tmp_path / "my_results.py"
    script.write_text(code, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("MINE-CUBES-1: passed (proved, general;")
    assert lines[1].startswith("MINE-GEOM-1: passed (proved-up-to-bound, every n = 0..24;")


def test_closedform_own_pillars_go_through_the_same_loader():
    import proofs

    assert proofs.PILLARS[:5] == ("hippo", "s4", "rational", "entropy", "variational")
    assert proofs.load_result_package("hippo", "proofs.hippo") is proofs.hippo
    assert {proofs.registry.origin(r.key).split(".")[1] for r in proofs.own_results()} == set(proofs.PILLARS)
