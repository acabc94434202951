"""``diplomap remove DOC``: drop a document's graph, and the entities only it mentioned."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from diplomap.graph.ingest.pipeline import remove_orphan_entities
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError
from diplomap.ontology.iris import DEFAULT_BASE, document_iri
from diplomap.ontology.vocab import DM_NS


@dataclass(frozen=True)
class Removal:
    document: str  # the IRI of the dropped graph
    orphans_removed: int


def document_graph(store: GraphStore, name: str, base: str = DEFAULT_BASE) -> str:
    """The stored document graph that ``name`` (a document IRI or an identity) designates."""
    candidates = [name] if name.startswith(base + "document/") else []
    candidates.append(document_iri(name, base))
    for iri in candidates:
        try:
            node = NamedNode(iri)
        except ValueError:  # not a valid IRI: then it can only be an identity
            continue
        if store.ask(f"ASK {{ GRAPH ?g {{ ?g a <{DM_NS}Document> }} }}", {"g": node}):
            return iri
    raise InputError(f"no document {name!r} in the store (give its IRI or its identity)")


def remove_document(store: GraphStore, name: str, base: str = DEFAULT_BASE) -> Removal:
    """Drop the document's graph. Its ``dm:mentionedIn`` edges lived there, so they go with it;
    entities that no other document mentions lose their type and label too."""
    iri = document_graph(store, name, base)
    store.drop_graph(iri)
    return Removal(iri, remove_orphan_entities(store))
