"""Prefixes for readable output (Turtle exports, result tables, VoID), one map for all of them.

Entity IRIs get one prefix per class segment (``province:bac-ninh``) because a local name
with a slash would need escaping in Turtle (``id:province\\/bac-ninh``).
"""

from __future__ import annotations

from diplomap.ontology.iris import CLASS_SEGMENTS, DEFAULT_BASE, GRAPH_NS, ONTOLOGY_NS
from diplomap.ontology.vocab import (
    DCTERMS_NS,
    GEOSPARQL_NS,
    OWL_NS,
    PROV_NS,
    RDF_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    WGS84_NS,
    XSD_NS,
)

STANDARD_PREFIXES: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": DCTERMS_NS,
    "geo": GEOSPARQL_NS,
    "owl": OWL_NS,
    "prov": PROV_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "schema": SCHEMA_NS,
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": SKOS_NS,
    "void": "http://rdfs.org/ns/void#",
    "wd": "http://www.wikidata.org/entity/",
    "wgs": WGS84_NS,
    "xsd": XSD_NS,
    "dmsh": "https://w3id.org/diplomap/shapes#",
}


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix -> namespace, sorted by prefix, for a store minted under ``base``."""
    table = dict(STANDARD_PREFIXES)
    table["dm"] = ONTOLOGY_NS
    table["graph"] = GRAPH_NS
    for segment in (*CLASS_SEGMENTS.values(), "statement"):
        table[segment] = f"{base}{segment}/"
    return dict(sorted(table.items()))


def compact(iri: str, table: dict[str, str]) -> str:
    """``prefix:local`` when a namespace of ``table`` fits and the rest is a plain name, else ``<iri>``."""
    best = ""
    for prefix, namespace in table.items():
        if iri.startswith(namespace) and len(namespace) > len(table.get(best, "")):
            best = prefix
    if best:
        local = iri[len(table[best]):]
        if local and all(ch.isalnum() or ch in "-_." for ch in local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"


def expand(name: str, table: dict[str, str]) -> str | None:
    """The IRI of ``prefix:local`` when the prefix is known, else None."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in table and "/" not in prefix:
        return table[prefix] + local
    return None
