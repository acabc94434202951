"""Issue 14, the tour's chores: the skip summary and the apt-get line, the notebooks extra,
.gitignore for the tour's outputs, exports that say what they wrote, no deprecated click API."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

from click.testing import CliRunner

from diplomap.graph.cli.group import main

ROOT = Path(__file__).resolve().parent.parent
APT_LINE = "apt-get install -y chromium raptor2-utils virtuoso-opensource"


def test_pytest_ends_with_what_was_skipped_and_why(tmp_path):
    (tmp_path / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text())
    (tmp_path / "test_x.py").write_text(
        "from conftest import require_tool\n\n"
        "def test_a():\n    require_tool('no-such-tool-xyz', 'apt-get install no-such-tool-xyz')\n")
    env = {"PATH": "/usr/bin:/bin", "CI": ""}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           "test_x.py"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert "1 skipped, by reason" in done.stdout, done.stdout
    assert "no-such-tool-xyz not found" in done.stdout and "test_x.py::test_a" in done.stdout
    assert APT_LINE in done.stdout


def test_readme_gives_the_apt_line_next_to_the_test_command():
    head = (ROOT / "README.md").read_text().split("## ", 1)[0]
    assert "python -m pytest" in head and APT_LINE in head


def test_notebooks_extra_installs_jupyterlab():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(dep.startswith("jupyterlab") for dep in extras["notebooks"])
    assert "pip install -e '.[notebooks]'" in (ROOT / "notebooks" / "README.md").read_text()


def test_tour_outputs_are_ignored_by_git():
    patterns = [line for line in (ROOT / ".gitignore").read_text().splitlines()
                if line and not line.startswith("#")]

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, p.lstrip("/").rstrip("/")) for p in patterns)

    for name in ("diplomap-map.html", "bac-ninh.html", "talks.html", "map.html", "diplomap.ttl",
                 "diplomap.gexf", "diplomap.graphml", "diplomap-store", "void.ttl", "nodes.csv"):
        assert ignored(name), name
    for kept in ("README.md", "pyproject.toml", "CONTRIBUTING.md"):
        assert not ignored(kept), kept


def test_every_export_says_what_it_wrote(small_store_dir, tmp_path):
    runner = CliRunner()
    for fmt, name, words in (("gexf", "g.gexf", "nodes and"), ("graphml", "g.graphml", "nodes and"),
                             ("void", "v.ttl", "VoID/DCAT description"), ("turtle", "d.ttl", "statements"),
                             ("csv", "net-", "edges.csv")):
        out = tmp_path / name
        result = runner.invoke(main, ["export", "--format", fmt, "-o", str(out), "--store", small_store_dir])
        assert result.exit_code == 0, result.output
        assert "wrote" in result.output and str(out) in result.output and words in result.output, (fmt, result.output)


def test_query_to_stdout_uses_no_deprecated_click_api(small_store_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        result = CliRunner().invoke(main, ["query", "SELECT ?l WHERE { ?p a dm:Person ; rdfs:label ?l }",
                                           "--format", "csv", "--store", small_store_dir])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["l", "Nguyen Van An"]
    source = (ROOT / "graph" / "cli" / "query.py").read_text()
    assert "get_binary_stream(" not in source


def test_queries_lists_the_predeclared_prefixes():
    result = CliRunner().invoke(main, ["queries", "--prefixes"])
    assert result.exit_code == 0
    assert "PREFIX dm:" in result.output and "<https://w3id.org/diplomap/ontology#>" in result.output


def test_help_texts_path_top_port_render_output():
    runner = CliRunner()
    path_help = runner.invoke(main, ["path", "--help"]).output
    assert "--focus" not in path_help and "--depth" not in path_help and "--predicates" in path_help
    for command, option in (("analyze", "--top"), ("serve", "--port"), ("render", "--output")):
        text = runner.invoke(main, [command, "--help"]).output
        line = next(i for i, row in enumerate(text.splitlines()) if option in row)
        after = " ".join(text.splitlines()[line:line + 2])
        words = after.split(option, 1)[1]
        assert any(w in words for w in ("How many", "TCP port", "HTML file")), (command, text)
