"""RDF exports: Turtle, TriG, N-Triples, N-Quads, JSON-LD — streamed, sorted, byte-identical.

Oxigraph's dump order depends on its storage, not on the data, so the same graph could
give two different files. Here every graph is dumped to canonical N-Triples on disk, the
lines are sorted in chunks and merged (an external merge sort: memory stays bounded by
the chunk size, not by the store), duplicates across graphs are dropped, and the sorted
stream goes through pyoxigraph's own writers. Sorted input makes the Turtle writer group
each subject's triples into one block.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import BinaryIO

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse, serialize

from diplomap.graph.query.prefixes import prefixes as default_prefixes
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError, StoreError
from diplomap.ontology.iris import DEFAULT_BASE, GRAPH_NS, ONTOLOGY_GRAPH, REFERENCE_GRAPH

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
GRAPH_SELECTIONS = ("all", "reference", "documents")
REFERENCE_GRAPHS = (ONTOLOGY_GRAPH, REFERENCE_GRAPH)
DESCRIPTION_GRAPH = GRAPH_NS + "description"
CHUNK_LINES = 250_000


@dataclass(frozen=True)
class ExportStats:
    statements: int  # triples (or quads) written
    graphs: int


def oxigraph_of(store: GraphStore | Store) -> Store:
    """The pyoxigraph store behind ``store``; other backends are copied into a temporary one."""
    if isinstance(store, Store):
        return store
    native = getattr(store, "oxigraph", None)
    if native is not None:
        return native
    copy = Store()
    rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    copy.extend(Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
    return copy


def select_graphs(oxigraph: Store, which: str = "all") -> list:
    """The graph names an export covers, sorted; the default graph comes first when it has data."""
    if which not in GRAPH_SELECTIONS:
        raise InputError(f"--graph is one of {', '.join(GRAPH_SELECTIONS)}, not {which!r}")
    names = sorted((g for g in oxigraph.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)
    if which == "reference":
        names = [g for g in names if g.value in REFERENCE_GRAPHS]
    elif which == "documents":
        names = [g for g in names if g.value not in REFERENCE_GRAPHS]
    has_default = next(iter(oxigraph.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None
    return ([DefaultGraph()] if has_default and which == "all" else []) + names


def _graph_key(graph) -> bytes:
    return b"" if isinstance(graph, DefaultGraph) else str(graph).encode("utf-8")


def sorted_lines(oxigraph: Store, graphs: Iterable, keep_graph: bool,
                 extra: Iterable[tuple[object, bytes]] = (), workdir: str | None = None) -> Iterator[bytes]:
    """Sorted, de-duplicated lines ``graph-key TAB n-triples-line`` (or just the N-Triples line).

    ``extra`` adds (graph, N-Triples line) pairs that are not in the store (the description).
    """
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, ExitStack() as files:
        runs: list[str] = []
        chunk: list[bytes] = []

        def flush() -> None:
            if chunk:
                chunk.sort()
                path = os.path.join(tmp, f"run{len(runs)}")
                with open(path, "wb") as out:
                    out.writelines(chunk)
                runs.append(path)
                chunk.clear()

        dump = os.path.join(tmp, "graph.nt")
        for graph in graphs:
            key = _graph_key(graph) + b"\t" if keep_graph else b""
            try:
                oxigraph.dump(dump, RdfFormat.N_TRIPLES, from_graph=graph)
            except OSError as exc:
                raise StoreError(f"cannot read graph {graph}: {exc}") from None
            with open(dump, "rb") as lines:
                for line in lines:
                    chunk.append(key + line)
                    if len(chunk) >= CHUNK_LINES:
                        flush()
        for graph, line in extra:
            chunk.append((_graph_key(graph) + b"\t" if keep_graph else b"") + line)
        flush()
        previous = None
        for line in heapq.merge(*(files.enter_context(open(path, "rb")) for path in runs)):
            if line != previous:
                yield line
                previous = line


def _as_nquads(keyed: bytes) -> bytes:
    graph, _, triple = keyed.partition(b"\t")
    if not graph:
        return triple
    return triple[: triple.rindex(b" .")] + b" " + graph + b" .\n"


def ntriples_lines(quads: Iterable[Quad]) -> list[tuple[object, bytes]]:
    """(graph, canonical N-Triples line) for quads held outside the store."""
    out = []
    for quad in quads:
        line = serialize([quad.triple], format=RdfFormat.N_TRIPLES)
        out.append((quad.graph_name, line))
    return out


def export_rdf(store: GraphStore | Store, out: BinaryIO, fmt: str, which: str = "all",
               base: str = DEFAULT_BASE, extra_quads: Iterable[Quad] = ()) -> ExportStats:
    """Write the selected graphs of ``store`` to ``out`` in ``fmt`` (a key of RDF_FORMATS)."""
    if fmt not in RDF_FORMATS:
        raise InputError(f"unknown RDF format {fmt!r}; known: {', '.join(RDF_FORMATS)}")
    oxigraph = oxigraph_of(store)
    graphs = select_graphs(oxigraph, which)
    keep_graph = fmt in QUAD_FORMATS
    extra = ntriples_lines(extra_quads)
    lines = sorted_lines(oxigraph, graphs, keep_graph, extra)
    count = 0
    if fmt in ("nt", "nq"):
        for line in lines:
            out.write(_as_nquads(line) if keep_graph else line)
            count += 1
        return ExportStats(count, len(graphs))
    # Pretty formats: the sorted stream goes through a temporary file, then pyoxigraph's
    # streaming parser and writer; memory holds neither the whole file nor the graph.
    with tempfile.NamedTemporaryFile(suffix=".nq", delete=False) as sorted_file:
        for line in lines:
            sorted_file.write(_as_nquads(line) if keep_graph else line)
            count += 1
    try:
        source_format = RdfFormat.N_QUADS if keep_graph else RdfFormat.N_TRIPLES
        statements = parse(path=sorted_file.name, format=source_format)
        serialize(statements, out, RDF_FORMATS[fmt],
                  prefixes=default_prefixes(base) if fmt in ("turtle", "trig") else None)
    finally:
        os.unlink(sorted_file.name)
    return ExportStats(count, len(graphs))
