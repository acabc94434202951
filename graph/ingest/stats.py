"""``diplomap stats``: what a store holds — documents, triples, entities, edges, statements."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from pyoxigraph import DefaultGraph, NamedNode

from diplomap.graph.ingest.counts import entities_per_class
from diplomap.graph.store.base import GraphStore
from diplomap.loaders.emit import ENTITIES_GRAPH
from diplomap.ontology.iris import DEFAULT_BASE, GRAPH_NS, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from diplomap.ontology.vocab import DIRECT_PROPERTIES, DM_NS, STAGES

RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
NO_STATUS = "(none)"


@dataclass
class Stats:
    documents: int
    triples: dict[str, int]  # per kind of graph: ontology, reference, entities, documents, total
    entities: dict[str, int]  # per class: every typed entity (gazetteer included)
    mentioned: dict[str, int]  # per class: entities some document mentions
    edges: dict[str, int]  # per direct predicate
    statements: dict[str, int]  # per partnership stage, "(none)" for statements without one

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    def table(self) -> str:
        lines = [f"documents{self.documents:>31}", "", "triples"]
        lines += [f"  {name:<28}{n:>10}" for name, n in self.triples.items()]
        lines += ["", f"{'entities':<30}{'all':>10}{'mentioned':>11}"]
        lines += [f"  {name:<28}{n:>10}{self.mentioned[name]:>11}" for name, n in self.entities.items()]
        lines += ["", "edges"]
        lines += [f"  {name:<28}{n:>10}" for name, n in self.edges.items()]
        lines += ["", "statements by status"]
        lines += [f"  {name:<28}{n:>10}" for name, n in self.statements.items()]
        return "\n".join(lines)


def _count(store: GraphStore, sparql: str) -> int:
    rows = store.select(sparql)
    return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0


def _grouped(store: GraphStore, sparql: str) -> dict[str, int]:
    return {row["k"].value: int(row["n"].value) for row in store.select(sparql) if "k" in row}


def triples_per_graph_kind(store: GraphStore, base: str = DEFAULT_BASE) -> dict[str, int]:
    """Only diplomap's own graphs count: a shared server (Virtuoso) holds graphs of its own."""
    named = {ONTOLOGY_GRAPH: "ontology", REFERENCE_GRAPH: "reference", ENTITIES_GRAPH: "entities"}
    kinds = {"ontology": 0, "reference": 0, "entities": 0, "documents": 0}
    oxigraph = getattr(store, "oxigraph", None)
    if oxigraph is not None:
        per_graph = _small_graphs(store, oxigraph, base)
        # The documents hold the rest: a count grouped by graph reads every quad of every
        # document graph through SPARQL (2 s for 10,000 articles), the store's own count does not.
        in_default = sum(1 for _ in oxigraph.quads_for_pattern(None, None, None, DefaultGraph()))
        kinds["documents"] = len(oxigraph) - in_default - sum(per_graph.values())
    else:
        per_graph = _grouped(store, "SELECT (?g AS ?k) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    for graph, n in per_graph.items():
        if graph in named:
            kinds[named[graph]] += n
        elif graph.startswith(base + "document/"):
            kinds["documents"] += n
        elif graph.startswith(GRAPH_NS):
            kinds.setdefault("other", 0)
            kinds["other"] += n
    kinds["total"] = sum(kinds.values())
    return kinds


def _small_graphs(store: GraphStore, oxigraph, base: str) -> dict[str, int]:
    """Quads per named graph that is not a document's (ontology, reference, entities, any other)."""
    counts = {}
    for node in oxigraph.named_graphs():
        if isinstance(node, NamedNode) and not node.value.startswith(base + "document/"):
            counts[node.value] = _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        elif not isinstance(node, NamedNode):  # a blank-node graph: not ours, but in len()
            counts[str(node)] = sum(1 for _ in oxigraph.quads_for_pattern(None, None, None, node))
    return counts


def collect(store: GraphStore, base: str = DEFAULT_BASE) -> Stats:
    documents = _count(store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?d {{ ?d a <{DM_NS}Document> }} }}")
    # each entity once before its class is looked up: it is mentioned in many documents
    mentioned_rows = _grouped(
        store, f"""SELECT (?c AS ?k) (COUNT(DISTINCT ?e) AS ?n) WHERE {{
                     {{ SELECT DISTINCT ?e WHERE {{ ?e <{DM_NS}mentionedIn> ?d }} }} ?e a ?c }} GROUP BY ?c""")
    entities = entities_per_class(store)
    mentioned = {name: mentioned_rows.get(DM_NS + name, 0) for name in entities}
    predicates = " ".join(f"<{DM_NS}{p}>" for p in DIRECT_PROPERTIES)
    edge_rows = _grouped(
        store, f"SELECT (?p AS ?k) (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {predicates} }} }} GROUP BY ?p")
    edges = {p: edge_rows.get(DM_NS + p, 0) for p in DIRECT_PROPERTIES}
    # dm:status is said of statement nodes only (the contract), so the statements that have one are
    # counted from it, without an rdf:type look-up for each of them
    status_rows = _grouped(
        store, f"""SELECT (?status AS ?k) (COUNT(DISTINCT ?st) AS ?n) WHERE {{
                     GRAPH ?g {{ ?st <{DM_NS}status> ?status }} }} GROUP BY ?status""")
    statements = {stage: status_rows.get(DM_NS + stage, 0) for stage in STAGES}
    total = _count(store, f"SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{ GRAPH ?g {{ ?st a <{RDF_STATEMENT}> }} }}")
    statements[NO_STATUS] = total - sum(statements.values())
    statements["total"] = total
    return Stats(documents, triples_per_graph_kind(store, base), entities, mentioned, edges, statements)
