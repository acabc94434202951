"""The CLI reference (docs/cli.md), generated from the commands' own --help texts.

``python -m diplomap.graph.cli_reference docs/cli.md`` rewrites the file; a test checks it is current.
"""

from __future__ import annotations

import sys

import click

from diplomap.graph.cli import main

HEADER = """# diplomap command-line reference

Generated from `--help` by `python -m diplomap.graph.cli_reference docs/cli.md`; do not edit by hand.
"""


def _help(command: click.Command, path: list[str]) -> str:
    with click.Context(command, info_name=" ".join(path), terminal_width=100, max_content_width=100) as ctx:
        return command.get_help(ctx)


def render() -> str:
    parts = [HEADER, "## diplomap\n", "```text", _help(main, ["diplomap"]), "```\n"]
    for name in sorted(main.commands):
        parts += [f"## diplomap {name}\n", "```text", _help(main.commands[name], ["diplomap", name]), "```\n"]
    return "\n".join(parts)


def write(path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(render())


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1 else "docs/cli.md")
