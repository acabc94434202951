"""The terms of the ontology sorted into the groups the documentation shows.

The groups are read from the graph's structure, not from a hand-kept list, so a term added
to diplomap.ttl shows up in the right section without touching the generator:
statement classes are subclasses of rdf:Statement, abstract classes are the dm: classes
other dm: classes specialise, direct properties carry dm:statementClass, and qualifiers
describe statement nodes (domain rdf:Statement or a statement class) or point to SKOS concepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from diplomap.ontology.docgen_markdown import is_dm, members

DM_STATEMENT_CLASS = URIRef("https://w3id.org/diplomap/ontology#statementClass")


@dataclass(frozen=True)
class Terms:
    entity_classes: tuple[URIRef, ...]
    abstract_classes: tuple[URIRef, ...]
    statement_classes: tuple[URIRef, ...]
    direct_properties: tuple[URIRef, ...]
    qualifier_properties: tuple[URIRef, ...]
    other_object_properties: tuple[URIRef, ...]
    other_datatype_properties: tuple[URIRef, ...]
    annotation_properties: tuple[URIRef, ...]
    schemes: tuple[URIRef, ...]

    @property
    def classes(self) -> tuple[URIRef, ...]:
        return self.entity_classes + self.abstract_classes + self.statement_classes

    @property
    def properties(self) -> tuple[URIRef, ...]:
        return (self.direct_properties + self.other_object_properties
                + self.other_datatype_properties + self.qualifier_properties
                + self.annotation_properties)


def _dm_subjects(graph: Graph, rdf_type: URIRef) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, rdf_type) if is_dm(s)}


def _sorted(terms: set[URIRef]) -> tuple[URIRef, ...]:
    return tuple(sorted(terms, key=str))


def collect(graph: Graph) -> Terms:
    classes = _dm_subjects(graph, OWL.Class)
    statement = {c for c in classes if (c, RDFS.subClassOf, RDF.Statement) in graph}
    abstract = {sup for c in classes for sup in graph.objects(c, RDFS.subClassOf)
                if sup in classes and sup not in statement}
    entity = classes - statement - abstract

    object_props = _dm_subjects(graph, OWL.ObjectProperty)
    datatype_props = _dm_subjects(graph, OWL.DatatypeProperty)
    direct = {p for p in object_props if graph.value(p, DM_STATEMENT_CLASS) is not None}
    on_statements = statement | {RDF.Statement}
    qualifiers = {
        p for p in (object_props | datatype_props) - direct
        if any(d in on_statements for dom in graph.objects(p, RDFS.domain) for d in members(graph, dom))
        or (p, RDFS.range, SKOS.Concept) in graph
    }
    return Terms(
        entity_classes=_sorted(entity),
        abstract_classes=_sorted(abstract),
        statement_classes=_sorted(statement),
        direct_properties=_sorted(direct),
        qualifier_properties=_sorted(qualifiers),
        other_object_properties=_sorted(object_props - direct - qualifiers),
        other_datatype_properties=_sorted(datatype_props - qualifiers),
        annotation_properties=_sorted(_dm_subjects(graph, OWL.AnnotationProperty)),
        schemes=_sorted(_dm_subjects(graph, SKOS.ConceptScheme)),
    )


def concepts(graph: Graph, scheme: URIRef) -> tuple[URIRef, ...]:
    return _sorted({c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)})
