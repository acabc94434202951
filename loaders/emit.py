"""Turn one document's extraction into RDF quads (pyoxigraph terms), following the contract.

Two parts, because they live in different named graphs:
- ``document_quads``: the document node, ``dm:mentionedIn``, aliases seen in this document,
  direct edges and their statement nodes — all in the document's own graph, so reloading
  the document replaces exactly them;
- ``entity_quads``: the type and English label of entities the gazetteer does not know,
  written once into the shared entities graph, so an entity found in two documents keeps
  one type and one label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.loaders.documents import Document
from diplomap.loaders.extractor_version import extractor_version
from diplomap.loaders.facts import Entity, Extraction, Fact
from diplomap.ontology.iris import DEFAULT_BASE, GRAPH_NS, statement_iri
from diplomap.ontology.vocab import (
    DCTERMS_NS,
    DM_NS,
    PROV_NS,
    RDF_NS,
    RDFS_NS,
    SKOS_NS,
    STATEMENT_CLASS,
    XSD_NS,
)

ENTITIES_GRAPH = GRAPH_NS + "entities"

DM = DM_NS
RDF = RDF_NS
RDFS = RDFS_NS
XSD = XSD_NS
SKOS = SKOS_NS
DCT = DCTERMS_NS
PROV = PROV_NS


_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_ALT = NamedNode(SKOS + "altLabel")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}
_DATE_SHAPE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def dm(name: str) -> NamedNode:
    return NamedNode(DM + name)


def date_literal(value: str) -> Literal:
    """``2021`` -> xsd:gYear, ``2021-10`` -> xsd:gYearMonth, ``2021-10-05`` -> xsd:date."""
    if not _DATE_SHAPE.match(value):
        raise ValueError(f"not an ISO date: {value!r}")
    return Literal(value, datatype=NamedNode(XSD + _DATE_TYPES[len(value)]))


def url_node(url: str) -> NamedNode | Literal:
    """A URL from an article becomes an IRI only when it is a well-formed http(s) IRI."""
    return NamedNode(url) if _SAFE_URL.match(url) else Literal(url)


def document_node_quads(doc: Document, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    iri = NamedNode(doc.iri(base))
    g = iri
    yield Quad(iri, _TYPE, dm("Document"), g)
    yield Quad(iri, NamedNode(DCT + "identifier"), Literal(doc.identity), g)
    yield Quad(iri, dm("contentHash"), Literal(doc.content_hash), g)
    yield Quad(iri, dm("textHash"), Literal(doc.text_hash), g)
    yield Quad(iri, dm("extractorVersion"), Literal(extractor_version()), g)
    if doc.title:
        yield Quad(iri, NamedNode(DCT + "title"), Literal(doc.title), g)
    if doc.date and _DATE_SHAPE.match(doc.date):
        yield Quad(iri, NamedNode(DCT + "date"), date_literal(doc.date), g)
    if doc.source:
        yield Quad(iri, NamedNode(DCT + "publisher"), Literal(doc.source), g)
    if doc.url:
        yield Quad(iri, NamedNode(DCT + "source"), url_node(doc.url), g)


def entity_quads(extraction: Extraction, base: str = DEFAULT_BASE,
                 graph: str = ENTITIES_GRAPH) -> Iterator[Quad]:
    """Type and label of the entities that the gazetteer does not hold."""
    g = NamedNode(graph)
    for entity in extraction.entities.values():
        if entity.gazetteer_id is None:
            node = NamedNode(entity.iri(base))
            yield Quad(node, _TYPE, dm(entity.type), g)
            yield Quad(node, _LABEL, Literal(entity.label, language="en"), g)


def _entity_mention_quads(entity: Entity, doc_iri: NamedNode, base: str) -> Iterator[Quad]:
    node = NamedNode(entity.iri(base))
    yield Quad(node, dm("mentionedIn"), doc_iri, doc_iri)
    for alias in sorted(entity.aliases - {entity.label}):
        yield Quad(node, _ALT, Literal(alias, language="en"), doc_iri)
    for name in sorted(entity.vi):
        yield Quad(node, _ALT, Literal(name, language="vi"), doc_iri)


def _fact_quads(fact: Fact, doc_iri: NamedNode, base: str) -> Iterator[Quad]:
    s = NamedNode(base + fact.subject)
    p = dm(fact.predicate)
    o = NamedNode(base + fact.object)
    g = doc_iri
    yield Quad(s, p, o, g)
    st = NamedNode(statement_iri(doc_iri.value, s.value, p.value, o.value, fact.start, base))
    yield Quad(st, _TYPE, NamedNode(RDF + "Statement"), g)
    yield Quad(st, _TYPE, dm(STATEMENT_CLASS[fact.predicate]), g)
    yield Quad(st, NamedNode(RDF + "subject"), s, g)
    yield Quad(st, NamedNode(RDF + "predicate"), p, g)
    yield Quad(st, NamedNode(RDF + "object"), o, g)
    yield Quad(st, NamedNode(PROV + "wasDerivedFrom"), doc_iri, g)
    yield Quad(st, dm("evidence"), Literal(fact.evidence), g)
    yield Quad(st, dm("evidenceStart"), Literal(str(fact.start), datatype=NamedNode(XSD + "nonNegativeInteger")), g)
    yield Quad(st, dm("evidenceEnd"), Literal(str(fact.end), datatype=NamedNode(XSD + "nonNegativeInteger")), g)
    yield Quad(st, dm("extractedBy"), Literal(fact.rule), g)
    confidence = Decimal(str(round(fact.confidence, 3)))
    yield Quad(st, dm("confidence"), Literal(str(confidence), datatype=NamedNode(XSD + "decimal")), g)
    if fact.status:
        yield Quad(st, dm("status"), dm(fact.status), g)
    if fact.listing:
        yield Quad(st, dm("listing"), dm(fact.listing), g)
    if fact.date:
        yield Quad(st, dm("date"), date_literal(fact.date), g)
    if fact.amount is not None:
        yield Quad(st, dm("amount"), Literal(format(fact.amount, "f"), datatype=NamedNode(XSD + "decimal")), g)
        if fact.currency:
            yield Quad(st, dm("currency"), Literal(fact.currency), g)
    for name in fact.fields:
        yield Quad(st, dm("field"), Literal(name), g)
    if fact.role:
        yield Quad(st, dm("role"), Literal(fact.role), g)


def document_quads(doc: Document, extraction: Extraction, base: str = DEFAULT_BASE) -> list[Quad]:
    """All quads of the document's own named graph (the graph name is the document IRI)."""
    doc_iri = NamedNode(doc.iri(base))
    quads = list(document_node_quads(doc, base))
    for entity in extraction.entities.values():
        quads.extend(_entity_mention_quads(entity, doc_iri, base))
    for fact in extraction.facts:
        quads.extend(_fact_quads(fact, doc_iri, base))
    return quads
