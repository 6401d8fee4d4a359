"""Mutation testing of the closed-form code in ``proofs/``: does the test suite notice a wrong formula?

Each mutant changes one thing in one pillar module: an integer constant (c -> c + 1),
an arithmetic operator (+ <-> -, * <-> /, ** -> *), a unary minus (dropped), or a
comparison (< <-> <=, > <-> >=, == <-> !=).  For every mutant the pillar's tests
(its own test module plus the registry-wide tests of its keys) run in a scratch copy
of the tree; the mutant is *killed* when they fail (or time out).  The report lists
the share killed per module and every survivor, with its line, so that a real gap can
be closed by a check that bites.

Usage::

    python benchmarks/mutation.py                      # every pillar module, every mutant
    python benchmarks/mutation.py --module legendre    # one topic
    python benchmarks/mutation.py --sample 40 --seed 1 # a random sample per module
    python benchmarks/mutation.py --jobs 2             # two scratch trees in parallel

Mutants that cannot make a formula wrong are not generated: docstrings, the keyword
arguments that choose test points or presentation (``examples=``, ``params=``, ``bound=``,
``display=`` ...), derivation ``Step(...)`` captions, test data (hypothesis strategies, seeded
rational generators, module-level example points ``_EX*``/``_PT*`` and golden inputs ``_GR*``, helpers
named ``*_point(s)`` or ``*_examples``), f-strings
(symbol names, messages), and statements (or a ``with`` header) on a line marked
``# pragma: no mutate`` (used sparingly, with a reason).
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: topic -> the key prefixes whose registry tests count (its own tests are tests/<pillar>/, see own_tests)
TOPICS: dict[str, tuple[str, ...]] = {
    "legendre": ("HIPPO-LEG-", "HIPPO-LAG-"),
    "hippo": ("HIPPO",),
    "s4": ("S4",),
    "rational": ("RTF",),
    "entropy": ("ENT",),
    "variational": ("VAR",),
}

_SWAP_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult}
_SWAP_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the root
    index: int  # which mutable site, in ast.walk order
    line: int
    description: str


def _docstring_nodes(tree: ast.AST) -> set[int]:
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
    return skip


#: keyword arguments that choose test points or presentation, not a claim: a mutant there
#: checks other points (or prints differently) and cannot make a formula wrong
_DATA_KEYWORDS = {"examples", "display", "params", "bound", "notes", "title", "title_tex", "parts", "source", "key"}
#: calls whose arguments are presentation only (a derivation step's caption and shown expression)
_DISPLAY_CALLS = {"Step"}
#: generators of test points and exact test data (seeded rationals, hypothesis strategies): a mutant
#: there proves or checks the same claim at other points, and cannot make a formula wrong
_DATA_CALLS = {"rationals", "positive_rationals", "rational_matrix", "rational_matrices", "rational_realisation",
               "q", "sizes", "points", "fft_points", "coefficient_vectors"}
#: module-level names holding example points and golden inputs (``_EX_FFT``, ``_GR1_A``, ``_PT_Q``)
_DATA_NAMES = ("_EX", "_GR", "_PT")


def _is_data_function(node: ast.AST) -> bool:
    """A function that builds test data: a hypothesis strategy, a point generator, a seeded-rational helper."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    if node.name in _DATA_CALLS or node.name.endswith(("_point", "_points", "_examples")):
        return True
    if any("composite" in ast.unparse(d) for d in node.decorator_list):
        return True
    for n in ast.walk(node):  # hypothesis is imported lazily inside the functions that build strategies
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("hypothesis"):
            return True
        if isinstance(n, ast.Import) and any(a.name.startswith("hypothesis") for a in n.names):
            return True
    return False


def _is_data_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    if isinstance(f, ast.Name):
        return f.id in _DATA_CALLS or f.id.endswith("_points")
    # st.*: hypothesis strategies; s.<generator>: numerics.strategies as passed to the params lambdas
    return isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (
        f.value.id == "st" or f.value.id == "s" and f.attr in _DATA_CALLS)
PRAGMA = "pragma: no mutate"
_SIMPLE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Expr)


def _equivalent_nodes(tree: ast.AST, lines: list[str]) -> set[int]:
    """Nodes whose mutants are equivalent by construction: test-point data, display, marked lines."""
    skip: set[int] = set()

    def drop(sub: ast.AST) -> None:
        skip.update(id(n) for n in ast.walk(sub))

    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in _DATA_KEYWORDS:
            drop(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _DISPLAY_CALLS:
            drop(node)
        elif _is_data_call(node) or _is_data_function(node) or isinstance(node, ast.JoinedStr):
            # test data, strategies, and f-strings (symbol names, messages)
            drop(node)
        elif (isinstance(node, ast.Assign) and node.col_offset == 0
              and all(isinstance(t, ast.Name) and t.id.startswith(_DATA_NAMES)
                      or isinstance(t, ast.Tuple) and all(isinstance(e, ast.Name) and e.id.startswith(_DATA_NAMES)
                                                          for e in t.elts)
                      for t in node.targets)):
            drop(node)
        elif isinstance(node, _SIMPLE) and any(PRAGMA in lines[k - 1] for k in
                                               range(node.lineno, (node.end_lineno or node.lineno) + 1)):
            drop(node)
        elif isinstance(node, ast.With) and PRAGMA in lines[node.lineno - 1]:  # the header only, not the body
            for item in node.items:
                drop(item)
    return skip


def _sites(tree: ast.AST, lines: list[str] | None = None) -> list[tuple[ast.AST, str]]:
    """Mutable sites in a stable order, with a description of the mutation."""
    skip = _docstring_nodes(tree) | _equivalent_nodes(tree, lines or [])
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and type(node.value) is int:
            found.append((node, f"constant {node.value} -> {node.value + 1}"))
        elif isinstance(node, ast.BinOp) and type(node.op) in _SWAP_BIN:
            new = _SWAP_BIN[type(node.op)]
            found.append((node, f"operator {type(node.op).__name__} -> {new.__name__}"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            found.append((node, "unary minus dropped"))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _SWAP_CMP:
            new = _SWAP_CMP[type(node.ops[0])]
            found.append((node, f"comparison {type(node.ops[0]).__name__} -> {new.__name__}"))
    return found


def mutants(path: Path) -> list[Mutant]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    rel = str(path.relative_to(ROOT))
    return [Mutant(rel, i, getattr(node, "lineno", 0), desc)
            for i, (node, desc) in enumerate(_sites(tree, text.splitlines()))]


class _Apply(ast.NodeTransformer):
    def __init__(self, target: int, tree: ast.AST, lines: list[str]) -> None:
        self.target = _sites(tree, lines)[target][0]

    def generic_visit(self, node: ast.AST) -> ast.AST:
        node = super().generic_visit(node)
        if node is not self.target:
            return node
        if isinstance(node, ast.Constant):
            return ast.copy_location(ast.Constant(node.value + 1), node)
        if isinstance(node, ast.BinOp):
            return ast.copy_location(ast.BinOp(node.left, _SWAP_BIN[type(node.op)](), node.right), node)
        if isinstance(node, ast.UnaryOp):
            return node.operand
        if isinstance(node, ast.Compare):
            return ast.copy_location(ast.Compare(node.left, [_SWAP_CMP[type(node.ops[0])]()], node.comparators), node)
        return node


def mutated_source(m: Mutant, root: Path = ROOT) -> str:
    text = (root / m.path).read_text(encoding="utf-8")
    tree = ast.parse(text)
    new = _Apply(m.index, tree, text.splitlines()).visit(tree)
    return ast.unparse(ast.fix_missing_locations(new))


def topic_files(topic: str) -> list[Path]:
    """The modules of a topic: its pillar package proofs/<topic>/ (legendre is hippo/legendre.py alone)."""
    if topic == "legendre":
        return [ROOT / "proofs" / "hippo" / "legendre.py"]
    files = sorted((ROOT / "proofs" / topic).glob("*.py"))
    return [f for f in files if not (topic == "hippo" and f.name == "legendre.py")]


def own_tests(topic: str, root: Path = ROOT) -> list[str]:
    """The topic's own test modules: tests/<pillar>/test_*.py (legendre: the hippo ones about Legendre)."""
    pillar = "hippo" if topic == "legendre" else topic
    folder = root / "tests" / pillar
    files = sorted(folder.glob("test_*.py")) if folder.is_dir() else sorted((root / "tests").glob(f"test_{topic}*.py"))
    if pillar == "hippo":
        files = [f for f in files if ("legendre" in f.stem) == (topic == "legendre")]
    return [str(f.relative_to(root)) for f in files]


def test_command(topic: str) -> list[str]:
    prefixes = TOPICS[topic]
    own = own_tests(topic)
    # registry test ids carry the key, e.g. test_result_verifies_and_its_checks_bite[HIPPO-LEG-2]; -k matches substrings of
    # test and module names and applies to every file given, so the own modules' names are added to it
    # (without them the topic's own tests were all deselected)
    # the registry-wide check that a computable left side equals its right side is named by no key
    expr = " or ".join((*prefixes, *(Path(f).stem for f in own), "computable_left_side"))
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header",
            "-o", "addopts=", "-m", "not slow", *own, "tests/test_registry.py", "-k", expr]


def _scratch() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="closedform-mut-"))
    shutil.copytree(ROOT, tmp / "tree", ignore=shutil.ignore_patterns(".git", "__pycache__", ".hypothesis",
                                                                      "*.egg-info", ".pytest_cache"))
    return tmp / "tree"


def _run(cmd: list[str], cwd: Path, timeout: float) -> str:
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env={"PATH": "/usr/bin:/bin", "HYPOTHESIS_PROFILE": "ci", "CI": "1",
                                   "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(cwd)})
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if proc.returncode == 0 else "killed"


def _worker(tree: Path, jobs: list[tuple[str, Mutant]], timeouts: dict[str, float]) -> list[tuple[Mutant, str]]:
    out = []
    for topic, m in jobs:
        target = tree / m.path
        original = target.read_text(encoding="utf-8")
        try:
            try:
                target.write_text(mutated_source(m, tree), encoding="utf-8")
            except (ValueError, SyntaxError):
                continue
            out.append((m, _run(test_command(topic), tree, timeouts[topic])))
        finally:
            target.write_text(original, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--module", action="append", choices=sorted(TOPICS), help="topic(s) to mutate (default: all)")
    ap.add_argument("--sample", type=int, default=0, help="at most this many random mutants per topic (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1, help="scratch trees run in parallel")
    args = ap.parse_args(argv)
    topics = [t for t in (args.module or TOPICS) if topic_files(t)]
    rng = random.Random(args.seed)
    plan: list[tuple[str, Mutant]] = []
    timeouts: dict[str, float] = {}
    baseline_tree = _scratch()
    for topic in topics:
        start = time.perf_counter()
        status = _run(test_command(topic), baseline_tree, 1800)
        elapsed = time.perf_counter() - start
        if status != "survived":
            print(f"{topic}: the unmutated tests do not pass ({status}); skipped", file=sys.stderr)
            continue
        timeouts[topic] = max(30.0, 3 * elapsed)
        ms = [m for f in topic_files(topic) for m in mutants(f)]
        if args.sample and len(ms) > args.sample:
            ms = rng.sample(ms, args.sample)
        plan += [(topic, m) for m in ms]
        print(f"{topic}: baseline {elapsed:.1f} s, {len(ms)} mutants", file=sys.stderr)
    trees = [baseline_tree] + [_scratch() for _ in range(max(0, args.jobs - 1))]
    chunks = [plan[i :: len(trees)] for i in range(len(trees))]
    results: list[tuple[Mutant, str]] = []
    with concurrent.futures.ThreadPoolExecutor(len(trees)) as pool:
        for part in pool.map(lambda tc: _worker(tc[0], tc[1], timeouts), zip(trees, chunks)):
            results += part
    for tree in trees:
        shutil.rmtree(tree.parent, ignore_errors=True)

    print(f"{'module':32} {'mutants':>8} {'killed':>7} {'timeout':>8} {'score':>7}")
    by_file: dict[str, list[tuple[Mutant, str]]] = {}
    for m, status in results:
        by_file.setdefault(m.path, []).append((m, status))
    total = killed = 0
    for path, rows in sorted(by_file.items()):
        k = sum(s != "survived" for _, s in rows)
        t = sum(s == "timeout" for _, s in rows)
        total, killed = total + len(rows), killed + k
        print(f"{path:32} {len(rows):8d} {k:7d} {t:8d} {100 * k / len(rows):6.1f}%")
    if total:
        print(f"{'all':32} {total:8d} {killed:7d} {'':8} {100 * killed / total:6.1f}%")
    survivors = [(m, s) for m, s in results if s == "survived"]
    if survivors:
        print("\nsurvivors:")
        for m, _ in sorted(survivors, key=lambda ms: (ms[0].path, ms[0].line)):
            print(f"  {m.path}:{m.line}: {m.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
