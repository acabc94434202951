"""``diplomap build``, ``diplomap remove``, ``diplomap stats``."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.ingest.dask_engine import PARTITION_DOCUMENTS, build_dask, connect
from diplomap.graph.ingest.pipeline import BATCH_DOCUMENTS, build_paths
from diplomap.graph.ingest.remove import remove_document
from diplomap.graph.ingest.stats import collect
from diplomap.graph.store.registry import open_store
from diplomap.ontology.iris import DEFAULT_BASE

MAX_PROBLEMS_SHOWN = 20
SOME_FAILED = 1
NOTHING_READ = 2


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in this many processes (writes stay in one).")
@click.option("--batch", type=click.IntRange(1), default=BATCH_DOCUMENTS, show_default=True,
              help="New documents per bulk load (documents that replace stored ones: at most 200 "
                   "per transaction).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local processes (--jobs), or dask.distributed tasks that "
                   "write N-Quads shards this process bulk-loads.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use (tcp://host:8786); without it, a local "
                   "cluster of --jobs worker processes.")
@click.option("--partition", type=click.IntRange(1), default=PARTITION_DOCUMENTS, show_default=True,
              help="With --engine dask: documents per task.")
@click.option("--shards", metavar="DIR", type=click.Path(file_okay=False),
              help="With --engine dask: where tasks write their shards (a file system the workers "
                   "and this machine share) [default: a temporary directory].")
@click.option("--virtuoso-isql", metavar="HOST:PORT",
              help="With --endpoint on Virtuoso: its SQL port, to load new documents with Virtuoso's "
                   "bulk loader (ld_dir/rdf_loader_run) through isql; needs --virtuoso-load-dir.")
@click.option("--virtuoso-load-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="A directory the Virtuoso server reads (in its DirsAllowed), at the same path.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of entities and documents.")
@click.option("--force", is_flag=True,
              help="Extract every document again, even those already stored unchanged.")
@reports_errors
def build(paths, store_spec, jobs, batch, engine, scheduler, partition, shards, virtuoso_isql,
          virtuoso_load_dir, base, force):
    """Read PATHS (files, directories), extract, and load one named graph per document.

    Unchanged documents are skipped; changed ones, and ones an older extractor read, replace
    their graph.

    Exit status: 0 when every input was read and extracted; 1 when some were skipped or failed
    (the rest is loaded, the warnings say which); 2 when nothing could be read (no store is
    created when none of PATHS exists).
    """
    if engine != "dask" and (scheduler or shards):
        raise click.UsageError("--scheduler and --shards need --engine dask")
    if bool(virtuoso_isql) != bool(virtuoso_load_dir):
        raise click.UsageError("--virtuoso-isql and --virtuoso-load-dir go together")
    if virtuoso_isql:
        if store_spec.kind != "endpoint":
            raise click.UsageError("--virtuoso-isql needs --endpoint")
        store_spec = dataclasses.replace(store_spec, virtuoso_loader=(virtuoso_isql, virtuoso_load_dir))
    missing = [path for path in paths if not os.path.lexists(path)]
    if len(missing) == len(paths):
        click.echo(f"Error: nothing to build: {', '.join(missing)}: no such file or directory", err=True)
        sys.exit(NOTHING_READ)
    options = {"base": base, "batch_documents": batch, "progress": sys.stderr.isatty(), "force": force}
    if engine == "dask":
        # Connected before the store is opened: an unreachable scheduler changes nothing.
        with connect(scheduler, jobs) as client, open_store(store_spec) as store:
            on_dask = functools.partial(build_dask, client=client, partition=partition, shards=shards)
            summary = build_paths(store, paths, builder=on_dask, **options)
    else:
        with open_store(store_spec) as store:
            summary = build_paths(store, paths, jobs=jobs, **options)
    for problem in summary.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"warning: {problem}", err=True)
    if len(summary.problems) > MAX_PROBLEMS_SHOWN:
        click.echo(f"warning: ... and {len(summary.problems) - MAX_PROBLEMS_SHOWN} more", err=True)
    click.echo(f"{store_spec.describe()}:")
    for line in summary.lines():
        click.echo("  " + line)
    bad = summary.skipped + summary.failed
    if summary.read == 0 and summary.problems:
        click.echo(f"Error: no document could be read ({summary.skipped} inputs skipped)", err=True)
        sys.exit(NOTHING_READ)
    if bad:
        click.echo(f"Error: {summary.skipped} inputs skipped and {summary.failed} documents failed; "
                   "the rest is loaded", err=True)
        sys.exit(SOME_FAILED)


@click.command()
@click.argument("documents", nargs=-1, required=True)
@store_options
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of entities and documents.")
@reports_errors
def remove(documents, store_spec, base):
    """Drop the graphs of DOCUMENTS (document IRIs or identities)."""
    with open_store(store_spec) as store:
        for name in documents:
            removal = remove_document(store, name, base)
            click.echo(f"removed {removal.document}"
                       + (f" ({removal.orphans_removed} entities no longer mentioned)" if removal.orphans_removed else ""))


@click.command()
@store_options
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of entities and documents.")
@reports_errors
def stats(store_spec, output, base):
    """Documents, triples, entities per class, edges per predicate, statements per status."""
    with open_store(store_spec) as store:
        found = collect(store, base)
    click.echo(found.as_json() if output == "json" else found.table())


COMMANDS = [build, remove, stats]
