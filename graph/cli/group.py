"""The ``diplomap`` command: a thin layer over the library functions of diplomap.graph."""

from __future__ import annotations

import importlib

import click

from diplomap.graph.cli.options import not_built

# Commands live in small modules (graph/cli/<area>.py), each exposing ``COMMANDS``.
COMMAND_MODULES = (
    "diplomap.graph.cli.evaluate",
    "diplomap.graph.cli.demo",
    "diplomap.graph.cli.query",
    "diplomap.graph.cli.build",
    "diplomap.graph.cli.serve",
    "diplomap.graph.cli.maps",
    "diplomap.graph.cli.report",
)
RESERVED = {
    "build": "store and build, issue 4",
    "remove": "store and build, issue 4",
    "stats": "store and build, issue 4",
    "query": "query and export, issue 5",
    "queries": "query and export, issue 5",
    "update": "query and export, issue 5",
    "export": "query and export, issue 5",
    "validate": "query and export, issue 5",
    "render": "maps, issue 6",
    "analyze": "maps, issue 6",
    "path": "maps, issue 6",
    "serve": "serve, issue 7",
    "evaluate": "loaders, issue 3",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diplomap")
    except PackageNotFoundError:
        return "unknown"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="diplomap")
def main():
    """diplomap: a knowledge graph of sub-national foreign-affairs relations.

    Reads news articles, extracts who is partnered with whom, who invests and aids
    where, heritage, officials and visits, each fact with the sentence it came from,
    and keeps them as RDF for SPARQL, maps and linked-data exports.
    """


def _register() -> None:
    for module_name in COMMAND_MODULES:
        for command in importlib.import_module(module_name).COMMANDS:
            main.add_command(command)
    for name, issue in RESERVED.items():
        if name not in main.commands:
            main.add_command(not_built(name, issue))


_register()

if __name__ == "__main__":
    main()
