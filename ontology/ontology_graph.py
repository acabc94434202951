"""The ontology and the SHACL shapes as rdflib graphs.

Parsed once per process; every call returns a new Graph, so a caller that adds to it
cannot change what the next caller sees.
"""

from __future__ import annotations

import functools

from rdflib import Graph
from rdflib.term import Node

from diplomap.ontology import resources

_PREFIXES = {
    "dm": "https://w3id.org/diplomap/ontology#",
    "dmsh": "https://w3id.org/diplomap/shapes#",
}


@functools.lru_cache(maxsize=2)
def _triples(name: str) -> tuple[tuple[Node, Node, Node], ...]:
    graph = Graph().parse(data=resources.read_text(name), format="turtle")
    return tuple(graph)


def _graph(name: str) -> Graph:
    graph = Graph()
    for prefix, namespace in _PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in _triples(name):
        graph.add(triple)
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology ``diplomap.ttl``."""
    return _graph("diplomap.ttl")


def shapes_graph() -> Graph:
    """The SHACL shapes ``shapes.ttl``."""
    return _graph("shapes.ttl")
