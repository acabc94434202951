"""The README's tour works as written (issue 14).

Every ```text block of README.md that follows a ``<!-- tour -->`` comment is a transcript:
lines starting with ``$ diplomap`` are run (through click's CliRunner, in a fresh folder
holding a copy of ``examples/``, in the order the README gives them) and the lines after each
are what it prints. ``<!-- tour head=N tail=M -->`` shows only the first N and last M lines,
with a ``…`` line between. The test rebuilds the README from what the commands print now and
compares; after a change that moves the outputs (the extractor, the sample corpus), rewrite
the transcripts with::

    DIPLOMAP_UPDATE_README=1 python -m pytest tests/test_readme_tour.py

Every ``diplomap`` line of the README's ```bash blocks must at least parse: its command and
options exist.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- tour(?P<opts>(?:\s+\w+=\d+)*)\s*-->$")
ELLIPSIS = "…"


def run_command(line: str) -> str:
    args = shlex.split(line)
    assert args[0] == "diplomap", line
    result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    return result.output


def shorten(lines: list[str], head: int | None, tail: int | None) -> list[str]:
    if head is None or len(lines) <= head + (tail or 0) + 1:
        return lines
    return lines[:head] + [ELLIPSIS] + (lines[len(lines) - tail:] if tail else [])


def render_transcripts(text: str, run=run_command) -> str:
    """The README with every tour transcript's output replaced by what ``run`` prints now."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        marker = MARKER.match(line.strip())
        i += 1
        if not marker:
            continue
        opts = dict(opt.split("=") for opt in marker["opts"].split())
        head = int(opts["head"]) if "head" in opts else None
        tail = int(opts["tail"]) if "tail" in opts else None
        assert lines[i] == "```text", f"README line {i + 1}: a tour marker must precede a ```text block"
        out.append(lines[i])
        i += 1
        while lines[i] != "```":
            if lines[i].startswith("$ "):
                out.append(lines[i])
                printed = run(lines[i][2:]).rstrip("\n").split("\n")
                out.extend(shorten(printed, head, tail))
            i += 1
        out.append(lines[i])
        i += 1
    return "\n".join(out)


@pytest.fixture
def tour_folder(tmp_path, monkeypatch):
    """A folder like a fresh clone's root: examples/ and nothing built yet."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for name in ("DIPLOMAP_STORE", "DIPLOMAP_ENDPOINT_USER", "DIPLOMAP_ENDPOINT_PASSWORD", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_readme_transcripts_match_what_the_commands_print(tour_folder):
    text = README.read_text(encoding="utf-8")
    assert text.count("<!-- tour") >= 5, "the tour's transcripts lost their markers"
    fresh = render_transcripts(text)
    if os.environ.get("DIPLOMAP_UPDATE_README") == "1":
        README.write_text(fresh, encoding="utf-8")
        return
    assert fresh == text, ("README transcripts drifted from what the commands print; rewrite them with "
                           "DIPLOMAP_UPDATE_README=1 python -m pytest tests/test_readme_tour.py")
    # What the tour promises in its prose is in the transcripts too.
    assert "replacedBy" in fresh and "2025-07-01" in fresh
    assert (tour_folder / "diplomap-map.html").exists() and (tour_folder / "diplomap-geo.html").exists()


def bash_lines(text: str) -> list[str]:
    found, inside = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            inside = line == "```bash"
            continue
        if inside and line.startswith("diplomap "):
            found.append(line)
    return found


def test_readme_bash_commands_parse():
    lines = bash_lines(README.read_text(encoding="utf-8"))
    assert len(lines) >= 6
    for line in lines:
        args = shlex.split(line, comments=True)[1:]
        parent = main.make_context("diplomap", [], resilient_parsing=True)
        command = main.get_command(parent, args[0])
        assert command is not None, line
        try:
            command.make_context(args[0], args[1:], parent=parent)
        except click.exceptions.Exit:
            pass
        except click.UsageError as error:
            pytest.fail(f"README: {line!r} does not parse: {error}")


def test_shorten_keeps_head_and_tail():
    assert shorten(list("abcdefg"), 2, 1) == ["a", "b", ELLIPSIS, "g"]
    assert shorten(list("abcd"), 2, 1) == list("abcd")
    assert shorten(list("abcdefg"), 3, None) == ["a", "b", "c", ELLIPSIS]
