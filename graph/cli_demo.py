"""``diplomap demo``: the README's first command — build the sample corpus, show what it holds."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from diplomap.graph.build import build_paths
from diplomap.graph.cli_options import reports_errors, store_options
from diplomap.graph.stats import collect
from diplomap.graph.store import GraphStore, StoreSpec, open_store
from diplomap.ontology.errors import InputError

SAMPLE_CORPUS = os.path.join("examples", "corpus")

# Steps run after the build, in order, each given the open store and its spec and printing
# its own lines. The maps part (issue 6) appends its step here, e.g. rendering the network page.
DemoStep = Callable[[GraphStore, StoreSpec], None]
AFTER_BUILD: list[DemoStep] = []


@click.command()
@click.argument("corpus", required=False, type=click.Path())
@store_options
@reports_errors
def demo(corpus, store_spec):
    """Build the sample corpus (CORPUS, default ./examples/corpus) and print what the store holds."""
    corpus = corpus or SAMPLE_CORPUS
    if not os.path.exists(corpus):
        raise InputError(f"no sample corpus at {corpus}: run from the repository root or give its path")
    with open_store(store_spec) as store:
        summary = build_paths(store, [corpus], progress=sys.stderr.isatty())
        click.echo(f"{store_spec.describe()}: built {corpus}")
        for line in summary.lines():
            click.echo("  " + line)
        click.echo("")
        click.echo(collect(store).table())
        for step in AFTER_BUILD:
            step(store, store_spec)


COMMANDS = [demo]
