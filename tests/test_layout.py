"""The package layout: every Python folder is listed in pyproject, and no bare imports."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

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
