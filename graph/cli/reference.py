"""The CLI reference (docs/cli.md), generated from the commands' own --help texts.

``python -m diplomap.graph.cli.reference docs/cli.md`` rewrites the file; a test checks it is current.
"""

from __future__ import annotations

import sys

import click

from diplomap.graph.cli.group import main

HEADER = """# diplomap command-line reference

Generated from `--help` by `python -m diplomap.graph.cli.reference docs/cli.md`; do not edit by hand.
"""


def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    # make_context applies the group's context settings (``-h``/``--help``) exactly as a real
    # invocation does, so the page does not depend on what ran before in this process.
    return command.make_context(name, [], parent=parent, resilient_parsing=True,
                                terminal_width=100, max_content_width=100)


def render() -> str:
    root = _context(main, "diplomap")
    parts = [HEADER, "## diplomap\n", "```text", main.get_help(root), "```\n"]
    for name in sorted(main.commands):
        command = main.commands[name]
        parts += [f"## diplomap {name}\n", "```text", command.get_help(_context(command, name, root)), "```\n"]
    return "\n".join(parts)


def write(path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(render())


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1 else "docs/cli.md")
