"""The gazetteer as RDF quads in the reference named graph (no ``dm:mentionedIn``: no document states them)."""

from __future__ import annotations

import functools

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.ontology import gazetteer
from diplomap.ontology.gazetteer import Entry
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_NS, REFERENCE_GRAPH, geometry_iri
from diplomap.ontology.vocab import (
    DCTERMS_NS,
    GEOSPARQL_NS,
    OWL_NS,
    RDF_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    WGS84_NS,
    XSD_NS,
)

_RDF = RDF_NS
_RDFS = RDFS_NS
_SKOS = SKOS_NS
_OWL = OWL_NS
_DCTERMS = DCTERMS_NS
_XSD = XSD_NS
_SCHEMA = SCHEMA_NS
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"

RDF_TYPE = NamedNode(_RDF + "type")
LABEL = NamedNode(_RDFS + "label")
SEE_ALSO = NamedNode(_RDFS + "seeAlso")
ALT_LABEL = NamedNode(_SKOS + "altLabel")
CLOSE_MATCH = NamedNode(_SKOS + "closeMatch")
SAME_AS = NamedNode(_OWL + "sameAs")
IDENTIFIER = NamedNode(_DCTERMS + "identifier")
PARENT_ORGANIZATION = NamedNode(_SCHEMA + "parentOrganization")
XSD_DATE = NamedNode(_XSD + "date")
LOCATED_IN = NamedNode(ONTOLOGY_NS + "locatedIn")
BASED_IN = NamedNode(ONTOLOGY_NS + "basedIn")
REPLACED_BY = NamedNode(ONTOLOGY_NS + "replacedBy")
REPLACES = NamedNode(ONTOLOGY_NS + "replaces")
REPLACED_ON = NamedNode(ONTOLOGY_NS + "replacedOn")
LISTING = NamedNode(ONTOLOGY_NS + "listing")
LAT = NamedNode(WGS84_NS + "lat")
LONG = NamedNode(WGS84_NS + "long")
HAS_GEOMETRY = NamedNode(GEOSPARQL_NS + "hasGeometry")
AS_WKT = NamedNode(GEOSPARQL_NS + "asWKT")
GEOMETRY = NamedNode(GEOSPARQL_NS + "Geometry")
WKT_LITERAL = NamedNode(GEOSPARQL_NS + "wktLiteral")
XSD_DECIMAL = NamedNode(_XSD + "decimal")

PLACE_TYPES = frozenset({"Province", "VietnamLocality", "ForeignLocality"})
AGENT_TYPES = frozenset({"Corporation", "NGO", "InternationalOrganization", "GovernmentBody"})


def gazetteer_quads(base: str = DEFAULT_BASE, graph: str | NamedNode = REFERENCE_GRAPH) -> list[Quad]:
    """Every gazetteer entry as quads in ``graph``; built once per (base, graph) and shared (do not mutate)."""
    graph_iri = graph.value if isinstance(graph, NamedNode) else graph
    return list(_quads(base, graph_iri))


@functools.lru_cache(maxsize=4)
def _quads(base: str, graph_iri: str) -> tuple[Quad, ...]:
    graph = NamedNode(graph_iri)
    out: list[Quad] = []
    for entry in gazetteer.load():
        out.extend(Quad(s, p, o, graph) for s, p, o in entry_triples(entry, base))
    return tuple(out)


def entry_triples(entry: Entry, base: str = DEFAULT_BASE) -> list[tuple[NamedNode, NamedNode, object]]:
    subject = NamedNode(base + entry.id)
    triples: list[tuple[NamedNode, NamedNode, object]] = [
        (subject, RDF_TYPE, NamedNode(ONTOLOGY_NS + entry.type)),
        (subject, LABEL, Literal(entry.label, language="en")),
    ]
    triples += [(subject, ALT_LABEL, Literal(alias, language="en")) for alias in entry.aliases]
    triples += [(subject, ALT_LABEL, Literal(name, language="vi")) for name in entry.vi]
    if entry.parent:
        link = LOCATED_IN if entry.type in PLACE_TYPES else BASED_IN if entry.type in AGENT_TYPES else None
        if link is not None:
            triples.append((subject, link, NamedNode(base + entry.parent)))
    if entry.extra.get("parent_organization"):
        triples.append((subject, PARENT_ORGANIZATION, NamedNode(base + entry.extra["parent_organization"])))
    if entry.wikidata:
        triples.append((subject, SAME_AS, NamedNode(WIKIDATA + entry.wikidata)))
    if entry.iso3166:
        triples.append((subject, IDENTIFIER, Literal(entry.iso3166)))
    if entry.geonames:
        link = SAME_AS if entry.extra.get("geonames_link") == "sameAs" else CLOSE_MATCH
        triples.append((subject, link, NamedNode(f"{GEONAMES}{entry.geonames}/")))
    if entry.unesco:
        triples.append((subject, SEE_ALSO, NamedNode(entry.unesco)))
    if entry.replaced_by:
        triples.append((subject, REPLACED_BY, NamedNode(base + entry.replaced_by)))
    triples += [(subject, REPLACES, NamedNode(base + former)) for former in entry.replaces]
    if entry.replaced_on and (entry.replaced_by or entry.replaces):
        triples.append((subject, REPLACED_ON, Literal(entry.replaced_on, datatype=XSD_DATE)))
    if entry.listing:
        triples.append((subject, LISTING, NamedNode(ONTOLOGY_NS + entry.listing)))
    if "lat" in entry.extra and "long" in entry.extra:
        triples += point_triples(subject, float(entry.extra["lat"]), float(entry.extra["long"]))
    return triples


def point_triples(subject: NamedNode, lat: float, long: float) -> list[tuple[NamedNode, NamedNode, object]]:
    """W3C WGS84 ``geo:lat``/``geo:long`` and a GeoSPARQL point geometry (WKT: longitude first)."""
    geometry = NamedNode(geometry_iri(subject.value))
    return [
        (subject, LAT, Literal(f"{lat:.4f}", datatype=XSD_DECIMAL)),
        (subject, LONG, Literal(f"{long:.4f}", datatype=XSD_DECIMAL)),
        (subject, HAS_GEOMETRY, geometry),
        (geometry, RDF_TYPE, GEOMETRY),
        (geometry, AS_WKT, Literal(f"POINT({long:.4f} {lat:.4f})", datatype=WKT_LITERAL)),
    ]
