"""Plain-string names of the diplomap vocabulary, for code that builds triples without rdflib.

Hand-written and small; tests/test_ontology_vocab.py checks every constant against
``diplomap.ttl``. Values are local names: prefix them with ``DM_NS`` to get an IRI.
"""

from __future__ import annotations

from diplomap.ontology.iris import ENTITY_CLASSES, ONTOLOGY_NS

DM_NS = ONTOLOGY_NS

# The standard vocabularies diplomap reuses, one definition for every module.
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
DCTERMS_NS = "http://purl.org/dc/terms/"
PROV_NS = "http://www.w3.org/ns/prov#"
SCHEMA_NS = "https://schema.org/"
WGS84_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"  # geo:lat / geo:long (prefix "wgs" in our output)
GEOSPARQL_NS = "http://www.opengis.net/ont/geosparql#"  # geo:hasGeometry / geo:asWKT / geo:wktLiteral
ONTOLOGY_IRI = "https://w3id.org/diplomap/ontology"
SHAPES_IRI = "https://w3id.org/diplomap/shapes"

# Every entity has exactly one of ENTITY_CLASSES (or Document) as rdf:type.
CLASSES: tuple[str, ...] = (*ENTITY_CLASSES, "Document")
# Superclasses used only for domains and ranges; data never asserts them.
ABSTRACT_CLASSES: tuple[str, ...] = ("Agent", "Locality", "Organization", "Place")

# Direct property -> the statement class whose nodes reify its edges (dm:statementClass).
STATEMENT_CLASS: dict[str, str] = {
    "partnerOf": "Partnership",
    "locatedIn": "Location",
    "investsIn": "Investment",
    "basedIn": "Origin",
    "aidTo": "Aid",
    "memberOf": "Membership",
    "heritageOf": "HeritageListing",
    "recognizedBy": "Recognition",
    "holdsPosition": "Position",
    "visited": "Visit",
    "cooperatesWith": "Cooperation",
}
DIRECT_PROPERTIES: tuple[str, ...] = tuple(STATEMENT_CLASS)
STATEMENT_CLASSES: tuple[str, ...] = tuple(STATEMENT_CLASS.values())
SYMMETRIC_PROPERTIES: tuple[str, ...] = ("partnerOf", "cooperatesWith")

# Qualifiers of statement nodes (provenance also uses prov:wasDerivedFrom -> dm:Document).
QUALIFIERS: tuple[str, ...] = (
    "status", "listing", "date", "amount", "currency", "field", "role",
    "evidence", "evidenceStart", "evidenceEnd", "extractedBy", "confidence",
)

# Concepts of dm:PartnershipStage, in the order a partnership goes through them.
STAGES: tuple[str, ...] = ("Proposed", "Negotiating", "Signed", "Active")
STAGE_SCHEME = "PartnershipStage"
# skos:notation -> concept, e.g. the gold files' "signed" -> "Signed".
STAGE_BY_NOTATION: dict[str, str] = {stage.lower(): stage for stage in STAGES}

# Concepts of dm:HeritageListingScheme.
LISTINGS: tuple[str, ...] = (
    "RepresentativeList", "UrgentSafeguardingList", "Nominated", "NationalHeritage",
)
LISTING_SCHEME = "HeritageListingScheme"
LISTING_BY_NOTATION: dict[str, str] = {
    "representative": "RepresentativeList",
    "urgent-safeguarding": "UrgentSafeguardingList",
    "nominated": "Nominated",
    "national": "NationalHeritage",
}
