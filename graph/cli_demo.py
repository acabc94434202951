"""``diplomap demo``: the README's first command."""

from __future__ import annotations

import click

from diplomap.graph.cli_options import reports_errors, store_options
from diplomap.graph.counts import entities_per_class
from diplomap.graph.reference import load_reference
from diplomap.graph.store import open_store


@click.command()
@store_options
@reports_errors
def demo(store_spec):
    """Load the reference data into the store and print what it holds."""
    with open_store(store_spec) as store:
        loaded = load_reference(store)
        click.echo(f"{store_spec.describe()}: reference data {'loaded' if loaded else 'already current'}")
        for name, count in entities_per_class(store).items():
            click.echo(f"  {name:<28}{count:>7}")


COMMANDS = [demo]
