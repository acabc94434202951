"""docs/ontology/index.md: the human documentation of diplomap.ttl.

Every section is sorted by IRI, so regenerating an unchanged ontology gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from diplomap.ontology.docgen_markdown import (
    anchor,
    code,
    first_text,
    labels,
    members,
    qname,
    table,
    text,
)
from diplomap.ontology.docgen_terms import DM_STATEMENT_CLASS, Terms, concepts

DM_STATEMENT_FOR = URIRef("https://w3id.org/diplomap/ontology#statementFor")
GENERATED_BY = "python -m diplomap.ontology.docgen"

_CHARACTERISTICS = (
    (OWL.FunctionalProperty, "functional"),
    (OWL.InverseFunctionalProperty, "inverse functional"),
    (OWL.SymmetricProperty, "symmetric"),
    (OWL.TransitiveProperty, "transitive"),
)


class _Page:
    """The lines of the page and the anchors its links may point to."""

    def __init__(self, graph: Graph, terms: Terms) -> None:
        self.graph = graph
        self.terms = terms
        self.lines: list[str] = []
        self.anchors: dict[URIRef, str] = {}
        for term in terms.classes + terms.properties + terms.schemes:
            self.anchors[term] = anchor(term)
        for scheme in terms.schemes:
            for concept in concepts(graph, scheme):
                self.anchors.setdefault(concept, anchor(scheme))
        own = [anchor(t) for t in terms.classes + terms.properties + terms.schemes]
        clashes = sorted({a for a in own if own.count(a) > 1})
        if clashes:
            raise ValueError(f"terms whose names differ only in case share a heading anchor: {clashes}")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def link(self, node: object) -> str:
        if isinstance(node, BNode):
            parts = members(self.graph, node)
            if parts != [node]:
                return " or ".join(self.link(m) for m in parts)
            return "(anonymous)"
        if isinstance(node, Literal):
            return text(str(node))
        if node in self.anchors:
            return f"[{qname(node)}](#{self.anchors[node]})"
        name = qname(node)
        return f"<{node}>" if name.startswith("<") else f"[{name}]({node})"

    def links(self, nodes: Iterable[object]) -> str:
        return ", ".join(sorted(self.link(n) for n in nodes))

    def bullets(self, items: list[tuple[str, str]]) -> None:
        self.add(*(f"- **{name}:** {value}" for name, value in items if value), "")


def _labels_en_vi(graph: Graph, term: URIRef, predicate: URIRef = RDFS.label) -> str:
    parts = [f"{labels(graph, term, predicate, lang)} ({lang})" for lang in ("en", "vi")
             if labels(graph, term, predicate, lang)]
    return "; ".join(parts) or first_text(graph, term, predicate)


def _metadata(page: _Page, ontology: URIRef) -> None:
    graph = page.graph
    version_iri = graph.value(ontology, OWL.versionIRI)
    title = labels(graph, ontology, DCTERMS.title) or first_text(graph, ontology, DCTERMS.title)
    page.add(f"# {title or qname(ontology)}", "")
    page.add(f"Generated from `ontology/diplomap.ttl` by `{GENERATED_BY}`; do not edit by hand.", "")
    rows = [
        ["Title", _labels_en_vi(graph, ontology, DCTERMS.title)],
        ["IRI", f"<{ontology}>"],
        ["Version", text(str(graph.value(ontology, OWL.versionInfo) or ""))
         + (f" (<{version_iri}>)" if version_iri else "")],
        ["Licence", page.links(graph.objects(ontology, DCTERMS.license))],
        ["Creator", page.links(graph.objects(ontology, DCTERMS.creator))],
        ["Namespace", code(str(graph.value(ontology, VANN.preferredNamespaceUri) or ""))],
        ["Preferred prefix", code(str(graph.value(ontology, VANN.preferredNamespacePrefix) or ""))],
        ["See also", page.links(graph.objects(ontology, RDFS.seeAlso))],
    ]
    page.add(*table(["Metadata", "Value"], rows), "")
    description = first_text(graph, ontology, DCTERMS.description)
    if description:
        page.add(description, "")


def _contents(page: _Page) -> None:
    t = page.terms
    sections = [
        ("Diagram", ()),
        ("Entity classes", t.entity_classes),
        ("Abstract classes", t.abstract_classes),
        ("Statement classes", t.statement_classes),
        ("Disjointness", ()),
        ("Direct properties", t.direct_properties),
        ("Other object properties", t.other_object_properties),
        ("Other datatype properties", t.other_datatype_properties),
        ("Qualifier properties", t.qualifier_properties),
        ("Annotation properties", t.annotation_properties),
        ("Concept schemes", t.schemes),
    ]
    page.add("## Contents", "")
    for title, terms in sections:
        entry = f"- [{title}](#{title.lower().replace(' ', '-')})"
        page.add(entry + (": " + page.links(terms) if terms else ""))
    page.add("- [SHACL shapes](shapes.md)", "")


def _diagram(page: _Page, diagram: str) -> None:
    page.add("## Diagram", "")
    page.add("Entity classes and the abstract classes above them. Edges are the direct properties "
             "(undirected when symmetric; a union domain or range gives one edge per class); the "
             "other properties of a class are listed in its box. The source is also in "
             "[diagram.mmd](diagram.mmd).", "")
    page.add("```mermaid", diagram.rstrip("\n"), "```", "")


def _disjoint_groups(graph: Graph) -> list[list[URIRef]]:
    groups = []
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        listed = graph.value(node, OWL.members)
        if listed is not None:
            groups.append(sorted(Collection(graph, listed), key=str))
    for a, b in graph.subject_objects(OWL.disjointWith):
        groups.append(sorted([a, b], key=str))
    return sorted(groups, key=lambda g: [str(m) for m in g])


def _term_heading(page: _Page, term: URIRef) -> None:
    page.add(f"#### {qname(term)}", "")
    comment = first_text(page.graph, term, RDFS.comment)
    if comment:
        page.add(comment, "")


def _class(page: _Page, cls: URIRef, disjoint: list[list[URIRef]]) -> None:
    graph = page.graph
    props = page.terms.properties

    def uses(predicate: URIRef) -> list[URIRef]:
        return [p for p in props
                if any(cls in members(graph, v) for v in graph.objects(p, predicate))]

    _term_heading(page, cls)
    page.bullets([
        ("IRI", f"<{cls}>"),
        ("Label", _labels_en_vi(graph, cls)),
        ("Subclass of", page.links(graph.objects(cls, RDFS.subClassOf))),
        ("Subclasses", page.links(graph.subjects(RDFS.subClassOf, cls))),
        ("Disjoint with", page.links({m for g in disjoint if cls in g for m in g if m != cls})),
        ("Reifies", page.links(graph.objects(cls, DM_STATEMENT_FOR))),
        ("Domain of", page.links(uses(RDFS.domain))),
        ("Range of", page.links(uses(RDFS.range))),
        ("Close match", page.links(graph.objects(cls, SKOS.closeMatch))),
        ("See also", page.links(graph.objects(cls, RDFS.seeAlso))),
    ])


def _kind(graph: Graph, prop: URIRef) -> str:
    kinds = [name for rdf_type, name in (
        (OWL.ObjectProperty, "object property"),
        (OWL.DatatypeProperty, "datatype property"),
        (OWL.AnnotationProperty, "annotation property"),
    ) if (prop, RDF.type, rdf_type) in graph]
    kinds += [name for rdf_type, name in _CHARACTERISTICS if (prop, RDF.type, rdf_type) in graph]
    return ", ".join(kinds)


def _property(page: _Page, prop: URIRef) -> None:
    graph = page.graph
    inverses = set(graph.objects(prop, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, prop))
    _term_heading(page, prop)
    page.bullets([
        ("IRI", f"<{prop}>"),
        ("Label", _labels_en_vi(graph, prop)),
        ("Kind", _kind(graph, prop)),
        ("Domain", page.links(graph.objects(prop, RDFS.domain))),
        ("Range", page.links(graph.objects(prop, RDFS.range))),
        ("Sub-property of", page.links(graph.objects(prop, RDFS.subPropertyOf))),
        ("Inverse of", page.links(inverses)),
        ("Statement class", page.links(graph.objects(prop, DM_STATEMENT_CLASS))),
        ("See also", page.links(graph.objects(prop, RDFS.seeAlso))),
    ])


def _property_table(page: _Page, props: tuple[URIRef, ...], statement_column: bool) -> None:
    graph = page.graph
    header = ["Property", "Label (en)", "Label (vi)", "Domain", "Range", "Characteristics"]
    header += ["Statement class"] if statement_column else []
    rows = []
    for prop in props:
        row = [page.link(prop), labels(graph, prop), labels(graph, prop, lang="vi"),
               page.links(graph.objects(prop, RDFS.domain)), page.links(graph.objects(prop, RDFS.range)),
               ", ".join(name for t, name in _CHARACTERISTICS if (prop, RDF.type, t) in graph)]
        if statement_column:
            row.append(page.links(graph.objects(prop, DM_STATEMENT_CLASS)))
        rows.append(row)
    page.add(*table(header, rows), "")


def _property_section(page: _Page, title: str, intro: str, props: tuple[URIRef, ...],
                      statement_column: bool = False) -> None:
    page.add(f"## {title}", "", intro, "")
    if props:
        _property_table(page, props, statement_column)
    for prop in props:
        _property(page, prop)


def _schemes(page: _Page) -> None:
    graph = page.graph
    page.add("## Concept schemes", "")
    for scheme in page.terms.schemes:
        _term_heading(page, scheme)
        page.bullets([("IRI", f"<{scheme}>"), ("Label", _labels_en_vi(graph, scheme))])
        rows = [[code(qname(c)), code(first_text(graph, c, SKOS.notation)),
                 labels(graph, c, SKOS.prefLabel), labels(graph, c, SKOS.prefLabel, "vi"),
                 "; ".join(filter(None, (labels(graph, c, SKOS.altLabel, lang) for lang in ("en", "vi")))),
                 first_text(graph, c, SKOS.definition)]
                for c in concepts(graph, scheme)]
        page.add(*table(["Concept", "Notation", "Label (en)", "Label (vi)", "Also called", "Definition"],
                        rows), "")


def render(graph: Graph, terms: Terms, diagram: str) -> str:
    ontology = graph.value(predicate=RDF.type, object=OWL.Ontology)
    if not isinstance(ontology, URIRef):
        raise ValueError("the ontology graph declares no owl:Ontology with an IRI")
    page = _Page(graph, terms)
    _metadata(page, ontology)
    _contents(page)
    _diagram(page, diagram)
    disjoint = _disjoint_groups(graph)
    page.add("## Classes", "")
    for title, intro, classes in (
        ("Entity classes", "Every entity of the graph has exactly one of these as `rdf:type`.",
         terms.entity_classes),
        ("Abstract classes", "Superclasses used in domains and ranges; data never asserts them.",
         terms.abstract_classes),
        ("Statement classes", "Statement nodes (`rdf:Statement`) that reify one direct edge each and "
         "carry its qualifiers and provenance.", terms.statement_classes),
    ):
        page.add(f"### {title}", "", intro, "")
        for cls in classes:
            _class(page, cls, disjoint)
    page.add("### Disjointness", "", "Each line is a set of pairwise disjoint classes.", "")
    page.add(*(f"- {page.links(group)}" for group in disjoint), "")
    _property_section(page, "Direct properties",
                      "The edges between entities; each has a statement class whose nodes reify its edges.",
                      terms.direct_properties, statement_column=True)
    _property_section(page, "Other object properties",
                      "Links of entities and documents that have no statement node.",
                      terms.other_object_properties)
    _property_section(page, "Other datatype properties",
                      "Literal values of entities and documents.", terms.other_datatype_properties)
    _property_section(page, "Qualifier properties",
                      "Properties of statement nodes: qualifiers of the edge and where it was read.",
                      terms.qualifier_properties)
    _property_section(page, "Annotation properties",
                      "Annotations of the ontology itself, read by diplomap's code.",
                      terms.annotation_properties)
    _schemes(page)
    while page.lines and page.lines[-1] == "":
        page.lines.pop()
    return "\n".join(page.lines) + "\n"
