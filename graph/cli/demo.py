"""``diplomap demo``: the README's first command — build the sample corpus, show it, draw it."""

from __future__ import annotations

import os
import sys

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.ingest.stats import collect
from diplomap.graph.maps.geo import render_geo
from diplomap.graph.maps.render import render_map
from diplomap.graph.store.registry import open_store
from diplomap.ontology.errors import InputError

SAMPLE_CORPUS = os.path.join("examples", "corpus")
DEFAULT_MAP = "diplomap-map.html"
DEFAULT_GEO = "diplomap-geo.html"


@click.command()
@click.argument("corpus", required=False, type=click.Path())
@click.option("-o", "--output", "map_path", default=DEFAULT_MAP, show_default=True, type=click.Path(),
              help="Where to write the relationship map.")
@click.option("--geo-output", "geo_path", default=None, type=click.Path(),
              help=f"Where to write the geographic map [default: {DEFAULT_GEO} next to the relationship map].")
@store_options
@reports_errors
def demo(corpus, map_path, geo_path, store_spec):
    """Build the sample corpus (CORPUS, default ./examples/corpus), print what the store holds
    and write the relationship map and the geographic map, each linking the other."""
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
        geo_path = geo_path or os.path.join(os.path.dirname(map_path), DEFAULT_GEO)
        # each page links the other by a path relative to its own folder
        drawn = render_map(store, map_path, title="diplomap — sample corpus",
                           geo_href=_relative(geo_path, map_path))
        placed = render_geo(store, geo_path, title="diplomap — sample corpus",
                            network_href=_relative(map_path, geo_path))
        click.echo("")
        click.echo(f"map: {drawn.path} ({drawn.nodes} entities, {drawn.edges} relations, "
                   f"{drawn.bytes // 1024} KB, works offline)")
        click.echo(f"geographic map: {placed.path} ({placed.nodes} entities, {placed.located} at their own point, "
                   f"{placed.bytes // 1024} KB, works offline)")


def _relative(target: str, page: str) -> str:
    return os.path.relpath(os.path.abspath(target), os.path.dirname(os.path.abspath(page))).replace(os.sep, "/")


COMMANDS = [demo]
