"""``diplomap query | queries | update | export | validate``: thin commands over the library."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import sys
import tempfile

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.query.prefixes import prefixes
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.ontology.errors import DiplomapError, QueryError, StoreError
from diplomap.ontology.iris import DEFAULT_BASE

QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld")
EXPORT_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv", "void")
NETWORK_FORMATS = ("graphml", "gexf", "csv")
DEFAULT_QUERY_TIMEOUT = 300.0


def _reading(spec: StoreSpec) -> StoreSpec:
    # Reading commands open an on-disk store read-only: no lock, and no empty store
    # created by a typo in --store.
    return dataclasses.replace(spec, read_only=True) if spec.kind == "oxigraph" else spec


@contextlib.contextmanager
def _binary_output(path: str | None):
    """stdout, or a file written whole or not at all: a temporary file beside it, renamed
    into place when the writing succeeded (a crash or a kill leaves the old file as it was)."""
    if path is None:
        sys.stdout.flush()
        yield sys.stdout.buffer  # not click.get_binary_stream, which newer click deprecates
        sys.stdout.buffer.flush()
        return
    with atomic_output(path) as out:
        yield out


@contextlib.contextmanager
def atomic_output(path: str):
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


def _query_text(sparql: str | None, query_file, saved: str | None) -> str | None:
    given = [name for name, value in (("a query", sparql), ("-f", query_file), ("--saved", saved)) if value]
    if len(given) != 1:
        raise click.UsageError("give exactly one of: a query, -f FILE, --saved NAME")
    return query_file.read() if query_file else sparql


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param wants KEY=VALUE, not {item!r}")
        values[key.strip()] = value
    return values


@click.command("query")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a .rq file.")
@click.option("--saved", metavar="NAME", help="Run a saved query (see 'diplomap queries').")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of a saved query, bound as an RDF term (repeatable).")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS),
              help="table|csv|tsv|json|xml for SELECT/ASK, turtle|nt|jsonld for CONSTRUCT/DESCRIBE "
                   "[default: table on a terminal, else csv; turtle].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@click.option("--allow-service", is_flag=True, help="Permit SERVICE calls to remote endpoints.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_QUERY_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds (0: no limit). Ctrl-C stops it too.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the entities (for prefixes).")
@store_options
@reports_errors
def query_command(sparql, query_file, saved, params, fmt, output, allow_service, timeout, base, store_spec):
    """Run a read-only SPARQL query over all graphs of the store.

    Updates are refused: use 'diplomap update'. The query runs in a child process that is
    killed at the time limit or on Ctrl-C. Example:

      diplomap query --saved partners-of-province --param province="Bac Ninh"
    """
    from diplomap.graph.query.worker import QueryInterrupted, QueryJob, run_query_job

    text = _query_text(sparql, query_file, saved)
    values = _parse_params(params)
    if values and not saved:
        raise click.UsageError("--param goes with --saved")
    spec = _reading(store_spec)
    if spec.kind == "oxigraph" and not os.path.isdir(spec.location or ""):
        raise StoreError(f"cannot open {spec.describe()}: no such store directory")
    job = QueryJob(spec, None if saved else text, saved, values, fmt,
                   output is None and sys.stdout.isatty(), allow_service, base)
    try:
        with _binary_output(output) as out:
            run_query_job(job, out, timeout)
    except QueryInterrupted as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(130)


@click.command("queries")
@click.option("-v", "--verbose", is_flag=True, help="Show descriptions too.")
@click.option("--prefixes", "show_prefixes", is_flag=True,
              help="List the prefixes every query may use without declaring them, instead.")
@reports_errors
def queries_command(verbose, show_prefixes):
    """List the saved queries: name, title and parameters."""
    from diplomap.graph.query.saved import saved_queries

    if show_prefixes:
        for prefix, namespace in prefixes().items():
            click.echo(f"PREFIX {prefix + ':':<28} <{namespace}>")
        return

    found = saved_queries()
    width = max(len(name) for name in found)
    for name, query in found.items():
        params = " ".join(f"--param {p.name}=<{p.kind}{' ' + p.cls if p.cls else ''}>" for p in query.params)
        click.echo(f"{name:<{width}}  {query.title}" + (f"  [{params}]" if params else ""))
        if verbose:
            click.echo(f"{'':<{width}}  {query.description}")
            for p in query.params:
                click.echo(f"{'':<{width}}    {p.name}: {p.description}")


@click.command("update")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the update from a file.")
@store_options
@reports_errors
def update_command(sparql, query_file, store_spec):
    """Run a SPARQL 1.1 update: a deliberate change to the store.

    Updates see the store's graphs as they are (no union default graph): name the graph with
    GRAPH <...> or WITH <...>. Rebuilding a document replaces its graph and undoes edits to it.
    """
    from diplomap.graph.query.execute import parse_error_message

    text = _query_text(sparql, query_file, None)
    with open_store(store_spec) as store:
        try:
            store.update(text)
        except QueryError as exc:
            message = str(exc)
            cause = message.partition(": ")[2]
            raise QueryError(parse_error_message(SyntaxError(cause), text, "SPARQL update")
                             if cause.startswith("error at") else message) from None
    click.echo("update done", err=True)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Output file (for csv: a directory or a file-name prefix). "
              "Default: stdout.")
@click.option("--graph", "which", type=click.Choice(("all", "reference", "documents")),
              help="Which graphs [default: all; documents for graphml, gexf and csv].")
@click.option("--describe", is_flag=True, help="Include the VoID/DCAT description in an RDF export.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the entities and the dataset.")
@click.option("--license", "license_iri", metavar="IRI", help="License of the dataset (e.g. a Creative Commons IRI).")
@click.option("--publisher", metavar="NAME|IRI", help="Publisher of the dataset.")
@click.option("--sparql-endpoint", metavar="URL", help="Public SPARQL endpoint, for void:sparqlEndpoint.")
@click.option("--dump-url", metavar="URL", help="Public dump URL for void:dataDump; '{ext}' becomes each format's extension.")
@store_options
@reports_errors
def export_command(fmt, output, which, describe, base, license_iri, publisher, sparql_endpoint, dump_url,
                   store_spec):
    """Export the graph: RDF (sorted, byte-identical for the same store), network files or VoID/DCAT."""
    from diplomap.graph.export.describe import DescriptionOptions, describe_dataset
    from diplomap.graph.export.rdf import export_rdf

    options = DescriptionOptions(base=base, license=license_iri, publisher=publisher,
                                 sparql_endpoint=sparql_endpoint, dump_url=dump_url)
    which = which or ("documents" if fmt in NETWORK_FORMATS else "all")
    if fmt == "csv" and not output:
        raise click.UsageError("--format csv writes two files: give -o DIRECTORY/ or -o PREFIX")
    with open_store(_reading(store_spec)) as store:
        if fmt in NETWORK_FORMATS:
            _export_network(store, fmt, output, which)
            return
        if fmt == "void":
            from pyoxigraph import Store

            description = Store()
            description.extend(describe_dataset(store, which, options))
            with _binary_output(output) as out:
                export_rdf(description, out, "turtle", base=base)
            if output:
                click.echo(f"wrote the VoID/DCAT description ({len(description)} triples) to {output}",
                           err=True)
            return
        extra = describe_dataset(store, which, options) if describe else []
        with _binary_output(output) as out:
            stats = export_rdf(store, out, fmt, which, base=base, extra_quads=extra)
    if output:
        click.echo(f"wrote {stats.statements} statements from {stats.graphs} graphs to {output}", err=True)


def _export_network(store, fmt: str, output: str | None, which: str) -> None:
    from diplomap.graph.export.network import (
        csv_paths,
        project,
        write_csv,
        write_gexf,
        write_graphml,
    )

    network = project(store, which)
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(output)
        with atomic_output(nodes_path) as nodes_bytes, atomic_output(edges_path) as edges_bytes:
            nodes = io.TextIOWrapper(nodes_bytes, encoding="utf-8", newline="")
            edges = io.TextIOWrapper(edges_bytes, encoding="utf-8", newline="")
            write_csv(network, nodes, edges)
            nodes.flush()
            edges.flush()
            nodes.detach()
            edges.detach()
        click.echo(f"wrote {nodes_path} and {edges_path}", err=True)
        return
    with _binary_output(output) as out:
        (write_gexf if fmt == "gexf" else write_graphml)(network, out)
    if output:
        click.echo(f"wrote {len(network.nodes)} nodes and {len(network.edges)} edges to {output}", err=True)


class ValidationFailed(click.ClickException):
    exit_code = 2


@click.command("validate")
@click.option("--shapes", "shapes_file", type=click.File("r", encoding="utf-8"),
              help="SHACL shapes in Turtle [default: the ontology's shapes.ttl].")
@click.option("--limit", default=20, show_default=True, help="Results shown per shape.")
@store_options
def validate_command(shapes_file, limit, store_spec):
    """Check the store against the SHACL shapes. Exit 0: conforms, 1: violations, 2: could not run."""
    from diplomap.graph.export.validate import validate_store

    try:
        with open_store(_reading(store_spec)) as store:
            report = validate_store(store, shapes_file.read() if shapes_file else None)
    except (DiplomapError, OSError, ValueError) as exc:
        raise ValidationFailed(str(exc) or exc.__class__.__name__) from None
    click.echo(report.render(limit), nl=False)
    sys.exit(0 if report.conforms else 1)


COMMANDS = [query_command, queries_command, update_command, export_command, validate_command]
