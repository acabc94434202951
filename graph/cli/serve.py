"""``diplomap serve``: the SPARQL endpoint and linked-data pages under uvicorn."""

from __future__ import annotations

import os

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.serve.app import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, TOKEN_ENV, create_app
from diplomap.ontology.iris import DEFAULT_BASE


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the endpoint to the network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port to listen on.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", default=DEFAULT_MAX_ROWS, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) a query returns at most; cut results carry X-SPARQL-MaxRows.")
@click.option("--workers", type=click.IntRange(1, 64), help="Query worker processes [default: 2-4 by CPU].")
@click.option("--cache-size", default=256, show_default=True, type=click.IntRange(min=0),
              help="Answers of recent queries kept until the data changes (0: no cache).")
@click.option("--allow-update", is_flag=True,
              help=f"Accept SPARQL updates with 'Authorization: Bearer ${TOKEN_ENV}'.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow browser pages from ORIGIN to query (repeatable; '*' for any).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base of the entity IRIs; /id/... on this server dereferences base + path.")
@reports_errors
def serve(store_spec, host, port, timeout, max_rows, workers, cache_size, allow_update, cors_origins,
          base):
    """Serve the graph: SPARQL 1.1 endpoint at /sparql, query page at /, entity pages at /id/...

    Read-only unless --allow-update (which needs a token in the environment). Queries run in
    worker processes that are stopped after --timeout seconds.
    """
    import uvicorn

    token = os.environ.get(TOKEN_ENV) or None
    app = create_app(store_spec, allow_update=allow_update, token=token, timeout=timeout,
                     max_rows=max_rows, cors_origins=tuple(cors_origins), base=base, workers=workers,
                     cache_size=cache_size)
    click.echo(f"diplomap: serving {store_spec.describe()} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]
