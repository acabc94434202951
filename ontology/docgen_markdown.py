"""Markdown building blocks shared by the ontology and shapes pages of docgen.

Names are written with a fixed prefix table (not rdflib's bindings, which change between
releases) so the generated pages only change when the ontology does.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from diplomap.ontology.iris import ONTOLOGY_NS

PREFIXES: dict[str, str] = {
    "dm": ONTOLOGY_NS,
    "dmsh": "https://w3id.org/diplomap/shapes#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": str(OWL),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vann": "http://purl.org/vocab/vann/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Longest namespace first, so "dmsh:" is never shortened as a "dm:" term.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def qname(iri: URIRef | str) -> str:
    """``dm:Province`` for a known namespace, else the full IRI in angle brackets."""
    text = str(iri)
    for prefix, namespace in _BY_LENGTH:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def local_name(iri: URIRef | str) -> str:
    return str(iri)[len(ONTOLOGY_NS):] if is_dm(iri) else qname(iri)


def is_dm(iri: object) -> bool:
    return isinstance(iri, URIRef) and str(iri).startswith(ONTOLOGY_NS)


def anchor(iri: URIRef) -> str:
    """The id GitHub (and Python-Markdown's toc) give the heading ``dm:Name``."""
    return slug(qname(iri))


def slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9 _-]", "", heading.lower()).replace(" ", "-")


def text(value: str) -> str:
    """Plain text for Markdown: one line, Markdown and HTML specials escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def code(value: str) -> str:
    """An inline code span that survives a table cell (``|`` is escaped even inside code)."""
    body = " ".join(str(value).split()).replace("|", "\\|")
    fence = "``" if "`" in body else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def labels(graph: Graph, node: URIRef, predicate: URIRef = RDFS.label, lang: str = "en") -> str:
    values = sorted(str(v) for v in graph.objects(node, predicate)
                    if isinstance(v, Literal) and v.language == lang)
    return "; ".join(text(v) for v in values)


def first_text(graph: Graph, node: URIRef, predicate: URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(node, predicate))
    return text(values[0]) if values else ""


def members(graph: Graph, node: object) -> list[object]:
    """The classes a domain or range names: itself, or the members of an owl:unionOf."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return list(Collection(graph, union))
    return [node]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return lines
