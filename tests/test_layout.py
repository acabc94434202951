"""The package layout: every Python folder is listed in pyproject, no bare imports, imports point
one way (between the three folders and between the subpackages of graph/), no cycles, no long
modules, and a wheel that holds the package data."""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"ontology": "diplomap.ontology", "loaders": "diplomap.loaders", "graph": "diplomap.graph"}
BARE = re.compile(r"^(graph|loaders|ontology)(\.|$)")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_python_folder_is_a_listed_package():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    expected = set()
    for folder, package in MAPPED.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            expected.add(".".join([package, *relative.parts]))
        for module in (ROOT / folder).rglob("*.py"):
            assert (module.parent / "__init__.py").exists(), f"{module} lies in a folder without __init__.py"
    assert expected == listed, f"missing from pyproject: {expected - listed}; listed but absent: {listed - expected}"


def test_package_dir_maps_the_owner_folders():
    mapping = _pyproject()["tool"]["setuptools"]["package-dir"]
    for folder, package in MAPPED.items():
        assert mapping[package] == folder


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_no_bare_imports_of_the_top_level_folders():
    offenders = []
    for folder in ("ontology", "loaders", "graph", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            offenders += [f"{path.relative_to(ROOT)}:{line}: {name}"
                          for line, name in _imports(path) if BARE.match(name)]
    assert not offenders, "import diplomap.* instead:\n" + "\n".join(offenders)


def test_dependencies_point_one_way():
    """ontology <- loaders <- graph: lower layers never import upper ones."""
    forbidden = {"ontology": ("diplomap.loaders", "diplomap.graph"), "loaders": ("diplomap.graph",)}
    offenders = []
    for folder, banned in forbidden.items():
        for path in (ROOT / folder).rglob("*.py"):
            offenders += [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in _imports(path)
                          if name.startswith(banned)]
    assert not offenders, "\n".join(offenders)


def test_no_tests_package_marker():
    assert not (ROOT / "tests" / "__init__.py").exists()


# --- graph/ subpackages (issue 17) ----------------------------------------------------------------

# What each subpackage of graph/ may import besides itself and diplomap.ontology. ``cli`` is the top.
GRAPH_ALLOWED = {
    "store": set(),
    "ingest": {"store", "loaders"},
    "query": {"store"},
    "export": {"store", "query"},
    "maps": {"store", "query"},
    "report": {"store", "query", "maps"},
    "serve": {"store", "query", "export", "maps"},
    "cli": {"store", "ingest", "query", "export", "maps", "serve", "report", "loaders"},
}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    folder, *rest = path.relative_to(ROOT).with_suffix("").parts
    parts = [MAPPED[folder], *rest]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for folder in MAPPED for path in (ROOT / folder).rglob("*.py")}


def _imported_modules(path: Path, known: dict[str, Path]):
    """(line, module) for every diplomap module ``path`` imports, at any depth of the code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from package import module`` imports the module; ``from module import name`` the module
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                     for alias in node.names]
        else:
            continue
        for name in names:
            if name.startswith("diplomap."):
                yield node.lineno, name


def test_graph_has_only_subpackages():
    loose = [p.name for p in (ROOT / "graph").glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules directly in graph/ (move them into a subpackage): {loose}"
    subpackages = {p.parent.name for p in (ROOT / "graph").glob("*/__init__.py")}
    assert subpackages == set(GRAPH_ALLOWED), "a graph/ subpackage without rules here (or the reverse)"


def test_graph_subpackages_say_what_they_hold_and_import_nothing():
    for init in [ROOT / "graph" / "__init__.py", *(ROOT / "graph").glob("*/__init__.py")]:
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(ROOT)} needs a docstring: what lives there, what it may import"
        assert len(tree.body) == 1, f"{init.relative_to(ROOT)} should hold only its docstring"


def test_graph_subpackages_import_one_way():
    known = _modules()
    offenders = []
    for sub, allowed in GRAPH_ALLOWED.items():
        for path in (ROOT / "graph" / sub).rglob("*.py"):
            for line, name in _imported_modules(path, known):
                parts = name.split(".")
                target = parts[2] if parts[1] == "graph" and len(parts) > 2 else parts[1]
                if target not in {sub, "ontology"} and target not in allowed:
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {name} ({sub} may not import {target})")
    assert not offenders, "\n".join(offenders)


def test_no_import_cycles():
    """No chain of imports (at module level or inside functions) leads back to where it started."""
    known = _modules()
    edges = {module: sorted({name for _, name in _imported_modules(path, known) if name in known} - {module})
             for module, path in known.items()}
    # Tarjan's strongly connected components, iteratively.
    index, low, on_stack, stack, cycles, counter = {}, {}, set(), [], [], [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    assert not cycles, "modules that import each other (directly or in a ring):\n" + "\n".join(
        " <-> ".join(cycle) for cycle in cycles)


def _generated(path: Path) -> bool:
    head = path.read_text(encoding="utf-8")[:400]
    return "do not edit" in head.lower()


def test_no_module_over_400_lines():
    long = []
    for folder in MAPPED:
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if _generated(path):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long.append(f"{relative}: {lines} lines")
    assert not long, f"split these modules (at most {MAX_LINES} lines):\n" + "\n".join(long)


def test_store_backends_know_only_the_interface():
    """Inside graph/store/ only the registry names backends; backends import ``base`` and ``bindings``."""
    known = _modules()
    lower = {"diplomap.graph.store.base", "diplomap.graph.store.bindings"}
    offenders = []
    for path in (ROOT / "graph" / "store").glob("*.py"):
        if path.stem in {"registry", "__init__"}:
            continue
        offenders += [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in _imported_modules(path, known)
                      if name.startswith("diplomap.graph.store.") and name not in lower]
    assert not offenders, "\n".join(offenders)


# --- the wheel -----------------------------------------------------------------------------------

IN_CI = os.environ.get("CI", "").lower() == "true"
PACKAGE_DATA = ("graph/*/queries/*.rq", "graph/*/templates/*", "graph/*/static/*", "ontology/*.ttl",
                "ontology/data/*")


@pytest.mark.slow
def test_wheel_holds_every_module_and_the_package_data(tmp_path):
    """A wheel built from the sources holds every module, the queries, templates and static files,
    and a console script that names the click group."""
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    for folder in MAPPED:
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(source)], capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and re.search(r"No matching distribution|Could not find a version|"
                                           r"NewConnectionError|Network is unreachable", built.stderr):
        message = f"pip could not fetch the build backend: {built.stderr.strip().splitlines()[-1]}"
        if IN_CI:
            pytest.fail(message + " — CI must reach PyPI or a mirror", pytrace=False)
        pytest.skip(message)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("diplomap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))

    def in_wheel(path: Path) -> str:
        folder, *rest = path.relative_to(ROOT).parts
        return "/".join([*MAPPED[folder].split("."), *rest])

    expected = {in_wheel(p) for folder in MAPPED for p in (ROOT / folder).rglob("*.py")}
    expected |= {in_wheel(p) for pattern in PACKAGE_DATA for p in ROOT.glob(pattern) if p.is_file()}
    assert any(name.endswith(".rq") for name in expected) and any("/templates/" in n for n in expected)
    assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"

    script = re.search(r"^diplomap\s*=\s*(\S+):(\S+)$", entry_points, re.M)
    assert script, entry_points
    main = getattr(importlib.import_module(script.group(1)), script.group(2))
    assert isinstance(main, click.Group) and "build" in main.commands
