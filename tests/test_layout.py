"""The layout shows the architecture: pillar packages found, modules that say what they register, numerics apart.

- every module that registers results lists exactly those keys in its docstring ("Registers: ...");
- importing any module of :mod:`numerics` loads neither SymPy nor :mod:`proofs` (the independence of
  the numeric routes, checked by importing every module in one fresh interpreter);
- the pillar packages are discovered, and results are listed pillar by pillar in the stated order.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from collections import defaultdict

import pytest

import numerics
import proofs
from proofs import registry


def _registering_modules() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for key in registry.keys():
        found[registry.origin(key)].append(key)
    return found


REGISTERING = _registering_modules()


@pytest.mark.parametrize("module", sorted(REGISTERING))
def test_module_docstring_lists_exactly_the_keys_it_registers(module):
    doc = importlib.import_module(module).__doc__ or ""
    match = re.search(r"Registers:(.*?)(?:\n\s*\n|\Z)", doc, flags=re.S)
    assert match, f"{module}: the docstring has no 'Registers:' paragraph"
    listed = re.findall(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+", match.group(1))
    assert listed == REGISTERING[module], f"{module}: docstring lists {listed}, registers {REGISTERING[module]}"


def test_every_result_comes_from_a_pillar_package():
    outside = {m for m in REGISTERING if m.split(".")[:1] != ["proofs"] or m.split(".")[1] not in proofs.PILLARS}
    assert not outside


def test_pillars_are_discovered_and_listed_in_their_stated_order():
    on_disk = {m.name for m in pkgutil.iter_modules(proofs.__path__) if m.ispkg} - proofs.NOT_PILLARS
    assert set(proofs.PILLARS) == on_disk
    ranks = [getattr(getattr(proofs, p), "ORDER") for p in proofs.PILLARS]
    assert ranks == sorted(ranks)
    pillar_of = [registry.origin(k).split(".")[1] for k in registry.keys()]
    assert pillar_of == sorted(pillar_of, key=proofs.PILLARS.index), "results are listed pillar by pillar"


NUMERIC_MODULES = sorted(m.name for m in pkgutil.walk_packages(numerics.__path__, "numerics."))


def test_importing_numerics_loads_neither_sympy_nor_proofs():
    code = (
        "import importlib, sys\n"
        f"for name in {NUMERIC_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sympy', 'proofs'))\n"
        "print(' '.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"numerics loaded {out.stdout.strip()[:200]}"


def test_each_post_and_paper_is_spelled_as_in_the_bibliography():
    from proofs.core import bibliography as bib

    papers = {m.group(1): value for value in vars(bib).values() if isinstance(value, str)
              for m in re.finditer(r"arXiv (\d{4}\.\d{4,5})", value)}
    wrong = []
    for r in registry:
        for m in re.finditer(r"\(kexue\.fm/archives/(\d+)\)", r.source):
            if m.group(1) not in bib.POSTS or bib.POSTS[m.group(1)] not in r.source:
                wrong.append((r.key, f"kexue.fm/archives/{m.group(1)}"))
        for m in re.finditer(r"arXiv (\d{4}\.\d{4,5})", r.source):
            if m.group(1) not in papers or papers[m.group(1)] not in r.source:
                wrong.append((r.key, f"arXiv {m.group(1)}"))
    assert not wrong, f"sources not spelled as in proofs/core/bibliography.py: {wrong[:10]}"


def test_every_file_a_note_points_to_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    missing = []
    for r in registry:
        for path in re.findall(r"((?:tests|benchmarks|proofs|numerics)/[\w/\\]+\.py)", r.notes):
            if not (root / path.replace("\\_", "_")).exists():
                missing.append((r.key, path))
    assert not missing, f"notes point to files that do not exist: {missing}"


def test_every_pillar_names_its_key_prefix_and_title():
    # the report's and the catalogue's sections come from these, so a new pillar needs no special-casing
    for name in proofs.PILLARS:
        package = getattr(proofs, name)
        prefix, title = getattr(package, "PREFIX", ""), getattr(package, "TITLE", "")
        assert prefix and title, f"proofs.{name} must state PREFIX and TITLE"
        keys = [r.key for r in proofs.own_results() if proofs.registry.origin(r.key).split(".")[1] == name]
        assert all(k.startswith(prefix + "-") for k in keys), (name, [k for k in keys if not k.startswith(prefix)])
