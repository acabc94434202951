"""Content negotiation and the wire formats of the endpoint.

The endpoint caps the number of rows, but pyoxigraph's ``QuerySolutions.serialize`` can only
write a whole, uncapped result: the capped rows are written as SPARQL JSON here and, for the
other formats, read back with ``parse_query_results`` and written by pyoxigraph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from pyoxigraph import (
    QueryResultsFormat,
    RdfFormat,
    parse_query_results,
    serialize,
)

from diplomap.graph.query.execute import json_term
from diplomap.graph.query.prefixes import prefixes

# media type -> canonical media type; the first entry of each table is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_TYPES = {
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/ld+json": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
}
RDF_FORMATS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
BOOLEAN_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
# the same prefixes as the CLI's Turtle exports and result tables
PREFIXES = prefixes()


def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    """``(media range, q, position)`` for each entry of an Accept header."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def _specificity(media_range: str, offer: str) -> int | None:
    if media_range == offer:
        return 3
    kind, _, _ = offer.partition("/")
    if media_range == kind + "/*":
        return 2
    if media_range == "*/*":
        return 1
    return None


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers (q, then specificity, then its order), None when none is acceptable.

    No Accept header means anything: the first offer.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best = None
    best_key = None
    for index, offer in enumerate(offers):
        # The most specific range that matches an offer decides its q (RFC 9110 12.5.1).
        matches = [(spec, q, pos) for media, q, pos in ranges
                   if (spec := _specificity(media, offer)) is not None]
        if not matches:
            continue
        spec, q, pos = max(matches, key=lambda m: (m[0], -m[2]))
        if q <= 0:
            continue
        key = (q, spec, -pos, -index)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def negotiate_results(accept: str | None) -> str | None:
    chosen = negotiate(accept, list(RESULT_TYPES))
    return RESULT_TYPES[chosen] if chosen else None


def negotiate_graph(accept: str | None) -> str | None:
    chosen = negotiate(accept, list(GRAPH_TYPES))
    return GRAPH_TYPES[chosen] if chosen else None


# --- SELECT rows --------------------------------------------------------------------------


def write_rows(variables: Sequence[str], rows: Iterable[Sequence], media_type: str) -> bytes:
    """``rows`` hold one term (or None when unbound) per variable, in ``variables`` order."""
    bindings = [{name: json_term(t) for name, t in zip(variables, row, strict=True) if t is not None}
                for row in rows]
    data = json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")
    if media_type == "application/sparql-results+json":
        return data
    # The other formats: pyoxigraph's writers, fed with the capped rows read back from JSON.
    solutions = parse_query_results(data, format=QueryResultsFormat.JSON)
    return solutions.serialize(format=BOOLEAN_FORMATS[media_type])


def write_boolean(result, media_type: str) -> bytes:
    return result.serialize(format=BOOLEAN_FORMATS[media_type])


def write_graph(triples: Iterable, media_type: str) -> bytes:
    fmt = RDF_FORMATS[media_type]
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
    return serialize(triples, format=fmt, prefixes=prefixes)
