"""Reference data (ontology + gazetteer), each in its own named graph, loaded once per store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from diplomap.graph.store.base import GraphStore
from diplomap.ontology import resources
from diplomap.ontology.gazetteer_rdf import gazetteer_quads
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_GRAPH, REFERENCE_GRAPH

_VERSION = NamedNode("https://w3id.org/diplomap/ontology#contentHash")


def _ontology_quads() -> list[Quad]:
    graph = NamedNode(ONTOLOGY_GRAPH)
    return [Quad(t.subject, t.predicate, t.object, graph)
            for t in parse(resources.ontology_ttl(), format=RdfFormat.TURTLE)]


def reference_fingerprint(base: str = DEFAULT_BASE) -> str:
    h = hashlib.sha256(base.encode())
    h.update(resources.ontology_ttl().encode())
    h.update(resources.read_text("data/gazetteer.jsonl").encode())
    return "sha256:" + h.hexdigest()


@dataclass(frozen=True)
class ReferenceUpdate:
    """Reference data a store lacks: the graphs' quads and the version marker, written last."""

    quads: list[Quad]
    marker: Quad
    fresh: bool  # the store holds no reference data at all: nothing to replace

    def write(self, store: GraphStore) -> None:
        """Replace the graphs in transactions, the marker with the gazetteer."""
        ontology = [q for q in self.quads if q.graph_name.value == ONTOLOGY_GRAPH]
        store.replace_graph(ONTOLOGY_GRAPH, ontology)
        store.replace_graph(REFERENCE_GRAPH, [q for q in self.quads if q.graph_name.value != ONTOLOGY_GRAPH]
                            + [self.marker])


def reference_update(store: GraphStore, base: str = DEFAULT_BASE, force: bool = False) -> ReferenceUpdate | None:
    """What to write unless the store already holds this exact version (then None)."""
    fingerprint = reference_fingerprint(base)
    marker = Quad(NamedNode(REFERENCE_GRAPH), _VERSION, Literal(fingerprint), NamedNode(REFERENCE_GRAPH))
    if not force and store.ask(
        "ASK { GRAPH ?g { ?g ?p ?v } }",
        {"g": marker.graph_name, "p": marker.predicate, "v": marker.object},
    ):
        return None
    fresh = not any(store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": NamedNode(graph)})
                    for graph in (ONTOLOGY_GRAPH, REFERENCE_GRAPH))
    quads = [*_ontology_quads(), *gazetteer_quads(base=base, graph=REFERENCE_GRAPH)]
    return ReferenceUpdate(quads, marker, fresh)


def load_reference(store: GraphStore, base: str = DEFAULT_BASE, force: bool = False) -> bool:
    """Load ontology and gazetteer unless the store already holds this exact version.

    Returns True when something was written.
    """
    update = reference_update(store, base, force)
    if update is None:
        return False
    update.write(store)
    return True
