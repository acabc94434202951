"""A Mermaid class diagram of the ontology: entity and abstract classes, their hierarchy,
the direct properties as edges (undirected when symmetric), and every other property with a
domain among those classes as an attribute of its domain (``+Locality replacedBy``).

Mermaid because GitHub draws it from Markdown with no tool to install. Other object
properties are attributes rather than edges because Mermaid draws every self-loop of a class
in the same place, so a second loop on dm:Locality would hide dm:partnerOf; for the same
reason edges joining the same two classes share one line with both labels. A union domain
or range (``owl:unionOf``) becomes one edge per member class.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from diplomap.ontology.docgen_markdown import local_name, members
from diplomap.ontology.docgen_terms import Terms


def _ends(graph: Graph, prop: URIRef, predicate: URIRef, shown: set[URIRef]) -> list[URIRef]:
    found = {m for value in graph.objects(prop, predicate) for m in members(graph, value)}
    return sorted((m for m in found if m in shown), key=str)


def _edges(graph: Graph, props: tuple[URIRef, ...], shown: set[URIRef]) -> list[str]:
    labels: dict[tuple[str, str, str], list[str]] = {}
    for prop in props:
        symmetric = (prop, RDF.type, OWL.SymmetricProperty) in graph
        pairs = [(d, r) for d in _ends(graph, prop, RDFS.domain, shown)
                 for r in _ends(graph, prop, RDFS.range, shown)]
        for domain, range_ in pairs:
            if symmetric and (range_, domain) in pairs and str(range_) < str(domain):
                continue  # a symmetric edge is drawn once, undirected
            key = (local_name(domain), "--" if symmetric else "-->", local_name(range_))
            labels.setdefault(key, []).append(local_name(prop))
    return [f"    {a} {link} {b} : {', '.join(sorted(names))}"
            for (a, link, b), names in sorted(labels.items())]


def _value_type(graph: Graph, prop: URIRef) -> str:
    ranges = list(graph.objects(prop, RDFS.range))
    if len(ranges) == 1 and isinstance(ranges[0], URIRef):
        return local_name(ranges[0]).split(":")[-1]
    return "Resource"


def render(graph: Graph, terms: Terms) -> str:
    """The diagram source, starting with ``classDiagram`` and ending with a newline."""
    shown = set(terms.entity_classes) | set(terms.abstract_classes)
    lines = ["classDiagram"]
    for cls in sorted(shown, key=str):
        lines.append(f"    class {local_name(cls)}")
    for cls in terms.abstract_classes:
        lines.append(f"    <<abstract>> {local_name(cls)}")
    for cls in sorted(shown, key=str):
        for parent in sorted((p for p in graph.objects(cls, RDFS.subClassOf) if p in shown), key=str):
            lines.append(f"    {local_name(parent)} <|-- {local_name(cls)}")
    lines += _edges(graph, terms.direct_properties, shown)
    attributes = terms.other_object_properties + terms.other_datatype_properties
    lines += sorted(f"    {local_name(domain)} : +{_value_type(graph, prop)} {local_name(prop)}"
                    for prop in attributes
                    for domain in _ends(graph, prop, RDFS.domain, shown))
    return "\n".join(lines) + "\n"
